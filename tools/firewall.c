/*
 * hnetmap firewall ...: the Windows Firewall classes' configuration, through their public COM
 * interfaces only (HNetCfg.FwPolicy2, HNetCfg.FWRule, HNetCfg.FwMgr), as any program would.
 * Nothing here is enforced on the host: these are the settings programs read and write.
 *
 *   hnetmap firewall rules
 *   hnetmap firewall add NAME tcp|udp|any|NUMBER [PORTS] [--app PATH] [--out] [--block]
 *                        [--disabled] [--group GROUP] [--profiles domain,private,public]
 *   hnetmap firewall remove NAME
 *   hnetmap firewall apps|ports           the current profile's Windows XP lists
 *   hnetmap firewall profile [domain,private,public]   show or set CurrentProfileTypes
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "hnetmap.h"
#include <initguid.h>
#include <netfw.h>

#define OWN_KEY L"Software\\open-hnetcfg\\Firewall"

static const WCHAR *or_dash(const WCHAR *s)
{
    return s && *s ? s : L"-";
}

static const WCHAR *profiles_text(LONG profiles, WCHAR *buf)
{
    buf[0] = 0;
    if (profiles == NET_FW_PROFILE2_ALL)
        return L"all";
    if (profiles & NET_FW_PROFILE2_DOMAIN)
        wcscat(buf, L"domain,");
    if (profiles & NET_FW_PROFILE2_PRIVATE)
        wcscat(buf, L"private,");
    if (profiles & NET_FW_PROFILE2_PUBLIC)
        wcscat(buf, L"public,");
    if (buf[0])
        buf[wcslen(buf) - 1] = 0;
    return buf;
}

/* "domain,private" -> bits; 0 when a word is not a profile. */
static LONG parse_profiles(const WCHAR *arg)
{
    WCHAR copy[64], *word, *next;
    LONG bits = 0;

    if (!arg || wcslen(arg) >= ARRAYSIZE(copy))
        return 0;
    wcscpy(copy, arg);
    for (word = copy; word; word = next)
    {
        if ((next = wcschr(word, ',')))
            *next++ = 0;
        if (same_text(word, L"domain"))
            bits |= NET_FW_PROFILE2_DOMAIN;
        else if (same_text(word, L"private"))
            bits |= NET_FW_PROFILE2_PRIVATE;
        else if (same_text(word, L"public"))
            bits |= NET_FW_PROFILE2_PUBLIC;
        else if (same_text(word, L"all"))
            bits |= 7;
        else
            return 0;
    }
    return bits;
}

static HRESULT open_rules(INetFwRules **rules)
{
    INetFwPolicy2 *policy;
    HRESULT hr;

    *rules = NULL;
    if (FAILED(hr = CoCreateInstance(&CLSID_NetFwPolicy2, NULL, CLSCTX_INPROC_SERVER, &IID_INetFwPolicy2,
                                     (void **)&policy)))
        return hr;
    hr = INetFwPolicy2_get_Rules(policy, rules);
    INetFwPolicy2_Release(policy);
    return hr;
}

