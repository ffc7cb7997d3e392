/*
** test_store.c: unit tests of core/store.c, the only code that talks to SQLite.
**
** Plan: store-1 a new database (schema version, WAL, the 342 municipalities, reopening),
** store-2 every model entity has its table and columns, store-3 the generic row operations
** (round trip, canonical values, SQL types, NULL keys with IS semantics, region scoping),
** store-4 transactions (rollback, BEGIN IMMEDIATE, foreign keys deferred to commit),
** store-5 the event log (round trip, append-only, limit and region filter), store-6 opening
** what must be refused. Every database is a real file under $SPIL_TEST_TMP/store; the tests
** look inside it with sqlite3 directly, as a second connection.
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
#include <sqlite3.h>

#include "model.h"
#include "helpers.h"
#include "store.h"

/* ---- helpers --------------------------------------------------------------------------------- */

/* $SPIL_TEST_TMP/store/name, with the folder created and no old database (or WAL) left there;
** the caller frees it. */
static char *db_path(const char *name) {
    return th_fresh_db("store", name);
}

static store *open_new(const char *path) {
    char *err = NULL;
    store *s = store_open(path, STORE_CREATE, &err);
    if (!s) fail_msg("store_open(%s): %s", path, err ? err : "(no message)");
    assert_null(err);
    return s;
}

/* A second connection to the same file, as another process would have. */
static sqlite3 *raw_open(const char *path) {
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
    return db;
}

/* The first column of the first row of sql as text ("<null>" for NULL, "<none>" for no row);
** the caller frees it. */
static char *sql_text(sqlite3 *db, const char *sql) {
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        fail_msg("prepare %s: %s", sql, sqlite3_errmsg(db));
    int rc = sqlite3_step(st);
    char *out;
    if (rc == SQLITE_ROW) {
        const char *v = (const char *)sqlite3_column_text(st, 0);
        out = strdup(v ? v : "<null>");
    } else {
        assert_int_equal(rc, SQLITE_DONE);
        out = strdup("<none>");
    }
    sqlite3_finalize(st);
    assert_non_null(out);
    return out;
}

static void assert_sql(sqlite3 *db, const char *sql, const char *expected) {
    char *got = sql_text(db, sql);
    if (strcmp(got, expected) != 0) {
        print_error("%s\n  got      '%s'\n  expected '%s'\n", sql, got, expected);
        free(got);
        fail();
    }
    free(got);
}

/* The rows of entity e in region as one string, rows separated by newlines. */
static char *entity_rows(store *s, int e, const char *region) {
    th_rows r = {0};
    if (store_rows(s, e, region, th_collect, &r)) fail_msg("store_rows: %s", store_errmsg(s));
    size_t len = 1;
    for (size_t i = 0; i < r.n; i++)
        len += strlen(r.row[i]) + 1;
    char *out = malloc(len);
    assert_non_null(out);
    out[0] = '\0';
    for (size_t i = 0; i < r.n; i++)
        strcat(strcat(out, r.row[i]), "\n");
    th_rows_free(&r);
    return out;
}

static void assert_rows(store *s, int e, const char *region, const char *expected) {
    char *got = entity_rows(s, e, region);
    assert_string_equal(got, expected);
    free(got);
}

static int entity(const char *table) {
    int e = model_entity_by_table(table);
    assert_true(e >= 0);
    return e;
}

static void must(store *s, int rc, const char *what) {
    if (rc) fail_msg("%s: %s", what, store_errmsg(s));
}

/* A test's new database (a th_db): the file $SPIL_TEST_TMP/store/<its prestate> with the store
** open on it, freed after the test by th_db_free. */
static int new_db(void **state) {
    *state = th_db_new("store", *state);
    return 0;
}

/* ---- store-1: a new database ---------------------------------------------------------------- */

