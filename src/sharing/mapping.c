/*
 * INetSharingPortMapping and INetSharingPortMappingProps.
 *
 * A mapping object knows its record by (protocol, external port) and the id the store gave the
 * record, and keeps a copy of its fixed fields (nothing but Enabled can change: the
 * interfaces have no setters). Once the record was deleted — by this object,
 * RemovePortMapping, or another process — Enable, Disable, Delete and get_Properties fail
 * with OHN_E_MAPPING_GONE and change nothing, even when a record with the same protocol and
 * port was added since. A props object is a snapshot of the record when get_Properties was
 * called.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "sharing/sharing_private.h"
#include "store/store.h"
#include "gateway/engine.h"
#include "gateway/errors.h"
#include "gateway/realize.h"

struct port_mapping
{
    INetSharingPortMapping INetSharingPortMapping_iface;
    LONG refs;
    GUID connection;
    struct store_conn *conn;
    uint32_t id;
    struct ohn_mapping record;
};

static const INetSharingPortMappingVtbl port_mapping_vtbl;

static struct port_mapping *impl_from_INetSharingPortMapping(INetSharingPortMapping *iface)
{
    return CONTAINING_RECORD(iface, struct port_mapping, INetSharingPortMapping_iface);
}

static HRESULT props_create(const struct ohn_mapping *record, INetSharingPortMappingProps **out);

static HRESULT WINAPI port_mapping_QueryInterface(INetSharingPortMapping *iface, REFIID riid, void **out)
{
    if (!out)
        return E_POINTER;
    if (IsEqualGUID(riid, &IID_IUnknown) || IsEqualGUID(riid, &IID_IDispatch) ||
        IsEqualGUID(riid, &IID_INetSharingPortMapping))
    {
        *out = iface;
        INetSharingPortMapping_AddRef(iface);
        return S_OK;
    }
    *out = NULL;
    return E_NOINTERFACE;
}

static ULONG WINAPI port_mapping_AddRef(INetSharingPortMapping *iface)
{
    return InterlockedIncrement(&impl_from_INetSharingPortMapping(iface)->refs);
}

static ULONG WINAPI port_mapping_Release(INetSharingPortMapping *iface)
{
    struct port_mapping *m = impl_from_INetSharingPortMapping(iface);
    LONG refs = InterlockedDecrement(&m->refs);

    if (!refs)
    {
        store_conn_release(m->conn);
        HeapFree(GetProcessHeap(), 0, m);
        ohn_object_destroyed();
    }
    return refs;
}

OHN_IMPL_IDISPATCH(port_mapping, INetSharingPortMapping, tid_INetSharingPortMapping)

/* A change of the store that succeeded is applied on the UPnP gateway before returning. A
 * change of one mapping (record: its protocol and port) is applied only when its connection is
 * the publicly shared one (the roles as cached: Enable and Disable must stay one registry
 * request each), and for that key alone; a sharing change (no connection) by a whole pass. */
HRESULT realized(const GUID *connection, const struct ohn_mapping *record, HRESULT hr)
{
    struct ohn_sharing roles;

    if (FAILED(hr) || !ohn_realize_enabled())
        return hr;
    if (!connection)
    {
        ohn_realize_after_change();
        return hr;
    }
    if (FAILED(store_roles_cached(&roles)) || ohn_sharing_role(&roles, (const uint8_t *)connection) != OHN_ROLE_PUBLIC)
        return hr;
    ohn_realize_key_after_change(connection, record->protocol, record->external_port);
    return hr;
}

static HRESULT WINAPI port_mapping_Disable(INetSharingPortMapping *iface)
{
    struct port_mapping *m = impl_from_INetSharingPortMapping(iface);

    TRACE("%p\n", iface);
    return realized(&m->connection, &m->record, store_mapping_set_enabled(m->conn, &m->record, m->id, 0));
}

static HRESULT WINAPI port_mapping_Enable(INetSharingPortMapping *iface)
{
    struct port_mapping *m = impl_from_INetSharingPortMapping(iface);

    TRACE("%p\n", iface);
    return realized(&m->connection, &m->record, store_mapping_set_enabled(m->conn, &m->record, m->id, 1));
}

