/*
** ydoc.c: the strict YAML reader, turning libyaml's events into a ynode tree.
**
** Owns: the event loop over one open file, the limits and refusals listed in ydoc.h, and turning
** libyaml's own errors into diagnostics at file:line:column. Exports ydoc_read, ydoc_free,
** ydoc_get and ydoc_kind_name; everything else is file-static.
**
** Representation: all of a document (the ydoc, its nodes, strings and child arrays) lives in one
** arena, a chain of chunks that are bump-allocated and freed together, so ydoc_free is a walk
** over a few chunks. While reading, the children of the open collections wait on one shared
** stack (`pending`), each collection's run above its parent's; when a collection ends, its run
** is copied into an exact-size array in the arena and popped. Open collections are frames on a
** fixed stack of YDOC_MAX_DEPTH: depth, value count and scalar size are checked as each event
** arrives, so a hostile file is refused after a bounded amount of work and memory.
**
** Invariants: the keys of a mapping under construction are unique (a duplicate is reported and
** its value dropped), which keeps "first at line L" right however often a key repeats.
**
** Each node keeps where its text begins and ends (libyaml's marks) and its style, so that an
** editor (export_update.c) can change a value in the file's own text.
** Does not: type scalars (the loader types them by the data model), keep comments, or write YAML.
*/
#include "ydoc.h"

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <yaml.h>

#include "file.h"
#include "oom.h"

/* ---- arena ----------------------------------------------------------------------------------- */

#define CHUNK_SIZE (64 * 1024)

typedef struct chunk chunk;
struct chunk {
    chunk *next;
    size_t size, used;
    unsigned char data[];
};

/* size bytes from chunk c aligned to align, or NULL if they do not fit. */
static void *bump(chunk *c, size_t size, size_t align) {
    uintptr_t base = (uintptr_t)c->data;
    size_t at = (size_t)(((base + c->used + align - 1) & ~(uintptr_t)(align - 1)) - base);
    if (at > c->size || size > c->size - at) return NULL;
    c->used = at + size;
    return c->data + at;
}

/*
** size bytes aligned to align (a power of two) from the arena whose newest chunk is *head.
** A request too big for a quarter chunk gets a chunk of its own, linked behind the head so
** that small requests keep filling the head.
*/
static void *arena_alloc(chunk **head, size_t size, size_t align) {
    void *p = *head ? bump(*head, size, align) : NULL;
    if (p) return p;
    if (size > SIZE_MAX - sizeof(chunk) - align) return NULL;
    int own = size + align > CHUNK_SIZE / 4;
    size_t cap = own ? size + align : CHUNK_SIZE;
    chunk *c = malloc(sizeof *c + cap);
    if (!c) return NULL;
    c->size = cap;
    c->used = 0;
    if (own && *head) {
        c->next = (*head)->next;
        (*head)->next = c;
    } else {
        c->next = *head;
        *head = c;
    }
    return bump(c, size, align);
}

/* A NUL-terminated copy of len bytes (which may themselves hold NULs). */
static char *arena_strndup(chunk **head, const void *s, size_t len) {
    char *copy = len < SIZE_MAX ? arena_alloc(head, len + 1, 1) : NULL;
    if (!copy) return NULL;
    memcpy(copy, s, len);
    copy[len] = '\0';
    return copy;
}

static void arena_free(chunk *head) {
    while (head) {
        chunk *next = head->next;
        free(head);
        head = next;
    }
}

/* ---- key sets -------------------------------------------------------------------------------- */

/*
** Up to SMALL_MAP keys, a duplicate is found by comparing with each earlier key: that many
** length checks and memcmps cost less than hashing, and nearly every mapping of a region file
** is that small. Past it, a mapping gets an open-addressing hash set of its keys, so a mapping
** of n keys costs O(n) instead of O(n^2).
*/
#define SMALL_MAP 32

typedef struct keyset {
    ynode **slots; /* cap slots, NULL when free */
    size_t cap;    /* 0 or a power of two, at least twice count */
    size_t count;
} keyset;

/* FNV-1a. */
static size_t hash_bytes(const char *s, size_t len) {
    uint64_t h = 14695981039346656037u;
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211u;
    return (size_t)h;
}

