/*
** test_ydoc.c: unit tests of core/ydoc.c, the strict YAML reader.
**
** Plan: ydoc-1 what a good file becomes (positions in block and flow style, the plain flag, NUL
** bytes, lookups, the limits' accepted side), ydoc-2 every refusal with its exact message and
** position, ydoc-3 encodings (invalid UTF-8 placed at line:column, BOM, line ends, UTF-16),
** ydoc-4 files that cannot be opened. Inputs are written into $SPIL_TEST_TMP; a refusal is
** checked by printing the diagnostics, so each test pins the text a user reads.
*/
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "helpers.h"
#include "ydoc.h"

/* ---- helpers --------------------------------------------------------------------------------- */

/* Writes len bytes of text to $SPIL_TEST_TMP/name and returns the path; the caller frees it. */
static char *write_tmp(const char *name, const char *text, size_t len) {
    char *path = th_tmp_path(NULL, name);
    th_write(path, text, len);
    return path;
}

/* A document read from the file at path, which must be accepted. */
typedef struct read_ok {
    diag *d;
    ydoc *doc;
} read_ok;

static read_ok accept_file(char *path) {
    read_ok r = {diag_new(), NULL};
    r.doc = ydoc_read(path, r.d);
    if (!r.doc) {
        char *text = th_printed(r.d, 0, 0);
        fail_msg("%s was refused:\n%s", path, text);
    }
    assert_int_equal(diag_count(r.d), 0);
    assert_string_equal(r.doc->file, path);
    free(path);
    return r;
}

static read_ok accept(const char *name, const char *text, size_t len) {
    return accept_file(write_tmp(name, text, len));
}

static void done(read_ok r) {
    ydoc_free(r.doc);
    diag_free(r.d);
}

/*
** Checks that the file at path is refused with exactly the diagnostics expected, each line given
** without the path: "3:1: error: ..." becomes "<path>:3:1: error: ...", and a line starting with
** a space (a diagnostic without position) becomes "<path>: error: ...".
*/
static void refuse_file(char *path, const char *expected) {
    diag *d = diag_new();
    ydoc *doc = ydoc_read(path, d);
    /* Duplicate keys alone are not fatal: the tree comes back, the first value kept. */
    if (strstr(expected, "duplicate key") && !strstr(expected, "nesting"))
        assert_non_null(doc);
    else
        assert_null(doc);
    ydoc_free(doc);
    char *text = th_printed(d, 0, 0);
    /* Put the path in front of each expected line. */
    size_t plen = strlen(path), lines = 0;
    for (const char *p = expected; *p; p++)
        lines += *p == '\n';
    char *want = malloc(strlen(expected) + (lines + 1) * (plen + 1) + 1), *w = want;
    assert_non_null(want);
    for (const char *p = expected; *p;) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) + 1 : strlen(p);
        memcpy(w, path, plen);
        w += plen;
        *w++ = ':';
        memcpy(w, p, n);
        w += n;
        p += n;
    }
    *w = '\0';
    assert_string_equal(text, want);
    free(want);
    free(text);
    free(path);
    diag_free(d);
}

static void refuse(const char *name, const char *text, size_t len, const char *expected) {
    refuse_file(write_tmp(name, text, len), expected);
}

#define ACCEPT(name, literal)         accept(name, literal, sizeof(literal) - 1)
#define REFUSE(name, literal, expect) refuse(name, literal, sizeof(literal) - 1, expect)

static void assert_scalar(const ynode *n, const char *value, int line, int col, int plain) {
    assert_non_null(n);
    assert_int_equal(n->kind, YN_SCALAR);
    assert_int_equal(n->len, strlen(value));
    assert_string_equal(n->str, value);
    assert_int_equal(n->line, line);
    assert_int_equal(n->col, col);
    assert_int_equal(n->plain, plain);
}

static void assert_node(const ynode *n, ynode_kind kind, size_t items, int line, int col) {
    assert_non_null(n);
    assert_int_equal(n->kind, kind);
    assert_int_equal(n->n, items);
    assert_int_equal(n->line, line);
    assert_int_equal(n->col, col);
}

/* One node of a tree as a test expects it, in document order (a collection before its items):
** a scalar's value and plain flag, or a collection's kind and number of items; its position. */
typedef struct want {
    ynode_kind kind;
    const char *value; /* scalars */
    size_t items;      /* collections */
    int line, col, plain;
} want;

/* Asserts n and everything below it against w[0], w[1], ... (at most up to end); returns how
** many entries of w that took. */
static size_t assert_tree(const ynode *n, const want *w, const want *end) {
    assert_true(w < end);
    if (w->kind == YN_SCALAR) {
        assert_scalar(n, w->value, w->line, w->col, w->plain);
        return 1;
    }
    assert_node(n, w->kind, w->items, w->line, w->col);
    size_t used = 1;
    for (size_t i = 0; i < n->n; i++)
        used += assert_tree(n->items[i], w + used, end);
    return used;
}

