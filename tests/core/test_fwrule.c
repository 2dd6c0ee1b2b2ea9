/*
 * Native tests of the firewall rule core (src/core/fwrule.c) under ASan and UBSan: what the
 * puts accept and how they normalise, the MS-GPFAS encoding both ways, rules written by
 * others, and a mutation loop over the decoder.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "ohn_fw.h"

/* ASCII to UTF-16 units, in one of a few rotating buffers. */
static const ohn_char *u(const char *s)
{
    static ohn_char bufs[4][4096];
    static int next;
    ohn_char *b = bufs[next++ & 3];
    size_t i;

    for (i = 0; s[i]; i++)
        b[i] = (ohn_char)(unsigned char)s[i];
    b[i] = 0;
    return b;
}

static char *a(const ohn_char *s)
{
    static char bufs[4][8192];
    static int next;
    char *b = bufs[next++ & 3];
    size_t i;

    if (!s)
        return NULL;
    for (i = 0; s[i] && i < sizeof(bufs[0]) - 1; i++)
        b[i] = s[i] < 128 ? (char)s[i] : '?';
    b[i] = 0;
    return b;
}

static int set(struct ohn_fw_rule *r, enum ohn_fw_field f, const char *s)
{
    return ohn_fw_set(r, f, s ? u(s) : NULL, s ? strlen(s) : 0);
}

/* The getter's string as ASCII ("" for an empty plain string). */
static const char *get(const struct ohn_fw_rule *r, enum ohn_fw_field f)
{
    static char buf[8192];
    int oom;
    ohn_char *v = ohn_fw_get(r, f, &oom);

    assert_false(oom);
    snprintf(buf, sizeof(buf), "%s", v ? a(v) : "");
    free(v);
    return buf;
}

static const char *encode(const struct ohn_fw_rule *r)
{
    static char buf[8192];
    ohn_char *e = ohn_fw_encode(r);

    assert_non_null(e);
    snprintf(buf, sizeof(buf), "%s", a(e));
    free(e);
    return buf;
}

static void test_defaults(void **state)
{
    struct ohn_fw_rule r;

    ohn_fw_rule_init(&r);
    assert_int_equal(r.protocol, OHN_FW_PROTO_ANY);
    assert_int_equal(r.direction, OHN_FW_DIR_IN);
    assert_int_equal(r.action, OHN_FW_ACTION_ALLOW);
    assert_int_equal(r.profiles, OHN_FW_PROFILE_ALL);
    assert_int_equal(r.enabled, 0);
    assert_string_equal(get(&r, OHN_FW_LPORTS), "*");
    assert_string_equal(get(&r, OHN_FW_RADDRS), "*");
    assert_string_equal(get(&r, OHN_FW_ICMP), "*");
    assert_string_equal(get(&r, OHN_FW_IFTYPES), "All");
    assert_string_equal(get(&r, OHN_FW_NAME), "");
    assert_int_equal(ohn_fw_rule_valid(&r), OHN_OK);
    assert_string_equal(encode(&r), "v2.10|Action=Allow|Active=FALSE|Dir=In|");
    ohn_fw_rule_free(&r);
}

