/*
 * NetFwMgr: INetFwMgr, its INetFwPolicy and INetFwProfile (the Windows XP firewall API).
 *
 * The profiles: NET_FW_PROFILE_DOMAIN is the domain profile; NET_FW_PROFILE_STANDARD is the
 * private one, or the public one when that alone is current (as on Windows since Vista, where
 * "standard" is the current non-domain profile); NET_FW_PROFILE_CURRENT is the domain profile
 * when CurrentProfileTypes has it, else the standard one.
 *
 * IsPortAllowed and IsIcmpTypeAllowed answer from the store, for the current profiles: TRUE when
 * the firewall is off, FALSE when all inbound traffic is blocked, else what the enabled inbound
 * rules say (a block rule wins), the ICMP settings too for ICMP. restricted is TRUE when what
 * allows it is limited to some remote addresses or interfaces. The local address is checked
 * for a valid address but does not choose rules.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "firewall/legacy.h"

unsigned fw_profile_bit(NET_FW_PROFILE_TYPE type)
{
    DWORD current = OHN_FW_PROFILE_PRIVATE;

    fwstore_get_current_profiles(&current);
    if (type == NET_FW_PROFILE_CURRENT)
        type = (current & OHN_FW_PROFILE_DOMAIN) ? NET_FW_PROFILE_DOMAIN : NET_FW_PROFILE_STANDARD;
    switch (type)
    {
    case NET_FW_PROFILE_DOMAIN:
        return OHN_FW_PROFILE_DOMAIN;
    case NET_FW_PROFILE_STANDARD:
        return (current & OHN_FW_PROFILE_PUBLIC) && !(current & OHN_FW_PROFILE_PRIVATE) ? OHN_FW_PROFILE_PUBLIC
                                                                                       : OHN_FW_PROFILE_PRIVATE;
    default:
        return 0;
    }
}

/* ---- INetFwProfile ---- */

struct fw_profile
{
    INetFwProfile INetFwProfile_iface;
    LONG refs;
    NET_FW_PROFILE_TYPE type; /* DOMAIN or STANDARD */
    unsigned bit;
};

static struct fw_profile *profile_impl(INetFwProfile *iface)
{
    return CONTAINING_RECORD(iface, struct fw_profile, INetFwProfile_iface);
}

static HRESULT WINAPI profile_QueryInterface(INetFwProfile *iface, REFIID riid, void **out)
{
    if (!out)
        return E_POINTER;
    if (IsEqualGUID(riid, &IID_IUnknown) || IsEqualGUID(riid, &IID_IDispatch) || IsEqualGUID(riid, &IID_INetFwProfile))
    {
        *out = iface;
        INetFwProfile_AddRef(iface);
        return S_OK;
    }
    *out = NULL;
    return E_NOINTERFACE;
}

static ULONG WINAPI profile_AddRef(INetFwProfile *iface)
{
    return InterlockedIncrement(&profile_impl(iface)->refs);
}

static ULONG WINAPI profile_Release(INetFwProfile *iface)
{
    struct fw_profile *o = profile_impl(iface);
    LONG refs = InterlockedDecrement(&o->refs);

    if (!refs)
    {
        HeapFree(GetProcessHeap(), 0, o);
        ohn_object_destroyed();
    }
    return refs;
}

OHN_IMPL_IDISPATCH(profile, INetFwProfile, tid_INetFwProfile)

static HRESULT WINAPI profile_get_Type(INetFwProfile *iface, NET_FW_PROFILE_TYPE *out)
{
    if (!out)
        return E_POINTER;
    *out = profile_impl(iface)->type;
    return S_OK;
}

static HRESULT get_setting(INetFwProfile *iface, enum fw_setting setting, VARIANT_BOOL *out)
{
    DWORD v;
    HRESULT hr;

    if (!out)
        return E_POINTER;
    if (SUCCEEDED(hr = fwstore_get_setting(profile_impl(iface)->bit, setting, &v)))
        *out = v ? VARIANT_TRUE : VARIANT_FALSE;
    return hr;
}

