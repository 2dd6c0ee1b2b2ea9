/*
 * The firewall store: the prefix's registry, where Windows keeps the same things (64-bit view
 * from both architectures, so every process of the prefix shares one store):
 *
 *   HKLM\SYSTEM\CurrentControlSet\Services\SharedAccess\Parameters\FirewallPolicy
 *     FirewallRules
 *       {rule id}                 REG_SZ     one rule, MS-GPFAS 2.2.2.19 (ohn_fw.h)
 *     RestrictedServices\Configurable\System
 *       {rule id}                 REG_SZ     a Windows Service Hardening rule, the same format
 *     DomainProfile, StandardProfile (private), PublicProfile
 *       EnableFirewall, DefaultInboundAction, DefaultOutboundAction, DoNotAllowExceptions,
 *       DisableNotifications, DisableUnicastResponsesToMulticastBroadcast     REG_DWORD
 *       DisabledInterfaces        REG_MULTI_SZ   {interface GUID} per string
 *       IcmpSettings\Allow...     REG_DWORD  INetFwIcmpSettings (Windows XP's value names)
 *       RemoteAdminSettings       Enabled REG_DWORD, RemoteAddresses REG_SZ
 *   HKLM\Software\open-hnetcfg\Firewall
 *       CurrentProfileTypes       REG_DWORD  what INetFwPolicy2 reports (private when absent)
 *
 * A rule is one value, written in one call. Adding one creates a value of a new id and needs
 * no lock; every read-modify-write of rules (a put on a stored rule, Remove by name, a rule
 * group) holds a named lock of the prefix, so concurrent writers lose nothing. A value that does
 * not decode is never rewritten nor removed, except by RestoreLocalFirewallDefaults.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef OHN_STORE_FIREWALL_H
#define OHN_STORE_FIREWALL_H

#include <windows.h>

#include "ohn_fw.h"

#define FW_POLICY_KEY L"SYSTEM\\CurrentControlSet\\Services\\SharedAccess\\Parameters\\FirewallPolicy"
#define FW_RULES_KEY FW_POLICY_KEY L"\\FirewallRules"
/* Windows Service Hardening's rules that programs add (INetFwServiceRestriction::get_Rules),
 * in the same format, where Windows keeps them. */
#define FW_SERVICES_KEY FW_POLICY_KEY L"\\RestrictedServices\\Configurable\\System"
#define FW_OWN_KEY L"Software\\open-hnetcfg\\Firewall"
#define FW_LOCK L"Local\\open-hnetcfg-firewall"

/* A rule id: "{GUID}" for the rules this DLL adds; another tool's may be any value name. */
#define FW_ID_MAX 256

/* HRESULT of a call on a rule object whose stored rule was removed since it was handed out. */
#define FW_E_RULE_GONE HRESULT_FROM_WIN32(ERROR_NOT_FOUND)

struct fw_entry
{
    WCHAR id[FW_ID_MAX + 1];
    struct ohn_fw_rule rule;
};

/* Every rule that decodes, in the registry's order. */
struct fw_list
{
    ULONG count;
    struct fw_entry *items;
};
HRESULT fwstore_list(struct fw_list *list);
/* The index of the first rule of list whose Name is name (ASCII case ignored), or -1. */
LONG fwstore_list_find_named(const struct fw_list *list, const WCHAR *name);
void fwstore_list_free(struct fw_list *list);

/* The two tables of rules: the firewall's (FirewallRules), and Windows Service Hardening's
 * (FW_SERVICES_KEY). A rule's id says which: the services table's ids are its value names with
 * FW_SERVICES_ID_PREFIX in front (no value name of Windows' starts with "|"). */
enum fw_table
{
    FW_TABLE_RULES,
    FW_TABLE_SERVICES
};
#define FW_SERVICES_ID_PREFIX L"|wsh|"
HRESULT fwstore_list_in(enum fw_table table, struct fw_list *list);
HRESULT fwstore_add_in(enum fw_table table, const struct ohn_fw_rule *rule, WCHAR id[FW_ID_MAX + 1]);
HRESULT fwstore_remove_named_in(enum fw_table table, const WCHAR *name);
/* The id of value name in table: FALSE when it would be longer than FW_ID_MAX. */
BOOL fwstore_id(enum fw_table table, const WCHAR *name, WCHAR id[FW_ID_MAX + 1]);
/* Writes a valid rule as rule id, created or replaced: for the fixed ids of a table's own rules
 * (the service restriction's), and fwstore_add's new ones. */
