/*
 * NAT-PMP and PCP packets (src/core/pcp.c). The input is a packet a server (or anyone on the
 * LAN) sent, decoded as the answer to a request that matches it (so that the decoders reach
 * their deepest checks), to one that does not, and as an unsolicited ANNOUNCE; and, read as
 * a request's fields, a round trip: the request encoded, turned into the server's answer, and
 * decoded again must give back its fields.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "fuzz.h"
#include "ohn_pcp.h"

static unsigned get16(const uint8_t *p)
{
    return (unsigned)p[0] << 8 | p[1];
}

static uint32_t get32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static void put32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

static int verdict_known(enum ohn_pcp_verdict v)
{
    return v == OHN_PCP_ANSWER || v == OHN_PCP_NOT_OURS || v == OHN_PCP_MALFORMED || v == OHN_PCP_OLD_VERSION;
}

static void pcp_answers(const uint8_t *data, size_t size)
{
    struct ohn_pcp_map req, other;
    struct ohn_pcp_answer a;
    enum ohn_pcp_verdict v;
    uint32_t epoch = 0;

    /* The request this packet would answer: its own nonce, protocol and internal port. */
    memset(&req, 0, sizeof(req));
    if (size >= 60)
    {
        memcpy(req.nonce, data + 24, OHN_PCP_NONCE_SIZE);
        req.protocol = data[36];
        req.internal_port = get16(data + 40);
    }
    v = ohn_pcp_decode(data, size, &req, &a);
    FUZZ_CHECK(verdict_known(v));
    if (v == OHN_PCP_ANSWER)
    {
        FUZZ_CHECK(size >= 60 && size <= OHN_PCP_MAX_PACKET && size % 4 == 0);
        FUZZ_CHECK(a.opcode == OHN_PCP_OP_MAP && a.result <= 255);
        FUZZ_CHECK(!memcmp(a.map.nonce, req.nonce, OHN_PCP_NONCE_SIZE));
        FUZZ_CHECK(a.map.protocol == req.protocol && a.map.internal_port == req.internal_port);
        FUZZ_CHECK(a.map.external_port <= 65535 && a.map.lifetime == a.lifetime);
        FUZZ_CHECK(a.result != OHN_PCP_SUCCESS || !a.lifetime || a.map.external_port || !a.map.protocol);
        FUZZ_CHECK(a.lifetime == get32(data + 4) && a.epoch == get32(data + 8));
    }
    /* Another request's answer is never taken for this one's. */
    other = req;
    other.nonce[0] ^= 1;
    FUZZ_CHECK(ohn_pcp_decode(data, size, &other, &a) != OHN_PCP_ANSWER);
    /* As an ANNOUNCE (the request NULL). */
    v = ohn_pcp_decode(data, size, NULL, &a);
    FUZZ_CHECK(verdict_known(v));
    if (v == OHN_PCP_ANSWER)
        FUZZ_CHECK(a.opcode == OHN_PCP_OP_ANNOUNCE && size >= 24 && size % 4 == 0);
    if (ohn_pcp_decode_announce(data, size, &epoch))
        FUZZ_CHECK(v == OHN_PCP_ANSWER && a.result == OHN_PCP_SUCCESS && epoch == a.epoch);
}

static void natpmp_answers(const uint8_t *data, size_t size)
{
    struct ohn_natpmp_answer a;
    unsigned opcode = size >= 2 && data[1] >= 128 && data[1] <= 130 ? data[1] - 128u : 0;
    unsigned port = size >= 10 ? get16(data + 8) : 0;
    enum ohn_pcp_verdict v = ohn_natpmp_decode(data, size, opcode, port, &a);

    FUZZ_CHECK(verdict_known(v));
    if (v == OHN_PCP_ANSWER)
    {
        FUZZ_CHECK(a.opcode == opcode && a.result <= 65535 && size >= 8);
        FUZZ_CHECK(a.result != OHN_NATPMP_SUCCESS || size == (opcode ? 16u : 12u));
        if (opcode && size == 16)
            FUZZ_CHECK(a.internal_port == port && a.external_port <= 65535);
        FUZZ_CHECK(a.result != OHN_NATPMP_SUCCESS || !opcode || !a.lifetime || a.external_port);
    }
    /* An opcode out of range is never an answer. */
    FUZZ_CHECK(ohn_natpmp_decode(data, size, 3, port, &a) == OHN_PCP_MALFORMED);
}

