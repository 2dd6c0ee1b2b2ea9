/*
 * UPnPNAT (HNetCfg.NATUPnP) against the real miniupnpd of the router lab, from a
 * single-threaded apartment as most clients are. Every change is checked on the router's side
 * too, with upnpc. The router is 10.77.0.1, this client 10.77.0.2, another LAN host 10.77.0.3,
 * the router's external address 1.2.3.4.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "lab_client.h"
#include "nat_callback.h"

#include <stdlib.h>

#define COBJMACROS
#include "natupnplib.h"
#include "openhnetcfg.h"

#define E_NOT_FOUND HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND)
#define E_CONFLICT HRESULT_FROM_WIN32(ERROR_ADDRESS_ALREADY_ASSOCIATED)

static HRESULT add(IStaticPortMappingCollection *c, LONG ext, const WCHAR *proto, LONG in, const WCHAR *client,
                   const WCHAR *desc, IStaticPortMapping **out)
{
    BSTR p = SysAllocString(proto), cl = SysAllocString(client), d = SysAllocString(desc);
    IStaticPortMapping *m = NULL;
    HRESULT hr = IStaticPortMappingCollection_Add(c, ext, p, in, cl, VARIANT_TRUE, d, &m);

    SysFreeString(p);
    SysFreeString(cl);
    SysFreeString(d);
    if (out)
        *out = m;
    else if (m)
        IStaticPortMapping_Release(m);
    return hr;
}

static HRESULT item(IStaticPortMappingCollection *c, LONG ext, const WCHAR *proto, IStaticPortMapping **out)
{
    BSTR p = proto ? SysAllocString(proto) : NULL;
    HRESULT hr = IStaticPortMappingCollection_get_Item(c, ext, p, out);

    SysFreeString(p);
    return hr;
}

static void assert_bstr_is(const WCHAR *expected, BSTR actual)
{
    assert_non_null(actual);
    if (wcscmp(expected, actual))
        fail_msg("expected \"%ls\", got \"%ls\"", expected, actual);
    SysFreeString(actual);
}

static int setup(void **state)
{
    if (FAILED(CoInitializeEx(NULL, COINIT_APARTMENTTHREADED)))
        return -1;
    return 0;
}

static int teardown(void **state)
{
    CoUninitialize();
    return 0;
}

static void the_object_is_ours_and_answers_its_interfaces(void **state)
{
    IUPnPNAT *n = lab_nat();
    IUnknown *unk = (IUnknown *)0xdeadbeef;
    IOpenHNetGateway *own = NULL;
    CLSID clsid;

    assert_hr(S_OK, CLSIDFromProgID(L"HNetCfg.NATUPnP", &clsid));
    assert_true(IsEqualGUID(&clsid, &CLSID_UPnPNAT));
    assert_hr(S_OK, CLSIDFromProgID(L"HNetCfg.NATUPnP.1", &clsid));
    assert_true(IsEqualGUID(&clsid, &CLSID_UPnPNAT));
    assert_hr(E_NOINTERFACE, IUPnPNAT_QueryInterface(n, &IID_IProvideClassInfo, (void **)&unk));
    assert_null(unk);
    assert_hr(S_OK, IUPnPNAT_QueryInterface(n, &IID_IDispatch, (void **)&unk));
    IUnknown_Release(unk);
    /* Wine's builtin has no IOpenHNetGateway: this is our DLL. */
    assert_hr(S_OK, IUPnPNAT_QueryInterface(n, &IID_IOpenHNetGateway, (void **)&own));
    IOpenHNetGateway_Release(own);
    assert_hr(E_POINTER, IUPnPNAT_get_StaticPortMappingCollection(n, NULL));
    assert_hr(E_POINTER, IUPnPNAT_get_DynamicPortMappingCollection(n, NULL));
    assert_hr(E_POINTER, IUPnPNAT_get_NATEventManager(n, NULL));
    IUPnPNAT_Release(n);
}

