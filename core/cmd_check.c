/*
** cmd_check.c: the workflow commands: check (is the region ready to leave its step, and if not,
** exactly what is missing) and advance (leave it, when the checks and the governance rules
** allow). The checks are Lua, run by the region runtime (runtime.c); this file asks it for the
** result, shows it (text or --json) and asks it to write an allowed move.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "lang.h"
#include "diff.h"
#include "file.h"
#include "load.h"
#include "model.h"
#include "out.h"
#include "rdata.h"
#include "runtime.h"
#include "store.h"

/* The programmes to work on, into *out (an array of ids, a new reference): --programme P when
** the region runs it, else every one it runs. Else an error naming what it runs. */
static int region_programmes(const cli_opts *o, store *st, const char *region, json_t **out) {
    *out = NULL;
    rdata *r = rdata_from_store(st, region);
    if (!r) return cli_fail(o, SPIL_EXIT_INTERNAL, _("storage error: %s"), store_errmsg(st));
    const rtable *t = &r->tables[model_entity_by_table("region_programme")];
    json_t *list = json_array();
    char runs[256] = "";
    for (size_t i = 0; i < t->n; i++) {
        snprintf(runs + strlen(runs), sizeof runs - strlen(runs), "%s%s", i ? ", " : "",
                 t->rows[i].v[0]);
        if (!o->programme || strcmp(o->programme, t->rows[i].v[0]) == 0)
            json_array_append_new(list, json_string(t->rows[i].v[0]));
    }
    size_t runs_n = t->n;
    rdata_free(r);
    int code = SPIL_EXIT_OK;
    if (!runs_n)
        code = cli_error(o, SPIL_EXIT_USAGE,
                         _("%s runs no programme; add one under 'programmes' in its region.yaml"),
                         region);
    else if (!json_array_size(list))
        code = cli_error(o, SPIL_EXIT_USAGE, _("%s does not run programme '%s'; it runs %s"),
                         region, o->programme, runs);
    if (code != SPIL_EXIT_OK)
        json_decref(list);
    else
        *out = list;
    return code;
}

/* The one programme to work on (advance, check --step, check --assume): --programme, else the
** only one the region runs. NULL after the error. */
static const char *pick_programme(const cli_opts *o, store *st, const char *region, char *buf,
                                  size_t cap, int *code) {
    json_t *list;
    if ((*code = region_programmes(o, st, region, &list)) != SPIL_EXIT_OK) return NULL;
    const char *pick = NULL;
    if (json_array_size(list) == 1) {
        snprintf(buf, cap, "%s", json_string_value(json_array_get(list, 0)));
        pick = buf;
    } else {
        char names[256] = "";
        size_t i;
        json_t *p;
        json_array_foreach(list, i, p) {
            snprintf(names + strlen(names), sizeof names - strlen(names), "%s%s", i ? ", " : "",
                     json_string_value(p));
        }
        *code = cli_fail(o, SPIL_EXIT_USAGE,
                         _("%s runs %zu programmes (%s): choose one with --programme"), region,
                         json_array_size(list), names);
    }
    json_decref(list);
    return pick;
}

/* The word for the kind of a finding's subject, in the language spil speaks. */
static const char *subject_word(const char *kind) {
    static const char *const kinds[][2] = {
        {"municipality", N_("municipality")},
        {"organisation", N_("organisation")},
        {"person", N_("person")},
        {"body", N_("body")},
        {"agreement", N_("agreement")},
        {"theme", N_("theme")},
        {"decision", N_("decision")},
    };
    for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++)
        if (strcmp(kinds[i][0], kind) == 0) return _(kinds[i][1]);
    return kind;
}

