/*
** cli.c: option parsing, dispatch and every --help, all from the tables of cli_table.c (see
** cli.h).
**
** `spil [GLOBAL OPTIONS] CMD [ARGS] [OPTIONS]`: options may come anywhere after the command,
** global ones (--db, --json, --help, --version) also before it; the option table (cli_table.c)
** says which command takes which, and what kind of value each takes, checked here before the
** command runs. An unknown option is a usage error with a suggestion. Help goes to stdout with
** exit 0; a usage error is one line on stderr, then where to find help, exit 2.
*/
#include "cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pwd.h>
#include <unistd.h>

#include "cli_gen.h"
#include "bug.h"
#include "cli_table.h"
#include "diag.h"
#include "grow.h"
#include "lang.h"
#include "model.h"
#include "oom.h"
#include "out.h"
#include "store.h"

/* The first entry of the option table called name, or -1. */
static int option_index(const char *name) {
    for (int i = 0; i < cli_noptions; i++)
        if (strcmp(cli_options[i].name, name) == 0) return i;
    return -1;
}

/* Whether option p may be given here: for command c, or before any command (c NULL). */
static int applies(const cli_command *c, const cli_option *p) {
    return c ? cli_takes(c, p) : p->global;
}

const char *cli_opt(const cli_opts *o, const char *name) {
    for (int i = 0; i < cli_noptions; i++)
        if (o->given[i] && strcmp(cli_options[i].name, name) == 0) return o->given[i];
    return NULL;
}

/* "-o, --output FILE": how an option is shown in help. */
static void option_head(const cli_option *p, char *buf, size_t cap) {
    char letter[8] = "";
    if (p->letter) snprintf(letter, sizeof letter, "-%c, ", p->letter);
    snprintf(buf, cap, "%s--%s%s%s", letter, p->name, p->value ? " " : "",
             p->value ? p->value : "");
}

/* Print text from column col on (the cursor stands there), wrapped at column 92 with the
** following lines indented to col. A word's width is its characters, not its bytes ("één"). */
static void wrapped(FILE *f, const char *text, int col) {
    int at = col;
    for (const char *s = text; *s;) {
        int w = (int)strcspn(s, " "), chars = 0;
        for (int i = 0; i < w; i++)
            chars += ((unsigned char)s[i] & 0xC0) != 0x80;
        if (at > col && at + 1 + chars > 92) {
            fprintf(f, "\n%*s", col, "");
            at = col;
        } else if (at > col) {
            fputc(' ', f);
            at++;
        }
        fprintf(f, "%.*s", w, s);
        at += chars;
        for (s += w; *s == ' '; s++)
            ;
    }
    fputc('\n', f);
}

/* The options of command c (c NULL: the global ones), a line each, their help in one column. */
static void print_options(FILE *f, const cli_command *c) {
    char head[64];
    int width = 0;
    for (int i = 0; i < cli_noptions; i++)
        if (applies(c, &cli_options[i])) {
            option_head(&cli_options[i], head, sizeof head);
            if ((int)strlen(head) > width) width = (int)strlen(head);
        }
    for (int i = 0; i < cli_noptions; i++)
        if (applies(c, &cli_options[i])) {
            char help[512];
            option_head(&cli_options[i], head, sizeof head);
            cli_option_help(&cli_options[i], help, sizeof help);
            fprintf(f, "  %-*s   ", width, head);
            wrapped(f, help, width + 5);
        }
}

