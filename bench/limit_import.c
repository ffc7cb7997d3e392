/*
** limit_import.c: the "physical limit" of importing measurements, for scripts/bench (issue 6).
**
** Owns nothing of spil: usage `limit_import DB CSV`. Opens an existing spil database with the
** pragmas core/store.c uses (foreign_keys, WAL, synchronous NORMAL, busy timeout), maps the
** national indicator codes to their ids, then streams CSV (indicator,area,period,value,
** numerator,denominator,source; no quoted fields; an empty field is NULL) into the measurement
** table with one prepared INSERT in one BEGIN IMMEDIATE transaction with deferred foreign keys,
** as spil's writing commands do. It checks only what it needs to bind: seven fields, a known
** indicator. Whatever spil's import does beyond this is the price of its validation.
*/
#include <sqlite3.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#define NFIELDS 7

typedef struct {
    char *code;
    sqlite3_int64 id;
} indicator;

static int exec(sqlite3 *db, const char *sql) {
    char *msg = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        fprintf(stderr, "limit_import: %s: %s\n", sql, msg ? msg : sqlite3_errmsg(db));
        sqlite3_free(msg);
        return -1;
    }
    return 0;
}

/* The national indicators (region NULL): a few dozen, so a list searched from the last hit. */
static indicator *load_indicators(sqlite3 *db, size_t *n) {
    sqlite3_stmt *st;
    indicator *list = NULL;
    size_t cap = 0;
    *n = 0;
    if (sqlite3_prepare_v2(db, "SELECT id, code FROM indicator WHERE region IS NULL", -1, &st,
                           NULL) != SQLITE_OK) {
        fprintf(stderr, "limit_import: reading indicators: %s\n", sqlite3_errmsg(db));
        return NULL;
    }
    while (sqlite3_step(st) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? 2 * cap : 64;
            indicator *grown = realloc(list, cap * sizeof *list);
            if (!grown) break;
            list = grown;
        }
        list[*n].id = sqlite3_column_int64(st, 0);
        list[*n].code = strdup((const char *)sqlite3_column_text(st, 1));
        if (!list[*n].code) break;
        (*n)++;
    }
    sqlite3_finalize(st);
    return list;
}

static int find_indicator(const indicator *list, size_t n, const char *code, size_t *hint) {
    for (size_t k = 0; k < n; k++) {
        size_t i = (*hint + k) % n;
        if (strcmp(list[i].code, code) == 0) {
            *hint = i;
            return 1;
        }
    }
    return 0;
}

/* Splits line in place at commas into NFIELDS fields; 0 when the count is wrong. */
static int split(char *line, char **field) {
    int n = 0;
    field[n++] = line;
    for (char *p = line; *p; p++) {
        if (*p == ',') {
            if (n == NFIELDS) return 0;
            *p = '\0';
            field[n++] = p + 1;
        }
    }
    return n == NFIELDS;
}

static void bind_text(sqlite3_stmt *st, int col, const char *s) {
    if (*s)
        sqlite3_bind_text(st, col, s, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, col);
}

static int bind_real(sqlite3_stmt *st, int col, const char *s) {
    if (!*s) return sqlite3_bind_null(st, col) == SQLITE_OK ? 0 : -1;
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (*end || errno) return -1;
    sqlite3_bind_double(st, col, v);
    return 0;
}

static int bind_int(sqlite3_stmt *st, int col, const char *s) {
    if (!*s) return sqlite3_bind_null(st, col) == SQLITE_OK ? 0 : -1;
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (*end || errno) return -1;
    sqlite3_bind_int64(st, col, v);
    return 0;
}

/* Streams the rows of in into db in one transaction; 0 when all went in. */
static int import(sqlite3 *db, FILE *in, const char *csvpath, const indicator *ind, size_t nind) {
    sqlite3_stmt *ins;
    if (sqlite3_prepare_v2(db,
                           "INSERT INTO measurement(indicator, area, period, value, numerator, "
                           "denominator, source) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                           -1, &ins, NULL) != SQLITE_OK) {
        fprintf(stderr, "limit_import: %s\n", sqlite3_errmsg(db));
        return 1;
    }
    if (exec(db, "BEGIN IMMEDIATE; PRAGMA defer_foreign_keys = ON")) {
        sqlite3_finalize(ins);
        return 1;
    }
    char *line = NULL, *field[NFIELDS];
    size_t cap = 0, hint = 0;
    ssize_t len;
    long lineno = 0, rows = 0;
    int status = 0;
    while (status == 0 && (len = getline(&line, &cap, in)) > 0) {
        lineno++;
        if (line[len - 1] == '\n') line[--len] = '\0';
        if (len > 0 && line[len - 1] == '\r') line[--len] = '\0';
        if (lineno == 1 || len == 0) continue; /* the header; blank lines */
        const char *problem = NULL;
        if (!split(line, field)) {
            problem = "expected 7 fields";
        } else if (!find_indicator(ind, nind, field[0], &hint)) {
            problem = "unknown indicator";
        } else {
            sqlite3_bind_int64(ins, 1, ind[hint].id);
            bind_text(ins, 2, field[1]);
            bind_text(ins, 3, field[2]);
            bind_text(ins, 7, field[6]);
            if (bind_real(ins, 4, field[3]) || bind_int(ins, 5, field[4]) ||
                bind_int(ins, 6, field[5]))
                problem = "not a number";
            else if (sqlite3_step(ins) != SQLITE_DONE)
                problem = sqlite3_errmsg(db);
            else
                rows++;
        }
        if (problem) {
            fprintf(stderr, "%s:%ld: %s\n", csvpath, lineno, problem);
            status = 1;
        }
        sqlite3_reset(ins);
    }
    if (status == 0 && ferror(in)) {
        fprintf(stderr, "limit_import: %s: read error\n", csvpath);
        status = 1;
    }
    free(line);
    sqlite3_finalize(ins);
    if (status == 0 && exec(db, "COMMIT")) status = 1;
    if (status != 0)
        exec(db, "ROLLBACK");
    else
        printf("%ld rows\n", rows);
    return status;
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: limit_import DB CSV\n");
        return 2;
    }
    const char *dbpath = argv[1], *csvpath = argv[2];
    FILE *in = fopen(csvpath, "r");
    if (!in) {
        fprintf(stderr, "limit_import: %s: %s\n", csvpath, strerror(errno));
        return 1;
    }
    sqlite3 *db = NULL;
    indicator *ind = NULL;
    size_t nind = 0;
    int status = 1;
    if (sqlite3_open_v2(dbpath, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
        fprintf(stderr, "limit_import: %s: %s\n", dbpath, db ? sqlite3_errmsg(db) : "no memory");
        goto done;
    }
    sqlite3_extended_result_codes(db, 1);
    sqlite3_busy_timeout(db, 5000);
    if (exec(db, "PRAGMA foreign_keys = ON") || exec(db, "PRAGMA journal_mode = WAL") ||
        exec(db, "PRAGMA synchronous = NORMAL"))
        goto done;
    ind = load_indicators(db, &nind);
    if (nind == 0) {
        fprintf(stderr, "limit_import: %s has no national indicators\n", dbpath);
        goto done;
    }
    status = import(db, in, csvpath, ind, nind);
done:
    for (size_t i = 0; i < nind; i++)
        free(ind[i].code);
    free(ind);
    sqlite3_close(db);
    fclose(in);
    return status;
}
