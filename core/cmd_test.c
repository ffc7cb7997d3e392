/*
** cmd_test.c: spil test: runs region authors' rule tests (*_test.lua files, written with the
** stdlib's spil.test). Each file runs against its fixture, a region folder loaded into a private
** in-memory database: the folder named on a first-lines comment `--! fixture: DIR` (relative to
** the test file), else the nearest folder above the file that holds a region.yaml. A named
** fixture without scripts runs the scripts of that nearest region folder, so a region's
** maatwerk can be tested against small fixtures; a fixture's measurements.csv is imported too.
** A first-lines comment `--! lang: en` (or nl) runs the file in the language its expected
** texts are written in, whatever the run's language (lang_use).
** Every case runs in a transaction that is rolled back, so cases cannot leak into each other.
** Ends with the line "N passed, N failed"; exit 0 when all passed, 1 when any failed, 2 when
** none ran.
*/
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <lauxlib.h>

#include "cli.h"
#include "diff.h"
#include "file.h"
#include "import.h"
#include "lang.h"
#include "load.h"
#include "model.h"
#include "out.h"
#include "runtime.h"
#include "store.h"

typedef struct files {
    char **v;
    size_t n;
} files;

static void add_file(files *f, const char *path) {
    char **v = realloc(f->v, (f->n + 1) * sizeof *v);
    if (!v) return;
    f->v = v;
    if ((f->v[f->n] = strdup(path))) f->n++;
}

/* Every *_test.lua under path (or path itself), skipping build folders and hidden ones. */
static void find_tests(files *f, const char *path, int depth) {
    struct stat sb;
    if (depth > 8 || stat(path, &sb) != 0) return;
    if (S_ISREG(sb.st_mode)) {
        if (file_has_suffix(path, "_test.lua") || depth == 0) add_file(f, path);
        return;
    }
    if (!S_ISDIR(sb.st_mode)) return;
    DIR *d = opendir(path);
    if (!d) return;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.' || strncmp(e->d_name, "build", 5) == 0) continue;
        char sub[4096];
        snprintf(sub, sizeof sub, "%s/%s", path, e->d_name);
        find_tests(f, sub, depth + 1);
    }
    closedir(d);
}

