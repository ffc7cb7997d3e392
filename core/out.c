/*
** out.c: terminal colour and how much to say (-q, -v), terminal text (out_text, the one escaping of
*user text for people),
** JSON values and documents, and the clock (see out.h).
*/
#include "out.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* Set from the command line, once, before a command runs. */
static out_color_mode color_mode = OUT_COLOR_AUTO;
static out_level level = OUT_NORMAL;

void out_set_color(out_color_mode mode) {
    color_mode = mode;
}

void out_set_level(out_level l) {
    level = l;
}

int out_quiet(void) {
    return level == OUT_QUIET;
}

int out_verbose(void) {
    return level == OUT_VERBOSE;
}

int out_color(FILE *f) {
    if (color_mode != OUT_COLOR_AUTO) return color_mode == OUT_COLOR_ALWAYS;
    const char *no = getenv("NO_COLOR"), *term = getenv("TERM");
    if (no && *no) return 0;
    if (term && strcmp(term, "dumb") == 0) return 0;
    return isatty(fileno(f));
}

const char *out_bold(int c) {
    return c ? "\033[1m" : "";
}
const char *out_dim(int c) {
    return c ? "\033[2m" : "";
}
const char *out_red(int c) {
    return c ? "\033[31m" : "";
}
const char *out_green(int c) {
    return c ? "\033[32m" : "";
}
const char *out_yellow(int c) {
    return c ? "\033[33m" : "";
}
const char *out_reset(int c) {
    return c ? "\033[0m" : "";
}

