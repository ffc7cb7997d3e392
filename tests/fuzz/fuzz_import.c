/*
** fuzz_import.c: libFuzzer target for spil import measurements (core/import.c, with the
** per-row writes of core/measure.c under it).
**
** Once per process (and again after every input that changed the store, so that each input
** starts from the same state): a private in-memory store (store_open ":memory:") with the
** region zuid-holland-zuid loaded into it, as `spil load` does it (load_read, rdata_from_store,
** diff_compute, diff_apply, commit), and tests/bad-import/baseline.csv imported, so that rows
** exist and the unchanged, changed and duplicate paths are reached. The repository is found at
** $SPIL_ROOT, else at the SPIL_SOURCE_DIR the target was compiled with.
** Per input: the bytes are written as measurements.csv in a private folder and imported, first
** with dry_run, then for real; every diagnostic is printed (text and JSON) to /dev/null. What
** the store holds is summed up by a cheap query (the measurements' count and column totals,
** the events' count and highest id) before and after each import. What must hold, as import.h
** promises:
**   1. the result is 0 or 1: -1 (a storage or reading error) never comes from a file's
**      content on a sound in-memory database, so it is a failure too;
**   2. 1: at least one diagnostic, and the store is exactly as it was (no measurement, no
**      event);
**   3. 0: no diagnostic, rows == added + changed + unchanged, the measurements grew by exactly
**      `added`, and one event was logged (with the id the result gives) when rows were added or
**      changed, none (and event 0) otherwise;
**   4. the dry run gives the same result, counts, problems and number of diagnostics as the
**      real import, and changes nothing (event 0 when accepted);
**   5. an import that changed the store, run again on the same file, gives 0 with nothing
**      added or changed, every row unchanged, and no event: the store stays as it was.
** Any failure is an abort() naming the invariant, with the diagnostics and the store's sums on
** stderr. With $SPIL_FUZZ_VERBOSE set, each input's outcome goes to stderr.
*/
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "diff.h"
#include "import.h"
#include "load.h"
#include "rdata.h"
#include "store.h"
#include "fuzz_util.h"

#ifndef SPIL_SOURCE_DIR
#define SPIL_SOURCE_DIR "."
#endif

#define REGION "zuid-holland-zuid"
#define AT     "2024-01-01T00:00:00Z"

static char csv[4300], baseline[4200];
static FILE *devnull;
static store *st;
static rdata *region; /* zuid-holland-zuid as read from the repository, loaded into each store */
static int verbose;   /* $SPIL_FUZZ_VERBOSE: print each input's outcome (to check the seeds) */

/* What the store holds, summed up: compared as text, and the counts parsed from it. */
typedef struct state {
    char sums[1024];
    int64_t measurements, events, last_event;
} state;

static void die(const char *what, const char *why) {
    fprintf(stderr, "fuzz_import: %s: %s\n", what, why ? why : "?");
    abort();
}

static int take_state(void *ctx, int header, const char *const *vals, int n) {
    state *s = ctx;
    if (header) return 0;
    size_t len = 0;
    for (int i = 0; i < n && len < sizeof s->sums; i++)
        len += (size_t)snprintf(s->sums + len, sizeof s->sums - len, "%s%s", i ? " " : "",
                                vals[i] ? vals[i] : "NULL");
    s->measurements = vals[0] ? strtoll(vals[0], NULL, 10) : -1;
    s->events = vals[n - 2] ? strtoll(vals[n - 2], NULL, 10) : -1;
    s->last_event = vals[n - 1] ? strtoll(vals[n - 1], NULL, 10) : -1;
    return 0;
}

static void read_state(state *s) {
    memset(s, 0, sizeof *s);
    if (store_sql_readonly(st,
                           "SELECT count(*), total(value), total(numerator), total(denominator), "
                           "total(length(source)), total(loaded_by), total(indicator), "
                           "total(length(area) + length(period)), "
                           "(SELECT count(*) FROM event), (SELECT coalesce(max(id), 0) FROM event) "
                           "FROM measurement",
                           take_state, s) ||
        !s->sums[0])
        die("reading the store's sums", store_errmsg(st));
}

/* A fresh store: the region loaded, the baseline imported. */
static void open_store(void) {
    char *err = NULL;
    store_close(st);
    if (!(st = store_open(":memory:", STORE_CREATE, &err))) die("store_open", err);
    changes c;
    rdata *old = NULL;
    if (store_begin(st) || !(old = rdata_from_store(st, REGION)) || diff_compute(old, region, &c) ||
        diff_apply(st, REGION, &c, "fuzz", AT, "load", NULL) || store_commit(st))
        die("loading " REGION, store_errmsg(st));
    diff_free(&c);
    rdata_free(old);
    diag *d = diag_new();
    import_result res;
    import_opts io = {.actor = "fuzz", .at = AT};
    if (!d) abort();
    if (import_measurements(st, baseline, &io, d, &res) != 0 || res.added == 0) {
        diag_print(d, stderr, 0);
        die("importing the baseline", baseline);
    }
    diag_free(d);
}

