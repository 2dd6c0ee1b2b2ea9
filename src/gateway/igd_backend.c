/*
 * The UPnP IGD backend (gateway.h): the gateway's own table through its SOAP actions (igd.c).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "base.h"
#include "gateway/gateway.h"

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

const struct ohn_gw_backend ohn_backend_igd = {
    .name = "UPnP IGD",
    .lists_table = TRUE,
    .ping = igd_external_ip,
    .external_ip = igd_external_ip,
    .add = igd_add,
    .remove = igd_remove,
    .get = igd_get,
    .list = igd_list,
};
