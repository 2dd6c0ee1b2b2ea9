/*
 * The one rule for every string the DLL is handed by a caller ([in] BSTR or LPCWSTR).
 *
 * It is read as a NUL-terminated string, never through a BSTR's length prefix: real clients
 * pass L"..." literals where the interfaces declare BSTR (Microsoft's own ICS C++ sample does),
 * and the four bytes before a literal are whatever the program's data holds there. A string
 * is therefore cut at its first NUL, as Windows' own NUL-terminated reading cuts it.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "com/com.h"

HRESULT ohn_in_string(const WCHAR *s, size_t max, HRESULT if_null, size_t *len)
{
    size_t n = 0;

    *len = 0;
    if (!s)
        return if_null;
    /* Never read past max + 1 units: the string may end right before unreadable memory. */
    while (n <= max && s[n])
        n++;
    if (n > max)
        return E_INVALIDARG;
    *len = n;
    return S_OK;
}
