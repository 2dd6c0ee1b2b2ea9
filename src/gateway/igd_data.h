/*
 * What the gateway client knows of a gateway and of a mapping on it, and its result codes: the
 * data that the client (igd.h), the parsers of what a router sends (igd_parse.h) and the
 * remembered gateway (remembered.h) share. No functions.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef OHN_IGD_DATA_H
#define OHN_IGD_DATA_H

#include <stdint.h>

#include "ohn_upnp.h"

#define OHN_IGD_ETRANSPORT (-1) /* no answer, or not HTTP: the gateway is unreachable */
#define OHN_IGD_ETIMEOUT (-2)   /* the deadline passed */
#define OHN_IGD_EPROTO (-3)     /* an answer we cannot use */
#define OHN_IGD_ENOMEM (-4)
#define OHN_IGD_EARGS (-5)      /* a value too long to send */

#define OHN_DESC_MAX 65536  /* a device description we read at most (bytes, net_bounds) */
#define OHN_REPLY_MAX 16384 /* any other answer */

struct ohn_igd
{
    char location[OHN_URL_MAX];     /* the description, on the device that answered SSDP */
    char control_url[OHN_URL_MAX];  /* the WAN connection service's control URL (same host) */
    char service_type[OHN_ST_MAX];
    uint32_t responder;             /* the address that answered */
    uint32_t lan_ip;                /* our address toward it */
    struct ohn_gw_facts facts;
    int score;                      /* ohn_gw_score(&facts) */
};

struct ohn_igd_entry
{
    uint8_t protocol;          /* 6 or 17 */
    uint16_t external_port;
    uint16_t internal_port;
    uint32_t internal_ip;      /* 0 when the gateway gave something that is not an address */
    char remote_host[64];      /* "" for any */
    char description[800];     /* unescaped UTF-8 */
    int enabled;
    long lease;                /* seconds left as the gateway says; 0 permanent */
};

#endif
