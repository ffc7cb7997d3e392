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
** subject. `require` finds stdlib modules (compiled in) and .lua files in the region's folder.
** Reading or writing an undeclared global is an error naming file, line and name.
** See docs/sandbox.md for the threat model and the corpus in tests/sandbox/ for each escape.
*/
#ifndef SPIL_SBX_H
#define SPIL_SBX_H

#include <stddef.h>
#include <stdint.h>

#include <lua.h>

struct store;

typedef struct sbx_limits {
    int64_t instructions; /* VM instructions per state (0: default) */
    size_t memory;        /* bytes the state may hold (0: default) */
} sbx_limits;

#define SBX_DEFAULT_INSTRUCTIONS 100000000
#define SBX_DEFAULT_MEMORY       (64u * 1024 * 1024)

typedef struct sbx sbx;

/* A fresh state for region code. st may be NULL (no data API then: spil.* raise an error).
** dir is the region's folder, used by require and in chunk names. NULL and *err on failure. */
sbx *sbx_new(struct store *st, const char *region, const char *dir, const sbx_limits *lim,
             char **err);
void sbx_free(sbx *S);
lua_State *sbx_state(sbx *S);

/* Load (text only) and run dir/name. 0 on success; else *err (malloc'd) reads
** "regions/zhz/rules.lua:12: message", or names the script and the limit it hit. */
int sbx_run_file(sbx *S, const char *name, char **err);
/* Load (text only) and run a chunk from memory, named chunkname ("=stdin", "@file"). */
int sbx_run_string(sbx *S, const char *chunkname, const char *src, size_t len, char **err);
/* The one door into region code: call the function below nargs arguments on the stack,
** leaving nres results. 0 on success; else the stack is restored and *err is set. */
int sbx_call(sbx *S, int nargs, int nres, char **err);

#endif
