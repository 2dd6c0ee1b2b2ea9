/*
 * What the sharing room's files share among themselves (sharing.h says what each is).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef OHN_SHARING_PRIVATE_H
#define OHN_SHARING_PRIVATE_H

#include "sharing/sharing.h"
#include "store/store.h"

HRESULT sharing_config_create(const GUID *connection, INetSharingConfiguration **out);
HRESULT connection_create(const GUID *guid, INetConnection **out);
HRESULT connection_props_create(const GUID *guid, INetConnectionProps **out);
HRESULT connection_snapshot_create(int role_filter, struct ohn_snapshot **out);
/* The object of stored record id of connection (it holds its own reference to conn). */
HRESULT port_mapping_create(struct store_conn *conn, const GUID *connection, uint32_t id,
                            const struct ohn_mapping *record, INetSharingPortMapping **out);
/* If mapping is one of ours, its connection; S_FALSE for a foreign object. */
HRESULT port_mapping_identity(INetSharingPortMapping *mapping, GUID *connection);
/* Deletes the record of one of our mapping objects (E_INVALIDARG for a foreign object). */
HRESULT port_mapping_delete(INetSharingPortMapping *mapping);
/* hr, after applying a successful change of the store on the UPnP gateway (gateway/realize.c):
 * of one mapping of connection (record: its protocol and port), or with NULLs of the sharing
 * roles. */
HRESULT realized(const GUID *connection, const struct ohn_mapping *record, HRESULT hr);

#endif
