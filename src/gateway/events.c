/*
 * NAT events (INATEventManager): the callbacks an application put, fired when the gateway's
 * external address or its number of mappings changes. A job of the engine thread polls the
 * gateway every HNETCFG_UPNP_EVENT_MS (10 s by default) while any callback is set (through any
 * protocol: on a PCP or NAT-PMP gateway the number is that of the mappings this prefix
 * created there).
 *
 * A callback is called on the thread that put it when that thread is a single-threaded
 * apartment (as COM requires for its objects): through a message-only window of that thread,
 * so the thread must pump messages, as every STA does. Callbacks put from the multithreaded
 * apartment are called from the background thread. No lock is held during a callback, so a
 * callback may call back into the DLL.
 *
 * As documented, a callback object is asked for INATExternalIPAddressCallback (or
 * INATNumberOfEntriesCallback) first and for IDispatch second; through IDispatch, DISPID 0 is
 * invoked with a string that names the reason ("NewExternalIPAddress", "NewNumberOfEntries")
 * and then the new value.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "base.h"
#include "natupnplib.h"
#include "gateway/engine.h"
#include "gateway/text.h"
#include "gateway/events.h"

#define WM_OHN_EVENT (WM_APP + 0x4e)
#define MAX_THREADS 64

struct subscription
{
    IUnknown *callback; /* the callback interface, or IDispatch */
    BOOL dispatch;
    HWND window;        /* the STA thread's window; NULL: called from the background thread */
    LONG generation;    /* changes with every put: a posted event of an older one is dropped */
};

struct ohn_events
{
    LONG refs;
    struct ohn_events *next;
    struct subscription sub[2];
    BOOL known[2];
    uint32_t last_ip;
    long last_count;
};

/* One event on its way to a window. */
struct delivery
{
    struct ohn_events *events;
    int kind;
    LONG generation;
    uint32_t ip;
    long count;
};

static SRWLOCK lock = SRWLOCK_INIT;
static struct ohn_events *all;
/* Guarded by lock, with the list: whether the job is registered, and when it polls next. */
static BOOL job_registered;
static uint64_t next_poll;
static struct
{
    DWORD thread;
    HWND window;
} windows[MAX_THREADS];
static ATOM window_class;

static const IID *const callback_iids[2] = {&IID_INATExternalIPAddressCallback, &IID_INATNumberOfEntriesCallback};
static const WCHAR *const reasons[2] = {L"NewExternalIPAddress", L"NewNumberOfEntries"};

static struct ohn_engine_job events_job;

HRESULT ohn_events_create(struct ohn_events **out)
{
    struct ohn_events *ev = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, sizeof(*ev));
    BOOL first;

    if (!(*out = ev))
        return E_OUTOFMEMORY;
    ev->refs = 1;
    AcquireSRWLockExclusive(&lock);
    ev->next = all;
    all = ev;
    first = !job_registered;
    job_registered = TRUE;
    ReleaseSRWLockExclusive(&lock);
    if (first)
        ohn_engine_register_job(&events_job);
    return S_OK;
}

void ohn_events_addref(struct ohn_events *ev)
{
    InterlockedIncrement(&ev->refs);
}

static void events_destroy(struct ohn_events *ev)
{
    int k;

    for (k = 0; k < 2; k++)
        if (ev->sub[k].callback)
            IUnknown_Release(ev->sub[k].callback);
    HeapFree(GetProcessHeap(), 0, ev);
}

/* The last reference: out of the list, callbacks released (without the lock). */
void ohn_events_release(struct ohn_events *ev)
{
    struct ohn_events **p;

    AcquireSRWLockExclusive(&lock);
    if (InterlockedDecrement(&ev->refs))
    {
        ReleaseSRWLockExclusive(&lock);
        return;
    }
    for (p = &all; *p; p = &(*p)->next)
        if (*p == ev)
        {
            *p = ev->next;
            break;
        }
    ReleaseSRWLockExclusive(&lock);
    events_destroy(ev);
}

static void fire(struct ohn_events *ev, int kind, LONG generation, uint32_t ip, long count);

static LRESULT CALLBACK window_proc(HWND hwnd, UINT msg, WPARAM wparam, LPARAM lparam)
{
    struct delivery *d;

    if (msg != WM_OHN_EVENT)
        return DefWindowProcW(hwnd, msg, wparam, lparam);
    d = (struct delivery *)lparam;
    fire(d->events, d->kind, d->generation, d->ip, d->count);
    ohn_events_release(d->events);
    HeapFree(GetProcessHeap(), 0, d);
    return 0;
}

