/*
 * Connections: the host's network adapters (loopback excluded), as INetConnection and
 * INetConnectionProps objects. A connection is identified by the adapter GUID that
 * GetAdaptersAddresses reports as AdapterName, so clients can match the two; its display name
 * is the stored one after INetConnection::Rename, else the adapter's FriendlyName. Properties
 * are read afresh on every call, so status and sharing changes show at once.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "sharing/sharing_private.h"
#include "store/store.h"

#include <iphlpapi.h>

/* The adapters, with their unicast addresses when asked for. */
static HRESULT get_adapters(BOOL unicast, IP_ADAPTER_ADDRESSES **out)
{
    const ULONG flags = (unicast ? 0 : GAA_FLAG_SKIP_UNICAST) | GAA_FLAG_SKIP_ANYCAST | GAA_FLAG_SKIP_MULTICAST |
                        GAA_FLAG_SKIP_DNS_SERVER;
    IP_ADAPTER_ADDRESSES *list = NULL;
    ULONG size = 16384, err;
    int tries;

    for (tries = 0; tries < 4; tries++)
    {
        if (!(list = HeapAlloc(GetProcessHeap(), 0, size)))
            return E_OUTOFMEMORY;
        err = GetAdaptersAddresses(AF_UNSPEC, flags, NULL, list, &size);
        if (err == ERROR_SUCCESS)
        {
            *out = list;
            return S_OK;
        }
        HeapFree(GetProcessHeap(), 0, list);
        list = NULL;
        if (err == ERROR_NO_DATA)
        {
            *out = NULL;
            return S_OK;
        }
        if (err != ERROR_BUFFER_OVERFLOW)
            return HRESULT_FROM_WIN32(err);
    }
    return HRESULT_FROM_WIN32(ERROR_BUFFER_OVERFLOW);
}

static BOOL adapter_guid(const IP_ADAPTER_ADDRESSES *a, GUID *guid)
{
    WCHAR name[64];

    if (a->IfType == IF_TYPE_SOFTWARE_LOOPBACK || !a->AdapterName)
        return FALSE;
    if (!MultiByteToWideChar(CP_ACP, 0, a->AdapterName, -1, name, ARRAY_SIZE(name)))
        return FALSE;
    return SUCCEEDED(CLSIDFromString(name, guid));
}

HRESULT connection_list(GUID **list, ULONG *count)
{
    IP_ADAPTER_ADDRESSES *adapters, *a;
    ULONG n = 0, total = 0;
    GUID *guids;
    HRESULT hr;

    *list = NULL;
    *count = 0;
    if (FAILED(hr = get_adapters(FALSE, &adapters)))
        return hr;
    for (a = adapters; a; a = a->Next)
        total++;
    if (!(guids = HeapAlloc(GetProcessHeap(), 0, (total ? total : 1) * sizeof(*guids))))
    {
        HeapFree(GetProcessHeap(), 0, adapters);
        return E_OUTOFMEMORY;
    }
    for (a = adapters; a; a = a->Next)
        if (adapter_guid(a, &guids[n]))
            n++;
    HeapFree(GetProcessHeap(), 0, adapters);
    *list = guids;
    *count = n;
    return S_OK;
}

static NETCON_STATUS status_from_adapter(const IP_ADAPTER_ADDRESSES *a)
{
    switch (a->OperStatus)
    {
    case IfOperStatusUp:
        return NCS_CONNECTED;
    case IfOperStatusNotPresent:
        return NCS_HARDWARE_NOT_PRESENT;
    case IfOperStatusDown:
    case IfOperStatusLowerLayerDown:
        return NCS_MEDIA_DISCONNECTED;
    default:
        return NCS_DISCONNECTED;
    }
}

static NETCON_MEDIATYPE media_from_adapter(const IP_ADAPTER_ADDRESSES *a)
{
    switch (a->IfType)
    {
    case IF_TYPE_PPP:
        return NCM_PHONE;
    case IF_TYPE_TUNNEL:
        return NCM_TUNNEL;
    default:
        return NCM_LAN;
    }
}

