/*
** export_update.h: writing a region over an existing region.yaml in the file's own text: only
** what differs from the database changes, and comments, blank lines, key order, list order,
** quoting and folded or literal text stay as they are (docs/region-format.md, "Exporting over
** a file").
*/
#ifndef SPIL_EXPORT_UPDATE_H
#define SPIL_EXPORT_UPDATE_H

#include <stddef.h>

#include "diag.h"
#include "rdata.h"

/* What an update changed. */
typedef struct export_counts {
    int values;  /* values changed, added or removed in rows the file has */
    int added;   /* rows added (with their children) */
    int removed; /* rows removed */
    int lists;   /* lists put in the database's order */
} export_counts;

/* The text of the region file `text` (len bytes, named name in messages) with db (the region
** as the database holds it, from rdata_from_store) written into it. Returns the new text
** (malloc'd, *outlen bytes), or NULL: when the file is not a valid region file of db's region
** (every problem in d; *internal 0), or when it cannot be done (out of memory, or an edit that
** does not read back as db: a message in d, *internal 1). */
char *export_update(const rdata *db, const char *name, const char *text, size_t len, size_t *outlen,
                    export_counts *counts, diag *d, int *internal);

#endif
