/*
 * Native tests of the NAT-PMP and PCP packet core (src/core/pcp.c) under ASan and UBSan: the
 * requests byte for byte as RFC 6886 and RFC 6887 lay them out, answers of every kind and
 * every way an answer can be wrong, the epoch rule, and a mutation loop over both decoders;
 * real packets of miniupnpd 2.3.1 and of the lab's NAT-PMP-only fake (fixtures/pcp, captured
 * in the router lab: each .req and the .ans it got); the records a client keeps of its mappings
 * (src/core/pcprecord.c) and the retransmission schedule.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "ohn_pcp.h"

static const uint8_t client[4] = {192, 168, 1, 20};
static const uint8_t nonce[OHN_PCP_NONCE_SIZE] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};

static void test_natpmp_requests(void **state)
{
    static const uint8_t want[12] = {0, 2, 0, 0, 0x1f, 0x90, 0x1f, 0x91, 0, 0, 0x1c, 0x20};
    uint8_t buf[16];

    assert_int_equal(ohn_natpmp_encode_address(buf, sizeof(buf)), 2);
    assert_int_equal(buf[0], 0);
    assert_int_equal(buf[1], 0);
    /* TCP 8080 -> 8081 for 7200 s. */
    assert_int_equal(ohn_natpmp_encode_map(buf, sizeof(buf), 6, 8080, 8081, 7200), 12);
    assert_memory_equal(buf, want, 12);
    assert_int_equal(ohn_natpmp_encode_map(buf, sizeof(buf), 17, 53, 0, 0), 12);
    assert_int_equal(buf[1], 1);
    assert_int_equal(ohn_natpmp_encode_map(buf, sizeof(buf), 1, 53, 0, 0), 0);
    assert_int_equal(ohn_natpmp_encode_map(buf, sizeof(buf), 6, 0, 0, 0), 0);
    assert_int_equal(ohn_natpmp_encode_map(buf, sizeof(buf), 6, 65536, 0, 0), 0);
    assert_int_equal(ohn_natpmp_encode_map(buf, 11, 6, 80, 0, 0), 0);
    assert_int_equal(ohn_natpmp_encode_address(buf, 1), 0);
}

static void test_natpmp_answers(void **state)
{
    /* Public address 203.0.113.5, epoch 1000. */
    static const uint8_t address[12] = {0, 128, 0, 0, 0, 0, 0x03, 0xe8, 203, 0, 113, 5};
    /* TCP 8080 mapped on 40000 for 3600 s, epoch 1001. */
    static const uint8_t map[16] = {0, 130, 0, 0, 0, 0, 0x03, 0xe9, 0x1f, 0x90, 0x9c, 0x40, 0, 0, 0x0e, 0x10};
    /* NOT_AUTHORIZED, short form. */
    static const uint8_t refused[8] = {0, 130, 0, 2, 0, 0, 0x03, 0xea};
    struct ohn_natpmp_answer a;
    uint8_t bad[16];

    assert_int_equal(ohn_natpmp_decode(address, sizeof(address), 0, 0, &a), OHN_PCP_ANSWER);
    assert_int_equal(a.result, 0);
    assert_int_equal(a.epoch, 1000);
    assert_int_equal(a.external[0], 203);
    assert_int_equal(a.external[3], 5);
    assert_int_equal(ohn_natpmp_decode(map, sizeof(map), 2, 8080, &a), OHN_PCP_ANSWER);
    assert_int_equal(a.external_port, 40000);
    assert_int_equal(a.internal_port, 8080);
    assert_int_equal(a.lifetime, 3600);
    assert_int_equal(a.epoch, 1001);
    assert_int_equal(ohn_natpmp_decode(refused, sizeof(refused), 2, 8080, &a), OHN_PCP_ANSWER);
    assert_int_equal(a.result, OHN_NATPMP_NOT_AUTHORIZED);
    /* Not ours: another port, another opcode (UDP). */
    assert_int_equal(ohn_natpmp_decode(map, sizeof(map), 2, 8081, &a), OHN_PCP_NOT_OURS);
    assert_int_equal(ohn_natpmp_decode(map, sizeof(map), 1, 8080, &a), OHN_PCP_NOT_OURS);
    assert_int_equal(ohn_natpmp_decode(address, sizeof(address), 2, 8080, &a), OHN_PCP_NOT_OURS);
    /* Malformed: truncated, padded, a request, another version, a success without its fields. */
    assert_int_equal(ohn_natpmp_decode(map, 15, 2, 8080, &a), OHN_PCP_MALFORMED);
    assert_int_equal(ohn_natpmp_decode(address, 7, 0, 0, &a), OHN_PCP_MALFORMED);
    memcpy(bad, map, 16);
    bad[1] = 2;
    assert_int_equal(ohn_natpmp_decode(bad, 16, 2, 8080, &a), OHN_PCP_MALFORMED);
    memcpy(bad, map, 16);
    bad[0] = 2;
    assert_int_equal(ohn_natpmp_decode(bad, 16, 2, 8080, &a), OHN_PCP_MALFORMED);
    memcpy(bad, refused, 8);
    bad[3] = 0;
    assert_int_equal(ohn_natpmp_decode(bad, 8, 2, 8080, &a), OHN_PCP_MALFORMED);
    memcpy(bad, map, 16);
    bad[10] = bad[11] = 0; /* a live mapping on port 0 */
    assert_int_equal(ohn_natpmp_decode(bad, 16, 2, 8080, &a), OHN_PCP_MALFORMED);
    assert_int_equal(ohn_natpmp_decode(NULL, 0, 0, 0, &a), OHN_PCP_MALFORMED);
}

