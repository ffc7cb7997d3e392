/*
** cmd_record.c: recording what happens between loads: sign, assign, fund, decide. Each command
** turns its arguments into rows (load_changes: validated exactly as the same rows in
** region.yaml would be), shows what changes, and writes it in one transaction with one event
** per changed row. The database is then ahead of the region's file: `spil export` writes it.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "diff.h"
#include "load.h"
#include "model.h"
#include "out.h"
#include "rdata.h"
#include "store.h"

/* One row to record: entity, field names and values. */
typedef struct record_row {
    const char *table;
    const char *names[12];
    const char *values[12];
    const char *defaults[12]; /* used only when the region has no such row yet */
    int n;
} record_row;

static void field(record_row *r, const char *name, const char *value) {
    if (r->n < 12) {
        r->names[r->n] = name;
        r->defaults[r->n] = NULL;
        r->values[r->n++] = value;
    }
}

/* A field given as value, else def when the row is new. */
static void field_or(record_row *r, const char *name, const char *value, const char *def) {
    field(r, name, value);
    if (r->n <= 12) r->defaults[r->n - 1] = def;
}

/* Validate rows against the region in the database and apply them: the shared path of every
** recording command. */
static int record(cli_opts *o, record_row *rows, int nrows) {
    int code;
    const char *region = o->args[0];
    store *st = cli_open(o, 1, &code);
    if (!st) return code;
    diag *d = diag_new();
    rdata *base = NULL, *changed = NULL;
    changes ch = {0};
    char now[32], where[32];
    if ((code = cli_need_region(o, st, region)) != SPIL_EXIT_OK) goto done;
    if (store_begin(st) || !(base = rdata_from_store(st, region))) goto storage;
    snprintf(where, sizeof where, "spil %s", o->cmd);
    load_changes *c = load_changes_new(where, base, d);
    if (!c) goto storage;
    for (int i = 0; i < nrows; i++)
        load_changes_row(c, model_entity_by_table(rows[i].table), rows[i].names, rows[i].values,
                         rows[i].n, rows[i].defaults);
    if (!(changed = load_changes_finish(c))) {
        store_rollback(st);
        code = cli_diagnostics(o, d);
        goto done;
    }
    const char *actor = o->as ? o->as : cli_actor();
    if (diff_compute(base, changed, &ch) ||
        diff_apply(st, region, &ch, actor, out_now(now), o->cmd, o->reason) || store_commit(st))
        goto storage;
    if (o->json) {
        out_json(stdout, json_pack("{s:s, s:s, s:o}", "region", region, "command", o->cmd,
                                   "changes", diff_json(&ch)));
    } else if (!ch.n) {
        printf("Nothing to record: %s already holds this.\n", region);
    } else {
        diff_print(&ch, stdout, out_color(stdout));
        printf("Recorded in %s (%d added, %d changed). 'spil export %s' writes the region file.\n",
               o->db, ch.added, ch.changed, region);
    }
    code = SPIL_EXIT_OK;
    goto done;
storage:
    code = cli_fail(o, SPIL_EXIT_INTERNAL, "storage error: %s", store_errmsg(st));
    store_rollback(st);
done:
    diff_free(&ch);
    rdata_free(base);
    rdata_free(changed);
    diag_free(d);
    store_close(st);
    return code;
}

static const char *today(char *buf) {
    char now[32];
    snprintf(buf, 11, "%.10s", out_now(now));
    return buf;
}

int cmd_sign(cli_opts *o) {
    char day[16];
    record_row r = {.table = "agreement_party"};
    field(&r, "agreement", o->args[1]);
    field(&r, "organisation", o->args[2]);
    field(&r, "status", cli_opt(o, "status") ? cli_opt(o, "status") : "signed");
    /* The date of this status: a new status is today's unless said otherwise. */
    field(&r, "date", cli_opt(o, "date") ? cli_opt(o, "date") : today(day));
    field(&r, "signatory", cli_opt(o, "signatory"));
    return record(o, &r, 1);
}

int cmd_assign(cli_opts *o) {
    record_row r = {.table = "role_assignment"};
    field(&r, "person", o->args[1]);
    field(&r, "role", o->args[2]);
    field(&r, "municipality", cli_opt(o, "municipality"));
    field(&r, "hours", cli_opt(o, "hours"));
    field(&r, "since", cli_opt(o, "since"));
    field(&r, "until", cli_opt(o, "until"));
    if (cli_opt(o, "formal")) field(&r, "formal_assignment", "true");
    return record(o, &r, 1);
}

int cmd_fund(cli_opts *o) {
    record_row r = {.table = "funding"};
    field(&r, "id", o->args[1]);
    const char *names[] = {"source", "purpose", "amount", "funder", "since", "until", "status"};
    for (int i = 0; i < 7; i++)
        field(&r, names[i], cli_opt(o, names[i]));
    return record(o, &r, 1);
}

int cmd_decide(cli_opts *o) {
    char day[16];
    record_row rows[8] = {{.table = "decision"}};
    field(&rows[0], "id", o->args[1]);
    field(&rows[0], "body", cli_opt(o, "body"));
    field(&rows[0], "subject", cli_opt(o, "subject"));
    field(&rows[0], "kind", cli_opt(o, "kind"));
    field(&rows[0], "outcome", cli_opt(o, "outcome"));
    field_or(&rows[0], "date", cli_opt(o, "date"), today(day));
    /* Positions: ORGANISATION=POSITION, with +mandate when its representative held one. */
    char buf[8][2][128];
    int n = 1;
    for (int i = 2; i < o->nargs && n < 8; i++, n++) {
        const char *eq = strchr(o->args[i], '=');
        if (!eq)
            return cli_fail(
                o, SPIL_EXIT_USAGE,
                "a position reads ORGANISATION=POSITION[+mandate], e.g. ggd=for+mandate; "
                "got '%s'",
                o->args[i]);
        const char *plus = strchr(eq, '+');
        snprintf(buf[n - 1][0], 128, "%.*s", (int)(eq - o->args[i]), o->args[i]);
        snprintf(buf[n - 1][1], 128, "%.*s", (int)(plus ? plus - eq - 1 : (long)strlen(eq + 1)),
                 eq + 1);
        if (plus && strcmp(plus, "+mandate") != 0)
            return cli_fail(o, SPIL_EXIT_USAGE,
                            "after the position only '+mandate' may follow, not '%s'", plus);
        rows[n] = (record_row){.table = "decision_position"};
        field(&rows[n], "decision", o->args[1]);
        field(&rows[n], "organisation", buf[n - 1][0]);
        field(&rows[n], "position", buf[n - 1][1]);
        field(&rows[n], "mandate", plus ? "true" : "false");
    }
    return record(o, rows, n);
}
