/*
 * What the gateway client reads from a router (igd_parse.h): device descriptions through
 * miniupnpc's parserootdesc, SOAP answers through its ParseNameValue, and our checks on both.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <miniupnpc/miniupnpc.h>

#include "gateway/igd_parse.h"

/* A copy of size bytes with a NUL after them, for miniupnpc's XML parser: the parser of
 * miniupnpc 2.2.4 (minixml.c, parseelt) reads one byte past the end of its buffer when the input
 * ends inside an element name after a ':' (found by tests/fuzz; "<<!--:" is enough). The NUL
 * is that byte, and it ends the name. NULL when out of memory. */
static char *guarded(const char *buffer, int size)
{
    char *copy = malloc((size_t)size + 1);

    if (copy)
    {
        memcpy(copy, buffer, (size_t)size);
        copy[size] = 0;
    }
    return copy;
}

/* Whether an HTTP answer's body holds the element <ACTIONResponse (with any namespace prefix). */
static int is_response(const char *buffer, int size, const char *action)
{
    char want[64];
    int n, i;

    n = snprintf(want, sizeof(want), "%sResponse", action);
    if (n <= 0 || n >= (int)sizeof(want))
        return 0;
    for (i = 0; i + n < size; i++)
        if (buffer[i] == '<' || buffer[i] == ':')
            if (!memcmp(buffer + i + 1, want, (size_t)n))
                return 1;
    return 0;
}

int ohn_igd_parse_answer(const char *buffer, int size, const char *action, struct NameValueParserData *pdata)
{
    const char *code;
    char *copy;
    int err;

    memset(pdata, 0, sizeof(*pdata));
    if (!buffer || size <= 0 || !(copy = guarded(buffer, size)))
        return OHN_IGD_EPROTO;
    ParseNameValue(copy, size, pdata);
    free(copy);
    if ((code = GetValueFromNameValueList(pdata, "errorCode")))
    {
        err = atoi(code);
        return err > 0 ? err : OHN_IGD_EPROTO;
    }
    return is_response(buffer, size, action) ? 0 : OHN_IGD_EPROTO;
}

/* Joins a URL from a description (absolute, or a path) to the device's base URL. */
static int join_url(const char *base, const char *ref, char *out, size_t cap)
{
    const char *path;
    uint16_t port;
    uint32_t ip;
    char host[16];
    int n;

    if (!strncmp(ref, "http://", 7) || !strncmp(ref, "HTTP://", 7))
        n = snprintf(out, cap, "%s", ref);
    else
    {
        if (ohn_url_parse(base, &ip, &port, &path))
            return -1;
        ohn_ipv4_format(ip, host);
        n = snprintf(out, cap, "http://%s:%u%s%s", host, port, ref[0] == '/' ? "" : "/", ref);
    }
    return n > 0 && (size_t)n < cap ? 0 : -1;
}

int ohn_igd_parse_description(const char *xml, int size, const char *location, uint32_t sender,
                              struct ohn_igd *out)
{
    const struct IGDdatas_service *services[2], *best = NULL;
    struct IGDdatas *data;
    char *copy;
    int rank = 0, err, i;

    memset(out, 0, sizeof(*out));
    if (!xml || size <= 0 || strlen(location) >= sizeof(out->location))
        return OHN_IGD_EPROTO;
    if (!(data = calloc(1, sizeof(*data))) || !(copy = guarded(xml, size)))
    {
        free(data);
        return OHN_IGD_ENOMEM;
    }
    parserootdesc(copy, size, data);
    free(copy);
    services[0] = &data->first;
    services[1] = &data->second;
    for (i = 0; i < 2; i++)
    {
        int r = ohn_gw_service_rank(services[i]->servicetype);

        if (r > rank && services[i]->controlurl[0])
        {
            rank = r;
            best = services[i];
        }
    }
    err = OHN_IGD_EPROTO;
    if (best && !join_url(data->urlbase[0] ? data->urlbase : location, best->controlurl, out->control_url,
                          sizeof(out->control_url)) &&
        ohn_url_host_is(out->control_url, sender) && strlen(best->servicetype) < sizeof(out->service_type))
    {
        strcpy(out->service_type, best->servicetype);
        strcpy(out->location, location);
        out->responder = sender;
        out->facts.service_rank = rank;
        err = 0;
    }
    else
        memset(out, 0, sizeof(*out));
    free(data);
    return err;
}

static void unescape_into(const char *in, char *out, size_t cap)
{
    if (!in || ohn_xml_unescape(in, out, cap) < 0)
        out[0] = 0;
}

int ohn_igd_parse_entry(struct NameValueParserData *pdata, int generic, struct ohn_igd_entry *e)
{
    const char *int_port = GetValueFromNameValueList(pdata, "NewInternalPort");
    const char *enabled = GetValueFromNameValueList(pdata, "NewEnabled");
    const char *lease = GetValueFromNameValueList(pdata, "NewLeaseDuration");
    char plain[64];

    if (generic)
    {
        const char *proto = GetValueFromNameValueList(pdata, "NewProtocol");
        const char *port = GetValueFromNameValueList(pdata, "NewExternalPort");

        memset(e, 0, sizeof(*e));
        e->protocol = proto && !strcmp(proto, "TCP") ? 6 : proto && !strcmp(proto, "UDP") ? 17 : 0;
        e->external_port = (uint16_t)(port ? strtoul(port, NULL, 10) : 0);
        unescape_into(GetValueFromNameValueList(pdata, "NewRemoteHost"), e->remote_host, sizeof(e->remote_host));
    }
    unescape_into(GetValueFromNameValueList(pdata, "NewInternalClient"), plain, sizeof(plain));
    if (ohn_ipv4_parse(plain, &e->internal_ip))
        e->internal_ip = 0;
    e->internal_port = (uint16_t)(int_port ? strtoul(int_port, NULL, 10) : 0);
    unescape_into(GetValueFromNameValueList(pdata, "NewPortMappingDescription"), e->description,
                  sizeof(e->description));
    e->enabled = !enabled || strcmp(enabled, "0");
    e->lease = lease ? strtol(lease, NULL, 10) : 0;
    return !generic || (e->protocol && e->external_port);
}