static int cmd_rules(int argc, WCHAR **argv)
{
    INetFwRules *rules;
    IUnknown *unk = NULL;
    IEnumVARIANT *ev = NULL;
    VARIANT v;
    HRESULT hr;
    LONG count = 0;

    if (FAILED(hr = open_rules(&rules)))
        return fail_hr(L"creating HNetCfg.FwPolicy2", hr);
    if (FAILED(hr = INetFwRules_get_Count(rules, &count)) || FAILED(hr = INetFwRules_get__NewEnum(rules, &unk)) ||
        FAILED(hr = IUnknown_QueryInterface(unk, &IID_IEnumVARIANT, (void **)&ev)))
    {
        if (unk)
            IUnknown_Release(unk);
        INetFwRules_Release(rules);
        return fail_hr(L"listing the firewall rules", hr);
    }
    out(L"%ld rule(s)\n", count);
    VariantInit(&v);
    while (IEnumVARIANT_Next(ev, 1, &v, NULL) == S_OK)
    {
        INetFwRule *r = NULL;

        if (V_VT(&v) == VT_DISPATCH && SUCCEEDED(IDispatch_QueryInterface(V_DISPATCH(&v), &IID_INetFwRule, (void **)&r)))
        {
            BSTR name = NULL, ports = NULL, app = NULL, group = NULL;
            VARIANT_BOOL enabled = VARIANT_FALSE;
            NET_FW_RULE_DIRECTION dir = NET_FW_RULE_DIR_IN;
            NET_FW_ACTION action = NET_FW_ACTION_ALLOW;
            LONG protocol = 0, profiles = 0;
            WCHAR proto_text[16], buf[32];

            INetFwRule_get_Name(r, &name);
            INetFwRule_get_LocalPorts(r, &ports);
            INetFwRule_get_ApplicationName(r, &app);
            INetFwRule_get_Grouping(r, &group);
            INetFwRule_get_Enabled(r, &enabled);
            INetFwRule_get_Direction(r, &dir);
            INetFwRule_get_Action(r, &action);
            INetFwRule_get_Protocol(r, &protocol);
            INetFwRule_get_Profiles(r, &profiles);
            if (protocol == 256)
                wcscpy(proto_text, L"any");
            else if (protocol == 6 || protocol == 17)
                wcscpy(proto_text, protocol_text((UCHAR)protocol));
            else
                swprintf(proto_text, ARRAYSIZE(proto_text), L"%ld", protocol);
            out(L"%ls\t%ls %ls %ls %ls port %ls app %ls group %ls profiles %ls\n", or_dash(name),
                enabled ? L"enabled" : L"disabled", dir == NET_FW_RULE_DIR_OUT ? L"out" : L"in",
                action == NET_FW_ACTION_BLOCK ? L"block" : L"allow", proto_text, or_dash(ports), or_dash(app),
                or_dash(group), profiles_text(profiles, buf));
            SysFreeString(name);
            SysFreeString(ports);
            SysFreeString(app);
            SysFreeString(group);
            INetFwRule_Release(r);
        }
        VariantClear(&v);
    }
    IEnumVARIANT_Release(ev);
    IUnknown_Release(unk);
    INetFwRules_Release(rules);
    return EXIT_OK;
}

