/*
 * The port mappings of the store (layout and rationale in store.h): a connection's records in
 * group keys under its PortMappings key, its shared index and lock (index.h), and the
 * process-wide table of connections in use.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "base.h"
#include "store/store.h"
#include "store/index.h"

#define LEGACY_RECORD_VALUE L"Record"

/* A key that somebody deleted (a wiped store) and that was opened anew, or a group key
 * dropped when the index was rebuilt: another thread may still be reading through it, so it
 * stays open as long as its connection. */
struct retired_key
{
    struct retired_key *next;
    HKEY key;
};

struct store_conn
{
    struct store_conn *next; /* in conns */
    LONG refs;
    GUID connection;
    HKEY mappings;                  /* PortMappings */
    HKEY groups[2][OHN_SHARDS];     /* its group keys, [UDP?][port / 1000], opened when first used */
    struct retired_key *retired;
    HANDLE section;
    struct ohn_index *index;
};

static SRWLOCK conns_lock = SRWLOCK_INIT;
static struct store_conn *conns;

static unsigned proto_index(unsigned protocol)
{
    return protocol == OHN_PROTO_UDP;
}

static void conn_destroy(struct store_conn *c)
{
    struct retired_key *r;
    unsigned p, g;

    while ((r = c->retired))
    {
        c->retired = r->next;
        RegCloseKey(r->key);
        HeapFree(GetProcessHeap(), 0, r);
    }
    for (p = 0; p < 2; p++)
        for (g = 0; g < OHN_SHARDS; g++)
            if (c->groups[p][g])
                RegCloseKey(c->groups[p][g]);
    if (c->index)
        UnmapViewOfFile(c->index);
    if (c->section)
        CloseHandle(c->section);
    if (c->mappings)
        RegCloseKey(c->mappings);
    HeapFree(GetProcessHeap(), 0, c);
}

HRESULT store_conn_open(const GUID *connection, struct store_conn **out)
{
    WCHAR name[80], guid[40];
    struct store_conn *c;
    HRESULT hr = S_OK;

    *out = NULL;
    AcquireSRWLockExclusive(&conns_lock);
    for (c = conns; c; c = c->next)
    {
        if (IsEqualGUID(&c->connection, connection))
        {
            InterlockedIncrement(&c->refs);
            *out = c;
            ReleaseSRWLockExclusive(&conns_lock);
            return S_OK;
        }
    }
    if (!(c = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, sizeof(*c))))
        hr = E_OUTOFMEMORY;
    else if (SUCCEEDED(hr = store_open_mappings_key(connection, &c->mappings)))
    {
        StringFromGUID2(connection, guid, ARRAY_SIZE(guid));
        wsprintfW(name, L"%s%s", OHN_INDEX_PREFIX, guid);
        c->section = CreateFileMappingW(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, sizeof(struct ohn_index), name);
        if (!c->section || !(c->index = MapViewOfFile(c->section, FILE_MAP_ALL_ACCESS, 0, 0, sizeof(*c->index))))
            hr = HRESULT_FROM_WIN32(GetLastError());
    }
    if (SUCCEEDED(hr))
    {
        c->refs = 1;
        c->connection = *connection;
        c->next = conns;
        conns = c;
        *out = c;
    }
    else if (c)
        conn_destroy(c);
    ReleaseSRWLockExclusive(&conns_lock);
    return hr;
}

void store_conn_addref(struct store_conn *c)
{
    InterlockedIncrement(&c->refs);
}

void store_conn_release(struct store_conn *c)
{
    struct store_conn **p;

    AcquireSRWLockExclusive(&conns_lock);
    if (InterlockedDecrement(&c->refs))
    {
        ReleaseSRWLockExclusive(&conns_lock);
        return;
    }
    for (p = &conns; *p != c; p = &(*p)->next)
        ;
    *p = c->next;
    ReleaseSRWLockExclusive(&conns_lock);
    conn_destroy(c);
}

/* Under the index lock only. */
static HRESULT retire_key(struct store_conn *c, HKEY key)
{
    struct retired_key *r;

    if (!(r = HeapAlloc(GetProcessHeap(), 0, sizeof(*r))))
        return E_OUTOFMEMORY;
    r->key = key;
    r->next = c->retired;
    c->retired = r;
    return S_OK;
}

/* The group key of (protocol index p, group g), opened once per process and created when
 * create is set: ERROR_FILE_NOT_FOUND when it does not exist and create is not set. */
