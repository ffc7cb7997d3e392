/*
** test_load.c: unit tests of core/load.c, reading and validating a region folder.
**
** Plan: load-1 files that load (a minimal region, canonical values, a .yaml path, the real
** example, Dutch words for values), load-2 unknown keys and their suggestions, load-3 values of the
*wrong type,
** load-4 CBS codes, load-5 identity and references (duplicates, unknown rows, required fields,
** periods, scripts), load-6 many problems at once, load-7 folders that are not there.
** Region folders are written under $SPIL_TEST_TMP/load; diagnostics are printed with diag_print
** into memory and compared in full, with the folder's path shown as DIR, so every test pins the
** exact text a user reads.
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

#include "diag.h"
#include "helpers.h"
#include "load.h"
#include "model.h"

/* ---- helpers --------------------------------------------------------------------------------- */

/* $SPIL_TEST_TMP/load/name, an empty region folder (files of an earlier run are removed);
** the caller frees it. */
static char *region_dir(const char *name) {
    char *dir = th_tmp_path("load", name);
    th_mkdirs(dir);
    const char *leftovers[] = {"region.yaml", "rules.lua", "other.yaml"};
    for (size_t i = 0; i < sizeof leftovers / sizeof leftovers[0]; i++) {
        char path[4200];
        snprintf(path, sizeof path, "%s/%s", dir, leftovers[i]);
        unlink(path);
    }
    return dir;
}

/* A region folder `name` holding region.yaml with text; the caller frees the path. */
static char *write_region(const char *name, const char *yaml) {
    char *dir = region_dir(name);
    th_write_in(dir, LOAD_FILE, yaml);
    return dir;
}

/* What diag_print writes, with every occurrence of dir replaced by "DIR"; caller frees. */
static char *printed(diag *d, const char *dir) {
    char *text = th_printed(d, 0, 0);
    char *out = th_replace(text, dir, "DIR");
    free(text);
    return out;
}

/* Whether loading the folder dir fails with exactly `expected`; prints what differs. Frees
** everything before the caller fails, so a failing case adds no leak reports to its output. */
static int dir_fails_with(const char *dir, const char *expected) {
    diag *d = diag_new();
    rdata *r = load_read(dir, d);
    char *text = printed(d, dir);
    int same = strcmp(text, expected) == 0, failed = r == NULL, counted = diag_count(d) > 0;
    if (!same)
        print_error("diagnostics differ\n--- got:\n%s--- expected:\n%s---\n", text, expected);
    if (!failed) print_error("load_read returned rows for a file with problems\n");
    free(text);
    rdata_free(r);
    diag_free(d);
    return same && failed && counted;
}

/* Load the region `name` written from yaml; it must fail with exactly `expected`. */
static void assert_load_fails(const char *name, const char *yaml, const char *expected) {
    char *dir = write_region(name, yaml);
    int ok = dir_fails_with(dir, expected);
    free(dir);
    if (!ok) fail();
}

/* Load the region `name` written from yaml; it must load without any diagnostic. */
static rdata *load_ok(const char *name, const char *yaml, char **dirp) {
    char *dir = write_region(name, yaml);
    diag *d = diag_new();
    rdata *r = load_read(dir, d);
    char *text = printed(d, dir);
    assert_string_equal(text, "");
    assert_non_null(r);
    assert_int_equal(diag_count(d), 0);
    free(text);
    diag_free(d);
    if (dirp)
        *dirp = dir;
    else
        free(dir);
    return r;
}

/* Value of field `field` in row i of entity e, or NULL. */
static const char *value(const rdata *r, int e, size_t i, const char *field) {
    int f = model_field_index(e, field);
    assert_true(f >= 0);
    assert_true(i < r->tables[e].n);
    return r->tables[e].rows[i].v[f];
}

#define HEADER "spil: 1\nregion: {id: t, name: T}\nmunicipalities:\n  - {code: GM0505}\n"

static const char *const org_kinds =
    "gemeente, ggd, jgz, cjg, zorgverzekeraar, zorgkantoor, ziekenhuis, huisartsen, vsv, igo, "
    "welzijn, sociaal-wijkteam, sport, kraamzorg, paramedici, ouders, onderwijs, kennispartner, "
    "provincie, rijk, ggz, vvt, other";

/* ---- load-1: files that load ----------------------------------------------------------------- */

