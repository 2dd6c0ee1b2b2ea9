/*
 * Whose UPnPNAT the registry gives, and that it works against the lab's router (run by
 * scripts.sh around `regsvr32 /u` and `regsvr32`; Wine 8's builtin cannot be scripted, its
 * IDispatch fails, so this is C):
 *   test_registration.exe ours      open-hnetcfg's: it has IOpenHNetGateway
 *   test_registration.exe builtin   Wine's builtin again: no IOpenHNetGateway, no dynamic
 *                                   collection (E_NOTIMPL), but it finds the router and adds and
 *                                   removes a static mapping, as before we took over
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "lab_client.h"

#define COBJMACROS
#include "natupnplib.h"
#include "openhnetcfg.h"

static BOOL builtin;

static void the_registered_upnpnat_works_against_the_router(void **state)
{
    IStaticPortMappingCollection *c = NULL;
    IDynamicPortMappingCollection *d = (IDynamicPortMappingCollection *)0xdeadbeef;
    IStaticPortMapping *m = NULL;
    IOpenHNetGateway *own = NULL;
    IUPnPNAT *nat = NULL;
    BSTR tcp = SysAllocString(L"TCP"), client = SysAllocString(L"10.77.0.2"), desc = SysAllocString(L"registration");
    LONG before = -1, after = -1;

    assert_hr(S_OK, CoInitializeEx(NULL, COINIT_APARTMENTTHREADED));
    assert_hr(S_OK, CoCreateInstance(&CLSID_UPnPNAT, NULL, CLSCTX_INPROC_SERVER, &IID_IUPnPNAT, (void **)&nat));
    assert_hr(builtin ? E_NOINTERFACE : S_OK, IUPnPNAT_QueryInterface(nat, &IID_IOpenHNetGateway, (void **)&own));
    if (own)
        IOpenHNetGateway_Release(own);
    assert_hr(builtin ? E_NOTIMPL : S_OK, IUPnPNAT_get_DynamicPortMappingCollection(nat, &d));
    if (d && !builtin)
        IDynamicPortMappingCollection_Release(d);
    assert_hr(S_OK, IUPnPNAT_get_StaticPortMappingCollection(nat, &c));
    assert_non_null(c);
    assert_hr(S_OK, IStaticPortMappingCollection_get_Count(c, &before));
    assert_hr(S_OK, IStaticPortMappingCollection_Add(c, 45730, tcp, 45730, client, VARIANT_TRUE, desc, &m));
    assert_non_null(m);
    IStaticPortMapping_Release(m);
    assert_true(lab_has("TCP 45730->10.77.0.2:45730"));
    assert_hr(S_OK, IStaticPortMappingCollection_get_Count(c, &after));
    assert_int_equal(before + 1, after);
    assert_hr(S_OK, IStaticPortMappingCollection_Remove(c, 45730, tcp));
    assert_false(lab_has("TCP 45730->"));
    IStaticPortMappingCollection_Release(c);
    IUPnPNAT_Release(nat);
    SysFreeString(tcp);
    SysFreeString(client);
    SysFreeString(desc);
    CoUninitialize();
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_registered_upnpnat_works_against_the_router),
    };

    if (argc != 2 || (strcmp(argv[1], "ours") && strcmp(argv[1], "builtin")))
    {
        fprintf(stderr, "usage: test_registration ours|builtin\n");
        return 2;
    }
    builtin = !strcmp(argv[1], "builtin");
    return cmocka_run_group_tests_name(argv[1], tests, NULL, NULL);
}
