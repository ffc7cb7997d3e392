/*
** report.h: spil report, the report a kerngroep meeting or the learning network reads.
**
** One gathering, three ways out. report_region and report_all gather everything a report
** shows into one JSON document (its shape is docs/report.md's, and --format json prints it as
** it is); report_md and report_html render that document, and only that: no renderer reads the
** store, so the three formats cannot disagree. The readiness comes from the region runtime
** (rt_evaluate, what spil check runs), the governance verdicts from rt_decision_verdict, the
** figures from measure.c (the small-count rule applied there), the changes from the event log.
**
** Files: report_data.c (gathering one region), report_all.c (every region), report_md.c,
** report_html.c, report_svg.c (the charts), report_nl.c (the Dutch words of the report),
** report_out.c (what the renderers share: the walk over the sections, the tables described
** once, the formatted writer), cmd_report.c (the command, the output file and the memory of
** the last report).
*/
#ifndef SPIL_REPORT_H
#define SPIL_REPORT_H

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>

#include <jansson.h>

struct store;

/* The version of the JSON document; raised when a key changes meaning or goes away. */
#define REPORT_VERSION 1
/* Funding whose period ends within this many days is "ending soon". */
#define REPORT_ENDING_SOON_DAYS 90
/* Without --since and without an earlier report: the changes of this many days. */
#define REPORT_DEFAULT_DAYS 90
/* The last periods of each indicator shown, in the chart and in its table. */
#define REPORT_PERIODS 12
/* Without agreed indicators: up to this many catalogue indicators with figures are shown. */
#define REPORT_FALLBACK_INDICATORS 6
/* The decisions shown, newest first. */
#define REPORT_DECISIONS 8
/* The changes listed one by one; beyond, they are counted. */
#define REPORT_CHANGES 60

typedef struct report_opts {
    const char *programme; /* only this programme (NULL: every one the region runs) */
    const char *since;     /* YYYY-MM-DD, or NULL: since the last report written */
    const char *today;     /* YYYY-MM-DD */
    const char *now;       /* ISO 8601 UTC, when the report is made */
} report_opts;

/* The report of region as a JSON document (a new reference), or NULL with *err (malloc'd) and
** *code the exit code (2: unknown programme, 3: storage or runtime). Reads only. */
json_t *report_region(struct store *st, const char *region, const report_opts *o, char **err,
                      int *code);
/* The learning network's page: every region's step and readiness, the requirements that block
** the most regions, the indicators compared. */
json_t *report_all(struct store *st, const report_opts *o, char **err, int *code);

/* Render a document of report_region (or report_all: its "report" is "all") to f. 0, or -1 on
** a write error. */
int report_md(FILE *f, const json_t *doc);
int report_html(FILE *f, const json_t *doc);

/* The id and time of the last report written for region (the event log's 'report' events):
** 0 and *id, at (32 bytes) when there is one, 1 when none, -1 on a storage error. */
int report_last(struct store *st, const char *region, int64_t *id, char *at);

/* ---- shared by the gatherers (report_data.c) ---- */

/* Indicator code ("code" or "region/code") for area: { code, name, unit, agreed, kind, series
** (its last REPORT_PERIODS values), national (the nation's value of each of those periods, or
** null) } into *out. 0, or -1 on a storage error. */
int report_indicator(struct store *st, const char *code, const char *area, int agreed,
                     json_t **out);
/* The values of object as a new array, sorted by cmp (qsort's, over json_t *const *). */
json_t *report_sorted_values(json_t *object, int (*cmp)(const void *, const void *));

/* ---- shared by the renderers (report_out.c, report_nl.c) ---- */

/* The string of key k of the document's object o (NULL when absent), its integer (0). */
static inline const char *report_str(const json_t *o, const char *k) {
    return json_string_value(json_object_get(o, k));
}
static inline json_int_t report_int(const json_t *o, const char *k) {
    return json_integer_value(json_object_get(o, k));
}
/* s, or "-" when it is NULL or empty. */
static inline const char *report_or_dash(const char *s) {
    return s && *s ? s : "-";
}

/* How a renderer makes a value from the data safe in its format (NULL writes nothing). */
typedef void report_escape(FILE *f, const char *s);
/* fmt to f: %s a value from the data, through escape; %r spil's own text (markup), raw; %d an
** int; %lld a long long; %g a double with one decimal (a tiny one as 0.0); %%. */
void report_vout(FILE *f, report_escape *escape, const char *fmt, va_list ap);

/* ---- the tables, each described once, and a renderer's markup (report_out.c) ---- */

