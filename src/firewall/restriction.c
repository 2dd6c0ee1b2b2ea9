/*
 * INetFwServiceRestriction (Windows Service Hardening), from INetFwPolicy2::get_ServiceRestriction.
 * Configuration that programs read and write, stored where Windows keeps it and in its format
 * (store/firewall.h: RestrictedServices\Configurable\System); nothing is enforced on the host.
 *
 * Chosen where Windows' documentation is silent:
 * - RestrictService(service, app, TRUE, ...) writes the two rules that restrict a service: one
 *   per direction, blocking all of its traffic (Action=Block, App=app, Svc=service), under
 *   value names fixed by (service, app) with case ignored, so that a second call replaces them;
 *   FALSE removes them. Both names are required (E_INVALIDARG when NULL or empty).
 * - ServiceRestricted(service, app) is VARIANT_TRUE when both block rules are stored, active,
 *   and still name that service and application.
 * - serviceSidRestricted: the SID type of a service is the service control manager's, which this
 *   DLL does not change; the flag is kept in HKLM\Software\open-hnetcfg\Firewall\
 *   ServiceRestriction (value "<block rule's name>", REG_DWORD) so that nothing passed is lost.
 * - get_Rules gives the table's INetFwRules (the allow rules a restricted service may have),
 *   another object than INetFwPolicy2::get_Rules gives, as on Windows.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdio.h>
#include <stdlib.h>

#include "firewall/firewall.h"

#define SID_KEY FW_OWN_KEY L"\\ServiceRestriction"

struct fw_restriction
{
    INetFwServiceRestriction INetFwServiceRestriction_iface;
    LONG refs;
};

static struct fw_restriction *impl(INetFwServiceRestriction *iface)
{
    return CONTAINING_RECORD(iface, struct fw_restriction, INetFwServiceRestriction_iface);
}

static HRESULT WINAPI restriction_QueryInterface(INetFwServiceRestriction *iface, REFIID riid, void **out)
{
    if (!out)
        return E_POINTER;
    if (IsEqualGUID(riid, &IID_IUnknown) || IsEqualGUID(riid, &IID_IDispatch) ||
        IsEqualGUID(riid, &IID_INetFwServiceRestriction))
    {
        *out = iface;
        INetFwServiceRestriction_AddRef(iface);
        return S_OK;
    }
    *out = NULL;
    return E_NOINTERFACE;
}

static ULONG WINAPI restriction_AddRef(INetFwServiceRestriction *iface)
{
    return InterlockedIncrement(&impl(iface)->refs);
}

static ULONG WINAPI restriction_Release(INetFwServiceRestriction *iface)
{
    struct fw_restriction *o = impl(iface);
    LONG refs = InterlockedDecrement(&o->refs);

    if (!refs)
    {
        HeapFree(GetProcessHeap(), 0, o);
        ohn_object_destroyed();
    }
    return refs;
}

OHN_IMPL_IDISPATCH(restriction, INetFwServiceRestriction, tid_INetFwServiceRestriction)

static const unsigned directions[2] = {OHN_FW_DIR_IN, OHN_FW_DIR_OUT};

/* The rule id of the block rule of (service, app) in direction (OHN_FW_DIR_*), in the services
 * table: its value name a 64-bit FNV-1a of both names with ASCII case ignored. */
static void block_id(const WCHAR *service, const WCHAR *app, unsigned direction, WCHAR id[FW_ID_MAX + 1])
{
    WCHAR name[64];

    unsigned long long h = 0xcbf29ce484222325ull;
    const WCHAR *parts[2] = {service, app}, *p;
    unsigned i;

    for (i = 0; i < 2; i++)
    {
        for (p = parts[i]; *p; p++)
        {
            WCHAR c = *p >= 'A' && *p <= 'Z' ? *p + ('a' - 'A') : *p;

            h = (h ^ (c & 0xff)) * 0x100000001b3ull;
            h = (h ^ (c >> 8)) * 0x100000001b3ull;
        }
        h = (h ^ '|') * 0x100000001b3ull;
    }
    swprintf(name, ARRAY_SIZE(name), L"RestrictService-%ls-%016llx", direction == OHN_FW_DIR_IN ? L"In" : L"Out", h);
    fwstore_id(FW_TABLE_SERVICES, name, id); /* fits: 40 units */
}

/* The rule that blocks the service's traffic in direction. */
static HRESULT block_rule(const WCHAR *service, size_t service_len, const WCHAR *app, size_t app_len,
                          unsigned direction, struct ohn_fw_rule *rule)
{
    WCHAR name[128];
    int n;

    ohn_fw_rule_init(rule);
    rule->direction = direction;
    rule->action = OHN_FW_ACTION_BLOCK;
    rule->enabled = 1;
    n = swprintf(name, ARRAY_SIZE(name), L"Block any traffic %ls %.60ls", direction == OHN_FW_DIR_IN ? L"to" : L"from",
                 service);
    if (n < 0 || ohn_fw_set(rule, OHN_FW_NAME, ohn_str(name), (size_t)n) != OHN_OK ||
        ohn_fw_set(rule, OHN_FW_SVC, ohn_str(service), service_len) != OHN_OK ||
        ohn_fw_set(rule, OHN_FW_APP, ohn_str(app), app_len) != OHN_OK)
    {
        ohn_fw_rule_free(rule);
        return E_INVALIDARG; /* a '|' in a name: the format cannot hold it */
    }
    return S_OK;
}

