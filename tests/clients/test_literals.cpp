/*
 * A C++ client that does what Microsoft's ICS sample ("Adding and Removing Port Mappings
 * (C++)") does: it passes L"..." literals where INetSharingConfiguration::AddPortMapping
 * declares BSTRs, and calls through the SDK's C++ interface declarations of <netcon.h>.
 * Compiled with x86_64-w64-mingw32-g++. A literal has no BSTR length prefix: the four bytes
 * before it are whatever the program's data holds, here laid out on purpose to look like a
 * huge length and like a zero length. Every result must equal what real BSTRs give.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define COBJMACROS
#include <winsock2.h>
#include <windows.h>
#include <ole2.h>
#include <netcon.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

extern "C" {
#include "test_common.h"
}

#define NAT_PROTOCOL_TCP 6
#define NAT_PROTOCOL_UDP 17

/* A wide string with exactly these four bytes before it, as in a program's data section. */
struct after_bytes
{
    DWORD before;
    WCHAR text[40];
};

static const after_bytes after_huge = {0xfffffff0u, L"After a huge length"};
static const after_bytes after_zero = {0, L"192.0.2.77"};
static const after_bytes after_odd = {0x00410041u, L"After letters"};

struct fixture
{
    INetSharingManager *mgr;
    INetConnection *conn[2];
    INetSharingConfiguration *cfg;
};

static int setup(void **state)
{
    fixture *f = new fixture();

    if (test_setup_com(state))
        return -1;
    f->mgr = test_manager();
    f->conn[0] = test_connection(f->mgr, 0);
    f->conn[1] = test_connection(f->mgr, 1);
    f->cfg = test_config(f->mgr, f->conn[0]);
    /* The issue was seen on a publicly shared connection, as the sample looks for one. */
    assert_hr(S_OK, f->cfg->EnableSharing(ICSSHARINGTYPE_PUBLIC));
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = static_cast<fixture *>(*state);

    f->cfg->Release();
    f->conn[0]->Release();
    f->conn[1]->Release();
    f->mgr->Release();
    delete f;
    return test_teardown_com(state);
}

/* The stored mapping of (protocol, port), through the enumeration as the sample walks it. */
static INetSharingPortMapping *find(INetSharingConfiguration *cfg, UCHAR proto, LONG port)
{
    INetSharingPortMappingCollection *coll = NULL;
    INetSharingPortMapping *found = NULL;
    IEnumVARIANT *ev = NULL;
    IUnknown *unk = NULL;
    VARIANT v;

    assert_hr(S_OK, cfg->get_EnumPortMappings(ICSSC_DEFAULT, &coll));
    assert_hr(S_OK, coll->get__NewEnum(&unk));
    assert_hr(S_OK, unk->QueryInterface(IID_IEnumVARIANT, (void **)&ev));
    VariantInit(&v);
    while (!found && ev->Next(1, &v, NULL) == S_OK)
    {
        INetSharingPortMapping *m = NULL;
        INetSharingPortMappingProps *p = NULL;
        UCHAR pr = 0;
        LONG ext = 0;

        assert_int_equal(VT_DISPATCH, V_VT(&v));
        assert_hr(S_OK, V_DISPATCH(&v)->QueryInterface(IID_INetSharingPortMapping, (void **)&m));
        assert_hr(S_OK, m->get_Properties(&p));
        assert_hr(S_OK, p->get_IPProtocol(&pr));
        assert_hr(S_OK, p->get_ExternalPort(&ext));
        p->Release();
        if (pr == proto && ext == port)
            found = m;
        else
            m->Release();
        VariantClear(&v);
    }
    ev->Release();
    unk->Release();
    coll->Release();
    return found;
}

static void check(INetSharingConfiguration *cfg, UCHAR proto, LONG port, const test_mapping_fields *expected)
{
    INetSharingPortMapping *m = find(cfg, proto, port);
    INetSharingPortMappingProps *p = NULL;

    assert_non_null(m);
    assert_hr(S_OK, m->get_Properties(&p));
    test_check_props(p, expected);
    p->Release();
    m->Release();
}