static LONG get_group(struct store_conn *c, unsigned p, unsigned g, BOOL create, HKEY *out)
{
    WCHAR name[OHN_KEY_NAME_LEN];
    HKEY key, other;
    LONG err;

    if ((*out = c->groups[p][g]))
        return ERROR_SUCCESS;
    ohn_shard_name(p ? OHN_PROTO_UDP : OHN_PROTO_TCP, g ? g * 1000 : 1, (ohn_char *)name);
    if (create)
        err = RegCreateKeyExW(c->mappings, name, 0, NULL, 0, KEY_ALL_ACCESS, NULL, &key, NULL);
    else
        err = RegOpenKeyExW(c->mappings, name, 0, KEY_ALL_ACCESS, &key);
    if (err)
        return err;
    if ((other = InterlockedCompareExchangePointer((void **)&c->groups[p][g], key, NULL)))
    {
        RegCloseKey(key); /* another thread of this process was first */
        key = other;
    }
    *out = key;
    return ERROR_SUCCESS;
}

/* ---- the shared index and its lock (index.h) ------------------------------------------------ */

static volatile uint32_t *index_slot(struct ohn_index *ix, unsigned protocol, unsigned port)
{
    return &ix->slots[proto_index(protocol)][port & 0xffff];
}

static uint32_t index_new_id(struct ohn_index *ix)
{
    do
        ix->next_id++;
    while (!ix->next_id || ix->next_id == OHN_INDEX_UNREADABLE);
    return ix->next_id;
}

/* Whether the thread that owner names has ended (with its process, or on its own). */
static BOOL owner_gone(LONG64 owner)
{
    DWORD pid = (DWORD)((ULONG64)owner >> 32), tid = (DWORD)owner;
    HANDLE thread;
    BOOL gone;

    if (!(thread = OpenThread(SYNCHRONIZE | THREAD_QUERY_LIMITED_INFORMATION, FALSE, tid)))
        return GetLastError() == ERROR_INVALID_PARAMETER; /* no such thread */
    gone = WaitForSingleObject(thread, 0) == WAIT_OBJECT_0 || GetProcessIdOfThread(thread) != pid;
    CloseHandle(thread);
    return gone;
}

/* Under the lock: makes sure c->mappings is not a deleted key (a store wiped from under us),
 * and drops the group keys, which are opened again when next used. */