/* load-1.1: the smallest valid region gives its rows, with their places in the file. */
static void test_load_minimal_region(void **state) {
    (void)state;
    char *dir = NULL;
    rdata *r = load_ok("minimal",
                       "spil: 1\n"
                       "region:\n"
                       "  id: mini\n"
                       "  name: Mini\n"
                       "municipalities:\n"
                       "  - code: GM0505\n",
                       &dir);
    assert_string_equal(rdata_region(r), "mini");
    assert_string_equal(r->dir, dir);
    char file[4200];
    snprintf(file, sizeof file, "%s/region.yaml", dir);
    assert_string_equal(r->file, file);

    assert_int_equal(r->tables[ME_REGION].n, 1);
    assert_string_equal(value(r, ME_REGION, 0, "id"), "mini");
    assert_string_equal(value(r, ME_REGION, 0, "name"), "Mini");
    assert_null(value(r, ME_REGION, 0, "description"));
    assert_int_equal(r->tables[ME_REGION].rows[0].line, 3);
    assert_int_equal(r->tables[ME_REGION].rows[0].col, 3);

    assert_int_equal(r->tables[ME_MUNICIPALITY].n, 1);
    const rrow *m = &r->tables[ME_MUNICIPALITY].rows[0];
    assert_string_equal(value(r, ME_MUNICIPALITY, 0, "code"), "GM0505");
    assert_null(value(r, ME_MUNICIPALITY, 0, "status"));
    assert_null(value(r, ME_MUNICIPALITY, 0, "since"));
    assert_int_equal(m->line, 6);
    assert_int_equal(m->col, 5);
    assert_int_equal(m->fline[0], 6);
    assert_int_equal(m->fcol[0], 11);
    /* Sorted: every row has its key. */
    assert_string_equal(m->key, "GM0505");
    assert_non_null(rdata_find(r, ME_MUNICIPALITY, "GM0505"));
    assert_int_equal(th_total_rows(r), 2);
    rdata_free(r);
    free(dir);
}

