/*
 * The remembered gateway (src/gateway/remembered.c), as the registry holds it for the next
 * process: another process, of either architecture or another version, wrote it, or anything
 * that can write the prefix's registry. Properties: what decodes has its strings terminated
 * and re-encodes to the same value; a gateway taken as plausible has its description and
 * control URL on the device that answered and a service discovery would choose (UPnP), or the
 * location discovery writes and no control URL (PCP, NAT-PMP); never both.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "fuzz.h"
#include "gateway/remembered.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct ohn_igd igd, again, before;
    uint8_t buf[OHN_REMEMBERED_SIZE];
    const char *path;
    uint16_t port;
    uint32_t ip;
    int upnp, pcp, natpmp;

    memset(&igd, 0xA5, sizeof(igd));
    before = igd;
    if (ohn_remembered_decode(data, size, &igd))
    {
        FUZZ_CHECK(!memcmp(&igd, &before, sizeof(igd)));
        return 0;
    }
    FUZZ_CHECK(fuzz_terminated(igd.location, sizeof(igd.location)));
    FUZZ_CHECK(fuzz_terminated(igd.control_url, sizeof(igd.control_url)));
    FUZZ_CHECK(fuzz_terminated(igd.service_type, sizeof(igd.service_type)));
    FUZZ_CHECK(ohn_remembered_encode(&igd, buf, sizeof(buf)) == OHN_REMEMBERED_SIZE);
    FUZZ_CHECK(!ohn_remembered_decode(buf, sizeof(buf), &again) && !memcmp(&again, &igd, sizeof(igd)));

    upnp = ohn_upnp_plausible(&igd);
    pcp = ohn_pcp_plausible(&igd, 0);
    natpmp = ohn_pcp_plausible(&igd, 1);
    if (upnp)
    {
        FUZZ_CHECK(!ohn_url_parse(igd.location, &ip, &port, &path) && ip == igd.responder);
        FUZZ_CHECK(!ohn_url_parse(igd.control_url, &ip, &port, &path) && ip == igd.responder);
        FUZZ_CHECK(ohn_gw_service_rank(igd.service_type) > 0);
    }
    if (pcp || natpmp)
        FUZZ_CHECK(!igd.control_url[0] && !strncmp(igd.location, pcp ? "pcp://" : "natpmp://", pcp ? 6 : 9));
    FUZZ_CHECK(upnp + pcp + natpmp <= 1);
    return 0;
}
