/*
** export_update.c: a region written into an existing region.yaml, in the file's own text (see
** export_update.h); its parts share export_update_impl.h.
**
** Owns: the comparison that decides the edits, and the whole update. The file is read and
** checked as a whole region file (load_read_doc); its rows are compared with the database's list
** by list: a changed value is replaced in place in the style it was written in (plain, quoted,
** literal or folded), a value added goes on a line of its own after the value before it in model
** order, a removed one takes its line with it; a list that gains, loses or reorders rows is
** rebuilt from its own items' text (each with the comment lines above it) in the database's
** order, new rows written in the file's indentation and in the style of their neighbours (flow
** or block). A section the file lacks goes after the one before it. Everything else (comments,
** blank lines, key order, Dutch words, the order of sections) is copied as it is. The result is
** read back and must hold exactly the database's rows in its order, or nothing is returned.
**
** Representation: an edit replaces a range of the file's bytes [start, end) (empty: an
** insertion, which belongs to the text before it) by pieces: literal text, or a range of the
** file rendered with the edits inside it, so a list rebuilt in a new order carries the edits of
** its rows. Edits are disjoint or nested.
**
** Does not: find places in the file's text (export_update_place.c), make, fill or render the
** edits (export_update_edit.c), write files (export.c does), or reflow anything it does not
** change.
*/
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export.h"
#include "export_update_impl.h"
#include "load.h"

void upd_cannot(U *u, const char *fmt, ...) {
    if (u->why[0]) return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(u->why, sizeof u->why, fmt, ap);
    va_end(ap);
}

static int stopped(const U *u) {
    return u->failed || u->why[0];
}

/* ---- values ---- */

/* Replace value node v (of field f; its key at column col) by value s, in the style it has. */
static void replace_value(U *u, const model_field *f, const ynode *v, const char *s, int flow,
                          int col) {
    size_t start = upd_nstart(u, v), end = upd_nend(u, v);
    int style = v->style, width = 0, indent = -1, empty = v->kind == YN_SCALAR && !v->len;
    if (v->kind != YN_SCALAR) {
        upd_cannot(u, "'%s' at line %d is not a value", f->name, v->line);
        return;
    }
    if (style == YS_LITERAL || style == YS_FOLDED) upd_block_shape(u, v, &width, &indent);
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
        upd_cannot(u, "internal: a text block where the line goes on");
        return;
    }
    int shift = indent >= 0 ? indent - 2 : col;
    buf b = {0};
    if (empty) upd_puts(&b, " ");
    for (const char *p = t; *p; p++) {
        upd_put(&b, p, 1);
        if (*p == '\n' && p[1]) upd_spaces(&b, shift);
    }
    free(t);
    /* A block that replaces a one-line value ends where the line's own break follows. */
    if (block && style != YS_LITERAL && style != YS_FOLDED && b.n && b.p[b.n - 1] == '\n')
        b.p[--b.n] = '\0';
    upd_replace(u, start, end, &b);
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
            upd_replace(u, upd_nend(u, map->items[k - 1]), upd_nend(u, val), &none);
        else if (map->n >= 4)
            upd_replace(u, upd_nstart(u, key), upd_nstart(u, map->items[2]), &none);
        else
            upd_cannot(u, "internal: %s", what);
        return;
    }
    size_t ls = upd_line_start(u, upd_nstart(u, key));
    if (upd_blank(u, ls, upd_nstart(u, key)))
        upd_replace(u, ls, upd_after_line(u, upd_nend(u, val)), &none);
    else if (k + 2 < map->n)
        upd_replace(u, upd_nstart(u, key), upd_nstart(u, map->items[k + 2]), &none);
    else
        upd_cannot(u, "internal: %s", what);
}

/* The field of e that precedes field i in model order and is in map (its value), or the map's
** first value. */
static const ynode *anchor_value(int e, int i, const ynode *map) {
    const model_entity *en = &model_entities[e];
    for (int k = i - 1; k >= 0; k--) {
        const ynode *v = upd_pair(map, en->fields[k].name, NULL);
        if (v && v->kind == YN_SCALAR) return v;
    }
    return map->n >= 2 ? map->items[1] : NULL;
}

