/*
** diag.h: diagnostics about input files, collected and then reported all at once.
**
** A diagnostic is one problem at file:line:column with a message and an optional hint
** ("did you mean 'municipalities'?"). Producers add as many as they find; diag_print sorts
** them by file and position and prints one line each:
**   regions/zhz/region.yaml:14:7: error: unknown key 'gemeentes'; did you mean 'municipalities'?
** With --json the same facts come as objects {file, line, col, message, hint}.
** Line and column are 1-based; 0 means "not known" and is left out of the output.
*/
#ifndef SPIL_DIAG_H
#define SPIL_DIAG_H

#include <stddef.h>
#include <stdio.h>

#include <jansson.h>

typedef struct diag diag;

diag *diag_new(void);
void diag_free(diag *d);

/* Add an error. hint may be NULL. Messages are copied. */
void diag_add(diag *d, const char *file, int line, int col, const char *hint, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
size_t diag_count(const diag *d);

/* Print every diagnostic, sorted, to f; colour when color is set. */
void diag_print(diag *d, FILE *f, int color);
/* The same, but a diagnostic without a file (about a value given on a command line: its file is
** "") reads "PREFIX: message; hint" ("spil: sign: invalid status ..."), not "error: ...". */
void diag_print_prefixed(diag *d, FILE *f, int color, const char *prefix);
/* Print every diagnostic as a JSON document {"errors": [...]} to f (a file "" as null). */
void diag_print_json(diag *d, FILE *f);
/* The same errors, sorted, as a JSON array of {file, line, col, message, hint} (a new
** reference, NULL when out of memory); *not_shown: how many were dropped past the cap. */
json_t *diag_json(diag *d, size_t *not_shown);

/* The nearest of candidates (NULL-terminated) to word, if close enough to suggest; else NULL. */
const char *diag_suggest(const char *word, const char *const *candidates);

/* s made safe to quote in a message, in buf (size bytes; 48 is enough) and returned: control
** characters (a newline, an escape) become '?', and past 44 bytes (or size - 4) it is cut between
** UTF-8 characters and ends in "...". NULL is quoted as "". */
const char *diag_quote(const char *s, char *buf, size_t size);

#endif
