/*
 * The four INetSharing*Collection objects. Their interfaces differ only in IID (IDispatch,
 * then _NewEnum and Count), so one object implements all four; `kinds` says which IID, type
 * info and enumerator IID each one has. A collection is a snapshot taken when it is retrieved:
 * Count and every enumerator it hands out see the same items.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "com/com.h"

static const struct
{
    const IID *iid;
    enum ohn_tid tid;
    const IID *enum_iid;
} kinds[] = {
    [OHN_COLL_PORT_MAPPINGS] = {&IID_INetSharingPortMappingCollection, tid_INetSharingPortMappingCollection,
                                &IID_IEnumNetSharingPortMapping},
    [OHN_COLL_EVERY_CONNECTION] = {&IID_INetSharingEveryConnectionCollection,
                                   tid_INetSharingEveryConnectionCollection, &IID_IEnumNetSharingEveryConnection},
    [OHN_COLL_PUBLIC_CONNECTIONS] = {&IID_INetSharingPublicConnectionCollection,
                                     tid_INetSharingPublicConnectionCollection, &IID_IEnumNetSharingPublicConnection},
    [OHN_COLL_PRIVATE_CONNECTIONS] = {&IID_INetSharingPrivateConnectionCollection,
                                      tid_INetSharingPrivateConnectionCollection,
                                      &IID_IEnumNetSharingPrivateConnection},
};

/* INetSharingPortMappingCollection stands for all four layouts. */
struct collection
{
    INetSharingPortMappingCollection iface;
    LONG refs;
    enum ohn_collection_kind kind;
    struct ohn_snapshot *snap;
};

static struct collection *impl_from_iface(INetSharingPortMappingCollection *iface)
{
    return CONTAINING_RECORD(iface, struct collection, iface);
}

static HRESULT WINAPI collection_QueryInterface(INetSharingPortMappingCollection *iface, REFIID riid, void **out)
{
    struct collection *c = impl_from_iface(iface);

    if (!out)
        return E_POINTER;
    if (IsEqualGUID(riid, &IID_IUnknown) || IsEqualGUID(riid, &IID_IDispatch) || IsEqualGUID(riid, kinds[c->kind].iid))
    {
        *out = iface;
        INetSharingPortMappingCollection_AddRef(iface);
        return S_OK;
    }
    *out = NULL;
    return E_NOINTERFACE;
}

static ULONG WINAPI collection_AddRef(INetSharingPortMappingCollection *iface)
{
    return InterlockedIncrement(&impl_from_iface(iface)->refs);
}

static ULONG WINAPI collection_Release(INetSharingPortMappingCollection *iface)
{
    struct collection *c = impl_from_iface(iface);
    LONG refs = InterlockedDecrement(&c->refs);

    if (!refs)
    {
        ohn_snapshot_release(c->snap);
        HeapFree(GetProcessHeap(), 0, c);
        ohn_object_destroyed();
    }
    return refs;
}

static HRESULT WINAPI collection_GetTypeInfoCount(INetSharingPortMappingCollection *iface, UINT *count)
{
    if (!count)
        return E_POINTER;
    *count = 1;
    return S_OK;
}

static HRESULT WINAPI collection_GetTypeInfo(INetSharingPortMappingCollection *iface, UINT index, LCID lcid,
                                             ITypeInfo **info)
{
    if (!info)
        return E_POINTER;
    *info = NULL;
    if (index)
        return DISP_E_BADINDEX;
    return ohn_get_typeinfo(kinds[impl_from_iface(iface)->kind].tid, info);
}

static HRESULT WINAPI collection_GetIDsOfNames(INetSharingPortMappingCollection *iface, REFIID riid, LPOLESTR *names,
                                               UINT count, LCID lcid, DISPID *ids)
{
    return ohn_dispatch_get_ids(kinds[impl_from_iface(iface)->kind].tid, names, count, ids);
}

static HRESULT WINAPI collection_Invoke(INetSharingPortMappingCollection *iface, DISPID id, REFIID riid, LCID lcid,
                                       WORD flags, DISPPARAMS *params, VARIANT *result, EXCEPINFO *excep,
                                       UINT *arg_err)
{
    return ohn_dispatch_invoke(kinds[impl_from_iface(iface)->kind].tid, iface, id, flags, params, result, excep,
                               arg_err);
}

static HRESULT WINAPI collection_get__NewEnum(INetSharingPortMappingCollection *iface, IUnknown **out)
{
    struct collection *c = impl_from_iface(iface);

    if (!out)
        return E_POINTER;
    *out = NULL;
    return ohn_enum_create(c->snap, kinds[c->kind].enum_iid, out);
}

static HRESULT WINAPI collection_get_Count(INetSharingPortMappingCollection *iface, LONG *count)
{
    if (!count)
        return E_POINTER;
    *count = (LONG)impl_from_iface(iface)->snap->count;
    return S_OK;
}

static const INetSharingPortMappingCollectionVtbl collection_vtbl = {
    collection_QueryInterface, collection_AddRef,      collection_Release,      collection_GetTypeInfoCount,
    collection_GetTypeInfo,    collection_GetIDsOfNames, collection_Invoke,     collection_get__NewEnum,
    collection_get_Count,
};

HRESULT ohn_collection_create(enum ohn_collection_kind kind, struct ohn_snapshot *snap, void **out)
{
    struct collection *c;

    *out = NULL;
    if (!(c = HeapAlloc(GetProcessHeap(), 0, sizeof(*c))))
        return E_OUTOFMEMORY;
    c->iface.lpVtbl = &collection_vtbl;
    c->refs = 1;
    c->kind = kind;
    c->snap = snap;
    ohn_snapshot_addref(snap);
    ohn_object_created();
    *out = &c->iface;
    return S_OK;
}
