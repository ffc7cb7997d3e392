/*
** repl_natives.c: the trusted natives of the operator's Lua session, the functions region code
** never gets: print (to stdout), sql (read-only), regions, begin, commit, rollback, record (the
** validated recording of the CLI), use and exit. The session (repl_session.h, owned by repl.c)
** passes them to spil.repl.session, each with the session as its upvalue.
** Does not: run user code, read the terminal, format values (spil.repl does).
** Invariants: a Lua error never unwinds through the store's callbacks (rows are collected in C,
** in a userdata whose __gc frees them, then turned into tables).
*/
#include "repl_session.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "out.h"
#include "record.h"

#define SQL_MAX (32u * 1024 * 1024) /* bytes of query results collected before refusing */

static repl *owner(lua_State *L) {
    return lua_touserdata(L, lua_upvalueindex(1));
}

static void print_text(FILE *f, const char *s, size_t len) {
    out_text(f, s, len, OUT_LINES);
}

/* print, as Lua's, to stdout (region code's print writes to stderr), through out_text: control
** characters other than newline and tab are shown, not sent. */
static int n_print(lua_State *L) {
    return sbx_print_values(L, stdout, print_text);
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
    int failed;    /* 1: out of memory, 2: more than SQL_MAX bytes, 3: Ctrl-C, 4: time */
    lua_State *L;  /* the state the query runs for (its wall clock) */
    double limit;  /* that clock's limit, in seconds */
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

/* The query's progress handler: stop at Ctrl-C, or when the statement has used its time (the
** sandbox's wall clock: SPIL_TIME_LIMIT). */
static int sql_stop(void *ctx) {
    grid *g = ctx;
    double limit;
    if (repl_interrupted())
        g->failed = 3;
    else if (sbx_past_time(g->L, &limit))
        g->failed = 4, g->limit = limit;
    return g->failed >= 3;
}

/* sql(query) -> rows, columns; or nil, message when the store refuses (spil.repl raises it at
** the caller's line). */
static int n_sql(lua_State *L) {
    repl *R = owner(L);
    const char *q = luaL_checkstring(L, 1);
    grid *g = grid_new(L);
    g->L = L;
    int bad = store_sql_user(R->st, q, sql_row, sql_stop, g);
    if (bad || g->failed) {
        lua_pushnil(L);
        if (g->failed == 2)
            lua_pushfstring(L, "sql: the result is larger than %d MiB; add a LIMIT",
                            (int)(SQL_MAX >> 20));
        else if (g->failed == 3)
            lua_pushliteral(L, "sql: interrupted (Ctrl-C)");
        else if (g->failed == 4)
            lua_pushfstring(L,
                            "sql: stopped after %f s, the time limit of one statement "
                            "(SPIL_TIME_LIMIT); narrow the query, or add a LIMIT",
                            g->limit);
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

/* The transaction begin() opened was ended by a storage error: refuse to go on outside it. */
static int lost_tx(lua_State *L, const char *what) {
    return luaL_error(L,
                      "%s: the transaction begin() opened was ended by a storage error and "
                      "nothing of it is kept; rollback() closes it",
                      what);
}

static int end_tx(lua_State *L, int commit) {
    repl *R = owner(L);
    if (!R->in_tx) return luaL_error(L, "no transaction is open (begin() opens one)");
    if (commit && !store_in_transaction(R->st)) return lost_tx(L, "commit");
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
** field = "text", ["default.field"] = "text", renew = "field"}, ... } (record.h). Inside
** begin() it joins that transaction, and a refused recording leaves it as it was; else it
** commits at once. Prints what changed; returns the number of changed rows. */
static int n_record(lua_State *L) {
    repl *R = owner(L);
    const char *command = luaL_checkstring(L, 1);
    luaL_checktype(L, 2, LUA_TTABLE);
    size_t reason_len = 0;
    const char *reason = luaL_optlstring(L, 3, NULL, &reason_len);
    if (!R->region) return luaL_error(L, "%s needs a region: select one with use(\"id\")", command);
    if (R->in_tx && !store_in_transaction(R->st)) return lost_tx(L, command);
    lua_Unsigned nrows = lua_rawlen(L, 2);
    if (nrows < 1 || nrows > 10000) return luaL_error(L, "%s: 1 to 10000 rows", command);
    /* In a userdata, so an error below frees it; keys and values stay alive in the row tables,
    ** which argument 2 anchors. */
    record_row *rows = lua_newuserdatauv(L, nrows * sizeof *rows, 0);
    for (lua_Unsigned i = 0; i < nrows; i++) {
        memset(&rows[i], 0, sizeof rows[i]);
        lua_rawgeti(L, 2, (lua_Integer)i + 1);
        if (!lua_istable(L, -1))
            return luaL_error(L, "%s: row %d is not a table", command, (int)i + 1);
        lua_pushnil(L);
        while (lua_next(L, -2)) {
            if (lua_type(L, -2) != LUA_TSTRING || lua_type(L, -1) != LUA_TSTRING)
                return luaL_error(L, "%s: row fields must be text", command);
            size_t len;
            const char *k = lua_tostring(L, -2), *v = lua_tolstring(L, -1, &len);
            int full = 0;
            if (strcmp(k, "table") == 0)
                rows[i].table = v;
            else if (strcmp(k, "renew") == 0)
                rows[i].renew = v;
            else if (strncmp(k, "default.", 8) == 0)
                full = record_field(&rows[i], k + 8, NULL, 0, v);
            else /* with its length: a NUL inside is refused, not cut at */
                full = record_field(&rows[i], k, v, len, NULL);
            if (full) return luaL_error(L, "%s: row %d has too many fields", command, (int)i + 1);
            lua_pop(L, 1);
        }
        lua_pop(L, 1);
        if (!rows[i].table) return luaL_error(L, "%s: row %d has no table", command, (int)i + 1);
    }
    int own_tx = !R->in_tx;
    if (own_tx ? store_begin(R->st) : store_savepoint(R->st))
        return luaL_error(L, "%s: storage error: %s", command, store_errmsg(R->st));
    diag *d = diag_new();
    record_result res;
    int r = record_apply(R->st, R->region, "", rows, (int)nrows, cli_actor(), command, reason,
                         reason_len, d, &res);
    /* Messages into a Lua string before anything can raise; then free the C side. */
    char *text = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&text, &len);
    if (r == 0 && (own_tx ? store_commit(R->st) : store_savepoint_end(R->st, 1))) r = -1;
    if (mem) {
        if (r == 1) diag_print_prefixed(d, mem, 0, command);
        if (r == -1) fprintf(mem, "%s: storage error: %s", command, store_errmsg(R->st));
    }
    /* Undo this recording alone: a transaction begin() opened stays open with what it held. */
    if (r != 0 && own_tx) store_rollback(R->st);
    if (r != 0 && !own_tx && store_savepoint_end(R->st, 0) && !store_in_transaction(R->st) && mem)
        fprintf(mem, " (it ended the transaction begin() opened; rollback() closes it)");
    if (mem) fclose(mem);
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

/* mandate(suffix): what follows a position in decide() ("+mandate", "+no-mandate", ""):
** "true", "false" or nil (the seat's mandate holds), as spil decide reads it (record.h). */
static int n_mandate(lua_State *L) {
    const char *mandate;
    if (record_position_mandate(luaL_checkstring(L, 1), &mandate))
        return luaL_error(L,
                          "decide: after the position only '+mandate' or '+no-mandate' may "
                          "follow, not '%s'",
                          lua_tostring(L, 1));
    if (mandate)
        lua_pushstring(L, mandate);
    else
        lua_pushnil(L);
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

const luaL_Reg repl_natives[] = {
    {"print", n_print},     {"sql", n_sql},       {"regions", n_regions},
    {"begin", n_begin},     {"commit", n_commit}, {"rollback", n_rollback},
    {"use", n_use},         {"exit", n_exit},     {"record", n_record},
    {"mandate", n_mandate}, {NULL, NULL}};
