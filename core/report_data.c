/*
** report_data.c: gathering the report of one region into one JSON document (see report.h and
** docs/report.md): where it stands per programme (the steps, the readiness from rt_evaluate),
** the findings by who must act, governance with rt_decision_verdict's verdicts, agreements,
** funding, roles, actions, indicators from measure.c, and the changes from the event log.
** Reads only: no evaluation is remembered, nothing is written.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>

#include "evaluation.h"
#include "lang.h"
#include "measure.h"
#include "model.h"
#include "out.h"
#include "rdata.h"
#include "report.h"
#include "runtime.h"
#include "sbx.h"
#include "store.h"

typedef struct gather {
    store *st;
    rdata *rd;
    rt *R;
    const char *region;
    const report_opts *o;
    json_t *orgs, *people; /* id -> name */
    json_t *munis;         /* the region's municipalities (region_json's, borrowed) */
    char *err;
    int code;
} gather;

static int fail(gather *g, int code, const char *msg) {
    if (!g->err) {
        g->err = strdup(msg ? msg : _("out of memory"));
        g->code = code;
    }
    return -1;
}

static int storage_fail(gather *g) {
    char buf[512];
    snprintf(buf, sizeof buf, _("storage error: %s"), store_errmsg(g->st));
    return fail(g, 3, buf);
}

/* ---- rows of the region, as JSON ---- */

static const rtable *table(const gather *g, const char *name) {
    return &g->rd->tables[model_entity_by_table(name)];
}

static const char *fv(const char *tname, const rrow *r, const char *field) {
    int i = model_field_index(model_entity_by_table(tname), field);
    return i < 0 ? NULL : r->v[i];
}

/* Every field of the row but its parent's id, typed as the model says. */
static json_t *row_json(const char *tname, const rrow *r) {
    int e = model_entity_by_table(tname);
    const model_entity *en = &model_entities[e];
    json_t *o = json_object();
    for (int i = 0; i < en->nfields; i++) {
        if (en->fields[i].flags & (MF_PARENT | MF_DERIVED)) continue;
        json_object_set_new(o, en->fields[i].name, out_json_value(en->fields[i].type, r->v[i]));
    }
    return o;
}

static const char *name_of(json_t *names, const char *id) {
    const char *n = id ? json_string_value(json_object_get(names, id)) : NULL;
    return n ? n : id;
}

/* Add key_name: the name of the organisation or person field key of a tname row refers to. */
static void add_name(const gather *g, const char *tname, json_t *o, const char *key) {
    int e = model_entity_by_table(tname);
    const model_field *f = &model_entities[e].fields[model_field_index(e, key)];
    json_t *names = strcmp(model_entities[f->ref].table, "person") ? g->orgs : g->people;
    const char *id = json_string_value(json_object_get(o, key));
    char k[64];
    snprintf(k, sizeof k, "%s_name", key);
    json_object_set_new(o, k, id ? json_string(name_of(names, id)) : json_null());
}

json_t *report_sorted_values(json_t *object, int (*cmp)(const void *, const void *)) {
    size_t n = json_object_size(object), k = 0;
    json_t **v = calloc(n ? n : 1, sizeof *v), *out = json_array();
    const char *key;
    json_t *x;
    json_object_foreach(object, key, x) v[k++] = x;
    qsort(v, n, sizeof *v, cmp);
    for (size_t i = 0; i < n; i++)
        json_array_append(out, v[i]);
    free(v);
    return out;
}

/* id -> name of every row of tname. */
static json_t *names(const gather *g, const char *tname) {
    json_t *out = json_object();
    const rtable *t = table(g, tname);
    for (size_t i = 0; i < t->n; i++)
        json_object_set_new(out, fv(tname, &t->rows[i], "id"),
                            json_string(fv(tname, &t->rows[i], "name")));
    return out;
}

/* ---- the region ---- */

static int collect_municipality(void *ctx, const char *const *v, int n) {
    (void)n;
    json_array_append_new(ctx, json_pack("{s:s?, s:s?, s:s?, s:s?, s:s?}", "code", v[0], "name",
                                         v[1], "status", v[2], "since", v[3], "until", v[4]));
    return 0;
}

