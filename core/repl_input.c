/*
** repl_input.c: the terminal side of the operator's Lua session (contract in repl_input.h; the
** loop, the sandbox and the natives are repl.c's).
**
** Owns: line input behind one seam, repl_readline (libedit on a terminal: history, Tab
** completion; getline from a pipe); the history file ($XDG_STATE_HOME/spil/history); the Tab
** key's glue (the candidates come from the session through a callback, the insertion and the
** listing are done here); SIGINT (Ctrl-C cancels the line being typed, or interrupts the
** expression running).
** Does not: run Lua code (the completion callback does, through the sandbox), print values.
** Invariants: the signal handler touches only sig_atomic_t flags and lua_sethook, which may be
** called from a signal handler.
*/
#include "repl_input.h"

#include <errno.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <wchar.h>

#include <histedit.h>
#include <lauxlib.h>

#define HISTORY_SIZE 2000
#define LIST_MAX     200 /* completions listed at most */

/* ---- Ctrl-C ---- */

static volatile sig_atomic_t sigint_seen; /* Ctrl-C since the flag was cleared */
static lua_State *volatile running;       /* the state evaluating user code, or NULL */
static volatile sig_atomic_t hook_taken;  /* on_sigint replaced running's hook */
static lua_Hook saved_hook;               /* the hook it replaced (the sandbox's count hook) */
static int saved_mask, saved_count;

/* Installed by on_sigint: raise at every instruction, call and return until the evaluation
** has unwound (so a pcall in user code cannot swallow it), as lua.c's lstop does. */
static void stop_hook(lua_State *L, lua_Debug *ar) {
    (void)ar;
    luaL_error(L, "interrupted");
}

/* Ctrl-C: while user code runs, stop it through a hook (lua_sethook may be called from a signal
** handler); while a line is read, read() fails with EINTR and the line is cancelled. */
static void on_sigint(int sig) {
    (void)sig;
    sigint_seen = 1;
    lua_State *L = running;
    if (L && !hook_taken) {
        saved_hook = lua_gethook(L);
        saved_mask = lua_gethookmask(L);
        saved_count = lua_gethookcount(L);
        hook_taken = 1;
        lua_sethook(L, stop_hook, LUA_MASKCALL | LUA_MASKRET | LUA_MASKCOUNT, 1);
    }
}

void repl_running_start(lua_State *L) {
    running = L;
    if (sigint_seen) on_sigint(SIGINT);
}

int repl_interrupted(void) {
    return running && sigint_seen;
}

void repl_running_stop(int interactive) {
    lua_State *L = running;
    running = NULL;
    if (L && hook_taken) {
        lua_sethook(L, saved_hook, saved_mask, saved_count);
        hook_taken = 0;
    }
    if (interactive && sigint_seen) {
        fputc('\n', stdout); /* after the ^C the terminal echoed */
        sigint_seen = 0;
    }
}

