/*
 * INetFwProfile's settings objects: IcmpSettings and RemoteAdminSettings, stored as values of
 * the profile (store/firewall.h, under Windows XP's value names), and Services, whose ports are
 * rules of the service's group (so INetFwRules lists them, and EnableRuleGroup turns a service
 * on and off).
 *
 * The services and their ports, as Windows XP opens them: File and Printer Sharing (TCP 139,
 * 445; UDP 137, 138), UPnP Framework (TCP 2869; UDP 1900), Remote Desktop (TCP 3389). A
 * service's Enabled is TRUE when every one of its ports has an enabled rule in the profile; its
 * puts make the rules that are missing and change all of them. Customized is always FALSE:
 * there is no stock configuration here to differ from.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdlib.h>

#include "firewall/legacy.h"
#include "firewall/views.h"

/* Each object of this file is a dispatch interface, a profile and maybe a service type. */
struct fw_setting_obj
{
    IDispatch iface;
    LONG refs;
    enum ohn_tid tid;
    const IID *iid;
    unsigned profile;
    NET_FW_SERVICE_TYPE service;
};

static struct fw_setting_obj *impl(void *iface)
{
    return CONTAINING_RECORD(iface, struct fw_setting_obj, iface);
}

static HRESULT WINAPI obj_QueryInterface(IDispatch *iface, REFIID riid, void **out)
{
    if (!out)
        return E_POINTER;
    if (IsEqualGUID(riid, &IID_IUnknown) || IsEqualGUID(riid, &IID_IDispatch) || IsEqualGUID(riid, impl(iface)->iid))
    {
        *out = iface;
        IDispatch_AddRef(iface);
        return S_OK;
    }
    *out = NULL;
    return E_NOINTERFACE;
}

static ULONG WINAPI obj_AddRef(IDispatch *iface)
{
    return InterlockedIncrement(&impl(iface)->refs);
}

static ULONG WINAPI obj_Release(IDispatch *iface)
{
    struct fw_setting_obj *o = impl(iface);
    LONG refs = InterlockedDecrement(&o->refs);

    if (!refs)
    {
        HeapFree(GetProcessHeap(), 0, o);
        ohn_object_destroyed();
    }
    return refs;
}

static HRESULT WINAPI obj_GetTypeInfoCount(IDispatch *iface, UINT *count)
{
    if (!count)
        return E_POINTER;
    *count = 1;
    return S_OK;
}

static HRESULT WINAPI obj_GetTypeInfo(IDispatch *iface, UINT index, LCID lcid, ITypeInfo **info)
{
    if (!info)
        return E_POINTER;
    *info = NULL;
    if (index)
        return DISP_E_BADINDEX;
    return ohn_get_typeinfo(impl(iface)->tid, info);
}

static HRESULT WINAPI obj_GetIDsOfNames(IDispatch *iface, REFIID riid, LPOLESTR *names, UINT count, LCID lcid,
                                        DISPID *ids)
{
    return ohn_dispatch_get_ids(impl(iface)->tid, names, count, ids);
}

static HRESULT WINAPI obj_Invoke(IDispatch *iface, DISPID id, REFIID riid, LCID lcid, WORD flags, DISPPARAMS *params,
                                 VARIANT *result, EXCEPINFO *excep, UINT *arg_err)
{
    return ohn_dispatch_invoke(impl(iface)->tid, iface, id, flags, params, result, excep, arg_err);
}

#define OBJ_IUNKNOWN_IDISPATCH                                                                           \
    (void *)obj_QueryInterface, (void *)obj_AddRef, (void *)obj_Release, (void *)obj_GetTypeInfoCount, \
        (void *)obj_GetTypeInfo, (void *)obj_GetIDsOfNames, (void *)obj_Invoke

static HRESULT obj_new(const void *vtbl, enum ohn_tid tid, const IID *iid, unsigned profile,
                       NET_FW_SERVICE_TYPE service, void **out)
{
    struct fw_setting_obj *o;

    *out = NULL;
    if (!(o = HeapAlloc(GetProcessHeap(), 0, sizeof(*o))))
        return E_OUTOFMEMORY;
    o->iface.lpVtbl = (IDispatchVtbl *)vtbl;
    o->refs = 1;
    o->tid = tid;
    o->iid = iid;
    o->profile = profile;
    o->service = service;
    ohn_object_created();
    *out = &o->iface;
    return S_OK;
}

