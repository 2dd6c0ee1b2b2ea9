/*
 * hnetmap: what the files of the console tool share (hnetmap.c: main and the command table;
 * common.c: output, errors, arguments; ics.c: the Internet Connection Sharing commands;
 * upnp.c: the UPnP gateway commands; rtc.c: the test session).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef HNETMAP_H
#define HNETMAP_H

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

#include "natupnplib.h"
#include "openhnetcfg.h"

enum { EXIT_OK = 0, EXIT_FAILED = 1, EXIT_USAGE = 2 };

#define IPPROTO_NUM_TCP 6
#define IPPROTO_NUM_UDP 17

/* common.c */
void write_text(HANDLE h, const WCHAR *text, int len);
void out(const WCHAR *fmt, ...);
void err(const WCHAR *fmt, ...);
/* Prints "hnetmap: WHAT: 0xHRESULT: system text (meaning)" and returns EXIT_FAILED. The meaning
 * is invalid_arg for E_INVALIDARG when given, otherwise the project's own, if any. */
int fail_hr_arg(const WCHAR *what, HRESULT hr, const WCHAR *invalid_arg);
int fail_hr(const WCHAR *what, HRESULT hr);
/* A failure that is not a failed call (a lookup that found nothing). */
int fail_msg(const WCHAR *what, const WCHAR *arg, const WCHAR *message);
void usage(DWORD std);
int bad_arg(const WCHAR *what, const WCHAR *arg);
BOOL same_text(const WCHAR *a, const WCHAR *b);
BOOL parse_protocol(const WCHAR *arg, UCHAR *proto);
const WCHAR *protocol_text(UCHAR proto);
BOOL parse_port(const WCHAR *arg, USHORT *port);
BOOL looks_like_ipv4(const WCHAR *s);
/* The UPnPNAT object and its IOpenHNetGateway (NULL when the registered UPnPNAT is not this
 * project's, e.g. Wine's builtin). */
HRESULT create_nat(IUPnPNAT **nat, IOpenHNetGateway **gateway);

/* ics.c: the commands on connections and their port mappings. */
int cmd_list(INetSharingManager *mgr, int argc, WCHAR **argv);
int cmd_add(INetSharingManager *mgr, int argc, WCHAR **argv);
int cmd_remove(INetSharingManager *mgr, int argc, WCHAR **argv);
int cmd_enable(INetSharingManager *mgr, int argc, WCHAR **argv);
int cmd_disable(INetSharingManager *mgr, int argc, WCHAR **argv);
int cmd_share(INetSharingManager *mgr, int argc, WCHAR **argv);
int cmd_unshare(INetSharingManager *mgr, int argc, WCHAR **argv);
int cmd_firewall(INetSharingManager *mgr, int argc, WCHAR **argv);
int cmd_rename(INetSharingManager *mgr, int argc, WCHAR **argv);

/* upnp.c: the commands on the UPnP gateway (hnetmap upnp ...). */
int cmd_upnp_status(IUPnPNAT *nat, IOpenHNetGateway *gateway, int argc, WCHAR **argv);
int cmd_upnp_list(IUPnPNAT *nat, IOpenHNetGateway *gateway, int argc, WCHAR **argv);
int cmd_upnp_add(IUPnPNAT *nat, IOpenHNetGateway *gateway, int argc, WCHAR **argv);
int cmd_upnp_remove(IUPnPNAT *nat, IOpenHNetGateway *gateway, int argc, WCHAR **argv);
int cmd_upnp_sync(IUPnPNAT *nat, IOpenHNetGateway *gateway, int argc, WCHAR **argv);
int cmd_upnp_realize(IUPnPNAT *nat, IOpenHNetGateway *gateway, int argc, WCHAR **argv);

/* firewall.c: the Windows Firewall configuration (hnetmap firewall rules|add|remove|apps|ports|
 * profile). argv[0] is the subcommand. */
BOOL is_firewall_command(const WCHAR *name);
int cmd_fw(int argc, WCHAR **argv);

/* rtc.c: a test session of HNetCfg.RTCSession (hnetmap session ...). */
int cmd_session(int argc, WCHAR **argv);

/* classes.c: who serves each class in each registry view (hnetmap classes). */
int cmd_classes(int argc, WCHAR **argv);

/* The regsvr32 that registers this program's architecture's hnetcfg.dll, for messages. */
#ifdef _WIN64
#define HNETMAP_REGSVR32 L"the 64-bit regsvr32 (C:\\windows\\system32\\regsvr32.exe)"
#else
#define HNETMAP_REGSVR32 L"the 32-bit regsvr32 (C:\\windows\\syswow64\\regsvr32.exe; system32 in a 32-bit prefix)"
#endif

#endif
