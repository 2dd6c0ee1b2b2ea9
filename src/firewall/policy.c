/*
 * NetFwPolicy2: INetFwPolicy2 over the firewall store.
 *
 * A per-profile property takes one profile (NET_FW_PROFILE2_DOMAIN, _PRIVATE or _PUBLIC), as
 * the documentation asks; anything else is E_INVALIDARG. CurrentProfileTypes is what
 * `hnetmap firewall profile` set, private otherwise: this is the configuration programs read,
 * and nothing classifies the host's networks. ServiceRestriction (Windows Service Hardening)
 * is restriction.c's.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdlib.h>

#include "firewall/firewall.h"

struct fw_policy2
{
    INetFwPolicy2 INetFwPolicy2_iface;
    LONG refs;
    INetFwRules *rules; /* made by the first get_Rules, then the same one (as Windows) */
};

static struct fw_policy2 *impl(INetFwPolicy2 *iface)
{
    return CONTAINING_RECORD(iface, struct fw_policy2, INetFwPolicy2_iface);
}

static HRESULT WINAPI policy_QueryInterface(INetFwPolicy2 *iface, REFIID riid, void **out)
{
    if (!out)
        return E_POINTER;
    if (IsEqualGUID(riid, &IID_IUnknown) || IsEqualGUID(riid, &IID_IDispatch) ||
        IsEqualGUID(riid, &IID_INetFwPolicy2))
    {
        *out = iface;
        INetFwPolicy2_AddRef(iface);
        return S_OK;
    }
    *out = NULL;
    return E_NOINTERFACE;
}

static ULONG WINAPI policy_AddRef(INetFwPolicy2 *iface)
{
    return InterlockedIncrement(&impl(iface)->refs);
}

static ULONG WINAPI policy_Release(INetFwPolicy2 *iface)
{
    struct fw_policy2 *o = impl(iface);
    LONG refs = InterlockedDecrement(&o->refs);

    if (!refs)
    {
        if (o->rules)
            INetFwRules_Release(o->rules);
        HeapFree(GetProcessHeap(), 0, o);
        ohn_object_destroyed();
    }
    return refs;
}

OHN_IMPL_IDISPATCH(policy, INetFwPolicy2, tid_INetFwPolicy2)

static BOOL one_profile(NET_FW_PROFILE_TYPE2 profile)
{
    return profile == NET_FW_PROFILE2_DOMAIN || profile == NET_FW_PROFILE2_PRIVATE || profile == NET_FW_PROFILE2_PUBLIC;
}

static HRESULT get_bool(NET_FW_PROFILE_TYPE2 profile, enum fw_setting setting, VARIANT_BOOL *out)
{
    DWORD value;
    HRESULT hr;

    if (!out)
        return E_POINTER;
    if (!one_profile(profile))
        return E_INVALIDARG;
    if (SUCCEEDED(hr = fwstore_get_setting(profile, setting, &value)))
        *out = value ? VARIANT_TRUE : VARIANT_FALSE;
    return hr;
}

static HRESULT put_bool(NET_FW_PROFILE_TYPE2 profile, enum fw_setting setting, VARIANT_BOOL value)
{
    if (!one_profile(profile))
        return E_INVALIDARG;
    return fwstore_set_setting(profile, setting, value != VARIANT_FALSE);
}

static HRESULT WINAPI policy_get_CurrentProfileTypes(INetFwPolicy2 *iface, LONG *out)
{
    DWORD profiles;
    HRESULT hr;

    if (!out)
        return E_POINTER;
    if (SUCCEEDED(hr = fwstore_get_current_profiles(&profiles)))
        *out = (LONG)profiles;
    return hr;
}

static HRESULT WINAPI policy_get_FirewallEnabled(INetFwPolicy2 *iface, NET_FW_PROFILE_TYPE2 profile, VARIANT_BOOL *out)
{
    return get_bool(profile, FW_SETTING_ENABLED, out);
}

static HRESULT WINAPI policy_put_FirewallEnabled(INetFwPolicy2 *iface, NET_FW_PROFILE_TYPE2 profile, VARIANT_BOOL value)
{
    return put_bool(profile, FW_SETTING_ENABLED, value);
}

