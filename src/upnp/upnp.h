/*
 * HNetCfg.NATUPnP (UPnPNAT): nat.c is the object and its NAT event manager, portmap.c the
 * static and dynamic port-mapping collections and mappings; both work through the gateway
 * engine (gateway/engine.h), whichever protocol the gateway speaks.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef OHN_UPNP_ROOM_H
#define OHN_UPNP_ROOM_H

#include "com/com.h"

HRESULT upnpnat_create(IUnknown *outer, REFIID riid, void **out);

#endif
