/*
 * The RTC-style session object, HNetCfg.RTCSession (ThreadingModel Both): IRTCSession with the
 * SDK's layout, IRTCSessionPortManagement, and the project's IOpenHNetSessionMappings.
 *
 * A new session is RTCST_PC_TO_PC and RTCSS_IDLE. SetPortManager works while it is idle.
 * AddParticipant on an idle session starts it: the remote address is the participant URI's host
 * (an IPv4 address as it is, a name resolved within OHN_RTC_RESOLVE_MS, else ""), then a UDP
 * socket is bound and a mapping obtained for each media port (audio RTP and RTCP, and video RTP
 * and RTCP when its media include video) from the first source that applies (sources.c). The
 * session is then RTCSS_INPROGRESS (there is no SIP here: it never gets further). Terminate,
 * or the final Release, gives every mapping back (ReleaseMapping once for each one a port
 * manager gave), closes the sockets, and the session is RTCSS_DISCONNECTED.
 *
 * The session's lock is never held while the application is called (its port manager, the
 * AddRef and Release of its objects): a port manager may call back into the session.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "rtc/rtc_private.h"

const IID IID_IRTCSession = {0x387c8086, 0x99be, 0x42fb, {0x99, 0x73, 0x7c, 0x0f, 0xc0, 0xca, 0x9f, 0xa8}};
const IID IID_IRTCSessionPortManagement = {0xa072f1d6, 0x0286, 0x4e1f, {0x85, 0xf2, 0x17, 0xa2, 0x94, 0x84, 0x56, 0xec}};
const IID IID_IRTCPortManager = {0xda77c14b, 0x6208, 0x43ca, {0x8d, 0xdf, 0x5b, 0x60, 0xa0, 0xa6, 0x9f, 0xac}};
const IID IID_IRTCParticipant = {0xae86add5, 0x26b1, 0x4414, {0xaf, 0x1d, 0xb9, 0x4c, 0xd9, 0x38, 0xd7, 0x39}};

#define MAX_MAPPINGS 4
#define URI_MAX 512

struct session
{
    IRTCSession IRTCSession_iface;
    IRTCSessionPortManagement IRTCSessionPortManagement_iface;
    IOpenHNetSessionMappings IOpenHNetSessionMappings_iface;
    LONG refs;
    SRWLOCK lock;
    RTC_SESSION_TYPE type;
    RTC_SESSION_STATE state;
    LONG media;                /* RTCMT_* */
    BOOL starting;             /* AddParticipant is obtaining the mappings */
    IRTCPortManager *pm;
    BSTR remote;
    struct rtc_mapping mappings[MAX_MAPPINGS];
    unsigned count;
};

static struct session *impl_from_IRTCSession(IRTCSession *iface)
{
    return CONTAINING_RECORD(iface, struct session, IRTCSession_iface);
}

static struct session *impl_from_IRTCSessionPortManagement(IRTCSessionPortManagement *iface)
{
    return CONTAINING_RECORD(iface, struct session, IRTCSessionPortManagement_iface);
}

static struct session *impl_from_IOpenHNetSessionMappings(IOpenHNetSessionMappings *iface)
{
    return CONTAINING_RECORD(iface, struct session, IOpenHNetSessionMappings_iface);
}

/* The types that carry media: a port manager and port mappings make sense for them only. */
static BOOL carries_media(RTC_SESSION_TYPE type)
{
    return type == RTCST_PC_TO_PC || type == RTCST_PC_TO_PHONE;
}

static HRESULT participant_create(struct session *s, BSTR uri, BSTR name, IRTCParticipant **out);

/* Gives back mappings taken out of a session (no lock held: the port manager is called). */
static void release_mappings(IRTCPortManager *pm, struct rtc_mapping *mappings, unsigned count)
{
    unsigned i, k;

    for (i = 0; i < count; i++)
    {
        for (k = 0; k < ARRAY_SIZE(rtc_sources); k++)
            if (rtc_sources[k]->kind == mappings[i].source)
                rtc_sources[k]->release(pm, &mappings[i]);
        rtc_mapping_clear(&mappings[i]);
    }
}

