/*
** ljson.c: Lua values to JSON and back (see ljson.h). Runs in whatever state holds the value; it
** calls no Lua code, so it is safe on values made by region code.
**
** Owns: the bounds of a conversion to JSON (values, bytes of text, and Jansson's own memory,
** counted by an allocator of Jansson's that is armed only while a conversion runs). A table
** reached through several references is converted, and counted, each time it is reached, so
** `t.a = t; t.b = t` is refused after LJSON_MAX_VALUES instead of growing without end.
*/
#include "ljson.h"

#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>

/* What one conversion has used, against the limits. */
typedef struct budget {
    size_t values, bytes;
    const char *broken; /* the limit it broke (a message), or NULL */
} budget;

/* ---- Jansson's memory ---- */

/* Jansson's allocations pass through here (set once, process-wide: they stay plain malloc and
** free, so a block allocated before or freed by free() elsewhere is fine). While a conversion
** runs (armed), the bytes it holds are counted and a request past LJSON_MAX_JSON fails: Jansson
** then returns NULL, and the conversion reports the limit. */
static int armed;
static size_t held;

static void *counting_malloc(size_t n) {
    if (armed && (n > LJSON_MAX_JSON || held > LJSON_MAX_JSON - n)) return NULL;
    void *p = malloc(n);
    if (p && armed) held += malloc_usable_size(p);
    return p;
}

static void counting_free(void *p) {
    if (p && armed) {
        size_t n = malloc_usable_size(p);
        held = n < held ? held - n : 0;
    }
    free(p);
}

static void arm(void) {
    static int set;
    if (!set) json_set_alloc_funcs(counting_malloc, counting_free);
    set = armed = 1;
    held = 0;
}

/* ---- Lua to JSON ---- */

static json_t *convert(lua_State *L, int idx, int depth, budget *b);

static int by_string(const void *a, const void *b) {
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Count one value of len bytes of text; 0 once a limit is broken (nothing more is converted). */
static int spend(budget *b, size_t len) {
    if (b->broken) return 0;
    if (++b->values > LJSON_MAX_VALUES)
        b->broken = "more than " LJSON_STR(LJSON_MAX_VALUES) " values (a table reached through "
                                                             "several references counts each time)";
    else if ((b->bytes += len) > LJSON_MAX_BYTES)
        b->broken = "more than " LJSON_STR(LJSON_MAX_BYTES) " bytes of text";
    return !b->broken;
}

/* Jansson refused memory: the limit of its own. */
static json_t *no_memory(budget *b) {
    if (!b->broken) b->broken = "more than " LJSON_STR(LJSON_MAX_JSON) " bytes of JSON";
    return NULL;
}

/* 1 when the table at idx has exactly the keys 1..n (n may be 0). */
static int is_array(lua_State *L, int idx) {
    lua_Integer n = (lua_Integer)lua_rawlen(L, idx), count = 0;
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        lua_pop(L, 1);
        if (!lua_isinteger(L, -1)) {
            lua_pop(L, 1);
            return 0;
        }
        lua_Integer k = lua_tointeger(L, -1);
        if (k < 1 || k > n) {
            lua_pop(L, 1);
            return 0;
        }
        count++;
    }
    return count == n;
}

static json_t *table(lua_State *L, int idx, int depth, budget *b) {
    if (!lua_checkstack(L, 4)) return json_null();
    if (is_array(L, idx)) {
        json_t *a = json_array();
        if (!a) return no_memory(b);
        lua_Integer n = (lua_Integer)lua_rawlen(L, idx);
        for (lua_Integer i = 1; i <= n && !b->broken; i++) {
            lua_rawgeti(L, idx, i);
            json_t *v = convert(L, lua_gettop(L), depth + 1, b);
            if (v && json_array_append_new(a, v)) no_memory(b);
            lua_pop(L, 1);
        }
        return a;
    }
    /* String keys, sorted in C (no Lua code runs here), so a table always prints the same. */
    json_t *o = json_object();
    if (!o) return no_memory(b);
    lua_newtable(L);
    int keys = lua_gettop(L);
    lua_Integer n = 0;
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        lua_pop(L, 1);
        if (lua_type(L, -1) == LUA_TSTRING) {
            lua_pushvalue(L, -1);
            lua_rawseti(L, keys, ++n);
        }
    }
    const char **ks = n ? malloc((size_t)n * sizeof *ks) : NULL;
    for (lua_Integer i = 1; ks && i <= n; i++) {
        lua_rawgeti(L, keys, i);
        ks[i - 1] = lua_tostring(L, -1); /* stays alive: anchored in the keys table */
        lua_pop(L, 1);
    }
    if (ks) qsort(ks, (size_t)n, sizeof *ks, by_string);
    for (lua_Integer i = 0; ks && i < n && spend(b, strlen(ks[i])); i++) {
        lua_pushstring(L, ks[i]);
        lua_rawget(L, idx);
        json_t *v = convert(L, lua_gettop(L), depth + 1, b);
        if (v && json_object_set_new(o, ks[i], v)) no_memory(b);
        lua_pop(L, 1);
    }
    if (n && !ks) no_memory(b);
    free(ks);
    lua_pop(L, 1);
    return o;
}

