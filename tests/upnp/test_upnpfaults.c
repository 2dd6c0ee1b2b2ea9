/*
 * The gateway engine against a router that misbehaves, each scenario in a process of its own
 * (the engine's first discovery is per process): `test_upnpfaults.exe SCENARIO` runs one;
 * ctest runs them all (tests/upnp/CMakeLists.txt). The router lab is put back as it was at the
 * end of each: router running, no fake device, nothing blocked.
 *
 * Waits are checked against the documented bounds (README "UPnP"), with a margin for a loaded
 * machine; the figures themselves are the benchmark's business (bench/).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "lab_client.h"

#include <stdlib.h>

#define COBJMACROS
#include "natupnplib.h"
#include "openhnetcfg.h"

#define E_TIMEOUT HRESULT_FROM_WIN32(ERROR_TIMEOUT)
#define E_UNREACHABLE HRESULT_FROM_WIN32(ERROR_HOST_UNREACHABLE)
#define ROUTER_LOCATION "gateway http://10.77.0.1:5431/rootDesc.xml"
#define FAKE_LOCATION "gateway http://10.77.0.3:49000/igd.xml"
/* Documented: the first call without a gateway within 1.1 s; a call's network work 3 s. */
#define COLD_BOUND_MS (1100 + 400)
#define CALL_BOUND_MS (3000 + 1000)

static BOOL fake_log_has(const char *what)
{
    char *log = lab_file("fake.log");
    BOOL found = log && strstr(log, what);

    free(log);
    return found;
}

static HRESULT add(IStaticPortMappingCollection *c, LONG port, const WCHAR *proto)
{
    BSTR p = SysAllocString(proto), client = SysAllocString(L"10.77.0.2"), desc = SysAllocString(L"fault test");
    IStaticPortMapping *m = NULL;
    HRESULT hr = IStaticPortMappingCollection_Add(c, port, p, port, client, VARIANT_TRUE, desc, &m);

    if (m)
        IStaticPortMapping_Release(m);
    SysFreeString(p);
    SysFreeString(client);
    SysFreeString(desc);
    return hr;
}

static int setup(void **state)
{
    if (FAILED(CoInitializeEx(NULL, COINIT_APARTMENTTHREADED)))
        return -1;
    SetEnvironmentVariableW(L"HNETCFG_UPNP_PROBE_MS", L"500");
    return 0;
}

static int teardown(void **state)
{
    CoUninitialize();
    lab("fake-stop");
    lab("unblock");
    lab("router-start");
    return 0;
}

/* No gateway: the first call waits one discovery, later ones nothing; a gateway that comes
 * later is found by the background probe. */
static void cold_without_gateway_then_found_later(void **state)
{
    IStaticPortMappingCollection *c = (IStaticPortMappingCollection *)0xdeadbeef;
    IUPnPNAT *n;
    ULONGLONG start, first, second;

    assert_int_equal(0, lab("router-stop"));
    lab_forget_gateway();
    start = now_ms();
    n = lab_nat();
    assert_hr(S_OK, IUPnPNAT_get_StaticPortMappingCollection(n, &c));
    first = now_ms() - start;
    assert_null(c);
    start = now_ms();
    c = (IStaticPortMappingCollection *)0xdeadbeef;
    assert_hr(S_OK, IUPnPNAT_get_StaticPortMappingCollection(n, &c));
    second = now_ms() - start;
    assert_null(c);
    print_message("no gateway: first call %llu ms, second %llu ms\n", first, second);
    assert_true(first <= COLD_BOUND_MS);
    assert_true(second <= 100);

    assert_int_equal(0, lab("router-start"));
    start = now_ms();
    while (!c && now_ms() - start < 10000)
    {
        Sleep(100);
        assert_hr(S_OK, IUPnPNAT_get_StaticPortMappingCollection(n, &c));
    }
    assert_non_null(c);
    print_message("gateway found %llu ms after it started\n", now_ms() - start);
    IStaticPortMappingCollection_Release(c);
    IUPnPNAT_Release(n);
}

/* Run after a process found the router (the ctest order): it is remembered, validated with
 * one request and used at once. */
static void a_remembered_gateway_is_used_at_once(void **state)
{
    IStaticPortMappingCollection *c = NULL;
    ULONGLONG start = now_ms(), took;
    IUPnPNAT *n = lab_nat();

    assert_hr(S_OK, IUPnPNAT_get_StaticPortMappingCollection(n, &c));
    took = now_ms() - start;
    assert_non_null(c);
    print_message("creating and the first collection: %llu ms\n", took);
    assert_true(took < 1000); /* well under one discovery window */
    lab_assert_status_has(n, ROUTER_LOCATION);
    IStaticPortMappingCollection_Release(c);
    IUPnPNAT_Release(n);
}

