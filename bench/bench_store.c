/*
 * bench_store: how the port-mapping store scales, measured through the public COM interface
 * (the mingw-w64 SDK <netcon.h>), next to the registry's own floor measured in the same run.
 *
 *   bench_store.exe [R [N...]]      R repetitions per size (default 3), sizes (default 100 1000 10000)
 *
 * For every size N and repetition, on an empty store (HKLM\Software\open-hnetcfg wiped, 64-bit
 * view) and a fresh INetSharingConfiguration of the first connection, four phases run:
 *   add+enable  N x (AddPortMapping "bench i" TCP 1+i -> 1+i 192.0.2.10, Enable, Release)
 *   raw seq     N x the store's registry calls for that, made directly on a scratch key: two
 *               RegSetValueExW of a new value (the record, then the record enabled)
 *               (informational: the cost of the design without COM, encoding and lock)
 *   enumerate   EnumPortMappings(ICSSC_DEFAULT) + _NewEnum + Next(1) until it ends, get_Properties
 *               and get_Enabled of each, releases; exactly N must be seen, all enabled
 *   delete      the same walk calling Delete on each; Count must then be 0
 * The floor is N RegSetValueExW of a 60-byte REG_BINARY value to N new value names of a scratch
 * key under HKLM\Software\open-hnetcfg-bench. wineserver's cost per request drifts a lot over
 * time on a small shared machine, so the floor is measured interleaved: every phase runs in
 * batches of BATCH items, each batch between a batch of floor writes before it (floor A) and
 * one after it (floor B), each floor writing N values in all. A phase's floor is the mean of its
 * A and B. Figures are microseconds (QueryPerformanceCounter) per operation / item / write; a
 * ratio to the floor is taken within each repetition; every figure is the median over R.
 * Within the add+enable phase, the first EDGE (100) and the last EDGE items are timed apart, with
 * the floor batches around them; EDGE floor writes into a fresh key are also timed alone right
 * before the phase and right after it, since Wine's registry slows as it grows.
 * The scaling goals are also given floor-normalised (the ratio of the phase/floor ratios): when
 * wineserver's round trip jumps from ~4 to ~60 us for seconds at a time, the raw ratio between
 * two sizes measures that jump, the normalised one still measures the store.
 * Before measuring, the program sleeps SETTLE_MS (the prefix's system processes start with it
 * and keep the wineserver busy for a while) and runs one untimed repetition at N <= 100.
 *
 * This is a report: exit 0 whatever the figures; 1 when a COM or registry call fails, 3 when a
 * check (count seen, Enabled, empty after delete) fails.
 * With OHN_BENCH_MARKERS set, each timed batch of a phase is bracketed by a failing
 * RegOpenKeyExW of HKLM\ohn-bench-marker\<phase>-begin / -end, so a wineserver request trace
 * (wineserver -d1) can be cut into phases; there is no settling nor warm-up then, and the
 * figures of such a run mean nothing.
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
#define BATCH 10
#define EDGE 100 /* items of the first and of the last figure of a phase */
#define MAX_REPS 99
#define MAX_SIZES 8
#define SETTLE_MS 2000

enum phase
{
    PH_ADD,
    PH_RAW,
    PH_ENUM,
    PH_DELETE,
    PH_COUNT
};

static const char *const phase_names[PH_COUNT] = {"add+enable", "raw-seq", "enumerate", "delete"};
static const char *const marker_names[PH_COUNT] = {"add", "raw", "enum", "delete"};

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

