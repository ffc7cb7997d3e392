/*
** api.h: the `spil` Lua module that region code reads its own region's data through.
**
** spil.region() returns the region; spil.municipalities(), spil.organisations(), ...
** (one function per top-level section of region.yaml, same names) return fresh lists of
** plain tables, children nested under their section name (a body's `members`, an agreement's
** `parties` and `topics`). Values are typed by the model: booleans, numbers, strings; absent
** fields are nil. The region is fixed when the module is opened: there is no way to name
** another one (spil.region("other") is an error that says so).
*/
#ifndef SPIL_API_H
#define SPIL_API_H

#include <lua.h>

struct store;

/* Push the `spil` module table bound to (st, region). st may be NULL: then every data function
** raises "no database is open". The strings are copied. */
int api_push_module(lua_State *L, struct store *st, const char *region);

#endif
