/*
 * NetSharingManager, INetSharingConfiguration, port mappings and connections under Wine,
 * through CoCreateInstance of the registered DLL, against the mingw-w64 SDK <netcon.h>.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "test_common.h"

#include <iphlpapi.h>

#define E_GONE HRESULT_FROM_WIN32(ERROR_NOT_FOUND)
#define E_EXISTS HRESULT_FROM_WIN32(ERROR_OBJECT_ALREADY_EXISTS)

struct fixture
{
    INetSharingManager *mgr;
    INetConnection *conn[2];
    INetSharingConfiguration *cfg[2];
};

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof(*f));

    if (test_setup_com(state))
        return -1;
    f->mgr = test_manager();
    f->conn[0] = test_connection(f->mgr, 0);
    f->conn[1] = test_connection(f->mgr, 1);
    f->cfg[0] = test_config(f->mgr, f->conn[0]);
    f->cfg[1] = test_config(f->mgr, f->conn[1]);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    int i;

    for (i = 0; i < 2; i++)
    {
        INetSharingConfiguration_Release(f->cfg[i]);
        INetConnection_Release(f->conn[i]);
    }
    INetSharingManager_Release(f->mgr);
    free(f);
    return test_teardown_com(state);
}

static INetSharingPortMappingProps *props_of(INetSharingPortMapping *m)
{
    INetSharingPortMappingProps *p = NULL;

    assert_hr(S_OK, INetSharingPortMapping_get_Properties(m, &p));
    assert_non_null(p);
    return p;
}

static VARIANT_BOOL enabled_of(INetSharingPortMapping *m)
{
    INetSharingPortMappingProps *p = props_of(m);
    VARIANT_BOOL b = 42;

    assert_hr(S_OK, INetSharingPortMappingProps_get_Enabled(p, &b));
    INetSharingPortMappingProps_Release(p);
    return b;
}

static void assert_bstr(const WCHAR *expected, UINT expected_len, BSTR actual)
{
    assert_non_null(actual);
    assert_int_equal(expected_len, SysStringLen(actual));
    assert_memory_equal(expected, actual, expected_len * sizeof(WCHAR));
}

static DWORD characteristics_of(INetSharingManager *mgr, INetConnection *conn)
{
    INetConnectionProps *props = NULL;
    DWORD flags = 0xdeadbeef;

    assert_hr(S_OK, INetSharingManager_get_NetConnectionProps(mgr, conn, &props));
    assert_hr(S_OK, INetConnectionProps_get_Characteristics(props, &flags));
    INetConnectionProps_Release(props);
    return flags;
}

/* The first mapping of cfg's enumeration with this identity, or NULL. */
static INetSharingPortMapping *find_mapping(INetSharingConfiguration *cfg, UCHAR proto, LONG ext)
{
    INetSharingPortMappingCollection *coll = NULL;
    INetSharingPortMapping *found = NULL, *m;
    IEnumVARIANT *ev = NULL;
    IUnknown *unk = NULL;
    VARIANT v;

    assert_hr(S_OK, INetSharingConfiguration_get_EnumPortMappings(cfg, ICSSC_DEFAULT, &coll));
    assert_hr(S_OK, INetSharingPortMappingCollection_get__NewEnum(coll, &unk));
    assert_hr(S_OK, IUnknown_QueryInterface(unk, &IID_IEnumVARIANT, (void **)&ev));
    VariantInit(&v);
    while (!found && IEnumVARIANT_Next(ev, 1, &v, NULL) == S_OK)
    {
        INetSharingPortMappingProps *p;
        UCHAR pr = 0;
        LONG port = 0;

        assert_int_equal(VT_DISPATCH, V_VT(&v));
        assert_hr(S_OK, IDispatch_QueryInterface(V_DISPATCH(&v), &IID_INetSharingPortMapping, (void **)&m));
        p = props_of(m);
        assert_hr(S_OK, INetSharingPortMappingProps_get_IPProtocol(p, &pr));
        assert_hr(S_OK, INetSharingPortMappingProps_get_ExternalPort(p, &port));
        INetSharingPortMappingProps_Release(p);
        if (pr == proto && port == ext)
            found = m;
        else
            INetSharingPortMapping_Release(m);
        VariantClear(&v);
    }
    IEnumVARIANT_Release(ev);
    IUnknown_Release(unk);
    INetSharingPortMappingCollection_Release(coll);
    return found;
}

static void manager_is_creatable_by_progid_and_answers_its_interfaces(void **state)
{
    struct fixture *f = *state;
    CLSID clsid;
    IUnknown *unk;

    assert_hr(S_OK, CLSIDFromProgID(L"HNetCfg.HNetShare", &clsid));
    assert_true(IsEqualGUID(&clsid, &CLSID_NetSharingManager));
    assert_hr(S_OK, CLSIDFromProgID(L"HNetCfg.HNetShare.1", &clsid));
    assert_true(IsEqualGUID(&clsid, &CLSID_NetSharingManager));
    assert_hr(S_OK, INetSharingManager_QueryInterface(f->mgr, &IID_IDispatch, (void **)&unk));
    IUnknown_Release(unk);
    assert_hr(S_OK, INetSharingManager_QueryInterface(f->mgr, &IID_IUnknown, (void **)&unk));
    IUnknown_Release(unk);
    unk = (IUnknown *)0xdeadbeef;
    assert_hr(E_NOINTERFACE, INetSharingManager_QueryInterface(f->mgr, &IID_IProvideClassInfo, (void **)&unk));
    assert_null(unk);
    assert_hr(E_POINTER, INetSharingManager_QueryInterface(f->mgr, &IID_IUnknown, NULL));
}

static void sharing_is_installed(void **state)
{
    struct fixture *f = *state;
    VARIANT_BOOL installed = 42;

    assert_hr(S_OK, INetSharingManager_get_SharingInstalled(f->mgr, &installed));
    assert_int_equal(VARIANT_TRUE, installed);
    assert_hr(E_POINTER, INetSharingManager_get_SharingInstalled(f->mgr, NULL));
}

