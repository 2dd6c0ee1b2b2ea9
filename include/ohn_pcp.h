/*
 * The portable core of the NAT-PMP (RFC 6886) and PCP (RFC 6887) gateway protocols: request
 * encoders, answer decoders that check every field, and the epoch rule that tells a server's
 * reboot. No sockets and no COM: the engine sends and receives, this code says what a packet
 * is. Tested natively with sanitizers (tests/core/test_pcp.c).
 *
 * Addresses are IPv4 in network order (a[0] is the first byte); PCP's 16-byte fields carry them
 * IPv4-mapped (::ffff:a.b.c.d). Lifetimes and epochs are seconds.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef OHN_PCP_H
#define OHN_PCP_H

#include <stddef.h>
#include <stdint.h>

#define OHN_PCP_PORT 5351          /* the server's port, both protocols */
#define OHN_PCP_ANNOUNCE_PORT 5350 /* where clients hear ANNOUNCE / NAT-PMP address changes */
#define OHN_PCP_MAX_PACKET 1100    /* RFC 6887 §7 */

#define OHN_NATPMP_VERSION 0
#define OHN_PCP_VERSION 2

/* NAT-PMP result codes (RFC 6886 §3.5). */
enum
{
    OHN_NATPMP_SUCCESS = 0,
    OHN_NATPMP_UNSUPP_VERSION = 1,
    OHN_NATPMP_NOT_AUTHORIZED = 2,
    OHN_NATPMP_NETWORK_FAILURE = 3,
    OHN_NATPMP_NO_RESOURCES = 4,
    OHN_NATPMP_UNSUPP_OPCODE = 5
};

/* PCP result codes (RFC 6887 §7.4). */
enum
{
    OHN_PCP_SUCCESS = 0,
    OHN_PCP_UNSUPP_VERSION = 1,
    OHN_PCP_NOT_AUTHORIZED = 2,
    OHN_PCP_MALFORMED_REQUEST = 3,
    OHN_PCP_UNSUPP_OPCODE = 4,
    OHN_PCP_UNSUPP_OPTION = 5,
    OHN_PCP_MALFORMED_OPTION = 6,
    OHN_PCP_NETWORK_FAILURE = 7,
    OHN_PCP_NO_RESOURCES = 8,
    OHN_PCP_UNSUPP_PROTOCOL = 9,
    OHN_PCP_USER_EX_QUOTA = 10,
    OHN_PCP_CANNOT_PROVIDE_EXTERNAL = 11,
    OHN_PCP_ADDRESS_MISMATCH = 12,
    OHN_PCP_EXCESSIVE_REMOTE_PEERS = 13
};

#define OHN_PCP_OP_ANNOUNCE 0
#define OHN_PCP_OP_MAP 1

#define OHN_PCP_NONCE_SIZE 12

/* What a decoder says of a packet. */
enum ohn_pcp_verdict
{
    OHN_PCP_ANSWER = 0,   /* the answer to the request, fields filled (its result may be an error) */
    OHN_PCP_NOT_OURS,     /* well formed, but not the answer to this request (other nonce, port...) */
    OHN_PCP_MALFORMED,    /* not a packet of the protocol: size, version, reserved bits */
    OHN_PCP_OLD_VERSION   /* a NAT-PMP server's answer to a PCP request: UNSUPP_VERSION in v0 form */
};

/* ---- NAT-PMP ---- */

/* The public address request: 2 bytes. */
size_t ohn_natpmp_encode_address(uint8_t *buf, size_t cap);
/* A mapping request (protocol 6 or 17; lifetime 0 with external port 0 deletes): 12 bytes. */
size_t ohn_natpmp_encode_map(uint8_t *buf, size_t cap, unsigned protocol, unsigned internal_port,
                             unsigned external_port, uint32_t lifetime);

struct ohn_natpmp_answer
{
    unsigned opcode; /* of the request answered (0, 1 UDP, 2 TCP) */
    unsigned result;
    uint32_t epoch;
    uint8_t external[4];        /* address answers */
    unsigned internal_port;     /* mapping answers */
    unsigned external_port;
    uint32_t lifetime;
};

/* The answer to a request of opcode (0, 1 or 2) for internal_port (mapping requests). */
enum ohn_pcp_verdict ohn_natpmp_decode(const uint8_t *buf, size_t len, unsigned opcode, unsigned internal_port,
                                       struct ohn_natpmp_answer *out);

/* ---- PCP ---- */

