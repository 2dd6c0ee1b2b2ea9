/*
 * The enabled ICS mappings of the publicly shared connection, realised on the gateway, through
 * whichever protocol it speaks (gateway.h).
 *
 * The store is the truth. A pass compares, for every (protocol, external port), what the store
 * wants (an enabled mapping: target, internal port, its name as description), what this DLL
 * recorded as created on that gateway (HKLM\Software\open-hnetcfg\UPnP\Owned\<gateway>), and
 * what the gateway has there now, and acts on ohn_rz_plan: create, renew, replace or delete
 * our own, never a mapping we did not create. Only one pass runs at a time in the prefix
 * (a named mutex).
 *
 * A change of one mapping (Enable, Disable, Delete, RemovePortMapping) settles that key alone:
 * one request to check what the gateway has there (none when nothing is wanted and nothing is
 * recorded) and at most one to change it. Whole passes are for sharing changes, the background
 * pass of each process, `hnetmap upnp sync`, and the recovery after a change that failed or
 * timed out (pass_owed). A pass costs one request per key and is linear in the keys: they are
 * found through a hash table sized to what the pass holds.
 *
 * Leases: a permanent one is asked for; a gateway that refuses it gets the longest it accepts
 * (ohn_lease_fallback), and a gateway that shortens it (miniupnpd makes 0 a week) has it
 * renewed at half by the passes that every process using the DLL makes.
 *
 * Realisation is on unless HKLM\Software\open-hnetcfg\UPnP\Realize is 0 (hnetmap upnp
 * realize off); turning it off removes from the gateway what it had created.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "base.h"
#include "store/store.h"
#include "gateway/engine.h"
#include "gateway/clock.h"
#include "gateway/errors.h"
#include "gateway/realize.h"
#include "gateway/resolve.h"
#include "gateway/text.h"
#include "gateway/threads.h"

#define OWNED_KEY OHN_UPNP_KEY L"\\Owned"
#define REALIZE_LOCK L"Local\\open-hnetcfg-realize"
#define BACKGROUND_MS 10000

static LONG realize_setting = -1; /* -1 not read yet */
static LONG background_started;
/* Set when a change's realisation failed or timed out: the next change runs a whole pass, and
 * so does the background retry; a whole pass that succeeds clears it. */
static LONG pass_owed;

BOOL ohn_realize_enabled(void)
{
    DWORD value = 1, size = sizeof(value);

    if (realize_setting < 0)
    {
        if (RegGetValueW(HKEY_LOCAL_MACHINE, OHN_UPNP_KEY, L"Realize", RRF_RT_REG_DWORD | RRF_SUBKEY_WOW6464KEY, NULL,
                         &value, &size))
            value = 1;
        InterlockedExchange(&realize_setting, value ? 1 : 0);
    }
    return realize_setting > 0;
}

HRESULT ohn_realize_set_enabled(BOOL enabled)
{
    DWORD value = enabled ? 1 : 0;
    HKEY key;
    LONG err;

    if ((err = RegCreateKeyExW(HKEY_LOCAL_MACHINE, OHN_UPNP_KEY, 0, NULL, 0, KEY_SET_VALUE | KEY_WOW64_64KEY, NULL, &key,
                               NULL)))
        return HRESULT_FROM_WIN32(err);
    err = RegSetValueExW(key, L"Realize", 0, REG_DWORD, (const BYTE *)&value, sizeof(value));
    RegCloseKey(key);
    if (!err)
        InterlockedExchange(&realize_setting, value);
    return HRESULT_FROM_WIN32(err);
}

/* The Owned key of a gateway (backslashes cannot be in a key name). */
static HRESULT owned_key(const struct ohn_gateway *gw, BOOL create, HKEY *out)
{
    WCHAR path[ARRAY_SIZE(OWNED_KEY) + OHN_URL_MAX + 2], *p;
    LONG err;
    int n;

    wcscpy(path, OWNED_KEY L"\\");
    p = path + wcslen(path);
    if (!(n = MultiByteToWideChar(CP_UTF8, 0, gw->igd.location, -1, p, OHN_URL_MAX)))
        return E_UNEXPECTED;
    for (; *p; p++)
        if (*p == '\\')
            *p = '_';
    if (create)
        err = RegCreateKeyExW(HKEY_LOCAL_MACHINE, path, 0, NULL, 0, KEY_ALL_ACCESS | KEY_WOW64_64KEY, NULL, out, NULL);
    else
        err = RegOpenKeyExW(HKEY_LOCAL_MACHINE, path, 0, KEY_ALL_ACCESS | KEY_WOW64_64KEY, out);
    if (err == ERROR_FILE_NOT_FOUND && !create)
        return S_FALSE;
    return HRESULT_FROM_WIN32(err);
}

