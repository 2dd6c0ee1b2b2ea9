/*
 * The portable core of the UPnP gateway engine (ohn_upnp.h): parsers, escaping, gateway
 * scores, leases, ownership records and the plan that realises ICS mappings on a gateway.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdio.h>
#include <string.h>

#include "ohn_upnp.h"
#include "bytes.h"

const char *const ohn_ssdp_targets[OHN_SSDP_TARGETS] = {
    "urn:schemas-upnp-org:device:InternetGatewayDevice:2",
    "urn:schemas-upnp-org:device:InternetGatewayDevice:1",
    "urn:schemas-upnp-org:service:WANIPConnection:2",
    "urn:schemas-upnp-org:service:WANIPConnection:1",
    "urn:schemas-upnp-org:service:WANPPPConnection:1",
};

/* UDA 1.1 §1.3.2: MAN is quoted, the message ends with an empty line. */
size_t ohn_ssdp_search(char *buf, size_t cap, const char *st, unsigned mx)
{
    int n;

    if (mx < 1)
        mx = 1;
    if (mx > 5)
        mx = 5;
    n = snprintf(buf, cap,
                 "M-SEARCH * HTTP/1.1\r\n"
                 "HOST: 239.255.255.250:1900\r\n"
                 "MAN: \"ssdp:discover\"\r\n"
                 "MX: %u\r\n"
                 "ST: %s\r\n"
                 "USER-AGENT: Windows/6.1 UPnP/1.1 open-hnetcfg/0.2\r\n"
                 "\r\n",
                 mx, st);
    if (n < 0 || (size_t)n >= cap)
        return 0;
    return (size_t)n;
}

static int lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static int name_is(const char *s, size_t len, const char *name)
{
    size_t i;

    if (strlen(name) != len)
        return 0;
    for (i = 0; i < len; i++)
        if (lower((unsigned char)s[i]) != lower((unsigned char)name[i]))
            return 0;
    return 1;
}

/* Copies value (trimmed) into out; -1 when it does not fit or is empty. */
static int copy_value(const char *v, size_t len, char *out, size_t cap)
{
    while (len && (*v == ' ' || *v == '\t'))
        v++, len--;
    while (len && (v[len - 1] == ' ' || v[len - 1] == '\t'))
        len--;
    if (!len || len >= cap)
        return -1;
    memcpy(out, v, len);
    out[len] = 0;
    return 0;
}

int ohn_ssdp_parse(const char *msg, size_t len, struct ohn_ssdp_answer *out)
{
    const char *p = msg, *end = msg + len, *eol, *colon;
    size_t line;
    int first = 1;

    memset(out, 0, sizeof(*out));
    if (len > OHN_SSDP_MAX)
        return -1;
    while (p < end)
    {
        for (eol = p; eol < end && *eol != '\n'; eol++)
            if (!*eol)
                return -1; /* no NUL inside a header */
        line = (size_t)(eol - p);
        if (line && p[line - 1] == '\r')
            line--;
        if (first)
        {
            /* "HTTP/1.1 200 OK" (some devices say HTTP/1.0) */
            if (line < 12 || (memcmp(p, "HTTP/1.1 200", 12) && memcmp(p, "HTTP/1.0 200", 12)) ||
                (line > 12 && p[12] != ' '))
                return -1;
            first = 0;
        }
        else if (!line)
            break; /* end of headers */
        else if ((colon = memchr(p, ':', line)))
        {
            size_t name_len = (size_t)(colon - p), value_len = line - name_len - 1;

            if (name_is(p, name_len, "LOCATION"))
            {
                if (copy_value(colon + 1, value_len, out->location, sizeof(out->location)))
                    return -1;
            }
            else if (name_is(p, name_len, "ST"))
                copy_value(colon + 1, value_len, out->st, sizeof(out->st));
            else if (name_is(p, name_len, "USN"))
                copy_value(colon + 1, value_len, out->usn, sizeof(out->usn));
        }
        p = eol < end ? eol + 1 : end;
    }
    return !first && out->location[0] ? 0 : -1;
}

/* A decimal number of at most max_digits digits, no sign, no leading zero; *s advances. */
static int parse_decimal(const char **s, const char *end, unsigned max_digits, unsigned long *value)
{
    const char *p = *s;
    unsigned long v = 0;
    unsigned digits = 0;

    while (p < end && *p >= '0' && *p <= '9' && digits < max_digits + 1)
    {
        v = v * 10 + (unsigned long)(*p - '0');
        p++;
        digits++;
    }
    if (!digits || digits > max_digits || (digits > 1 && **s == '0'))
        return -1;
    *s = p;
    *value = v;
    return 0;
}

