/*
 * UPnPNAT on gateways that speak PCP or NAT-PMP instead of UPnP, each scenario in a process of
 * its own (the engine's first discovery is per process): `test_pcpnat.exe SCENARIO` runs one.
 *
 * The router is the lab's miniupnpd with UPnP off (lab.sh mode pcp: NAT-PMP and PCP on), read
 * through its nftables chain (lab.sh forwards), or the lab's fake server (fake_pcp.py) for what
 * miniupnpd will not do, whose every request is logged (pcpfake.requests). Each scenario puts
 * the lab back as it was: UPnP router running, no fake, nothing remembered.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "lab_client.h"
#include "nat_callback.h"

#include <stdlib.h>

#define COBJMACROS
#include "natupnplib.h"
#include "openhnetcfg.h"

#define E_TIMEOUT HRESULT_FROM_WIN32(ERROR_TIMEOUT)
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define assert_wstr_equal(expected, actual) assert_int_equal(0, wcscmp((expected), (actual) ? (actual) : L"(null)"))
#define E_CONFLICT HRESULT_FROM_WIN32(ERROR_ADDRESS_ALREADY_ASSOCIATED)
#define E_FULL HRESULT_FROM_WIN32(ERROR_NO_SYSTEM_RESOURCES)
/* Documented: the first call waits one discovery window (1 s); the goal is 1.2 s, with a margin
 * for a loaded machine here (the figure is the benchmark's). A call's network work 3 s. */
#define COLD_BOUND_MS (1200 + 400)
#define CALL_BOUND_MS (3000 + 1000)

/* How many requests of the fake's log have every one of the given JSON fragments. */
static unsigned requests_with(const char *a, const char *b, const char *c)
{
    char *log = lab_file("pcpfake.requests"), *line, *next;
    unsigned n = 0;

    if (!log)
        return 0;
    for (line = log; line && *line; line = next)
    {
        if ((next = strchr(line, '\n')))
            *next++ = 0;
        if (strstr(line, a) && (!b || strstr(line, b)) && (!c || strstr(line, c)))
            n++;
    }
    free(log);
    return n;
}

/* The nonce of the first request of the log for an internal port, as its JSON fragment. */
static BOOL nonce_of(unsigned internal_port, char out[64])
{
    char *log = lab_file("pcpfake.requests"), port[40], *p, *q;
    BOOL found = FALSE;

    snprintf(port, sizeof(port), "\"internal_port\": %u,", internal_port);
    for (p = log; p && (p = strstr(p, "\"nonce\": \"")); p++)
    {
        char *end = strchr(p, '\n');

        if (end && (q = strstr(p, port)) && q < end)
        {
            snprintf(out, 64, "%.35s", p); /* "nonce": "<24 hex digits>" */
            found = TRUE;
            break;
        }
    }
    free(log);
    return found;
}

static HRESULT add_static(IStaticPortMappingCollection *c, LONG ext, const WCHAR *proto, LONG internal,
                          const WCHAR *client, IStaticPortMapping **out)
{
    BSTR p = SysAllocString(proto), cl = SysAllocString(client), desc = SysAllocString(L"pcp test");
    IStaticPortMapping *m = NULL;
    HRESULT hr = IStaticPortMappingCollection_Add(c, ext, p, internal, cl, VARIANT_TRUE, desc, &m);

    if (out)
        *out = m;
    else if (m)
        IStaticPortMapping_Release(m);
    SysFreeString(p);
    SysFreeString(cl);
    SysFreeString(desc);
    return hr;
}

static void wipe_records(void)
{
    RegDeleteKeyExW(HKEY_LOCAL_MACHINE, L"Software\\open-hnetcfg\\UPnP\\PCP\\10.77.0.1", KEY_WOW64_64KEY, 0);
}

static int setup(void **state)
{
    if (FAILED(CoInitializeEx(NULL, COINIT_APARTMENTTHREADED)))
        return -1;
    SetEnvironmentVariableW(L"HNETCFG_PCP_CHECK_MS", L"1000");
    lab_forget_gateway();
    wipe_records();
    return 0;
}

static int teardown(void **state)
{
    CoUninitialize();
    lab("pcpfake-stop");
    lab("mode upnp");
    lab("router-restart");
    lab_forget_gateway();
    wipe_records();
    return 0;
}

