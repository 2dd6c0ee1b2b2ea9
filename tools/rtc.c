/*
 * hnetmap session: starts a test session of HNetCfg.RTCSession (as an RTC application would,
 * without a port manager) and shows each of its port mappings and where it came from: the UPnP
 * gateway, or the ICS mapping store when there is no gateway. The session ends (its mappings
 * removed) when the command does; --hold keeps it that many seconds first.
 *
 *   hnetmap session URI [--video] [--hold SECONDS]
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "hnetmap.h"

#include <rtccore.h>
#include <rtcerr.h>

/* rtccore.h declares it; no mingw-w64 library defines it (value from the SDK). */
static const IID iid_rtc_session = {0x387c8086, 0x99be, 0x42fb, {0x99, 0x73, 0x7c, 0x0f, 0xc0, 0xca, 0x9f, 0xa8}};

static const WCHAR *port_type_text(LONG type)
{
    static const WCHAR *const names[] = {L"audio RTP", L"audio RTCP", L"video RTP", L"video RTCP", L"SIP"};

    return type >= 0 && type < (LONG)ARRAYSIZE(names) ? names[type] : L"?";
}

static const WCHAR *source_text(OHN_MAPPING_SOURCE source)
{
    switch (source)
    {
    case OHN_SOURCE_PORT_MANAGER: return L"the application's port manager";
    case OHN_SOURCE_GATEWAY: return L"the gateway (UPnP, PCP or NAT-PMP)";
    case OHN_SOURCE_STORE: return L"the ICS mapping store (public connection)";
    default: return L"?";
    }
}

static int show(IOpenHNetSessionMappings *own)
{
    BSTR remote = NULL;
    LONG count = 0, i;
    HRESULT hr;

    if (FAILED(hr = IOpenHNetSessionMappings_get_RemoteAddress(own, &remote)) ||
        FAILED(hr = IOpenHNetSessionMappings_get_MappingCount(own, &count)))
    {
        SysFreeString(remote);
        return fail_hr(L"reading the session's mappings", hr);
    }
    out(L"remote address: %ls\n", *remote ? remote : L"(none: the host did not resolve within 1 s)");
    SysFreeString(remote);
    for (i = 0; i < count; i++)
    {
        LONG type = 0, in_port = 0, ex_port = 0;
        OHN_MAPPING_SOURCE source = OHN_SOURCE_NONE;
        BSTR in = NULL, ex = NULL;

        if (FAILED(hr = IOpenHNetSessionMappings_GetMapping(own, i, &type, &in, &in_port, &ex, &ex_port, &source)))
            return fail_hr(L"reading a mapping of the session", hr);
        out(L"  %-10ls  %ls:%ld -> %ls:%ld  from %ls\n", port_type_text(type), in, in_port, ex, ex_port,
            source_text(source));
        SysFreeString(in);
        SysFreeString(ex);
    }
    return EXIT_OK;
}

int cmd_session(int argc, WCHAR **argv)
{
    IRTCSession *session = NULL;
    IOpenHNetSessionMappings *own = NULL;
    IRTCParticipant *participant = NULL;
    LONG media = RTCMT_AUDIO_SEND | RTCMT_AUDIO_RECEIVE;
    const WCHAR *uri = NULL;
    DWORD hold = 0;
    HRESULT hr;
    int i, rc;

    for (i = 0; i < argc; i++)
    {
        if (same_text(argv[i], L"--video"))
            media |= RTCMT_VIDEO_SEND | RTCMT_VIDEO_RECEIVE;
        else if (same_text(argv[i], L"--hold") && i + 1 < argc)
        {
            WCHAR *end;
            unsigned long s = wcstoul(argv[++i], &end, 10);

            if (*end || !*argv[i] || s > 86400)
                return bad_arg(L"--hold seconds", argv[i]);
            hold = (DWORD)s;
        }
        else if (!uri && argv[i][0] != '-')
            uri = argv[i];
        else
            return bad_arg(L"session argument", argv[i]);
    }
    if (!uri)
        return bad_arg(L"session URI", L"");

    hr = CoCreateInstance(&CLSID_RTCSession, NULL, CLSCTX_INPROC_SERVER, &iid_rtc_session, (void **)&session);
    if (FAILED(hr))
        return fail_hr(L"creating HNetCfg.RTCSession", hr);
    if (FAILED(hr = IRTCSession_QueryInterface(session, &IID_IOpenHNetSessionMappings, (void **)&own)) ||
        FAILED(hr = IOpenHNetSessionMappings_SetMedia(own, media)))
    {
        rc = fail_hr(L"preparing the session", hr);
        goto done;
    }
    hr = IRTCSession_AddParticipant(session, (BSTR)uri, NULL, &participant);
    if (hr == RTC_E_PORT_MAPPING_UNAVAILABLE)
    {
        err(L"hnetmap: starting the session: 0x%08lX: no UPnP gateway answers and no connection is shared "
            L"publicly (hnetmap share CONN public), so there is no port mapping to be had\n",
            (unsigned long)hr);
        rc = EXIT_FAILED;
        goto done;
    }
    if (FAILED(hr))
    {
        rc = fail_hr(L"starting the session", hr);
        goto done;
    }
    out(L"session with %ls started\n", uri);
    if ((rc = show(own)) == EXIT_OK && hold)
    {
        out(L"holding the session for %lu s\n", (unsigned long)hold);
        Sleep(hold * 1000);
    }
    if (FAILED(hr = IRTCSession_Terminate(session, RTCTR_NORMAL)))
        rc = fail_hr(L"ending the session", hr);
    else
        out(L"session ended: its mappings are removed\n");

done:
    if (participant)
        IRTCParticipant_Release(participant);
    if (own)
        IOpenHNetSessionMappings_Release(own);
    IRTCSession_Release(session);
    return rc;
}
