/*
 * The gateway engine of the process: which gateway is in use and through which protocol,
 * discovery in the background (SSDP and PCP/NAT-PMP side by side), the gateway remembered for
 * the next process of the prefix, dynamic mappings renewed, and the engine thread that runs
 * the jobs registered with it (renewals, NAT events, the PCP backend's lease checks). The COM
 * objects call it; it calls no COM object.
 *
 * Bounds (README "UPnP"): a process's first call that needs the gateway waits for one discovery
 * (OHN_FIRST_WINDOW_MS of answers, and at most OHN_PROBE_MS more to describe a UPnP device
 * that answered); every other call needs no network or makes its requests within
 * OHN_CALL_BOUND_MS.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef OHN_ENGINE_H
#define OHN_ENGINE_H

#include "gateway/gateway.h"

#ifndef RRF_SUBKEY_WOW6464KEY
#define RRF_SUBKEY_WOW6464KEY 0x00010000
#endif

#define OHN_FIRST_WINDOW_MS 1000
#define OHN_CALL_BOUND_MS 3000
/* The release of the engine's last user waits at most this long for the background threads
 * that are ending (threads.c). */
#define OHN_SETTLE_MS 1000

/* The engine's registry key (HKLM, 64-bit view), shared by both architectures. */
#define OHN_UPNP_KEY L"Software\\open-hnetcfg\\UPnP"

/* The gateway in use: S_OK and a reference, or S_FALSE (and NULL) when there is none. The
 * first call of a process waits until its first discovery has decided, but not beyond deadline;
 * later calls answer at once from what the background discovery knows. */
HRESULT ohn_engine_gateway(uint64_t deadline, struct ohn_gateway **out);
/* The gateway's external address as last seen (discovery, event polling), 0 if unknown. */
uint32_t ohn_engine_external_ip(const struct ohn_gateway *gw);
void ohn_engine_set_external_ip(const struct ohn_gateway *gw, uint32_t ip);
/* Wakes (or starts) the background thread: new work for it. */
void ohn_engine_wake(void);
/* A COM object that needs the engine (UPnPNAT) counts itself in and out: the engine's
 * background thread runs while there are users, dynamic mappings to renew (this process's own,
 * an RTC session's among them), or active jobs (NAT event callbacks); then it ends, and with it
 * what its jobs run beside it, so that DllCanUnloadNow can answer S_OK. The last user's
 * release waits (at most OHN_SETTLE_MS) for the thread, and the threads that are ending, to
 * end: a client that released everything can unload the DLL or exit at once. */
void ohn_engine_use(BOOL in);
/* Deadline of a call's network work. */
uint64_t ohn_engine_deadline(void);
/* Milliseconds settings (README): HNETCFG_UPNP_PROBE_MS, HNETCFG_UPNP_EVENT_MS,
 * HNETCFG_PCP_CHECK_MS. */
DWORD ohn_engine_setting(const WCHAR *name, DWORD fallback);

/* Dynamic mappings this process created: renewed at half their lease until removed, or the
 * process ends; re-created when the gateway forgot them. */
void ohn_engine_own(struct ohn_gateway *gw, const struct ohn_igd_entry *entry, long granted);
void ohn_engine_disown(struct ohn_gateway *gw, uint8_t protocol, uint16_t port, const char *remote_host);

/* A job of the engine thread. The thread calls run when due() (an ohn_now_ms() time, UINT64_MAX
 * for never) has come, without the engine's lock; active() (optional) says whether the job
 * alone keeps the thread running. start and stop (optional) are called, with the engine's lock
 * held, when a thread begins to run the jobs (or the job is registered while one runs) and when
 * it ends because nothing needs it: for what a job runs beside the thread (pcp.c's listener),
 * which must end with it so that the DLL can unload. They must not call the engine. A job is
 * registered once, for the life of the process (the structure must stay valid), from any
 * thread. */
struct ohn_engine_job
{
    const char *name;
    uint64_t (*due)(void);
    void (*run)(void);
    BOOL (*active)(void);
    void (*start)(void);
    void (*stop)(void);
    struct ohn_engine_job *next; /* the engine's */
};
void ohn_engine_register_job(struct ohn_engine_job *job);
/* Wakes the background thread when it runs (a job's plan changed); never starts it. */
void ohn_engine_nudge(void);

#endif
