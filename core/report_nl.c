/*
** report_nl.c: the Dutch words of spil report (see report.h): the model's values as the report
** shows them (signed: getekend), entity names, event actions, dates (15 januari 2026) and
** numbers with a decimal comma. The values the model itself stores in Dutch (kerngroep,
** samenwerkingsovereenkomst, the topics) are shown as they are.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"

static const struct {
    const char *field, *value, *word;
} values[] = {
    {"agreement_party.status", "invited", "uitgenodigd"},
    {"agreement_party.status", "agreed", "akkoord"},
    {"agreement_party.status", "signed", "getekend"},
    {"agreement_party.status", "declined", "afgewezen"},
    {"agreement_party.status", "withdrawn", "ingetrokken"},
    {"agreement.status", "draft", "concept"},
    {"agreement.status", "consultation", "in consultatie"},
    {"agreement.status", "adopted", "vastgesteld"},
    {"agreement.status", "signed", "getekend"},
    {"agreement.status", "ended", "beëindigd"},
    {"decision.kind", "decision", "besluit"},
    {"decision.kind", "advice", "advies"},
    {"decision.outcome", "adopted", "aangenomen"},
    {"decision.outcome", "rejected", "verworpen"},
    {"decision.outcome", "pending", "in afwachting"},
    {"decision.outcome", "deferred", "aangehouden"},
    {"decision_position.position", "for", "voor"},
    {"decision_position.position", "against", "tegen"},
    {"decision_position.position", "abstain", "onthouding"},
    {"decision_position.position", "objection", "bezwaar"},
    {"funding.status", "proposed", "voorgesteld"},
    {"funding.status", "requested", "aangevraagd"},
    {"funding.status", "agreed", "akkoord"},
    {"funding.status", "granted", "toegekend"},
    {"funding.status", "rejected", "afgewezen"},
    {"funding.status", "ended", "beëindigd"},
    {"funding.source", "gemeente", "gemeenten"},
    {"funding.source", "zorgverzekeraar", "zorgverzekeraar"},
    {"funding.source", "fonds", "fonds"},
    {"funding.source", "other", "overig"},
    {"funding.source", "gala", "GALA"},
    {"funding.source", "spuk", "SPUK"},
    {"funding.source", "iza", "IZA"},
    {"funding.purpose", "rc", "regiocoördinator"},
    {"funding.purpose", "m&e", "monitoring en evaluatie"},
    {"funding.purpose", "training", "training"},
    {"funding.purpose", "czv-indirect", "indirecte uren CZV"},
    {"funding.purpose", "other", "overig"},
    {"body_member.membership", "member", "lid"},
    {"body_member.membership", "agenda", "agendalid"},
    {"body_member.membership", "advisory", "adviserend"},
    {"body_member.function", "chair", "voorzitter"},
    {"body_member.function", "secretary", "secretaris"},
    {"responsibility.level", "strategic", "strategisch"},
    {"responsibility.level", "operational", "operationeel"},
    {"role_assignment.focus", "strategic", "strategisch"},
    {"role_assignment.focus", "operational", "operationeel"},
    {"role_assignment.role", "regiocoordinator", "regiocoördinator"},
    {"role_assignment.role", "czv", "coördinator zorg voor jeugd (CZV)"},
    {"role_assignment.role", "bestuurlijk-aanspreekpunt", "bestuurlijk aanspreekpunt"},
    {"role_assignment.role", "data-adviseur", "data-adviseur"},
    {"action.status", "open", "open"},
    {"action.status", "done", "gedaan"},
    {"action.status", "cancelled", "vervallen"},
    {"region_municipality.status", "member", "lid"},
    {"region_municipality.status", "candidate", "kandidaat"},
    {"region_municipality.status", "left", "uitgetreden"},
    {"decision.organ", "college", "college"},
    {"decision.organ", "raad", "raad"},
    {"decision.organ", "other", "overig"},
    {"body.kind", "bestuurlijk-overleg", "bestuurlijk overleg"},
    {"body.kind", "other", "overig overleg"},
};

const char *report_nl_value(const char *field, const char *v) {
    if (!v) return NULL;
    for (size_t i = 0; i < sizeof values / sizeof *values; i++)
        if (!strcmp(values[i].field, field) && !strcmp(values[i].value, v)) return values[i].word;
    return v;
}

static const struct {
    const char *key, *word;
} entities[] =
    {
        {"region", "regio"},
        {"script", "script"},
        {"municipality", "gemeente"},
        {"organisation", "organisatie"},
        {"work area", "werkgebied"},
        {"person", "persoon"},
        {"role", "rol"},
        {"programme", "programma"},
        {"step", "stap"},
        {"parameter", "parameter"},
        {"link", "verbinding"},
        {"body", "orgaan"},
        {"member", "lid van een orgaan"},
        {"representation", "vertegenwoordiging"},
        {"agreement", "afspraak"},
        {"topic", "onderwerp"},
        {"party", "partij"},
        {"document", "document"},
        {"decision", "besluit"},
        {"position", "standpunt"},
        {"funding", "financiering"},
        {"responsibility", "verantwoordelijkheid"},
        {"theme", "thema"},
        {"relevance", "relevantie"},
        {"meeting", "vergadering"},
        {"agenda item", "agendapunt"},
        {"action", "actie"},
        {"activity", "activiteit"},
        {"evaluation", "evaluatie"},
        {"finding", "bevinding"},
        {"follow-up", "opvolging"},
        {"indicator", "indicator"},
},
  actions[] =
      {
          {"add", "toegevoegd"},           {"change", "gewijzigd"},
          {"remove", "verwijderd"},        {"advance", "naar de volgende stap"},
          {"import", "cijfers ingelezen"},
},
  subjects[] = {
      {"organisation", "Organisatie"}, {"person", "Persoon"},   {"body", "Orgaan"},
      {"agreement", "Afspraak"},       {"decision", "Besluit"}, {"theme", "Thema"},
      {"municipality", "Gemeente"},    {"region", "Regio"},
};

#define LOOKUP(table, k)                                                                           \
    do {                                                                                           \
        if (!(k)) return NULL;                                                                     \
        for (size_t i = 0; i < sizeof table / sizeof *table; i++)                                  \
            if (!strcmp(table[i].key, (k))) return table[i].word;                                  \
        return (k);                                                                                \
    } while (0)

const char *report_nl_entity(const char *e) {
    LOOKUP(entities, e);
}

const char *report_nl_action(const char *a) {
    LOOKUP(actions, a);
}

const char *report_nl_subject(const char *k) {
    LOOKUP(subjects, k);
}

int64_t report_days(const char *s) {
    if (!s || strlen(s) < 10 || s[4] != '-' || s[7] != '-') return 0;
    int64_t y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
    if (m < 1 || m > 12 || d < 1 || d > 31) return 0;
    /* Days from civil (Howard Hinnant's algorithm). */
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

