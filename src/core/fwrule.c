/*
 * Firewall rules: what INetFwRule's puts accept, their canonical form, and the MS-GPFAS
 * 2.2.2.19 string that Windows stores a rule as (ohn_fw.h).
 *
 * Every list is handled item by item through one parser per kind (ports, addresses, ICMP,
 * interface types, interfaces) and two writers: the canonical (getter) form and the GPFAS
 * fields. A put parses and writes canonical; encoding parses canonical and writes GPFAS;
 * decoding parses GPFAS and writes canonical. So the three always agree.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdlib.h>
#include <string.h>

#include "ohn_fw.h"

/* ---- strings ---- */

struct sb
{
    ohn_char *p;
    size_t len, cap;
    int oom;
};

static void sb_add(struct sb *b, const ohn_char *s, size_t n)
{
    if (b->oom)
        return;
    if (b->len + n + 1 > b->cap)
    {
        size_t cap = b->cap ? b->cap : 64;
        ohn_char *p;

        while (cap < b->len + n + 1)
            cap *= 2;
        if (!(p = realloc(b->p, cap * sizeof(ohn_char))))
        {
            b->oom = 1;
            return;
        }
        b->p = p;
        b->cap = cap;
    }
    if (n)
        memcpy(b->p + b->len, s, n * sizeof(ohn_char));
    b->len += n;
    b->p[b->len] = 0;
}

static void sb_adda(struct sb *b, const char *s)
{
    ohn_char tmp[64];
    size_t n = 0;

    while (*s)
    {
        tmp[n++] = (unsigned char)*s++;
        if (n == sizeof(tmp) / sizeof(tmp[0]))
        {
            sb_add(b, tmp, n);
            n = 0;
        }
    }
    sb_add(b, tmp, n);
}

static void sb_addu(struct sb *b, unsigned v)
{
    char buf[12];
    int i = sizeof(buf) - 1;

    buf[i] = 0;
    do
        buf[--i] = (char)('0' + v % 10);
    while ((v /= 10) && i > 0);
    sb_adda(b, buf + i);
}

/* The builder's string, or NULL when it is empty; *oom set when memory ran out. */
static ohn_char *sb_take(struct sb *b, int *oom)
{
    if (b->oom)
    {
        free(b->p);
        *oom = 1;
        return NULL;
    }
    if (!b->len)
    {
        free(b->p);
        return NULL;
    }
    return b->p;
}

size_t ohn_fw_strlen(const ohn_char *s)
{
    size_t n = 0;

    if (s)
        while (s[n])
            n++;
    return n;
}

static ohn_char lower(ohn_char c)
{
    return c >= 'A' && c <= 'Z' ? (ohn_char)(c + 32) : c;
}

/* s[0..n) equals the ASCII string a, ignoring ASCII case. */
static int eq_nocase(const ohn_char *s, size_t n, const char *a)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (!a[i] || lower(s[i]) != lower((unsigned char)a[i]))
            return 0;
    return !a[n];
}

static int eq_exact(const ohn_char *s, size_t n, const char *a)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (!a[i] || s[i] != (unsigned char)a[i])
            return 0;
    return !a[n];
}

int ohn_fw_streq_nocase(const ohn_char *a, const ohn_char *b)
{
    size_t i;

    static const ohn_char empty[1];

    a = a ? a : empty;
    b = b ? b : empty;
    for (i = 0; a[i] || b[i]; i++)
        if (lower(a[i]) != lower(b[i]))
            return 0;
    return 1;
}

static int is_space(ohn_char c)
{
    return c == ' ' || c == '\t';
}

/* Decimal 0..max in s[0..n), no sign, no spaces. */
static int parse_uint(const ohn_char *s, size_t n, unsigned max, unsigned *out)
{
    unsigned long v = 0;
    size_t i;

    if (!n || n > 10)
        return 0;
    for (i = 0; i < n; i++)
    {
        if (s[i] < '0' || s[i] > '9')
            return 0;
        v = v * 10 + (s[i] - '0');
        if (v > max)
            return 0;
    }
    *out = (unsigned)v;
    return 1;
}

static const ohn_char *find(const ohn_char *s, size_t n, ohn_char c)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (s[i] == c)
            return s + i;
    return NULL;
}

/* Walks a comma-separated list: pos advances past the next item, whose trimmed extent is
 * returned in item and item_len. 0 at the end. */
static int next_item(const ohn_char *s, size_t len, size_t *pos, const ohn_char **item, size_t *item_len)
{
    size_t start, end;

    if (*pos > len)
        return 0;
    start = *pos;
    end = start;
    while (end < len && s[end] != ',')
        end++;
    *pos = end + 1;
    while (start < end && is_space(s[start]))
        start++;
    while (end > start && is_space(s[end - 1]))
        end--;
    *item = s + start;
    *item_len = end - start;
    return 1;
}

/* ---- items of each list kind ---- */

enum list_kind
{
    LIST_LPORTS,
    LIST_RPORTS,
    LIST_LADDRS,
    LIST_RADDRS,
    LIST_ICMP,
    LIST_IFTYPES,
    LIST_IFS,
    LIST_NONE
};

static enum list_kind kind_of(enum ohn_fw_field f)
{
    switch (f)
    {
    case OHN_FW_LPORTS: return LIST_LPORTS;
    case OHN_FW_RPORTS: return LIST_RPORTS;
    case OHN_FW_LADDRS: return LIST_LADDRS;
    case OHN_FW_RADDRS: return LIST_RADDRS;
    case OHN_FW_ICMP: return LIST_ICMP;
    case OHN_FW_IFTYPES: return LIST_IFTYPES;
    case OHN_FW_IFS: return LIST_IFS;
    default: return LIST_NONE;
    }
}