static HRESULT put_setting(INetFwProfile *iface, enum fw_setting setting, VARIANT_BOOL value)
{
    return fwstore_set_setting(profile_impl(iface)->bit, setting, value != VARIANT_FALSE);
}

static HRESULT WINAPI profile_get_FirewallEnabled(INetFwProfile *iface, VARIANT_BOOL *out)
{
    return get_setting(iface, FW_SETTING_ENABLED, out);
}

static HRESULT WINAPI profile_put_FirewallEnabled(INetFwProfile *iface, VARIANT_BOOL value)
{
    return put_setting(iface, FW_SETTING_ENABLED, value);
}

static HRESULT WINAPI profile_get_ExceptionsNotAllowed(INetFwProfile *iface, VARIANT_BOOL *out)
{
    return get_setting(iface, FW_SETTING_BLOCK_ALL_INBOUND, out);
}

static HRESULT WINAPI profile_put_ExceptionsNotAllowed(INetFwProfile *iface, VARIANT_BOOL value)
{
    return put_setting(iface, FW_SETTING_BLOCK_ALL_INBOUND, value);
}

static HRESULT WINAPI profile_get_NotificationsDisabled(INetFwProfile *iface, VARIANT_BOOL *out)
{
    return get_setting(iface, FW_SETTING_NOTIFICATIONS_DISABLED, out);
}

static HRESULT WINAPI profile_put_NotificationsDisabled(INetFwProfile *iface, VARIANT_BOOL value)
{
    return put_setting(iface, FW_SETTING_NOTIFICATIONS_DISABLED, value);
}

static HRESULT WINAPI profile_get_UnicastResponsesToMulticastBroadcastDisabled(INetFwProfile *iface, VARIANT_BOOL *out)
{
    return get_setting(iface, FW_SETTING_UNICAST_DISABLED, out);
}

static HRESULT WINAPI profile_put_UnicastResponsesToMulticastBroadcastDisabled(INetFwProfile *iface,
                                                                               VARIANT_BOOL value)
{
    return put_setting(iface, FW_SETTING_UNICAST_DISABLED, value);
}

static HRESULT WINAPI profile_get_RemoteAdminSettings(INetFwProfile *iface, INetFwRemoteAdminSettings **out)
{
    if (!out)
        return E_POINTER;
    return fw_remote_admin_create(profile_impl(iface)->bit, out);
}

static HRESULT WINAPI profile_get_IcmpSettings(INetFwProfile *iface, INetFwIcmpSettings **out)
{
    if (!out)
        return E_POINTER;
    return fw_icmp_create(profile_impl(iface)->bit, out);
}

static HRESULT WINAPI profile_get_GloballyOpenPorts(INetFwProfile *iface, INetFwOpenPorts **out)
{
    if (!out)
        return E_POINTER;
    return fw_ports_create(profile_impl(iface)->bit, NULL, out);
}

static HRESULT WINAPI profile_get_Services(INetFwProfile *iface, INetFwServices **out)
{
    if (!out)
        return E_POINTER;
    return fw_services_create(profile_impl(iface)->bit, out);
}

static HRESULT WINAPI profile_get_AuthorizedApplications(INetFwProfile *iface, INetFwAuthorizedApplications **out)
{
    if (!out)
        return E_POINTER;
    return fw_apps_create(profile_impl(iface)->bit, out);
}

static const INetFwProfileVtbl profile_vtbl = {
    profile_QueryInterface,
    profile_AddRef,
    profile_Release,
    profile_GetTypeInfoCount,
    profile_GetTypeInfo,
    profile_GetIDsOfNames,
    profile_Invoke,
    profile_get_Type,
    profile_get_FirewallEnabled,
    profile_put_FirewallEnabled,
    profile_get_ExceptionsNotAllowed,
    profile_put_ExceptionsNotAllowed,
    profile_get_NotificationsDisabled,
    profile_put_NotificationsDisabled,
    profile_get_UnicastResponsesToMulticastBroadcastDisabled,
    profile_put_UnicastResponsesToMulticastBroadcastDisabled,
    profile_get_RemoteAdminSettings,
    profile_get_IcmpSettings,
    profile_get_GloballyOpenPorts,
    profile_get_Services,
    profile_get_AuthorizedApplications,
};

