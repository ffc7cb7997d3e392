/*
** sbx.c: the sandbox that region code runs in (contract in sbx.h; threat model, and the test
** that proves each defence, in docs/sandbox.md). Its state is shared with its other two parts
** through sbx_impl.h.
**
** Owns: one fresh lua_State per sbx, with a counting allocator (the memory cap; small blocks
** come from pool.c) and a count hook set before any region code runs (the instruction budget and
** the wall clock, sticky once spent, and the charge for C work that the guards call); errors
** located at the line of region code that raised them; sbx_call, the one door into region code,
** sbx_protect for C that allocates, the message handler and the error text callers get; renewing
** a budget (sbx_renew).
** Does not: build the region's globals or require (sbx_globals.c), guard the C library functions
** (sbx_guards.c), know the store, the model or the spil module (the region runtime, runtime.c,
** gives the sandbox its modules and a loader for the region's own scripts).
** Invariants: region code never runs with the hook disabled (no __gc on region values, xpcall's
** handler runs after unwinding, a coroutine stopped by the hook is never reset); once a limit is
** hit, no region code runs in that state again (pcall re-raises, sbx_call refuses).
*/
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <lauxlib.h>

#include "oom.h"
#include "pool.h"
#include "sbx_impl.h"

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

sbx *sbx_owner(lua_State *L) {
    void *ud;
    lua_getallocf(L, &ud);
    return ud;
}

/* Push "file:line: " of the innermost Lua function at or above level: C functions are skipped,
** so that a guard (or pcall(string.rep, ...)) blames the line the region wrote. */
void sbx_where(lua_State *L, int level) {
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
int sbx_fail(lua_State *L, const char *fmt, ...) {
    va_list ap;
    sbx_where(L, 0);
    va_start(ap, fmt);
    lua_pushvfstring(L, fmt, ap);
    va_end(ap);
    lua_concat(L, 2);
    return lua_error(L);
}

/* A limit was hit if the error has status LUA_ERRMEM or a limit flag is set (an error can also
** come from lauxlib's buffers, which raise "not enough memory" as a runtime error). */
int sbx_limit_hit(sbx *S, int status) {
    if (status == LUA_ERRMEM || S->mem_refused || S->instr_hit) S->stopped = 1;
    return S->stopped;
}

/* ---- the instruction budget ---- */

static void count_hook(lua_State *L, lua_Debug *ar);

/* Registry key of the threads a limit tripped in (keys of a weak table): a coroutine whose hook
** raised keeps hooks off for good, so it is never reset or closed, not even after sbx_renew. */
static const char tripped_key = 'T';

/* Whether co is one of those threads. */
int sbx_tripped(lua_State *L, lua_State *co) {
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
    sbx *S = sbx_owner(L);
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
    sbx_where(L, 0);
    if (S->time_hit)
        lua_pushfstring(L, "time limit (%f s) exceeded", S->max_seconds);
    else
        lua_pushfstring(L, "instruction limit (%I) exceeded", (lua_Integer)S->max_instr);
    lua_concat(L, 2);
    if (!S->limit_msg[0]) snprintf(S->limit_msg, sizeof S->limit_msg, "%s", lua_tostring(L, -1));
    return lua_error(L);
}

static void count_hook(lua_State *L, lua_Debug *ar) {
    sbx *S = sbx_owner(L);
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
void sbx_charge(lua_State *L, double n) {
    sbx *S = sbx_owner(L);
    if (S->instr_hit || n > (double)(S->max_instr - S->used_instr) || out_of_time(S)) trip(L, S);
    if (n > 0) S->used_instr += (int64_t)n;
}

/* ---- errors and the C side ---- */

int sbx_located(const char *m) {
    for (; *m && *m != '\n'; m++) {
        if (*m != ':' || m[1] < '0' || m[1] > '9') continue;
        const char *d = m + 1 + strspn(m + 1, "0123456789");
        if (d[0] == ':' && d[1] == ' ') return 1;
    }
    return 0;
}

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

void sbx_set_script(sbx *S, const char *source) {
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
int sbx_msghandler(lua_State *L) {
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

/* The state's set-up (protected: runs under lua_pcall in sbx_new): the table of the threads a
** limit tripped in (weak keys, tripped_key), then the region's globals. */
static int setup(lua_State *L) {
    lua_newtable(L);
    lua_newtable(L);
    lua_pushliteral(L, "k");
    lua_setfield(L, -2, "__mode");
    lua_setmetatable(L, -2);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &tripped_key);
    return sbx_open_globals(L);
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
    sbx_set_script(S, S->dir);
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
    sbx_set_script(S, chunkname);
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
        sbx_set_script(S, ar.source);
    }
    lua_pushcfunction(L, sbx_msghandler);
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

int sbx_provide(sbx *S, const char *name, int global, char **err) {
    lua_State *L = S->L;
    if (err) *err = NULL;
    if (!lua_checkstack(L, 4)) {
        lua_pop(L, 1);
        return report(err, LUA_ERRMEM, "Lua stack overflow");
    }
    lua_pushcfunction(L, sbx_provide_module);
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
