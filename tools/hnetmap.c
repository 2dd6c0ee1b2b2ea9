/*
 * hnetmap: a console tool for Internet Connection Sharing's port mappings and the UPnP gateway.
 *
 * The ICS commands (ics.c) drive HNetCfg.HNetShare (NetSharingManager) through its public COM
 * interfaces only, as any other client would, so they work the same against this project's
 * hnetcfg.dll and any other implementation of the class. The upnp commands (upnp.c) use
 * HNetCfg.NATUPnP, and this project's IOpenHNetGateway for what Windows has no interface for.
 * The session command (rtc.c) starts a test session of HNetCfg.RTCSession.
 *
 *   hnetmap list
 *   hnetmap add CONN NAME PROTO EXTPORT INTPORT TARGET [--enable]
 *   hnetmap remove|enable|disable CONN PROTO EXTPORT
 *   hnetmap share CONN public|private
 *   hnetmap unshare CONN
 *   hnetmap firewall CONN on|off
 *   hnetmap firewall rules|add|remove|apps|ports|profile ...   (firewall.c)
 *   hnetmap rename CONN NEWNAME
 *   hnetmap upnp status|list|sync
 *   hnetmap upnp add PROTO EXTPORT INTPORT CLIENT [DESCRIPTION]
 *   hnetmap upnp remove PROTO EXTPORT
 *   hnetmap upnp realize on|off
 *   hnetmap session URI [--video] [--hold SECONDS]
 *   hnetmap classes                                    (classes.c)
 *
 * Exit status: 0 success, 1 a call failed (one line on stderr says which and why), 2 usage.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "hnetmap.h"

/* ------------------------------------------------------------------------------------------ */
/* main                                                                                       */
/* ------------------------------------------------------------------------------------------ */

static const struct command
{
    const WCHAR *name;
    int min_args, max_args; /* after the command's name */
    int (*run)(INetSharingManager *mgr, int argc, WCHAR **argv);
    int (*run_upnp)(IUPnPNAT *nat, IOpenHNetGateway *gateway, int argc, WCHAR **argv);
    int (*run_plain)(int argc, WCHAR **argv); /* creates what it needs itself */
} commands[] = {
    { L"list",     0, 0, cmd_list, NULL, NULL },
    { L"add",      6, 7, cmd_add, NULL, NULL },
    { L"remove",   3, 3, cmd_remove, NULL, NULL },
    { L"enable",   3, 3, cmd_enable, NULL, NULL },
    { L"disable",  3, 3, cmd_disable, NULL, NULL },
    { L"share",    2, 2, cmd_share, NULL, NULL },
    { L"unshare",  1, 1, cmd_unshare, NULL, NULL },
    { L"firewall", 2, 2, cmd_firewall, NULL, NULL },
    { L"rename",   2, 2, cmd_rename, NULL, NULL },
    { L"session",  1, 4, NULL, NULL, cmd_session },
    { L"classes",  0, 0, NULL, NULL, cmd_classes },
}, upnp_commands[] = {
    { L"status",   0, 0, NULL, cmd_upnp_status, NULL },
    { L"list",     0, 0, NULL, cmd_upnp_list, NULL },
    { L"add",      4, 5, NULL, cmd_upnp_add, NULL },
    { L"remove",   2, 2, NULL, cmd_upnp_remove, NULL },
    { L"sync",     0, 0, NULL, cmd_upnp_sync, NULL },
    { L"realize",  1, 1, NULL, cmd_upnp_realize, NULL },
};

static const struct command *find_command(const struct command *table, size_t count, const WCHAR *name)
{
    size_t i;

    for (i = 0; i < count; i++)
        if (same_text(table[i].name, name))
            return &table[i];
    return NULL;
}

static int run_command(const struct command *cmd, int argc, WCHAR **argv)
{
    INetSharingManager *mgr;
    HRESULT hr;
    int rc;

    if (FAILED(hr = CoInitializeEx(NULL, COINIT_APARTMENTTHREADED)))
        return fail_hr(L"initializing COM", hr);
    if (cmd->run_plain)
    {
        rc = cmd->run_plain(argc, argv);
        CoUninitialize();
        return rc;
    }
    if (cmd->run_upnp)
    {
        IOpenHNetGateway *gateway;
        IUPnPNAT *nat;

        if (FAILED(hr = create_nat(&nat, &gateway)))
            rc = fail_hr(L"creating HNetCfg.NATUPnP", hr);
        else
        {
            rc = cmd->run_upnp(nat, gateway, argc, argv);
            if (gateway)
                IOpenHNetGateway_Release(gateway);
            IUPnPNAT_Release(nat);
        }
        CoUninitialize();
        return rc;
    }
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
    /* "firewall rules" and the like; "firewall CONN on|off" is the connection's ICS firewall. */
    if (same_text(argv[1], L"firewall") && argc >= 3 && is_firewall_command(argv[2]))
        return cmd_fw(argc - 2, argv + 2);
    if (same_text(argv[1], L"upnp"))
    {
        if (argc < 3 || !(cmd = find_command(upnp_commands, ARRAYSIZE(upnp_commands), argv[2])))
            return bad_arg(L"upnp command", argc < 3 ? L"" : argv[2]);
        argv++;
        argc--;
        nargs--;
    }
    else if (!(cmd = find_command(commands, ARRAYSIZE(commands), argv[1])))
        return bad_arg(L"command", argv[1]);
    if (nargs < cmd->min_args || nargs > cmd->max_args)
    {
        err(L"hnetmap: wrong number of arguments for \"%ls\"\n", cmd->name);
        usage(STD_ERROR_HANDLE);
        return EXIT_USAGE;
    }
    return run_command(cmd, nargs, argv + 2);
}