/* Ends the session: every mapping given back, RTCSS_DISCONNECTED. S_FALSE when it had ended. */
static HRESULT session_end(struct session *s)
{
    struct rtc_mapping mappings[MAX_MAPPINGS];
    IRTCPortManager *pm;
    unsigned count;

    AcquireSRWLockExclusive(&s->lock);
    if (s->state == RTCSS_DISCONNECTED || s->starting)
    {
        HRESULT hr = s->starting ? RTC_E_INVALID_SESSION_STATE : S_FALSE;

        ReleaseSRWLockExclusive(&s->lock);
        return hr;
    }
    count = s->count;
    memcpy(mappings, s->mappings, sizeof(mappings));
    s->count = 0;
    s->state = RTCSS_DISCONNECTED;
    pm = s->pm; /* no longer idle: SetPortManager cannot change it now */
    ReleaseSRWLockExclusive(&s->lock);
    if (pm)
        IRTCPortManager_AddRef(pm); /* the application's object: never with the lock held */
    release_mappings(pm, mappings, count);
    if (pm)
        IRTCPortManager_Release(pm);
    return S_OK;
}

static HRESULT WINAPI session_QueryInterface(IRTCSession *iface, REFIID riid, void **out)
{
    struct session *s = impl_from_IRTCSession(iface);

    if (!out)
        return E_POINTER;
    if (IsEqualGUID(riid, &IID_IUnknown) || IsEqualGUID(riid, &IID_IRTCSession))
        *out = &s->IRTCSession_iface;
    else if (IsEqualGUID(riid, &IID_IRTCSessionPortManagement))
        *out = &s->IRTCSessionPortManagement_iface;
    else if (IsEqualGUID(riid, &IID_IOpenHNetSessionMappings))
        *out = &s->IOpenHNetSessionMappings_iface;
    else
    {
        *out = NULL;
        return E_NOINTERFACE;
    }
    InterlockedIncrement(&s->refs);
    return S_OK;
}

static ULONG WINAPI session_AddRef(IRTCSession *iface)
{
    return InterlockedIncrement(&impl_from_IRTCSession(iface)->refs);
}

static ULONG WINAPI session_Release(IRTCSession *iface)
{
    struct session *s = impl_from_IRTCSession(iface);
    LONG refs = InterlockedDecrement(&s->refs);

    if (!refs)
    {
        /* The final Release ends a session that was not terminated. A port manager may take
         * and give back a reference while it is told: it must not destroy the session twice. */
        s->refs = 1;
        session_end(s);
        if (s->pm)
            IRTCPortManager_Release(s->pm);
        SysFreeString(s->remote);
        HeapFree(GetProcessHeap(), 0, s);
        ohn_object_destroyed();
    }
    return refs;
}

/* A method this object does not implement (README): its output, if any, cleared. */
static HRESULT not_implemented(void *out)
{
    if (out)
        *(void **)out = NULL;
    return E_NOTIMPL;
}

/* The session's state as one consistent reading. */
static void read_state(struct session *s, RTC_SESSION_STATE *state, RTC_SESSION_TYPE *type, BOOL *can_add)
{
    AcquireSRWLockShared(&s->lock);
    *state = s->state;
    *type = s->type;
    *can_add = s->state == RTCSS_IDLE && !s->starting;
    ReleaseSRWLockShared(&s->lock);
}

static HRESULT WINAPI session_get_Client(IRTCSession *iface, IRTCClient **out)
{
    return not_implemented(out); /* there is no RTC client object */
}

static HRESULT WINAPI session_get_State(IRTCSession *iface, RTC_SESSION_STATE *out)
{
    RTC_SESSION_TYPE type;
    BOOL can_add;

    if (!out)
        return E_POINTER;
    read_state(impl_from_IRTCSession(iface), out, &type, &can_add);
    return S_OK;
}

