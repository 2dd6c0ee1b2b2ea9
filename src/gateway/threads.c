/*
 * Background threads of the DLL. Each one holds a reference on the DLL's module, taken before
 * it starts and given back by FreeLibraryAndExitThread, so its code stays mapped until it has
 * returned even if COM unloads the DLL; DllCanUnloadNow answers S_FALSE while any runs. None
 * is ever waited for at process exit: Windows ends them with the process. But when a client
 * has released the last object, ohn_threads_settle lets the ones that are ending end first
 * (bounded): a thread still running or ending when the process exits makes Wine 10 lose the
 * process's exit code now and then (its killed thread's _exit(0) can win over ExitProcess's
 * code), and a client that released everything expects nothing of the DLL left running.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "base.h"
#include "gateway/threads.h"

static LONG running;

/* The threads that run, for ohn_threads_settle: a handle and id each (a thread beyond the
 * table's room is simply not waited for). */
#define MAX_TRACKED 32
static SRWLOCK tracked_lock = SRWLOCK_INIT;
static struct
{
    HANDLE handle;
    DWORD id;
} tracked[MAX_TRACKED];
static unsigned tracked_count;

/* With tracked_lock held: forgets the threads that have ended. */
static void prune_locked(void)
{
    unsigned i = 0;

    while (i < tracked_count)
    {
        if (WaitForSingleObject(tracked[i].handle, 0) == WAIT_OBJECT_0)
        {
            CloseHandle(tracked[i].handle);
            tracked[i] = tracked[--tracked_count];
        }
        else
            i++;
    }
}

static void track(HANDLE thread, DWORD id)
{
    AcquireSRWLockExclusive(&tracked_lock);
    prune_locked();
    if (tracked_count < MAX_TRACKED)
    {
        tracked[tracked_count].handle = thread;
        tracked[tracked_count++].id = id;
        thread = NULL;
    }
    ReleaseSRWLockExclusive(&tracked_lock);
    if (thread)
        CloseHandle(thread);
}

struct start
{
    DWORD (*fn)(void *arg);
    void *arg;
    HMODULE module;
};

static DWORD WINAPI trampoline(void *param)
{
    struct start s = *(struct start *)param;

    HeapFree(GetProcessHeap(), 0, param);
    s.fn(s.arg);
    InterlockedDecrement(&running);
    FreeLibraryAndExitThread(s.module, 0);
    return 0;
}

BOOL ohn_thread_start(DWORD (*fn)(void *arg), void *arg)
{
    struct start *s = HeapAlloc(GetProcessHeap(), 0, sizeof(*s));
    HANDLE thread;
    DWORD id;

    if (!s)
        return FALSE;
    s->fn = fn;
    s->arg = arg;
    if (!GetModuleHandleExW(GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS, (const WCHAR *)trampoline, &s->module))
    {
        HeapFree(GetProcessHeap(), 0, s);
        return FALSE;
    }
    InterlockedIncrement(&running);
    if (!(thread = CreateThread(NULL, 0, trampoline, s, 0, &id)))
    {
        InterlockedDecrement(&running);
        FreeLibrary(s->module);
        HeapFree(GetProcessHeap(), 0, s);
        return FALSE;
    }
    track(thread, id);
    return TRUE;
}

BOOL ohn_threads_settle(DWORD timeout_ms)
{
    HANDLE wait[MAX_TRACKED];
    DWORD self = GetCurrentThreadId(), rc;
    unsigned i, n = 0;
    BOOL mine = FALSE;

    AcquireSRWLockExclusive(&tracked_lock);
    prune_locked();
    for (i = 0; i < tracked_count; i++)
    {
        if (tracked[i].id == self)
            mine = TRUE;
        else if (DuplicateHandle(GetCurrentProcess(), tracked[i].handle, GetCurrentProcess(), &wait[n], SYNCHRONIZE,
                                 FALSE, 0))
            n++;
    }
    ReleaseSRWLockExclusive(&tracked_lock);
    /* Called on one of them (a callback on a background thread): nothing is waited for. */
    if (mine)
        n = 0;
    rc = n ? WaitForMultipleObjects(n, wait, TRUE, timeout_ms) : WAIT_OBJECT_0;
    for (i = 0; i < n; i++)
        CloseHandle(wait[i]);
    TRACE("%u threads, %s\n", n, rc == WAIT_TIMEOUT ? "still running" : "ended");
    return !mine && rc != WAIT_TIMEOUT && rc != WAIT_FAILED;
}

LONG ohn_threads_running(void)
{
    return running;
}
