/*
** bug.h: the one channel for bugs in spil itself (an invariant that does not hold, a table or
** field the compiled-in model lacks), as opposed to bad input. BUG() prints
** "spil: internal error at core/file.c:LINE: message (a bug in spil: please report it)" and
** exits with 3 (SPIL_EXIT_INTERNAL); an open transaction is rolled back by SQLite as the process
** ends, so nothing half-written stays. assert() stays for invariants cheap enough to check in
** every build (CMake's Release keeps them: spil is built without NDEBUG).
*/
#ifndef SPIL_BUG_H
#define SPIL_BUG_H

#define BUG(...) bug_exit(__FILE__, __LINE__, __VA_ARGS__)

_Noreturn void bug_exit(const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
