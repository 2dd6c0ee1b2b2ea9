/*
 * IUPnPNAT, the UPnPNAT class (HNetCfg.NATUPnP), and INATEventManager.
 *
 * get_StaticPortMappingCollection and get_DynamicPortMappingCollection answer S_OK and NULL
 * when there is no gateway, as Windows does. A process's first call waits for its first
 * discovery (engine.h); every later call answers at once with what the engine knows, while a
 * background probe keeps looking. Getting a collection leaves the NAT object's reference
 * count as it was: a collection holds the gateway, not the NAT object.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "upnp/upnp_private.h"
#include "gateway/engine.h"
#include "gateway/events.h"
#include "gateway/realize.h"
#include "gateway/text.h"

#include <stdio.h>

struct upnpnat
{
    IUPnPNAT IUPnPNAT_iface;
    IOpenHNetGateway IOpenHNetGateway_iface; /* the project's own (openhnetcfg.idl) */
    LONG refs;
    struct ohn_events *events; /* the callbacks put through its event managers */
};

static struct upnpnat *impl_from_IUPnPNAT(IUPnPNAT *iface)
{
    return CONTAINING_RECORD(iface, struct upnpnat, IUPnPNAT_iface);
}

static HRESULT WINAPI nat_QueryInterface(IUPnPNAT *iface, REFIID riid, void **out)
{
    struct upnpnat *nat = impl_from_IUPnPNAT(iface);

    if (!out)
        return E_POINTER;
    if (IsEqualGUID(riid, &IID_IUnknown) || IsEqualGUID(riid, &IID_IDispatch) || IsEqualGUID(riid, &IID_IUPnPNAT))
        *out = iface;
    else if (IsEqualGUID(riid, &IID_IOpenHNetGateway))
        *out = &nat->IOpenHNetGateway_iface;
    else
    {
        *out = NULL;
        return E_NOINTERFACE;
    }
    IUPnPNAT_AddRef(iface);
    return S_OK;
}

static ULONG WINAPI nat_AddRef(IUPnPNAT *iface)
{
    return InterlockedIncrement(&impl_from_IUPnPNAT(iface)->refs);
}

static ULONG WINAPI nat_Release(IUPnPNAT *iface)
{
    struct upnpnat *nat = impl_from_IUPnPNAT(iface);
    LONG refs = InterlockedDecrement(&nat->refs);

    if (!refs)
    {
        /* Its callbacks end with it, even while one of its event managers lives on. */
        ohn_events_set(nat->events, 0, NULL);
        ohn_events_set(nat->events, 1, NULL);
        ohn_events_release(nat->events);
        ohn_engine_use(FALSE);
        HeapFree(GetProcessHeap(), 0, nat);
        ohn_object_destroyed();
    }
    return refs;
}

OHN_IMPL_IDISPATCH(nat, IUPnPNAT, tid_IUPnPNAT)

static HRESULT collection(BOOL dynamic, void **out)
{
    struct ohn_gateway *gw;
    HRESULT hr;

    if (!out)
        return E_POINTER;
    *out = NULL;
    hr = ohn_engine_gateway(ohn_now_ms() + OHN_FIRST_WINDOW_MS + OHN_PROBE_MS, &gw);
    if (hr != S_OK)
    {
        TRACE("no gateway\n");
        return SUCCEEDED(hr) ? S_OK : hr; /* no gateway: S_OK and NULL */
    }
    hr = ohn_port_collection_create(gw, dynamic, out);
    ohn_gateway_release(gw);
    return hr;
}

static HRESULT WINAPI nat_get_StaticPortMappingCollection(IUPnPNAT *iface, IStaticPortMappingCollection **out)
{
    TRACE("%p\n", iface);
    return collection(FALSE, (void **)out);
}

static HRESULT WINAPI nat_get_DynamicPortMappingCollection(IUPnPNAT *iface, IDynamicPortMappingCollection **out)
{
    TRACE("%p\n", iface);
    return collection(TRUE, (void **)out);
}

static HRESULT event_manager_create(struct ohn_events *events, INATEventManager **out);

static HRESULT WINAPI nat_get_NATEventManager(IUPnPNAT *iface, INATEventManager **out)
{
    if (!out)
        return E_POINTER;
    *out = NULL;
    return event_manager_create(impl_from_IUPnPNAT(iface)->events, out);
}