/* The message-only window of the calling thread, made on first use. */
static HWND thread_window(void)
{
    DWORD me = GetCurrentThreadId();
    HWND hwnd = NULL;
    unsigned i, slot = MAX_THREADS;
    WNDCLASSW wc;

    AcquireSRWLockExclusive(&lock);
    for (i = 0; i < MAX_THREADS; i++)
    {
        if (windows[i].thread == me && IsWindow(windows[i].window))
            hwnd = windows[i].window;
        else if (slot == MAX_THREADS && (!windows[i].thread || !IsWindow(windows[i].window)))
            slot = i;
    }
    if (!hwnd && !window_class)
    {
        memset(&wc, 0, sizeof(wc));
        wc.lpfnWndProc = window_proc;
        wc.hInstance = ohn_instance;
        wc.lpszClassName = L"open-hnetcfg NAT events";
        window_class = RegisterClassW(&wc);
    }
    if (!hwnd && window_class && slot < MAX_THREADS &&
        (hwnd = CreateWindowExW(0, L"open-hnetcfg NAT events", NULL, 0, 0, 0, 0, 0, HWND_MESSAGE, NULL, ohn_instance,
                                NULL)))
    {
        windows[slot].thread = me;
        windows[slot].window = hwnd;
    }
    ReleaseSRWLockExclusive(&lock);
    return hwnd;
}

static BOOL in_sta(void)
{
    APTTYPEQUALIFIER qualifier;
    APTTYPE type;

    return SUCCEEDED(CoGetApartmentType(&type, &qualifier)) && (type == APTTYPE_STA || type == APTTYPE_MAINSTA);
}

HRESULT ohn_events_set(struct ohn_events *ev, int kind, IUnknown *callback)
{
    struct subscription sub = {NULL, FALSE, NULL, 0}, old;
    HRESULT hr;

    if (callback)
    {
        if (FAILED(hr = IUnknown_QueryInterface(callback, callback_iids[kind], (void **)&sub.callback)) ||
            !sub.callback)
        {
            sub.callback = NULL;
            if (FAILED(hr = IUnknown_QueryInterface(callback, &IID_IDispatch, (void **)&sub.callback)) ||
                !sub.callback)
                return E_FAIL; /* neither: documented */
            sub.dispatch = TRUE;
        }
        if (in_sta() && !(sub.window = thread_window()))
        {
            IUnknown_Release(sub.callback);
            return E_OUTOFMEMORY;
        }
    }
    AcquireSRWLockExclusive(&lock);
    old = ev->sub[kind];
    sub.generation = old.generation + 1;
    ev->sub[kind] = sub;
    ReleaseSRWLockExclusive(&lock);
    if (old.callback)
        IUnknown_Release(old.callback);
    if (callback)
        ohn_engine_wake();
    return S_OK;
}

static BOOL events_any(void)
{
    struct ohn_events *ev;
    BOOL any = FALSE;

    AcquireSRWLockShared(&lock);
    for (ev = all; ev && !any; ev = ev->next)
        any = ev->sub[0].callback || ev->sub[1].callback;
    ReleaseSRWLockShared(&lock);
    return any;
}

/* Calls the callback of kind, if it is still the one of that generation. */
static void fire(struct ohn_events *ev, int kind, LONG generation, uint32_t ip, long count)
{
    DISPPARAMS params = {NULL, NULL, 2, 0};
    VARIANT args[2], result;
    IUnknown *callback;
    BOOL dispatch;
    char text[16];
    BSTR address = NULL;
    HRESULT hr;

    AcquireSRWLockShared(&lock);
    if ((callback = ev->sub[kind].generation == generation ? ev->sub[kind].callback : NULL))
        IUnknown_AddRef(callback);
    dispatch = ev->sub[kind].dispatch;
    ReleaseSRWLockShared(&lock);
    if (!callback)
        return;
    if (!kind)
    {
        if (ip)
            ohn_ipv4_format(ip, text);
        else
            text[0] = 0;
        address = ohn_bstr_from_utf8(text);
    }
    if (!dispatch)
        hr = kind ? INATNumberOfEntriesCallback_NewNumberOfEntries((INATNumberOfEntriesCallback *)callback, count)
                  : INATExternalIPAddressCallback_NewExternalIPAddress((INATExternalIPAddressCallback *)callback,
                                                                      address);
    else
    {
        /* Arguments right to left: the reason first, then the value. */
        V_VT(&args[1]) = VT_BSTR;
        V_BSTR(&args[1]) = SysAllocString(reasons[kind]);
        if (kind)
        {
            V_VT(&args[0]) = VT_I4;
            V_I4(&args[0]) = count;
        }
        else
        {
            V_VT(&args[0]) = VT_BSTR;
            V_BSTR(&args[0]) = address;
        }
        params.rgvarg = args;
        VariantInit(&result);
        hr = IDispatch_Invoke((IDispatch *)callback, DISPID_VALUE, &IID_NULL, LOCALE_USER_DEFAULT, DISPATCH_METHOD,
                              &params, &result, NULL, NULL);
        VariantClear(&result);
        SysFreeString(V_BSTR(&args[1]));
    }
    TRACE("%ls: %#lx\n", reasons[kind], hr);
    SysFreeString(address);
    IUnknown_Release(callback);
}

