/*
** cli.c: the command table, option parsing, dispatch and help (see cli.h).
**
** `spil CMD [ARGS] [OPTIONS]`: options may come anywhere after the command; each command lists
** the options it accepts, and an unknown one is a usage error with a suggestion. Help goes to
** stdout with exit 0; a usage error is one line on stderr, then where to find help, exit 2.
*/
#include "cli.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pwd.h>
#include <unistd.h>

#include "out.h"
#include "store.h"

typedef struct command {
    const char *name;
    const char *usage;   /* arguments after the name */
    const char *summary; /* one line */
    const char *help;    /* what it does, in full */
    const char *options; /* accepted options, space-separated, without dashes */
    int nargs_min, nargs_max;
    int (*run)(cli_opts *o);
} command;

static const command commands[] = {
    {"init", "", "create the database, or upgrade its schema",
     "Creates the database file with the whole data model and the reference list of\n"
     "municipalities, or upgrades an older database to this spil's schema. Safe to repeat.\n",
     "db json", 0, 0, cmd_init},
    {"load", "DIR [DIR...]", "validate region folders and apply them to the database",
     "Reads DIR/region.yaml, checks everything (reporting every problem as\n"
     "file:line:column, then writing nothing), runs the region's Lua files in the sandbox,\n"
     "and applies the region in one transaction. The file is the whole truth for its\n"
     "region: rows that are not in it are removed. Prints what was added, changed and\n"
     "removed, and logs each change as an event. Loading the same file again changes\n"
     "nothing. Creates the database when it does not exist. Several folders load together:\n"
     "all are checked first, then all are applied in one transaction, or none.\n"
     "  --dry-run   show what would change, write nothing\n",
     "db json dry-run", 1, CLI_MAX_ARGS, cmd_load},
    {"validate", "DIR", "check a region folder without a database",
     "Checks DIR/region.yaml and runs the region's Lua files in the sandbox against a\n"
     "private in-memory database. Nothing is written anywhere. For a region's own CI.\n",
     "json", 1, 1, cmd_validate},
    {"regions", "", "list the regions in the database",
     "Lists each region with its number of municipalities and the programmes it runs.\n", "db json",
     0, 0, cmd_regions},
    {"status", "[REGION]", "where each region stands in each programme",
     "Shows each region (or one), its municipalities and, per programme, the current\n"
     "step and since when.\n",
     "db json", 0, 1, cmd_status},
    {"check", "REGION | --all",
     "is the region ready to leave its step, and if not, what is missing",
     "Runs the readiness checks of the region's current step (or --step S) of its programme\n"
     "(or --programme P, needed when it runs several) and prints every finding: what is\n"
     "missing, about whom, what to do and which guidance says so; blocking ones first.\n"
     "Exit 0 when ready (no blocking findings), 1 when not.\n"
     "  --programme P   the programme, e.g. kngg\n"
     "  --step S        check this step instead of the current one\n"
     "  --assume FILE   what if: apply a change file (region.yaml sections, only the rows\n"
     "                  that change) in a transaction that is rolled back, and show which\n"
     "                  findings it would clear\n"
     "  --all           every programme of every region, one line each (exit 1 when any is\n"
     "                  not ready)\n",
     "db json programme step assume all", 0, 1, cmd_check},
    {"advance", "REGION", "leave the current step, if the checks and the rules allow it",
     "Moves the region's programme to its next step when every blocking check of the\n"
     "current step passes and the governance rules allow the person acting (by default:\n"
     "a regiocoordinator, kwartiermaker or netwerkregisseur of the region). Otherwise exits\n"
     "1 and says exactly why. The move is logged with the check results behind it.\n"
     "  --as PERSON     who advances (a person id of the region); required\n"
     "  --programme P   the programme, when the region runs several\n"
     "  --reason TEXT   why, for the log\n",
     "db json programme as reason", 1, 1, cmd_advance},
    {"sign", "REGION AGREEMENT ORGANISATION", "record that a party signed an agreement",
     "Records the organisation's status on the agreement (signed, unless --status says\n"
     "invited, agreed, declined or withdrawn), validated and logged like a load.\n"
     "  --status S       invited, agreed, signed, declined or withdrawn (default signed)\n"
     "  --date D         YYYY-MM-DD (default today; signing again keeps it)\n"
     "  --signatory P    the person who signed\n"
     "  --as PERSON      who records it (default $SPIL_ACTOR or the login name)\n"
     "  --reason TEXT    why, for the log\n",
     "db json status date signatory as reason", 3, 3, cmd_sign},
    {"assign", "REGION PERSON ROLE", "record that a person holds a role",
     "Records a role assignment (regiocoordinator, projectleider, czv, ...), validated\n"
     "and logged like a load.\n"
     "  --municipality GM0505   for a local role\n"
     "  --hours N               hours a week\n"
     "  --since D, --until D    the period\n"
     "  --formal                a formal assignment document exists\n"
     "  --as PERSON, --reason TEXT\n",
     "db json municipality hours since until formal as reason", 3, 3, cmd_assign},
    {"fund", "REGION ID", "record funding: source, purpose, amount, status",
     "Records (or updates) the funding row ID, validated and logged like a load.\n"
     "  --source S    gala, spuk, iza, gemeente, zorgverzekeraar, ...\n"
     "  --purpose P   rc, m&e, training, communicatie, materiaal, czv-indirect, ...\n"
     "  --amount N    euros;  --funder ORG;  --since D, --until D\n"
     "  --status S    proposed, requested, agreed, granted, rejected or ended\n"
     "  --as PERSON, --reason TEXT\n",
     "db json source purpose amount funder since until status as reason", 2, 2, cmd_fund},
    {"decide", "REGION ID [ORG=POSITION[+mandate]...]", "record a decision and each position",
     "Records (or updates) decision ID of a body and the position of each member:\n"
     "ORG=for, ORG=against, ORG=abstain or ORG=objection, with +mandate when the\n"
     "representative held a mandate (e.g. ggd=for+mandate).\n"
     "  --body B        the body that took it\n"
     "  --subject TEXT  what it is about\n"
     "  --kind K        decision or advice\n"
     "  --outcome O     adopted, rejected, pending or deferred\n"
     "  --date D        YYYY-MM-DD (default today)\n"
     "  --as PERSON, --reason TEXT\n",
     "db json body subject kind outcome date as reason", 2, CLI_MAX_ARGS, cmd_decide},
    {"test", "[PATHS]", "run region rule tests (*_test.lua)",
     "Runs the *_test.lua files in PATHS (default: regions/ and stdlib/). Each file runs\n"
     "against its fixture region in a private in-memory database; each case in a\n"
     "transaction that is rolled back. Reports every failure with its file and line and\n"
     "ends with 'N passed, N failed'. Exit 0 when all pass, 1 when any fails.\n"
     "See docs/scripting.md for writing tests.\n",
     "", 0, 8, cmd_test},
    {"export", "REGION", "write a region as region.yaml",
     "Writes the region as YAML that loads into a fresh database to the same state.\n"
     "  -o, --output FILE   write to FILE (atomically) instead of standard output\n",
     "db output", 1, 1, cmd_export},
    {"repl", "[REGION]", "an interactive Lua session over the data (of REGION, when given)",
     "Opens Lua in the sandbox with the data model loaded and, with REGION, the region\n"
     "selected: its scripts run, its data readable through `spil`. On a terminal: line\n"
     "editing, history, Tab completion; Ctrl-C cancels the line, Ctrl-D leaves. An\n"
     "expression alone prints its value. Helpers: status(), check(), explain(n),\n"
     "municipalities(), find(text), use(id), sql(query), help(). From a pipe it reads the\n"
     "same statements without prompts and stops at the first error (exit 2).\n"
     "See docs/repl.md.\n",
     "db", 0, 1, cmd_repl},
    {"run", "[REGION] SCRIPT.lua [ARGS]", "run a Lua script in a session like the REPL's",
     "Runs SCRIPT.lua (the first argument when it ends in .lua; else the first is the\n"
     "region and the script follows) in the sandbox with the REPL's helpers, and `arg`\n"
     "and `...` set from ARGS (after '--' when they start with '-'). print() writes to\n"
     "standard output. Exit 2 on an error, else 0 or the code given to exit(code).\n",
     "db", 1, 8, cmd_run},
    {"import", "measurements FILE.csv", "import figures: every row checked, all or nothing",
     "Reads a CSV file with the columns indicator, area, period, value and/or numerator and\n"
     "denominator, and optionally source, streaming it (memory stays flat whatever its size).\n"
     "Every row is checked: the indicator and the area must exist (a did-you-mean when not),\n"
     "a period is 2024, 2024Q3 or 2024-07, numbers are plain decimals, the numerator is not\n"
     "above the denominator, a percentage matches its numerator and denominator, and each\n"
     "indicator, area and period appears once. Any problem: every one is listed as\n"
     "FILE:LINE (the first 1000), exit 2, nothing written. Otherwise the file goes in as one\n"
     "transaction and one logged event; importing it again changes nothing. Prints how many\n"
     "rows were added, changed and unchanged. A progress line on a terminal.\n"
     "Areas: CBS codes (GM0505, PV28), GGD regions by name, NL, region ids.\n"
     "  --dry-run   check and count, write nothing\n",
     "db json dry-run", 2, 2, cmd_import},
    {"indicators", "[--programme P]",
     "the indicators: the national catalogues and the regions' own",
     "Lists every indicator: code, kind (process or result), unit and name, grouped by\n"
     "catalogue and region, with how many figures each has. What a source does not give is\n"
     "shown as 'not given by the source'; --json gives every field.\n"
     "  --programme P   only the catalogue of programme P (kngg, kansrijke-start)\n",
     "db json programme", 0, 0, cmd_indicators},
    {"trend", "INDICATOR AREA", "an indicator's figures over time for one area",
     "Prints the series of INDICATOR for AREA (a code, or a name such as Dordrecht,\n"
     "Zuid-Holland, Nederland, or a region id), oldest first, with a sparkline on a terminal.\n"
     "An area's own figure is used where there is one; otherwise it is summed from its\n"
     "municipalities' numerators and denominators. Values about fewer persons than the\n"
     "setting suppress-below (10) are not shown, and the output says so.\n"
     "  --by K    year, quarter or month (default: the kind with the most figures)\n"
     "  --csv     comma-separated values\n",
     "db json by csv", 2, 2, cmd_trend},
    {"compare", "INDICATOR", "every region (or municipality) next to the national value",
     "Ranks every region, or with --region R every municipality of R, by their value of\n"
     "INDICATOR in one period, next to the national value, for the learning network.\n"
     "Values are summed from municipalities' numerators and denominators, leaving out\n"
     "those about fewer persons than suppress-below; suppressed values are listed last.\n"
     "  --period P   the period (default: the latest of the areas compared)\n"
     "  --region R   the municipalities of region R\n"
     "  --csv        comma-separated values\n",
     "db json period region csv", 1, 1, cmd_compare},
    {"setting", "[NAME [VALUE]]", "show or change a setting of the database",
     "Without arguments, shows the settings; with NAME VALUE, changes one (logged).\n"
     "  suppress-below N   values about fewer than N persons are not shown (default 10)\n",
     "db json reason", 0, 2, cmd_setting},
    {"log", "[REGION]", "show the event log",
     "Shows every recorded change, oldest first: when, who, which command, what.\n"
     "  --limit N   only the last N events\n",
     "db json limit", 0, 1, cmd_log},
};
#define NCOMMANDS ((int)(sizeof commands / sizeof commands[0]))

