/*
** test_sbx.c: unit tests of core/sbx.c, the sandbox, written from the attacker's side.
**
** Plan: sbx-1 escapes through the environment (io, os, require, load, bytecode, string.dump,
** the string metatable, __gc, the allow list itself, an error object's __tostring); sbx-2 the
** limits (the instruction budget, sticky through pcall, xpcall and coroutines; the memory cap;
** work done in C where the hook cannot see it), each followed by a fresh sandbox that works;
** sbx-3 the pattern guard; sbx-4 require; sbx-5 globals, print, the C side (sbx_call, errors).
** Every test pins the exact message a region author reads. Region folders are written below
** $SPIL_TEST_TMP/sbx, which is also the working directory, so messages read "regions/zhz/...".
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <lauxlib.h>

#include "file.h"
#include "helpers.h"
#include "sbx.h"

#define DIR    "regions/zhz"
#define BUDGET "instruction limit (1000000) exceeded"
#define MEMORY "memory limit (8 MiB) exceeded"

static const sbx_limits limits = {.instructions = 1000000, .memory = 8u * 1024 * 1024};

static void put(const char *path, const char *text) {
    th_write(path, text, strlen(text));
}

/* The sandbox's loader for these tests: the region's scripts are the files in DIR. The texts
** live in a ring (Lua copies a chunk while loading it), freed when the tests end. */
static char *texts[16];
static size_t next_text;

static const char *dir_loader(void *ud, const char *file, size_t *len) {
    (void)ud;
    char path[512];
    snprintf(path, sizeof path, "%s/%s", DIR, file);
    char **slot = &texts[next_text++ % 16];
    free(*slot);
    *slot = file_read(path, 1 << 20, len);
    return *slot;
}

static sbx *new_sbx(void) {
    char *err = NULL;
    sbx *S = sbx_new(DIR, &limits, dir_loader, NULL, &err);
    if (!S) fail_msg("sbx_new: %s", err);
    return S;
}

/* Run src as regions/zhz/t.lua in S; the error (malloc'd) or NULL. */
static char *run_in(sbx *S, const char *src) {
    char *err = NULL;
    put(DIR "/t.lua", src);
    int rc = sbx_run_script(S, "t.lua", &err);
    assert_true(rc == 0 ? err == NULL : err != NULL);
    assert_int_equal(lua_gettop(sbx_state(S)), 0);
    return err;
}

/* Run src in a fresh sandbox: it must fail with exactly `expected` (NULL: succeed). No timing
** is asserted (machines are shared and noisy): an unguarded bomb ends in another message, and
** an escape that hangs is stopped by the alarm in main. */
static void outcome(const char *src, const char *expected) {
    sbx *S = new_sbx();
    char *err = run_in(S, src);
    if (!expected) {
        if (err) fail_msg("unexpected error: %s", err);
    } else {
        if (!err) fail_msg("no error, expected: %s", expected);
        assert_string_equal(err, expected);
    }
    free(err);
    sbx_free(S);
}

/* As outcome, for a limit: the sandbox then refuses more code, and a fresh one works. */
static void stops_with(const char *src, const char *expected) {
    sbx *S = new_sbx();
    char *err = run_in(S, src);
    if (!err) fail_msg("no error, expected: %s", expected);
    assert_string_equal(err, expected);
    free(err);
    err = run_in(S, "local x = 1");
    assert_string_equal(err, "sandbox stopped after a limit was hit");
    free(err);
    sbx_free(S);
    S = new_sbx();
    err = run_in(S, "assert(1 + 1 == 2)");
    assert_null(err);
    sbx_free(S);
}

/* The value of `return <src>` as a string (malloc'd), run as chunk "=t" through sbx_call. */
static char *eval_in(sbx *S, const char *src) {
    lua_State *L = sbx_state(S);
    char *err = NULL, code[4096];
    snprintf(code, sizeof code, "return %s", src);
    assert_int_equal(luaL_loadbufferx(L, code, strlen(code), "=t", "t"), LUA_OK);
    if (sbx_call(S, 0, 1, &err)) fail_msg("error: %s", err);
    char *copy = strdup(luaL_tolstring(L, -1, NULL));
    lua_pop(L, 2);
    return copy;
}

static void returns(const char *src, const char *expected) {
    sbx *S = new_sbx();
    char *v = eval_in(S, src);
    assert_string_equal(v, expected);
    free(v);
    sbx_free(S);
}

