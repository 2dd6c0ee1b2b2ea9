/*
 * hnetmap: the commands on connections and their Internet Connection Sharing port mappings,
 * through HNetCfg.HNetShare's public interfaces only. `list` also shows, for the mappings of the
 * publicly shared connection, where each stands on the UPnP gateway (IOpenHNetGateway).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "hnetmap.h"

/* ------------------------------------------------------------------------------------------ */
/* Enumeration: every collection's _NewEnum answers IEnumVARIANT                              */
/* ------------------------------------------------------------------------------------------ */

static HRESULT enum_from_newenum(IUnknown *newenum, IEnumVARIANT **out)
{
    HRESULT hr = IUnknown_QueryInterface(newenum, &IID_IEnumVARIANT, (void **)out);

    IUnknown_Release(newenum);
    return hr;
}

static HRESULT connections_enum(INetSharingManager *mgr, IEnumVARIANT **out)
{
    INetSharingEveryConnectionCollection *coll;
    IUnknown *newenum;
    HRESULT hr;

    *out = NULL;
    if (FAILED(hr = INetSharingManager_get_EnumEveryConnection(mgr, &coll)))
        return hr;
    hr = INetSharingEveryConnectionCollection_get__NewEnum(coll, &newenum);
    INetSharingEveryConnectionCollection_Release(coll);
    return FAILED(hr) ? hr : enum_from_newenum(newenum, out);
}

static HRESULT mappings_enum(INetSharingConfiguration *config, IEnumVARIANT **out)
{
    INetSharingPortMappingCollection *coll;
    IUnknown *newenum;
    HRESULT hr;

    *out = NULL;
    if (FAILED(hr = INetSharingConfiguration_get_EnumPortMappings(config, ICSSC_DEFAULT, &coll)))
        return hr;
    hr = INetSharingPortMappingCollection_get__NewEnum(coll, &newenum);
    INetSharingPortMappingCollection_Release(coll);
    return FAILED(hr) ? hr : enum_from_newenum(newenum, out);
}

/* The next item as interface iid: S_OK, S_FALSE at the end, or an error. */
static HRESULT enum_next(IEnumVARIANT *e, REFIID iid, void **out)
{
    VARIANT v;
    ULONG fetched = 0;
    HRESULT hr;

    *out = NULL;
    VariantInit(&v);
    hr = IEnumVARIANT_Next(e, 1, &v, &fetched);
    if (FAILED(hr))
        return hr;
    if (hr == S_FALSE || !fetched)
        return S_FALSE;
    if ((V_VT(&v) == VT_UNKNOWN || V_VT(&v) == VT_DISPATCH) && V_UNKNOWN(&v))
        hr = IUnknown_QueryInterface(V_UNKNOWN(&v), iid, out);
    else
        hr = E_UNEXPECTED;
    VariantClear(&v);
    return hr;
}

/* ------------------------------------------------------------------------------------------ */
/* Connections                                                                                */
/* ------------------------------------------------------------------------------------------ */

struct conn_info
{
    BSTR guid, name, device;
    NETCON_STATUS status;
    NETCON_MEDIATYPE media;
};

static void conn_info_free(struct conn_info *info)
{
    SysFreeString(info->guid);
    SysFreeString(info->name);
    SysFreeString(info->device);
    memset(info, 0, sizeof(*info));
}

static HRESULT conn_info_get(INetSharingManager *mgr, INetConnection *conn, struct conn_info *info)
{
    INetConnectionProps *props;
    HRESULT hr;

    memset(info, 0, sizeof(*info));
    if (FAILED(hr = INetSharingManager_get_NetConnectionProps(mgr, conn, &props)))
        return hr;
    if (SUCCEEDED(hr = INetConnectionProps_get_Guid(props, &info->guid))
        && SUCCEEDED(hr = INetConnectionProps_get_Name(props, &info->name))
        && SUCCEEDED(hr = INetConnectionProps_get_DeviceName(props, &info->device))
        && SUCCEEDED(hr = INetConnectionProps_get_Status(props, &info->status)))
        hr = INetConnectionProps_get_MediaType(props, &info->media);
    INetConnectionProps_Release(props);
    if (FAILED(hr))
        conn_info_free(info);
    return hr;
}