static void test_ports(void **state)
{
    struct ohn_fw_rule r;

    ohn_fw_rule_init(&r);
    /* Ports need TCP or UDP. */
    assert_int_equal(set(&r, OHN_FW_LPORTS, "80"), OHN_EINVAL);
    assert_int_equal(set(&r, OHN_FW_LPORTS, "*"), OHN_OK);
    assert_int_equal(ohn_fw_set_protocol(&r, 6), OHN_OK);
    assert_int_equal(set(&r, OHN_FW_LPORTS, " 80, 443 ,8000-8010,rpc,rpc-epmap"), OHN_OK);
    assert_string_equal(get(&r, OHN_FW_LPORTS), "80,443,8000-8010,RPC,RPC-EPMap");
    /* Bad input changes nothing. */
    assert_int_equal(set(&r, OHN_FW_LPORTS, "0"), OHN_EINVAL);
    assert_int_equal(set(&r, OHN_FW_LPORTS, "65536"), OHN_EINVAL);
    assert_int_equal(set(&r, OHN_FW_LPORTS, "8010-8000"), OHN_EINVAL);
    assert_int_equal(set(&r, OHN_FW_LPORTS, "80,,443"), OHN_EINVAL);
    assert_int_equal(set(&r, OHN_FW_LPORTS, "80,"), OHN_EINVAL);
    assert_int_equal(set(&r, OHN_FW_LPORTS, "-80"), OHN_EINVAL);
    assert_int_equal(set(&r, OHN_FW_LPORTS, "+80"), OHN_EINVAL);
    assert_int_equal(set(&r, OHN_FW_LPORTS, "80 443"), OHN_EINVAL);
    assert_int_equal(set(&r, OHN_FW_LPORTS, "*,80"), OHN_EINVAL);
    assert_string_equal(get(&r, OHN_FW_LPORTS), "80,443,8000-8010,RPC,RPC-EPMap");
    /* A remote port has no RPC keyword; IPHTTPS is on both sides. */
    assert_int_equal(set(&r, OHN_FW_RPORTS, "RPC"), OHN_EINVAL);
    assert_int_equal(set(&r, OHN_FW_RPORTS, "iphttps,1-65535"), OHN_OK);
    assert_string_equal(get(&r, OHN_FW_RPORTS), "IPHTTPS,1-65535");
    /* No protocol without ports while they are set. */
    assert_int_equal(ohn_fw_set_protocol(&r, 256), OHN_EINVAL);
    assert_int_equal(ohn_fw_set_protocol(&r, 1), OHN_EINVAL);
    assert_int_equal(ohn_fw_set_protocol(&r, 17), OHN_OK);
    assert_int_equal(ohn_fw_set_protocol(&r, 257), OHN_EINVAL);
    assert_int_equal(ohn_fw_set_protocol(&r, -1), OHN_EINVAL);
    assert_int_equal(r.protocol, 17);
    assert_true(ohn_fw_ports_contain(r.s[OHN_FW_LPORTS], 443));
    assert_true(ohn_fw_ports_contain(r.s[OHN_FW_LPORTS], 8005));
    assert_false(ohn_fw_ports_contain(r.s[OHN_FW_LPORTS], 8011));
    assert_false(ohn_fw_ports_contain(r.s[OHN_FW_LPORTS], 135));
    assert_true(ohn_fw_ports_contain(NULL, 1));
    assert_int_equal(set(&r, OHN_FW_LPORTS, ""), OHN_OK);
    assert_null(r.s[OHN_FW_LPORTS]);
    ohn_fw_rule_free(&r);
}

static void test_addresses(void **state)
{
    struct ohn_fw_rule r;

    ohn_fw_rule_init(&r);
    assert_int_equal(set(&r, OHN_FW_LADDRS, "10.0.0.1, 10.0.0.0/24,10.1.0.0/255.255.0.0,10.0.0.1-10.0.0.9"), OHN_OK);
    assert_string_equal(get(&r, OHN_FW_LADDRS),
                        "10.0.0.1/255.255.255.255,10.0.0.0/255.255.255.0,10.1.0.0/255.255.0.0,10.0.0.1-10.0.0.9");
    assert_int_equal(set(&r, OHN_FW_RADDRS, "localsubnet,FE80:0:0:0:0:0:0:1/64,::1,2001:db8::-2001:db8::ff,dns"), OHN_OK);
    /* IPv4 and keywords before IPv6, as the encoding gives them back. */
    assert_string_equal(get(&r, OHN_FW_RADDRS), "LocalSubnet,DNS,fe80::1/64,::1,2001:db8::-2001:db8::ff");
    /* Keywords are for remote addresses. */
    assert_int_equal(set(&r, OHN_FW_LADDRS, "LocalSubnet"), OHN_EINVAL);
    assert_int_equal(set(&r, OHN_FW_LADDRS, "10.0.0.9-10.0.0.1"), OHN_EINVAL);
    assert_int_equal(set(&r, OHN_FW_LADDRS, "1.2.3"), OHN_EINVAL);
    assert_int_equal(set(&r, OHN_FW_LADDRS, "1.2.3.256"), OHN_EINVAL);
    assert_int_equal(set(&r, OHN_FW_LADDRS, "10.0.0.0/33"), OHN_EINVAL);
    assert_int_equal(set(&r, OHN_FW_LADDRS, "10.0.0.0/255.0.255.0"), OHN_EINVAL);
    assert_int_equal(set(&r, OHN_FW_LADDRS, "fe80::1::2"), OHN_EINVAL);
    assert_int_equal(set(&r, OHN_FW_LADDRS, "fe80:::1"), OHN_EINVAL);
    assert_int_equal(set(&r, OHN_FW_LADDRS, "1:2:3:4:5:6:7:8:9"), OHN_EINVAL);
    assert_int_equal(set(&r, OHN_FW_LADDRS, "12345::1"), OHN_EINVAL);
    assert_int_equal(set(&r, OHN_FW_LADDRS, "fe80::1/129"), OHN_EINVAL);
    assert_int_equal(set(&r, OHN_FW_LADDRS, "10.0.0.1-fe80::1"), OHN_EINVAL);
    assert_int_equal(set(&r, OHN_FW_LADDRS, "::ffff:10.0.0.1,1:2:3:4:5:6:7:8"), OHN_OK);
    assert_string_equal(get(&r, OHN_FW_LADDRS), "::ffff:a00:1,1:2:3:4:5:6:7:8");
    assert_string_equal(encode(&r), "v2.10|Action=Allow|Active=FALSE|Dir=In|LA6=::ffff:a00:1|LA6=1:2:3:4:5:6:7:8|"
                                    "RA4=LocalSubnet|RA4=DNS|RA6=LocalSubnet|RA6=DNS|RA6=fe80::1/64|RA6=::1|"
                                    "RA6=2001:db8::-2001:db8::ff|");
    ohn_fw_rule_free(&r);
}

