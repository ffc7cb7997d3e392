/*
** test_out.c: unit tests of out_text (core/out.c), the one escaping of user text for terminals.
**
** Plan: out-1 printable text (ASCII, Dutch and other scripts, emoji) passes through unchanged;
** out-2 C0 controls and DEL are shown by name or as \xNN; out-3 C1, bidi and invisible
** characters are shown as <U+XXXX>; out-4 bytes that are not UTF-8 are shown as \xNN; out-5
** OUT_LINES lets newline and tab through; out-6 the count returned pads columns (out_col).
** Output is captured with open_memstream and compared in full.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "out.h"

/* What out_text writes for len bytes of s; *n gets its return value. The caller frees it. */
static char *shown(const char *s, size_t len, int flags, int *n) {
    char *text = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&text, &size);
    assert_non_null(f);
    *n = out_text(f, s, len, flags);
    fclose(f);
    return text;
}

static void assert_shown(const char *s, size_t len, int flags, const char *expected) {
    int n;
    char *text = shown(s, len, flags, &n);
    assert_string_equal(text, expected);
    free(text);
}

#define SHOWN(s, expected) assert_shown(s, sizeof s - 1, 0, expected)

static void test_printable_passes(void **state) {
    (void)state;
    SHOWN("Gemeente 's-Hertogenbosch", "Gemeente 's-Hertogenbosch");
    SHOWN("Fryslân, Súdwest-Fryslân", "Fryslân, Súdwest-Fryslân");
    SHOWN("Ελλάδα 日本 \xF0\x9F\x98\x80 a\\eb", "Ελλάδα 日本 \xF0\x9F\x98\x80 a\\eb");
    SHOWN("", "");
    int n;
    char *text = shown("Fryslân 日本", strlen("Fryslân 日本"), 0, &n);
    assert_int_equal(n, 10); /* characters, not bytes */
    free(text);
}

static void test_c0_controls_shown(void **state) {
    (void)state;
    SHOWN("\033]0;pwned\007", "\\e]0;pwned\\a");
    SHOWN("a\rb\nc\td\be\vf\fg", "a\\rb\\nc\\td\\be\\vf\\fg");
    SHOWN("\033[2J\033[H", "\\e[2J\\e[H");
    SHOWN("x\x01y\x1f\x7fz", "x\\x01y\\x1f\\x7fz");
    SHOWN("a\0b", "a\\x00b");
}

static void test_c1_bidi_invisible_shown(void **state) {
    (void)state;
    SHOWN("abc\xE2\x80\xAE"
          "fed",
          "abc<U+202E>fed");
    SHOWN("\xC2\x9B"
          "2J",
          "<U+009B>2J"); /* CSI as one C1 character */
    SHOWN("\xC2\x85", "<U+0085>");
    SHOWN("\xE2\x80\xAA\xE2\x80\xAB\xE2\x80\xAC\xE2\x80\xAD", "<U+202A><U+202B><U+202C><U+202D>");
    SHOWN("\xE2\x81\xA6\xE2\x81\xA7\xE2\x81\xA8\xE2\x81\xA9", "<U+2066><U+2067><U+2068><U+2069>");
    SHOWN("\xE2\x80\x8E\xE2\x80\x8F", "<U+200E><U+200F>");
    SHOWN("a\xE2\x80\x8B"
          "b\xE2\x80\x8C"
          "c\xE2\x80\x8D"
          "d",
          "a<U+200B>b<U+200C>c<U+200D>d");
    SHOWN("\xEF\xBB\xBFname", "<U+FEFF>name");
    SHOWN("a\xE2\x80\xA8"
          "b",
          "a<U+2028>b");
    SHOWN("\xF3\xA0\x80\x81", "<U+E0001>"); /* a tag character */
}

static void test_invalid_utf8_shown(void **state) {
    (void)state;
    SHOWN("caf\xE9", "caf\\xe9");                      /* Latin-1 */
    SHOWN("\xC0\xAF", "\\xc0\\xaf");                   /* overlong '/' */
    SHOWN("\xED\xA0\x80", "\\xed\\xa0\\x80");          /* a surrogate */
    SHOWN("\xF4\x90\x80\x80", "\\xf4\\x90\\x80\\x80"); /* past U+10FFFF */
    SHOWN("\xE2\x80", "\\xe2\\x80");                   /* cut short */
    SHOWN("\x80"
          "abc",
          "\\x80abc"); /* a stray continuation byte */
}

static void test_lines_flag(void **state) {
    (void)state;
    const char s[] = "{\n  a\tb\r\033\n}";
    assert_shown(s, sizeof s - 1, OUT_LINES, "{\n  a\tb\\r\\e\n}");
    assert_shown(s, sizeof s - 1, 0, "{\\n  a\\tb\\r\\e\\n}");
}

static void test_count_pads_columns(void **state) {
    (void)state;
    int n;
    char *text = shown("a\033b", 3, 0, &n);
    assert_int_equal(n, 4); /* a, \e (two), b */
    free(text);
    char *buf = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&buf, &size);
    assert_int_equal(out_col(f,
                             "\xE2\x80\xAE"
                             "ab",
                             11),
                     11);
    assert_int_equal(out_col(f, "longer than six", 6), 15);
    assert_int_equal(out_str(f, NULL), 0);
    fclose(f);
    assert_string_equal(buf, "<U+202E>ab longer than six");
    free(buf);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_printable_passes),
        cmocka_unit_test(test_c0_controls_shown),
        cmocka_unit_test(test_c1_bidi_invisible_shown),
        cmocka_unit_test(test_invalid_utf8_shown),
        cmocka_unit_test(test_lines_flag),
        cmocka_unit_test(test_count_pads_columns),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
