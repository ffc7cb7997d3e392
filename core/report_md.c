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

static const char *js(const json_t *o, const char *k) {
    return json_string_value(json_object_get(o, k));
}
static json_int_t ji(const json_t *o, const char *k) {
    return json_integer_value(json_object_get(o, k));
}

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

/* A line of spil's own text with %s values escaped (only %s, %d, %lld and %%). */
static void md(FILE *f, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    for (const char *p = fmt; *p; p++) {
        if (*p != '%') {
            fputc(*p, f);
            continue;
        }
        p++;
        if (*p == 's')
            md_text(f, va_arg(ap, const char *));
        else if (*p == 'd')
            fprintf(f, "%d", va_arg(ap, int));
        else if (!strncmp(p, "lld", 3)) {
            fprintf(f, "%lld", va_arg(ap, long long));
            p += 2;
        } else if (*p == '%')
            fputc('%', f);
    }
    va_end(ap);
}

/* What a catalogue indicator without a name in its source is called. */
static const char NO_NAME[] = "naam niet gegeven door de bron";

static const char *date_nl(const char *d, char *buf) {
    return d ? report_nl_date(d, buf) : "-";
}

static const char *or_dash(const char *s) {
    return s && *s ? s : "-";
}

/* ---- standing ---- */

static const char *step_state(const char *s) {
    return !strcmp(s, "passed")    ? "gepasseerd"
           : !strcmp(s, "current") ? "huidige stap"
           : !strcmp(s, "next")    ? "volgende stap"
                                   : "later";
}

static const char *check_status(const char *s) {
    return !strcmp(s, "pass")       ? "voldaan"
           : !strcmp(s, "fail")     ? "niet voldaan (blokkerend)"
           : !strcmp(s, "advisory") ? "advies"
                                    : "de controle zelf faalde";
}

static void standing(FILE *f, const json_t *doc) {
    char d1[32], d2[32];
    md(f, "## Waar de regio staat\n\n");
    size_t i, k;
    json_t *p, *s;
    if (!json_array_size(json_object_get(doc, "programmes")))
        md(f, "De regio loopt geen programma.\n\n");
    json_array_foreach(json_object_get(doc, "programmes"), i, p) {
        json_t *r = json_object_get(p, "readiness"), *next = json_object_get(p, "next_step");
        md(f, "### %s: stap %s\n\n", or_dash(js(p, "name")), or_dash(js(p, "step_name")));
        md(f, "Huidige stap: **%s** (%s)", js(p, "step_name"), js(p, "step"));
        if (js(p, "since")) md(f, ", sinds %s", date_nl(js(p, "since"), d1));
        md(f, ".\n\n");
        md(f, "| # | Stap | Fase | Waar | Begonnen | Afgerond |\n|---|---|---|---|---|---|\n");
        json_array_foreach(json_object_get(p, "steps"), k, s) {
            const char *state = js(s, "state");
            int cur = !strcmp(state, "current");
            md(f,
               cur ? "| %d | **%s** | %s | %s | %s | %s |\n" : "| %d | %s | %s | %s | %s | %s |\n",
               (int)k + 1, js(s, "name"), or_dash(js(s, "phase_name")), step_state(state),
               js(s, "entered") ? date_nl(js(s, "entered"), d1) : "-",
               js(s, "left") ? date_nl(js(s, "left"), d2) : "-");
        }
        fputc('\n', f);
        int ready = json_is_true(json_object_get(r, "ready"));
        if (json_is_object(next))
            md(f,
               "**%s** om naar de volgende stap (%s) te gaan: ", ready ? "Klaar" : "Nog niet klaar",
               js(next, "name"));
        else
            md(f, "**%s** om de laatste stap af te ronden: ", ready ? "Klaar" : "Nog niet klaar");
        md(f, "%lld blokkerende bevinding%s, %lld advies%s.\n\n", (long long)ji(r, "blocking"),
           ji(r, "blocking") == 1 ? "" : "en", (long long)ji(r, "advisory"),
           ji(r, "advisory") == 1 ? "" : "bevindingen");
        md(f, "| Controle | Uitkomst | Bevindingen |\n|---|---|---|\n");
        json_t *c;
        json_array_foreach(json_object_get(r, "checks"), k, c)
            md(f, "| %s | %s | %d |\n", js(c, "name") ? js(c, "name") : js(c, "id"),
               check_status(js(c, "status")), (int)json_array_size(json_object_get(c, "findings")));
        fputc('\n', f);
    }
}