/* Print one check result with its findings. Every text from region code or data goes through
** lang_esc, which shows what would drive a terminal. */
static void print_check(const eval_check *c, int color) {
    int blocking = 0;
    for (size_t i = 0; i < c->nfindings; i++)
        blocking += c->findings[i].blocking;
    int pass = c->status == EVAL_PASS, waiting = c->status == EVAL_WAITING;
    int na = c->status == EVAL_NOT_APPLICABLE;
    /* TRANSLATORS: the marks of a check that passed, blocks, or only advises; one width. */
    const char *mark = pass ? _("ok  ") : blocking ? _("FAIL") : _("warn");
    const char *col = pass ? out_green(color) : blocking ? out_red(color) : out_yellow(color);
    if (waiting) /* TRANSLATORS: the mark of a check that waits for another; the same width. */
        mark = _("wait"), col = out_dim(color);
    if (na) /* TRANSLATORS: the mark of a check that does not apply (n/a); the same width. */
        mark = _("n/a "), col = out_dim(color);
    printf("%s%s%s %s%s%s  %s", col, mark, out_reset(color), out_bold(color), lang_esc(c->id),
           out_reset(color), lang_esc(c->name));
    if (c->status == EVAL_ERROR)
        printf(_(" %s(the check failed)%s"), out_red(color), out_reset(color));
    if (waiting) /* TRANSLATORS: the name of the check it waits for. */
        printf(_(" %s(cannot be judged yet: first '%s')%s"), out_dim(color),
               lang_esc(c->waits_for_name ? c->waits_for_name : c->waits_for), out_reset(color));
    if (na) /* TRANSLATORS: why the check does not apply. */
        printf(_(" %s(n/a: %s)%s"), out_dim(color), lang_esc(c->reason ? c->reason : ""),
               out_reset(color));
    putchar('\n');
    const char *source = c->source ? c->source : "";
    /* TRANSLATORS: the %s around the text switch the colour on and off. */
    if (*source && (c->nfindings || out_verbose())) /* -v: a passing check's source too */
        printf(_("     %ssource: %s%s\n"), out_dim(color), lang_esc(source), out_reset(color));
    for (size_t i = 0; i < c->nfindings; i++) {
        const eval_finding *f = &c->findings[i];
        if (f->subject_kind && strcmp(f->subject_kind, "region") != 0)
            /* TRANSLATORS: a finding about a subject: the finding, then [kind id] dimmed. */
            printf(f->blocking ? _("     - %s %s[%s %s]%s\n")
                               : _("     - (advisory) %s %s[%s %s]%s\n"),
                   lang_esc(f->missing), out_dim(color), subject_word(f->subject_kind),
                   lang_esc(f->subject_id), out_reset(color));
        else
            printf(f->blocking ? _("     - %s\n") : _("     - (advisory) %s\n"),
                   lang_esc(f->missing));
        if (f->remedy && *f->remedy) printf(_("       do: %s\n"), lang_esc(f->remedy));
        if (f->source && *f->source && strcmp(f->source, source) != 0)
            printf(_("       %ssource: %s%s\n"), out_dim(color), lang_esc(f->source),
                   out_reset(color));
    }
}

/* Checks in the order people act on them: failing blocking, failing advisory, waiting for
** another, passing, not applying. */
static int rank(const eval_check *c) {
    if (c->status == EVAL_NOT_APPLICABLE) return 4;
    if (c->status == EVAL_PASS) return 3;
    if (c->status == EVAL_WAITING) return 2;
    for (size_t i = 0; i < c->nfindings; i++)
        if (c->findings[i].blocking) return 0;
    return 1;
}

/* The closing lines: how many checks wait for another or do not apply (when any), then the
** verdict, last: ready or not, and how many findings. */
static void print_verdict(const char *region, const eval_result *res, int color) {
    if (res->waiting && !out_quiet())
        printf(lang_trn("%d check cannot be judged until the check it waits for is met.\n",
                        "%d checks cannot be judged until the checks they wait for are met.\n",
                        (unsigned long)res->waiting),
               res->waiting);
    if (res->not_applicable && !out_quiet())
        printf(lang_trn("%d check does not apply to the region (n/a: the reason is beside it).\n",
                        "%d checks do not apply to the region (n/a: the reason is beside each).\n",
                        (unsigned long)res->not_applicable),
               res->not_applicable);
    if (out_quiet()) { /* -q: the line alone, so it says which region and programme */
        out_str(stdout, region);
        fputs(" (", stdout);
        out_str(stdout, res->programme);
        fputs("): ", stdout);
    }
    if (res->ready) /* TRANSLATORS: READY in green; the step; the number of advisory findings. */
        printf(_("%sREADY%s to leave step %s: no blocking findings, %d advisory.\n"),
               out_green(color), out_reset(color), lang_esc(res->step), res->advisory);
    else
        /* TRANSLATORS: NOT READY in red; the step; blocking and advisory findings. */
        printf(lang_trn("%sNOT READY%s to leave step %s: %d blocking finding, %d advisory.\n",
                        "%sNOT READY%s to leave step %s: %d blocking findings, %d advisory.\n",
                        (unsigned long)res->blocking),
               out_red(color), out_reset(color), lang_esc(res->step), res->blocking, res->advisory);
}

