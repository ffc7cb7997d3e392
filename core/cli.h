/*
** cli.h: the command line. Two tables, of commands and of options (cli_table.c), drive
** dispatch, option checking, every --help, the completion scripts and the man page; each
** command is one function (cmd_<name>) in a cmd_*.c file. Exit codes are the enum below,
** nowhere else.
*/
#ifndef SPIL_CLI_H
#define SPIL_CLI_H

#include <stdint.h>

#include "diag.h"

struct store;

typedef enum {
    SPIL_EXIT_OK = 0,       /* done, or ready */
    SPIL_EXIT_REFUSED = 1,  /* not ready, or refused by a rule */
    SPIL_EXIT_USAGE = 2,    /* bad input or usage */
    SPIL_EXIT_INTERNAL = 3, /* internal or storage error */
} spil_exit;

#define CLI_MAX_ARGS    64
#define CLI_MAX_OPTIONS 64 /* entries of the option table (cli_table.c) */

/* Options, parsed for every command; the option table says which commands take which. */
typedef struct cli_opts {
    const char *cmd;                /* command name, for messages */
    const char *db;                 /* --db, else $SPIL_DB, else ./spil.db */
    int json;                       /* --json */
    int quiet, verbose;             /* -q, -v */
    int dry_run;                    /* --dry-run */
    const char *output;             /* --output/-o FILE */
    int64_t limit;                  /* --limit N (0: none) */
    const char *programme;          /* --programme P */
    const char *step;               /* --step S */
    const char *as;                 /* --as PERSON: who acts */
    const char *reason;             /* --reason TEXT: why, for the log */
    const char *args[CLI_MAX_ARGS]; /* positional arguments */
    int nargs;
    const char *given[CLI_MAX_OPTIONS]; /* by entry of the option table: the value ("" for a
                                           flag), NULL when not given */
} cli_opts;

/* The value of option --name, "" for a flag that was given, NULL when not given. Every option
** can be read so; some are also in a field above. */
const char *cli_opt(const cli_opts *o, const char *name);

/* The version of the --json envelope {format, command, exit, result, errors} (docs/json.md). */
#define CLI_JSON_FORMAT 1

/* Run spil with argv; returns the exit code. */
int cli_main(int argc, char **argv);

/* Print "spil: CMD: message" to stderr and return code. cli_fail adds "Try 'spil CMD --help'."
** when code is SPIL_EXIT_USAGE: for an error in how the command is called (an option, the
** arguments, their syntax), whose fix --help shows. cli_error never adds it: for an error whose
** fix is elsewhere (a region, a file, a value that does not exist, the database), which the
** message names. */
int cli_fail(const cli_opts *o, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
int cli_error(const cli_opts *o, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* How a command opens the database (docs/storage.md). */
typedef enum {
    CLI_CREATE = 0, /* load: writes; a missing file is created (spil's schema, marked) */
    CLI_WRITE = 1,  /* a writing command: the file must exist and be spil's, of this schema */
    CLI_INIT,       /* init: creates, or upgrades spil's own older database */
    CLI_READ,       /* a read command: read-only, one snapshot for the whole command */
    CLI_CHECK,      /* check: as CLI_READ, and may remember its verdict (the readiness cache)
                       when nothing was written since its snapshot began */
} cli_open_mode;

/* Open the database for a command. A missing file (but for CLI_CREATE and CLI_INIT) is a
** usage error naming 'spil init'; a file spil may not open (another program's, empty, newer,
** older but for CLI_INIT) exit 3 naming the path. NULL after printing the problem; *code
** receives the exit code. */
struct store *cli_open(const cli_opts *o, cli_open_mode mode, int *code);

/* Report diagnostics (text or --json) and return SPIL_EXIT_USAGE. */
int cli_diagnostics(const cli_opts *o, diag *d);

/* Check that region exists; else print what exists and return SPIL_EXIT_USAGE. */
int cli_need_region(const cli_opts *o, struct store *st, const char *region);
/* cli_open, then cli_need_region for region (NULL: none asked for); NULL after reporting (the
** database closed again), *code receiving the exit code. */
struct store *cli_open_region(const cli_opts *o, cli_open_mode mode, const char *region, int *code);
/* 1 when region has a row id in table, 0 when not (like: the nearest id, or ""), -1 on a storage
** error. */
int cli_find_id(struct store *st, const char *region, const char *table, const char *id, char *like,
                size_t cap);

/* --date of a record or a move, when given: a day that has happened (the Dutch 1-12-2025 read
** as 2025-12-01), into day (16 bytes); without --date today. 0, or the usage error's code after
** reporting a day after today. A value that is no date at all is left to the loader (day keeps
** it), which names it as region.yaml's would be named. */
int cli_date_not_after_today(const cli_opts *o, char *day);

/* Who is acting: $SPIL_ACTOR, else $USER, else "unknown". */
const char *cli_actor(void);

/* The commands. */
int cmd_init(cli_opts *o);
int cmd_load(cli_opts *o);
int cmd_validate(cli_opts *o);
int cmd_export(cli_opts *o);
int cmd_regions(cli_opts *o);
int cmd_status(cli_opts *o);
int cmd_log(cli_opts *o);
int cmd_report(cli_opts *o);
int cmd_check(cli_opts *o);
int cmd_advance(cli_opts *o);
int cmd_test(cli_opts *o);
int cmd_repl(cli_opts *o);
int cmd_run(cli_opts *o);
int cmd_sign(cli_opts *o);
int cmd_assign(cli_opts *o);
int cmd_fund(cli_opts *o);
int cmd_decide(cli_opts *o);
int cmd_import(cli_opts *o);
int cmd_indicators(cli_opts *o);
int cmd_trend(cli_opts *o);
int cmd_compare(cli_opts *o);
int cmd_setting(cli_opts *o);
int cmd_version(cli_opts *o);
int cmd_help(cli_opts *o);
int cmd_verify(cli_opts *o);
int cmd_backup(cli_opts *o);

#endif
