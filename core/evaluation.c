/*
** evaluation.c: a step's check results as C structs (see evaluation.h). The only place that
** reads a check result out of Lua; the JSON keys are written in sorted order, as they always were.
*/
#include "evaluation.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>

#include "lang.h"
#include "ljson.h"
#include "sbx.h"

static char *dup_text(const char *s, size_t len) {
    if (len > EVAL_MAX_TEXT) {
        size_t cut = EVAL_MAX_TEXT - 3;
        while (cut > 0 && ((unsigned char)s[cut] & 0xC0) == 0x80)
            cut--; /* between UTF-8 characters */
        char *out = malloc(cut + 4);
        if (out) {
            memcpy(out, s, cut);
            memcpy(out + cut, "...", 4);
        }
        return out;
    }
    char *out = malloc(len + 1);
    if (out) {
        memcpy(out, s, len);
        out[len] = '\0';
    }
    return out;
}

int eval_init(eval_result *r, const char *programme, const char *step, const char *name) {
    memset(r, 0, sizeof *r);
    r->programme = strdup(programme ? programme : "");
    r->step = strdup(step ? step : "");
    r->name = strdup(name ? name : "");
    if (r->programme && r->step && r->name) return 0;
    eval_free(r);
    return -1;
}

static void finding_free(eval_finding *f) {
    free(f->check);
    free(f->missing);
    free(f->remedy);
    free(f->source);
    free(f->subject_kind);
    free(f->subject_id);
    free(f->subject_name);
}

static void check_free(eval_check *c) {
    for (size_t i = 0; i < c->nfindings; i++)
        finding_free(&c->findings[i]);
    free(c->findings);
    free(c->id);
    free(c->name);
    free(c->source);
    free(c->waits_for);
    free(c->waits_for_name);
    free(c->reason);
}

void eval_free(eval_result *r) {
    if (!r) return;
    for (size_t i = 0; i < r->nchecks; i++)
        check_free(&r->checks[i]);
    free(r->checks);
    free(r->programme);
    free(r->step);
    free(r->name);
    json_decref(r->departures);
    memset(r, 0, sizeof *r);
}

void eval_drop_to(eval_result *r, size_t n) {
    while (r->nchecks > n)
        check_free(&r->checks[--r->nchecks]);
}

static eval_check *add_check(eval_result *r) {
    eval_check *v = realloc(r->checks, (r->nchecks + 1) * sizeof *v);
    if (!v) return NULL;
    r->checks = v;
    memset(&v[r->nchecks], 0, sizeof *v);
    return &v[r->nchecks++];
}

/* ---- decoding ---- */

typedef struct decoder {
    lua_State *L;
    int oom;
    char *bad; /* what was wrong, for the message (static text) */
} decoder;

/* Field key of the table at t as text (a string, or a number written as Lua writes it), or
** NULL when absent; *bad set when it has another type. Raw access only. */
static char *text_field(decoder *d, int t, const char *key, int required) {
    lua_State *L = d->L;
    int type = lua_getfield(L, t, key); /* t is a plain table: raw in effect, checked below */
    char *out = NULL;
    if (type == LUA_TSTRING || type == LUA_TNUMBER) {
        size_t len;
        const char *s = lua_tolstring(L, -1, &len);
        if (!(out = dup_text(s, len))) d->oom = 1;
    } else if (type != LUA_TNIL || required) {
        if (!d->bad) d->bad = (char *)key;
    }
    lua_pop(L, 1);
    return out;
}

static int is_plain_table(lua_State *L, int idx) {
    if (lua_type(L, idx) != LUA_TTABLE) return 0;
    if (!lua_getmetatable(L, idx)) return 1;
    lua_pop(L, 1);
    return 0;
}

static int severity_field(decoder *d, int t, int *blocking) {
    char *sev = text_field(d, t, "severity", 1);
    int ok = sev && (strcmp(sev, "blocking") == 0 || strcmp(sev, "advisory") == 0);
    if (ok) *blocking = strcmp(sev, "blocking") == 0;
    if (!ok && !d->bad) d->bad = "severity";
    free(sev);
    return ok;
}

