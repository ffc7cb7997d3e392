/*
** oom.c: the process's one out-of-memory flag (see oom.h). A flag of the process, not of an
** object, because the allocator is the process's: once it failed, any result may be short.
*/
#include "oom.h"

static int seen;

void oom_note(void) {
    seen = 1;
}

int oom_seen(void) {
    return seen;
}