static HRESULT WINAPI session_get_Type(IRTCSession *iface, RTC_SESSION_TYPE *out)
{
    RTC_SESSION_STATE state;
    BOOL can_add;

    if (!out)
        return E_POINTER;
    read_state(impl_from_IRTCSession(iface), &state, out, &can_add);
    return S_OK;
}

static HRESULT WINAPI session_get_Profile(IRTCSession *iface, IRTCProfile **out)
{
    return not_implemented(out);
}

static HRESULT WINAPI session_get_Participants(IRTCSession *iface, IRTCCollection **out)
{
    return not_implemented(out);
}

static HRESULT WINAPI session_Answer(IRTCSession *iface)
{
    return RTC_E_INVALID_SESSION_STATE; /* never an incoming session */
}

static HRESULT WINAPI session_Terminate(IRTCSession *iface, RTC_TERMINATE_REASON reason)
{
    HRESULT hr;

    TRACE("%p %d\n", iface, reason);
    hr = session_end(impl_from_IRTCSession(iface));
    return hr == S_FALSE ? RTC_E_INVALID_SESSION_STATE : hr;
}

static HRESULT WINAPI session_Redirect(IRTCSession *iface, RTC_SESSION_TYPE type, BSTR uri, IRTCProfile *profile,
                                       LONG flags)
{
    return E_NOTIMPL;
}

/* The remote address of a participant URI: its IPv4 host, or what the host resolves to within
 * OHN_RTC_RESOLVE_MS, else "". */
static BSTR remote_address(BSTR uri, size_t len)
{
    char utf8[URI_MAX * 3 + 1], host[256], text[16];
    WCHAR whost[256];
    uint32_t ip = 0;

    if (ohn_utf8_from_wide(uri, len, utf8, sizeof(utf8)) && !ohn_uri_host(utf8, host, sizeof(host)) &&
        MultiByteToWideChar(CP_UTF8, 0, host, -1, whost, ARRAY_SIZE(whost)) &&
        ohn_resolve_ipv4(whost, wcslen(whost), ohn_now_ms() + OHN_RTC_RESOLVE_MS, &ip) == S_OK)
    {
        ohn_ipv4_format(ip, text);
        return ohn_bstr_from_utf8(text);
    }
    return SysAllocString(L"");
}

/* The ports a session of this type and media needs, in the order they are mapped. */
static unsigned needed_ports(RTC_SESSION_TYPE type, LONG media, unsigned *ports)
{
    unsigned n = 0;

    if (!carries_media(type))
        return 0;
    ports[n++] = RTCPT_AUDIO_RTP;
    ports[n++] = RTCPT_AUDIO_RTCP;
    if (media & (RTCMT_VIDEO_SEND | RTCMT_VIDEO_RECEIVE))
    {
        ports[n++] = RTCPT_VIDEO_RTP;
        ports[n++] = RTCPT_VIDEO_RTCP;
    }
    return n;
}

/* Obtains a mapping of every port from the first source that applies; on failure nothing is
 * left obtained. No lock is held. */
static HRESULT obtain_mappings(struct rtc_start *st, const unsigned *ports, unsigned n, struct rtc_mapping *out,
                               unsigned *count)
{
    const struct rtc_source *source = NULL;
    HRESULT hr = RTC_E_PORT_MAPPING_UNAVAILABLE;
    unsigned i, k;

    *count = 0;
    if (!n)
        return S_OK;
    for (k = 0; k < ARRAY_SIZE(rtc_sources); k++)
    {
        hr = rtc_sources[k]->prepare(st);
        if (hr != S_FALSE)
        {
            source = rtc_sources[k];
            break;
        }
    }
    if (!source || FAILED(hr))
    {
        if (source)
            source->finish(st);
        return FAILED(hr) ? hr : RTC_E_PORT_MAPPING_UNAVAILABLE;
    }
    TRACE("mappings from source %d\n", source->kind);
    for (i = 0; i < n && SUCCEEDED(hr); i++)
    {
        rtc_mapping_init(&out[i]);
        hr = source->obtain(st, ports[i], &out[i]);
        if (out[i].source != OHN_SOURCE_NONE)
            *count = i + 1; /* obtained, even when unusable: it is given back */
    }
    source->finish(st);
    if (FAILED(hr))
    {
        release_mappings(st->pm, out, *count);
        *count = 0;
    }
    return hr;
}