static void getting_a_collection_leaves_the_refcount(void **state)
{
    IUPnPNAT *n = lab_nat();
    IStaticPortMappingCollection *c;
    IDynamicPortMappingCollection *d = NULL;
    ULONG before, after;

    IUPnPNAT_AddRef(n);
    before = IUPnPNAT_Release(n);
    c = lab_statics(n);
    assert_hr(S_OK, IUPnPNAT_get_DynamicPortMappingCollection(n, &d));
    assert_non_null(d);
    IUPnPNAT_AddRef(n);
    after = IUPnPNAT_Release(n);
    assert_int_equal(before, after);
    IStaticPortMappingCollection_Release(c);
    IDynamicPortMappingCollection_Release(d);
    IUPnPNAT_Release(n);
}

/* Windows' behaviour as Wine's conformance test pins it (api-spec §4.3). */
static void static_collection_follows_windows(void **state)
{
    IUPnPNAT *n = lab_nat();
    IStaticPortMappingCollection *c = lab_statics(n);
    IStaticPortMapping *m = (IStaticPortMapping *)0xdeadbeef, *again = NULL;
    IEnumVARIANT *ev = NULL;
    IUnknown *unk = NULL;
    LONG before, port = 0;
    ULONG seen = 0;
    BSTR s = NULL;
    VARIANT v;

    before = lab_count(c);
    assert_hr(E_INVALIDARG, add(c, 45100, L"udp", 45100, L"10.77.0.2", L"lower case", NULL));
    assert_hr(S_OK, add(c, 45100, L"UDP", 45100, L"10.77.0.2", L"wine_test", NULL));
    assert_int_equal(before + 1, lab_count(c));
    assert_true(lab_has("UDP 45100->10.77.0.2:45100"));
    assert_hr(S_OK, add(c, 45100, L"UDP", 45100, L"10.77.0.2", L"wine_test", NULL)); /* again: fine */
    assert_int_equal(before + 1, lab_count(c));

    assert_hr(E_INVALIDARG, item(c, 45100, NULL, &m));
    assert_hr(E_POINTER, item(c, 45100, L"UDP", NULL));
    m = (IStaticPortMapping *)0xdeadbeef;
    assert_hr(E_INVALIDARG, item(c, 45100, L"udp", &m));
    assert_null(m);
    assert_hr(E_INVALIDARG, item(c, -1, L"UDP", &m));
    assert_hr(E_INVALIDARG, item(c, 65536, L"UDP", &m));
    assert_hr(E_NOT_FOUND, item(c, 45199, L"UDP", &m));
    assert_null(m);

    assert_hr(S_OK, IStaticPortMappingCollection_get__NewEnum(c, &unk));
    assert_hr(S_OK, IUnknown_QueryInterface(unk, &IID_IEnumVARIANT, (void **)&ev));
    VariantInit(&v);
    while (IEnumVARIANT_Next(ev, 1, &v, NULL) == S_OK)
    {
        assert_int_equal(VT_DISPATCH, V_VT(&v));
        assert_hr(S_OK, IDispatch_QueryInterface(V_DISPATCH(&v), &IID_IStaticPortMapping, (void **)&m));
        assert_hr(S_OK, IStaticPortMapping_get_ExternalPort(m, &port));
        assert_hr(S_OK, IStaticPortMapping_get_Protocol(m, &s));
        assert_true(!wcscmp(s, L"TCP") || !wcscmp(s, L"UDP"));
        if (port == 45100 && !wcscmp(s, L"UDP"))
        {
            /* get_Item gives a new object every time */
            assert_hr(S_OK, item(c, 45100, L"UDP", &again));
            assert_ptr_not_equal(again, m);
            IStaticPortMapping_Release(again);
        }
        SysFreeString(s);
        IStaticPortMapping_Release(m);
        VariantClear(&v);
        seen++;
    }
    assert_int_equal(before + 1, seen);
    assert_hr(S_FALSE, IEnumVARIANT_Next(ev, 1, &v, NULL));

    /* Reset reads the gateway's table again: a mapping added since is enumerated (Windows'
     * behaviour, which Wine's conformance test checks). */
    assert_hr(S_OK, add(c, 45101, L"TCP", 45101, L"10.77.0.2", L"after the enumerator", NULL));
    assert_hr(S_OK, IEnumVARIANT_Reset(ev));
    seen = 0;
    while (IEnumVARIANT_Next(ev, 1, &v, NULL) == S_OK)
    {
        assert_hr(S_OK, IDispatch_QueryInterface(V_DISPATCH(&v), &IID_IStaticPortMapping, (void **)&m));
        assert_hr(S_OK, IStaticPortMapping_get_ExternalPort(m, &port));
        seen += port == 45101;
        IStaticPortMapping_Release(m);
        VariantClear(&v);
    }
    assert_int_equal(1, seen);
    assert_hr(S_OK, lab_remove_mapping(c, 45101, L"TCP"));
    IEnumVARIANT_Release(ev);
    IUnknown_Release(unk);

    assert_hr(S_OK, lab_remove_mapping(c, 45100, L"UDP"));
    assert_int_equal(before, lab_count(c));
    assert_false(lab_has("UDP 45100->"));
    IStaticPortMappingCollection_Release(c);
    IUPnPNAT_Release(n);
}