static json_t *region_json(gather *g) {
    const rrow *r = &table(g, "region")->rows[0];
    json_t *o = row_json("region", r);
    json_object_del(o, "scripts");
    json_t *munis = json_array();
    if (store_region_municipalities(g->st, g->region, collect_municipality, munis)) storage_fail(g);
    /* Taking part today (status member, or none, in force): what spil check counts; the
    ** candidates apart, so "doen mee" never counts one that has not joined. */
    int members = 0, candidates = 0;
    size_t i;
    json_t *m;
    json_array_foreach(munis, i, m) {
        const char *st = json_string_value(json_object_get(m, "status")),
                   *since = json_string_value(json_object_get(m, "since")),
                   *until = json_string_value(json_object_get(m, "until"));
        if ((since && strcmp(since, g->o->today) > 0) || (until && strcmp(until, g->o->today) < 0))
            continue;
        if (!st || !strcmp(st, "member"))
            members++;
        else if (!strcmp(st, "candidate"))
            candidates++;
    }
    json_object_set_new(o, "municipalities", munis);
    g->munis = munis;
    json_object_set_new(o, "members", json_integer(members));
    json_object_set_new(o, "candidates", json_integer(candidates));
    return o;
}

/* ---- the steps of a programme, as the region's runtime has them ---- */

static int push_programme_get(lua_State *L) {
    const char *id = lua_touserdata(L, 1);
    lua_settop(L, 0);
    lua_getglobal(L, "require");
    lua_pushliteral(L, "spil.programme");
    lua_call(L, 1, 1);
    if (!lua_istable(L, 1)) return luaL_error(L, "spil.programme did not return a table");
    lua_getfield(L, 1, "get"); /* through the read-only proxy, which is spil's own */
    lua_remove(L, 1);
    lua_pushstring(L, id);
    return 2;
}

/* A string field of table t, read raw (no metamethod runs), or NULL. */
static const char *raw_text(lua_State *L, int t, const char *key) {
    lua_pushstring(L, key);
    lua_rawget(L, t);
    const char *s = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
    lua_pop(L, 1); /* the table still holds the string */
    return s;
}

/* Protected: the programme table (argument 2) to { name, steps: [{id, name, aim, phase,
** phase_name}] } into the JSON object (argument 1). */
static int read_programme(lua_State *L) {
    json_t *out = lua_touserdata(L, 1);
    if (!lua_istable(L, 2)) return luaL_error(L, "no such programme");
    json_object_set_new(out, "name", json_string(raw_text(L, 2, "name")));
    json_t *steps = json_array();
    json_object_set_new(out, "steps", steps);
    lua_pushliteral(L, "phases");
    lua_rawget(L, 2);
    int phases = lua_gettop(L);
    if (!lua_istable(L, phases)) return 0;
    for (lua_Integer i = 1; lua_rawgeti(L, phases, i) == LUA_TTABLE; i++) {
        int ph = lua_gettop(L);
        const char *pid = raw_text(L, ph, "id"), *pname = raw_text(L, ph, "name");
        lua_pushliteral(L, "steps");
        lua_rawget(L, ph);
        int sts = lua_gettop(L);
        for (lua_Integer j = 1; lua_istable(L, sts) && lua_rawgeti(L, sts, j) == LUA_TTABLE; j++) {
            int s = lua_gettop(L);
            const char *id = raw_text(L, s, "id");
            if (id)
                json_array_append_new(steps, json_pack("{s:s, s:s?, s:s?, s:s?, s:s?}", "id", id,
                                                       "name", raw_text(L, s, "name"), "aim",
                                                       raw_text(L, s, "aim"), "phase", pid,
                                                       "phase_name", pname));
            lua_pop(L, 1);
        }
        lua_pop(L, 2); /* the nil or non-table, the steps */
    }
    return 0;
}

/* The programme's name and steps as the region runs it (its own extensions included). */
static json_t *programme_steps(gather *g, sbx *S, const char *programme) {
    json_t *out = json_object();
    char *err = NULL;
    if (sbx_protect(S, push_programme_get, (void *)programme, 0, 2, &err) ||
        sbx_call(S, 1, 1, &err) || sbx_protect(S, read_programme, out, 1, 0, &err)) {
        fail(g, 3, err);
        free(err);
        json_decref(out);
        return NULL;
    }
    return out;
}

/* ---- standing and findings ---- */

