/*
** repl_session.h: the state of one operator's Lua session (internal to repl.c, which owns it,
** and repl_natives.c, whose trusted natives read and change it).
*/
#ifndef SPIL_REPL_SESSION_H
#define SPIL_REPL_SESSION_H

#include <lauxlib.h>

#include "repl_input.h"
#include "sbx.h"
#include "store.h"

typedef struct repl {
    store *st;
    const char *cmd; /* "repl" or "run" */
    char *region;    /* the selected region (outlives S: the sbx keeps the pointer), or NULL */
    char *pending;   /* use() asked for this region: switched to after the statement */
    sbx *S;
    struct rt *rt; /* the region's runtime, which S's scripts come from (outlives S) */
    /* In S's registry: the session's globals, its private functions (complete, banner) and
    ** spil.repl.show. */
    int env_ref, priv_ref, show_ref;
    int run;             /* spil run: a script, no use() */
    int interactive;     /* stdin is a terminal: prompts, and errors do not end the session */
    int in_tx;           /* begin() was called and not yet committed or rolled back */
    int quit, exit_code; /* exit() was called */
    repl_input in;       /* the terminal side: lines, history, Ctrl-C */
    char prompt[200];
} repl;

/* The trusted natives (print, sql, regions, begin, commit, rollback, use, exit, record), for
** luaL_setfuncs with the session (a light userdata) as their one upvalue. */
extern const luaL_Reg repl_natives[];

#endif
