/*
** runtime.c: the region runtime (see runtime.h), the only module that composes and drives region
** Lua. C asks the stdlib for exactly three things: spil.engine.open (the step and the context its
** checks share), spil.engine.run (one check), spil.engine.advance_rule (the governance rule);
** everything around them (which sandbox, what a failure means, counting, the texts of the
** failed-check finding and of a refused advance) is here, once.
*/
#include "runtime.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>

#include "api.h"
#include "bug.h"
#include "diff.h"
#include "lang.h"
#include "ljson.h"
#include "model.h"
#include "out.h"
#include "rdata.h"
#include "refdata.h"
#include "store.h"

typedef struct script {
    char *file, *source;
    size_t len;
} script;

struct rt {
    store *st;
    char *region; /* "" when none */
    char *prefix;
    script *scripts; /* sorted by file */
    size_t n;
    int failed;
    sbx_limits limits; /* zero: the defaults */
};

/* ---- the region's scripts, read once ---- */

static int collect(void *ctx, const char *const *vals, int n) {
    (void)n;
    rt *R = ctx;
    script *v = realloc(R->scripts, (R->n + 1) * sizeof *v);
    if (!v) return R->failed = 1;
    R->scripts = v;
    const char *src = vals[1] ? vals[1] : "";
    v[R->n] = (script){strdup(vals[0]), strdup(src), strlen(src)};
    if (!v[R->n].file || !v[R->n].source) R->failed = 1;
    R->n++;
    return R->failed;
}

static int by_file(const void *a, const void *b) {
    return strcmp(((const script *)a)->file, ((const script *)b)->file);
}

/* The sandbox's loader: a binary search, so that requiring every one of n scripts is n log n. */
static const char *loader(void *ud, const char *file, size_t *len) {
    rt *R = ud;
    script key = {(char *)file, NULL, 0};
    const script *s = R->n ? bsearch(&key, R->scripts, R->n, sizeof key, by_file) : NULL;
    if (!s) return NULL;
    *len = s->len;
    return s->source;
}

/* The limits every sandbox of a runtime starts with: the clock spil's commands use
** ($SPIL_NOW), and the wall-clock limit of $SPIL_TIME_LIMIT (seconds) when it is set. */
static void print_text(FILE *f, const char *s, size_t len) {
    out_text(f, s, len, OUT_LINES);
}

static void default_limits(rt *R) {
    R->limits.now = out_clock();
    R->limits.write = print_text;
    const char *t = getenv("SPIL_TIME_LIMIT");
    char *end;
    double s = t && *t ? strtod(t, &end) : 0;
    if (t && *t && !*end && s > 0 && s <= 3600)
        R->limits.seconds = s;
    else if (t && *t)
        fprintf(stderr,
                "spil: SPIL_TIME_LIMIT is seconds, more than 0 and at most 3600, not '%s': "
                "the limit stays %g s\n",
                t, SBX_DEFAULT_SECONDS);
}

rt *rt_open(store *st, const char *region, const char *prefix, char **err) {
    *err = NULL;
    rt *R = calloc(1, sizeof *R);
    if (!R || !(R->region = strdup(region ? region : "")) ||
        !(R->prefix = strdup(prefix && *prefix ? prefix : "."))) {
        rt_close(R);
        *err = strdup("out of memory");
        return NULL;
    }
    R->st = st;
    default_limits(R);
    if (*R->region && (store_rows(st, ME_SCRIPT, R->region, collect, R) || R->failed)) {
        *err = strdup(R->failed ? "out of memory" : store_errmsg(st));
        rt_close(R);
        return NULL;
    }
    if (R->n) qsort(R->scripts, R->n, sizeof *R->scripts, by_file);
    return R;
}

void rt_close(rt *R) {
    if (!R) return;
    for (size_t i = 0; i < R->n; i++) {
        free(R->scripts[i].file);
        free(R->scripts[i].source);
    }
    free(R->scripts);
    free(R->region);
    free(R->prefix);
    free(R);
}

void rt_set_limits(rt *R, const sbx_limits *lim) {
    int64_t now = R->limits.now;
    double seconds = R->limits.seconds;
    sbx_writer write = R->limits.write;
    R->limits = *lim;
    if (!lim->now) R->limits.now = now;
    if (!lim->write) R->limits.write = write;
    if (!lim->seconds) R->limits.seconds = seconds;
}

