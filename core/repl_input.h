/*
** repl_input.h: the terminal side of `spil repl` (internal to repl*.c): reading lines behind one
** seam, repl_readline (libedit on a terminal, with history and Tab completion; getline from a
** pipe), the history file, and Ctrl-C (cancels the line being typed, or interrupts the
** expression running).
*/
#ifndef SPIL_REPL_INPUT_H
#define SPIL_REPL_INPUT_H

#include <signal.h>
#include <stddef.h>

#include <lua.h>

struct editline;
struct history;

/* The candidates for completing the text before the cursor. */
typedef struct repl_completion {
    char **words; /* the candidates (malloc'd, as is the array) */
    size_t n;
    size_t from; /* byte offset in the line where the word being completed starts */
} repl_completion;

void repl_completion_free(repl_completion *c);

/* Fill *c (which it clears first) with the candidates for text[0..len): 0, or -1 when there
** are none to offer. ctx: as given to repl_input_start. */
typedef int (*repl_complete_fn)(void *ctx, const char *text, size_t len, repl_completion *c);

/* The input of one session. Its fields are repl_input.c's, except lineno (read it). */
typedef struct repl_input {
    int interactive;        /* stdin is a terminal: prompts, Ctrl-C */
    long lineno;            /* input lines read so far */
    struct editline *el;    /* line editing, when stdin and stdout are terminals */
    struct history *hist;   /* its history */
    char *histfile;         /* where the history is kept, or NULL */
    const char *prompt_now; /* what the prompt shows */
    repl_complete_fn complete;
    void *ctx;
    struct sigaction old_sigint;
} repl_input;

/* Start reading: when interactive, line editing (when stdout is a terminal too) and the Ctrl-C
** handler. complete(ctx, ...) answers Tab. */
void repl_input_start(repl_input *in, int interactive, repl_complete_fn complete, void *ctx);

/* Stop: the Ctrl-C handler as it was, the history saved, line editing ended. */
void repl_input_end(repl_input *in);

/* Whether lines are edited (libedit on a terminal). */
int repl_input_edits(const repl_input *in);

/* Read the next line after showing prompt (on a terminal) into *line (malloc'd, without its
** newline). 1: a line; 0: the end of input (Ctrl-D); -1: Ctrl-C cancelled the line. */
int repl_readline(repl_input *in, const char *prompt, char **line);

/* User code starts running in L: Ctrl-C interrupts it from now on (at once when Ctrl-C was
** pressed since the line was read). Only for an interactive session. */
void repl_running_start(lua_State *L);

/* Whether Ctrl-C was pressed while user code runs (for work outside Lua that the hook cannot
** stop, such as a query: it polls this). */
int repl_interrupted(void);

/* User code has returned: the sandbox's own hook back if Ctrl-C took it, and after a Ctrl-C the
** output on a fresh line (when interactive). */
void repl_running_stop(int interactive);

/* The terminal's width in columns, less one (100 when stdout is not a terminal). */
int repl_term_width(void);

#endif
