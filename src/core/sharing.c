/*
 * Sharing roles. Internet Connection Sharing has one public (Internet-facing) and one private
 * connection at most; giving a role to a connection takes it from the one that had it.
 * The state is one small value so that a reader never sees half of a change.
 *
 * Encoding: 'O' 'H' 'S' 1, then the public GUID bytes, then the private GUID bytes.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>

#include "ohn_core.h"

static const uint8_t zero_guid[OHN_GUID_SIZE];

static int guid_is_zero(const uint8_t *g)
{
    return !memcmp(g, zero_guid, OHN_GUID_SIZE);
}

void ohn_sharing_clear(struct ohn_sharing *s)
{
    memset(s, 0, sizeof(*s));
}

int ohn_sharing_role(const struct ohn_sharing *s, const uint8_t guid[OHN_GUID_SIZE])
{
    if (guid_is_zero(guid))
        return OHN_ROLE_NONE;
    if (!memcmp(s->public_guid, guid, OHN_GUID_SIZE))
        return OHN_ROLE_PUBLIC;
    if (!memcmp(s->private_guid, guid, OHN_GUID_SIZE))
        return OHN_ROLE_PRIVATE;
    return OHN_ROLE_NONE;
}

void ohn_sharing_disable(struct ohn_sharing *s, const uint8_t guid[OHN_GUID_SIZE])
{
    if (guid_is_zero(guid))
        return;
    if (!memcmp(s->public_guid, guid, OHN_GUID_SIZE))
        memset(s->public_guid, 0, OHN_GUID_SIZE);
    if (!memcmp(s->private_guid, guid, OHN_GUID_SIZE))
        memset(s->private_guid, 0, OHN_GUID_SIZE);
}

int ohn_sharing_enable(struct ohn_sharing *s, const uint8_t guid[OHN_GUID_SIZE], int role)
{
    uint8_t copy[OHN_GUID_SIZE]; /* guid may point into *s */

    if (guid_is_zero(guid) || (role != OHN_ROLE_PUBLIC && role != OHN_ROLE_PRIVATE))
        return OHN_EINVAL;
    memcpy(copy, guid, OHN_GUID_SIZE);
    ohn_sharing_disable(s, copy);
    memcpy(role == OHN_ROLE_PUBLIC ? s->public_guid : s->private_guid, copy, OHN_GUID_SIZE);
    return OHN_OK;
}

void ohn_sharing_encode(const struct ohn_sharing *s, uint8_t out[OHN_SHARING_SIZE])
{
    out[0] = 'O';
    out[1] = 'H';
    out[2] = 'S';
    out[3] = 1;
    memcpy(out + 4, s->public_guid, OHN_GUID_SIZE);
    memcpy(out + 4 + OHN_GUID_SIZE, s->private_guid, OHN_GUID_SIZE);
}

int ohn_sharing_decode(const uint8_t *buf, size_t len, struct ohn_sharing *s)
{
    struct ohn_sharing tmp;

    if (!buf || len != OHN_SHARING_SIZE || buf[0] != 'O' || buf[1] != 'H' || buf[2] != 'S' || buf[3] != 1)
        return OHN_ECORRUPT;
    memcpy(tmp.public_guid, buf + 4, OHN_GUID_SIZE);
    memcpy(tmp.private_guid, buf + 4 + OHN_GUID_SIZE, OHN_GUID_SIZE);
    if (!guid_is_zero(tmp.public_guid) && !memcmp(tmp.public_guid, tmp.private_guid, OHN_GUID_SIZE))
        return OHN_ECORRUPT;
    *s = tmp;
    return OHN_OK;
}
