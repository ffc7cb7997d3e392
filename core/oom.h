/*
** oom.h: whether this process ran out of memory: the system's allocator refused a request (a
** real out of memory, such as under `ulimit -v`), as opposed to a limit of spil's own (the
** sandbox's 64 MiB cap, the size limits of a file), which is the input's fault. Whoever sees
** malloc (or libyaml, or Lua's allocator) fail for good calls oom_note(); cli_main then turns
** an exit 1 or 2 into 3 (SPIL_EXIT_INTERNAL): what was reported may be incomplete, and the
** remedy lies with the machine, not with the input (docs/storage.md, "Out of memory").
*/
#ifndef SPIL_OOM_H
#define SPIL_OOM_H

/* The remedy every out-of-memory message ends with. */
#define OOM_REMEDY "close other programs (or raise ulimit -v) and run the command again"

/* Remember that an allocation failed for good (one that a retry recovered is not one). */
void oom_note(void);
/* Whether oom_note was called in this process. */
int oom_seen(void);

#endif
