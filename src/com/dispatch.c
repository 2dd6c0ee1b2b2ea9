/*
 * IDispatch for every dual interface, from the type libraries embedded in this DLL.
 *
 * Type libraries are loaded from the DLL's own resources on first use (not from the registry:
 * the objects work before and without registration) and their ITypeInfos are cached per
 * interface; both are published with interlocked exchanges so concurrent first calls from
 * several threads are safe.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "com/com.h"

static const struct
{
    const IID *iid;
    UINT resource; /* TYPELIB resource index in this DLL */
} tid_table[tid_last] = {
    [tid_INetSharingManager] = {&IID_INetSharingManager, 1},
    [tid_INetSharingConfiguration] = {&IID_INetSharingConfiguration, 1},
    [tid_INetSharingPortMapping] = {&IID_INetSharingPortMapping, 1},
    [tid_INetSharingPortMappingProps] = {&IID_INetSharingPortMappingProps, 1},
    [tid_INetSharingPortMappingCollection] = {&IID_INetSharingPortMappingCollection, 1},
    [tid_INetSharingEveryConnectionCollection] = {&IID_INetSharingEveryConnectionCollection, 1},
    [tid_INetSharingPublicConnectionCollection] = {&IID_INetSharingPublicConnectionCollection, 1},
    [tid_INetSharingPrivateConnectionCollection] = {&IID_INetSharingPrivateConnectionCollection, 1},
    [tid_INetConnectionProps] = {&IID_INetConnectionProps, 1},
    [tid_IUPnPNAT] = {&IID_IUPnPNAT, 2},
    [tid_IStaticPortMappingCollection] = {&IID_IStaticPortMappingCollection, 2},
    [tid_IStaticPortMapping] = {&IID_IStaticPortMapping, 2},
    [tid_IDynamicPortMappingCollection] = {&IID_IDynamicPortMappingCollection, 2},
    [tid_IDynamicPortMapping] = {&IID_IDynamicPortMapping, 2},
    [tid_INATEventManager] = {&IID_INATEventManager, 2},
    [tid_IOpenHNetGateway] = {&IID_IOpenHNetGateway, 3},
    [tid_INetFwRule3] = {&IID_INetFwRule3, 4},
    [tid_INetFwRules] = {&IID_INetFwRules, 4},
    [tid_INetFwPolicy2] = {&IID_INetFwPolicy2, 4},
    [tid_INetFwMgr] = {&IID_INetFwMgr, 4},
    [tid_INetFwPolicy] = {&IID_INetFwPolicy, 4},
    [tid_INetFwProfile] = {&IID_INetFwProfile, 4},
    [tid_INetFwAuthorizedApplication] = {&IID_INetFwAuthorizedApplication, 4},
    [tid_INetFwAuthorizedApplications] = {&IID_INetFwAuthorizedApplications, 4},
    [tid_INetFwOpenPort] = {&IID_INetFwOpenPort, 4},
    [tid_INetFwOpenPorts] = {&IID_INetFwOpenPorts, 4},
    [tid_INetFwService] = {&IID_INetFwService, 4},
    [tid_INetFwServices] = {&IID_INetFwServices, 4},
    [tid_INetFwIcmpSettings] = {&IID_INetFwIcmpSettings, 4},
    [tid_INetFwRemoteAdminSettings] = {&IID_INetFwRemoteAdminSettings, 4},
    [tid_INetFwProduct] = {&IID_INetFwProduct, 4},
    [tid_INetFwProducts] = {&IID_INetFwProducts, 4},
    [tid_INetFwServiceRestriction] = {&IID_INetFwServiceRestriction, 4},
};

#define MAX_TYPELIBS 4
static ITypeLib *typelibs[MAX_TYPELIBS + 1];
static ITypeInfo *typeinfos[tid_last];

