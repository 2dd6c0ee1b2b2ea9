/*
 * A seeded random walk through NetSharingManager, checked against a model of what Windows'
 * semantics say the state must be (README "Behaviour"): port mappings added (valid and
 * invalid), enabled, disabled, deleted and removed through objects that may be stale, their
 * properties read, the connections' sharing roles and firewall flags moved, and the
 * enumerations compared with the model's whole table.
 *
 * After every step, the step's HRESULT must be the model's and what it touched must read as the
 * model says; at random points (and at the end) both connections' enumerations, all mappings
 * and enabled ones, must hold exactly the model's mappings with every property; a process of
 * the other architecture reads the whole store, and processes killed in an operation must
 * leave it as the model before or after that operation.
 *
 * A second walk does the same for the firewall: rules added, every property put (valid and
 * invalid values) through new, stored and stale rule objects, removed and found by names,
 * the Windows XP lists (AuthorizedApplications, GloballyOpenPorts) used and compared.
 *
 * The run prints its seeds; OHN_WALK_SEED=N replays one exactly, OHN_WALK_STEPS=N sets its
 * length (default 20000; the firewall walk a twentieth, or OHN_WALK_FIREWALL_STEPS=N).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "test_common.h"

#include <initguid.h>
#include <netfw.h>

#include <stdlib.h>

#define E_GONE HRESULT_FROM_WIN32(ERROR_NOT_FOUND)
#define E_EXISTS HRESULT_FROM_WIN32(ERROR_OBJECT_ALREADY_EXISTS)

#define CONNS 2
#define PORTS 24 /* external ports BASE_PORT.. : few, so that identities collide often */
#define BASE_PORT 41000
#define HANDLES 24
#define TEXT_MAX 48
#define PROTO_TCP 6
#define PROTO_UDP 17

struct record
{
    int present;
    unsigned generation; /* which creation of this identity; a stale object has an older one */
    WCHAR name[TEXT_MAX];
    LONG internal_port;
    LONG options;
    WCHAR target[TEXT_MAX];
    ICS_TARGETTYPE type;
    int enabled;
};

struct model
{
    struct record map[CONNS][2][PORTS]; /* [connection][0 TCP, 1 UDP][port] */
    int public_conn, private_conn;       /* -1: none */
    int firewalled[CONNS];
};

struct handle
{
    INetSharingPortMapping *m;
    int conn, proto, port;
    unsigned generation;
};

struct walk
{
    INetSharingManager *mgr;
    INetConnection *conn[CONNS];
    INetSharingConfiguration *cfg[CONNS];
    struct model model;
    struct handle handles[HANDLES];
    unsigned long long seed, rng;
    unsigned long step;
    unsigned long peer_reads, kills_before, kills_after, kills_noop;
    const char *op;
};

static unsigned rnd(struct walk *w, unsigned n)
{
    /* xorshift64*: the same sequence for the same seed on both architectures. */
    w->rng ^= w->rng >> 12;
    w->rng ^= w->rng << 25;
    w->rng ^= w->rng >> 27;
    return (unsigned)((w->rng * 2685821657736338717ull) >> 33) % n;
}

static void check_hr(struct walk *w, HRESULT expected, HRESULT actual, const char *call, int line)
{
    if (expected == actual)
        return;
    print_error("walk: seed %llu, step %lu (%s): %s returned 0x%08lx, the model says 0x%08lx (line %d)\n", w->seed,
                w->step, w->op, call, (unsigned long)actual, (unsigned long)expected, line);
    fail();
}
#define CHECK_HR(w, expected, call) check_hr((w), (expected), (call), #call, __LINE__)

static UCHAR proto_of(int p)
{
    return p ? PROTO_UDP : PROTO_TCP;
}

/* A name: 1..20 units, now and then beyond ASCII. */
static void random_name(struct walk *w, WCHAR *out)
{
    unsigned n = 1 + rnd(w, 20), i;

    for (i = 0; i < n; i++)
        out[i] = rnd(w, 8) ? (WCHAR)('a' + rnd(w, 26)) : (WCHAR)(0xe0 + rnd(w, 0x100));
    out[n] = 0;
}

static void random_target(struct walk *w, WCHAR *out, ICS_TARGETTYPE *type)
{
    if (rnd(w, 2))
    {
        /* One draw per statement: the order of a call's arguments is the compiler's. */
        unsigned b = rnd(w, 256), c = rnd(w, 256), d = 1 + rnd(w, 254);

        *type = ICSTT_IPADDRESS;
        swprintf(out, TEXT_MAX, L"10.%u.%u.%u", b, c, d);
    }
    else
    {
        *type = ICSTT_NAME;
        swprintf(out, TEXT_MAX, L"host-%u", rnd(w, 1000));
    }
}

static void expected_fields(const struct record *r, int proto, int port, struct test_mapping_fields *f)
{
    f->name = r->name;
    f->protocol = proto_of(proto);
    f->external_port = BASE_PORT + port;
    f->internal_port = r->internal_port;
    f->options = r->options;
    f->target_name = r->type == ICSTT_NAME ? r->target : L"";
    f->target_address = r->type == ICSTT_IPADDRESS ? r->target : L"";
    f->enabled = r->enabled ? VARIANT_TRUE : VARIANT_FALSE;
}

static int handle_live(struct walk *w, const struct handle *h)
{
    const struct record *r = &w->model.map[h->conn][h->proto][h->port];

    return r->present && r->generation == h->generation;
}

/* The object h reads as its record, or answers E_GONE when the record is gone. */
static void check_handle(struct walk *w, const struct handle *h)
{
    INetSharingPortMappingProps *p = NULL;
    struct test_mapping_fields f;

    if (!handle_live(w, h))
    {
        CHECK_HR(w, E_GONE, INetSharingPortMapping_get_Properties(h->m, &p));
        return;
    }
    CHECK_HR(w, S_OK, INetSharingPortMapping_get_Properties(h->m, &p));
    assert_non_null(p);
    expected_fields(&w->model.map[h->conn][h->proto][h->port], h->proto, h->port, &f);
    test_check_props(p, &f);
    INetSharingPortMappingProps_Release(p);
}

static struct handle *pick_handle(struct walk *w)
{
    unsigned i, start = rnd(w, HANDLES);

    for (i = 0; i < HANDLES; i++)
        if (w->handles[(start + i) % HANDLES].m)
            return &w->handles[(start + i) % HANDLES];
    return NULL;
}

static struct handle *keep_handle(struct walk *w, INetSharingPortMapping *m, int conn, int proto, int port)
{
    struct handle *h = &w->handles[rnd(w, HANDLES)];

    if (h->m)
        INetSharingPortMapping_Release(h->m);
    h->m = m;
    h->conn = conn;
    h->proto = proto;
    h->port = port;
    h->generation = w->model.map[conn][proto][port].generation;
    return h;
}

static void op_add(struct walk *w)
{
    int conn = rnd(w, CONNS), proto = rnd(w, 2), port = rnd(w, PORTS), bad = rnd(w, 6) == 0;
    struct record *r = &w->model.map[conn][proto][port];
    struct record next = {0};
    INetSharingPortMapping *m = (void *)0xdeadbeef;
    UCHAR ip_proto = proto_of(proto);
    LONG ext = BASE_PORT + port;
    HRESULT expected;

    random_name(w, next.name);
    random_target(w, next.target, &next.type);
    next.internal_port = 1 + rnd(w, 65535);
    next.options = (LONG)rnd(w, 4);
    if (bad)
    {
        /* One field out of its range: E_INVALIDARG, nothing stored, whatever the table holds. */
        switch (rnd(w, 5))
        {
        case 0: ip_proto = 5; break;
        case 1: next.internal_port = rnd(w, 2) ? 0 : 65536; break;
        case 2: next.name[0] = 0; break;
        case 3: next.type = ICSTT_IPADDRESS; wcscpy(next.target, L"10.0.0.01"); break;
        case 4: next.type = 2; break;
        }
        expected = E_INVALIDARG;
    }
    else
        expected = r->present ? E_EXISTS : S_OK;
    w->op = bad ? "add (invalid)" : "add";
    CHECK_HR(w, expected, test_add_mapping(w->cfg[conn], next.name, ip_proto, (USHORT)ext, (USHORT)next.internal_port,
                                           (DWORD)next.options, next.target, next.type, &m));
    if (expected != S_OK)
    {
        assert_null(m);
        return;
    }
    assert_non_null(m);
    next.present = 1;
    next.generation = r->generation + 1;
    next.enabled = 0; /* AddPortMapping creates it disabled */
    *r = next;
    check_handle(w, keep_handle(w, m, conn, proto, port));
}

/* Enable, Disable or Delete through an object that may be stale. */
static void op_change(struct walk *w)
{
    struct handle *h = pick_handle(w);
    struct record *r;
    int live, what = rnd(w, 3);

    if (!h)
        return;
    r = &w->model.map[h->conn][h->proto][h->port];
    live = handle_live(w, h);
    switch (what)
    {
    case 0:
        w->op = "Enable";
        CHECK_HR(w, live ? S_OK : E_GONE, INetSharingPortMapping_Enable(h->m));
        if (live)
            r->enabled = 1;
        break;
    case 1:
        w->op = "Disable";
        CHECK_HR(w, live ? S_OK : E_GONE, INetSharingPortMapping_Disable(h->m));
        if (live)
            r->enabled = 0;
        break;
    default:
        w->op = "Delete";
        CHECK_HR(w, live ? S_OK : E_GONE, INetSharingPortMapping_Delete(h->m));
        if (live)
            r->present = 0;
        break;
    }
    check_handle(w, h);
}

/* RemovePortMapping through the object's own connection (a stale one: E_GONE), or through the
 * other connection (a live one: E_INVALIDARG, nothing removed). */
static void op_remove(struct walk *w)
{
    struct handle *h = pick_handle(w);
    int live;

    if (!h)
        return;
    live = handle_live(w, h);
    if (live && rnd(w, 4) == 0)
    {
        w->op = "RemovePortMapping (other connection)";
        CHECK_HR(w, E_INVALIDARG, INetSharingConfiguration_RemovePortMapping(w->cfg[!h->conn], h->m));
    }
    else
    {
        w->op = "RemovePortMapping";
        CHECK_HR(w, live ? S_OK : E_GONE, INetSharingConfiguration_RemovePortMapping(w->cfg[h->conn], h->m));
        if (live)
            w->model.map[h->conn][h->proto][h->port].present = 0;
    }
    check_handle(w, h);
}

static void check_roles(struct walk *w)
{
    int c;

    for (c = 0; c < CONNS; c++)
    {
        VARIANT_BOOL enabled = 42, firewalled = 42;
        SHARINGCONNECTIONTYPE type = 42;
        int role = w->model.public_conn == c ? 0 : w->model.private_conn == c ? 1 : -1;

        CHECK_HR(w, S_OK, INetSharingConfiguration_get_SharingEnabled(w->cfg[c], &enabled));
        CHECK_HR(w, S_OK, INetSharingConfiguration_get_SharingConnectionType(w->cfg[c], &type));
        CHECK_HR(w, S_OK, INetSharingConfiguration_get_InternetFirewallEnabled(w->cfg[c], &firewalled));
        assert_int_equal(role >= 0 ? VARIANT_TRUE : VARIANT_FALSE, enabled);
        /* An unshared connection reads as public. */
        assert_int_equal(role == 1 ? ICSSHARINGTYPE_PRIVATE : ICSSHARINGTYPE_PUBLIC, type);
        assert_int_equal(w->model.firewalled[c] ? VARIANT_TRUE : VARIANT_FALSE, firewalled);
    }
}

static void op_roles(struct walk *w)
{
    int c = rnd(w, CONNS);

    switch (rnd(w, 5))
    {
    case 0:
        w->op = "EnableSharing public";
        CHECK_HR(w, S_OK, INetSharingConfiguration_EnableSharing(w->cfg[c], ICSSHARINGTYPE_PUBLIC));
        w->model.public_conn = c;
        if (w->model.private_conn == c)
            w->model.private_conn = -1;
        break;
    case 1:
        w->op = "EnableSharing private";
        CHECK_HR(w, S_OK, INetSharingConfiguration_EnableSharing(w->cfg[c], ICSSHARINGTYPE_PRIVATE));
        w->model.private_conn = c;
        if (w->model.public_conn == c)
            w->model.public_conn = -1;
        break;
    case 2:
        w->op = "DisableSharing";
        CHECK_HR(w, S_OK, INetSharingConfiguration_DisableSharing(w->cfg[c]));
        if (w->model.public_conn == c)
            w->model.public_conn = -1;
        if (w->model.private_conn == c)
            w->model.private_conn = -1;
        break;
    case 3:
        w->op = "EnableSharing (invalid type)";
        CHECK_HR(w, E_INVALIDARG, INetSharingConfiguration_EnableSharing(w->cfg[c], 2));
        break;
    default:
        w->op = "Enable/DisableInternetFirewall";
        if (rnd(w, 2))
        {
            CHECK_HR(w, S_OK, INetSharingConfiguration_EnableInternetFirewall(w->cfg[c]));
            w->model.firewalled[c] = 1;
        }
        else
        {
            CHECK_HR(w, S_OK, INetSharingConfiguration_DisableInternetFirewall(w->cfg[c]));
            w->model.firewalled[c] = 0;
        }
        break;
    }
    check_roles(w);
}

