/*
** sbx_globals.c: the globals region code sees (sbx.h says what they are; docs/sandbox.md why).
**
** Owns: the allow list (libs[], one entry per library: what is copied as it is, what is replaced)
** and the building of the globals from it, then locked (an undeclared global is an error) with
** the string metatable locked too; the replacements of the base functions that would open a door
** (load, pcall, xpcall, setmetatable, print, rawset); require: module names checked, the stdlib
** first (its bytecode), then the region's own scripts through the loader, cycles refused; the
** loaded modules that sbx_provide adds to; which tables are read-only (the globals, the stdlib's
** plain modules, the provided ones: sbx_frozen.c makes them so).
** Does not: guard the library functions that loop in C (sbx_guards.c, whose tables libs[] names),
** or keep the state, the budget or the protected call (sbx.c).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>
#include <lualib.h>

#include "refdata.h"
#include "sbx_impl.h"

/* ---- replacements of base functions ---- */

static void write_plain(FILE *f, const char *s, size_t len) {
    fwrite(s, 1, len, f);
}

/* Write s to f, within *budget bytes (NULL: no cap); the first write past it says so instead. */
static void write_capped(FILE *f, sbx_writer write, const char *s, size_t len, size_t *left,
                         size_t cap) {
    if (left) {
        if (*left == 0) return;
        if (len >= *left) {
            write(f, s, *left);
            fprintf(f,
                    "\n[print: output cut after %zu bytes, the limit of one run of region code]\n",
                    cap);
            *left = 0;
            return;
        }
        *left -= len;
    }
    write(f, s, len);
}

static int print_values(lua_State *L, FILE *f, sbx_writer write, size_t *left, size_t cap) {
    int n = lua_gettop(L);
    if (!write) write = write_plain;
    for (int i = 1; i <= n; i++) {
        size_t len;
        const char *s = luaL_tolstring(L, i, &len);
        if (i > 1) write_capped(f, write_plain, "\t", 1, left, cap);
        write_capped(f, write, s, len, left, cap);
        lua_pop(L, 1);
    }
    write_capped(f, write_plain, "\n", 1, left, cap);
    fflush(f);
    return 0;
}

int sbx_print_values(lua_State *L, FILE *f, sbx_writer write) {
    return print_values(L, f, write, NULL, 0);
}

/* print, as Lua's, but to stderr (stdout carries the output of spil's commands), and at most
** max_print bytes per sandbox. */
static int sb_print(lua_State *L) {
    sbx *S = sbx_owner(L);
    size_t left = S->max_print - S->printed;
    print_values(L, stderr, S->write, &left, S->max_print);
    S->printed = S->max_print - left;
    return 0;
}

/* pcall, as Lua's (yieldable), except that an error from a limit is raised again. */
static int finish_pcall(lua_State *L, int status, lua_KContext extra) {
    if (status == LUA_OK || status == LUA_YIELD) return lua_gettop(L) - (int)extra;
    if (sbx_limit_hit(sbx_owner(L), status)) return lua_error(L);
    lua_pushboolean(L, 0);
    lua_pushvalue(L, -2);
    return 2;
}

static int sb_pcall(lua_State *L) {
    luaL_checkany(L, 1);
    lua_pushboolean(L, 1);
    lua_insert(L, 1);
    return finish_pcall(L, lua_pcallk(L, lua_gettop(L) - 2, LUA_MULTRET, 0, 0, finish_pcall), 0);
}

/* xpcall(f, handler, ...): Lua runs a message handler with hooks disabled when the error came
** from a hook, so xpcall(loop, loop) would never stop. Here the handler is called after the
** stack has unwound, as ordinary code under the budget (a limit error skips it). */
static int finish_xpcall(lua_State *L, int status, lua_KContext extra) {
    sbx *S = sbx_owner(L);
    if (status == LUA_OK || status == LUA_YIELD) return lua_gettop(L) - (int)extra;
    if (sbx_limit_hit(S, status)) return lua_error(L);
    lua_pushvalue(L, 2); /* stack: f, handler, true, error */
    lua_insert(L, -2);
    status = lua_pcall(L, 1, 1, 0);
    if (status != LUA_OK && sbx_limit_hit(S, status)) return lua_error(L);
    lua_pushboolean(L, 0);
    lua_insert(L, -2);
    return 2;
}

static int sb_xpcall(lua_State *L) {
    int n = lua_gettop(L);
    luaL_checktype(L, 2, LUA_TFUNCTION);
    lua_pushboolean(L, 1);
    lua_pushvalue(L, 1);
    lua_rotate(L, 3, 2);
    return finish_xpcall(L, lua_pcallk(L, n - 2, LUA_MULTRET, 0, 2, finish_xpcall), 2);
}