static void connections_are_the_adapters_without_loopback(void **state)
{
    struct fixture *f = *state;
    INetSharingEveryConnectionCollection *coll = NULL;
    IP_ADAPTER_ADDRESSES *adapters, *a;
    ULONG size = 65536, expected = 0, i;
    LONG count = -1;

    adapters = malloc(size);
    assert_int_equal(ERROR_SUCCESS, GetAdaptersAddresses(AF_UNSPEC, 0, NULL, adapters, &size));
    for (a = adapters; a; a = a->Next)
        if (a->IfType != IF_TYPE_SOFTWARE_LOOPBACK)
            expected++;
    assert_int_equal(2, expected); /* scripts/in-netns.sh makes one veth pair */

    assert_hr(S_OK, INetSharingManager_get_EnumEveryConnection(f->mgr, &coll));
    assert_hr(S_OK, INetSharingEveryConnectionCollection_get_Count(coll, &count));
    assert_int_equal(expected, count);
    INetSharingEveryConnectionCollection_Release(coll);

    for (i = 0; i < 2; i++)
    {
        NETCON_PROPERTIES *props = NULL;
        INetConnectionProps *cp = NULL;
        WCHAR guid[40], adapter_name[64];
        BSTR s = NULL;
        BOOL matched = FALSE;

        assert_hr(S_OK, INetConnection_GetProperties(f->conn[i], &props));
        StringFromGUID2(&props->guidId, guid, 40);
        for (a = adapters; a; a = a->Next)
        {
            MultiByteToWideChar(CP_ACP, 0, a->AdapterName, -1, adapter_name, 64);
            if (!lstrcmpiW(adapter_name, guid))
            {
                matched = TRUE;
                assert_int_equal(0, lstrcmpW(props->pszwName, a->FriendlyName));
                assert_int_equal(0, lstrcmpW(props->pszwDeviceName, a->Description));
                assert_int_equal(NCS_CONNECTED, props->Status);
            }
        }
        assert_true(matched);
        assert_int_equal(NCM_LAN, props->MediaType);
        assert_int_equal(0, props->dwCharacter & (NCCF_SHARED | NCCF_SHARED_PRIVATE | NCCF_FIREWALLED));

        assert_hr(S_OK, INetSharingManager_get_NetConnectionProps(f->mgr, f->conn[i], &cp));
        assert_hr(S_OK, INetConnectionProps_get_Guid(cp, &s));
        assert_int_equal(0, lstrcmpW(s, guid)); /* braced, as StringFromGUID2 writes it */
        SysFreeString(s);
        assert_hr(S_OK, INetConnectionProps_get_Name(cp, &s));
        assert_int_equal(0, lstrcmpW(s, props->pszwName));
        SysFreeString(s);
        assert_hr(S_OK, INetConnectionProps_get_DeviceName(cp, &s));
        assert_int_equal(0, lstrcmpW(s, props->pszwDeviceName));
        SysFreeString(s);
        INetConnectionProps_Release(cp);

        CoTaskMemFree(props->pszwName);
        CoTaskMemFree(props->pszwDeviceName);
        CoTaskMemFree(props);
    }
    free(adapters);
}

static void connection_enumerator_follows_ienumvariant_rules(void **state)
{
    struct fixture *f = *state;
    INetSharingEveryConnectionCollection *coll = NULL;
    IEnumVARIANT *ev = NULL, *clone = NULL;
    IUnknown *unk = NULL, *other = NULL;
    VARIANT v[3];
    ULONG fetched = 99;
    int i;

    assert_hr(S_OK, INetSharingManager_get_EnumEveryConnection(f->mgr, &coll));
    assert_hr(S_OK, INetSharingEveryConnectionCollection_get__NewEnum(coll, &unk));
    assert_hr(S_OK, IUnknown_QueryInterface(unk, &IID_IEnumVARIANT, (void **)&ev));
    assert_hr(S_OK, IUnknown_QueryInterface(unk, &test_IID_IEnumNetSharingEveryConnection, (void **)&other));
    IUnknown_Release(other);
    assert_hr(E_NOINTERFACE, IUnknown_QueryInterface(unk, &test_IID_IEnumNetSharingPortMapping, (void **)&other));

    assert_hr(S_OK, IEnumVARIANT_Next(ev, 0, v, &fetched));
    assert_int_equal(0, fetched);
    assert_hr(E_POINTER, IEnumVARIANT_Next(ev, 1, NULL, &fetched));
    assert_hr(S_FALSE, IEnumVARIANT_Next(ev, 3, v, &fetched));
    assert_int_equal(2, fetched);
    for (i = 0; i < 2; i++)
    {
        INetConnection *c;
        assert_int_equal(VT_UNKNOWN, V_VT(&v[i]));
        assert_hr(S_OK, IUnknown_QueryInterface(V_UNKNOWN(&v[i]), &IID_INetConnection, (void **)&c));
        INetConnection_Release(c);
        VariantClear(&v[i]);
    }
    assert_int_equal(VT_EMPTY, V_VT(&v[2]));
    assert_hr(S_FALSE, IEnumVARIANT_Next(ev, 1, v, &fetched));
    assert_int_equal(0, fetched);

    assert_hr(S_OK, IEnumVARIANT_Reset(ev));
    assert_hr(S_OK, IEnumVARIANT_Skip(ev, 1));
    assert_hr(S_OK, IEnumVARIANT_Clone(ev, &clone));
    assert_hr(S_OK, IEnumVARIANT_Next(clone, 1, v, NULL)); /* the clone starts where ev was */
    VariantClear(&v[0]);
    assert_hr(S_FALSE, IEnumVARIANT_Next(clone, 1, v, &fetched));
    assert_hr(S_FALSE, IEnumVARIANT_Skip(ev, 5));
    assert_hr(S_FALSE, IEnumVARIANT_Next(ev, 1, v, &fetched));
    assert_int_equal(0, fetched);
    IEnumVARIANT_Release(clone);
    IEnumVARIANT_Release(ev);
    IUnknown_Release(unk);
    INetSharingEveryConnectionCollection_Release(coll);
}

