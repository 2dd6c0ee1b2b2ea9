/*
 * The classes the DLL serves and the type libraries it embeds: the one table that the class
 * factory (server.c) and registration (registration.c) are driven by. The composition root's
 * header: the only one that names every room.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef OHN_DLL_CLASSES_H
#define OHN_DLL_CLASSES_H

/* The composition root: the only header that names every room. */
#include "com/com.h"
#include "firewall/firewall.h"
#include "rtc/rtc.h"
#include "sharing/sharing.h"
#include "upnp/upnp.h"

struct ohn_class
{
    const CLSID *clsid;
    const WCHAR *description;
    const WCHAR *progid;
    const WCHAR *vi_progid; /* NULL: none (the firewall classes have one ProgID, as on Windows) */
    const WCHAR *threading;
    const GUID *libid;
    BOOL programmable; /* the "Programmable" key that Windows has for some classes */
    BOOL builtin;      /* Wine's builtin hnetcfg.dll registers this class too (UPnPNAT, the firewall) */
    HRESULT (*create)(IUnknown *outer, REFIID riid, void **out);
    BOOL starts_process; /* its objects use the store or the gateway: ohn_process_start */
};

/* A type library embedded as a TYPELIB resource. */
struct ohn_typelib
{
    UINT resource;
    const GUID *libid;
    BOOL builtin; /* Wine's builtin hnetcfg.dll registers this type library too (NATUPnP, NetFw) */
};

extern const struct ohn_class ohn_classes[];
extern const unsigned ohn_class_count;
extern const struct ohn_typelib ohn_typelibs[];
extern const unsigned ohn_typelib_count;

/* The once-per-process background work (startup.c), started by the class factory when it makes
 * an object of a class that starts_process. */
void ohn_process_start(void);

#endif