static void test_icmp_and_types(void **state)
{
    struct ohn_fw_rule r;

    ohn_fw_rule_init(&r);
    assert_int_equal(set(&r, OHN_FW_ICMP, "8:*"), OHN_EINVAL); /* protocol any */
    assert_int_equal(ohn_fw_set_protocol(&r, 1), OHN_OK);
    assert_int_equal(set(&r, OHN_FW_ICMP, "8:*, 0:0"), OHN_OK);
    assert_string_equal(get(&r, OHN_FW_ICMP), "8:*,0:0");
    assert_int_equal(set(&r, OHN_FW_ICMP, "256:0"), OHN_EINVAL);
    assert_int_equal(set(&r, OHN_FW_ICMP, "8"), OHN_EINVAL);
    assert_int_equal(set(&r, OHN_FW_ICMP, "8:"), OHN_EINVAL);
    assert_int_equal(set(&r, OHN_FW_ICMP, "*:0"), OHN_EINVAL);
    assert_true(ohn_fw_icmp_contains(r.s[OHN_FW_ICMP], 8, 3));
    assert_true(ohn_fw_icmp_contains(r.s[OHN_FW_ICMP], 0, 0));
    assert_false(ohn_fw_icmp_contains(r.s[OHN_FW_ICMP], 0, 1));
    assert_true(ohn_fw_icmp_contains(r.s[OHN_FW_ICMP], 0, 256)); /* some code of type 0 */
    assert_false(ohn_fw_icmp_contains(r.s[OHN_FW_ICMP], 3, 256));
    assert_int_equal(ohn_fw_set_protocol(&r, 6), OHN_EINVAL);
    assert_int_equal(ohn_fw_set_protocol(&r, 58), OHN_OK);
    assert_int_equal(set(&r, OHN_FW_IFTYPES, "lan, WIRELESS"), OHN_OK);
    assert_string_equal(get(&r, OHN_FW_IFTYPES), "Lan,Wireless");
    assert_int_equal(set(&r, OHN_FW_IFTYPES, "Ethernet"), OHN_EINVAL);
    assert_int_equal(set(&r, OHN_FW_IFS, "{01234567-89ab-cdef-0123-456789abcdef}"), OHN_OK);
    assert_string_equal(get(&r, OHN_FW_IFS), "{01234567-89AB-CDEF-0123-456789ABCDEF}");
    assert_int_equal(set(&r, OHN_FW_IFS, "{01234567-89ab-cdef-0123-456789abcdeg}"), OHN_EINVAL);
    assert_string_equal(encode(&r), "v2.10|Action=Allow|Active=FALSE|Dir=In|Protocol=58|ICMP6=8:*|ICMP6=0:0|"
                                    "IF={01234567-89AB-CDEF-0123-456789ABCDEF}|IFType=Lan|IFType=Wireless|");
    assert_int_equal(set(&r, OHN_FW_IFTYPES, "all"), OHN_OK);
    assert_string_equal(get(&r, OHN_FW_IFTYPES), "All");
    ohn_fw_rule_free(&r);
}

