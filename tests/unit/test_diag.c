/*
** test_diag.c: unit tests of core/diag.c, the collected diagnostics.
**
** Plan: diag-1 the text form (sorting, unknown positions, hints, colour, formatting, the cap),
** diag-2 the JSON form, diag-3 diag_suggest. Output is captured with open_memstream and
** compared in full, so every test pins the exact text a user reads.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "diag.h"

/* What diag_print (json = 0) or diag_print_json (json = 1) writes; the caller frees it. */
static char *printed(diag *d, int json, int color) {
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

static void assert_printed(diag *d, const char *expected) {
    char *text = printed(d, 0, 0);
    assert_string_equal(text, expected);
    free(text);
}

/* diag-1.1: sorted by file, then line, then column; equal positions keep their order. */
static void test_diag_sorts_by_file_line_col_stably(void **state) {
    (void)state;
    diag *d = diag_new();
    diag_add(d, "b.yaml", 1, 1, NULL, "b first");
    diag_add(d, "a.yaml", 10, 2, NULL, "line 10");
    diag_add(d, "a.yaml", 2, 9, NULL, "line 2 col 9");
    diag_add(d, "a.yaml", 2, 3, NULL, "same place, added first");
    diag_add(d, "a.yaml", 2, 3, NULL, "same place, added second");
    diag_add(d, "a.yaml", 0, 0, NULL, "whole file");
    diag_add(d, "a.yaml", 2, 3, NULL, "same place, added third");
    assert_int_equal(diag_count(d), 7);
    assert_printed(d, "a.yaml: error: whole file\n"
                      "a.yaml:2:3: error: same place, added first\n"
                      "a.yaml:2:3: error: same place, added second\n"
                      "a.yaml:2:3: error: same place, added third\n"
                      "a.yaml:2:9: error: line 2 col 9\n"
                      "a.yaml:10:2: error: line 10\n"
                      "b.yaml:1:1: error: b first\n");
    /* Printing twice gives the same order (the sort stays stable on sorted input). */
    assert_printed(d, "a.yaml: error: whole file\n"
                      "a.yaml:2:3: error: same place, added first\n"
                      "a.yaml:2:3: error: same place, added second\n"
                      "a.yaml:2:3: error: same place, added third\n"
                      "a.yaml:2:9: error: line 2 col 9\n"
                      "a.yaml:10:2: error: line 10\n"
                      "b.yaml:1:1: error: b first\n");
    diag_free(d);
}

/* diag-1.2: a line or column of 0 is not known and is left out. */
static void test_diag_leaves_out_unknown_positions(void **state) {
    (void)state;
    diag *d = diag_new();
    diag_add(d, "r.yaml", 0, 0, NULL, "cannot open");
    diag_add(d, "s.yaml", 4, 0, NULL, "line only");
    assert_printed(d, "r.yaml: error: cannot open\ns.yaml:4: error: line only\n");
    diag_free(d);
}

/* diag-1.3: the hint follows the message after "; ", the message is printf-formatted. */
static void test_diag_formats_message_and_hint(void **state) {
    (void)state;
    diag *d = diag_new();
    diag_add(d, "regions/zhz/region.yaml", 14, 7, "did you mean 'municipalities'?",
             "unknown key '%s' in '%s'", "gemeentes", "region");
    diag_add(d, "regions/zhz/region.yaml", 15, 1, NULL, "%d of %d", 3, 4);
    assert_printed(d, "regions/zhz/region.yaml:14:7: error: unknown key 'gemeentes' in 'region'; "
                      "did you mean 'municipalities'?\n"
                      "regions/zhz/region.yaml:15:1: error: 3 of 4\n");
    diag_free(d);
}

/* diag-1.4: with colour, the location is bold and "error:" bold red. */
static void test_diag_colours_location_and_error(void **state) {
    (void)state;
    diag *d = diag_new();
    diag_add(d, "a.yaml", 3, 5, "fix it", "bad");
    char *text = printed(d, 0, 1);
    assert_string_equal(text, "\033[1ma.yaml:3:5:\033[0m \033[1;31merror:\033[0m bad; fix it\n");
    free(text);
    diag_free(d);
}

/* diag-1.5: past 1000 diagnostics the rest are counted, not kept, and the count is printed. */
static void test_diag_caps_at_1000_and_counts_the_rest(void **state) {
    (void)state;
    diag *d = diag_new();
    for (int i = 1; i <= 1005; i++)
        diag_add(d, "a.yaml", i, 1, NULL, "error %d", i);
    assert_int_equal(diag_count(d), 1005);

    char *text = printed(d, 0, 0);
    size_t lines = 0;
    for (const char *p = text; *p; p++)
        lines += *p == '\n';
    assert_int_equal(lines, 1001);
    assert_non_null(strstr(text, "a.yaml:1000:1: error: error 1000\n"));
    assert_null(strstr(text, "error 1001"));
    const char *tail = "a.yaml:1000:1: error: error 1000\n5 more errors not shown\n";
    assert_string_equal(text + strlen(text) - strlen(tail), tail);
    free(text);

    text = printed(d, 1, 0);
    json_error_t err;
    json_t *root = json_loads(text, 0, &err);
    assert_non_null(root);
    assert_int_equal(json_array_size(json_object_get(root, "errors")), 1000);
    assert_int_equal(json_integer_value(json_object_get(root, "not_shown")), 5);
    json_decref(root);
    free(text);
    diag_free(d);
}

/* diag-1.6: a new collection is empty and prints nothing. */
static void test_diag_empty_prints_nothing(void **state) {
    (void)state;
    diag *d = diag_new();
    assert_int_equal(diag_count(d), 0);
    assert_printed(d, "");
    char *text = printed(d, 1, 0);
    assert_string_equal(text, "{\"errors\":[]}\n");
    free(text);
    diag_free(d);
}

/* diag-2.1: the JSON form has the same facts, sorted, unknown values as null. */
static void test_diag_json_shape(void **state) {
    (void)state;
    diag *d = diag_new();
    diag_add(d, "b.yaml", 2, 3, "fix it", "bad \"value\"");
    diag_add(d, "a.yaml", 0, 0, NULL, "cannot open");
    char *text = printed(d, 1, 0);
    assert_string_equal(text, "{\"errors\":["
                              "{\"file\":\"a.yaml\",\"line\":null,\"col\":null,"
                              "\"message\":\"cannot open\",\"hint\":null},"
                              "{\"file\":\"b.yaml\",\"line\":2,\"col\":3,"
                              "\"message\":\"bad \\\"value\\\"\",\"hint\":\"fix it\"}"
                              "]}\n");
    free(text);
    diag_free(d);
}

/* diag-2.2: bytes that are not UTF-8 (say, in a path) still give valid JSON. */
static void test_diag_json_survives_invalid_utf8(void **state) {
    (void)state;
    diag *d = diag_new();
    diag_add(d, "caf\xe9.yaml", 1, 1, NULL, "r\xc3\xa9gion");
    char *text = printed(d, 1, 0);
    json_error_t err;
    json_t *root = json_loads(text, 0, &err);
    assert_non_null(root);
    json_t *e = json_array_get(json_object_get(root, "errors"), 0);
    assert_string_equal(json_string_value(json_object_get(e, "file")), "caf?.yaml");
    assert_string_equal(json_string_value(json_object_get(e, "message")), "r\xc3\xa9gion");
    json_decref(root);
    free(text);
    diag_free(d);
}

static const char *const sections[] = {"municipalities", "organisations", "people", "roles",
                                       "bodies",         "agreements",    NULL};

/* diag-3.1: a misspelling close enough is suggested; something far away is not. */
static void test_diag_suggests_near_misses(void **state) {
    (void)state;
    assert_string_equal(diag_suggest("organisatons", sections), "organisations");
    assert_string_equal(diag_suggest("muncipalities", sections), "municipalities");
    assert_string_equal(diag_suggest("peeple", sections), "people");
    assert_null(diag_suggest("xyz", sections));
    assert_null(diag_suggest("gemeentes", sections));
    assert_null(diag_suggest("", sections));
}

/* diag-3.2: case does not count, a swap of neighbours is one edit. */
static void test_diag_suggest_ignores_case_and_counts_swaps_once(void **state) {
    (void)state;
    assert_string_equal(diag_suggest("ORGANISATIONS", sections), "organisations");
    /* "ba" allows one edit: only a swap counted as one (not as two) reaches "ab". */
    const char *const two[] = {"ab", NULL};
    assert_string_equal(diag_suggest("ba", two), "ab");
}

/* diag-3.3: the limit is max(1, len/3) edits, and ties go to the first candidate. */
static void test_diag_suggest_limit_and_ties(void **state) {
    (void)state;
    const char *const far[] = {"abcxyz", NULL};
    const char *const near[] = {"abcxyz", "abcdxy", NULL};
    assert_null(diag_suggest("abcdef", far));                    /* 3 edits > 6/3 */
    assert_string_equal(diag_suggest("abcdef", near), "abcdxy"); /* 2 edits */
    const char *const tie[] = {"cat", "bat", "car", NULL};
    assert_string_equal(diag_suggest("hat", tie), "cat");
    const char *const none[] = {NULL};
    assert_null(diag_suggest("cat", none));
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_diag_sorts_by_file_line_col_stably),
        cmocka_unit_test(test_diag_leaves_out_unknown_positions),
        cmocka_unit_test(test_diag_formats_message_and_hint),
        cmocka_unit_test(test_diag_colours_location_and_error),
        cmocka_unit_test(test_diag_caps_at_1000_and_counts_the_rest),
        cmocka_unit_test(test_diag_empty_prints_nothing),
        cmocka_unit_test(test_diag_json_shape),
        cmocka_unit_test(test_diag_json_survives_invalid_utf8),
        cmocka_unit_test(test_diag_suggests_near_misses),
        cmocka_unit_test(test_diag_suggest_ignores_case_and_counts_swaps_once),
        cmocka_unit_test(test_diag_suggest_limit_and_ties),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
