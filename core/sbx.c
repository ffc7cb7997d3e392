/*
** sbx.c: the sandbox that region code runs in (contract in sbx.h; threat model, and the test
** that proves each defence, in docs/sandbox.md).
**
** Owns: one fresh lua_State per sbx, with a counting allocator (the memory cap; small blocks
** come from pool.c) and a count hook set before any region code runs (the instruction budget,
** sticky once spent); the region's globals, built up from the allow lists below and then
** locked; the replacements of the functions that would open a door (load, pcall, xpcall,
** setmetatable, print, require, coroutine.wrap); the guards in front of C library functions
** whose work the hook cannot see (pattern matching, string.rep, the table functions that loop
** up to #t, coroutine creation); sbx_call, the one door into region code, and the error text
** callers get.
** Does not: know the store, the model or the spil module (the region runtime, runtime.c, gives
** the sandbox its modules and a loader for the region's own scripts), print anything but
** print's output.
** Invariants: region code never runs with the hook disabled (no __gc on region values, xpcall's
** handler runs after unwinding, a coroutine stopped by the hook is never reset); once a limit is
** hit, no region code runs in that state again (pcall re-raises, sbx_call refuses).
*/
#include "sbx.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <lauxlib.h>
#include <lualib.h>

#include "oom.h"
#include "pool.h"
#include "refdata.h"

#define HOOK_EVERY     1000 /* instructions between two calls of the count hook */
#define MATCH_STEPS    1e8  /* worst-case steps of the pattern matcher per call (~1 s) */
#define MEMFIND_BYTES  1e10 /* bytes compared by a literal search per call (~0.3 s) */
#define STOPPED_MSG    "sandbox stopped after a limit was hit"
#define BYTES_PER_UNIT 256 /* bytes a C string function handles for one unit of the budget */

/* Why the allocator refused: the sandbox's cap (the region's code asked too much: exit 2), or
** the system's malloc (the machine has no more: exit 3, oom.h). */
enum { REFUSED_BY_CAP = 1, REFUSED_BY_SYSTEM = 2 };

struct sbx {
    lua_State *L;
    char *dir;         /* the region's folder, without a trailing slash */
    sbx_loader loader; /* the region's own scripts (NULL: none) */
    void *loader_ud;
    int64_t max_instr, used_instr; /* budget; used grows by HOOK_EVERY per hook call, and by
                                      the work charged for C loops */
    size_t max_mem, used_mem;      /* cap; the bytes L holds now */
    int mem_refused; /* the allocator refused a request, not retried with success: REFUSED_BY_* */
    const void *refused_ptr;             /* that request, to recognise Lua's retry after an */
    size_t refused_osize, refused_nsize; /* emergency collection */
    int instr_hit;      /* a limit of time or instructions: the hook fires at every instruction */
    int time_hit;       /* ... and it was the time */
    double max_seconds; /* wall clock per call from C (sbx_call at depth 0) */
    double started;     /* when that call started (CLOCK_MONOTONIC, seconds) */
    int depth;          /* sbx_call nesting */
    int64_t now;        /* the clock of os.time and os.date (0: the real one) */
    void (*write)(FILE *f, const char *s, size_t len); /* how print writes text */
    size_t printed, max_print;                         /* bytes print wrote, and the cap */
    char region_at[256]; /* the last line of region code (not the stdlib) the hook saw */
    int stopped;         /* a limit was hit: no more region code in this state */
    char limit_msg[256]; /* the first "file:line: instruction limit (N) exceeded" */
    char script[256];    /* what sbx_call runs, to name in the memory message */
    pool *pool;          /* small blocks, freed with the state (pool.c); NULL: malloc's */
};

/* lua_Alloc counting the bytes L holds. ptr == NULL means a new block (osize is then a type
** tag, not a size); nsize == 0 is a free, which always succeeds. */
static void *sbx_alloc(void *ud, void *ptr, size_t osize, size_t nsize) {
    sbx *S = ud;
    size_t old = ptr ? osize : 0;
    if (nsize == 0) {
        pool_release(S->pool, ptr, old);
        S->used_mem -= old;
        return NULL;
    }
    if (nsize > old && nsize - old > S->max_mem - S->used_mem) {
        S->mem_refused = REFUSED_BY_CAP;
        S->refused_ptr = ptr;
        S->refused_osize = osize;
        S->refused_nsize = nsize;
        return NULL;
    }
    int saved = errno;
    errno = 0;
    void *p = pool_realloc(S->pool, ptr, old, nsize);
    if (!p) { /* the pool's cap (errno untouched), or the system's memory (malloc's ENOMEM) */
        S->mem_refused = errno == ENOMEM ? REFUSED_BY_SYSTEM : REFUSED_BY_CAP;
        errno = saved;
        S->refused_ptr = ptr;
        S->refused_osize = osize;
        S->refused_nsize = nsize;
        return NULL;
    }
    errno = saved;
    if (ptr == S->refused_ptr && osize == S->refused_osize && nsize == S->refused_nsize)
        S->mem_refused = 0; /* the retry worked: nothing failed */
    S->used_mem = S->used_mem - old + nsize;
    return p;
}