/* Mark each step passed, current, next or later, with when it was entered and left. */
static void mark_steps(gather *g, json_t *prog, const char *programme, const char *current) {
    json_t *steps = json_object_get(prog, "steps");
    const rtable *h = table(g, "programme_step");
    size_t i, at = (size_t)-1;
    json_t *s;
    json_array_foreach(steps, i, s) if (!strcmp(report_str(s, "id"), current)) at = i;
    json_array_foreach(steps, i, s) {
        const char *state = at == (size_t)-1 ? "later"
                            : i < at         ? "passed"
                            : i == at        ? "current"
                            : i == at + 1    ? "next"
                                             : "later";
        json_object_set_new(s, "state", json_string(state));
        const char *entered = NULL, *left = NULL;
        for (size_t k = 0; k < h->n; k++) {
            const rrow *r = &h->rows[k];
            if (strcmp(fv("programme_step", r, "programme"), programme) ||
                strcmp(fv("programme_step", r, "step"), report_str(s, "id")))
                continue;
            entered = fv("programme_step", r, "entered"); /* the latest entry: sorted by key */
            left = fv("programme_step", r, "left");
        }
        json_object_set_new(s, "entered", entered ? json_string(entered) : json_null());
        json_object_set_new(s, "left", left ? json_string(left) : json_null());
    }
}

/* Findings grouped by who must act: { subject, blocking, advisory, findings }. */
static void add_findings(json_t *groups, const char *programme, const eval_result *res) {
    for (size_t i = 0; i < res->nchecks; i++) {
        const eval_check *c = &res->checks[i];
        for (size_t j = 0; j < c->nfindings; j++) {
            const eval_finding *f = &c->findings[j];
            const char *kind = f->subject_kind ? f->subject_kind : "region";
            char key[512];
            snprintf(key, sizeof key, "%s\x1f%s", kind, f->subject_id ? f->subject_id : "");
            json_t *gr = json_object_get(groups, key);
            if (!gr) {
                gr = json_pack("{s:{s:s, s:s?, s:s?}, s:i, s:i, s:[]}", "subject", "kind", kind,
                               "id", f->subject_id, "name",
                               f->subject_name ? f->subject_name : f->subject_id, "blocking", 0,
                               "advisory", 0, "findings");
                json_object_set_new(groups, key, gr);
            }
            const char *sev = f->blocking ? "blocking" : "advisory";
            json_object_set_new(gr, sev,
                                json_integer(json_integer_value(json_object_get(gr, sev)) + 1));
            json_array_append_new(json_object_get(gr, "findings"),
                                  json_pack("{s:s, s:s, s:s?, s:s, s:s?, s:s?, s:s?}", "programme",
                                            programme, "check", c->id, "check_name", c->name,
                                            "severity", sev, "missing", f->missing, "remedy",
                                            f->remedy, "source",
                                            f->source ? f->source : c->source));
        }
    }
}

static int by_urgency(const void *a, const void *b) {
    json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
    json_int_t bx = json_integer_value(json_object_get(x, "blocking")),
               by = json_integer_value(json_object_get(y, "blocking"));
    if ((bx > 0) != (by > 0)) return by > 0 ? 1 : -1;
    if (bx != by) return by > bx ? 1 : -1;
    const char *nx = report_str(json_object_get(x, "subject"), "name"),
               *ny = report_str(json_object_get(y, "subject"), "name");
    return strcmp(nx ? nx : "", ny ? ny : "");
}

/* Blocking before advisory within a group, keeping the checks' order otherwise. */
static void sort_group(json_t *gr) {
    json_t *f = json_object_get(gr, "findings"), *sorted = json_array();
    for (int pass = 0; pass < 2; pass++) {
        size_t i;
        json_t *x;
        json_array_foreach(f, i, x) if (!strcmp(report_str(x, "severity"), "blocking") == !pass)
            json_array_append(sorted, x);
    }
    json_object_set_new(gr, "findings", sorted);
}

static json_t *grouped(json_t *groups) {
    json_t *out = report_sorted_values(groups, by_urgency), *gr;
    size_t i;
    json_array_foreach(out, i, gr) sort_group(gr);
    return out;
}

