/*
 * Registration: DllRegisterServer and DllUnregisterServer, driven by the class table
 * (classes.h).
 *
 * Two registry views. On a WoW64 prefix (Wine with wine32, as users have it) the x86_64 DLL is
 * registered with the 64-bit regsvr32 and the i686 DLL with the 32-bit one, and HKCR has two
 * views. As on Windows 7 and later, and measured on Wine 8:
 *  - a class's CLSID key is per view (a 32-bit program reads Wow6432Node\CLSID), and so is the
 *    win32 or win64 path of a type library;
 *  - ProgIDs, TypeLib\{libid} and Interface\{iid} are shared by both views (Wine's 64-bit
 *    RegisterTypeLib also writes Wow6432Node\TypeLib and Wow6432Node\Interface, which count as
 *    shared too).
 * Each architecture registers and unregisters its own view; the shared keys are written by
 * both, saved by the first registration and put back by the last unregistration.
 *
 * Taking over (Wine's builtin UPnPNAT): registration first copies every key it may change, as
 * it is, under HKLM\Software\open-hnetcfg\Saved: into \win64 or \win32 the keys of its own view
 * (the first registration of that architecture), into \shared the shared keys (the first
 * registration of either). Unregistration puts back its view's copy, and the last one the
 * shared copy too: HKCR is then exactly what it was in both views, and Wine's builtin works
 * again. Without a copy (the store was deleted while we were registered) it removes what is
 * ours and has Wine's builtin register itself again.
 *
 * Every saved path is relative to HKLM\Software\Classes of the native (64-bit) view, which a
 * 32-bit process reaches with KEY_WOW64_64KEY on every open: the 32-bit view's classes are
 * Wow6432Node\CLSID there. On a 32-bit prefix (WINEARCH=win32) there is one view and no
 * Wow6432Node.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdarg.h>

#include "dll/classes.h"

/* A value in the CLSID key of each class we registered: registration tells its own keys
 * from another server's (Wine's builtin UPnPNAT has the same CLSID). */
#define OUR_MARK L"OpenHNetCfg"
#define SAVED_KEY L"Software\\open-hnetcfg\\Saved"
#define CLASSES_KEY L"Software\\Classes\\"
#define PATH_CHARS 96

enum part
{
    PART_WIN64,
    PART_WIN32,
    PART_SHARED,
};

static const WCHAR *const part_names[] = {L"win64", L"win32", L"shared"};

/* Whether the machine has a 64-bit view: a 64-bit process, or a 32-bit one under WoW64. */
static BOOL has_64bit_view(void)
{
    BOOL wow64 = FALSE;

    if (sizeof(void *) == 8)
        return TRUE;
    return IsWow64Process(GetCurrentProcess(), &wow64) && wow64;
}

static enum part own_part(void)
{
    return sizeof(void *) == 8 ? PART_WIN64 : PART_WIN32;
}

/* The part of the other architecture, or PART_SHARED where there is none (a 32-bit prefix). */
static enum part other_part(void)
{
    if (!has_64bit_view())
        return PART_SHARED;
    return own_part() == PART_WIN64 ? PART_WIN32 : PART_WIN64;
}

/* Where a view keeps its classes, below HKLM\Software\Classes of the native view. */
static const WCHAR *clsid_root(enum part part)
{
    return part == PART_WIN32 && has_64bit_view() ? L"Wow6432Node\\CLSID" : L"CLSID";
}

static LONG open_native(const WCHAR *classes_path, REGSAM access, HKEY *out)
{
    WCHAR path[ARRAY_SIZE(CLASSES_KEY) + PATH_CHARS];

    wsprintfW(path, L"%s%s", CLASSES_KEY, classes_path);
    return RegOpenKeyExW(HKEY_LOCAL_MACHINE, path, 0, access | KEY_WOW64_64KEY, out);
}

static BOOL class_is_ours(const struct ohn_class *cls, enum part part)
{
    WCHAR clsid[40], path[PATH_CHARS];
    DWORD size = 0;
    HKEY key;
    LONG err;

    if (part == PART_SHARED || (part == PART_WIN64 && !has_64bit_view()))
        return FALSE;
    StringFromGUID2(cls->clsid, clsid, ARRAY_SIZE(clsid));
    wsprintfW(path, L"%s\\%s", clsid_root(part), clsid);
    if (open_native(path, KEY_QUERY_VALUE, &key))
        return FALSE;
    err = RegQueryValueExW(key, OUR_MARK, NULL, NULL, NULL, &size);
    RegCloseKey(key);
    return !err;
}