/* ---- the reader of the other architecture ---- */

/* One mapping as a line: connection, protocol, external port, internal port, options, enabled,
 * target type, then the name and the target as hex UTF-16 units. */
static void write_line(FILE *f, int c, UCHAR ip_proto, LONG ext, LONG in, LONG options, int enabled, int type,
                       const WCHAR *name, const WCHAR *target)
{
    fprintf(f, "%d %u %ld %ld %lu %d %d ", c, ip_proto, (long)ext, (long)in, (unsigned long)(DWORD)options, enabled,
            type);
    for (; *name; name++)
        fprintf(f, "%04x", *name);
    fputc(' ', f);
    for (; *target; target++)
        fprintf(f, "%04x", *target);
    fputc('\n', f);
}

/* What the model says the store holds, in (connection, protocol, port) order, then the roles. */
static void write_model(const struct model *m, FILE *f)
{
    int c, proto, port;

    for (c = 0; c < CONNS; c++)
        for (proto = 0; proto < 2; proto++)
            for (port = 0; port < PORTS; port++)
            {
                const struct record *r = &m->map[c][proto][port];

                if (r->present)
                    write_line(f, c, proto_of(proto), BASE_PORT + port, r->internal_port, r->options, r->enabled,
                               r->type, r->name, r->target);
            }
    for (c = 0; c < CONNS; c++)
        fprintf(f, "role %d %d %d\n", c, m->public_conn == c ? 0 : m->private_conn == c ? 1 : -1, m->firewalled[c]);
}

static BSTR prop_string(INetSharingPortMappingProps *p, HRESULT (STDMETHODCALLTYPE *get)(INetSharingPortMappingProps *, BSTR *))
{
    BSTR s = NULL;

    return SUCCEEDED(get(p, &s)) ? s : NULL;
}

/* What this process reads from the store through the API, as a model (identities outside the
 * model's range, a second one of an identity, or strings too long for it are counted in *extra):
 * every mapping, or with ICSSC_ENABLED the enabled ones. 0, or a step that failed. */
static int read_store(INetSharingConfiguration *const cfg[CONNS], SHARINGCONNECTION_ENUM_FLAGS flags,
                      struct model *seen, int *extra)
{
    int c;

    memset(seen, 0, sizeof(*seen));
    seen->public_conn = seen->private_conn = -1;
    *extra = 0;
    for (c = 0; c < CONNS; c++)
    {
        INetSharingPortMappingCollection *coll = NULL;
        IEnumVARIANT *ev = NULL;
        IUnknown *unk = NULL;
        VARIANT_BOOL shared = 0, firewalled = 0;
        SHARINGCONNECTIONTYPE type = 0;
        VARIANT v;

        if (FAILED(INetSharingConfiguration_get_EnumPortMappings(cfg[c], flags, &coll)) ||
            FAILED(INetSharingPortMappingCollection_get__NewEnum(coll, &unk)) ||
            FAILED(IUnknown_QueryInterface(unk, &IID_IEnumVARIANT, (void **)&ev)))
            return 3;
        VariantInit(&v);
        while (IEnumVARIANT_Next(ev, 1, &v, NULL) == S_OK)
        {
            INetSharingPortMapping *m = NULL;
            INetSharingPortMappingProps *p = NULL;
            VARIANT_BOOL enabled = 0;
            UCHAR ip_proto = 0;
            LONG ext = 0, in = 0, options = 0;
            BSTR name, target_name, target_ip;
            struct record *r;
            int proto, port;

            if (V_VT(&v) != VT_DISPATCH ||
                FAILED(IDispatch_QueryInterface(V_DISPATCH(&v), &IID_INetSharingPortMapping, (void **)&m)) ||
                FAILED(INetSharingPortMapping_get_Properties(m, &p)))
                return 4;
            INetSharingPortMappingProps_get_IPProtocol(p, &ip_proto);
            INetSharingPortMappingProps_get_ExternalPort(p, &ext);
            INetSharingPortMappingProps_get_InternalPort(p, &in);
            INetSharingPortMappingProps_get_Options(p, &options);
            INetSharingPortMappingProps_get_Enabled(p, &enabled);
            name = prop_string(p, p->lpVtbl->get_Name);
            target_name = prop_string(p, p->lpVtbl->get_TargetName);
            target_ip = prop_string(p, p->lpVtbl->get_TargetIPAddress);
            proto = ip_proto == PROTO_UDP;
            port = (int)(ext - BASE_PORT);
            if (port < 0 || port >= PORTS || seen->map[c][proto][port].present || !name || !target_name ||
                !target_ip || wcslen(name) >= TEXT_MAX || wcslen(target_name) + wcslen(target_ip) >= TEXT_MAX)
                (*extra)++;
            else
            {
                r = &seen->map[c][proto][port];
                r->present = 1;
                r->internal_port = in;
                r->options = options;
                r->enabled = enabled == VARIANT_TRUE;
                r->type = *target_ip ? ICSTT_IPADDRESS : ICSTT_NAME;
                wcscpy(r->name, name);
                wcscpy(r->target, *target_ip ? target_ip : target_name);
            }
            SysFreeString(name);
            SysFreeString(target_name);
            SysFreeString(target_ip);
            INetSharingPortMappingProps_Release(p);
            INetSharingPortMapping_Release(m);
            VariantClear(&v);
        }
        IEnumVARIANT_Release(ev);
        IUnknown_Release(unk);
        INetSharingPortMappingCollection_Release(coll);
        INetSharingConfiguration_get_SharingEnabled(cfg[c], &shared);
        INetSharingConfiguration_get_SharingConnectionType(cfg[c], &type);
        INetSharingConfiguration_get_InternetFirewallEnabled(cfg[c], &firewalled);
        if (shared == VARIANT_TRUE)
            *(type == ICSSHARINGTYPE_PRIVATE ? &seen->private_conn : &seen->public_conn) = c;
        seen->firewalled[c] = firewalled == VARIANT_TRUE;
    }
    return 0;
}

/* Opens the manager and both connections of a child process. */
static void open_child(INetSharingManager **mgr, INetConnection *conn[CONNS], INetSharingConfiguration *cfg[CONNS])
{
    int c;

    *mgr = test_manager();
    for (c = 0; c < CONNS; c++)
    {
        conn[c] = test_connection(*mgr, (ULONG)c);
        cfg[c] = test_config(*mgr, conn[c]);
    }
}

/* The other architecture's reader: what it reads, in write_model's form. */
static int dump_main(const char *path)
{
    INetSharingConfiguration *cfg[CONNS];
    INetConnection *conn[CONNS];
    INetSharingManager *mgr;
    struct model seen;
    int extra, rc;
    FILE *f;

    if (FAILED(CoInitializeEx(NULL, COINIT_MULTITHREADED)) || !(f = fopen(path, "w")))
        return 2;
    open_child(&mgr, conn, cfg);
    if ((rc = read_store(cfg, ICSSC_DEFAULT, &seen, &extra)))
        return rc;
    write_model(&seen, f);
    if (extra)
        fprintf(f, "extra %d\n", extra);
    fclose(f);
    return 0;
}

/* ---- processes killed in the middle of an operation ---- */

/* One operation a child makes, as its command line gives it: "op KIND C PROTO PORT IN OPTIONS
 * TYPE NAMEHEX TARGETHEX" (KIND add, enable, disable, delete). It opens everything, then makes
 * the operation over and over (the same result each time after the first) until it is killed. */
static void hex_to_units(const char *hex, WCHAR *out)
{
    unsigned n = 0, u;

    while (n + 1 < TEXT_MAX && strlen(hex) >= 4 && sscanf(hex, "%4x", &u) == 1)
    {
        out[n++] = (WCHAR)u;
        hex += 4;
    }
    out[n] = 0;
}

static int op_main(int argc, char **argv)
{
    INetSharingConfiguration *cfg[CONNS];
    INetConnection *conn[CONNS];
    INetSharingManager *mgr;
    WCHAR name[TEXT_MAX], target[TEXT_MAX];
    int c, proto, port, type;
    long in;
    unsigned long options;

    if (argc < 11 || FAILED(CoInitializeEx(NULL, COINIT_MULTITHREADED)))
        return 2;
    c = atoi(argv[3]);
    proto = atoi(argv[4]);
    port = atoi(argv[5]);
    in = atol(argv[6]);
    options = strtoul(argv[7], NULL, 10);
    type = atoi(argv[8]);
    hex_to_units(argv[9], name);
    hex_to_units(argv[10], target);
    open_child(&mgr, conn, cfg);
    for (;;)
    {
        INetSharingPortMapping *m = NULL;

        if (!strcmp(argv[2], "add"))
        {
            if (SUCCEEDED(test_add_mapping(cfg[c], name, proto_of(proto), BASE_PORT + port, (USHORT)in, options, target,
                                      (ICS_TARGETTYPE)type, &m)))
                INetSharingPortMapping_Release(m);
        }
        else if ((m = test_find_mapping(cfg[c], proto_of(proto), BASE_PORT + port)))
        {
            if (!strcmp(argv[2], "enable"))
                INetSharingPortMapping_Enable(m);
            else if (!strcmp(argv[2], "disable"))
                INetSharingPortMapping_Disable(m);
            else
                INetSharingPortMapping_Delete(m);
            INetSharingPortMapping_Release(m);
        }
    }
}

static void units_to_hex(const WCHAR *s, char *out)
{
    for (; *s; s++, out += 4)
        sprintf(out, "%04x", *s);
    *out = 0;
}

static int models_equal(const struct model *a, const struct model *b)
{
    int c, proto, port;

    if (a->public_conn != b->public_conn || a->private_conn != b->private_conn)
        return 0;
    for (c = 0; c < CONNS; c++)
    {
        if (a->firewalled[c] != b->firewalled[c])
            return 0;
        for (proto = 0; proto < 2; proto++)
            for (port = 0; port < PORTS; port++)
            {
                const struct record *x = &a->map[c][proto][port], *y = &b->map[c][proto][port];

                if (x->present != y->present)
                    return 0;
                if (x->present && (x->internal_port != y->internal_port || x->options != y->options ||
                                   x->enabled != y->enabled || x->type != y->type || wcscmp(x->name, y->name) ||
                                   wcscmp(x->target, y->target)))
                    return 0;
            }
    }
    return 1;
}

/* Starts this test (peer: the other architecture's) with args, and kills it delay ms later. */
static void run_and_kill(const WCHAR *args, int peer, unsigned delay)
{
    PROCESS_INFORMATION pi = peer ? test_spawn_peer(args) : test_spawn_self(args);

    Sleep(delay);
    TerminateProcess(pi.hProcess, 9);
    assert_int_equal(WAIT_OBJECT_0, WaitForSingleObject(pi.hProcess, 60000));
    CloseHandle(pi.hProcess);
    CloseHandle(pi.hThread);
}

/* A child of either architecture makes one operation and is killed at a random moment: the
 * store must then be the model's state before the operation or after it, never a third. */