/* Asserts the whole tree of the accepted r against the n entries of w, and is done with r. */
static void accept_tree(read_ok r, const want *w, size_t n) {
    assert_int_equal(assert_tree(r.doc->root, w, w + n), n);
    done(r);
}

/* A file of n opening brackets (and, if closed, n closing ones). */
static char *brackets(const char *name, size_t n, int closed) {
    char *text = malloc(2 * n + 1);
    assert_non_null(text);
    memset(text, '[', n);
    memset(text + n, closed ? ']' : '\n', closed ? n : 1);
    char *path = write_tmp(name, text, closed ? 2 * n : n + 1);
    free(text);
    return path;
}

/* A block list of n items "- 0", one per line. */
static char *long_list(const char *name, size_t n) {
    char *text = malloc(4 * n);
    assert_non_null(text);
    for (size_t i = 0; i < n; i++)
        memcpy(text + 4 * i, "- 0\n", 4);
    char *path = write_tmp(name, text, 4 * n);
    free(text);
    return path;
}

/* ---- ydoc-1: what a good file becomes -------------------------------------------------------- */

/* ydoc-1.1: block style; every node knows its 1-based line and column. */
static void test_ydoc_positions_block_style(void **state) {
    (void)state;
    static const want tree[] = {
        {YN_MAP, NULL, 4, 1, 1, 0}, /* the document */
        {YN_SCALAR, "spil", 0, 1, 1, 1},
        {YN_SCALAR, "1", 0, 1, 7, 1},
        {YN_SCALAR, "region", 0, 2, 1, 1},
        {YN_MAP, NULL, 4, 3, 3, 0}, /* region */
        {YN_SCALAR, "id", 0, 3, 3, 1},
        {YN_SCALAR, "zhz", 0, 3, 7, 1},
        {YN_SCALAR, "municipalities", 0, 4, 3, 1},
        {YN_SEQ, NULL, 2, 5, 5, 0}, /* municipalities */
        {YN_SCALAR, "GM0505", 0, 5, 7, 1},
        {YN_SCALAR, "GM0590", 0, 6, 7, 1},
    };
    accept_tree(ACCEPT("block.yaml", "spil: 1\n"
                                     "region:\n"
                                     "  id: zhz\n"
                                     "  municipalities:\n"
                                     "    - GM0505\n"
                                     "    - GM0590\n"),
                tree, sizeof tree / sizeof *tree);
}

/* ydoc-1.2: flow style, nested, on one line. */
static void test_ydoc_positions_flow_style(void **state) {
    (void)state;
    /* clang-format off */
    static const want tree[] = {
        {YN_SEQ, NULL, 2, 1, 1, 0}, /* the document */
        {YN_SCALAR, "x", 0, 1, 3, 1},
        {YN_MAP, NULL, 4, 2, 3, 0}, /* {a: ..., b: ...} */
        {YN_SCALAR, "a", 0, 2, 4, 1},
        {YN_SEQ, NULL, 2, 2, 7, 0}, /* [1, "two"] */
        {YN_SCALAR, "1", 0, 2, 8, 1},
        {YN_SCALAR, "two", 0, 2, 11, 0},
        {YN_SCALAR, "b", 0, 2, 19, 1},
        {YN_MAP, NULL, 2, 2, 22, 0}, /* {c: d} */
        {YN_SCALAR, "c", 0, 2, 23, 1},
        {YN_SCALAR, "d", 0, 2, 26, 1},
    };
    /* clang-format on */
    accept_tree(ACCEPT("flow.yaml", "- x\n- {a: [1, \"two\"], b: {c: d}}\n"), tree,
                sizeof tree / sizeof *tree);
}

/* ydoc-1.3: only plain scalars are plain, so `null` and "null" can be told apart. */
static void test_ydoc_plain_flag_by_style(void **state) {
    (void)state;
    read_ok r = ACCEPT("styles.yaml", "plain: null\n"
                                      "double: \"null\"\n"
                                      "single: 'no'\n"
                                      "literal: |\n"
                                      "  two\n"
                                      "  lines\n"
                                      "folded: >\n"
                                      "  one\n"
                                      "  line\n"
                                      "empty:\n");
    const ynode *root = r.doc->root;
    assert_scalar(ydoc_get(root, "plain"), "null", 1, 8, 1);
    assert_scalar(ydoc_get(root, "double"), "null", 2, 9, 0);
    assert_scalar(ydoc_get(root, "single"), "no", 3, 9, 0);
    assert_scalar(ydoc_get(root, "literal"), "two\nlines\n", 4, 10, 0);
    assert_scalar(ydoc_get(root, "folded"), "one line\n", 7, 9, 0);
    const ynode *empty = ydoc_get(root, "empty");
    assert_int_equal(empty->len, 0);
    assert_int_equal(empty->plain, 1);
    done(r);
}

