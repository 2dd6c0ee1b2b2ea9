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

/* Waits until s is ready for writing (write) or reading, within the budget: 1 ready, 0 timed
 * out, SOCKET_ERROR. failed (connect only): set when the socket reports an error instead. */
static int wait_ready(SOCKET s, BOOL write, BOOL *failed)
{
    fd_set ready, error;
    struct timeval tv;
    uint64_t ms = left();
    int n;

    if (!ms)
        return 0;
    FD_ZERO(&ready);
    FD_ZERO(&error);
    FD_SET(s, &ready);
    FD_SET(s, &error);
    tv.tv_sec = (long)(ms / 1000);
    tv.tv_usec = (long)(ms % 1000 * 1000);
    if ((n = select(0, write ? NULL : &ready, write ? &ready : NULL, &error, &tv)) > 0 && failed)
        *failed = FD_ISSET(s, &error) != 0;
    return n;
}

/* The socket is made non-blocking here and stays so: a connect that waits at most the budget,
 * and one mode switch per connection rather than two (each is a wineserver request under Wine).
 * miniupnpc waits in select before each read (receivedata), and its one send of a request fits
 * the socket's buffer; our send and recv wait within the budget should either find the socket
 * not ready all the same. */
int WSAAPI ohn_net_connect(SOCKET s, const struct sockaddr *addr, int len)
{
    u_long nonblocking = 1;
    BOOL failed = FALSE;
    int err = 0, size = sizeof(err), n;

    if (!left())
        return timed_out();
    if (ioctlsocket(s, FIONBIO, &nonblocking))
        return SOCKET_ERROR;
    if (!connect(s, addr, len))
        return 0;
    if (WSAGetLastError() != WSAEWOULDBLOCK)
        return SOCKET_ERROR;
    if (!(n = wait_ready(s, TRUE, &failed)))
        return timed_out();
    if (n < 0)
        return SOCKET_ERROR;
    if (failed)
    {
        /* Windows reports a refused or unreachable connect among the "exceptions". */
        if (getsockopt(s, SOL_SOCKET, SO_ERROR, (char *)&err, &size) || !err)
            err = WSAECONNREFUSED;
        WSASetLastError(err);
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
    while ((n = recv(s, buf, len, flags)) < 0 && WSAGetLastError() == WSAEWOULDBLOCK)
        if ((n = wait_ready(s, FALSE, NULL)) <= 0)
            return n ? SOCKET_ERROR : timed_out();
    if (n > 0)
        budget.bytes_left -= (uint32_t)n;
    return n;
}

int WSAAPI ohn_net_send(SOCKET s, const char *buf, int len, int flags)
{
    int n;

    if (!left())
        return timed_out();
    while ((n = send(s, buf, len, flags)) < 0 && WSAGetLastError() == WSAEWOULDBLOCK)
        if ((n = wait_ready(s, TRUE, NULL)) <= 0)
            return n ? SOCKET_ERROR : timed_out();
    return n;
}
