/*
 * The Windows Firewall classes (HNetCfg.FwPolicy2, HNetCfg.FwRule, HNetCfg.FwMgr and the Windows
 * XP objects, HNetCfg.FwProducts) through mingw-w64's <netfw.h>: every method of INetFwPolicy2, INetFwRules,
 * INetFwRule1-3, INetFwMgr and what hangs from it, bad input, NULL
 * out-pointers, a lying rule object, the registry values Windows' format gives, rules written
 * by another tool, processes of both architectures and concurrent writers.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "test_common.h"
#include <initguid.h>
#include <netfw.h>
#include <iphlpapi.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#define RULES_KEY L"SYSTEM\\CurrentControlSet\\Services\\SharedAccess\\Parameters\\FirewallPolicy\\FirewallRules"
#define POLICY_KEY L"SYSTEM\\CurrentControlSet\\Services\\SharedAccess\\Parameters\\FirewallPolicy"
#define OWN_KEY L"Software\\open-hnetcfg\\Firewall"
#define GONE HRESULT_FROM_WIN32(ERROR_NOT_FOUND)
#define NOT_FOUND HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND)
#define ANY_PROTOCOL 256

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif

/* The 64-bit view from both architectures, as the DLL uses it. */
static void delete_tree(const WCHAR *path)
{
    HKEY key;

    if (RegOpenKeyExW(HKEY_LOCAL_MACHINE, path, 0, KEY_ALL_ACCESS | KEY_WOW64_64KEY, &key))
        return;
    RegDeleteTreeW(key, NULL);
    RegCloseKey(key);
    RegDeleteKeyExW(HKEY_LOCAL_MACHINE, path, KEY_WOW64_64KEY, 0);
}

static void wipe_firewall(void)
{
    delete_tree(POLICY_KEY);
    delete_tree(OWN_KEY);
}

static int setup(void **state)
{
    int r = test_setup_com(state);

    wipe_firewall();
    return r;
}

static int teardown(void **state)
{
    wipe_firewall();
    return test_teardown_com(state);
}

static INetFwPolicy2 *policy(void)
{
    INetFwPolicy2 *p = NULL;

    assert_hr(S_OK, CoCreateInstance(&CLSID_NetFwPolicy2, NULL, CLSCTX_INPROC_SERVER, &IID_INetFwPolicy2, (void **)&p));
    assert_non_null(p);
    return p;
}

static INetFwRules *rules(void)
{
    INetFwPolicy2 *p = policy();
    INetFwRules *r = NULL;

    assert_hr(S_OK, INetFwPolicy2_get_Rules(p, &r));
    assert_non_null(r);
    INetFwPolicy2_Release(p);
    return r;
}

static INetFwRule *new_rule(const WCHAR *name)
{
    INetFwRule *r = NULL;

    assert_hr(S_OK, CoCreateInstance(&CLSID_NetFwRule, NULL, CLSCTX_INPROC_SERVER, &IID_INetFwRule, (void **)&r));
    assert_non_null(r);
    if (name)
        assert_hr(S_OK, INetFwRule_put_Name(r, (BSTR)name));
    return r;
}

static LONG count_rules(void)
{
    INetFwRules *r = rules();
    LONG n = -1;

    assert_hr(S_OK, INetFwRules_get_Count(r, &n));
    INetFwRules_Release(r);
    return n;
}

/* A string property compared exactly (NULL for a NULL BSTR). */
static void check_bstr(const WCHAR *expected, BSTR got, const char *call)
{
    if (!expected)
    {
        if (got)
            fail_msg("%s: %ls, expected NULL", call, got);
    }
    else if (!got)
        fail_msg("%s: NULL, expected %ls", call, expected);
    else if (wcscmp(got, expected))
        fail_msg("%s: %ls, expected %ls", call, got, expected);
}

