/*
 * The RTC-style session object (HNetCfg.RTCSession) under Wine, without a gateway: the port
 * manager contract (fake port managers that record every call and count any call they did not
 * expect), BSTR ownership (SysFreeString of the DLL counted through its import table), the
 * store source, the remote address rule, and the cleanup of what a killed process left.
 *
 * The namespace of the test has no UPnP gateway, so a session without a port manager waits
 * for the first discovery of its process (about 2 s) and then uses the mapping store.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "rtc_fake.h"

#define NAT_PROTOCOL_UDP 17
#define SESSION_PREFIX L"open-hnetcfg RTC session "
#define HELD_EVENT L"Local\\ohn-test-rtc-held"
#define QUIT_EVENT L"Local\\ohn-test-rtc-quit"

/* Sessions. */

struct fixture
{
    IRTCSession *session;
    IRTCSessionPortManagement *spm;
    IOpenHNetSessionMappings *own;
};

static IRTCSession *new_session(void)
{
    IRTCSession *s = NULL;

    assert_hr(S_OK, CoCreateInstance(&CLSID_RTCSession, NULL, CLSCTX_INPROC_SERVER, &test_IID_IRTCSession, (void **)&s));
    assert_non_null(s);
    hook_free();
    return s;
}

/* Releases the fixture's session (before a fake port manager on the stack goes away). */
static void drop_session(struct fixture *f)
{
    if (f->own)
        IOpenHNetSessionMappings_Release(f->own);
    if (f->spm)
        IRTCSessionPortManagement_Release(f->spm);
    if (f->session)
        IRTCSession_Release(f->session);
    f->own = NULL;
    f->spm = NULL;
    f->session = NULL;
}

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof(*f));
    WSADATA wsa;

    if (!f || test_setup_com(state) || WSAStartup(MAKEWORD(2, 2), &wsa))
        return -1;
    f->session = new_session();
    assert_hr(S_OK, IRTCSession_QueryInterface(f->session, &test_IID_IRTCSessionPortManagement, (void **)&f->spm));
    assert_hr(S_OK, IRTCSession_QueryInterface(f->session, &IID_IOpenHNetSessionMappings, (void **)&f->own));
    watch_reset();
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;

    drop_session(f);
    free(f);
    WSACleanup();
    return test_teardown_com(state);
}

static RTC_SESSION_STATE state_of(IRTCSession *s)
{
    RTC_SESSION_STATE st = (RTC_SESSION_STATE)-1;

    assert_hr(S_OK, IRTCSession_get_State(s, &st));
    return st;
}

static void assert_bstr(const WCHAR *expected, BSTR actual)
{
    assert_non_null(actual);
    if (lstrcmpW(expected, actual))
        print_error("expected '%ls', got '%ls'\n", expected, actual);
    assert_int_equal(0, lstrcmpW(expected, actual));
    assert_int_equal(lstrlenW(expected), SysStringLen(actual));
}

static LONG mapping_count(IOpenHNetSessionMappings *own)
{
    LONG n = -1;

    assert_hr(S_OK, IOpenHNetSessionMappings_get_MappingCount(own, &n));
    return n;
}

static HRESULT add_participant(IRTCSession *s, const WCHAR *uri, IRTCParticipant **p)
{
    *p = NULL;
    return IRTCSession_AddParticipant(s, (BSTR)uri, (BSTR)L"Bob", p);
}

/* Tests. */

static void new_session_is_idle_pc_to_pc(void **state)
{
    struct fixture *f = *state;
    RTC_SESSION_TYPE type = (RTC_SESSION_TYPE)-1;
    VARIANT_BOOL can = VARIANT_FALSE;
    IRTCProfile *profile = (IRTCProfile *)1;
    IRTCClient *client = (IRTCClient *)1;
    IDispatch *disp = (IDispatch *)1;
    IUnknown *unk = NULL;
    BSTR s = (BSTR)1;

    assert_int_equal(RTCSS_IDLE, state_of(f->session));
    assert_hr(S_OK, IRTCSession_get_Type(f->session, &type));
    assert_int_equal(RTCST_PC_TO_PC, type);
    assert_hr(S_OK, IRTCSession_get_CanAddParticipants(f->session, &can));
    assert_int_equal(VARIANT_TRUE, can);
    assert_hr(E_POINTER, IRTCSession_get_State(f->session, NULL));
    assert_hr(E_POINTER, IRTCSession_get_Type(f->session, NULL));
    assert_int_equal(0, mapping_count(f->own));
    assert_hr(S_OK, IOpenHNetSessionMappings_get_RemoteAddress(f->own, &s));
    assert_bstr(L"", s);
    SysFreeString(s);

    /* The methods it does not implement: documented errors, outputs cleared. */
    assert_hr(E_NOTIMPL, IRTCSession_get_Client(f->session, &client));
    assert_null(client);
    assert_hr(E_NOTIMPL, IRTCSession_get_Profile(f->session, &profile));
    assert_null(profile);
    s = (BSTR)1;
    assert_hr(E_NOTIMPL, IRTCSession_get_RedirectedUserURI(f->session, &s));
    assert_null(s);
    assert_hr(E_NOTIMPL, IRTCSession_Redirect(f->session, RTCST_PC_TO_PC, (BSTR)L"sip:x@192.0.2.9", NULL, 0));
    assert_hr(E_NOTIMPL, IRTCSession_AddStream(f->session, RTCMT_AUDIO_SEND, 0));
    assert_hr(E_NOTIMPL, IRTCSession_SendMessage(f->session, (BSTR)L"", (BSTR)L"hi", 0));
    assert_hr(RTC_E_INVALID_SESSION_STATE, IRTCSession_Answer(f->session));

    /* Its interfaces; none that it does not have. */
    assert_hr(S_OK, IRTCSession_QueryInterface(f->session, &IID_IUnknown, (void **)&unk));
    IUnknown_Release(unk);
    assert_hr(E_NOINTERFACE, IRTCSession_QueryInterface(f->session, &IID_IDispatch, (void **)&disp));
    assert_null(disp);

    /* Bad input: documented errors, nothing changes. */
    assert_hr(E_INVALIDARG, IOpenHNetSessionMappings_SetType(f->own, 42));
    assert_hr(E_INVALIDARG, IOpenHNetSessionMappings_SetMedia(f->own, 0x100));
    assert_hr(S_OK, IRTCSession_get_Type(f->session, &type));
    assert_int_equal(RTCST_PC_TO_PC, type);
    {
        LONG t = -1, in_port = -1, ex_port = -1;
        OHN_MAPPING_SOURCE source = OHN_SOURCE_NONE;
        BSTR in = (BSTR)1, ex = (BSTR)1;

        assert_hr(E_INVALIDARG, IOpenHNetSessionMappings_GetMapping(f->own, 0, &t, &in, &in_port, &ex, &ex_port, &source));
        assert_null(in);
        assert_null(ex);
        assert_hr(E_POINTER, IOpenHNetSessionMappings_GetMapping(f->own, 0, NULL, &in, &in_port, &ex, &ex_port, &source));
    }
    assert_hr(RTC_E_INVALID_SESSION_STATE, IOpenHNetSessionMappings_RemoteAddressChanged(f->own, (BSTR)L"192.0.2.5"));
    assert_int_equal(RTCSS_IDLE, state_of(f->session));
}

