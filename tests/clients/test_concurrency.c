/*
 * The store under concurrent writers: threads of one process (ThreadingModel Both) and two
 * processes at once. Workers only count; the main thread asserts (CMocka is not thread-safe).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "test_common.h"

#define THREADS 4
#define PER_THREAD 40
#define CONTENDED 30
#define CHILD_PORT_BASE 20000
#define PARENT_PORT_BASE 30000
#define CONTENDED_PORT_BASE 40000
#define RENAME_ROUNDS 50
#define RENAME_GO L"Local\\ohn-test-rename-go"
#define RENAME_READY L"Local\\ohn-test-rename-ready"
#define DUP_NAME HRESULT_FROM_WIN32(ERROR_DUP_NAME)

struct worker
{
    INetSharingConfiguration *cfg;
    USHORT first_port;
    int count;
    LONG added, existed, failed;
};

static HRESULT add_one(INetSharingConfiguration *cfg, USHORT port, const WCHAR *who)
{
    INetSharingPortMapping *m = NULL;
    WCHAR name[64];
    BSTR n, t;
    HRESULT hr;

    wsprintfW(name, L"%s %u", who, port);
    n = SysAllocString(name);
    t = SysAllocString(L"192.0.2.30");
    hr = INetSharingConfiguration_AddPortMapping(cfg, n, 6, port, port, port, t, ICSTT_IPADDRESS, &m);
    if (hr == S_OK)
    {
        hr = INetSharingPortMapping_Enable(m);
        INetSharingPortMapping_Release(m);
    }
    SysFreeString(n);
    SysFreeString(t);
    return hr;
}

static DWORD WINAPI worker_main(void *arg)
{
    struct worker *w = arg;
    HRESULT hr;
    int i;

    CoInitializeEx(NULL, COINIT_MULTITHREADED);
    for (i = 0; i < w->count; i++)
    {
        hr = add_one(w->cfg, (USHORT)(w->first_port + i), L"thread");
        if (hr == S_OK)
            InterlockedIncrement(&w->added);
        else if (hr == HRESULT_FROM_WIN32(ERROR_OBJECT_ALREADY_EXISTS))
            InterlockedIncrement(&w->existed);
        else
            InterlockedIncrement(&w->failed);
    }
    CoUninitialize();
    return 0;
}

/* Checks every stored mapping: whole, enabled, and consistent with the port it is keyed by. */
static ULONG check_records(INetSharingConfiguration *cfg)
{
    INetSharingPortMappingCollection *coll = NULL;
    IEnumVARIANT *ev = NULL;
    IUnknown *unk = NULL;
    ULONG seen = 0;
    VARIANT v;

    assert_hr(S_OK, INetSharingConfiguration_get_EnumPortMappings(cfg, ICSSC_DEFAULT, &coll));
    assert_hr(S_OK, INetSharingPortMappingCollection_get__NewEnum(coll, &unk));
    assert_hr(S_OK, IUnknown_QueryInterface(unk, &IID_IEnumVARIANT, (void **)&ev));
    VariantInit(&v);
    while (IEnumVARIANT_Next(ev, 1, &v, NULL) == S_OK)
    {
        INetSharingPortMapping *m;
        INetSharingPortMappingProps *p;
        LONG ext = 0, in = 0, options = 0;
        VARIANT_BOOL enabled = VARIANT_FALSE;
        WCHAR expected[64];
        BSTR name = NULL;

        assert_hr(S_OK, IDispatch_QueryInterface(V_DISPATCH(&v), &IID_INetSharingPortMapping, (void **)&m));
        assert_hr(S_OK, INetSharingPortMapping_get_Properties(m, &p));
        assert_hr(S_OK, INetSharingPortMappingProps_get_ExternalPort(p, &ext));
        assert_hr(S_OK, INetSharingPortMappingProps_get_InternalPort(p, &in));
        assert_hr(S_OK, INetSharingPortMappingProps_get_Options(p, &options));
        assert_hr(S_OK, INetSharingPortMappingProps_get_Enabled(p, &enabled));
        assert_hr(S_OK, INetSharingPortMappingProps_get_Name(p, &name));
        assert_int_equal(ext, in);
        assert_int_equal(ext, options);
        assert_int_equal(VARIANT_TRUE, enabled);
        wsprintfW(expected, L"thread %ld", ext);
        if (lstrcmpW(name, expected))
        {
            wsprintfW(expected, L"process %ld", ext);
            assert_int_equal(0, lstrcmpW(name, expected));
        }
        SysFreeString(name);
        INetSharingPortMappingProps_Release(p);
        INetSharingPortMapping_Release(m);
        VariantClear(&v);
        seen++;
    }
    IEnumVARIANT_Release(ev);
    IUnknown_Release(unk);
    INetSharingPortMappingCollection_Release(coll);
    return seen;
}

