/*
** cmd_monitor.c: the monitoring commands: import, indicators, trend, compare, setting.
**
** Figures come from measure.c, which applies the small-count rule; this file only formats them
** (a table, a sparkline on a terminal, --csv, --json) and says when values were suppressed.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "cli.h"
#include "file.h"
#include "grow.h"
#include "import.h"
#include "lang.h"
#include "measure.h"
#include "out.h"
#include "store.h"

static const char NOT_GIVEN[] = "not given by the source";

/* ---- import --------------------------------------------------------------------------------- */

int cmd_import(cli_opts *o) {
    if (strcmp(o->args[0], "measurements") != 0)
        return cli_fail(o, SPIL_EXIT_USAGE, _("spil imports 'measurements', not '%s'"), o->args[0]);
    int code;
    store *st = cli_open(o, CLI_WRITE, &code);
    if (!st) return code;
    char at[32];
    import_opts io = {.dry_run = o->dry_run,
                      .progress = !o->json && !out_quiet() && isatty(STDERR_FILENO),
                      .actor = cli_actor(),
                      .at = out_now(at)};
    import_result r;
    diag *d = diag_new();
    int rc = import_measurements(st, o->args[1], &io, d, &r);
    if (rc == 1 || (rc < 0 && diag_count(d))) {
        code = cli_diagnostics(o, d);
    } else if (rc < 0) {
        code = cli_fail(o, SPIL_EXIT_INTERNAL, _("storage error: %s"), store_errmsg(st));
    } else if (o->json) {
        code = out_json(stdout, json_pack("{s:s, s:s, s:b, s:I, s:I, s:I, s:I, s:I}", "file",
                                          o->args[1], "db", o->db, "dry_run", o->dry_run, "rows",
                                          (json_int_t)r.rows, "added", (json_int_t)r.added,
                                          "changed", (json_int_t)r.changed, "unchanged",
                                          (json_int_t)r.unchanged, "event", (json_int_t)r.event))
                   ? SPIL_EXIT_INTERNAL
                   : SPIL_EXIT_OK;
    } else {
        printf("%s %s into %s: %lld row%s, %lld added, %lld changed, %lld unchanged.\n",
               o->dry_run ? "Would import" : "Imported", file_shown(o->args[1]), o->db,
               (long long)r.rows, r.rows == 1 ? "" : "s", (long long)r.added, (long long)r.changed,
               (long long)r.unchanged);
        code = SPIL_EXIT_OK;
    }
    diag_free(d);
    store_close(st);
    return code;
}

/* ---- indicators ----------------------------------------------------------------------------- */

typedef struct list_ctx {
    const char *programme;
    json_t *out;
} list_ctx;

/* vals = id, region, code, name, kind, unit, level, numerator, denominator, source, note,
** catalogue, programme, measurements */
static int list_indicator(void *ctx, const char *const *vals, int n) {
    (void)n;
    list_ctx *c = ctx;
    if (c->programme && (!vals[12] || strcmp(vals[12], c->programme) != 0)) return 0;
    static const char *const keys[] = {"id",   "region",    "code",      "name",        "kind",
                                       "unit", "level",     "numerator", "denominator", "source",
                                       "note", "catalogue", "programme", "measurements"};
    json_t *row = json_object();
    for (int i = 1; i < 13; i++)
        json_object_set_new(row, keys[i], vals[i] ? json_string(vals[i]) : json_null());
    json_object_set_new(row, "adopted", json_boolean(vals[14] != NULL));
    json_object_set_new(row, "measurements", json_integer(strtoll(vals[13], NULL, 10)));
    json_array_append_new(c->out, row);
    return 0;
}

static const char *sval(json_t *row, const char *key) {
    return json_string_value(json_object_get(row, key));
}

/* vals = id (the programmes the store knows) */
static int programme_known(void *ctx, int header, const char *const *vals, int n) {
    (void)n;
    const char **want = ctx;
    if (!header && *want && vals[0] && strcmp(vals[0], *want) == 0) *want = NULL; /* found */
    return 0;
}

