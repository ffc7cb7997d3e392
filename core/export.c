/*
** export.c: writes a region as region.yaml (see export.h). Derived values (a script's source)
** are not written: the scripts themselves stay files beside region.yaml.
**
** Uses libyaml's emitter, so quoting is always right. The output is canonical: sections in
** model order, rows in key order, fields in model order, absent fields left out, children under
** their parent, short rows without children on one line in flow style. Loading the output into
** a fresh database and exporting again gives the same bytes.
**
** export_write puts a region in a file: a new one gets the canonical export, an existing region
** file is updated in its own text (export_update.c); either way through a temporary file beside
** it, synced and renamed over it, so a crash leaves the old file or the new, never half of one.
*/
#include "export.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <yaml.h>

#include "export_update.h"
#include "file.h"

#include "model.h"
#include "ydoc.h"

typedef struct emitter {
    yaml_emitter_t em;
    int failed;
} emitter;

static void emit(emitter *E, yaml_event_t *ev) {
    if (!E->failed && !yaml_emitter_emit(&E->em, ev)) E->failed = 1;
}

static void scalar(emitter *E, const char *v, yaml_scalar_style_t style) {
    yaml_event_t ev;
    yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)v, (int)strlen(v), 1, 1, style);
    emit(E, &ev);
}

/* A value as the loader will read it back: strings that the loader would take for "absent" are
** quoted, multi-line text is a literal block, booleans are words. */
static void value(emitter *E, const model_field *f, const char *v) {
    if (f->type == FT_BOOL) {
        scalar(E, v[0] == '1' ? "true" : "false", YAML_PLAIN_SCALAR_STYLE);
    } else if (f->type == FT_TEXT && strchr(v, '\n')) {
        scalar(E, v, YAML_LITERAL_SCALAR_STYLE);
    } else if (strcmp(v, "~") == 0 || strcasecmp(v, "null") == 0 || !*v) {
        scalar(E, v, YAML_DOUBLE_QUOTED_SCALAR_STYLE);
    } else {
        scalar(E, v, YAML_ANY_SCALAR_STYLE);
    }
}

/* ---- one value, as text ----------------------------------------------------------------- */

typedef struct membuf {
    char *p;
    size_t n, cap;
    int failed;
} membuf;

static int mem_handler(void *data, unsigned char *buffer, size_t size) {
    membuf *m = data;
    if (m->n + size + 1 > m->cap) {
        size_t cap = (m->n + size + 1) * 2;
        char *p = realloc(m->p, cap);
        if (!p) return m->failed = 1, 0;
        m->p = p;
        m->cap = cap;
    }
    memcpy(m->p + m->n, buffer, size);
    m->n += size;
    m->p[m->n] = '\0';
    return 1;
}

static yaml_scalar_style_t libyaml_style(int style) {
    switch (style) {
    case YS_SINGLE: return YAML_SINGLE_QUOTED_SCALAR_STYLE;
    case YS_DOUBLE: return YAML_DOUBLE_QUOTED_SCALAR_STYLE;
    case YS_LITERAL: return YAML_LITERAL_SCALAR_STYLE;
    case YS_FOLDED: return YAML_FOLDED_SCALAR_STYLE;
    default: return YAML_ANY_SCALAR_STYLE;
    }
}