static void run_workers(struct worker *w, int n)
{
    HANDLE threads[THREADS * 2];
    int i;

    for (i = 0; i < n; i++)
        threads[i] = CreateThread(NULL, 0, worker_main, &w[i], 0, NULL);
    WaitForMultipleObjects(n, threads, TRUE, INFINITE);
    for (i = 0; i < n; i++)
        CloseHandle(threads[i]);
}

static void threads_adding_distinct_mappings_lose_nothing(void **state)
{
    INetSharingManager *mgr = test_manager();
    INetConnection *conn = test_connection(mgr, 0);
    INetSharingConfiguration *cfg = test_config(mgr, conn);
    struct worker w[THREADS];
    int i;

    memset(w, 0, sizeof(w));
    for (i = 0; i < THREADS; i++)
    {
        w[i].cfg = cfg; /* one object shared by all threads */
        w[i].first_port = (USHORT)(1000 + i * PER_THREAD);
        w[i].count = PER_THREAD;
    }
    run_workers(w, THREADS);
    for (i = 0; i < THREADS; i++)
    {
        assert_int_equal(PER_THREAD, w[i].added);
        assert_int_equal(0, w[i].failed);
    }
    assert_int_equal(THREADS * PER_THREAD, test_count_mappings(cfg));
    assert_int_equal(THREADS * PER_THREAD, check_records(cfg));
    INetSharingConfiguration_Release(cfg);
    INetConnection_Release(conn);
    INetSharingManager_Release(mgr);
}

static void threads_racing_for_the_same_mappings_get_each_exactly_once(void **state)
{
    INetSharingManager *mgr = test_manager();
    INetConnection *conn = test_connection(mgr, 0);
    struct worker w[THREADS];
    LONG added = 0;
    int i;

    memset(w, 0, sizeof(w));
    for (i = 0; i < THREADS; i++)
    {
        w[i].cfg = test_config(mgr, conn); /* one object per thread this time */
        w[i].first_port = 2000;
        w[i].count = CONTENDED;
    }
    run_workers(w, THREADS);
    for (i = 0; i < THREADS; i++)
    {
        assert_int_equal(0, w[i].failed);
        assert_int_equal(CONTENDED, w[i].added + w[i].existed);
        added += w[i].added;
    }
    assert_int_equal(CONTENDED, added);
    assert_int_equal(CONTENDED, check_records(w[0].cfg));
    for (i = 0; i < THREADS; i++)
        INetSharingConfiguration_Release(w[i].cfg);
    INetConnection_Release(conn);
    INetSharingManager_Release(mgr);
}

/* The second process: adds its own range and races for the contended one. Its exit code is
 * how many contended mappings it won, or 255 on any unexpected failure. */