static void rename_persists_and_rejects_bad_names(void **state)
{
    struct fixture *f = *state;
    static const WCHAR *bad[] = {L"", L"a/b", L"a\\b", L"a:b", L"a*b", L"a?b", L"a\"b", L"a<b", L"a>b", L"a|b", L"a\tb"};
    INetConnection *again;
    NETCON_PROPERTIES *props;
    WCHAR long_name[258];
    unsigned i;

    assert_hr(S_OK, INetConnection_Rename(f->conn[0], L"Internet \x00e9\x4e2d"));
    again = test_connection(f->mgr, 0);
    assert_hr(S_OK, INetConnection_GetProperties(again, &props));
    assert_int_equal(0, lstrcmpW(props->pszwName, L"Internet \x00e9\x4e2d"));
    CoTaskMemFree(props->pszwName);
    CoTaskMemFree(props->pszwDeviceName);
    CoTaskMemFree(props);

    /* Two connections cannot show the same name. */
    assert_hr(S_OK, INetConnection_GetProperties(f->conn[1], &props));
    assert_hr(HRESULT_FROM_WIN32(ERROR_DUP_NAME), INetConnection_Rename(f->conn[0], props->pszwName));
    assert_hr(S_OK, INetConnection_Rename(f->conn[1], props->pszwName)); /* its own name: fine */
    CoTaskMemFree(props->pszwName);
    CoTaskMemFree(props->pszwDeviceName);
    CoTaskMemFree(props);
    assert_hr(HRESULT_FROM_WIN32(ERROR_DUP_NAME), INetConnection_Rename(f->conn[1], L"INTERNET \x00e9\x4e2d"));

    assert_hr(E_POINTER, INetConnection_Rename(f->conn[0], NULL));
    for (i = 0; i < ARRAYSIZE(bad); i++)
        assert_hr(E_INVALIDARG, INetConnection_Rename(f->conn[0], bad[i]));
    for (i = 0; i < 257; i++)
        long_name[i] = 'n';
    long_name[257] = 0;
    assert_hr(E_INVALIDARG, INetConnection_Rename(f->conn[0], long_name));
    long_name[256] = 0;
    assert_hr(S_OK, INetConnection_Rename(again, long_name));
    assert_hr(S_OK, INetConnection_GetProperties(f->conn[0], &props));
    assert_int_equal(0, lstrcmpW(props->pszwName, long_name));
    CoTaskMemFree(props->pszwName);
    CoTaskMemFree(props->pszwDeviceName);
    CoTaskMemFree(props);
    INetConnection_Release(again);
}

static void connection_methods_of_the_system_are_not_implemented(void **state)
{
    struct fixture *f = *state;
    INetConnection *dup = (INetConnection *)0xdeadbeef;
    CLSID clsid;

    assert_hr(E_NOTIMPL, INetConnection_Connect(f->conn[0]));
    assert_hr(E_NOTIMPL, INetConnection_Disconnect(f->conn[0]));
    assert_hr(E_NOTIMPL, INetConnection_Delete(f->conn[0]));
    assert_hr(E_NOTIMPL, INetConnection_Duplicate(f->conn[0], L"copy", &dup));
    assert_null(dup);
    assert_hr(E_NOTIMPL, INetConnection_GetUiObjectClassId(f->conn[0], &clsid));
}

static LONG count_connections(INetSharingManager *mgr, int private_side)
{
    INetSharingPublicConnectionCollection *pub = NULL;
    INetSharingPrivateConnectionCollection *priv = NULL;
    LONG count = -1;

    if (private_side)
    {
        assert_hr(S_OK, INetSharingManager_get_EnumPrivateConnections(mgr, ICSSC_DEFAULT, &priv));
        assert_hr(S_OK, INetSharingPrivateConnectionCollection_get_Count(priv, &count));
        INetSharingPrivateConnectionCollection_Release(priv);
    }
    else
    {
        assert_hr(S_OK, INetSharingManager_get_EnumPublicConnections(mgr, ICSSC_DEFAULT, &pub));
        assert_hr(S_OK, INetSharingPublicConnectionCollection_get_Count(pub, &count));
        INetSharingPublicConnectionCollection_Release(pub);
    }
    return count;
}

static void assert_role(INetSharingConfiguration *cfg, VARIANT_BOOL enabled, SHARINGCONNECTIONTYPE type)
{
    VARIANT_BOOL b = 42;
    SHARINGCONNECTIONTYPE t = 42;

    assert_hr(S_OK, INetSharingConfiguration_get_SharingEnabled(cfg, &b));
    assert_int_equal(enabled, b);
    assert_hr(S_OK, INetSharingConfiguration_get_SharingConnectionType(cfg, &t));
    assert_int_equal(type, t);
}

