/*
** cli_table.c: the commands and options of spil, as data (see cli_table.h). Nothing here runs;
** cli.c parses and helps from these tables, cli_gen.c writes the completion scripts and the man
** page from them.
*/
#include "cli_table.h"

#include <stdio.h>
#include <string.h>

#include "lang.h"
#include "model.h"

/* Options in the order --help lists them: each command's own first, the global ones last. */
const cli_option cli_options[] = {
    {"dry-run", 0, CLI_FLAG, NULL, NULL, "load import", 0, CLI_FIELD(dry_run),
     N_("show what would change, write nothing"), NULL},
    {"force", 0, CLI_FLAG, NULL, NULL, "load", 0, 0,
     N_("load even where the file would undo changes recorded since the last load (sign, assign, "
        "fund, decide, advance)"),
     NULL},
    {"programme", 0, CLI_TEXT, "P", NULL, "check advance indicators report", 0,
     CLI_FIELD(programme), N_("the programme"), "region_programme.programme"},
    {"step", 0, CLI_TEXT, "S", NULL, "check", 0, CLI_FIELD(step),
     N_("check this step instead of the current one"), NULL},
    {"assume", 0, CLI_FILE, "FILE", NULL, "check", 0, 0,
     N_("what if: apply a change file (region.yaml sections, only the rows that change) in a "
        "transaction that is rolled back, and show which findings it would clear (- reads it from "
        "standard input)"),
     NULL},
    {"all", 0, CLI_FLAG, NULL, NULL, "check", 0, 0,
     N_("every programme of every region, one line each (exit 1 when any is not ready)"), NULL},
    {"all", 0, CLI_FLAG, NULL, NULL, "report", 0, 0,
     N_("the learning network's page: every region's step and readiness, what blocks the most "
        "regions, the indicators compared"),
     NULL},
    {"format", 0, CLI_CHOICE, "F", (const char *const[]){"html", "md", "json", NULL}, "report", 0,
     0,
     N_("the format (default html, one self-contained page; md is Markdown for minutes and "
        "e-mail)"),
     NULL},
    {"since", 0, CLI_TEXT, "D", NULL, "report", 0, 0,
     N_("what changed since this day, YYYY-MM-DD (default: since the last report written with -o)"),
     NULL},
    {"as", 0, CLI_TEXT, "PERSON", NULL, "advance", 0, CLI_FIELD(as),
     N_("who advances (a person id of the region); required"), NULL},
    {"status", 0, CLI_TEXT, "S", NULL, "sign", 0, 0,
     N_("where the signature stands (default signed)"), "agreement_party.status"},
    {"signatory", 0, CLI_TEXT, "PERSON", NULL, "sign", 0, 0, N_("the person who signed"), NULL},
    {"municipality", 0, CLI_TEXT, "GM0505", NULL, "assign", 0, 0,
     N_("the municipality (CBS code), for a local role"), NULL},
    {"hours", 0, CLI_TEXT, "N", NULL, "assign", 0, 0, N_("hours a week"), NULL},
    {"formal", 0, CLI_FLAG, NULL, NULL, "assign", 0, 0, N_("a formal assignment document exists"),
     NULL},
    {"tasks", 0, CLI_TEXT, "TEXT", NULL, "assign", 0, 0, N_("the tasks of the assignment"), NULL},
    {"mandate", 0, CLI_TEXT, "TEXT", NULL, "assign", 0, 0,
     N_("what the holder may decide or agree on"), NULL},
    {"focus", 0, CLI_TEXT, "F", NULL, "assign", 0, 0, N_("when the role is split: its focus"),
     "role_assignment.focus"},
    {"reviewed", 0, CLI_TEXT, "D", NULL, "assign", 0, 0,
     N_("the day the assignment was last reviewed against practice (YYYY-MM-DD)"), NULL},
    {"source", 0, CLI_TEXT, "S", NULL, "fund", 0, 0, N_("where the money comes from"),
     "funding.source"},
    {"purpose", 0, CLI_TEXT, "P", NULL, "fund", 0, 0, N_("what it pays for"), "funding.purpose"},
    {"amount", 0, CLI_TEXT, "N", NULL, "fund", 0, 0, N_("euros"), NULL},
    {"funder", 0, CLI_TEXT, "ORG", NULL, "fund", 0, 0, N_("the organisation that pays"), NULL},
    {"theme", 0, CLI_TEXT, "THEME", NULL, "fund", 0, 0,
     N_("the theme it pays for (an id under themes)"), NULL},
    {"status", 0, CLI_TEXT, "S", NULL, "fund", 0, 0, N_("where it stands"), "funding.status"},
    {"since", 0, CLI_TEXT, "D", NULL, "assign fund", 0, 0, N_("from this date (YYYY-MM-DD)"), NULL},
    {"until", 0, CLI_TEXT, "D", NULL, "assign fund", 0, 0, N_("up to this date (YYYY-MM-DD)"),
     NULL},
    {"body", 0, CLI_TEXT, "B", NULL, "decide", 0, 0, N_("the body that took it"), NULL},
    {"subject", 0, CLI_TEXT, "TEXT", NULL, "decide", 0, 0, N_("what it is about"), NULL},
    {"kind", 0, CLI_TEXT, "K", NULL, "decide", 0, 0, N_("decision or advice"), "decision.kind"},
    {"outcome", 0, CLI_TEXT, "O", NULL, "decide", 0, 0, N_("the outcome"), "decision.outcome"},
    {"organisation", 0, CLI_TEXT, "ORG", NULL, "decide", 0, 0,
     N_("the organisation that took it, for its own decision (a collegebesluit); instead of "
        "--body"),
     NULL},
    {"organ", 0, CLI_TEXT, "O", NULL, "decide", 0, 0,
     N_("with --organisation: which of its organs"), "decision.organ"},
    {"topic", 0, CLI_TEXT, "T", NULL, "decide", 0, 0, N_("what it concerns (the topic vocabulary)"),
     "decision.topic"},
    {"date", 0, CLI_TEXT, "D", NULL, "advance", 0, 0,
     N_("the day the step was left, YYYY-MM-DD (default today); the checks are run as of that "
        "day and as of today, and must pass on both"),
     NULL},
    {"date", 0, CLI_TEXT, "D", NULL, "sign decide", 0, 0,
     N_("YYYY-MM-DD, not after today (default today; signing again keeps it)"), NULL},
    {"as", 0, CLI_TEXT, "PERSON", NULL, "sign assign fund decide", 0, CLI_FIELD(as),
     N_("who records it (default $SPIL_ACTOR, else the login name)"), NULL},
    {"reason", 0, CLI_TEXT, "TEXT", NULL, "advance sign assign fund decide setting", 0,
     CLI_FIELD(reason), N_("why, for the log"), NULL},
    {"output", 'o', CLI_FILE, "FILE", NULL, "export report", 0, CLI_FIELD(output),
     N_("write to FILE, atomically (without it, or with -: standard output)"), NULL},
    {"by", 0, CLI_CHOICE, "K", (const char *const[]){"year", "quarter", "month", NULL}, "trend", 0,
     0, N_("the kind of period (default: the kind with the most figures)"), NULL},
    {"period", 0, CLI_TEXT, "P", NULL, "compare", 0, 0,
     N_("the period: 2024, 2024Q3 or 2024-07 (default: the latest of the areas compared)"), NULL},
    {"region", 0, CLI_REGION, "R", NULL, "compare", 0, 0, N_("the municipalities of region R"),
     NULL},
    {"csv", 0, CLI_FLAG, NULL, NULL, "trend compare", 0, 0, N_("comma-separated values"), NULL},
    {"limit", 0, CLI_COUNT, "N", NULL, "log", 0, CLI_FIELD(limit), N_("only the last N events"),
     NULL},
    {"db", 0, CLI_FILE, "PATH", NULL,
     "init load regions status check advance sign assign fund decide export repl run import "
     "indicators trend compare setting log report verify backup",
     1, CLI_FIELD(db), N_("the database (default $SPIL_DB, else ./spil.db)"), NULL},
    {"json", 0, CLI_FLAG, NULL, NULL,
     "init load validate regions status check advance sign assign fund decide test export "
     "import indicators trend compare setting log version help report verify",
     1, CLI_FIELD(json),
     N_("machine-readable output: one JSON document (docs/json.md), errors too"), NULL},
    {"quiet", 'q', CLI_FLAG, NULL, NULL, "load check advance sign assign fund decide import test",
     1, CLI_FIELD(quiet), N_("only errors and the verdict line"), NULL},
    {"verbose", 'v', CLI_FLAG, NULL, NULL, "load check", 1, CLI_FIELD(verbose),
     N_("more detail: the source of every check, passing ones too (check); the scripts that ran "
        "and the rows that stayed as they were (load)"),
     NULL},
    {"color", 0, CLI_CHOICE, "WHEN", (const char *const[]){"auto", "always", "never", NULL}, "*", 1,
     0, N_("when to colour the output (auto: on a terminal, unless NO_COLOR is set)"), NULL},
    {"no-color", 0, CLI_FLAG, NULL, NULL, "*", 1, 0, N_("no colour (--color=never)"), NULL},
    {"lang", 0, CLI_CHOICE, "L", (const char *const[]){"nl", "en", NULL}, "*", 1, 0,
     N_("the language of what spil says: nl (the default) or en (default $SPIL_LANG, else the "
        "setting lang)"),
     NULL},
    {"help", 'h', CLI_FLAG, NULL, NULL, "*", 1, 0, N_("this help"), NULL},
    {"version", 'V', CLI_FLAG, NULL, NULL, "version", 1, 0,
     N_("spil's version and those of the libraries it runs on"), NULL},
};
const int cli_noptions = (int)(sizeof cli_options / sizeof cli_options[0]);
_Static_assert(sizeof cli_options / sizeof cli_options[0] <= CLI_MAX_OPTIONS,
               "raise CLI_MAX_OPTIONS in cli.h");

