/*
** test_measure.c: unit tests of core/measure.c, the figures' part of the store, through
** measure.h.
**
** Plan: measure-1 indicators by code (catalogue, a region's own, adopted, ambiguous,
** region/code), measure-2 sums over areas with hand-computed expectations (never an average,
** a suppressed municipality left out, an area's own figure wins), measure-3 the small-count
** rule and its setting, measure-4 series (the kind of period), measure-5 the import's row
** outcomes (added, unchanged, changed, and a repeat in every one of those states). Every
** database is a real file under $SPIL_TEST_TMP/measure; fixtures are written with a second
** connection, as another process would.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "helpers.h"
#include "measure.h"
#include "store.h"

/* ---- fixture --------------------------------------------------------------------------------- */

static void exec_raw(const char *path, const char *sql) {
    sqlite3 *db = NULL;
    char *msg = NULL;
    assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
    sqlite3_busy_timeout(db, 5000);
    if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) fail_msg("%s: %s", sql, msg);
    sqlite3_close(db);
}

/* A new database with two regions, r1 (Dordrecht, Alblasserdam, Gorinchem) and r2
** (Dordrecht), each with an own indicator "eigen", r1 adopting "overgewicht"; figures of ks-01. */
static int setup(void **state) {
    th_db *f = th_db_new("measure", "test.db");
    store_close(f->st);
    char *err = NULL;
    exec_raw(f->path,
             "INSERT INTO region(id, name) VALUES ('r1', 'Regio een'), ('r2', 'Regio twee');"
             "INSERT INTO region_municipality(region, code, status) VALUES"
             " ('r1', 'GM0505', 'member'), ('r1', 'GM0482', 'member'),"
             " ('r1', 'GM0512', 'member'), ('r2', 'GM0505', 'member');"
             "INSERT INTO indicator(region, code, name, kind, unit, source) VALUES"
             " ('r1', 'eigen', 'Eigen een', 'process', 'percent', 'r1'),"
             " ('r2', 'eigen', 'Eigen twee', 'process', 'percent', 'r2');"
             "INSERT INTO indicator(region, code) VALUES ('r1', 'overgewicht');"
             "INSERT INTO measurement(indicator, area, period, value, numerator, denominator)"
             " SELECT id, 'GM0505', '2024Q1', NULL, 30, 100 FROM indicator WHERE code = 'ks-01'"
             " UNION ALL SELECT id, 'GM0482', '2024Q1', NULL, 5, 8 FROM indicator"
             "   WHERE code = 'ks-01'"
             " UNION ALL SELECT id, 'GM0512', '2024Q1', NULL, 20, 50 FROM indicator"
             "   WHERE code = 'ks-01'"
             " UNION ALL SELECT id, 'GM0505', '2024Q2', NULL, 33, 100 FROM indicator"
             "   WHERE code = 'ks-01'"
             " UNION ALL SELECT id, 'GM0505', '2023', NULL, 120, 400 FROM indicator"
             "   WHERE code = 'ks-01'"
             " UNION ALL SELECT id, 'NL', '2024Q2', 41.5, NULL, NULL FROM indicator"
             "   WHERE code = 'ks-01';");
    f->st = store_open(f->path, 0, &err);
    if (!f->st) return -1;
    *state = f;
    return 0;
}

static int64_t id_of(store *st, const char *code, char *unit) {
    char name[128];
    return measure_indicator_id(st, code, unit, name);
}

/* ---- measure-1: indicators by code ----------------------------------------------------------- */