/* store-1.1: a new file gets the schema version, WAL and the reference municipalities. */
static void test_store_creates_schema_v4(void **state) {
    th_db *f = *state;
    store *s = f->st;
    assert_int_equal(store_opened_version(s), 0);

    sqlite3 *db = raw_open(f->path);
    char expected[16];
    snprintf(expected, sizeof expected, "%d", STORE_SCHEMA_VERSION);
    assert_sql(db, "PRAGMA user_version", expected);
    assert_sql(db, "PRAGMA user_version", "6");
    assert_sql(db, "PRAGMA journal_mode", "wal");
    /* The areas: nation, 12 provinces, 25 GGD regions, 342 municipalities; each municipality
    ** is in the nation, one province and one GGD region. */
    assert_sql(db,
               "SELECT group_concat(n, ' ') FROM (SELECT count(*) n FROM area GROUP BY kind "
               "ORDER BY kind)",
               "25 342 1 12");
    assert_sql(db, "SELECT count(*) FROM area_municipality", "1026");
    assert_sql(db,
               "SELECT group_concat(area, ' ') FROM (SELECT area FROM area_member WHERE "
               "municipality = 'GM0505' AND area <> 'GM0505' ORDER BY area)",
               "DG&J Zuid-Holland Zuid NL PV28");
    /* The national catalogues, without a region. */
    assert_sql(db,
               "SELECT count(*) FROM indicator WHERE region IS NULL AND catalogue = 'kngg' "
               "AND code GLOB 'kngg-[0-9][0-9]'",
               "25");
    assert_sql(
        db, "SELECT numerator FROM indicator WHERE code = 'ks-01'",
        "aantal gemeenten dat een lokale of regionale coalitie Kansrijke Start heeft gevormd");
    assert_sql(db, "SELECT count(*) FROM indicator WHERE code = 'ks-04' AND name IS NULL", "1");
    assert_sql(db, "SELECT count(*) FROM municipality", "342");
    assert_sql(db, "SELECT name FROM municipality WHERE code = 'GM0505'", "Dordrecht");
    assert_sql(db, "SELECT count(DISTINCT code) FROM municipality", "342");
    assert_sql(db, "SELECT count(*) FROM municipality WHERE code NOT GLOB 'GM[0-9][0-9][0-9][0-9]'",
               "0");
    assert_sql(db, "SELECT count(*) FROM event", "0");
    assert_sql(db, "SELECT count(*) FROM region", "0");
    sqlite3_close(db);
}

/* store-1.2: reopening finds version 4 and neither migrates nor seeds again. */
static void test_store_reopen_reports_version_4(void **state) {
    (void)state;
    char *path = db_path("reopen.db");
    store_close(open_new(path));
    store *s = open_new(path);
    assert_int_equal(store_opened_version(s), STORE_SCHEMA_VERSION);
    assert_int_equal(store_opened_version(s), 6);
    store_close(s);

    char *err = NULL;
    s = store_open(path, STORE_READONLY, &err);
    assert_non_null(s);
    assert_null(err);
    assert_int_equal(store_opened_version(s), 6);
    store_close(s);

    sqlite3 *db = raw_open(path);
    assert_sql(db, "SELECT count(*) FROM municipality", "342");
    assert_sql(db, "SELECT count(*) FROM programme", "3");
    sqlite3_close(db);
    free(path);
}

/* ---- store-2: the model's tables ------------------------------------------------------------ */

/* Whether table has a column named col, by PRAGMA table_info. */
static int has_column(sqlite3 *db, const char *table, const char *col) {
    sqlite3_stmt *st = NULL;
    char sql[256];
    snprintf(sql, sizeof sql, "PRAGMA table_info(\"%s\")", table);
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    int found = 0;
    while (sqlite3_step(st) == SQLITE_ROW)
        if (strcmp((const char *)sqlite3_column_text(st, 1), col) == 0) found = 1;
    sqlite3_finalize(st);
    return found;
}