static struct ohn_pcp_map request(void)
{
    struct ohn_pcp_map m;

    memset(&m, 0, sizeof(m));
    memcpy(m.nonce, nonce, sizeof(nonce));
    memcpy(m.client, client, 4);
    m.protocol = 17;
    m.internal_port = 3478;
    m.external_port = 3478;
    m.lifetime = 7200;
    return m;
}

/* The server's answer to request(), as RFC 6887 lays it out. */
static size_t answer(uint8_t *buf, unsigned result, uint32_t lifetime, uint32_t epoch, unsigned port)
{
    memset(buf, 0, 60);
    buf[0] = 2;
    buf[1] = 0x81;
    buf[3] = (uint8_t)result;
    buf[4] = (uint8_t)(lifetime >> 24), buf[5] = (uint8_t)(lifetime >> 16), buf[6] = (uint8_t)(lifetime >> 8),
    buf[7] = (uint8_t)lifetime;
    buf[8] = (uint8_t)(epoch >> 24), buf[9] = (uint8_t)(epoch >> 16), buf[10] = (uint8_t)(epoch >> 8),
    buf[11] = (uint8_t)epoch;
    memcpy(buf + 24, nonce, sizeof(nonce));
    buf[36] = 17;
    buf[40] = 3478 >> 8, buf[41] = 3478 & 0xff;
    buf[42] = (uint8_t)(port >> 8), buf[43] = (uint8_t)port;
    buf[54] = buf[55] = 0xff;
    buf[56] = 203, buf[57] = 0, buf[58] = 113, buf[59] = 5;
    return 60;
}

