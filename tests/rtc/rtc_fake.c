/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "rtc_fake.h"

const IID test_IID_IRTCSession = {0x387c8086, 0x99be, 0x42fb, {0x99, 0x73, 0x7c, 0x0f, 0xc0, 0xca, 0x9f, 0xa8}};
const IID test_IID_IRTCSessionPortManagement = {0xa072f1d6, 0x0286, 0x4e1f, {0x85, 0xf2, 0x17, 0xa2, 0x94, 0x84, 0x56, 0xec}};
const IID test_IID_IRTCPortManager = {0xda77c14b, 0x6208, 0x43ca, {0x8d, 0xdf, 0x5b, 0x60, 0xa0, 0xa6, 0x9f, 0xac}};

/* SysFreeString as the DLL calls it, counted for the strings a fake port manager gave. */

static void(WINAPI *real_free)(BSTR);
static BSTR watched[WATCH_MAX];
static LONG freed[WATCH_MAX];
LONG watch_count;

static void WINAPI counting_free(BSTR s)
{
    LONG i, n = watch_count;

    for (i = 0; i < n; i++)
        if (s && watched[i] == s)
            InterlockedIncrement(&freed[i]);
    real_free(s);
}

/* Points the DLL's import of SysFreeString at counting_free (again after a reload). */
void hook_free(void)
{
    HMODULE dll = GetModuleHandleW(TEST_DLL_PATH), oleaut = GetModuleHandleW(L"oleaut32.dll");
    const IMAGE_DOS_HEADER *dos = (const IMAGE_DOS_HEADER *)dll;
    const IMAGE_NT_HEADERS *nt;
    const IMAGE_IMPORT_DESCRIPTOR *imp;
    void *target;
    BOOL patched = FALSE;

    assert_non_null(dll);
    assert_non_null(oleaut);
    target = (void *)GetProcAddress(oleaut, "SysFreeString");
    assert_non_null(target);
    real_free = (void(WINAPI *)(BSTR))target;
    nt = (const IMAGE_NT_HEADERS *)((const BYTE *)dll + dos->e_lfanew);
    imp = (const IMAGE_IMPORT_DESCRIPTOR *)((BYTE *)dll +
                                            nt->OptionalHeader.DataDirectory[IMAGE_DIRECTORY_ENTRY_IMPORT].VirtualAddress);
    for (; imp->Name; imp++)
    {
        IMAGE_THUNK_DATA *thunk = (IMAGE_THUNK_DATA *)((BYTE *)dll + imp->FirstThunk);

        for (; thunk->u1.Function; thunk++)
        {
            DWORD old;

            if ((void *)thunk->u1.Function != target && (void *)thunk->u1.Function != (void *)counting_free)
                continue;
            assert_true(VirtualProtect(&thunk->u1.Function, sizeof(thunk->u1.Function), PAGE_READWRITE, &old));
            thunk->u1.Function = (ULONG_PTR)counting_free;
            VirtualProtect(&thunk->u1.Function, sizeof(thunk->u1.Function), old, &old);
            patched = TRUE;
        }
    }
    assert_true(patched);
}

void watch_reset(void)
{
    watch_count = 0;
    memset(freed, 0, sizeof(freed));
}

/* A string of a fake: padded to an unusual BSTR length (so that no string the DLL allocates
 * for itself reuses its block before the counts are read), read by the DLL up to its NUL. */
BSTR fake_string(const WCHAR *text)
{
    BSTR s = SysAllocStringLen(NULL, 300);

    assert_non_null(s);
    memset(s, 0, 300 * sizeof(WCHAR));
    lstrcpyW(s, text);
    assert_true(watch_count < WATCH_MAX);
    watched[watch_count++] = s;
    return s;
}

/* How often the DLL freed the fake's strings: every one exactly `times`. */
void assert_all_freed(LONG times)
{
    LONG i;

    for (i = 0; i < watch_count; i++)
    {
        if (freed[i] != times)
            print_error("string %ld (%ls) freed %ld times, expected %ld\n", (long)i, watched[i], (long)freed[i],
                        (long)times);
        assert_int_equal(times, freed[i]);
    }
}

