/*
 * UTF-16 <-> UTF-8 for values sent to and read from a gateway (text.c).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef OHN_GATEWAY_TEXT_H
#define OHN_GATEWAY_TEXT_H

#include <windows.h>
#include <oleauto.h>

BOOL ohn_utf8_from_wide(const WCHAR *s, size_t len, char *out, size_t cap);
BSTR ohn_bstr_from_utf8(const char *s);

#endif
