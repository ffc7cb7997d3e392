/*
** ydoc.h: reads one YAML file into a tree of nodes that remember their file:line:column.
**
** Built on libyaml's event parser, fed from the open file (never slurped). The tree is the only
** copy of the document in memory. The reader is strict on purpose, since region files come from
** many hands (see docs/design.md, "The YAML loader"):
**   - anchors, aliases and tags are refused (no alias bombs, no typed objects);
**   - a file larger than YDOC_MAX_FILE is refused before it is parsed;
**   - nesting deeper than YDOC_MAX_DEPTH, scalars longer than YDOC_MAX_SCALAR and more than
**     YDOC_MAX_NODES nodes are refused as soon as they are seen (a scalar past YDOC_MAX_RUN
**     before libyaml has read all of it);
**   - a duplicate key in a mapping is an error naming both places (not fatal: see ydoc_read);
**   - a file holds exactly one document; an empty file is an error;
**   - invalid UTF-8 is reported at its line:column (libyaml only gives a byte offset).
** Scalars stay strings: typing is the caller's job (the loader types by the data model), so
** `no` stays "no" and a Norwegian country code is never false.
*/
#ifndef SPIL_YDOC_H
#define SPIL_YDOC_H

#include <stddef.h>

#include "diag.h"

#define YDOC_MAX_DEPTH  64
#define YDOC_MAX_SCALAR (64 * 1024)
#define YDOC_MAX_NODES  1000000
/* Bytes a file may have (checked before parsing), and characters the scanner may read without
** producing a value (so that memory stays flat however long a value is). */
#define YDOC_MAX_FILE (16 * 1024 * 1024)
#define YDOC_MAX_RUN  (1024 * 1024)

typedef enum { YN_SCALAR, YN_SEQ, YN_MAP } ynode_kind;

/* How a node is written: a scalar's style, or a collection's. */
typedef enum {
    YS_PLAIN,   /* scalar without quotes */
    YS_SINGLE,  /* 'quoted' */
    YS_DOUBLE,  /* "quoted" */
    YS_LITERAL, /* | block */
    YS_FOLDED,  /* > block */
    YS_BLOCK,   /* collection in block style (indentation) */
    YS_FLOW,    /* collection in flow style ([...] or {...}) */
} ynode_style;

typedef struct ynode ynode;
struct ynode {
    ynode_kind kind;
    int line, col; /* 1-based start of the node */
    int plain;     /* scalar written without quotes or block style (so `null` vs "null") */
    ynode_style style;
    /* Where the node's text begins and ends, in characters from the start of the document (a
    ** byte-order mark not counted; CRLF counts two), as libyaml's marks give them. A block
    ** scalar's end includes the blank lines after it; a block collection's end is where the
    ** next token begins (after comments), so an editor takes its last child's end instead. */
    size_t start, end;
    char *str;     /* scalar: NUL-terminated value (may contain NUL: use len) */
    size_t len;    /* scalar: length of str */
    ynode **items; /* seq: n items; map: n/2 pairs as key, value, key, value... */
    size_t n;
};

typedef struct ydoc {
    char *file;  /* path as given, used in diagnostics */
    ynode *root; /* NULL when reading failed */
    void *arena; /* owned memory */
} ydoc;

/* Read path ("-": standard input, named "<stdin>" in messages). A problem that stops reading
** adds a diagnostic to d and returns NULL. A duplicate key is reported but not fatal: the tree is
** returned with the first value kept, so the caller can go on to report further problems;
** callers must therefore check d as well. */
ydoc *ydoc_read(const char *path, diag *d);
/* The same from the len bytes at buf (e.g. a file compiled into spil); name is used in messages. */
ydoc *ydoc_read_mem(const char *name, const char *buf, size_t len, diag *d);
void ydoc_free(ydoc *doc);

/* Value node for key in map, or NULL. */
ynode *ydoc_get(const ynode *map, const char *key);
/* Human name of a node's kind for messages: "a text value", "a list", "a mapping". */
const char *ydoc_kind_name(const ynode *n);

#endif