/* One (protocol, port) of a pass. */
struct key
{
    uint8_t protocol;
    uint16_t port;
    struct ohn_rz_want want;
    char description[800];
    WCHAR target[OHN_TARGET_MAX + 1];
    BOOL target_is_name;
    BOOL owned_valid;
    struct ohn_owned owned;
};

/* The keys of a pass, and an open-addressing table of their indexes (plus one; 0 free) by
 * (protocol, port), kept at most half full. */
struct pass
{
    struct key *keys;
    unsigned count, capacity;
    uint32_t *slots;
    unsigned slot_count; /* a power of two */
};

static unsigned slot_of(const struct pass *p, uint8_t protocol, uint16_t port)
{
    uint32_t h = ((uint32_t)protocol << 16 | port) * 2654435761u;

    return (h >> 8) & (p->slot_count - 1);
}

static struct key *find_key(struct pass *p, uint8_t protocol, uint16_t port, BOOL add)
{
    unsigned i;
    struct key *k;

    if (p->slot_count)
        for (i = slot_of(p, protocol, port); p->slots[i]; i = (i + 1) & (p->slot_count - 1))
        {
            k = &p->keys[p->slots[i] - 1];
            if (k->protocol == protocol && k->port == port)
                return k;
        }
    if (!add)
        return NULL;
    if (p->count == p->capacity)
    {
        unsigned capacity = p->capacity ? p->capacity * 2 : 64;
        void *keys = p->keys ? HeapReAlloc(GetProcessHeap(), 0, p->keys, capacity * sizeof(*p->keys))
                             : HeapAlloc(GetProcessHeap(), 0, capacity * sizeof(*p->keys));
        uint32_t *slots = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, 2 * capacity * sizeof(*slots));

        if (!keys || !slots)
        {
            if (keys)
                p->keys = keys;
            HeapFree(GetProcessHeap(), 0, slots);
            return NULL;
        }
        p->keys = keys;
        p->capacity = capacity;
        HeapFree(GetProcessHeap(), 0, p->slots);
        p->slots = slots;
        p->slot_count = 2 * capacity;
        for (i = 0; i < p->count; i++)
        {
            unsigned j = slot_of(p, p->keys[i].protocol, p->keys[i].port);

            while (p->slots[j])
                j = (j + 1) & (p->slot_count - 1);
            p->slots[j] = i + 1;
        }
    }
    k = &p->keys[p->count];
    memset(k, 0, sizeof(*k));
    k->protocol = protocol;
    k->port = port;
    for (i = slot_of(p, protocol, port); p->slots[i]; i = (i + 1) & (p->slot_count - 1))
        ;
    p->slots[i] = ++p->count;
    return k;
}

static void pass_free(struct pass *p)
{
    HeapFree(GetProcessHeap(), 0, p->keys);
    HeapFree(GetProcessHeap(), 0, p->slots);
}

/* The public connection, or S_FALSE when none is shared. */
static HRESULT public_connection(GUID *guid)
{
    static const uint8_t none[OHN_GUID_SIZE];
    struct ohn_sharing roles;
    HRESULT hr;

    if (FAILED(hr = store_get_roles(&roles)))
        return hr;
    memcpy(guid, roles.public_guid, sizeof(*guid));
    return memcmp(roles.public_guid, none, sizeof(none)) ? S_OK : S_FALSE;
}

/* What the store wants of k: its enabled mapping m. */
static void want(struct key *k, const struct ohn_mapping *m)
{
    k->want.present = 1;
    k->want.internal_port = m->internal_port;
    memcpy(k->target, m->target, m->target_len * sizeof(ohn_char));
    k->target[m->target_len] = 0;
    k->target_is_name = m->target_type == OHN_TARGET_NAME;
    /* The mapping's name, cut at a NUL as every string of the DLL is. */
    if (!ohn_utf8_from_wide((const WCHAR *)m->name, wcsnlen((const WCHAR *)m->name, m->name_len), k->description,
                            sizeof(k->description)))
        strcpy(k->description, "open-hnetcfg");
}