static int cmd_fw_add(int argc, WCHAR **argv)
{
    const WCHAR *app = NULL, *group = NULL, *ports = NULL;
    LONG protocol, profiles = NET_FW_PROFILE2_ALL;
    BOOL out_dir = FALSE, block = FALSE, disabled = FALSE;
    INetFwRules *rules;
    INetFwRule *rule;
    HRESULT hr;
    int i = 2;

    if (same_text(argv[1], L"tcp"))
        protocol = 6;
    else if (same_text(argv[1], L"udp"))
        protocol = 17;
    else if (same_text(argv[1], L"any"))
        protocol = 256;
    else
    {
        WCHAR *end;

        protocol = wcstol(argv[1], &end, 10);
        if (*end || protocol < 0 || protocol > 255 || !argv[1][0])
            return bad_arg(L"protocol (tcp, udp, any or 0-255)", argv[1]);
    }
    if (i < argc && argv[i][0] != '-')
        ports = argv[i++];
    for (; i < argc; i++)
    {
        if (same_text(argv[i], L"--out"))
            out_dir = TRUE;
        else if (same_text(argv[i], L"--block"))
            block = TRUE;
        else if (same_text(argv[i], L"--disabled"))
            disabled = TRUE;
        else if (same_text(argv[i], L"--app") && i + 1 < argc)
            app = argv[++i];
        else if (same_text(argv[i], L"--group") && i + 1 < argc)
            group = argv[++i];
        else if (same_text(argv[i], L"--profiles") && i + 1 < argc)
        {
            if (!(profiles = parse_profiles(argv[++i])))
                return bad_arg(L"profiles (domain,private,public or all)", argv[i]);
        }
        else
            return bad_arg(L"option", argv[i]);
    }
    if (FAILED(hr = CoCreateInstance(&CLSID_NetFwRule, NULL, CLSCTX_INPROC_SERVER, &IID_INetFwRule, (void **)&rule)))
        return fail_hr(L"creating HNetCfg.FWRule", hr);
    if (FAILED(hr = INetFwRule_put_Name(rule, argv[0])))
        return INetFwRule_Release(rule), fail_hr_arg(L"the rule's name", hr, L"a name is required and has no '|'");
    if (FAILED(hr = INetFwRule_put_Protocol(rule, protocol)))
        return INetFwRule_Release(rule), fail_hr(L"the protocol", hr);
    if (ports && FAILED(hr = INetFwRule_put_LocalPorts(rule, (BSTR)ports)))
        return INetFwRule_Release(rule),
               fail_hr_arg(L"the ports", hr, L"ports are for tcp and udp: 80,443,8000-8010 or RPC, RPC-EPMap ...");
    if (app && FAILED(hr = INetFwRule_put_ApplicationName(rule, (BSTR)app)))
        return INetFwRule_Release(rule), fail_hr(L"the application", hr);
    if (group && FAILED(hr = INetFwRule_put_Grouping(rule, (BSTR)group)))
        return INetFwRule_Release(rule), fail_hr(L"the group", hr);
    if (FAILED(hr = INetFwRule_put_Direction(rule, out_dir ? NET_FW_RULE_DIR_OUT : NET_FW_RULE_DIR_IN)) ||
        FAILED(hr = INetFwRule_put_Action(rule, block ? NET_FW_ACTION_BLOCK : NET_FW_ACTION_ALLOW)) ||
        FAILED(hr = INetFwRule_put_Profiles(rule, profiles)) ||
        FAILED(hr = INetFwRule_put_Enabled(rule, disabled ? VARIANT_FALSE : VARIANT_TRUE)))
        return INetFwRule_Release(rule), fail_hr(L"the rule", hr);
    if (FAILED(hr = open_rules(&rules)))
        return INetFwRule_Release(rule), fail_hr(L"creating HNetCfg.FwPolicy2", hr);
    hr = INetFwRules_Add(rules, rule);
    INetFwRules_Release(rules);
    INetFwRule_Release(rule);
    if (FAILED(hr))
        return fail_hr(L"adding the rule", hr);
    out(L"added rule \"%ls\"\n", argv[0]);
    return EXIT_OK;
}

static int cmd_fw_remove(int argc, WCHAR **argv)
{
    INetFwRules *rules;
    INetFwRule *rule = NULL;
    HRESULT hr;

    if (FAILED(hr = open_rules(&rules)))
        return fail_hr(L"creating HNetCfg.FwPolicy2", hr);
    if (FAILED(hr = INetFwRules_Item(rules, argv[0], &rule)))
    {
        INetFwRules_Release(rules);
        if (hr == HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND))
            return fail_msg(L"removing the rule", argv[0], L"there is no rule of that name");
        return fail_hr(L"finding the rule", hr);
    }
    INetFwRule_Release(rule);
    hr = INetFwRules_Remove(rules, argv[0]);
    INetFwRules_Release(rules);
    if (FAILED(hr))
        return fail_hr(L"removing the rule", hr);
    out(L"removed rule \"%ls\"\n", argv[0]);
    return EXIT_OK;
}

static HRESULT current_profile(INetFwProfile **profile)
{
    INetFwMgr *mgr;
    INetFwPolicy *policy = NULL;
    HRESULT hr;

    *profile = NULL;
    if (FAILED(hr = CoCreateInstance(&CLSID_NetFwMgr, NULL, CLSCTX_INPROC_SERVER, &IID_INetFwMgr, (void **)&mgr)))
        return hr;
    if (SUCCEEDED(hr = INetFwMgr_get_LocalPolicy(mgr, &policy)))
    {
        hr = INetFwPolicy_get_CurrentProfile(policy, profile);
        INetFwPolicy_Release(policy);
    }
    INetFwMgr_Release(mgr);
    return hr;
}

