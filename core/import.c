/*
** import.c: spil import measurements (see import.h).
**
** Owns: reading the CSV in blocks (memory does not grow with the file), the header, checking
** every field of every row against the indicators and areas the database knows, the progress
** bar, and the one transaction with its event. Writing a row is measure.c's.
**
** NOTES ON THE DESIGN
** - Streaming: a fixed block buffer; a line longer than the buffer is a problem, not a reason
**   to grow. Indicators and areas (a few hundred) are held in sorted arrays for lookups.
** - Every valid row is written as it is read, even after a problem, so that a duplicate later
**   in the file is still found; a file with any problem is rolled back whole.
** - A duplicate is known only when its second line is read; the first line is then found by
**   reading the file once more (only then, and for the first IMPORT_MAX_PLACED of them).
** - Numbers are parsed by hand: plain decimals only (no exponent, hex, inf or nan), which is
**   what a CSV of figures holds and what a Dutch comma would break.
*/
#include "import.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include <jansson.h>

#include "file.h"
#include "measure.h"

#define BLOCK      (256 * 1024)
#define MAX_FIELDS 16

enum { C_INDICATOR, C_AREA, C_PERIOD, C_VALUE, C_NUMERATOR, C_DENOMINATOR, C_SOURCE, NCOLS };
static const char *const column_names[] = {"indicator", "area",        "period", "value",
                                           "numerator", "denominator", "source", NULL};

typedef struct entry {
    char *key;
    char *extra; /* indicators: unit; areas: name */
    int64_t id;  /* indicators: id, or -1 when the bare code is ambiguous between regions */
} entry;

typedef struct table {
    entry *e;
    size_t n, cap;
} table;

typedef struct dup {
    char key[200];
    int64_t line;
} dup;

typedef struct importer {
    store *st;
    const char *path;
    diag *d;
    table indicators, areas;
    int col[NCOLS]; /* field index of each column, -1 when absent */
    int nfields;
    int64_t line, problems;
    dup dups[IMPORT_MAX_PLACED];
    int ndups;
    int quiet; /* reading again for the duplicates: problems were reported already */
    int oom;
} importer;

/* ---- lookups -------------------------------------------------------------------------------- */

static int add_entry(importer *im, table *t, const char *key, const char *extra, int64_t id) {
    if (t->n == t->cap) {
        size_t cap = t->cap ? 2 * t->cap : 256;
        entry *e = realloc(t->e, cap * sizeof *e);
        if (!e) return im->oom = 1;
        t->e = e;
        t->cap = cap;
    }
    t->e[t->n].key = strdup(key);
    t->e[t->n].extra = extra ? strdup(extra) : NULL;
    t->e[t->n].id = id;
    if (!t->e[t->n].key || (extra && !t->e[t->n].extra)) return im->oom = 1;
    t->n++;
    return 0;
}

static int by_key(const void *a, const void *b) {
    return strcmp(((const entry *)a)->key, ((const entry *)b)->key);
}

static entry *find(const table *t, const char *key) {
    entry k = {.key = (char *)key};
    return t->n ? bsearch(&k, t->e, t->n, sizeof *t->e, by_key) : NULL;
}

static void free_table(table *t) {
    for (size_t i = 0; i < t->n; i++) {
        free(t->e[i].key);
        free(t->e[i].extra);
    }
    free(t->e);
}

/* vals = id, region, code, name, kind, unit, ... (measure_indicators) */
static int add_indicator(void *ctx, const char *const *vals, int n) {
    importer *im = ctx;
    (void)n;
    int64_t id = strtoll(vals[0], NULL, 10);
    if (vals[14]) return 0; /* adopted: measured under the catalogue's code */
    if (!vals[1]) return add_entry(im, &im->indicators, vals[2], vals[5], id);
    char key[200];
    snprintf(key, sizeof key, "%s/%s", vals[1], vals[2]);
    return add_entry(im, &im->indicators, key, vals[5], id) ||
           add_entry(im, &im->indicators, vals[2], vals[5], id);
}