static void findings(FILE *f, const json_t *doc) {
    json_t *groups = json_object_get(doc, "findings");
    md(f, "## Bevindingen: wie moet wat doen\n\n");
    if (!json_array_size(groups)) {
        md(f, "Geen bevindingen: elke controle is voldaan.\n\n");
        return;
    }
    md(f, "Blokkerende bevindingen eerst, per organisatie of persoon die aan zet is.\n\n");
    size_t i, k;
    json_t *g, *x;
    json_array_foreach(groups, i, g) {
        json_t *subj = json_object_get(g, "subject");
        md(f, "### %s: %s\n\n", report_nl_subject(js(subj, "kind")), or_dash(js(subj, "name")));
        md(f, "%lld blokkerend, %lld advies.\n\n", (long long)ji(g, "blocking"),
           (long long)ji(g, "advisory"));
        json_array_foreach(json_object_get(g, "findings"), k, x) {
            int blocking = !strcmp(js(x, "severity"), "blocking");
            md(f, "- **%s**: %s\n", blocking ? "Blokkerend" : "Advies", js(x, "missing"));
            if (js(x, "remedy")) md(f, "  - Te doen: %s\n", js(x, "remedy"));
            md(f, "  - Controle: %s (%s)\n", or_dash(js(x, "check_name")), js(x, "programme"));
            if (js(x, "source")) md(f, "  - Bron: %s\n", js(x, "source"));
        }
        fputc('\n', f);
    }
}

/* ---- governance ---- */

static const char *yes_no(const json_t *v) {
    return json_is_true(v) ? "ja" : json_is_false(v) ? "nee" : "-";
}