/* A remembered gateway that no longer answers costs no more than the cold case. */
static void a_remembered_gateway_that_is_gone_costs_no_more_than_cold(void **state)
{
    IStaticPortMappingCollection *c = (IStaticPortMappingCollection *)0xdeadbeef;
    ULONGLONG start, took;
    IUPnPNAT *n;

    assert_int_equal(0, lab("router-stop"));
    start = now_ms();
    n = lab_nat();
    assert_hr(S_OK, IUPnPNAT_get_StaticPortMappingCollection(n, &c));
    took = now_ms() - start;
    assert_null(c);
    print_message("remembered gateway gone: %llu ms\n", took);
    assert_true(took <= COLD_BOUND_MS);
    IUPnPNAT_Release(n);
}

/* Whether the fake's log gets what within 2 s (it logs from its own threads). */
static BOOL fake_log_gets(const char *what)
{
    ULONGLONG until = now_ms() + 2000;

    while (!fake_log_has(what) && now_ms() < until)
        Sleep(50);
    return fake_log_has(what);
}

/* A second root device (a TV) answers first (at once; miniupnpd after about 50 ms): it is
 * described, refused, and hides nothing. */
static void a_device_that_is_no_gateway_answering_first_hides_nothing(void **state)
{
    IStaticPortMappingCollection *c = NULL;
    IUPnPNAT *n;

    assert_int_equal(0, lab("fake --ssdp tv"));
    lab_forget_gateway();
    n = lab_nat();
    assert_hr(S_OK, IUPnPNAT_get_StaticPortMappingCollection(n, &c));
    assert_non_null(c);
    lab_assert_status_has(n, ROUTER_LOCATION);
    assert_true(fake_log_gets("GET /tv.xml"));
    IStaticPortMappingCollection_Release(c);
    IUPnPNAT_Release(n);
}

static void malformed_answers_are_skipped(void **state)
{
    IStaticPortMappingCollection *c = NULL;
    IUPnPNAT *n;

    assert_int_equal(0, lab("fake --ssdp malformed"));
    lab_forget_gateway();
    n = lab_nat();
    assert_hr(S_OK, IUPnPNAT_get_StaticPortMappingCollection(n, &c));
    assert_non_null(c);
    lab_assert_status_has(n, ROUTER_LOCATION);
    assert_true(fake_log_has("SSDP 10.77.0.2"));
    assert_false(fake_log_has("GET /igd")); /* none of its answers was taken */
    IStaticPortMappingCollection_Release(c);
    IUPnPNAT_Release(n);
}

/* A device whose description is not XML at all: refused, the router found. */
static void a_description_that_is_not_xml_is_refused(void **state)
{
    IStaticPortMappingCollection *c = NULL;
    IUPnPNAT *n;

    assert_int_equal(0, lab("fake --ssdp bad-desc"));
    lab_forget_gateway();
    n = lab_nat();
    assert_hr(S_OK, IUPnPNAT_get_StaticPortMappingCollection(n, &c));
    assert_non_null(c);
    lab_assert_status_has(n, ROUTER_LOCATION);
    assert_true(fake_log_gets("GET /bad.xml"));
    IStaticPortMappingCollection_Release(c);
    IUPnPNAT_Release(n);
}

/* The router does not answer SSDP; another host answers with the router's own description URL.
 * Taking it would find a working gateway, but a LOCATION must be the device that answered. */
static void a_location_on_another_host_is_refused(void **state)
{
    IStaticPortMappingCollection *c = (IStaticPortMappingCollection *)0xdeadbeef;
    IUPnPNAT *n;

    assert_int_equal(0, lab("block ssdp"));
    assert_int_equal(0, lab("fake --ssdp elsewhere"));
    lab_forget_gateway();
    n = lab_nat();
    assert_hr(S_OK, IUPnPNAT_get_StaticPortMappingCollection(n, &c));
    assert_null(c);
    assert_true(fake_log_has("SSDP 10.77.0.2"));
    IUPnPNAT_Release(n);
}

/* A device whose description trickles in (a byte a second) holds up nobody: the router is found
 * as fast as without it. */
