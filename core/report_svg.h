/*
** report_svg.h: the charts of the HTML report as inline SVG (report_svg.c), and the escaping
** the HTML renderer shares with them. Each chart reads one part of the report document
** (report.h) and writes one <svg role="img"> with a <title> and a <desc> in words.
*/
#ifndef SPIL_REPORT_SVG_H
#define SPIL_REPORT_SVG_H

#include <stdio.h>

#include <jansson.h>

/* s with & < > " ' as character references: safe in HTML text, attributes and SVG. */
void svg_escape(FILE *f, const char *s);
/* report_vout (report.h) with svg_escape: %s escaped (region values), %r raw (spil's own
** markup), %d, %lld, %g (one decimal), %%. */
void svg_out(FILE *f, const char *fmt, ...);

/* A programme of the report (an element of "programmes"): its steps in a row, the current one
** marked, the gates passed and the next gate open or closed. id: unique in the page. */
void svg_steps(FILE *f, const json_t *prog, const char *id);
/* An indicator (an element of "indicators.items"): the region's line and the nation's. */
void svg_trend(FILE *f, const json_t *ind, const char *id);
/* An indicator of report --all: a bar per region, a line for the nation. */
void svg_compare(FILE *f, const json_t *item, const char *id);

#endif
