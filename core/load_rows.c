/*
** load_rows.c: the checks over the rows of a region file once read (load.c's second and third
** passes, and the period of each row; load_impl.h).
**
** Owns: pass 2, identity: no two rows of an entity share a key, each repeat named with the line of
** the first; pass 3, references: every FT_REF names a row of its entity ("did you mean" among
** the ids there are), every CBS code outside `municipalities` is a member municipality, every
** gemeente is one municipality and no other gemeente is the same one, every script is a regular
** file inside the region folder, within its limit, read into its row; the rules across the
** fields of a row that the model's types cannot say (a period ends after it starts, a step is
** left after it is entered, a decision is a body's or an organisation's, who speaks for whom in
** a body, an indicator adopted from the national catalogue or the region's own).
** Does not: read the document or check a single value (load.c, load_value.c).
*/
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "catalogue.h"
#include "file.h"
#include "load_impl.h"
#include "model.h"
#include "refdata.h"

/* A row's period ends on or after it starts. */
void load_check_period(loader *L, int e, const rrow *row) {
    int since = model_field_index(e, "since"), until = model_field_index(e, "until");
    if (since >= 0 && until >= 0 && row->v[since] && row->v[until] &&
        strcmp(row->v[until], row->v[since]) < 0)
        diag_add(L->d, L->file, row->fline ? row->fline[until] : 0,
                 row->fcol ? row->fcol[until] : 0, NULL, "'until' %s is before 'since' %s",
                 row->v[until], row->v[since]);
}

/* 1 when every required key field of row is set: only such rows can be duplicates. */
static int has_key(int e, const rrow *row) {
    const model_entity *en = &model_entities[e];
    for (int i = 0; i < en->nfields; i++)
        if ((en->fields[i].flags & MF_KEY) && (en->fields[i].flags & (MF_REQUIRED | MF_PARENT)) &&
            !row->v[i])
            return 0;
    return 1;
}

/* How a user names a row: its own key ("ggd"), then its parent ("in body 'kerngroep'"). */
static void row_name(int e, const rrow *row, char *buf, size_t cap) {
    const model_entity *en = &model_entities[e];
    size_t len = 0;
    const char *parent = NULL;
    buf[0] = '\0';
    for (int i = 0; i < en->nfields && len < cap; i++) {
        if (!(en->fields[i].flags & MF_KEY) || !row->v[i]) continue;
        if (en->fields[i].flags & MF_PARENT) {
            parent = row->v[i];
            continue;
        }
        len += (size_t)snprintf(buf + len, cap - len, "%s%s", len ? "/" : "", row->v[i]);
    }
    if (parent && len < cap)
        snprintf(buf + len, cap - len, "' in %s '%s", model_entities[en->parent].name, parent);
}

/* Pass 2: no two rows of an entity share a key; each repeat names the first in the file.
** Sorts the tables. */
void load_check_duplicates(loader *L) {
    if (rdata_sort(L->r)) {
        L->oom = 1;
        return;
    }
    for (int e = 0; e < model_nentities; e++) {
        rtable *t = &L->r->tables[e];
        for (size_t i = 0, j; i < t->n; i = j) {
            /* The run [i, j) shares one key; the first in the file is the original. */
            const rrow *first = &t->rows[i];
            for (j = i + 1; j < t->n && strcmp(t->rows[j].key, first->key) == 0; j++)
                if (t->rows[j].line < first->line) first = &t->rows[j];
            if (j - i < 2 || !has_key(e, first)) continue;
            for (size_t k = i; k < j; k++) {
                const rrow *b = &t->rows[k];
                if (b == first) continue;
                char name[512];
                row_name(e, b, name, sizeof name);
                if (first->line)
                    diag_add(L->d, L->file, b->line, b->col, NULL,
                             "duplicate %s '%s' (first at line %d)", model_entities[e].name, name,
                             first->line);
                else /* rows given on a command line */
                    diag_add(L->d, L->file, 0, 0, "give each once", "%s '%s' is given twice",
                             model_entities[e].name, name);
            }
        }
    }
}