static void pcp_router(void)
{
    assert_int_equal(0, lab("mode pcp"));
    assert_int_equal(0, lab("router-restart --forget"));
}

static void fake(const char *args)
{
    assert_int_equal(0, lab("router-stop"));
    assert_int_equal(0, lab("pcpfake %s", args));
}

/* A fresh prefix on a router with UPnP off: a collection within the first window, mappings on
 * the router, listed from this prefix's records, removed; what PCP cannot do is refused. */
static void a_pcp_router_serves_the_collections(void **state)
{
    IStaticPortMappingCollection *c = NULL;
    IStaticPortMapping *m = NULL;
    IUPnPNAT *n;
    ULONGLONG start;
    BSTR s = NULL, tcp = SysAllocString(L"TCP");
    LONG took;

    pcp_router();
    start = now_ms();
    n = lab_nat();
    assert_hr(S_OK, IUPnPNAT_get_StaticPortMappingCollection(n, &c));
    took = (LONG)(now_ms() - start);
    assert_non_null(c);
    print_message("first collection on a PCP router after %ld ms\n", took);
    assert_true(took <= COLD_BOUND_MS);
    lab_assert_status_has(n, "protocol PCP");
    lab_assert_status_has(n, "gateway pcp://10.77.0.1:5351/");
    assert_int_equal(0, lab_count(c));

    assert_hr(S_OK, add_static(c, 45200, L"TCP", 45200, L"10.77.0.2", &m));
    assert_non_null(m);
    assert_hr(S_OK, IStaticPortMapping_get_ExternalIPAddress(m, &s));
    assert_wstr_equal(L"1.2.3.4", s);
    SysFreeString(s);
    IStaticPortMapping_Release(m);
    assert_true(lab_forwarded("TCP 45200->10.77.0.2:45200"));
    assert_int_equal(1, lab_count(c));
    m = NULL;
    assert_hr(S_OK, IStaticPortMappingCollection_get_Item(c, 45200, tcp, &m));
    assert_non_null(m);
    assert_hr(S_OK, IStaticPortMapping_get_Description(m, &s));
    assert_wstr_equal(L"pcp test", s);
    SysFreeString(s);
    IStaticPortMapping_Release(m);

    /* A client maps only its own address; one external port per internal port. */
    assert_hr(E_ACCESSDENIED, add_static(c, 45201, L"TCP", 45201, L"10.77.0.9", NULL));
    assert_hr(E_CONFLICT, add_static(c, 45202, L"TCP", 45200, L"10.77.0.2", NULL));
    assert_int_equal(1, lab_count(c));
    assert_false(lab_forwarded("45201->"));
    assert_false(lab_forwarded("45202->"));

    assert_hr(S_OK, lab_remove_mapping(c, 45200, L"TCP"));
    assert_false(lab_forwarded("TCP 45200->"));
    assert_int_equal(0, lab_count(c));
    assert_hr(HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND), lab_remove_mapping(c, 45200, L"TCP"));
    SysFreeString(tcp);
    IStaticPortMappingCollection_Release(c);
    IUPnPNAT_Release(n);
}

/* A router that reboots and forgets (its epoch starts again) has every mapping of ours made
 * again within one check (1 s here), or at once when its ANNOUNCE is heard. */
static void a_rebooted_router_gets_every_mapping_again(void **state)
{
    IStaticPortMappingCollection *c;
    IUPnPNAT *n;
    ULONGLONG start;
    BOOL back = FALSE;

    pcp_router();
    n = lab_nat();
    c = lab_statics(n);
    assert_hr(S_OK, add_static(c, 45210, L"TCP", 45210, L"10.77.0.2", NULL));
    assert_hr(S_OK, add_static(c, 45211, L"UDP", 45211, L"10.77.0.2", NULL));
    assert_true(lab_forwarded("TCP 45210->10.77.0.2:45210"));
    /* A reboot takes its time: the epoch rule (RFC 6887 §8.5) allows a server a second or two
     * of difference, so one restarted within a second of its start may look like the same. */
    Sleep(3000);
    assert_int_equal(0, lab("router-restart --forget"));
    assert_false(lab_forwarded("45210->"));
    start = now_ms();
    while (!back && now_ms() - start < 5000)
    {
        char *f;

        Sleep(100);
        f = lab_forwards();
        back = f && strstr(f, "TCP 45210->10.77.0.2:45210") && strstr(f, "UDP 45211->10.77.0.2:45211");
        free(f);
    }
    print_message("both mappings back %llu ms after the reboot\n", now_ms() - start);
    assert_true(back);
    assert_hr(S_OK, lab_remove_mapping(c, 45210, L"TCP"));
    assert_hr(S_OK, lab_remove_mapping(c, 45211, L"UDP"));
    assert_false(lab_forwarded("4521"));
    IStaticPortMappingCollection_Release(c);
    IUPnPNAT_Release(n);
}

