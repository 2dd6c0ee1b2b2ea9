/*
 * What the Windows XP objects share, below legacy.c (the applications and open ports) and
 * settings.c (services, ICMP, remote administration): a rule's scope and enabled state as the
 * XP properties see them, their IpVersion, and the XP services with their ports and rule
 * groups.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "firewall/views.h"

/* ---- scope ---- */

NET_FW_SCOPE fw_scope_of(const struct ohn_fw_rule *rule)
{
    static const WCHAR local_subnet[] = L"LocalSubnet";

    if (!rule->s[OHN_FW_RADDRS])
        return NET_FW_SCOPE_ALL;
    if (!lstrcmpW((const WCHAR *)rule->s[OHN_FW_RADDRS], local_subnet))
        return NET_FW_SCOPE_LOCAL_SUBNET;
    return NET_FW_SCOPE_CUSTOM;
}

HRESULT fw_apply_scope(struct ohn_fw_rule *rule, void *context)
{
    NET_FW_SCOPE scope = *(NET_FW_SCOPE *)context;

    switch (scope)
    {
    case NET_FW_SCOPE_ALL:
        return fw_hr(ohn_fw_set(rule, OHN_FW_RADDRS, NULL, 0));
    case NET_FW_SCOPE_LOCAL_SUBNET:
        return fw_hr(ohn_fw_set(rule, OHN_FW_RADDRS, ohn_str(L"LocalSubnet"), 11));
    case NET_FW_SCOPE_CUSTOM:
        /* A custom scope is its addresses: set them with RemoteAddresses. */
        return fw_scope_of(rule) == NET_FW_SCOPE_CUSTOM ? S_OK : E_INVALIDARG;
    default:
        return E_INVALIDARG;
    }
}

HRESULT fw_get_scope(struct fw_holder *h, NET_FW_SCOPE *out)
{
    struct ohn_fw_rule rule;
    HRESULT hr;

    if (!out)
        return E_POINTER;
    if (SUCCEEDED(hr = fw_holder_read(h, &rule)))
    {
        *out = fw_scope_of(&rule);
        ohn_fw_rule_free(&rule);
    }
    return hr;
}

HRESULT fw_apply_enabled(struct ohn_fw_rule *rule, void *context)
{
    rule->enabled = *(BOOL *)context ? 1 : 0;
    return S_OK;
}

HRESULT fw_put_enabled(struct fw_holder *h, VARIANT_BOOL value)
{
    BOOL enabled = value != VARIANT_FALSE;

    return fw_holder_change(h, fw_apply_enabled, &enabled);
}

HRESULT fw_get_enabled(struct fw_holder *h, VARIANT_BOOL *out)
{
    struct ohn_fw_rule rule;
    HRESULT hr;

    if (!out)
        return E_POINTER;
    if (SUCCEEDED(hr = fw_holder_read(h, &rule)))
    {
        *out = rule.enabled ? VARIANT_TRUE : VARIANT_FALSE;
        ohn_fw_rule_free(&rule);
    }
    return hr;
}

/* ---- IpVersion ---- */

HRESULT fw_get_ip_any(NET_FW_IP_VERSION *out)
{
    if (!out)
        return E_POINTER;
    *out = NET_FW_IP_VERSION_ANY;
    return S_OK;
}

HRESULT fw_put_ip_any(NET_FW_IP_VERSION value)
{
    return value == NET_FW_IP_VERSION_ANY ? S_OK : E_INVALIDARG;
}

/* ---- the XP services ---- */

const struct fw_xp_service fw_xp_services[3] = {
    [NET_FW_SERVICE_FILE_AND_PRINT] = {L"File and Printer Sharing", {{6, 139}, {6, 445}, {17, 137}, {17, 138}}, 4},
    [NET_FW_SERVICE_UPNP] = {L"UPnP Framework", {{6, 2869}, {17, 1900}}, 2},
    [NET_FW_SERVICE_REMOTE_DESKTOP] = {L"Remote Desktop", {{6, 3389}}, 1},
};

BOOL fw_service_group(const ohn_char *group)
{
    unsigned i;

    for (i = 0; group && i < ARRAY_SIZE(fw_xp_services); i++)
        if (ohn_fw_streq_nocase(group, ohn_str(fw_xp_services[i].name)))
            return TRUE;
    return FALSE;
}
