/*
 * hnetmap: output (UTF-8 when not a console), errors with their meaning, and arguments.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "hnetmap.h"

/* ------------------------------------------------------------------------------------------ */
/* Output                                                                                     */
/* ------------------------------------------------------------------------------------------ */

/* Writes to a console with WriteConsoleW, anywhere else (pipe, file) as UTF-8. */
void write_text(HANDLE h, const WCHAR *text, int len)
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

void out(const WCHAR *fmt, ...)
{
    va_list args;

    va_start(args, fmt);
    vprint(STD_OUTPUT_HANDLE, fmt, args);
    va_end(args);
}

void err(const WCHAR *fmt, ...)
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
    { REGDB_E_CLASSNOTREG, L"the class is not registered for this architecture: register this architecture's hnetcfg.dll with " HNETMAP_REGSVR32 },
    { (HRESULT)0x800704CB, L"another client of the LAN holds this port on the gateway (UPnP error 718)" },
    { (HRESULT)0x800705B4, L"the gateway did not answer in time" },
    { (HRESULT)0x800704D0, L"the gateway cannot be reached" },
    { (HRESULT)0x80070002, L"the gateway has no such port mapping" },
    { (HRESULT)0x80EE0046, L"the port manager or the gateway failed to give a port mapping" },
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
int fail_hr_arg(const WCHAR *what, HRESULT hr, const WCHAR *invalid_arg)
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

int fail_hr(const WCHAR *what, HRESULT hr)
{
    return fail_hr_arg(what, hr, NULL);
}

/* A failure that is not a failed call (a lookup that found nothing). */
int fail_msg(const WCHAR *what, const WCHAR *arg, const WCHAR *message)
{
    err(L"hnetmap: %ls \"%ls\": %ls\n", what, arg, message);
    return EXIT_FAILED;
}

/* ------------------------------------------------------------------------------------------ */
/* Arguments                                                                                  */
/* ------------------------------------------------------------------------------------------ */

void usage(DWORD std)
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
        L"  firewall rules                           the Windows Firewall rules (HNetCfg.FwPolicy2)\n"
        L"  firewall add NAME tcp|udp|any|NUMBER [PORTS] [--app PATH] [--out] [--block]\n"
        L"           [--disabled] [--group GROUP] [--profiles domain,private,public]\n"
        L"                                           add a firewall rule (enabled unless --disabled)\n"
        L"  firewall remove NAME                     remove a firewall rule\n"
        L"  firewall apps | firewall ports           the current profile's authorized applications\n"
        L"                                           or open ports (HNetCfg.FwMgr)\n"
        L"  firewall profile [domain,private,public] show or set the current profile types\n"
        L"                                           (configuration only: nothing is enforced)\n"
        L"  upnp status                              the UPnP gateway in use, and the realisation\n"
        L"                                           of ICS mappings on it\n"
        L"  upnp list                                the gateway's port mappings\n"
        L"  upnp add PROTO EXTPORT INTPORT CLIENT [DESCRIPTION]\n"
        L"                                           add a static port mapping on the gateway\n"
        L"  upnp remove PROTO EXTPORT                remove a port mapping from the gateway\n"
        L"  upnp sync                                realise the enabled ICS mappings of the\n"
        L"                                           public connection on the gateway now\n"
        L"  upnp realize on|off                      whether they are realised at all\n"
        L"  session URI [--video] [--hold SECONDS]   start a test RTC session (HNetCfg.RTCSession)\n"
        L"                                           and show where each of its port mappings\n"
        L"                                           came from; it ends when the command does\n"
        L"  classes                                  who serves each class of hnetcfg.dll in each\n"
        L"                                           registry view (this project, Wine's builtin)\n"
        L"  help                                     this text\n"
        L"\n"
        L"CONN is a connection's GUID {...} or its name (case-insensitive); PROTO is tcp or udp;\n"
        L"ports are decimal. Exit status: 0 success, 1 a call failed, 2 usage.\n";

    write_text(GetStdHandle(std), text, ARRAYSIZE(text) - 1);
}

int bad_arg(const WCHAR *what, const WCHAR *arg)
{
    err(L"hnetmap: invalid %ls \"%ls\"\n", what, arg);
    usage(STD_ERROR_HANDLE);
    return EXIT_USAGE;
}

BOOL same_text(const WCHAR *a, const WCHAR *b)
{
    return CompareStringOrdinal(a, -1, b, -1, TRUE) == CSTR_EQUAL;
}

BOOL parse_protocol(const WCHAR *arg, UCHAR *proto)
{
    if (same_text(arg, L"tcp"))
        *proto = IPPROTO_NUM_TCP;
    else if (same_text(arg, L"udp"))
        *proto = IPPROTO_NUM_UDP;
    else
        return FALSE;
    return TRUE;
}

const WCHAR *protocol_text(UCHAR proto)
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
BOOL parse_port(const WCHAR *arg, USHORT *port)
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
BOOL looks_like_ipv4(const WCHAR *s)
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

HRESULT create_nat(IUPnPNAT **nat, IOpenHNetGateway **gateway)
{
    HRESULT hr;

    *gateway = NULL;
    if (FAILED(hr = CoCreateInstance(&CLSID_UPnPNAT, NULL, CLSCTX_INPROC_SERVER, &IID_IUPnPNAT, (void **)nat)))
        return hr;
    if (FAILED(IUPnPNAT_QueryInterface(*nat, &IID_IOpenHNetGateway, (void **)gateway)))
        *gateway = NULL;
    return S_OK;
}