HRESULT connection_ipv4(const GUID *guid, uint32_t *ip)
{
    IP_ADAPTER_ADDRESSES *adapters, *a;
    IP_ADAPTER_UNICAST_ADDRESS *u;
    HRESULT hr;
    GUID g;

    *ip = 0;
    if (FAILED(hr = get_adapters(TRUE, &adapters)))
        return hr;
    for (a = adapters; a && !*ip; a = a->Next)
        if (adapter_guid(a, &g) && IsEqualGUID(&g, guid))
            for (u = a->FirstUnicastAddress; u && !*ip; u = u->Next)
                if (u->Address.lpSockaddr->sa_family == AF_INET)
                    *ip = ntohl(((const struct sockaddr_in *)u->Address.lpSockaddr)->sin_addr.s_addr);
    HeapFree(GetProcessHeap(), 0, adapters);
    return *ip ? S_OK : S_FALSE;
}

HRESULT connection_query(const GUID *guid, struct connection_info *info)
{
    IP_ADAPTER_ADDRESSES *adapters, *a;
    WCHAR stored[OHN_CONNECTION_NAME_MAX + 1];
    struct ohn_sharing roles;
    BOOL firewall;
    HRESULT hr;
    GUID g;

    memset(info, 0, sizeof(*info));
    info->guid = *guid;
    info->status = NCS_HARDWARE_NOT_PRESENT;
    info->media = NCM_LAN;
    if (FAILED(hr = get_adapters(FALSE, &adapters)))
        return hr;
    for (a = adapters; a; a = a->Next)
    {
        if (!adapter_guid(a, &g) || !IsEqualGUID(&g, guid))
            continue;
        if (a->FriendlyName)
            lstrcpynW(info->name, a->FriendlyName, ARRAY_SIZE(info->name));
        if (a->Description)
            lstrcpynW(info->device, a->Description, ARRAY_SIZE(info->device));
        info->status = status_from_adapter(a);
        info->media = media_from_adapter(a);
        break;
    }
    HeapFree(GetProcessHeap(), 0, adapters);

    if (FAILED(hr = store_get_name(guid, stored, ARRAY_SIZE(stored))))
        return hr;
    if (hr == S_OK)
        lstrcpyW(info->name, stored);
    if (FAILED(hr = store_get_roles(&roles)) || FAILED(hr = store_get_firewall(guid, &firewall)))
        return hr;
    info->characteristics = NCCF_ALL_USERS | NCCF_ALLOW_RENAME;
    switch (ohn_sharing_role(&roles, (const uint8_t *)guid))
    {
    case OHN_ROLE_PUBLIC:
        info->characteristics |= NCCF_SHARED;
        break;
    case OHN_ROLE_PRIVATE:
        info->characteristics |= NCCF_SHARED_PRIVATE;
        break;
    }
    if (firewall)
        info->characteristics |= NCCF_FIREWALLED;
    return S_OK;
}

/* INetConnection */

struct connection
{
    INetConnection INetConnection_iface;
    LONG refs;
    GUID guid;
};

static const INetConnectionVtbl connection_vtbl;

static struct connection *impl_from_INetConnection(INetConnection *iface)
{
    return CONTAINING_RECORD(iface, struct connection, INetConnection_iface);
}

static HRESULT WINAPI connection_QueryInterface(INetConnection *iface, REFIID riid, void **out)
{
    if (!out)
        return E_POINTER;
    if (IsEqualGUID(riid, &IID_IUnknown) || IsEqualGUID(riid, &IID_INetConnection))
    {
        *out = iface;
        INetConnection_AddRef(iface);
        return S_OK;
    }
    *out = NULL;
    return E_NOINTERFACE;
}

static ULONG WINAPI connection_AddRef(INetConnection *iface)
{
    return InterlockedIncrement(&impl_from_INetConnection(iface)->refs);
}

static ULONG WINAPI connection_Release(INetConnection *iface)
{
    struct connection *c = impl_from_INetConnection(iface);
    LONG refs = InterlockedDecrement(&c->refs);

    if (!refs)
    {
        HeapFree(GetProcessHeap(), 0, c);
        ohn_object_destroyed();
    }
    return refs;
}

