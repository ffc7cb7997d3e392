/*
** store_impl.h: for the store's own modules only (store.c, store_open.c, store_sql.c,
** store_readiness.c, measure.c): the SQLite handle behind a store, its state, and how they
** record an error. Everything else goes through store.h and measure.h.
*/
#ifndef SPIL_STORE_IMPL_H
#define SPIL_STORE_IMPL_H

#include <sqlite3.h>

#include "store.h"

#define STORE_MAX_ENTITIES 64
#define STORE_MAX_FIELDS   16
enum {
    STORE_OP_SELECT,
    STORE_OP_INSERT,
    STORE_OP_UPDATE,
    STORE_OP_DELETE,
    STORE_OP_POS,
    STORE_NOPS
};

struct store {
    sqlite3 *db;
    char *path;         /* as given, for messages */
    int opened_version; /* schema found on open, before any migration (0: new) */
    int snapshot;       /* 1 while the read transaction taken at open is held (STORE_SNAPSHOT) */
    char errmsg[512];
    sqlite3_stmt *rowstmt[STORE_MAX_ENTITIES][STORE_NOPS];
    sqlite3_stmt *event;     /* the event insert, prepared once: a load logs one per change */
    sqlite3_stmt *head_stmt; /* writes the log's head (store_chain.c) */
    int head_valid;          /* head_hash is the head, in this transaction */
    int head_dirty;          /* ... and not yet written to meta (store_chain_flush) */
    int64_t head_id;         /* the id of that last event */
    char head_hash[STORE_HASH_HEX + 1]; /* the hash the next event carries */
};

sqlite3 *store_sqlite(store *s);
/* Record "what: SQLite's message" as the store's error and return -1. */
int store_fail(store *s, const char *what);
/* Record that a commit succeeded but copying it from the write-ahead log into the file failed
** (what SQLite reports now), and return -1. */
int store_fail_committed(store *s);
/* Record a message of one's own as the store's error and return -1. */
int store_error(store *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Run SQL without results; on failure record SQLite's message and return -1. */
int store_exec(store *s, const char *sql);
/* PRAGMA user_version, or -1. */
int store_user_version(store *s);

/* store_chain.c: compute every event's prev and the log's head (the migration to schema 4). */
int store_chain_build(store *s);
/* store_chain.c: write the head of the events logged in this transaction, before it commits
** or a savepoint is taken. 0, or -1. */
int store_chain_flush(store *s);
/* store_chain.c: forget the cached head (a transaction began, ended or was partly undone). */
void store_chain_forget(store *s);

/* store.c: bring the schema to STORE_SCHEMA_VERSION and the catalogue up to date, in one
** transaction (which also marks the file with STORE_APPLICATION_ID). */
int store_migrate(store *s);
/* store.c: whether the database holds the indicator catalogue compiled into this spil. */
int store_catalogue_current(store *s);

/* The event log's guards (schema 1; the migration to 4 drops the first while it computes the
** chain, and makes it again; store_chain_guarded compares them). */
#define EVENT_NO_UPDATE                                                                            \
    "CREATE TRIGGER event_no_update BEFORE UPDATE ON event\n"                                      \
    "  BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;\n"
#define EVENT_NO_DELETE                                                                            \
    "CREATE TRIGGER event_no_delete BEFORE DELETE ON event\n"                                      \
    "  BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;\n"

#define BUSY_TIMEOUT_MS 5000 /* how long a writer waits for another's lock */

#endif