static sbx *owner(lua_State *L) {
    void *ud;
    lua_getallocf(L, &ud);
    return ud;
}

/* Push "file:line: " of the innermost Lua function at or above level: C functions are skipped,
** so that a guard (or pcall(string.rep, ...)) blames the line the region wrote. */
static void where(lua_State *L, int level) {
    lua_Debug ar;
    for (; lua_getstack(L, level, &ar); level++) {
        lua_getinfo(L, "Sl", &ar);
        if (ar.currentline > 0) {
            lua_pushfstring(L, "%s:%d: ", ar.short_src, ar.currentline);
            return;
        }
    }
    lua_pushliteral(L, "");
}

/* Raise "file:line: message" located at the region code that called us. */
static int fail(lua_State *L, const char *fmt, ...) {
    va_list ap;
    where(L, 0);
    va_start(ap, fmt);
    lua_pushvfstring(L, fmt, ap);
    va_end(ap);
    lua_concat(L, 2);
    return lua_error(L);
}

/* A limit was hit if the error has status LUA_ERRMEM or a limit flag is set (an error can also
** come from lauxlib's buffers, which raise "not enough memory" as a runtime error). */
static int limit_hit(sbx *S, int status) {
    if (status == LUA_ERRMEM || S->mem_refused || S->instr_hit) S->stopped = 1;
    return S->stopped;
}

/* ---- the instruction budget ---- */

static void count_hook(lua_State *L, lua_Debug *ar);

/* Registry key of the threads a limit tripped in (keys of a weak table): a coroutine whose hook
** raised keeps hooks off for good, so it is never reset or closed, not even after sbx_renew. */
static const char tripped_key = 'T';

/* Whether co is one of those threads. */
static int tripped(lua_State *L, lua_State *co) {
    lua_rawgetp(L, LUA_REGISTRYINDEX, &tripped_key);
    int found = 0;
    if (lua_istable(L, -1) && lua_checkstack(co, 1)) {
        lua_pushthread(co);
        lua_xmove(co, L, 1);
        found = lua_rawget(L, -2) != LUA_TNIL;
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
    return found;
}

static double monotonic(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Whether the call from C has run longer than the wall-clock limit. */
static int out_of_time(sbx *S) {
    if (S->depth == 0 || monotonic() - S->started <= S->max_seconds) return 0;
    return S->time_hit = 1;
}

int sbx_past_time(lua_State *L, double *limit) {
    sbx *S = owner(L);
    *limit = S->max_seconds;
    return S->depth > 0 && monotonic() - S->started > S->max_seconds;
}

/* A limit is hit: from now on the hook fires at every instruction of this thread and of the
** main one (other coroutines follow at their next hook call), so no pcall outlives it. */
static int trip(lua_State *L, sbx *S) {
    S->instr_hit = S->stopped = 1;
    if (L != S->L && lua_checkstack(L, 3)) { /* a coroutine: hooks stay off in it (see above) */
        lua_rawgetp(L, LUA_REGISTRYINDEX, &tripped_key);
        lua_pushthread(L);
        lua_pushboolean(L, 1);
        lua_rawset(L, -3);
        lua_pop(L, 1);
    }
    lua_sethook(L, count_hook, LUA_MASKCOUNT, 1);
    lua_sethook(S->L, count_hook, LUA_MASKCOUNT, 1);
    where(L, 0);
    if (S->time_hit)
        lua_pushfstring(L, "time limit (%f s) exceeded", S->max_seconds);
    else
        lua_pushfstring(L, "instruction limit (%I) exceeded", (lua_Integer)S->max_instr);
    lua_concat(L, 2);
    if (!S->limit_msg[0]) snprintf(S->limit_msg, sizeof S->limit_msg, "%s", lua_tostring(L, -1));
    return lua_error(L);
}

static void count_hook(lua_State *L, lua_Debug *ar) {
    sbx *S = owner(L);
    if (!S->instr_hit && lua_gethookcount(L) != HOOK_EVERY)    /* a coroutine tripped before a */
        lua_sethook(L, count_hook, LUA_MASKCOUNT, HOOK_EVERY); /* renewal (sbx_renew) */
    S->used_instr += S->instr_hit ? 1 : HOOK_EVERY;
    if (S->instr_hit || S->used_instr > S->max_instr || out_of_time(S)) trip(L, S);
    /* Where region code runs, for a memory limit's message (the stdlib is not the culprit). */
    if (lua_getinfo(L, "Sl", ar) && ar->currentline > 0 && strncmp(ar->source, "@stdlib/", 8))
        snprintf(S->region_at, sizeof S->region_at, "%s:%d", ar->short_src, ar->currentline);
}

/* Charge n units of work done in C, where the hook cannot see, to the budget (n < 0: none), and
** look at the clock. */
static void charge(lua_State *L, double n) {
    sbx *S = owner(L);
    if (S->instr_hit || n > (double)(S->max_instr - S->used_instr) || out_of_time(S)) trip(L, S);
    if (n > 0) S->used_instr += (int64_t)n;
}

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
    sbx *S = owner(L);
    size_t left = S->max_print - S->printed;
    print_values(L, stderr, S->write, &left, S->max_print);
    S->printed = S->max_print - left;
    return 0;
}

/* pcall, as Lua's (yieldable), except that an error from a limit is raised again. */
static int finish_pcall(lua_State *L, int status, lua_KContext extra) {
    if (status == LUA_OK || status == LUA_YIELD) return lua_gettop(L) - (int)extra;
    if (limit_hit(owner(L), status)) return lua_error(L);
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
    sbx *S = owner(L);
    if (status == LUA_OK || status == LUA_YIELD) return lua_gettop(L) - (int)extra;
    if (limit_hit(S, status)) return lua_error(L);
    lua_pushvalue(L, 2); /* stack: f, handler, true, error */
    lua_insert(L, -2);
    status = lua_pcall(L, 1, 1, 0);
    if (status != LUA_OK && limit_hit(S, status)) return lua_error(L);
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
            return fail(L, "setmetatable: __gc metamethods are not allowed in region code");
        lua_pop(L, 1);
    }
    if (luaL_getmetafield(L, 1, "__metatable") != LUA_TNIL)
        return fail(L, "cannot change a protected metatable");
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
        return fail(L, "load: only text chunks are allowed in region code");
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

static void set_script(sbx *S, const char *source);

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
    if (status == LUA_OK) set_script(S, name); /* a limit hit inside names this file */
    return status == LUA_OK ? 1 : lua_error(L);
}