/* store-2.1: every entity of model_entities[] has its table, a column per field and `region`,
** and `pos` exactly when its rows form lists (model_ordered). */
static void test_store_has_table_and_columns_per_entity(void **state) {
    th_db *f = *state;
    sqlite3 *db = raw_open(f->path);
    assert_true(model_nentities >= 20);
    int missing = 0;
    for (int e = 0; e < model_nentities; e++) {
        const model_entity *en = &model_entities[e];
        char sql[256];
        snprintf(sql, sizeof sql,
                 "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '%s'",
                 en->table);
        char *n = sql_text(db, sql);
        if (strcmp(n, "1") != 0) {
            print_error("entity %s: no table %s\n", en->name, en->table);
            missing++;
        }
        free(n);
        for (int i = 0; i < en->nfields; i++) {
            if (!has_column(db, en->table, en->fields[i].name)) {
                print_error("entity %s: table %s has no column %s\n", en->name, en->table,
                            en->fields[i].name);
                missing++;
            }
        }
        const char *rc = e == ME_REGION ? "id" : "region";
        if (!has_column(db, en->table, rc)) {
            print_error("entity %s: table %s has no column %s\n", en->name, en->table, rc);
            missing++;
        }
        /* A list keeps its order (the list-order migration). */
        if (model_ordered(e) != has_column(db, en->table, "pos")) {
            print_error("entity %s: table %s %s a column pos\n", en->name, en->table,
                        model_ordered(e) ? "has no" : "has");
            missing++;
        }
        assert_int_equal(model_entity_by_table(en->table), e);
    }
    assert_int_equal(missing, 0);
    /* The check itself can fail: a column that is not there is not found. */
    assert_false(has_column(db, "organisation", "no_such_column"));
    sqlite3_close(db);
}

/* ---- store-3: generic rows ------------------------------------------------------------------ */

/* A region r1 with one municipality, an organisation, a person and two roles of that person:
** one region-wide (municipality NULL) and one for GM0505. */
static void seed_r1(store *s) {
    int reg = ME_REGION, mun = ME_MUNICIPALITY, org = entity("organisation"),
        per = entity("person"), rol = entity("role_assignment");
    must(s, store_begin(s), "begin");
    const char *region[] = {"r1", "Regio Een", "Een regio\nmet twee regels."};
    must(s, store_insert(s, reg, "r1", region), "insert region");
    const char *m[] = {"GM0505", "member", "2023-04-01", NULL, NULL};
    must(s, store_insert(s, mun, "r1", m), "insert municipality");
    const char *o[] = {"ggd", "GGD Een", "ggd", NULL};
    must(s, store_insert(s, org, "r1", o), "insert organisation");
    const char *p[] = {"rc", "Rita", "ggd", NULL};
    must(s, store_insert(s, per, "r1", p), "insert person");
    /* person, role, municipality, hours, since, until, formal_assignment, tasks, mandate, focus,
    ** reviewed */
    const char *wide[] = {
        "rc", "regiocoordinator", NULL, "4.5", "2024-01-01", NULL, "1", NULL, NULL, NULL, NULL};
    must(s, store_insert(s, rol, "r1", wide), "insert role");
    const char *local[] = {
        "rc", "regiocoordinator", "GM0505", "16.0", NULL, NULL, "0", NULL, NULL, NULL, NULL};
    must(s, store_insert(s, rol, "r1", local), "insert local role");
    must(s, store_commit(s), "commit");
}

/* new_db with region r1 in it. */
static int new_db_r1(void **state) {
    new_db(state);
    seed_r1(((th_db *)*state)->st);
    return 0;
}

