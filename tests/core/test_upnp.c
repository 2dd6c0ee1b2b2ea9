/*
 * Native tests of the UPnP engine's portable core (src/core/upnp.c), under AddressSanitizer
 * and UndefinedBehaviorSanitizer. SSDP answers come from fixture pairs in fixtures/ssdp: NAME.txt
 * (the datagram as a device sent it) and NAME.expect ("reject", or the parsed fields).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "ohn_upnp.h"

#ifndef FIXTURES
#error FIXTURES must name the fixtures folder
#endif

#define IP(a, b, c, d) ((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | (uint32_t)(c) << 8 | (uint32_t)(d))

static size_t read_file(const char *path, char *buf, size_t cap)
{
    FILE *f = fopen(path, "rb");
    size_t n;

    assert_non_null(f);
    n = fread(buf, 1, cap, f);
    fclose(f);
    return n;
}

static void ssdp_fixtures_parse_as_expected(void **state)
{
    char path[512], msg[4096], expect[2048], got[2048];
    struct ohn_ssdp_answer answer;
    struct dirent *e;
    unsigned seen = 0;
    DIR *d = opendir(FIXTURES "/ssdp");
    size_t n, len;

    assert_non_null(d);
    while ((e = readdir(d)))
    {
        len = strlen(e->d_name);
        if (len < 5 || strcmp(e->d_name + len - 4, ".txt"))
            continue;
        snprintf(path, sizeof(path), "%s/ssdp/%s", FIXTURES, e->d_name);
        n = read_file(path, msg, sizeof(msg));
        snprintf(path + strlen(path) - 4, 8, ".expect");
        expect[read_file(path, expect, sizeof(expect) - 1)] = 0;
        if (ohn_ssdp_parse(msg, n, &answer))
            snprintf(got, sizeof(got), "reject\n");
        else
            snprintf(got, sizeof(got), "location=%s\nst=%s\nusn=%s\n", answer.location, answer.st, answer.usn);
        if (strcmp(expect, got))
            fail_msg("%s: expected\n%s\ngot\n%s", e->d_name, expect, got);
        seen++;
    }
    closedir(d);
    assert_true(seen >= 10);
}

static void ssdp_parse_is_bounded_and_survives_any_bytes(void **state)
{
    struct ohn_ssdp_answer answer;
    char buf[OHN_SSDP_MAX + 1];
    unsigned i, j, seed = 12345;

    memset(buf, 'a', sizeof(buf));
    assert_int_equal(-1, ohn_ssdp_parse(buf, sizeof(buf), &answer)); /* longer than one datagram */
    for (i = 0; i < 100000; i++)
    {
        size_t len = 0;
        const char *head = "HTTP/1.1 200 OK\r\nLOCATION: ";

        if (i & 1)
        {
            memcpy(buf, head, strlen(head));
            len = strlen(head);
        }
        for (j = len; j < 200; j++)
        {
            seed = seed * 1103515245 + 12345;
            buf[j] = (char)(seed >> 16);
            if ((seed >> 8) % 7 == 0)
                buf[j] = "\r\n: "[(seed >> 4) & 3];
        }
        if (!ohn_ssdp_parse(buf, 200, &answer))
        {
            assert_true(strlen(answer.location) < sizeof(answer.location));
            assert_true(strlen(answer.st) < sizeof(answer.st));
        }
    }
}

static void search_messages_follow_uda(void **state)
{
    char buf[512];
    size_t n = ohn_ssdp_search(buf, sizeof(buf), ohn_ssdp_targets[0], 1);

    assert_true(n > 0);
    assert_int_equal(n, strlen(buf));
    assert_non_null(strstr(buf, "M-SEARCH * HTTP/1.1\r\n"));
    assert_non_null(strstr(buf, "\r\nMAN: \"ssdp:discover\"\r\n"));
    assert_non_null(strstr(buf, "\r\nMX: 1\r\n"));
    assert_non_null(strstr(buf, "\r\nST: urn:schemas-upnp-org:device:InternetGatewayDevice:2\r\n"));
    assert_string_equal("\r\n\r\n", buf + n - 4);
    n = ohn_ssdp_search(buf, sizeof(buf), "x", 0);
    assert_non_null(strstr(buf, "\r\nMX: 1\r\n"));
    n = ohn_ssdp_search(buf, sizeof(buf), "x", 99);
    assert_non_null(strstr(buf, "\r\nMX: 5\r\n"));
    assert_int_equal(0, ohn_ssdp_search(buf, 40, ohn_ssdp_targets[0], 1));
}

