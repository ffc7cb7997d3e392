/*
** sbx_frozen.c: the tables region code may read but not change: its globals and the stdlib's
** modules (spil.engine, spil.governance, spil.programme, spil.checks, the data module spil...).
**
** Owns: the proxy that stands for such a table. Reading goes through to the hidden table (a
** table inside a module comes out as a proxy too);
** assigning is an error that names what is read-only; pairs walks the hidden table without
** handing it out; # gives its length; getmetatable gives false, so the hidden table stays out
** of reach; rawset on a proxy is refused (the guard replaces rawset in the globals).
** Why: a region script could replace spil.engine.run, a governance default or the global
** require, and so make every check pass without a trace. A region changes what it is checked
** against only through spil.programme's functions, and spil says where that departs from the
** guidance (docs/sandbox.md, "Read-only stdlib").
** Does not: decide which tables are frozen (sbx_globals.c: the globals, every stdlib module
** that is a plain table but spil.test, and the modules sbx_provide adds).
*/
#include <lauxlib.h>

#include "sbx_impl.h"

static const char frozen_key = 'F'; /* registry: the proxies, as a set with weak keys */
static const char proxy_key = 'P';  /* registry: a module's inner table -> its proxy (weak) */

/* The registry's weak table at key (created on first use), pushed. */
static void weak_table(lua_State *L, const void *key, const char *mode) {
    if (lua_rawgetp(L, LUA_REGISTRYINDEX, key) == LUA_TTABLE) return;
    lua_pop(L, 1);
    lua_newtable(L);
    lua_createtable(L, 0, 1);
    lua_pushstring(L, mode);
    lua_setfield(L, -2, "__mode");
    lua_setmetatable(L, -2);
    lua_pushvalue(L, -1);
    lua_rawsetp(L, LUA_REGISTRYINDEX, key);
}

/* Whether the table at i is handed out read-only: a plain table, or one whose metatable is
** locked to false (the stdlib's own, such as T.nl's lookup); not a programme, whose methods
** a region uses on its copy. */
static int frozen_kind(lua_State *L, int i) {
    if (!lua_istable(L, i)) return 0;
    if (!lua_getmetatable(L, i)) return 1;
    lua_getfield(L, -1, "__metatable");
    int locked = lua_isboolean(L, -1) && !lua_toboolean(L, -1);
    lua_pop(L, 2);
    return locked;
}

/* __index (proxy, key) of a module: its field (upvalue 1 the module, 2 what it is), read as
** stdlib code reads it (through the table's own __index, if any); a table in it comes out
** read-only too (G.advancing_roles, T.nl), the same proxy each time. */
static int frozen_index(lua_State *L) {
    lua_settop(L, 2);
    lua_pushvalue(L, 2);
    lua_gettable(L, lua_upvalueindex(1)); /* 3: the field */
    if (!frozen_kind(L, 3)) return 1;
    weak_table(L, &proxy_key, "k");
    lua_pushvalue(L, 3);
    if (lua_rawget(L, -2) == LUA_TTABLE) return 1;
    lua_pop(L, 1);
    lua_pushvalue(L, 3);
    sbx_freeze(L, lua_tostring(L, lua_upvalueindex(2)));
    lua_pushvalue(L, 3);
    lua_pushvalue(L, -2);
    lua_rawset(L, 4); /* cache: the inner table -> its proxy */
    return 1;
}

const char *sbx_key_name(lua_State *L, int i) {
    int t = lua_type(L, i);
    return t == LUA_TSTRING || t == LUA_TNUMBER ? lua_tostring(L, i) : luaL_typename(L, i);
}

/* __newindex (proxy, key, value); upvalue 1: the hidden table, 2: what it is, nil for the
** globals. */
static int frozen_newindex(lua_State *L) {
    if (!lua_isnil(L, lua_upvalueindex(2)))
        return sbx_fail(L,
                        "%s is read-only to region code (assigning '%s'); a region changes its "
                        "programme with spil.programme's functions (docs/scripting.md)",
                        lua_tostring(L, lua_upvalueindex(2)), sbx_key_name(L, 2));
    lua_pushvalue(L, 2);
    if (lua_rawget(L, lua_upvalueindex(1)) != LUA_TNIL)
        return sbx_fail(L, "cannot assign to the global '%s': the standard globals are read-only",
                        sbx_key_name(L, 2));
    return sbx_fail(L, "assignment to undeclared global '%s'", sbx_key_name(L, 2));
}

/* The iterator of pairs(proxy): next over the hidden table (upvalue 1), the proxy as state. */
static int frozen_next(lua_State *L) {
    lua_settop(L, 2);
    if (lua_next(L, lua_upvalueindex(1))) return 2;
    lua_pushnil(L);
    return 1;
}

static int frozen_pairs(lua_State *L) {
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_pushcclosure(L, frozen_next, 1);
    lua_pushvalue(L, 1);
    lua_pushnil(L);
    return 3;
}

static int frozen_len(lua_State *L) {
    lua_pushinteger(L, (lua_Integer)lua_rawlen(L, lua_upvalueindex(1)));
    return 1;
}

void sbx_freeze(lua_State *L, const char *what) {
    int t = lua_gettop(L);
    lua_newtable(L);
    lua_createtable(L, 0, 5);
    lua_pushvalue(L, t);
    if (what) { /* a module: its inner tables are read-only too */
        lua_pushstring(L, what);
        lua_pushcclosure(L, frozen_index, 2);
    }
    lua_setfield(L, -2, "__index");
    lua_pushvalue(L, t);
    if (what)
        lua_pushstring(L, what);
    else
        lua_pushnil(L);
    lua_pushcclosure(L, frozen_newindex, 2);
    lua_setfield(L, -2, "__newindex");
    lua_pushvalue(L, t);
    lua_pushcclosure(L, frozen_pairs, 1);
    lua_setfield(L, -2, "__pairs");
    lua_pushvalue(L, t);
    lua_pushcclosure(L, frozen_len, 1);
    lua_setfield(L, -2, "__len");
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
    lua_setmetatable(L, -2);
    weak_table(L, &frozen_key, "k");
    lua_pushvalue(L, -2); /* proxy -> true, or for the globals the table behind them */
    if (what)
        lua_pushboolean(L, 1);
    else
        lua_pushvalue(L, t);
    lua_rawset(L, -3);
    lua_pop(L, 1);
    lua_replace(L, t);
}

/* rawset(t, k, v), as Lua's (upvalue 1), but not on a read-only module, and on the globals only
** for a name that is not a standard one (rawset(_G, k, v) declares a global on purpose: it
** lands in the proxy, where plain assignment then finds it). */
int sbx_rawset(lua_State *L) {
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_settop(L, 3);
    if (lua_rawgetp(L, LUA_REGISTRYINDEX, &frozen_key) == LUA_TTABLE) {
        lua_pushvalue(L, 1);
        int kind = lua_rawget(L, -2);
        if (kind == LUA_TBOOLEAN)
            return sbx_fail(L, "rawset: this module is read-only to region code");
        if (kind == LUA_TTABLE) {
            lua_pushvalue(L, 2);
            if (lua_rawget(L, -2) != LUA_TNIL)
                return sbx_fail(L,
                                "cannot assign to the global '%s': the standard globals are "
                                "read-only",
                                sbx_key_name(L, 2));
            lua_pop(L, 1);
        }
        lua_pop(L, 2);
    } else
        lua_pop(L, 1);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, 1);
    return 1;
}
