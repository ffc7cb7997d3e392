/*
** export_update.c: a region written into an existing region.yaml, in the file's own text (see
** export_update.h).
**
** Owns: matching the file's rows to their nodes (ydoc keeps where each node's text begins and
** ends), the edits that make the file say what the database holds, and applying them. The file
** is read and checked as a whole region file (load_read_doc); its rows are compared with the
** database's list by list: a changed value is replaced in place in the style it was written in
** (plain, quoted, literal or folded), a value added goes on a line of its own after the value
** before it in model order, a removed one takes its line with it; a list that gains, loses or
** reorders rows is rebuilt from its own items' text (each with the comment lines above it) in
** the database's order, new rows written in the file's indentation and in the style of their
** neighbours (flow or block). A section the file lacks goes after the one before it. Everything
** else (comments, blank lines, key order, Dutch words, the order of sections) is copied as it
** is. The result is read back and must hold exactly the database's rows in its order, or
** nothing is returned.
**
** Representation: an edit replaces a range of the file's bytes [start, end) (empty: an
** insertion, which belongs to the text before it) by pieces: literal text, or a range of the
** file rendered with the edits inside it, so a list rebuilt in a new order carries the edits of
** its rows. Edits are disjoint or nested.
**
** Does not: write files (export.c does), or reflow anything it does not change.
*/
#include "export_update.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export.h"
#include "load.h"
#include "model.h"
#include "ydoc.h"

/* ---- growing text --------------------------------------------------------------------------- */

typedef struct buf {
    char *p;
    size_t n, cap;
    int failed;
} buf;

