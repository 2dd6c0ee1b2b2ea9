/*
 * Target names to IPv4 addresses within a deadline. GetAddrInfoW may block for as long as the
 * system's resolver likes, so it runs on a thread of its own and the caller waits no longer
 * than its deadline; a late answer is thrown away.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "base.h"
#include "gateway/engine.h"
#include "gateway/resolve.h"
#include "gateway/text.h"
#include "gateway/threads.h"

#include <ws2tcpip.h>

struct lookup
{
    LONG refs;
    HANDLE done;
    uint32_t ip;
    WCHAR name[256];
};

static void lookup_release(struct lookup *l)
{
    if (!InterlockedDecrement(&l->refs))
    {
        CloseHandle(l->done);
        HeapFree(GetProcessHeap(), 0, l);
    }
}

static DWORD lookup_main(void *arg)
{
    struct lookup *l = arg;
    ADDRINFOW hints, *result = NULL;

    memset(&hints, 0, sizeof(hints));
    hints.ai_family = AF_INET;
    if (!GetAddrInfoW(l->name, NULL, &hints, &result) && result)
        l->ip = ntohl(((const struct sockaddr_in *)result->ai_addr)->sin_addr.s_addr);
    if (result)
        FreeAddrInfoW(result);
    SetEvent(l->done);
    lookup_release(l);
    return 0;
}

/* A dotted IPv4 address, or a name resolved before deadline. S_OK, or E_INVALIDARG. */
HRESULT ohn_resolve_ipv4(const WCHAR *name, size_t len, uint64_t deadline, uint32_t *ip)
{
    char text[64];
    struct lookup *l;
    uint64_t now;
    WSADATA wsa;

    *ip = 0;
    if (!len || len >= ARRAY_SIZE(l->name))
        return E_INVALIDARG;
    if (len < sizeof(text) && ohn_utf8_from_wide(name, len, text, sizeof(text)) && !ohn_ipv4_parse(text, ip))
        return S_OK;
    if (WSAStartup(MAKEWORD(2, 2), &wsa))
        return E_UNEXPECTED;
    if (!(l = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, sizeof(*l))) ||
        !(l->done = CreateEventW(NULL, TRUE, FALSE, NULL)))
    {
        HeapFree(GetProcessHeap(), 0, l);
        WSACleanup();
        return E_OUTOFMEMORY;
    }
    memcpy(l->name, name, len * sizeof(WCHAR));
    l->refs = 2;
    if (!ohn_thread_start(lookup_main, l))
        l->refs = 1;
    else if ((now = ohn_now_ms()) < deadline)
        WaitForSingleObject(l->done, (DWORD)(deadline - now));
    if (WaitForSingleObject(l->done, 0) == WAIT_OBJECT_0)
        *ip = l->ip;
    lookup_release(l);
    WSACleanup();
    return *ip ? S_OK : E_INVALIDARG;
}
