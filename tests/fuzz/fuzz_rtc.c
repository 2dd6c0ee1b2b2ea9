/*
 * What the RTC session object reads (src/core/rtc.c): a participant's address as the
 * application passes it, and the names of the store mappings that sessions of this or another
 * process made (any store record's name reaches the parser when stale sessions are cleaned up).
 * Properties: a host is a non-empty part of the address without the characters that end a host,
 * and fits its buffer (a too-small one gives -1 and an empty string); a session name parses only
 * when it is one that ohn_session_mapping_name writes, and that one parses back to the same.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "fuzz.h"
#include "ohn_rtc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char host[64], tiny[4], name[OHN_SESSION_NAME_MAX];
    char *s = fuzz_string(data, size);
    uint64_t start, start2;
    uint32_t pid, pid2;
    unsigned type, type2;

    if (!s)
        return 0;
    if (!ohn_uri_host(s, host, sizeof(host)))
    {
        FUZZ_CHECK(host[0] && strlen(host) < sizeof(host) && strstr(s, host));
        FUZZ_CHECK(!strpbrk(host, ";?> \t"));
    }
    else
        FUZZ_CHECK(host[0] == 0);
    if (ohn_uri_host(s, tiny, sizeof(tiny)))
        FUZZ_CHECK(tiny[0] == 0);
    else
        FUZZ_CHECK(strlen(tiny) < sizeof(tiny));

    if (!ohn_session_mapping_parse(s, &pid, &start, &type))
    {
        FUZZ_CHECK(type < OHN_RTC_PORT_TYPES && ohn_rtc_port_name(type));
        FUZZ_CHECK(!ohn_session_mapping_name(pid, start, type, name, sizeof(name)));
        FUZZ_CHECK(!ohn_session_mapping_parse(name, &pid2, &start2, &type2));
        FUZZ_CHECK(pid2 == pid && start2 == start && type2 == type);
    }
    free(s);
    return 0;
}
