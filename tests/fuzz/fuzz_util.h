/*
** fuzz_util.h: small helpers shared by the libFuzzer targets in tests/fuzz (header only).
**
** The engine reads files, not buffers, so every target writes its input to a file in a private
** temporary folder made once per process (under $TMPDIR, else /tmp) and removed at exit.
*/
#ifndef SPIL_FUZZ_UTIL_H
#define SPIL_FUZZ_UTIL_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char fuzz_tmp[4096];

/* Remove the files and folders fuzz_tmp holds (two levels are all the targets make). */
static inline void fuzz_cleanup(void) {
    char cmd[4200];
    if (!fuzz_tmp[0]) return;
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", fuzz_tmp);
    if (system(cmd) != 0) { /* nothing to do: a leftover temp folder */
    }
}

/* Make the process's temporary folder once; abort if that is impossible (no point fuzzing). */
static inline const char *fuzz_tmpdir(void) {
    if (fuzz_tmp[0]) return fuzz_tmp;
    const char *base = getenv("TMPDIR");
    /* mkdtemp's template: six X characters at the end, filled in by it. */
    int n = snprintf(fuzz_tmp, sizeof fuzz_tmp - 6, "%s/spil-fuzz-", base && *base ? base : "/tmp");
    memset(fuzz_tmp + n, 'X', 6);
    fuzz_tmp[n + 6] = '\0';
    if (!mkdtemp(fuzz_tmp)) {
        perror("fuzz: mkdtemp");
        abort();
    }
    atexit(fuzz_cleanup);
    return fuzz_tmp;
}

/* Write n bytes to path (replacing it); abort on failure. */
static inline void fuzz_write(const char *path, const void *data, size_t n) {
    FILE *f = fopen(path, "wb");
    if (!f || (n && fwrite(data, 1, n, f) != n) || fclose(f) != 0) {
        perror(path);
        abort();
    }
}

/* path = fuzz_tmpdir()/rel, made as a folder; abort on failure. */
static inline void fuzz_mkdir(char *path, size_t cap, const char *rel) {
    snprintf(path, cap, "%s/%s", fuzz_tmpdir(), rel);
    if (mkdir(path, 0700) != 0) {
        perror(path);
        abort();
    }
}

#endif
