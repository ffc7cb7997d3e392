/*
** refdata.h: reference data compiled into the binary: the 342 Dutch municipalities (CBS
** gemeentelijke indeling 2023-2025, from data/municipalities-2024.csv) and the stdlib's Lua files.
** Parsed lazily on first use; read-only after that.
*/
#ifndef SPIL_REFDATA_H
#define SPIL_REFDATA_H

#include <stddef.h>

typedef struct ref_municipality {
    const char *code;          /* GM0505 */
    const char *name;          /* Dordrecht */
    const char *province;      /* Zuid-Holland */
    const char *province_code; /* PV28 */
    const char *ggd_region;    /* GGD Zuid-Holland Zuid */
    const char *safety_region;
} ref_municipality;

/* All municipalities, in file order; *n receives the count. */
const ref_municipality *ref_municipalities(size_t *n);
/* The municipality with this CBS code, or NULL. */
const ref_municipality *ref_municipality_find(const char *code);
/* The municipality with this name (case-insensitive), or NULL. The name may start with
** "Gemeente " (an organisation's name) and leave out the province that tells two apart
** ("Rijswijk" for "Rijswijk (ZH.)"), when that leaves one municipality ("Bergen" leaves two). */
const ref_municipality *ref_municipality_by_name(const char *name);

/* Source of the stdlib module file `name` (e.g. "spil/model.lua"), or NULL.
** When $SPIL_STDLIB names a directory, files are read from there instead (for development);
** the returned buffer is then malloc'd and *owned is set to 1. */
const char *ref_stdlib(const char *name, size_t *len, int *owned);

/* The precompiled bytecode of stdlib module file `name`, or NULL (then load its text): made at
** build time by tools/precompile.c from the same file, named "@stdlib/<name>" inside. Never
** when $SPIL_STDLIB is set. */
const char *ref_stdlib_bytecode(const char *name, size_t *len);

/* A fingerprint of the compiled-in stdlib (tools/precompile.c), or NULL when $SPIL_STDLIB is
** set (then the stdlib may change under a cached result). */
const char *ref_stdlib_digest(void);

/* Call fn for each embedded stdlib file whose name (below stdlib/) starts with prefix and ends
** with suffix, in build order; stops at and returns the first non-zero result. Always the
** compiled-in copies ($SPIL_STDLIB does not apply: these are data seeded into databases). */
typedef int (*ref_file_fn)(void *ctx, const char *name, const char *data, size_t len);
int ref_stdlib_each(const char *prefix, const char *suffix, ref_file_fn fn, void *ctx);

#endif
