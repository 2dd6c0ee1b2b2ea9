/*
 * The PCP and NAT-PMP backends and finder (gateway.h): requests over UDP to the server's port
 * 5351, answers checked by the portable core (ohn_pcp.h) and accepted only from the address
 * asked, the records of what this prefix created, and the lease-check job.
 *
 * For gateways that speak PCP (RFC 6887) or NAT-PMP (RFC 6886) instead of UPnP. A PCP or NAT-PMP
 * server cannot list its table, and keeps a mapping only while it is renewed.
 * So this backend keeps a record of every mapping this prefix created on a server (registry,
 * HKLM\Software\open-hnetcfg\UPnP\PCP\<server>, both architectures' view): its nonce, to renew
 * and delete it (servers refuse any other), its lease and what the server granted, its
 * description. The collections list these records; the job renews permanent mappings at half
 * the granted lifetime, and creates every mapping again when the server's epoch says it lost
 * its state (a reboot), at once when its ANNOUNCE is heard, else within one check. The job and
 * the listener run while the engine thread runs for something else (engine.h): once nothing of
 * this process needs the gateway they end, and the next user renews what the records hold.
 *
 * Identity: both protocols key a mapping by (protocol, internal address, internal port), and a
 * client may map only its own address. So an entry whose internal client is another host is
 * refused (606, E_ACCESSDENIED), one with a remote host too (726, E_INVALIDARG), and a second
 * external port for an internal port that one of our records already maps is a conflict (718).
 * When the server assigns another external port than the one asked for, that mapping is
 * deleted again and the answer is a conflict (718), as UPnPNAT names the external port.
 *
 * Locking: the records are read and changed under a mutex of the prefix
 * (Local\open-hnetcfg-pcp), held across the request that goes with the change (bounded by its
 * deadline), so that a renewal never brings back a mapping that another thread or process
 * removed. pcp.lock guards every field of pcp.
 *
 * Epochs: the last epoch seen of a server, and when (our wall clock), is kept per process and in
 * the registry (value Epoch next to the records), so that a process that starts after the
 * server rebooted, while no process of the prefix ran, sees it too.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "base.h"
#include "gateway/engine.h"
#include "gateway/remembered.h"
#include "gateway/clock.h"
#include "gateway/threads.h"

#include <winsock2.h>
#include <ws2tcpip.h>
#include <iphlpapi.h>
#include <ntsecapi.h>
#include <stdio.h>
#include <wchar.h>

#include "ohn_pcp.h"

#define RECORDS_KEY OHN_UPNP_KEY L"\\PCP"
#define OHN_PCP_MAX_SERVERS 4
#define LOCK_NAME L"Local\\open-hnetcfg-pcp"
#define LISTEN_SLICE_MS 250
#define ABANDON_CHECK_MS 50 /* a discovery's question looks at its abandon flag this often */
/* Asked for a mapping UPnPNAT calls permanent: servers grant at most their own maximum
 * (miniupnpd: max_lifetime, 86400 s by default). Kept below 2^31 for servers that add it to a
 * signed clock. */
#define PERMANENT_ASK 0x7fffffffu
#define MAX_RECORDS 1024

/* What this process knows of a server. */
struct server_epoch
{
    uint32_t server;
    uint32_t epoch;       /* the server's, last seen */
    uint32_t client_time; /* our wall clock (seconds since 1970, truncated) then */
    uint32_t external;    /* the external address a MAP answer gave, 0 none */
};

static struct
{
    SRWLOCK lock;
    /* Guarded by lock: */
    struct server_epoch epochs[OHN_PCP_MAX_SERVERS];
    unsigned epoch_count;
    BOOL recreate;                          /* a server lost its state: create every record again */
    uint64_t next_check;                    /* ohn_now_ms() of the next check, 0 as soon as possible */
    uint32_t listen_server;                 /* the server whose announcements the listener accepts */
    uint32_t listen_lan;                    /* our address toward it */
    BOOL listening;                         /* the listener thread runs */
    BOOL engine_running;                    /* the engine thread runs (the job's start and stop) */
    BOOL job_registered;
} pcp;

static void ipv4_bytes(uint32_t ip, uint8_t b[4])
{
    b[0] = (uint8_t)(ip >> 24);
    b[1] = (uint8_t)(ip >> 16);
    b[2] = (uint8_t)(ip >> 8);
    b[3] = (uint8_t)ip;
}

