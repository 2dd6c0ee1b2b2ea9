/*
 * The store below the interfaces: records of the earlier layout, the shared index and its lock
 * (src/store/index.h), a holder that dies, an index that went wrong, and a store changed behind
 * the DLL's back. These tests open the connection's index section themselves to break it.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "test_common.h"

#include <string.h>

#include "index.h"

#define ALREADY_EXISTS HRESULT_FROM_WIN32(ERROR_OBJECT_ALREADY_EXISTS)
#define MAPPING_GONE HRESULT_FROM_WIN32(ERROR_NOT_FOUND)
#define HELD_EVENT L"Local\\ohn-test-store-held"
/* NAT_PROTOCOL_TCP/UDP (api-spec §3); the SDK headers do not define them. */
#define NAT_PROTOCOL_TCP 6
#define NAT_PROTOCOL_UDP 17

struct fixture
{
    INetSharingManager *mgr;
    INetConnection *conn;
    GUID guid;
    WCHAR guid_str[40];
};

static int setup(void **state)
{
    struct fixture *f;
    NETCON_PROPERTIES *props = NULL;

    if (test_setup_com(state))
        return -1;
    f = calloc(1, sizeof(*f));
    f->mgr = test_manager();
    f->conn = test_connection(f->mgr, 0);
    assert_hr(S_OK, INetConnection_GetProperties(f->conn, &props));
    f->guid = props->guidId;
    CoTaskMemFree(props->pszwName);
    CoTaskMemFree(props->pszwDeviceName);
    CoTaskMemFree(props);
    StringFromGUID2(&f->guid, f->guid_str, ARRAYSIZE(f->guid_str));
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;

    INetConnection_Release(f->conn);
    INetSharingManager_Release(f->mgr);
    free(f);
    return test_teardown_com(state);
}

static void mappings_path(const struct fixture *f, WCHAR *path, size_t chars)
{
    _snwprintf(path, chars, L"%s\\Connections\\%s\\PortMappings", TEST_STORE_KEY, f->guid_str);
}

/* The PortMappings key, or with group set one of its group keys (e.g. L"TCP-04xxx"). */
static HKEY create_mappings_key(const struct fixture *f, const WCHAR *group)
{
    WCHAR path[180];
    HKEY key = NULL;
    size_t n;

    mappings_path(f, path, ARRAYSIZE(path));
    if (group)
    {
        n = wcslen(path);
        _snwprintf(path + n, ARRAYSIZE(path) - n, L"\\%s", group);
    }
    assert_int_equal(ERROR_SUCCESS, RegCreateKeyExW(HKEY_LOCAL_MACHINE, path, 0, NULL, 0,
                                                    KEY_ALL_ACCESS | KEY_WOW64_64KEY, NULL, &key, NULL));
    return key;
}

/* The connection's index, mapped; only while a configuration of the connection is alive. */
static struct ohn_index *open_index(const struct fixture *f, HANDLE *section)
{
    WCHAR name[80];
    struct ohn_index *ix;

    _snwprintf(name, ARRAYSIZE(name), L"%s%s", OHN_INDEX_PREFIX, f->guid_str);
    *section = OpenFileMappingW(FILE_MAP_ALL_ACCESS, FALSE, name);
    assert_non_null(*section);
    ix = MapViewOfFile(*section, FILE_MAP_ALL_ACCESS, 0, 0, sizeof(*ix));
    assert_non_null(ix);
    return ix;
}

static void close_index(struct ohn_index *ix, HANDLE section)
{
    UnmapViewOfFile(ix);
    CloseHandle(section);
}

static HRESULT add(INetSharingConfiguration *cfg, UCHAR proto, USHORT port, INetSharingPortMapping **out)
{
    BSTR name = SysAllocString(L"store test"), target = SysAllocString(L"192.0.2.20");
    INetSharingPortMapping *mapping = NULL;
    HRESULT hr;

    hr = INetSharingConfiguration_AddPortMapping(cfg, name, proto, port, port, 0, target, ICSTT_IPADDRESS, &mapping);
    SysFreeString(name);
    SysFreeString(target);
    if (out)
        *out = mapping;
    else if (mapping)
        INetSharingPortMapping_Release(mapping);
    return hr;
}

