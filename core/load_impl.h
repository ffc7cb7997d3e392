/*
** load_impl.h: for the loader's own modules only (load.c, load_value.c, load_rows.c): the state
** of one reading, and the checks that load.c's walk over a document calls in the other two.
** Everything else goes through load.h.
*/
#ifndef SPIL_LOAD_IMPL_H
#define SPIL_LOAD_IMPL_H

#include <stddef.h>

#include "load.h"
#include "model.h"
#include "ydoc.h"

/* One reading: where problems go and under which file name, the rows read so far. */
typedef struct loader {
    diag *d;
    const char *file;
    rdata *r;
    const rdata *base; /* reading a change file: the region it changes; else NULL */
    int oom;
} loader;

/* ---- load_value.c ---- */

/* Check scalar node n as field f and write its canonical text to out (cap bytes).
** Returns 1 when valid, 0 after reporting the problem. */
int load_check_scalar(loader *L, const model_field *f, const ynode *n, char *out, size_t cap);

/* ---- load_rows.c ---- */

/* A row's period ends on or after it starts. */
void load_check_period(loader *L, int e, const rrow *row);
/* Pass 2: no two rows of an entity share a key; each repeat names the first in the file.
** Sorts the tables. */
void load_check_duplicates(loader *L);
/* Pass 3: references resolve, local CBS codes are members, scripts exist (and are read), and
** the rules across the fields of a row hold. */
void load_check_references(loader *L);
/* The periods of the changed rows, as they are once laid over the region (L->r: the merged
** region; rows: the changes). */
void load_check_changed_periods(loader *L, const rdata *rows);

#endif
