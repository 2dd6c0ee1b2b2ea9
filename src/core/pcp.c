/*
 * NAT-PMP (RFC 6886) and PCP (RFC 6887) packets (ohn_pcp.h). Every multi-byte field is in
 * network order. A decoder checks the size, the version, the opcode and what ties an answer to
 * its request (the internal port; PCP's nonce and protocol too) before it fills anything.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>

#include "ohn_pcp.h"

static void put16(uint8_t *p, unsigned v)
{
    p[0] = (uint8_t)(v >> 8);
    p[1] = (uint8_t)v;
}

static void put32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

static unsigned get16(const uint8_t *p)
{
    return (unsigned)p[0] << 8 | p[1];
}

static uint32_t get32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* ::ffff:a.b.c.d */
static void put_mapped(uint8_t *p, const uint8_t v4[4])
{
    memset(p, 0, 10);
    p[10] = p[11] = 0xff;
    memcpy(p + 12, v4, 4);
}

static int get_mapped(const uint8_t *p, uint8_t v4[4])
{
    static const uint8_t prefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};

    if (memcmp(p, prefix, sizeof(prefix)))
        return 0;
    memcpy(v4, p + 12, 4);
    return 1;
}

/* ---- NAT-PMP ---- */

size_t ohn_natpmp_encode_address(uint8_t *buf, size_t cap)
{
    if (cap < 2)
        return 0;
    buf[0] = OHN_NATPMP_VERSION;
    buf[1] = 0;
    return 2;
}

size_t ohn_natpmp_encode_map(uint8_t *buf, size_t cap, unsigned protocol, unsigned internal_port,
                             unsigned external_port, uint32_t lifetime)
{
    if (cap < 12 || (protocol != 6 && protocol != 17) || !internal_port || internal_port > 65535 ||
        external_port > 65535)
        return 0;
    buf[0] = OHN_NATPMP_VERSION;
    buf[1] = protocol == 17 ? 1 : 2;
    put16(buf + 2, 0);
    put16(buf + 4, internal_port);
    put16(buf + 6, external_port);
    put32(buf + 8, lifetime);
    return 12;
}

enum ohn_pcp_verdict ohn_natpmp_decode(const uint8_t *buf, size_t len, unsigned opcode, unsigned internal_port,
                                       struct ohn_natpmp_answer *out)
{
    size_t full = opcode == 0 ? 12 : 16;
    struct ohn_natpmp_answer a;

    /* Every answer has version, opcode, result and epoch: 8 bytes; a success has all its fields. */
    if (!buf || len < 8 || len > full || buf[0] != OHN_NATPMP_VERSION || !(buf[1] & 0x80) || opcode > 2)
        return OHN_PCP_MALFORMED;
    if (buf[1] - 128u != opcode)
        return buf[1] - 128u <= 2 ? OHN_PCP_NOT_OURS : OHN_PCP_MALFORMED;
    memset(&a, 0, sizeof(a));
    a.opcode = opcode;
    a.result = get16(buf + 2);
    a.epoch = get32(buf + 4);
    if (a.result == OHN_NATPMP_SUCCESS && len != full)
        return OHN_PCP_MALFORMED;
    if (len == full && opcode == 0)
        memcpy(a.external, buf + 8, 4);
    else if (len == full)
    {
        a.internal_port = get16(buf + 8);
        a.external_port = get16(buf + 10);
        a.lifetime = get32(buf + 12);
        if (a.internal_port != internal_port)
            return OHN_PCP_NOT_OURS;
        if (a.result == OHN_NATPMP_SUCCESS && a.lifetime && !a.external_port)
            return OHN_PCP_MALFORMED; /* a live mapping on no port */
    }
    *out = a;
    return OHN_PCP_ANSWER;
}

/* ---- PCP ---- */

static void header(uint8_t *buf, unsigned opcode, uint32_t lifetime, const uint8_t client[4])
{
    buf[0] = OHN_PCP_VERSION;
    buf[1] = (uint8_t)opcode;
    put16(buf + 2, 0);
    put32(buf + 4, lifetime);
    put_mapped(buf + 8, client);
}

size_t ohn_pcp_encode_map(uint8_t *buf, size_t cap, const struct ohn_pcp_map *req)
{
    if (cap < 60 || req->protocol > 255 || req->internal_port > 65535 || req->external_port > 65535 ||
        (!req->internal_port && req->protocol))
        return 0;
    header(buf, OHN_PCP_OP_MAP, req->lifetime, req->client);
    memcpy(buf + 24, req->nonce, OHN_PCP_NONCE_SIZE);
    buf[36] = (uint8_t)req->protocol;
    buf[37] = buf[38] = buf[39] = 0;
    put16(buf + 40, req->internal_port);
    put16(buf + 42, req->external_port);
    put_mapped(buf + 44, req->external);
    return 60;
}

