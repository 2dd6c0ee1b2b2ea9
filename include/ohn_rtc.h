/*
 * The portable core of the RTC-style session object: where a participant's URI says the remote
 * party is, and the names that mark the store mappings a session creates as its own (so that
 * the mappings of a process that died can be found and removed). No COM, no Win32: tested
 * natively.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef OHN_RTC_H
#define OHN_RTC_H

#include <stddef.h>
#include <stdint.h>

/* The host of a participant address: "sip:bob@192.0.2.7:5060;transport=udp" gives
 * "192.0.2.7"; so do "sips:", any case, "<sip:bob@192.0.2.7>", "bob@192.0.2.7", "192.0.2.7"
 * and "192.0.2.7:5060";
 * "[2001:db8::1]" gives "2001:db8::1". A "tel:" URI has no host. 0 on success, -1 when there
 * is no host (or it does not fit cap). */
int ohn_uri_host(const char *uri, char *out, size_t cap);

/* RTC_PORT_TYPE values (rtccore.h) and their names in mapping names. */
#define OHN_RTC_PORT_TYPES 5
const char *ohn_rtc_port_name(unsigned port_type); /* "audio RTP" ...; NULL for others */

/* "open-hnetcfg RTC session 1234.01d9aabbccddeeff audio RTP": the process id, its creation
 * time (a reused process id is told apart) and the port type. */
#define OHN_SESSION_NAME_PREFIX "open-hnetcfg RTC session "
#define OHN_SESSION_NAME_MAX 80
int ohn_session_mapping_name(uint32_t pid, uint64_t start, unsigned port_type, char *out, size_t cap);
/* 0 and the fields for a name made by ohn_session_mapping_name, -1 for any other name. */
int ohn_session_mapping_parse(const char *name, uint32_t *pid, uint64_t *start, unsigned *port_type);

#endif
