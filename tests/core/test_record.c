/*
 * Native tests of the portable core (include/ohn_core.h and the sources in src/core), run with the host
 * compiler under AddressSanitizer and UndefinedBehaviorSanitizer.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "ohn_core.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define SENTINEL 0xA5
#define HEADER 20

/* ---- helpers ------------------------------------------------------------------------------ */

/* ASCII C string to UTF-16 units; returns the number of units (no terminator stored). */
static size_t units(ohn_char *out, const char *s)
{
    size_t i;

    for (i = 0; s[i]; i++)
        out[i] = (ohn_char)(unsigned char)s[i];
    return i;
}

static int units_equal_ascii(const ohn_char *u, const char *s)
{
    size_t i;

    for (i = 0; s[i]; i++)
        if (u[i] != (ohn_char)(unsigned char)s[i])
            return 0;
    return 1;
}

static ohn_char long_name[OHN_NAME_MAX + 1];
static ohn_char long_target[OHN_TARGET_MAX + 1];
static ohn_char long_connection[OHN_CONNECTION_NAME_MAX + 1];

static int setup_long_strings(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < ARRAY_SIZE(long_name); i++)
        long_name[i] = (ohn_char)('a' + i % 26);
    for (i = 0; i < ARRAY_SIZE(long_target); i++)
        long_target[i] = (ohn_char)('A' + i % 26);
    for (i = 0; i < ARRAY_SIZE(long_connection); i++)
        long_connection[i] = (ohn_char)('k' + i % 10);
    return 0;
}

/* Builds a valid mapping (asserting that ohn_mapping_init accepts it), then sets enabled. */
static void make_mapping(struct ohn_mapping *m, const ohn_char *name, size_t name_len, unsigned protocol,
                         unsigned ext, unsigned in, uint32_t options, const ohn_char *target,
                         size_t target_len, unsigned target_type, uint8_t enabled)
{
    assert_int_equal(ohn_mapping_init(m, name, name_len, protocol, ext, in, options, target, target_len,
                                      target_type),
                     OHN_OK);
    assert_int_equal(m->enabled, 0);
    m->enabled = enabled;
    assert_int_equal(ohn_mapping_validate(m), OHN_OK);
}

static void make_simple_mapping(struct ohn_mapping *m)
{
    ohn_char name[16], target[16];
    size_t nl = units(name, "Web server"), tl = units(target, "192.168.0.2");

    make_mapping(m, name, nl, OHN_PROTO_TCP, 8080, 80, 0, target, tl, OHN_TARGET_IPADDRESS, 1);
}

/* Field-by-field comparison (the struct has padding, so no memcmp of the whole struct). */
static void assert_mapping_equal(const struct ohn_mapping *a, const struct ohn_mapping *b)
{
    assert_int_equal(a->protocol, b->protocol);
    assert_int_equal(a->target_type, b->target_type);
    assert_int_equal(a->enabled, b->enabled);
    assert_int_equal(a->external_port, b->external_port);
    assert_int_equal(a->internal_port, b->internal_port);
    assert_int_equal(a->options, b->options);
    assert_int_equal(a->name_len, b->name_len);
    assert_int_equal(a->target_len, b->target_len);
    assert_memory_equal(a->name, b->name, a->name_len * sizeof(ohn_char));
    assert_memory_equal(a->target, b->target, a->target_len * sizeof(ohn_char));
}

/* Encodes m, checks the size, decodes into a sentinel-filled struct, compares every field and
 * re-encodes to the same bytes. */
static void assert_roundtrip(const struct ohn_mapping *m)
{
    uint8_t buf[OHN_RECORD_MAX], again[OHN_RECORD_MAX];
    struct ohn_mapping out;
    size_t n, n2;

    n = ohn_mapping_encode(m, buf, sizeof(buf));
    assert_int_equal(n, HEADER + 2 * ((size_t)m->name_len + m->target_len));
    memset(&out, SENTINEL, sizeof(out));
    assert_int_equal(ohn_mapping_decode(buf, n, &out), OHN_OK);
    assert_mapping_equal(&out, m);
    n2 = ohn_mapping_encode(&out, again, sizeof(again));
    assert_int_equal(n2, n);
    assert_memory_equal(again, buf, n);
}

/* Decodes len bytes copied into a heap block of exactly that size (so ASan sees any over-read)
 * and expects OHN_ECORRUPT with the output untouched. */
static void assert_decode_rejected(const uint8_t *bytes, size_t len, const char *what)
{
    struct ohn_mapping out, before;
    uint8_t *copy = malloc(len ? len : 1);
    int rc;

    assert_non_null(copy);
    if (len)
        memcpy(copy, bytes, len);
    memset(&out, SENTINEL, sizeof(out));
    memcpy(&before, &out, sizeof(out));
    rc = ohn_mapping_decode(copy, len, &out);
    free(copy);
    if (rc != OHN_ECORRUPT)
        fail_msg("decode of %s (%zu bytes) returned %d, expected OHN_ECORRUPT", what, len, rc);
    if (memcmp(&out, &before, sizeof(out)))
        fail_msg("decode of %s (%zu bytes) modified its output on failure", what, len);
}

/* ---- ohn_mapping_init ----------------------------------------------------------------------- */

static void mapping_init_accepts_valid_tcp(void **state)
{
    struct ohn_mapping m;
    ohn_char name[16], target[16];
    size_t nl = units(name, "Web server"), tl = units(target, "myhost");

    (void)state;
    memset(&m, SENTINEL, sizeof(m));
    assert_int_equal(ohn_mapping_init(&m, name, nl, OHN_PROTO_TCP, 8080, 80, 0, target, tl, OHN_TARGET_NAME),
                     OHN_OK);
    assert_int_equal(m.protocol, OHN_PROTO_TCP);
    assert_int_equal(m.target_type, OHN_TARGET_NAME);
    assert_int_equal(m.enabled, 0);
    assert_int_equal(m.external_port, 8080);
    assert_int_equal(m.internal_port, 80);
    assert_int_equal(m.options, 0);
    assert_int_equal(m.name_len, nl);
    assert_int_equal(m.target_len, tl);
    assert_true(units_equal_ascii(m.name, "Web server"));
    assert_true(units_equal_ascii(m.target, "myhost"));
    assert_int_equal(ohn_mapping_validate(&m), OHN_OK);
}

static void mapping_init_accepts_valid_udp(void **state)
{
    struct ohn_mapping m;
    ohn_char name[16], target[16];
    size_t nl = units(name, "DNS"), tl = units(target, "10.0.0.1");

    (void)state;
    memset(&m, SENTINEL, sizeof(m));
    assert_int_equal(ohn_mapping_init(&m, name, nl, OHN_PROTO_UDP, 65535, 1, 7, target, tl,
                                      OHN_TARGET_IPADDRESS),
                     OHN_OK);
    assert_int_equal(m.protocol, OHN_PROTO_UDP);
    assert_int_equal(m.target_type, OHN_TARGET_IPADDRESS);
    assert_int_equal(m.enabled, 0);
    assert_int_equal(m.external_port, 65535);
    assert_int_equal(m.internal_port, 1);
    assert_int_equal(m.options, 7);
    assert_int_equal(m.name_len, 3);
    assert_int_equal(m.target_len, 8);
    assert_true(units_equal_ascii(m.name, "DNS"));
    assert_true(units_equal_ascii(m.target, "10.0.0.1"));
    assert_int_equal(ohn_mapping_validate(&m), OHN_OK);
}

struct init_case
{
    const char *what;
    const ohn_char *name;
    size_t name_len;
    unsigned protocol, external_port, internal_port;
    const ohn_char *target;
    size_t target_len;
    unsigned target_type;
};

static void check_init_rejected(const struct init_case *c)
{
    struct ohn_mapping m, before;
    int rc;

    memset(&m, SENTINEL, sizeof(m));
    memcpy(&before, &m, sizeof(m));
    rc = ohn_mapping_init(&m, c->name, c->name_len, c->protocol, c->external_port, c->internal_port, 0,
                          c->target, c->target_len, c->target_type);
    if (rc != OHN_EINVAL)
        fail_msg("ohn_mapping_init(%s) returned %d, expected OHN_EINVAL", c->what, rc);
    if (memcmp(&m, &before, sizeof(m)))
        fail_msg("ohn_mapping_init(%s) modified its output on failure", c->what);
}

static const ohn_char good_name[] = {'W', 'e', 'b'};
static const ohn_char good_target[] = {'h', 'o', 's', 't'};
#define GOOD_NAME good_name, ARRAY_SIZE(good_name)
#define GOOD_TARGET good_target, ARRAY_SIZE(good_target)

static void mapping_init_rejects_bad_protocol(void **state)
{
    static const unsigned protocols[] = {0, 1, 5, 7, 16, 18, 255, 256, 256 + OHN_PROTO_TCP,
                                         256 + OHN_PROTO_UDP, UINT_MAX};
    size_t i;

    (void)state;
    for (i = 0; i < ARRAY_SIZE(protocols); i++)
    {
        char what[64];
        struct init_case c = {what, GOOD_NAME, protocols[i], 80, 80, GOOD_TARGET, OHN_TARGET_NAME};

        snprintf(what, sizeof(what), "protocol %u", protocols[i]);
        check_init_rejected(&c);
    }
}

