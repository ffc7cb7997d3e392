/*
** report_out.c: what the report's renderers share (see report.h): the one formatted writer
** (the Markdown renderer, the HTML renderer and the SVG charts each pass their own escape; what
** is spil's own text (%r) and what is a value from the data (%s, always escaped) is said in the
** format, so no renderer can forget to escape a region's name); the one walk over a region's
** report (its sections in order, their Dutch titles, what each says when empty, and the bodies
** of the sections both renderers write alike); and the tables, each described once (caption,
** columns, the cells of a row) and written through a renderer's table primitive.
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
    {"stand", "Waar de regio staat", "programmes", NULL, "De regio loopt geen programma.", NULL},
    {"bevindingen", "Bevindingen: wie moet wat doen", "findings", NULL,
     "Geen bevindingen: elke controle is voldaan.", NULL},
    {"bestuur", "Bestuur en besluitvorming", NULL, NULL, NULL, NULL},
    {"afspraken", "Afspraken en ondertekening", "agreements", NULL, "Geen afspraken vastgelegd.",
     report_section_agreements},
    {"financiering", "Financiering", "funding", NULL, "Geen financiering vastgelegd.", NULL},
    {"rollen", "Rollen en verantwoordelijkheden", NULL, NULL, NULL, report_section_roles},
    {"acties", "Acties die openstaan", "actions", NULL, "Geen open acties.",
     report_section_actions},
    {"indicatoren", "Indicatoren", "indicators", "items",
     "De regio heeft geen indicatoren afgesproken, en er zijn geen cijfers van de landelijke "
     "indicatoren van haar programma's.",
     report_section_indicators},
    {"veranderd", "Wat is er veranderd", NULL, NULL, NULL, NULL},
};

/* report_vout through escape, for the texts shared by the renderers. */
static void say(FILE *f, report_escape *escape, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    report_vout(f, escape, fmt, ap);
    va_end(ap);
}

void report_paragraph(FILE *f, const report_markup *m, const char *text) {
    say(f, m->escape, "%r%r%r", m->p, text, m->p_end);
}

