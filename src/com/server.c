/*
 * The in-process server: DllMain, the class table, the class factory, DllGetClassObject,
 * DllCanUnloadNow and (un)registration.
 *
 * Every class the DLL serves is one row of `classes`, every type library one row of
 * `typelibs`; registration, unregistration and the factory are driven by those tables.
 *
 * Registration takes over what was registered before for our classes, ProgIDs, type
 * libraries and interfaces (Wine's builtin UPnPNAT, say): it first copies those keys, as they
 * are, under HKLM\Software\open-hnetcfg\Saved, and unregistration puts them back exactly,
 * so that the builtin works again.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "hnetcfg_private.h"
#include "upnp/engine.h"

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
    BOOL programmable; /* the "Programmable" key that Windows has for some classes */
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
        FALSE,
        sharing_manager_create,
    },
    {
        &CLSID_UPnPNAT,
        L"Home Networking NAT Traversal via UPnP Configuration Manager",
        L"HNetCfg.NATUPnP.1",
        L"HNetCfg.NATUPnP",
        L"Apartment",
        &LIBID_NATUPNPLib,
        TRUE,
        upnpnat_create,
    },
    {
        &CLSID_RTCSession,
        L"RTC-style session with port management (open-hnetcfg)",
        L"HNetCfg.RTCSession.1",
        L"HNetCfg.RTCSession",
        L"Both",
        &LIBID_OpenHNetCfgLib,
        FALSE,
        rtc_session_create,
    },
};

/* The type libraries embedded as TYPELIB resources 1, 2, 3; owner: the class whose type
 * library another server may have registered too (-1: only we register it). */