/* Runs the x86_64 hnetmap of the test prefix with args and waits for it: its exit code. */
static DWORD hnetmap(const WCHAR *args)
{
    WCHAR cmdline[512];
    STARTUPINFOW si;
    PROCESS_INFORMATION pi;
    DWORD code = 255;

    memset(&si, 0, sizeof(si));
    si.cb = sizeof(si);
    _snwprintf(cmdline, ARRAY_SIZE(cmdline), L"C:\\ohn-test\\hnetmap.exe %ls", args);
    cmdline[ARRAY_SIZE(cmdline) - 1] = 0;
    if (!CreateProcessW(L"C:\\ohn-test\\hnetmap.exe", cmdline, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi))
        fail_msg("CreateProcessW(%ls): %lu", cmdline, GetLastError());
    WaitForSingleObject(pi.hProcess, 60000);
    GetExitCodeProcess(pi.hProcess, &code);
    CloseHandle(pi.hProcess);
    CloseHandle(pi.hThread);
    return code;
}

/* Another process made a mapping and ended; the router rebooted while no process of the prefix
 * ran. The next process sees it (the epoch the prefix kept) and makes the mapping again within
 * its first check. */
static void a_reboot_while_no_process_ran_is_seen_by_the_next(void **state)
{
    IStaticPortMappingCollection *c;
    ULONGLONG start;
    IUPnPNAT *n;
    BOOL back = FALSE;

    pcp_router();
    assert_int_equal(0, hnetmap(L"upnp add tcp 45290 45290 10.77.0.2 before"));
    assert_true(lab_forwarded("TCP 45290->10.77.0.2:45290"));
    Sleep(3000); /* as in a_rebooted_router_gets_every_mapping_again */
    assert_int_equal(0, lab("router-restart --forget"));
    assert_false(lab_forwarded("45290->"));
    start = now_ms();
    n = lab_nat();
    c = lab_statics(n);
    while (!back && now_ms() - start < 5000)
    {
        Sleep(100);
        back = lab_forwarded("TCP 45290->10.77.0.2:45290");
    }
    print_message("back %llu ms after the next process started\n", now_ms() - start);
    assert_true(back);
    assert_hr(S_OK, lab_remove_mapping(c, 45290, L"TCP"));
    assert_false(lab_forwarded("45290->"));
    IStaticPortMappingCollection_Release(c);
    IUPnPNAT_Release(n);
}

/* The NAT events through PCP: the number of entries is that of this prefix's records, the
 * external address what NAT-PMP's address request says. */
static void events_come_through_pcp(void **state)
{
    struct callback entries, address;
    INATEventManager *events = NULL;
    IStaticPortMappingCollection *c;
    IUPnPNAT *n;

    SetEnvironmentVariableW(L"HNETCFG_UPNP_EVENT_MS", L"300");
    pcp_router();
    n = lab_nat();
    c = lab_statics(n);
    callback_init(&entries, FALSE, FALSE);
    callback_init(&address, FALSE, FALSE);
    assert_hr(S_OK, IUPnPNAT_get_NATEventManager(n, &events));
    assert_hr(S_OK, INATEventManager_put_NumberOfEntriesCallback(events, (IUnknown *)&entries.dispatch_iface));
    assert_hr(S_OK, INATEventManager_put_ExternalIPAddressCallback(events, (IUnknown *)&address.dispatch_iface));
    INATEventManager_Release(events);
    pump_messages(900); /* the first poll: where changes count from */

    assert_hr(S_OK, add_static(c, 45280, L"TCP", 45280, L"10.77.0.2", NULL));
    assert_true(wait_flag(&entries.calls, 5000));
    assert_false(entries.wrong_thread);
    assert_int_equal(1, entries.last_count);

    assert_int_equal(0, lab_with("OHN_LAB_EXT_IP=5.6.7.8", "router-restart"));
    assert_true(wait_flag(&address.calls, 5000));
    assert_false(address.wrong_thread);
    assert_int_equal(0, lstrcmpW(address.last_address, L"5.6.7.8"));

    assert_hr(S_OK, lab_remove_mapping(c, 45280, L"TCP"));
    IStaticPortMappingCollection_Release(c);
    IUPnPNAT_Release(n);
    assert_int_equal(1, entries.refs);
    assert_int_equal(1, address.refs);
    SetEnvironmentVariableW(L"HNETCFG_UPNP_EVENT_MS", NULL);
}