static HRESULT profile_create(NET_FW_PROFILE_TYPE type, INetFwProfile **out)
{
    struct fw_profile *o;
    unsigned bit;

    *out = NULL;
    if (!(bit = fw_profile_bit(type)))
        return E_INVALIDARG;
    if (!(o = HeapAlloc(GetProcessHeap(), 0, sizeof(*o))))
        return E_OUTOFMEMORY;
    o->INetFwProfile_iface.lpVtbl = &profile_vtbl;
    o->refs = 1;
    o->type = bit == OHN_FW_PROFILE_DOMAIN ? NET_FW_PROFILE_DOMAIN : NET_FW_PROFILE_STANDARD;
    o->bit = bit;
    ohn_object_created();
    *out = &o->INetFwProfile_iface;
    return S_OK;
}

/* ---- INetFwPolicy ---- */

struct fw_policy
{
    INetFwPolicy INetFwPolicy_iface;
    LONG refs;
};

static struct fw_policy *policy_impl(INetFwPolicy *iface)
{
    return CONTAINING_RECORD(iface, struct fw_policy, INetFwPolicy_iface);
}

static HRESULT WINAPI policy_QueryInterface(INetFwPolicy *iface, REFIID riid, void **out)
{
    if (!out)
        return E_POINTER;
    if (IsEqualGUID(riid, &IID_IUnknown) || IsEqualGUID(riid, &IID_IDispatch) || IsEqualGUID(riid, &IID_INetFwPolicy))
    {
        *out = iface;
        INetFwPolicy_AddRef(iface);
        return S_OK;
    }
    *out = NULL;
    return E_NOINTERFACE;
}

static ULONG WINAPI policy_AddRef(INetFwPolicy *iface)
{
    return InterlockedIncrement(&policy_impl(iface)->refs);
}

static ULONG WINAPI policy_Release(INetFwPolicy *iface)
{
    struct fw_policy *o = policy_impl(iface);
    LONG refs = InterlockedDecrement(&o->refs);

    if (!refs)
    {
        HeapFree(GetProcessHeap(), 0, o);
        ohn_object_destroyed();
    }
    return refs;
}

OHN_IMPL_IDISPATCH(policy, INetFwPolicy, tid_INetFwPolicy)

static HRESULT WINAPI policy_get_CurrentProfile(INetFwPolicy *iface, INetFwProfile **out)
{
    if (!out)
        return E_POINTER;
    return profile_create(NET_FW_PROFILE_CURRENT, out);
}

static HRESULT WINAPI policy_GetProfileByType(INetFwPolicy *iface, NET_FW_PROFILE_TYPE type, INetFwProfile **out)
{
    if (!out)
        return E_POINTER;
    *out = NULL;
    if (type < NET_FW_PROFILE_DOMAIN || type >= NET_FW_PROFILE_TYPE_MAX)
        return E_INVALIDARG;
    return profile_create(type, out);
}

static const INetFwPolicyVtbl policy_vtbl = {
    policy_QueryInterface, policy_AddRef,      policy_Release,           policy_GetTypeInfoCount,
    policy_GetTypeInfo,    policy_GetIDsOfNames, policy_Invoke,          policy_get_CurrentProfile,
    policy_GetProfileByType,
};

/* ---- INetFwMgr ---- */

struct fw_mgr
{
    INetFwMgr INetFwMgr_iface;
    LONG refs;
};

static struct fw_mgr *mgr_impl(INetFwMgr *iface)
{
    return CONTAINING_RECORD(iface, struct fw_mgr, INetFwMgr_iface);
}

static HRESULT WINAPI mgr_QueryInterface(INetFwMgr *iface, REFIID riid, void **out)
{
    if (!out)
        return E_POINTER;
    if (IsEqualGUID(riid, &IID_IUnknown) || IsEqualGUID(riid, &IID_IDispatch) || IsEqualGUID(riid, &IID_INetFwMgr))
    {
        *out = iface;
        INetFwMgr_AddRef(iface);
        return S_OK;
    }
    *out = NULL;
    return E_NOINTERFACE;
}