static void port_manager_replaced_and_cleared(void **state)
{
    struct fixture *f = *state;
    struct fake_pm a, b;
    IRTCParticipant *p;

    fake_init(&a, 0);
    fake_init(&b, 0);
    assert_hr(S_OK, IRTCSessionPortManagement_SetPortManager(f->spm, &a.IRTCPortManager_iface));
    assert_int_equal(2, a.refs);
    assert_hr(S_OK, IRTCSessionPortManagement_SetPortManager(f->spm, &b.IRTCPortManager_iface));
    assert_int_equal(1, a.refs);
    assert_int_equal(2, b.refs);
    assert_hr(S_OK, IRTCSessionPortManagement_SetPortManager(f->spm, &b.IRTCPortManager_iface));
    assert_int_equal(2, b.refs);
    assert_hr(S_OK, IRTCSessionPortManagement_SetPortManager(f->spm, NULL));
    assert_int_equal(1, b.refs);

    /* Cleared: neither is asked. No gateway here and no publicly shared connection, so there is
     * no mapping to be had; the session stays idle. */
    assert_hr(RTC_E_PORT_MAPPING_UNAVAILABLE, add_participant(f->session, L"sip:bob@192.0.2.7", &p));
    assert_null(p);
    assert_int_equal(RTCSS_IDLE, state_of(f->session));
    assert_int_equal(0, mapping_count(f->own));
    assert_int_equal(0, a.ncalls);
    assert_int_equal(0, b.ncalls);
    drop_session(f);
    fake_done(&a);
    fake_done(&b);
}

static void port_manager_gives_every_mapping(void **state)
{
    struct fixture *f = *state;
    struct fake_pm pm;
    IRTCParticipant *p;
    IRTCSession *back = NULL;
    RTC_PARTICIPANT_STATE ps;
    struct test_session_mapping m;
    BSTR uri = NULL;
    LONG i;

    fake_init(&pm, CALL_GET | CALL_RELEASE);
    assert_hr(S_OK, IOpenHNetSessionMappings_SetMedia(f->own, RTCMT_AUDIO_SEND | RTCMT_AUDIO_RECEIVE | RTCMT_VIDEO_SEND));
    assert_hr(S_OK, IRTCSessionPortManagement_SetPortManager(f->spm, &pm.IRTCPortManager_iface));
    assert_hr(S_OK, add_participant(f->session, L"sip:bob@192.0.2.7:5060;transport=udp", &p));
    assert_non_null(p);
    assert_int_equal(RTCSS_INPROGRESS, state_of(f->session));

    /* One GetMapping per media port, in order, with the URI's host as the remote address and
     * empty [in,out] values. */
    assert_int_equal(4, pm.ncalls);
    for (i = 0; i < 4; i++)
    {
        assert_int_equal(CALL_GET, pm.calls[i].kind);
        assert_int_equal(i, pm.calls[i].type);
        assert_int_equal(0, lstrcmpW(L"192.0.2.7", pm.calls[i].remote));
        assert_true(pm.calls[i].in_values_empty);
    }
    /* What it gave, as the session reads it back; the session holds each internal port. */
    assert_int_equal(4, mapping_count(f->own));
    for (i = 0; i < 4; i++)
    {
        test_session_mapping(f->own, i, &m);
        assert_int_equal(i, m.type);
        assert_int_equal(OHN_SOURCE_PORT_MANAGER, m.source);
        assert_int_equal(0, lstrcmpW(L"127.0.0.1", m.internal));
        assert_int_equal(pm.ports[i], m.internal_port);
        assert_int_equal(0, lstrcmpW(pm.calls[i].external, m.external));
        assert_int_equal(30000 + i, m.external_port);
        assert_false(udp_port_free(pm.ports[i]));
    }
    /* The session owns the strings now; it has freed none of them. */
    assert_int_equal(8, watch_count);
    assert_all_freed(0);

    assert_hr(S_OK, IRTCParticipant_get_UserURI(p, &uri));
    assert_bstr(L"sip:bob@192.0.2.7:5060;transport=udp", uri);
    SysFreeString(uri);
    assert_hr(S_OK, IRTCParticipant_get_State(p, &ps));
    assert_int_equal(RTCPS_PENDING, ps);
    assert_hr(S_OK, IRTCParticipant_get_Session(p, &back));
    assert_ptr_equal(f->session, back);
    IRTCSession_Release(back);

    /* Terminate: ReleaseMapping once per mapping, with the values it gave (the same strings);
     * then every string freed exactly once, and the ports closed. */
    assert_hr(S_OK, IRTCSession_Terminate(f->session, RTCTR_NORMAL));
    assert_int_equal(RTCSS_DISCONNECTED, state_of(f->session));
    assert_int_equal(8, pm.ncalls);
    for (i = 0; i < 4; i++)
    {
        const struct call *r = &pm.calls[4 + i], *g = &pm.calls[i];

        assert_int_equal(CALL_RELEASE, r->kind);
        assert_ptr_equal(g->internal, r->internal);
        assert_ptr_equal(g->external, r->external);
        assert_int_equal(g->internal_port, r->internal_port);
        assert_int_equal(g->external_port, r->external_port);
        assert_true(udp_port_free(pm.ports[i]));
    }
    assert_all_freed(1);
    assert_hr(S_OK, IRTCParticipant_get_State(p, &ps));
    assert_int_equal(RTCPS_DISCONNECTED, ps);
    assert_int_equal(0, mapping_count(f->own));

    /* Ended: a second Terminate, a new participant, a new port manager are refused. */
    assert_hr(RTC_E_INVALID_SESSION_STATE, IRTCSession_Terminate(f->session, RTCTR_NORMAL));
    IRTCParticipant_Release(p);
    assert_hr(RTC_E_INVALID_SESSION_STATE, add_participant(f->session, L"sip:bob@192.0.2.7", &p));
    assert_null(p);
    assert_hr(RTC_E_INVALID_SESSION_STATE, IRTCSessionPortManagement_SetPortManager(f->spm, NULL));
    assert_int_equal(8, pm.ncalls);
    assert_all_freed(1);
    drop_session(f);
    fake_done(&pm);
}