/* Dialling, hanging up, deleting and duplicating adapters is the system's business. */
static HRESULT WINAPI connection_Connect(INetConnection *iface)
{
    return E_NOTIMPL;
}

static HRESULT WINAPI connection_Disconnect(INetConnection *iface)
{
    return E_NOTIMPL;
}

static HRESULT WINAPI connection_Delete(INetConnection *iface)
{
    return E_NOTIMPL;
}

static HRESULT WINAPI connection_Duplicate(INetConnection *iface, LPCWSTR name, INetConnection **out)
{
    if (out)
        *out = NULL;
    return E_NOTIMPL;
}

static WCHAR *co_strdup(const WCHAR *s)
{
    size_t size = (lstrlenW(s) + 1) * sizeof(WCHAR);
    WCHAR *copy = CoTaskMemAlloc(size);

    if (copy)
        memcpy(copy, s, size);
    return copy;
}

static HRESULT WINAPI connection_GetProperties(INetConnection *iface, NETCON_PROPERTIES **out)
{
    struct connection *c = impl_from_INetConnection(iface);
    struct connection_info info;
    NETCON_PROPERTIES *props;
    HRESULT hr;

    if (!out)
        return E_POINTER;
    *out = NULL;
    if (FAILED(hr = connection_query(&c->guid, &info)))
        return hr;
    /* Each block on its own CoTaskMemAlloc, so that NcFreeNetconProperties can free it. */
    if (!(props = CoTaskMemAlloc(sizeof(*props))))
        return E_OUTOFMEMORY;
    memset(props, 0, sizeof(*props));
    props->guidId = c->guid;
    props->pszwName = co_strdup(info.name);
    props->pszwDeviceName = co_strdup(info.device);
    if (!props->pszwName || !props->pszwDeviceName)
    {
        CoTaskMemFree(props->pszwName);
        CoTaskMemFree(props->pszwDeviceName);
        CoTaskMemFree(props);
        return E_OUTOFMEMORY;
    }
    props->Status = info.status;
    props->MediaType = info.media;
    props->dwCharacter = info.characteristics;
    *out = props;
    return S_OK;
}

static HRESULT WINAPI connection_GetUiObjectClassId(INetConnection *iface, CLSID *clsid)
{
    return E_NOTIMPL;
}

/* Whether another present connection already shows this name (names are case-insensitive,
 * as folder names are). */
static HRESULT name_taken(const GUID *self, const WCHAR *name, BOOL *taken)
{
    struct connection_info info;
    ULONG count, i;
    GUID *guids;
    HRESULT hr;

    *taken = FALSE;
    if (FAILED(hr = connection_list(&guids, &count)))
        return hr;
    for (i = 0; i < count && !*taken; i++)
    {
        if (IsEqualGUID(&guids[i], self))
            continue;
        if (FAILED(hr = connection_query(&guids[i], &info)))
            break;
        *taken = !lstrcmpiW(info.name, name);
    }
    HeapFree(GetProcessHeap(), 0, guids);
    return FAILED(hr) ? hr : S_OK;
}

/* The check against the other names and the write are one step for the whole prefix: two
 * renames to the same name at the same moment must not both succeed. */
static HRESULT WINAPI connection_Rename(INetConnection *iface, LPCWSTR name)
{
    struct connection *c = impl_from_INetConnection(iface);
    HANDLE lock;
    size_t len;
    BOOL taken;
    HRESULT hr;

    if (FAILED(hr = ohn_in_string(name, OHN_CONNECTION_NAME_MAX, E_POINTER, &len)))
        return hr;
    if (ohn_connection_name_valid(ohn_str(name), len) != OHN_OK)
        return E_INVALIDARG;
    TRACE("%ls\n", name);
    if (FAILED(hr = store_lock(STORE_NAMES_LOCK, &lock)))
        return hr;
    if (SUCCEEDED(hr = name_taken(&c->guid, name, &taken)))
        hr = taken ? HRESULT_FROM_WIN32(ERROR_DUP_NAME) : store_set_name(&c->guid, name);
    store_unlock(lock);
    return hr;
}