/* setmetatable, refusing __gc: finalizers run with hooks disabled, also inside lua_close. Any
** __gc value counts: Lua marks the object when the field exists, and calls whatever it holds
** by the time the object is collected. */
static int sb_setmetatable(lua_State *L) {
    int t = lua_type(L, 2);
    luaL_checktype(L, 1, LUA_TTABLE);
    luaL_argexpected(L, t == LUA_TNIL || t == LUA_TTABLE, 2, "nil or table");
    if (t == LUA_TTABLE) {
        lua_pushliteral(L, "__gc");
        if (lua_rawget(L, 2) != LUA_TNIL)
            return sbx_fail(L, "setmetatable: __gc metamethods are not allowed in region code");
        lua_pop(L, 1);
    }
    if (luaL_getmetafield(L, 1, "__metatable") != LUA_TNIL)
        return sbx_fail(L, "cannot change a protected metatable");
    lua_settop(L, 2);
    lua_setmetatable(L, 1);
    return 1;
}

/* load(chunk [, name [, mode [, env]]]): text only, and in the region's globals by default
** (Lua's load would use the state's globals, whatever _ENV the caller has). */
static int sb_load(lua_State *L) {
    if (!lua_isstring(L, 1)) luaL_checktype(L, 1, LUA_TFUNCTION);
    luaL_optstring(L, 2, NULL);
    if (strcmp(luaL_optstring(L, 3, "t"), "t") != 0)
        return sbx_fail(L, "load: only text chunks are allowed in region code");
    int has_env = !lua_isnone(L, 4);
    lua_settop(L, 4);
    lua_pushliteral(L, "t");
    lua_replace(L, 3);
    if (!has_env) {
        lua_pushglobaltable(L);
        lua_replace(L, 4);
    }
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, 4, LUA_MULTRET);
    return lua_gettop(L);
}

/* ---- require ---- */

/* ^[%w_]+(%.[%w_]+)*$ : no "..", "/", leading or trailing dot, NUL byte. */
static int module_name_ok(const char *s, size_t len) {
    size_t part = 0;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (c == '.' && part)
            part = 0;
        else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                 c == '_')
            part++;
        else
            return 0;
    }
    return part > 0;
}

/* Push the compiled chunk of stdlib file `file`, else of the region's own file (from the
** loader). 0 if neither exists. Raises on a syntax error. */
static int load_module(lua_State *L, sbx *S, const char *file) {
    size_t len;
    int owned, status;
    const char *name = lua_pushfstring(L, "@stdlib/%s", file);
    /* The stdlib is spil's own code: its bytecode, compiled at build time by the same Lua, is
    ** trusted (a different Lua at run time refuses it, and the text is used instead). */
    const char *bc = ref_stdlib_bytecode(file, &len);
    if (bc && luaL_loadbufferx(L, bc, len, name, "b") == LUA_OK) return 1;
    if (bc) lua_pop(L, 1);
    const char *src = ref_stdlib(file, &len, &owned);
    if (src) {
        status = luaL_loadbufferx(L, src, len, name, "t");
        if (owned) free((void *)src);
        return status == LUA_OK ? 1 : lua_error(L);
    }
    src = S->loader ? S->loader(S->loader_ud, file, &len) : NULL;
    if (!src) return 0;
    name = lua_pushfstring(L, "@%s/%s", S->dir, file);
    status = luaL_loadbufferx(L, src, len, name, "t");
    if (status == LUA_OK) sbx_set_script(S, name); /* a limit hit inside names this file */
    return status == LUA_OK ? 2 : lua_error(L);
}

/* Raise "require cycle: a.lua -> b.lua -> a.lua" when file is being loaded further up (upvalue
** 2 lists the files being loaded, outermost first): Lua's own require would recurse until "C
** stack overflow". */
static void check_cycle(lua_State *L, const char *file) {
    lua_Integer n = (lua_Integer)lua_rawlen(L, lua_upvalueindex(2));
    for (lua_Integer i = 1; i <= n; i++) {
        lua_rawgeti(L, lua_upvalueindex(2), i);
        int same = strcmp(lua_tostring(L, -1), file) == 0;
        lua_pop(L, 1);
        if (!same) continue;
        luaL_Buffer b;
        luaL_buffinit(L, &b);
        for (lua_Integer j = i; j <= n; j++) {
            lua_rawgeti(L, lua_upvalueindex(2), j);
            luaL_addvalue(&b);
            luaL_addstring(&b, " -> ");
        }
        luaL_addstring(&b, file);
        luaL_pushresult(&b);
        sbx_fail(L, "require cycle: %s", lua_tostring(L, -1));
    }
}

