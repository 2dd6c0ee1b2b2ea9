/*
 * The enabled ICS mappings of the publicly shared connection, realised on the lab's router:
 * every change made through NetSharingManager is on the router (upnpc shows it) when the call
 * returns; only the DLL's own mappings are ever changed; realisation can be turned off; a router
 * that forgot is brought up to date by a sync and by the next process.
 *
 * The lab's client namespace has one adapter, eth0 (10.77.0.2/24): the connection used here.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "lab_client.h"

#include <stdlib.h>

#define COBJMACROS
#include "natupnplib.h"
#include "openhnetcfg.h"

#define UPNP_KEY L"Software\\open-hnetcfg\\UPnP"

struct fixture
{
    INetSharingManager *mgr;
    INetConnection *conn;
    INetSharingConfiguration *cfg;
    WCHAR guid[40];
    IOpenHNetGateway *gateway;
    IUPnPNAT *nat;
};

static void wipe_realisation(void)
{
    HKEY key;

    if (!RegOpenKeyExW(HKEY_LOCAL_MACHINE, UPNP_KEY, 0, KEY_ALL_ACCESS | KEY_WOW64_64KEY, &key))
    {
        RegDeleteTreeW(key, L"Owned");
        RegDeleteValueW(key, L"Realize");
        RegCloseKey(key);
    }
}

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof(*f));
    NETCON_PROPERTIES *props = NULL;

    if (FAILED(CoInitializeEx(NULL, COINIT_APARTMENTTHREADED)))
        return -1;
    test_wipe_store();
    wipe_realisation();
    f->mgr = test_manager();
    f->conn = test_connection(f->mgr, 0);
    f->cfg = test_config(f->mgr, f->conn);
    assert_hr(S_OK, INetConnection_GetProperties(f->conn, &props));
    StringFromGUID2(&props->guidId, f->guid, ARRAYSIZE(f->guid));
    CoTaskMemFree(props->pszwName);
    CoTaskMemFree(props->pszwDeviceName);
    CoTaskMemFree(props);
    assert_hr(S_OK, CoCreateInstance(&CLSID_UPnPNAT, NULL, CLSCTX_INPROC_SERVER, &IID_IUPnPNAT, (void **)&f->nat));
    assert_hr(S_OK, IUPnPNAT_QueryInterface(f->nat, &IID_IOpenHNetGateway, (void **)&f->gateway));
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;

    /* Whatever the test left enabled goes from the router with the store. */
    assert_hr(S_OK, INetSharingConfiguration_DisableSharing(f->cfg));
    IOpenHNetGateway_Release(f->gateway);
    IUPnPNAT_Release(f->nat);
    INetSharingConfiguration_Release(f->cfg);
    INetConnection_Release(f->conn);
    INetSharingManager_Release(f->mgr);
    free(f);
    test_wipe_store();
    wipe_realisation();
    CoUninitialize();
    lab("router-start");
    return 0;
}

static INetSharingPortMapping *add(struct fixture *f, const WCHAR *name, UCHAR proto, USHORT ext, USHORT in,
                                   const WCHAR *target, ICS_TARGETTYPE type, BOOL enable)
{
    BSTR n = SysAllocString(name), t = SysAllocString(target);
    INetSharingPortMapping *m = NULL;

    assert_hr(S_OK, INetSharingConfiguration_AddPortMapping(f->cfg, n, proto, ext, in, 0, t, type, &m));
    SysFreeString(n);
    SysFreeString(t);
    if (enable)
        assert_hr(S_OK, INetSharingPortMapping_Enable(m));
    return m;
}

/* MappingState of a mapping of our connection, as UTF-8 (compared with ASCII here). */
static void assert_state(struct fixture *f, LONG proto, LONG port, const WCHAR *expected)
{
    BSTR conn = SysAllocString(f->guid), state = NULL;

    assert_hr(S_OK, IOpenHNetGateway_get_MappingState(f->gateway, conn, proto, port, &state));
    if (wcscmp(state, expected))
        fail_msg("state of %ld/%ld: expected \"%ls\", got \"%ls\"", proto, port, expected, state);
    SysFreeString(state);
    SysFreeString(conn);
}

