/*
 * The in-process server, in the DLL's own room (src/dll/, the composition root: the only room
 * that knows every other): DllMain, the class table, the class factory, DllGetClassObject and
 * DllCanUnloadNow. Registration is registration.c's, the per-process start-up startup.c's.
 *
 * Every class the DLL serves is one row of `ohn_classes`, every type library one row of
 * `ohn_typelibs`; registration, unregistration and the factory are driven by those tables.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "dll/classes.h"
#include "gateway/threads.h"

HINSTANCE ohn_instance;

const struct ohn_class ohn_classes[] = {
    {
        &CLSID_NetSharingManager,
        L"Home Networking Sharing Configuration Manager",
        L"HNetCfg.HNetShare.1",
        L"HNetCfg.HNetShare",
        L"Both",
        &LIBID_NETCONLib,
        FALSE,
        FALSE,
        sharing_manager_create,
        TRUE,
    },
    {
        &CLSID_UPnPNAT,
        L"Home Networking NAT Traversal via UPnP Configuration Manager",
        L"HNetCfg.NATUPnP.1",
        L"HNetCfg.NATUPnP",
        L"Apartment",
        &LIBID_NATUPNPLib,
        TRUE,
        TRUE,
        upnpnat_create,
        TRUE,
    },
    {
        &CLSID_RTCSession,
        L"RTC-style session with port management (open-hnetcfg)",
        L"HNetCfg.RTCSession.1",
        L"HNetCfg.RTCSession",
        L"Both",
        &LIBID_OpenHNetCfgLib,
        FALSE,
        FALSE,
        rtc_session_create,
        TRUE,
    },
    {
        &CLSID_NetFwPolicy2,
        L"HNetCfg.FwPolicy2",
        L"HNetCfg.FwPolicy2",
        NULL,
        L"Both",
        &LIBID_NetFwPublicTypeLib,
        FALSE,
        TRUE,
        fw_policy2_create,
        FALSE,
    },
    {
        &CLSID_NetFwRule,
        L"HNetCfg.FwRule",
        L"HNetCfg.FwRule",
        NULL,
        L"Both",
        &LIBID_NetFwPublicTypeLib,
        FALSE,
        TRUE,
        fw_rule_create,
        FALSE,
    },
    {
        &CLSID_NetFwMgr,
        L"HNetCfg.FwMgr",
        L"HNetCfg.FwMgr",
        NULL,
        L"Both",
        &LIBID_NetFwPublicTypeLib,
        FALSE,
        TRUE,
        fw_mgr_create,
        FALSE,
    },
    {
        &CLSID_NetFwAuthorizedApplication,
        L"HNetCfg.FwAuthorizedApplication",
        L"HNetCfg.FwAuthorizedApplication",
        NULL,
        L"Both",
        &LIBID_NetFwPublicTypeLib,
        FALSE,
        TRUE,
        fw_app_create,
        FALSE,
    },
    {
        &CLSID_NetFwOpenPort,
        L"HNetCfg.FwOpenPort",
        L"HNetCfg.FwOpenPort",
        NULL,
        L"Both",
        &LIBID_NetFwPublicTypeLib,
        FALSE,
        TRUE,
        fw_port_create,
        FALSE,
    },
    {
        &CLSID_NetFwProduct,
        L"HNetCfg.FwProduct",
        L"HNetCfg.FwProduct",
        NULL,
        L"Both",
        &LIBID_NetFwPublicTypeLib,
        FALSE,
        TRUE,
        fw_product_create,
        FALSE,
    },
    {
        &CLSID_NetFwProducts,
        L"HNetCfg.FwProducts",
        L"HNetCfg.FwProducts",
        NULL,
        L"Both",
        &LIBID_NetFwPublicTypeLib,
        FALSE,
        TRUE,
        fw_products_create,
        FALSE,
    },
};

const unsigned ohn_class_count = ARRAY_SIZE(ohn_classes);

/* The type libraries embedded as TYPELIB resources 1 to 4. */
const struct ohn_typelib ohn_typelibs[] = {
    {1, &LIBID_NETCONLib, FALSE},
    {2, &LIBID_NATUPNPLib, TRUE},
    {3, &LIBID_OpenHNetCfgLib, FALSE},
    {4, &LIBID_NetFwPublicTypeLib, TRUE},
};
const unsigned ohn_typelib_count = ARRAY_SIZE(ohn_typelibs);