static HRESULT refresh_keys(struct store_conn *c)
{
    unsigned p, g;
    HKEY key;
    HRESULT hr;
    LONG err;

    for (p = 0; p < 2; p++)
        for (g = 0; g < OHN_SHARDS; g++)
            if ((key = InterlockedExchangePointer((void **)&c->groups[p][g], NULL)) && FAILED(hr = retire_key(c, key)))
                return hr;
    err = RegQueryInfoKeyW(c->mappings, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
    if (err != ERROR_KEY_DELETED)
        return store_hr_from_reg(err);
    if (FAILED(hr = store_open_mappings_key(&c->connection, &key)))
        return hr;
    TRACE("the PortMappings key was deleted; opened it anew\n");
    return retire_key(c, InterlockedExchangePointer((void **)&c->mappings, key));
}

/* Under the lock: moves the records of the first layout (a key per mapping, named like the
 * value now, holding a Record value) into their group. What cannot be read, or whose name is
 * taken by a record already, stays where it is. */
static void migrate_legacy_keys(struct store_conn *c)
{
    BYTE buf[OHN_RECORD_MAX + 1], stored[OHN_STORED_MAX];
    WCHAR name[OHN_KEY_NAME_LEN];
    DWORD subkeys = 0, index, len, size, type;
    struct ohn_mapping m;
    uint16_t port;
    uint8_t proto;
    HKEY key, group;
    LONG err;

    if (RegQueryInfoKeyW(c->mappings, NULL, NULL, NULL, &subkeys, NULL, NULL, NULL, NULL, NULL, NULL, NULL) ||
        !subkeys)
        return;
    for (index = subkeys; index-- > 0;)
    {
        len = ARRAY_SIZE(name);
        if (RegEnumKeyExW(c->mappings, index, name, &len, NULL, NULL, NULL, NULL) ||
            ohn_parse_key_name(ohn_str(name), len, &proto, &port) != OHN_OK)
            continue;
        if (RegOpenKeyExW(c->mappings, name, 0, KEY_QUERY_VALUE, &key))
            continue;
        size = sizeof(buf);
        err = RegQueryValueExW(key, LEGACY_RECORD_VALUE, NULL, &type, buf, &size);
        RegCloseKey(key);
        if (err == ERROR_FILE_NOT_FOUND)
        {
            /* Left by a writer of the first layout that died between its two steps. */
            RegDeleteKeyW(c->mappings, name);
            continue;
        }
        if (err || type != REG_BINARY || ohn_mapping_decode(buf, size, &m) != OHN_OK || m.protocol != proto ||
            m.external_port != port)
            continue;
        if (get_group(c, proto_index(proto), port / 1000, TRUE, &group) ||
            RegQueryValueExW(group, name, NULL, NULL, NULL, NULL) != ERROR_FILE_NOT_FOUND)
            continue;
        if (!(size = (DWORD)ohn_stored_encode(index_new_id(c->index), &m, stored, sizeof(stored))) ||
            RegSetValueExW(group, name, 0, REG_BINARY, stored, size))
            continue;
        RegDeleteKeyW(c->mappings, name);
        TRACE("moved the record %ls of the first layout into its group\n", name);
    }
}

/* Calls visit for every value of every group key that is named as a record of that group, in
 * the registry's order (protocol, then port); data is NULL when the value is not REG_BINARY or
 * too long to be a record. */
typedef HRESULT (*visit_fn)(void *ctx, uint8_t protocol, uint16_t port, const BYTE *data, DWORD size);

static HRESULT walk_records(struct store_conn *c, visit_fn visit, void *ctx)
{
    WCHAR group_name[OHN_KEY_NAME_LEN], name[OHN_KEY_NAME_LEN];
    BYTE buf[OHN_STORED_MAX];
    DWORD k, v, len, size, type;
    unsigned g;
    uint16_t port;
    uint8_t proto, value_proto;
    HRESULT hr;
    HKEY group;
    LONG err;

    for (k = 0;; k++)
    {
        len = ARRAY_SIZE(group_name);
        err = RegEnumKeyExW(c->mappings, k, group_name, &len, NULL, NULL, NULL, NULL);
        if (err == ERROR_NO_MORE_ITEMS)
            return S_OK;
        if (err == ERROR_MORE_DATA)
            continue;
        if (err)
            return store_hr_from_reg(err);
        if (ohn_parse_shard_name(ohn_str(group_name), len, &proto, &g) != OHN_OK)
            continue;
        if ((err = get_group(c, proto_index(proto), g, FALSE, &group)))
        {
            if (err == ERROR_FILE_NOT_FOUND)
                continue;
            return store_hr_from_reg(err);
        }
        for (v = 0;; v++)
        {
            len = ARRAY_SIZE(name);
            size = sizeof(buf);
            err = RegEnumValueW(group, v, name, &len, NULL, &type, buf, &size);
            if (err == ERROR_NO_MORE_ITEMS)
                break;
            if (err == ERROR_MORE_DATA)
            {
                /* A long name is not ours; long data under one of our names is not a record. */
                len = ARRAY_SIZE(name);
                if (RegEnumValueW(group, v, name, &len, NULL, NULL, NULL, NULL))
                    continue;
                type = REG_NONE;
            }
            else if (err)
                return store_hr_from_reg(err);
            if (ohn_parse_key_name(ohn_str(name), len, &value_proto, &port) != OHN_OK || value_proto != proto ||
                port / 1000u != g)
                continue;
            if (FAILED(hr = visit(ctx, proto, port, type == REG_BINARY ? buf : NULL, size)))
                return hr;
        }
    }
}

struct rebuild_ctx
{
    uint32_t (*slots)[65536];
    uint32_t max_id;
};

static HRESULT rebuild_visit(void *arg, uint8_t protocol, uint16_t port, const BYTE *data, DWORD size)
{
    struct rebuild_ctx *ctx = arg;
    struct ohn_mapping m;
    uint32_t id;

    if (!data || ohn_stored_decode(data, size, &id, &m) != OHN_OK || m.protocol != protocol ||
        m.external_port != port || id == OHN_INDEX_UNREADABLE)
        id = OHN_INDEX_UNREADABLE; /* keeps its name taken */
    else if (id > ctx->max_id)
        ctx->max_id = id;
    ctx->slots[proto_index(protocol)][port] = id;
    return S_OK;
}

/* Under the lock: the slots again from the registry. Slots that do not change are not
 * written, so lock-free readers of a sound index never see a record vanish for a moment; the
 * first build of a new section (all zeros) writes them in place. */
static HRESULT index_rebuild(struct store_conn *c)
{
    struct ohn_index *ix = c->index;
    struct rebuild_ctx ctx = {NULL, 0};
    uint32_t (*fresh)[65536] = NULL;
    unsigned p, port;
    HRESULT hr;

    if (FAILED(hr = refresh_keys(c)))
        return hr;
    migrate_legacy_keys(c);
    if (!ix->built)
        ctx.slots = (uint32_t (*)[65536])ix->slots;
    else if (!(ctx.slots = fresh = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, sizeof(ix->slots))))
        return E_OUTOFMEMORY;
    if (FAILED(hr = walk_records(c, rebuild_visit, &ctx)))
    {
        if (fresh)
            HeapFree(GetProcessHeap(), 0, fresh);
        else
            memset((void *)ix->slots, 0, sizeof(ix->slots)); /* all zeros again, as never built */
        return hr;
    }
    if (fresh)
    {
        for (p = 0; p < 2; p++)
            for (port = 0; port < 65536; port++)
                if (ix->slots[p][port] != fresh[p][port])
                    ix->slots[p][port] = fresh[p][port];
        HeapFree(GetProcessHeap(), 0, fresh);
    }
    ix->built = 1;
    if (ix->next_id < ctx.max_id)
        ix->next_id = ctx.max_id;
    TRACE("rebuilt, last id %u\n", ix->next_id);
    return S_OK;
}