/* The ids of entity e, NULL-terminated, for suggestions; malloc'd array of borrowed strings. */
static const char **ids_of(loader *L, int e) {
    rtable *t = &L->r->tables[e];
    int idf = model_id_field(e);
    const char **ids = calloc(t->n + 1, sizeof *ids);
    for (size_t i = 0, n = 0; ids && idf >= 0 && i < t->n; i++)
        if (t->rows[i].v[idf]) ids[n++] = t->rows[i].v[idf];
    return ids;
}

/* A script must be a regular file inside the region folder (a symlink must not lead out).
** Returns 1 when it is fine, else reports why and returns 0. */
static int script_ok(loader *L, const char *path, const char *name, int line, int col) {
    struct stat sb;
    char *real = NULL, *dir = NULL;
    int ok = 0;
    if (stat(path, &sb) != 0) {
        diag_add(L->d, L->file, line, col, NULL, "script '%s' not found in %s", name, L->r->dir);
    } else if (S_ISDIR(sb.st_mode)) {
        diag_add(L->d, L->file, line, col, NULL, "script '%s' in %s is a folder, not a file", name,
                 L->r->dir);
    } else if (!S_ISREG(sb.st_mode)) {
        diag_add(L->d, L->file, line, col, NULL, "script '%s' in %s is not a regular file", name,
                 L->r->dir);
    } else if ((real = realpath(path, NULL)) && (dir = realpath(L->r->dir, NULL)) &&
               (strncmp(real, dir, strlen(dir)) != 0 || real[strlen(dir)] != '/')) {
        diag_add(L->d, L->file, line, col, "copy the file into the region folder",
                 "script '%s' leads outside %s", name, L->r->dir);
    } else if (sb.st_size > LOAD_MAX_SCRIPT) {
        diag_add(L->d, L->file, line, col, "split it into modules of the region folder",
                 "script '%s' is %lld bytes, more than %d (%d MiB), the limit of a script", name,
                 (long long)sb.st_size, LOAD_MAX_SCRIPT, LOAD_MAX_SCRIPT >> 20);
    } else {
        ok = 1;
    }
    free(real);
    free(dir);
    return ok;
}

/* Read a script's text into the row's derived source field. */
static void read_source(loader *L, int e, rrow *row, const char *path) {
    int sf = -1;
    for (int i = 0; i < model_entities[e].nfields; i++)
        if (model_entities[e].fields[i].flags & MF_DERIVED) sf = i;
    if (sf < 0) return;
    size_t n;
    char *buf = file_read(path, LOAD_MAX_SCRIPT, &n);
    if (!buf) {
        if (errno == ENOMEM)
            L->oom = 1;
        else
            diag_add(L->d, L->file, row->line, row->col, NULL, "cannot read %s: %s", path,
                     errno == EFBIG ? "larger than the limit for a script" : strerror(errno));
    } else {
        if (memchr(buf, '\0', n))
            diag_add(L->d, L->file, row->line, row->col, NULL, "script %s is not text", path);
        else if (rdata_set(L->r, e, row, sf, buf, 0, 0))
            L->oom = 1;
    }
    free(buf);
}

