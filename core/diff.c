/*
** diff.c: changes between the database's and a file's view of a region (see diff.h).
** Owns the merge, writing the changes through the store's generic row operations, the event
** each change logs, and how changes are shown.
*/
#include "diff.h"

#include <stdlib.h>
#include <string.h>

#include "grow.h"
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
    if (grow(&c->v, &c->cap, c->n, sizeof *c->v)) return -1;
    char *key = rdata_key(e, new ? new : old, '/');
    if (!key) return -1;
    c->v[c->n++] = (change){e, kind, old, new, key, -1, NULL, 0};
    if (kind == CH_ADD) c->added++;
    if (kind == CH_CHANGE) c->changed++;
    if (kind == CH_REMOVE) c->removed++;
    return 0;
}

static int parent_field(int e) {
    for (int i = 0; i < model_entities[e].nfields; i++)
        if (model_entities[e].fields[i].flags & MF_PARENT) return i;
    return -1;
}

/* A list of entity e takes a new order: seq (n rows, copied). */
static int push_order(changes *c, int e, const rrow *const *seq, size_t n) {
    if (grow(&c->v, &c->cap, c->n, sizeof *c->v)) return -1;
    int pf = parent_field(e);
    char *key = strdup(pf >= 0 ? seq[0]->v[pf] : "");
    const rrow **copy = malloc(n * sizeof *copy);
    if (!key || !copy) {
        free(key);
        free(copy);
        return -1;
    }
    memcpy(copy, seq, n * sizeof *copy);
    c->v[c->n++] = (change){e, CH_ORDER, NULL, seq[0], key, -1, copy, n};
    c->reordered++;
    return 0;
}

/*
** The order of the lists of entity e, once the changes from index `from` on (e's rows) are
** applied. A list keeps the database's order, its removed rows left out and its added rows at the
** end, each at the place after the list's last (so no other row moves); when new->ordered and
** the file's order is any other, the list gets a CH_ORDER change and every row of it its index.
*/
static int order_lists(const rdata *old, const rdata *new, int e, changes *out, size_t from) {
    if (!model_ordered(e) || !new->tables[e].n) return 0;
    const rtable *nt = &new->tables[e];
    const rrow **orows = NULL, **nrows = NULL, **seq = NULL, **expect = NULL;
    size_t *ostarts = NULL, *nstarts = NULL;
    long *target = NULL, no = rdata_lists(old, e, &orows, &ostarts),
         nn = rdata_lists(new, e, &nrows, &nstarts);
    int pf = parent_field(e), rc = -1;
    seq = malloc(nt->n * sizeof *seq);
    expect = malloc(nt->n * sizeof *expect);
    target = malloc(nt->n * sizeof *target);
    if (no < 0 || nn < 0 || !seq || !expect || !target) goto done;
    for (size_t i = 0; i < nt->n; i++)
        target[i] = -1;
    long ol = 0;
    for (long l = 0; l < nn; l++) {
        const rrow **nl = nrows + nstarts[l];
        size_t nlen = nstarts[l + 1] - nstarts[l], olen = 0, k = 0, x = 0;
        const char *parent = pf >= 0 ? nl[0]->v[pf] : NULL;
        while (ol < no && parent && strcmp(orows[ostarts[ol]]->v[pf], parent) < 0)
            ol++;
        const rrow **op = NULL;
        if (ol < no && (!parent || strcmp(orows[ostarts[ol]]->v[pf], parent) == 0)) {
            op = orows + ostarts[ol];
            olen = ostarts[ol + 1] - ostarts[ol];
        }
        /* expect: the database's order, removed rows left out, added rows last. */
        long last = -1;
        for (size_t j = 0; j < olen; j++) {
            const rrow *m = rdata_find(new, e, op[j]->key);
            if (m) expect[x++] = m;
            if (op[j]->pos > last) last = op[j]->pos;
        }
        size_t kept = x;
        for (size_t j = 0; j < nlen; j++)
            if (!rdata_find(old, e, nl[j]->key)) expect[x++] = nl[j];
        /* seq: the order the list is to have. */
        if (new->ordered)
            for (k = 0; k < nlen; k++)
                seq[k] = nl[k];
        else
            for (k = 0; k < x; k++)
                seq[k] = expect[k];
        int same = 1;
        for (size_t j = 0; j < nlen && same; j++)
            same = seq[j] == expect[j];
        if (same) {
            for (size_t j = kept; j < nlen; j++)
                target[expect[j] - nt->rows] = ++last;
        } else {
            for (size_t j = 0; j < nlen; j++)
                target[seq[j] - nt->rows] = (long)j;
            if (push_order(out, e, seq, nlen)) goto done;
        }
    }
    for (size_t i = from; i < out->n; i++)
        if (out->v[i].e == e && out->v[i].kind == CH_ADD)
            out->v[i].pos = target[out->v[i].new - nt->rows];
    rc = 0;
done:
    free(orows);
    free(ostarts);
    free(nrows);
    free(nstarts);
    free(seq);
    free(expect);
    free(target);
    return rc;
}