static int msghandler(lua_State *L);

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
        fail(L, "require cycle: %s", lua_tostring(L, -1));
    }
}

/* require(name): the loaded value (upvalue 1 is the loaded table), else runs stdlib file
** name/with/slashes.lua, else the region's own; `package` itself is never exposed. */
static int sb_require(lua_State *L) {
    size_t len;
    const char *name = luaL_checklstring(L, 1, &len);
    lua_settop(L, 1);
    if (!module_name_ok(name, len))
        return fail(L,
                    "require: bad module name '%s' (use letters, digits and _, parts "
                    "separated by dots: 'checks', 'lib.util')",
                    name);
    if (lua_getfield(L, lua_upvalueindex(1), name) != LUA_TNIL) return 1;
    const char *file = lua_pushfstring(L, "%s.lua", luaL_gsub(L, name, ".", "/"));
    int file_at = lua_gettop(L);
    check_cycle(L, file);
    if (!load_module(L, owner(L), file))
        return fail(L,
                    "module '%s' not found (looked in the stdlib and among the region's scripts "
                    "for %s)",
                    name, file);
    /* Listed as being loaded while it runs, protected so that the list is right after an error
    ** too (the handler locates the error where it is raised, as sbx_call's does). */
    lua_Integer depth = (lua_Integer)lua_rawlen(L, lua_upvalueindex(2)) + 1;
    lua_pushvalue(L, file_at);
    lua_rawseti(L, lua_upvalueindex(2), depth);
    lua_pushcfunction(L, msghandler);
    lua_insert(L, -2);
    lua_pushvalue(L, 1);
    int status = lua_pcall(L, 1, 1, -3);
    lua_pushnil(L);
    lua_rawseti(L, lua_upvalueindex(2), depth);
    if (status != LUA_OK) return lua_error(L);
    if (lua_isnil(L, -1)) lua_pushboolean(L, 1);
    lua_pushvalue(L, -1);
    lua_setfield(L, lua_upvalueindex(1), name);
    return 1;
}

/* ---- guards in front of C library functions ---- */

int sbx_located(const char *m) {
    for (; *m && *m != '\n'; m++) {
        if (*m != ':' || m[1] < '0' || m[1] > '9') continue;
        const char *d = m + 1 + strspn(m + 1, "0123456789");
        if (d[0] == ':' && d[1] == ' ') return 1;
    }
    return 0;
}

