/*
 * The remembered gateway (engine.c keeps it in the prefix's registry for the next process, of
 * either architecture): its bytes and what a read of them accepts, as pure functions, so that
 * they are fuzzed natively (tests/fuzz) like every other decoder of what another process may
 * have written.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef OHN_REMEMBERED_H
#define OHN_REMEMBERED_H

#include <stddef.h>
#include <stdint.h>

#include "gateway/igd_data.h"

/* "#GW1", then struct ohn_igd (its layout is the same for both architectures: engine.c checks). */
#define OHN_REMEMBERED_MAGIC 0x31574723u
#define OHN_REMEMBERED_SIZE (4 + sizeof(struct ohn_igd))

size_t ohn_remembered_encode(const struct ohn_igd *igd, uint8_t *buf, size_t cap);
/* 0 and *igd (its strings cut to their fields) for bytes of the right size and magic; -1
 * otherwise, *igd untouched. Whether the gateway is one discovery would have accepted is the
 * backend's to say (ohn_upnp_plausible, ohn_pcp_plausible). */
int ohn_remembered_decode(const uint8_t *buf, size_t len, struct ohn_igd *igd);

/* A UPnP gateway: its description and control URLs on the device that answered, and a service
 * discovery would have chosen. */
int ohn_upnp_plausible(const struct ohn_igd *igd);
/* The location under which a PCP (natpmp 0) or NAT-PMP (natpmp 1) server's mappings are kept,
 * "pcp://a.b.c.d:5351/" or "natpmp://a.b.c.d:5351/"; and whether a remembered one is one
 * discovery would have written: that location, and no control URL. */
void ohn_pcp_location(char *buf, size_t size, int natpmp, uint32_t server);
int ohn_pcp_plausible(const struct ohn_igd *igd, int natpmp);

#endif
