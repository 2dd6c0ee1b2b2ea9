/*
 * The deadline and byte budget of the calling thread's network calls (igd.h), and the socket
 * calls miniupnpc makes through them (net_bounds.h).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gateway/net_bounds.h"

#include <windows.h>

#include "gateway/igd.h"

/* A library call outside any budget (a bug) still ends: within this many milliseconds. */
#define UNBUDGETED_MS 5000

struct budget
{
    uint64_t deadline;
    uint32_t bytes_left;
    int timed_out;
    int overflowed;
};

static __thread struct budget budget;

uint64_t ohn_now_ms(void)
{
    return GetTickCount64();
}

void ohn_net_budget(uint64_t deadline, uint32_t max_bytes)
{
    budget.deadline = deadline;
    budget.bytes_left = max_bytes;
    budget.timed_out = 0;
    budget.overflowed = 0;
}

int ohn_net_timed_out(void)
{
    return budget.timed_out;
}

int ohn_net_overflowed(void)
{
    return budget.overflowed;
}

/* Milliseconds left, at least 0. */
static uint64_t left(void)
{
    uint64_t now = ohn_now_ms();

    if (!budget.deadline)
        budget.deadline = now + UNBUDGETED_MS;
    return budget.deadline > now ? budget.deadline - now : 0;
}

static int timed_out(void)
{
    budget.timed_out = 1;
    WSASetLastError(WSAETIMEDOUT);
    return SOCKET_ERROR;
}

static void set_blocking(SOCKET s, BOOL blocking)
{
    u_long nonblocking = !blocking;

    ioctlsocket(s, FIONBIO, &nonblocking);
}

int WSAAPI ohn_net_connect(SOCKET s, const struct sockaddr *addr, int len)
{
    fd_set writable, failed;
    struct timeval tv;
    uint64_t ms = left();
    int err = 0, size = sizeof(err), n;

    if (!ms)
        return timed_out();
    set_blocking(s, FALSE);
    if (!connect(s, addr, len))
    {
        set_blocking(s, TRUE);
        return 0;
    }
    if (WSAGetLastError() != WSAEWOULDBLOCK)
    {
        err = WSAGetLastError();
        set_blocking(s, TRUE);
        WSASetLastError(err);
        return SOCKET_ERROR;
    }
    FD_ZERO(&writable);
    FD_ZERO(&failed);
    FD_SET(s, &writable);
    FD_SET(s, &failed);
    tv.tv_sec = (long)(ms / 1000);
    tv.tv_usec = (long)(ms % 1000 * 1000);
    n = select(0, NULL, &writable, &failed, &tv);
    set_blocking(s, TRUE);
    if (!n)
        return timed_out();
    if (n < 0)
        return SOCKET_ERROR;
    if (getsockopt(s, SOL_SOCKET, SO_ERROR, (char *)&err, &size) || err || FD_ISSET(s, &failed))
    {
        WSASetLastError(err ? err : WSAECONNREFUSED);
        return SOCKET_ERROR;
    }
    return 0;
}

int WSAAPI ohn_net_select(int nfds, fd_set *r, fd_set *w, fd_set *e, const struct timeval *timeout)
{
    uint64_t ms = left(), asked;
    struct timeval tv;
    int n;

    if (!ms)
    {
        timed_out();
        return 0; /* "nothing ready": the caller gives up */
    }
    asked = timeout ? (uint64_t)timeout->tv_sec * 1000 + (uint64_t)timeout->tv_usec / 1000 : UINT64_MAX;
    if (asked > ms)
        asked = ms;
    tv.tv_sec = (long)(asked / 1000);
    tv.tv_usec = (long)(asked % 1000 * 1000);
    n = select(nfds, r, w, e, &tv);
    if (!n && asked == ms)
        budget.timed_out = 1;
    return n;
}

int WSAAPI ohn_net_recv(SOCKET s, char *buf, int len, int flags)
{
    int n;

    if (!left())
        return timed_out();
    if (!budget.bytes_left)
    {
        /* The answer is larger than any we accept: stop reading it. */
        budget.overflowed = 1;
        WSASetLastError(WSAEMSGSIZE);
        return SOCKET_ERROR;
    }
    if ((uint32_t)len > budget.bytes_left)
        len = (int)budget.bytes_left;
    if ((n = recv(s, buf, len, flags)) > 0)
        budget.bytes_left -= (uint32_t)n;
    return n;
}

int WSAAPI ohn_net_send(SOCKET s, const char *buf, int len, int flags)
{
    if (!left())
        return timed_out();
    return send(s, buf, len, flags);
}
