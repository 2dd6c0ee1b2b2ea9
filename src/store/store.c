/*
 * The persistent store over the registry (layout and rationale in store.h): the parts that
 * are not port mappings (mappings.c), and the helpers both use.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "base.h"
#include "store/store.h"

#define ROLES_VALUE L"Roles"

HRESULT store_hr_from_reg(LONG err)
{
    if (err == ERROR_KEY_DELETED)
        return OHN_E_MAPPING_GONE;
    return HRESULT_FROM_WIN32(err);
}

HRESULT store_open_connection_key(const GUID *connection, BOOL create, HKEY *out)
{
    WCHAR path[128], guid[40];
    LONG err;

    StringFromGUID2(connection, guid, ARRAY_SIZE(guid));
    wsprintfW(path, L"%s\\Connections\\%s", OHN_STORE_KEY, guid);
    if (create)
        err = RegCreateKeyExW(HKEY_LOCAL_MACHINE, path, 0, NULL, 0, KEY_ALL_ACCESS | KEY_WOW64_64KEY, NULL, out,
                              NULL);
    else
        err = RegOpenKeyExW(HKEY_LOCAL_MACHINE, path, 0, KEY_QUERY_VALUE | KEY_WOW64_64KEY, out);
    if (err == ERROR_FILE_NOT_FOUND && !create)
        return S_FALSE;
    return store_hr_from_reg(err);
}

HRESULT store_open_mappings_key(const GUID *connection, HKEY *out)
{
    HKEY conn;
    HRESULT hr;
    LONG err;

    if ((hr = store_open_connection_key(connection, TRUE, &conn)) != S_OK)
        return hr;
    err = RegCreateKeyExW(conn, L"PortMappings", 0, NULL, 0, KEY_ALL_ACCESS, NULL, out, NULL);
    RegCloseKey(conn);
    return store_hr_from_reg(err);
}

static HRESULT open_root(REGSAM access, HKEY *out)
{
    return store_hr_from_reg(RegCreateKeyExW(HKEY_LOCAL_MACHINE, OHN_STORE_KEY, 0, NULL, 0, access | KEY_WOW64_64KEY,
                                       NULL, out, NULL));
}

static HRESULT read_roles(HKEY root, struct ohn_sharing *roles)
{
    BYTE buf[OHN_SHARING_SIZE];
    DWORD size = sizeof(buf), type;
    LONG err;

    ohn_sharing_clear(roles);
    err = RegQueryValueExW(root, ROLES_VALUE, NULL, &type, buf, &size);
    if (err == ERROR_FILE_NOT_FOUND)
        return S_OK;
    if (err)
        return store_hr_from_reg(err);
    if (type != REG_BINARY || ohn_sharing_decode(buf, size, roles) != OHN_OK)
    {
        /* Never guess: an unreadable value means no connection is shared. */
        TRACE("ignoring an unreadable %ls value\n", ROLES_VALUE);
        ohn_sharing_clear(roles);
    }
    return S_OK;
}

/* Every store_set_role of the prefix counts in a small named section, so that a process can
 * keep the roles it read until another one changes them (store_roles_cached). */
#define ROLES_GENERATION L"Local\\open-hnetcfg-roles1"

static volatile LONG *roles_generation(void)
{
    static volatile LONG *generation;
    HANDLE section;
    void *view;

    if (generation)
        return generation;
    if (!(section = CreateFileMappingW(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, sizeof(LONG), ROLES_GENERATION)))
        return NULL;
    if (!(view = MapViewOfFile(section, FILE_MAP_ALL_ACCESS, 0, 0, sizeof(LONG))))
    {
        CloseHandle(section);
        return NULL;
    }
    /* The section lives as long as the process: the handle is kept on purpose. */
    if (InterlockedCompareExchangePointer((void **)&generation, view, NULL))
    {
        UnmapViewOfFile(view);
        CloseHandle(section);
    }
    return generation;
}

HRESULT store_roles_cached(struct ohn_sharing *roles)
{
    static SRWLOCK lock = SRWLOCK_INIT;
    static struct ohn_sharing cached;
    static LONG cached_generation = -1;
    volatile LONG *generation = roles_generation();
    LONG now = generation ? *generation : -1;
    HRESULT hr;

    AcquireSRWLockShared(&lock);
    if (now >= 0 && now == cached_generation)
    {
        *roles = cached;
        ReleaseSRWLockShared(&lock);
        return S_OK;
    }
    ReleaseSRWLockShared(&lock);
    if (FAILED(hr = store_get_roles(roles)))
        return hr;
    AcquireSRWLockExclusive(&lock);
    cached = *roles;
    cached_generation = now;
    ReleaseSRWLockExclusive(&lock);
    return S_OK;
}

