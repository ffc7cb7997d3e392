/*
** store_backup.c: a copy of a live database through SQLite's online backup API (store.h,
** store_backup). The copy is of the snapshot the store reads (a read command's), so it is one
** consistent state even while another spil writes; it is synced before it is named.
*/
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include "store_impl.h"

int store_backup(store *s, const char *to) {
    sqlite3 *dst = NULL;
    int rc = sqlite3_open_v2(to, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_backup *b = sqlite3_backup_init(dst, "main", s->db, "main");
        if (!b) {
            rc = sqlite3_errcode(dst);
        } else {
            rc = sqlite3_backup_step(b, -1);
            int fin = sqlite3_backup_finish(b);
            rc = rc == SQLITE_DONE ? fin : rc;
        }
    }
    if (rc != SQLITE_OK) {
        store_error(s, "cannot write the backup %s: %s", to,
                    dst ? sqlite3_errmsg(dst) : "out of memory");
        sqlite3_close(dst);
        return -1;
    }
    if (sqlite3_close(dst) != SQLITE_OK) return store_error(s, "cannot close the backup %s", to);
    int fd = open(to, O_RDONLY);
    if (fd < 0 || fsync(fd) != 0) {
        if (fd >= 0) close(fd);
        return store_error(s, "cannot sync the backup %s to disk", to);
    }
    close(fd);
    return 0;
}