/* Fires kind of ev with this value: on its thread's window or from here. */
static void deliver(struct ohn_events *ev, int kind, uint32_t ip, long count)
{
    struct delivery *d;
    LONG generation;
    HWND window;

    AcquireSRWLockShared(&lock);
    window = ev->sub[kind].window;
    generation = ev->sub[kind].generation;
    ReleaseSRWLockShared(&lock);
    if (!window)
    {
        fire(ev, kind, generation, ip, count);
        return;
    }
    if (!(d = HeapAlloc(GetProcessHeap(), 0, sizeof(*d))))
        return;
    ohn_events_addref(ev);
    d->events = ev;
    d->kind = kind;
    d->generation = generation;
    d->ip = ip;
    d->count = count;
    if (!PostMessageW(window, WM_OHN_EVENT, 0, (LPARAM)d))
    {
        ohn_events_release(ev);
        HeapFree(GetProcessHeap(), 0, d);
    }
}

static void poll_all(void)
{
    struct ohn_events *list[64], *ev;
    struct ohn_igd_entry *entries;
    struct ohn_gateway *gw = NULL;
    unsigned n = 0, i, count;
    BOOL want_ip = FALSE, want_count = FALSE, have_ip = FALSE, have_count = FALSE;
    uint32_t ip = 0;

    AcquireSRWLockShared(&lock);
    for (ev = all; ev && n < ARRAY_SIZE(list); ev = ev->next)
        if (ev->sub[0].callback || ev->sub[1].callback)
        {
            want_ip |= !!ev->sub[0].callback;
            want_count |= !!ev->sub[1].callback;
            ohn_events_addref(ev);
            list[n++] = ev;
        }
    ReleaseSRWLockShared(&lock);
    if (!n)
        return;
    if (ohn_engine_gateway(0, &gw) == S_OK)
    {
        if (want_ip && !ohn_gw_external_ip(gw, ohn_engine_deadline(), &ip))
        {
            have_ip = TRUE;
            ohn_engine_set_external_ip(gw, ip);
        }
        if (want_count && !ohn_gw_list(gw, ohn_engine_deadline(), &entries, &count))
        {
            have_count = TRUE;
            free(entries);
        }
    }
    for (i = 0; i < n; i++)
    {
        BOOL ip_changed, count_changed;

        ev = list[i];
        AcquireSRWLockExclusive(&lock);
        /* The first value seen is where changes are counted from. */
        ip_changed = have_ip && ev->sub[0].callback && ev->known[0] && ev->last_ip != ip;
        count_changed = have_count && ev->sub[1].callback && ev->known[1] && ev->last_count != (long)count;
        if (have_ip)
        {
            ev->known[0] = TRUE;
            ev->last_ip = ip;
        }
        if (have_count)
        {
            ev->known[1] = TRUE;
            ev->last_count = (long)count;
        }
        ReleaseSRWLockExclusive(&lock);
        if (ip_changed)
            deliver(ev, 0, ip, 0);
        if (count_changed)
            deliver(ev, 1, 0, (long)count);
        ohn_events_release(ev);
    }
    ohn_gateway_release(gw);
}

/* The job (engine.h): a poll when due, while any callback is set. */
static uint64_t events_due(void)
{
    uint64_t due;

    if (!events_any())
        return UINT64_MAX;
    AcquireSRWLockShared(&lock);
    due = next_poll;
    ReleaseSRWLockShared(&lock);
    return due;
}

static void events_run(void)
{
    poll_all();
    AcquireSRWLockExclusive(&lock);
    next_poll = ohn_now_ms() + ohn_engine_setting(L"HNETCFG_UPNP_EVENT_MS", 10000);
    ReleaseSRWLockExclusive(&lock);
}

static struct ohn_engine_job events_job = {
    .name = "events",
    .due = events_due,
    .run = events_run,
    .active = events_any,
};
