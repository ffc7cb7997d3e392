/*
** api.c: the `spil` Lua module through which region code reads its own region (see api.h).
**
** Every function is a C closure with upvalues (store, region[, entity]); the region is fixed
** when the module is made, so code can only ever read the region it belongs to. Rows come from
** the store's generic row reads and are typed by the model. Functions return fresh tables, so
** what region code does to them never reaches the database or another call.
*/
#include "api.h"

#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>

#include "grow.h"
#include "lang.h"
#include "measure.h"
#include "model.h"
#include "refdata.h"
#include "sbx.h"
#include "store.h"

#define UV_STORE  lua_upvalueindex(1)
#define UV_REGION lua_upvalueindex(2)
#define UV_ENTITY lua_upvalueindex(3)

static store *get_store(lua_State *L) {
    store *st = lua_touserdata(L, UV_STORE);
    if (!st) luaL_error(L, "no database is open");
    return st;
}

static void push_value(lua_State *L, model_type t, const char *v) {
    if (!v)
        lua_pushnil(L);
    else if (t == FT_BOOL)
        lua_pushboolean(L, v[0] == '1');
    else if (t == FT_INT)
        lua_pushinteger(L, strtoll(v, NULL, 10));
    else if (t == FT_NUM)
        lua_pushnumber(L, strtod(v, NULL));
    else
        lua_pushstring(L, v);
}

typedef struct reader {
    lua_State *L;
    int e;
    int list;  /* stack index of the result list */
    int index; /* stack index of id -> row table of the parent entity */
} reader;

/* Push a table for one row of entity e: its fields, minus the parent, plus empty child lists. */
static void push_row(lua_State *L, int e, const char *const *vals) {
    const model_entity *en = &model_entities[e];
    luaL_checkstack(L, 4, "reading rows");
    lua_createtable(L, 0, en->nfields + 2);
    for (int i = 0; i < en->nfields; i++) {
        if (en->fields[i].flags & MF_PARENT || !vals[i]) continue;
        push_value(L, en->fields[i].type, vals[i]);
        lua_setfield(L, -2, en->fields[i].name);
    }
    if (e == ME_MUNICIPALITY) {
        const ref_municipality *m = ref_municipality_find(vals[0]);
        if (m) {
            lua_pushstring(L, m->name);
            lua_setfield(L, -2, "name");
            lua_pushstring(L, m->province);
            lua_setfield(L, -2, "province");
        }
    }
    for (int c = 0; c < model_nentities; c++) {
        if (model_entities[c].parent != e) continue;
        lua_newtable(L);
        lua_setfield(L, -2, model_entities[c].section);
    }
}

static int read_top_row(void *ctx, const char *const *vals, int n) {
    (void)n;
    reader *R = ctx;
    lua_State *L = R->L;
    push_row(L, R->e, vals);
    int idf = model_id_field(R->e);
    if (idf >= 0 && vals[idf]) {
        lua_pushvalue(L, -1);
        lua_setfield(L, R->index, vals[idf]);
    }
    lua_rawseti(L, R->list, (lua_Integer)lua_rawlen(L, R->list) + 1);
    return 0;
}

static int read_child_row(void *ctx, const char *const *vals, int n) {
    (void)n;
    reader *R = ctx;
    lua_State *L = R->L;
    const model_entity *en = &model_entities[R->e];
    int pf = -1, vf = -1;
    for (int i = 0; i < en->nfields; i++)
        if (en->fields[i].flags & MF_PARENT)
            pf = i;
        else if (vf < 0)
            vf = i;
    luaL_checkstack(L, 4, "reading rows");
    /* The parent row: by id, or the only row for children of the region. */
    if (pf >= 0)
        lua_getfield(L, R->index, vals[pf]);
    else
        lua_rawgeti(L, R->list, 1);
    if (!lua_istable(L, -1)) {
        lua_pop(L, 1);
        return 0;
    }
    lua_getfield(L, -1, en->section);
    if (en->shape == MS_SCALARS)
        push_value(L, en->fields[vf].type, vals[vf]);
    else
        push_row(L, R->e, vals);
    lua_rawseti(L, -2, (lua_Integer)lua_rawlen(L, -2) + 1);
    lua_pop(L, 2);
    return 0;
}

