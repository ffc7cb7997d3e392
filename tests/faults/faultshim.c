/*
** faultshim.c: an LD_PRELOAD library for the fault tests (tests/faults/run): it counts the
** writes and syncs a process makes to files whose path contains FAULT_MATCH (default ".db", so
** the database, its -wal and its -shm), and makes the FAULT_AT-th of them fail or kill the
** process. Nothing else is changed.
**
**   FAULT_OPS     which calls count: "write" (write, pwrite, pwrite64, writev), "sync" (fsync,
**                 fdatasync), or "write,sync" (the default)
**   FAULT_AT      the 1-based number of the call that faults; unset or 0: none (only counting)
**   FAULT_ACTION  eio (the call fails with EIO), enospc (with ENOSPC: a full disk), or kill
**                 (SIGKILL before the call is made: a crash at that point)
**   FAULT_STICKY  1: every counted call after FAULT_AT fails too (a disk that stays full)
**   FAULT_COUNT   a file to which the number of counted calls is written at exit
**   FAULT_MATCH   the part of the path that selects a file
**
** A failing write writes nothing. The shim is test code: it is not linked into spil.
*/
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

static long counted, at = -1;
static int sticky, action, ops = 3; /* ops: 1 write, 2 sync */
static const char *match = ".db";

enum { A_EIO, A_ENOSPC, A_KILL };

static void setup(void) {
    if (at >= 0) return;
    const char *v = getenv("FAULT_AT");
    at = v ? atol(v) : 0;
    sticky = getenv("FAULT_STICKY") && atoi(getenv("FAULT_STICKY"));
    v = getenv("FAULT_ACTION");
    action = !v                         ? A_EIO
             : strcmp(v, "kill") == 0   ? A_KILL
             : strcmp(v, "enospc") == 0 ? A_ENOSPC
                                        : A_EIO;
    v = getenv("FAULT_OPS");
    if (v) ops = (strstr(v, "write") ? 1 : 0) | (strstr(v, "sync") ? 2 : 0);
    if (getenv("FAULT_MATCH")) match = getenv("FAULT_MATCH");
}

static int selected(int fd) {
    char link[64], path[4096];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t n = readlink(link, path, sizeof path - 1);
    if (n <= 0) return 0;
    path[n] = '\0';
    return strstr(path, match) != NULL;
}

/* 0: go on with the call; -1: fail it (errno set). */
static int fault(int fd, int op) {
    setup();
    if (!(ops & op) || !selected(fd)) return 0;
    long n = ++counted;
    if (at <= 0 || (n < at) || (n > at && !sticky)) return 0;
    if (action == A_KILL) raise(SIGKILL);
    errno = action == A_ENOSPC ? ENOSPC : EIO;
    return -1;
}

__attribute__((destructor)) static void report(void) {
    const char *path = getenv("FAULT_COUNT");
    if (!path) return;
    FILE *f = fopen(path, "w");
    if (!f) return;
    fprintf(f, "%ld\n", counted);
    fclose(f);
}

#define NEXT(name) ((__typeof__(&name))dlsym(RTLD_NEXT, #name))

ssize_t write(int fd, const void *buf, size_t n) {
    if (fault(fd, 1)) return -1;
    return NEXT(write)(fd, buf, n);
}

ssize_t pwrite(int fd, const void *buf, size_t n, off_t off) {
    if (fault(fd, 1)) return -1;
    return NEXT(pwrite)(fd, buf, n, off);
}

ssize_t pwrite64(int fd, const void *buf, size_t n, off64_t off) {
    if (fault(fd, 1)) return -1;
    return NEXT(pwrite64)(fd, buf, n, off);
}

ssize_t writev(int fd, const struct iovec *iov, int n) {
    if (fault(fd, 1)) return -1;
    return NEXT(writev)(fd, iov, n);
}

int fsync(int fd) {
    if (fault(fd, 2)) return -1;
    return NEXT(fsync)(fd);
}

int fdatasync(int fd) {
    if (fault(fd, 2)) return -1;
    return NEXT(fdatasync)(fd);
}
