/*
** pool.c: small blocks for one Lua sandbox (see pool.h).
**
** A sandbox lives for one command and Lua makes many small objects: taking them from chunks and
** giving them all back at once halves the time spent in malloc and free, the largest part of
** starting a sandbox. Lua always says how big a block it frees is, so no header is needed. The
** sandbox's cap counts the bytes Lua holds; the chunks together may not pass the cap either (a
** free list keeps its blocks for its own size), so a sandbox holds at most twice the cap,
** however a script mixes sizes.
*/
#include "pool.h"

#include <stdlib.h>
#include <string.h>

#if defined(__SANITIZE_ADDRESS__)
#define POOL_OFF 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define POOL_OFF 1
#endif
#endif
#ifndef POOL_OFF
#define POOL_OFF 0
#endif

#define POOL_MAX   256 /* larger blocks are malloc's */
#define POOL_CHUNK (64 * 1024)

typedef struct chunk {
    struct chunk *next;
    _Alignas(max_align_t) char data[POOL_CHUNK];
} chunk;

struct pool {
    void *free[POOL_MAX / 16]; /* one free list per size class */
    chunk *chunks;
    size_t used;  /* bytes handed out of the newest chunk */
    size_t bytes; /* all chunks together */
    size_t cap;   /* which bytes may not pass */
};

int pool_enabled(void) {
    return !POOL_OFF;
}

pool *pool_new(size_t cap) {
    pool *P = calloc(1, sizeof *P);
    if (P) P->cap = cap;
    return P;
}

void pool_free(pool *P) {
    if (!P) return;
    for (chunk *k = P->chunks, *next; k; k = next) {
        next = k->next;
        free(k);
    }
    free(P);
}

static void *get(pool *P, size_t n) {
    size_t c = (n - 1) / 16;
    void *p = P->free[c];
    if (p) {
        P->free[c] = *(void **)p;
        return p;
    }
    size_t size = (c + 1) * 16;
    if (!P->chunks || P->used + size > POOL_CHUNK) {
        if (P->bytes + sizeof(chunk) > P->cap) return NULL;
        chunk *k = malloc(sizeof *k);
        if (!k) return NULL;
        P->bytes += sizeof *k;
        k->next = P->chunks;
        P->chunks = k;
        P->used = 0;
    }
    p = P->chunks->data + P->used;
    P->used += size;
    return p;
}

static void put(pool *P, void *p, size_t n) {
    size_t c = (n - 1) / 16;
    *(void **)p = P->free[c];
    P->free[c] = p;
}

void *pool_realloc(pool *P, void *ptr, size_t old, size_t nsize) {
    if (!P) return realloc(ptr, nsize);
    int was_small = ptr && old <= POOL_MAX, small = nsize <= POOL_MAX;
    if (ptr && !was_small && !small) return realloc(ptr, nsize);
    if (was_small && small && (old - 1) / 16 == (nsize - 1) / 16) return ptr;
    void *p = small ? get(P, nsize) : malloc(nsize);
    if (!p) return NULL;
    if (ptr) {
        memcpy(p, ptr, old < nsize ? old : nsize);
        if (was_small)
            put(P, ptr, old);
        else
            free(ptr);
    }
    return p;
}

void pool_release(pool *P, void *ptr, size_t old) {
    if (P && ptr && old <= POOL_MAX)
        put(P, ptr, old);
    else
        free(ptr);
}
