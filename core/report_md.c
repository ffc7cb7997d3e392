/*
** report_md.c: the report as Markdown, for minutes and e-mail (see report.h). Renders the
** document of report_region or report_all and nothing else: Markdown's markup (report_markup:
** its tables, paragraphs and marks) and the sections it writes its own way; the tables and the
** sections both renderers show alike are report_out.c's. Every value from region data goes
** through md_text, which backslash-escapes what Markdown would read as markup or HTML and
** folds line breaks, so a hostile name stays text in any Markdown viewer.
*/
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "report.h"

/* Region text, escaped: punctuation Markdown acts on gets a backslash, a line break a space. */
static void md_text(FILE *f, const char *s) {
    if (!s) return;
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '\n' || c == '\r' || c == '\t')
            fputc(' ', f);
        else if (strchr("\\`*_[]<>|&~", c))
            fprintf(f, "\\%c", c);
        else
            fputc(c, f);
    }
}

/* A line of spil's own text with %s values escaped (report_vout; md_text the escape). */
static void md(FILE *f, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    report_vout(f, md_text, fmt, ap);
    va_end(ap);
}

/* ---- tables: a header line, a rule, a line a row, a blank line ---- */

static void head(FILE *f, const char *head, unsigned flags, int n) {
    if (!n) fputc('|', f);
    md(f, flags & REPORT_MD_BLANK ? " |" : " %r |", head);
}

static void head_end(FILE *f, int n) {
    fputs("\n|", f);
    while (n--)
        fputs("---|", f);
    fputc('\n', f);
}

static void cell(FILE *f, unsigned flags, int n) {
    (void)flags;
    fputs(n ? " | " : "| ", f);
}

static void row_end(FILE *f) {
    fputs(" |\n", f);
}

static void table_end(FILE *f) {
    fputc('\n', f);
}

static const report_markup markup = {
    .escape = md_text,
    .h3 = "### ",
    .h3_end = "\n\n",
    .p = "",
    .p_end = "\n\n",
    .meta = "",
    .meta_end = "\n\n",
    .skip = REPORT_HTML_ONLY,
    .head = head,
    .head_end = head_end,
    .cell = cell,
    .row_end = row_end,
    .close = table_end,
    .marks = {.strong = "**",
              .strong_end = "**",
              .check = {"voldaan", "niet voldaan (blokkerend)", "advies", "de controle zelf faalde",
                        "nog niet te beoordelen", "niet van toepassing"},
              .signed_ = "",
              .signed_end = "",
              .decides = "ja",
              .late = "**te laat**",
              .municipality = "municipality"},
};

/* ---- standing ---- */

static void standing(FILE *f, const json_t *doc) {
    char d1[32];
    size_t i;
    json_t *p;
    json_array_foreach(json_object_get(doc, "programmes"), i, p) {
        json_t *r = json_object_get(p, "readiness"), *next = json_object_get(p, "next_step");
        md(f, "### %s: stap %s\n\n", report_or_dash(report_str(p, "name")),
           report_or_dash(report_str(p, "step_name")));
        md(f, "Huidige stap: **%s** (%s)", report_str(p, "step_name"), report_str(p, "step"));
        if (report_str(p, "since"))
            md(f, ", sinds %s", report_nl_date_or_dash(report_str(p, "since"), d1));
        md(f, ".\n\n");
        report_tabulate(f, &markup, &report_steps, json_object_get(p, "steps"), p);
        int ready = json_is_true(json_object_get(r, "ready"));
        if (json_is_object(next))
            md(f,
               "**%s** om naar de volgende stap (%s) te gaan: ", ready ? "Klaar" : "Nog niet klaar",
               report_str(next, "name"));
        else
            md(f, "**%s** om de laatste stap af te ronden: ", ready ? "Klaar" : "Nog niet klaar");
        md(f, "%lld blokkerende bevinding%s, %lld advies%s.\n\n",
           (long long)report_int(r, "blocking"), report_int(r, "blocking") == 1 ? "" : "en",
           (long long)report_int(r, "advisory"),
           report_int(r, "advisory") == 1 ? "" : "bevindingen");
        report_tabulate(f, &markup, &report_checks, json_object_get(r, "checks"), p);
    }
}

