/*
 * The text a gateway sends back inside SOAP values (src/core/upnp.c): XML character data with
 * entities and numeric references, dotted IPv4 addresses, service types. Properties: unescaping
 * never grows a value, never yields a NUL, and undoes escaping exactly; an address that parses
 * is written back as the very same text (the parser is strict); a service's rank and a
 * gateway's score stay in their ranges; a chain of lease fallbacks ends.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "fuzz.h"
#include "ohn_upnp.h"

static void xml(const char *s, size_t len)
{
    size_t cap = len * 6 + 1, i;
    char *esc = malloc(cap), *back = malloc(len + 1), *small = malloc(len / 2 + 1);
    int n;

    if (!esc || !back || !small)
        goto done;
    n = ohn_xml_unescape(s, back, len + 1);
    FUZZ_CHECK(n >= 0 && (size_t)n <= len && strlen(back) == (size_t)n);
    /* Too small a buffer: -1 and an empty output, never a write past it. */
    n = ohn_xml_unescape(s, small, len / 2 + 1);
    FUZZ_CHECK(n == -1 ? small[0] == 0 : (size_t)n <= len / 2 && strlen(small) == (size_t)n);

    n = ohn_xml_escape(s, esc, cap);
    FUZZ_CHECK(n >= 0 && strlen(esc) == (size_t)n);
    for (i = 0; esc[i]; i++)
        FUZZ_CHECK(esc[i] != '<' && esc[i] != '>' && esc[i] != '"' && esc[i] != '\'');
    n = ohn_xml_unescape(esc, back, len + 1);
    FUZZ_CHECK(n == (int)len && !strcmp(back, s));
done:
    free(esc);
    free(back);
    free(small);
}

static void ipv4(const char *s)
{
    char again[16];
    uint32_t ip;

    if (ohn_ipv4_parse(s, &ip))
        return;
    ohn_ipv4_format(ip, again);
    FUZZ_CHECK(!strcmp(again, s));
}

static void gateway(const char *s, const uint8_t *data, size_t size)
{
    struct ohn_gw_facts facts;
    uint8_t f[12] = {0};
    long lease;
    int steps, score;

    memcpy(f, data, size < sizeof(f) ? size : sizeof(f));
    facts.service_rank = ohn_gw_service_rank(s);
    FUZZ_CHECK(facts.service_rank >= 0 && facts.service_rank <= 3);
    facts.connected = f[0] & 1;
    facts.external_ip = (uint32_t)f[1] << 24 | (uint32_t)f[2] << 16 | (uint32_t)f[3] << 8 | f[4];
    score = ohn_gw_score(&facts);
    FUZZ_CHECK(score >= 0 && score <= OHN_GW_SCORE_BEST && (score == 0) == (facts.service_rank == 0));
    /* The same refusal again and again: the fallbacks end within a few steps. */
    lease = (long)((uint32_t)f[5] << 24 | (uint32_t)f[6] << 16 | (uint32_t)f[7] << 8 | f[8]) % (OHN_LEASE_LONGEST + 1);
    for (steps = 0; steps < 8 && lease >= 0; steps++)
    {
        lease = ohn_lease_fallback(lease, f[9] & 1 ? OHN_UPNP_ONLY_PERMANENT : 400 + f[10] % 400);
        FUZZ_CHECK(lease >= -1 && lease <= OHN_LEASE_LONGEST);
    }
    FUZZ_CHECK(lease == -1);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = fuzz_string(data, size);

    if (!s)
        return 0;
    xml(s, strlen(s));
    ipv4(s);
    gateway(s, data, size);
    free(s);
    return 0;
}