struct ohn_pcp_map
{
    uint8_t nonce[OHN_PCP_NONCE_SIZE];
    uint8_t client[4];            /* the client's own address, as the server sees it */
    unsigned protocol;            /* 6, 17; 0 for all protocols */
    unsigned internal_port;       /* 1..65535 (0 only with protocol 0) */
    unsigned external_port;       /* suggested (request) or assigned (answer); 0 for any */
    uint8_t external[4];          /* suggested (request, 0.0.0.0 for any) or assigned (answer) */
    uint32_t lifetime;            /* requested, or granted; 0 deletes */
};

/* A MAP request: 60 bytes. */
size_t ohn_pcp_encode_map(uint8_t *buf, size_t cap, const struct ohn_pcp_map *req);
/* An ANNOUNCE request (to learn the epoch): 24 bytes. */
size_t ohn_pcp_encode_announce(uint8_t *buf, size_t cap, const uint8_t client[4]);

struct ohn_pcp_answer
{
    unsigned opcode;
    unsigned result;
    uint32_t lifetime;
    uint32_t epoch;
    struct ohn_pcp_map map; /* MAP answers */
};

/* The answer to req (a MAP) or to an ANNOUNCE (req NULL): a MAP answer must carry req's nonce,
 * protocol and internal port; options are skipped when well formed. */
enum ohn_pcp_verdict ohn_pcp_decode(const uint8_t *buf, size_t len, const struct ohn_pcp_map *req,
                                    struct ohn_pcp_answer *out);
/* An unsolicited ANNOUNCE (RFC 6887 §14.1.3), multicast or unicast: its epoch. */
int ohn_pcp_decode_announce(const uint8_t *buf, size_t len, uint32_t *epoch);

/* ---- epochs ---- */

/* Whether a server's epoch is consistent with the last one seen (RFC 6887 §8.5, the same
 * rule as RFC 6886 §3.6): prev_server and now_server are its epochs, prev_client and
 * now_client our clock (seconds) when each arrived. 0 means the server lost its state (a
 * reboot): every mapping must be made again. */
int ohn_pcp_epoch_valid(uint32_t prev_server, uint32_t prev_client, uint32_t now_server, uint32_t now_client);

/* ---- retransmission ---- */

/* Milliseconds to wait after sending attempt number attempt (0 the first) before sending again:
 * NAT-PMP 250 ms doubling (RFC 6886 §3.1); PCP an initial 3 s doubling up to 1024 s, each
 * varied by rand in [-10 %, +10 %] (RFC 6887 §8.1.1; rand 0..65535, 32768 none). Callers stop at
 * their own deadline. */
uint32_t ohn_pcp_retransmit_ms(unsigned version, unsigned attempt, unsigned rand);

/* ---- the mappings a client created ---- */

/* What the client keeps of a mapping it made on a PCP or NAT-PMP server (a server cannot list
 * its table): enough to list it, renew it with the same nonce, delete it, or create it again
 * after the server lost its state. */
#define OHN_PCP_DESC_MAX 800 /* bytes of UTF-8, as UPnP's */

struct ohn_pcp_record
{
    unsigned version;        /* OHN_PCP_VERSION or OHN_NATPMP_VERSION: the protocol it was made with */
    unsigned protocol;       /* 6 or 17 */
    unsigned external_port;
    unsigned internal_port;
    uint8_t internal[4];
    int enabled;             /* 0: kept, not on the server */
    uint32_t lease;          /* asked for: 0 permanent (the longest the server grants, renewed) */
    uint32_t granted;        /* the lifetime the server granted last */
    uint64_t granted_at;     /* when (seconds since 1970), 0 never */
    uint8_t nonce[OHN_PCP_NONCE_SIZE];
    char description[OHN_PCP_DESC_MAX + 1];
};

#define OHN_PCP_RECORD_MAX (48 + OHN_PCP_DESC_MAX)

/* Encoded size, 0 when cap is too small or a field is out of range. */
size_t ohn_pcp_record_encode(const struct ohn_pcp_record *r, uint8_t *buf, size_t cap);
/* 0, or -1 for anything that is not a record of ours (size, version, values; *r untouched then). */
int ohn_pcp_record_decode(const uint8_t *buf, size_t len, struct ohn_pcp_record *r);
/* When (seconds since 1970) it is to be renewed: at half the granted lifetime. */
uint64_t ohn_pcp_record_renew_at(const struct ohn_pcp_record *r);
/* When its lease ends for the application (dynamic ones), 0 never. The server's lifetime
 * ends at granted_at + granted. */
uint64_t ohn_pcp_record_expires(const struct ohn_pcp_record *r);

#endif