/* Finds the connection whose GUID or name is spec. Reports failures itself. */
static int find_connection(INetSharingManager *mgr, const WCHAR *spec, INetConnection **found)
{
    IEnumVARIANT *e;
    INetConnection *conn;
    struct conn_info info;
    int by_name = 0;
    HRESULT hr;

    *found = NULL;
    if (FAILED(hr = connections_enum(mgr, &e)))
        return fail_hr(L"enumerating connections", hr);
    while ((hr = enum_next(e, &IID_INetConnection, (void **)&conn)) == S_OK)
    {
        if (FAILED(hr = conn_info_get(mgr, conn, &info)))
        {
            INetConnection_Release(conn);
            break;
        }
        if (info.guid && same_text(info.guid, spec))
        {
            /* A GUID is unique and wins over any name. */
            if (*found)
                INetConnection_Release(*found);
            *found = conn;
            by_name = 0;
            conn_info_free(&info);
            break;
        }
        if (info.name && same_text(info.name, spec))
        {
            if (!by_name++)
                *found = conn;
            else
                INetConnection_Release(conn);
        }
        else
            INetConnection_Release(conn);
        conn_info_free(&info);
    }
    IEnumVARIANT_Release(e);

    if (FAILED(hr))
    {
        if (*found)
            INetConnection_Release(*found);
        *found = NULL;
        return fail_hr(L"reading the connections", hr);
    }
    if (!*found)
        return fail_msg(L"looking up connection", spec, L"no such connection");
    if (by_name > 1)
    {
        INetConnection_Release(*found);
        *found = NULL;
        return fail_msg(L"looking up connection", spec,
                        L"more than one connection has this name: use its GUID");
    }
    return EXIT_OK;
}

/* Finds the connection and its sharing configuration. Reports failures itself. */
static int open_config(INetSharingManager *mgr, const WCHAR *spec, INetConnection **conn,
                       INetSharingConfiguration **config)
{
    HRESULT hr;
    int rc;

    *config = NULL;
    if ((rc = find_connection(mgr, spec, conn)))
        return rc;
    hr = INetSharingManager_get_INetSharingConfigurationForINetConnection(mgr, *conn, config);
    if (FAILED(hr))
    {
        INetConnection_Release(*conn);
        *conn = NULL;
        return fail_hr(L"getting the connection's sharing configuration", hr);
    }
    return EXIT_OK;
}

static void close_config(INetConnection *conn, INetSharingConfiguration *config)
{
    if (config)
        INetSharingConfiguration_Release(config);
    if (conn)
        INetConnection_Release(conn);
}

/* ------------------------------------------------------------------------------------------ */
/* Port mappings                                                                              */
/* ------------------------------------------------------------------------------------------ */

struct mapping_info
{
    BSTR name, target_name, target_ip;
    UCHAR proto;
    LONG ext_port, int_port;
    VARIANT_BOOL enabled;
};

static void mapping_info_free(struct mapping_info *info)
{
    SysFreeString(info->name);
    SysFreeString(info->target_name);
    SysFreeString(info->target_ip);
    memset(info, 0, sizeof(*info));
}

static HRESULT mapping_key(INetSharingPortMapping *mapping, UCHAR *proto, LONG *ext_port)
{
    INetSharingPortMappingProps *props;
    HRESULT hr;

    if (FAILED(hr = INetSharingPortMapping_get_Properties(mapping, &props)))
        return hr;
    if (SUCCEEDED(hr = INetSharingPortMappingProps_get_IPProtocol(props, proto)))
        hr = INetSharingPortMappingProps_get_ExternalPort(props, ext_port);
    INetSharingPortMappingProps_Release(props);
    return hr;
}

