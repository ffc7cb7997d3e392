/*
** export.h: writes one region back as region.yaml, in a canonical form that loads into a fresh
** database to the same state, or into the region's existing file (export_update.h).
*/
#ifndef SPIL_EXPORT_H
#define SPIL_EXPORT_H

#include <stdio.h>

#include "diag.h"
#include "export_update.h"
#include "rdata.h"

/* Write r (sorted, as from rdata_from_store) to f as YAML. 0, or -1 on a write error. */
int export_region(const rdata *r, FILE *f);

/* The text of value v of field f as YAML: to follow "key: " or "- " in a block collection
** (flow 0), or to stand in a flow one (flow 1). Quoted when it must be, booleans as words.
** style: the ynode_style it was written in, kept where the value allows (a block stays a block,
** quotes stay quotes), or -1 for the canonical style; width: where a folded block folds. A
** block scalar's lines after its header are indented by 2 and end with a line break (the caller
** indents them further). malloc'd; NULL when out of memory. */
struct model_field;
char *export_scalar(const struct model_field *f, const char *v, int flow, int style, int width);
/* Whether the canonical export writes row (of entity e) on one line in flow style. */
int export_flow_row(int e, const rrow *row, int has_children);

/* What export_write did. */
typedef struct export_result {
    int updated;          /* an existing region file was updated in its own text */
    int unchanged;        /* ... and it held the region already: not written at all */
    export_counts counts; /* what the update changed */
    int bad_path;         /* not written because of the path given (no such folder, no
                             permission): the user's to fix, not a storage error */
} export_result;

/* Write r to path: a file that does not exist (or is empty) gets the canonical export; a region
** file of the same region is updated in place, keeping its comments and layout (a link is
** followed). Atomic: a temporary file beside it, synced, renamed over it, its folder synced.
** 0; 2 when path is not a region file of r's region (its problems in d; nothing written); 3 when
** it cannot be written or updated (the message in err; nothing written). */
int export_write(const rdata *r, const char *path, export_result *res, diag *d, char *err,
                 size_t errcap);

#endif