/* ---- composing a sandbox ---- */

static int push_spil(lua_State *L) {
    rt *R = lua_touserdata(L, 1);
    return api_push_module(L, R->st, R->region);
}

static int push_require(lua_State *L) {
    const char *module = lua_touserdata(L, 1);
    lua_getglobal(L, "require");
    lua_pushstring(L, module);
    return 2;
}

static int push_runtime(lua_State *L);

sbx *rt_sandbox(rt *R, int trusted, char **err) {
    sbx *S = sbx_new(R->prefix, &R->limits, loader, R, err);
    if (!S) return NULL;
    if (sbx_protect(S, push_spil, R, 0, 1, err) || sbx_provide(S, "spil", 1, err) ||
        (trusted &&
         (sbx_protect(S, push_runtime, R, 0, 1, err) || sbx_provide(S, "spil.runtime", 0, err)))) {
        sbx_free(S);
        return NULL;
    }
    /* Each script runs as require(module), so a later require of it gets the same table. */
    for (size_t i = 0; i < R->n; i++) {
        char module[512];
        const char *file = R->scripts[i].file;
        size_t len = strlen(file);
        snprintf(module, sizeof module, "%.*s", (int)(len > 4 ? len - 4 : len), file);
        for (char *p = module; *p; p++)
            if (*p == '/') *p = '.';
        if (sbx_protect(S, push_require, module, 0, 2, err) || sbx_call(S, 1, 0, err)) {
            sbx_free(S);
            return NULL;
        }
    }
    return S;
}

/* ---- calling the engine ---- */

typedef struct engine_call {
    const char *fn;
    int ctx_ref; /* pushed first when not LUA_NOREF */
    const char *const *args;
    int nargs;
    int with_slot; /* push with (or nil) last */
    json_t *with;
} engine_call;

static int push_engine_call(lua_State *L) {
    engine_call *c = lua_touserdata(L, 1);
    lua_settop(L, 0);
    luaL_checkstack(L, c->nargs + 4, "calling the engine");
    lua_getglobal(L, "require");
    lua_pushliteral(L, "spil.engine");
    lua_call(L, 1, 1);
    if (!lua_istable(L, 1)) return luaL_error(L, "spil.engine did not return a table");
    lua_getfield(L, 1, c->fn);
    lua_remove(L, 1);
    if (c->ctx_ref != LUA_NOREF) lua_rawgeti(L, LUA_REGISTRYINDEX, c->ctx_ref);
    for (int i = 0; i < c->nargs; i++) {
        if (c->args[i])
            lua_pushstring(L, c->args[i]);
        else
            lua_pushnil(L);
    }
    if (c->with_slot) {
        if (c->with)
            ljson_push(L, c->with);
        else
            lua_pushnil(L);
    }
    return lua_gettop(L);
}

/* Call spil.engine.fn with c's arguments, leaving nres results. 0 or -1 with *err. */
static int call_engine(sbx *S, engine_call *c, int nres, char **err) {
    int n = 1 + (c->ctx_ref != LUA_NOREF) + c->nargs + c->with_slot;
    if (sbx_protect(S, push_engine_call, c, 0, n, err)) return -1;
    return sbx_call(S, n - 1, nres, err);
}

/* spil.engine.fn(args) in a fresh sandbox, its nres results read by read (protected, ud its
** argument 1 and the results 2..). RT_OK, or RT_SCRIPT with *err. */
static int ask_engine(rt *R, const char *fn, const char *const *args, int nargs, int nres,
                      lua_CFunction read, void *ud, char **err) {
    sbx *S = rt_sandbox(R, 0, err);
    if (!S) return RT_SCRIPT;
    engine_call c = {fn, LUA_NOREF, args, nargs, 0, NULL};
    int rc =
        call_engine(S, &c, nres, err) || sbx_protect(S, read, ud, nres, 0, err) ? RT_SCRIPT : RT_OK;
    sbx_free(S);
    return rc;
}

/* What spil.engine.open said about the step. */
typedef struct step_info {
    char *programme, *step, *name;
    struct {
        char *id, *name, *source;
    } * checks;
    size_t n;
    int ctx_ref;
    json_t *departures; /* what spil.engine.open said the region asks less than the standard */
} step_info;

