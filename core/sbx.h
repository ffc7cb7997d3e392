/*
** sbx.h: sandboxed Lua states for region code.
**
** Each region's code runs in a fresh lua_State of its own (isolation by construction: nothing
** is shared between regions). The state has a counting allocator capped at a memory limit and a
** count hook, set from C before any region code runs, that enforces an instruction budget; once
** the budget is spent the hook fires on every instruction, so no pcall outlives it. The globals
** are built up from an allow list: no io, os (but os.time/os.date/os.clock), debug, package,
** dofile, loadfile, string.dump, collectgarbage; `load` accepts text only and runs in the
** region's globals; xpcall's handler runs under the budget; metatables with __gc are refused;
** the string metatable is locked; pattern functions refuse patterns too costly for their
** subject. `require` finds stdlib modules (compiled in), the modules given with sbx_provide, and
** the region's own scripts through the loader its creator gives (the region runtime, runtime.h,
** reads them once from the store). The sandbox knows nothing of the store or the data model.
** Reading or writing an undeclared global is an error naming file, line and name.
** See docs/sandbox.md for the threat model and the corpus in tests/sandbox/ for each escape.
*/
#ifndef SPIL_SBX_H
#define SPIL_SBX_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <lua.h>

typedef struct sbx_limits {
    int64_t instructions; /* VM instructions per state (0: default) */
    size_t memory;        /* bytes the state may hold (0: default) */
    double seconds;       /* wall clock per call from C into the state (0: default) */
    size_t print;         /* bytes print may write per state (0: default) */
    int64_t now;          /* the time os.time() and os.date() see (0: the real clock) */
    void (*write)(FILE *f, const char *s, size_t len); /* print's text (NULL: as it is) */
} sbx_limits;

#define SBX_DEFAULT_INSTRUCTIONS 100000000
#define SBX_DEFAULT_MEMORY       (64u * 1024 * 1024)
#define SBX_DEFAULT_SECONDS      5.0
#define SBX_DEFAULT_PRINT        (1024u * 1024)

typedef struct sbx sbx;

/* The source text of the region's own script `file` ("rules.lua", "lib/util.lua") and its
** length, or NULL when the region has none of that name. The text must stay valid while the
** sandbox lives. */
typedef const char *(*sbx_loader)(void *ud, const char *file, size_t *len);

/* A fresh state for region code. dir is the region's folder as it is named in chunk names
** ("regions/zhz/rules.lua:12: ..."); loader (may be NULL) gives its scripts. NULL and *err
** (malloc'd) on failure. */
sbx *sbx_new(const char *dir, const sbx_limits *lim, sbx_loader loader, void *loader_ud,
             char **err);
void sbx_free(sbx *S);
lua_State *sbx_state(sbx *S);

/* Load (text only, from the loader) and run the region's script name. 0 on success; else *err
** (malloc'd) reads "regions/zhz/rules.lua:12: message", or names the script and the limit. */
int sbx_run_script(sbx *S, const char *name, char **err);
/* Load (text only) and run a chunk from memory, named chunkname ("=stdin", "@file"). */
int sbx_run_string(sbx *S, const char *chunkname, const char *src, size_t len, char **err);
/* The one door into region code: call the function below nargs arguments on the stack,
** leaving nres results. 0 on success; else the stack is restored and *err is set. */
int sbx_call(sbx *S, int nargs, int nres, char **err);
/* For a C function called from region code that works long outside Lua (the REPL's sql()):
** whether the call from C it runs in has passed the wall clock, whose value *limit gets (in
** seconds). It looks only: the hook raises the limit at the next instruction. */
int sbx_past_time(lua_State *L, double *limit);
/* Whether message m says where it comes from ("file:12: ..." on its first line). */
int sbx_located(const char *m);
/* How print writes the text of its arguments (out_text, so that no control character reaches
** a terminal); NULL: as it is. */
typedef void (*sbx_writer)(FILE *f, const char *s, size_t len);
/* Lua's print of the arguments on L's stack to f: tostring of each (its __tostring runs as code of
** the caller's) written by write, tab-separated, a newline. For sandbox print (stderr) and the
** REPL's (stdout). */
int sbx_print_values(lua_State *L, FILE *f, sbx_writer write);
/* For a C function called from Lua that gathered what it returns in C memory: push what push
** makes of ud (protected, as it allocates in L), then done(ud), then return 1 or raise the error
** (nothing is left allocated either way). */
int sbx_hand_over(lua_State *L, lua_CFunction push, void *ud, void (*done)(void *));
/* The one way C that allocates in the state runs protected: f(L) with ud (a light userdata) as
** its argument 1 and the nargs values on top of the stack (taken off) as 2.., leaving nres
** results. 0, or *err set (out of memory is a limit hit like any other). */
int sbx_protect(sbx *S, lua_CFunction f, void *ud, int nargs, int nres, char **err);
/* After a limit stopped the state (sbx_call refuses to run more), let it go on: a fresh budget of
** instructions, time and print, the memory that is no longer reachable collected, and what the
** state holds kept. For the trusted operator's REPL, whose variables should survive a runaway
** statement; region code gets a fresh state instead. Returns the bytes the state still holds. */
size_t sbx_renew(sbx *S);
/* The memory cap of the state, in bytes. */
size_t sbx_memory_limit(const sbx *S);

/* Make the value on top of the stack (popped) the module `name` for require, and also the
** global of that name when global is set (the spil module is both). 0, or *err. */
int sbx_provide(sbx *S, const char *name, int global, char **err);

#endif
