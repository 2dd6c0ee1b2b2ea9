/*
 * The port mappings of a UPnP gateway: IStaticPortMappingCollection and IStaticPortMapping,
 * IDynamicPortMappingCollection and IDynamicPortMapping.
 *
 * A collection holds the gateway it was got from. Nothing is cached: Count and _NewEnum read
 * the gateway's table (one request per mapping, igd.c says why), Item asks for one
 * entry, Add and Remove make one request each (no re-read of the table). The static collection
 * shows the mappings that have no remote host; the dynamic one shows them all. A mapping object
 * is a snapshot of its entry; a new one for every Item and every enumerated element. Its
 * edits are applied on the gateway (AddPortMapping again; a new internal client means delete
 * and add, and the old mapping is put back when the add fails).
 *
 * Static mappings ask for a permanent lease. Dynamic ones ask for the lease given, and this
 * process renews them (engine.c) until they are removed or the process ends.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "upnp/upnp_private.h"
#include "gateway/engine.h"
#include "gateway/errors.h"
#include "gateway/resolve.h"
#include "gateway/text.h"

#define DESCRIPTION_MAX 256
#define REMOTE_HOST_MAX 63

/* A mapping object: one struct for both kinds, each exposing its own interface. */
struct mapping
{
    IStaticPortMapping IStaticPortMapping_iface;
    IDynamicPortMapping IDynamicPortMapping_iface;
    LONG refs;
    BOOL dynamic;
    struct ohn_gateway *gw;
    SRWLOCK lock;               /* the fields below change with edits */
    struct ohn_igd_entry entry; /* entry.lease: what is known of the lease */
};

static struct mapping *impl_from_IStaticPortMapping(IStaticPortMapping *iface)
{
    return CONTAINING_RECORD(iface, struct mapping, IStaticPortMapping_iface);
}

static struct mapping *impl_from_IDynamicPortMapping(IDynamicPortMapping *iface)
{
    return CONTAINING_RECORD(iface, struct mapping, IDynamicPortMapping_iface);
}

/* Input checks shared by both kinds (README "UPnP"). */
static HRESULT in_protocol(BSTR protocol, uint8_t *out)
{
    size_t len;
    HRESULT hr;

    /* Exactly "TCP" or "UDP", as Windows (lower case is E_INVALIDARG). */
    if (FAILED(hr = ohn_in_string(protocol, 3, E_INVALIDARG, &len)))
        return hr;
    if (!wcscmp(protocol, L"TCP"))
        *out = 6;
    else if (!wcscmp(protocol, L"UDP"))
        *out = 17;
    else
        return E_INVALIDARG;
    return S_OK;
}

static HRESULT in_port(LONG port, uint16_t *out)
{
    if (port < 0 || port > 65535)
        return E_INVALIDARG;
    *out = (uint16_t)port;
    return S_OK;
}

static HRESULT in_utf8(BSTR s, size_t max, char *out, size_t cap)
{
    size_t len;
    HRESULT hr;

    if (FAILED(hr = ohn_in_string(s, max, E_INVALIDARG, &len)))
        return hr;
    return ohn_utf8_from_wide(s, len, out, cap) ? S_OK : E_INVALIDARG;
}

static HRESULT in_client(BSTR client, uint64_t deadline, uint32_t *ip)
{
    size_t len;
    HRESULT hr;

    if (FAILED(hr = ohn_in_string(client, 255, E_INVALIDARG, &len)))
        return hr;
    return ohn_resolve_ipv4(client, len, deadline, ip);
}

static HRESULT out_string(const char *utf8, BSTR *out)
{
    if (!out)
        return E_POINTER;
    return (*out = ohn_bstr_from_utf8(utf8)) ? S_OK : E_OUTOFMEMORY;
}

/* Mapping objects */

static const IStaticPortMappingVtbl static_vtbl;
static const IDynamicPortMappingVtbl dynamic_vtbl;