static void op_killed(struct walk *w)
{
    int c = rnd(w, CONNS), proto = rnd(w, 2), port = rnd(w, PORTS), kind;
    struct record *r = &w->model.map[c][proto][port];
    struct model after = w->model, seen;
    struct record next = {0};
    static const char *const kinds[] = {"add", "enable", "disable", "delete"};
    char name_hex[TEXT_MAX * 4 + 1], target_hex[TEXT_MAX * 4 + 1];
    WCHAR args[2 * TEXT_MAX * 4 + 128];
    unsigned delay = rnd(w, 120);
    int extra = 0, peer = rnd(w, 2);

    w->op = "an operation killed";
    kind = r->present ? 1 + (int)rnd(w, 3) : 0; /* an operation that changes something */
    random_name(w, next.name);
    random_target(w, next.target, &next.type);
    next.internal_port = 1 + rnd(w, 65535);
    next.options = (LONG)rnd(w, 4);
    if (kind == 0 && !r->present)
    {
        next.present = 1;
        next.generation = r->generation + 1;
        after.map[c][proto][port] = next;
    }
    else if (kind == 1 && r->present)
        after.map[c][proto][port].enabled = 1;
    else if (kind == 2 && r->present)
        after.map[c][proto][port].enabled = 0;
    else if (kind == 3 && r->present)
        after.map[c][proto][port].present = 0;
    units_to_hex(next.name, name_hex);
    units_to_hex(next.target, target_hex);
    _snwprintf(args, ARRAYSIZE(args), L"op %hs %d %d %d %ld %lu %d %hs %hs", kinds[kind], c, proto, port,
               (long)next.internal_port, (unsigned long)next.options, (int)next.type, name_hex, target_hex);
    args[ARRAYSIZE(args) - 1] = 0;
    /* The child needs some tens of milliseconds to start under Wine and well under one to make
     * its operation: the kill lands before, during or after its first operation. */
    run_and_kill(args, peer, delay);
    CHECK_HR(w, S_OK, read_store(w->cfg, ICSSC_DEFAULT, &seen, &extra) ? E_FAIL : S_OK);
    assert_int_equal(0, extra);
    if (models_equal(&after, &w->model))
    {
        /* An operation that changes nothing (an add where the identity is taken, ...). */
        assert_true(models_equal(&seen, &after));
        w->kills_noop++;
    }
    else if (models_equal(&seen, &after))
    {
        w->model = after;
        w->kills_after++;
    }
    else if (models_equal(&seen, &w->model))
        w->kills_before++;
    else
    {
        FILE *out = stderr;

        print_error("walk: seed %llu, step %lu: after a killed '%s' of %d/%d/%d the store is neither the model "
                    "before it nor after it; it holds:\n", w->seed, w->step, kinds[kind], c, proto, port);
        write_model(&seen, out);
        fail();
    }
}

static char *read_all(const char *path)
{
    FILE *f = fopen(path, "rb");
    char *text;
    long n;

    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    text = calloc(1, (size_t)n + 1);
    if (text && fread(text, 1, (size_t)n, f) != (size_t)n)
        text[0] = 0;
    fclose(f);
    return text;
}

/* A process of the other architecture runs "MODE PATH" and writes what it reads to PATH: that
 * must be what write_expected(ctx) writes. */
static void check_peer_writes(struct walk *w, const char *mode, void (*write_expected)(FILE *, const void *),
                              const void *ctx)
{
    char path[MAX_PATH], expected_path[MAX_PATH], *expected, *actual;
    WCHAR args[MAX_PATH + 16];
    PROCESS_INFORMATION pi;
    DWORD code = 99;
    FILE *f;

    GetTempPathA(MAX_PATH - 40, path);
    strcpy(expected_path, path);
    sprintf(path + strlen(path), "ohn-walk-%lu.txt", (unsigned long)GetCurrentProcessId());
    sprintf(expected_path + strlen(expected_path), "ohn-walk-%lu-model.txt", (unsigned long)GetCurrentProcessId());
    assert_non_null(f = fopen(expected_path, "w"));
    write_expected(f, ctx);
    fclose(f);
    _snwprintf(args, ARRAYSIZE(args), L"%hs %hs", mode, path);
    args[ARRAYSIZE(args) - 1] = 0;
    pi = test_spawn_peer(args);
    assert_int_equal(WAIT_OBJECT_0, WaitForSingleObject(pi.hProcess, 60000));
    GetExitCodeProcess(pi.hProcess, &code);
    CloseHandle(pi.hProcess);
    CloseHandle(pi.hThread);
    assert_int_equal(0, code);
    expected = read_all(expected_path);
    actual = read_all(path);
    assert_non_null(expected);
    assert_non_null(actual);
    if (strcmp(expected, actual))
    {
        print_error("walk: seed %llu, step %lu: the other architecture reads\n%s\nthe model says\n%s\n", w->seed,
                    w->step, actual, expected);
        fail();
    }
    free(expected);
    free(actual);
    DeleteFileA(path);
    DeleteFileA(expected_path);
}

static void write_model_of(FILE *f, const void *model)
{
    write_model(model, f);
}

/* A process of the other architecture reads the whole store: it must be the model's. */
static void check_peer_reads_the_model(struct walk *w)
{
    w->op = "read by the other architecture";
    check_peer_writes(w, "dump", write_model_of, &w->model);
    w->peer_reads++;
}

/* Both connections' enumerations, of every mapping and of the enabled ones, hold exactly the
 * model's mappings with every property; the roles and flags read as the model's. */
static void check_everything(struct walk *w)
{
    struct model expected, seen;
    int enabled_only, c, proto, port, extra = 0;

    for (enabled_only = 0; enabled_only < 2; enabled_only++)
    {
        w->op = enabled_only ? "enumerate enabled" : "enumerate";
        expected = w->model;
        for (c = 0; c < CONNS; c++)
            for (proto = 0; proto < 2; proto++)
                for (port = 0; port < PORTS; port++)
                    if (enabled_only && !expected.map[c][proto][port].enabled)
                        expected.map[c][proto][port].present = 0;
        CHECK_HR(w, S_OK, read_store(w->cfg, enabled_only ? ICSSC_ENABLED : ICSSC_DEFAULT, &seen, &extra) ? E_FAIL : S_OK);
        if (extra || !models_equal(&seen, &expected))
        {
            print_error("walk: seed %llu, step %lu: %s gives (%d more it cannot hold)\n", w->seed, w->step, w->op,
                        extra);
            write_model(&seen, stderr);
            print_error("the model says\n");
            write_model(&expected, stderr);
            fail();
        }
    }
    check_roles(w);
}

/* The walk under way: if an assertion ends it, the teardown says where. */
static struct walk *current;

static int walk_teardown(void **state)
{
    if (current)
    {
        print_error("walk: stopped at step %lu (%s) of seed %llu: replay it with OHN_WALK_SEED=%llu\n", current->step,
                    current->op ? current->op : "start", current->seed, current->seed);
        current = NULL;
    }
    return test_teardown_com(state);
}

static unsigned long long env_number(const char *name, unsigned long long fallback)
{
    const char *v = getenv(name);

    return v && *v ? strtoull(v, NULL, 10) : fallback;
}

/* Starts walk w: its seed (OHN_WALK_SEED, else from the clock; salt keeps two walks of one run
 * apart), the random numbers from it, and the teardown's knowledge of it; prints the seed.
 * Returns its number of steps: the variable own_steps names where it is set, else
 * OHN_WALK_STEPS (default 20000) divided by divisor. */
static unsigned long walk_begin(struct walk *w, const char *what, unsigned long long salt, const char *own_steps,
                                unsigned divisor)
{
    unsigned long steps;

    w->seed = env_number("OHN_WALK_SEED", (((unsigned long long)GetTickCount() << 20) ^ GetCurrentProcessId()) ^ salt);
    steps = (unsigned long)env_number("OHN_WALK_STEPS", 20000) / divisor;
    if (own_steps)
        steps = (unsigned long)env_number(own_steps, steps);
    w->rng = w->seed ? w->seed : 1;
    current = w;
    print_message("walk: %sseed %llu, %lu steps (OHN_WALK_SEED=%llu replays it)\n", what, w->seed, steps, w->seed);
    return steps;
}

static void sharing_walk_follows_the_model(void **state)
{
    struct walk *w = calloc(1, sizeof(*w));
    unsigned long steps;
    int c;

    (void)state;
    assert_non_null(w);
    steps = walk_begin(w, "", 0, NULL, 1);
    w->mgr = test_manager();
    for (c = 0; c < CONNS; c++)
    {
        w->conn[c] = test_connection(w->mgr, (ULONG)c);
        w->cfg[c] = test_config(w->mgr, w->conn[c]);
    }
    w->model.public_conn = w->model.private_conn = -1;
    check_everything(w);
    for (w->step = 1; w->step <= steps; w->step++)
    {
        unsigned pick = rnd(w, 100);

        if (pick < 40)
            op_add(w);
        else if (pick < 70)
            op_change(w);
        else if (pick < 82)
            op_remove(w);
        else if (pick < 92)
            op_roles(w);
        else if (pick < 97)
        {
            struct handle *h = pick_handle(w);

            w->op = "get_Properties";
            if (h)
                check_handle(w, h);
        }
        else if (pick < 99 || rnd(w, 8))
            check_everything(w);
        else if (rnd(w, 2))
            check_peer_reads_the_model(w);
        else
            op_killed(w);
    }
    w->op = "end";
    check_everything(w);
    check_peer_reads_the_model(w);
    print_message("walk: seed %llu, %lu steps, every step as the model says; the other architecture read the store "
                  "%lu times, as the model says; %lu processes killed in an operation (store as before it %lu, as "
                  "after it %lu, neither 0; %lu operations that change nothing)\n",
                  w->seed, steps, w->peer_reads, w->kills_before + w->kills_after + w->kills_noop, w->kills_before,
                  w->kills_after, w->kills_noop);
    current = NULL;
    for (c = 0; c < HANDLES; c++)
        if (w->handles[c].m)
            INetSharingPortMapping_Release(w->handles[c].m);
    for (c = 0; c < CONNS; c++)
    {
        INetSharingConfiguration_Release(w->cfg[c]);
        INetConnection_Release(w->conn[c]);
    }
    INetSharingManager_Release(w->mgr);
    free(w);
}

/* ---- the firewall's rules ---- */

#define FW_RULES 40
#define FW_HANDLES 16
#define FW_TEXT 96
#define FW_LINE 1024 /* a rule as one line (fw_describe) */
#define FW_GONE HRESULT_FROM_WIN32(ERROR_NOT_FOUND)
#define FW_NO_ITEM HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND)
#define FW_EXISTS HRESULT_FROM_WIN32(ERROR_ALREADY_EXISTS)
#define FW_RULES_KEY L"SYSTEM\\CurrentControlSet\\Services\\SharedAccess\\Parameters\\FirewallPolicy"
#define FW_PROFILES_ALL 0x7fffffff /* NET_FW_PROFILE2_ALL */

/* A rule's string properties, in the order of fw_describe's line. */
enum fw_field
{
    F_NAME,
    F_LPORTS,
    F_RPORTS,
    F_LADDRS,
    F_RADDRS,
    F_ICMP,
    F_APP,
    F_GROUP,
    F_SVC,
    F_IFTYPES,
    F_DESC,
    F_STRINGS
};

struct fw_rule
{
    int present;
    unsigned generation;
    WCHAR s[F_STRINGS][FW_TEXT]; /* "" where unset */
    LONG protocol, profiles; /* profiles: the mask, 7 for all (read as NET_FW_PROFILE2_ALL) */
    int enabled, direction, action, edge;
};

/* The per-profile settings (INetFwPolicy2's, four of them the XP profile's too). */
enum
{
    FW_SET_ENABLED,
    FW_SET_BLOCK_ALL, /* the XP profile's ExceptionsNotAllowed */
    FW_SET_NOTIFY_OFF,
    FW_SET_UNICAST_OFF,
    FW_SET_IN_ACTION, /* no XP property */
    FW_SET_OUT_ACTION,
    FW_SETTINGS
};

struct fw_walk
{
    struct walk *w; /* its seed, step, operation and random numbers */
    INetFwPolicy2 *policy;
    INetFwRules *rules;
    INetFwOpenPorts *ports;             /* the XP lists of the current profile */
    INetFwAuthorizedApplications *apps;
    INetFwServices *services;
    INetFwProfile *xp; /* the current profile of the XP interfaces: the private one */
    LONG settings[3][FW_SETTINGS]; /* [domain, private, public][setting] as the model has them */
    struct fw_rule model[FW_RULES];
    struct
    {
        INetFwRule *r;
        int slot;
        unsigned generation;
    } handles[FW_HANDLES];
    unsigned long adds, removes, puts, refused, peer_reads, kills_before, kills_after, kills_noop;
    unsigned long xp_adds, xp_removes, xp_checks, xp_services, settings_put;
    struct fw_rule candidates[FW_RULES + 1][FW_RULES]; /* the states an operation may leave (fw_settle) */
};

/* A value to put and what reads back (NULL: E_INVALIDARG, nothing changes). "" reads as "*"
 * for the lists. The canonical forms are Windows' (README "Firewall"). */
struct fw_value
{
    const WCHAR *in, *out;
};

