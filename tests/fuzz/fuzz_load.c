/*
** fuzz_load.c: libFuzzer target for core/load.c (with ydoc.c under it) and the export round trip.
**
** Each input is written as region.yaml into a region folder that also holds a few small scripts
** (rules.lua, main.lua, subregio.lua, themas.lua, lib/util.lua), so inputs naming them can be
** accepted; load_read validates it. Every diagnostic is printed (text and JSON) to /dev/null.
** When the loader accepts the input (rows r1), the round trip must hold, as export.h promises
** ("a canonical form that loads into a fresh database to the same state") and as `spil load`,
** `spil export`, `spil load` does it:
**   1. export_region(r1) is written as region.yaml into a second folder with the same scripts
**      and load_read must accept it, giving exactly r1's rows (r2, compared with diff_compute);
**      exporting r2 must give the same bytes (the export is canonical);
**   2. through the store, as spil load and spil export do: in a transaction on a private
**      in-memory database, diff_apply(r1) must succeed, rdata_from_store must give r1's rows
**      back (r3), and export_region(r3) must be byte for byte the export of r1; rolled back.
** The same input is also read as a change file (load_change) over the region zuid-holland-zuid
** (read once from $SPIL_ROOT, else the SPIL_SOURCE_DIR compiled in): it must give a region
** exactly when it adds no diagnostic, and that region must export.
** Any failure is an abort() naming the step, with the diagnostics and the export on stderr.
** With $SPIL_FUZZ_VERBOSE set, each input's diagnostics (or "accepted <region>") go to stderr.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "diff.h"
#include "export.h"
#include "load.h"
#include "model.h"
#include "rdata.h"
#include "store.h"
#include "fuzz_util.h"

#ifndef SPIL_SOURCE_DIR
#define SPIL_SOURCE_DIR "."
#endif

static char dir_a[4200], dir_b[4200], file_a[4300], file_b[4300];
static FILE *devnull;
static store *st;
static rdata *base; /* zuid-holland-zuid, what change files are laid over */
static int verbose; /* $SPIL_FUZZ_VERBOSE: print each input's diagnostics, or "accepted" */

static const char *const scripts[] = {"rules.lua", "main.lua", "subregio.lua", "themas.lua",
                                      "lib/util.lua"};

static void add_scripts(const char *dir) {
    char path[4400];
    snprintf(path, sizeof path, "%s/lib", dir);
    if (mkdir(path, 0700) != 0) abort();
    for (size_t i = 0; i < sizeof scripts / sizeof *scripts; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, scripts[i]);
        const char *src = "local M = {}\nreturn M\n";
        fuzz_write(path, src, strlen(src));
    }
}

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc;
    (void)argv;
    verbose = getenv("SPIL_FUZZ_VERBOSE") != NULL;
    fuzz_mkdir(dir_a, sizeof dir_a, "a");
    fuzz_mkdir(dir_b, sizeof dir_b, "b");
    add_scripts(dir_a);
    add_scripts(dir_b);
    snprintf(file_a, sizeof file_a, "%s/region.yaml", dir_a);
    snprintf(file_b, sizeof file_b, "%s/region.yaml", dir_b);
    devnull = fopen("/dev/null", "w");
    char *err = NULL;
    st = store_open(":memory:", STORE_CREATE, &err);
    if (!devnull || !st) {
        fprintf(stderr, "fuzz_load: cannot open the store: %s\n", err ? err : "?");
        abort();
    }
    const char *root = getenv("SPIL_ROOT");
    char zhz[4200];
    snprintf(zhz, sizeof zhz, "%s/regions/zuid-holland-zuid",
             root && *root ? root : SPIL_SOURCE_DIR);
    diag *d = diag_new();
    if (!(base = load_read(zhz, d))) {
        diag_print(d, stderr, 0);
        fprintf(stderr, "fuzz_load: cannot read %s (set SPIL_ROOT to the repository)\n", zhz);
        abort();
    }
    diag_free(d);
    return 0;
}

/* The export of r as a malloc'd NUL-terminated text (*len bytes); abort if it cannot be made. */
static char *export_text(const rdata *r, size_t *len) {
    char *buf = NULL;
    FILE *f = open_memstream(&buf, len);
    if (!f) abort();
    int bad = export_region(r, f);
    if (fclose(f) != 0 || bad) {
        fprintf(stderr, "fuzz_load: export_region failed on an accepted region\n");
        abort();
    }
    return buf;
}

static void fail(const char *step, diag *d, const char *exported, const changes *c) {
    fprintf(stderr, "\nfuzz_load: ROUND TRIP BROKEN: %s\n", step);
    if (d) diag_print(d, stderr, 0);
    if (c) diff_print(c, stderr, 0);
    if (exported) fprintf(stderr, "---- the export ----\n%s---- end ----\n", exported);
    abort();
}

