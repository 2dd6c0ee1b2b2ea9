/*
 * Name resolution with a deadline (resolve.c).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef OHN_GATEWAY_RESOLVE_H
#define OHN_GATEWAY_RESOLVE_H

#include <stdint.h>
#include <windows.h>

/* A dotted IPv4 address, or a name resolved within deadline; E_INVALIDARG else. */
HRESULT ohn_resolve_ipv4(const WCHAR *name, size_t len, uint64_t deadline, uint32_t *ip);

#endif