HRESULT fwstore_put(const WCHAR *id, const struct ohn_fw_rule *rule);

/* FW_E_RULE_GONE when there is no such value; HRESULT_FROM_WIN32(ERROR_INVALID_DATA) when it
 * does not decode. */
HRESULT fwstore_read(const WCHAR *id, struct ohn_fw_rule *rule);
/* Stores a valid rule under a new id. */
HRESULT fwstore_add(const struct ohn_fw_rule *rule, WCHAR id[FW_ID_MAX + 1]);
/* Under the lock: reads rule id, lets change() change it, checks and writes it. A change that
 * fails (or leaves the rule invalid: E_INVALIDARG) writes nothing. */
typedef HRESULT (*fw_change)(struct ohn_fw_rule *rule, void *context);
HRESULT fwstore_update(const WCHAR *id, fw_change change, void *context);
/* Removes rule id: FW_E_RULE_GONE when there is none. */
HRESULT fwstore_delete(const WCHAR *id);
/* Removes the first rule whose Name is name (ASCII case ignored): S_FALSE when none. */
HRESULT fwstore_remove_named(const WCHAR *name);
/* Under the lock, every rule that match() accepts gets change(); returns in *matched how many
 * matched. */
HRESULT fwstore_update_all(BOOL (*match)(const struct ohn_fw_rule *rule, void *context), fw_change change,
                           void *context, ULONG *matched);
/* Removes every rule value and every profile setting: Windows' defaults again. */
HRESULT fwstore_restore_defaults(void);

/* The store's lock, which every read-modify-write above takes. A thread may take it again while
 * it holds it (a mutex), so a caller may hold it around several of those calls. */
HRESULT fwstore_lock(HANDLE *lock);
void fwstore_unlock(HANDLE lock);

/* Per-profile settings; profile is one of OHN_FW_PROFILE_DOMAIN, _PRIVATE, _PUBLIC. */
enum fw_setting
{
    FW_SETTING_ENABLED,
    FW_SETTING_DEFAULT_INBOUND,
    FW_SETTING_DEFAULT_OUTBOUND,
    FW_SETTING_BLOCK_ALL_INBOUND,
    FW_SETTING_NOTIFICATIONS_DISABLED,
    FW_SETTING_UNICAST_DISABLED,
    FW_SETTING_COUNT
};
HRESULT fwstore_get_setting(unsigned profile, enum fw_setting setting, DWORD *value);
HRESULT fwstore_set_setting(unsigned profile, enum fw_setting setting, DWORD value);
/* The profile's excluded interfaces, as "{GUID}" strings: a REG_MULTI_SZ block (HeapAlloc'd,
 * NULL and 0 when none). */
HRESULT fwstore_get_excluded(unsigned profile, WCHAR **multi_sz, DWORD *chars);
HRESULT fwstore_set_excluded(unsigned profile, const WCHAR *multi_sz, DWORD chars);

/* Other values of a profile's key or of one of its subkeys (subkey NULL for the key itself):
 * the Windows XP settings (IcmpSettings, RemoteAdminSettings). A get of an absent value gives
 * fallback (a string: S_FALSE and ""); a set of a NULL string deletes it. */
HRESULT fwstore_get_profile_dword(unsigned profile, const WCHAR *subkey, const WCHAR *name, DWORD fallback,
                                  DWORD *value);
HRESULT fwstore_set_profile_dword(unsigned profile, const WCHAR *subkey, const WCHAR *name, DWORD value);
HRESULT fwstore_get_profile_string(unsigned profile, const WCHAR *subkey, const WCHAR *name, WCHAR *buf,
                                   DWORD chars);
HRESULT fwstore_set_profile_string(unsigned profile, const WCHAR *subkey, const WCHAR *name, const WCHAR *value);

HRESULT fwstore_get_current_profiles(DWORD *profiles);
HRESULT fwstore_set_current_profiles(DWORD profiles);

#endif