static int programme_runs(gather *g, json_t *progs, json_t *groups) {
    const rtable *t = table(g, "region_programme");
    char *err = NULL;
    sbx *S = rt_sandbox(g->R, 0, &err);
    if (!S) {
        fail(g, 3, err);
        free(err);
        return -1;
    }
    int found = 0;
    for (size_t i = 0; i < t->n && !g->err; i++) {
        const char *id = fv("region_programme", &t->rows[i], "programme");
        if (g->o->programme && strcmp(g->o->programme, id)) continue;
        found = 1;
        json_t *p = programme_steps(g, S, id);
        if (!p) break;
        eval_result res;
        int rc = rt_evaluate(g->R, id, NULL, g->o->today, NULL, &res, &err);
        if (rc != RT_OK) {
            fail(g, rc == RT_UNKNOWN ? 2 : 3, err);
            free(err);
            json_decref(p);
            break;
        }
        json_object_set_new(p, "programme", json_string(id));
        const char *since = fv("region_programme", &t->rows[i], "since");
        json_object_set_new(p, "step", json_string(res.step));
        json_object_set_new(p, "step_name", json_string(res.name));
        json_object_set_new(p, "since", since ? json_string(since) : json_null());
        mark_steps(g, p, id, res.step);
        json_t *next = NULL;
        size_t k;
        json_t *s;
        json_array_foreach(json_object_get(p, "steps"), k,
                           s) if (!strcmp(report_str(s, "state"), "next")) next = s;
        json_object_set_new(p, "next_step",
                            next ? json_pack("{s:O, s:O}", "id", json_object_get(next, "id"),
                                             "name", json_object_get(next, "name"))
                                 : json_null());
        json_object_set_new(p, "readiness", eval_json(&res));
        add_findings(groups, id, &res);
        eval_free(&res);
        json_array_append_new(progs, p);
    }
    sbx_free(S);
    if (!found && !g->err && g->o->programme) {
        char runs[256] = "", buf[512];
        for (size_t i = 0, len = 0; i < t->n && len < sizeof runs; i++)
            len += (size_t)snprintf(runs + len, sizeof runs - len, "%s%s", i ? ", " : "",
                                    fv("region_programme", &t->rows[i], "programme"));
        if (t->n)
            snprintf(buf, sizeof buf, _("region %s does not run programme '%s'; it runs: %s"),
                     g->region, g->o->programme, runs);
        else
            snprintf(buf, sizeof buf, _("region %s does not run programme '%s'; it runs none"),
                     g->region, g->o->programme);
        return fail(g, 2, buf);
    }
    return g->err ? -1 : 0;
}

/* ---- the region's rows, as the report shows them ---- */

/* Which rows rows_json walks, and what it does with each. */
typedef struct rows {
    const char *table;
    const char *parent, *id; /* only the children of row id: the rows whose field parent holds
                             ** it (NULL: every row) */
    const char *names[2];    /* fields that refer to an organisation or a person: each gets its
                             ** key_name beside it */
    int (*each)(gather *g, json_t *row);    /* adds what the report shows beside the row's own
                                            ** fields; 0 leaves the row out (NULL: every row) */
    int (*cmp)(const void *, const void *); /* the order (qsort's, over json_t *const *); NULL:
                                            ** the rows' own */
} rows;

/* The rows of w.table as JSON (row_json), as w says. */
static json_t *rows_json(gather *g, rows w) {
    const rtable *t = table(g, w.table);
    json_t **v = calloc(t->n ? t->n : 1, sizeof *v), *out = json_array();
    size_t n = 0;
    for (size_t i = 0; i < t->n; i++) {
        if (w.parent && strcmp(fv(w.table, &t->rows[i], w.parent), w.id)) continue;
        json_t *x = row_json(w.table, &t->rows[i]);
        for (int k = 0; k < 2 && w.names[k]; k++)
            add_name(g, w.table, x, w.names[k]);
        if (w.each && !w.each(g, x))
            json_decref(x);
        else
            v[n++] = x;
    }
    if (w.cmp) qsort(v, n, sizeof *v, w.cmp);
    for (size_t i = 0; i < n; i++)
        json_array_append_new(out, v[i]);
    free(v);
    return out;
}

/* ---- governance ---- */

/* Decides with a mandate: a full member that takes part in decisions and whose representative
** holds a mandate (spil.governance's default counting). */
static int member_more(gather *g, json_t *m) {
    (void)g;
    int decides = !strcmp(report_str(m, "membership"), "member") &&
                  !json_is_false(json_object_get(m, "decides"));
    json_object_set_new(m, "decides_with_mandate",
                        json_boolean(decides && json_is_true(json_object_get(m, "mandate"))));
    return 1;
}

/* A body's members and who is represented by whom. */
static int body_more(gather *g, json_t *b) {
    const char *id = report_str(b, "id");
    json_object_set_new(
        b, "members",
        rows_json(g, (rows){"body_member", .parent = "body", .id = id,
                            .names = {"organisation", "person"}, .each = member_more}));
    json_object_set_new(b, "represented",
                        rows_json(g, (rows){"body_represented", .parent = "body", .id = id,
                                            .names = {"organisation", "via"}}));
    return 1;
}