static void enabled_mappings_of_the_public_connection_are_on_the_router(void **state)
{
    struct fixture *f = *state;
    INetSharingPortMapping *m;

    assert_hr(S_OK, INetSharingConfiguration_EnableSharing(f->cfg, ICSSHARINGTYPE_PUBLIC));
    m = add(f, L"Web server", 6, 46000, 80, L"10.77.0.2", ICSTT_IPADDRESS, FALSE);
    assert_false(lab_has("TCP 46000->")); /* added disabled: not on the router */
    assert_state(f, 6, 46000, L"disabled");
    assert_hr(S_OK, INetSharingPortMapping_Enable(m));
    assert_true(lab_has("TCP 46000->10.77.0.2:80 "));
    assert_true(lab_has("'Web server'"));
    assert_state(f, 6, 46000, L"live");
    assert_hr(S_OK, INetSharingPortMapping_Disable(m));
    assert_false(lab_has("TCP 46000->"));
    assert_hr(S_OK, INetSharingPortMapping_Enable(m));
    assert_true(lab_has("TCP 46000->10.77.0.2:80"));
    assert_hr(S_OK, INetSharingPortMapping_Delete(m));
    assert_false(lab_has("TCP 46000->"));
    INetSharingPortMapping_Release(m);
}

static void removal_and_sharing_changes_reach_the_router(void **state)
{
    struct fixture *f = *state;
    INetSharingPortMapping *a, *b;

    assert_hr(S_OK, INetSharingConfiguration_EnableSharing(f->cfg, ICSSHARINGTYPE_PUBLIC));
    a = add(f, L"a", 17, 46001, 46001, L"10.77.0.2", ICSTT_IPADDRESS, TRUE);
    b = add(f, L"b", 6, 46002, 8080, L"10.77.0.2", ICSTT_IPADDRESS, TRUE);
    assert_true(lab_has("UDP 46001->10.77.0.2:46001"));
    assert_hr(S_OK, INetSharingConfiguration_RemovePortMapping(f->cfg, a));
    assert_false(lab_has("UDP 46001->"));
    assert_true(lab_has("TCP 46002->10.77.0.2:8080"));
    assert_hr(S_OK, INetSharingConfiguration_DisableSharing(f->cfg));
    assert_false(lab_has("TCP 46002->"));
    assert_state(f, 6, 46002, L"not the public connection");
    assert_hr(S_OK, INetSharingConfiguration_EnableSharing(f->cfg, ICSSHARINGTYPE_PUBLIC));
    assert_true(lab_has("TCP 46002->10.77.0.2:8080"));
    assert_hr(S_OK, INetSharingConfiguration_EnableSharing(f->cfg, ICSSHARINGTYPE_PRIVATE));
    assert_false(lab_has("TCP 46002->"));
    INetSharingPortMapping_Release(a);
    INetSharingPortMapping_Release(b);
}

static void target_names_resolve_and_far_targets_are_reported_not_forced(void **state)
{
    struct fixture *f = *state;
    INetSharingPortMapping *lan, *distant, *unknown;

    assert_hr(S_OK, INetSharingConfiguration_EnableSharing(f->cfg, ICSSHARINGTYPE_PUBLIC));
    lan = add(f, L"by name", 6, 46003, 80, L"lanbox", ICSTT_NAME, TRUE);
    distant = add(f, L"far", 6, 46004, 80, L"farbox", ICSTT_NAME, TRUE);
    unknown = add(f, L"unknown", 6, 46005, 80, L"nosuchbox.invalid", ICSTT_NAME, TRUE);
    assert_true(lab_has("TCP 46003->10.77.0.9:80"));
    assert_false(lab_has("TCP 46004->"));
    assert_false(lab_has("TCP 46005->"));
    assert_state(f, 6, 46003, L"live");
    assert_state(f, 6, 46004, L"target not on the gateway's LAN");
    assert_state(f, 6, 46005, L"target name does not resolve");
    INetSharingPortMapping_Release(lan);
    INetSharingPortMapping_Release(distant);
    INetSharingPortMapping_Release(unknown);
}

static void another_clients_mapping_is_never_touched(void **state)
{
    struct fixture *f = *state;
    INetSharingPortMapping *m;

    assert_int_equal(0, lab_foreign_mapping("TCP", 46006));
    assert_hr(S_OK, INetSharingConfiguration_EnableSharing(f->cfg, ICSSHARINGTYPE_PUBLIC));
    m = add(f, L"mine", 6, 46006, 80, L"10.77.0.2", ICSTT_IPADDRESS, TRUE);
    assert_true(lab_has("TCP 46006->10.77.0.3:46006"));
    assert_state(f, 6, 46006, L"conflict: another client holds the port");
    assert_hr(S_OK, INetSharingPortMapping_Delete(m));
    assert_true(lab_has("TCP 46006->10.77.0.3:46006"));
    assert_hr(S_OK, IOpenHNetGateway_Sync(f->gateway));
    assert_true(lab_has("TCP 46006->10.77.0.3:46006"));
    assert_int_equal(0, lab("upnpc -d 46006 TCP"));
    INetSharingPortMapping_Release(m);
}

