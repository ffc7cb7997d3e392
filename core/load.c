/*
** load.c: region.yaml -> validated rows (see load.h): the entries (a region folder, a document
** already read, a change file, rows given field by field) and the walk over the document.
**
** Three passes over what ydoc read, each reporting every problem it finds:
**   1. shape and values (here): known keys (else "did you mean"), the right kind of node, every
**      scalar typed and canonicalised by its field's model type (load_value.c), required keys
**      present;
**   2. identity (load_rows.c): no two rows of an entity share a key;
**   3. references (load_rows.c): every FT_REF names a row of its entity in this file, every CBS
**      code outside `municipalities` is a member municipality, a gemeente is one municipality
**      and no other gemeente the same, every script file exists.
** Only a file with no problem at all yields rows. Nothing here touches the database.
** A change file, and rows given field by field (load_changes: spil sign, the REPL's sign()), are
** laid over the region they change (overlay) and checked as that whole; a value given on a
** command line becomes a plain scalar node and meets the same checks, messages and passes.
** Does not: decide whether one value is valid (load_value.c) or check across rows (load_rows.c).
*/
#include "load.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "bug.h"
#include "file.h"
#include "load_impl.h"
#include "model.h"
#include "oom.h"
#include "ydoc.h"

#define MAX_NAMES 32

/* The machine ran out of memory while reading file: exit 3, not the file's fault (oom.h). */
static void out_of_memory(diag *d, const char *file) {
    oom_note();
    diag_add(d, file, 0, 0, NULL, "out of memory while reading it; " OOM_REMEDY);
}

/* The keys an item of entity e may have: its fields (not the parent) and child sections. */
static void item_keys(int e, const char **names) {
    int n = 0;
    const model_entity *en = &model_entities[e];
    for (int i = 0; i < en->nfields && n < MAX_NAMES - 1; i++)
        if (!(en->fields[i].flags & (MF_PARENT | MF_DERIVED))) names[n++] = en->fields[i].name;
    for (int c = 0; c < model_nentities && n < MAX_NAMES - 1; c++)
        if (model_entities[c].parent == e) names[n++] = model_entities[c].section;
    names[n] = NULL;
}

static int child_entity(int e, const char *section) {
    for (int c = 0; c < model_nentities; c++)
        if (model_entities[c].parent == e && strcmp(model_entities[c].section, section) == 0)
            return c;
    return -1;
}

/* Report an unknown key; returns the key it suggests, or NULL. */
static const char *unknown_key(loader *L, const ynode *key, const char *where, const char **names) {
    char hint[160] = "", q[48];
    const char *s = diag_suggest(key->str, names);
    if (s) snprintf(hint, sizeof hint, "did you mean '%s'?", s);
    diag_add(L->d, L->file, key->line, key->col, s ? hint : NULL, "unknown key '%s' in %s",
             diag_quote(key->str, q, sizeof q), where);
    return s;
}

static int is_null(const ynode *n) {
    if (n->kind != YN_SCALAR || !n->plain) return 0;
    return n->len == 0 || strcmp(n->str, "~") == 0 || strcmp(n->str, "null") == 0 ||
           strcmp(n->str, "Null") == 0 || strcmp(n->str, "NULL") == 0;
}

static int enum_index(const char *const *values, const char *v) {
    for (int i = 0; values[i]; i++)
        if (strcmp(values[i], v) == 0) return i;
    return -1;
}

static void read_list(loader *L, int e, const ynode *list, const char *parent);

/* Set field i of row from node n, a value (not null), or report it. */
static void set_value(loader *L, int e, rrow *row, int i, const ynode *n) {
    const model_field *f = &model_entities[e].fields[i];
    char buf[YDOC_MAX_SCALAR + 1];
    if (!load_check_scalar(L, f, n, buf, sizeof buf)) {
        /* Reported already; remember that it was given, so it is not also called missing
        ** (-1: given on a command line, which has no lines). */
        if (row->fline) row->fline[i] = n->line ? n->line : -1;
        return;
    }
    if (rdata_set(L->r, e, row, i, buf, n->line, n->col)) L->oom = 1;
}