static void refused_when_not_idle_and_the_manager_stays(void **state)
{
    struct fixture *f = *state;
    struct fake_pm a, b;
    IRTCParticipant *p;
    LONG i;

    fake_init(&a, CALL_GET | CALL_UPDATE | CALL_RELEASE);
    fake_init(&b, 0);
    assert_hr(S_OK, IRTCSessionPortManagement_SetPortManager(f->spm, &a.IRTCPortManager_iface));
    assert_hr(S_OK, add_participant(f->session, L"sip:bob@192.0.2.7", &p));
    assert_int_equal(2, a.ncalls); /* audio only: RTP and RTCP */

    assert_hr(RTC_E_INVALID_SESSION_STATE, IRTCSessionPortManagement_SetPortManager(f->spm, &b.IRTCPortManager_iface));
    assert_int_equal(1, b.refs);
    assert_hr(RTC_E_INVALID_SESSION_STATE, IRTCSessionPortManagement_SetPortManager(f->spm, NULL));
    assert_hr(RTC_E_INVALID_SESSION_STATE, IOpenHNetSessionMappings_SetType(f->own, RTCST_PC_TO_PHONE));
    assert_hr(RTC_E_INVALID_SESSION_STATE, IOpenHNetSessionMappings_SetMedia(f->own, RTCMT_ALL_RTP));

    /* The remote party moved: the manager that is still set hears of it, once per mapping. */
    assert_hr(E_INVALIDARG, IOpenHNetSessionMappings_RemoteAddressChanged(f->own, NULL));
    assert_int_equal(2, a.ncalls);
    assert_hr(S_OK, IOpenHNetSessionMappings_RemoteAddressChanged(f->own, (BSTR)L"203.0.113.77"));
    assert_int_equal(4, a.ncalls);
    for (i = 0; i < 2; i++)
    {
        const struct call *u = &a.calls[2 + i], *g = &a.calls[i];

        assert_int_equal(CALL_UPDATE, u->kind);
        assert_int_equal(0, lstrcmpW(L"203.0.113.77", u->remote));
        assert_int_equal(0, lstrcmpW(g->internal, u->internal));
        assert_int_equal(0, lstrcmpW(g->external, u->external));
        assert_int_equal(g->internal_port, u->internal_port);
        assert_int_equal(g->external_port, u->external_port);
    }
    {
        BSTR r = NULL;

        assert_hr(S_OK, IOpenHNetSessionMappings_get_RemoteAddress(f->own, &r));
        assert_bstr(L"203.0.113.77", r);
        SysFreeString(r);
    }
    assert_all_freed(0);

    assert_hr(S_OK, IRTCSession_Terminate(f->session, RTCTR_NORMAL));
    assert_int_equal(6, a.ncalls);
    assert_int_equal(CALL_RELEASE, a.calls[4].kind);
    assert_int_equal(CALL_RELEASE, a.calls[5].kind);
    assert_all_freed(1);
    assert_hr(RTC_E_INVALID_SESSION_STATE, IOpenHNetSessionMappings_RemoteAddressChanged(f->own, (BSTR)L"192.0.2.5"));
    IRTCParticipant_Release(p);
    assert_hr(RTC_E_INVALID_SESSION_STATE, IRTCSessionPortManagement_SetPortManager(f->spm, NULL));
    /* The session still holds a; releasing it gives it back without another call. */
    drop_session(f);
    assert_int_equal(6, a.ncalls);
    drop_session(f);
    fake_done(&a);
    fake_done(&b);
}

static void types_without_media_refuse_a_port_manager(void **state)
{
    static const LONG types[] = {RTCST_IM, RTCST_MULTIPARTY_IM, RTCST_PHONE_TO_PHONE, RTCST_APPLICATION};
    struct fixture *f = *state;
    struct fake_pm a;
    RTC_SESSION_TYPE type;
    IRTCParticipant *p;
    unsigned i;

    fake_init(&a, 0);
    for (i = 0; i < ARRAYSIZE(types); i++)
    {
        assert_hr(S_OK, IOpenHNetSessionMappings_SetType(f->own, types[i]));
        assert_hr(S_OK, IRTCSession_get_Type(f->session, &type));
        assert_int_equal(types[i], type);
        assert_hr(RTC_E_INVALID_SESSION_TYPE, IRTCSessionPortManagement_SetPortManager(f->spm, &a.IRTCPortManager_iface));
        assert_int_equal(1, a.refs);
    }
    /* An IM session needs no media ports: it starts with no mapping at all. */
    assert_hr(S_OK, IOpenHNetSessionMappings_SetType(f->own, RTCST_IM));
    assert_hr(S_OK, add_participant(f->session, L"sip:bob@192.0.2.7", &p));
    assert_int_equal(RTCSS_INPROGRESS, state_of(f->session));
    assert_int_equal(0, mapping_count(f->own));
    IRTCParticipant_Release(p);
    assert_hr(S_OK, IRTCSession_Terminate(f->session, RTCTR_NORMAL));
    drop_session(f);
    fake_done(&a);
}