static HRESULT mapping_create(struct ohn_gateway *gw, BOOL dynamic, const struct ohn_igd_entry *entry, void **out)
{
    struct mapping *m = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, sizeof(*m));

    *out = NULL;
    if (!m)
        return E_OUTOFMEMORY;
    m->IStaticPortMapping_iface.lpVtbl = &static_vtbl;
    m->IDynamicPortMapping_iface.lpVtbl = &dynamic_vtbl;
    m->refs = 1;
    m->dynamic = dynamic;
    ohn_gateway_addref(gw);
    m->gw = gw;
    InitializeSRWLock(&m->lock);
    m->entry = *entry;
    ohn_object_created();
    *out = dynamic ? (void *)&m->IDynamicPortMapping_iface : (void *)&m->IStaticPortMapping_iface;
    return S_OK;
}

static HRESULT mapping_query(struct mapping *m, REFIID riid, void **out)
{
    if (!out)
        return E_POINTER;
    if (IsEqualGUID(riid, &IID_IUnknown) || IsEqualGUID(riid, &IID_IDispatch) ||
        IsEqualGUID(riid, m->dynamic ? &IID_IDynamicPortMapping : &IID_IStaticPortMapping))
    {
        *out = m->dynamic ? (void *)&m->IDynamicPortMapping_iface : (void *)&m->IStaticPortMapping_iface;
        InterlockedIncrement(&m->refs);
        return S_OK;
    }
    *out = NULL;
    return E_NOINTERFACE;
}

static ULONG mapping_release(struct mapping *m)
{
    LONG refs = InterlockedDecrement(&m->refs);

    if (!refs)
    {
        ohn_gateway_release(m->gw);
        HeapFree(GetProcessHeap(), 0, m);
        ohn_object_destroyed();
    }
    return refs;
}

static struct ohn_igd_entry mapping_entry(struct mapping *m)
{
    struct ohn_igd_entry e;

    AcquireSRWLockShared(&m->lock);
    e = m->entry;
    ReleaseSRWLockShared(&m->lock);
    return e;
}

static HRESULT mapping_external_ip(struct mapping *m, BSTR *out)
{
    uint32_t ip;
    char text[16] = "";

    if (!out)
        return E_POINTER;
    if ((ip = ohn_engine_external_ip(m->gw)))
        ohn_ipv4_format(ip, text);
    return out_string(text, out);
}

static HRESULT mapping_long(struct mapping *m, int field, LONG *out)
{
    struct ohn_igd_entry e;

    if (!out)
        return E_POINTER;
    e = mapping_entry(m);
    *out = field == 0 ? e.external_port : field == 1 ? e.internal_port : (LONG)e.lease;
    return S_OK;
}

static HRESULT mapping_text(struct mapping *m, int field, BSTR *out)
{
    struct ohn_igd_entry e;
    char text[16];

    if (!out)
        return E_POINTER;
    e = mapping_entry(m);
    switch (field)
    {
    case 0:
        return out_string(ohn_igd_protocol_name(e.protocol), out);
    case 1:
        if (e.internal_ip)
            ohn_ipv4_format(e.internal_ip, text);
        else
            text[0] = 0;
        return out_string(text, out);
    case 2:
        return out_string(e.description, out);
    default:
        return out_string(e.remote_host, out);
    }
}

static HRESULT mapping_enabled(struct mapping *m, VARIANT_BOOL *out)
{
    if (!out)
        return E_POINTER;
    *out = mapping_entry(m).enabled ? VARIANT_TRUE : VARIANT_FALSE;
    return S_OK;
}

/* Puts changed on the gateway in place of the object's entry; the object follows on success.
 * An edit deletes the mapping and adds it again: gateways answer a new AddPortMapping on a
 * mapping that exists with success and change nothing (miniupnpd keeps the old description), or
 * with 718 for a new client; when the add fails, the old mapping is put back. A renewal
 * (replace FALSE) adds it again in place, which is what refreshes a lease. */
static HRESULT mapping_apply(struct mapping *m, const struct ohn_igd_entry *changed, BOOL replace)
{
    struct ohn_igd_entry old = mapping_entry(m);
    uint64_t deadline = ohn_engine_deadline();
    long granted;
    int err;

    if (replace &&
        (err = ohn_gw_remove(m->gw, deadline, old.protocol, old.external_port, old.remote_host)) &&
        err != OHN_UPNP_NO_SUCH_ENTRY)
        return ohn_hr_from_igd(err);
    if ((err = ohn_gw_add(m->gw, deadline, changed, &granted)))
    {
        if (replace)
            ohn_gw_add(m->gw, deadline, &old, &granted);
        return ohn_hr_from_igd(err);
    }
    AcquireSRWLockExclusive(&m->lock);
    m->entry = *changed;
    m->entry.lease = granted;
    ReleaseSRWLockExclusive(&m->lock);
    if (m->dynamic)
        ohn_engine_own(m->gw, changed, granted);
    return S_OK;
}

