/*
** rdata.c: one region's data in memory, as rows per model entity (see rdata.h).
** Owns the rows' memory, their keys and order, and reading a region back from the store.
*/
#include "rdata.h"

#include <stdlib.h>
#include <string.h>

#include "grow.h"
#include "model.h"
#include "store.h"

rdata *rdata_new(const char *file, const char *dir) {
    rdata *r = calloc(1, sizeof *r);
    if (!r) return NULL;
    r->tables = calloc((size_t)model_nentities, sizeof *r->tables);
    r->file = file ? strdup(file) : NULL;
    r->dir = dir ? strdup(dir) : NULL;
    if (!r->tables || (file && !r->file) || (dir && !r->dir)) {
        rdata_free(r);
        return NULL;
    }
    return r;
}

void rdata_free(rdata *r) {
    if (!r) return;
    for (int e = 0; r->tables && e < model_nentities; e++) {
        rtable *t = &r->tables[e];
        for (size_t i = 0; i < t->n; i++) {
            for (int f = 0; f < model_entities[e].nfields; f++)
                free(t->rows[i].v[f]);
            free(t->rows[i].v);
            free(t->rows[i].fline);
            free(t->rows[i].fcol);
            free(t->rows[i].key);
        }
        free(t->rows);
    }
    free(r->tables);
    free(r->file);
    free(r->dir);
    free(r);
}

rrow *rdata_add(rdata *r, int e, int line, int col) {
    rtable *t = &r->tables[e];
    if (grow(&t->rows, &t->cap, t->n, sizeof *t->rows)) return NULL;
    size_t nf = (size_t)model_entities[e].nfields;
    rrow *row = &t->rows[t->n];
    memset(row, 0, sizeof *row);
    row->v = calloc(nf, sizeof *row->v);
    if (line > 0) {
        row->fline = calloc(nf, sizeof *row->fline);
        row->fcol = calloc(nf, sizeof *row->fcol);
    }
    if (!row->v || (line > 0 && (!row->fline || !row->fcol))) {
        free(row->v);
        free(row->fline);
        free(row->fcol);
        return NULL;
    }
    row->line = line;
    row->col = col;
    row->pos = (long)t->n;
    t->n++;
    return row;
}

int rdata_set(rdata *r, int e, rrow *row, int i, const char *v, int line, int col) {
    (void)r;
    free(row->v[i]);
    row->v[i] = NULL;
    if (v && !(row->v[i] = strdup(v))) return -1;
    if (!row->fline && line > 0) {
        size_t nf = (size_t)model_entities[e].nfields;
        row->fline = calloc(nf, sizeof *row->fline);
        row->fcol = calloc(nf, sizeof *row->fcol);
        if (!row->fline || !row->fcol) return -1;
    }
    if (row->fline) {
        row->fline[i] = line;
        row->fcol[i] = col;
    }
    return 0;
}

const char *rdata_region(const rdata *r) {
    const rtable *t = &r->tables[ME_REGION];
    return t->n ? t->rows[0].v[0] : NULL;
}

char *rdata_key(int e, const rrow *row, char sep) {
    const model_entity *en = &model_entities[e];
    size_t len = 1;
    for (int i = 0; i < en->nfields; i++)
        if (en->fields[i].flags & MF_KEY) len += (row->v[i] ? strlen(row->v[i]) : 0) + 1;
    char *k = malloc(len), *p = k;
    if (!k) return NULL;
    for (int i = 0; i < en->nfields; i++) {
        if (!(en->fields[i].flags & MF_KEY)) continue;
        if (sep != RDATA_KEYSEP && !row->v[i]) continue; /* shown keys leave out what is absent */
        if (p != k) *p++ = sep;
        size_t n = row->v[i] ? strlen(row->v[i]) : 0;
        memcpy(p, row->v[i] ? row->v[i] : "", n);
        p += n;
    }
    *p = '\0';
    return k;
}

static int by_key(const void *a, const void *b) {
    return strcmp(((const rrow *)a)->key, ((const rrow *)b)->key);
}

int rdata_sort(rdata *r) {
    for (int e = 0; e < model_nentities; e++) {
        rtable *t = &r->tables[e];
        for (size_t i = 0; i < t->n; i++) {
            free(t->rows[i].key);
            if (!(t->rows[i].key = rdata_key(e, &t->rows[i], RDATA_KEYSEP))) return -1;
        }
        /* Keys are unique once validated; qsort's instability cannot reorder equal keys. */
        if (t->n > 1) qsort(t->rows, t->n, sizeof *t->rows, by_key);
    }
    return 0;
}

const rrow *rdata_find(const rdata *r, int e, const char *key) {
    const rtable *t = &r->tables[e];
    rrow probe = {.key = (char *)key};
    return t->n ? bsearch(&probe, t->rows, t->n, sizeof *t->rows, by_key) : NULL;
}

/* The parent field of entity e, or -1. */
static int parent_field(int e) {
    for (int i = 0; i < model_entities[e].nfields; i++)
        if (model_entities[e].fields[i].flags & MF_PARENT) return i;
    return -1;
}

static int by_pos(const void *a, const void *b) {
    const rrow *x = *(const rrow *const *)a, *y = *(const rrow *const *)b;
    if (x->pos != y->pos) return x->pos < y->pos ? -1 : 1;
    return strcmp(x->key, y->key);
}

long rdata_lists(const rdata *r, int e, const rrow ***rows, size_t **starts) {
    const rtable *t = &r->tables[e];
    int pf = parent_field(e);
    *rows = malloc((t->n ? t->n : 1) * sizeof **rows);
    *starts = malloc((t->n + 1) * sizeof **starts);
    if (!*rows || !*starts) {
        free(*rows);
        free(*starts);
        *rows = NULL;
        *starts = NULL;
        return -1;
    }
    long n = 0;
    /* Sorted by key, parent first: the rows of one parent are next to each other. */
    for (size_t i = 0; i < t->n; i++) {
        (*rows)[i] = &t->rows[i];
        if (i == 0 || (pf >= 0 && strcmp(t->rows[i].v[pf], t->rows[i - 1].v[pf]) != 0))
            (*starts)[n++] = i;
    }
    (*starts)[n] = t->n;
    for (long l = 0; l < n; l++)
        qsort(*rows + (*starts)[l], (*starts)[l + 1] - (*starts)[l], sizeof **rows, by_pos);
    return n;
}

struct fill {
    rdata *r;
    int e;
    int failed;
};

static int fill_row(void *ctx, const char *const *vals, int n) {
    struct fill *f = ctx;
    int nf = model_entities[f->e].nfields;
    rrow *row = rdata_add(f->r, f->e, 0, 0);
    if (!row) return f->failed = 1;
    for (int i = 0; i < nf && i < n; i++)
        if (rdata_set(f->r, f->e, row, i, vals[i], 0, 0)) return f->failed = 1;
    row->pos = n > nf && vals[nf] ? strtol(vals[nf], NULL, 10) : -1;
    return 0;
}

rdata *rdata_from_store(store *st, const char *region) {
    rdata *r = rdata_new(NULL, NULL);
    if (!r) return NULL;
    for (int e = 0; e < model_nentities; e++) {
        struct fill f = {r, e, 0};
        if (store_rows_pos(st, e, region, fill_row, &f) || f.failed) {
            rdata_free(r);
            return NULL;
        }
    }
    if (rdata_sort(r)) {
        rdata_free(r);
        return NULL;
    }
    return r;
}
