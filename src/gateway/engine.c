/*
 * The gateway engine (engine.h): discovery, the gateway in use, the remembered gateway,
 * renewals and the engine thread with its jobs.
 *
 * Discovery asks every finder of gateway.h (each default gateway on UDP 5351 whether it speaks
 * PCP or NAT-PMP, then SSDP searches from every IPv4 address of the host) and collects
 * candidates for OHN_FIRST_WINDOW_MS; every candidate is described on a thread of its own (a slow
 * or silent one holds up nobody), and the best gateway by ohn_gw_score wins, one whose protocol
 * lists the router's table (UPnP) before one whose does not (PCP, NAT-PMP). A gateway that
 * nothing can beat ends the wait at once. The result is written to the
 * registry (HKLM\Software\open-hnetcfg\UPnP, value Remembered): the next process validates it
 * with one request (in its protocol) and uses it at once, while its own discovery confirms or
 * replaces it.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "base.h"
#include "gateway/engine.h"
#include "gateway/remembered.h"
#include "gateway/threads.h"

#include <iphlpapi.h>

#define REMEMBERED_VALUE L"Remembered"
#define ABSENT_VALUE L"Absent"
#define MAX_LOCAL 8
#define MAX_PROBES 16
#define MAX_FINDERS 4 /* rows of ohn_gw_finders asked (gateway.c has two) */
#define SLICE_MS 50   /* a discovery looks at unwanted() this often */
#define MAX_DYNAMIC 1024

/* A candidate of a discovery, described on a thread of its own (probe_main). */
struct probe
{
    LONG refs;
    const struct ohn_gw_finder *finder;
    struct ohn_gw_candidate candidate;
    volatile LONG done;
    int err;
    struct ohn_igd igd;
};

struct owned_dynamic
{
    struct ohn_gateway *gw;
    struct ohn_igd_entry entry; /* entry.lease: the lease asked for */
    uint64_t renew_at;
};

/* The engine. lock guards every field but the two events and started, which are set once
 * (under the lock) before anything reads them: thread_running, current, external_ip,
 * discovering, next_discovery, users, dynamic[] and dynamic_count, and the job list (jobs, and
 * each job's next). A job's own state is its own (events.c, pcp.c). */
static struct
{
    SRWLOCK lock;
    BOOL started;
    HANDLE decided;   /* manual reset: the first discovery of the process has decided */
    HANDLE wake;      /* auto reset: the background thread has something to do */
    HANDLE passed;    /* auto reset: the background thread has ended a pass */
    BOOL thread_running;
    unsigned idle_passes; /* passes of the thread that saw no user */
    BOOL settling;        /* the last user has gone, and its release waits (settle) */
    volatile LONG abandon; /* set while settling: a discovery and its candidates give up */
    struct ohn_gateway *current;
    uint32_t external_ip;
    BOOL discovering;
    uint64_t next_discovery;
    unsigned misses; /* discoveries in a row that found no gateway */
    LONG users;
    struct owned_dynamic dynamic[MAX_DYNAMIC];
    unsigned dynamic_count;
    struct ohn_engine_job *jobs;
} engine; /* all zero: SRWLOCK_INIT is zero */

DWORD ohn_engine_setting(const WCHAR *name, DWORD fallback)
{
    WCHAR value[32];
    DWORD len = GetEnvironmentVariableW(name, value, ARRAY_SIZE(value));
    long v;

    if (!len || len >= ARRAY_SIZE(value))
        return fallback;
    v = wcstol(value, NULL, 10);
    return v >= 100 ? (DWORD)v : fallback;
}

uint64_t ohn_engine_deadline(void)
{
    return ohn_now_ms() + OHN_CALL_BOUND_MS;
}