static void at_exit(void) {
    store_close(st);
    rdata_free(region);
    if (devnull) fclose(devnull);
}

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc;
    (void)argv;
    verbose = getenv("SPIL_FUZZ_VERBOSE") != NULL;
    const char *root = getenv("SPIL_ROOT");
    if (!root || !*root) root = SPIL_SOURCE_DIR;
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/regions/" REGION, root);
    snprintf(baseline, sizeof baseline, "%s/tests/bad-import/baseline.csv", root);
    snprintf(csv, sizeof csv, "%s/measurements.csv", fuzz_tmpdir());
    if (!(devnull = fopen("/dev/null", "w"))) die("fopen", "/dev/null");
    diag *d = diag_new();
    if (!(region = load_read(dir, d))) {
        diag_print(d, stderr, 0);
        die("load_read (set SPIL_ROOT to the repository)", dir);
    }
    diag_free(d);
    open_store();
    atexit(at_exit);
    return 0;
}

static void fail(const char *invariant, diag *d, const state *before, const state *after) {
    fprintf(stderr, "\nfuzz_import: INVARIANT BROKEN: %s\n", invariant);
    if (d) diag_print(d, stderr, 0);
    if (before) fprintf(stderr, "store before: %s\n", before->sums);
    if (after) fprintf(stderr, "store after:  %s\n", after->sums);
    abort();
}

/* Import the input file; diagnostics printed to /dev/null (or stderr when verbose). */
static int import(int dry_run, diag *d, import_result *res) {
    import_opts io = {.dry_run = dry_run, .actor = "fuzz", .at = AT};
    int rc = import_measurements(st, csv, &io, d, res);
    if (rc != 0 && rc != 1 && rc != -1) fail("a result other than 0, 1 or -1", d, NULL, NULL);
    if (rc < 0) {
        fprintf(stderr, "fuzz_import: storage error: %s\n", store_errmsg(st));
        fail(dry_run ? "the dry run failed with a storage or reading error (-1)"
                     : "the import failed with a storage or reading error (-1)",
             d, NULL, NULL);
    }
    diag_print(d, devnull, 0);
    diag_print_json(d, devnull);
    return rc;
}

static int same_counts(const import_result *a, const import_result *b) {
    return a->rows == b->rows && a->added == b->added && a->changed == b->changed &&
           a->unchanged == b->unchanged && a->problems == b->problems;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    fuzz_write(csv, data, size);
    state s0, s1, s2;
    read_state(&s0);

    /* The dry run: nothing changes. */
    diag *dd = diag_new(), *d = diag_new();
    if (!dd || !d) abort();
    import_result dry, res;
    int drc = import(1, dd, &dry);
    read_state(&s1);
    if (strcmp(s0.sums, s1.sums) != 0) fail("the dry run changed the store", dd, &s0, &s1);
    if (drc == 0 && dry.event != 0) fail("an accepted dry run gave an event id", dd, NULL, NULL);

    /* The import. */
    int rc = import(0, d, &res);
    read_state(&s1);
    if (rc != drc || !same_counts(&dry, &res) || diag_count(d) != diag_count(dd)) {
        fprintf(stderr,
                "dry run: %d rows=%" PRId64 " added=%" PRId64 " changed=%" PRId64
                " unchanged=%" PRId64 " problems=%" PRId64 " diagnostics=%zu\n",
                drc, dry.rows, dry.added, dry.changed, dry.unchanged, dry.problems, diag_count(dd));
        fprintf(stderr,
                "import:  %d rows=%" PRId64 " added=%" PRId64 " changed=%" PRId64
                " unchanged=%" PRId64 " problems=%" PRId64 " diagnostics=%zu\n",
                rc, res.rows, res.added, res.changed, res.unchanged, res.problems, diag_count(d));
        fail("the dry run and the import disagree", d, &s0, &s1);
    }
    if (rc == 1) {
        if (!diag_count(d)) fail("a refused file without a diagnostic", d, NULL, NULL);
        if (strcmp(s0.sums, s1.sums) != 0) fail("a refused file changed the store", d, &s0, &s1);
    } else {
        int64_t written = res.added + res.changed;
        if (diag_count(d)) fail("an accepted file with diagnostics", d, NULL, NULL);
        if (res.rows != written + res.unchanged)
            fail("rows != added + changed + unchanged", d, &s0, &s1);
        if (s1.measurements != s0.measurements + res.added)
            fail("the measurements did not grow by exactly the rows added", d, &s0, &s1);
        if (written && (s1.events != s0.events + 1 || res.event != s0.last_event + 1 ||
                        s1.last_event != res.event))
            fail("an import that wrote rows did not log exactly one event, its own", d, &s0, &s1);
        if (!written && (strcmp(s0.sums, s1.sums) != 0 || res.event != 0))
            fail("an import that wrote nothing changed the store or gave an event", d, &s0, &s1);
    }
    if (verbose)
        fprintf(stderr,
                "fuzz_import: %s: rows=%" PRId64 " added=%" PRId64 " changed=%" PRId64
                " unchanged=%" PRId64 " problems=%" PRId64 "\n",
                rc ? "refused" : "accepted", res.rows, res.added, res.changed, res.unchanged,
                res.problems);
    diag_free(dd);
    diag_free(d);

    /* Once more: everything is there already. Then back to the store every input starts on. */
    if (rc == 0 && res.added + res.changed) {
        import_result again;
        d = diag_new();
        if (!d) abort();
        if (import(0, d, &again) != 0 || diag_count(d))
            fail("importing an imported file again is refused", d, NULL, NULL);
        read_state(&s2);
        if (again.rows != res.rows || again.added || again.changed || again.unchanged != res.rows ||
            again.event)
            fail("importing an imported file again does not leave every row unchanged", d, &s1,
                 &s2);
        if (strcmp(s1.sums, s2.sums) != 0)
            fail("importing an imported file again changed the store", d, &s1, &s2);
        diag_free(d);
        open_store();
    }
    return 0;
}
