/*
** cmd_check.c: the workflow commands: check (is the region ready to leave its step, and if not,
** exactly what is missing) and advance (leave it, when the checks and the governance rules
** allow). The checks themselves are Lua (stdlib/spil/engine.lua and the programmes); this file
** asks for their result and shows it, and writes the step change in one transaction.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "diff.h"
#include "load.h"
#include "model.h"
#include "out.h"
#include "rdata.h"
#include "region.h"
#include "store.h"

/* The programme to work on: --programme, else the only one the region runs. */
static const char *pick_programme(const cli_opts *o, store *st, const char *region, char *buf,
                                  size_t cap, int *code) {
    if (o->programme) return o->programme;
    rdata *r = rdata_from_store(st, region);
    if (!r) {
        *code = cli_fail(o, SPIL_EXIT_INTERNAL, "storage error: %s", store_errmsg(st));
        return NULL;
    }
    int e = model_entity_by_table("region_programme");
    const rtable *t = &r->tables[e];
    const char *pick = NULL;
    if (t->n == 1) {
        snprintf(buf, cap, "%s", t->rows[0].v[0]);
        pick = buf;
    } else if (t->n == 0) {
        *code =
            cli_fail(o, SPIL_EXIT_USAGE,
                     "%s runs no programme; add one under 'programmes' in its region.yaml", region);
    } else {
        char list[256] = "";
        for (size_t i = 0; i < t->n; i++)
            snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", i ? ", " : "",
                     t->rows[i].v[0]);
        *code =
            cli_fail(o, SPIL_EXIT_USAGE, "%s runs %zu programmes (%s): choose one with --programme",
                     region, t->n, list);
    }
    rdata_free(r);
    return pick;
}

static const char *jstr(json_t *o, const char *k) {
    const char *s = json_string_value(json_object_get(o, k));
    return s ? s : "";
}

/* Print one check result with its findings. */
static void print_check(json_t *c, int color) {
    const char *status = jstr(c, "status");
    json_t *findings = json_object_get(c, "findings");
    int blocking = 0;
    size_t i;
    json_t *f;
    json_array_foreach(findings, i, f) blocking += strcmp(jstr(f, "severity"), "blocking") == 0;
    const char *mark = strcmp(status, "pass") == 0 ? "ok  " : blocking ? "FAIL" : "warn";
    const char *col = strcmp(status, "pass") == 0 ? out_green(color)
                      : blocking                  ? out_red(color)
                                                  : out_yellow(color);
    printf("%s%s%s %s%s%s  %s", col, mark, out_reset(color), out_bold(color), jstr(c, "id"),
           out_reset(color), jstr(c, "name"));
    if (strcmp(status, "error") == 0)
        printf(" %s(the check failed)%s", out_red(color), out_reset(color));
    putchar('\n');
    const char *source = jstr(c, "source");
    if (*source && json_array_size(findings))
        printf("     %ssource: %s%s\n", out_dim(color), source, out_reset(color));
    json_array_foreach(findings, i, f) {
        json_t *subject = json_object_get(f, "subject");
        int adv = strcmp(jstr(f, "severity"), "blocking") != 0;
        printf("     - %s%s", adv ? "(advisory) " : "", jstr(f, "missing"));
        if (json_is_object(subject) && strcmp(jstr(subject, "kind"), "region") != 0)
            printf(" %s[%s %s]%s", out_dim(color), jstr(subject, "kind"), jstr(subject, "id"),
                   out_reset(color));
        putchar('\n');
        if (*jstr(f, "remedy")) printf("       do: %s\n", jstr(f, "remedy"));
        if (*jstr(f, "source") && strcmp(jstr(f, "source"), source) != 0)
            printf("       %ssource: %s%s\n", out_dim(color), jstr(f, "source"), out_reset(color));
    }
}