static HRESULT mapping_edit_client(struct mapping *m, BSTR client)
{
    struct ohn_igd_entry e = mapping_entry(m);
    HRESULT hr;

    TRACE("%p\n", m);
    if (FAILED(hr = in_client(client, ohn_engine_deadline(), &e.internal_ip)))
        return hr;
    return mapping_apply(m, &e, TRUE);
}

static HRESULT mapping_enable(struct mapping *m, VARIANT_BOOL enable)
{
    struct ohn_igd_entry e = mapping_entry(m);

    TRACE("%p %d\n", m, enable);
    e.enabled = enable != VARIANT_FALSE;
    return mapping_apply(m, &e, TRUE);
}

static HRESULT mapping_edit_description(struct mapping *m, BSTR description)
{
    struct ohn_igd_entry e = mapping_entry(m);
    HRESULT hr;

    TRACE("%p\n", m);
    if (FAILED(hr = in_utf8(description, DESCRIPTION_MAX, e.description, sizeof(e.description))))
        return hr;
    return mapping_apply(m, &e, TRUE);
}

static HRESULT mapping_edit_internal_port(struct mapping *m, LONG port)
{
    struct ohn_igd_entry e = mapping_entry(m);
    HRESULT hr;

    TRACE("%p %ld\n", m, port);
    if (FAILED(hr = in_port(port, &e.internal_port)))
        return hr;
    return mapping_apply(m, &e, TRUE);
}

/* IStaticPortMapping */

static HRESULT WINAPI static_QueryInterface(IStaticPortMapping *iface, REFIID riid, void **out)
{
    return mapping_query(impl_from_IStaticPortMapping(iface), riid, out);
}

static ULONG WINAPI static_AddRef(IStaticPortMapping *iface)
{
    return InterlockedIncrement(&impl_from_IStaticPortMapping(iface)->refs);
}

static ULONG WINAPI static_Release(IStaticPortMapping *iface)
{
    return mapping_release(impl_from_IStaticPortMapping(iface));
}

OHN_IMPL_IDISPATCH(static, IStaticPortMapping, tid_IStaticPortMapping)

static HRESULT WINAPI static_get_ExternalIPAddress(IStaticPortMapping *iface, BSTR *out)
{
    return mapping_external_ip(impl_from_IStaticPortMapping(iface), out);
}

static HRESULT WINAPI static_get_ExternalPort(IStaticPortMapping *iface, LONG *out)
{
    return mapping_long(impl_from_IStaticPortMapping(iface), 0, out);
}

static HRESULT WINAPI static_get_InternalPort(IStaticPortMapping *iface, LONG *out)
{
    return mapping_long(impl_from_IStaticPortMapping(iface), 1, out);
}

static HRESULT WINAPI static_get_Protocol(IStaticPortMapping *iface, BSTR *out)
{
    return mapping_text(impl_from_IStaticPortMapping(iface), 0, out);
}

static HRESULT WINAPI static_get_InternalClient(IStaticPortMapping *iface, BSTR *out)
{
    return mapping_text(impl_from_IStaticPortMapping(iface), 1, out);
}

static HRESULT WINAPI static_get_Enabled(IStaticPortMapping *iface, VARIANT_BOOL *out)
{
    return mapping_enabled(impl_from_IStaticPortMapping(iface), out);
}

static HRESULT WINAPI static_get_Description(IStaticPortMapping *iface, BSTR *out)
{
    return mapping_text(impl_from_IStaticPortMapping(iface), 2, out);
}

static HRESULT WINAPI static_EditInternalClient(IStaticPortMapping *iface, BSTR client)
{
    return mapping_edit_client(impl_from_IStaticPortMapping(iface), client);
}