/* Options that take no value. */
static int is_flag(const char *name) {
    return strcmp(name, "json") == 0 || strcmp(name, "dry-run") == 0 ||
           strcmp(name, "formal") == 0 || strcmp(name, "all") == 0 || strcmp(name, "csv") == 0;
}

const char *cli_opt(const cli_opts *o, const char *name) {
    for (int i = 0; i < o->nmore; i++)
        if (strcmp(o->more[i][0], name) == 0) return o->more[i][1];
    return NULL;
}

static const char *const option_names[] = {
    "status", "date",    "signatory", "municipality", "hours",  "since",   "until",
    "formal", "source",  "purpose",   "amount",       "funder", "body",    "subject",
    "kind",   "outcome", "assume",    "db",           "json",   "dry-run", "output",
    "limit",  "help",    "programme", "step",         "as",     "reason",  "by",
    "csv",    "period",  "region",    "all",          NULL};

static const command *find_command(const char *name) {
    for (int i = 0; i < NCOMMANDS; i++)
        if (strcmp(commands[i].name, name) == 0) return &commands[i];
    return NULL;
}

static void usage_all(FILE *f) {
    fprintf(f, "spil: regional collaboration in public health, scripted per region.\n\n"
               "Usage: spil COMMAND [ARGS] [OPTIONS]\n\nCommands:\n");
    for (int i = 0; i < NCOMMANDS; i++) {
        char head[96];
        snprintf(head, sizeof head, "%s %s", commands[i].name, commands[i].usage);
        /* A long usage gets a line of its own, so the summaries stay in one column. */
        if (strlen(head) > 18)
            fprintf(f, "  %s\n  %-18s %s\n", head, "", commands[i].summary);
        else
            fprintf(f, "  %-18s %s\n", head, commands[i].summary);
    }
    fprintf(f, "\nOptions for every command that reads or writes the database:\n"
               "  --db PATH   the database (default $SPIL_DB, else ./spil.db)\n"
               "  --json      machine-readable output (read commands)\n"
               "  --help      help for the command\n\n"
               "Exit codes: 0 ok, 1 not ready or refused, 2 bad input or usage, 3 internal or\n"
               "storage error. Run 'spil COMMAND --help' for more.\n");
}

