/*
 * The records a client keeps of the mappings it made on a PCP or NAT-PMP server (ohn_pcp.h),
 * and the retransmission schedule of both protocols.
 *
 * A record: "PCR1", version, protocol, external port, internal port, internal address,
 * enabled, a zero byte, lease, granted, granted_at, nonce, description length, description
 * (little-endian; 48 bytes and the description).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>

#include "ohn_pcp.h"

#include "bytes.h"

static const uint8_t record_magic[4] = {'P', 'C', 'R', '1'};

uint32_t ohn_pcp_retransmit_ms(unsigned version, unsigned attempt, unsigned rand)
{
    uint64_t ms;

    if (version == OHN_NATPMP_VERSION)
        return attempt >= 8 ? 64000 : 250u << attempt;
    ms = attempt >= 9 ? 1024000 : 3000ull << attempt;
    if (ms > 1024000)
        ms = 1024000;
    if (rand > 65535)
        rand = 65535;
    /* (1 + RAND) * RT with RAND in [-0.1, +0.1] */
    return (uint32_t)(ms * (900 + (uint64_t)rand * 200 / 65535) / 1000);
}

size_t ohn_pcp_record_encode(const struct ohn_pcp_record *r, uint8_t *buf, size_t cap)
{
    const char *end = memchr(r->description, 0, sizeof(r->description));
    size_t desc = end ? (size_t)(end - r->description) : sizeof(r->description);

    if ((r->version != OHN_PCP_VERSION && r->version != OHN_NATPMP_VERSION) ||
        (r->protocol != 6 && r->protocol != 17) || !r->external_port || r->external_port > 65535 ||
        !r->internal_port || r->internal_port > 65535 || desc > OHN_PCP_DESC_MAX || cap < 48 + desc)
        return 0;
    memcpy(buf, record_magic, 4);
    buf[4] = (uint8_t)r->version;
    buf[5] = (uint8_t)r->protocol;
    put16(buf + 6, (uint16_t)r->external_port);
    put16(buf + 8, (uint16_t)r->internal_port);
    memcpy(buf + 10, r->internal, 4);
    buf[14] = r->enabled ? 1 : 0;
    buf[15] = 0;
    put32(buf + 16, r->lease);
    put32(buf + 20, r->granted);
    put64(buf + 24, r->granted_at);
    memcpy(buf + 32, r->nonce, OHN_PCP_NONCE_SIZE);
    put16(buf + 44, (uint16_t)desc);
    buf[46] = buf[47] = 0;
    memcpy(buf + 48, r->description, desc);
    return 48 + desc;
}

int ohn_pcp_record_decode(const uint8_t *buf, size_t len, struct ohn_pcp_record *r)
{
    size_t desc;

    if (len < 48 || memcmp(buf, record_magic, 4) || (buf[4] != OHN_PCP_VERSION && buf[4] != OHN_NATPMP_VERSION) ||
        (buf[5] != 6 && buf[5] != 17) || buf[14] > 1 || buf[15] || buf[46] || buf[47])
        return -1;
    desc = get16(buf + 44);
    if (desc > OHN_PCP_DESC_MAX || len != 48 + desc || memchr(buf + 48, 0, desc) || !get16(buf + 6) ||
        !get16(buf + 8))
        return -1;
    /* Nothing is written to *r before the record is known to be good. */
    memset(r, 0, sizeof(*r));
    r->version = buf[4];
    r->protocol = buf[5];
    r->external_port = get16(buf + 6);
    r->internal_port = get16(buf + 8);
    memcpy(r->internal, buf + 10, 4);
    r->enabled = buf[14];
    r->lease = get32(buf + 16);
    r->granted = get32(buf + 20);
    r->granted_at = get64(buf + 24);
    memcpy(r->nonce, buf + 32, OHN_PCP_NONCE_SIZE);
    memcpy(r->description, buf + 48, desc);
    r->description[desc] = 0;
    return 0;
}

/* a + b, or the end of time when that does not fit (a record read from the store may say any
 * granted_at: a sum that wrapped round would put its renewal or its end in the past). */
static uint64_t add_saturated(uint64_t a, uint64_t b)
{
    return a > UINT64_MAX - b ? UINT64_MAX : a + b;
}

uint64_t ohn_pcp_record_renew_at(const struct ohn_pcp_record *r)
{
    return add_saturated(r->granted_at, r->granted / 2);
}

uint64_t ohn_pcp_record_expires(const struct ohn_pcp_record *r)
{
    return r->lease ? add_saturated(r->granted_at, r->granted) : 0;
}