static HRESULT WINAPI session_AddParticipant(IRTCSession *iface, BSTR address, BSTR name, IRTCParticipant **out)
{
    struct session *s = impl_from_IRTCSession(iface);
    struct rtc_mapping mappings[MAX_MAPPINGS];
    struct rtc_start st;
    unsigned ports[MAX_MAPPINGS], n, count = 0;
    size_t len, name_len;
    HRESULT hr;

    TRACE("%p\n", iface);
    if (!out)
        return E_POINTER;
    *out = NULL;
    if (FAILED(hr = ohn_in_string(address, URI_MAX, E_INVALIDARG, &len)) ||
        FAILED(hr = ohn_in_string(name ? name : L"", 256, E_INVALIDARG, &name_len)))
        return hr;
    if (!len)
        return E_INVALIDARG;
    memset(&st, 0, sizeof(st));
    st.pending_rtcp = INVALID_SOCKET;
    AcquireSRWLockExclusive(&s->lock);
    if (s->state != RTCSS_IDLE || s->starting)
    {
        ReleaseSRWLockExclusive(&s->lock);
        return RTC_E_INVALID_SESSION_STATE;
    }
    s->starting = TRUE; /* from here SetPortManager refuses: s->pm stays */
    n = needed_ports(s->type, s->media, ports);
    st.pm = s->pm;
    ReleaseSRWLockExclusive(&s->lock);
    if (st.pm)
        IRTCPortManager_AddRef(st.pm);

    st.remote = remote_address(address, len);
    st.deadline = ohn_now_ms() + OHN_FIRST_WINDOW_MS + OHN_PROBE_MS + OHN_CALL_BOUND_MS;
    if (!st.remote)
        hr = E_OUTOFMEMORY;
    else
        hr = obtain_mappings(&st, ports, n, mappings, &count);
    if (SUCCEEDED(hr) && FAILED(hr = participant_create(s, address, name, out)))
        release_mappings(st.pm, mappings, count);

    AcquireSRWLockExclusive(&s->lock);
    s->starting = FALSE;
    if (SUCCEEDED(hr))
    {
        memcpy(s->mappings, mappings, count * sizeof(mappings[0]));
        s->count = count;
        SysFreeString(s->remote);
        s->remote = st.remote;
        st.remote = NULL;
        s->state = RTCSS_INPROGRESS;
    }
    ReleaseSRWLockExclusive(&s->lock);
    SysFreeString(st.remote);
    if (st.pm)
        IRTCPortManager_Release(st.pm);
    TRACE("%#lx, %u mappings\n", hr, count);
    return hr;
}

static HRESULT WINAPI session_RemoveParticipant(IRTCSession *iface, IRTCParticipant *participant)
{
    return E_NOTIMPL;
}

static HRESULT WINAPI session_EnumerateParticipants(IRTCSession *iface, IRTCEnumParticipants **out)
{
    return not_implemented(out);
}

static HRESULT WINAPI session_get_CanAddParticipants(IRTCSession *iface, VARIANT_BOOL *out)
{
    RTC_SESSION_STATE state;
    RTC_SESSION_TYPE type;
    BOOL can_add;

    if (!out)
        return E_POINTER;
    read_state(impl_from_IRTCSession(iface), &state, &type, &can_add);
    *out = can_add ? VARIANT_TRUE : VARIANT_FALSE;
    return S_OK;
}

static HRESULT WINAPI session_get_RedirectedUserURI(IRTCSession *iface, BSTR *out)
{
    return not_implemented(out);
}

