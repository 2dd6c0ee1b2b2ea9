/*
 * hnetmap: a console tool for Internet Connection Sharing's port mappings.
 *
 * It drives HNetCfg.HNetShare (NetSharingManager) through its public COM interfaces only, as
 * any other client would, so it works the same against this project's hnetcfg.dll and any
 * other implementation of the class.
 *
 *   hnetmap list
 *   hnetmap add CONN NAME PROTO EXTPORT INTPORT TARGET [--enable]
 *   hnetmap remove|enable|disable CONN PROTO EXTPORT
 *   hnetmap share CONN public|private
 *   hnetmap unshare CONN
 *   hnetmap firewall CONN on|off
 *   hnetmap rename CONN NEWNAME
 *
 * Exit status: 0 success, 1 a call failed (one line on stderr says which and why), 2 usage.
 */

#define COBJMACROS
#define WIN32_LEAN_AND_MEAN
#ifndef _WIN32_WINNT
#define _WIN32_WINNT 0x0600
#endif
#include <windows.h>
#include <ole2.h>
#include <oleauto.h>
#include <netcon.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <wchar.h>

enum { EXIT_OK = 0, EXIT_FAILED = 1, EXIT_USAGE = 2 };

#define IPPROTO_NUM_TCP 6
#define IPPROTO_NUM_UDP 17

/* ------------------------------------------------------------------------------------------ */
/* Output                                                                                     */
/* ------------------------------------------------------------------------------------------ */

/* Writes to a console with WriteConsoleW, anywhere else (pipe, file) as UTF-8. */
static void write_text(HANDLE h, const WCHAR *text, int len)
{
    DWORD mode, written;
    char *utf8;
    int size;

    if (h == INVALID_HANDLE_VALUE || !h || len <= 0)
        return;
    if (GetConsoleMode(h, &mode))
    {
        WriteConsoleW(h, text, len, &written, NULL);
        return;
    }
    size = WideCharToMultiByte(CP_UTF8, 0, text, len, NULL, 0, NULL, NULL);
    if (size <= 0 || !(utf8 = malloc(size)))
        return;
    WideCharToMultiByte(CP_UTF8, 0, text, len, utf8, size, NULL, NULL);
    WriteFile(h, utf8, size, &written, NULL);
    free(utf8);
}

static void vprint(DWORD std, const WCHAR *fmt, va_list args)
{
    va_list copy;
    WCHAR *buf;
    int len;

    va_copy(copy, args);
    len = _vscwprintf(fmt, copy);
    va_end(copy);
    if (len <= 0 || !(buf = malloc((len + 1) * sizeof(WCHAR))))
        return;
    _vsnwprintf(buf, len + 1, fmt, args);
    buf[len] = 0;
    write_text(GetStdHandle(std), buf, len);
    free(buf);
}

static void out(const WCHAR *fmt, ...)
{
    va_list args;

    va_start(args, fmt);
    vprint(STD_OUTPUT_HANDLE, fmt, args);
    va_end(args);
}

static void err(const WCHAR *fmt, ...)
{
    va_list args;

    va_start(args, fmt);
    vprint(STD_ERROR_HANDLE, fmt, args);
    va_end(args);
}

/* ------------------------------------------------------------------------------------------ */
/* Errors                                                                                     */
/* ------------------------------------------------------------------------------------------ */

#define HR_OBJECT_ALREADY_EXISTS ((HRESULT)0x80071392) /* HRESULT_FROM_WIN32(ERROR_OBJECT_ALREADY_EXISTS) */
#define HR_NOT_FOUND             ((HRESULT)0x80070490) /* HRESULT_FROM_WIN32(ERROR_NOT_FOUND) */

static const struct
{
    HRESULT hr;
    const WCHAR *meaning;
} project_meanings[] = {
    { E_INVALIDARG, L"invalid argument (protocol must be TCP or UDP, ports 1-65535, "
                    L"name 1-256 characters, target a name or a dotted IPv4 address)" },
    { HR_OBJECT_ALREADY_EXISTS,
      L"a mapping with this protocol and external port already exists on this connection" },
    { HR_NOT_FOUND, L"the mapping no longer exists" },
    { REGDB_E_CLASSNOTREG, L"HNetCfg.HNetShare is not registered: run wine regsvr32 hnetcfg.dll" },
};