static HRESULT WINAPI policy_get_ExcludedInterfaces(INetFwPolicy2 *iface, NET_FW_PROFILE_TYPE2 profile, VARIANT *out)
{
    WCHAR *multi;
    DWORD chars, i;
    ohn_char *list;
    HRESULT hr;

    if (!out)
        return E_POINTER;
    VariantInit(out);
    if (!one_profile(profile))
        return E_INVALIDARG;
    if (FAILED(hr = fwstore_get_excluded(profile, &multi, &chars)))
        return hr;
    if (!multi)
        return S_OK;
    /* The strings of the REG_MULTI_SZ, comma-separated, as the core's list of GUIDs. */
    for (i = 0; i + 1 < chars; i++)
        if (!multi[i] && multi[i + 1])
            multi[i] = ',';
    list = (ohn_char *)multi;
    {
        struct ohn_fw_rule probe;

        ohn_fw_rule_init(&probe);
        if (ohn_fw_set(&probe, OHN_FW_IFS, list, ohn_fw_strlen(list)) == OHN_OK)
            hr = fw_interfaces_to_variant(probe.s[OHN_FW_IFS], out);
        ohn_fw_rule_free(&probe); /* a value that is not a list of GUIDs reads as none */
    }
    HeapFree(GetProcessHeap(), 0, multi);
    return hr;
}

static HRESULT WINAPI policy_put_ExcludedInterfaces(INetFwPolicy2 *iface, NET_FW_PROFILE_TYPE2 profile, VARIANT value)
{
    ohn_char *list;
    size_t len, i;
    HRESULT hr;

    if (!one_profile(profile))
        return E_INVALIDARG;
    if (FAILED(hr = fw_interfaces_from_variant(&value, &list)))
        return hr;
    len = ohn_fw_strlen(list);
    if (!len)
        return fwstore_set_excluded(profile, NULL, 0);
    {
        /* "{a},{b}" -> "{a}\0{b}\0\0" */
        WCHAR *multi = HeapAlloc(GetProcessHeap(), 0, (len + 2) * sizeof(WCHAR));

        if (!multi)
            hr = E_OUTOFMEMORY;
        else
        {
            for (i = 0; i < len; i++)
                multi[i] = list[i] == ',' ? 0 : list[i];
            multi[len] = multi[len + 1] = 0;
            hr = fwstore_set_excluded(profile, multi, (DWORD)len + 2);
            HeapFree(GetProcessHeap(), 0, multi);
        }
    }
    free(list);
    return hr;
}

static HRESULT WINAPI policy_get_BlockAllInboundTraffic(INetFwPolicy2 *iface, NET_FW_PROFILE_TYPE2 profile,
                                                        VARIANT_BOOL *out)
{
    return get_bool(profile, FW_SETTING_BLOCK_ALL_INBOUND, out);
}

static HRESULT WINAPI policy_put_BlockAllInboundTraffic(INetFwPolicy2 *iface, NET_FW_PROFILE_TYPE2 profile,
                                                        VARIANT_BOOL value)
{
    return put_bool(profile, FW_SETTING_BLOCK_ALL_INBOUND, value);
}

static HRESULT WINAPI policy_get_NotificationsDisabled(INetFwPolicy2 *iface, NET_FW_PROFILE_TYPE2 profile,
                                                       VARIANT_BOOL *out)
{
    return get_bool(profile, FW_SETTING_NOTIFICATIONS_DISABLED, out);
}

static HRESULT WINAPI policy_put_NotificationsDisabled(INetFwPolicy2 *iface, NET_FW_PROFILE_TYPE2 profile,
                                                       VARIANT_BOOL value)
{
    return put_bool(profile, FW_SETTING_NOTIFICATIONS_DISABLED, value);
}

static HRESULT WINAPI policy_get_UnicastResponsesToMulticastBroadcastDisabled(INetFwPolicy2 *iface,
                                                                              NET_FW_PROFILE_TYPE2 profile,
                                                                              VARIANT_BOOL *out)
{
    return get_bool(profile, FW_SETTING_UNICAST_DISABLED, out);
}

static HRESULT WINAPI policy_put_UnicastResponsesToMulticastBroadcastDisabled(INetFwPolicy2 *iface,
                                                                              NET_FW_PROFILE_TYPE2 profile,
                                                                              VARIANT_BOOL value)
{
    return put_bool(profile, FW_SETTING_UNICAST_DISABLED, value);
}

/* One rules object per policy object: every get_Rules gives the same one (Windows does, and
 * Wine's conformance test checks it). It holds no state of its own: every call reads the store. */
static HRESULT WINAPI policy_get_Rules(INetFwPolicy2 *iface, INetFwRules **out)
{
    struct fw_policy2 *o = impl(iface);
    INetFwRules *made;
    HRESULT hr;

    if (!out)
        return E_POINTER;
    *out = NULL;
    if (!o->rules)
    {
        if (FAILED(hr = fw_rules_create(&made)))
            return hr;
        if (InterlockedCompareExchangePointer((void **)&o->rules, made, NULL))
            INetFwRules_Release(made); /* another thread was first */
    }
    INetFwRules_AddRef(o->rules);
    *out = o->rules;
    return S_OK;
}

