/*
** cmd_verify.c: spil verify [REGION]: whether the event log and the database are what spil
** wrote (verify.c does the work). A read command: read-only, one snapshot, so it works on a
** copy on read-only media too. Exit 0 when nothing was found, 1 with findings, 3 on a storage
** error.
*/
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "lang.h"
#include "out.h"
#include "store.h"
#include "verify.h"

int cmd_verify(cli_opts *o) {
    int code;
    const char *region = o->nargs ? o->args[0] : NULL;
    store *st = cli_open_region(o, CLI_READ, region, &code);
    if (!st) return code;
    verify_report r;
    if (verify_run(st, region, &r)) {
        code = cli_fail(o, SPIL_EXIT_INTERNAL, _("storage error: %s"), store_errmsg(st));
        verify_free(&r);
        store_close(st);
        return code;
    }
    store_close(st);
    size_t n = json_array_size(r.findings);
    code = n ? SPIL_EXIT_REFUSED : SPIL_EXIT_OK;
    if (o->json) {
        json_t *j = json_pack("{s:b, s:I, s:s, s:I, s:I, s:O}", "ok", n == 0, "events",
                              (json_int_t)r.events, "head", r.head, "rows", (json_int_t)r.rows,
                              "rows_unknown", (json_int_t)r.rows_unknown, "findings", r.findings);
        if (j && region) json_object_set_new(j, "region", json_string(region));
        if (out_json(stdout, j)) code = SPIL_EXIT_INTERNAL;
        verify_free(&r);
        return code;
    }
    size_t i;
    json_t *f;
    json_array_foreach(r.findings, i, f) {
        out_str(stdout, json_string_value(json_object_get(f, "message")));
        putchar('\n');
    }
    if (n) {
        printf("%zu finding%s: the log or the database was changed outside spil.", n,
               n == 1 ? "" : "s");
        json_array_foreach(r.findings, i, f) {
            json_t *id = json_object_get(f, "event");
            const char *kind = json_string_value(json_object_get(f, "kind"));
            if (!id || !kind || strncmp(kind, "row-", 4) == 0) continue;
            printf(" The first event changed, removed or reordered: %lld (%s).",
                   (long long)json_integer_value(id),
                   json_string_value(json_object_get(f, "kind")));
            break;
        }
        printf(" Compare with a backup (spil backup) to see what was there.\n");
    } else {
        printf("The log is intact: %lld events, each carrying the hash of the one before it",
               (long long)r.events);
        if (r.events) printf(" (the last: %.16s)", r.head);
        printf(".\n%lld rows", (long long)(r.rows - r.rows_unknown));
        if (region) {
            printf(" of ");
            out_str(stdout, region);
        }
        printf(" match what the log recorded");
        if (r.rows_unknown)
            printf("; %lld have no details in the log to compare with", (long long)r.rows_unknown);
        printf(".\n");
    }
    verify_free(&r);
    return code;
}