static json_t *convert(lua_State *L, int idx, int depth, budget *b) {
    size_t len = 0;
    int t = lua_type(L, idx);
    if (t == LUA_TSTRING) lua_tolstring(L, idx, &len);
    if (!spend(b, len)) return NULL;
    json_t *j;
    switch (t) {
    case LUA_TBOOLEAN: j = json_boolean(lua_toboolean(L, idx)); break;
    case LUA_TNUMBER:
        if (lua_isinteger(L, idx))
            j = json_integer((json_int_t)lua_tointeger(L, idx));
        else
            j = json_real(lua_tonumber(L, idx));
        break;
    case LUA_TSTRING: {
        const char *s = lua_tolstring(L, idx, &len);
        j = json_stringn(s, len);
        if (!j && !b->broken) j = json_string("(text that is not UTF-8)");
        break;
    }
    case LUA_TTABLE:
        if (depth >= LJSON_MAX_DEPTH) return json_null();
        return table(L, lua_absindex(L, idx), depth, b);
    default: return json_null();
    }
    return j ? j : no_memory(b);
}

/* Converts argument 3 into *(json_t **) argument 1, counting in the budget at argument 2. */
static int protected_convert(lua_State *L) {
    json_t **out = lua_touserdata(L, 1);
    *out = convert(L, 3, 0, lua_touserdata(L, 2));
    return 0;
}

json_t *ljson_from_lua(lua_State *L, int idx, const char **why) {
    /* Protected: the conversion allocates in L, which may be at its memory cap. */
    json_t *out = NULL;
    budget b = {0, 0, NULL};
    *why = "out of memory";
    idx = lua_absindex(L, idx);
    if (!lua_checkstack(L, 4)) return NULL;
    lua_pushcfunction(L, protected_convert);
    lua_pushlightuserdata(L, &out);
    lua_pushlightuserdata(L, &b);
    lua_pushvalue(L, idx);
    arm();
    int status = lua_pcall(L, 3, 0, 0);
    if (status != LUA_OK) lua_pop(L, 1);
    if (status != LUA_OK || b.broken) {
        json_decref(out); /* frees under the count, as it was allocated */
        out = NULL;
    }
    armed = 0;
    if (b.broken) *why = b.broken;
    return out;
}

/* ---- JSON to Lua ---- */

/* Under lua_pcall in ljson_push: the value (argument 1, a json_t) as Lua. */
static void push(lua_State *L, json_t *j, int depth) {
    luaL_checkstack(L, 4, "converting JSON");
    if (depth > LJSON_MAX_DEPTH) {
        lua_pushnil(L);
        return;
    }
    switch (json_typeof(j)) {
    case JSON_OBJECT: {
        const char *k;
        json_t *v;
        lua_createtable(L, 0, (int)json_object_size(j));
        json_object_foreach(j, k, v) {
            push(L, v, depth + 1);
            lua_setfield(L, -2, k);
        }
        break;
    }
    case JSON_ARRAY: {
        size_t i;
        json_t *v;
        lua_createtable(L, (int)json_array_size(j), 0);
        json_array_foreach(j, i, v) {
            push(L, v, depth + 1);
            lua_rawseti(L, -2, (lua_Integer)i + 1);
        }
        break;
    }
    case JSON_STRING: lua_pushlstring(L, json_string_value(j), json_string_length(j)); break;
    case JSON_INTEGER: lua_pushinteger(L, (lua_Integer)json_integer_value(j)); break;
    case JSON_REAL: lua_pushnumber(L, json_real_value(j)); break;
    case JSON_TRUE: lua_pushboolean(L, 1); break;
    case JSON_FALSE: lua_pushboolean(L, 0); break;
    default: lua_pushnil(L);
    }
}

void ljson_push(lua_State *L, json_t *j) {
    push(L, j, 0);
}
