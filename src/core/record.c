/*
 * Port-mapping records: validation and a versioned little-endian byte encoding.
 *
 * Layout (version 1), all integers little-endian:
 *   0  'O' 'H' 'M' 1     magic and version
 *   4  protocol, target_type, enabled, 0
 *   8  external_port (u16), internal_port (u16)
 *   12 options (u32)
 *   16 name_len (u16), target_len (u16)       in UTF-16 code units
 *   20 name units, then target units          (u16 each)
 * The size must match exactly: a truncated or padded value is not a record.
 *
 * The store keeps a record with its id in front (ohn_stored_*: 'O' 'H' 'R' 1, id u32, then
 * the record), as a value named by ohn_key_name in a key named by ohn_shard_name.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>

#include "ohn_core.h"
#include "bytes.h"

#define HEADER_SIZE 20

static int port_valid(unsigned port)
{
    return port >= 1 && port <= 65535;
}

int ohn_mapping_validate(const struct ohn_mapping *m)
{
    uint8_t addr[4];

    if (m->protocol != OHN_PROTO_TCP && m->protocol != OHN_PROTO_UDP)
        return OHN_EINVAL;
    if (!port_valid(m->external_port) || !port_valid(m->internal_port))
        return OHN_EINVAL;
    if (m->enabled > 1)
        return OHN_EINVAL;
    if (m->name_len < 1 || m->name_len > OHN_NAME_MAX)
        return OHN_EINVAL;
    if (m->target_len < 1 || m->target_len > OHN_TARGET_MAX)
        return OHN_EINVAL;
    if (m->target_type == OHN_TARGET_IPADDRESS)
        return ohn_parse_ipv4(m->target, m->target_len, addr);
    if (m->target_type != OHN_TARGET_NAME)
        return OHN_EINVAL;
    return OHN_OK;
}

int ohn_mapping_init(struct ohn_mapping *m, const ohn_char *name, size_t name_len, unsigned protocol,
                     unsigned external_port, unsigned internal_port, uint32_t options,
                     const ohn_char *target, size_t target_len, unsigned target_type)
{
    struct ohn_mapping tmp;

    if (!name || !target || name_len > OHN_NAME_MAX || target_len > OHN_TARGET_MAX)
        return OHN_EINVAL;
    if (protocol > 255 || external_port > 65535 || internal_port > 65535 || target_type > 255)
        return OHN_EINVAL;
    memset(&tmp, 0, sizeof(tmp));
    tmp.protocol = (uint8_t)protocol;
    tmp.target_type = (uint8_t)target_type;
    tmp.enabled = 0;
    tmp.external_port = (uint16_t)external_port;
    tmp.internal_port = (uint16_t)internal_port;
    tmp.options = options;
    tmp.name_len = (uint16_t)name_len;
    tmp.target_len = (uint16_t)target_len;
    memcpy(tmp.name, name, name_len * sizeof(ohn_char));
    memcpy(tmp.target, target, target_len * sizeof(ohn_char));
    if (ohn_mapping_validate(&tmp) != OHN_OK)
        return OHN_EINVAL;
    *m = tmp;
    return OHN_OK;
}

size_t ohn_mapping_encode(const struct ohn_mapping *m, uint8_t *buf, size_t cap)
{
    size_t size, i;
    uint8_t *p;

    if (ohn_mapping_validate(m) != OHN_OK)
        return 0;
    size = HEADER_SIZE + 2 * ((size_t)m->name_len + m->target_len);
    if (cap < size)
        return 0;
    buf[0] = 'O';
    buf[1] = 'H';
    buf[2] = 'M';
    buf[3] = 1;
    buf[4] = m->protocol;
    buf[5] = m->target_type;
    buf[6] = m->enabled;
    buf[7] = 0;
    put16(buf + 8, m->external_port);
    put16(buf + 10, m->internal_port);
    put32(buf + 12, m->options);
    put16(buf + 16, m->name_len);
    put16(buf + 18, m->target_len);
    p = buf + HEADER_SIZE;
    for (i = 0; i < m->name_len; i++, p += 2)
        put16(p, m->name[i]);
    for (i = 0; i < m->target_len; i++, p += 2)
        put16(p, m->target[i]);
    return size;
}

int ohn_mapping_decode(const uint8_t *buf, size_t len, struct ohn_mapping *m)
{
    struct ohn_mapping tmp;
    const uint8_t *p;
    size_t i;

    if (!buf || len < HEADER_SIZE)
        return OHN_ECORRUPT;
    if (buf[0] != 'O' || buf[1] != 'H' || buf[2] != 'M' || buf[3] != 1 || buf[7] != 0)
        return OHN_ECORRUPT;
    memset(&tmp, 0, sizeof(tmp));
    tmp.protocol = buf[4];
    tmp.target_type = buf[5];
    tmp.enabled = buf[6];
    tmp.external_port = get16(buf + 8);
    tmp.internal_port = get16(buf + 10);
    tmp.options = get32(buf + 12);
    tmp.name_len = get16(buf + 16);
    tmp.target_len = get16(buf + 18);
    if (tmp.name_len > OHN_NAME_MAX || tmp.target_len > OHN_TARGET_MAX)
        return OHN_ECORRUPT;
    if (len != HEADER_SIZE + 2 * ((size_t)tmp.name_len + tmp.target_len))
        return OHN_ECORRUPT;
    p = buf + HEADER_SIZE;
    for (i = 0; i < tmp.name_len; i++, p += 2)
        tmp.name[i] = get16(p);
    for (i = 0; i < tmp.target_len; i++, p += 2)
        tmp.target[i] = get16(p);
    if (ohn_mapping_validate(&tmp) != OHN_OK)
        return OHN_ECORRUPT;
    *m = tmp;
    return OHN_OK;
}

size_t ohn_stored_encode(uint32_t id, const struct ohn_mapping *m, uint8_t *buf, size_t cap)
{
    size_t n;

    if (!id || cap < OHN_STORED_HEADER)
        return 0;
    if (!(n = ohn_mapping_encode(m, buf + OHN_STORED_HEADER, cap - OHN_STORED_HEADER)))
        return 0;
    buf[0] = 'O';
    buf[1] = 'H';
    buf[2] = 'R';
    buf[3] = 1;
    put32(buf + 4, id);
    return OHN_STORED_HEADER + n;
}

int ohn_stored_decode(const uint8_t *buf, size_t len, uint32_t *id, struct ohn_mapping *m)
{
    uint32_t value;

    if (!buf || len < OHN_STORED_HEADER || buf[0] != 'O' || buf[1] != 'H' || buf[2] != 'R' || buf[3] != 1)
        return OHN_ECORRUPT;
    if (!(value = get32(buf + 4)))
        return OHN_ECORRUPT;
    if (ohn_mapping_decode(buf + OHN_STORED_HEADER, len - OHN_STORED_HEADER, m) != OHN_OK)
        return OHN_ECORRUPT;
    *id = value;
    return OHN_OK;
}

int ohn_parse_ipv4(const ohn_char *s, size_t len, uint8_t out[4])
{
    unsigned part = 0, value = 0, digits = 0;
    uint8_t addr[4];
    size_t i;

    if (!s)
        return OHN_EINVAL;
    for (i = 0; i <= len; i++)
    {
        if (i == len || s[i] == '.')
        {
            if (digits == 0 || part > 3)
                return OHN_EINVAL;
            addr[part++] = (uint8_t)value;
            value = 0;
            digits = 0;
            continue;
        }
        if (s[i] < '0' || s[i] > '9')
            return OHN_EINVAL;
        if (digits == 1 && value == 0) /* "01": octal in inet_addr, ambiguous here */
            return OHN_EINVAL;
        value = value * 10 + (unsigned)(s[i] - '0');
        if (++digits > 3 || value > 255)
            return OHN_EINVAL;
    }
    if (part != 4)
        return OHN_EINVAL;
    memcpy(out, addr, sizeof(addr)); /* nothing is written on failure */
    return OHN_OK;
}