/* load-1.2: values are stored in canonical form, whatever way they were written. */
static void test_load_canonical_values(void **state) {
    (void)state;
    rdata *r = load_ok(
        "canonical",
        HEADER "  - {code: GM0482, since: 2024-02-29}\n"
               "organisations:\n"
               "  - {id: ggd, name: GGD, kind: ggd}\n"
               "people:\n"
               "  - {id: rc, name: Rita, organisation: ggd, email: null}\n"
               "  - {id: nul, name: \"null\", email: \"~\"}\n"
               "roles:\n"
               "  - {person: rc, role: regiocoordinator, hours: 4.50, formal_assignment: "
               "true}\n"
               "  - {person: rc, role: czv, municipality: GM0505, hours: 16.0, "
               "formal_assignment: false}\n"
               "bodies:\n"
               "  - id: kg\n"
               "    name: Kerngroep\n"
               "    kind: kerngroep\n"
               "    meetings_per_year: 007\n"
               "    members:\n"
               "      - {organisation: ggd, person: rc, membership: member, mandate: true}\n"
               "funding:\n"
               "  - {id: f1, source: spuk, purpose: rc, amount: 12500.50, status: agreed}\n"
               "  - {id: f2, source: spuk, purpose: rc, amount: 0025000, status: agreed}\n",
        NULL);
    /* Table, row, field and the canonical value (NULL: absent). */
    static const struct {
        const char *table;
        size_t row;
        const char *field, *want;
    } cases[] = {
        {"region_municipality", 0, "code", "GM0482"},
        {"region_municipality", 0, "since", "2024-02-29"},
        /* Sorted by key: nul before rc. A plain null is absent, a quoted one is text. */
        {"person", 0, "id", "nul"},
        {"person", 0, "name", "null"},
        {"person", 0, "email", "~"},
        {"person", 1, "email", NULL},
        /* Roles sorted by (person, role, municipality): czv before regiocoordinator. */
        {"role_assignment", 0, "role", "czv"},
        {"role_assignment", 0, "hours", "16"},
        {"role_assignment", 0, "formal_assignment", "0"},
        {"role_assignment", 1, "hours", "4.5"},
        {"role_assignment", 1, "formal_assignment", "1"},
        {"role_assignment", 1, "municipality", NULL},
        {"body", 0, "meetings_per_year", "7"},
        {"body_member", 0, "body", "kg"},
        {"body_member", 0, "mandate", "1"},
        {"funding", 0, "amount", "12500.5"},
        {"funding", 1, "amount", "25000"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *got = value(r, th_entity(cases[i].table), cases[i].row, cases[i].field);
        if (!cases[i].want && got)
            fail_msg("%s[%zu].%s: expected absent, got '%s'", cases[i].table, cases[i].row,
                     cases[i].field, got);
        if (cases[i].want && !(got && strcmp(got, cases[i].want) == 0))
            fail_msg("%s[%zu].%s: expected '%s', got '%s'", cases[i].table, cases[i].row,
                     cases[i].field, cases[i].want, got ? got : "(absent)");
    }
    assert_string_equal(r->tables[th_entity("body_member")].rows[0].key, "kg\x1fggd");
    rdata_free(r);
}

/* load-1.5: the Dutch words for the recording enumerations load as the model's values. */
static void test_load_dutch_values(void **state) {
    (void)state;
    rdata *r = load_ok("dutch",
                       HEADER "  - {code: GM0482}\n"
                              "organisations:\n"
                              "  - {id: ggd, name: GGD, kind: ggd}\n"
                              "bodies:\n"
                              "  - {id: kg, name: Kerngroep, kind: kerngroep}\n"
                              "agreements:\n"
                              "  - id: sso\n"
                              "    title: SSO\n"
                              "    kind: samenwerkingsovereenkomst\n"
                              "    parties:\n"
                              "      - {organisation: ggd, status: getekend}\n"
                              "decisions:\n"
                              "  - id: d1\n"
                              "    body: kg\n"
                              "    date: 2024-01-01\n"
                              "    subject: S\n"
                              "    kind: besluit\n"
                              "    outcome: aangenomen\n"
                              "    positions:\n"
                              "      - {organisation: ggd, position: onthouding}\n"
                              "funding:\n"
                              "  - {id: f1, source: overig, purpose: rc, status: beëindigd}\n",
                       NULL);
    assert_string_equal(value(r, th_entity("agreement_party"), 0, "status"), "signed");
    assert_string_equal(value(r, th_entity("decision"), 0, "kind"), "decision");
    assert_string_equal(value(r, th_entity("decision"), 0, "outcome"), "adopted");
    assert_string_equal(value(r, th_entity("decision_position"), 0, "position"), "abstain");
    assert_string_equal(value(r, th_entity("funding"), 0, "source"), "other");
    assert_string_equal(value(r, th_entity("funding"), 0, "status"), "ended");
    rdata_free(r);
}

/* load-1.6: every Dutch word of an enumeration stands for one of its values, and none is a
** value itself (it would be ambiguous). */
static void test_load_dutch_words_name_values(void **state) {
    (void)state;
    int words = 0;
    for (int e = 0; e < model_nentities; e++)
        for (int f = 0; f < model_entities[e].nfields; f++) {
            const char *const *values = model_entities[e].fields[f].values;
            if (model_entities[e].fields[f].type != FT_ENUM) continue;
            int n = 0;
            while (values[n])
                n++;
            const char *const *all = model_enum_words(values);
            for (int i = 0; all[i]; i++) {
                const char *v = model_enum_value(values, all[i]);
                assert_non_null(v);
                int member = 0;
                for (int k = 0; k < n; k++)
                    member |= strcmp(v, values[k]) == 0;
                assert_true(member);
                if (i >= n) words++;
                for (int k = 0; i >= n && k < n; k++)
                    assert_string_not_equal(all[i], values[k]);
            }
        }
    assert_true(words >= 20);
    int party = th_entity("agreement_party");
    const model_field *status = &model_entities[party].fields[model_field_index(party, "status")];
    assert_null(model_enum_value(status->values, "getekent"));
    assert_string_equal(model_enum_value(status->values, "afgewezen"), "declined");
}

/* load-1.3: the path of a .yaml file works as well as its folder, whatever its name. */
static void test_load_accepts_yaml_file_path(void **state) {
    (void)state;
    char *dir =
        write_region("filepath", "spil: 1\nregion: {id: f, name: F, scripts: [rules.lua]}\n");
    th_write_in(dir, "rules.lua", "-- nothing\n");
    th_write_in(dir, "other.yaml", "spil: 1\nregion: {id: other, name: Other}\n");
    char path[4200];
    const char *files[] = {"region.yaml", "other.yaml"};
    const char *ids[] = {"f", "other"};
    for (int i = 0; i < 2; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, files[i]);
        diag *d = diag_new();
        rdata *r = load_read(path, d);
        assert_int_equal(diag_count(d), 0);
        assert_non_null(r);
        assert_string_equal(rdata_region(r), ids[i]);
        assert_string_equal(r->file, path);
        assert_string_equal(r->dir, dir);
        rdata_free(r);
        diag_free(d);
    }
    /* The script is looked up next to the file named. */
    snprintf(path, sizeof path, "%s/rules.lua", dir);
    unlink(path);
    snprintf(path, sizeof path, "%s/region.yaml", dir);
    diag *d = diag_new();
    assert_null(load_read(path, d));
    char *text = printed(d, dir);
    assert_string_equal(text, "DIR/region.yaml:2:36: error: script 'rules.lua' not found in DIR\n");
    free(text);
    diag_free(d);
    free(dir);
}