/* Port keywords: the canonical (API) spelling, the GPFAS field and value, and where they may be. */
static const struct
{
    const char *name;
    const char *field; /* "LPort" or "LPort2_10" / "RPort2_10" */
    const char *gpfas;
    int local, remote;
} port_keywords[] = {
    {"RPC", "LPort", "RPC", 1, 0},
    {"RPC-EPMap", "LPort", "RPC-EPMap", 1, 0},
    {"Teredo", "LPort", "Teredo", 1, 0},
    {"IPHTTPS", "LPort2_10", "IPHTTPSIn", 1, 0},
    {"IPHTTPS", "RPort2_10", "IPHTTPSOut", 0, 1},
    {"Ply2Disc", "LPort2_10", "Ply2Disc", 1, 0},
    {"mDNS", "LPort2_10", "mDNS", 1, 0},
};

struct port_item
{
    unsigned lo, hi; /* hi > lo for a range */
    int keyword;     /* index into port_keywords, or -1 */
};

static int parse_port_item(const ohn_char *s, size_t n, int remote, struct port_item *out)
{
    const ohn_char *dash;
    unsigned i;

    out->keyword = -1;
    for (i = 0; i < sizeof(port_keywords) / sizeof(port_keywords[0]); i++)
        if ((remote ? port_keywords[i].remote : port_keywords[i].local) && eq_nocase(s, n, port_keywords[i].name))
        {
            out->keyword = (int)i;
            out->lo = out->hi = 0;
            return 1;
        }
    if ((dash = find(s, n, '-')))
    {
        size_t a = (size_t)(dash - s);

        if (!parse_uint(s, a, 65535, &out->lo) || !parse_uint(dash + 1, n - a - 1, 65535, &out->hi))
            return 0;
        return out->lo >= 1 && out->lo <= out->hi;
    }
    if (!parse_uint(s, n, 65535, &out->lo) || !out->lo)
        return 0;
    out->hi = out->lo;
    return 1;
}

static void write_port_item(struct sb *b, const struct port_item *p)
{
    if (p->keyword >= 0)
        sb_adda(b, port_keywords[p->keyword].name);
    else
    {
        sb_addu(b, p->lo);
        if (p->hi != p->lo)
        {
            sb_adda(b, "-");
            sb_addu(b, p->hi);
        }
    }
}

/* Addresses. */
static const char *const address_keywords[] = {"LocalSubnet", "DNS", "DHCP", "WINS", "DefaultGateway"};

struct addr_item
{
    int family;  /* 4, 6, or 0 for a keyword */
    int keyword; /* index into address_keywords */
    uint8_t a[16], b[16];
    int range;      /* a-b */
    int prefix;     /* a/prefix, or -1 */
};

static int parse_v4(const ohn_char *s, size_t n, uint8_t out[4])
{
    return n && ohn_parse_ipv4(s, n, out) == OHN_OK;
}

