/*
 * The gateway client (igd.h): our SSDP search, and miniupnpc for descriptions and SOAP.
 *
 * miniupnpc does for us: the HTTP client (miniwget, soapPostSubmit), the device description
 * parser (parserootdesc), SOAP requests and the parsing of their answers (simpleUPnPcommand,
 * ParseNameValue).
 * Written here on top of it: the SSDP search (miniupnpc's does not say which address answered,
 * waits once per search type, and stops at the first answers), the checks that a device's
 * URLs are on the device that answered, XML escaping of every value we send (miniupnpc sends
 * them as they are) and unescaping of what comes back, the choice of the WAN service, and
 * lease fallbacks (ohn_lease_fallback). What the router sends is read in igd_parse.c (pure
 * functions, fuzzed natively).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifdef _WIN32
#include <winsock2.h>
#include <ws2tcpip.h>
#define close_socket closesocket
typedef int socklen_type;
#else
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <unistd.h>
typedef int SOCKET;
#define INVALID_SOCKET (-1)
#define close_socket close
typedef socklen_t socklen_type;
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <miniupnpc/miniupnpc.h>
#include <miniupnpc/miniwget.h>
#include <miniupnpc/upnpcommands.h>
#include <miniupnpc/upnpreplyparse.h>

#include "gateway/igd.h"
#include "gateway/igd_parse.h"

#define MAX_SOCKETS 8
#define MAX_SEEN 64
#define RESEND_AFTER_MS 250 /* UDP gets lost: every search is sent twice */

struct ohn_ssdp
{
    SOCKET socks[MAX_SOCKETS];
    unsigned count;
    uint64_t started;
    int resent;
    char seen[MAX_SEEN][OHN_URL_MAX];
    unsigned seen_count;
};

const char *ohn_igd_protocol_name(uint8_t protocol)
{
    return protocol == 6 ? "TCP" : protocol == 17 ? "UDP" : NULL;
}

static void send_searches(struct ohn_ssdp *s)
{
    struct sockaddr_in to;
    char msg[512];
    unsigned i, t;
    size_t len;

    memset(&to, 0, sizeof(to));
    to.sin_family = AF_INET;
    to.sin_port = htons(OHN_SSDP_PORT);
    to.sin_addr.s_addr = htonl(OHN_SSDP_ADDR);
    for (t = 0; t < OHN_SSDP_TARGETS; t++)
    {
        len = ohn_ssdp_search(msg, sizeof(msg), ohn_ssdp_targets[t], 1);
        for (i = 0; i < s->count; i++)
            sendto(s->socks[i], msg, (int)len, 0, (const struct sockaddr *)&to, sizeof(to));
    }
}

