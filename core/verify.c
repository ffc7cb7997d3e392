/*
** verify.c: the event log and the database against what spil wrote (see verify.h).
**
** Owns: reading a broken hash chain (which event was changed, removed or reordered), the log's
** guards and head, and replaying the log's row events to compare with the rows there are.
** What cannot be checked from the log: the figures (one event per import, not per figure) and
** rows whose event has no details. Does not: print (cmd_verify.c), hash (store_chain.c).
*/
#include "verify.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grow.h"
#include "measure.h"
#include "model.h"
#include "out.h"
#include "rdata.h"
#include "store.h"

/* The fields of a chain event (store.h, STORE_CHAIN_FIELDS). */
enum { F_AT, F_ACTOR, F_REGION, F_COMMAND, F_ACTION, F_ENTITY, F_KEY, F_DETAIL, F_REASON, F_PREV };

typedef struct ev {
    int64_t id;
    char hash[STORE_HASH_HEX + 1];
    char *f[STORE_CHAIN_FIELDS];
} ev;

typedef struct evlist {
    ev *v;
    size_t n, cap;
    int oom;
} evlist;

static int collect(void *ctx, const store_chain_event *e) {
    evlist *l = ctx;
    if (grow(&l->v, &l->cap, l->n, sizeof *l->v)) return l->oom = 1;
    ev *x = &l->v[l->n++];
    memset(x, 0, sizeof *x);
    x->id = e->id;
    memcpy(x->hash, e->hash, sizeof x->hash);
    for (int i = 0; i < STORE_CHAIN_FIELDS; i++)
        if (e->f[i] && !(x->f[i] = strdup(e->f[i]))) return l->oom = 1;
    return 0;
}

static void evlist_free(evlist *l) {
    for (size_t i = 0; i < l->n; i++)
        for (int k = 0; k < STORE_CHAIN_FIELDS; k++)
            free(l->v[i].f[k]);
    free(l->v);
}

/* "event 17 (load add agreement regioplan, zuid-holland-zuid, 2026-01-15T10:00:00Z)" */
static void describe(const ev *e, char *buf, size_t cap) {
    char what[256] = "";
    const int parts[] = {F_COMMAND, F_ACTION, F_ENTITY, F_KEY};
    for (int i = 0; i < 4; i++) {
        const char *v = e->f[parts[i]];
        if (!v || (i == 1 && e->f[F_COMMAND] && !strcmp(v, e->f[F_COMMAND]))) continue;
        size_t len = strlen(what);
        snprintf(what + len, sizeof what - len, "%s%.60s", len ? " " : "", v);
    }
    snprintf(buf, cap, "event %lld (%s%s%s, %s)", (long long)e->id, what,
             e->f[F_REGION] ? ", " : "", e->f[F_REGION] ? e->f[F_REGION] : "",
             e->f[F_AT] ? e->f[F_AT] : "no time");
}

static void finding(verify_report *r, const char *kind, const ev *e, const char *region,
                    const char *entity, const char *key, const char *fmt, ...)
    __attribute__((format(printf, 7, 8)));
static void finding(verify_report *r, const char *kind, const ev *e, const char *region,
                    const char *entity, const char *key, const char *fmt, ...) {
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    json_t *j = json_pack("{s:s, s:s}", "kind", kind, "message", msg);
    if (!j) return;
    if (e) json_object_set_new(j, "event", json_integer(e->id));
    if (region) json_object_set_new(j, "region", json_string(region));
    if (entity) json_object_set_new(j, "entity", json_string(entity));
    if (key) json_object_set_new(j, "key", json_string(key));
    json_array_append_new(r->findings, j);
}