static HRESULT get_bool(unsigned profile, const WCHAR *subkey, const WCHAR *name, VARIANT_BOOL *out)
{
    DWORD v;
    HRESULT hr;

    if (!out)
        return E_POINTER;
    if (SUCCEEDED(hr = fwstore_get_profile_dword(profile, subkey, name, 0, &v)))
        *out = v ? VARIANT_TRUE : VARIANT_FALSE;
    return hr;
}

static HRESULT put_bool(unsigned profile, const WCHAR *subkey, const WCHAR *name, VARIANT_BOOL value)
{
    return fwstore_set_profile_dword(profile, subkey, name, value != VARIANT_FALSE);
}

/* ---- IcmpSettings ---- */

#define ICMP_KEY L"IcmpSettings"

#define ICMP_PROPERTY(Name)                                                                 \
    static HRESULT WINAPI icmp_get_##Name(INetFwIcmpSettings *iface, VARIANT_BOOL *out)     \
    {                                                                                       \
        return get_bool(impl(iface)->profile, ICMP_KEY, L## #Name, out);                    \
    }                                                                                       \
    static HRESULT WINAPI icmp_put_##Name(INetFwIcmpSettings *iface, VARIANT_BOOL value)    \
    {                                                                                       \
        return put_bool(impl(iface)->profile, ICMP_KEY, L## #Name, value);                  \
    }

ICMP_PROPERTY(AllowOutboundDestinationUnreachable)
ICMP_PROPERTY(AllowRedirect)
ICMP_PROPERTY(AllowInboundEchoRequest)
ICMP_PROPERTY(AllowOutboundTimeExceeded)
ICMP_PROPERTY(AllowOutboundParameterProblem)
ICMP_PROPERTY(AllowOutboundSourceQuench)
ICMP_PROPERTY(AllowInboundRouterRequest)
ICMP_PROPERTY(AllowInboundTimestampRequest)
ICMP_PROPERTY(AllowInboundMaskRequest)
ICMP_PROPERTY(AllowOutboundPacketTooBig)

static const INetFwIcmpSettingsVtbl icmp_vtbl = {
    OBJ_IUNKNOWN_IDISPATCH,
    icmp_get_AllowOutboundDestinationUnreachable, icmp_put_AllowOutboundDestinationUnreachable,
    icmp_get_AllowRedirect,                       icmp_put_AllowRedirect,
    icmp_get_AllowInboundEchoRequest,             icmp_put_AllowInboundEchoRequest,
    icmp_get_AllowOutboundTimeExceeded,           icmp_put_AllowOutboundTimeExceeded,
    icmp_get_AllowOutboundParameterProblem,       icmp_put_AllowOutboundParameterProblem,
    icmp_get_AllowOutboundSourceQuench,           icmp_put_AllowOutboundSourceQuench,
    icmp_get_AllowInboundRouterRequest,           icmp_put_AllowInboundRouterRequest,
    icmp_get_AllowInboundTimestampRequest,        icmp_put_AllowInboundTimestampRequest,
    icmp_get_AllowInboundMaskRequest,             icmp_put_AllowInboundMaskRequest,
    icmp_get_AllowOutboundPacketTooBig,           icmp_put_AllowOutboundPacketTooBig,
};

HRESULT fw_icmp_create(unsigned profile, INetFwIcmpSettings **out)
{
    return obj_new(&icmp_vtbl, tid_INetFwIcmpSettings, &IID_INetFwIcmpSettings, profile, 0, (void **)out);
}

BOOL fw_icmp_allows(unsigned profile, unsigned type)
{
    const WCHAR *name;
    DWORD v = 0;

    switch (type)
    {
    case 8: name = L"AllowInboundEchoRequest"; break;
    case 10: name = L"AllowInboundRouterRequest"; break;
    case 13: name = L"AllowInboundTimestampRequest"; break;
    case 17: name = L"AllowInboundMaskRequest"; break;
    default: return FALSE;
    }
    return SUCCEEDED(fwstore_get_profile_dword(profile, ICMP_KEY, name, 0, &v)) && v;
}

/* ---- RemoteAdminSettings ---- */

#define ADMIN_KEY L"RemoteAdminSettings"

static HRESULT WINAPI admin_get_IpVersion(INetFwRemoteAdminSettings *iface, NET_FW_IP_VERSION *out)
{
    return fw_get_ip_any(out);
}

static HRESULT WINAPI admin_put_IpVersion(INetFwRemoteAdminSettings *iface, NET_FW_IP_VERSION value)
{
    return fw_put_ip_any(value);
}

/* The addresses as a rule holds them (canonical, NULL for "*"). */
static HRESULT admin_addresses(unsigned profile, struct ohn_fw_rule *rule)
{
    WCHAR buf[OHN_FW_STR_MAX + 1];
    HRESULT hr;

    ohn_fw_rule_init(rule);
    if ((hr = fwstore_get_profile_string(profile, ADMIN_KEY, L"RemoteAddresses", buf, ARRAY_SIZE(buf))) != S_OK)
        return SUCCEEDED(hr) ? S_OK : hr;
    ohn_fw_set(rule, OHN_FW_RADDRS, ohn_str(buf), lstrlenW(buf)); /* a stored value that is no list: "*" */
    return S_OK;
}

static HRESULT admin_store(unsigned profile, const struct ohn_fw_rule *rule)
{
    return fwstore_set_profile_string(profile, ADMIN_KEY, L"RemoteAddresses",
                                      rule->s[OHN_FW_RADDRS] ? (const WCHAR *)rule->s[OHN_FW_RADDRS] : NULL);
}

static HRESULT WINAPI admin_get_Scope(INetFwRemoteAdminSettings *iface, NET_FW_SCOPE *out)
{
    struct ohn_fw_rule rule;
    HRESULT hr;

    if (!out)
        return E_POINTER;
    if (SUCCEEDED(hr = admin_addresses(impl(iface)->profile, &rule)))
        *out = fw_scope_of(&rule);
    ohn_fw_rule_free(&rule);
    return hr;
}

static HRESULT WINAPI admin_put_Scope(INetFwRemoteAdminSettings *iface, NET_FW_SCOPE value)
{
    struct ohn_fw_rule rule;
    HRESULT hr;

    if (SUCCEEDED(hr = admin_addresses(impl(iface)->profile, &rule)) && SUCCEEDED(hr = fw_apply_scope(&rule, &value)))
        hr = admin_store(impl(iface)->profile, &rule);
    ohn_fw_rule_free(&rule);
    return hr;
}

static HRESULT WINAPI admin_get_RemoteAddresses(INetFwRemoteAdminSettings *iface, BSTR *out)
{
    struct ohn_fw_rule rule;
    ohn_char *text;
    HRESULT hr;
    int oom;

    if (!out)
        return E_POINTER;
    *out = NULL;
    if (FAILED(hr = admin_addresses(impl(iface)->profile, &rule)))
        return hr;
    text = ohn_fw_get(&rule, OHN_FW_RADDRS, &oom);
    ohn_fw_rule_free(&rule);
    if (!text || !(*out = SysAllocString((const WCHAR *)text)))
        hr = E_OUTOFMEMORY;
    free(text);
    return hr;
}

static HRESULT WINAPI admin_put_RemoteAddresses(INetFwRemoteAdminSettings *iface, BSTR value)
{
    struct ohn_fw_rule rule;
    size_t len;
    HRESULT hr;

    if ((hr = ohn_in_string(value, OHN_FW_STR_MAX, S_FALSE, &len)) == S_FALSE)
        value = NULL;
    else if (FAILED(hr))
        return hr;
    ohn_fw_rule_init(&rule);
    if ((hr = fw_hr(ohn_fw_set(&rule, OHN_FW_RADDRS, ohn_str(value), len))) == S_OK)
        hr = admin_store(impl(iface)->profile, &rule);
    ohn_fw_rule_free(&rule);
    return hr;
}

static HRESULT WINAPI admin_get_Enabled(INetFwRemoteAdminSettings *iface, VARIANT_BOOL *out)
{
    return get_bool(impl(iface)->profile, ADMIN_KEY, L"Enabled", out);
}

static HRESULT WINAPI admin_put_Enabled(INetFwRemoteAdminSettings *iface, VARIANT_BOOL value)
{
    return put_bool(impl(iface)->profile, ADMIN_KEY, L"Enabled", value);
}

static const INetFwRemoteAdminSettingsVtbl admin_vtbl = {
    OBJ_IUNKNOWN_IDISPATCH,    admin_get_IpVersion,      admin_put_IpVersion, admin_get_Scope, admin_put_Scope,
    admin_get_RemoteAddresses, admin_put_RemoteAddresses, admin_get_Enabled,  admin_put_Enabled,
};

HRESULT fw_remote_admin_create(unsigned profile, INetFwRemoteAdminSettings **out)
{
    return obj_new(&admin_vtbl, tid_INetFwRemoteAdminSettings, &IID_INetFwRemoteAdminSettings, profile, 0,
                   (void **)out);
}

/* ---- Services ---- */

/* A rule of the service: in its group, in the profile, the shape of an open port. */
static BOOL service_rule(const struct ohn_fw_rule *rule, NET_FW_SERVICE_TYPE type, unsigned profile,
                         unsigned *protocol, unsigned *port)
{
    return ohn_fw_is_port_rule(rule, profile, protocol, port) && rule->s[OHN_FW_GROUP] &&
           ohn_fw_streq_nocase(rule->s[OHN_FW_GROUP], ohn_str(fw_xp_services[type].name));
}

struct service_query
{
    NET_FW_SERVICE_TYPE type;
    unsigned profile;
    fw_change change;
    void *context;
};

static BOOL match_service(const struct ohn_fw_rule *rule, void *context)
{
    struct service_query *q = context;
    unsigned protocol, port;

    return service_rule(rule, q->type, q->profile, &protocol, &port);
}

static HRESULT apply_service(struct ohn_fw_rule *rule, void *context)
{
    struct service_query *q = context;

    return q->change(rule, q->context);
}

/* Under the lock: makes the rules of the service's ports that the profile lacks (disabled, the
 * scope of the others), then applies change to all of them. */
static HRESULT service_change(NET_FW_SERVICE_TYPE type, unsigned profile, fw_change change, void *context)
{
    struct service_query q = {type, profile, change, context};
    struct fw_list list;
    HANDLE lock;
    HRESULT hr;
    ULONG i, matched;
    unsigned p;

    if (FAILED(hr = fwstore_lock(&lock)))
        return hr;
    if (FAILED(hr = fwstore_list(&list)))
    {
        fwstore_unlock(lock);
        return hr;
    }
    for (p = 0; p < fw_xp_services[type].count && SUCCEEDED(hr); p++)
    {
        BOOL found = FALSE;
        struct ohn_fw_rule rule;
        WCHAR name[96], port_text[8], id[FW_ID_MAX + 1];

        for (i = 0; i < list.count && !found; i++)
        {
            unsigned protocol, port;

            found = service_rule(&list.items[i].rule, type, profile, &protocol, &port) &&
                    protocol == fw_xp_services[type].ports[p].protocol &&
                    port == fw_xp_services[type].ports[p].port;
        }
        if (found)
            continue;
        wsprintfW(name, L"%s (%s %u)", fw_xp_services[type].name,
                  fw_xp_services[type].ports[p].protocol == 6 ? L"TCP" : L"UDP", fw_xp_services[type].ports[p].port);
        wsprintfW(port_text, L"%u", fw_xp_services[type].ports[p].port);
        ohn_fw_rule_init(&rule);
        rule.profiles = profile;
        if (ohn_fw_set(&rule, OHN_FW_NAME, ohn_str(name), lstrlenW(name)) ||
            ohn_fw_set(&rule, OHN_FW_GROUP, ohn_str(fw_xp_services[type].name), lstrlenW(fw_xp_services[type].name)) ||
            ohn_fw_set_protocol(&rule, fw_xp_services[type].ports[p].protocol) ||
            ohn_fw_set(&rule, OHN_FW_LPORTS, ohn_str(port_text), lstrlenW(port_text)))
            hr = E_OUTOFMEMORY;
        else
            hr = fwstore_add(&rule, id);
        ohn_fw_rule_free(&rule);
    }
    fwstore_list_free(&list);
    if (SUCCEEDED(hr))
        hr = fwstore_update_all(match_service, apply_service, &q, &matched);
    fwstore_unlock(lock);
    return hr;
}

/* Enabled: every port has an enabled rule; the scope and addresses of the first rule. */
static HRESULT service_state(NET_FW_SERVICE_TYPE type, unsigned profile, BOOL *enabled, struct ohn_fw_rule *first)
{
    struct fw_list list;
    HRESULT hr;
    ULONG i;
    unsigned p, covered = 0;

    *enabled = FALSE;
    ohn_fw_rule_init(first);
    if (FAILED(hr = fwstore_list(&list)))
        return hr;
    for (p = 0; p < fw_xp_services[type].count; p++)
        for (i = 0; i < list.count; i++)
        {
            unsigned protocol, port;

            if (!service_rule(&list.items[i].rule, type, profile, &protocol, &port))
                continue;
            if (!first->s[OHN_FW_NAME] && ohn_fw_rule_copy(first, &list.items[i].rule) != OHN_OK)
                hr = E_OUTOFMEMORY;
            if (protocol == fw_xp_services[type].ports[p].protocol && port == fw_xp_services[type].ports[p].port &&
                list.items[i].rule.enabled)
            {
                covered++;
                break;
            }
        }
    fwstore_list_free(&list);
    *enabled = covered == fw_xp_services[type].count;
    return hr;
}

static HRESULT WINAPI service_get_Name(INetFwService *iface, BSTR *out)
{
    if (!out)
        return E_POINTER;
    return (*out = SysAllocString(fw_xp_services[impl(iface)->service].name)) ? S_OK : E_OUTOFMEMORY;
}

static HRESULT WINAPI service_get_Type(INetFwService *iface, NET_FW_SERVICE_TYPE *out)
{
    if (!out)
        return E_POINTER;
    *out = impl(iface)->service;
    return S_OK;
}

static HRESULT WINAPI service_get_Customized(INetFwService *iface, VARIANT_BOOL *out)
{
    if (!out)
        return E_POINTER;
    *out = VARIANT_FALSE;
    return S_OK;
}

static HRESULT WINAPI service_get_IpVersion(INetFwService *iface, NET_FW_IP_VERSION *out)
{
    return fw_get_ip_any(out);
}

static HRESULT WINAPI service_put_IpVersion(INetFwService *iface, NET_FW_IP_VERSION value)
{
    return fw_put_ip_any(value);
}

static HRESULT WINAPI service_get_Scope(INetFwService *iface, NET_FW_SCOPE *out)
{
    struct ohn_fw_rule first;
    BOOL enabled;
    HRESULT hr;

    if (!out)
        return E_POINTER;
    if (SUCCEEDED(hr = service_state(impl(iface)->service, impl(iface)->profile, &enabled, &first)))
        *out = fw_scope_of(&first);
    ohn_fw_rule_free(&first);
    return hr;
}

static HRESULT WINAPI service_put_Scope(INetFwService *iface, NET_FW_SCOPE value)
{
    if (value < NET_FW_SCOPE_ALL || value >= NET_FW_SCOPE_MAX)
        return E_INVALIDARG;
    return service_change(impl(iface)->service, impl(iface)->profile, fw_apply_scope, &value);
}

static HRESULT WINAPI service_get_RemoteAddresses(INetFwService *iface, BSTR *out)
{
    struct ohn_fw_rule first;
    ohn_char *text = NULL;
    BOOL enabled;
    HRESULT hr;
    int oom = 0;

    if (!out)
        return E_POINTER;
    *out = NULL;
    if (SUCCEEDED(hr = service_state(impl(iface)->service, impl(iface)->profile, &enabled, &first)))
    {
        text = ohn_fw_get(&first, OHN_FW_RADDRS, &oom);
        if (!text || !(*out = SysAllocString((const WCHAR *)text)))
            hr = E_OUTOFMEMORY;
    }
    free(text);
    ohn_fw_rule_free(&first);
    return hr;
}

struct addresses_put
{
    const WCHAR *value;
    size_t len;
};

static HRESULT apply_addresses(struct ohn_fw_rule *rule, void *context)
{
    struct addresses_put *a = context;

    return fw_hr(ohn_fw_set(rule, OHN_FW_RADDRS, ohn_str(a->value), a->len));
}

static HRESULT WINAPI service_put_RemoteAddresses(INetFwService *iface, BSTR value)
{
    struct addresses_put a = {value, 0};
    struct ohn_fw_rule probe;
    HRESULT hr;

    if ((hr = ohn_in_string(value, OHN_FW_STR_MAX, S_FALSE, &a.len)) == S_FALSE)
        a.value = NULL;
    else if (FAILED(hr))
        return hr;
    /* Checked before any rule is made. */
    ohn_fw_rule_init(&probe);
    hr = apply_addresses(&probe, &a);
    ohn_fw_rule_free(&probe);
    if (FAILED(hr))
        return hr;
    return service_change(impl(iface)->service, impl(iface)->profile, apply_addresses, &a);
}

static HRESULT WINAPI service_get_Enabled(INetFwService *iface, VARIANT_BOOL *out)
{
    struct ohn_fw_rule first;
    BOOL enabled;
    HRESULT hr;

    if (!out)
        return E_POINTER;
    if (SUCCEEDED(hr = service_state(impl(iface)->service, impl(iface)->profile, &enabled, &first)))
        *out = enabled ? VARIANT_TRUE : VARIANT_FALSE;
    ohn_fw_rule_free(&first);
    return hr;
}

static HRESULT WINAPI service_put_Enabled(INetFwService *iface, VARIANT_BOOL value)
{
    BOOL enabled = value != VARIANT_FALSE;

    return service_change(impl(iface)->service, impl(iface)->profile, fw_apply_enabled, &enabled);
}

static HRESULT WINAPI service_get_GloballyOpenPorts(INetFwService *iface, INetFwOpenPorts **out)
{
    if (!out)
        return E_POINTER;
    return fw_ports_create(impl(iface)->profile, fw_xp_services[impl(iface)->service].name, out);
}

static const INetFwServiceVtbl service_vtbl = {
    OBJ_IUNKNOWN_IDISPATCH,
    service_get_Name,
    service_get_Type,
    service_get_Customized,
    service_get_IpVersion,
    service_put_IpVersion,
    service_get_Scope,
    service_put_Scope,
    service_get_RemoteAddresses,
    service_put_RemoteAddresses,
    service_get_Enabled,
    service_put_Enabled,
    service_get_GloballyOpenPorts,
};

static HRESULT service_create(unsigned profile, NET_FW_SERVICE_TYPE type, REFIID riid, void **out)
{
    return obj_new(&service_vtbl, tid_INetFwService, &IID_INetFwService, profile, type, out);
}

static HRESULT WINAPI services_get_Count(INetFwServices *iface, LONG *count)
{
    if (!count)
        return E_POINTER;
    *count = ARRAY_SIZE(fw_xp_services);
    return S_OK;
}

static HRESULT WINAPI services_Item(INetFwServices *iface, NET_FW_SERVICE_TYPE type, INetFwService **out)
{
    if (!out)
        return E_POINTER;
    *out = NULL;
    if (type < 0 || type >= (NET_FW_SERVICE_TYPE)ARRAY_SIZE(fw_xp_services))
        return E_INVALIDARG;
    return service_create(impl(iface)->profile, type, &IID_INetFwService, (void **)out);
}

struct services_snapshot
{
    struct ohn_snapshot base;
    unsigned profile;
};

static HRESULT services_snapshot_item(struct ohn_snapshot *snap, ULONG index, VARIANT *out)
{
    struct services_snapshot *s = CONTAINING_RECORD(snap, struct services_snapshot, base);
    IDispatch *service;
    HRESULT hr;

    if (FAILED(hr = service_create(s->profile, (NET_FW_SERVICE_TYPE)index, &IID_IDispatch, (void **)&service)))
        return hr;
    V_VT(out) = VT_DISPATCH;
    V_DISPATCH(out) = service;
    return S_OK;
}

static void services_snapshot_destroy(struct ohn_snapshot *snap)
{
    HeapFree(GetProcessHeap(), 0, CONTAINING_RECORD(snap, struct services_snapshot, base));
}

static HRESULT WINAPI services_get__NewEnum(INetFwServices *iface, IUnknown **out)
{
    struct services_snapshot *s;
    HRESULT hr;

    if (!out)
        return E_POINTER;
    *out = NULL;
    if (!(s = HeapAlloc(GetProcessHeap(), 0, sizeof(*s))))
        return E_OUTOFMEMORY;
    s->base.refs = 1;
    s->base.count = ARRAY_SIZE(fw_xp_services);
    s->base.item = services_snapshot_item;
    s->base.destroy = services_snapshot_destroy;
    s->base.refresh = NULL; /* the three services are always there; each item reads its state */
    s->profile = impl(iface)->profile;
    hr = ohn_enum_create(&s->base, &IID_IEnumVARIANT, out);
    ohn_snapshot_release(&s->base);
    return hr;
}

static const INetFwServicesVtbl services_vtbl = {
    OBJ_IUNKNOWN_IDISPATCH, services_get_Count, services_Item, services_get__NewEnum,
};

HRESULT fw_services_create(unsigned profile, INetFwServices **out)
{
    return obj_new(&services_vtbl, tid_INetFwServices, &IID_INetFwServices, profile, 0, (void **)out);
}