static void governance(FILE *f, const json_t *doc) {
    char d1[32];
    json_t *gov = json_object_get(doc, "governance");
    md(f, "## Bestuur en besluitvorming\n\n");
    size_t i, k;
    json_t *b, *m;
    json_array_foreach(json_object_get(gov, "bodies"), i, b) {
        md(f, "### %s (%s)\n\n", js(b, "name"), js(b, "kind"));
        if (json_integer_value(json_object_get(b, "meetings_per_year")))
            md(f, "Vergadert %lld keer per jaar.\n\n", (long long)ji(b, "meetings_per_year"));
        md(f, "| Organisatie | Vertegenwoordiger | Lidmaatschap | Functie | Mandaat | Beslist "
              "met mandaat |\n|---|---|---|---|---|---|\n");
        json_array_foreach(json_object_get(b, "members"), k, m)
            md(f, "| %s | %s | %s | %s | %s | %s |\n", js(m, "organisation_name"),
               or_dash(js(m, "person_name")),
               report_nl_value("body_member.membership", js(m, "membership")),
               or_dash(report_nl_value("body_member.function", js(m, "function"))),
               yes_no(json_object_get(m, "mandate")),
               yes_no(json_object_get(m, "decides_with_mandate")));
        fputc('\n', f);
        json_array_foreach(json_object_get(b, "represented"), k, m)
            md(f, "- %s wordt vertegenwoordigd door %s.\n", js(m, "organisation_name"),
               js(m, "via_name"));
        if (json_array_size(json_object_get(b, "represented"))) fputc('\n', f);
    }
    md(f, "### Adviezen in afwachting\n\n");
    json_t *pend = json_object_get(gov, "pending_advice");
    if (!json_array_size(pend))
        md(f, "Geen advies wacht op het besluit van een organisatie.\n\n");
    else {
        md(f, "| Advies | Van | Datum | Wacht op het besluit van |\n|---|---|---|---|\n");
        json_array_foreach(pend, i, m)
            md(f, "| %s | %s | %s | %s |\n", js(m, "subject"), or_dash(js(m, "body")),
               date_nl(js(m, "date"), d1), js(m, "organisation_name"));
        fputc('\n', f);
    }
    md(f, "### Laatste besluiten\n\n");
    json_t *ds = json_object_get(gov, "decisions");
    if (!json_array_size(ds)) md(f, "Geen besluiten vastgelegd.\n\n");
    json_array_foreach(ds, i, m) {
        md(f, "- %s, %s: **%s** (%s", date_nl(js(m, "date"), d1),
           js(m, "body_name") ? js(m, "body_name") : or_dash(js(m, "organisation_name")),
           js(m, "subject"), report_nl_value("decision.kind", js(m, "kind")));
        if (js(m, "outcome")) md(f, ", %s", report_nl_value("decision.outcome", js(m, "outcome")));
        md(f, ")\n");
        json_t *v;
        json_array_foreach(json_object_get(m, "verdicts"), k, v) {
            if (json_is_true(json_object_get(v, "own")))
                md(f, "  - %s: een eigen besluit van de organisatie, geldig zoals vastgelegd.\n",
                   js(v, "programme"));
            else if (json_is_true(json_object_get(v, "valid")))
                md(f,
                   "  - %s: geldig volgens de regel van de regio (%lld van %lld meetellende "
                   "leden namen een standpunt in).\n",
                   js(v, "programme"), (long long)ji(v, "present"), (long long)ji(v, "counted"));
            else {
                md(f, "  - %s: niet geldig volgens de regel van de regio", js(v, "programme"));
                size_t j;
                json_t *r;
                json_array_foreach(json_object_get(v, "reasons"), j, r)
                    md(f, "%s%s", j ? "; " : ": ", json_string_value(r));
                md(f, ".\n");
            }
        }
        if (js(m, "verdict_error"))
            md(f, "  - Het oordeel kon niet worden bepaald: %s\n", js(m, "verdict_error"));
    }
    fputc('\n', f);
}

/* ---- agreements, funding, roles, actions ---- */

static void agreements(FILE *f, const json_t *doc) {
    char d1[32];
    md(f, "## Afspraken en ondertekening\n\n");
    json_t *as = json_object_get(doc, "agreements");
    if (!json_array_size(as)) md(f, "Geen afspraken vastgelegd.\n\n");
    size_t i, k;
    json_t *a, *p;
    json_array_foreach(as, i, a) {
        json_t *parties = json_object_get(a, "parties");
        md(f, "### %s\n\n", js(a, "title"));
        md(f, "%s, %s; %lld van %d partijen getekend.\n\n", js(a, "kind"),
           js(a, "status") ? report_nl_value("agreement.status", js(a, "status"))
                           : "status niet vastgelegd",
           (long long)ji(a, "signed"), (int)json_array_size(parties));
        if (!json_array_size(parties)) continue;
        md(f, "| Partij | Status | Datum | Getekend door |\n|---|---|---|---|\n");
        json_array_foreach(parties, k, p)
            md(f, "| %s | %s | %s | %s |\n", js(p, "organisation_name"),
               report_nl_value("agreement_party.status", js(p, "status")),
               date_nl(js(p, "date"), d1), or_dash(js(p, "signatory_name")));
        fputc('\n', f);
    }
}

static void period(FILE *f, const json_t *o) {
    char d1[32], d2[32];
    const char *s = js(o, "since"), *u = js(o, "until");
    if (s && u)
        md(f, "%s tot en met %s", report_nl_date(s, d1), report_nl_date(u, d2));
    else if (s)
        md(f, "vanaf %s", report_nl_date(s, d1));
    else if (u)
        md(f, "tot en met %s", report_nl_date(u, d2));
    else
        md(f, "-");
}