static int same_key(const ynode *a, const ynode *b) {
    return a->len == b->len && memcmp(a->str, b->str, a->len) == 0;
}

/* The slot holding key, or the free slot where it belongs. */
static ynode **keyset_slot(const keyset *k, const ynode *key) {
    size_t mask = k->cap - 1;
    for (size_t i = hash_bytes(key->str, key->len) & mask;; i = (i + 1) & mask)
        if (!k->slots[i] || same_key(k->slots[i], key)) return &k->slots[i];
}

static int keyset_add(keyset *k, ynode *key) {
    if (2 * (k->count + 1) > k->cap) {
        keyset bigger = {.cap = k->cap ? 2 * k->cap : 4 * SMALL_MAP};
        bigger.slots = calloc(bigger.cap, sizeof *bigger.slots);
        if (!bigger.slots) return 0;
        for (size_t i = 0; i < k->cap; i++)
            if (k->slots[i]) *keyset_slot(&bigger, k->slots[i]) = k->slots[i];
        bigger.count = k->count;
        free(k->slots);
        *k = bigger;
    }
    *keyset_slot(k, key) = key;
    k->count++;
    return 1;
}

/* ---- the reader ------------------------------------------------------------------------------ */

typedef struct frame {
    ynode *node;    /* the open sequence or mapping */
    size_t start;   /* where its children begin on the pending stack */
    int expect_key; /* mapping: the next child is a key */
    int drop_value; /* mapping: the next child is the value of a duplicate key */
    keyset keys;    /* mapping past SMALL_MAP keys: all its keys; else empty */
} frame;

typedef struct reader {
    const char *path;
    diag *d;
    FILE *f;               /* the file read (NULL: reading from memory) */
    yaml_parser_t *parser; /* for the scanner's position, in the read handler */
    size_t fed;            /* bytes given to libyaml */
    size_t last_end;       /* index of the end of the last event */
    yaml_mark_t last_mark; /* ... and that end */
    int too_big;           /* the file grew past YDOC_MAX_FILE while it was read */
    int long_run;          /* more than YDOC_MAX_RUN characters without an event */
    chunk *arena;
    ynode **pending; /* children of the open collections, innermost last */
    size_t npending, cappending;
    frame frames[YDOC_MAX_DEPTH];
    int depth; /* open collections */
    size_t nodes;
    int documents;
    ynode *root;
} reader;

/* libyaml counts from 0, ynode from 1. */
static int one_based(size_t v) {
    return v < INT_MAX ? (int)v + 1 : INT_MAX;
}

/* Report a problem at mark that ends the reading; returns 0 to pass on. */
static int refuse(reader *r, const yaml_mark_t *mark, const char *hint, const char *message) {
    diag_add(r->d, r->path, one_based(mark->line), one_based(mark->column), hint, "%s", message);
    return 0;
}

static int out_of_memory(reader *r) {
    oom_note();
    diag_add(r->d, r->path, 0, 0, NULL, "out of memory while reading it; " OOM_REMEDY);
    return 0;
}

static int refuse_utf16(reader *r) {
    diag_add(r->d, r->path, 0, 0, "save it as UTF-8",
             "region files must be UTF-8, and this one is UTF-16");
    return 0;
}

/*
** A key as it can be quoted in a one-line message, into out: at most size - 4 bytes of it, cut
** between characters and followed by "..." when cut, with control characters (a newline, a NUL)
** shown as '?'.
*/
static void quote_key(const ynode *key, char *out, size_t size) {
    size_t n = key->len < size - 4 ? key->len : size - 4;
    while (n < key->len && n > 0 && ((unsigned char)key->str[n] & 0xC0) == 0x80)
        n--;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)key->str[i];
        out[i] = c < 0x20 || c == 0x7F ? '?' : (char)c;
    }
    strcpy(out + n, n < key->len ? "..." : "");
}

/* The earlier key of f equal to key, or NULL. f's children are complete key, value pairs. */
static ynode *find_key(const reader *r, const frame *f, const ynode *key) {
    if (f->keys.cap) return *keyset_slot(&f->keys, key);
    for (size_t i = f->start; i < r->npending; i += 2)
        if (same_key(r->pending[i], key)) return r->pending[i];
    return NULL;
}