static void sharing_roles_move_between_connections(void **state)
{
    struct fixture *f = *state;
    INetSharingPublicConnectionCollection *pub = (void *)0xdeadbeef;

    assert_role(f->cfg[0], VARIANT_FALSE, ICSSHARINGTYPE_PUBLIC);
    assert_int_equal(0, count_connections(f->mgr, 0));
    assert_int_equal(0, count_connections(f->mgr, 1));

    assert_hr(S_OK, INetSharingConfiguration_EnableSharing(f->cfg[0], ICSSHARINGTYPE_PUBLIC));
    assert_role(f->cfg[0], VARIANT_TRUE, ICSSHARINGTYPE_PUBLIC);
    assert_int_equal(NCCF_SHARED, characteristics_of(f->mgr, f->conn[0]) & (NCCF_SHARED | NCCF_SHARED_PRIVATE));
    assert_int_equal(1, count_connections(f->mgr, 0));

    /* A second public connection takes the role. */
    assert_hr(S_OK, INetSharingConfiguration_EnableSharing(f->cfg[1], ICSSHARINGTYPE_PUBLIC));
    assert_role(f->cfg[0], VARIANT_FALSE, ICSSHARINGTYPE_PUBLIC);
    assert_role(f->cfg[1], VARIANT_TRUE, ICSSHARINGTYPE_PUBLIC);
    assert_int_equal(0, characteristics_of(f->mgr, f->conn[0]) & NCCF_SHARED);
    assert_int_equal(1, count_connections(f->mgr, 0));

    assert_hr(S_OK, INetSharingConfiguration_EnableSharing(f->cfg[0], ICSSHARINGTYPE_PRIVATE));
    assert_role(f->cfg[0], VARIANT_TRUE, ICSSHARINGTYPE_PRIVATE);
    assert_int_equal(NCCF_SHARED_PRIVATE, characteristics_of(f->mgr, f->conn[0]) & (NCCF_SHARED | NCCF_SHARED_PRIVATE));
    assert_int_equal(1, count_connections(f->mgr, 1));

    /* The public connection becoming private leaves no public one. */
    assert_hr(S_OK, INetSharingConfiguration_EnableSharing(f->cfg[1], ICSSHARINGTYPE_PRIVATE));
    assert_role(f->cfg[1], VARIANT_TRUE, ICSSHARINGTYPE_PRIVATE);
    assert_role(f->cfg[0], VARIANT_FALSE, ICSSHARINGTYPE_PUBLIC);
    assert_int_equal(0, count_connections(f->mgr, 0));

    assert_hr(E_INVALIDARG, INetSharingConfiguration_EnableSharing(f->cfg[0], 2));
    assert_role(f->cfg[1], VARIANT_TRUE, ICSSHARINGTYPE_PRIVATE);
    assert_hr(E_INVALIDARG, INetSharingManager_get_EnumPublicConnections(f->mgr, 2, &pub));
    assert_null(pub);
    assert_hr(E_POINTER, INetSharingManager_get_EnumPublicConnections(f->mgr, ICSSC_DEFAULT, NULL));
    assert_hr(E_POINTER, INetSharingConfiguration_get_SharingEnabled(f->cfg[0], NULL));
    assert_hr(E_POINTER, INetSharingConfiguration_get_SharingConnectionType(f->cfg[0], NULL));

    assert_hr(S_OK, INetSharingConfiguration_DisableSharing(f->cfg[1]));
    assert_role(f->cfg[1], VARIANT_FALSE, ICSSHARINGTYPE_PUBLIC);
    assert_int_equal(0, count_connections(f->mgr, 1));
    assert_hr(S_OK, INetSharingConfiguration_DisableSharing(f->cfg[1]));
}

static void firewall_flag_is_stored_and_reported(void **state)
{
    struct fixture *f = *state;
    VARIANT_BOOL b = 42;

    assert_hr(S_OK, INetSharingConfiguration_get_InternetFirewallEnabled(f->cfg[0], &b));
    assert_int_equal(VARIANT_FALSE, b);
    assert_hr(S_OK, INetSharingConfiguration_EnableInternetFirewall(f->cfg[0]));
    assert_hr(S_OK, INetSharingConfiguration_get_InternetFirewallEnabled(f->cfg[0], &b));
    assert_int_equal(VARIANT_TRUE, b);
    assert_int_equal(NCCF_FIREWALLED, characteristics_of(f->mgr, f->conn[0]) & NCCF_FIREWALLED);
    assert_int_equal(0, characteristics_of(f->mgr, f->conn[1]) & NCCF_FIREWALLED);
    assert_hr(S_OK, INetSharingConfiguration_DisableInternetFirewall(f->cfg[0]));
    assert_hr(S_OK, INetSharingConfiguration_get_InternetFirewallEnabled(f->cfg[0], &b));
    assert_int_equal(VARIANT_FALSE, b);
    assert_int_equal(0, characteristics_of(f->mgr, f->conn[0]) & NCCF_FIREWALLED);
    assert_hr(E_POINTER, INetSharingConfiguration_get_InternetFirewallEnabled(f->cfg[0], NULL));
}

static void add_port_mapping_creates_a_disabled_mapping_with_its_fields(void **state)
{
    struct fixture *f = *state;
    static const struct test_mapping_fields ben = {L"Ben's Port Mapping", 6, 555, 444, (LONG)0xfedcba98,
                                                   L"compnametst2", L"", VARIANT_FALSE};
    static const struct test_mapping_fields game = {L"Game", 17, 3074, 3075, 0, L"", L"192.0.2.20", VARIANT_FALSE};
    INetSharingPortMapping *m = NULL;
    INetSharingPortMappingProps *p;

    assert_hr(S_OK, test_add_mapping(f->cfg[0], L"Ben's Port Mapping", 6, 555, 444, 0xfedcba98, L"compnametst2",
                        ICSTT_NAME, &m));
    assert_non_null(m);
    p = props_of(m);
    test_check_props(p, &ben);
    assert_hr(E_POINTER, INetSharingPortMappingProps_get_Name(p, NULL));
    assert_hr(E_POINTER, INetSharingPortMappingProps_get_Enabled(p, NULL));
    INetSharingPortMappingProps_Release(p);
    INetSharingPortMapping_Release(m);

    /* By address, UDP, on a connection that is not shared. */
    assert_hr(S_OK, test_add_mapping(f->cfg[1], L"Game", 17, 3074, 3075, 0, L"192.0.2.20", ICSTT_IPADDRESS, &m));
    p = props_of(m);
    test_check_props(p, &game);
    INetSharingPortMappingProps_Release(p);
    INetSharingPortMapping_Release(m);
    assert_int_equal(1, test_count_mappings(f->cfg[0]));
    assert_int_equal(1, test_count_mappings(f->cfg[1]));
}