/* Checks in the order people act on them: failing blocking, failing advisory, passing. */
static int rank(json_t *c) {
    const char *status = jstr(c, "status");
    if (strcmp(status, "pass") == 0) return 2;
    size_t i;
    json_t *f;
    json_array_foreach(json_object_get(c, "findings"), i,
                       f) if (strcmp(jstr(f, "severity"), "blocking") == 0) return 0;
    return 1;
}

static void print_result(const char *region, json_t *res, int color) {
    int blocking = (int)json_integer_value(json_object_get(res, "blocking"));
    int advisory = (int)json_integer_value(json_object_get(res, "advisory"));
    int ready = json_is_true(json_object_get(res, "ready"));
    printf("%s%s%s: %s, step %s (%s)\n", out_bold(color), region, out_reset(color),
           jstr(res, "programme"), jstr(res, "step"), jstr(res, "name"));
    for (int r = 0; r < 3; r++) {
        size_t i;
        json_t *c;
        json_array_foreach(json_object_get(res, "checks"), i, c) if (rank(c) == r)
            print_check(c, color);
    }
    if (ready)
        printf("%sREADY%s to leave step %s: no blocking findings, %d advisory.\n", out_green(color),
               out_reset(color), jstr(res, "step"), advisory);
    else
        printf("%sNOT READY%s to leave step %s: %d blocking finding%s, %d advisory.\n",
               out_red(color), out_reset(color), jstr(res, "step"), blocking,
               blocking == 1 ? "" : "s", advisory);
}

/* The findings of a result as "check\x1fmissing" strings in a JSON object used as a set. */
static json_t *finding_set(json_t *res) {
    json_t *set = json_object();
    size_t i, j;
    json_t *c, *f;
    json_array_foreach(json_object_get(res, "checks"), i, c) {
        json_array_foreach(json_object_get(c, "findings"), j, f) {
            char key[1024];
            snprintf(key, sizeof key, "%s\x1f%s", jstr(f, "check"), jstr(f, "missing"));
            json_object_set(set, key, f);
        }
    }
    return set;
}

/* The findings of a that b does not have. */
static json_t *findings_minus(json_t *a, json_t *b) {
    json_t *sa = finding_set(a), *sb = finding_set(b), *out = json_array(), *f;
    const char *key;
    json_object_foreach(sa, key, f) if (!json_object_get(sb, key)) json_array_append(out, f);
    json_decref(sa);
    json_decref(sb);
    return out;
}

static json_t *evaluate(cli_opts *o, store *st, const char *region, const char *programme,
                        int *code) {
    char day[16], *err = NULL;
    int usage = 0;
    json_t *res =
        region_evaluate(st, region, region, programme, o->step, out_today(day), &err, &usage);
    if (!res) *code = cli_fail(o, usage ? SPIL_EXIT_USAGE : SPIL_EXIT_INTERNAL, "%s", err);
    if (res && !o->step) region_remember(st, region, res, day); /* for spil status */
    free(err);
    return res;
}