/* The third of four GetMapping calls fails: what was obtained is released, the session stays
 * idle and no other source is tried (a publicly shared connection is there to be tried). */
static void failure_midway_releases_and_stays_idle(void **state)
{
    struct fixture *f = *state;
    INetSharingManager *mgr = test_manager();
    INetConnection *conn = test_connection(mgr, 0);
    INetSharingConfiguration *cfg = test_config(mgr, conn);
    struct fake_pm pm;
    IRTCParticipant *p;
    struct test_session_mapping m;
    LONG i;

    assert_hr(S_OK, INetSharingConfiguration_EnableSharing(cfg, ICSSHARINGTYPE_PUBLIC));
    fake_init(&pm, CALL_GET | CALL_RELEASE);
    pm.fail_at = 2;
    pm.set_on_failure = TRUE; /* and it hands strings out as it fails: the session frees them */
    assert_hr(S_OK, IOpenHNetSessionMappings_SetMedia(f->own, RTCMT_ALL_RTP));
    assert_hr(S_OK, IRTCSessionPortManagement_SetPortManager(f->spm, &pm.IRTCPortManager_iface));
    assert_hr(RTC_E_PORT_MAPPING_FAILED, add_participant(f->session, L"sip:bob@192.0.2.7", &p));
    assert_null(p);
    assert_int_equal(RTCSS_IDLE, state_of(f->session));
    assert_int_equal(0, mapping_count(f->own));
    /* GetMapping 0, 1, 2 (failed), then ReleaseMapping of 0 and 1 only. */
    assert_int_equal(5, pm.ncalls);
    for (i = 0; i < 3; i++)
        assert_int_equal(CALL_GET, pm.calls[i].kind);
    for (i = 0; i < 2; i++)
    {
        assert_int_equal(CALL_RELEASE, pm.calls[3 + i].kind);
        assert_ptr_equal(pm.calls[i].internal, pm.calls[3 + i].internal);
        assert_int_equal(pm.calls[i].external_port, pm.calls[3 + i].external_port);
    }
    assert_int_equal(6, watch_count);
    assert_all_freed(1);
    for (i = 0; i < 4; i++)
        assert_true(udp_port_free(pm.ports[i]));
    assert_int_equal(0, test_count_mappings(cfg)); /* never a fall through to the store */

    /* Still idle: it can be started again, and this time it works. */
    pm.fail_at = -1;
    pm.ncalls = pm.gets = 0;
    watch_reset();
    assert_hr(S_OK, add_participant(f->session, L"sip:bob@192.0.2.7", &p));
    assert_int_equal(4, mapping_count(f->own));
    test_session_mapping(f->own, 3, &m);
    assert_int_equal(OHN_SOURCE_PORT_MANAGER, m.source);
    assert_hr(S_OK, IRTCSession_Terminate(f->session, RTCTR_NORMAL));
    assert_int_equal(8, pm.ncalls);
    assert_all_freed(1);
    IRTCParticipant_Release(p);
    assert_int_equal(0, test_count_mappings(cfg));
    INetSharingConfiguration_Release(cfg);
    INetConnection_Release(conn);
    INetSharingManager_Release(mgr);
    drop_session(f);
    fake_done(&pm);
}

/* A port manager that lies: S_OK and no strings, or an internal address that is not local. The
 * start fails, and what it "gave" is given back all the same. */
static void lying_port_managers(void **state)
{
    struct fixture *f = *state;
    struct fake_pm pm;
    IRTCParticipant *p;
    SOCKET holder;

    fake_init(&pm, CALL_GET | CALL_RELEASE);
    pm.lie = TRUE;
    assert_hr(S_OK, IRTCSessionPortManagement_SetPortManager(f->spm, &pm.IRTCPortManager_iface));
    assert_hr(RTC_E_PORT_MAPPING_FAILED, add_participant(f->session, L"sip:bob@192.0.2.7", &p));
    assert_null(p);
    assert_int_equal(2, pm.ncalls);
    assert_int_equal(CALL_GET, pm.calls[0].kind);
    assert_int_equal(CALL_RELEASE, pm.calls[1].kind);
    assert_null(pm.calls[1].internal);
    assert_int_equal(RTCSS_IDLE, state_of(f->session));

    /* An internal port that somebody else holds: the session cannot bind it. */
    pm.lie = FALSE;
    pm.ncalls = pm.gets = 0;
    holder = bind_loopback(pm.ports[RTCPT_AUDIO_RTP]);
    assert_hr(RTC_E_PORT_MAPPING_FAILED, add_participant(f->session, L"sip:bob@192.0.2.7", &p));
    closesocket(holder);
    assert_int_equal(2, pm.ncalls);
    assert_int_equal(CALL_RELEASE, pm.calls[1].kind);
    assert_ptr_equal(pm.calls[0].internal, pm.calls[1].internal);
    assert_all_freed(1);
    assert_int_equal(RTCSS_IDLE, state_of(f->session));
    drop_session(f);
    fake_done(&pm);
}

struct reentry_run
{
    struct fixture *f;
    struct fake_pm *pm;
    HRESULT add, terminate;
};