/* How a column is marked (report_table's flags). */
#define REPORT_NUM       1u  /* a number: right-aligned in HTML, its header and its cells */
#define REPORT_NUM_CELLS 2u  /* its cells right-aligned, its header not (the steps' "#") */
#define REPORT_ROW_HEAD  4u  /* the cell that heads its row (HTML's th scope="row") */
#define REPORT_HTML_ONLY 8u  /* a column only the HTML page has */
#define REPORT_MD_BLANK  16u /* a column whose header the Markdown leaves blank */

#define REPORT_COLS 8
typedef struct report_row report_row;
typedef struct report_table {
    const char *caption;            /* the HTML caption, spil's words: %s caption_key's value */
    const char *caption_key;        /* its key in the object the table is of (NULL: none) */
    const char *heads[REPORT_COLS]; /* the columns' headers, up to the first NULL */
    unsigned flags[REPORT_COLS];    /* each column's REPORT_NUM, ... */
    /* Row x (r->k, of r->of): each column's cell in order, with report_cell. */
    void (*row)(report_row *r, const json_t *x);
} report_table;

/* What a renderer writes in a cell where the formats differ. */
typedef struct report_marks {
    const char *strong, *strong_end; /* the current step */
    /* a check's outcome: pass, fail, advisory, an error, waiting for another check, not
    ** applicable */
    const char *check[6];
    const char *signed_, *signed_end; /* around the status of a party that signed */
    const char *decides;              /* "ja": the member decides with a mandate */
    const char *late;                 /* an overdue action ("open" otherwise) */
    const char *municipality;         /* the key a role's municipality is shown by (HTML the
                                      ** name, Markdown the code) */
} report_marks;

/* A renderer's markup (report_md.c, report_html.c): its escape, paragraphs and headings, its
** table primitive and its marks. */
typedef struct report_markup {
    report_escape *escape;       /* a value from the data */
    const char *h3, *h3_end;     /* around a heading within a section */
    const char *p, *p_end;       /* around a paragraph */
    const char *meta, *meta_end; /* around a paragraph that says what follows is about */
    unsigned skip;               /* the columns with any of these flags are left out */
    /* The table's start, with its caption (%s: value, escaped); then the header of a column
    ** (its flags), the n-th shown; then the end of the n headers. open may be NULL. */
    void (*open)(FILE *f, const char *caption, const char *value);
    void (*head)(FILE *f, const char *head, unsigned flags, int n);
    void (*head_end)(FILE *f, int n);
    void (*cell)(FILE *f, unsigned flags, int n); /* starts cell n (0: the row's first) */
    void (*cell_end)(FILE *f, unsigned flags);    /* ends it (may be NULL) */
    void (*row_end)(FILE *f);
    void (*close)(FILE *f);
    report_marks marks;
} report_markup;

/* A row being written: its cells with report_cell and report_more, marks from m->marks. */
struct report_row {
    FILE *f;
    const report_markup *m;
    const report_table *t;
    const json_t *of; /* the object the table is of */
    size_t k;         /* the row's index */
    int col, n;       /* the column of the cell being written (-1: none yet), the cells written */
};

/* Table t of object of (NULL: none) to f in markup m: a row per element of rows. */
void report_tabulate(FILE *f, const report_markup *m, const report_table *t, const json_t *rows,
                     const json_t *of);
/* The same, or when rows is empty the sentence empty (spil's words) as a paragraph. */
void report_tabulate_or(FILE *f, const report_markup *m, const report_table *t, const json_t *rows,
                        const json_t *of, const char *empty);
/* A paragraph of spil's own words in markup m. */
void report_paragraph(FILE *f, const report_markup *m, const char *text);
/* The next column's cell: fmt as report_vout, through m's escape (nothing in a column m leaves
** out). */
void report_cell(report_row *r, const char *fmt, ...);
/* More of the cell being written. */
void report_more(report_row *r, const char *fmt, ...);

/* The tables of a region's report and of the learning network's page that the Markdown and
** the HTML show alike (report_out.c): a programme's steps and its checks, a body's members, an
** agreement's parties, the roles, the responsibilities, the open actions, an indicator's
** figures, and (--all) the requirements that block regions. */
extern const report_table report_steps, report_checks, report_members, report_parties, report_roles,
    report_responsibilities, report_actions, report_series, report_blockers;

typedef struct report_format report_format;

/* The sections of a region's report, in order (report_out.c): the anchor id, the Dutch title,
** the list in the document (list, within it sublist, or NULL) whose emptiness makes the section
** the one sentence empty, and the body when both renderers write it alike (NULL: each its own;
** report_section_*). */
#define REPORT_SECTIONS 9
typedef struct report_section {
    const char *id, *title, *list, *sublist, *empty;
    void (*body)(FILE *f, const json_t *doc, const report_format *fmt);
} report_section;
extern const report_section report_sections[REPORT_SECTIONS];