/* Where the region's programme asks less than the guidance at this step: a verdict of READY is
** the region's own, and says so. */
static void print_departures(const eval_result *res) {
    size_t i;
    const json_t *d;
    if (!res->departures || !json_array_size(res->departures)) return;
    fputs(res->ready
              ? _("Ready under the region's own rules; the guidance asks more at this step:\n")
              : _("At this step the region's own rules ask less than the guidance:\n"),
          stdout);
    json_array_foreach(res->departures, i, d) {
        const char *change = json_string_value(json_object_get(d, "change")),
                   *id = lang_esc(json_string_value(json_object_get(d, "check"))),
                   *name = lang_esc(json_string_value(json_object_get(d, "name")));
        if (!change) continue;
        if (strcmp(change, "step") == 0)
            printf(_("  - step %s is the region's own: the guidance has no such step\n"),
                   lang_esc(res->step));
        else if (strcmp(change, "advisory") == 0)
            printf(_("  - %s (%s): advisory here, blocking in the guidance\n"), name, id);
        else if (strcmp(change, "removed") == 0)
            printf(_("  - %s (%s): left out here, blocking in the guidance\n"), name, id);
        else
            printf(_("  - %s (%s): replaced by a check of the region's own\n"), name, id);
    }
}

static void print_result(const char *region, const eval_result *res, int color) {
    if (out_quiet()) { /* -q: the verdict line alone */
        print_verdict(region, res, color);
        return;
    }
    /* TRANSLATORS: region (in bold), programme, step and the step's name. */
    printf(_("%s%s%s: %s, step %s (%s)\n"), out_bold(color), lang_esc(region), out_reset(color),
           lang_esc(res->programme), lang_esc(res->step), lang_esc(res->name));
    for (int r = 0; r < 5; r++)
        for (size_t i = 0; i < res->nchecks; i++)
            if (rank(&res->checks[i]) == r) print_check(&res->checks[i], color);
    print_verdict(region, res, color);
    print_departures(res);
}

/* Whether b has a finding of the same check that says the same as f. */
static int has_finding(const eval_result *b, const eval_finding *f) {
    for (size_t i = 0; i < b->nchecks; i++)
        for (size_t j = 0; j < b->checks[i].nfindings; j++) {
            const eval_finding *g = &b->checks[i].findings[j];
            if (strcmp(g->check, f->check) == 0 && strcmp(g->missing, f->missing) == 0) return 1;
        }
    return 0;
}

/* The findings of a that b does not have, each once, as JSON. */
static json_t *findings_minus(const eval_result *a, const eval_result *b) {
    json_t *out = json_array(), *seen = json_object();
    for (size_t i = 0; i < a->nchecks; i++)
        for (size_t j = 0; j < a->checks[i].nfindings; j++) {
            const eval_finding *f = &a->checks[i].findings[j];
            char key[1024];
            snprintf(key, sizeof key, "%s\x1f%s", f->check, f->missing);
            if (json_object_get(seen, key)) continue;
            json_object_set_new(seen, key, json_true());
            if (!has_finding(b, f)) json_array_append_new(out, eval_finding_json(f));
        }
    json_decref(seen);
    return out;
}

/* "check: missing" of a finding in JSON, escaped for the terminal. */
static void print_finding_line(json_t *f) {
    printf("%s: %s\n", lang_esc(json_string_value(json_object_get(f, "check"))),
           lang_esc(json_string_value(json_object_get(f, "missing"))));
}

/* Exit code of a runtime call that failed, after printing its message. */
static int runtime_fail(const cli_opts *o, int rc, const char *err) {
    return cli_error(o, rc == RT_INTERNAL ? SPIL_EXIT_INTERNAL : SPIL_EXIT_USAGE, "%s",
                     err ? err : _("cannot evaluate"));
}