static HRESULT mapping_info_get(INetSharingPortMapping *mapping, struct mapping_info *info)
{
    INetSharingPortMappingProps *props;
    HRESULT hr;

    memset(info, 0, sizeof(*info));
    if (FAILED(hr = INetSharingPortMapping_get_Properties(mapping, &props)))
        return hr;
    if (SUCCEEDED(hr = INetSharingPortMappingProps_get_Name(props, &info->name))
        && SUCCEEDED(hr = INetSharingPortMappingProps_get_IPProtocol(props, &info->proto))
        && SUCCEEDED(hr = INetSharingPortMappingProps_get_ExternalPort(props, &info->ext_port))
        && SUCCEEDED(hr = INetSharingPortMappingProps_get_InternalPort(props, &info->int_port))
        && SUCCEEDED(hr = INetSharingPortMappingProps_get_TargetName(props, &info->target_name))
        && SUCCEEDED(hr = INetSharingPortMappingProps_get_TargetIPAddress(props, &info->target_ip)))
        hr = INetSharingPortMappingProps_get_Enabled(props, &info->enabled);
    INetSharingPortMappingProps_Release(props);
    if (FAILED(hr))
        mapping_info_free(info);
    return hr;
}

/* Finds the mapping (proto, ext_port) of config. Reports failures itself. */
static int find_mapping(INetSharingConfiguration *config, UCHAR proto, USHORT ext_port,
                        const WCHAR *spec, INetSharingPortMapping **found)
{
    IEnumVARIANT *e;
    INetSharingPortMapping *mapping;
    UCHAR p;
    LONG port;
    HRESULT hr;

    *found = NULL;
    if (FAILED(hr = mappings_enum(config, &e)))
        return fail_hr(L"enumerating port mappings", hr);
    while ((hr = enum_next(e, &IID_INetSharingPortMapping, (void **)&mapping)) == S_OK)
    {
        if (FAILED(hr = mapping_key(mapping, &p, &port)))
        {
            INetSharingPortMapping_Release(mapping);
            break;
        }
        if (p == proto && port == ext_port)
        {
            *found = mapping;
            break;
        }
        INetSharingPortMapping_Release(mapping);
    }
    IEnumVARIANT_Release(e);
    if (FAILED(hr))
        return fail_hr(L"reading port mappings", hr);
    if (!*found)
        return fail_msg(L"looking up port mapping", spec, L"no such mapping");
    return EXIT_OK;
}

/* ------------------------------------------------------------------------------------------ */
/* list                                                                                       */
/* ------------------------------------------------------------------------------------------ */

static const WCHAR *status_text(NETCON_STATUS status)
{
    static const WCHAR *const names[] = {
        L"disconnected", L"connecting", L"connected", L"disconnecting",
        L"hardware not present", L"hardware disabled", L"hardware malfunction",
        L"media disconnected", L"authenticating", L"authentication succeeded",
        L"authentication failed", L"invalid address", L"credentials required",
    };
    return (unsigned)status < ARRAYSIZE(names) ? names[status] : L"unknown";
}

static const WCHAR *media_text(NETCON_MEDIATYPE media)
{
    static const WCHAR *const names[] = {
        L"none", L"direct", L"ISDN", L"LAN", L"phone", L"tunnel", L"PPPoE", L"bridge",
        L"shared access host LAN", L"shared access host RAS",
    };
    return (unsigned)media < ARRAYSIZE(names) ? names[media] : L"unknown";
}

/* Prints the sharing state; *is_public tells whether it is the publicly shared connection. */
static HRESULT print_sharing(INetSharingConfiguration *config, BOOL *is_public)
{
    VARIANT_BOOL shared = VARIANT_FALSE, firewalled = VARIANT_FALSE;
    SHARINGCONNECTIONTYPE type = ICSSHARINGTYPE_PUBLIC;
    const WCHAR *sharing = L"no";
    HRESULT hr;

    if (FAILED(hr = INetSharingConfiguration_get_SharingEnabled(config, &shared)))
        return hr;
    if (shared && FAILED(hr = INetSharingConfiguration_get_SharingConnectionType(config, &type)))
        return hr;
    if (FAILED(hr = INetSharingConfiguration_get_InternetFirewallEnabled(config, &firewalled)))
        return hr;
    if (shared)
        sharing = type == ICSSHARINGTYPE_PRIVATE ? L"private" : L"public";
    *is_public = shared && type == ICSSHARINGTYPE_PUBLIC;
    out(L"  shared: %ls  firewalled: %ls\n", sharing, firewalled ? L"yes" : L"no");
    return S_OK;
}