/* ---- sbx-1: escapes through the environment ---- */

static void test_io_os_debug_package_absent(void **state) {
    (void)state;
    outcome("local f = io.open('/etc/passwd')", DIR "/t.lua:1: undeclared global 'io'");
    outcome("local x = 1\nx = debug.getinfo(1)", DIR "/t.lua:2: undeclared global 'debug'");
    outcome("return package.loadlib", DIR "/t.lua:1: undeclared global 'package'");
    outcome("dofile('x')", DIR "/t.lua:1: undeclared global 'dofile'");
    outcome("loadfile('x')", DIR "/t.lua:1: undeclared global 'loadfile'");
    outcome("collectgarbage()", DIR "/t.lua:1: undeclared global 'collectgarbage'");
    outcome("os.execute('touch pwned')",
            DIR "/t.lua:1: attempt to call a nil value (field 'execute')");
    returns("tostring(os.exit) .. tostring(os.getenv) .. tostring(os.remove)", "nilnilnil");
}

static void test_os_time_date_clock_work(void **state) {
    (void)state;
    returns("math.type(os.time()) .. type(os.clock()) .. os.date('!%Y', 0)", "integernumber1970");
}

static void test_require_io_os_debug_not_found(void **state) {
    (void)state;
#define NOT_FOUND(m)                                                                               \
    DIR "/t.lua:1: module '" m "' not found (looked in the stdlib and among the region's "         \
        "scripts for " m ".lua)"
    outcome("require 'io'", NOT_FOUND("io"));
    outcome("require('os')", NOT_FOUND("os"));
    outcome("local d = require 'debug'", NOT_FOUND("debug"));
}

static void test_binary_chunks_refused(void **state) {
    (void)state;
    /* string.dump is gone, so a bytecode header is built by hand */
    outcome("local f, e = load('\\27Lua\\84\\0\\25\\147\\r\\n\\26\\n\\4\\8\\8xV')\n"
            "assert(f == nil)\nerror(e, 0)",
            DIR "/t.lua:3: attempt to load a binary chunk (mode is 't')");
    outcome("load('return 1', 'x', 'b')",
            DIR "/t.lua:1: load: only text chunks are allowed in region code");
    outcome("local f = load('return 1', 'x', 'bt')",
            DIR "/t.lua:1: load: only text chunks are allowed in region code");
    returns("load('return 1', 'x', 't')()", "1");
}

static void test_load_sees_the_region_globals(void **state) {
    (void)state;
    outcome("local f = load('return io')\nf()", "[string \"return io\"]:1: undeclared global 'io'");
    outcome("load('x = 1')()", "[string \"x = 1\"]:1: assignment to undeclared global 'x'");
    returns("load('return x + 1', 'c', 't', {x = 41})()", "42");
    returns("load('return string.rep(\"a\", 3)')()", "aaa");
}

static void test_string_dump_gone(void **state) {
    (void)state;
    returns("tostring(string.dump) .. tostring(('').dump) .. tostring(('x').dump)", "nilnilnil");
}

static void test_string_metatable_locked(void **state) {
    (void)state;
    returns("tostring(getmetatable(''))", "false");
    outcome("local s = getmetatable('').__index", DIR "/t.lua:1: attempt to index a boolean value");
    returns("('abc'):upper() .. ('x'):rep(2)", "ABCxx");
}

static void test_gc_metamethods_refused(void **state) {
    (void)state;
    outcome("setmetatable({}, {__gc = function() while true do end end})",
            DIR "/t.lua:1: setmetatable: __gc metamethods are not allowed in region code");
    /* a __gc that exists at setmetatable time marks the object, whatever it holds then */
    outcome("local mt = {__gc = false}\nsetmetatable({}, mt)",
            DIR "/t.lua:2: setmetatable: __gc metamethods are not allowed in region code");
    outcome("setmetatable(_G, nil)", DIR "/t.lua:1: cannot change a protected metatable");
    /* added later, __gc does not mark the object: nothing runs at lua_close */
    outcome("local mt = {}\nlocal t = setmetatable({}, mt)\n"
            "mt.__gc = function() while true do end end",
            NULL);
}