static HRESULT WINAPI port_mapping_get_Properties(INetSharingPortMapping *iface, INetSharingPortMappingProps **out)
{
    struct port_mapping *m = impl_from_INetSharingPortMapping(iface);
    struct ohn_mapping current;
    HRESULT hr;

    if (!out)
        return E_POINTER;
    *out = NULL;
    if (FAILED(hr = store_mapping_read(m->conn, &m->record, m->id, &current)))
        return hr;
    return props_create(&current, out);
}

static HRESULT WINAPI port_mapping_Delete(INetSharingPortMapping *iface)
{
    struct port_mapping *m = impl_from_INetSharingPortMapping(iface);

    TRACE("%p\n", iface);
    return realized(&m->connection, &m->record, store_mapping_delete(m->conn, &m->record, m->id));
}

static const INetSharingPortMappingVtbl port_mapping_vtbl = {
    port_mapping_QueryInterface, port_mapping_AddRef,         port_mapping_Release,
    port_mapping_GetTypeInfoCount, port_mapping_GetTypeInfo,  port_mapping_GetIDsOfNames,
    port_mapping_Invoke,         port_mapping_Disable,        port_mapping_Enable,
    port_mapping_get_Properties, port_mapping_Delete,
};

HRESULT port_mapping_create(struct store_conn *conn, const GUID *connection, uint32_t id,
                            const struct ohn_mapping *record, INetSharingPortMapping **out)
{
    struct port_mapping *m;

    *out = NULL;
    if (!(m = HeapAlloc(GetProcessHeap(), 0, sizeof(*m))))
        return E_OUTOFMEMORY;
    m->INetSharingPortMapping_iface.lpVtbl = &port_mapping_vtbl;
    m->refs = 1;
    m->connection = *connection;
    store_conn_addref(conn);
    m->conn = conn;
    m->id = id;
    m->record = *record;
    ohn_object_created();
    *out = &m->INetSharingPortMapping_iface;
    return S_OK;
}

HRESULT port_mapping_identity(INetSharingPortMapping *mapping, GUID *connection)
{
    if (mapping->lpVtbl != &port_mapping_vtbl)
        return S_FALSE;
    *connection = impl_from_INetSharingPortMapping(mapping)->connection;
    return S_OK;
}

HRESULT port_mapping_delete(INetSharingPortMapping *mapping)
{
    struct port_mapping *m;

    if (mapping->lpVtbl != &port_mapping_vtbl)
        return E_INVALIDARG;
    m = impl_from_INetSharingPortMapping(mapping);
    return realized(&m->connection, &m->record, store_mapping_delete(m->conn, &m->record, m->id));
}

/* INetSharingPortMappingProps */

struct props
{
    INetSharingPortMappingProps INetSharingPortMappingProps_iface;
    LONG refs;
    struct ohn_mapping record;
};

static struct props *impl_from_INetSharingPortMappingProps(INetSharingPortMappingProps *iface)
{
    return CONTAINING_RECORD(iface, struct props, INetSharingPortMappingProps_iface);
}

static HRESULT WINAPI props_QueryInterface(INetSharingPortMappingProps *iface, REFIID riid, void **out)
{
    if (!out)
        return E_POINTER;
    if (IsEqualGUID(riid, &IID_IUnknown) || IsEqualGUID(riid, &IID_IDispatch) ||
        IsEqualGUID(riid, &IID_INetSharingPortMappingProps))
    {
        *out = iface;
        INetSharingPortMappingProps_AddRef(iface);
        return S_OK;
    }
    *out = NULL;
    return E_NOINTERFACE;
}

static ULONG WINAPI props_AddRef(INetSharingPortMappingProps *iface)
{
    return InterlockedIncrement(&impl_from_INetSharingPortMappingProps(iface)->refs);
}