static const INetConnectionVtbl connection_vtbl = {
    connection_QueryInterface, connection_AddRef,        connection_Release,
    connection_Connect,        connection_Disconnect,    connection_Delete,
    connection_Duplicate,      connection_GetProperties, connection_GetUiObjectClassId,
    connection_Rename,
};

HRESULT connection_create(const GUID *guid, INetConnection **out)
{
    struct connection *c;

    *out = NULL;
    if (!(c = HeapAlloc(GetProcessHeap(), 0, sizeof(*c))))
        return E_OUTOFMEMORY;
    c->INetConnection_iface.lpVtbl = &connection_vtbl;
    c->refs = 1;
    c->guid = *guid;
    ohn_object_created();
    *out = &c->INetConnection_iface;
    return S_OK;
}

/* INetConnectionProps */

struct connection_props
{
    INetConnectionProps INetConnectionProps_iface;
    LONG refs;
    GUID guid;
};

static struct connection_props *impl_from_INetConnectionProps(INetConnectionProps *iface)
{
    return CONTAINING_RECORD(iface, struct connection_props, INetConnectionProps_iface);
}

static HRESULT WINAPI props_QueryInterface(INetConnectionProps *iface, REFIID riid, void **out)
{
    if (!out)
        return E_POINTER;
    if (IsEqualGUID(riid, &IID_IUnknown) || IsEqualGUID(riid, &IID_IDispatch) ||
        IsEqualGUID(riid, &IID_INetConnectionProps))
    {
        *out = iface;
        INetConnectionProps_AddRef(iface);
        return S_OK;
    }
    *out = NULL;
    return E_NOINTERFACE;
}

static ULONG WINAPI props_AddRef(INetConnectionProps *iface)
{
    return InterlockedIncrement(&impl_from_INetConnectionProps(iface)->refs);
}

static ULONG WINAPI props_Release(INetConnectionProps *iface)
{
    struct connection_props *p = impl_from_INetConnectionProps(iface);
    LONG refs = InterlockedDecrement(&p->refs);

    if (!refs)
    {
        HeapFree(GetProcessHeap(), 0, p);
        ohn_object_destroyed();
    }
    return refs;
}

OHN_IMPL_IDISPATCH(props, INetConnectionProps, tid_INetConnectionProps)

static HRESULT props_string(const WCHAR *value, BSTR *out)
{
    if (!(*out = SysAllocString(value)))
        return E_OUTOFMEMORY;
    return S_OK;
}

static HRESULT WINAPI props_get_Guid(INetConnectionProps *iface, BSTR *out)
{
    WCHAR guid[40];

    if (!out)
        return E_POINTER;
    StringFromGUID2(&impl_from_INetConnectionProps(iface)->guid, guid, ARRAY_SIZE(guid));
    return props_string(guid, out);
}

/* Every property but the GUID is read afresh: checks out, then queries the connection. */
static HRESULT props_query(INetConnectionProps *iface, const void *out, struct connection_info *info)
{
    if (!out)
        return E_POINTER;
    return connection_query(&impl_from_INetConnectionProps(iface)->guid, info);
}

/* Name and DeviceName: the out string is NULL whenever the call fails. */
static HRESULT props_get_string(INetConnectionProps *iface, BSTR *out, BOOL device)
{
    struct connection_info info;
    HRESULT hr;

    if (!out)
        return E_POINTER;
    *out = NULL;
    if (FAILED(hr = props_query(iface, out, &info)))
        return hr;
    return props_string(device ? info.device : info.name, out);
}

static HRESULT WINAPI props_get_Name(INetConnectionProps *iface, BSTR *out)
{
    return props_get_string(iface, out, FALSE);
}

static HRESULT WINAPI props_get_DeviceName(INetConnectionProps *iface, BSTR *out)
{
    return props_get_string(iface, out, TRUE);
}

static HRESULT WINAPI props_get_Status(INetConnectionProps *iface, NETCON_STATUS *out)
{
    struct connection_info info;
    HRESULT hr;

    if (FAILED(hr = props_query(iface, out, &info)))
        return hr;
    *out = info.status;
    return S_OK;
}

