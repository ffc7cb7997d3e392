/*
** report_svg.c: the charts of the HTML report, as inline SVG that spil writes itself (see
** report_svg.h): a programme's steps in a row (passed, current, the gate to the next), an
** indicator's trend next to the national value, and regions compared with the nation. Every
** chart has role="img" with a title and a description that says in words what it shows; the
** numbers are also in a table next to it (report_html.c). Every value from the data is escaped.
*/
#include "report_svg.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "report.h"

void svg_escape(FILE *f, const char *s) {
    if (!s) return;
    for (; *s; s++)
        switch (*s) {
        case '&': fputs("&amp;", f); break;
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '"': fputs("&quot;", f); break;
        case '\'': fputs("&#39;", f); break;
        default: fputc(*s, f);
        }
}

/* report_vout with svg_escape. */
void svg_out(FILE *f, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    report_vout(f, svg_escape, fmt, ap);
    va_end(ap);
}

/* Split text into at most `lines` lines of about width characters (UTF-8 aware), as
** <tspan> elements at x, the first at y, each `step` lower; the last line ends with "..." when
** the text is longer. */
static void wrapped(FILE *f, const char *text, int x, int y, int width, int lines, int step) {
    const char *p = text ? text : "";
    for (int line = 0; line < lines && *p; line++) {
        while (*p == ' ')
            p++;
        const char *end = p, *brk = NULL;
        int chars = 0, hyphen = 0;
        while (*end && chars < width) {
            if (*end == ' ') brk = end;
            end++;
            while ((*end & 0xC0) == 0x80)
                end++;
            chars++;
        }
        if (*end && brk && line + 1 < lines) {
            end = brk;
        } else if (*end && *end != ' ' && !brk) {
            hyphen = 1; /* one word longer than a line: broken with a hyphen */
        }
        int cut = *end && line + 1 == lines;
        if (cut) hyphen = 0;
        svg_out(f, "<tspan x=\"%d\" y=\"%d\">", x, y + line * step);
        char buf[256];
        size_t n = (size_t)(end - p) < sizeof buf - 1 ? (size_t)(end - p) : sizeof buf - 1;
        memcpy(buf, p, n);
        buf[n] = '\0';
        svg_escape(f, buf);
        if (cut) fputs("\xE2\x80\xA6", f);
        if (hyphen) fputc('-', f);
        fputs("</tspan>", f);
        p = end;
    }
}

/* ---- the steps ---- */