static const IUPnPNATVtbl nat_vtbl = {
    nat_QueryInterface,   nat_AddRef,  nat_Release, nat_GetTypeInfoCount, nat_GetTypeInfo,
    nat_GetIDsOfNames,    nat_Invoke,  nat_get_StaticPortMappingCollection,
    nat_get_DynamicPortMappingCollection, nat_get_NATEventManager,
};

/* IOpenHNetGateway */

static struct upnpnat *impl_from_IOpenHNetGateway(IOpenHNetGateway *iface)
{
    return CONTAINING_RECORD(iface, struct upnpnat, IOpenHNetGateway_iface);
}

static HRESULT WINAPI gateway_QueryInterface(IOpenHNetGateway *iface, REFIID riid, void **out)
{
    return IUPnPNAT_QueryInterface(&impl_from_IOpenHNetGateway(iface)->IUPnPNAT_iface, riid, out);
}

static ULONG WINAPI gateway_AddRef(IOpenHNetGateway *iface)
{
    return IUPnPNAT_AddRef(&impl_from_IOpenHNetGateway(iface)->IUPnPNAT_iface);
}

static ULONG WINAPI gateway_Release(IOpenHNetGateway *iface)
{
    return IUPnPNAT_Release(&impl_from_IOpenHNetGateway(iface)->IUPnPNAT_iface);
}

OHN_IMPL_IDISPATCH(gateway, IOpenHNetGateway, tid_IOpenHNetGateway)

static HRESULT WINAPI gateway_get_Status(IOpenHNetGateway *iface, BSTR *out)
{
    struct ohn_gateway *gw;
    char text[1200], external[16], local[16];
    HRESULT hr;

    if (!out)
        return E_POINTER;
    *out = NULL;
    if ((hr = ohn_engine_gateway(ohn_now_ms() + OHN_FIRST_WINDOW_MS + OHN_PROBE_MS, &gw)) != S_OK)
        return SUCCEEDED(hr) ? (*out = SysAllocString(L"no gateway")) ? S_OK : E_OUTOFMEMORY : hr;
    ohn_ipv4_format(ohn_engine_external_ip(gw), external);
    ohn_ipv4_format(gw->igd.lan_ip, local);
    snprintf(text, sizeof(text), "protocol %s\ngateway %s\nservice %s\ncontrol %s\nexternal %s\nlocal %s/%u\nconnected %s",
             gw->backend->name, gw->igd.location, gw->igd.service_type, gw->igd.control_url, external, local,
             gw->lan_prefix, gw->igd.facts.connected ? "yes" : "no");
    ohn_gateway_release(gw);
    return (*out = ohn_bstr_from_utf8(text)) ? S_OK : E_OUTOFMEMORY;
}

static HRESULT WINAPI gateway_Sync(IOpenHNetGateway *iface)
{
    TRACE("%p\n", iface);
    return ohn_realize_sync();
}

static HRESULT WINAPI gateway_get_MappingState(IOpenHNetGateway *iface, BSTR connection, LONG protocol, LONG port,
                                               BSTR *out)
{
    const char *text;
    size_t len;
    HRESULT hr;
    GUID guid;

    if (!out)
        return E_POINTER;
    *out = NULL;
    if (FAILED(hr = ohn_in_string(connection, 38, E_INVALIDARG, &len)))
        return hr;
    if (len != 38 || FAILED(CLSIDFromString(connection, &guid)) || (protocol != 6 && protocol != 17) || port < 1 ||
        port > 65535)
        return E_INVALIDARG;
    if (FAILED(hr = ohn_realize_state(&guid, (uint8_t)protocol, (uint16_t)port, &text)))
        return hr;
    return (*out = ohn_bstr_from_utf8(text)) ? S_OK : E_OUTOFMEMORY;
}

static HRESULT WINAPI gateway_get_Realize(IOpenHNetGateway *iface, VARIANT_BOOL *out)
{
    if (!out)
        return E_POINTER;
    *out = ohn_realize_enabled() ? VARIANT_TRUE : VARIANT_FALSE;
    return S_OK;
}

static HRESULT WINAPI gateway_put_Realize(IOpenHNetGateway *iface, VARIANT_BOOL enabled)
{
    HRESULT hr;

    TRACE("%d\n", enabled);
    if (FAILED(hr = ohn_realize_set_enabled(enabled != VARIANT_FALSE)))
        return hr;
    /* Turned on: realise now; turned off: take away what realisation created. */
    if (enabled)
        return ohn_realize_sync();
    return ohn_realize_withdraw();
}

