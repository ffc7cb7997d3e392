/*
** cmd_backup.c: spil backup FILE: a copy of the database, made while it is in use, through
** SQLite's online backup API (store_backup.c). A read command: the database is opened read-only
** and copied as one snapshot. The copy is written beside FILE and renamed into place once it is
** complete and synced, so FILE is whole or absent; an existing FILE is never overwritten.
** FILE '-' writes the copy to standard output (not to a terminal), by way of a temporary file,
** for a pipe (ssh, gzip).
*/
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "lang.h"
#include "store.h"

/* Copy the file at path to standard output. 0, or -1. */
static int to_stdout(const char *path) {
    FILE *f = fopen(path, "rb");
    if (!f) return -1;
    char buf[65536];
    size_t n;
    int bad = 0;
    while (!bad && (n = fread(buf, 1, sizeof buf, f)) > 0)
        bad = fwrite(buf, 1, n, stdout) != n;
    bad |= ferror(f) || fflush(stdout) != 0;
    fclose(f);
    return bad ? -1 : 0;
}

/* Sync the folder holding path, so the rename into it lasts. */
static void sync_dir(const char *path) {
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (slash == dir)
        slash[1] = '\0';
    else if (slash)
        *slash = '\0';
    else
        snprintf(dir, sizeof dir, ".");
    int fd = open(dir, O_RDONLY);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
}

int cmd_backup(cli_opts *o) {
    const char *dest = o->args[0];
    int pipe_out = strcmp(dest, "-") == 0, code;
    if (pipe_out && isatty(STDOUT_FILENO))
        return cli_fail(o, SPIL_EXIT_USAGE,
                        _("will not write a database to a terminal; redirect it: spil backup - > "
                          "copy.db"));
    if (!pipe_out && access(dest, F_OK) == 0)
        return cli_fail(o, SPIL_EXIT_USAGE,
                        _("%s exists; a backup never overwrites a file: give a new name, or remove "
                          "it first"),
                        dest);
    char tmp[4200];
    if (pipe_out) {
        const char *dir = getenv("TMPDIR");
        snprintf(tmp, sizeof tmp, "%s/spil-backup-XXXXXX", dir && *dir ? dir : "/tmp");
        int fd = mkstemp(tmp);
        if (fd < 0)
            return cli_fail(o, SPIL_EXIT_INTERNAL, _("cannot make a temporary file in %s: %s"),
                            dir && *dir ? dir : "/tmp", strerror(errno));
        close(fd);
        unlink(tmp); /* SQLite makes it anew: an empty file would be refused as no database */
    } else {
        snprintf(tmp, sizeof tmp, "%s.tmp%ld", dest, (long)getpid());
    }
    store *st = cli_open(o, CLI_READ, &code);
    if (!st) return code;
    if (store_backup(st, tmp)) {
        code = cli_fail(o, SPIL_EXIT_INTERNAL, _("storage error: %s"), store_errmsg(st));
        store_close(st);
        unlink(tmp);
        return code;
    }
    store_close(st);
    if (pipe_out) {
        code = to_stdout(tmp) ? cli_fail(o, SPIL_EXIT_INTERNAL,
                                         _("cannot write the copy to "
                                           "standard output: %s"),
                                         strerror(errno))
                              : SPIL_EXIT_OK;
        unlink(tmp);
        return code;
    }
    /* link() rather than rename(): it fails when dest appeared meanwhile, never replacing it */
    if (link(tmp, dest) != 0) {
        code = cli_fail(o, SPIL_EXIT_INTERNAL, _("cannot name the backup %s: %s"), dest,
                        strerror(errno));
        unlink(tmp);
        return code;
    }
    unlink(tmp);
    sync_dir(dest);
    printf("Backed up %s to %s.\n", o->db, dest);
    return SPIL_EXIT_OK;
}