static BOOL any_class_ours(enum part part)
{
    unsigned i;

    for (i = 0; i < ohn_class_count; i++)
        if (class_is_ours(&ohn_classes[i], part))
            return TRUE;
    return FALSE;
}

/* The keys registration may change in one part, as paths below HKLM\Software\Classes. */
struct path_list
{
    WCHAR (*paths)[PATH_CHARS];
    unsigned count, capacity;
};

static BOOL add_path(struct path_list *list, const WCHAR *format, ...)
{
    va_list args;

    if (list->count == list->capacity)
    {
        unsigned capacity = list->capacity ? list->capacity * 2 : 64;
        void *grown = list->paths ? HeapReAlloc(GetProcessHeap(), 0, list->paths, capacity * sizeof(*list->paths))
                                  : HeapAlloc(GetProcessHeap(), 0, capacity * sizeof(*list->paths));
        if (!grown)
            return FALSE;
        list->paths = grown;
        list->capacity = capacity;
    }
    va_start(args, format);
    wvsprintfW(list->paths[list->count++], format, args);
    va_end(args);
    return TRUE;
}

static void typelib_path(UINT resource, const WCHAR *module, WCHAR *out, DWORD chars)
{
    if (resource == 1)
        lstrcpynW(out, module, chars);
    else
        wsprintfW(out, L"%s\\%u", module, resource);
}

/* Adds a type library's keys of one part: its win32/win64 path (per view), or the library
 * and every interface it describes (shared). */
static BOOL add_typelib_paths(struct path_list *list, enum part part, ITypeLib *typelib, BOOL wow)
{
    static const WCHAR *const views[] = {L"", L"Wow6432Node\\"};
    WCHAR guid[40];
    TLIBATTR *lib;
    TYPEATTR *attr;
    ITypeInfo *info;
    unsigned v, views_used = wow ? 2 : 1;
    BOOL ok = TRUE;
    UINT t;

    if (FAILED(ITypeLib_GetLibAttr(typelib, &lib)))
        return FALSE;
    StringFromGUID2(&lib->guid, guid, ARRAY_SIZE(guid));
    for (v = 0; v < views_used && ok; v++)
    {
        if (part == PART_SHARED)
            ok = add_path(list, L"%sTypeLib\\%s", views[v], guid);
        else
            ok = add_path(list, L"%sTypeLib\\%s\\%x.%x\\%x\\%s", views[v], guid, lib->wMajorVerNum,
                          lib->wMinorVerNum, lib->lcid, part_names[part]);
    }
    ITypeLib_ReleaseTLibAttr(typelib, lib);
    if (part != PART_SHARED)
        return ok;
    for (t = 0; ok && t < ITypeLib_GetTypeInfoCount(typelib); t++)
    {
        if (FAILED(ITypeLib_GetTypeInfo(typelib, t, &info)))
            continue;
        if (SUCCEEDED(ITypeInfo_GetTypeAttr(info, &attr)))
        {
            if (attr->typekind == TKIND_INTERFACE || attr->typekind == TKIND_DISPATCH)
            {
                StringFromGUID2(&attr->guid, guid, ARRAY_SIZE(guid));
                for (v = 0; v < views_used && ok; v++)
                    ok = add_path(list, L"%sInterface\\%s", views[v], guid);
            }
            ITypeInfo_ReleaseTypeAttr(info, attr);
        }
        ITypeInfo_Release(info);
    }
    return ok;
}

/* The keys of one part of the type library ohn_typelibs[index]. */
static BOOL typelib_part_paths(unsigned index, enum part part, const WCHAR *module, struct path_list *list)
{
    WCHAR path[MAX_PATH + 8];
    ITypeLib *typelib;
    BOOL ok;

    typelib_path(ohn_typelibs[index].resource, module, path, ARRAY_SIZE(path));
    if (FAILED(LoadTypeLibEx(path, REGKIND_NONE, &typelib)))
        return FALSE;
    ok = add_typelib_paths(list, part, typelib, has_64bit_view());
    ITypeLib_Release(typelib);
    return ok;
}

static BOOL part_paths(enum part part, const WCHAR *module, struct path_list *list)
{
    WCHAR guid[40];
    BOOL ok = TRUE;
    unsigned i;

    for (i = 0; i < ohn_class_count && ok; i++)
    {
        if (part == PART_SHARED)
        {
            ok = add_path(list, L"%s", ohn_classes[i].progid) &&
                 (!ohn_classes[i].vi_progid || add_path(list, L"%s", ohn_classes[i].vi_progid));
            continue;
        }
        StringFromGUID2(ohn_classes[i].clsid, guid, ARRAY_SIZE(guid));
        ok = add_path(list, L"%s\\%s", clsid_root(part), guid);
    }
    for (i = 0; i < ohn_typelib_count && ok; i++)
        ok = typelib_part_paths(i, part, module, list);
    return ok;
}