static DWORD WINAPI reentry_main(void *arg)
{
    struct reentry_run *r = arg;
    IRTCParticipant *p = NULL;

    CoInitializeEx(NULL, COINIT_MULTITHREADED);
    r->add = IRTCSession_AddParticipant(r->f->session, (BSTR)L"sip:bob@192.0.2.7", NULL, &p);
    r->terminate = IRTCSession_Terminate(r->f->session, RTCTR_NORMAL);
    if (p)
        IRTCParticipant_Release(p);
    CoUninitialize();
    return 0;
}

/* A port manager that calls back into the session from its callbacks: no deadlock (run on a
 * thread with a deadline), and the session answers as its state says. */
static void port_manager_calling_back_in(void **state)
{
    struct fixture *f = *state;
    struct reentry_run r = {f, NULL, E_FAIL, E_FAIL};
    struct fake_pm pm;
    HANDLE thread;

    fake_init(&pm, CALL_GET | CALL_RELEASE);
    pm.reenter = f->session;
    r.pm = &pm;
    assert_hr(S_OK, IRTCSessionPortManagement_SetPortManager(f->spm, &pm.IRTCPortManager_iface));
    thread = CreateThread(NULL, 0, reentry_main, &r, 0, NULL);
    assert_non_null(thread);
    assert_int_equal(WAIT_OBJECT_0, WaitForSingleObject(thread, 20000));
    CloseHandle(thread);
    assert_hr(S_OK, r.add);
    assert_hr(S_OK, r.terminate);
    /* In ReleaseMapping (the last callback) the session had ended already. */
    assert_int_equal(4, pm.ncalls);
    assert_int_equal(RTCSS_DISCONNECTED, pm.reentry_state);
    assert_hr(RTC_E_INVALID_SESSION_STATE, pm.reentry_set_pm);
    assert_hr(RTC_E_INVALID_SESSION_STATE, pm.reentry_add);
    assert_hr(RTC_E_INVALID_SESSION_STATE, pm.reentry_terminate);
    assert_int_equal(VARIANT_FALSE, pm.reentry_can_add);
    assert_all_freed(1);
    drop_session(f);
    fake_done(&pm);
}

/* While GetMapping runs the session is starting: it refuses a new manager, a second start and
 * a Terminate, and is still idle. */
static void port_manager_calling_back_in_while_starting(void **state)
{
    struct fixture *f = *state;
    struct fake_pm pm;
    IRTCParticipant *p;

    fake_init(&pm, CALL_GET | CALL_RELEASE);
    pm.reenter = f->session;
    pm.fail_at = 0;
    assert_hr(S_OK, IRTCSessionPortManagement_SetPortManager(f->spm, &pm.IRTCPortManager_iface));
    assert_hr(RTC_E_PORT_MAPPING_FAILED, add_participant(f->session, L"sip:bob@192.0.2.7", &p));
    assert_int_equal(1, pm.ncalls);
    assert_int_equal(RTCSS_IDLE, pm.reentry_state);
    assert_int_equal(VARIANT_FALSE, pm.reentry_can_add);
    assert_hr(RTC_E_INVALID_SESSION_STATE, pm.reentry_set_pm);
    assert_hr(RTC_E_INVALID_SESSION_STATE, pm.reentry_add);
    assert_hr(RTC_E_INVALID_SESSION_STATE, pm.reentry_terminate);
    assert_int_equal(RTCSS_IDLE, state_of(f->session));
    drop_session(f);
    fake_done(&pm);
}

/* The final Release of a session that was never terminated gives every mapping back. */
static void final_release_releases_mappings(void **state)
{
    struct fixture *f = *state;
    struct fake_pm pm;
    IRTCParticipant *p;

    fake_init(&pm, CALL_GET | CALL_RELEASE);
    assert_hr(S_OK, IRTCSessionPortManagement_SetPortManager(f->spm, &pm.IRTCPortManager_iface));
    assert_hr(S_OK, add_participant(f->session, L"sip:bob@192.0.2.7", &p));
    assert_int_equal(2, pm.ncalls);
    drop_session(f);
    assert_int_equal(2, pm.ncalls); /* the participant still holds the session */
    IRTCParticipant_Release(p);
    assert_int_equal(4, pm.ncalls);
    assert_int_equal(CALL_RELEASE, pm.calls[2].kind);
    assert_int_equal(CALL_RELEASE, pm.calls[3].kind);
    assert_ptr_equal(pm.calls[0].internal, pm.calls[2].internal);
    assert_ptr_equal(pm.calls[1].internal, pm.calls[3].internal);
    assert_all_freed(1);
    assert_true(udp_port_free(pm.ports[0]));
    drop_session(f);
    fake_done(&pm);
}

