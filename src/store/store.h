/*
 * The persistent mapping store: the prefix's registry, under
 *   HKLM\Software\open-hnetcfg\Sharing
 *     Roles                       REG_BINARY  public and private connection (ohn_sharing)
 *     Connections\{guid}
 *       Name                      REG_SZ      display name set by INetConnection::Rename
 *       Firewall                  REG_DWORD   1 when the firewall is enabled
 *       PortMappings\TCP-00555    one key per mapping, keyed by (protocol, external port)
 *         Record                  REG_BINARY  the whole mapping (ohn_mapping encoding)
 *
 * Why one key per mapping: creating a key is the registry's only atomic create-if-absent, so
 * two writers (threads or processes) adding the same (protocol, port) cannot both succeed and
 * none needs a lock. A mapping object keeps its key open: a later write through that handle
 * fails with ERROR_KEY_DELETED once anybody deleted the record, so a stale object never
 * resurrects or edits a newer record with the same identity. A record is one value, written in
 * one call, so a reader sees all of it or nothing. The 64-bit registry view is used from 32-bit
 * and 64-bit processes alike.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef OHN_STORE_H
#define OHN_STORE_H

#include <windows.h>

#include "ohn_core.h"

#define OHN_STORE_KEY L"Software\\open-hnetcfg\\Sharing"

/* Opens (creating if needed) the PortMappings key of a connection. */
HRESULT store_open_mappings(const GUID *connection, HKEY *out);

/* Adds a record under mappings: HRESULT_FROM_WIN32(ERROR_OBJECT_ALREADY_EXISTS) when
 * (protocol, external port) is taken. On success *out is the new record's own key. */
HRESULT store_mapping_add(HKEY mappings, const struct ohn_mapping *m, HKEY *out);
/* Opens the record named name (a key name such as "TCP-00555") and reads it. S_FALSE when
 * there is no such record (or it is not readable as one). */
HRESULT store_mapping_open(HKEY mappings, const WCHAR *name, HKEY *out, struct ohn_mapping *m);
/* Reads the record behind an open key; OHN_E_MAPPING_GONE once it was deleted. */
HRESULT store_mapping_read(HKEY key, struct ohn_mapping *m);
/* Rewrites the record with enabled set; OHN_E_MAPPING_GONE once it was deleted. */
HRESULT store_mapping_set_enabled(HKEY key, const struct ohn_mapping *m, int enabled);
/* Deletes the record behind an open key; OHN_E_MAPPING_GONE when it was already deleted. */
HRESULT store_mapping_delete(HKEY key);

/* Names of the records under mappings, in the registry's order. *names is HeapAlloc'd,
 * OHN_KEY_NAME_LEN units per name. */
HRESULT store_mapping_names(HKEY mappings, WCHAR (**names)[OHN_KEY_NAME_LEN], ULONG *count);

HRESULT store_get_roles(struct ohn_sharing *roles);
/* Changes the roles of connection under a process-wide lock: role OHN_ROLE_NONE removes it. */
HRESULT store_set_role(const GUID *connection, int role);

HRESULT store_get_firewall(const GUID *connection, BOOL *enabled);
HRESULT store_set_firewall(const GUID *connection, BOOL enabled);

/* S_FALSE (and an empty string) when the connection was never renamed. */
HRESULT store_get_name(const GUID *connection, WCHAR *buf, DWORD chars);
HRESULT store_set_name(const GUID *connection, const WCHAR *name);

#endif