static int child_main(void)
{
    INetSharingManager *mgr = NULL;
    INetSharingConfiguration *cfg = NULL;
    INetSharingEveryConnectionCollection *coll = NULL;
    IEnumVARIANT *ev = NULL;
    IUnknown *unk = NULL;
    INetConnection *conn = NULL;
    VARIANT v;
    int i, won = 0;
    HRESULT hr;

    if (FAILED(CoInitializeEx(NULL, COINIT_MULTITHREADED)) ||
        FAILED(CoCreateInstance(&CLSID_NetSharingManager, NULL, CLSCTX_INPROC_SERVER, &IID_INetSharingManager,
                                (void **)&mgr)) ||
        FAILED(INetSharingManager_get_EnumEveryConnection(mgr, &coll)) ||
        FAILED(INetSharingEveryConnectionCollection_get__NewEnum(coll, &unk)) ||
        FAILED(IUnknown_QueryInterface(unk, &IID_IEnumVARIANT, (void **)&ev)))
        return 255;
    VariantInit(&v);
    if (IEnumVARIANT_Next(ev, 1, &v, NULL) != S_OK ||
        FAILED(IUnknown_QueryInterface(V_UNKNOWN(&v), &IID_INetConnection, (void **)&conn)) ||
        FAILED(INetSharingManager_get_INetSharingConfigurationForINetConnection(mgr, conn, &cfg)))
        return 255;
    for (i = 0; i < CONTENDED; i++)
    {
        if (add_one(cfg, (USHORT)(CHILD_PORT_BASE + i), L"process") != S_OK)
            return 255;
        hr = add_one(cfg, (USHORT)(CONTENDED_PORT_BASE + i), L"process");
        if (hr == S_OK)
            won++;
        else if (hr != HRESULT_FROM_WIN32(ERROR_OBJECT_ALREADY_EXISTS))
            return 255;
    }
    VariantClear(&v);
    INetConnection_Release(conn);
    INetSharingConfiguration_Release(cfg);
    IEnumVARIANT_Release(ev);
    IUnknown_Release(unk);
    INetSharingEveryConnectionCollection_Release(coll);
    INetSharingManager_Release(mgr);
    CoUninitialize();
    return won;
}

/* A second process (spawn: of this architecture or of the other) adds its own range while this
 * one adds its own, and both race for a third: nothing is lost, and no port is won twice. */
static void processes_adding_at_once_lose_nothing(test_spawner spawn)
{
    INetSharingManager *mgr = test_manager();
    INetConnection *conn = test_connection(mgr, 0);
    INetSharingConfiguration *cfg = test_config(mgr, conn);
    PROCESS_INFORMATION pi;
    DWORD child_won = 0;
    LONG parent_won = 0;
    HRESULT hr;
    int i;

    pi = spawn(L"child");
    for (i = 0; i < CONTENDED; i++)
    {
        assert_hr(S_OK, add_one(cfg, (USHORT)(PARENT_PORT_BASE + i), L"process"));
        hr = add_one(cfg, (USHORT)(CONTENDED_PORT_BASE + i), L"process");
        if (hr == S_OK)
            parent_won++;
        else
            assert_hr(HRESULT_FROM_WIN32(ERROR_OBJECT_ALREADY_EXISTS), hr);
    }
    assert_int_equal(WAIT_OBJECT_0, WaitForSingleObject(pi.hProcess, 120000));
    assert_true(GetExitCodeProcess(pi.hProcess, &child_won));
    CloseHandle(pi.hProcess);
    CloseHandle(pi.hThread);
    assert_true(child_won != 255);
    assert_int_equal(CONTENDED, parent_won + (LONG)child_won);
    assert_int_equal(3 * CONTENDED, test_count_mappings(cfg));
    assert_int_equal(3 * CONTENDED, check_records(cfg));
    INetSharingConfiguration_Release(cfg);
    INetConnection_Release(conn);
    INetSharingManager_Release(mgr);
}

static void two_processes_adding_at_once_lose_nothing(void **state)
{
    processes_adding_at_once_lose_nothing(test_spawn_self);
}

/* The store, its index and its lock are one for both architectures. */
static void a_process_of_the_other_architecture_adding_at_once_loses_nothing(void **state)
{
    processes_adding_at_once_lose_nothing(test_spawn_peer);
}

