/*
** repl.c: the operator's Lua session (contract in repl.h, user's guide in docs/repl.md), after
** the REPL of Lua's own lua.c.
**
** Owns: line input behind one seam, repl_readline (libedit on a terminal: history, Tab
** completion; getline from a pipe); SIGINT (Ctrl-C cancels the line being typed, or interrupts
** the expression running); the loop (compile `return <line>;` first, else the line as a
** statement, and read continuation lines while the compiler's message ends in '<eof>'); the
** session's sandbox, an sbx over the store rebuilt after a limit stopped it or use() switched
** region; and the trusted natives that region code never gets (print to stdout, sql, begin,
** commit, rollback, regions, use, exit).
** Does not: format values, complete names or write help (spil.repl in Lua does, in the sandbox,
** under its limits); change data (the validated operations of the CLI come in another issue).
** Invariants: user code and the Lua helpers run only through sbx_call; outside it nothing that
** allocates touches the Lua state (a memory error there would be a panic), so strings reach Lua
** through small protected C functions (the *_lua below); a Lua error never unwinds through
** the store's callbacks (rows are collected in C, then turned into tables).
*/
#include "repl.h"

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

#include "cli.h"
#include "out.h"
#include "record.h"
#include "region.h"
#include "sbx.h"
#include "store.h"

#define PROMPT2      ">> "
#define EOFMARK      "<eof>"
#define HISTORY_SIZE 2000
#define SQL_MAX      (32u * 1024 * 1024) /* bytes of query results collected before refusing */
#define LIST_MAX     200                 /* completions listed at most */
#define CANCELLED    (-1)                /* read_statement: Ctrl-C cancelled the statement */
#define NO_MEMORY    (-2)                /* read_statement: out of memory in C */

typedef struct repl {
    store *st;
    const char *cmd; /* "repl" or "run" */
    char *region;    /* the selected region (outlives S: the sbx keeps the pointer), or NULL */
    char *pending;   /* use() asked for this region: switched to after the statement */
    sbx *S;
    /* In S's registry: the session's globals, its private functions (complete, banner) and
    ** spil.repl.show. */
    int env_ref, priv_ref, show_ref;
    int run;             /* spil run: a script, no use() */
    int interactive;     /* stdin is a terminal: prompts, and errors do not end the session */
    int in_tx;           /* begin() was called and not yet committed or rolled back */
    int quit, exit_code; /* exit() was called */
    long lineno;         /* input lines read so far */
    EditLine *el;        /* line editing, when stdin and stdout are terminals */
    History *hist;
    char *histfile;         /* where the history is kept, or NULL */
    const char *prompt_now; /* what prompt_fn shows */
    char prompt[200];
} repl;

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

/* User code is about to run. A Ctrl-C since the line was read (while it compiled) stops it at
** once: the user asked for that before it started. */
static void start_running(repl *R) {
    if (!R->interactive) return;
    running = sbx_state(R->S);
    if (sigint_seen) on_sigint(SIGINT);
}

/* User code has returned: give the sandbox its own hook back, if Ctrl-C took it. */
static void stop_running(repl *R) {
    lua_State *L = running;
    running = NULL;
    if (L && hook_taken) {
        lua_sethook(L, saved_hook, saved_mask, saved_count);
        hook_taken = 0;
    }
    if (R->interactive && sigint_seen) {
        fputc('\n', stdout); /* after the ^C the terminal echoed */
        sigint_seen = 0;
    }
}

/* ---- messages ---- */

/* An error: as it is on a terminal (like lua's REPL), after "spil: CMD: " otherwise. */
static void report(repl *R, const char *msg) {
    fflush(stdout);
    if (R->interactive)
        fprintf(stderr, "%s\n", msg);
    else
        fprintf(stderr, "spil: %s: %s\n", R->cmd, msg);
    fflush(stderr);
}

/* Does message m start with a location ("file:12: ")? */
static int located(const char *m) {
    for (; *m && *m != '\n' && *m != ' '; m++) {
        if (*m != ':' || m[1] < '0' || m[1] > '9') continue;
        const char *d = m + 1 + strspn(m + 1, "0123456789");
        if (d[0] == ':' && d[1] == ' ') return 1;
    }
    return 0;
}

/* An error of the statement read from input line first: where the message does not say where
** (an error raised at level 2 by a function called in tail position, `return f()`, loses its
** caller's line), say at least which statement. */
static void report_at(repl *R, long first, const char *msg) {
    if (located(msg) || strncmp(msg, "stdin:", 6) == 0) {
        report(R, msg);
        return;
    }
    size_t n = strlen(msg) + 32;
    char *m = malloc(n);
    if (m) snprintf(m, n, "stdin:%ld: %s", first, msg);
    report(R, m ? m : msg);
    free(m);
}

/* ---- protected calls into the sandbox ---- */