int diff_compute(const rdata *old, const rdata *new, changes *out) {
    memset(out, 0, sizeof *out);
    for (int e = 0; e < model_nentities; e++) {
        size_t from = out->n;
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
        if (order_lists(old, new, e, out, from)) {
            diff_free(out);
            return -1;
        }
    }
    return 0;
}

void diff_free(changes *c) {
    for (size_t i = 0; i < c->n; i++) {
        free(c->v[i].key);
        free(c->v[i].seq);
    }
    free(c->v);
    memset(c, 0, sizeof *c);
}

/* The fields of one change as JSON: a row's values, or {field: {from, to}} for a change, or
** {"order": [keys]} for a new order. */
static json_t *change_fields(const change *ch) {
    const model_entity *en = &model_entities[ch->e];
    json_t *o = json_object();
    if (ch->kind == CH_ORDER) {
        json_t *a = json_array();
        for (size_t i = 0; i < ch->nseq; i++) {
            char *k = rdata_key(ch->e, ch->seq[i], '/');
            json_array_append_new(a, k ? json_string(k) : json_null());
            free(k);
        }
        json_object_set_new(o, "order", a);
        return o;
    }
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
    return k == CH_ADD ? "add" : k == CH_CHANGE ? "change" : k == CH_ORDER ? "reorder" : "remove";
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
        if (ch->kind == CH_ADD && store_insert_at(st, ch->e, region, vals, ch->pos)) return -1;
        if (ch->kind == CH_CHANGE && store_update(st, ch->e, region, vals)) return -1;
        for (size_t k = 0; ch->kind == CH_ORDER && k < ch->nseq; k++)
            if (store_set_pos(st, ch->e, region, (const char *const *)ch->seq[k]->v, (long)k))
                return -1;
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
                          .key = ch->kind == CH_ORDER && !*ch->key ? NULL : ch->key,
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

/* "  = coalitie: ggd-zhz, gem-dordrecht, ...": a list's new order, its rows named without their
** parent, on one line of about 96 characters. */
static void print_order(const change *ch, FILE *f, int color) {
    int width = fprintf(f, "  %s=%s", out_yellow(color), out_reset(color));
    if (*ch->key) {
        width += fprintf(f, " ");
        width += out_str(f, ch->key);
        width += fprintf(f, ":");
    }
    int pf = parent_field(ch->e);
    for (size_t i = 0; i < ch->nseq; i++) {
        char *k = rdata_key(ch->e, ch->seq[i], '/');
        const char *shown = k ? k : "?";
        if (pf >= 0 && k && strlen(k) > strlen(ch->key)) shown = k + strlen(ch->key) + 1;
        if (width + (int)strlen(shown) + 2 > 96) {
            free(k);
            fprintf(f, ", ...");
            break;
        }
        width += fprintf(f, "%s ", i ? "," : "");
        width += out_str(f, shown);
        free(k);
    }
    fputc('\n', f);
}

void diff_print(const changes *c, FILE *f, int color) {
    int prev = -1;
    for (size_t i = 0; i < c->n; i++) {
        const change *ch = &c->v[i];
        const model_entity *en = &model_entities[ch->e];
        if (ch->e != prev) {
            int a = 0, m = 0, r = 0, o = 0;
            for (size_t j = i; j < c->n && c->v[j].e == ch->e; j++) {
                a += c->v[j].kind == CH_ADD;
                m += c->v[j].kind == CH_CHANGE;
                r += c->v[j].kind == CH_REMOVE;
                o += c->v[j].kind == CH_ORDER;
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
            if (o) {
                if (a || m || r) fputc(',', f);
                fprintf(f, _(" %d in a new order"), o);
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
        if (ch->kind == CH_ORDER) {
            print_order(ch, f, color);
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
        const char *key = ch->kind == CH_ORDER && !*ch->key ? NULL : ch->key;
        json_array_append_new(a, json_pack("{s:s, s:s?, s:s, s:o}", "entity",
                                           model_entities[ch->e].name, "key", key, "action",
                                           action_name(ch->kind), "fields", change_fields(ch)));
    }
    return a;
}