static void a_slow_device_holds_up_nobody(void **state)
{
    IStaticPortMappingCollection *c = NULL;
    ULONGLONG start, took;
    IUPnPNAT *n;

    assert_int_equal(0, lab("fake --ssdp slow-desc"));
    lab_forget_gateway();
    start = now_ms();
    n = lab_nat();
    assert_hr(S_OK, IUPnPNAT_get_StaticPortMappingCollection(n, &c));
    took = now_ms() - start;
    assert_non_null(c);
    print_message("found the router next to a slow device in %llu ms\n", took);
    assert_true(took < 1000);
    lab_assert_status_has(n, ROUTER_LOCATION);
    assert_true(fake_log_gets("GET /slow.xml"));
    IStaticPortMappingCollection_Release(c);
    IUPnPNAT_Release(n);
}

/* The fake gateway alone (the router stopped), behaving as told. */
static IUPnPNAT *fake_gateway(const char *soap)
{
    IUPnPNAT *n;

    assert_int_equal(0, lab("router-stop"));
    assert_int_equal(0, lab("fake --ssdp igd --soap %s", soap));
    lab_forget_gateway();
    n = lab_nat();
    lab_assert_status_has(n, FAKE_LOCATION);
    return n;
}

static IDynamicPortMappingCollection *dynamics(IUPnPNAT *n)
{
    IDynamicPortMappingCollection *d = NULL;

    assert_hr(S_OK, IUPnPNAT_get_DynamicPortMappingCollection(n, &d));
    assert_non_null(d);
    return d;
}

static HRESULT add_dynamic(IDynamicPortMappingCollection *d, LONG port, LONG lease, IDynamicPortMapping **out)
{
    BSTR host = SysAllocString(L""), p = SysAllocString(L"UDP"), client = SysAllocString(L"10.77.0.2");
    BSTR desc = SysAllocString(L"leased");
    HRESULT hr = IDynamicPortMappingCollection_Add(d, host, port, p, port, client, VARIANT_TRUE, desc, lease, out);

    SysFreeString(host);
    SysFreeString(p);
    SysFreeString(client);
    SysFreeString(desc);
    return hr;
}

/* Error 725: the gateway only takes permanent leases; the lease asked for falls back to 0. */
static void only_permanent_leases_fall_back_to_permanent(void **state)
{
    IUPnPNAT *n = fake_gateway("only-permanent");
    IDynamicPortMappingCollection *d = dynamics(n);
    IDynamicPortMapping *m = NULL;
    LONG lease = -1;

    assert_hr(S_OK, add_dynamic(d, 47000, 3600, &m));
    assert_hr(S_OK, IDynamicPortMapping_get_LeaseDuration(m, &lease));
    assert_int_equal(0, lease);
    assert_true(fake_log_has("SOAP AddPortMapping NewEnabled=1 NewExternalPort=47000 NewInternalClient=10.77.0.2 "
                             "NewInternalPort=47000 NewLeaseDuration=3600"));
    assert_true(fake_log_has("NewInternalPort=47000 NewLeaseDuration=0"));
    lease = -1;
    assert_hr(S_OK, IDynamicPortMapping_RenewLease(m, 600, &lease));
    assert_int_equal(0, lease);
    IDynamicPortMapping_Release(m);
    IDynamicPortMappingCollection_Release(d);
    IUPnPNAT_Release(n);
}

/* A gateway that refuses permanent leases: the longest it accepts is used. */
static void no_permanent_lease_takes_the_longest_finite(void **state)
{
    IUPnPNAT *n = fake_gateway("no-permanent");
    IStaticPortMappingCollection *c = NULL;

    assert_hr(S_OK, IUPnPNAT_get_StaticPortMappingCollection(n, &c));
    assert_hr(S_OK, add(c, 47001, L"TCP"));
    assert_true(fake_log_has("NewInternalPort=47001 NewLeaseDuration=0"));
    assert_true(fake_log_has("NewInternalPort=47001 NewLeaseDuration=604800"));
    IStaticPortMappingCollection_Release(c);
    IUPnPNAT_Release(n);
}

struct other_call
{
    HANDLE started;
    LONG done;
    HRESULT hr;
    ULONGLONG took;
};

/* While the main thread waits on a hung gateway, another apartment creates its own NAT object
 * and gets its collection: that needs no request, and must not wait for the stuck one. */
