/*
** repl.c: the operator's Lua session (contract in repl.h, user's guide in docs/repl.md), after
** the REPL of Lua's own lua.c.
**
** Owns: the loop (compile `return <line>` first, else the line as a statement, and read
** continuation lines while the compiler's message ends in '<eof>'); the session's sandbox, an
** sbx over the store, renewed after a limit stopped it (its variables kept) and rebuilt when
** use() switched region; `spil run`;
** and the session's side of Tab completion (asking spil.repl for the candidates).
** Everything printed (values, the banner, errors) goes through out_text (OUT_LINES), so a value
** cannot drive the terminal.
** Does not: read the terminal, keep the history or handle Ctrl-C (repl_input.c does); define
** the trusted natives (repl_natives.c); format values, complete names or write help (spil.repl
** in Lua does, in the sandbox, under its limits); change data but through the natives.
** Invariants: user code and the Lua helpers run only through sbx_call; outside it nothing that
** allocates touches the Lua state (a memory error there would be a panic), so strings reach Lua
** through small protected C functions (the *_lua below).
*/
#include "repl.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "file.h"
#include "out.h"
#include "repl_input.h"
#include "repl_session.h"
#include "runtime.h"

#define PROMPT2         ">> "
#define REPL_MAX_SCRIPT (64 * 1024 * 1024) /* a script given to spil run */
#define EOFMARK         "<eof>"
#define CANCELLED       (-1) /* read_statement: Ctrl-C cancelled the statement */
#define NO_MEMORY       (-2) /* read_statement: out of memory in C */

/* ---- messages ---- */

/* An error: as it is on a terminal (like lua's REPL), after "spil: CMD: " otherwise. */
static void report(repl *R, const char *msg) {
    fflush(stdout);
    if (!R->interactive) fprintf(stderr, "spil: %s: ", R->cmd);
    out_text(stderr, msg, strlen(msg), OUT_LINES);
    fputc('\n', stderr);
    fflush(stderr);
}

/* An error of the statement read from input line first: where the message does not say where
** (an error raised at level 2 by a function called in tail position, `return f()`, loses its
** caller's line), say at least which statement. */
static void report_at(repl *R, long first, const char *msg) {
    if (sbx_located(msg) || strncmp(msg, "stdin:", 6) == 0) {
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
        size_t len;
        const char *s = lua_type(L, -1) == LUA_TSTRING ? lua_tolstring(L, -1, &len) : NULL;
        if (s) {
            out_text(stdout, s, len, OUT_LINES);
            putchar('\n');
        }
        lua_pop(L, 1);
        fflush(stdout);
    } else {
        report(R, err);
    }
    free(err);
}

/* ---- the session's sandbox ---- */

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
    luaL_setfuncs(L, repl_natives, 1);
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
    lua_pushinteger(L, repl_term_width());
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
    /* The operator's sandbox is trusted: spil.runtime's evaluate is what check() runs. */
    rt *run = rt_open(R->st, id, id ? id : ".", err);
    sbx *S = run ? rt_sandbox(run, 1, err) : NULL;
    if (!S) {
        rt_close(run);
        free(id);
        if (!*err) *err = strdup("out of memory");
        return -1;
    }
    repl old = *R;
    R->S = S;
    R->rt = run;
    R->region = id;
    if (protect(R, setup_lua, R, 0, err)) {
        sbx_free(S);
        rt_close(run);
        free(id);
        R->S = old.S;
        R->rt = old.rt;
        R->region = old.region;
        R->env_ref = old.env_ref;
        R->priv_ref = old.priv_ref;
        R->show_ref = old.show_ref;
        return -1;
    }
    sbx_free(old.S);
    rt_close(old.rt);
    free(old.region);
    return 0;
}

/* ---- completion: the session's side ---- */

