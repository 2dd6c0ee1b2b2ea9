/*
 * NetFwRule: INetFwRule, INetFwRule2 and INetFwRule3 on one vtable (each extends the one
 * before it), with IDispatch from INetFwRule3's type info, which has every DISPID.
 *
 * Every put checks its value first through the core (ohn_fw.h) and changes nothing when it is
 * refused; on a bound rule it is one locked read-modify-write of the stored value.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdlib.h>

#include "firewall/firewall.h"
#include "sharing/sharing.h"

struct fw_rule
{
    INetFwRule3 INetFwRule3_iface;
    LONG refs;
    struct fw_holder h;
};

static const INetFwRule3Vtbl rule_vtbl;

static struct fw_rule *impl(INetFwRule3 *iface)
{
    return CONTAINING_RECORD(iface, struct fw_rule, INetFwRule3_iface);
}

HRESULT fw_hr(int core_result)
{
    switch (core_result)
    {
    case OHN_OK: return S_OK;
    case OHN_ENOMEM: return E_OUTOFMEMORY;
    default: return E_INVALIDARG;
    }
}

struct fw_rule *fw_rule_from_iface(INetFwRule *iface)
{
    if (!iface || iface->lpVtbl != (const INetFwRuleVtbl *)&rule_vtbl)
        return NULL;
    return impl((INetFwRule3 *)iface);
}

void fw_holder_init(struct fw_holder *h, const WCHAR *id)
{
    InitializeCriticalSection(&h->cs);
    ohn_fw_rule_init(&h->rule);
    h->bound = id != NULL;
    h->id[0] = 0;
    if (id)
        lstrcpynW(h->id, id, ARRAY_SIZE(h->id));
}

void fw_holder_free(struct fw_holder *h)
{
    ohn_fw_rule_free(&h->rule);
    DeleteCriticalSection(&h->cs);
}

HRESULT fw_holder_read(struct fw_holder *h, struct ohn_fw_rule *out)
{
    WCHAR id[FW_ID_MAX + 1];
    HRESULT hr = S_OK;
    BOOL bound;

    EnterCriticalSection(&h->cs);
    if ((bound = h->bound))
        lstrcpyW(id, h->id);
    else
        hr = fw_hr(ohn_fw_rule_copy(out, &h->rule));
    LeaveCriticalSection(&h->cs);
    if (bound)
        hr = fwstore_read(id, out);
    return hr;
}

HRESULT fw_holder_change(struct fw_holder *h, fw_change change, void *context)
{
    WCHAR id[FW_ID_MAX + 1];
    struct ohn_fw_rule copy;
    HRESULT hr = S_OK;
    BOOL bound;

    EnterCriticalSection(&h->cs);
    if ((bound = h->bound))
        lstrcpyW(id, h->id);
    else if ((hr = fw_hr(ohn_fw_rule_copy(&copy, &h->rule))) == S_OK)
    {
        if (SUCCEEDED(hr = change(&copy, context)) && ohn_fw_rule_valid(&copy) != OHN_OK)
            hr = E_INVALIDARG;
        if (SUCCEEDED(hr))
        {
            ohn_fw_rule_free(&h->rule);
            h->rule = copy;
        }
        else
            ohn_fw_rule_free(&copy);
    }
    LeaveCriticalSection(&h->cs);
    if (bound)
        hr = fwstore_update(id, change, context);
    return hr;
}

void fw_holder_bind(struct fw_holder *h, const WCHAR *id)
{
    h->bound = TRUE;
    lstrcpynW(h->id, id, ARRAY_SIZE(h->id));
    ohn_fw_rule_free(&h->rule);
    ohn_fw_rule_init(&h->rule);
}

struct field_put
{
    enum ohn_fw_field field;
    const WCHAR *value;
    size_t len;
};

static HRESULT apply_field(struct ohn_fw_rule *rule, void *context)
{
    struct field_put *p = context;

    return fw_hr(ohn_fw_set(rule, p->field, ohn_str(p->value), p->len));
}

HRESULT fw_put_field(struct fw_holder *h, enum ohn_fw_field field, BSTR value, BOOL required)
{
    struct field_put p = {field, value, 0};
    HRESULT hr;

    if ((hr = ohn_in_string(value, OHN_FW_STR_MAX, S_FALSE, &p.len)) == S_FALSE)
        p.value = NULL;
    else if (FAILED(hr))
        return hr;
    if (required && !p.len)
        return E_INVALIDARG;
    return fw_holder_change(h, apply_field, &p);
}

HRESULT fw_get_field(struct fw_holder *h, enum ohn_fw_field field, BSTR *out)
{
    struct ohn_fw_rule rule;
    ohn_char *text;
    HRESULT hr;
    int oom;

    if (!out)
        return E_POINTER;
    *out = NULL;
    if (FAILED(hr = fw_holder_read(h, &rule)))
        return hr;
    text = ohn_fw_get(&rule, field, &oom);
    ohn_fw_rule_free(&rule);
    if (oom)
        return E_OUTOFMEMORY;
    if (text && !(*out = SysAllocString((const WCHAR *)text)))
        hr = E_OUTOFMEMORY;
    free(text);
    return hr;
}

static HRESULT rule_read(struct fw_rule *o, struct ohn_fw_rule *out)
{
    return fw_holder_read(&o->h, out);
}

static HRESULT rule_change(struct fw_rule *o, fw_change change, void *context)
{
    return fw_holder_change(&o->h, change, context);
}

HRESULT fw_rule_add(struct fw_rule *o)
{
    return fw_rule_add_in(o, FW_TABLE_RULES);
}

HRESULT fw_rule_add_in(struct fw_rule *o, enum fw_table table)
{
    struct fw_holder *h = &o->h;
    WCHAR id[FW_ID_MAX + 1];
    struct ohn_fw_rule probe;
    HRESULT hr;

    EnterCriticalSection(&h->cs);
    if (h->bound)
    {
        hr = fwstore_read(h->id, &probe);
        if (SUCCEEDED(hr))
        {
            ohn_fw_rule_free(&probe);
            hr = HRESULT_FROM_WIN32(ERROR_ALREADY_EXISTS);
        }
        else if (hr == FW_E_RULE_GONE)
            hr = E_INVALIDARG; /* its rule was removed, and its fields with it */
    }
    else if (!h->rule.s[OHN_FW_NAME])
        hr = E_INVALIDARG;
    else if (SUCCEEDED(hr = fwstore_add_in(table, &h->rule, id)))
        fw_holder_bind(h, id);
    LeaveCriticalSection(&h->cs);
    return hr;
}