static void decode_finding(decoder *d, int t, eval_finding *f) {
    lua_State *L = d->L;
    f->check = text_field(d, t, "check", 1);
    f->missing = text_field(d, t, "missing", 1);
    f->remedy = text_field(d, t, "remedy", 0);
    f->source = text_field(d, t, "source", 0);
    severity_field(d, t, &f->blocking);
    int type = lua_getfield(L, t, "subject");
    if (type == LUA_TTABLE && is_plain_table(L, -1)) {
        int s = lua_gettop(L);
        f->subject_kind = text_field(d, s, "kind", 1);
        f->subject_id = text_field(d, s, "id", 1);
        f->subject_name = text_field(d, s, "name", 0);
    } else if (type != LUA_TNIL && !d->bad) {
        d->bad = "subject";
    }
    lua_pop(L, 1);
}

static const char *const status_names[] = {"pass",  "fail",    "advisory",
                                           "error", "waiting", "not_applicable"};

const char *eval_status_name(eval_status s) {
    assert(s >= EVAL_PASS && s <= EVAL_NOT_APPLICABLE);
    return status_names[s];
}

int eval_decode_check(eval_result *r, lua_State *L, int idx, char **err) {
    decoder d = {L, 0, NULL};
    *err = NULL;
    idx = lua_absindex(L, idx);
    if (!lua_checkstack(L, 6)) d.oom = 1;
    eval_check *c = d.oom ? NULL : add_check(r);
    if (!c) {
        *err = strdup("out of memory");
        return -1;
    }
    if (!is_plain_table(L, idx)) {
        d.bad = "the result";
        goto done;
    }
    c->id = text_field(&d, idx, "id", 1);
    c->name = text_field(&d, idx, "name", 0);
    c->source = text_field(&d, idx, "source", 0);
    severity_field(&d, idx, &c->blocking);
    char *status = text_field(&d, idx, "status", 1);
    int known = 0;
    for (int s = EVAL_PASS; status && s <= EVAL_NOT_APPLICABLE; s++)
        if (strcmp(status, status_names[s]) == 0) c->status = (eval_status)s, known = 1;
    if (!known && !d.bad) d.bad = "status";
    free(status);
    c->waits_for = text_field(&d, idx, "waits_for", c->status == EVAL_WAITING);
    if (c->status == EVAL_NOT_APPLICABLE) c->reason = text_field(&d, idx, "reason", 1);
    if (lua_getfield(L, idx, "findings") != LUA_TTABLE || !is_plain_table(L, -1)) {
        if (!d.bad) d.bad = "findings";
        lua_pop(L, 1);
        goto done;
    }
    int list = lua_gettop(L);
    lua_Unsigned n = lua_rawlen(L, list), keep = n > EVAL_MAX_FINDINGS ? EVAL_MAX_FINDINGS : n;
    if (keep && !(c->findings = calloc(keep + (n > keep), sizeof *c->findings))) d.oom = 1;
    for (lua_Unsigned i = 1; i <= keep && !d.oom && !d.bad; i++) {
        if (lua_rawgeti(L, list, (lua_Integer)i) != LUA_TTABLE || !is_plain_table(L, -1))
            d.bad = "a finding";
        else
            decode_finding(&d, lua_gettop(L), &c->findings[c->nfindings++]);
        lua_pop(L, 1);
    }
    if (n > keep && !d.oom && !d.bad) {
        /* The rest is counted, in one finding of the check's severity. */
        eval_finding *f = &c->findings[c->nfindings++];
        char text[160];
        snprintf(text, sizeof text,
                 _("and %llu more findings of this check (spil shows at most %d)"),
                 (unsigned long long)(n - keep), EVAL_MAX_FINDINGS);
        f->check = strdup(c->id ? c->id : "");
        f->missing = strdup(text);
        f->blocking = c->blocking;
        if (!f->check || !f->missing) d.oom = 1;
    }
    lua_pop(L, 1);
done:
    if (d.oom || d.bad) {
        char msg[160];
        snprintf(msg, sizeof msg, "%s%s",
                 d.oom ? "out of memory" : "a check result without a valid ", d.oom ? "" : d.bad);
        *err = strdup(msg);
        check_free(c);
        r->nchecks--;
        return -1;
    }
    return 0;
}

