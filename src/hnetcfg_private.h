/*
 * Shared declarations of hnetcfg.dll's COM layer.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef HNETCFG_PRIVATE_H
#define HNETCFG_PRIVATE_H

#define COBJMACROS
#define CONST_VTABLE
#include <winsock2.h>
#include <windows.h>
#include <ole2.h>
#include <olectl.h>

#include "netconlib.h"
#include "natupnplib.h"
#include "openhnetcfg.h"
#include "wine_netfw.h" /* generated from Wine's netfw.idl; the tests use mingw-w64's <netfw.h> */
#include "ohn_core.h"

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif

/* HRESULT of a call on a port-mapping object whose stored record was deleted (by this or
 * another process) after the object was handed out. */
#define OHN_E_MAPPING_GONE HRESULT_FROM_WIN32(ERROR_NOT_FOUND)

extern HINSTANCE ohn_instance;

/* Reads a caller's [in] string (BSTR or LPCWSTR) as NUL-terminated, never through a BSTR's
 * length prefix (strings.c says why), looking at no more than max + 1 units. NULL -> if_null;
 * longer than max units -> E_INVALIDARG; else S_OK with its length in *len. Every method that
 * takes a string uses it. */
HRESULT ohn_in_string(const WCHAR *s, size_t max, HRESULT if_null, size_t *len);

/* Live objects and server locks, for DllCanUnloadNow. */
void ohn_object_created(void);
void ohn_object_destroyed(void);
void ohn_lock_server(BOOL lock);

/* Tracing: HNETCFG_TRACE=1 writes to stderr, HNETCFG_TRACE=<path> appends to that file. */
void ohn_trace(const char *func, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
#define TRACE(...) ohn_trace(__func__, __VA_ARGS__)
const char *ohn_debugstr_guid(const GUID *guid, char buf[39]);

/* Typelib-backed IDispatch. One entry per dual interface; the table in dispatch.c names the
 * interface and the typelib resource it lives in. */
enum ohn_tid
{
    tid_INetSharingManager,
    tid_INetSharingConfiguration,
    tid_INetSharingPortMapping,
    tid_INetSharingPortMappingProps,
    tid_INetSharingPortMappingCollection,
    tid_INetSharingEveryConnectionCollection,
    tid_INetSharingPublicConnectionCollection,
    tid_INetSharingPrivateConnectionCollection,
    tid_INetConnectionProps,
    tid_IUPnPNAT,
    tid_IStaticPortMappingCollection,
    tid_IStaticPortMapping,
    tid_IDynamicPortMappingCollection,
    tid_IDynamicPortMapping,
    tid_INATEventManager,
    tid_IOpenHNetGateway,
    tid_INetFwRule3,
    tid_INetFwRules,
    tid_INetFwPolicy2,
    tid_INetFwMgr,
    tid_INetFwPolicy,
    tid_INetFwProfile,
    tid_INetFwAuthorizedApplication,
    tid_INetFwAuthorizedApplications,
    tid_INetFwOpenPort,
    tid_INetFwOpenPorts,
    tid_INetFwService,
    tid_INetFwServices,
    tid_INetFwIcmpSettings,
    tid_INetFwRemoteAdminSettings,
    tid_INetFwProduct,
    tid_INetFwProducts,
    tid_INetFwServiceRestriction,
    tid_last
};

HRESULT ohn_get_typeinfo(enum ohn_tid tid, ITypeInfo **info);
HRESULT ohn_dispatch_get_ids(enum ohn_tid tid, LPOLESTR *names, UINT count, DISPID *ids);
HRESULT ohn_dispatch_invoke(enum ohn_tid tid, void *iface, DISPID id, WORD flags, DISPPARAMS *params,
                            VARIANT *result, EXCEPINFO *excep, UINT *arg_err);
void ohn_release_typelibs(void);

/* The four IDispatch slots of a dual interface, forwarded to the helpers above. */
#define OHN_IMPL_IDISPATCH(prefix, iface_type, tid)                                                       \
    static HRESULT WINAPI prefix##_GetTypeInfoCount(iface_type *iface, UINT *count)                        \
    {                                                                                                      \
        if (!count)                                                                                        \
            return E_POINTER;                                                                              \
        *count = 1;                                                                                        \
        return S_OK;                                                                                       \
    }                                                                                                      \
    static HRESULT WINAPI prefix##_GetTypeInfo(iface_type *iface, UINT index, LCID lcid, ITypeInfo **info) \
    {                                                                                                      \
        if (!info)                                                                                         \
            return E_POINTER;                                                                              \
        *info = NULL;                                                                                      \
        if (index)                                                                                         \
            return DISP_E_BADINDEX;                                                                        \
        return ohn_get_typeinfo(tid, info);                                                                \
    }                                                                                                      \
    static HRESULT WINAPI prefix##_GetIDsOfNames(iface_type *iface, REFIID riid, LPOLESTR *names,          \
                                                 UINT count, LCID lcid, DISPID *ids)                       \
    {                                                                                                      \
        return ohn_dispatch_get_ids(tid, names, count, ids);                                               \
    }                                                                                                      \
    static HRESULT WINAPI prefix##_Invoke(iface_type *iface, DISPID id, REFIID riid, LCID lcid,           \
                                          WORD flags, DISPPARAMS *params, VARIANT *result,                 \
                                          EXCEPINFO *excep, UINT *arg_err)                                 \
    {                                                                                                      \
        return ohn_dispatch_invoke(tid, iface, id, flags, params, result, excep, arg_err);                 \
    }

