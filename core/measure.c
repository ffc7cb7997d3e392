/*
** measure.c: the measurements' part of the store (see measure.h).
**
** Owns: the SQL for indicators, areas and measurements: the per-row import statements, the
** series and comparisons, aggregation and the small-count rule.
**
** NOTES ON THE DESIGN
** - Import writes each row with one INSERT ... ON CONFLICT DO NOTHING: a new row (the common
**   case) costs one B-tree insert, as in a bare loader. Only a row that is already there is
**   read back and compared. A duplicate within one file is found through the database, so
**   memory stays flat: a row this import added or changed carries its event id (loaded_by);
**   a row that was there before goes into a temporary table (on disk, like the database) when
**   first met, which only re-imports and updates fill.
** - Aggregation sums numerators and denominators over the municipalities of an area (the view
**   area_member), never averages percentages. A measurement of the area itself wins.
** - Suppression: a value whose denominator (the persons it is about) is below the setting
**   suppress-below is returned without value, numerator and denominator, marked suppressed.
**   A value given without a denominator cannot be judged and is shown.
*/
#include "measure.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bug.h"
#include "grow.h"
#include "lang.h"
#include "store_impl.h"

/* ---- what exists ---------------------------------------------------------------------------- */

static int each_row(store *s, const char *sql, const char *bind, store_row_fn fn, void *ctx) {
    sqlite3 *db = store_sqlite(s);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) return store_fail(s, "reading");
    if (bind) sqlite3_bind_text(st, 1, bind, -1, SQLITE_STATIC);
    int rc, n = sqlite3_column_count(st), stop = 0;
    if (n > 16) BUG("a query of %d columns (at most 16): %.60s", n, sql);
    while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *vals[16];
        for (int i = 0; i < n; i++)
            vals[i] = (const char *)sqlite3_column_text(st, i);
        stop = fn(ctx, vals, n);
    }
    int bad = !stop && rc != SQLITE_DONE;
    if (bad) store_fail(s, "reading");
    sqlite3_finalize(st);
    return bad ? -1 : stop;
}

/* Every indicator with the catalogue's fields filled in for adopted ones; count is an SQL
** expression for the last column. */
#define INDICATORS_SQL(count)                                                                      \
    "SELECT i.id, i.region, i.code, coalesce(i.name, c.name), coalesce(i.kind, c.kind), "          \
    "coalesce(i.unit, c.unit), coalesce(i.level, c.level), "                                       \
    "coalesce(i.numerator, c.numerator), coalesce(i.denominator, c.denominator), "                 \
    "coalesce(i.source, c.source), coalesce(i.note, c.note), "                                     \
    "coalesce(i.catalogue, c.catalogue), coalesce(i.programme, c.programme), " count ", "          \
    "CASE WHEN i.region IS NOT NULL AND i.name IS NULL AND i.source IS NULL THEN 1 END"            \
    " FROM indicator i LEFT JOIN indicator c ON i.region IS NOT NULL AND c.region IS NULL "        \
    "AND c.code = i.code ORDER BY i.region IS NOT NULL, i.region, i.id"

int measure_indicators(store *s, int counts, store_row_fn fn, void *ctx) {
    return each_row(s,
                    counts ? INDICATORS_SQL("(SELECT count(*) FROM measurement m WHERE "
                                            "m.indicator = i.id)")
                           : INDICATORS_SQL("0"),
                    NULL, fn, ctx);
}

int measure_areas(store *s, store_row_fn fn, void *ctx) {
    return each_row(s,
                    "SELECT code, kind, name FROM area UNION ALL "
                    "SELECT id, 'region', name FROM region",
                    NULL, fn, ctx);
}

int measure_suppress_below(store *s) {
    sqlite3_stmt *st;
    int n = MEASURE_SUPPRESS_DEFAULT;
    if (sqlite3_prepare_v2(store_sqlite(s), "SELECT value FROM meta WHERE key = 'suppress-below'",
                           -1, &st, NULL) != SQLITE_OK)
        return n;
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) >= 1)
        n = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return n;
}

int measure_set_suppress_below(store *s, int n) {
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(store_sqlite(s),
                           "INSERT OR REPLACE INTO meta(key, value) VALUES ('suppress-below', ?1)",
                           -1, &st, NULL) != SQLITE_OK)
        return store_fail(s, "writing the setting");
    sqlite3_bind_int(st, 1, n);
    int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : store_fail(s, "writing the setting");
    sqlite3_finalize(st);
    return rc;
}