static void funding(FILE *f, const json_t *doc) {
    md(f, "## Financiering\n\n");
    json_t *fs = json_object_get(doc, "funding");
    if (!json_array_size(fs)) {
        md(f, "Geen financiering vastgelegd.\n\n");
        return;
    }
    md(f, "| Doel | Wat | Bron | Bedrag | Financier | Periode | Status "
          "|\n|---|---|---|---|---|---|---|\n");
    size_t i;
    json_t *x;
    char num[64];
    json_array_foreach(fs, i, x) {
        md(f, "| %s | %s | %s | ", report_nl_value("funding.purpose", js(x, "purpose")),
           js(x, "id"), report_nl_value("funding.source", js(x, "source")));
        json_t *amount = json_object_get(x, "amount");
        if (json_is_number(amount))
            md(f, "€ %s", report_nl_number(json_number_value(amount), 0, num, sizeof num));
        else
            md(f, "-");
        md(f, " | %s | ", or_dash(js(x, "funder_name")));
        period(f, x);
        md(f,
           json_is_true(json_object_get(x, "ending_soon")) ? " | %s; **loopt binnenkort af** |\n"
           : json_is_true(json_object_get(x, "ended"))     ? " | %s; periode voorbij |\n"
                                                           : " | %s |\n",
           report_nl_value("funding.status", js(x, "status")));
    }
    fputc('\n', f);
}

static void roles(FILE *f, const json_t *doc) {
    char num[32];
    md(f, "## Rollen en verantwoordelijkheden\n\n");
    json_t *rs = json_object_get(doc, "roles");
    size_t i;
    json_t *r;
    if (json_array_size(rs)) {
        md(f, "| Persoon | Rol | Gemeente | Uren per week | Formele opdracht | Focus | Periode "
              "|\n|---|---|---|---|---|---|---|\n");
        json_array_foreach(rs, i, r) {
            json_t *h = json_object_get(r, "hours");
            md(f, "| %s | %s | %s | %s | %s | %s | ", js(r, "person_name"),
               report_nl_value("role_assignment.role", js(r, "role")),
               or_dash(js(r, "municipality")),
               json_is_number(h) ? report_nl_number(json_number_value(h), 1, num, sizeof num) : "-",
               yes_no(json_object_get(r, "formal_assignment")),
               or_dash(report_nl_value("role_assignment.focus", js(r, "focus"))));
            period(f, r);
            md(f, " |\n");
        }
        fputc('\n', f);
    } else {
        md(f, "Geen rollen vastgelegd.\n\n");
    }
    json_t *res = json_object_get(doc, "responsibilities");
    if (json_array_size(res)) {
        md(f, "| Taak | Niveau | Organisatie | Persoon |\n|---|---|---|---|\n");
        json_array_foreach(res, i, r) md(f, "| %s | %s | %s | %s |\n", js(r, "task"),
                                         report_nl_value("responsibility.level", js(r, "level")),
                                         js(r, "organisation_name"), or_dash(js(r, "person_name")));
        fputc('\n', f);
    }
}

static void actions(FILE *f, const json_t *doc) {
    char d1[32];
    md(f, "## Acties die openstaan\n\n");
    json_t *as = json_object_get(doc, "actions");
    if (!json_array_size(as)) {
        md(f, "Geen open acties.\n\n");
        return;
    }
    md(f, "| Actie | Wie | Uiterlijk | |\n|---|---|---|---|\n");
    size_t i;
    json_t *a;
    json_array_foreach(as, i, a)
        md(f,
           json_is_true(json_object_get(a, "overdue")) ? "| %s | %s | %s | **te laat** |\n"
                                                       : "| %s | %s | %s | open |\n",
           js(a, "title"), or_dash(js(a, "owner_name")), date_nl(js(a, "due"), d1));
    fputc('\n', f);
}