int repl_term_width(void) {
    struct winsize ws;
    if (isatty(1) && ioctl(1, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 40) return ws.ws_col - 1;
    return 100;
}

/* ---- reading lines: the seam ---- */

static char *prompt_fn(EditLine *el) {
    repl_input *in;
    el_get(el, EL_CLIENTDATA, &in);
    return (char *)in->prompt_now;
}

/* Read the next line after showing prompt (on a terminal) into *line (malloc'd, without its
** newline). 1: a line; 0: the end of input (Ctrl-D); -1: Ctrl-C cancelled the line. */
int repl_readline(repl_input *in, const char *prompt, char **line) {
    *line = NULL;
    sigint_seen = 0;
    if (in->el) {
        int n;
        in->prompt_now = prompt;
        const char *s = el_gets(in->el, &n);
        if (!s) {
            if (n < 0 && sigint_seen) {
                fputs("^C\n", stdout);
                fflush(stdout);
                return -1;
            }
            return 0;
        }
        size_t len = strlen(s);
        while (len && (s[len - 1] == '\n' || s[len - 1] == '\r'))
            len--;
        if (!(*line = malloc(len + 1))) return 0;
        memcpy(*line, s, len);
        (*line)[len] = '\0';
        if (len && in->hist) {
            HistEvent ev;
            history(in->hist, &ev, H_ENTER, *line);
            if (in->histfile) history(in->hist, &ev, H_SAVE, in->histfile); /* kept if killed */
        }
        in->lineno++;
        sigint_seen = 0; /* a Ctrl-C while Tab completion ran cancelled nothing */
        return 1;
    }
    if (in->interactive) { /* a terminal, with standard output elsewhere */
        fputs(prompt, stderr);
        fflush(stderr);
    }
    size_t cap = 0;
    ssize_t n = getline(line, &cap, stdin);
    if (n < 0) {
        free(*line);
        *line = NULL;
        if (in->interactive && sigint_seen) {
            clearerr(stdin);
            fputs("^C\n", stdout);
            return -1;
        }
        return 0;
    }
    while (n && ((*line)[n - 1] == '\n' || (*line)[n - 1] == '\r'))
        (*line)[--n] = '\0';
    in->lineno++;
    return 1;
}

/* ---- completion ---- */

void repl_completion_free(repl_completion *c) {
    for (size_t i = 0; i < c->n; i++)
        free(c->words[i]);
    free(c->words);
}

/* Characters (not bytes) in s[0..len). */
static int utf8_chars(const char *s, size_t len) {
    int n = 0;
    for (size_t i = 0; i < len; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

/* Print the candidates in columns under the line. */
static void list_words(const repl_completion *c) {
    size_t width = 0, cols = (size_t)repl_term_width();
    for (size_t i = 0; i < c->n && i < LIST_MAX; i++)
        if (strlen(c->words[i]) > width) width = strlen(c->words[i]);
    size_t per = cols / (width + 2) ? cols / (width + 2) : 1;
    fputc('\n', stdout);
    for (size_t i = 0; i < c->n && i < LIST_MAX; i++)
        printf("%-*s%s", (int)width, c->words[i],
               (i + 1) % per == 0 || i + 1 == c->n || i + 1 == LIST_MAX ? "\n" : "  ");
    if (c->n > LIST_MAX) printf("... and %zu more\n", c->n - LIST_MAX);
    fflush(stdout);
}

/* The Tab key: insert the completion when there is one, else what all candidates share, else
** list them. */
static unsigned char complete_key(EditLine *el, int ch) {
    (void)ch;
    repl_input *in;
    el_get(el, EL_CLIENTDATA, &in);
    const LineInfo *li = el_line(el);
    size_t len = (size_t)(li->cursor - li->buffer);
    char *text = malloc(len + 1);
    if (!text) return CC_ERROR;
    memcpy(text, li->buffer, len);
    text[len] = '\0';
    repl_completion c;
    if (in->complete(in->ctx, text, len, &c) || c.n == 0) {
        if (c.words) repl_completion_free(&c);
        free(text);
        return CC_REFRESH_BEEP;
    }
    const char *word = text + c.from;
    size_t wlen = len - c.from, common = strlen(c.words[0]);
    int prefixed = 1; /* every candidate starts with what was typed */
    for (size_t i = 0; i < c.n; i++) {
        size_t k = 0;
        while (k < common && c.words[i][k] == c.words[0][k])
            k++;
        common = k;
        if (strncmp(c.words[i], word, wlen) != 0) prefixed = 0;
    }
    while (common > 0 && ((unsigned char)c.words[0][common] & 0xC0) == 0x80)
        common--; /* not in the middle of a character */
    unsigned char ret = CC_REFRESH;
    if (c.n == 1 || (prefixed && common > wlen)) {
        char *ins = strndup(c.words[0], c.n == 1 ? strlen(c.words[0]) : common);
        if (ins) {
            el_deletestr(el, utf8_chars(word, wlen));
            el_insertstr(el, ins);
            free(ins);
        }
    } else {
        list_words(&c);
        ret = CC_REDISPLAY;
    }
    repl_completion_free(&c);
    free(text);
    return ret;
}

/* ---- history ---- */

/* mkdir -p path (mode 0700 for what it creates). 0 or -1. */
static int make_dirs(char *path) {
    for (char *p = path + 1;; p++) {
        if (*p != '/' && *p != '\0') continue;
        char c = *p;
        *p = '\0';
        int bad = mkdir(path, 0700) != 0 && errno != EEXIST;
        *p = c;
        if (bad) return -1;
        if (!c) return 0;
    }
}

/* $XDG_STATE_HOME/spil/history, else ~/.local/state/spil/history; NULL when neither is known
** or the folder cannot be made. */
static char *history_path(void) {
    const char *state = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
    char dir[4096];
    if (state && state[0] == '/')
        snprintf(dir, sizeof dir, "%s/spil", state);
    else if (home && home[0] == '/')
        snprintf(dir, sizeof dir, "%s/.local/state/spil", home);
    else
        return NULL;
    if (make_dirs(dir)) return NULL;
    size_t n = strlen(dir) + sizeof "/history";
    char *path = malloc(n);
    if (path) snprintf(path, n, "%s/history", dir);
    return path;
}

static void editing_start(repl_input *in) {
    setlocale(LC_CTYPE, ""); /* libedit reads the terminal's characters in its locale */
    if (!(in->el = el_init("spil", stdin, stdout, stderr))) return;
    in->hist = history_init();
    HistEvent ev;
    if (in->hist) {
        history(in->hist, &ev, H_SETSIZE, HISTORY_SIZE);
        history(in->hist, &ev, H_SETUNIQUE, 1);
        if ((in->histfile = history_path())) history(in->hist, &ev, H_LOAD, in->histfile);
        el_set(in->el, EL_HIST, history, in->hist);
    }
    el_set(in->el, EL_CLIENTDATA, in);
    el_set(in->el, EL_PROMPT, prompt_fn);
    el_set(in->el, EL_EDITOR, "emacs");
    /* The wide call keeps our (static) strings; el_set's narrow one copies them and leaks. */
    el_wset(in->el, EL_ADDFN, L"spil-complete", L"complete names, fields and ids in the data",
            complete_key);
    el_set(in->el, EL_BIND, "^I", "spil-complete", NULL);
    el_source(in->el, NULL); /* the user's ~/.editrc */
}

static void editing_end(repl_input *in) {
    HistEvent ev;
    if (in->hist && in->histfile) history(in->hist, &ev, H_SAVE, in->histfile);
    if (in->el) el_end(in->el);
    if (in->hist) history_end(in->hist);
    free(in->histfile);
}

/* ---- start and end ---- */

void repl_input_start(repl_input *in, int interactive, repl_complete_fn complete, void *ctx) {
    memset(in, 0, sizeof *in);
    in->interactive = interactive;
    in->complete = complete;
    in->ctx = ctx;
    if (!interactive) return;
    if (isatty(1)) editing_start(in);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigint; /* no SA_RESTART: a read in progress fails with EINTR */
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, &in->old_sigint);
}

void repl_input_end(repl_input *in) {
    if (!in->interactive) return;
    sigaction(SIGINT, &in->old_sigint, NULL);
    editing_end(in);
}

int repl_input_edits(const repl_input *in) {
    return in->el != NULL;
}