/* store-3.1: what goes in comes back from store_rows, in canonical text. */
static void test_store_insert_and_rows_round_trip(void **state) {
    th_db *f = *state;
    store *s = f->st;
    assert_rows(s, ME_REGION, "r1", "r1|Regio Een|Een regio\nmet twee regels.\n");
    assert_rows(s, ME_MUNICIPALITY, "r1", "GM0505|member|2023-04-01|<null>|<null>\n");
    assert_rows(s, entity("organisation"), "r1", "ggd|GGD Een|ggd|<null>\n");
    assert_rows(s, entity("person"), "r1", "rc|Rita|ggd|<null>\n");
    /* Booleans "1"/"0", 4.5 stays "4.5", 16.0 becomes "16"; NULL municipality sorts first. */
    assert_rows(s, entity("role_assignment"), "r1",
                "rc|regiocoordinator|<null>|4.5|2024-01-01|<null>|1|<null>|<null>|<null>|<null>\n"
                "rc|regiocoordinator|GM0505|16|<null>|<null>|0|<null>|<null>|<null>|<null>\n");
    assert_int_equal(store_region_exists(s, "r1"), 1);
    assert_int_equal(store_region_exists(s, "r2"), 0);
    /* Another region sees nothing. */
    assert_rows(s, entity("organisation"), "r2", "");

    th_rows r = {0};
    must(s, store_regions(s, th_collect, &r), "regions");
    assert_int_equal(r.n, 1);
    assert_string_equal(r.row[0], "r1|Regio Een");
    th_rows_free(&r);
    must(s, store_region_municipalities(s, "r1", th_collect, &r), "region municipalities");
    assert_int_equal(r.n, 1);
    assert_string_equal(r.row[0], "GM0505|Dordrecht|member|2023-04-01|<null>");
    th_rows_free(&r);
}

/* store-3.2: values are stored with the column's SQL type, not as text. */
static void test_store_binds_sql_types(void **state) {
    th_db *f = *state;
    sqlite3 *db = raw_open(f->path);
    assert_sql(
        db,
        "SELECT group_concat(typeof(formal_assignment) || ':' || formal_assignment, ' ') FROM "
        "(SELECT formal_assignment FROM role_assignment ORDER BY municipality)",
        "integer:1 integer:0");
    assert_sql(db,
               "SELECT group_concat(typeof(hours) || ':' || hours, ' ') FROM "
               "(SELECT hours FROM role_assignment ORDER BY municipality)",
               "real:4.5 real:16.0");
    assert_sql(db, "SELECT typeof(municipality) FROM role_assignment WHERE hours = 4.5", "null");
    assert_sql(db, "SELECT typeof(since) || ':' || since FROM region_municipality",
               "text:2023-04-01");
    sqlite3_close(db);
}

/* store-3.3: update finds rows by key, also a NULL key (IS, not =), and only in its region. */
static void test_store_update_by_key_with_null_municipality(void **state) {
    th_db *f = *state;
    store *s = f->st;
    int org = entity("organisation"), rol = entity("role_assignment");
    /* A second region with an organisation of the same id. */
    must(s, store_begin(s), "begin");
    const char *r2[] = {"r2", "Regio Twee", NULL};
    must(s, store_insert(s, ME_REGION, "r2", r2), "insert r2");
    const char *o2[] = {"ggd", "GGD Twee", "ggd", NULL};
    must(s, store_insert(s, org, "r2", o2), "insert r2 organisation");
    must(s, store_commit(s), "commit");

    must(s, store_begin(s), "begin");
    const char *region[] = {"r1", "Regio Een (nieuw)", NULL};
    must(s, store_update(s, ME_REGION, "r1", region), "update region");
    const char *o[] = {"ggd", "GGD Zuid", "jgz", NULL};
    must(s, store_update(s, org, "r1", o), "update organisation");
    const char *wide[] = {
        "rc", "regiocoordinator", NULL, "8", "2024-02-01", "2024-12-31", "0", NULL, NULL, NULL,
        NULL};
    must(s, store_update(s, rol, "r1", wide), "update role");
    must(s, store_commit(s), "commit");

    assert_rows(s, ME_REGION, "r1", "r1|Regio Een (nieuw)|<null>\n");
    assert_rows(s, ME_REGION, "r2", "r2|Regio Twee|<null>\n");
    assert_rows(s, org, "r1", "ggd|GGD Zuid|jgz|<null>\n");
    assert_rows(s, org, "r2", "ggd|GGD Twee|ggd|<null>\n");
    /* The region-wide role changed; the GM0505 one with the same person and role did not. */
    assert_rows(s, rol, "r1",
                "rc|regiocoordinator|<null>|8|2024-02-01|2024-12-31|0|<null>|<null>|<null>|<null>\n"
                "rc|regiocoordinator|GM0505|16|<null>|<null>|0|<null>|<null>|<null>|<null>\n");
}