static void urls_must_be_literal_ipv4_http(void **state)
{
    static const char *bad[] = {
        "https://10.0.0.1/x", "http://router.local/x", "http://10.0.0.1:0/x", "http://10.0.0.1:65536/x",
        "http://10.0.0.01/x", "http://10.0.0/x", "http://10.0.0.1.5/x", "http://[::1]/x",
        "http://user@10.0.0.1/x", "http://10.0.0.1x/", "http://10.0.0.1:/x", "ftp://10.0.0.1/",
        "http://10.0.0.1/a b", "http://10.0.0.1:8080a/", "", "http://",
    };
    const char *path;
    uint16_t port;
    uint32_t ip;
    size_t i;

    assert_int_equal(0, ohn_url_parse("http://10.77.0.1:5431/rootDesc.xml", &ip, &port, &path));
    assert_int_equal(IP(10, 77, 0, 1), ip);
    assert_int_equal(5431, port);
    assert_string_equal("/rootDesc.xml", path);
    assert_int_equal(0, ohn_url_parse("HTTP://192.168.1.254", &ip, &port, &path));
    assert_int_equal(80, port);
    assert_string_equal("/", path);
    for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        if (!ohn_url_parse(bad[i], &ip, &port, &path))
            fail_msg("accepted %s", bad[i]);
    assert_true(ohn_url_host_is("http://10.77.0.1:5431/ctl/IPConn", IP(10, 77, 0, 1)));
    assert_false(ohn_url_host_is("http://10.77.0.3:5431/ctl/IPConn", IP(10, 77, 0, 1)));
    assert_false(ohn_url_host_is("/ctl/IPConn", IP(10, 77, 0, 1)));
}

static void ipv4_helpers(void **state)
{
    char text[16];
    uint32_t ip;

    assert_int_equal(0, ohn_ipv4_parse("203.0.113.2", &ip));
    assert_int_equal(IP(203, 0, 113, 2), ip);
    assert_int_equal(-1, ohn_ipv4_parse("203.0.113.2 ", &ip));
    assert_int_equal(-1, ohn_ipv4_parse("256.0.0.1", &ip));
    ohn_ipv4_format(IP(255, 0, 10, 1), text);
    assert_string_equal("255.0.10.1", text);
    assert_true(ohn_ipv4_is_private(IP(10, 1, 2, 3)));
    assert_true(ohn_ipv4_is_private(IP(172, 31, 0, 1)));
    assert_false(ohn_ipv4_is_private(IP(172, 32, 0, 1)));
    assert_true(ohn_ipv4_is_private(IP(192, 168, 0, 1)));
    assert_true(ohn_ipv4_is_private(IP(100, 64, 0, 1)));
    assert_false(ohn_ipv4_is_private(IP(100, 128, 0, 1)));
    assert_false(ohn_ipv4_is_private(IP(1, 2, 3, 4)));
    assert_true(ohn_ipv4_same_subnet(IP(10, 77, 0, 2), IP(10, 77, 0, 200), 24));
    assert_false(ohn_ipv4_same_subnet(IP(10, 77, 0, 2), IP(10, 77, 1, 2), 24));
    assert_true(ohn_ipv4_same_subnet(IP(10, 77, 0, 2), IP(10, 77, 0, 2), 32));
    assert_false(ohn_ipv4_same_subnet(IP(10, 77, 0, 2), IP(10, 77, 0, 2), 0));
}