/* Two connections renamed to one name at the same moment: exactly one rename wins. */
struct renamer
{
    INetConnection *conn;
    HANDLE go;
    const WCHAR *name;
    HRESULT hr;
};

static DWORD WINAPI renamer_main(void *arg)
{
    struct renamer *r = arg;

    CoInitializeEx(NULL, COINIT_MULTITHREADED);
    WaitForSingleObject(r->go, INFINITE);
    r->hr = INetConnection_Rename(r->conn, r->name);
    CoUninitialize();
    return 0;
}

static void round_name(WCHAR *name, int round)
{
    wsprintfW(name, L"Same name %d", round);
}

/* Whether exactly one of two results is S_OK and the other ERROR_DUP_NAME. */
static void assert_one_winner(HRESULT a, HRESULT b)
{
    if (a == S_OK)
        assert_hr(DUP_NAME, b);
    else
    {
        assert_hr(DUP_NAME, a);
        assert_hr(S_OK, b);
    }
}

static void threads_renaming_to_one_name_never_both_get_it(void **state)
{
    INetSharingManager *mgr = test_manager();
    struct renamer r[2];
    HANDLE threads[2];
    WCHAR name[32];
    int round, i;

    for (i = 0; i < 2; i++)
        r[i].conn = test_connection(mgr, i);
    for (round = 0; round < RENAME_ROUNDS; round++)
    {
        HANDLE go = CreateEventW(NULL, TRUE, FALSE, NULL);

        round_name(name, round);
        for (i = 0; i < 2; i++)
        {
            r[i].go = go;
            r[i].name = name;
            r[i].hr = E_FAIL;
            threads[i] = CreateThread(NULL, 0, renamer_main, &r[i], 0, NULL);
            assert_non_null(threads[i]);
        }
        Sleep(1); /* both waiting on go */
        SetEvent(go);
        assert_int_equal(WAIT_OBJECT_0, WaitForMultipleObjects(2, threads, TRUE, 30000));
        for (i = 0; i < 2; i++)
            CloseHandle(threads[i]);
        CloseHandle(go);
        assert_one_winner(r[0].hr, r[1].hr);
    }
    for (i = 0; i < 2; i++)
        INetConnection_Release(r[i].conn);
    INetSharingManager_Release(mgr);
}

/* The first connection of a child process, without CMocka (it asserts nothing). */
static HRESULT child_connection(INetSharingManager **mgr, ULONG index, INetConnection **conn)
{
    INetSharingEveryConnectionCollection *coll = NULL;
    IEnumVARIANT *ev = NULL;
    IUnknown *unk = NULL;
    VARIANT v;
    HRESULT hr;

    VariantInit(&v);
    *conn = NULL;
    if (FAILED(hr = CoCreateInstance(&CLSID_NetSharingManager, NULL, CLSCTX_INPROC_SERVER, &IID_INetSharingManager,
                                     (void **)mgr)) ||
        FAILED(hr = INetSharingManager_get_EnumEveryConnection(*mgr, &coll)) ||
        FAILED(hr = INetSharingEveryConnectionCollection_get__NewEnum(coll, &unk)) ||
        FAILED(hr = IUnknown_QueryInterface(unk, &IID_IEnumVARIANT, (void **)&ev)) ||
        (index && FAILED(hr = IEnumVARIANT_Skip(ev, index))) || (hr = IEnumVARIANT_Next(ev, 1, &v, NULL)) != S_OK ||
        FAILED(hr = IUnknown_QueryInterface(V_UNKNOWN(&v), &IID_INetConnection, (void **)conn)))
        hr = FAILED(hr) ? hr : E_FAIL;
    VariantClear(&v);
    if (ev)
        IEnumVARIANT_Release(ev);
    if (unk)
        IUnknown_Release(unk);
    if (coll)
        INetSharingEveryConnectionCollection_Release(coll);
    return hr;
}

/* The second process of a rename round: renames the second connection when told to go.
 * Exit code 0: S_OK, 1: ERROR_DUP_NAME, 255: anything else. */
