/*
** sbx_guards.c: the guards in front of the C library functions whose work the count hook cannot
** see (sbx.c owns the budget they charge; docs/sandbox.md has the threat model).
**
** Owns: the pattern guard of string.find/match/gmatch/gsub (refusing a pattern too costly for its
** subject); the charges for the string functions that read or write bytes (upper, lower,
** reverse, format, rep), for the table functions that loop up to #t in C (insert, remove, sort,
** concat, move; a __len metamethod refused) and for coroutine creation; os.time and os.date on
** spil's clock; coroutine.close and coroutine.wrap that never reset or close a coroutine a limit
** stopped. Each guard checks, charges, then calls the original function.
** Does not: decide which functions region code sees (sbx_globals.c puts these tables in its
** globals), or keep the budget itself (sbx.c).
*/
#include <math.h>
#include <string.h>

#include <lauxlib.h>

#include "sbx_impl.h"

#define MATCH_STEPS    1e8  /* worst-case steps of the pattern matcher per call (~1 s) */
#define MEMFIND_BYTES  1e10 /* bytes compared by a literal search per call (~0.3 s) */
#define BYTES_PER_UNIT 256  /* bytes a C string function handles for one unit of the budget */

/* Call upvalue 1, the library function a guard stands in front of, with the guard's arguments.
** Its caller is then a C function, so its own errors carry no location: add the region's. */
static int call_original(lua_State *L) {
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    int status = lua_pcall(L, lua_gettop(L) - 1, LUA_MULTRET, 0);
    if (status == LUA_OK) return lua_gettop(L);
    if (!sbx_limit_hit(sbx_owner(L), status) && lua_type(L, -1) == LUA_TSTRING &&
        !sbx_located(lua_tostring(L, -1))) {
        sbx_where(L, 0);
        lua_insert(L, -2);
        lua_concat(L, 2);
    }
    return lua_error(L);
}

/* Skip one single-character class, as lstrlib's classEnd does but without its errors: the
** matcher itself reports a malformed pattern. */
static const char *class_end(const char *p, const char *end) {
    char c = *p++;
    if (c == '%') return p < end ? p + 1 : end;
    if (c == '[') {
        if (p < end && *p == '^') p++;
        do {
            if (p >= end) return end;
            if (*p++ == '%' && p < end) p++;
        } while (p < end && *p != ']');
        return p < end ? p + 1 : end;
    }
    return p;
}

/* Items of a pattern that may rescan the subject: quantified classes (*, +, -, ?), %b and
** back-references. *free_last is set when the last item is one and only ')' follow it: it
** then ends the match at once and costs only its own run. */
static int quantifiers(const char *p, const char *end, int *free_last) {
    int q = 0;
    *free_last = 0;
    while (p < end) {
        int rescans = 0;
        if (*p == '(' || *p == ')') {
            p++;
            continue;
        }
        if (*p == '%' && end - p >= 2 && p[1] == 'b') {
            p += end - p >= 4 ? 4 : end - p;
            rescans = 1;
        } else if (*p == '%' && end - p >= 3 && p[1] == 'f') {
            p = class_end(p + 2, end);
        } else if (*p == '%' && end - p >= 2 && p[1] >= '0' && p[1] <= '9') {
            p += 2;
            rescans = 1;
        } else {
            p = class_end(p, end);
            rescans = p < end && (*p == '*' || *p == '+' || *p == '-' || *p == '?');
            p += rescans;
        }
        if (rescans) {
            q++;
            *free_last = p + strspn(p, ")") >= end;
        }
    }
    return q;
}

/* Refuse a call of string.find/match/gmatch/gsub (s, p, ...) whose worst case would run long
** inside C, where the hook cannot stop it. Lua's matcher backtracks: each rescanning item can
** cost a factor n (the subject's length), and so does trying every start of an unanchored
** search: ("a"):rep(2000):find(".-.-b") takes 15 s. plain_arg: index of find's `plain`. */
static void check_pattern(lua_State *L, int anchorable, int plain_arg) {
    size_t n, lp;
    if (!lua_isstring(L, 1) || !lua_isstring(L, 2)) return; /* the function says what is wrong */
    lua_tolstring(L, 1, &n);
    const char *p = lua_tolstring(L, 2, &lp);
    int plain = plain_arg && lua_toboolean(L, plain_arg);
    int anchored = !plain && anchorable && lp > 0 && p[0] == '^';
    int literal = plain;
    if (!plain) {
        int free_last, q = quantifiers(p + anchored, p + lp, &free_last);
        int e = q - free_last + !anchored;
        if ((q >= 2 && pow((double)n, q) > MATCH_STEPS) ||
            (e >= 2 && pow((double)n, e) > MATCH_STEPS))
            sbx_fail(L, "pattern too complex for a subject of %I bytes (%d quantifiers)",
                     (lua_Integer)n, q);
        literal = plain_arg && strcspn(p, "^$*+?.([%-") == lp; /* find then uses memcmp */
    }
    if ((anchored ? 1.0 : (double)n) * (double)lp > (literal ? MEMFIND_BYTES : MATCH_STEPS))
        sbx_fail(L, "pattern too long (%I bytes) for a subject of %I bytes", (lua_Integer)lp,
                 (lua_Integer)n);
}

