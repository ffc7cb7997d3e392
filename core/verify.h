/*
** verify.h: whether the event log and the database are what spil wrote (spil verify).
**
** verify_run walks the hash chain of the event log (store_chain_events) and names each event
** that was changed, removed or reordered since it was written, and a log whose guards (the
** append-only triggers) or head were removed; then it replays the log's add, change and remove
** events and compares what they say with every row of the regions (or of one), naming each row
** that was changed, added or removed without an event, and the setting suppress-below.
** The findings are a JSON array of {kind, message, event?, region?, entity?, key?}, in the
** order found: the chain first, oldest event first.
*/
#ifndef SPIL_VERIFY_H
#define SPIL_VERIFY_H

#include <stdint.h>

#include <jansson.h>

struct store;

typedef struct verify_report {
    json_t *findings;     /* array, owned */
    int64_t events;       /* events in the log */
    char head[65];        /* hash of the last event as it is now ("" when none) */
    int64_t rows;         /* region rows compared with the log */
    int64_t rows_unknown; /* rows whose events carry no details to compare with */
} verify_report;

/* Verify the whole chain, and the rows of region (NULL: every region). 0, or -1 with
** store_errmsg set (a storage error, not a finding). */
int verify_run(struct store *st, const char *region, verify_report *out);
void verify_free(verify_report *r);

#endif