/* The host's IPv4 addresses that are up, not loopback; with the prefix length of each. */
static unsigned local_addresses(uint32_t *ips, unsigned *prefixes, unsigned max)
{
    const ULONG flags = GAA_FLAG_SKIP_ANYCAST | GAA_FLAG_SKIP_MULTICAST | GAA_FLAG_SKIP_DNS_SERVER;
    IP_ADAPTER_ADDRESSES *list = NULL, *a;
    IP_ADAPTER_UNICAST_ADDRESS *u;
    ULONG size = 16384;
    unsigned n = 0;
    int tries;

    for (tries = 0; tries < 3; tries++)
    {
        if (!(list = HeapAlloc(GetProcessHeap(), 0, size)))
            return 0;
        if (GetAdaptersAddresses(AF_INET, flags, NULL, list, &size) == ERROR_SUCCESS)
            break;
        HeapFree(GetProcessHeap(), 0, list);
        list = NULL;
    }
    for (a = list; a && n < max; a = a->Next)
    {
        if (a->IfType == IF_TYPE_SOFTWARE_LOOPBACK || a->OperStatus != IfOperStatusUp)
            continue;
        for (u = a->FirstUnicastAddress; u && n < max; u = u->Next)
        {
            const struct sockaddr_in *sin = (const struct sockaddr_in *)u->Address.lpSockaddr;

            if (sin->sin_family != AF_INET)
                continue;
            ips[n] = ntohl(sin->sin_addr.s_addr);
            prefixes[n] = u->OnLinkPrefixLength;
            n++;
        }
    }
    HeapFree(GetProcessHeap(), 0, list);
    return n;
}

static struct ohn_gateway *gateway_new(const struct ohn_igd *igd)
{
    uint32_t ips[MAX_LOCAL];
    unsigned prefixes[MAX_LOCAL], n, i;
    struct ohn_gateway *gw = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, sizeof(*gw));

    if (!gw)
        return NULL;
    gw->refs = 1;
    gw->igd = *igd;
    gw->protocol = ohn_gw_protocol_of(igd);
    gw->backend = ohn_gw_backend_of(gw->protocol);
    gw->lan_prefix = 24;
    n = local_addresses(ips, prefixes, MAX_LOCAL);
    for (i = 0; i < n; i++)
        if (ips[i] == igd->lan_ip)
            gw->lan_prefix = prefixes[i];
    return gw;
}

/* The remembered gateway of the prefix, or its absence (NULL): the next process validates the
 * one remembered with one request and uses it at once; with none remembered, it has nothing to
 * validate and waits for its own discovery, as it must never answer "no gateway" when there
 * is one. */
/* The remembered gateway is read by both architectures: its bytes must mean the same to both. */
_Static_assert(offsetof(struct ohn_igd, responder) == 2 * OHN_URL_MAX + OHN_ST_MAX &&
                   offsetof(struct ohn_igd, score) == 2 * OHN_URL_MAX + OHN_ST_MAX + 20 &&
                   sizeof(struct ohn_igd) == 2 * OHN_URL_MAX + OHN_ST_MAX + 24,
               "the remembered gateway's layout must not depend on the architecture");

static void remember(const struct ohn_igd *igd)
{
    BYTE buf[OHN_REMEMBERED_SIZE];
    DWORD one = 1;
    HKEY key;

    if (RegCreateKeyExW(HKEY_LOCAL_MACHINE, OHN_UPNP_KEY, 0, NULL, 0, KEY_SET_VALUE | KEY_WOW64_64KEY, NULL, &key, NULL))
        return;
    if (igd)
    {
        RegSetValueExW(key, REMEMBERED_VALUE, 0, REG_BINARY, buf, (DWORD)ohn_remembered_encode(igd, buf, sizeof(buf)));
        RegDeleteValueW(key, ABSENT_VALUE);
    }
    else
    {
        RegDeleteValueW(key, REMEMBERED_VALUE);
        RegSetValueExW(key, ABSENT_VALUE, 0, REG_DWORD, (const BYTE *)&one, sizeof(one));
    }
    RegCloseKey(key);
}

