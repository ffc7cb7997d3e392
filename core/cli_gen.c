/*
** cli_gen.c: the bash and zsh completion scripts and the man page spil(1), from the tables of
** commands and options (see cli_gen.h).
**
** Why a hidden command of spil itself rather than a separate build tool: the tables are C data
** compiled into spil, so spil is the one program that can read them without a second parser,
** and what the build installs is written by the very binary it installs. The build runs
** `spil _generate` after linking spil (CMakeLists.txt). Region ids are completed at completion
** time, from `spil regions --json` on the database named by --db (else $SPIL_DB, ./spil.db).
*/
#include "cli_gen.h"

#include <stdio.h>
#include <string.h>

#include "cli_table.h"
#include "lang.h"
#include "store.h"

/* The options command c takes (c NULL: the global ones), space-separated, as typed. */
static void option_words(FILE *f, const cli_command *c) {
    const char *sep = "";
    for (int i = 0; i < cli_noptions; i++) {
        const cli_option *p = &cli_options[i];
        if (!(c ? cli_takes(c, p) : p->global)) continue;
        if (p->letter) fprintf(f, "%s-%c", sep, p->letter), sep = " ";
        fprintf(f, "%s--%s", sep, p->name);
        sep = " ";
    }
}

/* The names of the options of one kind (all valued ones for kind -1), as a case pattern:
** --db|--assume. 0 when there are none. */
static int option_pattern(FILE *f, int kind) {
    int n = 0;
    for (int i = 0; i < cli_noptions; i++) {
        const cli_option *p = &cli_options[i];
        if (p->kind == CLI_FLAG || (kind >= 0 && (int)p->kind != kind)) continue;
        int seen = 0; /* an option of several entries (--status) is named once */
        for (int j = 0; j < i; j++)
            seen |= strcmp(cli_options[j].name, p->name) == 0 && cli_options[j].kind != CLI_FLAG &&
                    (kind < 0 || (int)cli_options[j].kind == kind);
        if (seen) continue;
        fprintf(f, "%s--%s", n++ ? "|" : "", p->name);
        if (p->letter) fprintf(f, "|-%c", p->letter);
    }
    return n;
}

/* values, space-separated */
static void words(FILE *f, const char *const *v) {
    for (int i = 0; v[i]; i++)
        fprintf(f, "%s%s", i ? " " : "", v[i]);
}

static void commands_words(FILE *f) {
    for (int i = 0; i < cli_ncommands; i++)
        fprintf(f, "%s%s", i ? " " : "", cli_commands[i].name);
}

/* The ids of result.regions[] in the --json envelope: the only "id" indented by eight. */
static const char regions_cmd[] = "spil ${1:+--db \"$1\"} regions --json 2>/dev/null | sed -n 's/^ "
                                  "       \"id\": \"\\(.*\\)\",$/\\1/p'";