/* The items of a Windows XP list, one a line. */
static int list_legacy(BOOL apps)
{
    INetFwProfile *profile;
    IUnknown *unk = NULL;
    IEnumVARIANT *ev = NULL;
    VARIANT v;
    HRESULT hr;
    LONG count = 0;

    if (FAILED(hr = current_profile(&profile)))
        return fail_hr(L"creating HNetCfg.FwMgr", hr);
    if (apps)
    {
        INetFwAuthorizedApplications *list = NULL;

        if (SUCCEEDED(hr = INetFwProfile_get_AuthorizedApplications(profile, &list)))
        {
            if (SUCCEEDED(hr = INetFwAuthorizedApplications_get_Count(list, &count)))
                hr = INetFwAuthorizedApplications_get__NewEnum(list, &unk);
            INetFwAuthorizedApplications_Release(list);
        }
    }
    else
    {
        INetFwOpenPorts *list = NULL;

        if (SUCCEEDED(hr = INetFwProfile_get_GloballyOpenPorts(profile, &list)))
        {
            if (SUCCEEDED(hr = INetFwOpenPorts_get_Count(list, &count)))
                hr = INetFwOpenPorts_get__NewEnum(list, &unk);
            INetFwOpenPorts_Release(list);
        }
    }
    INetFwProfile_Release(profile);
    if (FAILED(hr) || FAILED(hr = IUnknown_QueryInterface(unk, &IID_IEnumVARIANT, (void **)&ev)))
    {
        if (unk)
            IUnknown_Release(unk);
        return fail_hr(apps ? L"listing the authorized applications" : L"listing the open ports", hr);
    }
    out(L"%ld %ls\n", count, apps ? L"authorized application(s)" : L"open port(s)");
    VariantInit(&v);
    while (IEnumVARIANT_Next(ev, 1, &v, NULL) == S_OK)
    {
        BSTR name = NULL, path = NULL, addresses = NULL;
        VARIANT_BOOL enabled = VARIANT_FALSE;

        if (apps)
        {
            INetFwAuthorizedApplication *a = NULL;

            if (V_VT(&v) == VT_DISPATCH &&
                SUCCEEDED(IDispatch_QueryInterface(V_DISPATCH(&v), &IID_INetFwAuthorizedApplication, (void **)&a)))
            {
                INetFwAuthorizedApplication_get_Name(a, &name);
                INetFwAuthorizedApplication_get_ProcessImageFileName(a, &path);
                INetFwAuthorizedApplication_get_RemoteAddresses(a, &addresses);
                INetFwAuthorizedApplication_get_Enabled(a, &enabled);
                out(L"%ls\t%ls %ls from %ls\n", or_dash(name), enabled ? L"enabled" : L"disabled", or_dash(path),
                    or_dash(addresses));
                INetFwAuthorizedApplication_Release(a);
            }
        }
        else
        {
            INetFwOpenPort *p = NULL;
            NET_FW_IP_PROTOCOL protocol = 0;
            LONG port = 0;

            if (V_VT(&v) == VT_DISPATCH &&
                SUCCEEDED(IDispatch_QueryInterface(V_DISPATCH(&v), &IID_INetFwOpenPort, (void **)&p)))
            {
                INetFwOpenPort_get_Name(p, &name);
                INetFwOpenPort_get_Port(p, &port);
                INetFwOpenPort_get_Protocol(p, &protocol);
                INetFwOpenPort_get_RemoteAddresses(p, &addresses);
                INetFwOpenPort_get_Enabled(p, &enabled);
                out(L"%ls\t%ls %ls %ld from %ls\n", or_dash(name), enabled ? L"enabled" : L"disabled",
                    protocol_text((UCHAR)protocol), port, or_dash(addresses));
                INetFwOpenPort_Release(p);
            }
        }
        SysFreeString(name);
        SysFreeString(path);
        SysFreeString(addresses);
        VariantClear(&v);
    }
    IEnumVARIANT_Release(ev);
    IUnknown_Release(unk);
    return EXIT_OK;
}

