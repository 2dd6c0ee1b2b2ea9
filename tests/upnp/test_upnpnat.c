/*
 * UPnPNAT (HNetCfg.NATUPnP) against the real miniupnpd of the router lab, from a
 * single-threaded apartment as most clients are. Every change is checked on the router's side
 * too, with upnpc. The router is 10.77.0.1, this client 10.77.0.2, another LAN host 10.77.0.3,
 * the router's external address 1.2.3.4.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "lab_client.h"

#include <stdlib.h>

#define COBJMACROS
#include "natupnplib.h"
#include "openhnetcfg.h"

#define E_NOT_FOUND HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND)
#define E_CONFLICT HRESULT_FROM_WIN32(ERROR_ADDRESS_ALREADY_ASSOCIATED)

static IUPnPNAT *nat(void)
{
    IUPnPNAT *n = NULL;

    assert_hr(S_OK, CoCreateInstance(&CLSID_UPnPNAT, NULL, CLSCTX_INPROC_SERVER, &IID_IUPnPNAT, (void **)&n));
    assert_non_null(n);
    return n;
}

static IStaticPortMappingCollection *statics(IUPnPNAT *n)
{
    IStaticPortMappingCollection *c = NULL;

    assert_hr(S_OK, IUPnPNAT_get_StaticPortMappingCollection(n, &c));
    assert_non_null(c);
    return c;
}

static LONG count_of(IStaticPortMappingCollection *c)
{
    LONG count = -1;

    assert_hr(S_OK, IStaticPortMappingCollection_get_Count(c, &count));
    return count;
}

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

static HRESULT remove_mapping(IStaticPortMappingCollection *c, LONG ext, const WCHAR *proto)
{
    BSTR p = SysAllocString(proto);
    HRESULT hr = IStaticPortMappingCollection_Remove(c, ext, p);

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
    IUPnPNAT *n = nat();
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
    IUPnPNAT *n = nat();
    IStaticPortMappingCollection *c;
    IDynamicPortMappingCollection *d = NULL;
    ULONG before, after;

    IUPnPNAT_AddRef(n);
    before = IUPnPNAT_Release(n);
    c = statics(n);
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
    IUPnPNAT *n = nat();
    IStaticPortMappingCollection *c = statics(n);
    IStaticPortMapping *m = (IStaticPortMapping *)0xdeadbeef, *again = NULL;
    IEnumVARIANT *ev = NULL;
    IUnknown *unk = NULL;
    LONG before, port = 0;
    ULONG seen = 0;
    BSTR s = NULL;
    VARIANT v;

    before = count_of(c);
    assert_hr(E_INVALIDARG, add(c, 45100, L"udp", 45100, L"10.77.0.2", L"lower case", NULL));
    assert_hr(S_OK, add(c, 45100, L"UDP", 45100, L"10.77.0.2", L"wine_test", NULL));
    assert_int_equal(before + 1, count_of(c));
    assert_true(lab_has("UDP 45100->10.77.0.2:45100"));
    assert_hr(S_OK, add(c, 45100, L"UDP", 45100, L"10.77.0.2", L"wine_test", NULL)); /* again: fine */
    assert_int_equal(before + 1, count_of(c));

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
    IEnumVARIANT_Release(ev);
    IUnknown_Release(unk);

    assert_hr(S_OK, remove_mapping(c, 45100, L"UDP"));
    assert_int_equal(before, count_of(c));
    assert_false(lab_has("UDP 45100->"));
    IStaticPortMappingCollection_Release(c);
    IUPnPNAT_Release(n);
}

static void a_mapping_reads_back_and_its_edits_reach_the_router(void **state)
{
    IUPnPNAT *n = nat();
    IStaticPortMappingCollection *c = statics(n);
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

    assert_hr(S_OK, remove_mapping(c, 45101, L"TCP"));
    assert_false(lab_has("TCP 45101->"));
    IStaticPortMapping_Release(m);
    IStaticPortMappingCollection_Release(c);
    IUPnPNAT_Release(n);
}

static void another_clients_port_is_a_documented_conflict(void **state)
{
    IUPnPNAT *n = nat();
    IStaticPortMappingCollection *c = statics(n);
    IStaticPortMapping *m = (IStaticPortMapping *)0xdeadbeef;

    assert_int_equal(0, lab_foreign_mapping("TCP", 45102));
    assert_hr(E_CONFLICT, add(c, 45102, L"TCP", 45102, L"10.77.0.2", L"mine", &m));
    assert_null(m);
    assert_true(lab_has("TCP 45102->10.77.0.3:45102"));
    assert_hr(S_OK, remove_mapping(c, 45102, L"TCP"));
    IStaticPortMappingCollection_Release(c);
    IUPnPNAT_Release(n);
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(the_object_is_ours_and_answers_its_interfaces, setup, teardown),
        cmocka_unit_test_setup_teardown(getting_a_collection_leaves_the_refcount, setup, teardown),
        cmocka_unit_test_setup_teardown(static_collection_follows_windows, setup, teardown),
        cmocka_unit_test_setup_teardown(a_mapping_reads_back_and_its_edits_reach_the_router, setup, teardown),
        cmocka_unit_test_setup_teardown(another_clients_port_is_a_documented_conflict, setup, teardown),
    };
    return cmocka_run_group_tests_name("upnpnat", tests, NULL, NULL);
}