static const WCHAR *project_meaning(HRESULT hr)
{
    size_t i;

    for (i = 0; i < ARRAYSIZE(project_meanings); i++)
        if (project_meanings[i].hr == hr)
            return project_meanings[i].meaning;
    return NULL;
}

/* The system's text for hr on one line, without its trailing period; NULL when it has none.
 * Free with LocalFree. */
static WCHAR *system_message(HRESULT hr)
{
    WCHAR *msg = NULL;
    DWORD len;

    len = FormatMessageW(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_ALLOCATE_BUFFER
                             | FORMAT_MESSAGE_IGNORE_INSERTS | FORMAT_MESSAGE_MAX_WIDTH_MASK,
                         NULL, (DWORD)hr, 0, (WCHAR *)&msg, 0, NULL);
    if (!len || !msg)
        return NULL;
    while (len && (msg[len - 1] == ' ' || msg[len - 1] == '.' || msg[len - 1] == '\r'
                   || msg[len - 1] == '\n'))
        msg[--len] = 0;
    if (!len)
    {
        LocalFree(msg);
        return NULL;
    }
    return msg;
}

/* Prints "hnetmap: WHAT: 0xHRESULT: system text (meaning)" and returns EXIT_FAILED. The meaning
 * is invalid_arg for E_INVALIDARG when given, otherwise the project's own, if any. */
static int fail_hr_arg(const WCHAR *what, HRESULT hr, const WCHAR *invalid_arg)
{
    const WCHAR *meaning = hr == E_INVALIDARG && invalid_arg ? invalid_arg : project_meaning(hr);
    WCHAR *sys = system_message(hr);

    if (sys && meaning)
        err(L"hnetmap: %ls: 0x%08lX: %ls (%ls)\n", what, (unsigned long)hr, sys, meaning);
    else if (sys || meaning)
        err(L"hnetmap: %ls: 0x%08lX: %ls\n", what, (unsigned long)hr, sys ? sys : meaning);
    else
        err(L"hnetmap: %ls: 0x%08lX: unknown error\n", what, (unsigned long)hr);
    if (sys)
        LocalFree(sys);
    return EXIT_FAILED;
}

static int fail_hr(const WCHAR *what, HRESULT hr)
{
    return fail_hr_arg(what, hr, NULL);
}

/* A failure that is not a failed call (a lookup that found nothing). */
static int fail_msg(const WCHAR *what, const WCHAR *arg, const WCHAR *message)
{
    err(L"hnetmap: %ls \"%ls\": %ls\n", what, arg, message);
    return EXIT_FAILED;
}

/* ------------------------------------------------------------------------------------------ */
/* Arguments                                                                                  */
/* ------------------------------------------------------------------------------------------ */

static void usage(DWORD std)
{
    static const WCHAR text[] =
        L"usage: hnetmap COMMAND [ARGS]\n"
        L"\n"
        L"  list                                     connections and their port mappings\n"
        L"  add CONN NAME PROTO EXTPORT INTPORT TARGET [--enable]\n"
        L"                                           add a port mapping (TARGET: a dotted IPv4\n"
        L"                                           address or a host name)\n"
        L"  remove CONN PROTO EXTPORT                remove a port mapping\n"
        L"  enable CONN PROTO EXTPORT                enable a port mapping\n"
        L"  disable CONN PROTO EXTPORT               disable a port mapping\n"
        L"  share CONN public|private                share a connection\n"
        L"  unshare CONN                             stop sharing a connection\n"
        L"  firewall CONN on|off                     turn a connection's firewall on or off\n"
        L"  rename CONN NEWNAME                      rename a connection\n"
        L"  help                                     this text\n"
        L"\n"
        L"CONN is a connection's GUID {...} or its name (case-insensitive); PROTO is tcp or udp;\n"
        L"ports are decimal. Exit status: 0 success, 1 a call failed, 2 usage.\n";

    write_text(GetStdHandle(std), text, ARRAYSIZE(text) - 1);
}