static int push_pending(reader *r, ynode *n) {
    if (r->npending == r->cappending) {
        size_t cap = r->cappending ? 2 * r->cappending : 256;
        ynode **bigger = realloc(r->pending, cap * sizeof *bigger);
        if (!bigger) return out_of_memory(r);
        r->pending = bigger;
        r->cappending = cap;
    }
    r->pending[r->npending++] = n;
    return 1;
}

/* Add a new, unique key to mapping f; past SMALL_MAP keys, keep them hashed too. */
static int add_key(reader *r, frame *f, ynode *key) {
    if (!push_pending(r, key)) return 0;
    size_t nkeys = (r->npending - f->start + 1) / 2;
    if (nkeys <= SMALL_MAP) return 1;
    if (!f->keys.cap) {
        for (size_t i = f->start; i + 1 < r->npending; i += 2)
            if (!keyset_add(&f->keys, r->pending[i])) return out_of_memory(r);
    }
    return keyset_add(&f->keys, key) ? 1 : out_of_memory(r);
}

/* Hand a finished node to the open collection (or make it the root). */
static int attach(reader *r, ynode *n) {
    if (r->depth == 0) {
        r->root = n;
        return 1;
    }
    frame *f = &r->frames[r->depth - 1];
    if (f->node->kind == YN_MAP) {
        if (f->expect_key) {
            /* Collections as keys were refused when they started: n is a scalar. */
            f->expect_key = 0;
            const ynode *first = find_key(r, f, n);
            if (!first) return add_key(r, f, n);
            char quoted[48];
            quote_key(n, quoted, sizeof quoted);
            diag_add(r->d, r->path, n->line, n->col, "remove one of them",
                     "duplicate key '%s' (first at line %d)", quoted, first->line);
            f->drop_value = 1;
            return 1;
        }
        f->expect_key = 1;
        if (f->drop_value) {
            f->drop_value = 0;
            return 1;
        }
    }
    return push_pending(r, n);
}

/* What every node event must pass: no anchor, no tag, and room for one more value. */
static int check_node(reader *r, const yaml_event_t *ev, const yaml_char_t *anchor,
                      const yaml_char_t *tag) {
    if (anchor)
        return refuse(r, &ev->start_mark, "write the value out in full",
                      "anchors and aliases are not allowed in region files");
    if (tag)
        return refuse(r, &ev->start_mark, "remove the tag", "tags are not allowed in region files");
    if (++r->nodes > YDOC_MAX_NODES)
        return refuse(r, &ev->start_mark, NULL, "more than 1000000 values");
    return 1;
}

static ynode *new_node(reader *r, ynode_kind kind, const yaml_event_t *ev) {
    const yaml_mark_t *mark = &ev->start_mark;
    ynode *n = arena_alloc(&r->arena, sizeof *n, _Alignof(ynode));
    if (!n) return NULL;
    *n = (ynode){.kind = kind,
                 .line = one_based(mark->line),
                 .col = one_based(mark->column),
                 .start = mark->index,
                 .end = ev->end_mark.index};
    return n;
}

static ynode_style scalar_style(yaml_scalar_style_t s) {
    switch (s) {
    case YAML_SINGLE_QUOTED_SCALAR_STYLE: return YS_SINGLE;
    case YAML_DOUBLE_QUOTED_SCALAR_STYLE: return YS_DOUBLE;
    case YAML_LITERAL_SCALAR_STYLE: return YS_LITERAL;
    case YAML_FOLDED_SCALAR_STYLE: return YS_FOLDED;
    default: return YS_PLAIN;
    }
}

static int on_scalar(reader *r, const yaml_event_t *ev) {
    if (!check_node(r, ev, ev->data.scalar.anchor, ev->data.scalar.tag)) return 0;
    if (ev->data.scalar.length > YDOC_MAX_SCALAR)
        return refuse(r, &ev->start_mark, "shorten it", "value longer than 65536 bytes");
    ynode *n = new_node(r, YN_SCALAR, ev);
    if (!n) return out_of_memory(r);
    n->style = scalar_style(ev->data.scalar.style);
    n->str = arena_strndup(&r->arena, ev->data.scalar.value, ev->data.scalar.length);
    if (!n->str) return out_of_memory(r);
    n->len = ev->data.scalar.length;
    n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
    return attach(r, n);
}