static void bash(FILE *f) {
    fprintf(f,
            "# bash completion for spil. Written by 'spil _generate bash' from spil's tables of\n"
            "# commands and options: do not edit.\n\n"
            "# The region ids in the database ($1: the --db given, if any).\n"
            "_spil_regions() {\n    %s\n}\n\n",
            regions_cmd);
    fprintf(f, "_spil() {\n"
               "    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}\n"
               "    local i w cmd='' db='' npos=0 k kinds=()\n"
               "    COMPREPLY=()\n"
               "    for ((i = 1; i < COMP_CWORD; i++)); do\n"
               "        w=${COMP_WORDS[i]}\n"
               "        case $w in\n"
               "        --db=*) db=${w#--db=} ;;\n"
               "        --db) ((i + 1 < COMP_CWORD)) && db=${COMP_WORDS[i+1]}; ((i++)) ;;\n"
               "        ");
    option_pattern(f, -1);
    fprintf(f, ") ((i++)) ;;\n"
               "        -*) ;;\n"
               "        *) if [[ -z $cmd ]]; then cmd=$w; else ((npos++)); fi ;;\n"
               "        esac\n"
               "    done\n"
               "    case $prev in\n"
               "    ");
    if (option_pattern(f, CLI_FILE))
        fprintf(f, ") COMPREPLY=($(compgen -f -- \"$cur\")); return ;;\n    ");
    if (option_pattern(f, CLI_REGION))
        fprintf(f, ") COMPREPLY=($(compgen -W \"$(_spil_regions \"$db\")\" -- \"$cur\")); return "
                   ";;\n    ");
    /* Options with a list of values; one name may list other values for other commands. */
    for (int i = 0; i < cli_noptions; i++) {
        int first = cli_values(&cli_options[i]) != NULL;
        for (int j = 0; j < i && first; j++)
            first =
                !cli_values(&cli_options[j]) || strcmp(cli_options[j].name, cli_options[i].name);
        if (!first) continue;
        fprintf(f, "--%s) case $cmd in", cli_options[i].name);
        for (int j = i; j < cli_noptions; j++) {
            const char *const *v = cli_values(&cli_options[j]);
            if (!v || strcmp(cli_options[j].name, cli_options[i].name)) continue;
            fputc(' ', f);
            for (const char *c = cli_options[j].commands; *c; c++)
                fputc(*c == ' ' ? '|' : *c, f);
            fputs(") k=\"", f);
            words(f, v);
            fputs("\" ;;", f);
        }
        fputs(" esac; COMPREPLY=($(compgen -W \"$k\" -- \"$cur\")); return ;;\n    ", f);
    }
    option_pattern(f, -1);
    fprintf(f, ") return ;;\n"
               "    esac\n"
               "    if [[ -z $cmd ]]; then\n"
               "        if [[ $cur == -* ]]; then\n"
               "            COMPREPLY=($(compgen -W \"");
    option_words(f, NULL);
    fprintf(f, "\" -- \"$cur\"))\n        else\n            COMPREPLY=($(compgen -W \"");
    commands_words(f);
    fprintf(f, "\" -- \"$cur\"))\n        fi\n        return\n    fi\n    case $cmd in\n");
    for (int i = 0; i < cli_ncommands; i++) {
        const cli_command *c = &cli_commands[i];
        fprintf(f, "    %s) [[ $cur == -* ]] && COMPREPLY=($(compgen -W \"", c->name);
        option_words(f, c);
        fprintf(f, "\" -- \"$cur\")); kinds=(%s) ;;\n", c->args);
    }
    fprintf(f, "    esac\n"
               "    [[ $cur == -* ]] && return\n"
               "    local n=${#kinds[@]}\n"
               "    if ((n > 1)) && [[ ${kinds[n-1]} == ... ]] && ((npos >= n - 2)); then\n"
               "        k=${kinds[n-2]}\n"
               "    else\n"
               "        k=${kinds[npos]:-}\n"
               "    fi\n"
               "    case $k in\n"
               "    region) COMPREPLY=($(compgen -W \"$(_spil_regions \"$db\")\" -- \"$cur\")) ;;\n"
               "    dir) COMPREPLY=($(compgen -d -- \"$cur\")) ;;\n"
               "    file | path) COMPREPLY=($(compgen -f -- \"$cur\")) ;;\n"
               "    command) COMPREPLY=($(compgen -W \"");
    commands_words(f);
    fprintf(f, "\" -- \"$cur\")) ;;\n"
               "    =*) COMPREPLY=($(compgen -W \"${k#=}\" -- \"$cur\")) ;;\n"
               "    esac\n"
               "}\n"
               "complete -o filenames -F _spil spil\n");
}

/* text inside '...' of a zsh script, with [ ] : escaped for _arguments when spec is set */
static void zsh_text(FILE *f, const char *s, int spec) {
    for (; *s; s++) {
        if (*s == '\'')
            fputs("'\\''", f);
        else if (spec && strchr("[]:\\", *s))
            fprintf(f, "\\%c", *s);
        else
            fputc(*s, f);
    }
}

static void zsh_specs(FILE *f, const cli_command *c) {
    for (int i = 0; i < cli_noptions; i++) {
        const cli_option *p = &cli_options[i];
        if (!(c ? cli_takes(c, p) : p->global)) continue;
        const char *action = p->kind == CLI_FILE     ? "_files"
                             : p->kind == CLI_REGION ? "_spil_regions"
                                                     : " ";
        fputs(" \\\n    ", f);
        if (p->letter)
            fprintf(f, "'(-%c --%s)'{-%c,--%s}'", p->letter, p->name, p->letter, p->name);
        else
            fprintf(f, "'--%s%s", p->name, p->kind == CLI_FLAG ? "" : "=");
        char help[512];
        cli_option_help(p, help, sizeof help);
        fputc('[', f);
        zsh_text(f, help, 1);
        fputc(']', f);
        if (cli_values(p)) {
            fprintf(f, ":%s:(", p->value);
            words(f, cli_values(p));
            fputc(')', f);
        } else if (p->kind != CLI_FLAG)
            fprintf(f, ":%s:%s", p->value, action);
        fputc('\'', f);
    }
}

