/*
** store_chain.c: the event log's hash chain (store.h: store_log, store_chain_events,
** store_chain_head; store_impl.h: store_chain_build, store_chain_forget).
**
** Owns: the canonical serialisation of an event, its SHA-256 (nettle), the `prev` every event
** carries (the hash of the event before it; the first carries STORE_CHAIN_GENESIS), the log's
** head (meta 'log_head' = "ID HASH" of the last event, written with each event, so that a
** removed last event shows too), and computing the chain for events older than it (the
** migration to schema 4).
**
** The serialisation: "spil-event-1\n", then for each of at, actor, region, command, action,
** entity, key, detail, reason, prev either "~," (NULL) or "<bytes>:<text>," (length first, so
** no text can pass for two fields). The id is not part of it: an event moved to another place
** is found by its hash standing elsewhere (reordered), a removed one by the gap it leaves.
** Does not: judge what a broken chain means (verify.c does).
*/
#include <stdio.h>
#include <string.h>

#include <nettle/sha2.h>

#include "store_impl.h"

#define SERIAL_TAG "spil-event-1\n"

/* One field of the serialisation. */
static void put(struct sha256_ctx *c, const char *v, size_t n) {
    if (!v) {
        sha256_update(c, 2, (const uint8_t *)"~,");
        return;
    }
    char len[32];
    int k = snprintf(len, sizeof len, "%zu:", n);
    sha256_update(c, (size_t)k, (const uint8_t *)len);
    sha256_update(c, n, (const uint8_t *)v);
    sha256_update(c, 1, (const uint8_t *)",");
}

/* The hash of an event whose ten fields (at ... reason, prev) are f[i] of n[i] bytes. */
static void event_hash(const char *const f[STORE_CHAIN_FIELDS], const size_t n[STORE_CHAIN_FIELDS],
                       char out[STORE_HASH_HEX + 1]) {
    struct sha256_ctx c;
    uint8_t d[SHA256_DIGEST_SIZE];
    sha256_init(&c);
    sha256_update(&c, sizeof SERIAL_TAG - 1, (const uint8_t *)SERIAL_TAG);
    for (int i = 0; i < STORE_CHAIN_FIELDS; i++)
        put(&c, f[i], f[i] ? n[i] : 0);
    sha256_digest(&c, sizeof d, d);
    for (int i = 0; i < SHA256_DIGEST_SIZE; i++)
        sprintf(out + 2 * i, "%02x", d[i]);
}

void store_chain_forget(store *s) {
    s->head_valid = 0;
    s->head_dirty = 0;
}

/* The head recorded in meta: 1 and its id and hash, 0 when there is none, -1 on error. */
static int read_head(store *s, int64_t *id, char hash[STORE_HASH_HEX + 1]) {
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, "SELECT value FROM meta WHERE key = 'log_head'", -1, &st, NULL) !=
        SQLITE_OK)
        return store_fail(s, "reading the log's head");
    int rc = sqlite3_step(st), found = 0;
    if (rc == SQLITE_ROW) {
        const char *v = (const char *)sqlite3_column_text(st, 0);
        long long n;
        char h[STORE_HASH_HEX + 2];
        if (v && sscanf(v, "%lld %65s", &n, h) == 2 && strlen(h) == STORE_HASH_HEX) {
            *id = n;
            memcpy(hash, h, STORE_HASH_HEX + 1);
            found = 1;
        }
    } else if (rc != SQLITE_DONE) {
        store_fail(s, "reading the log's head");
        found = -1;
    }
    sqlite3_finalize(st);
    return found;
}

int store_chain_head(store *s, int64_t *id, char hash[STORE_HASH_HEX + 1]) {
    return read_head(s, id, hash);
}

