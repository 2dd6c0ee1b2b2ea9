/*
 * An application's IRTCPortManager for a fixed port range, driving an RTC session.
 *
 * The situation it is for: a NAT without UPnP, on which the user forwarded a range of UDP ports
 * (the same numbers outside and inside) to this machine by hand. The application knows the
 * NAT's public address and the range; it hands the session one port of the range per media
 * port, and takes it back when the session releases the mapping. That is what
 * IRTCSessionPortManagement::SetPortManager is for in the RTC Client API, and this program does
 * it against HNetCfg.RTCSession of open-hnetcfg's hnetcfg.dll.
 *
 *   rtc_port_manager PUBLIC-IP FIRST-PORT LAST-PORT URI [--video] [--internal IP] [--moved IP]
 *
 * It creates a session, sets the port manager, adds the participant URI (which starts the
 * session: one GetMapping per media port), prints each mapping and where it came from, reports
 * a remote address change when --moved is given (UpdateRemoteAddress for each mapping), and
 * terminates the session (ReleaseMapping for each). Every call of the session into the port
 * manager is printed as it happens. Exit status: 0 success, 1 a call failed, 2 usage.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define COBJMACROS
#include <winsock2.h>
#include <windows.h>
#include <ole2.h>
#include <rtccore.h>
#include <rtcerr.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "openhnetcfg.h" /* HNetCfg.RTCSession's own interface, IOpenHNetSessionMappings */

/* rtccore.h declares these; no mingw-w64 library defines them (values from the SDK). */
static const IID iid_session = {0x387c8086, 0x99be, 0x42fb, {0x99, 0x73, 0x7c, 0x0f, 0xc0, 0xca, 0x9f, 0xa8}};
static const IID iid_session_pm = {0xa072f1d6, 0x0286, 0x4e1f, {0x85, 0xf2, 0x17, 0xa2, 0x94, 0x84, 0x56, 0xec}};
static const IID iid_port_manager = {0xda77c14b, 0x6208, 0x43ca, {0x8d, 0xdf, 0x5b, 0x60, 0xa0, 0xa6, 0x9f, 0xac}};

#define MAX_RANGE 1024

static const char *port_type_name(RTC_PORT_TYPE type)
{
    static const char *const names[] = {"audio RTP", "audio RTCP", "video RTP", "video RTCP", "SIP"};

    return type >= 0 && type < 5 ? names[type] : "?";
}

/* The port manager: ports first..last, each either free or given to a session. */
struct range_pm
{
    IRTCPortManager IRTCPortManager_iface;
    LONG refs;
    CRITICAL_SECTION lock;
    WCHAR internal_ip[16], public_ip[16];
    LONG first, last;
    BOOL given[MAX_RANGE];
};

static struct range_pm *impl(IRTCPortManager *iface)
{
    return CONTAINING_RECORD(iface, struct range_pm, IRTCPortManager_iface);
}

static HRESULT WINAPI pm_QueryInterface(IRTCPortManager *iface, REFIID riid, void **out)
{
    if (!out)
        return E_POINTER;
    if (IsEqualGUID(riid, &IID_IUnknown) || IsEqualGUID(riid, &iid_port_manager))
    {
        *out = iface;
        IRTCPortManager_AddRef(iface);
        return S_OK;
    }
    *out = NULL;
    return E_NOINTERFACE;
}

static ULONG WINAPI pm_AddRef(IRTCPortManager *iface)
{
    return InterlockedIncrement(&impl(iface)->refs);
}

static ULONG WINAPI pm_Release(IRTCPortManager *iface)
{
    return InterlockedDecrement(&impl(iface)->refs); /* it lives in main: nothing to free */
}

/* A mapping for one media port: the next free port of the range, the same number outside (the
 * NAT forwards the range unchanged). The BSTRs are allocated here and freed by the session.
 * The methods must answer at once and must not call the RTC API back. */
static HRESULT WINAPI pm_GetMapping(IRTCPortManager *iface, BSTR remote, RTC_PORT_TYPE type, BSTR *internal,
                                    LONG *internal_port, BSTR *external, LONG *external_port)
{
    struct range_pm *pm = impl(iface);
    LONG port = 0, i;

    if (!internal || !internal_port || !external || !external_port)
        return E_POINTER;
    EnterCriticalSection(&pm->lock);
    for (i = 0; i <= pm->last - pm->first; i++)
        if (!pm->given[i])
        {
            pm->given[i] = TRUE;
            port = pm->first + i;
            break;
        }
    LeaveCriticalSection(&pm->lock);
    if (!port)
    {
        printf("  GetMapping(%s, remote %ls): the range is used up\n", port_type_name(type), remote);
        return E_OUTOFMEMORY; /* any failure: the session fails with RTC_E_PORT_MAPPING_FAILED */
    }
    *internal = SysAllocString(pm->internal_ip);
    *external = SysAllocString(pm->public_ip);
    if (!*internal || !*external)
    {
        SysFreeString(*internal);
        SysFreeString(*external);
        *internal = *external = NULL;
        return E_OUTOFMEMORY;
    }
    *internal_port = *external_port = port;
    printf("  GetMapping(%s, remote %ls) -> %ls:%ld outside, %ls:%ld inside\n", port_type_name(type),
           *remote ? remote : L"(unknown)", pm->public_ip, port, pm->internal_ip, port);
    return S_OK;
}

