/*
 * The DLL's entry points, called directly: DllGetClassObject, the class factory and
 * DllCanUnloadNow, plus the embedded type library.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "test_common.h"

static const CLSID CLSID_UPnPNAT = {0xae1e00aa, 0x3fd5, 0x403c, {0x8a, 0x27, 0x2b, 0xbd, 0xc3, 0x0c, 0xd0, 0xe1}};
static HMODULE dll;
static HRESULT(WINAPI *pDllGetClassObject)(REFCLSID, REFIID, void **);
static HRESULT(WINAPI *pDllCanUnloadNow)(void);

static int setup(void **state)
{
    if (test_setup_com(state))
        return -1;
    if (!(dll = LoadLibraryW(TEST_DLL_PATH)))
        return -1;
    pDllGetClassObject = (void *)GetProcAddress(dll, "DllGetClassObject");
    pDllCanUnloadNow = (void *)GetProcAddress(dll, "DllCanUnloadNow");
    return pDllGetClassObject && pDllCanUnloadNow ? 0 : -1;
}

static int teardown(void **state)
{
    FreeLibrary(dll);
    return test_teardown_com(state);
}

static void exports_only_the_com_entry_points(void **state)
{
    assert_non_null(GetProcAddress(dll, "DllRegisterServer"));
    assert_non_null(GetProcAddress(dll, "DllUnregisterServer"));
    assert_null(GetProcAddress(dll, "ohn_mapping_encode"));
}

static void unknown_class_is_not_available(void **state)
{
    static const CLSID unknown = {0x11111111, 0x2222, 0x3333, {0x44, 0x44, 0x55, 0x55, 0x55, 0x55, 0x55, 0x55}};
    IClassFactory *cf = (void *)0xdeadbeef;

    assert_hr(CLASS_E_CLASSNOTAVAILABLE, pDllGetClassObject(&unknown, &IID_IClassFactory, (void **)&cf));
    assert_null(cf);
    /* UPnPNAT is one of ours now. */
    cf = NULL;
    assert_hr(S_OK, pDllGetClassObject(&CLSID_UPnPNAT, &IID_IClassFactory, (void **)&cf));
    assert_non_null(cf);
    IClassFactory_Release(cf);
    assert_hr(E_POINTER, pDllGetClassObject(&CLSID_NetSharingManager, &IID_IClassFactory, NULL));
}

static void factory_refuses_aggregation_and_creates_the_manager(void **state)
{
    IClassFactory *cf = NULL;
    IUnknown *unk = (void *)0xdeadbeef, *outer = (IUnknown *)0x1234;
    INetSharingManager *mgr = NULL;

    assert_hr(S_OK, pDllGetClassObject(&CLSID_NetSharingManager, &IID_IClassFactory, (void **)&cf));
    assert_hr(CLASS_E_NOAGGREGATION, IClassFactory_CreateInstance(cf, outer, &IID_IUnknown, (void **)&unk));
    assert_null(unk);
    assert_hr(E_NOINTERFACE, IClassFactory_CreateInstance(cf, NULL, &IID_IClassFactory, (void **)&unk));
    assert_null(unk);
    assert_hr(E_POINTER, IClassFactory_CreateInstance(cf, NULL, &IID_IUnknown, NULL));
    assert_hr(S_OK, IClassFactory_CreateInstance(cf, NULL, &IID_INetSharingManager, (void **)&mgr));
    assert_non_null(mgr);
    INetSharingManager_Release(mgr);
    IClassFactory_Release(cf);
}

static void can_unload_counts_objects_and_locks(void **state)
{
    INetSharingEveryConnectionCollection *coll = NULL;
    INetSharingManager *mgr = NULL;
    IClassFactory *cf = NULL;
    IUnknown *en = NULL;
    ULONGLONG until = GetTickCount64() + 10000;

    /* The first object of a process starts one background pass (the store mappings of RTC
     * sessions whose process died): it holds the DLL while it runs, and runs once. */
    assert_hr(S_OK, pDllGetClassObject(&CLSID_NetSharingManager, &IID_IClassFactory, (void **)&cf));
    assert_hr(S_OK, IClassFactory_CreateInstance(cf, NULL, &IID_INetSharingManager, (void **)&mgr));
    INetSharingManager_Release(mgr);
    IClassFactory_Release(cf);
    while (pDllCanUnloadNow() != S_OK && GetTickCount64() < until)
        Sleep(10);

    assert_hr(S_OK, pDllCanUnloadNow());
    assert_hr(S_OK, pDllGetClassObject(&CLSID_NetSharingManager, &IID_IClassFactory, (void **)&cf));
    assert_hr(S_OK, IClassFactory_CreateInstance(cf, NULL, &IID_INetSharingManager, (void **)&mgr));
    assert_hr(S_FALSE, pDllCanUnloadNow());
    assert_hr(S_OK, INetSharingManager_get_EnumEveryConnection(mgr, &coll));
    assert_hr(S_OK, INetSharingEveryConnectionCollection_get__NewEnum(coll, &en));
    INetSharingManager_Release(mgr);
    INetSharingEveryConnectionCollection_Release(coll);
    assert_hr(S_FALSE, pDllCanUnloadNow()); /* the enumerator is still alive */
    IUnknown_Release(en);
    assert_hr(S_OK, pDllCanUnloadNow());

    assert_hr(S_OK, IClassFactory_LockServer(cf, TRUE));
    assert_hr(S_FALSE, pDllCanUnloadNow());
    assert_hr(S_OK, IClassFactory_LockServer(cf, FALSE));
    assert_hr(S_OK, pDllCanUnloadNow());
    IClassFactory_Release(cf);
}