static HRESULT WINAPI static_Enable(IStaticPortMapping *iface, VARIANT_BOOL enable)
{
    return mapping_enable(impl_from_IStaticPortMapping(iface), enable);
}

static HRESULT WINAPI static_EditDescription(IStaticPortMapping *iface, BSTR description)
{
    return mapping_edit_description(impl_from_IStaticPortMapping(iface), description);
}

static HRESULT WINAPI static_EditInternalPort(IStaticPortMapping *iface, LONG port)
{
    return mapping_edit_internal_port(impl_from_IStaticPortMapping(iface), port);
}

static const IStaticPortMappingVtbl static_vtbl = {
    static_QueryInterface,        static_AddRef,          static_Release,
    static_GetTypeInfoCount,      static_GetTypeInfo,     static_GetIDsOfNames,
    static_Invoke,                static_get_ExternalIPAddress, static_get_ExternalPort,
    static_get_InternalPort,      static_get_Protocol,    static_get_InternalClient,
    static_get_Enabled,           static_get_Description, static_EditInternalClient,
    static_Enable,                static_EditDescription, static_EditInternalPort,
};

/* IDynamicPortMapping */

static HRESULT WINAPI dynamic_QueryInterface(IDynamicPortMapping *iface, REFIID riid, void **out)
{
    return mapping_query(impl_from_IDynamicPortMapping(iface), riid, out);
}

static ULONG WINAPI dynamic_AddRef(IDynamicPortMapping *iface)
{
    return InterlockedIncrement(&impl_from_IDynamicPortMapping(iface)->refs);
}

static ULONG WINAPI dynamic_Release(IDynamicPortMapping *iface)
{
    return mapping_release(impl_from_IDynamicPortMapping(iface));
}

OHN_IMPL_IDISPATCH(dynamic, IDynamicPortMapping, tid_IDynamicPortMapping)

static HRESULT WINAPI dynamic_get_ExternalIPAddress(IDynamicPortMapping *iface, BSTR *out)
{
    return mapping_external_ip(impl_from_IDynamicPortMapping(iface), out);
}

static HRESULT WINAPI dynamic_get_RemoteHost(IDynamicPortMapping *iface, BSTR *out)
{
    return mapping_text(impl_from_IDynamicPortMapping(iface), 3, out);
}

static HRESULT WINAPI dynamic_get_ExternalPort(IDynamicPortMapping *iface, LONG *out)
{
    return mapping_long(impl_from_IDynamicPortMapping(iface), 0, out);
}

static HRESULT WINAPI dynamic_get_Protocol(IDynamicPortMapping *iface, BSTR *out)
{
    return mapping_text(impl_from_IDynamicPortMapping(iface), 0, out);
}

static HRESULT WINAPI dynamic_get_InternalPort(IDynamicPortMapping *iface, LONG *out)
{
    return mapping_long(impl_from_IDynamicPortMapping(iface), 1, out);
}

static HRESULT WINAPI dynamic_get_InternalClient(IDynamicPortMapping *iface, BSTR *out)
{
    return mapping_text(impl_from_IDynamicPortMapping(iface), 1, out);
}

static HRESULT WINAPI dynamic_get_Enabled(IDynamicPortMapping *iface, VARIANT_BOOL *out)
{
    return mapping_enabled(impl_from_IDynamicPortMapping(iface), out);
}

static HRESULT WINAPI dynamic_get_Description(IDynamicPortMapping *iface, BSTR *out)
{
    return mapping_text(impl_from_IDynamicPortMapping(iface), 2, out);
}

static HRESULT WINAPI dynamic_get_LeaseDuration(IDynamicPortMapping *iface, LONG *out)
{
    return mapping_long(impl_from_IDynamicPortMapping(iface), 2, out);
}

/* Adds the mapping again with the lease asked for; the lease granted comes back. */
static HRESULT WINAPI dynamic_RenewLease(IDynamicPortMapping *iface, LONG desired, LONG *out)
{
    struct mapping *m = impl_from_IDynamicPortMapping(iface);
    struct ohn_igd_entry e = mapping_entry(m);
    HRESULT hr;

    TRACE("%p %ld\n", m, desired);
    if (!out)
        return E_POINTER;
    *out = 0;
    if (desired < 0)
        return E_INVALIDARG;
    e.lease = desired;
    if (FAILED(hr = mapping_apply(m, &e, FALSE)))
        return hr;
    *out = (LONG)mapping_entry(m).lease;
    return S_OK;
}