static void usage_all(FILE *f) {
    fputs(_("spil: regional collaboration in public health, scripted per region.\n\n"
            "Usage: spil COMMAND [ARGS] [OPTIONS]\n\nCommands:\n"),
          f);
    for (int i = 0; i < cli_ncommands; i++) {
        const cli_command *c = &cli_commands[i];
        char head[96];
        snprintf(head, sizeof head, "%s %s", c->name, c->usage);
        /* A long usage gets a line of its own, so the summaries stay in one column. */
        if (strlen(head) > 18)
            fprintf(f, "  %s\n  %-18s %s\n", head, "", _(c->summary));
        else
            fprintf(f, "  %-18s %s\n", head, _(c->summary));
    }
    fputs(_("\nOptions, before or after the command (where the command takes them):\n"), f);
    print_options(f, NULL);
    fputs(_("\nExit codes: 0 ok, 1 not ready or refused, 2 bad input or usage, 3 internal or\n"
            "storage error. Run 'spil COMMAND --help' for more.\n"),
          f);
}

static void usage_command(const cli_command *c) {
    printf(_("Usage: spil %s%s%s\n\n%s: %s.\n\n%s\nOptions:\n"), c->name, *c->usage ? " " : "",
           c->usage, c->name, _(c->summary), _(c->help));
    print_options(stdout, c);
}

/* With --json, what went wrong, for the envelope that cli_main writes; else NULL. */
static json_t *json_errors;
static size_t json_not_shown;

static void json_error(const char *message, const char *hint) {
    if (!json_errors) json_errors = json_array();
    json_array_append_new(json_errors, json_pack("{s:n, s:n, s:n, s:o, s:o}", "file", "line", "col",
                                                 "message", out_json_text(message), "hint",
                                                 hint ? out_json_text(hint) : json_null()));
}

/* "spil: CMD: message" (values in it shown safely, out_str), and the hint when asked for; with
** --json, an error of the envelope instead. */
static int fail(const cli_opts *o, int code, int hint, const char *fmt, va_list ap) {
    char buf[4096], help[96] = "";
    vsnprintf(buf, sizeof buf, fmt, ap);
    if (hint && code == SPIL_EXIT_USAGE)
        snprintf(help, sizeof help, _("Try 'spil %s%s--help'."), o->cmd ? o->cmd : "",
                 o->cmd ? " " : "");
    if (o->json) {
        json_error(buf, *help ? help : NULL);
        return code;
    }
    fprintf(stderr, "spil: %s%s", o->cmd ? o->cmd : "", o->cmd ? ": " : "");
    out_str(stderr, buf);
    fputc('\n', stderr);
    if (*help) fprintf(stderr, "%s\n", help);
    return code;
}

int cli_fail(const cli_opts *o, int code, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    fail(o, code, 1, fmt, ap);
    va_end(ap);
    return code;
}

int cli_error(const cli_opts *o, int code, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    fail(o, code, 0, fmt, ap);
    va_end(ap);
    return code;
}

static int unknown_command(const cli_opts *o, const char *name) {
    const char *names[CLI_MAX_ARGS + 1];
    int n = 0;
    for (int i = 0; i < cli_ncommands && n < CLI_MAX_ARGS; i++)
        names[n++] = cli_commands[i].name;
    names[n] = NULL;
    const char *s = diag_suggest(name, names);
    cli_opts before = *o; /* the message is spil's, not a command's */
    before.cmd = NULL;
    if (s)
        return cli_fail(&before, SPIL_EXIT_USAGE, _("unknown command '%s'; did you mean '%s'?"),
                        name, s);
    return cli_fail(&before, SPIL_EXIT_USAGE, _("unknown command '%s'"), name);
}

/* Whether val is what an option of kind p->kind takes; else a usage error naming it. */
static int check_value(const cli_opts *o, const cli_option *p, const char *val, int64_t *count) {
    switch (p->kind) {
    case CLI_COUNT: {
        char *e;
        errno = 0;
        long long n = strtoll(val, &e, 10);
        if (*val < '0' || *val > '9' || *e || n <= 0 || errno)
            return cli_fail(o, SPIL_EXIT_USAGE, _("--%s takes a whole number above 0, not '%s'"),
                            p->name, val);
        *count = n;
        return 0;
    }
    case CLI_CHOICE: {
        for (const char *const *v = p->choices; *v; v++)
            if (strcmp(*v, val) == 0) return 0;
        char list[512];
        cli_join(p->choices, list, sizeof list);
        return cli_fail(o, SPIL_EXIT_USAGE, _("--%s takes %s, not '%s'"), p->name, list, val);
    }
    default: return 0;
    }
}