static ULONG WINAPI props_Release(INetSharingPortMappingProps *iface)
{
    struct props *p = impl_from_INetSharingPortMappingProps(iface);
    LONG refs = InterlockedDecrement(&p->refs);

    if (!refs)
    {
        HeapFree(GetProcessHeap(), 0, p);
        ohn_object_destroyed();
    }
    return refs;
}

OHN_IMPL_IDISPATCH(props, INetSharingPortMappingProps, tid_INetSharingPortMappingProps)

static HRESULT make_bstr(const ohn_char *s, UINT len, BSTR *out)
{
    if (!out)
        return E_POINTER;
    if (!(*out = SysAllocStringLen((const OLECHAR *)s, len)))
        return E_OUTOFMEMORY;
    return S_OK;
}

static HRESULT WINAPI props_get_Name(INetSharingPortMappingProps *iface, BSTR *out)
{
    struct props *p = impl_from_INetSharingPortMappingProps(iface);

    return make_bstr(p->record.name, p->record.name_len, out);
}

static HRESULT WINAPI props_get_IPProtocol(INetSharingPortMappingProps *iface, UCHAR *out)
{
    if (!out)
        return E_POINTER;
    *out = impl_from_INetSharingPortMappingProps(iface)->record.protocol;
    return S_OK;
}

static HRESULT WINAPI props_get_ExternalPort(INetSharingPortMappingProps *iface, LONG *out)
{
    if (!out)
        return E_POINTER;
    *out = impl_from_INetSharingPortMappingProps(iface)->record.external_port;
    return S_OK;
}

static HRESULT WINAPI props_get_InternalPort(INetSharingPortMappingProps *iface, LONG *out)
{
    if (!out)
        return E_POINTER;
    *out = impl_from_INetSharingPortMappingProps(iface)->record.internal_port;
    return S_OK;
}

static HRESULT WINAPI props_get_Options(INetSharingPortMappingProps *iface, LONG *out)
{
    if (!out)
        return E_POINTER;
    *out = (LONG)impl_from_INetSharingPortMappingProps(iface)->record.options;
    return S_OK;
}

/* The target is a name or an address; the field of the other kind reads as "". */
static HRESULT WINAPI props_get_TargetName(INetSharingPortMappingProps *iface, BSTR *out)
{
    struct props *p = impl_from_INetSharingPortMappingProps(iface);
    BOOL is_name = p->record.target_type == OHN_TARGET_NAME;

    return make_bstr(p->record.target, is_name ? p->record.target_len : 0, out);
}

static HRESULT WINAPI props_get_TargetIPAddress(INetSharingPortMappingProps *iface, BSTR *out)
{
    struct props *p = impl_from_INetSharingPortMappingProps(iface);
    BOOL is_address = p->record.target_type == OHN_TARGET_IPADDRESS;

    return make_bstr(p->record.target, is_address ? p->record.target_len : 0, out);
}

static HRESULT WINAPI props_get_Enabled(INetSharingPortMappingProps *iface, VARIANT_BOOL *out)
{
    if (!out)
        return E_POINTER;
    *out = impl_from_INetSharingPortMappingProps(iface)->record.enabled ? VARIANT_TRUE : VARIANT_FALSE;
    return S_OK;
}

static const INetSharingPortMappingPropsVtbl props_vtbl = {
    props_QueryInterface,   props_AddRef,           props_Release,           props_GetTypeInfoCount,
    props_GetTypeInfo,      props_GetIDsOfNames,    props_Invoke,            props_get_Name,
    props_get_IPProtocol,   props_get_ExternalPort, props_get_InternalPort,  props_get_Options,
    props_get_TargetName,   props_get_TargetIPAddress, props_get_Enabled,
};

static HRESULT props_create(const struct ohn_mapping *record, INetSharingPortMappingProps **out)
{
    struct props *p;

    if (!(p = HeapAlloc(GetProcessHeap(), 0, sizeof(*p))))
        return E_OUTOFMEMORY;
    p->INetSharingPortMappingProps_iface.lpVtbl = &props_vtbl;
    p->refs = 1;
    p->record = *record;
    ohn_object_created();
    *out = &p->INetSharingPortMappingProps_iface;
    return S_OK;
}
