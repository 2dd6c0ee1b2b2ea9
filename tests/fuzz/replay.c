/*
 * A fuzz target without libFuzzer: runs it once on each file named (or on each file of each
 * folder named), so that the seed corpora and the crash inputs kept as regression cases run in
 * the native tests (tests/core) under gcc's sanitizers. Exits non-zero when a folder or file
 * cannot be read; a property that fails aborts.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <dirent.h>
#include <sys/stat.h>

#include "fuzz.h"

static int run_file(const char *path)
{
    uint8_t *data;
    long size;
    FILE *f = fopen(path, "rb");

    if (!f || fseek(f, 0, SEEK_END) || (size = ftell(f)) < 0 || fseek(f, 0, SEEK_SET))
    {
        fprintf(stderr, "replay: cannot read %s\n", path);
        if (f)
            fclose(f);
        return -1;
    }
    /* Exactly size bytes on the heap: ASan sees a read past the input's end. */
    if (!(data = malloc(size ? (size_t)size : 1)) || fread(data, 1, (size_t)size, f) != (size_t)size)
    {
        fprintf(stderr, "replay: cannot read %s\n", path);
        free(data);
        fclose(f);
        return -1;
    }
    fclose(f);
    LLVMFuzzerTestOneInput(data, (size_t)size);
    free(data);
    return 0;
}

int main(int argc, char **argv)
{
    unsigned long files = 0;
    int i, bad = 0;

    for (i = 1; i < argc; i++)
    {
        struct stat st;
        struct dirent *e;
        DIR *d;

        if (stat(argv[i], &st))
        {
            fprintf(stderr, "replay: no %s\n", argv[i]);
            bad = 1;
            continue;
        }
        if (!S_ISDIR(st.st_mode))
        {
            bad |= run_file(argv[i]) != 0;
            files++;
            continue;
        }
        if (!(d = opendir(argv[i])))
        {
            bad = 1;
            continue;
        }
        while ((e = readdir(d)))
        {
            char path[4096];

            if (e->d_name[0] == '.')
                continue;
            snprintf(path, sizeof(path), "%s/%s", argv[i], e->d_name);
            bad |= run_file(path) != 0;
            files++;
        }
        closedir(d);
    }
    printf("replay: %lu inputs, %s\n", files, bad ? "some could not be read" : "every property held");
    /* No input at all is a mistake of the caller (an empty corpus folder checks nothing). */
    return bad || !files;
}
