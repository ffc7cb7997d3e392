/*
** record.c: recording what happened between loads (see record.h). Owns the one path by which a
** command or the REPL changes a region without a region file: rows -> load_changes -> diff ->
** diff_apply.
*/
#include "record.h"

#include <string.h>

#include "load.h"
#include "out.h"
#include "store.h"

int record_field(record_row *r, const char *name, const char *value, size_t len, const char *def) {
    if (r->n >= LOAD_ROW_FIELDS) return -1;
    r->names[r->n] = name;
    r->values[r->n] = value;
    r->lens[r->n] = len;
    r->defaults[r->n++] = def;
    return 0;
}

int record_position_mandate(const char *suffix, const char **mandate) {
    static const struct {
        const char *suffix, *mandate;
    } known[] = {{"", NULL},
                 {"+mandate", "true"},
                 {"+mandaat", "true"},
                 {"+no-mandate", "false"},
                 {"+zonder-mandaat", "false"}};
    for (size_t i = 0; i < sizeof known / sizeof *known; i++)
        if (strcmp(suffix, known[i].suffix) == 0) {
            *mandate = known[i].mandate;
            return 0;
        }
    return -1;
}

int record_apply(store *st, const char *region, const char *where, const record_row *rows,
                 int nrows, const char *actor, const char *command, const char *reason,
                 size_t reason_len, diag *d, record_result *out) {
    char now[32];
    memset(out, 0, sizeof *out);
    if (!(out->base = rdata_from_store(st, region))) return -1;
    load_changes *c = load_changes_new(where, out->base, d);
    if (!c) return -1;
    load_check_line(where, "actor", actor, strlen(actor), d); /* counted by finish */
    if (reason) load_check_line(where, "reason", reason, reason_len, d);
    for (int i = 0; i < nrows; i++)
        load_changes_row(c, &rows[i]); /* a problem is in d, and makes finish return NULL */
    if (!(out->changed = load_changes_finish(c))) return 1;
    if (diff_compute(out->base, out->changed, &out->ch) ||
        diff_apply(st, region, &out->ch, actor, out_now(now), command, reason))
        return -1;
    return 0;
}

void record_done(record_result *r) {
    diff_free(&r->ch);
    rdata_free(r->base);
    rdata_free(r->changed);
    memset(r, 0, sizeof *r);
}
