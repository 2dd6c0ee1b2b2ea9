/*
 * The portable core of the UPnP gateway engine: no COM, no Win32, no sockets. SSDP answers
 * and URLs are parsed here, SOAP values escaped, gateways scored, leases scheduled, the ICS
 * mappings planned onto the gateway and ownership records encoded, so that all of it is
 * tested natively with sanitizers and fed fixtures (tests/core).
 *
 * Addresses are IPv4 in host byte order (a.b.c.d = a << 24 | ...). Times are milliseconds of
 * one monotonic clock unless a name says seconds.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef OHN_UPNP_H
#define OHN_UPNP_H

#include <stddef.h>
#include <stdint.h>

/* SSDP (UPnP Device Architecture 1.1, 1.3.2/1.3.3): the multicast group and what we search. */
#define OHN_SSDP_ADDR 0xeffffffau /* 239.255.255.250 */
#define OHN_SSDP_PORT 1900
#define OHN_SSDP_MAX 1500          /* one datagram; longer answers are not read */
#define OHN_URL_MAX 256
#define OHN_ST_MAX 128

/* The search targets sent, best gateway kind first. */
extern const char *const ohn_ssdp_targets[];
#define OHN_SSDP_TARGETS 5

/* An M-SEARCH for st with MX mx seconds (1..5); returns its length, 0 if cap is too small. */
size_t ohn_ssdp_search(char *buf, size_t cap, const char *st, unsigned mx);

struct ohn_ssdp_answer
{
    char location[OHN_URL_MAX];
    char st[OHN_ST_MAX];
    char usn[OHN_ST_MAX];
};

/* Parses one SSDP answer ("HTTP/1.1 200 OK" and headers, names case-insensitive). Needs a
 * LOCATION; ST and USN may be missing (empty). 0 on success, -1 when it is not an answer. */
int ohn_ssdp_parse(const char *msg, size_t len, struct ohn_ssdp_answer *out);

/* Strict http://a.b.c.d[:port][/path] (a literal IPv4 address, as a LAN device gives; names
 * are refused: resolving them could block, and a LOCATION must be the device that answered).
 * *path points into url ("/" when there is none). 0 on success, -1 otherwise. */
int ohn_url_parse(const char *url, uint32_t *ip, uint16_t *port, const char **path);

/* Whether url (absolute) names exactly host ip. */
int ohn_url_host_is(const char *url, uint32_t ip);

/* Dotted IPv4 text to host order; strict (four decimal parts 0..255, no leading zeros). */
int ohn_ipv4_parse(const char *s, uint32_t *ip);
void ohn_ipv4_format(uint32_t ip, char out[16]);
/* 10/8, 172.16/12, 192.168/16, 100.64/10 (CGNAT), 169.254/16, 127/8, 0/8: not a public address. */
int ohn_ipv4_is_private(uint32_t ip);
int ohn_ipv4_same_subnet(uint32_t a, uint32_t b, unsigned prefix_len);

/* XML character data: escape &, <, >, " and ' (SOAP arguments), and undo the five entities
 * and numeric character references (what gateways send back). Both return the output length,
 * or -1 when cap is too small (out is then empty). */
int ohn_xml_escape(const char *in, char *out, size_t cap);
int ohn_xml_unescape(const char *in, char *out, size_t cap);

/* Which kind of WAN connection service a serviceType is: 3 WANIPConnection:2,
 * 2 WANIPConnection:1, 1 WANPPPConnection:1, 0 none that we use. */
int ohn_gw_service_rank(const char *service_type);

struct ohn_gw_facts
{
    int service_rank;     /* ohn_gw_service_rank */
    int connected;        /* GetStatusInfo said Connected */
    uint32_t external_ip; /* GetExternalIPAddress; 0 when none */
};

/* Higher is better: a connected gateway with an external address beats any other, a public
 * address beats a private one (double NAT), then the service kind decides. */
int ohn_gw_score(const struct ohn_gw_facts *facts);
/* The score nothing can beat: discovery may stop as soon as a candidate has it. */
#define OHN_GW_SCORE_BEST 113

/* UPnP error codes of WANIPConnection/WANPPPConnection that the engine acts on. */
#define OHN_UPNP_INVALID_ARGS 402
#define OHN_UPNP_NO_SUCH_ENTRY 714
#define OHN_UPNP_CONFLICT 718
#define OHN_UPNP_ONLY_PERMANENT 725
#define OHN_UPNP_ARRAY_INDEX_INVALID 713