/* store-3.4: delete finds rows by key (NULL key included), ignores non-key fields and stays in
** its region. */
static void test_store_delete_by_key_with_null_municipality(void **state) {
    th_db *f = *state;
    store *s = f->st;
    int org = entity("organisation"), per = entity("person"), rol = entity("role_assignment");
    must(s, store_begin(s), "begin");
    /* Non-key fields do not have to match. */
    const char *wide[] = {"rc", "regiocoordinator", NULL, "99", NULL, NULL, NULL, NULL, NULL, NULL,
                          NULL};
    must(s, store_delete(s, rol, "r1", wide), "delete role");
    must(s, store_commit(s), "commit");
    assert_rows(s, rol, "r1",
                "rc|regiocoordinator|GM0505|16|<null>|<null>|0|<null>|<null>|<null>|<null>\n");

    must(s, store_begin(s), "begin");
    /* Deleting in another region touches nothing here. */
    const char *o[] = {"ggd", NULL, NULL, NULL};
    must(s, store_delete(s, org, "r2", o), "delete in r2");
    const char *local[] = {
        "rc", "regiocoordinator", "GM0505", NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL};
    must(s, store_delete(s, rol, "r1", local), "delete local role");
    const char *p[] = {"rc", NULL, NULL, NULL};
    must(s, store_delete(s, per, "r1", p), "delete person");
    must(s, store_commit(s), "commit");
    assert_rows(s, rol, "r1", "");
    assert_rows(s, per, "r1", "");
    assert_rows(s, org, "r1", "ggd|GGD Een|ggd|<null>\n");

    must(s, store_begin(s), "begin");
    must(s, store_delete(s, org, "r1", o), "delete organisation");
    const char *region[] = {"r1", NULL, NULL};
    must(s, store_delete(s, ME_REGION, "r1", region), "delete region");
    must(s, store_commit(s), "commit");
    assert_rows(s, org, "r1", "");
    assert_int_equal(store_region_exists(s, "r1"), 0);
}

/* store-3.5: a second row with the same key, NULL municipality included, is refused. */
static void test_store_refuses_duplicate_null_key(void **state) {
    th_db *f = *state;
    store *s = f->st;
    must(s, store_begin(s), "begin");
    const char *again[] = {"rc", "regiocoordinator", NULL, "1", NULL, NULL, NULL, NULL, NULL, NULL,
                           NULL};
    assert_int_not_equal(store_insert(s, entity("role_assignment"), "r1", again), 0);
    assert_non_null(strstr(store_errmsg(s), "UNIQUE"));
    must(s, store_rollback(s), "rollback");
    assert_rows(s, entity("role_assignment"), "r1",
                "rc|regiocoordinator|<null>|4.5|2024-01-01|<null>|1|<null>|<null>|<null>|<null>\n"
                "rc|regiocoordinator|GM0505|16|<null>|<null>|0|<null>|<null>|<null>|<null>\n");
}

/* ---- store-4: transactions ------------------------------------------------------------------ */

