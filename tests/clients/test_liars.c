/*
 * Objects the DLL did not create may lie: S_OK with a NULL output, their own failure codes,
 * an object of the wrong type, values they never wrote, calls back into the DLL. The DLL
 * survives each lie with a documented HRESULT (README, "Errors") and changes nothing.
 *
 * The fakes fail the test on any call they do not expect, and count their references: every
 * reference the DLL takes, it gives back.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "test_common.h"

#define NAT_PROTOCOL_TCP 6
#define E_GONE HRESULT_FROM_WIN32(ERROR_NOT_FOUND)

enum lie
{
    TRUTHFUL,        /* props with its real protocol and port */
    NULL_PROPS,      /* get_Properties: S_OK and NULL */
    FAILS,           /* get_Properties: E_ACCESSDENIED */
    WRONG_TYPE,      /* get_Properties: S_OK and an object that is not a props object */
    QI_NULL,         /* the props object answers QueryInterface with S_OK and NULL */
    SILENT_GETTERS,  /* the props getters answer S_OK and write nothing */
    FAILING_GETTER,  /* get_ExternalPort: E_FAIL */
    REMOVES_ITSELF,  /* get_Properties removes the real mapping first (re-entrant call) */
    ADDS_ANOTHER,    /* get_Properties adds a mapping first (re-entrant call), then tells the truth */
};

struct fake_props
{
    INetSharingPortMappingProps iface;
    LONG refs;
    enum lie lie;
};

struct fake_mapping
{
    INetSharingPortMapping iface;
    LONG refs;
    enum lie lie;
    INetSharingConfiguration *cfg;    /* for the re-entrant lies */
    INetSharingPortMapping *real;     /* the mapping it stands for */
    struct fake_props props;          /* handed out by get_Properties */
    IUnknown wrong;                   /* handed out by WRONG_TYPE */
    LONG wrong_refs;
};

static HRESULT unexpected(const char *what)
{
    fail_msg("unexpected call: %s", what);
    return E_FAIL;
}

/* The props object. */

static struct fake_props *fake_props(INetSharingPortMappingProps *iface)
{
    return CONTAINING_RECORD(iface, struct fake_props, iface);
}

static HRESULT WINAPI props_QueryInterface(INetSharingPortMappingProps *iface, REFIID riid, void **out)
{
    struct fake_props *p = fake_props(iface);

    if (p->lie == QI_NULL)
    {
        *out = NULL;
        return S_OK;
    }
    if (IsEqualGUID(riid, &IID_INetSharingPortMappingProps) || IsEqualGUID(riid, &IID_IUnknown))
    {
        *out = iface;
        InterlockedIncrement(&p->refs);
        return S_OK;
    }
    *out = NULL;
    return E_NOINTERFACE;
}

static ULONG WINAPI props_AddRef(INetSharingPortMappingProps *iface)
{
    return InterlockedIncrement(&fake_props(iface)->refs);
}

static ULONG WINAPI props_Release(INetSharingPortMappingProps *iface)
{
    return InterlockedDecrement(&fake_props(iface)->refs);
}

static HRESULT WINAPI props_GetTypeInfoCount(INetSharingPortMappingProps *iface, UINT *n)
{
    return unexpected("props GetTypeInfoCount");
}

static HRESULT WINAPI props_GetTypeInfo(INetSharingPortMappingProps *iface, UINT i, LCID l, ITypeInfo **t)
{
    return unexpected("props GetTypeInfo");
}

static HRESULT WINAPI props_GetIDsOfNames(INetSharingPortMappingProps *iface, REFIID r, LPOLESTR *n, UINT c, LCID l,
                                          DISPID *d)
{
    return unexpected("props GetIDsOfNames");
}

static HRESULT WINAPI props_Invoke(INetSharingPortMappingProps *iface, DISPID d, REFIID r, LCID l, WORD f,
                                   DISPPARAMS *p, VARIANT *v, EXCEPINFO *e, UINT *a)
{
    return unexpected("props Invoke");
}

static HRESULT WINAPI props_get_Name(INetSharingPortMappingProps *iface, BSTR *out)
{
    return unexpected("get_Name");
}

static HRESULT WINAPI props_get_IPProtocol(INetSharingPortMappingProps *iface, UCHAR *out)
{
    if (fake_props(iface)->lie != SILENT_GETTERS)
        *out = NAT_PROTOCOL_TCP;
    return S_OK;
}