#define assert_bstr(expected, call)                                                                \
    do                                                                                             \
    {                                                                                              \
        BSTR s_ = (BSTR)0x1;                                                                       \
        assert_hr(S_OK, call);                                                                     \
        check_bstr((expected), s_, #call);                                                         \
        SysFreeString(s_);                                                                         \
    } while (0)

/* The stored value of the only rule (or NULL when there is none). */
static WCHAR *only_value(void)
{
    static WCHAR data[4096];
    WCHAR name[300];
    DWORD name_len = ARRAY_SIZE(name), bytes = sizeof(data), type, values = 0;
    HKEY key;

    if (RegOpenKeyExW(HKEY_LOCAL_MACHINE, RULES_KEY, 0, KEY_READ | KEY_WOW64_64KEY, &key))
        return NULL;
    assert_int_equal(0, RegQueryInfoKeyW(key, NULL, NULL, NULL, NULL, NULL, NULL, &values, NULL, NULL, NULL, NULL));
    if (!values)
    {
        RegCloseKey(key);
        return NULL;
    }
    assert_int_equal(1, values);
    assert_int_equal(0, RegEnumValueW(key, 0, name, &name_len, NULL, &type, (BYTE *)data, &bytes));
    assert_int_equal(REG_SZ, type);
    RegCloseKey(key);
    /* Rules added here are named by a GUID, as Windows names them. */
    assert_int_equal(38, name_len);
    assert_true(name[0] == '{' && name[37] == '}');
    return data;
}

static void put_value(const WCHAR *id, const WCHAR *text)
{
    HKEY key;

    assert_int_equal(0, RegCreateKeyExW(HKEY_LOCAL_MACHINE, RULES_KEY, 0, NULL, 0, KEY_ALL_ACCESS | KEY_WOW64_64KEY,
                                        NULL, &key, NULL));
    assert_int_equal(0, RegSetValueExW(key, id, 0, REG_SZ, (const BYTE *)text, (DWORD)(wcslen(text) + 1) * 2));
    RegCloseKey(key);
}

static BOOL read_value(const WCHAR *id, WCHAR *buf, DWORD bytes)
{
    DWORD type;
    HKEY key;
    LONG err;

    if (RegOpenKeyExW(HKEY_LOCAL_MACHINE, RULES_KEY, 0, KEY_READ | KEY_WOW64_64KEY, &key))
        return FALSE;
    err = RegQueryValueExW(key, id, NULL, &type, (BYTE *)buf, &bytes);
    RegCloseKey(key);
    return !err && type == REG_SZ;
}

static void policy_defaults_are_windows_defaults(void **state)
{
    static const NET_FW_PROFILE_TYPE2 profiles[] = {NET_FW_PROFILE2_DOMAIN, NET_FW_PROFILE2_PRIVATE,
                                                    NET_FW_PROFILE2_PUBLIC};
    INetFwPolicy2 *p = policy();
    NET_FW_MODIFY_STATE state_ = 7;
    VARIANT_BOOL b;
    NET_FW_ACTION a;
    LONG types = 0;
    VARIANT v;
    unsigned i;

    assert_hr(S_OK, INetFwPolicy2_get_CurrentProfileTypes(p, &types));
    assert_int_equal(NET_FW_PROFILE2_PRIVATE, types);
    for (i = 0; i < ARRAY_SIZE(profiles); i++)
    {
        b = 7;
        assert_hr(S_OK, INetFwPolicy2_get_FirewallEnabled(p, profiles[i], &b));
        assert_int_equal(VARIANT_TRUE, b);
        assert_hr(S_OK, INetFwPolicy2_get_BlockAllInboundTraffic(p, profiles[i], &b));
        assert_int_equal(VARIANT_FALSE, b);
        b = 7;
        assert_hr(S_OK, INetFwPolicy2_get_NotificationsDisabled(p, profiles[i], &b));
        assert_int_equal(VARIANT_FALSE, b);
        b = 7;
        assert_hr(S_OK, INetFwPolicy2_get_UnicastResponsesToMulticastBroadcastDisabled(p, profiles[i], &b));
        assert_int_equal(VARIANT_FALSE, b);
        a = 7;
        assert_hr(S_OK, INetFwPolicy2_get_DefaultInboundAction(p, profiles[i], &a));
        assert_int_equal(NET_FW_ACTION_BLOCK, a);
        assert_hr(S_OK, INetFwPolicy2_get_DefaultOutboundAction(p, profiles[i], &a));
        assert_int_equal(NET_FW_ACTION_ALLOW, a);
        V_VT(&v) = VT_I4;
        assert_hr(S_OK, INetFwPolicy2_get_ExcludedInterfaces(p, profiles[i], &v));
        assert_int_equal(VT_EMPTY, V_VT(&v));
    }
    assert_hr(S_OK, INetFwPolicy2_get_LocalPolicyModifyState(p, &state_));
    assert_int_equal(NET_FW_MODIFY_STATE_OK, state_);
    assert_int_equal(0, count_rules());

    /* One profile at a time, as documented; NULL out-pointers. */
    assert_hr(E_INVALIDARG, INetFwPolicy2_get_FirewallEnabled(p, NET_FW_PROFILE2_ALL, &b));
    assert_hr(E_INVALIDARG, INetFwPolicy2_get_FirewallEnabled(p, 3, &b));
    assert_hr(E_INVALIDARG, INetFwPolicy2_get_FirewallEnabled(p, 0, &b));
    assert_hr(E_INVALIDARG, INetFwPolicy2_put_FirewallEnabled(p, NET_FW_PROFILE2_ALL, VARIANT_FALSE));
    assert_hr(E_INVALIDARG, INetFwPolicy2_get_ExcludedInterfaces(p, 8, &v));
    assert_hr(E_POINTER, INetFwPolicy2_get_CurrentProfileTypes(p, NULL));
    assert_hr(E_POINTER, INetFwPolicy2_get_FirewallEnabled(p, NET_FW_PROFILE2_PUBLIC, NULL));
    assert_hr(E_POINTER, INetFwPolicy2_get_DefaultInboundAction(p, NET_FW_PROFILE2_PUBLIC, NULL));
    assert_hr(E_POINTER, INetFwPolicy2_get_Rules(p, NULL));
    assert_hr(E_POINTER, INetFwPolicy2_get_LocalPolicyModifyState(p, NULL));
    assert_hr(E_POINTER, INetFwPolicy2_get_ServiceRestriction(p, NULL));
    assert_hr(E_POINTER, INetFwPolicy2_get_ExcludedInterfaces(p, NET_FW_PROFILE2_PUBLIC, NULL));
    INetFwPolicy2_Release(p);
}

static DWORD profile_dword(const WCHAR *profile, const WCHAR *name)
{
    WCHAR path[300];
    DWORD v = 0xdead, size = sizeof(v), type;
    HKEY key;
    LONG err;

    swprintf(path, ARRAY_SIZE(path), L"%ls\\%ls", POLICY_KEY, profile);
    if (RegOpenKeyExW(HKEY_LOCAL_MACHINE, path, 0, KEY_READ | KEY_WOW64_64KEY, &key))
        return 0xdead;
    err = RegQueryValueExW(key, name, NULL, &type, (BYTE *)&v, &size);
    RegCloseKey(key);
    return !err && type == REG_DWORD ? v : 0xdead;
}

static void add_named(const WCHAR *name, const WCHAR *group, LONG profiles, BOOL enabled);

/* One rules object per policy object, as Windows (Wine's conformance test checks it): the
 * same pointer from every get_Rules, and it lives as long as anyone holds it. */
static void a_policy_gives_one_rules_object(void **state)
{
    INetFwPolicy2 *p = policy(), *q = policy();
    INetFwRules *r1 = NULL, *r2 = NULL, *r3 = NULL;
    LONG count = -1;

    assert_hr(S_OK, INetFwPolicy2_get_Rules(p, &r1));
    assert_hr(S_OK, INetFwPolicy2_get_Rules(p, &r2));
    assert_non_null(r1);
    assert_ptr_equal(r1, r2);
    assert_hr(S_OK, INetFwPolicy2_get_Rules(q, &r3));
    assert_non_null(r3);
    assert_ptr_not_equal(r1, r3); /* another policy object, another rules object */
    INetFwRules_Release(r2);
    INetFwPolicy2_Release(p); /* the rules object outlives the policy that gave it */
    add_named(L"after", NULL, NET_FW_PROFILE2_ALL, TRUE);
    assert_hr(S_OK, INetFwRules_get_Count(r1, &count));
    assert_int_equal(1, count);
    INetFwRules_Release(r1);
    INetFwRules_Release(r3);
    INetFwPolicy2_Release(q);
}

/* Every value of the service-hardening rules key, concatenated with '\n' (empty: none). */
static void services_values(WCHAR *out, size_t cap)
{
    WCHAR name[256], data[2048];
    DWORD i, name_len, bytes, type;
    HKEY key;

    out[0] = 0;
    if (RegOpenKeyExW(HKEY_LOCAL_MACHINE, POLICY_KEY L"\\RestrictedServices\\Configurable\\System", 0,
                      KEY_READ | KEY_WOW64_64KEY, &key))
        return;
    for (i = 0;; i++)
    {
        name_len = ARRAY_SIZE(name);
        bytes = sizeof(data);
        if (RegEnumValueW(key, i, name, &name_len, NULL, &type, (BYTE *)data, &bytes))
            break;
        assert_int_equal(REG_SZ, type);
        if (wcslen(out) + wcslen(data) + 2 < cap)
        {
            wcscat(out, data);
            wcscat(out, L"\n");
        }
    }
    RegCloseKey(key);
}

/* INetFwServiceRestriction: RestrictService writes a block rule per direction for the service
 * and application, in Windows' rule format under RestrictedServices\Configurable\System;
 * ServiceRestricted reads them (names' case ignored); its Rules are that table, another object
 * than the policy's, and rules added there stay out of the firewall's; FALSE lifts it. Names are
 * required; NULL out-pointers are E_POINTER. */
static void a_service_restriction_is_stored_as_windows_stores_it(void **state)
{
    static const WCHAR svchost[] = L"%systemDrive%\\WINDOWS\\system32\\svchost.exe";
    INetFwPolicy2 *p = policy();
    INetFwServiceRestriction *sr = NULL;
    INetFwRules *policy_rules = NULL, *rs = NULL, *rs2 = NULL;
    INetFwRule *allow, *got = NULL;
    VARIANT_BOOL b = 7;
    WCHAR values[8192];
    LONG count = -1;

    assert_hr(S_OK, INetFwPolicy2_get_ServiceRestriction(p, &sr));
    assert_non_null(sr);
    assert_hr(S_OK, INetFwServiceRestriction_get_Rules(sr, &rs));
    assert_non_null(rs);
    assert_hr(S_OK, INetFwPolicy2_get_Rules(p, &policy_rules));
    assert_ptr_not_equal(rs, policy_rules);
    assert_hr(S_OK, INetFwRules_get_Count(rs, &count));
    assert_int_equal(0, count);
    assert_hr(E_POINTER, INetFwServiceRestriction_get_Rules(sr, NULL));
    assert_hr(E_POINTER, INetFwServiceRestriction_ServiceRestricted(sr, L"SampleService", (BSTR)svchost, NULL));
    assert_hr(E_INVALIDARG, INetFwServiceRestriction_ServiceRestricted(sr, NULL, (BSTR)svchost, &b));
    assert_hr(E_INVALIDARG, INetFwServiceRestriction_RestrictService(sr, L"", (BSTR)svchost, VARIANT_TRUE, VARIANT_TRUE));
    assert_hr(E_INVALIDARG, INetFwServiceRestriction_RestrictService(sr, L"SampleService", NULL, VARIANT_TRUE, VARIANT_TRUE));
    assert_hr(E_INVALIDARG, INetFwServiceRestriction_RestrictService(sr, L"a|b", (BSTR)svchost, VARIANT_TRUE, VARIANT_TRUE));
    services_values(values, ARRAY_SIZE(values));
    assert_int_equal(0, wcslen(values)); /* refused calls changed nothing */
    assert_hr(S_OK, INetFwServiceRestriction_ServiceRestricted(sr, L"SampleService", (BSTR)svchost, &b));
    assert_int_equal(VARIANT_FALSE, b);

    assert_hr(S_OK, INetFwServiceRestriction_RestrictService(sr, L"SampleService", (BSTR)svchost, VARIANT_TRUE, VARIANT_TRUE));
    assert_hr(S_OK, INetFwServiceRestriction_ServiceRestricted(sr, L"sampleservice", (BSTR)svchost, &b));
    assert_int_equal(VARIANT_TRUE, b);
    assert_hr(S_OK, INetFwServiceRestriction_ServiceRestricted(sr, L"OtherService", (BSTR)svchost, &b));
    assert_int_equal(VARIANT_FALSE, b);
    services_values(values, ARRAY_SIZE(values));
    assert_non_null(wcsstr(values, L"|Action=Block|Active=TRUE|Dir=In|App=%systemDrive%\\WINDOWS\\system32\\svchost.exe|Svc=SampleService|"));
    assert_non_null(wcsstr(values, L"|Action=Block|Active=TRUE|Dir=Out|App=%systemDrive%\\WINDOWS\\system32\\svchost.exe|Svc=SampleService|"));
    assert_true(!wcsncmp(values, L"v2.", 3));
    /* A second call replaces them. */
    assert_hr(S_OK, INetFwServiceRestriction_RestrictService(sr, L"SAMPLESERVICE", (BSTR)svchost, VARIANT_TRUE, VARIANT_FALSE));
    assert_hr(S_OK, INetFwRules_get_Count(rs, &count));
    assert_int_equal(2, count);
    assert_int_equal(0, count_rules()); /* the firewall's own rules are another table */

    /* An allow rule for the restricted service, through its Rules. */
    allow = new_rule(L"Allow TCP 12345 to sampleservice");
    assert_hr(S_OK, INetFwRule_put_ApplicationName(allow, (BSTR)svchost));
    assert_hr(S_OK, INetFwRule_put_ServiceName(allow, L"SampleService"));
    assert_hr(S_OK, INetFwRule_put_Protocol(allow, NET_FW_IP_PROTOCOL_TCP));
    assert_hr(S_OK, INetFwRule_put_LocalPorts(allow, L"12345"));
    assert_hr(S_OK, INetFwRule_put_Enabled(allow, VARIANT_TRUE));
    assert_hr(S_OK, INetFwRules_Add(rs, allow));
    assert_hr(S_OK, INetFwRules_get_Count(rs, &count));
    assert_int_equal(3, count);
    assert_int_equal(0, count_rules());
    assert_hr(S_OK, INetFwServiceRestriction_get_Rules(sr, &rs2));
    assert_hr(S_OK, INetFwRules_Item(rs2, L"allow tcp 12345 to sampleservice", &got));
    assert_bstr(L"12345", INetFwRule_get_LocalPorts(got, &s_));
    /* A put on it is stored in that table. */
    assert_hr(S_OK, INetFwRule_put_LocalPorts(got, L"12346"));
    services_values(values, ARRAY_SIZE(values));
    assert_non_null(wcsstr(values, L"LPort=12346|"));
    INetFwRule_Release(got);

    /* Lifted: the block rules go, the allow rule stays. */
    assert_hr(S_OK, INetFwServiceRestriction_RestrictService(sr, L"SampleService", (BSTR)svchost, VARIANT_FALSE, VARIANT_FALSE));
    assert_hr(S_OK, INetFwServiceRestriction_ServiceRestricted(sr, L"SampleService", (BSTR)svchost, &b));
    assert_int_equal(VARIANT_FALSE, b);
    assert_hr(S_OK, INetFwRules_get_Count(rs2, &count));
    assert_int_equal(1, count);
    assert_hr(S_OK, INetFwRules_Remove(rs2, L"Allow TCP 12345 to sampleservice"));
    assert_hr(S_OK, INetFwRules_get_Count(rs, &count));
    assert_int_equal(0, count);

    INetFwRule_Release(allow);
    INetFwRules_Release(rs2);
    INetFwRules_Release(rs);
    INetFwRules_Release(policy_rules);
    INetFwServiceRestriction_Release(sr);
    INetFwPolicy2_Release(p);
}

static void policy_settings_are_stored_per_profile_and_read_back(void **state)
{
    INetFwPolicy2 *p = policy(), *q;
    VARIANT_BOOL b;
    NET_FW_ACTION a;
    NET_FW_MODIFY_STATE m;

    assert_hr(S_OK, INetFwPolicy2_put_FirewallEnabled(p, NET_FW_PROFILE2_PUBLIC, VARIANT_FALSE));
    assert_hr(S_OK, INetFwPolicy2_put_BlockAllInboundTraffic(p, NET_FW_PROFILE2_PRIVATE, VARIANT_TRUE));
    assert_hr(S_OK, INetFwPolicy2_put_NotificationsDisabled(p, NET_FW_PROFILE2_DOMAIN, VARIANT_TRUE));
    assert_hr(S_OK, INetFwPolicy2_put_UnicastResponsesToMulticastBroadcastDisabled(p, NET_FW_PROFILE2_DOMAIN,
                                                                                    VARIANT_TRUE));
    assert_hr(S_OK, INetFwPolicy2_put_DefaultInboundAction(p, NET_FW_PROFILE2_PUBLIC, NET_FW_ACTION_ALLOW));
    assert_hr(S_OK, INetFwPolicy2_put_DefaultOutboundAction(p, NET_FW_PROFILE2_PUBLIC, NET_FW_ACTION_BLOCK));
    /* Bad input changes nothing. */
    assert_hr(E_INVALIDARG, INetFwPolicy2_put_DefaultInboundAction(p, NET_FW_PROFILE2_PUBLIC, NET_FW_ACTION_MAX));
    assert_hr(E_INVALIDARG, INetFwPolicy2_put_DefaultOutboundAction(p, 6, NET_FW_ACTION_ALLOW));
    INetFwPolicy2_Release(p);

    /* Windows' own value names and meanings (MS-GPFAS: DefaultInboundAction 1 is block). */
    assert_int_equal(0, profile_dword(L"PublicProfile", L"EnableFirewall"));
    assert_int_equal(1, profile_dword(L"StandardProfile", L"DoNotAllowExceptions"));
    assert_int_equal(1, profile_dword(L"DomainProfile", L"DisableNotifications"));
    assert_int_equal(1, profile_dword(L"DomainProfile", L"DisableUnicastResponsesToMulticastBroadcast"));
    assert_int_equal(0, profile_dword(L"PublicProfile", L"DefaultInboundAction"));
    assert_int_equal(1, profile_dword(L"PublicProfile", L"DefaultOutboundAction"));

    q = policy();
    assert_hr(S_OK, INetFwPolicy2_get_FirewallEnabled(q, NET_FW_PROFILE2_PUBLIC, &b));
    assert_int_equal(VARIANT_FALSE, b);
    assert_hr(S_OK, INetFwPolicy2_get_FirewallEnabled(q, NET_FW_PROFILE2_PRIVATE, &b));
    assert_int_equal(VARIANT_TRUE, b);
    assert_hr(S_OK, INetFwPolicy2_get_BlockAllInboundTraffic(q, NET_FW_PROFILE2_PRIVATE, &b));
    assert_int_equal(VARIANT_TRUE, b);
    assert_hr(S_OK, INetFwPolicy2_get_DefaultInboundAction(q, NET_FW_PROFILE2_PUBLIC, &a));
    assert_int_equal(NET_FW_ACTION_ALLOW, a);
    assert_hr(S_OK, INetFwPolicy2_get_DefaultOutboundAction(q, NET_FW_PROFILE2_PUBLIC, &a));
    assert_int_equal(NET_FW_ACTION_BLOCK, a);
    /* The current profile (private) blocks all inbound traffic. */
    assert_hr(S_OK, INetFwPolicy2_get_LocalPolicyModifyState(q, &m));
    assert_int_equal(NET_FW_MODIFY_STATE_INBOUND_BLOCKED, m);

    /* RestoreLocalFirewallDefaults puts every setting back. */
    assert_hr(S_OK, INetFwPolicy2_RestoreLocalFirewallDefaults(q));
    assert_hr(S_OK, INetFwPolicy2_get_FirewallEnabled(q, NET_FW_PROFILE2_PUBLIC, &b));
    assert_int_equal(VARIANT_TRUE, b);
    assert_hr(S_OK, INetFwPolicy2_get_DefaultInboundAction(q, NET_FW_PROFILE2_PUBLIC, &a));
    assert_int_equal(NET_FW_ACTION_BLOCK, a);
    assert_hr(S_OK, INetFwPolicy2_get_LocalPolicyModifyState(q, &m));
    assert_int_equal(NET_FW_MODIFY_STATE_OK, m);
    INetFwPolicy2_Release(q);
}

/* A value the console set: CurrentProfileTypes reports it. */
static void current_profile_types_is_what_was_set(void **state)
{
    INetFwPolicy2 *p = policy();
    DWORD v = NET_FW_PROFILE2_PUBLIC | NET_FW_PROFILE2_DOMAIN;
    LONG types = 0;
    HKEY key;

    assert_int_equal(0, RegCreateKeyExW(HKEY_LOCAL_MACHINE, OWN_KEY, 0, NULL, 0, KEY_ALL_ACCESS | KEY_WOW64_64KEY, NULL,
                                        &key, NULL));
    assert_int_equal(0, RegSetValueExW(key, L"CurrentProfileTypes", 0, REG_DWORD, (BYTE *)&v, sizeof(v)));
    assert_hr(S_OK, INetFwPolicy2_get_CurrentProfileTypes(p, &types));
    assert_int_equal(5, types);
    v = 0x100; /* not profiles: private, as when unset */
    assert_int_equal(0, RegSetValueExW(key, L"CurrentProfileTypes", 0, REG_DWORD, (BYTE *)&v, sizeof(v)));
    assert_hr(S_OK, INetFwPolicy2_get_CurrentProfileTypes(p, &types));
    assert_int_equal(NET_FW_PROFILE2_PRIVATE, types);
    RegCloseKey(key);
    INetFwPolicy2_Release(p);
}

static void a_new_rule_reads_as_windows_makes_it(void **state)
{
    INetFwRule *r = new_rule(NULL);
    INetFwRule2 *r2 = NULL;
    INetFwRule3 *r3 = NULL;
    NET_FW_RULE_DIRECTION dir = 0;
    NET_FW_ACTION act = 7;
    VARIANT_BOOL b = 7;
    LONG l = 7;
    VARIANT v;

    assert_hr(S_OK, INetFwRule_QueryInterface(r, &IID_INetFwRule2, (void **)&r2));
    assert_hr(S_OK, INetFwRule_QueryInterface(r, &IID_INetFwRule3, (void **)&r3));
    assert_bstr(NULL, INetFwRule_get_Name(r, &s_));
    assert_bstr(NULL, INetFwRule_get_Description(r, &s_));
    assert_bstr(NULL, INetFwRule_get_ApplicationName(r, &s_));
    assert_bstr(NULL, INetFwRule_get_ServiceName(r, &s_));
    assert_bstr(NULL, INetFwRule_get_Grouping(r, &s_));
    assert_bstr(L"*", INetFwRule_get_LocalPorts(r, &s_));
    assert_bstr(L"*", INetFwRule_get_RemotePorts(r, &s_));
    assert_bstr(L"*", INetFwRule_get_LocalAddresses(r, &s_));
    assert_bstr(L"*", INetFwRule_get_RemoteAddresses(r, &s_));
    assert_bstr(L"*", INetFwRule_get_IcmpTypesAndCodes(r, &s_));
    assert_bstr(L"All", INetFwRule_get_InterfaceTypes(r, &s_));
    assert_hr(S_OK, INetFwRule_get_Protocol(r, &l));
    assert_int_equal(ANY_PROTOCOL, l);
    assert_hr(S_OK, INetFwRule_get_Direction(r, &dir));
    assert_int_equal(NET_FW_RULE_DIR_IN, dir);
    assert_hr(S_OK, INetFwRule_get_Action(r, &act));
    assert_int_equal(NET_FW_ACTION_ALLOW, act);
    assert_hr(S_OK, INetFwRule_get_Enabled(r, &b));
    assert_int_equal(VARIANT_FALSE, b);
    assert_hr(S_OK, INetFwRule_get_Profiles(r, &l));
    assert_int_equal(NET_FW_PROFILE2_ALL, l);
    b = 7;
    assert_hr(S_OK, INetFwRule_get_EdgeTraversal(r, &b));
    assert_int_equal(VARIANT_FALSE, b);
    V_VT(&v) = VT_I4;
    assert_hr(S_OK, INetFwRule_get_Interfaces(r, &v));
    assert_int_equal(VT_EMPTY, V_VT(&v));
    assert_hr(S_OK, INetFwRule2_get_EdgeTraversalOptions(r2, &l));
    assert_int_equal(0, l);
    assert_hr(S_OK, INetFwRule3_get_SecureFlags(r3, &l));
    assert_int_equal(0, l);
    assert_bstr(NULL, INetFwRule3_get_LocalAppPackageId(r3, &s_));
    assert_bstr(NULL, INetFwRule3_get_LocalUserOwner(r3, &s_));
    assert_bstr(NULL, INetFwRule3_get_LocalUserAuthorizedList(r3, &s_));
    assert_bstr(NULL, INetFwRule3_get_RemoteUserAuthorizedList(r3, &s_));
    assert_bstr(NULL, INetFwRule3_get_RemoteMachineAuthorizedList(r3, &s_));

    /* NULL out-pointers. */
    assert_hr(E_POINTER, INetFwRule_get_Name(r, NULL));
    assert_hr(E_POINTER, INetFwRule_get_Protocol(r, NULL));
    assert_hr(E_POINTER, INetFwRule_get_Direction(r, NULL));
    assert_hr(E_POINTER, INetFwRule_get_Interfaces(r, NULL));
    assert_hr(E_POINTER, INetFwRule_get_Enabled(r, NULL));
    assert_hr(E_POINTER, INetFwRule_get_EdgeTraversal(r, NULL));
    assert_hr(E_POINTER, INetFwRule_get_Profiles(r, NULL));
    assert_hr(E_POINTER, INetFwRule_get_Action(r, NULL));
    assert_hr(E_POINTER, INetFwRule2_get_EdgeTraversalOptions(r2, NULL));
    assert_hr(E_POINTER, INetFwRule3_get_SecureFlags(r3, NULL));
    assert_hr(E_POINTER, INetFwRule3_get_LocalUserOwner(r3, NULL));
    INetFwRule3_Release(r3);
    INetFwRule2_Release(r2);
    INetFwRule_Release(r);
}

/* Every put that is refused changes nothing. */
static void bad_input_is_refused_and_changes_nothing(INetFwRule *r)
{
    INetFwRule2 *r2;
    INetFwRule3 *r3;
    NET_FW_RULE_DIRECTION dir;
    NET_FW_ACTION act;
    LONG l;

    assert_hr(S_OK, INetFwRule_QueryInterface(r, &IID_INetFwRule2, (void **)&r2));
    assert_hr(S_OK, INetFwRule_QueryInterface(r, &IID_INetFwRule3, (void **)&r3));
    assert_hr(E_INVALIDARG, INetFwRule_put_Name(r, L"a|b"));
    assert_hr(E_INVALIDARG, INetFwRule_put_Name(r, L"ALL"));
    assert_hr(E_INVALIDARG, INetFwRule_put_Name(r, L""));
    assert_hr(E_INVALIDARG, INetFwRule_put_Name(r, NULL));
    assert_hr(E_INVALIDARG, INetFwRule_put_Description(r, L"x|y"));
    assert_hr(E_INVALIDARG, INetFwRule_put_LocalPorts(r, L"0"));
    assert_hr(E_INVALIDARG, INetFwRule_put_LocalPorts(r, L"70000"));
    assert_hr(E_INVALIDARG, INetFwRule_put_LocalPorts(r, L"90-80"));
    assert_hr(E_INVALIDARG, INetFwRule_put_RemotePorts(r, L"RPC"));
    assert_hr(E_INVALIDARG, INetFwRule_put_LocalAddresses(r, L"LocalSubnet"));
    assert_hr(E_INVALIDARG, INetFwRule_put_RemoteAddresses(r, L"10.0.0.256"));
    assert_hr(E_INVALIDARG, INetFwRule_put_IcmpTypesAndCodes(r, L"8:*")); /* TCP */
    assert_hr(E_INVALIDARG, INetFwRule_put_InterfaceTypes(r, L"Ethernet"));
    assert_hr(E_INVALIDARG, INetFwRule_put_Protocol(r, 257));
    assert_hr(E_INVALIDARG, INetFwRule_put_Protocol(r, -1));
    assert_hr(E_INVALIDARG, INetFwRule_put_Protocol(r, 1)); /* ports are set */
    assert_hr(E_INVALIDARG, INetFwRule_put_Direction(r, NET_FW_RULE_DIR_MAX));
    assert_hr(E_INVALIDARG, INetFwRule_put_Direction(r, NET_FW_RULE_DIR_OUT)); /* edge traversal is on */
    assert_hr(E_INVALIDARG, INetFwRule_put_Action(r, NET_FW_ACTION_MAX));
    assert_hr(E_INVALIDARG, INetFwRule_put_Profiles(r, 0));
    assert_hr(E_INVALIDARG, INetFwRule_put_Profiles(r, 8));
    assert_hr(E_INVALIDARG, INetFwRule2_put_EdgeTraversalOptions(r2, 4));
    assert_hr(E_INVALIDARG, INetFwRule3_put_SecureFlags(r3, 5));
    assert_hr(E_INVALIDARG, INetFwRule3_put_LocalUserOwner(r3, L"|"));

    assert_bstr(L"Game server", INetFwRule_get_Name(r, &s_));
    assert_bstr(L"80,443,27015-27030", INetFwRule_get_LocalPorts(r, &s_));
    assert_bstr(L"LocalSubnet,10.1.2.3/255.255.255.255", INetFwRule_get_RemoteAddresses(r, &s_));
    assert_hr(S_OK, INetFwRule_get_Protocol(r, &l));
    assert_int_equal(6, l);
    assert_hr(S_OK, INetFwRule_get_Direction(r, &dir));
    assert_int_equal(NET_FW_RULE_DIR_IN, dir);
    assert_hr(S_OK, INetFwRule_get_Action(r, &act));
    assert_int_equal(NET_FW_ACTION_ALLOW, act);
    assert_hr(S_OK, INetFwRule_get_Profiles(r, &l));
    assert_int_equal(NET_FW_PROFILE2_PRIVATE | NET_FW_PROFILE2_PUBLIC, l);
    assert_hr(S_OK, INetFwRule2_get_EdgeTraversalOptions(r2, &l));
    assert_int_equal(1, l);
    INetFwRule3_Release(r3);
    INetFwRule2_Release(r2);
}

static void fill_game_rule(INetFwRule *r)
{
    assert_hr(S_OK, INetFwRule_put_Protocol(r, NET_FW_IP_PROTOCOL_TCP));
    assert_hr(S_OK, INetFwRule_put_LocalPorts(r, L"80, 443,27015-27030"));
    assert_hr(S_OK, INetFwRule_put_RemoteAddresses(r, L"localsubnet,10.1.2.3"));
    assert_hr(S_OK, INetFwRule_put_ApplicationName(r, L"C:\\Games\\server.exe"));
    assert_hr(S_OK, INetFwRule_put_Description(r, L"The game's server"));
    assert_hr(S_OK, INetFwRule_put_Grouping(r, L"Games"));
    assert_hr(S_OK, INetFwRule_put_Profiles(r, NET_FW_PROFILE2_PRIVATE | NET_FW_PROFILE2_PUBLIC));
    assert_hr(S_OK, INetFwRule_put_EdgeTraversal(r, VARIANT_TRUE));
    assert_hr(S_OK, INetFwRule_put_Enabled(r, VARIANT_TRUE));
}

#define GAME_VALUE                                                                                               \
    L"v2.10|Action=Allow|Active=TRUE|Dir=In|Protocol=6|Profile=Private|Profile=Public|LPort=80|LPort=443|"      \
    L"LPort2_10=27015-27030|RA4=LocalSubnet|RA4=10.1.2.3|RA6=LocalSubnet|App=C:\\Games\\server.exe|"            \
    L"Name=Game server|Desc=The game's server|EmbedCtxt=Games|Edge=TRUE|"

static void an_added_rule_is_stored_in_windows_format_and_written_through(void **state)
{
    INetFwRule *r = new_rule(L"Game server"), *item = NULL;
    INetFwRules *rs = rules();
    VARIANT_BOOL b;
    WCHAR *value;

    fill_game_rule(r);
    /* Checked on the object before and after it is stored. */
    bad_input_is_refused_and_changes_nothing(r);
    assert_null(only_value());
    assert_hr(S_OK, INetFwRules_Add(rs, r));
    assert_int_equal(1, count_rules());
    value = only_value();
    assert_non_null(value);
    if (wcscmp(value, GAME_VALUE))
        fail_msg("stored %ls", value);
    bad_input_is_refused_and_changes_nothing(r);
    assert_true(!wcscmp(only_value(), GAME_VALUE));

    /* The same object again is refused; so is a rule without a name. */
    assert_hr(HRESULT_FROM_WIN32(ERROR_ALREADY_EXISTS), INetFwRules_Add(rs, r));
    {
        INetFwRule *nameless = new_rule(NULL);

        assert_hr(E_INVALIDARG, INetFwRules_Add(rs, nameless));
        INetFwRule_Release(nameless);
    }
    assert_hr(E_POINTER, INetFwRules_Add(rs, NULL));
    assert_int_equal(1, count_rules());

    /* An object got by Item writes through, and the added object sees it. */
    assert_hr(S_OK, INetFwRules_Item(rs, L"GAME SERVER", &item));
    assert_non_null(item);
    assert_bstr(L"C:\\Games\\server.exe", INetFwRule_get_ApplicationName(item, &s_));
    assert_hr(S_OK, INetFwRule_put_Enabled(item, VARIANT_FALSE));
    assert_non_null(wcsstr(only_value(), L"|Active=FALSE|"));
    assert_hr(S_OK, INetFwRule_get_Enabled(r, &b));
    assert_int_equal(VARIANT_FALSE, b);
    assert_hr(S_OK, INetFwRule_put_LocalPorts(r, L"8080"));
    assert_bstr(L"8080", INetFwRule_get_LocalPorts(item, &s_));

    /* Item of no rule, Remove of no rule (S_OK: nothing to remove), then Remove. */
    {
        INetFwRule *none = (void *)0x1;

        assert_hr(NOT_FOUND, INetFwRules_Item(rs, L"nobody", &none));
        assert_null(none);
    }
    assert_hr(E_POINTER, INetFwRules_Item(rs, L"Game server", NULL));
    {
        INetFwRule *unnamed = (void *)0x1;

        assert_hr(E_INVALIDARG, INetFwRules_Item(rs, NULL, &unnamed));
        assert_null(unnamed);
    }
    assert_hr(S_OK, INetFwRules_Remove(rs, L"nobody"));
    assert_int_equal(1, count_rules());
    assert_hr(S_OK, INetFwRules_Remove(rs, L"game server"));
    assert_int_equal(0, count_rules());
    assert_null(only_value());
    /* Its objects now say so, and change nothing. */
    assert_hr(GONE, INetFwRule_get_Enabled(item, &b));
    assert_hr(GONE, INetFwRule_put_Enabled(r, VARIANT_TRUE));
    assert_int_equal(0, count_rules());
    INetFwRule_Release(item);
    INetFwRule_Release(r);
    INetFwRules_Release(rs);
}

static void every_property_round_trips_through_the_store(void **state)
{
    INetFwRule *r = new_rule(L"All of it"), *item;
    INetFwRule3 *r3;
    INetFwRules *rs = rules();
    NET_FW_RULE_DIRECTION dir;
    NET_FW_ACTION act;
    LONG l;

    assert_hr(S_OK, INetFwRule_QueryInterface(r, &IID_INetFwRule3, (void **)&r3));
    assert_hr(S_OK, INetFwRule_put_Protocol(r, 58));
    assert_hr(S_OK, INetFwRule_put_IcmpTypesAndCodes(r, L"128:*,1:0"));
    assert_hr(S_OK, INetFwRule_put_LocalAddresses(r, L"fe80::1/64,10.0.0.0/8"));
    assert_hr(S_OK, INetFwRule_put_RemoteAddresses(r, L"DNS,2001:db8::1-2001:db8::9"));
    assert_hr(S_OK, INetFwRule_put_InterfaceTypes(r, L"wireless,RemoteAccess"));
    assert_hr(S_OK, INetFwRule_put_ServiceName(r, L"*"));
    assert_hr(S_OK, INetFwRule_put_Direction(r, NET_FW_RULE_DIR_OUT));
    assert_hr(S_OK, INetFwRule_put_Action(r, NET_FW_ACTION_BLOCK));
    assert_hr(S_OK, INetFwRule_put_Profiles(r, NET_FW_PROFILE2_DOMAIN));
    assert_hr(S_OK, INetFwRule3_put_SecureFlags(r3, 4));
    assert_hr(S_OK, INetFwRule3_put_LocalAppPackageId(r3, L"S-1-15-2-1"));
    assert_hr(S_OK, INetFwRule3_put_LocalUserOwner(r3, L"S-1-5-21-1"));
    assert_hr(S_OK, INetFwRule3_put_LocalUserAuthorizedList(r3, L"O:LSD:(A;;CC;;;S-1-5-21-2)"));
    assert_hr(S_OK, INetFwRule3_put_RemoteUserAuthorizedList(r3, L"O:LSD:(A;;CC;;;S-1-5-21-3)"));
    assert_hr(S_OK, INetFwRule3_put_RemoteMachineAuthorizedList(r3, L"O:LSD:(A;;CC;;;S-1-5-21-4)"));
    assert_hr(S_OK, INetFwRules_Add(rs, r));
    INetFwRule3_Release(r3);
    INetFwRule_Release(r);

    assert_hr(S_OK, INetFwRules_Item(rs, L"All of it", &item));
    assert_hr(S_OK, INetFwRule_QueryInterface(item, &IID_INetFwRule3, (void **)&r3));
    assert_bstr(L"128:*,1:0", INetFwRule_get_IcmpTypesAndCodes(item, &s_));
    assert_bstr(L"10.0.0.0/255.0.0.0,fe80::1/64", INetFwRule_get_LocalAddresses(item, &s_));
    assert_bstr(L"DNS,2001:db8::1-2001:db8::9", INetFwRule_get_RemoteAddresses(item, &s_));
    assert_bstr(L"Wireless,RemoteAccess", INetFwRule_get_InterfaceTypes(item, &s_));
    assert_bstr(L"*", INetFwRule_get_ServiceName(item, &s_));
    assert_hr(S_OK, INetFwRule_get_Protocol(item, &l));
    assert_int_equal(58, l);
    assert_hr(S_OK, INetFwRule_get_Direction(item, &dir));
    assert_int_equal(NET_FW_RULE_DIR_OUT, dir);
    assert_hr(S_OK, INetFwRule_get_Action(item, &act));
    assert_int_equal(NET_FW_ACTION_BLOCK, act);
    assert_hr(S_OK, INetFwRule_get_Profiles(item, &l));
    assert_int_equal(NET_FW_PROFILE2_DOMAIN, l);
    assert_hr(S_OK, INetFwRule3_get_SecureFlags(r3, &l));
    assert_int_equal(4, l);
    assert_bstr(L"S-1-15-2-1", INetFwRule3_get_LocalAppPackageId(r3, &s_));
    assert_bstr(L"S-1-5-21-1", INetFwRule3_get_LocalUserOwner(r3, &s_));
    assert_bstr(L"O:LSD:(A;;CC;;;S-1-5-21-2)", INetFwRule3_get_LocalUserAuthorizedList(r3, &s_));
    assert_bstr(L"O:LSD:(A;;CC;;;S-1-5-21-3)", INetFwRule3_get_RemoteUserAuthorizedList(r3, &s_));
    assert_bstr(L"O:LSD:(A;;CC;;;S-1-5-21-4)", INetFwRule3_get_RemoteMachineAuthorizedList(r3, &s_));
    /* Clearing with "*" and NULL. */
    assert_hr(S_OK, INetFwRule_put_RemoteAddresses(item, L"*"));
    assert_bstr(L"*", INetFwRule_get_RemoteAddresses(item, &s_));
    assert_hr(S_OK, INetFwRule_put_ServiceName(item, NULL));
    assert_bstr(NULL, INetFwRule_get_ServiceName(item, &s_));
    INetFwRule3_Release(r3);
    INetFwRule_Release(item);
    INetFwRules_Release(rs);
}

/* The friendly name of the namespace's first adapter. */
static BOOL first_adapter_name(WCHAR *name, size_t chars)
{
    IP_ADAPTER_ADDRESSES *list, *a;
    ULONG size = 64 * 1024;
    BOOL found = FALSE;

    list = malloc(size);
    assert_non_null(list);
    assert_int_equal(0, GetAdaptersAddresses(AF_UNSPEC, 0, NULL, list, &size));
    for (a = list; a && !found; a = a->Next)
        if (a->IfType != IF_TYPE_SOFTWARE_LOOPBACK)
        {
            lstrcpynW(name, a->FriendlyName, (int)chars);
            found = TRUE;
        }
    free(list);
    return found;
}

static void interfaces_are_names_of_the_hosts_connections(void **state)
{
    INetFwRule *r = new_rule(L"On one adapter");
    INetFwPolicy2 *p = policy();
    WCHAR name[256];
    SAFEARRAY *array;
    VARIANT v, item, out;
    LONG index = 0;

    assert_true(first_adapter_name(name, ARRAY_SIZE(name)));
    array = SafeArrayCreateVector(VT_VARIANT, 0, 1);
    V_VT(&item) = VT_BSTR;
    V_BSTR(&item) = SysAllocString(name);
    assert_hr(S_OK, SafeArrayPutElement(array, &index, &item));
    VariantClear(&item);
    V_VT(&v) = VT_ARRAY | VT_VARIANT;
    V_ARRAY(&v) = array;
    assert_hr(S_OK, INetFwRule_put_Interfaces(r, v));
    assert_hr(S_OK, INetFwRule_get_Interfaces(r, &out));
    assert_int_equal(VT_ARRAY | VT_VARIANT, V_VT(&out));
    assert_hr(S_OK, SafeArrayGetElement(V_ARRAY(&out), &index, &item));
    assert_int_equal(VT_BSTR, V_VT(&item));
    assert_true(!wcscmp(name, V_BSTR(&item)));
    VariantClear(&item);
    VariantClear(&out);

    /* The policy's excluded interfaces take the same. */
    assert_hr(S_OK, INetFwPolicy2_put_ExcludedInterfaces(p, NET_FW_PROFILE2_PUBLIC, v));
    assert_hr(S_OK, INetFwPolicy2_get_ExcludedInterfaces(p, NET_FW_PROFILE2_PUBLIC, &out));
    assert_int_equal(VT_ARRAY | VT_VARIANT, V_VT(&out));
    VariantClear(&out);

    /* A name the host has not, and what is no list of names, change nothing. */
    V_VT(&item) = VT_BSTR;
    V_BSTR(&item) = SysAllocString(L"no such adapter");
    assert_hr(S_OK, SafeArrayPutElement(array, &index, &item));
    VariantClear(&item);
    assert_hr(E_INVALIDARG, INetFwRule_put_Interfaces(r, v));
    assert_hr(E_INVALIDARG, INetFwPolicy2_put_ExcludedInterfaces(p, NET_FW_PROFILE2_PUBLIC, v));
    VariantClear(&v);
    V_VT(&v) = VT_I4;
    V_I4(&v) = 3;
    assert_hr(E_INVALIDARG, INetFwRule_put_Interfaces(r, v));
    assert_hr(S_OK, INetFwRule_get_Interfaces(r, &out));
    assert_int_equal(VT_ARRAY | VT_VARIANT, V_VT(&out));
    VariantClear(&out);
    /* VT_EMPTY clears. */
    V_VT(&v) = VT_EMPTY;
    assert_hr(S_OK, INetFwRule_put_Interfaces(r, v));
    assert_hr(S_OK, INetFwRule_get_Interfaces(r, &out));
    assert_int_equal(VT_EMPTY, V_VT(&out));
    assert_hr(S_OK, INetFwPolicy2_put_ExcludedInterfaces(p, NET_FW_PROFILE2_PUBLIC, v));
    assert_hr(S_OK, INetFwPolicy2_get_ExcludedInterfaces(p, NET_FW_PROFILE2_PUBLIC, &out));
    assert_int_equal(VT_EMPTY, V_VT(&out));
    INetFwPolicy2_Release(p);
    INetFwRule_Release(r);
}

static void add_named(const WCHAR *name, const WCHAR *group, LONG profiles, BOOL enabled)
{
    INetFwRules *rs = rules();
    INetFwRule *r = new_rule(name);

    if (group)
        assert_hr(S_OK, INetFwRule_put_Grouping(r, (BSTR)group));
    assert_hr(S_OK, INetFwRule_put_Profiles(r, profiles));
    assert_hr(S_OK, INetFwRule_put_Enabled(r, enabled ? VARIANT_TRUE : VARIANT_FALSE));
    assert_hr(S_OK, INetFwRules_Add(rs, r));
    INetFwRule_Release(r);
    INetFwRules_Release(rs);
}

static void the_rules_enumerate_as_dispatch_objects(void **state)
{
    INetFwRules *rs;
    IUnknown *unk = NULL;
    IEnumVARIANT *ev = NULL, *clone = NULL;
    VARIANT v[4];
    ULONG fetched = 0, i;
    BOOL seen[3] = {0};

    add_named(L"one", NULL, NET_FW_PROFILE2_ALL, TRUE);
    add_named(L"two", NULL, NET_FW_PROFILE2_ALL, TRUE);
    add_named(L"three", NULL, NET_FW_PROFILE2_ALL, TRUE);
    rs = rules();
    assert_hr(E_POINTER, INetFwRules_get__NewEnum(rs, NULL));
    assert_hr(E_POINTER, INetFwRules_get_Count(rs, NULL));
    assert_hr(S_OK, INetFwRules_get__NewEnum(rs, &unk));
    assert_hr(S_OK, IUnknown_QueryInterface(unk, &IID_IEnumVARIANT, (void **)&ev));
    assert_hr(S_OK, IEnumVARIANT_Clone(ev, &clone));
    assert_hr(S_FALSE, IEnumVARIANT_Next(ev, 4, v, &fetched));
    assert_int_equal(3, fetched);
    for (i = 0; i < fetched; i++)
    {
        INetFwRule *r = NULL;
        BSTR name = NULL;

        assert_int_equal(VT_DISPATCH, V_VT(&v[i]));
        assert_hr(S_OK, IDispatch_QueryInterface(V_DISPATCH(&v[i]), &IID_INetFwRule, (void **)&r));
        assert_hr(S_OK, INetFwRule_get_Name(r, &name));
        seen[0] |= !wcscmp(name, L"one");
        seen[1] |= !wcscmp(name, L"two");
        seen[2] |= !wcscmp(name, L"three");
        SysFreeString(name);
        INetFwRule_Release(r);
        VariantClear(&v[i]);
    }
    assert_true(seen[0] && seen[1] && seen[2]);
    /* A rule removed after the snapshot is skipped by its enumerators. */
    assert_hr(S_OK, INetFwRules_Remove(rs, L"two"));
    assert_hr(S_FALSE, IEnumVARIANT_Next(clone, 4, v, &fetched));
    assert_int_equal(2, fetched);
    for (i = 0; i < fetched; i++)
        VariantClear(&v[i]);
    /* Reset walks the rules as they are then: one added since is there (as Windows', whose
     * enumerator Wine's conformance test resets after an Add and expects to see it). */
    add_named(L"four", NULL, NET_FW_PROFILE2_ALL, TRUE);
    assert_hr(S_OK, IEnumVARIANT_Reset(ev));
    seen[0] = seen[1] = seen[2] = FALSE;
    assert_hr(S_FALSE, IEnumVARIANT_Next(ev, 4, v, &fetched));
    assert_int_equal(3, fetched);
    for (i = 0; i < fetched; i++)
    {
        INetFwRule *r = NULL;
        BSTR name = NULL;

        assert_hr(S_OK, IDispatch_QueryInterface(V_DISPATCH(&v[i]), &IID_INetFwRule, (void **)&r));
        assert_hr(S_OK, INetFwRule_get_Name(r, &name));
        seen[0] |= !wcscmp(name, L"four");
        seen[1] |= !wcscmp(name, L"two");
        SysFreeString(name);
        INetFwRule_Release(r);
        VariantClear(&v[i]);
    }
    assert_true(seen[0]);
    assert_false(seen[1]);
    /* A clone made after the Reset walks the same list from the same place. */
    IEnumVARIANT_Release(clone);
    assert_hr(S_OK, IEnumVARIANT_Reset(ev));
    assert_hr(S_OK, IEnumVARIANT_Next(ev, 1, v, &fetched));
    VariantClear(&v[0]);
    assert_hr(S_OK, IEnumVARIANT_Clone(ev, &clone));
    assert_hr(S_FALSE, IEnumVARIANT_Next(clone, 4, v, &fetched));
    assert_int_equal(2, fetched);
    for (i = 0; i < fetched; i++)
        VariantClear(&v[i]);
    IEnumVARIANT_Release(clone);
    IEnumVARIANT_Release(ev);
    IUnknown_Release(unk);
    INetFwRules_Release(rs);
}

static void rule_groups_are_enabled_per_profile(void **state)
{
    INetFwPolicy2 *p = policy();
    VARIANT_BOOL b = 7;

    add_named(L"g1", L"@app.dll,-1", NET_FW_PROFILE2_PRIVATE, FALSE);
    add_named(L"g2", L"@app.dll,-1", NET_FW_PROFILE2_PUBLIC, FALSE);
    add_named(L"other", L"Other", NET_FW_PROFILE2_ALL, FALSE);
    assert_hr(S_OK, INetFwPolicy2_IsRuleGroupEnabled(p, NET_FW_PROFILE2_ALL, L"@app.dll,-1", &b));
    assert_int_equal(VARIANT_FALSE, b);
    assert_hr(S_OK, INetFwPolicy2_EnableRuleGroup(p, NET_FW_PROFILE2_PRIVATE, L"@APP.dll,-1", VARIANT_TRUE));
    assert_hr(S_OK, INetFwPolicy2_IsRuleGroupEnabled(p, NET_FW_PROFILE2_PRIVATE, L"@app.dll,-1", &b));
    assert_int_equal(VARIANT_TRUE, b);
    assert_hr(S_OK, INetFwPolicy2_IsRuleGroupEnabled(p, NET_FW_PROFILE2_ALL, L"@app.dll,-1", &b));
    assert_int_equal(VARIANT_FALSE, b);
    /* The current profile is private. */
    assert_hr(S_OK, INetFwPolicy2_get_IsRuleGroupCurrentlyEnabled(p, L"@app.dll,-1", &b));
    assert_int_equal(VARIANT_TRUE, b);
    assert_hr(S_OK, INetFwPolicy2_EnableRuleGroup(p, NET_FW_PROFILE2_ALL, L"@app.dll,-1", VARIANT_TRUE));
    assert_hr(S_OK, INetFwPolicy2_IsRuleGroupEnabled(p, NET_FW_PROFILE2_ALL, L"@app.dll,-1", &b));
    assert_int_equal(VARIANT_TRUE, b);
    assert_hr(S_OK, INetFwPolicy2_IsRuleGroupEnabled(p, NET_FW_PROFILE2_ALL, L"Other", &b));
    assert_int_equal(VARIANT_FALSE, b);
    /* A group without rules: nothing to enable, and not enabled. */
    assert_hr(S_OK, INetFwPolicy2_EnableRuleGroup(p, NET_FW_PROFILE2_ALL, L"none", VARIANT_TRUE));
    assert_hr(S_OK, INetFwPolicy2_IsRuleGroupEnabled(p, NET_FW_PROFILE2_ALL, L"none", &b));
    assert_int_equal(VARIANT_FALSE, b);
    assert_hr(E_INVALIDARG, INetFwPolicy2_EnableRuleGroup(p, 0, L"Other", VARIANT_TRUE));
    assert_hr(E_INVALIDARG, INetFwPolicy2_EnableRuleGroup(p, NET_FW_PROFILE2_ALL, NULL, VARIANT_TRUE));
    assert_hr(E_INVALIDARG, INetFwPolicy2_IsRuleGroupEnabled(p, 16, L"Other", &b));
    assert_hr(E_POINTER, INetFwPolicy2_IsRuleGroupEnabled(p, NET_FW_PROFILE2_ALL, L"Other", NULL));
    assert_hr(E_POINTER, INetFwPolicy2_get_IsRuleGroupCurrentlyEnabled(p, L"Other", NULL));
    INetFwPolicy2_Release(p);
}

/* Values another tool wrote: a Windows rule with fields this version does not know is listed
 * and changed without losing them; a value that is no rule is left alone, by everything but
 * RestoreLocalFirewallDefaults. */
static void rules_written_by_others_are_kept_whole(void **state)
{
    static const WCHAR windows_rule[] = L"v2.30|Action=Allow|Active=TRUE|Dir=In|Protocol=6|LPort=3389|"
                                        L"Name=Remote Desktop|Platform=2:6:2|Platform2=GTEQ|";
    INetFwRules *rs = rules();
    INetFwPolicy2 *p;
    INetFwRule *r;
    WCHAR buf[1024];

    put_value(L"RemoteDesktop-UserMode-In-TCP", windows_rule);
    put_value(L"garbage", L"not a rule at all");
    assert_int_equal(1, count_rules());
    assert_hr(S_OK, INetFwRules_Item(rs, L"Remote Desktop", &r));
    assert_hr(S_OK, INetFwRule_put_Enabled(r, VARIANT_FALSE));
    assert_true(read_value(L"RemoteDesktop-UserMode-In-TCP", buf, sizeof(buf)));
    if (wcscmp(buf, L"v2.10|Action=Allow|Active=FALSE|Dir=In|Protocol=6|LPort=3389|Name=Remote Desktop|"
                    L"Platform=2:6:2|Platform2=GTEQ|"))
        fail_msg("rewritten as %ls", buf);
    INetFwRule_Release(r);
    /* Remove and groups never touch the value that is no rule. */
    assert_hr(S_OK, INetFwRules_Remove(rs, L"Remote Desktop"));
    assert_int_equal(0, count_rules());
    assert_true(read_value(L"garbage", buf, sizeof(buf)));
    assert_true(!wcscmp(buf, L"not a rule at all"));
    p = policy();
    assert_hr(S_OK, INetFwPolicy2_RestoreLocalFirewallDefaults(p));
    assert_false(read_value(L"garbage", buf, sizeof(buf)));
    INetFwPolicy2_Release(p);
    INetFwRules_Release(rs);
}

/* An INetFwRule this DLL did not make: refused before any call is made on it. */
static HRESULT WINAPI liar_QueryInterface(INetFwRule *iface, REFIID riid, void **out)
{
    fail_msg("the DLL called the foreign rule's QueryInterface");
    return E_NOINTERFACE;
}

static ULONG WINAPI liar_AddRef(INetFwRule *iface)
{
    fail_msg("the DLL called the foreign rule's AddRef");
    return 2;
}

static ULONG WINAPI liar_Release(INetFwRule *iface)
{
    fail_msg("the DLL called the foreign rule's Release");
    return 1;
}

static void a_rule_object_of_another_implementation_is_refused(void **state)
{
    static void *slots[64];
    INetFwRule liar = {(INetFwRuleVtbl *)slots};
    INetFwRules *rs = rules();
    unsigned i;

    /* Every other slot is NULL: a call would crash the test. */
    for (i = 0; i < ARRAY_SIZE(slots); i++)
        slots[i] = NULL;
    slots[0] = liar_QueryInterface;
    slots[1] = liar_AddRef;
    slots[2] = liar_Release;
    assert_hr(E_INVALIDARG, INetFwRules_Add(rs, &liar));
    assert_int_equal(0, count_rules());
    INetFwRules_Release(rs);
}

/* ---- processes ---- */

#define CHILD_RULES 25

/* Adds CHILD_RULES rules named "<tag>-<n>"; exit code 0, or 255 on any failure. */
static int add_child_main(const char *tag)
{
    INetFwPolicy2 *p = NULL;
    INetFwRules *rs = NULL;
    int i;

    if (FAILED(CoInitializeEx(NULL, COINIT_MULTITHREADED)) ||
        FAILED(CoCreateInstance(&CLSID_NetFwPolicy2, NULL, CLSCTX_INPROC_SERVER, &IID_INetFwPolicy2, (void **)&p)) ||
        FAILED(INetFwPolicy2_get_Rules(p, &rs)))
        return 255;
    for (i = 0; i < CHILD_RULES; i++)
    {
        WCHAR name[64];
        INetFwRule *r = NULL;

        swprintf(name, ARRAY_SIZE(name), L"%hs-%d", tag, i);
        if (FAILED(CoCreateInstance(&CLSID_NetFwRule, NULL, CLSCTX_INPROC_SERVER, &IID_INetFwRule, (void **)&r)) ||
            FAILED(INetFwRule_put_Name(r, name)) || FAILED(INetFwRule_put_Protocol(r, 17)) ||
            FAILED(INetFwRule_put_LocalPorts(r, L"5000")) || FAILED(INetFwRules_Add(rs, r)))
            return 255;
        INetFwRule_Release(r);
    }
    INetFwRules_Release(rs);
    INetFwPolicy2_Release(p);
    CoUninitialize();
    return 0;
}

/* Changes one field of the rule "shared" FIELD_ROUNDS times, last to "100<n>299" (the port: 10299);
 * 255 on failure. */
#define FIELD_ROUNDS 300
static int field_child_main(int field)
{
    INetFwPolicy2 *p = NULL;
    INetFwRules *rs = NULL;
    INetFwRule *r = NULL;
    HANDLE go = OpenEventW(SYNCHRONIZE, FALSE, L"ohn-test-fw-go");
    HANDLE ready = OpenSemaphoreW(SEMAPHORE_MODIFY_STATE, FALSE, L"ohn-test-fw-ready");
    int i;

    if (!go || !ready || FAILED(CoInitializeEx(NULL, COINIT_MULTITHREADED)) ||
        FAILED(CoCreateInstance(&CLSID_NetFwPolicy2, NULL, CLSCTX_INPROC_SERVER, &IID_INetFwPolicy2, (void **)&p)) ||
        FAILED(INetFwPolicy2_get_Rules(p, &rs)) || FAILED(INetFwRules_Item(rs, L"shared", &r)))
        return 255;
    ReleaseSemaphore(ready, 1, NULL);
    if (WaitForSingleObject(go, 60000) != WAIT_OBJECT_0)
        return 255;
    for (i = 0; i < FIELD_ROUNDS; i++)
    {
        WCHAR value[32];
        HRESULT hr;

        if (field == 1)
            swprintf(value, ARRAY_SIZE(value), L"%d", 10000 + i); /* a port */
        else
            swprintf(value, ARRAY_SIZE(value), L"%d%d", 1000 + field, i);
        switch (field)
        {
        case 0: hr = INetFwRule_put_Description(r, value); break;
        case 1: hr = INetFwRule_put_LocalPorts(r, value); break;
        case 2: hr = INetFwRule_put_Grouping(r, value); break;
        default: hr = INetFwRule_put_ApplicationName(r, value); break;
        }
        if (FAILED(hr))
            return 255;
    }
    INetFwRule_Release(r);
    INetFwRules_Release(rs);
    INetFwPolicy2_Release(p);
    CoUninitialize();
    return 0;
}

static void wait_child(PROCESS_INFORMATION pi)
{
    DWORD code = 255;

    assert_int_equal(WAIT_OBJECT_0, WaitForSingleObject(pi.hProcess, 120000));
    assert_true(GetExitCodeProcess(pi.hProcess, &code));
    assert_int_equal(0, code);
    CloseHandle(pi.hProcess);
    CloseHandle(pi.hThread);
}

/* Two processes of each architecture add at once: every rule is there, each once. */
static void processes_of_both_architectures_adding_at_once_lose_nothing(void **state)
{
    PROCESS_INFORMATION pi[4];
    INetFwRules *rs;
    int i;

    pi[0] = test_spawn_self(L"add a");
    pi[1] = test_spawn_self(L"add b");
    pi[2] = test_spawn_peer(L"add c");
    pi[3] = test_spawn_peer(L"add d");
    for (i = 0; i < 4; i++)
        wait_child(pi[i]);
    assert_int_equal(4 * CHILD_RULES, count_rules());
    rs = rules();
    for (i = 0; i < 4 * CHILD_RULES; i++)
    {
        WCHAR name[64];
        INetFwRule *r = NULL;

        swprintf(name, ARRAY_SIZE(name), L"%c-%d", 'a' + i / CHILD_RULES, i % CHILD_RULES);
        assert_hr(S_OK, INetFwRules_Item(rs, name, &r));
        assert_bstr(L"5000", INetFwRule_get_LocalPorts(r, &s_));
        INetFwRule_Release(r);
    }
    INetFwRules_Release(rs);
}

/* Four processes (two of each architecture) change four fields of one stored rule at once:
 * each field ends as its writer last set it, so no write undid another's. */
static void concurrent_puts_on_one_rule_lose_nothing(void **state)
{
    HANDLE go = CreateEventW(NULL, TRUE, FALSE, L"ohn-test-fw-go");
    HANDLE ready = CreateSemaphoreW(NULL, 0, 4, L"ohn-test-fw-ready");
    PROCESS_INFORMATION pi[4];
    INetFwRule *r = new_rule(L"shared");
    INetFwRules *rs = rules();
    int i;

    assert_non_null(go);
    assert_non_null(ready);
    assert_hr(S_OK, INetFwRule_put_Protocol(r, 6));
    assert_hr(S_OK, INetFwRules_Add(rs, r));
    pi[0] = test_spawn_self(L"field 0");
    pi[1] = test_spawn_peer(L"field 1");
    pi[2] = test_spawn_self(L"field 2");
    pi[3] = test_spawn_peer(L"field 3");
    for (i = 0; i < 4; i++) /* all four have the rule and wait */
        assert_int_equal(WAIT_OBJECT_0, WaitForSingleObject(ready, 60000));
    SetEvent(go);
    for (i = 0; i < 4; i++)
        wait_child(pi[i]);
    assert_bstr(L"1000299", INetFwRule_get_Description(r, &s_));
    assert_bstr(L"10299", INetFwRule_get_LocalPorts(r, &s_));
    assert_bstr(L"1002299", INetFwRule_get_Grouping(r, &s_));
    assert_bstr(L"1003299", INetFwRule_get_ApplicationName(r, &s_));
    CloseHandle(ready);
    CloseHandle(go);
    INetFwRule_Release(r);
    INetFwRules_Release(rs);
}


/* ---- the Windows XP interfaces (HNetCfg.FwMgr) ---- */

static INetFwMgr *mgr(void)
{
    INetFwMgr *m = NULL;

    assert_hr(S_OK, CoCreateInstance(&CLSID_NetFwMgr, NULL, CLSCTX_INPROC_SERVER, &IID_INetFwMgr, (void **)&m));
    assert_non_null(m);
    return m;
}

static INetFwProfile *profile_of(NET_FW_PROFILE_TYPE type)
{
    INetFwMgr *m = mgr();
    INetFwPolicy *p = NULL;
    INetFwProfile *profile = NULL;

    assert_hr(S_OK, INetFwMgr_get_LocalPolicy(m, &p));
    if (type == NET_FW_PROFILE_CURRENT)
        assert_hr(S_OK, INetFwPolicy_get_CurrentProfile(p, &profile));
    else
        assert_hr(S_OK, INetFwPolicy_GetProfileByType(p, type, &profile));
    INetFwPolicy_Release(p);
    INetFwMgr_Release(m);
    return profile;
}

static INetFwAuthorizedApplications *apps_of(NET_FW_PROFILE_TYPE type)
{
    INetFwProfile *profile = profile_of(type);
    INetFwAuthorizedApplications *apps = NULL;

    assert_hr(S_OK, INetFwProfile_get_AuthorizedApplications(profile, &apps));
    INetFwProfile_Release(profile);
    return apps;
}

static INetFwOpenPorts *ports_of(NET_FW_PROFILE_TYPE type)
{
    INetFwProfile *profile = profile_of(type);
    INetFwOpenPorts *ports = NULL;

    assert_hr(S_OK, INetFwProfile_get_GloballyOpenPorts(profile, &ports));
    INetFwProfile_Release(profile);
    return ports;
}

static INetFwAuthorizedApplication *new_app(const WCHAR *name, const WCHAR *path)
{
    INetFwAuthorizedApplication *a = NULL;

    assert_hr(S_OK, CoCreateInstance(&CLSID_NetFwAuthorizedApplication, NULL, CLSCTX_INPROC_SERVER,
                                     &IID_INetFwAuthorizedApplication, (void **)&a));
    if (name)
        assert_hr(S_OK, INetFwAuthorizedApplication_put_Name(a, (BSTR)name));
    if (path)
        assert_hr(S_OK, INetFwAuthorizedApplication_put_ProcessImageFileName(a, (BSTR)path));
    return a;
}

static INetFwOpenPort *new_port(const WCHAR *name, LONG port, NET_FW_IP_PROTOCOL protocol)
{
    INetFwOpenPort *p = NULL;

    assert_hr(S_OK, CoCreateInstance(&CLSID_NetFwOpenPort, NULL, CLSCTX_INPROC_SERVER, &IID_INetFwOpenPort,
                                     (void **)&p));
    if (name)
        assert_hr(S_OK, INetFwOpenPort_put_Name(p, (BSTR)name));
    if (port)
        assert_hr(S_OK, INetFwOpenPort_put_Port(p, port));
    assert_hr(S_OK, INetFwOpenPort_put_Protocol(p, protocol));
    return p;
}

static LONG count_apps(NET_FW_PROFILE_TYPE type)
{
    INetFwAuthorizedApplications *apps = apps_of(type);
    LONG n = -1;

    assert_hr(S_OK, INetFwAuthorizedApplications_get_Count(apps, &n));
    INetFwAuthorizedApplications_Release(apps);
    return n;
}

static void port_allowed(LONG port, NET_FW_IP_PROTOCOL protocol, const WCHAR *app, VARIANT_BOOL want,
                         VARIANT_BOOL want_restricted)
{
    INetFwMgr *m = mgr();
    VARIANT allowed, restricted;

    assert_hr(S_OK, INetFwMgr_IsPortAllowed(m, (BSTR)app, NET_FW_IP_VERSION_ANY, port, NULL, protocol, &allowed,
                                            &restricted));
    assert_int_equal(VT_BOOL, V_VT(&allowed));
    assert_int_equal(VT_BOOL, V_VT(&restricted));
    if (V_BOOL(&allowed) != want || V_BOOL(&restricted) != want_restricted)
        fail_msg("IsPortAllowed(%ld/%d): %d %d, expected %d %d", port, protocol, V_BOOL(&allowed),
                 V_BOOL(&restricted), want, want_restricted);
    INetFwMgr_Release(m);
}

static void the_xp_profiles_are_the_policy2_profiles(void **state)
{
    INetFwMgr *m = mgr();
    INetFwPolicy *p = NULL;
    INetFwPolicy2 *p2 = policy();
    INetFwProfile *profile = NULL, *domain;
    NET_FW_PROFILE_TYPE type = 7;
    VARIANT_BOOL b = 7;

    assert_hr(S_OK, INetFwMgr_get_CurrentProfileType(m, &type));
    assert_int_equal(NET_FW_PROFILE_STANDARD, type);
    assert_hr(S_OK, INetFwMgr_get_LocalPolicy(m, &p));
    assert_hr(E_INVALIDARG, INetFwPolicy_GetProfileByType(p, NET_FW_PROFILE_TYPE_MAX, &profile));
    assert_null(profile);
    assert_hr(E_POINTER, INetFwPolicy_GetProfileByType(p, NET_FW_PROFILE_DOMAIN, NULL));
    assert_hr(E_POINTER, INetFwPolicy_get_CurrentProfile(p, NULL));
    assert_hr(E_POINTER, INetFwMgr_get_LocalPolicy(m, NULL));
    assert_hr(E_POINTER, INetFwMgr_get_CurrentProfileType(m, NULL));
    assert_hr(S_OK, INetFwPolicy_get_CurrentProfile(p, &profile));
    assert_hr(S_OK, INetFwProfile_get_Type(profile, &type));
    assert_int_equal(NET_FW_PROFILE_STANDARD, type);
    assert_hr(S_OK, INetFwProfile_get_FirewallEnabled(profile, &b));
    assert_int_equal(VARIANT_TRUE, b);
    /* Standard is the private profile of INetFwPolicy2. */
    assert_hr(S_OK, INetFwProfile_put_FirewallEnabled(profile, VARIANT_FALSE));
    assert_hr(S_OK, INetFwPolicy2_get_FirewallEnabled(p2, NET_FW_PROFILE2_PRIVATE, &b));
    assert_int_equal(VARIANT_FALSE, b);
    assert_hr(S_OK, INetFwPolicy2_get_FirewallEnabled(p2, NET_FW_PROFILE2_DOMAIN, &b));
    assert_int_equal(VARIANT_TRUE, b);
    assert_hr(S_OK, INetFwProfile_put_ExceptionsNotAllowed(profile, VARIANT_TRUE));
    assert_hr(S_OK, INetFwPolicy2_get_BlockAllInboundTraffic(p2, NET_FW_PROFILE2_PRIVATE, &b));
    assert_int_equal(VARIANT_TRUE, b);
    assert_hr(S_OK, INetFwProfile_put_NotificationsDisabled(profile, VARIANT_TRUE));
    assert_hr(S_OK, INetFwPolicy2_get_NotificationsDisabled(p2, NET_FW_PROFILE2_PRIVATE, &b));
    assert_int_equal(VARIANT_TRUE, b);
    assert_hr(S_OK, INetFwProfile_get_UnicastResponsesToMulticastBroadcastDisabled(profile, &b));
    assert_int_equal(VARIANT_FALSE, b);
    assert_hr(E_POINTER, INetFwProfile_get_FirewallEnabled(profile, NULL));
    assert_hr(E_POINTER, INetFwProfile_get_Type(profile, NULL));
    assert_hr(E_POINTER, INetFwProfile_get_AuthorizedApplications(profile, NULL));
    assert_hr(E_POINTER, INetFwProfile_get_GloballyOpenPorts(profile, NULL));
    assert_hr(E_POINTER, INetFwProfile_get_Services(profile, NULL));
    assert_hr(E_POINTER, INetFwProfile_get_IcmpSettings(profile, NULL));
    assert_hr(E_POINTER, INetFwProfile_get_RemoteAdminSettings(profile, NULL));
    domain = profile_of(NET_FW_PROFILE_DOMAIN);
    assert_hr(S_OK, INetFwProfile_get_Type(domain, &type));
    assert_int_equal(NET_FW_PROFILE_DOMAIN, type);
    assert_hr(S_OK, INetFwProfile_get_FirewallEnabled(domain, &b));
    assert_int_equal(VARIANT_TRUE, b);
    /* RestoreDefaults puts it all back. */
    assert_hr(S_OK, INetFwMgr_RestoreDefaults(m));
    assert_hr(S_OK, INetFwProfile_get_FirewallEnabled(profile, &b));
    assert_int_equal(VARIANT_TRUE, b);
    assert_hr(S_OK, INetFwProfile_get_ExceptionsNotAllowed(profile, &b));
    assert_int_equal(VARIANT_FALSE, b);
    INetFwProfile_Release(domain);
    INetFwProfile_Release(profile);
    INetFwPolicy_Release(p);
    INetFwPolicy2_Release(p2);
    INetFwMgr_Release(m);
}

static void an_authorized_application_is_a_rule(void **state)
{
    static const WCHAR path[] = L"C:\\Program Files\\Launcher\\launcher.exe";
    INetFwAuthorizedApplications *apps = apps_of(NET_FW_PROFILE_CURRENT), *domain_apps;
    INetFwAuthorizedApplication *app = new_app(L"Launcher", path), *item = NULL, *again;
    INetFwRules *rs = rules();
    INetFwRule *rule = NULL;
    NET_FW_SCOPE scope = 7;
    NET_FW_IP_VERSION version = 7;
    VARIANT_BOOL b = 7;
    LONG l;

    /* A new object: enabled, every address, IPv4 and IPv6. */
    assert_hr(S_OK, INetFwAuthorizedApplication_get_Enabled(app, &b));
    assert_int_equal(VARIANT_TRUE, b);
    assert_hr(S_OK, INetFwAuthorizedApplication_get_Scope(app, &scope));
    assert_int_equal(NET_FW_SCOPE_ALL, scope);
    assert_hr(S_OK, INetFwAuthorizedApplication_get_IpVersion(app, &version));
    assert_int_equal(NET_FW_IP_VERSION_ANY, version);
    assert_bstr(L"*", INetFwAuthorizedApplication_get_RemoteAddresses(app, &s_));
    /* What is refused changes nothing. */
    assert_hr(E_INVALIDARG, INetFwAuthorizedApplication_put_IpVersion(app, NET_FW_IP_VERSION_V4));
    assert_hr(E_INVALIDARG, INetFwAuthorizedApplication_put_Scope(app, NET_FW_SCOPE_CUSTOM));
    assert_hr(E_INVALIDARG, INetFwAuthorizedApplication_put_Scope(app, NET_FW_SCOPE_MAX));
    assert_hr(E_INVALIDARG, INetFwAuthorizedApplication_put_Name(app, L""));
    assert_hr(E_INVALIDARG, INetFwAuthorizedApplication_put_ProcessImageFileName(app, NULL));
    assert_hr(E_INVALIDARG, INetFwAuthorizedApplication_put_RemoteAddresses(app, L"10.0.0.300"));
    assert_hr(E_POINTER, INetFwAuthorizedApplication_get_Name(app, NULL));
    assert_hr(E_POINTER, INetFwAuthorizedApplication_get_Scope(app, NULL));
    assert_hr(E_POINTER, INetFwAuthorizedApplications_Add(apps, NULL));
    assert_hr(E_POINTER, INetFwAuthorizedApplications_get_Count(apps, NULL));
    assert_hr(S_OK, INetFwAuthorizedApplication_put_RemoteAddresses(app, L"localsubnet"));
    assert_hr(S_OK, INetFwAuthorizedApplication_get_Scope(app, &scope));
    assert_int_equal(NET_FW_SCOPE_LOCAL_SUBNET, scope);

    assert_hr(S_OK, INetFwAuthorizedApplications_Add(apps, app));
    assert_int_equal(1, count_apps(NET_FW_PROFILE_STANDARD));
    assert_int_equal(0, count_apps(NET_FW_PROFILE_DOMAIN));
    /* It is a rule of the private profile, as INetFwRules lists it. */
    assert_int_equal(1, count_rules());
    assert_hr(S_OK, INetFwRules_Item(rs, L"Launcher", &rule));
    assert_bstr(path, INetFwRule_get_ApplicationName(rule, &s_));
    assert_bstr(L"LocalSubnet", INetFwRule_get_RemoteAddresses(rule, &s_));
    assert_hr(S_OK, INetFwRule_get_Profiles(rule, &l));
    assert_int_equal(NET_FW_PROFILE2_PRIVATE, l);
    assert_hr(S_OK, INetFwRule_get_Enabled(rule, &b));
    assert_int_equal(VARIANT_TRUE, b);
    /* And the other way round: a put on the rule shows in the list. */
    assert_hr(S_OK, INetFwRule_put_Enabled(rule, VARIANT_FALSE));
    assert_hr(S_OK, INetFwAuthorizedApplications_Item(apps, L"c:\\program files\\launcher\\LAUNCHER.EXE", &item));
    assert_hr(S_OK, INetFwAuthorizedApplication_get_Enabled(item, &b));
    assert_int_equal(VARIANT_FALSE, b);
    /* Added again (a launcher's next start): the same rule, changed. */
    again = new_app(L"Launcher 2", path);
    assert_hr(S_OK, INetFwAuthorizedApplications_Add(apps, again));
    assert_int_equal(1, count_apps(NET_FW_PROFILE_STANDARD));
    assert_int_equal(1, count_rules());
    assert_bstr(L"Launcher 2", INetFwAuthorizedApplication_get_Name(item, &s_));
    assert_hr(S_OK, INetFwAuthorizedApplication_get_Enabled(item, &b));
    assert_int_equal(VARIANT_TRUE, b);
    /* In the domain profile too: one rule of both profiles. */
    domain_apps = apps_of(NET_FW_PROFILE_DOMAIN);
    assert_hr(S_OK, INetFwAuthorizedApplications_Add(domain_apps, again));
    assert_int_equal(1, count_rules());
    assert_int_equal(1, count_apps(NET_FW_PROFILE_DOMAIN));
    assert_hr(S_OK, INetFwRule_get_Profiles(rule, &l));
    assert_int_equal(NET_FW_PROFILE2_PRIVATE | NET_FW_PROFILE2_DOMAIN, l);
    /* Removed from one profile, it stays in the other; from the last, the rule goes. */
    assert_hr(S_OK, INetFwAuthorizedApplications_Remove(apps, (BSTR)path));
    assert_int_equal(0, count_apps(NET_FW_PROFILE_STANDARD));
    assert_int_equal(1, count_apps(NET_FW_PROFILE_DOMAIN));
    assert_hr(S_OK, INetFwAuthorizedApplications_Remove(domain_apps, (BSTR)path));
    assert_int_equal(0, count_rules());
    assert_hr(S_OK, INetFwAuthorizedApplications_Remove(domain_apps, (BSTR)path)); /* nothing to remove */
    assert_hr(E_INVALIDARG, INetFwAuthorizedApplications_Remove(domain_apps, NULL));
    {
        INetFwAuthorizedApplication *none = (void *)0x1;

        assert_hr(NOT_FOUND, INetFwAuthorizedApplications_Item(apps, (BSTR)path, &none));
        assert_null(none);
    }
    /* A nameless application, and one without a path, are refused. */
    {
        INetFwAuthorizedApplication *nameless = new_app(NULL, path), *pathless = new_app(L"x", NULL);

        assert_hr(E_INVALIDARG, INetFwAuthorizedApplications_Add(apps, nameless));
        assert_hr(E_INVALIDARG, INetFwAuthorizedApplications_Add(apps, pathless));
        INetFwAuthorizedApplication_Release(pathless);
        INetFwAuthorizedApplication_Release(nameless);
    }
    /* A rule of that shape added through INetFwRules is an authorized application. */
    {
        INetFwRule *r = new_rule(L"From rules");
        IUnknown *unk = NULL;
        IEnumVARIANT *ev = NULL;
        VARIANT v;
        ULONG fetched = 0;

        assert_hr(S_OK, INetFwRule_put_ApplicationName(r, L"C:\\other.exe"));
        assert_hr(S_OK, INetFwRule_put_Profiles(r, NET_FW_PROFILE2_PRIVATE));
        assert_hr(S_OK, INetFwRules_Add(rs, r));
        assert_int_equal(1, count_apps(NET_FW_PROFILE_STANDARD));
        assert_hr(S_OK, INetFwAuthorizedApplications_get__NewEnum(apps, &unk));
        assert_hr(S_OK, IUnknown_QueryInterface(unk, &IID_IEnumVARIANT, (void **)&ev));
        assert_hr(S_OK, IEnumVARIANT_Next(ev, 1, &v, &fetched));
        assert_int_equal(VT_DISPATCH, V_VT(&v));
        {
            INetFwAuthorizedApplication *a = NULL;

            assert_hr(S_OK, IDispatch_QueryInterface(V_DISPATCH(&v), &IID_INetFwAuthorizedApplication, (void **)&a));
            assert_bstr(L"C:\\other.exe", INetFwAuthorizedApplication_get_ProcessImageFileName(a, &s_));
            INetFwAuthorizedApplication_Release(a);
        }
        VariantClear(&v);
        IEnumVARIANT_Release(ev);
        IUnknown_Release(unk);
        INetFwRule_Release(r);
    }
    INetFwAuthorizedApplications_Release(domain_apps);
    INetFwAuthorizedApplication_Release(again);
    INetFwAuthorizedApplication_Release(item);
    INetFwAuthorizedApplication_Release(app);
    INetFwRule_Release(rule);
    INetFwRules_Release(rs);
    INetFwAuthorizedApplications_Release(apps);
}

static void an_open_port_is_a_rule_and_is_port_allowed_answers_from_the_store(void **state)
{
    INetFwOpenPorts *ports = ports_of(NET_FW_PROFILE_CURRENT);
    INetFwOpenPort *port = new_port(L"Voice", 3478, NET_FW_IP_PROTOCOL_UDP), *item = NULL;
    INetFwProfile *profile = profile_of(NET_FW_PROFILE_CURRENT);
    INetFwRules *rs = rules();
    INetFwRule *rule = NULL;
    NET_FW_IP_PROTOCOL protocol = 0;
    VARIANT_BOOL b = 7;
    LONG l = 0, n = -1;

    assert_hr(E_INVALIDARG, INetFwOpenPort_put_Protocol(port, 1));
    assert_hr(E_INVALIDARG, INetFwOpenPort_put_Port(port, 0));
    assert_hr(E_INVALIDARG, INetFwOpenPort_put_Port(port, 65536));
    assert_hr(S_OK, INetFwOpenPort_get_Port(port, &l));
    assert_int_equal(3478, l);
    assert_hr(S_OK, INetFwOpenPort_get_BuiltIn(port, &b));
    assert_int_equal(VARIANT_FALSE, b);
    assert_hr(E_POINTER, INetFwOpenPort_get_Port(port, NULL));
    assert_hr(E_POINTER, INetFwOpenPort_get_Protocol(port, NULL));

    /* Nothing open yet: the firewall is on and blocks inbound. */
    port_allowed(3478, NET_FW_IP_PROTOCOL_UDP, NULL, VARIANT_FALSE, VARIANT_FALSE);
    assert_hr(S_OK, INetFwOpenPorts_Add(ports, port));
    assert_hr(S_OK, INetFwOpenPorts_get_Count(ports, &n));
    assert_int_equal(1, n);
    port_allowed(3478, NET_FW_IP_PROTOCOL_UDP, NULL, VARIANT_TRUE, VARIANT_FALSE);
    port_allowed(3478, NET_FW_IP_PROTOCOL_TCP, NULL, VARIANT_FALSE, VARIANT_FALSE);
    port_allowed(3479, NET_FW_IP_PROTOCOL_UDP, NULL, VARIANT_FALSE, VARIANT_FALSE);
    /* The rule INetFwRules lists. */
    assert_hr(S_OK, INetFwRules_Item(rs, L"Voice", &rule));
    assert_bstr(L"3478", INetFwRule_get_LocalPorts(rule, &s_));
    assert_hr(S_OK, INetFwRule_get_Protocol(rule, &l));
    assert_int_equal(17, l);
    assert_hr(S_OK, INetFwOpenPorts_Item(ports, 3478, NET_FW_IP_PROTOCOL_UDP, &item));
    assert_hr(S_OK, INetFwOpenPort_get_Protocol(item, &protocol));
    assert_int_equal(NET_FW_IP_PROTOCOL_UDP, protocol);
    /* Limited to the local subnet: allowed, restricted. */
    assert_hr(S_OK, INetFwOpenPort_put_Scope(item, NET_FW_SCOPE_LOCAL_SUBNET));
    port_allowed(3478, NET_FW_IP_PROTOCOL_UDP, NULL, VARIANT_TRUE, VARIANT_TRUE);
    /* Disabled through the rule: no longer allowed. */
    assert_hr(S_OK, INetFwRule_put_Enabled(rule, VARIANT_FALSE));
    port_allowed(3478, NET_FW_IP_PROTOCOL_UDP, NULL, VARIANT_FALSE, VARIANT_FALSE);
    /* A block rule wins over an allow rule; the firewall off allows everything. */
    assert_hr(S_OK, INetFwRule_put_Enabled(rule, VARIANT_TRUE));
    {
        INetFwRule *block = new_rule(L"Block voice");

        assert_hr(S_OK, INetFwRule_put_Protocol(block, 17));
        assert_hr(S_OK, INetFwRule_put_LocalPorts(block, L"3000-4000"));
        assert_hr(S_OK, INetFwRule_put_Action(block, NET_FW_ACTION_BLOCK));
        assert_hr(S_OK, INetFwRule_put_Enabled(block, VARIANT_TRUE));
        assert_hr(S_OK, INetFwRules_Add(rs, block));
        port_allowed(3478, NET_FW_IP_PROTOCOL_UDP, NULL, VARIANT_FALSE, VARIANT_FALSE);
        assert_hr(S_OK, INetFwRules_Remove(rs, L"Block voice"));
        INetFwRule_Release(block);
    }
    assert_hr(S_OK, INetFwProfile_put_FirewallEnabled(profile, VARIANT_FALSE));
    port_allowed(9999, NET_FW_IP_PROTOCOL_TCP, NULL, VARIANT_TRUE, VARIANT_FALSE);
    assert_hr(S_OK, INetFwProfile_put_FirewallEnabled(profile, VARIANT_TRUE));
    /* An application's rule lets that application in, on any port. */
    {
        INetFwAuthorizedApplications *apps = apps_of(NET_FW_PROFILE_CURRENT);
        INetFwAuthorizedApplication *app = new_app(L"Game", L"C:\\game.exe");

        assert_hr(S_OK, INetFwAuthorizedApplications_Add(apps, app));
        port_allowed(27015, NET_FW_IP_PROTOCOL_TCP, L"C:\\GAME.exe", VARIANT_TRUE, VARIANT_FALSE);
        port_allowed(27015, NET_FW_IP_PROTOCOL_TCP, L"C:\\other.exe", VARIANT_FALSE, VARIANT_FALSE);
        port_allowed(27015, NET_FW_IP_PROTOCOL_TCP, NULL, VARIANT_FALSE, VARIANT_FALSE);
        INetFwAuthorizedApplication_Release(app);
        INetFwAuthorizedApplications_Release(apps);
    }
    /* Bad input. */
    {
        INetFwMgr *m = mgr();
        VARIANT a, r;

        assert_hr(E_INVALIDARG, INetFwMgr_IsPortAllowed(m, NULL, NET_FW_IP_VERSION_ANY, 0, NULL,
                                                        NET_FW_IP_PROTOCOL_TCP, &a, &r));
        assert_hr(E_INVALIDARG, INetFwMgr_IsPortAllowed(m, NULL, NET_FW_IP_VERSION_ANY, 80, NULL, 1, &a, &r));
        assert_hr(E_INVALIDARG, INetFwMgr_IsPortAllowed(m, NULL, NET_FW_IP_VERSION_MAX, 80, NULL,
                                                        NET_FW_IP_PROTOCOL_TCP, &a, &r));
        assert_hr(E_INVALIDARG, INetFwMgr_IsPortAllowed(m, NULL, NET_FW_IP_VERSION_V4, 80, L"not an address",
                                                        NET_FW_IP_PROTOCOL_TCP, &a, &r));
        assert_hr(E_POINTER, INetFwMgr_IsPortAllowed(m, NULL, NET_FW_IP_VERSION_ANY, 80, NULL, NET_FW_IP_PROTOCOL_TCP,
                                                     NULL, &r));
        assert_hr(E_POINTER, INetFwMgr_IsIcmpTypeAllowed(m, NET_FW_IP_VERSION_V4, NULL, 8, &a, NULL));
        INetFwMgr_Release(m);
    }
    /* Remove: the rule goes. */
    assert_hr(E_INVALIDARG, INetFwOpenPorts_Remove(ports, 3478, 1));
    assert_hr(S_OK, INetFwOpenPorts_Remove(ports, 3478, NET_FW_IP_PROTOCOL_UDP));
    {
        INetFwRule *gone = (void *)0x1;

        assert_hr(NOT_FOUND, INetFwRules_Item(rs, L"Voice", &gone));
        assert_null(gone);
    }
    {
        INetFwOpenPort *none = (void *)0x1;

        assert_hr(NOT_FOUND, INetFwOpenPorts_Item(ports, 3478, NET_FW_IP_PROTOCOL_UDP, &none));
        assert_null(none);
        assert_hr(E_INVALIDARG, INetFwOpenPorts_Item(ports, 0, NET_FW_IP_PROTOCOL_UDP, &none));
    }
    INetFwOpenPort_Release(item);
    INetFwOpenPort_Release(port);
    INetFwRule_Release(rule);
    INetFwRules_Release(rs);
    INetFwProfile_Release(profile);
    INetFwOpenPorts_Release(ports);
}

static void icmp_remote_admin_and_services_are_stored(void **state)
{
    INetFwProfile *profile = profile_of(NET_FW_PROFILE_CURRENT);
    INetFwIcmpSettings *icmp = NULL;
    INetFwRemoteAdminSettings *admin = NULL;
    INetFwServices *services = NULL;
    INetFwService *rd = NULL;
    INetFwOpenPorts *rd_ports = NULL, *global = ports_of(NET_FW_PROFILE_CURRENT);
    INetFwMgr *m = mgr();
    NET_FW_SCOPE scope;
    VARIANT_BOOL b = 7;
    VARIANT a, r;
    LONG n = -1;

    assert_hr(S_OK, INetFwProfile_get_IcmpSettings(profile, &icmp));
    assert_hr(S_OK, INetFwIcmpSettings_get_AllowInboundEchoRequest(icmp, &b));
    assert_int_equal(VARIANT_FALSE, b);
    assert_hr(S_OK, INetFwMgr_IsIcmpTypeAllowed(m, NET_FW_IP_VERSION_V4, NULL, 8, &a, &r));
    assert_int_equal(VARIANT_FALSE, V_BOOL(&a));
    assert_hr(S_OK, INetFwIcmpSettings_put_AllowInboundEchoRequest(icmp, VARIANT_TRUE));
    assert_hr(S_OK, INetFwIcmpSettings_get_AllowInboundEchoRequest(icmp, &b));
    assert_int_equal(VARIANT_TRUE, b);
    assert_hr(S_OK, INetFwMgr_IsIcmpTypeAllowed(m, NET_FW_IP_VERSION_V4, NULL, 8, &a, &r));
    assert_int_equal(VARIANT_TRUE, V_BOOL(&a));
    assert_hr(S_OK, INetFwMgr_IsIcmpTypeAllowed(m, NET_FW_IP_VERSION_V4, NULL, 13, &a, &r));
    assert_int_equal(VARIANT_FALSE, V_BOOL(&a));
    /* A rule of ICMPv4 type 13 (one code) lets it in too; not for ICMPv6. */
    {
        INetFwRules *rs = rules();
        INetFwRule *rule = new_rule(L"Timestamps");

        assert_hr(S_OK, INetFwRule_put_Protocol(rule, 1));
        assert_hr(S_OK, INetFwRule_put_IcmpTypesAndCodes(rule, L"13:0"));
        assert_hr(S_OK, INetFwRule_put_Enabled(rule, VARIANT_TRUE));
        assert_hr(S_OK, INetFwRules_Add(rs, rule));
        assert_hr(S_OK, INetFwMgr_IsIcmpTypeAllowed(m, NET_FW_IP_VERSION_V4, NULL, 13, &a, &r));
        assert_int_equal(VARIANT_TRUE, V_BOOL(&a));
        assert_int_equal(VARIANT_FALSE, V_BOOL(&r));
        assert_hr(S_OK, INetFwMgr_IsIcmpTypeAllowed(m, NET_FW_IP_VERSION_V6, NULL, 13, &a, &r));
        assert_int_equal(VARIANT_FALSE, V_BOOL(&a));
        assert_hr(S_OK, INetFwMgr_IsIcmpTypeAllowed(m, NET_FW_IP_VERSION_V4, NULL, 17, &a, &r));
        assert_int_equal(VARIANT_FALSE, V_BOOL(&a));
        assert_hr(S_OK, INetFwRules_Remove(rs, L"Timestamps"));
        INetFwRule_Release(rule);
        INetFwRules_Release(rs);
    }
    assert_hr(S_OK, INetFwIcmpSettings_put_AllowOutboundPacketTooBig(icmp, VARIANT_TRUE));
    assert_hr(S_OK, INetFwIcmpSettings_get_AllowOutboundPacketTooBig(icmp, &b));
    assert_int_equal(VARIANT_TRUE, b);
    assert_hr(E_POINTER, INetFwIcmpSettings_get_AllowRedirect(icmp, NULL));

    assert_hr(S_OK, INetFwProfile_get_RemoteAdminSettings(profile, &admin));
    assert_hr(S_OK, INetFwRemoteAdminSettings_get_Enabled(admin, &b));
    assert_int_equal(VARIANT_FALSE, b);
    assert_hr(S_OK, INetFwRemoteAdminSettings_put_Enabled(admin, VARIANT_TRUE));
    assert_hr(S_OK, INetFwRemoteAdminSettings_get_Enabled(admin, &b));
    assert_int_equal(VARIANT_TRUE, b);
    assert_bstr(L"*", INetFwRemoteAdminSettings_get_RemoteAddresses(admin, &s_));
    assert_hr(S_OK, INetFwRemoteAdminSettings_put_RemoteAddresses(admin, L"10.0.0.0/8"));
    assert_bstr(L"10.0.0.0/255.0.0.0", INetFwRemoteAdminSettings_get_RemoteAddresses(admin, &s_));
    assert_hr(S_OK, INetFwRemoteAdminSettings_get_Scope(admin, &scope));
    assert_int_equal(NET_FW_SCOPE_CUSTOM, scope);
    assert_hr(E_INVALIDARG, INetFwRemoteAdminSettings_put_RemoteAddresses(admin, L"bad"));
    assert_hr(S_OK, INetFwRemoteAdminSettings_put_Scope(admin, NET_FW_SCOPE_LOCAL_SUBNET));
    assert_bstr(L"LocalSubnet", INetFwRemoteAdminSettings_get_RemoteAddresses(admin, &s_));
    assert_hr(E_INVALIDARG, INetFwRemoteAdminSettings_put_IpVersion(admin, NET_FW_IP_VERSION_V6));

    assert_hr(S_OK, INetFwProfile_get_Services(profile, &services));
    assert_hr(S_OK, INetFwServices_get_Count(services, &n));
    assert_int_equal(3, n);
    assert_hr(E_INVALIDARG, INetFwServices_Item(services, NET_FW_SERVICE_NONE, &rd));
    assert_hr(S_OK, INetFwServices_Item(services, NET_FW_SERVICE_REMOTE_DESKTOP, &rd));
    assert_bstr(L"Remote Desktop", INetFwService_get_Name(rd, &s_));
    assert_hr(S_OK, INetFwService_get_Enabled(rd, &b));
    assert_int_equal(VARIANT_FALSE, b);
    port_allowed(3389, NET_FW_IP_PROTOCOL_TCP, NULL, VARIANT_FALSE, VARIANT_FALSE);
    assert_hr(S_OK, INetFwService_put_Enabled(rd, VARIANT_TRUE));
    assert_hr(S_OK, INetFwService_get_Enabled(rd, &b));
    assert_int_equal(VARIANT_TRUE, b);
    port_allowed(3389, NET_FW_IP_PROTOCOL_TCP, NULL, VARIANT_TRUE, VARIANT_FALSE);
    /* Its port is a rule of its group, listed by the service and not as globally open. */
    assert_int_equal(1, count_rules());
    assert_hr(S_OK, INetFwService_get_GloballyOpenPorts(rd, &rd_ports));
    assert_hr(S_OK, INetFwOpenPorts_get_Count(rd_ports, &n));
    assert_int_equal(1, n);
    assert_hr(S_OK, INetFwOpenPorts_get_Count(global, &n));
    assert_int_equal(0, n);
    {
        INetFwPolicy2 *p = policy();

        assert_hr(S_OK, INetFwPolicy2_IsRuleGroupEnabled(p, NET_FW_PROFILE2_PRIVATE, L"Remote Desktop", &b));
        assert_int_equal(VARIANT_TRUE, b);
        assert_hr(S_OK, INetFwPolicy2_EnableRuleGroup(p, NET_FW_PROFILE2_ALL, L"Remote Desktop", VARIANT_FALSE));
        INetFwPolicy2_Release(p);
    }
    assert_hr(S_OK, INetFwService_get_Enabled(rd, &b));
    assert_int_equal(VARIANT_FALSE, b);
    assert_hr(S_OK, INetFwService_put_Scope(rd, NET_FW_SCOPE_LOCAL_SUBNET));
    assert_hr(S_OK, INetFwService_get_Scope(rd, &scope));
    assert_int_equal(NET_FW_SCOPE_LOCAL_SUBNET, scope);
    assert_hr(E_INVALIDARG, INetFwService_put_RemoteAddresses(rd, L"nowhere"));
    assert_bstr(L"LocalSubnet", INetFwService_get_RemoteAddresses(rd, &s_));
    assert_int_equal(1, count_rules());
    /* File and Printer Sharing has four ports. */
    {
        INetFwService *fps = NULL;

        assert_hr(S_OK, INetFwServices_Item(services, NET_FW_SERVICE_FILE_AND_PRINT, &fps));
        assert_hr(S_OK, INetFwService_put_Enabled(fps, VARIANT_TRUE));
        assert_int_equal(5, count_rules());
        port_allowed(445, NET_FW_IP_PROTOCOL_TCP, NULL, VARIANT_TRUE, VARIANT_FALSE);
        port_allowed(137, NET_FW_IP_PROTOCOL_UDP, NULL, VARIANT_TRUE, VARIANT_FALSE);
        INetFwService_Release(fps);
    }
    INetFwOpenPorts_Release(rd_ports);
    INetFwService_Release(rd);
    INetFwServices_Release(services);
    INetFwRemoteAdminSettings_Release(admin);
    INetFwIcmpSettings_Release(icmp);
    INetFwOpenPorts_Release(global);
    INetFwMgr_Release(m);
    INetFwProfile_Release(profile);
}

/* Adds an authorized application through HNetCfg.FwMgr; 0, or 255 on failure. */
static int app_child_main(const char *tag)
{
    INetFwMgr *m = NULL;
    INetFwPolicy *p = NULL;
    INetFwProfile *profile = NULL;
    INetFwAuthorizedApplications *apps = NULL;
    INetFwAuthorizedApplication *app = NULL;
    WCHAR path[64];

    swprintf(path, ARRAY_SIZE(path), L"C:\\%hs.exe", tag);
    if (FAILED(CoInitializeEx(NULL, COINIT_MULTITHREADED)) ||
        FAILED(CoCreateInstance(&CLSID_NetFwMgr, NULL, CLSCTX_INPROC_SERVER, &IID_INetFwMgr, (void **)&m)) ||
        FAILED(INetFwMgr_get_LocalPolicy(m, &p)) || FAILED(INetFwPolicy_get_CurrentProfile(p, &profile)) ||
        FAILED(INetFwProfile_get_AuthorizedApplications(profile, &apps)) ||
        FAILED(CoCreateInstance(&CLSID_NetFwAuthorizedApplication, NULL, CLSCTX_INPROC_SERVER,
                                &IID_INetFwAuthorizedApplication, (void **)&app)) ||
        FAILED(INetFwAuthorizedApplication_put_Name(app, path)) ||
        FAILED(INetFwAuthorizedApplication_put_ProcessImageFileName(app, path)) ||
        FAILED(INetFwAuthorizedApplications_Add(apps, app)))
        return 255;
    INetFwAuthorizedApplication_Release(app);
    INetFwAuthorizedApplications_Release(apps);
    INetFwProfile_Release(profile);
    INetFwPolicy_Release(p);
    INetFwMgr_Release(m);
    CoUninitialize();
    return 0;
}

/* An application added by a process of each architecture, the same one by both at once: one
 * rule each, seen here through both APIs. */
static void applications_added_by_both_architectures_are_one_rule_each(void **state)
{
    PROCESS_INFORMATION pi[4];
    INetFwAuthorizedApplications *apps;
    INetFwAuthorizedApplication *item = NULL;
    INetFwRules *rs = rules();
    INetFwRule *rule = NULL;
    int i;

    pi[0] = test_spawn_self(L"app mine");
    pi[1] = test_spawn_peer(L"app peer");
    pi[2] = test_spawn_self(L"app both");
    pi[3] = test_spawn_peer(L"app both");
    for (i = 0; i < 4; i++)
        wait_child(pi[i]);
    assert_int_equal(3, count_apps(NET_FW_PROFILE_CURRENT));
    assert_int_equal(3, count_rules());
    apps = apps_of(NET_FW_PROFILE_CURRENT);
    assert_hr(S_OK, INetFwAuthorizedApplications_Item(apps, L"C:\\peer.exe", &item));
    assert_hr(S_OK, INetFwRules_Item(rs, L"C:\\both.exe", &rule));
    assert_bstr(L"C:\\both.exe", INetFwRule_get_ApplicationName(rule, &s_));
    INetFwRule_Release(rule);
    INetFwAuthorizedApplication_Release(item);
    INetFwAuthorizedApplications_Release(apps);
    INetFwRules_Release(rs);
}

/* Every property of the XP settings objects through IDispatch (names from the embedded type
 * library), put and read back, and what is left of the service and port objects. */
static void put_get_by_name(IDispatch *d, const WCHAR *name, VARIANT_BOOL value)
{
    DISPID id = DISPID_UNKNOWN, put = DISPID_PROPERTYPUT;
    DISPPARAMS params = {NULL, NULL, 0, 0};
    VARIANT arg, result;
    LPOLESTR names[1] = {(LPOLESTR)name};

    assert_hr(S_OK, IDispatch_GetIDsOfNames(d, &IID_NULL, names, 1, 0, &id));
    V_VT(&arg) = VT_BOOL;
    V_BOOL(&arg) = value;
    params.rgvarg = &arg;
    params.cArgs = 1;
    params.rgdispidNamedArgs = &put;
    params.cNamedArgs = 1;
    assert_hr(S_OK, IDispatch_Invoke(d, id, &IID_NULL, 0, DISPATCH_PROPERTYPUT, &params, NULL, NULL, NULL));
    memset(&params, 0, sizeof(params));
    VariantInit(&result);
    assert_hr(S_OK, IDispatch_Invoke(d, id, &IID_NULL, 0, DISPATCH_PROPERTYGET, &params, &result, NULL, NULL));
    assert_int_equal(VT_BOOL, V_VT(&result));
    if (V_BOOL(&result) != value)
        fail_msg("%ls reads %d after a put of %d", name, V_BOOL(&result), value);
}

static void every_xp_setting_reads_back(void **state)
{
    static const WCHAR *const icmp_names[] = {
        L"AllowOutboundDestinationUnreachable", L"AllowRedirect", L"AllowInboundEchoRequest",
        L"AllowOutboundTimeExceeded", L"AllowOutboundParameterProblem", L"AllowOutboundSourceQuench",
        L"AllowInboundRouterRequest", L"AllowInboundTimestampRequest", L"AllowInboundMaskRequest",
        L"AllowOutboundPacketTooBig",
    };
    static const WCHAR *const profile_names[] = {
        L"FirewallEnabled", L"ExceptionsNotAllowed", L"NotificationsDisabled",
        L"UnicastResponsesToMulticastBroadcastDisabled",
    };
    INetFwProfile *profile = profile_of(NET_FW_PROFILE_DOMAIN), *other = profile_of(NET_FW_PROFILE_STANDARD);
    INetFwIcmpSettings *icmp = NULL, *other_icmp = NULL;
    INetFwServices *services = NULL;
    IUnknown *unk = NULL;
    IEnumVARIANT *ev = NULL;
    VARIANT v[4];
    ULONG fetched = 0, i;
    VARIANT_BOOL b;

    assert_hr(S_OK, INetFwProfile_get_IcmpSettings(profile, &icmp));
    assert_hr(S_OK, INetFwProfile_get_IcmpSettings(other, &other_icmp));
    for (i = 0; i < ARRAY_SIZE(icmp_names); i++)
    {
        put_get_by_name((IDispatch *)icmp, icmp_names[i], VARIANT_TRUE);
        put_get_by_name((IDispatch *)icmp, icmp_names[i], VARIANT_FALSE);
        put_get_by_name((IDispatch *)icmp, icmp_names[i], VARIANT_TRUE);
    }
    /* Per profile: the other profile's settings are untouched. */
    assert_hr(S_OK, INetFwIcmpSettings_get_AllowRedirect(other_icmp, &b));
    assert_int_equal(VARIANT_FALSE, b);
    for (i = 0; i < ARRAY_SIZE(profile_names); i++)
    {
        put_get_by_name((IDispatch *)profile, profile_names[i], VARIANT_FALSE);
        put_get_by_name((IDispatch *)profile, profile_names[i], VARIANT_TRUE);
    }

    /* The services enumerate, each with its type, never customized, IPv4 and IPv6. */
    assert_hr(S_OK, INetFwProfile_get_Services(profile, &services));
    assert_hr(S_OK, INetFwServices_get__NewEnum(services, &unk));
    assert_hr(S_OK, IUnknown_QueryInterface(unk, &IID_IEnumVARIANT, (void **)&ev));
    assert_hr(S_FALSE, IEnumVARIANT_Next(ev, 4, v, &fetched));
    assert_int_equal(3, fetched);
    for (i = 0; i < fetched; i++)
    {
        INetFwService *svc = NULL;
        NET_FW_SERVICE_TYPE type = 7;
        NET_FW_IP_VERSION version = 7;

        assert_hr(S_OK, IDispatch_QueryInterface(V_DISPATCH(&v[i]), &IID_INetFwService, (void **)&svc));
        assert_hr(S_OK, INetFwService_get_Type(svc, &type));
        assert_int_equal(i, type);
        b = 7;
        assert_hr(S_OK, INetFwService_get_Customized(svc, &b));
        assert_int_equal(VARIANT_FALSE, b);
        assert_hr(S_OK, INetFwService_get_IpVersion(svc, &version));
        assert_int_equal(NET_FW_IP_VERSION_ANY, version);
        assert_hr(E_INVALIDARG, INetFwService_put_IpVersion(svc, NET_FW_IP_VERSION_V4));
        assert_hr(S_OK, INetFwService_put_IpVersion(svc, NET_FW_IP_VERSION_ANY));
        assert_hr(E_POINTER, INetFwService_get_Name(svc, NULL));
        INetFwService_Release(svc);
        VariantClear(&v[i]);
    }
    /* An open port's remaining properties. */
    {
        INetFwOpenPort *port = new_port(L"p", 1234, NET_FW_IP_PROTOCOL_TCP);
        NET_FW_IP_VERSION version = 7;
        NET_FW_SCOPE scope = 7;

        assert_bstr(L"p", INetFwOpenPort_get_Name(port, &s_));
        assert_hr(S_OK, INetFwOpenPort_get_IpVersion(port, &version));
        assert_int_equal(NET_FW_IP_VERSION_ANY, version);
        assert_hr(E_INVALIDARG, INetFwOpenPort_put_IpVersion(port, NET_FW_IP_VERSION_V6));
        assert_hr(S_OK, INetFwOpenPort_put_RemoteAddresses(port, L"192.0.2.0/24"));
        assert_bstr(L"192.0.2.0/255.255.255.0", INetFwOpenPort_get_RemoteAddresses(port, &s_));
        assert_hr(S_OK, INetFwOpenPort_get_Scope(port, &scope));
        assert_int_equal(NET_FW_SCOPE_CUSTOM, scope);
        assert_hr(S_OK, INetFwOpenPort_put_Scope(port, NET_FW_SCOPE_CUSTOM)); /* keeps its addresses */
        assert_hr(S_OK, INetFwOpenPort_put_Scope(port, NET_FW_SCOPE_ALL));
        assert_bstr(L"*", INetFwOpenPort_get_RemoteAddresses(port, &s_));
        assert_hr(S_OK, INetFwOpenPort_put_Enabled(port, VARIANT_FALSE));
        assert_hr(S_OK, INetFwOpenPort_get_Enabled(port, &b));
        assert_int_equal(VARIANT_FALSE, b);
        INetFwOpenPort_Release(port);
    }
    IEnumVARIANT_Release(ev);
    IUnknown_Release(unk);
    INetFwServices_Release(services);
    INetFwIcmpSettings_Release(other_icmp);
    INetFwIcmpSettings_Release(icmp);
    INetFwProfile_Release(other);
    INetFwProfile_Release(profile);
}

/* ---- third-party products (HNetCfg.FwProducts) ---- */

static INetFwProducts *products(void)
{
    INetFwProducts *p = NULL;

    assert_hr(S_OK, CoCreateInstance(&CLSID_NetFwProducts, NULL, CLSCTX_INPROC_SERVER, &IID_INetFwProducts,
                                     (void **)&p));
    return p;
}

static LONG count_products(void)
{
    INetFwProducts *p = products();
    LONG n = -1;

    assert_hr(S_OK, INetFwProducts_get_Count(p, &n));
    INetFwProducts_Release(p);
    return n;
}

static VARIANT categories(int n, const LONG *values)
{
    SAFEARRAY *array = SafeArrayCreateVector(VT_VARIANT, 0, (ULONG)n);
    VARIANT v;
    LONG i;

    for (i = 0; i < n; i++)
    {
        VARIANT item;

        V_VT(&item) = VT_I4;
        V_I4(&item) = values[i];
        assert_hr(S_OK, SafeArrayPutElement(array, &i, &item));
    }
    V_VT(&v) = VT_ARRAY | VT_VARIANT;
    V_ARRAY(&v) = array;
    return v;
}

static INetFwProduct *new_product(const WCHAR *name)
{
    static const LONG firewall[] = {2 /* NET_FW_RULE_CATEGORY_FIREWALL */};
    INetFwProduct *p = NULL;
    VARIANT v = categories(1, firewall);

    assert_hr(S_OK, CoCreateInstance(&CLSID_NetFwProduct, NULL, CLSCTX_INPROC_SERVER, &IID_INetFwProduct, (void **)&p));
    assert_hr(S_OK, INetFwProduct_put_RuleCategories(p, v));
    VariantClear(&v);
    if (name)
        assert_hr(S_OK, INetFwProduct_put_DisplayName(p, (BSTR)name));
    return p;
}

/* Registers a product and exits without ending the registration (255 on failure). */
static int product_child_main(void)
{
    INetFwProducts *list = NULL;
    INetFwProduct *p = NULL;
    IUnknown *registration = NULL;
    static const LONG firewall[] = {2};
    VARIANT v;

    if (FAILED(CoInitializeEx(NULL, COINIT_MULTITHREADED)) ||
        FAILED(CoCreateInstance(&CLSID_NetFwProducts, NULL, CLSCTX_INPROC_SERVER, &IID_INetFwProducts,
                                (void **)&list)) ||
        FAILED(CoCreateInstance(&CLSID_NetFwProduct, NULL, CLSCTX_INPROC_SERVER, &IID_INetFwProduct, (void **)&p)))
        return 255;
    v = categories(1, firewall);
    if (FAILED(INetFwProduct_put_RuleCategories(p, v)) || FAILED(INetFwProduct_put_DisplayName(p, L"Dying")) ||
        FAILED(INetFwProducts_Register(list, p, &registration)))
        return 255;
    ExitProcess(0); /* the registration is never released */
}

static void products_register_while_their_registration_lives(void **state)
{
    static const LONG bad[] = {4}, twice[] = {2, 2}, several[] = {0, 1, 3};
    INetFwProducts *list = products();
    INetFwProduct *p = new_product(NULL), *item = NULL;
    IUnknown *registration = NULL, *unk = NULL;
    IEnumVARIANT *ev = NULL;
    VARIANT v, got;
    ULONG fetched = 0;
    LONG index = 0;

    assert_int_equal(0, count_products());
    assert_bstr(NULL, INetFwProduct_get_DisplayName(p, &s_));
    assert_bstr(NULL, INetFwProduct_get_PathToSignedProductExe(p, &s_));
    assert_hr(E_INVALIDARG, INetFwProduct_put_DisplayName(p, L""));
    assert_hr(E_INVALIDARG, INetFwProduct_put_DisplayName(p, NULL));
    v = categories(1, bad);
    assert_hr(E_INVALIDARG, INetFwProduct_put_RuleCategories(p, v));
    VariantClear(&v);
    v = categories(2, twice);
    assert_hr(E_INVALIDARG, INetFwProduct_put_RuleCategories(p, v));
    VariantClear(&v);
    V_VT(&v) = VT_I4;
    V_I4(&v) = 2;
    assert_hr(E_INVALIDARG, INetFwProduct_put_RuleCategories(p, v));
    /* Refused puts changed nothing: the category it had. */
    assert_hr(S_OK, INetFwProduct_get_RuleCategories(p, &got));
    assert_int_equal(VT_ARRAY | VT_VARIANT, V_VT(&got));
    {
        VARIANT first;

        assert_hr(S_OK, SafeArrayGetElement(V_ARRAY(&got), &index, &first));
        assert_int_equal(VT_I4, V_VT(&first));
        assert_int_equal(2, V_I4(&first));
    }
    VariantClear(&got);
    v = categories(3, several);
    assert_hr(S_OK, INetFwProduct_put_RuleCategories(p, v));
    VariantClear(&v);
    /* No name: refused. */
    assert_hr(E_INVALIDARG, INetFwProducts_Register(list, p, &registration));
    assert_null(registration);
    assert_hr(E_POINTER, INetFwProducts_Register(list, p, NULL));
    assert_hr(E_POINTER, INetFwProducts_Register(list, NULL, &registration));
    assert_hr(S_OK, INetFwProduct_put_DisplayName(p, L"Third-party firewall"));
    assert_hr(S_OK, INetFwProducts_Register(list, p, &registration));
    assert_non_null(registration);
    assert_int_equal(1, count_products());
    assert_hr(S_OK, INetFwProducts_Item(list, 0, &item));
    assert_bstr(L"Third-party firewall", INetFwProduct_get_DisplayName(item, &s_));
    {
        BSTR path = NULL;

        assert_hr(S_OK, INetFwProduct_get_PathToSignedProductExe(item, &path));
        assert_non_null(path);
        assert_non_null(wcsstr(path, L"test_firewall.exe"));
        SysFreeString(path);
    }
    assert_hr(S_OK, INetFwProduct_get_RuleCategories(item, &got));
    assert_int_equal(3, V_ARRAY(&got)->rgsabound[0].cElements);
    VariantClear(&got);
    {
        INetFwProduct *none = (void *)0x1;

        assert_hr(E_INVALIDARG, INetFwProducts_Item(list, 1, &none));
        assert_null(none);
        assert_hr(E_INVALIDARG, INetFwProducts_Item(list, -1, &none));
    }
    assert_hr(S_OK, INetFwProducts_get__NewEnum(list, &unk));
    assert_hr(S_OK, IUnknown_QueryInterface(unk, &IID_IEnumVARIANT, (void **)&ev));
    assert_hr(S_FALSE, IEnumVARIANT_Next(ev, 2, &v, &fetched));
    assert_int_equal(1, fetched);
    assert_int_equal(VT_DISPATCH, V_VT(&v));
    VariantClear(&v);
    IEnumVARIANT_Release(ev);
    IUnknown_Release(unk);
    /* A process of the other architecture sees it. */
    wait_child(test_spawn_peer(L"product-count 1"));
    /* A process that dies registered: its registration is not listed. */
    wait_child(test_spawn_peer(L"product-die"));
    assert_int_equal(1, count_products());
    /* The registration ends with its object. */
    IUnknown_Release(registration);
    assert_int_equal(0, count_products());
    INetFwProduct_Release(item);
    INetFwProduct_Release(p);
    INetFwProducts_Release(list);
}

/* Exit code 0 when HNetCfg.FwProducts counts n registrations, else 255. */
static int product_count_child_main(int n)
{
    INetFwProducts *list = NULL;
    LONG count = -1;

    if (FAILED(CoInitializeEx(NULL, COINIT_MULTITHREADED)) ||
        FAILED(CoCreateInstance(&CLSID_NetFwProducts, NULL, CLSCTX_INPROC_SERVER, &IID_INetFwProducts,
                                (void **)&list)) ||
        FAILED(INetFwProducts_get_Count(list, &count)))
        return 255;
    INetFwProducts_Release(list);
    CoUninitialize();
    return count == n ? 0 : 255;
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(policy_defaults_are_windows_defaults, setup, teardown),
        cmocka_unit_test_setup_teardown(a_policy_gives_one_rules_object, setup, teardown),
        cmocka_unit_test_setup_teardown(a_service_restriction_is_stored_as_windows_stores_it, setup, teardown),
        cmocka_unit_test_setup_teardown(policy_settings_are_stored_per_profile_and_read_back, setup, teardown),
        cmocka_unit_test_setup_teardown(current_profile_types_is_what_was_set, setup, teardown),
        cmocka_unit_test_setup_teardown(a_new_rule_reads_as_windows_makes_it, setup, teardown),
        cmocka_unit_test_setup_teardown(an_added_rule_is_stored_in_windows_format_and_written_through, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(every_property_round_trips_through_the_store, setup, teardown),
        cmocka_unit_test_setup_teardown(interfaces_are_names_of_the_hosts_connections, setup, teardown),
        cmocka_unit_test_setup_teardown(the_rules_enumerate_as_dispatch_objects, setup, teardown),
        cmocka_unit_test_setup_teardown(rule_groups_are_enabled_per_profile, setup, teardown),
        cmocka_unit_test_setup_teardown(rules_written_by_others_are_kept_whole, setup, teardown),
        cmocka_unit_test_setup_teardown(a_rule_object_of_another_implementation_is_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(processes_of_both_architectures_adding_at_once_lose_nothing, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(concurrent_puts_on_one_rule_lose_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(the_xp_profiles_are_the_policy2_profiles, setup, teardown),
        cmocka_unit_test_setup_teardown(an_authorized_application_is_a_rule, setup, teardown),
        cmocka_unit_test_setup_teardown(an_open_port_is_a_rule_and_is_port_allowed_answers_from_the_store, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(icmp_remote_admin_and_services_are_stored, setup, teardown),
        cmocka_unit_test_setup_teardown(applications_added_by_both_architectures_are_one_rule_each, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(every_xp_setting_reads_back, setup, teardown),
        cmocka_unit_test_setup_teardown(products_register_while_their_registration_lives, setup, teardown),
    };

    if (argc > 2 && !strcmp(argv[1], "add"))
        return add_child_main(argv[2]);
    if (argc > 1 && !strcmp(argv[1], "product-die"))
        return product_child_main();
    if (argc > 2 && !strcmp(argv[1], "product-count"))
        return product_count_child_main(atoi(argv[2]));
    if (argc > 2 && !strcmp(argv[1], "app"))
        return app_child_main(argv[2]);
    if (argc > 2 && !strcmp(argv[1], "field"))
        return field_child_main(atoi(argv[2]));
    return cmocka_run_group_tests_name("firewall", tests, NULL, NULL);
}