/* A record as the earlier layout wrote it (key PortMappings\TCP-00555, value Record, the
 * version-1 encoding): "legacy", TCP 555 -> 556, options 7, target name "host", enabled. */
static DWORD legacy_record(BYTE *buf)
{
    static const WCHAR name[] = L"legacy", target[] = L"host";
    static const BYTE header[] = {'O', 'H', 'M', 1, 6, 0, 1, 0, 0x2b, 0x02, 0x2c, 0x02, 7, 0, 0, 0, 6, 0, 4, 0};
    DWORD n = sizeof(header), i;

    memcpy(buf, header, n);
    for (i = 0; i < 6; i++, n += 2)
        buf[n] = (BYTE)name[i], buf[n + 1] = 0;
    for (i = 0; i < 4; i++, n += 2)
        buf[n] = (BYTE)target[i], buf[n + 1] = 0;
    return n;
}

static void write_legacy_key(HKEY mappings, const WCHAR *name, const BYTE *data, DWORD size)
{
    HKEY key;

    assert_int_equal(ERROR_SUCCESS, RegCreateKeyExW(mappings, name, 0, NULL, 0, KEY_ALL_ACCESS, NULL, &key, NULL));
    if (data)
        assert_int_equal(ERROR_SUCCESS, RegSetValueExW(key, L"Record", 0, REG_BINARY, data, size));
    RegCloseKey(key);
}

static BOOL has_subkey(HKEY mappings, const WCHAR *name)
{
    HKEY key;

    if (RegOpenKeyExW(mappings, name, 0, KEY_READ, &key))
        return FALSE;
    RegCloseKey(key);
    return TRUE;
}

static void legacy_records_move_into_values(void **state)
{
    static const BYTE junk[] = {'j', 'u', 'n', 'k'};
    static const struct test_mapping_fields legacy = {L"legacy", NAT_PROTOCOL_TCP, 555, 556, 7, L"host", L"",
                                                      VARIANT_TRUE};
    struct fixture *f = *state;
    INetSharingPortMappingCollection *coll = NULL;
    INetSharingPortMappingProps *props = NULL;
    INetSharingPortMapping *mapping = NULL;
    INetSharingConfiguration *cfg;
    BYTE record[128], value[256];
    DWORD size = sizeof(value), type;
    IEnumVARIANT *ev = NULL;
    IUnknown *unk = NULL;
    ULONG fetched = 0;
    VARIANT v;
    HKEY key = create_mappings_key(f, NULL), group;

    write_legacy_key(key, L"TCP-00555", record, legacy_record(record));
    write_legacy_key(key, L"UDP-04500", NULL, 0); /* a writer died between its two steps */
    write_legacy_key(key, L"TCP-00777", junk, sizeof(junk));

    cfg = test_config(f->mgr, f->conn);
    assert_int_equal(1, test_count_mappings(cfg));
    assert_hr(S_OK, INetSharingConfiguration_get_EnumPortMappings(cfg, ICSSC_DEFAULT, &coll));
    assert_hr(S_OK, INetSharingPortMappingCollection_get__NewEnum(coll, &unk));
    assert_hr(S_OK, IUnknown_QueryInterface(unk, &IID_IEnumVARIANT, (void **)&ev));
    VariantInit(&v);
    assert_hr(S_OK, IEnumVARIANT_Next(ev, 1, &v, &fetched));
    assert_int_equal(VT_DISPATCH, V_VT(&v));
    assert_hr(S_OK, IDispatch_QueryInterface(V_DISPATCH(&v), &IID_INetSharingPortMapping, (void **)&mapping));
    assert_hr(S_OK, INetSharingPortMapping_get_Properties(mapping, &props));
    test_check_props(props, &legacy);
    INetSharingPortMappingProps_Release(props);

    /* Now a value in its group; the empty key is gone; the unreadable one is kept. */
    assert_int_equal(ERROR_SUCCESS, RegOpenKeyExW(key, L"TCP-00xxx", 0, KEY_READ, &group));
    assert_int_equal(ERROR_SUCCESS, RegQueryValueExW(group, L"TCP-00555", NULL, &type, value, &size));
    RegCloseKey(group);
    assert_int_equal(REG_BINARY, type);
    assert_memory_equal("OHR\1", value, 4);
    assert_false(has_subkey(key, L"TCP-00555"));
    assert_false(has_subkey(key, L"UDP-04500"));
    assert_true(has_subkey(key, L"TCP-00777"));

    assert_hr(ALREADY_EXISTS, add(cfg, NAT_PROTOCOL_TCP, 555, NULL));
    assert_hr(S_OK, INetSharingPortMapping_Disable(mapping));
    assert_hr(S_OK, INetSharingPortMapping_Delete(mapping));
    assert_hr(S_OK, add(cfg, NAT_PROTOCOL_TCP, 555, NULL));

    INetSharingPortMapping_Release(mapping);
    VariantClear(&v);
    IEnumVARIANT_Release(ev);
    IUnknown_Release(unk);
    INetSharingPortMappingCollection_Release(coll);
    INetSharingConfiguration_Release(cfg);
    RegCloseKey(key);
}

