/* GitHub Actions workflow commands, which the runner turns into annotations on the pull
 * request: ::error file=F,line=L,col=C,endLine=L,endColumn=C,title=T::message */
#include "miglint/common.h"
#include "miglint/report.h"
#include "miglint/rule.h"

#include <stdlib.h>
#include <string.h>

/* Escapes as the Actions toolkit does: %, CR and LF always; ':' and ',' in properties. */
static void escaped(FILE *out, const char *s, bool property)
{
	for (; *s; s++) {
		switch (*s) {
		case '%': fputs("%25", out); break;
		case '\r': fputs("%0D", out); break;
		case '\n': fputs("%0A", out); break;
		case ':': fputs(property ? "%3A" : ":", out); break;
		case ',': fputs(property ? "%2C" : ",", out); break;
		default: fputc(*s, out);
		}
	}
}

void mg_report_github(FILE *out, const mg_file_result *files, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		for (size_t k = 0; k < files[i].count; k++) {
			const mg_finding *f = files[i].findings[k];
			const char *cmd = f->severity == MG_SEV_ERROR ? "error"
					  : f->severity == MG_SEV_WARNING ? "warning" : "notice";
			fprintf(out, "::%s file=", cmd);
			escaped(out, f->path, true);
			fprintf(out, ",line=%d,col=%d,endLine=%d,endColumn=%d,title=", f->line, f->column,
				f->end_line, f->end_column);
			char *title = mg_xasprintf("%s %s", f->rule->code, f->rule->name);
			escaped(out, title, true);
			free(title);
			fputs("::", out);
			escaped(out, f->message, false);
			if (f->help && *f->help) {
				char *help = mg_xasprintf("\nhelp: %s", f->help);
				escaped(out, help, false);
				free(help);
			}
			fputc('\n', out);
		}
	}
}