static int rename_child_main(int round)
{
    INetSharingManager *mgr = NULL;
    INetConnection *conn = NULL;
    HANDLE go, ready;
    WCHAR name[32];
    HRESULT hr;

    if (FAILED(CoInitializeEx(NULL, COINIT_MULTITHREADED)) || FAILED(child_connection(&mgr, 1, &conn)) ||
        !(go = OpenEventW(SYNCHRONIZE, FALSE, RENAME_GO)) || !(ready = OpenEventW(EVENT_MODIFY_STATE, FALSE, RENAME_READY)))
        return 255;
    round_name(name, round);
    SetEvent(ready);
    WaitForSingleObject(go, INFINITE);
    hr = INetConnection_Rename(conn, name);
    INetConnection_Release(conn);
    INetSharingManager_Release(mgr);
    CoUninitialize();
    return hr == S_OK ? 0 : hr == DUP_NAME ? 1 : 255;
}

static void processes_renaming_to_one_name_never_both_get_it(test_spawner spawn, int rounds)
{
    INetSharingManager *mgr = test_manager();
    INetConnection *conn = test_connection(mgr, 0);
    WCHAR args[32], name[32];
    HANDLE go = CreateEventW(NULL, TRUE, FALSE, RENAME_GO), ready = CreateEventW(NULL, FALSE, FALSE, RENAME_READY);
    PROCESS_INFORMATION pi;
    DWORD code;
    HRESULT hr;
    int round;

    assert_non_null(go);
    assert_non_null(ready);
    for (round = 0; round < rounds; round++)
    {
        ResetEvent(go);
        wsprintfW(args, L"rename %d", round);
        pi = spawn(args);
        assert_int_equal(WAIT_OBJECT_0, WaitForSingleObject(ready, 60000));
        round_name(name, round);
        SetEvent(go);
        hr = INetConnection_Rename(conn, name);
        assert_int_equal(WAIT_OBJECT_0, WaitForSingleObject(pi.hProcess, 60000));
        assert_true(GetExitCodeProcess(pi.hProcess, &code));
        CloseHandle(pi.hProcess);
        CloseHandle(pi.hThread);
        assert_true(code == 0 || code == 1);
        assert_one_winner(hr, code == 0 ? S_OK : DUP_NAME);
    }
    CloseHandle(go);
    CloseHandle(ready);
    INetConnection_Release(conn);
    INetSharingManager_Release(mgr);
}

static void two_processes_renaming_to_one_name_never_both_get_it(void **state)
{
    processes_renaming_to_one_name_never_both_get_it(test_spawn_self, RENAME_ROUNDS);
}

static void processes_of_both_architectures_renaming_to_one_name_never_both_get_it(void **state)
{
    processes_renaming_to_one_name_never_both_get_it(test_spawn_peer, RENAME_ROUNDS / 2);
}

/* A mapping one architecture stored, read whole, enabled and deleted by the other: the peer
 * child "edit PORT" finds it, checks every field, enables it; "delete PORT" deletes it; "add
 * PORT" stores one for this process to do the same. Exit code 0 or the step that failed. */
#ifndef NAT_PROTOCOL_UDP
#define NAT_PROTOCOL_UDP 17
#endif
#define CROSS_PORT 47000
#define CROSS_NAME L"cross-arch caf\x00e9 \xd83d\xde00"
#define CROSS_TARGET L"192.0.2.77"

/* The mapping of cfg on this external port (either protocol): 1 and *out, or 0. */
static int find_mapping(INetSharingConfiguration *cfg, LONG port, INetSharingPortMapping **out)
{
    return (*out = test_find_mapping(cfg, 0, port)) != NULL;
}

