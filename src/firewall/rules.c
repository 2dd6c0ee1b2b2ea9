/*
 * INetFwRules: the rules of a table of the store (the firewall's, or Windows Service
 * Hardening's). Count, Item and _NewEnum read the store when they are called (another process's
 * rules included), and an enumerator reads it again at Reset; the objects they give are bound to
 * their stored rules, so a put on one is stored.
 *
 * Chosen where Windows' documentation is silent: names compare with ASCII case ignored, Item
 * gives the first rule of a name in the registry's order, Remove removes that one and is S_OK
 * when there is none (a clean-up before an Add must not fail), and Add takes only rule objects
 * of this DLL (another implementation's would be read through calls that may lie).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "firewall/firewall.h"

struct fw_rules
{
    INetFwRules INetFwRules_iface;
    LONG refs;
    enum fw_table table;
};

static struct fw_rules *impl(INetFwRules *iface)
{
    return CONTAINING_RECORD(iface, struct fw_rules, INetFwRules_iface);
}

static HRESULT WINAPI rules_QueryInterface(INetFwRules *iface, REFIID riid, void **out)
{
    if (!out)
        return E_POINTER;
    if (IsEqualGUID(riid, &IID_IUnknown) || IsEqualGUID(riid, &IID_IDispatch) || IsEqualGUID(riid, &IID_INetFwRules))
    {
        *out = iface;
        INetFwRules_AddRef(iface);
        return S_OK;
    }
    *out = NULL;
    return E_NOINTERFACE;
}

static ULONG WINAPI rules_AddRef(INetFwRules *iface)
{
    return InterlockedIncrement(&impl(iface)->refs);
}

static ULONG WINAPI rules_Release(INetFwRules *iface)
{
    struct fw_rules *o = impl(iface);
    LONG refs = InterlockedDecrement(&o->refs);

    if (!refs)
    {
        HeapFree(GetProcessHeap(), 0, o);
        ohn_object_destroyed();
    }
    return refs;
}

OHN_IMPL_IDISPATCH(rules, INetFwRules, tid_INetFwRules)

static HRESULT WINAPI rules_get_Count(INetFwRules *iface, LONG *count)
{
    struct fw_list list;
    HRESULT hr;

    if (!count)
        return E_POINTER;
    if (FAILED(hr = fwstore_list_in(impl(iface)->table, &list)))
        return hr;
    *count = (LONG)list.count;
    fwstore_list_free(&list);
    return S_OK;
}

static HRESULT WINAPI rules_Add(INetFwRules *iface, INetFwRule *rule)
{
    struct fw_rule *ours;

    if (!rule)
        return E_POINTER;
    if (!(ours = fw_rule_from_iface(rule)))
        return E_INVALIDARG;
    return fw_rule_add_in(ours, impl(iface)->table);
}

static HRESULT WINAPI rules_Remove(INetFwRules *iface, BSTR name)
{
    size_t len;
    HRESULT hr;

    if (FAILED(hr = ohn_in_string(name, OHN_FW_STR_MAX, E_INVALIDARG, &len)))
        return hr;
    hr = fwstore_remove_named_in(impl(iface)->table, name);
    return hr == S_FALSE ? S_OK : hr;
}

static HRESULT WINAPI rules_Item(INetFwRules *iface, BSTR name, INetFwRule **out)
{
    struct fw_list list;
    size_t len;
    HRESULT hr;
    LONG found;

    if (!out)
        return E_POINTER;
    *out = NULL;
    if (FAILED(hr = ohn_in_string(name, OHN_FW_STR_MAX, E_INVALIDARG, &len)))
        return hr;
    if (FAILED(hr = fwstore_list_in(impl(iface)->table, &list)))
        return hr;
    if ((found = fwstore_list_find_named(&list, name)) >= 0)
        hr = fw_rule_create_bound(list.items[found].id, &IID_INetFwRule, (void **)out);
    else
        hr = HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND);
    fwstore_list_free(&list);
    return hr;
}

/* The ids of the rules when _NewEnum (or Reset) was called. */
struct rules_snapshot
{
    struct ohn_snapshot base;
    enum fw_table table;
    WCHAR (*ids)[FW_ID_MAX + 1];
};