static HRESULT load_typelib(UINT resource, ITypeLib **out)
{
    WCHAR module[MAX_PATH], path[MAX_PATH + 8];
    ITypeLib *typelib;
    HRESULT hr;
    DWORD len;

    if (resource < 1 || resource > MAX_TYPELIBS)
        return E_UNEXPECTED;
    if ((*out = typelibs[resource]))
        return S_OK;
    len = GetModuleFileNameW(ohn_instance, module, ARRAY_SIZE(module));
    if (!len || len >= ARRAY_SIZE(module))
        return E_FAIL;
    if (resource == 1)
        lstrcpyW(path, module);
    else
        wsprintfW(path, L"%s\\%u", module, resource);
    if (FAILED(hr = LoadTypeLibEx(path, REGKIND_NONE, &typelib)))
    {
        TRACE("LoadTypeLibEx(%ls) failed: %#lx\n", path, hr);
        return hr;
    }
    if (InterlockedCompareExchangePointer((void **)&typelibs[resource], typelib, NULL))
        ITypeLib_Release(typelib);
    *out = typelibs[resource];
    return S_OK;
}

HRESULT ohn_get_typeinfo(enum ohn_tid tid, ITypeInfo **out)
{
    ITypeLib *typelib;
    ITypeInfo *info;
    HRESULT hr;

    if (tid >= tid_last)
        return E_UNEXPECTED;
    if (!typeinfos[tid])
    {
        if (FAILED(hr = load_typelib(tid_table[tid].resource, &typelib)))
            return hr;
        if (FAILED(hr = ITypeLib_GetTypeInfoOfGuid(typelib, tid_table[tid].iid, &info)))
            return hr;
        if (InterlockedCompareExchangePointer((void **)&typeinfos[tid], info, NULL))
            ITypeInfo_Release(info);
    }
    *out = typeinfos[tid];
    ITypeInfo_AddRef(*out);
    return S_OK;
}

HRESULT ohn_dispatch_get_ids(enum ohn_tid tid, LPOLESTR *names, UINT count, DISPID *ids)
{
    ITypeInfo *info;
    HRESULT hr;

    if (!names || !ids)
        return E_POINTER;
    if (FAILED(hr = ohn_get_typeinfo(tid, &info)))
        return hr;
    hr = ITypeInfo_GetIDsOfNames(info, names, count, ids);
    ITypeInfo_Release(info);
    return hr;
}

HRESULT ohn_dispatch_invoke(enum ohn_tid tid, void *iface, DISPID id, WORD flags, DISPPARAMS *params,
                            VARIANT *result, EXCEPINFO *excep, UINT *arg_err)
{
    ITypeInfo *info;
    HRESULT hr;

    if (FAILED(hr = ohn_get_typeinfo(tid, &info)))
        return hr;
    /* _NewEnum is a property, but script engines (Wine 8's JScript among them) ask for it
     * with DISPATCH_METHOD alone; ITypeInfo::Invoke would not find a method of that id. */
    if (id == DISPID_NEWENUM && (flags & DISPATCH_METHOD))
        flags = (flags & ~DISPATCH_METHOD) | DISPATCH_PROPERTYGET;
    hr = ITypeInfo_Invoke(info, iface, id, flags, params, result, excep, arg_err);
    /* A property with arguments called as a method (c.Item(45000, "TCP") from JScript after
     * a failure, VBScript's parenthesised calls): it is the property get that was meant. */
    if (hr == DISP_E_MEMBERNOTFOUND && flags == DISPATCH_METHOD && params && params->cArgs)
        hr = ITypeInfo_Invoke(info, iface, id, DISPATCH_PROPERTYGET, params, result, excep, arg_err);
    ITypeInfo_Release(info);
    return hr;
}

void ohn_release_typelibs(void)
{
    unsigned i;

    for (i = 0; i < ARRAY_SIZE(typeinfos); i++)
        if (typeinfos[i])
        {
            ITypeInfo_Release(typeinfos[i]);
            typeinfos[i] = NULL;
        }
    for (i = 0; i < ARRAY_SIZE(typelibs); i++)
        if (typelibs[i])
        {
            ITypeLib_Release(typelibs[i]);
            typelibs[i] = NULL;
        }
}
