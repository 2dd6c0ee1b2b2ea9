/*
 * The base of the DLL's Windows side, below every room: the Windows headers (with COBJMACROS,
 * so that every room calls interfaces the same way), the portable core, tracing and the
 * module's handle. It names no room.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef OHN_BASE_H
#define OHN_BASE_H

#define COBJMACROS
#define CONST_VTABLE
#include <winsock2.h>
#include <windows.h>

#include "ohn_core.h"

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif

/* The DLL's module, set by DllMain (dll/server.c): for its file name and its resources. */
extern HINSTANCE ohn_instance;

/* Tracing (trace.c): HNETCFG_TRACE=1 writes to stderr, HNETCFG_TRACE=<path> appends to that
 * file. */
void ohn_trace(const char *func, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
#define TRACE(...) ohn_trace(__func__, __VA_ARGS__)
const char *ohn_debugstr_guid(const GUID *guid, char buf[39]);

/* A Windows string as the portable core's (both are UTF-16 units). */
static inline const ohn_char *ohn_str(const WCHAR *s)
{
    return (const ohn_char *)s;
}

#endif
