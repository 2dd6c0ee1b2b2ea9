/*
 * The portable core of the RTC-style session object (ohn_rtc.h).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdio.h>
#include <string.h>

#include "ohn_rtc.h"

static int lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static int starts_with(const char *s, const char *prefix)
{
    while (*prefix)
        if (lower((unsigned char)*s++) != *prefix++)
            return 0;
    return 1;
}

int ohn_uri_host(const char *uri, char *out, size_t cap)
{
    const char *p = uri, *at, *end;
    size_t len;

    if (cap)
        out[0] = 0;
    while (*p == ' ' || *p == '\t' || *p == '<')
        p++;
    if (starts_with(p, "tel:"))
        return -1;
    if (starts_with(p, "sips:"))
        p += 5;
    else if (starts_with(p, "sip:"))
        p += 4;
    /* Parameters and headers end the host part. */
    end = p + strcspn(p, ";?> \t");
    if ((at = memchr(p, '@', (size_t)(end - p))))
        p = at + 1;
    if (*p == '[')
    {
        const char *close = memchr(p, ']', (size_t)(end - p));

        if (!close)
            return -1;
        p++;
        end = close;
    }
    else
    {
        const char *colon = memchr(p, ':', (size_t)(end - p));

        if (colon)
            end = colon;
    }
    len = (size_t)(end - p);
    if (!len || len >= cap)
        return -1;
    memcpy(out, p, len);
    out[len] = 0;
    return 0;
}

static const char *const port_names[OHN_RTC_PORT_TYPES] = {"audio RTP", "audio RTCP", "video RTP", "video RTCP",
                                                           "SIP"};

const char *ohn_rtc_port_name(unsigned port_type)
{
    return port_type < OHN_RTC_PORT_TYPES ? port_names[port_type] : NULL;
}

int ohn_session_mapping_name(uint32_t pid, uint64_t start, unsigned port_type, char *out, size_t cap)
{
    int n;

    if (port_type >= OHN_RTC_PORT_TYPES)
        return -1;
    n = snprintf(out, cap, OHN_SESSION_NAME_PREFIX "%u.%016llx %s", (unsigned)pid, (unsigned long long)start,
                 port_names[port_type]);
    return n > 0 && (size_t)n < cap ? 0 : -1;
}

int ohn_session_mapping_parse(const char *name, uint32_t *pid, uint64_t *start, unsigned *port_type)
{
    const char *p = name + strlen(OHN_SESSION_NAME_PREFIX);
    unsigned long long pid_value = 0, start_value = 0;
    unsigned i, digits;

    if (strncmp(name, OHN_SESSION_NAME_PREFIX, strlen(OHN_SESSION_NAME_PREFIX)))
        return -1;
    for (digits = 0; *p >= '0' && *p <= '9' && digits < 11; p++, digits++)
        pid_value = pid_value * 10 + (unsigned)(*p - '0');
    if (!digits || digits > 10 || pid_value > 0xffffffffull || *p++ != '.')
        return -1;
    for (digits = 0; digits < 16; p++, digits++)
    {
        int c = lower((unsigned char)*p);

        if (c >= '0' && c <= '9')
            start_value = start_value << 4 | (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f')
            start_value = start_value << 4 | (unsigned)(c - 'a' + 10);
        else
            return -1;
    }
    if (*p++ != ' ')
        return -1;
    for (i = 0; i < OHN_RTC_PORT_TYPES; i++)
        if (!strcmp(p, port_names[i]))
        {
            *pid = (uint32_t)pid_value;
            *start = start_value;
            *port_type = i;
            return 0;
        }
    return -1;
}
