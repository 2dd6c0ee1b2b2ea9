/*
 * Gateways that speak PCP (RFC 6887) or NAT-PMP (RFC 6886) instead of UPnP (pcp.c): their
 * discovery, their backends (gateway.h), and the job that keeps their mappings alive.
 *
 * A PCP or NAT-PMP server cannot list its table, and keeps a mapping only while it is renewed.
 * So this backend keeps a record of every mapping this prefix created on a server (registry,
 * HKLM\Software\open-hnetcfg\UPnP\PCP\<server>, both architectures' view): its nonce, to renew
 * and delete it (servers refuse any other), its lease and what the server granted, its
 * description. The collections list these records; the job renews permanent mappings at half
 * the granted lifetime, and creates every mapping again when the server's epoch says it lost
 * its state (a reboot), at once when its ANNOUNCE is heard, else within one check. The job and
 * the listener run while the engine thread runs for something else (engine.h): once nothing of
 * this process needs the gateway they end, and the next user renews what the records hold.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef OHN_GATEWAY_PCP_H
#define OHN_GATEWAY_PCP_H

#include "gateway/gateway.h"

#define OHN_PCP_MAX_SERVERS 4

/* The host's default gateways (next hops of its default routes) and, for each, the local
 * address toward it: from ips/prefixes, the local addresses. */
unsigned ohn_pcp_servers(const uint32_t *ips, const unsigned *prefixes, unsigned n, uint32_t *servers,
                         uint32_t *lan_ips, unsigned max);

/* Asks server, from lan_ip, until window_end, whether it speaks PCP or NAT-PMP: 0 and *out
 * filled (service_type "PCP" or "NAT-PMP") when it does, OHN_IGD_ETIMEOUT when nothing
 * answered. */
int ohn_pcp_discover(uint32_t lan_ip, uint32_t server, uint64_t window_end, struct ohn_igd *out);

/* Called by the engine when it publishes a gateway: registers the lease-check job, and starts
 * listening for the server's announcements when the gateway is a PCP or NAT-PMP one. */
void ohn_pcp_gateway_published(struct ohn_gateway *gw);

#endif