/* What the store wants of one key of the public connection: its mapping, if enabled. */
static HRESULT read_wanted_key(const GUID *connection, struct key *k)
{
    struct store_conn *conn;
    struct ohn_mapping m;
    uint32_t id;
    HRESULT hr;

    if (FAILED(hr = store_conn_open(connection, &conn)))
        return hr;
    if ((hr = store_mapping_find(conn, k->protocol, k->port, &m, &id)) == S_OK && m.enabled)
        want(k, &m);
    store_conn_release(conn);
    return SUCCEEDED(hr) ? S_OK : hr;
}

/* What the store wants: the enabled mappings of the public connection. */
static HRESULT read_wanted(struct pass *p)
{
    struct store_conn *conn;
    struct store_list list;
    struct ohn_mapping m;
    struct key *k;
    uint32_t id;
    ULONG i;
    GUID guid;
    HRESULT hr;

    if ((hr = public_connection(&guid)) != S_OK)
        return SUCCEEDED(hr) ? S_OK : hr;
    if (FAILED(hr = store_conn_open(&guid, &conn)))
        return hr;
    if (SUCCEEDED(hr = store_mapping_list(conn, TRUE, &list)))
    {
        for (i = 0; i < list.count; i++)
        {
            if (ohn_stored_decode(list.data + list.offset[i], list.size[i], &id, &m) != OHN_OK)
                continue;
            if (!(k = find_key(p, m.protocol, m.external_port, TRUE)))
            {
                hr = E_OUTOFMEMORY;
                break;
            }
            want(k, &m);
        }
        store_list_free(&list);
    }
    store_conn_release(conn);
    return hr;
}

/* Whether a value of the Owned key is our valid record of (protocol, port). */
static BOOL owned_record(const BYTE *data, DWORD size, DWORD type, uint8_t protocol, uint16_t port,
                         struct ohn_owned *o)
{
    return type == REG_BINARY && !ohn_owned_decode(data, size, o) && o->kind == OHN_OWNER_ICS &&
           o->protocol == protocol && o->external_port == port;
}

static void read_owned_key(HKEY owned, struct key *k)
{
    WCHAR name[OHN_KEY_NAME_LEN];
    BYTE data[OHN_OWNED_SIZE + 1];
    DWORD size = sizeof(data), type;

    ohn_key_name(k->protocol, k->port, (ohn_char *)name);
    if (owned && !RegQueryValueExW(owned, name, NULL, &type, data, &size) &&
        owned_record(data, size, type, k->protocol, k->port, &k->owned))
        k->owned_valid = TRUE;
}

static void read_owned(struct pass *p, HKEY owned)
{
    WCHAR name[OHN_KEY_NAME_LEN];
    BYTE data[OHN_OWNED_SIZE + 1];
    DWORD i, name_len, size, type;
    struct ohn_owned o;
    uint8_t protocol;
    uint16_t port;
    struct key *k;

    for (i = 0;; i++)
    {
        name_len = ARRAY_SIZE(name);
        size = sizeof(data);
        if (RegEnumValueW(owned, i, name, &name_len, NULL, &type, data, &size))
            break;
        if (ohn_parse_key_name(ohn_str(name), name_len, &protocol, &port) != OHN_OK ||
            !owned_record(data, size, type, protocol, port, &o) || !(k = find_key(p, protocol, port, TRUE)))
            continue;
        k->owned_valid = TRUE;
        k->owned = o;
    }
}

static void write_owned(HKEY owned, const struct ohn_owned *o)
{
    WCHAR name[OHN_KEY_NAME_LEN];
    BYTE data[OHN_OWNED_SIZE];

    ohn_key_name(o->protocol, o->external_port, (ohn_char *)name);
    ohn_owned_encode(o, data, sizeof(data));
    RegSetValueExW(owned, name, 0, REG_BINARY, data, sizeof(data));
}

static void delete_owned(HKEY owned, uint8_t protocol, uint16_t port)
{
    WCHAR name[OHN_KEY_NAME_LEN];

    ohn_key_name(protocol, port, (ohn_char *)name);
    RegDeleteValueW(owned, name);
}

