/*
 * The store's records (src/core/record.c, sharing.c): a mapping record, a stored record (its
 * id in front), the sharing roles, and the key and group names of the store's registry keys.
 * Properties: what decodes is valid and re-encodes to the very same bytes (names: the same
 * units); a refused input leaves the output untouched.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "fuzz.h"

static void mapping(const uint8_t *data, size_t size)
{
    struct ohn_mapping m, before;
    uint8_t again[OHN_STORED_MAX];
    uint32_t id = 0xA5A5A5A5u;
    size_t n;
    int rc;

    memset(&m, 0xA5, sizeof(m));
    before = m;
    rc = ohn_mapping_decode(data, size, &m);
    if (rc == OHN_OK)
    {
        FUZZ_CHECK(ohn_mapping_validate(&m) == OHN_OK);
        FUZZ_CHECK(m.name_len <= OHN_NAME_MAX && m.target_len <= OHN_TARGET_MAX);
        FUZZ_CHECK(m.external_port && m.internal_port && m.enabled <= 1);
        FUZZ_CHECK(m.protocol == OHN_PROTO_TCP || m.protocol == OHN_PROTO_UDP);
        FUZZ_CHECK(m.target_type == OHN_TARGET_NAME || m.target_type == OHN_TARGET_IPADDRESS);
        n = ohn_mapping_encode(&m, again, sizeof(again));
        FUZZ_CHECK(n == size && !memcmp(again, data, size));
    }
    else
        FUZZ_CHECK(rc == OHN_ECORRUPT && !memcmp(&m, &before, sizeof(m)));

    memset(&m, 0xA5, sizeof(m));
    rc = ohn_stored_decode(data, size, &id, &m);
    if (rc == OHN_OK)
    {
        FUZZ_CHECK(id != 0);
        FUZZ_CHECK(ohn_mapping_validate(&m) == OHN_OK);
        n = ohn_stored_encode(id, &m, again, sizeof(again));
        FUZZ_CHECK(n == size && !memcmp(again, data, size));
    }
    else
        FUZZ_CHECK(rc == OHN_ECORRUPT && id == 0xA5A5A5A5u && !memcmp(&m, &before, sizeof(m)));
}

static void sharing(const uint8_t *data, size_t size)
{
    static const uint8_t zero[OHN_GUID_SIZE];
    struct ohn_sharing s, before;
    uint8_t again[OHN_SHARING_SIZE];
    int rc;

    memset(&s, 0x5A, sizeof(s));
    before = s;
    rc = ohn_sharing_decode(data, size, &s);
    if (rc != OHN_OK)
    {
        FUZZ_CHECK(rc == OHN_ECORRUPT && !memcmp(&s, &before, sizeof(s)));
        return;
    }
    /* One connection never holds both roles. */
    FUZZ_CHECK(!memcmp(s.public_guid, zero, sizeof(zero)) || memcmp(s.public_guid, s.private_guid, sizeof(zero)));
    ohn_sharing_encode(&s, again);
    FUZZ_CHECK(size == sizeof(again) && !memcmp(again, data, size));
    if (memcmp(s.public_guid, zero, sizeof(zero)))
        FUZZ_CHECK(ohn_sharing_role(&s, s.public_guid) == OHN_ROLE_PUBLIC);
    if (memcmp(s.private_guid, zero, sizeof(zero)))
        FUZZ_CHECK(ohn_sharing_role(&s, s.private_guid) == OHN_ROLE_PRIVATE);
}

static void names(const uint8_t *data, size_t size)
{
    ohn_char again[OHN_KEY_NAME_LEN];
    size_t len, i;
    ohn_char *u = fuzz_units(data, size, &len);
    unsigned shard;
    uint16_t port;
    uint8_t proto;

    if (!u)
        return;
    if (ohn_parse_key_name(u, len, &proto, &port) == OHN_OK)
    {
        FUZZ_CHECK(port && (proto == OHN_PROTO_TCP || proto == OHN_PROTO_UDP));
        FUZZ_CHECK(ohn_key_name(proto, port, again) == OHN_OK);
        FUZZ_CHECK(len == 9 && !memcmp(again, u, 9 * sizeof(*u)) && again[9] == 0);
    }
    if (ohn_parse_shard_name(u, len, &proto, &shard) == OHN_OK)
    {
        FUZZ_CHECK(shard < OHN_SHARDS && (proto == OHN_PROTO_TCP || proto == OHN_PROTO_UDP));
        FUZZ_CHECK(ohn_shard_name(proto, shard ? shard * 1000 : 1, again) == OHN_OK);
        FUZZ_CHECK(len == 9 && !memcmp(again, u, 9 * sizeof(*u)));
    }
    if (ohn_connection_name_valid(u, len) == OHN_OK)
    {
        FUZZ_CHECK(len >= 1 && len <= OHN_CONNECTION_NAME_MAX);
        for (i = 0; i < len; i++)
        {
            FUZZ_CHECK(u[i] >= 0x20 && (u[i] < 0x7f || u[i] > 0x9f));
            FUZZ_CHECK(u[i] >= 0x80 || !strchr("\\/:*?\"<>|", (int)u[i]));
        }
    }
    free(u);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    mapping(data, size);
    sharing(data, size);
    names(data, size);
    return 0;
}
