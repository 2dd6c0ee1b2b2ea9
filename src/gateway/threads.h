/*
 * Background threads of the DLL (threads.c): each holds the DLL loaded until it returns.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef OHN_THREADS_H
#define OHN_THREADS_H

#include <windows.h>

BOOL ohn_thread_start(DWORD (*fn)(void *arg), void *arg);
LONG ohn_threads_running(void);
/* Waits up to timeout_ms for every background thread but the caller's to end; TRUE when they
 * have (FALSE on a background thread, or when one still runs). */
BOOL ohn_threads_settle(DWORD timeout_ms);

#endif
