/*
 * The classes the DLL serves and the type libraries it embeds: the one table that the class
 * factory (server.c) and registration (registration.c) are driven by.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef OHN_COM_CLASSES_H
#define OHN_COM_CLASSES_H

#include "hnetcfg_private.h"

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

#endif
