/*
** store_sql.c: one read-only SQL statement, for spil's own queries (store_sql_readonly) and for
** a person's (store_sql_user, the REPL's sql()), which may not read the numbers of measurements:
** those are read through measure.c only, where small counts are suppressed. Part of the store.
*/
#include <stdio.h>
#include <string.h>

#include "store_impl.h"

/* The authorizer of store_sql_readonly: figures are read through measure.c, which suppresses
** small counts; a query may not read a measurement's numbers around it. */
static int no_raw_figures(void *ctx, int action, const char *table, const char *column,
                          const char *db, const char *view) {
    (void)ctx;
    (void)db;
    (void)view;
    if (action == SQLITE_READ && table && strcmp(table, "measurement") == 0 && column &&
        (!strcmp(column, "value") || !strcmp(column, "numerator") ||
         !strcmp(column, "denominator")))
        return SQLITE_DENY;
    /* Nor around it: the raw pages and their sizes, or a pointer from fts3_tokenizer. */
    if (action == SQLITE_READ && table &&
        (!strcmp(table, "dbstat") || !strcmp(table, "sqlite_dbpage")))
        return SQLITE_DENY;
    if (action == SQLITE_FUNCTION && column && !strcmp(column, "fts3_tokenizer"))
        return SQLITE_DENY;
    return SQLITE_OK;
}

static int sql_readonly(store *s, const char *sql, int user, store_sql_fn fn,
                        int (*stop)(void *ctx), void *ctx) {
    sqlite3 *db = store_sqlite(s);
    sqlite3_stmt *st;
    const char *tail = NULL;
    if (user) sqlite3_set_authorizer(db, no_raw_figures, NULL);
    int prepared = sqlite3_prepare_v2(db, sql, -1, &st, &tail);
    sqlite3_set_authorizer(db, NULL, NULL);
    if (prepared == SQLITE_AUTH)
        return store_error(s, "sql: the numbers of measurements are read with spil.figures, "
                              "which leaves out values about fewer persons than the setting "
                              "suppress-below");
    if (prepared != SQLITE_OK) return store_fail(s, "sql");
    if (!st) return store_error(s, "sql: no statement given");
    while (tail && (*tail == ' ' || *tail == '\n' || *tail == '\t' || *tail == ';'))
        tail++;
    if (tail && *tail) {
        sqlite3_finalize(st);
        return store_error(s, "sql: give one statement at a time");
    }
    /* Read-only by SQLite's account, and a query: ATTACH, BEGIN or PRAGMA count as read-only
    ** there but change the connection (ATTACH even creates files). */
    const char *p = sql;
    while (*p == ' ' || *p == '\n' || *p == '\t' || *p == '(')
        p++;
    int query = !sqlite3_strnicmp(p, "select", 6) || !sqlite3_strnicmp(p, "with", 4) ||
                !sqlite3_strnicmp(p, "values", 6) || !sqlite3_strnicmp(p, "explain", 7);
    if (!query || !sqlite3_stmt_readonly(st)) {
        sqlite3_finalize(st);
        store_error(s, "sql: only reading statements are allowed here; change data with the "
                       "validated operations (load, sign, decide, assign, fund)");
        return -1;
    }
    int n = sqlite3_column_count(st), rc = SQLITE_DONE, done = 0;
    const char *names[64];
    for (int i = 0; i < n && i < 64; i++)
        names[i] = sqlite3_column_name(st, i);
    if (fn(ctx, 1, names, n < 64 ? n : 64)) done = 1;
    /* Asked every 1000 virtual machine steps (about 10 µs) whether to go on: a recursive query
    ** may run for ever without returning a row. */
    if (stop) sqlite3_progress_handler(db, 1000, stop, ctx);
    while (!done && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *vals[64];
        for (int i = 0; i < n && i < 64; i++)
            vals[i] = (const char *)sqlite3_column_text(st, i);
        if (fn(ctx, 0, vals, n < 64 ? n : 64)) done = 1;
    }
    if (stop) sqlite3_progress_handler(db, 0, NULL, NULL);
    int bad = !done && rc != SQLITE_DONE;
    if (bad) store_fail(s, "sql");
    sqlite3_finalize(st);
    return bad ? -1 : 0;
}

int store_sql_readonly(store *s, const char *sql, store_sql_fn fn, void *ctx) {
    return sql_readonly(s, sql, 0, fn, NULL, ctx);
}

int store_sql_user(store *s, const char *sql, store_sql_fn fn, int (*stop)(void *ctx), void *ctx) {
    return sql_readonly(s, sql, 1, fn, stop, ctx);
}
