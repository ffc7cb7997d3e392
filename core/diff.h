/*
** diff.h: what changes when a region file is loaded over what the database holds.
**
** diff_compute merges two sorted rdata (the database's and the file's) into a list of changes
** per row: added, changed (with the fields that differ) or removed. diff_apply writes them in
** the caller's transaction and logs one event per change; diff_print and diff_json show them.
*/
#ifndef SPIL_DIFF_H
#define SPIL_DIFF_H

#include <stdio.h>

#include <jansson.h>

#include "rdata.h"

struct store;

typedef enum { CH_ADD = '+', CH_CHANGE = '~', CH_REMOVE = '-' } change_kind;

typedef struct change {
    int e; /* model entity */
    change_kind kind;
    const rrow *old; /* row in the database (NULL when added), borrowed */
    const rrow *new; /* row in the file (NULL when removed), borrowed */
    char *key;       /* the row's key for display, e.g. "coalitie/ggd-zhz" */
} change;

typedef struct changes {
    change *v;
    size_t n, cap;
    int added, changed, removed;
} changes;

/* Compare old (database) with new (file): both sorted. 0, or -1 when out of memory. */
int diff_compute(const rdata *old, const rdata *new, changes *out);
void diff_free(changes *c);

/* Write the changes for region in the open transaction and log one event each, made by
** actor at time at with command (e.g. "load") and reason (may be NULL). 0, or -1 with
** store_errmsg set. */
int diff_apply(struct store *st, const char *region, const changes *c, const char *actor,
               const char *at, const char *command, const char *reason);

/* Human report: one block per entity, one line per change. */
void diff_print(const changes *c, FILE *f, int color);
/* The changes as a JSON array of {entity, key, action, fields}. */
json_t *diff_json(const changes *c);

#endif
