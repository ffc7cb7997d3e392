/*
** measure.h: indicators, areas and measurements in the store: the statements an import runs per
** row, and every read of figures. Reads apply the small-count rule here, once, so that no
** output (CLI, --json, Lua) can show a value about fewer persons than the threshold.
*/
#ifndef SPIL_MEASURE_H
#define SPIL_MEASURE_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "store.h"

/* The default of the setting suppress-below: values about fewer than 10 persons are not shown,
** as the RIVM local monitor Kansrijke Start does. */
#define MEASURE_SUPPRESS_DEFAULT 10

/* ---- what exists ---------------------------------------------------------------------------- */

/* Every indicator: catalogue ones (region NULL) and regions' own.
** vals = id, region, code, name, kind, unit, level, numerator, denominator, source, note,
** catalogue, programme, measurements (their count when counts is set, else 0: counting reads
** every figure), adopted ("1" for a region's row that adopts a catalogue indicator by its code
** alone, else NULL). Catalogue first, then by region and id. */
int measure_indicators(store *s, int counts, store_row_fn fn, void *ctx);
/* Every area: vals = code, kind, name. Regions are areas of kind "region"; the rest come from
** the reference list. */
int measure_areas(store *s, store_row_fn fn, void *ctx);

/* The setting suppress-below (a whole number >= 1), or the default when not set. */
int measure_suppress_below(store *s);
/* Set it; inside the caller's transaction. */
int measure_set_suppress_below(store *s, int n);

/* ---- import --------------------------------------------------------------------------------- */

typedef struct mrow {
    int64_t indicator; /* indicator.id */
    const char *area, *period, *source;
    int has_value, has_ratio; /* has_ratio: numerator and denominator given */
    double value;
    int64_t numerator, denominator;
} mrow;

enum { MI_ADDED, MI_CHANGED, MI_UNCHANGED, MI_DUPLICATE };

typedef struct measure_import measure_import;
/* Start writing measurements for the import logged as event `event` (its id: rows remember
** which import last wrote them). Inside the caller's transaction. NULL on error. */
measure_import *measure_import_begin(store *s, int64_t event);
/* Write one row: MI_ADDED, MI_CHANGED, MI_UNCHANGED, or MI_DUPLICATE when this import already
** wrote the same indicator, area and period (nothing written); -1 on a storage error. */
int measure_import_row(measure_import *mi, const mrow *r);
void measure_import_end(measure_import *mi);
/* The id the next event will get: the write lock is held, so nobody else can take it. */
int64_t measure_next_event_id(store *s);

/* 1 for a period spil knows: a year 2024, a quarter 2024Q1..Q4, a month 2024-01..12 (years
** 1900-2100); else 0, with *why saying what is wrong when it can (else NULL): English, an
** msgid, so _(why) gives it in the language spoken. */
int measure_valid_period(const char *p, const char **why);

/* ---- reading figures ------------------------------------------------------------------------ */

/* One value of an indicator for an area and period. */
typedef struct mvalue {
    char period[16];
    int has_value; /* 0: nothing known, or suppressed */
    double value;  /* the measurement's value, or derived from numerator/denominator */
    int has_ratio; /* numerator and denominator known (and not suppressed) */
    int64_t numerator, denominator;
    int suppressed;       /* about fewer persons than suppress-below: value not shown */
    int derived;          /* summed from the municipalities' numerators and denominators */
    int covered, members; /* derived: municipalities summed, of how many */
    int left_out;         /* derived: municipalities with a figure too small to sum */
} mvalue;

/* A figure as JSON: { period, value, numerator, denominator, suppressed, derived, and with
** derived municipalities { with_figures, of, left_out_suppressed } }: what spil trend --json,
** spil compare --json and the report show (a new reference). */
json_t *measure_value_json(const mvalue *v);

/* The indicator's id by code (a catalogue code, a region's own code, or "region/code"), and
** its unit and name into the buffers of 128 bytes ("" when the source gives none). 0 when
** unknown, -1 when the bare code is ambiguous between regions. */
int64_t measure_indicator_id(store *s, const char *code, char *unit, char *name);
/* The kind of area code ("municipality", "province", "ggd region", "nation", "region") and its
** name into name; NULL when unknown. */
const char *measure_area(store *s, const char *code, char *name, size_t name_cap);

/* How many figures the region's own indicator `code` has (0 for an adopted one: its figures
** belong to the catalogue's); -1 on error. */
int64_t measure_figures_of(store *s, const char *region, const char *code);
/* 1 when area is a municipality taking part in region. */
int measure_in_region(store *s, const char *region, const char *area);

typedef int (*mvalue_fn)(void *ctx, const mvalue *v);
/* The series of an indicator for an area, oldest first: a measurement of the area itself where
** there is one, else summed from its municipalities. Periods of one kind only ("year",
** "quarter", "month"; NULL: the kind with the most periods). */
int measure_series(store *s, int64_t indicator, const char *unit, const char *area,
                   const char *kind, mvalue_fn fn, void *ctx);
/* A series gathered in memory: measure_keep as measure_series' fn, ctx an mseries (zeroed first;
** free v afterwards, whatever happened). oom: a value found no room, and the rest was not read. */
typedef struct mseries {
    mvalue *v;
    size_t n, cap;
    int oom;
} mseries;
int measure_keep(void *ctx, const mvalue *v);
/* The other kinds of period than `kind` (NULL: the one measure_series would show) that have
** figures for the indicator and area, as "year, month" into buf; NULL when there are none. */
const char *measure_other_kinds(store *s, int64_t indicator, const char *area, const char *kind,
                                char *buf, size_t cap);
/* The value of an indicator for an area in one period (has_value 0 when unknown). */
int measure_value(store *s, int64_t indicator, const char *unit, const char *area,
                  const char *period, mvalue *out);
/* Every region's (or, with region, every municipality's of that region) area code for the
** period, as fn(ctx, area, value). */
typedef int (*marea_fn)(void *ctx, const char *area, const char *name, const mvalue *v);
int measure_compare(store *s, int64_t indicator, const char *unit, const char *period,
                    const char *region, marea_fn fn, void *ctx);
/* The latest period the indicator has figures for (the one that ends last; of those, the
** shortest), in region and its municipalities when region is given, into buf (16 bytes); 0,
** or 1 when none. */
int measure_latest_period(store *s, int64_t indicator, const char *region, char *buf);

#endif