static void a_mapping_reads_back_and_its_edits_reach_the_router(void **state)
{
    IUPnPNAT *n = lab_nat();
    IStaticPortMappingCollection *c = lab_statics(n);
    IStaticPortMapping *m = NULL, *seen = NULL;
    VARIANT_BOOL enabled = 42;
    LONG value = 0;
    BSTR s = NULL;

    assert_hr(S_OK, add(c, 45101, L"TCP", 8080, L"10.77.0.2", L"Tom & Jerry's <game>", &m));
    assert_hr(S_OK, IStaticPortMapping_get_ExternalIPAddress(m, &s));
    assert_bstr_is(L"1.2.3.4", s);
    assert_hr(S_OK, IStaticPortMapping_get_ExternalPort(m, &value));
    assert_int_equal(45101, value);
    assert_hr(S_OK, IStaticPortMapping_get_InternalPort(m, &value));
    assert_int_equal(8080, value);
    assert_hr(S_OK, IStaticPortMapping_get_Protocol(m, &s));
    assert_bstr_is(L"TCP", s);
    assert_hr(S_OK, IStaticPortMapping_get_InternalClient(m, &s));
    assert_bstr_is(L"10.77.0.2", s);
    assert_hr(S_OK, IStaticPortMapping_get_Enabled(m, &enabled));
    assert_int_equal(VARIANT_TRUE, enabled);
    assert_hr(S_OK, IStaticPortMapping_get_Description(m, &s));
    assert_bstr_is(L"Tom & Jerry's <game>", s);
    /* upnpc prints what the router sends, XML text: escaped (sent raw, "<" would break it). */
    assert_true(lab_has("TCP 45101->10.77.0.2:8080  'Tom &amp; Jerry&apos;s &lt;game&gt;'"));
    /* Read back from the router: the same, entities and all. */
    assert_hr(S_OK, item(c, 45101, L"TCP", &seen));
    assert_hr(S_OK, IStaticPortMapping_get_Description(seen, &s));
    assert_bstr_is(L"Tom & Jerry's <game>", s);
    IStaticPortMapping_Release(seen);

    s = SysAllocString(L"renamed \x00e9");
    assert_hr(S_OK, IStaticPortMapping_EditDescription(m, s));
    SysFreeString(s);
    assert_hr(S_OK, IStaticPortMapping_EditInternalPort(m, 8081));
    assert_true(lab_has("TCP 45101->10.77.0.2:8081  'renamed \xc3\xa9'"));
    s = SysAllocString(L"10.77.0.3");
    assert_hr(S_OK, IStaticPortMapping_EditInternalClient(m, s));
    SysFreeString(s);
    assert_true(lab_has("TCP 45101->10.77.0.3:8081"));
    assert_false(lab_has("TCP 45101->10.77.0.2"));
    assert_hr(S_OK, IStaticPortMapping_get_InternalClient(m, &s));
    assert_bstr_is(L"10.77.0.3", s);
    assert_hr(S_OK, IStaticPortMapping_Enable(m, VARIANT_FALSE));
    assert_hr(S_OK, IStaticPortMapping_get_Enabled(m, &enabled));
    assert_int_equal(VARIANT_FALSE, enabled);
    assert_hr(E_INVALIDARG, IStaticPortMapping_EditInternalPort(m, 70000));
    s = SysAllocString(L"not an address or a name that resolves.invalid");
    assert_hr(E_INVALIDARG, IStaticPortMapping_EditInternalClient(m, s));
    SysFreeString(s);
    assert_hr(E_POINTER, IStaticPortMapping_get_Description(m, NULL));

    assert_hr(S_OK, lab_remove_mapping(c, 45101, L"TCP"));
    assert_false(lab_has("TCP 45101->"));
    IStaticPortMapping_Release(m);
    IStaticPortMappingCollection_Release(c);
    IUPnPNAT_Release(n);
}