static void test_indicator_codes(void **state) {
    th_db *f = *state;
    char unit[128];
    int64_t ks = id_of(f->st, "ks-01", unit);
    assert_true(ks > 0);
    assert_string_equal(unit, "percent");
    assert_int_equal(id_of(f->st, "ks-1", unit), 0);
    /* Two regions' own "eigen": the bare code is ambiguous, region/code is not. */
    assert_int_equal(id_of(f->st, "eigen", unit), -1);
    int64_t r1 = id_of(f->st, "r1/eigen", unit), r2 = id_of(f->st, "r2/eigen", unit);
    assert_true(r1 > 0 && r2 > 0 && r1 != r2);
    /* Adopted: figures belong to the catalogue's indicator, by either name. */
    int64_t cat = id_of(f->st, "overgewicht", unit);
    assert_true(cat > 0);
    assert_int_equal(id_of(f->st, "r1/overgewicht", unit), cat);
}

/* ---- measure-2: sums over areas -------------------------------------------------------------- */

static void test_sums_not_averages(void **state) {
    th_db *f = *state;
    char unit[128];
    int64_t ks = id_of(f->st, "ks-01", unit);
    mvalue v;
    /* r1 2024Q1: Dordrecht 30/100 and Gorinchem 20/50 summed, Alblasserdam 5/8 left out. */
    assert_int_equal(measure_value(f->st, ks, unit, "r1", "2024Q1", &v), 0);
    assert_true(v.has_value && v.has_ratio && v.derived);
    assert_int_equal(v.numerator, 50);
    assert_int_equal(v.denominator, 150);
    assert_true(v.value > 33.333 && v.value < 33.334); /* an average would be 35.0 */
    assert_int_equal(v.covered, 2);
    assert_int_equal(v.left_out, 1);
    assert_int_equal(v.members, 3);
    /* Zuid-Holland: the same three of its 50 municipalities. */
    assert_int_equal(measure_value(f->st, ks, unit, "PV28", "2024Q1", &v), 0);
    assert_int_equal(v.denominator, 150);
    assert_int_equal(v.members, 50);
    /* The nation has a figure of its own in 2024Q2: it wins over the sum (33/100). */
    assert_int_equal(measure_value(f->st, ks, unit, "NL", "2024Q2", &v), 0);
    assert_false(v.derived);
    assert_false(v.has_ratio);
    assert_true(v.value == 41.5);
    /* No figures at all. */
    assert_int_equal(measure_value(f->st, ks, unit, "PV20", "2024Q1", &v), 0);
    assert_false(v.has_value);
    assert_false(v.suppressed);
}

/* ---- measure-3: the small-count rule ----------------------------------------------------------
 */

static void test_suppression_and_setting(void **state) {
    th_db *f = *state;
    char unit[128];
    int64_t ks = id_of(f->st, "ks-01", unit);
    mvalue v;
    assert_int_equal(measure_suppress_below(f->st), MEASURE_SUPPRESS_DEFAULT);
    assert_int_equal(measure_value(f->st, ks, unit, "GM0482", "2024Q1", &v), 0);
    assert_true(v.suppressed);
    assert_false(v.has_value || v.has_ratio);
    assert_true(v.numerator == 0 && v.denominator == 0 && v.value == 0); /* nothing leaks */
    /* At 5, Alblasserdam's 8 count: shown, and summed. */
    assert_int_equal(store_begin(f->st), 0);
    assert_int_equal(measure_set_suppress_below(f->st, 5), 0);
    assert_int_equal(store_commit(f->st), 0);
    assert_int_equal(measure_value(f->st, ks, unit, "GM0482", "2024Q1", &v), 0);
    assert_false(v.suppressed);
    assert_true(v.value == 62.5);
    assert_int_equal(measure_value(f->st, ks, unit, "r1", "2024Q1", &v), 0);
    assert_int_equal(v.numerator, 55);
    assert_int_equal(v.denominator, 158);
    assert_int_equal(v.left_out, 0);
    /* At 1000 every municipality is small: the region's value is suppressed, not zero. */
    assert_int_equal(store_begin(f->st), 0);
    assert_int_equal(measure_set_suppress_below(f->st, 1000), 0);
    assert_int_equal(store_commit(f->st), 0);
    assert_int_equal(measure_value(f->st, ks, unit, "r1", "2024Q1", &v), 0);
    assert_true(v.suppressed);
    assert_false(v.has_value);
    assert_int_equal(v.left_out, 3);
}