static void index_unlock(struct store_conn *c)
{
    InterlockedExchange64((volatile LONG64 *)&c->index->owner, 0);
}

/* Takes the connection's lock, across threads and processes; rebuilds the index when it is
 * stale. A holder that is gone (killed, crashed) is noticed within about 30 ms of waiting. */
static HRESULT index_lock(struct store_conn *c)
{
    struct ohn_index *ix = c->index;
    LONG64 me = (LONG64)(((ULONG64)GetCurrentProcessId() << 32) | GetCurrentThreadId()), owner;
    unsigned spins;
    HRESULT hr;

    for (spins = 0; (owner = InterlockedCompareExchange64((volatile LONG64 *)&ix->owner, me, 0)); spins++)
    {
        if (spins < 100)
            YieldProcessor();
        else if (spins < 200)
            SwitchToThread();
        else
        {
            Sleep(1);
            if (spins % 32 == 0 && owner_gone(owner) &&
                InterlockedCompareExchange64((volatile LONG64 *)&ix->owner, me, owner) == owner)
            {
                TRACE("took the lock over from thread %04lx of process %04lx, which is gone\n",
                      (unsigned long)(DWORD)owner, (unsigned long)(DWORD)((ULONG64)owner >> 32));
                InterlockedExchange((volatile LONG *)&ix->state, 0);
                break;
            }
        }
    }
    if (ix->state == OHN_INDEX_READY)
        return S_OK;
    if (FAILED(hr = index_rebuild(c)))
    {
        index_unlock(c);
        return hr;
    }
    InterlockedExchange((volatile LONG *)&ix->state, OHN_INDEX_READY);
    return S_OK;
}

/* Makes the index sound for lock-free readers (store_mapping_current). */
static HRESULT index_sync(struct store_conn *c)
{
    HRESULT hr;

    if (c->index->state == OHN_INDEX_READY)
        return S_OK;
    if (FAILED(hr = index_lock(c)))
        return hr;
    index_unlock(c);
    return S_OK;
}

/* ---- records ---------------------------------------------------------------------------------- */

/* The value name and group of (protocol, port); E_INVALIDARG when either is out of range. */
static HRESULT locate(unsigned protocol, unsigned port, WCHAR name[OHN_KEY_NAME_LEN], unsigned *p, unsigned *g)
{
    if (ohn_key_name(protocol, port, (ohn_char *)name) != OHN_OK)
        return E_INVALIDARG;
    *p = proto_index(protocol);
    *g = port / 1000;
    return S_OK;
}