static HRESULT WINAPI dynamic_EditInternalClient(IDynamicPortMapping *iface, BSTR client)
{
    return mapping_edit_client(impl_from_IDynamicPortMapping(iface), client);
}

static HRESULT WINAPI dynamic_Enable(IDynamicPortMapping *iface, VARIANT_BOOL enable)
{
    return mapping_enable(impl_from_IDynamicPortMapping(iface), enable);
}

static HRESULT WINAPI dynamic_EditDescription(IDynamicPortMapping *iface, BSTR description)
{
    return mapping_edit_description(impl_from_IDynamicPortMapping(iface), description);
}

static HRESULT WINAPI dynamic_EditInternalPort(IDynamicPortMapping *iface, LONG port)
{
    return mapping_edit_internal_port(impl_from_IDynamicPortMapping(iface), port);
}

static const IDynamicPortMappingVtbl dynamic_vtbl = {
    dynamic_QueryInterface,     dynamic_AddRef,           dynamic_Release,
    dynamic_GetTypeInfoCount,   dynamic_GetTypeInfo,      dynamic_GetIDsOfNames,
    dynamic_Invoke,             dynamic_get_ExternalIPAddress, dynamic_get_RemoteHost,
    dynamic_get_ExternalPort,   dynamic_get_Protocol,     dynamic_get_InternalPort,
    dynamic_get_InternalClient, dynamic_get_Enabled,      dynamic_get_Description,
    dynamic_get_LeaseDuration,  dynamic_RenewLease,       dynamic_EditInternalClient,
    dynamic_Enable,             dynamic_EditDescription,  dynamic_EditInternalPort,
};

/* The gateway's table, as the enumerators hand it out. */
struct table_snapshot
{
    struct ohn_snapshot base;
    struct ohn_gateway *gw;
    BOOL dynamic;
    struct ohn_igd_entry *entries;
};

static HRESULT table_item(struct ohn_snapshot *snap, ULONG index, VARIANT *out)
{
    struct table_snapshot *s = CONTAINING_RECORD(snap, struct table_snapshot, base);
    IDispatch *mapping;
    HRESULT hr;

    if (FAILED(hr = mapping_create(s->gw, s->dynamic, &s->entries[index], (void **)&mapping)))
        return hr;
    V_VT(out) = VT_DISPATCH;
    V_DISPATCH(out) = mapping;
    return S_OK;
}

static void table_destroy(struct ohn_snapshot *snap)
{
    struct table_snapshot *s = CONTAINING_RECORD(snap, struct table_snapshot, base);

    free(s->entries);
    ohn_gateway_release(s->gw);
    HeapFree(GetProcessHeap(), 0, s);
}

/* The gateway's mappings of a collection's kind: all (dynamic) or those without a remote host. */
static HRESULT read_table(struct ohn_gateway *gw, BOOL dynamic, struct ohn_igd_entry **entries, ULONG *count)
{
    unsigned n, i, kept = 0;
    int err;

    if ((err = ohn_gw_list(gw, ohn_engine_deadline(), entries, &n)))
        return ohn_hr_from_igd(err);
    for (i = 0; i < n; i++)
        if (dynamic || !(*entries)[i].remote_host[0])
            (*entries)[kept++] = (*entries)[i];
    *count = kept;
    return S_OK;
}

/* Both collections */

struct collection
{
    IStaticPortMappingCollection IStaticPortMappingCollection_iface;
    IDynamicPortMappingCollection IDynamicPortMappingCollection_iface;
    LONG refs;
    BOOL dynamic;
    struct ohn_gateway *gw;
};

static struct collection *impl_from_IStaticPortMappingCollection(IStaticPortMappingCollection *iface)
{
    return CONTAINING_RECORD(iface, struct collection, IStaticPortMappingCollection_iface);
}

