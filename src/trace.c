/*
 * Tracing for users and developers: set HNETCFG_TRACE=1 to write every traced call to
 * stderr, or HNETCFG_TRACE=<file> to append to that file. Off (and nearly free) otherwise.
 * With base.h, the base below every room.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdarg.h>
#include <stdio.h>

#include "base.h"

static LONG trace_state = -1; /* -1 unknown, 0 off, 1 stderr, 2 file */
static char trace_file[MAX_PATH];

static int trace_mode(void)
{
    char value[MAX_PATH];
    DWORD len;
    LONG mode = 0;

    if (trace_state >= 0)
        return trace_state;
    len = GetEnvironmentVariableA("HNETCFG_TRACE", value, sizeof(value));
    if (len && len < sizeof(value) && strcmp(value, "0"))
    {
        if (!strcmp(value, "1"))
            mode = 1;
        else
        {
            lstrcpynA(trace_file, value, sizeof(trace_file));
            mode = 2;
        }
    }
    InterlockedCompareExchange(&trace_state, mode, -1);
    return trace_state;
}

void ohn_trace(const char *func, const char *fmt, ...)
{
    char line[1024];
    int len, mode;
    va_list args;
    FILE *out;

    if (!(mode = trace_mode()))
        return;
    /* Milliseconds since boot first: when a call waits, the trace says how long. */
    len = snprintf(line, sizeof(line), "%llu hnetcfg:%04lx:%s ", (unsigned long long)GetTickCount64(),
                   GetCurrentThreadId(), func);
    va_start(args, fmt);
    if (len > 0 && len < (int)sizeof(line))
        vsnprintf(line + len, sizeof(line) - len, fmt, args);
    va_end(args);
    if (mode == 1)
    {
        fputs(line, stderr);
        fflush(stderr);
    }
    else if ((out = fopen(trace_file, "a")))
    {
        fputs(line, out);
        fclose(out);
    }
}

const char *ohn_debugstr_guid(const GUID *guid, char buf[39])
{
    if (!guid)
        return "(null)";
    snprintf(buf, 39, "{%08lX-%04X-%04X-%02X%02X-%02X%02X%02X%02X%02X%02X}", (unsigned long)guid->Data1,
             guid->Data2, guid->Data3, guid->Data4[0], guid->Data4[1], guid->Data4[2], guid->Data4[3],
             guid->Data4[4], guid->Data4[5], guid->Data4[6], guid->Data4[7]);
    return buf;
}
