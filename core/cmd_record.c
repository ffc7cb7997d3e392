/*
** cmd_record.c: the recording commands: sign, assign, fund, decide. Each turns its arguments
** into rows for record_apply (record.c: validated exactly as the same rows in region.yaml would
** be), writes them in one transaction and shows what changed. The database is then ahead of
** the region's file: `spil export` writes it.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "lang.h"
#include "model.h"
#include "out.h"
#include "record.h"
#include "runtime.h"
#include "store.h"

static void field_or(record_row *r, const char *name, const char *value, const char *def) {
    record_field(r, name, value, value ? strlen(value) : 0, def);
}

static void field(record_row *r, const char *name, const char *value) {
    field_or(r, name, value, NULL);
}

/* After decide: whether the decision is valid under each programme's governance rule, in
** words ("valid, 3 of 4 voting members took a position that counts"), or NULL with a message on
*stderr. */
static json_t *verdict(cli_opts *o, store *st, const char *region, const char *id) {
    char *err = NULL;
    json_t *v = NULL;
    rt *R = rt_open(st, region, region, &err);
    if (!R || rt_decision_verdict(R, id, NULL, &v, &err) != RT_OK)
        cli_error(o, SPIL_EXIT_OK, _("the governance rule could not be applied: %s"),
                  err ? err : _("cannot open the region"));
    free(err);
    rt_close(R);
    return v;
}

static void print_verdict(const json_t *v) {
    size_t i, k;
    const json_t *p, *x;
    json_array_foreach(v, i, p) {
        const char *programme = lang_esc(json_string_value(json_object_get(p, "programme")));
        int valid = json_is_true(json_object_get(p, "valid"));
        const json_t *counted = json_object_get(p, "counted"),
                     *present = json_object_get(p, "present");
        /* The verdict is one sentence; its reasons and the organisations advice goes back to
        ** follow as lists. */
        if (json_is_true(json_object_get(p, "own")))
            printf(valid ? _("Governance (%s's rule): valid (the organisation's own decision, "
                             "taken under its own rules)")
                         : _("Governance (%s's rule): not valid (the organisation's own "
                             "decision, taken under its own rules)"),
                   programme);
        else if (json_is_integer(counted) && json_is_integer(present)) {
            unsigned long n = (unsigned long)json_integer_value(present);
            printf(valid ? lang_trn("Governance (%s's rule): valid, %lld of %lld voting members "
                                    "took a position that counts",
                                    "Governance (%s's rule): valid, %lld of %lld voting members "
                                    "took a position that counts",
                                    n)
                         : lang_trn("Governance (%s's rule): not valid, %lld of %lld voting "
                                    "members took a position that counts",
                                    "Governance (%s's rule): not valid, %lld of %lld voting "
                                    "members took a position that counts",
                                    n),
                   programme, (long long)json_integer_value(present),
                   (long long)json_integer_value(counted));
        } else
            printf(valid ? _("Governance (%s's rule): valid")
                         : _("Governance (%s's rule): not valid"),
                   programme);
        json_array_foreach(json_object_get(p, "reasons"), k, x) {
            fputs(k ? "; " : ": ", stdout);
            out_str(stdout, json_string_value(x));
        }
        json_array_foreach(json_object_get(p, "pending"), k, x) {
            fputs(k ? ", " : _("; advice goes back to "), stdout);
            out_str(stdout, json_string_value(x));
        }
        fputs(".\n", stdout);
    }
}

/* Validate rows against the region in the database and apply them in one transaction: the
** shared path of every recording command. With decision (decide), the governance verdict on it
** follows. */
static int record(cli_opts *o, record_row *rows, int nrows, const char *decision, int existing) {
    int code;
    const char *region = o->args[0];
    store *st = cli_open(o, CLI_WRITE, &code);
    if (!st) return code;
    diag *d = diag_new();
    record_result res = {0};
    if ((code = cli_need_region(o, st, region)) != SPIL_EXIT_OK) goto done;
    /* Positions on a decision that say nothing of a new one, under an id next to an existing
    ** one: a typo, said as such (a new decision is refused below for what it lacks). */
    char like[256];
    if (existing && cli_find_id(st, region, "decision", decision, like, sizeof like) == 0 &&
        *like) {
        code =
            cli_error(o, SPIL_EXIT_USAGE,
                      _("no decision '%s' in region %s; did you mean '%s'? (a new decision needs "
                        "--subject, --kind and --body or --organisation)"),
                      decision, region, like);
        goto done;
    }
    if (store_begin(st)) goto storage;
    int r = record_apply(st, region, "", rows, nrows, o->as ? o->as : cli_actor(), o->cmd,
                         o->reason, o->reason ? strlen(o->reason) : 0, d, &res);
    if (r == 1) {
        store_rollback(st);
        code = cli_diagnostics(o, d);
        goto done;
    }
    if (r || store_commit(st)) goto storage;
    json_t *gov = decision ? verdict(o, st, region, decision) : NULL;
    if (o->json) {
        json_t *j = json_pack("{s:s, s:s, s:o}", "region", region, "command", o->cmd, "changes",
                              diff_json(&res.ch));
        if (j && gov) json_object_set(j, "governance", gov);
        out_json(stdout, j);
    } else {
        if (!res.ch.n) {
            printf(_("Nothing to record: %s already holds this.\n"), lang_esc(region));
        } else {
            if (!out_quiet()) diff_print(&res.ch, stdout, out_color(stdout));
            printf(_("Recorded in %s (%d added, %d changed). 'spil export %s' writes the region "
                     "file.\n"),
                   lang_esc(o->db), res.ch.added, res.ch.changed, lang_esc(region));
        }
        print_verdict(gov);
    }
    json_decref(gov);
    code = SPIL_EXIT_OK;
    goto done;
storage:
    code = cli_fail(o, SPIL_EXIT_INTERNAL, _("storage error: %s"), store_errmsg(st));
    store_rollback(st);
done:
    record_done(&res);
    diag_free(d);
    store_close(st);
    return code;
}

