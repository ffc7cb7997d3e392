/*
** diag.c: the collected diagnostics and their two printed forms.
**
** Owns: the list of diagnostics (file, line, column, message, hint) that producers fill with
** diag_add, its sorted printing as text (optionally coloured) or as JSON, diag_suggest's
** "did you mean" guess and diag_quote's safe echo of a user's value. Exports the functions of
** diag.h; everything else is file-static.
**
** Representation: a growable array of entries. Each entry owns one allocation holding its file,
** message and hint back to back, and remembers the order it was added in (`seq`), which makes the
** sort stable although qsort is not. At most DIAG_MAX entries are kept: a broken file can yield a
** diagnostic per line, and nobody reads the millionth. Those past the cap (or lost to a failed
** allocation) are only counted; diag_count includes them, so "were there errors?" stays true,
** and the printed forms say how many were left out.
**
** Messages and hints echo what users wrote, so diag_add makes them safe to print: a control
** character (a newline, an escape) becomes '?', so no value can start a line of its own that looks
** like a diagnostic or drive the terminal, and each is cut after DIAG_TEXT_MAX bytes. Callers cut a
** quoted value much shorter with diag_quote; the cap is the backstop for one that was not.
**
** The text form goes through out_text as well, which shows what '?' leaves (bidi controls,
** invisible characters, bytes that are not UTF-8) visibly.
**
** Does not: decide exit codes, or know what a terminal is (the caller passes color).
*/
#include "diag.h"
#include "out.h"

#include <assert.h>
#include <ctype.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define DIAG_MAX 1000

/* Longest message or hint kept, in bytes; longer ones are cut and end in "...". */
#define DIAG_TEXT_MAX 1024
/* Most bytes of a value that diag_quote keeps. */
#define DIAG_QUOTE_MAX 44

#define ANSI_BOLD  "\033[1m"
#define ANSI_ERROR "\033[1;31m"
#define ANSI_RESET "\033[0m"

typedef struct entry {
    const char *file;    /* points into text */
    const char *message; /* points into text */
    const char *hint;    /* points into text, or NULL */
    int line, col;       /* 1-based; 0 when not known */
    size_t seq;          /* order of diag_add, the tie-break that keeps sorting stable */
    char *text;          /* the one allocation behind file, message and hint */
} entry;

struct diag {
    entry *items;
    size_t n, cap;
    size_t dropped; /* added but not kept: past DIAG_MAX, or out of memory */
};

diag *diag_new(void) {
    return calloc(1, sizeof(diag));
}

void diag_free(diag *d) {
    if (!d) return;
    for (size_t i = 0; i < d->n; i++)
        free(d->items[i].text);
    free(d->items);
    free(d);
}

size_t diag_count(const diag *d) {
    return d->n + d->dropped;
}

/* Room for one more entry; 0 when full or out of memory. */
static int reserve(diag *d) {
    if (d->n >= DIAG_MAX) return 0;
    if (d->n < d->cap) return 1;
    size_t cap = d->cap ? 2 * d->cap : 16;
    if (cap > DIAG_MAX) cap = DIAG_MAX;
    entry *items = realloc(d->items, cap * sizeof *items);
    if (!items) return 0;
    d->items = items;
    d->cap = cap;
    return 1;
}

/* Bytes of s (of length len) to keep to cut it at most at max bytes, between UTF-8 characters. */
static size_t utf8_cut(const char *s, size_t len, size_t max) {
    if (len <= max) return len;
    size_t n = max;
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
        n--;
    return n;
}

static int is_control(unsigned char c) {
    return c < 0x20 || c == 0x7F;
}

/* Copy len bytes of s to out with control characters as '?'; "..." follows when cut is set. */
static void copy_safe(char *out, const char *s, size_t len, int cut) {
    for (size_t i = 0; i < len; i++)
        out[i] = is_control((unsigned char)s[i]) ? '?' : s[i];
    strcpy(out + len, cut ? "..." : "");
}

/* The length s (of length len) has once made safe by copy_safe, at most DIAG_TEXT_MAX; the first
** *keep bytes of it come from s, and "..." follows when that is not all of s. */
static size_t safe_length(const char *s, size_t len, size_t *keep) {
    if (len <= DIAG_TEXT_MAX) return *keep = len;
    *keep = utf8_cut(s, len, DIAG_TEXT_MAX - 3);
    return *keep + 3;
}