/* ---- changes ---- */

struct value_change
{
    enum
    {
        SET_PROTOCOL,
        SET_DIRECTION,
        SET_ENABLED,
        SET_PROFILES,
        SET_EDGE,
        SET_ACTION,
        SET_SECURE,
        SET_LIST, /* an already normalised list, the interfaces */
    } what;
    LONG value;
    ohn_char *list;
};

static HRESULT apply_value(struct ohn_fw_rule *rule, void *context)
{
    struct value_change *c = context;
    LONG v = c->value;

    switch (c->what)
    {
    case SET_PROTOCOL:
        return fw_hr(ohn_fw_set_protocol(rule, v));
    case SET_DIRECTION:
        if (v != OHN_FW_DIR_IN && v != OHN_FW_DIR_OUT)
            return E_INVALIDARG;
        rule->direction = (unsigned)v;
        break;
    case SET_ENABLED:
        rule->enabled = v ? 1 : 0;
        break;
    case SET_PROFILES:
        return fw_hr(ohn_fw_set_profiles(rule, v));
    case SET_EDGE:
        if (v < OHN_FW_EDGE_DENY || v > OHN_FW_EDGE_DEFER_USER)
            return E_INVALIDARG;
        rule->edge = (unsigned)v;
        break;
    case SET_ACTION:
        if (v != OHN_FW_ACTION_BLOCK && v != OHN_FW_ACTION_ALLOW)
            return E_INVALIDARG;
        rule->action = (unsigned)v;
        break;
    case SET_SECURE:
        if (v < 0 || v > OHN_FW_SECURE_MAX)
            return E_INVALIDARG;
        rule->secure = (unsigned)v;
        break;
    case SET_LIST:
        return fw_hr(ohn_fw_set(rule, OHN_FW_IFS, c->list, ohn_fw_strlen(c->list)));
    }
    return ohn_fw_rule_valid(rule) == OHN_OK ? S_OK : E_INVALIDARG;
}

