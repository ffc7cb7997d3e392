/*
** main.c: the spil executable: everything happens in cli_main (cli.c), which the tests also
** reach through the built binary. Owns the process's signal setup.
*/
#include <signal.h>

#include "cli.h"

int main(int argc, char **argv) {
    /* A file size limit (ulimit -f) must be an error spil reports (write fails with EFBIG,
    ** docs/storage.md), not a signal that kills it, perhaps between a commit and its report. */
    signal(SIGXFSZ, SIG_IGN);
    return cli_main(argc, argv);
}