static void test_strings_and_scalars(void **state)
{
    struct ohn_fw_rule r;
    ohn_char *big;
    size_t i;

    ohn_fw_rule_init(&r);
    assert_int_equal(set(&r, OHN_FW_NAME, "Game server"), OHN_OK);
    assert_int_equal(set(&r, OHN_FW_NAME, "a|b"), OHN_EINVAL);
    assert_string_equal(get(&r, OHN_FW_NAME), "Game server");
    big = malloc((OHN_FW_STR_MAX + 1) * sizeof(ohn_char));
    assert_non_null(big);
    for (i = 0; i <= OHN_FW_STR_MAX; i++)
        big[i] = 'x';
    assert_int_equal(ohn_fw_set(&r, OHN_FW_DESC, big, OHN_FW_STR_MAX + 1), OHN_EINVAL);
    assert_int_equal(ohn_fw_set(&r, OHN_FW_DESC, big, OHN_FW_STR_MAX), OHN_OK);
    assert_int_equal(ohn_fw_strlen(r.s[OHN_FW_DESC]), OHN_FW_STR_MAX);
    free(big);
    assert_int_equal(ohn_fw_set(&r, OHN_FW_EXTRA, u("x"), 1), OHN_EINVAL);
    assert_int_equal(ohn_fw_set_profiles(&r, 0x7fffffff), OHN_OK);
    assert_int_equal(r.profiles, 7);
    assert_int_equal(ohn_fw_set_profiles(&r, 6), OHN_OK);
    assert_int_equal(ohn_fw_set_profiles(&r, 0), OHN_EINVAL);
    assert_int_equal(ohn_fw_set_profiles(&r, 8), OHN_EINVAL);
    assert_int_equal(ohn_fw_set_profiles(&r, -1), OHN_EINVAL);
    assert_int_equal(r.profiles, 6);
    r.edge = OHN_FW_EDGE_ALLOW;
    assert_int_equal(ohn_fw_rule_valid(&r), OHN_OK);
    r.direction = OHN_FW_DIR_OUT;
    assert_int_equal(ohn_fw_rule_valid(&r), OHN_EINVAL); /* edge traversal is inbound only */
    r.edge = OHN_FW_EDGE_DENY;
    assert_int_equal(ohn_fw_rule_valid(&r), OHN_OK);
    r.secure = 5;
    assert_int_equal(ohn_fw_rule_valid(&r), OHN_EINVAL);
    ohn_fw_rule_free(&r);
}

static void assert_rules_equal(const struct ohn_fw_rule *x, const struct ohn_fw_rule *y)
{
    int i;

    assert_int_equal(x->protocol, y->protocol);
    assert_int_equal(x->direction, y->direction);
    assert_int_equal(x->action, y->action);
    assert_int_equal(x->profiles, y->profiles);
    assert_int_equal(x->edge, y->edge);
    assert_int_equal(x->secure, y->secure);
    assert_int_equal(x->enabled, y->enabled);
    for (i = 0; i < OHN_FW_FIELD_COUNT; i++)
    {
        if (!x->s[i] || !y->s[i])
            assert_true(!x->s[i] && !y->s[i]);
        else
            assert_string_equal(a(x->s[i]), a(y->s[i]));
    }
}

static void roundtrip(const struct ohn_fw_rule *r)
{
    struct ohn_fw_rule back;
    ohn_char *e = ohn_fw_encode(r);

    assert_non_null(e);
    assert_int_equal(ohn_fw_decode(e, ohn_fw_strlen(e), &back), OHN_OK);
    assert_rules_equal(r, &back);
    ohn_fw_rule_free(&back);
    free(e);
}