static void xml_escaping_round_trips(void **state)
{
    static const char plain[] = "Tom & Jerry's <\"x\">", escaped[] = "Tom &amp; Jerry&apos;s &lt;&quot;x&quot;&gt;";
    char out[128], back[128];

    assert_int_equal(strlen(escaped), ohn_xml_escape(plain, out, sizeof(out)));
    assert_string_equal(escaped, out);
    assert_int_equal(strlen(plain), ohn_xml_unescape(out, back, sizeof(back)));
    assert_string_equal(plain, back);
    assert_int_equal(-1, ohn_xml_escape("&&&&", out, 20));
    assert_string_equal("", out);
    assert_int_equal(-1, ohn_xml_escape("abc", out, 3));

    ohn_xml_unescape("&#233;&#xE9;&#x1F600;&#65;", back, sizeof(back));
    assert_string_equal("\xc3\xa9\xc3\xa9\xf0\x9f\x98\x80" "A", back);
    /* Not entities (or not characters): kept as they stand. */
    ohn_xml_unescape("&#0; &#xD800; &#x110000; &bogus; &#; &#x; & &amp", back, sizeof(back));
    assert_string_equal("&#0; &#xD800; &#x110000; &bogus; &#; &#x; & &amp", back);
    assert_int_equal(-1, ohn_xml_unescape("abcdef", back, 4));
}

static void xml_unescape_survives_any_bytes(void **state)
{
    char in[64], out[64];
    unsigned i, j, seed = 7;

    for (i = 0; i < 200000; i++)
    {
        for (j = 0; j < sizeof(in) - 1; j++)
        {
            seed = seed * 1103515245 + 12345;
            in[j] = "&#x;0123456789abcdefamplgtquos ;\xff"[(seed >> 16) % 33];
        }
        in[(seed >> 20) % sizeof(in)] = 0;
        in[sizeof(in) - 1] = 0;
        if (ohn_xml_unescape(in, out, sizeof(out)) >= 0)
            assert_true(strlen(out) <= strlen(in));
    }
}

static void gateways_are_scored_as_documented(void **state)
{
    static const struct
    {
        struct ohn_gw_facts facts;
        int score;
    } table[] = {
        {{3, 1, IP(1, 2, 3, 4)}, OHN_GW_SCORE_BEST},
        {{2, 1, IP(1, 2, 3, 4)}, 112},
        {{1, 1, IP(1, 2, 3, 4)}, 111},
        {{3, 1, IP(10, 0, 0, 2)}, 103},  /* double NAT */
        {{3, 0, IP(1, 2, 3, 4)}, 13},    /* not connected */
        {{3, 1, 0}, 3},                  /* no external address */
        {{0, 1, IP(1, 2, 3, 4)}, 0},     /* not a WAN connection service: never chosen */
    };
    size_t i;

    for (i = 0; i < sizeof(table) / sizeof(table[0]); i++)
        assert_int_equal(table[i].score, ohn_gw_score(&table[i].facts));
    /* A connected WANIPConnection:1 beats a disconnected WANIPConnection:2. */
    assert_true(ohn_gw_score(&table[1].facts) > ohn_gw_score(&table[4].facts));
    assert_int_equal(3, ohn_gw_service_rank("urn:schemas-upnp-org:service:WANIPConnection:2"));
    assert_int_equal(2, ohn_gw_service_rank("urn:schemas-upnp-org:service:WANIPConnection:1"));
    assert_int_equal(1, ohn_gw_service_rank("urn:schemas-upnp-org:service:WANPPPConnection:1"));
    assert_int_equal(0, ohn_gw_service_rank("urn:schemas-upnp-org:service:WANPPPConnection:2"));
    assert_int_equal(0, ohn_gw_service_rank("urn:schemas-upnp-org:service:Layer3Forwarding:1"));
}

