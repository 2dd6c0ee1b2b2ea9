/*
 * INetSharingConfiguration: one connection's sharing role, firewall flag and port mappings.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "sharing/sharing_private.h"
#include "store/store.h"

struct sharing_config
{
    INetSharingConfiguration INetSharingConfiguration_iface;
    LONG refs;
    GUID connection;
    struct store_conn *store; /* the connection's mappings */
};

static struct sharing_config *impl_from_INetSharingConfiguration(INetSharingConfiguration *iface)
{
    return CONTAINING_RECORD(iface, struct sharing_config, INetSharingConfiguration_iface);
}

static HRESULT WINAPI config_QueryInterface(INetSharingConfiguration *iface, REFIID riid, void **out)
{
    if (!out)
        return E_POINTER;
    if (IsEqualGUID(riid, &IID_IUnknown) || IsEqualGUID(riid, &IID_IDispatch) ||
        IsEqualGUID(riid, &IID_INetSharingConfiguration))
    {
        *out = iface;
        INetSharingConfiguration_AddRef(iface);
        return S_OK;
    }
    *out = NULL;
    return E_NOINTERFACE;
}

static ULONG WINAPI config_AddRef(INetSharingConfiguration *iface)
{
    return InterlockedIncrement(&impl_from_INetSharingConfiguration(iface)->refs);
}

static ULONG WINAPI config_Release(INetSharingConfiguration *iface)
{
    struct sharing_config *c = impl_from_INetSharingConfiguration(iface);
    LONG refs = InterlockedDecrement(&c->refs);

    if (!refs)
    {
        store_conn_release(c->store);
        HeapFree(GetProcessHeap(), 0, c);
        ohn_object_destroyed();
    }
    return refs;
}

OHN_IMPL_IDISPATCH(config, INetSharingConfiguration, tid_INetSharingConfiguration)

static HRESULT get_role(struct sharing_config *c, int *role)
{
    struct ohn_sharing roles;
    HRESULT hr;

    if (FAILED(hr = store_get_roles(&roles)))
        return hr;
    *role = ohn_sharing_role(&roles, (const uint8_t *)&c->connection);
    return S_OK;
}

static HRESULT WINAPI config_get_SharingEnabled(INetSharingConfiguration *iface, VARIANT_BOOL *out)
{
    HRESULT hr;
    int role;

    if (!out)
        return E_POINTER;
    if (FAILED(hr = get_role(impl_from_INetSharingConfiguration(iface), &role)))
        return hr;
    *out = role == OHN_ROLE_NONE ? VARIANT_FALSE : VARIANT_TRUE;
    return S_OK;
}

/* An unshared connection reads as ICSSHARINGTYPE_PUBLIC (SharingEnabled tells it apart). */
static HRESULT WINAPI config_get_SharingConnectionType(INetSharingConfiguration *iface, SHARINGCONNECTIONTYPE *out)
{
    HRESULT hr;
    int role;

    if (!out)
        return E_POINTER;
    if (FAILED(hr = get_role(impl_from_INetSharingConfiguration(iface), &role)))
        return hr;
    *out = role == OHN_ROLE_PRIVATE ? ICSSHARINGTYPE_PRIVATE : ICSSHARINGTYPE_PUBLIC;
    return S_OK;
}

static HRESULT WINAPI config_DisableSharing(INetSharingConfiguration *iface)
{
    TRACE("%p\n", iface);
    return realized(NULL, NULL, store_set_role(&impl_from_INetSharingConfiguration(iface)->connection, OHN_ROLE_NONE));
}

static HRESULT WINAPI config_EnableSharing(INetSharingConfiguration *iface, SHARINGCONNECTIONTYPE type)
{
    TRACE("%p %d\n", iface, type);
    if (type != ICSSHARINGTYPE_PUBLIC && type != ICSSHARINGTYPE_PRIVATE)
        return E_INVALIDARG;
    return realized(NULL, NULL, store_set_role(&impl_from_INetSharingConfiguration(iface)->connection,
                                   type == ICSSHARINGTYPE_PUBLIC ? OHN_ROLE_PUBLIC : OHN_ROLE_PRIVATE));
}

static HRESULT WINAPI config_get_InternetFirewallEnabled(INetSharingConfiguration *iface, VARIANT_BOOL *out)
{
    BOOL enabled;
    HRESULT hr;

    if (!out)
        return E_POINTER;
    if (FAILED(hr = store_get_firewall(&impl_from_INetSharingConfiguration(iface)->connection, &enabled)))
        return hr;
    *out = enabled ? VARIANT_TRUE : VARIANT_FALSE;
    return S_OK;
}