static void test_roundtrip(void **state)
{
    struct ohn_fw_rule r;
    unsigned secure, edge;

    ohn_fw_rule_init(&r);
    assert_int_equal(set(&r, OHN_FW_NAME, "Steam"), OHN_OK);
    assert_int_equal(set(&r, OHN_FW_DESC, "Allows Steam: downloads, chat"), OHN_OK);
    assert_int_equal(set(&r, OHN_FW_APP, "C:\\Program Files (x86)\\Steam\\steam.exe"), OHN_OK);
    assert_int_equal(set(&r, OHN_FW_SVC, "*"), OHN_OK);
    assert_int_equal(set(&r, OHN_FW_GROUP, "@steam.dll,-100"), OHN_OK);
    assert_int_equal(ohn_fw_set_protocol(&r, 17), OHN_OK);
    assert_int_equal(set(&r, OHN_FW_LPORTS, "27015-27030,4380,Teredo,IPHTTPS,Ply2Disc,mDNS"), OHN_OK);
    assert_int_equal(set(&r, OHN_FW_RPORTS, "IPHTTPS,53"), OHN_OK);
    assert_int_equal(set(&r, OHN_FW_LADDRS, "fe80::/64,192.168.1.0/24,::1,10.0.0.1"), OHN_OK);
    assert_string_equal(get(&r, OHN_FW_LADDRS), "192.168.1.0/255.255.255.0,10.0.0.1/255.255.255.255,fe80::/64,::1");
    assert_int_equal(set(&r, OHN_FW_RADDRS, "LocalSubnet,DefaultGateway,WINS,DHCP,10.0.0.1"), OHN_OK);
    assert_int_equal(set(&r, OHN_FW_IFTYPES, "RemoteAccess"), OHN_OK);
    assert_int_equal(set(&r, OHN_FW_APPPKG, "S-1-15-2-1"), OHN_OK);
    assert_int_equal(set(&r, OHN_FW_LUOWN, "S-1-5-21-1"), OHN_OK);
    assert_int_equal(set(&r, OHN_FW_LUAUTH, "O:LSD:(A;;CC;;;S-1-5-21-2)"), OHN_OK);
    assert_int_equal(set(&r, OHN_FW_RUAUTH, "O:LSD:(A;;CC;;;S-1-5-21-3)"), OHN_OK);
    assert_int_equal(set(&r, OHN_FW_RMAUTH, "O:LSD:(A;;CC;;;S-1-5-21-4)"), OHN_OK);
    assert_int_equal(ohn_fw_set_profiles(&r, OHN_FW_PROFILE_PRIVATE | OHN_FW_PROFILE_PUBLIC), OHN_OK);
    r.enabled = 1;
    for (secure = 0; secure <= OHN_FW_SECURE_MAX; secure++)
        for (edge = 0; edge <= OHN_FW_EDGE_DEFER_USER; edge++)
        {
            r.secure = secure;
            r.edge = edge;
            roundtrip(&r);
        }
    r.action = OHN_FW_ACTION_BLOCK;
    r.direction = OHN_FW_DIR_OUT;
    r.edge = 0;
    roundtrip(&r);
    ohn_fw_rule_free(&r);
}

/* As Windows writes them (shapes from the documentation's grammar), with fields this version
 * does not know: they are kept and written back. */
