/*
 * The gateway in use (gateway.h): its reference count, the backend of each protocol, the
 * finders in the order discovery asks them, and the HRESULTs of the backends' results
 * (errors.h).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "base.h"
#include "gateway/errors.h"
#include "gateway/gateway.h"

void ohn_gateway_addref(struct ohn_gateway *gw)
{
    InterlockedIncrement(&gw->refs);
}

void ohn_gateway_release(struct ohn_gateway *gw)
{
    if (gw && !InterlockedDecrement(&gw->refs))
        HeapFree(GetProcessHeap(), 0, gw);
}

enum ohn_gw_protocol ohn_gw_protocol_of(const struct ohn_igd *igd)
{
    if (!strcmp(igd->service_type, "PCP"))
        return OHN_GW_PCP;
    if (!strcmp(igd->service_type, "NAT-PMP"))
        return OHN_GW_NATPMP;
    return OHN_GW_UPNP;
}

/* The default gateways first: asked at once, they answer within the window that SSDP's
 * answers take. */
const struct ohn_gw_finder *const ohn_gw_finders[] = {&ohn_finder_pcp, &ohn_finder_ssdp};
const unsigned ohn_gw_finder_count = ARRAY_SIZE(ohn_gw_finders);

const struct ohn_gw_backend *ohn_gw_backend_of(enum ohn_gw_protocol protocol)
{
    static const struct ohn_gw_backend *const table[] = {
        [OHN_GW_UPNP] = &ohn_backend_igd,
        [OHN_GW_PCP] = &ohn_backend_pcp,
        [OHN_GW_NATPMP] = &ohn_backend_natpmp,
    };

    return table[protocol];
}

HRESULT ohn_hr_from_igd(int err)
{
    switch (err)
    {
    case 0:
        return S_OK;
    case OHN_IGD_ETIMEOUT:
        return OHN_E_GATEWAY_TIMEOUT;
    case OHN_IGD_ETRANSPORT:
        return OHN_E_GATEWAY_UNREACHABLE;
    case OHN_IGD_ENOMEM:
        return E_OUTOFMEMORY;
    case OHN_IGD_EARGS:
    case OHN_UPNP_INVALID_ARGS:
    case 716: /* WildCardNotPermittedInExtPort */
    case 724: /* SamePortValuesRequired */
    case 726: /* RemoteHostOnlySupportsWildcard */
    case 727: /* ExternalPortOnlySupportsWildcard */
    case 732: /* WildCardNotPermittedInIntPort */
        return E_INVALIDARG;
    case OHN_UPNP_NO_SUCH_ENTRY:
        return OHN_E_NO_SUCH_MAPPING;
    case OHN_UPNP_CONFLICT:
        return OHN_E_PORT_CONFLICT;
    case 728: /* NoPortMapsAvailable; PCP's NO_RESOURCES and USER_EX_QUOTA */
        return OHN_E_GATEWAY_FULL;
    case 606: /* Action not authorized */
    case 729: /* ConflictWithOtherMechanisms */
        return E_ACCESSDENIED;
    default:
        TRACE("gateway error %d\n", err);
        return E_FAIL;
    }
}
