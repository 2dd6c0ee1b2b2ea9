/*
 * The persistent mapping store: the prefix's registry, under
 *   HKLM\Software\open-hnetcfg\Sharing
 *     Roles                       REG_BINARY  public and private connection (ohn_sharing)
 *     Connections\{guid}
 *       Name                      REG_SZ      display name set by INetConnection::Rename
 *       Firewall                  REG_DWORD   1 when the firewall is enabled
 *       PortMappings
 *         TCP-00xxx               a group: the records of TCP ports 1..999 (ohn_shard_name)
 *           TCP-00555             REG_BINARY  one record: its id and all its fields (ohn_stored)
 *
 * Records are grouped by thousands of the port because Wine's registry keeps a key's values in
 * one sorted array: deleting the first of 10,000 values moves all the others, and a client
 * that deletes what it enumerates does exactly that. A group key, once created, stays.
 *
 * A record is one value, written in one call, so a reader sees all of it or nothing. The
 * 64-bit registry view is used from 32-bit and 64-bit processes alike.
 *
 * The registry has no create-if-absent for values, so writers of one connection's mappings
 * (threads and processes) serialise on a lock in a named shared section, the connection's
 * index (index.h). The index also says which (protocol, port) holds a record and that
 * record's id, so adding, enabling and deleting cost one registry request each and a stale
 * mapping object (its record deleted, perhaps re-added since) is told apart without asking
 * the registry. The registry stays the truth: the index is rebuilt from it by the first
 * process that opens it, and by whoever takes the lock from a process that died holding it.
 * Records of the first layout (one key per mapping, value Record) are moved into their group
 * at that point.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef OHN_STORE_H
#define OHN_STORE_H

#include <windows.h>

#include "ohn_core.h"

/* HRESULT of a call on a port-mapping object whose stored record was deleted (by this or
 * another process) after the object was handed out. */
#define OHN_E_MAPPING_GONE HRESULT_FROM_WIN32(ERROR_NOT_FOUND)

#define OHN_STORE_KEY L"Software\\open-hnetcfg\\Sharing"

/* A connection's mappings in this process: its PortMappings key and its shared index. */
struct store_conn;

/* Opens (creating them if needed) the connection's PortMappings key and index; shared by
 * every user in the process, counted. */
HRESULT store_conn_open(const GUID *connection, struct store_conn **out);
void store_conn_addref(struct store_conn *conn);
void store_conn_release(struct store_conn *conn);

/* Adds m, disabled or not as m says, and gives it a new id.
 * HRESULT_FROM_WIN32(ERROR_OBJECT_ALREADY_EXISTS) when (protocol, external port) is taken. */
HRESULT store_mapping_add(struct store_conn *conn, const struct ohn_mapping *m, uint32_t *id);
/* Reads record id of (m->protocol, m->external_port); OHN_E_MAPPING_GONE once it was deleted. */
HRESULT store_mapping_read(struct store_conn *conn, const struct ohn_mapping *m, uint32_t id,
                           struct ohn_mapping *out);
/* Rewrites record id (whose fixed fields are m's) with enabled set; OHN_E_MAPPING_GONE once it
 * was deleted. */
HRESULT store_mapping_set_enabled(struct store_conn *conn, const struct ohn_mapping *m, uint32_t id, int enabled);
/* Deletes record id; OHN_E_MAPPING_GONE when it was deleted already. */
HRESULT store_mapping_delete(struct store_conn *conn, const struct ohn_mapping *m, uint32_t id);
/* The current record of (protocol, port), read without the lock: S_FALSE when there is none
 * or the value is not readable as that record. */
HRESULT store_mapping_find(struct store_conn *conn, unsigned protocol, unsigned port, struct ohn_mapping *out,
                           uint32_t *id);
/* Whether record id of (protocol, port) is still stored, as far as the index knows. */
BOOL store_mapping_current(struct store_conn *conn, unsigned protocol, unsigned port, uint32_t id);

/* Every readable record (with enabled_only, every enabled one), in the registry's order: item
 * i is the stored encoding (ohn_stored) of size[i] bytes at data + offset[i]. store_list_free
 * releases it. */
struct store_list
{
    ULONG count;
    DWORD *offset;
    DWORD *size;
    BYTE *data;
};
void store_list_free(struct store_list *list);
HRESULT store_mapping_list(struct store_conn *conn, BOOL enabled_only, struct store_list *list);

/* Named locks of the prefix (threads and processes), for a read-modify-write of the store
 * that must be atomic: the roles value, and a rename checked against the other names. */
#define STORE_ROLES_LOCK L"Local\\open-hnetcfg-roles"
#define STORE_NAMES_LOCK L"Local\\open-hnetcfg-names"
HRESULT store_lock(const WCHAR *name, HANDLE *out);
void store_unlock(HANDLE lock);

HRESULT store_get_roles(struct ohn_sharing *roles);
/* The roles as this process last read them, read again only when a store_set_role of the
 * prefix changed them since: no registry request on the hot path. A change made behind the
 * DLL's back is not noticed; use it only where that is harmless. */
HRESULT store_roles_cached(struct ohn_sharing *roles);
/* Changes the roles of connection under a process-wide lock: role OHN_ROLE_NONE removes it. */
HRESULT store_set_role(const GUID *connection, int role);

HRESULT store_get_firewall(const GUID *connection, BOOL *enabled);
HRESULT store_set_firewall(const GUID *connection, BOOL enabled);

/* S_FALSE (and an empty string) when the connection was never renamed. */
HRESULT store_get_name(const GUID *connection, WCHAR *buf, DWORD chars);
HRESULT store_set_name(const GUID *connection, const WCHAR *name);

/* Internal to src/store. */
HRESULT store_hr_from_reg(LONG err); /* ERROR_KEY_DELETED -> OHN_E_MAPPING_GONE */
/* S_FALSE when create is not set and the connection has no key. */
HRESULT store_open_connection_key(const GUID *connection, BOOL create, HKEY *out);
HRESULT store_open_mappings_key(const GUID *connection, HKEY *out);

#endif
