/*
** diff.c: changes between the database's and a file's view of a region (see diff.h).
** Owns the merge, writing the changes through the store's generic row operations, the event
** each change logs, and how changes are shown.
*/
#include "diff.h"

#include <stdlib.h>
#include <string.h>

#include "lang.h"
#include "model.h"
#include "out.h"
#include "store.h"

static int same(const char *a, const char *b) {
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static int rows_differ(int e, const rrow *a, const rrow *b) {
    for (int i = 0; i < model_entities[e].nfields; i++)
        if (!same(a->v[i], b->v[i])) return 1;
    return 0;
}

static int push(changes *c, int e, change_kind kind, const rrow *old, const rrow *new) {
    if (c->n == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 32;
        change *v = realloc(c->v, cap * sizeof *v);
        if (!v) return -1;
        c->v = v;
        c->cap = cap;
    }
    char *key = rdata_key(e, new ? new : old, '/');
    if (!key) return -1;
    c->v[c->n++] = (change){e, kind, old, new, key};
    if (kind == CH_ADD) c->added++;
    if (kind == CH_CHANGE) c->changed++;
    if (kind == CH_REMOVE) c->removed++;
    return 0;
}

int diff_compute(const rdata *old, const rdata *new, changes *out) {
    memset(out, 0, sizeof *out);
    for (int e = 0; e < model_nentities; e++) {
        const rtable *a = &old->tables[e], *b = &new->tables[e];
        size_t i = 0, j = 0;
        while (i < a->n || j < b->n) {
            int cmp = i == a->n ? 1 : j == b->n ? -1 : strcmp(a->rows[i].key, b->rows[j].key);
            int r = 0;
            if (cmp < 0) {
                r = push(out, e, CH_REMOVE, &a->rows[i++], NULL);
            } else if (cmp > 0) {
                r = push(out, e, CH_ADD, NULL, &b->rows[j++]);
            } else {
                if (rows_differ(e, &a->rows[i], &b->rows[j]))
                    r = push(out, e, CH_CHANGE, &a->rows[i], &b->rows[j]);
                i++, j++;
            }
            if (r) {
                diff_free(out);
                return -1;
            }
        }
    }
    return 0;
}

void diff_free(changes *c) {
    for (size_t i = 0; i < c->n; i++)
        free(c->v[i].key);
    free(c->v);
    memset(c, 0, sizeof *c);
}

/* The fields of one change as JSON: a row's values, or {field: {from, to}} for a change. */
static json_t *change_fields(const change *ch) {
    const model_entity *en = &model_entities[ch->e];
    json_t *o = json_object();
    for (int i = 0; i < en->nfields; i++) {
        const model_field *f = &en->fields[i];
        if (f->flags & MF_PARENT) continue;
        if (ch->kind == CH_CHANGE) {
            const char *a = ch->old->v[i], *b = ch->new->v[i];
            if (same(a, b)) continue;
            json_object_set_new(o, f->name,
                                json_pack("{s:o, s:o}", "from", out_json_value(f->type, a), "to",
                                          out_json_value(f->type, b)));
        } else {
            const char *v = (ch->kind == CH_ADD ? ch->new : ch->old)->v[i];
            if (v) json_object_set_new(o, f->name, out_json_value(f->type, v));
        }
    }
    return o;
}

static const char *action_name(change_kind k) {
    return k == CH_ADD ? "add" : k == CH_CHANGE ? "change" : "remove";
}

int diff_apply(store *st, const char *region, const changes *c, const char *actor, const char *at,
               const char *command, const char *reason) {
    /* What a check found is out of date once anything of the region changes. */
    if (c->n && store_readiness_forget(st, region)) return -1;
    /* Removals back to front (children before parents), then additions and changes. */
    for (size_t i = c->n; i-- > 0;)
        if (c->v[i].kind == CH_REMOVE &&
            store_delete(st, c->v[i].e, region, (const char *const *)c->v[i].old->v))
            return -1;
    for (size_t i = 0; i < c->n; i++) {
        const change *ch = &c->v[i];
        if (ch->kind == CH_REMOVE) continue;
        const char *const *vals = (const char *const *)ch->new->v;
        if (ch->kind == CH_ADD && store_insert(st, ch->e, region, vals)) return -1;
        if (ch->kind == CH_CHANGE && store_update(st, ch->e, region, vals)) return -1;
    }
    for (size_t i = 0; i < c->n; i++) {
        const change *ch = &c->v[i];
        json_t *fields = change_fields(ch);
        /* Into a buffer on the stack when it fits: a load logs thousands of these. */
        char small[2048], *detail = small;
        size_t n = json_dumpb(fields, small, sizeof small - 1, JSON_COMPACT);
        if (n == 0)
            detail = NULL; /* could not be written: the event has no detail */
        else if (n < sizeof small - 1)
            small[n] = '\0';
        else
            detail = json_dumps(fields, JSON_COMPACT);
        json_decref(fields);
        store_event ev = {.at = at,
                          .actor = actor,
                          .region = region,
                          .command = command,
                          .action = action_name(ch->kind),
                          .entity = model_entities[ch->e].name,
                          .key = ch->key,
                          .detail = detail,
                          .reason = reason};
        int r = store_log(st, &ev);
        if (detail != small) free(detail);
        if (r) return -1;
    }
    return 0;
}

/* Text of a value for humans: booleans as true/false, absent as "(none)". */
static const char *shown(const model_field *f, const char *v) {
    if (!v) return _("(none)");
    if (f->type == FT_BOOL) return v[0] == '1' ? "true" : "false";
    return v;
}

void diff_print(const changes *c, FILE *f, int color) {
    int prev = -1;
    for (size_t i = 0; i < c->n; i++) {
        const change *ch = &c->v[i];
        const model_entity *en = &model_entities[ch->e];
        if (ch->e != prev) {
            int a = 0, m = 0, r = 0;
            for (size_t j = i; j < c->n && c->v[j].e == ch->e; j++) {
                a += c->v[j].kind == CH_ADD;
                m += c->v[j].kind == CH_CHANGE;
                r += c->v[j].kind == CH_REMOVE;
            }
            fprintf(f, "%s%s%s:", out_bold(color), en->section, out_reset(color));
            /* A list of counts: "3 added, 1 changed". */
            if (a) fprintf(f, _(" %d added"), a);
            if (m) {
                if (a) fputc(',', f);
                fprintf(f, _(" %d changed"), m);
            }
            if (r) {
                if (a || m) fputc(',', f);
                fprintf(f, _(" %d removed"), r);
            }
            fputc('\n', f);
            prev = ch->e;
        }
        if (ch->kind == CH_ADD) {
            /* Additions of one entity share lines, wrapped: a first load stays readable. */
            int width = fprintf(f, "  %s+%s", out_green(color), out_reset(color));
            for (; i < c->n && c->v[i].e == ch->e && c->v[i].kind == CH_ADD; i++) {
                int len = (int)strlen(c->v[i].key) + 2;
                if (width > 4 && width + len > 96) width = fprintf(f, "\n   ");
                fputc(' ', f);
                width += 1 + out_str(f, c->v[i].key);
                if (i + 1 < c->n && c->v[i + 1].e == ch->e && c->v[i + 1].kind == CH_ADD)
                    width += fprintf(f, ",");
            }
            i--;
            fputc('\n', f);
            continue;
        }
        const char *col = ch->kind == CH_CHANGE ? out_yellow(color) : out_red(color);
        fprintf(f, "  %s%c ", col, (char)ch->kind);
        out_str(f, ch->key);
        fputs(out_reset(color), f);
        if (ch->kind == CH_CHANGE) {
            const char *sep = ": ";
            for (int k = 0; k < en->nfields; k++) {
                const model_field *fd = &en->fields[k];
                if (same(ch->old->v[k], ch->new->v[k])) continue;
                const char *a = ch->old->v[k], *b = ch->new->v[k];
                if ((a && strchr(a, '\n')) || (b && strchr(b, '\n'))) {
                    fputs(sep, f); /* texts: too long to show */
                    fprintf(f, _("%s changed"), fd->name);
                } else {
                    fprintf(f, "%s%s ", sep, fd->name);
                    out_str(f, fd->type == FT_ENUM ? lang_word(fd->values, shown(fd, a))
                                                   : shown(fd, a));
                    fputs(" -> ", f);
                    out_str(f, fd->type == FT_ENUM ? lang_word(fd->values, shown(fd, b))
                                                   : shown(fd, b));
                }
                sep = ", ";
            }
        }
        fputc('\n', f);
    }
}

json_t *diff_json(const changes *c) {
    json_t *a = json_array();
    for (size_t i = 0; i < c->n; i++) {
        const change *ch = &c->v[i];
        json_array_append_new(a, json_pack("{s:s, s:s, s:s, s:o}", "entity",
                                           model_entities[ch->e].name, "key", ch->key, "action",
                                           action_name(ch->kind), "fields", change_fields(ch)));
    }
    return a;
}