static BOOL recall(struct ohn_igd *igd)
{
    BYTE buf[OHN_REMEMBERED_SIZE];
    DWORD size = sizeof(buf), type;

    if (RegGetValueW(HKEY_LOCAL_MACHINE, OHN_UPNP_KEY, REMEMBERED_VALUE, RRF_RT_REG_BINARY | RRF_SUBKEY_WOW6464KEY, &type,
                     buf, &size) ||
        ohn_remembered_decode(buf, size, igd))
        return FALSE;
    /* Only what discovery itself would accept. */
    return ohn_gw_backend_of(ohn_gw_protocol_of(igd))->plausible(igd);
}

/* How good a gateway is: by its score, and any whose protocol lists the router's table (UPnP)
 * before any whose does not (PCP, NAT-PMP). RANK_BEST: nothing can beat it. */
#define RANK_LISTS 1000
#define RANK_BEST (OHN_GW_SCORE_BEST + RANK_LISTS)
static int rank_of(const struct ohn_igd *igd)
{
    return igd->score + (ohn_gw_backend_of(ohn_gw_protocol_of(igd))->lists_table ? RANK_LISTS : 0);
}

/* Makes igd the gateway in use: always with force (what a whole discovery chose), otherwise
 * when it is better than the current one or is the current one seen again. */
static void publish(const struct ohn_igd *igd, BOOL force)
{
    struct ohn_gateway *gw = gateway_new(igd), *old = NULL, *published = NULL;
    unsigned i;

    if (!gw)
        return;
    AcquireSRWLockExclusive(&engine.lock);
    if (force || !engine.current || rank_of(igd) > rank_of(&engine.current->igd) ||
        !strcmp(igd->location, engine.current->igd.location))
    {
        old = engine.current;
        engine.current = gw;
        engine.external_ip = igd->facts.external_ip;
        ohn_gateway_addref(published = gw);
        gw = NULL;
        TRACE("gateway %s (%s, score %d)\n", igd->location, igd->service_type, igd->score);
    }
    ReleaseSRWLockExclusive(&engine.lock);
    if (published)
    {
        for (i = 0; i < ohn_gw_finder_count; i++)
            if (ohn_gw_finders[i]->published)
                ohn_gw_finders[i]->published(published);
        ohn_gateway_release(published);
    }
    SetEvent(engine.decided);
    ohn_gateway_release(old);
    ohn_gateway_release(gw);
}

/* Whether the gateway in use is another one than igd, and better. */
static BOOL current_beats(const struct ohn_igd *igd)
{
    BOOL beats;

    AcquireSRWLockShared(&engine.lock);
    beats = engine.current && strcmp(engine.current->igd.location, igd->location) &&
            rank_of(&engine.current->igd) > rank_of(igd);
    ReleaseSRWLockShared(&engine.lock);
    return beats;
}

static void probe_release(struct probe *p)
{
    if (!InterlockedDecrement(&p->refs))
        HeapFree(GetProcessHeap(), 0, p);
}

static DWORD probe_main(void *arg)
{
    struct probe *p = arg;

    p->err = p->finder->describe(&p->candidate, &p->igd);
    if (!p->err && rank_of(&p->igd) == RANK_BEST)
    {
        /* Nothing can beat it: do not wait for the window to end, and remember it now (the
         * process may well be gone before the window ends). Remembered before it is published:
         * a caller that gets it may exit at once, and this thread with it. */
        remember(&p->igd);
        publish(&p->igd, FALSE);
    }
    InterlockedExchange(&p->done, 1);
    SetEvent(engine.wake);
    probe_release(p);
    return 0;
}

/* The remembered gateway, checked with one request: used at once when it answers. */
static DWORD validate_main(void *arg)
{
    struct ohn_igd *igd = arg;
    struct ohn_gateway *gw = gateway_new(igd);
    uint32_t ip;

    TRACE("validating %s\n", igd->location);
    if (gw && !ohn_gw_ping(gw, ohn_now_ms() + OHN_FIRST_WINDOW_MS, &ip))
    {
        igd->facts.external_ip = ip;
        igd->score = ohn_gw_score(&igd->facts);
        publish(igd, FALSE);
    }
    ohn_gateway_release(gw);
    HeapFree(GetProcessHeap(), 0, igd);
    return 0;
}