static void check(int ok, const char *fmt, ULONG a, ULONG b)
{
    if (ok)
        return;
    printf("CHECK FAILED: ");
    printf(fmt, a, b);
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
static void marker(enum phase phase, const char *edge)
{
    WCHAR path[64];
    HKEY key;

    if (!markers)
        return;
    swprintf(path, ARRAYSIZE(path), L"ohn-bench-marker\\%hs-%hs", marker_names[phase], edge);
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
static BYTE floor_blob[FLOOR_VALUE_SIZE];

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
    for (i = 0; i < sizeof(floor_blob); i++)
        floor_blob[i] = (BYTE)(i * 7 + 1);
}

static HKEY create_bench_key(const WCHAR *sub)
{
    HKEY parent, key;

    CHECK_REG(RegCreateKeyExW(HKEY_LOCAL_MACHINE, BENCH_KEY, 0, NULL, 0, KEY_ALL_ACCESS | KEY_WOW64_64KEY, NULL,
                              &parent, NULL));
    RegDeleteTreeW(parent, sub);
    CHECK_REG(RegCreateKeyExW(parent, sub, 0, NULL, 0, KEY_ALL_ACCESS | KEY_WOW64_64KEY, NULL, &key, NULL));
    RegCloseKey(parent);
    return key;
}

/* A series of floor writes: new value names, in order, into its own scratch key. */
struct floor_stream
{
    HKEY key;
    ULONG next;
    double us;
};

static void floor_open(struct floor_stream *f, const WCHAR *sub)
{
    f->key = create_bench_key(sub);
    f->next = 0;
    f->us = 0;
}

static void floor_batch(struct floor_stream *f, ULONG count)
{
    double t0 = now_us();
    ULONG i;

    for (i = 0; i < count; i++, f->next++)
        CHECK_REG(RegSetValueExW(f->key, value_names[f->next], 0, REG_BINARY, floor_blob, sizeof(floor_blob)));
    f->us += now_us() - t0;
}

static double floor_close(struct floor_stream *f)
{
    double per_write = f->next ? f->us / f->next : 0;

    RegCloseKey(f->key);
    return per_write;
}

/* EDGE floor writes into a fresh key, alone: the registry's floor at this moment. */
static double floor_alone(const WCHAR *sub)
{
    struct floor_stream f;
    double per_write;

    floor_open(&f, sub);
    floor_batch(&f, EDGE);
    per_write = floor_close(&f);
    wipe_tree(BENCH_KEY);
    return per_write;
}

/* The state of one phase; step() does items [start, start + count). */
struct phase_ctx
{
    INetSharingConfiguration *cfg;
    ULONG n;
    /* raw seq */
    HKEY seq;
    /* walks */
    int delete;
    INetSharingPortMappingCollection *coll;
    IUnknown *unk;
    IEnumVARIANT *ev;
    ULONG seen, not_enabled;
};

static void step_add(struct phase_ctx *c, ULONG start, ULONG count)
{
    INetSharingPortMapping *mapping;
    ULONG i;

    for (i = start; i < start + count; i++)
    {
        mapping = NULL;
        CHECK_HR(INetSharingConfiguration_AddPortMapping(c->cfg, mapping_names[i], PROTO_TCP, (USHORT)(1 + i),
                                                         (USHORT)(1 + i), 0, target, ICSTT_IPADDRESS, &mapping));
        CHECK_HR(INetSharingPortMapping_Enable(mapping));
        INetSharingPortMapping_Release(mapping);
    }
}

static void step_raw(struct phase_ctx *c, ULONG start, ULONG count)
{
    BYTE blob[FLOOR_VALUE_SIZE];
    ULONG i;

    memcpy(blob, floor_blob, sizeof(blob));
    for (i = start; i < start + count; i++)
    {
        blob[6] = 0;
        CHECK_REG(RegSetValueExW(c->seq, value_names[i], 0, REG_BINARY, blob, sizeof(blob)));
        blob[6] = 1;
        CHECK_REG(RegSetValueExW(c->seq, value_names[i], 0, REG_BINARY, blob, sizeof(blob)));
    }
}

/* One Next(1); FALSE at the end of the collection. */
static BOOL walk_one(struct phase_ctx *c)
{
    INetSharingPortMappingProps *props;
    INetSharingPortMapping *mapping;
    VARIANT_BOOL enabled;
    ULONG fetched = 0;
    VARIANT v;
    HRESULT hr;

    VariantInit(&v);
    hr = IEnumVARIANT_Next(c->ev, 1, &v, &fetched);
    if (FAILED(hr))
        fail_hr("IEnumVARIANT_Next", hr);
    if (hr == S_FALSE || !fetched)
        return FALSE;
    if (V_VT(&v) != VT_DISPATCH || !V_DISPATCH(&v))
        fail_hr("IEnumVARIANT_Next: item is not a VT_DISPATCH", E_UNEXPECTED);
    CHECK_HR(IDispatch_QueryInterface(V_DISPATCH(&v), &IID_INetSharingPortMapping, (void **)&mapping));
    if (c->delete)
        CHECK_HR(INetSharingPortMapping_Delete(mapping));
    else
    {
        CHECK_HR(INetSharingPortMapping_get_Properties(mapping, &props));
        CHECK_HR(INetSharingPortMappingProps_get_Enabled(props, &enabled));
        if (enabled != VARIANT_TRUE)
            c->not_enabled++;
        INetSharingPortMappingProps_Release(props);
    }
    INetSharingPortMapping_Release(mapping);
    VariantClear(&v);
    c->seen++;
    return TRUE;
}

/* The first batch also gets the collection and its enumerator, the last one also asks for the
 * end and releases them: their cost is part of the per-item figure. */
static void step_walk(struct phase_ctx *c, ULONG start, ULONG count)
{
    ULONG i;

    if (!start)
    {
        c->seen = c->not_enabled = 0;
        CHECK_HR(INetSharingConfiguration_get_EnumPortMappings(c->cfg, ICSSC_DEFAULT, &c->coll));
        CHECK_HR(INetSharingPortMappingCollection_get__NewEnum(c->coll, &c->unk));
        CHECK_HR(IUnknown_QueryInterface(c->unk, &IID_IEnumVARIANT, (void **)&c->ev));
    }
    for (i = 0; i < count; i++)
        if (!walk_one(c))
            break;
    if (start + count >= c->n)
    {
        while (walk_one(c)) /* more than N: counted, and reported by the check */
            ;
        IEnumVARIANT_Release(c->ev);
        IUnknown_Release(c->unk);
        INetSharingPortMappingCollection_Release(c->coll);
    }
}

struct phase_result
{
    double op;      /* us per item */
    double floor_a; /* us per floor write before the batches */
    double floor_b; /* and after them */
    double first, last;             /* us per item of the first EDGE items, of the last EDGE */
    double first_floor, last_floor; /* us per floor write of the floor batches around those */
    double before, after;           /* add+enable only: EDGE floor writes before the phase, after it */
};

static void run_phase(enum phase phase, struct phase_ctx *c, struct phase_result *res)
{
    static void (*const steps[PH_COUNT])(struct phase_ctx *, ULONG, ULONG) = {step_add, step_raw, step_walk,
                                                                              step_walk};
    struct floor_stream fa, fb;
    double total = 0, t0, t, fa0, fb0, edge_n = c->n < EDGE ? c->n : EDGE;
    ULONG start, count;

    res->first = res->last = res->first_floor = res->last_floor = 0;

    floor_open(&fa, L"FloorA");
    floor_open(&fb, L"FloorB");
    for (start = 0; start < c->n; start += count)
    {
        count = c->n - start < BATCH ? c->n - start : BATCH;
        fa0 = fa.us;
        fb0 = fb.us;
        floor_batch(&fa, count);
        marker(phase, "begin");
        t0 = now_us();
        steps[phase](c, start, count);
        t = now_us() - t0;
        total += t;
        marker(phase, "end");
        floor_batch(&fb, count);
        if (start < edge_n)
        {
            res->first += t / edge_n;
            res->first_floor += (fa.us - fa0 + fb.us - fb0) / (2 * edge_n);
        }
        if (start + count > c->n - edge_n)
        {
            res->last += t / edge_n;
            res->last_floor += (fa.us - fa0 + fb.us - fb0) / (2 * edge_n);
        }
    }
    res->op = total / c->n;
    res->floor_a = floor_close(&fa);
    res->floor_b = floor_close(&fb);
    wipe_tree(BENCH_KEY);
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
    if ((V_VT(&v) != VT_UNKNOWN && V_VT(&v) != VT_DISPATCH) || !V_UNKNOWN(&v))
        fail_hr("EnumEveryConnection: item is not an object", E_UNEXPECTED);
    CHECK_HR(IUnknown_QueryInterface(V_UNKNOWN(&v), &IID_INetConnection, (void **)&conn));
    VariantClear(&v);
    IEnumVARIANT_Release(ev);
    IUnknown_Release(unk);
    INetSharingEveryConnectionCollection_Release(coll);
    return conn;
}

/* One repetition at size n: the four phases on an empty store. */
static void run_repetition(INetSharingManager *mgr, INetConnection *conn, ULONG n, struct phase_result *res)
{
    struct phase_ctx c;

    memset(&c, 0, sizeof(c));
    c.n = n;
    /* An empty store, and a configuration opened on it (it holds the connection's key and index). */
    wipe_tree(STORE_KEY);
    CHECK_HR(INetSharingManager_get_INetSharingConfigurationForINetConnection(mgr, conn, &c.cfg));

    res[PH_ADD].before = floor_alone(L"Before");
    run_phase(PH_ADD, &c, &res[PH_ADD]);
    res[PH_ADD].after = floor_alone(L"After");
    c.seq = create_bench_key(L"Seq");
    run_phase(PH_RAW, &c, &res[PH_RAW]);
    RegCloseKey(c.seq);
    wipe_tree(BENCH_KEY);
    c.delete = 0;
    run_phase(PH_ENUM, &c, &res[PH_ENUM]);
    check(c.seen == n, "enumerate: expected %lu mappings, saw %lu", n, c.seen);
    check(!c.not_enabled, "enumerate: %lu mappings, %lu not enabled", n, c.not_enabled);
    c.delete = 1;
    run_phase(PH_DELETE, &c, &res[PH_DELETE]);
    check(c.seen == n, "delete: expected %lu mappings, saw %lu", n, c.seen);
    check_empty(c.cfg, n);
    INetSharingConfiguration_Release(c.cfg);
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

/* Medians over the repetitions of one size. */
struct size_result
{
    ULONG n;
    double op[PH_COUNT];
    double floor[PH_COUNT];   /* mean of the phase's floor A and B */
    double floor_a, floor_b;  /* of add+enable */
    double ratio[PH_COUNT];   /* op / the phase's floor, per repetition */
    /* add+enable: the first EDGE and the last EDGE items, their floors, and the floor alone
     * before and after the phase */
    double first, last, first_floor, last_floor, before, after, edge_norm;
};

static const char *verdict(double value, double goal)
{
    return value <= goal ? "PASS" : "MISS";
}

int main(int argc, char **argv)
{
    static const ULONG default_sizes[] = {100, 1000, 10000};
    static const enum phase goal_ops[] = {PH_ADD, PH_ENUM, PH_DELETE};
    double op[PH_COUNT][MAX_REPS], fl[PH_COUNT][MAX_REPS], ratio[PH_COUNT][MAX_REPS], fa[MAX_REPS], fb[MAX_REPS];
    double first[MAX_REPS], last[MAX_REPS], first_fl[MAX_REPS], last_fl[MAX_REPS], before[MAX_REPS], after[MAX_REPS];
    double edge_norm[MAX_REPS];
    struct size_result results[MAX_SIZES];
    struct phase_result res[PH_COUNT];
    const struct size_result *lo, *hi;
    INetSharingManager *mgr = NULL;
    INetConnection *conn;
    ULONG sizes[MAX_SIZES], max_n = 0;
    int reps = 3, nsizes = 0, s, r, p;

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
    prepare_inputs(max_n > EDGE ? max_n : EDGE);

    CHECK_HR(CoInitializeEx(NULL, COINIT_MULTITHREADED));
    wipe_tree(STORE_KEY);
    wipe_tree(BENCH_KEY);
    CHECK_HR(CoCreateInstance(&CLSID_NetSharingManager, NULL, CLSCTX_INPROC_SERVER, &IID_INetSharingManager,
                              (void **)&mgr));
    conn = first_connection(mgr);

    /* The prefix's own processes (services, explorer, ...) start with this one and keep the
     * wineserver busy for a while: let them settle, then warm up with an untimed repetition. */
    if (!markers)
    {
        Sleep(SETTLE_MS);
        run_repetition(mgr, conn, sizes[0] < 100 ? sizes[0] : 100, res);
    }

    printf("bench_store: %d repetition(s), batches of %d between floor batches; us per op / item / write\n", reps,
           BATCH);
    printf("%6s %3s | %10s %7s %7s | %9s %7s %7s | %9s %7s %7s | %7s %7s %7s\n", "N", "rep", "add+enable", "flr-A",
           "flr-B", "enumerate", "flr-A", "flr-B", "delete", "flr-A", "flr-B", "raw-seq", "flr-A", "flr-B");
    fflush(stdout);

    for (s = 0; s < nsizes; s++)
    {
        ULONG n = sizes[s];

        for (r = 0; r < reps; r++)
        {
            run_repetition(mgr, conn, n, res);
            for (p = 0; p < PH_COUNT; p++)
            {
                op[p][r] = res[p].op;
                fl[p][r] = (res[p].floor_a + res[p].floor_b) / 2;
                ratio[p][r] = op[p][r] / fl[p][r];
            }
            fa[r] = res[PH_ADD].floor_a;
            fb[r] = res[PH_ADD].floor_b;
            first[r] = res[PH_ADD].first;
            last[r] = res[PH_ADD].last;
            first_fl[r] = res[PH_ADD].first_floor;
            last_fl[r] = res[PH_ADD].last_floor;
            before[r] = res[PH_ADD].before;
            after[r] = res[PH_ADD].after;
            edge_norm[r] = (last[r] / last_fl[r]) / (first[r] / first_fl[r]);
            printf("%6lu %3d | %10.2f %7.2f %7.2f | %9.2f %7.2f %7.2f | %9.2f %7.2f %7.2f | %7.2f %7.2f %7.2f\n", n,
                   r + 1, res[PH_ADD].op, res[PH_ADD].floor_a, res[PH_ADD].floor_b, res[PH_ENUM].op,
                   res[PH_ENUM].floor_a, res[PH_ENUM].floor_b, res[PH_DELETE].op, res[PH_DELETE].floor_a,
                   res[PH_DELETE].floor_b, res[PH_RAW].op, res[PH_RAW].floor_a, res[PH_RAW].floor_b);
            fflush(stdout);
        }
        results[s].n = n;
        for (p = 0; p < PH_COUNT; p++)
        {
            results[s].op[p] = median(op[p], reps);
            results[s].floor[p] = median(fl[p], reps);
            results[s].ratio[p] = median(ratio[p], reps);
        }
        results[s].floor_a = median(fa, reps);
        results[s].floor_b = median(fb, reps);
        results[s].first = median(first, reps);
        results[s].last = median(last, reps);
        results[s].first_floor = median(first_fl, reps);
        results[s].last_floor = median(last_fl, reps);
        results[s].before = median(before, reps);
        results[s].after = median(after, reps);
        results[s].edge_norm = median(edge_norm, reps);
    }
    wipe_tree(STORE_KEY);
    wipe_tree(BENCH_KEY);

    printf("\nmedians over %d repetition(s), us. floor = floor writes around the add+enable batches (mean of\n"
           "A and B); x/floor = per repetition, against the floor measured around that phase's own batches;\n"
           "raw-seq = the store's 2 registry calls per add+enable (2 x set value of one record) made directly\n",
           reps);
    printf("%6s %11s %10s %9s %9s %8s %8s %10s %11s %12s %8s %10s\n", "N", "add+enable", "enumerate", "delete",
           "floor", "floor-A", "floor-B", "add/floor", "enum/floor", "delete/floor", "raw-seq", "raw/floor");
    for (s = 0; s < nsizes; s++)
        printf("%6lu %11.2f %10.2f %9.2f %9.2f %8.2f %8.2f %10.2f %11.2f %12.2f %8.2f %10.2f\n", results[s].n,
               results[s].op[PH_ADD], results[s].op[PH_ENUM], results[s].op[PH_DELETE], results[s].floor[PH_ADD],
               results[s].floor_a, results[s].floor_b, results[s].ratio[PH_ADD], results[s].ratio[PH_ENUM],
               results[s].ratio[PH_DELETE], results[s].op[PH_RAW], results[s].ratio[PH_RAW]);

    printf("\nwithin one add+enable phase, us: the first %d and the last %d add+enable (floor = the floor\n"
           "batches around them), and %d floor writes alone right before the phase and right after it\n",
           EDGE, EDGE, EDGE);
    printf("%6s %9s %9s %10s %10s %10s %11s %12s %11s %12s\n", "N", "first", "last", "last/first", "first-flr",
           "last-flr", "normalised", "floor-before", "floor-after", "after/before");
    for (s = 0; s < nsizes; s++)
        printf("%6lu %9.2f %9.2f %10.2f %10.2f %10.2f %11.2f %12.2f %11.2f %12.2f\n", results[s].n, results[s].first,
               results[s].last, results[s].last / results[s].first, results[s].first_floor, results[s].last_floor,
               results[s].edge_norm, results[s].before, results[s].after, results[s].after / results[s].before);

    lo = hi = &results[0];
    for (s = 1; s < nsizes; s++)
    {
        if (results[s].n < lo->n)
            lo = &results[s];
        if (results[s].n > hi->n)
            hi = &results[s];
    }
    printf("\ngoals\n");
    if (hi->n != lo->n)
        for (s = 0; s < (int)ARRAYSIZE(goal_ops); s++)
        {
            enum phase g = goal_ops[s];
            double scale = hi->op[g] / lo->op[g];

            double norm = hi->ratio[g] / lo->ratio[g];

            printf("  %-10s per-op cost at %lu / at %lu = %5.2f  (goal <= 1.5)  %s   [floor-normalised: %.2f %s]\n",
                   phase_names[g], hi->n, lo->n, scale, verdict(scale, 1.5), norm, verdict(norm, 1.5));
        }
    if (hi->n >= 2 * EDGE)
    {
        double edge = hi->last / hi->first;

        printf("  add+enable last %d / first %d at N=%lu = %5.2f  (goal <= 1.5)  %s   [floor-normalised: %.2f %s]\n",
               EDGE, EDGE, hi->n, edge, verdict(edge, 1.5), hi->edge_norm, verdict(hi->edge_norm, 1.5));
    }
    for (s = 0; s < nsizes; s++)
        printf("  add+enable / floor write at N=%-5lu = %5.2f  (goal <= 3)    %s\n", results[s].n,
               results[s].ratio[PH_ADD], verdict(results[s].ratio[PH_ADD], 3.0));
    if (check_failed)
        printf("\nsome checks FAILED (see above): the figures may not mean what they say\n");
    fflush(stdout);

    INetConnection_Release(conn);
    INetSharingManager_Release(mgr);
    CoUninitialize();
    return check_failed ? 3 : 0;
}