static void mapping_init_rejects_bad_ports(void **state)
{
    static const unsigned ports[] = {0, 65536, 65536 + 80, UINT_MAX};
    size_t i;

    (void)state;
    for (i = 0; i < ARRAY_SIZE(ports); i++)
    {
        char what[64];
        struct init_case ext = {what, GOOD_NAME, OHN_PROTO_TCP, ports[i], 80, GOOD_TARGET, OHN_TARGET_NAME};
        struct init_case in = {what, GOOD_NAME, OHN_PROTO_UDP, 80, ports[i], GOOD_TARGET, OHN_TARGET_NAME};

        snprintf(what, sizeof(what), "external port %u", ports[i]);
        check_init_rejected(&ext);
        snprintf(what, sizeof(what), "internal port %u", ports[i]);
        check_init_rejected(&in);
    }
}

static void mapping_init_rejects_bad_name(void **state)
{
    const struct init_case cases[] = {
        {"empty name", good_name, 0, OHN_PROTO_TCP, 80, 80, GOOD_TARGET, OHN_TARGET_NAME},
        {"name of OHN_NAME_MAX+1 units", long_name, OHN_NAME_MAX + 1, OHN_PROTO_TCP, 80, 80, GOOD_TARGET,
         OHN_TARGET_NAME},
        {"name of 65536+1 units", long_name, 65537, OHN_PROTO_TCP, 80, 80, GOOD_TARGET, OHN_TARGET_NAME},
        {"NULL name", NULL, 3, OHN_PROTO_TCP, 80, 80, GOOD_TARGET, OHN_TARGET_NAME},
        {"NULL empty name", NULL, 0, OHN_PROTO_TCP, 80, 80, GOOD_TARGET, OHN_TARGET_NAME},
    };
    size_t i;

    (void)state;
    for (i = 0; i < ARRAY_SIZE(cases); i++)
        check_init_rejected(&cases[i]);
}

static void mapping_init_rejects_bad_target(void **state)
{
    const struct init_case cases[] = {
        {"empty target", GOOD_NAME, OHN_PROTO_TCP, 80, 80, good_target, 0, OHN_TARGET_NAME},
        {"target of OHN_TARGET_MAX+1 units", GOOD_NAME, OHN_PROTO_TCP, 80, 80, long_target,
         OHN_TARGET_MAX + 1, OHN_TARGET_NAME},
        {"target of 65536+1 units", GOOD_NAME, OHN_PROTO_TCP, 80, 80, long_target, 65537, OHN_TARGET_NAME},
        {"NULL target", GOOD_NAME, OHN_PROTO_TCP, 80, 80, NULL, 4, OHN_TARGET_NAME},
        {"NULL empty target", GOOD_NAME, OHN_PROTO_TCP, 80, 80, NULL, 0, OHN_TARGET_NAME},
    };
    size_t i;

    (void)state;
    for (i = 0; i < ARRAY_SIZE(cases); i++)
        check_init_rejected(&cases[i]);
}

static void mapping_init_rejects_unknown_target_type(void **state)
{
    static const unsigned types[] = {2, 3, 255, 256, 257, UINT_MAX};
    size_t i;

    (void)state;
    for (i = 0; i < ARRAY_SIZE(types); i++)
    {
        char what[64];
        struct init_case c = {what, GOOD_NAME, OHN_PROTO_TCP, 80, 80, GOOD_TARGET, types[i]};

        snprintf(what, sizeof(what), "target_type %u", types[i]);
        check_init_rejected(&c);
    }
}

static void mapping_init_rejects_invalid_ip_target(void **state)
{
    static const char *const addresses[] = {"host", "1.2.3", "256.1.1.1", "01.2.3.4", "1.2.3.4.5",
                                            "1.2.3.4 ", " 1.2.3.4", "1..2.3", "::1"};
    size_t i;

    (void)state;
    for (i = 0; i < ARRAY_SIZE(addresses); i++)
    {
        ohn_char target[32];
        char what[64];
        struct init_case c = {what, GOOD_NAME, OHN_PROTO_TCP, 80, 80, target, units(target, addresses[i]),
                              OHN_TARGET_IPADDRESS};

        snprintf(what, sizeof(what), "ICSTT_IPADDRESS target \"%s\"", addresses[i]);
        check_init_rejected(&c);
    }
}

static void mapping_init_accepts_maximum_lengths(void **state)
{
    struct ohn_mapping m;

    (void)state;
    memset(&m, SENTINEL, sizeof(m));
    assert_int_equal(ohn_mapping_init(&m, long_name, OHN_NAME_MAX, OHN_PROTO_TCP, 1, 65535, 0, long_target,
                                      OHN_TARGET_MAX, OHN_TARGET_NAME),
                     OHN_OK);
    assert_int_equal(m.name_len, OHN_NAME_MAX);
    assert_int_equal(m.target_len, OHN_TARGET_MAX);
    assert_memory_equal(m.name, long_name, OHN_NAME_MAX * sizeof(ohn_char));
    assert_memory_equal(m.target, long_target, OHN_TARGET_MAX * sizeof(ohn_char));
}

static void mapping_init_stores_options_as_given(void **state)
{
    static const uint32_t options[] = {0, 1, 0xFFFFFFFFu, 0x80000000u};
    struct ohn_mapping m;
    size_t i;

    (void)state;
    for (i = 0; i < ARRAY_SIZE(options); i++)
    {
        memset(&m, SENTINEL, sizeof(m));
        assert_int_equal(ohn_mapping_init(&m, GOOD_NAME, OHN_PROTO_UDP, 53, 53, options[i], GOOD_TARGET,
                                          OHN_TARGET_NAME),
                         OHN_OK);
        assert_int_equal(m.options, options[i]);
        assert_roundtrip(&m);
    }
}

/* ---- ohn_parse_ipv4 ------------------------------------------------------------------------- */

static void parse_ipv4_accepts_valid_addresses(void **state)
{
    static const struct
    {
        const char *text;
        uint8_t bytes[4];
    } cases[] = {
        {"0.0.0.0", {0, 0, 0, 0}},
        {"255.255.255.255", {255, 255, 255, 255}},
        {"192.168.0.2", {192, 168, 0, 2}},
        {"10.0.0.1", {10, 0, 0, 1}},
        {"1.22.133.9", {1, 22, 133, 9}},
    };
    size_t i;

    (void)state;
    for (i = 0; i < ARRAY_SIZE(cases); i++)
    {
        ohn_char s[32];
        uint8_t out[4] = {0xEE, 0xEE, 0xEE, 0xEE};
        size_t len = units(s, cases[i].text);
        int rc = ohn_parse_ipv4(s, len, out);

        if (rc != OHN_OK)
            fail_msg("ohn_parse_ipv4(\"%s\") returned %d", cases[i].text, rc);
        if (memcmp(out, cases[i].bytes, 4))
            fail_msg("ohn_parse_ipv4(\"%s\") gave %u.%u.%u.%u", cases[i].text, out[0], out[1], out[2],
                     out[3]);
    }
}

static void parse_ipv4_rejects_malformed_addresses(void **state)
{
    static const char *const cases[] = {
        "",         "1.2.3",     "1.2.3.4.5", "256.1.1.1", "1.2.3.-4",  "01.2.3.4",   "1.02.3.4",
        "1.2.3.00", "1..2.3",    ".1.2.3",    "1.2.3.",    "1.2.3.4 ",  " 1.2.3.4",   "a.b.c.d",
        "1111.1.1.1", "1.2.3.0256", "+1.2.3.4", "1.2.3.4/24", "0x1.2.3.4", "...",     "1.2.3.999",
    };
    static const uint8_t untouched[4] = {0xA5, 0xA5, 0xA5, 0xA5};
    size_t i;
    uint8_t out[4];
    ohn_char s[32];

    (void)state;
    for (i = 0; i < ARRAY_SIZE(cases); i++)
    {
        int rc;

        memcpy(out, untouched, sizeof(out));
        rc = ohn_parse_ipv4(s, units(s, cases[i]), out);
        if (rc != OHN_EINVAL)
            fail_msg("ohn_parse_ipv4(\"%s\") returned %d, expected OHN_EINVAL", cases[i], rc);
        if (memcmp(out, untouched, sizeof(out)))
            fail_msg("ohn_parse_ipv4(\"%s\") wrote its output although it failed", cases[i]);
    }

    /* A NUL unit counted in the length is not a terminator. */
    s[units(s, "1.2.3.4")] = 0;
    assert_int_equal(ohn_parse_ipv4(s, 8, out), OHN_EINVAL);
    /* Nor a separator: "1.2.3<NUL>4". */
    s[5] = 0;
    assert_int_equal(ohn_parse_ipv4(s, 7, out), OHN_EINVAL);
    /* Non-ASCII digits-lookalikes and wide units must not be folded to ASCII. */
    units(s, "1.2.3.4");
    s[6] = 0x0034 + 0x0100;
    assert_int_equal(ohn_parse_ipv4(s, 7, out), OHN_EINVAL);
    s[6] = 0xFF14; /* FULLWIDTH DIGIT FOUR */
    assert_int_equal(ohn_parse_ipv4(s, 7, out), OHN_EINVAL);
    assert_int_equal(ohn_parse_ipv4(NULL, 7, out), OHN_EINVAL);
}