static int bad_arg(const WCHAR *what, const WCHAR *arg)
{
    err(L"hnetmap: invalid %ls \"%ls\"\n", what, arg);
    usage(STD_ERROR_HANDLE);
    return EXIT_USAGE;
}

static BOOL same_text(const WCHAR *a, const WCHAR *b)
{
    return CompareStringOrdinal(a, -1, b, -1, TRUE) == CSTR_EQUAL;
}

static BOOL parse_protocol(const WCHAR *arg, UCHAR *proto)
{
    if (same_text(arg, L"tcp"))
        *proto = IPPROTO_NUM_TCP;
    else if (same_text(arg, L"udp"))
        *proto = IPPROTO_NUM_UDP;
    else
        return FALSE;
    return TRUE;
}

static const WCHAR *protocol_text(UCHAR proto)
{
    switch (proto)
    {
    case IPPROTO_NUM_TCP: return L"TCP";
    case IPPROTO_NUM_UDP: return L"UDP";
    default: return L"?";
    }
}

/* Any decimal number that fits a USHORT: whether the port is acceptable (1-65535) is the
 * class's call, which answers E_INVALIDARG for 0. */
static BOOL parse_port(const WCHAR *arg, USHORT *port)
{
    unsigned long value = 0;
    const WCHAR *p;

    if (!*arg)
        return FALSE;
    for (p = arg; *p; p++)
    {
        if (*p < '0' || *p > '9')
            return FALSE;
        value = value * 10 + (*p - '0');
        if (value > 65535)
            return FALSE;
    }
    *port = (USHORT)value;
    return TRUE;
}

/* A target made of digits and dots only (with at least one dot) is meant as an IPv4 address, never
 * a host name: it goes as ICSTT_IPADDRESS, so that a malformed one such as 1.2.3.256 is refused
 * by the class (E_INVALIDARG) instead of being taken for a name. */
static BOOL looks_like_ipv4(const WCHAR *s)
{
    BOOL dot = FALSE;

    for (; *s; s++)
    {
        if (*s == '.')
            dot = TRUE;
        else if (*s < '0' || *s > '9')
            return FALSE;
    }
    return dot;
}

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

static HRESULT print_sharing(INetSharingConfiguration *config)
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
    out(L"  shared: %ls  firewalled: %ls\n", sharing, firewalled ? L"yes" : L"no");
    return S_OK;
}

static void print_mapping(const struct mapping_info *m)
{
    const WCHAR *target = m->target_ip && *m->target_ip ? m->target_ip : m->target_name;

    out(L"    %-3ls %5ld -> %ls:%ld  %-8ls \"%ls\"\n", protocol_text(m->proto), (long)m->ext_port,
        target ? target : L"", (long)m->int_port, m->enabled ? L"enabled" : L"disabled",
        m->name ? m->name : L"");
}

/* Prints config's port mappings, one a line. Reports failures itself. */
static int print_mappings(INetSharingConfiguration *config)
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
        print_mapping(&info);
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
    HRESULT hr;
    int rc;

    if (FAILED(hr = conn_info_get(mgr, conn, &info)))
        return fail_hr(L"reading a connection's properties", hr);
    out(L"%ls %ls\n  device: %ls\n  status: %ls  media: %ls\n", info.name, info.guid,
        info.device, status_text(info.status), media_text(info.media));
    conn_info_free(&info);

    hr = INetSharingManager_get_INetSharingConfigurationForINetConnection(mgr, conn, &config);
    if (FAILED(hr))
        return fail_hr(L"getting the connection's sharing configuration", hr);
    if (FAILED(hr = print_sharing(config)))
        rc = fail_hr(L"reading the connection's sharing state", hr);
    else
        rc = print_mappings(config);
    INetSharingConfiguration_Release(config);
    return rc;
}

