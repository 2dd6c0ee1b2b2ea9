/*
 * The COM plumbing that every object room uses, and that uses none of them: callers' strings
 * (strings.c), live objects (objects.c), typelib-backed IDispatch (dispatch.c), enumerators over
 * snapshots (enumerator.c) and the INetSharing*Collection objects (collection.c). Includes the
 * interfaces of the DLL's type libraries (generated from idl/).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef OHN_COM_H
#define OHN_COM_H

#include "base.h"

#include <ole2.h>
#include <olectl.h>

#include "netconlib.h"
#include "natupnplib.h"
#include "openhnetcfg.h"
#include "wine_netfw.h" /* generated from Wine's netfw.idl; the tests use mingw-w64's <netfw.h> */

/* Reads a caller's [in] string (BSTR or LPCWSTR) as NUL-terminated, never through a BSTR's
 * length prefix (strings.c says why), looking at no more than max + 1 units. NULL -> if_null;
 * longer than max units -> E_INVALIDARG; else S_OK with its length in *len. Every method that
 * takes a string uses it. */
HRESULT ohn_in_string(const WCHAR *s, size_t max, HRESULT if_null, size_t *len);

/* Live objects and server locks (objects.c), for DllCanUnloadNow: every object counts itself in
 * when made and out when destroyed. */
void ohn_object_created(void);
void ohn_object_destroyed(void);
void ohn_lock_server(BOOL lock);
/* TRUE while an object lives or the server is locked. */
BOOL ohn_objects_alive(void);

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

#endif