char *export_scalar(const model_field *f, const char *v, int flow, int style, int width) {
    const char *text = f->type == FT_BOOL ? (v[0] == '1' ? "true" : "false") : v;
    yaml_scalar_style_t st;
    int multiline = strchr(v, '\n') != NULL;
    if (f->type == FT_BOOL)
        st = YAML_PLAIN_SCALAR_STYLE;
    else if (strcmp(v, "~") == 0 || strcasecmp(v, "null") == 0 || !*v)
        st = YAML_DOUBLE_QUOTED_SCALAR_STYLE; /* else the loader reads "absent" */
    else if (flow && (multiline || style == YS_LITERAL || style == YS_FOLDED))
        st = YAML_DOUBLE_QUOTED_SCALAR_STYLE; /* one line, breaks escaped */
    else if (style == YS_LITERAL || style == YS_FOLDED || style == YS_SINGLE || style == YS_DOUBLE)
        st = libyaml_style(style);
    else if (multiline && f->type == FT_TEXT)
        st = YAML_LITERAL_SCALAR_STYLE;
    else if (multiline)
        st = YAML_DOUBLE_QUOTED_SCALAR_STYLE;
    else
        st = YAML_ANY_SCALAR_STYLE;
    membuf m = {0};
    yaml_emitter_t em;
    yaml_event_t ev;
    if (!yaml_emitter_initialize(&em)) return NULL;
    yaml_emitter_set_output(&em, mem_handler, &m);
    yaml_emitter_set_unicode(&em, 1);
    yaml_emitter_set_width(&em, st == YAML_FOLDED_SCALAR_STYLE && width > 20 ? width : -1);
    yaml_emitter_set_indent(&em, 2);
    int ok = 1;
    yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING);
    ok = ok && yaml_emitter_emit(&em, &ev);
    yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1);
    ok = ok && yaml_emitter_emit(&em, &ev);
    if (flow)
        yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1, YAML_FLOW_SEQUENCE_STYLE);
    else
        yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1, YAML_BLOCK_MAPPING_STYLE);
    ok = ok && yaml_emitter_emit(&em, &ev);
    if (!flow) {
        yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)"k", 1, 1, 1,
                                     YAML_PLAIN_SCALAR_STYLE);
        ok = ok && yaml_emitter_emit(&em, &ev);
    }
    yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)text, (int)strlen(text), 1, 1, st);
    ok = ok && yaml_emitter_emit(&em, &ev);
    if (flow)
        yaml_sequence_end_event_initialize(&ev);
    else
        yaml_mapping_end_event_initialize(&ev);
    ok = ok && yaml_emitter_emit(&em, &ev);
    yaml_document_end_event_initialize(&ev, 1);
    ok = ok && yaml_emitter_emit(&em, &ev);
    yaml_stream_end_event_initialize(&ev);
    ok = ok && yaml_emitter_emit(&em, &ev);
    yaml_emitter_delete(&em);
    if (!ok || m.failed || !m.p) {
        free(m.p);
        return NULL;
    }
    /* "k: VALUE\n" or "[VALUE]\n"; a kept block (|+) is followed by a document end "...". */
    size_t n = m.n;
    if (n >= 4 && strcmp(m.p + n - 4, "...\n") == 0) n -= 4;
    size_t skip = flow ? 1 : 3, cut = flow ? 2 : 1;
    if (n < skip + cut) {
        free(m.p);
        return NULL;
    }
    int block = st == YAML_LITERAL_SCALAR_STYLE || st == YAML_FOLDED_SCALAR_STYLE;
    if (block) cut = 0; /* a block keeps its last line's break */
    memmove(m.p, m.p + skip, n - skip - cut);
    m.p[n - skip - cut] = '\0';
    return m.p;
}

int export_flow_row(int e, const rrow *row, int has_children) {
    const model_entity *en = &model_entities[e];
    size_t len = 4;
    for (int i = 0; i < en->nfields; i++)
        if (row->v[i] && !(en->fields[i].flags & (MF_PARENT | MF_DERIVED)))
            len += strlen(en->fields[i].name) + strlen(row->v[i]) + 4 +
                   (strchr(row->v[i], '\n') ? 1000 : 0);
    return e != ME_REGION && len <= 96 && !has_children;
}

/* ---- the canonical export ----------------------------------------------------------------- */

static void seq_start(emitter *E, int flow) {
    yaml_event_t ev;
    yaml_sequence_start_event_initialize(
        &ev, NULL, NULL, 1, flow ? YAML_FLOW_SEQUENCE_STYLE : YAML_BLOCK_SEQUENCE_STYLE);
    emit(E, &ev);
}

static void seq_end(emitter *E) {
    yaml_event_t ev;
    yaml_sequence_end_event_initialize(&ev);
    emit(E, &ev);
}

static void map_start(emitter *E, int flow) {
    yaml_event_t ev;
    yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1,
                                        flow ? YAML_FLOW_MAPPING_STYLE : YAML_BLOCK_MAPPING_STYLE);
    emit(E, &ev);
}

static void map_end(emitter *E) {
    yaml_event_t ev;
    yaml_mapping_end_event_initialize(&ev);
    emit(E, &ev);
}

/* Rows of child entity c whose parent value is parent (all rows when the child has none). */
static int child_rows(const rdata *r, int c, const char *parent, size_t *first) {
    const rtable *t = &r->tables[c];
    int pf = -1, n = 0;
    for (int i = 0; i < model_entities[c].nfields; i++)
        if (model_entities[c].fields[i].flags & MF_PARENT) pf = i;
    *first = t->n;
    for (size_t i = 0; i < t->n; i++) {
        if (pf >= 0 && strcmp(t->rows[i].v[pf], parent) != 0) continue;
        if (!n++) *first = i;
    }
    return n;
}