/* Leases (seconds). A lease of 0 is permanent. After a refused request of `requested`, the
 * next lease to try, or -1 to give up: 725 (OnlyPermanentLeasesSupported) -> 0; a refused
 * permanent lease (402 or 724/726 from IGDv2 routers) -> the longest finite one, then shorter
 * ones (OHN_LEASE_STEPS). */
#define OHN_LEASE_LONGEST 604800
long ohn_lease_fallback(long requested, int upnp_error);

/* When to renew a lease granted at granted_at (ms) for lease seconds: at half of it (so a
 * forgetful gateway is noticed within one renewal period). 0 for a permanent lease. */
uint64_t ohn_lease_renew_at(uint64_t granted_at, long lease);

/* Ownership records: every mapping the DLL creates on a gateway, so that it only ever renews
 * or removes its own. Encoded in 48 bytes, little-endian, versioned. */
enum ohn_owner_kind
{
    OHN_OWNER_ICS = 1,     /* realises an enabled ICS mapping of the store */
    OHN_OWNER_SESSION = 2, /* media port of an RTC session of process pid */
};

struct ohn_owned
{
    uint8_t protocol;      /* 6 or 17 */
    uint8_t kind;          /* ohn_owner_kind */
    uint16_t external_port;
    uint32_t internal_ip;
    uint16_t internal_port;
    int32_t lease;         /* granted lease in seconds, 0 permanent */
    uint64_t expires;      /* seconds since 1970 when the lease runs out, 0 never */
    uint32_t owner_pid;    /* OHN_OWNER_SESSION: the process */
    uint64_t owner_start;  /* its creation time (tells a reused pid apart) */
};

#define OHN_OWNED_SIZE 48
size_t ohn_owned_encode(const struct ohn_owned *o, uint8_t *buf, size_t cap);
int ohn_owned_decode(const uint8_t *buf, size_t len, struct ohn_owned *o);

/* Realising the enabled ICS mappings of the publicly shared connection on a gateway: the plan
 * for one (protocol, external port), from what is wanted, what we recorded as created, and what
 * the gateway has there now. */
struct ohn_rz_want
{
    int present;          /* an enabled mapping of the public connection */
    uint32_t internal_ip; /* its target; 0 when the name did not resolve */
    uint16_t internal_port;
};

struct ohn_rz_gateway
{
    int present;          /* GetSpecificPortMappingEntry found an entry */
    uint32_t internal_ip;
    uint16_t internal_port;
};

enum ohn_rz_action
{
    OHN_RZ_NOTHING,
    OHN_RZ_ADD,           /* create it, then record it */
    OHN_RZ_REPLACE,       /* ours with an old target: delete it, create the wanted one */
    OHN_RZ_RENEW,         /* ours, live, lease half gone: add it again */
    OHN_RZ_DELETE,        /* ours and no longer wanted: delete it and its record */
    OHN_RZ_FORGET,        /* our record, but the gateway has something else or nothing: drop the record */
};

enum ohn_rz_state
{
    OHN_RZS_NONE,         /* nothing wanted here */
    OHN_RZS_LIVE,         /* on the gateway, ours */
    OHN_RZS_PENDING,      /* wanted, being created */
    OHN_RZS_MATCHING,     /* on the gateway as wanted, but not created by us: left alone */
    OHN_RZS_CONFLICT,     /* another client's mapping holds the port: reported, not forced */
    OHN_RZS_UNREACHABLE,  /* the target is not on the gateway's LAN */
    OHN_RZS_UNRESOLVED,   /* the target name does not resolve */
};

struct ohn_rz_plan
{
    enum ohn_rz_action action;
    enum ohn_rz_state state;  /* after the action succeeds */
};

/* lan_ip/lan_prefix: our address toward the gateway and its prefix length. owned is NULL when
 * there is no record. now_s: seconds since 1970, for renewals. */
struct ohn_rz_plan ohn_rz_plan(const struct ohn_rz_want *want, const struct ohn_owned *owned,
                               const struct ohn_rz_gateway *gateway, uint32_t lan_ip, unsigned lan_prefix,
                               uint64_t now_s);
const char *ohn_rz_state_name(enum ohn_rz_state state);

#endif