/* Where the mappings of the public connection stand on the UPnP gateway: asked of this
 * project's UPnPNAT, made once for the command (NULL when there is none). */
static IOpenHNetGateway *gateway_states;
static IUPnPNAT *gateway_nat;
static BOOL gateway_tried;

static IOpenHNetGateway *states(void)
{
    if (!gateway_tried)
    {
        gateway_tried = TRUE;
        if (FAILED(create_nat(&gateway_nat, &gateway_states)))
            gateway_nat = NULL;
    }
    return gateway_states;
}

static void states_done(void)
{
    if (gateway_states)
        IOpenHNetGateway_Release(gateway_states);
    if (gateway_nat)
        IUPnPNAT_Release(gateway_nat);
    gateway_states = NULL;
    gateway_nat = NULL;
    gateway_tried = FALSE;
}

/* conn: the connection's GUID when it is the public one (its mappings may be on the gateway). */
static void print_mapping(const struct mapping_info *m, const WCHAR *conn)
{
    const WCHAR *target = m->target_ip && *m->target_ip ? m->target_ip : m->target_name;
    BSTR guid, state = NULL;

    out(L"    %-3ls %5ld -> %ls:%ld  %-8ls \"%ls\"", protocol_text(m->proto), (long)m->ext_port,
        target ? target : L"", (long)m->int_port, m->enabled ? L"enabled" : L"disabled",
        m->name ? m->name : L"");
    if (conn && states() && (guid = SysAllocString(conn)))
    {
        if (SUCCEEDED(IOpenHNetGateway_get_MappingState(states(), guid, m->proto, m->ext_port, &state)) && state)
            out(L"  gateway: %ls", state);
        SysFreeString(state);
        SysFreeString(guid);
    }
    out(L"\n");
}

/* Prints config's port mappings, one a line. Reports failures itself. */
static int print_mappings(INetSharingConfiguration *config, const WCHAR *public_conn)
{
    IEnumVARIANT *e;
    INetSharingPortMapping *mapping;
    struct mapping_info info;
    unsigned count = 0;
    HRESULT hr;

    if (FAILED(hr = mappings_enum(config, &e)))
        return fail_hr(L"enumerating port mappings", hr);
    while ((hr = enum_next(e, &IID_INetSharingPortMapping, (void **)&mapping)) == S_OK)
    {
        hr = mapping_info_get(mapping, &info);
        INetSharingPortMapping_Release(mapping);
        if (FAILED(hr))
            break;
        print_mapping(&info, public_conn);
        mapping_info_free(&info);
        count++;
    }
    IEnumVARIANT_Release(e);
    if (FAILED(hr))
        return fail_hr(L"reading port mappings", hr);
    if (!count)
        out(L"    (no port mappings)\n");
    return EXIT_OK;
}

static int print_connection(INetSharingManager *mgr, INetConnection *conn)
{
    INetSharingConfiguration *config;
    struct conn_info info;
    BOOL is_public = FALSE;
    HRESULT hr;
    int rc;

    if (FAILED(hr = conn_info_get(mgr, conn, &info)))
        return fail_hr(L"reading a connection's properties", hr);
    out(L"%ls %ls\n  device: %ls\n  status: %ls  media: %ls\n", info.name, info.guid,
        info.device, status_text(info.status), media_text(info.media));

    hr = INetSharingManager_get_INetSharingConfigurationForINetConnection(mgr, conn, &config);
    if (FAILED(hr))
    {
        conn_info_free(&info);
        return fail_hr(L"getting the connection's sharing configuration", hr);
    }
    if (FAILED(hr = print_sharing(config, &is_public)))
        rc = fail_hr(L"reading the connection's sharing state", hr);
    else
        rc = print_mappings(config, is_public ? info.guid : NULL);
    INetSharingConfiguration_Release(config);
    conn_info_free(&info);
    return rc;
}

