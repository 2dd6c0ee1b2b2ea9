/*
 * The portable core of open-hnetcfg: port-mapping records, their validation and their
 * byte encoding, store key names and the sharing-role state. No COM and no Win32 here, so the
 * same code is tested natively (with sanitizers) and linked into hnetcfg.dll.
 *
 * Strings are UTF-16 code-unit arrays with an explicit length. The COM layer hands in strings
 * cut at their first NUL (ohn_in_string), but records stored by earlier versions may hold NULs:
 * any unit, NUL and unpaired surrogates included, round-trips exactly through a record.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef OHN_CORE_H
#define OHN_CORE_H

#include <stddef.h>
#include <stdint.h>

typedef uint16_t ohn_char;

#define OHN_PROTO_TCP 6
#define OHN_PROTO_UDP 17

#define OHN_TARGET_NAME 0      /* ICSTT_NAME */
#define OHN_TARGET_IPADDRESS 1 /* ICSTT_IPADDRESS */

/* Longest mapping name and target, in UTF-16 code units (documented in the README). */
#define OHN_NAME_MAX 256
#define OHN_TARGET_MAX 255
/* Longest connection display name (NETCON_MAX_NAME_LEN). */
#define OHN_CONNECTION_NAME_MAX 256

/* Upper bound of an encoded record, in bytes. */
#define OHN_RECORD_MAX (20 + 2 * (OHN_NAME_MAX + OHN_TARGET_MAX))
/* Key names are "TCP-00555"; 16 units with the terminating NUL is enough. */
#define OHN_KEY_NAME_LEN 16

enum ohn_result
{
    OHN_OK = 0,
    OHN_EINVAL,   /* a field is out of its documented range */
    OHN_ECORRUPT, /* stored bytes are not a record this version understands */
    OHN_ESPACE    /* the output buffer is too small */
};

struct ohn_mapping
{
    uint8_t protocol;       /* OHN_PROTO_TCP or OHN_PROTO_UDP */
    uint8_t target_type;    /* OHN_TARGET_NAME or OHN_TARGET_IPADDRESS */
    uint8_t enabled;        /* 0 or 1 */
    uint16_t external_port; /* 1..65535 */
    uint16_t internal_port; /* 1..65535 */
    uint32_t options;       /* reserved by the API, stored as given */
    uint16_t name_len;
    uint16_t target_len;
    ohn_char name[OHN_NAME_MAX];
    ohn_char target[OHN_TARGET_MAX];
};

/* Fills *m from API-level values, checking every field. Returns OHN_OK or OHN_EINVAL. */
int ohn_mapping_init(struct ohn_mapping *m, const ohn_char *name, size_t name_len, unsigned protocol,
                     unsigned external_port, unsigned internal_port, uint32_t options,
                     const ohn_char *target, size_t target_len, unsigned target_type);

/* Checks every field of an existing record. */
int ohn_mapping_validate(const struct ohn_mapping *m);

/* Encodes *m (validated first). Returns the encoded size, or 0 when invalid or cap too small. */
size_t ohn_mapping_encode(const struct ohn_mapping *m, uint8_t *buf, size_t cap);

/* Decodes and validates. Returns OHN_OK or OHN_ECORRUPT; *m is untouched on failure. */
int ohn_mapping_decode(const uint8_t *buf, size_t len, struct ohn_mapping *m);

/* A record as the store keeps it: 'O' 'H' 'R' 1, then the record's id (u32 little-endian,
 * never 0: it tells a record from a later one with the same protocol and port), then the
 * record's own encoding. */
#define OHN_STORED_HEADER 8
#define OHN_STORED_MAX (OHN_STORED_HEADER + OHN_RECORD_MAX)
size_t ohn_stored_encode(uint32_t id, const struct ohn_mapping *m, uint8_t *buf, size_t cap);
/* OHN_OK or OHN_ECORRUPT (*id and *m untouched then). */
int ohn_stored_decode(const uint8_t *buf, size_t len, uint32_t *id, struct ohn_mapping *m);

/* Strict dotted-quad IPv4: four decimal parts 0..255, no sign, no leading zeros, nothing else. */
int ohn_parse_ipv4(const ohn_char *s, size_t len, uint8_t out[4]);

/* "TCP-00555" / "UDP-65535": the store's key for (protocol, external port). */
int ohn_key_name(unsigned protocol, unsigned port, ohn_char out[OHN_KEY_NAME_LEN]);
int ohn_parse_key_name(const ohn_char *s, size_t len, uint8_t *protocol, uint16_t *port);

/* The store groups records by protocol and thousands of the port: the group "TCP-00xxx" holds
 * TCP-00001..TCP-00999, "UDP-65xxx" UDP-65000..UDP-65535. shard = port / 1000. */
#define OHN_SHARDS 66
int ohn_shard_name(unsigned protocol, unsigned port, ohn_char out[OHN_KEY_NAME_LEN]);
int ohn_parse_shard_name(const ohn_char *s, size_t len, uint8_t *protocol, unsigned *shard);

/* Connection display names (INetConnection::Rename): 1..OHN_CONNECTION_NAME_MAX units, no
 * control characters and none of \ / : * ? " < > | (they cannot appear in a folder name). */
int ohn_connection_name_valid(const ohn_char *s, size_t len);

/* Sharing roles: at most one public and one private connection, identified by GUID bytes. */
#define OHN_GUID_SIZE 16
#define OHN_SHARING_SIZE (4 + 2 * OHN_GUID_SIZE)

enum ohn_role
{
    OHN_ROLE_NONE = -1,
    OHN_ROLE_PUBLIC = 0,  /* ICSSHARINGTYPE_PUBLIC */
    OHN_ROLE_PRIVATE = 1  /* ICSSHARINGTYPE_PRIVATE */
};

struct ohn_sharing
{
    uint8_t public_guid[OHN_GUID_SIZE];  /* all zero: no public connection */
    uint8_t private_guid[OHN_GUID_SIZE]; /* all zero: no private connection */
};

void ohn_sharing_clear(struct ohn_sharing *s);
/* Gives the role to guid; the connection that had it loses it, and guid loses its other role. */
int ohn_sharing_enable(struct ohn_sharing *s, const uint8_t guid[OHN_GUID_SIZE], int role);
/* Removes whatever role guid has. */
void ohn_sharing_disable(struct ohn_sharing *s, const uint8_t guid[OHN_GUID_SIZE]);
int ohn_sharing_role(const struct ohn_sharing *s, const uint8_t guid[OHN_GUID_SIZE]);
void ohn_sharing_encode(const struct ohn_sharing *s, uint8_t out[OHN_SHARING_SIZE]);
int ohn_sharing_decode(const uint8_t *buf, size_t len, struct ohn_sharing *s);

#endif