/* The remote address: an IPv4 host as it is, a name resolved within a second, else "". */
static void remote_address_rule(void **state)
{
    static const struct
    {
        const WCHAR *uri, *remote;
    } cases[] = {
        {L"sip:bob@192.0.2.7:5060;transport=udp", L"192.0.2.7"},
        {L"<sips:Bob@198.51.100.4>", L"198.51.100.4"},
        {L"sip:alice@localhost", L"127.0.0.1"},
        {L"sip:carol@unresolvable.invalid", L""},
        {L"tel:+15550100", L""},
        {L"sip:dave@[2001:db8::1]", L""},
    };
    unsigned i;

    for (i = 0; i < ARRAYSIZE(cases); i++)
    {
        IRTCSession *s = new_session();
        IRTCSessionPortManagement *spm;
        IOpenHNetSessionMappings *own;
        IRTCParticipant *p;
        struct fake_pm pm;
        ULONGLONG t0;
        BSTR r = NULL;
        DWORD took;

        fake_init(&pm, CALL_GET | CALL_RELEASE);
        assert_hr(S_OK, IRTCSession_QueryInterface(s, &test_IID_IRTCSessionPortManagement, (void **)&spm));
        assert_hr(S_OK, IRTCSession_QueryInterface(s, &IID_IOpenHNetSessionMappings, (void **)&own));
        assert_hr(S_OK, IRTCSessionPortManagement_SetPortManager(spm, &pm.IRTCPortManager_iface));
        t0 = GetTickCount64();
        assert_hr(S_OK, add_participant(s, cases[i].uri, &p));
        took = (DWORD)(GetTickCount64() - t0);
        print_message("%ls -> '%ls' in %lu ms\n", cases[i].uri, pm.calls[0].remote, (unsigned long)took);
        assert_int_equal(0, lstrcmpW(cases[i].remote, pm.calls[0].remote));
        assert_hr(S_OK, IOpenHNetSessionMappings_get_RemoteAddress(own, &r));
        assert_bstr(cases[i].remote, r);
        SysFreeString(r);
        /* The resolution deadline (1 s) plus the calls, never the resolver's own timeout: the
         * namespace's DNS server does not exist (scripts/in-netns.sh), a lookup hangs 10 s. */
        assert_true(took < 2500);
        IRTCParticipant_Release(p);
        IOpenHNetSessionMappings_Release(own);
        IRTCSessionPortManagement_Release(spm);
        IRTCSession_Release(s);
        assert_int_equal(4, pm.ncalls);
        fake_done(&pm);
    }
    {
        struct fixture *f = *state;
        IRTCParticipant *p = (IRTCParticipant *)1;

        /* Bad participant addresses: documented errors, the session stays idle. */
        assert_hr(E_INVALIDARG, IRTCSession_AddParticipant(f->session, NULL, NULL, &p));
        assert_null(p);
        assert_hr(E_INVALIDARG, IRTCSession_AddParticipant(f->session, (BSTR)L"", NULL, &p));
        assert_hr(E_POINTER, IRTCSession_AddParticipant(f->session, (BSTR)L"sip:bob@192.0.2.7", NULL, NULL));
        assert_int_equal(RTCSS_IDLE, state_of(f->session));
    }
}

/* The mappings of public connection cfg that a session named after process pid. */
static ULONG session_mappings(INetSharingConfiguration *cfg, DWORD pid, WCHAR *address, LONG *ports)
{
    INetSharingPortMappingCollection *coll = NULL;
    IEnumVARIANT *ev = NULL;
    IUnknown *unk = NULL;
    ULONG n = 0, fetched;
    WCHAR prefix[64];
    VARIANT v;

    wsprintfW(prefix, L"%s%lu.", SESSION_PREFIX, (unsigned long)pid);
    assert_hr(S_OK, INetSharingConfiguration_get_EnumPortMappings(cfg, ICSSC_DEFAULT, &coll));
    assert_hr(S_OK, INetSharingPortMappingCollection_get__NewEnum(coll, &unk));
    assert_hr(S_OK, IUnknown_QueryInterface(unk, &IID_IEnumVARIANT, (void **)&ev));
    VariantInit(&v);
    while (IEnumVARIANT_Next(ev, 1, &v, &fetched) == S_OK && fetched == 1)
    {
        INetSharingPortMapping *m = NULL;
        INetSharingPortMappingProps *props = NULL;
        BSTR name = NULL, target = NULL;
        UCHAR protocol = 0;
        LONG ext = 0, in = 0;
        VARIANT_BOOL enabled = VARIANT_FALSE;

        assert_hr(S_OK, IDispatch_QueryInterface(V_DISPATCH(&v), &IID_INetSharingPortMapping, (void **)&m));
        assert_hr(S_OK, INetSharingPortMapping_get_Properties(m, &props));
        assert_hr(S_OK, INetSharingPortMappingProps_get_Name(props, &name));
        if (!wcsncmp(name, prefix, lstrlenW(prefix)))
        {
            assert_hr(S_OK, INetSharingPortMappingProps_get_IPProtocol(props, &protocol));
            assert_int_equal(NAT_PROTOCOL_UDP, protocol);
            assert_hr(S_OK, INetSharingPortMappingProps_get_ExternalPort(props, &ext));
            assert_hr(S_OK, INetSharingPortMappingProps_get_InternalPort(props, &in));
            assert_int_equal(ext, in);
            assert_hr(S_OK, INetSharingPortMappingProps_get_Enabled(props, &enabled));
            assert_int_equal(VARIANT_TRUE, enabled);
            assert_hr(S_OK, INetSharingPortMappingProps_get_TargetIPAddress(props, &target));
            if (address)
                lstrcpynW(address, target, 16);
            if (ports && n < 4)
                ports[n] = ext;
            SysFreeString(target);
            n++;
        }
        SysFreeString(name);
        INetSharingPortMappingProps_Release(props);
        INetSharingPortMapping_Release(m);
        VariantClear(&v);
    }
    IEnumVARIANT_Release(ev);
    IUnknown_Release(unk);
    INetSharingPortMappingCollection_Release(coll);
    return n;
}