static int by_date_desc(const void *a, const void *b) {
    const char *x = report_str(*(json_t *const *)a, "date"),
               *y = report_str(*(json_t *const *)b, "date");
    int c = strcmp(y ? y : "", x ? x : "");
    return c ? c
             : strcmp(report_str(*(json_t *const *)a, "id"), report_str(*(json_t *const *)b, "id"));
}

static json_t *decisions_json(gather *g, json_t *pending) {
    json_t *all = rows_json(g, (rows){"decision", .names = {"organisation"}, .cmp = by_date_desc}),
           *out = json_array(), *d;
    const rtable *bt = table(g, "body");
    size_t i;
    json_array_foreach(all, i, d) {
        const char *id = report_str(d, "id"), *body = report_str(d, "body");
        int is_pending = report_str(d, "outcome") && !strcmp(report_str(d, "outcome"), "pending");
        if (i >= REPORT_DECISIONS && !is_pending) continue;
        const char *body_name = body;
        for (size_t k = 0; k < bt->n; k++)
            if (body && !strcmp(fv("body", &bt->rows[k], "id"), body))
                body_name = fv("body", &bt->rows[k], "name");
        json_object_set_new(d, "body_name", body_name ? json_string(body_name) : json_null());
        json_object_set_new(d, "positions",
                            rows_json(g, (rows){"decision_position", .parent = "decision", .id = id,
                                                .names = {"organisation", "person"}}));
        json_t *verdicts = NULL, *p;
        char *err = NULL;
        size_t k;
        if (rt_decision_verdict(g->R, id, g->o->today, &verdicts, &err) != RT_OK) {
            json_object_set_new(d, "verdict_error", json_string(err ? err : "?"));
            free(err);
        } else {
            json_array_foreach(verdicts, k, p) {
                json_t *pend = json_object_get(p, "pending"), *named = json_array();
                size_t j;
                json_t *org;
                json_array_foreach(pend, j, org) {
                    const char *oid = json_string_value(org);
                    json_array_append_new(
                        named, json_pack("{s:s, s:s}", "id", oid, "name", name_of(g->orgs, oid)));
                    /* Advice that waits on an organisation's own decision. */
                    if (is_pending && k == 0)
                        json_array_append_new(
                            pending,
                            json_pack("{s:s, s:s?, s:s?, s:s?, s:s, s:s}", "decision", id,
                                      "subject", report_str(d, "subject"), "date",
                                      report_str(d, "date"), "body", body_name, "organisation", oid,
                                      "organisation_name", name_of(g->orgs, oid)));
                }
                json_object_set_new(p, "pending", named);
            }
            json_object_set_new(d, "verdicts", verdicts ? verdicts : json_array());
        }
        json_array_append(out, d);
    }
    json_decref(all);
    return out;
}

/* ---- agreements, funding, roles, actions ---- */

/* An agreement's topics, and its parties with how many signed. */
static int agreement_more(gather *g, json_t *a) {
    const char *id = report_str(a, "id");
    json_t *topics = json_array(),
           *tp = rows_json(g, (rows){"agreement_topic", .parent = "agreement", .id = id});
    size_t k;
    json_t *x;
    json_array_foreach(tp, k, x) json_array_append(topics, json_object_get(x, "topic"));
    json_decref(tp);
    json_object_set_new(a, "topics", topics);
    json_t *parties = rows_json(g, (rows){"agreement_party", .parent = "agreement", .id = id,
                                          .names = {"organisation", "signatory"}});
    int signed_ = 0;
    json_array_foreach(parties, k, x) signed_ += !strcmp(report_str(x, "status"), "signed");
    json_object_set_new(a, "signed", json_integer(signed_));
    json_object_set_new(a, "parties", parties);
    return 1;
}

static int by_purpose(const void *a, const void *b) {
    json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
    int c = strcmp(report_str(x, "purpose"), report_str(y, "purpose"));
    return c ? c : strcmp(report_str(x, "id"), report_str(y, "id"));
}

/* Whether the period ends soon or has ended. */
static int funding_more(gather *g, json_t *f) {
    int64_t today = report_days(g->o->today);
    const char *until = report_str(f, "until");
    int64_t end = until ? report_days(until) : 0;
    json_object_set_new(
        f, "ending_soon",
        json_boolean(end && end >= today && end - today <= REPORT_ENDING_SOON_DAYS));
    json_object_set_new(f, "ended", json_boolean(end && end < today));
    return 1;
}

