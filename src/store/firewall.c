/*
 * The firewall store over the registry (layout and rules in firewall.h).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "base.h"
#include "store/firewall.h"
#include "store/store.h"

static const WCHAR *const profile_keys[] = {L"DomainProfile", L"StandardProfile", L"PublicProfile"};

/* The registry name of each setting, its default, and whether the registry stores an action
 * the other way round (MS-GPFAS: DefaultInboundAction 1 is block; NET_FW_ACTION_BLOCK is 0). */
static const struct
{
    const WCHAR *name;
    DWORD fallback;
    BOOL action;
} settings[FW_SETTING_COUNT] = {
    [FW_SETTING_ENABLED] = {L"EnableFirewall", 1, FALSE},
    [FW_SETTING_DEFAULT_INBOUND] = {L"DefaultInboundAction", OHN_FW_ACTION_BLOCK, TRUE},
    [FW_SETTING_DEFAULT_OUTBOUND] = {L"DefaultOutboundAction", OHN_FW_ACTION_ALLOW, TRUE},
    [FW_SETTING_BLOCK_ALL_INBOUND] = {L"DoNotAllowExceptions", 0, FALSE},
    [FW_SETTING_NOTIFICATIONS_DISABLED] = {L"DisableNotifications", 0, FALSE},
    [FW_SETTING_UNICAST_DISABLED] = {L"DisableUnicastResponsesToMulticastBroadcast", 0, FALSE},
};

static HRESULT open_key(const WCHAR *path, BOOL create, REGSAM access, HKEY *out)
{
    LONG err;

    if (create)
        err = RegCreateKeyExW(HKEY_LOCAL_MACHINE, path, 0, NULL, 0, access | KEY_WOW64_64KEY, NULL, out, NULL);
    else
        err = RegOpenKeyExW(HKEY_LOCAL_MACHINE, path, 0, access | KEY_WOW64_64KEY, out);
    if (err == ERROR_FILE_NOT_FOUND && !create)
        return S_FALSE;
    return HRESULT_FROM_WIN32(err);
}

static HRESULT open_table(enum fw_table table, BOOL create, REGSAM access, HKEY *out)
{
    return open_key(table == FW_TABLE_SERVICES ? FW_SERVICES_KEY : FW_RULES_KEY, create, access, out);
}

static HRESULT open_rules(BOOL create, REGSAM access, HKEY *out)
{
    return open_table(FW_TABLE_RULES, create, access, out);
}

/* The table a rule id names, and the value's name in it. */
static enum fw_table table_of(const WCHAR *id, const WCHAR **value)
{
    size_t n = ARRAY_SIZE(FW_SERVICES_ID_PREFIX) - 1;

    if (!wcsncmp(id, FW_SERVICES_ID_PREFIX, n))
    {
        *value = id + n;
        return FW_TABLE_SERVICES;
    }
    *value = id;
    return FW_TABLE_RULES;
}

HRESULT fwstore_lock(HANDLE *lock)
{
    return store_lock(FW_LOCK, lock);
}

void fwstore_unlock(HANDLE lock)
{
    store_unlock(lock);
}

/* A REG_SZ's units without the NULs at its end. */
static size_t sz_length(const WCHAR *data, DWORD bytes)
{
    size_t n = bytes / sizeof(WCHAR);

    while (n && !data[n - 1])
        n--;
    return n;
}

static HRESULT decode_value(const WCHAR *data, DWORD type, DWORD bytes, struct ohn_fw_rule *rule)
{
    int err;

    if (type != REG_SZ && type != REG_EXPAND_SZ)
        return HRESULT_FROM_WIN32(ERROR_INVALID_DATA);
    err = ohn_fw_decode(ohn_str(data), sz_length(data, bytes), rule);
    if (err == OHN_ENOMEM)
        return E_OUTOFMEMORY;
    return err ? HRESULT_FROM_WIN32(ERROR_INVALID_DATA) : S_OK;
}