/* Set field i of row from node n, unless it is null (then the field is not given). */
static void set_field(loader *L, int e, rrow *row, int i, const ynode *n) {
    if (!is_null(n)) set_value(L, e, row, i, n);
}

/* Read one item of entity e: a mapping of fields and child sections. */
static void read_item(loader *L, int e, const ynode *map, const char *parent) {
    const model_entity *en = &model_entities[e];
    if (map->kind != YN_MAP) {
        if (en->shape == MS_ONE)
            diag_add(L->d, L->file, map->line, map->col, NULL, "'%s' must be a mapping, not %s",
                     en->section, ydoc_kind_name(map));
        else
            diag_add(L->d, L->file, map->line, map->col, NULL, "each %s must be a mapping, not %s",
                     en->name, ydoc_kind_name(map));
        return;
    }
    rrow *row = rdata_add(L->r, e, map->line, map->col);
    if (!row) {
        L->oom = 1;
        return;
    }
    const char *names[MAX_NAMES];
    item_keys(e, names);
    for (size_t k = 0; k + 1 < map->n; k += 2) {
        const ynode *key = map->items[k], *val = map->items[k + 1];
        int i = model_field_index(e, key->str);
        if (i >= 0 && (en->fields[i].flags & (MF_PARENT | MF_DERIVED))) i = -1;
        if (i >= 0) {
            set_field(L, e, row, i, val);
        } else if (child_entity(e, key->str) < 0) {
            char where[80];
            snprintf(where, sizeof where, "%s", en->name);
            /* "naam" for "name": reported here, so it is given (not also missing), but refused. */
            const char *s = unknown_key(L, key, where, names);
            int f = s ? model_field_index(e, s) : -1;
            if (f >= 0 && !row->v[f]) row->fline[f] = key->line;
        }
    }
    for (int i = 0; i < en->nfields; i++)
        if ((en->fields[i].flags & MF_PARENT) && parent &&
            rdata_set(L->r, e, row, i, parent, map->line, map->col))
            L->oom = 1;
    /* In a change file, a row the region already has keeps the fields it does not give. */
    char *key = L->base ? rdata_key(e, row, RDATA_KEYSEP) : NULL;
    int known = key && rdata_find(L->base, e, key);
    free(key);
    for (int i = 0; i < en->nfields && !known; i++) {
        const model_field *f = &en->fields[i];
        if ((f->flags & MF_REQUIRED) && !(f->flags & MF_PARENT) && !row->v[i] && !row->fline[i])
            diag_add(L->d, L->file, map->line, map->col, NULL, "%s is missing '%s'", en->name,
                     f->name);
    }
    load_check_period(L, e, row);
    /* Children: the row's own id is their parent value. */
    int idf = model_id_field(e);
    char *own = idf >= 0 && row->v[idf] ? strdup(row->v[idf]) : strdup("");
    if (!own) {
        L->oom = 1;
        return;
    }
    for (size_t k = 0; k + 1 < map->n; k += 2) {
        int c = child_entity(e, map->items[k]->str);
        if (c >= 0 && !is_null(map->items[k + 1])) read_list(L, c, map->items[k + 1], own);
    }
    free(own);
}

/* Read a section: a list of items (mappings, or scalars for MS_SCALARS entities). */
static void read_list(loader *L, int e, const ynode *list, const char *parent) {
    const model_entity *en = &model_entities[e];
    if (list->kind != YN_SEQ) {
        diag_add(L->d, L->file, list->line, list->col, NULL, "'%s' must be a list, not %s",
                 en->section, ydoc_kind_name(list));
        return;
    }
    for (size_t i = 0; i < list->n; i++) {
        const ynode *item = list->items[i];
        if (en->shape != MS_SCALARS) {
            read_item(L, e, item, parent);
            continue;
        }
        rrow *row = rdata_add(L->r, e, item->line, item->col);
        if (!row) {
            L->oom = 1;
            return;
        }
        for (int f = 0; f < en->nfields; f++) {
            if (en->fields[f].flags & MF_DERIVED) continue;
            if (en->fields[f].flags & MF_PARENT) {
                if (rdata_set(L->r, e, row, f, parent, item->line, item->col)) L->oom = 1;
            } else if (is_null(item)) {
                diag_add(L->d, L->file, item->line, item->col, NULL, "empty %s in '%s'", en->name,
                         en->section);
            } else {
                set_field(L, e, row, f, item);
            }
        }
    }
}