static void turning_realisation_off_withdraws_and_on_restores(void **state)
{
    struct fixture *f = *state;
    INetSharingPortMapping *a, *b;
    VARIANT_BOOL on = 42;

    assert_hr(S_OK, IOpenHNetGateway_get_Realize(f->gateway, &on));
    assert_int_equal(VARIANT_TRUE, on);
    assert_hr(S_OK, INetSharingConfiguration_EnableSharing(f->cfg, ICSSHARINGTYPE_PUBLIC));
    a = add(f, L"a", 6, 46007, 80, L"10.77.0.2", ICSTT_IPADDRESS, TRUE);
    assert_true(lab_has("TCP 46007->"));
    assert_hr(S_OK, IOpenHNetGateway_put_Realize(f->gateway, VARIANT_FALSE));
    assert_false(lab_has("TCP 46007->"));
    b = add(f, L"b", 6, 46008, 80, L"10.77.0.2", ICSTT_IPADDRESS, TRUE);
    assert_false(lab_has("TCP 46008->"));
    assert_state(f, 6, 46008, L"off");
    assert_hr(S_OK, IOpenHNetGateway_put_Realize(f->gateway, VARIANT_TRUE));
    assert_true(lab_has("TCP 46007->10.77.0.2:80"));
    assert_true(lab_has("TCP 46008->10.77.0.2:80"));
    INetSharingPortMapping_Release(a);
    INetSharingPortMapping_Release(b);
}

/* A change whose gateway request times out returns within the call's bound; the next change
 * runs a whole pass, which realises the one that failed too. */
static void a_gateway_that_times_out_in_a_change_is_recovered_by_the_next_pass(void **state)
{
    struct fixture *f = *state;
    INetSharingPortMapping *a, *b;
    ULONGLONG start, took;

    assert_hr(S_OK, INetSharingConfiguration_EnableSharing(f->cfg, ICSSHARINGTYPE_PUBLIC));
    a = add(f, L"timed out", 6, 46010, 80, L"10.77.0.2", ICSTT_IPADDRESS, FALSE);
    assert_int_equal(0, lab("block soap"));
    start = now_ms();
    assert_hr(S_OK, INetSharingPortMapping_Enable(a)); /* stored; the gateway is late */
    took = now_ms() - start;
    assert_int_equal(0, lab("unblock"));
    print_message("Enable with the gateway hung: %llu ms\n", took);
    assert_true(took < 4000);
    b = add(f, L"next", 6, 46011, 80, L"10.77.0.2", ICSTT_IPADDRESS, TRUE);
    start = now_ms();
    while (!(lab_has("TCP 46010->10.77.0.2:80") && lab_has("TCP 46011->10.77.0.2:80")) && now_ms() - start < 15000)
        Sleep(200);
    assert_true(lab_has("TCP 46010->10.77.0.2:80"));
    assert_true(lab_has("TCP 46011->10.77.0.2:80"));
    assert_state(f, 6, 46010, L"live");
    INetSharingPortMapping_Release(a);
    INetSharingPortMapping_Release(b);
}

/* The single-key path checks ownership before it acts: the router forgot our mapping and
 * another client of the LAN took its port; a Disable, an Enable and a Delete of ours then leave
 * that client's mapping alone, and once the port is free again a change of that key alone puts
 * ours on the router. */
static void a_foreign_mapping_on_the_port_of_a_change_is_left_alone(void **state)
{
    struct fixture *f = *state;
    INetSharingPortMapping *m, *again;

    assert_hr(S_OK, INetSharingConfiguration_EnableSharing(f->cfg, ICSSHARINGTYPE_PUBLIC));
    m = add(f, L"mine", 6, 46012, 80, L"10.77.0.2", ICSTT_IPADDRESS, TRUE);
    assert_true(lab_has("TCP 46012->10.77.0.2:80"));
    assert_int_equal(0, lab("router-restart --forget"));
    assert_int_equal(0, lab_foreign_mapping("TCP", 46012));
    assert_true(lab_has("TCP 46012->10.77.0.3:46012"));

    assert_hr(S_OK, INetSharingPortMapping_Disable(m));
    assert_true(lab_has("TCP 46012->10.77.0.3:46012"));
    assert_hr(S_OK, INetSharingPortMapping_Enable(m));
    assert_true(lab_has("TCP 46012->10.77.0.3:46012"));
    assert_false(lab_has("TCP 46012->10.77.0.2:"));
    assert_state(f, 6, 46012, L"conflict: another client holds the port");
    assert_hr(S_OK, INetSharingPortMapping_Delete(m));
    assert_true(lab_has("TCP 46012->10.77.0.3:46012"));
    INetSharingPortMapping_Release(m);

    assert_int_equal(0, lab("upnpc -d 46012 TCP"));
    again = add(f, L"mine again", 6, 46012, 80, L"10.77.0.2", ICSTT_IPADDRESS, TRUE);
    assert_true(lab_has("TCP 46012->10.77.0.2:80"));
    assert_state(f, 6, 46012, L"live");
    INetSharingPortMapping_Release(again);
}

