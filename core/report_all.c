/*
** report_all.c: the learning network's page, spil report --all (see report.h): every region's
** step and readiness in each programme (rt_evaluate, as spil check --all), the requirements
** that block the most regions, and the indicators compared across regions as spil compare
** does (measure_compare, the small-count rule applied there). Reads only.
*/
#include <stdlib.h>
#include <string.h>

#include "evaluation.h"
#include "lang.h"
#include "measure.h"
#include "report.h"
#include "runtime.h"
#include "store.h"

static int collect_pair(void *ctx, int header, const char *const *v, int n) {
    (void)n;
    if (!header)
        json_array_append_new(ctx, json_pack("[s?, s?, s?]", v[0], v[1], n > 2 ? v[2] : NULL));
    return 0;
}

/* The blocking checks of one evaluation into blockers: "programme\x1fcheck" -> { programme,
** check, name, regions, region_names }. */
static void count_blockers(json_t *blockers, const char *region_name, const eval_result *res) {
    for (size_t i = 0; i < res->nchecks; i++) {
        const eval_check *c = &res->checks[i];
        int blocking = 0;
        for (size_t j = 0; j < c->nfindings; j++)
            blocking |= c->findings[j].blocking;
        if (!blocking) continue;
        char key[512];
        snprintf(key, sizeof key, "%s\x1f%s", res->programme, c->id);
        json_t *b = json_object_get(blockers, key);
        if (!b) {
            b = json_pack("{s:s, s:s, s:s, s:i, s:[]}", "programme", res->programme, "check", c->id,
                          "name", c->name ? c->name : c->id, "regions", 0, "region_names");
            json_object_set_new(blockers, key, b);
        }
        json_object_set_new(b, "regions",
                            json_integer(json_integer_value(json_object_get(b, "regions")) + 1));
        json_array_append_new(json_object_get(b, "region_names"), json_string(region_name));
    }
}

static int by_regions(const void *a, const void *b) {
    json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
    json_int_t nx = json_integer_value(json_object_get(x, "regions")),
               ny = json_integer_value(json_object_get(y, "regions"));
    if (nx != ny) return ny > nx ? 1 : -1;
    int c = strcmp(report_str(x, "programme"), report_str(y, "programme"));
    return c ? c : strcmp(report_str(x, "check"), report_str(y, "check"));
}

/* ---- indicators compared ---- */

typedef struct ranked {
    json_t *areas;
} ranked;

static int keep_area(void *ctx, const char *area, const char *name, const mvalue *v) {
    json_t *j = measure_value_json(v);
    json_object_set_new(j, "area", json_string(area));
    json_object_set_new(j, "name", json_string(name ? name : area));
    json_array_append_new(ctx, j);
    return 0;
}

static double num(const json_t *v, const char *k) {
    return json_number_value(json_object_get(v, k));
}

/* Highest value first; then the suppressed, then those without figures, each by name (as
** spil compare ranks). */
static int by_value(const void *a, const void *b) {
    json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
    int hx = json_is_number(json_object_get(x, "value")),
        hy = json_is_number(json_object_get(y, "value"));
    if (hx != hy) return hy - hx;
    if (hx && num(x, "value") != num(y, "value")) return num(x, "value") < num(y, "value") ? 1 : -1;
    int sx = json_is_true(json_object_get(x, "suppressed")),
        sy = json_is_true(json_object_get(y, "suppressed"));
    if (sx != sy) return sy - sx;
    return strcmp(report_str(x, "name"), report_str(y, "name"));
}

static int compare_one(store *st, const char *code, int agreed, json_t *items) {
    char unit[128], name[128], period[16];
    int64_t id = measure_indicator_id(st, code, unit, name);
    if (id <= 0) return 0;
    int r = measure_latest_period(st, id, NULL, period);
    if (r) return r < 0 ? -1 : 0;
    mvalue nation;
    json_t *areas = json_array();
    if (measure_value(st, id, unit, "NL", period, &nation) < 0 ||
        measure_compare(st, id, unit, period, NULL, keep_area, areas) < 0) {
        json_decref(areas);
        return -1;
    }
    size_t n = json_array_size(areas);
    json_t **v = calloc(n ? n : 1, sizeof *v), *sorted = json_array();
    for (size_t i = 0; i < n; i++)
        v[i] = json_array_get(areas, i);
    qsort(v, n, sizeof *v, by_value);
    for (size_t i = 0; i < n; i++) {
        json_t *a = v[i];
        int has = json_is_number(json_object_get(a, "value"));
        json_object_set_new(a, "rank", has ? json_integer((json_int_t)i + 1) : json_null());
        json_object_set_new(a, "difference",
                            has && nation.has_value ? json_real(num(a, "value") - nation.value)
                                                    : json_null());
        json_array_append(sorted, a);
    }
    free(v);
    json_decref(areas);
    json_array_append_new(items,
                          json_pack("{s:s, s:s?, s:s?, s:b, s:s, s:o, s:o}", "code", code, "name",
                                    name[0] ? name : NULL, "unit", unit[0] ? unit : NULL, "agreed",
                                    agreed, "period", period, "national",
                                    measure_value_json(&nation), "areas", sorted));
    return 0;
}