static int on_collection_start(reader *r, const yaml_event_t *ev, ynode_kind kind) {
    int is_seq = kind == YN_SEQ;
    if (!check_node(r, ev, is_seq ? ev->data.sequence_start.anchor : ev->data.mapping_start.anchor,
                    is_seq ? ev->data.sequence_start.tag : ev->data.mapping_start.tag))
        return 0;
    if (r->depth > 0) {
        const frame *parent = &r->frames[r->depth - 1];
        if (parent->node->kind == YN_MAP && parent->expect_key)
            return refuse(r, &ev->start_mark, "write the key as text, as in 'name: value'",
                          "keys must be plain text");
    }
    if (r->depth == YDOC_MAX_DEPTH)
        return refuse(r, &ev->start_mark, "check the brackets and the indentation",
                      "nesting deeper than 64 levels");
    ynode *n = new_node(r, kind, ev);
    if (!n) return out_of_memory(r);
    int flow = is_seq ? ev->data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE
                      : ev->data.mapping_start.style == YAML_FLOW_MAPPING_STYLE;
    n->style = flow ? YS_FLOW : YS_BLOCK;
    r->frames[r->depth++] = (frame){.node = n, .start = r->npending, .expect_key = !is_seq};
    return 1;
}

static int on_collection_end(reader *r, const yaml_event_t *ev) {
    frame *f = &r->frames[--r->depth];
    ynode *n = f->node;
    n->end = ev->end_mark.index;
    n->n = r->npending - f->start;
    if (n->n) {
        n->items = arena_alloc(&r->arena, n->n * sizeof *n->items, _Alignof(ynode *));
        if (!n->items) return out_of_memory(r);
        memcpy(n->items, r->pending + f->start, n->n * sizeof *n->items);
    }
    r->npending = f->start;
    free(f->keys.slots);
    f->keys = (keyset){0};
    return attach(r, n);
}

static int on_event(reader *r, const yaml_event_t *ev) {
    switch (ev->type) {
    case YAML_STREAM_START_EVENT:
        return ev->data.stream_start.encoding == YAML_UTF8_ENCODING ? 1 : refuse_utf16(r);
    case YAML_DOCUMENT_START_EVENT:
        if (r->documents++ == 0) return 1;
        return refuse(r, &ev->start_mark, "move what follows into a file of its own",
                      "a region file holds one document");
    case YAML_STREAM_END_EVENT:
        if (r->documents > 0) return 1;
        diag_add(r->d, r->path, 1, 1, "start with 'spil: 1'", "the file is empty");
        return 0;
    case YAML_ALIAS_EVENT:
        return refuse(r, &ev->start_mark, "write the value out in full",
                      "anchors and aliases are not allowed in region files");
    case YAML_SCALAR_EVENT: return on_scalar(r, ev);
    case YAML_SEQUENCE_START_EVENT: return on_collection_start(r, ev, YN_SEQ);
    case YAML_MAPPING_START_EVENT: return on_collection_start(r, ev, YN_MAP);
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT: return on_collection_end(r, ev);
    case YAML_DOCUMENT_END_EVENT:
    case YAML_NO_EVENT: return 1;
    }
    return 1;
}

/* ---- libyaml's errors ------------------------------------------------------------------------ */

/* Bytes in the UTF-8 sequence that lead byte b starts (1 for a byte that cannot start one). */
static size_t utf8_width(unsigned char b) {
    return b >= 0xF0 && b < 0xF8 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
}