static void test_pcp_requests(void **state)
{
    struct ohn_pcp_map m = request();
    uint8_t buf[64];

    assert_int_equal(ohn_pcp_encode_map(buf, sizeof(buf), &m), 60);
    assert_int_equal(buf[0], 2);
    assert_int_equal(buf[1], 1);
    assert_int_equal(buf[2] | buf[3], 0);
    assert_int_equal(buf[4] << 24 | buf[5] << 16 | buf[6] << 8 | buf[7], 7200);
    assert_int_equal(buf[18], 0xff);
    assert_int_equal(buf[19], 0xff);
    assert_memory_equal(buf + 20, client, 4);
    assert_memory_equal(buf + 24, nonce, 12);
    assert_int_equal(buf[36], 17);
    assert_int_equal(buf[40] << 8 | buf[41], 3478);
    assert_int_equal(buf[42] << 8 | buf[43], 3478);
    /* No preferred external address: ::ffff:0.0.0.0. */
    assert_int_equal(buf[54], 0xff);
    assert_int_equal(buf[55], 0xff);
    assert_int_equal(buf[56] | buf[57] | buf[58] | buf[59], 0);
    assert_int_equal(ohn_pcp_encode_map(buf, 59, &m), 0);
    m.internal_port = 0;
    assert_int_equal(ohn_pcp_encode_map(buf, sizeof(buf), &m), 0);
    assert_int_equal(ohn_pcp_encode_announce(buf, sizeof(buf), client), 24);
    assert_int_equal(buf[1], 0);
    assert_int_equal(ohn_pcp_encode_announce(buf, 23, client), 0);
}

static void test_pcp_answers(void **state)
{
    struct ohn_pcp_map m = request();
    struct ohn_pcp_answer a;
    uint8_t buf[80];
    size_t n;
    static const uint8_t natpmp_refusal[8] = {0, 129, 0, 1, 0, 0, 0, 7};

    n = answer(buf, OHN_PCP_SUCCESS, 3600, 5000, 40000);
    assert_int_equal(ohn_pcp_decode(buf, n, &m, &a), OHN_PCP_ANSWER);
    assert_int_equal(a.result, 0);
    assert_int_equal(a.lifetime, 3600);
    assert_int_equal(a.epoch, 5000);
    assert_int_equal(a.map.external_port, 40000);
    assert_int_equal(a.map.external[0], 203);
    /* Every error result decodes, with its code. */
    n = answer(buf, OHN_PCP_USER_EX_QUOTA, 0, 5000, 0);
    assert_int_equal(ohn_pcp_decode(buf, n, &m, &a), OHN_PCP_ANSWER);
    assert_int_equal(a.result, OHN_PCP_USER_EX_QUOTA);
    /* Another nonce, protocol or port: not the answer to this request. */
    n = answer(buf, 0, 3600, 5000, 40000);
    buf[30] ^= 1;
    assert_int_equal(ohn_pcp_decode(buf, n, &m, &a), OHN_PCP_NOT_OURS);
    n = answer(buf, 0, 3600, 5000, 40000);
    buf[36] = 6;
    assert_int_equal(ohn_pcp_decode(buf, n, &m, &a), OHN_PCP_NOT_OURS);
    n = answer(buf, 0, 3600, 5000, 40000);
    buf[41] ^= 1;
    assert_int_equal(ohn_pcp_decode(buf, n, &m, &a), OHN_PCP_NOT_OURS);
    /* An option (THIRD_PARTY-like, 4 bytes of data) is skipped; a truncated one is malformed. */
    n = answer(buf, 0, 3600, 5000, 40000);
    buf[60] = 1, buf[61] = 0, buf[62] = 0, buf[63] = 4;
    memset(buf + 64, 0, 4);
    assert_int_equal(ohn_pcp_decode(buf, 68, &m, &a), OHN_PCP_ANSWER);
    buf[63] = 8;
    assert_int_equal(ohn_pcp_decode(buf, 68, &m, &a), OHN_PCP_MALFORMED);
    /* Sizes: short, not a multiple of 4, over 1100. */
    n = answer(buf, 0, 3600, 5000, 40000);
    assert_int_equal(ohn_pcp_decode(buf, 56, &m, &a), OHN_PCP_MALFORMED);
    assert_int_equal(ohn_pcp_decode(buf, 58, &m, &a), OHN_PCP_MALFORMED);
    assert_int_equal(ohn_pcp_decode(buf, 1104, &m, &a), OHN_PCP_MALFORMED);
    /* A request echoed back (no R bit), an IPv6 external address, a live mapping on port 0. */
    n = answer(buf, 0, 3600, 5000, 40000);
    buf[1] = 1;
    assert_int_equal(ohn_pcp_decode(buf, n, &m, &a), OHN_PCP_MALFORMED);
    n = answer(buf, 0, 3600, 5000, 40000);
    buf[54] = 0;
    assert_int_equal(ohn_pcp_decode(buf, n, &m, &a), OHN_PCP_MALFORMED);
    n = answer(buf, 0, 3600, 5000, 0);
    assert_int_equal(ohn_pcp_decode(buf, n, &m, &a), OHN_PCP_MALFORMED);
    /* The answer to an ANNOUNCE is not the answer to a MAP, and the other way round. */
    n = answer(buf, 0, 0, 5000, 40000);
    buf[1] = 0x80;
    assert_int_equal(ohn_pcp_decode(buf, 24, &m, &a), OHN_PCP_NOT_OURS);
    assert_int_equal(ohn_pcp_decode(buf, 24, NULL, &a), OHN_PCP_ANSWER);
    {
        uint32_t epoch = 0;

        assert_true(ohn_pcp_decode_announce(buf, 24, &epoch));
        assert_int_equal(epoch, 5000);
    }
    n = answer(buf, 0, 3600, 5000, 40000);
    assert_int_equal(ohn_pcp_decode(buf, n, NULL, &a), OHN_PCP_NOT_OURS);
    /* A NAT-PMP server's refusal of version 2, and a PCP server of another version. */
    assert_int_equal(ohn_pcp_decode(natpmp_refusal, sizeof(natpmp_refusal), &m, &a), OHN_PCP_OLD_VERSION);
    n = answer(buf, OHN_PCP_UNSUPP_VERSION, 0, 5000, 0);
    buf[0] = 1;
    assert_int_equal(ohn_pcp_decode(buf, n, &m, &a), OHN_PCP_OLD_VERSION);
    buf[3] = 0;
    assert_int_equal(ohn_pcp_decode(buf, n, &m, &a), OHN_PCP_MALFORMED);
    assert_int_equal(ohn_pcp_decode(NULL, 0, &m, &a), OHN_PCP_MALFORMED);
}

