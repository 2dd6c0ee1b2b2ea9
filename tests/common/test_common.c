/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "test_common.h"

const IID test_IID_IEnumNetSharingPortMapping = {0xc08956b0, 0x1cd3, 0x11d1, {0xb1, 0xc5, 0x00, 0x80, 0x5f, 0xc1, 0x27, 0x0e}};
const IID test_IID_IEnumNetSharingEveryConnection = {0xc08956b8, 0x1cd3, 0x11d1, {0xb1, 0xc5, 0x00, 0x80, 0x5f, 0xc1, 0x27, 0x0e}};
const GUID test_LIBID_NETCONLib = {0x43e734ca, 0x043d, 0x4a70, {0x9a, 0x2c, 0xa8, 0xf2, 0x54, 0x06, 0x3d, 0x91}};

void _assert_hr(HRESULT expected, HRESULT actual, const char *call, const char *file, int line)
{
    if (expected == actual)
        return;
    print_error("%s: expected hr %#lx, got %#lx\n", call, (unsigned long)expected, (unsigned long)actual);
    _fail(file, line);
}

static PROCESS_INFORMATION spawn(const WCHAR *exe, const WCHAR *args)
{
    WCHAR cmdline[2 * MAX_PATH + 64];
    PROCESS_INFORMATION pi;
    STARTUPINFOW si;
    int tries;

    memset(&si, 0, sizeof(si));
    si.cb = sizeof(si);
    memset(&pi, 0, sizeof(pi));
    _snwprintf(cmdline, ARRAYSIZE(cmdline), L"\"%s\" %s", exe, args);
    cmdline[ARRAYSIZE(cmdline) - 1] = 0;
    /* Wine 8 now and then fails a process start with ERROR_INTERNAL_ERROR while a fresh prefix
     * is still being set up (seen once in a full run, on the suite's second test): that alone
     * is tried again. */
    for (tries = 0; !CreateProcessW(exe, cmdline, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi); tries++)
        if (GetLastError() != ERROR_INTERNAL_ERROR || tries == 3)
            fail_msg("CreateProcessW(%ls): error %lu", cmdline, (unsigned long)GetLastError());
        else
            Sleep(500);
    return pi;
}

PROCESS_INFORMATION test_spawn_self(const WCHAR *args)
{
    WCHAR exe[MAX_PATH];

    assert_true(GetModuleFileNameW(NULL, exe, MAX_PATH));
    return spawn(exe, args);
}

PROCESS_INFORMATION test_spawn_peer(const WCHAR *args)
{
    WCHAR self[MAX_PATH], dir[MAX_PATH], exe[2 * MAX_PATH], *name;
    DWORD len = GetEnvironmentVariableW(L"OHN_PEER_TESTS", dir, MAX_PATH);

    if (!len || len >= MAX_PATH)
        fail_msg("OHN_PEER_TESTS (the other architecture's test folder) is not set: run the tests through ctest");
    assert_true(GetModuleFileNameW(NULL, self, MAX_PATH));
    name = wcsrchr(self, '\\');
    _snwprintf(exe, ARRAYSIZE(exe), L"%s\\%s", dir, name ? name + 1 : self);
    exe[ARRAYSIZE(exe) - 1] = 0;
    if (GetFileAttributesW(exe) == INVALID_FILE_ATTRIBUTES)
        fail_msg("the other architecture's build of this test is missing: %ls", exe);
    return spawn(exe, args);
}

void test_wipe_store(void)
{
    LONG err = RegDeleteKeyExW(HKEY_LOCAL_MACHINE, TEST_STORE_KEY, KEY_WOW64_64KEY, 0);
    HKEY key;

    if (!RegOpenKeyExW(HKEY_LOCAL_MACHINE, TEST_STORE_KEY, 0, KEY_ALL_ACCESS | KEY_WOW64_64KEY, &key))
    {
        RegDeleteTreeW(key, NULL);
        RegCloseKey(key);
        RegDeleteKeyExW(HKEY_LOCAL_MACHINE, TEST_STORE_KEY, KEY_WOW64_64KEY, 0);
    }
    (void)err;
}

int test_setup_com(void **state)
{
    if (FAILED(CoInitializeEx(NULL, COINIT_MULTITHREADED)))
        return -1;
    test_wipe_store();
    return 0;
}

int test_teardown_com(void **state)
{
    test_wipe_store();
    CoUninitialize();
    return 0;
}

INetSharingManager *test_manager(void)
{
    INetSharingManager *mgr = NULL;

    assert_hr(S_OK, CoCreateInstance(&CLSID_NetSharingManager, NULL, CLSCTX_INPROC_SERVER, &IID_INetSharingManager,
                                     (void **)&mgr));
    assert_non_null(mgr);
    return mgr;
}

INetConnection *test_connection(INetSharingManager *mgr, ULONG index)
{
    INetSharingEveryConnectionCollection *coll = NULL;
    INetConnection *conn = NULL;
    IEnumVARIANT *ev = NULL;
    IUnknown *unk = NULL;
    VARIANT v;
    ULONG fetched = 0;

    assert_hr(S_OK, INetSharingManager_get_EnumEveryConnection(mgr, &coll));
    assert_hr(S_OK, INetSharingEveryConnectionCollection_get__NewEnum(coll, &unk));
    assert_hr(S_OK, IUnknown_QueryInterface(unk, &IID_IEnumVARIANT, (void **)&ev));
    if (index)
        assert_hr(S_OK, IEnumVARIANT_Skip(ev, index));
    VariantInit(&v);
    assert_hr(S_OK, IEnumVARIANT_Next(ev, 1, &v, &fetched));
    assert_int_equal(fetched, 1);
    assert_int_equal(V_VT(&v), VT_UNKNOWN);
    assert_hr(S_OK, IUnknown_QueryInterface(V_UNKNOWN(&v), &IID_INetConnection, (void **)&conn));
    VariantClear(&v);
    IEnumVARIANT_Release(ev);
    IUnknown_Release(unk);
    INetSharingEveryConnectionCollection_Release(coll);
    return conn;
}