size_t ohn_pcp_encode_announce(uint8_t *buf, size_t cap, const uint8_t client[4])
{
    if (cap < 24)
        return 0;
    header(buf, OHN_PCP_OP_ANNOUNCE, 0, client);
    return 24;
}

/* Options after the opcode's fields: each 4 bytes of header and its data padded to 4. */
static int options_well_formed(const uint8_t *p, size_t len)
{
    size_t pos = 0;

    while (pos < len)
    {
        size_t data;

        if (len - pos < 4)
            return 0;
        data = get16(p + pos + 2);
        data = (data + 3) & ~(size_t)3;
        if (data > len - pos - 4)
            return 0;
        pos += 4 + data;
    }
    return 1;
}

enum ohn_pcp_verdict ohn_pcp_decode(const uint8_t *buf, size_t len, const struct ohn_pcp_map *req,
                                    struct ohn_pcp_answer *out)
{
    struct ohn_pcp_answer a;
    size_t body;

    if (!buf || len < 4)
        return OHN_PCP_MALFORMED;
    /* A NAT-PMP server refuses version 2 in its own format (RFC 6887 §9): version 0, an answer
     * opcode, result 1 in 16 bits. */
    if (buf[0] == OHN_NATPMP_VERSION)
        return len >= 4 && len <= 16 && (buf[1] & 0x80) && get16(buf + 2) == OHN_NATPMP_UNSUPP_VERSION
                   ? OHN_PCP_OLD_VERSION
                   : OHN_PCP_MALFORMED;
    if (len < 24 || len > OHN_PCP_MAX_PACKET || len % 4 || !(buf[1] & 0x80))
        return OHN_PCP_MALFORMED;
    if (buf[0] != OHN_PCP_VERSION)
        return buf[3] == OHN_PCP_UNSUPP_VERSION ? OHN_PCP_OLD_VERSION : OHN_PCP_MALFORMED;
    memset(&a, 0, sizeof(a));
    a.opcode = buf[1] & 0x7f;
    a.result = buf[3];
    a.lifetime = get32(buf + 4);
    a.epoch = get32(buf + 8);
    if (a.opcode != (req ? OHN_PCP_OP_MAP : OHN_PCP_OP_ANNOUNCE))
        return a.opcode <= OHN_PCP_OP_MAP || a.opcode == 2 ? OHN_PCP_NOT_OURS : OHN_PCP_MALFORMED;
    body = 24;
    if (req)
    {
        const uint8_t *m = buf + 24;

        if (len < 60)
            return OHN_PCP_MALFORMED;
        body = 60;
        if (memcmp(m, req->nonce, OHN_PCP_NONCE_SIZE) || m[12] != req->protocol ||
            get16(m + 16) != req->internal_port)
            return OHN_PCP_NOT_OURS;
        memcpy(a.map.nonce, m, OHN_PCP_NONCE_SIZE);
        memcpy(a.map.client, req->client, 4);
        a.map.protocol = m[12];
        a.map.internal_port = get16(m + 16);
        a.map.external_port = get16(m + 18);
        a.map.lifetime = a.lifetime;
        if (!get_mapped(m + 20, a.map.external))
        {
            if (a.result == OHN_PCP_SUCCESS)
                return OHN_PCP_MALFORMED; /* an IPv6 external address: not for an IPv4 request */
            memset(a.map.external, 0, 4);
        }
        if (a.result == OHN_PCP_SUCCESS && a.lifetime && !a.map.external_port && a.map.protocol)
            return OHN_PCP_MALFORMED;
    }
    if (!options_well_formed(buf + body, len - body))
        return OHN_PCP_MALFORMED;
    *out = a;
    return OHN_PCP_ANSWER;
}

int ohn_pcp_decode_announce(const uint8_t *buf, size_t len, uint32_t *epoch)
{
    struct ohn_pcp_answer a;

    if (ohn_pcp_decode(buf, len, NULL, &a) != OHN_PCP_ANSWER || a.result != OHN_PCP_SUCCESS)
        return 0;
    *epoch = a.epoch;
    return 1;
}

int ohn_pcp_epoch_valid(uint32_t prev_server, uint32_t prev_client, uint32_t now_server, uint32_t now_client)
{
    int64_t server_delta = (int64_t)now_server - prev_server;
    int64_t client_delta = (int64_t)now_client - prev_client;

    if (server_delta < -1)
        return 0; /* went back by more than a second */
    if (client_delta + 2 < server_delta - server_delta / 16 || server_delta + 2 < client_delta - client_delta / 16)
        return 0;
    return 1;
}
