/*
 * The in-process server: DllMain, the class table, the class factory, DllGetClassObject,
 * DllCanUnloadNow and (un)registration.
 *
 * Every class the DLL serves is one row of `classes`; registration, unregistration and the
 * factory are driven by that table.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "hnetcfg_private.h"

HINSTANCE ohn_instance;
static LONG object_count;
static LONG lock_count;

void ohn_object_created(void)
{
    InterlockedIncrement(&object_count);
}

void ohn_object_destroyed(void)
{
    InterlockedDecrement(&object_count);
}

void ohn_lock_server(BOOL lock)
{
    if (lock)
        InterlockedIncrement(&lock_count);
    else
        InterlockedDecrement(&lock_count);
}

struct ohn_class
{
    const CLSID *clsid;
    const WCHAR *description;
    const WCHAR *progid;
    const WCHAR *vi_progid;
    const WCHAR *threading;
    const GUID *libid;
    UINT typelib_resource;
    HRESULT (*create)(IUnknown *outer, REFIID riid, void **out);
};

static const struct ohn_class classes[] = {
    {
        &CLSID_NetSharingManager,
        L"Home Networking Sharing Configuration Manager",
        L"HNetCfg.HNetShare.1",
        L"HNetCfg.HNetShare",
        L"Both",
        &LIBID_NETCONLib,
        1,
        sharing_manager_create,
    },
};

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

    if (!out)
        return E_POINTER;
    *out = NULL;
    if (outer)
        return CLASS_E_NOAGGREGATION;
    return factory->cls->create(outer, riid, out);
}

static HRESULT WINAPI factory_LockServer(IClassFactory *iface, BOOL lock)
{
    ohn_lock_server(lock);
    return S_OK;
}

static const IClassFactoryVtbl factory_vtbl = {
    factory_QueryInterface, factory_AddRef, factory_Release, factory_CreateInstance, factory_LockServer,
};

static struct class_factory factories[ARRAY_SIZE(classes)];

BOOL WINAPI DllMain(HINSTANCE instance, DWORD reason, void *reserved)
{
    unsigned i;

    switch (reason)
    {
    case DLL_PROCESS_ATTACH:
        ohn_instance = instance;
        DisableThreadLibraryCalls(instance);
        for (i = 0; i < ARRAY_SIZE(classes); i++)
        {
            factories[i].IClassFactory_iface.lpVtbl = &factory_vtbl;
            factories[i].cls = &classes[i];
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
    for (i = 0; i < ARRAY_SIZE(classes); i++)
        if (IsEqualGUID(clsid, classes[i].clsid))
            return IClassFactory_QueryInterface(&factories[i].IClassFactory_iface, riid, out);
    return CLASS_E_CLASSNOTAVAILABLE;
}

HRESULT WINAPI DllCanUnloadNow(void)
{
    return object_count == 0 && lock_count == 0 ? S_OK : S_FALSE;
}

/* Registration */

static LONG set_string(HKEY parent, const WCHAR *subkey, const WCHAR *name, const WCHAR *value)
{
    HKEY key;
    LONG err;

    if ((err = RegCreateKeyExW(parent, subkey, 0, NULL, 0, KEY_SET_VALUE, NULL, &key, NULL)))
        return err;
    err = RegSetValueExW(key, name, 0, REG_SZ, (const BYTE *)value, (DWORD)(lstrlenW(value) + 1) * sizeof(WCHAR));
    RegCloseKey(key);
    return err;
}