static void test_epochs(void **state)
{
    /* As time passes on both sides. */
    assert_true(ohn_pcp_epoch_valid(1000, 50, 1600, 650));
    /* Within the slack: a little faster or slower. */
    assert_true(ohn_pcp_epoch_valid(1000, 50, 1630, 650));
    assert_true(ohn_pcp_epoch_valid(1000, 50, 1000, 51));
    /* A reboot: the server's clock starts again. */
    assert_false(ohn_pcp_epoch_valid(1000, 50, 5, 650));
    /* Back by more than a second. */
    assert_false(ohn_pcp_epoch_valid(1000, 50, 998, 50));
    /* Far too little time passed on the server for ours (it lost some state). */
    assert_false(ohn_pcp_epoch_valid(1000, 50, 1100, 650));
    /* Far too much. */
    assert_false(ohn_pcp_epoch_valid(1000, 50, 9000, 650));
}

/* Mutations of valid answers: no decoder reads out of bounds, and what one accepts keeps the
 * request's port (and nonce). */
static void test_mutations(void **state)
{
    struct ohn_pcp_map m = request();
    uint32_t seed = 4242;
    int round, accepted = 0;

    for (round = 0; round < 200000; round++)
    {
        uint8_t buf[80];
        size_t len, i, k;
        struct ohn_pcp_answer a;
        struct ohn_natpmp_answer b;

        if (round & 1)
            len = answer(buf, 0, 3600, 5000, 40000);
        else
        {
            static const uint8_t map[16] = {0, 130, 0, 0, 0, 0, 3, 0xe9, 0x1f, 0x90, 0x9c, 0x40, 0, 0, 0x0e, 0x10};

            memcpy(buf, map, 16);
            len = 16;
        }
        for (k = 1 + round % 3; k--;)
        {
            seed = seed * 1103515245u + 12345u;
            i = (seed >> 8) % len;
            if ((seed >> 4) & 1)
                buf[i] = (uint8_t)(seed >> 16);
            else
                len = i ? i : 1;
        }
        if (round & 1)
        {
            if (ohn_pcp_decode(buf, len, &m, &a) == OHN_PCP_ANSWER)
            {
                accepted++;
                assert_int_equal(a.map.internal_port, 3478);
                assert_memory_equal(a.map.nonce, nonce, sizeof(nonce));
            }
        }
        else if (ohn_natpmp_decode(buf, len, 2, 8080, &b) == OHN_PCP_ANSWER)
        {
            accepted++;
            assert_true(b.result != 0 || b.internal_port == 8080);
        }
    }
    assert_true(accepted > 1000);
}