static uint32_t ipv4_of(const uint8_t b[4])
{
    return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

static unsigned version_of(const struct ohn_gateway *gw)
{
    return gw->protocol == OHN_GW_NATPMP ? OHN_NATPMP_VERSION : OHN_PCP_VERSION;
}

/* ---- epochs ---- */

static void records_path(uint32_t server, WCHAR *path, size_t cap)
{
    swprintf(path, cap, L"%ls\\%u.%u.%u.%u", RECORDS_KEY, server >> 24, (server >> 16) & 255, (server >> 8) & 255,
             server & 255);
}

/* The key of a server's records (and its kept epoch), NULL when it cannot be opened. */
static HKEY records_key(uint32_t server, BOOL create)
{
    WCHAR path[ARRAY_SIZE(RECORDS_KEY) + 20];
    HKEY key = NULL;

    records_path(server, path, ARRAY_SIZE(path));
    if (create)
        RegCreateKeyExW(HKEY_LOCAL_MACHINE, path, 0, NULL, 0, KEY_ALL_ACCESS | KEY_WOW64_64KEY, NULL, &key, NULL);
    else
        RegOpenKeyExW(HKEY_LOCAL_MACHINE, path, 0, KEY_ALL_ACCESS | KEY_WOW64_64KEY, &key);
    return key;
}

/* The epoch of a server as the prefix last saw it: FALSE when none is kept. */
static BOOL epoch_load(uint32_t server, struct server_epoch *e)
{
    uint32_t value[2];
    DWORD size = sizeof(value), type;
    HKEY key = records_key(server, FALSE);
    BOOL kept = key && !RegQueryValueExW(key, L"Epoch", NULL, &type, (BYTE *)value, &size) && type == REG_BINARY &&
                size == sizeof(value);

    if (key)
        RegCloseKey(key);
    if (!kept)
        return FALSE;
    memset(e, 0, sizeof(*e));
    e->server = server;
    e->epoch = value[0];
    e->client_time = value[1];
    return TRUE;
}

static void epoch_save(const struct server_epoch *e)
{
    uint32_t value[2] = {e->epoch, e->client_time};
    HKEY key = records_key(e->server, TRUE);

    if (!key)
        return;
    RegSetValueExW(key, L"Epoch", 0, REG_BINARY, (const BYTE *)value, sizeof(value));
    RegCloseKey(key);
}

/* With pcp.lock held: what this process knows of server, NULL nothing yet. */
static struct server_epoch *server_of(uint32_t server)
{
    unsigned i;

    for (i = 0; i < pcp.epoch_count; i++)
        if (pcp.epochs[i].server == server)
            return &pcp.epochs[i];
    return NULL;
}

/* Notes an epoch heard from server: FALSE when it says the server lost its state since the
 * last one this process saw or, for its first, since the one the prefix kept (every mapping is
 * then to be created again, at the next check, which comes now). The first of a process, and
 * every reset, are kept; the lease check keeps the others now and then (epoch_keep). */
static BOOL note_epoch(uint32_t server, uint32_t epoch)
{
    uint32_t now = (uint32_t)ohn_unix_now();
    struct server_epoch *e, kept, seen;
    BOOL valid = TRUE, first, have_kept = FALSE;

    AcquireSRWLockShared(&pcp.lock);
    first = !server_of(server);
    ReleaseSRWLockShared(&pcp.lock);
    if (first)
        have_kept = epoch_load(server, &kept); /* outside the lock: a registry read */
    AcquireSRWLockExclusive(&pcp.lock);
    if (!(e = server_of(server)))
    {
        e = &pcp.epochs[pcp.epoch_count < OHN_PCP_MAX_SERVERS ? pcp.epoch_count++ : OHN_PCP_MAX_SERVERS - 1];
        if (have_kept)
            *e = kept; /* compared with below */
        else
        {
            memset(e, 0, sizeof(*e)); /* nothing to compare with */
            e->server = server;
            e->epoch = epoch;
            e->client_time = now;
        }
    }
    if (!ohn_pcp_epoch_valid(e->epoch, e->client_time, epoch, now))
    {
        valid = FALSE;
        pcp.recreate = TRUE;
        pcp.next_check = 0;
    }
    e->epoch = epoch;
    e->client_time = now;
    seen = *e;
    ReleaseSRWLockExclusive(&pcp.lock);
    if (first || !valid)
        epoch_save(&seen);
    if (!valid)
    {
        TRACE("server %08x: epoch %u says it lost its state\n", server, epoch);
        ohn_engine_wake();
    }
    return valid;
}

/* Keeps the last epoch this process saw of server for the next process. */
static void epoch_keep(uint32_t server)
{
    struct server_epoch seen, *e;
    BOOL known;

    AcquireSRWLockShared(&pcp.lock);
    if ((known = (e = server_of(server)) != NULL))
        seen = *e;
    ReleaseSRWLockShared(&pcp.lock);
    if (known)
        epoch_save(&seen);
}

static void note_external(uint32_t server, uint32_t external)
{
    struct server_epoch *e;

    AcquireSRWLockExclusive(&pcp.lock);
    if ((e = server_of(server)))
        e->external = external;
    ReleaseSRWLockExclusive(&pcp.lock);
}

static uint32_t known_external(uint32_t server)
{
    struct server_epoch *e;
    uint32_t ip;

    AcquireSRWLockShared(&pcp.lock);
    ip = (e = server_of(server)) ? e->external : 0;
    ReleaseSRWLockShared(&pcp.lock);
    return ip;
}

/* Brings the job's next check forward to at (a permanent mapping's renewal): the engine thread
 * is woken only when that changes its plan. */
static void schedule_check(uint64_t at)
{
    BOOL sooner;

    AcquireSRWLockExclusive(&pcp.lock);
    if ((sooner = at < pcp.next_check))
        pcp.next_check = at;
    ReleaseSRWLockExclusive(&pcp.lock);
    if (sooner)
        ohn_engine_wake();
}

/* ---- one request and its answer ---- */

/* What an exchange accepts: 1 the answer (done), 0 not ours (keep waiting), -1 the server
 * speaks only NAT-PMP (a PCP request answered UNSUPP_VERSION in version 0). */
typedef int (*accept_fn)(const uint8_t *buf, size_t len, void *ctx);

static SOCKET open_socket(uint32_t lan_ip, u_short port, BOOL reuse)
{
    struct sockaddr_in local = {.sin_family = AF_INET};
    SOCKET s = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    BOOL on = TRUE;

    if (s == INVALID_SOCKET)
        return s;
    if (reuse)
        setsockopt(s, SOL_SOCKET, SO_REUSEADDR, (const char *)&on, sizeof(on));
    local.sin_addr.s_addr = htonl(lan_ip);
    local.sin_port = htons(port);
    if (bind(s, (struct sockaddr *)&local, sizeof(local)))
    {
        closesocket(s);
        return INVALID_SOCKET;
    }
    return s;
}

/* Waits for a datagram from server:5351 on s until deadline: its length, or -1 timed out. */
static int receive_from(SOCKET s, uint32_t server, uint64_t until, uint8_t *buf, size_t cap)
{
    for (;;)
    {
        struct sockaddr_in from;
        int from_len = sizeof(from), n;
        uint64_t now = ohn_now_ms();
        struct timeval tv;
        fd_set set;

        if (now >= until)
            return -1;
        tv.tv_sec = (long)((until - now) / 1000);
        tv.tv_usec = (long)((until - now) % 1000 * 1000);
        FD_ZERO(&set);
        FD_SET(s, &set);
        if (select(0, &set, NULL, NULL, &tv) <= 0)
            continue;
        n = recvfrom(s, (char *)buf, (int)cap, 0, (struct sockaddr *)&from, &from_len);
        if (n < 0)
        {
            /* A port unreachable from an earlier datagram (Windows reports it on the next
             * receive): the server is not there, yet an answer to a retransmission may come. */
            Sleep(1);
            continue;
        }
        if (from.sin_family != AF_INET || ntohl(from.sin_addr.s_addr) != server ||
            ntohs(from.sin_port) != OHN_PCP_PORT)
        {
            TRACE("ignoring %d bytes from %08lx:%u\n", n, (unsigned long)ntohl(from.sin_addr.s_addr),
                  ntohs(from.sin_port));
            continue;
        }
        return n;
    }
}

static unsigned random16(void)
{
    USHORT r = 32768;

    RtlGenRandom(&r, sizeof(r));
    return r;
}

/* The socket of the mapping requests, which are all made with the records lock held: kept
 * open for the process (a request then costs no socket set-up), guarded by that lock. */
static struct
{
    BOOL open;
    SOCKET s;
    uint32_t lan_ip;
} mapping_socket;

/* With the records lock held: the mapping socket from lan_ip, with nothing left in it from an
 * earlier exchange that timed out. */
static SOCKET mapping_socket_get(uint32_t lan_ip)
{
    uint8_t buf[OHN_PCP_MAX_PACKET + 4];
    u_long pending = 0;

    if (mapping_socket.open && mapping_socket.lan_ip != lan_ip)
    {
        closesocket(mapping_socket.s);
        mapping_socket.open = FALSE;
    }
    if (!mapping_socket.open)
    {
        if ((mapping_socket.s = open_socket(lan_ip, 0, FALSE)) == INVALID_SOCKET)
            return INVALID_SOCKET;
        mapping_socket.open = TRUE;
        mapping_socket.lan_ip = lan_ip;
    }
    while (!ioctlsocket(mapping_socket.s, FIONREAD, &pending) && pending &&
           recv(mapping_socket.s, (char *)buf, sizeof(buf), 0) >= 0)
        ;
    return mapping_socket.s;
}

/* Sends req to server:5351 from lan_ip, retransmitting as the protocol's RFC says, until
 * accept takes an answer or deadline: 0, 1 (a NAT-PMP-only server, for PCP requests),
 * OHN_IGD_ETIMEOUT or OHN_IGD_ETRANSPORT (no socket). mapping: a mapping request, made with
 * the records lock held (the mapping socket is used). */
static int exchange(uint32_t lan_ip, uint32_t server, unsigned version, const uint8_t *req, size_t len,
                    uint64_t deadline, accept_fn accept, void *ctx, BOOL mapping)
{
    struct sockaddr_in to = {.sin_family = AF_INET};
    uint8_t buf[OHN_PCP_MAX_PACKET + 4];
    unsigned attempt = 0;
    uint64_t next_send;
    SOCKET s;
    int n, r = OHN_IGD_ETIMEOUT;

    if ((s = mapping ? mapping_socket_get(lan_ip) : open_socket(lan_ip, 0, FALSE)) == INVALID_SOCKET)
        return OHN_IGD_ETRANSPORT;
    to.sin_addr.s_addr = htonl(server);
    to.sin_port = htons(OHN_PCP_PORT);
    for (;;)
    {
        sendto(s, (const char *)req, (int)len, 0, (struct sockaddr *)&to, sizeof(to));
        next_send = ohn_now_ms() + ohn_pcp_retransmit_ms(version, attempt++, random16());
        if (next_send > deadline)
            next_send = deadline;
        while ((n = receive_from(s, server, next_send, buf, sizeof(buf))) >= 0)
        {
            int a = accept(buf, (size_t)n, ctx);

            if (a)
            {
                r = a > 0 ? 0 : 1;
                goto done;
            }
        }
        if (ohn_now_ms() >= deadline)
            break;
    }
done:
    if (!mapping)
        closesocket(s);
    return r;
}

struct natpmp_ctx
{
    unsigned opcode, internal_port;
    struct ohn_natpmp_answer answer;
};

static int accept_natpmp(const uint8_t *buf, size_t len, void *ctx)
{
    struct natpmp_ctx *c = ctx;

    return ohn_natpmp_decode(buf, len, c->opcode, c->internal_port, &c->answer) == OHN_PCP_ANSWER;
}

struct pcp_ctx
{
    const struct ohn_pcp_map *req; /* NULL: ANNOUNCE */
    struct ohn_pcp_answer answer;
};

static int accept_pcp(const uint8_t *buf, size_t len, void *ctx)
{
    struct pcp_ctx *c = ctx;

    switch (ohn_pcp_decode(buf, len, c->req, &c->answer))
    {
    case OHN_PCP_ANSWER:
        return 1;
    case OHN_PCP_OLD_VERSION:
        return -1;
    default:
        return 0;
    }
}

/* The UPnP code that means what a PCP or NAT-PMP result code means (gateway/errors.h). */
static int error_of(unsigned version, unsigned result)
{
    if (version == OHN_NATPMP_VERSION)
        switch (result)
        {
        case OHN_NATPMP_SUCCESS:
            return 0;
        case OHN_NATPMP_NOT_AUTHORIZED:
            return 606;
        case OHN_NATPMP_NETWORK_FAILURE:
            return OHN_IGD_ETRANSPORT;
        case OHN_NATPMP_NO_RESOURCES:
            return 728;
        default: /* UNSUPP_VERSION, UNSUPP_OPCODE */
            return OHN_IGD_EPROTO;
        }
    switch (result)
    {
    case OHN_PCP_SUCCESS:
        return 0;
    case OHN_PCP_NOT_AUTHORIZED:
        return 606;
    case OHN_PCP_MALFORMED_REQUEST:
    case OHN_PCP_UNSUPP_PROTOCOL:
    case OHN_PCP_MALFORMED_OPTION:
        return OHN_UPNP_INVALID_ARGS;
    case OHN_PCP_NETWORK_FAILURE:
        return OHN_IGD_ETRANSPORT;
    case OHN_PCP_NO_RESOURCES:
    case OHN_PCP_USER_EX_QUOTA:
    case OHN_PCP_EXCESSIVE_REMOTE_PEERS:
        return 728;
    case OHN_PCP_CANNOT_PROVIDE_EXTERNAL:
        return OHN_UPNP_CONFLICT;
    default: /* UNSUPP_VERSION, UNSUPP_OPCODE, UNSUPP_OPTION, ADDRESS_MISMATCH */
        return OHN_IGD_EPROTO;
    }
}

/* NAT-PMP's public address request. */
static int natpmp_address(uint32_t lan_ip, uint32_t server, uint64_t deadline, uint32_t *external)
{
    struct natpmp_ctx c = {.opcode = 0};
    uint8_t req[2];
    int err;

    ohn_natpmp_encode_address(req, sizeof(req));
    if ((err = exchange(lan_ip, server, OHN_NATPMP_VERSION, req, 2, deadline, accept_natpmp, &c, FALSE)))
        return err == 1 ? OHN_IGD_EPROTO : err;
    note_epoch(server, c.answer.epoch);
    if ((err = error_of(OHN_NATPMP_VERSION, c.answer.result)))
        return err;
    *external = ipv4_of(c.answer.external);
    return 0;
}

static int pcp_announce(uint32_t lan_ip, uint32_t server, uint64_t deadline)
{
    struct pcp_ctx c = {.req = NULL};
    uint8_t req[24], client[4];
    int err;

    ipv4_bytes(lan_ip, client);
    ohn_pcp_encode_announce(req, sizeof(req), client);
    if ((err = exchange(lan_ip, server, OHN_PCP_VERSION, req, sizeof(req), deadline, accept_pcp, &c, FALSE)))
        return err == 1 ? OHN_IGD_EPROTO : err;
    note_epoch(server, c.answer.epoch);
    return error_of(OHN_PCP_VERSION, c.answer.result);
}

/* One mapping request (lifetime 0 deletes) for a record, with the records lock held; the
 * granted lifetime and assigned external port in *granted and *external_port. */
static int map_request(struct ohn_gateway *gw, const struct ohn_pcp_record *r, uint32_t lifetime, uint64_t deadline,
                       uint32_t *granted, unsigned *external_port)
{
    uint32_t server = gw->igd.responder, lan_ip = gw->igd.lan_ip;
    uint8_t buf[60];
    int err;

    if (r->version == OHN_NATPMP_VERSION)
    {
        struct natpmp_ctx c = {.opcode = r->protocol == OHN_PROTO_UDP ? 1 : 2, .internal_port = r->internal_port};
        size_t len = ohn_natpmp_encode_map(buf, sizeof(buf), r->protocol, r->internal_port,
                                           lifetime ? r->external_port : 0, lifetime);

        if ((err = exchange(lan_ip, server, OHN_NATPMP_VERSION, buf, len, deadline, accept_natpmp, &c, TRUE)))
            return err == 1 ? OHN_IGD_EPROTO : err;
        note_epoch(server, c.answer.epoch);
        *granted = c.answer.lifetime;
        *external_port = c.answer.external_port;
        return error_of(OHN_NATPMP_VERSION, c.answer.result);
    }
    else
    {
        struct ohn_pcp_map req = {0};
        struct pcp_ctx c = {.req = &req};
        size_t len;

        memcpy(req.nonce, r->nonce, sizeof(req.nonce));
        ipv4_bytes(lan_ip, req.client);
        req.protocol = r->protocol;
        req.internal_port = r->internal_port;
        req.external_port = r->external_port;
        ipv4_bytes(known_external(server), req.external);
        req.lifetime = lifetime;
        len = ohn_pcp_encode_map(buf, sizeof(buf), &req);
        if ((err = exchange(lan_ip, server, OHN_PCP_VERSION, buf, len, deadline, accept_pcp, &c, TRUE)))
            return err == 1 ? OHN_IGD_EPROTO : err;
        note_epoch(server, c.answer.epoch);
        if (!(err = error_of(OHN_PCP_VERSION, c.answer.result)) && lifetime)
            note_external(server, ipv4_of(c.answer.map.external));
        *granted = c.answer.lifetime;
        *external_port = c.answer.map.external_port;
        return err;
    }
}

/* ---- records ---- */

/* The prefix's mutex of the records, opened once per process and kept. */
static HANDLE records_mutex(void)
{
    static HANDLE mutex;
    HANDLE m;

    if ((m = InterlockedCompareExchangePointer((void **)&mutex, NULL, NULL)))
        return m;
    if (!(m = CreateMutexW(NULL, FALSE, LOCK_NAME)))
        return NULL;
    if (InterlockedCompareExchangePointer((void **)&mutex, m, NULL))
        CloseHandle(m); /* another thread was first */
    return mutex;
}

static HANDLE records_lock(uint64_t deadline)
{
    HANDLE m = records_mutex();
    uint64_t now = ohn_now_ms();
    DWORD w;

    if (!m)
        return NULL;
    w = WaitForSingleObject(m, deadline > now ? (DWORD)(deadline - now) : 0);
    return w == WAIT_OBJECT_0 || w == WAIT_ABANDONED ? m : NULL;
}

static void records_unlock(HANDLE m)
{
    if (m)
        ReleaseMutex(m);
}

static void record_name(unsigned protocol, unsigned port, WCHAR name[16])
{
    swprintf(name, 16, L"%ls %u", protocol == OHN_PROTO_UDP ? L"UDP" : L"TCP", port);
}

static BOOL record_read(HKEY key, unsigned protocol, unsigned port, struct ohn_pcp_record *r)
{
    uint8_t data[OHN_PCP_RECORD_MAX];
    DWORD size = sizeof(data), type;
    WCHAR name[16];

    record_name(protocol, port, name);
    return key && !RegQueryValueExW(key, name, NULL, &type, data, &size) && type == REG_BINARY &&
           !ohn_pcp_record_decode(data, size, r) && r->protocol == protocol && r->external_port == port;
}

static int record_write(HKEY key, const struct ohn_pcp_record *r)
{
    uint8_t data[OHN_PCP_RECORD_MAX];
    size_t size = ohn_pcp_record_encode(r, data, sizeof(data));
    WCHAR name[16];

    record_name(r->protocol, r->external_port, name);
    if (!size || !key || RegSetValueExW(key, name, 0, REG_BINARY, data, (DWORD)size))
        return OHN_IGD_ENOMEM;
    return 0;
}

static void record_delete(HKEY key, unsigned protocol, unsigned port)
{
    WCHAR name[16];

    record_name(protocol, port, name);
    if (key)
        RegDeleteValueW(key, name);
}

/* Which external port of ours maps an internal port: a value "TCP <- 8080" (REG_DWORD) next
 * to the records, so that an Add checks the protocols' one-mapping-per-internal-port rule with
 * one read rather than a walk over every record. */
static void index_name(unsigned protocol, unsigned internal_port, WCHAR name[24])
{
    swprintf(name, 24, L"%ls <- %u", protocol == OHN_PROTO_UDP ? L"UDP" : L"TCP", internal_port);
}

static unsigned index_read(HKEY key, unsigned protocol, unsigned internal_port)
{
    DWORD value = 0, size = sizeof(value), type;
    WCHAR name[24];

    index_name(protocol, internal_port, name);
    if (!key || RegQueryValueExW(key, name, NULL, &type, (BYTE *)&value, &size) || type != REG_DWORD || value > 65535)
        return 0;
    return value;
}

static void index_write(HKEY key, unsigned protocol, unsigned internal_port, unsigned external_port)
{
    DWORD value = external_port;
    WCHAR name[24];

    index_name(protocol, internal_port, name);
    RegSetValueExW(key, name, 0, REG_DWORD, (const BYTE *)&value, sizeof(value));
}

/* Only when it names external_port: another mapping may have the internal port since. */
static void index_delete(HKEY key, unsigned protocol, unsigned internal_port, unsigned external_port)
{
    WCHAR name[24];

    if (key && index_read(key, protocol, internal_port) == external_port)
    {
        index_name(protocol, internal_port, name);
        RegDeleteValueW(key, name);
    }
}

/* Every record of the key but dynamic ones whose lease ran out; *out malloc'd. With prune (and
 * the records lock held), those are deleted. */
static unsigned records_all(HKEY key, BOOL prune, struct ohn_pcp_record **out)
{
    uint8_t data[OHN_PCP_RECORD_MAX];
    struct ohn_pcp_record *list = NULL, r, ended[16];
    unsigned n = 0, cap = 0, n_ended = 0, j;
    uint64_t now = ohn_unix_now();
    WCHAR name[64];
    DWORD i, name_len, size, type;

    *out = NULL;
    for (i = 0; key && n < MAX_RECORDS; i++)
    {
        name_len = ARRAY_SIZE(name);
        size = sizeof(data);
        if (RegEnumValueW(key, i, name, &name_len, NULL, &type, data, &size))
            break;
        if (type != REG_BINARY || ohn_pcp_record_decode(data, size, &r))
            continue;
        if (ohn_pcp_record_expires(&r) && ohn_pcp_record_expires(&r) <= now)
        {
            if (n_ended < ARRAY_SIZE(ended))
                ended[n_ended++] = r; /* deleted once the walk is over (the rest next time) */
            continue;
        }
        if (n == cap)
        {
            struct ohn_pcp_record *bigger = realloc(list, (cap = cap ? cap * 2 : 16) * sizeof(*list));

            if (!bigger)
                break;
            list = bigger;
        }
        list[n++] = r;
    }
    for (j = 0; prune && j < n_ended; j++)
    {
        TRACE("%s %u: lease ended\n", ohn_igd_protocol_name((uint8_t)ended[j].protocol), ended[j].external_port);
        record_delete(key, ended[j].protocol, ended[j].external_port);
        index_delete(key, ended[j].protocol, ended[j].internal_port, ended[j].external_port);
    }
    *out = list;
    return n;
}

static void entry_of(const struct ohn_pcp_record *r, struct ohn_igd_entry *e)
{
    uint64_t now = ohn_unix_now(), expires = ohn_pcp_record_expires(r);

    memset(e, 0, sizeof(*e));
    e->protocol = (uint8_t)r->protocol;
    e->external_port = (uint16_t)r->external_port;
    e->internal_port = (uint16_t)r->internal_port;
    e->internal_ip = ipv4_of(r->internal);
    e->enabled = r->enabled;
    e->lease = expires ? (long)(expires > now ? expires - now : 0) : 0;
    strcpy(e->description, r->description);
}

/* Creates (or renews) the mapping of a record on the server, and writes the record with what
 * the server granted. With the records lock held. */
static int realise_record(struct ohn_gateway *gw, HKEY key, struct ohn_pcp_record *r, uint64_t deadline)
{
    uint32_t granted = 0;
    unsigned external_port = 0;
    int err;

    if ((err = map_request(gw, r, r->lease ? r->lease : PERMANENT_ASK, deadline, &granted, &external_port)))
        return err;
    if (external_port != r->external_port || !granted)
    {
        uint32_t ignored;
        unsigned port;

        /* Not the port asked for: taken by another client. Give the one assigned back. */
        TRACE("asked for %u, assigned %u: giving it back\n", r->external_port, external_port);
        map_request(gw, r, 0, deadline, &ignored, &port);
        return OHN_UPNP_CONFLICT;
    }
    r->granted = granted;
    r->granted_at = ohn_unix_now();
    return record_write(key, r);
}

/* ---- the backend ---- */

static int pcp_external_ip(struct ohn_gateway *gw, uint64_t deadline, uint32_t *ip)
{
    uint32_t known = known_external(gw->igd.responder);
    int err;

    /* NAT-PMP's address request (PCP servers usually answer it too; one that does not gets
     * half a second); else what the last MAP answer said. */
    if (gw->protocol == OHN_GW_PCP && ohn_now_ms() + 500 < deadline)
        deadline = ohn_now_ms() + 500;
    if (!(err = natpmp_address(gw->igd.lan_ip, gw->igd.responder, deadline, ip)))
        return 0;
    if (gw->protocol == OHN_GW_PCP)
    {
        *ip = known;
        return 0;
    }
    return err;
}

static int pcp_ping(struct ohn_gateway *gw, uint64_t deadline, uint32_t *external)
{
    int err;

    *external = known_external(gw->igd.responder);
    if (gw->protocol == OHN_GW_NATPMP)
        return natpmp_address(gw->igd.lan_ip, gw->igd.responder, deadline, external);
    if (!(err = pcp_announce(gw->igd.lan_ip, gw->igd.responder, deadline)) && !*external)
        pcp_external_ip(gw, deadline, external);
    return err;
}

static int pcp_add(struct ohn_gateway *gw, uint64_t deadline, const struct ohn_igd_entry *entry, long *granted)
{
    struct ohn_pcp_record r = {0}, old, other;
    unsigned other_port;
    BOOL had;
    HANDLE lock;
    HKEY key;
    int err;

    *granted = entry->lease;
    if (entry->remote_host[0])
        return 726; /* RemoteHostOnlySupportsWildcard */
    if (entry->internal_ip != gw->igd.lan_ip)
        return 606; /* a client maps only its own address */
    if (strlen(entry->description) > OHN_PCP_DESC_MAX)
        return OHN_IGD_EARGS;
    if (!(lock = records_lock(deadline)))
        return OHN_IGD_ETIMEOUT;
    if (!(key = records_key(gw->igd.responder, TRUE)))
    {
        records_unlock(lock);
        return OHN_IGD_ENOMEM;
    }
    had = record_read(key, entry->protocol, entry->external_port, &old);
    other_port = index_read(key, entry->protocol, entry->internal_port);
    if (entry->enabled && other_port && other_port != entry->external_port &&
        record_read(key, entry->protocol, other_port, &other) && other.enabled &&
        other.internal_port == entry->internal_port &&
        (!ohn_pcp_record_expires(&other) || ohn_pcp_record_expires(&other) > ohn_unix_now()))
        err = OHN_UPNP_CONFLICT;
    else
    {
        r.version = version_of(gw);
        r.protocol = entry->protocol;
        r.external_port = entry->external_port;
        r.internal_port = entry->internal_port;
        ipv4_bytes(entry->internal_ip, r.internal);
        r.enabled = entry->enabled != 0;
        r.lease = entry->lease > 0 ? (uint32_t)entry->lease : 0;
        strcpy(r.description, entry->description);
        if (had && old.version == r.version)
            memcpy(r.nonce, old.nonce, sizeof(r.nonce)); /* the server knows it by this one */
        else
            RtlGenRandom(r.nonce, sizeof(r.nonce));
        err = 0;
        /* Another internal port, or disabled: the server's mapping goes first. */
        if (had && old.enabled && (!r.enabled || old.internal_port != r.internal_port || old.version != r.version))
        {
            uint32_t ignored;
            unsigned port;

            err = map_request(gw, &old, 0, deadline, &ignored, &port);
            if (err < 0)
                goto done;
            err = 0;
            index_delete(key, old.protocol, old.internal_port, old.external_port);
        }
        if (r.enabled)
            err = realise_record(gw, key, &r, deadline);
        else
            err = record_write(key, &r);
        if (!err && r.enabled)
            index_write(key, r.protocol, r.internal_port, r.external_port);
        if (!err && r.lease && r.granted && r.granted < r.lease)
            *granted = r.granted;
    }
done:
    RegCloseKey(key);
    records_unlock(lock);
    if (!err && r.enabled && !r.lease)
        schedule_check(ohn_now_ms() + (uint64_t)r.granted * 1000 / 2);
    TRACE("%s %u -> %u: %d\n", ohn_igd_protocol_name(entry->protocol), entry->external_port, entry->internal_port, err);
    return err;
}

static int pcp_remove(struct ohn_gateway *gw, uint64_t deadline, uint8_t protocol, uint16_t external_port,
                      const char *remote_host)
{
    struct ohn_pcp_record r;
    uint32_t ignored;
    unsigned port;
    HANDLE lock;
    HKEY key;
    int err = 0;

    if (remote_host && remote_host[0])
        return OHN_UPNP_NO_SUCH_ENTRY;
    if (!(lock = records_lock(deadline)))
        return OHN_IGD_ETIMEOUT;
    key = records_key(gw->igd.responder, FALSE);
    if (!record_read(key, protocol, external_port, &r))
        err = OHN_UPNP_NO_SUCH_ENTRY;
    else if (r.enabled && (err = map_request(gw, &r, 0, deadline, &ignored, &port)) < 0)
        ; /* no answer: the record stays, and so does the mapping */
    else
    {
        /* Any answer ends it: success, or a server that no longer knows it as ours. */
        err = 0;
        record_delete(key, protocol, external_port);
        index_delete(key, protocol, r.internal_port, external_port);
    }
    if (key)
        RegCloseKey(key);
    records_unlock(lock);
    TRACE("%s %u: %d\n", ohn_igd_protocol_name(protocol), external_port, err);
    return err;
}

static int pcp_get(struct ohn_gateway *gw, uint64_t deadline, uint8_t protocol, uint16_t external_port,
                   const char *remote_host, struct ohn_igd_entry *out)
{
    struct ohn_pcp_record r;
    HKEY key = records_key(gw->igd.responder, FALSE);
    BOOL found = !(remote_host && remote_host[0]) && record_read(key, protocol, external_port, &r) &&
                 (!ohn_pcp_record_expires(&r) || ohn_pcp_record_expires(&r) > ohn_unix_now());

    if (key)
        RegCloseKey(key);
    if (!found)
        return OHN_UPNP_NO_SUCH_ENTRY;
    entry_of(&r, out);
    return 0;
}

static int pcp_list(struct ohn_gateway *gw, uint64_t deadline, struct ohn_igd_entry **entries, unsigned *count)
{
    struct ohn_pcp_record *all;
    HKEY key = records_key(gw->igd.responder, FALSE);
    unsigned n = records_all(key, FALSE, &all), i;

    if (key)
        RegCloseKey(key);
    *entries = NULL;
    *count = 0;
    if (n && !(*entries = malloc(n * sizeof(**entries))))
    {
        free(all);
        return OHN_IGD_ENOMEM;
    }
    for (i = 0; i < n; i++)
        entry_of(&all[i], &(*entries)[i]);
    *count = n;
    free(all);
    return 0;
}

/* A remembered server: the location discovery would have written for it. */
static BOOL pcp_plausible(const struct ohn_igd *igd)
{
    return ohn_pcp_plausible(igd, ohn_gw_protocol_of(igd) == OHN_GW_NATPMP);
}

const struct ohn_gw_backend ohn_backend_pcp = {
    .name = "PCP",
    .lists_table = FALSE,
    .ping = pcp_ping,
    .external_ip = pcp_external_ip,
    .add = pcp_add,
    .remove = pcp_remove,
    .get = pcp_get,
    .list = pcp_list,
    .plausible = pcp_plausible,
};

const struct ohn_gw_backend ohn_backend_natpmp = {
    .name = "NAT-PMP",
    .lists_table = FALSE,
    .ping = pcp_ping,
    .external_ip = pcp_external_ip,
    .add = pcp_add,
    .remove = pcp_remove,
    .get = pcp_get,
    .list = pcp_list,
    .plausible = pcp_plausible,
};

/* ---- discovery ---- */

/* The host's default gateways (next hops of its default routes) and, for each, the local
 * address toward it: from ips/prefixes, the local addresses. */
static unsigned default_gateways(const uint32_t *ips, const unsigned *prefixes, unsigned n, uint32_t *servers,
                                 uint32_t *lan_ips, unsigned max)
{
    MIB_IPFORWARDTABLE *table = NULL;
    ULONG size = 0;
    unsigned count = 0, i, j;

    if (GetIpForwardTable(NULL, &size, FALSE) != ERROR_INSUFFICIENT_BUFFER || !(table = malloc(size)) ||
        GetIpForwardTable(table, &size, TRUE) != NO_ERROR)
    {
        free(table);
        return 0;
    }
    for (i = 0; i < table->dwNumEntries && count < max; i++)
    {
        const MIB_IPFORWARDROW *row = &table->table[i];
        uint32_t hop = ntohl(row->dwForwardNextHop);
        BOOL seen = FALSE;

        if (row->dwForwardDest || row->dwForwardMask || !hop)
            continue;
        for (j = 0; j < count; j++)
            seen |= servers[j] == hop;
        if (seen)
            continue;
        for (j = 0; j < n; j++)
        {
            uint32_t mask = prefixes[j] ? ~0u << (32 - (prefixes[j] > 32 ? 32 : prefixes[j])) : 0;

            if ((ips[j] & mask) == (hop & mask))
                break;
        }
        if (j == n)
            continue;
        servers[count] = hop;
        lan_ips[count] = ips[j];
        count++;
    }
    free(table);
    return count;
}

/* Asks server, from lan_ip, until window_end, whether it speaks PCP or NAT-PMP: 0 and *out
 * filled (service_type "PCP" or "NAT-PMP") when it does, OHN_IGD_ETIMEOUT when nothing
 * answered. */
static int ask_server(uint32_t lan_ip, uint32_t server, uint64_t window_end, const volatile LONG *abandon,
                      struct ohn_igd *out)
{
    uint8_t pcp_req[24], natpmp_req[2], buf[OHN_PCP_MAX_PACKET + 4], client[4];
    struct sockaddr_in to = {.sin_family = AF_INET};
    struct ohn_pcp_answer pcp_answer;
    struct ohn_natpmp_answer natpmp_answer;
    BOOL pcp_ok = FALSE, pcp_old = FALSE, natpmp_ok = FALSE, natpmp_failed = FALSE;
    uint32_t external = 0, epoch = 0;
    unsigned pcp_attempt = 0, natpmp_attempt = 0;
    uint64_t pcp_next = 0, natpmp_next = 0, now, until;
    SOCKET s;
    int n;

    if ((s = open_socket(lan_ip, 0, FALSE)) == INVALID_SOCKET)
        return OHN_IGD_ETRANSPORT;
    ipv4_bytes(lan_ip, client);
    ohn_pcp_encode_announce(pcp_req, sizeof(pcp_req), client);
    ohn_natpmp_encode_address(natpmp_req, sizeof(natpmp_req));
    to.sin_addr.s_addr = htonl(server);
    to.sin_port = htons(OHN_PCP_PORT);
    /* Both questions at once, each retransmitted on its protocol's schedule, until the window
     * ends or both are answered. */
    while ((now = ohn_now_ms()) < window_end && !(pcp_ok && (natpmp_ok || natpmp_failed)) &&
           !(pcp_old && (natpmp_ok || natpmp_failed)) && !(abandon && *abandon))
    {
        if (!pcp_ok && !pcp_old && now >= pcp_next)
        {
            sendto(s, (const char *)pcp_req, sizeof(pcp_req), 0, (struct sockaddr *)&to, sizeof(to));
            pcp_next = now + ohn_pcp_retransmit_ms(OHN_PCP_VERSION, pcp_attempt++, random16());
        }
        if (!natpmp_ok && !natpmp_failed && now >= natpmp_next)
        {
            sendto(s, (const char *)natpmp_req, sizeof(natpmp_req), 0, (struct sockaddr *)&to, sizeof(to));
            natpmp_next = now + ohn_pcp_retransmit_ms(OHN_NATPMP_VERSION, natpmp_attempt++, 0);
        }
        until = window_end;
        if (!pcp_ok && !pcp_old && pcp_next < until)
            until = pcp_next;
        if (!natpmp_ok && !natpmp_failed && natpmp_next < until)
            until = natpmp_next;
        if (abandon && until > now + ABANDON_CHECK_MS)
            until = now + ABANDON_CHECK_MS;
        if ((n = receive_from(s, server, until, buf, sizeof(buf))) < 0)
            continue;
        if (n >= 2 && buf[0] == OHN_PCP_VERSION)
        {
            if (ohn_pcp_decode(buf, (size_t)n, NULL, &pcp_answer) == OHN_PCP_ANSWER)
            {
                /* Any well-formed answer in version 2 is a PCP server (some answer ANNOUNCE
                 * with an error, which still tells the version and the epoch). */
                pcp_ok = TRUE;
                epoch = pcp_answer.epoch;
            }
        }
        else if (ohn_pcp_decode(buf, (size_t)n, NULL, &pcp_answer) == OHN_PCP_OLD_VERSION)
            pcp_old = TRUE;
        else if (ohn_natpmp_decode(buf, (size_t)n, 0, 0, &natpmp_answer) == OHN_PCP_ANSWER)
        {
            if (natpmp_answer.result == OHN_NATPMP_SUCCESS)
            {
                natpmp_ok = TRUE;
                external = ipv4_of(natpmp_answer.external);
                if (!pcp_ok)
                    epoch = natpmp_answer.epoch;
            }
            else
                natpmp_failed = TRUE;
        }
    }
    closesocket(s);
    if (!pcp_ok && !natpmp_ok)
        return OHN_IGD_ETIMEOUT;
    memset(out, 0, sizeof(*out));
    ohn_pcp_location(out->location, sizeof(out->location), !pcp_ok, server);
    strcpy(out->service_type, pcp_ok ? "PCP" : "NAT-PMP");
    out->responder = server;
    out->lan_ip = lan_ip;
    out->facts.connected = 1;
    out->facts.external_ip = external;
    out->score = ohn_gw_score(&out->facts);
    note_epoch(server, epoch);
    if (external)
        note_external(server, external);
    TRACE("%s at %s (external %08x)\n", out->service_type, out->location, external);
    return 0;
}

/* ---- the lease-check job and the announcement listener ---- */

static struct ohn_gateway *current_pcp_gateway(void)
{
    struct ohn_gateway *gw = NULL;

    if (ohn_engine_gateway(0, &gw) != S_OK)
        return NULL;
    if (gw->protocol == OHN_GW_UPNP)
    {
        ohn_gateway_release(gw);
        return NULL;
    }
    return gw;
}

static uint64_t job_due(void)
{
    uint64_t due;

    AcquireSRWLockShared(&pcp.lock);
    due = pcp.job_registered && pcp.listen_server ? pcp.next_check : UINT64_MAX;
    ReleaseSRWLockShared(&pcp.lock);
    return due;
}

/* One check: the server's epoch (one request), then every record that is due, or all of them
 * when the server lost its state. */
static void job_run(void)
{
    struct ohn_gateway *gw = current_pcp_gateway();
    struct ohn_pcp_record *all = NULL;
    uint64_t now_s, next_s = UINT64_MAX, check_ms = ohn_engine_setting(L"HNETCFG_PCP_CHECK_MS", 60000);
    uint32_t external;
    BOOL recreate, again = FALSE;
    HANDLE lock;
    HKEY key;
    unsigned n, i;

    if (!gw)
    {
        AcquireSRWLockExclusive(&pcp.lock);
        pcp.listen_server = 0;
        pcp.next_check = UINT64_MAX;
        ReleaseSRWLockExclusive(&pcp.lock);
        return;
    }
    if (!ohn_gw_ping(gw, ohn_engine_deadline(), &external)) /* notes the epoch */
        epoch_keep(gw->igd.responder);
    if (external)
        ohn_engine_set_external_ip(gw, external);
    AcquireSRWLockExclusive(&pcp.lock);
    recreate = pcp.recreate;
    pcp.recreate = FALSE;
    ReleaseSRWLockExclusive(&pcp.lock);
    if ((lock = records_lock(ohn_engine_deadline())))
    {
        key = records_key(gw->igd.responder, FALSE);
        n = records_all(key, TRUE, &all);
        now_s = ohn_unix_now();
        for (i = 0; i < n; i++)
        {
            struct ohn_pcp_record *r = &all[i];
            int err;

            if (!r->enabled)
                continue;
            /* Dynamic mappings are renewed by the process that owns them (engine.c); after a
             * reboot, every one is created again. Permanent ones by whoever runs. */
            if (recreate || (!r->lease && ohn_pcp_record_renew_at(r) <= now_s))
            {
                err = realise_record(gw, key, r, ohn_engine_deadline());
                TRACE("%s %u: %s, %d (granted %u)\n", ohn_igd_protocol_name((uint8_t)r->protocol), r->external_port,
                      recreate ? "created again" : "renewed", err, r->granted);
                if (err)
                {
                    /* Again at the next check: all of them, after a reboot. */
                    again |= recreate;
                    if (now_s + check_ms / 1000 < next_s)
                        next_s = now_s + check_ms / 1000;
                    continue;
                }
            }
            if (!r->lease && ohn_pcp_record_renew_at(r) < next_s)
                next_s = ohn_pcp_record_renew_at(r);
        }
        free(all);
        if (key)
            RegCloseKey(key);
        records_unlock(lock);
    }
    else
        again = recreate; /* the records are busy: the next check does it */
    AcquireSRWLockExclusive(&pcp.lock);
    pcp.recreate |= again;
    pcp.next_check = ohn_now_ms() + check_ms;
    if (next_s != UINT64_MAX)
    {
        now_s = ohn_unix_now();
        if (next_s <= now_s)
            pcp.next_check = ohn_now_ms() + 1000;
        else if ((next_s - now_s) * 1000 < check_ms)
            pcp.next_check = ohn_now_ms() + (next_s - now_s) * 1000;
    }
    ReleaseSRWLockExclusive(&pcp.lock);
    ohn_gateway_release(gw);
}

static DWORD listener_main(void *arg);

/* Starts the listener when the engine runs, the gateway is a PCP or NAT-PMP one and it does not
 * run yet. */
static void listener_ensure(void)
{
    uint32_t lan;
    BOOL start;

    AcquireSRWLockExclusive(&pcp.lock);
    if ((start = pcp.engine_running && pcp.listen_server && !pcp.listening))
        pcp.listening = TRUE;
    lan = pcp.listen_lan;
    ReleaseSRWLockExclusive(&pcp.lock);
    if (start && !ohn_thread_start(listener_main, (void *)(uintptr_t)lan))
    {
        AcquireSRWLockExclusive(&pcp.lock);
        pcp.listening = FALSE;
        ReleaseSRWLockExclusive(&pcp.lock);
    }
}

/* The lease checks and the listener run while the engine thread runs for something else (a
 * UPnPNAT object, a dynamic mapping of this process, a session): alone they keep nothing alive,
 * so that the DLL can unload. The permanent mappings' records stay: the next process (or object)
 * that uses the gateway renews them, or creates them again. */
static void job_start(void)
{
    AcquireSRWLockExclusive(&pcp.lock);
    pcp.engine_running = TRUE;
    ReleaseSRWLockExclusive(&pcp.lock);
    listener_ensure();
}

static void job_stop(void)
{
    AcquireSRWLockExclusive(&pcp.lock);
    pcp.engine_running = FALSE; /* the listener ends within LISTEN_SLICE_MS */
    ReleaseSRWLockExclusive(&pcp.lock);
}

static struct ohn_engine_job pcp_job = {
    .name = "pcp",
    .due = job_due,
    .run = job_run,
    .start = job_start,
    .stop = job_stop,
};

/* Hears the server's ANNOUNCE (PCP) and address-change announcements (NAT-PMP) on
 * 224.0.0.1:5350, shared with other processes: an epoch that says the server lost its state
 * brings the next check now. Runs while the gateway in use is a PCP or NAT-PMP one. */
static DWORD listener_main(void *arg)
{
    uint32_t lan_ip = (uint32_t)(uintptr_t)arg;
    struct ip_mreq mreq;
    uint8_t buf[OHN_PCP_MAX_PACKET + 4];
    SOCKET s = open_socket(0, OHN_PCP_ANNOUNCE_PORT, TRUE);
    uint32_t server;

    if (s == INVALID_SOCKET)
    {
        TRACE("cannot listen on port %u\n", OHN_PCP_ANNOUNCE_PORT);
        AcquireSRWLockExclusive(&pcp.lock);
        pcp.listening = FALSE;
        ReleaseSRWLockExclusive(&pcp.lock);
        return 0;
    }
    mreq.imr_multiaddr.s_addr = htonl(0xe0000001); /* 224.0.0.1 */
    mreq.imr_interface.s_addr = htonl(lan_ip);
    setsockopt(s, IPPROTO_IP, IP_ADD_MEMBERSHIP, (const char *)&mreq, sizeof(mreq));
    for (;;)
    {
        struct ohn_natpmp_answer natpmp;
        uint32_t epoch;
        int n;

        /* Ends when the engine stops or the gateway is no longer a PCP or NAT-PMP one; decided
         * under the lock with the flag, so that a start in between finds it running or ended. */
        AcquireSRWLockExclusive(&pcp.lock);
        server = pcp.engine_running ? pcp.listen_server : 0;
        if (!server)
            pcp.listening = FALSE;
        ReleaseSRWLockExclusive(&pcp.lock);
        if (!server)
            break;
        /* In slices of a quarter second: the last release of the DLL's objects waits for this
         * thread to end (engine.h: OHN_SETTLE_MS). */
        if ((n = receive_from(s, server, ohn_now_ms() + LISTEN_SLICE_MS, buf, sizeof(buf))) < 0)
            continue;
        if (ohn_pcp_decode_announce(buf, (size_t)n, &epoch) ||
            (ohn_natpmp_decode(buf, (size_t)n, 0, 0, &natpmp) == OHN_PCP_ANSWER &&
             natpmp.result == OHN_NATPMP_SUCCESS && ((epoch = natpmp.epoch), 1)))
        {
            TRACE("announcement from the server, epoch %u\n", epoch);
            if (note_epoch(server, epoch) && n == 12)
                note_external(server, ipv4_of(natpmp.external));
        }
    }
    closesocket(s);
    TRACE("listener ends\n");
    return 0;
}

/* The engine published gw: the lease-check job is registered, and the listener hears the
 * server's announcements when gw is a PCP or NAT-PMP one (and stops listening when not). */
static void pcp_published(struct ohn_gateway *gw)
{
    BOOL reg = FALSE;

    AcquireSRWLockExclusive(&pcp.lock);
    if (gw->protocol == OHN_GW_UPNP)
        pcp.listen_server = 0;
    else
    {
        if (pcp.listen_server != gw->igd.responder)
            pcp.next_check = 0; /* a check at once: records of this server to renew */
        pcp.listen_server = gw->igd.responder;
        pcp.listen_lan = gw->igd.lan_ip;
        if (!pcp.job_registered)
            reg = pcp.job_registered = TRUE;
    }
    ReleaseSRWLockExclusive(&pcp.lock);
    if (reg)
        ohn_engine_register_job(&pcp_job); /* started at once when the engine runs */
    listener_ensure();
    if (gw->protocol != OHN_GW_UPNP)
        ohn_engine_nudge(); /* the check, when the engine runs; else when it starts */
}

/* The finder: each default gateway asked on UDP 5351, at once, within the discovery window. */
struct gateways
{
    uint32_t servers[OHN_PCP_MAX_SERVERS], lans[OHN_PCP_MAX_SERVERS];
    unsigned count, next;
};

static int gateways_start(const uint32_t *ips, const unsigned *prefixes, unsigned n, void **search)
{
    struct gateways *g = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, sizeof(*g));

    *search = g;
    if (!g)
        return OHN_IGD_ENOMEM;
    g->count = default_gateways(ips, prefixes, n, g->servers, g->lans, OHN_PCP_MAX_SERVERS);
    return 0;
}

static int gateways_next(void *search, uint64_t deadline, struct ohn_gw_candidate *out)
{
    struct gateways *g = search;

    if (g->next == g->count)
        return -1;
    memset(out, 0, sizeof(*out));
    out->sender = g->servers[g->next];
    out->lan_ip = g->lans[g->next++];
    return 1;
}

static void gateways_stop(void *search)
{
    HeapFree(GetProcessHeap(), 0, search);
}

static int gateways_describe(const struct ohn_gw_candidate *candidate, struct ohn_igd *igd)
{
    return ask_server(candidate->lan_ip, candidate->sender, candidate->deadline, candidate->abandon, igd);
}

const struct ohn_gw_finder ohn_finder_pcp = {
    .name = "PCP and NAT-PMP",
    .within_window = TRUE,
    .start = gateways_start,
    .next = gateways_next,
    .stop = gateways_stop,
    .describe = gateways_describe,
    .published = pcp_published,
};