static int parse_ipv4_span(const char **s, const char *end, uint32_t *ip)
{
    unsigned long part;
    uint32_t v = 0;
    int i;

    for (i = 0; i < 4; i++)
    {
        if (i)
        {
            if (*s >= end || **s != '.')
                return -1;
            (*s)++;
        }
        if (parse_decimal(s, end, 3, &part) || part > 255)
            return -1;
        v = v << 8 | (uint32_t)part;
    }
    *ip = v;
    return 0;
}

int ohn_ipv4_parse(const char *s, uint32_t *ip)
{
    const char *end = s + strlen(s);
    uint32_t v;

    if (parse_ipv4_span(&s, end, &v) || s != end)
        return -1;
    *ip = v;
    return 0;
}

void ohn_ipv4_format(uint32_t ip, char out[16])
{
    snprintf(out, 16, "%u.%u.%u.%u", ip >> 24, (ip >> 16) & 255, (ip >> 8) & 255, ip & 255);
}

int ohn_url_parse(const char *url, uint32_t *ip, uint16_t *port, const char **path)
{
    const char *p = url, *end = url + strlen(url);
    unsigned long value = 80;
    uint32_t host;
    size_t i;

    for (i = 0; i < 7; i++)
        if (!p[i] || lower((unsigned char)p[i]) != "http://"[i])
            return -1;
    p += 7;
    if (parse_ipv4_span(&p, end, &host))
        return -1;
    if (p < end && *p == ':')
    {
        p++;
        if (parse_decimal(&p, end, 5, &value) || value < 1 || value > 65535)
            return -1;
    }
    if (p < end && *p != '/')
        return -1;
    for (i = 0; p + i < end; i++)
        if ((unsigned char)p[i] <= ' ' || p[i] == 0x7f)
            return -1; /* no spaces or controls in a path we send in a request line */
    *ip = host;
    *port = (uint16_t)value;
    *path = p < end ? p : "/";
    return 0;
}

int ohn_url_host_is(const char *url, uint32_t ip)
{
    const char *path;
    uint16_t port;
    uint32_t host;

    return !ohn_url_parse(url, &host, &port, &path) && host == ip;
}

int ohn_ipv4_is_private(uint32_t ip)
{
    return (ip >> 24) == 10 || (ip >> 24) == 127 || (ip >> 24) == 0 || (ip & 0xfff00000u) == 0xac100000u ||
           (ip & 0xffff0000u) == 0xc0a80000u || (ip & 0xffc00000u) == 0x64400000u ||
           (ip & 0xffff0000u) == 0xa9fe0000u;
}

int ohn_ipv4_same_subnet(uint32_t a, uint32_t b, unsigned prefix_len)
{
    uint32_t mask;

    if (!prefix_len || prefix_len > 32)
        return 0;
    mask = prefix_len == 32 ? 0xffffffffu : ~(0xffffffffu >> prefix_len);
    return (a & mask) == (b & mask);
}

/* Appends add bytes of rep at out[*n]; -1 (and out emptied) when they and a NUL do not fit. */
static int append(char *out, size_t cap, size_t *n, const char *rep, size_t add)
{
    if (*n + add >= cap)
    {
        if (cap)
            out[0] = 0;
        return -1;
    }
    memcpy(out + *n, rep, add);
    *n += add;
    return 0;
}

int ohn_xml_escape(const char *in, char *out, size_t cap)
{
    size_t n = 0;
    const char *rep;
    char one[2] = {0, 0};

    for (; *in; in++)
    {
        switch (*in)
        {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = "&quot;"; break;
        case '\'': rep = "&apos;"; break;
        default:
            one[0] = *in;
            rep = one;
        }
        if (append(out, cap, &n, rep, strlen(rep)))
            return -1;
    }
    if (n >= cap)
        return -1;
    out[n] = 0;
    return (int)n;
}

/* UTF-8 of code point cp into out; its length, or 0 for a code point that is not a character
 * of XML (NUL, a surrogate, beyond U+10FFFF). */
