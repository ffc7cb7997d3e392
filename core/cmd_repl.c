/*
** cmd_repl.c: the commands `spil repl [REGION]` and `spil run [REGION] SCRIPT.lua [ARGS]`: open
** the database, check the region, hand over to the session in repl.c.
*/
#include "cli.h"
#include "file.h"
#include "lang.h"
#include "repl.h"
#include "store.h"

int cmd_repl(cli_opts *o) {
    int code;
    const char *region = o->nargs ? o->args[0] : NULL;
    store *st = cli_open_region(o, CLI_WRITE, region, &code);
    if (!st) return code;
    repl_config c = {st, region, o->cmd};
    code = repl_main(&c);
    store_close(st);
    return code;
}

/* The first argument is the script when it ends in .lua or is "-" (standard input), else the
** region, and the script follows it. */
int cmd_run(cli_opts *o) {
    int code, first = file_has_suffix(o->args[0], ".lua") || file_is_stdin(o->args[0]) ? 0 : 1;
    const char *region = first ? o->args[0] : NULL;
    if (first >= o->nargs)
        return cli_fail(o, SPIL_EXIT_USAGE, _("missing SCRIPT.lua after the region '%s'"), region);
    store *st = cli_open_region(o, CLI_WRITE, region, &code);
    if (!st) return code;
    repl_config c = {st, region, o->cmd};
    code = repl_run(&c, o->args[first], o->nargs - first - 1,
                    (const char *const *)o->args + first + 1);
    store_close(st);
    return code;
}