static HRESULT WINAPI props_get_ExternalPort(INetSharingPortMappingProps *iface, LONG *out)
{
    switch (fake_props(iface)->lie)
    {
    case SILENT_GETTERS:
        return S_OK;
    case FAILING_GETTER:
        return E_FAIL;
    default:
        *out = 5000;
        return S_OK;
    }
}

static HRESULT WINAPI props_get_InternalPort(INetSharingPortMappingProps *iface, LONG *out)
{
    return unexpected("get_InternalPort");
}

static HRESULT WINAPI props_get_Options(INetSharingPortMappingProps *iface, LONG *out)
{
    return unexpected("get_Options");
}

static HRESULT WINAPI props_get_TargetName(INetSharingPortMappingProps *iface, BSTR *out)
{
    return unexpected("get_TargetName");
}

static HRESULT WINAPI props_get_TargetIPAddress(INetSharingPortMappingProps *iface, BSTR *out)
{
    return unexpected("get_TargetIPAddress");
}

static HRESULT WINAPI props_get_Enabled(INetSharingPortMappingProps *iface, VARIANT_BOOL *out)
{
    return unexpected("get_Enabled");
}

static INetSharingPortMappingPropsVtbl props_vtbl = {
    props_QueryInterface,   props_AddRef,           props_Release,          props_GetTypeInfoCount,
    props_GetTypeInfo,      props_GetIDsOfNames,    props_Invoke,           props_get_Name,
    props_get_IPProtocol,   props_get_ExternalPort, props_get_InternalPort, props_get_Options,
    props_get_TargetName,   props_get_TargetIPAddress, props_get_Enabled,
};

/* The object of the wrong type: a bare IUnknown. */

static HRESULT WINAPI wrong_QueryInterface(IUnknown *iface, REFIID riid, void **out)
{
    *out = NULL;
    return E_NOINTERFACE;
}

static ULONG WINAPI wrong_AddRef(IUnknown *iface)
{
    return InterlockedIncrement(&CONTAINING_RECORD(iface, struct fake_mapping, wrong)->wrong_refs);
}

static ULONG WINAPI wrong_Release(IUnknown *iface)
{
    return InterlockedDecrement(&CONTAINING_RECORD(iface, struct fake_mapping, wrong)->wrong_refs);
}

static IUnknownVtbl wrong_vtbl = {wrong_QueryInterface, wrong_AddRef, wrong_Release};

/* The mapping. */

static struct fake_mapping *fake_mapping(INetSharingPortMapping *iface)
{
    return CONTAINING_RECORD(iface, struct fake_mapping, iface);
}

static HRESULT WINAPI mapping_QueryInterface(INetSharingPortMapping *iface, REFIID riid, void **out)
{
    return unexpected("mapping QueryInterface");
}

static ULONG WINAPI mapping_AddRef(INetSharingPortMapping *iface)
{
    return InterlockedIncrement(&fake_mapping(iface)->refs);
}

static ULONG WINAPI mapping_Release(INetSharingPortMapping *iface)
{
    return InterlockedDecrement(&fake_mapping(iface)->refs);
}

static HRESULT WINAPI mapping_GetTypeInfoCount(INetSharingPortMapping *iface, UINT *n)
{
    return unexpected("mapping GetTypeInfoCount");
}

static HRESULT WINAPI mapping_GetTypeInfo(INetSharingPortMapping *iface, UINT i, LCID l, ITypeInfo **t)
{
    return unexpected("mapping GetTypeInfo");
}

static HRESULT WINAPI mapping_GetIDsOfNames(INetSharingPortMapping *iface, REFIID r, LPOLESTR *n, UINT c, LCID l,
                                            DISPID *d)
{
    return unexpected("mapping GetIDsOfNames");
}

static HRESULT WINAPI mapping_Invoke(INetSharingPortMapping *iface, DISPID d, REFIID r, LCID l, WORD f,
                                     DISPPARAMS *p, VARIANT *v, EXCEPINFO *e, UINT *a)
{
    return unexpected("mapping Invoke");
}

static HRESULT WINAPI mapping_Disable(INetSharingPortMapping *iface)
{
    return unexpected("Disable");
}