int ohn_key_name(unsigned protocol, unsigned port, ohn_char out[OHN_KEY_NAME_LEN])
{
    const char *prefix;
    unsigned i, div = 10000;

    if (protocol == OHN_PROTO_TCP)
        prefix = "TCP-";
    else if (protocol == OHN_PROTO_UDP)
        prefix = "UDP-";
    else
        return OHN_EINVAL;
    if (!port_valid(port))
        return OHN_EINVAL;
    for (i = 0; i < 4; i++)
        out[i] = (ohn_char)prefix[i];
    for (; i < 9; i++, div /= 10)
        out[i] = (ohn_char)('0' + (port / div) % 10);
    out[9] = 0;
    return OHN_OK;
}

int ohn_parse_key_name(const ohn_char *s, size_t len, uint8_t *protocol, uint16_t *port)
{
    unsigned value = 0;
    uint8_t proto;
    size_t i;

    if (!s || len != 9 || s[3] != '-')
        return OHN_EINVAL;
    if (s[0] == 'T' && s[1] == 'C' && s[2] == 'P')
        proto = OHN_PROTO_TCP;
    else if (s[0] == 'U' && s[1] == 'D' && s[2] == 'P')
        proto = OHN_PROTO_UDP;
    else
        return OHN_EINVAL;
    for (i = 4; i < 9; i++)
    {
        if (s[i] < '0' || s[i] > '9')
            return OHN_EINVAL;
        value = value * 10 + (unsigned)(s[i] - '0');
    }
    if (!port_valid(value))
        return OHN_EINVAL;
    *protocol = proto;
    *port = (uint16_t)value;
    return OHN_OK;
}

int ohn_shard_name(unsigned protocol, unsigned port, ohn_char out[OHN_KEY_NAME_LEN])
{
    int rc = ohn_key_name(protocol, port, out);

    if (rc == OHN_OK)
        out[6] = out[7] = out[8] = 'x';
    return rc;
}

int ohn_parse_shard_name(const ohn_char *s, size_t len, uint8_t *protocol, unsigned *shard)
{
    ohn_char digits[OHN_KEY_NAME_LEN];
    uint16_t port;
    uint8_t proto;
    size_t i;

    if (!s || len != 9 || s[6] != 'x' || s[7] != 'x' || s[8] != 'x')
        return OHN_EINVAL;
    for (i = 0; i < 9; i++)
        digits[i] = s[i];
    digits[6] = digits[7] = '0';
    digits[8] = '1'; /* the group's first valid port: TCP-00xxx -> TCP-00001 */
    if (ohn_parse_key_name(digits, 9, &proto, &port) != OHN_OK)
        return OHN_EINVAL;
    *protocol = proto;
    *shard = port / 1000u;
    return OHN_OK;
}

int ohn_connection_name_valid(const ohn_char *s, size_t len)
{
    static const char forbidden[] = "\\/:*?\"<>|";
    size_t i;

    if (!s || len < 1 || len > OHN_CONNECTION_NAME_MAX)
        return OHN_EINVAL;
    for (i = 0; i < len; i++)
    {
        if (s[i] < 0x20 || (s[i] >= 0x7f && s[i] <= 0x9f)) /* C0, DEL and C1 controls */
            return OHN_EINVAL;
        if (s[i] < 0x80 && strchr(forbidden, (char)s[i]))
            return OHN_EINVAL;
    }
    return OHN_OK;
}