/* ydoc-1.4: a "\0" escape gives a NUL byte inside the value; len counts past it. */
static void test_ydoc_scalar_keeps_nul_bytes(void **state) {
    (void)state;
    read_ok r = ACCEPT("nul.yaml", "\"k\\0a\": 1\n"
                                   "\"k\\0b\": 2\n"
                                   "k: 3\n"
                                   "v: \"GM0375\\0x\"\n");
    const ynode *root = r.doc->root;
    assert_int_equal(root->n, 8); /* keys differing only after a NUL are not duplicates */
    const ynode *k = root->items[2];
    assert_int_equal(k->len, 3);
    assert_memory_equal(k->str, "k\0b", 4);
    assert_string_equal(ydoc_get(root, "k")->str, "3");
    const ynode *v = ydoc_get(root, "v");
    assert_int_equal(v->len, 8);
    assert_memory_equal(v->str, "GM0375\0x", 9);
    done(r);
}

/* ydoc-1.5: lookups by key and the kind names used in messages. */
static void test_ydoc_get_and_kind_names(void **state) {
    (void)state;
    read_ok r = ACCEPT("get.yaml", "name: Zuid-Holland Zuid\n"
                                   "names: [a]\n"
                                   "nam: {}\n");
    const ynode *root = r.doc->root;
    assert_scalar(ydoc_get(root, "name"), "Zuid-Holland Zuid", 1, 7, 1);
    assert_node(ydoc_get(root, "names"), YN_SEQ, 1, 2, 8);
    assert_node(ydoc_get(root, "nam"), YN_MAP, 0, 3, 6);
    assert_null(ydoc_get(root, "na"));
    assert_null(ydoc_get(root, "Name"));
    assert_null(ydoc_get(ydoc_get(root, "names"), "a")); /* not a mapping */
    assert_null(ydoc_get(ydoc_get(root, "missing"), "a"));
    assert_string_equal(ydoc_kind_name(root), "a mapping");
    assert_string_equal(ydoc_kind_name(ydoc_get(root, "names")), "a list");
    assert_string_equal(ydoc_kind_name(ydoc_get(root, "name")), "a text value");
    done(r);
}

/* ydoc-1.6: a mapping of many keys keeps them all, in order (the hashed duplicate check). */
static void test_ydoc_large_mapping(void **state) {
    (void)state;
    enum { KEYS = 5000 };
    char *text = malloc(KEYS * 24), *p = text;
    assert_non_null(text);
    for (int i = 0; i < KEYS; i++)
        p += sprintf(p, "key%d: %d\n", i, i);
    read_ok r = accept("large.yaml", text, (size_t)(p - text));
    free(text);
    const ynode *root = r.doc->root;
    assert_int_equal(root->n, 2 * KEYS);
    assert_scalar(root->items[2 * 4321], "key4321", 4322, 1, 1);
    assert_scalar(ydoc_get(root, "key4999"), "4999", 5000, 10, 1);
    done(r);
}

/* ydoc-1.7: the limits' accepted side: 64 levels, 65536 bytes, 1000000 values. */
static void test_ydoc_accepts_up_to_the_limits(void **state) {
    (void)state;
    read_ok r = accept_file(brackets("deep64.yaml", YDOC_MAX_DEPTH, 1));
    const ynode *n = r.doc->root;
    for (int depth = 1; depth < YDOC_MAX_DEPTH; depth++) {
        assert_node(n, YN_SEQ, 1, 1, depth);
        n = n->items[0];
    }
    assert_node(n, YN_SEQ, 0, 1, YDOC_MAX_DEPTH);
    done(r);

    char *text = malloc(YDOC_MAX_SCALAR + 4);
    assert_non_null(text);
    memcpy(text, "a: ", 3);
    memset(text + 3, 'x', YDOC_MAX_SCALAR);
    text[YDOC_MAX_SCALAR + 3] = '\n';
    r = accept("long64k.yaml", text, YDOC_MAX_SCALAR + 4);
    free(text);
    assert_int_equal(ydoc_get(r.doc->root, "a")->len, YDOC_MAX_SCALAR);
    done(r);

    r = accept_file(long_list("values1m.yaml", YDOC_MAX_NODES - 1)); /* + the list itself */
    assert_int_equal(r.doc->root->n, YDOC_MAX_NODES - 1);
    assert_scalar(r.doc->root->items[YDOC_MAX_NODES - 2], "0", YDOC_MAX_NODES - 1, 3, 1);
    done(r);
}