const char *report_date(int64_t days, char *buf) {
    /* Civil from days (the inverse of report_days). */
    int64_t z = days + 719468, era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097, yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t y = yoe + era * 400, doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153, d = doy - (153 * mp + 2) / 5 + 1,
            m = mp < 10 ? mp + 3 : mp - 9;
    snprintf(buf, 16, "%04d-%02d-%02d", (int)(y + (m <= 2)), (int)m, (int)d);
    return buf;
}

const char *report_nl_date(const char *d, char *buf) {
    static const char *const months[] = {"januari",   "februari", "maart",    "april",
                                         "mei",       "juni",     "juli",     "augustus",
                                         "september", "oktober",  "november", "december"};
    if (!d) {
        buf[0] = '\0';
        return buf;
    }
    if (!report_days(d)) {
        snprintf(buf, 32, "%s", d);
        return buf;
    }
    int n = snprintf(buf, 32, "%d %s %.4s", atoi(d + 8), months[atoi(d + 5) - 1], d);
    /* A time (2026-01-15T10:00:00Z) is shown to the minute, in UTC as it is stored. */
    if (strlen(d) >= 16 && d[10] == 'T' && n > 0 && n < 16)
        snprintf(buf + n, 32 - (size_t)n, " om %.5s UTC", d + 11);
    return buf;
}