static void do_field(U *u, int e, int i, const rrow *dr, const ynode *map) {
    const model_field *f = &model_entities[e].fields[i];
    const char *dv = dr->v[i];
    const ynode *key, *val = upd_pair(map, f->name, &key);
    int flow = map->style == YS_FLOW, col = map->col - 1;
    u->counts->values++;
    if (dv && val) { /* changed, or given where the file has it empty */
        replace_value(u, f, val, dv, flow, col);
        return;
    }
    if (dv) { /* added: after the value before it */
        const ynode *a = anchor_value(e, i, map);
        if (!a) {
            upd_cannot(u, "internal: a row without values");
            return;
        }
        buf b = {0};
        if (flow) {
            upd_puts(&b, ", ");
            upd_puts(&b, f->name);
            upd_puts(&b, ": ");
            upd_gen_value(u, &b, f, dv, 1, 0);
            upd_insert(u, upd_nend(u, a), upd_nstart(u, map), &b);
        } else {
            upd_spaces(&b, col);
            upd_puts(&b, f->name);
            upd_puts(&b, ": ");
            size_t at = b.n;
            upd_gen_value(u, &b, f, dv, 0, col);
            if (b.n == at || b.p[b.n - 1] != '\n') upd_puts(&b, "\n");
            upd_insert(u, upd_after_line(u, upd_nend(u, a)), upd_line_start(u, upd_nstart(u, map)),
                       &b);
        }
        return;
    }
    remove_pair(u, map, key, val, "a row without values"); /* removed: the pair */
}

/* ---- rows and lists ---- */

static void do_list(U *u, int e, const char *parent, const ynode *holder, int top);

static int file_list_len(const ynode *seq) {
    return seq && seq->kind == YN_SEQ ? (int)seq->n : 0;
}

/* A row written in flow style whose child lists come or go: written again, in block style. */
static int regenerate(U *u, int e, const rrow *fr, const rrow *dr, const ynode *map) {
    if (map->style != YS_FLOW) return 0;
    const char *id = upd_row_id(e, fr);
    int need = 0;
    for (int c = 0; id && c < model_nentities && !need; c++) {
        if (model_entities[c].parent != e) continue;
        size_t n;
        int in_file = file_list_len(upd_pair(map, model_entities[c].section, NULL)) > 0;
        need = in_file != (upd_db_list(u, c, id, &n) && n);
    }
    if (!need) return 0;
    buf b = {0};
    upd_gen_block_row(u, &b, e, dr, map->col - 1);
    upd_replace(u, upd_nstart(u, map), upd_after_line(u, upd_nend(u, map)), &b);
    u->counts->values++;
    return 1;
}