/* Walk everything reachable from the globals: a Lua upgrade that adds a function changes
** nothing, and a function left out by mistake shows here. */
static void test_allow_list(void **state) {
    (void)state;
    returns(
        "(function() local out = {}\n"
        "for k, v in pairs(_G) do\n"
        "  if type(v) == 'table' and k ~= '_G' and k ~= 'spil' then\n"
        "    for f in pairs(v) do out[#out + 1] = k .. '.' .. f end\n"
        "  else out[#out + 1] = k end\n"
        "end\n"
        "table.sort(out) return table.concat(out, ' ') end)()",
        "_G _VERSION assert coroutine.close coroutine.create coroutine.isyieldable "
        "coroutine.resume coroutine.running coroutine.status coroutine.wrap coroutine.yield error "
        "getmetatable ipairs load math.abs math.acos math.asin math.atan math.ceil math.cos "
        "math.deg math.exp math.floor math.fmod math.huge math.log math.max math.maxinteger "
        "math.min math.mininteger math.modf math.pi math.rad math.random math.randomseed math.sin "
        "math.sqrt math.tan math.tointeger math.type math.ult next os.clock os.date os.time pairs "
        "pcall print rawequal rawget rawlen rawset require select setmetatable string.byte "
        "string.char string.find string.format string.gmatch string.gsub string.len string.lower "
        "string.match string.pack string.packsize string.rep string.reverse string.sub "
        "string.unpack string.upper table.concat table.insert table.move table.pack table.remove "
        "table.sort table.unpack tonumber tostring type utf8.char utf8.charpattern utf8.codepoint "
        "utf8.codes utf8.len utf8.offset xpcall");
}

static void test_error_object_tostring_not_called(void **state) {
    (void)state;
    outcome("error(setmetatable({}, {__tostring = function() while true do end end}))",
            DIR "/t.lua:1: error object is a table value, not a text");
    outcome("error(42)", "42");
    outcome("local x = 1\nerror()", DIR "/t.lua:2: error object is a nil value, not a text");
}

/* Errors that do not say where they come from get the line that raised them, and a place
** repeated at every level of a recursion is said once. */
static void test_errors_say_where(void **state) {
    (void)state;
    /* (the Lua stack itself overflows past 8 MiB, this sandbox's memory: see the corpus) */
    /* pcall nested 200 deep is Lua's "C stack overflow", raised inside pcall (no line), and
    ** error(e) adds the line again at each of the 200 levels. */
    outcome("local function f(n)\n  local ok, e = pcall(f, n + 1)\n  error(e)\nend\nf(1)",
            DIR "/t.lua:3: stack overflow");
    outcome("local function f(n)\n  local ok, e = pcall(f, n + 1)\n  error(e, 0)\nend\nf(1)",
            DIR "/t.lua:3: stack overflow");
    outcome("local t = setmetatable({}, {__index = function(t, k) return t[k] end})\n"
            "return t.x",
            DIR "/t.lua:1: stack overflow");
    outcome("error('plain', 0)", DIR "/t.lua:1: plain");
    /* different places are both kept: where it was raised again, and where it came from */
    outcome("local ok, e = pcall(error, 'inner')\nerror(e)", DIR "/t.lua:2: inner");
    outcome("local ok, e = pcall(function()\n  error('inner')\nend)\nerror(e)",
            DIR "/t.lua:4: " DIR "/t.lua:2: inner");
}

/* A module that requires itself, directly or through others, is named with the chain instead
** of recursing into "C stack overflow"; a module that failed can be required again. */
static void test_require_cycle(void **state) {
    (void)state;
    mkdir(DIR "/cyc", 0755);
    put(DIR "/cyc/a.lua", "return require('cyc.b')\n");
    put(DIR "/cyc/b.lua", "local x = 1\nreturn require('cyc.a')\n");
    put(DIR "/cyc/self.lua", "return require 'cyc.self'\n");
    outcome("require('cyc.a')",
            DIR "/cyc/b.lua:2: require cycle: cyc/a.lua -> cyc/b.lua -> cyc/a.lua");
    outcome("require('cyc.self')",
            DIR "/cyc/self.lua:1: require cycle: cyc/self.lua -> cyc/self.lua");
    put(DIR "/cyc/flaky.lua", "local n = rawget(_G, 'n') or 0\nrawset(_G, 'n', n + 1)\n"
                              "if n == 0 then error('first time') end\nreturn n\n");
    returns("select(2, pcall(require, 'cyc.flaky')) .. ' ' .. require('cyc.flaky')",
            DIR "/cyc/flaky.lua:3: first time 1");
}