static int write_head(store *s, int64_t id, const char *hash) {
    if (!s->head_stmt &&
        sqlite3_prepare_v3(s->db, "INSERT OR REPLACE INTO meta(key, value) VALUES ('log_head', ?1)",
                           -1, SQLITE_PREPARE_PERSISTENT, &s->head_stmt, NULL) != SQLITE_OK)
        return store_fail(s, "writing the log's head");
    char v[STORE_HASH_HEX + 32];
    snprintf(v, sizeof v, "%lld %s", (long long)id, hash);
    sqlite3_reset(s->head_stmt);
    sqlite3_bind_text(s->head_stmt, 1, v, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(s->head_stmt);
    sqlite3_reset(s->head_stmt);
    return rc == SQLITE_DONE ? 0 : store_fail(s, "writing the log's head");
}

/* The hash the next event carries: the head's (as it was recorded when the last event was
** written: a last event changed since then must not pass into the chain), else the genesis. */
static int next_prev(store *s, char prev[STORE_HASH_HEX + 1]) {
    if (s->head_valid && !sqlite3_get_autocommit(s->db)) {
        memcpy(prev, s->head_hash, sizeof s->head_hash);
        return 0;
    }
    int64_t id;
    int found = read_head(s, &id, prev);
    if (found < 0) return -1;
    if (!found) snprintf(prev, STORE_HASH_HEX + 1, "%s", STORE_CHAIN_GENESIS);
    return 0;
}

int store_log(store *s, const store_event *ev) {
    char prev[STORE_HASH_HEX + 1];
    if (next_prev(s, prev)) return -1;
    if (!s->event &&
        sqlite3_prepare_v3(s->db,
                           "INSERT INTO event(at, actor, region, command, action, entity, key, "
                           "detail, reason, prev) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                           -1, SQLITE_PREPARE_PERSISTENT, &s->event, NULL) != SQLITE_OK)
        return store_fail(s, "event log");
    const char *v[STORE_CHAIN_FIELDS] = {ev->at,     ev->actor, ev->region, ev->command, ev->action,
                                         ev->entity, ev->key,   ev->detail, ev->reason,  prev};
    size_t n[STORE_CHAIN_FIELDS];
    sqlite3_reset(s->event);
    for (int i = 0; i < STORE_CHAIN_FIELDS; i++) {
        n[i] = v[i] ? strlen(v[i]) : 0;
        sqlite3_bind_text(s->event, i + 1, v[i], -1, SQLITE_STATIC);
    }
    int rc = sqlite3_step(s->event);
    sqlite3_reset(s->event);
    sqlite3_clear_bindings(s->event);
    if (rc != SQLITE_DONE) return store_fail(s, "event log");
    char hash[STORE_HASH_HEX + 1];
    event_hash(v, n, hash);
    int64_t id = sqlite3_last_insert_rowid(s->db);
    if (sqlite3_get_autocommit(s->db)) return write_head(s, id, hash); /* its own transaction */
    /* In a transaction the head is written once, before it commits (store_chain_flush): a
    ** load logs thousands of events. */
    memcpy(s->head_hash, hash, sizeof hash);
    s->head_id = id;
    s->head_valid = s->head_dirty = 1;
    return 0;
}

int store_chain_flush(store *s) {
    if (!s->head_dirty || sqlite3_get_autocommit(s->db)) return 0;
    if (write_head(s, s->head_id, s->head_hash)) return -1;
    s->head_dirty = 0;
    return 0;
}

#define EVENT_COLUMNS "id, at, actor, region, command, action, entity, key, detail, reason, prev"

int store_chain_events(store *s, store_chain_fn fn, void *ctx) {
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, "SELECT " EVENT_COLUMNS " FROM event ORDER BY id", -1, &st,
                           NULL) != SQLITE_OK)
        return store_fail(s, "reading the event log");
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        store_chain_event e = {.id = sqlite3_column_int64(st, 0)};
        size_t n[STORE_CHAIN_FIELDS];
        for (int i = 0; i < STORE_CHAIN_FIELDS; i++) {
            /* text first, then its length (SQLite's order for a value stored otherwise) */
            e.f[i] = (const char *)sqlite3_column_text(st, i + 1);
            n[i] = (size_t)sqlite3_column_bytes(st, i + 1);
        }
        event_hash(e.f, n, e.hash);
        if (fn(ctx, &e)) break;
    }
    int bad = rc != SQLITE_ROW && rc != SQLITE_DONE;
    if (bad) store_fail(s, "reading the event log");
    sqlite3_finalize(st);
    return bad ? -1 : 0;
}

/* The migration to schema 4: every event gets the hash of the one before it, in id order, and
** the head is recorded. Runs inside the migration's transaction, while the log's UPDATE guard
** is dropped (the migration's SQL drops and recreates it). */
int store_chain_build(store *s) {
    sqlite3_stmt *sel = NULL, *upd = NULL;
    int rc = -1;
    char prev[STORE_HASH_HEX + 1] = STORE_CHAIN_GENESIS;
    int64_t last = 0;
    if (sqlite3_prepare_v2(s->db, "SELECT " EVENT_COLUMNS " FROM event ORDER BY id", -1, &sel,
                           NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(s->db, "UPDATE event SET prev = ?1 WHERE id = ?2", -1, &upd, NULL) !=
            SQLITE_OK)
        goto done;
    int step;
    while ((step = sqlite3_step(sel)) == SQLITE_ROW) {
        const char *f[STORE_CHAIN_FIELDS];
        size_t n[STORE_CHAIN_FIELDS];
        last = sqlite3_column_int64(sel, 0);
        for (int i = 0; i < STORE_CHAIN_FIELDS - 1; i++) {
            f[i] = (const char *)sqlite3_column_text(sel, i + 1);
            n[i] = (size_t)sqlite3_column_bytes(sel, i + 1);
        }
        f[STORE_CHAIN_FIELDS - 1] = prev;
        n[STORE_CHAIN_FIELDS - 1] = STORE_HASH_HEX;
        char hash[STORE_HASH_HEX + 1]; /* before the update, which may move the row's text */
        event_hash(f, n, hash);
        sqlite3_bind_text(upd, 1, prev, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(upd, 2, last);
        if (sqlite3_step(upd) != SQLITE_DONE) goto done;
        sqlite3_reset(upd);
        memcpy(prev, hash, sizeof hash);
    }
    if (step != SQLITE_DONE) goto done;
    rc = last ? write_head(s, last, prev) : 0;
done:
    if (rc) store_fail(s, "computing the event log's hash chain");
    sqlite3_finalize(sel);
    sqlite3_finalize(upd);
    return rc;
}

int store_chain_guarded(store *s) {
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(
            s->db,
            "SELECT sql || ';' || char(10) FROM sqlite_schema WHERE type = 'trigger' "
            "AND tbl_name = 'event' AND name IN ('event_no_update', "
            "'event_no_delete') ORDER BY name DESC",
            -1, &st, NULL) != SQLITE_OK)
        return store_fail(s, "reading the log's guards");
    const char *want[] = {EVENT_NO_UPDATE, EVENT_NO_DELETE};
    int ok = 0, rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && ok < 2) {
        const char *sql = (const char *)sqlite3_column_text(st, 0);
        if (!sql || strcmp(sql, want[ok]) != 0) break;
        ok++;
    }
    sqlite3_finalize(st);
    return ok == 2;
}
