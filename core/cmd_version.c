/*
** cmd_version.c: spil version (also spil --version, spil -V): spil's version and schema, and
** the versions of the libraries it runs on (Lua's is the one it was built with: Lua reports no
** release at run time), and the language it speaks with where that was chosen and the Dutch
** catalogue it found.
*/
#include <stdio.h>

#include <jansson.h>
#include <lua.h>
#include <sqlite3.h>
#include <yaml.h>

#include "cli.h"
#include "lang.h"
#include "out.h"
#include "store.h"

int cmd_version(cli_opts *o) {
    const char *lua = &LUA_RELEASE[4]; /* "Lua 5.4.6" without "Lua " */
    if (o->json)
        return out_json(stdout,
                        json_pack("{s:s, s:i, s:s, s:s, s:s, s:s, s:s, s:s, s:s?}", "spil",
                                  SPIL_VERSION, "schema", STORE_SCHEMA_VERSION, "lua", lua,
                                  "sqlite", sqlite3_libversion(), "libyaml",
                                  yaml_get_version_string(), "jansson", jansson_version_str(),
                                  "lang", lang_current(), "lang_from", lang_origin(), "catalogue",
                                  lang_catalogue()))
                   ? SPIL_EXIT_INTERNAL
                   : SPIL_EXIT_OK;
    printf("spil %s (schema %d)\nLua %s\nSQLite %s\nlibyaml %s\nJansson %s\n", SPIL_VERSION,
           STORE_SCHEMA_VERSION, lua, sqlite3_libversion(), yaml_get_version_string(),
           jansson_version_str());
    const char *mo = lang_catalogue();
    /* TRANSLATORS: the language (nl, en), where it was chosen (--lang, SPIL_LANG, setting,
    ** default) and the catalogue file. */
    if (mo)
        printf(_("language %s (%s), catalogue %s\n"), lang_current(), lang_origin(), lang_esc(mo));
    else
        printf(_("language %s (%s), no Dutch catalogue found\n"), lang_current(), lang_origin());
    return SPIL_EXIT_OK;
}