/* ---- sbx-2: limits ---- */

static void test_loop_stops(void **state) {
    (void)state;
    stops_with("local x = 0\nwhile true do x = x + 1 end", DIR "/t.lua:2: " BUDGET);
}

static void test_pcall_cannot_swallow_the_budget(void **state) {
    (void)state;
    stops_with("pcall(function() while true do end end)\nwhile true do end",
               DIR "/t.lua:1: " BUDGET);
    stops_with("for i = 1, 1e9 do pcall(error) end", DIR "/t.lua:1: " BUDGET);
    stops_with("local function f() while true do end end\n"
               "while true do pcall(pcall, f) end",
               DIR "/t.lua:1: " BUDGET);
}

static void test_xpcall_handler_runs_under_the_budget(void **state) {
    (void)state;
    stops_with("local function loop() while true do end end\nxpcall(loop, loop)",
               DIR "/t.lua:1: " BUDGET);
    stops_with("xpcall(error, function() while true do end end)", DIR "/t.lua:1: " BUDGET);
}

static void test_coroutines_stop(void **state) {
    (void)state;
    stops_with("coroutine.wrap(function()\n  while true do end\nend)()", DIR "/t.lua:2: " BUDGET);
    /* after a hook error the coroutine keeps hooks disabled: its __close must never run */
    stops_with("local f = coroutine.wrap(function()\n"
               "  local x <close> = setmetatable({}, {__close = function() while true do end "
               "end})\n"
               "  while true do end\n"
               "end)\n"
               "f()",
               DIR "/t.lua:3: " BUDGET);
    stops_with("coroutine.wrap(function()\n"
               "  local co = coroutine.create(function()\n"
               "    local x <close> = setmetatable({}, {__close = function() while true do end "
               "end})\n"
               "    while true do end\n"
               "  end)\n"
               "  coroutine.resume(co)\n"
               "  coroutine.close(co)\n"
               "end)()",
               DIR "/t.lua:4: " BUDGET);
    stops_with("local co = coroutine.create(function()\n"
               "  local x <close> = setmetatable({}, {__close = function() while true do end "
               "end})\n"
               "  while true do end\n"
               "end)\n"
               "coroutine.resume(co)\ncoroutine.close(co)",
               DIR "/t.lua:3: " BUDGET);
    /* each new coroutine has a fresh hook count: creating many must not run for free */
    stops_with("for n = 1, 5000 do coroutine.wrap(function() for i = 1, 300 do end end)() end",
               DIR "/t.lua:1: " BUDGET);
}

/* sbx_renew (the REPL after a limit): the same state goes on with a fresh budget and its
** globals; the budget holds again; a coroutine the limit tripped in is never reset or closed,
** since its hooks stay off. */
static void test_renew_keeps_the_state(void **state) {
    (void)state;
    sbx *S = new_sbx();
    assert_null(run_in(S, "rawset(_G, 'kept', 41)"));
    char *err = run_in(S, "while true do end");
    assert_string_equal(err, DIR "/t.lua:1: " BUDGET);
    free(err);
    err = run_in(S, "kept = kept + 1");
    assert_string_equal(err, "sandbox stopped after a limit was hit");
    free(err);
    sbx_renew(S);
    assert_null(run_in(S, "kept = kept + 1"));
    char *v = eval_in(S, "kept");
    assert_string_equal(v, "42");
    free(v);
    err = run_in(S, "for i = 1, 1e12 do end");
    assert_string_equal(err, DIR "/t.lua:1: " BUDGET);
    free(err);
    sbx_renew(S);
    err = run_in(S, "rawset(_G, 'co', coroutine.create(function()\n"
                    "  local x <close> = setmetatable({}, {__close = function() while true do end "
                    "end})\n"
                    "  while true do end\n"
                    "end))\n"
                    "coroutine.resume(co)");
    assert_string_equal(err, DIR "/t.lua:3: " BUDGET);
    free(err);
    sbx_renew(S);
    err = run_in(S, "coroutine.close(co)");
    assert_non_null(strstr(err, "cannot close a coroutine stopped by a limit"));
    free(err);
    err = run_in(S, "rawset(_G, 'f', coroutine.wrap(function()\n"
                    "  local x <close> = setmetatable({}, {__close = function() while true do end "
                    "end})\n"
                    "  while true do end\n"
                    "end))\n"
                    "f()");
    assert_string_equal(err, DIR "/t.lua:3: " BUDGET);
    free(err);
    sbx_renew(S);
    err = run_in(S, "f()"); /* resumed again: dead, and not reset (its __close would run free) */
    assert_non_null(err);
    assert_null(strstr(err, "limit"));
    free(err);
    assert_null(run_in(S, "assert(kept == 42)"));
    sbx_free(S);
}