/* A fake IRTCPortManager: records every call; any call it was not told to expect is counted
 * in `unexpected` and refused. */

static struct fake_pm *fake_from(IRTCPortManager *iface)
{
    return CONTAINING_RECORD(iface, struct fake_pm, IRTCPortManager_iface);
}

static HRESULT WINAPI fake_QueryInterface(IRTCPortManager *iface, REFIID riid, void **out)
{
    if (IsEqualGUID(riid, &IID_IUnknown) || IsEqualGUID(riid, &test_IID_IRTCPortManager))
    {
        *out = iface;
        IRTCPortManager_AddRef(iface);
        return S_OK;
    }
    *out = NULL;
    return E_NOINTERFACE;
}

static ULONG WINAPI fake_AddRef(IRTCPortManager *iface)
{
    return InterlockedIncrement(&fake_from(iface)->refs);
}

static ULONG WINAPI fake_Release(IRTCPortManager *iface)
{
    struct fake_pm *f = fake_from(iface);
    LONG refs = InterlockedDecrement(&f->refs);

    if (refs < 1)
        InterlockedIncrement(&f->unexpected); /* the test holds one reference throughout */
    return refs;
}

static struct call *record(struct fake_pm *f, int kind)
{
    LONG i = InterlockedIncrement(&f->ncalls) - 1;

    if (!(f->allow & kind) || i >= (LONG)ARRAYSIZE(f->calls))
    {
        InterlockedIncrement(&f->unexpected);
        return NULL;
    }
    memset(&f->calls[i], 0, sizeof(f->calls[i]));
    f->calls[i].kind = kind;
    return &f->calls[i];
}

/* Calls back into the session, as a port manager that ignores the rule not to may do. */
static void call_back_in(struct fake_pm *f)
{
    IRTCSessionPortManagement *spm = NULL;
    IRTCParticipant *p = NULL;

    if (!f->reenter)
        return;
    IRTCSession_get_State(f->reenter, &f->reentry_state);
    IRTCSession_get_CanAddParticipants(f->reenter, &f->reentry_can_add);
    if (SUCCEEDED(IRTCSession_QueryInterface(f->reenter, &test_IID_IRTCSessionPortManagement, (void **)&spm)))
    {
        f->reentry_set_pm = IRTCSessionPortManagement_SetPortManager(spm, NULL);
        IRTCSessionPortManagement_Release(spm);
    }
    f->reentry_add = IRTCSession_AddParticipant(f->reenter, (BSTR)L"sip:again@192.0.2.8", NULL, &p);
    if (p)
        IRTCParticipant_Release(p);
    f->reentry_terminate = IRTCSession_Terminate(f->reenter, RTCTR_NORMAL);
}

static HRESULT WINAPI fake_GetMapping(IRTCPortManager *iface, BSTR remote, RTC_PORT_TYPE type, BSTR *internal,
                                      LONG *internal_port, BSTR *external, LONG *external_port)
{
    struct fake_pm *f = fake_from(iface);
    struct call *c = record(f, CALL_GET);
    LONG index = InterlockedIncrement(&f->gets) - 1;
    WCHAR ext[32];

    if (!c)
        return E_UNEXPECTED;
    c->type = type;
    lstrcpynW(c->remote, remote ? remote : L"(null)", ARRAYSIZE(c->remote));
    c->in_values_empty = internal && external && internal_port && external_port && !*internal && !*external &&
                         !*internal_port && !*external_port;
    call_back_in(f);
    if (!c->in_values_empty || type < RTCPT_AUDIO_RTP || type > RTCPT_VIDEO_RTCP)
        return E_INVALIDARG;
    if (f->lie)
        return S_OK;
    if (index == f->fail_at && !f->set_on_failure)
        return E_FAIL;
    wsprintfW(ext, L"198.51.100.%d", 10 + (int)type);
    *internal = c->internal = fake_string(f->internal_ip ? f->internal_ip : L"127.0.0.1");
    *internal_port = c->internal_port = f->ports[type];
    *external = c->external = fake_string(ext);
    *external_port = c->external_port = 30000 + type;
    return index == f->fail_at ? E_FAIL : S_OK;
}

