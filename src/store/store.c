/*
 * The persistent mapping store over the registry (layout and rationale in store.h).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "hnetcfg_private.h"
#include "store/store.h"

typedef LONG NTSTATUS;
NTSTATUS NTAPI NtDeleteKey(HANDLE key);

#define RECORD_VALUE L"Record"
#define ROLES_VALUE L"Roles"
#define MAPPING_ACCESS (KEY_QUERY_VALUE | KEY_SET_VALUE | DELETE)
/* A mapping key with no Record value is a writer between its two steps, or what a writer that
 * died between them left behind. After this long it is the latter and may be reused. */
#define ORPHAN_AGE_100NS (5 * 10000000LL)

static HRESULT hr_from_reg(LONG err)
{
    if (err == ERROR_KEY_DELETED)
        return OHN_E_MAPPING_GONE;
    return HRESULT_FROM_WIN32(err);
}

static HRESULT open_connection_key(const GUID *connection, BOOL create, HKEY *out)
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
    return hr_from_reg(err);
}

HRESULT store_open_mappings(const GUID *connection, HKEY *out)
{
    HKEY conn;
    HRESULT hr;
    LONG err;

    if ((hr = open_connection_key(connection, TRUE, &conn)) != S_OK)
        return hr;
    err = RegCreateKeyExW(conn, L"PortMappings", 0, NULL, 0, KEY_ALL_ACCESS, NULL, out, NULL);
    RegCloseKey(conn);
    return hr_from_reg(err);
}

static BOOL key_is_orphan(HKEY key)
{
    FILETIME written, now;
    ULARGE_INTEGER w, n;

    if (RegQueryInfoKeyW(key, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, &written))
        return FALSE;
    GetSystemTimeAsFileTime(&now);
    w.LowPart = written.dwLowDateTime;
    w.HighPart = written.dwHighDateTime;
    n.LowPart = now.dwLowDateTime;
    n.HighPart = now.dwHighDateTime;
    return n.QuadPart > w.QuadPart && n.QuadPart - w.QuadPart > (ULONGLONG)ORPHAN_AGE_100NS;
}

HRESULT store_mapping_add(HKEY mappings, const struct ohn_mapping *m, HKEY *out)
{
    BYTE buf[OHN_RECORD_MAX];
    WCHAR name[OHN_KEY_NAME_LEN];
    DWORD disposition, size;
    HKEY key;
    LONG err;

    *out = NULL;
    if (ohn_key_name(m->protocol, m->external_port, (ohn_char *)name) != OHN_OK)
        return E_INVALIDARG;
    if (!(size = (DWORD)ohn_mapping_encode(m, buf, sizeof(buf))))
        return E_INVALIDARG;

    err = RegCreateKeyExW(mappings, name, 0, NULL, 0, MAPPING_ACCESS, NULL, &key, &disposition);
    if (err)
        return hr_from_reg(err);
    if (disposition == REG_OPENED_EXISTING_KEY)
    {
        err = RegQueryValueExW(key, RECORD_VALUE, NULL, NULL, NULL, NULL);
        if (err != ERROR_FILE_NOT_FOUND || !key_is_orphan(key))
        {
            RegCloseKey(key);
            return HRESULT_FROM_WIN32(ERROR_OBJECT_ALREADY_EXISTS);
        }
        TRACE("reusing the orphaned key %ls\n", name);
    }
    if ((err = RegSetValueExW(key, RECORD_VALUE, 0, REG_BINARY, buf, size)))
    {
        if (disposition == REG_CREATED_NEW_KEY)
            NtDeleteKey(key);
        RegCloseKey(key);
        return hr_from_reg(err);
    }
    *out = key;
    return S_OK;
}

