/*
 * What a standalone build of Wine's conformance tests needs from Wine's ntdll: the copies that
 * wine/debug.h's wine_dbgstr_* return. A ring of per-thread buffers, reused in turn (a test prints
 * a handful of such strings per line).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>

#define RING 32
#define SIZE 1024

const char *__cdecl __wine_dbg_strdup(const char *str)
{
    static __thread char ring[RING][SIZE];
    static __thread unsigned next;
    char *out = ring[next++ % RING];

    strncpy(out, str, SIZE - 1);
    out[SIZE - 1] = 0;
    return out;
}
