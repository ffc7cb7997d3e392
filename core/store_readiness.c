/*
** store_readiness.c: the readiness remembered for the day (store.h, store_readiness_*): what the
** last check of a region's current step found, so that spil status need not check again.
** Part of the store: the table is made by store.c's schema; diff.c, import.c and the settings
** forget rows when anything they could depend on changes (docs/design.md).
*/
#include <stdio.h>

#include "store_impl.h"

int store_readiness_get(store *s, const char *region, const char *programme, const char *day,
                        const char *engine, int *blocking, int *advisory) {
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(store_sqlite(s),
                           "SELECT blocking, advisory FROM readiness WHERE region = ?1 AND "
                           "programme = ?2 AND day = ?3 AND engine = ?4",
                           -1, &st, NULL) != SQLITE_OK)
        return store_fail(s, "reading readiness");
    const char *v[] = {region, programme, day, engine};
    for (int i = 0; i < 4; i++)
        sqlite3_bind_text(st, i + 1, v[i], -1, SQLITE_STATIC);
    int hit = sqlite3_step(st) == SQLITE_ROW;
    if (hit) {
        *blocking = sqlite3_column_int(st, 0);
        *advisory = sqlite3_column_int(st, 1);
    }
    sqlite3_finalize(st);
    return hit;
}

int store_readiness_put(store *s, const char *region, const char *programme, const char *step,
                        const char *day, const char *engine, int blocking, int advisory) {
    sqlite3 *db = store_sqlite(s);
    /* A database opened read-only keeps no cache. */
    if (sqlite3_db_readonly(db, "main") != 0) return 0;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db,
                           "INSERT OR REPLACE INTO readiness(region, programme, step, day, engine, "
                           "blocking, advisory) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                           -1, &st, NULL) != SQLITE_OK)
        return store_fail(s, "writing readiness");
    const char *v[] = {region, programme, step, day, engine};
    for (int i = 0; i < 5; i++)
        sqlite3_bind_text(st, i + 1, v[i], -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 6, blocking);
    sqlite3_bind_int(st, 7, advisory);
    /* Outside a writing transaction this is a cache: never wait for another writer. In the
    ** read transaction of a snapshot (STORE_SNAPSHOT), the insert makes it a writing one, which
    ** SQLite allows only while nothing was committed since the snapshot began
    ** (SQLITE_BUSY_SNAPSHOT otherwise): so a verdict is never remembered over a newer state. */
    int own = sqlite3_txn_state(db, "main") != SQLITE_TXN_WRITE;
    if (own) sqlite3_busy_timeout(db, 0);
    int rc = sqlite3_step(st);
    if (own) sqlite3_busy_timeout(db, BUSY_TIMEOUT_MS);
    int bad = rc != SQLITE_DONE && !(own && (rc & 0xff) == SQLITE_BUSY);
    if (bad) store_fail(s, "writing readiness");
    sqlite3_finalize(st);
    return bad ? -1 : 0;
}

int store_readiness_forget(store *s, const char *region) {
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(store_sqlite(s), "DELETE FROM readiness WHERE ?1 IS NULL OR region = ?1",
                           -1, &st, NULL) != SQLITE_OK)
        return store_fail(s, "forgetting readiness");
    if (region) sqlite3_bind_text(st, 1, region, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : store_fail(s, "forgetting readiness");
    sqlite3_finalize(st);
    return rc;
}
