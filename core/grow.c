/*
** grow.c: arrays that grow by doubling (see grow.h).
*/
#include "grow.h"

#include <stdlib.h>

int grow(void *array, size_t *cap, size_t n, size_t size) {
    if (n < *cap) return 0;
    size_t c = *cap ? 2 * *cap : 32;
    void *p = realloc(*(void **)array, c * size);
    if (!p) return -1;
    *(void **)array = p;
    *cap = c;
    return 0;
}