/* The units of the budget for the bytes of argument i when it is a string, else 0. */
static double arg_len(lua_State *L, int i) {
    size_t n = 0;
    if (lua_type(L, i) == LUA_TSTRING) lua_tolstring(L, i, &n);
    return (double)n / BYTES_PER_UNIT;
}

/* A C function's work that the hook cannot see is charged by the bytes it reads, at least (a
** match that backtracks costs more, and is refused above its limit); the wall clock, looked at
** in every charge, bounds the rest. */
static int g_find(lua_State *L) {
    check_pattern(L, 1, 4);
    sbx_charge(L, arg_len(L, 1) + arg_len(L, 2));
    return call_original(L);
}

static int g_match(lua_State *L) { /* string.match and string.gsub */
    check_pattern(L, 1, 0);
    sbx_charge(L, arg_len(L, 1) + arg_len(L, 2) + arg_len(L, 3));
    return call_original(L);
}

static int g_gmatch(lua_State *L) {
    check_pattern(L, 0, 0); /* gmatch has no anchor */
    sbx_charge(L, arg_len(L, 1) + arg_len(L, 2));
    return call_original(L);
}

static int g_bytes(lua_State *L) { /* string.upper, lower, reverse: one pass over the subject */
    sbx_charge(L, arg_len(L, 1));
    return call_original(L);
}

static int g_format(lua_State *L) { /* its output is about as long as its string arguments */
    double n = 0;
    for (int i = 1; i <= lua_gettop(L); i++)
        n += arg_len(L, i);
    sbx_charge(L, n);
    return call_original(L);
}

/* os.time() and os.date(format) without a time: spil's clock ($SPIL_NOW when set), so checks
** that use them give the same result as spil's own notion of today. */
static int g_time(lua_State *L) {
    sbx *S = sbx_owner(L);
    if (lua_isnoneornil(L, 1) && S->now) {
        lua_pushinteger(L, (lua_Integer)S->now);
        return 1;
    }
    return call_original(L);
}

static int g_date(lua_State *L) {
    sbx *S = sbx_owner(L);
    if (lua_isnoneornil(L, 2) && S->now) {
        lua_settop(L, 1);
        if (lua_isnil(L, 1)) {
            lua_pop(L, 1);
            lua_pushliteral(L, "%c");
        }
        lua_pushinteger(L, (lua_Integer)S->now);
    }
    return call_original(L);
}

/* Lua 5.4.4's string.rep copies an empty string n times: rep("", 1e15) runs for days. */
static int g_rep(lua_State *L) {
    size_t l = 0, lsep = 0;
    if (lua_isstring(L, 1)) lua_tolstring(L, 1, &l);
    if (lua_isstring(L, 3)) lua_tolstring(L, 3, &lsep);
    double times = lua_isnumber(L, 2) ? (double)lua_tonumber(L, 2) : 0;
    if (l + lsep == 0)
        sbx_charge(L, times);
    else if (times > 0)
        /* more than the memory cap fails at the allocation, before any copying */
        sbx_charge(L, fmin(times * (double)(l + lsep), (double)sbx_owner(L)->max_mem) /
                          BYTES_PER_UNIT);
    return call_original(L);
}

/* table.insert, remove, sort and concat loop up to #t in C. A border is not bounded by the size
** of a table ({[1]=1, [2]=1, [4]=1, ..., [2^60]=1} may have #t = 2^60) and __len may answer
** anything, differently at each call: so __len is refused, and #t charged before the loop. */
static double raw_len(lua_State *L, const char *fn) {
    if (luaL_getmetafield(L, 1, "__len") != LUA_TNIL)
        sbx_fail(L, "table.%s: tables with a __len metamethod are not allowed in region code", fn);
    return (double)lua_rawlen(L, 1);
}