void diag_add(diag *d, const char *file, int line, int col, const char *hint, const char *fmt,
              ...) {
    assert(d && fmt);
    if (!file) file = "";
    if (!reserve(d)) {
        d->dropped++;
        return;
    }

    va_list ap, again;
    va_start(ap, fmt);
    va_copy(again, ap);
    int mlen = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *formatted = mlen < 0 ? NULL : malloc((size_t)mlen + 1);
    if (formatted) vsnprintf(formatted, (size_t)mlen + 1, fmt, again);
    va_end(again);
    if (!formatted) {
        d->dropped++;
        return;
    }
    size_t flen = strlen(file), mkeep, hkeep = 0, hlen = hint ? strlen(hint) : 0;
    size_t msize = safe_length(formatted, (size_t)mlen, &mkeep);
    size_t hsize = hint ? safe_length(hint, hlen, &hkeep) : 0;
    char *text = malloc(flen + 1 + msize + 1 + hsize + 1);
    if (!text) {
        free(formatted);
        d->dropped++;
        return;
    }
    char *message = text + flen + 1, *hint_copy = message + msize + 1;
    memcpy(text, file, flen + 1);
    copy_safe(message, formatted, mkeep, mkeep < (size_t)mlen);
    free(formatted);
    if (hint) copy_safe(hint_copy, hint, hkeep, hkeep < hlen);

    d->items[d->n] = (entry){.file = text,
                             .message = message,
                             .hint = hint ? hint_copy : NULL,
                             .line = line > 0 ? line : 0,
                             .col = col > 0 ? col : 0,
                             .seq = d->n,
                             .text = text};
    d->n++;
}

const char *diag_quote(const char *s, char *buf, size_t size) {
    if (size < 4) {
        if (size) buf[0] = '\0';
        return size ? buf : "";
    }
    if (!s) s = "";
    size_t max = size - 4 < DIAG_QUOTE_MAX ? size - 4 : DIAG_QUOTE_MAX;
    size_t len = strnlen(s, max + 1), keep = utf8_cut(s, len, max);
    copy_safe(buf, s, keep, keep < len);
    return buf;
}