/* Call f(ud) through the sandbox's one door, leaving nres results. 0, or an error in *err. */
static int protect(repl *R, lua_CFunction f, void *ud, int nres, char **err) {
    lua_State *L = sbx_state(R->S);
    if (!lua_checkstack(L, 3)) {
        *err = strdup("Lua stack overflow");
        return -1;
    }
    lua_pushcfunction(L, f);
    lua_pushlightuserdata(L, ud);
    return sbx_call(R->S, 1, nres, err);
}

static int nop(lua_State *L) {
    (void)L;
    return 0;
}

/* Whether the sandbox still runs code: after a limit it refuses every call. */
static int alive(repl *R) {
    lua_State *L = sbx_state(R->S);
    if (!lua_checkstack(L, 1)) return 0;
    lua_pushcfunction(L, nop);
    return sbx_call(R->S, 0, 0, NULL) == 0;
}

typedef struct private_call {
    repl *R;
    const char *fn;   /* a private function of the session */
    const char *text; /* its argument, or NULL for none */
    size_t len;
    int nres;
} private_call;

/* Protected: the session's private fn([text]). */
static int private_lua(lua_State *L) {
    private_call *c = lua_touserdata(L, 1);
    lua_rawgeti(L, LUA_REGISTRYINDEX, c->R->priv_ref);
    lua_getfield(L, -1, c->fn);
    if (c->text) lua_pushlstring(L, c->text, c->len);
    lua_call(L, c->text ? 1 : 0, c->nres);
    return c->nres;
}

/* Print what the session's private fn() returns, when it is a string. */
static void print_private(repl *R, const char *fn) {
    private_call c = {R, fn, NULL, 0, 1};
    char *err = NULL;
    if (protect(R, private_lua, &c, 1, &err) == 0) {
        lua_State *L = sbx_state(R->S);
        if (lua_type(L, -1) == LUA_TSTRING) printf("%s\n", lua_tostring(L, -1));
        lua_pop(L, 1);
        fflush(stdout);
    } else {
        report(R, err);
    }
    free(err);
}

/* ---- the trusted natives ---- */

static repl *owner(lua_State *L) {
    return lua_touserdata(L, lua_upvalueindex(1));
}

/* print, as Lua's, to stdout (region code's print writes to stderr). */
static int n_print(lua_State *L) {
    int n = lua_gettop(L);
    for (int i = 1; i <= n; i++) {
        size_t len;
        const char *s = luaL_tolstring(L, i, &len);
        if (i > 1) fputc('\t', stdout);
        fwrite(s, 1, len, stdout);
        lua_pop(L, 1);
    }
    fputc('\n', stdout);
    fflush(stdout);
    return 0;
}

/* Rows collected in C from the store, for turning into Lua tables once the query is done. It
** lives in a userdata whose __gc frees it, so a memory error while building the tables
** leaks nothing. */
typedef struct grid {
    int ncols;
    char **names;  /* ncols column names */
    char **cells;  /* n * ncols values; NULL for SQL NULL */
    size_t n, cap; /* rows held, rows room */
    size_t bytes;  /* text held */
    int failed;    /* 1: out of memory, 2: more than SQL_MAX bytes */
} grid;

static void grid_clear(grid *g) {
    for (size_t i = 0; i < g->n * (size_t)g->ncols; i++)
        free(g->cells[i]);
    for (int i = 0; g->names && i < g->ncols; i++)
        free(g->names[i]);
    free(g->cells);
    free(g->names);
    memset(g, 0, sizeof *g);
}

static int grid_gc(lua_State *L) {
    grid_clear(lua_touserdata(L, 1));
    return 0;
}

static grid *grid_new(lua_State *L) {
    grid *g = lua_newuserdatauv(L, sizeof *g, 0);
    memset(g, 0, sizeof *g);
    if (luaL_newmetatable(L, "spil.repl.grid")) {
        lua_pushcfunction(L, grid_gc);
        lua_setfield(L, -2, "__gc");
    }
    lua_setmetatable(L, -2);
    return g;
}

static char *dup_or_fail(grid *g, const char *s) {
    if (!s) return NULL;
    g->bytes += strlen(s) + 1;
    char *d = strdup(s);
    if (!d) g->failed = 1;
    return d;
}

static int grid_names(grid *g, const char *const *names, int n) {
    if (!(g->names = calloc((size_t)n ? (size_t)n : 1, sizeof *g->names))) return g->failed = 1;
    g->ncols = n;
    for (int i = 0; i < n; i++)
        g->names[i] = dup_or_fail(g, names[i] ? names[i] : "?");
    return g->failed;
}

static int grid_add(grid *g, const char *const *vals, int n) {
    if (g->n == g->cap) {
        size_t cap = g->cap ? 2 * g->cap : 64;
        char **cells = realloc(g->cells, cap * (size_t)g->ncols * sizeof *cells + 1);
        if (!cells) return g->failed = 1;
        g->cells = cells;
        g->cap = cap;
    }
    for (int i = 0; i < g->ncols; i++)
        g->cells[g->n * (size_t)g->ncols + (size_t)i] = i < n ? dup_or_fail(g, vals[i]) : NULL;
    g->n++;
    g->bytes += (size_t)g->ncols * sizeof *g->cells;
    if (!g->failed && g->bytes > SQL_MAX) g->failed = 2;
    return g->failed;
}

