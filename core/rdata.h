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
    long pos;          /* place in its list: the order rows were added (a file's order), or the
                       ** store's (-1 for a row stored before the store kept the order) */
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
    int ordered;    /* 1: pos is the order of a whole region file, which a load stores; 0: the
                    ** lists keep the store's order and rows new to it come last */
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
/* The lists of entity e (model_ordered): the rows of each parent (or all rows of a top-level
** entity), each list in its order (pos, then key), lists in key order of their parent. Fills
** *rows (malloc'd, t->n entries) and returns the number of lists; *starts (malloc'd, one more
** than that) gives where each begins in *rows. -1 when out of memory. Tables must be sorted. */
long rdata_lists(const rdata *r, int e, const rrow ***rows, size_t **starts);

/* Read region `region` from the store. NULL on a store error (see store_errmsg). */
rdata *rdata_from_store(struct store *st, const char *region);

#endif