int cmd_indicators(cli_opts *o) {
    int code;
    store *st = cli_open(o, CLI_READ, &code);
    if (!st) return code;
    const char *missing = o->programme;
    if (missing && !store_sql_readonly(st, "SELECT id FROM programme", programme_known, &missing) &&
        missing) {
        store_close(st);
        return cli_error(o, SPIL_EXIT_USAGE,
                         _("unknown programme '%s'; the programmes are kngg, kansrijke-start and "
                           "jzojp"),
                         o->programme);
    }
    list_ctx c = {o->programme, json_array()};
    if (measure_indicators(st, 1, list_indicator, &c) < 0) {
        json_decref(c.out);
        code = cli_fail(o, SPIL_EXIT_INTERNAL, _("storage error: %s"), store_errmsg(st));
        store_close(st);
        return code;
    }
    store_close(st);
    if (o->json) return out_json(stdout, json_pack("{s:o}", "indicators", c.out)) ? 3 : 0;
    int color = out_color(stdout);
    size_t i;
    json_t *row;
    char group[160] = "";
    json_array_foreach(c.out, i, row) {
        const char *region = sval(row, "region"), *cat = sval(row, "catalogue");
        char title[160];
        snprintf(title, sizeof title, region ? "region %s" : "catalogue %s",
                 region ? region
                 : cat  ? cat
                        : "?");
        if (strcmp(title, group) != 0) {
            printf("%s%s%s%s\n", i ? "\n" : "", out_bold(color), title, out_reset(color));
            snprintf(group, sizeof group, "%s", title);
        }
        const char *name = sval(row, "name"), *kind = sval(row, "kind"), *unit = sval(row, "unit");
        fputs("  ", stdout);
        out_col(stdout, sval(row, "code"), 18);
        putchar(' ');
        out_col(stdout, kind ? kind : "-", 8);
        putchar(' ');
        out_col(stdout, unit ? unit : "-", 8);
        printf(" %s", name ? "" : out_dim(color));
        out_str(stdout, name ? name : NOT_GIVEN);
        fputs(name ? "" : out_reset(color), stdout);
        if (json_is_true(json_object_get(row, "adopted"))) printf(" (adopted)");
        json_int_t m = json_integer_value(json_object_get(row, "measurements"));
        if (m)
            printf(" %s[%lld figure%s]%s", out_dim(color), (long long)m, m == 1 ? "" : "s",
                   out_reset(color));
        printf("\n");
    }
    if (!i)
        printf("No indicators%s%s.\n", o->programme ? " for programme " : "",
               o->programme ? o->programme : "");
    json_decref(c.out);
    return SPIL_EXIT_OK;
}

/* ---- trend and compare: shared ------------------------------------------------------------ */

typedef struct subject {
    int64_t id;
    char unit[128], name[128];
    const char *code;
    int below; /* suppress-below */
} subject;

/* A name as people write it: any case, and without the qualifier the reference list adds
** to tell places apart ("Bergen" for "Bergen (NH.)" and "Bergen (L.)"). */
static int same_name(const char *name, const char *want) {
    if (!strcasecmp(name, want)) return 1;
    const char *q = strstr(name, " (");
    size_t n = q ? (size_t)(q - name) : 0;
    return q && name[strlen(name) - 1] == ')' && strlen(want) == n && !strncasecmp(name, want, n);
}

/* name in a column of width characters (UTF-8 aware: "Fryslân" is 7), cut with "..." when
** longer. */
static void print_name(const char *name, int width) {
    int chars = 0;
    const char *p = name, *cut = NULL;
    for (; *p; p++) {
        if (((unsigned char)*p & 0xC0) == 0x80) continue; /* a continuation byte */
        if (chars == width - 3) cut = p;
        chars++;
    }
    if (chars > width) {
        out_text(stdout, name, (size_t)(cut - name), 0);
        fputs("...", stdout);
        return;
    }
    out_col(stdout, name, width);
}