static int sql_row(void *ctx, int header, const char *const *vals, int n) {
    return header ? grid_names(ctx, vals, n) : grid_add(ctx, vals, n);
}

static int region_row(void *ctx, const char *const *vals, int n) {
    return grid_add(ctx, vals, n < 2 ? n : 2);
}

/* Push the rows of g as a list of tables keyed by column name (NULL: the key is absent). */
static void push_grid(lua_State *L, const grid *g) {
    lua_createtable(L, g->n > 1000000 ? 1000000 : (int)g->n, 0);
    for (size_t r = 0; r < g->n; r++) {
        lua_createtable(L, 0, g->ncols);
        for (int c = 0; c < g->ncols; c++) {
            const char *v = g->cells[r * (size_t)g->ncols + (size_t)c];
            if (!v) continue;
            lua_pushstring(L, v);
            lua_setfield(L, -2, g->names[c]);
        }
        lua_rawseti(L, -2, (lua_Integer)r + 1);
    }
}

/* sql(query) -> rows, columns; or nil, message when the store refuses (spil.repl raises it at
** the caller's line). */
static int n_sql(lua_State *L) {
    repl *R = owner(L);
    const char *q = luaL_checkstring(L, 1);
    grid *g = grid_new(L);
    int bad = store_sql_readonly(R->st, q, sql_row, g);
    if (bad || g->failed) {
        lua_pushnil(L);
        if (g->failed == 2)
            lua_pushfstring(L, "sql: the result is larger than %d MiB; add a LIMIT",
                            (int)(SQL_MAX >> 20));
        else
            lua_pushstring(L, g->failed ? "sql: out of memory" : store_errmsg(R->st));
        grid_clear(g);
        return 2;
    }
    push_grid(L, g);
    lua_createtable(L, g->ncols, 0);
    for (int c = 0; c < g->ncols; c++) {
        lua_pushstring(L, g->names[c]);
        lua_rawseti(L, -2, c + 1);
    }
    grid_clear(g);
    return 2;
}

/* regions() -> { {id =, name =}, ... } */
static int n_regions(lua_State *L) {
    repl *R = owner(L);
    grid *g = grid_new(L);
    const char *names[] = {"id", "name"};
    if (grid_names(g, names, 2) || store_regions(R->st, region_row, g) || g->failed) {
        grid_clear(g);
        return luaL_error(L, "regions: %s", g->failed ? "out of memory" : store_errmsg(R->st));
    }
    push_grid(L, g);
    grid_clear(g);
    return 1;
}

static int n_begin(lua_State *L) {
    repl *R = owner(L);
    if (R->in_tx) return luaL_error(L, "a transaction is already open: commit() or rollback()");
    if (store_begin(R->st)) return luaL_error(L, "begin: %s", store_errmsg(R->st));
    R->in_tx = 1;
    return 0;
}

static int end_tx(lua_State *L, int commit) {
    repl *R = owner(L);
    if (!R->in_tx) return luaL_error(L, "no transaction is open (begin() opens one)");
    if (commit ? store_commit(R->st) : store_rollback(R->st))
        return luaL_error(L, "%s: %s", commit ? "commit" : "rollback", store_errmsg(R->st));
    R->in_tx = 0;
    return 0;
}

static int n_commit(lua_State *L) {
    return end_tx(L, 1);
}

static int n_rollback(lua_State *L) {
    return end_tx(L, 0);
}