/* A permanent mapping asks for the longest lifetime, and is renewed at half of what the server
 * granted (2 s of 4) with the nonce that created it. */
static void permanent_mappings_are_renewed_at_half_with_their_nonce(void **state)
{
    IStaticPortMappingCollection *c;
    IUPnPNAT *n;
    char nonce[64];
    unsigned renewals;

    fake("--lifetime 4");
    n = lab_nat();
    c = lab_statics(n);
    lab_assert_status_has(n, "protocol PCP");
    assert_hr(S_OK, add_static(c, 45220, L"TCP", 45220, L"10.77.0.2", NULL));
    assert_int_equal(1, requests_with("\"internal_port\": 45220", "\"lifetime\": 2147483647", NULL));
    assert_true(nonce_of(45220, nonce));
    pump_messages(5500);
    renewals = requests_with("\"internal_port\": 45220", nonce, "\"lifetime\": 2147483647");
    print_message("%u requests with the nonce in 5.5 s of a 4 s lifetime\n", renewals);
    assert_true(renewals >= 3); /* the first, and renewals at about 2 s and 4 s */
    assert_int_equal(renewals, requests_with("\"internal_port\": 45220", NULL, NULL));
    assert_int_equal(1, lab_count(c));
    assert_hr(S_OK, lab_remove_mapping(c, 45220, L"TCP"));
    assert_int_equal(1, requests_with("\"internal_port\": 45220", nonce, "\"lifetime\": 0}"));
    IStaticPortMappingCollection_Release(c);
    IUPnPNAT_Release(n);
}

/* A dynamic mapping is renewed as asked: its lease (what the server granted, 4 s), at half. */
static void dynamic_mappings_are_renewed_as_asked(void **state)
{
    IDynamicPortMappingCollection *d = NULL;
    IDynamicPortMapping *m = NULL;
    IUPnPNAT *n;
    BSTR empty = SysAllocString(L""), udp = SysAllocString(L"UDP"), client = SysAllocString(L"10.77.0.2"),
         desc = SysAllocString(L"dynamic");
    LONG lease = 0;
    char nonce[64];
    unsigned renewals;

    fake("--lifetime 4");
    n = lab_nat();
    assert_hr(S_OK, IUPnPNAT_get_DynamicPortMappingCollection(n, &d));
    assert_non_null(d);
    assert_hr(S_OK, IDynamicPortMappingCollection_Add(d, empty, 45230, udp, 45230, client, VARIANT_TRUE, desc, 60, &m));
    assert_non_null(m);
    assert_hr(S_OK, IDynamicPortMapping_get_LeaseDuration(m, &lease));
    assert_int_equal(4, lease);
    assert_int_equal(1, requests_with("\"internal_port\": 45230", "\"lifetime\": 60", NULL));
    assert_true(nonce_of(45230, nonce));
    pump_messages(5500);
    renewals = requests_with("\"internal_port\": 45230", nonce, NULL);
    print_message("%u requests with the nonce in 5.5 s of a 4 s lease\n", renewals);
    assert_true(renewals >= 3);
    assert_hr(S_OK, IDynamicPortMappingCollection_Remove(d, empty, 45230, udp));
    IDynamicPortMapping_Release(m);
    IDynamicPortMappingCollection_Release(d);
    IUPnPNAT_Release(n);
    SysFreeString(empty);
    SysFreeString(udp);
    SysFreeString(client);
    SysFreeString(desc);
}

/* The server loses its state after the first mapping request and says so on 224.0.0.1:5350:
 * the mapping is made again at once, long before the next check (60 s here). */