/* ---- ydoc-2: refusals ------------------------------------------------------------------------ */

/* ydoc-2.1: anchors and aliases, on scalars and collections. */
static void test_ydoc_refuses_anchors_and_aliases(void **state) {
    (void)state;
    REFUSE("anchor.yaml", "a: &x 1\nb: *x\n",
           "1:4: error: anchors and aliases are not allowed in region files; "
           "write the value out in full\n");
    REFUSE("alias.yaml", "a: 1\nb: *x\n",
           "2:4: error: anchors and aliases are not allowed in region files; "
           "write the value out in full\n");
    REFUSE("anchor-map.yaml", "a: &base\n  b: 1\n",
           "1:4: error: anchors and aliases are not allowed in region files; "
           "write the value out in full\n");
    REFUSE("anchor-seq.yaml", "- &l [1]\n",
           "1:3: error: anchors and aliases are not allowed in region files; "
           "write the value out in full\n");
}

/* ydoc-2.2: explicit tags, standard or local, on scalars and collections. */
static void test_ydoc_refuses_tags(void **state) {
    (void)state;
    REFUSE("tag.yaml", "a: !!str 1\n",
           "1:4: error: tags are not allowed in region files; remove the tag\n");
    REFUSE("tag-local.yaml", "- ok\n- !foo bar\n",
           "2:3: error: tags are not allowed in region files; remove the tag\n");
    REFUSE("tag-map.yaml", "!!map\nb: 1\n",
           "1:1: error: tags are not allowed in region files; remove the tag\n");
    REFUSE("tag-seq.yaml", "a: !!seq [1]\n",
           "1:4: error: tags are not allowed in region files; remove the tag\n");
}

/* ydoc-2.3: 65 levels are refused at the 65th, in flow and block style. */
static void test_ydoc_refuses_deep_nesting(void **state) {
    (void)state;
    refuse_file(brackets("deep65.yaml", YDOC_MAX_DEPTH + 1, 1),
                "1:65: error: nesting deeper than 64 levels; "
                "check the brackets and the indentation\n");
    char text[2 * 65 + 2];
    for (int i = 0; i < 65; i++)
        memcpy(text + 2 * i, "- ", 2);
    memcpy(text + 130, "x\n", 2);
    refuse("deep65-block.yaml", text, sizeof text,
           "1:129: error: nesting deeper than 64 levels; "
           "check the brackets and the indentation\n");
}

/* ydoc-2.4: a million open brackets are refused at the 65th (quickly: libyaml's flow nesting is
   quadratic, so reading on would take minutes). */
static void test_ydoc_refuses_million_deep_file(void **state) {
    (void)state;
    refuse_file(brackets("deep1m.yaml", 1000000, 0), "1:65: error: nesting deeper than 64 levels; "
                                                     "check the brackets and the indentation\n");
}

/* ydoc-2.5: a value over 65536 bytes, at its start. */
static void test_ydoc_refuses_long_value(void **state) {
    (void)state;
    char *text = malloc(8 + YDOC_MAX_SCALAR + 2);
    assert_non_null(text);
    memcpy(text, "a: 1\nb: ", 8);
    memset(text + 8, 'x', YDOC_MAX_SCALAR + 1);
    memcpy(text + 8 + YDOC_MAX_SCALAR + 1, "\n", 1);
    refuse("long.yaml", text, 8 + YDOC_MAX_SCALAR + 2,
           "2:4: error: value longer than 65536 bytes; shorten it\n");
    free(text);
}

/* ydoc-2.5b: a value of 10 MB, plain, quoted or as a block, is refused at its start before
** libyaml has read it all (at YDOC_MAX_RUN characters: memory stays flat in its size). */
static void test_ydoc_refuses_huge_value_early(void **state) {
    (void)state;
    static const char *const starts[] = {"a: 1\nb: ", "a: 1\nb: \"", "a: 1\nb: |\n  "};
    size_t big = 10 * 1024 * 1024;
    for (size_t i = 0; i < 3; i++) {
        size_t n = strlen(starts[i]);
        char *text = malloc(n + big + 1);
        assert_non_null(text);
        memcpy(text, starts[i], n);
        memset(text + n, 'x', big);
        text[n + big] = '\n';
        refuse("huge.yaml", text, n + big + 1,
               "2:4: error: value longer than 65536 bytes; shorten it\n");
        free(text);
    }
    /* A run of comments that long says what it is, at the end of the last value. */
    size_t line = 64, lines = (YDOC_MAX_RUN + 65536) / line; /* input comes in 16 KiB reads */
    char *text = malloc(5 + lines * line + 6);
    assert_non_null(text);
    memcpy(text, "a: 1\n", 5);
    for (size_t i = 0; i < lines; i++) {
        memset(text + 5 + i * line, '#', line - 1);
        text[5 + i * line + line - 1] = '\n';
    }
    memcpy(text + 5 + lines * line, "b: 2\n", 5);
    refuse("comments.yaml", text, 5 + lines * line + 5,
           "1:5: error: more than 1048576 characters of comments and blank lines in a row; "
           "shorten them\n");
    free(text);
}

