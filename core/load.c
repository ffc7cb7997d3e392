/*
** load.c: region.yaml -> validated rows (see load.h).
**
** Three passes over what ydoc read, each reporting every problem it finds:
**   1. shape and values: known keys (else "did you mean"), the right kind of node, every scalar
**      typed and canonicalised by its field's model type, required keys present;
**   2. identity: no two rows of an entity share a key;
**   3. references: every FT_REF names a row of its entity in this file, every CBS code outside
**      `municipalities` is a member municipality, every script file exists.
** Only a file with no problem at all yields rows. Nothing here touches the database.
** Rows given field by field (load_changes: spil sign, the REPL's sign()) take the same path: each
** value becomes a plain scalar node and meets the same checks, messages and passes.
*/
#include "load.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "bug.h"
#include "catalogue.h"
#include "file.h"
#include "model.h"
#include "oom.h"
#include "refdata.h"
#include "ydoc.h"

typedef struct loader {
    diag *d;
    const char *file;
    rdata *r;
    const rdata *base; /* reading a change file: the region it changes; else NULL */
    int oom;
} loader;

#define MAX_NAMES 32

/* The machine ran out of memory while reading file: exit 3, not the file's fault (oom.h). */
static void out_of_memory(diag *d, const char *file) {
    oom_note();
    diag_add(d, file, 0, 0, NULL, "out of memory while reading it; " OOM_REMEDY);
}

/* The keys an item of entity e may have: its fields (not the parent) and child sections. */
static void item_keys(int e, const char **names) {
    int n = 0;
    const model_entity *en = &model_entities[e];
    for (int i = 0; i < en->nfields && n < MAX_NAMES - 1; i++)
        if (!(en->fields[i].flags & (MF_PARENT | MF_DERIVED))) names[n++] = en->fields[i].name;
    for (int c = 0; c < model_nentities && n < MAX_NAMES - 1; c++)
        if (model_entities[c].parent == e) names[n++] = model_entities[c].section;
    names[n] = NULL;
}

static int child_entity(int e, const char *section) {
    for (int c = 0; c < model_nentities; c++)
        if (model_entities[c].parent == e && strcmp(model_entities[c].section, section) == 0)
            return c;
    return -1;
}

static void unknown_key(loader *L, const ynode *key, const char *where, const char **names) {
    char hint[160] = "", q[48];
    const char *s = diag_suggest(key->str, names);
    if (s) snprintf(hint, sizeof hint, "did you mean '%s'?", s);
    diag_add(L->d, L->file, key->line, key->col, s ? hint : NULL, "unknown key '%s' in %s",
             diag_quote(key->str, q, sizeof q), where);
}

static int is_null(const ynode *n) {
    if (n->kind != YN_SCALAR || !n->plain) return 0;
    return n->len == 0 || strcmp(n->str, "~") == 0 || strcmp(n->str, "null") == 0 ||
           strcmp(n->str, "Null") == 0 || strcmp(n->str, "NULL") == 0;
}

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