/* ---- encode / decode ------------------------------------------------------------------------ */

static void mapping_encode_layout_is_little_endian(void **state)
{
    static const uint8_t expected[] = {'O', 'H', 'M', 1, OHN_PROTO_TCP, OHN_TARGET_NAME, 1, 0,
                                       0x34, 0x12, 0x02, 0x01, 0xD4, 0xC3, 0xB2, 0xA1,
                                       1, 0, 2, 0, 0x4E, 0x00, 0x54, 0x00, 0x34, 0x12};
    const ohn_char name[] = {'N'}, target[] = {'T', 0x1234};
    struct ohn_mapping m;
    uint8_t buf[64];

    (void)state;
    make_mapping(&m, name, 1, OHN_PROTO_TCP, 0x1234, 0x0102, 0xA1B2C3D4u, target, 2, OHN_TARGET_NAME, 1);
    assert_int_equal(ohn_mapping_encode(&m, buf, sizeof(buf)), sizeof(expected));
    assert_memory_equal(buf, expected, sizeof(expected));
}

static void mapping_roundtrip_preserves_every_field(void **state)
{
    ohn_char name[16], target[16];
    struct ohn_mapping m;
    size_t nl = units(name, "Game"), tl;

    (void)state;
    tl = units(target, "192.168.0.2");
    make_mapping(&m, name, nl, OHN_PROTO_TCP, 1, 65535, 0, target, tl, OHN_TARGET_IPADDRESS, 0);
    assert_roundtrip(&m);
    make_mapping(&m, name, nl, OHN_PROTO_TCP, 65535, 1, 1, target, tl, OHN_TARGET_IPADDRESS, 1);
    assert_roundtrip(&m);
    tl = units(target, "server");
    make_mapping(&m, name, nl, OHN_PROTO_UDP, 0x8001, 0x00FF, 0xFFFFFFFFu, target, tl, OHN_TARGET_NAME, 0);
    assert_roundtrip(&m);
    make_mapping(&m, name, nl, OHN_PROTO_UDP, 443, 8443, 0x12345678u, target, tl, OHN_TARGET_NAME, 1);
    assert_roundtrip(&m);
    make_mapping(&m, name, 1, OHN_PROTO_TCP, 22, 22, 0, target, 1, OHN_TARGET_NAME, 1);
    assert_roundtrip(&m);
}

static void mapping_roundtrip_preserves_arbitrary_units(void **state)
{
    static const ohn_char names[][6] = {
        {'a', 0x0000, 'b'},          /* embedded NUL */
        {0xD800},                    /* lone high surrogate */
        {0xDC00},                    /* lone low surrogate */
        {'x', 0xDC00, 0xD800, 'y'},  /* reversed pair */
        {0xFFFF, 0xFFFE, 0xFEFF},    /* non-characters and a BOM */
        {0x00E9, 0x4E2D, 0xD83D, 0xDE00}, /* U+00E9, U+4E2D, U+1F600 as a pair */
        {0x0000},                    /* a single NUL */
    };
    static const size_t lens[] = {3, 1, 1, 4, 3, 4, 1};
    struct ohn_mapping m;
    size_t i;

    (void)state;
    for (i = 0; i < ARRAY_SIZE(names); i++)
    {
        /* The same units as the name and as a host-name target. */
        make_mapping(&m, names[i], lens[i], OHN_PROTO_TCP, 1000 + (unsigned)i, 80, (uint32_t)i, names[i],
                     lens[i], OHN_TARGET_NAME, (uint8_t)(i & 1));
        assert_roundtrip(&m);
    }
}

static void mapping_roundtrip_preserves_maximum_lengths(void **state)
{
    ohn_char name[OHN_NAME_MAX], target[OHN_TARGET_MAX];
    struct ohn_mapping m;
    size_t i;

    (void)state;
    for (i = 0; i < OHN_NAME_MAX; i++)
        name[i] = (ohn_char)(0xFFFF - i * 257);
    for (i = 0; i < OHN_TARGET_MAX; i++)
        target[i] = (ohn_char)(i * 0x0101 + 0x00D7);
    make_mapping(&m, name, OHN_NAME_MAX, OHN_PROTO_UDP, 65535, 65535, 0xFFFFFFFFu, target, OHN_TARGET_MAX,
                 OHN_TARGET_NAME, 1);
    assert_roundtrip(&m);
    make_mapping(&m, long_name, OHN_NAME_MAX, OHN_PROTO_TCP, 1, 1, 0, long_target, OHN_TARGET_MAX,
                 OHN_TARGET_NAME, 0);
    assert_roundtrip(&m);
}

static void mapping_encode_size_is_header_plus_units(void **state)
{
    static const size_t name_lens[] = {1, 2, 17, OHN_NAME_MAX};
    static const size_t target_lens[] = {1, 5, 100, OHN_TARGET_MAX};
    uint8_t buf[OHN_RECORD_MAX];
    struct ohn_mapping m;
    size_t i, j;

    (void)state;
    for (i = 0; i < ARRAY_SIZE(name_lens); i++)
        for (j = 0; j < ARRAY_SIZE(target_lens); j++)
        {
            make_mapping(&m, long_name, name_lens[i], OHN_PROTO_TCP, 80, 80, 0, long_target, target_lens[j],
                         OHN_TARGET_NAME, 0);
            assert_int_equal(ohn_mapping_encode(&m, buf, sizeof(buf)),
                             20 + 2 * (name_lens[i] + target_lens[j]));
        }
    assert_int_equal(ohn_mapping_encode(&m, buf, sizeof(buf)), OHN_RECORD_MAX);
}

static void mapping_encode_rejects_invalid_record(void **state)
{
    uint8_t buf[OHN_RECORD_MAX];
    struct ohn_mapping good, m;
    static const ohn_char host[] = {'h', 'o', 's', 't'};

    (void)state;
    make_simple_mapping(&good);
    assert_int_not_equal(ohn_mapping_encode(&good, buf, sizeof(buf)), 0);

#define EXPECT_ENCODE_ZERO(change)                                                                  \
    do                                                                                              \
    {                                                                                               \
        m = good;                                                                                   \
        change;                                                                                     \
        assert_int_equal(ohn_mapping_validate(&m), OHN_EINVAL);                                      \
        assert_int_equal(ohn_mapping_encode(&m, buf, sizeof(buf)), 0);                              \
    } while (0)

    EXPECT_ENCODE_ZERO(m.protocol = 5);
    EXPECT_ENCODE_ZERO(m.protocol = 0);
    EXPECT_ENCODE_ZERO(m.external_port = 0);
    EXPECT_ENCODE_ZERO(m.internal_port = 0);
    EXPECT_ENCODE_ZERO(m.enabled = 2);
    EXPECT_ENCODE_ZERO(m.enabled = 0xFF);
    EXPECT_ENCODE_ZERO(m.name_len = 0);
    EXPECT_ENCODE_ZERO(m.name_len = OHN_NAME_MAX + 1);
    EXPECT_ENCODE_ZERO(m.name_len = 0xFFFF);
    EXPECT_ENCODE_ZERO(m.target_len = 0);
    EXPECT_ENCODE_ZERO(m.target_len = OHN_TARGET_MAX + 1);
    EXPECT_ENCODE_ZERO(m.target_len = 0xFFFF);
    EXPECT_ENCODE_ZERO(m.target_type = 2);
    EXPECT_ENCODE_ZERO((memcpy(m.target, host, sizeof(host)), m.target_len = 4));
#undef EXPECT_ENCODE_ZERO
}

static void mapping_encode_rejects_short_buffer(void **state)
{
    struct ohn_mapping m;
    uint8_t full[OHN_RECORD_MAX];
    uint8_t *buf;
    size_t size, n;
    int same;

    (void)state;
    make_simple_mapping(&m);
    size = ohn_mapping_encode(&m, full, sizeof(full));
    assert_int_equal(size, 20 + 2 * (m.name_len + m.target_len));

    /* Exactly one byte too small, in a block of that size so ASan sees any overflow. */
    buf = malloc(size - 1);
    assert_non_null(buf);
    n = ohn_mapping_encode(&m, buf, size - 1);
    free(buf);
    assert_int_equal(n, 0);
    assert_int_equal(ohn_mapping_encode(&m, NULL, 0), 0);

    /* Exactly the size is enough. */
    buf = malloc(size);
    assert_non_null(buf);
    n = ohn_mapping_encode(&m, buf, size);
    same = n == size && !memcmp(buf, full, size);
    free(buf);
    assert_int_equal(n, size);
    assert_true(same);
}

static size_t encode_simple(uint8_t *buf)
{
    struct ohn_mapping m;
    size_t n;

    make_simple_mapping(&m);
    n = ohn_mapping_encode(&m, buf, OHN_RECORD_MAX);
    assert_int_not_equal(n, 0);
    return n;
}

/* ---- stored records (the store's envelope: magic, id, record) -------------------------------- */

