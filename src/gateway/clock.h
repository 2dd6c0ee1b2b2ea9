/*
 * Wall-clock time for what outlives a process (leases and expiries kept in the registry):
 * seconds since 1970 (clock.c). Deadlines use ohn_now_ms() (gateway/igd.h), a monotonic clock.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef OHN_GATEWAY_CLOCK_H
#define OHN_GATEWAY_CLOCK_H

#include <stdint.h>

uint64_t ohn_unix_now(void);

#endif
