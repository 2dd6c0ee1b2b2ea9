/*
 * Snapshots and the enumerator over them.
 *
 * One IEnumVARIANT implementation serves all four collections: the IEnumNetSharing*
 * interfaces have the same layout (Next, Skip, Reset, Clone), so the object answers both
 * IEnumVARIANT and the collection's own enumerator IID with the same vtable. Items that
 * vanished after the snapshot was taken are skipped, so Next still hands out only live ones.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "com/com.h"

void ohn_snapshot_addref(struct ohn_snapshot *snap)
{
    InterlockedIncrement(&snap->refs);
}

void ohn_snapshot_release(struct ohn_snapshot *snap)
{
    if (!InterlockedDecrement(&snap->refs))
        snap->destroy(snap);
}

struct enumerator
{
    IEnumVARIANT IEnumVARIANT_iface;
    LONG refs;
    const IID *enum_iid;
    struct ohn_snapshot *snap;
    SRWLOCK lock; /* guards pos: the object may be called from several threads */
    ULONG pos;
};

static struct enumerator *impl_from_IEnumVARIANT(IEnumVARIANT *iface)
{
    return CONTAINING_RECORD(iface, struct enumerator, IEnumVARIANT_iface);
}

static HRESULT enumerator_new(struct ohn_snapshot *snap, const IID *enum_iid, ULONG pos, struct enumerator **out);

static HRESULT WINAPI enumerator_QueryInterface(IEnumVARIANT *iface, REFIID riid, void **out)
{
    struct enumerator *e = impl_from_IEnumVARIANT(iface);

    if (!out)
        return E_POINTER;
    if (IsEqualGUID(riid, &IID_IUnknown) || IsEqualGUID(riid, &IID_IEnumVARIANT) || IsEqualGUID(riid, e->enum_iid))
    {
        *out = iface;
        IEnumVARIANT_AddRef(iface);
        return S_OK;
    }
    *out = NULL;
    return E_NOINTERFACE;
}

static ULONG WINAPI enumerator_AddRef(IEnumVARIANT *iface)
{
    return InterlockedIncrement(&impl_from_IEnumVARIANT(iface)->refs);
}

static ULONG WINAPI enumerator_Release(IEnumVARIANT *iface)
{
    struct enumerator *e = impl_from_IEnumVARIANT(iface);
    LONG refs = InterlockedDecrement(&e->refs);

    if (!refs)
    {
        ohn_snapshot_release(e->snap);
        HeapFree(GetProcessHeap(), 0, e);
        ohn_object_destroyed();
    }
    return refs;
}

static HRESULT WINAPI enumerator_Next(IEnumVARIANT *iface, ULONG count, VARIANT *items, ULONG *fetched)
{
    struct enumerator *e = impl_from_IEnumVARIANT(iface);
    HRESULT hr = S_OK;
    ULONG n = 0, i;

    if (fetched)
        *fetched = 0;
    if (!count)
        return S_OK;
    if (!items)
        return E_POINTER;
    for (i = 0; i < count; i++)
        VariantInit(&items[i]);

    AcquireSRWLockExclusive(&e->lock);
    while (n < count && e->pos < e->snap->count)
    {
        hr = e->snap->item(e->snap, e->pos, &items[n]);
        if (FAILED(hr))
            break;
        e->pos++;
        if (hr == S_OK)
            n++;
        hr = S_OK;
    }
    ReleaseSRWLockExclusive(&e->lock);

    if (FAILED(hr))
    {
        for (i = 0; i < n; i++)
            VariantClear(&items[i]);
        return hr;
    }
    if (fetched)
        *fetched = n;
    return n == count ? S_OK : S_FALSE;
}

static HRESULT WINAPI enumerator_Skip(IEnumVARIANT *iface, ULONG count)
{
    struct enumerator *e = impl_from_IEnumVARIANT(iface);
    HRESULT hr;

    AcquireSRWLockExclusive(&e->lock);
    if (count <= e->snap->count - e->pos)
    {
        e->pos += count;
        hr = S_OK;
    }
    else
    {
        e->pos = e->snap->count;
        hr = S_FALSE;
    }
    ReleaseSRWLockExclusive(&e->lock);
    return hr;
}

/* Back to the start; of the list as it is now when it is a live one (ohn_snapshot.refresh): a
 * list that cannot be read now is that error, and the enumerator stays as it was. */
static HRESULT WINAPI enumerator_Reset(IEnumVARIANT *iface)
{
    struct enumerator *e = impl_from_IEnumVARIANT(iface);
    struct ohn_snapshot *fresh = NULL, *old;
    HRESULT hr;

    AcquireSRWLockShared(&e->lock);
    old = e->snap;
    ohn_snapshot_addref(old);
    ReleaseSRWLockShared(&e->lock);
    hr = old->refresh ? old->refresh(old, &fresh) : S_OK;
    ohn_snapshot_release(old);
    if (FAILED(hr))
        return hr;
    AcquireSRWLockExclusive(&e->lock);
    old = NULL;
    if (fresh)
    {
        old = e->snap;
        e->snap = fresh;
    }
    e->pos = 0;
    ReleaseSRWLockExclusive(&e->lock);
    if (old)
        ohn_snapshot_release(old);
    return S_OK;
}

static HRESULT WINAPI enumerator_Clone(IEnumVARIANT *iface, IEnumVARIANT **out)
{
    struct enumerator *e = impl_from_IEnumVARIANT(iface), *clone;
    struct ohn_snapshot *snap;
    ULONG pos;
    HRESULT hr;

    if (!out)
        return E_POINTER;
    *out = NULL;
    AcquireSRWLockShared(&e->lock);
    pos = e->pos;
    snap = e->snap;
    ohn_snapshot_addref(snap);
    ReleaseSRWLockShared(&e->lock);
    hr = enumerator_new(snap, e->enum_iid, pos, &clone);
    ohn_snapshot_release(snap);
    if (FAILED(hr))
        return hr;
    *out = &clone->IEnumVARIANT_iface;
    return S_OK;
}

static const IEnumVARIANTVtbl enumerator_vtbl = {
    enumerator_QueryInterface, enumerator_AddRef, enumerator_Release, enumerator_Next,
    enumerator_Skip,           enumerator_Reset,  enumerator_Clone,
};

static HRESULT enumerator_new(struct ohn_snapshot *snap, const IID *enum_iid, ULONG pos, struct enumerator **out)
{
    struct enumerator *e;

    if (!(e = HeapAlloc(GetProcessHeap(), 0, sizeof(*e))))
        return E_OUTOFMEMORY;
    e->IEnumVARIANT_iface.lpVtbl = &enumerator_vtbl;
    e->refs = 1;
    e->enum_iid = enum_iid;
    e->snap = snap;
    ohn_snapshot_addref(snap);
    InitializeSRWLock(&e->lock);
    e->pos = pos;
    ohn_object_created();
    *out = e;
    return S_OK;
}

HRESULT ohn_enum_create(struct ohn_snapshot *snap, const IID *enum_iid, IUnknown **out)
{
    struct enumerator *e;
    HRESULT hr;

    if (FAILED(hr = enumerator_new(snap, enum_iid, 0, &e)))
        return hr;
    *out = (IUnknown *)&e->IEnumVARIANT_iface;
    return S_OK;
}

HRESULT ohn_enum_of_new(HRESULT made, struct ohn_snapshot **snap, IUnknown **out)
{
    HRESULT hr;

    if (FAILED(made))
        return made;
    hr = ohn_enum_create(*snap, &IID_IEnumVARIANT, out);
    ohn_snapshot_release(*snap);
    return hr;
}