static void stored_encoding_is_header_id_then_record(void **state)
{
    uint8_t rec[OHN_RECORD_MAX], buf[OHN_STORED_MAX];
    static const uint8_t header[] = {'O', 'H', 'R', 1, 0x78, 0x56, 0x34, 0x12};
    struct ohn_mapping m, out;
    size_t n, r;
    uint32_t id = 0;

    (void)state;
    make_simple_mapping(&m);
    r = ohn_mapping_encode(&m, rec, sizeof(rec));
    n = ohn_stored_encode(0x12345678u, &m, buf, sizeof(buf));
    assert_int_equal(n, OHN_STORED_HEADER + r);
    assert_memory_equal(buf, header, sizeof(header));
    assert_memory_equal(buf + OHN_STORED_HEADER, rec, r);
    memset(&out, SENTINEL, sizeof(out));
    assert_int_equal(ohn_stored_decode(buf, n, &id, &out), OHN_OK);
    assert_int_equal(id, 0x12345678u);
    assert_mapping_equal(&out, &m);
    /* the largest id the store gives out (it keeps 0xffffffff for unreadable values) */
    n = ohn_stored_encode(0xfffffffeu, &m, buf, sizeof(buf));
    assert_int_equal(ohn_stored_decode(buf, n, &id, &out), OHN_OK);
    assert_int_equal(id, 0xfffffffeu);
}

static void stored_encode_refuses_id_zero_invalid_record_and_short_buffer(void **state)
{
    uint8_t buf[OHN_STORED_MAX];
    struct ohn_mapping m;
    size_t n;

    (void)state;
    make_simple_mapping(&m);
    assert_int_equal(ohn_stored_encode(0, &m, buf, sizeof(buf)), 0);
    n = ohn_stored_encode(1, &m, buf, sizeof(buf));
    assert_int_not_equal(n, 0);
    assert_int_equal(ohn_stored_encode(1, &m, buf, n - 1), 0);
    assert_int_equal(ohn_stored_encode(1, &m, buf, OHN_STORED_HEADER - 1), 0);
    m.protocol = 1;
    assert_int_equal(ohn_stored_encode(1, &m, buf, sizeof(buf)), 0);
}

static void stored_decode_rejects_bad_header_id_zero_and_bad_record(void **state)
{
    uint8_t buf[OHN_STORED_MAX], rec[OHN_RECORD_MAX];
    struct ohn_mapping m, out, untouched;
    uint32_t id = 77;
    size_t n, len, i;

    (void)state;
    make_simple_mapping(&m);
    n = ohn_stored_encode(5, &m, buf, sizeof(buf));
    memset(&out, SENTINEL, sizeof(out));
    untouched = out;
    for (len = 0; len < n; len++)
        assert_int_equal(ohn_stored_decode(buf, len, &id, &out), OHN_ECORRUPT);
    for (i = 0; i < 4; i++)
    {
        buf[i] ^= 0x20;
        assert_int_equal(ohn_stored_decode(buf, n, &id, &out), OHN_ECORRUPT);
        buf[i] ^= 0x20;
    }
    memset(buf + 4, 0, 4); /* id 0 is never given out */
    assert_int_equal(ohn_stored_decode(buf, n, &id, &out), OHN_ECORRUPT);
    assert_int_equal(ohn_stored_decode(NULL, n, &id, &out), OHN_ECORRUPT);
    /* a bare record of the earlier layout is not a stored record */
    len = ohn_mapping_encode(&m, rec, sizeof(rec));
    assert_int_equal(ohn_stored_decode(rec, len, &id, &out), OHN_ECORRUPT);
    assert_int_equal(id, 77);
    assert_memory_equal(&out, &untouched, sizeof(out));
}

static void mapping_decode_rejects_truncations(void **state)
{
    uint8_t buf[OHN_RECORD_MAX];
    size_t n = encode_simple(buf), len;
    struct ohn_mapping out;

    (void)state;
    for (len = 0; len < n; len++)
        assert_decode_rejected(buf, len, "a truncated record");
    memset(&out, SENTINEL, sizeof(out));
    assert_int_equal(ohn_mapping_decode(buf, n, &out), OHN_OK);
    assert_int_equal(ohn_mapping_decode(NULL, n, &out), OHN_ECORRUPT);
}

static void mapping_decode_rejects_trailing_byte(void **state)
{
    uint8_t buf[OHN_RECORD_MAX + 2];
    size_t n = encode_simple(buf);

    (void)state;
    buf[n] = 0;
    assert_decode_rejected(buf, n + 1, "a record plus a zero byte");
    buf[n + 1] = 0;
    assert_decode_rejected(buf, n + 2, "a record plus a zero unit");
}

static void mapping_decode_rejects_bad_magic(void **state)
{
    uint8_t buf[OHN_RECORD_MAX];
    size_t n = encode_simple(buf), i;

    (void)state;
    for (i = 0; i < 3; i++)
    {
        uint8_t saved = buf[i];

        buf[i] = 0;
        assert_decode_rejected(buf, n, "a record with a zero magic byte");
        buf[i] = (uint8_t)(saved ^ 0x20); /* lower case */
        assert_decode_rejected(buf, n, "a record with a lower-case magic byte");
        buf[i] = saved;
    }
    buf[2] = 'S'; /* the sharing-state magic */
    assert_decode_rejected(buf, n, "a sharing-state magic");
}

static void mapping_decode_rejects_bad_version(void **state)
{
    static const uint8_t versions[] = {0, 2, 0x81, 0xFF};
    uint8_t buf[OHN_RECORD_MAX];
    size_t n = encode_simple(buf), i;

    (void)state;
    for (i = 0; i < ARRAY_SIZE(versions); i++)
    {
        buf[3] = versions[i];
        assert_decode_rejected(buf, n, "a record with an unknown version");
    }
}

static void mapping_decode_rejects_nonzero_reserved(void **state)
{
    static const uint8_t values[] = {1, 0x80, 0xFF};
    uint8_t buf[OHN_RECORD_MAX];
    size_t n = encode_simple(buf), i;

    (void)state;
    for (i = 0; i < ARRAY_SIZE(values); i++)
    {
        buf[7] = values[i];
        assert_decode_rejected(buf, n, "a record with a nonzero reserved byte");
    }
}

static void put16(uint8_t *p, unsigned v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
}

/* A header for a TCP name-target record with the given lengths, payload filled with 'a'. */
static size_t build_record(uint8_t *buf, unsigned name_len, unsigned target_len)
{
    size_t i, n = HEADER + 2 * ((size_t)name_len + target_len);

    memset(buf, 0, HEADER);
    buf[0] = 'O';
    buf[1] = 'H';
    buf[2] = 'M';
    buf[3] = 1;
    buf[4] = OHN_PROTO_TCP;
    buf[5] = OHN_TARGET_NAME;
    buf[6] = 1;
    put16(buf + 8, 80);
    put16(buf + 10, 8080);
    put16(buf + 16, name_len);
    put16(buf + 18, target_len);
    for (i = HEADER; i < n; i += 2)
        put16(buf + i, 'a');
    return n;
}

static void mapping_decode_rejects_bad_lengths(void **state)
{
    static uint8_t buf[HEADER + 2 * (0xFFFF + 0xFFFF)];
    struct ohn_mapping out;
    size_t n;

    (void)state;
    /* The builder itself makes valid records at the limits. */
    n = build_record(buf, OHN_NAME_MAX, OHN_TARGET_MAX);
    memset(&out, SENTINEL, sizeof(out));
    assert_int_equal(ohn_mapping_decode(buf, n, &out), OHN_OK);
    assert_roundtrip(&out);

    /* Lengths over the maximum, with a size consistent with them. */
    n = build_record(buf, OHN_NAME_MAX + 1, 1);
    assert_decode_rejected(buf, n, "name_len OHN_NAME_MAX+1");
    n = build_record(buf, 1, OHN_TARGET_MAX + 1);
    assert_decode_rejected(buf, n, "target_len OHN_TARGET_MAX+1");
    n = build_record(buf, 0xFFFF, 1);
    assert_decode_rejected(buf, n, "name_len 0xFFFF");
    n = build_record(buf, 1, 0xFFFF);
    assert_decode_rejected(buf, n, "target_len 0xFFFF");
    n = build_record(buf, 0xFFFF, 0xFFFF);
    assert_decode_rejected(buf, n, "both lengths 0xFFFF");

    /* Lengths inconsistent with the size. */
    n = build_record(buf, 5, 5);
    put16(buf + 16, 6);
    assert_decode_rejected(buf, n, "name_len one more than the size allows");
    put16(buf + 16, 4);
    assert_decode_rejected(buf, n, "name_len one less than the size allows");
    put16(buf + 16, 5);
    put16(buf + 18, 6);
    assert_decode_rejected(buf, n, "target_len one more than the size allows");
    put16(buf + 18, 4);
    assert_decode_rejected(buf, n, "target_len one less than the size allows");
    put16(buf + 16, 6); /* the sum is right, the split is not observable, so this one is valid */
    memset(&out, SENTINEL, sizeof(out));
    assert_int_equal(ohn_mapping_decode(buf, n, &out), OHN_OK);
    assert_int_equal(out.name_len, 6);
    assert_int_equal(out.target_len, 4);
    put16(buf + 16, 0x8005); /* high bit set: would wrap a 16-bit size computation */
    assert_decode_rejected(buf, n, "name_len 0x8005");
    put16(buf + 16, 5);
    assert_decode_rejected(buf, n - 1, "an odd size");
}

