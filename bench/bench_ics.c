/*
 * bench_ics: what an ICS port-mapping change costs on the publicly shared connection, next to
 * UPnPNAT's Add and Remove of the same kind of mapping through the same DLL, in one process,
 * against the router lab's miniupnpd. scripts/bench-ics.sh runs it and checks nothing else.
 *
 *   bench_ics.exe [N]     N mappings per run (default 200)
 *
 * The first connection is shared publicly (ICSSHARINGTYPE_PUBLIC), a UPnPNAT static collection
 * is taken, then four runs, in the order UPnPNAT, ICS, ICS, UPnPNAT (so that neither kind has
 * the router to itself while it is fresh):
 *   ICS       N x (AddPortMapping "ics i" TCP 47000+i -> 47000+i 10.77.0.2, Enable) timed as one
 *             operation each; the router's table is then read (UPnPNAT enumeration: all N must
 *             be there, to 10.77.0.2 on the same port); then N x INetSharingPortMapping::Delete,
 *             timed each; none of the N may be left on the router
 *   UPnPNAT   N x IStaticPortMappingCollection::Add (TCP 48000+i -> 10.77.0.2:48000+i, enabled),
 *             the same check, N x Remove, the same check
 * Figures are milliseconds per operation (QueryPerformanceCounter), over both runs of a kind:
 * the mean, the mean of the first 10 and of the last 10 of each run.
 *
 * Output: one line "name value" per figure, then "checks ok" or "CHECK FAILED: ...".
 * Exit 1 when a call fails, 3 when a check fails, else 0 (a report, not a test).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define COBJMACROS
#include <winsock2.h>
#include <windows.h>
#include <ole2.h>
#include <netcon.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "natupnplib.h"

#define ICS_BASE 47000
#define NAT_BASE 48000
#define CLIENT L"10.77.0.2"
#define EDGE 10

static LARGE_INTEGER freq;
static int check_failed;

static double now_ms(void)
{
    LARGE_INTEGER t;

    QueryPerformanceCounter(&t);
    return (double)t.QuadPart * 1000.0 / (double)freq.QuadPart;
}

static void check_hr(HRESULT hr, const char *what)
{
    if (FAILED(hr))
    {
        printf("FAILED: %s: %#lx\n", what, (unsigned long)hr);
        fflush(stdout);
        ExitProcess(1);
    }
}

#define CHECK(call) check_hr((call), #call)

/* The figures of one kind of operation, over its runs. */
struct series
{
    double total, first, last;
    int count, runs;
};

static void record(struct series *s, const double *each, int n)
{
    int i;

    for (i = 0; i < n; i++)
        s->total += each[i];
    for (i = 0; i < EDGE && i < n; i++)
    {
        s->first += each[i];
        s->last += each[n - 1 - i];
    }
    s->count += n;
    s->runs++;
}

static double mean(const struct series *s)
{
    return s->count ? s->total / s->count : 0;
}

static double first(const struct series *s)
{
    return s->runs ? s->first / (s->runs * EDGE) : 0;
}

static double last(const struct series *s)
{
    return s->runs ? s->last / (s->runs * EDGE) : 0;
}

static INetConnection *first_connection(INetSharingManager *mgr)
{
    INetSharingEveryConnectionCollection *coll = NULL;
    INetConnection *conn = NULL;
    IEnumVARIANT *ev = NULL;
    IUnknown *unk = NULL;
    ULONG fetched = 0;
    VARIANT v;

    CHECK(INetSharingManager_get_EnumEveryConnection(mgr, &coll));
    CHECK(INetSharingEveryConnectionCollection_get__NewEnum(coll, &unk));
    CHECK(IUnknown_QueryInterface(unk, &IID_IEnumVARIANT, (void **)&ev));
    VariantInit(&v);
    if (IEnumVARIANT_Next(ev, 1, &v, &fetched) != S_OK || fetched != 1 ||
        (V_VT(&v) != VT_UNKNOWN && V_VT(&v) != VT_DISPATCH) || !V_UNKNOWN(&v))
        check_hr(E_FAIL, "EnumEveryConnection: no connection");
    CHECK(IUnknown_QueryInterface(V_UNKNOWN(&v), &IID_INetConnection, (void **)&conn));
    VariantClear(&v);
    IEnumVARIANT_Release(ev);
    IUnknown_Release(unk);
    INetSharingEveryConnectionCollection_Release(coll);
    return conn;
}