/* By file, then line, then column; equal positions keep the order they were added in. */
static int by_position(const void *pa, const void *pb) {
    const entry *a = pa, *b = pb;
    int c = strcmp(a->file, b->file);
    if (c) return c;
    if (a->line != b->line) return a->line < b->line ? -1 : 1;
    if (a->col != b->col) return a->col < b->col ? -1 : 1;
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static void sort(diag *d) {
    if (d->n > 1) qsort(d->items, d->n, sizeof *d->items, by_position);
}

/* "file:line:col: ", leaving out what is not known. */
static void print_location(FILE *f, const entry *e, int color) {
    if (!e->file[0]) return;
    if (color) fputs(ANSI_BOLD, f);
    out_str(f, e->file);
    if (e->line) {
        fprintf(f, ":%d", e->line);
        if (e->col) fprintf(f, ":%d", e->col);
    }
    fputc(':', f);
    if (color) fputs(ANSI_RESET, f);
    fputc(' ', f);
}

void diag_print(diag *d, FILE *f, int color) {
    diag_print_prefixed(d, f, color, NULL);
}

void diag_print_prefixed(diag *d, FILE *f, int color, const char *prefix) {
    sort(d);
    for (size_t i = 0; i < d->n; i++) {
        const entry *e = &d->items[i];
        print_location(f, e, color);
        if (prefix && !e->file[0])
            fprintf(f, "%s: ", prefix);
        else
            fputs(color ? ANSI_ERROR "error:" ANSI_RESET " " : "error: ", f);
        out_str(f, e->message);
        if (e->hint) {
            fputs("; ", f);
            out_str(f, e->hint);
        }
        fputc('\n', f);
    }
    if (d->dropped) fprintf(f, "%zu more errors not shown\n", d->dropped);
}

/* A 1-based position, or null when not known. */
static json_t *json_position(int v) {
    return v ? json_integer(v) : json_null();
}

void diag_print_json(diag *d, FILE *f) {
    size_t dropped;
    json_t *root = json_pack("{s:o}", "errors", diag_json(d, &dropped));
    if (root && dropped) json_object_set_new(root, "not_shown", json_integer((json_int_t)dropped));
    if (root) json_dumpf(root, f, JSON_COMPACT);
    fputc('\n', f);
    json_decref(root);
}

json_t *diag_json(diag *d, size_t *not_shown) {
    sort(d);
    json_t *errors = json_array();
    for (size_t i = 0; i < d->n; i++) {
        const entry *e = &d->items[i];
        json_array_append_new(errors,
                              json_pack("{s:o, s:o, s:o, s:o, s:o}", "file",
                                        e->file[0] ? out_json_text(e->file) : json_null(), "line",
                                        json_position(e->line), "col", json_position(e->col),
                                        "message", out_json_text(e->message), "hint",
                                        e->hint ? out_json_text(e->hint) : json_null()));
    }
    *not_shown = d->dropped;
    return errors;
}

/*
** Optimal string alignment distance (Damerau-Levenshtein without moving a letter twice) between
** a and b, ASCII letters compared without case. Counts bytes, so a letter outside ASCII costs as
** many edits as it has bytes: good enough for keys and ids, which are ASCII. rows holds
** 3 * (lb + 1) values.
*/
static size_t osa_distance(const char *a, size_t la, const char *b, size_t lb, size_t *rows) {
    size_t *two_back = rows, *prev = rows + lb + 1, *cur = rows + 2 * (lb + 1);
    for (size_t j = 0; j <= lb; j++)
        prev[j] = j;
    for (size_t i = 1; i <= la; i++) {
        int ca = tolower((unsigned char)a[i - 1]);
        cur[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            int cb = tolower((unsigned char)b[j - 1]);
            size_t best = prev[j - 1] + (ca != cb);
            if (prev[j] + 1 < best) best = prev[j] + 1;
            if (cur[j - 1] + 1 < best) best = cur[j - 1] + 1;
            if (i > 1 && j > 1 && ca == tolower((unsigned char)b[j - 2]) &&
                tolower((unsigned char)a[i - 2]) == cb && two_back[j - 2] + 1 < best)
                best = two_back[j - 2] + 1;
            cur[j] = best;
        }
        size_t *t = two_back;
        two_back = prev;
        prev = cur;
        cur = t;
    }
    return prev[lb];
}

/*
** Dutch words that people in this domain type for the format's English keys. They are too far
** from the key for the edit distance to find, and a synonym is a surer guess than a near spelling.
*/
static const struct {
    const char *word, *key;
} synonyms[] = {
    {"gemeenten", "municipalities"},
    {"gemeentes", "municipalities"},
    {"organisaties", "organisations"},
    {"personen", "people"},
    {"mensen", "people"},
    {"rollen", "roles"},
    {"programma", "programmes"},
    {"programmas", "programmes"},
    {"programma's", "programmes"},
    {"organen", "bodies"},
    {"overleggen", "bodies"},
    {"afspraken", "agreements"},
    {"overeenkomsten", "agreements"},
    {"besluiten", "decisions"},
    {"financiering", "funding"},
    {"verantwoordelijkheden", "responsibilities"},
    {"themas", "themes"},
    {"thema's", "themes"},
    {"vergaderingen", "meetings"},
    {"acties", "actions"},
    {"evaluaties", "evaluations"},
    {"indicatoren", "indicators"},
    {"naam", "name"},
    {"leden", "members"},
    {"partijen", "parties"},
    {"soort", "kind"},
};

/* The candidate that word is a Dutch synonym of (case aside), or NULL. */
static const char *synonym(const char *word, const char *const *candidates) {
    for (size_t i = 0; i < sizeof synonyms / sizeof *synonyms; i++) {
        if (strcasecmp(word, synonyms[i].word) != 0) continue;
        for (const char *const *c = candidates; *c; c++)
            if (strcmp(*c, synonyms[i].key) == 0) return *c;
    }
    return NULL;
}

/*
** How many edits make a guess: one for words of up to five letters (two would turn 'kind' into
** 'id'), else a third of the word and at least two. Dutch words that are far from their English
** key ('naam' for 'name') come through the synonyms, not through distance.
*/
static size_t edit_limit(size_t len) {
    if (len < 6) return 1;
    return len / 3 > 2 ? len / 3 : 2;
}

const char *diag_suggest(const char *word, const char *const *candidates) {
    size_t len = strlen(word);
    if (!len || !candidates) return NULL;
    const char *known = synonym(word, candidates);
    if (known) return known;
    size_t limit = edit_limit(len);

    /* Only candidates within limit of word's length can be within limit of it. */
    size_t longest = 0;
    for (const char *const *c = candidates; *c; c++) {
        size_t clen = strlen(*c);
        if (clen <= len + limit && clen > longest) longest = clen;
    }
    size_t *rows = malloc(3 * (longest + 1) * sizeof *rows);
    if (!rows) return NULL;

    const char *best = NULL;
    size_t best_distance = limit + 1;
    for (const char *const *c = candidates; *c; c++) {
        size_t clen = strlen(*c);
        if (clen > len + limit || clen + limit < len) continue;
        size_t dist = osa_distance(word, len, *c, clen, rows);
        if (dist < best_distance) {
            best = *c;
            best_distance = dist;
        }
    }
    free(rows);
    return best;
}