/* Whether the mapping's fields are the ones cross_add stored (enabled as given). */
static int cross_fields_are(INetSharingPortMapping *m, LONG port, VARIANT_BOOL enabled)
{
    INetSharingPortMappingProps *props = NULL;
    BSTR name = NULL, target = NULL;
    LONG internal = 0;
    UCHAR protocol = 0;
    VARIANT_BOOL on = !enabled;
    int ok;

    if (FAILED(INetSharingPortMapping_get_Properties(m, &props)) || !props)
        return 0;
    ok = SUCCEEDED(INetSharingPortMappingProps_get_Name(props, &name)) && name && !wcscmp(name, CROSS_NAME) &&
         SysStringLen(name) == wcslen(CROSS_NAME) &&
         SUCCEEDED(INetSharingPortMappingProps_get_IPProtocol(props, &protocol)) && protocol == NAT_PROTOCOL_UDP &&
         SUCCEEDED(INetSharingPortMappingProps_get_InternalPort(props, &internal)) && internal == port + 1 &&
         SUCCEEDED(INetSharingPortMappingProps_get_TargetIPAddress(props, &target)) && target &&
         !wcscmp(target, CROSS_TARGET) && SUCCEEDED(INetSharingPortMappingProps_get_Enabled(props, &on)) &&
         on == enabled;
    SysFreeString(name);
    SysFreeString(target);
    INetSharingPortMappingProps_Release(props);
    return ok;
}

static HRESULT cross_add(INetSharingConfiguration *cfg, LONG port)
{
    INetSharingPortMapping *m = NULL;
    BSTR name = SysAllocString(CROSS_NAME), target = SysAllocString(CROSS_TARGET);
    HRESULT hr = INetSharingConfiguration_AddPortMapping(cfg, name, NAT_PROTOCOL_UDP, port, port + 1, 0, target,
                                                         ICSTT_IPADDRESS, &m);

    if (hr == S_OK && !m)
        hr = E_POINTER;
    if (m)
        INetSharingPortMapping_Release(m);
    SysFreeString(name);
    SysFreeString(target);
    return hr;
}

static int cross_child_main(const char *step, LONG port)
{
    INetSharingManager *mgr = NULL;
    INetSharingConfiguration *cfg = NULL;
    INetSharingPortMapping *m = NULL;
    INetConnection *conn = NULL;
    int rc = 0;

    if (FAILED(CoInitializeEx(NULL, COINIT_MULTITHREADED)) || FAILED(child_connection(&mgr, 0, &conn)) ||
        FAILED(INetSharingManager_get_INetSharingConfigurationForINetConnection(mgr, conn, &cfg)) || !cfg)
        return 10;
    if (!strcmp(step, "add"))
        rc = cross_add(cfg, port) == S_OK ? 0 : 11;
    else if (!find_mapping(cfg, port, &m))
        rc = 12;
    else if (!strcmp(step, "edit"))
        rc = !cross_fields_are(m, port, VARIANT_FALSE) ? 13 : INetSharingPortMapping_Enable(m) != S_OK ? 14 : 0;
    else if (!strcmp(step, "delete"))
        rc = !cross_fields_are(m, port, VARIANT_TRUE) ? 15 : INetSharingPortMapping_Delete(m) != S_OK ? 16 : 0;
    else
        rc = 17;
    if (m)
        INetSharingPortMapping_Release(m);
    INetSharingConfiguration_Release(cfg);
    INetConnection_Release(conn);
    INetSharingManager_Release(mgr);
    CoUninitialize();
    return rc;
}

static DWORD run_peer(const char *step, LONG port)
{
    PROCESS_INFORMATION pi;
    WCHAR args[32];
    DWORD code = 255;

    wsprintfW(args, L"cross %hs %ld", step, port);
    pi = test_spawn_peer(args);
    assert_int_equal(WAIT_OBJECT_0, WaitForSingleObject(pi.hProcess, 60000));
    assert_true(GetExitCodeProcess(pi.hProcess, &code));
    CloseHandle(pi.hProcess);
    CloseHandle(pi.hThread);
    return code;
}