/* Call upvalue 1, the library function a guard stands in front of, with the guard's arguments.
** Its caller is then a C function, so its own errors carry no location: add the region's. */
static int call_original(lua_State *L) {
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    int status = lua_pcall(L, lua_gettop(L) - 1, LUA_MULTRET, 0);
    if (status == LUA_OK) return lua_gettop(L);
    if (!limit_hit(owner(L), status) && lua_type(L, -1) == LUA_TSTRING &&
        !sbx_located(lua_tostring(L, -1))) {
        where(L, 0);
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
            fail(L, "pattern too complex for a subject of %I bytes (%d quantifiers)",
                 (lua_Integer)n, q);
        literal = plain_arg && strcspn(p, "^$*+?.([%-") == lp; /* find then uses memcmp */
    }
    if ((anchored ? 1.0 : (double)n) * (double)lp > (literal ? MEMFIND_BYTES : MATCH_STEPS))
        fail(L, "pattern too long (%I bytes) for a subject of %I bytes", (lua_Integer)lp,
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
    charge(L, arg_len(L, 1) + arg_len(L, 2));
    return call_original(L);
}

static int g_match(lua_State *L) { /* string.match and string.gsub */
    check_pattern(L, 1, 0);
    charge(L, arg_len(L, 1) + arg_len(L, 2) + arg_len(L, 3));
    return call_original(L);
}

static int g_gmatch(lua_State *L) {
    check_pattern(L, 0, 0); /* gmatch has no anchor */
    charge(L, arg_len(L, 1) + arg_len(L, 2));
    return call_original(L);
}

static int g_bytes(lua_State *L) { /* string.upper, lower, reverse: one pass over the subject */
    charge(L, arg_len(L, 1));
    return call_original(L);
}

static int g_format(lua_State *L) { /* its output is about as long as its string arguments */
    double n = 0;
    for (int i = 1; i <= lua_gettop(L); i++)
        n += arg_len(L, i);
    charge(L, n);
    return call_original(L);
}

/* os.time() and os.date(format) without a time: spil's clock ($SPIL_NOW when set), so checks
** that use them give the same result as spil's own notion of today. */
static int g_time(lua_State *L) {
    sbx *S = owner(L);
    if (lua_isnoneornil(L, 1) && S->now) {
        lua_pushinteger(L, (lua_Integer)S->now);
        return 1;
    }
    return call_original(L);
}

static int g_date(lua_State *L) {
    sbx *S = owner(L);
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
        charge(L, times);
    else if (times > 0)
        /* more than the memory cap fails at the allocation, before any copying */
        charge(L, fmin(times * (double)(l + lsep), (double)owner(L)->max_mem) / BYTES_PER_UNIT);
    return call_original(L);
}

/* table.insert, remove, sort and concat loop up to #t in C. A border is not bounded by the size
** of a table ({[1]=1, [2]=1, [4]=1, ..., [2^60]=1} may have #t = 2^60) and __len may answer
** anything, differently at each call: so __len is refused, and #t charged before the loop. */
static double raw_len(lua_State *L, const char *fn) {
    if (luaL_getmetafield(L, 1, "__len") != LUA_TNIL)
        fail(L, "table.%s: tables with a __len metamethod are not allowed in region code", fn);
    return (double)lua_rawlen(L, 1);
}

static int g_insert(lua_State *L) {
    if (lua_istable(L, 1) && lua_gettop(L) >= 3) charge(L, raw_len(L, "insert"));
    return call_original(L);
}

static int g_remove(lua_State *L) {
    if (lua_istable(L, 1) && lua_gettop(L) >= 2) charge(L, raw_len(L, "remove"));
    return call_original(L);
}

static int g_sort(lua_State *L) {
    if (lua_istable(L, 1)) {
        double n = raw_len(L, "sort");
        charge(L, n * log2(n + 1));
    }
    return call_original(L);
}

static int g_concat(lua_State *L) {
    if (lua_istable(L, 1)) {
        double i = lua_isnoneornil(L, 3) ? 1 : (double)lua_tointeger(L, 3);
        double j = lua_isnoneornil(L, 4) ? raw_len(L, "concat") : (double)lua_tointeger(L, 4);
        if (j >= i) charge(L, j - i + 1);
    }
    return call_original(L);
}

static int g_move(lua_State *L) {
    double f = (double)lua_tointeger(L, 2), e = (double)lua_tointeger(L, 3);
    if (e >= f) charge(L, e - f + 1);
    return call_original(L);
}

/* A new coroutine starts with a fresh hook count, so its first HOOK_EVERY instructions would go
** uncounted: `repeat coroutine.wrap(f)() until false` could run 999 free instructions each. */
static int g_create(lua_State *L) {
    charge(L, HOOK_EVERY);
    return call_original(L);
}

/* After a limit, closing a coroutine could run its __close handlers with hooks disabled. */
static int g_close(lua_State *L) {
    if (owner(L)->stopped) return fail(L, STOPPED_MSG);
    lua_State *co = lua_tothread(L, 1);
    if (co && tripped(L, co)) return fail(L, "cannot close a coroutine stopped by a limit");
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
        if (limit_hit(owner(L), status) || tripped(L, co)) return lua_error(L);
        lua_resetthread(co); /* close its to-be-closed variables */
        lua_xmove(co, L, 1);
    }
    if (lua_type(L, -1) == LUA_TSTRING) {
        where(L, 0);
        lua_insert(L, -2);
        lua_concat(L, 2);
    }
    return lua_error(L);
}