static void read_top(loader *L, const ynode *root) {
    if (root->kind != YN_MAP) {
        diag_add(L->d, L->file, root->line, root->col, "start the file with 'spil: 1'",
                 "the top level must be a mapping, not %s", ydoc_kind_name(root));
        return;
    }
    const ynode *version = ydoc_get(root, "spil");
    char q[48];
    if (!version && L->base) {
        /* A change file may leave the version out. */
    } else if (!version)
        diag_add(L->d, L->file, root->line, root->col, "add 'spil: 1' as the first line",
                 "missing 'spil' format version");
    else if (version->kind != YN_SCALAR || strcmp(version->str, LOAD_FORMAT_VERSION) != 0)
        diag_add(L->d, L->file, version->line, version->col, NULL,
                 "unsupported format version '%s'; this spil reads 'spil: %s'",
                 version->kind == YN_SCALAR ? diag_quote(version->str, q, sizeof q) : "?",
                 LOAD_FORMAT_VERSION);
    const char *const *top = model_top_keys();
    for (size_t k = 0; k + 1 < root->n; k += 2) {
        const ynode *key = root->items[k], *val = root->items[k + 1];
        if (enum_index(top, key->str) < 0) {
            unknown_key(L, key, "the top level", (const char **)top);
            continue;
        }
        for (int e = 0; e < model_nentities; e++) {
            if (model_entities[e].parent >= 0 || strcmp(model_entities[e].section, key->str))
                continue;
            if (e == ME_REGION && L->base)
                diag_add(L->d, L->file, key->line, key->col,
                         "edit the region's region.yaml and load it",
                         "a change file cannot change the region itself or its scripts");
            else if (e == ME_REGION)
                read_item(L, e, val, NULL);
            else if (!is_null(val))
                read_list(L, e, val, NULL);
        }
    }
    if (!ydoc_get(root, "region") && !L->base)
        diag_add(L->d, L->file, root->line, root->col, "add 'region:' with its id and name",
                 "missing 'region' section");
}

static rdata *read_doc(const ydoc *doc, const char *dir, diag *d, size_t before);

rdata *load_read(const char *path, diag *d) {
    char file[4200], dir[4096];
    size_t plen = strlen(path);
    if (file_is_stdin(path)) { /* region.yaml on standard input; its scripts in the cwd */
        snprintf(file, sizeof file, "%s", FILE_STDIN_NAME);
        snprintf(dir, sizeof dir, ".");
    } else if (plen > 5 && strcmp(path + plen - 5, ".yaml") == 0) {
        snprintf(file, sizeof file, "%s", path);
        const char *slash = strrchr(path, '/');
        snprintf(dir, sizeof dir, "%.*s", slash ? (int)(slash - path) : 1, slash ? path : ".");
    } else {
        while (plen > 1 && path[plen - 1] == '/')
            plen--;
        snprintf(dir, sizeof dir, "%.*s", (int)plen, path);
        snprintf(file, sizeof file, "%s/%s", dir, LOAD_FILE);
    }
    struct stat sb;
    if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
        diag_add(d, dir, 0, 0,
                 "give the folder that holds region.yaml, e.g. regions/zuid-holland-zuid",
                 "no such region folder");
        return NULL;
    }
    size_t before = diag_count(d);
    ydoc *doc = ydoc_read(file_is_stdin(path) ? path : file, d);
    if (!doc) return NULL;
    rdata *r = read_doc(doc, dir, d, before);
    ydoc_free(doc);
    return r;
}