static const struct
{
    UINT resource;
    const GUID *libid;
    int owner;
} typelibs[] = {
    {1, &LIBID_NETCONLib, -1},
    {2, &LIBID_NATUPNPLib, 1},
    {3, &LIBID_OpenHNetCfgLib, -1},
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

/* Never while a background thread runs (threads.c), even with no object alive. */
HRESULT WINAPI DllCanUnloadNow(void)
{
    return object_count == 0 && lock_count == 0 && !ohn_threads_running() ? S_OK : S_FALSE;
}

/* Registration */

/* A value in the CLSID key of each class we registered: registration tells its own keys
 * from another server's (Wine's builtin UPnPNAT has the same CLSID). */
#define OUR_MARK L"OpenHNetCfg"

static BOOL class_is_ours(const struct ohn_class *cls)
{
    WCHAR clsid[40], key[64];

    StringFromGUID2(cls->clsid, clsid, ARRAY_SIZE(clsid));
    wsprintfW(key, L"CLSID\\%s", clsid);
    return !RegGetValueW(HKEY_CLASSES_ROOT, key, OUR_MARK, RRF_RT_REG_SZ, NULL, NULL, NULL);
}

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
    err |= set_string(HKEY_CLASSES_ROOT, key, OUR_MARK, L"1");
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
    if (cls->programmable)
    {
        HKEY programmable;

        wsprintfW(key, L"CLSID\\%s\\Programmable", clsid);
        if (!RegCreateKeyExW(HKEY_CLASSES_ROOT, key, 0, NULL, 0, KEY_WRITE, NULL, &programmable, NULL))
            RegCloseKey(programmable);
    }

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

/* What registration may change in HKCR (both registry views), to save before and restore
 * after: each class, its ProgIDs, each type library and every interface it describes. */
#define MAX_SAVED 64
#define SAVED_KEY L"Software\\open-hnetcfg\\Saved"

static unsigned saved_paths(const WCHAR *module, WCHAR (*paths)[80])
{
    static const WCHAR *const views[] = {L"", L"Wow6432Node\\"};
    WCHAR guid[40], path[MAX_PATH + 8];
    unsigned n = 0, i, v;
    ITypeLib *typelib;
    TYPEATTR *attr;
    ITypeInfo *info;
    UINT t;

    for (i = 0; i < ARRAY_SIZE(classes); i++)
    {
        StringFromGUID2(classes[i].clsid, guid, ARRAY_SIZE(guid));
        for (v = 0; v < ARRAY_SIZE(views); v++)
            wsprintfW(paths[n++], L"%sCLSID\\%s", views[v], guid);
        lstrcpyW(paths[n++], classes[i].progid);
        lstrcpyW(paths[n++], classes[i].vi_progid);
    }
    for (i = 0; i < ARRAY_SIZE(typelibs); i++)
    {
        StringFromGUID2(typelibs[i].libid, guid, ARRAY_SIZE(guid));
        for (v = 0; v < ARRAY_SIZE(views); v++)
            wsprintfW(paths[n++], L"%sTypeLib\\%s", views[v], guid);
        typelib_path(typelibs[i].resource, module, path, ARRAY_SIZE(path));
        if (FAILED(LoadTypeLibEx(path, REGKIND_NONE, &typelib)))
            continue;
        for (t = 0; t < ITypeLib_GetTypeInfoCount(typelib) && n + 2 <= MAX_SAVED; t++)
        {
            if (FAILED(ITypeLib_GetTypeInfo(typelib, t, &info)))
                continue;
            if (SUCCEEDED(ITypeInfo_GetTypeAttr(info, &attr)))
            {
                if (attr->typekind == TKIND_INTERFACE || attr->typekind == TKIND_DISPATCH)
                {
                    StringFromGUID2(&attr->guid, guid, ARRAY_SIZE(guid));
                    for (v = 0; v < ARRAY_SIZE(views); v++)
                        wsprintfW(paths[n++], L"%sInterface\\%s", views[v], guid);
                }
                ITypeInfo_ReleaseTypeAttr(info, attr);
            }
            ITypeInfo_Release(info);
        }
        ITypeLib_Release(typelib);
    }
    return n;
}

/* Copies the keys registration may change, once: a second registration keeps the first copy,
 * which is what was there before this DLL; while one of our classes is registered, what was
 * there before is not known any more (the copy was deleted with the store) and is not saved. */
static HRESULT save_registration(const WCHAR *module)
{
    WCHAR (*paths)[80] = HeapAlloc(GetProcessHeap(), 0, MAX_SAVED * sizeof(*paths)), name[16];
    HKEY saved, entry, tree, source;
    unsigned n, i;
    DWORD present;
    LONG err = 0;

    if (!paths)
        return E_OUTOFMEMORY;
    for (i = 0; i < ARRAY_SIZE(classes); i++)
        if (class_is_ours(&classes[i]))
        {
            HeapFree(GetProcessHeap(), 0, paths);
            return S_OK;
        }
    if (!RegOpenKeyExW(HKEY_LOCAL_MACHINE, SAVED_KEY, 0, KEY_READ | KEY_WOW64_64KEY, &saved))
    {
        RegCloseKey(saved);
        HeapFree(GetProcessHeap(), 0, paths);
        return S_OK;
    }
    n = saved_paths(module, paths);
    if ((err = RegCreateKeyExW(HKEY_LOCAL_MACHINE, SAVED_KEY, 0, NULL, 0, KEY_ALL_ACCESS | KEY_WOW64_64KEY, NULL,
                               &saved, NULL)))
    {
        HeapFree(GetProcessHeap(), 0, paths);
        return HRESULT_FROM_WIN32(err);
    }
    for (i = 0; i < n && !err; i++)
    {
        wsprintfW(name, L"%u", i);
        if ((err = RegCreateKeyExW(saved, name, 0, NULL, 0, KEY_ALL_ACCESS, NULL, &entry, NULL)))
            break;
        present = !RegOpenKeyExW(HKEY_CLASSES_ROOT, paths[i], 0, KEY_READ, &source);
        err = RegSetValueExW(entry, L"Path", 0, REG_SZ, (const BYTE *)paths[i],
                             (lstrlenW(paths[i]) + 1) * sizeof(WCHAR));
        if (!err)
            err = RegSetValueExW(entry, L"Present", 0, REG_DWORD, (const BYTE *)&present, sizeof(present));
        if (!err && present && !(err = RegCreateKeyExW(entry, L"Tree", 0, NULL, 0, KEY_ALL_ACCESS, NULL, &tree, NULL)))
        {
            err = RegCopyTreeW(source, NULL, tree);
            RegCloseKey(tree);
        }
        if (present)
            RegCloseKey(source);
        RegCloseKey(entry);
    }
    RegCloseKey(saved);
    HeapFree(GetProcessHeap(), 0, paths);
    if (err)
        RegDeleteKeyExW(HKEY_LOCAL_MACHINE, SAVED_KEY, KEY_WOW64_64KEY, 0);
    return HRESULT_FROM_WIN32(err);
}

static void delete_tree(HKEY root, const WCHAR *path)
{
    RegDeleteTreeW(root, path);
    RegDeleteKeyW(root, path);
}

/* Puts back what registration found (and removes what it added where there was nothing).
 * FALSE when there is no copy. */
static BOOL restore_registration(void)
{
    WCHAR name[16], path[80];
    HKEY saved, entry, tree, dest;
    DWORD i, present, size;

    if (RegOpenKeyExW(HKEY_LOCAL_MACHINE, SAVED_KEY, 0, KEY_READ | KEY_WOW64_64KEY, &saved))
        return FALSE;
    for (i = 0;; i++)
    {
        wsprintfW(name, L"%u", i);
        if (RegOpenKeyExW(saved, name, 0, KEY_READ, &entry))
            break;
        size = sizeof(path);
        if (!RegQueryValueExW(entry, L"Path", NULL, NULL, (BYTE *)path, &size) && size >= sizeof(WCHAR))
        {
            path[ARRAY_SIZE(path) - 1] = 0;
            size = sizeof(present);
            if (RegQueryValueExW(entry, L"Present", NULL, NULL, (BYTE *)&present, &size))
                present = 0;
            delete_tree(HKEY_CLASSES_ROOT, path);
            if (present && !RegOpenKeyExW(entry, L"Tree", 0, KEY_READ, &tree))
            {
                if (!RegCreateKeyExW(HKEY_CLASSES_ROOT, path, 0, NULL, 0, KEY_ALL_ACCESS, NULL, &dest, NULL))
                {
                    RegCopyTreeW(tree, NULL, dest);
                    RegCloseKey(dest);
                }
                RegCloseKey(tree);
            }
        }
        RegCloseKey(entry);
    }
    RegCloseKey(saved);
    if (!RegOpenKeyExW(HKEY_LOCAL_MACHINE, SAVED_KEY, 0, KEY_ALL_ACCESS | KEY_WOW64_64KEY, &saved))
    {
        RegDeleteTreeW(saved, NULL);
        RegCloseKey(saved);
    }
    RegDeleteKeyExW(HKEY_LOCAL_MACHINE, SAVED_KEY, KEY_WOW64_64KEY, 0);
    return TRUE;
}

/* Without a copy of what was there before, Wine's builtin hnetcfg.dll (every prefix has it)
 * registers its own classes again, as wineboot does. */
static void register_builtin(void)
{
    HRESULT(WINAPI * reg)(void);
    WCHAR path[MAX_PATH];
    HMODULE builtin;
    UINT len = GetSystemDirectoryW(path, ARRAY_SIZE(path) - 16);

    if (!len || len >= ARRAY_SIZE(path) - 16)
        return;
    lstrcatW(path, L"\\hnetcfg.dll");
    if (!(builtin = LoadLibraryW(path)))
        return;
    if (builtin != ohn_instance && (reg = (void *)GetProcAddress(builtin, "DllRegisterServer")))
        TRACE("builtin registration: %#lx\n", reg());
    FreeLibrary(builtin);
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
    if (FAILED(hr = save_registration(module)))
        return SELFREG_E_CLASS;
    for (i = 0; i < ARRAY_SIZE(classes); i++)
    {
        /* Taking over from another server: its keys go first (they are saved). */
        unregister_class(&classes[i]);
        if (FAILED(hr = register_class(&classes[i], module)))
            return hr;
    }
    for (i = 0; i < ARRAY_SIZE(typelibs); i++)
    {
        typelib_path(typelibs[i].resource, module, path, ARRAY_SIZE(path));
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

/* Removes only what is ours (a second unregistration leaves Wine's builtin UPnPNAT alone). */
HRESULT WINAPI DllUnregisterServer(void)
{
    BOOL ours[ARRAY_SIZE(classes)], took_over = FALSE;
    unsigned i;

    TRACE("\n");
    for (i = 0; i < ARRAY_SIZE(classes); i++)
        ours[i] = class_is_ours(&classes[i]);
    for (i = 0; i < ARRAY_SIZE(typelibs); i++)
        if (typelibs[i].owner < 0 || ours[typelibs[i].owner])
            UnRegisterTypeLib(typelibs[i].libid, 1, 0, LOCALE_NEUTRAL, sizeof(void *) == 8 ? SYS_WIN64 : SYS_WIN32);
    for (i = 0; i < ARRAY_SIZE(classes); i++)
        if (ours[i])
        {
            unregister_class(&classes[i]);
            took_over |= classes[i].clsid == &CLSID_UPnPNAT;
        }
    if (!restore_registration() && took_over)
        register_builtin();
    return S_OK;
}
