/*
** store_open.c: opening and closing a database, and its transactions (store.h: store_open,
** store_close, store_begin ... store_in_transaction).
**
** Owns: which files spil opens at all (its own, marked with PRAGMA application_id, or spil's
** from before the mark, recognised by its tables; never another program's SQLite file, never a
** zero-byte file, and none of them is written when refused); read-only opening, with SQLite's
** immutable mode as the fallback on read-only media; the one read transaction a read command
** holds from open to close (STORE_SNAPSHOT); that only STORE_UPGRADE (spil init) migrates an
** older schema; one BEGIN IMMEDIATE transaction per writing command, and savepoints.
** Does not: know the schema (store.c migrates), format output.
*/
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "store_impl.h"

/* What the file is, read in one statement (so, in a snapshot, from the snapshot itself). */
typedef struct {
    int app_id, version, tables, spil_tables;
} identity;

/* Whether path-wal exists with something in it: changes the main file does not hold yet. */
static int wal_has_content(const char *path) {
    char wal[4200];
    struct stat sb;
    snprintf(wal, sizeof wal, "%s-wal", path);
    return stat(wal, &sb) == 0 && sb.st_size > 0;
}

/* "file:PATH?immutable=1", PATH percent-encoded but for unreserved characters and '/'. */
static char *immutable_uri(const char *path) {
    size_t n = strlen(path);
    char *uri = malloc(3 * n + 32);
    if (!uri) return NULL;
    char *w = uri + sprintf(uri, "file:%s", path[0] == '/' ? "//" : "");
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            strchr("/._-~", *p))
            *w++ = (char)*p;
        else
            w += sprintf(w, "%%%02X", *p);
    }
    strcpy(w, "?immutable=1");
    return uri;
}

/* Open name with oflags, begin the snapshot when asked, and read what the file is. An SQLite
** result code; on failure the store's message says what SQLite said. */
static int connect(store *s, const char *name, int oflags, int snapshot, identity *id) {
    int rc = sqlite3_open_v2(name, &s->db, oflags, NULL);
    if (!s->db) {
        store_error(s, "out of memory opening %s; close other programs and run it again", s->path);
        return SQLITE_NOMEM;
    }
    if (rc != SQLITE_OK) {
        store_fail(s, NULL);
        return rc;
    }
    sqlite3_extended_result_codes(s->db, 1);
    sqlite3_busy_timeout(s->db, BUSY_TIMEOUT_MS);
    if (store_exec(s, "PRAGMA foreign_keys = ON")) return sqlite3_extended_errcode(s->db);
    if (snapshot) {
        if (store_exec(s, "BEGIN")) return sqlite3_extended_errcode(s->db);
        s->snapshot = 1;
    }
    sqlite3_stmt *st;
    rc = sqlite3_prepare_v2(s->db,
                            "SELECT (SELECT application_id FROM pragma_application_id),"
                            " (SELECT user_version FROM pragma_user_version),"
                            " (SELECT count(*) FROM sqlite_schema),"
                            " (SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND"
                            "  name IN ('region', 'event', 'municipality'))",
                            -1, &st, NULL);
    if (rc == SQLITE_OK) {
        rc = sqlite3_step(st);
        if (rc == SQLITE_ROW) {
            id->app_id = sqlite3_column_int(st, 0);
            id->version = sqlite3_column_int(st, 1);
            id->tables = sqlite3_column_int(st, 2);
            id->spil_tables = sqlite3_column_int(st, 3);
            rc = SQLITE_OK;
        }
        sqlite3_finalize(st);
    }
    if (rc != SQLITE_OK) {
        rc = sqlite3_extended_errcode(s->db);
        store_fail(s, NULL);
    }
    return rc;
}

static void disconnect(store *s) {
    sqlite3_close(s->db);
    s->db = NULL;
    s->snapshot = 0;
}

/* Whether a failure to read means only that this place cannot be written (a read-only
** directory, so no -shm file can be made): SQLite's immutable mode can still read it. */
static int readonly_place(int rc) {
    return (rc & 0xff) == SQLITE_CANTOPEN || (rc & 0xff) == SQLITE_READONLY ||
           (rc & 0xff) == SQLITE_PERM;
}