/* record(command, rows [, reason]): the validated, logged recording of the CLI (record.c), for
** sign(), assign(), fund() and decide() in spil.repl. rows: { {table = "agreement_party",
** field = "text", ...}, ... }. Inside begin() it joins that transaction; else it commits at once.
** Prints what changed; returns the number of changed rows. */
static int n_record(lua_State *L) {
    repl *R = owner(L);
    const char *command = luaL_checkstring(L, 1);
    luaL_checktype(L, 2, LUA_TTABLE);
    const char *reason = luaL_optstring(L, 3, NULL);
    if (!R->region) return luaL_error(L, "%s needs a region: select one with use(\"id\")", command);
    record_row rows[8];
    int nrows = (int)lua_rawlen(L, 2);
    if (nrows < 1 || nrows > 8) return luaL_error(L, "%s: 1 to 8 rows", command);
    for (int i = 0; i < nrows; i++) {
        memset(&rows[i], 0, sizeof rows[i]);
        lua_rawgeti(L, 2, i + 1);
        if (!lua_istable(L, -1)) return luaL_error(L, "%s: row %d is not a table", command, i + 1);
        lua_pushnil(L);
        while (lua_next(L, -2)) {
            /* Keys and values stay alive in the row tables, which argument 2 anchors. */
            if (lua_type(L, -2) != LUA_TSTRING || lua_type(L, -1) != LUA_TSTRING)
                return luaL_error(L, "%s: row fields must be text", command);
            const char *k = lua_tostring(L, -2);
            if (strcmp(k, "table") == 0)
                rows[i].table = lua_tostring(L, -1);
            else if (strncmp(k, "default.", 8) == 0) /* only for a row the region lacks */
                record_field(&rows[i], k + 8, NULL, lua_tostring(L, -1));
            else
                record_field(&rows[i], k, lua_tostring(L, -1), NULL);
            lua_pop(L, 1);
        }
        lua_pop(L, 1);
        if (!rows[i].table) return luaL_error(L, "%s: row %d has no table", command, i + 1);
    }
    int own_tx = !R->in_tx;
    if (own_tx && store_begin(R->st)) return luaL_error(L, "%s: %s", command, store_errmsg(R->st));
    diag *d = diag_new();
    record_result res;
    int r =
        record_apply(R->st, R->region, command, rows, nrows, cli_actor(), command, reason, d, &res);
    int lost_tx = 0;
    if (r == -1 || (r == 0 && own_tx && store_commit(R->st))) {
        store_rollback(R->st);
        lost_tx = !own_tx;
        R->in_tx = 0;
        r = -1;
    } else if (r == 1 && own_tx) {
        store_rollback(R->st);
    }
    /* Messages into a Lua string before anything can raise; then free the C side. */
    char *text = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&text, &len);
    if (mem) {
        if (r == 1) diag_print(d, mem, 0);
        if (r == -1)
            fprintf(mem, "%s: storage error: %s%s", command, store_errmsg(R->st),
                    lost_tx ? " (the open transaction was rolled back)" : "");
        fclose(mem);
    }
    if (r == 0) diff_print(&res.ch, stdout, out_color(stdout));
    int n = (int)res.ch.n;
    record_done(&res);
    diag_free(d);
    if (r != 0) {
        lua_pushstring(L, text ? text : "recording failed");
        free(text);
        size_t l;
        const char *msg = lua_tolstring(L, -1, &l);
        if (l && msg[l - 1] == '\n') lua_pushlstring(L, msg, l - 1);
        return lua_error(L);
    }
    free(text);
    lua_pushinteger(L, n);
    return 1;
}

/* use(id): switch to region id once the statement is done (its sandbox ends with it). */
static int n_use(lua_State *L) {
    repl *R = owner(L);
    const char *id = luaL_checkstring(L, 1);
    if (R->run)
        return luaL_error(L, "use() switches the REPL's region; a script names its region on the "
                             "command line: spil run REGION SCRIPT.lua");
    if (R->in_tx)
        return luaL_error(L, "use() is refused while a transaction is open: commit() or "
                             "rollback() first");
    int found = store_region_exists(R->st, id);
    if (found < 0) return luaL_error(L, "use: %s", store_errmsg(R->st));
    if (!found) return luaL_error(L, "no region '%s' in the database (regions() lists them)", id);
    char *p = strdup(id);
    if (!p) return luaL_error(L, "out of memory");
    free(R->pending);
    R->pending = p;
    return 0;
}

/* exit([code]): end the session once the statement unwinds (raised, so nothing after it runs). */
static int n_exit(lua_State *L) {
    repl *R = owner(L);
    lua_Integer code = luaL_optinteger(L, 1, 0);
    luaL_argcheck(L, code >= 0 && code <= 255, 1, "an exit code from 0 to 255 expected");
    R->quit = 1;
    R->exit_code = (int)code;
    lua_pushliteral(L, "exit");
    return lua_error(L);
}

static const luaL_Reg natives[] = {{"print", n_print},     {"sql", n_sql},
                                   {"regions", n_regions}, {"begin", n_begin},
                                   {"commit", n_commit},   {"rollback", n_rollback},
                                   {"use", n_use},         {"exit", n_exit},
                                   {"record", n_record},   {NULL, NULL}};

/* ---- the session's sandbox ---- */

