/*
** test_diag.c: unit tests of core/diag.c, the collected diagnostics.
**
** Plan: diag-1 the text form (sorting, unknown positions, hints, colour, formatting, the cap,
** control characters and long messages), diag-2 the JSON form, diag-3 diag_suggest (edit distance
** and Dutch synonyms), diag-4 diag_quote. Output is captured with open_memstream and compared in
** full, so every test pins the exact text a user reads.
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
#include "helpers.h"

/* The diagnostics a test adds to and checks: its state, made before it and freed after it. */
static int new_diag(void **state) {
    *state = diag_new();
    return *state ? 0 : -1;
}

static int free_diag(void **state) {
    diag_free(*state);
    return 0;
}

/* The JSON form of d, parsed (it must parse); the caller json_decref's it. */
static json_t *printed_json(diag *d) {
    char *text = th_printed(d, 1, 0);
    json_error_t err;
    json_t *root = json_loads(text, 0, &err);
    free(text);
    assert_non_null(root);
    return root;
}

/* diag-1.1: sorted by file, then line, then column; equal positions keep their order. */
static void test_diag_sorts_by_file_line_col_stably(void **state) {
    diag *d = *state;
    diag_add(d, "b.yaml", 1, 1, NULL, "b first");
    diag_add(d, "a.yaml", 10, 2, NULL, "line 10");
    diag_add(d, "a.yaml", 2, 9, NULL, "line 2 col 9");
    diag_add(d, "a.yaml", 2, 3, NULL, "same place, added first");
    diag_add(d, "a.yaml", 2, 3, NULL, "same place, added second");
    diag_add(d, "a.yaml", 0, 0, NULL, "whole file");
    diag_add(d, "a.yaml", 2, 3, NULL, "same place, added third");
    assert_int_equal(diag_count(d), 7);
    const char *sorted = "a.yaml: error: whole file\n"
                         "a.yaml:2:3: error: same place, added first\n"
                         "a.yaml:2:3: error: same place, added second\n"
                         "a.yaml:2:3: error: same place, added third\n"
                         "a.yaml:2:9: error: line 2 col 9\n"
                         "a.yaml:10:2: error: line 10\n"
                         "b.yaml:1:1: error: b first\n";
    th_assert_printed(d, 0, 0, sorted);
    /* Printing twice gives the same order (the sort stays stable on sorted input). */
    th_assert_printed(d, 0, 0, sorted);
}

/* diag-1.2: a line or column of 0 is not known and is left out. */
static void test_diag_leaves_out_unknown_positions(void **state) {
    diag *d = *state;
    diag_add(d, "r.yaml", 0, 0, NULL, "cannot open");
    diag_add(d, "s.yaml", 4, 0, NULL, "line only");
    th_assert_printed(d, 0, 0, "r.yaml: error: cannot open\ns.yaml:4: error: line only\n");
}

/* diag-1.3: the hint follows the message after "; ", the message is printf-formatted. */
static void test_diag_formats_message_and_hint(void **state) {
    diag *d = *state;
    diag_add(d, "regions/zhz/region.yaml", 14, 7, "did you mean 'municipalities'?",
             "unknown key '%s' in '%s'", "gemeentes", "region");
    diag_add(d, "regions/zhz/region.yaml", 15, 1, NULL, "%d of %d", 3, 4);
    th_assert_printed(d, 0, 0,
                      "regions/zhz/region.yaml:14:7: error: unknown key 'gemeentes' in 'region'; "
                      "did you mean 'municipalities'?\n"
                      "regions/zhz/region.yaml:15:1: error: 3 of 4\n");
}

/* diag-1.4: with colour, the location is bold and "error:" bold red. */
static void test_diag_colours_location_and_error(void **state) {
    diag *d = *state;
    diag_add(d, "a.yaml", 3, 5, "fix it", "bad");
    th_assert_printed(d, 0, 1, "\033[1ma.yaml:3:5:\033[0m \033[1;31merror:\033[0m bad; fix it\n");
}

