/*
 * The Windows XP interfaces, as views of the rules (one truth, as on Windows since Vista):
 * NetFwAuthorizedApplication and NetFwOpenPort objects, and INetFwProfile's
 * AuthorizedApplications and GloballyOpenPorts lists.
 *
 * An authorized application of a profile is a rule ohn_fw_is_app_rule() accepts for it, an open
 * port one ohn_fw_is_port_rule() accepts and that belongs to no service (views.c): a rule
 * added through INetFwRules that has that shape is listed too, and a list's Add is a rule that
 * INetFwRules lists. Add of an application (or a port) the profile lists already changes that
 * rule instead of adding a second one: a launcher that adds itself on every start keeps one
 * rule. Remove takes the profile off the rule, and removes the rule with its last profile.
 *
 * IpVersion: only NET_FW_IP_VERSION_ANY, as the Windows documentation says of these objects;
 * another value is E_INVALIDARG.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdlib.h>

#include "firewall/firewall.h"
#include "firewall/legacy.h"
#include "firewall/views.h"

/* ---- NetFwAuthorizedApplication ---- */

struct fw_app
{
    INetFwAuthorizedApplication INetFwAuthorizedApplication_iface;
    LONG refs;
    struct fw_holder h;
};

static const INetFwAuthorizedApplicationVtbl app_vtbl;

static struct fw_app *app_impl(INetFwAuthorizedApplication *iface)
{
    return CONTAINING_RECORD(iface, struct fw_app, INetFwAuthorizedApplication_iface);
}

static HRESULT WINAPI app_QueryInterface(INetFwAuthorizedApplication *iface, REFIID riid, void **out)
{
    if (!out)
        return E_POINTER;
    if (IsEqualGUID(riid, &IID_IUnknown) || IsEqualGUID(riid, &IID_IDispatch) ||
        IsEqualGUID(riid, &IID_INetFwAuthorizedApplication))
    {
        *out = iface;
        INetFwAuthorizedApplication_AddRef(iface);
        return S_OK;
    }
    *out = NULL;
    return E_NOINTERFACE;
}

static ULONG WINAPI app_AddRef(INetFwAuthorizedApplication *iface)
{
    return InterlockedIncrement(&app_impl(iface)->refs);
}

static ULONG WINAPI app_Release(INetFwAuthorizedApplication *iface)
{
    struct fw_app *o = app_impl(iface);
    LONG refs = InterlockedDecrement(&o->refs);

    if (!refs)
    {
        fw_holder_free(&o->h);
        HeapFree(GetProcessHeap(), 0, o);
        ohn_object_destroyed();
    }
    return refs;
}

OHN_IMPL_IDISPATCH(app, INetFwAuthorizedApplication, tid_INetFwAuthorizedApplication)

static HRESULT WINAPI app_get_Name(INetFwAuthorizedApplication *iface, BSTR *out)
{
    return fw_get_field(&app_impl(iface)->h, OHN_FW_NAME, out);
}

static HRESULT WINAPI app_put_Name(INetFwAuthorizedApplication *iface, BSTR value)
{
    return fw_put_field(&app_impl(iface)->h, OHN_FW_NAME, value, TRUE);
}

static HRESULT WINAPI app_get_ProcessImageFileName(INetFwAuthorizedApplication *iface, BSTR *out)
{
    return fw_get_field(&app_impl(iface)->h, OHN_FW_APP, out);
}

static HRESULT WINAPI app_put_ProcessImageFileName(INetFwAuthorizedApplication *iface, BSTR value)
{
    return fw_put_field(&app_impl(iface)->h, OHN_FW_APP, value, TRUE);
}

static HRESULT WINAPI app_get_IpVersion(INetFwAuthorizedApplication *iface, NET_FW_IP_VERSION *out)
{
    return fw_get_ip_any(out);
}

static HRESULT WINAPI app_put_IpVersion(INetFwAuthorizedApplication *iface, NET_FW_IP_VERSION value)
{
    return fw_put_ip_any(value);
}

static HRESULT WINAPI app_get_Scope(INetFwAuthorizedApplication *iface, NET_FW_SCOPE *out)
{
    return fw_get_scope(&app_impl(iface)->h, out);
}

