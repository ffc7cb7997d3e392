/*
** cmd_show.c: the read commands: regions, status, log. Human output or --json; never writes:
** the database is opened read-only, in one snapshot (docs/storage.md). Every value from the
*database reaches the terminal through
** out_text.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "lang.h"
#include "model.h"
#include "out.h"
#include "rdata.h"
#include "runtime.h"
#include "store.h"

/* Collects rows of a query as a JSON array of arrays of strings/null. */
static int collect(void *ctx, const char *const *vals, int n) {
    json_t *row = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(row, vals[i] ? json_string(vals[i]) : json_null());
    json_array_append_new(ctx, row);
    return 0;
}

static const char *str_at(json_t *row, size_t i) {
    return json_string_value(json_array_get(row, i));
}

/* One region as JSON: id, name, municipalities [{code, name, status, since, until}],
** programmes [{programme, step, since}]. */
static json_t *region_json(store *st, const char *id, const char *name, int *failed) {
    json_t *munis = json_array(), *rows = json_array();
    if (store_region_municipalities(st, id, collect, rows)) *failed = 1;
    size_t i;
    json_t *row;
    json_array_foreach(rows, i, row) {
        json_array_append_new(
            munis, json_pack("{s:O, s:O, s:O, s:O, s:O}", "code", json_array_get(row, 0), "name",
                             json_array_get(row, 1), "status", json_array_get(row, 2), "since",
                             json_array_get(row, 3), "until", json_array_get(row, 4)));
    }
    json_decref(rows);
    rows = json_array();
    int e = model_entity_by_table("region_programme");
    if (store_rows(st, e, id, collect, rows)) *failed = 1;
    json_t *progs = json_array();
    json_array_foreach(rows, i, row) {
        json_array_append_new(
            progs, json_pack("{s:O, s:O, s:O}", "programme", json_array_get(row, 0), "step",
                             json_array_get(row, 1), "since", json_array_get(row, 2)));
    }
    json_decref(rows);
    return json_pack("{s:s, s:s, s:o, s:o}", "id", id, "name", name, "municipalities", munis,
                     "programmes", progs);
}

/* Every region (or the one named) as a JSON array; NULL on a storage error. */
static json_t *regions_json(store *st, const char *only) {
    json_t *ids = json_array(), *out = json_array();
    int failed = store_regions(st, collect, ids) != 0;
    size_t i;
    json_t *row;
    json_array_foreach(ids, i, row) {
        if (only && strcmp(only, str_at(row, 0)) != 0) continue;
        json_array_append_new(out, region_json(st, str_at(row, 0), str_at(row, 1), &failed));
    }
    json_decref(ids);
    if (failed) {
        json_decref(out);
        return NULL;
    }
    return out;
}

/* Add to each programme of region r (JSON) whether its current step is ready to leave:
** ready, blocking and advisory, or check_error when the checks cannot run. */
static void add_readiness(store *st, json_t *r) {
    const char *id = json_string_value(json_object_get(r, "id"));
    char day[16];
    out_today(day);
    size_t i;
    json_t *p;
    char *err = NULL;
    rt *R = rt_open(st, id, id, &err);
    json_array_foreach(json_object_get(r, "programmes"), i, p) {
        int blocking, advisory;
        if (R && rt_readiness(R, json_string_value(json_object_get(p, "programme")), day, &blocking,
                              &advisory, &err) == RT_OK) {
            json_object_set_new(p, "ready", json_boolean(blocking == 0));
            json_object_set_new(p, "blocking", json_integer(blocking));
            json_object_set_new(p, "advisory", json_integer(advisory));
        } else {
            json_object_set_new(p, "check_error", json_string(err ? err : "?"));
        }
        if (R) { /* the message of rt_open stays for every programme */
            free(err);
            err = NULL;
        }
    }
    free(err);
    rt_close(R);
}