/* A UPnPNAT object starts discovery on threads of the DLL: no unloading while they run, even
 * once the object is gone; then it may unload. */
static void can_unload_waits_for_background_threads(void **state)
{
    IClassFactory *cf = NULL;
    IUnknown *nat = NULL;
    ULONGLONG until;
    HRESULT hr;

    assert_hr(S_OK, pDllCanUnloadNow());
    assert_hr(S_OK, pDllGetClassObject(&CLSID_UPnPNAT, &IID_IClassFactory, (void **)&cf));
    assert_hr(S_OK, IClassFactory_CreateInstance(cf, NULL, &IID_IUnknown, (void **)&nat));
    IClassFactory_Release(cf);
    IUnknown_Release(nat);
    assert_hr(S_FALSE, pDllCanUnloadNow()); /* discovery runs for a second */
    until = GetTickCount64() + 10000;
    while ((hr = pDllCanUnloadNow()) == S_FALSE && GetTickCount64() < until)
        Sleep(50);
    assert_hr(S_OK, hr);
}

static BOOL has_type(ITypeLib *tl, const WCHAR *name, TYPEKIND kind, WORD required_flags)
{
    UINT i, n = ITypeLib_GetTypeInfoCount(tl);

    for (i = 0; i < n; i++)
    {
        TYPEATTR *attr;
        ITypeInfo *ti;
        BSTR s = NULL;
        BOOL match;

        if (FAILED(ITypeLib_GetDocumentation(tl, i, &s, NULL, NULL, NULL)))
            continue;
        match = !lstrcmpW(s, name);
        SysFreeString(s);
        if (!match)
            continue;
        assert_hr(S_OK, ITypeLib_GetTypeInfo(tl, i, &ti));
        assert_hr(S_OK, ITypeInfo_GetTypeAttr(ti, &attr));
        match = attr->typekind == kind && (attr->wTypeFlags & required_flags) == required_flags;
        ITypeInfo_ReleaseTypeAttr(ti, attr);
        ITypeInfo_Release(ti);
        return match;
    }
    return FALSE;
}

static void embedded_type_library_is_netconlib(void **state)
{
    static const WCHAR *duals[] = {
        L"INetSharingManager", L"INetSharingConfiguration", L"INetSharingPortMapping",
        L"INetSharingPortMappingProps", L"INetSharingPortMappingCollection",
        L"INetSharingEveryConnectionCollection", L"INetSharingPublicConnectionCollection",
        L"INetSharingPrivateConnectionCollection", L"INetConnectionProps",
    };
    /* widl names enums by their tags (tagNETCON_STATUS); they are there, with their values. */
    static const WCHAR *enums[] = {
        L"tagSHARINGCONNECTION_ENUM_FLAGS", L"tagNETCON_STATUS", L"tagNETCON_MEDIATYPE",
        L"tagSHARINGCONNECTIONTYPE", L"tagICS_TARGETTYPE",
    };
    /* Windows' typelib also sets TYPEFLAG_FOLEAUTOMATION on the dispatch side; widl does not. */
    const WORD dual_flags = TYPEFLAG_FDUAL | TYPEFLAG_FDISPATCHABLE;
    ITypeLib *tl = NULL;
    TLIBATTR *attr;
    BSTR name = NULL, help = NULL;
    unsigned i;

    assert_hr(S_OK, LoadTypeLibEx(TEST_DLL_PATH, REGKIND_NONE, &tl));
    assert_hr(S_OK, ITypeLib_GetLibAttr(tl, &attr));
    assert_true(IsEqualGUID(&attr->guid, &test_LIBID_NETCONLib));
    assert_int_equal(1, attr->wMajorVerNum);
    assert_int_equal(0, attr->wMinorVerNum);
    ITypeLib_ReleaseTLibAttr(tl, attr);
    assert_hr(S_OK, ITypeLib_GetDocumentation(tl, -1, &name, &help, NULL, NULL));
    assert_int_equal(0, lstrcmpW(name, L"NETCONLib"));
    assert_int_equal(0, lstrcmpW(help, L"NetCon 1.0 Type Library"));
    SysFreeString(name);
    SysFreeString(help);

    for (i = 0; i < ARRAYSIZE(duals); i++)
    {
        assert_true(has_type(tl, duals[i], TKIND_DISPATCH, dual_flags));
    }
    assert_true(has_type(tl, L"INetConnection", TKIND_INTERFACE, 0));
    assert_true(has_type(tl, L"NetSharingManager", TKIND_COCLASS, TYPEFLAG_FCANCREATE));
    assert_true(has_type(tl, L"tagNETCON_PROPERTIES", TKIND_RECORD, 0));
    for (i = 0; i < ARRAYSIZE(enums); i++)
    {
        assert_true(has_type(tl, enums[i], TKIND_ENUM, 0));
    }
    assert_false(has_type(tl, L"IEnumNetSharingPortMapping", TKIND_INTERFACE, 0));
    ITypeLib_Release(tl);

    /* Registered too, so that LoadRegTypeLib (and scripting hosts) find it. */
    assert_hr(S_OK, LoadRegTypeLib(&test_LIBID_NETCONLib, 1, 0, LOCALE_NEUTRAL, &tl));
    ITypeLib_Release(tl);
}