static int co_wrap(lua_State *L) {
    luaL_checktype(L, 1, LUA_TFUNCTION);
    charge(L, HOOK_EVERY);
    lua_State *co = lua_newthread(L);
    lua_pushvalue(L, 1);
    lua_xmove(L, co, 1);
    lua_getfield(L, lua_upvalueindex(2), "resume");
    lua_pushcclosure(L, co_call, 2);
    return 1;
}

/* ---- the region's globals ---- */

static const char *key_name(lua_State *L) {
    int t = lua_type(L, 2);
    return t == LUA_TSTRING || t == LUA_TNUMBER ? lua_tostring(L, 2) : luaL_typename(L, 2);
}

static int undeclared_get(lua_State *L) {
    return fail(L, "undeclared global '%s'", key_name(L));
}

static int undeclared_set(lua_State *L) {
    return fail(L, "assignment to undeclared global '%s'", key_name(L));
}

/* Functions replaced in a library. Each gets two upvalues: the original function of that name
** (which a guard calls after its check) and the original library table. */
static const luaL_Reg base_repl[] = {{"load", sb_load},     {"pcall", sb_pcall},
                                     {"print", sb_print},   {"setmetatable", sb_setmetatable},
                                     {"xpcall", sb_xpcall}, {NULL, NULL}};
static const luaL_Reg string_repl[] = {
    {"find", g_find},   {"format", g_format}, {"gmatch", g_gmatch}, {"gsub", g_match},
    {"lower", g_bytes}, {"match", g_match},   {"rep", g_rep},       {"reverse", g_bytes},
    {"upper", g_bytes}, {NULL, NULL}};
static const luaL_Reg os_repl[] = {{"date", g_date}, {"time", g_time}, {NULL, NULL}};
static const luaL_Reg table_repl[] = {{"concat", g_concat}, {"insert", g_insert}, {"move", g_move},
                                      {"remove", g_remove}, {"sort", g_sort},     {NULL, NULL}};
static const luaL_Reg coroutine_repl[] = {
    {"close", g_close}, {"create", g_create}, {"wrap", co_wrap}, {NULL, NULL}};

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
     "assert error getmetatable ipairs next pairs rawequal rawget rawlen rawset select tonumber "
     "tostring type _VERSION",
     base_repl},
    {"string", luaopen_string, "byte char len pack packsize sub unpack", string_repl},
    {"table", luaopen_table, "pack unpack", table_repl},
    {"math", luaopen_math,
     "abs acos asin atan ceil cos deg exp floor fmod huge log max maxinteger min mininteger modf "
     "pi rad random randomseed sin sqrt tan tointeger type ult",
     NULL},
    {"utf8", luaopen_utf8, "char charpattern codepoint codes len offset", NULL},
    {"coroutine", luaopen_coroutine, "isyieldable resume running status yield", coroutine_repl},
    {"os", luaopen_os, "clock", os_repl},
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

static const char loaded_key = 'L'; /* registry key of the loaded modules */

/* Build the region's globals (protected: runs under lua_pcall in sbx_new). */
static int setup(lua_State *L) {
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
    lua_pushvalue(L, G);
    lua_setfield(L, G, "_G");
    lua_newtable(L); /* the threads a limit tripped in, weak keys (tripped_key) */
    lua_newtable(L);
    lua_pushliteral(L, "k");
    lua_setfield(L, -2, "__mode");
    lua_setmetatable(L, -2);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &tripped_key);
    lua_newtable(L); /* the loaded modules: upvalue of require, and for sbx_provide */
    lua_pushvalue(L, -1);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &loaded_key);
    lua_newtable(L); /* the files being loaded, for require cycles */
    lua_pushcclosure(L, sb_require, 2);
    lua_setfield(L, G, "require");

    lua_createtable(L, 0, 3);
    lua_pushcfunction(L, undeclared_get);
    lua_setfield(L, -2, "__index");
    lua_pushcfunction(L, undeclared_set);
    lua_setfield(L, -2, "__newindex");
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
    lua_setmetatable(L, G);
    return 0;
}