/* ---- import --------------------------------------------------------------------------------- */

struct measure_import {
    store *s;
    int64_t event;
    sqlite3_stmt *insert, *get, *update, *seen;
};

measure_import *measure_import_begin(store *s, int64_t event) {
    sqlite3 *db = store_sqlite(s);
    measure_import *mi = calloc(1, sizeof *mi);
    if (!mi) return NULL;
    mi->s = s;
    mi->event = event;
    if (sqlite3_exec(db,
                     "CREATE TEMP TABLE IF NOT EXISTS import_seen(indicator INTEGER, area TEXT, "
                     "period TEXT, PRIMARY KEY (indicator, area, period)) WITHOUT ROWID; "
                     "DELETE FROM temp.import_seen",
                     NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db,
                           "INSERT INTO measurement(indicator, area, period, value, numerator, "
                           "denominator, source, loaded_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, "
                           "?8) ON CONFLICT DO NOTHING",
                           -1, &mi->insert, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db,
                           "SELECT value, numerator, denominator, source, loaded_by FROM "
                           "measurement WHERE indicator = ?1 AND area = ?2 AND period = ?3",
                           -1, &mi->get, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db,
                           "UPDATE measurement SET value = ?4, numerator = ?5, denominator = ?6, "
                           "source = ?7, loaded_by = ?8 WHERE indicator = ?1 AND area = ?2 AND "
                           "period = ?3",
                           -1, &mi->update, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db,
                           "INSERT INTO temp.import_seen(indicator, area, period) VALUES (?1, ?2, "
                           "?3) ON CONFLICT DO NOTHING",
                           -1, &mi->seen, NULL) != SQLITE_OK) {
        store_fail(s, "preparing the import");
        measure_import_end(mi);
        return NULL;
    }
    return mi;
}

static void bind_key(sqlite3_stmt *st, const mrow *r) {
    sqlite3_bind_int64(st, 1, r->indicator);
    sqlite3_bind_text(st, 2, r->area, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, r->period, -1, SQLITE_STATIC);
}

static void bind_row(sqlite3_stmt *st, const mrow *r, int64_t event) {
    bind_key(st, r);
    if (r->has_value)
        sqlite3_bind_double(st, 4, r->value);
    else
        sqlite3_bind_null(st, 4);
    if (r->has_ratio) {
        sqlite3_bind_int64(st, 5, r->numerator);
        sqlite3_bind_int64(st, 6, r->denominator);
    } else {
        sqlite3_bind_null(st, 5);
        sqlite3_bind_null(st, 6);
    }
    sqlite3_bind_text(st, 7, r->source, -1, SQLITE_STATIC); /* NULL binds NULL */
    sqlite3_bind_int64(st, 8, event);
}

/* Whether the stored row (mi->get, stepped) holds what r gives. */
static int same_row(sqlite3_stmt *st, const mrow *r) {
    if ((sqlite3_column_type(st, 0) != SQLITE_NULL) != r->has_value) return 0;
    if (r->has_value && sqlite3_column_double(st, 0) != r->value) return 0;
    if ((sqlite3_column_type(st, 1) != SQLITE_NULL) != r->has_ratio) return 0;
    if (r->has_ratio && (sqlite3_column_int64(st, 1) != r->numerator ||
                         sqlite3_column_int64(st, 2) != r->denominator))
        return 0;
    const char *src = (const char *)sqlite3_column_text(st, 3);
    if (!src != !r->source) return 0;
    return !src || strcmp(src, r->source) == 0;
}

static int step_done(measure_import *mi, sqlite3_stmt *st) {
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? 0 : store_fail(mi->s, "writing measurements");
}

int measure_import_row(measure_import *mi, const mrow *r) {
    sqlite3 *db = store_sqlite(mi->s);
    bind_row(mi->insert, r, mi->event);
    if (step_done(mi, mi->insert)) return -1;
    if (sqlite3_changes(db) == 1) return MI_ADDED;

    bind_key(mi->get, r);
    if (sqlite3_step(mi->get) != SQLITE_ROW) {
        sqlite3_reset(mi->get);
        return store_fail(mi->s, "reading a measurement back");
    }
    int same = same_row(mi->get, r);
    int ours = sqlite3_column_int64(mi->get, 4) == mi->event;
    sqlite3_reset(mi->get);
    if (ours) return MI_DUPLICATE;
    /* Not written by this import, but maybe seen by it unchanged: then this is a repeat too. */
    bind_key(mi->seen, r);
    if (step_done(mi, mi->seen)) return -1;
    if (sqlite3_changes(db) == 0) return MI_DUPLICATE;
    if (same) return MI_UNCHANGED;
    bind_row(mi->update, r, mi->event);
    return step_done(mi, mi->update) ? -1 : MI_CHANGED;
}