static HRESULT read_value(HKEY key, const WCHAR *id, struct ohn_fw_rule *rule)
{
    DWORD type, bytes = 0;
    WCHAR *data = NULL;
    HRESULT hr;
    LONG err;

    for (;;)
    {
        err = RegQueryValueExW(key, id, NULL, &type, (BYTE *)data, &bytes);
        if (err == ERROR_FILE_NOT_FOUND)
        {
            hr = FW_E_RULE_GONE;
            break;
        }
        if (err == ERROR_MORE_DATA || (!err && !data))
        {
            HeapFree(GetProcessHeap(), 0, data);
            if (!(data = HeapAlloc(GetProcessHeap(), 0, bytes + sizeof(WCHAR))))
                return E_OUTOFMEMORY;
            continue;
        }
        hr = err ? HRESULT_FROM_WIN32(err) : decode_value(data, type, bytes, rule);
        break;
    }
    HeapFree(GetProcessHeap(), 0, data);
    return hr;
}

static HRESULT write_value(HKEY key, const WCHAR *id, const struct ohn_fw_rule *rule)
{
    ohn_char *text;
    LONG err;

    if (ohn_fw_rule_valid(rule) != OHN_OK)
        return E_INVALIDARG;
    if (!(text = ohn_fw_encode(rule)))
        return E_OUTOFMEMORY;
    err = RegSetValueExW(key, id, 0, REG_SZ, (const BYTE *)text, (DWORD)((ohn_fw_strlen(text) + 1) * sizeof(WCHAR)));
    free(text);
    return HRESULT_FROM_WIN32(err);
}

HRESULT fwstore_read(const WCHAR *id, struct ohn_fw_rule *rule)
{
    enum fw_table table = table_of(id, &id);
    HRESULT hr;
    HKEY key;

    if ((hr = open_table(table, FALSE, KEY_QUERY_VALUE, &key)) != S_OK)
        return hr == S_FALSE ? FW_E_RULE_GONE : hr;
    hr = read_value(key, id, rule);
    RegCloseKey(key);
    return hr;
}

BOOL fwstore_id(enum fw_table table, const WCHAR *name, WCHAR id[FW_ID_MAX + 1])
{
    const WCHAR *prefix = table == FW_TABLE_SERVICES ? FW_SERVICES_ID_PREFIX : L"";

    if (lstrlenW(prefix) + lstrlenW(name) > FW_ID_MAX)
        return FALSE;
    lstrcpyW(id, prefix);
    lstrcatW(id, name);
    return TRUE;
}

HRESULT fwstore_put(const WCHAR *id, const struct ohn_fw_rule *rule)
{
    enum fw_table table = table_of(id, &id);
    HRESULT hr;
    HKEY key;

    if (FAILED(hr = open_table(table, TRUE, KEY_SET_VALUE, &key)))
        return hr;
    hr = write_value(key, id, rule);
    RegCloseKey(key);
    return hr;
}

HRESULT fwstore_add_in(enum fw_table table, const struct ohn_fw_rule *rule, WCHAR id[FW_ID_MAX + 1])
{
    WCHAR guid_text[40];
    GUID guid;
    HRESULT hr;

    if (ohn_fw_rule_valid(rule) != OHN_OK)
        return E_INVALIDARG;
    if (FAILED(hr = CoCreateGuid(&guid)))
        return hr;
    StringFromGUID2(&guid, guid_text, ARRAY_SIZE(guid_text));
    fwstore_id(table, guid_text, id); /* fits: a GUID and the prefix */
    return fwstore_put(id, rule);
}

HRESULT fwstore_add(const struct ohn_fw_rule *rule, WCHAR id[FW_ID_MAX + 1])
{
    return fwstore_add_in(FW_TABLE_RULES, rule, id);
}