struct adder
{
    INetSharingConfiguration *cfg;
    UCHAR proto;
    USHORT port;
    HRESULT hr;
};

/* Adds a mapping on a thread of its own, so that a test can bound how long it waits. */
static DWORD WINAPI adder_main(void *arg)
{
    struct adder *a = arg;

    CoInitializeEx(NULL, COINIT_MULTITHREADED);
    a->hr = add(a->cfg, a->proto, a->port, NULL);
    CoUninitialize();
    return 0;
}

/* The child of lock_of_a_dead_process_is_taken_over: takes the lock, says so, waits to be killed. */
static int hold_main(const char *guid)
{
    WCHAR name[80];
    struct ohn_index *ix;
    HANDLE section, held;
    LONG64 me = (LONG64)(((ULONG64)GetCurrentProcessId() << 32) | GetCurrentThreadId());

    _snwprintf(name, ARRAYSIZE(name), L"%s%hs", OHN_INDEX_PREFIX, guid);
    if (!(section = OpenFileMappingW(FILE_MAP_ALL_ACCESS, FALSE, name)) ||
        !(ix = MapViewOfFile(section, FILE_MAP_ALL_ACCESS, 0, 0, sizeof(*ix))) ||
        !(held = OpenEventW(EVENT_MODIFY_STATE, FALSE, HELD_EVENT)))
        return 2;
    if (InterlockedCompareExchange64((volatile LONG64 *)&ix->owner, me, 0))
        return 3;
    SetEvent(held);
    Sleep(INFINITE);
    return 4;
}

/* spawn: a holder of this architecture or of the other (the index is one for both). */
static void lock_of_a_dead_process_is_taken_over_from(test_spawner spawn, void **state)
{
    struct fixture *f = *state;
    INetSharingConfiguration *cfg = test_config(f->mgr, f->conn);
    WCHAR args[64];
    PROCESS_INFORMATION pi;
    struct adder a = {cfg, NAT_PROTOCOL_TCP, 1001, E_FAIL};
    struct ohn_index *ix;
    HANDLE section, held, adder;
    DWORD start, took;

    assert_hr(S_OK, add(cfg, NAT_PROTOCOL_TCP, 1000, NULL));
    ix = open_index(f, &section);
    assert_int_equal(OHN_INDEX_READY, ix->state);
    assert_true(ix->slots[0][1000] != 0);

    held = CreateEventW(NULL, TRUE, FALSE, HELD_EVENT);
    assert_non_null(held);
    _snwprintf(args, ARRAYSIZE(args), L"hold %s", f->guid_str);
    args[ARRAYSIZE(args) - 1] = 0;
    pi = spawn(args);
    assert_int_equal(WAIT_OBJECT_0, WaitForSingleObject(held, 30000));
    assert_int_equal(pi.dwProcessId, (DWORD)((ULONG64)ix->owner >> 32));
    assert_true(TerminateProcess(pi.hProcess, 9));
    assert_int_equal(WAIT_OBJECT_0, WaitForSingleObject(pi.hProcess, 30000));
    CloseHandle(pi.hProcess);
    CloseHandle(pi.hThread);
    CloseHandle(held);

    /* The lock of the dead process is taken over; the index is rebuilt from the registry. */
    start = GetTickCount();
    adder = CreateThread(NULL, 0, adder_main, &a, 0, NULL);
    assert_non_null(adder);
    assert_int_equal(WAIT_OBJECT_0, WaitForSingleObject(adder, 10000));
    took = GetTickCount() - start;
    CloseHandle(adder);
    assert_hr(S_OK, a.hr);
    print_message("took the lock of a killed process over in %lu ms\n", (unsigned long)took);
    assert_int_equal(0, ix->owner);
    assert_int_equal(OHN_INDEX_READY, ix->state);
    assert_hr(ALREADY_EXISTS, add(cfg, NAT_PROTOCOL_TCP, 1000, NULL));
    assert_int_equal(2, test_count_mappings(cfg));

    close_index(ix, section);
    INetSharingConfiguration_Release(cfg);
}