static HRESULT WINAPI mapping_Enable(INetSharingPortMapping *iface)
{
    return unexpected("Enable");
}

static HRESULT add(INetSharingConfiguration *cfg, USHORT port, INetSharingPortMapping **out)
{
    BSTR name = SysAllocString(L"liar's target"), target = SysAllocString(L"192.0.2.40");
    HRESULT hr = INetSharingConfiguration_AddPortMapping(cfg, name, NAT_PROTOCOL_TCP, port, port, 0, target,
                                                         ICSTT_IPADDRESS, out);

    SysFreeString(name);
    SysFreeString(target);
    return hr;
}

static HRESULT WINAPI mapping_get_Properties(INetSharingPortMapping *iface, INetSharingPortMappingProps **out)
{
    struct fake_mapping *m = fake_mapping(iface);
    INetSharingPortMapping *other = NULL;

    switch (m->lie)
    {
    case NULL_PROPS:
        *out = NULL;
        return S_OK;
    case FAILS:
        return E_ACCESSDENIED;
    case WRONG_TYPE:
        *out = (INetSharingPortMappingProps *)&m->wrong;
        IUnknown_AddRef(&m->wrong);
        return S_OK;
    case REMOVES_ITSELF:
        if (INetSharingConfiguration_RemovePortMapping(m->cfg, m->real) != S_OK)
            return unexpected("re-entrant RemovePortMapping failed");
        break;
    case ADDS_ANOTHER:
        if (add(m->cfg, 5001, &other) != S_OK)
            return unexpected("re-entrant AddPortMapping failed");
        INetSharingPortMapping_Release(other);
        break;
    default:
        break;
    }
    *out = &m->props.iface;
    InterlockedIncrement(&m->props.refs);
    return S_OK;
}

static HRESULT WINAPI mapping_Delete(INetSharingPortMapping *iface)
{
    return unexpected("Delete");
}

static INetSharingPortMappingVtbl mapping_vtbl = {
    mapping_QueryInterface,   mapping_AddRef,      mapping_Release,      mapping_GetTypeInfoCount,
    mapping_GetTypeInfo,      mapping_GetIDsOfNames, mapping_Invoke,     mapping_Disable,
    mapping_Enable,           mapping_get_Properties, mapping_Delete,
};

struct fixture
{
    INetSharingManager *mgr;
    INetConnection *conn;
    INetSharingConfiguration *cfg;
};

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof(*f));

    if (test_setup_com(state))
        return -1;
    f->mgr = test_manager();
    f->conn = test_connection(f->mgr, 0);
    f->cfg = test_config(f->mgr, f->conn);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;

    INetSharingConfiguration_Release(f->cfg);
    INetConnection_Release(f->conn);
    INetSharingManager_Release(f->mgr);
    free(f);
    return test_teardown_com(state);
}

/* RemovePortMapping given a fake standing for the stored TCP 5000 that lies as told: the
 * HRESULT, what is left stored, and every reference given back. */
static void remove_with_fake(struct fixture *f, enum lie lie, HRESULT expected, ULONG left)
{
    INetSharingPortMapping *real = NULL;
    struct fake_mapping m;

    assert_hr(S_OK, add(f->cfg, 5000, &real));
    memset(&m, 0, sizeof(m));
    m.iface.lpVtbl = &mapping_vtbl;
    m.refs = 1;
    m.lie = lie;
    m.cfg = f->cfg;
    m.real = real;
    m.props.iface.lpVtbl = &props_vtbl;
    m.props.lie = lie;
    m.wrong.lpVtbl = &wrong_vtbl;

    assert_hr(expected, INetSharingConfiguration_RemovePortMapping(f->cfg, &m.iface));
    assert_int_equal(left, test_count_mappings(f->cfg));
    assert_int_equal(1, m.refs);
    assert_int_equal(0, m.props.refs);
    assert_int_equal(0, m.wrong_refs);
    INetSharingPortMapping_Release(real);
}

static void a_truthful_foreign_mapping_removes_its_record(void **state)
{
    remove_with_fake(*state, TRUTHFUL, S_OK, 0);
}

static void properties_s_ok_and_null_is_unexpected(void **state)
{
    remove_with_fake(*state, NULL_PROPS, E_UNEXPECTED, 1);
}