int cmd_sign(cli_opts *o) {
    char day[16];
    record_row r = {.table = "agreement_party", .renew = "status"};
    field(&r, "agreement", o->args[1]);
    field(&r, "organisation", o->args[2]);
    /* recorded on the day it happened: not after today (as for advance) */
    if (cli_date_not_after_today(o, day)) return SPIL_EXIT_USAGE;
    field(&r, "status", cli_opt(o, "status") ? cli_opt(o, "status") : "signed");
    /* The date of the status: a new one's is today unless --date says otherwise; signing again
    ** keeps the date. */
    field_or(&r, "date", cli_opt(o, "date"), out_today(day));
    field(&r, "signatory", cli_opt(o, "signatory"));
    return record(o, &r, 1, NULL, 0);
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
    const char *names[] = {"tasks", "mandate", "focus", "reviewed"};
    for (int i = 0; i < 4; i++)
        field(&r, names[i], cli_opt(o, names[i]));
    return record(o, &r, 1, NULL, 0);
}

int cmd_fund(cli_opts *o) {
    record_row r = {.table = "funding"};
    field(&r, "id", o->args[1]);
    const char *names[] = {"source", "purpose", "amount", "funder",
                           "theme",  "since",   "until",  "status"};
    for (int i = 0; i < 8; i++)
        field(&r, names[i], cli_opt(o, names[i]));
    return record(o, &r, 1, NULL, 0);
}

/* decide REGION ID [ORGANISATION=POSITION[+mandate|+no-mandate]...]: the decision and one row
** per position, as many as given. */
int cmd_decide(cli_opts *o) {
    char day[16];
    int npos = o->nargs - 2, code;
    if (cli_date_not_after_today(o, day)) return SPIL_EXIT_USAGE;
    record_row *rows = calloc((size_t)npos + 1, sizeof *rows);
    char **orgs = calloc((size_t)npos + 1, sizeof *orgs);
    if (!rows || !orgs) {
        free(rows);
        free(orgs);
        return cli_fail(o, SPIL_EXIT_INTERNAL, _("out of memory"));
    }
    rows[0] = (record_row){.table = "decision"};
    field(&rows[0], "id", o->args[1]);
    field(&rows[0], "body", cli_opt(o, "body"));
    field(&rows[0], "subject", cli_opt(o, "subject"));
    field(&rows[0], "kind", cli_opt(o, "kind"));
    field(&rows[0], "outcome", cli_opt(o, "outcome"));
    field(&rows[0], "organisation", cli_opt(o, "organisation"));
    field(&rows[0], "organ", cli_opt(o, "organ"));
    field(&rows[0], "topic", cli_opt(o, "topic"));
    field_or(&rows[0], "date", cli_opt(o, "date"), out_today(day));
    for (int k = 0; k < npos; k++) {
        const char *a = o->args[k + 2], *eq = strchr(a, '=');
        if (!eq) {
            code = cli_fail(o, SPIL_EXIT_USAGE,
                            _("a position reads ORGANISATION=POSITION[+mandate], e.g. "
                              "ggd=for+mandate; got '%s'"),
                            a);
            goto done;
        }
        const char *plus = strchr(eq, '+'), *mandate;
        if (record_position_mandate(plus ? plus : "", &mandate)) {
            code = cli_fail(o, SPIL_EXIT_USAGE,
                            _("after the position only '+mandate' or '+no-mandate' may follow, "
                              "not '%s' (without either the seat's mandate holds)"),
                            plus);
            goto done;
        }
        if (!(orgs[k] = strdup(a))) {
            code = cli_fail(o, SPIL_EXIT_INTERNAL, _("out of memory"));
            goto done;
        }
        char *org = orgs[k], *pos = org + (eq - a) + 1;
        pos[-1] = '\0';
        if (plus) org[plus - a] = '\0';
        record_row *r = &rows[k + 1];
        *r = (record_row){.table = "decision_position"};
        field(r, "decision", o->args[1]);
        field(r, "organisation", org);
        field(r, "position", pos);
        field(r, "mandate", mandate);
    }
    int existing = !cli_opt(o, "body") && !cli_opt(o, "organisation") && !cli_opt(o, "subject") &&
                   !cli_opt(o, "kind");
    code = record(o, rows, npos + 1, o->args[1], existing);
done:
    for (int k = 0; k < npos; k++)
        free(orgs[k]);
    free(orgs);
    free(rows);
    return code;
}