static DWORD WINAPI other_main(void *arg)
{
    struct other_call *o = arg;
    IStaticPortMappingCollection *c = NULL;
    IUPnPNAT *n = NULL;
    ULONGLONG start;

    CoInitializeEx(NULL, COINIT_APARTMENTTHREADED);
    WaitForSingleObject(o->started, INFINITE);
    Sleep(300); /* the main thread's call is stuck by now */
    start = now_ms();
    if (SUCCEEDED(o->hr = CoCreateInstance(&CLSID_UPnPNAT, NULL, CLSCTX_INPROC_SERVER, &IID_IUPnPNAT, (void **)&n)))
        o->hr = IUPnPNAT_get_StaticPortMappingCollection(n, &c);
    if (SUCCEEDED(o->hr) && !c)
        o->hr = E_FAIL;
    o->took = now_ms() - start;
    if (c)
        IStaticPortMappingCollection_Release(c);
    if (n)
        IUPnPNAT_Release(n);
    CoUninitialize();
    InterlockedExchange(&o->done, 1);
    return 0;
}

/* A gateway that accepts and never answers: the call gives up within its bound, and a call
 * made meanwhile from another apartment is not held up by it. */
static void a_hung_gateway_costs_a_bounded_wait_and_holds_up_nobody(void **state)
{
    IUPnPNAT *n = fake_gateway("hang");
    IStaticPortMappingCollection *c = NULL;
    struct other_call o = {CreateEventW(NULL, TRUE, FALSE, NULL), 0, E_FAIL, 0};
    HANDLE thread;
    ULONGLONG start, took;
    LONG done_while_stuck;

    assert_hr(S_OK, IUPnPNAT_get_StaticPortMappingCollection(n, &c));
    thread = CreateThread(NULL, 0, other_main, &o, 0, NULL);
    SetEvent(o.started);
    start = now_ms();
    assert_hr(E_TIMEOUT, add(c, 47002, L"TCP"));
    took = now_ms() - start;
    done_while_stuck = o.done;
    WaitForSingleObject(thread, 10000);
    CloseHandle(thread);
    print_message("hung gateway: Add gave up after %llu ms; meanwhile another apartment got its collection in "
                  "%llu ms\n", took, o.took);
    assert_true(took <= CALL_BOUND_MS);
    assert_true(done_while_stuck);
    assert_hr(S_OK, o.hr);
    assert_true(o.took < 1000);
    CloseHandle(o.started);
    IStaticPortMappingCollection_Release(c);
    IUPnPNAT_Release(n);
}

/* An answer without end, and one that is not XML: errors, within the bound. */
static void endless_and_garbage_answers_are_errors(void **state)
{
    const char *modes[] = {"huge", "garbage"};
    unsigned i;

    for (i = 0; i < 2; i++)
    {
        IUPnPNAT *n = fake_gateway(modes[i]);
        IStaticPortMappingCollection *c = NULL;
        ULONGLONG start;
        HRESULT hr;

        assert_hr(S_OK, IUPnPNAT_get_StaticPortMappingCollection(n, &c));
        start = now_ms();
        hr = add(c, 47003, L"TCP");
        print_message("%s answer: %#lx after %llu ms\n", modes[i], hr, now_ms() - start);
        assert_true(FAILED(hr));
        assert_true(now_ms() - start <= CALL_BOUND_MS);
        IStaticPortMappingCollection_Release(c);
        IUPnPNAT_Release(n);
        CoUninitialize();
        CoInitializeEx(NULL, COINIT_APARTMENTTHREADED);
        lab("fake-stop");
    }
}

/* Every packet to the gateway's SOAP port dropped (the connect never completes): bounded. */
static void dropped_packets_cost_a_bounded_wait(void **state)
{
    IStaticPortMappingCollection *c = NULL;
    IUPnPNAT *n = lab_nat();
    ULONGLONG start, took;

    assert_hr(S_OK, IUPnPNAT_get_StaticPortMappingCollection(n, &c));
    assert_non_null(c);
    assert_int_equal(0, lab("block soap"));
    start = now_ms();
    assert_hr(E_TIMEOUT, add(c, 47004, L"TCP"));
    took = now_ms() - start;
    print_message("dropped packets: Add gave up after %llu ms\n", took);
    assert_true(took <= CALL_BOUND_MS);
    assert_int_equal(0, lab("unblock"));
    assert_hr(S_OK, add(c, 47004, L"TCP"));
    assert_hr(S_OK, lab_remove_mapping(c, 47004, L"TCP"));
    IStaticPortMappingCollection_Release(c);
    IUPnPNAT_Release(n);
}