/* Both names, read as NUL-terminated strings (an [in] BSTR may be a plain literal). */
static HRESULT in_names(BSTR service, BSTR app, size_t *service_len, size_t *app_len)
{
    HRESULT hr;

    if (FAILED(hr = ohn_in_string(service, OHN_FW_STR_MAX, E_INVALIDARG, service_len)) ||
        FAILED(hr = ohn_in_string(app, OHN_FW_STR_MAX, E_INVALIDARG, app_len)))
        return hr;
    return *service_len && *app_len ? S_OK : E_INVALIDARG;
}

/* Kept as the value name of the inbound block rule. */
static void keep_sid_flag(const WCHAR *name, BOOL restricted, BOOL sid_restricted)
{
    DWORD value = sid_restricted != 0;
    HKEY key;

    if (!restricted)
    {
        if (!RegOpenKeyExW(HKEY_LOCAL_MACHINE, SID_KEY, 0, KEY_SET_VALUE | KEY_WOW64_64KEY, &key))
        {
            RegDeleteValueW(key, name);
            RegCloseKey(key);
        }
        return;
    }
    if (RegCreateKeyExW(HKEY_LOCAL_MACHINE, SID_KEY, 0, NULL, 0, KEY_SET_VALUE | KEY_WOW64_64KEY, NULL, &key, NULL))
        return;
    RegSetValueExW(key, name, 0, REG_DWORD, (const BYTE *)&value, sizeof(value));
    RegCloseKey(key);
}

static HRESULT WINAPI restriction_RestrictService(INetFwServiceRestriction *iface, BSTR service, BSTR app,
                                                  VARIANT_BOOL restrict_it, VARIANT_BOOL sid_restricted)
{
    WCHAR ids[2][FW_ID_MAX + 1];
    struct ohn_fw_rule rules[2];
    size_t service_len, app_len;
    HANDLE lock;
    HRESULT hr;
    unsigned i;

    if (FAILED(hr = in_names(service, app, &service_len, &app_len)))
        return hr;
    for (i = 0; i < 2; i++)
    {
        block_id(service, app, directions[i], ids[i]);
        if (FAILED(hr = block_rule(service, service_len, app, app_len, directions[i], &rules[i])))
        {
            if (i)
                ohn_fw_rule_free(&rules[0]);
            return hr;
        }
    }
    if (FAILED(hr = fwstore_lock(&lock)))
        goto done;
    for (i = 0; i < 2 && SUCCEEDED(hr); i++)
    {
        if (restrict_it != VARIANT_FALSE)
            hr = fwstore_put(ids[i], &rules[i]);
        else if ((hr = fwstore_delete(ids[i])) == FW_E_RULE_GONE)
            hr = S_OK;
    }
    if (SUCCEEDED(hr))
        keep_sid_flag(ids[0] + lstrlenW(FW_SERVICES_ID_PREFIX), restrict_it != VARIANT_FALSE, sid_restricted != VARIANT_FALSE);
    fwstore_unlock(lock);
done:
    ohn_fw_rule_free(&rules[0]);
    ohn_fw_rule_free(&rules[1]);
    return hr;
}

static HRESULT WINAPI restriction_ServiceRestricted(INetFwServiceRestriction *iface, BSTR service, BSTR app,
                                                    VARIANT_BOOL *out)
{
    WCHAR id[FW_ID_MAX + 1];
    size_t service_len, app_len;
    struct ohn_fw_rule rule;
    BOOL restricted = TRUE;
    HRESULT hr;
    unsigned i;

    if (!out)
        return E_POINTER;
    *out = VARIANT_FALSE;
    if (FAILED(hr = in_names(service, app, &service_len, &app_len)))
        return hr;
    for (i = 0; i < 2 && restricted; i++)
    {
        block_id(service, app, directions[i], id);
        if ((hr = fwstore_read(id, &rule)) != S_OK)
        {
            if (hr != FW_E_RULE_GONE && hr != HRESULT_FROM_WIN32(ERROR_INVALID_DATA))
                return hr;
            restricted = FALSE; /* none, or one another tool made unreadable */
            continue;
        }
        restricted = rule.enabled && rule.action == OHN_FW_ACTION_BLOCK && rule.direction == directions[i] &&
                     rule.s[OHN_FW_SVC] && ohn_fw_streq_nocase(rule.s[OHN_FW_SVC], ohn_str(service)) &&
                     rule.s[OHN_FW_APP] && ohn_fw_streq_nocase(rule.s[OHN_FW_APP], ohn_str(app));
        ohn_fw_rule_free(&rule);
    }
    *out = restricted ? VARIANT_TRUE : VARIANT_FALSE;
    return S_OK;
}

static HRESULT WINAPI restriction_get_Rules(INetFwServiceRestriction *iface, INetFwRules **out)
{
    if (!out)
        return E_POINTER;
    return fw_rules_create_in(FW_TABLE_SERVICES, out);
}

static const INetFwServiceRestrictionVtbl restriction_vtbl = {
    restriction_QueryInterface,   restriction_AddRef,          restriction_Release,
    restriction_GetTypeInfoCount, restriction_GetTypeInfo,     restriction_GetIDsOfNames,
    restriction_Invoke,           restriction_RestrictService, restriction_ServiceRestricted,
    restriction_get_Rules,
};

HRESULT fw_restriction_create(INetFwServiceRestriction **out)
{
    struct fw_restriction *o;

    *out = NULL;
    if (!(o = HeapAlloc(GetProcessHeap(), 0, sizeof(*o))))
        return E_OUTOFMEMORY;
    o->INetFwServiceRestriction_iface.lpVtbl = &restriction_vtbl;
    o->refs = 1;
    ohn_object_created();
    *out = &o->INetFwServiceRestriction_iface;
    return S_OK;
}