static struct collection *impl_from_IDynamicPortMappingCollection(IDynamicPortMappingCollection *iface)
{
    return CONTAINING_RECORD(iface, struct collection, IDynamicPortMappingCollection_iface);
}

static HRESULT collection_query(struct collection *c, REFIID riid, void **out)
{
    if (!out)
        return E_POINTER;
    if (IsEqualGUID(riid, &IID_IUnknown) || IsEqualGUID(riid, &IID_IDispatch) ||
        IsEqualGUID(riid, c->dynamic ? &IID_IDynamicPortMappingCollection : &IID_IStaticPortMappingCollection))
    {
        *out = c->dynamic ? (void *)&c->IDynamicPortMappingCollection_iface
                          : (void *)&c->IStaticPortMappingCollection_iface;
        InterlockedIncrement(&c->refs);
        return S_OK;
    }
    *out = NULL;
    return E_NOINTERFACE;
}

static ULONG collection_release(struct collection *c)
{
    LONG refs = InterlockedDecrement(&c->refs);

    if (!refs)
    {
        ohn_gateway_release(c->gw);
        HeapFree(GetProcessHeap(), 0, c);
        ohn_object_destroyed();
    }
    return refs;
}

/* The gateway's table as it is now (a dynamic or a static view of it). */
static HRESULT table_snapshot_new(struct ohn_gateway *gw, BOOL dynamic, struct ohn_snapshot **out);

static HRESULT table_refresh(struct ohn_snapshot *snap, struct ohn_snapshot **fresh)
{
    struct table_snapshot *s = CONTAINING_RECORD(snap, struct table_snapshot, base);

    return table_snapshot_new(s->gw, s->dynamic, fresh);
}

static HRESULT table_snapshot_new(struct ohn_gateway *gw, BOOL dynamic, struct ohn_snapshot **out)
{
    struct table_snapshot *s;
    HRESULT hr;

    *out = NULL;
    if (!(s = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, sizeof(*s))))
        return E_OUTOFMEMORY;
    if (FAILED(hr = read_table(gw, dynamic, &s->entries, &s->base.count)))
    {
        HeapFree(GetProcessHeap(), 0, s);
        return hr;
    }
    s->base.refs = 1;
    s->base.item = table_item;
    s->base.destroy = table_destroy;
    s->base.refresh = table_refresh;
    ohn_gateway_addref(gw);
    s->gw = gw;
    s->dynamic = dynamic;
    *out = &s->base;
    return S_OK;
}

/* An enumerator of the gateway's table as it is now, and again at each Reset (as Windows' own:
 * Wine's conformance test adds a mapping after _NewEnum and expects Reset to show it). */
static HRESULT collection_enum(struct collection *c, IUnknown **out)
{
    struct ohn_snapshot *s;

    if (!out)
        return E_POINTER;
    *out = NULL;
    return ohn_enum_of_new(table_snapshot_new(c->gw, c->dynamic, &s), &s, out);
}

static HRESULT collection_count(struct collection *c, LONG *out)
{
    struct ohn_igd_entry *entries;
    ULONG count;
    HRESULT hr;

    if (!out)
        return E_POINTER;
    if (FAILED(hr = read_table(c->gw, c->dynamic, &entries, &count)))
        return hr;
    free(entries);
    *out = (LONG)count;
    return S_OK;
}

static HRESULT collection_item(struct collection *c, BSTR remote_host, LONG port, BSTR protocol, void **out)
{
    struct ohn_igd_entry e;
    char host[REMOTE_HOST_MAX * 3 + 1] = "";
    uint16_t external_port;
    uint8_t proto;
    HRESULT hr;
    int err;

    if (!out)
        return E_POINTER;
    *out = NULL;
    if (FAILED(hr = in_protocol(protocol, &proto)) || FAILED(hr = in_port(port, &external_port)) ||
        (c->dynamic && FAILED(hr = in_utf8(remote_host, REMOTE_HOST_MAX, host, sizeof(host)))))
        return hr;
    if ((err = ohn_gw_get(c->gw, ohn_engine_deadline(), proto, external_port, host, &e)))
        return ohn_hr_from_igd(err);
    return mapping_create(c->gw, c->dynamic, &e, out);
}

