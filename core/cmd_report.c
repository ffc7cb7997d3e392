/*
** cmd_report.c: spil report REGION | --all (see report.h and docs/report.md). Checks the
** options, gathers the document, renders it as HTML, Markdown or JSON to standard output or,
** with -o FILE, atomically to FILE; and remembers that report, the command's one write: one
** event 'report' in the region's log, in the same transaction as the file's rename, so the
** next report's "what changed" starts there. Standard output and --all write nothing.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "lang.h"
#include "file.h"
#include "model.h"
#include "out.h"
#include "report.h"
#include "store.h"

/* Render doc in format to f. 0, or -1 on a write error. */
static int render(FILE *f, const char *format, const json_t *doc) {
    if (!strcmp(format, "json"))
        return json_dumpf(doc, f, JSON_INDENT(2) | JSON_SORT_KEYS) || fputc('\n', f) == EOF ? -1
                                                                                            : 0;
    if (!strcmp(format, "md")) return report_md(f, doc);
    return report_html(f, doc);
}

/* The event that remembers a report written to path, for the next one's "what changed". */
static int remember(store *st, const char *region, const char *path, const char *format,
                    const json_t *doc, const char *now) {
    json_t *d = json_pack("{s:s, s:s, s:O}", "file", path, "format", format, "since",
                          json_object_get(json_object_get(doc, "changes"), "since"));
    char *detail = d ? json_dumps(d, JSON_COMPACT) : NULL;
    json_decref(d);
    store_event ev = {.at = now,
                      .actor = cli_actor(),
                      .region = region,
                      .command = "report",
                      .action = "write",
                      .key = path,
                      .detail = detail};
    int r = !detail || store_log(st, &ev);
    free(detail);
    return r ? -1 : 0;
}

/* Write doc to path beside it and rename, so a failed report never leaves half a file; for a
** region's report, in the transaction that remembers it. */
static int write_file(cli_opts *o, store *st, const char *region, const char *format,
                      const json_t *doc, const char *now) {
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp%ld", o->output, (long)getpid());
    FILE *f = fopen(tmp, "w");
    if (!f) return cli_fail(o, SPIL_EXIT_USAGE, _("cannot write %s"), o->output);
    int bad = render(f, format, doc);
    bad |= fclose(f) != 0;
    if (bad) {
        unlink(tmp);
        return cli_fail(o, SPIL_EXIT_INTERNAL, _("cannot write %s"), o->output);
    }
    if (region && (store_begin(st) || remember(st, region, o->output, format, doc, now))) {
        unlink(tmp);
        int code = cli_fail(o, SPIL_EXIT_INTERNAL, _("storage error: %s"), store_errmsg(st));
        store_rollback(st);
        return code;
    }
    if (rename(tmp, o->output) != 0) {
        unlink(tmp);
        if (region) store_rollback(st);
        return cli_fail(o, SPIL_EXIT_INTERNAL, _("cannot write %s"), o->output);
    }
    if (region && store_commit(st))
        return cli_fail(o, SPIL_EXIT_INTERNAL,
                        _("%s is written, but it could not be remembered as the last report: "
                          "storage error: %s"),
                        o->output, store_errmsg(st));
    return SPIL_EXIT_OK;
}

int cmd_report(cli_opts *o) {
    int all = cli_opt(o, "all") != NULL;
    const char *format = cli_opt(o, "format"), *since = cli_opt(o, "since");
    if (all == (o->nargs == 1))
        return cli_fail(o, SPIL_EXIT_USAGE,
                        all ? _("give a REGION or --all, not both")
                            : _("give a REGION, or --all for the learning network's page"));
    if (o->json && format && strcmp(format, "json"))
        return cli_fail(o, SPIL_EXIT_USAGE, _("give --json or --format %s, not both"), format);
    if (o->json) format = "json";
    if (!format) format = "html";
    if (since && !model_valid_date(since))
        return cli_fail(o, SPIL_EXIT_USAGE,
                        _("--since takes a day YYYY-MM-DD, not '%s'; without it, the changes since "
                          "the last report written with -o are shown"),
                        since);
    if (all && since)
        return cli_fail(o, SPIL_EXIT_USAGE,
                        _("--since is for the report of one region; --all shows where every region "
                          "stands today"));
    char today[16], now[32];
    if (since && strcmp(since, out_today(today)) > 0)
        return cli_fail(o, SPIL_EXIT_USAGE, _("--since %s is after today (%s)"), since, today);
    int code, to_stdout = !o->output || file_is_stdin(o->output);
    /* Only a region's report written to a file is remembered (an event): else a read. */
    const char *region = all ? NULL : o->args[0];
    store *st = cli_open_region(o, to_stdout || all ? CLI_READ : CLI_WRITE, region, &code);
    if (!st) return code;
    report_opts ro = {o->programme, since, out_today(today), out_now(now)};
    char *err = NULL;
    json_t *doc =
        all ? report_all(st, &ro, &err, &code) : report_region(st, region, &ro, &err, &code);
    if (!doc) {
        code = cli_fail(o, code, "%s", err);
        free(err);
        store_close(st);
        return code;
    }
    if (to_stdout && o->json) { /* the envelope's result */
        code = out_json(stdout, json_incref(doc)) ? SPIL_EXIT_INTERNAL : SPIL_EXIT_OK;
    } else if (to_stdout) {
        code = render(stdout, format, doc) || fflush(stdout)
                   ? cli_fail(o, SPIL_EXIT_INTERNAL, _("cannot write the report"))
                   : SPIL_EXIT_OK;
    } else {
        code = write_file(o, st, region, format, doc, now);
    }
    json_decref(doc);
    store_close(st);
    return code;
}
