/*
** load_value.c: one value of a region file, checked and canonicalised by its field's model type
** (load.c's first pass calls it for every scalar; load_impl.h).
**
** Owns: what a valid id, reference, text, whole number, decimal, boolean, date, enumerated value,
** CBS code and script name is, and the canonical text of each (a Dutch synonym stored as the
** value it stands for, a number as the store prints it); the UTF-8, NUL and control-character
** checks; the message and hint for each way a value goes wrong (a Dutch number or date, a
** thousands point, an uppercase id, "did you mean" among an enumeration's words, a
** municipality's name for its code); load_check_line, the same checks for one line of text.
** Does not: walk the document or know which row a value belongs to (load.c), or look across
** rows (load_rows.c).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "load_impl.h"
#include "model.h"
#include "refdata.h"
#include "ydoc.h"

static int all_digits(const char *s, size_t n) {
    if (n == 0) return 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9') return 0;
    return 1;
}

/* A decimal the store holds exactly and prints back (model_format_num): at most 12 digits
** before the point, 6 after, 15 in all. */
static int valid_decimal(const char *s) {
    const char *dot = strchr(s, '.');
    size_t whole = dot ? (size_t)(dot - s) : strlen(s), frac = dot ? strlen(dot + 1) : 0;
    if (!all_digits(s, whole) || whole > 12 || frac > 6 || whole + frac > 15) return 0;
    return !dot || all_digits(dot + 1, frac);
}

/* 1 for a number that reads one way in Dutch and another here: one to three digits, a point,
** three digits (40.000 is forty thousand to a Dutch reader, forty to spil). A report shows
** amounts so (EUR 40.000), and typing back what it shows must not lose a factor of 1000. */
static int thousands_like(const char *v) {
    size_t whole = strspn(v, "0123456789");
    return whole >= 1 && whole <= 3 && v[0] != '0' && v[whole] == '.' &&
           strspn(v + whole + 1, "0123456789") == 3 && v[whole + 4] == '\0';
}

/* For a number written the Dutch way (4,5 or 12.000,50: points group thousands, a comma before
** the decimals), the hint to write it with a decimal point; else NULL. */
static const char *dutch_number(const char *v, char *buf, size_t cap) {
    const char *comma = strchr(v, ',');
    char plain[40];
    size_t n = 0, group = 0;
    if (!comma || strlen(v) >= sizeof plain || !all_digits(comma + 1, strlen(comma + 1)))
        return NULL;
    /* The whole part: digits, or groups of three after one to three, joined by points. */
    for (const char *p = v; p < comma; p++) {
        if (*p == '.') {
            if (!group || (group > 3 && n != group) || (n > group && group != 3)) return NULL;
            group = 0;
        } else if (*p >= '0' && *p <= '9') {
            plain[n++] = *p;
            group++;
        } else {
            return NULL;
        }
    }
    if (!group || (n > group && group != 3)) return NULL;
    snprintf(plain + n, sizeof plain - n, ".%s", comma + 1);
    if (!valid_decimal(plain)) return NULL;
    snprintf(buf, cap, "write it with a decimal point: %s", plain);
    return buf;
}

/* The first byte of s (n bytes) that breaks UTF-8, or -1 when it is all UTF-8. */
static int bad_utf8(const char *s, size_t n) {
    const unsigned char *p = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        unsigned char b = p[i];
        size_t w = b < 0x80 ? 1 : b >= 0xC2 && b < 0xE0 ? 2 : b >= 0xE0 && b < 0xF0 ? 3 : 4;
        if (b >= 0xF5 || (b >= 0x80 && b < 0xC2) || i + w > n) return b;
        for (size_t k = 1; k < w; k++)
            if ((p[i + k] & 0xC0) != 0x80) return b;
        /* Overlong forms, UTF-16 surrogates and code points past U+10FFFF. */
        if ((b == 0xE0 && p[i + 1] < 0xA0) || (b == 0xED && p[i + 1] >= 0xA0) ||
            (b == 0xF0 && p[i + 1] < 0x90) || (b == 0xF4 && p[i + 1] >= 0x90))
            return b;
        i += w;
    }
    return -1;
}

/* The first control character of s (n bytes of UTF-8) other than those in allowed: C0, DEL and
** C1 (U+0080 to U+009F, reported by its code point); -1 when there is none. */
static int control_char(const char *s, size_t n, const char *allowed) {
    const unsigned char *p = (const unsigned char *)s;
    for (size_t i = 0; i < n; i++) {
        if ((p[i] < 0x20 || p[i] == 0x7F) && !strchr(allowed, p[i])) return p[i];
        if (p[i] == 0xC2 && i + 1 < n && p[i + 1] >= 0x80 && p[i + 1] < 0xA0) return p[i + 1];
    }
    return -1;
}

static void join_values(const char *const *values, char *buf, size_t cap) {
    buf[0] = '\0';
    size_t len = 0;
    for (int i = 0; values[i] && len < cap; i++)
        len += (size_t)snprintf(buf + len, cap - len, "%s%s", i ? ", " : "", values[i]);
}