void svg_steps(FILE *f, const json_t *prog, const char *id) {
    json_t *steps = json_object_get(prog, "steps");
    int n = (int)json_array_size(steps);
    if (n == 0) return;
    int ready = json_is_true(json_object_get(json_object_get(prog, "readiness"), "ready"));
    const int W = 720, H = 152, cy = 48, r = 18;
    int gap = W / n;
    svg_out(f,
            "<svg class=\"steps\" viewBox=\"0 0 %d %d\" role=\"img\" aria-labelledby=\"%s-t "
            "%s-d\" xmlns=\"http://www.w3.org/2000/svg\">",
            W, H, id, id);
    svg_out(f, "<title id=\"%s-t\">De stappen van %s</title><desc id=\"%s-d\">", id,
            report_str(prog, "name"), id);
    size_t i;
    json_t *s;
    char d1[32];
    json_array_foreach(steps, i, s) {
        const char *state = report_str(s, "state");
        svg_out(f, "Stap %d, %s: %r", (int)i + 1, report_str(s, "name"),
                !strcmp(state, "passed")    ? "gepasseerd"
                : !strcmp(state, "current") ? "huidige stap"
                : !strcmp(state, "next")    ? "volgende stap"
                                            : "later");
        if (!strcmp(state, "passed") && report_str(s, "left"))
            svg_out(f, " (afgerond op %s)", report_nl_date(report_str(s, "left"), d1));
        if (!strcmp(state, "next"))
            svg_out(f, "; de poort ernaartoe is %r",
                    ready ? "open: klaar om door te gaan" : "dicht: nog niet klaar");
        svg_out(f, ". ");
    }
    svg_out(f, "</desc>");
    /* The line between the steps, then the gates on it, then the steps. */
    json_array_foreach(steps, i, s) {
        if (i + 1 == (size_t)n) break;
        int x1 = gap * (int)i + gap / 2 + r, x2 = gap * ((int)i + 1) + gap / 2 - r;
        const char *state = report_str(s, "state");
        int passed = !strcmp(state, "passed");
        svg_out(f, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" class=\"%r\"/>", x1, cy, x2, cy,
                passed ? "link done" : "link");
        int gx = (x1 + x2) / 2;
        if (passed) { /* a gate passed: a filled bar with a tick */
            svg_out(
                f,
                "<rect x=\"%d\" y=\"%d\" width=\"8\" height=\"28\" rx=\"2\" class=\"gate done\"/>",
                gx - 4, cy - 14);
        } else if (!strcmp(state, "current")) { /* the next gate: open or closed */
            svg_out(
                f,
                "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"36\" rx=\"2\" class=\"gate %r\"/>",
                gx - 6, cy - 18, ready ? "open" : "closed");
            /* Its label starts at the gate, clear of the current step's label. */
            svg_out(f, "<text x=\"%d\" y=\"%d\" class=\"gatelabel\">%r</text>", gx - 6, cy - 24,
                    ready ? "poort open" : "poort dicht");
        }
    }
    json_array_foreach(steps, i, s) {
        const char *state = report_str(s, "state");
        int cx = gap * (int)i + gap / 2;
        svg_out(f, "<circle cx=\"%d\" cy=\"%d\" r=\"%d\" class=\"step %r\"/>", cx, cy,
                !strcmp(state, "current") ? r + 4 : r, state);
        svg_out(f, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" class=\"num %r\">%r%d</text>",
                cx, cy + 5, state, "", (int)i + 1);
        svg_out(f, "<text text-anchor=\"middle\" class=\"steplabel %r\">", state);
        wrapped(f, report_str(s, "name"), cx, cy + 42, gap * 2 / 15 > 8 ? gap * 2 / 15 : 8, 4, 15);
        svg_out(f, "</text>");
        if (!strcmp(state, "current"))
            svg_out(f,
                    "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" class=\"here\">huidige "
                    "stap</text>",
                    cx, cy - r - 12);
    }
    svg_out(f, "</svg>");
}

/* ---- an indicator's trend ---- */

static int has_value(const json_t *v) {
    return json_is_object(v) && json_is_number(json_object_get(v, "value"));
}
static double value(const json_t *v) {
    return json_number_value(json_object_get(v, "value"));
}

/* A nice step for an axis from lo to hi with about four lines. */
static double nice_step(double span) {
    double raw = span / 4, mag = pow(10, floor(log10(raw)));
    double m = raw / mag;
    return (m < 1.5 ? 1 : m < 3 ? 2 : m < 7 ? 5 : 10) * mag;
}