static int cmd_list(INetSharingManager *mgr, int argc, WCHAR **argv)
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
    if (FAILED(hr))
        return fail_hr(L"reading the connections", hr);
    if (!count)
        out(L"(no connections)\n");
    return rc;
}

/* ------------------------------------------------------------------------------------------ */
/* Commands on one connection                                                                 */
/* ------------------------------------------------------------------------------------------ */

static int cmd_add(INetSharingManager *mgr, int argc, WCHAR **argv)
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

static int cmd_remove(INetSharingManager *mgr, int argc, WCHAR **argv)
{
    return act_on_mapping(mgr, argv, MAPPING_REMOVE);
}

static int cmd_enable(INetSharingManager *mgr, int argc, WCHAR **argv)
{
    return act_on_mapping(mgr, argv, MAPPING_ENABLE);
}

static int cmd_disable(INetSharingManager *mgr, int argc, WCHAR **argv)
{
    return act_on_mapping(mgr, argv, MAPPING_DISABLE);
}

static int cmd_share(INetSharingManager *mgr, int argc, WCHAR **argv)
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

static int cmd_unshare(INetSharingManager *mgr, int argc, WCHAR **argv)
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

static int cmd_firewall(INetSharingManager *mgr, int argc, WCHAR **argv)
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

static int cmd_rename(INetSharingManager *mgr, int argc, WCHAR **argv)
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

/* ------------------------------------------------------------------------------------------ */
/* main                                                                                       */
/* ------------------------------------------------------------------------------------------ */

static const struct command
{
    const WCHAR *name;
    int min_args, max_args; /* after the command's name */
    int (*run)(INetSharingManager *mgr, int argc, WCHAR **argv);
} commands[] = {
    { L"list",     0, 0, cmd_list },
    { L"add",      6, 7, cmd_add },
    { L"remove",   3, 3, cmd_remove },
    { L"enable",   3, 3, cmd_enable },
    { L"disable",  3, 3, cmd_disable },
    { L"share",    2, 2, cmd_share },
    { L"unshare",  1, 1, cmd_unshare },
    { L"firewall", 2, 2, cmd_firewall },
    { L"rename",   2, 2, cmd_rename },
};

static const struct command *find_command(const WCHAR *name)
{
    size_t i;

    for (i = 0; i < ARRAYSIZE(commands); i++)
        if (same_text(commands[i].name, name))
            return &commands[i];
    return NULL;
}

static int run_command(const struct command *cmd, int argc, WCHAR **argv)
{
    INetSharingManager *mgr;
    HRESULT hr;
    int rc;

    if (FAILED(hr = CoInitializeEx(NULL, COINIT_APARTMENTTHREADED)))
        return fail_hr(L"initializing COM", hr);
    hr = CoCreateInstance(&CLSID_NetSharingManager, NULL, CLSCTX_INPROC_SERVER,
                          &IID_INetSharingManager, (void **)&mgr);
    if (FAILED(hr))
        rc = fail_hr(L"creating HNetCfg.HNetShare", hr);
    else
    {
        rc = cmd->run(mgr, argc, argv);
        INetSharingManager_Release(mgr);
    }
    CoUninitialize();
    return rc;
}

int wmain(int argc, WCHAR **argv)
{
    const struct command *cmd;
    int nargs = argc - 2;

    if (argc < 2)
    {
        usage(STD_ERROR_HANDLE);
        return EXIT_USAGE;
    }
    if (same_text(argv[1], L"help") || same_text(argv[1], L"--help")
        || same_text(argv[1], L"-h") || same_text(argv[1], L"/?"))
    {
        usage(STD_OUTPUT_HANDLE);
        return EXIT_USAGE;
    }
    if (!(cmd = find_command(argv[1])))
        return bad_arg(L"command", argv[1]);
    if (nargs < cmd->min_args || nargs > cmd->max_args)
    {
        err(L"hnetmap: wrong number of arguments for \"%ls\"\n", cmd->name);
        usage(STD_ERROR_HANDLE);
        return EXIT_USAGE;
    }
    return run_command(cmd, nargs, argv + 2);
}