/* store-4.1: rolling back after inserts leaves nothing behind. */
static void test_store_rollback_leaves_nothing(void **state) {
    th_db *f = *state;
    store *s = f->st;
    must(s, store_begin(s), "begin");
    const char *region[] = {"r1", "Regio Een", NULL};
    must(s, store_insert(s, ME_REGION, "r1", region), "insert region");
    const char *o[] = {"ggd", "GGD", "ggd", NULL};
    must(s, store_insert(s, entity("organisation"), "r1", o), "insert organisation");
    /* Inside the transaction the rows are there. */
    assert_rows(s, entity("organisation"), "r1", "ggd|GGD|ggd|<null>\n");
    must(s, store_rollback(s), "rollback");
    assert_rows(s, entity("organisation"), "r1", "");
    assert_rows(s, ME_REGION, "r1", "");
    assert_int_equal(store_region_exists(s, "r1"), 0);
    /* Rolling back with no transaction open is harmless. */
    assert_int_equal(store_rollback(s), 0);
    store_close(s);
    f->st = NULL;

    sqlite3 *db = raw_open(f->path);
    assert_sql(db, "SELECT count(*) FROM region", "0");
    assert_sql(db, "SELECT count(*) FROM organisation", "0");
    sqlite3_close(db);
}

/* store-4.2: store_begin takes the write lock at once (BEGIN IMMEDIATE): a second connection
** cannot start writing, but can still read. */
static void test_store_begin_is_immediate(void **state) {
    th_db *f = *state;
    store *s = f->st;
    sqlite3 *db = raw_open(f->path);
    sqlite3_busy_timeout(db, 0);

    must(s, store_begin(s), "begin");
    char *msg = NULL;
    int rc = sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, &msg);
    assert_int_equal(rc & 0xff, SQLITE_BUSY);
    sqlite3_free(msg);
    /* WAL: readers are not blocked by the writer. */
    assert_sql(db, "SELECT count(*) FROM municipality", "342");

    must(s, store_commit(s), "commit");
    assert_int_equal(sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);
    /* And now the store is the one that has to wait (its busy timeout is not tested here). */
    assert_int_equal(sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
}

/* store-4.3: foreign keys are checked at commit: rows may come in any order, and a dangling
** reference makes the commit fail. */
static void test_store_foreign_keys_deferred_to_commit(void **state) {
    th_db *f = *state;
    store *s = f->st;
    int org = entity("organisation"), per = entity("person");

    /* Child before parent is fine within one transaction. */
    must(s, store_begin(s), "begin");
    const char *p[] = {"rc", "Rita", "ggd", NULL};
    must(s, store_insert(s, per, "r1", p), "insert person first");
    const char *o[] = {"ggd", "GGD", "ggd", NULL};
    must(s, store_insert(s, org, "r1", o), "insert organisation");
    const char *region[] = {"r1", "Regio Een", NULL};
    must(s, store_insert(s, ME_REGION, "r1", region), "insert region last");
    must(s, store_commit(s), "commit");
    assert_rows(s, per, "r1", "rc|Rita|ggd|<null>\n");

    /* A person whose organisation does not exist: the insert passes, the commit does not. */
    must(s, store_begin(s), "begin");
    const char *bad[] = {"wim", "Wim", "no-such-org", NULL};
    assert_int_equal(store_insert(s, per, "r1", bad), 0);
    assert_int_not_equal(store_commit(s), 0);
    assert_non_null(strstr(store_errmsg(s), "FOREIGN KEY"));
    must(s, store_rollback(s), "rollback");
    assert_rows(s, per, "r1", "rc|Rita|ggd|<null>\n");
}

/* ---- store-5: the event log ----------------------------------------------------------------- */

static void log_event(store *s, const char *at, const char *region, const char *key) {
    store_event ev = {.at = at,
                      .actor = "tester",
                      .region = region,
                      .command = "load",
                      .action = "add",
                      .entity = "organisation",
                      .key = key};
    must(s, store_log(s, &ev), "store_log");
}