struct class_factory
{
    IClassFactory IClassFactory_iface;
    const struct ohn_class *cls;
};

static struct class_factory *impl_from_IClassFactory(IClassFactory *iface)
{
    return CONTAINING_RECORD(iface, struct class_factory, IClassFactory_iface);
}

static HRESULT WINAPI factory_QueryInterface(IClassFactory *iface, REFIID riid, void **out)
{
    if (!out)
        return E_POINTER;
    if (IsEqualGUID(riid, &IID_IUnknown) || IsEqualGUID(riid, &IID_IClassFactory))
    {
        *out = iface;
        return S_OK;
    }
    *out = NULL;
    return E_NOINTERFACE;
}

/* The factories are static: they live as long as the DLL. */
static ULONG WINAPI factory_AddRef(IClassFactory *iface)
{
    return 2;
}

static ULONG WINAPI factory_Release(IClassFactory *iface)
{
    return 1;
}

static HRESULT WINAPI factory_CreateInstance(IClassFactory *iface, IUnknown *outer, REFIID riid, void **out)
{
    struct class_factory *factory = impl_from_IClassFactory(iface);
    HRESULT hr;

    if (!out)
        return E_POINTER;
    *out = NULL;
    if (outer)
        return CLASS_E_NOAGGREGATION;
    hr = factory->cls->create(outer, riid, out);
    /* The per-process start-up (startup.c), once an object that needs it exists. */
    if (SUCCEEDED(hr) && factory->cls->starts_process)
        ohn_process_start();
    return hr;
}

static HRESULT WINAPI factory_LockServer(IClassFactory *iface, BOOL lock)
{
    ohn_lock_server(lock);
    return S_OK;
}

static const IClassFactoryVtbl factory_vtbl = {
    factory_QueryInterface, factory_AddRef, factory_Release, factory_CreateInstance, factory_LockServer,
};

static struct class_factory factories[ARRAY_SIZE(ohn_classes)];

BOOL WINAPI DllMain(HINSTANCE instance, DWORD reason, void *reserved)
{
    unsigned i;

    switch (reason)
    {
    case DLL_PROCESS_ATTACH:
        ohn_instance = instance;
        DisableThreadLibraryCalls(instance);
        for (i = 0; i < ARRAY_SIZE(ohn_classes); i++)
        {
            factories[i].IClassFactory_iface.lpVtbl = &factory_vtbl;
            factories[i].cls = &ohn_classes[i];
        }
        break;
    case DLL_PROCESS_DETACH:
        if (!reserved) /* FreeLibrary: other DLLs are still there to release into */
            ohn_release_typelibs();
        break;
    }
    return TRUE;
}

HRESULT WINAPI DllGetClassObject(REFCLSID clsid, REFIID riid, void **out)
{
    char buf[39];
    unsigned i;

    if (!out)
        return E_POINTER;
    *out = NULL;
    TRACE("%s\n", ohn_debugstr_guid(clsid, buf));
    for (i = 0; i < ARRAY_SIZE(ohn_classes); i++)
        if (IsEqualGUID(clsid, ohn_classes[i].clsid))
            return IClassFactory_QueryInterface(&factories[i].IClassFactory_iface, riid, out);
    return CLASS_E_CLASSNOTAVAILABLE;
}

/* Never while a background thread runs (threads.c), even with no object alive. */
HRESULT WINAPI DllCanUnloadNow(void)
{
    return !ohn_objects_alive() && !ohn_threads_running() ? S_OK : S_FALSE;
}
