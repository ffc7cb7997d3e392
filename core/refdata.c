/*
** refdata.c: reference data compiled into the binary (see refdata.h).
**
** The build embeds data/municipalities-2024.csv and every .lua and .yaml file under stdlib/ as
** byte arrays (cmake/embed.cmake writes embedded.c), and the stdlib's bytecode
** (tools/precompile.c writes embedded_bytecode.c). The CSV is parsed once, on first use, into
** a static table; its strings point into one copy owned by this module for the life of the process.
*/
#include "refdata.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "file.h"

struct embedded_file {
    const char *name;
    const char *data;
    size_t len;
};
extern const struct embedded_file embedded_files[];
extern const struct embedded_file embedded_bytecode[]; /* tools/precompile.c */
extern const char embedded_stdlib_digest[];

#define MAX_MUNICIPALITIES 512

static ref_municipality municipalities[MAX_MUNICIPALITIES];
static size_t nmunicipalities;
static char *csv_copy;

static const struct embedded_file *embedded(const char *name) {
    for (const struct embedded_file *f = embedded_files; f->name; f++)
        if (strcmp(f->name, name) == 0) return f;
    return NULL;
}

/* Split one CSV line in place into at most max fields; handles "quoted, fields". */
static int split_csv(char *line, char **fields, int max) {
    int n = 0;
    char *p = line;
    while (n < max) {
        char *out = p;
        fields[n++] = p;
        if (*p == '"') {
            char *q = p + 1;
            while (*q && !(*q == '"' && q[1] != '"')) {
                if (*q == '"') q++;
                *out++ = *q++;
            }
            p = *q ? q + 1 : q;
        } else {
            while (*p && *p != ',')
                *out++ = *p++;
        }
        int more = *p == ',';
        *out = '\0';
        if (!more) break;
        p++;
    }
    return n;
}

static void load_municipalities(void) {
    if (csv_copy) return;
    const struct embedded_file *f = embedded("data/municipalities-2024.csv");
    if (!f || !(csv_copy = malloc(f->len + 1))) abort(); /* the build always embeds it */
    memcpy(csv_copy, f->data, f->len);
    csv_copy[f->len] = '\0';
    char *save = NULL;
    strtok_r(csv_copy, "\n", &save); /* header */
    for (char *line = strtok_r(NULL, "\n", &save); line && nmunicipalities < MAX_MUNICIPALITIES;
         line = strtok_r(NULL, "\n", &save)) {
        line[strcspn(line, "\r")] = '\0';
        /* cbs_code,name,province,province_code,safety_region_code,safety_region,ggd_region */
        char *fields[7];
        if (split_csv(line, fields, 7) != 7) continue;
        municipalities[nmunicipalities++] = (ref_municipality){
            .code = fields[0],
            .name = fields[1],
            .province = fields[2],
            .province_code = fields[3],
            .safety_region = fields[5],
            .ggd_region = fields[6],
        };
    }
}

const ref_municipality *ref_municipalities(size_t *n) {
    load_municipalities();
    *n = nmunicipalities;
    return municipalities;
}

/* The municipalities by CBS code, for lookups (the table itself keeps the file's order). */
static const ref_municipality *by_code[MAX_MUNICIPALITIES];

static int compare_codes(const void *a, const void *b) {
    return strcmp((*(const ref_municipality *const *)a)->code,
                  (*(const ref_municipality *const *)b)->code);
}

const ref_municipality *ref_municipality_find(const char *code) {
    load_municipalities();
    if (!by_code[0] && nmunicipalities) {
        for (size_t i = 0; i < nmunicipalities; i++)
            by_code[i] = &municipalities[i];
        qsort(by_code, nmunicipalities, sizeof *by_code, compare_codes);
    }
    ref_municipality key = {.code = code};
    const ref_municipality *k = &key, *const *hit = bsearch(&k, by_code, nmunicipalities,
                                                            sizeof *by_code, compare_codes);
    return hit ? *hit : NULL;
}

const ref_municipality *ref_municipality_by_name(const char *name) {
    load_municipalities();
    if (strncasecmp(name, "gemeente ", 9) == 0) name += 9;
    const ref_municipality *without = NULL; /* the one "Bergen" is without " (NH.)" */
    int nwithout = 0;
    size_t len = strlen(name);
    for (size_t i = 0; i < nmunicipalities; i++) {
        const char *full = municipalities[i].name, *paren = strstr(full, " (");
        if (strcasecmp(full, name) == 0) return &municipalities[i];
        if (paren && (size_t)(paren - full) == len && strncasecmp(full, name, len) == 0)
            without = &municipalities[i], nwithout++;
    }
    return nwithout == 1 ? without : NULL;
}

#define REF_MAX_STDLIB_FILE (16 * 1024 * 1024) /* a stdlib file from $SPIL_STDLIB */

const char *ref_stdlib(const char *name, size_t *len, int *owned) {
    *owned = 0;
    const char *dir = getenv("SPIL_STDLIB");
    if (dir && *dir) {
        char path[4096];
        if (snprintf(path, sizeof path, "%s/%s", dir, name) >= (int)sizeof path) return NULL;
        char *buf = file_read(path, REF_MAX_STDLIB_FILE, len);
        if (!buf) return NULL;
        *owned = 1;
        return buf;
    }
    char path[512];
    if (snprintf(path, sizeof path, "stdlib/%s", name) >= (int)sizeof path) return NULL;
    const struct embedded_file *f = embedded(path);
    if (!f) return NULL;
    *len = f->len;
    return f->data;
}

int ref_stdlib_each(const char *prefix, const char *suffix, ref_file_fn fn, void *ctx) {
    size_t np = strlen(prefix), ns = strlen(suffix);
    for (const struct embedded_file *f = embedded_files; f->name; f++) {
        size_t n = strlen(f->name);
        if (n < 7 + np + ns || strncmp(f->name, "stdlib/", 7) != 0 ||
            strncmp(f->name + 7, prefix, np) != 0 || strcmp(f->name + n - ns, suffix) != 0)
            continue;
        int rc = fn(ctx, f->name, f->data, f->len);
        if (rc) return rc;
    }
    return 0;
}

const char *ref_stdlib_bytecode(const char *name, size_t *len) {
    const char *dir = getenv("SPIL_STDLIB");
    if (dir && *dir) return NULL; /* developing the stdlib: its text is the truth */
    char path[512];
    if (snprintf(path, sizeof path, "stdlib/%s", name) >= (int)sizeof path) return NULL;
    for (const struct embedded_file *f = embedded_bytecode; f->name; f++)
        if (strcmp(f->name, path) == 0) {
            *len = f->len;
            return f->data;
        }
    return NULL;
}

const char *ref_stdlib_digest(void) {
    const char *dir = getenv("SPIL_STDLIB");
    return dir && *dir ? NULL : embedded_stdlib_digest;
}
