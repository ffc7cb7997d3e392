/*
** report_out.c: the one formatted writer of the report's renderers (see report.h). The
** Markdown renderer, the HTML renderer and the SVG charts each pass their own escape; what is
** spil's own text (%r) and what is a value from the data (%s, always escaped) is said in the
** format, so no renderer can forget to escape a region's name.
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