int cmd_list(INetSharingManager *mgr, int argc, WCHAR **argv)
{
    IEnumVARIANT *e;
    INetConnection *conn;
    unsigned count = 0;
    int rc = EXIT_OK;
    HRESULT hr;

    if (FAILED(hr = connections_enum(mgr, &e)))
        return fail_hr(L"enumerating connections", hr);
    while ((hr = enum_next(e, &IID_INetConnection, (void **)&conn)) == S_OK)
    {
        if (count++)
            out(L"\n");
        if (print_connection(mgr, conn))
            rc = EXIT_FAILED; /* reported; go on with the others */
        INetConnection_Release(conn);
    }
    IEnumVARIANT_Release(e);
    states_done();
    if (FAILED(hr))
        return fail_hr(L"reading the connections", hr);
    if (!count)
        out(L"(no connections)\n");
    return rc;
}

/* ------------------------------------------------------------------------------------------ */
/* Commands on one connection                                                                 */
/* ------------------------------------------------------------------------------------------ */

int cmd_add(INetSharingManager *mgr, int argc, WCHAR **argv)
{
    INetConnection *conn;
    INetSharingConfiguration *config;
    INetSharingPortMapping *mapping = NULL;
    BSTR name, target;
    USHORT ext_port, int_port;
    UCHAR proto;
    BOOL enable = FALSE;
    HRESULT hr;
    int rc;

    if (!parse_protocol(argv[2], &proto))
        return bad_arg(L"protocol", argv[2]);
    if (!parse_port(argv[3], &ext_port))
        return bad_arg(L"external port", argv[3]);
    if (!parse_port(argv[4], &int_port))
        return bad_arg(L"internal port", argv[4]);
    if (argc == 7)
    {
        if (!same_text(argv[6], L"--enable"))
            return bad_arg(L"option", argv[6]);
        enable = TRUE;
    }
    if ((rc = open_config(mgr, argv[0], &conn, &config)))
        return rc;

    name = SysAllocString(argv[1]);
    target = SysAllocString(argv[5]);
    if (!name || !target)
        hr = E_OUTOFMEMORY;
    else
        hr = INetSharingConfiguration_AddPortMapping(config, name, proto, ext_port, int_port, 0,
                                                     target, looks_like_ipv4(argv[5])
                                                     ? ICSTT_IPADDRESS : ICSTT_NAME, &mapping);
    SysFreeString(name);
    SysFreeString(target);
    if (FAILED(hr))
        rc = fail_hr(L"adding the port mapping", hr);
    else if (enable && FAILED(hr = INetSharingPortMapping_Enable(mapping)))
        rc = fail_hr(L"enabling the new port mapping", hr);
    else
        out(L"added %ls %u -> %ls:%u \"%ls\"%ls\n", protocol_text(proto), ext_port, argv[5],
            int_port, argv[1], enable ? L" (enabled)" : L"");
    if (mapping)
        INetSharingPortMapping_Release(mapping);
    close_config(conn, config);
    return rc;
}

enum mapping_action { MAPPING_REMOVE, MAPPING_ENABLE, MAPPING_DISABLE };

static int act_on_mapping(INetSharingManager *mgr, WCHAR **argv, enum mapping_action action)
{
    static const WCHAR *const doing[] = {
        L"removing the port mapping", L"enabling the port mapping", L"disabling the port mapping",
    };
    static const WCHAR *const done[] = { L"removed", L"enabled", L"disabled" };
    INetConnection *conn;
    INetSharingConfiguration *config;
    INetSharingPortMapping *mapping;
    WCHAR spec[32];
    USHORT ext_port;
    UCHAR proto;
    HRESULT hr;
    int rc;

    if (!parse_protocol(argv[1], &proto))
        return bad_arg(L"protocol", argv[1]);
    if (!parse_port(argv[2], &ext_port))
        return bad_arg(L"external port", argv[2]);
    if ((rc = open_config(mgr, argv[0], &conn, &config)))
        return rc;
    _snwprintf(spec, ARRAYSIZE(spec), L"%ls %u", protocol_text(proto), ext_port);
    spec[ARRAYSIZE(spec) - 1] = 0;
    if (!(rc = find_mapping(config, proto, ext_port, spec, &mapping)))
    {
        switch (action)
        {
        case MAPPING_REMOVE: hr = INetSharingConfiguration_RemovePortMapping(config, mapping); break;
        case MAPPING_ENABLE: hr = INetSharingPortMapping_Enable(mapping); break;
        default: hr = INetSharingPortMapping_Disable(mapping); break;
        }
        if (FAILED(hr))
            rc = fail_hr(doing[action], hr);
        else
            out(L"%ls %ls\n", done[action], spec);
        INetSharingPortMapping_Release(mapping);
    }
    close_config(conn, config);
    return rc;
}