static void an_announce_brings_the_mappings_back_at_once(void **state)
{
    IStaticPortMappingCollection *c;
    IUPnPNAT *n;
    ULONGLONG start;

    SetEnvironmentVariableW(L"HNETCFG_PCP_CHECK_MS", L"60000");
    fake("--reset-after 1 --announce");
    n = lab_nat();
    c = lab_statics(n);
    /* The listener joins 224.0.0.1 when the gateway is chosen: give it the time to. */
    Sleep(500);
    start = now_ms();
    assert_hr(S_OK, add_static(c, 45240, L"TCP", 45240, L"10.77.0.2", NULL));
    while (requests_with("\"internal_port\": 45240", "\"lifetime\": 2147483647", NULL) < 2 && now_ms() - start < 5000)
        Sleep(50);
    print_message("made again %llu ms after the add\n", now_ms() - start);
    assert_int_equal(2, requests_with("\"internal_port\": 45240", "\"lifetime\": 2147483647", NULL));
    assert_true(now_ms() - start < 3000);
    assert_hr(S_OK, lab_remove_mapping(c, 45240, L"TCP"));
    IStaticPortMappingCollection_Release(c);
    IUPnPNAT_Release(n);
}

/* A NAT-PMP-only gateway (UNSUPP_VERSION to PCP): NAT-PMP is used, and its result codes are
 * HRESULTs that change nothing. */
static void a_natpmp_gateway_is_used_through_natpmp(void **state)
{
    static const struct
    {
        const char *args;
        HRESULT hr;
    } codes[] = {
        {"--natpmp-only --result 2", E_ACCESSDENIED}, /* NOT_AUTHORIZED */
        {"--natpmp-only --result 4", E_FULL},         /* NO_RESOURCES */
        {"--natpmp-only --result 5", E_FAIL},         /* UNSUPP_OPCODE */
    };
    IStaticPortMappingCollection *c;
    IUPnPNAT *n;
    unsigned i;

    fake("--natpmp-only");
    n = lab_nat();
    c = lab_statics(n);
    lab_assert_status_has(n, "protocol NAT-PMP");
    lab_assert_status_has(n, "external 1.2.3.4");
    assert_hr(S_OK, add_static(c, 45250, L"TCP", 45250, L"10.77.0.2", NULL));
    assert_int_equal(1, requests_with("\"version\": 0, \"opcode\": 2", "\"internal_port\": 45250", NULL));
    assert_int_equal(0, requests_with("\"version\": 2, \"opcode\": 1", NULL, NULL));
    assert_int_equal(1, lab_count(c));
    assert_hr(S_OK, lab_remove_mapping(c, 45250, L"TCP"));
    assert_int_equal(1, requests_with("\"internal_port\": 45250", "\"lifetime\": 0}", NULL));
    assert_int_equal(0, lab_count(c));
    for (i = 0; i < ARRAY_SIZE(codes); i++)
    {
        assert_int_equal(0, lab("pcpfake %s", codes[i].args));
        assert_hr(codes[i].hr, add_static(c, 45251, L"UDP", 45251, L"10.77.0.2", NULL));
        assert_int_equal(0, lab_count(c));
    }
    IStaticPortMappingCollection_Release(c);
    IUPnPNAT_Release(n);
}

/* PCP's result codes are HRESULTs, and a refused request changes nothing. */
static void pcp_result_codes_are_hresults(void **state)
{
    static const struct
    {
        const char *args;
        HRESULT hr;
    } codes[] = {
        {"--result 2", E_ACCESSDENIED},  /* NOT_AUTHORIZED */
        {"--result 8", E_FULL},          /* NO_RESOURCES */
        {"--result 10", E_FULL},         /* USER_EX_QUOTA */
        {"--result 4", E_FAIL},          /* UNSUPP_OPCODE */
        {"--result 3", E_INVALIDARG},    /* MALFORMED_REQUEST */
    };
    IStaticPortMappingCollection *c;
    IUPnPNAT *n;
    unsigned i;

    fake("");
    n = lab_nat();
    c = lab_statics(n);
    for (i = 0; i < ARRAY_SIZE(codes); i++)
    {
        assert_int_equal(0, lab("pcpfake %s", codes[i].args));
        assert_hr(codes[i].hr, add_static(c, 45260, L"TCP", 45260, L"10.77.0.2", NULL));
        assert_int_equal(0, lab_count(c));
    }
    IStaticPortMappingCollection_Release(c);
    IUPnPNAT_Release(n);
}

