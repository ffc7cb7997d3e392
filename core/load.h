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

#endif