/* Evaluate the step (--step, else the current one, then remembered for spil status). */
static int evaluate(cli_opts *o, store *st, const char *region, const char *programme,
                    eval_result *res) {
    char day[16], *err = NULL;
    rt *R = rt_open(st, region, region, &err);
    int rc = R ? rt_evaluate(R, programme, o->step, out_today(day), NULL, res, &err) : RT_INTERNAL;
    int code = rc == RT_OK ? SPIL_EXIT_OK : runtime_fail(o, rc, err);
    if (rc == RT_OK && !o->step) rt_remember(R, res, day);
    rt_close(R);
    free(err);
    return code;
}

/* check --assume FILE: the result before and after a change file, in a transaction that is
** rolled back, and which findings the change would clear. */
static int check_assuming(cli_opts *o, store *st, const char *region, const char *programme) {
    const char *path = cli_opt(o, "assume");
    int code = SPIL_EXIT_OK;
    diag *d = diag_new();
    rdata *base = NULL, *changed = NULL;
    changes ch = {0};
    eval_result before = {0}, after = {0};
    char now[32];
    if (store_begin(st) || !(base = rdata_from_store(st, region))) {
        code = cli_fail(o, SPIL_EXIT_INTERNAL, _("storage error: %s"), store_errmsg(st));
        goto done;
    }
    if ((code = evaluate(o, st, region, programme, &before)) != SPIL_EXIT_OK) goto done;
    if (!(changed = load_change(path, base, d))) {
        code = cli_diagnostics(o, d);
        goto done;
    }
    if (diff_compute(base, changed, &ch) ||
        diff_apply(st, region, &ch, cli_actor(), out_now(now), "assume", NULL)) {
        code = cli_fail(o, SPIL_EXIT_INTERNAL, _("storage error: %s"), store_errmsg(st));
        goto done;
    }
    if ((code = evaluate(o, st, region, programme, &after)) != SPIL_EXIT_OK) goto done;
    json_t *cleared = findings_minus(&before, &after), *added = findings_minus(&after, &before);
    if (o->json) {
        out_json(stdout, json_pack("{s:s, s:s, s:o, s:o, s:o, s:o}", "region", region, "assume",
                                   path, "cleared", cleared, "added", added, "before",
                                   eval_json(&before), "after", eval_json(&after)));
    } else {
        int color = out_color(stdout);
        size_t i;
        json_t *f;
        if (!out_quiet()) { /* -q: the verdict line alone */
            printf(_("Assuming %s (nothing is written):\n"), lang_esc(file_shown(path)));
            diff_print(&ch, stdout, color);
            size_t n = json_array_size(cleared);
            if (n)
                printf(
                    lang_trn("It would clear %zu finding:\n", "It would clear %zu findings:\n", n),
                    n);
            else
                printf(_("It would clear 0 findings.\n"));
            json_array_foreach(cleared, i, f) {
                printf("  %s-%s ", out_green(color), out_reset(color));
                print_finding_line(f);
            }
            if (json_array_size(added)) {
                printf(_("and bring %zu new:\n"), json_array_size(added));
                json_array_foreach(added, i, f) {
                    printf("  + ");
                    print_finding_line(f);
                }
            }
            putchar('\n');
        }
        print_result(region, &after, color);
        json_decref(cleared);
        json_decref(added);
    }
    code = after.ready ? SPIL_EXIT_OK : SPIL_EXIT_REFUSED;
done:
    store_rollback(st);
    eval_free(&before);
    eval_free(&after);
    diff_free(&ch);
    rdata_free(base);
    rdata_free(changed);
    diag_free(d);
    return code;
}

/* vals = region, programme (every run of every region) */
/* res as JSON with its region, appended to results; res is freed. */
static void keep_result(json_t *results, const char *region, eval_result *res) {
    json_t *j = eval_json(res);
    json_object_set_new(j, "region", json_string(region));
    json_array_append_new(results, j);
    eval_free(res);
}

/* spil check's --json: the results and how many are ready and not. */
static void print_results_json(json_t *results, int not_ready) {
    out_json(stdout, json_pack("{s:O, s:i, s:i}", "results", results, "ready",
                               (int)(json_array_size(results) - (size_t)not_ready), "not_ready",
                               not_ready));
}

static int collect_run(void *ctx, int header, const char *const *vals, int n) {
    (void)n;
    if (!header) json_array_append_new(ctx, json_pack("[s, s]", vals[0], vals[1]));
    return 0;
}