static HRESULT WINAPI app_put_Scope(INetFwAuthorizedApplication *iface, NET_FW_SCOPE value)
{
    return fw_holder_change(&app_impl(iface)->h, fw_apply_scope, &value);
}

static HRESULT WINAPI app_get_RemoteAddresses(INetFwAuthorizedApplication *iface, BSTR *out)
{
    return fw_get_field(&app_impl(iface)->h, OHN_FW_RADDRS, out);
}

static HRESULT WINAPI app_put_RemoteAddresses(INetFwAuthorizedApplication *iface, BSTR value)
{
    return fw_put_field(&app_impl(iface)->h, OHN_FW_RADDRS, value, FALSE);
}

static HRESULT WINAPI app_get_Enabled(INetFwAuthorizedApplication *iface, VARIANT_BOOL *out)
{
    return fw_get_enabled(&app_impl(iface)->h, out);
}

static HRESULT WINAPI app_put_Enabled(INetFwAuthorizedApplication *iface, VARIANT_BOOL value)
{
    return fw_put_enabled(&app_impl(iface)->h, value);
}

static const INetFwAuthorizedApplicationVtbl app_vtbl = {
    app_QueryInterface,      app_AddRef,          app_Release,
    app_GetTypeInfoCount,    app_GetTypeInfo,     app_GetIDsOfNames,
    app_Invoke,              app_get_Name,        app_put_Name,
    app_get_ProcessImageFileName, app_put_ProcessImageFileName,
    app_get_IpVersion,       app_put_IpVersion,   app_get_Scope,
    app_put_Scope,           app_get_RemoteAddresses, app_put_RemoteAddresses,
    app_get_Enabled,         app_put_Enabled,
};

static HRESULT app_new(const WCHAR *id, REFIID riid, void **out)
{
    struct fw_app *o;
    HRESULT hr;

    *out = NULL;
    if (!(o = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, sizeof(*o))))
        return E_OUTOFMEMORY;
    o->INetFwAuthorizedApplication_iface.lpVtbl = &app_vtbl;
    o->refs = 1;
    fw_holder_init(&o->h, id);
    o->h.rule.enabled = 1; /* a new authorized application is enabled, scope all */
    ohn_object_created();
    hr = INetFwAuthorizedApplication_QueryInterface(&o->INetFwAuthorizedApplication_iface, riid, out);
    INetFwAuthorizedApplication_Release(&o->INetFwAuthorizedApplication_iface);
    return hr;
}

HRESULT fw_app_create(IUnknown *outer, REFIID riid, void **out)
{
    return app_new(NULL, riid, out);
}

/* ---- NetFwOpenPort ---- */

struct fw_port
{
    INetFwOpenPort INetFwOpenPort_iface;
    LONG refs;
    struct fw_holder h;
};

static const INetFwOpenPortVtbl port_vtbl;

static struct fw_port *port_impl(INetFwOpenPort *iface)
{
    return CONTAINING_RECORD(iface, struct fw_port, INetFwOpenPort_iface);
}

static HRESULT WINAPI port_QueryInterface(INetFwOpenPort *iface, REFIID riid, void **out)
{
    if (!out)
        return E_POINTER;
    if (IsEqualGUID(riid, &IID_IUnknown) || IsEqualGUID(riid, &IID_IDispatch) || IsEqualGUID(riid, &IID_INetFwOpenPort))
    {
        *out = iface;
        INetFwOpenPort_AddRef(iface);
        return S_OK;
    }
    *out = NULL;
    return E_NOINTERFACE;
}

static ULONG WINAPI port_AddRef(INetFwOpenPort *iface)
{
    return InterlockedIncrement(&port_impl(iface)->refs);
}

static ULONG WINAPI port_Release(INetFwOpenPort *iface)
{
    struct fw_port *o = port_impl(iface);
    LONG refs = InterlockedDecrement(&o->refs);

    if (!refs)
    {
        fw_holder_free(&o->h);
        HeapFree(GetProcessHeap(), 0, o);
        ohn_object_destroyed();
    }
    return refs;
}

OHN_IMPL_IDISPATCH(port, INetFwOpenPort, tid_INetFwOpenPort)