static HRESULT WINAPI pm_UpdateRemoteAddress(IRTCPortManager *iface, BSTR remote, BSTR internal, LONG internal_port,
                                             BSTR external, LONG external_port)
{
    /* A NAT that filters by remote address would be told here; a forwarded range needs nothing. */
    printf("  UpdateRemoteAddress(%ls) for %ls:%ld\n", remote, external, external_port);
    return S_OK;
}

static HRESULT WINAPI pm_ReleaseMapping(IRTCPortManager *iface, BSTR internal, LONG internal_port, BSTR external,
                                       LONG external_port)
{
    struct range_pm *pm = impl(iface);

    printf("  ReleaseMapping(%ls:%ld)\n", external, external_port);
    if (external_port < pm->first || external_port > pm->last)
        return E_INVALIDARG;
    EnterCriticalSection(&pm->lock);
    pm->given[external_port - pm->first] = FALSE;
    LeaveCriticalSection(&pm->lock);
    return S_OK;
}

static IRTCPortManagerVtbl pm_vtbl = {
    pm_QueryInterface, pm_AddRef, pm_Release, pm_GetMapping, pm_UpdateRemoteAddress, pm_ReleaseMapping,
};

/* This machine's address toward host (a UDP socket "connected" there sends nothing). */
static BOOL local_address_toward(const WCHAR *host, WCHAR *out, size_t cap)
{
    struct sockaddr_in to, me;
    int len = sizeof(me), tolen = sizeof(to);
    SOCKET s;
    BOOL ok = FALSE;

    memset(&to, 0, sizeof(to));
    if (WSAStringToAddressW((WCHAR *)host, AF_INET, NULL, (struct sockaddr *)&to, &tolen))
        return FALSE;
    to.sin_port = htons(9);
    if ((s = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP)) == INVALID_SOCKET)
        return FALSE;
    if (!connect(s, (struct sockaddr *)&to, sizeof(to)) && !getsockname(s, (struct sockaddr *)&me, &len) &&
        me.sin_addr.s_addr)
    {
        DWORD n = (DWORD)cap;

        ok = !WSAAddressToStringW((struct sockaddr *)&me, sizeof(me), NULL, out, &n);
        if (ok && wcschr(out, ':'))
            *wcschr(out, ':') = 0; /* no port */
    }
    closesocket(s);
    return ok;
}

static const char *source_name(OHN_MAPPING_SOURCE source)
{
    switch (source)
    {
    case OHN_SOURCE_PORT_MANAGER: return "the application's port manager";
    case OHN_SOURCE_GATEWAY: return "the UPnP gateway";
    case OHN_SOURCE_STORE: return "the ICS mapping store";
    default: return "?";
    }
}

static int failed(const char *what, HRESULT hr)
{
    fprintf(stderr, "rtc_port_manager: %s: 0x%08lX\n", what, (unsigned long)hr);
    return 1;
}

