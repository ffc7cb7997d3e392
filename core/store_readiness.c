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
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(store_sqlite(s),
                           "INSERT OR REPLACE INTO readiness(region, programme, step, day, engine, "
                           "blocking, advisory) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                           -1, &st, NULL) != SQLITE_OK)
        return store_fail(s, "writing readiness");
    const char *v[] = {region, programme, step, day, engine};
    for (int i = 0; i < 5; i++)
        sqlite3_bind_text(st, i + 1, v[i], -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 6, blocking);
    sqlite3_bind_int(st, 7, advisory);
    /* Outside a transaction this is a nicety: when another process holds the write lock, skip
    ** it at once rather than make a read command wait. */
    int own = sqlite3_get_autocommit(store_sqlite(s));
    if (own) sqlite3_busy_timeout(store_sqlite(s), 0);
    int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : store_fail(s, "writing readiness");
    if (own) sqlite3_busy_timeout(store_sqlite(s), BUSY_TIMEOUT_MS);
    sqlite3_finalize(st);
    return rc;
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
