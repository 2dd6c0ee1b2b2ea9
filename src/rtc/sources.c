/*
 * Where a session's port mappings come from, tried in this order (rtc_private.h):
 *
 *   1. the application's IRTCPortManager, when one is set: GetMapping for each port type. The
 *      internal address and port it gives are where the session binds its socket. A failure
 *      fails the start (RTC_E_PORT_MAPPING_FAILED): never a fall through to the others.
 *   2. the UPnP gateway, when the engine finds one (the first discovery of the process is
 *      waited for): a UDP mapping per port, owned by the session and renewed while it lives.
 *   3. the ICS mapping store: an enabled UDP mapping per port on the publicly shared
 *      connection, named after the session and its process; with no publicly shared
 *      connection, RTC_E_PORT_MAPPING_UNAVAILABLE.
 *
 * The RTP and RTCP ports of a medium are a pair, RTCP on RTP + 1 (RFC 3550, 11).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "rtc/rtc_private.h"
#include "store/store.h"

#define PAIR_TRIES 64

void rtc_mapping_init(struct rtc_mapping *m)
{
    memset(m, 0, sizeof(*m));
    m->sock = INVALID_SOCKET;
}

void rtc_mapping_clear(struct rtc_mapping *m)
{
    if (m->sock != INVALID_SOCKET)
        closesocket(m->sock);
    SysFreeString(m->internal_address);
    SysFreeString(m->external_address);
    rtc_mapping_init(m);
}

void rtc_process_identity(uint32_t *pid, uint64_t *start)
{
    FILETIME created, exited, kernel, user;

    *pid = GetCurrentProcessId();
    *start = 0;
    if (GetProcessTimes(GetCurrentProcess(), &created, &exited, &kernel, &user))
        *start = (uint64_t)created.dwHighDateTime << 32 | created.dwLowDateTime;
}

static BSTR bstr_ipv4(uint32_t ip)
{
    char text[16];

    ohn_ipv4_format(ip, text);
    return ohn_bstr_from_utf8(text);
}

static SOCKET bind_udp(uint32_t ip, uint16_t port)
{
    struct sockaddr_in addr;
    SOCKET s = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);

    if (s == INVALID_SOCKET)
        return s;
    memset(&addr, 0, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(ip);
    addr.sin_port = htons(port);
    if (bind(s, (const struct sockaddr *)&addr, sizeof(addr)))
    {
        closesocket(s);
        return INVALID_SOCKET;
    }
    return s;
}

/* An RTP and RTCP pair of sockets on ip: an even port and the next one. */
static BOOL bind_pair(uint32_t ip, SOCKET *rtp, SOCKET *rtcp, uint16_t *port)
{
    unsigned i;

    for (i = 0; i < PAIR_TRIES; i++)
    {
        uint16_t p = (uint16_t)(49152 + ((GetTickCount() ^ (i * 7919u) ^ GetCurrentThreadId()) % 8192) * 2);

        if ((*rtp = bind_udp(ip, p)) == INVALID_SOCKET)
            continue;
        if ((*rtcp = bind_udp(ip, (uint16_t)(p + 1))) != INVALID_SOCKET)
        {
            *port = p;
            return TRUE;
        }
        closesocket(*rtp);
    }
    return FALSE;
}

/* The socket of a port of ours on ip: RTP opens the pair, RTCP takes the other half. */
static BOOL own_port(struct rtc_start *st, uint32_t ip, unsigned port_type, SOCKET *sock, uint16_t *port)
{
    BOOL rtcp = port_type == RTCPT_AUDIO_RTCP || port_type == RTCPT_VIDEO_RTCP;

    if (rtcp && st->pending_rtcp != INVALID_SOCKET)
    {
        *sock = st->pending_rtcp;
        *port = st->pending_port;
        st->pending_rtcp = INVALID_SOCKET;
        return TRUE;
    }
    if (st->pending_rtcp != INVALID_SOCKET)
    {
        closesocket(st->pending_rtcp);
        st->pending_rtcp = INVALID_SOCKET;
    }
    if (!bind_pair(ip, sock, &st->pending_rtcp, port))
        return FALSE;
    st->pending_port = (uint16_t)(*port + 1);
    if (rtcp)
    {
        /* An RTCP port without its RTP one (a port manager that handled RTP): the odd one. */
        closesocket(*sock);
        *sock = st->pending_rtcp;
        *port = st->pending_port;
        st->pending_rtcp = INVALID_SOCKET;
    }
    return TRUE;
}

static void finish(struct rtc_start *st)
{
    if (st->pending_rtcp != INVALID_SOCKET)
        closesocket(st->pending_rtcp);
    st->pending_rtcp = INVALID_SOCKET;
}

/* 1. The application's port manager. */

static HRESULT pm_prepare(struct rtc_start *st)
{
    return st->pm ? S_OK : S_FALSE;
}