/* ydoc-2.5c: a file larger than 16 MiB is refused before a byte is parsed, naming its size;
** one that grows past the limit while read (a FIFO) is refused at the limit. */
static void test_ydoc_refuses_huge_file(void **state) {
    (void)state;
    char *path = write_tmp("huge-file.yaml", "a: 1\n", 5);
    assert_int_equal(truncate(path, YDOC_MAX_FILE + 1), 0); /* sparse: no disk used */
    refuse_file(path, " error: the file is 16777217 bytes, more than 16777216 (16 MiB), the limit "
                      "of a region file; check that this is the right file\n");
    path = write_tmp("exact-file.yaml", "a: 1\n", 5);
    assert_int_equal(truncate(path, YDOC_MAX_FILE), 0); /* NUL bytes: refused for them */
    diag *d = diag_new();
    assert_null(ydoc_read(path, d));
    char *text = th_printed(d, 0, 0);
    assert_null(strstr(text, "MiB"));
    free(text);
    diag_free(d);
    free(path);

    path = th_tmp_path(NULL, "growing.yaml");
    unlink(path);
    assert_int_equal(mkfifo(path, 0600), 0);
    pid_t child = fork();
    assert_true(child >= 0);
    if (child == 0) { /* 300 values of 60000 bytes: 18 MB, every value within the limits */
        FILE *f = fopen(path, "wb");
        static char value[60000];
        memset(value, 'x', sizeof value);
        for (int i = 0; f && i < 300; i++)
            if (fputs("- ", f) < 0 || fwrite(value, 1, sizeof value, f) != sizeof value ||
                fputc('\n', f) == EOF)
                break;
        _exit(0);
    }
    refuse_file(strdup(path), " error: larger than 16777216 bytes (16 MiB), the limit of a region "
                              "file; check that this is the right file\n");
    kill(child, SIGKILL);
    waitpid(child, NULL, 0);
    unlink(path);
    free(path);
}

/* ydoc-2.6: the 1000001st value is refused where it stands. */
static void test_ydoc_refuses_too_many_values(void **state) {
    (void)state;
    refuse_file(long_list("values1m1.yaml", YDOC_MAX_NODES),
                "1000000:3: error: more than 1000000 values\n");
}

/* ydoc-2.7: a duplicate key names both lines; reading goes on and finds the next one, and the
** tree is still returned so the loader can report further problems. */
static void test_ydoc_refuses_duplicate_keys(void **state) {
    (void)state;
    REFUSE("dup.yaml",
           "a: 1\n"
           "b:\n"
           "  c: 2\n"
           "  c: [3]\n"
           "a: {x: 4}\n"
           "a: 5\n"
           "\"b\": 6\n",
           "4:3: error: duplicate key 'c' (first at line 3); remove one of them\n"
           "5:1: error: duplicate key 'a' (first at line 1); remove one of them\n"
           "6:1: error: duplicate key 'a' (first at line 1); remove one of them\n"
           "7:1: error: duplicate key 'b' (first at line 2); remove one of them\n");
    REFUSE("dup-flow.yaml", "{k: 1, j: 2, k: 3}\n",
           "1:14: error: duplicate key 'k' (first at line 1); remove one of them\n");
    /* Long keys are cut, and a newline inside one does not break the message's line. */
    REFUSE("dup-long.yaml",
           "\"a\\nb\": 1\n"
           "\"a\\nb\": 2\n"
           "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz: 1\n"
           "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz: 2\n",
           "2:1: error: duplicate key 'a?b' (first at line 1); remove one of them\n"
           "4:1: error: duplicate key 'abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqr...' (first "
           "at line 3); remove one of them\n");
}

/* ydoc-2.8: duplicates in a mapping large enough to be hashed, before and after the hash. */
static void test_ydoc_refuses_duplicate_keys_in_large_mapping(void **state) {
    (void)state;
    char text[4096], *p = text;
    for (int i = 0; i < 100; i++) {
        p += sprintf(p, "k%d: %d\n", i, i);
        if (i == 20) p += sprintf(p, "k3: again\n"); /* line 22, still compared key by key */
    }
    p += sprintf(p, "k5: again\nk99: again\n"); /* lines 102 and 103, found by the hash */
    refuse("dup-large.yaml", text, (size_t)(p - text),
           "22:1: error: duplicate key 'k3' (first at line 4); remove one of them\n"
           "102:1: error: duplicate key 'k5' (first at line 6); remove one of them\n"
           "103:1: error: duplicate key 'k99' (first at line 101); remove one of them\n");
}