static HRESULT put_value(INetFwRule3 *iface, int what, LONG value)
{
    struct value_change c = {what, value, NULL};

    return rule_change(impl(iface), apply_value, &c);
}

static HRESULT put_string(INetFwRule3 *iface, enum ohn_fw_field field, BSTR value)
{
    size_t len;

    if (field == OHN_FW_NAME)
    {
        /* Documented: required, no '|' (the core refuses it), and not "all". */
        if (ohn_in_string(value, OHN_FW_STR_MAX, E_INVALIDARG, &len) != S_OK || !len ||
            (len == 3 && !lstrcmpiW(value, L"all")))
            return E_INVALIDARG;
    }
    return fw_put_field(&impl(iface)->h, field, value, FALSE);
}

static HRESULT get_string(INetFwRule3 *iface, enum ohn_fw_field field, BSTR *out)
{
    return fw_get_field(&impl(iface)->h, field, out);
}

/* A scalar of the current rule. */
static HRESULT get_scalar(INetFwRule3 *iface, int what, LONG *out)
{
    struct ohn_fw_rule rule;
    HRESULT hr;

    if (!out)
        return E_POINTER;
    if (FAILED(hr = rule_read(impl(iface), &rule)))
        return hr;
    switch (what)
    {
    case SET_PROTOCOL: *out = (LONG)rule.protocol; break;
    case SET_DIRECTION: *out = (LONG)rule.direction; break;
    case SET_ENABLED: *out = rule.enabled; break;
    case SET_PROFILES: *out = rule.profiles == OHN_FW_PROFILE_ALL ? NET_FW_PROFILE2_ALL : (LONG)rule.profiles; break;
    case SET_EDGE: *out = (LONG)rule.edge; break;
    case SET_ACTION: *out = (LONG)rule.action; break;
    case SET_SECURE: *out = (LONG)rule.secure; break;
    }
    ohn_fw_rule_free(&rule);
    return S_OK;
}

/* ---- IUnknown, IDispatch ---- */

static HRESULT WINAPI rule_QueryInterface(INetFwRule3 *iface, REFIID riid, void **out)
{
    if (!out)
        return E_POINTER;
    if (IsEqualGUID(riid, &IID_IUnknown) || IsEqualGUID(riid, &IID_IDispatch) || IsEqualGUID(riid, &IID_INetFwRule) ||
        IsEqualGUID(riid, &IID_INetFwRule2) || IsEqualGUID(riid, &IID_INetFwRule3))
    {
        *out = iface;
        INetFwRule3_AddRef(iface);
        return S_OK;
    }
    *out = NULL;
    return E_NOINTERFACE;
}

static ULONG WINAPI rule_AddRef(INetFwRule3 *iface)
{
    return InterlockedIncrement(&impl(iface)->refs);
}

static ULONG WINAPI rule_Release(INetFwRule3 *iface)
{
    struct fw_rule *o = impl(iface);
    LONG refs = InterlockedDecrement(&o->refs);

    if (!refs)
    {
        fw_holder_free(&o->h);
        HeapFree(GetProcessHeap(), 0, o);
        ohn_object_destroyed();
    }
    return refs;
}

OHN_IMPL_IDISPATCH(rule, INetFwRule3, tid_INetFwRule3)

/* ---- INetFwRule ---- */

