/*
** store.h: the only interface to the database. Nothing outside store.c includes sqlite3.h.
**
** Owns: opening (WAL, foreign_keys=ON, busy timeout), the schema and its migrations keyed on
** PRAGMA user_version, transactions (one per writing command, BEGIN IMMEDIATE), the generic row
** operations over the data model (model.h) and the append-only event log.
** Values cross this interface as canonical text (model.h); the store binds them with the
** column's type. Every statement is prepared with bound parameters; the only identifiers in
** generated SQL are table and column names from the compiled-in model.
** Why one module: another backend can follow behind this interface.
*/
#ifndef SPIL_STORE_H
#define SPIL_STORE_H

#include <stddef.h>
#include <stdint.h>

typedef struct store store;

enum {
    STORE_CREATE = 1,   /* a missing file is created, with the schema (init, load) */
    STORE_READONLY = 2, /* open read-only (read commands): never writes, not even a cache; on
                           read-only media it falls back to SQLite's immutable mode */
    STORE_UPGRADE = 4,  /* spil's own database of an older schema is migrated (init only);
                           without it an older one is refused: "run 'spil init'" */
    STORE_SNAPSHOT = 8, /* hold one read transaction from open to close, so the command reads
                           one consistent state; without STORE_READONLY the only write it may
                           make is the readiness cache, and only while nothing was written
                           since (store_readiness_put) */
};

/* The schema version this build writes (PRAGMA user_version). */
#define STORE_SCHEMA_VERSION 6

/* What marks a file as spil's (PRAGMA application_id): "SPIL" in ASCII. Set by the migration
** that creates or upgrades a database; a file without it (or with another program's) is not
** opened, except spil's own from before the mark (schemas 1 to 3, recognised by their tables),
** which 'spil init' upgrades. */
#define STORE_APPLICATION_ID 0x5350494C

/* Open path (":memory:" for a private in-memory database). On failure returns NULL and sets
** *err to a malloc'd message that names the path and what to do. Refused, and never written:
** a missing file without STORE_CREATE, a zero-byte file, a file that is not SQLite, another
** program's SQLite file, a database from a newer spil, one of an older schema without
** STORE_UPGRADE, and (unless STORE_READONLY or STORE_SNAPSHOT) one that cannot be written. */
store *store_open(const char *path, int flags, char **err);
/* Close; a snapshot's read transaction ends (committing the readiness it remembered). */
void store_close(store *s);
/* Message of the last failure. */
const char *store_errmsg(store *s);
/* Schema version found when the database was opened, before any migration (0 when new). */
int store_opened_version(store *s);

/* One writing transaction: BEGIN IMMEDIATE, then commit or roll back. 0 on success. */
int store_begin(store *s);
int store_commit(store *s);
int store_rollback(store *s);
/* Inside that transaction, a part that can be undone alone (a REPL recording inside begin()):
** store_savepoint opens it, store_savepoint_end keeps it (keep) or undoes it. 0 on success. */
int store_savepoint(store *s);
int store_savepoint_end(store *s, int keep);
/* 1 while a transaction is open; 0 after a commit, a rollback, or an error that ended it. */
int store_in_transaction(store *s);

/* Callback for row iteration; return non-zero to stop. vals[i] is column i (NULL for SQL NULL). */
typedef int (*store_row_fn)(void *ctx, const char *const *vals, int n);

/* Rows of model entity e in region, in key order. Columns are the entity's fields. 0 on success. */
int store_rows(store *s, int e, const char *region, store_row_fn fn, void *ctx);
/* The same with the row's place in its list as one value more, vals[nfields] (model_ordered
** entities; NULL for a row written before the store kept the order). */
int store_rows_pos(store *s, int e, const char *region, store_row_fn fn, void *ctx);
/* Insert a row (vals: one per field). 0 on success. */
int store_insert(store *s, int e, const char *region, const char *const *vals);
/* The same at place pos of its list (model_ordered entities; pos < 0: no place, as before the
** store kept the order). */
int store_insert_at(store *s, int e, const char *region, const char *const *vals, long pos);
/* Set the place in its list of the row whose key fields equal those in vals. 0 on success. */
int store_set_pos(store *s, int e, const char *region, const char *const *vals, long pos);
/* Update the row with the same key fields to vals. 0 on success. */
int store_update(store *s, int e, const char *region, const char *const *vals);
/* Delete the row whose key fields equal those in vals (other fields are ignored). */
int store_delete(store *s, int e, const char *region, const char *const *vals);