void fwstore_list_free(struct fw_list *list)
{
    ULONG i;

    for (i = 0; i < list->count; i++)
        ohn_fw_rule_free(&list->items[i].rule);
    HeapFree(GetProcessHeap(), 0, list->items);
    list->items = NULL;
    list->count = 0;
}

static HRESULT list_key(HKEY key, struct fw_list *list)
{
    DWORD values = 0, name_max = 0, data_max = 0, index, name_len, bytes, type, capacity = 0;
    WCHAR *name = NULL, *data = NULL;
    HRESULT hr = S_OK;
    LONG err;

    list->count = 0;
    list->items = NULL;
    for (index = 0;; )
    {
        if (!name)
        {
            /* Sized by the key's largest value; again when another writer grew it meanwhile. */
            if ((err = RegQueryInfoKeyW(key, NULL, NULL, NULL, NULL, NULL, NULL, &values, &name_max, &data_max, NULL,
                                        NULL)))
            {
                hr = HRESULT_FROM_WIN32(err);
                break;
            }
            name = HeapAlloc(GetProcessHeap(), 0, (name_max + 1) * sizeof(WCHAR));
            data = HeapAlloc(GetProcessHeap(), 0, data_max + sizeof(WCHAR));
            if (!name || !data)
            {
                hr = E_OUTOFMEMORY;
                break;
            }
        }
        name_len = name_max + 1;
        bytes = data_max;
        err = RegEnumValueW(key, index, name, &name_len, NULL, &type, (BYTE *)data, &bytes);
        if (err == ERROR_NO_MORE_ITEMS)
            break;
        if (err == ERROR_MORE_DATA)
        {
            HeapFree(GetProcessHeap(), 0, name);
            HeapFree(GetProcessHeap(), 0, data);
            name = data = NULL;
            continue;
        }
        if (err)
        {
            hr = HRESULT_FROM_WIN32(err);
            break;
        }
        index++;
        if (name_len > FW_ID_MAX)
            continue;
        if (list->count == capacity)
        {
            DWORD grown_capacity = capacity ? capacity * 2 : (values ? values : 16);
            void *grown = list->items ? HeapReAlloc(GetProcessHeap(), 0, list->items,
                                                    grown_capacity * sizeof(*list->items))
                                      : HeapAlloc(GetProcessHeap(), 0, grown_capacity * sizeof(*list->items));
            if (!grown)
            {
                hr = E_OUTOFMEMORY;
                break;
            }
            list->items = grown;
            capacity = grown_capacity;
        }
        hr = decode_value(data, type, bytes, &list->items[list->count].rule);
        if (hr == E_OUTOFMEMORY)
            break;
        if (hr != S_OK)
        {
            hr = S_OK; /* not a rule this version reads: left alone */
            continue;
        }
        lstrcpynW(list->items[list->count].id, name, FW_ID_MAX + 1);
        list->count++;
    }
    HeapFree(GetProcessHeap(), 0, name);
    HeapFree(GetProcessHeap(), 0, data);
    if (FAILED(hr))
        fwstore_list_free(list);
    return hr;
}

LONG fwstore_list_find_named(const struct fw_list *list, const WCHAR *name)
{
    ULONG i;

    for (i = 0; i < list->count; i++)
        if (list->items[i].rule.s[OHN_FW_NAME] && ohn_fw_streq_nocase(list->items[i].rule.s[OHN_FW_NAME], ohn_str(name)))
            return (LONG)i;
    return -1;
}

/* The listed value names as the table's ids (fwstore_id). */
static void qualify_ids(enum fw_table table, struct fw_list *list)
{
    WCHAR id[FW_ID_MAX + 1];
    ULONG i, kept = 0;

    if (table == FW_TABLE_RULES)
        return; /* its ids are its value names */
    for (i = 0; i < list->count; i++)
    {
        if (!fwstore_id(table, list->items[i].id, id))
        {
            ohn_fw_rule_free(&list->items[i].rule); /* a name too long to qualify: not listed */
            continue;
        }
        list->items[kept] = list->items[i];
        lstrcpyW(list->items[kept].id, id);
        kept++;
    }
    list->count = kept;
}