static void test_decode_foreign(void **state)
{
    static const char win[] = "v2.30|Action=Allow|Active=TRUE|Dir=In|Protocol=6|Profile=Private|Profile=Public|"
                              "LPort=3389|LPort2_10=5000-5010|RA4=LocalSubnet|RA6=LocalSubnet|"
                              "App=%SystemRoot%\\system32\\svchost.exe|Svc=termservice|Name=@FirewallAPI.dll,-28775|"
                              "Desc=@FirewallAPI.dll,-28756|EmbedCtxt=@FirewallAPI.dll,-28752|Edge=FALSE|"
                              "Platform=2:6:2|Platform2=GTEQ|";
    struct ohn_fw_rule r;

    assert_int_equal(ohn_fw_decode(u(win), strlen(win), &r), OHN_OK);
    assert_int_equal(r.enabled, 1);
    assert_int_equal(r.protocol, 6);
    assert_int_equal(r.profiles, OHN_FW_PROFILE_PRIVATE | OHN_FW_PROFILE_PUBLIC);
    assert_string_equal(get(&r, OHN_FW_LPORTS), "3389,5000-5010");
    assert_string_equal(get(&r, OHN_FW_RADDRS), "LocalSubnet");
    assert_string_equal(get(&r, OHN_FW_SVC), "termservice");
    assert_string_equal(get(&r, OHN_FW_GROUP), "@FirewallAPI.dll,-28752");
    assert_string_equal(a(r.s[OHN_FW_EXTRA]), "Platform=2:6:2|Platform2=GTEQ|");
    r.enabled = 0;
    assert_string_equal(encode(&r), "v2.10|Action=Allow|Active=FALSE|Dir=In|Protocol=6|Profile=Private|"
                                    "Profile=Public|LPort=3389|LPort2_10=5000-5010|RA4=LocalSubnet|RA6=LocalSubnet|"
                                    "App=%SystemRoot%\\system32\\svchost.exe|Svc=termservice|"
                                    "Name=@FirewallAPI.dll,-28775|Desc=@FirewallAPI.dll,-28756|"
                                    "EmbedCtxt=@FirewallAPI.dll,-28752|Platform=2:6:2|Platform2=GTEQ|");
    ohn_fw_rule_free(&r);

    /* A final field without its '|' is read; an empty name is no name. */
    assert_int_equal(ohn_fw_decode(u("v2.10|Action=Block|Dir=Out|Name="), 32, &r), OHN_OK);
    assert_int_equal(r.action, OHN_FW_ACTION_BLOCK);
    assert_int_equal(r.direction, OHN_FW_DIR_OUT);
    assert_null(r.s[OHN_FW_NAME]);
    ohn_fw_rule_free(&r);
}

static void test_decode_refuses(void **state)
{
    static const char *const bad[] = {
        "",
        "v",
        "v2.10",
        "2.10|Action=Allow|",
        "v1.0|Action=Allow|",
        "v3.0|Action=Allow|",
        "vx.10|Action=Allow|",
        "v2.10||",
        "v2.10|Action|",
        "v2.10|=Allow|",
        "v2.10|Action=ByPass|",
        "v2.10|Action=allow|",
        "v2.10|Active=YES|",
        "v2.10|Dir=Both|",
        "v2.10|Protocol=256|",
        "v2.10|Protocol=0006|",
        "v2.10|Profile=Home|",
        "v2.10|LPort=80|",            /* ports without TCP/UDP */
        "v2.10|Protocol=6|LPort=0|",
        "v2.10|Protocol=6|LPort=rpc|",
        "v2.10|Protocol=6|RPort2_10=IPHTTPSIn|",
        "v2.10|LA4=LocalSubnet|",
        "v2.10|LA4=fe80::1|",
        "v2.10|RA6=10.0.0.1|",
        "v2.10|ICMP4=8:*|",           /* ICMP without ICMP */
        "v2.10|IF=eth0|",
        "v2.10|IFType=Ethernet|",
        "v2.10|Dir=Out|Edge=TRUE|",
        "v2.10|Defer=Nobody|",
        "v2.10|Security=Maybe|",
    };
    struct ohn_fw_rule r;
    size_t i;

    for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
    {
        memset(&r, 0x5a, sizeof(r));
        if (ohn_fw_decode(u(bad[i]), strlen(bad[i]), &r) != OHN_ECORRUPT)
            fail_msg("decoded: %s", bad[i]);
    }
    assert_int_equal(ohn_fw_decode(NULL, 0, &r), OHN_ECORRUPT);
    {
        /* A NUL inside the value (a REG_SZ ends there) and in a put. */
        ohn_char nul[] = {'v', '2', '.', '1', '0', '|', 'N', 'a', 'm', 'e', '=', 'a', 0, 'b', '|'};
        struct ohn_fw_rule ok;

        assert_int_equal(ohn_fw_decode(nul, sizeof(nul) / sizeof(nul[0]), &r), OHN_ECORRUPT);
        ohn_fw_rule_init(&ok);
        assert_int_equal(ohn_fw_set(&ok, OHN_FW_NAME, nul + 11, 3), OHN_EINVAL);
        assert_null(ok.s[OHN_FW_NAME]);
        ohn_fw_rule_free(&ok);
    }
}

/* Mutations of valid rules: the decoder never reads out of bounds, and whatever it accepts
 * encodes to a string that decodes to the same rule. */
