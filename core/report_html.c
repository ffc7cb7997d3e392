/*
** report_html.c: the report as one self-contained HTML page (see report.h). No request leaves
** the page: the style is inline, there is no script, no font and no image but the inline SVG of
** report_svg.c, and a Content-Security-Policy says so to the browser too. The page is Dutch
** (lang="nl"), its headings go h1, h2, h3 in order, every table has a caption and header cells,
** every chart a text alternative and its numbers in a table, and each section starts a new page
** in print (A4). The look follows the NL Design System's principles: sober, one typeface, dark
** blue headings, generous white space, status in words as well as colour (contrast at least
** 4.5:1). Every value from the data goes through svg_out's %s, which escapes it. Here: the
** page, its style, HTML's markup (report_markup: its tables, paragraphs and marks) and the
** sections it writes its own way; the tables and the sections both renderers show alike are
** report_out.c's.
*/
#include <stdio.h>
#include <string.h>

#include "report.h"
#include "report_svg.h"

#define out svg_out

static const char STYLE[] =
    ":root{--blauw:#154273;--tekst:#1b1b1b;--grijs:#545454;--lijn:#c6cdd6;--vlak:#eef2f7;"
    "--rood:#a4231a;--groen:#256b25;--oranje:#8a4b00;--geel:#fff4d6}"
    "*{box-sizing:border-box}"
    "html{font-family:'Segoe UI',Roboto,'Noto Sans','DejaVu Sans',Arial,sans-serif;"
    "color:var(--tekst);background:#fff;line-height:1.5}"
    "body{margin:0}"
    "header.kop{background:var(--blauw);color:#fff;padding:1.25rem 2rem}"
    "header.kop p{margin:.25rem 0 0}"
    "main,footer{max-width:62rem;margin:0 auto;padding:0 2rem}"
    "h1{font-size:1.9rem;margin:0;line-height:1.2}"
    "h2{color:var(--blauw);font-size:1.45rem;margin:2.5rem 0 .75rem;padding-bottom:.25rem;"
    "border-bottom:3px solid var(--blauw)}"
    "h3{color:var(--blauw);font-size:1.15rem;margin:1.75rem 0 .5rem}"
    "p{margin:.5rem 0}"
    "nav ol{columns:2;padding-left:1.25rem}"
    "a{color:var(--blauw)}"
    "table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem;font-size:.92rem}"
    "caption{text-align:left;font-weight:600;padding:.25rem 0;color:var(--tekst)}"
    "th,td{border:1px solid var(--lijn);padding:.3rem .5rem;text-align:left;vertical-align:top}"
    "thead th{background:var(--vlak)}"
    "tbody th{font-weight:600}"
    "td.getal,th.getal{text-align:right;font-variant-numeric:tabular-nums}"
    ".label{display:inline-block;padding:0 .4rem;border-radius:3px;font-size:.85rem;"
    "font-weight:600;white-space:nowrap}"
    ".blokkerend{background:var(--rood);color:#fff}"
    ".advies{background:var(--geel);color:#4d3400;border:1px solid #c99a2e}"
    ".klaar{background:var(--groen);color:#fff}"
    ".nietklaar{background:var(--rood);color:#fff}"
    ".voldaan{color:var(--groen);font-weight:600}"
    ".nvt{color:var(--grijs)}"
    ".let-op{background:var(--geel);color:#4d3400;font-weight:600}"
    ".stand{border-left:6px solid var(--rood);background:#fbeceb;padding:.6rem 1rem;margin:.75rem "
    "0}"
    ".stand.klaar-stand{border-color:var(--groen);background:#eaf4ea}"
    ".meta{color:var(--grijs)}"
    "ul.bevindingen{list-style:none;padding:0}"
    "ul.bevindingen>li{border:1px solid var(--lijn);border-left:6px solid var(--rood);"
    "padding:.5rem .75rem;margin:.5rem 0;break-inside:avoid}"
    "ul.bevindingen>li.adv{border-left-color:#c99a2e}"
    "dl.finding{margin:.25rem 0 0;display:grid;grid-template-columns:7rem 1fr;gap:.1rem .5rem}"
    "dl.finding dt{color:var(--grijs)}dl.finding dd{margin:0}"
    "figure{margin:1rem 0;break-inside:avoid}"
    "figcaption{color:var(--grijs);font-size:.9rem}"
    "svg{width:100%;height:auto;max-width:44rem;display:block}"
    "svg text{font-family:inherit;fill:var(--tekst)}"
    "svg .steplabel{font-size:12px}"
    "svg .num{font-size:13px;font-weight:700;fill:#fff}"
    "svg .num.later,svg .num.next{fill:var(--tekst)}"
    "svg .num.current{fill:var(--blauw)}"
    "svg .here,svg .gatelabel{font-size:12px;font-weight:700;fill:var(--blauw)}"
    "svg .step{stroke:var(--blauw);stroke-width:2}"
    "svg .step.passed{fill:var(--blauw)}"
    "svg .step.current{fill:#fff;stroke-width:5}"
    "svg .step.next{fill:#fff;stroke-dasharray:5 3}"
    "svg .step.later{fill:#fff;stroke:#767676}"
    "svg .link{stroke:#767676;stroke-width:2;stroke-dasharray:4 3}"
    "svg .link.done{stroke:var(--blauw);stroke-width:3;stroke-dasharray:none}"
    "svg .gate.done{fill:var(--blauw)}"
    "svg .gate.open{fill:var(--groen)}svg .gate.closed{fill:var(--rood)}"
    "svg .grid{stroke:#d9dde3;stroke-width:1}"
    "svg .axis,svg .legend{font-size:12px;fill:#333}"
    "svg polyline{fill:none;stroke-width:2.5}"
    "svg line.region,svg polyline.region{stroke:var(--blauw);stroke-width:2.5}"
    "svg line.nation,svg polyline.nation{stroke:var(--oranje);stroke-width:2;stroke-dasharray:6 4}"
    "svg .region-pt{fill:var(--blauw)}svg .nation-pt{fill:var(--oranje)}"
    "svg .bar{fill:var(--blauw)}"
    "svg .val{font-size:12px;fill:#1b1b1b;paint-order:stroke;stroke:#fff;stroke-width:3px}"
    ".groep{break-inside:avoid-page}"
    "td.datum{white-space:nowrap}"
    "footer{color:var(--grijs);font-size:.85rem;border-top:1px solid var(--lijn);"
    "margin-top:3rem;padding-top:.75rem;padding-bottom:2rem}"
    "@page{size:A4;margin:16mm 14mm}"
    "@media print{html{font-size:10pt}header.kop{background:none;color:var(--tekst);"
    "border-bottom:3px solid var(--blauw);padding:0 0 .5rem}"
    "main,footer{max-width:none;padding:0}nav{display:none}"
    "section.hoofd{break-before:page}section.hoofd:first-of-type{break-before:auto}h2,h3{break-"
    "after:avoid}"
    "tr,li,figure{break-inside:avoid}thead{display:table-header-group}"
    "a{color:inherit;text-decoration:none}}";