static void test_memory_bombs_stop(void **state) {
    (void)state;
    stops_with("local s = string.rep('x', 1e9)", DIR "/t.lua: " MEMORY);
    stops_with("local s = 'x'\nfor i = 1, 40 do s = s .. s end", DIR "/t.lua: " MEMORY);
    stops_with("local t = {}\nfor i = 1, 1e7 do t[i] = i end", DIR "/t.lua:2: " MEMORY);
    stops_with("print(pcall(string.rep, 'x', 1e9))\nlocal s = 'x'", DIR "/t.lua: " MEMORY);
}

static void test_memory_is_given_back(void **state) {
    (void)state;
    /* 30 MB allocated in all, 100 kB at a time, under a cap of 8 MiB: the count follows frees */
    outcome("for i = 1, 300 do local s = ('x'):rep(100000) .. i end", NULL);
}

/* A request refused, then granted after Lua's emergency collection, is no limit hit: the script
** goes on, and pcall catches errors as usual. */
static void test_memory_recovered_by_collection(void **state) {
    (void)state;
    outcome("local a = ('x'):rep(4e6)\na = nil\nlocal y, z = ('y'):rep(1.2e6), ('z'):rep(1.2e6)\n"
            "local b = y .. z\nassert(not pcall(error, 'caught'))",
            NULL);
}

static void test_tiny_memory_limit(void **state) {
    (void)state;
    sbx_limits tiny = {.memory = 4096};
    char *err = NULL;
    assert_null(sbx_new(DIR, &tiny, dir_loader, NULL, &err));
    assert_non_null(err);
    assert_non_null(strstr(err, "memory limit (0.00390625 MiB) exceeded"));
    free(err);
}

/* C functions run where the hook cannot see: loops in C are charged or refused. */
static void test_c_loops_stop(void **state) {
    (void)state;
    stops_with("local s = string.rep('', 1e15)", DIR "/t.lua:1: " BUDGET);
    stops_with("local s = string.rep('', -1e15)\nwhile true do end", DIR "/t.lua:2: " BUDGET);
    stops_with("table.move({}, 1, 1e15, 2)", DIR "/t.lua:1: " BUDGET);
    stops_with("local t = {}\nfor i = 60, 0, -1 do t[1 << i] = 1 end\ntable.insert(t, 1, 0)",
               DIR "/t.lua:3: " BUDGET);
    stops_with("local t = {}\nfor i = 60, 0, -1 do t[1 << i] = 1 end\nlocal s = table.concat(t)",
               DIR "/t.lua:3: " BUDGET);
    outcome("local t = setmetatable({}, {__len = function() return 1e15 end})\n"
            "table.remove(t, 1)",
            DIR "/t.lua:2: table.remove: tables with a __len metamethod are not allowed in region "
                "code");
    returns("(function() local t = {3, 1, 2} table.insert(t, 1, 4) table.sort(t)\n"
            "table.remove(t, 1) return table.concat(t, ',') end)()",
            "2,3,4");
}

/* ---- sbx-3: the pattern guard ---- */

static void test_pattern_bomb_refused(void **state) {
    (void)state;
    outcome("local r = ('a'):rep(2000):find('.-.-.-.-b')",
            DIR "/t.lua:1: pattern too complex for a subject of 2000 bytes (4 quantifiers)");
    /* n^q = 4e6 only, but every start of the search rescans: 15 s unguarded */
    outcome("local r = string.find(('a'):rep(2000), '.-.-b')",
            DIR "/t.lua:1: pattern too complex for a subject of 2000 bytes (2 quantifiers)");
    outcome("for w in ('a'):rep(1e5):gmatch('a-b') do end",
            DIR "/t.lua:1: pattern too complex for a subject of 100000 bytes (1 quantifiers)");
    outcome("local s = ('a'):rep(1e6)\nlocal r = s:find(('a'):rep(1e5) .. 'b', 1, true)",
            DIR "/t.lua:2: pattern too long (100001 bytes) for a subject of 1000000 bytes");
}

