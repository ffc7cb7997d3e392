/*
** cmd_region.c: the commands that move a whole region in or out: init, load, validate, export.
**
** load and validate share one path: read and check the folder (load.c), diff against what the
** database holds, apply in one transaction, run the region's Lua in the sandbox against the new
** state, then commit (load) or roll back (load --dry-run, validate on a private in-memory
** database). Any problem on the way rolls back: nothing is half-written.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "diff.h"
#include "export.h"
#include "file.h"
#include "lang.h"
#include "load.h"
#include "measure.h"
#include "model.h"
#include "oom.h"
#include "out.h"
#include "runtime.h"
#include "store.h"

int cmd_init(cli_opts *o) {
    int existed = access(o->db, F_OK) == 0, code;
    store *st = cli_open(o, CLI_INIT, &code);
    if (!st) return code;
    int from = store_opened_version(st);
    store_close(st);
    if (o->json)
        return out_json(stdout, json_pack("{s:s, s:i, s:i, s:b}", "db", o->db, "schema",
                                          STORE_SCHEMA_VERSION, "previous_schema", from, "created",
                                          !existed))
                   ? SPIL_EXIT_INTERNAL
                   : SPIL_EXIT_OK;
    if (!existed)
        printf("Created %s (schema %d).\n", o->db, STORE_SCHEMA_VERSION);
    else if (from < STORE_SCHEMA_VERSION)
        printf("Upgraded %s from schema %d to %d.\n", o->db, from, STORE_SCHEMA_VERSION);
    else
        printf("%s is up to date (schema %d).\n", o->db, STORE_SCHEMA_VERSION);
    return SPIL_EXIT_OK;
}

/* A Lua error "dir/file.lua:12: message" as a diagnostic at that file and line; "script: message"
** (a limit without a line) at the script. */
static void lua_diag(diag *d, const char *script, const char *msg) {
    /* "dir/file.lua: message": a limit, which has no line. */
    const char *lua = strstr(msg, ".lua: ");
    if (lua && !memchr(msg, ' ', (size_t)(lua - msg))) {
        char file[4096];
        snprintf(file, sizeof file, "%.*s", (int)(lua - msg + 4), msg);
        diag_add(d, file, 0, 0, NULL, "%s", lua + 6);
        return;
    }
    const char *c1 = strchr(msg, ':');
    if (c1) {
        char *end;
        long line = strtol(c1 + 1, &end, 10);
        if (end != c1 + 1 && end[0] == ':' && end[1] == ' ' && line > 0) {
            char file[4096];
            snprintf(file, sizeof file, "%.*s", (int)(c1 - msg), msg);
            diag_add(d, file, (int)line, 0, NULL, "%s", end + 2);
            return;
        }
    }
    diag_add(d, script, 0, 0, NULL, "%s", msg);
}

/* Where parameter `name` of `programme` is in the file (the row's position), for a message. */
static const rrow *parameter_row(const rdata *r, const char *programme, const char *name) {
    int e = model_entity_by_table("programme_parameter"), nf = model_field_index(e, "name");
    for (size_t i = 0; i < r->tables[e].n; i++) {
        const rrow *row = &r->tables[e].rows[i];
        if (programme && name && strcmp(row->v[0], programme) == 0 && strcmp(row->v[nf], name) == 0)
            return row;
    }
    return NULL;
}

/* Where region.yaml names step of programme: the run's step, or (in_history) a history row. */
static void step_position(const rdata *r, const char *programme, const char *step, int in_history,
                          int *line, int *col) {
    int e = model_entity_by_table(in_history ? "programme_step" : "region_programme");
    int f = model_field_index(e, "step");
    *line = *col = 0;
    for (size_t i = 0; i < r->tables[e].n; i++) {
        const rrow *row = &r->tables[e].rows[i];
        if (strcmp(row->v[0], programme) != 0 || !row->v[f] || strcmp(row->v[f], step) != 0)
            continue;
        *line = row->fline ? row->fline[f] : row->line;
        *col = row->fcol ? row->fcol[f] : row->col;
        return;
    }
}