static HRESULT WINAPI config_DisableInternetFirewall(INetSharingConfiguration *iface)
{
    TRACE("%p\n", iface);
    return store_set_firewall(&impl_from_INetSharingConfiguration(iface)->connection, FALSE);
}

static HRESULT WINAPI config_EnableInternetFirewall(INetSharingConfiguration *iface)
{
    TRACE("%p\n", iface);
    return store_set_firewall(&impl_from_INetSharingConfiguration(iface)->connection, TRUE);
}

/* Snapshot of a connection's mappings: the records when the collection was retrieved. */
struct mapping_snapshot
{
    struct ohn_snapshot base;
    GUID connection;
    struct store_conn *store;
    struct store_list list;
};

static HRESULT mapping_snapshot_item(struct ohn_snapshot *snap, ULONG index, VARIANT *out)
{
    struct mapping_snapshot *s = CONTAINING_RECORD(snap, struct mapping_snapshot, base);
    INetSharingPortMapping *mapping;
    struct ohn_mapping record;
    uint32_t id;
    HRESULT hr;

    if (ohn_stored_decode(s->list.data + s->list.offset[index], s->list.size[index], &id, &record) != OHN_OK)
        return E_UNEXPECTED; /* decoded once already by store_mapping_list */
    if (!store_mapping_current(s->store, record.protocol, record.external_port, id))
        return S_FALSE; /* deleted since the snapshot, skipped */
    if (FAILED(hr = port_mapping_create(s->store, &s->connection, id, &record, &mapping)))
        return hr;
    V_VT(out) = VT_DISPATCH;
    V_DISPATCH(out) = (IDispatch *)mapping;
    return S_OK;
}

static void mapping_snapshot_destroy(struct ohn_snapshot *snap)
{
    struct mapping_snapshot *s = CONTAINING_RECORD(snap, struct mapping_snapshot, base);

    store_list_free(&s->list);
    store_conn_release(s->store);
    HeapFree(GetProcessHeap(), 0, s);
}

static HRESULT mapping_snapshot_create(struct sharing_config *c, BOOL enabled_only, struct ohn_snapshot **out)
{
    struct mapping_snapshot *s;
    HRESULT hr;

    if (!(s = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, sizeof(*s))))
        return E_OUTOFMEMORY;
    s->base.refs = 1;
    s->base.item = mapping_snapshot_item;
    s->base.destroy = mapping_snapshot_destroy;
    s->connection = c->connection;
    store_conn_addref(c->store);
    s->store = c->store;
    if (FAILED(hr = store_mapping_list(s->store, enabled_only, &s->list)))
    {
        mapping_snapshot_destroy(&s->base);
        return hr;
    }
    s->base.count = s->list.count;
    *out = &s->base;
    return S_OK;
}

/* ICSSC_ENABLED, whose meaning Microsoft does not document, keeps the enabled mappings only. */
static HRESULT WINAPI config_get_EnumPortMappings(INetSharingConfiguration *iface, SHARINGCONNECTION_ENUM_FLAGS flags,
                                                  INetSharingPortMappingCollection **out)
{
    struct ohn_snapshot *snap;
    HRESULT hr;

    if (!out)
        return E_POINTER;
    *out = NULL;
    if (flags != ICSSC_DEFAULT && flags != ICSSC_ENABLED)
        return E_INVALIDARG;
    if (FAILED(hr = mapping_snapshot_create(impl_from_INetSharingConfiguration(iface), flags == ICSSC_ENABLED, &snap)))
        return hr;
    hr = ohn_collection_create(OHN_COLL_PORT_MAPPINGS, snap, (void **)out);
    ohn_snapshot_release(snap);
    return hr;
}

static HRESULT WINAPI config_AddPortMapping(INetSharingConfiguration *iface, BSTR name, UCHAR protocol,
                                            USHORT external_port, USHORT internal_port, DWORD options, BSTR target,
                                            ICS_TARGETTYPE target_type, INetSharingPortMapping **out)
{
    struct sharing_config *c = impl_from_INetSharingConfiguration(iface);
    size_t name_len, target_len;
    struct ohn_mapping record;
    uint32_t id;
    HRESULT hr;

    TRACE("%p %s %u %u->%u %#lx %s %d\n", iface, name ? "name" : "(null)", protocol, external_port, internal_port,
          options, target ? "target" : "(null)", target_type);
    if (!out)
        return E_POINTER;
    *out = NULL;
    if (FAILED(hr = ohn_in_string(name, OHN_NAME_MAX, E_INVALIDARG, &name_len)) ||
        FAILED(hr = ohn_in_string(target, OHN_TARGET_MAX, E_INVALIDARG, &target_len)))
        return hr;
    if ((unsigned)target_type > OHN_TARGET_IPADDRESS ||
        ohn_mapping_init(&record, ohn_str(name), name_len, protocol, external_port, internal_port, options,
                         ohn_str(target), target_len, target_type) != OHN_OK)
        return E_INVALIDARG;
    if (FAILED(hr = store_mapping_add(c->store, &record, &id)))
        return hr;
    return port_mapping_create(c->store, &c->connection, id, &record, out);
}

