/*
 * The gateway engine of the process: which gateway is in use, discovery in the background,
 * the gateway remembered for the next process of the prefix, leases renewed, NAT events,
 * and the ICS mappings realised on the gateway. The COM objects (nat.c, static.c, dynamic.c,
 * the sharing objects) call it; it calls no COM object but the applications' callbacks.
 *
 * Bounds (README "UPnP"): a process's first call that needs the gateway waits for one discovery
 * (OHN_FIRST_WINDOW_MS of SSDP answers, and at most OHN_PROBE_MS more to describe a device
 * that answered); every other call needs no network or makes its requests within
 * OHN_CALL_BOUND_MS.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef OHN_ENGINE_H
#define OHN_ENGINE_H

#include "upnp/igd.h"

#ifndef RRF_SUBKEY_WOW6464KEY
#define RRF_SUBKEY_WOW6464KEY 0x00010000
#endif

#define OHN_FIRST_WINDOW_MS 1000
#define OHN_PROBE_MS 1500
#define OHN_CALL_BOUND_MS 3000

/* HRESULTs of gateway operations (README). */
#define OHN_E_PORT_CONFLICT HRESULT_FROM_WIN32(ERROR_ADDRESS_ALREADY_ASSOCIATED) /* UPnP 718 */
#define OHN_E_GATEWAY_TIMEOUT HRESULT_FROM_WIN32(ERROR_TIMEOUT)
#define OHN_E_GATEWAY_UNREACHABLE HRESULT_FROM_WIN32(ERROR_HOST_UNREACHABLE)
#define OHN_E_NO_SUCH_MAPPING HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND)             /* UPnP 714 */
HRESULT ohn_hr_from_igd(int err);

/* Threads (threads.c). */
BOOL ohn_thread_start(DWORD (*fn)(void *arg), void *arg);
LONG ohn_threads_running(void);

/* A gateway in use: immutable, counted. */
struct ohn_gateway
{
    LONG refs;
    struct ohn_igd igd;
    unsigned lan_prefix; /* of igd.lan_ip's network, for "is the target on its LAN" */
    /* What the gateway made of a permanent lease, learned by realize.c from the first mapping
     * it created there (miniupnpd makes it a week), so that later ones need no read-back:
     * permanent_lease is valid once permanent_learned is set (both written once). */
    volatile LONG permanent_lease;
    volatile LONG permanent_learned;
};
void ohn_gateway_addref(struct ohn_gateway *gw);
void ohn_gateway_release(struct ohn_gateway *gw);

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
 * background thread runs while there are users, dynamic mappings to renew, or events. */
void ohn_engine_use(BOOL in);
/* Deadline of a call's network work. */
uint64_t ohn_engine_deadline(void);
/* Milliseconds settings (README): HNETCFG_UPNP_PROBE_MS, HNETCFG_UPNP_EVENT_MS. */
DWORD ohn_engine_setting(const WCHAR *name, DWORD fallback);

/* Dynamic mappings this process created: renewed at half their lease until removed, or the
 * process ends; re-created when the gateway forgot them. */
void ohn_engine_own(struct ohn_gateway *gw, const struct ohn_igd_entry *entry, long granted);
void ohn_engine_disown(struct ohn_gateway *gw, uint8_t protocol, uint16_t port, const char *remote_host);

/* NAT events of one UPnPNAT object (events.c). */
struct ohn_events;
HRESULT ohn_events_create(struct ohn_events **out);
void ohn_events_addref(struct ohn_events *ev);
void ohn_events_release(struct ohn_events *ev);
/* Replaces the callback of a kind (0 external address, 1 number of entries); NULL removes it.
 * E_FAIL when the object has neither the callback interface nor IDispatch. */
HRESULT ohn_events_set(struct ohn_events *ev, int kind, IUnknown *callback);
/* Called by the engine thread: polls what the subscriptions need and fires the callbacks. */
void ohn_events_poll_all(void);
BOOL ohn_events_any(void);

/* Realising the ICS mappings of the publicly shared connection (realize.c). */
/* After a change made through the API: applies it before returning, within OHN_CALL_BOUND_MS
 * (later, in the background, when the gateway is unknown or slow). */
void ohn_realize_after_change(void);
/* The same for a change of one mapping of the public connection (Enable, Disable, Delete,
 * RemovePortMapping): that key alone, one check request and at most one change; a whole pass
 * when an earlier change failed or timed out. */
void ohn_realize_key_after_change(const GUID *connection, uint8_t protocol, uint16_t port);
/* At the first use of the DLL in a process, and periodically: in the background. */
void ohn_realize_background(void);
/* The whole store against the gateway now (hnetmap upnp sync); waits within the bound. */
HRESULT ohn_realize_sync(void);
/* Removes from the gateway every ICS mapping this DLL created (realisation turned off). */
HRESULT ohn_realize_withdraw(void);
BOOL ohn_realize_enabled(void);
HRESULT ohn_realize_set_enabled(BOOL enabled);
/* The realisation state of one mapping of a connection, as text (ohn_rz_state_name, or "off",
 * "no gateway", "not public"). *text is a static string. */
HRESULT ohn_realize_state(const GUID *connection, uint8_t protocol, uint16_t port, const char **text);

/* A dotted IPv4 address, or a name resolved within deadline (resolve.c); E_INVALIDARG else. */
HRESULT ohn_resolve_ipv4(const WCHAR *name, size_t len, uint64_t deadline, uint32_t *ip);

/* UTF-16 <-> UTF-8 for values sent to the gateway. */
BOOL ohn_utf8_from_wide(const WCHAR *s, size_t len, char *out, size_t cap);
BSTR ohn_bstr_from_utf8(const char *s);

#endif