/* The nth step region.yaml names that its programme (as the region's Lua leaves it) does not
** have: a diagnostic at its place, with the steps there are and a did-you-mean. 1 when there
** was one (so the caller asks for the next), 0 when not. */
static int check_step(rt *R, int nth, const rdata *r, diag *d) {
    char *programme = NULL, *step = NULL, **steps = NULL, *err = NULL;
    int in_history = 0, line, col, found = 0;
    if (rt_check_steps(R, nth, &programme, &step, &steps, &in_history, &err) != RT_OK) {
        lua_diag(d, r->file, err ? err : "cannot check the steps");
    } else if (step) {
        found = 1;
        char list[1024] = "";
        for (size_t i = 0; steps[i]; i++)
            snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", i ? ", " : "",
                     steps[i]);
        const char *near = diag_suggest(step, (const char *const *)steps);
        const char *tail = strrchr(step, '-'); /* stap-6 for 6, stap-5 for 1-5 */
        for (size_t i = 0; !near && tail && steps[i]; i++) {
            const char *t = strrchr(steps[i], '-');
            if (strcmp(steps[i], tail + 1) == 0 || (t && strcmp(t, tail) == 0)) near = steps[i];
        }
        char hint[160] = "";
        if (near) snprintf(hint, sizeof hint, "did you mean '%s'?", near);
        step_position(r, programme, step, in_history, &line, &col);
        if (in_history)
            diag_add(d, r->file, line, col, near ? hint : NULL,
                     "the history names step '%s', which programme '%s' does not have; its steps "
                     "are %s",
                     step, programme, list);
        else
            diag_add(d, r->file, line, col, near ? hint : NULL,
                     "programme '%s' has no step '%s'; its steps are %s", programme, step, list);
    }
    free(programme);
    free(step);
    rt_steps_free(steps);
    free(err);
    return found;
}

/* Every step region.yaml names that its programme does not have (at most 100 named). */
static void check_steps(rt *R, const rdata *r, diag *d) {
    for (int nth = 1; nth <= 100 && check_step(R, nth, r, d); nth++)
        ;
}

/* Run the region's scripts over the store's new state, as every later check will, and check
** the steps and parameters region.yaml sets against the programmes (with the region's own Lua). */
static void run_scripts(store *st, const rdata *r, diag *d) {
    int params = model_entity_by_table("programme_parameter");
    int runs = model_entity_by_table("region_programme");
    if (!r->tables[ME_SCRIPT].n && !r->tables[params].n && !r->tables[runs].n) return;
    char *err = NULL, *msg = NULL, *prog = NULL, *name = NULL;
    rt *R = rt_open(st, rdata_region(r), r->dir, &err);
    sbx *S = R ? rt_sandbox(R, 0, &err) : NULL;
    if (!S) lua_diag(d, r->file, err ? err : "cannot start the Lua sandbox");
    sbx_free(S);
    if (S && r->tables[runs].n) check_steps(R, r, d);
    if (S && r->tables[params].n) {
        if (rt_check_parameters(R, &msg, &prog, &name, &err) != RT_OK)
            lua_diag(d, r->file, err ? err : "cannot check the parameters");
        else if (msg) {
            const rrow *row = parameter_row(r, prog, name);
            diag_add(d, r->file, row ? row->line : 0, row ? row->col : 0, NULL, "%s", msg);
        }
    }
    free(err);
    free(msg);
    free(prog);
    free(name);
    rt_close(R);
}

typedef struct applied {
    changes ch;
    rdata *old;
} applied;