static void leases_fall_back_and_renew_at_half(void **state)
{
    assert_int_equal(0, ohn_lease_fallback(3600, OHN_UPNP_ONLY_PERMANENT));
    assert_int_equal(-1, ohn_lease_fallback(0, OHN_UPNP_ONLY_PERMANENT));
    assert_int_equal(604800, ohn_lease_fallback(0, OHN_UPNP_INVALID_ARGS));
    assert_int_equal(86400, ohn_lease_fallback(604800, OHN_UPNP_INVALID_ARGS));
    assert_int_equal(7200, ohn_lease_fallback(86400, 724));
    assert_int_equal(3600, ohn_lease_fallback(7200, 726));
    assert_int_equal(-1, ohn_lease_fallback(3600, OHN_UPNP_INVALID_ARGS));
    assert_int_equal(-1, ohn_lease_fallback(1234, OHN_UPNP_INVALID_ARGS));
    assert_int_equal(-1, ohn_lease_fallback(0, OHN_UPNP_CONFLICT));
    assert_int_equal(0, ohn_lease_renew_at(1000, 0));
    assert_int_equal(1000 + 1800000, ohn_lease_renew_at(1000, 3600));
}

static void ownership_records_round_trip_and_reject_garbage(void **state)
{
    struct ohn_owned o = {17, OHN_OWNER_SESSION, 40000, IP(10, 77, 0, 2), 5004, 3600, 1790000000ull, 4242,
                          0x01d9aabbccddeeffull};
    struct ohn_owned back;
    uint8_t buf[OHN_OWNED_SIZE + 8];
    unsigned i, j, seed = 99;

    assert_int_equal(OHN_OWNED_SIZE, ohn_owned_encode(&o, buf, sizeof(buf)));
    assert_int_equal(0, ohn_owned_decode(buf, OHN_OWNED_SIZE, &back));
    assert_int_equal(o.protocol, back.protocol);
    assert_int_equal(o.kind, back.kind);
    assert_int_equal(o.external_port, back.external_port);
    assert_int_equal(o.internal_ip, back.internal_ip);
    assert_int_equal(o.internal_port, back.internal_port);
    assert_int_equal(o.lease, back.lease);
    assert_int_equal(o.expires, back.expires);
    assert_int_equal(o.owner_pid, back.owner_pid);
    assert_int_equal(o.owner_start, back.owner_start);
    assert_int_equal(0, ohn_owned_encode(&o, buf, OHN_OWNED_SIZE - 1));
    assert_int_equal(-1, ohn_owned_decode(buf, OHN_OWNED_SIZE - 1, &back));
    assert_int_equal(-1, ohn_owned_decode(buf, OHN_OWNED_SIZE + 1, &back));
    buf[4] = 1; /* not TCP or UDP */
    assert_int_equal(-1, ohn_owned_decode(buf, OHN_OWNED_SIZE, &back));
    for (i = 0; i < 100000; i++)
    {
        for (j = 0; j < OHN_OWNED_SIZE; j++)
        {
            seed = seed * 1103515245 + 12345;
            buf[j] = (uint8_t)(seed >> 16);
        }
        memcpy(buf, "OWN\1", 4);
        if (!ohn_owned_decode(buf, OHN_OWNED_SIZE, &back))
            assert_true(back.protocol == 6 || back.protocol == 17);
    }
}

