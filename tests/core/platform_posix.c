/*
 * The platform hooks of src/gateway/igd.c for the native build: a monotonic clock, and no socket
 * bounds (Debian's libminiupnpc is a shared library whose sockets cannot be reached; the
 * native tests talk to a well-behaved miniupnpd only).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <time.h>

#include "gateway/igd.h"

static __thread uint64_t budget_deadline;

uint64_t ohn_now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

void ohn_net_budget(uint64_t deadline, uint32_t max_bytes)
{
    (void)max_bytes;
    budget_deadline = deadline;
}

int ohn_net_timed_out(void)
{
    return ohn_now_ms() >= budget_deadline;
}

int ohn_net_overflowed(void)
{
    return 0;
}