static void mapping_decode_rejects_invalid_fields(void **state)
{
    static uint8_t buf[OHN_RECORD_MAX];
    size_t n;

    (void)state;
#define EXPECT_DECODE_REJECTED(change, what)                                                        \
    do                                                                                              \
    {                                                                                               \
        n = build_record(buf, 3, 4);                                                                \
        change;                                                                                     \
        assert_decode_rejected(buf, n, what);                                                       \
    } while (0)

    EXPECT_DECODE_REJECTED(buf[4] = 5, "protocol 5");
    EXPECT_DECODE_REJECTED(buf[4] = 0, "protocol 0");
    EXPECT_DECODE_REJECTED(buf[4] = 0xFF, "protocol 255");
    EXPECT_DECODE_REJECTED(put16(buf + 8, 0), "external port 0");
    EXPECT_DECODE_REJECTED(put16(buf + 10, 0), "internal port 0");
    EXPECT_DECODE_REJECTED(buf[6] = 2, "enabled 2");
    EXPECT_DECODE_REJECTED(buf[6] = 0xFF, "enabled 255");
    EXPECT_DECODE_REJECTED(buf[5] = OHN_TARGET_IPADDRESS, "target type 1 with target \"aaaa\"");
    EXPECT_DECODE_REJECTED(buf[5] = 2, "target type 2");
    EXPECT_DECODE_REJECTED(n = build_record(buf, 0, 4), "an empty name");
    EXPECT_DECODE_REJECTED(n = build_record(buf, 3, 0), "an empty target");
    EXPECT_DECODE_REJECTED(n = build_record(buf, 0, 0), "an empty name and target");
#undef EXPECT_DECODE_REJECTED

    /* Target type 1 with a valid address decodes; with a malformed one it does not. */
    n = build_record(buf, 1, 7);
    buf[5] = OHN_TARGET_IPADDRESS;
    {
        static const char ip[] = "1.2.3.4";
        struct ohn_mapping out;
        size_t i;

        for (i = 0; i < 7; i++)
            put16(buf + HEADER + 2 + 2 * i, (unsigned char)ip[i]);
        memset(&out, SENTINEL, sizeof(out));
        assert_int_equal(ohn_mapping_decode(buf, n, &out), OHN_OK);
        assert_int_equal(out.target_type, OHN_TARGET_IPADDRESS);
        put16(buf + HEADER + 2 + 2 * 6, 'x');
        assert_decode_rejected(buf, n, "target type 1 with target \"1.2.3.x\"");
        put16(buf + HEADER + 2 + 2 * 6, 0x0134);
        assert_decode_rejected(buf, n, "target type 1 with a wide unit for a digit");
        put16(buf + HEADER + 2 + 2 * 6, '4');
        put16(buf + HEADER + 2 + 2 * 5, '4');
        assert_decode_rejected(buf, n, "target type 1 with target \"1.2.344\"");
    }
}

/* ---- pseudo-random decoding ----------------------------------------------------------------- */

static uint64_t rng_state;

static uint64_t rnd(void)
{
    uint64_t x = rng_state;

    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return rng_state = x;
}

static size_t rnd_below(size_t n)
{
    return (size_t)(rnd() % n);
}

static void random_mapping(struct ohn_mapping *m)
{
    ohn_char name[OHN_NAME_MAX], target[OHN_TARGET_MAX];
    size_t name_len, target_len, i;
    unsigned type;

    /* Mostly short strings (where a mutation is likelier to land in the header) but any size. */
    name_len = 1 + rnd_below(rnd() & 1 ? OHN_NAME_MAX : 8);
    for (i = 0; i < name_len; i++)
        name[i] = (ohn_char)rnd();
    if (rnd() & 1)
    {
        char text[16];

        snprintf(text, sizeof(text), "%u.%u.%u.%u", (unsigned)(rnd() & 0xFF), (unsigned)(rnd() & 0xFF),
                 (unsigned)(rnd() & 0xFF), (unsigned)(rnd() & 0xFF));
        target_len = units(target, text);
        type = OHN_TARGET_IPADDRESS;
    }
    else
    {
        target_len = 1 + rnd_below(rnd() & 1 ? OHN_TARGET_MAX : 8);
        for (i = 0; i < target_len; i++)
            target[i] = (ohn_char)rnd();
        type = OHN_TARGET_NAME;
    }
    make_mapping(m, name, name_len, rnd() & 1 ? OHN_PROTO_TCP : OHN_PROTO_UDP, 1 + (unsigned)rnd_below(65535),
                 1 + (unsigned)rnd_below(65535), (uint32_t)rnd(), target, target_len, type,
                 (uint8_t)(rnd() & 1));
}

#define FUZZ_ROUNDS 200000
#define FUZZ_CAP (OHN_RECORD_MAX + 8)

static void mapping_decode_fuzz_never_crashes_and_reencodes_exactly(void **state)
{
    static uint8_t area[FUZZ_CAP]; /* static: failing asserts longjmp out, nothing to free */
    uint8_t again[OHN_RECORD_MAX];
    struct ohn_mapping m, before;
    unsigned long ok_random = 0, ok_mutated = 0;
    long round;

    (void)state;
    rng_state = 0x9E3779B97F4A7C15ull;
    for (round = 0; round < FUZZ_ROUNDS; round++)
    {
        int mutated = (int)(round & 1);
        size_t len, i;
        uint8_t *data;
        int rc;

        if (mutated)
        {
            /* A valid encoding with 1 to 3 bytes overwritten. */
            size_t count = 1 + rnd_below(3);

            random_mapping(&m);
            len = ohn_mapping_encode(&m, area, FUZZ_CAP);
            assert_int_not_equal(len, 0);
            data = area + FUZZ_CAP - len; /* end of the block: ASan sees any over-read */
            memmove(data, area, len);
            for (i = 0; i < count; i++)
                data[rnd_below(len)] = (uint8_t)rnd();
        }
        else
        {
            /* Random bytes; often with a plausible header so that decoding gets further. */
            len = rnd_below(FUZZ_CAP + 1);
            data = area + FUZZ_CAP - len;
            for (i = 0; i < len; i++)
                data[i] = (uint8_t)rnd();
            if (len >= 8 && (rnd() & 1))
            {
                data[0] = 'O';
                data[1] = 'H';
                data[2] = 'M';
                data[3] = 1;
                data[4] = rnd() & 1 ? OHN_PROTO_TCP : OHN_PROTO_UDP;
                data[5] = (uint8_t)(rnd() & 1);
                data[6] = (uint8_t)(rnd() & 1);
                data[7] = 0;
                if (len >= HEADER && (len - HEADER) % 2 == 0
                    && (len - HEADER) / 2 <= OHN_NAME_MAX + OHN_TARGET_MAX && (rnd() & 1))
                {
                    size_t total = (len - HEADER) / 2, nl = rnd_below(total + 1);

                    if (nl > OHN_NAME_MAX)
                        nl = OHN_NAME_MAX;
                    if (total - nl > OHN_TARGET_MAX)
                        nl = total - OHN_TARGET_MAX;
                    put16(data + 16, (unsigned)nl);
                    put16(data + 18, (unsigned)(total - nl));
                }
            }
        }

        memset(&m, SENTINEL, sizeof(m));
        memcpy(&before, &m, sizeof(m));
        rc = ohn_mapping_decode(data, len, &m);
        if (rc == OHN_OK)
        {
            size_t n = ohn_mapping_encode(&m, again, sizeof(again));

            if (n != len || memcmp(again, data, len))
                fail_msg("round %ld: decoded %zu bytes re-encode to %zu different bytes", round, len, n);
            if (mutated)
                ok_mutated++;
            else
                ok_random++;
        }
        else if (rc != OHN_ECORRUPT)
            fail_msg("round %ld: decode returned %d", round, rc);
        else if (memcmp(&m, &before, sizeof(m)))
            fail_msg("round %ld: decode modified its output on failure", round);
    }
    /* Both halves must have reached the success path, or the test checks nothing there. */
    assert_true(ok_mutated > 0);
    assert_true(ok_random > 0);
}

/* ---- key names ------------------------------------------------------------------------------ */

static void key_name_formats_examples(void **state)
{
    static const struct
    {
        unsigned protocol, port;
        const char *text;
    } cases[] = {
        {OHN_PROTO_TCP, 555, "TCP-00555"},
        {OHN_PROTO_UDP, 65535, "UDP-65535"},
        {OHN_PROTO_TCP, 1, "TCP-00001"},
        {OHN_PROTO_UDP, 10000, "UDP-10000"},
    };
    size_t i;

    (void)state;
    for (i = 0; i < ARRAY_SIZE(cases); i++)
    {
        ohn_char out[OHN_KEY_NAME_LEN];
        uint8_t protocol = 0;
        uint16_t port = 0;

        memset(out, 0xEE, sizeof(out));
        assert_int_equal(ohn_key_name(cases[i].protocol, cases[i].port, out), OHN_OK);
        assert_true(units_equal_ascii(out, cases[i].text));
        assert_int_equal(out[9], 0);
        assert_int_equal(ohn_parse_key_name(out, 9, &protocol, &port), OHN_OK);
        assert_int_equal(protocol, cases[i].protocol);
        assert_int_equal(port, cases[i].port);
    }
}