static HRESULT WINAPI port_get_Name(INetFwOpenPort *iface, BSTR *out)
{
    return fw_get_field(&port_impl(iface)->h, OHN_FW_NAME, out);
}

static HRESULT WINAPI port_put_Name(INetFwOpenPort *iface, BSTR value)
{
    return fw_put_field(&port_impl(iface)->h, OHN_FW_NAME, value, TRUE);
}

static HRESULT WINAPI port_get_IpVersion(INetFwOpenPort *iface, NET_FW_IP_VERSION *out)
{
    return fw_get_ip_any(out);
}

static HRESULT WINAPI port_put_IpVersion(INetFwOpenPort *iface, NET_FW_IP_VERSION value)
{
    return fw_put_ip_any(value);
}

/* A port's protocol: TCP or UDP only; its port stays. */
static HRESULT apply_port_protocol(struct ohn_fw_rule *rule, void *context)
{
    LONG protocol = *(LONG *)context;

    if (protocol != OHN_PROTO_TCP && protocol != OHN_PROTO_UDP)
        return E_INVALIDARG;
    return fw_hr(ohn_fw_set_protocol(rule, protocol));
}

static HRESULT WINAPI port_get_Protocol(INetFwOpenPort *iface, NET_FW_IP_PROTOCOL *out)
{
    struct ohn_fw_rule rule;
    HRESULT hr;

    if (!out)
        return E_POINTER;
    if (SUCCEEDED(hr = fw_holder_read(&port_impl(iface)->h, &rule)))
    {
        *out = (NET_FW_IP_PROTOCOL)rule.protocol;
        ohn_fw_rule_free(&rule);
    }
    return hr;
}

static HRESULT WINAPI port_put_Protocol(INetFwOpenPort *iface, NET_FW_IP_PROTOCOL value)
{
    LONG protocol = value;

    return fw_holder_change(&port_impl(iface)->h, apply_port_protocol, &protocol);
}

static HRESULT apply_port_number(struct ohn_fw_rule *rule, void *context)
{
    LONG port = *(LONG *)context;
    WCHAR text[8];

    if (port < 1 || port > 65535)
        return E_INVALIDARG;
    wsprintfW(text, L"%ld", port);
    return fw_hr(ohn_fw_set(rule, OHN_FW_LPORTS, ohn_str(text), lstrlenW(text)));
}

static HRESULT WINAPI port_get_Port(INetFwOpenPort *iface, LONG *out)
{
    struct ohn_fw_rule rule;
    unsigned protocol, port;
    HRESULT hr;

    if (!out)
        return E_POINTER;
    if (FAILED(hr = fw_holder_read(&port_impl(iface)->h, &rule)))
        return hr;
    *out = ohn_fw_is_port_rule(&rule, OHN_FW_PROFILE_ALL, &protocol, &port) ? (LONG)port : 0;
    if (!*out && rule.s[OHN_FW_LPORTS])
    {
        /* Not the shape of an open port any more (INetFwRules changed it): its first port. */
        *out = wcstol((const WCHAR *)rule.s[OHN_FW_LPORTS], NULL, 10);
    }
    ohn_fw_rule_free(&rule);
    return S_OK;
}

static HRESULT WINAPI port_put_Port(INetFwOpenPort *iface, LONG value)
{
    return fw_holder_change(&port_impl(iface)->h, apply_port_number, &value);
}

static HRESULT WINAPI port_get_Scope(INetFwOpenPort *iface, NET_FW_SCOPE *out)
{
    return fw_get_scope(&port_impl(iface)->h, out);
}

static HRESULT WINAPI port_put_Scope(INetFwOpenPort *iface, NET_FW_SCOPE value)
{
    return fw_holder_change(&port_impl(iface)->h, fw_apply_scope, &value);
}

static HRESULT WINAPI port_get_RemoteAddresses(INetFwOpenPort *iface, BSTR *out)
{
    return fw_get_field(&port_impl(iface)->h, OHN_FW_RADDRS, out);
}

static HRESULT WINAPI port_put_RemoteAddresses(INetFwOpenPort *iface, BSTR value)
{
    return fw_put_field(&port_impl(iface)->h, OHN_FW_RADDRS, value, FALSE);
}