/* Make c a check that failed with the one blocking finding that says why (its findings, if any,
** are dropped). 0 or -1. */
static int fail_check(eval_check *c, const char *why) {
    char missing[1200];
    snprintf(missing, sizeof missing, _("the check itself failed: %s"), why ? why : _("no result"));
    for (size_t i = 0; i < c->nfindings; i++)
        finding_free(&c->findings[i]);
    free(c->findings);
    c->nfindings = 0;
    c->blocking = 1;
    c->status = EVAL_ERROR;
    c->findings = calloc(1, sizeof *c->findings);
    if (!c->findings) return -1;
    eval_finding *f = &c->findings[c->nfindings++];
    f->check = strdup(c->id);
    f->blocking = 1;
    f->missing = strdup(missing);
    f->remedy = strdup(_("fix the check's code (this is not a finding about the region's data)"));
    f->source = c->source ? strdup(c->source) : NULL;
    return f->check && f->missing && f->remedy && (f->source || !c->source) ? 0 : -1;
}

int eval_add_failed_check(eval_result *r, const char *id, const char *name, const char *source,
                          const char *why) {
    eval_check *c = add_check(r);
    if (!c) return -1;
    c->id = strdup(id);
    c->name = strdup(name ? name : id);
    c->source = source ? strdup(source) : NULL;
    if (!c->id || !c->name || (source && !c->source)) return -1;
    return fail_check(c, why);
}

static const eval_check *find_check(const eval_result *r, const char *id) {
    for (size_t i = 0; i < r->nchecks; i++)
        if (r->checks[i].id && strcmp(r->checks[i].id, id) == 0) return &r->checks[i];
    return NULL;
}

/* The check at the end of c's chain of waits (c waits for w, which may wait for x, ...), as the
** checks returned it; NULL when the chain leads nowhere (a check not in the result, or a
** circle). */
static const eval_check *awaited(const eval_result *r, const eval_check *c) {
    const eval_check *w = c;
    for (size_t n = 0; w && w->status == EVAL_WAITING && n <= r->nchecks; n++)
        w = find_check(r, w->waits_for);
    return w && w->status != EVAL_WAITING ? w : NULL;
}

/* Whether c may wait: the check it waits for (at the end of the chain) reports something missing
** at least as severe as c itself would: a blocking check waits only for one that blocks. One that
** passed or does not apply reports nothing. */
static int may_wait(const eval_result *r, const eval_check *c) {
    const eval_check *w = awaited(r, c);
    if (!w || w->status == EVAL_PASS || w->status == EVAL_NOT_APPLICABLE) return 0;
    if (!c->blocking) return 1; /* fail, advisory or error: something is reported */
    return w->status == EVAL_FAIL || w->status == EVAL_ERROR;
}

/* c may not wait: it becomes a check that reports, at its own severity, that it cannot be
** judged, about what the awaited check reported (its first finding's subject and remedy). */
static int cannot_wait(const eval_result *r, eval_check *c) {
    const eval_check *w = find_check(r, c->waits_for), *end = awaited(r, c);
    const eval_finding *hint = end && end->nfindings ? &end->findings[0] : NULL;
    const char *name = w && w->name ? w->name : c->waits_for;
    char missing[800], remedy[800];
    snprintf(missing, sizeof missing,
             _("cannot be judged: it needs what the check '%s' looks for, and that check does "
               "not report it missing as strongly as this one requires"),
             name);
    snprintf(remedy, sizeof remedy,
             _("record what '%s' looks for, in the way this check reads it (the region's own "
               "rule may accept what this check does not)"),
             name);
    if (!(c->findings = calloc(1, sizeof *c->findings))) return -1;
    eval_finding *f = &c->findings[c->nfindings++];
    f->check = strdup(c->id);
    f->blocking = c->blocking;
    f->missing = strdup(missing);
    f->remedy = strdup(hint && hint->remedy ? hint->remedy : remedy);
    f->source = c->source ? strdup(c->source) : NULL;
    if (hint && hint->subject_kind) {
        f->subject_kind = strdup(hint->subject_kind);
        f->subject_id = strdup(hint->subject_id);
        f->subject_name = hint->subject_name ? strdup(hint->subject_name) : NULL;
        if (!f->subject_kind || !f->subject_id) return -1;
    }
    c->status = c->blocking ? EVAL_FAIL : EVAL_ADVISORY;
    return f->check && f->missing && f->remedy ? 0 : -1;
}