static const struct fw_value fw_ports[] = {
    {L"80", L"80"}, {L"8000-8010", L"8000-8010"}, {L"80, 443", L"80,443"}, {L"27015-27030,4380", L"27015-27030,4380"},
    {L"*", L""},    {L"1-2-3", NULL},             {L"70000", NULL},        {L"80,", NULL},
};
static const struct fw_value fw_laddrs[] = {
    {L"10.0.0.1", L"10.0.0.1/255.255.255.255"},
    {L"10.0.0.0/24", L"10.0.0.0/255.255.255.0"},
    {L"fe80::/64,192.168.1.0/24", L"192.168.1.0/255.255.255.0,fe80::/64"},
    {L"*", L""},
    {L"LocalSubnet", NULL}, /* keywords are for remote addresses */
    {L"10.0.0.9-10.0.0.1", NULL},
    {L"1.2.3", NULL},
};
static const struct fw_value fw_raddrs[] = {
    {L"LocalSubnet", L"LocalSubnet"},
    {L"localsubnet,dns", L"LocalSubnet,DNS"},
    {L"10.1.0.0/255.255.0.0", L"10.1.0.0/255.255.0.0"},
    {L"*", L""},
    {L"1.2.3.256", NULL},
    {L"10.0.0.0/33", NULL},
};
static const struct fw_value fw_icmp[] = {
    {L"8:*", L"8:*"}, {L"8:*, 0:0", L"8:*,0:0"}, {L"*", L""}, {L"8", NULL}, {L"256:0", NULL}, {L"*:0", NULL},
};
static const struct fw_value fw_app[] = {
    {L"C:\\games\\server.exe", L"C:\\games\\server.exe"},
    {L"%ProgramFiles%\\Voice\\voice.exe", L"%ProgramFiles%\\Voice\\voice.exe"},
    {L"a|b.exe", NULL},
};
static const struct fw_value fw_group[] = {
    {L"@game.dll,-100", L"@game.dll,-100"},
    {L"Game servers", L"Game servers"},
    {L"a|b", NULL},
};
static const struct fw_value fw_svc[] = {
    {L"*", L"*"},
    {L"wuauserv", L"wuauserv"},
    {L"a|b", NULL},
};
static const struct fw_value fw_iftypes[] = {
    {L"Lan", L"Lan"}, {L"wireless, LAN", L"Wireless,Lan"}, {L"RemoteAccess", L"RemoteAccess"},
    {L"all", L""},    {L"Modem", NULL},                    {L"Lan,", NULL},
};

static const struct
{
    const char *op;
    const struct fw_value *values;
    unsigned n;
} fw_fields[F_STRINGS] = {
    [F_NAME] = {"firewall: put_Name", NULL, 0},
    [F_LPORTS] = {"firewall: put_LocalPorts", fw_ports, ARRAYSIZE(fw_ports)},
    [F_RPORTS] = {"firewall: put_RemotePorts", fw_ports, ARRAYSIZE(fw_ports)},
    [F_LADDRS] = {"firewall: put_LocalAddresses", fw_laddrs, ARRAYSIZE(fw_laddrs)},
    [F_RADDRS] = {"firewall: put_RemoteAddresses", fw_raddrs, ARRAYSIZE(fw_raddrs)},
    [F_ICMP] = {"firewall: put_IcmpTypesAndCodes", fw_icmp, ARRAYSIZE(fw_icmp)},
    [F_APP] = {"firewall: put_ApplicationName", fw_app, ARRAYSIZE(fw_app)},
    [F_GROUP] = {"firewall: put_Grouping", fw_group, ARRAYSIZE(fw_group)},
    [F_SVC] = {"firewall: put_ServiceName", fw_svc, ARRAYSIZE(fw_svc)},
    [F_IFTYPES] = {"firewall: put_InterfaceTypes", fw_iftypes, ARRAYSIZE(fw_iftypes)},
    [F_DESC] = {"firewall: put_Description", NULL, 0},
};

static int fw_is_list(enum fw_field f)
{
    return f >= F_LPORTS && f <= F_ICMP;
}

static int fw_port_protocol(LONG p)
{
    return p == 6 || p == 17;
}

static int fw_icmp_protocol(LONG p)
{
    return p == 1 || p == 58;
}

/* Names drawn from a few, in any case: rules of one name (ASCII case ignored) are frequent. */
static void fw_random_name(struct walk *w, WCHAR *out)
{
    static const WCHAR *const names[] = {L"game server", L"web", L"Voice chat", L"backup", L"caf\x00e9 app"};
    const WCHAR *n = names[rnd(w, ARRAYSIZE(names))];
    unsigned i;

    for (i = 0; n[i]; i++)
        out[i] = rnd(w, 3) == 0 && n[i] < 128 ? (WCHAR)(n[i] ^ (iswalpha(n[i]) ? 0x20 : 0)) : n[i];
    out[i] = 0;
}

static int fw_names_equal(const WCHAR *a, const WCHAR *b)
{
    for (; *a && *b; a++, b++)
        if ((*a < 128 ? towlower(*a) : *a) != (*b < 128 ? towlower(*b) : *b))
            return 0;
    return *a == *b;
}

static HRESULT fw_put_string(INetFwRule *r, enum fw_field f, BSTR s)
{
    switch (f)
    {
    case F_NAME: return INetFwRule_put_Name(r, s);
    case F_LPORTS: return INetFwRule_put_LocalPorts(r, s);
    case F_RPORTS: return INetFwRule_put_RemotePorts(r, s);
    case F_LADDRS: return INetFwRule_put_LocalAddresses(r, s);
    case F_RADDRS: return INetFwRule_put_RemoteAddresses(r, s);
    case F_ICMP: return INetFwRule_put_IcmpTypesAndCodes(r, s);
    case F_APP: return INetFwRule_put_ApplicationName(r, s);
    case F_GROUP: return INetFwRule_put_Grouping(r, s);
    case F_SVC: return INetFwRule_put_ServiceName(r, s);
    case F_IFTYPES: return INetFwRule_put_InterfaceTypes(r, s);
    default: return INetFwRule_put_Description(r, s);
    }
}

static BSTR fw_get_string(INetFwRule *r, enum fw_field f)
{
    BSTR s = NULL;
    HRESULT hr;

    switch (f)
    {
    case F_NAME: hr = INetFwRule_get_Name(r, &s); break;
    case F_LPORTS: hr = INetFwRule_get_LocalPorts(r, &s); break;
    case F_RPORTS: hr = INetFwRule_get_RemotePorts(r, &s); break;
    case F_LADDRS: hr = INetFwRule_get_LocalAddresses(r, &s); break;
    case F_RADDRS: hr = INetFwRule_get_RemoteAddresses(r, &s); break;
    case F_ICMP: hr = INetFwRule_get_IcmpTypesAndCodes(r, &s); break;
    case F_APP: hr = INetFwRule_get_ApplicationName(r, &s); break;
    case F_GROUP: hr = INetFwRule_get_Grouping(r, &s); break;
    case F_SVC: hr = INetFwRule_get_ServiceName(r, &s); break;
    case F_IFTYPES: hr = INetFwRule_get_InterfaceTypes(r, &s); break;
    default: hr = INetFwRule_get_Description(r, &s); break;
    }
    return SUCCEEDED(hr) ? s : NULL;
}

static void fw_append(WCHAR *out, size_t cap, const WCHAR *s)
{
    size_t n = wcslen(out);

    _snwprintf(out + n, cap - n, L"%s|", s);
    out[cap - 1] = 0;
}

/* A rule as one line: what the model compares (every property the walk moves). */
static void fw_describe(INetFwRule *r, WCHAR *out, size_t cap)
{
    NET_FW_RULE_DIRECTION dir = 0;
    NET_FW_ACTION action = 0;
    VARIANT_BOOL enabled = 0, edge = 0;
    LONG protocol = -1, profiles = -1;
    size_t n;
    int f;

    out[0] = 0;
    for (f = 0; f < F_STRINGS; f++)
    {
        BSTR s = fw_get_string(r, (enum fw_field)f);

        fw_append(out, cap, s ? s : f == F_NAME ? L"(null)" : L"");
        SysFreeString(s);
    }
    INetFwRule_get_Protocol(r, &protocol);
    INetFwRule_get_Enabled(r, &enabled);
    INetFwRule_get_Direction(r, &dir);
    INetFwRule_get_Action(r, &action);
    INetFwRule_get_Profiles(r, &profiles);
    INetFwRule_get_EdgeTraversal(r, &edge);
    n = wcslen(out);
    _snwprintf(out + n, cap - n, L"%ld|%d|%d|%d|%ld|%d", (long)protocol, enabled == VARIANT_TRUE, (int)dir, (int)action,
               (long)profiles, edge == VARIANT_TRUE);
    out[cap - 1] = 0;
}

static void fw_model_line(const struct fw_rule *m, WCHAR *out, size_t cap)
{
    size_t n;
    int f;

    out[0] = 0;
    for (f = 0; f < F_STRINGS; f++)
        fw_append(out, cap, m->s[f][0] ? m->s[f] : f == F_IFTYPES ? L"All" : fw_is_list((enum fw_field)f) ? L"*" : L"");
    n = wcslen(out);
    _snwprintf(out + n, cap - n, L"%ld|%d|%d|%d|%ld|%d", (long)m->protocol, m->enabled, m->direction, m->action,
               (long)(m->profiles == 7 ? FW_PROFILES_ALL : m->profiles), m->edge);
    out[cap - 1] = 0;
}

static int fw_compare_lines(const void *a, const void *b)
{
    return wcscmp((const WCHAR *)a, (const WCHAR *)b);
}

/* Lines gathered from an enumeration (at most max). */
struct fw_lines
{
    WCHAR (*line)[FW_LINE];
    int n, max;
};

/* Calls each(item, line) for every item of the enumerator that a get__NewEnum returned (hr,
 * unk; released here), as the interface iid, adding a line to lines each, then sorts them all.
 * Returns how many lines, -1 where a call failed, an item is no iid or there are more than max.
 * No assertion: children use it. */
static int fw_gather(HRESULT hr, IUnknown *unk, REFIID iid, void (*each)(void *item, WCHAR *line),
                     struct fw_lines *lines)
{
    IEnumVARIANT *ev = NULL;
    VARIANT v;

    if (FAILED(hr) || !unk)
        return -1;
    if (FAILED(IUnknown_QueryInterface(unk, &IID_IEnumVARIANT, (void **)&ev)) || !ev)
        lines->n = -1;
    IUnknown_Release(unk);
    VariantInit(&v);
    while (lines->n >= 0 && IEnumVARIANT_Next(ev, 1, &v, NULL) == S_OK)
    {
        IUnknown *item = NULL;

        if (lines->n == lines->max || V_VT(&v) != VT_DISPATCH ||
            FAILED(IDispatch_QueryInterface(V_DISPATCH(&v), iid, (void **)&item)))
            lines->n = -1;
        else
        {
            each(item, lines->line[lines->n++]);
            IUnknown_Release(item);
        }
        VariantClear(&v);
    }
    if (ev)
        IEnumVARIANT_Release(ev);
    if (lines->n > 0)
        qsort(lines->line, (size_t)lines->n, sizeof(lines->line[0]), fw_compare_lines);
    return lines->n;
}

static void fw_rule_line(void *rule, WCHAR *line)
{
    fw_describe(rule, line, FW_LINE);
}

/* Every rule the enumeration of rules gives, as fw_describe's lines, sorted (at most max).
 * Returns how many, -1 where a call failed or there are more. */
static int fw_list(INetFwRules *rules, WCHAR lines[][FW_LINE], int max)
{
    struct fw_lines l = {lines, 0, max};
    IUnknown *unk = NULL;
    HRESULT hr = INetFwRules_get__NewEnum(rules, &unk);

    return fw_gather(hr, unk, &IID_INetFwRule, fw_rule_line, &l);
}

/* The model's rules as sorted lines; returns how many. */
static int fw_model_lines(const struct fw_rule *model, WCHAR lines[][FW_LINE])
{
    int n = 0, i;

    for (i = 0; i < FW_RULES; i++)
        if (model[i].present)
            fw_model_line(&model[i], lines[n++], FW_LINE);
    qsort(lines, (size_t)n, sizeof(lines[0]), fw_compare_lines);
    return n;
}

static int fw_lines_equal(WCHAR a[][FW_LINE], int n, WCHAR b[][FW_LINE], int m)
{
    int i;

    if (n != m)
        return 0;
    for (i = 0; i < n; i++)
        if (wcscmp(a[i], b[i]))
            return 0;
    return 1;
}

/* s as UTF-8 in out (the C runtime's %ls stops at the first unit its code page lacks). */
static const char *fw_utf8(const WCHAR *s, char *out, int cap)
{
    if (!WideCharToMultiByte(CP_UTF8, 0, s, -1, out, cap, NULL, NULL))
        out[0] = 0;
    return out;
}

static void fw_print_lines(const char *what, WCHAR lines[][FW_LINE], int n)
{
    char utf8[4 * FW_LINE];
    int i;

    print_error("%s (%d):\n", what, n);
    for (i = 0; i < n; i++)
        print_error("  %s\n", fw_utf8(lines[i], utf8, sizeof(utf8)));
}

static void xp_check(struct fw_walk *f);

/* The rules' enumeration and Count hold exactly the model's rules (as a multiset), and the XP
 * lists the model's rules of their shapes. */