INetSharingConfiguration *test_config(INetSharingManager *mgr, INetConnection *conn)
{
    INetSharingConfiguration *cfg = NULL;

    assert_hr(S_OK, INetSharingManager_get_INetSharingConfigurationForINetConnection(mgr, conn, &cfg));
    assert_non_null(cfg);
    return cfg;
}

ULONG test_count_mappings(INetSharingConfiguration *cfg)
{
    INetSharingPortMappingCollection *coll = NULL;
    LONG count = -1;

    assert_hr(S_OK, INetSharingConfiguration_get_EnumPortMappings(cfg, ICSSC_DEFAULT, &coll));
    assert_hr(S_OK, INetSharingPortMappingCollection_get_Count(coll, &count));
    INetSharingPortMappingCollection_Release(coll);
    assert_true(count >= 0);
    return (ULONG)count;
}

static void check_bstr(const WCHAR *expected, BSTR actual)
{
    UINT len = (UINT)lstrlenW(expected);

    assert_non_null(actual);
    assert_int_equal(len, SysStringLen(actual));
    assert_memory_equal(expected, actual, len * sizeof(WCHAR));
    SysFreeString(actual);
}

void test_check_props(INetSharingPortMappingProps *p, const struct test_mapping_fields *e)
{
    VARIANT_BOOL enabled = 42;
    UCHAR protocol = 0;
    LONG value = 0;
    BSTR s = NULL;

    assert_hr(S_OK, INetSharingPortMappingProps_get_Name(p, &s));
    check_bstr(e->name, s);
    assert_hr(S_OK, INetSharingPortMappingProps_get_IPProtocol(p, &protocol));
    assert_int_equal(e->protocol, protocol);
    assert_hr(S_OK, INetSharingPortMappingProps_get_ExternalPort(p, &value));
    assert_int_equal(e->external_port, value);
    assert_hr(S_OK, INetSharingPortMappingProps_get_InternalPort(p, &value));
    assert_int_equal(e->internal_port, value);
    assert_hr(S_OK, INetSharingPortMappingProps_get_Options(p, &value));
    assert_int_equal((DWORD)e->options, (DWORD)value);
    assert_hr(S_OK, INetSharingPortMappingProps_get_TargetName(p, &s));
    check_bstr(e->target_name, s);
    assert_hr(S_OK, INetSharingPortMappingProps_get_TargetIPAddress(p, &s));
    check_bstr(e->target_address, s);
    assert_hr(S_OK, INetSharingPortMappingProps_get_Enabled(p, &enabled));
    assert_int_equal(e->enabled, enabled);
}

HRESULT test_add_mapping(INetSharingConfiguration *cfg, const WCHAR *name, UCHAR proto, USHORT ext, USHORT in,
                         DWORD options, const WCHAR *target, ICS_TARGETTYPE type, INetSharingPortMapping **out)
{
    BSTR n = name ? SysAllocString(name) : NULL, t = target ? SysAllocString(target) : NULL;
    HRESULT hr = INetSharingConfiguration_AddPortMapping(cfg, n, proto, ext, in, options, t, type, out);

    SysFreeString(n);
    SysFreeString(t);
    return hr;
}

INetSharingPortMapping *test_find_mapping(INetSharingConfiguration *cfg, UCHAR proto, LONG ext)
{
    INetSharingPortMappingCollection *coll = NULL;
    INetSharingPortMapping *found = NULL;
    IEnumVARIANT *ev = NULL;
    IUnknown *unk = NULL;
    VARIANT v;

    if (FAILED(INetSharingConfiguration_get_EnumPortMappings(cfg, ICSSC_DEFAULT, &coll)) || !coll)
        return NULL;
    if (SUCCEEDED(INetSharingPortMappingCollection_get__NewEnum(coll, &unk)) && unk &&
        SUCCEEDED(IUnknown_QueryInterface(unk, &IID_IEnumVARIANT, (void **)&ev)))
    {
        VariantInit(&v);
        while (!found && IEnumVARIANT_Next(ev, 1, &v, NULL) == S_OK)
        {
            INetSharingPortMapping *m = NULL;
            INetSharingPortMappingProps *p = NULL;
            UCHAR ip_proto = 0;
            LONG port = 0;

            if (V_VT(&v) == VT_DISPATCH &&
                SUCCEEDED(IDispatch_QueryInterface(V_DISPATCH(&v), &IID_INetSharingPortMapping, (void **)&m)))
            {
                if (SUCCEEDED(INetSharingPortMapping_get_Properties(m, &p)) && p)
                {
                    INetSharingPortMappingProps_get_IPProtocol(p, &ip_proto);
                    INetSharingPortMappingProps_get_ExternalPort(p, &port);
                    INetSharingPortMappingProps_Release(p);
                }
                if (port == ext && (!proto || ip_proto == proto))
                    found = m;
                else
                    INetSharingPortMapping_Release(m);
            }
            VariantClear(&v);
        }
        IEnumVARIANT_Release(ev);
    }
    if (unk)
        IUnknown_Release(unk);
    INetSharingPortMappingCollection_Release(coll);
    return found;
}
