/*
 * A SOAP answer, as a router (or anything at its control URL) sends it (ohn_igd_parse_answer and
 * ohn_igd_parse_entry, src/gateway/igd_parse.c, with miniupnpc's ParseNameValue compiled in).
 * Properties: an answer is taken as the action's response only when it holds one, a fault only
 * with a positive error code; an entry read from any answer has its strings terminated and,
 * when usable, a protocol and a port.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "fuzz.h"
#include "gateway/igd_parse.h"

static void answer(const char *body, size_t size, const char *action)
{
    struct NameValueParserData pdata;
    struct ohn_igd_entry e;
    char want[64];
    int rc;

    rc = ohn_igd_parse_answer(body, (int)size, action, &pdata);
    FUZZ_CHECK(rc >= 0 || rc == OHN_IGD_EPROTO);
    if (rc > 0)
    {
        const char *code = GetValueFromNameValueList(&pdata, "errorCode");

        FUZZ_CHECK(code && atoi(code) == rc);
    }
    if (!rc)
    {
        snprintf(want, sizeof(want), "%sResponse", action);
        FUZZ_CHECK(memmem(body, size, want, strlen(want)) != NULL);
    }
    memset(&e, 0xA5, sizeof(e));
    if (ohn_igd_parse_entry(&pdata, 1, &e))
        FUZZ_CHECK((e.protocol == 6 || e.protocol == 17) && e.external_port);
    FUZZ_CHECK(fuzz_terminated(e.description, sizeof(e.description)));
    FUZZ_CHECK(fuzz_terminated(e.remote_host, sizeof(e.remote_host)));
    FUZZ_CHECK(e.enabled == 0 || e.enabled == 1);
    ClearNameValueList(&pdata);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const actions[] = {"GetGenericPortMappingEntry", "GetSpecificPortMappingEntry",
                                          "AddPortMapping", "GetExternalIPAddress"};
    char *body;
    size_t i;

    if (size > OHN_REPLY_MAX || !(body = malloc(size ? size : 1)))
        return 0;
    memcpy(body, data, size); /* exactly size bytes: the parser is given no NUL */
    for (i = 0; i < sizeof(actions) / sizeof(actions[0]); i++)
        answer(body, size, actions[i]);
    free(body);
    return 0;
}