static void fw_check_all(struct fw_walk *f)
{
    static WCHAR want[FW_RULES][FW_LINE], got[FW_RULES + 1][FW_LINE];
    struct walk *w = f->w;
    int n, m;
    LONG count = -1;

    w->op = "firewall: enumerate";
    n = fw_model_lines(f->model, want);
    CHECK_HR(w, S_OK, INetFwRules_get_Count(f->rules, &count));
    m = fw_list(f->rules, got, FW_RULES + 1);
    if (count != n || !fw_lines_equal(want, n, got, m))
    {
        print_error("walk: seed %llu, step %lu: the firewall has %ld rules, the model %d\n", w->seed, w->step,
                    (long)count, n);
        fw_print_lines("enumerated", got, m);
        fw_print_lines("the model's", want, n);
        fail();
    }
    xp_check(f);
}

static void fw_keep(struct fw_walk *f, INetFwRule *r, int slot)
{
    int h = (int)rnd(f->w, FW_HANDLES);

    if (f->handles[h].r)
        INetFwRule_Release(f->handles[h].r);
    f->handles[h].r = r;
    f->handles[h].slot = slot;
    f->handles[h].generation = f->model[slot].generation;
}

static void fw_default_rule(struct fw_rule *m)
{
    memset(m, 0, sizeof(*m));
    m->protocol = 256;
    m->profiles = 7;
    m->direction = NET_FW_RULE_DIR_IN;
    m->action = NET_FW_ACTION_ALLOW;
}

/* One put of a random property with a random value, valid or not, on r, whose rule the model
 * has in m (an unbound object's own rule, or a stored one); stale: r's rule was removed. The
 * expected HRESULT follows Windows' rules: a list must parse, ports need TCP or UDP, ICMP
 * types ICMPv4 or ICMPv6, edge traversal an inbound rule, a name is required and not "all"; a
 * stale object answers ERROR_NOT_FOUND (or E_INVALIDARG for a value that is refused as such).
 * On success m takes the value. */
static void fw_put_random(struct fw_walk *f, INetFwRule *r, struct fw_rule *m, int stale)
{
    static const LONG protocols[] = {6, 17, 1, 58, 256, 300, -1};
    static const LONG profiles[][2] = {{1, 1}, {2, 2}, {4, 4}, {3, 3}, {7, 7}, {FW_PROFILES_ALL, 7}, {0, -1}, {8, -1}};
    struct walk *w = f->w;
    struct fw_rule next = *m;
    HRESULT hr, want = S_OK;
    WCHAR text[FW_TEXT];
    unsigned pick = rnd(w, F_STRINGS + 6);
    BSTR s;

    if (pick < F_STRINGS)
    {
        enum fw_field field = (enum fw_field)pick;
        const WCHAR *out;

        w->op = fw_fields[field].op;
        if (field == F_NAME)
        {
            switch (rnd(w, 8))
            {
            case 0: wcscpy(text, L"a|b"); out = NULL; break;
            case 1: wcscpy(text, L"ALL"); out = NULL; break;
            case 2: text[0] = 0; out = NULL; break;
            default: fw_random_name(w, text); out = text; break;
            }
        }
        else if (field == F_DESC)
        {
            if (rnd(w, 6))
                swprintf(text, FW_TEXT, L"put at %lu", w->step);
            else
                wcscpy(text, L"not|this");
            out = wcschr(text, '|') ? NULL : text;
        }
        else
        {
            const struct fw_value *v = &fw_fields[field].values[rnd(w, fw_fields[field].n)];

            wcscpy(text, v->in);
            out = v->out;
        }
        if (!out)
            want = E_INVALIDARG;
        else
        {
            wcscpy(next.s[field], out);
            if (next.s[field][0] && (field == F_LPORTS || field == F_RPORTS) && !fw_port_protocol(m->protocol))
                want = E_INVALIDARG;
            if (next.s[field][0] && field == F_ICMP && !fw_icmp_protocol(m->protocol))
                want = E_INVALIDARG;
        }
        s = SysAllocString(text);
        hr = fw_put_string(r, field, s);
        SysFreeString(s);
    }
    else
    {
        switch (pick - F_STRINGS)
        {
        case 0:
            w->op = "firewall: put_Protocol";
            next.protocol = protocols[rnd(w, ARRAYSIZE(protocols))];
            if (next.protocol < 0 || next.protocol > 256 ||
                ((m->s[F_LPORTS][0] || m->s[F_RPORTS][0]) && !fw_port_protocol(next.protocol)) ||
                (m->s[F_ICMP][0] && !fw_icmp_protocol(next.protocol)))
                want = E_INVALIDARG;
            hr = INetFwRule_put_Protocol(r, next.protocol);
            break;
        case 1:
            w->op = "firewall: put_Enabled";
            next.enabled = (int)rnd(w, 2);
            hr = INetFwRule_put_Enabled(r, next.enabled ? VARIANT_TRUE : VARIANT_FALSE);
            break;
        case 2:
            w->op = "firewall: put_Direction";
            next.direction = (int)rnd(w, 4); /* 0 and 3 are no direction */
            if (next.direction < NET_FW_RULE_DIR_IN || next.direction > NET_FW_RULE_DIR_OUT ||
                (next.direction == NET_FW_RULE_DIR_OUT && m->edge))
                want = E_INVALIDARG;
            hr = INetFwRule_put_Direction(r, (NET_FW_RULE_DIRECTION)next.direction);
            break;
        case 3:
            w->op = "firewall: put_Action";
            next.action = (int)rnd(w, 3); /* 2 is no action */
            if (next.action > NET_FW_ACTION_ALLOW)
                want = E_INVALIDARG;
            hr = INetFwRule_put_Action(r, (NET_FW_ACTION)next.action);
            break;
        case 4:
        {
            unsigned i = rnd(w, ARRAYSIZE(profiles));

            w->op = "firewall: put_Profiles";
            next.profiles = profiles[i][1];
            if (next.profiles < 0)
                want = E_INVALIDARG;
            hr = INetFwRule_put_Profiles(r, profiles[i][0]);
            break;
        }
        default:
            w->op = "firewall: put_EdgeTraversal";
            next.edge = (int)rnd(w, 2);
            if (next.edge && m->direction != NET_FW_RULE_DIR_IN)
                want = E_INVALIDARG;
            hr = INetFwRule_put_EdgeTraversal(r, next.edge ? VARIANT_TRUE : VARIANT_FALSE);
            break;
        }
    }
    f->puts++;
    if (stale)
    {
        /* Gone: nothing to change; a value refused as such may be refused first. */
        if (hr != FW_GONE && !(FAILED(want) && hr == want))
            CHECK_HR(w, FW_GONE, hr);
        return;
    }
    CHECK_HR(w, want, hr);
    if (FAILED(want))
    {
        f->refused++;
        return;
    }
    next.present = m->present;
    next.generation = m->generation;
    *m = next;
}

/* The object reads as the model's rule. */
static void fw_check_object(struct fw_walk *f, INetFwRule *r, const struct fw_rule *m)
{
    WCHAR line[FW_LINE], want[FW_LINE];
    char a[4 * FW_LINE], b[4 * FW_LINE];

    fw_describe(r, line, ARRAYSIZE(line));
    fw_model_line(m, want, ARRAYSIZE(want));
    if (wcscmp(line, want))
    {
        print_error("walk: seed %llu, step %lu (%s): the rule reads\n  %s\nthe model says\n  %s\n", f->w->seed,
                    f->w->step, f->w->op, fw_utf8(line, a, sizeof(a)), fw_utf8(want, b, sizeof(b)));
        fail();
    }
}

/* A new rule object, a name and random puts (some refused, which change nothing), Add. */
static void fw_op_add(struct fw_walk *f)
{
    struct walk *w = f->w;
    struct fw_rule next;
    INetFwRule *r = NULL;
    BSTR s;
    int slot, puts = (int)rnd(w, 8), i;

    for (slot = 0; slot < FW_RULES && f->model[slot].present; slot++)
        ;
    if (slot == FW_RULES)
        return;
    w->op = "firewall: new rule";
    CHECK_HR(w, S_OK, CoCreateInstance(&CLSID_NetFwRule, NULL, CLSCTX_INPROC_SERVER, &IID_INetFwRule, (void **)&r));
    fw_default_rule(&next);
    if (rnd(w, 12) == 0)
    {
        /* No name: Add refuses it. */
        w->op = "firewall: Add without a name";
        CHECK_HR(w, E_INVALIDARG, INetFwRules_Add(f->rules, r));
        f->refused++;
    }
    fw_random_name(w, next.s[F_NAME]);
    s = SysAllocString(next.s[F_NAME]);
    w->op = "firewall: put_Name";
    CHECK_HR(w, S_OK, INetFwRule_put_Name(r, s));
    SysFreeString(s);
    swprintf(next.s[F_DESC], FW_TEXT, L"step %lu", w->step);
    s = SysAllocString(next.s[F_DESC]);
    CHECK_HR(w, S_OK, INetFwRule_put_Description(r, s));
    SysFreeString(s);
    if (rnd(w, 2))
    {
        /* The usual rule of a program: a protocol, then its ports. */
        next.protocol = rnd(w, 2) ? 6 : 17;
        CHECK_HR(w, S_OK, INetFwRule_put_Protocol(r, next.protocol));
    }
    for (i = 0; i < puts; i++)
        fw_put_random(f, r, &next, 0);
    fw_check_object(f, r, &next);
    w->op = "firewall: Add";
    CHECK_HR(w, S_OK, INetFwRules_Add(f->rules, r));
    next.present = 1;
    next.generation = f->model[slot].generation + 1;
    f->model[slot] = next;
    f->adds++;
    if (rnd(w, 8) == 0)
    {
        w->op = "firewall: Add again";
        CHECK_HR(w, FW_EXISTS, INetFwRules_Add(f->rules, r));
    }
    fw_keep(f, r, slot);
}

/* A put through a kept rule object (stale ones answer ERROR_NOT_FOUND); its puts write through. */
static void fw_op_put(struct fw_walk *f)
{
    int h = (int)rnd(f->w, FW_HANDLES);
    struct fw_rule *m;

    if (!f->handles[h].r)
        return;
    m = &f->model[f->handles[h].slot];
    if (m->present && m->generation == f->handles[h].generation)
    {
        fw_put_random(f, f->handles[h].r, m, 0);
        fw_check_object(f, f->handles[h].r, m);
    }
    else
    {
        struct fw_rule scratch = *m;

        fw_put_random(f, f->handles[h].r, &scratch, 1);
    }
}

/* The rules as they are must be one of the first n of f->candidates, the states an operation may
 * leave (it may take any one of several rules: the store's order decides, which the model does
 * not know; a killed one may not have happened); the model becomes that one. Returns which. */
static int fw_settle(struct fw_walk *f, int n)
{
    static WCHAR seen[FW_RULES + 1][FW_LINE], lines[FW_RULES][FW_LINE];
    int m = fw_list(f->rules, seen, FW_RULES + 1), i;

    assert_true(m >= 0);
    for (i = 0; i < n; i++)
        if (fw_lines_equal(seen, m, lines, fw_model_lines(f->candidates[i], lines)))
        {
            memcpy(f->model, f->candidates[i], sizeof(f->model));
            return i;
        }
    print_error("walk: seed %llu, step %lu (%s): the rules are none of the %d the model allows\n", f->w->seed,
                f->w->step, f->w->op, n);
    fw_print_lines("enumerated", seen, m);
    fw_print_lines("the model's before it", lines, fw_model_lines(f->model, lines));
    fail();
    return -1;
}

/* Remove and Item by a name: with no rule of it, S_OK (Remove) and ERROR_FILE_NOT_FOUND (Item);
 * with one, that one; with several, one of them (the model takes the one the store lost). */
static void fw_op_by_name(struct fw_walk *f)
{
    struct walk *w = f->w;
    WCHAR name[FW_TEXT], line[FW_LINE], want[FW_LINE];
    int matches[FW_RULES], n = 0, i, remove = (int)rnd(w, 2);
    INetFwRule *r = (void *)0xdeadbeef;
    BSTR s;

    fw_random_name(w, name);
    for (i = 0; i < FW_RULES; i++)
        if (f->model[i].present && fw_names_equal(f->model[i].s[F_NAME], name))
            matches[n++] = i;
    s = SysAllocString(name);
    if (!remove)
    {
        w->op = "firewall: Item";
        CHECK_HR(w, n ? S_OK : FW_NO_ITEM, INetFwRules_Item(f->rules, s, &r));
        if (n)
        {
            fw_describe(r, line, ARRAYSIZE(line));
            for (i = 0; i < n; i++)
            {
                fw_model_line(&f->model[matches[i]], want, ARRAYSIZE(want));
                if (!wcscmp(line, want))
                    break;
            }
            if (i == n)
            {
                char a[4 * FW_LINE];

                print_error("walk: seed %llu, step %lu: Item of a name gives %s, no rule of the model\n", w->seed,
                            w->step, fw_utf8(line, a, sizeof(a)));
                fail();
            }
            INetFwRule_Release(r);
        }
        SysFreeString(s);
        return;
    }
    w->op = "firewall: Remove";
    CHECK_HR(w, S_OK, INetFwRules_Remove(f->rules, s));
    SysFreeString(s);
    for (i = 0; i < n; i++)
    {
        memcpy(f->candidates[i], f->model, sizeof(f->model));
        f->candidates[i][matches[i]].present = 0;
    }
    if (n)
        fw_settle(f, n);
    f->removes++;
}