/* ---- the C side ---- */

/* Set *err (unless err is NULL) to a malloc'd copy of the message; return status. */
static int report(char **err, int status, const char *fmt, ...) {
    va_list ap;
    if (!err) return status;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    *err = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (*err) {
        va_start(ap, fmt);
        vsnprintf(*err, (size_t)n + 1, fmt, ap);
        va_end(ap);
    }
    return status;
}

static void set_script(sbx *S, const char *source) {
    if (*source == '@' || *source == '=') source++;
    snprintf(S->script, sizeof S->script, "%s", source);
}

/* Whether m starts with a location "file:12: "; its length then, else 0. */
static size_t location_len(const char *m) {
    const char *sp = strstr(m, ": ");
    if (!sp || memchr(m, '\n', (size_t)(sp - m))) return 0;
    const char *c = sp;
    while (c > m && c[-1] >= '0' && c[-1] <= '9')
        c--;
    return c < sp && c > m && c[-1] == ':' ? (size_t)(sp + 2 - m) : 0;
}

/* The error text m as it is reported: a location repeated at its start (error(e) re-raised at
** every level of a recursion, so 1 KB of "f.lua:16: f.lua:16: ...") said once, and Lua's "C
** stack overflow" (pcall, require, a metamethod nested 200 deep) said as "stack overflow". */
static int report_error(char **err, int status, const char *m) {
    size_t n = location_len(m), k;
    const char *rest = m + n;
    while (n && (k = location_len(rest)) == n && memcmp(rest, m, n) == 0)
        rest += n;
    if (strncmp(rest, "C stack overflow", 16) == 0)
        return report(err, status, "%.*sstack overflow%s", (int)n, m, rest + 16);
    return report(err, status, "%.*s%s", (int)n, m, rest);
}

/* A load or call failed with status, its error value on top: set *err, pop it, return status.
** Nothing here calls into Lua: an error object's __tostring would be region code run outside
** any protection (and the message handler already turned anything else into a string). */
static int failure(sbx *S, int status, char **err) {
    lua_State *L = S->L;
    if (S->mem_refused == REFUSED_BY_SYSTEM) {
        S->stopped = 1;
        oom_note();
        status =
            report(err, LUA_ERRMEM,
                   "%s: out of memory: the system refused region code more memory, within "
                   "its limit of %g MiB; " OOM_REMEDY,
                   S->region_at[0] ? S->region_at : S->script, (double)S->max_mem / (1024 * 1024));
    } else if (status == LUA_ERRMEM || S->mem_refused) {
        S->stopped = 1;
        status =
            report(err, LUA_ERRMEM, "%s: memory limit (%g MiB) exceeded",
                   S->region_at[0] ? S->region_at : S->script, (double)S->max_mem / (1024 * 1024));
    } else if (S->instr_hit) {
        S->stopped = 1;
        status = report(err, LUA_ERRRUN, "%s", S->limit_msg);
    } else if (status == LUA_ERRERR) { /* the message handler overflowed in its turn */
        status =
            report(err, status, "%s: stack overflow", S->region_at[0] ? S->region_at : S->script);
    } else if (lua_type(L, -1) == LUA_TSTRING) {
        status = report_error(err, status, lua_tostring(L, -1));
    } else {
        status = report(err, status, "(error object is a %s value)", luaL_typename(L, -1));
    }
    lua_pop(L, 1);
    return status;
}

/* Push "file:line: " of the innermost line of region code (not the stdlib's) on the stack at or
** above level, or "" when there is none. */
static void region_where(lua_State *L, int level) {
    lua_Debug ar;
    for (; lua_getstack(L, level, &ar); level++) {
        lua_getinfo(L, "Sl", &ar);
        if (ar.currentline > 0 && strncmp(ar.source, "@stdlib/", 8) != 0) {
            lua_pushfstring(L, "%s:%d: ", ar.short_src, ar.currentline);
            return;
        }
    }
    lua_pushliteral(L, "");
}