/* The second process of the next test: loads the DLL (a NetSharingManager) and stays a moment,
 * as any program would; the DLL's background pass does the rest. */
static int child_main(void)
{
    INetSharingManager *mgr = NULL;

    CoInitializeEx(NULL, COINIT_MULTITHREADED);
    if (FAILED(CoCreateInstance(&CLSID_NetSharingManager, NULL, CLSCTX_INPROC_SERVER, &IID_INetSharingManager,
                                (void **)&mgr)))
        return 1;
    Sleep(4000);
    INetSharingManager_Release(mgr);
    CoUninitialize();
    return 0;
}

static void a_router_that_forgot_is_brought_up_to_date(void **state)
{
    struct fixture *f = *state;
    WCHAR exe[MAX_PATH], cmdline[MAX_PATH + 16];
    INetSharingPortMapping *m;
    PROCESS_INFORMATION pi;
    STARTUPINFOW si;
    DWORD lease = 0, size = sizeof(lease);
    BYTE owned[64];
    HKEY key;
    WCHAR path[300];

    assert_hr(S_OK, INetSharingConfiguration_EnableSharing(f->cfg, ICSSHARINGTYPE_PUBLIC));
    m = add(f, L"kept", 6, 46009, 80, L"10.77.0.2", ICSTT_IPADDRESS, TRUE);
    assert_true(lab_has("TCP 46009->"));
    /* Recorded as ours, with the lease the router really gave (miniupnpd makes 0 a week). */
    wsprintfW(path, L"%s\\Owned\\http://10.77.0.1:5431/rootDesc.xml", UPNP_KEY);
    assert_int_equal(ERROR_SUCCESS, RegOpenKeyExW(HKEY_LOCAL_MACHINE, path, 0, KEY_READ | KEY_WOW64_64KEY, &key));
    size = sizeof(owned);
    assert_int_equal(ERROR_SUCCESS, RegQueryValueExW(key, L"TCP-46009", NULL, NULL, owned, &size));
    RegCloseKey(key);
    memcpy(&lease, owned + 16, 4);
    /* What the router says is left of it when read back: a second less when a second ticked
     * between its add and the read (seen once on a loaded machine). */
    /* (not assert_in_range: cmocka 2 deprecates it, and 1.1 has no assert_int_in_range) */
    if (lease < 604799 || lease > 604800)
        fail_msg("lease read back: %lu s, not 604799-604800", (unsigned long)lease);

    assert_int_equal(0, lab("router-restart --forget"));
    assert_false(lab_has("TCP 46009->"));
    assert_hr(S_OK, IOpenHNetGateway_Sync(f->gateway));
    assert_true(lab_has("TCP 46009->10.77.0.2:80"));

    assert_int_equal(0, lab("router-restart --forget"));
    assert_false(lab_has("TCP 46009->"));
    memset(&si, 0, sizeof(si));
    si.cb = sizeof(si);
    GetModuleFileNameW(NULL, exe, MAX_PATH);
    wsprintfW(cmdline, L"\"%s\" child", exe);
    assert_true(CreateProcessW(exe, cmdline, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi));
    assert_int_equal(WAIT_OBJECT_0, WaitForSingleObject(pi.hProcess, 30000));
    CloseHandle(pi.hProcess);
    CloseHandle(pi.hThread);
    assert_true(lab_has("TCP 46009->10.77.0.2:80"));
    INetSharingPortMapping_Release(m);
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(enabled_mappings_of_the_public_connection_are_on_the_router, setup, teardown),
        cmocka_unit_test_setup_teardown(removal_and_sharing_changes_reach_the_router, setup, teardown),
        cmocka_unit_test_setup_teardown(target_names_resolve_and_far_targets_are_reported_not_forced, setup, teardown),
        cmocka_unit_test_setup_teardown(another_clients_mapping_is_never_touched, setup, teardown),
        cmocka_unit_test_setup_teardown(turning_realisation_off_withdraws_and_on_restores, setup, teardown),
        cmocka_unit_test_setup_teardown(a_router_that_forgot_is_brought_up_to_date, setup, teardown),
        cmocka_unit_test_setup_teardown(a_gateway_that_times_out_in_a_change_is_recovered_by_the_next_pass, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(a_foreign_mapping_on_the_port_of_a_change_is_left_alone, setup, teardown),
    };

    if (argc > 1 && !strcmp(argv[1], "child"))
        return child_main();
    if (argc > 1)
        cmocka_set_test_filter(argv[1]);
    return cmocka_run_group_tests_name("realize", tests, NULL, NULL);
}