static void key_name_roundtrips_every_port(void **state)
{
    static const unsigned protocols[] = {OHN_PROTO_TCP, OHN_PROTO_UDP};
    size_t p;
    unsigned port;

    (void)state;
    for (p = 0; p < ARRAY_SIZE(protocols); p++)
        for (port = 1; port <= 65535; port++)
        {
            ohn_char out[OHN_KEY_NAME_LEN];
            char expected[OHN_KEY_NAME_LEN];
            uint8_t protocol = 0;
            uint16_t parsed = 0;

            snprintf(expected, sizeof(expected), "%s-%05u", protocols[p] == OHN_PROTO_TCP ? "TCP" : "UDP",
                     port);
            if (ohn_key_name(protocols[p], port, out) != OHN_OK || !units_equal_ascii(out, expected)
                || out[9])
                fail_msg("ohn_key_name(%u, %u) did not give %s", protocols[p], port, expected);
            if (ohn_parse_key_name(out, 9, &protocol, &parsed) != OHN_OK || protocol != protocols[p]
                || parsed != port)
                fail_msg("ohn_parse_key_name(%s) did not give back (%u, %u)", expected, protocols[p], port);
        }
}

static void shard_names_group_ports_by_thousands(void **state)
{
    static const struct
    {
        unsigned protocol, port;
        const char *name;
        unsigned shard;
    } cases[] = {
        {OHN_PROTO_TCP, 1, "TCP-00xxx", 0},       {OHN_PROTO_TCP, 999, "TCP-00xxx", 0},
        {OHN_PROTO_TCP, 1000, "TCP-01xxx", 1},    {OHN_PROTO_UDP, 4500, "UDP-04xxx", 4},
        {OHN_PROTO_UDP, 65535, "UDP-65xxx", 65},  {OHN_PROTO_TCP, 65000, "TCP-65xxx", 65},
    };
    ohn_char out[OHN_KEY_NAME_LEN];
    unsigned shard, i;
    uint8_t protocol;

    (void)state;
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
    {
        assert_int_equal(ohn_shard_name(cases[i].protocol, cases[i].port, out), OHN_OK);
        assert_true(units_equal_ascii(out, cases[i].name));
        assert_int_equal(ohn_parse_shard_name(out, 9, &protocol, &shard), OHN_OK);
        assert_int_equal(protocol, cases[i].protocol);
        assert_int_equal(shard, cases[i].shard);
        assert_int_equal(shard, cases[i].port / 1000);
        assert_true(shard < OHN_SHARDS);
    }
    assert_int_equal(ohn_shard_name(OHN_PROTO_TCP, 0, out), OHN_EINVAL);
    assert_int_equal(ohn_shard_name(OHN_PROTO_TCP, 65536, out), OHN_EINVAL);
    assert_int_equal(ohn_shard_name(1, 80, out), OHN_EINVAL);
}

static void shard_name_parser_rejects_everything_else(void **state)
{
    static const char *const bad[] = {"TCP-00555", "TCP-66xxx", "TCP-99xxx", "TCP-0xxxx", "TCP-00xx", "TCP-00xxxx",
                                      "tcp-00xxx", "ICMP-0xxx", "TCP_00xxx", "TCP-00XXX", "TCP-a0xxx", ""};
    ohn_char s[16];
    unsigned shard = 77, i;
    uint8_t protocol = 99;
    size_t len;

    (void)state;
    for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
    {
        len = units(s, bad[i]);
        if (ohn_parse_shard_name(s, len, &protocol, &shard) != OHN_EINVAL)
            fail_msg("\"%s\" was taken for a shard name", bad[i]);
    }
    assert_int_equal(ohn_parse_shard_name(NULL, 9, &protocol, &shard), OHN_EINVAL);
    assert_int_equal(protocol, 99);
    assert_int_equal(shard, 77);
}

static void key_name_rejects_invalid_values(void **state)
{
    ohn_char out[OHN_KEY_NAME_LEN];

    (void)state;
    assert_int_equal(ohn_key_name(5, 80, out), OHN_EINVAL);
    assert_int_equal(ohn_key_name(0, 80, out), OHN_EINVAL);
    assert_int_equal(ohn_key_name(256 + OHN_PROTO_TCP, 80, out), OHN_EINVAL);
    assert_int_equal(ohn_key_name(OHN_PROTO_TCP, 0, out), OHN_EINVAL);
    assert_int_equal(ohn_key_name(OHN_PROTO_UDP, 65536, out), OHN_EINVAL);
    assert_int_equal(ohn_key_name(OHN_PROTO_TCP, 65536 + 80, out), OHN_EINVAL);
    assert_int_equal(ohn_key_name(OHN_PROTO_TCP, UINT_MAX, out), OHN_EINVAL);
}

static void parse_key_name_rejects_malformed(void **state)
{
    static const char *const cases[] = {
        "tcp-00555", "Tcp-00555", "TCP-0555",  "TCP-655350", "TCP-65536", "TCP-99999", "TCP-00000",
        "UDP-00000", "ICMP-0001", "TCP_00555", "TCP 00555",  "TCP-0055a", "TCP-+0555", "TCP- 0555",
        "TCP--0555", "UDP-",      "",          "TCP",        "UDPX00555", "ABC-00555", "TCP-00555 ",
    };
    size_t i;
    ohn_char s[32];
    uint8_t protocol;
    uint16_t port;

    (void)state;
    for (i = 0; i < ARRAY_SIZE(cases); i++)
    {
        int rc = ohn_parse_key_name(s, units(s, cases[i]), &protocol, &port);

        if (rc != OHN_EINVAL)
            fail_msg("ohn_parse_key_name(\"%s\") returned %d, expected OHN_EINVAL", cases[i], rc);
    }

    /* Wrong lengths around a valid name, the terminator counted included. */
    s[units(s, "TCP-00555")] = 0;
    assert_int_equal(ohn_parse_key_name(s, 9, &protocol, &port), OHN_OK);
    assert_int_equal(ohn_parse_key_name(s, 10, &protocol, &port), OHN_EINVAL);
    assert_int_equal(ohn_parse_key_name(s, 8, &protocol, &port), OHN_EINVAL);
    assert_int_equal(ohn_parse_key_name(s, 0, &protocol, &port), OHN_EINVAL);
    assert_int_equal(ohn_parse_key_name(NULL, 9, &protocol, &port), OHN_EINVAL);
    /* A wide unit whose low byte is a digit is not a digit. */
    s[8] = 0x0135;
    assert_int_equal(ohn_parse_key_name(s, 9, &protocol, &port), OHN_EINVAL);
}

/* ---- connection names ----------------------------------------------------------------------- */

static void connection_name_accepts_valid(void **state)
{
    static const ohn_char non_ascii[] = {'R', 0x00E9, 's', 'e', 'a', 'u', ' ', 0x4E2D, 0xD83D, 0xDE00};
    ohn_char s[32];

    (void)state;
    assert_int_equal(ohn_connection_name_valid(s, units(s, "Local Area Connection")), OHN_OK);
    assert_int_equal(ohn_connection_name_valid(s, units(s, "x")), OHN_OK);
    assert_int_equal(ohn_connection_name_valid(s, units(s, "Wi-Fi (2) #1 & 'home'; a=b, c.d")), OHN_OK);
    assert_int_equal(ohn_connection_name_valid(s, units(s, " ")), OHN_OK);
    assert_int_equal(ohn_connection_name_valid(long_connection, OHN_CONNECTION_NAME_MAX), OHN_OK);
    assert_int_equal(ohn_connection_name_valid(non_ascii, ARRAY_SIZE(non_ascii)), OHN_OK);
}

static void connection_name_rejects_bad_length(void **state)
{
    ohn_char s[4] = {'a'};

    (void)state;
    assert_int_equal(ohn_connection_name_valid(s, 0), OHN_EINVAL);
    assert_int_equal(ohn_connection_name_valid(long_connection, OHN_CONNECTION_NAME_MAX + 1), OHN_EINVAL);
    assert_int_equal(ohn_connection_name_valid(NULL, 1), OHN_EINVAL);
}

static void connection_name_rejects_forbidden_characters(void **state)
{
    static const char forbidden[] = "\\/:*?\"<>|";
    size_t i, pos;

    (void)state;
    for (i = 0; forbidden[i]; i++)
        for (pos = 0; pos < 3; pos++)
        {
            ohn_char s[8];
            size_t len = units(s, "abc");

            s[pos] = (ohn_char)forbidden[i];
            if (ohn_connection_name_valid(s, len) != OHN_EINVAL)
                fail_msg("name with '%c' at %zu accepted", forbidden[i], pos);
            s[0] = (ohn_char)forbidden[i];
            if (ohn_connection_name_valid(s, 1) != OHN_EINVAL)
                fail_msg("name \"%c\" accepted", forbidden[i]);
            /* The same low byte in a wide unit is an ordinary character. */
            s[0] = (ohn_char)(0x0100 | (unsigned char)forbidden[i]);
            s[1] = 'x';
            if (ohn_connection_name_valid(s, 2) != OHN_OK)
                fail_msg("name with U+%04X rejected", (unsigned)s[0]);
        }
}