/* Whether the gateway in use still answers (after a discovery that did not see it). */
static BOOL current_answers(void)
{
    struct ohn_gateway *gw = NULL;
    uint32_t ip;
    BOOL ok = FALSE;

    AcquireSRWLockShared(&engine.lock);
    if ((gw = engine.current))
        ohn_gateway_addref(gw);
    ReleaseSRWLockShared(&engine.lock);
    if (!gw)
        return FALSE;
    if (!ohn_gw_ping(gw, ohn_now_ms() + OHN_PROBE_MS, &ip))
    {
        ok = TRUE;
        AcquireSRWLockExclusive(&engine.lock);
        if (engine.current == gw)
            engine.external_ip = ip;
        ReleaseSRWLockExclusive(&engine.lock);
    }
    ohn_gateway_release(gw);
    return ok;
}

static uint64_t min_u64(uint64_t a, uint64_t b)
{
    return a < b ? a : b;
}

/* Whether the rest of a discovery is wanted: not once the last user has gone (settle) while
 * the process already has its answer (the rest only looks for a better gateway, and the
 * release is waiting for this thread). Then engine.abandon tells the candidates' descriptions
 * to give up too. */
static BOOL abandoned(void)
{
    BOOL settling;

    if (engine.abandon)
        return TRUE;
    AcquireSRWLockShared(&engine.lock);
    settling = engine.settling;
    ReleaseSRWLockShared(&engine.lock);
    if (!settling || WaitForSingleObject(engine.decided, 0) != WAIT_OBJECT_0)
        return FALSE;
    InterlockedExchange(&engine.abandon, 1);
    return TRUE;
}

