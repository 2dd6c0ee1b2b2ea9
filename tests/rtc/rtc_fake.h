/*
 * What the RTC session tests share (tests/rtc/test_rtc.c, tests/upnp/test_rtc_upnp.c): a fake
 * IRTCPortManager that records every call and counts any call it was not told to expect, the
 * count of SysFreeString calls the DLL makes on the strings a fake gave, reading a session's
 * mappings, and UDP port helpers.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef OHN_RTC_FAKE_H
#define OHN_RTC_FAKE_H

#include "test_common.h"

#include <rtccore.h>
#include <rtcerr.h>

#include "openhnetcfg.h"

/* rtccore.h declares them; no mingw-w64 library defines them (values: api-spec 1.14, 1.15). */
extern const IID test_IID_IRTCSession;
extern const IID test_IID_IRTCSessionPortManagement;
extern const IID test_IID_IRTCPortManager;

/* The fake port manager. */
enum
{
    CALL_GET = 1,
    CALL_UPDATE = 2,
    CALL_RELEASE = 4
};

struct call
{
    int kind;
    RTC_PORT_TYPE type;
    WCHAR remote[64];
    BSTR internal, external; /* as received (pointers) */
    LONG internal_port, external_port;
    BOOL in_values_empty;    /* GetMapping: [in,out] values came in NULL and 0 */
};

struct fake_pm
{
    IRTCPortManager IRTCPortManager_iface;
    LONG refs;
    int allow;                  /* CALL_* that may come */
    int fail_at;                /* the GetMapping call that fails (-1: none) */
    BOOL set_on_failure;        /* the failing call hands strings out anyway */
    BOOL lie;                   /* S_OK with NULL strings */
    const WCHAR *internal_ip;
    LONG ports[4];              /* internal port per port type */
    IRTCSession *reenter;       /* calls back into this session from every callback */
    struct call calls[32];
    LONG ncalls, unexpected, gets;
    /* What the callbacks saw when they called back in. */
    HRESULT reentry_set_pm, reentry_add, reentry_terminate;
    RTC_SESSION_STATE reentry_state;
    VARIANT_BOOL reentry_can_add;
};

void fake_init(struct fake_pm *f, int allow);
/* No unexpected call, and every reference the session took given back (call it after the
 * session is released: the fake lives on the caller's stack). */
void fake_done(struct fake_pm *f);

/* SysFreeString as the DLL calls it, counted for the strings the fakes give: hook_free points
 * the DLL's import at the counter (call it after each CoCreateInstance: COM may have reloaded
 * the DLL), watch_reset forgets the strings, assert_all_freed checks that each was freed
 * exactly `times`. */
#define WATCH_MAX 64
extern LONG watch_count;
void hook_free(void);
void watch_reset(void);
void assert_all_freed(LONG times);
BSTR fake_string(const WCHAR *text);

/* Mapping i of a session as IOpenHNetSessionMappings tells it (S_OK required). */
struct test_session_mapping
{
    LONG type, internal_port, external_port;
    OHN_MAPPING_SOURCE source;
    WCHAR internal[32], external[32];
};
void test_session_mapping(IOpenHNetSessionMappings *own, LONG i, struct test_session_mapping *out);

/* A free UDP port of 127.0.0.1; a socket bound to 127.0.0.1:port (INVALID_SOCKET when taken);
 * whether the port can be bound now. */
LONG free_udp_port(void);
SOCKET bind_loopback(LONG port);
BOOL udp_port_free(LONG port);

#endif
