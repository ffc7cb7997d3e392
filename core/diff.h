/*
** diff.h: what changes when a region file is loaded over what the database holds.
**
** diff_compute merges two sorted rdata (the database's and the file's) into a list of changes
** per row: added, changed (with the fields that differ) or removed, and per list whose order
** the file changes (new->ordered). An added row goes to the end of its list. diff_apply writes them
*in
** the caller's transaction and logs one event per change; diff_print and diff_json show them.
*/
#ifndef SPIL_DIFF_H
#define SPIL_DIFF_H

#include <stdio.h>

#include <jansson.h>

#include "rdata.h"

struct store;

/* CH_ORDER: a list (the rows of one parent, or a top-level section) takes the file's order, which
** is not the database's with removed rows left out and added rows at the end. */
typedef enum { CH_ADD = '+', CH_CHANGE = '~', CH_REMOVE = '-', CH_ORDER = '=' } change_kind;

typedef struct change {
    int e; /* model entity */
    change_kind kind;
    const rrow *old;  /* row in the database (NULL when added, and for CH_ORDER), borrowed */
    const rrow *new;  /* row in the file (NULL when removed; CH_ORDER: its first row), borrowed */
    char *key;        /* the row's key for display, e.g. "coalitie/ggd-zhz"; CH_ORDER: the
                      ** parent's ("coalitie"), "" for a top-level section */
    long pos;         /* CH_ADD: the row's place in its list */
    const rrow **seq; /* CH_ORDER: the list's rows in their new order (owned), nseq of them */
    size_t nseq;
} change;

typedef struct changes {
    change *v;
    size_t n, cap;
    int added, changed, removed, reordered;
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
