/*
 * NAT events of the UPnPNAT objects (events.c): each object's callbacks, polled by a job of
 * the engine thread while any object has one.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef OHN_GATEWAY_EVENTS_H
#define OHN_GATEWAY_EVENTS_H

#include <windows.h>
#include <unknwn.h>

struct ohn_events;
HRESULT ohn_events_create(struct ohn_events **out);
void ohn_events_addref(struct ohn_events *ev);
void ohn_events_release(struct ohn_events *ev);
/* Replaces the callback of a kind (0 external address, 1 number of entries); NULL removes it.
 * E_FAIL when the object has neither the callback interface nor IDispatch. */
HRESULT ohn_events_set(struct ohn_events *ev, int kind, IUnknown *callback);

#endif
