/*
 * hnetmap upnp: the UPnP gateway, through HNetCfg.NATUPnP (IUPnPNAT, its static collection) and
 * this project's IOpenHNetGateway (status, sync, the realisation setting).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "hnetmap.h"

static int need_ours(IOpenHNetGateway *gateway)
{
    if (gateway)
        return EXIT_OK;
    err(L"hnetmap: the registered HNetCfg.NATUPnP is not open-hnetcfg's (Wine's builtin?): "
        L"register this architecture's hnetcfg.dll of this project with " HNETMAP_REGSVR32 L"\n");
    return EXIT_FAILED;
}

/* The static collection; EXIT_FAILED (reported) when there is no gateway. */
static int statics(IUPnPNAT *nat, IStaticPortMappingCollection **out)
{
    HRESULT hr;

    *out = NULL;
    if (FAILED(hr = IUPnPNAT_get_StaticPortMappingCollection(nat, out)))
        return fail_hr(L"getting the gateway's port mappings", hr);
    if (!*out)
    {
        err(L"hnetmap: no UPnP gateway answers on this network\n");
        return EXIT_FAILED;
    }
    return EXIT_OK;
}

int cmd_upnp_status(IUPnPNAT *nat, IOpenHNetGateway *gateway, int argc, WCHAR **argv)
{
    VARIANT_BOOL realize = VARIANT_FALSE;
    BSTR status = NULL;
    HRESULT hr;

    if (need_ours(gateway))
        return EXIT_FAILED;
    if (FAILED(hr = IOpenHNetGateway_get_Status(gateway, &status)))
        return fail_hr(L"reading the gateway's status", hr);
    if (FAILED(hr = IOpenHNetGateway_get_Realize(gateway, &realize)))
    {
        SysFreeString(status);
        return fail_hr(L"reading the realisation setting", hr);
    }
    out(L"%ls\nrealize ICS mappings: %ls\n", status, realize ? L"on" : L"off");
    SysFreeString(status);
    return EXIT_OK;
}

int cmd_upnp_list(IUPnPNAT *nat, IOpenHNetGateway *gateway, int argc, WCHAR **argv)
{
    IStaticPortMappingCollection *coll;
    IStaticPortMapping *m;
    IEnumVARIANT *e = NULL;
    IUnknown *unk = NULL;
    unsigned count = 0;
    VARIANT v;
    HRESULT hr;

    if (statics(nat, &coll))
        return EXIT_FAILED;
    if (SUCCEEDED(hr = IStaticPortMappingCollection_get__NewEnum(coll, &unk)))
    {
        hr = IUnknown_QueryInterface(unk, &IID_IEnumVARIANT, (void **)&e);
        IUnknown_Release(unk);
    }
    IStaticPortMappingCollection_Release(coll);
    if (FAILED(hr))
        return fail_hr(L"reading the gateway's port mappings", hr);
    VariantInit(&v);
    while ((hr = IEnumVARIANT_Next(e, 1, &v, NULL)) == S_OK)
    {
        BSTR proto = NULL, client = NULL, desc = NULL;
        LONG ext = 0, in = 0;
        VARIANT_BOOL enabled = VARIANT_FALSE;

        if (V_VT(&v) == VT_DISPATCH &&
            SUCCEEDED(IDispatch_QueryInterface(V_DISPATCH(&v), &IID_IStaticPortMapping, (void **)&m)))
        {
            IStaticPortMapping_get_Protocol(m, &proto);
            IStaticPortMapping_get_ExternalPort(m, &ext);
            IStaticPortMapping_get_InternalClient(m, &client);
            IStaticPortMapping_get_InternalPort(m, &in);
            IStaticPortMapping_get_Enabled(m, &enabled);
            IStaticPortMapping_get_Description(m, &desc);
            out(L"%-3ls %5ld -> %ls:%ld  %-8ls \"%ls\"\n", proto ? proto : L"?", (long)ext, client ? client : L"",
                (long)in, enabled ? L"enabled" : L"disabled", desc ? desc : L"");
            SysFreeString(proto);
            SysFreeString(client);
            SysFreeString(desc);
            IStaticPortMapping_Release(m);
            count++;
        }
        VariantClear(&v);
    }
    IEnumVARIANT_Release(e);
    if (FAILED(hr))
        return fail_hr(L"reading the gateway's port mappings", hr);
    if (!count)
        out(L"(no port mappings on the gateway)\n");
    return EXIT_OK;
}