/* Why a YYYY-MM-DD text is not a date, as a hint; NULL when it is not even shaped like one. */
static const char *date_hint(const char *v, char *buf, size_t cap) {
    static const char *const months[] = {"January",   "February", "March",    "April",
                                         "May",       "June",     "July",     "August",
                                         "September", "October",  "November", "December"};
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int a, b, c, end = 0;
    char s1, s2;
    /* Day first, as Dutch dates are written (1-12-2025, 01.12.2025): the same date year first. */
    if (strspn(v, "0123456789-./") == strlen(v) &&
        sscanf(v, "%2d%c%2d%c%4d%n", &a, &s1, &b, &s2, &c, &end) == 5 && !v[end] && s1 == s2 &&
        strchr("-./", s1) && c >= 1000 && a > 0 && b > 0) {
        char iso[40];
        snprintf(iso, sizeof iso, "%04d-%02d-%02d", c, b, a);
        if (!model_valid_date(iso)) return date_hint(iso, buf, cap); /* 30-2-2024: no such day */
        snprintf(buf, cap, "write it year first: %s", iso);
        return buf;
    }
    if (strlen(v) != 10 || v[4] != '-' || v[7] != '-' || !all_digits(v, 4) ||
        !all_digits(v + 5, 2) || !all_digits(v + 8, 2))
        return NULL;
    int y = atoi(v), m = atoi(v + 5), d = atoi(v + 8);
    if (y < 1900) return "the year must be 1900 or later";
    if (m < 1 || m > 12) {
        snprintf(buf, cap, "there is no month %d", m);
        return buf;
    }
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    int n = mdays[m - 1] + (m == 2 && leap);
    if (d < 1 || d > n) {
        if (m == 2)
            snprintf(buf, cap, "February %d has %d days", y, n);
        else
            snprintf(buf, cap, "%s has %d days", months[m - 1], n);
        return buf;
    }
    return NULL;
}