/* An indicator either adopts a catalogue indicator by its code alone, or is the region's own and
** then names itself: name, kind and source (the catalogue's text is not the region's to change). */
static void check_indicator(loader *L, int e, const rrow *row) {
    const model_entity *en = &model_entities[e];
    const char *code = row->v[model_field_index(e, "code")];
    const cat_indicator *c = code ? catalogue_find(code) : NULL;
    if (c) { /* adopted: every field it gives, in one message at the first of them */
        char given[200] = "";
        int line = 0, col = 0, count = 0;
        for (int f = 0; f < en->nfields; f++) {
            if (!row->v[f] || !strcmp(en->fields[f].name, "code")) continue;
            size_t len = strlen(given);
            snprintf(given + len, sizeof given - len, "%s'%s'", count++ ? ", " : "",
                     en->fields[f].name);
            if (!line) {
                line = row->fline ? row->fline[f] : row->line;
                col = row->fcol ? row->fcol[f] : row->col;
            }
        }
        if (!count) return;
        char hint[200];
        snprintf(hint, sizeof hint,
                 "give just {code: %s} to adopt it, or choose another code for an indicator "
                 "of your own",
                 code);
        diag_add(L->d, L->file, line, col, hint,
                 "indicator '%s' is in the national catalogue (%s), so %s %s from there", code,
                 c->catalogue, given, count == 1 ? "comes" : "come");
        return;
    }
    for (int f = 0; f < en->nfields; f++) {
        const char *name = en->fields[f].name;
        if (!c && code && !row->v[f] && !(row->fline && row->fline[f]) &&
            (!strcmp(name, "name") || !strcmp(name, "kind") || !strcmp(name, "source"))) {
            size_t n;
            const cat_indicator *all = catalogue_indicators(&n, NULL);
            const char **codes = calloc(n + 1, sizeof *codes);
            for (size_t i = 0; codes && i < n; i++)
                codes[i] = all[i].code;
            const char *s = codes ? diag_suggest(code, codes) : NULL;
            char hint[160];
            if (s)
                snprintf(hint, sizeof hint, "did you mean the catalogue's '%s'? (spil indicators)",
                         s);
            else
                snprintf(hint, sizeof hint,
                         "an indicator of your own needs name, kind and source; "
                         "'spil indicators' lists the catalogue");
            diag_add(L->d, L->file, row->line, row->col, hint,
                     "indicator '%s' is not in the national catalogue and is missing '%s'", code,
                     name);
            free(codes);
            return;
        }
    }
}

