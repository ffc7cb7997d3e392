/*
** bug.c: reporting a bug in spil and leaving with exit 3 (see bug.h).
*/
#include "bug.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"

_Noreturn void bug_exit(const char *file, int line, const char *fmt, ...) {
    va_list ap;
    fflush(stdout);
    fprintf(stderr, "spil: internal error at %s:%d: ", file, line);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, " (a bug in spil: please report it)\n");
    exit(SPIL_EXIT_INTERNAL);
}