/* Creates k's mapping and records it, with the lease the gateway really gave: what it made of
 * a permanent lease is read back once per gateway and process (permanent_lease), a finite
 * lease it accepted is what it gave. */
static int create(struct ohn_gateway *gw, HKEY owned, const struct key *k, uint64_t deadline)
{
    struct ohn_igd_entry e, back;
    struct ohn_owned o;
    long granted;
    int err;

    memset(&e, 0, sizeof(e));
    e.protocol = k->protocol;
    e.external_port = k->port;
    e.internal_ip = k->want.internal_ip;
    e.internal_port = k->want.internal_port;
    e.enabled = 1;
    strcpy(e.description, k->description);
    if ((err = ohn_gw_add(gw, deadline, &e, &granted)))
        return err;
    if (!granted && gw->permanent_learned)
        granted = gw->permanent_lease;
    else if (!granted && !ohn_gw_get(gw, deadline, k->protocol, k->port, "", &back))
    {
        granted = back.lease > 0 ? back.lease : 0;
        InterlockedExchange(&gw->permanent_lease, granted);
        InterlockedExchange(&gw->permanent_learned, 1);
    }
    memset(&o, 0, sizeof(o));
    o.protocol = k->protocol;
    o.kind = OHN_OWNER_ICS;
    o.external_port = k->port;
    o.internal_ip = e.internal_ip;
    o.internal_port = e.internal_port;
    o.lease = (int32_t)granted;
    o.expires = granted ? ohn_unix_now() + (uint64_t)granted : 0;
    write_owned(owned, &o);
    return 0;
}

/* Resolves k's target (names within the deadline, at most a second). */
static void resolve(struct key *k, uint64_t deadline)
{
    uint64_t until = ohn_now_ms() + 1000;

    if (!k->want.present)
        return;
    if (ohn_resolve_ipv4(k->target, wcslen(k->target), until < deadline ? until : deadline, &k->want.internal_ip) !=
        S_OK)
        k->want.internal_ip = 0;
}

/* Plans one key against the gateway; *state is its state after the plan. Acts when act is set. */
static int settle(struct ohn_gateway *gw, HKEY owned, struct key *k, uint64_t deadline, BOOL act,
                  enum ohn_rz_state *state)
{
    struct ohn_rz_gateway now = {0, 0, 0};
    struct ohn_igd_entry e;
    struct ohn_rz_plan plan;
    int err;

    /* Nothing wanted and nothing of ours recorded: there is nothing to do whatever the gateway
     * has there, so it is not asked. */
    if (!k->want.present && !k->owned_valid)
    {
        *state = OHN_RZS_NONE;
        return 0;
    }
    err = ohn_gw_get(gw, deadline, k->protocol, k->port, "", &e);
    if (err && err != OHN_UPNP_NO_SUCH_ENTRY)
        return err;
    if (!err)
    {
        now.present = 1;
        now.internal_ip = e.internal_ip;
        now.internal_port = e.internal_port;
    }
    plan = ohn_rz_plan(&k->want, k->owned_valid ? &k->owned : NULL, &now, gw->igd.lan_ip, gw->lan_prefix, ohn_unix_now());
    *state = plan.state;
    if (!act)
    {
        if (plan.action == OHN_RZ_ADD || plan.action == OHN_RZ_REPLACE)
            *state = OHN_RZS_PENDING;
        return 0;
    }
    err = 0;
    switch (plan.action)
    {
    case OHN_RZ_NOTHING:
        break;
    case OHN_RZ_REPLACE:
        if ((err = ohn_gw_remove(gw, deadline, k->protocol, k->port, "")) && err != OHN_UPNP_NO_SUCH_ENTRY)
            break;
        /* fall through */
    case OHN_RZ_ADD:
    case OHN_RZ_RENEW:
        err = create(gw, owned, k, deadline);
        break;
    case OHN_RZ_DELETE:
        if ((err = ohn_gw_remove(gw, deadline, k->protocol, k->port, "")) && err != OHN_UPNP_NO_SUCH_ENTRY)
            break;
        err = 0;
        /* fall through */
    case OHN_RZ_FORGET:
        delete_owned(owned, k->protocol, k->port);
        break;
    }
    TRACE("%s %u: action %d, state %s, %d\n", ohn_igd_protocol_name(k->protocol), k->port, plan.action,
          ohn_rz_state_name(plan.state), err);
    if (err > 0 && plan.state == OHN_RZS_LIVE)
        *state = err == OHN_UPNP_CONFLICT ? OHN_RZS_CONFLICT : OHN_RZS_PENDING;
    return err < 0 ? err : 0;
}