static void zsh(FILE *f) {
    fprintf(f,
            "#compdef spil\n# zsh completion for spil. Written by 'spil _generate zsh' from "
            "spil's tables of\n# commands and options: do not edit.\n\n"
            "_spil_regions() {\n    local -a ids\n"
            "    ids=(${(f)\"$(set -- ${opt_args[--db]}; %s)\"})\n"
            "    compadd -a ids\n}\n\n"
            "_spil() {\n    local curcontext=$curcontext state line\n"
            "    typeset -A opt_args\n    local -a commands\n    commands=(\n",
            regions_cmd);
    for (int i = 0; i < cli_ncommands; i++) {
        fprintf(f, "        '%s:", cli_commands[i].name);
        zsh_text(f, cli_commands[i].summary, 0);
        fprintf(f, "'\n");
    }
    fprintf(f, "    )\n    _arguments -C");
    zsh_specs(f, NULL);
    fprintf(f, " \\\n    '1:command:->command' '*::argument:->args'\n"
               "    case $state in\n"
               "    command) _describe -t commands command commands ;;\n"
               "    args)\n        case $line[1] in\n");
    for (int i = 0; i < cli_ncommands; i++) {
        const cli_command *c = &cli_commands[i];
        fprintf(f, "        %s) _arguments", c->name);
        zsh_specs(f, c);
        int pos = 1;
        for (const char *s = c->args; *s; pos++) {
            int w = (int)strcspn(s, " ");
            const char *next = s + w + strspn(s + w, " ");
            int rest = strncmp(next, "...", 3) == 0;
            char where[8];
            snprintf(where, sizeof where, rest ? "*" : "%d", pos);
            const char *action = !strncmp(s, "region", 6) ? "_spil_regions"
                                 : !strncmp(s, "dir", 3)  ? "_files -/"
                                 : !strncmp(s, "command", 7)
                                     ? "_describe -t commands command commands"
                                 : *s == 'f' || *s == 'p' ? "_files"
                                                          : " ";
            if (*s == '=')
                fprintf(f, " \\\n            '%s:%.*s:(%.*s)'", where, w - 1, s + 1, w - 1, s + 1);
            else
                fprintf(f, " \\\n            '%s:%.*s:%s'", where, w, s, action);
            s = rest ? "" : next;
        }
        fprintf(f, " ;;\n");
    }
    fprintf(f, "        esac ;;\n    esac\n}\n\n_spil \"$@\"\n");
}

/* roff text: backslashes escaped, lines of at most about 80 bytes, none starting with a control
** character; dashes as \- when they are an option's. */
static void roff(FILE *f, const char *s, int dashes) {
    int start = 1, col = 0;
    for (; *s; s++) {
        if (*s == ' ' && !start && col > 64) { /* a long line goes on in the next */
            fputc('\n', f);
            start = 1, col = 0;
            continue;
        }
        if (start && (*s == '.' || *s == '\'')) fputs("\\&", f);
        if (start && *s == ' ') { /* an indented line of a help text: a line of its own */
            fputs(".br\n", f);
            s += strspn(s, " ");
            if (!*s) break;
        }
        start = *s == '\n';
        col = start ? 0 : col + 1;
        if (*s == '\\')
            fputs("\\e", f);
        else if (*s == '-' && dashes)
            fputs("\\-", f);
        else
            fputc(*s, f);
    }
}

static void man_options(FILE *f, const cli_command *c) {
    for (int i = 0; i < cli_noptions; i++) {
        const cli_option *p = &cli_options[i];
        if (!(c ? cli_takes(c, p) : p->global)) continue;
        fputs(".TP\n", f);
        if (p->letter) fprintf(f, "\\fB\\-%c\\fR, ", p->letter);
        fputs("\\fB\\-\\-", f);
        roff(f, p->name, 1);
        fputs("\\fR", f);
        if (p->value) fprintf(f, " \\fI%s\\fR", p->value);
        fputc('\n', f);
        char help[512];
        cli_option_help(p, help, sizeof help);
        roff(f, help, 0);
        fputs("\n", f);
    }
}

