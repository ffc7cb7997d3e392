/*
** mallocshim.c: an LD_PRELOAD library for the fault tests (tests/faults/run, kind oom-load): it
** counts the process's malloc, calloc and realloc calls and, from the MALLOC_FAIL_AT-th on,
** fails every one with ENOMEM (memory pressure that does not go away), so that each
** allocation on a command's path is seen to fail once. Counting starts at main's first call
** (the dynamic loader's and the C library's start-up allocations are not counted). Frees and
** every other call pass. Built without the sanitizers, whose allocator it would replace.
**
**   MALLOC_FAIL_AT  1-based number of the first call that fails; unset or 0: none (counting)
**   MALLOC_COUNT    a file to which the number of counted calls is written at exit
** Test code: it is not linked into spil.
*/
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

void *__libc_malloc(size_t);
void *__libc_calloc(size_t, size_t);
void *__libc_realloc(void *, size_t);

static long counted, at = -1;
static int armed; /* main has started: the constructor ran */

__attribute__((constructor)) static void setup(void) {
    const char *v = getenv("MALLOC_FAIL_AT");
    at = v ? atol(v) : 0;
    armed = 1;
}

static int fails(void) {
    if (!armed) return 0;
    long n = ++counted;
    if (at > 0 && n >= at) {
        errno = ENOMEM;
        return 1;
    }
    return 0;
}

void *malloc(size_t n) {
    return fails() ? NULL : __libc_malloc(n);
}

void *calloc(size_t k, size_t n) {
    return fails() ? NULL : __libc_calloc(k, n);
}

void *realloc(void *p, size_t n) {
    if (n == 0 || !p) return p ? __libc_realloc(p, n) : malloc(n);
    return fails() ? NULL : __libc_realloc(p, n);
}

__attribute__((destructor)) static void report(void) {
    const char *path = getenv("MALLOC_COUNT");
    if (!path) return;
    armed = 0;
    FILE *f = fopen(path, "w");
    if (!f) return;
    fprintf(f, "%ld\n", counted);
    fclose(f);
}