static void test_patterns_in_normal_use(void **state) {
    (void)state;
    returns("select(3, ('key = value'):find('^(%w+)%s*=%s*(%w+)$'))", "key");
    returns("(('a  b   c'):rep(1000, ' '):gsub('%s+', ' ')) == ('a b c'):rep(1000, ' ')", "true");
    returns("(('x'):rep(1e5) .. '.-.-b'):find('.-.-b', 1, true)", "100001");
    returns("select(2, ('[a]'):rep(3000):gsub('%b[]', ''))", "3000");
}

static void test_library_errors_name_the_caller(void **state) {
    (void)state;
    outcome("local x = 1\nlocal r = string.find(nil, 'x')",
            DIR "/t.lua:2: bad argument #1 to 'string.find' (string expected, got nil)");
    outcome("local r = ('x'):find('%')", DIR "/t.lua:1: malformed pattern (ends with '%')");
    outcome("table.insert({}, 1, 2, 3)", DIR "/t.lua:1: wrong number of arguments to 'insert'");
}

/* ---- sbx-4: require ---- */

static void test_require_region_module(void **state) {
    (void)state;
    mkdir(DIR "/lib", 0755);
    put(DIR "/lib/util.lua", "local M = {}\nfunction M.twice(x) return 2 * x end\nreturn M\n");
    returns("require('lib.util') == require 'lib.util' and require('lib.util').twice(21)", "42");
    put(DIR "/lib/broken.lua", "local M = {}\nreturn M.x.y\n");
    outcome("local b = require 'lib.broken'",
            DIR "/lib/broken.lua:2: attempt to index a nil value (field 'x')");
    put(DIR "/lib/syntax.lua", "return = 1\n");
    outcome("require 'lib.syntax'", DIR "/lib/syntax.lua:1: unexpected symbol near '='");
}

static void test_require_bad_names_refused(void **state) {
    (void)state;
    static const char *const bad[] = {"../x", "a/b", ".x", "x.", "a..b", "", "/etc/passwd"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        char src[128], msg[256];
        snprintf(src, sizeof src, "require('%s')", bad[i]);
        snprintf(msg, sizeof msg,
                 DIR "/t.lua:1: require: bad module name '%s' (use letters, digits and _, parts "
                     "separated by dots: 'checks', 'lib.util')",
                 bad[i]);
        outcome(src, msg);
    }
}

static void test_require_stdlib_first(void **state) {
    (void)state;
    mkdir("stdlib", 0755);
    mkdir("stdlib/x", 0755);
    mkdir(DIR "/x", 0755);
    put("stdlib/x/y.lua", "return 'stdlib'");
    put(DIR "/x/y.lua", "return 'region'");
    put(DIR "/x/z.lua", "return 'region'");
    setenv("SPIL_STDLIB", "stdlib", 1);
    returns("require('x.y') .. ' ' .. require('x.z')", "stdlib region");
    put("stdlib/x/bad.lua", "error('oops')");
    outcome("require 'x.bad'", "stdlib/x/bad.lua:1: oops");
    unsetenv("SPIL_STDLIB");
}

static int push_module(lua_State *L) {
    lua_newtable(L);
    lua_pushliteral(L, "given");
    lua_setfield(L, -2, "what");
    return 1;
}

/* The modules a sandbox's creator gives (the runtime gives spil so): required, and global. */
static void test_provided_modules(void **state) {
    (void)state;
    sbx *S = new_sbx();
    char *err = NULL;
    assert_int_equal(sbx_protect(S, push_module, NULL, 0, 1, &err), 0);
    assert_int_equal(sbx_provide(S, "m", 1, &err), 0);
    assert_int_equal(sbx_protect(S, push_module, NULL, 0, 1, &err), 0);
    assert_int_equal(sbx_provide(S, "only.required", 0, &err), 0);
    char *v = eval_in(S, "require('m') == m and m.what .. ' ' .. require('only.required').what");
    assert_string_equal(v, "given given");
    free(v);
    assert_int_equal(lua_gettop(sbx_state(S)), 0);
    sbx_free(S);
    outcome("return only", DIR "/t.lua:1: undeclared global 'only'");
}