/* load-1.4: the real example region loads cleanly (tests run in tests/). */
static void test_load_real_region(void **state) {
    (void)state;
    diag *d = diag_new();
    rdata *r = load_read("../regions/zuid-holland-zuid", d);
    if (!r) {
        diag_print(d, stderr, 0);
        fail_msg("the example region does not load");
    }
    assert_int_equal(diag_count(d), 0);
    assert_string_equal(rdata_region(r), "zuid-holland-zuid");
    assert_int_equal(r->tables[ME_MUNICIPALITY].n, 10);
    assert_int_equal(th_total_rows(r), 206);
    assert_non_null(rdata_find(r, th_entity("body_member"),
                               "coalitie\x1f"
                               "dgj"));
    rdata_free(r);
    diag_free(d);
}

/* ---- load-2: unknown keys -------------------------------------------------------------------- */

/* load-2.1: an unknown top-level key is reported with the nearest section when one is close. */
static void test_load_unknown_top_level_key(void **state) {
    (void)state;
    /* The Dutch word users type gets the section it means; so do misspellings. */
    assert_string_equal(diag_suggest("gemeentes", model_top_keys()), "municipalities");
    assert_string_equal(diag_suggest("muncipalities", model_top_keys()), "municipalities");
    assert_string_equal(diag_suggest("organisaties", model_top_keys()), "organisations");
    assert_load_fails("unknown-top",
                      "spil: 1\n"
                      "region: {id: t, name: T}\n"
                      "gemeentes:\n"
                      "  - {code: GM0505}\n"
                      "muncipalities: []\n"
                      "organisaties: []\n",
                      "DIR/region.yaml:3:1: error: unknown key 'gemeentes' in the top level; "
                      "did you mean 'municipalities'?\n"
                      "DIR/region.yaml:5:1: error: unknown key 'muncipalities' in the top level; "
                      "did you mean 'municipalities'?\n"
                      "DIR/region.yaml:6:1: error: unknown key 'organisaties' in the top level; "
                      "did you mean 'organisations'?\n");
}

/* load-2.2: an unknown key in a row suggests the field, also in the region and in children. */
static void test_load_unknown_key_in_organisation(void **state) {
    (void)state;
    assert_load_fails(
        "unknown-field",
        "spil: 1\n"
        "region: {id: t, name: T, naam: Tee, descripton: x}\n"
        "organisations:\n"
        "  - {id: ggd, name: GGD, knid: ggd}\n"
        "  - {id: jgz, name: JGZ, kind: jgz, municipalty: GM0505}\n"
        "bodies:\n"
        "  - id: kg\n"
        "    name: Kerngroep\n"
        "    kind: kerngroep\n"
        "    membres: []\n"
        "    members:\n"
        "      - {organisation: ggd, membership: member, mandat: true}\n",
        "DIR/region.yaml:2:26: error: unknown key 'naam' in region; did you mean 'name'?\n"
        "DIR/region.yaml:2:37: error: unknown key 'descripton' in region; did you "
        "mean 'description'?\n"
        "DIR/region.yaml:4:26: error: unknown key 'knid' in organisation; did you "
        "mean 'kind'?\n"
        "DIR/region.yaml:5:37: error: unknown key 'municipalty' in organisation; "
        "did you mean 'municipality'?\n"
        "DIR/region.yaml:10:5: error: unknown key 'membres' in body; did you mean "
        "'members'?\n"
        "DIR/region.yaml:12:49: error: unknown key 'mandat' in member; did you mean "
        "'mandate'?\n");
}