static int show(cli_opts *o, int detailed) {
    int code;
    const char *only = o->nargs ? o->args[0] : NULL;
    store *st = cli_open_region(o, CLI_READ, only, &code);
    if (!st) return code;
    json_t *regions = regions_json(st, only);
    if (!regions) {
        code = cli_fail(o, SPIL_EXIT_INTERNAL, _("storage error: %s"), store_errmsg(st));
        store_close(st);
        return code;
    }
    size_t k;
    json_t *each;
    if (detailed) json_array_foreach(regions, k, each) add_readiness(st, each);
    store_close(st);
    /* A step that cannot be checked (a step the programme does not have, region code that
    ** fails) is shown, and named as an error: status then exits 2. */
    int unchecked = 0;
    json_array_foreach(regions, k, each) {
        size_t m;
        json_t *p;
        json_array_foreach(json_object_get(each, "programmes"), m, p) {
            const char *why = json_string_value(json_object_get(p, "check_error"));
            if (!why) continue;
            unchecked++;
            cli_error(o, SPIL_EXIT_USAGE, _("%s: cannot check %s: %s"),
                      json_string_value(json_object_get(each, "id")),
                      json_string_value(json_object_get(p, "programme")), why);
        }
    }
    code = unchecked ? SPIL_EXIT_USAGE : SPIL_EXIT_OK;
    if (o->json)
        return out_json(stdout, json_pack("{s:o}", "regions", regions)) ? SPIL_EXIT_INTERNAL : code;
    int color = out_color(stdout);
    size_t i, j;
    json_t *r, *x;
    if (!json_array_size(regions))
        printf(_("No regions in %s yet. Load one with 'spil load regions/<name>'.\n"),
               lang_esc(o->db));
    json_array_foreach(regions, i, r) {
        json_t *munis = json_object_get(r, "municipalities"),
               *progs = json_object_get(r, "programmes");
        if (!detailed) {
            fputs(out_bold(color), stdout);
            out_col(stdout, json_string_value(json_object_get(r, "id")), 24);
            printf("%s ", out_reset(color));
            out_col(stdout, json_string_value(json_object_get(r, "name")), 32);
            printf(lang_trn(" %2zu municipality", " %2zu municipalities", json_array_size(munis)),
                   json_array_size(munis));
            json_array_foreach(progs, j, x) {
                printf("%s ", j ? "," : ";");
                out_str(stdout, json_string_value(json_object_get(x, "programme")));
            }
            putchar('\n');
            continue;
        }
        fputs(out_bold(color), stdout);
        out_str(stdout, json_string_value(json_object_get(r, "name")));
        printf("%s (", out_reset(color));
        out_str(stdout, json_string_value(json_object_get(r, "id")));
        puts(")");
        int col = printf(_("  municipalities (%zu):"), json_array_size(munis));
        json_array_foreach(munis, j, x) {
            const char *name = json_string_value(json_object_get(x, "name"));
            if (col + (int)strlen(name) + 2 > 96) {
                printf("\n   ");
                col = 3;
            }
            putchar(' ');
            col += 1 + out_str(stdout, name);
            if (j + 1 < json_array_size(munis)) col += printf(",");
        }
        putchar('\n');
        if (!json_array_size(progs)) printf(_("  programmes: none\n"));
        json_array_foreach(progs, j, x) {
            const char *step = json_string_value(json_object_get(x, "step"));
            const char *since = json_string_value(json_object_get(x, "since"));
            fputs("  ", stdout);
            out_col(stdout, json_string_value(json_object_get(x, "programme")), 18);
            const char *b = out_bold(color), *off = out_reset(color);
            const char *st = step ? lang_esc(step) : _("(not started)");
            json_t *ready = json_object_get(x, "ready");
            long long blocking = json_integer_value(json_object_get(x, "blocking"));
            /* TRANSLATORS: the step in bold, since when; the %s around ready switch colour. */
            if (json_is_true(ready) && since)
                printf(_(" step %s%s%s since %s: %sready%s to advance\n"), b, st, off,
                       lang_esc(since), out_green(color), off);
            else if (json_is_true(ready))
                printf(_(" step %s%s%s: %sready%s to advance\n"), b, st, off, out_green(color),
                       off);
            else if (ready && since)
                printf(lang_trn(" step %s%s%s since %s: %snot ready%s, %lld blocking finding\n",
                                " step %s%s%s since %s: %snot ready%s, %lld blocking findings\n",
                                (unsigned long)blocking),
                       b, st, off, lang_esc(since), out_red(color), off, blocking);
            else if (ready)
                printf(lang_trn(" step %s%s%s: %snot ready%s, %lld blocking finding\n",
                                " step %s%s%s: %snot ready%s, %lld blocking findings\n",
                                (unsigned long)blocking),
                       b, st, off, out_red(color), off, blocking);
            else if (since)
                printf(_(" step %s%s%s since %s: cannot check: %s\n"), b, st, off, lang_esc(since),
                       lang_esc(json_string_value(json_object_get(x, "check_error"))));
            else
                printf(_(" step %s%s%s: cannot check: %s\n"), b, st, off,
                       lang_esc(json_string_value(json_object_get(x, "check_error"))));
        }
        if (i + 1 < json_array_size(regions)) putchar('\n');
    }
    json_decref(regions);
    return code;
}

