/*
** out.c: terminal colour, JSON values and documents, and the clock (see out.h).
*/
#include "out.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

int out_color(FILE *f) {
    const char *no = getenv("NO_COLOR"), *term = getenv("TERM");
    if (no && *no) return 0;
    if (term && strcmp(term, "dumb") == 0) return 0;
    return isatty(fileno(f));
}

const char *out_bold(int c) {
    return c ? "\033[1m" : "";
}
const char *out_dim(int c) {
    return c ? "\033[2m" : "";
}
const char *out_red(int c) {
    return c ? "\033[31m" : "";
}
const char *out_green(int c) {
    return c ? "\033[32m" : "";
}
const char *out_yellow(int c) {
    return c ? "\033[33m" : "";
}
const char *out_reset(int c) {
    return c ? "\033[0m" : "";
}

json_t *out_json_value(model_type t, const char *v) {
    if (!v) return json_null();
    switch (t) {
    case FT_BOOL: return json_boolean(v[0] == '1');
    case FT_INT: return json_integer(strtoll(v, NULL, 10));
    case FT_NUM: {
        double d = strtod(v, NULL);
        if (d == (double)(long long)d && d < 9e15) return json_integer((long long)d);
        return json_real(d);
    }
    default: return json_string(v);
    }
}

int out_json(FILE *f, json_t *doc) {
    if (!doc) { /* json_pack refused a value: a text that is not UTF-8, or no memory */
        fprintf(stderr, "spil: internal error: could not make the JSON output\n");
        return -1;
    }
    int r = json_dumpf(doc, f, JSON_INDENT(2) | JSON_REAL_PRECISION(15));
    json_decref(doc);
    if (r == 0 && fputc('\n', f) == EOF) r = -1;
    return r ? -1 : 0;
}

char *out_copy(char *dst, size_t cap, const char *src) {
    size_t n = strlen(src);
    if (n >= cap) {
        n = cap - 1;
        while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80) /* src[n] continues a char */
            n--;
    }
    memcpy(dst, src, n);
    dst[n] = '\0';
    return dst;
}

const char *out_now(char *buf) {
    const char *fixed = getenv("SPIL_NOW");
    if (fixed && *fixed) {
        snprintf(buf, 32, "%s", fixed);
        return buf;
    }
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(buf, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

const char *out_today(char *buf) {
    char now[32];
    snprintf(buf, 16, "%.10s", out_now(now));
    return buf;
}

int64_t out_clock(void) {
    const char *fixed = getenv("SPIL_NOW");
    if (!fixed || !*fixed) return 0;
    struct tm tm = {0};
    const char *end = strptime(fixed, "%Y-%m-%dT%H:%M:%S", &tm);
    if (!end) end = strptime(fixed, "%Y-%m-%d", &tm);
    if (!end) return 0;
    /* Days since 1970-01-01 of the civil date (H. Hinnant's algorithm; timegm is not POSIX). */
    int64_t y = tm.tm_year + 1900 - (tm.tm_mon < 2), era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400, m = tm.tm_mon + 1;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + tm.tm_mday - 1;
    int64_t days = era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
    return days * 86400 + tm.tm_hour * 3600 + tm.tm_min * 60 + tm.tm_sec;
}