const cli_command cli_commands[] = {
    {"init", "", "", N_("create the database, or upgrade its schema"),
     N_("Creates the database file with the whole data model and the reference list of\n"
        "municipalities, or upgrades an older database to this spil's schema. Safe to repeat.\n"),
     0, 0, cmd_init},
    {"load", "DIR [DIR...]", "dir ...",
     N_("validate region folders and apply them to the database"),
     N_("Reads DIR/region.yaml, checks everything (reporting every problem as\n"
        "file:line:column, then writing nothing), runs the region's Lua files in the sandbox,\n"
        "and applies the region in one transaction. The file is the whole truth for its\n"
        "region: rows that are not in it are removed. Prints what was added, changed and\n"
        "removed, and logs each change as an event. Loading the same file again changes\n"
        "nothing. Creates the database when it does not exist. Several folders load together:\n"
        "all are checked first, then all are applied in one transaction, or none. DIR - reads\n"
        "region.yaml from standard input, with its scripts in the current folder.\n"),
     1, CLI_MAX_ARGS, cmd_load},
    {"validate", "DIR", "dir", N_("check a region folder without a database"),
     N_("Checks DIR/region.yaml and runs the region's Lua files in the sandbox against a\n"
        "private in-memory database. Nothing is written anywhere. For a region's own CI.\n"
        "DIR - reads region.yaml from standard input, with its scripts in the current folder.\n"),
     1, 1, cmd_validate},
    {"regions", "", "", N_("list the regions in the database"),
     N_("Lists each region with its number of municipalities and the programmes it runs.\n"), 0, 0,
     cmd_regions},
    {"status", "[REGION]", "region", N_("where each region stands in each programme"),
     N_("Shows each region (or one), its municipalities and, per programme, the current\n"
        "step and since when.\n"),
     0, 1, cmd_status},
    {"check", "REGION | --all", "region",
     N_("is the region ready to leave its step, and if not, what is missing"),
     N_("Runs the readiness checks of the region's current step of each programme it runs, a\n"
        "section each (or of --programme P alone; --step S and --assume take one programme)\n"
        "and prints every finding: what is missing, about whom, what to do and which guidance\n"
        "says so; blocking ones first. Exit 0 when ready (no blocking findings), 1 when not,\n"
        "2 for a programme the region does not run.\n"),
     0, 1, cmd_check},
    {"advance", "REGION", "region",
     N_("leave the current step, if the checks and the rules allow it"),
     N_("Moves the region's programme (--programme P, when it runs several) to its next step\n"
        "when every blocking check of the current step passes and the governance rules allow\n"
        "the person acting (by default: a regiocoordinator, kwartiermaker or netwerkregisseur\n"
        "of the region). Otherwise exits 1 and says exactly why. The move is logged with the\n"
        "check results behind it.\n"),
     1, 1, cmd_advance},
    {"sign", "REGION AGREEMENT ORGANISATION", "region",
     N_("record that a party signed an agreement"),
     N_("Records the organisation's status on the agreement (signed, unless --status says\n"
        "invited, agreed, declined or withdrawn), validated and logged like a load.\n"),
     3, 3, cmd_sign},
    {"assign", "REGION PERSON ROLE", "region", N_("record that a person holds a role"),
     N_("Records a role assignment (regiocoordinator, projectleider, czv, ...), validated\n"
        "and logged like a load.\n"),
     3, 3, cmd_assign},
    {"fund", "REGION ID", "region", N_("record funding: source, purpose, amount, status"),
     N_("Records (or updates) the funding row ID, validated and logged like a load.\n"), 2, 2,
     cmd_fund},
    {"decide", "REGION ID [ORG=POSITION[+mandate]...]", "region",
     N_("record a decision and each position"),
     N_("Records (or updates) decision ID of a body and the position of each member:\n"
        "ORG=for, ORG=against, ORG=abstain or ORG=objection, with +mandate when the\n"
        "representative held a mandate (e.g. ggd=for+mandate) and +no-mandate when not;\n"
        "without either, the mandate of the organisation's seat in the body holds.\n"),
     2, CLI_MAX_ARGS, cmd_decide},
    {"test", "[PATHS]", "path ...", N_("run region rule tests (*_test.lua)"),
     N_("Runs the *_test.lua files in PATHS (default: regions/ and stdlib/). Each file runs\n"
        "against its fixture region in a private in-memory database; each case in a\n"
        "transaction that is rolled back. Reports every failure with its file and line and\n"
        "ends with 'N passed, N failed'. Exit 0 when all pass, 1 when any fails.\n"
        "See docs/scripting.md for writing tests.\n"),
     0, 8, cmd_test},
    {"export", "REGION", "region", N_("write a region as region.yaml"),
     N_("Writes the region as YAML that loads into a fresh database to the same state.\n"), 1, 1,
     cmd_export},
    {"repl", "[REGION]", "region",
     N_("an interactive Lua session over the data (of REGION, when given)"),
     N_("Opens Lua in the sandbox with the data model loaded and, with REGION, the region\n"
        "selected: its scripts run, its data readable through `spil`. On a terminal: line\n"
        "editing, history, Tab completion; Ctrl-C cancels the line, Ctrl-D leaves. An\n"
        "expression alone prints its value. Helpers: status(), check(), explain(n),\n"
        "municipalities(), find(text), use(id), sql(query), help(). From a pipe it reads the\n"
        "same statements without prompts and stops at the first error (exit 2).\n"
        "See docs/repl.md.\n"),
     0, 1, cmd_repl},
    {"run", "[REGION] SCRIPT.lua [ARGS]", "region file ...",
     N_("run a Lua script in a session like the REPL's"),
     N_("Runs SCRIPT.lua (the first argument when it ends in .lua; else the first is the\n"
        "region and the script follows; - reads it from standard input) in the sandbox with\n"
        "the REPL's helpers, and `arg` and `...` set from ARGS (after '--' when they start\n"
        "with '-'). print() writes to standard output. Exit 2 on an error, else 0 or the code\n"
        "given to exit(code).\n"),
     1, 8, cmd_run},
    {"import", "measurements FILE.csv", "=measurements file",
     N_("import figures: every row checked, all or nothing"),
     N_("Reads a CSV file with the columns indicator, area, period, value and/or numerator and\n"
        "denominator, and optionally source, streaming it (memory stays flat whatever its size).\n"
        "Every row is checked: the indicator and the area must exist (a did-you-mean when not),\n"
        "a period is 2024, 2024Q3 or 2024-07, numbers are plain decimals, the numerator is not\n"
        "above the denominator, a percentage matches its numerator and denominator, and each\n"
        "indicator, area and period appears once. Any problem: every one is listed as\n"
        "FILE:LINE (the first 1000), exit 2, nothing written. Otherwise the file goes in as one\n"
        "transaction and one logged event; importing it again changes nothing. Prints how many\n"
        "rows were added, changed and unchanged. A progress line on a terminal.\n"
        "Areas: CBS codes (GM0505, PV28), GGD regions by name, NL, region ids. FILE.csv -\n"
        "reads standard input.\n"),
     2, 2, cmd_import},
    {"indicators", "[--programme P]", "",
     N_("the indicators: the national catalogues and the regions' own"),
     N_("Lists every indicator: code, kind (process or result), unit and name, grouped by\n"
        "catalogue and region, with how many figures each has; with --programme P, only the\n"
        "catalogue of that programme. What a source does not give is shown as 'not given by\n"
        "the source'; --json gives every field.\n"),
     0, 0, cmd_indicators},
    {"trend", "INDICATOR AREA", "- -", N_("an indicator's figures over time for one area"),
     N_("Prints the series of INDICATOR for AREA (a code, or a name such as Dordrecht,\n"
        "Zuid-Holland, Nederland, or a region id), oldest first, with a sparkline on a terminal.\n"
        "An area's own figure is used where there is one; otherwise it is summed from its\n"
        "municipalities' numerators and denominators. Values about fewer persons than the\n"
        "setting suppress-below (10) are not shown, and the output says so.\n"),
     2, 2, cmd_trend},
    {"compare", "INDICATOR", "-", N_("every region (or municipality) next to the national value"),
     N_("Ranks every region, or with --region R every municipality of R, by their value of\n"
        "INDICATOR in one period, next to the national value, for the learning network.\n"
        "Values are summed from municipalities' numerators and denominators, leaving out\n"
        "those about fewer persons than suppress-below; suppressed values are listed last.\n"),
     1, 1, cmd_compare},
    {"setting", "[NAME [VALUE]]", "=suppress-below", N_("show or change a setting of the database"),
     N_("Without arguments, shows the settings; with NAME VALUE, changes one (logged).\n"
        "  suppress-below N   values about fewer than N persons are not shown (default 10)\n"
        "  lang nl|en         the language spil speaks when neither --lang nor $SPIL_LANG says\n"
        "                     (default nl)\n"),
     0, 2, cmd_setting},
    {"report", "REGION | --all", "region",
     N_("a report for the kerngroep: where the region stands, who must act, the figures"),
     N_("Writes one report of the region, in Dutch, that a meeting can use: where it stands in\n"
        "each programme (the steps as a picture, the readiness of the next step, as spil check\n"
        "finds it), the findings grouped by who must act, governance (bodies, mandates, advice\n"
        "pending, the last decisions and whether they are valid under the region's rule),\n"
        "agreements and signatures, funding, roles, open actions, the agreed indicators next to\n"
        "the national value (small counts suppressed), and what changed since --since or since\n"
        "the last report written with -o. --all: every region's step and readiness, what blocks\n"
        "the most regions, the indicators compared. HTML (default) is one self-contained page\n"
        "that prints to A4; md is Markdown; json is documented in docs/report.md. Writing with\n"
        "-o FILE is atomic and remembers the report in the region's log (its one write);\n"
        "standard output (or -o -) writes nothing.\n"),
     0, 1, cmd_report},
    {"log", "[REGION]", "region", N_("show the event log"),
     N_("Shows every recorded change, oldest first: when, who, which command, what.\n"), 0, 1,
     cmd_log},
    {"verify", "[REGION]", "region", N_("whether the log and the database are what spil wrote"),
     N_("Walks the event log's hash chain (every event carries the hash of the one before it)\n"
        "and names each event changed, removed or reordered since it was written; then replays\n"
        "the log and compares it with every row (of REGION), naming each row changed, added or\n"
        "removed without an event. Exit 0 when nothing was found, 1 with findings.\n"
        "See docs/storage.md.\n"),
     0, 1, cmd_verify},
    {"backup", "FILE", "file", N_("copy the database, while it is in use, to FILE"),
     N_("Copies the database as it is now (one consistent state, even while another spil\n"
        "writes) through SQLite's online backup API to FILE, which must not exist; the copy is\n"
        "complete and synced before it gets its name. FILE '-' writes it to standard output.\n"),
     1, 1, cmd_backup},
    {"version", "", "", N_("spil's version and the versions of the libraries it runs on"),
     N_("Prints spil's version and database schema, then the versions of Lua, SQLite, libyaml\n"
        "and Jansson it runs on. Also 'spil --version' or 'spil -V'.\n"),
     0, 0, cmd_version},
    {"help", "[COMMAND]", "command", N_("this overview, or the help of COMMAND"),
     N_("Prints the overview of the commands, or with COMMAND what 'spil COMMAND --help'\n"
        "prints.\n"),
     0, 1, cmd_help},
};
const int cli_ncommands = (int)(sizeof cli_commands / sizeof cli_commands[0]);