/* A fixed list of items that collections count and enumerators walk. Shared by a collection
 * and all enumerators cloned from it; item() makes a new VARIANT for position index, or returns
 * S_FALSE when that item vanished since the snapshot was taken (it is skipped). refresh (NULL
 * for none) makes a new snapshot of the same list as it is now: an enumerator's Reset takes it,
 * so that it walks the list as it is then (a live list: the gateway's table, the firewall's
 * rules); without it, Reset walks the same snapshot again (a list that is a snapshot by its
 * contract: what EnumPortMappings returned). */
struct ohn_snapshot
{
    LONG refs;
    ULONG count;
    HRESULT (*item)(struct ohn_snapshot *snap, ULONG index, VARIANT *out);
    void (*destroy)(struct ohn_snapshot *snap);
    HRESULT (*refresh)(struct ohn_snapshot *snap, struct ohn_snapshot **fresh);
};

void ohn_snapshot_addref(struct ohn_snapshot *snap);
void ohn_snapshot_release(struct ohn_snapshot *snap);

/* An IEnumVARIANT that also answers QueryInterface for enum_iid (an IEnumNetSharing* IID). */
HRESULT ohn_enum_create(struct ohn_snapshot *snap, const IID *enum_iid, IUnknown **out);
/* An IEnumVARIANT over a snapshot just made, given with its maker's HRESULT (made), which it
 * then holds alone: `return ohn_enum_of_new(x_snapshot_new(..., &snap), &snap, out);`. */
HRESULT ohn_enum_of_new(HRESULT made, struct ohn_snapshot **snap, IUnknown **out);

/* One of the four INetSharing*Collection interfaces (same layout: _NewEnum, Count). */
enum ohn_collection_kind
{
    OHN_COLL_PORT_MAPPINGS,
    OHN_COLL_EVERY_CONNECTION,
    OHN_COLL_PUBLIC_CONNECTIONS,
    OHN_COLL_PRIVATE_CONNECTIONS
};
HRESULT ohn_collection_create(enum ohn_collection_kind kind, struct ohn_snapshot *snap, void **out);

/* Objects. */
HRESULT sharing_manager_create(IUnknown *outer, REFIID riid, void **out);
HRESULT upnpnat_create(IUnknown *outer, REFIID riid, void **out);
HRESULT rtc_session_create(IUnknown *outer, REFIID riid, void **out);
HRESULT fw_policy2_create(IUnknown *outer, REFIID riid, void **out);
HRESULT fw_rule_create(IUnknown *outer, REFIID riid, void **out);
HRESULT fw_mgr_create(IUnknown *outer, REFIID riid, void **out);
HRESULT fw_app_create(IUnknown *outer, REFIID riid, void **out);
HRESULT fw_port_create(IUnknown *outer, REFIID riid, void **out);
HRESULT fw_product_create(IUnknown *outer, REFIID riid, void **out);
HRESULT fw_products_create(IUnknown *outer, REFIID riid, void **out);
/* Removes, once per process and in the background, the store mappings of RTC sessions whose
 * process is gone (rtc/cleanup.c), in a prefix marked as one where sessions used the store. */
void rtc_cleanup_background(void);
/* Marks the prefix so (before a session adds a store mapping). */
void rtc_mark_store_sessions(void);
/* Registration: marks a prefix whose store already holds connections (an earlier version's). */
void rtc_mark_if_store_used(void);
/* The once-per-process background work (dll/startup.c): every class that uses the store or the
 * gateway calls it when it makes an object. */
void ohn_process_start(void);
HRESULT sharing_config_create(const GUID *connection, INetSharingConfiguration **out);
HRESULT connection_create(const GUID *guid, INetConnection **out);
HRESULT connection_props_create(const GUID *guid, INetConnectionProps **out);
struct store_conn;
/* The object of stored record id of connection (it holds its own reference to conn). */
HRESULT port_mapping_create(struct store_conn *conn, const GUID *connection, uint32_t id,
                            const struct ohn_mapping *record, INetSharingPortMapping **out);
/* If mapping is one of ours, its connection; S_FALSE for a foreign object. */
HRESULT port_mapping_identity(INetSharingPortMapping *mapping, GUID *connection);
/* Deletes the record of one of our mapping objects (E_INVALIDARG for a foreign object). */
HRESULT port_mapping_delete(INetSharingPortMapping *mapping);
/* hr, after applying a successful change of the store on the UPnP gateway (gateway/realize.c):
 * of one mapping of connection (record: its protocol and port), or with NULLs of the sharing roles. */
HRESULT realized(const GUID *connection, const struct ohn_mapping *record, HRESULT hr);

/* Connections = the host's adapters without loopback. */
struct connection_info
{
    GUID guid;
    WCHAR name[OHN_CONNECTION_NAME_MAX + 1];   /* display name: stored rename or FriendlyName */
    WCHAR device[OHN_CONNECTION_NAME_MAX + 1]; /* adapter description */
    NETCON_STATUS status;
    NETCON_MEDIATYPE media;
    DWORD characteristics;
};
/* Every present connection, in the adapters' order. *list is HeapAlloc'd. */
HRESULT connection_list(GUID **list, ULONG *count);
/* The first IPv4 address of the connection's adapter (host order): S_FALSE and 0 when it has
 * none or is gone. */
HRESULT connection_ipv4(const GUID *guid, uint32_t *ip);
/* Current properties; an adapter that is gone reports NCS_HARDWARE_NOT_PRESENT. */
HRESULT connection_query(const GUID *guid, struct connection_info *info);
HRESULT connection_snapshot_create(int role_filter, struct ohn_snapshot **out);

static inline const ohn_char *ohn_str(const WCHAR *s)
{
    return (const ohn_char *)s;
}

#endif
