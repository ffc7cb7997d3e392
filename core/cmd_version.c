/*
** cmd_version.c: spil version (also spil --version, spil -V): spil's version and schema, and
** the versions of the libraries it runs on (Lua's is the one it was built with: Lua reports no
** release at run time).
*/
#include <stdio.h>

#include <jansson.h>
#include <lua.h>
#include <sqlite3.h>
#include <yaml.h>

#include "cli.h"
#include "out.h"
#include "store.h"

int cmd_version(cli_opts *o) {
    const char *lua = &LUA_RELEASE[4]; /* "Lua 5.4.6" without "Lua " */
    if (o->json)
        return out_json(stdout,
                        json_pack("{s:s, s:i, s:s, s:s, s:s, s:s}", "spil", SPIL_VERSION, "schema",
                                  STORE_SCHEMA_VERSION, "lua", lua, "sqlite", sqlite3_libversion(),
                                  "libyaml", yaml_get_version_string(), "jansson",
                                  jansson_version_str()))
                   ? SPIL_EXIT_INTERNAL
                   : SPIL_EXIT_OK;
    printf("spil %s (schema %d)\nLua %s\nSQLite %s\nlibyaml %s\nJansson %s\n", SPIL_VERSION,
           STORE_SCHEMA_VERSION, lua, sqlite3_libversion(), yaml_get_version_string(),
           jansson_version_str());
    return SPIL_EXIT_OK;
}
