/*
 * The RTC-style session's gateway source against the real miniupnpd of the router lab: a
 * session without a port manager maps each media port on the router (UDP, with a lease,
 * described after the session's process), and Terminate or the final Release removes them.
 * A port manager, when set, wins: the router is not asked. Every mapping is checked on the
 * router's side with upnpc. The router is 10.77.0.1, this client 10.77.0.2, the router's
 * external address 1.2.3.4.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "lab_client.h"
#include "rtc_fake.h"

#define SESSION_PREFIX L"open-hnetcfg RTC session "

static int setup(void **state)
{
    WSADATA wsa;

    if (FAILED(CoInitializeEx(NULL, COINIT_APARTMENTTHREADED)) || WSAStartup(MAKEWORD(2, 2), &wsa))
        return -1;
    watch_reset();
    return 0;
}

static int teardown(void **state)
{
    WSACleanup();
    CoUninitialize();
    return 0;
}

struct session
{
    IRTCSession *session;
    IRTCSessionPortManagement *spm;
    IOpenHNetSessionMappings *own;
};

static void session_open(struct session *s)
{
    CLSID clsid;

    assert_hr(S_OK, CLSIDFromProgID(L"HNetCfg.RTCSession", &clsid));
    assert_true(IsEqualGUID(&clsid, &CLSID_RTCSession));
    assert_hr(S_OK, CoCreateInstance(&clsid, NULL, CLSCTX_INPROC_SERVER, &test_IID_IRTCSession, (void **)&s->session));
    hook_free();
    assert_hr(S_OK, IRTCSession_QueryInterface(s->session, &test_IID_IRTCSessionPortManagement, (void **)&s->spm));
    assert_hr(S_OK, IRTCSession_QueryInterface(s->session, &IID_IOpenHNetSessionMappings, (void **)&s->own));
}

static void session_close(struct session *s)
{
    IOpenHNetSessionMappings_Release(s->own);
    IRTCSessionPortManagement_Release(s->spm);
    IRTCSession_Release(s->session);
}

static BOOL router_has(const struct test_session_mapping *m)
{
    char text[64];

    snprintf(text, sizeof(text), "UDP %ld->10.77.0.2:%ld", m->external_port, m->internal_port);
    return lab_has(text);
}

/* The router's own view of a mapping, through UPnPNAT: its lease and description. */
static void router_entry(LONG external_port, LONG *lease, WCHAR *desc, size_t cap)
{
    IUPnPNAT *nat = lab_nat();
    IDynamicPortMappingCollection *d = NULL;
    IDynamicPortMapping *m = NULL;
    BSTR host = SysAllocString(L""), udp = SysAllocString(L"UDP"), s = NULL;

    assert_hr(S_OK, IUPnPNAT_get_DynamicPortMappingCollection(nat, &d));
    assert_hr(S_OK, IDynamicPortMappingCollection_get_Item(d, host, external_port, udp, &m));
    assert_hr(S_OK, IDynamicPortMapping_get_LeaseDuration(m, lease));
    assert_hr(S_OK, IDynamicPortMapping_get_Description(m, &s));
    lstrcpynW(desc, s, (int)cap);
    SysFreeString(s);
    SysFreeString(host);
    SysFreeString(udp);
    IDynamicPortMapping_Release(m);
    IDynamicPortMappingCollection_Release(d);
    IUPnPNAT_Release(nat);
}

static LONG router_count(void)
{
    IUPnPNAT *nat = lab_nat();
    IStaticPortMappingCollection *c = lab_statics(nat);
    LONG n = lab_count(c);

    IStaticPortMappingCollection_Release(c);
    IUPnPNAT_Release(nat);
    return n;
}