static HRESULT WINAPI port_get_Enabled(INetFwOpenPort *iface, VARIANT_BOOL *out)
{
    return fw_get_enabled(&port_impl(iface)->h, out);
}

static HRESULT WINAPI port_put_Enabled(INetFwOpenPort *iface, VARIANT_BOOL value)
{
    return fw_put_enabled(&port_impl(iface)->h, value);
}

/* Ports that programs open are never built in. */
static HRESULT WINAPI port_get_BuiltIn(INetFwOpenPort *iface, VARIANT_BOOL *out)
{
    if (!out)
        return E_POINTER;
    *out = VARIANT_FALSE;
    return S_OK;
}

static const INetFwOpenPortVtbl port_vtbl = {
    port_QueryInterface,     port_AddRef,          port_Release,         port_GetTypeInfoCount,
    port_GetTypeInfo,        port_GetIDsOfNames,   port_Invoke,          port_get_Name,
    port_put_Name,           port_get_IpVersion,   port_put_IpVersion,   port_get_Protocol,
    port_put_Protocol,       port_get_Port,        port_put_Port,        port_get_Scope,
    port_put_Scope,          port_get_RemoteAddresses, port_put_RemoteAddresses, port_get_Enabled,
    port_put_Enabled,        port_get_BuiltIn,
};

static HRESULT port_new(const WCHAR *id, REFIID riid, void **out)
{
    struct fw_port *o;
    HRESULT hr;

    *out = NULL;
    if (!(o = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, sizeof(*o))))
        return E_OUTOFMEMORY;
    o->INetFwOpenPort_iface.lpVtbl = &port_vtbl;
    o->refs = 1;
    fw_holder_init(&o->h, id);
    o->h.rule.enabled = 1;                /* enabled, scope all, TCP, as Windows makes one */
    o->h.rule.protocol = OHN_PROTO_TCP;
    ohn_object_created();
    hr = INetFwOpenPort_QueryInterface(&o->INetFwOpenPort_iface, riid, out);
    INetFwOpenPort_Release(&o->INetFwOpenPort_iface);
    return hr;
}

HRESULT fw_port_create(IUnknown *outer, REFIID riid, void **out)
{
    return port_new(NULL, riid, out);
}

/* ---- the lists ---- */

/* Whether a rule is an item of a list: of applications, or of ports of group (NULL: the ports
 * that belong to no service). */
static BOOL list_item(const struct ohn_fw_rule *rule, BOOL apps, unsigned profile, const WCHAR *group,
                      unsigned *protocol, unsigned *port)
{
    if (apps)
        return ohn_fw_is_app_rule(rule, profile);
    if (!ohn_fw_is_port_rule(rule, profile, protocol, port))
        return FALSE;
    if (group)
        return rule->s[OHN_FW_GROUP] && ohn_fw_streq_nocase(rule->s[OHN_FW_GROUP], ohn_str(group));
    return !fw_service_group(rule->s[OHN_FW_GROUP]);
}

struct fw_list_obj
{
    union
    {
        INetFwAuthorizedApplications apps;
        INetFwOpenPorts ports;
    } iface;
    LONG refs;
    BOOL is_apps;
    unsigned profile;
    WCHAR group[64]; /* ports of a service; "" for the globally open ones */
};

static struct fw_list_obj *list_impl(void *iface)
{
    return CONTAINING_RECORD(iface, struct fw_list_obj, iface);
}

static const WCHAR *list_group(struct fw_list_obj *l)
{
    return l->group[0] ? l->group : NULL;
}

static HRESULT WINAPI list_QueryInterface(INetFwOpenPorts *iface, REFIID riid, void **out)
{
    struct fw_list_obj *l = list_impl(iface);

    if (!out)
        return E_POINTER;
    if (IsEqualGUID(riid, &IID_IUnknown) || IsEqualGUID(riid, &IID_IDispatch) ||
        IsEqualGUID(riid, l->is_apps ? &IID_INetFwAuthorizedApplications : &IID_INetFwOpenPorts))
    {
        *out = iface;
        INetFwOpenPorts_AddRef(iface);
        return S_OK;
    }
    *out = NULL;
    return E_NOINTERFACE;
}