/* ---- the firewall: the Windows XP views (README "Firewall": one truth for both APIs) ---- */

#define XP_PROFILE 2 /* the XP standard profile: the private one, current unless set otherwise */

/* Whether model rule m is an item of the XP lists of the profiles in mask: an inbound allow
 * rule, in one of them, without remote ports, local addresses, ICMP types, service, interface
 * types or edge traversal; an application's: its path, any protocol, no ports; an open port's:
 * TCP or UDP, one port, no application, in no XP service's group. */
static int xp_plain(const struct fw_rule *m, LONG mask)
{
    return m->present && m->direction == NET_FW_RULE_DIR_IN && m->action == NET_FW_ACTION_ALLOW &&
           (m->profiles & mask) && !m->s[F_RPORTS][0] && !m->s[F_LADDRS][0] && !m->s[F_ICMP][0] && !m->edge &&
           !m->s[F_SVC][0] && !m->s[F_IFTYPES][0];
}

static int xp_is_app(const struct fw_rule *m, LONG mask)
{
    return xp_plain(m, mask) && m->s[F_APP][0] && m->protocol == 256 && !m->s[F_LPORTS][0];
}

/* The XP services (NET_FW_SERVICE_TYPE order): their rule groups and ports (README "Firewall"). */
static const struct
{
    const WCHAR *name;
    LONG protocol[4], port[4];
    int count;
} xp_services[3] = {
    {L"File and Printer Sharing", {6, 6, 17, 17}, {139, 445, 137, 138}, 4},
    {L"UPnP Framework", {6, 17}, {2869, 1900}, 2},
    {L"Remote Desktop", {6}, {3389}, 1},
};

/* The service whose group m is in, -1 for none. */
static int xp_service_of(const struct fw_rule *m)
{
    int i;

    for (i = 0; i < 3; i++)
        if (fw_names_equal(m->s[F_GROUP], xp_services[i].name))
            return i;
    return -1;
}

/* The rule's one port where it has the shape of an open port (of a service or not), else 0. */
static LONG xp_port_shape(const struct fw_rule *m, LONG mask)
{
    WCHAR *end;
    long v;

    if (!xp_plain(m, mask) || m->s[F_APP][0] || !fw_port_protocol(m->protocol) || !m->s[F_LPORTS][0])
        return 0;
    v = wcstol(m->s[F_LPORTS], &end, 10);
    return *end || v < 1 || v > 65535 ? 0 : v;
}

/* The rule's one port, 0 where it is no globally open port (a service's are not). */
static LONG xp_port_of(const struct fw_rule *m, LONG mask)
{
    return xp_service_of(m) < 0 ? xp_port_shape(m, mask) : 0;
}

static int xp_scope_of(const WCHAR *raddrs)
{
    return !raddrs[0] ? NET_FW_SCOPE_ALL : !wcscmp(raddrs, L"LocalSubnet") ? NET_FW_SCOPE_LOCAL_SUBNET : NET_FW_SCOPE_CUSTOM;
}

static void xp_port_line(const WCHAR *name, LONG protocol, LONG port, int enabled, const WCHAR *raddrs, WCHAR *out)
{
    _snwprintf(out, FW_LINE, L"port|%s|%ld|%ld|%d|%d|%s", name, (long)protocol, (long)port, enabled,
               xp_scope_of(raddrs), raddrs[0] ? raddrs : L"*");
    out[FW_LINE - 1] = 0;
}

static void xp_app_line(const WCHAR *name, const WCHAR *app, int enabled, const WCHAR *raddrs, WCHAR *out)
{
    _snwprintf(out, FW_LINE, L"app|%s|%s|%d|%d|%s", name, app, enabled, xp_scope_of(raddrs), raddrs[0] ? raddrs : L"*");
    out[FW_LINE - 1] = 0;
}

/* The model's items of both lists of the XP profile, sorted. */
static int xp_model_lines(const struct fw_rule *model, WCHAR lines[][FW_LINE])
{
    int n = 0, i;

    for (i = 0; i < FW_RULES; i++)
        if (xp_port_of(&model[i], XP_PROFILE))
            xp_port_line(model[i].s[F_NAME], model[i].protocol, xp_port_of(&model[i], XP_PROFILE), model[i].enabled,
                         model[i].s[F_RADDRS], lines[n++]);
        else if (xp_is_app(&model[i], XP_PROFILE))
            xp_app_line(model[i].s[F_NAME], model[i].s[F_APP], model[i].enabled, model[i].s[F_RADDRS], lines[n++]);
    qsort(lines, (size_t)n, sizeof(lines[0]), fw_compare_lines);
    return n;
}

/* A BSTR of s that lives until four more are made (for [in] arguments). */
static BSTR scratch(const WCHAR *s)
{
    static BSTR ring[4];
    static unsigned next;

    SysFreeString(ring[next % 4]);
    return ring[next++ % 4] = SysAllocString(s);
}

static void xp_string(BSTR s, WCHAR *out)
{
    lstrcpynW(out, s && wcscmp(s, L"*") ? s : L"", FW_TEXT);
    SysFreeString(s);
}

static void xp_app_item(void *item, WCHAR *line)
{
    INetFwAuthorizedApplication *a = item;
    WCHAR name[FW_TEXT], path[FW_TEXT], raddrs[FW_TEXT];
    VARIANT_BOOL enabled = 0;
    BSTR s;

    s = NULL, INetFwAuthorizedApplication_get_Name(a, &s), xp_string(s, name);
    s = NULL, INetFwAuthorizedApplication_get_ProcessImageFileName(a, &s), xp_string(s, path);
    s = NULL, INetFwAuthorizedApplication_get_RemoteAddresses(a, &s), xp_string(s, raddrs);
    INetFwAuthorizedApplication_get_Enabled(a, &enabled);
    xp_app_line(name, path, enabled == VARIANT_TRUE, raddrs, line);
}

static void xp_port_item(void *item, WCHAR *line)
{
    INetFwOpenPort *p = item;
    WCHAR name[FW_TEXT], raddrs[FW_TEXT];
    NET_FW_IP_PROTOCOL protocol = 0;
    VARIANT_BOOL enabled = 0;
    LONG port = 0;
    BSTR s;

    s = NULL, INetFwOpenPort_get_Name(p, &s), xp_string(s, name);
    s = NULL, INetFwOpenPort_get_RemoteAddresses(p, &s), xp_string(s, raddrs);
    INetFwOpenPort_get_Protocol(p, &protocol);
    INetFwOpenPort_get_Port(p, &port);
    INetFwOpenPort_get_Enabled(p, &enabled);
    xp_port_line(name, protocol, port, enabled == VARIANT_TRUE, raddrs, line);
}

/* What both lists' enumerations give, in xp_model_lines' form, sorted; -1 where a call failed. */
static int xp_list(struct fw_walk *f, WCHAR lines[][FW_LINE], int max)
{
    struct fw_lines l = {lines, 0, max};
    IUnknown *unk = NULL;
    HRESULT hr = INetFwOpenPorts_get__NewEnum(f->ports, &unk);

    if (fw_gather(hr, unk, &IID_INetFwOpenPort, xp_port_item, &l) < 0)
        return -1;
    unk = NULL;
    hr = INetFwAuthorizedApplications_get__NewEnum(f->apps, &unk);
    return fw_gather(hr, unk, &IID_INetFwAuthorizedApplication, xp_app_item, &l);
}

/* Both lists of the XP profile hold exactly the model's rules of their shape. */
static void xp_check(struct fw_walk *f)
{
    static WCHAR want[FW_RULES][FW_LINE], got[FW_RULES + 1][FW_LINE];
    struct walk *w = f->w;
    LONG ports = -1, apps = -1;
    int n, m, i, want_ports = 0;

    w->op = "firewall: the XP lists";
    n = xp_model_lines(f->model, want);
    for (i = 0; i < n; i++)
        want_ports += !wcsncmp(want[i], L"port|", 5);
    CHECK_HR(w, S_OK, INetFwOpenPorts_get_Count(f->ports, &ports));
    CHECK_HR(w, S_OK, INetFwAuthorizedApplications_get_Count(f->apps, &apps));
    m = xp_list(f, got, FW_RULES + 1);
    if (ports != want_ports || apps != n - want_ports || !fw_lines_equal(want, n, got, m))
    {
        print_error("walk: seed %llu, step %lu: the XP lists have %ld ports and %ld applications, the model %d and %d\n",
                    w->seed, w->step, (long)ports, (long)apps, want_ports, n - want_ports);
        fw_print_lines("enumerated", got, m);
        fw_print_lines("the model's", want, n);
        fail();
    }
    f->xp_checks++;
}

/* Add to a list of the XP profile: the item the rules have in any profile (several: any one of
 * them) takes the new name, scope and state and this profile; else a new rule of the item's
 * shape. Remove takes the profile off the item's rule (any one of several), and the rule goes
 * with its last profile. Items of no name, no port or no path, and ports out of range, are
 * E_INVALIDARG. */
