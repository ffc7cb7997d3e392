/*
** out.h: how spil talks to people and to programs.
**
** Colour only when the stream is a terminal, NO_COLOR is unset and TERM is not "dumb", unless
** --color says otherwise; the escape helpers return "" otherwise, so callers print them
** unconditionally. -q and -v set how much text a command prints (out_quiet, out_verbose). JSON
*documents are
** written with jansson, indented, one document per command, ending in a newline. Text that
** came from users (names, reasons, values) reaches a terminal only through out_text.
*/
#ifndef SPIL_OUT_H
#define SPIL_OUT_H

#include <stdint.h>
#include <stdio.h>

#include <jansson.h>

#include "model.h"

/* 1 when output to f should be coloured: always or never when the command line says so
** (--color=always, --color=never, --no-color), else (auto) when f is a terminal, NO_COLOR is unset
** or empty and TERM is not "dumb". */
int out_color(FILE *f);
typedef enum { OUT_COLOR_AUTO, OUT_COLOR_ALWAYS, OUT_COLOR_NEVER } out_color_mode;
void out_set_color(out_color_mode mode);

/* How much a command tells people (never its JSON): -q only errors and the verdict line, -v more
** detail. Set once by the command line, read where text is printed. */
typedef enum { OUT_QUIET = -1, OUT_NORMAL = 0, OUT_VERBOSE = 1 } out_level;
void out_set_level(out_level level);
int out_quiet(void);
int out_verbose(void);
const char *out_bold(int color);
const char *out_dim(int color);
const char *out_red(int color);
const char *out_green(int color);
const char *out_yellow(int color);
const char *out_reset(int color);

/* out_text flags. OUT_LINES: newline and tab pass through, for text laid out in lines and
** columns (the REPL's printer); without it they are shown as \n and \t. */
#define OUT_LINES 1

/* Write len bytes of s (which may hold NULs; NULL writes nothing) to f as terminal text, so that
** no value can drive the terminal, or hide or reorder the text around it. Printable UTF-8 passes
** through unchanged. Shown visibly instead: C0 controls and DEL as \a \b \t \n \v \f \r \e
** or \xNN (\x00 for NUL); C1 controls (U+0080-009F), bidi controls (U+061C, U+200E/F,
** U+202A-202E, U+2066-2069), invisible characters (U+00AD, U+180E, U+200B-200D,
** U+2028/2029, U+2060-206F, U+FEFF, U+FFF9-FFFB, tags U+E0000-E007F) as <U+XXXX>; each byte
** that is not part of valid UTF-8 (overlong forms and surrogates included) as \xNN. Backslash
** itself passes through. Returns the characters written, counting each shown escape by its
** length (for padding columns), or -1 on a write error. */
int out_text(FILE *f, const char *s, size_t len, int flags);
/* out_text for a NUL-terminated s (NULL: nothing), flags 0: a name, an id, a reason. */
int out_str(FILE *f, const char *s);
/* out_str, then spaces up to width characters (none when s is longer): a column. */
int out_col(FILE *f, const char *s, int width);

/* s as a JSON string (NULL as ""); bytes that are not UTF-8 become '?' (Jansson takes UTF-8
** only, and a path or a message can still carry stray bytes: the error is not lost). */
json_t *out_json_text(const char *s);
/* A canonical model value as JSON: booleans, numbers, strings; null when v is NULL. */
json_t *out_json_value(model_type t, const char *v);
/* Write doc to f (indented, newline) and release it. 0, or -1 on a write error. While capturing
** (the command line's --json: cli.c wraps the command's document in the envelope), a document
** for stdout is kept instead, and out_json_take hands it over (NULL when there was none). */
int out_json(FILE *f, json_t *doc);
void out_json_capture(int on);
json_t *out_json_take(void);

/* src into dst (cap bytes, at least 1), cut between UTF-8 characters when it does not fit, so
** that a cut text stays valid UTF-8 (Jansson refuses anything else). Returns dst. */
char *out_copy(char *dst, size_t cap, const char *src);

/* Current time as UTC ISO 8601 (e.g. 2026-11-23T22:15:03Z) into buf (32 bytes). $SPIL_NOW, when
** set, is used instead, so tests and demos are reproducible. */
const char *out_now(char *buf);
/* Today's date (YYYY-MM-DD) by the same clock, into buf (16 bytes). */
const char *out_today(char *buf);
/* $SPIL_NOW as seconds since the epoch (UTC), or 0 when it is not set: the clock region code's
** os.time() and os.date() see. */
int64_t out_clock(void);

#endif
