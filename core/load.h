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

/* Read dir/region.yaml (or the file itself when path names a .yaml file; "-": standard input,
** named "<stdin>", its scripts read from the current folder). Every problem is
** added to d; returns the region's rows, sorted by key, or NULL when there was any problem. */
rdata *load_read(const char *path, diag *d);

/* The same for a region file already read (doc), anywhere: every row checked as load_read
** does, but no folder, so its scripts are named, not read (export_update.c). NULL when d holds
** any problem, those found reading doc (a duplicate key) included. */
struct ydoc;
rdata *load_read_doc(const struct ydoc *doc, diag *d);

/* Read a change file: a region.yaml fragment (same sections and fields, `spil:` and `region:`
** left out) and lay it over base, the region as the database holds it: a row the region has
** gets the fields the file gives, a new row is added (with every required field); nothing is
** removed. The result is validated like a whole region. Returns the changed region, sorted,
** or NULL after adding every problem to d. */
/* path "-": standard input. */
rdata *load_change(const char *path, const rdata *base, diag *d);

/* Changes made on the command line (spil sign, assign, fund, decide) and in the REPL: rows given
** field by field as text, validated exactly as if written in a change file, then laid over base
** like load_change. Diagnostics carry `where` as their file ("": a command line, see
** diag_print_prefixed) instead of a file position. */
#define LOAD_ROW_FIELDS 12
typedef struct load_row {
    const char *table; /* the entity's table */
    const char *names[LOAD_ROW_FIELDS];
    const char *values[LOAD_ROW_FIELDS];   /* NULL: not given */
    size_t lens[LOAD_ROW_FIELDS];          /* each value's bytes: a NUL inside one is refused */
    const char *defaults[LOAD_ROW_FIELDS]; /* NULL, or used for a field not given when the
                                            ** region lacks the row, or when the row changes
                                            ** its `renew` field */
    const char *renew; /* NULL, or a field (sign: "status") whose change renews the defaults */
    int n;
} load_row;
typedef struct load_changes load_changes;
load_changes *load_changes_new(const char *where, const rdata *base, diag *d);
/* Add a row; -1 after reporting a problem with it. */
int load_changes_row(load_changes *c, const load_row *r);
/* Check v (len bytes), given for name, as a one-line text field: not empty, one line, no NUL
** byte or control character, UTF-8, at most YDOC_MAX_SCALAR bytes (a command's --reason, its
** actor). 0, or -1 after adding the problem to d at where. */
int load_check_line(const char *where, const char *name, const char *v, size_t len, diag *d);
/* The changed region, or NULL when any row had a problem (every one reported); frees c either
** way. */
rdata *load_changes_finish(load_changes *c);

#endif