static ULONG WINAPI list_AddRef(INetFwOpenPorts *iface)
{
    return InterlockedIncrement(&list_impl(iface)->refs);
}

static ULONG WINAPI list_Release(INetFwOpenPorts *iface)
{
    struct fw_list_obj *l = list_impl(iface);
    LONG refs = InterlockedDecrement(&l->refs);

    if (!refs)
    {
        HeapFree(GetProcessHeap(), 0, l);
        ohn_object_destroyed();
    }
    return refs;
}

static enum ohn_tid list_tid(void *iface)
{
    return list_impl(iface)->is_apps ? tid_INetFwAuthorizedApplications : tid_INetFwOpenPorts;
}

static HRESULT WINAPI list_GetTypeInfoCount(INetFwOpenPorts *iface, UINT *count)
{
    if (!count)
        return E_POINTER;
    *count = 1;
    return S_OK;
}

static HRESULT WINAPI list_GetTypeInfo(INetFwOpenPorts *iface, UINT index, LCID lcid, ITypeInfo **info)
{
    if (!info)
        return E_POINTER;
    *info = NULL;
    if (index)
        return DISP_E_BADINDEX;
    return ohn_get_typeinfo(list_tid(iface), info);
}

static HRESULT WINAPI list_GetIDsOfNames(INetFwOpenPorts *iface, REFIID riid, LPOLESTR *names, UINT count, LCID lcid,
                                         DISPID *ids)
{
    return ohn_dispatch_get_ids(list_tid(iface), names, count, ids);
}

static HRESULT WINAPI list_Invoke(INetFwOpenPorts *iface, DISPID id, REFIID riid, LCID lcid, WORD flags,
                                  DISPPARAMS *params, VARIANT *result, EXCEPINFO *excep, UINT *arg_err)
{
    return ohn_dispatch_invoke(list_tid(iface), iface, id, flags, params, result, excep, arg_err);
}

/* The items' ids, in the store's order; the matching one (key app path, or protocol/port) in *found. */
struct list_scan
{
    WCHAR (*ids)[FW_ID_MAX + 1];
    ULONG count;
};

static HRESULT scan_in(struct fw_list_obj *l, unsigned profile, const WCHAR *app, unsigned protocol, unsigned port,
                       struct list_scan *all, WCHAR found[FW_ID_MAX + 1])
{
    struct fw_list list;
    HRESULT hr;
    ULONG i;

    if (found)
        found[0] = 0;
    if (all)
        all->ids = NULL, all->count = 0;
    if (FAILED(hr = fwstore_list(&list)))
        return hr;
    if (all && list.count && !(all->ids = HeapAlloc(GetProcessHeap(), 0, list.count * sizeof(*all->ids))))
    {
        fwstore_list_free(&list);
        return E_OUTOFMEMORY;
    }
    for (i = 0; i < list.count; i++)
    {
        const struct ohn_fw_rule *r = &list.items[i].rule;
        unsigned pr = 0, po = 0;

        if (!list_item(r, l->is_apps, profile, list_group(l), &pr, &po))
            continue;
        if (all)
            lstrcpyW(all->ids[all->count++], list.items[i].id);
        if (found && !found[0] &&
            (l->is_apps ? app && ohn_fw_streq_nocase(r->s[OHN_FW_APP], ohn_str(app)) : pr == protocol && po == port))
            lstrcpyW(found, list.items[i].id);
    }
    fwstore_list_free(&list);
    return S_OK;
}

static HRESULT scan(struct fw_list_obj *l, const WCHAR *app, unsigned protocol, unsigned port, struct list_scan *all,
                    WCHAR found[FW_ID_MAX + 1])
{
    return scan_in(l, l->profile, app, protocol, port, all, found);
}

static HRESULT list_count(struct fw_list_obj *l, LONG *count)
{
    struct list_scan all;
    HRESULT hr;

    if (!count)
        return E_POINTER;
    if (SUCCEEDED(hr = scan(l, NULL, 0, 0, &all, NULL)))
    {
        *count = (LONG)all.count;
        HeapFree(GetProcessHeap(), 0, all.ids);
    }
    return hr;
}

/* The rule that a list's Add stores, from the object's. */
struct list_add
{
    const struct ohn_fw_rule *from;
    unsigned profile;
};