static int run(struct range_pm *pm, const WCHAR *uri, LONG media, const WCHAR *moved)
{
    IRTCSession *session = NULL;
    IRTCSessionPortManagement *spm = NULL;
    IOpenHNetSessionMappings *own = NULL;
    IRTCParticipant *participant = NULL;
    LONG count = 0, i;
    CLSID clsid;
    HRESULT hr;
    int rc = 0;

    if (FAILED(hr = CLSIDFromProgID(L"HNetCfg.RTCSession", &clsid)))
        return failed(sizeof(void *) == 8 ? "HNetCfg.RTCSession is not registered for 64-bit programs (the 64-bit regsvr32 with the x86_64 hnetcfg.dll)" : "HNetCfg.RTCSession is not registered for 32-bit programs (the 32-bit regsvr32 with the i686 hnetcfg.dll)", hr);
    if (FAILED(hr = CoCreateInstance(&clsid, NULL, CLSCTX_INPROC_SERVER, &iid_session, (void **)&session)))
        return failed("creating the session", hr);
    if (FAILED(hr = IRTCSession_QueryInterface(session, &iid_session_pm, (void **)&spm)) ||
        FAILED(hr = IRTCSession_QueryInterface(session, &IID_IOpenHNetSessionMappings, (void **)&own)))
    {
        rc = failed("querying the session's interfaces", hr);
        goto done;
    }
    /* While the session is idle: its media, and the port manager. */
    if (FAILED(hr = IOpenHNetSessionMappings_SetMedia(own, media)) ||
        FAILED(hr = IRTCSessionPortManagement_SetPortManager(spm, &pm->IRTCPortManager_iface)))
    {
        rc = failed("preparing the session", hr);
        goto done;
    }
    printf("starting a session with %ls\n", uri);
    if (FAILED(hr = IRTCSession_AddParticipant(session, (BSTR)uri, NULL, &participant)))
    {
        rc = failed("AddParticipant", hr);
        goto done;
    }
    IOpenHNetSessionMappings_get_MappingCount(own, &count);
    printf("the session's mappings:\n");
    for (i = 0; i < count; i++)
    {
        LONG type = 0, in_port = 0, ex_port = 0;
        OHN_MAPPING_SOURCE source = OHN_SOURCE_NONE;
        BSTR in = NULL, ex = NULL;

        if (FAILED(hr = IOpenHNetSessionMappings_GetMapping(own, i, &type, &in, &in_port, &ex, &ex_port, &source)))
        {
            rc = failed("GetMapping", hr);
            break;
        }
        printf("  %-10s %ls:%ld -> %ls:%ld from %s\n", port_type_name((RTC_PORT_TYPE)type), in, in_port, ex, ex_port,
               source_name(source));
        SysFreeString(in);
        SysFreeString(ex);
    }
    if (moved)
    {
        printf("the remote party answered from %ls:\n", moved);
        if (FAILED(hr = IOpenHNetSessionMappings_RemoteAddressChanged(own, (BSTR)moved)))
            rc = failed("RemoteAddressChanged", hr);
    }
    printf("terminating the session:\n");
    if (FAILED(hr = IRTCSession_Terminate(session, RTCTR_NORMAL)))
        rc = failed("Terminate", hr);

done:
    if (participant)
        IRTCParticipant_Release(participant);
    if (own)
        IOpenHNetSessionMappings_Release(own);
    if (spm)
        IRTCSessionPortManagement_Release(spm);
    IRTCSession_Release(session);
    return rc;
}

static int usage(void)
{
    fprintf(stderr, "usage: rtc_port_manager PUBLIC-IP FIRST-PORT LAST-PORT URI [--video] [--internal IP] "
                    "[--moved IP]\n");
    return 2;
}

int wmain(int argc, WCHAR **argv)
{
    struct range_pm pm;
    const WCHAR *moved = NULL, *internal = NULL;
    LONG media = RTCMT_AUDIO_SEND | RTCMT_AUDIO_RECEIVE;
    WSADATA wsa;
    int i, rc;

    if (argc < 5)
        return usage();
    memset(&pm, 0, sizeof(pm));
    pm.IRTCPortManager_iface.lpVtbl = &pm_vtbl;
    pm.refs = 1;
    pm.first = wcstol(argv[2], NULL, 10);
    pm.last = wcstol(argv[3], NULL, 10);
    if (pm.first < 1 || pm.last > 65535 || pm.last < pm.first || pm.last - pm.first >= MAX_RANGE ||
        wcslen(argv[1]) >= ARRAYSIZE(pm.public_ip))
        return usage();
    wcscpy(pm.public_ip, argv[1]);
    for (i = 5; i < argc; i++)
    {
        if (!wcscmp(argv[i], L"--video"))
            media |= RTCMT_VIDEO_SEND | RTCMT_VIDEO_RECEIVE;
        else if (!wcscmp(argv[i], L"--internal") && i + 1 < argc)
            internal = argv[++i];
        else if (!wcscmp(argv[i], L"--moved") && i + 1 < argc)
            moved = argv[++i];
        else
            return usage();
    }
    if (WSAStartup(MAKEWORD(2, 2), &wsa))
        return 1;
    if (internal && wcslen(internal) < ARRAYSIZE(pm.internal_ip))
        wcscpy(pm.internal_ip, internal);
    else if (!local_address_toward(pm.public_ip, pm.internal_ip, ARRAYSIZE(pm.internal_ip)))
        wcscpy(pm.internal_ip, L"127.0.0.1");
    printf("port manager: UDP %ld-%ld forwarded from %ls to %ls\n", pm.first, pm.last, pm.public_ip, pm.internal_ip);
    InitializeCriticalSection(&pm.lock);
    if (FAILED(CoInitializeEx(NULL, COINIT_MULTITHREADED)))
        return 1;
    rc = run(&pm, argv[4], media, moved);
    CoUninitialize();
    for (i = 0; i <= pm.last - pm.first; i++)
        if (pm.given[i])
        {
            fprintf(stderr, "rtc_port_manager: port %ld was never released\n", pm.first + i);
            rc = 1;
        }
    if (pm.refs != 1)
    {
        fprintf(stderr, "rtc_port_manager: the session kept %ld references to the port manager\n", pm.refs - 1);
        rc = 1;
    }
    DeleteCriticalSection(&pm.lock);
    WSACleanup();
    return rc;
}