/* Message handler of sbx_call, at the place of the error: texts (and numbers) pass; anything
** else is described, never converted with __tostring, which would run region code outside the
** limits. What does not say where it comes from (an error object, error(e, 0), a stack
** overflow raised inside a C function such as pcall) gets the line of region code that raised
** it. */
static int msghandler(lua_State *L) {
    int t = lua_type(L, 1);
    if (t == LUA_TNUMBER) {
        lua_tostring(L, 1);
        return 1;
    }
    if (t == LUA_TSTRING && sbx_located(lua_tostring(L, 1))) return 1;
    region_where(L, 1);
    if (t == LUA_TSTRING)
        lua_pushvalue(L, 1);
    else if (lua_gettop(L) >= 2 && *lua_tostring(L, 2)) /* located: no parentheses */
        lua_pushfstring(L, "error object is a %s value, not a text", luaL_typename(L, 1));
    else
        lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, 1));
    lua_concat(L, 2);
    return 1;
}

static int panic(lua_State *L) {
    fprintf(stderr, "spil: unprotected Lua error: %s\n",
            lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "?");
    abort();
}

sbx *sbx_new(const char *dir, const sbx_limits *lim, sbx_loader loader, void *loader_ud,
             char **err) {
    if (err) *err = NULL;
    sbx *S = calloc(1, sizeof *S);
    if (!S || !(S->dir = strdup(dir && *dir ? dir : "."))) {
        free(S);
        oom_note();
        report(err, LUA_ERRMEM, "out of memory; " OOM_REMEDY);
        return NULL;
    }
    for (size_t n = strlen(S->dir); n > 1 && S->dir[n - 1] == '/';)
        S->dir[--n] = '\0';
    S->max_instr = lim && lim->instructions > 0 ? lim->instructions : SBX_DEFAULT_INSTRUCTIONS;
    if (S->max_instr > INT64_MAX / 2) S->max_instr = INT64_MAX / 2; /* room to count past it */
    S->max_mem = lim && lim->memory ? lim->memory : SBX_DEFAULT_MEMORY;
    S->max_seconds = lim && lim->seconds > 0 ? lim->seconds : SBX_DEFAULT_SECONDS;
    S->max_print = lim && lim->print ? lim->print : SBX_DEFAULT_PRINT;
    S->now = lim ? lim->now : 0;
    S->write = lim ? lim->write : NULL;
    S->loader = loader;
    S->loader_ud = loader_ud;
    set_script(S, S->dir);
    if (pool_enabled() && !(S->pool = pool_new(S->max_mem))) {
        oom_note();
        report(err, LUA_ERRMEM, "%s: out of memory; " OOM_REMEDY, S->script);
        sbx_free(S);
        return NULL;
    }
    S->L = lua_newstate(sbx_alloc, S);
    if (!S->L) {
        if (S->mem_refused == REFUSED_BY_SYSTEM) {
            oom_note();
            report(err, LUA_ERRMEM, "%s: out of memory; " OOM_REMEDY, S->script);
        } else {
            report(err, LUA_ERRMEM, "%s: memory limit (%g MiB) exceeded", S->script,
                   (double)S->max_mem / (1024 * 1024));
        }
        sbx_free(S);
        return NULL;
    }
    lua_atpanic(S->L, panic);
    lua_sethook(S->L, count_hook, LUA_MASKCOUNT, HOOK_EVERY); /* before any region code */
    lua_pushcfunction(S->L, setup);
    int status = lua_pcall(S->L, 0, 0, 0);
    if (status != LUA_OK) {
        failure(S, status, err);
        sbx_free(S);
        return NULL;
    }
    return S;
}

void sbx_free(sbx *S) {
    if (!S) return;
    if (S->L) lua_close(S->L); /* runs no region code: it cannot have set a __gc */
    pool_free(S->pool);
    free(S->dir);
    free(S);
}

lua_State *sbx_state(sbx *S) {
    return S->L;
}

/* A script name relative to the region's folder: not absolute, no ".." component. */
static int file_name_ok(const char *name) {
    if (!*name || *name == '/') return 0;
    for (const char *p = name; *p; p += *p == '/') {
        size_t len = strcspn(p, "/");
        if (len == 2 && p[0] == '.' && p[1] == '.') return 0;
        p += len;
    }
    return 1;
}

int sbx_run_script(sbx *S, const char *name, char **err) {
    if (err) *err = NULL;
    if (!file_name_ok(name))
        return report(err, LUA_ERRFILE, "bad script name '%s' (a path inside %s, without '..')",
                      name, S->dir);
    size_t len;
    const char *src = S->loader ? S->loader(S->loader_ud, name, &len) : NULL;
    if (!src) return report(err, LUA_ERRFILE, "%s/%s: no such script", S->dir, name);
    size_t size = strlen(S->dir) + strlen(name) + 3;
    char *chunkname = malloc(size);
    if (!chunkname) return oom_note(), report(err, LUA_ERRMEM, "out of memory; " OOM_REMEDY);
    snprintf(chunkname, size, "@%s/%s", S->dir, name);
    int status = sbx_run_string(S, chunkname, src, len, err);
    free(chunkname);
    return status;
}