/* check --assume FILE: the result before and after a change file, in a transaction that is
** rolled back, and which findings the change would clear. */
static int check_assuming(cli_opts *o, store *st, const char *region, const char *programme) {
    const char *path = cli_opt(o, "assume");
    int code = SPIL_EXIT_OK;
    diag *d = diag_new();
    rdata *base = NULL, *changed = NULL;
    changes ch = {0};
    json_t *before = NULL, *after = NULL;
    char now[32];
    if (store_begin(st) || !(base = rdata_from_store(st, region))) {
        code = cli_fail(o, SPIL_EXIT_INTERNAL, "storage error: %s", store_errmsg(st));
        goto done;
    }
    if (!(before = evaluate(o, st, region, programme, &code))) goto done;
    if (!(changed = load_change(path, base, d))) {
        code = cli_diagnostics(o, d);
        goto done;
    }
    if (diff_compute(base, changed, &ch) ||
        diff_apply(st, region, &ch, cli_actor(), out_now(now), "assume", NULL)) {
        code = cli_fail(o, SPIL_EXIT_INTERNAL, "storage error: %s", store_errmsg(st));
        goto done;
    }
    if (!(after = evaluate(o, st, region, programme, &code))) goto done;
    json_t *cleared = findings_minus(before, after), *added = findings_minus(after, before);
    int ready = json_is_true(json_object_get(after, "ready"));
    if (o->json) {
        out_json(stdout,
                 json_pack("{s:s, s:s, s:o, s:o, s:O, s:O}", "region", region, "assume", path,
                           "cleared", cleared, "added", added, "before", before, "after", after));
    } else {
        int color = out_color(stdout);
        size_t i;
        json_t *f;
        printf("Assuming %s (nothing is written):\n", path);
        diff_print(&ch, stdout, color);
        printf("It would clear %zu finding%s", json_array_size(cleared),
               json_array_size(cleared) == 1 ? "" : "s");
        printf(json_array_size(cleared) ? ":\n" : ".\n");
        json_array_foreach(cleared, i, f)
            printf("  %s-%s %s: %s\n", out_green(color), out_reset(color), jstr(f, "check"),
                   jstr(f, "missing"));
        if (json_array_size(added)) {
            printf("and bring %zu new:\n", json_array_size(added));
            json_array_foreach(added, i, f)
                printf("  + %s: %s\n", jstr(f, "check"), jstr(f, "missing"));
        }
        putchar('\n');
        print_result(region, after, color);
        json_decref(cleared);
        json_decref(added);
    }
    code = ready ? SPIL_EXIT_OK : SPIL_EXIT_REFUSED;
done:
    store_rollback(st);
    json_decref(before);
    json_decref(after);
    diff_free(&ch);
    rdata_free(base);
    rdata_free(changed);
    diag_free(d);
    return code;
}

/* vals = region, programme (every run of every region) */
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
        code = cli_fail(o, SPIL_EXIT_INTERNAL, "storage error: %s", store_errmsg(st));
        goto done;
    }
    size_t i;
    json_t *run;
    json_array_foreach(runs, i, run) {
        const char *region = json_string_value(json_array_get(run, 0));
        const char *programme = json_string_value(json_array_get(run, 1));
        cli_opts one = *o;
        one.step = NULL;
        json_t *res = evaluate(&one, st, region, programme, &code);
        if (!res) goto done;
        int ready = json_is_true(json_object_get(res, "ready"));
        not_ready += !ready;
        json_object_set_new(res, "region", json_string(region));
        if (!o->json)
            printf("%-40s %-16s %-28s %s%s%s  %lld blocking, %lld advisory\n", region, programme,
                   jstr(res, "step"), ready ? out_green(color) : out_red(color),
                   ready ? "READY    " : "NOT READY", out_reset(color),
                   (long long)json_integer_value(json_object_get(res, "blocking")),
                   (long long)json_integer_value(json_object_get(res, "advisory")));
        json_array_append_new(results, res);
    }
    if (o->json)
        out_json(stdout, json_pack("{s:O, s:i, s:i}", "results", results, "ready",
                                   (int)(json_array_size(results) - (size_t)not_ready), "not_ready",
                                   not_ready));
    else
        printf("%zu ready, %d not ready.\n", json_array_size(results) - (size_t)not_ready,
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
                        all ? "give a REGION or --all, not both"
                            : "give a REGION, or --all for every region");
    if (all && (o->step || o->programme || cli_opt(o, "assume")))
        return cli_fail(o, SPIL_EXIT_USAGE,
                        "--all checks each region's current step of each of "
                        "its programmes: leave out --step, --programme and "
                        "--assume");
    store *st = cli_open(o, 1, &code);
    if (!st) return code;
    if (all) {
        code = check_all(o, st);
        store_close(st);
        return code;
    }
    json_t *res = NULL;
    char pbuf[64];
    const char *programme = NULL;
    if ((code = cli_need_region(o, st, region)) != SPIL_EXIT_OK) goto done;
    if (!(programme = pick_programme(o, st, region, pbuf, sizeof pbuf, &code))) goto done;
    if (cli_opt(o, "assume")) {
        code = check_assuming(o, st, region, programme);
        goto done;
    }
    if (!(res = evaluate(o, st, region, programme, &code))) goto done;
    int ready = json_is_true(json_object_get(res, "ready"));
    if (o->json) {
        json_object_set_new(res, "region", json_string(region));
        out_json(stdout, json_incref(res));
    } else {
        print_result(region, res, out_color(stdout));
    }
    code = ready ? SPIL_EXIT_OK : SPIL_EXIT_REFUSED;