static int has_children(const rdata *r, int e, const rrow *row) {
    int idf = model_id_field(e);
    for (int c = 0; c < model_nentities; c++) {
        size_t first;
        if (model_entities[c].parent == e && idf >= 0 && child_rows(r, c, row->v[idf], &first))
            return 1;
    }
    return 0;
}

static void list(emitter *E, const rdata *r, int e, const char *parent);

static void item(emitter *E, const rdata *r, int e, const rrow *row) {
    const model_entity *en = &model_entities[e];
    /* Flow style when the row fits on one line of about 96 characters. */
    map_start(E, export_flow_row(e, row, has_children(r, e, row)));
    for (int i = 0; i < en->nfields; i++) {
        const model_field *f = &en->fields[i];
        if (!row->v[i] || (f->flags & (MF_PARENT | MF_DERIVED))) continue;
        scalar(E, f->name, YAML_PLAIN_SCALAR_STYLE);
        value(E, f, row->v[i]);
    }
    int idf = model_id_field(e);
    for (int c = 0; c < model_nentities && idf >= 0; c++) {
        size_t first;
        if (model_entities[c].parent != e || !child_rows(r, c, row->v[idf], &first)) continue;
        scalar(E, model_entities[c].section, YAML_PLAIN_SCALAR_STYLE);
        list(E, r, c, row->v[idf]);
    }
    map_end(E);
}

static int by_pos(const void *a, const void *b) {
    const rrow *x = *(const rrow *const *)a, *y = *(const rrow *const *)b;
    if (x->pos != y->pos) return x->pos < y->pos ? -1 : 1;
    return strcmp(x->key, y->key);
}

/* The rows of entity e under parent, in their list's order; e's rows when it has no parent. */
static void list(emitter *E, const rdata *r, int e, const char *parent) {
    const model_entity *en = &model_entities[e];
    const rtable *t = &r->tables[e];
    size_t first;
    int n = child_rows(r, e, parent, &first);
    int vf = -1;
    for (int i = 0; i < en->nfields; i++)
        if (vf < 0 && !(en->fields[i].flags & (MF_PARENT | MF_DERIVED))) vf = i;
    const rrow **rows = malloc((n ? (size_t)n : 1) * sizeof *rows);
    if (!rows) {
        E->failed = 1;
        return;
    }
    for (int i = 0; i < n; i++)
        rows[i] = &t->rows[first + (size_t)i]; /* one parent's rows are next to each other */
    qsort(rows, (size_t)n, sizeof *rows, by_pos);
    seq_start(E, en->shape == MS_SCALARS);
    for (int i = 0; i < n; i++) {
        if (en->shape == MS_SCALARS)
            value(E, &en->fields[vf], rows[i]->v[vf]);
        else
            item(E, r, e, rows[i]);
    }
    seq_end(E);
    free(rows);
}

static int write_handler(void *data, unsigned char *buffer, size_t size) {
    return fwrite(buffer, 1, size, data) == size;
}

int export_region(const rdata *r, FILE *f) {
    emitter E = {0};
    if (!yaml_emitter_initialize(&E.em)) return -1;
    yaml_emitter_set_output(&E.em, write_handler, f);
    yaml_emitter_set_unicode(&E.em, 1);
    yaml_emitter_set_width(&E.em, 100);
    yaml_emitter_set_indent(&E.em, 2);
    yaml_event_t ev;
    yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING);
    emit(&E, &ev);
    yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1);
    emit(&E, &ev);
    map_start(&E, 0);
    scalar(&E, "spil", YAML_PLAIN_SCALAR_STYLE);
    scalar(&E, "1", YAML_PLAIN_SCALAR_STYLE);
    for (int e = 0; e < model_nentities; e++) {
        if (model_entities[e].parent >= 0 || !r->tables[e].n) continue;
        scalar(&E, model_entities[e].section, YAML_PLAIN_SCALAR_STYLE);
        if (e == ME_REGION)
            item(&E, r, e, &r->tables[e].rows[0]);
        else
            list(&E, r, e, NULL);
    }
    map_end(&E);
    yaml_document_end_event_initialize(&ev, 1);
    emit(&E, &ev);
    yaml_stream_end_event_initialize(&ev);
    emit(&E, &ev);
    yaml_emitter_delete(&E.em);
    return E.failed ? -1 : 0;
}