static HRESULT WINAPI session_get_RedirectedUserName(IRTCSession *iface, BSTR *out)
{
    return not_implemented(out);
}

static HRESULT WINAPI session_NextRedirectedUser(IRTCSession *iface)
{
    return E_NOTIMPL;
}

static HRESULT WINAPI session_SendMessage(IRTCSession *iface, BSTR header, BSTR message, LONG_PTR cookie)
{
    return E_NOTIMPL;
}

static HRESULT WINAPI session_SendMessageStatus(IRTCSession *iface, RTC_MESSAGING_USER_STATUS status, LONG_PTR cookie)
{
    return E_NOTIMPL;
}

static HRESULT WINAPI session_AddStream(IRTCSession *iface, LONG media, LONG_PTR cookie)
{
    return E_NOTIMPL;
}

static HRESULT WINAPI session_RemoveStream(IRTCSession *iface, LONG media, LONG_PTR cookie)
{
    return E_NOTIMPL;
}

static HRESULT WINAPI session_put_EncryptionKey(IRTCSession *iface, LONG media, BSTR key)
{
    return E_NOTIMPL;
}

static const IRTCSessionVtbl session_vtbl = {
    session_QueryInterface,      session_AddRef,
    session_Release,             session_get_Client,
    session_get_State,           session_get_Type,
    session_get_Profile,         session_get_Participants,
    session_Answer,              session_Terminate,
    session_Redirect,            session_AddParticipant,
    session_RemoveParticipant,   session_EnumerateParticipants,
    session_get_CanAddParticipants, session_get_RedirectedUserURI,
    session_get_RedirectedUserName, session_NextRedirectedUser,
    session_SendMessage,         session_SendMessageStatus,
    session_AddStream,           session_RemoveStream,
    session_put_EncryptionKey,
};

/* IRTCSessionPortManagement */

static HRESULT WINAPI pm_QueryInterface(IRTCSessionPortManagement *iface, REFIID riid, void **out)
{
    return session_QueryInterface(&impl_from_IRTCSessionPortManagement(iface)->IRTCSession_iface, riid, out);
}

static ULONG WINAPI pm_AddRef(IRTCSessionPortManagement *iface)
{
    return session_AddRef(&impl_from_IRTCSessionPortManagement(iface)->IRTCSession_iface);
}

static ULONG WINAPI pm_Release(IRTCSessionPortManagement *iface)
{
    return session_Release(&impl_from_IRTCSessionPortManagement(iface)->IRTCSession_iface);
}

/* Allowed only while the session is idle (RTC_E_INVALID_SESSION_STATE otherwise, and the
 * current manager stays), on a session type that carries media (RTC_E_INVALID_SESSION_TYPE);
 * NULL clears the manager; each call replaces the previous one. */
static HRESULT WINAPI pm_SetPortManager(IRTCSessionPortManagement *iface, IRTCPortManager *manager)
{
    struct session *s = impl_from_IRTCSessionPortManagement(iface);
    IRTCPortManager *old = NULL;
    HRESULT hr = S_OK;

    TRACE("%p %p\n", iface, manager);
    if (manager)
        IRTCPortManager_AddRef(manager); /* before the lock: it is the application's object */
    AcquireSRWLockExclusive(&s->lock);
    if (!carries_media(s->type))
        hr = RTC_E_INVALID_SESSION_TYPE;
    else if (s->state != RTCSS_IDLE || s->starting)
        hr = RTC_E_INVALID_SESSION_STATE;
    else
    {
        old = s->pm;
        s->pm = manager;
        manager = NULL;
    }
    ReleaseSRWLockExclusive(&s->lock);
    if (manager)
        IRTCPortManager_Release(manager); /* refused */
    if (old)
        IRTCPortManager_Release(old);
    return hr;
}

static const IRTCSessionPortManagementVtbl pm_vtbl = {
    pm_QueryInterface, pm_AddRef, pm_Release, pm_SetPortManager,
};

