/*
** export_update_place.c: where things are in the region file's text, for the in-place export
** (export_update.c; export_update_impl.h).
**
** Owns: libyaml's character marks turned into byte offsets (a checkpoint every CK characters);
** where a node's own text begins and ends (a block scalar without its trailing blank lines, a
** block collection at its last child's end); lines, blank runs, the '-' of a list item, a block
** scalar's width and indentation; a mapping's key and value by name; the file's rows found by
** their node's position; the file's indentation (a top-level list's '-', a child list's shift).
** Does not: change anything: it reads the text and ydoc's tree only; the edits are
** export_update_edit.c's, what to change export_update.c's.
*/
#include <stdlib.h>
#include <string.h>

#include "export_update_impl.h"

#define CK 64 /* a checkpoint every CK characters: character index to byte offset */

/* ---- the text ---- */

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

size_t upd_line_start(const U *u, size_t pos) {
    while (pos > 0 && u->text[pos - 1] != '\n')
        pos--;
    return pos;
}

/* The start of the line after the one pos is on; pos itself when it starts a line. */
size_t upd_after_line(const U *u, size_t pos) {
    if (pos == 0 || u->text[pos - 1] == '\n') return pos;
    while (pos < u->len && u->text[pos] != '\n')
        pos++;
    return pos < u->len ? pos + 1 : pos;
}

int upd_blank(const U *u, size_t from, size_t to) {
    for (size_t i = from; i < to; i++)
        if (u->text[i] != ' ' && u->text[i] != '\r' && u->text[i] != '\t') return 0;
    return 1;
}

size_t upd_nstart(const U *u, const ynode *n) {
    return byte_at(u, n->start);
}

/* Where a node's own text ends: a block scalar's after its last line that is not blank (unless
** it keeps its trailing lines, '+'), a block collection's where its last child's ends. */
size_t upd_nend(const U *u, const ynode *n) {
    if (n->kind != YN_SCALAR && n->style == YS_BLOCK)
        return n->n ? upd_nend(u, n->items[n->n - 1]) : upd_nstart(u, n);
    size_t e = byte_at(u, n->end), s = upd_nstart(u, n);
    if (n->kind != YN_SCALAR || (n->style != YS_LITERAL && n->style != YS_FOLDED)) return e;
    size_t h = s;
    while (h < u->len && u->text[h] != '\n') {
        if (u->text[h] == '+') return e;
        if (u->text[h] == '#') break;
        h++;
    }
    while (e > s && u->text[e - 1] == '\n') {
        size_t ls = upd_line_start(u, e - 1);
        if (ls <= h || !upd_blank(u, ls, e - 1)) break;
        e = ls;
    }
    return e;
}

/* The widest line of a block scalar's content, and the column its content starts at. */
void upd_block_shape(const U *u, const ynode *v, int *width, int *indent) {
    size_t s = upd_nstart(u, v), e = upd_nend(u, v);
    size_t p = upd_after_line(u, s + 1);
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

/* Where the '-' of block list item n is. */
size_t upd_dash_of(U *u, const ynode *n) {
    size_t p = upd_nstart(u, n);
    while (p > 0 && strchr(" \t\r\n", u->text[p - 1]))
        p--;
    if (p == 0 || u->text[p - 1] != '-') {
        upd_cannot(u, "internal: no '-' before the item at line %d", n->line);
        return upd_nstart(u, n);
    }
    return p - 1;
}

/* ---- nodes ---- */

/* The key node and value node of name in map. */
const ynode *upd_pair(const ynode *map, const char *name, const ynode **key) {
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

int upd_is_null(const ynode *n) {
    return !n || (n->kind == YN_SCALAR && n->plain &&
                  (n->len == 0 || strcmp(n->str, "~") == 0 || strcmp(n->str, "null") == 0 ||
                   strcmp(n->str, "Null") == 0 || strcmp(n->str, "NULL") == 0));
}

/* ---- the file's rows and indentation ---- */

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
const rrow *upd_file_row(U *u, int e, const ynode *n) {
    posrow probe = {n->line, n->col, NULL};
    const posrow *p =
        u->npos[e] ? bsearch(&probe, u->pos[e], u->npos[e], sizeof probe, by_position) : NULL;
    if (!p) upd_cannot(u, "internal: no %s at line %d", model_entities[e].name, n->line);
    return p ? p->row : NULL;
}

/* The file's indentation: where a top-level list's '-' is, and a child list's against its key. */
void upd_detect_style(U *u, const ynode *root) {
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

int upd_index(U *u) {
    return index_chars(u) || index_rows(u) ? -1 : 0;
}
