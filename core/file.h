/*
** file.h: reading a whole file into memory, the one way spil does it (test files, scripts given
** to spil run, the stdlib from $SPIL_STDLIB, a region's scripts at load). Large inputs (region
** files, CSV imports) are streamed elsewhere and never read whole.
*/
#ifndef SPIL_FILE_H
#define SPIL_FILE_H

#include <stddef.h>

/* "-" names standard input (or output) wherever spil reads (or writes) a file; messages call it
** FILE_STDIN_NAME. */
#define FILE_STDIN      "-"
#define FILE_STDIN_NAME "<stdin>"
/* Whether path is "-"; the name to show for path in messages ("<stdin>" for "-"). */
int file_is_stdin(const char *path);
const char *file_shown(const char *path);

/* The bytes of path ("-": standard input; a NUL is added after them, not counted in *len),
** malloc'd. NULL with errno set when it cannot be read, and EFBIG when it holds more than max
** bytes: never cut short. */
char *file_read(const char *path, size_t max, size_t *len);

/* Whether name ends with suffix ("_test.lua", ".lua"). */
int file_has_suffix(const char *name, const char *suffix);

#endif
