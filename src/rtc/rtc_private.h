/*
 * The RTC-style session object (HNetCfg.RTCSession): what its files share.
 *
 * session.c   the COM objects: IRTCSession, IRTCSessionPortManagement,
 *             IOpenHNetSessionMappings, and the participant AddParticipant returns
 * sources.c   where a session's port mappings come from, tried in this order: the
 *             application's IRTCPortManager, the UPnP gateway, the ICS mapping store
 * cleanup.c   store mappings of sessions whose process died, removed by the next process
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef OHN_RTC_PRIVATE_H
#define OHN_RTC_PRIVATE_H

#include "rtc/rtc.h"
#include "sharing/sharing.h"

#include <rtccore.h>
#include <rtcerr.h>

#include "ohn_rtc.h"
#include "gateway/engine.h"
#include "gateway/errors.h"
#include "gateway/resolve.h"
#include "gateway/text.h"
#include "gateway/threads.h"

/* rtccore.h declares these; no mingw-w64 library defines them (values from the SDK). */
extern const IID IID_IRTCSession;
extern const IID IID_IRTCSessionPortManagement;
extern const IID IID_IRTCPortManager;
extern const IID IID_IRTCParticipant;

/* The remote host of a participant is resolved within this (README). */
#define OHN_RTC_RESOLVE_MS 1000
/* Leases of the session's gateway mappings: renewed while the session lives, gone soon after a
 * process that died. */
#define OHN_RTC_GATEWAY_LEASE 600

/* One port mapping of a session. */
struct rtc_mapping
{
    unsigned port_type;        /* RTC_PORT_TYPE */
    OHN_MAPPING_SOURCE source;
    SOCKET sock;               /* the local UDP socket of the port */
    BSTR internal_address;     /* as the source gave them (the port manager's own values) */
    LONG internal_port;
    BSTR external_address;
    LONG external_port;
    struct ohn_gateway *gw;    /* OHN_SOURCE_GATEWAY */
    struct store_conn *store;  /* OHN_SOURCE_STORE: the public connection's mappings */
    uint32_t store_id;
    struct ohn_mapping store_record;
};

/* What one start of a session works with. */
struct rtc_start
{
    IRTCPortManager *pm;       /* a reference, or NULL */
    BSTR remote;               /* the remote address (never NULL, maybe "") */
    uint64_t deadline;         /* of the whole start */
    struct ohn_gateway *gw;    /* gateway source: the gateway */
    GUID public_conn;          /* store source: the public connection and its address */
    uint32_t public_ip;
    SOCKET pending_rtcp;       /* the RTCP socket bound with the RTP one, until its turn */
    uint16_t pending_port;
};

/* A source of port mappings. prepare: S_OK when this source applies, S_FALSE to try the next
 * one, an error to fail the start. obtain: one port's mapping (on failure, nothing is left
 * obtained, but what *out says was obtained must still be released). release: gives it back. */
struct rtc_source
{
    OHN_MAPPING_SOURCE kind;
    HRESULT (*prepare)(struct rtc_start *start);
    HRESULT (*obtain)(struct rtc_start *start, unsigned port_type, struct rtc_mapping *out);
    void (*release)(IRTCPortManager *pm, struct rtc_mapping *m);
    void (*finish)(struct rtc_start *start);
};

extern const struct rtc_source *const rtc_sources[3];

void rtc_mapping_init(struct rtc_mapping *m);
/* Closes the socket and frees the strings (after the source released the mapping). */
void rtc_mapping_clear(struct rtc_mapping *m);

/* This process's identity in store mapping names: its id and creation time. */
void rtc_process_identity(uint32_t *pid, uint64_t *start);
/* Marks the prefix as one where sessions used the store (before a session adds a store mapping),
 * for rtc_cleanup_background. */
void rtc_mark_store_sessions(void);


#endif