/* Check scalar node n as field f and write its canonical text to out (cap bytes).
** Returns 1 when valid, 0 after reporting the problem. */
int load_check_scalar(loader *L, const model_field *f, const ynode *n, char *out, size_t cap) {
    const char *v = n->str;
    char q[48]; /* v as echoed in messages: cut short, control characters shown as '?' */
    diag_quote(v, q, sizeof q);
#define BAD(hint, ...) (diag_add(L->d, L->file, n->line, n->col, hint, __VA_ARGS__), 0)
    if (n->kind != YN_SCALAR)
        return BAD(NULL, "'%s' must be a single value, not %s", f->name, ydoc_kind_name(n));
    if (strlen(v) != n->len) return BAD(NULL, "'%s' contains a NUL byte", f->name);
    int b = bad_utf8(v, n->len); /* a file's text is UTF-8 already; a command line's may not be */
    if (b >= 0)
        return BAD("send the text as UTF-8", "'%s' is not valid UTF-8 (byte 0x%02X)", f->name, b);
    switch (f->type) {
    case FT_ID:
        if (!model_valid_id(v))
            return BAD("use lowercase letters, digits, '-', '_' and '.', at most 64 characters",
                       "invalid id '%s' for '%s'", q, f->name);
        break;
    case FT_REF:
        if (!model_valid_id(v)) {
            char lower[80], hint[120];
            size_t k = 0;
            for (; v[k] && k + 1 < sizeof lower; k++)
                lower[k] = v[k] >= 'A' && v[k] <= 'Z' ? (char)(v[k] - 'A' + 'a') : v[k];
            lower[k] = '\0';
            int fixable = !v[k] && model_valid_id(lower);
            if (fixable) snprintf(hint, sizeof hint, "ids are lowercase: '%s'", lower);
            return BAD(fixable ? hint : NULL, "invalid reference '%s' in '%s'", q, f->name);
        }
        break;
    case FT_STR:
        if (strchr(v, '\n')) return BAD("use a shorter text", "'%s' must be one line", f->name);
        /* fall through */
    case FT_TEXT:
        if (!*v) return BAD(NULL, "'%s' is empty", f->name);
        if ((b = control_char(v, n->len, f->type == FT_TEXT ? "\n\t" : "")) >= 0)
            return BAD("remove it", "'%s' contains a control character (U+%04X)", f->name, b);
        break;
    case FT_INT:
        if (!n->plain && all_digits(v, n->len))
            return BAD("write the number without quotes", "'%s' must be a whole number, got '%s'",
                       f->name, q);
        if (all_digits(v, n->len) && n->len > 12)
            return BAD(NULL, "'%s' must be a whole number from 0 to 999999999999, got '%s'",
                       f->name, q);
        if (!all_digits(v, n->len))
            return BAD(NULL, "'%s' must be a whole number, got '%s'", f->name, q);
        if (model_field_max(f) > 0 && strtod(v, NULL) > model_field_max(f))
            return BAD(NULL, "'%s' (%s) is at most %g, got '%s'", f->name, f->doc,
                       model_field_max(f), q);
        snprintf(out, cap, "%lld", strtoll(v, NULL, 10));
        return 1;
    case FT_NUM:
        if (!n->plain && valid_decimal(v))
            return BAD("write the number without quotes",
                       "'%s' must be a number such as 12 or 4.5, got '%s'", f->name, q);
        if (!valid_decimal(v)) {
            char hint[96];
            return BAD(strspn(v, "0123456789.") == n->len
                           ? "at most 12 digits before the point, 6 after and 15 in all"
                           : dutch_number(v, hint, sizeof hint),
                       "'%s' must be a number such as 12 or 4.5, got '%s'", f->name, q);
        }
        if (thousands_like(v)) {
            char hint[256], dec[64];
            model_format_num(strtod(v, NULL), dec);
            snprintf(hint, sizeof hint,
                     "write %.*s%s if you mean thousands (without a separator), or %s if you mean "
                     "%s",
                     (int)strcspn(v, "."), v, strchr(v, '.') + 1, dec, dec);
            return BAD(hint,
                       "'%s' is ambiguous, got '%s': in Dutch the point groups thousands, in "
                       "spil it is the decimal point",
                       f->name, q);
        }
        if (model_field_max(f) > 0 && strtod(v, NULL) > model_field_max(f))
            return BAD(NULL, "'%s' (%s) is at most %g, got '%s'", f->name, f->doc,
                       model_field_max(f), q);
        model_format_num(strtod(v, NULL), out);
        return 1;
    case FT_BOOL:
        if (!n->plain || (strcmp(v, "true") != 0 && strcmp(v, "false") != 0))
            return BAD(NULL, "'%s' must be true or false, got '%s'", f->name, q);
        snprintf(out, cap, "%s", v[0] == 't' ? "1" : "0");
        return 1;
    case FT_DATE:
        if (!model_valid_date(v)) {
            char hint[64];
            return BAD(date_hint(v, hint, sizeof hint), "'%s' must be a date YYYY-MM-DD, got '%s'",
                       f->name, q);
        }
        break;
    case FT_ENUM: {
        /* A Dutch synonym (getekend) is stored as the value it stands for (signed). */
        const char *value = model_enum_value(f->values, v);
        if (!value) {
            char list[600], hint[120];
            join_values(f->values, list, sizeof list);
            const char *s = diag_suggest(v, model_enum_words(f->values));
            if (s)
                snprintf(hint, sizeof hint, "did you mean '%s'?", model_enum_value(f->values, s));
            return BAD(s ? hint : NULL, "invalid %s '%s'; expected one of: %s", f->name, q, list);
        }
        snprintf(out, cap, "%s", value);
        return 1;
    }
    case FT_CBS: {
        int form = n->len == 6 && v[0] == 'G' && v[1] == 'M' && all_digits(v + 2, 4);
        if (!form) {
            const ref_municipality *m = ref_municipality_by_name(v);
            char hint[160];
            if (m) snprintf(hint, sizeof hint, "%s is %s", m->name, m->code);
            return BAD(m ? hint : NULL,
                       "invalid CBS code '%s' in '%s': expected GM and four digits, e.g. GM0505", q,
                       f->name);
        }
        if (!ref_municipality_find(v))
            return BAD("see data/municipalities-2024.csv",
                       "unknown CBS code '%s': not one of the 342 municipalities of 2023-2025", v);
        break;
    }
    case FT_FILE:
        /* A module name with slashes: it is required as such (lib/util.lua is lib.util). */
        if (n->len < 5 || strcmp(v + n->len - 4, ".lua") != 0 || v[0] == '/' ||
            strspn(v, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_/") !=
                n->len - 4 ||
            strstr(v, "//") || v[n->len - 5] == '/')
            return BAD("use letters, digits and _, e.g. rules.lua or lib/util.lua",
                       "invalid script '%s': name a .lua file inside the region folder", q);
        if (strncmp(v, "spil/", 5) == 0 || strncmp(v, "programmes/", 11) == 0 ||
            strcmp(v, "spil.lua") == 0) {
            return BAD("rename it: spil/ and programmes/ belong to the stdlib",
                       "script '%s' would be hidden by the stdlib module of the same name", q);
        }
        break;
    }
#undef BAD
    snprintf(out, cap, "%s", v);
    return 1;
}

int load_check_line(const char *where, const char *name, const char *v, size_t len, diag *d) {
    const model_field f = {name, FT_STR, 0, NULL, 0, NULL};
    loader L = {d, where, NULL, NULL, 0};
    char *buf = len <= YDOC_MAX_SCALAR ? malloc(len + 1) : NULL;
    ynode node = {.kind = YN_SCALAR, .plain = 1, .str = (char *)v, .len = len};
    int ok = buf && load_check_scalar(&L, &f, &node, buf, len + 1);
    if (!buf)
        diag_add(d, where, 0, 0, "shorten it", "'%s' is longer than %d bytes", name,
                 YDOC_MAX_SCALAR);
    free(buf);
    return ok ? 0 : -1;
}
