/*
** fuzz_ydoc.c: libFuzzer target for core/ydoc.c, the strict YAML reader.
**
** Each input is written to a file (ydoc reads files), read with ydoc_read, and the tree walked
** to check what ydoc.h promises of a tree it returns; every diagnostic is printed (text and
** JSON) into /dev/null, so diag.c's sorting, quoting and JSON run on whatever ydoc reported.
** A broken promise is an abort() with a message: a crash, a sanitizer report, a leak or an
** abort is a bug. Promises checked (ydoc.h, ydoc.c):
**   - a returned document has a root;
**   - nesting depth <= YDOC_MAX_DEPTH, at most YDOC_MAX_NODES nodes, scalars <= YDOC_MAX_SCALAR;
**   - a scalar's str is NUL-terminated at len; a collection's items are non-NULL;
**   - a mapping has an even number of items, its keys are scalars, and no two keys are equal
**     (a duplicate is reported and dropped, so the tree keeps unique keys);
**   - line and column are >= 1;
**   - ydoc_get finds each key's own value (the first, being unique).
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "ydoc.h"
#include "fuzz_util.h"

static char path[4200];
static FILE *devnull;

#define CHECK(cond, ...)                                                                           \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "fuzz_ydoc: broken promise: " __VA_ARGS__);                            \
            fputc('\n', stderr);                                                                   \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc;
    (void)argv;
    snprintf(path, sizeof path, "%s/region.yaml", fuzz_tmpdir());
    devnull = fopen("/dev/null", "w");
    if (!devnull) abort();
    return 0;
}

static size_t nodes;

static void walk(const ynode *n, int depth) {
    CHECK(n, "NULL node at depth %d", depth);
    CHECK(depth <= YDOC_MAX_DEPTH, "depth %d", depth);
    CHECK(n->line >= 1 && n->col >= 1, "position %d:%d", n->line, n->col);
    CHECK(++nodes <= YDOC_MAX_NODES, "more than %d nodes", YDOC_MAX_NODES);
    (void)ydoc_kind_name(n);
    switch (n->kind) {
    case YN_SCALAR:
        CHECK(n->str, "scalar without str at %d:%d", n->line, n->col);
        CHECK(n->len <= YDOC_MAX_SCALAR, "scalar of %zu bytes", n->len);
        CHECK(n->str[n->len] == '\0', "scalar not NUL-terminated at %d:%d", n->line, n->col);
        CHECK(n->n == 0, "scalar with items");
        return;
    case YN_SEQ:
    case YN_MAP:
        CHECK(n->n == 0 || n->items, "collection without items");
        if (n->kind == YN_MAP) {
            CHECK(n->n % 2 == 0, "mapping of %zu items at %d:%d", n->n, n->line, n->col);
            for (size_t i = 0; i < n->n; i += 2) {
                const ynode *k = n->items[i];
                CHECK(k && k->kind == YN_SCALAR, "key is not a scalar at %d:%d", n->line, n->col);
                /* Quadratic on purpose only for small maps; big ones are checked by ydoc_get. */
                for (size_t j = 0; n->n <= 256 && j < i; j += 2) {
                    const ynode *o = n->items[j];
                    CHECK(o->len != k->len || memcmp(o->str, k->str, k->len) != 0,
                          "duplicate key kept at %d:%d and %d:%d", o->line, o->col, k->line,
                          k->col);
                }
                /* ydoc_get takes a C string: only keys without a NUL can be looked up. */
                if (strlen(k->str) == k->len && i < 64)
                    CHECK(ydoc_get(n, k->str) == n->items[i + 1], "ydoc_get misses key at %d:%d",
                          k->line, k->col);
            }
        }
        for (size_t i = 0; i < n->n; i++)
            walk(n->items[i], depth + 1);
        return;
    }
    CHECK(0, "node of unknown kind %d", (int)n->kind);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    fuzz_write(path, data, size);
    diag *d = diag_new();
    if (!d) return 0;
    ydoc *doc = ydoc_read(path, d);
    if (doc) {
        CHECK(doc->root, "document without a root");
        CHECK(doc->file && strcmp(doc->file, path) == 0, "document file is not the path");
        nodes = 0;
        walk(doc->root, 0);
        (void)ydoc_get(doc->root, "spil");
        (void)ydoc_get(doc->root, "region");
    } else {
        CHECK(diag_count(d) > 0, "reading failed without a diagnostic");
    }
    diag_print(d, devnull, 0);
    diag_print(d, devnull, 1);
    diag_print_json(d, devnull);
    ydoc_free(doc);
    diag_free(d);
    return 0;
}
