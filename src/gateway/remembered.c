/*
 * The remembered gateway's bytes (remembered.h).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdio.h>
#include <string.h>

#include "ohn_pcp.h"

#include "gateway/remembered.h"

size_t ohn_remembered_encode(const struct ohn_igd *igd, uint8_t *buf, size_t cap)
{
    uint32_t magic = OHN_REMEMBERED_MAGIC;

    if (cap < OHN_REMEMBERED_SIZE)
        return 0;
    memcpy(buf, &magic, 4);
    memcpy(buf + 4, igd, sizeof(*igd));
    return OHN_REMEMBERED_SIZE;
}

int ohn_remembered_decode(const uint8_t *buf, size_t len, struct ohn_igd *igd)
{
    uint32_t magic;

    if (len != OHN_REMEMBERED_SIZE)
        return -1;
    memcpy(&magic, buf, 4);
    if (magic != OHN_REMEMBERED_MAGIC)
        return -1;
    memcpy(igd, buf + 4, sizeof(*igd));
    igd->location[sizeof(igd->location) - 1] = 0;
    igd->control_url[sizeof(igd->control_url) - 1] = 0;
    igd->service_type[sizeof(igd->service_type) - 1] = 0;
    return 0;
}

int ohn_upnp_plausible(const struct ohn_igd *igd)
{
    return ohn_url_host_is(igd->location, igd->responder) && ohn_url_host_is(igd->control_url, igd->responder) &&
           ohn_gw_service_rank(igd->service_type) > 0;
}

void ohn_pcp_location(char *buf, size_t size, int natpmp, uint32_t server)
{
    snprintf(buf, size, "%s://%u.%u.%u.%u:%u/", natpmp ? "natpmp" : "pcp", server >> 24, (server >> 16) & 255,
             (server >> 8) & 255, server & 255, OHN_PCP_PORT);
}

int ohn_pcp_plausible(const struct ohn_igd *igd, int natpmp)
{
    char location[sizeof(igd->location)];

    ohn_pcp_location(location, sizeof(location), natpmp, igd->responder);
    return !strcmp(location, igd->location) && !igd->control_url[0];
}