static BOOL bstr_ipv4_parse(BSTR s, uint32_t *ip)
{
    char text[16];
    size_t len;

    return s && SUCCEEDED(ohn_in_string(s, 15, E_INVALIDARG, &len)) && ohn_utf8_from_wide(s, len, text, sizeof(text)) &&
           !ohn_ipv4_parse(text, ip);
}

static HRESULT pm_obtain(struct rtc_start *st, unsigned port_type, struct rtc_mapping *m)
{
    BSTR internal = NULL, external = NULL;
    LONG internal_port = 0, external_port = 0;
    uint32_t ip, ext_ip;
    HRESULT hr;

    /* [in,out]: in empty, the application allocates what comes out, the session frees it. */
    hr = IRTCPortManager_GetMapping(st->pm, st->remote, (RTC_PORT_TYPE)port_type, &internal, &internal_port,
                                    &external, &external_port);
    m->port_type = port_type;
    if (FAILED(hr))
    {
        SysFreeString(internal);
        SysFreeString(external);
        TRACE("GetMapping(%u) failed: %#lx\n", port_type, hr);
        return RTC_E_PORT_MAPPING_FAILED;
    }
    /* Given: from here on it is released with ReleaseMapping, whatever it holds. */
    m->source = OHN_SOURCE_PORT_MANAGER;
    m->internal_address = internal;
    m->internal_port = internal_port;
    m->external_address = external;
    m->external_port = external_port;
    if (!bstr_ipv4_parse(internal, &ip) || !bstr_ipv4_parse(external, &ext_ip) || internal_port < 1 ||
        internal_port > 65535 || external_port < 1 || external_port > 65535)
    {
        TRACE("GetMapping(%u) gave no usable mapping\n", port_type);
        return RTC_E_PORT_MAPPING_FAILED;
    }
    if ((m->sock = bind_udp(ip, (uint16_t)internal_port)) == INVALID_SOCKET)
    {
        TRACE("cannot bind the port manager's %ls:%ld: %d\n", internal, internal_port, WSAGetLastError());
        return RTC_E_PORT_MAPPING_FAILED;
    }
    return S_OK;
}

static void pm_release(IRTCPortManager *pm, struct rtc_mapping *m)
{
    HRESULT hr;

    if (!pm)
        return;
    /* The values it gave, once (the SDK names the last parameter ...Address; it is the port). */
    hr = IRTCPortManager_ReleaseMapping(pm, m->internal_address, m->internal_port, m->external_address,
                                        m->external_port);
    TRACE("ReleaseMapping(%u): %#lx\n", m->port_type, hr);
}

/* 2. The UPnP gateway. */

static HRESULT gateway_prepare(struct rtc_start *st)
{
    /* In a process that has just loaded the DLL, its first discovery decides. */
    HRESULT hr = ohn_engine_gateway(st->deadline, &st->gw);

    return FAILED(hr) ? RTC_E_PORT_MAPPING_FAILED : hr;
}

static HRESULT gateway_obtain(struct rtc_start *st, unsigned port_type, struct rtc_mapping *m)
{
    struct ohn_igd_entry e;
    uint32_t pid, external_ip;
    uint64_t start;
    uint16_t port;
    long granted;
    int err = 0, tries;

    m->port_type = port_type;
    if (!own_port(st, st->gw->igd.lan_ip, port_type, &m->sock, &port))
        return RTC_E_PORT_MAPPING_FAILED;
    memset(&e, 0, sizeof(e));
    e.protocol = OHN_PROTO_UDP;
    e.internal_ip = st->gw->igd.lan_ip;
    e.internal_port = port;
    e.enabled = 1;
    e.lease = OHN_RTC_GATEWAY_LEASE;
    rtc_process_identity(&pid, &start);
    ohn_session_mapping_name(pid, start, port_type, e.description, sizeof(e.description));
    /* The same external port when the gateway has it free, another one when not. */
    for (tries = 0; tries < 8; tries++)
    {
        e.external_port = tries ? (uint16_t)(49152 + (GetTickCount() * 31u + tries * 977u) % 16383) : port;
        if ((err = ohn_gw_add(st->gw, st->deadline, &e, &granted)) != OHN_UPNP_CONFLICT)
            break;
    }
    if (err)
    {
        TRACE("the gateway refused %u: %d\n", port_type, err);
        closesocket(m->sock);
        m->sock = INVALID_SOCKET;
        return RTC_E_PORT_MAPPING_FAILED;
    }
    ohn_engine_own(st->gw, &e, granted); /* renewed while the session lives */
    m->source = OHN_SOURCE_GATEWAY;
    ohn_gateway_addref(st->gw);
    m->gw = st->gw;
    m->internal_address = bstr_ipv4(e.internal_ip);
    m->internal_port = port;
    external_ip = ohn_engine_external_ip(st->gw);
    m->external_address = bstr_ipv4(external_ip);
    m->external_port = e.external_port;
    return S_OK;
}