/* No port manager, no gateway: mappings on the publicly shared connection, gone afterwards. */
static void store_mappings_without_gateway(void **state)
{
    struct fixture *f = *state;
    INetSharingManager *mgr = test_manager();
    INetConnection *conn0 = test_connection(mgr, 0), *conn1 = test_connection(mgr, 1);
    INetSharingConfiguration *pub = test_config(mgr, conn0), *other = test_config(mgr, conn1);
    WCHAR address[16] = L"";
    LONG ports[4] = {0};
    IRTCParticipant *p;
    struct test_session_mapping m;
    LONG i;

    /* No publicly shared connection: unavailable, and nothing created anywhere. */
    assert_hr(RTC_E_PORT_MAPPING_UNAVAILABLE, add_participant(f->session, L"sip:bob@192.0.2.7", &p));
    assert_null(p);
    assert_int_equal(RTCSS_IDLE, state_of(f->session));
    assert_int_equal(0, test_count_mappings(pub));
    assert_int_equal(0, test_count_mappings(other));

    assert_hr(S_OK, INetSharingConfiguration_EnableSharing(pub, ICSSHARINGTYPE_PUBLIC));
    assert_hr(S_OK, IOpenHNetSessionMappings_SetMedia(f->own, RTCMT_ALL_RTP));
    assert_hr(S_OK, add_participant(f->session, L"sip:bob@192.0.2.7", &p));
    assert_int_equal(RTCSS_INPROGRESS, state_of(f->session));
    assert_int_equal(4, session_mappings(pub, GetCurrentProcessId(), address, ports));
    assert_int_equal(0, test_count_mappings(other));
    assert_true(!lstrcmpW(address, L"192.0.2.1") || !lstrcmpW(address, L"192.0.2.2"));
    assert_int_equal(4, mapping_count(f->own));
    for (i = 0; i < 4; i++)
    {
        test_session_mapping(f->own, i, &m);
        assert_int_equal(i, m.type);
        assert_int_equal(OHN_SOURCE_STORE, m.source);
        assert_int_equal(0, lstrcmpW(address, m.internal));
        assert_int_equal(0, lstrcmpW(address, m.external));
        assert_int_equal(m.internal_port, m.external_port);
        /* one of the stored mappings (the store lists them in its own order) */
        assert_true(m.external_port == ports[0] || m.external_port == ports[1] || m.external_port == ports[2] ||
                    m.external_port == ports[3]);
    }
    /* RTP on an even port, RTCP on the next one. */
    test_session_mapping(f->own, 0, &m);
    assert_int_equal(0, m.external_port % 2);
    i = m.external_port;
    test_session_mapping(f->own, 1, &m);
    assert_int_equal(i + 1, m.external_port);

    assert_hr(S_OK, IRTCSession_Terminate(f->session, RTCTR_NORMAL));
    assert_int_equal(0, session_mappings(pub, GetCurrentProcessId(), NULL, NULL));
    assert_int_equal(0, test_count_mappings(pub));
    IRTCParticipant_Release(p);
    INetSharingConfiguration_Release(pub);
    INetSharingConfiguration_Release(other);
    INetConnection_Release(conn0);
    INetConnection_Release(conn1);
    INetSharingManager_Release(mgr);
}

#define RTC_MARK_KEY L"Software\\open-hnetcfg\\RTC"
#define RTC_MARK_VALUE L"StoreSessions"

/* The prefix's mark that sessions used the store: its value, or -1 without one. */
static int store_sessions_mark(void)
{
    DWORD value = 0, size = sizeof(value);
    HKEY key;
    LONG err;

    if (RegOpenKeyExW(HKEY_LOCAL_MACHINE, RTC_MARK_KEY, 0, KEY_QUERY_VALUE | KEY_WOW64_64KEY, &key))
        return -1;
    err = RegQueryValueExW(key, RTC_MARK_VALUE, NULL, NULL, (BYTE *)&value, &size);
    RegCloseKey(key);
    return err ? -1 : (int)value;
}

static void unmark_store_sessions(void)
{
    HKEY key;

    assert_int_equal(ERROR_SUCCESS,
                     RegOpenKeyExW(HKEY_LOCAL_MACHINE, RTC_MARK_KEY, 0, KEY_SET_VALUE | KEY_WOW64_64KEY, &key));
    assert_int_equal(ERROR_SUCCESS, RegDeleteValueW(key, RTC_MARK_VALUE));
    RegCloseKey(key);
    assert_int_equal(-1, store_sessions_mark());
}

/* DllRegisterServer of the installed DLL again, as an upgrade runs it. */
static void register_again(void)
{
    HMODULE dll = LoadLibraryW(TEST_DLL_PATH);
    HRESULT (WINAPI *reg)(void);

    assert_non_null(dll);
    reg = (void *)GetProcAddress(dll, "DllRegisterServer");
    assert_non_null(reg);
    assert_hr(S_OK, reg());
    FreeLibrary(dll);
}

/* A process that dies with a session open: the next process that loads the DLL removes its
 * store mappings, and nothing else. spawn starts the one that dies: of this architecture or
 * of the other (the session records are one for both). */
