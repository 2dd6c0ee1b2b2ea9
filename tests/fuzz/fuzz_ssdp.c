/*
 * SSDP answers and the URLs in them (ohn_ssdp_parse, ohn_url_parse, src/core/upnp.c): what any
 * host on the LAN may send to the discovery socket. Properties: a parsed answer has a LOCATION,
 * and every field is terminated within its size; a URL that parses names a literal IPv4 host,
 * a port and a path without spaces or controls, and written again from those it parses to the
 * same.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "fuzz.h"
#include "ohn_upnp.h"

static void url(const char *u)
{
    char again[OHN_URL_MAX * 2], host[16];
    const char *path, *path2;
    uint16_t port, port2;
    uint32_t ip, ip2;
    size_t i;

    if (ohn_url_parse(u, &ip, &port, &path))
        return;
    FUZZ_CHECK(port >= 1 && path[0] == '/');
    FUZZ_CHECK(ohn_url_host_is(u, ip) && !ohn_url_host_is(u, ip ^ 1));
    for (i = 0; path[i]; i++)
        FUZZ_CHECK((unsigned char)path[i] > ' ' && path[i] != 0x7f);
    ohn_ipv4_format(ip, host);
    if ((size_t)snprintf(again, sizeof(again), "http://%s:%u%s", host, port, path) < sizeof(again))
    {
        FUZZ_CHECK(!ohn_url_parse(again, &ip2, &port2, &path2));
        FUZZ_CHECK(ip2 == ip && port2 == port && !strcmp(path2, path));
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct ohn_ssdp_answer a;
    char *s;

    if (!ohn_ssdp_parse((const char *)data, size, &a))
    {
        FUZZ_CHECK(size <= OHN_SSDP_MAX);
        FUZZ_CHECK(fuzz_terminated(a.location, sizeof(a.location)) && a.location[0]);
        FUZZ_CHECK(fuzz_terminated(a.st, sizeof(a.st)) && fuzz_terminated(a.usn, sizeof(a.usn)));
        url(a.location);
    }
    if ((s = fuzz_string(data, size)))
    {
        url(s);
        free(s);
    }
    return 0;
}