static DWORD discovery_main(void *arg)
{
    uint32_t ips[MAX_LOCAL];
    unsigned prefixes[MAX_LOCAL], n, i, f, probes = 0;
    struct probe *probe[MAX_PROBES];
    void *search[MAX_FINDERS] = {NULL};
    struct ohn_gw_candidate candidate;
    struct ohn_igd *best = NULL;
    uint64_t start = ohn_now_ms(), window_end, last_deadline, interval;
    BOOL found = FALSE, started[MAX_FINDERS] = {FALSE};

    n = local_addresses(ips, prefixes, MAX_LOCAL);
    for (f = 0; n && f < ohn_gw_finder_count && f < ARRAY_SIZE(search); f++)
        started[f] = !ohn_gw_finders[f]->start(ips, prefixes, n, &search[f]);
    /* The window opens once the adapters and routes are known: however long asking for them
     * took (a wineserver that is starting, say), the gateways get the whole window to answer. */
    window_end = ohn_now_ms() + OHN_FIRST_WINDOW_MS;
    last_deadline = window_end;
    for (f = 0; f < ohn_gw_finder_count && f < ARRAY_SIZE(search); f++)
    {
        const struct ohn_gw_finder *finder = ohn_gw_finders[f];

        if (!started[f])
            continue;
        for (;;)
        {
            struct probe *p;
            int got = finder->next(search[f], min_u64(window_end, ohn_now_ms() + SLICE_MS), &candidate);

            if (got != 1)
            {
                if (got < 0 || ohn_now_ms() >= window_end || abandoned())
                    break;
                continue;
            }

            if (probes == MAX_PROBES || !(p = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, sizeof(*p))))
                continue;
            p->refs = 2;
            p->finder = finder;
            p->candidate = candidate;
            p->candidate.abandon = &engine.abandon;
            /* Asked within the window: done before it ends, so that it is counted without
             * waiting longer. */
            p->candidate.deadline = finder->within_window ? window_end - 25 : ohn_now_ms() + OHN_PROBE_MS;
            if (p->candidate.deadline > last_deadline)
                last_deadline = p->candidate.deadline;
            if (!ohn_thread_start(probe_main, p))
            {
                HeapFree(GetProcessHeap(), 0, p);
                continue;
            }
            probe[probes++] = p;
        }
        finder->stop(search[f]);
    }
    /* Every candidate described (or given up on): the best one wins (rank_of). */
    for (i = 0; i < probes; i++)
    {
        while (!probe[i]->done && ohn_now_ms() < last_deadline && !abandoned())
            Sleep(5);
        if (probe[i]->done && !probe[i]->err && (!best || rank_of(&probe[i]->igd) > rank_of(best)))
            best = &probe[i]->igd;
    }
    if (abandoned())
    {
        /* Cut short: what was seen may still make the gateway better, but nothing is concluded
         * from what was not (no request either: the release is waiting). */
        found = TRUE;
        if (best)
            publish(best, FALSE);
    }
    else if (best)
    {
        found = TRUE;
        /* A better gateway seen before (remembered, or by an earlier discovery) that this one
         * missed stays while it answers. */
        if (!current_beats(best) || !current_answers())
        {
            remember(best); /* first, as above */
            publish(best, TRUE);
        }
    }
    else if (!current_answers())
    {
        struct ohn_gateway *old;

        AcquireSRWLockExclusive(&engine.lock);
        old = engine.current;
        engine.current = NULL;
        ReleaseSRWLockExclusive(&engine.lock);
        ohn_gateway_release(old);
        remember(NULL);
        TRACE("no gateway (%u devices answered)\n", probes);
    }
    else
        found = TRUE;
    for (i = 0; i < probes; i++)
        probe_release(probe[i]);
    SetEvent(engine.decided);

    AcquireSRWLockExclusive(&engine.lock);
    engine.discovering = FALSE;
    /* Keep looking: now and then once one is known; while there is none, soon after a miss (1,
     * 2, 4 ... s, at most the setting's period), so that an answer lost once (a router busy or
     * restarting, a packet dropped) costs a caller that polls seconds, not the whole period. */
    interval = ohn_engine_setting(L"HNETCFG_UPNP_PROBE_MS", 30000);
    if (found)
    {
        engine.misses = 0;
        interval *= 10;
    }
    else
    {
        uint64_t soon = (uint64_t)1000 << (engine.misses < 16 ? engine.misses++ : 16);

        if (soon < interval)
            interval = soon;
    }
    engine.next_discovery = ohn_now_ms() + interval;
    ReleaseSRWLockExclusive(&engine.lock);
    SetEvent(engine.wake);
    TRACE("discovery took %llu ms\n", (unsigned long long)(ohn_now_ms() - start));
    return 0;
}

/* Starts a discovery unless one runs; with the engine lock held. */
static void start_discovery_locked(void)
{
    if (engine.discovering)
        return;
    engine.discovering = TRUE;
    if (!ohn_thread_start(discovery_main, NULL))
        engine.discovering = FALSE;
}

static uint64_t retry_ms(long lease)
{
    uint64_t half = lease > 0 ? (uint64_t)lease * 1000 / 2 : 30000;

    return half < 1000 ? 1000 : half > 30000 ? 30000 : half;
}