HRESULT store_mapping_read(HKEY key, struct ohn_mapping *m)
{
    BYTE buf[OHN_RECORD_MAX];
    DWORD size = sizeof(buf), type;
    LONG err;

    err = RegQueryValueExW(key, RECORD_VALUE, NULL, &type, buf, &size);
    if (err == ERROR_FILE_NOT_FOUND || err == ERROR_KEY_DELETED)
        return OHN_E_MAPPING_GONE;
    if (err == ERROR_MORE_DATA)
        return HRESULT_FROM_WIN32(ERROR_INVALID_DATA);
    if (err)
        return hr_from_reg(err);
    if (type != REG_BINARY || ohn_mapping_decode(buf, size, m) != OHN_OK)
        return HRESULT_FROM_WIN32(ERROR_INVALID_DATA);
    return S_OK;
}

HRESULT store_mapping_open(HKEY mappings, const WCHAR *name, HKEY *out, struct ohn_mapping *m)
{
    HKEY key;
    LONG err;

    *out = NULL;
    err = RegOpenKeyExW(mappings, name, 0, MAPPING_ACCESS, &key);
    if (err == ERROR_FILE_NOT_FOUND)
        return S_FALSE;
    if (err)
        return hr_from_reg(err);
    if (store_mapping_read(key, m) != S_OK)
    {
        RegCloseKey(key);
        return S_FALSE;
    }
    *out = key;
    return S_OK;
}

HRESULT store_mapping_set_enabled(HKEY key, const struct ohn_mapping *m, int enabled)
{
    struct ohn_mapping copy = *m;
    BYTE buf[OHN_RECORD_MAX];
    DWORD size;

    copy.enabled = enabled ? 1 : 0;
    if (!(size = (DWORD)ohn_mapping_encode(&copy, buf, sizeof(buf))))
        return E_INVALIDARG;
    return hr_from_reg(RegSetValueExW(key, RECORD_VALUE, 0, REG_BINARY, buf, size));
}

HRESULT store_mapping_delete(HKEY key)
{
    LONG err;

    /* Deleting a deleted key succeeds under Wine: ask first, so a second Delete reports it. */
    err = RegQueryValueExW(key, RECORD_VALUE, NULL, NULL, NULL, NULL);
    if (err == ERROR_KEY_DELETED || err == ERROR_FILE_NOT_FOUND)
        return OHN_E_MAPPING_GONE;
    if (NtDeleteKey(key) < 0)
        return OHN_E_MAPPING_GONE;
    return S_OK;
}

HRESULT store_mapping_names(HKEY mappings, WCHAR (**names)[OHN_KEY_NAME_LEN], ULONG *count)
{
    WCHAR (*list)[OHN_KEY_NAME_LEN] = NULL, (*bigger)[OHN_KEY_NAME_LEN];
    DWORD subkeys = 0, capacity, index, len;
    ULONG n = 0;
    uint16_t port;
    uint8_t proto;
    LONG err;

    *names = NULL;
    *count = 0;
    if ((err = RegQueryInfoKeyW(mappings, NULL, NULL, NULL, &subkeys, NULL, NULL, NULL, NULL, NULL, NULL, NULL)))
        return hr_from_reg(err);
    capacity = subkeys + 16;
    if (!(list = HeapAlloc(GetProcessHeap(), 0, capacity * sizeof(*list))))
        return E_OUTOFMEMORY;
    for (index = 0;; index++)
    {
        if (n == capacity)
        {
            capacity *= 2;
            if (!(bigger = HeapReAlloc(GetProcessHeap(), 0, list, capacity * sizeof(*list))))
            {
                HeapFree(GetProcessHeap(), 0, list);
                return E_OUTOFMEMORY;
            }
            list = bigger;
        }
        len = OHN_KEY_NAME_LEN;
        err = RegEnumKeyExW(mappings, index, list[n], &len, NULL, NULL, NULL, NULL);
        if (err == ERROR_NO_MORE_ITEMS)
            break;
        if (err == ERROR_MORE_DATA)
            continue; /* not one of our names */
        if (err)
        {
            HeapFree(GetProcessHeap(), 0, list);
            return hr_from_reg(err);
        }
        if (ohn_parse_key_name(ohn_str(list[n]), len, &proto, &port) == OHN_OK)
            n++;
    }
    *names = list;
    *count = n;
    return S_OK;
}

