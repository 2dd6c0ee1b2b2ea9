/*
 * hnetmap classes: who serves each class of hnetcfg.dll, in each registry view of the prefix
 * (open-hnetcfg status prints it). One line a class and view:
 *
 *   HNetCfg.HNetShare        64-bit  open-hnetcfg 0.1.0  C:\open-hnetcfg\hnetcfg.dll
 *   HNetCfg.NATUPnP          32-bit  Wine builtin        C:\windows\system32\hnetcfg.dll
 *   HNetCfg.FwProducts       64-bit  not registered
 *
 * A ProgID is shared by both views; the CLSID's InprocServer32 (HKLM\Software\Classes) is per
 * view. A server is this
 * project's when its version resource says ProductName "open-hnetcfg" (its ProductVersion is
 * shown), Wine's builtin when it is hnetcfg.dll of the system folder (where Wine keeps its
 * builtin's placeholder), and "other" otherwise. A 64-bit prefix has two views, read from
 * either architecture with KEY_WOW64_64KEY / KEY_WOW64_32KEY; a 32-bit prefix has one.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "hnetmap.h"

static const WCHAR *const progids[] = {
    L"HNetCfg.HNetShare", L"HNetCfg.NATUPnP", L"HNetCfg.RTCSession", L"HNetCfg.FwPolicy2",
    L"HNetCfg.FwRule", L"HNetCfg.FwMgr", L"HNetCfg.FwAuthorizedApplication", L"HNetCfg.FwOpenPort",
    L"HNetCfg.FwProduct", L"HNetCfg.FwProducts",
};

/* The default value of ROOT\SUBKEY in the view FLAG (expanded), or FALSE. */
static BOOL read_default(HKEY root, const WCHAR *subkey, REGSAM flag, WCHAR *out, DWORD chars)
{
    WCHAR raw[MAX_PATH];
    DWORD type, size = sizeof(raw) - sizeof(WCHAR);
    HKEY key;
    LONG rc;

    if (RegOpenKeyExW(root, subkey, 0, KEY_QUERY_VALUE | flag, &key))
        return FALSE;
    rc = RegQueryValueExW(key, NULL, NULL, &type, (BYTE *)raw, &size);
    RegCloseKey(key);
    if (rc || (type != REG_SZ && type != REG_EXPAND_SZ))
        return FALSE;
    raw[size / sizeof(WCHAR)] = 0;
    if (type == REG_EXPAND_SZ)
    {
        DWORD n = ExpandEnvironmentStringsW(raw, out, chars);
        return n && n <= chars;
    }
    lstrcpynW(out, raw, chars);
    return TRUE;
}

/* Whether PATH names hnetcfg.dll of a system folder (or no folder at all). */
static BOOL is_builtin(const WCHAR *path)
{
    WCHAR sys[MAX_PATH], expected[MAX_PATH + 16];
    const WCHAR *folders[] = { L"system32", L"syswow64" };
    unsigned i;
    UINT n;

    if (same_text(path, L"hnetcfg.dll"))
        return TRUE;
    if (!(n = GetWindowsDirectoryW(sys, ARRAYSIZE(sys))) || n >= ARRAYSIZE(sys))
        return FALSE;
    for (i = 0; i < ARRAYSIZE(folders); i++)
    {
        _snwprintf(expected, ARRAYSIZE(expected), L"%ls\\%ls\\hnetcfg.dll", sys, folders[i]);
        expected[ARRAYSIZE(expected) - 1] = 0;
        if (same_text(path, expected))
            return TRUE;
    }
    return FALSE;
}

/* This project's version of the DLL at PATH into VERSION, or FALSE when it is not ours. */
static BOOL our_version(const WCHAR *path, WCHAR *version, size_t chars)
{
    DWORD handle = 0, size = GetFileVersionInfoSizeW(path, &handle);
    WCHAR *product = NULL, *value = NULL;
    UINT len = 0;
    BOOL ours = FALSE;
    void *info;

    if (!size || !(info = malloc(size)))
        return FALSE;
    if (GetFileVersionInfoW(path, 0, size, info)
        && VerQueryValueW(info, L"\\StringFileInfo\\040904B0\\ProductName", (void **)&product, &len) && len
        && same_text(product, L"open-hnetcfg")
        && VerQueryValueW(info, L"\\StringFileInfo\\040904B0\\ProductVersion", (void **)&value, &len) && len)
    {
        lstrcpynW(version, value, (int)chars);
        ours = TRUE;
    }
    free(info);
    return ours;
}

static void show(const WCHAR *progid, const WCHAR *view, REGSAM flag)
{
    WCHAR clsid[64], subkey[128], path[MAX_PATH], version[64], who[96];

    _snwprintf(subkey, ARRAYSIZE(subkey), L"%ls\\CLSID", progid);
    subkey[ARRAYSIZE(subkey) - 1] = 0;
    if (!read_default(HKEY_CLASSES_ROOT, subkey, 0, clsid, ARRAYSIZE(clsid))) /* shared by both views */
    {
        out(L"%-32ls %ls  not registered\n", progid, view);
        return;
    }
    /* HKLM's classes, not HKCR: a 64-bit process's HKCR opened with KEY_WOW64_32KEY finds
     * nothing under Wine 8 (not even the shared ProgIDs), while HKLM\Software follows either
     * flag. regsvr32 writes there. */
    _snwprintf(subkey, ARRAYSIZE(subkey), L"Software\\Classes\\CLSID\\%ls\\InprocServer32", clsid);
    subkey[ARRAYSIZE(subkey) - 1] = 0;
    if (!read_default(HKEY_LOCAL_MACHINE, subkey, flag, path, ARRAYSIZE(path)))
    {
        out(L"%-32ls %ls  not registered\n", progid, view);
        return;
    }
    if (is_builtin(path))
        lstrcpyW(who, L"Wine builtin");
    else if (our_version(path, version, ARRAYSIZE(version)))
        _snwprintf(who, ARRAYSIZE(who), L"open-hnetcfg %ls", version);
    else
        lstrcpyW(who, L"other");
    who[ARRAYSIZE(who) - 1] = 0;
    out(L"%-32ls %ls  %-19ls %ls\n", progid, view, who, path);
}

int cmd_classes(int argc, WCHAR **argv)
{
    WCHAR wow[MAX_PATH];
    BOOL two_views = GetSystemWow64DirectoryW(wow, ARRAYSIZE(wow)) != 0;
    unsigned i;

    (void)argc;
    (void)argv;
    for (i = 0; i < ARRAYSIZE(progids); i++)
    {
        if (two_views)
        {
            show(progids[i], L"64-bit", KEY_WOW64_64KEY);
            show(progids[i], L"32-bit", KEY_WOW64_32KEY);
        }
        else
            show(progids[i], sizeof(void *) == 8 ? L"64-bit" : L"32-bit", 0);
    }
    return EXIT_OK;
}