/* Resolve an area given by code or by name ("Dordrecht", "Zuid-Holland", "Nederland"); the
** other codes and names are kept for a did-you-mean. */
typedef struct area_find {
    const char *want;
    char code[128], name[128];
    int by_code, by_name;  /* matches of the code, of the name */
    char names_codes[256]; /* the codes a name matched, for the message */
    char **seen;           /* codes and names, for the suggestion */
    size_t n, cap;
} area_find;

static int match_area(void *ctx, const char *const *vals, int n) {
    (void)n;
    area_find *f = ctx;
    int code = !strcmp(vals[0], f->want), name = !code && same_name(vals[2], f->want);
    if (code || (name && !f->by_code && !f->by_name)) {
        snprintf(f->code, sizeof f->code, "%s", vals[0]);
        out_copy(f->name, sizeof f->name, vals[2]);
    }
    if (name) {
        size_t len = strlen(f->names_codes);
        snprintf(f->names_codes + len, sizeof f->names_codes - len, "%s%s",
                 f->by_name ? " and " : "", vals[0]);
    }
    f->by_code += code;
    f->by_name += name;
    if (code) return 1;
    for (int i = 0; i < 3; i += 2) {
        if (grow(&f->seen, &f->cap, f->n + 1, sizeof *f->seen)) return 0; /* no suggestion */
        if ((f->seen[f->n] = strdup(vals[i]))) f->n++;
    }
    return 0;
}

static const char *find_area(cli_opts *o, store *st, const char *want, char *code, size_t cap,
                             char *name, size_t name_cap, int *rc) {
    area_find f = {.want = want};
    const char *kind = NULL;
    if (measure_areas(st, match_area, &f) < 0) {
        *rc = cli_fail(o, SPIL_EXIT_INTERNAL, _("storage error: %s"), store_errmsg(st));
    } else if (!f.by_code && f.by_name > 1) {
        *rc = cli_error(o, SPIL_EXIT_USAGE, _("'%s' is the name of %s: give the code"), want,
                        f.names_codes);
    } else if (!f.code[0]) {
        const char *s = NULL;
        if (!grow(&f.seen, &f.cap, f.n + 1, sizeof *f.seen)) {
            f.seen[f.n] = NULL;
            s = diag_suggest(want, (const char *const *)f.seen);
        }
        *rc = s ? cli_error(o, SPIL_EXIT_USAGE, _("unknown area '%s'; did you mean '%s'?"), want, s)
                : cli_error(o, SPIL_EXIT_USAGE,
                            _("unknown area '%s'; give a CBS code (GM0505, PV28) or a name "
                              "(Dordrecht, Zuid-Holland), a GGD region's name, NL, or a region id"),
                            want);
    } else {
        snprintf(code, cap, "%s", f.code);
        out_copy(name, name_cap, f.name);
        char scratch[8];
        kind = measure_area(st, code, scratch, sizeof scratch);
    }
    for (size_t i = 0; i < f.n; i++)
        free(f.seen[i]);
    free(f.seen);
    return kind;
}

/* vals = id, region, code, ... (measure_indicators): keep the codes for a suggestion. */
static int collect_code(void *ctx, const char *const *vals, int n) {
    (void)n;
    area_find *f = ctx;
    if (grow(&f->seen, &f->cap, f->n + 1, sizeof *f->seen)) return 1;
    if ((f->seen[f->n] = strdup(vals[2]))) f->n++;
    return 0;
}