/* diag-1.5: past 1000 diagnostics the rest are counted, not kept, and the count is printed. */
static void test_diag_caps_at_1000_and_counts_the_rest(void **state) {
    diag *d = *state;
    for (int i = 1; i <= 1005; i++)
        diag_add(d, "a.yaml", i, 1, NULL, "error %d", i);
    assert_int_equal(diag_count(d), 1005);

    char *text = th_printed(d, 0, 0);
    size_t lines = 0;
    for (const char *p = text; *p; p++)
        lines += *p == '\n';
    assert_int_equal(lines, 1001);
    assert_non_null(strstr(text, "a.yaml:1000:1: error: error 1000\n"));
    assert_null(strstr(text, "error 1001"));
    const char *tail = "a.yaml:1000:1: error: error 1000\n5 more errors not shown\n";
    assert_string_equal(text + strlen(text) - strlen(tail), tail);
    free(text);

    json_t *root = printed_json(d);
    assert_int_equal(json_array_size(json_object_get(root, "errors")), 1000);
    assert_int_equal(json_integer_value(json_object_get(root, "not_shown")), 5);
    json_decref(root);
}

/* diag-1.6: a new collection is empty and prints nothing. */
static void test_diag_empty_prints_nothing(void **state) {
    diag *d = *state;
    assert_int_equal(diag_count(d), 0);
    th_assert_printed(d, 0, 0, "");
    th_assert_printed(d, 1, 0, "{\"errors\":[]}\n");
}

/* diag-1.7: a newline or other control character in a message or hint (echoed from a user's key
** or value) is printed as '?', so it cannot start a line that looks like a diagnostic of its own,
** nor colour or move the terminal. Other bytes, UTF-8 included, are kept. */
static void test_diag_replaces_control_characters(void **state) {
    diag *d = *state;
    diag_add(d, "r.yaml", 5, 1, NULL, "unknown key '%s' in the top level",
             "gemeente\nregion.yaml:1:1: error: fake");
    diag_add(d, "r.yaml", 6, 1, "did you mean '\033[31mx\r'?", "bad '%s'",
             "a\tb\x7f\x01"
             "caf\xc3\xa9");
    th_assert_printed(d, 0, 0,
                      "r.yaml:5:1: error: unknown key 'gemeente?region.yaml:1:1: error: fake' in "
                      "the top level\n"
                      "r.yaml:6:1: error: bad 'a?b??caf\xc3\xa9'; did you mean '?[31mx?'?\n");
}

/* diag-1.8: a message or hint longer than 1024 bytes is cut between characters and ends in
** "...", a backstop for a value echoed without diag_quote. 1024 bytes are kept whole. */
static void test_diag_cuts_very_long_messages(void **state) {
    diag *d = *state;
    char exact[1025], longer[1100];
    memset(exact, 'a', 1024);
    exact[1024] = '\0';
    /* 1020 bytes, then 'é' across the cut at 1021, then more. */
    memset(longer, 'b', 1020);
    memcpy(longer + 1020, "\xc3\xa9", 2);
    memset(longer + 1022, 'c', 77);
    longer[1099] = '\0';
    diag_add(d, "r.yaml", 1, 1, NULL, "%s", exact);
    diag_add(d, "r.yaml", 2, 1, longer, "%s", longer);
    char *want = malloc(4096), *w = want;
    assert_non_null(want);
    w += sprintf(w, "r.yaml:1:1: error: %s\n", exact);
    w += sprintf(w, "r.yaml:2:1: error: %.1020s...; %.1020s...\n", longer, longer);
    th_assert_printed(d, 0, 0, want);
    free(want);
}

/* diag-2.1: the JSON form has the same facts, sorted, unknown values as null. */
static void test_diag_json_shape(void **state) {
    diag *d = *state;
    diag_add(d, "b.yaml", 2, 3, "fix it", "bad \"value\"");
    diag_add(d, "a.yaml", 0, 0, NULL, "cannot open");
    th_assert_printed(d, 1, 0,
                      "{\"errors\":["
                      "{\"file\":\"a.yaml\",\"line\":null,\"col\":null,"
                      "\"message\":\"cannot open\",\"hint\":null},"
                      "{\"file\":\"b.yaml\",\"line\":2,\"col\":3,"
                      "\"message\":\"bad \\\"value\\\"\",\"hint\":\"fix it\"}"
                      "]}\n");
}