static void enable_and_disable_persist_at_once(void **state)
{
    struct fixture *f = *state;
    INetSharingPortMapping *m = NULL, *seen;

    assert_hr(S_OK, test_add_mapping(f->cfg[0], L"web", 6, 8080, 80, 0, L"192.0.2.10", ICSTT_IPADDRESS, &m));
    assert_int_equal(VARIANT_FALSE, enabled_of(m));
    assert_hr(S_OK, INetSharingPortMapping_Enable(m));
    seen = find_mapping(f->cfg[0], 6, 8080); /* a new object, read from the store */
    assert_non_null(seen);
    assert_int_equal(VARIANT_TRUE, enabled_of(seen));
    assert_hr(S_OK, INetSharingPortMapping_Disable(seen));
    assert_int_equal(VARIANT_FALSE, enabled_of(m));
    assert_hr(S_OK, INetSharingPortMapping_Enable(m));
    assert_hr(S_OK, INetSharingPortMapping_Enable(m));
    assert_int_equal(VARIANT_TRUE, enabled_of(seen));
    INetSharingPortMapping_Release(seen);
    INetSharingPortMapping_Release(m);
}

struct bad_add
{
    const WCHAR *name;
    UCHAR proto;
    USHORT ext, in;
    const WCHAR *target;
    ICS_TARGETTYPE type;
};

static void bad_input_is_rejected_and_changes_nothing(void **state)
{
    static const struct bad_add bad[] = {
        {L"x", 0, 100, 100, L"host", ICSTT_NAME},
        {L"x", 1, 100, 100, L"host", ICSTT_NAME},
        {L"x", 5, 100, 100, L"host", ICSTT_NAME},
        {L"x", 255, 100, 100, L"host", ICSTT_NAME},
        {L"x", 6, 0, 100, L"host", ICSTT_NAME},
        {L"x", 6, 100, 0, L"host", ICSTT_NAME},
        {NULL, 6, 100, 100, L"host", ICSTT_NAME},
        {L"", 6, 100, 100, L"host", ICSTT_NAME},
        {L"x", 6, 100, 100, NULL, ICSTT_NAME},
        {L"x", 6, 100, 100, L"", ICSTT_NAME},
        {L"x", 6, 100, 100, L"host", 2},
        {L"x", 6, 100, 100, L"host", -1},
        {L"x", 6, 100, 100, L"host", ICSTT_IPADDRESS},
        {L"x", 6, 100, 100, L"1.2.3", ICSTT_IPADDRESS},
        {L"x", 6, 100, 100, L"256.0.0.1", ICSTT_IPADDRESS},
        {L"x", 6, 100, 100, L"1.2.3.4 ", ICSTT_IPADDRESS},
        {L"x", 6, 100, 100, L"01.2.3.4", ICSTT_IPADDRESS},
    };
    struct fixture *f = *state;
    INetSharingPortMapping *m = NULL, *keep = NULL;
    WCHAR long_name[258];
    unsigned i;
    BSTR s;

    assert_hr(S_OK, test_add_mapping(f->cfg[0], L"keep", 6, 100, 100, 0, L"host", ICSTT_NAME, &keep));
    for (i = 0; i < ARRAYSIZE(bad); i++)
    {
        m = (INetSharingPortMapping *)0xdeadbeef;
        assert_hr(E_INVALIDARG, test_add_mapping(f->cfg[0], bad[i].name, bad[i].proto, bad[i].ext == 100 ? 101 : bad[i].ext,
                                    bad[i].in, 0, bad[i].target, bad[i].type, &m));
        assert_null(m);
    }
    for (i = 0; i < 257; i++)
        long_name[i] = 'a' + i % 26;
    long_name[257] = 0;
    assert_hr(E_INVALIDARG, test_add_mapping(f->cfg[0], long_name, 6, 102, 100, 0, L"host", ICSTT_NAME, &m));
    assert_hr(E_POINTER, test_add_mapping(f->cfg[0], L"x", 6, 103, 100, 0, L"host", ICSTT_NAME, NULL));
    assert_int_equal(1, test_count_mappings(f->cfg[0]));
    assert_int_equal(VARIANT_FALSE, enabled_of(keep));
    s = NULL;
    {
        INetSharingPortMappingProps *p = props_of(keep);
        assert_hr(S_OK, INetSharingPortMappingProps_get_Name(p, &s));
        assert_bstr(L"keep", 4, s);
        SysFreeString(s);
        INetSharingPortMappingProps_Release(p);
    }
    INetSharingPortMapping_Release(keep);
}

static void duplicate_protocol_and_external_port_fails_and_changes_nothing(void **state)
{
    struct fixture *f = *state;
    INetSharingPortMapping *first = NULL, *m = NULL;
    INetSharingPortMappingProps *p;
    BSTR s = NULL;
    LONG in = 0;

    assert_hr(S_OK, test_add_mapping(f->cfg[0], L"first", 6, 7000, 7001, 0, L"host", ICSTT_NAME, &first));
    assert_hr(S_OK, INetSharingPortMapping_Enable(first));
    m = (INetSharingPortMapping *)0xdeadbeef;
    assert_hr(E_EXISTS, test_add_mapping(f->cfg[0], L"second", 6, 7000, 9999, 0, L"192.0.2.9", ICSTT_IPADDRESS, &m));
    assert_null(m);
    p = props_of(first);
    assert_hr(S_OK, INetSharingPortMappingProps_get_Name(p, &s));
    assert_bstr(L"first", 5, s);
    SysFreeString(s);
    assert_hr(S_OK, INetSharingPortMappingProps_get_InternalPort(p, &in));
    assert_int_equal(7001, in);
    INetSharingPortMappingProps_Release(p);
    assert_int_equal(VARIANT_TRUE, enabled_of(first));

    /* The identity is (connection, protocol, external port). */
    assert_hr(S_OK, test_add_mapping(f->cfg[0], L"udp", 17, 7000, 7000, 0, L"host", ICSTT_NAME, &m));
    INetSharingPortMapping_Release(m);
    assert_hr(S_OK, test_add_mapping(f->cfg[1], L"other connection", 6, 7000, 7000, 0, L"host", ICSTT_NAME, &m));
    INetSharingPortMapping_Release(m);
    assert_int_equal(2, test_count_mappings(f->cfg[0]));
    assert_int_equal(1, test_count_mappings(f->cfg[1]));
    INetSharingPortMapping_Release(first);
}

