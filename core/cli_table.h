/*
** cli_table.h: the command line as data. One entry per option (name, short letter, kind, value
** name, help, the commands that take it) and one per command (name, usage, positional
** arguments, summary, help, handler). Parsing, the checks of option values, every --help, the
** completion scripts and the man page are made from these two tables (cli.c, cli_gen.c):
** adding an option is adding one entry here.
*/
#ifndef SPIL_CLI_TABLE_H
#define SPIL_CLI_TABLE_H

#include <stddef.h>

#include "cli.h"

typedef enum {
    CLI_FLAG,   /* no value */
    CLI_TEXT,   /* any text; a recorded value (a date, hours, an amount) is checked by the
                ** loader, with the messages and hints region.yaml gets (load.c) */
    CLI_FILE,   /* a file name (completed as one) */
    CLI_COUNT,  /* a whole number above 0 */
    CLI_CHOICE, /* one of `choices` */
    CLI_REGION, /* a region id (completed from the database) */
} cli_kind;

typedef struct cli_option {
    const char *name;           /* the long name, without dashes */
    char letter;                /* the short form (-o), or 0 */
    cli_kind kind;              /* what the value must be; checked before the command runs */
    const char *value;          /* the value's name in help (PATH, N); NULL for a flag */
    const char *const *choices; /* CLI_CHOICE: the values, NULL-terminated */
    const char *commands;       /* the commands that take it, space-separated; "*": every command */
    int global;                 /* may also come before the command name */
    size_t field;               /* CLI_FIELD(f): also stored in that field of cli_opts; else 0 */
    const char *help;           /* one sentence, wrapped where shown */
    /* "table.field" of an enumeration in the data model (model.c) whose values the option
    ** takes: listed in help and completed from there, checked by the loader like region.yaml. */
    const char *model;
} cli_option;

/* The field of cli_opts an option fills: an int for a flag, an int64_t for a count, else a
** string. */
#define CLI_FIELD(f) (offsetof(cli_opts, f) + 1)

typedef struct cli_command {
    const char *name;
    const char *usage; /* the arguments after the name, as shown */
    /* What each positional argument is, for completion: region, dir, file, path, =WORD (that
    ** word), - (anything); a last "..." repeats the one before it. */
    const char *args;
    const char *summary; /* one line */
    const char *help;    /* what it does, in full, wrapped at 88 columns */
    int nargs_min, nargs_max;
    int (*run)(cli_opts *o);
} cli_command;

extern const cli_option cli_options[];
extern const int cli_noptions;
extern const cli_command cli_commands[];
extern const int cli_ncommands;

/* 1 when command c takes option p. */
int cli_takes(const cli_command *c, const cli_option *p);

/* The values an option takes, NULL-terminated: its choices, or those of its model field; NULL
** when any value goes. */
const char *const *cli_values(const cli_option *p);

/* values as words: "a, b or c" */
void cli_join(const char *const *v, char *buf, size_t cap);

/* The option's help as shown: its sentence, and the values it takes ("...: a, b or c"). */
void cli_option_help(const cli_option *p, char *buf, size_t cap);

/* The command called name, or NULL. */
const cli_command *cli_command_find(const char *name);

#endif