static void do_row(U *u, int e, const rrow *fr, const rrow *dr, const ynode *map) {
    const model_entity *en = &model_entities[e];
    if (stopped(u)) return;
    if (map->kind != YN_MAP) {
        upd_cannot(u, "internal: %s at line %d is not a mapping", en->name, map->line);
        return;
    }
    if (regenerate(u, e, fr, dr, map)) return;
    for (int i = 0; i < en->nfields; i++) {
        if (en->fields[i].flags & (MF_PARENT | MF_DERIVED)) continue;
        const char *a = fr->v[i], *b = dr->v[i];
        if ((!a && !b) || (a && b && strcmp(a, b) == 0)) continue;
        do_field(u, e, i, dr, map);
    }
    const char *id = upd_row_id(e, fr);
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
        size_t ls = upd_line_start(u, upd_nstart(u, key)),
               from = upd_blank(u, ls, upd_nstart(u, key)) ? ls : upd_nstart(u, key);
        if (from == ls) upd_spaces(&b, col);
        upd_puts(&b, section);
        upd_puts(&b, ":");
        upd_gen_list(u, &b, e, parent, dash, -1);
        upd_replace(u, from, upd_after_line(u, upd_nend(u, seq ? seq : key)), &b);
        return;
    }
    const ynode *after = NULL;
    if (top) {
        for (int p = e - 1; p >= 0 && !after; p--)
            if (model_entities[p].parent < 0)
                after = upd_pair(holder, model_entities[p].section, NULL);
        upd_puts(&b, "\n");
    } else {
        after = holder;
        upd_spaces(&b, col);
    }
    if (!after) {
        upd_cannot(u, "internal: nowhere to put '%s'", section);
        return;
    }
    upd_puts(&b, section);
    upd_puts(&b, ":");
    upd_gen_list(u, &b, e, parent, dash, -1);
    upd_insert(u, upd_after_line(u, upd_nend(u, after)),
               top ? 0 : upd_line_start(u, upd_nstart(u, holder)), &b);
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
        it[i].end = upd_after_line(u, upd_nend(u, it[i].node));
        if (!flow) {
            it[i].dash = upd_dash_of(u, it[i].node);
            it[i].ls = upd_line_start(u, it[i].dash);
        }
    }
    if (stopped(u)) return;
    if (flow)
        for (size_t i = 1; i < nf; i++)
            for (size_t p = upd_nend(u, it[i - 1].node); p < upd_nstart(u, it[i].node); p++)
                if (u->text[p] == '#') {
                    upd_cannot(u, "a comment inside the list at line %d", seq->line);
                    return;
                }
    size_t start = flow ? upd_nstart(u, it[0].node) : it[0].ls;
    size_t end = flow ? upd_nend(u, it[nf - 1].node) : it[nf - 1].end;
    int dash = flow ? 0 : (int)(it[0].dash - it[0].ls);
    edit *ed = upd_new_edit(u, start, end);
    if (!ed) return;
    long last_kept = -1, moved = 0;
    size_t k;
    for (k = 0; k < nd && !stopped(u); k++) {
        long i = find_in(it, nf, dl[k]);
        if (flow && k) upd_add_piece(u, ed, 0, 0, strdup(", "));
        if (i < 0) {
            buf b = {0};
            if (flow) {
                if (model_entities[e].shape == MS_SCALARS) {
                    int vf = upd_value_field(e);
                    upd_gen_value(u, &b, &model_entities[e].fields[vf], dl[k]->v[vf], 1, 0);
                } else if (upd_has_db_children(u, e, dl[k])) {
                    upd_cannot(u, "a new %s with lists of its own in a list written in one line",
                               model_entities[e].name);
                } else {
                    upd_gen_flow_row(u, &b, e, dl[k]);
                }
            } else {
                upd_spaces(&b, dash);
                upd_puts(&b, "- ");
                upd_gen_item(u, &b, e, dl[k], dash, sibling);
            }
            char *t = upd_lines(u, &b);
            if (t) upd_add_piece(u, ed, 0, 0, t);
            u->counts->added++;
            continue;
        }
        if (i < last_kept) moved = 1;
        if (i > last_kept) last_kept = i;
        if (flow) {
            upd_add_piece(u, ed, upd_nstart(u, it[i].node), upd_nend(u, it[i].node), NULL);
        } else {
            /* the comment lines of removed items just before it go with it */
            long j = i - 1;
            while (j > 0 && !it[j].dbrow)
                j--;
            for (long r = j + 1; r < i; r++)
                if (r > 0) upd_add_piece(u, ed, it[r - 1].end, it[r].ls, NULL);
            upd_add_piece(u, ed, i == 0 ? it[0].ls : it[i - 1].end, it[i].end, NULL);
            if (it[i].end == u->len && u->len && u->text[u->len - 1] != '\n')
                upd_add_piece(u, ed, 0, 0, strdup(u->crlf ? "\r\n" : "\n"));
        }
        if (model_entities[e].shape != MS_SCALARS) do_row(u, e, it[i].row, dl[k], it[i].node);
    }
    /* the comment lines of removed items at the end stay at the end */
    if (!flow) {
        long j = (long)nf - 1;
        while (j > 0 && !it[j].dbrow)
            j--;
        for (long r = j + 1; r < (long)nf; r++)
            upd_add_piece(u, ed, it[r - 1].end, it[r].ls, NULL);
    }
    for (size_t i = 0; i < nf; i++)
        if (!it[i].dbrow) u->counts->removed++;
    if (moved) u->counts->lists++;
}

static void do_list(U *u, int e, const char *parent, const ynode *holder, int top) {
    if (stopped(u)) return;
    const ynode *key, *seq = upd_pair(holder, model_entities[e].section, &key);
    size_t nd;
    const rrow **dl = upd_db_list(u, e, parent, &nd);
    size_t nf = (size_t)file_list_len(seq);
    if (seq && seq->kind != YN_SEQ && !upd_is_null(seq)) {
        upd_cannot(u, "'%s' at line %d is not a list", model_entities[e].section, seq->line);
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
        it[i].row = upd_file_row(u, e, seq->items[i]);
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

/* ---- reading back ---- */

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

/* ---- the whole ---- */

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
    if (model_nentities > 64 || upd_index(&u)) u.failed = 1;
    for (int e = 0; !u.failed && e < model_nentities; e++)
        if (model_ordered(e) &&
            (u.lists[e].n = rdata_lists(db, e, &u.lists[e].rows, &u.lists[e].starts)) < 0)
            u.failed = 1;
    if (!u.failed) {
        const ynode *root = doc->root;
        upd_detect_style(&u, root);
        const ynode *region = upd_pair(root, "region", NULL);
        do_row(&u, ME_REGION, &file->tables[ME_REGION].rows[0], &db->tables[ME_REGION].rows[0],
               region);
        for (int e = 0; e < model_nentities && !stopped(&u); e++)
            if (model_entities[e].parent < 0 && e != ME_REGION) do_list(&u, e, NULL, root, 1);
        if (!stopped(&u)) upd_render(&u, &res, 0, len, 1);
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
            upd_cannot(&u, "internal: the updated file does not read back as the database (%s)",
                       msg);
        rdata_free(got);
        ydoc_free(again);
        diag_free(back);
    }
    if (u.failed) upd_cannot(&u, "out of memory");
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