/* A whole region file, read: its rows, checked; with dir, its scripts too. NULL when d has
** more problems than `before` (reading it may have found a duplicate key). */
static rdata *read_doc(const ydoc *doc, const char *dir, diag *d, size_t before) {
    loader L = {d, doc->file, rdata_new(doc->file, dir), NULL, 0};
    if (!L.r) return out_of_memory(d, doc->file), NULL;
    L.r->ordered = 1; /* the whole region, in its file's order */
    read_top(&L, doc->root);
    load_check_duplicates(&L);
    if (!L.oom) load_check_references(&L);
    if (L.oom) out_of_memory(d, doc->file);
    if (diag_count(d) > before) {
        rdata_free(L.r);
        return NULL;
    }
    return L.r;
}

rdata *load_read_doc(const ydoc *doc, diag *d) {
    return read_doc(doc, NULL, d, 0);
}

/* A copy of base with the rows of the change file (L->r, sorted) laid over it: a row the
** region has gets the fields the file gives; a new row is added. NULL when out of memory. */
static rdata *overlay(loader *L, const rdata *base) {
    rdata *m = rdata_new(L->file, base->dir);
    int failed = !m;
    for (int e = 0; !failed && e < model_nentities; e++) {
        const rtable *t = &base->tables[e];
        for (size_t i = 0; !failed && i < t->n; i++) {
            rrow *row = rdata_add(m, e, 0, 0);
            for (int f = 0; row && f < model_entities[e].nfields; f++)
                if (rdata_set(m, e, row, f, t->rows[i].v[f], 0, 0)) row = NULL;
            failed = !row;
        }
    }
    if (failed || rdata_sort(m)) {
        rdata_free(m);
        return NULL;
    }
    /* Changes first (m is sorted, so lookups work), additions after, then sort again. */
    for (int pass = 0; pass < 2 && !failed; pass++) {
        for (int e = 0; !failed && e < model_nentities; e++) {
            const rtable *t = &L->r->tables[e];
            for (size_t i = 0; !failed && i < t->n; i++) {
                const rrow *fr = &t->rows[i];
                rrow *row = pass == 0 ? (rrow *)rdata_find(m, e, fr->key) : NULL;
                if (pass == 1 && rdata_find(base, e, fr->key)) continue;
                if (pass == 0 && !row) continue;
                if (pass == 1 && !(row = rdata_add(m, e, fr->line, fr->col))) failed = 1;
                for (int f = 0; !failed && f < model_entities[e].nfields; f++)
                    if (fr->v[f] && rdata_set(m, e, row, f, fr->v[f], fr->fline[f], fr->fcol[f]))
                        failed = 1;
            }
        }
    }
    if (failed || rdata_sort(m)) {
        rdata_free(m);
        return NULL;
    }
    return m;
}

rdata *load_change(const char *path, const rdata *base, diag *d) {
    size_t before = diag_count(d);
    ydoc *doc = ydoc_read(path, d);
    if (!doc) return NULL;
    path = file_shown(path);
    loader L = {d, path, rdata_new(path, base->dir), base, 0};
    rdata *merged = NULL;
    if (L.r) {
        read_top(&L, doc->root);
        load_check_duplicates(&L);
        if (!L.oom && diag_count(d) == before && !(merged = overlay(&L, base))) L.oom = 1;
        if (merged) {
            rdata *fragment = L.r;
            L.r = merged;
            load_check_references(&L);
            load_check_changed_periods(&L, fragment);
            L.r = fragment;
        }
    }
    ydoc_free(doc);
    rdata_free(L.r);
    if (L.oom) out_of_memory(d, path);
    if (diag_count(d) > before) {
        rdata_free(merged);
        return NULL;
    }
    return merged;
}

struct load_changes {
    loader L;
    const rdata *base;
    size_t before; /* diagnostics there were before the first row */
};

load_changes *load_changes_new(const char *where, const rdata *base, diag *d) {
    load_changes *c = calloc(1, sizeof *c);
    if (!c) return NULL;
    c->L = (loader){d, where, rdata_new(where, base->dir), base, 0};
    c->base = base;
    c->before = diag_count(d);
    if (!c->L.r) {
        free(c);
        return NULL;
    }
    return c;
}