static int term_width(void) {
    struct winsize ws;
    if (isatty(1) && ioctl(1, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 40) return ws.ws_col - 1;
    return 100;
}

/* Protected: load spil.repl, make the session, keep its globals, its private functions and
** spil.repl.show in the registry. */
static int setup_lua(lua_State *L) {
    repl *R = lua_touserdata(L, 1);
    lua_getglobal(L, "require");
    lua_pushliteral(L, "spil.repl");
    lua_call(L, 1, 1);
    int mod = lua_gettop(L);
    lua_getfield(L, mod, "session");
    lua_newtable(L);
    lua_pushlightuserdata(L, R);
    luaL_setfuncs(L, natives, 1);
    lua_createtable(L, 0, 4);
    if (R->region) {
        lua_pushstring(L, R->region);
        lua_setfield(L, -2, "region");
    }
    lua_pushstring(L, R->run ? "run" : "repl");
    lua_setfield(L, -2, "mode");
    char now[32];
    lua_pushlstring(L, out_now(now), 10);
    lua_setfield(L, -2, "today");
    lua_pushinteger(L, term_width());
    lua_setfield(L, -2, "width");
    lua_call(L, 2, 2);
    if (!lua_istable(L, -2) || !lua_istable(L, -1))
        return luaL_error(L, "spil.repl.session did not return two tables");
    R->priv_ref = luaL_ref(L, LUA_REGISTRYINDEX);
    R->env_ref = luaL_ref(L, LUA_REGISTRYINDEX);
    lua_getfield(L, mod, "show");
    R->show_ref = luaL_ref(L, LUA_REGISTRYINDEX);
    return 0;
}

/* Make the session for region (NULL: none) and switch to it; the old one stays when that
** fails. 0, or -1 with *err set. */
static int session_open(repl *R, const char *region, char **err) {
    char *id = region ? strdup(region) : NULL;
    if (region && !id) {
        *err = strdup("out of memory");
        return -1;
    }
    sbx *S = id ? region_lua(R->st, id, id, err) : sbx_new(R->st, "", ".", NULL, err);
    if (!S) {
        free(id);
        if (!*err) *err = strdup("out of memory");
        return -1;
    }
    repl old = *R;
    R->S = S;
    R->region = id;
    if (protect(R, setup_lua, R, 0, err)) {
        sbx_free(S);
        free(id);
        R->S = old.S;
        R->region = old.region;
        R->env_ref = old.env_ref;
        R->priv_ref = old.priv_ref;
        R->show_ref = old.show_ref;
        return -1;
    }
    sbx_free(old.S);
    free(old.region);
    return 0;
}

/* ---- reading lines: the seam ---- */

static char *prompt_fn(EditLine *el) {
    repl *R;
    el_get(el, EL_CLIENTDATA, &R);
    return (char *)R->prompt_now;
}

/* Read the next line after showing prompt (on a terminal) into *line (malloc'd, without its
** newline). 1: a line; 0: the end of input (Ctrl-D); -1: Ctrl-C cancelled the line. */
static int repl_readline(repl *R, const char *prompt, char **line) {
    *line = NULL;
    sigint_seen = 0;
    if (R->el) {
        int n;
        R->prompt_now = prompt;
        const char *s = el_gets(R->el, &n);
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
        if (len && R->hist) {
            HistEvent ev;
            history(R->hist, &ev, H_ENTER, *line);
            if (R->histfile) history(R->hist, &ev, H_SAVE, R->histfile); /* kept if killed */
        }
        R->lineno++;
        sigint_seen = 0; /* a Ctrl-C while Tab completion ran cancelled nothing */
        return 1;
    }
    if (R->interactive) { /* a terminal, with standard output elsewhere */
        fputs(prompt, stderr);
        fflush(stderr);
    }
    size_t cap = 0;
    ssize_t n = getline(line, &cap, stdin);
    if (n < 0) {
        free(*line);
        *line = NULL;
        if (R->interactive && sigint_seen) {
            clearerr(stdin);
            fputs("^C\n", stdout);
            return -1;
        }
        return 0;
    }
    while (n && ((*line)[n - 1] == '\n' || (*line)[n - 1] == '\r'))
        (*line)[--n] = '\0';
    R->lineno++;
    return 1;
}

/* ---- completion ---- */

typedef struct completion {
    char **words; /* the candidates */
    size_t n;
    size_t from; /* byte offset in the line where the word being completed starts */
} completion;

static void completion_free(completion *c) {
    for (size_t i = 0; i < c->n; i++)
        free(c->words[i]);
    free(c->words);
}

/* Ask the session (spil.repl.complete) for the candidates for the text before the cursor. */
static int complete_text(repl *R, const char *text, size_t len, completion *c) {
    private_call pc = {R, "complete", text, len, 2};
    char *err = NULL;
    memset(c, 0, sizeof *c);
    if (protect(R, private_lua, &pc, 2, &err)) {
        free(err); /* nothing to complete, and no place to say why in the middle of a line */
        return -1;
    }
    lua_State *L = sbx_state(R->S);
    lua_Integer from = lua_tointeger(L, -1);
    size_t n = lua_istable(L, -2) ? lua_rawlen(L, -2) : 0;
    c->from = from >= 0 && (size_t)from <= len ? (size_t)from : len;
    c->words = calloc(n ? n : 1, sizeof *c->words);
    for (size_t i = 0; c->words && i < n; i++) {
        lua_rawgeti(L, -2, (lua_Integer)i + 1);
        if (lua_type(L, -1) == LUA_TSTRING && (c->words[c->n] = strdup(lua_tostring(L, -1))))
            c->n++;
        lua_pop(L, 1);
    }
    lua_pop(L, 2);
    return c->words ? 0 : -1;
}

/* Characters (not bytes) in s[0..len). */
static int utf8_chars(const char *s, size_t len) {
    int n = 0;
    for (size_t i = 0; i < len; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

/* Print the candidates in columns under the line. */
static void list_words(const completion *c) {
    size_t width = 0, cols = (size_t)term_width();
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
    repl *R;
    el_get(el, EL_CLIENTDATA, &R);
    const LineInfo *li = el_line(el);
    size_t len = (size_t)(li->cursor - li->buffer);
    char *text = malloc(len + 1);
    if (!text) return CC_ERROR;
    memcpy(text, li->buffer, len);
    text[len] = '\0';
    completion c;
    if (complete_text(R, text, len, &c) || c.n == 0) {
        if (c.words) completion_free(&c);
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
    completion_free(&c);
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

static void editing_start(repl *R) {
    setlocale(LC_CTYPE, ""); /* libedit reads the terminal's characters in its locale */
    if (!(R->el = el_init("spil", stdin, stdout, stderr))) return;
    R->hist = history_init();
    HistEvent ev;
    if (R->hist) {
        history(R->hist, &ev, H_SETSIZE, HISTORY_SIZE);
        history(R->hist, &ev, H_SETUNIQUE, 1);
        if ((R->histfile = history_path())) history(R->hist, &ev, H_LOAD, R->histfile);
        el_set(R->el, EL_HIST, history, R->hist);
    }
    el_set(R->el, EL_CLIENTDATA, R);
    el_set(R->el, EL_PROMPT, prompt_fn);
    el_set(R->el, EL_EDITOR, "emacs");
    /* The wide call keeps our (static) strings; el_set's narrow one copies them and leaks. */
    el_wset(R->el, EL_ADDFN, L"spil-complete", L"complete names, fields and ids in the data",
            complete_key);
    el_set(R->el, EL_BIND, "^I", "spil-complete", NULL);
    el_source(R->el, NULL); /* the user's ~/.editrc */
}

static void editing_end(repl *R) {
    HistEvent ev;
    if (R->hist && R->histfile) history(R->hist, &ev, H_SAVE, R->histfile);
    if (R->el) el_end(R->el);
    if (R->hist) history_end(R->hist);
    free(R->histfile);
}

/* ---- read, evaluate, print ---- */

/* Compile pad + pre + text + post as chunk "=stdin", where pad puts text on input line first
** (so messages name the line it was read on). Leaves the function or the message. */
static int compile(repl *R, const char *pre, const char *text, const char *post, long first) {
    lua_State *L = sbx_state(R->S);
    size_t pad = first > 1 ? (size_t)(first - 1) : 0;
    size_t lp = strlen(pre), lt = strlen(text), lq = strlen(post);
    char *src = malloc(pad + lp + lt + lq + 1);
    if (!src || !lua_checkstack(L, 4)) {
        free(src);
        return NO_MEMORY;
    }
    memset(src, '\n', pad);
    memcpy(src + pad, pre, lp);
    memcpy(src + pad + lp, text, lt);
    memcpy(src + pad + lp + lt, post, lq);
    int status = luaL_loadbufferx(L, src, pad + lp + lt + lq, "=stdin", "t");
    free(src);
    return status;
}

/* Is the syntax error on the stack about input ending too soon (as lua.c decides)? */
static int incomplete(lua_State *L, int status) {
    size_t len;
    const char *msg = lua_tolstring(L, -1, &len);
    return status == LUA_ERRSYNTAX && msg && len >= sizeof EOFMARK - 1 &&
           strcmp(msg + len - (sizeof EOFMARK - 1), EOFMARK) == 0;
}

/* Whether a statement's syntax error says the line cannot start a statement at all
** ("unexpected symbol near '1'" for `1 +* 2`): then the line was meant as an expression, and
** the error of `return <line>;` tells what is wrong with it. */
static int not_a_statement(const char *msg, const char *line) {
    const char *near = msg ? strstr(msg, "unexpected symbol near '") : NULL;
    if (!near) return 0;
    near += strlen("unexpected symbol near '");
    size_t n = strlen(near);
    line += strspn(line, " \t");
    return n > 1 && near[n - 1] == '\'' && strncmp(line, near, n - 1) == 0;
}

/* Compile the statement starting with line (read as input line first): as an expression, else
** as a statement, with continuation lines while it is incomplete. Leaves the function and
** returns LUA_OK; or leaves the message and returns a load status; or returns CANCELLED or
** NO_MEMORY, leaving nothing. Takes line. */
static int read_statement(repl *R, char *line, long first) {
    lua_State *L = sbx_state(R->S);
    int status = compile(R, "return ", line, ";", first);
    if (status != LUA_ERRSYNTAX) {
        free(line);
        return status;
    }
    int expr_msg = lua_gettop(L); /* kept until the statement's fate is known */
    for (;;) {
        status = compile(R, "", line, "", first);
        if (status < 0 || !incomplete(L, status)) break;
        char *more;
        int got = repl_readline(R, PROMPT2, &more);
        if (got == 0) break; /* the end of input: report the incomplete statement */
        lua_pop(L, 1);
        if (got < 0) {
            status = CANCELLED;
            break;
        }
        size_t a = strlen(line), b = strlen(more);
        char *joined = realloc(line, a + b + 2);
        if (!joined) {
            free(more);
            status = NO_MEMORY;
            break;
        }
        line = joined;
        line[a] = '\n';
        memcpy(line + a + 1, more, b + 1);
        free(more);
    }
    if (status < 0)
        lua_settop(L, expr_msg - 1);
    else if (status == LUA_ERRSYNTAX && not_a_statement(lua_tostring(L, -1), line))
        lua_pop(L, 1); /* the expression's message stays */
    else
        lua_remove(L, expr_msg);
    free(line);
    return status;
}

/* Run the function on the stack in the session's globals and print what it returns, with
** spil.repl.show. 0, or -1 after reporting the error. */
static int evaluate(repl *R, long first) {
    lua_State *L = sbx_state(R->S);
    int base = lua_gettop(L) - 1;
    char *err = NULL;
    lua_rawgeti(L, LUA_REGISTRYINDEX, R->env_ref);
    lua_setupvalue(L, -2, 1); /* a main chunk's one upvalue is _ENV */
    lua_rawgeti(L, LUA_REGISTRYINDEX, R->show_ref);
    lua_insert(L, -2);
    start_running(R);
    int status = sbx_call(R->S, 0, LUA_MULTRET, &err); /* show, the results */
    if (status == 0) status = sbx_call(R->S, lua_gettop(L) - base - 1, 1, &err);
    stop_running(R);
    if (status == 0 && lua_type(L, -1) == LUA_TSTRING) {
        size_t len;
        const char *s = lua_tolstring(L, -1, &len);
        fwrite(s, 1, len, stdout);
        fputc('\n', stdout);
        fflush(stdout);
    }
    lua_settop(L, base);
    if (status == 0) return 0;
    if (!R->quit) report_at(R, first, err ? err : "error");
    free(err);
    return -1;
}

/* The sandbox hit a limit and refuses to run more: start a fresh one for the next line. */
static void renew(repl *R) {
    char *err = NULL;
    fprintf(stderr,
            "The limit stopped this sandbox: starting a fresh one%s%s.\n"
            "Variables defined before are gone.\n",
            R->region ? ", with the region reloaded: " : "", R->region ? R->region : "");
    char *region = R->region ? strdup(R->region) : NULL;
    if (session_open(R, region, &err)) {
        report(R, err);
        free(err);
        err = NULL;
        if (session_open(R, NULL, &err)) { /* cannot happen unless out of memory */
            report(R, err);
            R->quit = 1;
            R->exit_code = SPIL_EXIT_INTERNAL;
        }
    }
    free(err);
    free(region);
}

/* use() asked for another region: switch after the statement. */
static void switch_region(repl *R) {
    char *id = R->pending, *err = NULL;
    R->pending = NULL;
    if (session_open(R, id, &err)) {
        report(R, err);
        if (!R->interactive) {
            R->quit = 1;
            R->exit_code = SPIL_EXIT_USAGE;
        }
    } else {
        print_private(R, "banner");
    }
    free(err);
    free(id);
}

static void set_prompt(repl *R) {
    snprintf(R->prompt, sizeof R->prompt, "%s%s> ", R->region ? R->region : "spil",
             R->in_tx ? " [tx]" : "");
}

static int blank(const char *s) {
    return s[strspn(s, " \t\r\f\v")] == '\0';
}

/* The loop: read a statement, evaluate it, print its values; on a terminal until Ctrl-D or
** exit(), else until the end of input or the first error. */
static int loop(repl *R) {
    for (;;) {
        if (R->quit) return R->exit_code;
        set_prompt(R);
        char *line;
        int got = repl_readline(R, R->prompt, &line);
        if (got == 0) break;
        if (got < 0) continue;
        if (blank(line)) {
            free(line);
            continue;
        }
        long first = R->lineno;
        int status = read_statement(R, line, first);
        lua_State *L = sbx_state(R->S);
        if (status == CANCELLED) continue;
        if (status != LUA_OK) {
            report(R, status == NO_MEMORY || lua_type(L, -1) != LUA_TSTRING ? "out of memory"
                                                                            : lua_tostring(L, -1));
            if (status != NO_MEMORY) lua_pop(L, 1);
            if (!R->interactive) return SPIL_EXIT_USAGE;
            continue;
        }
        if (evaluate(R, first) && !R->quit) {
            if (!R->interactive) return SPIL_EXIT_USAGE;
            if (!alive(R)) renew(R);
        }
        if (R->pending) switch_region(R);
    }
    if (R->el) fputc('\n', stdout); /* leave the terminal on a fresh line, as lua does */
    return R->quit ? R->exit_code : SPIL_EXIT_OK;
}

/* Roll back what begin() left open, and say so. */
static void close_tx(repl *R) {
    if (!R->in_tx) return;
    store_rollback(R->st);
    R->in_tx = 0;
    fflush(stdout);
    fprintf(stderr, "spil: %s: the open transaction was rolled back (commit() keeps changes)\n",
            R->cmd);
}

static void session_close(repl *R) {
    close_tx(R);
    sbx_free(R->S);
    free(R->region);
    free(R->pending);
}

int repl_main(const repl_config *c) {
    repl R = {.st = c->st, .cmd = c->cmd ? c->cmd : "repl", .interactive = isatty(0)};
    char *err = NULL;
    if (session_open(&R, c->region, &err)) {
        fprintf(stderr, "spil: %s: %s\n", R.cmd, err);
        free(err);
        return SPIL_EXIT_USAGE;
    }
    struct sigaction old, sa;
    if (R.interactive) {
        if (isatty(1)) editing_start(&R);
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_sigint; /* no SA_RESTART: a read in progress fails with EINTR */
        sigemptyset(&sa.sa_mask);
        sigaction(SIGINT, &sa, &old);
        printf("spil repl: %s in the sandbox. help() lists the helpers, Ctrl-D leaves.\n",
               LUA_RELEASE);
        print_private(&R, "banner");
    }
    int code = loop(&R);
    if (R.interactive) {
        sigaction(SIGINT, &old, NULL);
        editing_end(&R);
    }
    session_close(&R);
    return code;
}

/* ---- spil run ---- */

typedef struct script_args {
    repl *R;
    const char *script;
    int nargs;
    const char *const *args;
} script_args;

/* Protected: arg = {[0] = script, args...} in the session's globals; the args as results. */
static int args_lua(lua_State *L) {
    script_args *a = lua_touserdata(L, 1);
    luaL_checkstack(L, a->nargs + 4, "too many arguments");
    lua_rawgeti(L, LUA_REGISTRYINDEX, a->R->env_ref);
    lua_createtable(L, a->nargs, 1);
    lua_pushstring(L, a->script);
    lua_rawseti(L, -2, 0);
    for (int i = 0; i < a->nargs; i++) {
        lua_pushstring(L, a->args[i]);
        lua_pushvalue(L, -1);
        lua_rawseti(L, -3, i + 1);
        lua_insert(L, 3 + i); /* below env and arg */
    }
    lua_setfield(L, 2, "arg");
    return a->nargs;
}

/* The text of path, malloc'd, with a first line starting with '#' blanked (a #! line) but its
** newline kept, so line numbers hold. NULL with errno set on failure. */
static char *read_script(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    char *buf = NULL;
    size_t n = 0, cap = 0, got;
    do {
        if (n == cap) {
            char *nb = realloc(buf, cap = cap ? 2 * cap : 8192);
            if (!nb) {
                free(buf);
                fclose(f);
                errno = ENOMEM;
                return NULL;
            }
            buf = nb;
        }
        n += got = fread(buf + n, 1, cap - n, f);
    } while (got);
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        free(buf);
        errno = EIO;
        return NULL;
    }
    if (n && buf[0] == '#')
        for (size_t i = 0; i < n && buf[i] != '\n'; i++)
            buf[i] = ' ';
    *len = n;
    return buf;
}

int repl_run(const repl_config *c, const char *script, int nargs, const char *const *args) {
    repl R = {.st = c->st, .cmd = c->cmd ? c->cmd : "run", .run = 1};
    char *err = NULL;
    size_t len;
    char *src = read_script(script, &len);
    if (!src) {
        fprintf(stderr, "spil: %s: cannot read %s (%s)\n", R.cmd, script, strerror(errno));
        return SPIL_EXIT_USAGE;
    }
    if (session_open(&R, c->region, &err)) {
        fprintf(stderr, "spil: %s: %s\n", R.cmd, err);
        free(err);
        free(src);
        return SPIL_EXIT_USAGE;
    }
    lua_State *L = sbx_state(R.S);
    size_t nlen = strlen(script) + 2;
    char *chunkname = malloc(nlen);
    int code = SPIL_EXIT_OK, status = -1;
    if (chunkname && lua_checkstack(L, 4)) {
        snprintf(chunkname, nlen, "@%s", script);
        status = luaL_loadbufferx(L, src, len, chunkname, "t");
    }
    free(chunkname);
    free(src);
    if (status != LUA_OK) {
        report(&R, status > 0 ? lua_tostring(L, -1) : "out of memory");
        if (status > 0) lua_pop(L, 1);
        session_close(&R);
        return SPIL_EXIT_USAGE;
    }
    lua_rawgeti(L, LUA_REGISTRYINDEX, R.env_ref);
    lua_setupvalue(L, -2, 1);
    script_args a = {&R, script, nargs, args};
    int base = lua_gettop(L) - 1;
    if (protect(&R, args_lua, &a, nargs, &err) || sbx_call(R.S, nargs, 0, &err)) {
        lua_settop(L, base);
        if (R.quit) {
            code = R.exit_code;
        } else {
            report(&R, err ? err : "error");
            code = SPIL_EXIT_USAGE;
        }
    }
    free(err);
    fflush(stdout);
    session_close(&R);
    return code;
}