/* Diff r against st, apply, run scripts: in the open transaction. Problems go to d; storage
** failures return SPIL_EXIT_INTERNAL after printing. */
/* A load never deletes figures: an indicator with figures may not leave the file. */
static int keeps_figures(store *st, const rdata *r, const changes *c, diag *d) {
    int e = model_entity_by_table("indicator"), code = model_field_index(e, "code"), kept = 0;
    for (size_t i = 0; i < c->n; i++) {
        if (c->v[i].e != e || c->v[i].kind != CH_REMOVE) continue;
        const char *ind = c->v[i].old->v[code];
        int64_t n = measure_figures_of(st, rdata_region(r), ind);
        if (n < 0) return -1;
        if (n == 0) continue;
        diag_add(d, r->file, 0, 0, "keep it under 'indicators': a load never deletes figures",
                 "indicator '%s' is not in the file but has %lld figure%s, which removing it "
                 "would delete",
                 ind, (long long)n, n == 1 ? "" : "s");
        kept++;
    }
    return kept;
}

/* The event that recorded a row since the last load: "at", "actor", "command". */
typedef struct recorded {
    char at[32], actor[128], command[32];
    int found;
} recorded;

static int got_recorded(void *ctx, const char *const *vals, int n) {
    recorded *r = ctx;
    (void)n;
    snprintf(r->at, sizeof r->at, "%s", vals[0] ? vals[0] : "");
    snprintf(r->actor, sizeof r->actor, "%s", vals[1] ? vals[1] : "");
    snprintf(r->command, sizeof r->command, "%s", vals[2] ? vals[2] : "");
    r->found = 1;
    return 1;
}

/* A load of an older file must not silently undo what was recorded since the last load (with
** sign, assign, fund, decide, advance or the REPL): each row the load would change back is
** named, and nothing is written unless --force. An export after the recording puts the
** recorded value in the file, so that row is no change at all. The count, or -1. */
static int undoes_recorded(cli_opts *o, store *st, const rdata *r, const changes *c, diag *d) {
    const char *region = rdata_region(r);
    recorded any = {0};
    if (store_recorded_since_load(st, region, NULL, NULL, got_recorded, &any)) return -1;
    if (!any.found || cli_opt(o, "force")) return 0;
    int undone = 0;
    for (size_t i = 0; i < c->n; i++) {
        recorded rec = {0};
        if (c->v[i].kind == CH_ORDER) continue; /* recording never reorders */
        const char *entity = model_entities[c->v[i].e].name;
        if (store_recorded_since_load(st, region, entity, c->v[i].key, got_recorded, &rec))
            return -1;
        if (!rec.found) continue;
        diag_add(
            d, r->file, c->v[i].new ? c->v[i].new->line : 0, c->v[i].new ? c->v[i].new->col : 0,
            "export the region first to keep it (spil export REGION -o FILE), or load --force to "
            "undo it",
            "loading would %s %s '%s', which '%s' recorded on %.10s (by %s) after the last load",
            c->v[i].kind == CH_REMOVE ? "remove" : "change back", entity, c->v[i].key, rec.command,
            rec.at, rec.actor);
        undone++;
    }
    return undone;
}

/* A step is left with `spil advance` (the checks, the governance rule, the history, one event),
** never by editing region.yaml: a load that would move a programme already in the database to
** another step is refused, naming the line, unless --force (a correction, logged as a load).
** A first load says where a region stands. The count of refused changes. */
static int moves_step(cli_opts *o, const rdata *r, const changes *c, diag *d) {
    int e = model_entity_by_table("region_programme");
    int f = e < 0 ? -1 : model_field_index(e, "step"), p = model_field_index(e, "programme");
    if (f < 0 || p < 0 || cli_opt(o, "force")) return 0;
    int refused = 0;
    for (size_t i = 0; i < c->n; i++) {
        const change *x = &c->v[i];
        if (x->e != e || x->kind != CH_CHANGE || !x->old || !x->new) continue;
        const char *was = x->old->v[f], *now = x->new->v[f];
        if (!was || !now || strcmp(was, now) == 0) continue;
        diag_add(d, r->file, x->new->fline ? x->new->fline[f] : x->new->line,
                 x->new->fcol ? x->new->fcol[f] : x->new->col,
                 "leave a step with 'spil advance' (it runs the checks and the rules and keeps "
                 "the history); load --force only to correct a mistake",
                 "the file moves %s from step %s to step %s; a load does not change steps",
                 x->new->v[p], was, now);
        refused++;
    }
    return refused;
}

