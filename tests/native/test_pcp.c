/*
 * Native tests of the NAT-PMP and PCP packet core (src/core/pcp.c) under ASan and UBSan: the
 * requests byte for byte as RFC 6886 and RFC 6887 lay them out, answers of every kind and
 * every way an answer can be wrong, the epoch rule, and a mutation loop over both decoders.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_natpmp_requests), cmocka_unit_test(test_natpmp_answers),
        cmocka_unit_test(test_pcp_requests),    cmocka_unit_test(test_pcp_answers),
        cmocka_unit_test(test_epochs),          cmocka_unit_test(test_mutations),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