/* The sample's own calls, literals and all: add, Enable, find it again, Delete. */
static void the_samples_asymmetric_mapping_is_added_enabled_and_deleted(void **state)
{
    fixture *f = static_cast<fixture *>(*state);
    INetSharingPortMapping *m = NULL;
    const test_mapping_fields expected = {L"Ben's Port Mapping", NAT_PROTOCOL_TCP, 555, 444, 0, L"", L"192.168.0.2",
                                          VARIANT_TRUE};

    assert_hr(S_OK, f->cfg->AddPortMapping(L"Ben's Port Mapping", NAT_PROTOCOL_TCP, 555, 444, 0, L"192.168.0.2",
                                           ICSTT_IPADDRESS, &m));
    assert_non_null(m);
    assert_hr(S_OK, m->Enable());
    m->Release();
    check(f->cfg, NAT_PROTOCOL_TCP, 555, &expected);
    m = find(f->cfg, NAT_PROTOCOL_TCP, 555);
    assert_hr(S_OK, m->Delete());
    m->Release();
    assert_int_equal(0, test_count_mappings(f->cfg));
}

/* The same calls with the literal and with SysAllocString of it: the same HRESULT, and the
 * same stored fields. */
static void literals_after_any_bytes_act_as_real_bstrs(void **state)
{
    struct call
    {
        const WCHAR *name;
        UCHAR proto;
        USHORT port;
        const WCHAR *target;
        ICS_TARGETTYPE type;
        HRESULT expected;
    };
    static const call calls[] = {
        {after_huge.text, NAT_PROTOCOL_TCP, 1001, L"host", ICSTT_NAME, S_OK},
        {L"by zero", NAT_PROTOCOL_UDP, 1002, after_zero.text, ICSTT_IPADDRESS, S_OK},
        {after_odd.text, NAT_PROTOCOL_UDP, 1003, after_huge.text, ICSTT_NAME, S_OK},
        {after_zero.text, NAT_PROTOCOL_TCP, 1004, L"not an address", ICSTT_IPADDRESS, E_INVALIDARG},
        {L"", NAT_PROTOCOL_TCP, 1005, L"host", ICSTT_NAME, E_INVALIDARG},
        {L"x", NAT_PROTOCOL_TCP, 1006, L"", ICSTT_NAME, E_INVALIDARG},
    };
    fixture *f = static_cast<fixture *>(*state);
    INetSharingPortMapping *m;
    BSTR name, target;
    HRESULT hr;

    for (const call &c : calls)
    {
        const test_mapping_fields expected = {c.name, c.proto, c.port, 7, 7,
                                              c.type == ICSTT_NAME ? c.target : L"",
                                              c.type == ICSTT_IPADDRESS ? c.target : L"", VARIANT_FALSE};

        m = (INetSharingPortMapping *)0xdeadbeef;
        hr = f->cfg->AddPortMapping((BSTR)c.name, c.proto, c.port, 7, 7, (BSTR)c.target, c.type, &m);
        assert_hr(c.expected, hr);
        if (hr != S_OK)
        {
            assert_null(m);
            continue;
        }
        m->Release();
        check(f->cfg, c.proto, c.port, &expected);
        m = find(f->cfg, c.proto, c.port);
        assert_hr(S_OK, f->cfg->RemovePortMapping(m));
        m->Release();

        name = SysAllocString(c.name);
        target = SysAllocString(c.target);
        m = NULL;
        assert_hr(S_OK, f->cfg->AddPortMapping(name, c.proto, c.port, 7, 7, target, c.type, &m));
        SysFreeString(name);
        SysFreeString(target);
        m->Release();
        check(f->cfg, c.proto, c.port, &expected);
    }
    assert_int_equal(3, test_count_mappings(f->cfg));
}

/* Strings that end right before unreadable memory: at the maximum they are taken, one unit
 * longer (with no NUL) they are refused, and nothing past maximum + 1 units is ever read. */
struct guarded
{
    BYTE *page;
    SIZE_T size;
};