static HRESULT WINAPI fake_UpdateRemoteAddress(IRTCPortManager *iface, BSTR remote, BSTR internal,
                                               LONG internal_port, BSTR external, LONG external_port)
{
    struct fake_pm *f = fake_from(iface);
    struct call *c = record(f, CALL_UPDATE);

    if (!c)
        return E_UNEXPECTED;
    lstrcpynW(c->remote, remote ? remote : L"(null)", ARRAYSIZE(c->remote));
    c->internal = internal;
    c->internal_port = internal_port;
    c->external = external;
    c->external_port = external_port;
    call_back_in(f);
    return S_OK;
}

static HRESULT WINAPI fake_ReleaseMapping(IRTCPortManager *iface, BSTR internal, LONG internal_port, BSTR external,
                                          LONG external_port)
{
    struct fake_pm *f = fake_from(iface);
    struct call *c = record(f, CALL_RELEASE);

    if (!c)
        return E_UNEXPECTED;
    c->internal = internal;
    c->internal_port = internal_port;
    c->external = external;
    c->external_port = external_port;
    call_back_in(f);
    return S_OK;
}

static IRTCPortManagerVtbl fake_vtbl = {
    fake_QueryInterface, fake_AddRef, fake_Release, fake_GetMapping, fake_UpdateRemoteAddress, fake_ReleaseMapping,
};

/* A free UDP port of 127.0.0.1 (bound and closed at once). */
LONG free_udp_port(void)
{
    struct sockaddr_in a;
    int len = sizeof(a);
    SOCKET s = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);

    assert_true(s != INVALID_SOCKET);
    memset(&a, 0, sizeof(a));
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    assert_int_equal(0, bind(s, (struct sockaddr *)&a, sizeof(a)));
    assert_int_equal(0, getsockname(s, (struct sockaddr *)&a, &len));
    closesocket(s);
    return ntohs(a.sin_port);
}

/* A UDP socket bound to 127.0.0.1:port; INVALID_SOCKET when the port is taken. */
SOCKET bind_loopback(LONG port)
{
    struct sockaddr_in a;
    SOCKET s = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);

    assert_true(s != INVALID_SOCKET);
    memset(&a, 0, sizeof(a));
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = htons((u_short)port);
    if (!bind(s, (struct sockaddr *)&a, sizeof(a)))
        return s;
    closesocket(s);
    return INVALID_SOCKET;
}

/* Whether 127.0.0.1:port can be bound now. */
BOOL udp_port_free(LONG port)
{
    SOCKET s = bind_loopback(port);

    if (s == INVALID_SOCKET)
        return FALSE;
    closesocket(s);
    return TRUE;
}

void fake_init(struct fake_pm *f, int allow)
{
    unsigned i;

    memset(f, 0, sizeof(*f));
    f->IRTCPortManager_iface.lpVtbl = &fake_vtbl;
    f->refs = 1;
    f->allow = allow;
    f->fail_at = -1;
    for (i = 0; i < 4; i++)
        f->ports[i] = free_udp_port();
}

void fake_done(struct fake_pm *f)
{
    if (f->unexpected)
        print_error("the fake port manager got %ld unexpected calls\n", (long)f->unexpected);
    assert_int_equal(0, f->unexpected);
    assert_int_equal(1, f->refs); /* every reference the session took was given back */
}


void test_session_mapping(IOpenHNetSessionMappings *own, LONG i, struct test_session_mapping *out)
{
    BSTR in = NULL, ex = NULL;

    assert_hr(S_OK, IOpenHNetSessionMappings_GetMapping(own, i, &out->type, &in, &out->internal_port, &ex,
                                                        &out->external_port, &out->source));
    assert_non_null(in);
    assert_non_null(ex);
    lstrcpynW(out->internal, in, ARRAYSIZE(out->internal));
    lstrcpynW(out->external, ex, ARRAYSIZE(out->external));
    SysFreeString(in);
    SysFreeString(ex);
}