/* ---- sbx-5: globals, print, the C side ---- */

static void test_undeclared_globals(void **state) {
    (void)state;
    outcome("local a = 1\nlocal b = undefined_thing",
            DIR "/t.lua:2: undeclared global 'undefined_thing'");
    outcome("\n\nx = 1", DIR "/t.lua:3: assignment to undeclared global 'x'");
    outcome("function f() end", DIR "/t.lua:1: assignment to undeclared global 'f'");
    returns("(function() rawset(_G, 'y', 1) y = y + 1 return y end)()", "2");
}

/* Run src in a fresh sandbox with stdout and stderr captured: what went to stderr (malloc'd);
** *err gets the error, if any. Nothing may go to stdout. */
static char *stderr_of(const char *src, char **err) {
    FILE *out = tmpfile(), *errf = tmpfile();
    int saved_out = dup(1), saved_err = dup(2);
    fflush(stdout);
    fflush(stderr);
    dup2(fileno(out), 1);
    dup2(fileno(errf), 2);
    sbx *S = new_sbx();
    put(DIR "/t.lua", src);
    sbx_run_script(S, "t.lua", err);
    sbx_free(S);
    fflush(stdout);
    fflush(stderr);
    dup2(saved_out, 1);
    dup2(saved_err, 2);
    close(saved_out);
    close(saved_err);
    char buf[256];
    rewind(out);
    assert_int_equal(fread(buf, 1, sizeof buf - 1, out), 0);
    rewind(errf);
    buf[fread(buf, 1, sizeof buf - 1, errf)] = '\0';
    fclose(out);
    fclose(errf);
    return strdup(buf);
}

static void test_print_goes_to_stderr(void **state) {
    (void)state;
    char *err = NULL;
    char *text = stderr_of(
        "print('a', 1, nil, true, setmetatable({}, {__tostring = function() return 'T' end}))",
        &err);
    assert_null(err);
    assert_string_equal(text, "a\t1\tnil\ttrue\tT\n");
    free(text);
}

/* load catches an error in its reader, as pcall would: the budget stays spent all the same. */
static void test_no_code_runs_after_the_budget(void **state) {
    (void)state;
    char *err = NULL;
    char *text =
        stderr_of("local f = load(function() while true do end end)\nprint('escaped')", &err);
    assert_string_equal(err, DIR "/t.lua:1: " BUDGET);
    assert_string_equal(text, "");
    free(err);
    free(text);
}

static void test_run_file_errors(void **state) {
    (void)state;
    sbx *S = new_sbx();
    char *err = NULL;
    assert_int_not_equal(sbx_run_script(S, "nope.lua", &err), 0);
    assert_string_equal(err, DIR "/nope.lua: no such script");
    free(err);
    assert_int_not_equal(sbx_run_script(S, "../zhz/t.lua", &err), 0);
    assert_string_equal(err,
                        "bad script name '../zhz/t.lua' (a path inside " DIR ", without '..')");
    free(err);
    err = run_in(S, "x = = 1");
    assert_string_equal(err, DIR "/t.lua:1: unexpected symbol near '='");
    free(err);
    err = run_in(S, "error('plain')"); /* an ordinary error does not stop the sandbox */
    assert_string_equal(err, DIR "/t.lua:1: plain");
    free(err);
    assert_int_equal(sbx_run_string(S, "=stdin", "local x = 1", 11, &err), 0);
    assert_null(err);
    sbx_free(S);
}

static void test_call_with_arguments(void **state) {
    (void)state;
    sbx *S = new_sbx();
    lua_State *L = sbx_state(S);
    char *err = NULL;
    const char *src = "return function(a, b) if b == 0 then error('b is 0') end return a // b end";
    assert_int_equal(luaL_loadbufferx(L, src, strlen(src), "@" DIR "/div.lua", "t"), LUA_OK);
    assert_int_equal(sbx_call(S, 0, 1, &err), 0);
    lua_pushvalue(L, 1);
    lua_pushinteger(L, 85);
    lua_pushinteger(L, 2);
    assert_int_equal(sbx_call(S, 2, 1, &err), 0);
    assert_int_equal(lua_tointeger(L, -1), 42);
    lua_pop(L, 1);
    lua_pushvalue(L, 1);
    lua_pushinteger(L, 1);
    lua_pushinteger(L, 0);
    assert_int_not_equal(sbx_call(S, 2, 1, &err), 0);
    assert_string_equal(err, DIR "/div.lua:1: b is 0");
    free(err);
    assert_int_equal(lua_gettop(L), 1); /* the stack is restored */
    lua_pop(L, 1);
    sbx_free(S);
}