static int enum_index(const char *const *values, const char *v) {
    for (int i = 0; values[i]; i++)
        if (strcmp(values[i], v) == 0) return i;
    return -1;
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
static int check_scalar(loader *L, const model_field *f, const ynode *n, char *out, size_t cap) {
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

static void read_list(loader *L, int e, const ynode *list, const char *parent);

/* Set field i of row from node n, a value (not null), or report it. */
static void set_value(loader *L, int e, rrow *row, int i, const ynode *n) {
    const model_field *f = &model_entities[e].fields[i];
    char buf[YDOC_MAX_SCALAR + 1];
    if (!check_scalar(L, f, n, buf, sizeof buf)) {
        /* Reported already; remember that it was given, so it is not also called missing
        ** (-1: given on a command line, which has no lines). */
        if (row->fline) row->fline[i] = n->line ? n->line : -1;
        return;
    }
    if (rdata_set(L->r, e, row, i, buf, n->line, n->col)) L->oom = 1;
}

/* Set field i of row from node n, unless it is null (then the field is not given). */
static void set_field(loader *L, int e, rrow *row, int i, const ynode *n) {
    if (!is_null(n)) set_value(L, e, row, i, n);
}

/* A row's period ends on or after it starts. */
static void check_period(loader *L, int e, const rrow *row) {
    int since = model_field_index(e, "since"), until = model_field_index(e, "until");
    if (since >= 0 && until >= 0 && row->v[since] && row->v[until] &&
        strcmp(row->v[until], row->v[since]) < 0)
        diag_add(L->d, L->file, row->fline ? row->fline[until] : 0,
                 row->fcol ? row->fcol[until] : 0, NULL, "'until' %s is before 'since' %s",
                 row->v[until], row->v[since]);
}

/* 1 when map has an unknown key whose suggestion is field: "naam" for a missing "name" was
** reported as an unknown key already, and saying "missing 'name'" too would say it twice. */
static int misspelled(const ynode *map, const char *field, const char **names) {
    for (size_t k = 0; k + 1 < map->n; k += 2) {
        const char *key = map->items[k]->str, *s;
        int known = 0;
        for (int i = 0; names[i]; i++)
            known |= strcmp(names[i], key) == 0;
        if (!known && (s = diag_suggest(key, names)) && strcmp(s, field) == 0) return 1;
    }
    return 0;
}

/* Read one item of entity e: a mapping of fields and child sections. */
static void read_item(loader *L, int e, const ynode *map, const char *parent) {
    const model_entity *en = &model_entities[e];
    if (map->kind != YN_MAP) {
        if (en->shape == MS_ONE)
            diag_add(L->d, L->file, map->line, map->col, NULL, "'%s' must be a mapping, not %s",
                     en->section, ydoc_kind_name(map));
        else
            diag_add(L->d, L->file, map->line, map->col, NULL, "each %s must be a mapping, not %s",
                     en->name, ydoc_kind_name(map));
        return;
    }
    rrow *row = rdata_add(L->r, e, map->line, map->col);
    if (!row) {
        L->oom = 1;
        return;
    }
    const char *names[MAX_NAMES];
    item_keys(e, names);
    for (size_t k = 0; k + 1 < map->n; k += 2) {
        const ynode *key = map->items[k], *val = map->items[k + 1];
        int i = model_field_index(e, key->str);
        if (i >= 0 && (en->fields[i].flags & (MF_PARENT | MF_DERIVED))) i = -1;
        if (i >= 0) {
            set_field(L, e, row, i, val);
        } else if (child_entity(e, key->str) < 0) {
            char where[80];
            snprintf(where, sizeof where, "%s", en->name);
            unknown_key(L, key, where, names);
        }
    }
    for (int i = 0; i < en->nfields; i++)
        if ((en->fields[i].flags & MF_PARENT) && parent &&
            rdata_set(L->r, e, row, i, parent, map->line, map->col))
            L->oom = 1;
    /* In a change file, a row the region already has keeps the fields it does not give. */
    char *key = L->base ? rdata_key(e, row, RDATA_KEYSEP) : NULL;
    int known = key && rdata_find(L->base, e, key);
    free(key);
    for (int i = 0; i < en->nfields && !known; i++) {
        const model_field *f = &en->fields[i];
        if ((f->flags & MF_REQUIRED) && !(f->flags & MF_PARENT) && !row->v[i]) {
            const ynode *given = ydoc_get(map, f->name);
            if ((!given || is_null(given)) && !misspelled(map, f->name, names))
                diag_add(L->d, L->file, map->line, map->col, NULL, "%s is missing '%s'", en->name,
                         f->name);
        }
    }
    check_period(L, e, row);
    /* Children: the row's own id is their parent value. */
    int idf = model_id_field(e);
    char *own = idf >= 0 && row->v[idf] ? strdup(row->v[idf]) : strdup("");
    if (!own) {
        L->oom = 1;
        return;
    }
    for (size_t k = 0; k + 1 < map->n; k += 2) {
        int c = child_entity(e, map->items[k]->str);
        if (c >= 0 && !is_null(map->items[k + 1])) read_list(L, c, map->items[k + 1], own);
    }
    free(own);
}

/* Read a section: a list of items (mappings, or scalars for MS_SCALARS entities). */
static void read_list(loader *L, int e, const ynode *list, const char *parent) {
    const model_entity *en = &model_entities[e];
    if (list->kind != YN_SEQ) {
        diag_add(L->d, L->file, list->line, list->col, NULL, "'%s' must be a list, not %s",
                 en->section, ydoc_kind_name(list));
        return;
    }
    for (size_t i = 0; i < list->n; i++) {
        const ynode *item = list->items[i];
        if (en->shape != MS_SCALARS) {
            read_item(L, e, item, parent);
            continue;
        }
        rrow *row = rdata_add(L->r, e, item->line, item->col);
        if (!row) {
            L->oom = 1;
            return;
        }
        for (int f = 0; f < en->nfields; f++) {
            if (en->fields[f].flags & MF_DERIVED) continue;
            if (en->fields[f].flags & MF_PARENT) {
                if (rdata_set(L->r, e, row, f, parent, item->line, item->col)) L->oom = 1;
            } else if (is_null(item)) {
                diag_add(L->d, L->file, item->line, item->col, NULL, "empty %s in '%s'", en->name,
                         en->section);
            } else {
                set_field(L, e, row, f, item);
            }
        }
    }
}

static void read_top(loader *L, const ynode *root) {
    if (root->kind != YN_MAP) {
        diag_add(L->d, L->file, root->line, root->col, "start the file with 'spil: 1'",
                 "the top level must be a mapping, not %s", ydoc_kind_name(root));
        return;
    }
    const ynode *version = ydoc_get(root, "spil");
    char q[48];
    if (!version && L->base) {
        /* A change file may leave the version out. */
    } else if (!version)
        diag_add(L->d, L->file, root->line, root->col, "add 'spil: 1' as the first line",
                 "missing 'spil' format version");
    else if (version->kind != YN_SCALAR || strcmp(version->str, LOAD_FORMAT_VERSION) != 0)
        diag_add(L->d, L->file, version->line, version->col, NULL,
                 "unsupported format version '%s'; this spil reads 'spil: %s'",
                 version->kind == YN_SCALAR ? diag_quote(version->str, q, sizeof q) : "?",
                 LOAD_FORMAT_VERSION);
    const char *const *top = model_top_keys();
    for (size_t k = 0; k + 1 < root->n; k += 2) {
        const ynode *key = root->items[k], *val = root->items[k + 1];
        if (enum_index(top, key->str) < 0) {
            unknown_key(L, key, "the top level", (const char **)top);
            continue;
        }
        for (int e = 0; e < model_nentities; e++) {
            if (model_entities[e].parent >= 0 || strcmp(model_entities[e].section, key->str))
                continue;
            if (e == ME_REGION && L->base)
                diag_add(L->d, L->file, key->line, key->col,
                         "edit the region's region.yaml and load it",
                         "a change file cannot change the region itself or its scripts");
            else if (e == ME_REGION)
                read_item(L, e, val, NULL);
            else if (!is_null(val))
                read_list(L, e, val, NULL);
        }
    }
    if (!ydoc_get(root, "region") && !L->base)
        diag_add(L->d, L->file, root->line, root->col, "add 'region:' with its id and name",
                 "missing 'region' section");
}

/* 1 when every required key field of row is set: only such rows can be duplicates. */
static int has_key(int e, const rrow *row) {
    const model_entity *en = &model_entities[e];
    for (int i = 0; i < en->nfields; i++)
        if ((en->fields[i].flags & MF_KEY) && (en->fields[i].flags & (MF_REQUIRED | MF_PARENT)) &&
            !row->v[i])
            return 0;
    return 1;
}

/* How a user names a row: its own key ("ggd"), then its parent ("in body 'kerngroep'"). */
static void row_name(int e, const rrow *row, char *buf, size_t cap) {
    const model_entity *en = &model_entities[e];
    size_t len = 0;
    const char *parent = NULL;
    buf[0] = '\0';
    for (int i = 0; i < en->nfields && len < cap; i++) {
        if (!(en->fields[i].flags & MF_KEY) || !row->v[i]) continue;
        if (en->fields[i].flags & MF_PARENT) {
            parent = row->v[i];
            continue;
        }
        len += (size_t)snprintf(buf + len, cap - len, "%s%s", len ? "/" : "", row->v[i]);
    }
    if (parent && len < cap)
        snprintf(buf + len, cap - len, "' in %s '%s", model_entities[en->parent].name, parent);
}

/* Pass 2: no two rows of an entity share a key; each repeat names the first in the file.
** Sorts the tables. */
static void check_duplicates(loader *L) {
    if (rdata_sort(L->r)) {
        L->oom = 1;
        return;
    }
    for (int e = 0; e < model_nentities; e++) {
        rtable *t = &L->r->tables[e];
        for (size_t i = 0, j; i < t->n; i = j) {
            /* The run [i, j) shares one key; the first in the file is the original. */
            const rrow *first = &t->rows[i];
            for (j = i + 1; j < t->n && strcmp(t->rows[j].key, first->key) == 0; j++)
                if (t->rows[j].line < first->line) first = &t->rows[j];
            if (j - i < 2 || !has_key(e, first)) continue;
            for (size_t k = i; k < j; k++) {
                const rrow *b = &t->rows[k];
                if (b == first) continue;
                char name[512];
                row_name(e, b, name, sizeof name);
                if (first->line)
                    diag_add(L->d, L->file, b->line, b->col, NULL,
                             "duplicate %s '%s' (first at line %d)", model_entities[e].name, name,
                             first->line);
                else /* rows given on a command line */
                    diag_add(L->d, L->file, 0, 0, "give each once", "%s '%s' is given twice",
                             model_entities[e].name, name);
            }
        }
    }
}

/* The ids of entity e, NULL-terminated, for suggestions; malloc'd array of borrowed strings. */
static const char **ids_of(loader *L, int e) {
    rtable *t = &L->r->tables[e];
    int idf = model_id_field(e);
    const char **ids = calloc(t->n + 1, sizeof *ids);
    for (size_t i = 0, n = 0; ids && idf >= 0 && i < t->n; i++)
        if (t->rows[i].v[idf]) ids[n++] = t->rows[i].v[idf];
    return ids;
}

/* A script must be a regular file inside the region folder (a symlink must not lead out).
** Returns 1 when it is fine, else reports why and returns 0. */
static int script_ok(loader *L, const char *path, const char *name, int line, int col) {
    struct stat sb;
    char *real = NULL, *dir = NULL;
    int ok = 0;
    if (stat(path, &sb) != 0) {
        diag_add(L->d, L->file, line, col, NULL, "script '%s' not found in %s", name, L->r->dir);
    } else if (S_ISDIR(sb.st_mode)) {
        diag_add(L->d, L->file, line, col, NULL, "script '%s' in %s is a folder, not a file", name,
                 L->r->dir);
    } else if (!S_ISREG(sb.st_mode)) {
        diag_add(L->d, L->file, line, col, NULL, "script '%s' in %s is not a regular file", name,
                 L->r->dir);
    } else if ((real = realpath(path, NULL)) && (dir = realpath(L->r->dir, NULL)) &&
               (strncmp(real, dir, strlen(dir)) != 0 || real[strlen(dir)] != '/')) {
        diag_add(L->d, L->file, line, col, "copy the file into the region folder",
                 "script '%s' leads outside %s", name, L->r->dir);
    } else if (sb.st_size > LOAD_MAX_SCRIPT) {
        diag_add(L->d, L->file, line, col, "split it into modules of the region folder",
                 "script '%s' is %lld bytes, more than %d (%d MiB), the limit of a script", name,
                 (long long)sb.st_size, LOAD_MAX_SCRIPT, LOAD_MAX_SCRIPT >> 20);
    } else {
        ok = 1;
    }
    free(real);
    free(dir);
    return ok;
}

/* Read a script's text into the row's derived source field. */
static void read_source(loader *L, int e, rrow *row, const char *path) {
    int sf = -1;
    for (int i = 0; i < model_entities[e].nfields; i++)
        if (model_entities[e].fields[i].flags & MF_DERIVED) sf = i;
    if (sf < 0) return;
    size_t n;
    char *buf = file_read(path, LOAD_MAX_SCRIPT, &n);
    if (!buf) {
        if (errno == ENOMEM)
            L->oom = 1;
        else
            diag_add(L->d, L->file, row->line, row->col, NULL, "cannot read %s: %s", path,
                     errno == EFBIG ? "larger than the limit for a script" : strerror(errno));
    } else {
        if (memchr(buf, '\0', n))
            diag_add(L->d, L->file, row->line, row->col, NULL, "script %s is not text", path);
        else if (rdata_set(L->r, e, row, sf, buf, 0, 0))
            L->oom = 1;
    }
    free(buf);
}

/* Pass 3: references resolve, local CBS codes are members, scripts exist. */
/* An indicator either adopts a catalogue indicator by its code alone, or is the region's own and
** then names itself: name, kind and source (the catalogue's text is not the region's to change). */
static void check_indicator(loader *L, int e, const rrow *row) {
    const model_entity *en = &model_entities[e];
    const char *code = row->v[model_field_index(e, "code")];
    const cat_indicator *c = code ? catalogue_find(code) : NULL;
    if (c) { /* adopted: every field it gives, in one message at the first of them */
        char given[200] = "";
        int line = 0, col = 0, count = 0;
        for (int f = 0; f < en->nfields; f++) {
            if (!row->v[f] || !strcmp(en->fields[f].name, "code")) continue;
            size_t len = strlen(given);
            snprintf(given + len, sizeof given - len, "%s'%s'", count++ ? ", " : "",
                     en->fields[f].name);
            if (!line) {
                line = row->fline ? row->fline[f] : row->line;
                col = row->fcol ? row->fcol[f] : row->col;
            }
        }
        if (!count) return;
        char hint[200];
        snprintf(hint, sizeof hint,
                 "give just {code: %s} to adopt it, or choose another code for an indicator "
                 "of your own",
                 code);
        diag_add(L->d, L->file, line, col, hint,
                 "indicator '%s' is in the national catalogue (%s), so %s %s from there", code,
                 c->catalogue, given, count == 1 ? "comes" : "come");
        return;
    }
    for (int f = 0; f < en->nfields; f++) {
        const char *name = en->fields[f].name;
        if (!c && code && !row->v[f] && !(row->fline && row->fline[f]) &&
            (!strcmp(name, "name") || !strcmp(name, "kind") || !strcmp(name, "source"))) {
            size_t n;
            const cat_indicator *all = catalogue_indicators(&n, NULL);
            const char **codes = calloc(n + 1, sizeof *codes);
            for (size_t i = 0; codes && i < n; i++)
                codes[i] = all[i].code;
            const char *s = codes ? diag_suggest(code, codes) : NULL;
            char hint[160];
            if (s)
                snprintf(hint, sizeof hint, "did you mean the catalogue's '%s'? (spil indicators)",
                         s);
            else
                snprintf(hint, sizeof hint,
                         "an indicator of your own needs name, kind and source; "
                         "'spil indicators' lists the catalogue");
            diag_add(L->d, L->file, row->line, row->col, hint,
                     "indicator '%s' is not in the national catalogue and is missing '%s'", code,
                     name);
            free(codes);
            return;
        }
    }
}

/* Rules across the fields of one row that the model's types cannot say: a decision is taken
** by a body or by an organisation (one of the two); an organisation a member speaks for is not
** in the body itself, and the member that speaks for it is. */
static void check_row_rules(loader *L, int e, const rrow *row) {
    static int decision = -2, represented, member, step;
    if (decision == -2) {
        step = model_entity_by_table("programme_step");
        decision = model_entity_by_table("decision");
        represented = model_entity_by_table("body_represented");
        member = model_entity_by_table("body_member");
    }
    if (e == step) {
        int ef = model_field_index(e, "entered"), lf = model_field_index(e, "left");
        const char *entered = row->v[ef], *left = row->v[lf];
        if (entered && left && strcmp(left, entered) < 0)
            diag_add(L->d, L->file, row->fline ? row->fline[lf] : row->line,
                     row->fcol ? row->fcol[lf] : row->col,
                     "a step is left on or after the day it was entered",
                     "step '%s' was left on %s, before it was entered (%s)",
                     row->v[model_field_index(e, "step")], left, entered);
    } else if (e == decision) {
        const char *body = row->v[model_field_index(e, "body")],
                   *org = row->v[model_field_index(e, "organisation")];
        if ((body != NULL) == (org != NULL))
            diag_add(L->d, L->file, row->line, row->col,
                     body ? "give one of the two: a college decision names its organisation, a "
                            "meeting's decision its body"
                          : "add 'body' (a body's decision) or 'organisation' (an organisation's "
                            "own, e.g. a collegebesluit)",
                     "decision '%s' %s", row->v[model_field_index(e, "id")],
                     body ? "names both a body and an organisation"
                          : "names neither a body nor an organisation");
    } else if (e == represented) {
        const char *body = row->v[0], *org = row->v[model_field_index(e, "organisation")],
                   *via = row->v[model_field_index(e, "via")];
        int vf = model_field_index(e, "via"), of = model_field_index(e, "organisation");
        char key[300];
        snprintf(key, sizeof key, "%s%c%s", body ? body : "", RDATA_KEYSEP, org ? org : "");
        if (org && rdata_find(L->r, member, key))
            diag_add(L->d, L->file, row->fline ? row->fline[of] : 0, row->fcol ? row->fcol[of] : 0,
                     "remove it from 'represented': it speaks for itself",
                     "organisation '%s' sits in body '%s' itself", org, body);
        snprintf(key, sizeof key, "%s%c%s", body ? body : "", RDATA_KEYSEP, via ? via : "");
        if (via && rdata_find(L->r, model_entities[e].fields[vf].ref, via) &&
            !rdata_find(L->r, member, key))
            diag_add(L->d, L->file, row->fline ? row->fline[vf] : 0, row->fcol ? row->fcol[vf] : 0,
                     "name one of the body's members, or add it under 'members'",
                     "'%s' speaks for '%s' but is not a member of body '%s'", via, org, body);
    }
}

static void check_references(loader *L) {
    int indicator = model_entity_by_table("indicator");
    for (int e = 0; e < model_nentities; e++) {
        const model_entity *en = &model_entities[e];
        rtable *t = &L->r->tables[e];
        for (size_t i = 0; i < t->n; i++) {
            rrow *row = &t->rows[i];
            for (int f = 0; f < en->nfields; f++) {
                const model_field *fd = &en->fields[f];
                const char *v = row->v[f];
                /* A parent is implied by nesting in a file; a recorded row names it. */
                if (!v || ((fd->flags & MF_PARENT) && !L->base)) continue;
                int line = row->fline ? row->fline[f] : 0, col = row->fcol ? row->fcol[f] : 0;
                if (fd->type == FT_REF && !rdata_find(L->r, fd->ref, v)) {
                    const char **ids = ids_of(L, fd->ref);
                    const char *s = ids ? diag_suggest(v, ids) : NULL;
                    char hint[160];
                    if (s)
                        snprintf(hint, sizeof hint, "did you mean '%s'?", s);
                    else
                        snprintf(hint, sizeof hint, "declare it under '%s'",
                                 model_entities[fd->ref].section);
                    diag_add(L->d, L->file, line, col, hint, "unknown %s '%s' in '%s'",
                             model_entities[fd->ref].name, v, fd->name);
                    free(ids);
                } else if (fd->type == FT_CBS && e != ME_MUNICIPALITY &&
                           !rdata_find(L->r, ME_MUNICIPALITY, v)) {
                    const ref_municipality *m = ref_municipality_find(v);
                    diag_add(L->d, L->file, line, col, "add it under 'municipalities'",
                             "municipality %s (%s) is not a member of this region", v,
                             m ? m->name : "?");
                } else if (fd->type == FT_FILE && L->r->dir) {
                    char path[4200];
                    snprintf(path, sizeof path, "%s/%s", L->r->dir, v);
                    if (script_ok(L, path, v, line, col)) read_source(L, e, row, path);
                }
            }
            if (e == indicator) check_indicator(L, e, row);
            check_row_rules(L, e, row);
        }
    }
}

static rdata *read_doc(const ydoc *doc, const char *dir, diag *d, size_t before);

rdata *load_read(const char *path, diag *d) {
    char file[4200], dir[4096];
    size_t plen = strlen(path);
    if (file_is_stdin(path)) { /* region.yaml on standard input; its scripts in the cwd */
        snprintf(file, sizeof file, "%s", FILE_STDIN_NAME);
        snprintf(dir, sizeof dir, ".");
    } else if (plen > 5 && strcmp(path + plen - 5, ".yaml") == 0) {
        snprintf(file, sizeof file, "%s", path);
        const char *slash = strrchr(path, '/');
        snprintf(dir, sizeof dir, "%.*s", slash ? (int)(slash - path) : 1, slash ? path : ".");
    } else {
        while (plen > 1 && path[plen - 1] == '/')
            plen--;
        snprintf(dir, sizeof dir, "%.*s", (int)plen, path);
        snprintf(file, sizeof file, "%s/%s", dir, LOAD_FILE);
    }
    struct stat sb;
    if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
        diag_add(d, dir, 0, 0,
                 "give the folder that holds region.yaml, e.g. regions/zuid-holland-zuid",
                 "no such region folder");
        return NULL;
    }
    size_t before = diag_count(d);
    ydoc *doc = ydoc_read(file_is_stdin(path) ? path : file, d);
    if (!doc) return NULL;
    rdata *r = read_doc(doc, dir, d, before);
    ydoc_free(doc);
    return r;
}

/* A whole region file, read: its rows, checked; with dir, its scripts too. NULL when d has
** more problems than `before` (reading it may have found a duplicate key). */
static rdata *read_doc(const ydoc *doc, const char *dir, diag *d, size_t before) {
    loader L = {d, doc->file, rdata_new(doc->file, dir), NULL, 0};
    if (!L.r) return out_of_memory(d, doc->file), NULL;
    L.r->ordered = 1; /* the whole region, in its file's order */
    read_top(&L, doc->root);
    check_duplicates(&L);
    if (!L.oom) check_references(&L);
    if (L.oom) out_of_memory(d, doc->file);
    if (diag_count(d) > before) {
        rdata_free(L.r);
        return NULL;
    }
    return L.r;
}

rdata *load_read_doc(const ydoc *doc, diag *d) {
    return read_doc(doc, NULL, d, 0);
}

/* A copy of base with the rows of the change file (L->r, sorted) laid over it: a row the
** region has gets the fields the file gives; a new row is added. NULL when out of memory. */
static rdata *overlay(loader *L, const rdata *base) {
    rdata *m = rdata_new(L->file, base->dir);
    int failed = !m;
    for (int e = 0; !failed && e < model_nentities; e++) {
        const rtable *t = &base->tables[e];
        for (size_t i = 0; !failed && i < t->n; i++) {
            rrow *row = rdata_add(m, e, 0, 0);
            for (int f = 0; row && f < model_entities[e].nfields; f++)
                if (rdata_set(m, e, row, f, t->rows[i].v[f], 0, 0)) row = NULL;
            failed = !row;
        }
    }
    if (failed || rdata_sort(m)) {
        rdata_free(m);
        return NULL;
    }
    /* Changes first (m is sorted, so lookups work), additions after, then sort again. */
    for (int pass = 0; pass < 2 && !failed; pass++) {
        for (int e = 0; !failed && e < model_nentities; e++) {
            const rtable *t = &L->r->tables[e];
            for (size_t i = 0; !failed && i < t->n; i++) {
                const rrow *fr = &t->rows[i];
                rrow *row = pass == 0 ? (rrow *)rdata_find(m, e, fr->key) : NULL;
                if (pass == 1 && rdata_find(base, e, fr->key)) continue;
                if (pass == 0 && !row) continue;
                if (pass == 1 && !(row = rdata_add(m, e, fr->line, fr->col))) failed = 1;
                for (int f = 0; !failed && f < model_entities[e].nfields; f++)
                    if (fr->v[f] && rdata_set(m, e, row, f, fr->v[f], fr->fline[f], fr->fcol[f]))
                        failed = 1;
            }
        }
    }
    if (failed || rdata_sort(m)) {
        rdata_free(m);
        return NULL;
    }
    return m;
}

/* The periods of the changed rows, as they are once laid over the region (L->r: the merged
** region; rows: the changes): a new 'until' may end before the region's 'since'. */
static void check_changed_periods(loader *L, const rdata *rows) {
    for (int e = 0; e < model_nentities; e++)
        for (size_t i = 0; i < rows->tables[e].n; i++) {
            const rrow *m = rdata_find(L->r, e, rows->tables[e].rows[i].key);
            if (m) check_period(L, e, m);
        }
}

rdata *load_change(const char *path, const rdata *base, diag *d) {
    size_t before = diag_count(d);
    ydoc *doc = ydoc_read(path, d);
    if (!doc) return NULL;
    path = file_shown(path);
    loader L = {d, path, rdata_new(path, base->dir), base, 0};
    rdata *merged = NULL;
    if (L.r) {
        read_top(&L, doc->root);
        check_duplicates(&L);
        if (!L.oom && diag_count(d) == before && !(merged = overlay(&L, base))) L.oom = 1;
        if (merged) {
            rdata *fragment = L.r;
            L.r = merged;
            check_references(&L);
            check_changed_periods(&L, fragment);
            L.r = fragment;
        }
    }
    ydoc_free(doc);
    rdata_free(L.r);
    if (L.oom) out_of_memory(d, path);
    if (diag_count(d) > before) {
        rdata_free(merged);
        return NULL;
    }
    return merged;
}

struct load_changes {
    loader L;
    const rdata *base;
    size_t before; /* diagnostics there were before the first row */
};

load_changes *load_changes_new(const char *where, const rdata *base, diag *d) {
    load_changes *c = calloc(1, sizeof *c);
    if (!c) return NULL;
    c->L = (loader){d, where, rdata_new(where, base->dir), base, 0};
    c->base = base;
    c->before = diag_count(d);
    if (!c->L.r) {
        free(c);
        return NULL;
    }
    return c;
}

/* Set field i of row from text v (len bytes) as if written plainly in YAML: the same checks,
** the same messages. It is taken as written: empty is refused, "null" or "~" is not YAML's null. */
static void set_text(loader *L, int e, rrow *row, int i, const char *v, size_t len) {
    const char *name = model_entities[e].fields[i].name;
    if (len > YDOC_MAX_SCALAR || !len) {
        if (len)
            diag_add(L->d, L->file, 0, 0, "shorten it", "'%s' is longer than %d bytes", name,
                     YDOC_MAX_SCALAR);
        else
            diag_add(L->d, L->file, 0, 0, "give a value, or leave it out", "'%s' is empty", name);
        row->fline[i] = -1;
        return;
    }
    ynode node = {.kind = YN_SCALAR, .plain = 1, .str = (char *)v, .len = len};
    set_value(L, e, row, i, &node);
}

int load_check_line(const char *where, const char *name, const char *v, size_t len, diag *d) {
    const model_field f = {name, FT_STR, 0, NULL, 0, NULL};
    loader L = {d, where, NULL, NULL, 0};
    char *buf = len <= YDOC_MAX_SCALAR ? malloc(len + 1) : NULL;
    ynode node = {.kind = YN_SCALAR, .plain = 1, .str = (char *)v, .len = len};
    int ok = buf && check_scalar(&L, &f, &node, buf, len + 1);
    if (!buf)
        diag_add(d, where, 0, 0, "shorten it", "'%s' is longer than %d bytes", name,
                 YDOC_MAX_SCALAR);
    free(buf);
    return ok ? 0 : -1;
}

int load_changes_row(load_changes *c, const load_row *r) {
    loader *L = &c->L;
    size_t before = diag_count(L->d);
    int e = model_entity_by_table(r->table);
    if (e < 0) BUG("the model has no table %s", r->table);
    rrow *row = rdata_add(L->r, e, 1, 0); /* line 1 only to give the row field positions */
    if (!row) return L->oom = 1, -1;
    row->line = 0;
    int fields[LOAD_ROW_FIELDS];
    for (int k = 0; k < r->n; k++) {
        int i = fields[k] = model_field_index(e, r->names[k]);
        if (i < 0) BUG("%s has no field %s", model_entities[e].name, r->names[k]);
        const char *v = r->values[k];
        size_t len = r->lens[k];
        char iso[16];
        /* Typed by a person: a Dutch date (1-12-2025) is the day it names (2025-12-01). */
        if (v && model_entities[e].fields[i].type == FT_DATE && strlen(v) == len &&
            model_dutch_date(v, iso))
            v = iso, len = strlen(iso);
        if (v) set_text(L, e, row, i, v, len);
    }
    /* Defaults (e.g. today's date) fill fields not given, for a row the region lacks, or one
    ** whose `renew` field the row changes (a new status gets today's date). */
    char *key = rdata_key(e, row, RDATA_KEYSEP);
    const rrow *known = key ? rdata_find(c->base, e, key) : NULL;
    free(key);
    int renew = r->renew ? model_field_index(e, r->renew) : -1;
    int use = !known || (renew >= 0 && row->v[renew] &&
                         (!known->v[renew] || strcmp(known->v[renew], row->v[renew]) != 0));
    for (int k = 0; use && k < r->n; k++) {
        int i = fields[k];
        if (i >= 0 && !row->v[i] && !row->fline[i] && r->defaults[k])
            set_text(L, e, row, i, r->defaults[k], strlen(r->defaults[k]));
    }
    return diag_count(L->d) > before || L->oom ? -1 : 0;
}

rdata *load_changes_finish(load_changes *c) {
    loader *L = &c->L;
    rdata *merged = NULL;
    check_duplicates(L);
    if (!L->oom && !(merged = overlay(L, c->base))) L->oom = 1;
    if (merged) {
        rdata *rows = L->r;
        L->r = merged;
        check_references(L);
        check_changed_periods(L, rows);
        L->r = rows;
        /* A new row must have every required field (one given but refused was reported). */
        for (int e = 0; e < model_nentities; e++)
            for (size_t i = 0; i < rows->tables[e].n; i++) {
                const rrow *fr = &rows->tables[e].rows[i];
                if (rdata_find(c->base, e, fr->key)) continue;
                for (int f = 0; f < model_entities[e].nfields; f++)
                    if ((model_entities[e].fields[f].flags & MF_REQUIRED) && !fr->v[f] &&
                        !fr->fline[f])
                        diag_add(L->d, L->file, 0, 0, NULL, "a new %s needs '%s'",
                                 model_entities[e].name, model_entities[e].fields[f].name);
            }
    }
    if (L->oom) out_of_memory(L->d, L->file);
    diag *d = L->d;
    size_t before = c->before;
    rdata_free(L->r);
    free(c);
    if (diag_count(d) > before) {
        rdata_free(merged);
        return NULL;
    }
    return merged;
}