int cmd_upnp_add(IUPnPNAT *nat, IOpenHNetGateway *gateway, int argc, WCHAR **argv)
{
    IStaticPortMappingCollection *coll;
    IStaticPortMapping *m = NULL;
    USHORT ext, in;
    UCHAR proto;
    BSTR p, client, desc;
    HRESULT hr;

    if (!parse_protocol(argv[0], &proto))
        return bad_arg(L"protocol", argv[0]);
    if (!parse_port(argv[1], &ext))
        return bad_arg(L"external port", argv[1]);
    if (!parse_port(argv[2], &in))
        return bad_arg(L"internal port", argv[2]);
    if (statics(nat, &coll))
        return EXIT_FAILED;
    p = SysAllocString(protocol_text(proto));
    client = SysAllocString(argv[3]);
    desc = SysAllocString(argc > 4 ? argv[4] : L"hnetmap");
    hr = IStaticPortMappingCollection_Add(coll, ext, p, in, client, VARIANT_TRUE, desc, &m);
    SysFreeString(p);
    SysFreeString(client);
    SysFreeString(desc);
    IStaticPortMappingCollection_Release(coll);
    if (FAILED(hr))
        return fail_hr_arg(L"adding the port mapping on the gateway", hr,
                           L"protocol TCP or UDP, ports 0-65535, CLIENT a dotted IPv4 address or a name that "
                           L"resolves, DESCRIPTION at most 256 characters");
    IStaticPortMapping_Release(m);
    out(L"added %ls %u -> %ls:%u on the gateway\n", protocol_text(proto), ext, argv[3], in);
    return EXIT_OK;
}

int cmd_upnp_remove(IUPnPNAT *nat, IOpenHNetGateway *gateway, int argc, WCHAR **argv)
{
    IStaticPortMappingCollection *coll;
    USHORT ext;
    UCHAR proto;
    BSTR p;
    HRESULT hr;

    if (!parse_protocol(argv[0], &proto))
        return bad_arg(L"protocol", argv[0]);
    if (!parse_port(argv[1], &ext))
        return bad_arg(L"external port", argv[1]);
    if (statics(nat, &coll))
        return EXIT_FAILED;
    p = SysAllocString(protocol_text(proto));
    hr = IStaticPortMappingCollection_Remove(coll, ext, p);
    SysFreeString(p);
    IStaticPortMappingCollection_Release(coll);
    if (FAILED(hr))
        return fail_hr(L"removing the port mapping from the gateway", hr);
    out(L"removed %ls %u from the gateway\n", protocol_text(proto), ext);
    return EXIT_OK;
}

int cmd_upnp_sync(IUPnPNAT *nat, IOpenHNetGateway *gateway, int argc, WCHAR **argv)
{
    HRESULT hr;

    if (need_ours(gateway))
        return EXIT_FAILED;
    if (FAILED(hr = IOpenHNetGateway_Sync(gateway)))
        return fail_hr(L"realising the ICS mappings on the gateway", hr);
    out(hr == S_OK ? L"the gateway has the enabled ICS mappings of the public connection\n"
                   : L"nothing done: realisation is off, or there is no gateway\n");
    return EXIT_OK;
}

int cmd_upnp_realize(IUPnPNAT *nat, IOpenHNetGateway *gateway, int argc, WCHAR **argv)
{
    VARIANT_BOOL on;
    HRESULT hr;

    if (same_text(argv[0], L"on"))
        on = VARIANT_TRUE;
    else if (same_text(argv[0], L"off"))
        on = VARIANT_FALSE;
    else
        return bad_arg(L"realize setting (on or off)", argv[0]);
    if (need_ours(gateway))
        return EXIT_FAILED;
    if (FAILED(hr = IOpenHNetGateway_put_Realize(gateway, on)))
        return fail_hr(L"changing the realisation setting", hr);
    out(on ? L"ICS mappings are realised on the gateway\n"
           : L"ICS mappings are no longer realised; those created on the gateway were removed\n");
    return EXIT_OK;
}