static void another_clients_port_is_a_documented_conflict(void **state)
{
    IUPnPNAT *n = lab_nat();
    IStaticPortMappingCollection *c = lab_statics(n);
    IStaticPortMapping *m = (IStaticPortMapping *)0xdeadbeef;

    assert_int_equal(0, lab_foreign_mapping("TCP", 45102));
    assert_hr(E_CONFLICT, add(c, 45102, L"TCP", 45102, L"10.77.0.2", L"mine", &m));
    assert_null(m);
    assert_true(lab_has("TCP 45102->10.77.0.3:45102"));
    assert_hr(S_OK, lab_remove_mapping(c, 45102, L"TCP"));
    IStaticPortMappingCollection_Release(c);
    IUPnPNAT_Release(n);
}


static IDynamicPortMappingCollection *dynamics(IUPnPNAT *n)
{
    IDynamicPortMappingCollection *d = NULL;

    assert_hr(S_OK, IUPnPNAT_get_DynamicPortMappingCollection(n, &d));
    assert_non_null(d);
    return d;
}

static void dynamic_mappings_carry_their_lease(void **state)
{
    IUPnPNAT *n = lab_nat();
    IDynamicPortMappingCollection *d = dynamics(n);
    IDynamicPortMapping *m = NULL, *seen = NULL;
    BSTR host = SysAllocString(L""), udp = SysAllocString(L"UDP"), client = SysAllocString(L"10.77.0.2");
    BSTR desc = SysAllocString(L"leased"), s = NULL;
    LONG lease = -1, count = -1, before = -1;

    assert_hr(S_OK, IDynamicPortMappingCollection_get_Count(d, &before));
    assert_hr(E_INVALIDARG, IDynamicPortMappingCollection_Add(d, host, 45200, udp, 45200, client, VARIANT_TRUE, desc,
                                                              -1, &m));
    assert_hr(S_OK, IDynamicPortMappingCollection_Add(d, host, 45200, udp, 45201, client, VARIANT_TRUE, desc, 3600,
                                                      &m));
    assert_hr(S_OK, IDynamicPortMapping_get_LeaseDuration(m, &lease));
    assert_int_equal(3600, lease);
    assert_hr(S_OK, IDynamicPortMapping_get_RemoteHost(m, &s));
    assert_bstr_is(L"", s);
    assert_hr(S_OK, IDynamicPortMapping_get_ExternalIPAddress(m, &s));
    assert_bstr_is(L"1.2.3.4", s);
    assert_hr(S_OK, IDynamicPortMappingCollection_get_Count(d, &count));
    assert_int_equal(before + 1, count);
    assert_true(lab_has("UDP 45200->10.77.0.2:45201"));

    lease = -1;
    assert_hr(S_OK, IDynamicPortMapping_RenewLease(m, 120, &lease));
    assert_int_equal(120, lease);
    assert_hr(E_POINTER, IDynamicPortMapping_RenewLease(m, 120, NULL));
    assert_hr(E_INVALIDARG, IDynamicPortMapping_RenewLease(m, -5, &lease));
    assert_hr(S_OK, IDynamicPortMappingCollection_get_Item(d, host, 45200, udp, &seen));
    assert_hr(S_OK, IDynamicPortMapping_get_LeaseDuration(seen, &lease));
    assert_true(lease > 100 && lease <= 120); /* what the router has left */
    assert_hr(S_OK, IDynamicPortMapping_get_InternalPort(seen, &lease));
    assert_int_equal(45201, lease);
    IDynamicPortMapping_Release(seen);
    assert_hr(E_NOT_FOUND, IDynamicPortMappingCollection_get_Item(d, host, 45299, udp, &seen));

    assert_hr(S_OK, IDynamicPortMappingCollection_Remove(d, host, 45200, udp));
    assert_false(lab_has("UDP 45200->"));
    IDynamicPortMapping_Release(m);
    SysFreeString(host);
    SysFreeString(udp);
    SysFreeString(client);
    SysFreeString(desc);
    IDynamicPortMappingCollection_Release(d);
    IUPnPNAT_Release(n);
}

