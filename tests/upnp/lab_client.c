/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "lab_client.h"

#include <stdlib.h>

#define COBJMACROS
#include "openhnetcfg.h"

static LONG serial;

ULONGLONG now_ms(void)
{
    return GetTickCount64();
}

static void dos_path(const char *path, char *dos, size_t cap)
{
    snprintf(dos, cap, "Z:%s", path);
    for (char *p = dos; *p; p++)
        if (*p == '/')
            *p = '\\';
}

static BOOL read_unix_file(const char *path, char **out)
{
    char dos[MAX_PATH];
    HANDLE f;
    DWORD size, got;

    *out = NULL;
    dos_path(path, dos, sizeof(dos));
    f = CreateFileA(dos, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, NULL, OPEN_EXISTING,
                    0, NULL);
    if (f == INVALID_HANDLE_VALUE)
        return FALSE;
    size = GetFileSize(f, NULL);
    *out = malloc(size + 1);
    if (!ReadFile(f, *out, size, &got, NULL))
        got = 0;
    (*out)[got] = 0;
    CloseHandle(f);
    return TRUE;
}

/* Runs a shell command line; waits for the file it writes at its end. */
static int run_shell(const char *command)
{
    const char *dir = getenv("OHN_LAB_DIR");
    char line[4096], done[MAX_PATH], dos[MAX_PATH], *code;
    STARTUPINFOA si;
    PROCESS_INFORMATION pi;
    ULONGLONG until = now_ms() + 60000;
    int rc = -1;

    if (!dir)
        return -1;
    /* Unique per run: Wine reuses process ids from one prefix run to the next. */
    snprintf(done, sizeof(done), "%s/done.%llu.%lu.%ld", dir, (unsigned long long)now_ms(), GetCurrentProcessId(),
             InterlockedIncrement(&serial));
    snprintf(line, sizeof(line), "/bin/sh -c \"%s; echo $? > %s.tmp; mv %s.tmp %s\"", command, done, done, done);
    memset(&si, 0, sizeof(si));
    si.cb = sizeof(si);
    /* For a Unix program Wine 8 gives no process handle and a thread handle that is not one
     * (closing it closed one of our own sockets): close them only for a Windows process. */
    memset(&pi, 0, sizeof(pi));
    if (!CreateProcessA(NULL, line, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi))
        return -1;
    if (pi.hProcess)
    {
        CloseHandle(pi.hProcess);
        CloseHandle(pi.hThread);
    }
    while (now_ms() < until)
    {
        if (read_unix_file(done, &code))
        {
            rc = atoi(code);
            free(code);
            dos_path(done, dos, sizeof(dos));
            DeleteFileA(dos);
            break;
        }
        Sleep(20);
    }
    return rc;
}

static int lab_va(const char *env, const char *fmt, va_list va)
{
    char args[1024], command[2048];
    const char *sh = getenv("OHN_LAB_SH");

    if (!sh)
        return -1;
    vsnprintf(args, sizeof(args), fmt, va);
    snprintf(command, sizeof(command), "%s %s %s >/dev/null 2>&1", env, sh, args);
    return run_shell(command);
}

int lab(const char *fmt, ...)
{
    va_list va;
    int rc;

    va_start(va, fmt);
    rc = lab_va("", fmt, va);
    va_end(va);
    return rc;
}

int lab_with(const char *env, const char *fmt, ...)
{
    va_list va;
    int rc;

    va_start(va, fmt);
    rc = lab_va(env, fmt, va);
    va_end(va);
    return rc;
}

/* What `lab.sh ARGS` prints (through a file named after what and this process), malloc'd; NULL
 * when it failed. */
static char *lab_output(const char *what, const char *args)
{
    const char *dir = getenv("OHN_LAB_DIR"), *sh = getenv("OHN_LAB_SH");
    char command[1024], path[MAX_PATH], *text;

    if (!dir || !sh)
        return NULL;
    snprintf(path, sizeof(path), "%s/%s.%lu.txt", dir, what, GetCurrentProcessId());
    snprintf(command, sizeof(command), "%s %s > %s 2>&1", sh, args, path);
    if (run_shell(command) != 0 || !read_unix_file(path, &text))
        return NULL;
    return text;
}