/* Rules across the fields of one row that the model's types cannot say: a decision is taken
** by a body or by an organisation (one of the two); an organisation a member speaks for is not
** in the body itself, and the member that speaks for it is; a member's person and a party's
** signatory work for that organisation (where the region says where they work). */
static void check_row_rules(loader *L, int e, const rrow *row) {
    static int decision = -2, represented, member, step, party, person;
    if (decision == -2) {
        step = model_entity_by_table("programme_step");
        decision = model_entity_by_table("decision");
        represented = model_entity_by_table("body_represented");
        member = model_entity_by_table("body_member");
        party = model_entity_by_table("agreement_party");
        person = model_entity_by_table("person");
    }
    if (e == member || e == party) {
        /* Whoever sits or signs for an organisation works for it, where the region records
        ** where that person works: a mandate commits the person's own organisation. */
        int pf = model_field_index(e, e == member ? "person" : "signatory"),
            of = model_field_index(e, "organisation");
        const char *who = row->v[pf], *org = row->v[of];
        const rrow *p = who ? rdata_find(L->r, person, who) : NULL;
        const char *works = p ? p->v[model_field_index(person, "organisation")] : NULL;
        int orgs = model_entities[e].fields[of].ref; /* both known: else that is the error */
        if (works && org && strcmp(works, org) != 0 && rdata_find(L->r, orgs, org) &&
            rdata_find(L->r, orgs, works))
            diag_add(L->d, L->file, row->fline ? row->fline[pf] : row->line,
                     row->fcol ? row->fcol[pf] : row->col,
                     "name a person of that organisation, or correct where the person works "
                     "(people: organisation)",
                     "'%s' %s for '%s' but works for '%s'", who, e == member ? "sits" : "signs",
                     org, works);
    }
    if (e == step) {
        int ef = model_field_index(e, "entered"), lf = model_field_index(e, "left");
        const char *entered = row->v[ef], *left = row->v[lf];
        if (entered && left && strcmp(left, entered) < 0)
            diag_add(L->d, L->file, row->fline ? row->fline[lf] : row->line,
                     row->fcol ? row->fcol[lf] : row->col,
                     "a step is left on or after the day it was entered",
                     "step '%s' was left on %s, before it was entered (%s)",
                     row->v[model_field_index(e, "step")], left, entered);
    } else if (e == decision) {
        const char *body = row->v[model_field_index(e, "body")],
                   *org = row->v[model_field_index(e, "organisation")];
        if ((body != NULL) == (org != NULL))
            diag_add(L->d, L->file, row->line, row->col,
                     body ? "give one of the two: a college decision names its organisation, a "
                            "meeting's decision its body"
                          : "add 'body' (a body's decision) or 'organisation' (an organisation's "
                            "own, e.g. a collegebesluit)",
                     "decision '%s' %s", row->v[model_field_index(e, "id")],
                     body ? "names both a body and an organisation"
                          : "names neither a body nor an organisation");
    } else if (e == represented) {
        const char *body = row->v[0], *org = row->v[model_field_index(e, "organisation")],
                   *via = row->v[model_field_index(e, "via")];
        int vf = model_field_index(e, "via"), of = model_field_index(e, "organisation");
        char key[300];
        snprintf(key, sizeof key, "%s%c%s", body ? body : "", RDATA_KEYSEP, org ? org : "");
        if (org && rdata_find(L->r, member, key))
            diag_add(L->d, L->file, row->fline ? row->fline[of] : 0, row->fcol ? row->fcol[of] : 0,
                     "remove it from 'represented': it speaks for itself",
                     "organisation '%s' sits in body '%s' itself", org, body);
        snprintf(key, sizeof key, "%s%c%s", body ? body : "", RDATA_KEYSEP, via ? via : "");
        if (via && rdata_find(L->r, model_entities[e].fields[vf].ref, via) &&
            !rdata_find(L->r, member, key))
            diag_add(L->d, L->file, row->fline ? row->fline[vf] : 0, row->fcol ? row->fcol[vf] : 0,
                     "name one of the body's members, or add it under 'members'",
                     "'%s' speaks for '%s' but is not a member of body '%s'", via, org, body);
    }
}

/* Which of two rows came first: a value the region had (from the store: no line) before one
** given now, else the earlier line, else the earlier in the list. */
static int given_before(const rrow *a, const rrow *b, int f) {
    int la = a->fline ? a->fline[f] : 0, lb = b->fline ? b->fline[f] : 0;
    return la != lb ? la < lb : a->pos < b->pos;
}

/* A gemeente is one of the 342 municipalities, once: it names its CBS code (that the code is one
** of the region's own is the rule for every CBS code) and no other gemeente names the same one;
** of two, the one given later is refused. Readiness counts gemeenten as municipalities. */
static void check_gemeenten(loader *L) {
    int e = model_entity_by_table("organisation");
    int kf = model_field_index(e, "kind"), mf = model_field_index(e, "municipality"),
        idf = model_id_field(e);
    const rtable *t = &L->r->tables[e];
#define GEMEENTE(r) ((r)->v[kf] && strcmp((r)->v[kf], "gemeente") == 0)
    for (size_t i = 0; i < t->n; i++) {
        const rrow *row = &t->rows[i], *first = row;
        const char *code = row->v[mf];
        if (!GEMEENTE(row) || (row->fline && row->fline[mf] && !code)) continue; /* refused */
        if (!code) {
            const char *name = row->v[model_field_index(e, "name")];
            const ref_municipality *m = name ? ref_municipality_by_name(name) : NULL;
            char hint[120];
            if (m)
                snprintf(hint, sizeof hint, "did you mean 'municipality: %s' (%s)?", m->code,
                         m->name);
            diag_add(L->d, L->file, row->line, row->col,
                     m ? hint
                       : "give its CBS code, 'municipality: GM' and four digits such as "
                         "GM0505 (see data/municipalities-2024.csv), or another kind",
                     "organisation '%s' is a gemeente without 'municipality': a gemeente is one "
                     "of the region's municipalities",
                     row->v[idf]);
            continue;
        }
        for (size_t j = 0; j < t->n; j++) {
            const rrow *o = &t->rows[j];
            if (GEMEENTE(o) && o->v[mf] && strcmp(o->v[mf], code) == 0 &&
                given_before(o, first, mf))
                first = o;
        }
        if (first == row) continue;
        const ref_municipality *m = ref_municipality_find(code);
        char where[40] = "already in the region";
        if (first->line) snprintf(where, sizeof where, "first at line %d", first->line);
        diag_add(L->d, L->file, row->fline ? row->fline[mf] : row->line,
                 row->fcol ? row->fcol[mf] : row->col,
                 "one municipality is one organisation: correct its code or kind, or remove one of "
                 "the two",
                 "gemeente '%s' is municipality %s (%s), as is gemeente '%s' (%s)", row->v[idf],
                 code, m ? m->name : "?", first->v[idf], where);
    }
#undef GEMEENTE
}