/* The prefix's realisation lock (one pass or key change at a time), within deadline. */
static HRESULT take_lock(uint64_t deadline, HANDLE *out)
{
    uint64_t now = ohn_now_ms();
    HANDLE lock = CreateMutexW(NULL, FALSE, REALIZE_LOCK);
    DWORD wait;

    *out = NULL;
    if (!lock)
        return E_OUTOFMEMORY;
    wait = WaitForSingleObject(lock, deadline > now ? (DWORD)(deadline - now) : 0);
    if (wait != WAIT_OBJECT_0 && wait != WAIT_ABANDONED)
    {
        CloseHandle(lock);
        return OHN_E_GATEWAY_TIMEOUT;
    }
    *out = lock;
    return S_OK;
}

static void give_lock(HANDLE lock)
{
    if (!lock)
        return;
    ReleaseMutex(lock);
    CloseHandle(lock);
}

/* One pass over the whole store against the gateway in use, before deadline. S_FALSE when
 * there was nothing to do it with (realisation off, no gateway). With withdraw, nothing is
 * wanted: every mapping we created goes. */
static HRESULT reconcile(uint64_t deadline, BOOL withdraw)
{
    struct ohn_gateway *gw = NULL;
    struct pass p = {0};
    enum ohn_rz_state state;
    HANDLE lock = NULL;
    HKEY owned = NULL;
    unsigned i;
    HRESULT hr;
    int err = 0;

    if (!withdraw && !ohn_realize_enabled())
        return S_FALSE;
    if ((hr = ohn_engine_gateway(deadline, &gw)) != S_OK)
        return hr;
    if (FAILED(hr = take_lock(deadline, &lock)))
        goto done;
    if ((!withdraw && FAILED(hr = read_wanted(&p))) || FAILED(hr = owned_key(gw, TRUE, &owned)))
        goto done;
    read_owned(&p, owned);
    for (i = 0; i < p.count && err >= 0; i++)
    {
        resolve(&p.keys[i], deadline);
        err = settle(gw, owned, &p.keys[i], deadline, TRUE, &state);
    }
    if (SUCCEEDED(hr = ohn_hr_from_igd(err)) && !withdraw)
        InterlockedExchange(&pass_owed, 0);
done:
    if (owned)
        RegCloseKey(owned);
    give_lock(lock);
    pass_free(&p);
    ohn_gateway_release(gw);
    return hr;
}

/* One key of the public connection, as a pass sees it: what the store wants of it (its target
 * resolved) and our record of it in owned (NULL: none is read). */
static HRESULT load_key(const GUID *connection, uint8_t protocol, uint16_t port, HKEY owned, uint64_t deadline,
                        struct key *k)
{
    HRESULT hr;

    memset(k, 0, sizeof(*k));
    k->protocol = protocol;
    k->port = port;
    if (FAILED(hr = read_wanted_key(connection, k)))
        return hr;
    read_owned_key(owned, k);
    resolve(k, deadline);
    return S_OK;
}

/* One key of the public connection against the gateway: its change. */
static HRESULT reconcile_key(const GUID *connection, uint8_t protocol, uint16_t port, uint64_t deadline)
{
    struct ohn_gateway *gw = NULL;
    enum ohn_rz_state state;
    struct key k;
    HANDLE lock = NULL;
    HKEY owned = NULL;
    HRESULT hr;

    if ((hr = ohn_engine_gateway(deadline, &gw)) != S_OK)
        return hr;
    if (SUCCEEDED(hr = take_lock(deadline, &lock)) && SUCCEEDED(hr = owned_key(gw, TRUE, &owned)) &&
        SUCCEEDED(hr = load_key(connection, protocol, port, owned, deadline, &k)))
        hr = ohn_hr_from_igd(settle(gw, owned, &k, deadline, TRUE, &state));
    if (owned)
        RegCloseKey(owned);
    give_lock(lock);
    ohn_gateway_release(gw);
    return hr;
}

