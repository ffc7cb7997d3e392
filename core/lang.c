/*
** lang.c: the language of what spil says to the coordinator (see lang.h).
**
** gettext is set up only for nl: LC_MESSAGES is C.UTF-8 (or the user's locale when that
** cannot be had) and LANGUAGE is nl, so the Dutch catalogue is used whatever the user's
** locale, and nothing else of the locale changes (numbers keep their decimal point). en needs
** no catalogue: its texts are the msgids.
*/
#include "lang.h"

#include <libintl.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "model.h"
#include "out.h"

#define DOMAIN "spil"

static const char *current = "nl";
static const char *origin = "default";
static int fixed;   /* --lang or $SPIL_LANG chose: the database's setting does not count */
static int applied; /* gettext set up for nl */
static char found[PATH_MAX + 96];

int lang_valid(const char *code) {
    return code && (strcmp(code, "nl") == 0 || strcmp(code, "en") == 0);
}

/* The folder holding nl/LC_MESSAGES/spil.mo: next to the binary (the build tree), in
** ../share/locale from it (installed anywhere), or where it was installed (SPIL_LOCALEDIR).
** Looked for once; *found holds the file, "" when there is none. */
static char dir[PATH_MAX + 32];
static int searched;

static int find_catalogue(void) {
    if (searched) return *found != '\0';
    searched = 1;
    char exe[PATH_MAX], try[PATH_MAX + 96], a[PATH_MAX + 32], b[PATH_MAX + 32];
    const char *candidates[3] = {NULL, NULL, NULL};
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) *slash = '\0';
        snprintf(a, sizeof a, "%s/locale", exe);
        snprintf(b, sizeof b, "%s/../share/locale", exe);
        candidates[0] = a, candidates[1] = b;
    }
#ifdef SPIL_LOCALEDIR
    candidates[2] = SPIL_LOCALEDIR;
#endif
    for (int i = 0; i < 3; i++) {
        if (!candidates[i]) continue;
        snprintf(try, sizeof try, "%s/nl/LC_MESSAGES/" DOMAIN ".mo", candidates[i]);
        if (access(try, R_OK) == 0) {
            snprintf(dir, sizeof dir, "%s", candidates[i]);
            snprintf(found, sizeof found, "%s", try);
            return 1;
        }
    }
    return 0;
}

static void apply(void) {
    if (strcmp(current, "nl") != 0 || applied) return;
    applied = 1;
    if (!find_catalogue()) return;
    /* gettext ignores LANGUAGE in the locale "C"; C.UTF-8 is always there with glibc. */
    if (!setlocale(LC_MESSAGES, "C.UTF-8")) setlocale(LC_MESSAGES, "");
    setenv("LANGUAGE", "nl", 1);
    bindtextdomain(DOMAIN, dir);
    bind_textdomain_codeset(DOMAIN, "UTF-8");
}

static void set(const char *code, const char *from) {
    current = strcmp(code, "en") == 0 ? "en" : "nl";
    origin = from;
}

int lang_choose(const char *option) {
    const char *env = getenv("SPIL_LANG");
    if (option) {
        set(option, "--lang");
        fixed = 1;
    } else if (env && *env) {
        if (!lang_valid(env)) return -1;
        set(env, "SPIL_LANG");
        fixed = 1;
    }
    return 0;
}

void lang_default(const char *code) {
    if (!fixed && lang_valid(code)) set(code, "setting");
}

const char *lang_use(const char *code) {
    static const char *run; /* the run's own choice, before any test file's */
    const char *was = current;
    if (!run) run = current;
    current = lang_valid(code) ? (strcmp(code, "en") == 0 ? "en" : "nl") : run;
    return was;
}

const char *lang_origin(void) {
    return origin;
}
const char *lang_current(void) {
    return current;
}

const char *lang_catalogue(void) {
    return find_catalogue() ? found : NULL;
}

const char *lang_tr(const char *msgid) {
    if (strcmp(current, "nl") != 0 || !*msgid) return msgid;
    apply();
    return *found ? dgettext(DOMAIN, msgid) : msgid;
}

const char *lang_trn(const char *one, const char *many, unsigned long n) {
    if (strcmp(current, "nl") != 0) return n == 1 ? one : many;
    apply();
    return *found ? dngettext(DOMAIN, one, many, n) : n == 1 ? one : many;
}

const char *lang_esc(const char *s) {
    static char *ring[16];
    static int next;
    if (!s) return "";
    /* Printable ASCII needs no escaping (out_str passes it through): the text itself. */
    const unsigned char *p = (const unsigned char *)s;
    while (*p >= 0x20 && *p < 0x7F)
        p++;
    if (!*p) return s;
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f) return "?";
    out_str(f, s ? s : "");
    if (fclose(f) != 0 || !buf) return "?";
    free(ring[next]);
    ring[next] = buf;
    next = (next + 1) % 16;
    return buf;
}

const char *lang_word(const char *const *values, const char *v) {
    if (!v || strcmp(current, "nl") != 0) return v;
    const char *w = model_enum_dutch(values, v);
    return w ? w : v;
}

const char *lang_word_of(const char *field, const char *v) {
    const char *dot = field ? strchr(field, '.') : NULL;
    if (!dot || !v) return v;
    size_t n = (size_t)(dot - field);
    for (int e = 0; e < model_nentities; e++) {
        const model_entity *en = &model_entities[e];
        if (!(strlen(en->table) == n && strncmp(en->table, field, n) == 0) &&
            !(strlen(en->section) == n && strncmp(en->section, field, n) == 0))
            continue;
        int f = model_field_index(e, dot + 1);
        if (f >= 0 && en->fields[f].type == FT_ENUM) return lang_word(en->fields[f].values, v);
    }
    return v;
}