static void renew_due(void)
{
    struct owned_dynamic due[16];
    unsigned i, n = 0;
    uint64_t now = ohn_now_ms();
    long granted;
    int err;

    AcquireSRWLockExclusive(&engine.lock);
    for (i = 0; i < engine.dynamic_count && n < ARRAY_SIZE(due); i++)
        if (engine.dynamic[i].renew_at <= now)
        {
            due[n] = engine.dynamic[i];
            ohn_gateway_addref(due[n].gw);
            n++;
            /* When this attempt fails (the gateway restarting, say), the next one comes within
             * the same period: half the lease, at most 30 s. */
            engine.dynamic[i].renew_at = now + retry_ms(engine.dynamic[i].entry.lease);
        }
    ReleaseSRWLockExclusive(&engine.lock);
    for (i = 0; i < n; i++)
    {
        /* Adding again renews it, and re-creates it when the gateway forgot it. */
        err = ohn_gw_add(due[i].gw, ohn_engine_deadline(), &due[i].entry, &granted);
        TRACE("renewed %s %u: %d (lease %ld)\n", ohn_igd_protocol_name(due[i].entry.protocol),
              due[i].entry.external_port, err, granted);
        if (!err)
        {
            AcquireSRWLockExclusive(&engine.lock);
            for (unsigned j = 0; j < engine.dynamic_count; j++)
                if (engine.dynamic[j].gw == due[i].gw &&
                    engine.dynamic[j].entry.protocol == due[i].entry.protocol &&
                    engine.dynamic[j].entry.external_port == due[i].entry.external_port &&
                    !strcmp(engine.dynamic[j].entry.remote_host, due[i].entry.remote_host))
                    engine.dynamic[j].renew_at =
                        granted ? ohn_lease_renew_at(ohn_now_ms(), granted) : ohn_now_ms() + 3600000;
            ReleaseSRWLockExclusive(&engine.lock);
        }
        ohn_gateway_release(due[i].gw);
    }
}

static uint64_t next_renewal(void)
{
    uint64_t next = UINT64_MAX;
    unsigned i;

    AcquireSRWLockShared(&engine.lock);
    for (i = 0; i < engine.dynamic_count; i++)
        if (engine.dynamic[i].renew_at < next)
            next = engine.dynamic[i].renew_at;
    ReleaseSRWLockShared(&engine.lock);
    return next;
}

static BOOL renewals_active(void)
{
    BOOL active;

    AcquireSRWLockShared(&engine.lock);
    active = engine.dynamic_count > 0;
    ReleaseSRWLockShared(&engine.lock);
    return active;
}

/* The engine's own job: the dynamic mappings of this process. */
static struct ohn_engine_job renewals_job = {
    .name = "renewals",
    .due = next_renewal,
    .run = renew_due,
    .active = renewals_active,
};

void ohn_engine_register_job(struct ohn_engine_job *job)
{
    AcquireSRWLockExclusive(&engine.lock);
    job->next = engine.jobs;
    engine.jobs = job;
    if (engine.thread_running && job->start)
        job->start();
    ReleaseSRWLockExclusive(&engine.lock);
}

/* With the lock held: each job's start or stop hook. */
static void jobs_hook_locked(BOOL start)
{
    struct ohn_engine_job *job;

    for (job = engine.jobs; job; job = job->next)
    {
        void (*hook)(void) = start ? job->start : job->stop;

        if (hook)
            hook();
    }
}

/* The registered jobs, for a pass of the thread (the list only grows, and jobs stay valid). */
static struct ohn_engine_job *jobs_snapshot(void)
{
    struct ohn_engine_job *jobs;

    AcquireSRWLockShared(&engine.lock);
    jobs = engine.jobs;
    ReleaseSRWLockShared(&engine.lock);
    return jobs;
}

static DWORD engine_main(void *arg)
{
    struct ohn_engine_job *job;
    uint64_t now, next, due;
    BOOL active;

    for (;;)
    {
        /* Every job that is due, then the time of the next one. */
        next = UINT64_MAX;
        active = FALSE;
        for (job = jobs_snapshot(); job; job = job->next)
        {
            if (job->due() <= ohn_now_ms())
                job->run();
            if ((due = job->due()) < next)
                next = due;
            if (job->active)
                active |= job->active();
        }
        AcquireSRWLockExclusive(&engine.lock);
        now = ohn_now_ms();
        if (!engine.users)
            engine.idle_passes++;
        if (!engine.users && !active)
        {
            /* Nothing needs the engine: let the DLL unload. A later use starts it again. */
            engine.thread_running = FALSE;
            jobs_hook_locked(FALSE);
            TRACE("engine thread ends\n");
            ReleaseSRWLockExclusive(&engine.lock);
            SetEvent(engine.passed);
            return 0;
        }
        if (now >= engine.next_discovery)
            start_discovery_locked();
        if (!engine.discovering && engine.next_discovery < next)
            next = engine.next_discovery;
        ReleaseSRWLockExclusive(&engine.lock);
        SetEvent(engine.passed);
        now = ohn_now_ms();
        WaitForSingleObject(engine.wake, next <= now ? 0 : next - now > 60000 ? 60000 : (DWORD)(next - now));
    }
}