static void put(buf *b, const char *s, size_t n) {
    if (b->failed || !n) return;
    if (b->n + n + 1 > b->cap) {
        size_t cap = (b->n + n + 1) * 2;
        char *p = realloc(b->p, cap);
        if (!p) {
            b->failed = 1;
            return;
        }
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = '\0';
}

static void puts_(buf *b, const char *s) {
    put(b, s, strlen(s));
}

static void spaces(buf *b, int n) {
    for (int i = 0; i < n; i++)
        put(b, " ", 1);
}

static char *take(buf *b) {
    if (b->failed) {
        free(b->p);
        return NULL;
    }
    if (!b->p) return calloc(1, 1);
    return b->p;
}

/* ---- the update ----------------------------------------------------------------------------- */

typedef struct piece {
    size_t start, end; /* a range of the file, rendered with its edits */
    char *text;        /* or this text (owned) */
} piece;

typedef struct edit {
    size_t start, end;
    size_t owner; /* an insertion: where the node it belongs to begins (0: the document) */
    piece *pieces;
    size_t np, capp;
    int done;
} edit;

typedef struct posrow {
    int line, col;
    const rrow *row;
} posrow;

#define CK 64 /* a checkpoint every CK characters: character index to byte offset */

typedef struct U {
    const rdata *db, *file;
    const char *text;
    size_t len, base; /* base: bytes of a byte-order mark */
    size_t *ck, nck;
    edit *edits;
    size_t ne, cape;
    int failed;      /* out of memory */
    char why[512];   /* an edit that cannot be made */
    int crlf;        /* the file's lines end in CRLF */
    int top_dash;    /* column of '-' in a top-level section's block list */
    int child_shift; /* a child list's '-' column minus its key's */
    struct {
        const rrow **rows;
        size_t *starts;
        long n;
    } lists[64];     /* the database's lists, per entity */
    posrow *pos[64]; /* the file's rows by position, per entity */
    size_t npos[64];
    export_counts *counts;
} U;

static void cannot(U *u, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void cannot(U *u, const char *fmt, ...) {
    if (u->why[0]) return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(u->why, sizeof u->why, fmt, ap);
    va_end(ap);
}

static int stopped(const U *u) {
    return u->failed || u->why[0];
}

/* Byte offset of character index i (libyaml's marks count characters). */
static size_t byte_at(const U *u, size_t i) {
    size_t c = i / CK;
    if (c >= u->nck) return u->len;
    size_t b = u->ck[c];
    for (size_t k = c * CK; k < i && b < u->len; k++) {
        b++;
        while (b < u->len && ((unsigned char)u->text[b] & 0xC0) == 0x80)
            b++;
    }
    return b;
}

static int index_chars(U *u) {
    size_t chars = 0;
    for (size_t b = u->base; b < u->len; b++)
        if (((unsigned char)u->text[b] & 0xC0) != 0x80) chars++;
    u->nck = chars / CK + 1;
    if (!(u->ck = malloc(u->nck * sizeof *u->ck))) return -1;
    size_t k = 0;
    for (size_t b = u->base; b <= u->len; b++) {
        if (b < u->len && ((unsigned char)u->text[b] & 0xC0) == 0x80) continue;
        if (k % CK == 0 && k / CK < u->nck) u->ck[k / CK] = b;
        k++;
    }
    return 0;
}

static size_t line_start(const U *u, size_t pos) {
    while (pos > 0 && u->text[pos - 1] != '\n')
        pos--;
    return pos;
}

/* The start of the line after the one pos is on; pos itself when it starts a line. */
static size_t after_line(const U *u, size_t pos) {
    if (pos == 0 || u->text[pos - 1] == '\n') return pos;
    while (pos < u->len && u->text[pos] != '\n')
        pos++;
    return pos < u->len ? pos + 1 : pos;
}

static int blank(const U *u, size_t from, size_t to) {
    for (size_t i = from; i < to; i++)
        if (u->text[i] != ' ' && u->text[i] != '\r' && u->text[i] != '\t') return 0;
    return 1;
}

static size_t nstart(const U *u, const ynode *n) {
    return byte_at(u, n->start);
}

/* Where a node's own text ends: a block scalar's after its last line that is not blank (unless
** it keeps its trailing lines, '+'), a block collection's where its last child's ends. */
static size_t nend(const U *u, const ynode *n) {
    if (n->kind != YN_SCALAR && n->style == YS_BLOCK)
        return n->n ? nend(u, n->items[n->n - 1]) : nstart(u, n);
    size_t e = byte_at(u, n->end), s = nstart(u, n);
    if (n->kind != YN_SCALAR || (n->style != YS_LITERAL && n->style != YS_FOLDED)) return e;
    size_t h = s;
    while (h < u->len && u->text[h] != '\n') {
        if (u->text[h] == '+') return e;
        if (u->text[h] == '#') break;
        h++;
    }
    while (e > s && u->text[e - 1] == '\n') {
        size_t ls = line_start(u, e - 1);
        if (ls <= h || !blank(u, ls, e - 1)) break;
        e = ls;
    }
    return e;
}

static edit *new_edit(U *u, size_t start, size_t end) {
    if (u->ne == u->cape) {
        size_t cap = u->cape ? 2 * u->cape : 32;
        edit *v = realloc(u->edits, cap * sizeof *v);
        if (!v) {
            u->failed = 1;
            return NULL;
        }
        u->edits = v;
        u->cape = cap;
    }
    edit *e = &u->edits[u->ne++];
    *e = (edit){.start = start, .end = end};
    return e;
}

static void add_piece(U *u, edit *e, size_t start, size_t end, char *text) {
    if (!e) {
        free(text);
        return;
    }
    if (e->np == e->capp) {
        size_t cap = e->capp ? 2 * e->capp : 8;
        piece *v = realloc(e->pieces, cap * sizeof *v);
        if (!v) {
            free(text);
            u->failed = 1;
            return;
        }
        e->pieces = v;
        e->capp = cap;
    }
    e->pieces[e->np++] = (piece){start, end, text};
}

/* Generated text with the file's line ends, owned by the caller. */
static char *lines(U *u, buf *b) {
    char *t = take(b);
    if (!t) {
        u->failed = 1;
        return NULL;
    }
    if (!u->crlf || !strchr(t, '\n')) return t;
    buf c = {0};
    for (const char *p = t; *p; p++) {
        if (*p == '\n' && (p == t || p[-1] != '\r')) put(&c, "\r", 1);
        put(&c, p, 1);
    }
    free(t);
    if (!(t = take(&c))) u->failed = 1;
    return t;
}

/* Replace [start, end) by the text in b. */
static void replace(U *u, size_t start, size_t end, buf *b) {
    char *t = lines(u, b);
    if (t) add_piece(u, new_edit(u, start, end), 0, 0, t);
}

/* Insert the text in b at pos, as part of the node that begins at owner: it goes after
** whatever that node's own lists become, not into the last item of one. */
static void insert(U *u, size_t pos, size_t owner, buf *b) {
    char *t = lines(u, b);
    edit *e = t ? new_edit(u, pos, pos) : NULL;
    if (e) e->owner = owner;
    add_piece(u, e, 0, 0, t);
}

static int render(U *u, buf *out, size_t s, size_t e, int top);

static int render_edit(U *u, buf *out, edit *ed) {
    ed->done = 1;
    for (size_t i = 0; i < ed->np; i++) {
        const piece *p = &ed->pieces[i];
        if (p->text)
            puts_(out, p->text);
        else if (render(u, out, p->start, p->end, 0))
            return -1;
    }
    return 0;
}

static int by_start(const void *a, const void *b) {
    const edit *x = *(edit *const *)a, *y = *(edit *const *)b;
    if (x->start != y->start) return x->start < y->start ? -1 : 1;
    /* An insertion before a replacement at the same place; else in the order made. */
    if ((x->start == x->end) != (y->start == y->end)) return x->start == x->end ? -1 : 1;
    return x < y ? -1 : x > y;
}

/* The file's bytes [s, e) with the edits inside: a replacement wholly inside, an insertion at a
** place after s (or at s itself at the top) that belongs to a node beginning at s or later. */
static int render(U *u, buf *out, size_t s, size_t e, int top) {
    edit **in = malloc((u->ne ? u->ne : 1) * sizeof *in);
    if (!in) return u->failed = 1, -1;
    size_t n = 0;
    for (size_t i = 0; i < u->ne; i++) {
        edit *ed = &u->edits[i];
        if (ed->done) continue;
        int inside = ed->start == ed->end
                         ? (top || ed->start > s) && ed->start <= e && s <= ed->owner
                         : ed->start >= s && ed->end <= e;
        if (inside) in[n++] = ed;
    }
    qsort(in, n, sizeof *in, by_start);
    size_t at = s;
    int rc = 0;
    for (size_t i = 0; i < n && !rc; i++) {
        edit *ed = in[i];
        if (ed->done) continue; /* rendered as part of an earlier one */
        if (ed->start < at) {
            cannot(u, "internal: two edits overlap at byte %zu", ed->start);
            rc = -1;
            break;
        }
        put(out, u->text + at, ed->start - at);
        rc = render_edit(u, out, ed);
        at = ed->end;
    }
    if (!rc) put(out, u->text + at, e - at);
    free(in);
    return rc;
}

/* ---- the file's rows ------------------------------------------------------------------------ */

static int by_position(const void *a, const void *b) {
    const posrow *x = a, *y = b;
    if (x->line != y->line) return x->line < y->line ? -1 : 1;
    return (x->col > y->col) - (x->col < y->col);
}

static int index_rows(U *u) {
    for (int e = 0; e < model_nentities; e++) {
        const rtable *t = &u->file->tables[e];
        if (!t->n) continue;
        if (!(u->pos[e] = malloc(t->n * sizeof *u->pos[e]))) return -1;
        for (size_t i = 0; i < t->n; i++)
            u->pos[e][i] = (posrow){t->rows[i].line, t->rows[i].col, &t->rows[i]};
        u->npos[e] = t->n;
        qsort(u->pos[e], t->n, sizeof *u->pos[e], by_position);
    }
    return 0;
}

/* The file's row of entity e whose node n is. */
static const rrow *file_row(U *u, int e, const ynode *n) {
    posrow probe = {n->line, n->col, NULL};
    const posrow *p =
        u->npos[e] ? bsearch(&probe, u->pos[e], u->npos[e], sizeof probe, by_position) : NULL;
    if (!p) cannot(u, "internal: no %s at line %d", model_entities[e].name, n->line);
    return p ? p->row : NULL;
}

/* The database's list of entity e under parent (all of e for a top-level entity). */
static const rrow **db_list(U *u, int e, const char *parent, size_t *n) {
    int pf = -1;
    for (int i = 0; i < model_entities[e].nfields; i++)
        if (model_entities[e].fields[i].flags & MF_PARENT) pf = i;
    *n = 0;
    for (long l = 0; l < u->lists[e].n; l++) {
        const rrow **rows = u->lists[e].rows + u->lists[e].starts[l];
        if (pf >= 0 && strcmp(rows[0]->v[pf], parent) != 0) continue;
        *n = u->lists[e].starts[l + 1] - u->lists[e].starts[l];
        return rows;
    }
    return NULL;
}

/* The field that holds the value of a list of plain values (MS_SCALARS). */
static int value_field(int e) {
    const model_entity *en = &model_entities[e];
    for (int i = 0; i < en->nfields; i++)
        if (!(en->fields[i].flags & (MF_PARENT | MF_DERIVED))) return i;
    return 0;
}

static const char *row_id(int e, const rrow *row) {
    int idf = model_id_field(e);
    return idf >= 0 ? row->v[idf] : NULL;
}

/* The key node and value node of name in map. */
static const ynode *pair(const ynode *map, const char *name, const ynode **key) {
    size_t len = strlen(name);
    for (size_t i = 0; map && i + 1 < map->n; i += 2)
        if (map->items[i]->kind == YN_SCALAR && map->items[i]->len == len &&
            memcmp(map->items[i]->str, name, len) == 0) {
            if (key) *key = map->items[i];
            return map->items[i + 1];
        }
    if (key) *key = NULL;
    return NULL;
}

static int is_null(const ynode *n) {
    return !n || (n->kind == YN_SCALAR && n->plain &&
                  (n->len == 0 || strcmp(n->str, "~") == 0 || strcmp(n->str, "null") == 0 ||
                   strcmp(n->str, "Null") == 0 || strcmp(n->str, "NULL") == 0));
}

/* ---- writing new text ------------------------------------------------------------------------ */

/* A value, after "key: " or "- " at column col (a block's lines indented to col + 2). */
static void gen_value(U *u, buf *b, const model_field *f, const char *v, int flow, int col) {
    char *t = export_scalar(f, v, flow, -1, 0);
    if (!t) {
        u->failed = 1;
        return;
    }
    for (const char *p = t; *p; p++) {
        put(b, p, 1);
        if (*p == '\n' && p[1]) spaces(b, col);
    }
    free(t);
}

static int has_db_children(U *u, int e, const rrow *row) {
    const char *id = row_id(e, row);
    for (int c = 0; id && c < model_nentities; c++) {
        size_t n;
        if (model_entities[c].parent == e && db_list(u, c, id, &n) && n) return 1;
    }
    return 0;
}

static int multiline_row(int e, const rrow *row) {
    for (int i = 0; i < model_entities[e].nfields; i++)
        if (row->v[i] && strchr(row->v[i], '\n')) return 1;
    return 0;
}

static void gen_flow_row(U *u, buf *b, int e, const rrow *row) {
    const model_entity *en = &model_entities[e];
    int first = 1;
    puts_(b, "{");
    for (int i = 0; i < en->nfields; i++) {
        if (!row->v[i] || (en->fields[i].flags & (MF_PARENT | MF_DERIVED))) continue;
        puts_(b, first ? "" : ", ");
        puts_(b, en->fields[i].name);
        puts_(b, ": ");
        gen_value(u, b, &en->fields[i], row->v[i], 1, 0);
        first = 0;
    }
    puts_(b, "}");
}

static void gen_list(U *u, buf *b, int e, const char *parent, int dash, int sibling);

/* A row as a block mapping: its first line goes where b is, the others at column col. */
static void gen_block_row(U *u, buf *b, int e, const rrow *row, int col) {
    const model_entity *en = &model_entities[e];
    int first = 1;
    for (int i = 0; i < en->nfields; i++) {
        const model_field *f = &en->fields[i];
        if (!row->v[i] || (f->flags & (MF_PARENT | MF_DERIVED))) continue;
        if (!first) spaces(b, col);
        puts_(b, f->name);
        puts_(b, ": ");
        size_t at = b->n;
        gen_value(u, b, f, row->v[i], 0, col);
        if (b->n == at || b->p[b->n - 1] != '\n') puts_(b, "\n");
        first = 0;
    }
    const char *id = row_id(e, row);
    for (int c = 0; id && c < model_nentities; c++) {
        size_t n;
        if (model_entities[c].parent != e || !db_list(u, c, id, &n) || !n) continue;
        spaces(b, col);
        puts_(b, model_entities[c].section);
        puts_(b, ":");
        gen_list(u, b, c, id, col + u->child_shift, -1);
    }
}

/* One item of a block list, after its "- " at column dash; sibling: the style of the list's
** other items (1 flow, 0 block, -1 none or mixed). Ends with a line break. */
static void gen_item(U *u, buf *b, int e, const rrow *row, int dash, int sibling) {
    const model_entity *en = &model_entities[e];
    if (en->shape == MS_SCALARS) {
        int vf = value_field(e);
        size_t at = b->n;
        gen_value(u, b, &en->fields[vf], row->v[vf], 0, dash);
        if (b->n == at || b->p[b->n - 1] != '\n') puts_(b, "\n");
        return;
    }
    int children = has_db_children(u, e, row);
    int flow = sibling == 1   ? !children && !multiline_row(e, row)
               : sibling == 0 ? 0
                              : export_flow_row(e, row, children);
    if (flow) {
        gen_flow_row(u, b, e, row);
        puts_(b, "\n");
    } else {
        gen_block_row(u, b, e, row, dash + 2);
    }
}

/* A list's text after its key's ':': " [a, b]" for plain values on one line, else the items on
** lines of their own with their '-' at column dash. Ends with a line break. */
static void gen_list(U *u, buf *b, int e, const char *parent, int dash, int sibling) {
    const model_entity *en = &model_entities[e];
    size_t n;
    const rrow **rows = db_list(u, e, parent, &n);
    int flow = en->shape == MS_SCALARS;
    for (size_t i = 0; i < n && flow; i++)
        flow = !multiline_row(e, rows[i]);
    if (flow) {
        int vf = value_field(e);
        puts_(b, " [");
        for (size_t i = 0; i < n; i++) {
            puts_(b, i ? ", " : "");
            gen_value(u, b, &en->fields[vf], rows[i]->v[vf], 1, 0);
        }
        puts_(b, "]\n");
        return;
    }
    puts_(b, "\n");
    for (size_t i = 0; i < n; i++) {
        spaces(b, dash);
        puts_(b, "- ");
        gen_item(u, b, e, rows[i], dash, sibling);
    }
}

/* ---- values -----------------------------------------------------------------------------------
 */

/* The widest line of a block scalar's content, and the column its content starts at. */
static void block_shape(const U *u, const ynode *v, int *width, int *indent) {
    size_t s = nstart(u, v), e = nend(u, v);
    size_t p = after_line(u, s + 1);
    *width = 0;
    *indent = -1;
    while (p < e) {
        size_t q = p;
        while (q < e && u->text[q] != '\n')
            q++;
        size_t ind = p;
        while (ind < q && u->text[ind] == ' ')
            ind++;
        if (ind < q) {
            if (*indent < 0 || (int)(ind - p) < *indent) *indent = (int)(ind - p);
            if ((int)(q - p) > *width) *width = (int)(q - p);
        }
        p = q + 1;
    }
}

/* Replace value node v (of field f; its key at column col) by value s, in the style it has. */
static void replace_value(U *u, const model_field *f, const ynode *v, const char *s, int flow,
                          int col) {
    size_t start = nstart(u, v), end = nend(u, v);
    int style = v->style, width = 0, indent = -1, empty = v->kind == YN_SCALAR && !v->len;
    if (v->kind != YN_SCALAR) {
        cannot(u, "'%s' at line %d is not a value", f->name, v->line);
        return;
    }
    if (style == YS_LITERAL || style == YS_FOLDED) block_shape(u, v, &width, &indent);
    /* A block's text moves to lines of its own only where nothing follows on the line. */
    size_t eol = end;
    while (eol < u->len && (u->text[eol] == ' ' || u->text[eol] == '\r'))
        eol++;
    int line_free = eol >= u->len || u->text[eol] == '\n';
    if (style != YS_LITERAL && style != YS_FOLDED && !line_free && strchr(s, '\n'))
        style = YS_DOUBLE;
    char *t = export_scalar(f, s, flow, style, width > 0 ? width - indent + 2 : 0);
    if (!t) {
        u->failed = 1;
        return;
    }
    int block = t[0] == '|' || t[0] == '>';
    if (block && style != YS_LITERAL && style != YS_FOLDED && !line_free) {
        free(t);
        cannot(u, "internal: a text block where the line goes on");
        return;
    }
    int shift = indent >= 0 ? indent - 2 : col;
    buf b = {0};
    if (empty) puts_(&b, " ");
    for (const char *p = t; *p; p++) {
        put(&b, p, 1);
        if (*p == '\n' && p[1]) spaces(&b, shift);
    }
    free(t);
    /* A block that replaces a one-line value ends where the line's own break follows. */
    if (block && style != YS_LITERAL && style != YS_FOLDED && b.n && b.p[b.n - 1] == '\n')
        b.p[--b.n] = '\0';
    replace(u, start, end, &b);
}

/* Remove the pair key: val from mapping map: in a flow mapping with the separator before it (or
** after it, for the first pair); in a block one with its line, when it has one of its own, else
** up to the next key. what: the internal error when map holds nothing else. */
static void remove_pair(U *u, const ynode *map, const ynode *key, const ynode *val,
                        const char *what) {
    size_t k = 0;
    while (k + 1 < map->n && map->items[k] != key)
        k += 2;
    buf none = {0};
    if (map->style == YS_FLOW) {
        if (k >= 2)
            replace(u, nend(u, map->items[k - 1]), nend(u, val), &none);
        else if (map->n >= 4)
            replace(u, nstart(u, key), nstart(u, map->items[2]), &none);
        else
            cannot(u, "internal: %s", what);
        return;
    }
    size_t ls = line_start(u, nstart(u, key));
    if (blank(u, ls, nstart(u, key)))
        replace(u, ls, after_line(u, nend(u, val)), &none);
    else if (k + 2 < map->n)
        replace(u, nstart(u, key), nstart(u, map->items[k + 2]), &none);
    else
        cannot(u, "internal: %s", what);
}

/* The field of e that precedes field i in model order and is in map (its value), or the map's
** first value. */
static const ynode *anchor_value(int e, int i, const ynode *map) {
    const model_entity *en = &model_entities[e];
    for (int k = i - 1; k >= 0; k--) {
        const ynode *v = pair(map, en->fields[k].name, NULL);
        if (v && v->kind == YN_SCALAR) return v;
    }
    return map->n >= 2 ? map->items[1] : NULL;
}

static void do_field(U *u, int e, int i, const rrow *dr, const ynode *map) {
    const model_field *f = &model_entities[e].fields[i];
    const char *dv = dr->v[i];
    const ynode *key, *val = pair(map, f->name, &key);
    int flow = map->style == YS_FLOW, col = map->col - 1;
    u->counts->values++;
    if (dv && val) { /* changed, or given where the file has it empty */
        replace_value(u, f, val, dv, flow, col);
        return;
    }
    if (dv) { /* added: after the value before it */
        const ynode *a = anchor_value(e, i, map);
        if (!a) {
            cannot(u, "internal: a row without values");
            return;
        }
        buf b = {0};
        if (flow) {
            puts_(&b, ", ");
            puts_(&b, f->name);
            puts_(&b, ": ");
            gen_value(u, &b, f, dv, 1, 0);
            insert(u, nend(u, a), nstart(u, map), &b);
        } else {
            spaces(&b, col);
            puts_(&b, f->name);
            puts_(&b, ": ");
            size_t at = b.n;
            gen_value(u, &b, f, dv, 0, col);
            if (b.n == at || b.p[b.n - 1] != '\n') puts_(&b, "\n");
            insert(u, after_line(u, nend(u, a)), line_start(u, nstart(u, map)), &b);
        }
        return;
    }
    remove_pair(u, map, key, val, "a row without values"); /* removed: the pair */
}

/* ---- rows and lists ---------------------------------------------------------------------------
 */

static void do_list(U *u, int e, const char *parent, const ynode *holder, int top);

static int file_list_len(const ynode *seq) {
    return seq && seq->kind == YN_SEQ ? (int)seq->n : 0;
}

/* A row written in flow style whose child lists come or go: written again, in block style. */
static int regenerate(U *u, int e, const rrow *fr, const rrow *dr, const ynode *map) {
    if (map->style != YS_FLOW) return 0;
    const char *id = row_id(e, fr);
    int need = 0;
    for (int c = 0; id && c < model_nentities && !need; c++) {
        if (model_entities[c].parent != e) continue;
        size_t n;
        int in_file = file_list_len(pair(map, model_entities[c].section, NULL)) > 0;
        need = in_file != (db_list(u, c, id, &n) && n);
    }
    if (!need) return 0;
    buf b = {0};
    gen_block_row(u, &b, e, dr, map->col - 1);
    replace(u, nstart(u, map), after_line(u, nend(u, map)), &b);
    u->counts->values++;
    return 1;
}

static void do_row(U *u, int e, const rrow *fr, const rrow *dr, const ynode *map) {
    const model_entity *en = &model_entities[e];
    if (stopped(u)) return;
    if (map->kind != YN_MAP) {
        cannot(u, "internal: %s at line %d is not a mapping", en->name, map->line);
        return;
    }
    if (regenerate(u, e, fr, dr, map)) return;
    for (int i = 0; i < en->nfields; i++) {
        if (en->fields[i].flags & (MF_PARENT | MF_DERIVED)) continue;
        const char *a = fr->v[i], *b = dr->v[i];
        if ((!a && !b) || (a && b && strcmp(a, b) == 0)) continue;
        do_field(u, e, i, dr, map);
    }
    const char *id = row_id(e, fr);
    for (int c = 0; id && c < model_nentities; c++)
        if (model_entities[c].parent == e) do_list(u, c, id, map, 0);
}

/* The list of entity e is in the database but not in the file (or empty there): written. */
static void add_section(U *u, int e, const char *parent, const ynode *holder, const ynode *key,
                        const ynode *seq, int top) {
    const char *section = model_entities[e].section;
    int col = top ? 0 : holder->col - 1, dash = top ? u->top_dash : col + u->child_shift;
    buf b = {0};
    if (key) { /* "key:" with nothing, or "key: []": key and value written again */
        size_t ls = line_start(u, nstart(u, key)),
               from = blank(u, ls, nstart(u, key)) ? ls : nstart(u, key);
        if (from == ls) spaces(&b, col);
        puts_(&b, section);
        puts_(&b, ":");
        gen_list(u, &b, e, parent, dash, -1);
        replace(u, from, after_line(u, nend(u, seq ? seq : key)), &b);
        return;
    }
    const ynode *after = NULL;
    if (top) {
        for (int p = e - 1; p >= 0 && !after; p--)
            if (model_entities[p].parent < 0) after = pair(holder, model_entities[p].section, NULL);
        puts_(&b, "\n");
    } else {
        after = holder;
        spaces(&b, col);
    }
    if (!after) {
        cannot(u, "internal: nowhere to put '%s'", section);
        return;
    }
    puts_(&b, section);
    puts_(&b, ":");
    gen_list(u, &b, e, parent, dash, -1);
    insert(u, after_line(u, nend(u, after)), top ? 0 : line_start(u, nstart(u, holder)), &b);
}

/* Where the '-' of block list item n is. */
static size_t dash_of(U *u, const ynode *n) {
    size_t p = nstart(u, n);
    while (p > 0 && strchr(" \t\r\n", u->text[p - 1]))
        p--;
    if (p == 0 || u->text[p - 1] != '-') {
        cannot(u, "internal: no '-' before the item at line %d", n->line);
        return nstart(u, n);
    }
    return p - 1;
}

typedef struct litem {
    const ynode *node;
    const rrow *row;
    const rrow *dbrow;    /* NULL: removed */
    size_t dash, ls, end; /* block: the '-', its line's start, after the item's last line */
} litem;

static long find_in(const litem *items, size_t n, const rrow *dbrow) {
    for (size_t i = 0; i < n; i++)
        if (strcmp(items[i].row->key, dbrow->key) == 0) return (long)i;
    return -1;
}

/* A list that gains, loses or reorders rows: rebuilt from its items' own text. */
static void rebuild_list(U *u, int e, const ynode *seq, litem *it, size_t nf, const rrow **dl,
                         size_t nd) {
    int flow = seq->style == YS_FLOW, sibling = -1;
    for (size_t i = 0; i < nf; i++) {
        int s = it[i].node->kind == YN_MAP && it[i].node->style == YS_FLOW;
        sibling = i == 0 ? s : sibling == s ? s : -1;
    }
    if (model_entities[e].shape == MS_SCALARS) sibling = -1;
    for (size_t i = 0; i < nf; i++) {
        it[i].end = after_line(u, nend(u, it[i].node));
        if (!flow) {
            it[i].dash = dash_of(u, it[i].node);
            it[i].ls = line_start(u, it[i].dash);
        }
    }
    if (stopped(u)) return;
    if (flow)
        for (size_t i = 1; i < nf; i++)
            for (size_t p = nend(u, it[i - 1].node); p < nstart(u, it[i].node); p++)
                if (u->text[p] == '#') {
                    cannot(u, "a comment inside the list at line %d", seq->line);
                    return;
                }
    size_t start = flow ? nstart(u, it[0].node) : it[0].ls;
    size_t end = flow ? nend(u, it[nf - 1].node) : it[nf - 1].end;
    int dash = flow ? 0 : (int)(it[0].dash - it[0].ls);
    edit *ed = new_edit(u, start, end);
    if (!ed) return;
    long last_kept = -1, moved = 0;
    size_t k;
    for (k = 0; k < nd && !stopped(u); k++) {
        long i = find_in(it, nf, dl[k]);
        if (flow && k) add_piece(u, ed, 0, 0, strdup(", "));
        if (i < 0) {
            buf b = {0};
            if (flow) {
                if (model_entities[e].shape == MS_SCALARS) {
                    int vf = value_field(e);
                    gen_value(u, &b, &model_entities[e].fields[vf], dl[k]->v[vf], 1, 0);
                } else if (has_db_children(u, e, dl[k])) {
                    cannot(u, "a new %s with lists of its own in a list written in one line",
                           model_entities[e].name);
                } else {
                    gen_flow_row(u, &b, e, dl[k]);
                }
            } else {
                spaces(&b, dash);
                puts_(&b, "- ");
                gen_item(u, &b, e, dl[k], dash, sibling);
            }
            char *t = lines(u, &b);
            if (t) add_piece(u, ed, 0, 0, t);
            u->counts->added++;
            continue;
        }
        if (i < last_kept) moved = 1;
        if (i > last_kept) last_kept = i;
        if (flow) {
            add_piece(u, ed, nstart(u, it[i].node), nend(u, it[i].node), NULL);
        } else {
            /* the comment lines of removed items just before it go with it */
            long j = i - 1;
            while (j > 0 && !it[j].dbrow)
                j--;
            for (long r = j + 1; r < i; r++)
                if (r > 0) add_piece(u, ed, it[r - 1].end, it[r].ls, NULL);
            add_piece(u, ed, i == 0 ? it[0].ls : it[i - 1].end, it[i].end, NULL);
            if (it[i].end == u->len && u->len && u->text[u->len - 1] != '\n')
                add_piece(u, ed, 0, 0, strdup(u->crlf ? "\r\n" : "\n"));
        }
        if (model_entities[e].shape != MS_SCALARS) do_row(u, e, it[i].row, dl[k], it[i].node);
    }
    /* the comment lines of removed items at the end stay at the end */
    if (!flow) {
        long j = (long)nf - 1;
        while (j > 0 && !it[j].dbrow)
            j--;
        for (long r = j + 1; r < (long)nf; r++)
            add_piece(u, ed, it[r - 1].end, it[r].ls, NULL);
    }
    for (size_t i = 0; i < nf; i++)
        if (!it[i].dbrow) u->counts->removed++;
    if (moved) u->counts->lists++;
}

static void do_list(U *u, int e, const char *parent, const ynode *holder, int top) {
    if (stopped(u)) return;
    const ynode *key, *seq = pair(holder, model_entities[e].section, &key);
    size_t nd;
    const rrow **dl = db_list(u, e, parent, &nd);
    size_t nf = (size_t)file_list_len(seq);
    if (seq && seq->kind != YN_SEQ && !is_null(seq)) {
        cannot(u, "'%s' at line %d is not a list", model_entities[e].section, seq->line);
        return;
    }
    if (!nd && !nf) return;
    if (!nf) {
        add_section(u, e, parent, holder, key, seq, top);
        u->counts->added += (int)nd;
        return;
    }
    if (!nd) { /* in the file but not in the database: its key and list go */
        remove_pair(u, holder, key, seq, "a row of only a list");
        u->counts->removed += (int)nf;
        return;
    }
    litem *it = calloc(nf, sizeof *it);
    if (!it) {
        u->failed = 1;
        return;
    }
    int same = nf == nd;
    for (size_t i = 0; i < nf && !stopped(u); i++) {
        it[i].node = seq->items[i];
        it[i].row = file_row(u, e, seq->items[i]);
        if (!it[i].row) break;
        it[i].dbrow = rdata_find(u->db, e, it[i].row->key);
        same = same && strcmp(it[i].row->key, dl[i]->key) == 0;
    }
    if (stopped(u)) {
        free(it);
        return;
    }
    if (same) {
        for (size_t i = 0; i < nf && model_entities[e].shape != MS_SCALARS; i++)
            do_row(u, e, it[i].row, dl[i], it[i].node);
    } else {
        rebuild_list(u, e, seq, it, nf, dl, nd);
    }
    free(it);
}

/* ---- reading back -----------------------------------------------------------------------------
 */

/* "" when got holds exactly want's rows, values and order; else what differs, in msg. */
static int same_region(const rdata *got, const rdata *want, char *msg, size_t cap) {
    for (int e = 0; e < model_nentities; e++) {
        const model_entity *en = &model_entities[e];
        const rtable *t = &want->tables[e];
        if (got->tables[e].n != t->n) {
            snprintf(msg, cap, "%zu %s rows, not %zu", got->tables[e].n, en->name, t->n);
            return 0;
        }
        for (size_t i = 0; i < t->n; i++) {
            const rrow *w = &t->rows[i], *g = rdata_find(got, e, w->key);
            if (!g) {
                snprintf(msg, cap, "no %s %s", en->name, w->key);
                return 0;
            }
            for (int f = 0; f < en->nfields; f++) {
                if (en->fields[f].flags & MF_DERIVED) continue;
                const char *a = g->v[f], *b = w->v[f];
                if ((!a && !b) || (a && b && strcmp(a, b) == 0)) continue;
                snprintf(msg, cap, "%s %s: %s is '%.40s', not '%.40s'", en->name, w->key,
                         en->fields[f].name, a ? a : "", b ? b : "");
                return 0;
            }
        }
        if (!model_ordered(e)) continue;
        const rrow **gr, **wr;
        size_t *gs, *ws;
        long gn = rdata_lists(got, e, &gr, &gs), wn = rdata_lists(want, e, &wr, &ws);
        int ok = gn == wn && gn >= 0;
        for (size_t i = 0; ok && i < t->n; i++)
            ok = strcmp(gr[i]->key, wr[i]->key) == 0;
        if (!ok) snprintf(msg, cap, "the %s rows are in another order", en->name);
        free(gr);
        free(gs);
        free(wr);
        free(ws);
        if (!ok) return 0;
    }
    return 1;
}

/* ---- the whole ------------------------------------------------------------------------------- */

/* The file's indentation: where a top-level list's '-' is, and a child list's against its key. */
static void detect_style(U *u, const ynode *root) {
    u->top_dash = 0;
    u->child_shift = 2;
    int top = 0, child = 0;
    for (size_t k = 0; k + 1 < root->n; k += 2) {
        const ynode *v = root->items[k + 1];
        if (v->kind != YN_SEQ || v->style != YS_BLOCK || !v->n) continue;
        if (!top) {
            u->top_dash = v->col - 1;
            top = 1;
        }
        for (size_t i = 0; i < v->n && !child; i++) {
            const ynode *m = v->items[i];
            if (m->kind != YN_MAP || m->style != YS_BLOCK) continue;
            for (size_t j = 0; j + 1 < m->n && !child; j += 2) {
                const ynode *c = m->items[j + 1];
                if (c->kind != YN_SEQ || c->style != YS_BLOCK || !c->n) continue;
                u->child_shift = c->col - m->items[j]->col;
                child = 1;
            }
        }
    }
}

static void free_u(U *u) {
    for (size_t i = 0; i < u->ne; i++) {
        for (size_t k = 0; k < u->edits[i].np; k++)
            free(u->edits[i].pieces[k].text);
        free(u->edits[i].pieces);
    }
    free(u->edits);
    free(u->ck);
    for (int e = 0; e < model_nentities && e < 64; e++) {
        free(u->lists[e].rows);
        free(u->lists[e].starts);
        free(u->pos[e]);
    }
}

char *export_update(const rdata *db, const char *name, const char *text, size_t len, size_t *outlen,
                    export_counts *counts, diag *d, int *internal) {
    *internal = 0;
    memset(counts, 0, sizeof *counts);
    ydoc *doc = ydoc_read_mem(name, text, len, d);
    rdata *file = doc && !diag_count(d) ? load_read_doc(doc, d) : NULL;
    if (!file) {
        ydoc_free(doc);
        return NULL;
    }
    const char *want = rdata_region(db), *has = rdata_region(file);
    if (!has || strcmp(has, want) != 0) {
        diag_add(d, name, 0, 0, "give the file of this region, or another name to write it anew",
                 "the file holds region '%s', not '%s'", has ? has : "", want);
        rdata_free(file);
        ydoc_free(doc);
        return NULL;
    }
    U u = {.db = db, .file = file, .text = text, .len = len, .counts = counts};
    u.base = len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    u.crlf = memchr(text, '\r', len) != NULL && strstr(text, "\r\n") != NULL;
    char *out = NULL;
    buf res = {0};
    if (model_nentities > 64 || index_chars(&u) || index_rows(&u)) u.failed = 1;
    for (int e = 0; !u.failed && e < model_nentities; e++)
        if (model_ordered(e) &&
            (u.lists[e].n = rdata_lists(db, e, &u.lists[e].rows, &u.lists[e].starts)) < 0)
            u.failed = 1;
    if (!u.failed) {
        const ynode *root = doc->root;
        detect_style(&u, root);
        const ynode *region = pair(root, "region", NULL);
        do_row(&u, ME_REGION, &file->tables[ME_REGION].rows[0], &db->tables[ME_REGION].rows[0],
               region);
        for (int e = 0; e < model_nentities && !stopped(&u); e++)
            if (model_entities[e].parent < 0 && e != ME_REGION) do_list(&u, e, NULL, root, 1);
        if (!stopped(&u)) render(&u, &res, 0, len, 1);
    }
    if (!stopped(&u) && res.failed) u.failed = 1;
    if (!stopped(&u)) {
        /* Read back: the new text must hold exactly the database's region. */
        diag *back = diag_new();
        ydoc *again = back ? ydoc_read_mem(name, res.p ? res.p : "", res.n, back) : NULL;
        rdata *got = again && !diag_count(back) ? load_read_doc(again, back) : NULL;
        char msg[300] = "";
        if (!got && back) { /* the first problem, without the file's name */
            char *text = NULL;
            size_t n = 0;
            FILE *m = open_memstream(&text, &n);
            if (m) {
                diag_print(back, m, 0);
                fclose(m);
            }
            const char *p = text ? strstr(text, "error: ") : NULL;
            snprintf(msg, sizeof msg, "%.*s", p ? (int)strcspn(p + 7, "\n") : 0, p ? p + 7 : "");
            if (getenv("SPIL_DEBUG_UPDATE")) fwrite(res.p, 1, res.n, stderr);
            free(text);
        }
        if (!got || !same_region(got, db, msg + strlen(msg), sizeof msg - strlen(msg)))
            cannot(&u, "internal: the updated file does not read back as the database (%s)", msg);
        rdata_free(got);
        ydoc_free(again);
        diag_free(back);
    }
    if (u.failed) cannot(&u, "out of memory");
    if (u.why[0]) {
        *internal = 1;
        diag_add(d, name, 0, 0, NULL, "cannot update the file in place: %s", u.why);
        free(res.p);
    } else {
        out = res.p ? res.p : calloc(1, 1);
        *outlen = res.n;
    }
    free_u(&u);
    rdata_free(file);
    ydoc_free(doc);
    return out;
}
