/*
 * bench_store: how the port-mapping store scales, measured through the public COM interface
 * (the mingw-w64 SDK <netcon.h>), next to the registry's own floor measured in the same run.
 *
 *   bench_store.exe [R [N...]]      R repetitions per size (default 3), sizes (default 100 1000 10000)
 *
 * For every size N and repetition, on an empty store (HKLM\Software\open-hnetcfg wiped, 64-bit
 * view) and a fresh INetSharingConfiguration of the first connection:
 *   floor A     N RegSetValueExW of a 60-byte REG_BINARY to N new value names of a scratch key
 *   add+enable  N x (AddPortMapping, Enable, Release)
 *   floor B     as floor A (the floor is the mean of A and B: wineserver's cost drifts)
 *   raw seq     N x the store's registry calls done directly: RegCreateKeyExW of a new subkey,
 *               two RegSetValueExW of its Record, RegCloseKey (informational)
 *   enumerate   EnumPortMappings + _NewEnum + Next(1) until the end, get_Properties and
 *               get_Enabled of each; exactly N must be seen, all enabled
 *   delete      the same walk calling Delete on each; Count must then be 0
 * Figures are per operation / item in microseconds (QueryPerformanceCounter), median over the
 * R repetitions. A ratio to the floor is taken within each repetition, then the median.
 *
 * This is a report: exit 0 whatever the figures; 1 when a COM or registry call fails, 3 when a
 * check (count seen, Enabled, empty after delete) fails.
 * With OHN_BENCH_MARKERS set, each phase is bracketed by a failing RegOpenKeyExW of
 * HKLM\ohn-bench-marker\<phase>, so a WINEDEBUG=+server trace can be cut into phases.
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

#define STORE_KEY L"Software\\open-hnetcfg"
#define BENCH_KEY L"Software\\open-hnetcfg-bench"
#define PROTO_TCP 6
#define FLOOR_VALUE_SIZE 60
#define MAX_REPS 99
#define MAX_SIZES 8

enum phase
{
    PH_FLOOR_A,
    PH_ADD,
    PH_FLOOR_B,
    PH_RAW,
    PH_ENUM,
    PH_DELETE,
    PH_COUNT
};

static const char *const phase_names[PH_COUNT] = {"floor-A", "add+enable", "floor-B", "raw-seq", "enumerate", "delete"};

static LARGE_INTEGER qpc_freq;
static int markers;
static int check_failed;

static void fail_hr(const char *what, HRESULT hr)
{
    printf("FAILED: %s: hr %#lx\n", what, (unsigned long)hr);
    fflush(stdout);
    exit(1);
}

static void fail_reg(const char *what, LONG err)
{
    printf("FAILED: %s: error %ld\n", what, err);
    fflush(stdout);
    exit(1);
}

#define CHECK_HR(call)                 \
    do                                 \
    {                                  \
        HRESULT hr_ = (call);          \
        if (FAILED(hr_))               \
            fail_hr(#call, hr_);       \
    } while (0)

#define CHECK_REG(call)                \
    do                                 \
    {                                  \
        LONG err_ = (call);            \
        if (err_)                      \
            fail_reg(#call, err_);     \
    } while (0)

static void check(int ok, const char *fmt, ULONG n, ULONG got)
{
    if (ok)
        return;
    printf("CHECK FAILED: ");
    printf(fmt, n, got);
    printf("\n");
    fflush(stdout);
    check_failed = 1;
}

static double now_us(void)
{
    LARGE_INTEGER t;

    QueryPerformanceCounter(&t);
    return (double)t.QuadPart * 1e6 / (double)qpc_freq.QuadPart;
}

/* One request to the wineserver that names the phase, for cutting a +server trace. */
static void marker(const char *phase, const char *edge)
{
    WCHAR path[96];
    HKEY key;

    if (!markers)
        return;
    swprintf(path, ARRAYSIZE(path), L"ohn-bench-marker\\%hs-%hs", phase, edge);
    if (!RegOpenKeyExW(HKEY_LOCAL_MACHINE, path, 0, KEY_READ, &key))
        RegCloseKey(key);
}

static void wipe_tree(const WCHAR *path)
{
    HKEY key;

    if (RegOpenKeyExW(HKEY_LOCAL_MACHINE, path, 0, KEY_ALL_ACCESS | KEY_WOW64_64KEY, &key))
        return;
    RegDeleteTreeW(key, NULL);
    RegCloseKey(key);
    RegDeleteKeyExW(HKEY_LOCAL_MACHINE, path, KEY_WOW64_64KEY, 0);
}

