/*
** report_out.c: what the report's renderers share (see report.h): the one formatted writer
** (the Markdown renderer, the HTML renderer and the SVG charts each pass their own escape; what
** is spil's own text (%r) and what is a value from the data (%s, always escaped) is said in the
** format, so no renderer can forget to escape a region's name), and the one walk over a
** region's report: its sections in order, their Dutch titles and what each says when empty.
*/
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "report.h"

void report_vout(FILE *f, report_escape *escape, const char *fmt, va_list ap) {
    for (const char *p = fmt; *p; p++) {
        if (*p != '%') {
            fputc(*p, f);
            continue;
        }
        p++;
        if (!strncmp(p, "lld", 3)) {
            fprintf(f, "%lld", va_arg(ap, long long));
            p += 2;
            continue;
        }
        switch (*p) {
        case 's': escape(f, va_arg(ap, const char *)); break;
        case 'r': fputs(va_arg(ap, const char *), f); break;
        case 'd': fprintf(f, "%d", va_arg(ap, int)); break;
        case 'g': {
            double v = va_arg(ap, double);
            fprintf(f, "%.1f", fabs(v) < 0.05 ? 0.0 : v);
            break;
        }
        case '%': fputc('%', f); break;
        default: fputc(*p, f);
        }
    }
}

const report_section report_sections[REPORT_SECTIONS] = {
    {"stand", "Waar de regio staat", "programmes", NULL, "De regio loopt geen programma."},
    {"bevindingen", "Bevindingen: wie moet wat doen", "findings", NULL,
     "Geen bevindingen: elke controle is voldaan."},
    {"bestuur", "Bestuur en besluitvorming", NULL, NULL, NULL},
    {"afspraken", "Afspraken en ondertekening", "agreements", NULL, "Geen afspraken vastgelegd."},
    {"financiering", "Financiering", "funding", NULL, "Geen financiering vastgelegd."},
    {"rollen", "Rollen en verantwoordelijkheden", NULL, NULL, NULL},
    {"acties", "Acties die openstaan", "actions", NULL, "Geen open acties."},
    {"indicatoren", "Indicatoren", "indicators", "items",
     "De regio heeft geen indicatoren afgesproken, en er zijn geen cijfers van de landelijke "
     "indicatoren van haar programma's."},
    {"veranderd", "Wat is er veranderd", NULL, NULL, NULL},
};

void report_walk(FILE *f, const json_t *doc, const report_format *fmt) {
    for (int i = 0; i < REPORT_SECTIONS; i++) {
        const report_section *s = &report_sections[i];
        if (fmt->open) fmt->open(f, s);
        json_t *list = s->list ? json_object_get(doc, s->list) : NULL;
        if (list && s->sublist) list = json_object_get(list, s->sublist);
        if (s->list && !json_array_size(list)) {
            if (fmt->empty) fmt->empty(f, s->empty);
        } else if (fmt->body[i]) {
            fmt->body[i](f, doc);
        }
        if (fmt->close) fmt->close(f);
    }
}

void report_indicator_title(FILE *f, report_escape *escape, const json_t *ind) {
    const char *name = report_str(ind, "name"), *unit = report_str(ind, "unit");
    escape(f, report_str(ind, "code"));
    fputs(": ", f);
    escape(f, name ? name : REPORT_NL_NO_NAME);
    if (!unit) return;
    fputs(" (", f);
    escape(f, unit);
    fputc(')', f);
}

/* report_vout through escape, for the texts shared by the renderers. */
static void say(FILE *f, report_escape *escape, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    report_vout(f, escape, fmt, ap);
    va_end(ap);
}

void report_change_text(FILE *f, report_escape *escape, const json_t *g, const char *more) {
    if (report_str(g, "from")) {
        say(f, escape, "van stap %s naar stap %s", report_str(g, "from"), report_str(g, "to"));
    } else {
        json_t *keys = json_object_get(g, "keys"), *key;
        size_t k;
        say(f, escape, "%lld × %s %s", (long long)report_int(g, "count"),
            report_nl_entity(report_str(g, "entity")), report_nl_action(report_str(g, "action")));
        json_array_foreach(keys, k, key)
            say(f, escape, "%r%s", k ? ", " : ": ", json_string_value(key));
        if ((size_t)report_int(g, "count") > json_array_size(keys)) say(f, escape, ", %r", more);
    }
    if (report_str(g, "reason")) say(f, escape, "; reden: %s", report_str(g, "reason"));
}
