/*
** import.h: spil import measurements: a CSV file of figures, streamed, every row checked, written
** in one transaction or not at all.
*/
#ifndef SPIL_IMPORT_H
#define SPIL_IMPORT_H

#include <stdint.h>

#include "diag.h"
#include "store.h"

/* Duplicates whose first line is looked up (by reading the file again); later ones are
** reported as repeating "an earlier line". Every problem goes to the diag, which keeps the
** first thousand and counts the rest. */
#define IMPORT_MAX_PLACED 100

typedef struct import_opts {
    int dry_run;       /* check and count, write nothing */
    int progress;      /* draw a progress bar on stderr */
    const char *actor; /* for the event log */
    const char *at;    /* UTC time, for the event log */
} import_opts;

typedef struct import_result {
    int64_t rows, added, changed, unchanged;
    int64_t problems; /* all problems found */
    int64_t event;    /* the import's event id, 0 when nothing changed */
} import_result;

/* Import path ("-": standard input) into st. 0: imported (or nothing to change); 1: the file
** has problems, listed in d as FILE:LINE, nothing written; -1: a storage or reading error
** (store_errmsg, or in d). */
int import_measurements(store *st, const char *path, const import_opts *o, diag *d,
                        import_result *out);

#endif