static HRESULT apply_add(struct ohn_fw_rule *rule, void *context)
{
    struct list_add *a = context;
    int err;

    /* The existing item takes the new name, scope and state, and this profile. */
    if ((err = ohn_fw_set(rule, OHN_FW_NAME, a->from->s[OHN_FW_NAME], ohn_fw_strlen(a->from->s[OHN_FW_NAME]))) ||
        (err = ohn_fw_set(rule, OHN_FW_RADDRS, a->from->s[OHN_FW_RADDRS], ohn_fw_strlen(a->from->s[OHN_FW_RADDRS]))))
        return fw_hr(err);
    rule->enabled = a->from->enabled;
    rule->profiles |= a->profile;
    return S_OK;
}

static HRESULT list_add(struct fw_list_obj *l, struct fw_holder *h)
{
    WCHAR existing[FW_ID_MAX + 1], id[FW_ID_MAX + 1];
    struct ohn_fw_rule rule;
    struct list_add a;
    unsigned protocol = 0, port = 0;
    HANDLE lock;
    HRESULT hr;

    if (FAILED(hr = fw_holder_read(h, &rule)))
        return hr;
    /* What the list needs: a name, and an application or a port. */
    if (!rule.s[OHN_FW_NAME] || (l->is_apps ? !rule.s[OHN_FW_APP] : !rule.s[OHN_FW_LPORTS]))
    {
        ohn_fw_rule_free(&rule);
        return E_INVALIDARG;
    }
    rule.profiles = l->profile;
    rule.direction = OHN_FW_DIR_IN;
    rule.action = OHN_FW_ACTION_ALLOW;
    if (l->group[0] && ohn_fw_set(&rule, OHN_FW_GROUP, ohn_str(l->group), lstrlenW(l->group)) != OHN_OK)
        hr = E_OUTOFMEMORY;
    if (SUCCEEDED(hr) && !list_item(&rule, l->is_apps, l->profile, list_group(l), &protocol, &port))
        hr = E_INVALIDARG; /* another rule's shape: INetFwRules adds those */
    if (SUCCEEDED(hr) && SUCCEEDED(hr = fwstore_lock(&lock)))
    {
        /* Under the lock: two processes adding one application get one rule. An application
         * (a port) that another profile lists already gets this profile on its rule. */
        hr = scan_in(l, OHN_FW_PROFILE_ALL, (const WCHAR *)rule.s[OHN_FW_APP], protocol, port, NULL, existing);
        a.from = &rule;
        a.profile = l->profile;
        if (SUCCEEDED(hr) && existing[0])
            hr = fwstore_update(existing, apply_add, &a);
        else if (SUCCEEDED(hr))
            hr = fwstore_add(&rule, existing);
        fwstore_unlock(lock);
        if (SUCCEEDED(hr))
        {
            lstrcpyW(id, existing);
            EnterCriticalSection(&h->cs);
            fw_holder_bind(h, id);
            LeaveCriticalSection(&h->cs);
        }
    }
    ohn_fw_rule_free(&rule);
    return hr;
}

static HRESULT apply_drop_profile(struct ohn_fw_rule *rule, void *context)
{
    rule->profiles &= ~*(unsigned *)context;
    return S_OK;
}

/* Removes the profile from the item's rule, and the rule with its last profile. */
static HRESULT list_remove(struct fw_list_obj *l, const WCHAR *app, unsigned protocol, unsigned port)
{
    WCHAR id[FW_ID_MAX + 1];
    struct ohn_fw_rule rule;
    HANDLE lock;
    HRESULT hr;

    if (FAILED(hr = fwstore_lock(&lock)))
        return hr;
    if (SUCCEEDED(hr = scan(l, app, protocol, port, NULL, id)) && id[0] && SUCCEEDED(hr = fwstore_read(id, &rule)))
    {
        if (!(rule.profiles & ~l->profile))
            hr = fwstore_delete(id);
        else
            hr = fwstore_update(id, apply_drop_profile, &l->profile);
        ohn_fw_rule_free(&rule);
    }
    fwstore_unlock(lock);
    return hr == FW_E_RULE_GONE ? S_OK : hr;
}

