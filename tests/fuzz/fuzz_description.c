/*
 * A device description, as any device that answers SSDP serves it (ohn_igd_parse_description,
 * src/gateway/igd_parse.c, with miniupnpc's parserootdesc compiled in from Debian's source).
 * Properties: a description we accept names a WAN connection service we rank, whose control URL
 * is on the device that answered (never a third host), every field terminated; one we refuse
 * leaves nothing behind.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "fuzz.h"
#include "gateway/igd_parse.h"

#define SENDER 0xc0a80101u /* 192.168.1.1 */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const locations[] = {"http://192.168.1.1:5000/rootDesc.xml", "http://192.168.1.1/"};
    static const struct ohn_igd zero;
    struct ohn_igd igd;
    char *xml;
    int rc;

    if (size > OHN_DESC_MAX || !(xml = malloc(size ? size : 1)))
        return 0;
    memcpy(xml, data, size); /* exactly size bytes: the parser is given no NUL */
    rc = ohn_igd_parse_description(xml, (int)size, locations[size & 1], SENDER, &igd);
    FUZZ_CHECK(rc == 0 || rc == OHN_IGD_EPROTO || rc == OHN_IGD_ENOMEM);
    if (!rc)
    {
        FUZZ_CHECK(fuzz_terminated(igd.control_url, sizeof(igd.control_url)));
        FUZZ_CHECK(fuzz_terminated(igd.service_type, sizeof(igd.service_type)));
        FUZZ_CHECK(ohn_url_host_is(igd.control_url, SENDER) && !strcmp(igd.location, locations[size & 1]));
        FUZZ_CHECK(igd.facts.service_rank > 0 && igd.facts.service_rank == ohn_gw_service_rank(igd.service_type));
        FUZZ_CHECK(igd.responder == SENDER);
    }
    else
        FUZZ_CHECK(!memcmp(&igd, &zero, sizeof(igd)));
    free(xml);
    return 0;
}