/* The municipality's name. */
static int role_more(gather *g, json_t *r) {
    const char *code = report_str(r, "municipality");
    size_t k;
    json_t *m;
    const char *mname = code;
    json_array_foreach(g->munis, k, m) if (code && !strcmp(report_str(m, "code"), code)) mname =
        report_str(m, "name");
    json_object_set_new(r, "municipality_name", mname ? json_string(mname) : json_null());
    return 1;
}

static int strategic(gather *g, json_t *r) {
    (void)g;
    return !strcmp(report_str(r, "level"), "strategic");
}
static int operational(gather *g, json_t *r) {
    return !strategic(g, r);
}

/* The responsibilities, the strategic ones first. */
static json_t *responsibilities_json(gather *g) {
    json_t *out = rows_json(
               g, (rows){"responsibility", .names = {"organisation", "person"}, .each = strategic}),
           *rest = rows_json(g, (rows){"responsibility", .names = {"organisation", "person"},
                                       .each = operational});
    json_array_extend(out, rest);
    json_decref(rest);
    return out;
}

static int by_due(const void *a, const void *b) {
    const char *x = report_str(*(json_t *const *)a, "due"),
               *y = report_str(*(json_t *const *)b, "due");
    if (!x != !y) return x ? -1 : 1;
    int c = x ? strcmp(x, y) : 0;
    return c ? c
             : strcmp(report_str(*(json_t *const *)a, "id"), report_str(*(json_t *const *)b, "id"));
}

/* Open actions only (status open, or none), and whether each is overdue. */
static int action_more(gather *g, json_t *a) {
    const char *status = report_str(a, "status"), *due = report_str(a, "due");
    if (status && strcmp(status, "open")) return 0; /* done or cancelled */
    json_object_set_new(a, "overdue", json_boolean(due && strcmp(due, g->o->today) < 0));
    return 1;
}

/* ---- indicators ---- */

static int keep_value(void *ctx, const mvalue *v) {
    json_array_append_new(ctx, measure_value_json(v));
    return 0;
}

/* The kind of period of "2024", "2024Q3", "2024-07". */
static const char *period_kind(const char *p) {
    return strchr(p, 'Q') ? "quarter" : strchr(p, '-') ? "month" : "year";
}

/* The last REPORT_PERIODS values of a series. */
static json_t *last_periods(json_t *arr) {
    while (json_array_size(arr) > REPORT_PERIODS)
        json_array_remove(arr, 0);
    return arr;
}

int report_indicator(store *st, const char *code, const char *area, int agreed, json_t **out) {
    char unit[128], name[128];
    *out = NULL;
    int64_t id = measure_indicator_id(st, code, unit, name);
    const char *slash = strchr(code, '/');
    json_t *o = json_pack("{s:s, s:s?, s:s?, s:b}", "code", slash ? slash + 1 : code, "name",
                          name[0] && id > 0 ? name : NULL, "unit", unit[0] && id > 0 ? unit : NULL,
                          "agreed", agreed);
    json_t *mine = json_array(), *nation = json_array();
    if (id > 0 && measure_series(st, id, unit, area, NULL, keep_value, mine) < 0) goto bad;
    const char *kind =
        json_array_size(mine) ? period_kind(report_str(json_array_get(mine, 0), "period")) : NULL;
    if (kind && measure_series(st, id, unit, "NL", kind, keep_value, nation) < 0) goto bad;
    last_periods(mine);
    /* The nation's value for each period the region shows. */
    json_t *paired = json_array();
    size_t i;
    json_t *v;
    json_array_foreach(mine, i, v) {
        json_t *nv = NULL, *w;
        size_t k;
        json_array_foreach(nation, k,
                           w) if (!strcmp(report_str(w, "period"), report_str(v, "period"))) nv = w;
        json_array_append(paired, nv ? nv : json_null());
    }
    json_object_set_new(o, "kind", kind ? json_string(kind) : json_null());
    json_object_set_new(o, "series", mine);
    json_object_set_new(o, "national", paired);
    json_decref(nation);
    *out = o;
    return 0;
bad:
    json_decref(o);
    json_decref(mine);
    json_decref(nation);
    return -1;
}

typedef struct cat_pick {
    json_t *programmes; /* the region's programme ids */
    json_t *codes;
} cat_pick;

/* vals = id, region, code, name, kind, unit, ..., catalogue (11), programme (12), ... */
static int pick_catalogue(void *ctx, const char *const *vals, int n) {
    (void)n;
    cat_pick *c = ctx;
    if (vals[1] || !vals[12]) return 0;
    size_t i;
    json_t *p;
    json_array_foreach(c->programmes, i, p) if (!strcmp(json_string_value(p), vals[12])) {
        json_array_append_new(c->codes, json_string(vals[2]));
        break;
    }
    return 0;
}