HRESULT fwstore_list_in(enum fw_table table, struct fw_list *list)
{
    HRESULT hr;
    HKEY key;

    list->count = 0;
    list->items = NULL;
    if ((hr = open_table(table, FALSE, KEY_QUERY_VALUE, &key)) != S_OK)
        return hr == S_FALSE ? S_OK : hr;
    if (SUCCEEDED(hr = list_key(key, list)))
        qualify_ids(table, list);
    RegCloseKey(key);
    return hr;
}

HRESULT fwstore_list(struct fw_list *list)
{
    return fwstore_list_in(FW_TABLE_RULES, list);
}

/* Applies change to a copy of rule and writes it when it is valid. */
static HRESULT change_and_write(HKEY key, const WCHAR *id, const struct ohn_fw_rule *rule, fw_change change,
                                void *context)
{
    struct ohn_fw_rule copy;
    HRESULT hr;

    if (ohn_fw_rule_copy(&copy, rule) != OHN_OK)
        return E_OUTOFMEMORY;
    if (SUCCEEDED(hr = change(&copy, context)))
        hr = write_value(key, id, &copy);
    ohn_fw_rule_free(&copy);
    return hr;
}

HRESULT fwstore_update(const WCHAR *id, fw_change change, void *context)
{
    enum fw_table table = table_of(id, &id);
    struct ohn_fw_rule rule;
    HANDLE lock;
    HRESULT hr;
    HKEY key;

    if ((hr = open_table(table, FALSE, KEY_QUERY_VALUE | KEY_SET_VALUE, &key)) != S_OK)
        return hr == S_FALSE ? FW_E_RULE_GONE : hr;
    if (FAILED(hr = fwstore_lock(&lock)))
    {
        RegCloseKey(key);
        return hr;
    }
    if ((hr = read_value(key, id, &rule)) == S_OK)
    {
        hr = change_and_write(key, id, &rule, change, context);
        ohn_fw_rule_free(&rule);
    }
    fwstore_unlock(lock);
    RegCloseKey(key);
    return hr;
}

HRESULT fwstore_delete(const WCHAR *id)
{
    enum fw_table table = table_of(id, &id);
    HRESULT hr;
    HKEY key;
    LONG err;

    if ((hr = open_table(table, FALSE, KEY_SET_VALUE, &key)) != S_OK)
        return hr == S_FALSE ? FW_E_RULE_GONE : hr;
    err = RegDeleteValueW(key, id);
    RegCloseKey(key);
    return err == ERROR_FILE_NOT_FOUND ? FW_E_RULE_GONE : HRESULT_FROM_WIN32(err);
}

HRESULT fwstore_remove_named(const WCHAR *name)
{
    return fwstore_remove_named_in(FW_TABLE_RULES, name);
}

HRESULT fwstore_remove_named_in(enum fw_table table, const WCHAR *name)
{
    struct fw_list list;
    HANDLE lock;
    HRESULT hr;
    HKEY key;

    if ((hr = open_table(table, FALSE, KEY_QUERY_VALUE | KEY_SET_VALUE, &key)) != S_OK)
        return hr;
    if (FAILED(hr = fwstore_lock(&lock)))
    {
        RegCloseKey(key);
        return hr;
    }
    if (SUCCEEDED(hr = list_key(key, &list)))
    {
        LONG found = fwstore_list_find_named(&list, name);

        hr = S_FALSE;
        if (found >= 0)
        {
            LONG err = RegDeleteValueW(key, list.items[found].id);

            hr = err == ERROR_FILE_NOT_FOUND ? S_FALSE : HRESULT_FROM_WIN32(err);
        }
        fwstore_list_free(&list);
    }
    fwstore_unlock(lock);
    RegCloseKey(key);
    return hr;
}