/* With the lock held: the background thread runs when something needs it. */
static void ensure_thread_locked(void)
{
    if (engine.thread_running)
    {
        SetEvent(engine.wake);
        return;
    }
    if ((engine.thread_running = ohn_thread_start(engine_main, NULL)))
        jobs_hook_locked(TRUE);
}

static BOOL start_engine(void)
{
    struct ohn_igd *remembered;
    WSADATA wsa;
    BOOL first = FALSE;

    if (engine.started)
        return TRUE;
    TRACE("starting\n");
    AcquireSRWLockExclusive(&engine.lock);
    if (!engine.started)
    {
        if (!engine.decided)
            engine.decided = CreateEventW(NULL, TRUE, FALSE, NULL);
        if (!engine.wake)
            engine.wake = CreateEventW(NULL, FALSE, FALSE, NULL);
        if (!engine.passed)
            engine.passed = CreateEventW(NULL, FALSE, FALSE, NULL);
        if (engine.decided && engine.wake && engine.passed && !WSAStartup(MAKEWORD(2, 2), &wsa))
        {
            engine.started = TRUE;
            first = TRUE;
            renewals_job.next = engine.jobs;
            engine.jobs = &renewals_job;
            start_discovery_locked();
        }
    }
    ReleaseSRWLockExclusive(&engine.lock);
    if (first && (remembered = HeapAlloc(GetProcessHeap(), 0, sizeof(*remembered))))
    {
        if (!recall(remembered) || !ohn_thread_start(validate_main, remembered))
            HeapFree(GetProcessHeap(), 0, remembered);
    }
    return engine.started;
}

HRESULT ohn_engine_gateway(uint64_t deadline, struct ohn_gateway **out)
{
    uint64_t now = ohn_now_ms();

    *out = NULL;
    if (!start_engine())
        return E_UNEXPECTED;
    if (WaitForSingleObject(engine.decided, 0) == WAIT_TIMEOUT && deadline > now)
        WaitForSingleObject(engine.decided, (DWORD)(deadline - now));
    AcquireSRWLockShared(&engine.lock);
    if ((*out = engine.current))
        ohn_gateway_addref(*out);
    ReleaseSRWLockShared(&engine.lock);
    return *out ? S_OK : S_FALSE;
}

uint32_t ohn_engine_external_ip(const struct ohn_gateway *gw)
{
    uint32_t ip;

    AcquireSRWLockShared(&engine.lock);
    ip = engine.current == gw ? engine.external_ip : gw->igd.facts.external_ip;
    ReleaseSRWLockShared(&engine.lock);
    return ip;
}

void ohn_engine_set_external_ip(const struct ohn_gateway *gw, uint32_t ip)
{
    AcquireSRWLockExclusive(&engine.lock);
    if (engine.current == gw)
        engine.external_ip = ip;
    ReleaseSRWLockExclusive(&engine.lock);
}

/* The last user gone: once the thread has seen it, and ended (no job needs it), the other
 * background threads get OHN_SETTLE_MS in all to end too (threads.c says why). Meanwhile a
 * discovery whose answer the process has already ends its window early (unwanted). */