/* store-5.1: an event comes back from store_events with every field; absent ones as NULL. */
static void test_store_event_log_round_trip(void **state) {
    th_db *f = *state;
    store *s = f->st;
    store_event ev = {.at = "2026-01-15T10:00:00Z",
                      .actor = "tester",
                      .region = "r1",
                      .command = "sign",
                      .action = "change",
                      .entity = "party",
                      .key = "sso/ggd",
                      .detail = "{\"status\":{\"from\":\"agreed\",\"to\":\"signed\"}}",
                      .reason = "signed at the meeting"};
    must(s, store_log(s, &ev), "store_log");
    store_event bare = {
        .at = "2026-01-15T10:00:01Z", .actor = "tester", .command = "init", .action = "create"};
    must(s, store_log(s, &bare), "store_log bare");

    th_rows r = {0};
    must(s, store_events(s, NULL, 0, th_collect, &r), "store_events");
    assert_int_equal(r.n, 2);
    assert_string_equal(r.row[0], "1|2026-01-15T10:00:00Z|tester|r1|sign|change|party|sso/ggd|"
                                  "{\"status\":{\"from\":\"agreed\",\"to\":\"signed\"}}|"
                                  "signed at the meeting");
    assert_string_equal(
        r.row[1], "2|2026-01-15T10:00:01Z|tester|<null>|init|create|<null>|<null>|<null>|<null>");
    th_rows_free(&r);
}

/* store-5.2: the log cannot be changed or shortened, not even by SQL around the store. */
static void test_store_event_log_is_append_only(void **state) {
    th_db *f = *state;
    store *s = f->st;
    log_event(s, "2026-01-15T10:00:00Z", "r1", "ggd");
    sqlite3 *db = raw_open(f->path);
    const char *attempts[] = {"UPDATE event SET actor = 'mallory'", "DELETE FROM event",
                              "DELETE FROM event WHERE id = 1"};
    for (size_t i = 0; i < sizeof attempts / sizeof attempts[0]; i++) {
        char *msg = NULL;
        assert_int_not_equal(sqlite3_exec(db, attempts[i], NULL, NULL, &msg), SQLITE_OK);
        assert_non_null(msg);
        assert_string_equal(msg, "the event log is append-only");
        sqlite3_free(msg);
    }
    assert_sql(db, "SELECT count(*) || ':' || actor FROM event", "1:tester");
    sqlite3_close(db);
}

/* store-5.3: a limit gives the newest N, still oldest first; a region filters. */
static void test_store_events_limit_and_region(void **state) {
    th_db *f = *state;
    store *s = f->st;
    log_event(s, "2026-01-01T00:00:01Z", "r1", "a");
    log_event(s, "2026-01-01T00:00:02Z", "r2", "b");
    log_event(s, "2026-01-01T00:00:03Z", "r1", "c");
    log_event(s, "2026-01-01T00:00:04Z", NULL, "d");
    log_event(s, "2026-01-01T00:00:05Z", "r1", "e");
    log_event(s, "2026-01-01T00:00:06Z", "r2", "f");

    th_rows r = {0};
    must(s, store_events(s, NULL, 2, th_collect, &r), "events limit 2");
    assert_int_equal(r.n, 2);
    assert_string_equal(r.row[0], "5|2026-01-01T00:00:05Z|tester|r1|load|add|organisation|e|"
                                  "<null>|<null>");
    assert_string_equal(r.row[1], "6|2026-01-01T00:00:06Z|tester|r2|load|add|organisation|f|"
                                  "<null>|<null>");
    th_rows_free(&r);

    /* The events (by id) that a region and a limit select. */
    static const struct {
        const char *region;
        int64_t limit;
        size_t n;
        int ids[6];
    } cases[] = {
        {NULL, 0, 6, {1, 2, 3, 4, 5, 6}}, /* all events */
        {"r1", 0, 3, {1, 3, 5}},          /* the events of r1 */
        {"r1", 2, 2, {3, 5}},             /* the newest 2 of r1 */
        {"r2", 10, 2, {2, 6}},            /* more than there are */
        {"nowhere", 0, 0, {0}},           /* no such region */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        must(s, store_events(s, cases[i].region, cases[i].limit, th_collect, &r), "store_events");
        assert_int_equal(r.n, cases[i].n);
        for (size_t k = 0; k < r.n; k++)
            assert_int_equal(atoi(r.row[k]), cases[i].ids[k]);
        th_rows_free(&r);
    }
}