/* IOpenHNetSessionMappings */

static HRESULT WINAPI own_QueryInterface(IOpenHNetSessionMappings *iface, REFIID riid, void **out)
{
    return session_QueryInterface(&impl_from_IOpenHNetSessionMappings(iface)->IRTCSession_iface, riid, out);
}

static ULONG WINAPI own_AddRef(IOpenHNetSessionMappings *iface)
{
    return session_AddRef(&impl_from_IOpenHNetSessionMappings(iface)->IRTCSession_iface);
}

static ULONG WINAPI own_Release(IOpenHNetSessionMappings *iface)
{
    return session_Release(&impl_from_IOpenHNetSessionMappings(iface)->IRTCSession_iface);
}

/* Changes one field while the session is idle. */
static HRESULT while_idle(struct session *s, RTC_SESSION_TYPE *type, LONG *media)
{
    HRESULT hr = S_OK;

    AcquireSRWLockExclusive(&s->lock);
    if (s->state != RTCSS_IDLE || s->starting)
        hr = RTC_E_INVALID_SESSION_STATE;
    else if (type)
        s->type = *type;
    else
        s->media = *media;
    ReleaseSRWLockExclusive(&s->lock);
    return hr;
}

static HRESULT WINAPI own_SetType(IOpenHNetSessionMappings *iface, LONG type)
{
    RTC_SESSION_TYPE t = (RTC_SESSION_TYPE)type;

    if (type < RTCST_PC_TO_PC || type > RTCST_APPLICATION)
        return E_INVALIDARG;
    return while_idle(impl_from_IOpenHNetSessionMappings(iface), &t, NULL);
}

static HRESULT WINAPI own_SetMedia(IOpenHNetSessionMappings *iface, LONG media)
{
    if (media & ~RTCMT_ALL)
        return E_INVALIDARG;
    return while_idle(impl_from_IOpenHNetSessionMappings(iface), NULL, &media);
}

static HRESULT WINAPI own_get_RemoteAddress(IOpenHNetSessionMappings *iface, BSTR *out)
{
    struct session *s = impl_from_IOpenHNetSessionMappings(iface);

    if (!out)
        return E_POINTER;
    AcquireSRWLockShared(&s->lock);
    *out = SysAllocString(s->remote ? s->remote : L"");
    ReleaseSRWLockShared(&s->lock);
    return *out ? S_OK : E_OUTOFMEMORY;
}

static HRESULT WINAPI own_get_MappingCount(IOpenHNetSessionMappings *iface, LONG *out)
{
    struct session *s = impl_from_IOpenHNetSessionMappings(iface);

    if (!out)
        return E_POINTER;
    AcquireSRWLockShared(&s->lock);
    *out = (LONG)s->count;
    ReleaseSRWLockShared(&s->lock);
    return S_OK;
}

static HRESULT WINAPI own_GetMapping(IOpenHNetSessionMappings *iface, LONG index, LONG *port_type, BSTR *internal,
                                     LONG *internal_port, BSTR *external, LONG *external_port,
                                     OHN_MAPPING_SOURCE *source)
{
    struct session *s = impl_from_IOpenHNetSessionMappings(iface);
    HRESULT hr = S_OK;

    if (!port_type || !internal || !internal_port || !external || !external_port || !source)
        return E_POINTER;
    *internal = *external = NULL;
    AcquireSRWLockShared(&s->lock);
    if (index < 0 || (unsigned)index >= s->count)
        hr = E_INVALIDARG;
    else
    {
        const struct rtc_mapping *m = &s->mappings[index];

        *port_type = (LONG)m->port_type;
        *internal = SysAllocString(m->internal_address ? m->internal_address : L"");
        *internal_port = m->internal_port;
        *external = SysAllocString(m->external_address ? m->external_address : L"");
        *external_port = m->external_port;
        *source = m->source;
        if (!*internal || !*external)
            hr = E_OUTOFMEMORY;
    }
    ReleaseSRWLockShared(&s->lock);
    if (FAILED(hr))
    {
        SysFreeString(*internal);
        SysFreeString(*external);
        *internal = *external = NULL;
    }
    return hr;
}

