/*
** ljson.c: Lua values to JSON (see ljson.h). Runs in whatever state holds the value; it calls
** no Lua code, so it is safe on values made by region code.
*/
#include "ljson.h"

#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>

static json_t *convert(lua_State *L, int idx, int depth);

static int by_string(const void *a, const void *b) {
    return strcmp(*(const char *const *)a, *(const char *const *)b);
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

static json_t *table(lua_State *L, int idx, int depth) {
    if (!lua_checkstack(L, 4)) return json_null();
    if (is_array(L, idx)) {
        json_t *a = json_array();
        lua_Integer n = (lua_Integer)lua_rawlen(L, idx);
        for (lua_Integer i = 1; i <= n; i++) {
            lua_rawgeti(L, idx, i);
            json_array_append_new(a, convert(L, lua_gettop(L), depth + 1));
            lua_pop(L, 1);
        }
        return a;
    }
    /* String keys, sorted in C (no Lua code runs here), so a table always prints the same. */
    json_t *o = json_object();
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
    for (lua_Integer i = 0; ks && i < n; i++) {
        lua_pushstring(L, ks[i]);
        lua_rawget(L, idx);
        json_t *v = convert(L, lua_gettop(L), depth + 1);
        json_object_set_new(o, ks[i], v ? v : json_null());
        lua_pop(L, 1);
    }
    free(ks);
    lua_pop(L, 1);
    return o;
}

static json_t *convert(lua_State *L, int idx, int depth) {
    switch (lua_type(L, idx)) {
    case LUA_TBOOLEAN: return json_boolean(lua_toboolean(L, idx));
    case LUA_TNUMBER:
        if (lua_isinteger(L, idx)) return json_integer((json_int_t)lua_tointeger(L, idx));
        return json_real(lua_tonumber(L, idx));
    case LUA_TSTRING: {
        size_t len;
        const char *s = lua_tolstring(L, idx, &len);
        json_t *j = json_stringn(s, len);
        return j ? j : json_string("(text that is not UTF-8)");
    }
    case LUA_TTABLE:
        if (depth >= LJSON_MAX_DEPTH) return json_null();
        return table(L, lua_absindex(L, idx), depth);
    default: return json_null();
    }
}

/* Converts argument 2 into *(json_t **) argument 1. */
static int protected_convert(lua_State *L) {
    json_t **out = lua_touserdata(L, 1);
    *out = convert(L, 2, 0);
    return 0;
}

json_t *ljson_from_lua(lua_State *L, int idx) {
    /* Protected: the conversion allocates in L, which may be at its memory cap. */
    json_t *out = NULL;
    idx = lua_absindex(L, idx);
    if (!lua_checkstack(L, 3)) return NULL;
    lua_pushcfunction(L, protected_convert);
    lua_pushlightuserdata(L, &out);
    lua_pushvalue(L, idx);
    if (lua_pcall(L, 2, 0, 0) != LUA_OK) {
        lua_pop(L, 1);
        return NULL;
    }
    return out;
}

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