HRESULT fwstore_update_all(BOOL (*match)(const struct ohn_fw_rule *rule, void *context), fw_change change,
                           void *context, ULONG *matched)
{
    struct fw_list list;
    HRESULT hr, first = S_OK;
    HANDLE lock;
    ULONG i;
    HKEY key;

    *matched = 0;
    if ((hr = open_rules(FALSE, KEY_QUERY_VALUE | KEY_SET_VALUE, &key)) != S_OK)
        return hr == S_FALSE ? S_OK : hr;
    if (FAILED(hr = fwstore_lock(&lock)))
    {
        RegCloseKey(key);
        return hr;
    }
    if (SUCCEEDED(hr = list_key(key, &list)))
    {
        for (i = 0; i < list.count; i++)
        {
            if (!match(&list.items[i].rule, context))
                continue;
            (*matched)++;
            hr = change_and_write(key, list.items[i].id, &list.items[i].rule, change, context);
            if (FAILED(hr) && first == S_OK)
                first = hr;
        }
        fwstore_list_free(&list);
        hr = first;
    }
    fwstore_unlock(lock);
    RegCloseKey(key);
    return hr;
}

static int profile_index(unsigned profile)
{
    switch (profile)
    {
    case OHN_FW_PROFILE_DOMAIN: return 0;
    case OHN_FW_PROFILE_PRIVATE: return 1;
    case OHN_FW_PROFILE_PUBLIC: return 2;
    default: return -1;
    }
}

static HRESULT open_profile(unsigned profile, BOOL create, REGSAM access, HKEY *out)
{
    WCHAR path[ARRAY_SIZE(FW_POLICY_KEY) + 32];
    int index = profile_index(profile);

    if (index < 0)
        return E_INVALIDARG;
    wsprintfW(path, L"%s\\%s", FW_POLICY_KEY, profile_keys[index]);
    return open_key(path, create, access, out);
}

HRESULT fwstore_get_setting(unsigned profile, enum fw_setting setting, DWORD *value)
{
    DWORD type, size = sizeof(*value), stored;
    HRESULT hr;
    HKEY key;
    LONG err;

    if (setting >= FW_SETTING_COUNT)
        return E_INVALIDARG;
    *value = settings[setting].fallback;
    if ((hr = open_profile(profile, FALSE, KEY_QUERY_VALUE, &key)) != S_OK)
        return hr == S_FALSE ? S_OK : hr;
    err = RegQueryValueExW(key, settings[setting].name, NULL, &type, (BYTE *)&stored, &size);
    RegCloseKey(key);
    if (err || type != REG_DWORD || size != sizeof(stored))
        return S_OK; /* absent or not a DWORD: the default, as the firewall reads it */
    if (settings[setting].action)
        *value = stored ? OHN_FW_ACTION_BLOCK : OHN_FW_ACTION_ALLOW;
    else
        *value = stored ? 1 : 0;
    return S_OK;
}

HRESULT fwstore_set_setting(unsigned profile, enum fw_setting setting, DWORD value)
{
    DWORD stored;
    HRESULT hr;
    HKEY key;
    LONG err;

    if (setting >= FW_SETTING_COUNT || value > 1)
        return E_INVALIDARG;
    stored = settings[setting].action ? (value == OHN_FW_ACTION_BLOCK) : value;
    if (FAILED(hr = open_profile(profile, TRUE, KEY_SET_VALUE, &key)))
        return hr;
    err = RegSetValueExW(key, settings[setting].name, 0, REG_DWORD, (const BYTE *)&stored, sizeof(stored));
    RegCloseKey(key);
    return HRESULT_FROM_WIN32(err);
}