/* A fixture file (fixtures/pcp/NAME), its length in *len. */
static size_t fixture(const char *name, uint8_t *buf, size_t cap)
{
    char path[512];
    FILE *f;
    size_t n;

    snprintf(path, sizeof(path), "%s/pcp/%s", FIXTURES, name);
    f = fopen(path, "rb");
    assert_non_null(f);
    n = fread(buf, 1, cap, f);
    fclose(f);
    return n;
}

static const uint8_t lab_client[4] = {10, 77, 0, 2};
static const uint8_t lab_external[4] = {1, 2, 3, 4};

/* What our encoders write is what was sent, and what miniupnpd answered decodes. */
static void test_fixtures_natpmp(void **state)
{
    uint8_t req[64], ans[64], mine[64];
    struct ohn_natpmp_answer a;
    size_t rl, al;

    rl = fixture("natpmp-address.req", req, sizeof(req));
    assert_int_equal(ohn_natpmp_encode_address(mine, sizeof(mine)), rl);
    assert_memory_equal(mine, req, rl);
    al = fixture("natpmp-address.ans", ans, sizeof(ans));
    assert_int_equal(ohn_natpmp_decode(ans, al, 0, 0, &a), OHN_PCP_ANSWER);
    assert_int_equal(a.result, OHN_NATPMP_SUCCESS);
    assert_memory_equal(a.external, lab_external, 4);

    rl = fixture("natpmp-map-tcp.req", req, sizeof(req));
    assert_int_equal(ohn_natpmp_encode_map(mine, sizeof(mine), 6, 45600, 45600, 3600), rl);
    assert_memory_equal(mine, req, rl);
    al = fixture("natpmp-map-tcp.ans", ans, sizeof(ans));
    assert_int_equal(ohn_natpmp_decode(ans, al, 2, 45600, &a), OHN_PCP_ANSWER);
    assert_int_equal(a.result, OHN_NATPMP_SUCCESS);
    assert_int_equal(a.external_port, 45600);
    assert_int_equal(a.lifetime, 3600);
    /* Not the answer for another internal port, nor for UDP. */
    assert_int_equal(ohn_natpmp_decode(ans, al, 2, 45601, &a), OHN_PCP_NOT_OURS);
    assert_int_equal(ohn_natpmp_decode(ans, al, 1, 45600, &a), OHN_PCP_NOT_OURS);

    rl = fixture("natpmp-unmap-tcp.req", req, sizeof(req));
    assert_int_equal(ohn_natpmp_encode_map(mine, sizeof(mine), 6, 45600, 0, 0), rl);
    assert_memory_equal(mine, req, rl);
    al = fixture("natpmp-unmap-tcp.ans", ans, sizeof(ans));
    assert_int_equal(ohn_natpmp_decode(ans, al, 2, 45600, &a), OHN_PCP_ANSWER);
    assert_int_equal(a.lifetime, 0);

    /* A NAT-PMP-only server's answer to a PCP request. */
    al = fixture("natpmp-only-to-pcp.ans", ans, sizeof(ans));
    assert_int_equal(ohn_pcp_decode(ans, al, NULL, &(struct ohn_pcp_answer){0}), OHN_PCP_OLD_VERSION);
}

static struct ohn_pcp_map lab_map(const uint8_t *n, uint32_t lifetime)
{
    struct ohn_pcp_map m = {0};