/* ---- store-6: what is refused --------------------------------------------------------------- */

/* store-6.1: a database from a newer spil (user_version 99) is refused and left alone. */
static void test_store_refuses_newer_schema(void **state) {
    (void)state;
    char *path = db_path("newer.db");
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_exec(db,
                                  "PRAGMA user_version = 99; PRAGMA application_id = 1397770572",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    sqlite3_close(db);

    const int flags[] = {STORE_CREATE, 0, STORE_READONLY};
    for (size_t i = 0; i < sizeof flags / sizeof flags[0]; i++) {
        char *err = NULL;
        store *s = store_open(path, flags[i], &err);
        assert_null(s);
        assert_non_null(err);
        assert_non_null(strstr(err, "newer spil"));
        assert_non_null(strstr(err, "schema 99"));
        free(err);
    }
    db = raw_open(path);
    assert_sql(db, "PRAGMA user_version", "99");
    assert_sql(db, "SELECT count(*) FROM sqlite_master", "0");
    sqlite3_close(db);
    free(path);
}

/* store-6.2: a missing file is not created without STORE_CREATE. */
static void test_store_open_missing_without_create_fails(void **state) {
    (void)state;
    char *path = db_path("missing.db");
    const int flags[] = {0, STORE_READONLY};
    for (size_t i = 0; i < sizeof flags / sizeof flags[0]; i++) {
        char *err = NULL;
        store *s = store_open(path, flags[i], &err);
        assert_null(s);
        assert_non_null(err);
        assert_true(strlen(err) > 0);
        free(err);
        struct stat sb;
        assert_int_not_equal(stat(path, &sb), 0);
    }
    free(path);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_prestate_setup_teardown(test_store_creates_schema_v4, new_db, th_db_free,
                                                 "new.db"),
        cmocka_unit_test(test_store_reopen_reports_version_4),
        cmocka_unit_test_prestate_setup_teardown(test_store_has_table_and_columns_per_entity,
                                                 new_db, th_db_free, "columns.db"),
        cmocka_unit_test_prestate_setup_teardown(test_store_insert_and_rows_round_trip, new_db_r1,
                                                 th_db_free, "rows.db"),
        cmocka_unit_test_prestate_setup_teardown(test_store_binds_sql_types, new_db_r1, th_db_free,
                                                 "types.db"),
        cmocka_unit_test_prestate_setup_teardown(test_store_update_by_key_with_null_municipality,
                                                 new_db_r1, th_db_free, "update.db"),
        cmocka_unit_test_prestate_setup_teardown(test_store_delete_by_key_with_null_municipality,
                                                 new_db_r1, th_db_free, "delete.db"),
        cmocka_unit_test_prestate_setup_teardown(test_store_refuses_duplicate_null_key, new_db_r1,
                                                 th_db_free, "dupkey.db"),
        cmocka_unit_test_prestate_setup_teardown(test_store_rollback_leaves_nothing, new_db,
                                                 th_db_free, "rollback.db"),
        cmocka_unit_test_prestate_setup_teardown(test_store_begin_is_immediate, new_db, th_db_free,
                                                 "immediate.db"),
        cmocka_unit_test_prestate_setup_teardown(test_store_foreign_keys_deferred_to_commit, new_db,
                                                 th_db_free, "fk.db"),
        cmocka_unit_test_prestate_setup_teardown(test_store_event_log_round_trip, new_db,
                                                 th_db_free, "events.db"),
        cmocka_unit_test_prestate_setup_teardown(test_store_event_log_is_append_only, new_db,
                                                 th_db_free, "appendonly.db"),
        cmocka_unit_test_prestate_setup_teardown(test_store_events_limit_and_region, new_db,
                                                 th_db_free, "eventlimit.db"),
        cmocka_unit_test(test_store_refuses_newer_schema),
        cmocka_unit_test(test_store_open_missing_without_create_fails),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