static HRESULT collection_remove(struct collection *c, BSTR remote_host, LONG port, BSTR protocol)
{
    char host[REMOTE_HOST_MAX * 3 + 1] = "";
    uint16_t external_port;
    uint8_t proto;
    HRESULT hr;

    TRACE("%p %ld\n", c, port);
    if (FAILED(hr = in_protocol(protocol, &proto)) || FAILED(hr = in_port(port, &external_port)) ||
        (c->dynamic && FAILED(hr = in_utf8(remote_host, REMOTE_HOST_MAX, host, sizeof(host)))))
        return hr;
    ohn_engine_disown(c->gw, proto, external_port, host);
    return ohn_hr_from_igd(ohn_gw_remove(c->gw, ohn_engine_deadline(), proto, external_port, host));
}

static HRESULT collection_add(struct collection *c, BSTR remote_host, LONG external_port, BSTR protocol,
                              LONG internal_port, BSTR client, VARIANT_BOOL enabled, BSTR description, LONG lease,
                              void **out)
{
    uint64_t deadline = ohn_engine_deadline();
    struct ohn_igd_entry e;
    long granted;
    HRESULT hr;
    int err;

    TRACE("%p %ld->%ld lease %ld\n", c, external_port, internal_port, lease);
    if (!out)
        return E_POINTER;
    *out = NULL;
    memset(&e, 0, sizeof(e));
    if (FAILED(hr = in_protocol(protocol, &e.protocol)) || FAILED(hr = in_port(external_port, &e.external_port)) ||
        FAILED(hr = in_port(internal_port, &e.internal_port)) ||
        FAILED(hr = in_utf8(description, DESCRIPTION_MAX, e.description, sizeof(e.description))) ||
        (c->dynamic && FAILED(hr = in_utf8(remote_host, REMOTE_HOST_MAX, e.remote_host, sizeof(e.remote_host)))) ||
        FAILED(hr = in_client(client, deadline, &e.internal_ip)))
        return hr;
    if (lease < 0)
        return E_INVALIDARG;
    e.enabled = enabled != VARIANT_FALSE;
    e.lease = lease;
    if ((err = ohn_gw_add(c->gw, deadline, &e, &granted)))
        return ohn_hr_from_igd(err);
    e.lease = granted;
    if (c->dynamic)
        ohn_engine_own(c->gw, &e, granted);
    return mapping_create(c->gw, c->dynamic, &e, out);
}

/* IStaticPortMappingCollection */

static HRESULT WINAPI statics_QueryInterface(IStaticPortMappingCollection *iface, REFIID riid, void **out)
{
    return collection_query(impl_from_IStaticPortMappingCollection(iface), riid, out);
}

static ULONG WINAPI statics_AddRef(IStaticPortMappingCollection *iface)
{
    return InterlockedIncrement(&impl_from_IStaticPortMappingCollection(iface)->refs);
}

static ULONG WINAPI statics_Release(IStaticPortMappingCollection *iface)
{
    return collection_release(impl_from_IStaticPortMappingCollection(iface));
}

OHN_IMPL_IDISPATCH(statics, IStaticPortMappingCollection, tid_IStaticPortMappingCollection)

static HRESULT WINAPI statics_get__NewEnum(IStaticPortMappingCollection *iface, IUnknown **out)
{
    return collection_enum(impl_from_IStaticPortMappingCollection(iface), out);
}

static HRESULT WINAPI statics_get_Item(IStaticPortMappingCollection *iface, LONG port, BSTR protocol,
                                       IStaticPortMapping **out)
{
    return collection_item(impl_from_IStaticPortMappingCollection(iface), NULL, port, protocol, (void **)out);
}

static HRESULT WINAPI statics_get_Count(IStaticPortMappingCollection *iface, LONG *out)
{
    return collection_count(impl_from_IStaticPortMappingCollection(iface), out);
}

static HRESULT WINAPI statics_Remove(IStaticPortMappingCollection *iface, LONG port, BSTR protocol)
{
    return collection_remove(impl_from_IStaticPortMappingCollection(iface), NULL, port, protocol);
}