/* Push the list of rows of top-level entity e, children nested. */
static void push_entity(lua_State *L, store *st, const char *region, int e) {
    lua_newtable(L);
    lua_newtable(L);
    reader R = {L, e, lua_gettop(L) - 1, lua_gettop(L)};
    if (store_rows(st, e, region, read_top_row, &R))
        luaL_error(L, "reading %s: %s", model_entities[e].section, store_errmsg(st));
    for (int c = 0; c < model_nentities; c++) {
        if (model_entities[c].parent != e) continue;
        R.e = c;
        if (store_rows(st, c, region, read_child_row, &R))
            luaL_error(L, "reading %s: %s", model_entities[c].section, store_errmsg(st));
    }
    lua_pop(L, 1);
}

static int api_section(lua_State *L) {
    store *st = get_store(L);
    int e = (int)lua_tointeger(L, UV_ENTITY);
    push_entity(L, st, lua_tostring(L, UV_REGION), e);
    return 1;
}

static int api_region(lua_State *L) {
    size_t own_len, asked_len;
    const char *own = lua_tolstring(L, UV_REGION, &own_len);
    if (!lua_isnoneornil(L, 1)) {
        /* With lengths: "zhz\0x" must not pass for "zhz". */
        const char *asked = luaL_checklstring(L, 1, &asked_len);
        if (asked_len != own_len || memcmp(asked, own, own_len) != 0)
            return luaL_error(L, "region code can only read its own region ('%s'), not '%s'", own,
                              asked);
    }
    push_entity(L, get_store(L), own, ME_REGION);
    lua_rawgeti(L, -1, 1);
    return 1;
}

/* ---- figures ---------------------------------------------------------------------------------
** spil.catalogue() and spil.figures(code, area [, by]). Region code reads figures of its own
** region, its municipalities and the nation (to compare with); values about fewer persons than
** suppress-below come back as { period, suppressed = true } (measure.c decides, not Lua). */

/* What the store gives is gathered in C first and turned into Lua afterwards, in a protected
** call: Lua may raise (the sandbox's memory cap), and must not do so while a statement of the
** store is half-way through its rows. */
#define CATALOGUE_FIELDS 13

typedef struct gathered {
    char *(*rows)[CATALOGUE_FIELDS]; /* strdup'd values */
    size_t n, cap;
    int oom;
} gathered;

static void gathered_free(gathered *g) {
    for (size_t i = 0; g->rows && i < g->n; i++)
        for (int k = 0; k < CATALOGUE_FIELDS; k++)
            free(g->rows[i][k]);
    free(g->rows);
}

/* vals = id, region, code, name, kind, unit, level, numerator, denominator, source, note,
** catalogue, programme, measurements (measure_indicators, without counting) */
static int gather_catalogue(void *ctx, const char *const *vals, int n) {
    (void)n;
    gathered *g = ctx;
    if (vals[1]) return 0; /* a region's own: spil.indicators() has those */
    if (grow(&g->rows, &g->cap, g->n, sizeof *g->rows)) return g->oom = 1;
    for (int k = 0; k < CATALOGUE_FIELDS; k++) {
        g->rows[g->n][k] = vals[k] ? strdup(vals[k]) : NULL;
        if (vals[k] && !g->rows[g->n][k]) g->oom = 1;
    }
    g->n++;
    return g->oom;
}