static void fw_op_xp(struct fw_walk *f)
{
    static const LONG xp_ports[] = {80, 443, 8000};
    static const WCHAR *const xp_apps[] = {L"C:\\games\\server.exe", L"c:\\GAMES\\Server.EXE", L"C:\\voice\\voice.exe"};
    struct fw_rule (*candidates)[FW_RULES] = f->candidates;
    struct walk *w = f->w;
    int apps = (int)rnd(w, 2), add = (int)rnd(w, 2), n = 0, slot, i, scope = (int)rnd(w, 3), bad = rnd(w, 10) == 0;
    LONG port = xp_ports[rnd(w, ARRAYSIZE(xp_ports))], protocol = rnd(w, 2) ? 6 : 17;
    const WCHAR *path = xp_apps[rnd(w, ARRAYSIZE(xp_apps))];
    struct fw_rule next;
    HRESULT hr;
    BSTR s;

    if (!add)
    {
        w->op = apps ? "firewall: AuthorizedApplications.Remove" : "firewall: GloballyOpenPorts.Remove";
        if (bad)
        {
            s = SysAllocString(L"");
            CHECK_HR(w, E_INVALIDARG, apps ? INetFwAuthorizedApplications_Remove(f->apps, s)
                                           : INetFwOpenPorts_Remove(f->ports, 0, NET_FW_IP_PROTOCOL_TCP));
            SysFreeString(s);
            f->refused++;
            return;
        }
        for (i = 0; i < FW_RULES; i++)
            if (apps ? xp_is_app(&f->model[i], XP_PROFILE) && fw_names_equal(f->model[i].s[F_APP], path)
                     : xp_port_of(&f->model[i], XP_PROFILE) == port && f->model[i].protocol == protocol)
            {
                memcpy(candidates[n], f->model, sizeof(f->model));
                if (!(candidates[n][i].profiles &= ~XP_PROFILE))
                    candidates[n][i].present = 0;
                n++;
            }
        s = SysAllocString(path);
        CHECK_HR(w, S_OK, apps ? INetFwAuthorizedApplications_Remove(f->apps, s)
                               : INetFwOpenPorts_Remove(f->ports, port, (NET_FW_IP_PROTOCOL)protocol));
        SysFreeString(s);
        if (n)
            fw_settle(f, n);
        f->xp_removes++;
        return;
    }
    w->op = apps ? "firewall: AuthorizedApplications.Add" : "firewall: GloballyOpenPorts.Add";
    fw_default_rule(&next);
    fw_random_name(w, next.s[F_NAME]);
    next.enabled = (int)rnd(w, 2);
    next.profiles = XP_PROFILE;
    wcscpy(next.s[F_RADDRS], scope == 0 ? L"" : scope == 1 ? L"LocalSubnet" : L"10.1.0.0/255.255.0.0");
    for (i = 0; i < FW_RULES && !bad; i++)
        if (apps ? xp_is_app(&f->model[i], 7) && fw_names_equal(f->model[i].s[F_APP], path)
                 : xp_port_of(&f->model[i], 7) == port && f->model[i].protocol == protocol)
        {
            struct fw_rule *c;

            memcpy(candidates[n], f->model, sizeof(f->model));
            c = &candidates[n++][i];
            wcscpy(c->s[F_NAME], next.s[F_NAME]);
            wcscpy(c->s[F_RADDRS], next.s[F_RADDRS]);
            c->enabled = next.enabled;
            c->profiles |= XP_PROFILE;
        }
    for (slot = 0; slot < FW_RULES && f->model[slot].present; slot++)
        ;
    if (!n && slot == FW_RULES)
        return; /* the model is full */
    if (apps)
    {
        INetFwAuthorizedApplication *a = NULL;

        wcscpy(next.s[F_APP], path);
        CHECK_HR(w, S_OK, CoCreateInstance(&CLSID_NetFwAuthorizedApplication, NULL, CLSCTX_INPROC_SERVER,
                                           &IID_INetFwAuthorizedApplication, (void **)&a));
        CHECK_HR(w, S_OK, INetFwAuthorizedApplication_put_Name(a, scratch(next.s[F_NAME])));
        if (!bad)
            CHECK_HR(w, S_OK, INetFwAuthorizedApplication_put_ProcessImageFileName(a, scratch(path)));
        CHECK_HR(w, S_OK, INetFwAuthorizedApplication_put_Enabled(a, next.enabled ? VARIANT_TRUE : VARIANT_FALSE));
        CHECK_HR(w, S_OK, scope == 2 ? INetFwAuthorizedApplication_put_RemoteAddresses(a, scratch(next.s[F_RADDRS]))
                                     : INetFwAuthorizedApplication_put_Scope(a, (NET_FW_SCOPE)scope));
        hr = INetFwAuthorizedApplications_Add(f->apps, a);
        INetFwAuthorizedApplication_Release(a);
    }
    else
    {
        INetFwOpenPort *p = NULL;

        next.protocol = protocol;
        swprintf(next.s[F_LPORTS], FW_TEXT, L"%ld", (long)port);
        CHECK_HR(w, S_OK, CoCreateInstance(&CLSID_NetFwOpenPort, NULL, CLSCTX_INPROC_SERVER, &IID_INetFwOpenPort,
                                           (void **)&p));
        if (!bad)
            CHECK_HR(w, S_OK, INetFwOpenPort_put_Name(p, scratch(next.s[F_NAME])));
        CHECK_HR(w, S_OK, INetFwOpenPort_put_Protocol(p, (NET_FW_IP_PROTOCOL)protocol));
        CHECK_HR(w, S_OK, INetFwOpenPort_put_Port(p, port));
        CHECK_HR(w, S_OK, INetFwOpenPort_put_Enabled(p, next.enabled ? VARIANT_TRUE : VARIANT_FALSE));
        CHECK_HR(w, S_OK, scope == 2 ? INetFwOpenPort_put_RemoteAddresses(p, scratch(next.s[F_RADDRS]))
                                     : INetFwOpenPort_put_Scope(p, (NET_FW_SCOPE)scope));
        hr = INetFwOpenPorts_Add(f->ports, p);
        INetFwOpenPort_Release(p);
    }
    if (bad)
    {
        CHECK_HR(w, E_INVALIDARG, hr);
        f->refused++;
        return;
    }
    CHECK_HR(w, S_OK, hr);
    if (!n)
    {
        next.present = 1;
        next.generation = f->model[slot].generation + 1;
        memcpy(candidates[0], f->model, sizeof(f->model));
        candidates[0][slot] = next;
        n = 1;
    }
    fw_settle(f, n);
    f->xp_adds++;
}

/* A service of the XP profile enabled or disabled: the rules of its ports that the profile
 * lacks are made first (in its group, named after the service, protocol and port, disabled),
 * then every rule of it in the profile takes the state; Enabled then reads it (TRUE: every port
 * has an enabled rule). */
static void fw_op_service(struct fw_walk *f)
{
    struct walk *w = f->w;
    int type = (int)rnd(w, 3), enable = (int)rnd(w, 2), p, i, slot = 0;
    struct fw_rule after[FW_RULES];
    INetFwService *svc = NULL;
    VARIANT_BOOL state = 42;

    w->op = enable ? "firewall: Services.Item.put_Enabled(TRUE)" : "firewall: Services.Item.put_Enabled(FALSE)";
    memcpy(after, f->model, sizeof(after));
    for (p = 0; p < xp_services[type].count; p++)
    {
        for (i = 0; i < FW_RULES; i++)
            if (xp_service_of(&after[i]) == type && xp_port_shape(&after[i], XP_PROFILE) == xp_services[type].port[p] &&
                after[i].protocol == xp_services[type].protocol[p])
                break;
        if (i < FW_RULES)
            continue;
        while (slot < FW_RULES && after[slot].present)
            slot++;
        if (slot == FW_RULES)
            return; /* the model is full */
        fw_default_rule(&after[slot]);
        after[slot].present = 1;
        after[slot].generation = f->model[slot].generation + 1;
        after[slot].profiles = XP_PROFILE;
        after[slot].protocol = xp_services[type].protocol[p];
        swprintf(after[slot].s[F_NAME], FW_TEXT, L"%ls (%ls %ld)", xp_services[type].name,
                 xp_services[type].protocol[p] == 6 ? L"TCP" : L"UDP", (long)xp_services[type].port[p]);
        wcscpy(after[slot].s[F_GROUP], xp_services[type].name);
        swprintf(after[slot].s[F_LPORTS], FW_TEXT, L"%ld", (long)xp_services[type].port[p]);
    }
    for (i = 0; i < FW_RULES; i++)
        if (xp_service_of(&after[i]) == type && xp_port_shape(&after[i], XP_PROFILE))
            after[i].enabled = enable;
    CHECK_HR(w, S_OK, INetFwServices_Item(f->services, (NET_FW_SERVICE_TYPE)type, &svc));
    CHECK_HR(w, S_OK, INetFwService_put_Enabled(svc, enable ? VARIANT_TRUE : VARIANT_FALSE));
    CHECK_HR(w, S_OK, INetFwService_get_Enabled(svc, &state));
    INetFwService_Release(svc);
    assert_int_equal(enable ? VARIANT_TRUE : VARIANT_FALSE, state);
    memcpy(f->model, after, sizeof(after));
    f->xp_services++;
    fw_check_all(f);
}

/* ---- the firewall: the per-profile settings, through INetFwPolicy2 and the XP profile ---- */

static const char *const fw_setting_names[FW_SETTINGS] = {
    "FirewallEnabled", "BlockAllInboundTraffic", "NotificationsDisabled",
    "UnicastResponsesToMulticastBroadcastDisabled", "DefaultInboundAction", "DefaultOutboundAction",
};

/* A setting of one profile (1, 2 or 4, or another value) through INetFwPolicy2. */
static HRESULT fw_policy_get(INetFwPolicy2 *p, int setting, LONG profile, LONG *out)
{
    NET_FW_PROFILE_TYPE2 t = (NET_FW_PROFILE_TYPE2)profile;
    VARIANT_BOOL b = 42;
    NET_FW_ACTION a = 42;
    HRESULT hr;

    switch (setting)
    {
    case FW_SET_ENABLED: hr = INetFwPolicy2_get_FirewallEnabled(p, t, &b); break;
    case FW_SET_BLOCK_ALL: hr = INetFwPolicy2_get_BlockAllInboundTraffic(p, t, &b); break;
    case FW_SET_NOTIFY_OFF: hr = INetFwPolicy2_get_NotificationsDisabled(p, t, &b); break;
    case FW_SET_UNICAST_OFF: hr = INetFwPolicy2_get_UnicastResponsesToMulticastBroadcastDisabled(p, t, &b); break;
    case FW_SET_IN_ACTION: hr = INetFwPolicy2_get_DefaultInboundAction(p, t, &a); break;
    default: hr = INetFwPolicy2_get_DefaultOutboundAction(p, t, &a); break;
    }
    *out = setting >= FW_SET_IN_ACTION ? (LONG)a : b == VARIANT_TRUE;
    return hr;
}

static HRESULT fw_policy_put(INetFwPolicy2 *p, int setting, LONG profile, LONG value)
{
    NET_FW_PROFILE_TYPE2 t = (NET_FW_PROFILE_TYPE2)profile;
    VARIANT_BOOL b = value ? VARIANT_TRUE : VARIANT_FALSE;

    switch (setting)
    {
    case FW_SET_ENABLED: return INetFwPolicy2_put_FirewallEnabled(p, t, b);
    case FW_SET_BLOCK_ALL: return INetFwPolicy2_put_BlockAllInboundTraffic(p, t, b);
    case FW_SET_NOTIFY_OFF: return INetFwPolicy2_put_NotificationsDisabled(p, t, b);
    case FW_SET_UNICAST_OFF: return INetFwPolicy2_put_UnicastResponsesToMulticastBroadcastDisabled(p, t, b);
    case FW_SET_IN_ACTION: return INetFwPolicy2_put_DefaultInboundAction(p, t, (NET_FW_ACTION)value);
    default: return INetFwPolicy2_put_DefaultOutboundAction(p, t, (NET_FW_ACTION)value);
    }
}

/* The XP profile's four settings (of the private profile). */
static HRESULT fw_xp_get(INetFwProfile *x, int setting, LONG *out)
{
    VARIANT_BOOL b = 42;
    HRESULT hr;

    switch (setting)
    {
    case FW_SET_ENABLED: hr = INetFwProfile_get_FirewallEnabled(x, &b); break;
    case FW_SET_BLOCK_ALL: hr = INetFwProfile_get_ExceptionsNotAllowed(x, &b); break;
    case FW_SET_NOTIFY_OFF: hr = INetFwProfile_get_NotificationsDisabled(x, &b); break;
    default: hr = INetFwProfile_get_UnicastResponsesToMulticastBroadcastDisabled(x, &b); break;
    }
    *out = b == VARIANT_TRUE;
    return hr;
}

static HRESULT fw_xp_put(INetFwProfile *x, int setting, LONG value)
{
    VARIANT_BOOL b = value ? VARIANT_TRUE : VARIANT_FALSE;

    switch (setting)
    {
    case FW_SET_ENABLED: return INetFwProfile_put_FirewallEnabled(x, b);
    case FW_SET_BLOCK_ALL: return INetFwProfile_put_ExceptionsNotAllowed(x, b);
    case FW_SET_NOTIFY_OFF: return INetFwProfile_put_NotificationsDisabled(x, b);
    default: return INetFwProfile_put_UnicastResponsesToMulticastBroadcastDisabled(x, b);
    }
}

/* Every setting of every profile through INetFwPolicy2, and the private ones through the XP
 * profile, read as the model's. first: the model takes them (the walk's start). */
static void fw_check_settings(struct fw_walk *f, int first)
{
    struct walk *w = f->w;
    int i, s;
    LONG v;

    w->op = "firewall: the settings";
    for (i = 0; i < 3; i++)
        for (s = 0; s < FW_SETTINGS; s++)
        {
            CHECK_HR(w, S_OK, fw_policy_get(f->policy, s, 1 << i, &v));
            if (first)
                f->settings[i][s] = v;
            else if (v != f->settings[i][s])
            {
                print_error("walk: seed %llu, step %lu: %s of profile %d reads %ld, the model %ld\n", w->seed, w->step,
                            fw_setting_names[s], 1 << i, (long)v, (long)f->settings[i][s]);
                fail();
            }
        }
    for (s = 0; s < FW_SET_IN_ACTION; s++)
    {
        CHECK_HR(w, S_OK, fw_xp_get(f->xp, s, &v));
        if (v != f->settings[1][s])
        {
            print_error("walk: seed %llu, step %lu: the XP profile's %s reads %ld, the model %ld\n", w->seed, w->step,
                        fw_setting_names[s], (long)v, (long)f->settings[1][s]);
            fail();
        }
    }
}

/* A setting put through INetFwPolicy2 (one profile: 1, 2 or 4; another profile value, or an
 * action that is neither block nor allow, is E_INVALIDARG and changes nothing) or through the
 * XP profile (the private one's); then every setting read back. */
static void fw_op_setting(struct fw_walk *f)
{
    static const LONG profiles[] = {1, 2, 4, 1, 2, 4, 3, 0, 0x7fffffff};
    struct walk *w = f->w;
    int xp = rnd(w, 4) == 0, s = (int)rnd(w, xp ? FW_SET_IN_ACTION : FW_SETTINGS), i;
    LONG profile = xp ? 2 : profiles[rnd(w, ARRAYSIZE(profiles))], value = (LONG)rnd(w, s >= FW_SET_IN_ACTION ? 3 : 2);
    int valid = (profile == 1 || profile == 2 || profile == 4) && value <= 1;

    w->op = xp ? "firewall: a setting of the XP profile" : "firewall: a setting of INetFwPolicy2";
    CHECK_HR(w, valid ? S_OK : E_INVALIDARG, xp ? fw_xp_put(f->xp, s, value) : fw_policy_put(f->policy, s, profile, value));
    for (i = 0; valid && i < 3; i++)
        if (profile == 1 << i)
            f->settings[i][s] = value;
    f->settings_put++;
    fw_check_settings(f, 0);
}