static int by_path(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The language a test file is written for: the word after `--! lang:` in its first lines, into
** out (empty when it names none). Its expected texts are in that language. */
static void lang_of(const char *src, char *out, size_t cap) {
    const char *mark = strstr(src, "--! lang:");
    *out = '\0';
    if (!mark || mark - src >= 400) return;
    mark += strlen("--! lang:");
    while (*mark == ' ')
        mark++;
    size_t n = strcspn(mark, " \r\n");
    snprintf(out, cap, "%.*s", (int)(n < cap ? n : cap - 1), mark);
}

/* The fixture folder of a test file into out; 0, or -1 when there is none. */
static int fixture_of(const char *test, const char *src, char *out, size_t cap) {
    char dir[2048];
    snprintf(dir, sizeof dir, "%s", test);
    char *slash = strrchr(dir, '/');
    if (slash)
        *slash = '\0';
    else
        snprintf(dir, sizeof dir, ".");
    const char *mark = strstr(src, "--! fixture:");
    if (mark && mark - src < 400) {
        mark += strlen("--! fixture:");
        while (*mark == ' ')
            mark++;
        char name[512];
        size_t n = strcspn(mark, " \r\n");
        snprintf(name, sizeof name, "%.*s", (int)(n < sizeof name ? n : sizeof name - 1), mark);
        if ((size_t)snprintf(out, cap, "%s%s%s", name[0] == '/' ? "" : dir,
                             name[0] == '/' ? "" : "/", name) >= cap)
            return -1;
        return 0;
    }
    for (int up = 0; up < 4; up++) {
        char probe[4200];
        struct stat sb;
        snprintf(probe, sizeof probe, "%s/%s", dir, LOAD_FILE);
        if (stat(probe, &sb) == 0) {
            snprintf(out, cap, "%s", dir);
            return 0;
        }
        slash = strrchr(dir, '/');
        if (!slash) {
            if (strcmp(dir, ".") == 0) break;
            snprintf(dir, sizeof dir, ".");
        } else {
            *slash = '\0';
        }
    }
    return -1;
}

typedef struct tally {
    int passed, failed, color;
    const char *file; /* -q: the test file, until a failure in it has named it */
    json_t *files;    /* --json: [{file, cases: [{name, ok, message}]}], else NULL */
} tally;

static void report(tally *t, int ok, const char *name, const char *why) {
    if (t->files) {
        t->passed += ok;
        t->failed += !ok;
        json_t *cases =
            json_object_get(json_array_get(t->files, json_array_size(t->files) - 1), "cases");
        json_array_append_new(cases,
                              json_pack("{s:o, s:b, s:o}", "name", out_json_text(name), "ok", ok,
                                        "message", !ok && why ? out_json_text(why) : json_null()));
        return;
    }
    if (ok && out_quiet()) { /* -q: failures alone, each under its file */
        t->passed++;
        return;
    }
    if (t->file) {
        printf("%s\n", t->file);
        t->file = NULL;
    }
    if (ok) {
        t->passed++;
        printf("  %sok%s - ", out_green(t->color), out_reset(t->color));
    } else {
        t->failed++;
        printf("  %snot ok%s - ", out_red(t->color), out_reset(t->color));
    }
    out_str(stdout, name);
    putchar('\n');
    if (!ok && why) {
        fputs("      ", stdout);
        out_text(stdout, why, strlen(why), OUT_LINES);
        putchar('\n');
    }
}

/* A fixture region loaded into a fresh in-memory database; NULL after reporting. */
/* A fixture without scripts of its own gets the scripts of home, the region folder the test
** file belongs to, so a region's maatwerk can be tested against small fixtures. */
static int borrow_scripts(rdata *r, const char *home, diag *d) {
    if (r->tables[ME_SCRIPT].n || !home || strcmp(home, r->dir) == 0) return 0;
    rdata *own = load_read(home, d);
    if (!own) return -1;
    const rtable *t = &own->tables[ME_SCRIPT];
    int bad = 0;
    for (size_t i = 0; i < t->n && !bad; i++) {
        rrow *row = rdata_add(r, ME_SCRIPT, 0, 0);
        for (int f = 0; row && f < model_entities[ME_SCRIPT].nfields; f++)
            if (rdata_set(r, ME_SCRIPT, row, f, t->rows[i].v[f], 0, 0)) row = NULL;
        bad = !row;
    }
    rdata_free(own);
    return bad || rdata_sort(r) ? -1 : 0;
}

static store *load_fixture(const char *dir, const char *home, char **region, tally *t,
                           const char *test) {
    diag *d = diag_new();
    rdata *r = load_read(dir, d), *old = NULL;
    store *st = NULL;
    changes ch = {0};
    char *err = NULL;
    if (!r || borrow_scripts(r, home, d)) {
        diag_print(d, t->files ? stderr : stdout, 0); /* --json: stdout is the document */
        report(t, 0, test, "its fixture does not load (above)");
        goto done;
    }
    if (!(st = store_open(":memory:", STORE_CREATE, &err)) || store_begin(st) ||
        !(old = rdata_from_store(st, rdata_region(r))) || diff_compute(old, r, &ch) ||
        diff_apply(st, rdata_region(r), &ch, "spil test", "2000-01-01T00:00:00Z", "test", NULL) ||
        store_commit(st)) {
        report(t, 0, test, err ? err : store_errmsg(st));
        store_close(st);
        st = NULL;
        goto done;
    }
    /* A fixture may hold figures too: measurements.csv, imported as spil import would. */
    char csv[4200];
    snprintf(csv, sizeof csv, "%s/measurements.csv", dir);
    import_result res;
    import_opts io = {.actor = "spil test", .at = "2000-01-01T00:00:00Z"};
    if (access(csv, F_OK) == 0 && import_measurements(st, csv, &io, d, &res) != 0) {
        diag_print(d, t->files ? stderr : stdout, 0);
        report(t, 0, test, "its fixture's measurements.csv does not import (above)");
        store_close(st);
        st = NULL;
        goto done;
    }
    *region = strdup(rdata_region(r));
done:
    free(err);
    diff_free(&ch);
    rdata_free(old);
    rdata_free(r);
    diag_free(d);
    return st;
}

/* Run the cases registered by the test file already run in S. */
static void run_cases(sbx *S, store *st, tally *t) {
    lua_State *L = sbx_state(S);
    char *err = NULL;
    lua_getglobal(L, "require");
    lua_pushstring(L, "spil.test");
    if (sbx_call(S, 1, 1, &err)) {
        report(t, 0, "spil.test", err);
        free(err);
        return;
    }
    lua_getfield(L, -1, "cases");
    int cases = lua_gettop(L);
    lua_Integer n = lua_istable(L, cases) ? (lua_Integer)lua_rawlen(L, cases) : 0;
    if (n == 0) report(t, 0, "the file registers no case (use spil.test's t.case)", NULL);
    for (lua_Integer i = 1; i <= n; i++) {
        lua_rawgeti(L, cases, i);
        lua_getfield(L, -1, "name");
        char *name = strdup(lua_isstring(L, -1) ? lua_tostring(L, -1) : "?");
        lua_pop(L, 1);
        lua_getfield(L, -1, "fn");
        lua_remove(L, -2);
        if (store_begin(st)) {
            lua_pop(L, 1);
            report(t, 0, name, store_errmsg(st));
        } else {
            int bad = sbx_call(S, 0, 0, &err);
            store_rollback(st);
            report(t, !bad, name, err);
            free(err);
            err = NULL;
        }
        free(name);
    }
    lua_settop(L, cases - 2);
}

static void run_file(const char *path, tally *t) {
    char fixture[4096], chunk[4200], *region = NULL, *err = NULL;
    size_t len;
    char *src = file_read(path, LOAD_MAX_SCRIPT, &len);
    t->file = path; /* printed before its first case (with -q, before its first failure) */
    if (t->files)
        json_array_append_new(t->files,
                              json_pack("{s:o, s:[]}", "file", out_json_text(path), "cases"));
    if (!src) {
        char why[160];
        struct stat sb;
        if (errno == EFBIG && stat(path, &sb) == 0)
            snprintf(why, sizeof why,
                     "the file is %lld bytes, more than %d (%d MiB), the limit of a script",
                     (long long)sb.st_size, LOAD_MAX_SCRIPT, LOAD_MAX_SCRIPT >> 20);
        else
            snprintf(why, sizeof why, "cannot read the file: %s",
                     errno == EFBIG ? "larger than 1 MiB" : strerror(errno));
        report(t, 0, path, why);
        return;
    }
    char lang[8];
    lang_of(src, lang, sizeof lang);
    if (*lang && !lang_valid(lang)) {
        report(t, 0, path, "'--! lang:' takes nl or en");
        free(src);
        return;
    }
    lang_use(*lang ? lang : NULL);
    if (fixture_of(path, src, fixture, sizeof fixture)) {
        report(t, 0, path,
               "no fixture: put it under a region folder, or name one with '--! fixture: DIR'");
        free(src);
        return;
    }
    /* The region folder the test belongs to, for its scripts (the nearest with region.yaml). */
    char home[4096];
    int has_home = fixture_of(path, "", home, sizeof home) == 0;
    store *st = load_fixture(fixture, has_home ? home : NULL, &region, t, path);
    /* A trusted sandbox: t.check and t.advance run the runtime's entries, as spil check does. */
    rt *R = st ? rt_open(st, region, fixture, &err) : NULL;
    sbx *S = R ? rt_sandbox(R, 1, &err) : NULL;
    if (st && !S) report(t, 0, path, err);
    snprintf(chunk, sizeof chunk, "@%s", path);
    if (S && sbx_run_string(S, chunk, src, len, &err))
        report(t, 0, path, err);
    else if (S)
        run_cases(S, st, t);
    free(err);
    free(src);
    free(region);
    sbx_free(S);
    rt_close(R);
    store_close(st);
}

int cmd_test(cli_opts *o) {
    files f = {0};
    const char *defaults[] = {"regions", "stdlib"};
    if (o->nargs == 0) {
        for (int i = 0; i < 2; i++)
            find_tests(&f, defaults[i], 1);
    }
    for (int i = 0; i < o->nargs; i++) {
        struct stat sb;
        if (stat(o->args[i], &sb) != 0)
            return cli_error(o, SPIL_EXIT_USAGE, _("no such file or folder: %s"), o->args[i]);
        find_tests(&f, o->args[i], 0);
    }
    if (f.n) qsort(f.v, f.n, sizeof *f.v, by_path);
    tally t = {0, 0, out_color(stdout), NULL, o->json ? json_array() : NULL};
    for (size_t i = 0; i < f.n; i++) {
        run_file(f.v[i], &t);
        t.file = NULL;
        free(f.v[i]);
    }
    free(f.v);
    if (t.files)
        out_json(stdout, json_pack("{s:o, s:i, s:i}", "files", t.files, "passed", t.passed,
                                   "failed", t.failed));
    else
        printf("%d passed, %d failed\n", t.passed, t.failed);
    if (t.passed + t.failed == 0) {
        return cli_error(o, SPIL_EXIT_USAGE, _("no *_test.lua files found"));
    }
    return t.failed ? SPIL_EXIT_REFUSED : SPIL_EXIT_OK;
}