/* ---- measure-4: series ----------------------------------------------------------------------- */

typedef struct got {
    char periods[256];
    int n;
} got;

static int collect(void *ctx, const mvalue *v) {
    got *g = ctx;
    size_t len = strlen(g->periods);
    snprintf(g->periods + len, sizeof g->periods - len, "%s%s", g->n++ ? " " : "", v->period);
    return 0;
}

static void test_series_kind(void **state) {
    th_db *f = *state;
    char unit[128];
    int64_t ks = id_of(f->st, "ks-01", unit);
    got g = {{0}, 0};
    /* Dordrecht has two quarters and one year: by default the quarters, oldest first. */
    assert_int_equal(measure_series(f->st, ks, unit, "GM0505", NULL, collect, &g), 0);
    assert_string_equal(g.periods, "2024Q1 2024Q2");
    memset(&g, 0, sizeof g);
    assert_int_equal(measure_series(f->st, ks, unit, "GM0505", "year", collect, &g), 0);
    assert_string_equal(g.periods, "2023");
    char latest[16];
    assert_int_equal(measure_latest_period(f->st, ks, NULL, latest), 0);
    assert_string_equal(latest, "2024Q2");
}

/* ---- measure-5: the import's outcome per row ------------------------------------------------- */

static int import_one(store *st, int64_t event, const mrow *rows, int n, int *out) {
    if (store_begin(st)) return -1;
    measure_import *mi = measure_import_begin(st, event);
    if (!mi) return -1;
    for (int i = 0; i < n; i++)
        out[i] = measure_import_row(mi, &rows[i]);
    measure_import_end(mi);
    return store_commit(st);
}

static void test_import_outcomes(void **state) {
    th_db *f = *state;
    char unit[128];
    int64_t ov = id_of(f->st, "overgewicht", unit);
    mrow a = {.indicator = ov,
              .area = "GM0505",
              .period = "2024",
              .has_ratio = 1,
              .numerator = 10,
              .denominator = 80};
    mrow a2 = a;
    a2.numerator = 11;
    int out[4];
    /* Import 1: added, then the same key again is a repeat (whatever its values). */
    mrow first[] = {a, a, a2};
    assert_int_equal(import_one(f->st, 1001, first, 3, out), 0);
    assert_int_equal(out[0], MI_ADDED);
    assert_int_equal(out[1], MI_DUPLICATE);
    assert_int_equal(out[2], MI_DUPLICATE);
    /* Import 2: the stored row unchanged; a second copy is a repeat, also when it differs. */
    mrow second[] = {a, a2};
    assert_int_equal(import_one(f->st, 1002, second, 2, out), 0);
    assert_int_equal(out[0], MI_UNCHANGED);
    assert_int_equal(out[1], MI_DUPLICATE);
    /* Import 3: changed; then a repeat, with either value. */
    mrow third[] = {a2, a2, a};
    assert_int_equal(import_one(f->st, 1003, third, 3, out), 0);
    assert_int_equal(out[0], MI_CHANGED);
    assert_int_equal(out[1], MI_DUPLICATE);
    assert_int_equal(out[2], MI_DUPLICATE);
    mvalue v;
    assert_int_equal(measure_value(f->st, ov, unit, "GM0505", "2024", &v), 0);
    assert_int_equal(v.numerator, 11); /* the first line of import 3 won, not the repeat */
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_indicator_codes, setup, th_db_free),
        cmocka_unit_test_setup_teardown(test_sums_not_averages, setup, th_db_free),
        cmocka_unit_test_setup_teardown(test_suppression_and_setting, setup, th_db_free),
        cmocka_unit_test_setup_teardown(test_series_kind, setup, th_db_free),
        cmocka_unit_test_setup_teardown(test_import_outcomes, setup, th_db_free),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