void ohn_realize_after_change(void)
{
    HRESULT hr;

    if (!ohn_realize_enabled())
        return;
    hr = reconcile(ohn_engine_deadline(), FALSE);
    TRACE("%#lx\n", hr);
    if (FAILED(hr))
    {
        InterlockedExchange(&pass_owed, 1);
        ohn_realize_background(); /* the gateway is slow: finish later */
    }
}

void ohn_realize_key_after_change(const GUID *connection, uint8_t protocol, uint16_t port)
{
    HRESULT hr;

    if (!ohn_realize_enabled())
        return;
    if (pass_owed)
    {
        ohn_realize_after_change();
        return;
    }
    hr = reconcile_key(connection, protocol, port, ohn_engine_deadline());
    TRACE("%s %u: %#lx\n", ohn_igd_protocol_name(protocol), port, hr);
    if (FAILED(hr))
    {
        InterlockedExchange(&pass_owed, 1);
        ohn_realize_background(); /* the gateway is slow: a whole pass later */
    }
}

static DWORD background_main(void *arg)
{
    HRESULT hr = reconcile(ohn_now_ms() + BACKGROUND_MS, FALSE);

    TRACE("%#lx\n", hr);
    InterlockedExchange(&background_started, 0);
    return 0;
}

/* Whether a pass could have anything to do: enabled mappings shared publicly, or records. */
static BOOL anything_to_realize(void)
{
    HKEY key;
    DWORD subkeys = 0;
    GUID guid;

    if (public_connection(&guid) == S_OK)
        return TRUE;
    if (RegOpenKeyExW(HKEY_LOCAL_MACHINE, OWNED_KEY, 0, KEY_READ | KEY_WOW64_64KEY, &key))
        return FALSE;
    RegQueryInfoKeyW(key, NULL, NULL, NULL, &subkeys, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
    RegCloseKey(key);
    return subkeys > 0;
}

void ohn_realize_background(void)
{
    if (!ohn_realize_enabled() || !anything_to_realize() || InterlockedCompareExchange(&background_started, 1, 0))
        return;
    if (!ohn_thread_start(background_main, NULL))
        InterlockedExchange(&background_started, 0);
}

HRESULT ohn_realize_sync(void)
{
    if (!ohn_realize_enabled())
        return S_FALSE;
    return reconcile(ohn_now_ms() + OHN_FIRST_WINDOW_MS + OHN_PROBE_MS + OHN_CALL_BOUND_MS, FALSE);
}

/* Realisation turned off: what it created on the gateway goes, now. */
HRESULT ohn_realize_withdraw(void)
{
    return reconcile(ohn_now_ms() + OHN_FIRST_WINDOW_MS + OHN_PROBE_MS + OHN_CALL_BOUND_MS, TRUE);
}

HRESULT ohn_realize_state(const GUID *connection, uint8_t protocol, uint16_t port, const char **text)
{
    struct ohn_gateway *gw = NULL;
    enum ohn_rz_state state = OHN_RZS_NONE;
    uint64_t deadline = ohn_engine_deadline();
    HKEY owned = NULL;
    struct key k;
    GUID pub;
    HRESULT hr;
    int err;

    *text = "off";
    if (!ohn_realize_enabled())
        return S_OK;
    *text = "not the public connection";
    if ((hr = public_connection(&pub)) != S_OK || !IsEqualGUID(&pub, connection))
        return SUCCEEDED(hr) ? S_OK : hr;
    *text = "no gateway";
    if ((hr = ohn_engine_gateway(deadline, &gw)) != S_OK)
        return SUCCEEDED(hr) ? S_OK : hr;
    if (owned_key(gw, FALSE, &owned) != S_OK)
        owned = NULL;
    if (SUCCEEDED(hr = load_key(connection, protocol, port, owned, deadline, &k)))
    {
        if ((err = settle(gw, owned, &k, deadline, FALSE, &state)))
            hr = ohn_hr_from_igd(err);
        *text = k.want.present ? ohn_rz_state_name(state) : "disabled";
    }
    if (owned)
        RegCloseKey(owned);
    ohn_gateway_release(gw);
    return hr;
}