static void a_mapping_stored_here_is_read_enabled_and_deleted_by_the_other_architecture(void **state)
{
    INetSharingManager *mgr = test_manager();
    INetConnection *conn = test_connection(mgr, 0);
    INetSharingConfiguration *cfg = test_config(mgr, conn);
    INetSharingPortMapping *m = NULL;

    assert_hr(S_OK, cross_add(cfg, CROSS_PORT));
    assert_int_equal(0, run_peer("edit", CROSS_PORT));
    assert_true(find_mapping(cfg, CROSS_PORT, &m));
    assert_true(cross_fields_are(m, CROSS_PORT, VARIANT_TRUE));
    INetSharingPortMapping_Release(m);
    assert_int_equal(0, run_peer("delete", CROSS_PORT));
    assert_false(find_mapping(cfg, CROSS_PORT, &m));
    assert_int_equal(0, test_count_mappings(cfg));
    INetSharingConfiguration_Release(cfg);
    INetConnection_Release(conn);
    INetSharingManager_Release(mgr);
}

static void a_mapping_the_other_architecture_stored_is_read_enabled_and_deleted_here(void **state)
{
    INetSharingManager *mgr = test_manager();
    INetConnection *conn = test_connection(mgr, 0);
    INetSharingConfiguration *cfg = test_config(mgr, conn);
    INetSharingPortMapping *m = NULL;

    assert_int_equal(0, run_peer("add", CROSS_PORT + 10));
    assert_true(find_mapping(cfg, CROSS_PORT + 10, &m));
    assert_true(cross_fields_are(m, CROSS_PORT + 10, VARIANT_FALSE));
    assert_hr(S_OK, INetSharingPortMapping_Enable(m));
    INetSharingPortMapping_Release(m);
    assert_true(find_mapping(cfg, CROSS_PORT + 10, &m));
    assert_true(cross_fields_are(m, CROSS_PORT + 10, VARIANT_TRUE));
    assert_hr(S_OK, INetSharingPortMapping_Delete(m));
    INetSharingPortMapping_Release(m);
    assert_int_equal(0, test_count_mappings(cfg));
    /* And the other architecture no longer finds it either. */
    assert_int_equal(12, run_peer("delete", CROSS_PORT + 10));
    INetSharingConfiguration_Release(cfg);
    INetConnection_Release(conn);
    INetSharingManager_Release(mgr);
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(threads_adding_distinct_mappings_lose_nothing, test_setup_com, test_teardown_com),
        cmocka_unit_test_setup_teardown(threads_racing_for_the_same_mappings_get_each_exactly_once, test_setup_com,
                                        test_teardown_com),
        cmocka_unit_test_setup_teardown(two_processes_adding_at_once_lose_nothing, test_setup_com, test_teardown_com),
        cmocka_unit_test_setup_teardown(threads_renaming_to_one_name_never_both_get_it, test_setup_com,
                                        test_teardown_com),
        cmocka_unit_test_setup_teardown(two_processes_renaming_to_one_name_never_both_get_it, test_setup_com,
                                        test_teardown_com),
        cmocka_unit_test_setup_teardown(a_process_of_the_other_architecture_adding_at_once_loses_nothing,
                                        test_setup_com, test_teardown_com),
        cmocka_unit_test_setup_teardown(processes_of_both_architectures_renaming_to_one_name_never_both_get_it,
                                        test_setup_com, test_teardown_com),
        cmocka_unit_test_setup_teardown(a_mapping_stored_here_is_read_enabled_and_deleted_by_the_other_architecture,
                                        test_setup_com, test_teardown_com),
        cmocka_unit_test_setup_teardown(a_mapping_the_other_architecture_stored_is_read_enabled_and_deleted_here,
                                        test_setup_com, test_teardown_com),
    };

    if (argc > 1 && !strcmp(argv[1], "child"))
        return child_main();
    if (argc > 2 && !strcmp(argv[1], "rename"))
        return rename_child_main(atoi(argv[2]));
    if (argc > 3 && !strcmp(argv[1], "cross"))
        return cross_child_main(argv[2], atol(argv[3]));
    return cmocka_run_group_tests_name("concurrency", tests, NULL, NULL);
}
