/*
** ljson.h: Lua values to JSON and back, for results that region code computes (check results,
*findings)
** and spil prints or stores. Tables with only the keys 1..n become arrays (an empty table
** becomes an empty array), other tables objects with their string keys sorted; numbers,
** booleans and strings map as themselves; functions, userdata and deeper nesting than
** LJSON_MAX_DEPTH become null. Metamethods are never called (raw access only).
*/
#ifndef SPIL_LJSON_H
#define SPIL_LJSON_H

#include <jansson.h>
#include <lua.h>

#define LJSON_MAX_DEPTH 32

/* The value at idx as JSON (a new reference), or NULL when out of memory. Leaves the stack. */
json_t *ljson_from_lua(lua_State *L, int idx);

/* Push j as Lua values: objects and arrays as tables, null as nil. Allocates in L, so it may
** raise: call it protected. */
void ljson_push(lua_State *L, json_t *j);

#endif
