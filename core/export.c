/*
** export.c: writes a region as region.yaml (see export.h). Derived values (a script's source)
** are not written: the scripts themselves stay files beside region.yaml.
**
** Uses libyaml's emitter, so quoting is always right. The output is canonical: sections in
** model order, rows in key order, fields in model order, absent fields left out, children under
** their parent, short rows without children on one line in flow style. Loading the output into
** a fresh database and exporting again gives the same bytes.
*/
#include "export.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <yaml.h>

#include "model.h"

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
    size_t len = 4;
    for (int i = 0; i < en->nfields; i++)
        if (row->v[i] && !(en->fields[i].flags & (MF_PARENT | MF_DERIVED)))
            len += strlen(en->fields[i].name) + strlen(row->v[i]) + 4 +
                   (strchr(row->v[i], '\n') ? 1000 : 0);
    int flow = e != ME_REGION && len <= 96 && !has_children(r, e, row);
    map_start(E, flow);
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