static void settle(unsigned idle_passes)
{
    uint64_t deadline = ohn_now_ms() + OHN_SETTLE_MS, now;
    BOOL running = TRUE, seen = FALSE;

    AcquireSRWLockExclusive(&engine.lock);
    engine.settling = !engine.users;
    ReleaseSRWLockExclusive(&engine.lock);
    while (!seen && (now = ohn_now_ms()) < deadline)
    {
        AcquireSRWLockShared(&engine.lock);
        running = engine.thread_running;
        seen = !running || engine.idle_passes != idle_passes || engine.users;
        ReleaseSRWLockShared(&engine.lock);
        if (!seen)
            WaitForSingleObject(engine.passed, (DWORD)(deadline - now));
    }
    AcquireSRWLockShared(&engine.lock);
    running = engine.thread_running || engine.users;
    ReleaseSRWLockShared(&engine.lock);
    if (!running && (now = ohn_now_ms()) < deadline)
        ohn_threads_settle((DWORD)(deadline - now));
    AcquireSRWLockExclusive(&engine.lock);
    engine.settling = FALSE;
    InterlockedExchange(&engine.abandon, 0);
    ReleaseSRWLockExclusive(&engine.lock);
}

void ohn_engine_use(BOOL in)
{
    unsigned idle_passes;
    BOOL last;

    if (!start_engine())
        return;
    AcquireSRWLockExclusive(&engine.lock);
    engine.users += in ? 1 : -1;
    last = !engine.users;
    if (!last)
    {
        engine.settling = FALSE;
        InterlockedExchange(&engine.abandon, 0);
    }
    idle_passes = engine.idle_passes;
    /* To start, or (when it runs) to notice that it may stop: none is started to stop. */
    if (!last || engine.thread_running)
        ensure_thread_locked();
    ReleaseSRWLockExclusive(&engine.lock);
    if (last)
        settle(idle_passes);
}

static int same_mapping(const struct owned_dynamic *d, const struct ohn_gateway *gw, uint8_t protocol, uint16_t port,
                        const char *remote_host)
{
    return !strcmp(d->gw->igd.location, gw->igd.location) && d->entry.protocol == protocol &&
           d->entry.external_port == port && !strcmp(d->entry.remote_host, remote_host ? remote_host : "");
}

void ohn_engine_own(struct ohn_gateway *gw, const struct ohn_igd_entry *entry, long granted)
{
    struct owned_dynamic *d = NULL;
    unsigned i;

    AcquireSRWLockExclusive(&engine.lock);
    for (i = 0; i < engine.dynamic_count && !d; i++)
        if (same_mapping(&engine.dynamic[i], gw, entry->protocol, entry->external_port, entry->remote_host))
        {
            d = &engine.dynamic[i];
            ohn_gateway_release(d->gw);
        }
    if (!d && engine.dynamic_count < MAX_DYNAMIC)
        d = &engine.dynamic[engine.dynamic_count++];
    if (d)
    {
        ohn_gateway_addref(gw);
        d->gw = gw;
        d->entry = *entry;
        /* A permanent lease is checked hourly: a gateway that restarted re-gets it. */
        d->renew_at = granted ? ohn_lease_renew_at(ohn_now_ms(), granted) : ohn_now_ms() + 3600000;
        ensure_thread_locked();
    }
    ReleaseSRWLockExclusive(&engine.lock);
}

void ohn_engine_disown(struct ohn_gateway *gw, uint8_t protocol, uint16_t port, const char *remote_host)
{
    struct ohn_gateway *release = NULL;
    unsigned i;

    AcquireSRWLockExclusive(&engine.lock);
    for (i = 0; i < engine.dynamic_count; i++)
        if (same_mapping(&engine.dynamic[i], gw, protocol, port, remote_host))
        {
            release = engine.dynamic[i].gw;
            engine.dynamic[i] = engine.dynamic[--engine.dynamic_count];
            break;
        }
    ReleaseSRWLockExclusive(&engine.lock);
    ohn_gateway_release(release);
}

void ohn_engine_nudge(void)
{
    if (!engine.started)
        return;
    AcquireSRWLockShared(&engine.lock);
    if (engine.thread_running)
        SetEvent(engine.wake);
    ReleaseSRWLockShared(&engine.lock);
}

void ohn_engine_wake(void)
{
    if (!start_engine())
        return;
    AcquireSRWLockExclusive(&engine.lock);
    ensure_thread_locked();
    ReleaseSRWLockExclusive(&engine.lock);
}