done:
    json_decref(res);
    store_close(st);
    return code;
}

/* The region's rows with the programme moved from step `from` to `to` on `day`. */
static int move_step(rdata *r, const char *programme, const char *from, const char *to,
                     const char *day) {
    int pe = model_entity_by_table("region_programme"),
        he = model_entity_by_table("programme_step");
    int pstep = model_field_index(pe, "step"), psince = model_field_index(pe, "since");
    rrow *run = NULL;
    for (size_t i = 0; i < r->tables[pe].n; i++)
        if (strcmp(r->tables[pe].rows[i].v[0], programme) == 0) run = &r->tables[pe].rows[i];
    if (!run) return -1;
    char entered[16];
    snprintf(entered, sizeof entered, "%s", run->v[psince] ? run->v[psince] : day);
    /* History: the step left (entered when the run says), and the step entered today. */
    int hstep = model_field_index(he, "step"), hin = model_field_index(he, "entered"),
        hleft = model_field_index(he, "left");
    rrow *old = NULL;
    for (size_t i = 0; i < r->tables[he].n; i++) {
        rrow *h = &r->tables[he].rows[i];
        if (strcmp(h->v[0], programme) == 0 && strcmp(h->v[hstep], from) == 0 &&
            strcmp(h->v[hin], entered) == 0)
            old = h;
    }
    if (!old) {
        if (!(old = rdata_add(r, he, 0, 0))) return -1;
        if (rdata_set(r, he, old, 0, programme, 0, 0) || rdata_set(r, he, old, hstep, from, 0, 0) ||
            rdata_set(r, he, old, hin, entered, 0, 0))
            return -1;
    }
    if (rdata_set(r, he, old, hleft, day, 0, 0)) return -1;
    rrow *now = rdata_add(r, he, 0, 0);
    if (!now || rdata_set(r, he, now, 0, programme, 0, 0) ||
        rdata_set(r, he, now, hstep, to, 0, 0) || rdata_set(r, he, now, hin, day, 0, 0))
        return -1;
    /* rdata_add may have moved the rows: find the run again. */
    for (size_t i = 0; i < r->tables[pe].n; i++)
        if (strcmp(r->tables[pe].rows[i].v[0], programme) == 0) run = &r->tables[pe].rows[i];
    if (rdata_set(r, pe, run, pstep, to, 0, 0) || rdata_set(r, pe, run, psince, day, 0, 0))
        return -1;
    return rdata_sort(r);
}