void measure_import_end(measure_import *mi) {
    if (!mi) return;
    sqlite3_finalize(mi->insert);
    sqlite3_finalize(mi->get);
    sqlite3_finalize(mi->update);
    sqlite3_finalize(mi->seen);
    sqlite3_exec(store_sqlite(mi->s), "DELETE FROM temp.import_seen", NULL, NULL, NULL);
    free(mi);
}

int64_t measure_next_event_id(store *s) {
    sqlite3_stmt *st;
    int64_t id = -1;
    if (sqlite3_prepare_v2(store_sqlite(s), "SELECT coalesce(max(id), 0) + 1 FROM event", -1, &st,
                           NULL) != SQLITE_OK)
        return store_fail(s, "reading the event log");
    if (sqlite3_step(st) == SQLITE_ROW) id = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return id;
}

/* ---- reading figures ------------------------------------------------------------------------ */

json_t *measure_value_json(const mvalue *v) {
    json_t *j = json_pack("{s:s, s:b, s:b}", "period", v->period, "suppressed", v->suppressed,
                          "derived", v->derived);
    json_object_set_new(j, "value", v->has_value ? json_real(v->value) : json_null());
    json_object_set_new(j, "numerator", v->has_ratio ? json_integer(v->numerator) : json_null());
    json_object_set_new(j, "denominator",
                        v->has_ratio ? json_integer(v->denominator) : json_null());
    if (v->derived)
        json_object_set_new(j, "municipalities",
                            json_pack("{s:i, s:i, s:i}", "with_figures", v->covered, "of",
                                      v->members, "left_out_suppressed", v->left_out));
    return j;
}

/* An indicator by code (?1) and region (?2, or NULL): the catalogue's, when the region (if
** given) exists; else up to two regions' own (two: ambiguous). */
static const char indicator_id_sql[] =
    "SELECT id, unit, name FROM indicator WHERE code = ?1 AND region IS NULL AND (?2 IS NULL OR "
    "EXISTS (SELECT 1 FROM region WHERE id = ?2)) UNION ALL SELECT * FROM (SELECT id, unit, name "
    "FROM indicator WHERE code = ?1 AND region = coalesce(?2, region) AND NOT EXISTS (SELECT 1 "
    "FROM indicator c WHERE c.code = ?1 AND c.region IS NULL) LIMIT 2)";

int64_t measure_indicator_id(store *s, const char *code, char *unit, char *name) {
    /* The catalogue's, also when a region adopted it; else the one region's own. */
    sqlite3_stmt *st;
    const char *slash = strchr(code, '/');
    if (sqlite3_prepare_v2(store_sqlite(s), indicator_id_sql, -1, &st, NULL) != SQLITE_OK)
        return store_fail(s, "reading indicators");
    sqlite3_bind_text(st, 1, slash ? slash + 1 : code, -1, SQLITE_TRANSIENT);
    /* The region before the slash; without one NULL, which binds NULL. */
    sqlite3_bind_text(st, 2, slash ? code : NULL, slash ? (int)(slash - code) : 0,
                      SQLITE_TRANSIENT);
    int64_t id = 0;
    int rows = 0;
    while (sqlite3_step(st) == SQLITE_ROW)
        if (rows++ == 0) {
            id = sqlite3_column_int64(st, 0);
            const char *u = (const char *)sqlite3_column_text(st, 1);
            const char *n = (const char *)sqlite3_column_text(st, 2);
            snprintf(unit, 128, "%s", u ? u : "");
            snprintf(name, 128, "%s", n ? n : "");
        }
    sqlite3_finalize(st);
    return rows > 1 ? -1 : id;
}