static guarded guard_pages(void)
{
    SYSTEM_INFO si;
    guarded g;
    DWORD old;

    GetSystemInfo(&si);
    g.size = si.dwPageSize;
    g.page = (BYTE *)VirtualAlloc(NULL, 2 * g.size, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
    assert_non_null(g.page);
    assert_true(VirtualProtect(g.page + g.size, g.size, PAGE_NOACCESS, &old));
    return g;
}

/* units characters of fill ending at the guard page, with a NUL as the last one if terminated. */
static WCHAR *at_guard(const guarded &g, unsigned units, BOOL terminated, WCHAR fill)
{
    WCHAR *s = (WCHAR *)(g.page + g.size) - units;
    unsigned i;

    for (i = 0; i < units; i++)
        s[i] = (WCHAR)(fill + i % 20);
    if (terminated)
        s[units - 1] = 0;
    ((DWORD *)s)[-1] = 0xfffffff0u; /* a "prefix" that would read far past the guard */
    return s;
}

static void strings_at_and_over_the_maximum_are_read_no_further(void **state)
{
    fixture *f = static_cast<fixture *>(*state);
    guarded g = guard_pages();
    INetSharingPortMapping *m;

    m = NULL;
    assert_hr(S_OK, f->cfg->AddPortMapping(at_guard(g, 257, TRUE, 'a'), NAT_PROTOCOL_TCP, 2001, 1, 0, L"host",
                                           ICSTT_NAME, &m));
    m->Release();
    m = (INetSharingPortMapping *)0xdeadbeef;
    assert_hr(E_INVALIDARG, f->cfg->AddPortMapping(at_guard(g, 257, FALSE, 'a'), NAT_PROTOCOL_TCP, 2002, 1, 0,
                                                   L"host", ICSTT_NAME, &m));
    assert_null(m);
    m = NULL;
    assert_hr(S_OK, f->cfg->AddPortMapping(L"name", NAT_PROTOCOL_TCP, 2003, 1, 0, at_guard(g, 256, TRUE, 'a'),
                                           ICSTT_NAME, &m));
    m->Release();
    m = (INetSharingPortMapping *)0xdeadbeef;
    assert_hr(E_INVALIDARG, f->cfg->AddPortMapping(L"name", NAT_PROTOCOL_TCP, 2004, 1, 0,
                                                   at_guard(g, 256, FALSE, 'a'), ICSTT_NAME, &m));
    assert_null(m);
    assert_int_equal(2, test_count_mappings(f->cfg));

    assert_hr(S_OK, f->conn[0]->Rename(at_guard(g, 257, TRUE, 'A')));
    assert_hr(E_INVALIDARG, f->conn[1]->Rename(at_guard(g, 257, FALSE, 'a')));
    VirtualFree(g.page, 0, MEM_RELEASE);
}

static void rename_takes_literals(void **state)
{
    fixture *f = static_cast<fixture *>(*state);
    NETCON_PROPERTIES *props = NULL;

    assert_hr(S_OK, f->conn[0]->Rename(after_huge.text));
    assert_hr(HRESULT_FROM_WIN32(ERROR_DUP_NAME), f->conn[1]->Rename(after_huge.text));
    assert_hr(S_OK, f->conn[1]->Rename(L"Literal name"));
    assert_hr(S_OK, f->conn[1]->GetProperties(&props));
    assert_int_equal(0, lstrcmpW(props->pszwName, L"Literal name"));
    CoTaskMemFree(props->pszwName);
    CoTaskMemFree(props->pszwDeviceName);
    CoTaskMemFree(props);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(the_samples_asymmetric_mapping_is_added_enabled_and_deleted, setup, teardown),
        cmocka_unit_test_setup_teardown(literals_after_any_bytes_act_as_real_bstrs, setup, teardown),
        cmocka_unit_test_setup_teardown(strings_at_and_over_the_maximum_are_read_no_further, setup, teardown),
        cmocka_unit_test_setup_teardown(rename_takes_literals, setup, teardown),
    };
    return cmocka_run_group_tests_name("literals", tests, NULL, NULL);
}