/* Tells the port manager of the new remote address, for each mapping it gave. */
static HRESULT WINAPI own_RemoteAddressChanged(IOpenHNetSessionMappings *iface, BSTR address)
{
    struct session *s = impl_from_IOpenHNetSessionMappings(iface);
    struct
    {
        BSTR internal, external;
        LONG internal_port, external_port;
    } given[MAX_MAPPINGS];
    IRTCPortManager *pm = NULL;
    unsigned n = 0, i;
    BSTR remote;
    size_t len;
    HRESULT hr;

    if (FAILED(hr = ohn_in_string(address, 64, E_INVALIDARG, &len)))
        return hr;
    if (!(remote = SysAllocStringLen(address, (UINT)len)))
        return E_OUTOFMEMORY;
    AcquireSRWLockExclusive(&s->lock);
    if (s->state == RTCSS_IDLE || s->state == RTCSS_DISCONNECTED || s->starting)
        hr = RTC_E_INVALID_SESSION_STATE;
    else
    {
        SysFreeString(s->remote);
        s->remote = SysAllocString(remote);
        for (i = 0; i < s->count; i++)
            if (s->mappings[i].source == OHN_SOURCE_PORT_MANAGER)
            {
                given[n].internal = SysAllocString(s->mappings[i].internal_address);
                given[n].external = SysAllocString(s->mappings[i].external_address);
                given[n].internal_port = s->mappings[i].internal_port;
                given[n].external_port = s->mappings[i].external_port;
                n++;
            }
        if (n)
            pm = s->pm; /* not idle: SetPortManager cannot change it */
    }
    ReleaseSRWLockExclusive(&s->lock);
    if (pm)
        IRTCPortManager_AddRef(pm);
    for (i = 0; i < n; i++)
    {
        if (pm)
            IRTCPortManager_UpdateRemoteAddress(pm, remote, given[i].internal, given[i].internal_port,
                                                given[i].external, given[i].external_port);
        SysFreeString(given[i].internal);
        SysFreeString(given[i].external);
    }
    if (pm)
        IRTCPortManager_Release(pm);
    SysFreeString(remote);
    return hr;
}

static const IOpenHNetSessionMappingsVtbl own_vtbl = {
    own_QueryInterface,   own_AddRef,         own_Release,    own_SetType,
    own_SetMedia,         own_get_RemoteAddress, own_get_MappingCount, own_GetMapping,
    own_RemoteAddressChanged,
};

HRESULT rtc_session_create(IUnknown *outer, REFIID riid, void **out)
{
    struct session *s;
    WSADATA wsa;
    HRESULT hr;

    *out = NULL;
    if (WSAStartup(MAKEWORD(2, 2), &wsa)) /* for the session's sockets; balanced in no case: the
                                           * process keeps Winsock, as the engine does */
        return E_UNEXPECTED;
    if (!(s = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, sizeof(*s))))
        return E_OUTOFMEMORY;
    s->IRTCSession_iface.lpVtbl = &session_vtbl;
    s->IRTCSessionPortManagement_iface.lpVtbl = &pm_vtbl;
    s->IOpenHNetSessionMappings_iface.lpVtbl = &own_vtbl;
    s->refs = 1;
    InitializeSRWLock(&s->lock);
    s->type = RTCST_PC_TO_PC;
    s->state = RTCSS_IDLE;
    s->media = RTCMT_AUDIO_SEND | RTCMT_AUDIO_RECEIVE;
    ohn_object_created();
    hr = session_QueryInterface(&s->IRTCSession_iface, riid, out);
    session_Release(&s->IRTCSession_iface);
    return hr;
}

/* The participant AddParticipant returns. */

struct participant
{
    IRTCParticipant IRTCParticipant_iface;
    LONG refs;
    struct session *session;
    BSTR uri, name;
};