struct list_snapshot
{
    struct ohn_snapshot base;
    BOOL is_apps;
    struct list_scan all;
    struct fw_list_obj *list; /* held: what Reset scans again */
};

static HRESULT list_snapshot_item(struct ohn_snapshot *snap, ULONG index, VARIANT *out)
{
    struct list_snapshot *s = CONTAINING_RECORD(snap, struct list_snapshot, base);
    struct ohn_fw_rule rule;
    IDispatch *object;
    HRESULT hr;

    if (FAILED(fwstore_read(s->all.ids[index], &rule)))
        return S_FALSE; /* removed since: skipped */
    ohn_fw_rule_free(&rule);
    hr = s->is_apps ? app_new(s->all.ids[index], &IID_IDispatch, (void **)&object)
                    : port_new(s->all.ids[index], &IID_IDispatch, (void **)&object);
    if (FAILED(hr))
        return hr;
    V_VT(out) = VT_DISPATCH;
    V_DISPATCH(out) = object;
    return S_OK;
}

static void list_snapshot_destroy(struct ohn_snapshot *snap)
{
    struct list_snapshot *s = CONTAINING_RECORD(snap, struct list_snapshot, base);

    HeapFree(GetProcessHeap(), 0, s->all.ids);
    list_Release(&s->list->iface.ports);
    HeapFree(GetProcessHeap(), 0, s);
}

static HRESULT list_snapshot_new(struct fw_list_obj *l, struct ohn_snapshot **out);

static HRESULT list_refresh(struct ohn_snapshot *snap, struct ohn_snapshot **fresh)
{
    return list_snapshot_new(CONTAINING_RECORD(snap, struct list_snapshot, base)->list, fresh);
}

/* The list's applications or ports as they are stored now. */
static HRESULT list_snapshot_new(struct fw_list_obj *l, struct ohn_snapshot **out)
{
    struct list_snapshot *s;
    HRESULT hr;

    *out = NULL;
    if (!(s = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, sizeof(*s))))
        return E_OUTOFMEMORY;
    if (FAILED(hr = scan(l, NULL, 0, 0, &s->all, NULL)))
    {
        HeapFree(GetProcessHeap(), 0, s);
        return hr;
    }
    s->base.refs = 1;
    s->base.item = list_snapshot_item;
    s->base.destroy = list_snapshot_destroy;
    s->base.refresh = list_refresh;
    s->base.count = s->all.count;
    s->is_apps = l->is_apps;
    list_AddRef(&l->iface.ports);
    s->list = l;
    *out = &s->base;
    return S_OK;
}

/* The list as it is stored now, and again at each Reset. */
static HRESULT list_enum(struct fw_list_obj *l, IUnknown **out)
{
    struct ohn_snapshot *s;

    if (!out)
        return E_POINTER;
    *out = NULL;
    return ohn_enum_of_new(list_snapshot_new(l, &s), &s, out);
}

/* INetFwAuthorizedApplications */

static HRESULT WINAPI apps_get_Count(INetFwAuthorizedApplications *iface, LONG *count)
{
    return list_count(list_impl(iface), count);
}

static HRESULT WINAPI apps_Add(INetFwAuthorizedApplications *iface, INetFwAuthorizedApplication *app)
{
    if (!app)
        return E_POINTER;
    if (app->lpVtbl != &app_vtbl)
        return E_INVALIDARG; /* another implementation's object: not read through calls that may lie */
    return list_add(list_impl(iface), &app_impl(app)->h);
}

static HRESULT WINAPI apps_Remove(INetFwAuthorizedApplications *iface, BSTR path)
{
    size_t len;
    HRESULT hr;

    if (FAILED(hr = ohn_in_string(path, OHN_FW_STR_MAX, E_INVALIDARG, &len)) || !len)
        return E_INVALIDARG;
    return list_remove(list_impl(iface), path, 0, 0);
}

static HRESULT WINAPI apps_Item(INetFwAuthorizedApplications *iface, BSTR path, INetFwAuthorizedApplication **out)
{
    WCHAR id[FW_ID_MAX + 1];
    size_t len;
    HRESULT hr;

    if (!out)
        return E_POINTER;
    *out = NULL;
    if (FAILED(hr = ohn_in_string(path, OHN_FW_STR_MAX, E_INVALIDARG, &len)) || !len)
        return E_INVALIDARG;
    if (FAILED(hr = scan(list_impl(iface), path, 0, 0, NULL, id)))
        return hr;
    if (!id[0])
        return HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND);
    return app_new(id, &IID_INetFwAuthorizedApplication, (void **)out);
}