static int push_catalogue(lua_State *L) {
    static const char *const keys[] = {NULL,   NULL,        "code",      "name",        "kind",
                                       "unit", "level",     "numerator", "denominator", "source",
                                       "note", "catalogue", "programme"};
    const gathered *g = lua_touserdata(L, 1);
    lua_createtable(L, (int)g->n, 0);
    for (size_t i = 0; i < g->n; i++) {
        lua_createtable(L, 0, 12);
        for (int k = 2; k < CATALOGUE_FIELDS; k++) {
            if (!g->rows[i][k]) continue;
            lua_pushstring(L, g->rows[i][k]);
            lua_setfield(L, -2, keys[k]);
        }
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    return 1;
}

/* { period, value, numerator, denominator, suppressed, covered, members, left_out }: the whole
** numbers only where the figure has them (a ratio; derived from municipalities). */
static int push_figures(lua_State *L) {
    const mseries *s = lua_touserdata(L, 1);
    lua_createtable(L, (int)s->n, 0);
    for (size_t i = 0; i < s->n; i++) {
        const mvalue *v = &s->v[i];
        const struct {
            const char *key;
            int has;
            lua_Integer n;
        } whole[] = {{"numerator", v->has_ratio, v->numerator},
                     {"denominator", v->has_ratio, v->denominator},
                     {"covered", v->derived, v->covered},
                     {"members", v->derived, v->members},
                     {"left_out", v->derived, v->left_out}};
        lua_createtable(L, 0, 8);
        lua_pushstring(L, v->period);
        lua_setfield(L, -2, "period");
        if (v->has_value) {
            lua_pushnumber(L, v->value);
            lua_setfield(L, -2, "value");
        }
        lua_pushboolean(L, v->suppressed);
        lua_setfield(L, -2, "suppressed");
        for (size_t k = 0; k < sizeof whole / sizeof *whole; k++) {
            if (!whole[k].has) continue;
            lua_pushinteger(L, whole[k].n);
            lua_setfield(L, -2, whole[k].key);
        }
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    return 1;
}

static void done_gathered(void *g) {
    gathered_free(g);
}

static void done_series(void *s) {
    free(((mseries *)s)->v);
}

static int api_catalogue(lua_State *L) {
    store *st = get_store(L);
    gathered g = {0};
    if (measure_indicators(st, 0, gather_catalogue, &g) < 0 || g.oom) {
        gathered_free(&g);
        return luaL_error(L, "reading the catalogue: %s",
                          g.oom ? "out of memory" : store_errmsg(st));
    }
    return sbx_hand_over(L, push_catalogue, &g, done_gathered);
}

static int api_figures(lua_State *L) {
    store *st = get_store(L);
    const char *own = lua_tostring(L, UV_REGION);
    const char *code = luaL_checkstring(L, 1), *area = luaL_checkstring(L, 2);
    const char *by = luaL_optstring(L, 3, NULL);
    if (by && strcmp(by, "year") && strcmp(by, "quarter") && strcmp(by, "month"))
        return luaL_error(L, "figures: 'by' is year, quarter or month, not '%s'", by);
    if (*own && strcmp(area, own) != 0 && strcmp(area, "NL") != 0 &&
        !measure_in_region(st, own, area))
        return luaL_error(L,
                          "figures: region code reads its own region ('%s'), its municipalities "
                          "and NL, not '%s'",
                          own, area);
    const char *slash = strchr(code, '/');
    if (*own && slash && ((size_t)(slash - code) != strlen(own) || strncmp(code, own, strlen(own))))
        return luaL_error(L, "figures: region code reads its own region's indicators, not '%s'",
                          code);
    char unit[128], title[128], name[128];
    int64_t id = measure_indicator_id(st, code, unit, title);
    if (id <= 0)
        return luaL_error(L, "figures: %s indicator '%s'", id < 0 ? "ambiguous" : "unknown", code);
    if (!measure_area(st, area, name, sizeof name))
        return luaL_error(L, "figures: unknown area '%s'", area);
    mseries s = {0};
    if (measure_series(st, id, unit, area, by, measure_keep, &s) < 0 || s.oom) {
        free(s.v);
        return luaL_error(L, "reading figures: %s", s.oom ? "out of memory" : store_errmsg(st));
    }
    return sbx_hand_over(L, push_figures, &s, done_series);
}

/* spil.word(field, value): the word shown for an enumerated value in the chosen language
** ("agreement_party.status", "invited" -> "uitgenodigd" in nl); value itself otherwise. */
static int api_word(lua_State *L) {
    const char *field = luaL_checkstring(L, 1);
    if (lua_isnoneornil(L, 2)) return 1;
    const char *v = luaL_checkstring(L, 2);
    lua_pushstring(L, lang_word_of(field, v));
    return 1;
}

/* t[name] = f, a closure over (store, region[, entity e when e >= 0]), t on top of the stack. */
static void add_reader(lua_State *L, store *st, const char *region, const char *name,
                       lua_CFunction f, int e) {
    lua_pushlightuserdata(L, st);
    lua_pushstring(L, region ? region : "");
    if (e >= 0) lua_pushinteger(L, e);
    lua_pushcclosure(L, f, e >= 0 ? 3 : 2);
    lua_setfield(L, -2, name);
}

int api_push_module(lua_State *L, struct store *st, const char *region) {
    luaL_checkstack(L, 6, "making the spil module");
    lua_newtable(L);
    lua_pushstring(L, lang_current());
    lua_setfield(L, -2, "lang");
    lua_pushcfunction(L, api_word);
    lua_setfield(L, -2, "word");
    add_reader(L, st, region, "region", api_region, -1);
    add_reader(L, st, region, "catalogue", api_catalogue, -1);
    add_reader(L, st, region, "figures", api_figures, -1);
    for (int e = 0; e < model_nentities; e++)
        if (model_entities[e].parent < 0 && e != ME_REGION)
            add_reader(L, st, region, model_entities[e].section, api_section, e);
    return 1;
}