static int apply_region(cli_opts *o, store *st, rdata *r, diag *d, applied *a) {
    char now[32];
    const char *region = rdata_region(r);
    a->old = rdata_from_store(st, region);
    if (!a->old || diff_compute(a->old, r, &a->ch))
        return cli_fail(o, SPIL_EXIT_INTERNAL, _("storage error: %s"), store_errmsg(st));
    /* What a load may not do is named, and then nothing is written. */
    int kept = keeps_figures(st, r, &a->ch, d), undone = undoes_recorded(o, st, r, &a->ch, d);
    if (kept < 0 || undone < 0)
        return cli_fail(o, SPIL_EXIT_INTERNAL, _("storage error: %s"), store_errmsg(st));
    if (!undone) undone = moves_step(o, r, &a->ch, d); /* an undone advance is named once */
    if (kept || undone) return SPIL_EXIT_OK;           /* the diagnostics say why */
    if (diff_apply(st, region, &a->ch, cli_actor(), out_now(now), o->cmd, NULL))
        return cli_fail(o, SPIL_EXIT_INTERNAL, _("storage error: %s"), store_errmsg(st));
    run_scripts(st, r, d);
    return SPIL_EXIT_OK;
}

static void applied_free(applied *a) {
    diff_free(&a->ch);
    rdata_free(a->old);
}

/* What loading r changed: printed for people, or as a JSON object for programs. */
static json_t *report(cli_opts *o, const rdata *r, const applied *a, int dry) {
    const changes *c = &a->ch;
    if (o->json)
        return json_pack("{s:s, s:s, s:b, s:i, s:i, s:i, s:i, s:o}", "region", rdata_region(r),
                         "file", r->file, "dry_run", o->dry_run, "added", c->added, "changed",
                         c->changed, "removed", c->removed, "reordered", c->reordered, "changes",
                         diff_json(c));
    int color = out_color(stdout);
    if (out_verbose()) { /* -v: what ran, and what stayed */
        size_t rows = 0;
        for (int e = 0; e < model_nentities; e++)
            rows += r->tables[e].n;
        for (size_t i = 0; i < r->tables[ME_SCRIPT].n; i++) {
            printf("script ran: ");
            out_str(stdout, r->tables[ME_SCRIPT].rows[i].key);
            putchar('\n');
        }
        printf("%zu row%s unchanged\n", rows - (size_t)(c->added + c->changed),
               rows - (size_t)(c->added + c->changed) == 1 ? "" : "s");
    }
    if (!c->n) {
        printf(_("%s is up to date in %s: nothing changed.\n"), lang_esc(rdata_region(r)),
               lang_esc(o->db));
        return NULL;
    }
    if (!out_quiet()) diff_print(c, stdout, color); /* -q: the summary line alone */
    fputs(out_bold(color), stdout);
    if (dry)
        printf(_("Would load %s into %s: %d added, %d changed, %d removed"),
               lang_esc(rdata_region(r)), lang_esc(o->db), c->added, c->changed, c->removed);
    else
        printf(_("Loaded %s into %s: %d added, %d changed, %d removed"), lang_esc(rdata_region(r)),
               lang_esc(o->db), c->added, c->changed, c->removed);
    if (c->reordered)
        printf(lang_trn(", %d list in a new order", ", %d lists in a new order",
                        (unsigned long)c->reordered),
               c->reordered);
    printf(".%s\n", out_reset(color));
    return NULL;
}

/* Out of memory before anything was read or written (oom.h): exit 3. */
static int no_memory(const cli_opts *o) {
    oom_note();
    return cli_fail(
        o, SPIL_EXIT_INTERNAL,
        _("out of memory; close other programs (or raise ulimit -v) and run the command again"));
}

