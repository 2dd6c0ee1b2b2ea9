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

#endif