static int add_area(void *ctx, const char *const *vals, int n) {
    importer *im = ctx;
    (void)n;
    return add_entry(im, &im->areas, vals[0], vals[2], 0);
}

/* Sort, and mark a bare code that two regions use for indicators of their own as ambiguous. */
static void settle(table *t) {
    size_t w = 0;
    qsort(t->e, t->n, sizeof *t->e, by_key);
    for (size_t i = 0; i < t->n; i++) {
        if (w && strcmp(t->e[w - 1].key, t->e[i].key) == 0) {
            entry *kept = &t->e[w - 1];
            if (kept->id != t->e[i].id) kept->id = -1;
            free(t->e[i].key);
            free(t->e[i].extra);
            continue;
        }
        t->e[w++] = t->e[i];
    }
    t->n = w;
}

/* ---- problems ------------------------------------------------------------------------------- */

static void problem(importer *im, const char *hint, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void problem(importer *im, const char *hint, const char *fmt, ...) {
    if (im->quiet) return;
    im->problems++; /* diag keeps the first DIAG_MAX and counts the rest */
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    diag_add(im->d, im->path, (int)im->line, 0, hint, "%s", msg);
}

/* "did you mean" over a table's keys (and, for areas, names: "Dordrecht" is GM0505). */
static void unknown(importer *im, const table *t, const char *what, const char *v,
                    const char *fallback) {
    char q[48], hint[200];
    diag_quote(v, q, sizeof q);
    /* A name: give its code (Groningen is both a municipality and a province: give both). */
    size_t len = 0, found = 0;
    for (size_t i = 0; t == &im->areas && i < t->n && len < sizeof hint - 40; i++)
        if (t->e[i].extra && strcasecmp(t->e[i].extra, v) == 0 && strcmp(t->e[i].key, v) != 0)
            len += (size_t)snprintf(hint + len, sizeof hint - len, "%s%s", found++ ? " or " : "",
                                    t->e[i].key);
    if (found) {
        char h2[320];
        snprintf(h2, sizeof h2, "%s is %s: write %s code", q, hint, found > 1 ? "the" : "its");
        problem(im, h2, "unknown %s '%s'", what, q);
        return;
    }
    const char **keys = malloc((t->n + 1) * sizeof *keys);
    const char *s = NULL;
    if (keys) {
        for (size_t i = 0; i < t->n; i++)
            keys[i] = t->e[i].key;
        keys[t->n] = NULL;
        s = diag_suggest(v, keys);
    }
    if (s)
        snprintf(hint, sizeof hint, "did you mean '%s'?", s);
    else
        snprintf(hint, sizeof hint, "%s", fallback);
    free(keys);
    problem(im, hint, "unknown %s '%s'", what, q);
}

/* ---- fields --------------------------------------------------------------------------------- */

/* Split a line in place into fields; "quoted, fields" with "" for a quote. -1 on a bad quote. */
static int split(char *line, char **f, int max) {
    int n = 0;
    char *p = line;
    for (;;) {
        if (n == max) return max + 1;
        char *out = p;
        f[n++] = p;
        if (*p == '"') {
            char *q = p + 1;
            for (;;) {
                if (!*q) return -1;
                if (*q == '"') {
                    if (q[1] != '"') break;
                    q++;
                }
                *out++ = *q++;
            }
            p = q + 1;
            if (*p && *p != ',') return -1;
        } else {
            while (*p && *p != ',')
                *out++ = *p++;
        }
        int more = *p == ',';
        *out = '\0';
        if (!more) return n;
        p++;
    }
}

/* A plain decimal: -?digits(.digits)?, at most 15 significant digits. Sets *decimals. */
static int parse_decimal(const char *s, double *v, int *decimals) {
    const char *p = s;
    int neg = *p == '-';
    if (neg) p++;
    uint64_t m = 0;
    int digits = 0, frac = 0, dot = 0;
    for (; *p; p++) {
        if (*p == '.' && !dot) {
            dot = 1;
            continue;
        }
        if (*p < '0' || *p > '9' || ++digits > 15) return 0;
        m = m * 10 + (uint64_t)(*p - '0');
        frac += dot;
    }
    if (!digits || (dot && !frac)) return 0;
    static const double pow10[] = {1,   1e1, 1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                   1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
    *v = (neg ? -(double)m : (double)m) / pow10[frac]; /* exact operands: correctly rounded */
    *decimals = frac;
    return 1;
}

static int parse_count(const char *s, int64_t *v) {
    int64_t n = 0;
    if (!*s) return 0;
    for (const char *p = s; *p; p++) {
        if (*p < '0' || *p > '9' || p - s >= 15) return 0;
        n = n * 10 + (*p - '0');
    }
    *v = n;
    return 1;
}

/* ---- header --------------------------------------------------------------------------------- */

/* Dutch column names, as a spreadsheet from a Dutch source would have them. */
static const char *const dutch[][2] = {
    {"indicator", "indicator"}, {"gebied", "area"}, {"regio", "area"},   {"gemeente", "area"},
    {"periode", "period"},      {"jaar", "period"}, {"waarde", "value"}, {"teller", "numerator"},
    {"noemer", "denominator"},  {"bron", "source"}};

/* The file's encoding or separator is not what spil reads: say so once, instead of a problem
** per column. */
static const char *wrong_format(const char *line) {
    if (!strncmp(line, "\xFF\xFE", 2) || !strncmp(line, "\xFE\xFF", 2))
        return "the file is UTF-16; save it as CSV in UTF-8";
    if (strchr(line, '\r')) return "lines end in a carriage return only; save it as CSV in UTF-8";
    if (strchr(line, ';') && !strchr(line, ','))
        return "columns are separated by ';'; spil reads CSV with commas (save it as CSV with "
               "commas, or replace each ';' by ',')";
    if (strchr(line, '\t') && !strchr(line, ','))
        return "columns are separated by tabs; spil reads CSV with commas";
    return NULL;
}

static int read_header(importer *im, char *line) {
    char *f[MAX_FIELDS];
    if (!strncmp(line, "\xEF\xBB\xBF", 3)) line += 3; /* a byte order mark from a spreadsheet */
    const char *hint = "the columns are indicator, area, period, value and/or numerator and "
                       "denominator, and optionally source";
    const char *format = wrong_format(line);
    if (format) return problem(im, NULL, "%s", format), -1;
    if (!*line) return problem(im, hint, "the first line is empty: it names the columns"), -1;
    int n = split(line, f, MAX_FIELDS);
    if (n < 0) return problem(im, hint, "cannot read the header: bad quoting"), -1;
    if (n > MAX_FIELDS)
        return problem(im, hint, "the header has more than %d columns", MAX_FIELDS), -1;
    for (int c = 0; c < NCOLS; c++)
        im->col[c] = -1;
    int bad = 0, meant[NCOLS] = {0};
    for (int i = 0; i < n; i++) {
        int c = 0;
        while (column_names[c] && strcmp(column_names[c], f[i]) != 0)
            c++;
        char q[48], h[80];
        diag_quote(f[i], q, sizeof q);
        if (!column_names[c]) {
            const char *s = diag_suggest(f[i], column_names);
            for (size_t k = 0; !s && k < sizeof dutch / sizeof *dutch; k++)
                if (strcasecmp(dutch[k][0], f[i]) == 0) s = dutch[k][1];
            for (int k = 0; s && column_names[k]; k++)
                if (!strcmp(column_names[k], s)) meant[k] = 1;
            snprintf(h, sizeof h, "did you mean '%s'?", s ? s : "");
            problem(im, s ? h : hint, "unknown column '%s'", q);
            bad = 1;
        } else if (im->col[c] >= 0) {
            problem(im, NULL, "column '%s' appears twice", q);
            bad = 1;
        } else {
            im->col[c] = i;
        }
    }
    /* A column that an unknown one was taken for is not reported missing as well. */
    for (int c = 0; c <= C_PERIOD; c++)
        if (im->col[c] < 0 && !meant[c])
            problem(im, hint, "the header lacks '%s'", column_names[c]), bad = 1;
    if ((im->col[C_NUMERATOR] < 0) != (im->col[C_DENOMINATOR] < 0) && !meant[C_NUMERATOR] &&
        !meant[C_DENOMINATOR])
        problem(im, "give both, or neither", "the header has '%s' without '%s'",
                column_names[im->col[C_NUMERATOR] < 0 ? C_DENOMINATOR : C_NUMERATOR],
                column_names[im->col[C_NUMERATOR] < 0 ? C_NUMERATOR : C_DENOMINATOR]),
            bad = 1;
    if (im->col[C_VALUE] < 0 && im->col[C_NUMERATOR] < 0 && !meant[C_VALUE] &&
        !meant[C_NUMERATOR] && !meant[C_DENOMINATOR])
        problem(im, hint, "the header lacks 'value' (or 'numerator' and 'denominator')"), bad = 1;
    im->nfields = n;
    return bad ? -1 : 0;
}

/* ---- rows ----------------------------------------------------------------------------------- */

static const char *field(importer *im, char **f, int c) {
    return im->col[c] >= 0 ? f[im->col[c]] : "";
}

/* Check a line; fill r and return 1 when it is good. */
static int check_row(importer *im, char *line, mrow *r) {
    char *f[MAX_FIELDS];
    int n = split(line, f, MAX_FIELDS);
    if (n < 0) return problem(im, "a quoted field ends at its closing quote", "bad quoting"), 0;
    if (n > MAX_FIELDS)
        return problem(im, NULL, "more than %d fields, but the header has %d", MAX_FIELDS,
                       im->nfields),
               0;
    if (n != im->nfields)
        return problem(im, NULL, "%d field%s, but the header has %d", n, n == 1 ? "" : "s",
                       im->nfields),
               0;
    int ok = 1;
    char q[48];
    const char *ind = field(im, f, C_INDICATOR), *area = field(im, f, C_AREA);
    const char *period = field(im, f, C_PERIOD), *value = field(im, f, C_VALUE);
    const char *num = field(im, f, C_NUMERATOR), *den = field(im, f, C_DENOMINATOR);
    const char *src = field(im, f, C_SOURCE);
    const entry *e = NULL;
    if (!*ind) {
        problem(im, NULL, "the indicator is empty");
        ok = 0;
    } else if (!(e = find(&im->indicators, ind))) {
        unknown(im, &im->indicators, "indicator", ind, "'spil indicators' lists them");
        ok = 0;
    } else if (e->id < 0) {
        problem(im, "write it as REGION/CODE", "indicator '%s' is defined by several regions",
                diag_quote(ind, q, sizeof q));
        ok = 0;
    }
    if (!*area) {
        problem(im, NULL, "the area is empty");
        ok = 0;
    } else if (!find(&im->areas, area)) {
        unknown(im, &im->areas, "area", area,
                "an area is a CBS code (GM0505, PV28), a GGD region's name, NL, or a region id");
        ok = 0;
    }
    const char *why;
    if (!measure_valid_period(period, &why)) {
        char hint[120];
        snprintf(hint, sizeof hint,
                 "%s%swrite a year (2024), a quarter (2024Q3) or a month "
                 "(2024-07)",
                 why ? why : "", why ? "; " : "");
        problem(im, hint, "bad period '%s'", diag_quote(period, q, sizeof q));
        ok = 0;
    }
    int decimals = 0;
    r->has_value = *value != '\0';
    if (r->has_value && !parse_decimal(value, &r->value, &decimals)) {
        int comma = strchr(value, ',') != NULL;
        problem(im, comma ? "write a decimal point: 12.5" : "write a plain number, e.g. 12.5",
                "value '%s' is not a number", diag_quote(value, q, sizeof q));
        ok = 0;
        r->has_value = 0;
    }
    /* The numbers are checked whatever the other fields hold: every problem of a row is told. */
    int has_num = *num != '\0', has_den = *den != '\0', nums = 1;
    const char *names[2] = {"numerator", "denominator"}, *texts[2] = {num, den};
    int64_t *dest[2] = {&r->numerator, &r->denominator};
    int *has[2] = {&has_num, &has_den};
    for (int k = 0; k < 2; k++) {
        if (!*has[k] || parse_count(texts[k], dest[k])) continue;
        problem(im, "a count of persons: a whole number, 0 or more, without separators",
                texts[k][0] == '-' ? "%s '%s' is negative" : "%s '%s' is not a whole number",
                names[k], diag_quote(texts[k], q, sizeof q));
        *has[k] = 0;
        nums = ok = 0;
    }
    r->has_ratio = has_num && has_den;
    if (nums && has_num != has_den)
        problem(im, "give both, or neither", "a %s without a %s",
                has_num ? "numerator" : "denominator", has_num ? "denominator" : "numerator"),
            nums = ok = 0;
    if (nums && !*value && !r->has_ratio)
        problem(im, NULL, "no value, and no numerator and denominator"), nums = ok = 0;
    if (nums && r->has_ratio && r->denominator == 0)
        problem(im, "a value about nobody is no value: leave the row out", "the denominator is 0"),
            nums = ok = 0;
    if (nums && r->has_ratio && r->numerator > r->denominator)
        problem(im, "the numerator counts a part of the denominator",
                "numerator %lld is above denominator %lld", (long long)r->numerator,
                (long long)r->denominator),
            nums = ok = 0;
    int percent =
        e && e->id > 0 && e->extra && (!strcasecmp(e->extra, "percent") || !strcmp(e->extra, "%"));
    if (percent && r->has_value && (r->value < 0 || r->value > 100))
        problem(im, NULL, "value %s is not a percentage (0 to 100)", value), ok = 0;
    else if (percent && nums && r->has_value && r->has_ratio) {
        static const double half[] = {0.5, 0.05, 0.005, 0.0005, 0.00005, 0.000005, 0.0000005};
        double exact = 100.0 * (double)r->numerator / (double)r->denominator;
        double d = r->value - exact;
        if ((d < 0 ? -d : d) > (decimals < 7 ? half[decimals] : 5e-8) + 1e-9)
            problem(im, NULL, "value %s does not match numerator/denominator %lld/%lld (%.2f%%)",
                    value, (long long)r->numerator, (long long)r->denominator, exact),
                ok = 0;
    }
    for (const char *c = src; *c; c++)
        if ((unsigned char)*c < 0x20 || *c == 0x7f) {
            problem(im, NULL, "the source contains a control character");
            ok = 0;
            break;
        }
    if (strlen(src) > 200) problem(im, NULL, "the source is longer than 200 bytes"), ok = 0;
    if (!ok) return 0;
    r->indicator = e->id;
    r->area = area;
    r->period = period;
    r->source = *src ? src : NULL;
    return 1;
}

/* ---- reading -------------------------------------------------------------------------------- */

typedef struct reader {
    FILE *f;
    char *buf;
    size_t len, pos;
    size_t last_len; /* length of the line next_line returned, NUL bytes included */
    int eof;
    int64_t consumed;
} reader;

/* The next line, NUL-terminated without its end of line; NULL at the end. *toolong is set for a
** line that does not fit the buffer (it is skipped). */
static char *next_line(reader *rd, int *toolong) {
    *toolong = 0;
    for (;;) {
        char *start = rd->buf + rd->pos;
        char *nl = memchr(start, '\n', rd->len - rd->pos);
        if (nl || (rd->eof && rd->pos < rd->len)) {
            char *end = nl ? nl : rd->buf + rd->len;
            rd->consumed += (end - start) + (nl != NULL);
            rd->pos = (size_t)(end - rd->buf) + (nl != NULL);
            if (end > start && end[-1] == '\r') end--;
            *end = '\0';
            rd->last_len = (size_t)(end - start);
            return start;
        }
        if (rd->eof) return NULL;
        if (rd->pos == 0 && rd->len == BLOCK) { /* no end of line in a whole block */
            *toolong = 1;
            rd->consumed += rd->len;
            rd->len = 0;
            int c;
            while ((c = fgetc(rd->f)) != EOF && c != '\n')
                rd->consumed++;
            rd->consumed++;
            return rd->buf; /* caller reports and skips */
        }
        memmove(rd->buf, rd->buf + rd->pos, rd->len - rd->pos);
        rd->len -= rd->pos;
        rd->pos = 0;
        size_t got = fread(rd->buf + rd->len, 1, BLOCK - rd->len, rd->f);
        rd->len += got;
        if (got == 0) rd->eof = 1;
    }
}

static void key_of(const mrow *r, char *buf, size_t cap) {
    snprintf(buf, cap, "%lld\t%s\t%s", (long long)r->indicator, r->area, r->period);
}

/* Read the file again and give each duplicate the line it repeats. */
static void place_duplicates(importer *im, reader *rd) {
    int toolong, left = im->ndups;
    int64_t line = 0;
    char *s;
    if (fseek(rd->f, 0, SEEK_SET) == 0) { /* a pipe cannot be read again */
        rd->len = rd->pos = 0;
        rd->eof = 0;
        next_line(rd, &toolong); /* header */
        line++;
    } else {
        left = 0;
    }
    while (left && (s = next_line(rd, &toolong))) {
        mrow r;
        line++;
        if (toolong || strlen(s) != rd->last_len) continue; /* skipped the first time too */
        im->quiet = 1;
        int good = check_row(im, s, &r);
        im->quiet = 0;
        if (!good) continue;
        char key[200];
        key_of(&r, key, sizeof key);
        for (int i = 0; i < im->ndups; i++)
            if (im->dups[i].line > 0 && strcmp(im->dups[i].key, key) == 0) {
                diag_add(im->d, im->path, (int)im->dups[i].line, 0,
                         "each indicator, area and period once per file",
                         "the same indicator, area and period as line %lld", (long long)line);
                im->dups[i].line = 0;
                left--;
            }
    }
    for (int i = 0; i < im->ndups; i++) /* not found again (a pipe, or the file changed) */
        if (im->dups[i].line > 0)
            diag_add(im->d, im->path, (int)im->dups[i].line, 0,
                     "each indicator, area and period once per file",
                     "the same indicator, area and period as an earlier line");
}

static void draw_progress(const importer *im, const reader *rd, int64_t size) {
    int pct = size > 0 ? (int)(100 * rd->consumed / size) : 100;
    fprintf(stderr, "\r  importing %s: %3d%% (%lld rows)", im->path, pct, (long long)im->line - 1);
    fflush(stderr);
}

static int log_import(importer *im, const import_opts *o, const import_result *res) {
    json_t *detail = json_pack("{s:s, s:I, s:I, s:I, s:I}", "file", im->path, "rows",
                               (json_int_t)res->rows, "added", (json_int_t)res->added, "changed",
                               (json_int_t)res->changed, "unchanged", (json_int_t)res->unchanged);
    char *text = detail ? json_dumps(detail, JSON_COMPACT) : NULL;
    json_decref(detail);
    if (!text) return -1;
    store_event ev = {.at = o->at,
                      .actor = o->actor,
                      .command = "import",
                      .action = "import",
                      .entity = "measurement",
                      .key = im->path,
                      .detail = text};
    int rc = store_log(im->st, &ev);
    free(text);
    return rc;
}

int import_measurements(store *st, const char *path, const import_opts *o, diag *d,
                        import_result *out) {
    importer im = {.st = st, .path = file_shown(path), .d = d}; /* "-": standard input */
    reader rd = {0};
    measure_import *mi = NULL;
    int rc = -1, began = 0;
    memset(out, 0, sizeof *out);
    rd.f = file_is_stdin(path) ? stdin : fopen(path, "rb");
    path = im.path;
    struct stat sb;
    int why = rd.f ? 0 : errno;
    if (!rd.f || fstat(fileno(rd.f), &sb) != 0 || S_ISDIR(sb.st_mode)) {
        diag_add(d, path, 0, 0, "give the path of a CSV file", "cannot read this file: %s",
                 strerror(why                           ? why
                          : rd.f && S_ISDIR(sb.st_mode) ? EISDIR
                                                        : errno));
        if (rd.f && rd.f != stdin) fclose(rd.f);
        return 1;
    }
    if (!(rd.buf = malloc(BLOCK + 1))) goto done;
    /* The write lock first: the indicators and areas checked against cannot change before the
    ** rows that refer to them are written. */
    if (store_begin(st)) goto done;
    began = 1;
    if (measure_indicators(st, 0, add_indicator, &im) < 0 || measure_areas(st, add_area, &im) < 0 ||
        im.oom)
        goto done;
    settle(&im.indicators);
    settle(&im.areas);

    int toolong;
    char *line = next_line(&rd, &toolong);
    im.line = 1;
    if (line && toolong && memchr(rd.buf, '\r', rd.len ? rd.len : BLOCK)) {
        problem(&im, NULL, "%s", "lines end in a carriage return only; save it as CSV in UTF-8");
        rc = 1;
        goto done;
    }
    if (!line || toolong) {
        problem(&im, "the first line names the columns: indicator,area,period,value,...",
                line ? "the header is too long" : "the file is empty");
        rc = 1;
        goto done;
    }
    if (strlen(line) != rd.last_len) { /* UTF-16, or not text at all */
        const char *format = wrong_format(line);
        problem(&im, format ? NULL : "save the file as CSV in UTF-8", "%s",
                format ? format : "the header contains a NUL byte");
        rc = 1;
        goto done;
    }
    if (read_header(&im, line)) {
        rc = 1;
        goto done;
    }
    out->event = measure_next_event_id(st);
    if (out->event < 0 || !(mi = measure_import_begin(st, out->event))) goto done;
    while ((line = next_line(&rd, &toolong))) {
        im.line++;
        if (o->progress && (im.line & 0xFFFF) == 0) draw_progress(&im, &rd, sb.st_size);
        if (toolong) {
            problem(&im, NULL, "the line is longer than %d bytes", BLOCK - 1);
            continue;
        }
        if (!*line && rd.last_len == 0) continue; /* a blank line */
        if (strlen(line) != rd.last_len) {
            problem(&im, "save the file as CSV in UTF-8", "the line contains a NUL byte");
            continue;
        }
        mrow r;
        if (!check_row(&im, line, &r)) continue;
        out->rows++;
        int w = measure_import_row(mi, &r);
        if (w < 0) goto done;
        if (w == MI_ADDED) out->added++;
        if (w == MI_CHANGED) out->changed++;
        if (w == MI_UNCHANGED) out->unchanged++;
        if (w == MI_DUPLICATE) {
            if (im.ndups < IMPORT_MAX_PLACED) {
                key_of(&r, im.dups[im.ndups].key, sizeof im.dups[im.ndups].key);
                im.dups[im.ndups++].line = im.line;
                im.problems++; /* reported with its first line, once that is found */
            } else {
                problem(&im, "each indicator, area and period once per file",
                        "the same indicator, area and period as an earlier line");
            }
        }
    }
    if (ferror(rd.f)) {
        diag_add(d, path, 0, 0, NULL, "reading failed part way");
        goto done;
    }
    if (o->progress) fprintf(stderr, "\r\033[K");
    if (im.problems) {
        out->event = 0; /* nothing is logged for a refused file */
        if (im.ndups) place_duplicates(&im, &rd);
        rc = 1;
        goto done;
    }
    if (o->dry_run || out->added + out->changed == 0) {
        out->event = 0; /* nothing to log: a re-import leaves the database as it was */
        rc = 0;
        goto done;
    }
    if (log_import(&im, o, out) || measure_next_event_id(st) != out->event + 1 ||
        store_readiness_forget(st, NULL)) /* checks may read figures */
        goto done;
    measure_import_end(mi);
    mi = NULL;
    if (store_commit(st)) goto done;
    began = 0;
    rc = 0;
done:
    measure_import_end(mi);
    if (began) store_rollback(st);
    out->problems = im.problems;
    free_table(&im.indicators);
    free_table(&im.areas);
    free(rd.buf);
    if (rd.f != stdin) fclose(rd.f);
    return rc;
}