/* check --all: every programme of every region, in one process; a line each. */
static int check_all(cli_opts *o, store *st) {
    json_t *runs = json_array(), *results = json_array();
    int code = SPIL_EXIT_OK, not_ready = 0, color = out_color(stdout);
    if (store_sql_readonly(st, "SELECT region, programme FROM region_programme ORDER BY 1, 2",
                           collect_run, runs)) {
        code = cli_fail(o, SPIL_EXIT_INTERNAL, _("storage error: %s"), store_errmsg(st));
        goto done;
    }
    size_t i;
    json_t *run;
    json_array_foreach(runs, i, run) {
        const char *region = json_string_value(json_array_get(run, 0));
        const char *programme = json_string_value(json_array_get(run, 1));
        cli_opts one = *o;
        one.step = NULL;
        eval_result res;
        if ((code = evaluate(&one, st, region, programme, &res)) != SPIL_EXIT_OK) goto done;
        not_ready += !res.ready;
        if (!o->json && !out_quiet()) { /* -q: the count alone */
            out_col(stdout, region, 40);
            putchar(' ');
            out_col(stdout, programme, 16);
            putchar(' ');
            out_col(stdout, res.step, 28);
            /* TRANSLATORS: READY or NOT READY (one width), blocking and advisory findings. */
            printf(_(" %s%s%s  %d blocking, %d advisory"),
                   res.ready ? out_green(color) : out_red(color),
                   res.ready ? _("READY    ") : _("NOT READY"), out_reset(color), res.blocking,
                   res.advisory);
            if (res.waiting) /* TRANSLATORS: after "%d advisory": checks that wait. */
                printf(_(", %d waiting"), res.waiting);
            if (res.not_applicable) /* TRANSLATORS: after the counts: checks that do not apply. */
                printf(_(", %d n/a"), res.not_applicable);
            putchar('\n');
        }
        keep_result(results, region, &res);
    }
    if (o->json)
        print_results_json(results, not_ready);
    else
        printf(_("%zu ready, %d not ready.\n"), json_array_size(results) - (size_t)not_ready,
               not_ready);
    code = not_ready ? SPIL_EXIT_REFUSED : SPIL_EXIT_OK;
done:
    json_decref(runs);
    json_decref(results);
    return code;
}

int cmd_check(cli_opts *o) {
    int code = SPIL_EXIT_OK;
    const char *region = o->args[0];
    int all = cli_opt(o, "all") != NULL;
    if (all == (o->nargs == 1))
        return cli_fail(o, SPIL_EXIT_USAGE,
                        all ? _("give a REGION or --all, not both")
                            : _("give a REGION, or --all for every region"));
    if (all && (o->step || o->programme || cli_opt(o, "assume")))
        return cli_fail(o, SPIL_EXIT_USAGE,
                        _("--all checks each region's current step of each of "
                          "its programmes: leave out --step, --programme and "
                          "--assume"));
    store *st = cli_open(o, CLI_CHECK, &code);
    if (!st) return code;
    if (all) {
        code = check_all(o, st);
        store_close(st);
        return code;
    }
    json_t *programmes = NULL, *results = json_array();
    char pbuf[64];
    int not_ready = 0;
    if ((code = cli_need_region(o, st, region)) != SPIL_EXIT_OK) goto done;
    if (o->step || cli_opt(o, "assume")) { /* a step, a change: of one programme */
        const char *programme = pick_programme(o, st, region, pbuf, sizeof pbuf, &code);
        if (programme && cli_opt(o, "assume")) code = check_assuming(o, st, region, programme);
        if (!programme || cli_opt(o, "assume")) goto done;
        programmes = json_pack("[s]", programme);
    } else if ((code = region_programmes(o, st, region, &programmes)) != SPIL_EXIT_OK) {
        goto done;
    }
    /* Each programme the region runs (or --programme), a section each. */
    size_t i;
    json_t *p;
    json_array_foreach(programmes, i, p) {
        eval_result res = {0};
        if ((code = evaluate(o, st, region, json_string_value(p), &res)) != SPIL_EXIT_OK) {
            eval_free(&res);
            goto done;
        }
        not_ready += !res.ready;
        if (!o->json) {
            if (i && !out_quiet()) putchar('\n');
            print_result(region, &res, out_color(stdout));
        }
        keep_result(results, region, &res);
    }
    if (o->json) print_results_json(results, not_ready);
    code = not_ready ? SPIL_EXIT_REFUSED : SPIL_EXIT_OK;
done:
    json_decref(programmes);
    json_decref(results);
    store_close(st);
    return code;
}