static void lock_of_a_dead_process_is_taken_over(void **state)
{
    lock_of_a_dead_process_is_taken_over_from(test_spawn_self, state);
}

static void lock_of_a_dead_process_of_the_other_architecture_is_taken_over(void **state)
{
    lock_of_a_dead_process_is_taken_over_from(test_spawn_peer, state);
}

static DWORD WINAPI idle_main(void *arg)
{
    WaitForSingleObject(arg, INFINITE);
    return 0;
}

static void live_holder_keeps_writers_waiting(void **state)
{
    struct fixture *f = *state;
    INetSharingConfiguration *cfg = test_config(f->mgr, f->conn);
    struct adder a = {cfg, NAT_PROTOCOL_UDP, 1100, E_FAIL};
    HANDLE section, idle, stop, adder;
    struct ohn_index *ix;
    DWORD idle_tid;

    assert_hr(S_OK, add(cfg, NAT_PROTOCOL_UDP, 1099, NULL)); /* the index is ready */
    ix = open_index(f, &section);
    stop = CreateEventW(NULL, TRUE, FALSE, NULL);
    idle = CreateThread(NULL, 0, idle_main, stop, 0, &idle_tid);
    assert_non_null(idle);
    assert_int_equal(0, InterlockedCompareExchange64((volatile LONG64 *)&ix->owner,
                                                     (LONG64)(((ULONG64)GetCurrentProcessId() << 32) | idle_tid), 0));

    adder = CreateThread(NULL, 0, adder_main, &a, 0, NULL);
    assert_non_null(adder);
    assert_int_equal(WAIT_TIMEOUT, WaitForSingleObject(adder, 500)); /* a live holder is waited for */
    assert_hr(E_FAIL, a.hr);
    InterlockedExchange64((volatile LONG64 *)&ix->owner, 0);
    assert_int_equal(WAIT_OBJECT_0, WaitForSingleObject(adder, 10000));
    assert_hr(S_OK, a.hr);
    assert_int_equal(2, test_count_mappings(cfg));

    SetEvent(stop);
    WaitForSingleObject(idle, INFINITE);
    CloseHandle(idle);
    CloseHandle(adder);
    CloseHandle(stop);
    close_index(ix, section);
    INetSharingConfiguration_Release(cfg);
}

static void wrong_index_is_rebuilt_from_the_registry(void **state)
{
    struct fixture *f = *state;
    INetSharingConfiguration *cfg = test_config(f->mgr, f->conn);
    INetSharingPortMapping *tcp = NULL, *udp = NULL;
    struct ohn_index *ix;
    HANDLE section;
    uint32_t tcp_id;

    assert_hr(S_OK, add(cfg, NAT_PROTOCOL_TCP, 2000, &tcp));
    assert_hr(S_OK, add(cfg, NAT_PROTOCOL_UDP, 2001, &udp));
    ix = open_index(f, &section);
    tcp_id = ix->slots[0][2000];
    assert_true(tcp_id != 0 && tcp_id != ix->slots[1][2001]);

    /* Scribble on it: stale, a record forgotten, a phantom one, ids from the start. */
    ix->state = 0;
    ix->slots[0][2000] = 0;
    ix->slots[1][2002] = 12345;
    ix->next_id = 0;

    assert_hr(ALREADY_EXISTS, add(cfg, NAT_PROTOCOL_TCP, 2000, NULL));
    assert_int_equal(OHN_INDEX_READY, ix->state);
    assert_int_equal(tcp_id, ix->slots[0][2000]); /* ids live in the records */
    assert_hr(S_OK, add(cfg, NAT_PROTOCOL_UDP, 2002, NULL));
    assert_true(ix->slots[1][2002] > tcp_id && ix->slots[1][2002] > ix->slots[1][2001]);
    assert_hr(S_OK, INetSharingPortMapping_Enable(tcp));
    assert_hr(S_OK, INetSharingPortMapping_Delete(udp));
    assert_int_equal(2, test_count_mappings(cfg));

    INetSharingPortMapping_Release(tcp);
    INetSharingPortMapping_Release(udp);
    close_index(ix, section);
    INetSharingConfiguration_Release(cfg);
}

