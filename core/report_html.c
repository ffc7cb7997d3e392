/*
** report_html.c: the report as one self-contained HTML page (see report.h). Not yet written:
** --format html is refused until it is.
*/
#include "report.h"

int report_html(FILE *f, const json_t *doc) {
    (void)f;
    (void)doc;
    return -1;
}