#define STRING_PROPERTY(Name, field)                                                 \
    static HRESULT WINAPI rule_get_##Name(INetFwRule3 *iface, BSTR *out)             \
    {                                                                                \
        return get_string(iface, field, out);                                        \
    }                                                                                \
    static HRESULT WINAPI rule_put_##Name(INetFwRule3 *iface, BSTR value)            \
    {                                                                                \
        return put_string(iface, field, value);                                      \
    }

STRING_PROPERTY(Name, OHN_FW_NAME)
STRING_PROPERTY(Description, OHN_FW_DESC)
STRING_PROPERTY(ApplicationName, OHN_FW_APP)
STRING_PROPERTY(ServiceName, OHN_FW_SVC)
STRING_PROPERTY(LocalPorts, OHN_FW_LPORTS)
STRING_PROPERTY(RemotePorts, OHN_FW_RPORTS)
STRING_PROPERTY(LocalAddresses, OHN_FW_LADDRS)
STRING_PROPERTY(RemoteAddresses, OHN_FW_RADDRS)
STRING_PROPERTY(IcmpTypesAndCodes, OHN_FW_ICMP)
STRING_PROPERTY(InterfaceTypes, OHN_FW_IFTYPES)
STRING_PROPERTY(Grouping, OHN_FW_GROUP)
STRING_PROPERTY(LocalAppPackageId, OHN_FW_APPPKG)
STRING_PROPERTY(LocalUserOwner, OHN_FW_LUOWN)
STRING_PROPERTY(LocalUserAuthorizedList, OHN_FW_LUAUTH)
STRING_PROPERTY(RemoteUserAuthorizedList, OHN_FW_RUAUTH)
STRING_PROPERTY(RemoteMachineAuthorizedList, OHN_FW_RMAUTH)

static HRESULT WINAPI rule_get_Protocol(INetFwRule3 *iface, LONG *out)
{
    return get_scalar(iface, SET_PROTOCOL, out);
}

static HRESULT WINAPI rule_put_Protocol(INetFwRule3 *iface, LONG value)
{
    return put_value(iface, SET_PROTOCOL, value);
}

static HRESULT WINAPI rule_get_Direction(INetFwRule3 *iface, NET_FW_RULE_DIRECTION *out)
{
    return get_scalar(iface, SET_DIRECTION, (LONG *)out);
}

static HRESULT WINAPI rule_put_Direction(INetFwRule3 *iface, NET_FW_RULE_DIRECTION value)
{
    return put_value(iface, SET_DIRECTION, (LONG)value);
}

static HRESULT WINAPI rule_get_Interfaces(INetFwRule3 *iface, VARIANT *out)
{
    struct ohn_fw_rule rule;
    HRESULT hr;

    if (!out)
        return E_POINTER;
    VariantInit(out);
    if (FAILED(hr = rule_read(impl(iface), &rule)))
        return hr;
    hr = fw_interfaces_to_variant(rule.s[OHN_FW_IFS], out);
    ohn_fw_rule_free(&rule);
    return hr;
}

static HRESULT WINAPI rule_put_Interfaces(INetFwRule3 *iface, VARIANT value)
{
    struct value_change c = {SET_LIST, 0, NULL};
    HRESULT hr;

    if (FAILED(hr = fw_interfaces_from_variant(&value, &c.list)))
        return hr;
    hr = rule_change(impl(iface), apply_value, &c);
    free(c.list);
    return hr;
}

static HRESULT WINAPI rule_get_Enabled(INetFwRule3 *iface, VARIANT_BOOL *out)
{
    LONG v;
    HRESULT hr;

    if (!out)
        return E_POINTER;
    if (SUCCEEDED(hr = get_scalar(iface, SET_ENABLED, &v)))
        *out = v ? VARIANT_TRUE : VARIANT_FALSE;
    return hr;
}

static HRESULT WINAPI rule_put_Enabled(INetFwRule3 *iface, VARIANT_BOOL value)
{
    return put_value(iface, SET_ENABLED, value != VARIANT_FALSE);
}