    memcpy(m.nonce, n, OHN_PCP_NONCE_SIZE);
    memcpy(m.client, lab_client, 4);
    m.protocol = 6;
    m.internal_port = 45601;
    m.external_port = 45601;
    m.lifetime = lifetime;
    return m;
}

static void test_fixtures_pcp(void **state)
{
    static const uint8_t other[OHN_PCP_NONCE_SIZE] = {21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32};
    uint8_t req[128], ans[128], mine[128];
    struct ohn_pcp_answer a;
    struct ohn_pcp_map m;
    uint32_t epoch = 99;
    size_t rl, al;

    rl = fixture("pcp-announce.req", req, sizeof(req));
    assert_int_equal(ohn_pcp_encode_announce(mine, sizeof(mine), lab_client), rl);
    assert_memory_equal(mine, req, rl);
    al = fixture("pcp-announce.ans", ans, sizeof(ans));
    assert_int_equal(ohn_pcp_decode(ans, al, NULL, &a), OHN_PCP_ANSWER);
    assert_int_equal(a.result, OHN_PCP_SUCCESS);
    assert_int_equal(ohn_pcp_decode_announce(ans, al, &epoch), 1);
    assert_int_equal(epoch, 0);

    /* The longest lifetime asked for: miniupnpd grants its max_lifetime, 86400 s. */
    m = lab_map(nonce, 0x7fffffff);
    rl = fixture("pcp-map-tcp.req", req, sizeof(req));
    assert_int_equal(ohn_pcp_encode_map(mine, sizeof(mine), &m), rl);
    assert_memory_equal(mine, req, rl);
    al = fixture("pcp-map-tcp.ans", ans, sizeof(ans));
    assert_int_equal(ohn_pcp_decode(ans, al, &m, &a), OHN_PCP_ANSWER);
    assert_int_equal(a.result, OHN_PCP_SUCCESS);
    assert_int_equal(a.lifetime, 86400);
    assert_int_equal(a.map.external_port, 45601);
    assert_memory_equal(a.map.external, lab_external, 4);
    /* Another request's answer it is not. */
    m.internal_port = 45602;
    assert_int_equal(ohn_pcp_decode(ans, al, &m, &a), OHN_PCP_NOT_OURS);

    /* Another nonce for the same internal port: miniupnpd hands the mapping over... */
    m = lab_map(other, 600);
    al = fixture("pcp-map-other-nonce.ans", ans, sizeof(ans));
    assert_int_equal(ohn_pcp_decode(ans, al, &m, &a), OHN_PCP_ANSWER);
    assert_int_equal(a.result, OHN_PCP_SUCCESS);
    m = lab_map(nonce, 600);
    assert_int_equal(ohn_pcp_decode(ans, al, &m, &a), OHN_PCP_NOT_OURS);
    /* ...and then refuses the first nonce: NOT_AUTHORIZED to delete it. */
    m = lab_map(nonce, 0);
    rl = fixture("pcp-unmap-tcp.req", req, sizeof(req));
    assert_int_equal(ohn_pcp_encode_map(mine, sizeof(mine), &m), rl);
    assert_memory_equal(mine, req, rl);
    al = fixture("pcp-unmap-tcp.ans", ans, sizeof(ans));
    assert_int_equal(ohn_pcp_decode(ans, al, &m, &a), OHN_PCP_ANSWER);
    assert_int_equal(a.result, OHN_PCP_NOT_AUTHORIZED);

    /* A version it does not speak: UNSUPP_VERSION in version 2. */
    al = fixture("pcp-version-3.ans", ans, sizeof(ans));
    assert_int_equal(ohn_pcp_decode(ans, al, NULL, &a), OHN_PCP_ANSWER);
    assert_int_equal(a.result, OHN_PCP_UNSUPP_VERSION);
}

static struct ohn_pcp_record sample_record(void)
{
    struct ohn_pcp_record r = {0};