int cmd_regions(cli_opts *o) {
    return show(o, 0);
}

int cmd_status(cli_opts *o) {
    return show(o, 1);
}

static const char *const event_cols[] = {"id",     "at",     "actor", "region", "command",
                                         "action", "entity", "key",   "detail", "reason"};

static int print_event(void *ctx, const char *const *v, int n) {
    (void)n;
    int color = *(int *)ctx;
    fputs(out_dim(color), stdout);
    out_str(stdout, v[1]);
    printf("%s  ", out_reset(color));
    out_col(stdout, v[2], 10);
    putchar(' ');
    out_col(stdout, v[4], 8);
    printf(" %s", out_bold(color));
    out_col(stdout, v[5], 6);
    printf("%s ", out_reset(color));
    out_str(stdout, v[6]);
    putchar(' ');
    out_str(stdout, v[7]);
    if (v[3]) {
        printf("  %s(", out_dim(color));
        out_str(stdout, v[3]);
        printf(")%s", out_reset(color));
    }
    /* The counts of an import and the change of a setting are worth a glance; other details
    ** are in --json. */
    json_t *d = v[8] && v[4] && (!strcmp(v[4], "import") || !strcmp(v[4], "setting"))
                    ? json_loads(v[8], 0, NULL)
                    : NULL;
    json_int_t rows = d ? json_integer_value(json_object_get(d, "rows")) : 0;
    if (d && !strcmp(v[4], "import"))
        printf("  %lld row%s: %lld added, %lld changed", (long long)rows, rows == 1 ? "" : "s",
               (long long)json_integer_value(json_object_get(d, "added")),
               (long long)json_integer_value(json_object_get(d, "changed")));
    json_t *ch = d && !strcmp(v[4], "setting") ? json_object_get(d, v[7] ? v[7] : "") : NULL;
    if (ch && json_is_string(json_object_get(ch, "to"))) /* lang nl -> en */
        printf("  %s -> %s", lang_esc(json_string_value(json_object_get(ch, "from"))),
               lang_esc(json_string_value(json_object_get(ch, "to"))));
    else if (ch)
        printf("  %lld -> %lld", (long long)json_integer_value(json_object_get(ch, "from")),
               (long long)json_integer_value(json_object_get(ch, "to")));
    json_decref(d);
    if (v[9]) {
        fputs("  reason: ", stdout);
        out_str(stdout, v[9]);
    }
    putchar('\n');
    return 0;
}

static int json_event(void *ctx, const char *const *v, int n) {
    json_t *o = json_object();
    for (int i = 0; i < n && i < 10; i++) {
        json_t *val = v[i] ? json_string(v[i]) : json_null();
        if (i == 0) {
            json_decref(val);
            val = json_integer(strtoll(v[0], NULL, 10));
        } else if (i == 8 && v[i]) {
            json_decref(val);
            val = json_loads(v[i], 0, NULL);
            if (!val) val = json_string(v[i]);
        }
        json_object_set_new(o, event_cols[i], val);
    }
    json_array_append_new(ctx, o);
    return 0;
}

int cmd_log(cli_opts *o) {
    int code;
    const char *region = o->nargs ? o->args[0] : NULL;
    store *st = cli_open_region(o, CLI_READ, region, &code);
    if (!st) return code;
    int color = out_color(stdout), r;
    json_t *events = json_array();
    if (o->json)
        r = store_events(st, region, o->limit, json_event, events);
    else
        r = store_events(st, region, o->limit, print_event, &color);
    if (r) {
        json_decref(events);
        code = cli_fail(o, SPIL_EXIT_INTERNAL, _("storage error: %s"), store_errmsg(st));
        store_close(st);
        return code;
    }
    store_close(st);
    if (o->json) return out_json(stdout, json_pack("{s:o}", "events", events)) ? 3 : 0;
    json_decref(events);
    return SPIL_EXIT_OK;
}