static void the_mappings_own_failure_is_returned(void **state)
{
    remove_with_fake(*state, FAILS, E_ACCESSDENIED, 1);
}

static void properties_of_the_wrong_type_are_unexpected(void **state)
{
    remove_with_fake(*state, WRONG_TYPE, E_UNEXPECTED, 1);
}

static void properties_that_answer_no_interface_with_s_ok_are_unexpected(void **state)
{
    remove_with_fake(*state, QI_NULL, E_UNEXPECTED, 1);
}

static void values_never_written_are_invalid(void **state)
{
    remove_with_fake(*state, SILENT_GETTERS, E_INVALIDARG, 1);
}

static void a_failing_getter_is_returned(void **state)
{
    remove_with_fake(*state, FAILING_GETTER, E_FAIL, 1);
}

static void a_mapping_that_removes_itself_first_finds_it_gone(void **state)
{
    remove_with_fake(*state, REMOVES_ITSELF, E_GONE, 0);
}

static void a_mapping_that_adds_another_first_removes_only_itself(void **state)
{
    struct fixture *f = *state;
    INetSharingPortMappingCollection *coll = NULL;
    IEnumVARIANT *ev = NULL;
    IUnknown *unk = NULL;
    INetSharingPortMapping *left = NULL;
    INetSharingPortMappingProps *props = NULL;
    LONG port = 0;
    VARIANT v;

    remove_with_fake(f, ADDS_ANOTHER, S_OK, 1);
    assert_hr(S_OK, INetSharingConfiguration_get_EnumPortMappings(f->cfg, ICSSC_DEFAULT, &coll));
    assert_hr(S_OK, INetSharingPortMappingCollection_get__NewEnum(coll, &unk));
    assert_hr(S_OK, IUnknown_QueryInterface(unk, &IID_IEnumVARIANT, (void **)&ev));
    VariantInit(&v);
    assert_hr(S_OK, IEnumVARIANT_Next(ev, 1, &v, NULL));
    assert_hr(S_OK, IDispatch_QueryInterface(V_DISPATCH(&v), &IID_INetSharingPortMapping, (void **)&left));
    assert_hr(S_OK, INetSharingPortMapping_get_Properties(left, &props));
    assert_hr(S_OK, INetSharingPortMappingProps_get_ExternalPort(props, &port));
    assert_int_equal(5001, port);
    INetSharingPortMappingProps_Release(props);
    INetSharingPortMapping_Release(left);
    VariantClear(&v);
    IEnumVARIANT_Release(ev);
    IUnknown_Release(unk);
    INetSharingPortMappingCollection_Release(coll);
}

/* A caller's INetConnection, lying in GetProperties. */

enum connection_lie
{
    CONN_NULL_PROPS,
    CONN_FAILS,
    CONN_NULL_STRINGS, /* properties with NULL names: only the GUID matters */
    CONN_REENTRANT,    /* asks the manager about a real connection first */
};

struct fake_connection
{
    INetConnection iface;
    LONG refs;
    enum connection_lie lie;
    INetSharingManager *mgr;
    INetConnection *real;
};

static struct fake_connection *fake_connection(INetConnection *iface)
{
    return CONTAINING_RECORD(iface, struct fake_connection, iface);
}

static HRESULT WINAPI conn_QueryInterface(INetConnection *iface, REFIID riid, void **out)
{
    return unexpected("connection QueryInterface");
}

static ULONG WINAPI conn_AddRef(INetConnection *iface)
{
    return InterlockedIncrement(&fake_connection(iface)->refs);
}

static ULONG WINAPI conn_Release(INetConnection *iface)
{
    return InterlockedDecrement(&fake_connection(iface)->refs);
}

static HRESULT WINAPI conn_unexpected(INetConnection *iface)
{
    return unexpected("connection method");
}

static HRESULT WINAPI conn_Duplicate(INetConnection *iface, LPCWSTR name, INetConnection **out)
{
    return unexpected("Duplicate");
}