int cmd_load(cli_opts *o) {
    diag *d = diag_new();
    if (!d) return no_memory(o);
    int n = o->nargs, code = SPIL_EXIT_OK;
    rdata *r[CLI_MAX_ARGS] = {0};
    applied a[CLI_MAX_ARGS];
    memset(a, 0, sizeof a);
    store *st = NULL;
    for (int i = 0, stdin_seen = 0; i < n; i++)
        if (file_is_stdin(o->args[i]) && stdin_seen++)
            return diag_free(d),
                   cli_fail(o, SPIL_EXIT_USAGE,
                            _("'-' (standard input) is given more than once; give it once"));
    /* Every folder is read and checked before anything is written. */
    for (int i = 0; i < n; i++)
        r[i] = load_read(o->args[i], d);
    for (int i = 0; i < n && !diag_count(d); i++)
        if (!r[i]) { /* no problem named: an allocation failed */
            code = no_memory(o);
            goto done;
        }
    for (int i = 0; i < n && !diag_count(d); i++)
        for (int j = 0; j < i; j++)
            if (strcmp(rdata_region(r[i]), rdata_region(r[j])) == 0)
                diag_add(d, r[i]->file, 0, 0, "load each region once", "region '%s' is also in %s",
                         rdata_region(r[i]), r[j]->file);
    if (diag_count(d)) {
        code = cli_diagnostics(o, d);
        goto done;
    }
    if (!(st = cli_open(o, CLI_CREATE, &code))) goto done;
    if (store_begin(st)) {
        code = cli_fail(o, SPIL_EXIT_INTERNAL, _("storage error: %s"), store_errmsg(st));
        goto done;
    }
    for (int i = 0; i < n && code == SPIL_EXIT_OK && !diag_count(d); i++)
        code = apply_region(o, st, r[i], d, &a[i]);
    if (code == SPIL_EXIT_OK && diag_count(d)) code = cli_diagnostics(o, d);
    if (code != SPIL_EXIT_OK || o->dry_run) {
        store_rollback(st);
    } else if (store_commit(st)) {
        code = cli_fail(o, SPIL_EXIT_INTERNAL, _("storage error: %s"), store_errmsg(st));
        store_rollback(st);
    }
    if (code == SPIL_EXIT_OK) {
        json_t *all = json_array();
        for (int i = 0; i < n; i++) {
            json_t *one = report(o, r[i], &a[i], o->dry_run);
            if (one) json_array_append_new(all, one);
        }
        if (o->json)
            code = out_json(stdout, json_pack("{s:O}", "regions", all)) ? SPIL_EXIT_INTERNAL
                                                                        : SPIL_EXIT_OK;
        json_decref(all);
    }
done:
    for (int i = 0; i < n; i++) {
        applied_free(&a[i]);
        rdata_free(r[i]);
    }
    store_close(st);
    diag_free(d);
    return code;
}

int cmd_validate(cli_opts *o) {
    diag *d = diag_new();
    if (!d) return no_memory(o);
    rdata *r = load_read(o->args[0], d);
    int code = SPIL_EXIT_OK;
    store *st = NULL;
    applied a = {0};
    char *err = NULL;
    if (!r) {
        code = diag_count(d) ? cli_diagnostics(o, d) : no_memory(o);
        goto done;
    }
    if (!(st = store_open(":memory:", STORE_CREATE, &err))) {
        code = cli_fail(o, SPIL_EXIT_INTERNAL, "%s", err);
        goto done;
    }
    if (store_begin(st)) {
        code = cli_fail(o, SPIL_EXIT_INTERNAL, _("storage error: %s"), store_errmsg(st));
        goto done;
    }
    code = apply_region(o, st, r, d, &a);
    store_rollback(st);
    if (code != SPIL_EXIT_OK) goto done;
    if (diag_count(d)) {
        code = cli_diagnostics(o, d);
        goto done;
    }
    size_t rows = 0;
    for (int e = 0; e < model_nentities; e++)
        rows += r->tables[e].n;
    if (o->json)
        code = out_json(stdout, json_pack("{s:s, s:s, s:b, s:i, s:i}", "region", rdata_region(r),
                                          "file", r->file, "valid", 1, "rows", (int)rows, "scripts",
                                          (int)r->tables[ME_SCRIPT].n))
                   ? SPIL_EXIT_INTERNAL
                   : SPIL_EXIT_OK;
    else
        printf(_("%s: valid (%zu rows, %zu scripts ran)\n"), lang_esc(r->file), rows,
               r->tables[ME_SCRIPT].n);
done:
    free(err);
    applied_free(&a);
    store_close(st);
    rdata_free(r);
    diag_free(d);
    return code;
}

