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
