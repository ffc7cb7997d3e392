/*
** region.c: a region's Lua, ready to run (see region.h). Owns the order in which a region's
** scripts run (file-name order, each as require of its module name, from the sources stored
** with the region) and the one way C asks the stdlib for a result.
*/
#include "region.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>

#include "ljson.h"
#include "model.h"
#include "refdata.h"
#include "store.h"

typedef struct script {
    char *file, *source;
} script;

typedef struct scripts {
    script *v;
    size_t n;
    int failed;
} scripts;

static int collect(void *ctx, const char *const *vals, int n) {
    (void)n;
    scripts *s = ctx;
    script *v = realloc(s->v, (s->n + 1) * sizeof *v);
    if (!v) return s->failed = 1;
    s->v = v;
    v[s->n].file = strdup(vals[0]);
    v[s->n].source = strdup(vals[1] ? vals[1] : "");
    if (!v[s->n].file || !v[s->n].source) s->failed = 1;
    s->n++;
    return s->failed;
}

sbx *region_lua(store *st, const char *region, const char *prefix, char **err) {
    *err = NULL;
    sbx *S = sbx_new(st, region, prefix, NULL, err);
    if (!S) return NULL;
    scripts list = {0};
    if (store_rows(st, ME_SCRIPT, region, collect, &list) || list.failed) {
        if (!list.failed) *err = strdup(store_errmsg(st));
        sbx_free(S);
        S = NULL;
    }
    /* Each script runs as require(module), so a later require of it gets the same table. */
    for (size_t i = 0; S && i < list.n; i++) {
        char module[512];
        snprintf(module, sizeof module, "%.*s", (int)(strlen(list.v[i].file) - 4), list.v[i].file);
        for (char *p = module; *p; p++)
            if (*p == '/') *p = '.';
        lua_State *L = sbx_state(S);
        lua_getglobal(L, "require");
        lua_pushstring(L, module);
        if (sbx_call(S, 1, 0, err)) {
            sbx_free(S);
            S = NULL;
        }
    }
    for (size_t i = 0; i < list.n; i++) {
        free(list.v[i].file);
        free(list.v[i].source);
    }
    free(list.v);
    if (!S && !*err) *err = strdup("out of memory");
    return S;
}

json_t *region_call(sbx *S, const char *module, const char *fn, const char *const *args, int nargs,
                    char **second, char **err) {
    lua_State *L = sbx_state(S);
    int top = lua_gettop(L);
    if (second) *second = NULL;
    /* require(module) */
    if (!lua_checkstack(L, nargs + 4)) {
        *err = strdup("Lua stack overflow");
        return NULL;
    }
    lua_getglobal(L, "require");
    lua_pushstring(L, module);
    if (sbx_call(S, 1, 1, err)) return NULL;
    if (!lua_istable(L, -1)) {
        lua_settop(L, top);
        *err = strdup("the module did not return a table");
        return NULL;
    }
    lua_getfield(L, -1, fn);
    lua_remove(L, -2);
    for (int i = 0; i < nargs; i++) {
        if (args[i])
            lua_pushstring(L, args[i]);
        else
            lua_pushnil(L);
    }
    if (sbx_call(S, nargs, 2, err)) return NULL;
    json_t *out = ljson_from_lua(L, -2);
    if (second && lua_type(L, -1) == LUA_TSTRING) *second = strdup(lua_tostring(L, -1));
    lua_settop(L, top);
    if (!out) *err = strdup("out of memory");
    return out;
}

json_t *region_evaluate(store *st, const char *region, const char *prefix, const char *programme,
                        const char *step, const char *today, char **err, int *usage) {
    char *why = NULL;
    *usage = 0;
    sbx *S = region_lua(st, region, prefix, err);
    if (!S) return NULL;
    const char *args[] = {programme, step, today, NULL};
    json_t *info = region_call(S, "spil.engine", "step_info", args, 3, &why, err);
    if (!info || json_is_null(info)) {
        if (info) {
            *usage = 1;
            *err = why ? why : strdup("cannot evaluate");
            why = NULL;
        }
        json_decref(info);
        free(why);
        sbx_free(S);
        return NULL;
    }
    json_t *res =
        json_pack("{s:O, s:O, s:O, s:[], s:i, s:i}", "programme",
                  json_object_get(info, "programme"), "step", json_object_get(info, "step"), "name",
                  json_object_get(info, "name"), "checks", "blocking", 0, "advisory", 0);
    const char *step_id = json_string_value(json_object_get(info, "step"));
    json_int_t blocking = 0, advisory = 0;
    size_t i;
    json_t *id;
    json_array_foreach(json_object_get(info, "checks"), i, id) {
        char *cerr = NULL;
        json_t *r = NULL;
        if (!S) S = region_lua(st, region, prefix, &cerr);
        if (S) {
            const char *cargs[] = {programme, step_id, json_string_value(id), today};
            r = region_call(S, "spil.engine", "evaluate_check", cargs, 4, NULL, &cerr);
            if (!r || !json_is_object(r)) {
                /* An error or a limit: the sandbox may be spent; the next check gets a new one. */
                json_decref(r);
                r = NULL;
                sbx_free(S);
                S = NULL;
            }
        }
        if (!r) {
            char missing[1200];
            snprintf(missing, sizeof missing, "the check itself failed: %s",
                     cerr ? cerr : "no result");
            r = json_pack("{s:O, s:O, s:s, s:s, s:[{s:O, s:s, s:s, s:s}]}", "id", id, "name", id,
                          "severity", "blocking", "status", "error", "findings", "check", id,
                          "severity", "blocking", "missing", missing, "remedy",
                          "fix the check's code (this is not a finding about the region's data)");
        }
        free(cerr);
        size_t j;
        json_t *f;
        json_array_foreach(json_object_get(r, "findings"), j, f) {
            const char *sev = json_string_value(json_object_get(f, "severity"));
            if (sev && strcmp(sev, "blocking") == 0)
                blocking++;
            else
                advisory++;
        }
        json_array_append_new(json_object_get(res, "checks"), r);
    }
    json_object_set_new(res, "blocking", json_integer(blocking));
    json_object_set_new(res, "advisory", json_integer(advisory));
    json_object_set_new(res, "ready", json_boolean(blocking == 0));
    json_decref(info);
    free(why);
    sbx_free(S);
    return res;
}

int region_readiness(store *st, const char *region, const char *programme, const char *today,
                     int *blocking, int *advisory, char **err) {
    const char *engine = ref_stdlib_digest();
    *err = NULL;
    int hit =
        engine ? store_readiness_get(st, region, programme, today, engine, blocking, advisory) : 0;
    if (hit == 1) return 0;
    int usage;
    json_t *res = region_evaluate(st, region, region, programme, NULL, today, err, &usage);
    if (!res) return -1;
    *blocking = (int)json_integer_value(json_object_get(res, "blocking"));
    *advisory = (int)json_integer_value(json_object_get(res, "advisory"));
    region_remember(st, region, res, today);
    json_decref(res);
    return 0;
}

void region_remember(store *st, const char *region, json_t *res, const char *today) {
    const char *engine = ref_stdlib_digest();
    if (!engine) return;
    /* Best effort: a database opened read-only, or busy, simply keeps no cache. */
    store_readiness_put(st, region, json_string_value(json_object_get(res, "programme")),
                        json_string_value(json_object_get(res, "step")), today, engine,
                        (int)json_integer_value(json_object_get(res, "blocking")),
                        (int)json_integer_value(json_object_get(res, "advisory")));
}
