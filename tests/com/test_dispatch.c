/*
 * IDispatch of the dual interfaces, as script engines use it: names to DISPIDs, property gets
 * with an argument, _NewEnum asked for as a method, argument coercion.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "test_common.h"

static INetSharingManager *mgr;

static int setup(void **state)
{
    if (test_setup_com(state))
        return -1;
    mgr = test_manager();
    return 0;
}

static int teardown(void **state)
{
    INetSharingManager_Release(mgr);
    return test_teardown_com(state);
}

static DISPID dispid_of(IDispatch *disp, const WCHAR *name)
{
    LPOLESTR names[1] = {(LPOLESTR)name};
    DISPID id = 12345;

    assert_hr(S_OK, IDispatch_GetIDsOfNames(disp, &IID_NULL, names, 1, LOCALE_USER_DEFAULT, &id));
    return id;
}

static HRESULT invoke(IDispatch *disp, DISPID id, WORD flags, VARIANT *args, UINT count, VARIANT *result)
{
    DISPPARAMS params = {args, NULL, count, 0};
    EXCEPINFO excep;
    UINT arg_err = 0;

    memset(&excep, 0, sizeof(excep));
    VariantInit(result);
    return IDispatch_Invoke(disp, id, &IID_NULL, LOCALE_USER_DEFAULT, flags, &params, result, &excep, &arg_err);
}

static void dispids_match_the_contract(void **state)
{
    static const struct
    {
        const WCHAR *name;
        DISPID id;
    } manager_ids[] = {
        {L"SharingInstalled", 1}, {L"EnumPublicConnections", 2}, {L"EnumPrivateConnections", 3},
        {L"INetSharingConfigurationForINetConnection", 6}, {L"EnumEveryConnection", 7}, {L"NetConnectionProps", 8},
    };
    static const struct
    {
        const WCHAR *name;
        DISPID id;
    } config_ids[] = {
        {L"SharingEnabled", 1}, {L"SharingConnectionType", 2}, {L"DisableSharing", 3}, {L"EnableSharing", 4},
        {L"InternetFirewallEnabled", 5}, {L"DisableInternetFirewall", 6}, {L"EnableInternetFirewall", 7},
        {L"EnumPortMappings", 8}, {L"AddPortMapping", 9}, {L"RemovePortMapping", 10},
    };
    INetSharingConfiguration *cfg;
    INetConnection *conn;
    IDispatch *disp;
    ITypeInfo *ti = (void *)0xdeadbeef;
    UINT count = 0;
    unsigned i;

    assert_hr(S_OK, INetSharingManager_QueryInterface(mgr, &IID_IDispatch, (void **)&disp));
    assert_hr(S_OK, IDispatch_GetTypeInfoCount(disp, &count));
    assert_int_equal(1, count);
    assert_hr(DISP_E_BADINDEX, IDispatch_GetTypeInfo(disp, 1, LOCALE_USER_DEFAULT, &ti));
    assert_hr(S_OK, IDispatch_GetTypeInfo(disp, 0, LOCALE_USER_DEFAULT, &ti));
    ITypeInfo_Release(ti);
    for (i = 0; i < ARRAYSIZE(manager_ids); i++)
        assert_int_equal(manager_ids[i].id, dispid_of(disp, manager_ids[i].name));
    IDispatch_Release(disp);

    conn = test_connection(mgr, 0);
    cfg = test_config(mgr, conn);
    assert_hr(S_OK, INetSharingConfiguration_QueryInterface(cfg, &IID_IDispatch, (void **)&disp));
    for (i = 0; i < ARRAYSIZE(config_ids); i++)
        assert_int_equal(config_ids[i].id, dispid_of(disp, config_ids[i].name));
    IDispatch_Release(disp);
    INetSharingConfiguration_Release(cfg);
    INetConnection_Release(conn);
}

static void property_gets_with_an_argument_work_through_invoke(void **state)
{
    INetConnection *conn = test_connection(mgr, 0);
    INetConnectionProps *props;
    IDispatch *disp;
    VARIANT arg, result, name;

    assert_hr(S_OK, INetSharingManager_QueryInterface(mgr, &IID_IDispatch, (void **)&disp));
    V_VT(&arg) = VT_UNKNOWN;
    V_UNKNOWN(&arg) = (IUnknown *)conn;
    /* mgr.NetConnectionProps(conn): VBScript and JScript pass both flags. */
    assert_hr(S_OK, invoke(disp, 8, DISPATCH_METHOD | DISPATCH_PROPERTYGET, &arg, 1, &result));
    assert_int_equal(VT_DISPATCH, V_VT(&result));
    assert_hr(S_OK, IDispatch_QueryInterface(V_DISPATCH(&result), &IID_INetConnectionProps, (void **)&props));
    assert_hr(S_OK, invoke(V_DISPATCH(&result), 2, DISPATCH_PROPERTYGET, NULL, 0, &name));
    assert_int_equal(VT_BSTR, V_VT(&name));
    assert_true(SysStringLen(V_BSTR(&name)) > 0);
    VariantClear(&name);
    INetConnectionProps_Release(props);
    VariantClear(&result);

    assert_hr(S_OK, invoke(disp, 6, DISPATCH_PROPERTYGET, &arg, 1, &result));
    assert_int_equal(VT_DISPATCH, V_VT(&result));
    VariantClear(&result);
    /* A missing argument is the caller's error, reported as such. */
    assert_hr(DISP_E_BADPARAMCOUNT, invoke(disp, 6, DISPATCH_PROPERTYGET, NULL, 0, &result));
    IDispatch_Release(disp);
    INetConnection_Release(conn);
}

