/*
 * Ownership records of the mappings the DLL made on a UPnP gateway (ohn_owned_*, src/core/upnp.c),
 * and the realisation plan made from one. Properties: what decodes re-encodes to the same value
 * and keeps its ranges; the plan for any record and any gateway state is one the engine knows,
 * and never deletes, replaces or renews what is not ours.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "fuzz.h"
#include "ohn_upnp.h"

#include "core/bytes.h"

static int same(const struct ohn_owned *a, const struct ohn_owned *b)
{
    return a->protocol == b->protocol && a->kind == b->kind && a->external_port == b->external_port &&
           a->internal_ip == b->internal_ip && a->internal_port == b->internal_port && a->lease == b->lease &&
           a->expires == b->expires && a->owner_pid == b->owner_pid && a->owner_start == b->owner_start;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct ohn_owned o, before, back;
    uint8_t again[OHN_OWNED_SIZE], f[32] = {0};
    struct ohn_rz_want want;
    struct ohn_rz_gateway gw;
    struct ohn_rz_plan plan;
    int decoded;

    memset(&o, 0xA5, sizeof(o));
    before = o;
    decoded = !ohn_owned_decode(data, size, &o);
    if (decoded)
    {
        FUZZ_CHECK(o.protocol == 6 || o.protocol == 17);
        FUZZ_CHECK(o.kind == OHN_OWNER_ICS || o.kind == OHN_OWNER_SESSION);
        FUZZ_CHECK(o.external_port && o.internal_port && o.internal_ip && o.lease >= 0);
        /* The same value again (the reserved bytes are not kept: a later version may use them). */
        FUZZ_CHECK(ohn_owned_encode(&o, again, sizeof(again)) == OHN_OWNED_SIZE);
        FUZZ_CHECK(!ohn_owned_decode(again, sizeof(again), &back) && same(&back, &o));
    }
    else
        FUZZ_CHECK(!memcmp(&o, &before, sizeof(o)));

    /* A plan from the bytes after the record. */
    if (size > OHN_OWNED_SIZE)
        memcpy(f, data + OHN_OWNED_SIZE, size - OHN_OWNED_SIZE < sizeof(f) ? size - OHN_OWNED_SIZE : sizeof(f));
    want.present = f[0] & 1;
    want.internal_ip = f[0] & 2 ? get32(f + 1) : 0;
    want.internal_port = get16(f + 5);
    gw.present = f[7] & 1;
    gw.internal_ip = f[7] & 2 ? want.internal_ip : get32(f + 8);
    gw.internal_port = f[7] & 4 ? want.internal_port : get16(f + 12);
    plan = ohn_rz_plan(&want, decoded ? &o : NULL, &gw, get32(f + 14), f[18] % 33,
                       (uint64_t)get32(f + 19) << 16 | f[23]);
    FUZZ_CHECK(plan.action >= OHN_RZ_NOTHING && plan.action <= OHN_RZ_FORGET);
    FUZZ_CHECK(plan.state >= OHN_RZS_NONE && plan.state <= OHN_RZS_UNRESOLVED);
    FUZZ_CHECK(ohn_rz_state_name(plan.state) != NULL);
    /* Without a record of ours, nothing on the gateway is deleted, replaced or renewed. */
    if (!decoded)
        FUZZ_CHECK(plan.action != OHN_RZ_DELETE && plan.action != OHN_RZ_REPLACE && plan.action != OHN_RZ_RENEW &&
                   plan.action != OHN_RZ_FORGET);
    /* Nothing wanted: nothing is created. */
    if (!want.present)
        FUZZ_CHECK(plan.action != OHN_RZ_ADD && plan.action != OHN_RZ_REPLACE && plan.action != OHN_RZ_RENEW);
    return 0;
}