static void test_decode_mutations(void **state)
{
    static const char *const seeds[] = {
        "v2.10|Action=Allow|Active=TRUE|Dir=In|Protocol=6|Profile=Private|LPort=80|LPort2_10=8000-8010|"
        "RA4=10.0.0.0/8|RA6=fe80::/10|App=C:\\x.exe|Name=X|Desc=Y|EmbedCtxt=G|Edge=TRUE|Foo=bar|",
        "v2.24|Action=Block|Active=FALSE|Dir=Out|Protocol=1|ICMP4=8:*|ICMP4=0:0|IF={01234567-89AB-CDEF-0123-456789ABCDEF}|"
        "IFType=Lan|Security2=AuthDynEnc|AppPkgId=S-1-15|LUOwn=S-1-5|",
    };
    uint32_t seed = 12345;
    ohn_char buf[512];
    int round, accepted = 0;

    for (round = 0; round < 200000; round++)
    {
        const char *s = seeds[round & 1];
        size_t len = strlen(s), i, n;
        struct ohn_fw_rule r;

        for (i = 0; i < len; i++)
            buf[i] = (ohn_char)(unsigned char)s[i];
        n = 1 + round % 4;
        while (n-- && len)
        {
            seed = seed * 1103515245u + 12345u;
            i = (seed >> 8) % len;
            switch ((seed >> 4) & 3)
            {
            case 0: buf[i] = (ohn_char)((seed >> 16) & 0x7f); break;
            case 1: buf[i] = '|'; break;
            case 2: buf[i] = (ohn_char)(seed >> 16); break;
            case 3: len = i; break; /* truncate */
            }
        }
        if (ohn_fw_decode(buf, len, &r) == OHN_OK)
        {
            accepted++;
            roundtrip(&r);
            ohn_fw_rule_free(&r);
        }
    }
    /* The loop reached the accepting paths too. */
    assert_true(accepted > 1000);
}

static void test_legacy_views(void **state)
{
    struct ohn_fw_rule r;
    unsigned proto = 0, port = 0;
    int restricted;

    ohn_fw_rule_init(&r);
    assert_int_equal(set(&r, OHN_FW_APP, "C:\\game.exe"), OHN_OK);
    assert_int_equal(ohn_fw_set_profiles(&r, OHN_FW_PROFILE_PRIVATE), OHN_OK);
    assert_true(ohn_fw_is_app_rule(&r, OHN_FW_PROFILE_PRIVATE));
    assert_false(ohn_fw_is_app_rule(&r, OHN_FW_PROFILE_DOMAIN));
    assert_false(ohn_fw_is_port_rule(&r, OHN_FW_PROFILE_PRIVATE, &proto, &port));
    assert_int_equal(set(&r, OHN_FW_RADDRS, "LocalSubnet"), OHN_OK);
    assert_true(ohn_fw_is_app_rule(&r, OHN_FW_PROFILE_PRIVATE)); /* its scope */
    /* Disabled: listed, but lets nothing in. */
    assert_int_equal(ohn_fw_rule_verdict(&r, OHN_FW_PROFILE_PRIVATE, 6, 80, u("c:\\GAME.exe"), &restricted), 0);
    r.enabled = 1;
    assert_int_equal(ohn_fw_rule_verdict(&r, OHN_FW_PROFILE_PRIVATE, 6, 80, u("c:\\GAME.exe"), &restricted), 1);
    assert_true(restricted);
    assert_int_equal(ohn_fw_rule_verdict(&r, OHN_FW_PROFILE_PRIVATE, 6, 80, NULL, &restricted), 0);
    assert_int_equal(ohn_fw_rule_verdict(&r, OHN_FW_PROFILE_PUBLIC, 6, 80, u("C:\\game.exe"), &restricted), 0);
    r.direction = OHN_FW_DIR_OUT;
    assert_false(ohn_fw_is_app_rule(&r, OHN_FW_PROFILE_PRIVATE));
    ohn_fw_rule_free(&r);

    ohn_fw_rule_init(&r);
    assert_int_equal(ohn_fw_set_protocol(&r, 17), OHN_OK);
    assert_int_equal(set(&r, OHN_FW_LPORTS, "3478"), OHN_OK);
    assert_true(ohn_fw_is_port_rule(&r, OHN_FW_PROFILE_PUBLIC, &proto, &port));
    assert_int_equal(proto, 17);
    assert_int_equal(port, 3478);
    assert_false(ohn_fw_is_app_rule(&r, OHN_FW_PROFILE_PUBLIC));
    r.enabled = 1;
    r.action = OHN_FW_ACTION_BLOCK;
    assert_int_equal(ohn_fw_rule_verdict(&r, OHN_FW_PROFILE_PUBLIC, 17, 3478, NULL, &restricted), -1);
    assert_false(restricted);
    assert_int_equal(ohn_fw_rule_verdict(&r, OHN_FW_PROFILE_PUBLIC, 6, 3478, NULL, &restricted), 0);
    assert_int_equal(ohn_fw_rule_verdict(&r, OHN_FW_PROFILE_PUBLIC, 17, 3479, NULL, &restricted), 0);
    assert_false(ohn_fw_is_port_rule(&r, OHN_FW_PROFILE_PUBLIC, &proto, &port)); /* a block rule */
    r.action = OHN_FW_ACTION_ALLOW;
    assert_int_equal(set(&r, OHN_FW_LPORTS, "3478,3479"), OHN_OK);
    assert_false(ohn_fw_is_port_rule(&r, OHN_FW_PROFILE_PUBLIC, &proto, &port));
    ohn_fw_rule_free(&r);
}

