/*
 * Background threads of the DLL. Each one holds a reference on the DLL's module, taken before
 * it starts and given back by FreeLibraryAndExitThread, so its code stays mapped until it has
 * returned even if COM unloads the DLL; DllCanUnloadNow answers S_FALSE while any runs. None
 * is ever waited for at process exit: Windows ends them with the process.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "hnetcfg_private.h"
#include "gateway/engine.h"
#include "gateway/threads.h"

static LONG running;

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
    if (!(thread = CreateThread(NULL, 0, trampoline, s, 0, NULL)))
    {
        InterlockedDecrement(&running);
        FreeLibrary(s->module);
        HeapFree(GetProcessHeap(), 0, s);
        return FALSE;
    }
    CloseHandle(thread);
    return TRUE;
}

LONG ohn_threads_running(void)
{
    return running;
}