HRESULT fwstore_get_excluded(unsigned profile, WCHAR **multi_sz, DWORD *chars)
{
    DWORD type, bytes = 0;
    HRESULT hr;
    HKEY key;
    LONG err;

    *multi_sz = NULL;
    *chars = 0;
    if ((hr = open_profile(profile, FALSE, KEY_QUERY_VALUE, &key)) != S_OK)
        return hr == S_FALSE ? S_OK : hr;
    err = RegQueryValueExW(key, L"DisabledInterfaces", NULL, &type, NULL, &bytes);
    if (!err && type == REG_MULTI_SZ && bytes >= sizeof(WCHAR))
    {
        if (!(*multi_sz = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, bytes + 2 * sizeof(WCHAR))))
            hr = E_OUTOFMEMORY;
        else if ((err = RegQueryValueExW(key, L"DisabledInterfaces", NULL, &type, (BYTE *)*multi_sz, &bytes)))
        {
            HeapFree(GetProcessHeap(), 0, *multi_sz);
            *multi_sz = NULL;
        }
        else
            *chars = bytes / sizeof(WCHAR);
    }
    RegCloseKey(key);
    return hr;
}

HRESULT fwstore_set_excluded(unsigned profile, const WCHAR *multi_sz, DWORD chars)
{
    HRESULT hr;
    HKEY key;
    LONG err;

    if (FAILED(hr = open_profile(profile, TRUE, KEY_SET_VALUE, &key)))
        return hr;
    if (!multi_sz || !chars)
    {
        err = RegDeleteValueW(key, L"DisabledInterfaces");
        if (err == ERROR_FILE_NOT_FOUND)
            err = 0;
    }
    else
        err = RegSetValueExW(key, L"DisabledInterfaces", 0, REG_MULTI_SZ, (const BYTE *)multi_sz,
                             chars * sizeof(WCHAR));
    RegCloseKey(key);
    return HRESULT_FROM_WIN32(err);
}

static HRESULT open_profile_subkey(unsigned profile, const WCHAR *subkey, BOOL create, REGSAM access, HKEY *out)
{
    WCHAR path[ARRAY_SIZE(FW_POLICY_KEY) + 96];
    int index = profile_index(profile);

    if (index < 0 || (subkey && lstrlenW(subkey) > 48))
        return E_INVALIDARG;
    if (subkey)
        wsprintfW(path, L"%s\\%s\\%s", FW_POLICY_KEY, profile_keys[index], subkey);
    else
        wsprintfW(path, L"%s\\%s", FW_POLICY_KEY, profile_keys[index]);
    return open_key(path, create, access, out);
}

HRESULT fwstore_get_profile_dword(unsigned profile, const WCHAR *subkey, const WCHAR *name, DWORD fallback,
                                  DWORD *value)
{
    DWORD type, size = sizeof(*value), stored;
    HRESULT hr;
    HKEY key;

    *value = fallback;
    if ((hr = open_profile_subkey(profile, subkey, FALSE, KEY_QUERY_VALUE, &key)) != S_OK)
        return hr == S_FALSE ? S_OK : hr;
    if (!RegQueryValueExW(key, name, NULL, &type, (BYTE *)&stored, &size) && type == REG_DWORD &&
        size == sizeof(stored))
        *value = stored;
    RegCloseKey(key);
    return S_OK;
}

HRESULT fwstore_set_profile_dword(unsigned profile, const WCHAR *subkey, const WCHAR *name, DWORD value)
{
    HRESULT hr;
    HKEY key;
    LONG err;

    if (FAILED(hr = open_profile_subkey(profile, subkey, TRUE, KEY_SET_VALUE, &key)))
        return hr;
    err = RegSetValueExW(key, name, 0, REG_DWORD, (const BYTE *)&value, sizeof(value));
    RegCloseKey(key);
    return HRESULT_FROM_WIN32(err);
}

