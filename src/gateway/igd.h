/*
 * The gateway client: SSDP discovery (our own, so that each answer's sender is known), device
 * descriptions and SOAP actions through miniupnpc, with every value escaped on the way out and
 * unescaped on the way back. Synchronous calls with a deadline, no COM, no threads: the same
 * file is built into hnetcfg.dll and natively (tests/core) against Debian's libminiupnpc.
 *
 * Every call that talks to the network takes an absolute deadline (ohn_now_ms() clock). Under
 * Windows the library's own sockets are bounded by it too (net_bounds.c): its connect gets a
 * timeout, its reads a size limit.
 *
 * Results: 0 success; > 0 the UPnP error code the gateway answered (ohn_upnp.h: 718 ...);
 * < 0 OHN_IGD_E*.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef OHN_IGD_H
#define OHN_IGD_H

#include <stdint.h>

#include "gateway/igd_data.h"

/* Platform hooks (net_bounds.c under Windows, tests/core/platform_posix.c natively). */
uint64_t ohn_now_ms(void);
/* Bounds the library's socket calls made by this thread until the next call: their deadline
 * and how many bytes they may read. */
void ohn_net_budget(uint64_t deadline, uint32_t max_bytes);
/* Whether the last library call of this thread gave up because of its deadline, or had an
 * answer longer than its byte budget. */
int ohn_net_timed_out(void);
int ohn_net_overflowed(void);

/* SSDP: searches for every target of ohn_ssdp_targets from each local address given (none:
 * the default interface), MX 1. */
struct ohn_ssdp;
int ohn_ssdp_start(const uint32_t *local_ips, unsigned count, struct ohn_ssdp **out);
/* The next answer until deadline: 1 (answer and its sender filled in), 0 timed out. Answers
 * that do not parse are skipped; each LOCATION is returned once. */
int ohn_ssdp_next(struct ohn_ssdp *s, uint64_t deadline, struct ohn_ssdp_answer *answer, uint32_t *sender);
void ohn_ssdp_stop(struct ohn_ssdp *s);

/* Fetches and checks the description of an answer from sender: the LOCATION and the control
 * URL must both be on sender; then GetStatusInfo and GetExternalIPAddress give its facts.
 * OHN_IGD_EPROTO for a device that is not a gateway we can use. */
int ohn_igd_describe(const struct ohn_ssdp_answer *answer, uint32_t sender, uint64_t deadline, struct ohn_igd *out);

/* GetExternalIPAddress; *ip is 0 when the gateway has none. */
int ohn_igd_external_ip(const struct ohn_igd *igd, uint64_t deadline, uint32_t *ip);

/* AddPortMapping. description is plain UTF-8 (escaped here). *granted is the lease that was
 * accepted: lease, or what ohn_lease_fallback led to after 725 or a refused permanent lease. */
int ohn_igd_add(const struct ohn_igd *igd, uint64_t deadline, const struct ohn_igd_entry *entry, long *granted);
int ohn_igd_delete(const struct ohn_igd *igd, uint64_t deadline, uint8_t protocol, uint16_t external_port,
                   const char *remote_host);
/* GetSpecificPortMappingEntry: 0 and *out, OHN_UPNP_NO_SUCH_ENTRY when there is none. */
int ohn_igd_get(const struct ohn_igd *igd, uint64_t deadline, uint8_t protocol, uint16_t external_port,
                const char *remote_host, struct ohn_igd_entry *out);
/* The whole table, GetGenericPortMappingEntry by GetGenericPortMappingEntry until 713 (igd.c
 * says why not IGDv2's GetListOfPortMappings). *entries is malloc'd. */
int ohn_igd_list(const struct ohn_igd *igd, uint64_t deadline, struct ohn_igd_entry **entries, unsigned *count);

/* "TCP"/"UDP" for 6/17, NULL otherwise. */
const char *ohn_igd_protocol_name(uint8_t protocol);

#endif