/* Pass 3: references resolve, local CBS codes are members, scripts exist. */
void load_check_references(loader *L) {
    int indicator = model_entity_by_table("indicator");
    for (int e = 0; e < model_nentities; e++) {
        const model_entity *en = &model_entities[e];
        rtable *t = &L->r->tables[e];
        for (size_t i = 0; i < t->n; i++) {
            rrow *row = &t->rows[i];
            for (int f = 0; f < en->nfields; f++) {
                const model_field *fd = &en->fields[f];
                const char *v = row->v[f];
                /* A parent is implied by nesting in a file; a recorded row names it. */
                if (!v || ((fd->flags & MF_PARENT) && !L->base)) continue;
                int line = row->fline ? row->fline[f] : 0, col = row->fcol ? row->fcol[f] : 0;
                if (fd->type == FT_REF && !rdata_find(L->r, fd->ref, v)) {
                    const char **ids = ids_of(L, fd->ref);
                    const char *s = ids ? diag_suggest(v, ids) : NULL;
                    char hint[160];
                    if (s)
                        snprintf(hint, sizeof hint, "did you mean '%s'?", s);
                    else
                        snprintf(hint, sizeof hint, "declare it under '%s'",
                                 model_entities[fd->ref].section);
                    diag_add(L->d, L->file, line, col, hint, "unknown %s '%s' in '%s'",
                             model_entities[fd->ref].name, v, fd->name);
                    free(ids);
                } else if (fd->type == FT_CBS && e != ME_MUNICIPALITY &&
                           !rdata_find(L->r, ME_MUNICIPALITY, v)) {
                    const ref_municipality *m = ref_municipality_find(v);
                    diag_add(L->d, L->file, line, col, "add it under 'municipalities'",
                             "municipality %s (%s) is not a member of this region", v,
                             m ? m->name : "?");
                } else if (fd->type == FT_FILE && L->r->dir) {
                    char path[4200];
                    snprintf(path, sizeof path, "%s/%s", L->r->dir, v);
                    if (script_ok(L, path, v, line, col)) read_source(L, e, row, path);
                }
            }
            if (e == indicator) check_indicator(L, e, row);
            check_row_rules(L, e, row);
        }
    }
    check_gemeenten(L);
}

/* The periods of the changed rows, as they are once laid over the region (L->r: the merged
** region; rows: the changes): a new 'until' may end before the region's 'since'. */
void load_check_changed_periods(loader *L, const rdata *rows) {
    for (int e = 0; e < model_nentities; e++)
        for (size_t i = 0; i < rows->tables[e].n; i++) {
            const rrow *m = rdata_find(L->r, e, rows->tables[e].rows[i].key);
            if (m) load_check_period(L, e, m);
        }
}