/* ---- load-3: values of the wrong type -------------------------------------------------------- */

/* load-3.1: words for numbers and booleans, a decimal comma, an impossible date, an enum value
** that is not one; 2024-02-29 is a real day. */
static void test_load_wrong_types(void **state) {
    (void)state;
    char expected[2048];
    snprintf(expected, sizeof expected,
             "DIR/region.yaml:5:27: error: 'since' must be a date YYYY-MM-DD, got '2023-02-29'; "
             "February 2023 has 28 days\n"
             "DIR/region.yaml:8:32: error: invalid kind 'gdd'; expected one of: %s; did you "
             "mean 'ggd'?\n"
             "DIR/region.yaml:14:12: error: 'hours' must be a number such as 12 or 4.5, got "
             "'4,5'; write it with a decimal point: 4.5\n"
             "DIR/region.yaml:19:24: error: 'meetings_per_year' must be a whole number, got "
             "'four'\n"
             "DIR/region.yaml:21:58: error: 'mandate' must be true or false, got 'yes'\n",
             org_kinds);
    assert_load_fails("wrong-types",
                      HEADER "  - {code: GM0482, since: 2023-02-29}\n"
                             "  - {code: GM0512, since: 2024-02-29}\n"
                             "organisations:\n"
                             "  - {id: ggd, name: GGD, kind: gdd}\n"
                             "people:\n"
                             "  - {id: rc, name: Rita}\n"
                             "roles:\n"
                             "  - person: rc\n"
                             "    role: regiocoordinator\n"
                             "    hours: 4,5\n"
                             "bodies:\n"
                             "  - id: kg\n"
                             "    name: Kerngroep\n"
                             "    kind: kerngroep\n"
                             "    meetings_per_year: four\n"
                             "    members:\n"
                             "      - {organisation: ggd, membership: member, mandate: yes}\n",
                      expected);
}

/* load-3.2: quoting does not make a number or a boolean; a mapping is not a value. */
static void test_load_quoted_and_nested_values(void **state) {
    (void)state;
    assert_load_fails("quoted",
                      HEADER "organisations:\n"
                             "  - {id: ggd, name: {first: G}, kind: ggd}\n"
                             "people:\n"
                             "  - {id: rc, name: Rita}\n"
                             "roles:\n"
                             "  - {person: rc, role: czv, hours: \"4\", formal_assignment: "
                             "\"true\"}\n"
                             "  - {person: rc, role: wethouder, hours: -1}\n",
                      "DIR/region.yaml:6:21: error: 'name' must be a single value, not a "
                      "mapping\n"
                      "DIR/region.yaml:10:36: error: 'hours' must be a number such as 12 or 4.5, "
                      "got '4'; write the number without quotes\n"
                      "DIR/region.yaml:10:60: error: 'formal_assignment' must be true or false, "
                      "got 'true'\n"
                      "DIR/region.yaml:11:42: error: 'hours' must be a number such as 12 or 4.5, "
                      "got '-1'\n");
}

/* ---- load-4: CBS codes ----------------------------------------------------------------------- */

/* load-4.1: a municipality's name instead of its code gets the code as a hint. */
static void test_load_cbs_name_hints_code(void **state) {
    (void)state;
    assert_load_fails(
        "cbs-name", "spil: 1\nregion: {id: t, name: T}\nmunicipalities:\n  - {code: Dordrecht}\n",
        "DIR/region.yaml:4:12: error: invalid CBS code 'Dordrecht' in 'code': expected GM and four "
        "digits, e.g. GM0505; Dordrecht is GM0505\n");
}

/* load-4.2: a well-formed code that is not in the reference list. */
static void test_load_cbs_unknown_code(void **state) {
    (void)state;
    assert_load_fails("cbs-unknown",
                      "spil: 1\nregion: {id: t, name: T}\nmunicipalities:\n  - {code: GM9999}\n",
                      "DIR/region.yaml:4:12: error: unknown CBS code 'GM9999': not one of the 342 "
                      "municipalities of 2023-2025; see data/municipalities-2024.csv\n");
}