static void head(FILE *f, const char *title) {
    out(f, "<!DOCTYPE html>\n<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\">\n");
    out(f, "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
           "style-src 'unsafe-inline'; img-src data:\">\n");
    out(f, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out(f, "<meta name=\"generator\" content=\"spil report\">\n");
    out(f, "<title>%s</title>\n<style>%r</style>\n</head>\n<body>\n", title, STYLE);
}

static void section(FILE *f, const char *id, const char *title) {
    out(f, "<section class=\"hoofd\" aria-labelledby=\"%r\">\n<h2 id=\"%r\">%r</h2>\n", id, id,
        title);
}

/* A chart of x in a figure with its caption (spil's words, %s: x's key's value escaped); the
** chart's id: prefix and i + 1. */
static void figure(FILE *f, void (*chart)(FILE *, const json_t *, const char *), const json_t *x,
                   const char *prefix, size_t i, const char *caption, const char *key) {
    char id[32];
    snprintf(id, sizeof id, "%s-%d", prefix, (int)i + 1);
    out(f, "<figure>\n");
    chart(f, x, id);
    out(f, "\n<figcaption>");
    out(f, caption, report_str(x, key));
    out(f, "</figcaption>\n</figure>\n");
}

/* ---- tables: a caption, header cells, the row's header cell, numbers right-aligned ---- */

static void table_open(FILE *f, const char *caption, const char *value) {
    out(f, "<table>\n<caption>");
    out(f, caption, value);
    out(f, "</caption>\n<thead><tr>");
}

static void head_cell(FILE *f, const char *head, unsigned flags, int n) {
    (void)n;
    out(f, "<th scope=\"col\"%r>%r</th>", flags & REPORT_NUM ? " class=\"getal\"" : "", head);
}

static void head_end(FILE *f, int n) {
    (void)n;
    out(f, "</tr></thead>\n<tbody>\n");
}

static void cell(FILE *f, unsigned flags, int n) {
    out(f, "%r<%r>", n ? "" : "<tr>",
        flags & REPORT_ROW_HEAD                   ? "th scope=\"row\""
        : flags & (REPORT_NUM | REPORT_NUM_CELLS) ? "td class=\"getal\""
                                                  : "td");
}

static void cell_end(FILE *f, unsigned flags) {
    out(f, flags & REPORT_ROW_HEAD ? "</th>" : "</td>");
}

static void row_end(FILE *f) {
    out(f, "</tr>\n");
}

static void table_end(FILE *f) {
    out(f, "</tbody>\n</table>\n");
}

static const report_markup markup = {
    .escape = svg_escape,
    .h3 = "<h3>",
    .h3_end = "</h3>\n",
    .p = "<p>",
    .p_end = "</p>\n",
    .meta = "<p class=\"meta\">",
    .meta_end = "</p>\n",
    .open = table_open,
    .head = head_cell,
    .head_end = head_end,
    .cell = cell,
    .cell_end = cell_end,
    .row_end = row_end,
    .close = table_end,
    .marks = {.strong = "<strong>",
              .strong_end = "</strong>",
              .check = {"<span class=\"voldaan\">voldaan</span>",
                        "<span class=\"label blokkerend\">niet voldaan</span>",
                        "<span class=\"label advies\">advies</span>",
                        "<span class=\"label blokkerend\">de controle zelf faalde</span>",
                        "<span class=\"nvt\">nog niet te beoordelen</span>",
                        "<span class=\"nvt\">niet van toepassing</span>"},
              .signed_ = "<span class=\"voldaan\">",
              .signed_end = "</span>",
              .decides = "<strong>ja</strong>",
              .late = "<span class=\"label blokkerend\">te laat</span>",
              .municipality = "municipality_name"},
};

/* ---- standing ---- */

static void standing(FILE *f, const json_t *doc) {
    char d1[32];
    size_t i;
    json_t *p;
    json_array_foreach(json_object_get(doc, "programmes"), i, p) {
        json_t *r = json_object_get(p, "readiness"), *next = json_object_get(p, "next_step");
        int ready = json_is_true(json_object_get(r, "ready"));
        out(f, "<h3>%s: stap %s</h3>\n", report_or_dash(report_str(p, "name")),
            report_or_dash(report_str(p, "step_name")));
        out(f, "<div class=\"stand%r\"><p><strong>", ready ? " klaar-stand" : "");
        if (json_is_object(next))
            out(f, "%r om naar de volgende stap, %s, te gaan.", ready ? "Klaar" : "Nog niet klaar",
                report_str(next, "name"));
        else
            out(f, "%r om de laatste stap af te ronden.", ready ? "Klaar" : "Nog niet klaar");
        out(f, "</strong> %d blokkerende bevinding%r, %d adviesbevinding%r.",
            (int)report_int(r, "blocking"), report_int(r, "blocking") == 1 ? "" : "en",
            (int)report_int(r, "advisory"), report_int(r, "advisory") == 1 ? "" : "en");
        out(f, " Huidige stap: %s", report_str(p, "step_name"));
        if (report_str(p, "since"))
            out(f, ", sinds %s", report_nl_date(report_str(p, "since"), d1));
        out(f, ".</p></div>\n");
        figure(f, svg_steps, p, "stappen", i,
               "De stappen van %s; de tabel hieronder zegt hetzelfde in woorden.", "name");
        report_tabulate(f, &markup, &report_steps, json_object_get(p, "steps"), p);
        report_tabulate(f, &markup, &report_checks, json_object_get(r, "checks"), p);
    }
}

static void findings(FILE *f, const json_t *doc) {
    json_t *groups = json_object_get(doc, "findings");
    out(f, "<p>Blokkerende bevindingen eerst, per organisatie of persoon die aan zet is.</p>\n");
    size_t i, k;
    json_t *g, *x;
    json_array_foreach(groups, i, g) {
        json_t *subj = json_object_get(g, "subject");
        out(f, "<div class=\"groep\">\n<h3>%r: %s</h3>\n",
            report_nl_subject(report_str(subj, "kind")), report_or_dash(report_str(subj, "name")));
        out(f, "<p class=\"meta\">%d blokkerend, %d advies.</p>\n<ul class=\"bevindingen\">\n",
            (int)report_int(g, "blocking"), (int)report_int(g, "advisory"));
        json_array_foreach(json_object_get(g, "findings"), k, x) {
            int blocking = !strcmp(report_str(x, "severity"), "blocking");
            out(f, "<li%r><p><span class=\"label %r\">%r</span> %s</p>\n<dl class=\"finding\">",
                blocking ? "" : " class=\"adv\"", blocking ? "blokkerend" : "advies",
                blocking ? "Blokkerend" : "Advies", report_str(x, "missing"));
            if (report_str(x, "remedy"))
                out(f, "<dt>Te doen</dt><dd>%s</dd>", report_str(x, "remedy"));
            out(f, "<dt>Controle</dt><dd>%s (%s)</dd>", report_or_dash(report_str(x, "check_name")),
                report_str(x, "programme"));
            if (report_str(x, "source"))
                out(f, "<dt>Bron</dt><dd>%s</dd>", report_str(x, "source"));
            out(f, "</dl></li>\n");
        }
        out(f, "</ul>\n</div>\n");
    }
}

/* ---- governance ---- */

static void pending_row(report_row *r, const json_t *m) {
    char d[32];
    report_cell(r, "%s", report_str(m, "organisation_name"));
    report_cell(r, "%s", report_str(m, "subject"));
    report_cell(r, "%s", report_or_dash(report_str(m, "body")));
    report_cell(r, "%s", report_nl_date_or_dash(report_str(m, "date"), d));
}

static const report_table pending = {
    .caption = "Adviezen die wachten op het besluit van een organisatie",
    .heads = {"Wacht op het besluit van", "Advies", "Van", "Datum"},
    .flags = {REPORT_ROW_HEAD},
    .row = pending_row,
};

/* A decision, with the verdict of each programme's rule in words. */
static void decision_row(report_row *r, const json_t *m) {
    char d[32];
    size_t k;
    json_t *verdicts = json_object_get(m, "verdicts"), *v;
    report_cell(r, "%s", report_nl_date_or_dash(report_str(m, "date"), d));
    report_cell(r, "%s", report_str(m, "subject"));
    report_cell(r, "%s",
                report_str(m, "body_name") ? report_str(m, "body_name")
                                           : report_or_dash(report_str(m, "organisation_name")));
    report_cell(r, "%s", report_nl_value("decision.kind", report_str(m, "kind")));
    if (report_str(m, "outcome"))
        report_more(r, ", %s", report_nl_value("decision.outcome", report_str(m, "outcome")));
    report_cell(r, "");
    json_array_foreach(verdicts, k, v) {
        report_more(r, "<p>");
        if (json_is_true(json_object_get(v, "own")))
            report_more(r, "Een eigen besluit van de organisatie: geldig zoals vastgelegd");
        else if (json_is_true(json_object_get(v, "valid")))
            report_more(r,
                        "<span class=\"voldaan\">Geldig</span> volgens de regel van de regio "
                        "(%d van %d stemgerechtigde leden namen een geldend standpunt in)",
                        (int)report_int(v, "present"), (int)report_int(v, "counted"));
        else {
            report_more(r, "<span class=\"label blokkerend\">Niet geldig</span> volgens de regel "
                           "van de regio");
            size_t j;
            json_t *x;
            json_array_foreach(json_object_get(v, "reasons"), j, x)
                report_more(r, "%r%s", j ? "; " : ": ", json_string_value(x));
        }
        if (json_array_size(verdicts) > 1) report_more(r, " (%s)", report_str(v, "programme"));
        report_more(r, ".</p>");
    }
    if (report_str(m, "verdict_error"))
        report_more(r, "<p>Het oordeel kon niet worden bepaald: %s</p>",
                    report_str(m, "verdict_error"));
}

static const report_table decisions = {
    .caption =
        "Besluiten en adviezen, nieuwste eerst, met het oordeel volgens de regel van de regio",
    .heads = {"Datum", "Onderwerp", "Door", "Soort en uitkomst", "Geldig?"},
    .flags = {0, REPORT_ROW_HEAD},
    .row = decision_row,
};

static void governance(FILE *f, const json_t *doc) {
    json_t *gov = json_object_get(doc, "governance");
    size_t i, k;
    json_t *b, *m;
    if (!json_array_size(json_object_get(gov, "bodies")))
        out(f, "<p>Geen organen vastgelegd.</p>\n");
    json_array_foreach(json_object_get(gov, "bodies"), i, b) {
        out(f, "<h3>%s</h3>\n<p class=\"meta\">%s", report_str(b, "name"),
            report_nl_value("body.kind", report_str(b, "kind")));
        if (report_int(b, "meetings_per_year"))
            out(f, "; vergadert %d keer per jaar", (int)report_int(b, "meetings_per_year"));
        out(f, ".</p>\n");
        report_tabulate(f, &markup, &report_members, json_object_get(b, "members"), b);
        if (json_array_size(json_object_get(b, "represented"))) {
            out(f, "<ul>\n");
            json_array_foreach(json_object_get(b, "represented"), k, m)
                out(f, "<li>%s wordt vertegenwoordigd door %s.</li>\n",
                    report_str(m, "organisation_name"), report_str(m, "via_name"));
            out(f, "</ul>\n");
        }
    }
    out(f, "<h3>Adviezen in afwachting</h3>\n");
    report_tabulate_or(f, &markup, &pending, json_object_get(gov, "pending_advice"), doc,
                       "Geen advies wacht op het besluit van een organisatie.");
    out(f, "<h3>Laatste besluiten</h3>\n");
    report_tabulate_or(f, &markup, &decisions, json_object_get(gov, "decisions"), doc,
                       "Geen besluiten vastgelegd.");
}

/* ---- funding ---- */

static void funding(FILE *f, const json_t *doc) {
    json_t *fs = json_object_get(doc, "funding");
    out(f,
        "<table>\n<caption>Financiering per doel, met de periode; wat binnen %d dagen afloopt "
        "is gemarkeerd</caption>\n<thead><tr><th scope=\"col\">Doel</th><th scope=\"col\">"
        "Wat</th><th scope=\"col\">Bron</th><th scope=\"col\" class=\"getal\">Bedrag</th>"
        "<th scope=\"col\">Financier</th><th scope=\"col\">Periode</th><th scope=\"col\">"
        "Status</th></tr></thead>\n",
        REPORT_ENDING_SOON_DAYS);
    size_t i;
    json_t *x;
    char num[64], per[96];
    json_array_foreach(fs, i, x) {
        const char *purpose = report_str(x, "purpose");
        /* One group of rows per purpose, its name once, spanning them. */
        int first = !i || strcmp(purpose, report_str(json_array_get(fs, i - 1), "purpose"));
        if (first) {
            int n = 1;
            while (i + (size_t)n < json_array_size(fs) &&
                   !strcmp(purpose, report_str(json_array_get(fs, i + (size_t)n), "purpose")))
                n++;
            out(f, "%r<tbody>\n<tr><th scope=\"rowgroup\" rowspan=\"%d\">%s</th>",
                i ? "</tbody>\n" : "", n, report_nl_value("funding.purpose", purpose));
        } else {
            out(f, "<tr>");
        }
        out(f, "<td>%s</td><td>%s</td><td class=\"getal\">", report_str(x, "id"),
            report_nl_value("funding.source", report_str(x, "source")));
        json_t *amount = json_object_get(x, "amount");
        if (json_is_number(amount))
            out(f, "€&nbsp;%s", report_nl_number(json_number_value(amount), 0, num, sizeof num));
        else
            out(f, "-");
        out(f, "</td><td>%s</td><td%r>", report_or_dash(report_str(x, "funder_name")),
            json_is_true(json_object_get(x, "ending_soon")) ? " class=\"let-op\"" : "");
        out(f, "%s", report_nl_period(x, per));
        if (json_is_true(json_object_get(x, "ending_soon")))
            out(f, " <strong>(loopt binnenkort af)</strong>");
        if (json_is_true(json_object_get(x, "ended"))) out(f, " (periode voorbij)");
        out(f, "</td><td>%s</td></tr>\n",
            report_nl_value("funding.status", report_str(x, "status")));
    }
    out(f, "</tbody>\n</table>\n");
}

/* ---- indicators ---- */

static void trend(FILE *f, const json_t *ind, size_t i) {
    figure(f, svg_trend, ind, "indicator", i,
           "%s: de regio (doorgetrokken lijn) en Nederland (gestippelde lijn).", "code");
}

/* ---- changes ---- */

static void change_row(report_row *r, const json_t *g) {
    char d[32];
    report_cell(r, "%s", report_nl_date_or_dash(report_str(g, "at"), d));
    report_cell(r, "%s", report_or_dash(report_str(g, "actor")));
    report_cell(r, "%s", report_or_dash(report_str(g, "command")));
    report_cell(r, "");
    report_change_text(r->f, svg_escape, g, "…");
}

static const report_table change_list = {
    .caption = "Wijzigingen uit het logboek, oudste eerst",
    .heads = {"Wanneer", "Wie", "Opdracht", "Wat"},
    .row = change_row,
};

static void changes(FILE *f, const json_t *doc) {
    char d1[32];
    json_t *c = json_object_get(doc, "changes");
    out(f, "<p>Sinds %s (%r): %d wijziging%r.</p>\n", report_nl_date(report_str(c, "since"), d1),
        report_nl_basis(report_str(c, "basis")), (int)report_int(c, "events"),
        report_int(c, "events") == 1 ? "" : "en");
    json_t *groups = json_object_get(c, "groups");
    if (json_array_size(groups)) {
        report_tabulate(f, &markup, &change_list, groups, c);
        if (report_int(c, "groups_total") > (json_int_t)json_array_size(groups))
            out(f, "<p>En nog %d regels: zie <code>spil log</code>.</p>\n",
                (int)(report_int(c, "groups_total") - (json_int_t)json_array_size(groups)));
    }
}

static void footer(FILE *f, const json_t *doc) {
    char d1[32];
    out(f,
        "<footer><p>Gemaakt met spil op %s. Bevindingen en cijfers komen uit de database van "
        "spil; de controles zijn die van <code>spil check</code>.</p></footer>\n",
        report_nl_date(report_str(doc, "generated"), d1));
}

/* ---- the learning network's page ---- */

static void all_regions(FILE *f, const json_t *doc) {
    char d1[32], b1[32], b2[32];
    head(f, "Leernetwerk: alle regio's");
    out(f,
        "<header class=\"kop\"><h1>Leernetwerk: alle regio's</h1><p>Stand op "
        "%s</p></header>\n<main>\n",
        report_nl_date(report_str(doc, "today"), d1));
    section(f, "regios", "Stap en gereedheid per regio");
    out(f, "<table>\n<caption>Elke regio per programma: de huidige stap en of ze klaar is voor de "
           "volgende</caption>\n<thead><tr><th scope=\"col\">Regio</th><th scope=\"col\">"
           "Programma</th><th scope=\"col\">Stap</th><th scope=\"col\">Klaar?</th>"
           "<th scope=\"col\" class=\"getal\">Blokkerend</th><th scope=\"col\" class=\"getal\">"
           "Advies</th></tr></thead>\n<tbody>\n");
    size_t i, k;
    json_t *r, *x;
    json_array_foreach(json_object_get(doc, "regions"), i, r) {
        out(f, "<tr><th scope=\"row\">%s</th><td>%s</td>", report_str(r, "name"),
            report_str(r, "programme_name"));
        if (report_str(r, "error"))
            out(f, "<td colspan=\"4\">De controles konden niet draaien: %s</td></tr>\n",
                report_str(r, "error"));
        else
            out(f,
                "<td>%s</td><td>%r</td><td class=\"getal\">%d</td><td "
                "class=\"getal\">%d</td></tr>\n",
                report_str(r, "step_name"),
                json_is_true(json_object_get(r, "ready"))
                    ? "<span class=\"label klaar\">klaar</span>"
                    : "<span class=\"label nietklaar\">nog niet</span>",
                (int)report_int(r, "blocking"), (int)report_int(r, "advisory"));
    }
    out(f, "</tbody>\n</table>\n</section>\n");
    section(f, "tegenhouders", "Wat de meeste regio's tegenhoudt");
    report_tabulate_or(f, &markup, &report_blockers, json_object_get(doc, "blockers"), doc,
                       "Geen regio wordt door een eis tegengehouden.");
    out(f, "</section>\n");
    section(f, "vergeleken", "Indicatoren vergeleken");
    json_t *ind = json_object_get(doc, "indicators");
    if (!json_array_size(json_object_get(ind, "items")))
        out(f, "<p>Nog geen cijfers om te vergelijken.</p>\n");
    else
        out(f,
            "<p>De laatste periode van elke indicator, per regio naast Nederland. Waarden over "
            "minder dan %d personen worden niet getoond (onderdrukt).</p>\n",
            (int)report_int(ind, "suppress_below"));
    json_array_foreach(json_object_get(ind, "items"), i, x) {
        out(f, "<h3>%s: %s, %s</h3>\n", report_str(x, "code"),
            report_str(x, "name") ? report_str(x, "name") : REPORT_NL_NO_NAME,
            report_str(x, "period"));
        figure(f, svg_compare, x, "vergelijk", i, "%s per regio; de gestippelde lijn is Nederland.",
               "code");
        out(f,
            "<table>\n<caption>%s in %s per regio</caption>\n<thead><tr><th scope=\"col\" "
            "class=\"getal\">#</th><th scope=\"col\">Regio</th><th scope=\"col\" "
            "class=\"getal\">Waarde</th><th scope=\"col\" class=\"getal\">Verschil met "
            "Nederland</th></tr></thead>\n<tbody>\n",
            report_str(x, "code"), report_str(x, "period"));
        out(f,
            "<tr><td></td><th scope=\"row\">Nederland</th><td class=\"getal\">%s</td>"
            "<td></td></tr>\n",
            report_nl_figure(json_object_get(x, "national"), b1, sizeof b1));
        json_array_foreach(json_object_get(x, "areas"), k, r) {
            json_t *rank = json_object_get(r, "rank"), *diff = json_object_get(r, "difference");
            out(f, "<tr><td class=\"getal\">");
            if (json_is_integer(rank)) out(f, "%d", (int)json_integer_value(rank));
            out(f, "</td><th scope=\"row\">%s</th><td class=\"getal\">%s</td><td class=\"getal\">",
                report_str(r, "name"), report_nl_figure(r, b1, sizeof b1));
            if (json_is_number(diff)) {
                double d = json_number_value(diff);
                out(f, "%s", report_nl_signed(d, 1, b2, sizeof b2));
            } else
                out(f, "-");
            out(f, "</td></tr>\n");
        }
        out(f, "</tbody>\n</table>\n");
    }
    out(f, "</section>\n</main>\n");
    footer(f, doc);
    out(f, "</body>\n</html>\n");
}

static void open_section(FILE *f, const report_section *s) {
    section(f, s->id, s->title);
}

static void close_section(FILE *f) {
    out(f, "</section>\n");
}

/* The sections that report_sections writes alike have no body here (NULL). */
static const report_format html = {
    .markup = &markup,
    .chart = trend,
    .open = open_section,
    .body = {standing, findings, governance, NULL, funding, NULL, NULL, NULL, changes},
    .close = close_section,
};

int report_html(FILE *f, const json_t *doc) {
    char d1[32], d2[128], title[512];
    if (!strcmp(report_str(doc, "report"), "all")) {
        all_regions(f, doc);
        return ferror(f) ? -1 : 0;
    }
    json_t *reg = json_object_get(doc, "region");
    snprintf(title, sizeof title, "Rapport %s", report_str(reg, "name"));
    head(f, title);
    out(f,
        "<header class=\"kop\"><h1>Rapport %s</h1><p>Stand op %s; %s.</p>"
        "</header>\n<main>\n",
        report_str(reg, "name"), report_nl_date(report_str(doc, "today"), d1),
        report_nl_members(reg, d2));
    if (report_str(reg, "description")) out(f, "<p>%s</p>\n", report_str(reg, "description"));
    out(f, "<nav aria-label=\"Inhoud\"><ol>\n");
    for (int i = 0; i < REPORT_SECTIONS; i++)
        out(f, "<li><a href=\"#%r\">%r</a></li>\n", report_sections[i].id,
            report_sections[i].title);
    out(f, "</ol></nav>\n");
    report_walk(f, doc, &html);
    out(f, "</main>\n");
    footer(f, doc);
    out(f, "</body>\n</html>\n");
    return ferror(f) ? -1 : 0;
}