void report_walk(FILE *f, const json_t *doc, const report_format *fmt) {
    for (int i = 0; i < REPORT_SECTIONS; i++) {
        const report_section *s = &report_sections[i];
        if (fmt->open) fmt->open(f, s);
        json_t *list = s->list ? json_object_get(doc, s->list) : NULL;
        if (list && s->sublist) list = json_object_get(list, s->sublist);
        if (s->list && !json_array_size(list))
            report_paragraph(f, fmt->markup, s->empty);
        else if (s->body)
            s->body(f, doc, fmt);
        else
            fmt->body[i](f, doc);
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

/* ---- tables ---- */

static int left_out(const report_row *r) {
    return r->col >= 0 && (r->t->flags[r->col] & r->m->skip);
}

static void end_cell(report_row *r) {
    if (r->col >= 0 && !left_out(r) && r->m->cell_end) r->m->cell_end(r->f, r->t->flags[r->col]);
}

void report_tabulate(FILE *f, const report_markup *m, const report_table *t, const json_t *rows,
                     const json_t *of) {
    if (m->open) m->open(f, t->caption, t->caption_key ? report_str(of, t->caption_key) : NULL);
    int n = 0;
    for (int c = 0; c < REPORT_COLS && t->heads[c]; c++)
        if (!(t->flags[c] & m->skip)) m->head(f, t->heads[c], t->flags[c], n++);
    m->head_end(f, n);
    size_t k;
    json_t *x;
    json_array_foreach(rows, k, x) {
        report_row r = {f, m, t, of, k, -1, 0};
        t->row(&r, x);
        end_cell(&r);
        m->row_end(f);
    }
    if (m->close) m->close(f);
}

void report_tabulate_or(FILE *f, const report_markup *m, const report_table *t, const json_t *rows,
                        const json_t *of, const char *empty) {
    if (json_array_size(rows))
        report_tabulate(f, m, t, rows, of);
    else
        report_paragraph(f, m, empty);
}

void report_cell(report_row *r, const char *fmt, ...) {
    end_cell(r);
    r->col++;
    if (left_out(r)) return;
    r->m->cell(r->f, r->t->flags[r->col], r->n++);
    va_list ap;
    va_start(ap, fmt);
    report_vout(r->f, r->m->escape, fmt, ap);
    va_end(ap);
}

void report_more(report_row *r, const char *fmt, ...) {
    if (left_out(r)) return;
    va_list ap;
    va_start(ap, fmt);
    report_vout(r->f, r->m->escape, fmt, ap);
    va_end(ap);
}

static void step_row(report_row *r, const json_t *s) {
    char d[32];
    int cur = !strcmp(report_str(s, "state"), "current");
    report_cell(r, "%d", (int)r->k + 1);
    report_cell(r, "%r%s%r", cur ? r->m->marks.strong : "", report_str(s, "name"),
                cur ? r->m->marks.strong_end : "");
    report_cell(r, "%s", report_or_dash(report_str(s, "phase_name")));
    report_cell(r, "%s", report_nl_step_state(report_str(s, "state")));
    report_cell(r, "%s", report_nl_date_or_dash(report_str(s, "entered"), d));
    report_cell(r, "%s", report_nl_date_or_dash(report_str(s, "left"), d));
}

const report_table report_steps = {
    .caption = "Stappen van %s",
    .caption_key = "name",
    .heads = {"#", "Stap", "Fase", "Waar", "Begonnen", "Afgerond"},
    .flags = {REPORT_NUM_CELLS, REPORT_ROW_HEAD},
    .row = step_row,
};

static void check_row(report_row *r, const json_t *c) {
    const char *s = report_str(c, "status");
    static const char *const outcomes[] = {"pass",  "fail",    "advisory",
                                           "error", "waiting", "not_applicable"};
    int outcome = 3; /* an unknown status reads as the worst: the check failed */
    for (int i = 0; i < 6; i++)
        if (!strcmp(s, outcomes[i])) outcome = i;
    report_cell(r, "%s", report_str(c, "name") ? report_str(c, "name") : report_str(c, "id"));
    if (outcome == 4)
        report_cell(r, "%r (eerst: %s)", r->m->marks.check[4],
                    report_str(c, "waits_for_name") ? report_str(c, "waits_for_name")
                                                    : report_str(c, "waits_for"));
    else if (outcome == 5) /* the reason is the check's own text, in the language of the run */
        report_cell(r, "%r: %s", r->m->marks.check[5], report_or_dash(report_str(c, "reason")));
    else
        report_cell(r, "%r", r->m->marks.check[outcome]);
    report_cell(r, "%d", (int)json_array_size(json_object_get(c, "findings")));
}

const report_table report_checks = {
    .caption = "Controles van de stap %s",
    .caption_key = "step_name",
    .heads = {"Controle", "Uitkomst", "Bevindingen"},
    .flags = {REPORT_ROW_HEAD, 0, REPORT_NUM},
    .row = check_row,
};

static void member_row(report_row *r, const json_t *m) {
    report_cell(r, "%s", report_str(m, "organisation_name"));
    report_cell(r, "%s", report_or_dash(report_str(m, "person_name")));
    report_cell(r, "%s", report_nl_value("body_member.membership", report_str(m, "membership")));
    report_cell(r, "%s",
                report_or_dash(report_nl_value("body_member.function", report_str(m, "function"))));
    report_cell(r, "%s", report_nl_yes_no(json_object_get(m, "mandate")));
    report_cell(r, "%r",
                json_is_true(json_object_get(m, "decides_with_mandate")) ? r->m->marks.decides
                                                                         : "nee");
}

const report_table report_members = {
    .caption = "Leden van %s",
    .caption_key = "name",
    .heads = {"Organisatie", "Vertegenwoordiger", "Lidmaatschap", "Functie", "Mandaat",
              "Beslist met mandaat"},
    .flags = {REPORT_ROW_HEAD},
    .row = member_row,
};

static void party_row(report_row *r, const json_t *p) {
    char d[32];
    int signed_ = !strcmp(report_str(p, "status"), "signed");
    report_cell(r, "%s", report_str(p, "organisation_name"));
    report_cell(r, "%r%s%r", signed_ ? r->m->marks.signed_ : "",
                report_nl_value("agreement_party.status", report_str(p, "status")),
                signed_ ? r->m->marks.signed_end : "");
    report_cell(r, "%s", report_nl_date_or_dash(report_str(p, "date"), d));
    report_cell(r, "%s", report_or_dash(report_str(p, "signatory_name")));
}

const report_table report_parties = {
    .caption = "Partijen bij %s",
    .caption_key = "title",
    .heads = {"Partij", "Status", "Datum", "Getekend door"},
    .flags = {REPORT_ROW_HEAD},
    .row = party_row,
};

static void role_row(report_row *r, const json_t *x) {
    char num[32], per[96];
    json_t *h = json_object_get(x, "hours");
    report_cell(r, "%s", report_str(x, "person_name"));
    report_cell(r, "%s", report_nl_value("role_assignment.role", report_str(x, "role")));
    report_cell(r, "%s", report_or_dash(report_str(x, r->m->marks.municipality)));
    report_cell(r, "%s",
                json_is_number(h) ? report_nl_number(json_number_value(h), 1, num, sizeof num)
                                  : "-");
    report_cell(r, "%s", report_nl_yes_no(json_object_get(x, "formal_assignment")));
    report_cell(r, "%s",
                report_or_dash(report_nl_value("role_assignment.focus", report_str(x, "focus"))));
    report_cell(r, "%s", report_nl_period(x, per));
}

const report_table report_roles = {
    .caption = "Wie welke rol heeft",
    .heads = {"Persoon", "Rol", "Gemeente", "Uren per week", "Formele opdracht", "Focus",
              "Periode"},
    .flags = {REPORT_ROW_HEAD, 0, 0, REPORT_NUM},
    .row = role_row,
};

static void responsibility_row(report_row *r, const json_t *x) {
    report_cell(r, "%s", report_str(x, "task"));
    report_cell(r, "%s", report_nl_value("responsibility.level", report_str(x, "level")));
    report_cell(r, "%s", report_str(x, "organisation_name"));
    report_cell(r, "%s", report_or_dash(report_str(x, "person_name")));
}

const report_table report_responsibilities = {
    .caption = "Verantwoordelijkheden, strategisch en operationeel",
    .heads = {"Taak", "Niveau", "Organisatie", "Persoon"},
    .flags = {REPORT_ROW_HEAD},
    .row = responsibility_row,
};

static void action_row(report_row *r, const json_t *a) {
    char d[32];
    report_cell(r, "%s", report_str(a, "title"));
    report_cell(r, "%s", report_or_dash(report_str(a, "owner_name")));
    report_cell(r, "%s", report_nl_date_or_dash(report_str(a, "due"), d));
    report_cell(r, "%r", json_is_true(json_object_get(a, "overdue")) ? r->m->marks.late : "open");
}

const report_table report_actions = {
    .caption = "Open acties, de vroegste eerst",
    .heads = {"Actie", "Wie", "Uiterlijk", "Stand"},
    .flags = {REPORT_ROW_HEAD, 0, 0, REPORT_MD_BLANK},
    .row = action_row,
};

/* A period of an indicator (of): the region's figure, its numerator and denominator, the
** nation's figure of the same period. */
static void series_row(report_row *r, const json_t *v) {
    char b[32];
    report_cell(r, "%s", report_str(v, "period"));
    report_cell(r, "%s", report_nl_figure(v, b, sizeof b));
    if (json_is_integer(json_object_get(v, "numerator")))
        report_cell(r, "%d / %d", (int)report_int(v, "numerator"),
                    (int)report_int(v, "denominator"));
    else
        report_cell(r, "-");
    report_cell(
        r, "%s",
        report_nl_figure(json_array_get(json_object_get(r->of, "national"), r->k), b, sizeof b));
}

const report_table report_series = {
    .caption = "De cijfers van %s",
    .caption_key = "code",
    .heads = {"Periode", "Regio", "Teller / noemer", "Nederland"},
    .flags = {REPORT_ROW_HEAD, REPORT_NUM, REPORT_NUM | REPORT_HTML_ONLY, REPORT_NUM},
    .row = series_row,
};

static void blocker_row(report_row *r, const json_t *x) {
    size_t i;
    json_t *n;
    report_cell(r, "%s", report_str(x, "name"));
    report_cell(r, "%s", report_str(x, "programme"));
    report_cell(r, "%d", (int)report_int(x, "regions"));
    report_cell(r, "");
    json_array_foreach(json_object_get(x, "region_names"), i, n)
        report_more(r, "%r%s", i ? ", " : "", json_string_value(n));
}

const report_table report_blockers = {
    .caption = "Eisen met blokkerende bevindingen, naar het aantal regio's dat ze tegenhouden",
    .heads = {"Eis (controle)", "Programma", "Regio's", "Welke"},
    .flags = {REPORT_ROW_HEAD, 0, REPORT_NUM},
    .row = blocker_row,
};

/* ---- the sections both renderers show alike ---- */

void report_section_agreements(FILE *f, const json_t *doc, const report_format *fmt) {
    const report_markup *m = fmt->markup;
    size_t i;
    json_t *a;
    json_array_foreach(json_object_get(doc, "agreements"), i, a) {
        json_t *parties = json_object_get(a, "parties");
        say(f, m->escape, "%r%s%r%r%s, %s; %d van %d partijen getekend.%r", m->h3,
            report_str(a, "title"), m->h3_end, m->meta, report_str(a, "kind"),
            report_str(a, "status") ? report_nl_value("agreement.status", report_str(a, "status"))
                                    : "status niet vastgelegd",
            (int)report_int(a, "signed"), (int)json_array_size(parties), m->meta_end);
        if (json_array_size(parties)) report_tabulate(f, m, &report_parties, parties, a);
    }
}

void report_section_roles(FILE *f, const json_t *doc, const report_format *fmt) {
    json_t *res = json_object_get(doc, "responsibilities");
    report_tabulate_or(f, fmt->markup, &report_roles, json_object_get(doc, "roles"), doc,
                       "Geen rollen vastgelegd.");
    if (json_array_size(res)) report_tabulate(f, fmt->markup, &report_responsibilities, res, doc);
}

void report_section_actions(FILE *f, const json_t *doc, const report_format *fmt) {
    report_tabulate(f, fmt->markup, &report_actions, json_object_get(doc, "actions"), doc);
}

void report_section_indicators(FILE *f, const json_t *doc, const report_format *fmt) {
    const report_markup *m = fmt->markup;
    json_t *ind = json_object_get(doc, "indicators");
    size_t i;
    json_t *x;
    if (json_is_true(json_object_get(ind, "from_catalogue")))
        report_paragraph(f, m,
                         "De regio heeft geen indicatoren afgesproken; dit zijn de eerste "
                         "landelijke indicatoren van haar programma's met cijfers.");
    fputs(m->p, f);
    if (fmt->chart)
        say(f, m->escape,
            "Elke grafiek toont de laatste %d perioden van de regio naast de waarde van "
            "Nederland. ",
            REPORT_PERIODS);
    say(f, m->escape, "Waarden over minder dan %d personen worden niet getoond (onderdrukt)%r%r",
        (int)report_int(ind, "suppress_below"), fmt->chart ? ": een gat in de lijn." : ".",
        m->p_end);
    json_array_foreach(json_object_get(ind, "items"), i, x) {
        json_t *series = json_object_get(x, "series");
        fputs(m->h3, f);
        report_indicator_title(f, m->escape, x);
        fputs(m->h3_end, f);
        if (!json_array_size(series)) {
            report_paragraph(f, m, "Nog geen cijfers.");
            continue;
        }
        if (fmt->chart) fmt->chart(f, x, i);
        report_tabulate(f, m, &report_series, series, x);
    }
}