static HRESULT open_root(REGSAM access, HKEY *out)
{
    return hr_from_reg(RegCreateKeyExW(HKEY_LOCAL_MACHINE, OHN_STORE_KEY, 0, NULL, 0, access | KEY_WOW64_64KEY,
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
        return hr_from_reg(err);
    if (type != REG_BINARY || ohn_sharing_decode(buf, size, roles) != OHN_OK)
    {
        /* Never guess: an unreadable value means no connection is shared. */
        TRACE("ignoring an unreadable %ls value\n", ROLES_VALUE);
        ohn_sharing_clear(roles);
    }
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

HRESULT store_set_role(const GUID *connection, int role)
{
    struct ohn_sharing roles;
    BYTE buf[OHN_SHARING_SIZE];
    HANDLE lock;
    HKEY root;
    HRESULT hr;

    /* A read-modify-write of one value: serialise it across threads and processes. */
    if (!(lock = CreateMutexW(NULL, FALSE, L"Local\\open-hnetcfg-roles")))
        return HRESULT_FROM_WIN32(GetLastError());
    WaitForSingleObject(lock, INFINITE); /* WAIT_ABANDONED: the value itself is always whole */
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
                hr = hr_from_reg(RegSetValueExW(root, ROLES_VALUE, 0, REG_BINARY, buf, sizeof(buf)));
            }
        }
        RegCloseKey(root);
    }
    ReleaseMutex(lock);
    CloseHandle(lock);
    return hr;
}

HRESULT store_get_firewall(const GUID *connection, BOOL *enabled)
{
    DWORD value = 0, size = sizeof(value), type;
    HKEY key;
    HRESULT hr;
    LONG err;

    *enabled = FALSE;
    if ((hr = open_connection_key(connection, FALSE, &key)) != S_OK)
        return SUCCEEDED(hr) ? S_OK : hr;
    err = RegQueryValueExW(key, L"Firewall", NULL, &type, (BYTE *)&value, &size);
    RegCloseKey(key);
    if (err == ERROR_FILE_NOT_FOUND)
        return S_OK;
    if (err)
        return hr_from_reg(err);
    *enabled = type == REG_DWORD && value == 1;
    return S_OK;
}

HRESULT store_set_firewall(const GUID *connection, BOOL enabled)
{
    DWORD value = enabled ? 1 : 0;
    HKEY key;
    HRESULT hr;

    if (FAILED(hr = open_connection_key(connection, TRUE, &key)))
        return hr;
    hr = hr_from_reg(RegSetValueExW(key, L"Firewall", 0, REG_DWORD, (BYTE *)&value, sizeof(value)));
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
    if ((hr = open_connection_key(connection, FALSE, &key)) != S_OK)
        return hr;
    err = RegQueryValueExW(key, L"Name", NULL, &type, (BYTE *)buf, &size);
    RegCloseKey(key);
    if (err == ERROR_FILE_NOT_FOUND)
        return S_FALSE;
    if (err || type != REG_SZ || size < sizeof(WCHAR) || size % sizeof(WCHAR) || buf[size / sizeof(WCHAR) - 1])
    {
        buf[0] = 0;
        return err ? hr_from_reg(err) : S_FALSE;
    }
    return S_OK;
}

HRESULT store_set_name(const GUID *connection, const WCHAR *name)
{
    HKEY key;
    HRESULT hr;

    if (FAILED(hr = open_connection_key(connection, TRUE, &key)))
        return hr;
    hr = hr_from_reg(RegSetValueExW(key, L"Name", 0, REG_SZ, (const BYTE *)name,
                                    (DWORD)(lstrlenW(name) + 1) * sizeof(WCHAR)));
    RegCloseKey(key);
    return hr;
}