void svg_trend(FILE *f, const json_t *ind, const char *id) {
    json_t *series = json_object_get(ind, "series"), *nat = json_object_get(ind, "national");
    size_t n = json_array_size(series);
    double lo = INFINITY, hi = -INFINITY;
    for (size_t i = 0; i < n; i++) {
        json_t *v = json_array_get(series, i), *w = json_array_get(nat, i);
        if (has_value(v)) lo = fmin(lo, value(v)), hi = fmax(hi, value(v));
        if (has_value(w)) lo = fmin(lo, value(w)), hi = fmax(hi, value(w));
    }
    if (!n || lo > hi) return;
    if (hi - lo < 1e-9) lo -= 1, hi += 1;
    double step = nice_step(hi - lo);
    lo = floor(lo / step) * step;
    hi = ceil(hi / step) * step;
    const int W = 640, H = 260, L = 56, R = 32, T = 30, B = 46;
    double pw = W - L - R, ph = H - T - B;
    svg_out(f,
            "<svg class=\"chart\" viewBox=\"0 0 %d %d\" role=\"img\" aria-labelledby=\"%s-t "
            "%s-d\" xmlns=\"http://www.w3.org/2000/svg\">",
            W, H, id, id);
    char b1[32], b2[32];
    const char *unit = report_str(ind, "unit");
    svg_out(f, "<title id=\"%s-t\">Verloop van %s in de regio en in Nederland</title>", id,
            report_str(ind, "code"));
    svg_out(f, "<desc id=\"%s-d\">Lijngrafiek van %s van %s tot en met %s", id,
            report_str(ind, "code"), report_str(json_array_get(series, 0), "period"),
            report_str(json_array_get(series, n - 1), "period"));
    json_t *last = json_array_get(series, n - 1), *lastn = json_array_get(nat, n - 1);
    if (has_value(last))
        svg_out(f, "; laatste waarde van de regio %s%r%s",
                report_nl_number(value(last), 1, b1, sizeof b1), unit ? " " : "", unit ? unit : "");
    if (has_value(lastn))
        svg_out(f, ", van Nederland %s", report_nl_number(value(lastn), 1, b2, sizeof b2));
    svg_out(f, ". De cijfers staan in de tabel hieronder.</desc>");
    /* Legend. */
    svg_out(f,
            "<line x1=\"%d\" y1=\"14\" x2=\"%d\" y2=\"14\" class=\"region\"/><text x=\"%d\" "
            "y=\"18\" class=\"legend\">Regio</text>",
            L, L + 24, L + 30);
    svg_out(f,
            "<line x1=\"%d\" y1=\"14\" x2=\"%d\" y2=\"14\" class=\"nation\"/><text x=\"%d\" "
            "y=\"18\" class=\"legend\">Nederland</text>",
            L + 100, L + 124, L + 130);
    /* Grid and axis labels. */
    for (double y = lo; y <= hi + step / 2; y += step) {
        double py = T + ph - (y - lo) / (hi - lo) * ph;
        svg_out(f, "<line x1=\"%d\" y1=\"%g\" x2=\"%d\" y2=\"%g\" class=\"grid\"/>", L, py, W - R,
                py);
        svg_out(f, "<text x=\"%d\" y=\"%g\" text-anchor=\"end\" class=\"axis\">%s</text>", L - 6,
                py + 4, report_nl_number(y, step < 1 ? 1 : 0, b1, sizeof b1));
    }
    double dx = n > 1 ? pw / (double)(n - 1) : 0;
    size_t every = n > 8 ? (n + 7) / 8 : 1;
    for (size_t i = 0; i < n; i++) {
        double px = L + (n > 1 ? dx * (double)i : pw / 2);
        if ((n - 1 - i) % every == 0) /* counted back from the last, which is always shown */
            svg_out(f, "<text x=\"%g\" y=\"%d\" text-anchor=\"middle\" class=\"axis\">%s</text>",
                    px, H - B + 18, report_str(json_array_get(series, i), "period"));
    }
    /* The two lines: a gap where a value is suppressed or unknown. */
    for (int which = 1; which >= 0; which--) {
        json_t *arr = which ? nat : series;
        int open = 0;
        for (size_t i = 0; i < n; i++) {
            json_t *v = json_array_get(arr, i);
            double px = L + (n > 1 ? dx * (double)i : pw / 2);
            if (!has_value(v)) {
                if (open) svg_out(f, "\"/>");
                open = 0;
                continue;
            }
            double py = T + ph - (value(v) - lo) / (hi - lo) * ph;
            if (!open) svg_out(f, "<polyline class=\"%r\" points=\"", which ? "nation" : "region");
            svg_out(f, "%g,%g ", px, py);
            open = 1;
        }
        if (open) svg_out(f, "\"/>");
        for (size_t i = 0; i < n; i++) {
            json_t *v = json_array_get(arr, i);
            if (!has_value(v)) continue;
            double px = L + (n > 1 ? dx * (double)i : pw / 2);
            double py = T + ph - (value(v) - lo) / (hi - lo) * ph;
            if (which)
                svg_out(f, "<rect x=\"%g\" y=\"%g\" width=\"6\" height=\"6\" class=\"nation-pt\"/>",
                        px - 3, py - 3);
            else
                svg_out(f, "<circle cx=\"%g\" cy=\"%g\" r=\"3.5\" class=\"region-pt\"/>", px, py);
        }
    }
    /* Suppressed periods are marked on the axis. */
    for (size_t i = 0; i < n; i++)
        if (json_is_true(json_object_get(json_array_get(series, i), "suppressed"))) {
            double px = L + (n > 1 ? dx * (double)i : pw / 2);
            svg_out(f, "<text x=\"%g\" y=\"%d\" text-anchor=\"middle\" class=\"axis\">o</text>", px,
                    T + (int)ph - 4);
        }
    svg_out(f, "</svg>");
}

