/*
** cli_gen.h: the bash and zsh completion scripts and the man page spil(1), written from the
** tables of commands and options (cli_table.c) by the hidden command `spil _generate`.
*/
#ifndef SPIL_CLI_GEN_H
#define SPIL_CLI_GEN_H

/* spil _generate bash|zsh|man [FILE]: write one of them to FILE or standard output. Returns
** the exit code. */
int cli_generate(int argc, char **argv);

#endif