/* The router stopped: calls fail at once (connection refused), no hang. */
static void a_stopped_router_fails_fast(void **state)
{
    IStaticPortMappingCollection *c = NULL;
    IUPnPNAT *n = lab_nat();
    ULONGLONG start;

    assert_hr(S_OK, IUPnPNAT_get_StaticPortMappingCollection(n, &c));
    assert_non_null(c);
    assert_int_equal(0, lab("router-stop"));
    start = now_ms();
    assert_hr(E_UNREACHABLE, add(c, 47005, L"TCP"));
    assert_true(now_ms() - start < 1000);
    IStaticPortMappingCollection_Release(c);
    IUPnPNAT_Release(n);
}

/* A router that restarts keeps its mappings with its lease file and forgets them without; the
 * dynamic mappings this process owns are re-created within one renewal period. */
static void router_restarts_with_and_without_leases(void **state)
{
    IUPnPNAT *n = lab_nat();
    IStaticPortMappingCollection *c = NULL;
    IDynamicPortMappingCollection *d = dynamics(n);
    IDynamicPortMapping *m = NULL;
    ULONGLONG start;

    assert_hr(S_OK, IUPnPNAT_get_StaticPortMappingCollection(n, &c));
    assert_hr(S_OK, add(c, 47006, L"TCP"));
    assert_hr(S_OK, add_dynamic(d, 47007, 6, &m)); /* renewed every 3 s */
    assert_true(lab_has("TCP 47006->10.77.0.2:47006"));
    assert_true(lab_has("UDP 47007->10.77.0.2:47007"));

    assert_int_equal(0, lab("router-restart"));
    assert_true(lab_has("TCP 47006->10.77.0.2:47006"));

    assert_int_equal(0, lab("router-restart --forget"));
    assert_false(lab_has("TCP 47006->"));
    start = now_ms();
    while (!lab_has("UDP 47007->10.77.0.2:47007") && now_ms() - start < 8000)
        Sleep(250);
    print_message("the forgotten dynamic mapping was back after %llu ms\n", now_ms() - start);
    assert_true(now_ms() - start < 8000);

    /* Renewed while the process lives: past its 6 s lease, it is still there. */
    Sleep(7000);
    assert_true(lab_has("UDP 47007->10.77.0.2:47007"));
    {
        BSTR host = SysAllocString(L""), p = SysAllocString(L"UDP");

        assert_hr(S_OK, IDynamicPortMappingCollection_Remove(d, host, 47007, p));
        SysFreeString(host);
        SysFreeString(p);
    }
    assert_false(lab_has("UDP 47007->"));
    IDynamicPortMapping_Release(m);
    IDynamicPortMappingCollection_Release(d);
    IStaticPortMappingCollection_Release(c);
    IUPnPNAT_Release(n);
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(cold_without_gateway_then_found_later, setup, teardown),
        cmocka_unit_test_setup_teardown(a_remembered_gateway_is_used_at_once, setup, teardown),
        cmocka_unit_test_setup_teardown(a_remembered_gateway_that_is_gone_costs_no_more_than_cold, setup, teardown),
        cmocka_unit_test_setup_teardown(a_device_that_is_no_gateway_answering_first_hides_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(malformed_answers_are_skipped, setup, teardown),
        cmocka_unit_test_setup_teardown(a_description_that_is_not_xml_is_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(a_location_on_another_host_is_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(a_slow_device_holds_up_nobody, setup, teardown),
        cmocka_unit_test_setup_teardown(only_permanent_leases_fall_back_to_permanent, setup, teardown),
        cmocka_unit_test_setup_teardown(no_permanent_lease_takes_the_longest_finite, setup, teardown),
        cmocka_unit_test_setup_teardown(a_hung_gateway_costs_a_bounded_wait_and_holds_up_nobody, setup, teardown),
        cmocka_unit_test_setup_teardown(endless_and_garbage_answers_are_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(dropped_packets_cost_a_bounded_wait, setup, teardown),
        cmocka_unit_test_setup_teardown(a_stopped_router_fails_fast, setup, teardown),
        cmocka_unit_test_setup_teardown(router_restarts_with_and_without_leases, setup, teardown),
    };

    if (argc < 2)
    {
        fprintf(stderr, "usage: test_upnpfaults SCENARIO (one test's name: each needs a process of its own)\n");
        return 2;
    }
    cmocka_set_test_filter(argv[1]);
    return cmocka_run_group_tests_name(argv[1], tests, NULL, NULL);
}
