/*
** export_update_edit.c: the edits of an in-place export, the new text they put in, and the file
** rendered with them (export_update.c decides them; export_update_impl.h).
**
** Owns: growing text; the edit list (a range of the file's bytes replaced by pieces: literal
** text, or a range of the file rendered with the edits inside it; an insertion belongs to the
** node it is made for), made with the file's line ends (CRLF kept); rendering the file's text
** with its edits, nested ones inside the pieces that carry them; new text written from the
** database's rows in the file's style: values (export_scalar), rows in flow or block style, list
** items and whole lists with their child lists, indented as the file is.
** Does not: find places in the file (export_update_place.c) or decide what changes
** (export_update.c).
*/
#include <stdlib.h>
#include <string.h>

#include "export.h"
#include "export_update_impl.h"

/* ---- growing text ---- */

void upd_put(buf *b, const char *s, size_t n) {
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

void upd_puts(buf *b, const char *s) {
    upd_put(b, s, strlen(s));
}

void upd_spaces(buf *b, int n) {
    for (int i = 0; i < n; i++)
        upd_put(b, " ", 1);
}

static char *take(buf *b) {
    if (b->failed) {
        free(b->p);
        return NULL;
    }
    if (!b->p) return calloc(1, 1);
    return b->p;
}

/* ---- the edits ---- */

edit *upd_new_edit(U *u, size_t start, size_t end) {
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

void upd_add_piece(U *u, edit *e, size_t start, size_t end, char *text) {
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
char *upd_lines(U *u, buf *b) {
    char *t = take(b);
    if (!t) {
        u->failed = 1;
        return NULL;
    }
    if (!u->crlf || !strchr(t, '\n')) return t;
    buf c = {0};
    for (const char *p = t; *p; p++) {
        if (*p == '\n' && (p == t || p[-1] != '\r')) upd_put(&c, "\r", 1);
        upd_put(&c, p, 1);
    }
    free(t);
    if (!(t = take(&c))) u->failed = 1;
    return t;
}

/* Replace [start, end) by the text in b. */
void upd_replace(U *u, size_t start, size_t end, buf *b) {
    char *t = upd_lines(u, b);
    if (t) upd_add_piece(u, upd_new_edit(u, start, end), 0, 0, t);
}

/* Insert the text in b at pos, as part of the node that begins at owner: it goes after
** whatever that node's own lists become, not into the last item of one. */
void upd_insert(U *u, size_t pos, size_t owner, buf *b) {
    char *t = upd_lines(u, b);
    edit *e = t ? upd_new_edit(u, pos, pos) : NULL;
    if (e) e->owner = owner;
    upd_add_piece(u, e, 0, 0, t);
}

int upd_render(U *u, buf *out, size_t s, size_t e, int top);

static int render_edit(U *u, buf *out, edit *ed) {
    ed->done = 1;
    for (size_t i = 0; i < ed->np; i++) {
        const piece *p = &ed->pieces[i];
        if (p->text)
            upd_puts(out, p->text);
        else if (upd_render(u, out, p->start, p->end, 0))
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
int upd_render(U *u, buf *out, size_t s, size_t e, int top) {
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
            upd_cannot(u, "internal: two edits overlap at byte %zu", ed->start);
            rc = -1;
            break;
        }
        upd_put(out, u->text + at, ed->start - at);
        rc = render_edit(u, out, ed);
        at = ed->end;
    }
    if (!rc) upd_put(out, u->text + at, e - at);
    free(in);
    return rc;
}

/* ---- the database's rows ---- */

/* The database's list of entity e under parent (all of e for a top-level entity). */
const rrow **upd_db_list(U *u, int e, const char *parent, size_t *n) {
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
int upd_value_field(int e) {
    const model_entity *en = &model_entities[e];
    for (int i = 0; i < en->nfields; i++)
        if (!(en->fields[i].flags & (MF_PARENT | MF_DERIVED))) return i;
    return 0;
}

const char *upd_row_id(int e, const rrow *row) {
    int idf = model_id_field(e);
    return idf >= 0 ? row->v[idf] : NULL;
}

/* ---- writing new text ---- */

/* A value, after "key: " or "- " at column col (a block's lines indented to col + 2). */
void upd_gen_value(U *u, buf *b, const model_field *f, const char *v, int flow, int col) {
    char *t = export_scalar(f, v, flow, -1, 0);
    if (!t) {
        u->failed = 1;
        return;
    }
    for (const char *p = t; *p; p++) {
        upd_put(b, p, 1);
        if (*p == '\n' && p[1]) upd_spaces(b, col);
    }
    free(t);
}

int upd_has_db_children(U *u, int e, const rrow *row) {
    const char *id = upd_row_id(e, row);
    for (int c = 0; id && c < model_nentities; c++) {
        size_t n;
        if (model_entities[c].parent == e && upd_db_list(u, c, id, &n) && n) return 1;
    }
    return 0;
}

static int multiline_row(int e, const rrow *row) {
    for (int i = 0; i < model_entities[e].nfields; i++)
        if (row->v[i] && strchr(row->v[i], '\n')) return 1;
    return 0;
}

void upd_gen_flow_row(U *u, buf *b, int e, const rrow *row) {
    const model_entity *en = &model_entities[e];
    int first = 1;
    upd_puts(b, "{");
    for (int i = 0; i < en->nfields; i++) {
        if (!row->v[i] || (en->fields[i].flags & (MF_PARENT | MF_DERIVED))) continue;
        upd_puts(b, first ? "" : ", ");
        upd_puts(b, en->fields[i].name);
        upd_puts(b, ": ");
        upd_gen_value(u, b, &en->fields[i], row->v[i], 1, 0);
        first = 0;
    }
    upd_puts(b, "}");
}

void upd_gen_list(U *u, buf *b, int e, const char *parent, int dash, int sibling);

/* A row as a block mapping: its first line goes where b is, the others at column col. */
void upd_gen_block_row(U *u, buf *b, int e, const rrow *row, int col) {
    const model_entity *en = &model_entities[e];
    int first = 1;
    for (int i = 0; i < en->nfields; i++) {
        const model_field *f = &en->fields[i];
        if (!row->v[i] || (f->flags & (MF_PARENT | MF_DERIVED))) continue;
        if (!first) upd_spaces(b, col);
        upd_puts(b, f->name);
        upd_puts(b, ": ");
        size_t at = b->n;
        upd_gen_value(u, b, f, row->v[i], 0, col);
        if (b->n == at || b->p[b->n - 1] != '\n') upd_puts(b, "\n");
        first = 0;
    }
    const char *id = upd_row_id(e, row);
    for (int c = 0; id && c < model_nentities; c++) {
        size_t n;
        if (model_entities[c].parent != e || !upd_db_list(u, c, id, &n) || !n) continue;
        upd_spaces(b, col);
        upd_puts(b, model_entities[c].section);
        upd_puts(b, ":");
        upd_gen_list(u, b, c, id, col + u->child_shift, -1);
    }
}

/* One item of a block list, after its "- " at column dash; sibling: the style of the list's
** other items (1 flow, 0 block, -1 none or mixed). Ends with a line break. */
void upd_gen_item(U *u, buf *b, int e, const rrow *row, int dash, int sibling) {
    const model_entity *en = &model_entities[e];
    if (en->shape == MS_SCALARS) {
        int vf = upd_value_field(e);
        size_t at = b->n;
        upd_gen_value(u, b, &en->fields[vf], row->v[vf], 0, dash);
        if (b->n == at || b->p[b->n - 1] != '\n') upd_puts(b, "\n");
        return;
    }
    int children = upd_has_db_children(u, e, row);
    int flow = sibling == 1   ? !children && !multiline_row(e, row)
               : sibling == 0 ? 0
                              : export_flow_row(e, row, children);
    if (flow) {
        upd_gen_flow_row(u, b, e, row);
        upd_puts(b, "\n");
    } else {
        upd_gen_block_row(u, b, e, row, dash + 2);
    }
}

/* A list's text after its key's ':': " [a, b]" for plain values on one line, else the items on
** lines of their own with their '-' at column dash. Ends with a line break. */
void upd_gen_list(U *u, buf *b, int e, const char *parent, int dash, int sibling) {
    const model_entity *en = &model_entities[e];
    size_t n;
    const rrow **rows = upd_db_list(u, e, parent, &n);
    int flow = en->shape == MS_SCALARS;
    for (size_t i = 0; i < n && flow; i++)
        flow = !multiline_row(e, rows[i]);
    if (flow) {
        int vf = upd_value_field(e);
        upd_puts(b, " [");
        for (size_t i = 0; i < n; i++) {
            upd_puts(b, i ? ", " : "");
            upd_gen_value(u, b, &en->fields[vf], rows[i]->v[vf], 1, 0);
        }
        upd_puts(b, "]\n");
        return;
    }
    upd_puts(b, "\n");
    for (size_t i = 0; i < n; i++) {
        upd_spaces(b, dash);
        upd_puts(b, "- ");
        upd_gen_item(u, b, e, rows[i], dash, sibling);
    }
}