/* Inputs prepared outside the timed loops. */
static BSTR *mapping_names;
static WCHAR (*value_names)[16];
static BSTR target;

static void prepare_inputs(ULONG max_n)
{
    WCHAR buf[32];
    ULONG i;

    mapping_names = calloc(max_n, sizeof(*mapping_names));
    value_names = calloc(max_n, sizeof(*value_names));
    if (!mapping_names || !value_names)
        fail_hr("calloc", E_OUTOFMEMORY);
    for (i = 0; i < max_n; i++)
    {
        swprintf(buf, ARRAYSIZE(buf), L"bench %lu", i);
        if (!(mapping_names[i] = SysAllocString(buf)))
            fail_hr("SysAllocString", E_OUTOFMEMORY);
        swprintf(value_names[i], ARRAYSIZE(value_names[i]), L"v%06lu", i);
    }
    if (!(target = SysAllocString(L"192.0.2.10")))
        fail_hr("SysAllocString", E_OUTOFMEMORY);
}

static HKEY open_bench_parent(void)
{
    HKEY parent;

    CHECK_REG(RegCreateKeyExW(HKEY_LOCAL_MACHINE, BENCH_KEY, 0, NULL, 0, KEY_ALL_ACCESS | KEY_WOW64_64KEY, NULL,
                              &parent, NULL));
    return parent;
}

/* The floor: N raw value writes into a fresh scratch key. */
static double run_floor(ULONG n)
{
    BYTE blob[FLOOR_VALUE_SIZE];
    HKEY parent, key;
    double t0, t1;
    ULONG i;

    for (i = 0; i < sizeof(blob); i++)
        blob[i] = (BYTE)(i * 7 + 1);
    parent = open_bench_parent();
    RegDeleteKeyExW(parent, L"Scratch", KEY_WOW64_64KEY, 0);
    CHECK_REG(RegCreateKeyExW(parent, L"Scratch", 0, NULL, 0, KEY_ALL_ACCESS | KEY_WOW64_64KEY, NULL, &key, NULL));
    t0 = now_us();
    for (i = 0; i < n; i++)
        CHECK_REG(RegSetValueExW(key, value_names[i], 0, REG_BINARY, blob, sizeof(blob)));
    t1 = now_us();
    RegCloseKey(key);
    CHECK_REG(RegDeleteKeyExW(parent, L"Scratch", KEY_WOW64_64KEY, 0));
    RegCloseKey(parent);
    return (t1 - t0) / n;
}

/* The store's own registry calls for add+enable+release, without COM or encoding. */
static double run_raw_sequence(ULONG n)
{
    BYTE blob[FLOOR_VALUE_SIZE];
    HKEY parent, seq, key;
    DWORD disposition;
    double t0, t1;
    ULONG i;

    for (i = 0; i < sizeof(blob); i++)
        blob[i] = (BYTE)(i * 5 + 3);
    parent = open_bench_parent();
    CHECK_REG(RegCreateKeyExW(parent, L"Seq", 0, NULL, 0, KEY_ALL_ACCESS | KEY_WOW64_64KEY, NULL, &seq, NULL));
    t0 = now_us();
    for (i = 0; i < n; i++)
    {
        CHECK_REG(RegCreateKeyExW(seq, value_names[i], 0, NULL, 0, KEY_QUERY_VALUE | KEY_SET_VALUE | DELETE, NULL,
                                  &key, &disposition));
        CHECK_REG(RegSetValueExW(key, L"Record", 0, REG_BINARY, blob, sizeof(blob)));
        blob[6] = 1;
        CHECK_REG(RegSetValueExW(key, L"Record", 0, REG_BINARY, blob, sizeof(blob)));
        blob[6] = 0;
        RegCloseKey(key);
    }
    t1 = now_us();
    CHECK_REG(RegDeleteTreeW(seq, NULL));
    RegCloseKey(seq);
    CHECK_REG(RegDeleteKeyExW(parent, L"Seq", KEY_WOW64_64KEY, 0));
    RegCloseKey(parent);
    return (t1 - t0) / n;
}

