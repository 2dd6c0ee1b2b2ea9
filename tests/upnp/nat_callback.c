/*
 * The fake NAT event callback of the lab tests (nat_callback.h).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "nat_callback.h"

static struct callback *from_entries(INATNumberOfEntriesCallback *iface)
{
    return CONTAINING_RECORD(iface, struct callback, entries_iface);
}

static HRESULT callback_query(struct callback *cb, REFIID riid, void **out)
{
    *out = NULL;
    if (IsEqualGUID(riid, &IID_IUnknown) || (!cb->neither && IsEqualGUID(riid, &IID_IDispatch)))
        *out = &cb->dispatch_iface;
    else if (!cb->neither && !cb->dispatch_only && IsEqualGUID(riid, &IID_INATNumberOfEntriesCallback))
        *out = &cb->entries_iface;
    else if (!cb->neither && !cb->dispatch_only && IsEqualGUID(riid, &IID_INATExternalIPAddressCallback))
        *out = &cb->address_iface;
    else
        return E_NOINTERFACE;
    InterlockedIncrement(&cb->refs);
    return S_OK;
}

static HRESULT WINAPI entries_QueryInterface(INATNumberOfEntriesCallback *iface, REFIID riid, void **out)
{
    return callback_query(from_entries(iface), riid, out);
}

static ULONG WINAPI entries_AddRef(INATNumberOfEntriesCallback *iface)
{
    return InterlockedIncrement(&from_entries(iface)->refs);
}

static ULONG WINAPI entries_Release(INATNumberOfEntriesCallback *iface)
{
    return InterlockedDecrement(&from_entries(iface)->refs);
}

static void called(struct callback *cb)
{
    if (GetCurrentThreadId() != cb->thread)
        cb->wrong_thread = TRUE;
    InterlockedIncrement(&cb->calls);
}

static HRESULT WINAPI entries_NewNumberOfEntries(INATNumberOfEntriesCallback *iface, LONG count)
{
    struct callback *cb = from_entries(iface);

    cb->last_count = count;
    called(cb);
    return S_OK;
}

static INATNumberOfEntriesCallbackVtbl entries_vtbl = {entries_QueryInterface, entries_AddRef, entries_Release,
                                                       entries_NewNumberOfEntries};

static struct callback *from_address(INATExternalIPAddressCallback *iface)
{
    return CONTAINING_RECORD(iface, struct callback, address_iface);
}

static HRESULT WINAPI address_QueryInterface(INATExternalIPAddressCallback *iface, REFIID riid, void **out)
{
    return callback_query(from_address(iface), riid, out);
}

static ULONG WINAPI address_AddRef(INATExternalIPAddressCallback *iface)
{
    return InterlockedIncrement(&from_address(iface)->refs);
}

static ULONG WINAPI address_Release(INATExternalIPAddressCallback *iface)
{
    return InterlockedDecrement(&from_address(iface)->refs);
}

static HRESULT WINAPI address_NewExternalIPAddress(INATExternalIPAddressCallback *iface, BSTR address)
{
    struct callback *cb = from_address(iface);

    lstrcpynW(cb->last_address, address ? address : L"(null)", ARRAYSIZE(cb->last_address));
    called(cb);
    return S_OK;
}

static INATExternalIPAddressCallbackVtbl address_vtbl = {address_QueryInterface, address_AddRef, address_Release,
                                                         address_NewExternalIPAddress};

static struct callback *from_dispatch(IDispatch *iface)
{
    return CONTAINING_RECORD(iface, struct callback, dispatch_iface);
}

static HRESULT WINAPI dispatch_QueryInterface(IDispatch *iface, REFIID riid, void **out)
{
    return callback_query(from_dispatch(iface), riid, out);
}

static ULONG WINAPI dispatch_AddRef(IDispatch *iface)
{
    return InterlockedIncrement(&from_dispatch(iface)->refs);
}

static ULONG WINAPI dispatch_Release(IDispatch *iface)
{
    return InterlockedDecrement(&from_dispatch(iface)->refs);
}

static HRESULT WINAPI dispatch_GetTypeInfoCount(IDispatch *iface, UINT *n)
{
    fail_msg("unexpected GetTypeInfoCount");
    return E_NOTIMPL;
}

static HRESULT WINAPI dispatch_GetTypeInfo(IDispatch *iface, UINT i, LCID l, ITypeInfo **t)
{
    fail_msg("unexpected GetTypeInfo");
    return E_NOTIMPL;
}

static HRESULT WINAPI dispatch_GetIDsOfNames(IDispatch *iface, REFIID r, LPOLESTR *n, UINT c, LCID l, DISPID *d)
{
    fail_msg("unexpected GetIDsOfNames");
    return E_NOTIMPL;
}

/* DISPID 0, a reason string first, then the value (arguments arrive right to left). */
static HRESULT WINAPI dispatch_Invoke(IDispatch *iface, DISPID id, REFIID riid, LCID lcid, WORD flags,
                                      DISPPARAMS *params, VARIANT *result, EXCEPINFO *excep, UINT *arg_err)
{
    struct callback *cb = from_dispatch(iface);

    if (id != DISPID_VALUE || !(flags & DISPATCH_METHOD) || params->cArgs != 2 ||
        V_VT(&params->rgvarg[1]) != VT_BSTR)
    {
        fail_msg("unexpected Invoke(%ld, %#x, %u args)", id, flags, params->cArgs);
        return E_INVALIDARG;
    }
    lstrcpynW(cb->last_reason, V_BSTR(&params->rgvarg[1]), ARRAYSIZE(cb->last_reason));
    if (V_VT(&params->rgvarg[0]) == VT_I4)
        cb->last_count = V_I4(&params->rgvarg[0]);
    else if (V_VT(&params->rgvarg[0]) == VT_BSTR)
        lstrcpynW(cb->last_address, V_BSTR(&params->rgvarg[0]), ARRAYSIZE(cb->last_address));
    called(cb);
    return S_OK;
}

static IDispatchVtbl dispatch_vtbl = {dispatch_QueryInterface, dispatch_AddRef,       dispatch_Release,
                                      dispatch_GetTypeInfoCount, dispatch_GetTypeInfo, dispatch_GetIDsOfNames,
                                      dispatch_Invoke};

void callback_init(struct callback *cb, BOOL dispatch_only, BOOL neither)
{
    memset(cb, 0, sizeof(*cb));
    cb->entries_iface.lpVtbl = &entries_vtbl;
    cb->address_iface.lpVtbl = &address_vtbl;
    cb->dispatch_iface.lpVtbl = &dispatch_vtbl;
    cb->refs = 1;
    cb->dispatch_only = dispatch_only;
    cb->neither = neither;
    cb->thread = GetCurrentThreadId();
}