/* How many of the ports [base, base + n) the router maps to CLIENT on the same port, as
 * UPnPNAT's enumeration reads its table. */
static int on_router(IStaticPortMappingCollection *c, LONG base, int n)
{
    IEnumVARIANT *e = NULL;
    IUnknown *unk = NULL;
    int found = 0;
    VARIANT v;

    CHECK(IStaticPortMappingCollection_get__NewEnum(c, &unk));
    CHECK(IUnknown_QueryInterface(unk, &IID_IEnumVARIANT, (void **)&e));
    VariantInit(&v);
    while (IEnumVARIANT_Next(e, 1, &v, NULL) == S_OK)
    {
        IStaticPortMapping *m = NULL;
        LONG ext = 0, in = 0;
        BSTR client = NULL;

        CHECK(IDispatch_QueryInterface(V_DISPATCH(&v), &IID_IStaticPortMapping, (void **)&m));
        CHECK(IStaticPortMapping_get_ExternalPort(m, &ext));
        CHECK(IStaticPortMapping_get_InternalPort(m, &in));
        CHECK(IStaticPortMapping_get_InternalClient(m, &client));
        if (ext >= base && ext < base + n && in == ext && client && !wcscmp(client, CLIENT))
            found++;
        SysFreeString(client);
        IStaticPortMapping_Release(m);
        VariantClear(&v);
    }
    IEnumVARIANT_Release(e);
    IUnknown_Release(unk);
    return found;
}

static void expect(int got, int want, const char *what)
{
    if (got == want)
        return;
    printf("CHECK FAILED: %s: %d of the mappings on the router, expected %d\n", what, got, want);
    fflush(stdout);
    check_failed = 1;
}

static void run_ics(INetSharingConfiguration *cfg, IStaticPortMappingCollection *c, int n, double *each,
                    struct series *add, struct series *del)
{
    INetSharingPortMapping **mappings = calloc(n, sizeof(*mappings));
    BSTR target = SysAllocString(CLIENT);
    WCHAR name[32];
    double t0;
    int i;

    for (i = 0; i < n; i++)
    {
        BSTR bname;

        swprintf(name, ARRAYSIZE(name), L"ics %d", i);
        bname = SysAllocString(name);
        t0 = now_ms();
        CHECK(INetSharingConfiguration_AddPortMapping(cfg, bname, 6, (USHORT)(ICS_BASE + i), (USHORT)(ICS_BASE + i),
                                                      0, target, ICSTT_IPADDRESS, &mappings[i]));
        CHECK(INetSharingPortMapping_Enable(mappings[i]));
        each[i] = now_ms() - t0;
        SysFreeString(bname);
    }
    record(add, each, n);
    expect(on_router(c, ICS_BASE, n), n, "ICS, after Add+Enable");
    for (i = 0; i < n; i++)
    {
        t0 = now_ms();
        CHECK(INetSharingPortMapping_Delete(mappings[i]));
        each[i] = now_ms() - t0;
        INetSharingPortMapping_Release(mappings[i]);
    }
    record(del, each, n);
    expect(on_router(c, ICS_BASE, n), 0, "ICS, after Delete");
    SysFreeString(target);
    free(mappings);
}