HRESULT store_get_roles(struct ohn_sharing *roles)
{
    HKEY root;
    HRESULT hr;

    if (FAILED(hr = open_root(KEY_QUERY_VALUE, &root)))
        return hr;
    hr = read_roles(root, roles);
    RegCloseKey(root);
    return hr;
}

HRESULT store_lock(const WCHAR *name, HANDLE *out)
{
    if (!(*out = CreateMutexW(NULL, FALSE, name)))
        return HRESULT_FROM_WIN32(GetLastError());
    /* WAIT_ABANDONED (a holder died) gives us the lock too: what it guards is written whole. */
    WaitForSingleObject(*out, INFINITE);
    return S_OK;
}

void store_unlock(HANDLE lock)
{
    ReleaseMutex(lock);
    CloseHandle(lock);
}

HRESULT store_set_role(const GUID *connection, int role)
{
    struct ohn_sharing roles;
    BYTE buf[OHN_SHARING_SIZE];
    HANDLE lock;
    HKEY root;
    HRESULT hr;

    /* A read-modify-write of one value: serialise it across threads and processes. */
    if (FAILED(hr = store_lock(STORE_ROLES_LOCK, &lock)))
        return hr;
    if (SUCCEEDED(hr = open_root(KEY_QUERY_VALUE | KEY_SET_VALUE, &root)))
    {
        if (SUCCEEDED(hr = read_roles(root, &roles)))
        {
            if (role == OHN_ROLE_NONE)
                ohn_sharing_disable(&roles, (const uint8_t *)connection);
            else if (ohn_sharing_enable(&roles, (const uint8_t *)connection, role) != OHN_OK)
                hr = E_INVALIDARG;
            if (SUCCEEDED(hr))
            {
                ohn_sharing_encode(&roles, buf);
                hr = store_hr_from_reg(RegSetValueExW(root, ROLES_VALUE, 0, REG_BINARY, buf, sizeof(buf)));
            }
            if (SUCCEEDED(hr) && roles_generation())
                InterlockedIncrement(roles_generation());
        }
        RegCloseKey(root);
    }
    store_unlock(lock);
    return hr;
}

HRESULT store_get_firewall(const GUID *connection, BOOL *enabled)
{
    DWORD value = 0, size = sizeof(value), type;
    HKEY key;
    HRESULT hr;
    LONG err;

    *enabled = FALSE;
    if ((hr = store_open_connection_key(connection, FALSE, &key)) != S_OK)
        return SUCCEEDED(hr) ? S_OK : hr;
    err = RegQueryValueExW(key, L"Firewall", NULL, &type, (BYTE *)&value, &size);
    RegCloseKey(key);
    if (err == ERROR_FILE_NOT_FOUND)
        return S_OK;
    if (err)
        return store_hr_from_reg(err);
    *enabled = type == REG_DWORD && value == 1;
    return S_OK;
}

HRESULT store_set_firewall(const GUID *connection, BOOL enabled)
{
    DWORD value = enabled ? 1 : 0;
    HKEY key;
    HRESULT hr;

    if (FAILED(hr = store_open_connection_key(connection, TRUE, &key)))
        return hr;
    hr = store_hr_from_reg(RegSetValueExW(key, L"Firewall", 0, REG_DWORD, (BYTE *)&value, sizeof(value)));
    RegCloseKey(key);
    return hr;
}

HRESULT store_get_name(const GUID *connection, WCHAR *buf, DWORD chars)
{
    DWORD size = chars * sizeof(WCHAR), type;
    HKEY key;
    HRESULT hr;
    LONG err;

    buf[0] = 0;
    if ((hr = store_open_connection_key(connection, FALSE, &key)) != S_OK)
        return hr;
    err = RegQueryValueExW(key, L"Name", NULL, &type, (BYTE *)buf, &size);
    RegCloseKey(key);
    if (err == ERROR_FILE_NOT_FOUND)
        return S_FALSE;
    if (err || type != REG_SZ || size < sizeof(WCHAR) || size % sizeof(WCHAR) || buf[size / sizeof(WCHAR) - 1])
    {
        buf[0] = 0;
        return err ? store_hr_from_reg(err) : S_FALSE;
    }
    return S_OK;
}

HRESULT store_set_name(const GUID *connection, const WCHAR *name)
{
    HKEY key;
    HRESULT hr;

    if (FAILED(hr = store_open_connection_key(connection, TRUE, &key)))
        return hr;
    hr = store_hr_from_reg(RegSetValueExW(key, L"Name", 0, REG_SZ, (const BYTE *)name,
                                    (DWORD)(lstrlenW(name) + 1) * sizeof(WCHAR)));
    RegCloseKey(key);
    return hr;
}