/* Lock-free. */
HRESULT store_mapping_find(struct store_conn *c, unsigned protocol, unsigned port, struct ohn_mapping *m,
                           uint32_t *id)
{
    WCHAR name[OHN_KEY_NAME_LEN];
    BYTE buf[OHN_STORED_MAX];
    DWORD size = sizeof(buf), type;
    struct ohn_mapping current;
    uint32_t current_id;
    unsigned p, g;
    HRESULT hr;
    HKEY group;
    LONG err;

    if (FAILED(hr = locate(protocol, port, name, &p, &g)))
        return hr;
    if (!(err = get_group(c, p, g, FALSE, &group)))
        err = RegQueryValueExW(group, name, NULL, &type, buf, &size);
    if (err == ERROR_FILE_NOT_FOUND || err == ERROR_KEY_DELETED || err == ERROR_MORE_DATA)
        return S_FALSE;
    if (err)
        return store_hr_from_reg(err);
    if (type != REG_BINARY || ohn_stored_decode(buf, size, &current_id, &current) != OHN_OK ||
        current.protocol != protocol || current.external_port != port)
        return S_FALSE;
    *m = current;
    *id = current_id;
    return S_OK;
}

HRESULT store_mapping_add(struct store_conn *c, const struct ohn_mapping *m, uint32_t *id)
{
    BYTE buf[OHN_STORED_MAX];
    WCHAR name[OHN_KEY_NAME_LEN];
    volatile uint32_t *slot;
    uint32_t new_id;
    unsigned p, g;
    DWORD size;
    HRESULT hr;
    HKEY group;
    LONG err;
    int retried = 0;

    *id = 0;
    if (FAILED(locate(m->protocol, m->external_port, name, &p, &g)) || ohn_mapping_validate(m) != OHN_OK)
        return E_INVALIDARG;
    if (FAILED(hr = index_lock(c)))
        return hr;
    slot = index_slot(c->index, m->protocol, m->external_port);
    for (;;)
    {
        if (!(err = get_group(c, p, g, TRUE, &group)))
        {
            /* A taken slot whose value is gone was deleted behind the store's back: reuse it. */
            if (*slot && RegQueryValueExW(group, name, NULL, NULL, NULL, NULL) != ERROR_FILE_NOT_FOUND)
            {
                hr = HRESULT_FROM_WIN32(ERROR_OBJECT_ALREADY_EXISTS);
                break;
            }
            new_id = index_new_id(c->index);
            if (!(size = (DWORD)ohn_stored_encode(new_id, m, buf, sizeof(buf))))
            {
                hr = E_INVALIDARG;
                break;
            }
            if (!(err = RegSetValueExW(group, name, 0, REG_BINARY, buf, size)))
            {
                *slot = new_id;
                *id = new_id;
                hr = S_OK;
                break;
            }
        }
        hr = HRESULT_FROM_WIN32(err);
        /* The store was changed behind our back (keys deleted): start again from the registry. */
        if (err != ERROR_KEY_DELETED || retried++ || FAILED(hr = index_rebuild(c)))
            break;
    }
    index_unlock(c);
    return hr;
}

HRESULT store_mapping_read(struct store_conn *c, const struct ohn_mapping *m, uint32_t id, struct ohn_mapping *out)
{
    struct ohn_mapping current;
    uint32_t current_id;
    HRESULT hr;

    if ((hr = store_mapping_find(c, m->protocol, m->external_port, &current, &current_id)) != S_OK)
        return FAILED(hr) ? hr : OHN_E_MAPPING_GONE;
    if (current_id != id)
        return OHN_E_MAPPING_GONE; /* deleted, and perhaps added again since */
    *out = current;
    return S_OK;
}

/* Under the lock: group key g of protocol index p when it holds record id of m, else
 * OHN_E_MAPPING_GONE. */
static HRESULT current_group(struct store_conn *c, const struct ohn_mapping *m, uint32_t id, unsigned p, unsigned g,
                             HKEY *group)
{
    LONG err;

    if (*index_slot(c->index, m->protocol, m->external_port) != id)
        return OHN_E_MAPPING_GONE;
    if (!(err = get_group(c, p, g, FALSE, group)))
        return S_OK;
    if (err != ERROR_FILE_NOT_FOUND && err != ERROR_KEY_DELETED)
        return store_hr_from_reg(err);
    c->index->state = 0; /* the group was deleted behind our back: the slots are wrong */
    return OHN_E_MAPPING_GONE;
}