int sbx_run_string(sbx *S, const char *chunkname, const char *src, size_t len, char **err) {
    if (err) *err = NULL;
    if (S->stopped) return report(err, LUA_ERRRUN, STOPPED_MSG);
    set_script(S, chunkname);
    if (!lua_checkstack(S->L, 3)) return report(err, LUA_ERRMEM, "Lua stack overflow");
    int status = luaL_loadbufferx(S->L, src, len, chunkname, "t");
    return status == LUA_OK ? sbx_call(S, 0, 0, err) : failure(S, status, err);
}

int sbx_call(sbx *S, int nargs, int nres, char **err) {
    lua_State *L = S->L;
    int fn = lua_gettop(L) - nargs;
    if (err) *err = NULL;
    if (S->stopped || !lua_checkstack(L, 2)) {
        lua_settop(L, fn - 1);
        return report(err, LUA_ERRRUN, "%s", S->stopped ? STOPPED_MSG : "Lua stack overflow");
    }
    if (lua_type(L, fn) == LUA_TFUNCTION) {
        lua_Debug ar;
        lua_pushvalue(L, fn);
        lua_getinfo(L, ">S", &ar);
        set_script(S, ar.source);
    }
    lua_pushcfunction(L, msghandler);
    lua_insert(L, fn);
    if (S->depth++ == 0) { /* the wall clock runs per call from C */
        S->started = monotonic();
        S->region_at[0] = '\0';
    }
    int status = lua_pcall(L, nargs, nres, fn);
    S->depth--;
    lua_remove(L, fn);
    return status == LUA_OK ? 0 : failure(S, status, err);
}

size_t sbx_renew(sbx *S) {
    S->used_instr = 0;
    S->instr_hit = S->time_hit = S->mem_refused = S->stopped = 0;
    S->refused_ptr = NULL;
    S->refused_osize = S->refused_nsize = 0;
    S->limit_msg[0] = S->region_at[0] = '\0';
    S->printed = 0;
    lua_sethook(S->L, count_hook, LUA_MASKCOUNT, HOOK_EVERY);
    lua_gc(S->L, LUA_GCCOLLECT); /* no __gc in the sandbox: nothing runs */
    return S->used_mem;
}

size_t sbx_memory_limit(const sbx *S) {
    return S->max_mem;
}

int sbx_protect(sbx *S, lua_CFunction f, void *ud, int nargs, int nres, char **err) {
    lua_State *L = S->L;
    if (err) *err = NULL;
    if (!lua_checkstack(L, nres + 2)) {
        lua_pop(L, nargs);
        return report(err, LUA_ERRMEM, "Lua stack overflow");
    }
    lua_pushcfunction(L, f);
    lua_pushlightuserdata(L, ud);
    lua_rotate(L, -(nargs + 2), 2); /* f, ud, the arguments */
    int status = lua_pcall(L, nargs + 1, nres, 0);
    return status == LUA_OK ? 0 : failure(S, status, err);
}

/* Under sbx_provide: loaded[name] = value, and the global too when asked. */
static int provide(lua_State *L) {
    const char *name = lua_tostring(L, 2);
    lua_rawgetp(L, LUA_REGISTRYINDEX, &loaded_key);
    lua_pushvalue(L, 1);
    lua_setfield(L, -2, name);
    if (lua_toboolean(L, 3)) {
        lua_pushglobaltable(L);
        lua_pushvalue(L, 2);
        lua_pushvalue(L, 1);
        lua_rawset(L, -3);
    }
    return 0;
}

int sbx_provide(sbx *S, const char *name, int global, char **err) {
    lua_State *L = S->L;
    if (err) *err = NULL;
    if (!lua_checkstack(L, 4)) {
        lua_pop(L, 1);
        return report(err, LUA_ERRMEM, "Lua stack overflow");
    }
    lua_pushcfunction(L, provide);
    lua_insert(L, -2);
    lua_pushstring(L, name);
    lua_pushboolean(L, global);
    int status = lua_pcall(L, 3, 0, 0);
    return status == LUA_OK ? 0 : failure(S, status, err);
}

int sbx_hand_over(lua_State *L, lua_CFunction push, void *ud, void (*done)(void *)) {
    lua_pushcfunction(L, push);
    lua_pushlightuserdata(L, ud);
    int status = lua_pcall(L, 1, 1, 0);
    done(ud);
    return status == LUA_OK ? 1 : lua_error(L);
}
