/*
 * Per-process start-up: the background work that a process starts once, when it first makes an
 * object that uses the mapping store or the gateway (NetSharingManager, UPnPNAT, RTCSession:
 * the class factory calls it for the classes whose row says starts_process). The firewall
 * classes need none.
 *
 *  - the realisation of the enabled ICS mappings of the publicly shared connection on the
 *    gateway (gateway/realize.c), when realisation is on and there is something to realise;
 *  - the removal of the store mappings of RTC sessions whose process is gone (rtc/cleanup.c).
 *
 * Each runs on a thread of its own and at most once per process (each guards itself, so a
 * failed start is tried again by the next object); this call never waits for them.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "dll/classes.h"
#include "gateway/engine.h"
#include "gateway/realize.h"

void ohn_process_start(void)
{
    ohn_realize_background();
    rtc_cleanup_background();
}