static void gateway_release(IRTCPortManager *pm, struct rtc_mapping *m)
{
    int err;

    ohn_engine_disown(m->gw, OHN_PROTO_UDP, (uint16_t)m->external_port, "");
    err = ohn_gw_remove(m->gw, ohn_engine_deadline(), OHN_PROTO_UDP, (uint16_t)m->external_port, "");
    TRACE("deleted UDP %ld from the gateway: %d\n", m->external_port, err);
    ohn_gateway_release(m->gw);
    m->gw = NULL;
}

static void gateway_finish(struct rtc_start *st)
{
    finish(st);
    ohn_gateway_release(st->gw);
    st->gw = NULL;
}

/* 3. The ICS mapping store. */

static HRESULT store_prepare(struct rtc_start *st)
{
    struct ohn_sharing roles;
    static const uint8_t none[OHN_GUID_SIZE];

    if (FAILED(store_get_roles(&roles)) || !memcmp(roles.public_guid, none, sizeof(none)))
        return RTC_E_PORT_MAPPING_UNAVAILABLE; /* no publicly shared connection */
    memcpy(&st->public_conn, roles.public_guid, sizeof(st->public_conn));
    if (connection_ipv4(&st->public_conn, &st->public_ip) != S_OK)
        return RTC_E_PORT_MAPPING_UNAVAILABLE;
    return S_OK;
}

static HRESULT store_obtain(struct rtc_start *st, unsigned port_type, struct rtc_mapping *m)
{
    char name[OHN_SESSION_NAME_MAX], address[16];
    WCHAR wname[OHN_SESSION_NAME_MAX], waddress[16];
    struct store_conn *conn;
    uint32_t pid, id;
    uint64_t start;
    uint16_t port;
    HRESULT hr = E_FAIL;
    int tries;

    m->port_type = port_type;
    rtc_process_identity(&pid, &start);
    ohn_session_mapping_name(pid, start, port_type, name, sizeof(name));
    MultiByteToWideChar(CP_ACP, 0, name, -1, wname, ARRAY_SIZE(wname));
    ohn_ipv4_format(st->public_ip, address);
    MultiByteToWideChar(CP_ACP, 0, address, -1, waddress, ARRAY_SIZE(waddress));
    if (FAILED(store_conn_open(&st->public_conn, &conn)))
        return RTC_E_PORT_MAPPING_FAILED;
    /* Before the mapping exists: a process killed after adding it is cleaned up after. */
    rtc_mark_store_sessions();
    for (tries = 0; tries < 8; tries++)
    {
        if (!own_port(st, st->public_ip, port_type, &m->sock, &port))
            break;
        if (ohn_mapping_init(&m->store_record, (const ohn_char *)wname, wcslen(wname), OHN_PROTO_UDP, port, port, 0,
                             (const ohn_char *)waddress, wcslen(waddress), OHN_TARGET_IPADDRESS) != OHN_OK)
            break;
        /* A port somebody already mapped on that connection: another pair. */
        if ((hr = store_mapping_add(conn, &m->store_record, &id)) != HRESULT_FROM_WIN32(ERROR_OBJECT_ALREADY_EXISTS))
            break;
        closesocket(m->sock);
        m->sock = INVALID_SOCKET;
        finish(st);
    }
    if (SUCCEEDED(hr) && FAILED(hr = store_mapping_set_enabled(conn, &m->store_record, id, 1)))
        store_mapping_delete(conn, &m->store_record, id);
    if (FAILED(hr))
    {
        if (m->sock != INVALID_SOCKET)
            closesocket(m->sock);
        m->sock = INVALID_SOCKET;
        store_conn_release(conn);
        return RTC_E_PORT_MAPPING_FAILED;
    }
    m->source = OHN_SOURCE_STORE;
    m->store = conn;
    m->store_id = id;
    m->store_record.enabled = 1;
    m->internal_address = bstr_ipv4(st->public_ip);
    m->internal_port = port;
    m->external_address = bstr_ipv4(st->public_ip);
    m->external_port = port;
    return S_OK;
}

static void store_release(IRTCPortManager *pm, struct rtc_mapping *m)
{
    HRESULT hr = store_mapping_delete(m->store, &m->store_record, m->store_id);

    TRACE("deleted store mapping UDP %ld: %#lx\n", m->external_port, hr);
    store_conn_release(m->store);
    m->store = NULL;
}

static const struct rtc_source port_manager_source = {OHN_SOURCE_PORT_MANAGER, pm_prepare, pm_obtain, pm_release,
                                                      finish};
static const struct rtc_source gateway_source = {OHN_SOURCE_GATEWAY, gateway_prepare, gateway_obtain,
                                                 gateway_release, gateway_finish};
static const struct rtc_source store_source = {OHN_SOURCE_STORE, store_prepare, store_obtain, store_release, finish};

const struct rtc_source *const rtc_sources[3] = {&port_manager_source, &gateway_source, &store_source};