char *lab_table(void)
{
    return lab_output("table", "upnpc -l");
}

char *lab_forwards(void)
{
    return lab_output("forwards", "forwards");
}

/* Whether table (malloc'd, freed here; it must have been read) has mapping. */
static BOOL table_has(char *table, const char *mapping)
{
    BOOL found;

    assert_non_null(table);
    found = strstr(table, mapping) != NULL;
    free(table);
    return found;
}

BOOL lab_forwarded(const char *mapping)
{
    return table_has(lab_forwards(), mapping);
}

BOOL lab_has(const char *mapping)
{
    return table_has(lab_table(), mapping);
}

int lab_foreign_mapping(const char *proto, unsigned port)
{
    return lab("upnpc -a 10.77.0.3 %u %u %s 0", port, port, proto);
}

void pump_messages(DWORD ms)
{
    LONG never = 0;

    wait_flag(&never, ms);
}

BOOL wait_flag(volatile LONG *flag, DWORD timeout_ms)
{
    ULONGLONG until = now_ms() + timeout_ms;
    MSG msg;

    while (!*flag && now_ms() < until)
    {
        MsgWaitForMultipleObjects(0, NULL, FALSE, 20, QS_ALLINPUT);
        while (PeekMessageW(&msg, NULL, 0, 0, PM_REMOVE))
            DispatchMessageW(&msg);
    }
    return *flag != 0;
}

char *lab_file(const char *name)
{
    const char *dir = getenv("OHN_LAB_DIR");
    char path[MAX_PATH], *text;

    if (!dir)
        return NULL;
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    return read_unix_file(path, &text) ? text : NULL;
}

void lab_forget_gateway(void)
{
    HKEY key;

    if (RegOpenKeyExW(HKEY_LOCAL_MACHINE, L"Software\\open-hnetcfg\\UPnP", 0, KEY_SET_VALUE | KEY_WOW64_64KEY, &key))
        return;
    RegDeleteValueW(key, L"Remembered");
    RegDeleteValueW(key, L"Absent");
    RegCloseKey(key);
}

IUPnPNAT *lab_nat(void)
{
    IUPnPNAT *n = NULL;

    assert_hr(S_OK, CoCreateInstance(&CLSID_UPnPNAT, NULL, CLSCTX_INPROC_SERVER, &IID_IUPnPNAT, (void **)&n));
    assert_non_null(n);
    return n;
}

IStaticPortMappingCollection *lab_statics(IUPnPNAT *n)
{
    IStaticPortMappingCollection *c = NULL;

    assert_hr(S_OK, IUPnPNAT_get_StaticPortMappingCollection(n, &c));
    assert_non_null(c);
    return c;
}

LONG lab_count(IStaticPortMappingCollection *c)
{
    LONG count = -1;

    assert_hr(S_OK, IStaticPortMappingCollection_get_Count(c, &count));
    return count;
}

HRESULT lab_remove_mapping(IStaticPortMappingCollection *c, LONG port, const WCHAR *proto)
{
    BSTR p = SysAllocString(proto);
    HRESULT hr = IStaticPortMappingCollection_Remove(c, port, p);

    SysFreeString(p);
    return hr;
}

char *lab_status(IUPnPNAT *n)
{
    IOpenHNetGateway *gw = NULL;
    BSTR s = NULL;
    char *text;
    int len;

    assert_hr(S_OK, IUPnPNAT_QueryInterface(n, &IID_IOpenHNetGateway, (void **)&gw));
    assert_hr(S_OK, IOpenHNetGateway_get_Status(gw, &s));
    len = WideCharToMultiByte(CP_UTF8, 0, s, -1, NULL, 0, NULL, NULL);
    text = malloc(len);
    WideCharToMultiByte(CP_UTF8, 0, s, -1, text, len, NULL, NULL);
    SysFreeString(s);
    IOpenHNetGateway_Release(gw);
    return text;
}

void lab_assert_status_has(IUPnPNAT *n, const char *what)
{
    char *text = lab_status(n);

    if (!strstr(text, what))
        fail_msg("status \"%s\" has no \"%s\"", text, what);
    free(text);
}