/*
** Line and column of byte offset in path, for libyaml's reader errors, which give only the
** offset, and the byte at which the broken UTF-8 sequence there starts. The file is read again as
** a stream up to the offset. Columns count characters (as libyaml's own marks do, and as editors
** show them), not bytes: the text before the offset has already been decoded by libyaml, so it is
** valid UTF-8. A broken sequence is placed at the column of its first byte, wherever in it the
** offset falls (libyaml points at a bad trailing byte, not at the first). A leading BOM takes no
** column; a line ends at LF, CRLF or CR. Line and column come out 0, and the byte -1, if the file
** cannot be read again.
*/
static void offset_position(const char *path, size_t offset, int *line, int *col, int *first) {
    static const unsigned char bom[3] = {0xEF, 0xBB, 0xBF};
    *line = *col = 0;
    *first = -1;
    FILE *f = fopen(path, "rb");
    if (!f) return;
    unsigned char buf[4096];
    size_t pos = 0, skip = 0, n, start = offset;
    int ln = 1, cl = 1, after_cr = 0;
    while (pos < offset && (n = fread(buf, 1, sizeof buf, f)) > 0) {
        if (pos == 0 && n >= 3 && memcmp(buf, bom, 3) == 0) skip = 3;
        for (size_t i = 0; i < n && pos < offset; i++, pos++) {
            if (skip) {
                skip--;
                continue;
            }
            unsigned char b = buf[i];
            size_t w = utf8_width(b);
            if (pos + w > offset) {
                start = pos;
                goto done;
            }
            if (b == '\n' || b == '\r') {
                if (!(b == '\n' && after_cr)) ln++;
                cl = 1;
                after_cr = b == '\r';
                continue;
            }
            cl++;
            after_cr = 0;
            skip = w - 1;
        }
    }
done:
    *line = ln;
    *col = cl;
    if (start <= LONG_MAX && fseek(f, (long)start, SEEK_SET) == 0) {
        int c = fgetc(f);
        *first = c == EOF ? -1 : c;
    }
    fclose(f);
}

/*
** libyaml's complaints about the bytes of a UTF-8 file that do not make valid UTF-8. An "invalid
** Unicode character" is a surrogate or a value past U+10FFFF, which UTF-8 may not hold either.
*/
static int is_utf8_problem(const char *problem) {
    static const char *const problems[] = {
        "invalid leading UTF-8 octet",  "incomplete UTF-8 octet sequence",
        "invalid trailing UTF-8 octet", "invalid length of a UTF-8 sequence",
        "invalid Unicode character",
    };
    for (size_t i = 0; i < sizeof problems / sizeof *problems; i++)
        if (strcmp(problem, problems[i]) == 0) return 1;
    return 0;
}

/* A reader error: bytes that are not UTF-8 or not allowed, at the line:column of an offset. */
static int report_reader_error(reader *r, const yaml_parser_t *p, const char *problem) {
    if (p->encoding != YAML_UTF8_ENCODING && p->encoding != YAML_ANY_ENCODING)
        return refuse_utf16(r);
    int line, col, first, value = p->problem_value;
    offset_position(r->path, p->problem_offset, &line, &col, &first);
    if (is_utf8_problem(problem)) {
        if (first < 0)
            diag_add(r->d, r->path, line, col, "save the file as UTF-8", "invalid UTF-8");
        else
            diag_add(r->d, r->path, line, col, "save the file as UTF-8",
                     "invalid UTF-8 (byte 0x%02X)", (unsigned)first);
    } else if (value >= 0) {
        diag_add(r->d, r->path, line, col, "remove it", "%s (U+%04X)", problem, (unsigned)value);
    } else {
        diag_add(r->d, r->path, line, col, NULL, "%s", problem);
    }
    return 0;
}

/* The character at the scanner's position, where a scanner error was found; -1 if not known. */
static int scanner_char(const yaml_parser_t *p) {
    const yaml_char_t *at = p->buffer.pointer;
    return at && at >= p->buffer.start && at < p->buffer.last ? *at : -1;
}

static int same(const char *a, const char *b) {
    return a && b && strcmp(a, b) == 0;
}