    r.version = OHN_PCP_VERSION;
    r.protocol = 17;
    r.external_port = 45000;
    r.internal_port = 8080;
    memcpy(r.internal, lab_client, 4);
    r.enabled = 1;
    r.lease = 0;
    r.granted = 86400;
    r.granted_at = 1800000000;
    memcpy(r.nonce, nonce, sizeof(nonce));
    strcpy(r.description, "caf\xc3\xa9 game");
    return r;
}

static void test_records(void **state)
{
    struct ohn_pcp_record r = sample_record(), back;
    uint8_t buf[OHN_PCP_RECORD_MAX + 8];
    size_t n;

    n = ohn_pcp_record_encode(&r, buf, sizeof(buf));
    assert_int_equal(n, 48 + strlen(r.description));
    assert_int_equal(ohn_pcp_record_decode(buf, n, &back), 0);
    assert_memory_equal(&back, &r, sizeof(r));
    /* Renewed at half what was granted; a permanent one has no end, a dynamic one its lease. */
    assert_int_equal(ohn_pcp_record_renew_at(&r), 1800000000 + 43200);
    assert_int_equal(ohn_pcp_record_expires(&r), 0);
    r.lease = 600;
    r.granted = 600;
    assert_int_equal(ohn_pcp_record_expires(&r), 1800000600);
    assert_int_equal(ohn_pcp_record_renew_at(&r), 1800000300);

    /* A description of the longest size, and one byte more. */
    memset(r.description, 'x', OHN_PCP_DESC_MAX);
    r.description[OHN_PCP_DESC_MAX] = 0;
    assert_int_equal(ohn_pcp_record_encode(&r, buf, sizeof(buf)), OHN_PCP_RECORD_MAX);
    assert_int_equal(ohn_pcp_record_decode(buf, OHN_PCP_RECORD_MAX, &back), 0);
    assert_int_equal(strlen(back.description), OHN_PCP_DESC_MAX);
    assert_int_equal(ohn_pcp_record_encode(&r, buf, OHN_PCP_RECORD_MAX - 1), 0);

    /* Values out of range are not encoded. */
    r = sample_record();
    r.protocol = 1;
    assert_int_equal(ohn_pcp_record_encode(&r, buf, sizeof(buf)), 0);
    r = sample_record();
    r.external_port = 0;
    assert_int_equal(ohn_pcp_record_encode(&r, buf, sizeof(buf)), 0);
    r = sample_record();
    r.internal_port = 65536;
    assert_int_equal(ohn_pcp_record_encode(&r, buf, sizeof(buf)), 0);
    r = sample_record();
    r.version = 1;
    assert_int_equal(ohn_pcp_record_encode(&r, buf, sizeof(buf)), 0);

    /* Anything that is not one of ours is refused: size, magic, version, flags, an embedded NUL. */
    r = sample_record();
    n = ohn_pcp_record_encode(&r, buf, sizeof(buf));
    assert_int_equal(ohn_pcp_record_decode(buf, n - 1, &back), -1);
    assert_int_equal(ohn_pcp_record_decode(buf, 47, &back), -1);
    buf[0] = 'X';
    assert_int_equal(ohn_pcp_record_decode(buf, n, &back), -1);
    buf[0] = 'P';
    buf[14] = 2;
    assert_int_equal(ohn_pcp_record_decode(buf, n, &back), -1);
    buf[14] = 1;
    buf[48] = 0;
    assert_int_equal(ohn_pcp_record_decode(buf, n, &back), -1);
}

static void test_record_mutations(void **state)
{
    struct ohn_pcp_record r = sample_record(), back;
    uint8_t clean[OHN_PCP_RECORD_MAX], buf[OHN_PCP_RECORD_MAX];
    size_t n = ohn_pcp_record_encode(&r, clean, sizeof(clean)), len, i;
    uint32_t seed = 77;
    int round, accepted = 0;

    for (round = 0; round < 100000; round++)
    {
        unsigned k;

        memcpy(buf, clean, n);
        len = n;
        for (k = 1 + round % 3; k--;)
        {
            seed = seed * 1103515245u + 12345u;
            i = (seed >> 8) % len;
            if ((seed >> 4) & 3)
                buf[i] = (uint8_t)(seed >> 16);
            else
                len = i ? i : 1;
        }
        if (!ohn_pcp_record_decode(buf, len, &back))
        {
            uint8_t again[OHN_PCP_RECORD_MAX];

            accepted++;
            /* What decodes encodes again to the same bytes. */
            assert_int_equal(ohn_pcp_record_encode(&back, again, sizeof(again)), len);
            assert_memory_equal(again, buf, len);
        }
    }
    assert_true(accepted > 1000);
}