/* Resolve the indicator argument; prints the problem and returns non-zero when unknown. */
static int find_indicator(cli_opts *o, store *st, const char *code, subject *s) {
    s->code = code;
    s->id = measure_indicator_id(st, code, s->unit, s->name);
    s->below = measure_suppress_below(st);
    if (s->id > 0) return 0;
    if (s->id < 0)
        return cli_error(o, SPIL_EXIT_USAGE,
                         _("indicator '%s' is defined by several regions; write it as REGION/%s"),
                         code, code);
    area_find f = {.want = code}; /* the codes, for a suggestion */
    const char *near = NULL;
    if (measure_indicators(st, 0, collect_code, &f) >= 0 &&
        !grow(&f.seen, &f.cap, f.n + 1, sizeof *f.seen)) {
        f.seen[f.n] = NULL;
        near = diag_suggest(code, (const char *const *)f.seen);
    }
    int rc = near ? cli_error(o, SPIL_EXIT_USAGE, _("unknown indicator '%s'; did you mean '%s'?"),
                              code, near)
                  : cli_error(o, SPIL_EXIT_USAGE,
                              _("unknown indicator '%s'; 'spil indicators' lists them"), code);
    for (size_t i = 0; i < f.n; i++)
        free(f.seen[i]);
    free(f.seen);
    return rc;
}

/* The value as text: "14.2", "suppressed", "-". */
static const char *value_text(const mvalue *v, char *buf, size_t cap) {
    if (v->suppressed) return "suppressed";
    if (!v->has_value) return "-";
    snprintf(buf, cap, "%.1f", v->value);
    return buf;
}

/* ---- trend ---------------------------------------------------------------------------------- */

/* Eight levels of block, lowest to highest; a gap for an unknown or suppressed value. */
static void sparkline(const mseries *s) {
    static const char *const bars[] = {"\u2581", "\u2582", "\u2583", "\u2584",
                                       "\u2585", "\u2586", "\u2587", "\u2588"};
    double lo = INFINITY, hi = -INFINITY;
    for (size_t i = 0; i < s->n; i++)
        if (s->v[i].has_value) {
            lo = fmin(lo, s->v[i].value);
            hi = fmax(hi, s->v[i].value);
        }
    if (lo > hi) return;
    printf("\n  %s ", s->v[0].period);
    for (size_t i = 0; i < s->n; i++) {
        if (!s->v[i].has_value) {
            printf(" ");
            continue;
        }
        int k = hi > lo ? (int)((s->v[i].value - lo) / (hi - lo) * 7.0 + 0.5) : 3;
        printf("%s", bars[k]);
    }
    printf(" %s   (%.1f to %.1f)\n", s->v[s->n - 1].period, lo, hi);
}