/*
** libyaml's scanner errors that people make, said in their words and at the place to fix: a tab
** as indentation, a quote left open, a value that starts with '*' or '&'. Reports one of those
** and returns 0 (reading ends there); returns 1, reporting nothing, for any other error.
*/
static int report_known_scanner_error(reader *r, const yaml_parser_t *p) {
    if (p->error != YAML_SCANNER_ERROR) return 1;
    int tab = scanner_char(p) == '\t' &&
              (same(p->problem, "found character that cannot start any token") ||
               same(p->problem, "found a tab character that violates indentation") ||
               same(p->problem, "found a tab character where an indentation space is expected"));
    if (tab)
        return refuse(r, &p->problem_mark, "indent with spaces", "a tab is used for indentation");
    if (same(p->context, "while scanning a quoted scalar") &&
        same(p->problem, "found unexpected end of stream"))
        return refuse(r, &p->context_mark, "add the closing quote",
                      "quoted value is not closed before the end of the file");
    if (same(p->context, "while scanning an alias"))
        return refuse(r, &p->context_mark, "put the value in quotes",
                      "a value cannot start with '*' (YAML reads it as an alias)");
    if (same(p->context, "while scanning an anchor"))
        return refuse(r, &p->context_mark, "put the value in quotes",
                      "a value cannot start with '&' (YAML reads it as an anchor)");
    return 1;
}

/* ---- the input, and its limits --------------------------------------------------------------- */

/*
** libyaml's input: the file, counted. It may not grow past YDOC_MAX_FILE while it is read (a
** FIFO, a device, a file being written: a regular file was measured before), and the scanner may
** not run on for more than YDOC_MAX_RUN characters without an event, since libyaml keeps the
** whole of a scalar (an anchor, a tag) in memory before spil sees its length: a value of 10 MB
** would cost 16 MiB before "value longer than 65536 bytes". Returning 0 ends the reading with a
** reader error, which report_yaml_error turns into the limit's message.
*/
static int read_input(void *data, unsigned char *buf, size_t size, size_t *got) {
    reader *r = data;
    size_t at = r->parser->mark.index;
    if (at > r->last_end && at - r->last_end > YDOC_MAX_RUN) return r->long_run = 1, 0;
    *got = fread(buf, 1, size, r->f);
    if (!*got && ferror(r->f)) return 0;
    r->fed += *got;
    if (r->fed > YDOC_MAX_FILE) return r->too_big = 1, 0;
    return 1;
}

/* The next character of the file being read again from its start, at *line:*col (1-based, as
** ynode's: columns count characters, a line ends at LF, CRLF or CR), or EOF; a multi-byte
** character comes as its first byte. */
typedef struct cursor {
    FILE *f;
    int line, col, after_cr;
} cursor;

static int cursor_open(cursor *c, FILE *f) {
    static const unsigned char bom[3] = {0xEF, 0xBB, 0xBF};
    *c = (cursor){f, 1, 1, 0};
    if (!f || fseek(f, 0, SEEK_SET) != 0) return 0;
    unsigned char head[3];
    size_t n = fread(head, 1, 3, f);
    if (n < 3 || memcmp(head, bom, 3) != 0) return fseek(f, 0, SEEK_SET) == 0;
    return 1;
}

static int cursor_peek(cursor *c) {
    int ch = fgetc(c->f);
    if (ch != EOF) ungetc(ch, c->f);
    return ch;
}

/* Step over the character at the cursor; return it (its first byte), or EOF. */
static int cursor_next(cursor *c) {
    int ch = fgetc(c->f);
    if (ch == EOF) return EOF;
    if (ch == '\n' || ch == '\r') {
        if (!(ch == '\n' && c->after_cr)) c->line++;
        c->col = 1;
        c->after_cr = ch == '\r';
        return ch;
    }
    for (size_t w = utf8_width((unsigned char)ch); w > 1; w--)
        fgetc(c->f);
    c->col++;
    c->after_cr = 0;
    return ch;
}

static int before(int line, int col, int line2, int col2) {
    return line < line2 || (line == line2 && col < col2);
}