static void step_info_free(step_info *s) {
    free(s->programme);
    free(s->step);
    free(s->name);
    for (size_t i = 0; i < s->n; i++) {
        free(s->checks[i].id);
        free(s->checks[i].name);
        free(s->checks[i].source);
    }
    free(s->checks);
    json_decref(s->departures);
    memset(s, 0, sizeof *s);
}

static char *field_text(lua_State *L, int t, const char *key) {
    lua_getfield(L, t, key);
    char *s = lua_type(L, -1) == LUA_TSTRING ? strdup(lua_tostring(L, -1)) : NULL;
    lua_pop(L, 1);
    return s;
}

/* Field key of table t as JSON, when it is a table (else NULL); raises, naming what, when it
** cannot be (protected callers only). */
static json_t *field_json(lua_State *L, int t, const char *key, const char *what) {
    json_t *j = NULL;
    const char *why = NULL;
    if (lua_getfield(L, t, key) == LUA_TTABLE && !(j = ljson_from_lua(L, -1, &why)))
        luaL_error(L, "%s's %s: %s", what, key, why ? why : "out of memory");
    lua_pop(L, 1);
    return j;
}

/* Protected: stack ud, ctx, info. Fills the step_info (freed by the caller whatever happens). */
static int read_step_info(lua_State *L) {
    step_info *s = lua_touserdata(L, 1);
    if (!lua_istable(L, 3)) return luaL_error(L, "spil.engine.open returned no step");
    s->programme = field_text(L, 3, "programme");
    s->step = field_text(L, 3, "step");
    s->name = field_text(L, 3, "name");
    lua_getfield(L, 3, "checks");
    size_t n = lua_istable(L, -1) ? lua_rawlen(L, -1) : 0;
    if (n && !(s->checks = calloc(n, sizeof *s->checks))) return luaL_error(L, "out of memory");
    for (size_t i = 0; i < n; i++, s->n++) {
        lua_rawgeti(L, -1, (lua_Integer)i + 1);
        int c = lua_gettop(L);
        if (!lua_istable(L, c) || !(s->checks[i].id = field_text(L, c, "id")))
            return luaL_error(L, "spil.engine.open returned a check without an id");
        s->checks[i].name = field_text(L, c, "name");
        s->checks[i].source = field_text(L, c, "source");
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
    s->departures = field_json(L, 3, "departures", "spil.engine.open");
    if (!s->programme || !s->step) return luaL_error(L, "spil.engine.open returned no step");
    lua_pushvalue(L, 2);
    s->ctx_ref = luaL_ref(L, LUA_REGISTRYINDEX);
    return 0;
}

/* Protected: the message spil.engine.open gave instead of a step, into *(char **)ud. */
static int read_message(lua_State *L) {
    char **out = lua_touserdata(L, 1);
    *out = strdup(lua_type(L, 3) == LUA_TSTRING ? lua_tostring(L, 3) : "cannot evaluate");
    return 0;
}

/* Open the evaluation of a step in S. RT_OK with *info; RT_UNKNOWN or RT_SCRIPT with *err. */
static int open_step(sbx *S, const char *programme, const char *step, const char *today,
                     json_t *with, step_info *info, char **err) {
    const char *args[] = {programme, step, today};
    engine_call c = {"open", LUA_NOREF, args, 3, 1, with};
    memset(info, 0, sizeof *info);
    info->ctx_ref = LUA_NOREF;
    if (call_engine(S, &c, 2, err)) return RT_SCRIPT;
    lua_State *L = sbx_state(S);
    int unknown = lua_isnil(L, -2);
    /* The two results become the reader's arguments 2 and 3. */
    if (sbx_protect(S, unknown ? read_message : read_step_info, unknown ? (void *)err : info, 2, 0,
                    err)) {
        step_info_free(info);
        return RT_SCRIPT;
    }
    if (unknown) {
        step_info_free(info);
        return *err ? RT_UNKNOWN : RT_INTERNAL;
    }
    return RT_OK;
}

/* Protected: decode the check result (argument 2) into the eval_result (argument 1's). */
typedef struct decoding {
    eval_result *r;
    char *err;
} decoding;

static int decode_check(lua_State *L) {
    decoding *d = lua_touserdata(L, 1);
    eval_decode_check(d->r, L, 2, &d->err);
    return 0;
}

/* Run check id in S (opened as info): 0 and the check added to out, or -1 with *err. */
static int run_one(sbx *S, const step_info *info, const char *id, eval_result *out, char **err) {
    const char *args[] = {id};
    engine_call c = {"run", info->ctx_ref, args, 1, 0, NULL};
    if (call_engine(S, &c, 1, err)) return -1;
    size_t before = out->nchecks;
    decoding d = {out, NULL};
    int bad = sbx_protect(S, decode_check, &d, 1, 0, err); /* the result is its argument 2 */
    if (!bad && d.err) {
        *err = d.err;
        bad = 1;
    }
    if (bad) eval_drop_to(out, before);
    return bad ? -1 : 0;
}

int rt_evaluate(rt *R, const char *programme, const char *step, const char *today, json_t *with,
                eval_result *out, char **err) {
    char day[16];
    assert(R && programme && out && err);
    if (!today) today = out_today(day);
    *err = NULL;
    memset(out, 0, sizeof *out);
    sbx *S = rt_sandbox(R, 0, err);
    if (!S) return RT_SCRIPT;
    step_info info;
    int rc = open_step(S, programme, step, today, with, &info, err);
    if (rc != RT_OK) {
        sbx_free(S);
        return rc;
    }
    if (eval_init(out, info.programme, info.step, info.name)) {
        step_info_free(&info);
        sbx_free(S);
        *err = strdup("out of memory");
        return RT_INTERNAL;
    }
    out->departures = info.departures; /* the result's now */
    info.departures = NULL;
    for (size_t i = 0; i < info.n; i++) {
        char *cerr = NULL;
        if (!S && (S = rt_sandbox(R, 0, &cerr))) {
            /* A fresh sandbox after a failure: the same step, a new shared context. */
            step_info again;
            if (open_step(S, info.programme, info.step, today, with, &again, &cerr) != RT_OK) {
                sbx_free(S);
                S = NULL;
            } else {
                info.ctx_ref = again.ctx_ref;
                step_info_free(&again);
            }
        }
        if (S && run_one(S, &info, info.checks[i].id, out, &cerr)) {
            /* An error or a limit: the sandbox may be spent; the next check gets a new one. */
            sbx_free(S);
            S = NULL;
        }
        int failed = !S;
        if (failed && eval_add_failed_check(out, info.checks[i].id, info.checks[i].name,
                                            info.checks[i].source, cerr)) {
            free(cerr);
            step_info_free(&info);
            eval_free(out);
            *err = strdup("out of memory");
            return RT_INTERNAL;
        }
        free(cerr);
    }
    step_info_free(&info);
    sbx_free(S);
    if (eval_finish(out)) {
        eval_free(out);
        *err = strdup("out of memory");
        return RT_INTERNAL;
    }
    return RT_OK;
}

/* ---- the region's parameters ---- */

typedef struct param_problem {
    char *message, *programme, *name;
} param_problem;

/* Protected: spil.engine.check_parameters' results (arguments 2-4) into the param_problem. */
static int read_param_problem(lua_State *L) {
    param_problem *p = lua_touserdata(L, 1);
    if (lua_type(L, 2) != LUA_TSTRING) return 0;
    p->message = strdup(lua_tostring(L, 2));
    p->programme = lua_type(L, 3) == LUA_TSTRING ? strdup(lua_tostring(L, 3)) : NULL;
    p->name = lua_type(L, 4) == LUA_TSTRING ? strdup(lua_tostring(L, 4)) : NULL;
    return 0;
}

int rt_check_parameters(rt *R, char **message, char **programme, char **name, char **err) {
    *message = *programme = *name = NULL;
    param_problem p = {0};
    int rc = ask_engine(R, "check_parameters", NULL, 0, 3, read_param_problem, &p, err);
    *message = p.message;
    *programme = p.programme;
    *name = p.name;
    return rc;
}

/* What spil.engine.check_steps found (Lua values 2..5). */
typedef struct step_problem {
    char *programme, *step, **steps;
    int in_history;
} step_problem;

/* Protected: the problem into arg 1, copied from the Lua values. */
static int read_step_problem(lua_State *L) {
    step_problem *p = lua_touserdata(L, 1);
    if (lua_type(L, 2) != LUA_TSTRING || lua_type(L, 3) != LUA_TSTRING || !lua_istable(L, 4))
        return 0;
    size_t n = (size_t)lua_rawlen(L, 4);
    if (!(p->steps = calloc(n + 1, sizeof *p->steps))) return luaL_error(L, "out of memory");
    for (size_t i = 0; i < n; i++) {
        lua_rawgeti(L, 4, (lua_Integer)i + 1);
        if (lua_type(L, -1) == LUA_TSTRING && !(p->steps[i] = strdup(lua_tostring(L, -1))))
            return luaL_error(L, "out of memory");
        lua_pop(L, 1);
    }
    if (!(p->programme = strdup(lua_tostring(L, 2))) || !(p->step = strdup(lua_tostring(L, 3))))
        return luaL_error(L, "out of memory");
    p->in_history = lua_type(L, 5) == LUA_TSTRING && strcmp(lua_tostring(L, 5), "history") == 0;
    return 0;
}

void rt_steps_free(char **steps) {
    for (size_t i = 0; steps && steps[i]; i++)
        free(steps[i]);
    free(steps);
}

int rt_check_steps(rt *R, int nth, char **programme, char **step, char ***steps, int *in_history,
                   char **err) {
    *programme = *step = NULL;
    *steps = NULL;
    *in_history = 0;
    char n[16];
    snprintf(n, sizeof n, "%d", nth);
    const char *args[] = {n};
    step_problem p = {0};
    int rc = ask_engine(R, "check_steps", args, 1, 4, read_step_problem, &p, err);
    if (rc != RT_OK || !p.step) {
        free(p.programme);
        free(p.step);
        rt_steps_free(p.steps);
        return rc;
    }
    *programme = p.programme;
    *step = p.step;
    *steps = p.steps;
    *in_history = p.in_history;
    return RT_OK;
}

/* ---- governance of a decision ---- */

/* Protected: spil.engine.decision_verdict's list (argument 2) as JSON into *(json_t **)arg 1,
** or its message (argument 3) as an error. */
static int read_verdict(lua_State *L) {
    json_t **out = lua_touserdata(L, 1);
    if (!lua_istable(L, 2))
        return luaL_error(L, "%s",
                          lua_type(L, 3) == LUA_TSTRING ? lua_tostring(L, 3) : "no verdict");
    const char *why = NULL;
    if (!(*out = ljson_from_lua(L, 2, &why)))
        return luaL_error(L, "the verdict: %s", why ? why : "out of memory");
    return 0;
}

int rt_decision_verdict(rt *R, const char *id, const char *today, json_t **out, char **err) {
    *out = NULL;
    const char *args[] = {id, today};
    return ask_engine(R, "decision_verdict", args, 2, 2, read_verdict, out, err);
}

/* ---- advancing ---- */

/* Protected: the plan table spil.engine.advance_rule returned (argument 2) into the rt_plan, or
** its message (argument 3) into plan->reason with allowed = -1. */
static int read_rule(lua_State *L) {
    rt_plan *p = lua_touserdata(L, 1);
    if (!lua_istable(L, 2)) {
        p->allowed = -1;
        p->reason = strdup(lua_type(L, 3) == LUA_TSTRING ? lua_tostring(L, 3) : "cannot advance");
        return 0;
    }
    lua_getfield(L, 2, "allowed");
    p->allowed = lua_toboolean(L, -1);
    lua_pop(L, 1);
    p->reason = field_text(L, 2, "reason");
    p->to = field_text(L, 2, "to");
    p->parameters = field_json(L, 2, "parameters", "advance_rule");
    p->rules = field_json(L, 2, "rules", "advance_rule");
    if (p->allowed && !p->to) return luaL_error(L, "advance_rule allowed a move to no step");
    return 0;
}

static int out_of_memory(char **err) {
    *err = strdup("out of memory");
    return RT_INTERNAL;
}

int rt_plan_advance(rt *R, const char *programme, const char *person, const char *today,
                    rt_plan *plan, char **err) {
    char day[16];
    if (!today) today = out_today(day);
    memset(plan, 0, sizeof *plan);
    /* The checks first, each on its own as spil check runs them; then the rules. */
    int rc = rt_evaluate(R, programme, NULL, today, NULL, &plan->result, err);
    if (rc != RT_OK) return rc;
    if (!(plan->from = strdup(plan->result.step))) return out_of_memory(err);
    if (!plan->result.ready) {
        char reason[256];
        snprintf(reason, sizeof reason,
                 lang_trn("step %s has %d blocking finding", "step %s has %d blocking findings",
                          (unsigned long)plan->result.blocking),
                 plan->result.step, plan->result.blocking);
        return (plan->reason = strdup(reason)) ? RT_OK : out_of_memory(err);
    }
    const char *args[] = {programme, person, today};
    rc = ask_engine(R, "advance_rule", args, 3, 2, read_rule, plan, err);
    if (rc == RT_OK && plan->allowed < 0) { /* the programme or its step is unknown */
        *err = plan->reason;
        plan->reason = NULL;
        plan->allowed = 0;
        rc = RT_UNKNOWN;
    }
    return rc;
}

void rt_plan_free(rt_plan *plan) {
    free(plan->reason);
    free(plan->from);
    free(plan->to);
    json_decref(plan->parameters);
    json_decref(plan->rules);
    eval_free(&plan->result);
    memset(plan, 0, sizeof *plan);
}

json_t *rt_plan_json(const rt_plan *plan) {
    json_t *o = json_pack("{s:b, s:s}", "allowed", plan->allowed, "from", plan->from);
    if (plan->reason) json_object_set_new(o, "reason", json_string(plan->reason));
    if (plan->to) json_object_set_new(o, "to", json_string(plan->to));
    if (plan->parameters) json_object_set(o, "parameters", plan->parameters);
    if (plan->rules && json_array_size(plan->rules)) json_object_set(o, "rules", plan->rules);
    json_object_set_new(o, "result", eval_json(&plan->result));
    return o;
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

int rt_advance(rt *R, const char *programme, const rt_plan *plan, const char *actor,
               const char *day, const char *now, const char *reason, char **err) {
    *err = NULL;
    if (!plan->allowed || !plan->to) BUG("rt_advance of a plan that does not allow the move");
    rdata *old = NULL, *new = NULL;
    changes ch = {0};
    char *text = NULL;
    /* The caller's transaction (store_begin before rt_plan_advance): the state the verdict was
    ** reached on is the state written to, whatever another spil tried meanwhile. */
    int bad = !(old = rdata_from_store(R->st, R->region)) ||
              !(new = rdata_from_store(R->st, R->region)) ||
              move_step(new, programme, plan->from, plan->to, day) || diff_compute(old, new, &ch) ||
              diff_apply(R->st, R->region, &ch, actor, now, "advance", reason);
    if (!bad) {
        /* One event with the check results that justified the move. */
        json_t *summary = json_array();
        for (size_t i = 0; i < plan->result.nchecks; i++)
            json_array_append_new(
                summary, json_pack("{s:s, s:s}", "check", plan->result.checks[i].id, "status",
                                   eval_status_name(plan->result.checks[i].status)));
        json_t *detail = json_pack("{s:s, s:s, s:s, s:o}", "programme", programme, "from",
                                   plan->from, "to", plan->to, "checks", summary);
        /* Which thresholds the region set in place of the guidance's defaults. */
        if (detail && plan->parameters && json_array_size(plan->parameters))
            json_object_set(detail, "parameters", plan->parameters);
        /* And where its programme asks less than the guidance's at the step it left. */
        if (detail && plan->result.departures && json_array_size(plan->result.departures))
            json_object_set(detail, "departures", plan->result.departures);
        /* And which governance rules of its own allowed the move. */
        if (detail && plan->rules && json_array_size(plan->rules))
            json_object_set(detail, "rules", plan->rules);
        text = detail ? json_dumps(detail, JSON_COMPACT) : NULL;
        json_decref(detail);
        store_event ev = {.at = now,
                          .actor = actor,
                          .region = R->region,
                          .command = "advance",
                          .action = "advance",
                          .entity = "programme",
                          .key = programme,
                          .detail = text,
                          .reason = reason};
        bad = !text || store_log(R->st, &ev) || store_commit(R->st);
    }
    if (bad) {
        *err = strdup(store_errmsg(R->st));
        store_rollback(R->st);
    }
    free(text);
    diff_free(&ch);
    rdata_free(old);
    rdata_free(new);
    return bad ? RT_INTERNAL : RT_OK;
}

/* ---- readiness, remembered for spil status ---- */

void rt_remember(rt *R, const eval_result *res, const char *today) {
    const char *engine = ref_stdlib_digest();
    if (!engine) return;
    /* Best effort: a database opened read-only, or busy, simply keeps no cache. */
    store_readiness_put(R->st, R->region, res->programme, res->step, today, engine, res->blocking,
                        res->advisory);
}

int rt_readiness(rt *R, const char *programme, const char *today, int *blocking, int *advisory,
                 char **err) {
    const char *engine = ref_stdlib_digest();
    *err = NULL;
    if (engine &&
        store_readiness_get(R->st, R->region, programme, today, engine, blocking, advisory) == 1)
        return RT_OK;
    eval_result res;
    int rc = rt_evaluate(R, programme, NULL, today, NULL, &res, err);
    if (rc != RT_OK) return rc;
    *blocking = res.blocking;
    *advisory = res.advisory;
    rt_remember(R, &res, today);
    eval_free(&res);
    return RT_OK;
}

/* ---- spil.runtime: the same entries for spil test and the operator's REPL ---- */

/* Protected: push the eval_result (argument 1) as a table. */
static int push_result(lua_State *L) {
    eval_push(L, lua_touserdata(L, 1));
    return 1;
}

/* Protected: the plan (argument 1) as a table: { allowed, reason, from, to, result }. */
static int push_plan(lua_State *L) {
    const rt_plan *p = lua_touserdata(L, 1);
    lua_createtable(L, 0, 5);
    lua_pushboolean(L, p->allowed);
    lua_setfield(L, -2, "allowed");
    const char *const texts[][2] = {{"reason", p->reason}, {"from", p->from}, {"to", p->to}};
    for (int i = 0; i < 3; i++) {
        if (!texts[i][1]) continue;
        lua_pushstring(L, texts[i][1]);
        lua_setfield(L, -2, texts[i][0]);
    }
    eval_push(L, &p->result);
    lua_setfield(L, -2, "result");
    return 1;
}

static void free_result(void *p) {
    eval_free(p);
}

static void free_plan(void *p) {
    rt_plan_free(p);
}

/* nil and the message, as the Lua convention has it. */
static int fail_soft(lua_State *L, char *err) {
    lua_pushnil(L);
    lua_pushstring(L, err ? err : "out of memory");
    free(err);
    return 2;
}

/* spil.runtime.evaluate(programme, step, today, with): what spil check finds, as a table. */
static int lua_evaluate(lua_State *L) {
    rt *R = lua_touserdata(L, lua_upvalueindex(1));
    const char *programme = luaL_checkstring(L, 1), *step = luaL_optstring(L, 2, NULL);
    const char *today = luaL_optstring(L, 3, NULL);
    json_t *with = NULL;
    if (!lua_isnoneornil(L, 4)) {
        luaL_checktype(L, 4, LUA_TTABLE);
        const char *why;
        if (!(with = ljson_from_lua(L, 4, &why))) {
            char *m = malloc(strlen(why) + 64);
            if (m) sprintf(m, "'with' cannot be converted for the evaluation: %s", why);
            return fail_soft(L, m);
        }
    }
    eval_result res;
    char *err = NULL;
    int rc = rt_evaluate(R, programme, step, today, with, &res, &err);
    json_decref(with);
    if (rc != RT_OK) return fail_soft(L, err);
    return sbx_hand_over(L, push_result, &res, free_result);
}

/* spil.runtime.plan_advance(programme, person, today): what spil advance would decide, as a
** table; nothing is written. */
static int lua_plan_advance(lua_State *L) {
    rt *R = lua_touserdata(L, lua_upvalueindex(1));
    const char *programme = luaL_checkstring(L, 1), *person = luaL_checkstring(L, 2);
    const char *today = luaL_optstring(L, 3, NULL);
    rt_plan plan;
    char *err = NULL;
    int rc = rt_plan_advance(R, programme, person, today, &plan, &err);
    if (rc != RT_OK) {
        rt_plan_free(&plan);
        return fail_soft(L, err);
    }
    return sbx_hand_over(L, push_plan, &plan, free_plan);
}

static int push_runtime(lua_State *L) {
    static const luaL_Reg fns[] = {
        {"evaluate", lua_evaluate}, {"plan_advance", lua_plan_advance}, {NULL, NULL}};
    lua_newtable(L);
    lua_pushvalue(L, 1); /* the rt, upvalue of each */
    luaL_setfuncs(L, fns, 1);
    return 1;
}
