/*
 * What every fuzz target of tests/fuzz shares: the libFuzzer entry point, and FUZZ_CHECK, a
 * property that must hold for every input (it aborts, so libFuzzer keeps the input as a crash).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef OHN_FUZZ_H
#define OHN_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ohn_core.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_CHECK(cond)                                                                       \
    do                                                                                         \
    {                                                                                          \
        if (!(cond))                                                                           \
        {                                                                                      \
            fprintf(stderr, "%s:%d: property does not hold: %s\n", __FILE__, __LINE__, #cond); \
            abort();                                                                           \
        }                                                                                      \
    } while (0)

/* The input as a NUL-terminated string (a copy of its own, so that ASan sees any read past
 * its end); free() it. NULL when out of memory. */
static inline char *fuzz_string(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);

    if (s)
    {
        memcpy(s, data, size);
        s[size] = 0;
    }
    return s;
}

/* The input as UTF-16LE code units (an odd last byte is dropped); *len units. free() it. */
static inline ohn_char *fuzz_units(const uint8_t *data, size_t size, size_t *len)
{
    ohn_char *u = malloc((size / 2 + 1) * sizeof(*u));
    size_t i;

    *len = size / 2;
    if (u)
    {
        for (i = 0; i < *len; i++)
            u[i] = (ohn_char)(data[2 * i] | data[2 * i + 1] << 8);
        u[*len] = 0;
    }
    return u;
}

/* Whether s holds a NUL within its first cap bytes (a fixed field is terminated). */
static inline int fuzz_terminated(const char *s, size_t cap)
{
    return memchr(s, 0, cap) != NULL;
}

#endif
