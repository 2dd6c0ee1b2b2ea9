/*
 * miniupnpc_adds: the AddPortMapping series of bench_upnp's "bulk", made by a minimal client of
 * miniupnpc itself, so that scripts/bench-upnp.sh can set UPnPNAT's per-Add cost beside what
 * the library alone pays: built natively against Debian's libminiupnpc (a Linux client), and
 * for Windows against the same static miniupnpc the DLL links (run under Wine: what Wine's
 * sockets cost, apart from this DLL). One SOAP request, on a connection of its own, per Add, as
 * miniupnpc makes them.
 *
 *   miniupnpc_adds N [BASE [keep]]  finds the gateway (SSDP, not timed), adds N TCP mappings
 *                             BASE.. (default 50000) to the client's own address, one by one,
 *                             then deletes them (not with keep)
 *
 * Output: "add_total_ms", "add_median_ms", "add_mean_ms", "remove_total_ms", one per line.
 * Exit 1 when a call fails.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef _WIN32
#include <winsock2.h>
#include <windows.h>
#else
#include <time.h>
#endif

#include <miniupnpc.h>
#include <upnpcommands.h>

static double now_ms(void)
{
#ifdef _WIN32
    static LARGE_INTEGER freq;
    LARGE_INTEGER t;

    if (!freq.QuadPart)
        QueryPerformanceFrequency(&freq);
    QueryPerformanceCounter(&t);
    return (double)t.QuadPart * 1000.0 / (double)freq.QuadPart;
#else
    struct timespec t;

    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1000.0 + (double)t.tv_nsec / 1e6;
#endif
}

static int compare(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
    struct UPNPUrls urls;
    struct IGDdatas data;
    struct UPNPDev *devices;
    char lan[64] = "", port[8];
    int n, base, i, err = 0, found, keep;
    double *each, total = 0, start, removal;

    if (argc < 2 || (n = atoi(argv[1])) <= 0)
    {
        fprintf(stderr, "usage: miniupnpc_adds N [BASE]\n");
        return 2;
    }
    base = argc > 2 ? atoi(argv[2]) : 50000;
    keep = argc > 3 && !strcmp(argv[3], "keep");
#ifdef _WIN32
    {
        WSADATA wsa;

        if (WSAStartup(MAKEWORD(2, 2), &wsa))
            return 1;
    }
#endif
    devices = upnpDiscover(1000, NULL, NULL, 0, 0, 2, &err);
#if MINIUPNPC_API_VERSION >= 18
    found = UPNP_GetValidIGD(devices, &urls, &data, lan, sizeof(lan), NULL, 0);
#else
    found = UPNP_GetValidIGD(devices, &urls, &data, lan, sizeof(lan));
#endif
    freeUPNPDevlist(devices);
    if (found != 1)
    {
        fprintf(stderr, "miniupnpc_adds: no connected gateway (%d)\n", found);
        return 1;
    }
    if (!(each = calloc((size_t)n, sizeof(*each))))
        return 1;
    for (i = 0; i < n; i++)
    {
        snprintf(port, sizeof(port), "%d", base + i);
        start = now_ms();
        err = UPNP_AddPortMapping(urls.controlURL, data.first.servicetype, port, port, lan, "bench", "TCP", NULL, "0");
        each[i] = now_ms() - start;
        total += each[i];
        if (err)
        {
            fprintf(stderr, "miniupnpc_adds: AddPortMapping %s: %d\n", port, err);
            return 1;
        }
    }
    start = now_ms();
    for (i = 0; i < n && !keep; i++)
    {
        snprintf(port, sizeof(port), "%d", base + i);
        if ((err = UPNP_DeletePortMapping(urls.controlURL, data.first.servicetype, port, "TCP", NULL)))
        {
            fprintf(stderr, "miniupnpc_adds: DeletePortMapping %s: %d\n", port, err);
            return 1;
        }
    }
    removal = now_ms() - start;
    qsort(each, (size_t)n, sizeof(*each), compare);
    printf("add_total_ms %.1f\nadd_median_ms %.3f\nadd_mean_ms %.3f\nremove_total_ms %.1f\n", total, each[n / 2],
           total / n, removal);
    FreeUPNPUrls(&urls);
    free(each);
    return 0;
}