HRESULT store_mapping_set_enabled(struct store_conn *c, const struct ohn_mapping *m, uint32_t id, int enabled)
{
    struct ohn_mapping copy = *m;
    BYTE buf[OHN_STORED_MAX];
    WCHAR name[OHN_KEY_NAME_LEN];
    unsigned p, g;
    DWORD size;
    HRESULT hr;
    HKEY group;
    LONG err;

    copy.enabled = enabled ? 1 : 0;
    if (FAILED(hr = locate(m->protocol, m->external_port, name, &p, &g)))
        return hr;
    if (!(size = (DWORD)ohn_stored_encode(id, &copy, buf, sizeof(buf))))
        return E_INVALIDARG;
    if (FAILED(hr = index_lock(c)))
        return hr;
    if (SUCCEEDED(hr = current_group(c, m, id, p, g, &group)) &&
        (err = RegSetValueExW(group, name, 0, REG_BINARY, buf, size)))
    {
        hr = store_hr_from_reg(err);
        if (err == ERROR_KEY_DELETED)
            c->index->state = 0;
    }
    index_unlock(c);
    return hr;
}

HRESULT store_mapping_delete(struct store_conn *c, const struct ohn_mapping *m, uint32_t id)
{
    WCHAR name[OHN_KEY_NAME_LEN];
    volatile uint32_t *slot;
    unsigned p, g;
    HRESULT hr;
    HKEY group;
    LONG err;

    if (FAILED(hr = locate(m->protocol, m->external_port, name, &p, &g)))
        return hr;
    if (FAILED(hr = index_lock(c)))
        return hr;
    slot = index_slot(c->index, m->protocol, m->external_port);
    if (SUCCEEDED(hr = current_group(c, m, id, p, g, &group)))
    {
        if (!(err = RegDeleteValueW(group, name)))
            *slot = 0;
        else if (err == ERROR_FILE_NOT_FOUND || err == ERROR_KEY_DELETED)
        {
            *slot = 0; /* deleted behind the store's back */
            hr = OHN_E_MAPPING_GONE;
            if (err == ERROR_KEY_DELETED)
                c->index->state = 0;
        }
        else
            hr = store_hr_from_reg(err);
    }
    index_unlock(c);
    return hr;
}

BOOL store_mapping_current(struct store_conn *c, unsigned protocol, unsigned port, uint32_t id)
{
    return *index_slot(c->index, protocol, port) == id;
}

void store_list_free(struct store_list *list)
{
    HeapFree(GetProcessHeap(), 0, list->offset);
    HeapFree(GetProcessHeap(), 0, list->size);
    HeapFree(GetProcessHeap(), 0, list->data);
    memset(list, 0, sizeof(*list));
}

static BOOL grow(void **p, SIZE_T bytes)
{
    void *q = *p ? HeapReAlloc(GetProcessHeap(), 0, *p, bytes) : HeapAlloc(GetProcessHeap(), 0, bytes);

    if (!q)
        return FALSE;
    *p = q;
    return TRUE;
}

struct list_ctx
{
    struct store_list *list;
    BOOL enabled_only;
    DWORD capacity, used, data_capacity;
};

static HRESULT list_visit(void *arg, uint8_t protocol, uint16_t port, const BYTE *data, DWORD size)
{
    struct list_ctx *ctx = arg;
    struct store_list *list = ctx->list;
    struct ohn_mapping m;
    uint32_t id;

    if (!data || ohn_stored_decode(data, size, &id, &m) != OHN_OK || m.protocol != protocol || m.external_port != port)
        return S_OK; /* not readable: not listed */
    if (ctx->enabled_only && !m.enabled)
        return S_OK;
    if (list->count == ctx->capacity)
    {
        ctx->capacity = ctx->capacity ? 2 * ctx->capacity : 64;
        if (!grow((void **)&list->offset, ctx->capacity * sizeof(DWORD)) ||
            !grow((void **)&list->size, ctx->capacity * sizeof(DWORD)))
            return E_OUTOFMEMORY;
    }
    if (ctx->used + size > ctx->data_capacity)
    {
        ctx->data_capacity = max(2 * ctx->data_capacity, ctx->used + size + 4096);
        if (!grow((void **)&list->data, ctx->data_capacity))
            return E_OUTOFMEMORY;
    }
    memcpy(list->data + ctx->used, data, size);
    list->offset[list->count] = ctx->used;
    list->size[list->count] = size;
    list->count++;
    ctx->used += size;
    return S_OK;
}

HRESULT store_mapping_list(struct store_conn *c, BOOL enabled_only, struct store_list *list)
{
    struct list_ctx ctx = {list, enabled_only, 0, 0, 0};
    HRESULT hr;

    memset(list, 0, sizeof(*list));
    if (FAILED(hr = index_sync(c)))
        return hr;
    if (FAILED(hr = walk_records(c, list_visit, &ctx)))
        store_list_free(list);
    return hr;
}