static struct participant *impl_from_IRTCParticipant(IRTCParticipant *iface)
{
    return CONTAINING_RECORD(iface, struct participant, IRTCParticipant_iface);
}

static HRESULT WINAPI participant_QueryInterface(IRTCParticipant *iface, REFIID riid, void **out)
{
    if (!out)
        return E_POINTER;
    if (IsEqualGUID(riid, &IID_IUnknown) || IsEqualGUID(riid, &IID_IRTCParticipant))
    {
        *out = iface;
        IRTCParticipant_AddRef(iface);
        return S_OK;
    }
    *out = NULL;
    return E_NOINTERFACE;
}

static ULONG WINAPI participant_AddRef(IRTCParticipant *iface)
{
    return InterlockedIncrement(&impl_from_IRTCParticipant(iface)->refs);
}

static ULONG WINAPI participant_Release(IRTCParticipant *iface)
{
    struct participant *p = impl_from_IRTCParticipant(iface);
    LONG refs = InterlockedDecrement(&p->refs);

    if (!refs)
    {
        session_Release(&p->session->IRTCSession_iface);
        SysFreeString(p->uri);
        SysFreeString(p->name);
        HeapFree(GetProcessHeap(), 0, p);
        ohn_object_destroyed();
    }
    return refs;
}

static HRESULT participant_string(BSTR value, BSTR *out)
{
    if (!out)
        return E_POINTER;
    return (*out = SysAllocString(value)) ? S_OK : E_OUTOFMEMORY;
}

static HRESULT WINAPI participant_get_UserURI(IRTCParticipant *iface, BSTR *out)
{
    return participant_string(impl_from_IRTCParticipant(iface)->uri, out);
}

static HRESULT WINAPI participant_get_Name(IRTCParticipant *iface, BSTR *out)
{
    return participant_string(impl_from_IRTCParticipant(iface)->name, out);
}

static HRESULT WINAPI participant_get_Removable(IRTCParticipant *iface, VARIANT_BOOL *out)
{
    if (!out)
        return E_POINTER;
    *out = VARIANT_FALSE;
    return S_OK;
}

/* The participant follows the session: pending while it is in progress, then disconnected. */
static HRESULT WINAPI participant_get_State(IRTCParticipant *iface, RTC_PARTICIPANT_STATE *out)
{
    RTC_SESSION_STATE state;

    if (!out)
        return E_POINTER;
    session_get_State(&impl_from_IRTCParticipant(iface)->session->IRTCSession_iface, &state);
    *out = state == RTCSS_DISCONNECTED ? RTCPS_DISCONNECTED : RTCPS_PENDING;
    return S_OK;
}

static HRESULT WINAPI participant_get_Session(IRTCParticipant *iface, IRTCSession **out)
{
    struct participant *p = impl_from_IRTCParticipant(iface);

    if (!out)
        return E_POINTER;
    *out = &p->session->IRTCSession_iface;
    session_AddRef(*out);
    return S_OK;
}

static const IRTCParticipantVtbl participant_vtbl = {
    participant_QueryInterface, participant_AddRef,       participant_Release,     participant_get_UserURI,
    participant_get_Name,       participant_get_Removable, participant_get_State, participant_get_Session,
};

static HRESULT participant_create(struct session *s, BSTR uri, BSTR name, IRTCParticipant **out)
{
    struct participant *p = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, sizeof(*p));

    if (!p || !(p->uri = SysAllocString(uri)) || !(p->name = SysAllocString(name ? name : L"")))
    {
        if (p)
            SysFreeString(p->uri);
        HeapFree(GetProcessHeap(), 0, p);
        return E_OUTOFMEMORY;
    }
    p->IRTCParticipant_iface.lpVtbl = &participant_vtbl;
    p->refs = 1;
    session_AddRef(&s->IRTCSession_iface);
    p->session = s;
    ohn_object_created();
    *out = &p->IRTCParticipant_iface;
    return S_OK;
}
