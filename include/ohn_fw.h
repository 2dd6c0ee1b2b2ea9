/*
 * The portable core of the Windows Firewall classes: a firewall rule, the validation of what
 * INetFwRule's properties accept, and the rule's registry encoding, which is Windows' own
 * (MS-GPFAS 2.2.2.19, the "FirewallRules" values):
 *
 *   v2.10|Action=Allow|Active=TRUE|Dir=In|Protocol=6|Profile=Private|LPort=8080|App=C:\x.exe|Name=X|
 *
 * A list property (ports, addresses, ICMP types, interface types, interfaces) is kept in the
 * canonical form that INetFwRule's getter returns ("80,443,8000-8010", empty for "*"); the
 * encoding writes one field per item, as Windows does. Fields this version does not know are
 * kept verbatim and written back, so a rule written by another tool loses nothing when it is
 * changed here.
 *
 * No COM and no Win32: tested natively with sanitizers (tests/core/test_fwrule.c).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef OHN_FW_H
#define OHN_FW_H

#include "ohn_core.h"

#define OHN_FW_PROTO_ICMP4 1
#define OHN_FW_PROTO_ICMP6 58
#define OHN_FW_PROTO_ANY 256

#define OHN_FW_DIR_IN 1
#define OHN_FW_DIR_OUT 2

#define OHN_FW_ACTION_BLOCK 0
#define OHN_FW_ACTION_ALLOW 1

#define OHN_FW_PROFILE_DOMAIN 1
#define OHN_FW_PROFILE_PRIVATE 2
#define OHN_FW_PROFILE_PUBLIC 4
#define OHN_FW_PROFILE_ALL 7 /* NET_FW_PROFILE2_ALL (0x7FFFFFFF) is read as this */

/* INetFwRule2::EdgeTraversalOptions (NET_FW_EDGE_TRAVERSAL_TYPE). */
#define OHN_FW_EDGE_DENY 0
#define OHN_FW_EDGE_ALLOW 1
#define OHN_FW_EDGE_DEFER_APP 2
#define OHN_FW_EDGE_DEFER_USER 3

/* INetFwRule3::SecureFlags (NET_FW_AUTHENTICATE_TYPE): 0..4. */
#define OHN_FW_SECURE_MAX 4

/* Longest string property, in UTF-16 units (FW_RULE's range(1, 10001) with its NUL). */
#define OHN_FW_STR_MAX 10000

enum ohn_fw_field
{
    OHN_FW_NAME,
    OHN_FW_DESC,
    OHN_FW_APP,
    OHN_FW_SVC,
    OHN_FW_GROUP,   /* Grouping: EmbedCtxt */
    OHN_FW_LPORTS,  /* list */
    OHN_FW_RPORTS,  /* list */
    OHN_FW_LADDRS,  /* list */
    OHN_FW_RADDRS,  /* list */
    OHN_FW_ICMP,    /* list of type:code */
    OHN_FW_IFTYPES, /* list of Lan, Wireless, RemoteAccess */
    OHN_FW_IFS,     /* list of {interface GUID} */
    OHN_FW_APPPKG,  /* INetFwRule3 */
    OHN_FW_LUOWN,
    OHN_FW_LUAUTH,
    OHN_FW_RUAUTH,
    OHN_FW_RMAUTH,
    OHN_FW_EXTRA,   /* fields this version does not know, verbatim, each ending in '|' */
    OHN_FW_FIELD_COUNT
};

struct ohn_fw_rule
{
    ohn_char *s[OHN_FW_FIELD_COUNT]; /* NUL-terminated, malloc'd; NULL when empty */
    unsigned protocol;               /* 0..255, or OHN_FW_PROTO_ANY */
    unsigned direction;              /* OHN_FW_DIR_* */
    unsigned action;                 /* OHN_FW_ACTION_* */
    unsigned profiles;               /* OHN_FW_PROFILE_* bits, 1..7 */
    unsigned edge;                   /* OHN_FW_EDGE_* */
    unsigned secure;                 /* 0..OHN_FW_SECURE_MAX */
    int enabled;
};