static void store_changed_behind_its_back(void **state)
{
    static const BYTE junk[] = {1, 2, 3};
    struct fixture *f = *state;
    INetSharingConfiguration *cfg;
    INetSharingPortMapping *mapping = NULL;
    BYTE value[16];
    DWORD size = sizeof(value), type;
    HKEY key = create_mappings_key(f, L"TCP-04xxx"), udp = create_mappings_key(f, L"UDP-04xxx");

    /* Values this version cannot read keep their names taken, and are never overwritten. */
    assert_int_equal(ERROR_SUCCESS, RegSetValueExW(key, L"TCP-04000", 0, REG_BINARY, junk, sizeof(junk)));
    assert_int_equal(ERROR_SUCCESS, RegSetValueExW(udp, L"UDP-04001", 0, REG_SZ, (const BYTE *)L"x", 4));
    RegCloseKey(udp);
    cfg = test_config(f->mgr, f->conn);
    assert_int_equal(0, test_count_mappings(cfg));
    assert_hr(ALREADY_EXISTS, add(cfg, NAT_PROTOCOL_TCP, 4000, NULL));
    assert_hr(ALREADY_EXISTS, add(cfg, NAT_PROTOCOL_UDP, 4001, NULL));
    assert_int_equal(ERROR_SUCCESS, RegQueryValueExW(key, L"TCP-04000", NULL, &type, value, &size));
    assert_int_equal(REG_BINARY, type);
    assert_int_equal(sizeof(junk), size);
    RegCloseKey(key);

    /* A record deleted with regedit: its protocol and port can be added again. */
    assert_hr(S_OK, add(cfg, NAT_PROTOCOL_TCP, 3001, NULL));
    key = create_mappings_key(f, L"TCP-03xxx");
    assert_int_equal(ERROR_SUCCESS, RegDeleteValueW(key, L"TCP-03001"));
    RegCloseKey(key);
    assert_hr(S_OK, add(cfg, NAT_PROTOCOL_TCP, 3001, NULL));

    /* A whole group deleted: its records are gone, the group comes back with the next one. */
    assert_hr(S_OK, add(cfg, NAT_PROTOCOL_UDP, 5000, &mapping));
    key = create_mappings_key(f, NULL);
    assert_int_equal(ERROR_SUCCESS, RegDeleteKeyW(key, L"UDP-05xxx"));
    RegCloseKey(key);
    assert_hr(MAPPING_GONE, INetSharingPortMapping_Disable(mapping));
    assert_hr(S_OK, add(cfg, NAT_PROTOCOL_UDP, 5000, NULL));
    INetSharingPortMapping_Release(mapping);
    mapping = NULL;
    assert_int_equal(2, test_count_mappings(cfg));

    /* The whole store deleted while the configuration is open. */
    assert_hr(S_OK, add(cfg, NAT_PROTOCOL_TCP, 3000, &mapping));
    test_wipe_store();
    assert_hr(MAPPING_GONE, INetSharingPortMapping_Enable(mapping));
    assert_hr(S_OK, add(cfg, NAT_PROTOCOL_TCP, 3000, NULL));
    assert_hr(MAPPING_GONE, INetSharingPortMapping_Delete(mapping));
    assert_int_equal(1, test_count_mappings(cfg));

    INetSharingPortMapping_Release(mapping);
    INetSharingConfiguration_Release(cfg);
}

/* Earlier versions stored names up to their BSTR length, embedded NULs included. Such a
 * record (written here as they wrote it: TCP 600, name "a\0b", target "c\0d", enabled) still
 * reads back whole and can be removed, through its object and through RemovePortMapping. */
