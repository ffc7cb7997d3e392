/*
** store_error.c: what a storage failure means and what to do about it (store_impl.h:
** store_fail, store_error, store_exec; store.h: store_errmsg).
**
** Owns: turning SQLite's result codes (and the errno behind them) into one message that names
** the database file and the remedy: locked (another spil is writing; the busy timeout), full,
** the file size limit (ulimit -f), read-only, out of memory, an I/O error, a damaged file.
** Every such failure is a storage error (exit 3, cli.c), never bad input.
*/
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include "store_impl.h"

/* Whether the database or its write-ahead log has reached the file size limit (ulimit -f;
** SIGXFSZ is ignored, main.c, so the write failed with EFBIG): SQLite's errno is not always
** that of the write, so the sizes say it. */
static int at_size_limit(store *s, int *wal_file) {
    struct rlimit lim;
    if (!s->path || getrlimit(RLIMIT_FSIZE, &lim) != 0 || lim.rlim_cur == RLIM_INFINITY) return 0;
    char wal[4200];
    snprintf(wal, sizeof wal, "%s-wal", s->path);
    const char *files[] = {wal, s->path}; /* the log first: it is what a transaction grows */
    for (int i = 0; i < 2; i++) {
        struct stat sb;
        /* within a page or two of the limit: the write that failed was to pass it */
        if (stat(files[i], &sb) == 0 && (rlim_t)sb.st_size + 2 * 65536 >= lim.rlim_cur) {
            *wal_file = i == 0;
            return 1;
        }
    }
    return 0;
}

/* The failure SQLite reports on s now: *cause says what happened and where, *remedy what to do
** (both into buf). */
static void describe(store *s, char *buf, size_t cap, const char **cause, const char **remedy) {
    int rc = sqlite3_extended_errcode(s->db), err = sqlite3_system_errno(s->db);
    const char *path = s->path ? s->path : "the database";
    int kind = rc & 0xff;
    if (kind == SQLITE_IOERR && err == ENOSPC) kind = SQLITE_FULL;
    if (rc == SQLITE_IOERR_NOMEM || (kind == SQLITE_IOERR && err == ENOMEM) ||
        (rc == SQLITE_IOERR_SHMMAP && err == ENOMEM))
        kind = SQLITE_NOMEM;
    int wal = 0;
    if ((kind == SQLITE_IOERR || kind == SQLITE_FULL) && (at_size_limit(s, &wal) || err == EFBIG))
        kind = -EFBIG;
    *remedy = "run the command again";
    switch (kind) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        snprintf(buf, cap,
                 "%s is locked: another spil (or another program) is writing to it, and did not "
                 "finish within %d s "
                 "(the busy timeout)",
                 path, BUSY_TIMEOUT_MS / 1000);
        *remedy = "run the command again when that one is done";
        break;
    case SQLITE_FULL:
        snprintf(buf, cap, "the disk holding %s is full", path);
        *remedy = "make room there and run the command again";
        break;
    case -EFBIG:
        if (wal)
            snprintf(buf, cap,
                     "%s's write-ahead log %s-wal cannot grow: the file size limit (ulimit -f) "
                     "is reached",
                     path, path);
        else
            snprintf(buf, cap, "%s cannot grow: the file size limit (ulimit -f) is reached", path);
        *remedy = "raise the limit and run the command again";
        break;
    case SQLITE_READONLY:
        snprintf(buf, cap, "%s cannot be written (file permissions or read-only media)", path);
        *remedy = "this command writes; read commands (status, check, export, log) still work";
        break;
    case SQLITE_NOMEM:
        snprintf(buf, cap, "out of memory while using %s", path);
        *remedy = "close other programs (or raise ulimit -v) and run the command again";
        break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
        snprintf(buf, cap, "%s is damaged (%s)", path, sqlite3_errmsg(s->db));
        *remedy = "restore it from a backup (spil backup), and keep the damaged file to inspect";
        break;
    case SQLITE_IOERR:
        snprintf(buf, cap, "disk I/O error on %s (%s%s%s)", path, sqlite3_errmsg(s->db),
                 err ? ": " : "", err ? strerror(err) : "");
        *remedy = "check the disk, then run the command again";
        break;
    default: snprintf(buf, cap, "%s", sqlite3_errmsg(s->db)); *remedy = NULL;
    }
    *cause = buf;
}

int store_fail_committed(store *s) {
    char buf[300];
    const char *cause, *remedy;
    describe(s, buf, sizeof buf, &cause, &remedy);
    (void)remedy;
    return store_error(s,
                       "the change is recorded (in %s-wal), but copying it into %s failed: %s; "
                       "once that is put right, the next command that writes completes the copy",
                       s->path, s->path, cause);
}

int store_fail(store *s, const char *what) {
    char buf[300];
    const char *cause, *remedy;
    describe(s, buf, sizeof buf, &cause, &remedy);
    return store_error(s, "%s%s%s%s%s", what ? what : "", what ? ": " : "", cause,
                       remedy ? "; " : "", remedy ? remedy : "");
}

int store_error(store *s, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(s->errmsg, sizeof s->errmsg, fmt, ap);
    va_end(ap);
    return -1;
}

const char *store_errmsg(store *s) {
    return s->errmsg;
}

int store_exec(store *s, const char *sql) {
    if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK) return store_fail(s, NULL);
    return 0;
}
