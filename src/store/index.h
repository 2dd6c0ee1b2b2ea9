/*
 * The shared index of one connection's port mappings: a named section,
 *   Local\open-hnetcfg-index1-{connection guid}
 * mapped by every process that uses the connection's mappings (the name carries the layout's
 * version). It is a cache of the registry, never the truth, and holds the lock that writers of
 * those mappings take.
 *
 * The lock is `owner`: 0 when free, else (process id << 32 | thread id) of the holder, taken
 * and given back with interlocked operations, so an uncontended write costs no system call
 * beyond its own registry request. A waiter that finds the holder's thread gone (its process
 * died or was killed) takes the lock over and marks the index stale.
 *
 * slots[p][port] is the id of the record stored for (protocol, port), p = 0 for TCP and 1 for
 * UDP, or 0 when there is none, or OHN_INDEX_UNREADABLE when a value of that name is not a
 * record this version reads (it is kept, and the name stays taken). While `state` is not
 * OHN_INDEX_READY the slots mean nothing: the next lock holder rebuilds them from the
 * registry. A new section is all zeros, so stale.
 *
 * Processes of both architectures map the same section: the layout is fixed-width, with no
 * pointer and no size_t, and the asserts below hold it to that on both.
 *
 * Included by the tests, which break the lock and the index on purpose.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef OHN_INDEX_H
#define OHN_INDEX_H

#include <stddef.h>
#include <stdint.h>

#define OHN_INDEX_PREFIX L"Local\\open-hnetcfg-index1-"
#define OHN_INDEX_READY 1
#define OHN_INDEX_UNREADABLE 0xffffffffu

struct ohn_index
{
    volatile int64_t owner;
    volatile int32_t state;
    uint32_t next_id; /* the last id given out; changed under the lock */
    uint32_t built;   /* 1 once the slots were built at all: until then they are all 0 */
    uint32_t reserved[3];
    volatile uint32_t slots[2][65536];
};

_Static_assert(offsetof(struct ohn_index, state) == 8 && offsetof(struct ohn_index, slots) == 32 &&
                   sizeof(struct ohn_index) == 32 + 2 * 65536 * 4,
               "the index is shared by 32-bit and 64-bit processes: its layout must not depend on the architecture");

#endif
