/*
 * What the gateway client reads from a router, as pure functions: a device description and a
 * SOAP answer in, what igd.c uses out. No sockets and no clock, so that they are fed fixtures
 * and fuzzed natively (tests/fuzz) with the same miniupnpc parsers the DLL links.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef OHN_IGD_PARSE_H
#define OHN_IGD_PARSE_H

#include <miniupnpc/upnpreplyparse.h>

#include "gateway/igd_data.h"

/* A device description (size bytes of xml) fetched from location on sender: picks the best WAN
 * connection service that has a control URL, and checks that the URL is on sender. Fills
 * out's location, control_url, service_type, responder and facts.service_rank (nothing else).
 * 0, OHN_IGD_EPROTO (not a gateway we can use) or OHN_IGD_ENOMEM. */
int ohn_igd_parse_description(const char *xml, int size, const char *location, uint32_t sender,
                              struct ohn_igd *out);

/* A SOAP answer (size bytes) to action: its values go to *pdata (ClearNameValueList them in
 * every case). 0 for the action's response, the UPnP error code of a fault (> 0), or
 * OHN_IGD_EPROTO for anything else. */
int ohn_igd_parse_answer(const char *buffer, int size, const char *action, struct NameValueParserData *pdata);

/* A mapping entry from the values of a GetSpecificPortMappingEntry answer (generic 0: the
 * protocol, external port and remote host are the caller's) or of a GetGenericPortMappingEntry
 * one (generic 1: they are read too). Returns 1 when the entry is usable (a generic one names
 * TCP or UDP and a port), 0 otherwise. */
int ohn_igd_parse_entry(struct NameValueParserData *pdata, int generic, struct ohn_igd_entry *e);

#endif
