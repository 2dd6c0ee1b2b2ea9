/*
 * What the lab's Wine tests share: driving the router lab (tests/upnp/lab.sh) from inside a
 * Windows test program, reading the router's table as upnpc sees it, and UPnPNAT basics.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef OHN_LAB_CLIENT_H
#define OHN_LAB_CLIENT_H

#include "test_common.h"

#include "natupnplib.h"

/* Runs `lab.sh ARGS` (Wine starts Unix programs) and waits until it has finished: its exit
 * code, or -1 when it did not finish within a minute. */
int lab(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The same with environment assignments first (e.g. "OHN_LAB_EXT_IP=5.6.7.8"). */
int lab_with(const char *env, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The router's table (`upnpc -l`), malloc'd; NULL when upnpc failed. */
char *lab_table(void);
/* Whether the table has "PROTO EXT->CLIENT:INT" (e.g. "TCP 45000->10.77.0.2:8080"). */
BOOL lab_has(const char *mapping);
/* The router's forwards (`lab.sh forwards`: its nftables chain, for when UPnP is off), malloc'd;
 * and whether they have "PROTO EXT->CLIENT:INT". */
char *lab_forwards(void);
BOOL lab_forwarded(const char *mapping);
/* Adds a mapping for another client of the LAN (10.77.0.3) with upnpc. */
int lab_foreign_mapping(const char *proto, unsigned port);

/* A UPnPNAT object (CoCreateInstance must succeed); its static collection (there must be one);
 * that collection's Count; Remove with a protocol given as a plain string. */
IUPnPNAT *lab_nat(void);
IStaticPortMappingCollection *lab_statics(IUPnPNAT *nat);
LONG lab_count(IStaticPortMappingCollection *c);
HRESULT lab_remove_mapping(IStaticPortMappingCollection *c, LONG port, const WCHAR *proto);

/* The engine's status text (IOpenHNetGateway::get_Status), malloc'd UTF-8; and a check that it
 * has a line (e.g. "protocol PCP"). */
char *lab_status(IUPnPNAT *n);
void lab_assert_status_has(IUPnPNAT *n, const char *what);

/* A file of the lab's folder (e.g. "fake.log"), malloc'd; NULL when there is none. */
char *lab_file(const char *name);
/* Deletes what the prefix remembers of the gateway (the next process discovers afresh). */
void lab_forget_gateway(void);

/* Milliseconds of a monotonic clock. */
ULONGLONG now_ms(void);
/* Waits (pumping messages, as an STA must) until *flag or timeout_ms passed. */
BOOL wait_flag(volatile LONG *flag, DWORD timeout_ms);
void pump_messages(DWORD ms);

#endif