static double run_add_enable(INetSharingConfiguration *cfg, ULONG n)
{
    INetSharingPortMapping *mapping;
    double t0, t1;
    ULONG i;

    t0 = now_us();
    for (i = 0; i < n; i++)
    {
        mapping = NULL;
        CHECK_HR(INetSharingConfiguration_AddPortMapping(cfg, mapping_names[i], PROTO_TCP, (USHORT)(1 + i),
                                                         (USHORT)(1 + i), 0, target, ICSTT_IPADDRESS, &mapping));
        CHECK_HR(INetSharingPortMapping_Enable(mapping));
        INetSharingPortMapping_Release(mapping);
    }
    t1 = now_us();
    return (t1 - t0) / n;
}

/* Walks EnumPortMappings(ICSSC_DEFAULT): reads Enabled of each item, or deletes each. */
static double run_walk(INetSharingConfiguration *cfg, ULONG n, int delete)
{
    INetSharingPortMappingCollection *coll = NULL;
    INetSharingPortMappingProps *props;
    INetSharingPortMapping *mapping;
    IEnumVARIANT *ev = NULL;
    IUnknown *unk = NULL;
    VARIANT_BOOL enabled;
    ULONG seen = 0, not_enabled = 0, fetched;
    double t0, t1;
    VARIANT v;
    HRESULT hr;

    t0 = now_us();
    CHECK_HR(INetSharingConfiguration_get_EnumPortMappings(cfg, ICSSC_DEFAULT, &coll));
    CHECK_HR(INetSharingPortMappingCollection_get__NewEnum(coll, &unk));
    CHECK_HR(IUnknown_QueryInterface(unk, &IID_IEnumVARIANT, (void **)&ev));
    for (;;)
    {
        VariantInit(&v);
        fetched = 0;
        hr = IEnumVARIANT_Next(ev, 1, &v, &fetched);
        if (FAILED(hr))
            fail_hr("IEnumVARIANT_Next", hr);
        if (hr == S_FALSE || !fetched)
            break;
        if (V_VT(&v) != VT_DISPATCH || !V_DISPATCH(&v))
            fail_hr("IEnumVARIANT_Next: item is not a VT_DISPATCH", E_UNEXPECTED);
        CHECK_HR(IDispatch_QueryInterface(V_DISPATCH(&v), &IID_INetSharingPortMapping, (void **)&mapping));
        if (delete)
            CHECK_HR(INetSharingPortMapping_Delete(mapping));
        else
        {
            CHECK_HR(INetSharingPortMapping_get_Properties(mapping, &props));
            CHECK_HR(INetSharingPortMappingProps_get_Enabled(props, &enabled));
            if (enabled != VARIANT_TRUE)
                not_enabled++;
            INetSharingPortMappingProps_Release(props);
        }
        INetSharingPortMapping_Release(mapping);
        VariantClear(&v);
        seen++;
    }
    IEnumVARIANT_Release(ev);
    IUnknown_Release(unk);
    INetSharingPortMappingCollection_Release(coll);
    t1 = now_us();

    check(seen == n, delete ? "delete walk: expected %lu mappings, saw %lu" : "enumerate: expected %lu mappings, saw %lu",
          n, seen);
    if (!delete)
        check(not_enabled == 0, "enumerate: of %lu mappings, %lu read as not enabled", n, not_enabled);
    return (t1 - t0) / (n ? n : 1);
}

static void check_empty(INetSharingConfiguration *cfg, ULONG n)
{
    INetSharingPortMappingCollection *coll = NULL;
    LONG count = -1;

    CHECK_HR(INetSharingConfiguration_get_EnumPortMappings(cfg, ICSSC_DEFAULT, &coll));
    CHECK_HR(INetSharingPortMappingCollection_get_Count(coll, &count));
    INetSharingPortMappingCollection_Release(coll);
    check(count == 0, "after deleting %lu mappings, Count is %lu", n, (ULONG)count);
}