static void findings(FILE *f, const json_t *doc) {
    json_t *groups = json_object_get(doc, "findings");
    md(f, "Blokkerende bevindingen eerst, per organisatie of persoon die aan zet is.\n\n");
    size_t i, k;
    json_t *g, *x;
    json_array_foreach(groups, i, g) {
        json_t *subj = json_object_get(g, "subject");
        md(f, "### %s: %s\n\n", report_nl_subject(report_str(subj, "kind")),
           report_or_dash(report_str(subj, "name")));
        md(f, "%lld blokkerend, %lld advies.\n\n", (long long)report_int(g, "blocking"),
           (long long)report_int(g, "advisory"));
        json_array_foreach(json_object_get(g, "findings"), k, x) {
            int blocking = !strcmp(report_str(x, "severity"), "blocking");
            md(f, "- **%s**: %s\n", blocking ? "Blokkerend" : "Advies", report_str(x, "missing"));
            if (report_str(x, "remedy")) md(f, "  - Te doen: %s\n", report_str(x, "remedy"));
            md(f, "  - Controle: %s (%s)\n", report_or_dash(report_str(x, "check_name")),
               report_str(x, "programme"));
            if (report_str(x, "source")) md(f, "  - Bron: %s\n", report_str(x, "source"));
        }
        fputc('\n', f);
    }
}

/* ---- governance ---- */

static void pending_row(report_row *r, const json_t *m) {
    char d[32];
    report_cell(r, "%s", report_str(m, "subject"));
    report_cell(r, "%s", report_or_dash(report_str(m, "body")));
    report_cell(r, "%s", report_nl_date_or_dash(report_str(m, "date"), d));
    report_cell(r, "%s", report_str(m, "organisation_name"));
}

static const report_table pending = {
    .heads = {"Advies", "Van", "Datum", "Wacht op het besluit van"},
    .row = pending_row,
};

static void governance(FILE *f, const json_t *doc) {
    char d1[32];
    json_t *gov = json_object_get(doc, "governance");
    size_t i, k;
    json_t *b, *m;
    json_array_foreach(json_object_get(gov, "bodies"), i, b) {
        md(f, "### %s (%s)\n\n", report_str(b, "name"),
           report_nl_value("body.kind", report_str(b, "kind")));
        if (json_integer_value(json_object_get(b, "meetings_per_year")))
            md(f, "Vergadert %lld keer per jaar.\n\n",
               (long long)report_int(b, "meetings_per_year"));
        report_tabulate(f, &markup, &report_members, json_object_get(b, "members"), b);
        json_array_foreach(json_object_get(b, "represented"), k, m)
            md(f, "- %s wordt vertegenwoordigd door %s.\n", report_str(m, "organisation_name"),
               report_str(m, "via_name"));
        if (json_array_size(json_object_get(b, "represented"))) fputc('\n', f);
    }
    md(f, "### Adviezen in afwachting\n\n");
    report_tabulate_or(f, &markup, &pending, json_object_get(gov, "pending_advice"), doc,
                       "Geen advies wacht op het besluit van een organisatie.");
    md(f, "### Laatste besluiten\n\n");
    json_t *ds = json_object_get(gov, "decisions");
    if (!json_array_size(ds)) md(f, "Geen besluiten vastgelegd.\n\n");
    json_array_foreach(ds, i, m) {
        md(f, "- %s, %s: **%s** (%s", report_nl_date_or_dash(report_str(m, "date"), d1),
           report_str(m, "body_name") ? report_str(m, "body_name")
                                      : report_or_dash(report_str(m, "organisation_name")),
           report_str(m, "subject"), report_nl_value("decision.kind", report_str(m, "kind")));
        if (report_str(m, "outcome"))
            md(f, ", %s", report_nl_value("decision.outcome", report_str(m, "outcome")));
        md(f, ")\n");
        json_t *v;
        json_array_foreach(json_object_get(m, "verdicts"), k, v) {
            if (json_is_true(json_object_get(v, "own")))
                md(f, "  - %s: een eigen besluit van de organisatie, geldig zoals vastgelegd.\n",
                   report_str(v, "programme"));
            else if (json_is_true(json_object_get(v, "valid")))
                md(f,
                   "  - %s: geldig volgens de regel van de regio (%lld van %lld "
                   "stemgerechtigde leden namen een geldend standpunt in).\n",
                   report_str(v, "programme"), (long long)report_int(v, "present"),
                   (long long)report_int(v, "counted"));
            else {
                md(f, "  - %s: niet geldig volgens de regel van de regio",
                   report_str(v, "programme"));
                size_t j;
                json_t *r;
                json_array_foreach(json_object_get(v, "reasons"), j, r)
                    md(f, "%s%s", j ? "; " : ": ", json_string_value(r));
                md(f, ".\n");
            }
        }
        if (report_str(m, "verdict_error"))
            md(f, "  - Het oordeel kon niet worden bepaald: %s\n", report_str(m, "verdict_error"));
    }
    fputc('\n', f);
}

