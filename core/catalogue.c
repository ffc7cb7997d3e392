/*
** catalogue.c: the national indicator catalogues (see catalogue.h).
**
** Owns: reading the YAML files of stdlib/indicators/ compiled into spil, checking each against
** the shape documented in docs/monitoring.md (unknown keys, missing code or source, a kind
** other than process or result, a code used twice are errors, named with file and line), and a
** fingerprint of the files' bytes. The parsed documents live for the life of the process.
** Does not: touch the database (store.c seeds from here), know regions' own indicators.
*/
#include "catalogue.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "refdata.h"
#include "ydoc.h"

#define MAX_INDICATORS 1024
#define MAX_FILES      32

static cat_indicator indicators[MAX_INDICATORS];
static size_t nindicators;
static ydoc *docs[MAX_FILES];
static int ndocs, loaded;
static char error[512];
static uint64_t digest = 0xcbf29ce484222325u;

static const char *const indicator_keys[] = {"code",      "name",        "kind",   "unit", "level",
                                             "numerator", "denominator", "source", "note", NULL};
static const char *const catalogue_keys[] = {"id", "name", "programme", "source", "levels", NULL};

static int bad(const char *file, const ynode *n, const char *what) {
    snprintf(error, sizeof error, "%s:%d: %s", file, n ? n->line : 0, what);
    return -1;
}

static int known(const char *key, const char *const *keys) {
    for (; *keys; keys++)
        if (strcmp(key, *keys) == 0) return 1;
    return 0;
}

/* The scalar under key in map, or NULL when absent; -1 in *fail when present but not text. */
static const char *text(const char *file, const ynode *map, const char *key, int *fail) {
    const ynode *v = ydoc_get(map, key);
    if (!v) return NULL;
    if (v->kind != YN_SCALAR || !*v->str) {
        char msg[96];
        snprintf(msg, sizeof msg, "'%s' must be a non-empty text", key);
        *fail = bad(file, v, msg);
        return NULL;
    }
    return v->str;
}

static int check_keys(const char *file, const ynode *map, const char *const *keys) {
    if (!map || map->kind != YN_MAP) return bad(file, map, "expected a mapping");
    for (size_t i = 0; i + 1 < map->n; i += 2)
        if (map->items[i]->kind != YN_SCALAR || !known(map->items[i]->str, keys)) {
            char msg[128];
            snprintf(msg, sizeof msg, "unknown key '%.60s'", map->items[i]->str);
            return bad(file, map->items[i], msg);
        }
    return 0;
}

static int hash_file(void *ctx, const char *file, const char *data, size_t len) {
    (void)ctx;
    for (const char *p = file; *p; p++)
        digest = (digest ^ (unsigned char)*p) * 0x100000001b3u;
    for (size_t i = 0; i < len; i++)
        digest = (digest ^ (unsigned char)data[i]) * 0x100000001b3u;
    return 0;
}

static int read_file(void *ctx, const char *file, const char *data, size_t len) {
    (void)ctx;
    if (ndocs == MAX_FILES) return bad(file, NULL, "too many catalogue files");
    diag *d = diag_new();
    ydoc *doc = ydoc_read_mem(file, data, len, d);
    diag_free(d);
    if (!doc) return bad(file, NULL, "not valid YAML (run spil validate on a copy to see why)");
    docs[ndocs++] = doc;
    const ynode *root = doc->root, *cat = ydoc_get(root, "catalogue");
    const ynode *list = ydoc_get(root, "indicators");
    int fail = 0;
    if (check_keys(file, root, (const char *const[]){"catalogue", "indicators", NULL}) ||
        check_keys(file, cat, catalogue_keys))
        return -1;
    const char *id = text(file, cat, "id", &fail), *prog = text(file, cat, "programme", &fail);
    if (fail || !id) return fail ? fail : bad(file, cat, "the catalogue needs an 'id'");
    if (!list || list->kind != YN_SEQ) return bad(file, root, "'indicators' must be a list");
    for (size_t i = 0; i < list->n; i++) {
        const ynode *m = list->items[i];
        if (check_keys(file, m, indicator_keys)) return -1;
        if (nindicators == MAX_INDICATORS) return bad(file, m, "too many indicators");
        cat_indicator *c = &indicators[nindicators];
        *c = (cat_indicator){
            .code = text(file, m, "code", &fail),
            .name = text(file, m, "name", &fail),
            .kind = text(file, m, "kind", &fail),
            .unit = text(file, m, "unit", &fail),
            .level = text(file, m, "level", &fail),
            .numerator = text(file, m, "numerator", &fail),
            .denominator = text(file, m, "denominator", &fail),
            .source = text(file, m, "source", &fail),
            .note = text(file, m, "note", &fail),
            .catalogue = id,
            .programme = prog,
        };
        if (fail) return fail;
        if (!c->code || !c->source) return bad(file, m, "an indicator needs 'code' and 'source'");
        if (c->kind && strcmp(c->kind, "process") != 0 && strcmp(c->kind, "result") != 0)
            return bad(file, m, "'kind' must be process or result (leave it out when unknown)");
        if (catalogue_find(c->code)) return bad(file, m, "this code is already in the catalogue");
        nindicators++;
    }
    return 0;
}

const cat_indicator *catalogue_indicators(size_t *n, const char **err) {
    if (!loaded) {
        loaded = 1;
        if (ref_stdlib_each("indicators/", ".yaml", read_file, NULL)) nindicators = 0;
    }
    *n = nindicators;
    if (error[0]) {
        if (err) *err = error;
        return NULL;
    }
    return indicators;
}

const cat_indicator *catalogue_find(const char *code) {
    size_t n;
    catalogue_indicators(&n, NULL);
    for (size_t i = 0; i < nindicators; i++)
        if (strcmp(indicators[i].code, code) == 0) return &indicators[i];
    return NULL;
}

/* Hashing the bytes is enough to know whether a database holds this catalogue: no parsing on
** the way to every command. */
const char *catalogue_digest(void) {
    static char hex[17];
    if (!hex[0]) {
        ref_stdlib_each("indicators/", ".yaml", hash_file, NULL);
        snprintf(hex, sizeof hex, "%016llx", (unsigned long long)digest);
    }
    return hex;
}
