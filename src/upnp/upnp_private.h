/*
 * What the UPnPNAT room's two files share (upnp.h says what each is).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef OHN_UPNP_PRIVATE_H
#define OHN_UPNP_PRIVATE_H

#include "upnp/upnp.h"
#include "gateway/gateway.h"

/* The static (dynamic FALSE) or dynamic port-mapping collection of gw (portmap.c). */
HRESULT ohn_port_collection_create(struct ohn_gateway *gw, BOOL dynamic, void **out);

#endif