int cli_takes(const cli_command *c, const cli_option *p) {
    if (strcmp(p->commands, "*") == 0) return 1;
    size_t n = strlen(c->name);
    for (const char *s = p->commands; (s = strstr(s, c->name)); s += n)
        if ((s == p->commands || s[-1] == ' ') && (s[n] == ' ' || s[n] == '\0')) return 1;
    return 0;
}

const cli_command *cli_command_find(const char *name) {
    for (int i = 0; i < cli_ncommands; i++)
        if (strcmp(cli_commands[i].name, name) == 0) return &cli_commands[i];
    return NULL;
}

const char *const *cli_values(const cli_option *p) {
    if (p->choices || !p->model) return p->choices;
    const char *dot = strchr(p->model, '.');
    char table[32];
    snprintf(table, sizeof table, "%.*s", (int)(dot - p->model), p->model);
    int e = model_entity_by_table(table), i = e < 0 ? -1 : model_field_index(e, dot + 1);
    return i < 0 ? NULL : model_entities[e].fields[i].values;
}

void cli_join(const char *const *v, char *buf, size_t cap) {
    size_t len = 0;
    buf[0] = '\0';
    for (int i = 0; v[i] && len < cap; i++)
        len += (size_t)snprintf(buf + len, cap - len, "%s%s",
                                !i         ? ""
                                : v[i + 1] ? ", "
                                           : _(" or "),
                                v[i]);
}

void cli_option_help(const cli_option *p, char *buf, size_t cap) {
    const char *const *v = cli_values(p);
    size_t len = (size_t)snprintf(buf, cap, "%s%s", _(p->help), v ? ": " : "");
    if (v && len < cap) cli_join(v, buf + len, cap - len);
}
