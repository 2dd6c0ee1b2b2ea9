/*
 * Firewall rule strings in Windows' own format (ohn_fw_decode, src/core/fwrule.c), as any tool
 * may have written them to the registry, and the values a client puts into a rule's properties
 * (ohn_fw_set). Properties: a decoded rule is valid, its encoding decodes to a rule that encodes
 * the same (one round trip is a fixed point); every property's getter gives a value its put
 * accepts and keeps; a refused string or value changes nothing.
 *
 * The input's bytes are UTF-16 units one for one (the rule strings are ASCII in the main),
 * except 0xFE, which takes the next two bytes as one unit (big-endian), so that any unit can be
 * reached.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "fuzz.h"
#include "ohn_fw.h"

static ohn_char *units_of(const uint8_t *data, size_t size, size_t *len)
{
    ohn_char *u = malloc((size + 1) * sizeof(*u));
    size_t i, n = 0;

    if (!u)
        return NULL;
    for (i = 0; i < size; i++)
        if (data[i] == 0xFE && i + 2 < size)
        {
            u[n++] = (ohn_char)(data[i + 1] << 8 | data[i + 2]);
            i += 2;
        }
        else
            u[n++] = data[i];
    u[n] = 0;
    *len = n;
    return u;
}

static int units_equal(const ohn_char *a, const ohn_char *b)
{
    if (!a || !b)
        return a == b;
    return ohn_fw_strlen(a) == ohn_fw_strlen(b) && !memcmp(a, b, ohn_fw_strlen(a) * sizeof(*a));
}

/* Every getter's value goes back through its put unchanged. */
static void getters_put_back(const struct ohn_fw_rule *r)
{
    struct ohn_fw_rule copy;
    int f, oom = 0;

    if (ohn_fw_rule_copy(&copy, r) != OHN_OK)
        return;
    for (f = 0; f < OHN_FW_EXTRA; f++)
    {
        ohn_char *v = ohn_fw_get(r, (enum ohn_fw_field)f, &oom), *again;
        int rc;

        if (oom)
            break;
        rc = ohn_fw_set(&copy, (enum ohn_fw_field)f, v, v ? ohn_fw_strlen(v) : 0);
        FUZZ_CHECK(rc == OHN_OK || rc == OHN_ENOMEM);
        if (rc == OHN_OK)
        {
            again = ohn_fw_get(&copy, (enum ohn_fw_field)f, &oom);
            FUZZ_CHECK(oom || units_equal(again, v));
            free(again);
        }
        free(v);
    }
    ohn_fw_rule_free(&copy);
}

static void decode(const ohn_char *u, size_t len)
{
    struct ohn_fw_rule r, back, before;
    ohn_char *e1, *e2;
    int rc;

    memset(&r, 0xA5, sizeof(r));
    before = r;
    rc = ohn_fw_decode(u, len, &r);
    if (rc != OHN_OK)
    {
        FUZZ_CHECK((rc == OHN_ECORRUPT || rc == OHN_ENOMEM) && !memcmp(&r, &before, sizeof(r)));
        return;
    }
    FUZZ_CHECK(ohn_fw_rule_valid(&r) == OHN_OK);
    FUZZ_CHECK(r.profiles >= 1 && r.profiles <= OHN_FW_PROFILE_ALL && r.secure <= OHN_FW_SECURE_MAX);
    FUZZ_CHECK(r.edge <= OHN_FW_EDGE_DEFER_USER && (r.protocol <= 255 || r.protocol == OHN_FW_PROTO_ANY));
    FUZZ_CHECK((r.direction == OHN_FW_DIR_IN || r.direction == OHN_FW_DIR_OUT) && r.action <= OHN_FW_ACTION_ALLOW);
    if ((e1 = ohn_fw_encode(&r)))
    {
        rc = ohn_fw_decode(e1, ohn_fw_strlen(e1), &back);
        FUZZ_CHECK(rc == OHN_OK || rc == OHN_ENOMEM);
        if (rc == OHN_OK)
        {
            if ((e2 = ohn_fw_encode(&back)))
                FUZZ_CHECK(units_equal(e1, e2));
            free(e2);
            ohn_fw_rule_free(&back);
        }
        free(e1);
    }
    getters_put_back(&r);
    ohn_fw_rule_free(&r);
}

/* A client puts the input (after its first byte, which picks the property) into a new rule. */
static void put(const uint8_t *data, size_t size)
{
    struct ohn_fw_rule r;
    enum ohn_fw_field f;
    ohn_char *u, *v, *before;
    size_t len;
    int rc, oom = 0;

    if (!size)
        return;
    f = (enum ohn_fw_field)(data[0] % (OHN_FW_EXTRA + 1));
    if (!(u = units_of(data + 1, size - 1, &len)))
        return;
    ohn_fw_rule_init(&r);
    /* Ports and ICMP types need their protocol. */
    if (f == OHN_FW_LPORTS || f == OHN_FW_RPORTS)
        ohn_fw_set_protocol(&r, data[0] & 0x80 ? 17 : 6);
    else if (f == OHN_FW_ICMP)
        ohn_fw_set_protocol(&r, data[0] & 0x80 ? 58 : 1);
    before = f < OHN_FW_EXTRA ? ohn_fw_get(&r, f, &oom) : NULL;
    rc = ohn_fw_set(&r, f, u, len);
    FUZZ_CHECK(rc == OHN_OK || rc == OHN_EINVAL || rc == OHN_ENOMEM);
    if (f == OHN_FW_EXTRA)
        FUZZ_CHECK(rc == OHN_EINVAL);
    else if (!oom)
    {
        v = ohn_fw_get(&r, f, &oom);
        if (rc != OHN_OK)
            FUZZ_CHECK(oom || units_equal(v, before)); /* refused: unchanged */
        else
        {
            FUZZ_CHECK(ohn_fw_rule_valid(&r) == OHN_OK);
            FUZZ_CHECK(!v || ohn_fw_strlen(v) <= OHN_FW_STR_MAX + 16);
            getters_put_back(&r);
        }
        free(v);
    }
    free(before);
    ohn_fw_rule_free(&r);
    free(u);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t len;
    ohn_char *u = units_of(data, size, &len);

    if (u)
    {
        decode(u, len);
        free(u);
    }
    put(data, size);
    return 0;
}
