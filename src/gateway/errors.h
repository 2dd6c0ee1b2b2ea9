/*
 * The HRESULTs of gateway operations (README "UPnP"), from the results of every protocol's
 * backend: 0 success, > 0 a UPnP error code (the PCP and NAT-PMP backends translate their
 * result codes to the UPnP code that means the same), < 0 OHN_IGD_E* (gateway/igd.h).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef OHN_GATEWAY_ERRORS_H
#define OHN_GATEWAY_ERRORS_H

#include <windows.h>

#define OHN_E_PORT_CONFLICT HRESULT_FROM_WIN32(ERROR_ADDRESS_ALREADY_ASSOCIATED) /* UPnP 718 */
#define OHN_E_GATEWAY_TIMEOUT HRESULT_FROM_WIN32(ERROR_TIMEOUT)
#define OHN_E_GATEWAY_UNREACHABLE HRESULT_FROM_WIN32(ERROR_HOST_UNREACHABLE)
#define OHN_E_NO_SUCH_MAPPING HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND)             /* UPnP 714 */
#define OHN_E_GATEWAY_FULL HRESULT_FROM_WIN32(ERROR_NO_SYSTEM_RESOURCES)            /* UPnP 728 */

HRESULT ohn_hr_from_igd(int err);

#endif
