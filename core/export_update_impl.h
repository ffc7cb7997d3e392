/*
** export_update_impl.h: for the in-place export's own modules only (export_update.c,
** export_update_place.c, export_update_edit.c): the state of one update, the edits it collects,
** and what the three share. Everything else goes through export_update.h.
*/
#ifndef SPIL_EXPORT_UPDATE_IMPL_H
#define SPIL_EXPORT_UPDATE_IMPL_H

#include <stddef.h>

#include "export_update.h"
#include "model.h"
#include "rdata.h"
#include "ydoc.h"

/* Growing text. */
typedef struct buf {
    char *p;
    size_t n, cap;
    int failed;
} buf;

typedef struct piece {
    size_t start, end; /* a range of the file, rendered with its edits */
    char *text;        /* or this text (owned) */
} piece;

/* [start, end) of the file's bytes replaced by pieces (empty: an insertion). */
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

/* ---- export_update.c ---- */

/* Record why the update cannot be made (the first reason only). */
void upd_cannot(U *u, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* ---- export_update_place.c: where things are in the file's text ---- */

/* Index the file's text (character index to byte offset) and its rows (by position). -1: out
** of memory. */
int upd_index(U *u);
/* The start of the line pos is on. */
size_t upd_line_start(const U *u, size_t pos);
/* The start of the line after the one pos is on; pos itself when it starts a line. */
size_t upd_after_line(const U *u, size_t pos);
/* Whether [from, to) is only spaces, tabs and CRs. */
int upd_blank(const U *u, size_t from, size_t to);
/* Where node n's text begins, and where its own text ends, as byte offsets. */
size_t upd_nstart(const U *u, const ynode *n);
size_t upd_nend(const U *u, const ynode *n);
/* Where the '-' of block list item n is. */
size_t upd_dash_of(U *u, const ynode *n);
/* The widest line of a block scalar's content, and the column its content starts at. */
void upd_block_shape(const U *u, const ynode *v, int *width, int *indent);
/* The key node (*key, unless NULL) and value node of name in map; NULL when it has none. */
const ynode *upd_pair(const ynode *map, const char *name, const ynode **key);
/* Whether n is absent or YAML's null. */
int upd_is_null(const ynode *n);
/* The file's row of entity e whose node n is. */
const rrow *upd_file_row(U *u, int e, const ynode *n);
/* The file's indentation: where a top-level list's '-' is, and a child list's against its key. */
void upd_detect_style(U *u, const ynode *root);

/* ---- export_update_edit.c: the edits, and the new text they put in ---- */

void upd_put(buf *b, const char *s, size_t n);
void upd_puts(buf *b, const char *s);
void upd_spaces(buf *b, int n);
edit *upd_new_edit(U *u, size_t start, size_t end);
/* Add a piece to e: the file's [start, end) rendered with its edits, or text (owned; freed on
** failure). */
void upd_add_piece(U *u, edit *e, size_t start, size_t end, char *text);
/* The text in b with the file's line ends, owned by the caller (b is taken). */
char *upd_lines(U *u, buf *b);
/* Replace [start, end) by the text in b. */
void upd_replace(U *u, size_t start, size_t end, buf *b);
/* Insert the text in b at pos, as part of the node that begins at owner. */
void upd_insert(U *u, size_t pos, size_t owner, buf *b);
/* The file's bytes [s, e) with the edits inside, into out. -1 on failure. */
int upd_render(U *u, buf *out, size_t s, size_t e, int top);
/* The database's list of entity e under parent (all of e for a top-level entity). */
const rrow **upd_db_list(U *u, int e, const char *parent, size_t *n);
/* The field that holds the value of a list of plain values (MS_SCALARS). */
int upd_value_field(int e);
const char *upd_row_id(int e, const rrow *row);
/* Whether the database's row has lists of its own. */
int upd_has_db_children(U *u, int e, const rrow *row);
/* New text from the database's rows: a value after "key: " or "- " at column col; a row in
** flow style; a row as a block mapping (its other lines at column col); one item of a block list
** after its "- " at column dash (sibling: the other items' style, 1 flow, 0 block, -1 none or
** mixed); a list's text after its key's ':'. */
void upd_gen_value(U *u, buf *b, const model_field *f, const char *v, int flow, int col);
void upd_gen_flow_row(U *u, buf *b, int e, const rrow *row);
void upd_gen_block_row(U *u, buf *b, int e, const rrow *row, int col);
void upd_gen_item(U *u, buf *b, int e, const rrow *row, int dash, int sibling);
void upd_gen_list(U *u, buf *b, int e, const char *parent, int dash, int sibling);

#endif