static INetConnection *first_connection(INetSharingManager *mgr)
{
    INetSharingEveryConnectionCollection *coll = NULL;
    INetConnection *conn = NULL;
    IEnumVARIANT *ev = NULL;
    IUnknown *unk = NULL;
    ULONG fetched = 0;
    VARIANT v;
    HRESULT hr;

    CHECK_HR(INetSharingManager_get_EnumEveryConnection(mgr, &coll));
    CHECK_HR(INetSharingEveryConnectionCollection_get__NewEnum(coll, &unk));
    CHECK_HR(IUnknown_QueryInterface(unk, &IID_IEnumVARIANT, (void **)&ev));
    VariantInit(&v);
    hr = IEnumVARIANT_Next(ev, 1, &v, &fetched);
    if (hr != S_OK || fetched != 1)
        fail_hr("EnumEveryConnection: no connection", FAILED(hr) ? hr : E_FAIL);
    if (V_VT(&v) != VT_UNKNOWN && V_VT(&v) != VT_DISPATCH)
        fail_hr("EnumEveryConnection: item is not an object", E_UNEXPECTED);
    CHECK_HR(IUnknown_QueryInterface(V_UNKNOWN(&v), &IID_INetConnection, (void **)&conn));
    VariantClear(&v);
    IEnumVARIANT_Release(ev);
    IUnknown_Release(unk);
    INetSharingEveryConnectionCollection_Release(coll);
    return conn;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return x < y ? -1 : x > y;
}

static double median(const double *values, int n)
{
    double sorted[MAX_REPS];

    memcpy(sorted, values, n * sizeof(*values));
    qsort(sorted, n, sizeof(*sorted), cmp_double);
    return n % 2 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}

struct size_result
{
    ULONG n;
    double t[PH_COUNT];  /* medians */
    double floor;        /* median of (A + B) / 2 */
    double add_ratio;    /* median of add / floor, per repetition */
    double norm[PH_COUNT]; /* median of phase / floor, per repetition */
};

static const char *verdict(double value, double goal)
{
    return value <= goal ? "PASS" : "MISS";
}

