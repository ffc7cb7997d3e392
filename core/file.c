/*
** file.c: a whole file into memory (see file.h).
*/
#include "file.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "oom.h"

int file_is_stdin(const char *path) {
    return path && strcmp(path, FILE_STDIN) == 0;
}

const char *file_shown(const char *path) {
    return file_is_stdin(path) ? FILE_STDIN_NAME : path;
}

char *file_read(const char *path, size_t max, size_t *len) {
    FILE *f = file_is_stdin(path) ? stdin : fopen(path, "rb");
    if (!f) return NULL;
    char *buf = NULL;
    size_t n = 0, cap = 0, got;
    int err = 0;
    do {
        if (n == cap) {
            size_t grow = cap ? 2 * cap : 8192;
            char *nb = cap > max ? NULL : realloc(buf, grow + 1);
            if (!nb) {
                err = cap > max ? EFBIG : ENOMEM;
                if (err == ENOMEM) oom_note(); /* the machine's fault, not the file's */
                break;
            }
            buf = nb;
            cap = grow;
        }
        n += got = fread(buf + n, 1, cap - n, f);
        if (!got && ferror(f)) err = errno ? errno : EIO;
    } while (got && !err);
    if (f != stdin) fclose(f);
    if (!err && n > max) err = EFBIG;
    if (err) {
        free(buf);
        errno = err;
        return NULL;
    }
    buf[n] = '\0';
    *len = n;
    return buf;
}

int file_has_suffix(const char *name, const char *suffix) {
    size_t a = strlen(name), b = strlen(suffix);
    return a >= b && strcmp(name + a - b, suffix) == 0;
}