/* The name and target of a mapping, as stored. */
static void assert_name_and_target(INetSharingConfiguration *cfg, UCHAR proto, LONG ext, const WCHAR *name,
                                   UINT name_len, const WCHAR *target, UINT target_len)
{
    INetSharingPortMapping *seen = find_mapping(cfg, proto, ext);
    INetSharingPortMappingProps *p;
    BSTR s = NULL;

    assert_non_null(seen);
    p = props_of(seen);
    assert_hr(S_OK, INetSharingPortMappingProps_get_Name(p, &s));
    assert_bstr(name, name_len, s);
    SysFreeString(s);
    assert_hr(S_OK, INetSharingPortMappingProps_get_TargetName(p, &s));
    assert_bstr(target, target_len, s);
    SysFreeString(s);
    INetSharingPortMappingProps_Release(p);
    INetSharingPortMapping_Release(seen);
}

static HRESULT add_bstrs(INetSharingConfiguration *cfg, BSTR name, UCHAR proto, USHORT ext, BSTR target)
{
    INetSharingPortMapping *m = (INetSharingPortMapping *)0xdeadbeef;
    HRESULT hr = INetSharingConfiguration_AddPortMapping(cfg, name, proto, ext, 1, 0, target, ICSTT_NAME, &m);

    if (hr == S_OK)
        INetSharingPortMapping_Release(m);
    else
        assert_null(m);
    return hr;
}

/* [in] BSTRs are read up to their first NUL, never through the length prefix (README). */
static void names_are_any_unicode_up_to_the_first_nul(void **state)
{
    static const WCHAR with_nul[] = {'a', 0, 'b', 'c'};
    static const WCHAR odd[] = {'b', 0xd800, 'c', 0xdc00, 0xd83d, 0xde00, 0x00e9, 0x4e2d, 0xffff, 0xfeff};
    struct fixture *f = *state;
    WCHAR longest[258];
    BSTR name, target;
    unsigned i;

    /* Unpaired surrogates and non-characters round-trip exactly. */
    name = SysAllocStringLen(odd, ARRAYSIZE(odd));
    assert_hr(S_OK, add_bstrs(f->cfg[0], name, 6, 1, name));
    SysFreeString(name);
    assert_name_and_target(f->cfg[0], 6, 1, odd, ARRAYSIZE(odd), odd, ARRAYSIZE(odd));

    /* A NUL ends the string, whatever the prefix says. */
    name = SysAllocStringLen(with_nul, ARRAYSIZE(with_nul));
    assert_hr(S_OK, add_bstrs(f->cfg[0], name, 6, 2, name));
    SysFreeString(name);
    assert_name_and_target(f->cfg[0], 6, 2, L"a", 1, L"a", 1);

    /* A prefix shorter than the string: the whole string counts. */
    name = SysAllocString(L"longer than said");
    ((DWORD *)name)[-1] = 2 * sizeof(WCHAR);
    assert_hr(S_OK, add_bstrs(f->cfg[0], name, 6, 3, name));
    ((DWORD *)name)[-1] = 16 * sizeof(WCHAR);
    SysFreeString(name);
    assert_name_and_target(f->cfg[0], 6, 3, L"longer than said", 16, L"longer than said", 16);

    /* A string that is empty before its first NUL is empty. */
    name = SysAllocStringLen(with_nul + 1, 3);
    target = SysAllocString(L"host");
    assert_hr(E_INVALIDARG, add_bstrs(f->cfg[0], name, 6, 4, target));
    assert_hr(E_INVALIDARG, add_bstrs(f->cfg[0], target, 6, 4, name));
    SysFreeString(name);

    /* The longest name (256 units) and target (255, as DNS names); one more is refused, even
     * when the BSTR's prefix says it is short. */
    for (i = 0; i < 257; i++)
        longest[i] = 0x4e00 + i;
    longest[257] = 0;
    name = SysAllocStringLen(longest, 256);
    SysFreeString(target);
    target = SysAllocStringLen(longest, 255);
    assert_hr(E_POINTER, INetSharingConfiguration_AddPortMapping(f->cfg[0], name, 17, 65535, 65535, 0, target,
                                                                 ICSTT_NAME, NULL));
    assert_hr(S_OK, add_bstrs(f->cfg[0], name, 17, 65535, target));
    assert_name_and_target(f->cfg[0], 17, 65535, longest, 256, longest, 255);
    SysFreeString(name);
    SysFreeString(target);
    name = SysAllocStringLen(longest, 257);
    target = SysAllocStringLen(longest, 256);
    assert_hr(E_INVALIDARG, add_bstrs(f->cfg[0], name, 17, 65534, L"host"));
    assert_hr(E_INVALIDARG, add_bstrs(f->cfg[0], L"name", 17, 65534, target));
    ((DWORD *)name)[-1] = 1 * sizeof(WCHAR);
    ((DWORD *)target)[-1] = 1 * sizeof(WCHAR);
    assert_hr(E_INVALIDARG, add_bstrs(f->cfg[0], name, 17, 65534, L"host"));
    assert_hr(E_INVALIDARG, add_bstrs(f->cfg[0], L"name", 17, 65534, target));
    ((DWORD *)name)[-1] = 257 * sizeof(WCHAR);
    ((DWORD *)target)[-1] = 256 * sizeof(WCHAR);
    SysFreeString(name);
    SysFreeString(target);
    assert_int_equal(4, test_count_mappings(f->cfg[0]));
}