static HRESULT rules_snapshot_item(struct ohn_snapshot *snap, ULONG index, VARIANT *out)
{
    struct rules_snapshot *s = CONTAINING_RECORD(snap, struct rules_snapshot, base);
    struct ohn_fw_rule rule;
    INetFwRule *object;
    HRESULT hr;

    if ((hr = fwstore_read(s->ids[index], &rule)) == FW_E_RULE_GONE)
        return S_FALSE; /* removed since: skipped */
    if (FAILED(hr))
        return S_FALSE; /* no longer a rule this version reads */
    ohn_fw_rule_free(&rule);
    if (FAILED(hr = fw_rule_create_bound(s->ids[index], &IID_INetFwRule, (void **)&object)))
        return hr;
    V_VT(out) = VT_DISPATCH;
    V_DISPATCH(out) = (IDispatch *)object;
    return S_OK;
}

static void rules_snapshot_destroy(struct ohn_snapshot *snap)
{
    struct rules_snapshot *s = CONTAINING_RECORD(snap, struct rules_snapshot, base);

    HeapFree(GetProcessHeap(), 0, s->ids);
    HeapFree(GetProcessHeap(), 0, s);
}

static HRESULT rules_snapshot_new(enum fw_table table, struct ohn_snapshot **out);

static HRESULT rules_refresh(struct ohn_snapshot *snap, struct ohn_snapshot **fresh)
{
    return rules_snapshot_new(CONTAINING_RECORD(snap, struct rules_snapshot, base)->table, fresh);
}

/* The ids of the table's rules now. */
static HRESULT rules_snapshot_new(enum fw_table table, struct ohn_snapshot **out)
{
    struct rules_snapshot *s;
    struct fw_list list;
    HRESULT hr;
    ULONG i;

    *out = NULL;
    if (FAILED(hr = fwstore_list_in(table, &list)))
        return hr;
    if (!(s = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, sizeof(*s))) ||
        (list.count && !(s->ids = HeapAlloc(GetProcessHeap(), 0, list.count * sizeof(*s->ids)))))
    {
        HeapFree(GetProcessHeap(), 0, s);
        fwstore_list_free(&list);
        return E_OUTOFMEMORY;
    }
    s->base.refs = 1;
    s->base.item = rules_snapshot_item;
    s->base.destroy = rules_snapshot_destroy;
    s->base.refresh = rules_refresh;
    s->table = table;
    s->base.count = list.count;
    for (i = 0; i < list.count; i++)
        lstrcpyW(s->ids[i], list.items[i].id);
    fwstore_list_free(&list);
    *out = &s->base;
    return S_OK;
}

/* The rules as they are now, and again at each Reset. */
static HRESULT WINAPI rules_get__NewEnum(INetFwRules *iface, IUnknown **out)
{
    struct ohn_snapshot *s;

    if (!out)
        return E_POINTER;
    *out = NULL;
    return ohn_enum_of_new(rules_snapshot_new(impl(iface)->table, &s), &s, out);
}

static const INetFwRulesVtbl rules_vtbl = {
    rules_QueryInterface, rules_AddRef,  rules_Release,     rules_GetTypeInfoCount, rules_GetTypeInfo,
    rules_GetIDsOfNames,  rules_Invoke,  rules_get_Count,   rules_Add,              rules_Remove,
    rules_Item,           rules_get__NewEnum,
};

HRESULT fw_rules_create(INetFwRules **out)
{
    return fw_rules_create_in(FW_TABLE_RULES, out);
}

HRESULT fw_rules_create_in(enum fw_table table, INetFwRules **out)
{
    struct fw_rules *o;

    *out = NULL;
    if (!(o = HeapAlloc(GetProcessHeap(), 0, sizeof(*o))))
        return E_OUTOFMEMORY;
    o->INetFwRules_iface.lpVtbl = &rules_vtbl;
    o->refs = 1;
    o->table = table;
    ohn_object_created();
    *out = &o->INetFwRules_iface;
    return S_OK;
}