/* The input's bytes as a request (zero past its end). */
static void round_trips(const uint8_t *data, size_t size)
{
    uint8_t f[48] = {0}, buf[64];
    struct ohn_pcp_map req;
    struct ohn_pcp_answer a;
    struct ohn_natpmp_answer n;
    enum ohn_pcp_verdict v;
    unsigned result;
    uint32_t lifetime, epoch;
    size_t len;

    memcpy(f, data, size < sizeof(f) ? size : sizeof(f));
    memset(&req, 0, sizeof(req));
    memcpy(req.nonce, f, OHN_PCP_NONCE_SIZE);
    req.protocol = f[12];
    req.internal_port = get16(f + 13);
    req.external_port = get16(f + 15);
    memcpy(req.external, f + 17, 4);
    req.lifetime = lifetime = get32(f + 21);
    memcpy(req.client, f + 25, 4);
    result = f[29];
    epoch = get32(f + 30);

    len = ohn_pcp_encode_map(buf, sizeof(buf), &req);
    FUZZ_CHECK(len == ((!req.internal_port && req.protocol) ? 0u : 60u));
    if (len)
    {
        /* The server's answer: the request with the answer's header. */
        buf[1] |= 0x80;
        buf[2] = 0;
        buf[3] = (uint8_t)result;
        put32(buf + 4, lifetime);
        put32(buf + 8, epoch);
        memset(buf + 12, 0, 12);
        v = ohn_pcp_decode(buf, len, &req, &a);
        if (result == OHN_PCP_SUCCESS && lifetime && !req.external_port && req.protocol)
            FUZZ_CHECK(v == OHN_PCP_MALFORMED);
        else
        {
            FUZZ_CHECK(v == OHN_PCP_ANSWER);
            FUZZ_CHECK(a.result == result && a.lifetime == lifetime && a.epoch == epoch);
            FUZZ_CHECK(a.map.external_port == req.external_port && !memcmp(a.map.external, req.external, 4));
            FUZZ_CHECK(a.map.protocol == req.protocol && a.map.internal_port == req.internal_port);
        }
    }
    len = ohn_pcp_encode_announce(buf, sizeof(buf), req.client);
    FUZZ_CHECK(len == 24);
    buf[1] |= 0x80;
    buf[3] = 0;
    put32(buf + 8, epoch);
    FUZZ_CHECK(ohn_pcp_decode_announce(buf, len, &lifetime) && lifetime == epoch);

    /* NAT-PMP: a mapping request and the answer built from it. */
    len = ohn_natpmp_encode_map(buf, sizeof(buf), f[34] & 1 ? 17 : 6, get16(f + 35), get16(f + 37), get32(f + 39));
    FUZZ_CHECK(len == (get16(f + 35) ? 12u : 0u));
    if (len)
    {
        uint8_t ans[16];
        unsigned op = buf[1];

        ans[0] = 0;
        ans[1] = (uint8_t)(128 + op);
        ans[2] = 0;
        ans[3] = f[43] & 1 ? f[44] : 0;
        put32(ans + 4, epoch);
        memcpy(ans + 8, buf + 4, 8); /* internal port, external port, lifetime */
        v = ohn_natpmp_decode(ans, sizeof(ans), op, get16(f + 35), &n);
        if (!ans[3] && get32(f + 39) && !get16(f + 37))
            FUZZ_CHECK(v == OHN_PCP_MALFORMED);
        else
        {
            FUZZ_CHECK(v == OHN_PCP_ANSWER && n.result == ans[3] && n.epoch == epoch);
            FUZZ_CHECK(n.internal_port == get16(f + 35) && n.external_port == get16(f + 37));
            FUZZ_CHECK(n.lifetime == get32(f + 39));
        }
    }
    FUZZ_CHECK(ohn_natpmp_encode_address(buf, sizeof(buf)) == 2);
}

static void epochs(const uint8_t *data, size_t size)
{
    uint8_t f[16] = {0};
    uint32_t ps, pc, d;

    memcpy(f, data, size < sizeof(f) ? size : sizeof(f));
    ps = get32(f);
    pc = get32(f + 4);
    d = get32(f + 8) & 0x7fffffffu;
    /* Both clocks moved by the same time: never a reboot. */
    if (ps <= UINT32_MAX - d && pc <= UINT32_MAX - d)
        FUZZ_CHECK(ohn_pcp_epoch_valid(ps, pc, ps + d, pc + d));
    /* The server's clock went back by more than a second: always one. */
    if (ps >= 2)
        FUZZ_CHECK(!ohn_pcp_epoch_valid(ps, pc, ps - 2 - (d % (ps - 1)), pc + d));
    {
        unsigned attempt = f[12], r = get16(f + 13);
        uint32_t ms = ohn_pcp_retransmit_ms(OHN_NATPMP_VERSION, attempt, r);

        FUZZ_CHECK(ms >= 250 && ms <= 64000);
        ms = ohn_pcp_retransmit_ms(OHN_PCP_VERSION, attempt, r);
        FUZZ_CHECK(ms >= 2700 && ms <= 1024000u * 11 / 10);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    pcp_answers(data, size);
    natpmp_answers(data, size);
    round_trips(data, size);
    epochs(data, size);
    return 0;
}