static void removed_mappings_report_a_documented_error(void **state)
{
    struct fixture *f = *state;
    INetSharingPortMapping *m = NULL, *seen, *other = NULL;
    INetSharingPortMappingProps *p = (void *)0xdeadbeef;

    assert_hr(E_POINTER, INetSharingConfiguration_RemovePortMapping(f->cfg[0], NULL));
    assert_hr(S_OK, test_add_mapping(f->cfg[0], L"gone soon", 6, 4000, 4000, 0, L"host", ICSTT_NAME, &m));
    assert_hr(S_OK, test_add_mapping(f->cfg[1], L"other", 6, 4001, 4001, 0, L"host", ICSTT_NAME, &other));
    assert_hr(E_INVALIDARG, INetSharingConfiguration_RemovePortMapping(f->cfg[0], other));
    assert_int_equal(1, test_count_mappings(f->cfg[1]));

    seen = find_mapping(f->cfg[0], 6, 4000);
    assert_non_null(seen);
    assert_hr(S_OK, INetSharingConfiguration_RemovePortMapping(f->cfg[0], m));
    assert_int_equal(0, test_count_mappings(f->cfg[0]));
    assert_hr(E_GONE, INetSharingConfiguration_RemovePortMapping(f->cfg[0], m));
    assert_hr(E_GONE, INetSharingPortMapping_Delete(m));
    assert_hr(E_GONE, INetSharingPortMapping_Enable(m));
    assert_hr(E_GONE, INetSharingPortMapping_Disable(seen));
    assert_hr(E_GONE, INetSharingPortMapping_get_Properties(seen, &p));
    assert_null(p);
    assert_int_equal(0, test_count_mappings(f->cfg[0])); /* Enable did not bring it back */

    /* A new record with the same identity is not touched through the old objects. */
    INetSharingPortMapping_Release(m);
    assert_hr(S_OK, test_add_mapping(f->cfg[0], L"new", 6, 4000, 4000, 0, L"host", ICSTT_NAME, &m));
    assert_hr(E_GONE, INetSharingPortMapping_Enable(seen));
    assert_hr(E_GONE, INetSharingPortMapping_Delete(seen));
    assert_int_equal(VARIANT_FALSE, enabled_of(m));
    assert_int_equal(1, test_count_mappings(f->cfg[0]));
    assert_hr(S_OK, INetSharingPortMapping_Delete(m));
    assert_hr(E_GONE, INetSharingPortMapping_Delete(m));
    INetSharingPortMapping_Release(m);
    INetSharingPortMapping_Release(seen);
    INetSharingPortMapping_Release(other);
}

static void port_mapping_collection_is_a_snapshot_with_both_enumerator_iids(void **state)
{
    struct fixture *f = *state;
    INetSharingPortMappingCollection *all = NULL, *enabled = NULL, *bad = (void *)0xdeadbeef;
    INetSharingPortMapping *m = NULL;
    IUnknown *unk = NULL, *e2 = NULL;
    IEnumVARIANT *ev = NULL;
    LONG count = -1;
    VARIANT v;
    int i;

    for (i = 0; i < 3; i++)
    {
        assert_hr(S_OK, test_add_mapping(f->cfg[0], L"m", 6, 5000 + i, 80, 0, L"host", ICSTT_NAME, &m));
        if (i == 1)
            assert_hr(S_OK, INetSharingPortMapping_Enable(m));
        INetSharingPortMapping_Release(m);
    }
    assert_hr(S_OK, INetSharingConfiguration_get_EnumPortMappings(f->cfg[0], ICSSC_DEFAULT, &all));
    assert_hr(S_OK, INetSharingConfiguration_get_EnumPortMappings(f->cfg[0], ICSSC_ENABLED, &enabled));
    assert_hr(E_INVALIDARG, INetSharingConfiguration_get_EnumPortMappings(f->cfg[0], 2, &bad));
    assert_null(bad);
    assert_hr(E_POINTER, INetSharingConfiguration_get_EnumPortMappings(f->cfg[0], ICSSC_DEFAULT, NULL));
    assert_hr(S_OK, INetSharingPortMappingCollection_get_Count(all, &count));
    assert_int_equal(3, count);
    assert_hr(S_OK, INetSharingPortMappingCollection_get_Count(enabled, &count));
    assert_int_equal(1, count);
    assert_hr(E_POINTER, INetSharingPortMappingCollection_get_Count(all, NULL));

    assert_hr(S_OK, test_add_mapping(f->cfg[0], L"later", 6, 5009, 80, 0, L"host", ICSTT_NAME, &m));
    INetSharingPortMapping_Release(m);
    assert_hr(S_OK, INetSharingPortMappingCollection_get_Count(all, &count));
    assert_int_equal(3, count);

    assert_hr(S_OK, INetSharingPortMappingCollection_get__NewEnum(all, &unk));
    assert_hr(S_OK, IUnknown_QueryInterface(unk, &test_IID_IEnumNetSharingPortMapping, (void **)&e2));
    IUnknown_Release(e2);
    assert_hr(S_OK, IUnknown_QueryInterface(unk, &IID_IEnumVARIANT, (void **)&ev));
    for (i = 0; i < 3; i++)
    {
        VariantInit(&v);
        assert_hr(S_OK, IEnumVARIANT_Next(ev, 1, &v, NULL));
        assert_int_equal(VT_DISPATCH, V_VT(&v));
        VariantClear(&v);
    }
    assert_hr(S_FALSE, IEnumVARIANT_Next(ev, 1, &v, NULL));
    IEnumVARIANT_Release(ev);
    IUnknown_Release(unk);
    INetSharingPortMappingCollection_Release(enabled);
    INetSharingPortMappingCollection_Release(all);
}

/* An INetConnection of the application's own: only GetProperties may be called. */
struct fake_connection
{
    INetConnection iface;
    GUID guid;
};

