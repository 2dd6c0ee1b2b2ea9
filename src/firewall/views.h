/*
 * What the Windows XP objects share (views.c), below legacy.c and settings.c.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef OHN_FIREWALL_VIEWS_H
#define OHN_FIREWALL_VIEWS_H

#include "firewall/firewall.h"

/* Properties the XP objects share, on a holder's rule. */
HRESULT fw_get_enabled(struct fw_holder *h, VARIANT_BOOL *out);
HRESULT fw_put_enabled(struct fw_holder *h, VARIANT_BOOL value);
HRESULT fw_get_scope(struct fw_holder *h, NET_FW_SCOPE *out);
/* The scope a rule's remote addresses mean: none ALL, "LocalSubnet" LOCAL_SUBNET, else CUSTOM. */
NET_FW_SCOPE fw_scope_of(const struct ohn_fw_rule *rule);
/* A change (context: a BOOL) that enables or disables the rule. */
HRESULT fw_apply_enabled(struct ohn_fw_rule *rule, void *context);
/* A change (context: the NET_FW_SCOPE): ALL and LOCAL_SUBNET set the remote addresses, CUSTOM
 * only keeps custom ones (set them through RemoteAddresses), anything else is E_INVALIDARG. */
HRESULT fw_apply_scope(struct ohn_fw_rule *rule, void *context);

/* IpVersion of the XP objects: only NET_FW_IP_VERSION_ANY, as the Windows documentation says of
 * them; another value is E_INVALIDARG. */
HRESULT fw_get_ip_any(NET_FW_IP_VERSION *out);
HRESULT fw_put_ip_any(NET_FW_IP_VERSION value);

/* The XP services (NET_FW_SERVICE_TYPE: file and printer sharing, UPnP, remote desktop): the
 * rule group their rules are in, and their ports. */
struct fw_xp_service
{
    const WCHAR *name;
    struct
    {
        unsigned protocol, port;
    } ports[4];
    unsigned count;
};
extern const struct fw_xp_service fw_xp_services[3];
/* Whether group is the rule group of one of the XP services. */
BOOL fw_service_group(const ohn_char *group);

#endif