const char *measure_area(store *s, const char *code, char *name, size_t name_cap) {
    static const char *const kinds[] = {"municipality", "province", "ggd region", "nation",
                                        "region"};
    sqlite3_stmt *st;
    const char *kind = NULL;
    if (sqlite3_prepare_v2(store_sqlite(s),
                           "SELECT kind, name FROM area WHERE code = ?1 UNION ALL "
                           "SELECT 'region', name FROM region WHERE id = ?1",
                           -1, &st, NULL) != SQLITE_OK)
        return NULL;
    sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
    if (sqlite3_step(st) == SQLITE_ROW) {
        const char *k = (const char *)sqlite3_column_text(st, 0);
        for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++)
            if (strcmp(k, kinds[i]) == 0) kind = kinds[i];
        snprintf(name, name_cap, "%s", (const char *)sqlite3_column_text(st, 1));
    }
    sqlite3_finalize(st);
    return kind;
}

int64_t measure_figures_of(store *s, const char *region, const char *code) {
    sqlite3_stmt *st;
    int64_t n = -1;
    if (sqlite3_prepare_v2(store_sqlite(s),
                           "SELECT count(*) FROM measurement WHERE indicator = (SELECT id FROM "
                           "indicator WHERE region = ?1 AND code = ?2)",
                           -1, &st, NULL) != SQLITE_OK)
        return store_fail(s, "reading measurements");
    sqlite3_bind_text(st, 1, region, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, code, -1, SQLITE_STATIC);
    if (sqlite3_step(st) == SQLITE_ROW) n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return n;
}

int measure_in_region(store *s, const char *region, const char *area) {
    sqlite3_stmt *st;
    int in = 0;
    if (sqlite3_prepare_v2(store_sqlite(s),
                           "SELECT 1 FROM region_municipality WHERE region = ?1 AND code = ?2 "
                           "AND status IS NOT 'left'",
                           -1, &st, NULL) != SQLITE_OK)
        return 0;
    sqlite3_bind_text(st, 1, region, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, area, -1, SQLITE_STATIC);
    in = sqlite3_step(st) == SQLITE_ROW;
    sqlite3_finalize(st);
    return in;
}

int measure_valid_period(const char *p, const char **why) {
    size_t n = strlen(p);
    *why = NULL;
    for (int i = 0; i < 4; i++)
        if (!isdigit((unsigned char)p[i])) return 0;
    int year = atoi(p);
    if (n >= 4 && (year < 1900 || year > 2100)) return *why = N_("the year is not in 1900-2100"), 0;
    if (n == 4) return 1;
    if (n == 6 && p[4] == 'Q' && isdigit((unsigned char)p[5]))
        return p[5] >= '1' && p[5] <= '4' ? 1 : (*why = N_("a quarter is Q1 to Q4"), 0);
    if (n == 7 && p[4] == '-' && isdigit((unsigned char)p[5]) && isdigit((unsigned char)p[6])) {
        int month = (p[5] - '0') * 10 + (p[6] - '0');
        return month >= 1 && month <= 12 ? 1 : (*why = N_("a month is 01 to 12"), 0);
    }
    return 0;
}

static double scale_of(const char *unit) {
    if (unit && (strstr(unit, "100000") || strstr(unit, "100.000"))) return 1e5;
    if (unit && (strstr(unit, "1000") || strstr(unit, "1.000"))) return 1000.0;
    return 100.0; /* a percentage: percent, %, or a unit the source does not give */
}

/* Fill v's numbers from a row (value, numerator, denominator columns at c, c+1, c+2) and apply
** the small-count rule. */
static void fill(mvalue *v, sqlite3_stmt *st, int c, const char *unit, int below) {
    v->has_ratio = sqlite3_column_type(st, c + 1) != SQLITE_NULL &&
                   sqlite3_column_type(st, c + 2) != SQLITE_NULL;
    v->numerator = sqlite3_column_int64(st, c + 1);
    v->denominator = sqlite3_column_int64(st, c + 2);
    v->has_value = sqlite3_column_type(st, c) != SQLITE_NULL;
    v->value = sqlite3_column_double(st, c);
    if (!v->has_value && v->has_ratio && v->denominator > 0) {
        v->has_value = 1;
        v->value = scale_of(unit) * (double)v->numerator / (double)v->denominator;
    }
    if (v->has_ratio && v->denominator < below) {
        v->suppressed = 1;
        v->has_value = v->has_ratio = 0;
        v->value = 0;
        v->numerator = v->denominator = 0;
    }
}

static int period_length(const char *kind) {
    return !kind ? 0 : !strcmp(kind, "year") ? 4 : !strcmp(kind, "quarter") ? 6 : 7;
}

