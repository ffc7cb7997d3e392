/*
** pool.h: small blocks for one Lua sandbox (sbx.c's allocator). Blocks up to 256 bytes come from
** 64 KiB chunks with a free list per 16-byte size class, and all go back at once with the pool.
** The chunks together stay within a cap. A NULL pool means plain malloc, realloc and free.
*/
#ifndef SPIL_POOL_H
#define SPIL_POOL_H

#include <stddef.h>

typedef struct pool pool;

/* 0 in a build with AddressSanitizer: then every block is malloc's, so the sanitizer sees it. */
int pool_enabled(void);
/* A pool whose chunks together stay within cap bytes, or NULL out of memory. */
pool *pool_new(size_t cap);
/* Free the pool and every block it handed out. */
void pool_free(pool *P);

/* realloc for a block of old bytes (ptr NULL: a new block) to nsize > 0 bytes; NULL when the
** cap or the system's memory refuses (ptr is then untouched). */
void *pool_realloc(pool *P, void *ptr, size_t old, size_t nsize);
/* free for a block of old bytes (ptr may be NULL). */
void pool_release(pool *P, void *ptr, size_t old);

#endif
