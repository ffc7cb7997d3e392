/*
** test_ljson.c: unit tests of core/ljson.c, Lua values to JSON and back.
**
** Plan: ljson-1 what values become (arrays, objects with sorted keys, scalars, the depth cut,
** and back to Lua); ljson-2 the bounds: shared references counted each time they are reached
** (t.a = t; t.b = t, a thousand references to a table of a thousand) and a text too long are
** refused with the limit named, quickly, and the Lua stack is left as it was.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>
#include <lauxlib.h>
#include <lualib.h>

#include "ljson.h"

/* The JSON text of what chunk src returns, or "refused: <why>"; malloc'd. */
static char *convert(const char *src) {
    lua_State *L = luaL_newstate();
    luaL_openlibs(L);
    assert_int_equal(luaL_dostring(L, src), LUA_OK);
    int top = lua_gettop(L);
    const char *why = NULL;
    json_t *j = ljson_from_lua(L, -1, &why);
    assert_int_equal(lua_gettop(L), top);
    char *out;
    if (j) {
        out = json_dumps(j, JSON_COMPACT | JSON_ENCODE_ANY);
        json_decref(j);
    } else {
        out = malloc(strlen(why) + 10);
        strcpy(out, "refused: ");
        strcat(out, why);
    }
    lua_close(L);
    return out;
}

static void converts(const char *src, const char *want) {
    char *got = convert(src);
    assert_string_equal(got, want);
    free(got);
}

/* ljson-1.1: arrays, objects (string keys, sorted), scalars; functions become null. */
static void test_values(void **state) {
    (void)state;
    converts("return {3, 'a', true, 1.5}", "[3,\"a\",true,1.5]");
    converts("return {b = 1, a = {}, c = {x = false}}", "{\"a\":[],\"b\":1,\"c\":{\"x\":false}}");
    converts("return {f = print}", "{\"f\":null}");
    converts("return 'x\\0y'", "\"x\\u0000y\"");
}

/* ljson-1.2: nesting past LJSON_MAX_DEPTH becomes null; a table reached twice is written twice. */
static void test_depth_and_sharing(void **state) {
    (void)state;
    char *got = convert("local t = {} for i = 1, 40 do t = {t} end return t");
    assert_non_null(strstr(got, "[null]"));
    assert_int_equal(strspn(got, "["), LJSON_MAX_DEPTH);
    free(got);
    converts("local s = {1} return {s, s}", "[[1],[1]]");
}

/* ljson-1.3: back to Lua. */
static void test_push(void **state) {
    (void)state;
    lua_State *L = luaL_newstate();
    luaL_openlibs(L);
    json_t *j = json_pack("{s:[i,s],s:b}", "a", 1, "x", "t", 1);
    ljson_push(L, j);
    lua_setglobal(L, "v");
    assert_int_equal(luaL_dostring(L, "return v.a[1] + #v.a[2] + (v.t and 1 or 0)"), LUA_OK);
    assert_int_equal(lua_tointeger(L, -1), 3);
    json_decref(j);
    lua_close(L);
}

static double seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* ljson-2.1: t.a = t; t.b = t is 2^32 values at depth 32: refused at the limit, at once. */
static void test_shared_references_refused(void **state) {
    (void)state;
    double t0 = seconds();
    converts("local t = {} t.a = t t.b = t return {subject = t}",
             "refused: more than 100000 values (a table reached through several references "
             "counts each time)");
    /* a thousand references to one table of a thousand texts */
    converts("local row = {} for i = 1, 1000 do row[i] = 'waarde ' .. i end\n"
             "local rows = {} for i = 1, 1000 do rows[i] = row end return rows",
             "refused: more than 100000 values (a table reached through several references "
             "counts each time)");
    assert_true(seconds() - t0 < 2.0);
    /* just within: 99,999 values (the array and its items) */
    char *got = convert("local t = {} for i = 1, 99999 do t[i] = i end return t");
    assert_int_equal(strncmp(got, "[1,2,3,", 7), 0);
    free(got);
}

/* ljson-2.2: more than 8 MiB of text in keys and strings. */
static void test_text_limit(void **state) {
    (void)state;
    converts("return {a = string.rep('x', 8388608)}", "refused: more than 8388608 bytes of text");
    converts(
        "local s = string.rep('x', 1048576) local t = {} for i = 1, 9 do t[i] = s end return t",
        "refused: more than 8388608 bytes of text");
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_values),     cmocka_unit_test(test_depth_and_sharing),
        cmocka_unit_test(test_push),       cmocka_unit_test(test_shared_references_refused),
        cmocka_unit_test(test_text_limit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