/* ydoc-2.9: a list or mapping as a key. */
static void test_ydoc_refuses_collection_keys(void **state) {
    (void)state;
    REFUSE("key-seq.yaml", "a: 1\n? [a]\n: b\n",
           "2:3: error: keys must be plain text; write the key as text, as in 'name: value'\n");
    REFUSE("key-flow.yaml", "{[a]: b}\n",
           "1:2: error: keys must be plain text; write the key as text, as in 'name: value'\n");
    REFUSE("key-map.yaml", "? {a: b}\n: c\n",
           "1:3: error: keys must be plain text; write the key as text, as in 'name: value'\n");
}

/* ydoc-2.10: a second document, explicit or after an explicit end. */
static void test_ydoc_refuses_second_document(void **state) {
    (void)state;
    REFUSE("two.yaml", "a: 1\n---\nb: 2\n",
           "2:1: error: a region file holds one document; move what follows into a file of its "
           "own\n");
    REFUSE("two-explicit.yaml", "--- a\n--- b\n",
           "2:1: error: a region file holds one document; move what follows into a file of its "
           "own\n");
}

/* ydoc-2.11: an empty file, or one of only comments and blank lines. */
static void test_ydoc_refuses_empty_file(void **state) {
    (void)state;
    REFUSE("empty.yaml", "", "1:1: error: the file is empty; start with 'spil: 1'\n");
    REFUSE("comments.yaml", "# region file\n\n   # to do\n",
           "1:1: error: the file is empty; start with 'spil: 1'\n");
}

/* ydoc-2.12: libyaml's other syntax errors, at its position, with its context. */
static void test_ydoc_reports_syntax_errors(void **state) {
    (void)state;
    REFUSE("syntax.yaml", "a: 1\nb: c: d\n",
           "2:5: error: mapping values are not allowed in this context\n");
    REFUSE("syntax-flow.yaml", "a: [1, 2\n",
           "2:1: error: did not find expected ',' or ']' (while parsing a flow sequence at line "
           "1)\n");
    /* A character that cannot start a token, other than a tab, keeps libyaml's words. */
    REFUSE("syntax-at.yaml", "a: 1\n@b: 2\n",
           "2:1: error: found character that cannot start any token (while scanning for the "
           "next token at line 2)\n");
}

/* ydoc-2.13: a tab used to indent, at the tab, wherever libyaml notices it. */
static void test_ydoc_refuses_tab_indentation(void **state) {
    (void)state;
    REFUSE("tab.yaml", "spil: 1\nregion:\n\tid: test\n\tname: Test\n",
           "3:1: error: a tab is used for indentation; indent with spaces\n");
    REFUSE("tab-after-spaces.yaml", "region:\n  \tid: test\n",
           "2:3: error: a tab is used for indentation; indent with spaces\n");
    /* Inside a plain value that goes on on the next line. */
    REFUSE("tab-plain.yaml", "region:\n  id: x\n\tname: y\n",
           "3:1: error: a tab is used for indentation; indent with spaces\n");
    /* Inside a block scalar. */
    REFUSE("tab-block.yaml", "a: |\n\t x\n",
           "2:1: error: a tab is used for indentation; indent with spaces\n");
    /* A tab between a key and its value, or in a flow list, is only a space. */
    read_ok r = ACCEPT("tab-separator.yaml", "a:\tb\nc: [1,\t2]\n");
    assert_scalar(ydoc_get(r.doc->root, "a"), "b", 1, 4, 1);
    done(r);
}

/* ydoc-2.14: a quote left open is reported where it opens, not at the end of the file. */
static void test_ydoc_refuses_unclosed_quotes(void **state) {
    (void)state;
    REFUSE("quote.yaml", "a: 1\nk: \"open\n",
           "2:4: error: quoted value is not closed before the end of the file; add the closing "
           "quote\n");
    REFUSE("quote-single.yaml", "region:\n  name: 'Test\n  id: x\n",
           "2:9: error: quoted value is not closed before the end of the file; add the closing "
           "quote\n");
}