static HRESULT WINAPI rule_get_Profiles(INetFwRule3 *iface, LONG *out)
{
    return get_scalar(iface, SET_PROFILES, out);
}

static HRESULT WINAPI rule_put_Profiles(INetFwRule3 *iface, LONG value)
{
    return put_value(iface, SET_PROFILES, value);
}

static HRESULT WINAPI rule_get_EdgeTraversal(INetFwRule3 *iface, VARIANT_BOOL *out)
{
    LONG v;
    HRESULT hr;

    if (!out)
        return E_POINTER;
    if (SUCCEEDED(hr = get_scalar(iface, SET_EDGE, &v)))
        *out = v == OHN_FW_EDGE_ALLOW ? VARIANT_TRUE : VARIANT_FALSE;
    return hr;
}

static HRESULT WINAPI rule_put_EdgeTraversal(INetFwRule3 *iface, VARIANT_BOOL value)
{
    return put_value(iface, SET_EDGE, value != VARIANT_FALSE ? OHN_FW_EDGE_ALLOW : OHN_FW_EDGE_DENY);
}

static HRESULT WINAPI rule_get_Action(INetFwRule3 *iface, NET_FW_ACTION *out)
{
    return get_scalar(iface, SET_ACTION, (LONG *)out);
}

static HRESULT WINAPI rule_put_Action(INetFwRule3 *iface, NET_FW_ACTION value)
{
    return put_value(iface, SET_ACTION, (LONG)value);
}

/* ---- INetFwRule2, INetFwRule3 ---- */

static HRESULT WINAPI rule_get_EdgeTraversalOptions(INetFwRule3 *iface, LONG *out)
{
    return get_scalar(iface, SET_EDGE, out);
}

static HRESULT WINAPI rule_put_EdgeTraversalOptions(INetFwRule3 *iface, LONG value)
{
    return put_value(iface, SET_EDGE, value);
}

static HRESULT WINAPI rule_get_SecureFlags(INetFwRule3 *iface, LONG *out)
{
    return get_scalar(iface, SET_SECURE, out);
}

static HRESULT WINAPI rule_put_SecureFlags(INetFwRule3 *iface, LONG value)
{
    return put_value(iface, SET_SECURE, value);
}

static const INetFwRule3Vtbl rule_vtbl = {
    rule_QueryInterface,
    rule_AddRef,
    rule_Release,
    rule_GetTypeInfoCount,
    rule_GetTypeInfo,
    rule_GetIDsOfNames,
    rule_Invoke,
    rule_get_Name,
    rule_put_Name,
    rule_get_Description,
    rule_put_Description,
    rule_get_ApplicationName,
    rule_put_ApplicationName,
    rule_get_ServiceName,
    rule_put_ServiceName,
    rule_get_Protocol,
    rule_put_Protocol,
    rule_get_LocalPorts,
    rule_put_LocalPorts,
    rule_get_RemotePorts,
    rule_put_RemotePorts,
    rule_get_LocalAddresses,
    rule_put_LocalAddresses,
    rule_get_RemoteAddresses,
    rule_put_RemoteAddresses,
    rule_get_IcmpTypesAndCodes,
    rule_put_IcmpTypesAndCodes,
    rule_get_Direction,
    rule_put_Direction,
    rule_get_Interfaces,
    rule_put_Interfaces,
    rule_get_InterfaceTypes,
    rule_put_InterfaceTypes,
    rule_get_Enabled,
    rule_put_Enabled,
    rule_get_Grouping,
    rule_put_Grouping,
    rule_get_Profiles,
    rule_put_Profiles,
    rule_get_EdgeTraversal,
    rule_put_EdgeTraversal,
    rule_get_Action,
    rule_put_Action,
    rule_get_EdgeTraversalOptions,
    rule_put_EdgeTraversalOptions,
    rule_get_LocalAppPackageId,
    rule_put_LocalAppPackageId,
    rule_get_LocalUserOwner,
    rule_put_LocalUserOwner,
    rule_get_LocalUserAuthorizedList,
    rule_put_LocalUserAuthorizedList,
    rule_get_RemoteUserAuthorizedList,
    rule_put_RemoteUserAuthorizedList,
    rule_get_RemoteMachineAuthorizedList,
    rule_put_RemoteMachineAuthorizedList,
    rule_get_SecureFlags,
    rule_put_SecureFlags,
};

