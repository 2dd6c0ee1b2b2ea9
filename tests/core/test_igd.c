/*
 * The gateway client (src/gateway/igd.c) built natively against Debian's libminiupnpc, under
 * AddressSanitizer and UndefinedBehaviorSanitizer, talking to the real miniupnpd of the router
 * lab (tests/upnp/lab.sh). It runs in the lab's client namespace: the router is 10.77.0.1,
 * we are 10.77.0.2, the router's external address is 1.2.3.4. Every change is also checked
 * with upnpc, miniupnpc's own client, as a second opinion on the router's table.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "gateway/igd.h"

#define IP(a, b, c, d) ((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | (uint32_t)(c) << 8 | (uint32_t)(d))
#define ROUTER IP(10, 77, 0, 1)
#define CLIENT IP(10, 77, 0, 2)

static struct ohn_igd igd;

/* Discovers the lab router as the engine does: every answer described, the best kept. */
static int find_router(void **state)
{
    struct ohn_ssdp_answer answer;
    struct ohn_ssdp *s = NULL;
    struct ohn_igd candidate;
    uint64_t start = ohn_now_ms(), deadline = start + 1000;
    uint32_t sender;

    memset(&igd, 0, sizeof(igd));
    if (ohn_ssdp_start(NULL, 0, &s))
        return -1;
    while (ohn_ssdp_next(s, deadline, &answer, &sender) == 1)
        if (!ohn_igd_describe(&answer, sender, deadline + 2000, &candidate) && candidate.score > igd.score)
            igd = candidate;
    ohn_ssdp_stop(s);
    return igd.score ? 0 : -1;
}

/* How upnpc sees the router's table: its "-l" listing, or "" when it failed. */
static void upnpc_list(char *out, size_t cap)
{
    FILE *p = popen("upnpc -u http://10.77.0.1:5431/rootDesc.xml -l 2>/dev/null", "r");
    size_t n = 0;

    out[0] = 0;
    if (!p)
        return;
    n = fread(out, 1, cap - 1, p);
    out[n] = 0;
    pclose(p);
}

static void the_router_is_found_and_described(void **state)
{
    assert_int_equal(ROUTER, igd.responder);
    assert_int_equal(CLIENT, igd.lan_ip);
    assert_string_equal("urn:schemas-upnp-org:service:WANIPConnection:2", igd.service_type);
    assert_true(ohn_url_host_is(igd.control_url, ROUTER));
    assert_true(igd.facts.connected);
    assert_int_equal(IP(1, 2, 3, 4), igd.facts.external_ip);
    assert_int_equal(OHN_GW_SCORE_BEST, igd.score);
}

static void a_location_elsewhere_than_the_sender_is_refused(void **state)
{
    struct ohn_ssdp_answer answer = {"http://10.77.0.1:5431/rootDesc.xml", "", ""};
    struct ohn_igd other;

    assert_int_equal(OHN_IGD_EPROTO, ohn_igd_describe(&answer, IP(10, 77, 0, 3), ohn_now_ms() + 2000, &other));
    strcpy(answer.location, "http://10.77.0.1:5431/no-such-file.xml");
    assert_int_equal(OHN_IGD_EPROTO, ohn_igd_describe(&answer, ROUTER, ohn_now_ms() + 2000, &other));
}

static void add_get_list_delete_with_escaped_values(void **state)
{
    struct ohn_igd_entry e = {6, 45000, 8080, CLIENT, "", "Tom & Jerry's <\"game\">", 1, 3600};
    struct ohn_igd_entry got, *list = NULL;
    uint64_t deadline = ohn_now_ms() + 3000;
    unsigned count = 0, i, found = 0;
    char table[8192];
    long granted = -1;

    assert_int_equal(0, ohn_igd_add(&igd, deadline, &e, &granted));
    assert_int_equal(3600, granted);
    assert_int_equal(0, ohn_igd_get(&igd, deadline, 6, 45000, "", &got));
    assert_int_equal(CLIENT, got.internal_ip);
    assert_int_equal(8080, got.internal_port);
    assert_string_equal(e.description, got.description);
    assert_true(got.lease > 3500 && got.lease <= 3600);
    upnpc_list(table, sizeof(table));
    assert_non_null(strstr(table, "TCP 45000->10.77.0.2:8080"));

    assert_int_equal(0, ohn_igd_list(&igd, deadline, &list, &count));
    for (i = 0; i < count; i++)
        if (list[i].protocol == 6 && list[i].external_port == 45000)
        {
            found++;
            assert_string_equal(e.description, list[i].description);
            assert_int_equal(CLIENT, list[i].internal_ip);
        }
    free(list);
    assert_int_equal(1, found);

    assert_int_equal(0, ohn_igd_delete(&igd, deadline, 6, 45000, ""));
    assert_int_equal(OHN_UPNP_NO_SUCH_ENTRY, ohn_igd_get(&igd, deadline, 6, 45000, "", &got));
    upnpc_list(table, sizeof(table));
    assert_null(strstr(table, "TCP 45000->"));
}

static void another_clients_mapping_is_a_conflict(void **state)
{
    struct ohn_igd_entry mine = {17, 45001, 45001, CLIENT, "", "mine", 1, 600};
    struct ohn_igd_entry theirs = {17, 45001, 45001, IP(10, 77, 0, 3), "", "theirs", 1, 600};
    uint64_t deadline = ohn_now_ms() + 3000;
    long granted;

    assert_int_equal(0, ohn_igd_add(&igd, deadline, &mine, &granted));
    assert_int_equal(OHN_UPNP_CONFLICT, ohn_igd_add(&igd, deadline, &theirs, &granted));
    assert_int_equal(0, ohn_igd_delete(&igd, deadline, 17, 45001, ""));
}

static void values_too_long_to_send_are_refused(void **state)
{
    struct ohn_igd_entry e = {6, 45002, 45002, CLIENT, "", "", 1, 0};
    long granted;

    memset(e.description, '&', 200); /* 200 × "&amp;": too long to send */
    assert_int_equal(OHN_IGD_EARGS, ohn_igd_add(&igd, ohn_now_ms() + 3000, &e, &granted));
}

static void a_passed_deadline_sends_nothing(void **state)
{
    struct ohn_igd_entry e = {6, 45003, 45003, CLIENT, "", "late", 1, 0};
    long granted;

    assert_int_equal(OHN_IGD_ETIMEOUT, ohn_igd_add(&igd, ohn_now_ms() - 1, &e, &granted));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_router_is_found_and_described),
        cmocka_unit_test(a_location_elsewhere_than_the_sender_is_refused),
        cmocka_unit_test(add_get_list_delete_with_escaped_values),
        cmocka_unit_test(another_clients_mapping_is_a_conflict),
        cmocka_unit_test(values_too_long_to_send_are_refused),
        cmocka_unit_test(a_passed_deadline_sends_nothing),
    };
    return cmocka_run_group_tests_name("igd against miniupnpd", tests, find_router, NULL);
}