/* ydoc-2.15: text that starts with '*' or '&' and cannot be an alias or an anchor. */
static void test_ydoc_refuses_values_starting_with_star_or_ampersand(void **state) {
    (void)state;
    REFUSE("star.yaml", "region:\n  description: *belangrijk* voor de regio\n",
           "2:16: error: a value cannot start with '*' (YAML reads it as an alias); put the value "
           "in quotes\n");
    REFUSE("star-space.yaml", "a: * punt\n",
           "1:4: error: a value cannot start with '*' (YAML reads it as an alias); put the value "
           "in quotes\n");
    REFUSE("ampersand.yaml", "a: & co\n",
           "1:4: error: a value cannot start with '&' (YAML reads it as an anchor); put the value "
           "in quotes\n");
    /* Quoted, it is text. */
    read_ok r = ACCEPT("star-quoted.yaml", "a: \"*belangrijk* voor\"\n");
    assert_scalar(ydoc_get(r.doc->root, "a"), "*belangrijk* voor", 1, 4, 0);
    done(r);
}

/* ---- ydoc-3: encodings ----------------------------------------------------------------------- */

/* ydoc-3.1: invalid UTF-8 in the middle of line 3, column counted in characters (é is one). */
static void test_ydoc_places_invalid_utf8(void **state) {
    (void)state;
    REFUSE("utf8.yaml", "a: 1\nb: 2\nc: h\xc3\xa9llo \xff x\n",
           "3:10: error: invalid UTF-8 (byte 0xFF); save the file as UTF-8\n");
    /* A sequence cut short is placed at its first byte, and named by it, not by the byte that
       gave it away. */
    REFUSE("utf8-cut.yaml", "a: h\xc3(x\n",
           "1:5: error: invalid UTF-8 (byte 0xC3); save the file as UTF-8\n");
    REFUSE("utf8-cut3.yaml", "a: ab\xe2\x82x\n",
           "1:6: error: invalid UTF-8 (byte 0xE2); save the file as UTF-8\n");
}

/* ydoc-3.2: Latin-1 text: 'ö' is the byte 0xF6, which UTF-8 reads as the start of four bytes. */
static void test_ydoc_places_latin1_text(void **state) {
    (void)state;
    REFUSE("latin1.yaml",
           "spil: 1\npeople:\n"
           "  - {id: rc, name: Rita Co\xf6rdinator}\n",
           "3:27: error: invalid UTF-8 (byte 0xF6); save the file as UTF-8\n");
}

/* ydoc-3.3: every kind of broken sequence libyaml finds says the same, naming its first byte. */
static void test_ydoc_names_first_byte_of_every_broken_sequence(void **state) {
    (void)state;
    /* Cut short by the end of the file. */
    REFUSE("utf8-eof.yaml", "a: h\xc3",
           "1:5: error: invalid UTF-8 (byte 0xC3); save the file as UTF-8\n");
    /* Too long for its value (an overlong NUL). */
    REFUSE("utf8-overlong.yaml", "a: \xc0\x80\n",
           "1:4: error: invalid UTF-8 (byte 0xC0); save the file as UTF-8\n");
    /* A surrogate, and a value past U+10FFFF: not characters UTF-8 may hold. */
    REFUSE("utf8-surrogate.yaml", "a: \xed\xa0\x80\n",
           "1:4: error: invalid UTF-8 (byte 0xED); save the file as UTF-8\n");
    REFUSE("utf8-too-big.yaml", "a: \xf4\x90\x80\x80\n",
           "1:4: error: invalid UTF-8 (byte 0xF4); save the file as UTF-8\n");
}

/* ydoc-3.4: far into the file (past libyaml's and the position scan's buffers). */
static void test_ydoc_places_invalid_utf8_far_in(void **state) {
    (void)state;
    enum { LINES = 10000 };
    char *text = malloc(LINES * 16 + 16), *p = text;
    assert_non_null(text);
    for (int i = 0; i < LINES; i++)
        p += sprintf(p, "- item %d\n", i);
    p += sprintf(p, "- \xe2\x82\xac\x80\n"); /* a continuation byte with no lead */
    refuse("utf8-far.yaml", text, (size_t)(p - text),
           "10001:4: error: invalid UTF-8 (byte 0x80); save the file as UTF-8\n");
    free(text);
}

/* ydoc-3.5: a UTF-8 BOM is legal and takes no column. */
static void test_ydoc_accepts_bom(void **state) {
    (void)state;
    read_ok r = ACCEPT("bom.yaml", "\xef\xbb\xbfspil: 1\nregion: zhz\n");
    assert_scalar(r.doc->root->items[0], "spil", 1, 1, 1);
    assert_scalar(ydoc_get(r.doc->root, "region"), "zhz", 2, 9, 1);
    done(r);
    REFUSE("bom-bad.yaml",
           "\xef\xbb\xbf"
           "ab: \xff\n",
           "1:5: error: invalid UTF-8 (byte 0xFF); save the file as UTF-8\n");
}