/* The code point of the valid UTF-8 sequence at s (n bytes left) into *cp, and its length; 0 when
** s does not start one (a stray byte, an overlong form, a surrogate, past U+10FFFF, cut short). */
static size_t utf8_decode(const unsigned char *s, size_t n, unsigned long *cp) {
    unsigned char b = s[0];
    size_t w = b < 0x80                 ? 1
               : b >= 0xC2 && b <= 0xDF ? 2
               : b >= 0xE0 && b <= 0xEF ? 3
               : b >= 0xF0 && b <= 0xF4 ? 4
                                        : 0;
    if (!w || w > n) return 0;
    unsigned long c = w == 1 ? b : b & (0x7F >> w);
    for (size_t i = 1; i < w; i++) {
        if ((s[i] & 0xC0) != 0x80) return 0;
        c = c << 6 | (s[i] & 0x3F);
    }
    static const unsigned long least[] = {0, 0, 0x80, 0x800, 0x10000};
    if (c < least[w] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return 0;
    *cp = c;
    return w;
}

/* Whether code point c must be shown as <U+XXXX>: a C1 control, a bidi control or invisible. */
static int hidden(unsigned long c) {
    return (c >= 0x80 && c <= 0x9F) || c == 0xAD || c == 0x61C || c == 0x180E ||
           (c >= 0x200B && c <= 0x200F) || (c >= 0x2028 && c <= 0x202E) ||
           (c >= 0x2060 && c <= 0x206F) || c == 0xFEFF || (c >= 0xFFF9 && c <= 0xFFFB) ||
           (c >= 0xE0000 && c <= 0xE007F);
}

/* The letter of C0 control c's usual escape (\e for ESC), or 0 when it has none. */
static char c0_name(unsigned long c) {
    switch (c) {
    case '\a': return 'a';
    case '\b': return 'b';
    case '\t': return 't';
    case '\n': return 'n';
    case '\v': return 'v';
    case '\f': return 'f';
    case '\r': return 'r';
    case 0x1B: return 'e';
    default: return 0;
    }
}

int out_text(FILE *f, const char *s, size_t len, int flags) {
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, run = 0; /* p[run..i) is printable and not yet written */
    size_t chars = 0;
    int bad = 0;
    while (i < len) {
        unsigned long c = 0;
        size_t w = utf8_decode(p + i, len - i, &c);
        int control =
            w == 1 && (c < 0x20 || c == 0x7F) && !((flags & OUT_LINES) && (c == '\n' || c == '\t'));
        if (w && !control && !hidden(c)) {
            chars++;
            i += w;
            continue;
        }
        if (i > run && fwrite(p + run, 1, i - run, f) != i - run) bad = 1;
        char name = control ? c0_name(c) : 0;
        int n;
        if (name)
            n = fprintf(f, "\\%c", name);
        else if (w)
            n = control ? fprintf(f, "\\x%02lx", c) : fprintf(f, "<U+%04lX>", c);
        else
            n = fprintf(f, "\\x%02x", p[i]);
        if (n < 0) bad = 1;
        chars += n > 0 ? (size_t)n : 0;
        i += w ? w : 1;
        run = i;
    }
    if (i > run && fwrite(p + run, 1, i - run, f) != i - run) bad = 1;
    return bad ? -1 : chars > INT_MAX ? INT_MAX : (int)chars;
}

int out_str(FILE *f, const char *s) {
    return s ? out_text(f, s, strlen(s), 0) : 0;
}

int out_col(FILE *f, const char *s, int width) {
    int n = out_str(f, s);
    if (n >= 0 && n < width) fprintf(f, "%*s", width - n, "");
    return n < 0 ? n : n < width ? width : n;
}

json_t *out_json_text(const char *s) {
    json_t *j = json_string(s ? s : "");
    if (j || !s) return j;
    char *copy = strdup(s);
    if (!copy) return NULL;
    for (char *p = copy; *p; p++)
        if ((unsigned char)*p >= 0x80) *p = '?';
    j = json_string(copy);
    free(copy);
    return j;
}

json_t *out_json_value(model_type t, const char *v) {
    if (!v) return json_null();
    switch (t) {
    case FT_BOOL: return json_boolean(v[0] == '1');
    case FT_INT: return json_integer(strtoll(v, NULL, 10));
    case FT_NUM: {
        double d = strtod(v, NULL);
        if (d == (double)(long long)d && d < 9e15) return json_integer((long long)d);
        return json_real(d);
    }
    default: return json_string(v);
    }
}

static int capturing;
static json_t *captured;

void out_json_capture(int on) {
    capturing = on;
}

json_t *out_json_take(void) {
    json_t *doc = captured;
    captured = NULL;
    return doc;
}

int out_json(FILE *f, json_t *doc) {
    if (!doc) { /* json_pack refused a value: a text that is not UTF-8, or no memory */
        fprintf(stderr, "spil: internal error: could not make the JSON output\n");
        return -1;
    }
    if (capturing && f == stdout) { /* the envelope's result (cli.c) */
        json_decref(captured);
        captured = doc;
        return 0;
    }
    int r = json_dumpf(doc, f, JSON_INDENT(2) | JSON_REAL_PRECISION(15));
    json_decref(doc);
    if (r == 0 && fputc('\n', f) == EOF) r = -1;
    return r ? -1 : 0;
}

char *out_copy(char *dst, size_t cap, const char *src) {
    size_t n = strlen(src);
    if (n >= cap) {
        n = cap - 1;
        while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80) /* src[n] continues a char */
            n--;
    }
    memcpy(dst, src, n);
    dst[n] = '\0';
    return dst;
}

const char *out_now(char *buf) {
    const char *fixed = getenv("SPIL_NOW");
    if (fixed && *fixed) {
        snprintf(buf, 32, "%s", fixed);
        return buf;
    }
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(buf, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

const char *out_today(char *buf) {
    char now[32];
    snprintf(buf, 16, "%.10s", out_now(now));
    return buf;
}

int64_t out_clock(void) {
    const char *fixed = getenv("SPIL_NOW");
    if (!fixed || !*fixed) return 0;
    struct tm tm = {0};
    const char *end = strptime(fixed, "%Y-%m-%dT%H:%M:%S", &tm);
    if (!end) end = strptime(fixed, "%Y-%m-%d", &tm);
    if (!end) return 0;
    /* Days since 1970-01-01 of the civil date (H. Hinnant's algorithm; timegm is not POSIX). */
    int64_t y = tm.tm_year + 1900 - (tm.tm_mon < 2), era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400, m = tm.tm_mon + 1;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + tm.tm_mday - 1;
    int64_t days = era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
    return days * 86400 + tm.tm_hour * 3600 + tm.tm_min * 60 + tm.tm_sec;
}