int cmd_trend(cli_opts *o) {
    const char *by = cli_opt(o, "by"), *fmt = cli_opt(o, "csv");
    if (fmt && o->json) return cli_fail(o, SPIL_EXIT_USAGE, _("give --csv or --json, not both"));
    int code;
    store *st = cli_open(o, CLI_READ, &code);
    if (!st) return code;
    subject ind;
    char area[128], name[128];
    const char *kind = NULL;
    if ((code = find_indicator(o, st, o->args[0], &ind)) ||
        !(kind = find_area(o, st, o->args[1], area, sizeof area, name, sizeof name, &code))) {
        store_close(st);
        return code;
    }
    mseries s = {0};
    if (measure_series(st, ind.id, ind.unit, area, by, measure_keep, &s) < 0 || s.oom) {
        code = s.oom ? cli_fail(o, SPIL_EXIT_INTERNAL, _("out of memory"))
                     : cli_fail(o, SPIL_EXIT_INTERNAL, _("storage error: %s"), store_errmsg(st));
        store_close(st);
        free(s.v);
        return code;
    }
    char others[40];
    const char *also = measure_other_kinds(st, ind.id, area, by, others, sizeof others);
    store_close(st);
    size_t hidden = 0;
    for (size_t i = 0; i < s.n; i++)
        hidden += s.v[i].suppressed;
    char buf[32];
    if (o->json) {
        json_t *arr = json_array();
        for (size_t i = 0; i < s.n; i++)
            json_array_append_new(arr, measure_value_json(&s.v[i]));
        code =
            out_json(stdout, json_pack("{s:s, s:s?, s:{s:s, s:s, s:s}, s:i, s:I, s:o}", "indicator",
                                       ind.code, "unit", ind.unit[0] ? ind.unit : NULL, "area",
                                       "code", area, "name", name, "kind", kind, "suppress_below",
                                       ind.below, "suppressed", (json_int_t)hidden, "series", arr))
                ? SPIL_EXIT_INTERNAL
                : SPIL_EXIT_OK;
    } else if (fmt) {
        printf("period,value,numerator,denominator,suppressed,derived\n");
        for (size_t i = 0; i < s.n; i++) {
            const mvalue *v = &s.v[i];
            printf("%s,", v->period);
            if (v->has_value) printf("%g", v->value);
            printf(",");
            if (v->has_ratio)
                printf("%lld,%lld", (long long)v->numerator, (long long)v->denominator);
            else
                printf(",");
            printf(",%d,%d\n", v->suppressed, v->derived);
        }
    } else {
        int color = out_color(stdout);
        fputs(out_bold(color), stdout);
        out_str(stdout, ind.code);
        printf("%s in ", out_reset(color));
        out_str(stdout, name);
        printf(" (%s, %s)%s", kind, area, ind.unit[0] ? ", " : "");
        out_str(stdout, ind.unit);
        printf("\n  %s", out_dim(color));
        out_str(stdout, ind.name[0] ? ind.name : NOT_GIVEN);
        printf("%s\n", out_reset(color));
        if (!s.n) printf("  no figures%s%s\n", by ? " by " : "", by ? by : "");
        for (size_t i = 0; i < s.n; i++) {
            const mvalue *v = &s.v[i];
            printf("  %-8s %10s", v->period, value_text(v, buf, sizeof buf));
            if (v->has_ratio)
                printf("  %9lld / %lld", (long long)v->numerator, (long long)v->denominator);
            if (v->derived && v->covered < v->members)
                printf("  %s%d of %d municipalities%s", out_dim(color), v->covered, v->members,
                       v->left_out ? "" : out_reset(color));
            if (v->derived && v->left_out)
                printf(" (%d left out: about fewer than %d persons)%s", v->left_out, ind.below,
                       out_reset(color));
            printf("\n");
        }
        if (s.n && isatty(STDOUT_FILENO)) sparkline(&s);
        if (hidden)
            printf("%zu value%s about fewer than %d persons %s not shown (suppress-below).\n",
                   hidden, hidden == 1 ? "" : "s", ind.below, hidden == 1 ? "is" : "are");
        if (also)
            printf("There are figures by %s too: --by %.*s.\n", also, (int)strcspn(also, ","),
                   also);
    }
    free(s.v);
    return code;
}

/* One CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180). */
static void csv_field(const char *s) {
    if (!strpbrk(s, ",\"\r\n")) {
        fputs(s, stdout);
        return;
    }
    putchar('"');
    for (; *s; s++) {
        if (*s == '"') putchar('"');
        putchar(*s);
    }
    putchar('"');
}

/* ---- compare -------------------------------------------------------------------------------- */

typedef struct ranked {
    char area[128], name[128];
    mvalue v;
} ranked;

typedef struct ranking {
    ranked *r;
    size_t n, cap;
    int oom;
} ranking;

static int keep_ranked(void *ctx, const char *area, const char *name, const mvalue *v) {
    ranking *k = ctx;
    if (grow(&k->r, &k->cap, k->n, sizeof *k->r)) return k->oom = 1;
    ranked *r = &k->r[k->n++];
    snprintf(r->area, sizeof r->area, "%s", area);
    out_copy(r->name, sizeof r->name, name ? name : area);
    r->v = *v;
    return 0;
}