static HRESULT WINAPI policy_get_ServiceRestriction(INetFwPolicy2 *iface, INetFwServiceRestriction **out)
{
    if (!out)
        return E_POINTER;
    return fw_restriction_create(out);
}

/* Rule groups: the rules whose Grouping is group (ASCII case ignored) and that apply to at
 * least one of the profiles asked. */
struct group_query
{
    const WCHAR *group;
    unsigned profiles;
    BOOL enable;
    ULONG enabled;
};

static BOOL in_group(const struct ohn_fw_rule *rule, void *context)
{
    struct group_query *q = context;

    return rule->s[OHN_FW_GROUP] && ohn_fw_streq_nocase(rule->s[OHN_FW_GROUP], ohn_str(q->group)) &&
           (rule->profiles & q->profiles);
}

static HRESULT set_enabled(struct ohn_fw_rule *rule, void *context)
{
    rule->enabled = ((struct group_query *)context)->enable ? 1 : 0;
    return S_OK;
}

static HRESULT group_args(LONG profiles, BSTR group, struct group_query *q)
{
    size_t len;
    HRESULT hr;

    if (profiles == NET_FW_PROFILE2_ALL)
        profiles = OHN_FW_PROFILE_ALL;
    if (profiles < 1 || profiles > OHN_FW_PROFILE_ALL)
        return E_INVALIDARG;
    if (FAILED(hr = ohn_in_string(group, OHN_FW_STR_MAX, E_INVALIDARG, &len)) || !len)
        return E_INVALIDARG;
    q->group = group;
    q->profiles = (unsigned)profiles;
    return S_OK;
}

/* A group with no rule is not an error: there is nothing to change. */
static HRESULT WINAPI policy_EnableRuleGroup(INetFwPolicy2 *iface, LONG profiles, BSTR group, VARIANT_BOOL enable)
{
    struct group_query q = {0};
    ULONG matched;
    HRESULT hr;

    if (FAILED(hr = group_args(profiles, group, &q)))
        return hr;
    q.enable = enable != VARIANT_FALSE;
    return fwstore_update_all(in_group, set_enabled, &q, &matched);
}

/* TRUE when the group has rules for those profiles and every one of them is enabled. */
static HRESULT group_enabled(struct group_query *q, VARIANT_BOOL *out)
{
    struct fw_list list;
    ULONG i, matched = 0, enabled = 0;
    HRESULT hr;

    if (FAILED(hr = fwstore_list(&list)))
        return hr;
    for (i = 0; i < list.count; i++)
        if (in_group(&list.items[i].rule, q))
        {
            matched++;
            enabled += list.items[i].rule.enabled ? 1 : 0;
        }
    fwstore_list_free(&list);
    *out = matched && matched == enabled ? VARIANT_TRUE : VARIANT_FALSE;
    return S_OK;
}

static HRESULT WINAPI policy_IsRuleGroupEnabled(INetFwPolicy2 *iface, LONG profiles, BSTR group, VARIANT_BOOL *out)
{
    struct group_query q = {0};
    HRESULT hr;

    if (!out)
        return E_POINTER;
    if (FAILED(hr = group_args(profiles, group, &q)))
        return hr;
    return group_enabled(&q, out);
}

static HRESULT WINAPI policy_RestoreLocalFirewallDefaults(INetFwPolicy2 *iface)
{
    return fwstore_restore_defaults();
}

static HRESULT get_action(NET_FW_PROFILE_TYPE2 profile, enum fw_setting setting, NET_FW_ACTION *out)
{
    DWORD value;
    HRESULT hr;

    if (!out)
        return E_POINTER;
    if (!one_profile(profile))
        return E_INVALIDARG;
    if (SUCCEEDED(hr = fwstore_get_setting(profile, setting, &value)))
        *out = (NET_FW_ACTION)value;
    return hr;
}

static HRESULT put_action(NET_FW_PROFILE_TYPE2 profile, enum fw_setting setting, NET_FW_ACTION action)
{
    if (!one_profile(profile) || (action != NET_FW_ACTION_BLOCK && action != NET_FW_ACTION_ALLOW))
        return E_INVALIDARG;
    return fwstore_set_setting(profile, setting, action);
}

