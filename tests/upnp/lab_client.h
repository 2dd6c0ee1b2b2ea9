/*
 * What the lab's Wine tests share: driving the router lab (tests/upnp/lab.sh) from inside a
 * Windows test program, and reading the router's table as upnpc sees it.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef OHN_LAB_CLIENT_H
#define OHN_LAB_CLIENT_H

#include "test_common.h"

/* Runs `lab.sh ARGS` (Wine starts Unix programs) and waits until it has finished: its exit
 * code, or -1 when it did not finish within a minute. */
int lab(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The router's table (`upnpc -l`), malloc'd; NULL when upnpc failed. */
char *lab_table(void);
/* Whether the table has "PROTO EXT->CLIENT:INT" (e.g. "TCP 45000->10.77.0.2:8080"). */
BOOL lab_has(const char *mapping);
/* Adds a mapping for another client of the LAN (10.77.0.3) with upnpc. */
int lab_foreign_mapping(const char *proto, unsigned port);

/* Milliseconds of a monotonic clock. */
ULONGLONG now_ms(void);
/* Waits (pumping messages, as an STA must) until *flag or timeout_ms passed. */
BOOL wait_flag(volatile LONG *flag, DWORD timeout_ms);

#endif