/* Highest value first; then the suppressed, then those without figures, each by name. */
static int by_value(const void *a, const void *b) {
    const ranked *x = a, *y = b;
    if (x->v.has_value != y->v.has_value) return y->v.has_value - x->v.has_value;
    if (x->v.has_value && x->v.value != y->v.value) return x->v.value < y->v.value ? 1 : -1;
    if (x->v.suppressed != y->v.suppressed) return y->v.suppressed - x->v.suppressed;
    return strcmp(x->name, y->name);
}

int cmd_compare(cli_opts *o) {
    const char *period = cli_opt(o, "period"), *region = cli_opt(o, "region"), *why;
    if (cli_opt(o, "csv") && o->json)
        return cli_fail(o, SPIL_EXIT_USAGE, _("give --csv or --json, not both"));
    if (period && !measure_valid_period(period, &why))
        return why ? cli_error(o, SPIL_EXIT_USAGE,
                               _("bad period '%s': %s; write a year (2024), a quarter (2024Q3) "
                                 "or a month (2024-07)"),
                               period, _(why))
                   : cli_error(o, SPIL_EXIT_USAGE,
                               _("bad period '%s'; write a year (2024), a quarter (2024Q3) or "
                                 "a month (2024-07)"),
                               period);
    int code;
    store *st = cli_open(o, CLI_READ, &code);
    if (!st) return code;
    subject ind;
    if ((code = find_indicator(o, st, o->args[0], &ind)) ||
        (region && (code = cli_need_region(o, st, region)))) {
        store_close(st);
        return code;
    }
    char latest[16];
    if (!period) {
        if (measure_latest_period(st, ind.id, region, latest)) {
            store_close(st);
            if (o->json)
                return out_json(stdout, json_pack("{s:s, s:n, s:[]}", "indicator", ind.code,
                                                  "period", "areas"))
                           ? SPIL_EXIT_INTERNAL
                           : SPIL_EXIT_OK;
            printf("No figures for %s yet: import them with 'spil import measurements "
                   "FILE.csv'.\n",
                   ind.code);
            return SPIL_EXIT_OK;
        }
        period = latest;
    }
    ranking k = {0};
    mvalue nation;
    if (measure_value(st, ind.id, ind.unit, "NL", period, &nation) < 0 ||
        measure_compare(st, ind.id, ind.unit, period, region, keep_ranked, &k) < 0 || k.oom) {
        code = k.oom ? cli_fail(o, SPIL_EXIT_INTERNAL, _("out of memory"))
                     : cli_fail(o, SPIL_EXIT_INTERNAL, _("storage error: %s"), store_errmsg(st));
        store_close(st);
        free(k.r);
        return code;
    }
    store_close(st);
    if (k.n) qsort(k.r, k.n, sizeof *k.r, by_value);
    size_t hidden = 0, left_out = 0;
    for (size_t i = 0; i < k.n; i++) {
        hidden += k.r[i].v.suppressed;
        left_out += (size_t)k.r[i].v.left_out;
    }
    char buf[32], diff[32];
    if (o->json) {
        json_t *arr = json_array();
        for (size_t i = 0; i < k.n; i++) {
            json_t *j = measure_value_json(&k.r[i].v);
            json_object_set_new(j, "area", json_string(k.r[i].area));
            json_object_set_new(j, "name", json_string(k.r[i].name));
            json_object_set_new(j, "rank",
                                k.r[i].v.has_value ? json_integer((json_int_t)i + 1) : json_null());
            json_array_append_new(arr, j);
        }
        code = out_json(stdout, json_pack("{s:s, s:s, s:s?, s:o, s:i, s:I, s:o}", "indicator",
                                          ind.code, "period", period, "region", region, "national",
                                          measure_value_json(&nation), "suppress_below", ind.below,
                                          "suppressed", (json_int_t)hidden, "areas", arr))
                   ? SPIL_EXIT_INTERNAL
                   : SPIL_EXIT_OK;
    } else if (cli_opt(o, "csv")) {
        /* The national value first, without a rank; then the areas, ranked. */
        printf("rank,area,name,value,numerator,denominator,suppressed\n");
        for (size_t i = 0; i <= k.n; i++) {
            const ranked *r = i ? &k.r[i - 1] : NULL;
            const mvalue *v = r ? &r->v : &nation;
            if (r && v->has_value) printf("%zu", i);
            printf(",");
            csv_field(r ? r->area : "NL");
            printf(",");
            csv_field(r ? r->name : "Nederland");
            printf(",");
            if (v->has_value) printf("%g", v->value);
            if (v->has_ratio)
                printf(",%lld,%lld", (long long)v->numerator, (long long)v->denominator);
            else
                printf(",,");
            printf(",%d\n", v->suppressed);
        }
    } else {
        int color = out_color(stdout);
        fputs(out_bold(color), stdout);
        out_str(stdout, ind.code);
        printf("%s %s, %s%s\n  %s", out_reset(color), period,
               region ? "municipalities of " : "regions", region ? region : "", out_dim(color));
        out_str(stdout, ind.name[0] ? ind.name : NOT_GIVEN);
        fputs(ind.unit[0] ? ", " : "", stdout);
        out_str(stdout, ind.unit);
        printf("%s\n", out_reset(color));
        printf("  %4s  ", "");
        print_name("Nederland", 40);
        printf(" %10s", value_text(&nation, buf, sizeof buf));
        if (nation.derived && nation.covered < nation.members)
            printf("  %s(%d of %d municipalities)%s", out_dim(color), nation.covered,
                   nation.members, out_reset(color));
        printf("\n");
        for (size_t i = 0; i < k.n; i++) {
            const ranked *r = &k.r[i];
            diff[0] = '\0';
            if (r->v.has_value && nation.has_value)
                snprintf(diff, sizeof diff, "%+.1f", r->v.value - nation.value);
            char rank[24] = "";
            if (r->v.has_value) snprintf(rank, sizeof rank, "%zu.", i + 1);
            printf("  %4s  ", rank);
            print_name(r->name, 40);
            printf(" %10s", value_text(&r->v, buf, sizeof buf));
            printf(diff[0] ? " %7s\n" : "\n", diff);
        }
        if (hidden)
            printf("%zu value%s about fewer than %d persons %s not shown (suppress-below).\n",
                   hidden, hidden == 1 ? "" : "s", ind.below, hidden == 1 ? "is" : "are");
        if (left_out)
            printf("%zu municipal figure%s about fewer than %d persons %s left out of the sums.\n",
                   left_out, left_out == 1 ? "" : "s", ind.below, left_out == 1 ? "is" : "are");
    }
    free(k.r);
    return code;
}