static LONG open_saved(const WCHAR *name, REGSAM access, BOOL create, HKEY *out)
{
    WCHAR path[ARRAY_SIZE(SAVED_KEY) + 16];

    if (name)
        wsprintfW(path, L"%s\\%s", SAVED_KEY, name);
    else
        lstrcpyW(path, SAVED_KEY);
    if (create)
        return RegCreateKeyExW(HKEY_LOCAL_MACHINE, path, 0, NULL, 0, access | KEY_WOW64_64KEY, NULL, out, NULL);
    return RegOpenKeyExW(HKEY_LOCAL_MACHINE, path, 0, access | KEY_WOW64_64KEY, out);
}

static void delete_saved(const WCHAR *name)
{
    HKEY key;

    if (!open_saved(name, KEY_ALL_ACCESS, FALSE, &key))
    {
        RegDeleteTreeW(key, NULL);
        RegCloseKey(key);
    }
    if (name)
    {
        WCHAR path[ARRAY_SIZE(SAVED_KEY) + 16];

        wsprintfW(path, L"%s\\%s", SAVED_KEY, name);
        RegDeleteKeyExW(HKEY_LOCAL_MACHINE, path, KEY_WOW64_64KEY, 0);
    }
    /* The parent goes with its last part (a key with subkeys is not deleted). */
    RegDeleteKeyExW(HKEY_LOCAL_MACHINE, SAVED_KEY, KEY_WOW64_64KEY, 0);
}

static BOOL saved_exists(const WCHAR *name)
{
    HKEY key;

    if (open_saved(name, KEY_READ, FALSE, &key))
        return FALSE;
    RegCloseKey(key);
    return TRUE;
}

/* Saved\0, \1 ...: the copy of both views and the shared keys that versions before the two
 * architectures made (from the 64-bit process, with the same paths). */
static BOOL legacy_saved_exists(void)
{
    HKEY key, entry;
    LONG err;

    if (open_saved(NULL, KEY_READ, FALSE, &key))
        return FALSE;
    err = RegOpenKeyExW(key, L"0", 0, KEY_READ | KEY_WOW64_64KEY, &entry);
    if (!err)
        RegCloseKey(entry);
    RegCloseKey(key);
    return !err;
}

/* Copies the keys of one part, once: the first copy is what was there before this DLL. */
static HRESULT save_part(enum part part, const WCHAR *module)
{
    struct path_list list = {0};
    HKEY saved, entry, tree, source;
    WCHAR name[16];
    DWORD present;
    unsigned i;
    LONG err = 0;

    if (saved_exists(part_names[part]))
        return S_OK;
    if (!part_paths(part, module, &list))
    {
        HeapFree(GetProcessHeap(), 0, list.paths);
        return E_OUTOFMEMORY;
    }
    if ((err = open_saved(part_names[part], KEY_ALL_ACCESS, TRUE, &saved)))
    {
        HeapFree(GetProcessHeap(), 0, list.paths);
        return HRESULT_FROM_WIN32(err);
    }
    for (i = 0; i < list.count && !err; i++)
    {
        wsprintfW(name, L"%u", i);
        if ((err = RegCreateKeyExW(saved, name, 0, NULL, 0, KEY_ALL_ACCESS | KEY_WOW64_64KEY, NULL, &entry, NULL)))
            break;
        present = !open_native(list.paths[i], KEY_READ, &source);
        err = RegSetValueExW(entry, L"Path", 0, REG_SZ, (const BYTE *)list.paths[i],
                             (lstrlenW(list.paths[i]) + 1) * sizeof(WCHAR));
        if (!err)
            err = RegSetValueExW(entry, L"Present", 0, REG_DWORD, (const BYTE *)&present, sizeof(present));
        if (!err && present &&
            !(err = RegCreateKeyExW(entry, L"Tree", 0, NULL, 0, KEY_ALL_ACCESS | KEY_WOW64_64KEY, NULL, &tree, NULL)))
        {
            err = RegCopyTreeW(source, NULL, tree);
            RegCloseKey(tree);
        }
        if (present)
            RegCloseKey(source);
        RegCloseKey(entry);
    }
    RegCloseKey(saved);
    HeapFree(GetProcessHeap(), 0, list.paths);
    if (err)
        delete_saved(part_names[part]);
    return HRESULT_FROM_WIN32(err);
}