/* The first test of the process: the session waits for the process's first discovery. */
static void a_new_process_maps_its_ports_on_the_router(void **state)
{
    struct session s;
    struct test_session_mapping m[4];
    IRTCParticipant *p = NULL;
    WCHAR desc[128], prefix[64];
    ULONGLONG t0;
    LONG i, lease;

    /* Nothing remembered of the gateway: the process discovers it from cold, and the session
     * waits for that rather than deciding there is none. */
    lab_forget_gateway();
    session_open(&s);
    assert_hr(S_OK, IOpenHNetSessionMappings_SetMedia(s.own, RTCMT_ALL_RTP));
    t0 = now_ms();
    assert_hr(S_OK, IRTCSession_AddParticipant(s.session, (BSTR)L"sip:bob@203.0.113.9", NULL, &p));
    print_message("AddParticipant in a fresh process: %lu ms\n", (unsigned long)(now_ms() - t0));
    assert_non_null(p);

    wsprintfW(prefix, L"%s%lu.", SESSION_PREFIX, (unsigned long)GetCurrentProcessId());
    for (i = 0; i < 4; i++)
    {
        LONG mapping_count = -1;

        assert_hr(S_OK, IOpenHNetSessionMappings_get_MappingCount(s.own, &mapping_count));
        assert_int_equal(4, mapping_count);
        test_session_mapping(s.own, i, &m[i]);
        assert_int_equal(i, m[i].type);
        assert_int_equal(OHN_SOURCE_GATEWAY, m[i].source);
        assert_int_equal(0, lstrcmpW(L"10.77.0.2", m[i].internal));
        assert_int_equal(0, lstrcmpW(L"1.2.3.4", m[i].external));
        assert_true(router_has(&m[i]));
        router_entry(m[i].external_port, &lease, desc, ARRAYSIZE(desc));
        print_message("UDP %ld -> 10.77.0.2:%ld, lease %ld s, '%ls'\n", m[i].external_port, m[i].internal_port, lease,
                      desc);
        assert_true(lease > 0 && lease <= 600); /* runs out if this process dies */
        assert_int_equal(0, wcsncmp(desc, prefix, lstrlenW(prefix)));
    }
    assert_int_equal(0, m[0].internal_port % 2); /* RTP even, RTCP next */
    assert_int_equal(m[0].internal_port + 1, m[1].internal_port);

    assert_hr(S_OK, IRTCSession_Terminate(s.session, RTCTR_NORMAL));
    for (i = 0; i < 4; i++)
        assert_false(router_has(&m[i]));
    IRTCParticipant_Release(p);
    session_close(&s);
}

static void the_final_release_removes_them_too(void **state)
{
    struct session s;
    struct test_session_mapping m[2];
    IRTCParticipant *p = NULL;
    LONG before = router_count(), i;

    session_open(&s);
    assert_hr(S_OK, IRTCSession_AddParticipant(s.session, (BSTR)L"sip:bob@203.0.113.9", NULL, &p));
    for (i = 0; i < 2; i++)
    {
        test_session_mapping(s.own, i, &m[i]);
        assert_int_equal(OHN_SOURCE_GATEWAY, m[i].source);
        assert_true(router_has(&m[i]));
    }
    assert_int_equal(before + 2, router_count());
    IRTCParticipant_Release(p);
    session_close(&s);
    for (i = 0; i < 2; i++)
        assert_false(router_has(&m[i]));
    assert_int_equal(before, router_count());
}

static void a_port_manager_wins_over_the_gateway(void **state)
{
    struct session s;
    struct fake_pm pm;
    struct test_session_mapping m;
    IRTCParticipant *p = NULL;
    LONG before = router_count();

    fake_init(&pm, CALL_GET | CALL_RELEASE);
    session_open(&s);
    assert_hr(S_OK, IRTCSessionPortManagement_SetPortManager(s.spm, &pm.IRTCPortManager_iface));
    assert_hr(S_OK, IRTCSession_AddParticipant(s.session, (BSTR)L"sip:bob@203.0.113.9", NULL, &p));
    assert_int_equal(2, pm.ncalls);
    test_session_mapping(s.own, 0, &m);
    assert_int_equal(OHN_SOURCE_PORT_MANAGER, m.source);
    assert_int_equal(0, lstrcmpW(L"198.51.100.10", m.external));
    assert_int_equal(before, router_count()); /* the router was not asked */
    assert_hr(S_OK, IRTCSession_Terminate(s.session, RTCTR_NORMAL));
    assert_int_equal(4, pm.ncalls);
    assert_all_freed(1);
    IRTCParticipant_Release(p);
    session_close(&s);
    fake_done(&pm);
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(a_new_process_maps_its_ports_on_the_router, setup, teardown),
        cmocka_unit_test_setup_teardown(the_final_release_removes_them_too, setup, teardown),
        cmocka_unit_test_setup_teardown(a_port_manager_wins_over_the_gateway, setup, teardown),
    };
    if (argc > 1)
        cmocka_set_test_filter(argv[1]);
    return cmocka_run_group_tests_name("rtc_upnp", tests, NULL, NULL);
}
