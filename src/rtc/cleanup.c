/*
 * The store mappings of sessions whose process died.
 *
 * A session names each store mapping it creates after itself and its process
 * (ohn_session_mapping_name: process id and creation time). The first object of the DLL that a
 * process creates (a sharing manager, a UPnPNAT object or a session) starts one background
 * pass over every connection's mappings: a mapping of that form whose process is gone, or whose
 * process id now belongs to a process created at another time, is deleted. Mappings of live
 * processes, this one included, and every other mapping are left alone.
 *
 * Gateway mappings need no such pass: they carry a lease (OHN_RTC_GATEWAY_LEASE) that runs out.
 *
 * The pass runs only in a prefix where a session ever put a mapping in the store: the session
 * marks the prefix first (HKLM\Software\open-hnetcfg\RTC, StoreSessions), and registration
 * marks a prefix whose store already holds connections (one stored by an earlier version). A
 * process of any other prefix starts no thread for it: a thread still inside a wineserver call
 * when the process exits can make Wine print "wine client error" (seen once under Wine 10).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "rtc/rtc_private.h"
#include "store/store.h"

#define CONNECTIONS_KEY OHN_STORE_KEY L"\\Connections"
#define MAX_CONNECTIONS 256
#define RTC_KEY L"Software\\open-hnetcfg\\RTC"
#define MARK_VALUE L"StoreSessions"

static LONG cleanup_started;

/* Whether the process that created a mapping named (pid, start) is gone. A process that cannot
 * be opened for another reason than its absence is taken as alive. */
static BOOL owner_gone(uint32_t pid, uint64_t start)
{
    FILETIME created, exited, kernel, user;
    DWORD code = 0;
    HANDLE process;
    BOOL gone;

    if (!(process = OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, FALSE, pid)))
        return GetLastError() == ERROR_INVALID_PARAMETER; /* no such process */
    if (GetExitCodeProcess(process, &code) && code != STILL_ACTIVE)
        gone = TRUE;
    else if (GetProcessTimes(process, &created, &exited, &kernel, &user))
        gone = ((uint64_t)created.dwHighDateTime << 32 | created.dwLowDateTime) != start; /* id reused */
    else
        gone = FALSE;
    CloseHandle(process);
    return gone;
}

/* Removes the orphaned session mappings of one connection; the number removed. */
static unsigned clean_connection(const GUID *guid)
{
    uint32_t me = GetCurrentProcessId(), pid, id;
    struct store_list list = {0};
    struct store_conn *conn;
    struct ohn_mapping m;
    char name[OHN_SESSION_NAME_MAX];
    unsigned removed = 0, port_type;
    uint64_t start;
    ULONG i;
    int n;

    if (FAILED(store_conn_open(guid, &conn)))
        return 0;
    if (SUCCEEDED(store_mapping_list(conn, FALSE, &list)))
    {
        for (i = 0; i < list.count; i++)
        {
            if (ohn_stored_decode(list.data + list.offset[i], list.size[i], &id, &m) != OHN_OK ||
                m.protocol != OHN_PROTO_UDP || m.name_len >= OHN_SESSION_NAME_MAX ||
                (n = WideCharToMultiByte(CP_UTF8, 0, (const WCHAR *)m.name, m.name_len, name, sizeof(name) - 1, NULL,
                                         NULL)) <= 0)
                continue;
            name[n] = 0;
            if (ohn_session_mapping_parse(name, &pid, &start, &port_type) || pid == me || !owner_gone(pid, start))
                continue;
            if (SUCCEEDED(store_mapping_delete(conn, &m, id)))
            {
                TRACE("removed %s (UDP %u): its process is gone\n", name, m.external_port);
                removed++;
            }
        }
        store_list_free(&list);
    }
    store_conn_release(conn);
    return removed;
}

static DWORD cleanup_main(void *arg)
{
    WCHAR name[64];
    GUID guids[MAX_CONNECTIONS];
    unsigned n = 0, i, removed = 0;
    DWORD len;
    HKEY key;

    if (RegOpenKeyExW(HKEY_LOCAL_MACHINE, CONNECTIONS_KEY, 0, KEY_READ | KEY_WOW64_64KEY, &key))
        return 0;
    for (i = 0; n < MAX_CONNECTIONS; i++)
    {
        len = ARRAY_SIZE(name);
        if (RegEnumKeyExW(key, i, name, &len, NULL, NULL, NULL, NULL))
            break;
        if (SUCCEEDED(CLSIDFromString(name, &guids[n])))
            n++;
    }
    RegCloseKey(key);
    /* Opening a connection's index takes its key: done after the enumeration. */
    for (i = 0; i < n; i++)
        removed += clean_connection(&guids[i]);
    TRACE("%u connections, %u orphaned session mappings removed\n", n, removed);
    return 0;
}

void rtc_mark_store_sessions(void)
{
    DWORD one = 1;
    HKEY key;

    if (RegCreateKeyExW(HKEY_LOCAL_MACHINE, RTC_KEY, 0, NULL, 0, KEY_SET_VALUE | KEY_WOW64_64KEY, NULL, &key, NULL))
        return;
    RegSetValueExW(key, MARK_VALUE, 0, REG_DWORD, (const BYTE *)&one, sizeof(one));
    RegCloseKey(key);
}

static BOOL store_sessions_marked(void)
{
    DWORD value = 0, size = sizeof(value);
    HKEY key;
    LONG err;

    if (RegOpenKeyExW(HKEY_LOCAL_MACHINE, RTC_KEY, 0, KEY_QUERY_VALUE | KEY_WOW64_64KEY, &key))
        return FALSE;
    err = RegQueryValueExW(key, MARK_VALUE, NULL, NULL, (BYTE *)&value, &size);
    RegCloseKey(key);
    return !err && value;
}

void rtc_mark_if_store_used(void)
{
    DWORD subkeys = 0;
    HKEY key;

    if (RegOpenKeyExW(HKEY_LOCAL_MACHINE, CONNECTIONS_KEY, 0, KEY_READ | KEY_WOW64_64KEY, &key))
        return;
    if (!RegQueryInfoKeyW(key, NULL, NULL, NULL, &subkeys, NULL, NULL, NULL, NULL, NULL, NULL, NULL) && subkeys)
        rtc_mark_store_sessions();
    RegCloseKey(key);
}

void rtc_cleanup_background(void)
{
    if (cleanup_started || !store_sessions_marked())
        return; /* nothing a session of this prefix could have left in the store */
    if (InterlockedCompareExchange(&cleanup_started, 1, 0))
        return; /* once per process */
    if (!ohn_thread_start(cleanup_main, NULL))
        InterlockedExchange(&cleanup_started, 0);
}