static HRESULT register_class(const struct ohn_class *cls, const WCHAR *path)
{
    WCHAR clsid[40], libid[40], key[96];
    LONG err = 0;

    StringFromGUID2(cls->clsid, clsid, ARRAY_SIZE(clsid));
    StringFromGUID2(cls->libid, libid, ARRAY_SIZE(libid));

    wsprintfW(key, L"CLSID\\%s", clsid);
    err |= set_string(HKEY_CLASSES_ROOT, key, NULL, cls->description);
    wsprintfW(key, L"CLSID\\%s\\InprocServer32", clsid);
    err |= set_string(HKEY_CLASSES_ROOT, key, NULL, path);
    err |= set_string(HKEY_CLASSES_ROOT, key, L"ThreadingModel", cls->threading);
    wsprintfW(key, L"CLSID\\%s\\ProgID", clsid);
    err |= set_string(HKEY_CLASSES_ROOT, key, NULL, cls->progid);
    wsprintfW(key, L"CLSID\\%s\\VersionIndependentProgID", clsid);
    err |= set_string(HKEY_CLASSES_ROOT, key, NULL, cls->vi_progid);
    wsprintfW(key, L"CLSID\\%s\\TypeLib", clsid);
    err |= set_string(HKEY_CLASSES_ROOT, key, NULL, libid);
    wsprintfW(key, L"CLSID\\%s\\Version", clsid);
    err |= set_string(HKEY_CLASSES_ROOT, key, NULL, L"1.0");

    err |= set_string(HKEY_CLASSES_ROOT, cls->progid, NULL, cls->description);
    wsprintfW(key, L"%s\\CLSID", cls->progid);
    err |= set_string(HKEY_CLASSES_ROOT, key, NULL, clsid);

    err |= set_string(HKEY_CLASSES_ROOT, cls->vi_progid, NULL, cls->description);
    wsprintfW(key, L"%s\\CLSID", cls->vi_progid);
    err |= set_string(HKEY_CLASSES_ROOT, key, NULL, clsid);
    wsprintfW(key, L"%s\\CurVer", cls->vi_progid);
    err |= set_string(HKEY_CLASSES_ROOT, key, NULL, cls->progid);

    return err ? SELFREG_E_CLASS : S_OK;
}

/* Deletes a ProgID key only while it still names our class: never someone else's. */
static void unregister_progid(const WCHAR *progid, const WCHAR *clsid)
{
    WCHAR key[96], value[40];
    LONG size = sizeof(value);

    wsprintfW(key, L"%s\\CLSID", progid);
    if (RegQueryValueW(HKEY_CLASSES_ROOT, key, value, &size) || lstrcmpiW(value, clsid))
        return;
    RegDeleteTreeW(HKEY_CLASSES_ROOT, progid);
    RegDeleteKeyW(HKEY_CLASSES_ROOT, progid);
}

static void unregister_class(const struct ohn_class *cls)
{
    WCHAR clsid[40], key[64];

    StringFromGUID2(cls->clsid, clsid, ARRAY_SIZE(clsid));
    unregister_progid(cls->progid, clsid);
    unregister_progid(cls->vi_progid, clsid);
    wsprintfW(key, L"CLSID\\%s", clsid);
    RegDeleteTreeW(HKEY_CLASSES_ROOT, key);
    RegDeleteKeyW(HKEY_CLASSES_ROOT, key);
}

static void typelib_path(UINT resource, const WCHAR *module, WCHAR *out, DWORD chars)
{
    if (resource == 1)
        lstrcpynW(out, module, chars);
    else
        wsprintfW(out, L"%s\\%u", module, resource);
}

HRESULT WINAPI DllRegisterServer(void)
{
    WCHAR module[MAX_PATH], path[MAX_PATH + 8];
    ITypeLib *typelib;
    unsigned i;
    HRESULT hr;
    DWORD len;

    len = GetModuleFileNameW(ohn_instance, module, ARRAY_SIZE(module));
    if (!len || len >= ARRAY_SIZE(module))
        return SELFREG_E_CLASS;
    TRACE("%ls\n", module);
    for (i = 0; i < ARRAY_SIZE(classes); i++)
    {
        if (FAILED(hr = register_class(&classes[i], module)))
            return hr;
        typelib_path(classes[i].typelib_resource, module, path, ARRAY_SIZE(path));
        /* Not REGKIND_REGISTER: Wine 8 would register the path with a \\?\ prefix. */
        if (FAILED(hr = LoadTypeLibEx(path, REGKIND_NONE, &typelib)))
            return SELFREG_E_TYPELIB;
        hr = RegisterTypeLib(typelib, path, NULL);
        ITypeLib_Release(typelib);
        if (FAILED(hr))
            return SELFREG_E_TYPELIB;
    }
    return S_OK;
}

HRESULT WINAPI DllUnregisterServer(void)
{
    unsigned i;

    TRACE("\n");
    for (i = 0; i < ARRAY_SIZE(classes); i++)
    {
        unregister_class(&classes[i]);
        UnRegisterTypeLib(classes[i].libid, 1, 0, LOCALE_NEUTRAL, sizeof(void *) == 8 ? SYS_WIN64 : SYS_WIN32);
    }
    return S_OK;
}