static int cmd_apps(int argc, WCHAR **argv)
{
    return list_legacy(TRUE);
}

static int cmd_ports(int argc, WCHAR **argv)
{
    return list_legacy(FALSE);
}

/* CurrentProfileTypes is the project's own value (HKLM\Software\open-hnetcfg\Firewall, the
 * 64-bit view): no interface sets it, as no program on Windows classifies networks. */
static int cmd_profile(int argc, WCHAR **argv)
{
    INetFwPolicy2 *policy;
    WCHAR buf[32];
    LONG types = 0;
    HRESULT hr;

    if (argc == 1)
    {
        DWORD bits = (DWORD)parse_profiles(argv[0]);
        HKEY key;
        LONG e;

        if (!bits || bits > 7)
            return bad_arg(L"profiles (domain,private,public)", argv[0]);
        if ((e = RegCreateKeyExW(HKEY_LOCAL_MACHINE, OWN_KEY, 0, NULL, 0, KEY_SET_VALUE | KEY_WOW64_64KEY, NULL, &key,
                                 NULL)))
            return fail_hr(L"opening HKLM\\" OWN_KEY, HRESULT_FROM_WIN32(e));
        e = RegSetValueExW(key, L"CurrentProfileTypes", 0, REG_DWORD, (const BYTE *)&bits, sizeof(bits));
        RegCloseKey(key);
        if (e)
            return fail_hr(L"setting CurrentProfileTypes", HRESULT_FROM_WIN32(e));
    }
    if (FAILED(hr = CoCreateInstance(&CLSID_NetFwPolicy2, NULL, CLSCTX_INPROC_SERVER, &IID_INetFwPolicy2,
                                     (void **)&policy)))
        return fail_hr(L"creating HNetCfg.FwPolicy2", hr);
    hr = INetFwPolicy2_get_CurrentProfileTypes(policy, &types);
    INetFwPolicy2_Release(policy);
    if (FAILED(hr))
        return fail_hr(L"reading CurrentProfileTypes", hr);
    out(L"current profiles: %ls\n", profiles_text(types, buf));
    return EXIT_OK;
}

static const struct
{
    const WCHAR *name;
    int min_args, max_args;
    int (*run)(int argc, WCHAR **argv);
} fw_commands[] = {
    {L"rules", 0, 0, cmd_rules}, {L"add", 2, 14, cmd_fw_add},    {L"remove", 1, 1, cmd_fw_remove},
    {L"apps", 0, 0, cmd_apps},   {L"ports", 0, 0, cmd_ports},     {L"profile", 0, 1, cmd_profile},
};

BOOL is_firewall_command(const WCHAR *name)
{
    size_t i;

    for (i = 0; i < ARRAYSIZE(fw_commands); i++)
        if (same_text(fw_commands[i].name, name))
            return TRUE;
    return FALSE;
}

int cmd_fw(int argc, WCHAR **argv)
{
    size_t i;
    HRESULT hr;
    int rc;

    for (i = 0; i < ARRAYSIZE(fw_commands); i++)
        if (same_text(fw_commands[i].name, argv[0]))
            break;
    if (i == ARRAYSIZE(fw_commands))
        return bad_arg(L"firewall command", argv[0]);
    if (argc - 1 < fw_commands[i].min_args || argc - 1 > fw_commands[i].max_args)
    {
        err(L"hnetmap: wrong number of arguments for \"firewall %ls\"\n", fw_commands[i].name);
        usage(STD_ERROR_HANDLE);
        return EXIT_USAGE;
    }
    if (FAILED(hr = CoInitializeEx(NULL, COINIT_APARTMENTTHREADED)))
        return fail_hr(L"initializing COM", hr);
    rc = fw_commands[i].run(argc - 1, argv + 1);
    CoUninitialize();
    return rc;
}