/* ydoc-3.6: CRLF counts as one line end, a lone CR as one too. */
static void test_ydoc_places_errors_after_crlf_and_cr(void **state) {
    (void)state;
    REFUSE("crlf.yaml", "a: 1\r\nb: 2\r\nc: \xc3\xa9\xff\r\n",
           "3:5: error: invalid UTF-8 (byte 0xFF); save the file as UTF-8\n");
    REFUSE("cr.yaml", "a: 1\rb: \xff\r",
           "2:4: error: invalid UTF-8 (byte 0xFF); save the file as UTF-8\n");
}

/* ydoc-3.7: control characters keep libyaml's words and name the character. */
static void test_ydoc_refuses_control_characters(void **state) {
    (void)state;
    REFUSE("bell.yaml", "a: ok\nb: \x07\n",
           "2:4: error: control characters are not allowed (U+0007); remove it\n");
}

/* ydoc-3.8: UTF-16 (legal YAML) is refused: region files are UTF-8. */
static void test_ydoc_refuses_utf16(void **state) {
    (void)state;
    REFUSE("utf16.yaml",
           "\xff\xfe"
           "a\0:\0 \0"
           "1\0\n\0",
           " error: region files must be UTF-8, and this one is UTF-16; save it as UTF-8\n");
}

/* ydoc-2.20: a %YAML directive of a version libyaml does not read names the version. */
static void test_ydoc_refuses_yaml_version(void **state) {
    (void)state;
    REFUSE("yaml13.yaml", "%YAML 1.3\n---\na: 1\n",
           "1:1: error: YAML version 1.3 is not supported; remove the %YAML line: spil reads YAML "
           "1.1 and 1.2\n");
    REFUSE("yaml20.yaml", "# first\n%YAML   2.0  # comment\n---\na: 1\n",
           "2:1: error: YAML version 2.0 is not supported; remove the %YAML line: spil reads YAML "
           "1.1 and 1.2\n");
    read_ok r = ACCEPT("yaml12.yaml", "%YAML 1.2\n---\na: 1\n");
    done(r);
}

/* ---- ydoc-4: files that cannot be read ------------------------------------------------------- */

static void test_ydoc_reports_unopenable_files(void **state) {
    (void)state;
    refuse_file(th_tmp_path(NULL, "no-such-file.yaml"),
                " error: cannot open: No such file or directory\n");
    refuse_file(th_tmp_path(NULL, ""), " error: cannot open: Is a directory\n");
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ydoc_positions_block_style),
        cmocka_unit_test(test_ydoc_positions_flow_style),
        cmocka_unit_test(test_ydoc_plain_flag_by_style),
        cmocka_unit_test(test_ydoc_scalar_keeps_nul_bytes),
        cmocka_unit_test(test_ydoc_get_and_kind_names),
        cmocka_unit_test(test_ydoc_large_mapping),
        cmocka_unit_test(test_ydoc_accepts_up_to_the_limits),
        cmocka_unit_test(test_ydoc_refuses_anchors_and_aliases),
        cmocka_unit_test(test_ydoc_refuses_tags),
        cmocka_unit_test(test_ydoc_refuses_deep_nesting),
        cmocka_unit_test(test_ydoc_refuses_million_deep_file),
        cmocka_unit_test(test_ydoc_refuses_long_value),
        cmocka_unit_test(test_ydoc_refuses_huge_value_early),
        cmocka_unit_test(test_ydoc_refuses_huge_file),
        cmocka_unit_test(test_ydoc_refuses_too_many_values),
        cmocka_unit_test(test_ydoc_refuses_duplicate_keys),
        cmocka_unit_test(test_ydoc_refuses_duplicate_keys_in_large_mapping),
        cmocka_unit_test(test_ydoc_refuses_collection_keys),
        cmocka_unit_test(test_ydoc_refuses_second_document),
        cmocka_unit_test(test_ydoc_refuses_empty_file),
        cmocka_unit_test(test_ydoc_reports_syntax_errors),
        cmocka_unit_test(test_ydoc_refuses_tab_indentation),
        cmocka_unit_test(test_ydoc_refuses_unclosed_quotes),
        cmocka_unit_test(test_ydoc_refuses_values_starting_with_star_or_ampersand),
        cmocka_unit_test(test_ydoc_places_invalid_utf8),
        cmocka_unit_test(test_ydoc_places_latin1_text),
        cmocka_unit_test(test_ydoc_names_first_byte_of_every_broken_sequence),
        cmocka_unit_test(test_ydoc_places_invalid_utf8_far_in),
        cmocka_unit_test(test_ydoc_accepts_bom),
        cmocka_unit_test(test_ydoc_places_errors_after_crlf_and_cr),
        cmocka_unit_test(test_ydoc_refuses_control_characters),
        cmocka_unit_test(test_ydoc_refuses_utf16),
        cmocka_unit_test(test_ydoc_refuses_yaml_version),
        cmocka_unit_test(test_ydoc_reports_unopenable_files),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