/* Read the option at argv[*i] (and its value) into o, for command c (NULL: before the
** command). Returns 0, or nonzero after printing a usage error. */
static int parse_option(cli_opts *o, const cli_command *c, int argc, char **argv, int *i) {
    const char *a = argv[*i], *val = NULL;
    char name[32];
    int k = -1;
    if (a[1] != '-') {
        for (int j = 0; j < cli_noptions && a[2] == '\0'; j++)
            if (cli_options[j].letter == a[1] && applies(c, &cli_options[j])) k = j;
        if (k < 0) return cli_fail(o, SPIL_EXIT_USAGE, _("unknown option '%s'"), a);
    } else {
        const char *eq = strchr(a, '=');
        snprintf(name, sizeof name, "%.*s", (int)(eq ? eq - a - 2 : (long)strlen(a) - 2), a + 2);
        if (eq) val = eq + 1;
        const char *names[CLI_MAX_OPTIONS + 1];
        int n = 0;
        for (int j = 0; j < cli_noptions; j++)
            if (applies(c, &cli_options[j])) {
                if (strcmp(cli_options[j].name, name) == 0) k = j;
                names[n++] = cli_options[j].name;
            }
        names[n] = NULL;
        if (k < 0) {
            const char *s = diag_suggest(name, names);
            if (s)
                return cli_fail(o, SPIL_EXIT_USAGE,
                                _("unknown option '--%s'; did you mean '--%s'?"), name, s);
            return cli_fail(o, SPIL_EXIT_USAGE, _("unknown option '--%s'"), name);
        }
    }
    const cli_option *p = &cli_options[k];
    if (p->kind != CLI_FLAG && !val) {
        if (*i + 1 >= argc)
            return cli_fail(o, SPIL_EXIT_USAGE, _("option '--%s' needs a value"), p->name);
        val = argv[++*i];
    } else if (p->kind == CLI_FLAG && val) {
        return cli_fail(o, SPIL_EXIT_USAGE, _("option '--%s' takes no value"), p->name);
    }
    if (o->given[k] && p->kind != CLI_FLAG)
        return cli_fail(o, SPIL_EXIT_USAGE,
                        _("option '--%s' is given twice ('%s', '%s'); give it once"), p->name,
                        o->given[k], val);
    int64_t count = 0;
    if (val && check_value(o, p, val, &count)) return 1;
    o->given[k] = val ? val : "";
    if (p->field) {
        char *at = (char *)o + p->field - 1;
        if (p->kind == CLI_FLAG)
            *(int *)(void *)at = 1;
        else if (p->kind == CLI_COUNT)
            *(int64_t *)(void *)at = count;
        else
            *(const char **)(void *)at = val;
    }
    return 0;
}

/* Read the arguments and options after the command into o. */
static int parse(const cli_command *c, int argc, char **argv, int first, cli_opts *o) {
    for (int i = first; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--") == 0) {
            for (i++; i < argc; i++) {
                if (o->nargs == CLI_MAX_ARGS)
                    return cli_fail(o, SPIL_EXIT_USAGE, _("too many arguments"));
                o->args[o->nargs++] = argv[i];
            }
            break;
        }
        if (a[0] != '-' || a[1] == '\0') {
            if (o->nargs == CLI_MAX_ARGS)
                return cli_fail(o, SPIL_EXIT_USAGE, _("too many arguments"));
            o->args[o->nargs++] = a;
        } else if (parse_option(o, c, argc, argv, &i)) {
            return 1;
        }
    }
    return 0;
}