static void test_pcall_xpcall_still_work(void **state) {
    (void)state;
    returns("select(2, pcall(error, 'e', 0))", "e");
    returns("select(2, xpcall(function(a) error(a, 0) end, function(m) return 'h:' .. m end, "
            "'x'))",
            "h:x");
    returns("select('#', pcall(function(...) return ... end, 1, 2, 3))", "4");
    /* pcall stays yieldable inside a coroutine */
    returns("coroutine.wrap(function() pcall(coroutine.yield, 'y') end)()", "y");
    outcome("coroutine.wrap(function() error('in co') end)()",
            DIR "/t.lua:1: in co"); /* said once, though co_call adds the place again */
}

static void test_regions_are_isolated(void **state) {
    (void)state;
    sbx *a = new_sbx(), *b = new_sbx();
    char *v =
        eval_in(a, "(function() rawset(_G, 'secret', 'a') string.upper = nil return 'ok' end)()");
    assert_string_equal(v, "ok");
    free(v);
    v = eval_in(b, "tostring(rawget(_G, 'secret')) .. ('x'):upper()");
    assert_string_equal(v, "nilX");
    free(v);
    sbx_free(a);
    sbx_free(b);
}

static int free_texts(void **state) {
    (void)state;
    for (size_t i = 0; i < 16; i++)
        free(texts[i]);
    return 0;
}

static int setup_dir(void **state) {
    (void)state;
    char *path = th_tmp_path(NULL, "sbx");
    th_mkdirs(path);
    int rc = chdir(path);
    free(path);
    if (rc != 0) return -1;
    th_mkdirs(DIR);
    return 0;
}

int main(void) {
    alarm(60); /* an escape shows as a hang: fail instead of waiting for ctest's timeout */
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_io_os_debug_package_absent),
        cmocka_unit_test(test_os_time_date_clock_work),
        cmocka_unit_test(test_require_io_os_debug_not_found),
        cmocka_unit_test(test_binary_chunks_refused),
        cmocka_unit_test(test_load_sees_the_region_globals),
        cmocka_unit_test(test_string_dump_gone),
        cmocka_unit_test(test_string_metatable_locked),
        cmocka_unit_test(test_gc_metamethods_refused),
        cmocka_unit_test(test_allow_list),
        cmocka_unit_test(test_error_object_tostring_not_called),
        cmocka_unit_test(test_loop_stops),
        cmocka_unit_test(test_pcall_cannot_swallow_the_budget),
        cmocka_unit_test(test_xpcall_handler_runs_under_the_budget),
        cmocka_unit_test(test_coroutines_stop),
        cmocka_unit_test(test_renew_keeps_the_state),
        cmocka_unit_test(test_memory_bombs_stop),
        cmocka_unit_test(test_memory_is_given_back),
        cmocka_unit_test(test_memory_recovered_by_collection),
        cmocka_unit_test(test_tiny_memory_limit),
        cmocka_unit_test(test_c_loops_stop),
        cmocka_unit_test(test_pattern_bomb_refused),
        cmocka_unit_test(test_patterns_in_normal_use),
        cmocka_unit_test(test_library_errors_name_the_caller),
        cmocka_unit_test(test_require_region_module),
        cmocka_unit_test(test_require_cycle),
        cmocka_unit_test(test_errors_say_where),
        cmocka_unit_test(test_require_bad_names_refused),
        cmocka_unit_test(test_require_stdlib_first),
        cmocka_unit_test(test_provided_modules),
        cmocka_unit_test(test_undeclared_globals),
        cmocka_unit_test(test_print_goes_to_stderr),
        cmocka_unit_test(test_no_code_runs_after_the_budget),
        cmocka_unit_test(test_run_file_errors),
        cmocka_unit_test(test_call_with_arguments),
        cmocka_unit_test(test_pcall_xpcall_still_work),
        cmocka_unit_test(test_regions_are_isolated),
    };
    return cmocka_run_group_tests_name("sbx", tests, setup_dir, free_texts);
}
