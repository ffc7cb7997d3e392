/*
** load.h: reads a region folder (region.yaml) and validates it completely against the data
** model, reporting every problem as file:line:column, before anything is written.
*/
#ifndef SPIL_LOAD_H
#define SPIL_LOAD_H

#include "diag.h"
#include "rdata.h"

/* The region file's name inside a region folder. */
#define LOAD_FILE "region.yaml"
/* The largest Lua script a region may have, in bytes. */
#define LOAD_MAX_SCRIPT (1024 * 1024)
/* The format version this spil reads (the file's `spil:` key). */
#define LOAD_FORMAT_VERSION "1"

/* Read dir/region.yaml (or the file itself when path names a .yaml file). Every problem is
** added to d; returns the region's rows, sorted by key, or NULL when there was any problem. */
rdata *load_read(const char *path, diag *d);

/* Read a change file: a region.yaml fragment (same sections and fields, `spil:` and `region:`
** left out) and lay it over base, the region as the database holds it: a row the region has
** gets the fields the file gives, a new row is added (with every required field); nothing is
** removed. The result is validated like a whole region. Returns the changed region, sorted,
** or NULL after adding every problem to d. */
rdata *load_change(const char *path, const rdata *base, diag *d);

/* Changes made on the command line (spil sign, assign, fund, decide): rows given field by field
** as text, validated exactly as if written in a change file, then laid over base like
** load_change. Diagnostics carry `where` (e.g. "spil sign") instead of a file position. */
typedef struct load_changes load_changes;
load_changes *load_changes_new(const char *where, const rdata *base, diag *d);
/* Add a row of entity e: n field names and their values (NULL: not given), and defaults (NULL,
** or n values, NULL each when none) used only when the region has no such row yet.
** -1 on a problem. */
int load_changes_row(load_changes *c, int e, const char *const *names, const char *const *values,
                     int n, const char *const *defaults);
/* The changed region, or NULL after reporting every problem; frees c either way. */
rdata *load_changes_finish(load_changes *c);

#endif
