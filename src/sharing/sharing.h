/*
 * HNetCfg.HNetShare (NetSharingManager): what the sharing room offers the rooms above it and
 * beside it. manager.c is the manager, config.c a connection's INetSharingConfiguration,
 * mapping.c its port mappings, connection.c the host's adapters as INetConnection objects; the
 * mappings live in the store (store/store.h), and a change of the publicly shared connection's
 * mappings is realised on the gateway (gateway/realize.h).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef OHN_SHARING_ROOM_H
#define OHN_SHARING_ROOM_H

#include "com/com.h"

/* HNetCfg.HNetShare. */
HRESULT sharing_manager_create(IUnknown *outer, REFIID riid, void **out);

/* Connections = the host's adapters without loopback (connection.c); the firewall's rules and
 * the RTC session read them too. */
struct connection_info
{
    GUID guid;
    WCHAR name[OHN_CONNECTION_NAME_MAX + 1];   /* display name: stored rename or FriendlyName */
    WCHAR device[OHN_CONNECTION_NAME_MAX + 1]; /* adapter description */
    NETCON_STATUS status;
    NETCON_MEDIATYPE media;
    DWORD characteristics;
};
/* Every present connection, in the adapters' order. *list is HeapAlloc'd. */
HRESULT connection_list(GUID **list, ULONG *count);
/* The first IPv4 address of the connection's adapter (host order): S_FALSE and 0 when it has
 * none or is gone. */
HRESULT connection_ipv4(const GUID *guid, uint32_t *ip);
/* Current properties; an adapter that is gone reports NCS_HARDWARE_NOT_PRESENT. */
HRESULT connection_query(const GUID *guid, struct connection_info *info);

#endif