/* load-4.3: outside `municipalities`, a code must be one of the region's own municipalities. */
static void test_load_cbs_not_a_member(void **state) {
    (void)state;
    assert_load_fails("cbs-member",
                      HEADER "organisations:\n"
                             "  - {id: gem-gorinchem, name: Gorinchem, kind: gemeente, "
                             "municipality: GM0512}\n"
                             "people:\n"
                             "  - {id: wh, name: Wim}\n"
                             "roles:\n"
                             "  - {person: wh, role: wethouder, municipality: GM0505}\n"
                             "  - {person: wh, role: wethouder, municipality: GM0482}\n",
                      "DIR/region.yaml:6:72: error: municipality GM0512 (Gorinchem) is not a "
                      "member of this region; add it under 'municipalities'\n"
                      "DIR/region.yaml:11:49: error: municipality GM0482 (Alblasserdam) is not a "
                      "member of this region; add it under 'municipalities'\n");
}

/* ---- load-5: identity and references -------------------------------------------------------- */

/* load-5.1: a second row with the same key names where the first one is. */
static void test_load_duplicate_organisation(void **state) {
    (void)state;
    assert_load_fails("duplicate",
                      HEADER "organisations:\n"
                             "  - {id: ggd, name: GGD, kind: ggd}\n"
                             "  - {id: jgz, name: JGZ, kind: jgz}\n"
                             "  - {id: ggd, name: GGD again, kind: ggd}\n"
                             "roles: []\n"
                             "bodies:\n"
                             "  - id: kg\n"
                             "    name: Kerngroep\n"
                             "    kind: kerngroep\n"
                             "    members:\n"
                             "      - {organisation: jgz, membership: member}\n"
                             "      - {organisation: jgz, membership: agenda}\n",
                      "DIR/region.yaml:8:5: error: duplicate organisation 'ggd' (first at line "
                      "6)\n"
                      "DIR/region.yaml:16:9: error: duplicate member 'jgz' in body 'kg' (first "
                      "at line 15)\n");
}

/* load-5.2: the same child key under two parents is not a duplicate. */
static void test_load_same_child_under_two_parents(void **state) {
    (void)state;
    rdata *r = load_ok("two-parents",
                       HEADER "organisations:\n"
                              "  - {id: ggd, name: GGD, kind: ggd}\n"
                              "bodies:\n"
                              "  - {id: a, name: A, kind: werkgroep, members: [{organisation: ggd, "
                              "membership: member}]}\n"
                              "  - {id: b, name: B, kind: werkgroep, members: [{organisation: ggd, "
                              "membership: member}]}\n",
                       NULL);
    int mem = th_entity("body_member");
    assert_int_equal(r->tables[mem].n, 2);
    assert_string_equal(value(r, mem, 0, "body"), "a");
    assert_string_equal(value(r, mem, 1, "body"), "b");
    rdata_free(r);
}

/* load-5.2b: rows whose key was refused (an invalid CBS code, a null or missing id) are not
** duplicates of each other: each is reported once, for what is wrong with it (until 5730754 the
** loader added "duplicate municipality '' (first at line 4)"). */
static void test_load_no_duplicate_for_refused_keys(void **state) {
    (void)state;
    assert_load_fails("refused-keys",
                      "spil: 1\n"
                      "region: {id: t, name: T}\n"
                      "municipalities:\n"
                      "  - {code: Dordrecht}\n"
                      "  - {code: GM9999}\n"
                      "organisations:\n"
                      "  - {id: null, name: A, kind: ggd}\n"
                      "  - {name: B, kind: ggd}\n",
                      "DIR/region.yaml:4:12: error: invalid CBS code 'Dordrecht' in 'code': "
                      "expected GM and four digits, e.g. GM0505; Dordrecht is GM0505\n"
                      "DIR/region.yaml:5:12: error: unknown CBS code 'GM9999': not one of the 342 "
                      "municipalities of 2023-2025; see data/municipalities-2024.csv\n"
                      "DIR/region.yaml:7:5: error: organisation is missing 'id'\n"
                      "DIR/region.yaml:8:5: error: organisation is missing 'id'\n");
}

/* load-5.2c: with three rows of one key, each repeat names the first one's line. */
static void test_load_third_duplicate_names_the_first(void **state) {
    (void)state;
    assert_load_fails("three-duplicates",
                      "spil: 1\n"
                      "region: {id: t, name: T}\n"
                      "organisations:\n"
                      "  - {id: a, name: A, kind: ggd}\n"
                      "  - {id: a, name: B, kind: ggd}\n"
                      "  - {id: a, name: C, kind: ggd}\n",
                      "DIR/region.yaml:5:5: error: duplicate organisation 'a' (first at line 4)\n"
                      "DIR/region.yaml:6:5: error: duplicate organisation 'a' (first at line 4)\n");
}

