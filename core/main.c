/*
** main.c: the spil executable: everything happens in cli_main (cli.c), which the tests also
** reach through the built binary.
*/
#include "cli.h"

int main(int argc, char **argv) {
    return cli_main(argc, argv);
}