/* The measurements of an area itself, plus the sums over its municipalities, per period: one
** statement for series (?4 NULL) and single values (?4 the period). A municipality whose own
** figure is suppressed (denominator below ?5) is left out of the sums, so that no difference of
** two shown values can reveal it. Columns: period, own value, own numerator, own denominator,
** own present, summed value (NULL), summed numerator, summed denominator, municipalities summed,
** municipalities left out. */
static const char *const figures_sql =
    "WITH own AS (SELECT period, value, numerator, denominator FROM measurement "
    "  WHERE indicator = ?1 AND area = ?2 AND (?4 IS NULL OR period = ?4) "
    "  AND (?3 = 0 OR length(period) = ?3)), "
    "sums AS (SELECT m.period, sum(m.numerator) FILTER (WHERE m.denominator >= ?5) n, "
    "  sum(m.denominator) FILTER (WHERE m.denominator >= ?5) d, "
    "  count(*) FILTER (WHERE m.denominator >= ?5) k, "
    "  count(*) FILTER (WHERE m.denominator < ?5) h "
    "  FROM area_member a JOIN measurement m ON m.indicator = ?1 AND m.area = a.municipality "
    "  WHERE a.area = ?2 AND ?2 NOT GLOB 'GM[0-9][0-9][0-9][0-9]' "
    "  AND (?4 IS NULL OR m.period = ?4) AND (?3 = 0 OR length(m.period) = ?3) "
    "  AND m.numerator IS NOT NULL AND m.denominator IS NOT NULL GROUP BY m.period), "
    "periods AS (SELECT period FROM own UNION SELECT period FROM sums) "
    "SELECT p.period, o.value, o.numerator, o.denominator, o.period IS NOT NULL, "
    "  NULL, s.n, s.d, s.k, s.h FROM periods p LEFT JOIN own o ON o.period = p.period "
    "  LEFT JOIN sums s ON s.period = p.period ORDER BY p.period";

static int members_of(store *s, const char *area) {
    sqlite3_stmt *st;
    int n = 0;
    if (sqlite3_prepare_v2(store_sqlite(s), "SELECT count(*) FROM area_member WHERE area = ?1", -1,
                           &st, NULL) != SQLITE_OK)
        return 0;
    sqlite3_bind_text(st, 1, area, -1, SQLITE_STATIC);
    if (sqlite3_step(st) == SQLITE_ROW) n = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return n;
}

/* The lengths of the kinds of period with figures for the indicator and area (or its
** municipalities), the one with the most figures first, into len[3]; how many there are. */
static int period_lengths(store *s, int64_t indicator, const char *area, int len[3]) {
    sqlite3_stmt *st;
    int n = 0;
    if (sqlite3_prepare_v2(store_sqlite(s),
                           "SELECT length(period) FROM measurement WHERE indicator = ?1 AND "
                           "(area = ?2 OR area IN (SELECT municipality FROM area_member WHERE "
                           "area = ?2)) GROUP BY 1 ORDER BY count(*) DESC, 1",
                           -1, &st, NULL) != SQLITE_OK)
        return 0;
    sqlite3_bind_int64(st, 1, indicator);
    sqlite3_bind_text(st, 2, area, -1, SQLITE_STATIC);
    while (n < 3 && sqlite3_step(st) == SQLITE_ROW)
        len[n++] = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return n;
}

static int common_length(store *s, int64_t indicator, const char *area) {
    int len[3] = {0};
    return period_lengths(s, indicator, area, len) ? len[0] : 0;
}

const char *measure_other_kinds(store *s, int64_t indicator, const char *area, const char *kind,
                                char *buf, size_t cap) {
    int len[3] = {0}, n = period_lengths(s, indicator, area, len);
    int shown = kind ? period_length(kind) : len[0];
    buf[0] = '\0';
    for (int i = 0; i < n; i++) {
        if (len[i] == shown) continue;
        size_t used = strlen(buf);
        snprintf(buf + used, cap - used, "%s%s", used ? ", " : "",
                 len[i] == 4   ? "year"
                 : len[i] == 6 ? "quarter"
                               : "month");
    }
    return buf[0] ? buf : NULL;
}