int cmd_advance(cli_opts *o) {
    int code;
    const char *region = o->args[0];
    if (!o->as) return cli_fail(o, SPIL_EXIT_USAGE, "say who advances the step with --as PERSON");
    store *st = cli_open(o, 1, &code);
    if (!st) return code;
    json_t *plan = NULL;
    sbx *S = NULL;
    rdata *old = NULL, *new = NULL;
    changes ch = {0};
    char pbuf[64], day[16], now[32], *err = NULL, *why = NULL;
    const char *programme = NULL;
    if ((code = cli_need_region(o, st, region)) != SPIL_EXIT_OK) goto done;
    if (!(programme = pick_programme(o, st, region, pbuf, sizeof pbuf, &code))) goto done;
    /* The checks first (each on its own, as spil check runs them), then the rules. */
    json_t *res = evaluate(o, st, region, programme, &code);
    if (!res) goto done;
    if (json_is_true(json_object_get(res, "ready"))) {
        if (!(S = region_lua(st, region, region, &err))) {
            code = cli_fail(o, SPIL_EXIT_USAGE, "%s", err);
            json_decref(res);
            goto done;
        }
        const char *args[] = {programme, o->as, out_today(day)};
        plan = region_call(S, "spil.engine", "advance_rule", args, 3, &why, &err);
        if (!plan || json_is_null(plan)) {
            code = cli_fail(o, plan ? SPIL_EXIT_USAGE : SPIL_EXIT_INTERNAL, "%s",
                            why   ? why
                            : err ? err
                                  : "cannot advance");
            json_decref(res);
            goto done;
        }
    } else {
        json_int_t n = json_integer_value(json_object_get(res, "blocking"));
        char reason[128];
        snprintf(reason, sizeof reason, "step %s has %lld blocking finding%s", jstr(res, "step"),
                 (long long)n, n == 1 ? "" : "s");
        plan =
            json_pack("{s:b, s:s, s:s}", "allowed", 0, "reason", reason, "from", jstr(res, "step"));
    }
    json_object_set_new(plan, "result", res);
    if (!json_is_true(json_object_get(plan, "allowed"))) {
        if (o->json) {
            json_object_set_new(plan, "region", json_string(region));
            out_json(stdout, json_incref(plan));
        } else {
            if (!json_is_true(json_object_get(res, "ready"))) print_result(region, res, 0);
            fprintf(stderr, "spil: advance: refused: %s\n", jstr(plan, "reason"));
        }
        code = SPIL_EXIT_REFUSED;
        goto done;
    }
    /* Write the move in one transaction: the step change, its history, and one event with the
    ** check results that justified it. */
    const char *from = jstr(plan, "from"), *to = jstr(plan, "to");
    if (store_begin(st)) goto storage;
    if (!(old = rdata_from_store(st, region)) || !(new = rdata_from_store(st, region)) ||
        move_step(new, programme, from, to, day) || diff_compute(old, new, &ch) ||
        diff_apply(st, region, &ch, o->as, out_now(now), "advance", o->reason))
        goto storage;
    json_t *summary = json_array();
    size_t i;
    json_t *c;
    json_array_foreach(json_object_get(res, "checks"), i, c) json_array_append_new(
        summary, json_pack("{s:s, s:s}", "check", jstr(c, "id"), "status", jstr(c, "status")));
    json_t *detail = json_pack("{s:s, s:s, s:s, s:o}", "programme", programme, "from", from, "to",
                               to, "checks", summary);
    char *text = json_dumps(detail, JSON_COMPACT);
    json_decref(detail);
    store_event ev = {.at = now,
                      .actor = o->as,
                      .region = region,
                      .command = "advance",
                      .action = "advance",
                      .entity = "programme",
                      .key = programme,
                      .detail = text,
                      .reason = o->reason};
    int bad = store_log(st, &ev) || store_commit(st);
    free(text);
    if (bad) goto storage;
    if (o->json)
        out_json(stdout, json_pack("{s:s, s:s, s:s, s:s, s:b}", "region", region, "programme",
                                   programme, "from", from, "to", to, "advanced", 1));
    else
        printf("%s: %s moved from step %s to step %s on %s (by %s).\n", region, programme, from, to,
               day, o->as);
    code = SPIL_EXIT_OK;
    goto done;
storage:
    code = cli_fail(o, SPIL_EXIT_INTERNAL, "storage error: %s", store_errmsg(st));
    store_rollback(st);
done:
    diff_free(&ch);
    rdata_free(old);
    rdata_free(new);
    json_decref(plan);
    free(err);
    free(why);
    sbx_free(S);
    store_close(st);
    return code;
}