static HRESULT WINAPI statics_Add(IStaticPortMappingCollection *iface, LONG external_port, BSTR protocol,
                                  LONG internal_port, BSTR client, VARIANT_BOOL enabled, BSTR description,
                                  IStaticPortMapping **out)
{
    return collection_add(impl_from_IStaticPortMappingCollection(iface), NULL, external_port, protocol, internal_port,
                          client, enabled, description, 0, (void **)out);
}

static const IStaticPortMappingCollectionVtbl statics_vtbl = {
    statics_QueryInterface, statics_AddRef,       statics_Release,   statics_GetTypeInfoCount,
    statics_GetTypeInfo,    statics_GetIDsOfNames, statics_Invoke,   statics_get__NewEnum,
    statics_get_Item,       statics_get_Count,    statics_Remove,    statics_Add,
};

/* IDynamicPortMappingCollection */

static HRESULT WINAPI dynamics_QueryInterface(IDynamicPortMappingCollection *iface, REFIID riid, void **out)
{
    return collection_query(impl_from_IDynamicPortMappingCollection(iface), riid, out);
}

static ULONG WINAPI dynamics_AddRef(IDynamicPortMappingCollection *iface)
{
    return InterlockedIncrement(&impl_from_IDynamicPortMappingCollection(iface)->refs);
}

static ULONG WINAPI dynamics_Release(IDynamicPortMappingCollection *iface)
{
    return collection_release(impl_from_IDynamicPortMappingCollection(iface));
}

OHN_IMPL_IDISPATCH(dynamics, IDynamicPortMappingCollection, tid_IDynamicPortMappingCollection)

static HRESULT WINAPI dynamics_get__NewEnum(IDynamicPortMappingCollection *iface, IUnknown **out)
{
    return collection_enum(impl_from_IDynamicPortMappingCollection(iface), out);
}

static HRESULT WINAPI dynamics_get_Item(IDynamicPortMappingCollection *iface, BSTR remote_host, LONG port,
                                        BSTR protocol, IDynamicPortMapping **out)
{
    return collection_item(impl_from_IDynamicPortMappingCollection(iface), remote_host, port, protocol, (void **)out);
}

static HRESULT WINAPI dynamics_get_Count(IDynamicPortMappingCollection *iface, LONG *out)
{
    return collection_count(impl_from_IDynamicPortMappingCollection(iface), out);
}

static HRESULT WINAPI dynamics_Remove(IDynamicPortMappingCollection *iface, BSTR remote_host, LONG port,
                                      BSTR protocol)
{
    return collection_remove(impl_from_IDynamicPortMappingCollection(iface), remote_host, port, protocol);
}

static HRESULT WINAPI dynamics_Add(IDynamicPortMappingCollection *iface, BSTR remote_host, LONG external_port,
                                   BSTR protocol, LONG internal_port, BSTR client, VARIANT_BOOL enabled,
                                   BSTR description, LONG lease, IDynamicPortMapping **out)
{
    return collection_add(impl_from_IDynamicPortMappingCollection(iface), remote_host, external_port, protocol,
                          internal_port, client, enabled, description, lease, (void **)out);
}

static const IDynamicPortMappingCollectionVtbl dynamics_vtbl = {
    dynamics_QueryInterface, dynamics_AddRef,        dynamics_Release, dynamics_GetTypeInfoCount,
    dynamics_GetTypeInfo,    dynamics_GetIDsOfNames, dynamics_Invoke,  dynamics_get__NewEnum,
    dynamics_get_Item,       dynamics_get_Count,     dynamics_Remove,  dynamics_Add,
};

HRESULT ohn_port_collection_create(struct ohn_gateway *gw, BOOL dynamic, void **out)
{
    struct collection *c = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, sizeof(*c));

    *out = NULL;
    if (!c)
        return E_OUTOFMEMORY;
    c->IStaticPortMappingCollection_iface.lpVtbl = &statics_vtbl;
    c->IDynamicPortMappingCollection_iface.lpVtbl = &dynamics_vtbl;
    c->refs = 1;
    c->dynamic = dynamic;
    ohn_gateway_addref(gw);
    c->gw = gw;
    ohn_object_created();
    *out = dynamic ? (void *)&c->IDynamicPortMappingCollection_iface : (void *)&c->IStaticPortMappingCollection_iface;
    return S_OK;
}