/* ---- funding ---- */

static void funding_row(report_row *r, const json_t *x) {
    char num[64], per[96];
    json_t *amount = json_object_get(x, "amount");
    report_cell(r, "%s", report_nl_value("funding.purpose", report_str(x, "purpose")));
    report_cell(r, "%s", report_str(x, "id"));
    report_cell(r, "%s", report_nl_value("funding.source", report_str(x, "source")));
    if (json_is_number(amount))
        report_cell(r, "€ %s", report_nl_number(json_number_value(amount), 0, num, sizeof num));
    else
        report_cell(r, "-");
    report_cell(r, "%s", report_or_dash(report_str(x, "funder_name")));
    report_cell(r, "%s", report_nl_period(x, per));
    report_cell(r,
                json_is_true(json_object_get(x, "ending_soon")) ? "%s; **loopt binnenkort af**"
                : json_is_true(json_object_get(x, "ended"))     ? "%s; periode voorbij"
                                                                : "%s",
                report_nl_value("funding.status", report_str(x, "status")));
}

static const report_table funding_table = {
    .heads = {"Doel", "Wat", "Bron", "Bedrag", "Financier", "Periode", "Status"},
    .row = funding_row,
};

static void funding(FILE *f, const json_t *doc) {
    report_tabulate(f, &markup, &funding_table, json_object_get(doc, "funding"), doc);
}

/* ---- changes ---- */

static void changes(FILE *f, const json_t *doc) {
    char d1[32];
    json_t *c = json_object_get(doc, "changes");
    md(f, "Sinds %s (%s): %lld wijziging%s.\n\n", report_nl_date(report_str(c, "since"), d1),
       report_nl_basis(report_str(c, "basis")), (long long)report_int(c, "events"),
       report_int(c, "events") == 1 ? "" : "en");
    size_t i;
    json_t *g;
    json_array_foreach(json_object_get(c, "groups"), i, g) {
        md(f, "- %s, %s (%s): ", report_nl_date_or_dash(report_str(g, "at"), d1),
           report_or_dash(report_str(g, "actor")), report_or_dash(report_str(g, "command")));
        report_change_text(f, md_text, g, "...");
        md(f, "\n");
    }
    if (report_int(c, "groups_total") > (json_int_t)json_array_size(json_object_get(c, "groups")))
        md(f, "- en nog %lld regels: zie spil log\n",
           (long long)(report_int(c, "groups_total") -
                       (json_int_t)json_array_size(json_object_get(c, "groups"))));
    fputc('\n', f);
}

/* ---- the learning network's page ---- */

static void region_row(report_row *r, const json_t *x) {
    report_cell(r, "%s", report_str(x, "name"));
    if (report_str(x, "error")) {
        report_cell(r, "%s", report_str(x, "programme"));
        report_cell(r, "-");
        report_cell(r, "de controles konden niet draaien: %s", report_str(x, "error"));
        report_cell(r, "-");
        report_cell(r, "-");
        return;
    }
    report_cell(r, "%s", report_str(x, "programme_name"));
    report_cell(r, "%s", report_str(x, "step_name"));
    report_cell(r, "%r", json_is_true(json_object_get(x, "ready")) ? "ja" : "nee");
    report_cell(r, "%d", (int)report_int(x, "blocking"));
    report_cell(r, "%d", (int)report_int(x, "advisory"));
}

