/*
 * Native tests of the RTC session's portable core (src/core/rtc.c), under the sanitizers.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "ohn_rtc.h"

static void participant_uris_give_their_host(void **state)
{
    static const struct
    {
        const char *uri, *host;
    } table[] = {
        {"sip:bob@192.0.2.7", "192.0.2.7"},
        {"sip:bob@192.0.2.7:5060;transport=udp", "192.0.2.7"},
        {"SIPS:alice@example.org", "example.org"},
        {"sip:192.0.2.8", "192.0.2.8"},
        {"bob@192.0.2.9", "192.0.2.9"},
        {"192.0.2.10", "192.0.2.10"},
        {"192.0.2.11:5061", "192.0.2.11"},
        {"  sip:carol@host.example?subject=x", "host.example"},
        {"<sip:dave@192.0.2.12>", "192.0.2.12"},
        {"sip:eve@[2001:db8::1]:5060", "2001:db8::1"},
        {"tel:+15551234", NULL},
        {"sip:", NULL},
        {"sip:bob@", NULL},
        {"sip:bob@[2001:db8::1", NULL},
        {"", NULL},
    };
    char host[64];
    size_t i;

    for (i = 0; i < sizeof(table) / sizeof(table[0]); i++)
    {
        int rc = ohn_uri_host(table[i].uri, host, sizeof(host));

        if (table[i].host ? rc || strcmp(host, table[i].host) : !rc)
            fail_msg("\"%s\": got %d \"%s\", want %s", table[i].uri, rc, host, table[i].host ? table[i].host : "none");
    }
    assert_int_equal(-1, ohn_uri_host("sip:bob@a-very-long-host-name.example", host, 10));
    assert_string_equal("", host);
}

static void session_mapping_names_round_trip(void **state)
{
    char name[OHN_SESSION_NAME_MAX];
    uint64_t start;
    uint32_t pid;
    unsigned type, t;

    for (t = 0; t < OHN_RTC_PORT_TYPES; t++)
    {
        assert_int_equal(0, ohn_session_mapping_name(4242, 0x01d9aabbccddeeffull, t, name, sizeof(name)));
        assert_int_equal(0, ohn_session_mapping_parse(name, &pid, &start, &type));
        assert_int_equal(4242, pid);
        assert_int_equal(0x01d9aabbccddeeffull, start);
        assert_int_equal(t, type);
    }
    assert_int_equal(0, ohn_session_mapping_name(7, 1, 0, name, sizeof(name)));
    assert_string_equal("open-hnetcfg RTC session 7.0000000000000001 audio RTP", name);
    assert_int_equal(-1, ohn_session_mapping_name(7, 1, 5, name, sizeof(name)));
    assert_int_equal(-1, ohn_session_mapping_name(7, 1, 0, name, 20));
    assert_int_equal(-1, ohn_session_mapping_parse("Web server", &pid, &start, &type));
    assert_int_equal(-1, ohn_session_mapping_parse("open-hnetcfg RTC session 7.0000000000000001 audio", &pid, &start,
                                                   &type));
    assert_int_equal(-1, ohn_session_mapping_parse("open-hnetcfg RTC session 7.000000000000001 audio RTP", &pid,
                                                   &start, &type));
    assert_int_equal(-1, ohn_session_mapping_parse("open-hnetcfg RTC session 99999999999.0000000000000001 audio RTP",
                                                   &pid, &start, &type));
    assert_int_equal(-1, ohn_session_mapping_parse("open-hnetcfg RTC session .0000000000000001 audio RTP", &pid,
                                                   &start, &type));
    assert_null(ohn_rtc_port_name(9));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(participant_uris_give_their_host),
        cmocka_unit_test(session_mapping_names_round_trip),
    };
    return cmocka_run_group_tests_name("rtc core", tests, NULL, NULL);
}