/* diag-2.2: bytes that are not UTF-8 (say, in a path) still give valid JSON. */
static void test_diag_json_survives_invalid_utf8(void **state) {
    diag *d = *state;
    diag_add(d, "caf\xe9.yaml", 1, 1, NULL, "r\xc3\xa9gion");
    json_t *root = printed_json(d);
    json_t *e = json_array_get(json_object_get(root, "errors"), 0);
    assert_string_equal(json_string_value(json_object_get(e, "file")), "caf?.yaml");
    assert_string_equal(json_string_value(json_object_get(e, "message")), "r\xc3\xa9gion");
    json_decref(root);
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
    assert_null(diag_suggest("bestuurders", sections));
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

/* diag-3.3: the limit is 1 edit up to three letters, else max(2, len/3) edits, and ties go to
** the first candidate. */
static void test_diag_suggest_limit_and_ties(void **state) {
    (void)state;
    const char *const far[] = {"abcxyz", NULL};
    const char *const near[] = {"abcxyz", "abcdxy", NULL};
    assert_null(diag_suggest("abcdef", far));                    /* 3 edits > 6/3 */
    assert_string_equal(diag_suggest("abcdef", near), "abcdxy"); /* 2 edits */
    const char *const long_far[] = {"abcdefghijkl", "abcdefghxyzw", NULL};
    assert_string_equal(diag_suggest("abcdefghxyzq", long_far), "abcdefghxyzw");
    assert_null(diag_suggest("abcdwxyzmnop", (const char *const[]){"abcdefghijkl", NULL}));
    /* Up to five letters allow one edit (a swap counts as one): two would turn "kind" into
    ** "id". Dutch "naam" finds "name" through the synonyms instead (diag-3.4). */
    const char *const fields[] = {"id", "name", "kind", NULL};
    assert_string_equal(diag_suggest("nmae", fields), "name");
    assert_null(diag_suggest("abxy", (const char *const[]){"abcd", NULL}));
    assert_null(diag_suggest("kind", (const char *const[]){"id", "name", NULL}));
    /* Three letters allow one. */
    assert_null(diag_suggest("axy", (const char *const[]){"abc", NULL}));
    assert_string_equal(diag_suggest("ggz", (const char *const[]){"gemeente", "ggd", NULL}), "ggd");
    assert_string_equal(diag_suggest("nam", fields), "name");
    const char *const tie[] = {"cat", "bat", "car", NULL};
    assert_string_equal(diag_suggest("hat", tie), "cat");
    const char *const none[] = {NULL};
    assert_null(diag_suggest("cat", none));
}

/* diag-3.4: the Dutch words this domain's users type find the English key, case aside, and before
** any near spelling; only when that key is a candidate. */
static void test_diag_suggest_dutch_synonyms(void **state) {
    (void)state;
    static const char *const top[] = {
        "spil",     "region",           "municipalities", "organisations", "people",     "roles",
        "bodies",   "agreements",       "decisions",      "funding",       "programmes", "themes",
        "meetings", "responsibilities", "actions",        "evaluations",   "indicators", NULL};
    static const struct {
        const char *word, *key;
    } cases[] = {
        {"gemeenten", "municipalities"},
        {"Gemeenten", "municipalities"},
        {"mensen", "people"},
        {"programma's", "programmes"},
        {"overleggen", "bodies"},
        {"besluiten", "decisions"},
        {"verantwoordelijkheden", "responsibilities"},
        {"indicatoren", "indicators"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        const char *s = diag_suggest(cases[i].word, top);
        if (!s || strcmp(s, cases[i].key) != 0)
            fail_msg("'%s' gave '%s', not '%s'", cases[i].word, s ? s : "(nothing)", cases[i].key);
    }
    static const char *const fields[] = {"id",      "name",  "kind",  "members",
                                         "parties", "since", "until", NULL};
    assert_string_equal(diag_suggest("naam", fields), "name");
    assert_string_equal(diag_suggest("leden", fields), "members");
    assert_string_equal(diag_suggest("partijen", fields), "parties");
    assert_string_equal(diag_suggest("soort", fields), "kind");
    /* A synonym goes before a near spelling ("soort" is one edit from "sort"). */
    assert_string_equal(diag_suggest("soort", (const char *const[]){"sort", "kind", NULL}), "kind");
    /* Not when its key is not a candidate: then only the edit distance counts. */
    assert_null(diag_suggest("mensen", fields));
    assert_null(diag_suggest("gemeenten", sections + 1));
    assert_string_equal(diag_suggest("leden", (const char *const[]){"laden", NULL}), "laden");
    /* A synonym must match the whole word. */
    assert_null(diag_suggest("gemeentenlijst", top));
}

/* diag-4.1: diag_quote keeps a short value as it is and shows control characters as '?'. */
static void test_diag_quote_short_values(void **state) {
    (void)state;
    char buf[48];
    assert_ptr_equal(diag_quote("ggz", buf, sizeof buf), buf);
    assert_string_equal(buf, "ggz");
    assert_string_equal(diag_quote("", buf, sizeof buf), "");
    assert_string_equal(diag_quote(NULL, buf, sizeof buf), "");
    assert_string_equal(diag_quote("ggd\nerror: fake\r\t\033[1m\x7f", buf, sizeof buf),
                        "ggd?error: fake???[1m?");
    assert_string_equal(diag_quote("Co\xc3\xb6rdinator", buf, sizeof buf), "Co\xc3\xb6rdinator");
}

/* diag-4.2: past 44 bytes the value is cut between characters and ends in "..."; a buffer
** smaller than 48 bytes cuts at its size - 4. */
static void test_diag_quote_cuts_long_values(void **state) {
    (void)state;
    char x[1001], buf[48], small[10];
    memset(x, 'v', 1000);
    x[1000] = '\0';
    assert_string_equal(diag_quote(x, buf, sizeof buf),
                        "vvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvv...");
    x[44] = '\0'; /* exactly 44 bytes: kept whole */
    assert_string_equal(diag_quote(x, buf, sizeof buf),
                        "vvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvv");
    /* 43 bytes, then 'é' across byte 44: the cut goes before it. */
    memcpy(x + 43, "\xc3\xa9yz", 5);
    assert_string_equal(diag_quote(x, buf, sizeof buf),
                        "vvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvv...");
    /* A bigger buffer does not keep more than 44 bytes. */
    char big[200];
    memset(x, 'y', 100);
    x[100] = '\0';
    assert_int_equal(strlen(diag_quote(x, big, sizeof big)), 47);
    assert_string_equal(diag_quote("abcdefghijk", small, sizeof small), "abcdef...");
    assert_string_equal(diag_quote("abcdef", small, sizeof small), "abcdef");
    assert_string_equal(diag_quote("abc", small, 3), "");
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_diag_sorts_by_file_line_col_stably, new_diag,
                                        free_diag),
        cmocka_unit_test_setup_teardown(test_diag_leaves_out_unknown_positions, new_diag,
                                        free_diag),
        cmocka_unit_test_setup_teardown(test_diag_formats_message_and_hint, new_diag, free_diag),
        cmocka_unit_test_setup_teardown(test_diag_colours_location_and_error, new_diag, free_diag),
        cmocka_unit_test_setup_teardown(test_diag_caps_at_1000_and_counts_the_rest, new_diag,
                                        free_diag),
        cmocka_unit_test_setup_teardown(test_diag_empty_prints_nothing, new_diag, free_diag),
        cmocka_unit_test_setup_teardown(test_diag_replaces_control_characters, new_diag, free_diag),
        cmocka_unit_test_setup_teardown(test_diag_cuts_very_long_messages, new_diag, free_diag),
        cmocka_unit_test_setup_teardown(test_diag_json_shape, new_diag, free_diag),
        cmocka_unit_test_setup_teardown(test_diag_json_survives_invalid_utf8, new_diag, free_diag),
        cmocka_unit_test(test_diag_suggests_near_misses),
        cmocka_unit_test(test_diag_suggest_ignores_case_and_counts_swaps_once),
        cmocka_unit_test(test_diag_suggest_limit_and_ties),
        cmocka_unit_test(test_diag_suggest_dutch_synonyms),
        cmocka_unit_test(test_diag_quote_short_values),
        cmocka_unit_test(test_diag_quote_cuts_long_values),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