/* ---- indicators ---- */

/* A value as the report shows it: 14,2; "onderdrukt"; "-". */
static const char *value_nl(const json_t *v, char *buf, size_t cap) {
    if (!json_is_object(v)) return "-";
    if (json_is_true(json_object_get(v, "suppressed"))) return "onderdrukt";
    json_t *x = json_object_get(v, "value");
    return json_is_number(x) ? report_nl_number(json_number_value(x), 1, buf, cap) : "-";
}

static void indicators(FILE *f, const json_t *doc) {
    json_t *ind = json_object_get(doc, "indicators"), *items = json_object_get(ind, "items");
    md(f, "## Indicatoren\n\n");
    if (!json_array_size(items)) {
        md(f, "De regio heeft geen indicatoren afgesproken, en er zijn geen cijfers van de "
              "landelijke indicatoren van haar programma's.\n\n");
        return;
    }
    if (json_is_true(json_object_get(ind, "from_catalogue")))
        md(f, "De regio heeft geen indicatoren afgesproken; dit zijn de eerste landelijke "
              "indicatoren van haar programma's met cijfers.\n\n");
    md(f, "Waarden over minder dan %lld personen worden niet getoond (onderdrukt).\n\n",
       (long long)ji(ind, "suppress_below"));
    size_t i, k;
    json_t *x, *v;
    char b1[32], b2[32];
    json_array_foreach(items, i, x) {
        md(f, "### %s: %s", js(x, "code"), js(x, "name") ? js(x, "name") : NO_NAME);
        if (js(x, "unit")) md(f, " (%s)", js(x, "unit"));
        md(f, "\n\n");
        json_t *series = json_object_get(x, "series"), *nat = json_object_get(x, "national");
        if (!json_array_size(series)) {
            md(f, "Nog geen cijfers.\n\n");
            continue;
        }
        md(f, "| Periode | Regio | Nederland |\n|---|---|---|\n");
        json_array_foreach(series, k, v)
            md(f, "| %s | %s | %s |\n", js(v, "period"), value_nl(v, b1, sizeof b1),
               value_nl(json_array_get(nat, k), b2, sizeof b2));
        fputc('\n', f);
    }
}

/* ---- changes ---- */

static void changes(FILE *f, const json_t *doc) {
    char d1[32];
    json_t *c = json_object_get(doc, "changes");
    const char *basis = js(c, "basis");
    md(f, "## Wat is er veranderd\n\n");
    md(f, "Sinds %s (%s): %lld wijziging%s.\n\n", report_nl_date(js(c, "since"), d1),
       !strcmp(basis, "last_report") ? "het vorige rapport"
       : !strcmp(basis, "option")    ? "gevraagd met --since"
                                     : "er is nog geen eerder rapport",
       (long long)ji(c, "events"), ji(c, "events") == 1 ? "" : "en");
    size_t i, k;
    json_t *g, *key;
    json_array_foreach(json_object_get(c, "groups"), i, g) {
        md(f, "- %s, %s (%s): ", date_nl(js(g, "at"), d1), or_dash(js(g, "actor")),
           or_dash(js(g, "command")));
        if (js(g, "from"))
            md(f, "van stap %s naar stap %s", js(g, "from"), js(g, "to"));
        else {
            md(f, "%lld × %s %s", (long long)ji(g, "count"), report_nl_entity(js(g, "entity")),
               report_nl_action(js(g, "action")));
            json_array_foreach(json_object_get(g, "keys"), k, key)
                md(f, "%s%s", k ? ", " : ": ", json_string_value(key));
            if ((size_t)ji(g, "count") > json_array_size(json_object_get(g, "keys")))
                md(f, ", ...");
        }
        if (js(g, "reason")) md(f, "; reden: %s", js(g, "reason"));
        md(f, "\n");
    }
    if (ji(c, "groups_total") > (json_int_t)json_array_size(json_object_get(c, "groups")))
        md(f, "- en nog %lld regels: zie spil log\n",
           (long long)(ji(c, "groups_total") -
                       (json_int_t)json_array_size(json_object_get(c, "groups"))));
    fputc('\n', f);
}