/* One option as JSON: its names, value, help and the values it takes. */
static json_t *option_json(const cli_option *p) {
    char letter[2] = {p->letter, 0}, help[512];
    json_t *values = json_array();
    const char *const *v = cli_values(p);
    for (int i = 0; v && v[i]; i++)
        json_array_append_new(values, json_string(v[i]));
    cli_option_help(p, help, sizeof help);
    return json_pack("{s:s, s:s?, s:s?, s:s, s:b, s:o}", "name", p->name, "letter",
                     p->letter ? letter : NULL, "value", p->value, "help", help, "global",
                     p->global, "values", values);
}

/* help --json: the commands (or one), each with its usage, summary, help and options. */
static json_t *help_json(const cli_command *only) {
    json_t *commands = json_array();
    for (int i = 0; i < cli_ncommands; i++) {
        const cli_command *c = &cli_commands[i];
        if (only && c != only) continue;
        json_t *opts = json_array();
        for (int k = 0; k < cli_noptions; k++)
            if (cli_takes(c, &cli_options[k]))
                json_array_append_new(opts, option_json(&cli_options[k]));
        json_array_append_new(commands, json_pack("{s:s, s:s, s:s, s:s, s:o}", "name", c->name,
                                                  "usage", c->usage, "summary", _(c->summary),
                                                  "help", _(c->help), "options", opts));
    }
    return json_pack("{s:o}", "commands", commands);
}

int cmd_help(cli_opts *o) {
    if (!o->nargs && o->json)
        return out_json(stdout, help_json(NULL)) ? SPIL_EXIT_INTERNAL : SPIL_EXIT_OK;
    if (!o->nargs) {
        usage_all(stdout);
        return SPIL_EXIT_OK;
    }
    const cli_command *c = cli_command_find(o->args[0]);
    if (!c) return unknown_command(o, o->args[0]);
    if (o->json) return out_json(stdout, help_json(c)) ? SPIL_EXIT_INTERNAL : SPIL_EXIT_OK;
    usage_command(c);
    return SPIL_EXIT_OK;
}