/* require(name): the loaded value (upvalue 1 is the loaded table), else runs stdlib file
** name/with/slashes.lua, else the region's own; `package` itself is never exposed. */
static int sb_require(lua_State *L) {
    size_t len;
    const char *name = luaL_checklstring(L, 1, &len);
    lua_settop(L, 1);
    if (!module_name_ok(name, len))
        return sbx_fail(L,
                        "require: bad module name '%s' (use letters, digits and _, parts "
                        "separated by dots: 'checks', 'lib.util')",
                        name);
    if (lua_getfield(L, lua_upvalueindex(1), name) != LUA_TNIL) return 1;
    const char *file = lua_pushfstring(L, "%s.lua", luaL_gsub(L, name, ".", "/"));
    int file_at = lua_gettop(L);
    check_cycle(L, file);
    int from = load_module(L, sbx_owner(L), file); /* 1: the stdlib, 2: the region's */
    if (!from)
        return sbx_fail(
            L,
            "module '%s' not found (looked in the stdlib and among the region's scripts "
            "for %s)",
            name, file);
    /* Listed as being loaded while it runs, protected so that the list is right after an error
    ** too (the handler locates the error where it is raised, as sbx_call's does). */
    lua_Integer depth = (lua_Integer)lua_rawlen(L, lua_upvalueindex(2)) + 1;
    lua_pushvalue(L, file_at);
    lua_rawseti(L, lua_upvalueindex(2), depth);
    lua_pushcfunction(L, sbx_msghandler);
    lua_insert(L, -2);
    lua_pushvalue(L, 1);
    int status = lua_pcall(L, 1, 1, -3);
    lua_pushnil(L);
    lua_rawseti(L, lua_upvalueindex(2), depth);
    if (status != LUA_OK) return lua_error(L);
    if (lua_isnil(L, -1)) lua_pushboolean(L, 1);
    /* A stdlib module is read-only to region code; a programme (it has a metatable) is not:
    ** a region changes a copy of it (spil.programme.extend), and spil compares the two.
    ** spil.test and the REPL's modules keep their session's settings (t.today, the width). */
    int plain = lua_istable(L, -1) && !(lua_getmetatable(L, -1) && (lua_pop(L, 1), 1));
    if (from == 1 && plain && strcmp(name, "spil.test") != 0 &&
        strncmp(name, "spil.repl", 9) != 0) {
        char what[200];
        snprintf(what, sizeof what, "module '%s'", name);
        sbx_freeze(L, what);
    }
    lua_pushvalue(L, -1);
    lua_setfield(L, lua_upvalueindex(1), name);
    return 1;
}

/* ---- the region's globals ---- */

static int undeclared_get(lua_State *L) {
    return sbx_fail(L, "undeclared global '%s'", sbx_key_name(L, 2));
}

/* Functions replaced in a library (these, and the guards of sbx_guards.c). Each gets two
** upvalues: the original function of that name (which a guard calls after its check) and the
** original library table. */
static const luaL_Reg base_repl[] = {{"load", sb_load},
                                     {"pcall", sb_pcall},
                                     {"print", sb_print},
                                     {"rawset", sbx_rawset},
                                     {"setmetatable", sb_setmetatable},
                                     {"xpcall", sb_xpcall},
                                     {NULL, NULL}};

/* The allow list: everything region code can reach, one entry per library. Left out on purpose:
** io, debug, package, os but clock/date/time, dofile, loadfile, collectgarbage, warn,
** string.dump. A Lua upgrade adds nothing here by itself. */
static const struct lib {
    const char *name; /* "_G": the base functions, which go straight into the globals */
    lua_CFunction open;
    const char *copy; /* copied as they are */
    const luaL_Reg *repl;
} libs[] = {
    {"_G", luaopen_base,
     "assert error getmetatable ipairs next pairs rawequal rawget rawlen select tonumber "
     "tostring type _VERSION",
     base_repl},
    {"string", luaopen_string, "byte char len pack packsize sub unpack", sbx_string_guards},
    {"table", luaopen_table, "pack unpack", sbx_table_guards},
    {"math", luaopen_math,
     "abs acos asin atan ceil cos deg exp floor fmod huge log max maxinteger min mininteger modf "
     "pi rad random randomseed sin sqrt tan tointeger type ult",
     NULL},
    {"utf8", luaopen_utf8, "char charpattern codepoint codes len offset", NULL},
    {"coroutine", luaopen_coroutine, "isyieldable resume running status yield",
     sbx_coroutine_guards},
    {"os", luaopen_os, "clock", sbx_os_guards},
};