static void usage_command(const command *c) {
    printf("Usage: spil %s%s%s\n\n%s: %s.\n\n%s", c->name, *c->usage ? " " : "", c->usage, c->name,
           c->summary, c->help);
    if (strstr(c->options, "db"))
        printf("  --db PATH   the database (default $SPIL_DB, else ./spil.db)\n");
    if (strstr(c->options, "json")) printf("  --json      machine-readable output\n");
}

int cli_fail(const cli_opts *o, int code, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "spil: %s%s", o->cmd ? o->cmd : "", o->cmd ? ": " : "");
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    if (code == SPIL_EXIT_USAGE && o->cmd) fprintf(stderr, "Try 'spil %s --help'.\n", o->cmd);
    return code;
}

static int accepts(const command *c, const char *opt) {
    size_t n = strlen(opt);
    for (const char *p = c->options; (p = strstr(p, opt)); p += n)
        if ((p == c->options || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0')) return 1;
    return 0;
}

/* Parse argv[first..] into o for command c. Returns -1 after printing a usage error. */
static int parse(const command *c, int argc, char **argv, int first, cli_opts *o, int *help) {
    for (int i = first; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--") == 0) {
            for (i++; i < argc; i++) {
                if (o->nargs == CLI_MAX_ARGS)
                    return cli_fail(o, SPIL_EXIT_USAGE, "too many arguments"), -1;
                o->args[o->nargs++] = argv[i];
            }
            break;
        }
        if (a[0] != '-' || a[1] == '\0') {
            if (o->nargs == CLI_MAX_ARGS)
                return cli_fail(o, SPIL_EXIT_USAGE, "too many arguments"), -1;
            o->args[o->nargs++] = a;
            continue;
        }
        char name[32];
        const char *val = NULL;
        if (strcmp(a, "-o") == 0) a = "--output";
        if (strcmp(a, "-h") == 0) a = "--help";
        if (a[1] != '-') {
            cli_fail(o, SPIL_EXIT_USAGE, "unknown option '%s'", a);
            return -1;
        }
        const char *eq = strchr(a, '=');
        snprintf(name, sizeof name, "%.*s", (int)(eq ? eq - a - 2 : (long)strlen(a) - 2), a + 2);
        if (eq) val = eq + 1;
        if (strcmp(name, "help") == 0) {
            *help = 1;
            continue;
        }
        if (!accepts(c, name)) {
            const char *s = diag_suggest(name, option_names);
            if (s && accepts(c, s))
                cli_fail(o, SPIL_EXIT_USAGE, "unknown option '--%s'; did you mean '--%s'?", name,
                         s);
            else
                cli_fail(o, SPIL_EXIT_USAGE, "unknown option '--%s'", name);
            return -1;
        }
        int takes_value = !is_flag(name);
        if (takes_value && !val) {
            if (i + 1 >= argc) {
                cli_fail(o, SPIL_EXIT_USAGE, "option '--%s' needs a value", name);
                return -1;
            }
            val = argv[++i];
        } else if (!takes_value && val) {
            cli_fail(o, SPIL_EXIT_USAGE, "option '--%s' takes no value", name);
            return -1;
        }
        if (strcmp(name, "db") == 0) o->db = val;
        if (strcmp(name, "output") == 0) o->output = val;
        if (strcmp(name, "json") == 0) o->json = 1;
        if (strcmp(name, "dry-run") == 0) o->dry_run = 1;
        if (strcmp(name, "programme") == 0) o->programme = val;
        if (strcmp(name, "step") == 0) o->step = val;
        if (strcmp(name, "as") == 0) o->as = val;
        if (strcmp(name, "reason") == 0) o->reason = val;
        static const char *const typed[] = {"db",   "output", "json",   "dry-run", "programme",
                                            "step", "as",     "reason", "limit",   NULL};
        int is_typed = 0;
        for (int t = 0; typed[t]; t++)
            is_typed |= strcmp(typed[t], name) == 0;
        if (!is_typed) {
            if (o->nmore == 24) return cli_fail(o, SPIL_EXIT_USAGE, "too many options"), -1;
            const char *const *known = option_names;
            while (*known && strcmp(*known, name) != 0)
                known++;
            o->more[o->nmore][0] = *known; /* a static string, unlike the buffer `name` */
            o->more[o->nmore++][1] = val ? val : "";
        }
        if (strcmp(name, "limit") == 0) {
            char *end;
            long long n = strtoll(val, &end, 10);
            if (*end || n <= 0) {
                cli_fail(o, SPIL_EXIT_USAGE, "--limit takes a whole number above 0, not '%s'", val);
                return -1;
            }
            o->limit = n;
        }
    }
    return 0;
}

int cli_main(int argc, char **argv) {
    cli_opts o = {0};
    if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
        strcmp(argv[1], "help") == 0) {
        if (argc >= 3 && strcmp(argv[1], "help") == 0) {
            const command *c = find_command(argv[2]);
            if (c) {
                usage_command(c);
                return SPIL_EXIT_OK;
            }
        }
        usage_all(argc < 2 ? stderr : stdout);
        return argc < 2 ? SPIL_EXIT_USAGE : SPIL_EXIT_OK;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("spil 0.1.0 (schema %d)\n", STORE_SCHEMA_VERSION);
        return SPIL_EXIT_OK;
    }
    const command *c = find_command(argv[1]);
    if (!c) {
        const char *names[NCOMMANDS + 1];
        for (int i = 0; i < NCOMMANDS; i++)
            names[i] = commands[i].name;
        names[NCOMMANDS] = NULL;
        const char *s = diag_suggest(argv[1], names);
        fprintf(stderr, "spil: unknown command '%s'%s%s%s\nTry 'spil --help'.\n", argv[1],
                s ? "; did you mean '" : "", s ? s : "", s ? "'?" : "");
        return SPIL_EXIT_USAGE;
    }
    o.cmd = c->name;
    int help = 0;
    if (parse(c, argc, argv, 2, &o, &help)) return SPIL_EXIT_USAGE;
    if (help) {
        usage_command(c);
        return SPIL_EXIT_OK;
    }
    if (o.nargs < c->nargs_min) return cli_fail(&o, SPIL_EXIT_USAGE, "missing %s", c->usage);
    if (o.nargs > c->nargs_max)
        return cli_fail(&o, SPIL_EXIT_USAGE, "unexpected argument '%s'", o.args[c->nargs_max]);
    if (!o.db) o.db = getenv("SPIL_DB");
    if (!o.db || !*o.db) o.db = "spil.db";
    return c->run(&o);
}

