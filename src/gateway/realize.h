/*
 * Realising the ICS mappings of the publicly shared connection on the gateway (realize.c),
 * through whichever protocol the gateway speaks.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef OHN_GATEWAY_REALIZE_H
#define OHN_GATEWAY_REALIZE_H

#include <stdint.h>
#include <windows.h>

/* After a change made through the API: applies it before returning, within OHN_CALL_BOUND_MS
 * (later, in the background, when the gateway is unknown or slow). */
void ohn_realize_after_change(void);
/* The same for a change of one mapping of the public connection (Enable, Disable, Delete,
 * RemovePortMapping): that key alone, one check request and at most one change; a whole pass
 * when an earlier change failed or timed out. */
void ohn_realize_key_after_change(const GUID *connection, uint8_t protocol, uint16_t port);
/* At the first use of the DLL in a process, and periodically: in the background. */
void ohn_realize_background(void);
/* The whole store against the gateway now (hnetmap upnp sync); waits within the bound. */
HRESULT ohn_realize_sync(void);
/* Removes from the gateway every ICS mapping this DLL created (realisation turned off). */
HRESULT ohn_realize_withdraw(void);
BOOL ohn_realize_enabled(void);
HRESULT ohn_realize_set_enabled(BOOL enabled);
/* The realisation state of one mapping of a connection, as text (ohn_rz_state_name, or "off",
 * "no gateway", "not public"). *text is a static string. */
HRESULT ohn_realize_state(const GUID *connection, uint8_t protocol, uint16_t port, const char **text);

#endif
