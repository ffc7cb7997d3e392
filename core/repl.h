/*
** repl.h: the operator's Lua session: `spil repl [REGION]` (read-eval-print) and
** `spil run [REGION] SCRIPT.lua [ARGS]` (one script), both in a sandbox over the store (sbx.h)
** with the region's scripts run, the helpers of stdlib/spil/repl.lua and the trusted extras
** (read-only sql(), begin/commit/rollback). See docs/repl.md.
*/
#ifndef SPIL_REPL_H
#define SPIL_REPL_H

struct store;

typedef struct repl_config {
    struct store *st;   /* the open database */
    const char *region; /* the region selected at the start (it must exist), or NULL */
    const char *cmd;    /* the command, for messages: "repl" or "run" */
} repl_config;

/* Read, evaluate and print from standard input until its end (Ctrl-D) or exit(). On a terminal:
** prompts, line editing, history, Tab completion, Ctrl-C cancels the line or interrupts the
** running expression, and an error leaves the session open. From a pipe: the same loop without
** prompts, stopping at the first error. Returns the exit code (SPIL_EXIT_*). */
int repl_main(const repl_config *c);

/* Run the Lua file script in a session like the REPL's, with `arg` (arg[0] the script) and `...`
** set from args. Returns the exit code: 0, exit()'s code, or SPIL_EXIT_USAGE after an error. */
int repl_run(const repl_config *c, const char *script, int nargs, const char *const *args);

#endif