static HRESULT rule_new(const WCHAR *id, REFIID riid, void **out)
{
    struct fw_rule *o;
    HRESULT hr;

    *out = NULL;
    if (!(o = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, sizeof(*o))))
        return E_OUTOFMEMORY;
    o->INetFwRule3_iface.lpVtbl = &rule_vtbl;
    o->refs = 1;
    fw_holder_init(&o->h, id);
    ohn_object_created();
    hr = INetFwRule3_QueryInterface(&o->INetFwRule3_iface, riid, out);
    INetFwRule3_Release(&o->INetFwRule3_iface);
    return hr;
}

HRESULT fw_rule_create(IUnknown *outer, REFIID riid, void **out)
{
    return rule_new(NULL, riid, out);
}

HRESULT fw_rule_create_bound(const WCHAR *id, REFIID riid, void **out)
{
    return rule_new(id, riid, out);
}

/* ---- interfaces by name ---- */

/* The connection of a name (its display name, ASCII case ignored) or of a "{GUID}". */
static HRESULT interface_guid(const WCHAR *name, GUID *guid)
{
    struct connection_info info;
    GUID *list;
    ULONG count, i;
    HRESULT hr;

    if (name[0] == '{' && SUCCEEDED(CLSIDFromString(name, guid)))
        return S_OK;
    if (FAILED(hr = connection_list(&list, &count)))
        return hr;
    hr = E_INVALIDARG;
    for (i = 0; i < count; i++)
        if (SUCCEEDED(connection_query(&list[i], &info)) && !lstrcmpiW(info.name, name))
        {
            *guid = list[i];
            hr = S_OK;
            break;
        }
    HeapFree(GetProcessHeap(), 0, list);
    return hr;
}

static HRESULT append_interface(const VARIANT *item, WCHAR **buf, size_t *len, size_t *cap)
{
    WCHAR guid_text[40];
    size_t n;
    HRESULT hr;
    GUID guid;

    if (V_VT(item) == (VT_BYREF | VT_VARIANT))
        item = V_VARIANTREF(item);
    if (!item || V_VT(item) != VT_BSTR || !V_BSTR(item))
        return E_INVALIDARG;
    if (FAILED(hr = ohn_in_string(V_BSTR(item), OHN_CONNECTION_NAME_MAX, E_INVALIDARG, &n)) || !n)
        return E_INVALIDARG;
    if (FAILED(hr = interface_guid(V_BSTR(item), &guid)))
        return hr;
    StringFromGUID2(&guid, guid_text, ARRAY_SIZE(guid_text));
    if (*len + 40 > *cap)
    {
        size_t grown = *cap ? *cap * 2 : 128;
        WCHAR *p = realloc(*buf, grown * sizeof(WCHAR));

        if (!p)
            return E_OUTOFMEMORY;
        *buf = p;
        *cap = grown;
    }
    if (*len)
        (*buf)[(*len)++] = ',';
    lstrcpyW(*buf + *len, guid_text);
    *len += lstrlenW(guid_text);
    return S_OK;
}