int eval_finish(eval_result *r) {
    /* Decided on the statuses as the checks returned them, then applied: the outcome does not
    ** depend on the order of the checks. */
    char *hold = r->nchecks ? calloc(r->nchecks, 1) : NULL;
    if (r->nchecks && !hold) return -1;
    for (size_t i = 0; i < r->nchecks; i++)
        hold[i] = r->checks[i].status == EVAL_WAITING && !may_wait(r, &r->checks[i]);
    int rc = 0;
    for (size_t i = 0; i < r->nchecks && !rc; i++)
        if (hold[i]) rc = cannot_wait(r, &r->checks[i]);
    for (size_t i = 0; i < r->nchecks && !rc; i++) { /* the names shown for what is awaited */
        eval_check *c = &r->checks[i];
        const eval_check *w = c->status == EVAL_WAITING ? find_check(r, c->waits_for) : NULL;
        if (c->status != EVAL_WAITING) {
            free(c->waits_for);
            c->waits_for = NULL;
        } else if (w && w->name && !(c->waits_for_name = strdup(w->name)))
            rc = -1;
    }
    free(hold);
    if (rc) return -1;
    r->blocking = r->advisory = r->waiting = r->not_applicable = 0;
    for (size_t i = 0; i < r->nchecks; i++) {
        r->waiting += r->checks[i].status == EVAL_WAITING;
        r->not_applicable += r->checks[i].status == EVAL_NOT_APPLICABLE;
        for (size_t j = 0; j < r->checks[i].nfindings; j++) {
            if (r->checks[i].findings[j].blocking)
                r->blocking++;
            else
                r->advisory++;
        }
    }
    r->ready = r->blocking == 0;
    return 0;
}

/* ---- the ways out ---- */

static void set_text(json_t *o, const char *key, const char *v) {
    if (v) json_object_set_new(o, key, json_string(v));
}

static const char *severity(int blocking) {
    return blocking ? "blocking" : "advisory";
}

json_t *eval_finding_json(const eval_finding *f) {
    json_t *o = json_object();
    set_text(o, "check", f->check);
    set_text(o, "missing", f->missing);
    set_text(o, "remedy", f->remedy);
    set_text(o, "severity", severity(f->blocking));
    set_text(o, "source", f->source);
    if (f->subject_kind) {
        json_t *s = json_object();
        set_text(s, "id", f->subject_id);
        set_text(s, "kind", f->subject_kind);
        set_text(s, "name", f->subject_name);
        json_object_set_new(o, "subject", s);
    }
    return o;
}

json_t *eval_json(const eval_result *r) {
    json_t *checks = json_array();
    for (size_t i = 0; i < r->nchecks; i++) {
        const eval_check *c = &r->checks[i];
        json_t *findings = json_array();
        for (size_t j = 0; j < c->nfindings; j++)
            json_array_append_new(findings, eval_finding_json(&c->findings[j]));
        json_t *o = json_object();
        json_object_set_new(o, "findings", findings);
        set_text(o, "id", c->id);
        set_text(o, "name", c->name);
        set_text(o, "severity", severity(c->blocking));
        set_text(o, "source", c->source);
        set_text(o, "status", eval_status_name(c->status));
        set_text(o, "waits_for", c->waits_for);
        set_text(o, "waits_for_name", c->waits_for_name);
        set_text(o, "reason", c->reason);
        json_array_append_new(checks, o);
    }
    json_t *j = json_pack("{s:s, s:s, s:s, s:o, s:i, s:i, s:i, s:i, s:b}", "programme",
                          r->programme, "step", r->step, "name", r->name, "checks", checks,
                          "blocking", r->blocking, "advisory", r->advisory, "waiting", r->waiting,
                          "not_applicable", r->not_applicable, "ready", r->ready);
    if (j && r->departures && json_array_size(r->departures))
        json_object_set(j, "departures", r->departures);
    return j;
}

/* Under sbx_hand_over: the JSON (argument 1) as Lua values. */
static int push_json(lua_State *L) {
    ljson_push(L, lua_touserdata(L, 1));
    return 1;
}

static void drop_json(void *j) {
    json_decref(j);
}

void eval_push(lua_State *L, const eval_result *r) {
    json_t *j = eval_json(r);
    if (!j) luaL_error(L, "out of memory");
    sbx_hand_over(L, push_json, j, drop_json);
}