/* Parse argv into *o and run the command. */
static int dispatch(cli_opts *o, int argc, char **argv) {
    int i = 1;
    /* --json and --lang anywhere: errors found while reading the options before them come as
    ** JSON too, and help and errors speak the language (a bad value is reported below). */
    const char *lang = NULL;
    for (int k = 1; k < argc && strcmp(argv[k], "--") != 0; k++) {
        if (strcmp(argv[k], "--json") == 0) o->json = 1;
        if (strncmp(argv[k], "--lang=", 7) == 0) lang = argv[k] + 7;
        if (strcmp(argv[k], "--lang") == 0 && k + 1 < argc) lang = argv[k + 1];
    }
    lang_choose(lang_valid(lang) ? lang : NULL);
    for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++)
        if (parse_option(o, NULL, argc, argv, &i)) return SPIL_EXIT_USAGE;
    int help = o->given[option_index("help")] != NULL, first = i + 1;
    const cli_command *c = NULL;
    if (o->given[option_index("version")]) /* spil -V: the version command, without its name */
        c = cli_command_find("version"), first = i;
    else if (i < argc && !(c = cli_command_find(argv[i])))
        return unknown_command(o, argv[i]);
    if (!c) {
        if (o->json && !help) return cli_fail(o, SPIL_EXIT_USAGE, _("missing COMMAND"));
        o->json = 0; /* help is text */
        usage_all(help ? stdout : stderr);
        return help ? SPIL_EXIT_OK : SPIL_EXIT_USAGE;
    }
    o->cmd = c->name;
    if (o->json && !cli_takes(c, &cli_options[option_index("json")])) o->json = 0;
    for (int k = 0; k < cli_noptions; k++)
        if (o->given[k] && !cli_takes(c, &cli_options[k]))
            return cli_fail(o, SPIL_EXIT_USAGE, _("unknown option '--%s'"), cli_options[k].name);
    if (parse(c, argc, argv, first, o)) return SPIL_EXIT_USAGE;
    /* After the options that follow the command: --lang there counts too. */
    if (lang_choose(o->given[option_index("lang")]) < 0)
        return cli_fail(o, SPIL_EXIT_USAGE, _("SPIL_LANG is '%s'; spil speaks nl or en"),
                        getenv("SPIL_LANG"));
    if (o->given[option_index("help")]) {
        o->json = 0; /* help is text */
        usage_command(c);
        return SPIL_EXIT_OK;
    }
    if (o->nargs < c->nargs_min) return cli_fail(o, SPIL_EXIT_USAGE, _("missing %s"), c->usage);
    if (o->nargs > c->nargs_max)
        return cli_fail(o, SPIL_EXIT_USAGE, _("unexpected argument '%s'"), o->args[c->nargs_max]);
    if (o->quiet && o->verbose) return cli_fail(o, SPIL_EXIT_USAGE, _("give -q or -v, not both"));
    out_set_level(o->quiet ? OUT_QUIET : o->verbose ? OUT_VERBOSE : OUT_NORMAL);
    const char *color = cli_opt(o, "color");
    if (color && cli_opt(o, "no-color") && strcmp(color, "never") != 0)
        return cli_fail(o, SPIL_EXIT_USAGE, _("give --no-color or --color=%s, not both"), color);
    out_set_color(cli_opt(o, "no-color") || (color && strcmp(color, "never") == 0) ? OUT_COLOR_NEVER
                  : color && strcmp(color, "always") == 0 ? OUT_COLOR_ALWAYS
                                                          : OUT_COLOR_AUTO);
    if (!o->db) o->db = getenv("SPIL_DB");
    if (!o->db || !*o->db) o->db = "spil.db";
    if (o->json) out_json_capture(1);
    return c->run(o);
}

/* With --json: the one envelope, {format, command, exit, result, errors}, whatever happened. */
static int envelope(const cli_opts *o, int code) {
    out_json_capture(0);
    json_t *result = out_json_take(), *errors = json_errors ? json_errors : json_array();
    json_errors = NULL;
    json_t *env =
        json_pack("{s:i, s:s?, s:i, s:o, s:o}", "format", CLI_JSON_FORMAT, "command", o->cmd,
                  "exit", code, "result", result ? result : json_null(), "errors", errors);
    if (env && json_not_shown)
        json_object_set_new(env, "not_shown", json_integer((json_int_t)json_not_shown));
    return out_json(stdout, env) ? SPIL_EXIT_INTERNAL : code;
}

int cli_main(int argc, char **argv) {
    cli_opts o = {0};
    /* Hidden: the build writes the completion scripts and the man page with it (cli_gen.c). */
    if (argc >= 2 && strcmp(argv[1], "_generate") == 0) return cli_generate(argc - 2, argv + 2);
    int code = dispatch(&o, argc, argv);
    /* A real out of memory is the machine's fault, never the input's (oom.h). */
    if (oom_seen() && (code == SPIL_EXIT_USAGE || code == SPIL_EXIT_REFUSED))
        code = SPIL_EXIT_INTERNAL;
    return o.json ? envelope(&o, code) : code;
}

store *cli_open(const cli_opts *o, cli_open_mode mode, int *code) {
    if (mode != CLI_CREATE && mode != CLI_INIT && access(o->db, F_OK) != 0) {
        *code = cli_error(o, SPIL_EXIT_USAGE,
                          _("no database at %s; create one with 'spil init' or 'spil load DIR'"),
                          o->db);
        return NULL;
    }
    static const int flags[] = {
        [CLI_CREATE] = STORE_CREATE,
        [CLI_WRITE] = 0,
        [CLI_INIT] = STORE_CREATE | STORE_UPGRADE,
        [CLI_READ] = STORE_READONLY | STORE_SNAPSHOT,
        [CLI_CHECK] = STORE_SNAPSHOT,
    };
    char *err = NULL;
    store *st = store_open(o->db, flags[mode], &err);
    if (!st) {
        *code = cli_fail(o, SPIL_EXIT_INTERNAL, "%s",
                         err ? err : _("out of memory opening the database"));
        free(err);
    } else {
        char lang[8];
        if (store_setting(st, "lang", lang, sizeof lang) > 0) lang_default(lang);
    }
    return st;
}