int cmd_remove(INetSharingManager *mgr, int argc, WCHAR **argv)
{
    return act_on_mapping(mgr, argv, MAPPING_REMOVE);
}

int cmd_enable(INetSharingManager *mgr, int argc, WCHAR **argv)
{
    return act_on_mapping(mgr, argv, MAPPING_ENABLE);
}

int cmd_disable(INetSharingManager *mgr, int argc, WCHAR **argv)
{
    return act_on_mapping(mgr, argv, MAPPING_DISABLE);
}

int cmd_share(INetSharingManager *mgr, int argc, WCHAR **argv)
{
    INetConnection *conn;
    INetSharingConfiguration *config;
    SHARINGCONNECTIONTYPE type;
    HRESULT hr;
    int rc;

    if (same_text(argv[1], L"public"))
        type = ICSSHARINGTYPE_PUBLIC;
    else if (same_text(argv[1], L"private"))
        type = ICSSHARINGTYPE_PRIVATE;
    else
        return bad_arg(L"sharing type", argv[1]);
    if ((rc = open_config(mgr, argv[0], &conn, &config)))
        return rc;
    if (FAILED(hr = INetSharingConfiguration_EnableSharing(config, type)))
        rc = fail_hr(L"enabling sharing", hr);
    else
        out(L"shared \"%ls\" as %ls\n", argv[0], type == ICSSHARINGTYPE_PUBLIC ? L"public" : L"private");
    close_config(conn, config);
    return rc;
}

int cmd_unshare(INetSharingManager *mgr, int argc, WCHAR **argv)
{
    INetConnection *conn;
    INetSharingConfiguration *config;
    HRESULT hr;
    int rc;

    if ((rc = open_config(mgr, argv[0], &conn, &config)))
        return rc;
    if (FAILED(hr = INetSharingConfiguration_DisableSharing(config)))
        rc = fail_hr(L"disabling sharing", hr);
    else
        out(L"unshared \"%ls\"\n", argv[0]);
    close_config(conn, config);
    return rc;
}

int cmd_firewall(INetSharingManager *mgr, int argc, WCHAR **argv)
{
    INetConnection *conn;
    INetSharingConfiguration *config;
    BOOL on;
    HRESULT hr;
    int rc;

    if (same_text(argv[1], L"on"))
        on = TRUE;
    else if (same_text(argv[1], L"off"))
        on = FALSE;
    else
        return bad_arg(L"firewall state", argv[1]);
    if ((rc = open_config(mgr, argv[0], &conn, &config)))
        return rc;
    hr = on ? INetSharingConfiguration_EnableInternetFirewall(config)
            : INetSharingConfiguration_DisableInternetFirewall(config);
    if (FAILED(hr))
        rc = fail_hr(on ? L"enabling the firewall" : L"disabling the firewall", hr);
    else
        out(L"firewall of \"%ls\" %ls\n", argv[0], on ? L"on" : L"off");
    close_config(conn, config);
    return rc;
}

int cmd_rename(INetSharingManager *mgr, int argc, WCHAR **argv)
{
    INetConnection *conn;
    HRESULT hr;
    int rc;

    if ((rc = find_connection(mgr, argv[0], &conn)))
        return rc;
    if (FAILED(hr = INetConnection_Rename(conn, argv[1])))
        rc = fail_hr_arg(L"renaming the connection", hr,
                         L"invalid name (1-256 characters, no control characters "
                         L"nor any of \\ / : * ? \" < > |)");
    else
        out(L"renamed \"%ls\" to \"%ls\"\n", argv[0], argv[1]);
    INetConnection_Release(conn);
    return rc;
}