/* Refuse path: it is not (or not yet) a database this spil may open. */
static int classify(store *s, const char *path, const identity *id, int fresh, int flags,
                    int *old) {
    int marked = id->app_id == STORE_APPLICATION_ID;
    int legacy = id->app_id == 0 && id->version >= 1 && id->version <= 3 && id->spil_tables == 3;
    *old = 0;
    if (fresh && id->app_id == 0 && id->version == 0 && id->tables == 0) return 0;
    if (!marked && !legacy)
        return store_error(s,
                           "%s is not a spil database (it is another program's SQLite file: "
                           "application_id %d, %d table%s); spil leaves it alone: give another "
                           "--db, or run 'spil init --db NEW.db' for a new one",
                           path, id->app_id, id->tables, id->tables == 1 ? "" : "s");
    s->opened_version = id->version;
    if (id->version > STORE_SCHEMA_VERSION)
        return store_error(s,
                           "%s was written by a newer spil (schema %d; this spil knows up to %d): "
                           "upgrade spil",
                           path, id->version, STORE_SCHEMA_VERSION);
    *old = legacy || id->version < STORE_SCHEMA_VERSION;
    if (*old && !(flags & STORE_UPGRADE))
        return store_error(s,
                           "%s is of an older spil (schema %d%s; this spil needs %d): run 'spil "
                           "init' (with --db %s) to upgrade it; nothing else changes it",
                           path, id->version, legacy ? ", unmarked" : "", STORE_SCHEMA_VERSION,
                           path);
    return 0;
}

store *store_open(const char *path, int flags, char **err) {
    store *s = calloc(1, sizeof *s);
    if (!s || !(s->path = strdup(path))) {
        free(s);
        *err = strdup("out of memory opening the database");
        return NULL;
    }
    int memory = strcmp(path, ":memory:") == 0, fresh = memory, old = 0;
    int readonly = (flags & STORE_READONLY) != 0, snapshot = (flags & STORE_SNAPSHOT) != 0;
    if (!memory) {
        struct stat sb;
        if (stat(path, &sb) != 0) {
            if (errno != ENOENT || !(flags & STORE_CREATE) || readonly) {
                store_error(s, "no database at %s: %s; create one with 'spil init'", path,
                            strerror(errno));
                goto fail;
            }
            fresh = 1;
        } else if (S_ISDIR(sb.st_mode)) {
            store_error(s, "%s is a directory, not a spil database: give the file with --db", path);
            goto fail;
        } else if (sb.st_size == 0 && !wal_has_content(path)) {
            store_error(s,
                        "%s is an empty file (0 bytes), not a spil database; spil leaves it "
                        "alone: remove it if nothing needs it, then run 'spil init'",
                        path);
            goto fail;
        }
    }
    identity id = {0};
    int oflags =
        readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | (fresh ? SQLITE_OPEN_CREATE : 0);
    int rc = connect(s, path, oflags | SQLITE_OPEN_URI, snapshot, &id);
    if (rc != SQLITE_OK && (readonly || snapshot) && !memory && readonly_place(rc)) {
        /* Read-only media: nowhere to make the -shm file. Immutable mode reads without one,
        ** but also without the -wal: refuse when that holds changes the file does not. */
        if (wal_has_content(path)) {
            store_error(s,
                        "%s cannot be read where it is: its write-ahead log %s-wal holds changes "
                        "not yet in the file, and this place is read-only; open it once where "
                        "it can be written (spil init --db %s), or copy both files somewhere "
                        "writable",
                        path, path, path);
            goto fail;
        }
        char *uri = immutable_uri(path);
        if (!uri) {
            store_error(s, "out of memory opening %s", path);
            goto fail;
        }
        disconnect(s);
        rc = connect(s, uri, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, snapshot, &id);
        free(uri);
    }
    if (rc != SQLITE_OK) {
        if (readonly_place(rc) && !readonly && !snapshot)
            store_error(s,
                        "%s cannot be written here (file permissions or read-only media): this "
                        "command writes; read commands (status, check, export, log) still work",
                        path);
        else if ((rc & 0xff) == SQLITE_NOTADB)
            store_error(s,
                        "%s is not a spil database (not an SQLite file at all); spil leaves it "
                        "alone: give another --db",
                        path);
        else if (!strstr(s->errmsg, path)) { /* SQLite's own words: say which file */
            char msg[sizeof s->errmsg];
            memcpy(msg, s->errmsg, sizeof msg);
            store_error(s, "cannot open %s: %.400s", path, msg);
        }
        goto fail;
    }
    if (classify(s, path, &id, fresh, flags, &old)) goto fail;
    if (readonly || snapshot) return s;
    if (sqlite3_db_readonly(s->db, "main") == 1) {
        store_error(s,
                    "%s is read-only (file permissions or read-only media): this command writes; "
                    "read commands (status, check, export, log) still work",
                    path);
        goto fail;
    }
    /* A new file is made in one transaction before WAL mode is set, so that a failure leaves
    ** no half-made database. */
    if ((fresh || old || !store_catalogue_current(s)) &&
        (store_exec(s, "PRAGMA synchronous = FULL") || store_migrate(s)))
        goto fail;
    if (!memory && store_exec(s, "PRAGMA journal_mode = WAL")) goto fail;
    /* Every commit is synced, so a sync that fails fails the command (store_commit). */
    if (store_exec(s, "PRAGMA synchronous = FULL")) goto fail;
    return s;
fail:
    *err = strdup(s->errmsg[0] ? s->errmsg : "cannot open the database");
    store_close(s);
    return NULL;
}

