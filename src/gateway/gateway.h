/*
 * A gateway in use, and the protocols it may speak as a table of backends (in the manner of
 * libplum's protocol table): UPnP IGD (igd_backend.c over igd.c), PCP and NAT-PMP (pcp.c).
 * UPnPNAT, realisation and the RTC session call ohn_gw_* and never a protocol by name; the
 * engine finds gateways through the finders below and names no protocol either. A new protocol
 * is one file with its backend and finder, and a row in each table (gateway.c).
 *
 * Every operation takes an absolute deadline (ohn_now_ms() clock) and returns 0, a UPnP error
 * code (> 0), or OHN_IGD_E* (< 0): gateway/errors.h turns them into HRESULTs.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef OHN_GATEWAY_H
#define OHN_GATEWAY_H

#include <windows.h>

#include "gateway/igd.h"

enum ohn_gw_protocol
{
    OHN_GW_UPNP = 0,
    OHN_GW_PCP = 1,
    OHN_GW_NATPMP = 2
};

struct ohn_gateway;

struct ohn_gw_backend
{
    const char *name; /* "UPnP IGD", "PCP", "NAT-PMP" (hnetmap upnp status) */
    /* Whether list gives the gateway's whole table (UPnP), or only the mappings this prefix
     * created there (PCP, NAT-PMP: from its records). */
    BOOL lists_table;
    /* One request that shows the gateway answers; *external its external address (0 unknown). */
    int (*ping)(struct ohn_gateway *gw, uint64_t deadline, uint32_t *external);
    int (*external_ip)(struct ohn_gateway *gw, uint64_t deadline, uint32_t *ip);
    int (*add)(struct ohn_gateway *gw, uint64_t deadline, const struct ohn_igd_entry *entry, long *granted);
    int (*remove)(struct ohn_gateway *gw, uint64_t deadline, uint8_t protocol, uint16_t external_port,
                  const char *remote_host);
    int (*get)(struct ohn_gateway *gw, uint64_t deadline, uint8_t protocol, uint16_t external_port,
               const char *remote_host, struct ohn_igd_entry *out);
    int (*list)(struct ohn_gateway *gw, uint64_t deadline, struct ohn_igd_entry **entries, unsigned *count);
    /* Whether a remembered description (engine.c) is one this protocol's discovery makes. */
    BOOL (*plausible)(const struct ohn_igd *igd);
};

extern const struct ohn_gw_backend ohn_backend_igd, ohn_backend_pcp, ohn_backend_natpmp;

/* A device that a finder found, for it to describe. */
struct ohn_gw_candidate
{
    uint32_t sender;               /* the device or server */
    uint32_t lan_ip;               /* our address toward it (0: whichever) */
    uint64_t deadline;             /* for its description */
    const volatile LONG *abandon;  /* non-zero: the engine no longer wants it (may give up) */
    struct ohn_ssdp_answer answer; /* what it answered (SSDP) */
};

/* One way of finding gateways, asked in every discovery (engine.c) in the order of
 * ohn_gw_finders: from the host's IPv4 addresses it yields candidates (devices that answered a
 * search, or servers to ask), each described on a thread of its own; the engine ranks what they
 * describe. */
struct ohn_gw_finder
{
    const char *name;
    /* A candidate's description must be done before the search window ends (a question asked at
     * once, answered within it); otherwise it gets OHN_PROBE_MS from when it answered. */
    BOOL within_window;
    /* Starts asking; 0 and *search, else nothing to ask. */
    int (*start)(const uint32_t *ips, const unsigned *prefixes, unsigned n, void **search);
    /* The next candidate, waiting until deadline at most: 1 and *out; 0 when none came by then
     * (the engine asks again, until its window ends); -1 when there is no more. */
    int (*next)(void *search, uint64_t deadline, struct ohn_gw_candidate *out);
    void (*stop)(void *search);
    /* Describes a candidate, until its deadline: 0 and *igd when it is a gateway. */
    int (*describe)(const struct ohn_gw_candidate *candidate, struct ohn_igd *igd);
    /* The engine has published gw, of whichever protocol (NULL: nothing follows from it). */
    void (*published)(struct ohn_gateway *gw);
};

/* What a device that answered a search gets to describe itself (engine.h: the bounds). */
#define OHN_PROBE_MS 1500

extern const struct ohn_gw_finder ohn_finder_ssdp, ohn_finder_pcp;
extern const struct ohn_gw_finder *const ohn_gw_finders[];
extern const unsigned ohn_gw_finder_count;

/* A gateway in use: immutable but for the two learned fields, counted.
 *
 * igd describes it for every protocol: for PCP and NAT-PMP, location is "pcp://a.b.c.d:5351/"
 * or "natpmp://a.b.c.d:5351/" (the identity under which ownership records are kept),
 * service_type "PCP" or "NAT-PMP", control_url empty, responder the server. */
struct ohn_gateway
{
    LONG refs;
    enum ohn_gw_protocol protocol;
    const struct ohn_gw_backend *backend;
    struct ohn_igd igd;
    unsigned lan_prefix; /* of igd.lan_ip's network, for "is the target on its LAN" */
    /* What the gateway made of a permanent lease, learned by realize.c from the first mapping
     * it created there (miniupnpd makes it a week), so that later ones need no read-back:
     * permanent_lease is valid once permanent_learned is set (both written once). */
    volatile LONG permanent_lease;
    volatile LONG permanent_learned;
};

void ohn_gateway_addref(struct ohn_gateway *gw);
void ohn_gateway_release(struct ohn_gateway *gw);
/* The protocol an igd description names (its service_type), and its backend. */
enum ohn_gw_protocol ohn_gw_protocol_of(const struct ohn_igd *igd);
const struct ohn_gw_backend *ohn_gw_backend_of(enum ohn_gw_protocol protocol);

static inline int ohn_gw_ping(struct ohn_gateway *gw, uint64_t deadline, uint32_t *external)
{
    return gw->backend->ping(gw, deadline, external);
}
static inline int ohn_gw_external_ip(struct ohn_gateway *gw, uint64_t deadline, uint32_t *ip)
{
    return gw->backend->external_ip(gw, deadline, ip);
}
static inline int ohn_gw_add(struct ohn_gateway *gw, uint64_t deadline, const struct ohn_igd_entry *entry,
                             long *granted)
{
    return gw->backend->add(gw, deadline, entry, granted);
}
static inline int ohn_gw_remove(struct ohn_gateway *gw, uint64_t deadline, uint8_t protocol,
                                uint16_t external_port, const char *remote_host)
{
    return gw->backend->remove(gw, deadline, protocol, external_port, remote_host);
}
static inline int ohn_gw_get(struct ohn_gateway *gw, uint64_t deadline, uint8_t protocol, uint16_t external_port,
                             const char *remote_host, struct ohn_igd_entry *out)
{
    return gw->backend->get(gw, deadline, protocol, external_port, remote_host, out);
}
static inline int ohn_gw_list(struct ohn_gateway *gw, uint64_t deadline, struct ohn_igd_entry **entries,
                              unsigned *count)
{
    return gw->backend->list(gw, deadline, entries, count);
}

#endif
