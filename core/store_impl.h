/*
** store_impl.h: for the store's own modules only (store.c, store_sql.c, store_readiness.c,
** measure.c): the SQLite handle behind a store, and how they record an error. Everything else
** goes through store.h and measure.h.
*/
#ifndef SPIL_STORE_IMPL_H
#define SPIL_STORE_IMPL_H

#include <sqlite3.h>

#include "store.h"

sqlite3 *store_sqlite(store *s);
/* Record "what: SQLite's message" as the store's error and return -1. */
int store_fail(store *s, const char *what);
/* Record a message of one's own as the store's error and return -1. */
int store_error(store *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#define BUSY_TIMEOUT_MS 5000 /* how long a writer waits for another's lock */

#endif