/* a and b must hold the same rows with the same values; else fail at step. */
static void same_rows(const char *step, const rdata *a, const rdata *b, const char *exported) {
    changes c;
    if (diff_compute(a, b, &c)) abort(); /* out of memory */
    if (c.n) fail(step, NULL, exported, &c);
    diff_free(&c);
}

/* r must export to the same len1 bytes as e1; else fail at step, showing r's export as what. */
static void same_export(const char *step, const char *what, const rdata *r, const char *e1,
                        size_t len1) {
    size_t len;
    char *e = export_text(r, &len);
    if (len != len1 || memcmp(e1, e, len) != 0) {
        fprintf(stderr, "---- %s ----\n%s", what, e);
        fail(step, NULL, e1, NULL);
    }
    free(e);
}

/* A reader gives rows or diagnostics: never both, never neither (it gave `what` if rows). */
static void rows_or_diagnostics(const char *reader, const char *what, const rdata *r, diag *d) {
    if (!r && !diag_count(d)) {
        fprintf(stderr, "fuzz_load: %s refused without a diagnostic\n", reader);
        abort();
    }
    if (r && diag_count(d)) {
        diag_print(d, stderr, 0);
        fprintf(stderr, "fuzz_load: %s gave %s and diagnostics\n", reader, what);
        abort();
    }
}

static void round_trip(const rdata *r1) {
    size_t len1;
    char *e1 = export_text(r1, &len1);

    /* 1. The export loads again, to the same rows, and exports to the same bytes. */
    fuzz_write(file_b, e1, len1);
    diag *d = diag_new();
    rdata *r2 = load_read(dir_b, d);
    if (!r2) fail("the export of an accepted region does not load", d, e1, NULL);
    same_rows("the export loads to different rows", r1, r2, e1);
    same_export("exporting the reloaded export gives other bytes", "export of the reloaded export",
                r2, e1, len1);
    rdata_free(r2);
    diag_free(d);

    /* 2. Through the store, as spil load then spil export. */
    const char *region = rdata_region(r1);
    if (!region) fail("an accepted region has no id", NULL, e1, NULL);
    if (store_begin(st)) {
        fprintf(stderr, "fuzz_load: store_begin: %s\n", store_errmsg(st));
        abort();
    }
    rdata *old = rdata_from_store(st, region);
    changes c;
    if (!old || diff_compute(old, r1, &c)) abort();
    if (diff_apply(st, region, &c, "fuzz", "2024-01-01T00:00:00Z", "load", NULL)) {
        fprintf(stderr, "fuzz_load: storage error: %s\n", store_errmsg(st));
        fail("the store refuses a region the loader accepted", NULL, e1, NULL);
    }
    rdata *r3 = rdata_from_store(st, region);
    if (!r3) {
        fprintf(stderr, "fuzz_load: storage error: %s\n", store_errmsg(st));
        fail("the stored region cannot be read back", NULL, e1, NULL);
    }
    if (store_rollback(st)) {
        fprintf(stderr, "fuzz_load: store_rollback: %s\n", store_errmsg(st));
        abort();
    }
    same_rows("the store gives back different rows", r1, r3, e1);
    same_export("the export from the store differs from the export of the file",
                "export from the store", r3, e1, len1);
    rdata_free(r3);
    diff_free(&c);
    rdata_free(old);
    free(e1);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    fuzz_write(file_a, data, size);
    diag *d = diag_new();
    if (!d) return 0;
    rdata *r = load_read(dir_a, d);
    rows_or_diagnostics("load_read", "rows", r, d);
    diag_print(d, verbose ? stderr : devnull, 0);
    diag_print_json(d, devnull);
    if (r) round_trip(r);
    if (r && verbose) fprintf(stderr, "fuzz_load: accepted %s\n", rdata_region(r));
    rdata_free(r);
    diag_free(d);

    /* The same bytes as a change file over zuid-holland-zuid. */
    d = diag_new();
    if (!d) return 0;
    rdata *m = load_change(file_a, base, d);
    rows_or_diagnostics("load_change", "a region", m, d);
    if (verbose) fprintf(stderr, "fuzz_load: as a change file:\n");
    diag_print(d, verbose ? stderr : devnull, 0);
    if (m) {
        if (!rdata_region(m)) {
            fprintf(stderr, "fuzz_load: load_change gave a region without an id\n");
            abort();
        }
        if (export_region(m, devnull)) {
            fprintf(stderr, "fuzz_load: export_region failed on a changed region\n");
            abort();
        }
        if (verbose) fprintf(stderr, "fuzz_load: change accepted\n");
    }
    rdata_free(m);
    diag_free(d);
    return 0;
}