/* Open lib in full (the original stays out of reach) and put what the allow list names into
** the table the region sees: G itself for the base functions, else a fresh G[lib->name]. */
static void open_lib(lua_State *L, const struct lib *lib, int G) {
    int base = strcmp(lib->name, "_G") == 0;
    lua_pushcfunction(L, lib->open);
    lua_call(L, 0, 1);
    int orig = lua_gettop(L);
    if (base)
        lua_pushvalue(L, G);
    else
        lua_newtable(L);
    for (const char *p = lib->copy; *p; p += *p == ' ') {
        size_t len = strcspn(p, " ");
        lua_pushlstring(L, p, len);
        lua_pushvalue(L, -1);
        lua_rawget(L, orig);
        lua_rawset(L, -3);
        p += len;
    }
    for (const luaL_Reg *r = lib->repl; r && r->name; r++) {
        lua_getfield(L, orig, r->name);
        lua_pushvalue(L, orig);
        lua_pushcclosure(L, r->func, 2);
        lua_setfield(L, -2, r->name);
    }
    /* Registered by its real name, so that argument errors read "bad argument #1 to
    ** 'string.find'"; the registry is out of region code's reach. */
    luaL_getsubtable(L, LUA_REGISTRYINDEX, LUA_LOADED_TABLE);
    lua_pushvalue(L, orig);
    lua_setfield(L, -2, lib->name);
    lua_pop(L, 1);
    if (base)
        lua_pop(L, 1);
    else
        lua_setfield(L, G, lib->name);
    lua_pop(L, 1);
}

static const char loaded_key = 'L';  /* registry key of the loaded modules */
static const char globals_key = 'G'; /* of the globals table behind the read-only proxy */

int sbx_open_globals(lua_State *L) {
    lua_newtable(L);
    int G = lua_gettop(L);
    for (size_t i = 0; i < sizeof libs / sizeof *libs; i++)
        open_lib(L, &libs[i], G);

    /* The string metatable is shared by every string: point it at the region's string table
    ** (without dump) and lock it, so getmetatable('') gives false. */
    lua_pushliteral(L, "");
    lua_getmetatable(L, -1);
    lua_getfield(L, G, "string");
    lua_setfield(L, -2, "__index");
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
    lua_settop(L, G);

    /* G becomes the globals: of every chunk loaded from now on, and load's default env. */
    lua_pushvalue(L, G);
    lua_rawseti(L, LUA_REGISTRYINDEX, LUA_RIDX_GLOBALS);
    lua_newtable(L); /* the loaded modules: upvalue of require, and for sbx_provide */
    lua_pushvalue(L, -1);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &loaded_key);
    lua_newtable(L); /* the files being loaded, for require cycles */
    lua_pushcclosure(L, sb_require, 2);
    lua_setfield(L, G, "require");

    /* Reading an undeclared global is an error; assigning one reaches the proxy below, whose
    ** __newindex says so (sbx_frozen.c). */
    lua_createtable(L, 0, 2);
    lua_pushcfunction(L, undeclared_get);
    lua_setfield(L, -2, "__index");
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
    lua_setmetatable(L, G);

    /* Region code sees the globals through a read-only proxy: `require = ...` or `spil = ...`
    ** is an error, as an undeclared global is. The table itself is kept for sbx_provide. */
    lua_pushvalue(L, G);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &globals_key);
    lua_pushvalue(L, G);
    sbx_freeze(L, NULL);
    lua_pushvalue(L, -1);
    lua_rawseti(L, LUA_REGISTRYINDEX, LUA_RIDX_GLOBALS);
    lua_pushliteral(L, "_G");
    lua_insert(L, -2);
    lua_rawset(L, G);
    return 0;
}

int sbx_provide_module(lua_State *L) {
    const char *name = lua_tostring(L, 2);
    int plain = lua_istable(L, 1) && !(lua_getmetatable(L, 1) && (lua_pop(L, 1), 1));
    if (plain) { /* read-only, as the stdlib's modules */
        char what[200];
        snprintf(what, sizeof what, "module '%s'", name);
        lua_pushvalue(L, 1);
        sbx_freeze(L, what);
        lua_replace(L, 1);
    }
    lua_rawgetp(L, LUA_REGISTRYINDEX, &loaded_key);
    lua_pushvalue(L, 1);
    lua_setfield(L, -2, name);
    if (lua_toboolean(L, 3)) {
        lua_rawgetp(L, LUA_REGISTRYINDEX, &globals_key);
        lua_pushvalue(L, 2);
        lua_pushvalue(L, 1);
        lua_rawset(L, -3);
    }
    return 0;
}