/* Truncated and garbage datagrams before the answer are skipped; garbage alone, answers from
 * another address and silence cost one bounded wait and change nothing. */
static void bad_answers_are_ignored_within_the_bound(void **state)
{
    static const char *const bad[] = {"--garbage", "--other-address", "--silent"};
    IStaticPortMappingCollection *c;
    IUPnPNAT *n;
    ULONGLONG start;
    unsigned i;

    fake("--noise");
    n = lab_nat();
    c = lab_statics(n);
    assert_hr(S_OK, add_static(c, 45270, L"TCP", 45270, L"10.77.0.2", NULL));
    assert_int_equal(1, lab_count(c));
    for (i = 0; i < ARRAY_SIZE(bad); i++)
    {
        ULONGLONG took;

        assert_int_equal(0, lab("pcpfake %s", bad[i]));
        start = now_ms();
        assert_hr(E_TIMEOUT, add_static(c, 45271, L"TCP", 45271, L"10.77.0.2", NULL));
        took = now_ms() - start;
        print_message("%s: %llu ms\n", bad[i], took);
        assert_true(took <= CALL_BOUND_MS);
        assert_true(requests_with("\"internal_port\": 45271", NULL, NULL) >= 1);
        assert_int_equal(1, lab_count(c)); /* the records: 45270 only */
        /* The mapping stays recorded when its removal has no answer. */
        assert_hr(E_TIMEOUT, lab_remove_mapping(c, 45270, L"TCP"));
        assert_int_equal(1, lab_count(c));
    }
    assert_int_equal(0, lab("pcpfake"));
    assert_hr(S_OK, lab_remove_mapping(c, 45270, L"TCP"));
    assert_int_equal(0, lab_count(c));
    IStaticPortMappingCollection_Release(c);
    IUPnPNAT_Release(n);
}

/* A gateway that never answers on 5351 (and no UPnP): no collection, within the first window. */
static void a_silent_gateway_is_no_gateway_within_the_window(void **state)
{
    IStaticPortMappingCollection *c = (IStaticPortMappingCollection *)0xdeadbeef;
    ULONGLONG start;
    IUPnPNAT *n;
    LONG took;

    fake("--silent");
    start = now_ms();
    n = lab_nat();
    assert_hr(S_OK, IUPnPNAT_get_StaticPortMappingCollection(n, &c));
    took = (LONG)(now_ms() - start);
    assert_null(c);
    print_message("no gateway after %ld ms\n", took);
    assert_true(took <= COLD_BOUND_MS);
    IUPnPNAT_Release(n);
}

/* The router's PCP and NAT-PMP answers are lost for the first 1.5 s of a process (its first
 * discovery misses it, as would a remembered gateway's check): a client that polls gets its
 * collection within 3 s of the router answering again, not at the next periodic discovery
 * (30 s). What the processes of issue 23 saw, from any transient miss. */
static void a_missed_first_discovery_is_retried_within_seconds(void **state)
{
    IStaticPortMappingCollection *c = NULL;
    ULONGLONG start, answering;
    IUPnPNAT *n;
    LONG took;

    pcp_router();
    assert_int_equal(0, lab("block pcp"));
    start = now_ms();
    n = lab_nat();
    answering = 0;
    while (!c && now_ms() - start < 10000)
    {
        if (!answering && now_ms() - start >= 1500)
        {
            assert_int_equal(0, lab("unblock"));
            answering = now_ms();
        }
        assert_hr(S_OK, IUPnPNAT_get_StaticPortMappingCollection(n, &c));
        if (!c)
            pump_messages(100);
    }
    if (!answering)
        assert_int_equal(0, lab("unblock"));
    assert_non_null(c);
    assert_true(answering != 0);
    took = (LONG)(now_ms() - answering);
    print_message("a collection %ld ms after the router answered again\n", took);
    assert_true(took <= 3000);
    IStaticPortMappingCollection_Release(c);
    IUPnPNAT_Release(n);
}

/* ---- the DLL unloads once nothing of this process needs the gateway (issue 23) ---- */

/* The loaded DLL's DllCanUnloadNow, as CoFreeUnusedLibraries asks it. */
static HRESULT can_unload(void)
{
    HMODULE dll = GetModuleHandleW(L"hnetcfg.dll");
    HRESULT(WINAPI * f)(void) = dll ? (void *)GetProcAddress(dll, "DllCanUnloadNow") : NULL;

    assert_non_null(f);
    return f();
}