/* export --json: every table of the region, its rows as objects of their fields (the region's
** key column left out: it is the region), typed as the model types them. */
static json_t *region_json(const rdata *r) {
    json_t *tables = json_object();
    for (int e = 0; e < model_nentities; e++) {
        const model_entity *en = &model_entities[e];
        json_t *rows = json_array();
        for (size_t i = 0; i < r->tables[e].n; i++) {
            json_t *row = json_object();
            for (int f = 0; f < en->nfields; f++)
                json_object_set_new(row, en->fields[f].name,
                                    out_json_value(en->fields[f].type, r->tables[e].rows[i].v[f]));
            json_array_append_new(rows, row);
        }
        json_object_set_new(tables, en->table, rows);
    }
    return json_pack("{s:s, s:n, s:o}", "region", rdata_region(r), "file", "tables", tables);
}

int cmd_export(cli_opts *o) {
    int code;
    const char *region = o->args[0];
    store *st = cli_open_region(o, CLI_READ, region, &code);
    if (!st) return code;
    rdata *r = rdata_from_store(st, region);
    if (!r) {
        code = cli_fail(o, SPIL_EXIT_INTERNAL, _("storage error: %s"), store_errmsg(st));
        store_close(st);
        return code;
    }
    store_close(st);
    code = SPIL_EXIT_OK;
    int to_stdout = !o->output || file_is_stdin(o->output); /* -o -: standard output */
    if (o->json && to_stdout) {                             /* the rows as JSON instead of YAML */
        code = out_json(stdout, region_json(r)) ? SPIL_EXIT_INTERNAL : SPIL_EXIT_OK;
    } else if (to_stdout) {
        if (export_region(r, stdout) || fflush(stdout))
            code = cli_error(o, SPIL_EXIT_INTERNAL, _("cannot write the export"));
    } else {
        export_result res;
        diag *d = diag_new();
        char err[4200] = "";
        int rc = d ? export_write(r, o->output, &res, d, err, sizeof err) : 3;
        if (rc == 2) {
            code = cli_diagnostics(o, d);
            if (!o->json) fprintf(stderr, _("spil: export: %s was not changed\n"), o->output);
        } else if (rc == 3) {
            if (d && diag_count(d)) diag_print(d, stderr, out_color(stderr));
            code = cli_error(o, res.bad_path ? SPIL_EXIT_USAGE : SPIL_EXIT_INTERNAL, "%s",
                             err[0] ? err : _("out of memory"));
        } else if (o->json) {
            /* the envelope below says what was written where */
        } else if (!res.updated) {
            printf("Wrote %s to %s.\n", region, o->output);
        } else if (res.unchanged) {
            printf("%s already holds %s: nothing changed.\n", o->output, region);
        } else {
            const export_counts *c = &res.counts;
            printf("Updated %s in place: %d value%s, %d row%s added, %d removed, %d list%s in a "
                   "new order; comments and layout kept.\n",
                   o->output, c->values, c->values == 1 ? "" : "s", c->added,
                   c->added == 1 ? "" : "s", c->removed, c->lists, c->lists == 1 ? "" : "s");
        }
        if (o->json && code == SPIL_EXIT_OK) /* what was written where */
            out_json(stdout, json_pack("{s:s, s:s}", "region", region, "file", o->output));
        diag_free(d);
    }
    rdata_free(r);
    return code;
}