/* Set field i of row from text v (len bytes) as if written plainly in YAML: the same checks,
** the same messages. It is taken as written: empty is refused, "null" or "~" is not YAML's null. */
static void set_text(loader *L, int e, rrow *row, int i, const char *v, size_t len) {
    const char *name = model_entities[e].fields[i].name;
    if (len > YDOC_MAX_SCALAR || !len) {
        if (len)
            diag_add(L->d, L->file, 0, 0, "shorten it", "'%s' is longer than %d bytes", name,
                     YDOC_MAX_SCALAR);
        else
            diag_add(L->d, L->file, 0, 0, "give a value, or leave it out", "'%s' is empty", name);
        row->fline[i] = -1;
        return;
    }
    ynode node = {.kind = YN_SCALAR, .plain = 1, .str = (char *)v, .len = len};
    set_value(L, e, row, i, &node);
}

int load_changes_row(load_changes *c, const load_row *r) {
    loader *L = &c->L;
    size_t before = diag_count(L->d);
    int e = model_entity_by_table(r->table);
    if (e < 0) BUG("the model has no table %s", r->table);
    rrow *row = rdata_add(L->r, e, 1, 0); /* line 1 only to give the row field positions */
    if (!row) return L->oom = 1, -1;
    row->line = 0;
    int fields[LOAD_ROW_FIELDS];
    for (int k = 0; k < r->n; k++) {
        int i = fields[k] = model_field_index(e, r->names[k]);
        if (i < 0) BUG("%s has no field %s", model_entities[e].name, r->names[k]);
        const char *v = r->values[k];
        size_t len = r->lens[k];
        char iso[16];
        /* Typed by a person: a Dutch date (1-12-2025) is the day it names (2025-12-01). */
        if (v && model_entities[e].fields[i].type == FT_DATE && strlen(v) == len &&
            model_dutch_date(v, iso))
            v = iso, len = strlen(iso);
        if (v) set_text(L, e, row, i, v, len);
    }
    /* Defaults (e.g. today's date) fill fields not given, for a row the region lacks, or one
    ** whose `renew` field the row changes (a new status gets today's date). */
    char *key = rdata_key(e, row, RDATA_KEYSEP);
    const rrow *known = key ? rdata_find(c->base, e, key) : NULL;
    free(key);
    int renew = r->renew ? model_field_index(e, r->renew) : -1;
    int use = !known || (renew >= 0 && row->v[renew] &&
                         (!known->v[renew] || strcmp(known->v[renew], row->v[renew]) != 0));
    for (int k = 0; use && k < r->n; k++) {
        int i = fields[k];
        if (i >= 0 && !row->v[i] && !row->fline[i] && r->defaults[k])
            set_text(L, e, row, i, r->defaults[k], strlen(r->defaults[k]));
    }
    return diag_count(L->d) > before || L->oom ? -1 : 0;
}

rdata *load_changes_finish(load_changes *c) {
    loader *L = &c->L;
    rdata *merged = NULL;
    load_check_duplicates(L);
    if (!L->oom && !(merged = overlay(L, c->base))) L->oom = 1;
    if (merged) {
        rdata *rows = L->r;
        L->r = merged;
        load_check_references(L);
        load_check_changed_periods(L, rows);
        L->r = rows;
        /* A new row must have every required field (one given but refused was reported). */
        for (int e = 0; e < model_nentities; e++)
            for (size_t i = 0; i < rows->tables[e].n; i++) {
                const rrow *fr = &rows->tables[e].rows[i];
                if (rdata_find(c->base, e, fr->key)) continue;
                for (int f = 0; f < model_entities[e].nfields; f++)
                    if ((model_entities[e].fields[f].flags & MF_REQUIRED) && !fr->v[f] &&
                        !fr->fline[f])
                        diag_add(L->d, L->file, 0, 0, NULL, "a new %s needs '%s'",
                                 model_entities[e].name, model_entities[e].fields[f].name);
            }
    }
    if (L->oom) out_of_memory(L->d, L->file);
    diag *d = L->d;
    size_t before = c->before;
    rdata_free(L->r);
    free(c);
    if (diag_count(d) > before) {
        rdata_free(merged);
        return NULL;
    }
    return merged;
}