static void run_nat(IStaticPortMappingCollection *c, int n, double *each, struct series *add, struct series *del)
{
    BSTR tcp = SysAllocString(L"TCP"), client = SysAllocString(CLIENT);
    WCHAR name[32];
    double t0;
    int i;

    for (i = 0; i < n; i++)
    {
        IStaticPortMapping *m = NULL;
        BSTR desc;

        swprintf(name, ARRAYSIZE(name), L"nat %d", i);
        desc = SysAllocString(name);
        t0 = now_ms();
        CHECK(IStaticPortMappingCollection_Add(c, NAT_BASE + i, tcp, NAT_BASE + i, client, VARIANT_TRUE, desc, &m));
        each[i] = now_ms() - t0;
        if (m)
            IStaticPortMapping_Release(m);
        SysFreeString(desc);
    }
    record(add, each, n);
    expect(on_router(c, NAT_BASE, n), n, "UPnPNAT, after Add");
    for (i = 0; i < n; i++)
    {
        t0 = now_ms();
        CHECK(IStaticPortMappingCollection_Remove(c, NAT_BASE + i, tcp));
        each[i] = now_ms() - t0;
    }
    record(del, each, n);
    expect(on_router(c, NAT_BASE, n), 0, "UPnPNAT, after Remove");
    SysFreeString(tcp);
    SysFreeString(client);
}

static void figures(const char *kind, const struct series *s)
{
    printf("%s_mean_ms %.3f\n%s_first10_ms %.3f\n%s_last10_ms %.3f\n", kind, mean(s), kind, first(s), kind, last(s));
}

int wmain(int argc, WCHAR **argv)
{
    struct series ics_add = {0}, ics_del = {0}, nat_add = {0}, nat_del = {0};
    IStaticPortMappingCollection *c = NULL;
    INetSharingConfiguration *cfg = NULL;
    INetSharingManager *mgr = NULL;
    INetConnection *conn;
    IUPnPNAT *nat = NULL;
    int n = argc > 1 ? _wtoi(argv[1]) : 200;
    double until, *each;

    if (n < 2 * EDGE || n > 1000)
    {
        fprintf(stderr, "usage: bench_ics [N (%d..1000, default 200)]\n", 2 * EDGE);
        return 2;
    }
    QueryPerformanceFrequency(&freq);
    each = calloc(n, sizeof(*each));
    CHECK(CoInitializeEx(NULL, COINIT_APARTMENTTHREADED));
    CHECK(CoCreateInstance(&CLSID_NetSharingManager, NULL, CLSCTX_INPROC_SERVER, &IID_INetSharingManager,
                           (void **)&mgr));
    conn = first_connection(mgr);
    CHECK(INetSharingManager_get_INetSharingConfigurationForINetConnection(mgr, conn, &cfg));
    CHECK(INetSharingConfiguration_EnableSharing(cfg, ICSSHARINGTYPE_PUBLIC));
    CHECK(CoCreateInstance(&CLSID_UPnPNAT, NULL, CLSCTX_INPROC_SERVER, &IID_IUPnPNAT, (void **)&nat));
    for (until = now_ms() + 30000; !c && now_ms() < until;)
        CHECK(IUPnPNAT_get_StaticPortMappingCollection(nat, &c));
    if (!c)
        check_hr(E_FAIL, "no gateway");

    run_nat(c, n, each, &nat_add, &nat_del);
    run_ics(cfg, c, n, each, &ics_add, &ics_del);
    run_ics(cfg, c, n, each, &ics_add, &ics_del);
    run_nat(c, n, each, &nat_add, &nat_del);

    printf("mappings %d\nruns 2\n", n);
    figures("ics_add", &ics_add);
    figures("ics_delete", &ics_del);
    figures("nat_add", &nat_add);
    figures("nat_remove", &nat_del);
    printf(check_failed ? "checks FAILED\n" : "checks ok\n");
    fflush(stdout);

    CHECK(INetSharingConfiguration_DisableSharing(cfg));
    IStaticPortMappingCollection_Release(c);
    IUPnPNAT_Release(nat);
    INetSharingConfiguration_Release(cfg);
    INetConnection_Release(conn);
    INetSharingManager_Release(mgr);
    free(each);
    ExitProcess(check_failed ? 3 : 0);
}