static HRESULT WINAPI props_get_MediaType(INetConnectionProps *iface, NETCON_MEDIATYPE *out)
{
    struct connection_info info;
    HRESULT hr;

    if (FAILED(hr = props_query(iface, out, &info)))
        return hr;
    *out = info.media;
    return S_OK;
}

static HRESULT WINAPI props_get_Characteristics(INetConnectionProps *iface, DWORD *out)
{
    struct connection_info info;
    HRESULT hr;

    if (FAILED(hr = props_query(iface, out, &info)))
        return hr;
    *out = info.characteristics;
    return S_OK;
}

static const INetConnectionPropsVtbl props_vtbl = {
    props_QueryInterface, props_AddRef,        props_Release,          props_GetTypeInfoCount,
    props_GetTypeInfo,    props_GetIDsOfNames, props_Invoke,           props_get_Guid,
    props_get_Name,       props_get_DeviceName, props_get_Status,      props_get_MediaType,
    props_get_Characteristics,
};

HRESULT connection_props_create(const GUID *guid, INetConnectionProps **out)
{
    struct connection_props *p;

    *out = NULL;
    if (!(p = HeapAlloc(GetProcessHeap(), 0, sizeof(*p))))
        return E_OUTOFMEMORY;
    p->INetConnectionProps_iface.lpVtbl = &props_vtbl;
    p->refs = 1;
    p->guid = *guid;
    ohn_object_created();
    *out = &p->INetConnectionProps_iface;
    return S_OK;
}

/* Snapshot of connections for the three connection collections. */

struct connection_snapshot
{
    struct ohn_snapshot base;
    GUID *guids;
};

static HRESULT connection_snapshot_item(struct ohn_snapshot *snap, ULONG index, VARIANT *out)
{
    struct connection_snapshot *s = CONTAINING_RECORD(snap, struct connection_snapshot, base);
    INetConnection *conn;
    HRESULT hr;

    if (FAILED(hr = connection_create(&s->guids[index], &conn)))
        return hr;
    V_VT(out) = VT_UNKNOWN;
    V_UNKNOWN(out) = (IUnknown *)conn;
    return S_OK;
}

static void connection_snapshot_destroy(struct ohn_snapshot *snap)
{
    struct connection_snapshot *s = CONTAINING_RECORD(snap, struct connection_snapshot, base);

    HeapFree(GetProcessHeap(), 0, s->guids);
    HeapFree(GetProcessHeap(), 0, s);
}

/* role_filter: OHN_ROLE_PUBLIC or OHN_ROLE_PRIVATE keeps the connection with that role;
 * any other value keeps every connection. */
HRESULT connection_snapshot_create(int role_filter, struct ohn_snapshot **out)
{
    struct connection_snapshot *s;
    struct ohn_sharing roles;
    ULONG count, i, n = 0;
    GUID *guids;
    HRESULT hr;

    *out = NULL;
    if (FAILED(hr = connection_list(&guids, &count)))
        return hr;
    if (role_filter == OHN_ROLE_PUBLIC || role_filter == OHN_ROLE_PRIVATE)
    {
        if (FAILED(hr = store_get_roles(&roles)))
        {
            HeapFree(GetProcessHeap(), 0, guids);
            return hr;
        }
        for (i = 0; i < count; i++)
            if (ohn_sharing_role(&roles, (const uint8_t *)&guids[i]) == role_filter)
                guids[n++] = guids[i];
        count = n;
    }
    if (!(s = HeapAlloc(GetProcessHeap(), 0, sizeof(*s))))
    {
        HeapFree(GetProcessHeap(), 0, guids);
        return E_OUTOFMEMORY;
    }
    s->base.refs = 1;
    s->base.count = count;
    s->base.item = connection_snapshot_item;
    s->base.refresh = NULL; /* what EnumEveryConnection returned, as on Windows */
    s->base.destroy = connection_snapshot_destroy;
    s->guids = guids;
    *out = &s->base;
    return S_OK;
}