/* Ask the session (spil.repl.complete) for the candidates for the text before the cursor; the
** repl_complete_fn of the input (ctx: the session). */
static int complete_text(void *ctx, const char *text, size_t len, repl_completion *c) {
    repl *R = ctx;
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
** as a statement, with continuation lines while it is incomplete. An expression is compiled as
** `return <line>` with nothing added after what was typed, so its syntax error points there
** (`1 +`: unexpected symbol near <eof>, and the next line may finish it), not at a `;` the user
** never wrote. Leaves the function and returns LUA_OK; or leaves the message and returns a load
** status; or returns CANCELLED or NO_MEMORY, leaving nothing. Takes line. */
static int read_statement(repl *R, char *line, long first) {
    lua_State *L = sbx_state(R->S);
    int status;
    for (;;) {
        status = compile(R, "return ", line, "", first);
        if (status != LUA_ERRSYNTAX) break;
        int expr_msg = lua_gettop(L);
        status = compile(R, "", line, "", first);
        if (status < 0) {
            lua_settop(L, expr_msg - 1);
            break;
        }
        if (status == LUA_OK) {
            lua_remove(L, expr_msg);
            break;
        }
        /* Both failed: the statement's message, unless the line cannot start a statement at all
        ** (then it was meant as an expression, and that error tells what is wrong with it). */
        if (not_a_statement(lua_tostring(L, -1), line))
            lua_pop(L, 1);
        else
            lua_remove(L, expr_msg);
        if (!incomplete(L, status)) break;
        char *more;
        int got = repl_readline(&R->in, PROMPT2, &more);
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
    if (R->interactive) repl_running_start(sbx_state(R->S));
    int status = sbx_call(R->S, 0, LUA_MULTRET, &err); /* show, the results */
    if (status == 0) status = sbx_call(R->S, lua_gettop(L) - base - 1, 1, &err);
    repl_running_stop(R->interactive);
    if (status == 0 && lua_type(L, -1) == LUA_TSTRING) {
        size_t len;
        const char *s = lua_tolstring(L, -1, &len);
        out_text(stdout, s, len, OUT_LINES);
        fputc('\n', stdout);
        fflush(stdout);
    }
    lua_settop(L, base);
    if (status == 0) return 0;
    if (!R->quit) report_at(R, first, err ? err : "error");
    free(err);
    return -1;
}

/* The sandbox hit a limit and refuses to run more: let the same one go on with a fresh budget,
** so the session's variables survive a runaway statement (what is unreachable is collected). */
static void renew(repl *R) {
    size_t held = sbx_renew(R->S), cap = sbx_memory_limit(R->S);
    fprintf(stderr, "The limit stopped that statement; the session goes on with a fresh budget and "
                    "its variables.\n");
    if (held > cap / 2) /* what it still holds leaves little room */
        fprintf(stderr,
                "It still holds %.1f of its %.0f MiB: free what you no longer need (x = nil).\n",
                (double)held / (1024 * 1024), (double)cap / (1024 * 1024));
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
        int got = repl_readline(&R->in, R->prompt, &line);
        if (got == 0) break;
        if (got < 0) continue;
        if (blank(line)) {
            free(line);
            continue;
        }
        long first = R->in.lineno;
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
    if (repl_input_edits(&R->in))
        fputc('\n', stdout); /* leave the terminal on a fresh line, as lua does */
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
    rt_close(R->rt);
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
    repl_input_start(&R.in, R.interactive, complete_text, &R);
    if (R.interactive) {
        printf("spil repl: %s in the sandbox. help() lists the helpers, Ctrl-D leaves.\n",
               LUA_RELEASE);
        print_private(&R, "banner");
    }
    int code = loop(&R);
    repl_input_end(&R.in);
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
    char *buf = file_read(path, REPL_MAX_SCRIPT, len);
    if (buf && *len && buf[0] == '#')
        for (size_t i = 0; i < *len && buf[i] != '\n'; i++)
            buf[i] = ' ';
    return buf;
}

int repl_run(const repl_config *c, const char *script, int nargs, const char *const *args) {
    repl R = {.st = c->st, .cmd = c->cmd ? c->cmd : "run", .run = 1};
    char *err = NULL;
    size_t len;
    char *src = read_script(script, &len);
    if (!src) {
        fprintf(stderr, "spil: %s: cannot read %s (%s)\n", R.cmd, file_shown(script),
                strerror(errno));
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
    char *chunkname = malloc(nlen + 6);
    int code = SPIL_EXIT_OK, status = -1;
    if (chunkname && lua_checkstack(L, 4)) {
        if (file_is_stdin(script)) /* standard input, named as lua(1) names it */
            snprintf(chunkname, nlen + 6, "=stdin");
        else
            snprintf(chunkname, nlen + 6, "@%s", script);
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
