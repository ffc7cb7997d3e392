/*
** rdata.h: one region's data in memory, as rows per model entity.
**
** The loader fills an rdata from region.yaml (load.c); rdata_from_store fills one from the
** database. The diff (diff.c) compares two, the exporter (export.c) writes one as YAML.
** A row holds one canonical text value per field of its entity (NULL when absent) and, when it
** came from a file, the file positions of the row and of each field for diagnostics.
*/
#ifndef SPIL_RDATA_H
#define SPIL_RDATA_H

#include <stddef.h>

struct store;

typedef struct rrow {
    char **v;          /* one value per field of the entity, canonical text or NULL */
    int line, col;     /* where the row starts in its file (0 when from the store) */
    int *fline, *fcol; /* per field, where its value starts (NULL when from the store) */
    char *key;         /* set by rdata_sort: key fields joined by RDATA_KEYSEP */
} rrow;

#define RDATA_KEYSEP '\x1f'

typedef struct rtable {
    rrow *rows;
    size_t n, cap;
} rtable;

typedef struct rdata {
    char *file;     /* region.yaml path, or NULL when read from the store */
    char *dir;      /* region folder, or NULL */
    rtable *tables; /* one per model entity, indexed like model_entities */
} rdata;

rdata *rdata_new(const char *file, const char *dir);
void rdata_free(rdata *r);
/* Append an empty row to entity e; NULL when out of memory. */
rrow *rdata_add(rdata *r, int e, int line, int col);
/* Set field i of row (copying v; v may be NULL), with its position. 0 or -1 (out of memory). */
int rdata_set(rdata *r, int e, rrow *row, int i, const char *v, int line, int col);
/* The region id (field id of the region row), or NULL. */
const char *rdata_region(const rdata *r);

/* The key of a row as one string: key field values joined by sep; malloc'd. With RDATA_KEYSEP
** absent values count as "" (for sorting); with another sep ('/': what messages and the event
** log show) they are left out. Parents come first. */
char *rdata_key(int e, const rrow *row, char sep);
/* Set every row's key and sort every table by it, so two rdata can be merged in order.
** 0, or -1 when out of memory. */
int rdata_sort(rdata *r);
/* The row of entity e whose key equals key, or NULL (tables must be sorted). */
const rrow *rdata_find(const rdata *r, int e, const char *key);

/* Read region `region` from the store. NULL on a store error (see store_errmsg). */
rdata *rdata_from_store(struct store *st, const char *region);

#endif