int cli_diagnostics(const cli_opts *o, diag *d) {
    if (o->json) {
        size_t dropped = 0;
        json_t *e = diag_json(d, &dropped);
        if (!json_errors) json_errors = json_array();
        json_array_extend(json_errors, e);
        json_decref(e);
        json_not_shown += dropped;
    } else {
        char prefix[64]; /* a value given on the command line: "spil: sign: ..." */
        snprintf(prefix, sizeof prefix, "spil: %s", o->cmd ? o->cmd : "");
        diag_print_prefixed(d, stderr, out_color(stderr), prefix);
    }
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

int cli_date_not_after_today(const cli_opts *o, char *day) {
    const char *date = cli_opt(o, "date");
    char iso[16], today[16];
    if (date && model_dutch_date(date, iso)) date = iso; /* 1-12-2025, typed the Dutch way */
    out_today(today);
    snprintf(day, 16, "%s", date ? date : today);
    if (!date || !model_valid_date(date) || strcmp(date, today) <= 0) return 0;
    return cli_fail(o, SPIL_EXIT_USAGE,
                    _("--date takes a day YYYY-MM-DD that is not after today (%s), not '%s'"),
                    today, date);
}

int cli_need_region(const cli_opts *o, store *st, const char *region) {
    int found = store_region_exists(st, region);
    if (found < 0) return cli_fail(o, SPIL_EXIT_INTERNAL, "%s", store_errmsg(st));
    if (found) return SPIL_EXIT_OK;
    char known[512] = "";
    store_regions(st, add_id, known);
    return cli_error(o, SPIL_EXIT_USAGE, _("no region '%s' in %s (known: %s). Try 'spil regions'."),
                     region, o->db, *known ? known : _("none yet; load one with 'spil load DIR'"));
}

store *cli_open_region(const cli_opts *o, cli_open_mode mode, const char *region, int *code) {
    store *st = cli_open(o, mode, code);
    if (st && region && (*code = cli_need_region(o, st, region)) != SPIL_EXIT_OK) {
        store_close(st);
        return NULL;
    }
    return st;
}

/* The ids of a region's rows, NULL-terminated (for diag_suggest). */
typedef struct ids {
    char **v;
    size_t n, cap;
} ids;

static int add_row_id(void *ctx, const char *const *vals, int n) {
    ids *l = ctx;
    if (n < 1 || grow(&l->v, &l->cap, l->n + 1, sizeof *l->v)) return -1;
    if (!(l->v[l->n] = strdup(vals[0]))) return -1;
    l->v[++l->n] = NULL;
    return 0;
}

int cli_find_id(struct store *st, const char *region, const char *table, const char *id, char *like,
                size_t cap) {
    int e = model_entity_by_table(table);
    if (e < 0) BUG("no table '%s' in the model", table);
    ids l = {0};
    int found = -1;
    *like = '\0';
    if (!store_rows(st, e, region, add_row_id, &l)) {
        found = 0;
        for (size_t i = 0; i < l.n && !found; i++)
            found = strcmp(l.v[i], id) == 0;
        const char *s = !found && l.n ? diag_suggest(id, (const char *const *)l.v) : NULL;
        if (s) snprintf(like, cap, "%s", s);
    }
    for (size_t i = 0; i < l.n; i++)
        free(l.v[i]);
    free(l.v);
    return found;
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