/* ---- setting -------------------------------------------------------------------------------- */

/* Setting key changed: write(st, ctx) and its event (detail: change, {key: {from, to}}, which
** this takes) in one transaction. 0, or the exit code after a storage error (rolled back). */
static int change_setting(cli_opts *o, store *st, json_t *change, int (*write)(store *, void *),
                          void *ctx) {
    char at[32];
    const char *key = change ? json_object_iter_key(json_object_iter(change)) : NULL;
    char *detail = change ? json_dumps(change, JSON_COMPACT) : NULL;
    store_event ev = {.at = out_now(at),
                      .actor = cli_actor(),
                      .command = "setting",
                      .action = "change",
                      .key = key,
                      .detail = detail,
                      .reason = o->reason};
    int failed =
        !detail || store_begin(st) || write(st, ctx) || store_log(st, &ev) || store_commit(st);
    free(detail);
    json_decref(change);
    if (!failed) return SPIL_EXIT_OK;
    int code = cli_fail(o, SPIL_EXIT_INTERNAL, _("storage error: %s"), store_errmsg(st));
    store_rollback(st);
    return code;
}

static int write_lang(store *st, void *to) {
    return store_set_setting(st, "lang", to);
}

/* A new threshold changes what checks on figures find: the readiness remembered goes. */
static int write_suppress_below(store *st, void *n) {
    return measure_set_suppress_below(st, (int)*(long *)n) || store_readiness_forget(st, NULL);
}

