/*
** region.h: a region's Lua, ready to run: a sandbox over the store (see sbx.h) in which the
** region's scripts have run, in file-name order, from the sources stored at load; each ran as
** require("rules") for rules.lua, so region code that requires it gets the same module. Chunk names
** are "<prefix>/<file>", so errors read "regions/zhz/rules.lua:12: ..." when prefix is the
** folder the region was loaded from, or "zuid-holland-zuid/rules.lua:12: ..." otherwise.
** Also: calling a stdlib function in that sandbox and getting its result as JSON.
*/
#ifndef SPIL_REGION_H
#define SPIL_REGION_H

#include <jansson.h>

#include "sbx.h"

struct store;

/* A sandbox for region with its scripts run. region must outlive the sandbox. NULL and *err
** (malloc'd) on failure. */
sbx *region_lua(struct store *st, const char *region, const char *prefix, char **err);

/* Call module.fn(args...) in S, where args are strings (NULL pushes nil), and return its first
** result as JSON (a new reference) with *second set to its second result as a string (or NULL;
** malloc'd) when second is not NULL. NULL and *err on an error or a limit. */
json_t *region_call(sbx *S, const char *module, const char *fn, const char *const *args, int nargs,
                    char **second, char **err);

/* Evaluate a step of programme (the current one when step is NULL) on day today, running each
** check on its own: a check that fails or hits a limit becomes a blocking finding naming its
** file and line, and the next check runs in a fresh sandbox. The result is spil.engine's
** (programme, step, name, checks, blocking, advisory, ready). NULL and *err when the step
** cannot be evaluated at all; *usage is then set when the programme or step is unknown. */
json_t *region_evaluate(struct store *st, const char *region, const char *prefix,
                        const char *programme, const char *step, const char *today, char **err,
                        int *usage);

/* The readiness of the region's current step in programme on today: from the cache when a
** check found it today with this stdlib and nothing changed since, else evaluated (and
** remembered). 0, or -1 with *err (malloc'd). */
int region_readiness(struct store *st, const char *region, const char *programme, const char *today,
                     int *blocking, int *advisory, char **err);
/* Remember an evaluation result of the current step (best effort). */
void region_remember(struct store *st, const char *region, json_t *res, const char *today);

#endif
