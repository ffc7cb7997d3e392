/*
** ljson.h: Lua values to JSON and back, for results that region code computes (check results,
*findings)
** and spil prints or stores. Tables with only the keys 1..n become arrays (an empty table
** becomes an empty array), other tables objects with their string keys sorted; numbers,
** booleans and strings map as themselves; functions, userdata and deeper nesting than
** LJSON_MAX_DEPTH become null. Metamethods are never called (raw access only). A value past
** the limits below is refused as a whole, never cut.
*/
#ifndef SPIL_LJSON_H
#define SPIL_LJSON_H

#include <jansson.h>
#include <lua.h>

#define LJSON_MAX_DEPTH 32
/* The bounds of one value converted to JSON: values (every table, key and scalar, a table
** counted each time a reference reaches it), bytes of text (keys and strings), and the memory
** Jansson may hold for it. */
#define LJSON_MAX_VALUES 100000
#define LJSON_MAX_BYTES  8388608
#define LJSON_MAX_JSON   67108864
#define LJSON_STR_(x)    #x
#define LJSON_STR(x)     LJSON_STR_(x)

/* The value at idx as JSON (a new reference); NULL when out of memory or past a limit, with
** *why saying which ("more than 100000 values (...)"). Leaves the stack. */
json_t *ljson_from_lua(lua_State *L, int idx, const char **why);

/* Push j as Lua values: objects and arrays as tables, null as nil. Allocates in L, so it may
** raise: call it protected. */
void ljson_push(lua_State *L, json_t *j);

#endif