/* load-5.3: a reference to a row that is not there, with a suggestion when one is close. */
static void test_load_unknown_reference(void **state) {
    (void)state;
    assert_load_fails("unknown-ref",
                      HEADER "organisations:\n"
                             "  - {id: ggd-zhz, name: GGD, kind: ggd}\n"
                             "people:\n"
                             "  - {id: rc, name: Rita, organisation: ggd-zzh}\n"
                             "bodies:\n"
                             "  - id: kg\n"
                             "    name: Kerngroep\n"
                             "    kind: kerngroep\n"
                             "    members:\n"
                             "      - {organisation: vgz, person: rc, membership: member}\n"
                             "decisions:\n"
                             "  - {id: d1, body: kerngroep, date: 2024-01-01, subject: S, kind: "
                             "decision}\n",
                      "DIR/region.yaml:8:40: error: unknown organisation 'ggd-zzh' in "
                      "'organisation'; did you mean 'ggd-zhz'?\n"
                      "DIR/region.yaml:14:24: error: unknown organisation 'vgz' in "
                      "'organisation'; declare it under 'organisations'\n"
                      "DIR/region.yaml:16:20: error: unknown body 'kerngroep' in 'body'; "
                      "declare it under 'bodies'\n");
}

/* load-5.4: a required field that is missing, or null, is reported at its row. */
static void test_load_missing_required_field(void **state) {
    (void)state;
    assert_load_fails("missing-field",
                      "spil: 1\n"
                      "region: {id: t}\n"
                      "organisations:\n"
                      "  - {id: ggd, kind: ggd}\n"
                      "  - {id: jgz, name: ~, kind: jgz}\n"
                      "  - {name: Nameless, kind: other}\n",
                      "DIR/region.yaml:2:9: error: region is missing 'name'\n"
                      "DIR/region.yaml:4:5: error: organisation is missing 'name'\n"
                      "DIR/region.yaml:5:5: error: organisation is missing 'name'\n"
                      "DIR/region.yaml:6:5: error: organisation is missing 'id'\n");
}

/* load-5.5: a period whose last day comes before its first; equal days are a valid period. */
static void test_load_until_before_since(void **state) {
    (void)state;
    assert_load_fails("until-since",
                      HEADER "  - {code: GM0482, since: 2024-01-01, until: 2024-01-01}\n"
                             "agreements:\n"
                             "  - id: sso\n"
                             "    title: SSO\n"
                             "    kind: samenwerkingsovereenkomst\n"
                             "    since: 2025-01-01\n"
                             "    until: 2024-12-31\n",
                      "DIR/region.yaml:11:12: error: 'until' 2024-12-31 is before 'since' "
                      "2025-01-01\n");
}

/* load-5.6: a script named in the region must exist in the folder, and be a .lua file there. */
static void test_load_missing_script(void **state) {
    (void)state;
    char *dir = write_region("missing-script", "spil: 1\n"
                                               "region:\n"
                                               "  id: t\n"
                                               "  name: T\n"
                                               "  scripts: [rules.lua, gone.lua, ../escape.lua]\n");
    th_write_in(dir, "rules.lua", "-- present\n");
    int ok = dir_fails_with(dir, "DIR/region.yaml:5:24: error: script 'gone.lua' not found in DIR\n"
                                 "DIR/region.yaml:5:34: error: invalid script '../escape.lua': "
                                 "name a .lua file inside the region folder; use letters, "
                                 "digits and _, e.g. rules.lua or lib/util.lua\n");
    free(dir);
    assert_true(ok);
}

/* ---- load-6: many problems at once ---------------------------------------------------------- */