static HRESULT WINAPI policy_get_DefaultInboundAction(INetFwPolicy2 *iface, NET_FW_PROFILE_TYPE2 profile,
                                                      NET_FW_ACTION *out)
{
    return get_action(profile, FW_SETTING_DEFAULT_INBOUND, out);
}

static HRESULT WINAPI policy_put_DefaultInboundAction(INetFwPolicy2 *iface, NET_FW_PROFILE_TYPE2 profile,
                                                      NET_FW_ACTION action)
{
    return put_action(profile, FW_SETTING_DEFAULT_INBOUND, action);
}

static HRESULT WINAPI policy_get_DefaultOutboundAction(INetFwPolicy2 *iface, NET_FW_PROFILE_TYPE2 profile,
                                                       NET_FW_ACTION *out)
{
    return get_action(profile, FW_SETTING_DEFAULT_OUTBOUND, out);
}

static HRESULT WINAPI policy_put_DefaultOutboundAction(INetFwPolicy2 *iface, NET_FW_PROFILE_TYPE2 profile,
                                                       NET_FW_ACTION action)
{
    return put_action(profile, FW_SETTING_DEFAULT_OUTBOUND, action);
}

static HRESULT WINAPI policy_get_IsRuleGroupCurrentlyEnabled(INetFwPolicy2 *iface, BSTR group, VARIANT_BOOL *out)
{
    struct group_query q = {0};
    DWORD current;
    HRESULT hr;

    if (!out)
        return E_POINTER;
    if (FAILED(hr = fwstore_get_current_profiles(&current)) || FAILED(hr = group_args((LONG)current, group, &q)))
        return hr;
    return group_enabled(&q, out);
}

/* Nothing overrides the local policy here (no group policy); INBOUND_BLOCKED when a current
 * profile blocks every inbound connection, as Windows reports it. */
static HRESULT WINAPI policy_get_LocalPolicyModifyState(INetFwPolicy2 *iface, NET_FW_MODIFY_STATE *out)
{
    DWORD current, block;
    unsigned bit;
    HRESULT hr;

    if (!out)
        return E_POINTER;
    *out = NET_FW_MODIFY_STATE_OK;
    if (FAILED(hr = fwstore_get_current_profiles(&current)))
        return hr;
    for (bit = 1; bit <= OHN_FW_PROFILE_PUBLIC; bit <<= 1)
        if ((current & bit) && SUCCEEDED(fwstore_get_setting(bit, FW_SETTING_BLOCK_ALL_INBOUND, &block)) && block)
            *out = NET_FW_MODIFY_STATE_INBOUND_BLOCKED;
    return S_OK;
}

static const INetFwPolicy2Vtbl policy_vtbl = {
    policy_QueryInterface,
    policy_AddRef,
    policy_Release,
    policy_GetTypeInfoCount,
    policy_GetTypeInfo,
    policy_GetIDsOfNames,
    policy_Invoke,
    policy_get_CurrentProfileTypes,
    policy_get_FirewallEnabled,
    policy_put_FirewallEnabled,
    policy_get_ExcludedInterfaces,
    policy_put_ExcludedInterfaces,
    policy_get_BlockAllInboundTraffic,
    policy_put_BlockAllInboundTraffic,
    policy_get_NotificationsDisabled,
    policy_put_NotificationsDisabled,
    policy_get_UnicastResponsesToMulticastBroadcastDisabled,
    policy_put_UnicastResponsesToMulticastBroadcastDisabled,
    policy_get_Rules,
    policy_get_ServiceRestriction,
    policy_EnableRuleGroup,
    policy_IsRuleGroupEnabled,
    policy_RestoreLocalFirewallDefaults,
    policy_get_DefaultInboundAction,
    policy_put_DefaultInboundAction,
    policy_get_DefaultOutboundAction,
    policy_put_DefaultOutboundAction,
    policy_get_IsRuleGroupCurrentlyEnabled,
    policy_get_LocalPolicyModifyState,
};

HRESULT fw_policy2_create(IUnknown *outer, REFIID riid, void **out)
{
    struct fw_policy2 *o;
    HRESULT hr;

    *out = NULL;
    if (!(o = HeapAlloc(GetProcessHeap(), 0, sizeof(*o))))
        return E_OUTOFMEMORY;
    o->INetFwPolicy2_iface.lpVtbl = &policy_vtbl;
    o->refs = 1;
    o->rules = NULL;
    ohn_object_created();
    hr = INetFwPolicy2_QueryInterface(&o->INetFwPolicy2_iface, riid, out);
    INetFwPolicy2_Release(&o->INetFwPolicy2_iface);
    return hr;
}
