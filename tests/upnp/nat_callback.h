/*
 * A fake NAT event callback for the lab tests (nat_callback.c): one with the documented
 * interfaces (INATNumberOfEntriesCallback, INATExternalIPAddressCallback), one that is only
 * IDispatch, or one with neither. It records its calls and the thread they came on, and fails
 * the test on any call it does not expect.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef OHN_NAT_CALLBACK_H
#define OHN_NAT_CALLBACK_H

#include "lab_client.h"

#define COBJMACROS
#include "natupnplib.h"

struct callback
{
    INATNumberOfEntriesCallback entries_iface;
    INATExternalIPAddressCallback address_iface;
    IDispatch dispatch_iface;
    LONG refs;
    BOOL dispatch_only;
    BOOL neither;
    DWORD thread;       /* the thread that registered it: the one it must be called on */
    LONG calls;
    LONG last_count;
    WCHAR last_address[32];
    WCHAR last_reason[32];
    BOOL wrong_thread;
};

/* A callback put on this thread (the one it must be called on), one reference. */
void callback_init(struct callback *cb, BOOL dispatch_only, BOOL neither);

#endif