/* spil setting lang [nl|en]: the language spil speaks when neither --lang nor $SPIL_LANG says. */
static int setting_lang(cli_opts *o) {
    int code;
    store *st = cli_open(o, o->nargs < 2, &code);
    if (!st) return code;
    char was[8] = "nl";
    store_setting(st, "lang", was, sizeof was);
    if (o->nargs == 2) {
        const char *to = o->args[1];
        if (!lang_valid(to)) {
            store_close(st);
            return cli_fail(o, SPIL_EXIT_USAGE, _("lang takes nl or en, not '%s'"), to);
        }
        if (strcmp(to, was) == 0) {
            store_close(st);
            printf(_("lang is %s already: nothing changed.\n"), was);
            return SPIL_EXIT_OK;
        }
        if ((code =
                 change_setting(o, st, json_pack("{s:{s:s, s:s}}", "lang", "from", was, "to", to),
                                write_lang, (void *)to))) {
            store_close(st);
            return code;
        }
        snprintf(was, sizeof was, "%s", to);
    }
    store_close(st);
    if (o->json)
        return out_json(stdout, json_pack("{s:s}", "lang", was)) ? SPIL_EXIT_INTERNAL
                                                                 : SPIL_EXIT_OK;
    printf(_("lang %s   the language spil speaks unless --lang or $SPIL_LANG says otherwise\n"),
           was);
    return SPIL_EXIT_OK;
}

int cmd_setting(cli_opts *o) {
    if (o->nargs >= 1 && strcmp(o->args[0], "lang") == 0) return setting_lang(o);
    if (o->nargs >= 1 && strcmp(o->args[0], "suppress-below") != 0)
        return cli_error(o, SPIL_EXIT_USAGE,
                         _("unknown setting '%s'; the settings are suppress-below and lang"),
                         o->args[0]);
    int code;
    store *st = cli_open(o, o->nargs < 2 ? CLI_READ : CLI_WRITE, &code);
    if (!st) return code;
    if (o->nargs == 2) {
        char *end;
        long n = strtol(o->args[1], &end, 10);
        if (*end || n < 1 || n > 1000000) {
            store_close(st);
            return cli_error(
                o, SPIL_EXIT_USAGE,
                _("suppress-below takes a whole number of persons, 1 or more, not '%s'"),
                o->args[1]);
        }
        int was = measure_suppress_below(st);
        if (n == was && !o->json) {
            store_close(st);
            printf("suppress-below is %d already: nothing changed.\n", was);
            return SPIL_EXIT_OK;
        }
        if (n != was && (code = change_setting(o, st,
                                               json_pack("{s:{s:i, s:I}}", "suppress-below", "from",
                                                         was, "to", (json_int_t)n),
                                               write_suppress_below, &n))) {
            store_close(st);
            return code;
        }
    }
    int n = measure_suppress_below(st);
    char lang[8] = "nl";
    if (o->nargs == 0) store_setting(st, "lang", lang, sizeof lang);
    store_close(st);
    if (o->json)
        return out_json(stdout, o->nargs
                                    ? json_pack("{s:i}", "suppress-below", n)
                                    : json_pack("{s:i, s:s}", "suppress-below", n, "lang", lang))
                   ? SPIL_EXIT_INTERNAL
                   : SPIL_EXIT_OK;
    printf(_("suppress-below %d   values about fewer than %d persons are not shown\n"), n, n);
    if (o->nargs == 0)
        printf(_("lang %s   the language spil speaks unless --lang or $SPIL_LANG says otherwise\n"),
               lang);
    return SPIL_EXIT_OK;
}
