/*
** catalogue.h: the national indicator catalogues spil ships (the YAML files of
** stdlib/indicators/, compiled in): parsed once, checked strictly, read-only after that.
** The store seeds them into every database as indicators without a region.
*/
#ifndef SPIL_CATALOGUE_H
#define SPIL_CATALOGUE_H

#include <stddef.h>

/* One catalogue indicator. NULL fields are not given by the source. */
typedef struct cat_indicator {
    const char *code, *name, *kind, *unit, *level, *numerator, *denominator, *source, *note;
    const char *catalogue; /* the set it belongs to, e.g. "kngg" */
    const char *programme; /* the programme it serves, e.g. "kngg" */
} cat_indicator;

/* All catalogue indicators in file order (*n receives the count), or NULL with *err set to a
** message naming the file and line when a compiled-in catalogue is broken. */
const cat_indicator *catalogue_indicators(size_t *n, const char **err);
/* The catalogue indicator with this code, or NULL. */
const cat_indicator *catalogue_find(const char *code);
/* A fingerprint of the compiled-in catalogue files: the store re-seeds when it changes. */
const char *catalogue_digest(void);

#endif