/*
** The scanner ran on for more than YDOC_MAX_RUN characters after the last event. Report where
** what it was reading begins: the first character after that event that is not a space, a line
** end, an indicator (':', '-', '?' before a space; ',', brackets) or a comment. When the scanner
** is still in comments and blank lines, say so at the last event.
*/
static int report_long_run(reader *r) {
    cursor c;
    int end_line = one_based(r->last_mark.line), end_col = one_based(r->last_mark.column);
    int at_line = one_based(r->parser->mark.line), at_col = one_based(r->parser->mark.column);
    int ch = EOF, next;
    if (!cursor_open(&c, r->f)) { /* not to be read again (a FIFO): most likely a value */
        diag_add(r->d, r->path, end_line, end_col, "shorten it", "value longer than %d bytes",
                 YDOC_MAX_SCALAR);
        return 0;
    }
    while (before(c.line, c.col, end_line, end_col) && cursor_next(&c) != EOF)
        ;
    while ((ch = cursor_peek(&c)) != EOF && before(c.line, c.col, at_line, at_col)) {
        if (ch == '#') {
            while ((ch = cursor_peek(&c)) != EOF && ch != '\n' && ch != '\r')
                cursor_next(&c);
            continue;
        }
        if (!ch || !strchr(" \t\r\n,[]{}:-?", ch)) break;
        cursor_next(&c);
        if (strchr(":-?", ch) && (next = cursor_peek(&c)) != ' ' && next != '\n' && next != '\r' &&
            next != EOF) {
            c.col--; /* not an indicator: the value's first character */
            break;
        }
    }
    if (ch != EOF && before(c.line, c.col, at_line, at_col)) {
        diag_add(r->d, r->path, c.line, c.col, "shorten it", "value longer than %d bytes",
                 YDOC_MAX_SCALAR);
        return 0;
    }
    diag_add(r->d, r->path, end_line, end_col, "shorten them",
             "more than %d characters of comments and blank lines in a row", YDOC_MAX_RUN);
    return 0;
}

/* The text of line (1-based) of the file, at most size - 1 bytes of it, into buf. */
static int line_text(reader *r, int line, char *buf, size_t size) {
    cursor c;
    size_t n = 0;
    if (!cursor_open(&c, r->f)) return 0;
    while (c.line < line && cursor_next(&c) != EOF)
        ;
    for (int ch; n + 1 < size && (ch = fgetc(c.f)) != EOF && ch != '\n' && ch != '\r';)
        buf[n++] = (char)ch;
    buf[n] = '\0';
    return c.line == line;
}

/* libyaml refuses a %YAML directive of a version other than 1.1 and 1.2 without naming it. */
static int report_yaml_version(reader *r, const yaml_parser_t *p) {
    int line = one_based(p->problem_mark.line), col = one_based(p->problem_mark.column);
    char text[120], version[24] = "";
    if (line_text(r, line, text, sizeof text)) sscanf(text, "%%YAML %23[^ \t#]", version);
    for (char *v = version; *v; v++)
        if ((unsigned char)*v < 0x20 || (unsigned char)*v >= 0x7F) *v = '?';
    diag_add(r->d, r->path, line, col, "remove the %YAML line: spil reads YAML 1.1 and 1.2",
             "YAML version %s is not supported", *version ? version : "(unknown)");
    return 0;
}

static int report_yaml_error(reader *r, const yaml_parser_t *p) {
    const char *problem = p->problem ? p->problem : "cannot read this file";
    if (r->too_big) {
        diag_add(r->d, r->path, 0, 0, "check that this is the right file",
                 "larger than %d bytes (%d MiB), the limit of a region file", YDOC_MAX_FILE,
                 YDOC_MAX_FILE >> 20);
        return 0;
    }
    if (r->long_run) return report_long_run(r);
    if (p->error == YAML_PARSER_ERROR && same(problem, "found incompatible YAML document"))
        return report_yaml_version(r, p);
    if (p->error == YAML_MEMORY_ERROR) return out_of_memory(r);
    if (p->error == YAML_READER_ERROR) return report_reader_error(r, p, problem);
    if (!report_known_scanner_error(r, p)) return 0;
    int line = one_based(p->problem_mark.line), col = one_based(p->problem_mark.column);
    if (p->context)
        diag_add(r->d, r->path, line, col, NULL, "%s (%s at line %d)", problem, p->context,
                 one_based(p->context_mark.line));
    else
        diag_add(r->d, r->path, line, col, NULL, "%s", problem);
    return 0;
}

/* ---- reading a file -------------------------------------------------------------------------- */

/* Pull events until the stream ends or a problem ends the reading. */
static int read_events(reader *r, yaml_parser_t *p) {
    for (;;) {
        yaml_event_t ev;
        if (!yaml_parser_parse(p, &ev)) return report_yaml_error(r, p);
        r->last_end = ev.end_mark.index;
        r->last_mark = ev.end_mark;
        int ok = on_event(r, &ev);
        int end = ev.type == YAML_STREAM_END_EVENT;
        yaml_event_delete(&ev);
        if (!ok || end) return ok;
    }
}

