/*
** grow.h: arrays that grow by doubling (grow.c), the one way core/ makes room for one more
** element in a list it collects.
*/
#ifndef SPIL_GROW_H
#define SPIL_GROW_H

#include <stddef.h>

/* Room for element n of size `size` in the array *array (a pointer to the array pointer)
** holding *cap: when n < *cap nothing changes, else the array doubles (32 at first). 0, or -1
** out of memory (the array is then untouched). */
int grow(void *array, size_t *cap, size_t n, size_t size);

#endif