/* "R: P moved from step A to step B on D (by W).", each value escaped for the terminal. */
static void print_move(const char *region, const char *programme, const rt_plan *plan,
                       const char *day, const char *who) {
    printf(_("%s: %s moved from step %s to step %s on %s (by %s).\n"), lang_esc(region),
           lang_esc(programme), lang_esc(plan->from), lang_esc(plan->to), lang_esc(day),
           lang_esc(who));
}

/* The thresholds the region set in place of the guidance's defaults, which the move relied on
** (and its event records). */
static void print_parameters(const json_t *params) {
    size_t i;
    const json_t *p;
    json_array_foreach(params, i, p) {
        fputs(i ? ", " : _("  with the region's parameters: "), stdout);
        /* TRANSLATORS: a parameter, its value, the guidance's default and where it was set. */
        printf(_("%s = %lld (default %lld, %s)"),
               lang_esc(json_string_value(json_object_get(p, "name"))),
               (long long)json_integer_value(json_object_get(p, "value")),
               (long long)json_integer_value(json_object_get(p, "default")),
               lang_esc(json_string_value(json_object_get(p, "by"))));
    }
    if (json_array_size(params)) fputc('\n', stdout);
}

typedef struct since_of {
    const char *programme;
    char since[16];
} since_of;

/* vals = programme, step, since (region_programme) */
static int find_since(void *ctx, const char *const *vals, int n) {
    since_of *s = ctx;
    if (n >= 3 && strcmp(vals[0], s->programme) == 0 && vals[2])
        snprintf(s->since, sizeof s->since, "%s", vals[2]);
    return 0;
}