/* The (protocol, external port) of a mapping object that is not ours. It may lie: S_OK with a
 * NULL or foreign object is E_UNEXPECTED, values it did not write are out of range. */
static HRESULT foreign_mapping_identity(INetSharingPortMapping *mapping, UCHAR *protocol, LONG *external_port)
{
    INetSharingPortMappingProps *given = NULL, *props = NULL;
    HRESULT hr;

    *protocol = 0;
    *external_port = 0;
    if (FAILED(hr = INetSharingPortMapping_get_Properties(mapping, &given)))
        return hr;
    if (!given)
        return E_UNEXPECTED;
    /* Only a real props object answers for its interface: ask, do not cast. */
    hr = INetSharingPortMappingProps_QueryInterface(given, &IID_INetSharingPortMappingProps, (void **)&props);
    INetSharingPortMappingProps_Release(given);
    if (FAILED(hr) || !props)
        return E_UNEXPECTED;
    hr = INetSharingPortMappingProps_get_IPProtocol(props, protocol);
    if (SUCCEEDED(hr))
        hr = INetSharingPortMappingProps_get_ExternalPort(props, external_port);
    INetSharingPortMappingProps_Release(props);
    return FAILED(hr) ? hr : S_OK;
}

static HRESULT WINAPI config_RemovePortMapping(INetSharingConfiguration *iface, INetSharingPortMapping *mapping)
{
    struct sharing_config *c = impl_from_INetSharingConfiguration(iface);
    struct ohn_mapping record;
    LONG external_port;
    UCHAR protocol;
    uint32_t id;
    GUID owner;
    HRESULT hr;

    TRACE("%p %p\n", iface, mapping);
    if (!mapping)
        return E_POINTER;
    if (port_mapping_identity(mapping, &owner) == S_OK)
    {
        if (!IsEqualGUID(&owner, &c->connection))
            return E_INVALIDARG; /* a mapping of another connection */
        return port_mapping_delete(mapping);
    }
    /* Somebody else's implementation: find our record by its identity. */
    if (FAILED(hr = foreign_mapping_identity(mapping, &protocol, &external_port)))
        return hr;
    if (external_port < 1 || external_port > 65535 || (protocol != OHN_PROTO_TCP && protocol != OHN_PROTO_UDP))
        return E_INVALIDARG;
    if ((hr = store_mapping_find(c->store, protocol, (unsigned)external_port, &record, &id)) != S_OK)
        return SUCCEEDED(hr) ? OHN_E_MAPPING_GONE : hr;
    return realized(&c->connection, &record, store_mapping_delete(c->store, &record, id));
}

static const INetSharingConfigurationVtbl config_vtbl = {
    config_QueryInterface,
    config_AddRef,
    config_Release,
    config_GetTypeInfoCount,
    config_GetTypeInfo,
    config_GetIDsOfNames,
    config_Invoke,
    config_get_SharingEnabled,
    config_get_SharingConnectionType,
    config_DisableSharing,
    config_EnableSharing,
    config_get_InternetFirewallEnabled,
    config_DisableInternetFirewall,
    config_EnableInternetFirewall,
    config_get_EnumPortMappings,
    config_AddPortMapping,
    config_RemovePortMapping,
};

HRESULT sharing_config_create(const GUID *connection, INetSharingConfiguration **out)
{
    struct sharing_config *c;
    HRESULT hr;

    *out = NULL;
    if (!(c = HeapAlloc(GetProcessHeap(), 0, sizeof(*c))))
        return E_OUTOFMEMORY;
    if (FAILED(hr = store_conn_open(connection, &c->store)))
    {
        HeapFree(GetProcessHeap(), 0, c);
        return hr;
    }
    c->INetSharingConfiguration_iface.lpVtbl = &config_vtbl;
    c->refs = 1;
    c->connection = *connection;
    ohn_object_created();
    *out = &c->INetSharingConfiguration_iface;
    return S_OK;
}