/* Regions in the database, by id: vals = id, name. */
int store_regions(store *s, store_row_fn fn, void *ctx);
/* 1 if region exists, 0 if not, -1 on error. */
int store_region_exists(store *s, const char *region);
/* The database's setting key (the meta table: lang, ...) copied into buf: 1, 0 when it is not
** set, -1 on error. */
int store_setting(store *s, const char *key, char *buf, size_t cap);
/* Set it (inside the caller's transaction). 0, or -1 with store_errmsg set. */
int store_set_setting(store *s, const char *key, const char *value);
/* Municipalities of a region with their names: vals = code, name, status, since, until. */
int store_region_municipalities(store *s, const char *region, store_row_fn fn, void *ctx);

/* Run one read-only SQL statement: refused unless SQLite says the statement does not write.
** Calls fn with the column names first (header = 1), then each row. 0, or -1 with
** store_errmsg set. */
typedef int (*store_sql_fn)(void *ctx, int header, const char *const *vals, int n);
int store_sql_readonly(store *s, const char *sql, store_sql_fn fn, void *ctx);
/* The same for a person's query (the REPL's sql()): also refused when it reads the value,
** numerator or denominator of a measurement, which are read through measure.c only, where
** small counts are suppressed. While it runs, stop(ctx) (when not NULL) is asked now and then
** whether to stop it (Ctrl-C, a time limit): it then fails with "sql: interrupted". */
int store_sql_user(store *s, const char *sql, store_sql_fn fn, int (*stop)(void *ctx), void *ctx);

/* One entry of the event log. */
typedef struct store_event {
    const char *at;      /* UTC time, ISO 8601 */
    const char *actor;   /* who made the change */
    const char *region;  /* region it belongs to, or NULL */
    const char *command; /* spil command that made it: "load", "sign", ... */
    const char *action;  /* "add", "change", "remove", ... */
    const char *entity;  /* model entity name, or NULL */
    const char *key;     /* the row's key as text, or NULL */
    const char *detail;  /* JSON text with the details, or NULL */
    const char *reason;  /* why, as given by the user, or NULL */
} store_event;

/* Append an event. 0 on success. The log cannot be updated or deleted from (triggers), and
** each event carries the hash of the one before it (store_chain.c, docs/storage.md). */
int store_log(store *s, const store_event *ev);

/* The hash chain over the log. */
#define STORE_HASH_HEX 64 /* a SHA-256 in hex */
#define STORE_CHAIN_FIELDS                                                                         \
    10 /* at, actor, region, command, action, entity, key, detail, reason, prev */
#define STORE_CHAIN_GENESIS "0000000000000000000000000000000000000000000000000000000000000000"
typedef struct store_chain_event {
    int64_t id;
    const char *f[STORE_CHAIN_FIELDS]; /* as stored (NULL for SQL NULL); f[9] is prev */
    char hash[STORE_HASH_HEX + 1];     /* the hash of this event as it is now */
} store_chain_event;
typedef int (*store_chain_fn)(void *ctx, const store_chain_event *e);
/* Every event in id order, with its hash computed from what is stored. fn returns non-zero to
** stop. 0, or -1 with store_errmsg set. */
int store_chain_events(store *s, store_chain_fn fn, void *ctx);
/* The log's head as recorded with the last event written: 1 with its id and hash, 0 when none
** is recorded, -1 on error. */
int store_chain_head(store *s, int64_t *id, char hash[STORE_HASH_HEX + 1]);
/* Whether the log's guards (the triggers that refuse UPDATE and DELETE) are in place: 1 when
** both are, 0 when not, -1 on error. */
int store_chain_guarded(store *s);

/* Events, newest last, optionally of one region, at most limit (0: all):
** vals = id, at, actor, region, command, action, entity, key, detail, reason. */
int store_events(store *s, const char *region, int64_t limit, store_row_fn fn, void *ctx);
/* The latest event that recorded a change to row `key` of `entity` in region (a command other
** than load) since the region's last load: fn gets (at, actor, command) once, or not at all.
** entity and key NULL: any row.
** 0, or -1 with store_errmsg set. */
int store_recorded_since_load(store *s, const char *region, const char *entity, const char *key,
                              store_row_fn fn, void *ctx);

/* Copy the database, as this store reads it (its snapshot), into a new file `to` with SQLite's
** online backup API, synced. 0, or -1 with store_errmsg set. */
int store_backup(store *s, const char *to);

/* The readiness cache: what the last check of a region's current step in a programme found
** on `day` with stdlib `engine`. get: 1 and the counts when there is one, 0 when not, -1 on
** error. Every write to a region forgets its rows (diff_apply), an import or a setting
** forgets all; put writes inside the caller's transaction, or on its own. */
int store_readiness_get(store *s, const char *region, const char *programme, const char *day,
                        const char *engine, int *blocking, int *advisory);
int store_readiness_put(store *s, const char *region, const char *programme, const char *step,
                        const char *day, const char *engine, int blocking, int advisory);
int store_readiness_forget(store *s, const char *region); /* NULL: every region */

#endif
