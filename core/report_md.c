/*
** report_md.c: the report as Markdown, for minutes and e-mail (see report.h). Renders the
** document of report_region or report_all and nothing else. Every value from region data goes
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

/* ---- standing ---- */

static const char *check_status(const char *s) {
    return !strcmp(s, "pass")       ? "voldaan"
           : !strcmp(s, "fail")     ? "niet voldaan (blokkerend)"
           : !strcmp(s, "advisory") ? "advies"
                                    : "de controle zelf faalde";
}

static void standing(FILE *f, const json_t *doc) {
    char d1[32], d2[32];
    size_t i, k;
    json_t *p, *s;
    json_array_foreach(json_object_get(doc, "programmes"), i, p) {
        json_t *r = json_object_get(p, "readiness"), *next = json_object_get(p, "next_step");
        md(f, "### %s: stap %s\n\n", report_or_dash(report_str(p, "name")),
           report_or_dash(report_str(p, "step_name")));
        md(f, "Huidige stap: **%s** (%s)", report_str(p, "step_name"), report_str(p, "step"));
        if (report_str(p, "since"))
            md(f, ", sinds %s", report_nl_date_or_dash(report_str(p, "since"), d1));
        md(f, ".\n\n");
        md(f, "| # | Stap | Fase | Waar | Begonnen | Afgerond |\n|---|---|---|---|---|---|\n");
        json_array_foreach(json_object_get(p, "steps"), k, s) {
            const char *state = report_str(s, "state");
            int cur = !strcmp(state, "current");
            md(f,
               cur ? "| %d | **%s** | %s | %s | %s | %s |\n" : "| %d | %s | %s | %s | %s | %s |\n",
               (int)k + 1, report_str(s, "name"), report_or_dash(report_str(s, "phase_name")),
               report_nl_step_state(state),
               report_str(s, "entered") ? report_nl_date_or_dash(report_str(s, "entered"), d1)
                                        : "-",
               report_str(s, "left") ? report_nl_date_or_dash(report_str(s, "left"), d2) : "-");
        }
        fputc('\n', f);
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
        md(f, "| Controle | Uitkomst | Bevindingen |\n|---|---|---|\n");
        json_t *c;
        json_array_foreach(json_object_get(r, "checks"), k, c)
            md(f, "| %s | %s | %d |\n",
               report_str(c, "name") ? report_str(c, "name") : report_str(c, "id"),
               check_status(report_str(c, "status")),
               (int)json_array_size(json_object_get(c, "findings")));
        fputc('\n', f);
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

static void governance(FILE *f, const json_t *doc) {
    char d1[32];
    json_t *gov = json_object_get(doc, "governance");
    size_t i, k;
    json_t *b, *m;
    json_array_foreach(json_object_get(gov, "bodies"), i, b) {
        md(f, "### %s (%s)\n\n", report_str(b, "name"), report_str(b, "kind"));
        if (json_integer_value(json_object_get(b, "meetings_per_year")))
            md(f, "Vergadert %lld keer per jaar.\n\n",
               (long long)report_int(b, "meetings_per_year"));
        md(f, "| Organisatie | Vertegenwoordiger | Lidmaatschap | Functie | Mandaat | Beslist "
              "met mandaat |\n|---|---|---|---|---|---|\n");
        json_array_foreach(json_object_get(b, "members"), k, m)
            md(f, "| %s | %s | %s | %s | %s | %s |\n", report_str(m, "organisation_name"),
               report_or_dash(report_str(m, "person_name")),
               report_nl_value("body_member.membership", report_str(m, "membership")),
               report_or_dash(report_nl_value("body_member.function", report_str(m, "function"))),
               report_nl_yes_no(json_object_get(m, "mandate")),
               report_nl_yes_no(json_object_get(m, "decides_with_mandate")));
        fputc('\n', f);
        json_array_foreach(json_object_get(b, "represented"), k, m)
            md(f, "- %s wordt vertegenwoordigd door %s.\n", report_str(m, "organisation_name"),
               report_str(m, "via_name"));
        if (json_array_size(json_object_get(b, "represented"))) fputc('\n', f);
    }
    md(f, "### Adviezen in afwachting\n\n");
    json_t *pend = json_object_get(gov, "pending_advice");
    if (!json_array_size(pend))
        md(f, "Geen advies wacht op het besluit van een organisatie.\n\n");
    else {
        md(f, "| Advies | Van | Datum | Wacht op het besluit van |\n|---|---|---|---|\n");
        json_array_foreach(pend, i, m) md(f, "| %s | %s | %s | %s |\n", report_str(m, "subject"),
                                          report_or_dash(report_str(m, "body")),
                                          report_nl_date_or_dash(report_str(m, "date"), d1),
                                          report_str(m, "organisation_name"));
        fputc('\n', f);
    }
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
                   "  - %s: geldig volgens de regel van de regio (%lld van %lld meetellende "
                   "leden namen een standpunt in).\n",
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

/* ---- agreements, funding, roles, actions ---- */

static void agreements(FILE *f, const json_t *doc) {
    char d1[32];
    json_t *as = json_object_get(doc, "agreements");
    size_t i, k;
    json_t *a, *p;
    json_array_foreach(as, i, a) {
        json_t *parties = json_object_get(a, "parties");
        md(f, "### %s\n\n", report_str(a, "title"));
        md(f, "%s, %s; %lld van %d partijen getekend.\n\n", report_str(a, "kind"),
           report_str(a, "status") ? report_nl_value("agreement.status", report_str(a, "status"))
                                   : "status niet vastgelegd",
           (long long)report_int(a, "signed"), (int)json_array_size(parties));
        if (!json_array_size(parties)) continue;
        md(f, "| Partij | Status | Datum | Getekend door |\n|---|---|---|---|\n");
        json_array_foreach(parties, k, p)
            md(f, "| %s | %s | %s | %s |\n", report_str(p, "organisation_name"),
               report_nl_value("agreement_party.status", report_str(p, "status")),
               report_nl_date_or_dash(report_str(p, "date"), d1),
               report_or_dash(report_str(p, "signatory_name")));
        fputc('\n', f);
    }
}

static void funding(FILE *f, const json_t *doc) {
    json_t *fs = json_object_get(doc, "funding");
    md(f, "| Doel | Wat | Bron | Bedrag | Financier | Periode | Status "
          "|\n|---|---|---|---|---|---|---|\n");
    size_t i;
    json_t *x;
    char num[64], per[96];
    json_array_foreach(fs, i, x) {
        md(f, "| %s | %s | %s | ", report_nl_value("funding.purpose", report_str(x, "purpose")),
           report_str(x, "id"), report_nl_value("funding.source", report_str(x, "source")));
        json_t *amount = json_object_get(x, "amount");
        if (json_is_number(amount))
            md(f, "€ %s", report_nl_number(json_number_value(amount), 0, num, sizeof num));
        else
            md(f, "-");
        md(f, " | %s | ", report_or_dash(report_str(x, "funder_name")));
        md(f, "%s", report_nl_period(x, per));
        md(f,
           json_is_true(json_object_get(x, "ending_soon")) ? " | %s; **loopt binnenkort af** |\n"
           : json_is_true(json_object_get(x, "ended"))     ? " | %s; periode voorbij |\n"
                                                           : " | %s |\n",
           report_nl_value("funding.status", report_str(x, "status")));
    }
    fputc('\n', f);
}

static void roles(FILE *f, const json_t *doc) {
    char num[32], per[96];
    json_t *rs = json_object_get(doc, "roles");
    size_t i;
    json_t *r;
    if (json_array_size(rs)) {
        md(f, "| Persoon | Rol | Gemeente | Uren per week | Formele opdracht | Focus | Periode "
              "|\n|---|---|---|---|---|---|---|\n");
        json_array_foreach(rs, i, r) {
            json_t *h = json_object_get(r, "hours");
            md(f, "| %s | %s | %s | %s | %s | %s | ", report_str(r, "person_name"),
               report_nl_value("role_assignment.role", report_str(r, "role")),
               report_or_dash(report_str(r, "municipality")),
               json_is_number(h) ? report_nl_number(json_number_value(h), 1, num, sizeof num) : "-",
               report_nl_yes_no(json_object_get(r, "formal_assignment")),
               report_or_dash(report_nl_value("role_assignment.focus", report_str(r, "focus"))));
            md(f, "%s", report_nl_period(r, per));
            md(f, " |\n");
        }
        fputc('\n', f);
    } else {
        md(f, "Geen rollen vastgelegd.\n\n");
    }
    json_t *res = json_object_get(doc, "responsibilities");
    if (json_array_size(res)) {
        md(f, "| Taak | Niveau | Organisatie | Persoon |\n|---|---|---|---|\n");
        json_array_foreach(res, i, r)
            md(f, "| %s | %s | %s | %s |\n", report_str(r, "task"),
               report_nl_value("responsibility.level", report_str(r, "level")),
               report_str(r, "organisation_name"), report_or_dash(report_str(r, "person_name")));
        fputc('\n', f);
    }
}

static void actions(FILE *f, const json_t *doc) {
    char d1[32];
    json_t *as = json_object_get(doc, "actions");
    md(f, "| Actie | Wie | Uiterlijk | |\n|---|---|---|---|\n");
    size_t i;
    json_t *a;
    json_array_foreach(as, i, a)
        md(f,
           json_is_true(json_object_get(a, "overdue")) ? "| %s | %s | %s | **te laat** |\n"
                                                       : "| %s | %s | %s | open |\n",
           report_str(a, "title"), report_or_dash(report_str(a, "owner_name")),
           report_nl_date_or_dash(report_str(a, "due"), d1));
    fputc('\n', f);
}

/* ---- indicators ---- */

static void indicators(FILE *f, const json_t *doc) {
    json_t *ind = json_object_get(doc, "indicators"), *items = json_object_get(ind, "items");
    if (json_is_true(json_object_get(ind, "from_catalogue")))
        md(f, "De regio heeft geen indicatoren afgesproken; dit zijn de eerste landelijke "
              "indicatoren van haar programma's met cijfers.\n\n");
    md(f, "Waarden over minder dan %lld personen worden niet getoond (onderdrukt).\n\n",
       (long long)report_int(ind, "suppress_below"));
    size_t i, k;
    json_t *x, *v;
    char b1[32], b2[32];
    json_array_foreach(items, i, x) {
        md(f, "### ");
        report_indicator_title(f, md_text, x);
        md(f, "\n\n");
        json_t *series = json_object_get(x, "series"), *nat = json_object_get(x, "national");
        if (!json_array_size(series)) {
            md(f, "Nog geen cijfers.\n\n");
            continue;
        }
        md(f, "| Periode | Regio | Nederland |\n|---|---|---|\n");
        json_array_foreach(series, k, v)
            md(f, "| %s | %s | %s |\n", report_str(v, "period"), report_nl_figure(v, b1, sizeof b1),
               report_nl_figure(json_array_get(nat, k), b2, sizeof b2));
        fputc('\n', f);
    }
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

static void all_regions(FILE *f, const json_t *doc) {
    char d1[32], b1[32], b2[32];
    md(f, "# Leernetwerk: alle regio's\n\n");
    md(f, "Gemaakt door spil op %s.\n\n", report_nl_date(report_str(doc, "today"), d1));
    md(f, "## Stap en gereedheid per regio\n\n");
    md(f, "| Regio | Programma | Stap | Klaar voor de volgende stap | Blokkerend | Advies "
          "|\n|---|---|---|---|---|---|\n");
    size_t i, k;
    json_t *r, *x;
    json_array_foreach(json_object_get(doc, "regions"), i, r) {
        if (report_str(r, "error")) {
            md(f, "| %s | %s | - | de controles konden niet draaien: %s | - | - |\n",
               report_str(r, "name"), report_str(r, "programme"), report_str(r, "error"));
            continue;
        }
        md(f, "| %s | %s | %s | %s | %lld | %lld |\n", report_str(r, "name"),
           report_str(r, "programme_name"), report_str(r, "step_name"),
           json_is_true(json_object_get(r, "ready")) ? "ja" : "nee",
           (long long)report_int(r, "blocking"), (long long)report_int(r, "advisory"));
    }
    md(f, "\n## Wat de meeste regio's tegenhoudt\n\n");
    json_t *bl = json_object_get(doc, "blockers");
    if (!json_array_size(bl))
        md(f, "Geen regio wordt door een eis tegengehouden.\n\n");
    else {
        md(f, "| Eis (controle) | Programma | Regio's | Welke |\n|---|---|---|---|\n");
        json_array_foreach(bl, i, x) {
            md(f, "| %s | %s | %lld | ", report_str(x, "name"), report_str(x, "programme"),
               (long long)report_int(x, "regions"));
            json_t *n;
            json_array_foreach(json_object_get(x, "region_names"), k, n)
                md(f, "%s%s", k ? ", " : "", json_string_value(n));
            md(f, " |\n");
        }
        fputc('\n', f);
    }
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
        md(f, "| # | Regio | Waarde | Verschil met Nederland |\n|---|---|---|---|\n");
        json_array_foreach(json_object_get(x, "areas"), k, r) {
            json_t *rank = json_object_get(r, "rank"), *diff = json_object_get(r, "difference");
            char rk[16] = "-";
            if (json_is_integer(rank))
                snprintf(rk, sizeof rk, "%lld", (long long)json_integer_value(rank));
            md(f, "| %s | %s | %s | ", rk, report_str(r, "name"),
               report_nl_figure(r, b1, sizeof b1));
            if (json_is_number(diff)) {
                double d = json_number_value(diff);
                md(f, "%s%s", d > 0 ? "+" : "", report_nl_number(d, 1, b2, sizeof b2));
            } else
                md(f, "-");
            md(f, " |\n");
        }
        fputc('\n', f);
    }
}

static void open_section(FILE *f, const report_section *s) {
    md(f, "## %r\n\n", s->title);
}

static void empty_section(FILE *f, const char *sentence) {
    md(f, "%r\n\n", sentence);
}

static const report_format markdown = {
    open_section,
    empty_section,
    {standing, findings, governance, agreements, funding, roles, actions, indicators, changes},
    NULL,
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
