/*
** helpers.h: what the C unit tests (tests/unit/test_*.c) share, said once: temporary paths
** under $SPIL_TEST_TMP, writing files, diagnostics printed into memory and compared, the
** model's tables of a loaded region, and test databases (a fresh one with a store open on it,
** a region written into one as a load does, rows collected from one). Every helper fails the
** running cmocka test when the machine refuses (a folder, a file, a store), so a test reads as
** what it checks.
*/
#ifndef SPIL_TEST_HELPERS_H
#define SPIL_TEST_HELPERS_H

#include <stddef.h>

#include "diag.h"
#include "model.h"
#include "rdata.h"
#include "store.h"

/* Creates path and each folder above it that is missing. */
void th_mkdirs(const char *path);

/* $SPIL_TEST_TMP/sub/name (or /tmp/spil-test when unset), with $SPIL_TEST_TMP/sub created;
** sub may be NULL or "" for $SPIL_TEST_TMP/name. The caller frees it. */
char *th_tmp_path(const char *sub, const char *name);

/* Writes len bytes of text to path (created or truncated). */
void th_write(const char *path, const char *text, size_t len);

/* Writes the string text to dir/name. */
void th_write_in(const char *dir, const char *name, const char *text);

/* What diag_print (json = 0, with color) or diag_print_json (json = 1) writes; caller frees. */
char *th_printed(diag *d, int json, int color);

/* Fails unless th_printed(d, json, color) is exactly expected. */
void th_assert_printed(diag *d, int json, int color, const char *expected);

/* text with every occurrence of from replaced by to; the caller frees it. */
char *th_replace(const char *text, const char *from, const char *to);

/* The model's entity of a table name; fails when there is none. */
int th_entity(const char *table);

/* The number of rows of every table of r together. */
size_t th_total_rows(const rdata *r);

/* A fresh database path $SPIL_TEST_TMP/sub/name: no old database, WAL or shm file left
** there. The caller frees it. */
char *th_fresh_db(const char *sub, const char *name);

/* A test's database: a fresh file (th_fresh_db) and a store open on it. */
typedef struct th_db {
    char *path;
    store *st;
} th_db;

/* A new th_db at $SPIL_TEST_TMP/sub/name, opened with STORE_CREATE; fails the test if it cannot
** be made. */
th_db *th_db_new(const char *sub, const char *name);

/* Closes db's store (unless a test closed it and set st to NULL) and frees db. */
void th_db_close(th_db *db);

/* th_db_close of the th_db in *state, as a cmocka teardown. */
int th_db_free(void **state);

/* Writes r into s as a load does: the diff from what s holds of r's region, applied in one
** transaction, logged by actor at `at` as command "load". Returns the number of changes. */
size_t th_apply(store *s, const rdata *r, const char *actor, const char *at);

/* Rows collected by th_collect (a store_row_fn): each row's values from column `skip` on,
** joined with '|', NULL as "<null>". Start from {0} (or {.skip = 1}); th_rows_free empties. */
typedef struct th_rows {
    size_t n, cap;
    char **row;
    int skip;
} th_rows;
int th_collect(void *ctx, const char *const *vals, int n);
void th_rows_free(th_rows *r);

#endif
