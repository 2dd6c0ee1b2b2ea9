/*
 * The Windows XP firewall interfaces (NetFwMgr and what hangs from it): shared declarations.
 * Their lists are views of the rules (legacy.c); their other settings are the profile's values
 * (settings.c); what both use is below them (views.h). mgr.c is the manager and its profiles.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef OHN_FIREWALL_LEGACY_H
#define OHN_FIREWALL_LEGACY_H

#include "firewall/firewall.h"

/* The profile bit of a NET_FW_PROFILE_TYPE (CURRENT: the current one), 0 for none. */
unsigned fw_profile_bit(NET_FW_PROFILE_TYPE type);

HRESULT fw_apps_create(unsigned profile, INetFwAuthorizedApplications **out);
/* group: the ports of that service; NULL for the globally open ones (of no service). */
HRESULT fw_ports_create(unsigned profile, const WCHAR *group, INetFwOpenPorts **out);

HRESULT fw_services_create(unsigned profile, INetFwServices **out);
HRESULT fw_icmp_create(unsigned profile, INetFwIcmpSettings **out);
HRESULT fw_remote_admin_create(unsigned profile, INetFwRemoteAdminSettings **out);
/* Whether the ICMP settings of profile let in an inbound type (the Allow...Request ones). */
BOOL fw_icmp_allows(unsigned profile, unsigned type);

#endif