sqlite3 *store_sqlite(store *s) {
    return s->db;
}

void store_close(store *s) {
    if (!s) return;
    for (int e = 0; e < STORE_MAX_ENTITIES; e++)
        for (int op = 0; op < STORE_NOPS; op++)
            sqlite3_finalize(s->rowstmt[e][op]);
    sqlite3_finalize(s->event);
    sqlite3_finalize(s->head_stmt);
    if (s->db && s->snapshot && !sqlite3_get_autocommit(s->db) && store_exec(s, "COMMIT"))
        store_exec(s, "ROLLBACK");
    sqlite3_close(s->db);
    free(s->path);
    free(s);
}

int store_begin(store *s) {
    store_chain_forget(s);
    /* A command that read from a snapshot and now writes: the writing transaction replaces
    ** it (BEGIN IMMEDIATE cannot be nested in a read transaction). */
    if (s->snapshot) {
        s->snapshot = 0;
        if (!sqlite3_get_autocommit(s->db) && store_exec(s, "COMMIT")) return -1;
    }
    /* Foreign keys are checked at commit, so a command may write rows in any order. */
    return store_exec(s, "BEGIN IMMEDIATE; PRAGMA defer_foreign_keys = ON");
}

int store_commit(store *s) {
    int flushed = store_chain_flush(s);
    store_chain_forget(s);
    if (flushed) return -1;
    if (sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
        char msg[sizeof s->errmsg - 96];
        store_fail(s, NULL);
        memcpy(msg, s->errmsg, sizeof msg - 1);
        msg[sizeof msg - 1] = '\0';
        /* After a failed sync in COMMIT, SQLite cannot say whether the log holds the change
        ** (a failed write comes before the commit frame, so that one is not committed). */
        if (sqlite3_extended_errcode(s->db) == SQLITE_IOERR_FSYNC)
            return store_error(s, "%s; whether this change was recorded shows in 'spil log'", msg);
        return -1;
    }
    /* Committed, and (synchronous = FULL) synced in the write-ahead log. Now into the file
    ** itself: a failure here undoes nothing, but it is a failed write all the same, and the
    ** command must not report success over it. */
    int rc = sqlite3_wal_checkpoint_v2(s->db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
    if (rc != SQLITE_OK && (rc & 0xff) != SQLITE_BUSY && (rc & 0xff) != SQLITE_LOCKED)
        return store_fail_committed(s);
    return 0;
}

int store_rollback(store *s) {
    store_chain_forget(s);
    if (sqlite3_get_autocommit(s->db)) return 0;
    return store_exec(s, "ROLLBACK");
}

int store_savepoint(store *s) {
    /* the head as it stands goes in first, so that undoing the part undoes only its own */
    if (store_chain_flush(s)) return -1;
    return store_exec(s, "SAVEPOINT part");
}

int store_savepoint_end(store *s, int keep) {
    if (!keep) store_chain_forget(s);
    return store_exec(s, keep ? "RELEASE part" : "ROLLBACK TO part; RELEASE part");
}

int store_in_transaction(store *s) {
    return !sqlite3_get_autocommit(s->db);
}