/* Milliseconds until DllCanUnloadNow says S_OK (polled, messages pumped), -1 past limit_ms. */
static LONG settle_ms(DWORD limit_ms)
{
    ULONGLONG start = now_ms();
    HRESULT hr;

    while ((hr = can_unload()) == S_FALSE && now_ms() - start < limit_ms)
        pump_messages(50);
    assert_true(hr == S_OK || hr == S_FALSE);
    return hr == S_OK ? (LONG)(now_ms() - start) : -1;
}

static unsigned all_requests(void)
{
    return requests_with("\"opcode\"", NULL, NULL);
}

/* What the gateway is sent in 3 s with no object of this DLL alive, then with one: nothing,
 * then its checks (every second here). With logged FALSE (UPnP: no lease checks, and no
 * request log) only the unloading is checked. */
static void checks_follow_the_objects(const char *protocol, BOOL logged)
{
    IStaticPortMappingCollection *c;
    IUPnPNAT *n;
    unsigned before;
    LONG took;

    before = all_requests();
    pump_messages(3000);
    assert_hr(S_OK, can_unload());
    if (logged)
        assert_int_equal(before, all_requests()); /* no lease check while nothing needs one */
    n = lab_nat(); /* the DLL is still loaded: its engine starts again */
    c = lab_statics(n);
    assert_int_equal(1, lab_count(c));
    before = all_requests();
    pump_messages(3000);
    if (logged)
    {
        print_message("%s: %u requests in 3 s with an object alive\n", protocol, all_requests() - before);
        assert_true(all_requests() - before >= 2);
    }
    IStaticPortMappingCollection_Release(c);
    IUPnPNAT_Release(n);
    took = settle_ms(15000);
    print_message("%s: DllCanUnloadNow S_OK %ld ms after the second object's release\n", protocol, took);
    assert_true(took >= 0);
}

/* A dynamic mapping of this process keeps the engine (it renews it) until it is removed. */
static void a_dynamic_mapping_keeps_it_loaded(const char *protocol)
{
    IDynamicPortMappingCollection *d = NULL;
    IDynamicPortMapping *m = NULL;
    IUPnPNAT *n = lab_nat();
    BSTR empty = SysAllocString(L""), udp = SysAllocString(L"UDP"), client = SysAllocString(L"10.77.0.2"),
         desc = SysAllocString(L"unload");
    LONG took;

    assert_hr(S_OK, IUPnPNAT_get_DynamicPortMappingCollection(n, &d));
    assert_non_null(d);
    assert_hr(S_OK, IDynamicPortMappingCollection_Add(d, empty, 45301, udp, 45301, client, VARIANT_TRUE, desc, 600, &m));
    assert_non_null(m);
    IDynamicPortMapping_Release(m);
    IDynamicPortMappingCollection_Release(d);
    IUPnPNAT_Release(n);
    assert_int_equal(-1, settle_ms(3000)); /* renewed while this process lives */
    n = lab_nat();
    assert_hr(S_OK, IUPnPNAT_get_DynamicPortMappingCollection(n, &d));
    assert_non_null(d);
    assert_hr(S_OK, IDynamicPortMappingCollection_Remove(d, empty, 45301, udp));
    IDynamicPortMappingCollection_Release(d);
    IUPnPNAT_Release(n);
    took = settle_ms(15000);
    print_message("%s: DllCanUnloadNow S_OK %ld ms after the dynamic mapping's removal\n", protocol, took);
    assert_true(took >= 0 && took < 50);
    SysFreeString(empty);
    SysFreeString(udp);
    SysFreeString(client);
    SysFreeString(desc);
}

/* On each protocol: a permanent mapping added and every object released, DllCanUnloadNow is
 * S_OK at once: the last release has let the background threads end (the lease checks and the
 * announcement listener end: the mapping's record stays for the next user), so that a client
 * that exits right after loses no thread in the middle (Wine 10 may then lose its exit code); a later object starts them again; a dynamic mapping of this
 * process keeps them until it is removed; CoFreeUnusedLibraries then frees the DLL. */