const char *report_nl_members(const json_t *region, char *buf) {
    int m = (int)json_integer_value(json_object_get(region, "members")),
        c = (int)json_integer_value(json_object_get(region, "candidates"));
    int n = snprintf(buf, 128, "%d %s mee", m, m == 1 ? "gemeente doet" : "gemeenten doen");
    if (c && n > 0 && n < 128)
        snprintf(buf + n, 128 - (size_t)n, ", %d %s", c, c == 1 ? "kandidaat" : "kandidaten");
    return buf;
}

const char *report_nl_number(double v, int decimals, char *buf, size_t cap) {
    char raw[64];
    snprintf(raw, sizeof raw, "%.*f", decimals, v);
    if (raw[0] == '-' && strspn(raw + 1, "0.") == strlen(raw + 1))
        memmove(raw, raw + 1, strlen(raw));
    /* Thousands with a point, decimals after a comma: 25.000 and 14,2. */
    const char *dot = strchr(raw, '.'), *digits = raw + (raw[0] == '-');
    size_t whole = (size_t)((dot ? dot : raw + strlen(raw)) - digits), o = 0;
    if (raw[0] == '-' && o + 1 < cap) buf[o++] = '-';
    for (size_t i = 0; i < whole && o + 2 < cap; i++) {
        if (i && (whole - i) % 3 == 0) buf[o++] = '.';
        buf[o++] = digits[i];
    }
    for (const char *p = dot; p && *p && o + 1 < cap; p++)
        buf[o++] = *p == '.' ? ',' : *p;
    buf[o] = '\0';
    return buf;
}

const char *report_nl_signed(double v, int decimals, char *buf, size_t cap) {
    char n[64];
    report_nl_number(v, decimals, n, sizeof n);
    /* "+" before what is shown above zero; "0,0" stays unsigned, as it reads. */
    snprintf(buf, cap, "%s%s", n[0] != '-' && strpbrk(n, "123456789") ? "+" : "", n);
    return buf;
}

const char *report_nl_date_or_dash(const char *d, char *buf) {
    return d ? report_nl_date(d, buf) : "-";
}

const char *report_nl_step_state(const char *s) {
    return !strcmp(s, "passed")    ? "gepasseerd"
           : !strcmp(s, "current") ? "huidige stap"
           : !strcmp(s, "next")    ? "volgende stap"
                                   : "later";
}

const char *report_nl_yes_no(const json_t *v) {
    return json_is_true(v) ? "ja" : json_is_false(v) ? "nee" : "-";
}

const char *report_nl_figure(const json_t *v, char *buf, size_t cap) {
    if (!json_is_object(v)) return "-";
    if (json_is_true(json_object_get(v, "suppressed"))) return "onderdrukt";
    json_t *x = json_object_get(v, "value");
    return json_is_number(x) ? report_nl_number(json_number_value(x), 1, buf, cap) : "-";
}

const char *report_nl_period(const json_t *o, char *buf) {
    char d1[32], d2[32];
    const char *s = report_str(o, "since"), *u = report_str(o, "until");
    if (s && u)
        snprintf(buf, 96, "%s tot en met %s", report_nl_date(s, d1), report_nl_date(u, d2));
    else if (s)
        snprintf(buf, 96, "vanaf %s", report_nl_date(s, d1));
    else if (u)
        snprintf(buf, 96, "tot en met %s", report_nl_date(u, d2));
    else
        snprintf(buf, 96, "-");
    return buf;
}

const char *report_nl_basis(const char *basis) {
    return !strcmp(basis, "last_report") ? "het vorige rapport"
           : !strcmp(basis, "option")    ? "gevraagd met --since"
                                         : "er is nog geen eerder rapport";
}