/* A renderer's part in the walk over a region's report: open writes a section's heading,
** body[i] the rest of section i when report_sections has no body for it, close ends a section
** (open and close may be NULL); the rest is what the sections written alike need. */
struct report_format {
    const report_markup *markup;
    void (*chart)(FILE *f, const json_t *ind, size_t i); /* indicator i's chart (NULL: none) */
    void (*open)(FILE *f, const report_section *s);
    void (*body[REPORT_SECTIONS])(FILE *f, const json_t *doc);
    void (*close)(FILE *f);
};
/* Every section of doc (a region's report) in order, through fmt: the one walk over the
** document that the Markdown and the HTML renderers share. */
void report_walk(FILE *f, const json_t *doc, const report_format *fmt);

/* The bodies of the sections both renderers write alike: the agreements with their parties,
** the roles and responsibilities, the open actions, the indicators (each with its chart when
** the format draws one, and its figures). */
void report_section_agreements(FILE *f, const json_t *doc, const report_format *fmt);
void report_section_roles(FILE *f, const json_t *doc, const report_format *fmt);
void report_section_actions(FILE *f, const json_t *doc, const report_format *fmt);
void report_section_indicators(FILE *f, const json_t *doc, const report_format *fmt);

/* An indicator's title, "code: name (unit)", each value through escape (the name
** REPORT_NL_NO_NAME when its source gives none, no unit without one). */
void report_indicator_title(FILE *f, report_escape *escape, const json_t *ind);

/* A group of changes (an element of changes.groups) in words: "van stap a naar stap b", or
** "3 × organisatie toegevoegd: a, b" (more, "..." or "…", when keys are left out), then
** "; reden: ..." when it has one; each value through escape. */
void report_change_text(FILE *f, report_escape *escape, const json_t *group, const char *more);

/* What a catalogue indicator without a name in its source is called. */
#define REPORT_NL_NO_NAME "naam niet gegeven door de bron"

/* The Dutch word for value v of the model field "table.field" (agreement_party.status,
** signed: "getekend"); v itself when there is none. */
const char *report_nl_value(const char *field, const char *v);
/* The Dutch name of a model entity (organisation: "organisatie"), or e itself. */
const char *report_nl_entity(const char *e);
/* The Dutch verb of an event's action (add: "toegevoegd"), or a itself. */
const char *report_nl_action(const char *a);
/* The Dutch name of a finding's subject kind (person: "Persoon"), or k itself. */
const char *report_nl_subject(const char *k);
/* A date YYYY-MM-DD as "15 januari 2026" into buf (32 bytes), a time YYYY-MM-DDTHH:MM... as
** "15 januari 2026 om 10:00 UTC"; other text is copied. */
const char *report_nl_date(const char *d, char *buf);
/* "10 gemeenten doen mee" for a region's JSON (its members), with ", 3 kandidaten" when some
** have not joined yet, into buf (128 bytes). */
const char *report_nl_members(const json_t *region, char *buf);
/* A number with a decimal comma: 14,2 (decimals: digits after it). */
const char *report_nl_number(double v, int decimals, char *buf, size_t cap);
/* The same with its sign: "+1,2", "-0,3", and "0,0" for what rounds to zero. */
const char *report_nl_signed(double v, int decimals, char *buf, size_t cap);
/* report_nl_date of d, or "-" when d is NULL. */
const char *report_nl_date_or_dash(const char *d, char *buf);
/* A step's state (passed, current, next, later) in words: "huidige stap". */
const char *report_nl_step_state(const char *s);
/* A JSON true "ja", false "nee", anything else "-". */
const char *report_nl_yes_no(const json_t *v);
/* A figure (measure_value_json's object) as the report shows it: 14,2; "onderdrukt"; "-". */
const char *report_nl_figure(const json_t *v, char *buf, size_t cap);
/* The period of o's "since" and "until" in words ("1 januari 2026 tot en met ..."; "vanaf ...";
** "tot en met ..."; "-") into buf (96 bytes). */
const char *report_nl_period(const json_t *o, char *buf);
/* Why the changes start where they do (the document's changes.basis) in words. */
const char *report_nl_basis(const char *basis);

/* Days from 1970-01-01 of a YYYY-MM-DD date (the first 10 characters of s); 0 when s is not
** one. */
int64_t report_days(const char *s);
/* The day days from 1970-01-01 as YYYY-MM-DD into buf (16 bytes). */
const char *report_date(int64_t days, char *buf);

#endif
