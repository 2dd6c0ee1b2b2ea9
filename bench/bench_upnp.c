/*
 * bench_upnp: one measurement of UPnPNAT, from the DLL given by path (Wine's builtin
 * C:\windows\system32\hnetcfg.dll, or ours), taking the class from that DLL's own
 * DllGetClassObject, against the router lab's miniupnpd. scripts/bench-upnp.sh runs it in fresh
 * processes, both DLLs side by side in one run, and prints the table.
 *
 *   bench_upnp.exe DLL first      ms to create the object and get its first non-NULL static
 *                                 collection (as an application does: polling while NULL, up to
 *                                 BENCH_WAIT_MS, 30 s by default; "none" when there was none)
 *   bench_upnp.exe DLL nogw       ms of the 1st and of the 2nd get_StaticPortMappingCollection
 *                                 (run with the router stopped: both NULL)
 *   bench_upnp.exe DLL populate N ADD N static mappings TCP 52000.. (setup for bulk)
 *   bench_upnp.exe DLL bulk N     Add N mappings TCP 50000.. one by one (ms each: the first 10
 *                                 and the last 10 averaged), then enumerate all (ms), then
 *                                 remove the N (ms)
 *   bench_upnp.exe DLL clear N    removes the populated ones
 *   bench_upnp.exe DLL item N     N x Item of a mapping that does not exist (one request each,
 *                                 and no work for the router: the cost of a request alone)
 *
 * Output: one line "name value" per figure. Exit 1 when a call fails.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define COBJMACROS
#include <windows.h>
#include <ole2.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "natupnplib.h"

static LARGE_INTEGER freq;

static double now_ms(void)
{
    LARGE_INTEGER t;

    QueryPerformanceCounter(&t);
    return (double)t.QuadPart * 1000.0 / (double)freq.QuadPart;
}

static void check(HRESULT hr, const char *what)
{
    if (FAILED(hr))
    {
        fprintf(stderr, "bench_upnp: %s: %#lx\n", what, hr);
        exit(1);
    }
}

static IUPnPNAT *create(const WCHAR *dll)
{
    HRESULT(WINAPI * get_class)(REFCLSID, REFIID, void **);
    IClassFactory *cf = NULL;
    IUPnPNAT *nat = NULL;
    HMODULE module = LoadLibraryW(dll);

    if (!module || !(get_class = (void *)GetProcAddress(module, "DllGetClassObject")))
    {
        fprintf(stderr, "bench_upnp: cannot load %ls\n", dll);
        exit(1);
    }
    check(get_class(&CLSID_UPnPNAT, &IID_IClassFactory, (void **)&cf), "DllGetClassObject");
    check(IClassFactory_CreateInstance(cf, NULL, &IID_IUPnPNAT, (void **)&nat), "CreateInstance");
    IClassFactory_Release(cf);
    return nat;
}

static IStaticPortMappingCollection *try_collection(IUPnPNAT *nat)
{
    IStaticPortMappingCollection *c = NULL;
    const char *wait = getenv("BENCH_WAIT_MS");
    double until = now_ms() + (wait ? atoi(wait) : 30000);

    while (!c && now_ms() < until)
        check(IUPnPNAT_get_StaticPortMappingCollection(nat, &c), "get_StaticPortMappingCollection");
    return c;
}

static IStaticPortMappingCollection *collection(IUPnPNAT *nat)
{
    IStaticPortMappingCollection *c = try_collection(nat);

    if (!c)
    {
        fprintf(stderr, "bench_upnp: no gateway\n");
        exit(1);
    }
    return c;
}

static void add(IStaticPortMappingCollection *c, LONG port)
{
    BSTR tcp = SysAllocString(L"TCP"), client = SysAllocString(L"10.77.0.2"), desc = SysAllocString(L"bench");
    IStaticPortMapping *m = NULL;

    check(IStaticPortMappingCollection_Add(c, port, tcp, port, client, VARIANT_TRUE, desc, &m), "Add");
    if (m)
        IStaticPortMapping_Release(m);
    SysFreeString(tcp);
    SysFreeString(client);
    SysFreeString(desc);
}

static void remove_port(IStaticPortMappingCollection *c, LONG port)
{
    BSTR tcp = SysAllocString(L"TCP");

    check(IStaticPortMappingCollection_Remove(c, port, tcp), "Remove");
    SysFreeString(tcp);
}

static int compare(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return x < y ? -1 : x > y;
}

int wmain(int argc, WCHAR **argv)
{
    IStaticPortMappingCollection *c = NULL;
    IUPnPNAT *nat;
    double start, t1, t2;
    int n, i;

    QueryPerformanceFrequency(&freq);
    if (argc < 3)
    {
        fprintf(stderr, "usage: bench_upnp DLL first|nogw|populate N|bulk N|clear N\n");
        return 2;
    }
    n = argc > 3 ? _wtoi(argv[3]) : 0;
    CoInitializeEx(NULL, COINIT_APARTMENTTHREADED);
    if (!wcscmp(argv[2], L"first"))
    {
        start = now_ms();
        nat = create(argv[1]);
        if ((c = try_collection(nat)))
            printf("first_collection_ms %.1f\n", now_ms() - start);
        else
            printf("first_collection_ms none\n");
    }
    else if (!wcscmp(argv[2], L"nogw"))
    {
        nat = create(argv[1]);
        start = now_ms();
        check(IUPnPNAT_get_StaticPortMappingCollection(nat, &c), "get_StaticPortMappingCollection");
        t1 = now_ms() - start;
        if (c)
            return 1;
        start = now_ms();
        check(IUPnPNAT_get_StaticPortMappingCollection(nat, &c), "get_StaticPortMappingCollection");
        t2 = now_ms() - start;
        if (c)
            return 1;
        printf("nogw_first_ms %.3f\nnogw_second_ms %.3f\n", t1, t2);
    }
    else if (!wcscmp(argv[2], L"populate") || !wcscmp(argv[2], L"clear"))
    {
        nat = create(argv[1]);
        c = collection(nat);
        for (i = 0; i < n; i++)
        {
            if (argv[2][0] == 'p')
                add(c, 52000 + i);
            else
                remove_port(c, 52000 + i);
        }
    }
    else if (!wcscmp(argv[2], L"item"))
    {
        BSTR tcp = SysAllocString(L"TCP");
        IStaticPortMapping *m;

        nat = create(argv[1]);
        c = collection(nat);
        start = now_ms();
        for (i = 0; i < n; i++)
            if (IStaticPortMappingCollection_get_Item(c, 59999, tcp, &m) != HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND))
                return 1;
        printf("item_ms %.3f\n", (now_ms() - start) / n);
        SysFreeString(tcp);
    }
    else if (!wcscmp(argv[2], L"bulk"))
    {
        double *each = calloc(n, sizeof(*each)), first10 = 0, last10 = 0, total = 0, enumerate, removal;
        IEnumVARIANT *e = NULL;
        IUnknown *unk = NULL;
        ULONG seen = 0;
        VARIANT v;

        nat = create(argv[1]);
        c = collection(nat);
        for (i = 0; i < n; i++)
        {
            start = now_ms();
            add(c, 50000 + i);
            each[i] = now_ms() - start;
            total += each[i];
        }
        for (i = 0; i < 10 && i < n; i++)
        {
            first10 += each[i] / 10;
            last10 += each[n - 1 - i] / 10;
        }
        start = now_ms();
        check(IStaticPortMappingCollection_get__NewEnum(c, &unk), "_NewEnum");
        check(IUnknown_QueryInterface(unk, &IID_IEnumVARIANT, (void **)&e), "IEnumVARIANT");
        VariantInit(&v);
        while (IEnumVARIANT_Next(e, 1, &v, NULL) == S_OK)
        {
            IStaticPortMapping *m = NULL;
            LONG port = 0;

            check(IDispatch_QueryInterface(V_DISPATCH(&v), &IID_IStaticPortMapping, (void **)&m), "QI");
            check(IStaticPortMapping_get_ExternalPort(m, &port), "get_ExternalPort");
            IStaticPortMapping_Release(m);
            VariantClear(&v);
            seen++;
        }
        enumerate = now_ms() - start;
        IEnumVARIANT_Release(e);
        IUnknown_Release(unk);
        start = now_ms();
        for (i = 0; i < n; i++)
            remove_port(c, 50000 + i);
        removal = now_ms() - start;
        qsort(each, n, sizeof(*each), compare);
        printf("add_total_ms %.1f\nadd_median_ms %.3f\nadd_first10_ms %.3f\nadd_last10_ms %.3f\n", total,
               each[n / 2], first10, last10);
        printf("enumerate_ms %.1f\nenumerated %lu\nremove_total_ms %.1f\n", enumerate, seen, removal);
        free(each);
    }
    else
        return 2;
    fflush(stdout);
    /* Leave at once, as a program that is done would: nothing to tear down for the figures. */
    ExitProcess(0);
}