/* load-6.1: every problem in a file is reported, in line order, whichever pass found it. */
static void test_load_reports_all_problems_in_line_order(void **state) {
    (void)state;
    assert_load_fails(
        "many",
        "spil: 1\n"
        "region: {id: Many, name: Many}\n"
        "municipalities:\n"
        "  - {code: GM0505, status: deelnemer}\n"
        "organisations:\n"
        "  - {id: ggd, name: GGD, kind: ggd, municipality: GM0482}\n"
        "  - {id: ggd, name: GGD, kind: ggd}\n"
        "people:\n"
        "  - {id: rc, name: Rita, organisation: gdd}\n"
        "roles:\n"
        "  - {person: rc, role: coordinator, hours: veel}\n"
        "themes:\n"
        "  - {id: t1, name: T1, relevance: [{organisation: ggd}]}\n"
        "actions:\n"
        "  - {id: a1, title: A, due: 31-12-2024}\n"
        "gemeentes: []\n",
        "DIR/region.yaml:2:14: error: invalid id 'Many' for 'id'; use lowercase "
        "letters, digits, '-', '_' and '.', at most 64 characters\n"
        "DIR/region.yaml:4:28: error: invalid status 'deelnemer'; expected one of: "
        "member, candidate, left\n"
        "DIR/region.yaml:6:51: error: municipality GM0482 (Alblasserdam) is not a "
        "member of this region; add it under 'municipalities'\n"
        "DIR/region.yaml:7:5: error: duplicate organisation 'ggd' (first at line "
        "6)\n"
        "DIR/region.yaml:9:40: error: unknown organisation 'gdd' in "
        "'organisation'; did you mean 'ggd'?\n"
        "DIR/region.yaml:11:24: error: invalid role 'coordinator'; expected one "
        "of: regiocoordinator, kwartiermaker, projectleider, czv, wethouder, "
        "beleidsmedewerker, bestuurlijk-aanspreekpunt, netwerkregisseur, "
        "data-adviseur, contactpersoon\n"
        "DIR/region.yaml:11:44: error: 'hours' must be a number such as 12 or 4.5, "
        "got 'veel'\n"
        "DIR/region.yaml:13:36: error: relevance is missing 'relevant'\n"
        "DIR/region.yaml:15:29: error: 'due' must be a date YYYY-MM-DD, got "
        "'31-12-2024'; write it year first: 2024-12-31\n"
        "DIR/region.yaml:16:1: error: unknown key 'gemeentes' in the top level; did you mean "
        "'municipalities'?\n");
}

/* ---- load-7: folders that are not there ------------------------------------------------------ */

/* load-7.1: a missing folder is one diagnostic, and nothing is read. */
static void test_load_missing_folder(void **state) {
    (void)state;
    char *dir = region_dir("gone");
    rmdir(dir);
    diag *d = diag_new();
    assert_null(load_read(dir, d));
    assert_int_equal(diag_count(d), 1);
    char *text = printed(d, dir);
    assert_string_equal(text, "DIR: error: no such region folder; give the folder that holds "
                              "region.yaml, e.g. regions/zuid-holland-zuid\n");
    free(text);
    diag_free(d);

    /* A folder without region.yaml: one diagnostic about the file. */
    th_mkdirs(dir);
    d = diag_new();
    assert_null(load_read(dir, d));
    assert_int_equal(diag_count(d), 1);
    text = printed(d, dir);
    assert_string_equal(text, "DIR/region.yaml: error: cannot open: No such file or directory\n");
    free(text);
    diag_free(d);
    free(dir);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_load_minimal_region),
        cmocka_unit_test(test_load_canonical_values),
        cmocka_unit_test(test_load_accepts_yaml_file_path),
        cmocka_unit_test(test_load_dutch_values),
        cmocka_unit_test(test_load_dutch_words_name_values),
        cmocka_unit_test(test_load_real_region),
        cmocka_unit_test(test_load_unknown_top_level_key),
        cmocka_unit_test(test_load_unknown_key_in_organisation),
        cmocka_unit_test(test_load_wrong_types),
        cmocka_unit_test(test_load_quoted_and_nested_values),
        cmocka_unit_test(test_load_cbs_name_hints_code),
        cmocka_unit_test(test_load_cbs_unknown_code),
        cmocka_unit_test(test_load_cbs_not_a_member),
        cmocka_unit_test(test_load_duplicate_organisation),
        cmocka_unit_test(test_load_same_child_under_two_parents),
        cmocka_unit_test(test_load_no_duplicate_for_refused_keys),
        cmocka_unit_test(test_load_third_duplicate_names_the_first),
        cmocka_unit_test(test_load_unknown_reference),
        cmocka_unit_test(test_load_missing_required_field),
        cmocka_unit_test(test_load_until_before_since),
        cmocka_unit_test(test_load_missing_script),
        cmocka_unit_test(test_load_reports_all_problems_in_line_order),
        cmocka_unit_test(test_load_missing_folder),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