static HRESULT WINAPI fake_QueryInterface(INetConnection *iface, REFIID riid, void **out)
{
    fail_msg("unexpected QueryInterface");
    return E_NOINTERFACE;
}

static ULONG WINAPI fake_AddRef(INetConnection *iface)
{
    return 2;
}

static ULONG WINAPI fake_Release(INetConnection *iface)
{
    return 1;
}

static HRESULT WINAPI fake_unexpected(INetConnection *iface)
{
    fail_msg("unexpected call");
    return E_FAIL;
}

static HRESULT WINAPI fake_Duplicate(INetConnection *iface, LPCWSTR name, INetConnection **out)
{
    fail_msg("unexpected Duplicate");
    return E_FAIL;
}

static HRESULT WINAPI fake_GetProperties(INetConnection *iface, NETCON_PROPERTIES **out)
{
    struct fake_connection *fake = CONTAINING_RECORD(iface, struct fake_connection, iface);
    NETCON_PROPERTIES *p = CoTaskMemAlloc(sizeof(*p));

    memset(p, 0, sizeof(*p));
    p->guidId = fake->guid;
    p->pszwName = CoTaskMemAlloc(4 * sizeof(WCHAR));
    lstrcpyW(p->pszwName, L"vpn");
    p->pszwDeviceName = CoTaskMemAlloc(4 * sizeof(WCHAR));
    lstrcpyW(p->pszwDeviceName, L"tun");
    *out = p;
    return S_OK;
}

static HRESULT WINAPI fake_GetUiObjectClassId(INetConnection *iface, CLSID *clsid)
{
    fail_msg("unexpected GetUiObjectClassId");
    return E_FAIL;
}

static HRESULT WINAPI fake_Rename(INetConnection *iface, LPCWSTR name)
{
    fail_msg("unexpected Rename");
    return E_FAIL;
}

static INetConnectionVtbl fake_vtbl = {
    fake_QueryInterface, fake_AddRef,        fake_Release,           fake_unexpected, fake_unexpected,
    fake_unexpected,     fake_Duplicate,     fake_GetProperties,     fake_GetUiObjectClassId,
    fake_Rename,
};

static void mappings_of_an_absent_adapter_stay_stored(void **state)
{
    struct fixture *f = *state;
    struct fake_connection fake = {{&fake_vtbl}, {0x12345678, 0x1234, 0x5678, {1, 2, 3, 4, 5, 6, 7, 8}}};
    INetSharingConfiguration *cfg = NULL, *again = NULL;
    INetConnectionProps *props = NULL;
    INetSharingPortMapping *m = NULL;
    NETCON_STATUS status = 42;
    BSTR s = NULL;

    assert_hr(E_POINTER, INetSharingManager_get_INetSharingConfigurationForINetConnection(f->mgr, NULL, &cfg));
    assert_hr(E_POINTER, INetSharingManager_get_INetSharingConfigurationForINetConnection(f->mgr, &fake.iface, NULL));
    assert_hr(E_POINTER, INetSharingManager_get_NetConnectionProps(f->mgr, NULL, &props));

    assert_hr(S_OK, INetSharingManager_get_INetSharingConfigurationForINetConnection(f->mgr, &fake.iface, &cfg));
    assert_hr(S_OK, test_add_mapping(cfg, L"vpn", 17, 51820, 51820, 0, L"192.0.2.5", ICSTT_IPADDRESS, &m));
    INetSharingPortMapping_Release(m);
    INetSharingConfiguration_Release(cfg);

    assert_hr(S_OK, INetSharingManager_get_INetSharingConfigurationForINetConnection(f->mgr, &fake.iface, &again));
    assert_int_equal(1, test_count_mappings(again));
    INetSharingConfiguration_Release(again);

    assert_hr(S_OK, INetSharingManager_get_NetConnectionProps(f->mgr, &fake.iface, &props));
    assert_hr(S_OK, INetConnectionProps_get_Status(props, &status));
    assert_int_equal(NCS_HARDWARE_NOT_PRESENT, status);
    assert_hr(S_OK, INetConnectionProps_get_Guid(props, &s));
    assert_int_equal(0, lstrcmpW(s, L"{12345678-1234-5678-0102-030405060708}"));
    SysFreeString(s);
    INetConnectionProps_Release(props);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(manager_is_creatable_by_progid_and_answers_its_interfaces, setup, teardown),
        cmocka_unit_test_setup_teardown(sharing_is_installed, setup, teardown),
        cmocka_unit_test_setup_teardown(connections_are_the_adapters_without_loopback, setup, teardown),
        cmocka_unit_test_setup_teardown(connection_enumerator_follows_ienumvariant_rules, setup, teardown),
        cmocka_unit_test_setup_teardown(rename_persists_and_rejects_bad_names, setup, teardown),
        cmocka_unit_test_setup_teardown(connection_methods_of_the_system_are_not_implemented, setup, teardown),
        cmocka_unit_test_setup_teardown(sharing_roles_move_between_connections, setup, teardown),
        cmocka_unit_test_setup_teardown(firewall_flag_is_stored_and_reported, setup, teardown),
        cmocka_unit_test_setup_teardown(add_port_mapping_creates_a_disabled_mapping_with_its_fields, setup, teardown),
        cmocka_unit_test_setup_teardown(enable_and_disable_persist_at_once, setup, teardown),
        cmocka_unit_test_setup_teardown(bad_input_is_rejected_and_changes_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(duplicate_protocol_and_external_port_fails_and_changes_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(names_are_any_unicode_up_to_the_first_nul, setup, teardown),
        cmocka_unit_test_setup_teardown(removed_mappings_report_a_documented_error, setup, teardown),
        cmocka_unit_test_setup_teardown(port_mapping_collection_is_a_snapshot_with_both_enumerator_iids, setup, teardown),
        cmocka_unit_test_setup_teardown(mappings_of_an_absent_adapter_stay_stored, setup, teardown),
    };
    return cmocka_run_group_tests_name("sharing", tests, NULL, NULL);
}
