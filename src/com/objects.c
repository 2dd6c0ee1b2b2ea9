/*
 * Live objects and server locks, counted for DllCanUnloadNow (dll/server.c).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "com/com.h"

static LONG object_count;
static LONG lock_count;

void ohn_object_created(void)
{
    InterlockedIncrement(&object_count);
}

void ohn_object_destroyed(void)
{
    InterlockedDecrement(&object_count);
}

void ohn_lock_server(BOOL lock)
{
    if (lock)
        InterlockedIncrement(&lock_count);
    else
        InterlockedDecrement(&lock_count);
}

BOOL ohn_objects_alive(void)
{
    return object_count || lock_count;
}