static void killed_process_leftovers_are_removed_from(test_spawner spawn, void **state)
{
    struct fixture *f = *state;
    INetSharingManager *mgr = test_manager();
    INetConnection *conn = test_connection(mgr, 0);
    INetSharingConfiguration *pub = test_config(mgr, conn);
    INetSharingPortMapping *decoy = NULL;
    HANDLE held = CreateEventW(NULL, TRUE, FALSE, HELD_EVENT), quit = CreateEventW(NULL, TRUE, FALSE, QUIT_EVENT);
    PROCESS_INFORMATION child, loader;
    IRTCParticipant *p;
    ULONGLONG t0;
    DWORD took = 0;

    assert_non_null(held);
    assert_non_null(quit);
    assert_hr(S_OK, INetSharingConfiguration_EnableSharing(pub, ICSSHARINGTYPE_PUBLIC));
    /* What must stay: a mapping of this (live) process's session, and a user's mapping whose
     * name only looks like a session's. */
    assert_hr(S_OK, add_participant(f->session, L"sip:bob@192.0.2.7", &p));
    assert_int_equal(2, session_mappings(pub, GetCurrentProcessId(), NULL, NULL));
    assert_hr(S_OK, INetSharingConfiguration_AddPortMapping(pub, (BSTR)SESSION_PREFIX L"notes", NAT_PROTOCOL_UDP, 4000,
                                                            4000, 0, (BSTR)L"192.0.2.1", ICSTT_IPADDRESS, &decoy));

    child = spawn(L"hold-session");
    assert_int_equal(WAIT_OBJECT_0, WaitForSingleObject(held, 60000));
    assert_int_equal(2, session_mappings(pub, child.dwProcessId, NULL, NULL));
    assert_true(TerminateProcess(child.hProcess, 9));
    assert_int_equal(WAIT_OBJECT_0, WaitForSingleObject(child.hProcess, 30000));
    CloseHandle(child.hProcess);
    CloseHandle(child.hThread);
    assert_int_equal(2, session_mappings(pub, child.dwProcessId, NULL, NULL)); /* left behind */
    /* The session marked the prefix as one where sessions use the store. */
    assert_int_equal(1, store_sessions_mark());

    /* Unmarked, a prefix gets no cleanup pass (no thread): the leftovers stay. */
    unmark_store_sessions();
    loader = test_spawn_self(L"load");
    Sleep(3000);
    SetEvent(quit);
    assert_int_equal(WAIT_OBJECT_0, WaitForSingleObject(loader.hProcess, 30000));
    CloseHandle(loader.hProcess);
    CloseHandle(loader.hThread);
    ResetEvent(quit);
    assert_int_equal(2, session_mappings(pub, child.dwProcessId, NULL, NULL));
    /* Registration marks a prefix whose store holds connections (an earlier version's sessions
     * may have left mappings there). */
    register_again();
    assert_int_equal(1, store_sessions_mark());

    /* The next process: it only creates a sharing manager. */
    t0 = GetTickCount64();
    loader = test_spawn_self(L"load");
    while (session_mappings(pub, child.dwProcessId, NULL, NULL) && GetTickCount64() - t0 < 20000)
        Sleep(50);
    took = (DWORD)(GetTickCount64() - t0);
    SetEvent(quit);
    assert_int_equal(WAIT_OBJECT_0, WaitForSingleObject(loader.hProcess, 30000));
    CloseHandle(loader.hProcess);
    CloseHandle(loader.hThread);
    print_message("the leftovers of the killed process were removed %lu ms after the next one started\n",
                  (unsigned long)took);
    assert_int_equal(0, session_mappings(pub, child.dwProcessId, NULL, NULL));
    assert_int_equal(2, session_mappings(pub, GetCurrentProcessId(), NULL, NULL));
    assert_int_equal(3, test_count_mappings(pub));

    assert_hr(S_OK, IRTCSession_Terminate(f->session, RTCTR_NORMAL));
    assert_int_equal(1, test_count_mappings(pub));
    IRTCParticipant_Release(p);
    INetSharingPortMapping_Release(decoy);
    INetSharingConfiguration_Release(pub);
    INetConnection_Release(conn);
    INetSharingManager_Release(mgr);
    CloseHandle(held);
    CloseHandle(quit);
}

static void killed_process_leftovers_are_removed(void **state)
{
    killed_process_leftovers_are_removed_from(test_spawn_self, state);
}

static void killed_process_of_the_other_architecture_leftovers_are_removed(void **state)
{
    killed_process_leftovers_are_removed_from(test_spawn_peer, state);
}

/* Child: a session on the store, then waits to be killed. */
static int hold_session_main(void)
{
    HANDLE held = OpenEventW(EVENT_MODIFY_STATE, FALSE, HELD_EVENT);
    IRTCSession *s = NULL;
    IRTCParticipant *p = NULL;
    HRESULT hr;

    if (!held || FAILED(CoInitializeEx(NULL, COINIT_MULTITHREADED)))
        return 2;
    if (FAILED(hr = CoCreateInstance(&CLSID_RTCSession, NULL, CLSCTX_INPROC_SERVER, &test_IID_IRTCSession, (void **)&s)))
        return 3;
    if (FAILED(hr = IRTCSession_AddParticipant(s, (BSTR)L"sip:bob@192.0.2.7", NULL, &p)))
    {
        fprintf(stderr, "hold-session: AddParticipant %#lx\n", (unsigned long)hr);
        return 4;
    }
    SetEvent(held);
    Sleep(INFINITE);
    return 5;
}

/* Child: loads the DLL (a sharing manager), then waits to be told to go. */
static int load_main(void)
{
    HANDLE quit = OpenEventW(SYNCHRONIZE, FALSE, QUIT_EVENT);
    INetSharingManager *mgr = NULL;

    if (!quit || FAILED(CoInitializeEx(NULL, COINIT_MULTITHREADED)) ||
        FAILED(CoCreateInstance(&CLSID_NetSharingManager, NULL, CLSCTX_INPROC_SERVER, &IID_INetSharingManager,
                                (void **)&mgr)))
        return 2;
    WaitForSingleObject(quit, 60000);
    INetSharingManager_Release(mgr);
    CoUninitialize();
    return 0;
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(new_session_is_idle_pc_to_pc, setup, teardown),
        cmocka_unit_test_setup_teardown(port_manager_replaced_and_cleared, setup, teardown),
        cmocka_unit_test_setup_teardown(port_manager_gives_every_mapping, setup, teardown),
        cmocka_unit_test_setup_teardown(refused_when_not_idle_and_the_manager_stays, setup, teardown),
        cmocka_unit_test_setup_teardown(types_without_media_refuse_a_port_manager, setup, teardown),
        cmocka_unit_test_setup_teardown(failure_midway_releases_and_stays_idle, setup, teardown),
        cmocka_unit_test_setup_teardown(lying_port_managers, setup, teardown),
        cmocka_unit_test_setup_teardown(port_manager_calling_back_in, setup, teardown),
        cmocka_unit_test_setup_teardown(port_manager_calling_back_in_while_starting, setup, teardown),
        cmocka_unit_test_setup_teardown(final_release_releases_mappings, setup, teardown),
        cmocka_unit_test_setup_teardown(remote_address_rule, setup, teardown),
        cmocka_unit_test_setup_teardown(store_mappings_without_gateway, setup, teardown),
        cmocka_unit_test_setup_teardown(killed_process_leftovers_are_removed, setup, teardown),
        cmocka_unit_test_setup_teardown(killed_process_of_the_other_architecture_leftovers_are_removed, setup, teardown),
    };

    if (argc > 1 && !strcmp(argv[1], "hold-session"))
        return hold_session_main();
    if (argc > 1 && !strcmp(argv[1], "load"))
        return load_main();
    return cmocka_run_group_tests_name("rtc", tests, NULL, NULL);
}
