/*
 * UTF-16 <-> UTF-8 for values sent to and read from a gateway (text.h).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "base.h"
#include "gateway/text.h"

BOOL ohn_utf8_from_wide(const WCHAR *s, size_t len, char *out, size_t cap)
{
    int n;

    if (!len)
    {
        out[0] = 0;
        return cap > 0;
    }
    n = WideCharToMultiByte(CP_UTF8, 0, s, (int)len, out, (int)cap - 1, NULL, NULL);
    if (n <= 0)
        return FALSE;
    out[n] = 0;
    return TRUE;
}

BSTR ohn_bstr_from_utf8(const char *s)
{
    int n = MultiByteToWideChar(CP_UTF8, 0, s, -1, NULL, 0);
    BSTR b;

    if (n <= 0)
        return SysAllocString(L"");
    if (!(b = SysAllocStringLen(NULL, (UINT)n - 1)))
        return NULL;
    MultiByteToWideChar(CP_UTF8, 0, s, -1, b, n);
    return b;
}