static void test_copy(void **state)
{
    struct ohn_fw_rule r, c;

    ohn_fw_rule_init(&r);
    assert_int_equal(set(&r, OHN_FW_NAME, "x"), OHN_OK);
    assert_int_equal(ohn_fw_rule_copy(&c, &r), OHN_OK);
    assert_ptr_not_equal(c.s[OHN_FW_NAME], r.s[OHN_FW_NAME]);
    assert_rules_equal(&r, &c);
    ohn_fw_rule_free(&r);
    ohn_fw_rule_free(&c);
    assert_true(ohn_fw_streq_nocase(u("Steam"), u("sTEAM")));
    assert_false(ohn_fw_streq_nocase(u("Steam"), u("Steam2")));
    assert_true(ohn_fw_streq_nocase(NULL, u("")));
}

/* Found by tests/fuzz (fuzz_fwrule): a rule string whose RA6 field comes before its RA4 one
 * (Windows writes IPv4 first, another tool need not) gave the addresses in the string's order,
 * which a put of that same value reordered: the getter must give what a put keeps. */
static void test_decode_addresses_in_put_order(void **state)
{
    static const char rule[] = "v2.10|Action=Allow|Active=TRUE|Dir=In|RA6=fe80::/10|RA4=10.0.0.0/8|"
                               "LA6=::1|LA4=192.168.1.1|RA4=LocalSubnet|Name=X|";
    struct ohn_fw_rule r, c;
    char remote[256], local[256];

    assert_int_equal(ohn_fw_decode(u(rule), strlen(rule), &r), OHN_OK);
    snprintf(remote, sizeof(remote), "%s", get(&r, OHN_FW_RADDRS));
    snprintf(local, sizeof(local), "%s", get(&r, OHN_FW_LADDRS));
    assert_string_equal(remote, "10.0.0.0/255.0.0.0,LocalSubnet,fe80::/10");
    assert_string_equal(local, "192.168.1.1/255.255.255.255,::1");
    ohn_fw_rule_init(&c);
    assert_int_equal(set(&c, OHN_FW_RADDRS, remote), OHN_OK);
    assert_int_equal(set(&c, OHN_FW_LADDRS, local), OHN_OK);
    assert_string_equal(get(&c, OHN_FW_RADDRS), remote);
    assert_string_equal(get(&c, OHN_FW_LADDRS), local);
    ohn_fw_rule_free(&r);
    ohn_fw_rule_free(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults),
        cmocka_unit_test(test_ports),
        cmocka_unit_test(test_addresses),
        cmocka_unit_test(test_icmp_and_types),
        cmocka_unit_test(test_strings_and_scalars),
        cmocka_unit_test(test_roundtrip),
        cmocka_unit_test(test_decode_foreign),
        cmocka_unit_test(test_decode_refuses),
        cmocka_unit_test(test_decode_addresses_in_put_order),
        cmocka_unit_test(test_decode_mutations),
        cmocka_unit_test(test_legacy_views),
        cmocka_unit_test(test_copy),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