static void new_enum_answers_method_and_property_calls(void **state)
{
    INetSharingEveryConnectionCollection *coll = NULL;
    IEnumVARIANT *ev;
    IDispatch *disp;
    VARIANT result, count;
    WORD flags[] = {DISPATCH_METHOD, DISPATCH_PROPERTYGET, DISPATCH_METHOD | DISPATCH_PROPERTYGET};
    unsigned i;

    assert_hr(S_OK, INetSharingManager_get_EnumEveryConnection(mgr, &coll));
    assert_hr(S_OK, INetSharingEveryConnectionCollection_QueryInterface(coll, &IID_IDispatch, (void **)&disp));
    for (i = 0; i < ARRAYSIZE(flags); i++)
    {
        assert_hr(S_OK, invoke(disp, DISPID_NEWENUM, flags[i], NULL, 0, &result));
        assert_true(V_VT(&result) == VT_UNKNOWN || V_VT(&result) == VT_DISPATCH);
        assert_hr(S_OK, IUnknown_QueryInterface(V_UNKNOWN(&result), &IID_IEnumVARIANT, (void **)&ev));
        IEnumVARIANT_Release(ev);
        VariantClear(&result);
    }
    assert_hr(S_OK, invoke(disp, 1, DISPATCH_PROPERTYGET, NULL, 0, &count));
    assert_int_equal(VT_I4, V_VT(&count));
    assert_int_equal(2, V_I4(&count));
    IDispatch_Release(disp);
    INetSharingEveryConnectionCollection_Release(coll);
}

static void add_port_mapping_coerces_script_arguments(void **state)
{
    INetConnection *conn = test_connection(mgr, 0);
    INetSharingConfiguration *cfg = test_config(mgr, conn);
    IDispatch *disp, *mapping;
    VARIANT args[7], result, props, value;
    int i;

    assert_hr(S_OK, INetSharingConfiguration_QueryInterface(cfg, &IID_IDispatch, (void **)&disp));
    /* Arguments are in reverse order; scripts pass numbers as VT_I4. */
    V_VT(&args[6]) = VT_BSTR;
    V_BSTR(&args[6]) = SysAllocString(L"script mapping");
    V_VT(&args[5]) = VT_I4;
    V_I4(&args[5]) = 17;
    V_VT(&args[4]) = VT_I4;
    V_I4(&args[4]) = 6112;
    V_VT(&args[3]) = VT_I4;
    V_I4(&args[3]) = 6113;
    V_VT(&args[2]) = VT_I4;
    V_I4(&args[2]) = 0;
    V_VT(&args[1]) = VT_BSTR;
    V_BSTR(&args[1]) = SysAllocString(L"192.0.2.7");
    V_VT(&args[0]) = VT_I4;
    V_I4(&args[0]) = 1;
    assert_hr(S_OK, invoke(disp, 9, DISPATCH_METHOD, args, 7, &result));
    assert_int_equal(VT_DISPATCH, V_VT(&result));
    mapping = V_DISPATCH(&result);
    assert_hr(S_OK, invoke(mapping, 2, DISPATCH_METHOD, NULL, 0, &value)); /* Enable */
    assert_hr(S_OK, invoke(mapping, 3, DISPATCH_PROPERTYGET, NULL, 0, &props));
    assert_int_equal(VT_DISPATCH, V_VT(&props));
    assert_hr(S_OK, invoke(V_DISPATCH(&props), 8, DISPATCH_PROPERTYGET, NULL, 0, &value));
    assert_int_equal(VT_BOOL, V_VT(&value));
    assert_int_equal(VARIANT_TRUE, V_BOOL(&value));
    assert_hr(S_OK, invoke(V_DISPATCH(&props), 3, DISPATCH_PROPERTYGET, NULL, 0, &value));
    assert_int_equal(VT_I4, V_VT(&value));
    assert_int_equal(6112, V_I4(&value));
    VariantClear(&props);

    /* A port that does not fit USHORT is refused by coercion, and nothing is added. */
    V_I4(&args[4]) = 70000;
    assert_hr(DISP_E_OVERFLOW, invoke(disp, 9, DISPATCH_METHOD, args, 7, &value));
    assert_int_equal(1, test_count_mappings(cfg));
    assert_hr(S_OK, invoke(mapping, 4, DISPATCH_METHOD, NULL, 0, &value)); /* Delete */
    assert_int_equal(0, test_count_mappings(cfg));
    VariantClear(&result);
    for (i = 0; i < 7; i++)
        VariantClear(&args[i]);
    IDispatch_Release(disp);
    INetSharingConfiguration_Release(cfg);
    INetConnection_Release(conn);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(dispids_match_the_contract, setup, teardown),
        cmocka_unit_test_setup_teardown(property_gets_with_an_argument_work_through_invoke, setup, teardown),
        cmocka_unit_test_setup_teardown(new_enum_answers_method_and_property_calls, setup, teardown),
        cmocka_unit_test_setup_teardown(add_port_mapping_coerces_script_arguments, setup, teardown),
    };
    return cmocka_run_group_tests_name("dispatch", tests, NULL, NULL);
}
