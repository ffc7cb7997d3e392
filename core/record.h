/*
** record.h: recording what happened between loads (a signature, a role, funding, a decision):
** rows given field by field as text, validated exactly as the same rows in region.yaml would be
** (load_changes), then written in the caller's transaction with one event per changed row.
** Shared by the CLI (spil sign, assign, fund, decide) and the REPL (sign(), assign(), ...).
*/
#ifndef SPIL_RECORD_H
#define SPIL_RECORD_H

#include "diag.h"
#include "diff.h"
#include "load.h"
#include "rdata.h"

struct store;

/* One row to record: the entity's table, and its fields as text (load.h). */
typedef load_row record_row;

/* Add a field to a row: value (len bytes; NULL: not given) and def, used when the region has no
** such row yet or the row changes its `renew` field (NULL: none). Returns -1, adding nothing,
** when the row has LOAD_ROW_FIELDS already. */
int record_field(record_row *r, const char *name, const char *value, size_t len, const char *def);

/* The mandate a decision's position carries, from what follows the position in `decide`
** (ORGANISATION=POSITION[+mandate], the CLI's and the REPL's): "+mandate" or "+mandaat" give
** "true", "+no-mandate" or "+zonder-mandaat" give "false", nothing gives NULL (the seat's
** mandate holds). Returns 0, or -1 for any other suffix. */
int record_position_mandate(const char *suffix, const char **mandate);

/* What a recording changed; free with record_done. */
typedef struct record_result {
    rdata *base, *changed;
    changes ch;
} record_result;

/* Validate rows against region as the database holds it and write them in the open transaction,
** logging each change as made by actor with command and reason (reason_len bytes; NULL: none;
** actor and reason are checked as one-line texts). where is the diagnostics' file: "" for a
** command line or the REPL, printed with diag_print_prefixed ("spil: sign: ...").
** Returns 0; 1 when the rows have problems (all in d, nothing written); -1 on a storage error
** (store_errmsg). */
int record_apply(struct store *st, const char *region, const char *where, const record_row *rows,
                 int nrows, const char *actor, const char *command, const char *reason,
                 size_t reason_len, diag *d, record_result *out);
void record_done(record_result *r);

#endif