static void connection_name_rejects_control_characters(void **state)
{
    static const ohn_char controls[] = {0x01, 0x09, 0x0A, 0x0D, 0x1F, 0x7F, 0x80, 0x85, 0x9F};
    size_t i;

    (void)state;
    for (i = 0; i < ARRAY_SIZE(controls); i++)
    {
        ohn_char s[8];
        size_t len = units(s, "LAN 1");

        s[3] = controls[i];
        if (ohn_connection_name_valid(s, len) != OHN_EINVAL)
            fail_msg("name with control 0x%02X accepted", (unsigned)controls[i]);
        if (ohn_connection_name_valid(&controls[i], 1) != OHN_EINVAL)
            fail_msg("name of control 0x%02X alone accepted", (unsigned)controls[i]);
    }
}

static void connection_name_rejects_embedded_nul(void **state)
{
    ohn_char s[16];
    size_t len = units(s, "Local Area");

    (void)state;
    s[5] = 0;
    assert_int_equal(ohn_connection_name_valid(s, len), OHN_EINVAL);
    s[5] = ' ';
    s[len] = 0;
    assert_int_equal(ohn_connection_name_valid(s, len), OHN_OK);
    assert_int_equal(ohn_connection_name_valid(s, len + 1), OHN_EINVAL); /* trailing NUL counted */
}

/* ---- sharing roles -------------------------------------------------------------------------- */

static const uint8_t guid_a[OHN_GUID_SIZE] = {0xA1, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07,
                                              0x08, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x0E, 0x0F};
static const uint8_t guid_b[OHN_GUID_SIZE] = {0xB2, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07,
                                              0x08, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x0E, 0x0F};
static const uint8_t guid_c[OHN_GUID_SIZE] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
static const uint8_t guid_zero[OHN_GUID_SIZE];

static void sharing_clear_leaves_no_roles(void **state)
{
    struct ohn_sharing s;

    (void)state;
    memset(&s, SENTINEL, sizeof(s));
    ohn_sharing_clear(&s);
    assert_memory_equal(s.public_guid, guid_zero, OHN_GUID_SIZE);
    assert_memory_equal(s.private_guid, guid_zero, OHN_GUID_SIZE);
    assert_int_equal(ohn_sharing_role(&s, guid_a), OHN_ROLE_NONE);
    assert_int_equal(ohn_sharing_role(&s, guid_zero), OHN_ROLE_NONE);
}

static void sharing_public_moves_to_the_new_connection(void **state)
{
    struct ohn_sharing s;

    (void)state;
    ohn_sharing_clear(&s);
    assert_int_equal(ohn_sharing_enable(&s, guid_a, OHN_ROLE_PUBLIC), OHN_OK);
    assert_int_equal(ohn_sharing_role(&s, guid_a), OHN_ROLE_PUBLIC);
    assert_int_equal(ohn_sharing_role(&s, guid_b), OHN_ROLE_NONE);
    assert_int_equal(ohn_sharing_enable(&s, guid_b, OHN_ROLE_PUBLIC), OHN_OK);
    assert_int_equal(ohn_sharing_role(&s, guid_a), OHN_ROLE_NONE);
    assert_int_equal(ohn_sharing_role(&s, guid_b), OHN_ROLE_PUBLIC);
    assert_memory_equal(s.public_guid, guid_b, OHN_GUID_SIZE);
    assert_memory_equal(s.private_guid, guid_zero, OHN_GUID_SIZE);

    /* Same for private, and the two roles are independent. */
    assert_int_equal(ohn_sharing_enable(&s, guid_a, OHN_ROLE_PRIVATE), OHN_OK);
    assert_int_equal(ohn_sharing_enable(&s, guid_c, OHN_ROLE_PRIVATE), OHN_OK);
    assert_int_equal(ohn_sharing_role(&s, guid_a), OHN_ROLE_NONE);
    assert_int_equal(ohn_sharing_role(&s, guid_b), OHN_ROLE_PUBLIC);
    assert_int_equal(ohn_sharing_role(&s, guid_c), OHN_ROLE_PRIVATE);

    /* Enabling the role a connection already has changes nothing. */
    assert_int_equal(ohn_sharing_enable(&s, guid_b, OHN_ROLE_PUBLIC), OHN_OK);
    assert_int_equal(ohn_sharing_role(&s, guid_b), OHN_ROLE_PUBLIC);
    assert_int_equal(ohn_sharing_role(&s, guid_c), OHN_ROLE_PRIVATE);
}

static void sharing_private_on_public_connection_moves_it(void **state)
{
    struct ohn_sharing s;

    (void)state;
    ohn_sharing_clear(&s);
    assert_int_equal(ohn_sharing_enable(&s, guid_a, OHN_ROLE_PUBLIC), OHN_OK);
    assert_int_equal(ohn_sharing_enable(&s, guid_b, OHN_ROLE_PRIVATE), OHN_OK);
    assert_int_equal(ohn_sharing_enable(&s, guid_a, OHN_ROLE_PRIVATE), OHN_OK);
    assert_int_equal(ohn_sharing_role(&s, guid_a), OHN_ROLE_PRIVATE);
    assert_int_equal(ohn_sharing_role(&s, guid_b), OHN_ROLE_NONE);
    assert_memory_equal(s.public_guid, guid_zero, OHN_GUID_SIZE);
    assert_memory_equal(s.private_guid, guid_a, OHN_GUID_SIZE);

    /* And back. */
    assert_int_equal(ohn_sharing_enable(&s, guid_a, OHN_ROLE_PUBLIC), OHN_OK);
    assert_int_equal(ohn_sharing_role(&s, guid_a), OHN_ROLE_PUBLIC);
    assert_memory_equal(s.private_guid, guid_zero, OHN_GUID_SIZE);
}

static void sharing_enable_accepts_a_guid_inside_the_state(void **state)
{
    struct ohn_sharing s;
    uint8_t a[OHN_GUID_SIZE];

    (void)state;
    memset(a, 0x11, sizeof(a));
    ohn_sharing_clear(&s);
    assert_int_equal(OHN_OK, ohn_sharing_enable(&s, a, OHN_ROLE_PRIVATE));
    /* Moving the private connection to public, naming it by the state's own bytes. */
    assert_int_equal(OHN_OK, ohn_sharing_enable(&s, s.private_guid, OHN_ROLE_PUBLIC));
    assert_int_equal(OHN_ROLE_PUBLIC, ohn_sharing_role(&s, a));
    assert_memory_equal(s.public_guid, a, OHN_GUID_SIZE);
}

static void sharing_disable_removes_only_that_role(void **state)
{
    struct ohn_sharing s;

    (void)state;
    ohn_sharing_clear(&s);
    assert_int_equal(ohn_sharing_enable(&s, guid_a, OHN_ROLE_PUBLIC), OHN_OK);
    assert_int_equal(ohn_sharing_enable(&s, guid_b, OHN_ROLE_PRIVATE), OHN_OK);

    ohn_sharing_disable(&s, guid_c); /* no role: nothing changes */
    assert_int_equal(ohn_sharing_role(&s, guid_a), OHN_ROLE_PUBLIC);
    assert_int_equal(ohn_sharing_role(&s, guid_b), OHN_ROLE_PRIVATE);
    ohn_sharing_disable(&s, guid_zero);
    assert_int_equal(ohn_sharing_role(&s, guid_a), OHN_ROLE_PUBLIC);
    assert_int_equal(ohn_sharing_role(&s, guid_b), OHN_ROLE_PRIVATE);

    ohn_sharing_disable(&s, guid_a);
    assert_int_equal(ohn_sharing_role(&s, guid_a), OHN_ROLE_NONE);
    assert_int_equal(ohn_sharing_role(&s, guid_b), OHN_ROLE_PRIVATE);
    ohn_sharing_disable(&s, guid_b);
    assert_int_equal(ohn_sharing_role(&s, guid_b), OHN_ROLE_NONE);
    assert_memory_equal(s.public_guid, guid_zero, OHN_GUID_SIZE);
    assert_memory_equal(s.private_guid, guid_zero, OHN_GUID_SIZE);
}

static void sharing_rejects_zero_guid_and_unknown_role(void **state)
{
    struct ohn_sharing s, before;

    (void)state;
    ohn_sharing_clear(&s);
    assert_int_equal(ohn_sharing_enable(&s, guid_a, OHN_ROLE_PUBLIC), OHN_OK);
    before = s;
    assert_int_equal(ohn_sharing_enable(&s, guid_zero, OHN_ROLE_PUBLIC), OHN_EINVAL);
    assert_int_equal(ohn_sharing_enable(&s, guid_zero, OHN_ROLE_PRIVATE), OHN_EINVAL);
    assert_int_equal(ohn_sharing_enable(&s, guid_b, OHN_ROLE_NONE), OHN_EINVAL);
    assert_int_equal(ohn_sharing_enable(&s, guid_b, 2), OHN_EINVAL);
    assert_int_equal(ohn_sharing_enable(&s, guid_a, 2), OHN_EINVAL); /* keeps its role */
    assert_memory_equal(&s, &before, sizeof(s));
    assert_int_equal(ohn_sharing_role(&s, guid_zero), OHN_ROLE_NONE);
    assert_int_equal(ohn_sharing_role(&s, guid_a), OHN_ROLE_PUBLIC);
}