static int figures(store *s, int64_t indicator, const char *unit, const char *area,
                   const char *period, int len, mvalue_fn fn, void *ctx) {
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(store_sqlite(s), figures_sql, -1, &st, NULL) != SQLITE_OK)
        return store_fail(s, "reading measurements");
    sqlite3_bind_int64(st, 1, indicator);
    sqlite3_bind_text(st, 2, area, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 3, len);
    sqlite3_bind_text(st, 4, period, -1, SQLITE_STATIC); /* NULL binds NULL */
    int below = measure_suppress_below(s), members = members_of(s, area), rc, stop = 0;
    sqlite3_bind_int(st, 5, below);
    while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        mvalue v = {0};
        snprintf(v.period, sizeof v.period, "%s", (const char *)sqlite3_column_text(st, 0));
        if (sqlite3_column_int(st, 4)) {
            fill(&v, st, 1, unit, below);
        } else {
            fill(&v, st, 5, unit, below);
            v.derived = 1;
            v.covered = sqlite3_column_int(st, 8);
            v.left_out = sqlite3_column_int(st, 9);
            v.members = members;
            if (!v.covered && v.left_out) v.suppressed = 1; /* every figure was small */
        }
        stop = fn(ctx, &v);
    }
    int bad = !stop && rc != SQLITE_DONE;
    if (bad) store_fail(s, "reading measurements");
    sqlite3_finalize(st);
    return bad ? -1 : 0;
}

int measure_series(store *s, int64_t indicator, const char *unit, const char *area,
                   const char *kind, mvalue_fn fn, void *ctx) {
    int len = kind ? period_length(kind) : common_length(s, indicator, area);
    return figures(s, indicator, unit, area, NULL, len, fn, ctx);
}

int measure_keep(void *ctx, const mvalue *v) {
    mseries *s = ctx;
    if (grow(&s->v, &s->cap, s->n, sizeof *s->v)) return s->oom = 1;
    s->v[s->n++] = *v;
    return 0;
}

static int keep_one(void *ctx, const mvalue *v) {
    *(mvalue *)ctx = *v;
    return 1;
}

int measure_value(store *s, int64_t indicator, const char *unit, const char *area,
                  const char *period, mvalue *out) {
    memset(out, 0, sizeof *out);
    snprintf(out->period, sizeof out->period, "%s", period);
    return figures(s, indicator, unit, area, period, 0, keep_one, out);
}

int measure_compare(store *s, int64_t indicator, const char *unit, const char *period,
                    const char *region, marea_fn fn, void *ctx) {
    sqlite3_stmt *st;
    const char *sql =
        region ? "SELECT r.code, a.name FROM region_municipality r JOIN area a ON a.code = r.code "
                 "WHERE r.region = ?1 AND r.status IS NOT 'left' ORDER BY r.code"
               : "SELECT id, name FROM region ORDER BY id";
    if (sqlite3_prepare_v2(store_sqlite(s), sql, -1, &st, NULL) != SQLITE_OK)
        return store_fail(s, "reading areas");
    if (region) sqlite3_bind_text(st, 1, region, -1, SQLITE_STATIC);
    int rc, stop = 0;
    while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *area = (const char *)sqlite3_column_text(st, 0);
        mvalue v;
        if (measure_value(s, indicator, unit, area, period, &v)) {
            sqlite3_finalize(st);
            return -1;
        }
        stop = fn(ctx, area, (const char *)sqlite3_column_text(st, 1), &v);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE || stop ? 0 : store_fail(s, "reading areas");
}

/* The latest period of indicator ?1 in area ?2 (or anywhere: NULL) or its municipalities; a
** year counts as its December, a quarter as its last month. */
static const char latest_period_sql[] =
    "SELECT period FROM measurement WHERE indicator = ?1 AND (?2 IS NULL OR area = ?2 OR area IN "
    "(SELECT municipality FROM area_member WHERE area = ?2)) ORDER BY CASE length(period) WHEN 4 "
    "THEN period || '-12' WHEN 6 THEN substr(period, 1, 4) || printf('-%02d', 3 * substr(period, "
    "6)) ELSE period END DESC, length(period) DESC LIMIT 1";

int measure_latest_period(store *s, int64_t indicator, const char *region, char *buf) {
    sqlite3_stmt *st;
    int rc = 1;
    if (sqlite3_prepare_v2(store_sqlite(s), latest_period_sql, -1, &st, NULL) != SQLITE_OK)
        return store_fail(s, "reading measurements");
    sqlite3_bind_int64(st, 1, indicator);
    sqlite3_bind_text(st, 2, region, -1, SQLITE_STATIC); /* NULL binds NULL */
    if (sqlite3_step(st) == SQLITE_ROW) {
        snprintf(buf, 16, "%s", (const char *)sqlite3_column_text(st, 0));
        rc = 0;
    }
    sqlite3_finalize(st);
    return rc;
}