/* ---- the learning network's page ---- */

static void all_regions(FILE *f, const json_t *doc) {
    char d1[32], b1[32], b2[32];
    md(f, "# Leernetwerk: alle regio's\n\n");
    md(f, "Gemaakt door spil op %s.\n\n", report_nl_date(js(doc, "today"), d1));
    md(f, "## Stap en gereedheid per regio\n\n");
    md(f, "| Regio | Programma | Stap | Klaar voor de volgende stap | Blokkerend | Advies "
          "|\n|---|---|---|---|---|---|\n");
    size_t i, k;
    json_t *r, *x;
    json_array_foreach(json_object_get(doc, "regions"), i, r) {
        if (js(r, "error")) {
            md(f, "| %s | %s | - | de controles konden niet draaien: %s | - | - |\n", js(r, "name"),
               js(r, "programme"), js(r, "error"));
            continue;
        }
        md(f, "| %s | %s | %s | %s | %lld | %lld |\n", js(r, "name"), js(r, "programme_name"),
           js(r, "step_name"), json_is_true(json_object_get(r, "ready")) ? "ja" : "nee",
           (long long)ji(r, "blocking"), (long long)ji(r, "advisory"));
    }
    md(f, "\n## Wat de meeste regio's tegenhoudt\n\n");
    json_t *bl = json_object_get(doc, "blockers");
    if (!json_array_size(bl))
        md(f, "Geen regio wordt door een eis tegengehouden.\n\n");
    else {
        md(f, "| Eis (controle) | Programma | Regio's | Welke |\n|---|---|---|---|\n");
        json_array_foreach(bl, i, x) {
            md(f, "| %s | %s | %lld | ", js(x, "name"), js(x, "programme"),
               (long long)ji(x, "regions"));
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
           (long long)ji(ind, "suppress_below"));
    json_array_foreach(json_object_get(ind, "items"), i, x) {
        md(f, "### %s: %s, %s\n\n", js(x, "code"), js(x, "name") ? js(x, "name") : NO_NAME,
           js(x, "period"));
        md(f, "Nederland: %s%s%s.\n\n", value_nl(json_object_get(x, "national"), b1, sizeof b1),
           js(x, "unit") ? " " : "", js(x, "unit") ? js(x, "unit") : "");
        md(f, "| # | Regio | Waarde | Verschil met Nederland |\n|---|---|---|---|\n");
        json_array_foreach(json_object_get(x, "areas"), k, r) {
            json_t *rank = json_object_get(r, "rank"), *diff = json_object_get(r, "difference");
            char rk[16] = "-";
            if (json_is_integer(rank))
                snprintf(rk, sizeof rk, "%lld", (long long)json_integer_value(rank));
            md(f, "| %s | %s | %s | ", rk, js(r, "name"), value_nl(r, b1, sizeof b1));
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

int report_md(FILE *f, const json_t *doc) {
    char d1[32];
    if (!strcmp(js(doc, "report"), "all")) {
        all_regions(f, doc);
        return ferror(f) ? -1 : 0;
    }
    json_t *reg = json_object_get(doc, "region");
    md(f, "# Rapport %s\n\n", js(reg, "name"));
    md(f, "Gemaakt door spil op %s. ", report_nl_date(js(doc, "today"), d1));
    char d2[128];
    md(f, "%s.\n\n", report_nl_members(reg, d2));
    if (js(reg, "description")) md(f, "%s\n\n", js(reg, "description"));
    standing(f, doc);
    findings(f, doc);
    governance(f, doc);
    agreements(f, doc);
    funding(f, doc);
    roles(f, doc);
    actions(f, doc);
    indicators(f, doc);
    changes(f, doc);
    return ferror(f) ? -1 : 0;
}