static HRESULT WINAPI conn_GetProperties(INetConnection *iface, NETCON_PROPERTIES **out)
{
    struct fake_connection *c = fake_connection(iface);
    INetSharingConfiguration *cfg = NULL;
    NETCON_PROPERTIES *p;

    switch (c->lie)
    {
    case CONN_NULL_PROPS:
        *out = NULL;
        return S_OK;
    case CONN_FAILS:
        return HRESULT_FROM_WIN32(ERROR_DEV_NOT_EXIST);
    case CONN_REENTRANT:
        if (INetSharingManager_get_INetSharingConfigurationForINetConnection(c->mgr, c->real, &cfg) != S_OK)
            return unexpected("re-entrant call failed");
        INetSharingConfiguration_Release(cfg);
        break;
    default:
        break;
    }
    p = CoTaskMemAlloc(sizeof(*p));
    memset(p, 0, sizeof(*p));
    p->guidId.Data1 = 0x5eed;
    *out = p;
    return S_OK;
}

static HRESULT WINAPI conn_GetUiObjectClassId(INetConnection *iface, CLSID *clsid)
{
    return unexpected("GetUiObjectClassId");
}

static HRESULT WINAPI conn_Rename(INetConnection *iface, LPCWSTR name)
{
    return unexpected("Rename");
}

static INetConnectionVtbl conn_vtbl = {
    conn_QueryInterface, conn_AddRef,    conn_Release,       conn_unexpected,         conn_unexpected,
    conn_unexpected,     conn_Duplicate, conn_GetProperties, conn_GetUiObjectClassId, conn_Rename,
};

static void connection_lies(struct fixture *f, enum connection_lie lie, HRESULT expected)
{
    struct fake_connection c = {{&conn_vtbl}, 1, lie, f->mgr, f->conn};
    INetSharingConfiguration *cfg = (INetSharingConfiguration *)0xdeadbeef;
    INetConnectionProps *props = (INetConnectionProps *)0xdeadbeef;

    assert_hr(expected, INetSharingManager_get_INetSharingConfigurationForINetConnection(f->mgr, &c.iface, &cfg));
    assert_hr(expected, INetSharingManager_get_NetConnectionProps(f->mgr, &c.iface, &props));
    if (expected == S_OK)
    {
        INetSharingConfiguration_Release(cfg);
        INetConnectionProps_Release(props);
    }
    else
    {
        assert_null(cfg);
        assert_null(props);
    }
    assert_int_equal(1, c.refs);
}

static void connection_properties_s_ok_and_null_are_unexpected(void **state)
{
    connection_lies(*state, CONN_NULL_PROPS, E_UNEXPECTED);
}

static void the_connections_own_failure_is_returned(void **state)
{
    connection_lies(*state, CONN_FAILS, HRESULT_FROM_WIN32(ERROR_DEV_NOT_EXIST));
}

static void connection_properties_without_names_are_enough(void **state)
{
    connection_lies(*state, CONN_NULL_STRINGS, S_OK);
}

static void a_connection_calling_back_into_the_manager_is_served(void **state)
{
    connection_lies(*state, CONN_REENTRANT, S_OK);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(a_truthful_foreign_mapping_removes_its_record, setup, teardown),
        cmocka_unit_test_setup_teardown(properties_s_ok_and_null_is_unexpected, setup, teardown),
        cmocka_unit_test_setup_teardown(the_mappings_own_failure_is_returned, setup, teardown),
        cmocka_unit_test_setup_teardown(properties_of_the_wrong_type_are_unexpected, setup, teardown),
        cmocka_unit_test_setup_teardown(properties_that_answer_no_interface_with_s_ok_are_unexpected, setup, teardown),
        cmocka_unit_test_setup_teardown(values_never_written_are_invalid, setup, teardown),
        cmocka_unit_test_setup_teardown(a_failing_getter_is_returned, setup, teardown),
        cmocka_unit_test_setup_teardown(a_mapping_that_removes_itself_first_finds_it_gone, setup, teardown),
        cmocka_unit_test_setup_teardown(a_mapping_that_adds_another_first_removes_only_itself, setup, teardown),
        cmocka_unit_test_setup_teardown(connection_properties_s_ok_and_null_are_unexpected, setup, teardown),
        cmocka_unit_test_setup_teardown(the_connections_own_failure_is_returned, setup, teardown),
        cmocka_unit_test_setup_teardown(connection_properties_without_names_are_enough, setup, teardown),
        cmocka_unit_test_setup_teardown(a_connection_calling_back_into_the_manager_is_served, setup, teardown),
    };
    return cmocka_run_group_tests_name("liars", tests, NULL, NULL);
}