static int g_insert(lua_State *L) {
    if (lua_istable(L, 1) && lua_gettop(L) >= 3) sbx_charge(L, raw_len(L, "insert"));
    return call_original(L);
}

static int g_remove(lua_State *L) {
    if (lua_istable(L, 1) && lua_gettop(L) >= 2) sbx_charge(L, raw_len(L, "remove"));
    return call_original(L);
}

static int g_sort(lua_State *L) {
    if (lua_istable(L, 1)) {
        double n = raw_len(L, "sort");
        sbx_charge(L, n * log2(n + 1));
    }
    return call_original(L);
}

static int g_concat(lua_State *L) {
    if (lua_istable(L, 1)) {
        double i = lua_isnoneornil(L, 3) ? 1 : (double)lua_tointeger(L, 3);
        double j = lua_isnoneornil(L, 4) ? raw_len(L, "concat") : (double)lua_tointeger(L, 4);
        if (j >= i) sbx_charge(L, j - i + 1);
    }
    return call_original(L);
}

static int g_move(lua_State *L) {
    double f = (double)lua_tointeger(L, 2), e = (double)lua_tointeger(L, 3);
    if (e >= f) sbx_charge(L, e - f + 1);
    return call_original(L);
}

/* A new coroutine starts with a fresh hook count, so its first HOOK_EVERY instructions would go
** uncounted: `repeat coroutine.wrap(f)() until false` could run 999 free instructions each. */
static int g_create(lua_State *L) {
    sbx_charge(L, HOOK_EVERY);
    return call_original(L);
}

/* After a limit, closing a coroutine could run its __close handlers with hooks disabled. */
static int g_close(lua_State *L) {
    if (sbx_owner(L)->stopped) return sbx_fail(L, STOPPED_MSG);
    lua_State *co = lua_tothread(L, 1);
    if (co && sbx_tripped(L, co)) return sbx_fail(L, "cannot close a coroutine stopped by a limit");
    return call_original(L);
}

/* The function coroutine.wrap returns (upvalues: the coroutine, the real coroutine.resume): as
** Lua's, except that a coroutine stopped by a limit is not reset. Resetting runs its __close
** handlers, and a coroutine whose hook raised an error keeps hooks disabled for good. */
static int co_call(lua_State *L) {
    lua_State *co = lua_tothread(L, lua_upvalueindex(1));
    lua_pushvalue(L, lua_upvalueindex(2));
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_rotate(L, 1, 2);
    lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
    if (lua_toboolean(L, 1)) return lua_gettop(L) - 1;
    int status = lua_status(co);
    if (status != LUA_OK && status != LUA_YIELD) {
        if (sbx_limit_hit(sbx_owner(L), status) || sbx_tripped(L, co)) return lua_error(L);
        lua_resetthread(co); /* close its to-be-closed variables */
        lua_xmove(co, L, 1);
    }
    if (lua_type(L, -1) == LUA_TSTRING) {
        sbx_where(L, 0);
        lua_insert(L, -2);
        lua_concat(L, 2);
    }
    return lua_error(L);
}

static int co_wrap(lua_State *L) {
    luaL_checktype(L, 1, LUA_TFUNCTION);
    sbx_charge(L, HOOK_EVERY);
    lua_State *co = lua_newthread(L);
    lua_pushvalue(L, 1);
    lua_xmove(L, co, 1);
    lua_getfield(L, lua_upvalueindex(2), "resume");
    lua_pushcclosure(L, co_call, 2);
    return 1;
}

/* ---- the tables ---- */

/* What the allow list (sbx_globals.c) puts in place of each library's own functions. */
const luaL_Reg sbx_string_guards[] = {{"find", g_find},  {"format", g_format}, {"gmatch", g_gmatch},
                                      {"gsub", g_match}, {"lower", g_bytes},   {"match", g_match},
                                      {"rep", g_rep},    {"reverse", g_bytes}, {"upper", g_bytes},
                                      {NULL, NULL}};
const luaL_Reg sbx_os_guards[] = {{"date", g_date}, {"time", g_time}, {NULL, NULL}};
const luaL_Reg sbx_table_guards[] = {{"concat", g_concat}, {"insert", g_insert}, {"move", g_move},
                                     {"remove", g_remove}, {"sort", g_sort},     {NULL, NULL}};
const luaL_Reg sbx_coroutine_guards[] = {
    {"close", g_close}, {"create", g_create}, {"wrap", co_wrap}, {NULL, NULL}};
