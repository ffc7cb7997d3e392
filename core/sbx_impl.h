/*
** sbx_impl.h: for the sandbox's own modules only (sbx.c, sbx_globals.c, sbx_guards.c): the state
** behind an sbx, and what the three share: the budget's hooks into C work, errors located at the
** line of region code, the message handler, and the tables each part builds the globals from.
** Everything else goes through sbx.h.
*/
#ifndef SPIL_SBX_IMPL_H
#define SPIL_SBX_IMPL_H

#include <stdint.h>
#include <stdio.h>

#include <lauxlib.h>

#include "pool.h"
#include "sbx.h"

#define HOOK_EVERY  1000 /* instructions between two calls of the count hook */
#define STOPPED_MSG "sandbox stopped after a limit was hit"

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

/* ---- sbx.c ---- */

/* The sandbox whose state (or coroutine) L is. */
sbx *sbx_owner(lua_State *L);
/* Push "file:line: " of the innermost Lua function at or above level: C functions are skipped,
** so that a guard (or pcall(string.rep, ...)) blames the line the region wrote. */
void sbx_where(lua_State *L, int level);
/* Raise "file:line: message" located at the region code that called us. */
int sbx_fail(lua_State *L, const char *fmt, ...);
/* Whether an error with status came from a limit; marks the state stopped when it did. */
int sbx_limit_hit(sbx *S, int status);
/* Charge n units of work done in C, where the hook cannot see, to the budget (n < 0: none), and
** look at the clock; raises the limit's error when it is hit. */
void sbx_charge(lua_State *L, double n);
/* Whether coroutine co is one a limit tripped in (its hooks stay off: never reset or close it). */
int sbx_tripped(lua_State *L, lua_State *co);
/* Name the chunk source ("@regions/x/rules.lua") as what runs, for the memory message. */
void sbx_set_script(sbx *S, const char *source);
/* The message handler of sbx_call (and require): the error, located, never run as code. */
int sbx_msghandler(lua_State *L);

/* ---- sbx_globals.c ---- */

/* Build the region's globals and lock them (protected: runs under lua_pcall in sbx_new). */
int sbx_open_globals(lua_State *L);
/* Under sbx_provide (protected): loaded[name] = value (arguments value, name, global), and the
** global too when asked. */
int sbx_provide_module(lua_State *L);

/* ---- sbx_frozen.c ---- */

/* Replace the table on top of the stack by a read-only proxy of it; what names it in the error
** an assignment raises ("module 'spil.engine'"), NULL for the globals. */
void sbx_freeze(lua_State *L, const char *what);
/* The guard of rawset (upvalue 1: Lua's): refused on a read-only proxy. */
int sbx_rawset(lua_State *L);
/* A table key at index i as text for a message: itself when a string or number, else its type. */
const char *sbx_key_name(lua_State *L, int i);

/* ---- sbx_guards.c ---- */

/* The guards that stand in for library functions, by library: each is given two upvalues, the
** original function of its name and the original library table. */
extern const luaL_Reg sbx_string_guards[], sbx_table_guards[], sbx_os_guards[],
    sbx_coroutine_guards[];

#endif
