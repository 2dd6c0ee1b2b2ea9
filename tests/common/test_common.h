/*
 * Shared helpers of the Wine CMocka tests. These tests include the mingw-w64 SDK <netcon.h>,
 * not the project's generated header, so every call checks the SDK's vtable layout too.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef OHN_TEST_COMMON_H
#define OHN_TEST_COMMON_H

#define COBJMACROS
#include <winsock2.h>
#include <windows.h>
#include <ole2.h>
#include <netcon.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <cmocka.h>

/* The IIDs and the LIBID that mingw-w64's libuuid does not define (values from the SDK IDL). */
extern const IID test_IID_IEnumNetSharingPortMapping;
extern const IID test_IID_IEnumNetSharingEveryConnection;
extern const GUID test_LIBID_NETCONLib;

/* Where tests/install-test-dll.sh put the DLL in the test prefix. */
#ifdef _WIN64
#define TEST_DLL_PATH L"C:\\ohn-test\\hnetcfg.dll"
#else
#define TEST_DLL_PATH L"C:\\ohn-test32\\hnetcfg.dll"
#endif
#define TEST_STORE_KEY L"Software\\open-hnetcfg\\Sharing"

/* Checks an HRESULT and prints both values in hex when they differ. */
#define assert_hr(expected, actual) _assert_hr((HRESULT)(expected), (HRESULT)(actual), #actual, __FILE__, __LINE__)
void _assert_hr(HRESULT expected, HRESULT actual, const char *call, const char *file, int line);

/* Starts this test program again with the arguments args (its output goes where ours goes);
 * fails the test, saying why, when it cannot. */
PROCESS_INFORMATION test_spawn_self(const WCHAR *args);
/* The same, with this test program's build for the other architecture (the x86_64 one from
 * an i686 test and the other way round: OHN_PEER_TESTS, set by ctest, is its folder). */
PROCESS_INFORMATION test_spawn_peer(const WCHAR *args);
/* One of the two, for tests written once for a child of either architecture. */
typedef PROCESS_INFORMATION (*test_spawner)(const WCHAR *args);

/* setup/teardown for tests that use COM: CoInitializeEx(MTA) and an empty store. */
int test_setup_com(void **state);
int test_teardown_com(void **state);
/* Deletes every stored mapping, role, firewall flag and name. */
void test_wipe_store(void);

INetSharingManager *test_manager(void);
/* The index-th connection of EnumEveryConnection (the namespace has two veth adapters). */
INetConnection *test_connection(INetSharingManager *mgr, ULONG index);
INetSharingConfiguration *test_config(INetSharingManager *mgr, INetConnection *conn);
ULONG test_count_mappings(INetSharingConfiguration *cfg);
/* AddPortMapping with the strings as real BSTRs. */
HRESULT test_add_mapping(INetSharingConfiguration *cfg, const WCHAR *name, UCHAR proto, USHORT ext, USHORT in,
                         DWORD options, const WCHAR *target, ICS_TARGETTYPE type, INetSharingPortMapping **out);
/* The mapping of cfg's enumeration with this external port (and protocol; 0: any), a new
 * reference, or NULL. Asserts nothing: child processes use it too. */
INetSharingPortMapping *test_find_mapping(INetSharingConfiguration *cfg, UCHAR proto, LONG ext);

/* What every property of a port mapping must read as (strings compared exactly, lengths too;
 * the target field of the other kind must read as ""). */
struct test_mapping_fields
{
    const WCHAR *name;
    UCHAR protocol;
    LONG external_port, internal_port, options;
    const WCHAR *target_name, *target_address;
    VARIANT_BOOL enabled;
};
void test_check_props(INetSharingPortMappingProps *props, const struct test_mapping_fields *expected);

#endif
