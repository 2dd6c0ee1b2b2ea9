/*
 * The Windows XP firewall interfaces (NetFwMgr and what hangs from it): shared declarations.
 * Their lists are views of the rules (legacy.c); their other settings are the profile's values
 * (settings.c).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef OHN_FIREWALL_LEGACY_H
#define OHN_FIREWALL_LEGACY_H

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

/* The profile bit of a NET_FW_PROFILE_TYPE (CURRENT: the current one), 0 for none. */
unsigned fw_profile_bit(NET_FW_PROFILE_TYPE type);

HRESULT fw_app_create(IUnknown *outer, REFIID riid, void **out);
HRESULT fw_port_create(IUnknown *outer, REFIID riid, void **out);
HRESULT fw_apps_create(unsigned profile, INetFwAuthorizedApplications **out);
/* group: the ports of that service; NULL for the globally open ones (of no service). */
HRESULT fw_ports_create(unsigned profile, const WCHAR *group, INetFwOpenPorts **out);

/* Whether group is the rule group of one of the XP services. */
BOOL fw_service_group(const ohn_char *group);
HRESULT fw_services_create(unsigned profile, INetFwServices **out);
HRESULT fw_icmp_create(unsigned profile, INetFwIcmpSettings **out);
HRESULT fw_remote_admin_create(unsigned profile, INetFwRemoteAdminSettings **out);
/* Whether the ICMP settings of profile let in an inbound type (the Allow...Request ones). */
BOOL fw_icmp_allows(unsigned profile, unsigned type);

HRESULT fw_mgr_create(IUnknown *outer, REFIID riid, void **out);

#endif
