/*
 * The UPnP IGD backend and finder (gateway.h): the gateway's own table through its SOAP actions
 * (igd.c); discovery by SSDP searches from every local address, each device that answers
 * described from its description (igd.c).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "base.h"
#include "gateway/gateway.h"
#include "gateway/remembered.h"

static int igd_external_ip(struct ohn_gateway *gw, uint64_t deadline, uint32_t *ip)
{
    return ohn_igd_external_ip(&gw->igd, deadline, ip);
}

static int igd_add(struct ohn_gateway *gw, uint64_t deadline, const struct ohn_igd_entry *entry, long *granted)
{
    return ohn_igd_add(&gw->igd, deadline, entry, granted);
}

static int igd_remove(struct ohn_gateway *gw, uint64_t deadline, uint8_t protocol, uint16_t external_port,
                      const char *remote_host)
{
    return ohn_igd_delete(&gw->igd, deadline, protocol, external_port, remote_host);
}

static int igd_get(struct ohn_gateway *gw, uint64_t deadline, uint8_t protocol, uint16_t external_port,
                   const char *remote_host, struct ohn_igd_entry *out)
{
    return ohn_igd_get(&gw->igd, deadline, protocol, external_port, remote_host, out);
}

static int igd_list(struct ohn_gateway *gw, uint64_t deadline, struct ohn_igd_entry **entries, unsigned *count)
{
    return ohn_igd_list(&gw->igd, deadline, entries, count);
}

/* A remembered gateway: its description and control URLs on the device that answered, and a
 * service discovery would have chosen. */
static BOOL igd_plausible(const struct ohn_igd *igd)
{
    return ohn_upnp_plausible(igd);
}

const struct ohn_gw_backend ohn_backend_igd = {
    .name = "UPnP IGD",
    .lists_table = TRUE,
    .ping = igd_external_ip,
    .external_ip = igd_external_ip,
    .add = igd_add,
    .remove = igd_remove,
    .get = igd_get,
    .list = igd_list,
    .plausible = igd_plausible,
};

static int ssdp_start(const uint32_t *ips, const unsigned *prefixes, unsigned n, void **search)
{
    struct ohn_ssdp *ssdp;
    int err = ohn_ssdp_start(ips, n, &ssdp);

    *search = err ? NULL : ssdp;
    return err;
}

static int ssdp_next(void *search, uint64_t deadline, struct ohn_gw_candidate *out)
{
    out->lan_ip = 0;
    return ohn_ssdp_next(search, deadline, &out->answer, &out->sender);
}

static void ssdp_stop(void *search)
{
    ohn_ssdp_stop(search);
}

static int ssdp_describe(const struct ohn_gw_candidate *candidate, struct ohn_igd *igd)
{
    return ohn_igd_describe(&candidate->answer, candidate->sender, candidate->deadline, igd);
}

const struct ohn_gw_finder ohn_finder_ssdp = {
    .name = "SSDP",
    .within_window = FALSE,
    .start = ssdp_start,
    .next = ssdp_next,
    .stop = ssdp_stop,
    .describe = ssdp_describe,
};