static void delete_native_tree(const WCHAR *classes_path)
{
    WCHAR path[ARRAY_SIZE(CLASSES_KEY) + PATH_CHARS];
    HKEY key;

    if (!open_native(classes_path, KEY_ALL_ACCESS, &key))
    {
        RegDeleteTreeW(key, NULL);
        RegCloseKey(key);
    }
    wsprintfW(path, L"%s%s", CLASSES_KEY, classes_path);
    RegDeleteKeyExW(HKEY_LOCAL_MACHINE, path, KEY_WOW64_64KEY, 0);
}

/* Puts back what one part's copy holds (and removes what registration added where there was
 * nothing), then deletes the copy. FALSE when there is no copy. name NULL: the legacy copy. */
static BOOL restore_part(const WCHAR *name)
{
    WCHAR entry_name[16], path[PATH_CHARS], full[ARRAY_SIZE(CLASSES_KEY) + PATH_CHARS];
    HKEY saved, entry, tree, dest;
    DWORD i, present, size;

    if (open_saved(name, KEY_READ, FALSE, &saved))
        return FALSE;
    for (i = 0;; i++)
    {
        wsprintfW(entry_name, L"%u", i);
        if (RegOpenKeyExW(saved, entry_name, 0, KEY_READ | KEY_WOW64_64KEY, &entry))
            break;
        size = sizeof(path);
        if (!RegQueryValueExW(entry, L"Path", NULL, NULL, (BYTE *)path, &size) && size >= sizeof(WCHAR))
        {
            path[ARRAY_SIZE(path) - 1] = 0;
            size = sizeof(present);
            if (RegQueryValueExW(entry, L"Present", NULL, NULL, (BYTE *)&present, &size))
                present = 0;
            delete_native_tree(path);
            wsprintfW(full, L"%s%s", CLASSES_KEY, path);
            if (present && !RegOpenKeyExW(entry, L"Tree", 0, KEY_READ | KEY_WOW64_64KEY, &tree))
            {
                if (!RegCreateKeyExW(HKEY_LOCAL_MACHINE, full, 0, NULL, 0, KEY_ALL_ACCESS | KEY_WOW64_64KEY, NULL,
                                     &dest, NULL))
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
    if (name)
        delete_saved(name);
    else
    {
        /* Only the numbered entries are the legacy copy. */
        while (i--)
        {
            wsprintfW(full, L"%s\\%u", SAVED_KEY, i);
            if (!RegOpenKeyExW(HKEY_LOCAL_MACHINE, full, 0, KEY_ALL_ACCESS | KEY_WOW64_64KEY, &entry))
            {
                RegDeleteTreeW(entry, NULL);
                RegCloseKey(entry);
            }
            RegDeleteKeyExW(HKEY_LOCAL_MACHINE, full, KEY_WOW64_64KEY, 0);
        }
        delete_saved(NULL);
    }
    return TRUE;
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

/* Through HKEY_CLASSES_ROOT as this process sees it: its own view's CLSID, the shared ProgIDs. */
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
    if (cls->vi_progid)
    {
        wsprintfW(key, L"CLSID\\%s\\VersionIndependentProgID", clsid);
        err |= set_string(HKEY_CLASSES_ROOT, key, NULL, cls->vi_progid);
    }
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

    if (cls->vi_progid)
    {
        err |= set_string(HKEY_CLASSES_ROOT, cls->vi_progid, NULL, cls->description);
        wsprintfW(key, L"%s\\CLSID", cls->vi_progid);
        err |= set_string(HKEY_CLASSES_ROOT, key, NULL, clsid);
        wsprintfW(key, L"%s\\CurVer", cls->vi_progid);
        err |= set_string(HKEY_CLASSES_ROOT, key, NULL, cls->progid);
    }

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

static void unregister_clsid(const struct ohn_class *cls)
{
    WCHAR clsid[40], key[64];

    StringFromGUID2(cls->clsid, clsid, ARRAY_SIZE(clsid));
    wsprintfW(key, L"CLSID\\%s", clsid);
    RegDeleteTreeW(HKEY_CLASSES_ROOT, key);
    RegDeleteKeyW(HKEY_CLASSES_ROOT, key);
}

static void unregister_progids(const struct ohn_class *cls)
{
    WCHAR clsid[40];

    StringFromGUID2(cls->clsid, clsid, ARRAY_SIZE(clsid));
    unregister_progid(cls->progid, clsid);
    if (cls->vi_progid)
        unregister_progid(cls->vi_progid, clsid);
}

/* Without a copy of what was there before (the store was deleted while we were registered):
 * deletes the keys of one part of our type libraries, those of Wine's builtin too when all. */
static void delete_typelib_parts(enum part part, BOOL builtin_too)
{
    WCHAR module[MAX_PATH];
    struct path_list list = {0};
    unsigned i, j;
    DWORD len = GetModuleFileNameW(ohn_instance, module, ARRAY_SIZE(module));

    if (!len || len >= ARRAY_SIZE(module))
        return;
    for (i = 0; i < ohn_typelib_count; i++)
    {
        if (ohn_typelibs[i].builtin && !builtin_too)
            continue;
        list.count = 0;
        if (typelib_part_paths(i, part, module, &list))
            for (j = 0; j < list.count; j++)
                delete_native_tree(list.paths[j]);
    }
    HeapFree(GetProcessHeap(), 0, list.paths);
}

/* Without a copy of what was there before, Wine's builtin hnetcfg.dll of this architecture
 * (every prefix has it) registers its own classes again, as wineboot does. */
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
    enum part own = own_part(), other = other_part();
    BOOL own_registered = any_class_ours(own);
    ITypeLib *typelib;
    unsigned i;
    HRESULT hr;
    DWORD len;

    len = GetModuleFileNameW(ohn_instance, module, ARRAY_SIZE(module));
    if (!len || len >= ARRAY_SIZE(module))
        return SELFREG_E_CLASS;
    TRACE("%ls (%ls view)\n", module, part_names[own]);
    /* While one of our classes is registered, what was there before is not known any more
     * (the copy went with the store): nothing is saved then. */
    if (!own_registered && FAILED(save_part(own, module)))
        return SELFREG_E_CLASS;
    if (!own_registered && !any_class_ours(other) && !legacy_saved_exists() && FAILED(save_part(PART_SHARED, module)))
        return SELFREG_E_CLASS;
    for (i = 0; i < ohn_class_count; i++)
    {
        /* Taking over from another server: its keys go first (they are saved). */
        unregister_clsid(&ohn_classes[i]);
        unregister_progids(&ohn_classes[i]);
        if (FAILED(hr = register_class(&ohn_classes[i], module)))
            return hr;
    }
    for (i = 0; i < ohn_typelib_count; i++)
    {
        typelib_path(ohn_typelibs[i].resource, module, path, ARRAY_SIZE(path));
        /* Not REGKIND_REGISTER: Wine 8 would register the path with a \\?\ prefix. */
        if (FAILED(hr = LoadTypeLibEx(path, REGKIND_NONE, &typelib)))
            return SELFREG_E_TYPELIB;
        hr = RegisterTypeLib(typelib, path, NULL);
        ITypeLib_Release(typelib);
        if (FAILED(hr))
            return SELFREG_E_TYPELIB;
    }
    /* An upgrade: sessions of an earlier version may have left mappings in the store. */
    rtc_mark_if_store_used();
    return S_OK;
}

/* Removes only what is ours: a second unregistration leaves Wine's builtin UPnPNAT alone, and
 * the other architecture's registration stays whole. */
HRESULT WINAPI DllUnregisterServer(void)
{
    enum part own = own_part(), other = other_part();
    BOOL took_over = FALSE, was_ours = FALSE, view_restored, last;
    unsigned i;

    TRACE("%ls view\n", part_names[own]);
    for (i = 0; i < ohn_class_count; i++)
        if (class_is_ours(&ohn_classes[i], own))
        {
            was_ours = TRUE;
            took_over |= ohn_classes[i].builtin;
        }
    /* Without a copy, only what this call found ours is removed, and Wine's builtin registers
     * itself again below. */
    if (!(view_restored = restore_part(part_names[own])) && was_ours)
    {
        for (i = 0; i < ohn_class_count; i++)
            if (class_is_ours(&ohn_classes[i], own))
                unregister_clsid(&ohn_classes[i]);
        delete_typelib_parts(own, TRUE);
    }
    last = !any_class_ours(other);
    if (last && !restore_part(part_names[PART_SHARED]) && !restore_part(NULL) && was_ours)
    {
        for (i = 0; i < ohn_class_count; i++)
            unregister_progids(&ohn_classes[i]);
        delete_typelib_parts(PART_SHARED, FALSE);
    }
    if (!view_restored && took_over)
        register_builtin();
    return S_OK;
}