int cmd_advance(cli_opts *o) {
    int code;
    const char *region = o->args[0];
    if (!o->as)
        return cli_fail(o, SPIL_EXIT_USAGE, _("say who advances the step with --as PERSON"));
    store *st = cli_open(o, CLI_WRITE, &code);
    if (!st) return code;
    rt *R = NULL;
    rt_plan plan = {0};
    char pbuf[64], day[16], now[32], *err = NULL;
    const char *programme = NULL;
    if ((code = cli_need_region(o, st, region)) != SPIL_EXIT_OK) goto done;
    if (!(programme = pick_programme(o, st, region, pbuf, sizeof pbuf, &code))) goto done;
    /* A typo in --as is bad input, said before any check runs. */
    char like[256];
    int known = cli_find_id(st, region, "person", o->as, like, sizeof like);
    if (known <= 0) {
        code = known < 0 ? cli_fail(o, SPIL_EXIT_INTERNAL, _("storage error: %s"), store_errmsg(st))
               : *like
                   ? cli_error(o, SPIL_EXIT_USAGE,
                               _("no person '%s' in region %s; did you mean '%s'?"), o->as, region,
                               like)
                   : cli_error(o, SPIL_EXIT_USAGE, _("no person '%s' in region %s"), o->as, region);
        goto done;
    }
    /* --date: the move happened on that day (day), and the checks are run as of it. No loader
    ** reads it here, so a value that is no date is refused here too. */
    const char *date = cli_opt(o, "date");
    if ((code = cli_date_not_after_today(o, day)) != SPIL_EXIT_OK) goto done;
    if (!model_valid_date(day)) {
        char today[16];
        code = cli_fail(o, SPIL_EXIT_USAGE,
                        _("--date takes a day YYYY-MM-DD that is not after today (%s), not '%s'"),
                        out_today(today), day);
        goto done;
    }
    /* Not before the day the step was entered: the history would say it ended first (and an
    ** export of it would not load again). Without --date the move is today's. */
    since_of s = {programme, ""};
    if (store_rows(st, model_entity_by_table("region_programme"), region, find_since, &s)) {
        code = cli_fail(o, SPIL_EXIT_INTERNAL, _("storage error: %s"), store_errmsg(st));
        goto done;
    }
    if (*s.since && strcmp(day, s.since) < 0) {
        code = date ? cli_error(o, SPIL_EXIT_USAGE,
                                _("--date %s is before %s, the day %s entered its current step; "
                                  "give a day from %s on"),
                                day, s.since, programme, s.since)
                    : cli_error(o, SPIL_EXIT_USAGE,
                                _("%s entered its current step on %s, after today (%s); correct "
                                  "'since' in the region's file (spil load --force)"),
                                programme, s.since, day);
        goto done;
    }
    /* One snapshot for the verdict and the move: the write lock (BEGIN IMMEDIATE) before the
    ** checks run, so no sign or load can commit between them (robust-4). */
    if (store_begin(st)) {
        code = cli_fail(o, SPIL_EXIT_INTERNAL, _("storage error: %s"), store_errmsg(st));
        goto done;
    }
    int rc = (R = rt_open(st, region, region, &err))
                 ? rt_plan_advance(R, programme, o->as, day, &plan, &err)
                 : RT_INTERNAL;
    if (rc != RT_OK) {
        code = runtime_fail(o, rc, err);
        goto done;
    }
    /* A move dated in the past takes effect now: the step must be ready today as well, or
    ** --date would carry a region past what it lacks today (a signature since withdrawn, a
    ** role since ended). The verdict shown is then today's. */
    char today[16];
    if (plan.allowed && strcmp(day, out_today(today)) != 0) {
        eval_result now_r = {0};
        if ((rc = rt_evaluate(R, programme, NULL, today, NULL, &now_r, &err)) != RT_OK) {
            eval_free(&now_r);
            code = runtime_fail(o, rc, err);
            goto done;
        }
        if (!now_r.ready) {
            char reason[512];
            snprintf(reason, sizeof reason,
                     lang_trn("on %s the step was ready, but today (%s) step %s has %d blocking "
                              "finding: a move dated in the past must be ready today too",
                              "on %s the step was ready, but today (%s) step %s has %d blocking "
                              "findings: a move dated in the past must be ready today too",
                              (unsigned long)now_r.blocking),
                     day, today, now_r.step, now_r.blocking);
            eval_free(&plan.result);
            plan.result = now_r;
            plan.allowed = 0;
            free(plan.reason);
            if (!(plan.reason = strdup(reason))) {
                code = cli_fail(o, SPIL_EXIT_INTERNAL, _("out of memory"));
                goto done;
            }
        } else
            eval_free(&now_r);
    }
    if (!plan.allowed) {
        if (o->json) {
            json_t *j = rt_plan_json(&plan);
            json_object_set_new(j, "region", json_string(region));
            out_json(stdout, j);
        } else if (!plan.result.ready && !out_quiet()) {
            print_result(region, &plan.result, 0);
        }
        code = cli_error(o, SPIL_EXIT_REFUSED, _("refused: %s"),
                         plan.reason ? plan.reason : _("the rules do not allow it"));
        goto done;
    }
    if (rt_advance(R, programme, &plan, o->as, day, out_now(now), o->reason, &err) != RT_OK) {
        code = cli_fail(o, SPIL_EXIT_INTERNAL, _("storage error: %s"), err);
        goto done;
    }
    if (o->json) {
        json_t *j = json_pack("{s:s, s:s, s:s, s:s, s:b}", "region", region, "programme", programme,
                              "from", plan.from, "to", plan.to, "advanced", 1);
        if (j && plan.parameters) json_object_set(j, "parameters", plan.parameters);
        if (j && plan.rules && json_array_size(plan.rules)) json_object_set(j, "rules", plan.rules);
        out_json(stdout, j);
    } else {
        print_move(region, programme, &plan, day, o->as);
        if (!out_quiet()) print_parameters(plan.parameters);
        if (!out_quiet()) print_departures(&plan.result);
        if (!out_quiet() && plan.rules && json_array_size(plan.rules)) {
            size_t k;
            const json_t *r;
            fputs(_("  under the region's own governance rule: "), stdout);
            json_array_foreach(plan.rules, k, r)
                printf("%s%s", k ? ", " : "", lang_esc(json_string_value(r)));
            fputc('\n', stdout);
        }
    }
    code = SPIL_EXIT_OK;
done:
    if (code != SPIL_EXIT_OK) store_rollback(st); /* refused: nothing written, the lock let go */
    rt_plan_free(&plan);
    rt_close(R);
    free(err);
    store_close(st);
    return code;
}