/* Found by tests/fuzz (fuzz_pcp_record): a record with a port 0 was refused after *r had been
 * cleared, and a granted_at near the end of time made its renewal and its end wrap round to the
 * past. */
static void test_record_edges(void **state)
{
    struct ohn_pcp_record r = sample_record(), back, before;
    uint8_t buf[OHN_PCP_RECORD_MAX];
    size_t n = ohn_pcp_record_encode(&r, buf, sizeof(buf));

    assert_true(n > 0);
    buf[6] = buf[7] = 0; /* external port 0 */
    memset(&back, 0x5a, sizeof(back));
    before = back;
    assert_int_equal(ohn_pcp_record_decode(buf, n, &back), -1);
    assert_memory_equal(&back, &before, sizeof(back));

    r.granted_at = UINT64_MAX - 10;
    r.granted = 86400;
    r.lease = 3600;
    assert_true(ohn_pcp_record_renew_at(&r) == UINT64_MAX);
    assert_true(ohn_pcp_record_expires(&r) == UINT64_MAX);
    r.granted_at = 1800000000;
    assert_true(ohn_pcp_record_renew_at(&r) == 1800000000 + 43200);
    assert_true(ohn_pcp_record_expires(&r) == 1800000000 + 86400);
}

static void test_retransmission(void **state)
{
    unsigned i;

    /* NAT-PMP: 250 ms, doubling (RFC 6886 §3.1). */
    assert_int_equal(ohn_pcp_retransmit_ms(OHN_NATPMP_VERSION, 0, 0), 250);
    assert_int_equal(ohn_pcp_retransmit_ms(OHN_NATPMP_VERSION, 1, 0), 500);
    assert_int_equal(ohn_pcp_retransmit_ms(OHN_NATPMP_VERSION, 3, 0), 2000);
    assert_int_equal(ohn_pcp_retransmit_ms(OHN_NATPMP_VERSION, 8, 0), 64000);
    assert_int_equal(ohn_pcp_retransmit_ms(OHN_NATPMP_VERSION, 1000, 0), 64000);
    /* PCP: 3 s, doubling, at most 1024 s, each within 10 % (RFC 6887 §8.1.1). */
    assert_int_equal(ohn_pcp_retransmit_ms(OHN_PCP_VERSION, 0, 0), 2700);
    assert_int_equal(ohn_pcp_retransmit_ms(OHN_PCP_VERSION, 0, 65535), 3300);
    assert_int_equal(ohn_pcp_retransmit_ms(OHN_PCP_VERSION, 1, 32768), 6000);
    for (i = 0; i < 40; i++)
    {
        uint32_t ms = ohn_pcp_retransmit_ms(OHN_PCP_VERSION, i, 40000);

        assert_true(ms >= 2700 && ms <= 1024000 * 11 / 10);
    }
    assert_int_equal(ohn_pcp_retransmit_ms(OHN_PCP_VERSION, 30, 32768), 1024000);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_natpmp_requests), cmocka_unit_test(test_natpmp_answers),
        cmocka_unit_test(test_pcp_requests),    cmocka_unit_test(test_pcp_answers),
        cmocka_unit_test(test_epochs),          cmocka_unit_test(test_mutations),
        cmocka_unit_test(test_fixtures_natpmp), cmocka_unit_test(test_fixtures_pcp),
        cmocka_unit_test(test_records),         cmocka_unit_test(test_record_mutations),
        cmocka_unit_test(test_record_edges),
        cmocka_unit_test(test_retransmission),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