HRESULT fw_interfaces_from_variant(const VARIANT *in, ohn_char **list)
{
    WCHAR *buf = NULL;
    size_t len = 0, cap = 0;
    HRESULT hr = S_OK;
    const VARIANT *v = in;

    *list = NULL;
    if (V_VT(v) == (VT_BYREF | VT_VARIANT))
        v = V_VARIANTREF(v);
    if (!v)
        return E_INVALIDARG;
    switch (V_VT(v) & ~VT_BYREF)
    {
    case VT_EMPTY:
    case VT_NULL:
        return S_OK;
    case VT_BSTR:
        hr = append_interface(v, &buf, &len, &cap);
        break;
    case VT_ARRAY | VT_VARIANT:
    case VT_ARRAY | VT_BSTR:
    {
        SAFEARRAY *array = (V_VT(v) & VT_BYREF) ? (V_ARRAYREF(v) ? *V_ARRAYREF(v) : NULL) : V_ARRAY(v);
        LONG lower, upper, i;

        if (V_VT(v) & VT_BYREF && (V_VT(v) & ~VT_BYREF) == VT_BSTR)
            return E_INVALIDARG; /* a BSTR by reference is no list */
        if (!array || SafeArrayGetDim(array) != 1 || FAILED(SafeArrayGetLBound(array, 1, &lower)) ||
            FAILED(SafeArrayGetUBound(array, 1, &upper)))
            return E_INVALIDARG;
        for (i = lower; i <= upper && SUCCEEDED(hr); i++)
        {
            VARIANT item;

            VariantInit(&item);
            if ((V_VT(v) & ~VT_BYREF) == (VT_ARRAY | VT_BSTR))
            {
                BSTR s = NULL;

                if (FAILED(hr = SafeArrayGetElement(array, &i, &s)))
                    break;
                V_VT(&item) = VT_BSTR;
                V_BSTR(&item) = s;
            }
            else if (FAILED(hr = SafeArrayGetElement(array, &i, &item)))
                break;
            hr = append_interface(&item, &buf, &len, &cap);
            VariantClear(&item);
        }
        break;
    }
    default:
        hr = E_INVALIDARG;
    }
    if (SUCCEEDED(hr) && buf)
    {
        struct ohn_fw_rule probe;
        int err;

        /* Through the core, as every list is: the canonical form. */
        ohn_fw_rule_init(&probe);
        if ((err = ohn_fw_set(&probe, OHN_FW_IFS, ohn_str(buf), len)) == OHN_OK)
        {
            *list = probe.s[OHN_FW_IFS];
            probe.s[OHN_FW_IFS] = NULL;
        }
        hr = fw_hr(err);
        ohn_fw_rule_free(&probe);
    }
    free(buf);
    return hr;
}

HRESULT fw_interfaces_to_variant(const ohn_char *list, VARIANT *out)
{
    SAFEARRAY *array;
    size_t len = ohn_fw_strlen(list), pos, count = 0;
    LONG index = 0;
    HRESULT hr = S_OK;

    VariantInit(out);
    if (!len)
        return S_OK;
    for (pos = 0; pos < len; pos++)
        count += list[pos] == ',';
    count++;
    if (!(array = SafeArrayCreateVector(VT_VARIANT, 0, (ULONG)count)))
        return E_OUTOFMEMORY;
    for (pos = 0; pos < len && SUCCEEDED(hr); pos += 39, index++)
    {
        struct connection_info info;
        WCHAR text[39];
        VARIANT item;
        GUID guid;

        lstrcpynW(text, (const WCHAR *)list + pos, 39);
        V_VT(&item) = VT_BSTR;
        if (SUCCEEDED(CLSIDFromString(text, &guid)) && connection_query(&guid, &info) == S_OK &&
            info.status != NCS_HARDWARE_NOT_PRESENT)
            V_BSTR(&item) = SysAllocString(info.name);
        else
            V_BSTR(&item) = SysAllocString(text); /* not on this host now: its GUID */
        if (!V_BSTR(&item))
            hr = E_OUTOFMEMORY;
        else
            hr = SafeArrayPutElement(array, &index, &item);
        VariantClear(&item);
    }
    if (FAILED(hr))
    {
        SafeArrayDestroy(array);
        return hr;
    }
    V_VT(out) = VT_ARRAY | VT_VARIANT;
    V_ARRAY(out) = array;
    return S_OK;
}