store *cli_open(const cli_opts *o, int must_exist, int *code) {
    if (must_exist && access(o->db, F_OK) != 0) {
        *code =
            cli_fail(o, SPIL_EXIT_USAGE,
                     "no database at %s; create one with 'spil init' or 'spil load DIR'", o->db);
        return NULL;
    }
    char *err = NULL;
    store *st = store_open(o->db, STORE_CREATE, &err);
    if (!st) {
        *code = cli_fail(o, SPIL_EXIT_INTERNAL, "%s", err);
        free(err);
    }
    return st;
}

int cli_diagnostics(const cli_opts *o, diag *d) {
    if (o->json)
        diag_print_json(d, stdout);
    else
        diag_print(d, stderr, out_color(stderr));
    return SPIL_EXIT_USAGE;
}

static int add_id(void *ctx, const char *const *vals, int n) {
    (void)n;
    char *buf = ctx;
    size_t len = strlen(buf);
    if (len + strlen(vals[0]) + 3 < 512)
        snprintf(buf + len, 512 - len, "%s%s", len ? ", " : "", vals[0]);
    return 0;
}

int cli_need_region(const cli_opts *o, store *st, const char *region) {
    int found = store_region_exists(st, region);
    if (found < 0) return cli_fail(o, SPIL_EXIT_INTERNAL, "%s", store_errmsg(st));
    if (found) return SPIL_EXIT_OK;
    char known[512] = "";
    store_regions(st, add_id, known);
    fprintf(stderr, "spil: %s: no region '%s' in %s (known: %s). Try 'spil regions'.\n", o->cmd,
            region, o->db, *known ? known : "none yet; load one with 'spil load DIR'");
    return SPIL_EXIT_USAGE;
}

const char *cli_actor(void) {
    const char *a = getenv("SPIL_ACTOR");
    if (!a || !*a) a = getenv("USER");
    if (!a || !*a) {
        const struct passwd *pw = getpwuid(geteuid());
        a = pw ? pw->pw_name : NULL;
    }
    return a && *a ? a : "unknown";
}
