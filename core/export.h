/*
** export.h: writes one region back as region.yaml, in a canonical form that loads into a fresh
** database to the same state.
*/
#ifndef SPIL_EXPORT_H
#define SPIL_EXPORT_H

#include <stdio.h>

#include "rdata.h"

/* Write r (sorted, as from rdata_from_store) to f as YAML. 0, or -1 on a write error. */
int export_region(const rdata *r, FILE *f);

#endif
