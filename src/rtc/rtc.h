/*
 * HNetCfg.RTCSession: what the RTC room offers the composition root (rtc_private.h says what
 * each of its files is).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef OHN_RTC_ROOM_H
#define OHN_RTC_ROOM_H

#include "com/com.h"

HRESULT rtc_session_create(IUnknown *outer, REFIID riid, void **out);
/* Removes, once per process and in the background, the store mappings of RTC sessions whose
 * process is gone (cleanup.c), in a prefix marked as one where sessions used the store. */
void rtc_cleanup_background(void);
/* Registration: marks a prefix whose store already holds connections (an earlier version's). */
void rtc_mark_if_store_used(void);

#endif
