/*
** fuzz_lua.c: libFuzzer target for the Lua sandbox (core/sbx.c) and the data API (core/api.c).
**
** Once per process: a private in-memory store (store_open ":memory:") with the region
** zuid-holland-zuid loaded into it, as `spil load` does it (load_read, rdata_from_store,
** diff_compute, diff_apply, commit). The repository is found at $SPIL_ROOT, else at the
** SPIL_SOURCE_DIR the target was compiled with.
** Per input: a fresh trusted sandbox of the region runtime (core/runtime.c: the spil module and
** spil.runtime, whose evaluate and plan_advance run the checks in sandboxes of their own) for
** zuid-holland-zuid with small limits (2e6 instructions, 16 MiB), the input run as Lua text
** (chunk "=fuzz"), the sandbox freed.
** Region code may fail in any way it likes; what must never happen is a crash, a sanitizer
** report, a leak, a hang (libFuzzer's -timeout), an error without a message, or a change to the
** store (region code only reads; checked every CHECK_EVERY inputs and at exit).
** With $SPIL_FUZZ_VERBOSE set, each input's outcome (ok, or the error) goes to stderr.
** print() writes to stderr: run with -close_fd_mask=2 to keep the fuzzer's output readable
** (sanitizer reports are still shown).
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "diff.h"
#include "load.h"
#include "rdata.h"
#include "runtime.h"
#include "sbx.h"
#include "store.h"

#ifndef SPIL_SOURCE_DIR
#define SPIL_SOURCE_DIR "."
#endif

#define REGION      "zuid-holland-zuid"
#define CHECK_EVERY 64

static store *st;
static rt *R;         /* the region's runtime: every sandbox comes from it, as in spil itself */
static rdata *loaded; /* the region as stored, to prove region code never changes it */
static unsigned long runs;
static int verbose; /* $SPIL_FUZZ_VERBOSE: print each input's outcome (to check the seeds) */

static void die(const char *what, const char *why) {
    fprintf(stderr, "fuzz_lua: %s: %s\n", what, why ? why : "?");
    abort();
}

static void check_store(void) {
    rdata *now = rdata_from_store(st, REGION);
    if (!now) die("reading the store", store_errmsg(st));
    changes c;
    if (diff_compute(loaded, now, &c)) abort();
    if (c.n) {
        diff_print(&c, stderr, 0);
        die("region code changed the store", "see the changes above");
    }
    diff_free(&c);
    rdata_free(now);
}

static void at_exit(void) {
    if (st && loaded) check_store();
    rdata_free(loaded);
    rt_close(R);
    store_close(st);
}

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc;
    (void)argv;
    const char *root = getenv("SPIL_ROOT");
    verbose = getenv("SPIL_FUZZ_VERBOSE") != NULL;
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/regions/" REGION, root && *root ? root : SPIL_SOURCE_DIR);
    char *err = NULL;
    if (!(st = store_open(":memory:", STORE_CREATE, &err))) die("store_open", err);
    diag *d = diag_new();
    rdata *r = load_read(dir, d);
    if (!r) {
        diag_print(d, stderr, 0);
        die("load_read", dir);
    }
    changes c;
    rdata *old = NULL;
    if (store_begin(st) || !(old = rdata_from_store(st, REGION)) || diff_compute(old, r, &c) ||
        diff_apply(st, REGION, &c, "fuzz", "2024-01-01T00:00:00Z", "load", NULL) ||
        store_commit(st))
        die("loading " REGION, store_errmsg(st));
    diff_free(&c);
    rdata_free(old);
    rdata_free(r);
    diag_free(d);
    if (!(loaded = rdata_from_store(st, REGION))) die("rdata_from_store", store_errmsg(st));
    if (!(R = rt_open(st, REGION, "regions/" REGION, &err))) die("rt_open", err);
    atexit(at_exit);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    sbx_limits lim = {.instructions = 2000000, .memory = 16u * 1024 * 1024};
    char *err = NULL;
    rt_set_limits(R, &lim);
    sbx *S = rt_sandbox(R, 1, &err);
    if (!S) die("rt_sandbox", err);
    int status = sbx_run_string(S, "=fuzz", (const char *)data, size, &err);
    if (status != 0 && !err) die("sbx_run_string", "failed without a message");
    if (status == 0 && err) die("sbx_run_string", "succeeded with a message");
    if (err && strlen(err) > 1024 * 1024) die("sbx_run_string", "message longer than 1 MiB");
    if (verbose) fprintf(stderr, "fuzz_lua: %s\n", err ? err : "ok");
    free(err);
    /* Loading or running, failing or not, the chunk leaves nothing on the stack. */
    lua_State *L = sbx_state(S);
    if (lua_gettop(L) != 0) die("sbx_run_string", "left values on the stack");
    sbx_free(S);
    if (++runs % CHECK_EVERY == 0) check_store();
    return 0;
}