static void embedded_type_library_2_is_natupnplib(void **state)
{
    static const WCHAR *duals[] = {
        L"IUPnPNAT", L"IStaticPortMappingCollection", L"IStaticPortMapping", L"IDynamicPortMappingCollection",
        L"IDynamicPortMapping", L"INATEventManager",
    };
    static const GUID libid = {0x1c565858, 0xf302, 0x471e, {0xb4, 0x09, 0xf1, 0x80, 0xaa, 0x4a, 0xbe, 0xc6}};
    WCHAR path[MAX_PATH];
    ITypeLib *tl = NULL;
    TLIBATTR *attr;
    BSTR name = NULL, help = NULL;
    unsigned i;

    wsprintfW(path, L"%s\\2", TEST_DLL_PATH);
    assert_hr(S_OK, LoadTypeLibEx(path, REGKIND_NONE, &tl));
    assert_hr(S_OK, ITypeLib_GetLibAttr(tl, &attr));
    assert_true(IsEqualGUID(&attr->guid, &libid));
    assert_int_equal(1, attr->wMajorVerNum);
    ITypeLib_ReleaseTLibAttr(tl, attr);
    assert_hr(S_OK, ITypeLib_GetDocumentation(tl, -1, &name, &help, NULL, NULL));
    assert_int_equal(0, lstrcmpW(name, L"NATUPNPLib"));
    assert_int_equal(0, lstrcmpW(help, L"NATUPnP 1.0 Type Library"));
    SysFreeString(name);
    SysFreeString(help);
    for (i = 0; i < ARRAYSIZE(duals); i++)
        assert_true(has_type(tl, duals[i], TKIND_DISPATCH, TYPEFLAG_FDUAL | TYPEFLAG_FDISPATCHABLE));
    assert_true(has_type(tl, L"UPnPNAT", TKIND_COCLASS, TYPEFLAG_FCANCREATE));
    /* The callbacks are the application's, not in the type library (as in Windows'). */
    assert_false(has_type(tl, L"INATExternalIPAddressCallback", TKIND_INTERFACE, 0));
    assert_false(has_type(tl, L"INATNumberOfEntriesCallback", TKIND_INTERFACE, 0));
    ITypeLib_Release(tl);
    assert_hr(S_OK, LoadRegTypeLib(&libid, 1, 0, LOCALE_NEUTRAL, &tl));
    ITypeLib_Release(tl);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(exports_only_the_com_entry_points, setup, teardown),
        cmocka_unit_test_setup_teardown(unknown_class_is_not_available, setup, teardown),
        cmocka_unit_test_setup_teardown(factory_refuses_aggregation_and_creates_the_manager, setup, teardown),
        cmocka_unit_test_setup_teardown(can_unload_counts_objects_and_locks, setup, teardown),
        cmocka_unit_test_setup_teardown(can_unload_waits_for_background_threads, setup, teardown),
        cmocka_unit_test_setup_teardown(embedded_type_library_2_is_natupnplib, setup, teardown),
        cmocka_unit_test_setup_teardown(embedded_type_library_is_netconlib, setup, teardown),
    };
    return cmocka_run_group_tests_name("server", tests, NULL, NULL);
}