static HRESULT WINAPI apps_get__NewEnum(INetFwAuthorizedApplications *iface, IUnknown **out)
{
    return list_enum(list_impl(iface), out);
}

static const INetFwAuthorizedApplicationsVtbl apps_vtbl = {
    (void *)list_QueryInterface, (void *)list_AddRef,      (void *)list_Release,   (void *)list_GetTypeInfoCount,
    (void *)list_GetTypeInfo,    (void *)list_GetIDsOfNames, (void *)list_Invoke,  apps_get_Count,
    apps_Add,                    apps_Remove,              apps_Item,              apps_get__NewEnum,
};

/* INetFwOpenPorts */

static HRESULT WINAPI ports_get_Count(INetFwOpenPorts *iface, LONG *count)
{
    return list_count(list_impl(iface), count);
}

static HRESULT WINAPI ports_Add(INetFwOpenPorts *iface, INetFwOpenPort *port)
{
    if (!port)
        return E_POINTER;
    if (port->lpVtbl != &port_vtbl)
        return E_INVALIDARG;
    return list_add(list_impl(iface), &port_impl(port)->h);
}

static BOOL port_args(LONG port, NET_FW_IP_PROTOCOL protocol)
{
    return port >= 1 && port <= 65535 && (protocol == NET_FW_IP_PROTOCOL_TCP || protocol == NET_FW_IP_PROTOCOL_UDP);
}

static HRESULT WINAPI ports_Remove(INetFwOpenPorts *iface, LONG port, NET_FW_IP_PROTOCOL protocol)
{
    if (!port_args(port, protocol))
        return E_INVALIDARG;
    return list_remove(list_impl(iface), NULL, protocol, (unsigned)port);
}

static HRESULT WINAPI ports_Item(INetFwOpenPorts *iface, LONG port, NET_FW_IP_PROTOCOL protocol, INetFwOpenPort **out)
{
    WCHAR id[FW_ID_MAX + 1];
    HRESULT hr;

    if (!out)
        return E_POINTER;
    *out = NULL;
    if (!port_args(port, protocol))
        return E_INVALIDARG;
    if (FAILED(hr = scan(list_impl(iface), NULL, protocol, (unsigned)port, NULL, id)))
        return hr;
    if (!id[0])
        return HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND);
    return port_new(id, &IID_INetFwOpenPort, (void **)out);
}

static HRESULT WINAPI ports_get__NewEnum(INetFwOpenPorts *iface, IUnknown **out)
{
    return list_enum(list_impl(iface), out);
}

static const INetFwOpenPortsVtbl ports_vtbl = {
    list_QueryInterface, list_AddRef,        list_Release, list_GetTypeInfoCount, list_GetTypeInfo,
    list_GetIDsOfNames,  list_Invoke,        ports_get_Count, ports_Add,          ports_Remove,
    ports_Item,          ports_get__NewEnum,
};

static HRESULT list_new(BOOL apps, unsigned profile, const WCHAR *group, void **out)
{
    struct fw_list_obj *l;

    *out = NULL;
    if (!(l = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, sizeof(*l))))
        return E_OUTOFMEMORY;
    if (apps)
        l->iface.apps.lpVtbl = &apps_vtbl;
    else
        l->iface.ports.lpVtbl = &ports_vtbl;
    l->refs = 1;
    l->is_apps = apps;
    l->profile = profile;
    if (group)
        lstrcpynW(l->group, group, ARRAY_SIZE(l->group));
    ohn_object_created();
    *out = &l->iface;
    return S_OK;
}

HRESULT fw_apps_create(unsigned profile, INetFwAuthorizedApplications **out)
{
    return list_new(TRUE, profile, NULL, (void **)out);
}

HRESULT fw_ports_create(unsigned profile, const WCHAR *group, INetFwOpenPorts **out)
{
    return list_new(FALSE, profile, group, (void **)out);
}