static size_t utf8_encode(unsigned long cp, char out[4])
{
    if (!cp || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
        return 0;
    if (cp < 0x80)
    {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800)
    {
        out[0] = (char)(0xc0 | cp >> 6);
        out[1] = (char)(0x80 | (cp & 0x3f));
        return 2;
    }
    if (cp < 0x10000)
    {
        out[0] = (char)(0xe0 | cp >> 12);
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
        out[2] = (char)(0x80 | (cp & 0x3f));
        return 3;
    }
    out[0] = (char)(0xf0 | cp >> 18);
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
    out[3] = (char)(0x80 | (cp & 0x3f));
    return 4;
}

/* The entity at s (just after '&'), up to its ';': its UTF-8 in out and the characters it
 * spans after '&' in *span; 0 when it is not an entity we know (copied as it stands). */
static size_t entity(const char *s, char out[4], size_t *span)
{
    static const struct
    {
        const char *name;
        char c;
    } named[] = {{"amp;", '&'}, {"lt;", '<'}, {"gt;", '>'}, {"quot;", '"'}, {"apos;", '\''}};
    unsigned long cp = 0;
    size_t i, n;

    for (i = 0; i < sizeof(named) / sizeof(named[0]); i++)
    {
        n = strlen(named[i].name);
        if (!strncmp(s, named[i].name, n))
        {
            out[0] = named[i].c;
            *span = n;
            return 1;
        }
    }
    if (s[0] != '#')
        return 0;
    if (s[1] == 'x' || s[1] == 'X')
    {
        for (i = 2; i < 10 && s[i] && s[i] != ';'; i++)
        {
            int c = lower((unsigned char)s[i]);
            if (c >= '0' && c <= '9')
                cp = cp * 16 + (unsigned long)(c - '0');
            else if (c >= 'a' && c <= 'f')
                cp = cp * 16 + (unsigned long)(c - 'a' + 10);
            else
                return 0;
        }
        if (i == 2)
            return 0;
    }
    else
    {
        for (i = 1; i < 9 && s[i] && s[i] != ';'; i++)
        {
            if (s[i] < '0' || s[i] > '9')
                return 0;
            cp = cp * 10 + (unsigned long)(s[i] - '0');
        }
        if (i == 1)
            return 0;
    }
    if (s[i] != ';')
        return 0;
    *span = i + 1;
    return utf8_encode(cp, out);
}

int ohn_xml_unescape(const char *in, char *out, size_t cap)
{
    size_t n = 0, add, span;
    char buf[4];
    const char *rep;

    while (*in)
    {
        if (*in == '&' && (add = entity(in + 1, buf, &span)))
        {
            rep = buf;
            span += 1; /* the '&' */
        }
        else
        {
            rep = in;
            add = span = 1;
        }
        if (append(out, cap, &n, rep, add))
            return -1;
        in += span;
    }
    if (n >= cap)
        return -1;
    out[n] = 0;
    return (int)n;
}

int ohn_gw_service_rank(const char *service_type)
{
    if (!strcmp(service_type, "urn:schemas-upnp-org:service:WANIPConnection:2"))
        return 3;
    if (!strcmp(service_type, "urn:schemas-upnp-org:service:WANIPConnection:1"))
        return 2;
    if (!strcmp(service_type, "urn:schemas-upnp-org:service:WANPPPConnection:1"))
        return 1;
    return 0;
}

int ohn_gw_score(const struct ohn_gw_facts *f)
{
    int score;

    if (f->service_rank <= 0)
        return 0;
    score = f->service_rank;
    if (f->connected && f->external_ip)
        score += 100;
    if (f->external_ip && !ohn_ipv4_is_private(f->external_ip))
        score += 10;
    return score;
}

static const long lease_steps[] = {OHN_LEASE_LONGEST, 86400, 7200, 3600};

long ohn_lease_fallback(long requested, int upnp_error)
{
    size_t i;

    if (upnp_error == OHN_UPNP_ONLY_PERMANENT)
        return requested ? 0 : -1;
    if (upnp_error != OHN_UPNP_INVALID_ARGS && upnp_error != 724 && upnp_error != 726)
        return -1;
    if (!requested)
        return lease_steps[0];
    for (i = 0; i + 1 < sizeof(lease_steps) / sizeof(lease_steps[0]); i++)
        if (requested == lease_steps[i])
            return lease_steps[i + 1];
    return -1;
}

uint64_t ohn_lease_renew_at(uint64_t granted_at, long lease)
{
    if (lease <= 0)
        return 0;
    return granted_at + (uint64_t)lease * 1000 / 2;
}

/* Layout: 'O' 'W' 'N' 1 | protocol kind external_port | internal_ip | internal_port 0 0 |
 * lease | expires (8) | owner_pid | 0 (4) | owner_start (8) | 0 (4): 48 bytes. */
size_t ohn_owned_encode(const struct ohn_owned *o, uint8_t *buf, size_t cap)
{
    if (cap < OHN_OWNED_SIZE)
        return 0;
    memset(buf, 0, OHN_OWNED_SIZE);
    memcpy(buf, "OWN\1", 4);
    buf[4] = o->protocol;
    buf[5] = o->kind;
    put16(buf + 6, o->external_port);
    put32(buf + 8, o->internal_ip);
    put16(buf + 12, o->internal_port);
    put32(buf + 16, (uint32_t)o->lease);
    put64(buf + 20, o->expires);
    put32(buf + 28, o->owner_pid);
    put64(buf + 36, o->owner_start);
    return OHN_OWNED_SIZE;
}

int ohn_owned_decode(const uint8_t *buf, size_t len, struct ohn_owned *o)
{
    struct ohn_owned tmp;

    if (len != OHN_OWNED_SIZE || memcmp(buf, "OWN\1", 4))
        return -1;
    tmp.protocol = buf[4];
    tmp.kind = buf[5];
    tmp.external_port = get16(buf + 6);
    tmp.internal_ip = get32(buf + 8);
    tmp.internal_port = get16(buf + 12);
    tmp.lease = (int32_t)get32(buf + 16);
    tmp.expires = get64(buf + 20);
    tmp.owner_pid = get32(buf + 28);
    tmp.owner_start = get64(buf + 36);
    if ((tmp.protocol != 6 && tmp.protocol != 17) || (tmp.kind != OHN_OWNER_ICS && tmp.kind != OHN_OWNER_SESSION) ||
        !tmp.external_port || !tmp.internal_port || !tmp.internal_ip || tmp.lease < 0)
        return -1;
    *o = tmp;
    return 0;
}

static int same_target(uint32_t ip_a, uint16_t port_a, uint32_t ip_b, uint16_t port_b)
{
    return ip_a == ip_b && port_a == port_b;
}

struct ohn_rz_plan ohn_rz_plan(const struct ohn_rz_want *want, const struct ohn_owned *owned,
                               const struct ohn_rz_gateway *gw, uint32_t lan_ip, unsigned lan_prefix, uint64_t now_s)
{
    struct ohn_rz_plan plan = {OHN_RZ_NOTHING, OHN_RZS_NONE};
    /* Our record describes what the gateway has there now: the mapping is still ours. */
    int ours = owned && gw->present && same_target(gw->internal_ip, gw->internal_port, owned->internal_ip,
                                                   owned->internal_port);

    if (!want->present || !want->internal_ip || !ohn_ipv4_same_subnet(want->internal_ip, lan_ip, lan_prefix))
    {
        /* Nothing (reachable) is wanted here: take ours away, never anybody else's. */
        if (ours)
            plan.action = OHN_RZ_DELETE;
        else if (owned)
            plan.action = OHN_RZ_FORGET;
        if (want->present)
            plan.state = want->internal_ip ? OHN_RZS_UNREACHABLE : OHN_RZS_UNRESOLVED;
        return plan;
    }
    if (!gw->present)
    {
        plan.action = OHN_RZ_ADD; /* a stale record of ours is simply rewritten */
        plan.state = OHN_RZS_LIVE;
        return plan;
    }
    if (same_target(gw->internal_ip, gw->internal_port, want->internal_ip, want->internal_port))
    {
        if (!ours)
        {
            plan.action = owned ? OHN_RZ_FORGET : OHN_RZ_NOTHING;
            plan.state = OHN_RZS_MATCHING;
            return plan;
        }
        plan.state = OHN_RZS_LIVE;
        /* Renew at half the lease, as every leased mapping (ohn_lease_renew_at). */
        if (owned->lease > 0 && owned->expires && now_s + (uint64_t)owned->lease / 2 >= owned->expires)
            plan.action = OHN_RZ_RENEW;
        return plan;
    }
    if (ours)
    {
        plan.action = OHN_RZ_REPLACE; /* our old target: the mapping moved */
        plan.state = OHN_RZS_LIVE;
        return plan;
    }
    plan.action = owned ? OHN_RZ_FORGET : OHN_RZ_NOTHING;
    plan.state = OHN_RZS_CONFLICT;
    return plan;
}

const char *ohn_rz_state_name(enum ohn_rz_state state)
{
    switch (state)
    {
    case OHN_RZS_NONE: return "-";
    case OHN_RZS_LIVE: return "live";
    case OHN_RZS_PENDING: return "pending";
    case OHN_RZS_MATCHING: return "live (not created by us)";
    case OHN_RZS_CONFLICT: return "conflict: another client holds the port";
    case OHN_RZS_UNREACHABLE: return "target not on the gateway's LAN";
    case OHN_RZS_UNRESOLVED: return "target name does not resolve";
    }
    return "?";
}