/* ---- the firewall: the other architecture's reader, and processes killed in an operation ---- */

static int fw_open(INetFwPolicy2 **policy, INetFwRules **rules)
{
    if (FAILED(CoInitializeEx(NULL, COINIT_MULTITHREADED)) ||
        FAILED(CoCreateInstance(&CLSID_NetFwPolicy2, NULL, CLSCTX_INPROC_SERVER, &IID_INetFwPolicy2, (void **)policy)) ||
        FAILED(INetFwPolicy2_get_Rules(*policy, rules)) || !*rules)
        return 0;
    return 1;
}

/* Lines as UTF-8, one per line. */
static void fw_write_lines(FILE *out, WCHAR lines[][FW_LINE], int n)
{
    char utf8[4 * FW_LINE];
    int i;

    for (i = 0; i < n; i++)
        fprintf(out, "%s\n", fw_utf8(lines[i], utf8, sizeof(utf8)));
}

/* "fwdump PATH": every rule this process reads, sorted, in fw_describe's form. */
static int fw_dump_main(const char *path)
{
    static WCHAR lines[FW_RULES + 1][FW_LINE];
    INetFwPolicy2 *policy = NULL;
    INetFwRules *rules = NULL;
    FILE *out;
    int n;

    if (!fw_open(&policy, &rules) || (n = fw_list(rules, lines, FW_RULES + 1)) < 0 || !(out = fopen(path, "w")))
        return 2;
    fw_write_lines(out, lines, n);
    fclose(out);
    return 0;
}

static void fw_write_model(FILE *out, const void *model)
{
    static WCHAR lines[FW_RULES][FW_LINE];

    fw_write_lines(out, lines, fw_model_lines(model, lines));
}

/* A process of the other architecture reads every rule: they must be the model's. */
static void fw_check_peer(struct fw_walk *f)
{
    f->w->op = "firewall: read by the other architecture";
    check_peer_writes(f->w, "fwdump", fw_write_model, f->model);
    f->peer_reads++;
}

/* "fwop KIND NAMEHEX PROTOCOL PORTSHEX DESCHEX" (KIND add, remove, enable, disable): opens the
 * rules, makes the operation once (add: a new rule of that name, protocol, local ports and
 * description, enabled; remove: Remove of the name; enable, disable: put_Enabled on the rule
 * Item gives for the name), then waits to be killed. */
static int fw_op_main(int argc, char **argv)
{
    INetFwPolicy2 *policy = NULL;
    INetFwRules *rules = NULL;
    INetFwRule *r = NULL;
    WCHAR name[FW_TEXT], ports[FW_TEXT], desc[FW_TEXT];
    BSTR s;

    if (argc < 7 || !fw_open(&policy, &rules))
        return 2;
    hex_to_units(argv[3], name);
    hex_to_units(argv[5], ports);
    hex_to_units(argv[6], desc);
    s = SysAllocString(name);
    if (!strcmp(argv[2], "add"))
    {
        BSTR p = SysAllocString(ports), d = SysAllocString(desc);

        if (SUCCEEDED(CoCreateInstance(&CLSID_NetFwRule, NULL, CLSCTX_INPROC_SERVER, &IID_INetFwRule, (void **)&r)) &&
            SUCCEEDED(INetFwRule_put_Name(r, s)) && SUCCEEDED(INetFwRule_put_Protocol(r, atol(argv[4]))) &&
            (!ports[0] || SUCCEEDED(INetFwRule_put_LocalPorts(r, p))) && SUCCEEDED(INetFwRule_put_Description(r, d)) &&
            SUCCEEDED(INetFwRule_put_Enabled(r, VARIANT_TRUE)))
            INetFwRules_Add(rules, r);
    }
    else if (!strcmp(argv[2], "remove"))
        INetFwRules_Remove(rules, s);
    else if (SUCCEEDED(INetFwRules_Item(rules, s, &r)) && r)
        INetFwRule_put_Enabled(r, strcmp(argv[2], "enable") ? VARIANT_FALSE : VARIANT_TRUE);
    for (;;)
        Sleep(1000);
}

/* A child of either architecture makes one operation and is killed at a random moment: the
 * rules must then be the model's before the operation or after it, never a third state. With
 * several rules of the name, "after" is the operation on any one of them. */
static void fw_op_killed(struct fw_walk *f)
{
    static const char *const kinds[] = {"add", "remove", "enable", "disable"};
    static WCHAR before[FW_RULES][FW_LINE], after[FW_RULES][FW_LINE];
    static char op[64 + FW_TEXT * 4];
    struct fw_rule (*candidates)[FW_RULES] = f->candidates;
    struct walk *w = f->w;
    struct fw_rule next;
    char name_hex[FW_TEXT * 4 + 1], ports_hex[FW_TEXT * 4 + 1], desc_hex[FW_TEXT * 4 + 1];
    WCHAR args[3 * FW_TEXT * 4 + 64];
    unsigned delay = rnd(w, 400);
    int kind = (int)rnd(w, 4), peer = (int)rnd(w, 2), n = 1, nb, slot, i, changed = 0;

    fw_default_rule(&next);
    fw_random_name(w, next.s[F_NAME]);
    next.protocol = rnd(w, 2) ? 6 : 17;
    if (rnd(w, 2))
        wcscpy(next.s[F_LPORTS], fw_ports[rnd(w, 4)].out);
    swprintf(next.s[F_DESC], FW_TEXT, L"killed at %lu", w->step);
    next.enabled = 1;
    for (slot = 0; slot < FW_RULES && f->model[slot].present; slot++)
        ;
    if (kind == 0 && slot == FW_RULES)
        return;
    /* The states it may leave: the model as it is (killed before it), and the model changed by
     * it, on each rule it may touch. */
    memcpy(candidates[0], f->model, sizeof(f->model));
    if (kind == 0)
    {
        memcpy(candidates[n], f->model, sizeof(f->model));
        next.present = 1;
        next.generation = f->model[slot].generation + 1;
        candidates[n++][slot] = next;
    }
    else
        for (i = 0; i < FW_RULES; i++)
            if (f->model[i].present && fw_names_equal(f->model[i].s[F_NAME], next.s[F_NAME]))
            {
                memcpy(candidates[n], f->model, sizeof(f->model));
                if (kind == 1)
                    candidates[n][i].present = 0;
                else
                    candidates[n][i].enabled = kind == 2;
                n++;
            }
    units_to_hex(next.s[F_NAME], name_hex);
    units_to_hex(next.s[F_LPORTS], ports_hex);
    units_to_hex(next.s[F_DESC], desc_hex);
    _snwprintf(args, ARRAYSIZE(args), L"fwop %hs %hs %ld %hs %hs", kinds[kind], name_hex, (long)next.protocol,
               ports_hex[0] ? ports_hex : "-", desc_hex);
    args[ARRAYSIZE(args) - 1] = 0;
    snprintf(op, sizeof(op), "firewall: a killed '%s' of %s", kinds[kind], name_hex);
    w->op = op;
    run_and_kill(args, peer, delay);
    if (fw_settle(f, n) > 0)
    {
        f->kills_after++;
        return;
    }
    /* As before it, or it changes nothing (an enable of an enabled rule). */
    nb = fw_model_lines(candidates[0], before);
    for (i = 1; i < n && !changed; i++)
        changed = !fw_lines_equal(before, nb, after, fw_model_lines(candidates[i], after));
    if (changed)
        f->kills_before++;
    else
        f->kills_noop++;
}

static void firewall_walk_follows_the_model(void **state)
{
    struct walk *w = calloc(1, sizeof(*w));
    struct fw_walk *f = calloc(1, sizeof(*f));
    unsigned long steps;
    int i;

    (void)state;
    assert_non_null(w);
    assert_non_null(f);
    f->w = w;
    steps = walk_begin(w, "firewall: ", 0x5bd1e995, "OHN_WALK_FIREWALL_STEPS", 20);
    CHECK_HR(w, S_OK, CoCreateInstance(&CLSID_NetFwPolicy2, NULL, CLSCTX_INPROC_SERVER, &IID_INetFwPolicy2,
                                       (void **)&f->policy));
    CHECK_HR(w, S_OK, INetFwPolicy2_get_Rules(f->policy, &f->rules));
    {
        INetFwMgr *mgr = NULL;
        INetFwPolicy *local = NULL;
        INetFwProfile *profile = NULL;

        CHECK_HR(w, S_OK, CoCreateInstance(&CLSID_NetFwMgr, NULL, CLSCTX_INPROC_SERVER, &IID_INetFwMgr, (void **)&mgr));
        CHECK_HR(w, S_OK, INetFwMgr_get_LocalPolicy(mgr, &local));
        CHECK_HR(w, S_OK, INetFwPolicy_get_CurrentProfile(local, &profile));
        CHECK_HR(w, S_OK, INetFwProfile_get_GloballyOpenPorts(profile, &f->ports));
        CHECK_HR(w, S_OK, INetFwProfile_get_AuthorizedApplications(profile, &f->apps));
        CHECK_HR(w, S_OK, INetFwProfile_get_Services(profile, &f->services));
        f->xp = profile;
        INetFwPolicy_Release(local);
        INetFwMgr_Release(mgr);
    }
    fw_check_all(f);
    fw_check_settings(f, 1);
    for (w->step = 1; w->step <= steps; w->step++)
    {
        unsigned pick = rnd(w, 100);

        if (pick < 24)
            fw_op_add(f);
        else if (pick < 60)
            fw_op_put(f);
        else if (pick < 78)
            fw_op_by_name(f);
        else if (pick < 91)
            fw_op_xp(f);
        else if (pick < 93)
            fw_op_service(f);
        else if (pick < 94)
            fw_op_setting(f);
        else if (pick < 97)
        {
            fw_check_all(f);
            fw_check_settings(f, 0);
        }
        else if (rnd(w, 2))
            fw_check_peer(f);
        else
            fw_op_killed(f);
    }
    w->op = "firewall: end";
    fw_check_all(f);
    fw_check_settings(f, 0);
    fw_check_peer(f);
    print_message("walk: firewall: seed %llu, %lu steps as the model says (%lu adds, %lu removes, %lu puts, %lu "
                  "refused; through the XP lists %lu adds and %lu removes, %lu services enabled or disabled, the "
                  "lists read %lu times; %lu settings put); the other "
                  "architecture read the rules %lu times, as the model says; %lu processes killed in an operation "
                  "(rules as before it %lu, as after it %lu, neither 0; %lu that change nothing)\n",
                  w->seed, steps, f->adds, f->removes, f->puts, f->refused, f->xp_adds, f->xp_removes, f->xp_services, f->xp_checks, f->settings_put,
                  f->peer_reads, f->kills_before + f->kills_after + f->kills_noop, f->kills_before, f->kills_after,
                  f->kills_noop);
    current = NULL;
    for (i = 0; i < FW_HANDLES; i++)
        if (f->handles[i].r)
            INetFwRule_Release(f->handles[i].r);
    INetFwOpenPorts_Release(f->ports);
    INetFwAuthorizedApplications_Release(f->apps);
    INetFwServices_Release(f->services);
    INetFwProfile_Release(f->xp);
    INetFwRules_Release(f->rules);
    INetFwPolicy2_Release(f->policy);
    free(f);
    free(w);
}

static int firewall_setup(void **state)
{
    HKEY key;
    int r = test_setup_com(state);

    if (!RegOpenKeyExW(HKEY_LOCAL_MACHINE, FW_RULES_KEY, 0, KEY_ALL_ACCESS | KEY_WOW64_64KEY, &key))
    {
        RegDeleteTreeW(key, NULL);
        RegCloseKey(key);
    }
    return r;
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(sharing_walk_follows_the_model, test_setup_com, walk_teardown),
        cmocka_unit_test_setup_teardown(firewall_walk_follows_the_model, firewall_setup, walk_teardown),
    };

    if (argc > 2 && !strcmp(argv[1], "dump"))
        return dump_main(argv[2]);
    if (argc > 2 && !strcmp(argv[1], "op"))
        return op_main(argc, argv);
    if (argc > 2 && !strcmp(argv[1], "fwdump"))
        return fw_dump_main(argv[2]);
    if (argc > 2 && !strcmp(argv[1], "fwop"))
        return fw_op_main(argc, argv);
    return cmocka_run_group_tests(tests, NULL, NULL);
}