static SOCKET open_search_socket(uint32_t local_ip)
{
    struct sockaddr_in addr;
    struct in_addr iface;
    SOCKET sock = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    int ttl = 2;

    if (sock == INVALID_SOCKET)
        return sock;
    memset(&addr, 0, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(local_ip);
    iface.s_addr = htonl(local_ip);
    /* Send from this address's interface: on a multi-homed host the default one may not be
     * the interface the gateway is on. */
    if (bind(sock, (const struct sockaddr *)&addr, sizeof(addr)) ||
        (local_ip && setsockopt(sock, IPPROTO_IP, IP_MULTICAST_IF, (const char *)&iface, sizeof(iface))))
    {
        close_socket(sock);
        return INVALID_SOCKET;
    }
    setsockopt(sock, IPPROTO_IP, IP_MULTICAST_TTL, (const char *)&ttl, sizeof(ttl));
    return sock;
}

int ohn_ssdp_start(const uint32_t *local_ips, unsigned count, struct ohn_ssdp **out)
{
    static const uint32_t any = 0;
    struct ohn_ssdp *s = calloc(1, sizeof(*s));
    unsigned i;

    *out = NULL;
    if (!s)
        return OHN_IGD_ENOMEM;
    if (!count)
    {
        local_ips = &any;
        count = 1;
    }
    for (i = 0; i < count && s->count < MAX_SOCKETS; i++)
    {
        SOCKET sock = open_search_socket(local_ips[i]);

        if (sock != INVALID_SOCKET)
            s->socks[s->count++] = sock;
    }
    if (!s->count)
    {
        free(s);
        return OHN_IGD_ETRANSPORT;
    }
    s->started = ohn_now_ms();
    send_searches(s);
    *out = s;
    return 0;
}

static int seen_before(struct ohn_ssdp *s, const char *location)
{
    unsigned i;

    for (i = 0; i < s->seen_count; i++)
        if (!strcmp(s->seen[i], location))
            return 1;
    if (s->seen_count < MAX_SEEN)
        strcpy(s->seen[s->seen_count++], location);
    return 0;
}

int ohn_ssdp_next(struct ohn_ssdp *s, uint64_t deadline, struct ohn_ssdp_answer *answer, uint32_t *sender)
{
    char buf[OHN_SSDP_MAX + 1];
    struct sockaddr_in from;
    socklen_type from_len;
    struct timeval tv;
    fd_set set;
    uint64_t now, until;
    unsigned i;
    SOCKET top = 0;
    int n;

    for (;;)
    {
        now = ohn_now_ms();
        if (!s->resent && now >= s->started + RESEND_AFTER_MS)
        {
            send_searches(s);
            s->resent = 1;
        }
        if (now >= deadline)
            return 0;
        until = deadline;
        if (!s->resent && s->started + RESEND_AFTER_MS < until)
            until = s->started + RESEND_AFTER_MS;
        tv.tv_sec = (long)((until - now) / 1000);
        tv.tv_usec = (long)((until - now) % 1000 * 1000);
        FD_ZERO(&set);
        for (i = 0; i < s->count; i++)
        {
            FD_SET(s->socks[i], &set);
            if (s->socks[i] > top)
                top = s->socks[i];
        }
        if ((n = select((int)top + 1, &set, NULL, NULL, &tv)) <= 0)
            continue; /* timed out (checked above) or interrupted */
        for (i = 0; i < s->count; i++)
        {
            if (!FD_ISSET(s->socks[i], &set))
                continue;
            from_len = sizeof(from);
            n = (int)recvfrom(s->socks[i], buf, sizeof(buf), 0, (struct sockaddr *)&from, &from_len);
            /* One datagram at most OHN_SSDP_MAX bytes: a longer one is not an answer. */
            if (n <= 0 || n > OHN_SSDP_MAX || from.sin_family != AF_INET)
                continue;
            if (ohn_ssdp_parse(buf, (size_t)n, answer) || seen_before(s, answer->location))
                continue;
            *sender = ntohl(from.sin_addr.s_addr);
            return 1;
        }
    }
}

void ohn_ssdp_stop(struct ohn_ssdp *s)
{
    unsigned i;

    if (!s)
        return;
    for (i = 0; i < s->count; i++)
        close_socket(s->socks[i]);
    free(s);
}

/* One SOAP action. The answer's values are in *pdata (ClearNameValueList them) when the
 * result is 0 or a UPnP error code. */
static int soap(const struct ohn_igd *igd, uint64_t deadline, uint32_t max_bytes, const char *action,
                struct UPNParg *args, struct NameValueParserData *pdata)
{
    char *buffer;
    int size = 0, err;

    memset(pdata, 0, sizeof(*pdata));
    if (ohn_now_ms() >= deadline)
        return OHN_IGD_ETIMEOUT;
    ohn_net_budget(deadline, max_bytes);
    buffer = simpleUPnPcommand(-1, igd->control_url, igd->service_type, action, args, &size);
    if (!buffer)
        return ohn_net_timed_out() ? OHN_IGD_ETIMEOUT : OHN_IGD_ETRANSPORT;
    err = ohn_igd_parse_answer(buffer, size, action, pdata);
    free(buffer);
    if (err > 0)
        return err;
    /* Cut short (too long, or the deadline came), or not a SOAP answer to this action: an
     * answer we cannot trust, even though miniupnpc returned what it had read. */
    if (ohn_net_overflowed() || ohn_net_timed_out() || err)
        return ohn_net_timed_out() ? OHN_IGD_ETIMEOUT : OHN_IGD_EPROTO;
    return 0;
}

int ohn_igd_describe(const struct ohn_ssdp_answer *answer, uint32_t sender, uint64_t deadline, struct ohn_igd *out)
{
    struct NameValueParserData pdata;
    char lan[64] = "", *xml;
    const char *value;
    int size = 0, status = 0, err;

    memset(out, 0, sizeof(*out));
    /* The description must be on the device that answered (a LOCATION elsewhere is refused). */
    if (!ohn_url_host_is(answer->location, sender))
        return OHN_IGD_EPROTO;
    if (ohn_now_ms() >= deadline)
        return OHN_IGD_ETIMEOUT;
    ohn_net_budget(deadline, OHN_DESC_MAX);
    if (!(xml = miniwget_getaddr(answer->location, &size, lan, sizeof(lan), 0, &status)))
        return ohn_net_timed_out() ? OHN_IGD_ETIMEOUT : OHN_IGD_ETRANSPORT;
    err = status == 200 ? ohn_igd_parse_description(xml, size, answer->location, sender, out) : OHN_IGD_EPROTO;
    free(xml);
    if (err)
        return err;
    if (ohn_ipv4_parse(lan, &out->lan_ip))
        out->lan_ip = 0;

    if (!(err = soap(out, deadline, OHN_REPLY_MAX, "GetStatusInfo", NULL, &pdata)))
        out->facts.connected = (value = GetValueFromNameValueList(&pdata, "NewConnectionStatus")) &&
                               !strcmp(value, "Connected");
    ClearNameValueList(&pdata);
    if (err < 0)
        return err;
    if ((err = ohn_igd_external_ip(out, deadline, &out->facts.external_ip)) < 0)
        return err;
    out->score = ohn_gw_score(&out->facts);
    return 0;
}

int ohn_igd_external_ip(const struct ohn_igd *igd, uint64_t deadline, uint32_t *ip)
{
    struct NameValueParserData pdata;
    const char *value;
    int err;

    *ip = 0;
    if (!(err = soap(igd, deadline, OHN_REPLY_MAX, "GetExternalIPAddress", NULL, &pdata)) &&
        (value = GetValueFromNameValueList(&pdata, "NewExternalIPAddress")) && ohn_ipv4_parse(value, ip))
        *ip = 0;
    ClearNameValueList(&pdata);
    return err;
}

static int escape_arg(const char *in, char *out, size_t cap)
{
    return ohn_xml_escape(in, out, cap) < 0 ? OHN_IGD_EARGS : 0;
}

int ohn_igd_add(const struct ohn_igd *igd, uint64_t deadline, const struct ohn_igd_entry *e, long *granted)
{
    char ext[8], in[8], lease_s[16], client[16], host[400], desc[900]; /* the SOAP body stays < 2048 */
    const char *proto = ohn_igd_protocol_name(e->protocol);
    struct NameValueParserData pdata;
    long lease = e->lease;
    int err, tries;
    struct UPNParg args[] = {
        {"NewRemoteHost", host},   {"NewExternalPort", ext}, {"NewProtocol", proto},
        {"NewInternalPort", in},   {"NewInternalClient", client}, {"NewEnabled", e->enabled ? "1" : "0"},
        {"NewPortMappingDescription", desc}, {"NewLeaseDuration", lease_s}, {NULL, NULL},
    };

    *granted = lease;
    if (!proto || !e->internal_ip || escape_arg(e->remote_host, host, sizeof(host)) ||
        escape_arg(e->description, desc, sizeof(desc)))
        return OHN_IGD_EARGS;
    snprintf(ext, sizeof(ext), "%u", e->external_port);
    snprintf(in, sizeof(in), "%u", e->internal_port);
    ohn_ipv4_format(e->internal_ip, client);
    for (tries = 0; tries < 6; tries++)
    {
        snprintf(lease_s, sizeof(lease_s), "%ld", lease);
        err = soap(igd, deadline, OHN_REPLY_MAX, "AddPortMapping", args, &pdata);
        ClearNameValueList(&pdata);
        if (!err)
        {
            *granted = lease;
            return 0;
        }
        if (err < 0 || (lease = ohn_lease_fallback(lease, err)) < 0)
            return err;
    }
    return err;
}

/* The arguments that name one mapping: remote host, external port, protocol. */
struct mapping_key
{
    char ext[8];
    char host[400];
    struct UPNParg args[4];
};

static int key_args(struct mapping_key *k, uint8_t protocol, uint16_t external_port, const char *remote_host)
{
    const char *proto = ohn_igd_protocol_name(protocol);

    if (!proto || escape_arg(remote_host ? remote_host : "", k->host, sizeof(k->host)))
        return OHN_IGD_EARGS;
    snprintf(k->ext, sizeof(k->ext), "%u", external_port);
    k->args[0].elt = "NewRemoteHost";
    k->args[0].val = k->host;
    k->args[1].elt = "NewExternalPort";
    k->args[1].val = k->ext;
    k->args[2].elt = "NewProtocol";
    k->args[2].val = proto;
    k->args[3].elt = k->args[3].val = NULL;
    return 0;
}

int ohn_igd_delete(const struct ohn_igd *igd, uint64_t deadline, uint8_t protocol, uint16_t external_port,
                   const char *remote_host)
{
    struct NameValueParserData pdata;
    struct mapping_key key;
    int err;

    if ((err = key_args(&key, protocol, external_port, remote_host)))
        return err;
    err = soap(igd, deadline, OHN_REPLY_MAX, "DeletePortMapping", key.args, &pdata);
    ClearNameValueList(&pdata);
    return err;
}

int ohn_igd_get(const struct ohn_igd *igd, uint64_t deadline, uint8_t protocol, uint16_t external_port,
                const char *remote_host, struct ohn_igd_entry *out)
{
    struct NameValueParserData pdata;
    struct mapping_key key;
    int err;

    memset(out, 0, sizeof(*out));
    if ((err = key_args(&key, protocol, external_port, remote_host)))
        return err;
    if (!(err = soap(igd, deadline, OHN_REPLY_MAX, "GetSpecificPortMappingEntry", key.args, &pdata)))
    {
        out->protocol = protocol;
        out->external_port = external_port;
        snprintf(out->remote_host, sizeof(out->remote_host), "%s", remote_host ? remote_host : "");
        ohn_igd_parse_entry(&pdata, 0, out);
    }
    ClearNameValueList(&pdata);
    return err;
}

static int append(struct ohn_igd_entry **entries, unsigned *count, unsigned *cap, const struct ohn_igd_entry *e)
{
    struct ohn_igd_entry *grown;

    if (*count == *cap)
    {
        unsigned n = *cap ? *cap * 2 : 32;

        if (n > 65536 * 2 || !(grown = realloc(*entries, n * sizeof(**entries))))
            return OHN_IGD_ENOMEM;
        *entries = grown;
        *cap = n;
    }
    (*entries)[(*count)++] = *e;
    return 0;
}

/* GetGenericPortMappingEntry 0, 1, 2 ... until 713 (SpecifiedArrayIndexInvalid), on IGDv1 and
 * IGDv2 alike. Not IGDv2's GetListOfPortMappings: miniupnpd 2.3.1 crashes answering it once its
 * table holds about 150 mappings (whatever NewNumberOfPorts asks for), and a router must never
 * be put at risk by a listing. */
static int list_generic(const struct ohn_igd *igd, uint64_t deadline, struct ohn_igd_entry **entries, unsigned *count,
                   unsigned *cap)
{
    struct NameValueParserData pdata;
    struct ohn_igd_entry e;
    char index[12];
    struct UPNParg args[] = {{"NewPortMappingIndex", index}, {NULL, NULL}};
    unsigned i;
    int err = 0;

    for (i = 0; i < 65536 * 2 && !err; i++)
    {
        snprintf(index, sizeof(index), "%u", i);
        err = soap(igd, deadline, OHN_REPLY_MAX, "GetGenericPortMappingEntry", args, &pdata);
        if (!err && ohn_igd_parse_entry(&pdata, 1, &e))
            err = append(entries, count, cap, &e);
        ClearNameValueList(&pdata);
    }
    return err == OHN_UPNP_ARRAY_INDEX_INVALID || err == OHN_UPNP_NO_SUCH_ENTRY ? 0 : err;
}

int ohn_igd_list(const struct ohn_igd *igd, uint64_t deadline, struct ohn_igd_entry **entries, unsigned *count)
{
    unsigned cap = 0;
    int err;

    *entries = NULL;
    *count = 0;
    if ((err = list_generic(igd, deadline, entries, count, &cap)))
    {
        free(*entries);
        *entries = NULL;
        *count = 0;
    }
    return err;
}