HRESULT fwstore_get_profile_string(unsigned profile, const WCHAR *subkey, const WCHAR *name, WCHAR *buf,
                                   DWORD chars)
{
    DWORD type, size = (chars - 1) * sizeof(WCHAR);
    HRESULT hr;
    HKEY key;
    LONG err;

    buf[0] = 0;
    if ((hr = open_profile_subkey(profile, subkey, FALSE, KEY_QUERY_VALUE, &key)) != S_OK)
        return hr;
    err = RegQueryValueExW(key, name, NULL, &type, (BYTE *)buf, &size);
    RegCloseKey(key);
    if (err || type != REG_SZ)
    {
        buf[0] = 0;
        return S_FALSE; /* absent, too long or not a string: as if absent */
    }
    buf[size / sizeof(WCHAR)] = 0;
    return S_OK;
}

HRESULT fwstore_set_profile_string(unsigned profile, const WCHAR *subkey, const WCHAR *name, const WCHAR *value)
{
    HRESULT hr;
    HKEY key;
    LONG err;

    if (FAILED(hr = open_profile_subkey(profile, subkey, TRUE, KEY_SET_VALUE, &key)))
        return hr;
    if (value)
        err = RegSetValueExW(key, name, 0, REG_SZ, (const BYTE *)value, (lstrlenW(value) + 1) * sizeof(WCHAR));
    else if ((err = RegDeleteValueW(key, name)) == ERROR_FILE_NOT_FOUND)
        err = 0;
    RegCloseKey(key);
    return HRESULT_FROM_WIN32(err);
}

HRESULT fwstore_get_current_profiles(DWORD *profiles)
{
    DWORD type, size = sizeof(*profiles), stored;
    HRESULT hr;
    HKEY key;
    LONG err;

    *profiles = OHN_FW_PROFILE_PRIVATE;
    if ((hr = open_key(FW_OWN_KEY, FALSE, KEY_QUERY_VALUE, &key)) != S_OK)
        return hr == S_FALSE ? S_OK : hr;
    err = RegQueryValueExW(key, L"CurrentProfileTypes", NULL, &type, (BYTE *)&stored, &size);
    RegCloseKey(key);
    if (!err && type == REG_DWORD && size == sizeof(stored) && stored >= 1 && stored <= OHN_FW_PROFILE_ALL)
        *profiles = stored;
    return S_OK;
}

HRESULT fwstore_set_current_profiles(DWORD profiles)
{
    HRESULT hr;
    HKEY key;
    LONG err;

    if (profiles < 1 || profiles > OHN_FW_PROFILE_ALL)
        return E_INVALIDARG;
    if (FAILED(hr = open_key(FW_OWN_KEY, TRUE, KEY_SET_VALUE, &key)))
        return hr;
    err = RegSetValueExW(key, L"CurrentProfileTypes", 0, REG_DWORD, (const BYTE *)&profiles, sizeof(profiles));
    RegCloseKey(key);
    return HRESULT_FROM_WIN32(err);
}

HRESULT fwstore_restore_defaults(void)
{
    HANDLE lock;
    HRESULT hr;
    LONG err = 0;
    HKEY key;
    int i;

    if (FAILED(hr = fwstore_lock(&lock)))
        return hr;
    if ((hr = open_rules(FALSE, KEY_ALL_ACCESS, &key)) == S_OK)
    {
        err = RegDeleteTreeW(key, NULL);
        RegCloseKey(key);
    }
    for (i = 0; i < 3 && (!err || err == ERROR_FILE_NOT_FOUND) && SUCCEEDED(hr); i++)
    {
        /* Every setting of the profile, the Windows XP ones in its subkeys too. */
        if ((hr = open_profile(1u << i, FALSE, KEY_ALL_ACCESS, &key)) != S_OK)
            continue;
        err = RegDeleteTreeW(key, NULL);
        RegCloseKey(key);
    }
    fwstore_unlock(lock);
    if (FAILED(hr))
        return hr;
    return err == ERROR_FILE_NOT_FOUND ? S_OK : HRESULT_FROM_WIN32(err);
}