static int hexval(ohn_char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

static int parse_v6(const ohn_char *s, size_t n, uint8_t out[16])
{
    uint16_t groups[8];
    int count = 0, gap = -1;
    size_t i = 0;

    if (n < 2)
        return 0;
    if (s[0] == ':')
    {
        if (s[1] != ':')
            return 0;
        gap = 0;
        i = 2;
    }
    while (i < n)
    {
        unsigned v = 0;
        size_t start = i;

        if (count == 8)
            return 0;
        while (i < n && i - start < 5 && hexval(s[i]) >= 0)
            v = v * 16 + (unsigned)hexval(s[i++]);
        if (i < n && s[i] == '.')
        {
            uint8_t v4[4];

            /* An embedded IPv4 address ends it and takes two groups. */
            if (count > 6 || !parse_v4(s + start, n - start, v4))
                return 0;
            groups[count++] = (uint16_t)(v4[0] << 8 | v4[1]);
            groups[count++] = (uint16_t)(v4[2] << 8 | v4[3]);
            i = n;
            break;
        }
        if (i == start || i - start > 4)
            return 0;
        groups[count++] = (uint16_t)v;
        if (i == n)
            break;
        if (s[i] != ':')
            return 0;
        i++;
        if (i < n && s[i] == ':')
        {
            if (gap >= 0)
                return 0;
            gap = count;
            i++;
        }
        else if (i == n)
            return 0; /* a trailing single ':' */
    }
    if (gap < 0 ? count != 8 : count > 7)
        return 0;
    memset(out, 0, 16);
    {
        int j, k = 0;

        for (j = 0; j < 8; j++)
        {
            uint16_t g;

            if (gap >= 0 && j >= gap && j < gap + 8 - count)
                g = 0;
            else
                g = groups[k++];
            out[2 * j] = (uint8_t)(g >> 8);
            out[2 * j + 1] = (uint8_t)g;
        }
    }
    return 1;
}

static void write_v4(struct sb *b, const uint8_t a[4])
{
    int i;

    for (i = 0; i < 4; i++)
    {
        if (i)
            sb_adda(b, ".");
        sb_addu(b, a[i]);
    }
}

/* RFC 5952: lower case, the longest run of two or more zero groups as "::". */
static void write_v6(struct sb *b, const uint8_t a[16])
{
    static const char hex[] = "0123456789abcdef";
    int best = -1, best_len = 0, i;

    for (i = 0; i < 8;)
    {
        int j = i;

        while (j < 8 && !a[2 * j] && !a[2 * j + 1])
            j++;
        if (j - i > best_len && j - i >= 2)
        {
            best = i;
            best_len = j - i;
        }
        i = j > i ? j : i + 1;
    }
    for (i = 0; i < 8; i++)
    {
        unsigned g = (unsigned)a[2 * i] << 8 | a[2 * i + 1];
        char buf[5];
        int k = 4;

        if (i == best)
        {
            sb_adda(b, i == 0 ? "::" : ":");
            i += best_len - 1;
            continue;
        }
        buf[k] = 0;
        do
            buf[--k] = hex[g & 15];
        while ((g >>= 4));
        sb_adda(b, buf + k);
        if (i < 7)
            sb_adda(b, ":");
    }
}

static int mask_to_prefix(const uint8_t m[4])
{
    uint32_t v = (uint32_t)m[0] << 24 | (uint32_t)m[1] << 16 | (uint32_t)m[2] << 8 | m[3];
    int p = 0;

    while (p < 32 && (v & 0x80000000u))
    {
        v <<= 1;
        p++;
    }
    return v ? -1 : p;
}

static int cmp_bytes(const uint8_t *a, const uint8_t *b, int n)
{
    return memcmp(a, b, (size_t)n);
}

static int parse_addr_item(const ohn_char *s, size_t n, int remote, struct addr_item *out)
{
    const ohn_char *slash, *dash;
    unsigned i;

    memset(out, 0, sizeof(*out));
    out->prefix = -1;
    for (i = 0; i < sizeof(address_keywords) / sizeof(address_keywords[0]); i++)
        if (eq_nocase(s, n, address_keywords[i]))
        {
            if (!remote)
                return 0;
            out->keyword = (int)i;
            return 1;
        }
    if ((dash = find(s, n, '-')))
    {
        size_t a = (size_t)(dash - s);

        out->range = 1;
        if (parse_v4(s, a, out->a) && parse_v4(dash + 1, n - a - 1, out->b))
            out->family = 4;
        else if (parse_v6(s, a, out->a) && parse_v6(dash + 1, n - a - 1, out->b))
            out->family = 6;
        else
            return 0;
        return cmp_bytes(out->a, out->b, out->family == 4 ? 4 : 16) <= 0;
    }
    if ((slash = find(s, n, '/')))
    {
        size_t a = (size_t)(slash - s), rest = n - a - 1;
        unsigned p;
        uint8_t mask[4];

        if (parse_v4(s, a, out->a))
        {
            out->family = 4;
            if (parse_uint(slash + 1, rest, 32, &p))
                out->prefix = (int)p;
            else if (parse_v4(slash + 1, rest, mask) && (out->prefix = mask_to_prefix(mask)) >= 0)
                ;
            else
                return 0;
            return 1;
        }
        if (parse_v6(s, a, out->a) && parse_uint(slash + 1, rest, 128, &p))
        {
            out->family = 6;
            out->prefix = (int)p;
            return 1;
        }
        return 0;
    }
    if (parse_v4(s, n, out->a))
        out->family = 4;
    else if (parse_v6(s, n, out->a))
        out->family = 6;
    else
        return 0;
    return 1;
}

/* canonical: what the getter returns (v4 subnets with a dotted mask, a v4 host as /255.255.255.255);
 * otherwise the GPFAS value (a host bare, a subnet with its prefix length). */
static void write_addr_item(struct sb *b, const struct addr_item *a, int canonical)
{
    if (!a->family)
    {
        sb_adda(b, address_keywords[a->keyword]);
        return;
    }
    if (a->family == 4)
        write_v4(b, a->a);
    else
        write_v6(b, a->a);
    if (a->range)
    {
        sb_adda(b, "-");
        if (a->family == 4)
            write_v4(b, a->b);
        else
            write_v6(b, a->b);
        return;
    }
    if (a->family == 6)
    {
        if (a->prefix >= 0 && (canonical || a->prefix != 128))
        {
            sb_adda(b, "/");
            sb_addu(b, (unsigned)a->prefix);
        }
        return;
    }
    if (canonical)
    {
        int p = a->prefix < 0 ? 32 : a->prefix;
        uint32_t m = p ? 0xffffffffu << (32 - p) : 0;
        uint8_t mask[4] = {(uint8_t)(m >> 24), (uint8_t)(m >> 16), (uint8_t)(m >> 8), (uint8_t)m};

        sb_adda(b, "/");
        write_v4(b, mask);
    }
    else if (a->prefix >= 0 && a->prefix != 32)
    {
        sb_adda(b, "/");
        sb_addu(b, (unsigned)a->prefix);
    }
}

/* ICMP type:code, code 256 for "*". */
struct icmp_item
{
    unsigned type, code;
};

static int parse_icmp_item(const ohn_char *s, size_t n, struct icmp_item *out)
{
    const ohn_char *colon = find(s, n, ':');
    size_t a;

    if (!colon)
        return 0;
    a = (size_t)(colon - s);
    if (!parse_uint(s, a, 255, &out->type))
        return 0;
    if (n - a - 1 == 1 && colon[1] == '*')
        out->code = 256;
    else if (!parse_uint(colon + 1, n - a - 1, 255, &out->code))
        return 0;
    return 1;
}

static void write_icmp_item(struct sb *b, const struct icmp_item *i)
{
    sb_addu(b, i->type);
    sb_adda(b, ":");
    if (i->code == 256)
        sb_adda(b, "*");
    else
        sb_addu(b, i->code);
}

static const char *const interface_types[] = {"Lan", "Wireless", "RemoteAccess"};

static int parse_iftype_item(const ohn_char *s, size_t n, int *out)
{
    int i;

    for (i = 0; i < 3; i++)
        if (eq_nocase(s, n, interface_types[i]))
        {
            *out = i;
            return 1;
        }
    return 0;
}

/* "{8-4-4-4-12}" hex, written back in upper case. */
static int parse_guid_item(const ohn_char *s, size_t n, ohn_char out[38])
{
    static const char hex[] = "0123456789ABCDEF";
    size_t i;

    if (n != 38 || s[0] != '{' || s[37] != '}')
        return 0;
    for (i = 1; i < 37; i++)
    {
        if (i == 9 || i == 14 || i == 19 || i == 24)
        {
            if (s[i] != '-')
                return 0;
            out[i] = '-';
        }
        else if (hexval(s[i]) < 0)
            return 0;
        else
            out[i] = (ohn_char)hex[hexval(s[i])];
    }
    out[0] = '{';
    out[37] = '}';
    return 1;
}

/* One item of a list kind in canonical form, appended to b; 0 when it is not one. */
static int canon_item(enum list_kind k, const ohn_char *s, size_t n, struct sb *b)
{
    struct port_item p;
    struct addr_item a;
    struct icmp_item c;
    ohn_char guid[38];
    int t;

    switch (k)
    {
    case LIST_LPORTS:
    case LIST_RPORTS:
        if (!parse_port_item(s, n, k == LIST_RPORTS, &p))
            return 0;
        write_port_item(b, &p);
        return 1;
    case LIST_LADDRS:
    case LIST_RADDRS:
        if (!parse_addr_item(s, n, k == LIST_RADDRS, &a))
            return 0;
        write_addr_item(b, &a, 1);
        return 1;
    case LIST_ICMP:
        if (!parse_icmp_item(s, n, &c))
            return 0;
        write_icmp_item(b, &c);
        return 1;
    case LIST_IFTYPES:
        if (!parse_iftype_item(s, n, &t))
            return 0;
        sb_adda(b, interface_types[t]);
        return 1;
    case LIST_IFS:
        if (!parse_guid_item(s, n, guid))
            return 0;
        sb_add(b, guid, 38);
        return 1;
    default:
        return 0;
    }
}

/* A whole list as a put gets it: "*" (interface types: "All") or "" is empty (*out NULL). */
static int canon_list(enum list_kind k, const ohn_char *s, size_t len, ohn_char **out)
{
    struct sb b = {0};
    const ohn_char *item;
    size_t pos = 0, n;
    int oom = 0, items = 0, pass;

    *out = NULL;
    {
        size_t start = 0, end = len;

        while (start < end && is_space(s[start]))
            start++;
        while (end > start && is_space(s[end - 1]))
            end--;
        if (start == end || (end - start == 1 && s[start] == '*') ||
            (k == LIST_IFTYPES && eq_nocase(s + start, end - start, "All")))
            return OHN_OK;
    }
    /* Addresses: IPv4 items and keywords first, then IPv6 ones, each in the order given. That
     * is the order the encoding's fields come back in (LA4/RA4 before LA6/RA6). */
    for (pass = 0; pass < (k == LIST_LADDRS || k == LIST_RADDRS ? 2 : 1); pass++)
    {
        pos = 0;
        while (next_item(s, len, &pos, &item, &n))
        {
            struct addr_item a;

            if ((k == LIST_LADDRS || k == LIST_RADDRS) && parse_addr_item(item, n, k == LIST_RADDRS, &a) &&
                (a.family == 6) != pass)
                continue;
            if (items++)
                sb_adda(&b, ",");
            if (!canon_item(k, item, n, &b))
            {
                free(b.p);
                return OHN_EINVAL;
            }
        }
    }
    *out = sb_take(&b, &oom);
    return oom ? OHN_ENOMEM : OHN_OK;
}

/* ---- the rule ---- */

void ohn_fw_rule_init(struct ohn_fw_rule *r)
{
    memset(r, 0, sizeof(*r));
    r->protocol = OHN_FW_PROTO_ANY;
    r->direction = OHN_FW_DIR_IN;
    r->action = OHN_FW_ACTION_ALLOW;
    r->profiles = OHN_FW_PROFILE_ALL;
}

void ohn_fw_rule_free(struct ohn_fw_rule *r)
{
    int i;

    for (i = 0; i < OHN_FW_FIELD_COUNT; i++)
    {
        free(r->s[i]);
        r->s[i] = NULL;
    }
}

static ohn_char *dup_n(const ohn_char *s, size_t n, int *oom)
{
    ohn_char *d;

    if (!s || !n)
        return NULL;
    if (!(d = malloc((n + 1) * sizeof(ohn_char))))
    {
        *oom = 1;
        return NULL;
    }
    memcpy(d, s, n * sizeof(ohn_char));
    d[n] = 0;
    return d;
}

int ohn_fw_rule_copy(struct ohn_fw_rule *dst, const struct ohn_fw_rule *src)
{
    struct ohn_fw_rule tmp = *src;
    int i, oom = 0;

    for (i = 0; i < OHN_FW_FIELD_COUNT; i++)
        tmp.s[i] = dup_n(src->s[i], ohn_fw_strlen(src->s[i]), &oom);
    if (oom)
    {
        ohn_fw_rule_free(&tmp);
        return OHN_ENOMEM;
    }
    *dst = tmp;
    return OHN_OK;
}

static int is_port_protocol(unsigned p)
{
    return p == OHN_PROTO_TCP || p == OHN_PROTO_UDP;
}

static int is_icmp_protocol(unsigned p)
{
    return p == OHN_FW_PROTO_ICMP4 || p == OHN_FW_PROTO_ICMP6;
}

int ohn_fw_rule_valid(const struct ohn_fw_rule *r)
{
    int i;

    if (r->protocol > OHN_FW_PROTO_ANY || (r->direction != OHN_FW_DIR_IN && r->direction != OHN_FW_DIR_OUT) ||
        r->action > OHN_FW_ACTION_ALLOW || r->profiles < 1 || r->profiles > OHN_FW_PROFILE_ALL ||
        r->edge > OHN_FW_EDGE_DEFER_USER || r->secure > OHN_FW_SECURE_MAX || (r->enabled != 0 && r->enabled != 1))
        return OHN_EINVAL;
    if ((r->s[OHN_FW_LPORTS] || r->s[OHN_FW_RPORTS]) && !is_port_protocol(r->protocol))
        return OHN_EINVAL;
    if (r->s[OHN_FW_ICMP] && !is_icmp_protocol(r->protocol))
        return OHN_EINVAL;
    if (r->edge != OHN_FW_EDGE_DENY && r->direction != OHN_FW_DIR_IN)
        return OHN_EINVAL;
    for (i = 0; i < OHN_FW_EXTRA; i++)
        if (ohn_fw_strlen(r->s[i]) > OHN_FW_STR_MAX)
            return OHN_EINVAL;
    return OHN_OK;
}

int ohn_fw_set(struct ohn_fw_rule *r, enum ohn_fw_field f, const ohn_char *s, size_t len)
{
    enum list_kind k = kind_of(f);
    ohn_char *value = NULL;
    int oom = 0, err;

    if (f >= OHN_FW_EXTRA)
        return OHN_EINVAL;
    if (!s)
        len = 0;
    if (len > OHN_FW_STR_MAX || find(s, len, 0))
        return OHN_EINVAL;
    if (k != LIST_NONE)
    {
        if ((err = canon_list(k, s, len, &value)) != OHN_OK)
            return err;
        if (value && (f == OHN_FW_LPORTS || f == OHN_FW_RPORTS) && !is_port_protocol(r->protocol))
            err = OHN_EINVAL;
        if (value && f == OHN_FW_ICMP && !is_icmp_protocol(r->protocol))
            err = OHN_EINVAL;
        if (value && ohn_fw_strlen(value) > OHN_FW_STR_MAX)
            err = OHN_EINVAL;
        if (err)
        {
            free(value);
            return err;
        }
    }
    else
    {
        if (find(s, len, '|'))
            return OHN_EINVAL;
        value = dup_n(s, len, &oom);
        if (oom)
            return OHN_ENOMEM;
    }
    free(r->s[f]);
    r->s[f] = value;
    return OHN_OK;
}

int ohn_fw_set_protocol(struct ohn_fw_rule *r, long protocol)
{
    if (protocol < 0 || protocol > OHN_FW_PROTO_ANY)
        return OHN_EINVAL;
    if ((r->s[OHN_FW_LPORTS] || r->s[OHN_FW_RPORTS]) && !is_port_protocol((unsigned)protocol))
        return OHN_EINVAL;
    if (r->s[OHN_FW_ICMP] && !is_icmp_protocol((unsigned)protocol))
        return OHN_EINVAL;
    r->protocol = (unsigned)protocol;
    return OHN_OK;
}

int ohn_fw_set_profiles(struct ohn_fw_rule *r, long profiles)
{
    if (profiles == 0x7fffffffL)
        profiles = OHN_FW_PROFILE_ALL;
    if (profiles < 1 || profiles > OHN_FW_PROFILE_ALL)
        return OHN_EINVAL;
    r->profiles = (unsigned)profiles;
    return OHN_OK;
}

ohn_char *ohn_fw_get(const struct ohn_fw_rule *r, enum ohn_fw_field f, int *oom)
{
    const ohn_char *v = f < OHN_FW_FIELD_COUNT ? r->s[f] : NULL;
    struct sb b = {0};

    *oom = 0;
    if (v)
        sb_add(&b, v, ohn_fw_strlen(v));
    else if (f == OHN_FW_IFTYPES)
        sb_adda(&b, "All");
    else if (kind_of(f) != LIST_NONE && f != OHN_FW_IFS)
        sb_adda(&b, "*");
    return sb_take(&b, oom);
}

/* ---- matching ---- */

int ohn_fw_ports_contain(const ohn_char *list, unsigned port)
{
    const ohn_char *item;
    size_t pos = 0, n, len = ohn_fw_strlen(list);
    struct port_item p;

    if (!list)
        return 1;
    while (next_item(list, len, &pos, &item, &n))
        if (parse_port_item(item, n, 0, &p) && p.keyword < 0 && port >= p.lo && port <= p.hi)
            return 1;
    return 0;
}

int ohn_fw_icmp_contains(const ohn_char *list, unsigned type, unsigned code)
{
    const ohn_char *item;
    size_t pos = 0, n, len = ohn_fw_strlen(list);
    struct icmp_item c;

    if (!list)
        return 1;
    while (next_item(list, len, &pos, &item, &n))
        if (parse_icmp_item(item, n, &c) && c.type == type && (c.code == 256 || code == 256 || c.code == code))
            return 1;
    return 0;
}

/* ---- the Windows XP views ---- */

/* Nothing but what the XP lists can say: remote addresses and the enabled flag. */
static int plain_inbound_allow(const struct ohn_fw_rule *r, unsigned profile)
{
    return r->direction == OHN_FW_DIR_IN && r->action == OHN_FW_ACTION_ALLOW && (r->profiles & profile) &&
           !r->s[OHN_FW_RPORTS] && !r->s[OHN_FW_LADDRS] && !r->s[OHN_FW_ICMP] && !r->s[OHN_FW_IFTYPES] &&
           !r->s[OHN_FW_IFS] && !r->s[OHN_FW_SVC] && r->edge == OHN_FW_EDGE_DENY;
}

int ohn_fw_is_app_rule(const struct ohn_fw_rule *r, unsigned profile)
{
    return plain_inbound_allow(r, profile) && r->s[OHN_FW_APP] && r->protocol == OHN_FW_PROTO_ANY &&
           !r->s[OHN_FW_LPORTS];
}

int ohn_fw_is_port_rule(const struct ohn_fw_rule *r, unsigned profile, unsigned *protocol, unsigned *port)
{
    const ohn_char *p = r->s[OHN_FW_LPORTS];
    unsigned v;

    if (!plain_inbound_allow(r, profile) || r->s[OHN_FW_APP] || !is_port_protocol(r->protocol) || !p ||
        !parse_uint(p, ohn_fw_strlen(p), 65535, &v) || !v)
        return 0;
    *protocol = r->protocol;
    *port = v;
    return 1;
}

int ohn_fw_rule_verdict(const struct ohn_fw_rule *r, unsigned profile, unsigned protocol, unsigned port,
                        const ohn_char *app, int *restricted)
{
    *restricted = 0;
    if (!r->enabled || r->direction != OHN_FW_DIR_IN || !(r->profiles & profile))
        return 0;
    if (r->protocol != OHN_FW_PROTO_ANY && protocol != OHN_FW_PROTO_ANY && r->protocol != protocol)
        return 0;
    if (r->s[OHN_FW_LPORTS] && !ohn_fw_ports_contain(r->s[OHN_FW_LPORTS], port))
        return 0;
    if (r->s[OHN_FW_APP] && (!app || !ohn_fw_streq_nocase(r->s[OHN_FW_APP], app)))
        return 0;
    *restricted = r->s[OHN_FW_RADDRS] || r->s[OHN_FW_LADDRS] || r->s[OHN_FW_IFS] || r->s[OHN_FW_IFTYPES];
    return r->action == OHN_FW_ACTION_ALLOW ? 1 : -1;
}

/* ---- MS-GPFAS encoding ---- */

static void field(struct sb *b, const char *key, const ohn_char *value, size_t n)
{
    sb_adda(b, key);
    sb_adda(b, "=");
    sb_add(b, value, n);
    sb_adda(b, "|");
}

static void field_a(struct sb *b, const char *key, const char *value)
{
    sb_adda(b, key);
    sb_adda(b, "=");
    sb_adda(b, value);
    sb_adda(b, "|");
}

static void field_str(struct sb *b, const char *key, const ohn_char *value)
{
    if (value)
        field(b, key, value, ohn_fw_strlen(value));
}

static void encode_ports(struct sb *b, const ohn_char *list, int remote)
{
    const ohn_char *item;
    size_t pos = 0, n, len = ohn_fw_strlen(list);
    struct port_item p;

    if (!list)
        return;
    while (next_item(list, len, &pos, &item, &n))
    {
        if (!parse_port_item(item, n, remote, &p))
            continue; /* cannot happen: the list is canonical */
        if (p.keyword >= 0)
            field_a(b, port_keywords[p.keyword].field, port_keywords[p.keyword].gpfas);
        else
        {
            sb_adda(b, remote ? (p.hi != p.lo ? "RPort2_10=" : "RPort=") : (p.hi != p.lo ? "LPort2_10=" : "LPort="));
            write_port_item(b, &p);
            sb_adda(b, "|");
        }
    }
}

/* family 4 or 6: the items of that family; keywords go with both. */
static void encode_addrs(struct sb *b, const ohn_char *list, int remote, int family)
{
    const ohn_char *item;
    size_t pos = 0, n, len = ohn_fw_strlen(list);
    struct addr_item a;

    if (!list)
        return;
    while (next_item(list, len, &pos, &item, &n))
    {
        if (!parse_addr_item(item, n, remote, &a) || (a.family && a.family != family))
            continue;
        sb_adda(b, remote ? (family == 4 ? "RA4=" : "RA6=") : (family == 4 ? "LA4=" : "LA6="));
        write_addr_item(b, &a, 0);
        sb_adda(b, "|");
    }
}

static void encode_list(struct sb *b, const char *key, const ohn_char *list)
{
    const ohn_char *item;
    size_t pos = 0, n, len = ohn_fw_strlen(list);

    if (!list)
        return;
    while (next_item(list, len, &pos, &item, &n))
        field(b, key, item, n);
}

static const char *const secure_names[] = {NULL, "An-NoEncap", "Authenticate", "AuthDynEnc", "AuthenticateEncrypt"};
static const char *const secure_keys[] = {NULL, "Security2_9", "Security", "Security2", "Security"};

ohn_char *ohn_fw_encode(const struct ohn_fw_rule *r)
{
    struct sb b = {0};
    int oom = 0;
    int v3 = r->s[OHN_FW_APPPKG] || r->s[OHN_FW_LUOWN] || r->s[OHN_FW_LUAUTH] || r->s[OHN_FW_RUAUTH] ||
             r->s[OHN_FW_RMAUTH] || r->secure == 1 || r->secure == 3;
    ohn_char *out;

    sb_adda(&b, v3 ? "v2.24|" : "v2.10|");
    field_a(&b, "Action", r->action == OHN_FW_ACTION_ALLOW ? "Allow" : "Block");
    field_a(&b, "Active", r->enabled ? "TRUE" : "FALSE");
    field_a(&b, "Dir", r->direction == OHN_FW_DIR_OUT ? "Out" : "In");
    if (r->protocol != OHN_FW_PROTO_ANY)
    {
        sb_adda(&b, "Protocol=");
        sb_addu(&b, r->protocol);
        sb_adda(&b, "|");
    }
    if (r->profiles != OHN_FW_PROFILE_ALL)
    {
        if (r->profiles & OHN_FW_PROFILE_DOMAIN)
            field_a(&b, "Profile", "Domain");
        if (r->profiles & OHN_FW_PROFILE_PRIVATE)
            field_a(&b, "Profile", "Private");
        if (r->profiles & OHN_FW_PROFILE_PUBLIC)
            field_a(&b, "Profile", "Public");
    }
    encode_ports(&b, r->s[OHN_FW_LPORTS], 0);
    encode_ports(&b, r->s[OHN_FW_RPORTS], 1);
    encode_addrs(&b, r->s[OHN_FW_LADDRS], 0, 4);
    encode_addrs(&b, r->s[OHN_FW_LADDRS], 0, 6);
    encode_addrs(&b, r->s[OHN_FW_RADDRS], 1, 4);
    encode_addrs(&b, r->s[OHN_FW_RADDRS], 1, 6);
    encode_list(&b, r->protocol == OHN_FW_PROTO_ICMP6 ? "ICMP6" : "ICMP4", r->s[OHN_FW_ICMP]);
    encode_list(&b, "IF", r->s[OHN_FW_IFS]);
    encode_list(&b, "IFType", r->s[OHN_FW_IFTYPES]);
    field_str(&b, "App", r->s[OHN_FW_APP]);
    field_str(&b, "Svc", r->s[OHN_FW_SVC]);
    field_str(&b, "Name", r->s[OHN_FW_NAME]);
    field_str(&b, "Desc", r->s[OHN_FW_DESC]);
    field_str(&b, "EmbedCtxt", r->s[OHN_FW_GROUP]);
    if (r->edge == OHN_FW_EDGE_ALLOW)
        field_a(&b, "Edge", "TRUE");
    else if (r->edge == OHN_FW_EDGE_DEFER_APP)
        field_a(&b, "Defer", "App");
    else if (r->edge == OHN_FW_EDGE_DEFER_USER)
        field_a(&b, "Defer", "User");
    if (r->secure)
        field_a(&b, secure_keys[r->secure], secure_names[r->secure]);
    field_str(&b, "AppPkgId", r->s[OHN_FW_APPPKG]);
    field_str(&b, "LUOwn", r->s[OHN_FW_LUOWN]);
    field_str(&b, "LUAuth", r->s[OHN_FW_LUAUTH]);
    field_str(&b, "RUAuth", r->s[OHN_FW_RUAUTH]);
    field_str(&b, "RMAuth", r->s[OHN_FW_RMAUTH]);
    if (r->s[OHN_FW_EXTRA])
        sb_add(&b, r->s[OHN_FW_EXTRA], ohn_fw_strlen(r->s[OHN_FW_EXTRA]));
    out = sb_take(&b, &oom);
    return oom ? NULL : out;
}

/* ---- MS-GPFAS decoding ---- */

/* The builders of the list fields while decoding, and whether each already has an item. */
struct decoder
{
    struct sb list[OHN_FW_FIELD_COUNT];
    int profiles_seen;
};

static void list_append(struct decoder *d, enum ohn_fw_field f, const ohn_char *s, size_t n, int dedupe)
{
    struct sb *b = &d->list[f];

    if (dedupe && b->len)
    {
        const ohn_char *item;
        size_t pos = 0, in;

        while (next_item(b->p, b->len, &pos, &item, &in))
            if (in == n && !memcmp(item, s, n * sizeof(ohn_char)))
                return;
    }
    if (b->len)
        sb_adda(b, ",");
    sb_add(b, s, n);
}

static int decode_field(struct decoder *d, struct ohn_fw_rule *r, const ohn_char *key, size_t kn, const ohn_char *v,
                        size_t vn, const ohn_char *whole, size_t wn)
{
    struct sb item = {0};
    struct port_item p;
    struct addr_item a;
    struct icmp_item c;
    ohn_char guid[38];
    unsigned u;
    int t, ok = 1;

#define KEY(k) eq_exact(key, kn, k)
    if (KEY("Action"))
    {
        if (eq_exact(v, vn, "Allow"))
            r->action = OHN_FW_ACTION_ALLOW;
        else if (eq_exact(v, vn, "Block"))
            r->action = OHN_FW_ACTION_BLOCK;
        else
            return 0; /* ByPass and what may come: not a NET_FW_ACTION */
    }
    else if (KEY("Active"))
    {
        if (eq_nocase(v, vn, "TRUE"))
            r->enabled = 1;
        else if (eq_nocase(v, vn, "FALSE"))
            r->enabled = 0;
        else
            return 0;
    }
    else if (KEY("Dir"))
    {
        if (eq_exact(v, vn, "In"))
            r->direction = OHN_FW_DIR_IN;
        else if (eq_exact(v, vn, "Out"))
            r->direction = OHN_FW_DIR_OUT;
        else
            return 0;
    }
    else if (KEY("Protocol"))
    {
        if (vn > 3 || !parse_uint(v, vn, 255, &u))
            return 0;
        r->protocol = u;
    }
    else if (KEY("Profile"))
    {
        if (!d->profiles_seen)
            r->profiles = 0;
        d->profiles_seen = 1;
        if (eq_exact(v, vn, "Domain"))
            r->profiles |= OHN_FW_PROFILE_DOMAIN;
        else if (eq_exact(v, vn, "Private"))
            r->profiles |= OHN_FW_PROFILE_PRIVATE;
        else if (eq_exact(v, vn, "Public"))
            r->profiles |= OHN_FW_PROFILE_PUBLIC;
        else
            return 0;
    }
    else if (KEY("LPort") || KEY("LPort2_10") || KEY("RPort") || KEY("RPort2_10"))
    {
        int remote = key[0] == 'R';
        unsigned i;

        p.keyword = -1;
        for (i = 0; i < sizeof(port_keywords) / sizeof(port_keywords[0]); i++)
            if (KEY(port_keywords[i].field) && eq_exact(v, vn, port_keywords[i].gpfas))
            {
                p.keyword = (int)i;
                p.lo = p.hi = 0;
            }
        /* A port or a range, in either field: readers of both versions are met. */
        if (p.keyword < 0 && (!parse_port_item(v, vn, remote, &p) || p.keyword >= 0))
            return 0; /* not a port, or a keyword spelled otherwise or in the wrong field */
        write_port_item(&item, &p);
        list_append(d, remote ? OHN_FW_RPORTS : OHN_FW_LPORTS, item.p, item.len, 0);
    }
    else if (KEY("LA4") || KEY("LA6") || KEY("RA4") || KEY("RA6"))
    {
        int remote = key[0] == 'R', family = key[2] - '0';

        if (!parse_addr_item(v, vn, remote, &a) || (a.family && a.family != family))
            return 0;
        write_addr_item(&item, &a, 1);
        list_append(d, remote ? OHN_FW_RADDRS : OHN_FW_LADDRS, item.p, item.len, !a.family);
    }
    else if (KEY("ICMP4") || KEY("ICMP6"))
    {
        if (!parse_icmp_item(v, vn, &c))
            return 0;
        write_icmp_item(&item, &c);
        list_append(d, OHN_FW_ICMP, item.p, item.len, 0);
    }
    else if (KEY("IFType"))
    {
        if (!parse_iftype_item(v, vn, &t))
            return 0;
        sb_adda(&item, interface_types[t]);
        list_append(d, OHN_FW_IFTYPES, item.p, item.len, 1);
    }
    else if (KEY("IF"))
    {
        if (!parse_guid_item(v, vn, guid))
            return 0;
        list_append(d, OHN_FW_IFS, guid, 38, 1);
    }
    else if (KEY("Edge"))
    {
        if (eq_nocase(v, vn, "TRUE"))
        {
            if (r->edge == OHN_FW_EDGE_DENY)
                r->edge = OHN_FW_EDGE_ALLOW;
        }
        else if (!eq_nocase(v, vn, "FALSE"))
            return 0;
    }
    else if (KEY("Defer"))
    {
        if (eq_exact(v, vn, "App"))
            r->edge = OHN_FW_EDGE_DEFER_APP;
        else if (eq_exact(v, vn, "User"))
            r->edge = OHN_FW_EDGE_DEFER_USER;
        else
            return 0;
    }
    else if (KEY("Security") || KEY("Security2_9") || KEY("Security2"))
    {
        for (u = 1; u <= OHN_FW_SECURE_MAX; u++)
            if (KEY(secure_keys[u]) && eq_exact(v, vn, secure_names[u]))
                break;
        if (u > OHN_FW_SECURE_MAX)
            return 0;
        r->secure = u;
    }
    else
    {
        static const struct
        {
            const char *key;
            enum ohn_fw_field f;
        } strings[] = {
            {"App", OHN_FW_APP},       {"Svc", OHN_FW_SVC},       {"Name", OHN_FW_NAME},
            {"Desc", OHN_FW_DESC},     {"EmbedCtxt", OHN_FW_GROUP}, {"AppPkgId", OHN_FW_APPPKG},
            {"LUOwn", OHN_FW_LUOWN},   {"LUAuth", OHN_FW_LUAUTH}, {"RUAuth", OHN_FW_RUAUTH},
            {"RMAuth", OHN_FW_RMAUTH},
        };
        unsigned i;

        for (i = 0; i < sizeof(strings) / sizeof(strings[0]); i++)
            if (KEY(strings[i].key))
            {
                struct sb *b = &d->list[strings[i].f];

                if (vn > OHN_FW_STR_MAX)
                    return 0;
                b->len = 0; /* the last one counts */
                sb_add(b, v, vn);
                return !b->oom;
            }
        /* Unknown: kept verbatim with its separator. */
        sb_add(&d->list[OHN_FW_EXTRA], whole, wn);
        sb_adda(&d->list[OHN_FW_EXTRA], "|");
    }
#undef KEY
    ok = !item.oom;
    free(item.p);
    return ok;
}

int ohn_fw_decode(const ohn_char *s, size_t len, struct ohn_fw_rule *out)
{
    struct decoder d;
    struct ohn_fw_rule r;
    size_t pos, i;
    unsigned major, minor;
    const ohn_char *bar, *dot;
    int oom = 0, ok = 1;

    if (!s || len < 4 || s[0] != 'v' || !(bar = find(s, len, '|')) || !(dot = find(s + 1, (size_t)(bar - s - 1), '.')))
        return OHN_ECORRUPT;
    if (find(s, len, 0))
        return OHN_ECORRUPT; /* a REG_SZ ends at its NUL: what follows one is not a rule's */
    if (!parse_uint(s + 1, (size_t)(dot - s - 1), 99, &major) || major != 2 ||
        !parse_uint(dot + 1, (size_t)(bar - dot - 1), 999, &minor))
        return OHN_ECORRUPT;
    memset(&d, 0, sizeof(d));
    ohn_fw_rule_init(&r);
    pos = (size_t)(bar - s) + 1;
    while (ok && pos < len)
    {
        const ohn_char *f = s + pos, *end = find(f, len - pos, '|'), *eq;
        size_t n = end ? (size_t)(end - f) : len - pos;

        if (!n || !(eq = find(f, n, '=')) || eq == f)
            ok = 0;
        else
            ok = decode_field(&d, &r, f, (size_t)(eq - f), eq + 1, n - (size_t)(eq - f) - 1, f, n);
        pos += n + 1;
    }
    for (i = 0; i < OHN_FW_FIELD_COUNT; i++)
    {
        r.s[i] = sb_take(&d.list[i], &oom);
        if (!ok)
            free(r.s[i]), r.s[i] = NULL;
    }
    /* Addresses as a put gives them (IPv4 ones and keywords first), whatever the order of the
     * string's LA4 and LA6 (RA4 and RA6) fields: what the getter returns is what a put keeps. */
    for (i = OHN_FW_LADDRS; ok && !oom && i <= OHN_FW_RADDRS; i++)
    {
        ohn_char *canon;
        int rc;

        if (!r.s[i])
            continue;
        if ((rc = canon_list(kind_of((enum ohn_fw_field)i), r.s[i], ohn_fw_strlen(r.s[i]), &canon)) == OHN_ENOMEM)
            oom = 1;
        else if (rc != OHN_OK)
            ok = 0;
        else
        {
            free(r.s[i]);
            r.s[i] = canon;
        }
    }
    if (oom)
    {
        ohn_fw_rule_free(&r);
        return OHN_ENOMEM;
    }
    if (!ok || !r.profiles || ohn_fw_rule_valid(&r) != OHN_OK)
    {
        ohn_fw_rule_free(&r);
        return OHN_ECORRUPT;
    }
    *out = r;
    return OHN_OK;
}