/* ---- into a file -------------------------------------------------------------------------- */

static int write_all(int fd, const char *p, size_t n) {
    while (n) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) return -1;
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

/* The folder of path, into dir (size cap). */
static void folder_of(const char *path, char *dir, size_t cap) {
    const char *slash = strrchr(path, '/');
    if (!slash)
        snprintf(dir, cap, ".");
    else if (slash == path)
        snprintf(dir, cap, "/");
    else
        snprintf(dir, cap, "%.*s", (int)(slash - path), path);
}

/* Replace path by the len bytes at text, atomically, with mode. 0, or -1 with errno. */
static int replace_file(const char *path, const char *text, size_t len, mode_t mode) {
    char tmp[PATH_MAX + 32], dir[PATH_MAX];
    if (snprintf(tmp, sizeof tmp, "%s.spil-XXXXXX", path) >= (int)sizeof tmp) {
        errno = ENAMETOOLONG;
        return -1;
    }
    int fd = mkstemp(tmp);
    if (fd < 0) return -1;
    int bad = fchmod(fd, mode) != 0 || write_all(fd, text, len) != 0 || fsync(fd) != 0;
    int err = errno;
    bad |= close(fd) != 0;
    if (!bad && rename(tmp, path) != 0) bad = 1, err = errno;
    if (bad) {
        unlink(tmp);
        errno = err ? err : EIO;
        return -1;
    }
    /* The rename itself lasts once the folder is synced. */
    folder_of(path, dir, sizeof dir);
    int dfd = open(dir, O_RDONLY | O_DIRECTORY);
    if (dfd >= 0) {
        bad = fsync(dfd) != 0 && errno != EINVAL;
        err = errno;
        close(dfd);
        if (bad) {
            errno = err;
            return -1;
        }
    }
    return 0;
}

int export_write(const rdata *r, const char *path, export_result *res, diag *d, char *err,
                 size_t errcap) {
    memset(res, 0, sizeof *res);
    /* A link is followed: the file it names is the one updated. */
    char real[PATH_MAX];
    const char *target = realpath(path, real) ? real : path;
    struct stat st;
    int exists = stat(target, &st) == 0;
    if (exists && !S_ISREG(st.st_mode)) {
        diag_add(d, path, 0, 0, "give the name of a file", "not a regular file");
        return 2;
    }
    char *old = NULL, *text = NULL;
    size_t oldlen = 0, len = 0;
    if (exists && st.st_size > 0) {
        if (!(old = file_read(target, YDOC_MAX_FILE, &oldlen))) {
            if (errno == EFBIG) {
                diag_add(d, path, 0, 0, "check that this is the right file",
                         "larger than %d bytes, the limit of a region file", YDOC_MAX_FILE);
                return 2;
            }
            snprintf(err, errcap, "cannot read %s: %s", path, strerror(errno));
            return 3;
        }
        int internal = 0;
        text = export_update(r, path, old, oldlen, &len, &res->counts, d, &internal);
        if (!text) {
            free(old);
            if (internal) {
                snprintf(err, errcap,
                         "%s was not changed; 'spil export %s > OTHER.yaml' writes the region "
                         "anew",
                         path, rdata_region(r));
                return 3;
            }
            return 2;
        }
        res->updated = 1;
        res->unchanged = len == oldlen && memcmp(text, old, len) == 0;
        free(old);
    } else {
        FILE *m = open_memstream(&text, &len);
        int bad = !m || export_region(r, m) != 0;
        if (m) bad |= fclose(m) != 0;
        if (bad) {
            free(text);
            snprintf(err, errcap, "cannot write the export: out of memory");
            return 3;
        }
    }
    mode_t mode = exists ? st.st_mode & 07777 : 0;
    if (!exists) {
        mode_t mask = umask(0);
        umask(mask);
        mode = 0666 & ~mask;
    }
    int rc = 0;
    if (!res->unchanged && replace_file(target, text, len, mode) != 0) {
        int e = errno;
        snprintf(err, errcap, "cannot write %s: %s", path, strerror(e));
        res->bad_path = e == ENOENT || e == ENOTDIR || e == EACCES || e == EPERM || e == EISDIR ||
                        e == ENAMETOOLONG || e == EROFS;
        rc = 3;
    }
    free(text);
    return rc;
}