static void sharing_roundtrip(void **state)
{
    static const uint8_t *const pairs[][2] = {
        {guid_zero, guid_zero}, {guid_a, guid_zero}, {guid_zero, guid_b}, {guid_a, guid_b}, {guid_c, guid_a}};
    size_t i;

    (void)state;
    for (i = 0; i < ARRAY_SIZE(pairs); i++)
    {
        struct ohn_sharing s, out;
        uint8_t buf[OHN_SHARING_SIZE], again[OHN_SHARING_SIZE];

        ohn_sharing_clear(&s);
        if (pairs[i][0] != guid_zero)
            assert_int_equal(ohn_sharing_enable(&s, pairs[i][0], OHN_ROLE_PUBLIC), OHN_OK);
        if (pairs[i][1] != guid_zero)
            assert_int_equal(ohn_sharing_enable(&s, pairs[i][1], OHN_ROLE_PRIVATE), OHN_OK);
        ohn_sharing_encode(&s, buf);
        assert_int_equal(buf[0], 'O');
        assert_int_equal(buf[1], 'H');
        assert_int_equal(buf[2], 'S');
        assert_int_equal(buf[3], 1);
        assert_memory_equal(buf + 4, pairs[i][0], OHN_GUID_SIZE);
        assert_memory_equal(buf + 4 + OHN_GUID_SIZE, pairs[i][1], OHN_GUID_SIZE);
        memset(&out, SENTINEL, sizeof(out));
        assert_int_equal(ohn_sharing_decode(buf, sizeof(buf), &out), OHN_OK);
        assert_memory_equal(out.public_guid, s.public_guid, OHN_GUID_SIZE);
        assert_memory_equal(out.private_guid, s.private_guid, OHN_GUID_SIZE);
        ohn_sharing_encode(&out, again);
        assert_memory_equal(again, buf, sizeof(buf));
    }
}

static void check_sharing_decode_rejected(const uint8_t *bytes, size_t len, const char *what)
{
    struct ohn_sharing out, before;
    uint8_t *copy = malloc(len ? len : 1);
    int rc;

    assert_non_null(copy);
    if (len)
        memcpy(copy, bytes, len);
    memset(&out, SENTINEL, sizeof(out));
    before = out;
    rc = ohn_sharing_decode(copy, len, &out);
    free(copy);
    if (rc != OHN_ECORRUPT)
        fail_msg("sharing decode of %s (%zu bytes) returned %d, expected OHN_ECORRUPT", what, len, rc);
    if (memcmp(&out, &before, sizeof(out)))
        fail_msg("sharing decode of %s modified its output on failure", what);
}

static void sharing_decode_rejects_corrupt(void **state)
{
    struct ohn_sharing s;
    uint8_t buf[OHN_SHARING_SIZE + 1];
    size_t len, i;

    (void)state;
    ohn_sharing_clear(&s);
    assert_int_equal(ohn_sharing_enable(&s, guid_a, OHN_ROLE_PUBLIC), OHN_OK);
    assert_int_equal(ohn_sharing_enable(&s, guid_b, OHN_ROLE_PRIVATE), OHN_OK);
    ohn_sharing_encode(&s, buf);
    buf[OHN_SHARING_SIZE] = 0;

    for (len = 0; len < OHN_SHARING_SIZE; len++)
        check_sharing_decode_rejected(buf, len, "a truncated state");
    check_sharing_decode_rejected(buf, OHN_SHARING_SIZE + 1, "a state plus one byte");
    assert_int_equal(ohn_sharing_decode(NULL, OHN_SHARING_SIZE, &s), OHN_ECORRUPT);

    for (i = 0; i < 3; i++)
    {
        uint8_t saved = buf[i];

        buf[i] ^= 0x20;
        check_sharing_decode_rejected(buf, OHN_SHARING_SIZE, "a wrong magic");
        buf[i] = saved;
    }
    buf[2] = 'M'; /* a mapping record's magic */
    check_sharing_decode_rejected(buf, OHN_SHARING_SIZE, "a mapping magic");
    buf[2] = 'S';
    buf[3] = 0;
    check_sharing_decode_rejected(buf, OHN_SHARING_SIZE, "version 0");
    buf[3] = 2;
    check_sharing_decode_rejected(buf, OHN_SHARING_SIZE, "version 2");
    buf[3] = 1;

    /* One connection cannot be both public and private. */
    memcpy(buf + 4 + OHN_GUID_SIZE, guid_a, OHN_GUID_SIZE);
    check_sharing_decode_rejected(buf, OHN_SHARING_SIZE, "public == private");
    memcpy(buf + 4, guid_c, OHN_GUID_SIZE);
    memcpy(buf + 4 + OHN_GUID_SIZE, guid_c, OHN_GUID_SIZE);
    check_sharing_decode_rejected(buf, OHN_SHARING_SIZE, "public == private (mostly zero)");

    /* Both zero is the empty state, not a conflict. */
    memset(buf + 4, 0, 2 * OHN_GUID_SIZE);
    memset(&s, SENTINEL, sizeof(s));
    assert_int_equal(ohn_sharing_decode(buf, OHN_SHARING_SIZE, &s), OHN_OK);
    assert_memory_equal(s.public_guid, guid_zero, OHN_GUID_SIZE);
    assert_memory_equal(s.private_guid, guid_zero, OHN_GUID_SIZE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(mapping_init_accepts_valid_tcp),
        cmocka_unit_test(mapping_init_accepts_valid_udp),
        cmocka_unit_test(mapping_init_rejects_bad_protocol),
        cmocka_unit_test(mapping_init_rejects_bad_ports),
        cmocka_unit_test(mapping_init_rejects_bad_name),
        cmocka_unit_test(mapping_init_rejects_bad_target),
        cmocka_unit_test(mapping_init_rejects_unknown_target_type),
        cmocka_unit_test(mapping_init_rejects_invalid_ip_target),
        cmocka_unit_test(mapping_init_accepts_maximum_lengths),
        cmocka_unit_test(mapping_init_stores_options_as_given),
        cmocka_unit_test(parse_ipv4_accepts_valid_addresses),
        cmocka_unit_test(parse_ipv4_rejects_malformed_addresses),
        cmocka_unit_test(mapping_encode_layout_is_little_endian),
        cmocka_unit_test(mapping_roundtrip_preserves_every_field),
        cmocka_unit_test(mapping_roundtrip_preserves_arbitrary_units),
        cmocka_unit_test(mapping_roundtrip_preserves_maximum_lengths),
        cmocka_unit_test(mapping_encode_size_is_header_plus_units),
        cmocka_unit_test(mapping_encode_rejects_invalid_record),
        cmocka_unit_test(mapping_encode_rejects_short_buffer),
        cmocka_unit_test(mapping_decode_rejects_truncations),
        cmocka_unit_test(mapping_decode_rejects_trailing_byte),
        cmocka_unit_test(mapping_decode_rejects_bad_magic),
        cmocka_unit_test(mapping_decode_rejects_bad_version),
        cmocka_unit_test(mapping_decode_rejects_nonzero_reserved),
        cmocka_unit_test(mapping_decode_rejects_bad_lengths),
        cmocka_unit_test(mapping_decode_rejects_invalid_fields),
        cmocka_unit_test(mapping_decode_fuzz_never_crashes_and_reencodes_exactly),
        cmocka_unit_test(stored_encoding_is_header_id_then_record),
        cmocka_unit_test(shard_names_group_ports_by_thousands),
        cmocka_unit_test(shard_name_parser_rejects_everything_else),
        cmocka_unit_test(stored_encode_refuses_id_zero_invalid_record_and_short_buffer),
        cmocka_unit_test(stored_decode_rejects_bad_header_id_zero_and_bad_record),
        cmocka_unit_test(key_name_formats_examples),
        cmocka_unit_test(key_name_roundtrips_every_port),
        cmocka_unit_test(key_name_rejects_invalid_values),
        cmocka_unit_test(parse_key_name_rejects_malformed),
        cmocka_unit_test(connection_name_accepts_valid),
        cmocka_unit_test(connection_name_rejects_bad_length),
        cmocka_unit_test(connection_name_rejects_forbidden_characters),
        cmocka_unit_test(connection_name_rejects_control_characters),
        cmocka_unit_test(connection_name_rejects_embedded_nul),
        cmocka_unit_test(sharing_clear_leaves_no_roles),
        cmocka_unit_test(sharing_public_moves_to_the_new_connection),
        cmocka_unit_test(sharing_private_on_public_connection_moves_it),
        cmocka_unit_test(sharing_enable_accepts_a_guid_inside_the_state),
        cmocka_unit_test(sharing_disable_removes_only_that_role),
        cmocka_unit_test(sharing_rejects_zero_guid_and_unknown_role),
        cmocka_unit_test(sharing_roundtrip),
        cmocka_unit_test(sharing_decode_rejects_corrupt),
    };

    return cmocka_run_group_tests(tests, setup_long_strings, NULL);
}
