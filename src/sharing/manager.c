/*
 * INetSharingManager, the NetSharingManager class (HNetCfg.HNetShare).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "sharing/sharing_private.h"
#include "gateway/engine.h"

struct sharing_manager
{
    INetSharingManager INetSharingManager_iface;
    LONG refs;
};

static struct sharing_manager *impl_from_INetSharingManager(INetSharingManager *iface)
{
    return CONTAINING_RECORD(iface, struct sharing_manager, INetSharingManager_iface);
}

static HRESULT WINAPI manager_QueryInterface(INetSharingManager *iface, REFIID riid, void **out)
{
    if (!out)
        return E_POINTER;
    if (IsEqualGUID(riid, &IID_IUnknown) || IsEqualGUID(riid, &IID_IDispatch) ||
        IsEqualGUID(riid, &IID_INetSharingManager))
    {
        *out = iface;
        INetSharingManager_AddRef(iface);
        return S_OK;
    }
    *out = NULL;
    return E_NOINTERFACE;
}

static ULONG WINAPI manager_AddRef(INetSharingManager *iface)
{
    return InterlockedIncrement(&impl_from_INetSharingManager(iface)->refs);
}

static ULONG WINAPI manager_Release(INetSharingManager *iface)
{
    struct sharing_manager *m = impl_from_INetSharingManager(iface);
    LONG refs = InterlockedDecrement(&m->refs);

    if (!refs)
    {
        HeapFree(GetProcessHeap(), 0, m);
        ohn_object_destroyed();
    }
    return refs;
}

OHN_IMPL_IDISPATCH(manager, INetSharingManager, tid_INetSharingManager)

static HRESULT WINAPI manager_get_SharingInstalled(INetSharingManager *iface, VARIANT_BOOL *out)
{
    if (!out)
        return E_POINTER;
    *out = VARIANT_TRUE;
    return S_OK;
}

static HRESULT connections(enum ohn_collection_kind kind, int role, SHARINGCONNECTION_ENUM_FLAGS flags, void **out)
{
    struct ohn_snapshot *snap;
    HRESULT hr;

    if (!out)
        return E_POINTER;
    *out = NULL;
    /* Microsoft documents ICSSC_DEFAULT only; a shared connection is enabled by definition,
     * so ICSSC_ENABLED lists the same connections. */
    if (flags != ICSSC_DEFAULT && flags != ICSSC_ENABLED)
        return E_INVALIDARG;
    if (FAILED(hr = connection_snapshot_create(role, &snap)))
        return hr;
    hr = ohn_collection_create(kind, snap, out);
    ohn_snapshot_release(snap);
    return hr;
}

static HRESULT WINAPI manager_get_EnumPublicConnections(INetSharingManager *iface, SHARINGCONNECTION_ENUM_FLAGS flags,
                                                        INetSharingPublicConnectionCollection **out)
{
    return connections(OHN_COLL_PUBLIC_CONNECTIONS, OHN_ROLE_PUBLIC, flags, (void **)out);
}

static HRESULT WINAPI manager_get_EnumPrivateConnections(INetSharingManager *iface, SHARINGCONNECTION_ENUM_FLAGS flags,
                                                         INetSharingPrivateConnectionCollection **out)
{
    return connections(OHN_COLL_PRIVATE_CONNECTIONS, OHN_ROLE_PRIVATE, flags, (void **)out);
}

static HRESULT WINAPI manager_get_EnumEveryConnection(INetSharingManager *iface,
                                                      INetSharingEveryConnectionCollection **out)
{
    return connections(OHN_COLL_EVERY_CONNECTION, OHN_ROLE_NONE, ICSSC_DEFAULT, (void **)out);
}

/* Any INetConnection will do, ours or not: the connection is its GetProperties guidId. One
 * that answers S_OK without properties gets E_UNEXPECTED. */
static HRESULT connection_guid(INetConnection *connection, GUID *guid)
{
    NETCON_PROPERTIES *props = NULL;
    HRESULT hr;

    if (!connection)
        return E_POINTER;
    if (FAILED(hr = INetConnection_GetProperties(connection, &props)))
        return hr;
    if (!props)
        return E_UNEXPECTED;
    *guid = props->guidId;
    CoTaskMemFree(props->pszwName);
    CoTaskMemFree(props->pszwDeviceName);
    CoTaskMemFree(props);
    return S_OK;
}

static HRESULT WINAPI manager_get_INetSharingConfigurationForINetConnection(INetSharingManager *iface,
                                                                            INetConnection *connection,
                                                                            INetSharingConfiguration **out)
{
    HRESULT hr;
    GUID guid;

    if (!out)
        return E_POINTER;
    *out = NULL;
    if (FAILED(hr = connection_guid(connection, &guid)))
        return hr;
    return sharing_config_create(&guid, out);
}

static HRESULT WINAPI manager_get_NetConnectionProps(INetSharingManager *iface, INetConnection *connection,
                                                     INetConnectionProps **out)
{
    HRESULT hr;
    GUID guid;

    if (!out)
        return E_POINTER;
    *out = NULL;
    if (FAILED(hr = connection_guid(connection, &guid)))
        return hr;
    return connection_props_create(&guid, out);
}

static const INetSharingManagerVtbl manager_vtbl = {
    manager_QueryInterface,
    manager_AddRef,
    manager_Release,
    manager_GetTypeInfoCount,
    manager_GetTypeInfo,
    manager_GetIDsOfNames,
    manager_Invoke,
    manager_get_SharingInstalled,
    manager_get_EnumPublicConnections,
    manager_get_EnumPrivateConnections,
    manager_get_INetSharingConfigurationForINetConnection,
    manager_get_EnumEveryConnection,
    manager_get_NetConnectionProps,
};

HRESULT sharing_manager_create(IUnknown *outer, REFIID riid, void **out)
{
    struct sharing_manager *m;
    HRESULT hr;

    *out = NULL;
    if (!(m = HeapAlloc(GetProcessHeap(), 0, sizeof(*m))))
        return E_OUTOFMEMORY;
    m->INetSharingManager_iface.lpVtbl = &manager_vtbl;
    m->refs = 1;
    ohn_object_created();
    hr = INetSharingManager_QueryInterface(&m->INetSharingManager_iface, riid, out);
    INetSharingManager_Release(&m->INetSharingManager_iface);
    return hr;
}