static ULONG WINAPI mgr_AddRef(INetFwMgr *iface)
{
    return InterlockedIncrement(&mgr_impl(iface)->refs);
}

static ULONG WINAPI mgr_Release(INetFwMgr *iface)
{
    struct fw_mgr *o = mgr_impl(iface);
    LONG refs = InterlockedDecrement(&o->refs);

    if (!refs)
    {
        HeapFree(GetProcessHeap(), 0, o);
        ohn_object_destroyed();
    }
    return refs;
}

OHN_IMPL_IDISPATCH(mgr, INetFwMgr, tid_INetFwMgr)

static HRESULT WINAPI mgr_get_LocalPolicy(INetFwMgr *iface, INetFwPolicy **out)
{
    struct fw_policy *o;

    if (!out)
        return E_POINTER;
    *out = NULL;
    if (!(o = HeapAlloc(GetProcessHeap(), 0, sizeof(*o))))
        return E_OUTOFMEMORY;
    o->INetFwPolicy_iface.lpVtbl = &policy_vtbl;
    o->refs = 1;
    ohn_object_created();
    *out = &o->INetFwPolicy_iface;
    return S_OK;
}

static HRESULT WINAPI mgr_get_CurrentProfileType(INetFwMgr *iface, NET_FW_PROFILE_TYPE *out)
{
    if (!out)
        return E_POINTER;
    *out = fw_profile_bit(NET_FW_PROFILE_CURRENT) == OHN_FW_PROFILE_DOMAIN ? NET_FW_PROFILE_DOMAIN
                                                                          : NET_FW_PROFILE_STANDARD;
    return S_OK;
}

static HRESULT WINAPI mgr_RestoreDefaults(INetFwMgr *iface)
{
    return fwstore_restore_defaults();
}

/* The answer for the current profiles: the firewall, then "block all", then the rules (and for
 * ICMP the ICMP settings). */
static HRESULT answer(unsigned protocol, unsigned port, const WCHAR *app, int icmp_type, VARIANT *allowed,
                      VARIANT *restricted)
{
    DWORD current, enabled = 1, block_all = 0;
    struct fw_list list;
    BOOL any_off = FALSE, blocked_all = FALSE, allow = FALSE, block = FALSE, open_somewhere = FALSE;
    BOOL unrestricted = FALSE;
    unsigned bit;
    HRESULT hr;
    ULONG i;

    if (FAILED(hr = fwstore_get_current_profiles(&current)) || FAILED(hr = fwstore_list(&list)))
        return hr;
    for (bit = OHN_FW_PROFILE_DOMAIN; bit <= OHN_FW_PROFILE_PUBLIC; bit <<= 1)
    {
        if (!(current & bit))
            continue;
        fwstore_get_setting(bit, FW_SETTING_ENABLED, &enabled);
        fwstore_get_setting(bit, FW_SETTING_BLOCK_ALL_INBOUND, &block_all);
        any_off |= !enabled;
        blocked_all |= enabled && block_all;
        if (icmp_type >= 0 && fw_icmp_allows(bit, (unsigned)icmp_type))
            open_somewhere = unrestricted = TRUE;
    }
    for (i = 0; i < list.count; i++)
    {
        const struct ohn_fw_rule *r = &list.items[i].rule;
        int limited, verdict = ohn_fw_rule_verdict(r, current, protocol, port, ohn_str(app), &limited);

        if (verdict && icmp_type >= 0 && r->s[OHN_FW_ICMP] &&
            !ohn_fw_icmp_contains(r->s[OHN_FW_ICMP], (unsigned)icmp_type, 256))
            verdict = 0;
        if (verdict < 0)
            block = TRUE;
        else if (verdict > 0)
        {
            allow = TRUE;
            unrestricted |= !limited;
        }
    }
    fwstore_list_free(&list);
    V_VT(allowed) = VT_BOOL;
    V_VT(restricted) = VT_BOOL;
    if (any_off)
        V_BOOL(allowed) = VARIANT_TRUE, V_BOOL(restricted) = VARIANT_FALSE;
    else if (blocked_all || block || (!allow && !open_somewhere))
        V_BOOL(allowed) = VARIANT_FALSE, V_BOOL(restricted) = VARIANT_FALSE;
    else
        V_BOOL(allowed) = VARIANT_TRUE, V_BOOL(restricted) = unrestricted ? VARIANT_FALSE : VARIANT_TRUE;
    return S_OK;
}