enum
{
    OHN_ENOMEM = 16 /* beside enum ohn_result */
};

/* A new rule as CoCreateInstance(NetFwRule) gives it: no name, any protocol, inbound, allow,
 * every profile, disabled. */
void ohn_fw_rule_init(struct ohn_fw_rule *r);
void ohn_fw_rule_free(struct ohn_fw_rule *r);
int ohn_fw_rule_copy(struct ohn_fw_rule *dst, const struct ohn_fw_rule *src);
size_t ohn_fw_strlen(const ohn_char *s);

/* Sets a string property from what a caller passed (s of len units, NULL for none), checking
 * and normalising it as INetFwRule's put does: a list is parsed into its canonical form
 * ("*" and "" clear it), a plain string must not hold '|' (the encoding's separator) and is at
 * most OHN_FW_STR_MAX units. The protocol is checked too: ports need TCP or UDP, ICMP types need
 * ICMPv4 or ICMPv6. OHN_EINVAL changes nothing. */
int ohn_fw_set(struct ohn_fw_rule *r, enum ohn_fw_field f, const ohn_char *s, size_t len);
/* The protocol's put: 0..255 or OHN_FW_PROTO_ANY, refused while ports or ICMP types are set
 * that the new protocol cannot have. */
int ohn_fw_set_protocol(struct ohn_fw_rule *r, long protocol);
/* NET_FW_PROFILE2_* bits; NET_FW_PROFILE2_ALL (0x7FFFFFFF) means all three. */
int ohn_fw_set_profiles(struct ohn_fw_rule *r, long profiles);

/* What the getter of a field returns: lists give "*" (interface types "All") when empty.
 * Returns a malloc'd NUL-terminated string, or NULL for an empty plain string (and out of
 * memory: check *oom). */
ohn_char *ohn_fw_get(const struct ohn_fw_rule *r, enum ohn_fw_field f, int *oom);

/* Every field in its range, and no combination a put would refuse. */
int ohn_fw_rule_valid(const struct ohn_fw_rule *r);

/* The MS-GPFAS string of r (malloc'd, NUL-terminated). NULL when out of memory. */
ohn_char *ohn_fw_encode(const struct ohn_fw_rule *r);
/* Parses an MS-GPFAS rule of any 2.x version. OHN_ECORRUPT for a string that is not one, or a
 * known field whose value this version cannot represent (the value is then left alone). */
int ohn_fw_decode(const ohn_char *s, size_t len, struct ohn_fw_rule *r);

/* Whether a canonical port list (OHN_FW_LPORTS form; NULL is "*") holds port. Keywords hold
 * none. */
int ohn_fw_ports_contain(const ohn_char *list, unsigned port);
/* Whether a canonical ICMP list (NULL is "*") holds type:code (code 256: any code of type). */
int ohn_fw_icmp_contains(const ohn_char *list, unsigned type, unsigned code);

/* The Windows XP views of the rules (INetFwProfile's lists), in one profile (an OHN_FW_PROFILE_*
 * bit). An authorized application is an inbound allow rule of an application, any protocol,
 * no ports and no other condition but remote addresses; an open port is an inbound allow rule of
 * TCP or UDP and one local port, no application, no other condition but remote addresses. */
int ohn_fw_is_app_rule(const struct ohn_fw_rule *r, unsigned profile);
int ohn_fw_is_port_rule(const struct ohn_fw_rule *r, unsigned profile, unsigned *protocol, unsigned *port);
/* Whether r, enabled, lets in protocol/port (protocol 256: any) for app (NULL: none) in profile,
 * and as what: 1 allow, -1 block, 0 it does not apply. *restricted: by remote addresses. */
int ohn_fw_rule_verdict(const struct ohn_fw_rule *r, unsigned profile, unsigned protocol, unsigned port,
                        const ohn_char *app, int *restricted);

/* ASCII case-insensitive equality of two NUL-terminated strings (NULL equals ""). */
int ohn_fw_streq_nocase(const ohn_char *a, const ohn_char *b);

#endif
