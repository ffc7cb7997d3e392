/*
** helpers.c: the C unit tests' shared helpers (helpers.h): temporary paths, files, printed
** diagnostics, the model's tables, a region written into a store. Linked into every
*tests/unit/test_*.c (tests/CMakeLists.txt).
*/
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "diff.h"
#include "helpers.h"

void th_mkdirs(const char *path) {
    char *copy = strdup(path);
    assert_non_null(copy);
    for (char *p = copy + 1; *p; p++) {
        if (*p != '/') continue;
        *p = '\0';
        assert_true(mkdir(copy, 0777) == 0 || errno == EEXIST);
        *p = '/';
    }
    assert_true(mkdir(copy, 0777) == 0 || errno == EEXIST);
    free(copy);
}

char *th_tmp_path(const char *sub, const char *name) {
    const char *tmp = getenv("SPIL_TEST_TMP");
    if (!tmp || !*tmp) tmp = "/tmp/spil-test";
    if (!sub) sub = "";
    size_t cap = strlen(tmp) + strlen(sub) + strlen(name) + 3;
    char *path = malloc(cap);
    assert_non_null(path);
    snprintf(path, cap, "%s%s%s", tmp, *sub ? "/" : "", sub);
    th_mkdirs(path);
    size_t n = strlen(path);
    snprintf(path + n, cap - n, "/%s", name);
    return path;
}

void th_write(const char *path, const char *text, size_t len) {
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(text, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
}

void th_write_in(const char *dir, const char *name, const char *text) {
    char path[4200];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    th_write(path, text, strlen(text));
}

char *th_printed(diag *d, int json, int color) {
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    assert_non_null(f);
    if (json)
        diag_print_json(d, f);
    else
        diag_print(d, f, color);
    fclose(f);
    return text;
}

void th_assert_printed(diag *d, int json, int color, const char *expected) {
    char *text = th_printed(d, json, color);
    assert_string_equal(text, expected);
    free(text);
}

char *th_replace(const char *text, const char *from, const char *to) {
    size_t flen = strlen(from), tlen = strlen(to), n = 0;
    for (const char *p = text; flen && (p = strstr(p, from)); p += flen)
        n++;
    char *out = malloc(strlen(text) + n * tlen + 1);
    assert_non_null(out);
    char *o = out;
    for (const char *p = text; *p;) {
        if (flen && strncmp(p, from, flen) == 0) {
            memcpy(o, to, tlen);
            o += tlen;
            p += flen;
        } else {
            *o++ = *p++;
        }
    }
    *o = '\0';
    return out;
}

int th_entity(const char *table) {
    int e = model_entity_by_table(table);
    assert_true(e >= 0);
    return e;
}

size_t th_total_rows(const rdata *r) {
    size_t n = 0;
    for (int e = 0; e < model_nentities; e++)
        n += r->tables[e].n;
    return n;
}

char *th_fresh_db(const char *sub, const char *name) {
    char *path = th_tmp_path(sub, name);
    char side[4200];
    unlink(path);
    snprintf(side, sizeof side, "%s-wal", path);
    unlink(side);
    snprintf(side, sizeof side, "%s-shm", path);
    unlink(side);
    return path;
}

th_db *th_db_new(const char *sub, const char *name) {
    th_db *db = malloc(sizeof *db);
    assert_non_null(db);
    db->path = th_fresh_db(sub, name);
    char *err = NULL;
    db->st = store_open(db->path, STORE_CREATE, &err);
    if (!db->st) fail_msg("store_open(%s): %s", db->path, err ? err : "(no message)");
    assert_null(err);
    return db;
}

void th_db_close(th_db *db) {
    store_close(db->st);
    free(db->path);
    free(db);
}

int th_db_free(void **state) {
    th_db_close(*state);
    return 0;
}

/* Fails the test unless rc is 0, saying what failed and the store's message. */
static void store_ok(store *s, int rc, const char *what) {
    if (rc) print_error("%s: %s\n", what, store_errmsg(s));
    assert_int_equal(rc, 0);
}

size_t th_apply(store *s, const rdata *r, const char *actor, const char *at) {
    const char *region = rdata_region(r);
    rdata *old = rdata_from_store(s, region);
    if (!old) print_error("rdata_from_store: %s\n", store_errmsg(s));
    assert_non_null(old);
    changes c;
    assert_int_equal(diff_compute(old, r, &c), 0);
    store_ok(s, store_begin(s), "begin");
    store_ok(s, diff_apply(s, region, &c, actor, at, "load", NULL), "diff_apply");
    store_ok(s, store_commit(s), "commit");
    size_t n = c.n;
    diff_free(&c);
    rdata_free(old);
    return n;
}

int th_collect(void *ctx, const char *const *vals, int n) {
    th_rows *r = ctx;
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    assert_non_null(f);
    for (int i = r->skip; i < n; i++)
        fprintf(f, "%s%s", i > r->skip ? "|" : "", vals[i] ? vals[i] : "<null>");
    fclose(f);
    if (r->n == r->cap) {
        r->cap = r->cap ? 2 * r->cap : 16;
        r->row = realloc(r->row, r->cap * sizeof *r->row);
        assert_non_null(r->row);
    }
    r->row[r->n++] = text;
    return 0;
}

void th_rows_free(th_rows *r) {
    for (size_t i = 0; i < r->n; i++)
        free(r->row[i]);
    free(r->row);
    r->row = NULL;
    r->n = r->cap = 0;
}