static void man(FILE *f) {
    fprintf(f,
            ".\\\" spil(1). Written by 'spil _generate man' from spil's tables of commands and\n"
            ".\\\" options: do not edit.\n"
            ".TH SPIL 1 2026-01-01 \"spil %s\" \"User Commands\"\n"
            ".SH NAME\nspil \\- regional collaboration in public health, scripted per region\n"
            ".SH SYNOPSIS\n.B spil\n.RI [ options ]\n.I command\n.RI [ arguments ]\n"
            ".RI [ options ]\n"
            ".SH DESCRIPTION\n"
            ".B spil\nkeeps the state of a regional collaboration in public health (who joined,\n"
            "who signed, who sits where, what was decided, which funding is agreed) in one\n"
            "SQLite database, with each region described in a YAML file and its own rules\n"
            "scripted in sandboxed Lua 5.4.\n"
            "Read commands take\n.BR \\-\\-json ;\n"
            "colour appears only on a terminal and never when\n.B NO_COLOR\nis set.\n"
            ".SH OPTIONS\nThese may come before or after the command, where the command\n"
            "takes them.\n",
            SPIL_VERSION);
    man_options(f, NULL);
    fputs(".SH COMMANDS\n", f);
    for (int i = 0; i < cli_ncommands; i++) {
        const cli_command *c = &cli_commands[i];
        fprintf(f, ".SS \"spil %s%s", c->name, *c->usage ? " " : "");
        roff(f, c->usage, 1);
        fputs("\"\n", f);
        roff(f, c->summary, 0);
        fputs(".\n.PP\n", f);
        roff(f, c->help, 0);
        fputs(".PP\nOptions:\n.RS\n", f);
        man_options(f, c);
        fputs(".RE\n", f);
    }
    fputs(".SH ENVIRONMENT\n"
          ".TP\n.B SPIL_DB\nthe database when no\n.B \\-\\-db\nis given (else ./spil.db)\n"
          ".TP\n.B SPIL_ACTOR\nwho is acting, for the log (else the login name)\n"
          ".TP\n.B SPIL_NOW\nfixes the clock (an ISO 8601 time), for reproducible output\n"
          ".TP\n.B NO_COLOR\nno colour, even on a terminal\n"
          ".SH EXIT STATUS\n"
          "0 ok, 1 not ready or refused, 2 bad input or usage, 3 internal or storage error.\n"
          ".SH SEE ALSO\n.BR sqlite3 (1),\n.BR lua (1)\n",
          f);
    fprintf(f,
            ".PP\nThe documentation in the spil repository: README.md and docs/*.md.\n"
            "This page is of spil %s (database schema %d).\n",
            SPIL_VERSION, STORE_SCHEMA_VERSION);
}

int cli_generate(int argc, char **argv) {
    static const char *const kinds[] = {"bash", "zsh", "man"};
    static void (*const write[])(FILE *) = {bash, zsh, man};
    /* The completions and the man page are written in English, whatever the build machine
    ** speaks: the same text on every machine (the --help they come from is Dutch first). */
    lang_use("en");
    for (int k = 0; argc >= 1 && argc <= 2 && k < 3; k++) {
        if (strcmp(argv[0], kinds[k]) != 0) continue;
        FILE *f = argc == 2 ? fopen(argv[1], "w") : stdout;
        if (!f) {
            fprintf(stderr, "spil: _generate: cannot write %s\n", argv[1]);
            return SPIL_EXIT_INTERNAL;
        }
        write[k](f);
        if (ferror(f) | (f != stdout ? fclose(f) : fflush(f))) {
            fprintf(stderr, "spil: _generate: cannot write %s\n", argc == 2 ? argv[1] : "output");
            return SPIL_EXIT_INTERNAL;
        }
        return SPIL_EXIT_OK;
    }
    fprintf(stderr, "spil: _generate: give bash, zsh or man, and optionally a FILE\n");
    return SPIL_EXIT_USAGE;
}