static const report_table regions = {
    .heads = {"Regio", "Programma", "Stap", "Klaar voor de volgende stap", "Blokkerend", "Advies"},
    .row = region_row,
};

/* A region's value of a compared indicator: its rank, the value, the difference with the
** nation. */
static void area_row(report_row *r, const json_t *x) {
    char b[32];
    json_t *rank = json_object_get(x, "rank"), *diff = json_object_get(x, "difference");
    if (json_is_integer(rank))
        report_cell(r, "%d", (int)json_integer_value(rank));
    else
        report_cell(r, "-");
    report_cell(r, "%s", report_str(x, "name"));
    report_cell(r, "%s", report_nl_figure(x, b, sizeof b));
    if (json_is_number(diff))
        report_cell(r, "%s", report_nl_signed(json_number_value(diff), 1, b, sizeof b));
    else
        report_cell(r, "-");
}

static const report_table areas = {
    .heads = {"#", "Regio", "Waarde", "Verschil met Nederland"},
    .row = area_row,
};

static void all_regions(FILE *f, const json_t *doc) {
    char d1[32], b1[32];
    size_t i;
    json_t *x;
    md(f, "# Leernetwerk: alle regio's\n\n");
    md(f, "Gemaakt door spil op %s.\n\n", report_nl_date(report_str(doc, "today"), d1));
    md(f, "## Stap en gereedheid per regio\n\n");
    report_tabulate(f, &markup, &regions, json_object_get(doc, "regions"), doc);
    md(f, "## Wat de meeste regio's tegenhoudt\n\n");
    report_tabulate_or(f, &markup, &report_blockers, json_object_get(doc, "blockers"), doc,
                       "Geen regio wordt door een eis tegengehouden.");
    md(f, "## Indicatoren vergeleken\n\n");
    json_t *ind = json_object_get(doc, "indicators");
    if (!json_array_size(json_object_get(ind, "items")))
        md(f, "Nog geen cijfers om te vergelijken.\n\n");
    else
        md(f, "Waarden over minder dan %lld personen worden niet getoond (onderdrukt).\n\n",
           (long long)report_int(ind, "suppress_below"));
    json_array_foreach(json_object_get(ind, "items"), i, x) {
        md(f, "### %s: %s, %s\n\n", report_str(x, "code"),
           report_str(x, "name") ? report_str(x, "name") : REPORT_NL_NO_NAME,
           report_str(x, "period"));
        md(f, "Nederland: %s%s%s.\n\n",
           report_nl_figure(json_object_get(x, "national"), b1, sizeof b1),
           report_str(x, "unit") ? " " : "", report_str(x, "unit") ? report_str(x, "unit") : "");
        report_tabulate(f, &markup, &areas, json_object_get(x, "areas"), x);
    }
}

static void open_section(FILE *f, const report_section *s) {
    md(f, "## %r\n\n", s->title);
}

/* The sections that report_sections writes alike have no body here (NULL). */
static const report_format markdown = {
    .markup = &markup,
    .open = open_section,
    .body = {standing, findings, governance, NULL, funding, NULL, NULL, NULL, changes},
};

int report_md(FILE *f, const json_t *doc) {
    char d1[32];
    if (!strcmp(report_str(doc, "report"), "all")) {
        all_regions(f, doc);
        return ferror(f) ? -1 : 0;
    }
    json_t *reg = json_object_get(doc, "region");
    md(f, "# Rapport %s\n\n", report_str(reg, "name"));
    md(f, "Gemaakt door spil op %s. ", report_nl_date(report_str(doc, "today"), d1));
    char d2[128];
    md(f, "%s.\n\n", report_nl_members(reg, d2));
    if (report_str(reg, "description")) md(f, "%s\n\n", report_str(reg, "description"));
    report_walk(f, doc, &markdown);
    return ferror(f) ? -1 : 0;
}