static HRESULT check_address(NET_FW_IP_VERSION version, BSTR address)
{
    struct ohn_fw_rule probe;
    size_t len;
    HRESULT hr;

    if (version < NET_FW_IP_VERSION_V4 || version >= NET_FW_IP_VERSION_MAX)
        return E_INVALIDARG;
    if ((hr = ohn_in_string(address, 64, S_FALSE, &len)) != S_OK)
        return hr == S_FALSE ? S_OK : hr; /* NULL: any local address */
    if (!len)
        return S_OK;
    ohn_fw_rule_init(&probe);
    hr = fw_hr(ohn_fw_set(&probe, OHN_FW_LADDRS, ohn_str(address), len));
    ohn_fw_rule_free(&probe);
    return hr;
}

static HRESULT WINAPI mgr_IsPortAllowed(INetFwMgr *iface, BSTR image, NET_FW_IP_VERSION version, LONG port,
                                        BSTR local_address, NET_FW_IP_PROTOCOL protocol, VARIANT *allowed,
                                        VARIANT *restricted)
{
    size_t len;
    HRESULT hr;

    if (!allowed || !restricted)
        return E_POINTER;
    VariantInit(allowed);
    VariantInit(restricted);
    if (port < 1 || port > 65535 || (protocol != NET_FW_IP_PROTOCOL_TCP && protocol != NET_FW_IP_PROTOCOL_UDP))
        return E_INVALIDARG;
    if (FAILED(hr = check_address(version, local_address)))
        return hr;
    if ((hr = ohn_in_string(image, OHN_FW_STR_MAX, S_FALSE, &len)) == S_FALSE || !len)
        image = NULL;
    else if (FAILED(hr))
        return hr;
    return answer(protocol, (unsigned)port, image, -1, allowed, restricted);
}

static HRESULT WINAPI mgr_IsIcmpTypeAllowed(INetFwMgr *iface, NET_FW_IP_VERSION version, BSTR local_address,
                                            BYTE type, VARIANT *allowed, VARIANT *restricted)
{
    HRESULT hr;

    if (!allowed || !restricted)
        return E_POINTER;
    VariantInit(allowed);
    VariantInit(restricted);
    if (FAILED(hr = check_address(version, local_address)))
        return hr;
    /* ICMPv4 rules for V4, ICMPv6 rules for V6; either for ANY (the v4 answer, as XP had). */
    return answer(version == NET_FW_IP_VERSION_V6 ? OHN_FW_PROTO_ICMP6 : OHN_FW_PROTO_ICMP4, 0, NULL, type, allowed,
                  restricted);
}

static const INetFwMgrVtbl mgr_vtbl = {
    mgr_QueryInterface,  mgr_AddRef,           mgr_Release,          mgr_GetTypeInfoCount,
    mgr_GetTypeInfo,     mgr_GetIDsOfNames,    mgr_Invoke,           mgr_get_LocalPolicy,
    mgr_get_CurrentProfileType, mgr_RestoreDefaults, mgr_IsPortAllowed, mgr_IsIcmpTypeAllowed,
};

HRESULT fw_mgr_create(IUnknown *outer, REFIID riid, void **out)
{
    struct fw_mgr *o;
    HRESULT hr;

    *out = NULL;
    if (!(o = HeapAlloc(GetProcessHeap(), 0, sizeof(*o))))
        return E_OUTOFMEMORY;
    o->INetFwMgr_iface.lpVtbl = &mgr_vtbl;
    o->refs = 1;
    ohn_object_created();
    hr = INetFwMgr_QueryInterface(&o->INetFwMgr_iface, riid, out);
    INetFwMgr_Release(&o->INetFwMgr_iface);
    return hr;
}