int main(int argc, char **argv)
{
    static const ULONG default_sizes[] = {100, 1000, 10000};
    double samples[PH_COUNT][MAX_REPS], floors[MAX_REPS], ratios[MAX_REPS], norms[PH_COUNT][MAX_REPS];
    struct size_result results[MAX_SIZES];
    INetSharingConfiguration *cfg;
    INetSharingManager *mgr = NULL;
    INetConnection *conn;
    ULONG sizes[MAX_SIZES], max_n = 0;
    int reps = 3, nsizes = 0, s, r, p;
    const struct size_result *lo, *hi;

    if (argc > 1)
        reps = atoi(argv[1]);
    if (reps < 1 || reps > MAX_REPS)
    {
        fprintf(stderr, "usage: bench_store [R (1..%d, default 3) [N...]]\n", MAX_REPS);
        return 2;
    }
    for (s = 2; s < argc && nsizes < MAX_SIZES; s++)
        if (atol(argv[s]) > 0 && atol(argv[s]) <= 65535)
            sizes[nsizes++] = (ULONG)atol(argv[s]);
    if (!nsizes)
        for (s = 0; s < (int)ARRAYSIZE(default_sizes); s++)
            sizes[nsizes++] = default_sizes[s];
    for (s = 0; s < nsizes; s++)
        if (sizes[s] > max_n)
            max_n = sizes[s];
    markers = getenv("OHN_BENCH_MARKERS") != NULL;
    QueryPerformanceFrequency(&qpc_freq);
    prepare_inputs(max_n);

    CHECK_HR(CoInitializeEx(NULL, COINIT_MULTITHREADED));
    wipe_tree(STORE_KEY);
    wipe_tree(BENCH_KEY);
    CHECK_HR(CoCreateInstance(&CLSID_NetSharingManager, NULL, CLSCTX_INPROC_SERVER, &IID_INetSharingManager,
                              (void **)&mgr));
    conn = first_connection(mgr);

    printf("bench_store: %d repetition(s); us per operation / item, median; QPC at %lld Hz\n", reps,
           (long long)qpc_freq.QuadPart);
    printf("%6s %3s %9s %11s %9s %9s %10s %9s\n", "N", "rep", "floor-A", "add+enable", "floor-B", "raw-seq",
           "enumerate", "delete");
    fflush(stdout);

    for (s = 0; s < nsizes; s++)
    {
        ULONG n = sizes[s];

        for (r = 0; r < reps; r++)
        {
            /* Empty store, and a configuration object opened on it (it holds the PortMappings key). */
            wipe_tree(STORE_KEY);
            CHECK_HR(INetSharingManager_get_INetSharingConfigurationForINetConnection(mgr, conn, &cfg));

            marker("floor-A", "begin");
            samples[PH_FLOOR_A][r] = run_floor(n);
            marker("floor-A", "end");
            marker("add", "begin");
            samples[PH_ADD][r] = run_add_enable(cfg, n);
            marker("add", "end");
            marker("floor-B", "begin");
            samples[PH_FLOOR_B][r] = run_floor(n);
            marker("floor-B", "end");
            marker("raw", "begin");
            samples[PH_RAW][r] = run_raw_sequence(n);
            marker("raw", "end");
            marker("enum", "begin");
            samples[PH_ENUM][r] = run_walk(cfg, n, 0);
            marker("enum", "end");
            marker("delete", "begin");
            samples[PH_DELETE][r] = run_walk(cfg, n, 1);
            marker("delete", "end");
            check_empty(cfg, n);
            INetSharingConfiguration_Release(cfg);

            floors[r] = (samples[PH_FLOOR_A][r] + samples[PH_FLOOR_B][r]) / 2;
            ratios[r] = samples[PH_ADD][r] / floors[r];
            for (p = 0; p < PH_COUNT; p++)
                norms[p][r] = samples[p][r] / floors[r];
            printf("%6lu %3d %9.2f %11.2f %9.2f %9.2f %10.2f %9.2f\n", n, r + 1, samples[PH_FLOOR_A][r],
                   samples[PH_ADD][r], samples[PH_FLOOR_B][r], samples[PH_RAW][r], samples[PH_ENUM][r],
                   samples[PH_DELETE][r]);
            fflush(stdout);
        }
        results[s].n = n;
        for (p = 0; p < PH_COUNT; p++)
        {
            results[s].t[p] = median(samples[p], reps);
            results[s].norm[p] = median(norms[p], reps);
        }
        results[s].floor = median(floors, reps);
        results[s].add_ratio = median(ratios, reps);
    }
    wipe_tree(STORE_KEY);
    wipe_tree(BENCH_KEY);

    printf("\nmedians of %d repetition(s), us; floor = mean of floor-A and floor-B; add/floor = median of the\n"
           "per-repetition ratios; raw-seq = the store's 4 registry calls per add+enable done directly\n",
           reps);
    printf("%6s %11s %10s %9s %9s %9s %9s %9s %9s\n", "N", "add+enable", "enumerate", "delete", "floor", "floor-A",
           "floor-B", "raw-seq", "add/floor");
    for (s = 0; s < nsizes; s++)
        printf("%6lu %11.2f %10.2f %9.2f %9.2f %9.2f %9.2f %9.2f %9.2f\n", results[s].n, results[s].t[PH_ADD],
               results[s].t[PH_ENUM], results[s].t[PH_DELETE], results[s].floor, results[s].t[PH_FLOOR_A],
               results[s].t[PH_FLOOR_B], results[s].t[PH_RAW], results[s].add_ratio);

    lo = &results[0];
    hi = &results[0];
    for (s = 1; s < nsizes; s++)
    {
        if (results[s].n < lo->n)
            lo = &results[s];
        if (results[s].n > hi->n)
            hi = &results[s];
    }
    printf("\ngoals\n");
    if (hi->n != lo->n)
    {
        static const enum phase ops[] = {PH_ADD, PH_ENUM, PH_DELETE};

        for (s = 0; s < (int)ARRAYSIZE(ops); s++)
        {
            double ratio = hi->t[ops[s]] / lo->t[ops[s]];
            double norm_ratio = hi->norm[ops[s]] / lo->norm[ops[s]];

            printf("  %-10s per-op cost at %lu / at %lu = %5.2f  (goal <= 1.5)  %s   [floor-normalised: %.2f]\n",
                   phase_names[ops[s]], hi->n, lo->n, ratio, verdict(ratio, 1.5), norm_ratio);
        }
    }
    for (s = 0; s < nsizes; s++)
        printf("  add+enable / floor write at N=%-5lu = %5.2f  (goal <= 3)    %s\n", results[s].n, results[s].add_ratio,
               verdict(results[s].add_ratio, 3.0));
    if (check_failed)
        printf("\nsome checks FAILED (see above): the figures may not mean what they say\n");
    fflush(stdout);

    INetConnection_Release(conn);
    INetSharingManager_Release(mgr);
    CoUninitialize();
    return check_failed ? 3 : 0;
}
