/*
** test_api.c: the `spil` Lua module, read from a real database file holding the Zuid-Holland
** Zuid region, through a real sandbox (cases api-N).
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "diag.h"
#include "helpers.h"
#include "load.h"
#include "api.h"
#include "rdata.h"
#include "runtime.h"
#include "sbx.h"
#include "store.h"

/* A database file with the demo region loaded, and a sandbox for that region over it. */
typedef struct fixture {
    store *st;
    rt *R;
    sbx *S;
} fixture;

static int setup(void **state) {
    static fixture f;
    char *path = th_fresh_db(NULL, "api.db"), *err = NULL;
    f.st = store_open(path, STORE_CREATE, &err);
    free(path);
    assert_non_null(f.st);
    diag *d = diag_new();
    rdata *r = load_read("../regions/zuid-holland-zuid", d);
    assert_non_null(r);
    th_apply(f.st, r, "tester", "2026-01-01T00:00:00Z");
    rdata_free(r);
    diag_free(d);
    f.R = rt_open(f.st, "zuid-holland-zuid", "../regions/zuid-holland-zuid", &err);
    assert_non_null(f.R);
    f.S = rt_sandbox(f.R, 0, &err);
    assert_non_null(f.S);
    *state = &f;
    return 0;
}

static int teardown(void **state) {
    fixture *f = *state;
    sbx_free(f->S);
    rt_close(f->R);
    store_close(f->st);
    return 0;
}

/* Run src in the fixture's sandbox; returns the error (malloc'd) or NULL. */
static char *run(void **state, const char *src) {
    fixture *f = *state;
    char *err = NULL;
    if (sbx_run_string(f->S, "=test", src, strlen(src), &err) == 0) return NULL;
    return err ? err : strdup("(no message)");
}

static void assert_runs(void **state, const char *src) {
    char *err = run(state, src);
    if (err) fail_msg("%s", err);
}

/* api-1 */
static void test_api_region_is_its_own(void **state) {
    assert_runs(state, "local spil = require 'spil'\n"
                       "local r = spil.region()\n"
                       "assert(r.id == 'zuid-holland-zuid', r.id)\n"
                       "assert(r.name == 'Zuid-Holland Zuid')\n"
                       "assert(r.scripts[1] == 'rules.lua')\n"
                       "assert(spil.region('zuid-holland-zuid').id == r.id)\n");
}

/* api-2 */
static void test_api_cannot_name_another_region(void **state) {
    char *err = run(state, "return spil.region('fryslan')");
    assert_non_null(err);
    assert_string_equal(err, "test:1: region code can only read its own region "
                             "('zuid-holland-zuid'), not 'fryslan'");
    free(err);
}

/* api-2.1: the region is compared with its length: a NUL byte cannot cut the name short. */
static void test_api_region_name_with_nul_is_another(void **state) {
    char *err = run(state, "return spil.region('zuid-holland-zuid\\0x')");
    assert_non_null(err);
    assert_non_null(strstr(err, "region code can only read its own region"));
    free(err);
}

/* api-3 */
static void test_api_municipalities_have_names(void **state) {
    assert_runs(state, "local m = spil.municipalities()\n"
                       "assert(#m == 10, #m)\n"
                       "local names = {}\n"
                       "for _, x in ipairs(m) do names[x.code] = x.name end\n"
                       "assert(names.GM0505 == 'Dordrecht', names.GM0505)\n"
                       "assert(names.GM1963 == 'Hoeksche Waard')\n"
                       "assert(m[1].province == 'Zuid-Holland')\n");
}

/* api-4 */
static void test_api_children_nest_and_values_are_typed(void **state) {
    assert_runs(state, "local b = spil.bodies()[1]\n"
                       "assert(b.id == 'coalitie' and b.meetings_per_year == 4)\n"
                       "assert(math.type(b.meetings_per_year) == 'integer')\n"
                       "local seen = 0\n"
                       "for _, m in ipairs(b.members) do\n"
                       "  assert(m.body == nil, 'the parent is implied')\n"
                       "  assert(type(m.mandate) == 'boolean' or m.mandate == nil)\n"
                       "  if m.membership == 'agenda' then seen = seen + 1 end\n"
                       "end\n"
                       "assert(seen == 3, seen)\n"
                       "local a = spil.agreements()[1]\n"
                       "assert(type(a.topics) == 'table' and type(a.parties) == 'table')\n");
}

/* api-5 */
static void test_api_tables_are_fresh_copies(void **state) {
    assert_runs(state, "local o = spil.organisations()\n"
                       "local n = #o\n"
                       "o[1].name = 'changed'; o[#o + 1] = {}\n"
                       "local again = spil.organisations()\n"
                       "assert(#again == n and again[1].name ~= 'changed')\n");
}

/* api-6 */
static void test_api_region_rules_use_the_stdlib(void **state) {
    assert_runs(state, "local rules = require 'rules'\n"
                       "local counted = rules.decision_members('coalitie')\n"
                       "assert(type(counted) == 'table')\n"
                       "for _, m in ipairs(counted) do\n"
                       "  assert(m.membership == 'member' and m.mandate == true)\n"
                       "end\n"
                       "local none, msg = rules.decision_members('nope')\n"
                       "assert(none == nil and msg == \"no body 'nope' in this region\")\n");
}

static int push_spil_without_store(lua_State *L) {
    return api_push_module(L, NULL, "x");
}

/* api-7 */
static void test_api_without_a_store_says_so(void **state) {
    (void)state;
    char *err = NULL;
    sbx *S = sbx_new(".", NULL, NULL, NULL, &err);
    assert_non_null(S);
    assert_int_equal(sbx_protect(S, push_spil_without_store, NULL, 0, 1, &err), 0);
    assert_int_equal(sbx_provide(S, "spil", 1, &err), 0);
    const char *src = "return spil.organisations()";
    assert_int_not_equal(sbx_run_string(S, "=test", src, strlen(src), &err), 0);
    assert_string_equal(err, "test:1: no database is open");
    free(err);
    sbx_free(S);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_api_region_is_its_own),
        cmocka_unit_test(test_api_cannot_name_another_region),
        cmocka_unit_test(test_api_region_name_with_nul_is_another),
        cmocka_unit_test(test_api_municipalities_have_names),
        cmocka_unit_test(test_api_children_nest_and_values_are_typed),
        cmocka_unit_test(test_api_tables_are_fresh_copies),
        cmocka_unit_test(test_api_region_rules_use_the_stdlib),
        cmocka_unit_test(test_api_without_a_store_says_so),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