/* Events fire on the thread that put the callback (an STA: through its messages), within the
 * interval (HNETCFG_UPNP_EVENT_MS, 300 ms here), when the number of mappings or the external
 * address changes. */
static void events_reach_their_callbacks_on_the_callers_thread(void **state)
{
    struct callback by_iface, by_dispatch, neither;
    INATEventManager *events = NULL;
    IUPnPNAT *n;

    SetEnvironmentVariableW(L"HNETCFG_UPNP_EVENT_MS", L"300");
    n = lab_nat();
    callback_init(&by_iface, FALSE, FALSE);
    callback_init(&by_dispatch, TRUE, FALSE);
    callback_init(&neither, FALSE, TRUE);
    assert_hr(S_OK, IUPnPNAT_get_NATEventManager(n, &events));
    assert_hr(E_FAIL, INATEventManager_put_NumberOfEntriesCallback(events, (IUnknown *)&neither.dispatch_iface));
    assert_int_equal(1, neither.refs);
    assert_hr(S_OK, INATEventManager_put_NumberOfEntriesCallback(events, (IUnknown *)&by_iface.dispatch_iface));
    assert_hr(S_OK, INATEventManager_put_ExternalIPAddressCallback(events, (IUnknown *)&by_dispatch.dispatch_iface));
    INATEventManager_Release(events); /* the callbacks live with the NAT object */
    pump_messages(900); /* the first poll: where changes count from */

    assert_int_equal(0, lab_foreign_mapping("TCP", 45300));
    assert_true(wait_flag(&by_iface.calls, 5000));
    assert_false(by_iface.wrong_thread);
    assert_true(by_iface.last_count >= 1);

    assert_int_equal(0, lab_with("OHN_LAB_EXT_IP=5.6.7.8", "router-restart"));
    assert_true(wait_flag(&by_dispatch.calls, 5000));
    assert_false(by_dispatch.wrong_thread);
    assert_int_equal(0, lstrcmpW(by_dispatch.last_reason, L"NewExternalIPAddress"));
    assert_int_equal(0, lstrcmpW(by_dispatch.last_address, L"5.6.7.8"));

    assert_int_equal(0, lab("router-restart"));
    assert_int_equal(0, lab("upnpc -d 45300 TCP"));
    IUPnPNAT_Release(n);
    /* Released with the NAT object, and never called again. */
    assert_int_equal(1, by_iface.refs);
    assert_int_equal(1, by_dispatch.refs);
    SetEnvironmentVariableW(L"HNETCFG_UPNP_EVENT_MS", NULL);
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(the_object_is_ours_and_answers_its_interfaces, setup, teardown),
        cmocka_unit_test_setup_teardown(getting_a_collection_leaves_the_refcount, setup, teardown),
        cmocka_unit_test_setup_teardown(static_collection_follows_windows, setup, teardown),
        cmocka_unit_test_setup_teardown(a_mapping_reads_back_and_its_edits_reach_the_router, setup, teardown),
        cmocka_unit_test_setup_teardown(another_clients_port_is_a_documented_conflict, setup, teardown),
        cmocka_unit_test_setup_teardown(dynamic_mappings_carry_their_lease, setup, teardown),
        cmocka_unit_test_setup_teardown(events_reach_their_callbacks_on_the_callers_thread, setup, teardown),
    };
    if (argc > 1)
        cmocka_set_test_filter(argv[1]); /* one test, by name (or a pattern) */
    return cmocka_run_group_tests_name("upnpnat", tests, NULL, NULL);
}