/* The realisation plan, case by case (ohn_upnp.h). */
static void realisation_plans_touch_only_our_own(void **state)
{
    const uint32_t lan = IP(10, 77, 0, 2), target = IP(10, 77, 0, 9), other = IP(10, 77, 0, 10);
    const struct ohn_owned ours = {6, OHN_OWNER_ICS, 8080, target, 80, 0, 0, 0, 0};
    const struct ohn_owned ours_leased = {6, OHN_OWNER_ICS, 8080, target, 80, 3600, 100000 + 3600, 0, 0};
    const struct ohn_rz_want want = {1, target, 80}, none = {0, 0, 0};
    const struct ohn_rz_want far = {1, IP(192, 0, 2, 9), 80}, unresolved = {1, 0, 80};
    const struct ohn_rz_want moved = {1, other, 80};
    const struct ohn_rz_gateway absent = {0, 0, 0}, same = {1, target, 80}, foreign = {1, other, 80};
    static const char *action_names[] = {"nothing", "add", "replace", "renew", "delete", "forget"};
    const struct
    {
        const struct ohn_rz_want *want;
        const struct ohn_owned *owned;
        const struct ohn_rz_gateway *gw;
        uint64_t now;
        enum ohn_rz_action action;
        enum ohn_rz_state state;
    } table[] = {
        {&want, NULL, &absent, 0, OHN_RZ_ADD, OHN_RZS_LIVE},
        {&want, &ours, &absent, 0, OHN_RZ_ADD, OHN_RZS_LIVE},              /* the router forgot it */
        {&want, &ours, &same, 0, OHN_RZ_NOTHING, OHN_RZS_LIVE},
        {&want, NULL, &same, 0, OHN_RZ_NOTHING, OHN_RZS_MATCHING},         /* not ours: left alone */
        {&want, NULL, &foreign, 0, OHN_RZ_NOTHING, OHN_RZS_CONFLICT},
        {&want, &ours, &foreign, 0, OHN_RZ_FORGET, OHN_RZS_CONFLICT},       /* ours was replaced */
        {&moved, &ours, &same, 0, OHN_RZ_REPLACE, OHN_RZS_LIVE},           /* the target changed */
        {&none, &ours, &same, 0, OHN_RZ_DELETE, OHN_RZS_NONE},
        {&none, &ours, &foreign, 0, OHN_RZ_FORGET, OHN_RZS_NONE},          /* never anybody else's */
        {&none, &ours, &absent, 0, OHN_RZ_FORGET, OHN_RZS_NONE},
        {&none, NULL, &foreign, 0, OHN_RZ_NOTHING, OHN_RZS_NONE},
        {&far, NULL, &absent, 0, OHN_RZ_NOTHING, OHN_RZS_UNREACHABLE},
        {&far, &ours, &same, 0, OHN_RZ_DELETE, OHN_RZS_UNREACHABLE},
        {&unresolved, NULL, &absent, 0, OHN_RZ_NOTHING, OHN_RZS_UNRESOLVED},
        {&want, &ours_leased, &same, 100000, OHN_RZ_NOTHING, OHN_RZS_LIVE},
        {&want, &ours_leased, &same, 100000 + 1799, OHN_RZ_NOTHING, OHN_RZS_LIVE},
        {&want, &ours_leased, &same, 100000 + 1800, OHN_RZ_RENEW, OHN_RZS_LIVE},
    };
    size_t i;

    for (i = 0; i < sizeof(table) / sizeof(table[0]); i++)
    {
        struct ohn_rz_plan plan = ohn_rz_plan(table[i].want, table[i].owned, table[i].gw, lan, 24, table[i].now);

        if (plan.action != table[i].action || plan.state != table[i].state)
            fail_msg("case %zu: expected %s/%s, got %s/%s", i, action_names[table[i].action],
                     ohn_rz_state_name(table[i].state), action_names[plan.action], ohn_rz_state_name(plan.state));
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(ssdp_fixtures_parse_as_expected),
        cmocka_unit_test(ssdp_parse_is_bounded_and_survives_any_bytes),
        cmocka_unit_test(search_messages_follow_uda),
        cmocka_unit_test(urls_must_be_literal_ipv4_http),
        cmocka_unit_test(ipv4_helpers),
        cmocka_unit_test(xml_escaping_round_trips),
        cmocka_unit_test(xml_unescape_survives_any_bytes),
        cmocka_unit_test(gateways_are_scored_as_documented),
        cmocka_unit_test(leases_fall_back_and_renew_at_half),
        cmocka_unit_test(ownership_records_round_trip_and_reject_garbage),
        cmocka_unit_test(realisation_plans_touch_only_our_own),
    };
    return cmocka_run_group_tests_name("upnp core", tests, NULL, NULL);
}
