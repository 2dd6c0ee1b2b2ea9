/*
 * Bounds for miniupnpc's own sockets, under Windows. The build compiles miniupnpc with this
 * header forced in front of every file (-include) and OHN_NET_BOUNDS_REDIRECT defined, so that
 * the library's connect, select, recv and send are ours (net_bounds.c): no source is patched.
 *
 * Why: miniupnpc's TCP connect has no timeout on Windows (134 s against a gateway that drops
 * packets, measured under Wine), its reads wait a fixed 5 s each, and it reads an HTTP answer
 * of any size into memory. Ours give every call the deadline and byte budget that the calling
 * thread set with ohn_net_budget (igd.h).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef OHN_NET_BOUNDS_H
#define OHN_NET_BOUNDS_H

#include <winsock2.h>
#include <ws2tcpip.h>

int WSAAPI ohn_net_connect(SOCKET s, const struct sockaddr *addr, int len);
int WSAAPI ohn_net_select(int n, fd_set *r, fd_set *w, fd_set *e, const struct timeval *timeout);
int WSAAPI ohn_net_recv(SOCKET s, char *buf, int len, int flags);
int WSAAPI ohn_net_send(SOCKET s, const char *buf, int len, int flags);

#ifdef OHN_NET_BOUNDS_REDIRECT
#define connect ohn_net_connect
#define select ohn_net_select
#define recv ohn_net_recv
#define send ohn_net_send
#endif

#endif