static DWORD stored_with_nuls(BYTE *buf, DWORD id)
{
    static const BYTE head[] = {'O', 'H', 'R', 1};
    static const BYTE record[] = {'O', 'H', 'M', 1, 6, 0, 1, 0, 0x58, 0x02, 0x58, 0x02, 0, 0, 0, 0, 3, 0, 3, 0,
                                  'a', 0, 0, 0, 'b', 0, 'c', 0, 0, 0, 'd', 0};

    memcpy(buf, head, 4);
    memcpy(buf + 4, &id, 4);
    memcpy(buf + 8, record, sizeof(record));
    return 8 + sizeof(record);
}

static void stored_names_with_nuls_stay_readable_and_removable(void **state)
{
    struct fixture *f = *state;
    INetSharingPortMappingCollection *coll = NULL;
    INetSharingPortMappingProps *props = NULL;
    INetSharingPortMapping *mapping = NULL;
    INetSharingConfiguration *cfg;
    IEnumVARIANT *ev = NULL;
    IUnknown *unk = NULL;
    BYTE value[64];
    BSTR name = NULL;
    int round;
    VARIANT v;

    for (round = 0; round < 2; round++)
    {
        HKEY group = create_mappings_key(f, L"TCP-00xxx");

        assert_int_equal(ERROR_SUCCESS, RegSetValueExW(group, L"TCP-00600", 0, REG_BINARY, value,
                                                       stored_with_nuls(value, 77 + round)));
        RegCloseKey(group);
        cfg = test_config(f->mgr, f->conn); /* a new index, built from the registry */
        assert_hr(S_OK, INetSharingConfiguration_get_EnumPortMappings(cfg, ICSSC_DEFAULT, &coll));
        assert_hr(S_OK, INetSharingPortMappingCollection_get__NewEnum(coll, &unk));
        assert_hr(S_OK, IUnknown_QueryInterface(unk, &IID_IEnumVARIANT, (void **)&ev));
        VariantInit(&v);
        assert_hr(S_OK, IEnumVARIANT_Next(ev, 1, &v, NULL));
        assert_hr(S_OK, IDispatch_QueryInterface(V_DISPATCH(&v), &IID_INetSharingPortMapping, (void **)&mapping));
        assert_hr(S_OK, INetSharingPortMapping_get_Properties(mapping, &props));
        assert_hr(S_OK, INetSharingPortMappingProps_get_Name(props, &name));
        assert_int_equal(3, SysStringLen(name));
        assert_memory_equal(L"a\0b", name, 3 * sizeof(WCHAR));
        SysFreeString(name);
        assert_hr(S_OK, INetSharingPortMappingProps_get_TargetName(props, &name));
        assert_int_equal(3, SysStringLen(name));
        assert_memory_equal(L"c\0d", name, 3 * sizeof(WCHAR));
        SysFreeString(name);
        INetSharingPortMappingProps_Release(props);
        if (round == 0)
            assert_hr(S_OK, INetSharingPortMapping_Delete(mapping));
        else
            assert_hr(S_OK, INetSharingConfiguration_RemovePortMapping(cfg, mapping));
        assert_int_equal(0, test_count_mappings(cfg));
        INetSharingPortMapping_Release(mapping);
        VariantClear(&v);
        IEnumVARIANT_Release(ev);
        IUnknown_Release(unk);
        INetSharingPortMappingCollection_Release(coll);
        INetSharingConfiguration_Release(cfg);
    }
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(legacy_records_move_into_values, setup, teardown),
        cmocka_unit_test_setup_teardown(lock_of_a_dead_process_is_taken_over, setup, teardown),
        cmocka_unit_test_setup_teardown(lock_of_a_dead_process_of_the_other_architecture_is_taken_over, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(live_holder_keeps_writers_waiting, setup, teardown),
        cmocka_unit_test_setup_teardown(wrong_index_is_rebuilt_from_the_registry, setup, teardown),
        cmocka_unit_test_setup_teardown(store_changed_behind_its_back, setup, teardown),
        cmocka_unit_test_setup_teardown(stored_names_with_nuls_stay_readable_and_removable, setup, teardown),
    };

    if (argc > 2 && !strcmp(argv[1], "hold"))
        return hold_main(argv[2]);
    return cmocka_run_group_tests_name("store", tests, NULL, NULL);
}