static void unloads(const char *protocol, BOOL logged)
{
    IStaticPortMappingCollection *c;
    IUPnPNAT *n;
    ULONGLONG until, released;
    LONG took;

    n = lab_nat();
    c = lab_statics(n);
    assert_hr(S_OK, add_static(c, 45300, L"TCP", 45300, L"10.77.0.2", NULL));
    IStaticPortMappingCollection_Release(c);
    released = now_ms();
    IUPnPNAT_Release(n);
    released = now_ms() - released;
    print_message("%s: the last release took %llu ms\n", protocol, (unsigned long long)released);
    assert_true(released <= 1100); /* the DLL's bound (engine.h: OHN_SETTLE_MS), and some slack */
    took = settle_ms(15000);
    print_message("%s: DllCanUnloadNow S_OK %ld ms after the last release\n", protocol, took);
    assert_true(took >= 0 && took < 50);
    checks_follow_the_objects(protocol, logged);
    a_dynamic_mapping_keeps_it_loaded(protocol);
    n = lab_nat();
    c = lab_statics(n);
    assert_hr(S_OK, lab_remove_mapping(c, 45300, L"TCP"));
    IStaticPortMappingCollection_Release(c);
    IUPnPNAT_Release(n);
    assert_true(settle_ms(15000) >= 0);
    until = now_ms() + 5000;
    while (GetModuleHandleW(L"hnetcfg.dll") && now_ms() < until)
    {
        CoFreeUnusedLibrariesEx(0, 0);
        pump_messages(50);
    }
    assert_null(GetModuleHandleW(L"hnetcfg.dll"));
}

static void the_dll_unloads_on_upnp(void **state)
{
    unloads("UPnP", FALSE);
}

static void the_dll_unloads_on_pcp(void **state)
{
    fake("");
    unloads("PCP", TRUE);
}

static void the_dll_unloads_on_natpmp(void **state)
{
    fake("--natpmp-only");
    unloads("NAT-PMP", TRUE);
}

/* Both answer: UPnP is preferred, as it can list the router's table. */
static void upnp_is_preferred_when_both_answer(void **state)
{
    IUPnPNAT *n;

    assert_int_equal(0, lab("pcpfake"));
    n = lab_nat();
    lab_assert_status_has(n, "protocol UPnP IGD");
    IUPnPNAT_Release(n);
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(a_pcp_router_serves_the_collections, setup, teardown),
        cmocka_unit_test_setup_teardown(a_rebooted_router_gets_every_mapping_again, setup, teardown),
        cmocka_unit_test_setup_teardown(a_reboot_while_no_process_ran_is_seen_by_the_next, setup, teardown),
        cmocka_unit_test_setup_teardown(events_come_through_pcp, setup, teardown),
        cmocka_unit_test_setup_teardown(permanent_mappings_are_renewed_at_half_with_their_nonce, setup, teardown),
        cmocka_unit_test_setup_teardown(dynamic_mappings_are_renewed_as_asked, setup, teardown),
        cmocka_unit_test_setup_teardown(an_announce_brings_the_mappings_back_at_once, setup, teardown),
        cmocka_unit_test_setup_teardown(a_natpmp_gateway_is_used_through_natpmp, setup, teardown),
        cmocka_unit_test_setup_teardown(pcp_result_codes_are_hresults, setup, teardown),
        cmocka_unit_test_setup_teardown(bad_answers_are_ignored_within_the_bound, setup, teardown),
        cmocka_unit_test_setup_teardown(a_silent_gateway_is_no_gateway_within_the_window, setup, teardown),
        cmocka_unit_test_setup_teardown(upnp_is_preferred_when_both_answer, setup, teardown),
        cmocka_unit_test_setup_teardown(a_missed_first_discovery_is_retried_within_seconds, setup, teardown),
        cmocka_unit_test_setup_teardown(the_dll_unloads_on_upnp, setup, teardown),
        cmocka_unit_test_setup_teardown(the_dll_unloads_on_pcp, setup, teardown),
        cmocka_unit_test_setup_teardown(the_dll_unloads_on_natpmp, setup, teardown),
    };

    if (argc < 2)
    {
        fprintf(stderr, "usage: test_pcpnat SCENARIO (one test's name: each needs a process of its own)\n");
        return 2;
    }
    cmocka_set_test_filter(argv[1]);
    return cmocka_run_group_tests_name(argv[1], tests, NULL, NULL);
}
