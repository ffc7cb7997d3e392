/*
** test_cli_table.c: the tables of commands and options (cli_table.h) hold together: every
** command an option names exists, no command takes one name or letter twice, the values taken
** from the data model are found, and a name is a flag everywhere or nowhere (cases cli-table-N).
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "cli_table.h"

/* cli-table-1: each command an option lists is a command; each option is taken somewhere. */
static void test_cli_table_options_name_real_commands(void **state) {
    (void)state;
    for (int i = 0; i < cli_noptions; i++) {
        const cli_option *p = &cli_options[i];
        int taken = 0;
        for (int c = 0; c < cli_ncommands; c++)
            taken |= cli_takes(&cli_commands[c], p);
        if (!taken && !p->global) fail_msg("--%s is taken by no command", p->name);
        char words[512];
        snprintf(words, sizeof words, "%s", p->commands);
        for (char *w = strtok(words, " "); w; w = strtok(NULL, " "))
            if (strcmp(w, "*") != 0 && !cli_command_find(w))
                fail_msg("--%s names the command '%s', which does not exist", p->name, w);
    }
}

/* cli-table-2: within one command, a name and a short letter mean one option. */
static void test_cli_table_one_meaning_per_command(void **state) {
    (void)state;
    for (int c = 0; c < cli_ncommands; c++)
        for (int i = 0; i < cli_noptions; i++)
            for (int j = i + 1; j < cli_noptions; j++) {
                const cli_option *a = &cli_options[i], *b = &cli_options[j];
                if (!cli_takes(&cli_commands[c], a) || !cli_takes(&cli_commands[c], b)) continue;
                if (strcmp(a->name, b->name) == 0 || (a->letter && a->letter == b->letter))
                    fail_msg("%s takes --%s twice", cli_commands[c].name, a->name);
            }
}

/* cli-table-3: options sharing a name agree on taking a value (the completion relies on it),
** and the global ones each have one entry. */
static void test_cli_table_shared_names_agree(void **state) {
    (void)state;
    for (int i = 0; i < cli_noptions; i++)
        for (int j = i + 1; j < cli_noptions; j++) {
            const cli_option *a = &cli_options[i], *b = &cli_options[j];
            if (strcmp(a->name, b->name) != 0) continue;
            assert_int_equal(a->kind == CLI_FLAG, b->kind == CLI_FLAG);
            assert_false(a->global || b->global);
        }
}

/* cli-table-4: values named from the data model are found there, and shown in the help. */
static void test_cli_table_model_values_are_found(void **state) {
    (void)state;
    int with_model = 0;
    for (int i = 0; i < cli_noptions; i++) {
        const cli_option *p = &cli_options[i];
        if (p->kind == CLI_CHOICE) assert_non_null(p->choices);
        if (!p->model) continue;
        with_model++;
        const char *const *v = cli_values(p);
        if (!v || !v[0]) fail_msg("--%s: no values for %s in the data model", p->name, p->model);
        char help[512];
        cli_option_help(p, help, sizeof help);
        assert_non_null(strstr(help, v[0]));
    }
    assert_true(with_model >= 6);
    char help[512];
    for (int i = 0; i < cli_noptions; i++)
        if (cli_options[i].model && strcmp(cli_options[i].model, "decision.kind") == 0)
            cli_option_help(&cli_options[i], help, sizeof help);
    assert_string_equal(help, "decision or advice: decision or advice");
}

/* cli-table-5: every command has a summary, help ending in a newline, sane argument counts. */
static void test_cli_table_commands_are_complete(void **state) {
    (void)state;
    for (int c = 0; c < cli_ncommands; c++) {
        const cli_command *k = &cli_commands[c];
        assert_non_null(k->run);
        assert_true(*k->summary && k->summary[strlen(k->summary) - 1] != '.');
        assert_true(*k->help && k->help[strlen(k->help) - 1] == '\n');
        assert_true(k->nargs_min <= k->nargs_max && k->nargs_max <= CLI_MAX_ARGS);
        assert_ptr_equal(cli_command_find(k->name), k);
    }
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cli_table_options_name_real_commands),
        cmocka_unit_test(test_cli_table_one_meaning_per_command),
        cmocka_unit_test(test_cli_table_shared_names_agree),
        cmocka_unit_test(test_cli_table_model_values_are_found),
        cmocka_unit_test(test_cli_table_commands_are_complete),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