typedef struct pick {
    json_t *programmes, *agreed, *catalogue;
} pick;

/* vals = id, region, code, ..., catalogue (11), programme (12), measurements, adopted (14) */
static int pick_indicator(void *ctx, const char *const *v, int n) {
    (void)n;
    pick *p = ctx;
    if (v[1] && v[14] && !json_object_get(p->agreed, v[2]))
        json_object_set_new(p->agreed, v[2], json_true()); /* a region adopted it */
    if (!v[1] && v[12] && json_object_get(p->programmes, v[12]))
        json_array_append_new(p->catalogue, json_string(v[2]));
    return 0;
}

static json_t *indicators(store *st, json_t *programmes, int *failed) {
    pick p = {programmes, json_object(), json_array()};
    json_t *items = json_array();
    int fallback = 0;
    if (measure_indicators(st, 0, pick_indicator, &p) < 0) *failed = 1;
    const char *code;
    json_t *x;
    json_object_foreach(p.agreed, code,
                        x) if (!*failed && compare_one(st, code, 1, items)) *failed = 1;
    if (!json_array_size(items)) {
        size_t i;
        json_array_foreach(p.catalogue, i, x) {
            if (*failed || json_array_size(items) >= REPORT_FALLBACK_INDICATORS) break;
            if (compare_one(st, json_string_value(x), 0, items)) *failed = 1;
        }
        fallback = json_array_size(items) > 0;
    }
    json_decref(p.agreed);
    json_decref(p.catalogue);
    return json_pack("{s:i, s:b, s:o}", "suppress_below", measure_suppress_below(st),
                     "from_catalogue", fallback, "items", items);
}

json_t *report_all(store *st, const report_opts *o, char **err, int *code) {
    json_t *runs = json_array(), *names = json_array(), *rows = json_array(),
           *blockers = json_object(), *programmes = json_object(), *doc = NULL;
    *err = NULL;
    int failed = store_sql_readonly(st,
                                    "SELECT p.region, p.programme, r.name FROM region_programme p "
                                    "JOIN region r ON r.id = p.region ORDER BY 1, 2",
                                    collect_pair, runs) ||
                 store_sql_readonly(st, "SELECT id, name FROM programme", collect_pair, names);
    if (failed) goto done;
    size_t i;
    json_t *run, *nm;
    json_array_foreach(names, i, nm) json_object_set(
        programmes, json_string_value(json_array_get(nm, 0)), json_array_get(nm, 1));
    rt *R = NULL;
    const char *open_for = NULL;
    json_array_foreach(runs, i, run) {
        const char *region = json_string_value(json_array_get(run, 0));
        const char *programme = json_string_value(json_array_get(run, 1));
        const char *rname = json_string_value(json_array_get(run, 2));
        if (o->programme && strcmp(o->programme, programme)) continue;
        if (!R || strcmp(open_for, region)) { /* one runtime per region */
            rt_close(R);
            char *e = NULL;
            if (!(R = rt_open(st, region, region, &e))) {
                *err = e;
                *code = 3;
                failed = 1;
                break;
            }
            open_for = region;
        }
        eval_result res;
        char *e = NULL;
        json_t *row = json_pack("{s:s, s:s, s:s, s:O}", "region", region, "name", rname,
                                "programme", programme, "programme_name",
                                json_object_get(programmes, programme)
                                    ? json_object_get(programmes, programme)
                                    : json_array_get(run, 1));
        if (rt_evaluate(R, programme, NULL, o->today, NULL, &res, &e) != RT_OK) {
            json_object_set_new(row, "error", json_string(e ? e : "?"));
            free(e);
        } else {
            json_object_set_new(row, "step", json_string(res.step));
            json_object_set_new(row, "step_name", json_string(res.name));
            json_object_set_new(row, "ready", json_boolean(res.ready));
            json_object_set_new(row, "blocking", json_integer(res.blocking));
            json_object_set_new(row, "advisory", json_integer(res.advisory));
            count_blockers(blockers, rname, &res);
            eval_free(&res);
        }
        json_array_append_new(rows, row);
    }
    rt_close(R);
    if (failed) goto done;
    json_t *run_progs = json_object();
    json_array_foreach(rows, i, run)
        json_object_set_new(run_progs, report_str(run, "programme"), json_true());
    json_t *ind = indicators(st, run_progs, &failed);
    json_decref(run_progs);
    if (failed) {
        json_decref(ind);
        goto done;
    }
    doc = json_pack("{s:s, s:i, s:s, s:s, s:O, s:o, s:o}", "report", "all", "version",
                    REPORT_VERSION, "generated", o->now, "today", o->today, "regions", rows,
                    "blockers", report_sorted_values(blockers, by_regions), "indicators", ind);
done:
    if (!doc && !*err) {
        char buf[512];
        snprintf(buf, sizeof buf, _("storage error: %s"), store_errmsg(st));
        *err = strdup(buf);
        *code = 3;
    }
    json_decref(runs);
    json_decref(names);
    json_decref(rows);
    json_decref(blockers);
    json_decref(programmes);
    return doc;
}
