/*
 * What a process keeps of a mapping it made on a PCP or NAT-PMP server (src/core/pcprecord.c),
 * as the store holds it and another process or version may have written it. Properties: what
 * decodes re-encodes to the same bytes and keeps the record's ranges; its renewal comes no
 * later than its end; a refused input leaves the output untouched.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "fuzz.h"
#include "ohn_pcp.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct ohn_pcp_record r, before;
    uint8_t again[OHN_PCP_RECORD_MAX];
    size_t n;

    memset(&r, 0xA5, sizeof(r));
    before = r;
    if (ohn_pcp_record_decode(data, size, &r))
    {
        FUZZ_CHECK(!memcmp(&r, &before, sizeof(r)));
        return 0;
    }
    FUZZ_CHECK(r.version == OHN_PCP_VERSION || r.version == OHN_NATPMP_VERSION);
    FUZZ_CHECK(r.protocol == 6 || r.protocol == 17);
    FUZZ_CHECK(r.external_port && r.external_port <= 65535 && r.internal_port && r.internal_port <= 65535);
    FUZZ_CHECK((r.enabled == 0 || r.enabled == 1) && fuzz_terminated(r.description, sizeof(r.description)));
    n = ohn_pcp_record_encode(&r, again, sizeof(again));
    FUZZ_CHECK(n == size && !memcmp(again, data, size));
    /* Renewed at half the granted lifetime, never after the lease ends, never before it was
     * granted (a clock value near the end of time must not wrap round to the past). */
    FUZZ_CHECK(ohn_pcp_record_renew_at(&r) >= r.granted_at);
    if (r.lease)
        FUZZ_CHECK(ohn_pcp_record_expires(&r) >= ohn_pcp_record_renew_at(&r));
    return 0;
}