static json_t *indicators_json(gather *g) {
    json_t *items = json_array();
    const rtable *t = table(g, "indicator");
    for (size_t i = 0; i < t->n && !g->err; i++) {
        char code[200];
        snprintf(code, sizeof code, "%s/%s", g->region, fv("indicator", &t->rows[i], "code"));
        json_t *ind;
        if (report_indicator(g->st, code, g->region, 1, &ind)) {
            storage_fail(g);
            break;
        }
        /* A region's own name and unit for its own indicator. */
        const char *nm = fv("indicator", &t->rows[i], "name"),
                   *un = fv("indicator", &t->rows[i], "unit");
        if (nm && !report_str(ind, "name")) json_object_set_new(ind, "name", json_string(nm));
        if (un && !report_str(ind, "unit")) json_object_set_new(ind, "unit", json_string(un));
        json_array_append_new(items, ind);
    }
    int fallback = 0;
    if (!t->n && !g->err) {
        /* None agreed: the first catalogue indicators of the region's programmes that have
        ** figures for it. */
        cat_pick c = {json_array(), json_array()};
        const rtable *pr = table(g, "region_programme");
        for (size_t i = 0; i < pr->n; i++)
            json_array_append_new(c.programmes,
                                  json_string(fv("region_programme", &pr->rows[i], "programme")));
        if (measure_indicators(g->st, 0, pick_catalogue, &c) < 0) storage_fail(g);
        size_t i;
        json_t *code;
        json_array_foreach(c.codes, i, code) {
            if (g->err || json_array_size(items) >= REPORT_FALLBACK_INDICATORS) break;
            json_t *ind;
            if (report_indicator(g->st, json_string_value(code), g->region, 0, &ind)) {
                storage_fail(g);
                break;
            }
            if (json_array_size(json_object_get(ind, "series"))) {
                json_array_append_new(items, ind);
                fallback = 1;
            } else {
                json_decref(ind);
            }
        }
        json_decref(c.programmes);
        json_decref(c.codes);
    }
    return json_pack("{s:i, s:b, s:o}", "suppress_below", measure_suppress_below(g->st),
                     "from_catalogue", fallback, "items", items);
}

/* ---- what changed ---- */

typedef struct last_report {
    int64_t id;
    char at[32];
    int found;
} last_report;

/* vals = id, at, actor, region, command, action, entity, key, detail, reason */
static int find_report(void *ctx, const char *const *v, int n) {
    (void)n;
    last_report *l = ctx;
    if (v[4] && !strcmp(v[4], "report")) {
        l->id = strtoll(v[0], NULL, 10);
        snprintf(l->at, sizeof l->at, "%s", v[1]);
        l->found = 1;
    }
    return 0;
}

int report_last(store *st, const char *region, int64_t *id, char *at) {
    last_report l = {0};
    if (store_events(st, region, 0, find_report, &l)) return -1;
    if (!l.found) return 1;
    *id = l.id;
    snprintf(at, 32, "%s", l.at);
    return 0;
}

typedef struct changes {
    int64_t after_id;  /* events after this id (0: by date) */
    const char *since; /* else: events at or after this day */
    json_t *groups;
    int64_t total;
} changes;

static int keep_change(void *ctx, const char *const *v, int n) {
    (void)n;
    changes *c = ctx;
    int64_t id = strtoll(v[0], NULL, 10);
    if (c->after_id ? id <= c->after_id : strncmp(v[1], c->since, 10) < 0) return 0;
    if (v[4] && !strcmp(v[4], "report")) return 0;
    c->total++;
    /* Events of one command at one moment by one person, on one kind of row, are one line. */
    json_t *last = json_array_get(c->groups, json_array_size(c->groups) - 1);
    const char *keys[] = {"at", "actor", "command", "action", "entity"};
    const char *vals[] = {v[1], v[2], v[4], v[5], v[6]};
    int same = last != NULL;
    for (int i = 0; same && i < 5; i++) {
        const char *x = report_str(last, keys[i]);
        same = (!x && !vals[i]) || (x && vals[i] && !strcmp(x, vals[i]));
    }
    if (!same) {
        last = json_pack("{s:s?, s:s?, s:s?, s:s?, s:s?, s:i, s:[], s:s?}", "at", v[1], "actor",
                         v[2], "command", v[4], "action", v[5], "entity", v[6], "count", 0, "keys",
                         "reason", v[9]);
        json_array_append_new(c->groups, last);
    }
    json_object_set_new(last, "count",
                        json_integer(json_integer_value(json_object_get(last, "count")) + 1));
    json_t *keyl = json_object_get(last, "keys");
    if (v[7] && json_array_size(keyl) < 8) json_array_append_new(keyl, json_string(v[7]));
    /* An advance says from which step to which. */
    if (v[8] && v[5] && !strcmp(v[5], "advance")) {
        json_t *d = json_loads(v[8], 0, NULL);
        if (d) {
            json_object_set(last, "from", json_object_get(d, "from"));
            json_object_set(last, "to", json_object_get(d, "to"));
            json_decref(d);
        }
    }
    return 0;
}