static const IOpenHNetGatewayVtbl gateway_vtbl = {
    gateway_QueryInterface,   gateway_AddRef,      gateway_Release,     gateway_GetTypeInfoCount,
    gateway_GetTypeInfo,      gateway_GetIDsOfNames, gateway_Invoke,    gateway_get_Status,
    gateway_Sync,             gateway_get_MappingState, gateway_get_Realize, gateway_put_Realize,
};

HRESULT upnpnat_create(IUnknown *outer, REFIID riid, void **out)
{
    struct upnpnat *nat;
    HRESULT hr;

    *out = NULL;
    if (!(nat = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, sizeof(*nat))))
        return E_OUTOFMEMORY;
    if (FAILED(hr = ohn_events_create(&nat->events)))
    {
        HeapFree(GetProcessHeap(), 0, nat);
        return hr;
    }
    nat->IUPnPNAT_iface.lpVtbl = &nat_vtbl;
    nat->IOpenHNetGateway_iface.lpVtbl = &gateway_vtbl;
    nat->refs = 1;
    ohn_object_created();
    /* Discovery starts now, so that the first collection is often ready when asked for. */
    ohn_engine_use(TRUE);
    hr = IUPnPNAT_QueryInterface(&nat->IUPnPNAT_iface, riid, out);
    IUPnPNAT_Release(&nat->IUPnPNAT_iface);
    return hr;
}

/* INATEventManager */

struct event_manager
{
    INATEventManager INATEventManager_iface;
    LONG refs;
    struct ohn_events *events;
};

static struct event_manager *impl_from_INATEventManager(INATEventManager *iface)
{
    return CONTAINING_RECORD(iface, struct event_manager, INATEventManager_iface);
}

static HRESULT WINAPI events_QueryInterface(INATEventManager *iface, REFIID riid, void **out)
{
    if (!out)
        return E_POINTER;
    if (IsEqualGUID(riid, &IID_IUnknown) || IsEqualGUID(riid, &IID_IDispatch) ||
        IsEqualGUID(riid, &IID_INATEventManager))
    {
        *out = iface;
        INATEventManager_AddRef(iface);
        return S_OK;
    }
    *out = NULL;
    return E_NOINTERFACE;
}

static ULONG WINAPI events_AddRef(INATEventManager *iface)
{
    return InterlockedIncrement(&impl_from_INATEventManager(iface)->refs);
}

static ULONG WINAPI events_Release(INATEventManager *iface)
{
    struct event_manager *m = impl_from_INATEventManager(iface);
    LONG refs = InterlockedDecrement(&m->refs);

    if (!refs)
    {
        ohn_events_release(m->events);
        HeapFree(GetProcessHeap(), 0, m);
        ohn_object_destroyed();
    }
    return refs;
}

OHN_IMPL_IDISPATCH(events, INATEventManager, tid_INATEventManager)

static HRESULT WINAPI events_put_ExternalIPAddressCallback(INATEventManager *iface, IUnknown *callback)
{
    TRACE("%p %p\n", iface, callback);
    return ohn_events_set(impl_from_INATEventManager(iface)->events, 0, callback);
}

static HRESULT WINAPI events_put_NumberOfEntriesCallback(INATEventManager *iface, IUnknown *callback)
{
    TRACE("%p %p\n", iface, callback);
    return ohn_events_set(impl_from_INATEventManager(iface)->events, 1, callback);
}

static const INATEventManagerVtbl events_vtbl = {
    events_QueryInterface, events_AddRef,        events_Release,
    events_GetTypeInfoCount, events_GetTypeInfo, events_GetIDsOfNames,
    events_Invoke,         events_put_ExternalIPAddressCallback, events_put_NumberOfEntriesCallback,
};

static HRESULT event_manager_create(struct ohn_events *events, INATEventManager **out)
{
    struct event_manager *m = HeapAlloc(GetProcessHeap(), 0, sizeof(*m));

    if (!m)
        return E_OUTOFMEMORY;
    m->INATEventManager_iface.lpVtbl = &events_vtbl;
    m->refs = 1;
    ohn_events_addref(events);
    m->events = events;
    ohn_object_created();
    *out = &m->INATEventManager_iface;
    return S_OK;
}