static ydoc *finish(reader *r) {
    ydoc *doc = arena_alloc(&r->arena, sizeof *doc, _Alignof(ydoc));
    char *file = arena_strndup(&r->arena, r->path, strlen(r->path));
    if (!doc || !file) {
        out_of_memory(r);
        return NULL;
    }
    *doc = (ydoc){.file = file, .root = r->root, .arena = r->arena};
    return doc;
}

/* The file, open, unless it is a folder or a regular file larger than YDOC_MAX_FILE (measured
** before a byte is parsed). */
static FILE *open_file(const char *path, diag *d) {
    FILE *f = file_is_stdin(path) ? stdin : fopen(path, "rb");
    struct stat st;
    int err = f ? 0 : errno, known = f && fstat(fileno(f), &st) == 0;
    if (known && S_ISDIR(st.st_mode)) err = EISDIR;
    if (!err && known && S_ISREG(st.st_mode) && st.st_size > YDOC_MAX_FILE) {
        if (f != stdin) fclose(f);
        diag_add(d, file_shown(path), 0, 0, "check that this is the right file",
                 "the file is %lld bytes, more than %d (%d MiB), the limit of a region file",
                 (long long)st.st_size, YDOC_MAX_FILE, YDOC_MAX_FILE >> 20);
        return NULL;
    }
    if (!err) return f;
    if (f && f != stdin) fclose(f);
    if (err == ENOMEM) { /* fopen's buffer: the machine's fault, not the file's */
        oom_note();
        diag_add(d, file_shown(path), 0, 0, NULL, "out of memory while reading it; " OOM_REMEDY);
        return NULL;
    }
    diag_add(d, file_shown(path), 0, 0, NULL, "cannot open: %s", strerror(err));
    return NULL;
}

/* Read from f, or from the len bytes at buf when f is NULL. */
static ydoc *read_doc(const char *path, FILE *f, const char *buf, size_t len, diag *d) {
    yaml_parser_t parser;
    reader r = {.path = path, .d = d, .f = f, .parser = &parser};
    int ok = yaml_parser_initialize(&parser);
    if (ok) {
        if (f)
            yaml_parser_set_input(&parser, read_input, &r);
        else
            yaml_parser_set_input_string(&parser, (const unsigned char *)buf, len);
        ok = read_events(&r, &parser);
        yaml_parser_delete(&parser);
    } else {
        out_of_memory(&r);
    }

    ydoc *doc = ok ? finish(&r) : NULL;
    for (int i = 0; i < r.depth; i++)
        free(r.frames[i].keys.slots);
    free(r.pending);
    if (!doc) arena_free(r.arena);
    return doc;
}

ydoc *ydoc_read(const char *path, diag *d) {
    const char *shown = file_shown(path); /* "-": standard input, named "<stdin>" */
    FILE *f = open_file(path, d);
    if (!f) return NULL;
    ydoc *doc = read_doc(shown, f, NULL, 0, d);
    if (f != stdin) fclose(f);
    return doc;
}

ydoc *ydoc_read_mem(const char *name, const char *buf, size_t len, diag *d) {
    return read_doc(name, NULL, buf, len, d);
}

void ydoc_free(ydoc *doc) {
    if (doc) arena_free(doc->arena);
}

/* ---- using the tree -------------------------------------------------------------------------- */

ynode *ydoc_get(const ynode *map, const char *key) {
    if (!map || map->kind != YN_MAP) return NULL;
    size_t len = strlen(key);
    for (size_t i = 0; i + 1 < map->n; i += 2) {
        const ynode *k = map->items[i];
        if (k->kind == YN_SCALAR && k->len == len && memcmp(k->str, key, len) == 0)
            return map->items[i + 1];
    }
    return NULL;
}

const char *ydoc_kind_name(const ynode *n) {
    if (!n) return "nothing";
    switch (n->kind) {
    case YN_SCALAR: return "a text value";
    case YN_SEQ: return "a list";
    case YN_MAP: return "a mapping";
    }
    return "a value";
}