/* ---- regions compared ---- */

void svg_compare(FILE *f, const json_t *item, const char *id) {
    json_t *areas = json_object_get(item, "areas"), *nat = json_object_get(item, "national");
    size_t n = json_array_size(areas);
    double hi = has_value(nat) ? value(nat) : 0;
    for (size_t i = 0; i < n; i++)
        if (has_value(json_array_get(areas, i))) hi = fmax(hi, value(json_array_get(areas, i)));
    if (!n || hi <= 0) return;
    const int W = 640, L = 230, R = 70, row = 22, T = 26;
    int H = T + (int)n * row + 14;
    double pw = W - L - R;
    char b1[32];
    svg_out(f,
            "<svg class=\"chart\" viewBox=\"0 0 %d %d\" role=\"img\" aria-labelledby=\"%s-t "
            "%s-d\" xmlns=\"http://www.w3.org/2000/svg\">",
            W, H, id, id);
    svg_out(f, "<title id=\"%s-t\">%s per regio in %s</title>", id, report_str(item, "code"),
            report_str(item, "period"));
    svg_out(f,
            "<desc id=\"%s-d\">Staafdiagram: de waarde van elke regio, met een lijn voor "
            "Nederland",
            id);
    if (has_value(nat)) svg_out(f, " (%s)", report_nl_number(value(nat), 1, b1, sizeof b1));
    svg_out(f, ". De cijfers staan in de tabel hieronder.</desc>");
    if (has_value(nat)) {
        double x = L + value(nat) / hi * pw;
        svg_out(f, "<line x1=\"%g\" y1=\"%d\" x2=\"%g\" y2=\"%d\" class=\"nation\"/>", x, T - 4, x,
                H - 8);
        svg_out(f,
                "<text x=\"%g\" y=\"%d\" text-anchor=\"middle\" class=\"legend\">Nederland "
                "%s</text>",
                x, T - 10, report_nl_number(value(nat), 1, b1, sizeof b1));
    }
    for (size_t i = 0; i < n; i++) {
        json_t *a = json_array_get(areas, i);
        int y = T + (int)i * row;
        svg_out(f, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" class=\"axis\">", L - 8, y + 15);
        wrapped(f, report_str(a, "name"), L - 8, y + 15, 34, 1, 0);
        svg_out(f, "</text>");
        if (has_value(a)) {
            double w = value(a) / hi * pw;
            svg_out(f, "<rect x=\"%d\" y=\"%d\" width=\"%g\" height=\"%d\" class=\"bar\"/>", L,
                    y + 3, w, row - 6);
            svg_out(f, "<text x=\"%g\" y=\"%d\" class=\"val\">%s</text>", L + w + 4, y + 15,
                    report_nl_number(value(a), 1, b1, sizeof b1));
        } else {
            svg_out(f, "<text x=\"%d\" y=\"%d\" class=\"axis\">%r</text>", L + 4, y + 15,
                    json_is_true(json_object_get(a, "suppressed")) ? "onderdrukt" : "geen cijfer");
        }
    }
    svg_out(f, "</svg>");
}