static json_t *changes_json(gather *g) {
    changes c = {0, NULL, json_array(), 0};
    char since[32], at[32];
    const char *basis;
    int64_t id;
    if (g->o->since) {
        c.since = g->o->since;
        snprintf(since, sizeof since, "%s", g->o->since);
        basis = "option";
    } else {
        int r = report_last(g->st, g->region, &id, at);
        if (r < 0) {
            storage_fail(g);
            return json_null();
        }
        if (r == 0) {
            c.after_id = id;
            snprintf(since, sizeof since, "%s", at);
            basis = "last_report";
        } else {
            /* No report yet: the last REPORT_DEFAULT_DAYS days. */
            report_date(report_days(g->o->today) - REPORT_DEFAULT_DAYS, since);
            c.since = since;
            basis = "default";
        }
    }
    if (store_events(g->st, g->region, 0, keep_change, &c)) storage_fail(g);
    json_int_t groups = (json_int_t)json_array_size(c.groups);
    while (json_array_size(c.groups) > REPORT_CHANGES)
        json_array_remove(c.groups, REPORT_CHANGES);
    return json_pack("{s:s, s:s, s:I, s:I, s:o}", "since", since, "basis", basis, "events",
                     (json_int_t)c.total, "groups_total", groups, "groups", c.groups);
}

/* ---- the document ---- */

json_t *report_region(store *st, const char *region, const report_opts *o, char **err, int *code) {
    gather g = {.st = st, .region = region, .o = o};
    json_t *doc = NULL, *groups = json_object(), *progs = json_array(), *pending = json_array();
    *err = NULL;
    if (!(g.rd = rdata_from_store(st, region)) || !g.rd->tables[ME_REGION].n) {
        storage_fail(&g);
        goto done;
    }
    if (!(g.R = rt_open(st, region, region, &g.err))) {
        g.code = 3;
        goto done;
    }
    g.orgs = names(&g, "organisation");
    g.people = names(&g, "person");
    json_t *reg = region_json(&g);
    if (programme_runs(&g, progs, groups)) {
        json_decref(reg);
        goto done;
    }
    json_t *bodies = rows_json(&g, (rows){"body", .each = body_more}),
           *decisions = decisions_json(&g, pending);
    doc = json_pack(
        "{s:s, s:i, s:s, s:s, s:o, s:O, s:o, s:{s:o, s:o, s:O}, s:o, s:o, s:o, s:o, "
        "s:o}",
        "report", "region", "version", REPORT_VERSION, "generated", o->now, "today", o->today,
        "region", reg, "programmes", progs, "findings", grouped(groups), "governance", "bodies",
        bodies, "decisions", decisions, "pending_advice", pending, "agreements",
        rows_json(&g, (rows){"agreement", .each = agreement_more}), "funding",
        rows_json(&g,
                  (rows){"funding", .names = {"funder"}, .each = funding_more, .cmp = by_purpose}),
        "roles", rows_json(&g, (rows){"role_assignment", .names = {"person"}, .each = role_more}),
        "responsibilities", responsibilities_json(&g), "actions",
        rows_json(&g, (rows){"action", .names = {"owner"}, .each = action_more, .cmp = by_due}));
    json_object_set_new(doc, "indicators", indicators_json(&g));
    json_object_set_new(doc, "changes", changes_json(&g));
    if (g.err) {
        json_decref(doc);
        doc = NULL;
    }
done:
    json_decref(groups);
    json_decref(progs);
    json_decref(pending);
    json_decref(g.orgs);
    json_decref(g.people);
    rt_close(g.R);
    rdata_free(g.rd);
    if (!doc) {
        *err = g.err ? g.err : strdup(_("out of memory"));
        *code = g.code ? g.code : 3;
    }
    return doc;
}