static int same(const char *a, const char *b) {
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* ---- the chain ---------------------------------------------------------------------------- */

static void check_chain(const evlist *l, json_t *by_hash, verify_report *r) {
    char a[400], b[400];
    for (size_t i = 0; i < l->n; i++) {
        const ev *e = &l->v[i], *before = i ? &l->v[i - 1] : NULL;
        const char *expected = before ? before->hash : STORE_CHAIN_GENESIS;
        if (same(e->f[F_PREV], expected)) continue;
        describe(e, a, sizeof a);
        int64_t gap_from = before ? before->id + 1 : 1;
        json_t *j = e->f[F_PREV] ? json_object_get(by_hash, e->f[F_PREV]) : NULL;
        size_t at = j ? (size_t)json_integer_value(j) : 0;
        if (j && at != i - 1 && at != i) {
            describe(&l->v[at], b, sizeof b);
            finding(r, "reordered", e, NULL, NULL, NULL,
                    "the log was reordered: %s follows %s in the hash chain, but stands after "
                    "event %lld",
                    a, b, (long long)(before ? before->id : 0));
        } else if (e->id > gap_from) {
            const ev gone = {.id = gap_from}; /* the finding names the first removed */
            if (e->id - 1 > gap_from)
                finding(r, "removed", &gone, NULL, NULL, NULL,
                        "events %lld to %lld were removed from the log: %s carries the hash of "
                        "an event that is no longer there",
                        (long long)gap_from, (long long)(e->id - 1), a);
            else
                finding(r, "removed", &gone, NULL, NULL, NULL,
                        "event %lld was removed from the log: %s carries the hash of an event "
                        "that is no longer there",
                        (long long)gap_from, a);
        } else if (!e->f[F_PREV]) {
            finding(r, "added", e, NULL, NULL, NULL,
                    "%s carries no hash of its predecessor: it was added to the log outside spil",
                    a);
        } else {
            /* Either the event before was changed (this one still carries its old hash), or
            ** this one's record of it was: the next event (or the head) tells which. */
            const char *next = i + 1 < l->n ? l->v[i + 1].f[F_PREV] : NULL;
            if (before && (i + 1 == l->n || same(next, e->hash))) {
                describe(before, b, sizeof b);
                finding(r, "changed", before, NULL, NULL, NULL,
                        "%s was changed after it was written: it no longer matches the hash "
                        "that event %lld carries",
                        b, (long long)e->id);
            } else {
                finding(r, "changed", e, NULL, NULL, NULL,
                        "%s was changed after it was written: the hash of its predecessor it "
                        "carries is not that of event %lld",
                        a, (long long)(before ? before->id : 0));
            }
        }
    }
}

static int check_head(store *st, const evlist *l, verify_report *r) {
    int64_t id;
    char hash[STORE_HASH_HEX + 1], a[400];
    int found = store_chain_head(st, &id, hash);
    if (found < 0) return -1;
    const ev *last = l->n ? &l->v[l->n - 1] : NULL;
    const ev gone = {.id = last ? last->id + 1 : 1}; /* a removed end: its first event */
    if (!found) {
        if (last)
            finding(r, "removed", NULL, NULL, NULL, NULL,
                    "the log's head (meta 'log_head', written with every event) was removed; "
                    "without it a removed last event cannot be seen");
        return 0;
    }
    if (!last)
        finding(r, "removed", NULL, NULL, NULL, NULL,
                "every event of the log was removed: the log's head names event %lld",
                (long long)id);
    else if (last->id + 1 == id)
        finding(r, "removed", &gone, NULL, NULL, NULL,
                "the end of the log was removed: event %lld is gone (the log's head names it)",
                (long long)id);
    else if (last->id < id)
        finding(r, "removed", &gone, NULL, NULL, NULL,
                "the end of the log was removed: events %lld to %lld are gone (the log's head "
                "names event %lld)",
                (long long)(last->id + 1), (long long)id, (long long)id);
    else if (last->id > id) {
        describe(last, a, sizeof a);
        finding(r, "added", last, NULL, NULL, NULL,
                "events after event %lld (the log's head) were added or moved there outside spil, "
                "up to %s",
                (long long)id, a);
    } else if (strcmp(last->hash, hash) != 0) {
        describe(last, a, sizeof a);
        finding(r, "changed", last, NULL, NULL, NULL,
                "%s was changed after it was written: it no longer matches the log's head", a);
    }
    return 0;
}

/* ---- the rows against the log ------------------------------------------------------------- */

static int entity_by_name(const char *name) {
    for (int e = 0; name && e < model_nentities; e++)
        if (strcmp(model_entities[e].name, name) == 0) return e;
    return -1;
}

/* A row as an event's details have it: its fields but the parent's, values typed, absent left
** out (diff.c, change_fields). */
static json_t *row_json(int e, const rrow *row) {
    const model_entity *en = &model_entities[e];
    json_t *o = json_object();
    for (int i = 0; o && i < en->nfields; i++)
        if (!(en->fields[i].flags & MF_PARENT) && row->v[i])
            json_object_set_new(o, en->fields[i].name,
                                out_json_value(en->fields[i].type, row->v[i]));
    return o;
}

static void value_text(json_t *v, char *buf, size_t cap) {
    char *t = v ? json_dumps(v, JSON_ENCODE_ANY) : NULL;
    snprintf(buf, cap, "%.200s", t ? t : "(none)");
    free(t);
}

/* The first field of entity e whose value differs between a and b, or NULL. */
static const char *first_difference(int e, json_t *a, json_t *b) {
    const model_entity *en = &model_entities[e];
    for (int i = 0; i < en->nfields; i++) {
        const char *f = en->fields[i].name;
        json_t *x = json_object_get(a, f), *y = json_object_get(b, f);
        if ((x || y) && !(x && y && json_equal(x, y))) return f;
    }
    return NULL;
}

static char *state_key(const char *region, const char *entity, const char *key) {
    size_t n = strlen(region) + strlen(entity) + strlen(key) + 3;
    char *k = malloc(n);
    if (k) snprintf(k, n, "%s\x1f%s\x1f%s", region, entity, key);
    return k;
}

/* What the log says a row was before event x changed or removed it differs from what the
** replay has: it was changed without an event in between. */
static void check_before(verify_report *r, const ev *x, int e, json_t *had, json_t *logged) {
    const char *f = first_difference(e, had, logged);
    if (!f) return;
    char a[400], v1[256], v2[256];
    describe(x, a, sizeof a);
    value_text(json_object_get(logged, f), v1, sizeof v1);
    value_text(json_object_get(had, f), v2, sizeof v2);
    finding(r, "row-changed", x, x->f[F_REGION], x->f[F_ENTITY], x->f[F_KEY],
            "%s %s of %s was changed without an event before %s: its %s was %s then, but the log "
            "had it as %s",
            x->f[F_ENTITY], x->f[F_KEY], x->f[F_REGION], a, f, v1, v2);
}

/* Replay the row events into state: key -> {"event": id, "row": {...}} or {"event": id} when
** the details are missing (unknown). */
static void replay(const evlist *l, json_t *state, verify_report *r) {
    for (size_t i = 0; i < l->n; i++) {
        const ev *x = &l->v[i];
        const char *act = x->f[F_ACTION];
        int e = entity_by_name(x->f[F_ENTITY]);
        if (!act || e < 0 || !x->f[F_REGION] || !x->f[F_KEY]) continue;
        int add = !strcmp(act, "add"), change = !strcmp(act, "change"),
            remove = !strcmp(act, "remove");
        if (!add && !change && !remove) continue;
        char *k = state_key(x->f[F_REGION], x->f[F_ENTITY], x->f[F_KEY]);
        if (!k) continue;
        json_t *detail = x->f[F_DETAIL] ? json_loads(x->f[F_DETAIL], 0, NULL) : NULL;
        json_t *cur = json_object_get(state, k), *row = json_object_get(cur, "row");
        if (!json_is_object(detail)) {
            json_object_set_new(state, k, json_pack("{s:I}", "event", (json_int_t)x->id));
        } else if (add) {
            json_object_set_new(state, k,
                                json_pack("{s:I, s:O}", "event", (json_int_t)x->id, "row", detail));
        } else if (remove) {
            if (row) check_before(r, x, e, row, detail);
            json_object_del(state, k);
        } else if (!row) { /* a change of a row whose content is unknown */
            json_object_set_new(state, k, json_pack("{s:I}", "event", (json_int_t)x->id));
        } else {
            /* was: the row as the replay has it; said: as the event says it found it */
            json_t *was = json_deep_copy(row), *said = json_deep_copy(row);
            const char *f;
            json_t *ch;
            json_object_foreach(detail, f, ch) {
                json_t *from = json_object_get(ch, "from"), *to = json_object_get(ch, "to");
                if (from && !json_is_null(from))
                    json_object_set(said, f, from);
                else
                    json_object_del(said, f);
                if (to && !json_is_null(to))
                    json_object_set(row, f, to);
                else
                    json_object_del(row, f);
            }
            check_before(r, x, e, was, said);
            json_decref(was);
            json_decref(said);
            json_object_set_new(cur, "event", json_integer(x->id));
        }
        json_decref(detail);
        free(k);
    }
}

typedef struct region_ctx {
    json_t *ids;
} region_ctx;

static int add_region(void *ctx, const char *const *vals, int n) {
    (void)n;
    json_array_append_new(((region_ctx *)ctx)->ids, json_string(vals[0]));
    return 0;
}

static int check_rows(store *st, const char *only, json_t *state, verify_report *r) {
    region_ctx rc = {json_array()};
    if (store_regions(st, add_region, &rc)) {
        json_decref(rc.ids);
        return -1;
    }
    size_t i;
    json_t *idv;
    char v1[256], v2[256];
    json_array_foreach(rc.ids, i, idv) {
        const char *region = json_string_value(idv);
        if (only && strcmp(only, region) != 0) continue;
        rdata *d = rdata_from_store(st, region);
        if (!d) {
            json_decref(rc.ids);
            return -1;
        }
        for (int e = 0; e < model_nentities; e++) {
            const char *entity = model_entities[e].name;
            for (size_t k = 0; k < d->tables[e].n; k++) {
                const rrow *row = &d->tables[e].rows[k];
                char *key = rdata_key(e, row, '/'),
                     *sk = key ? state_key(region, entity, key) : NULL;
                json_t *have = sk ? row_json(e, row) : NULL;
                json_t *cur = sk ? json_object_get(state, sk) : NULL;
                json_t *logged = json_object_get(cur, "row");
                r->rows++;
                if (!sk || !have) {
                } else if (!cur) {
                    finding(r, "row-without-event", NULL, region, entity, key,
                            "%s %s of %s is in the database, but no event of the log added it: it "
                            "was added without an event",
                            entity, key, region);
                } else if (!logged) {
                    r->rows_unknown++;
                } else {
                    const char *f = first_difference(e, have, logged);
                    if (f) {
                        value_text(json_object_get(have, f), v1, sizeof v1);
                        value_text(json_object_get(logged, f), v2, sizeof v2);
                        finding(r, "row-changed", NULL, region, entity, key,
                                "%s %s of %s was changed without an event: its %s is %s in the "
                                "database, but the log says %s (event %lld)",
                                entity, key, region, f, v1, v2,
                                (long long)json_integer_value(json_object_get(cur, "event")));
                    }
                }
                if (cur) json_object_set_new(cur, "seen", json_true());
                json_decref(have);
                free(sk);
                free(key);
            }
        }
        rdata_free(d);
    }
    /* What the log says exists, in the regions looked at, but the database lacks. */
    const char *k;
    json_t *cur;
    json_object_foreach(state, k, cur) {
        if (json_object_get(cur, "seen")) continue;
        char region[256], entity[64];
        const char *s1 = strchr(k, '\x1f'), *s2 = s1 ? strchr(s1 + 1, '\x1f') : NULL;
        if (!s2) continue;
        snprintf(region, sizeof region, "%.*s", (int)(s1 - k), k);
        snprintf(entity, sizeof entity, "%.*s", (int)(s2 - s1 - 1), s1 + 1);
        if (only && strcmp(only, region) != 0) continue;
        int known = 0;
        json_array_foreach(rc.ids, i, idv) known |= !strcmp(json_string_value(idv), region);
        if (!known && strcmp(entity, "region") != 0) continue; /* the region row reports it */
        finding(r, "row-removed", NULL, region, entity, s2 + 1,
                "%s %s of %s is not in the database, but the log says it is (event %lld): it was "
                "removed without an event",
                entity, s2 + 1, region,
                (long long)json_integer_value(json_object_get(cur, "event")));
    }
    json_decref(rc.ids);
    return 0;
}

/* The setting suppress-below against its last 'setting' event (default when none). */
static void check_setting(store *st, const evlist *l, verify_report *r) {
    int want = MEASURE_SUPPRESS_DEFAULT;
    const ev *by = NULL;
    for (size_t i = 0; i < l->n; i++) {
        const ev *x = &l->v[i];
        if (!same(x->f[F_COMMAND], "setting") || !same(x->f[F_KEY], "suppress-below") ||
            !x->f[F_DETAIL])
            continue;
        json_t *d = json_loads(x->f[F_DETAIL], 0, NULL);
        json_t *to = json_object_get(json_object_get(d, "suppress-below"), "to");
        if (json_is_integer(to)) want = (int)json_integer_value(to), by = x;
        json_decref(d);
    }
    int have = measure_suppress_below(st);
    if (have != want)
        finding(r, "row-changed", by, NULL, "setting", "suppress-below",
                "the setting suppress-below is %d in the database, but the log says %d%s: it was "
                "changed without an event",
                have, want, by ? "" : " (the default; no event changed it)");
}

int verify_run(store *st, const char *region, verify_report *out) {
    memset(out, 0, sizeof *out);
    out->findings = json_array();
    evlist l = {0};
    json_t *by_hash = json_object(), *state = json_object();
    int rc = -1;
    int guarded = store_chain_guarded(st);
    if (guarded < 0 || store_chain_events(st, collect, &l) || l.oom) goto done;
    if (!guarded)
        finding(out, "guard-removed", NULL, NULL, NULL, NULL,
                "the log's guards (the triggers event_no_update and event_no_delete, which refuse "
                "to change or delete an event) were removed or altered");
    out->events = (int64_t)l.n;
    if (l.n) memcpy(out->head, l.v[l.n - 1].hash, sizeof out->head);
    for (size_t i = 0; i < l.n; i++)
        json_object_set_new(by_hash, l.v[i].hash, json_integer((json_int_t)i));
    check_chain(&l, by_hash, out);
    if (check_head(st, &l, out)) goto done;
    replay(&l, state, out);
    if (check_rows(st, region, state, out)) goto done;
    if (!region) check_setting(st, &l, out);
    rc = 0;
done:
    json_decref(by_hash);
    json_decref(state);
    evlist_free(&l);
    return rc;
}

void verify_free(verify_report *r) {
    json_decref(r->findings);
    memset(r, 0, sizeof *r);
}
