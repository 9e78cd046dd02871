#include "miglint/report.h"

#include "miglint/common.h"
#include "miglint/rule.h"

#include <stdlib.h>
#include <string.h>

void mg_summary_count(mg_summary *out, const mg_file_result *files, size_t n)
{
	memset(out, 0, sizeof(*out));
	out->files = n;
	for (size_t i = 0; i < n; i++) {
		out->files_with_findings += files[i].count > 0;
		for (size_t k = 0; k < files[i].count; k++) {
			mg_severity s = files[i].findings[k]->severity;
			out->findings++;
			out->errors += s == MG_SEV_ERROR;
			out->warnings += s == MG_SEV_WARNING;
			out->infos += s == MG_SEV_INFO;
		}
	}
}

static const char *severity_color(mg_severity s)
{
	return s == MG_SEV_ERROR ? "\033[1;31m" : s == MG_SEV_WARNING ? "\033[1;33m" : "\033[1;36m";
}

/* The caret line: white space that keeps tabs where the source has them, then carets. */
static void print_caret(FILE *out, const mg_finding *f, int gutter, bool color)
{
	const char *s = f->source_line;
	size_t n = strlen(s);
	int width = 1;
	if (f->end_line == f->line && f->end_column > f->column) {
		width = f->end_column - f->column;
	} else if (f->end_line > f->line) {
		int line_cols = 0;
		for (size_t i = 0; i < n; i++)
			line_cols += ((unsigned char)s[i] & 0xC0) != 0x80;
		width = line_cols + 1 - f->column;
		width = width < 1 ? 1 : width;
	}
	char *pad = mg_xcalloc(n + (size_t)width + 2, 1);
	size_t k = 0;
	int col = 1;
	for (size_t i = 0; i < n && col < f->column; i++) {
		if (((unsigned char)s[i] & 0xC0) == 0x80)
			continue;
		pad[k++] = s[i] == '\t' ? '\t' : ' ';
		col++;
	}
	char *carets = pad + k + 1;
	memset(carets, '^', (size_t)width);
	fprintf(out, "  %*s | %s%s%s%s\n", gutter, "", pad, color ? severity_color(f->severity) : "",
		carets, color ? "\033[0m" : "");
	free(pad);
}

static void print_finding(FILE *out, const mg_finding *f, bool color)
{
	const char *bold = color ? "\033[1m" : "", *reset = color ? "\033[0m" : "";
	fprintf(out, "%s%s:%d:%d:%s %s%s:%s %s [%s %s]\n", bold, f->path, f->line, f->column, reset,
		color ? severity_color(f->severity) : "", mg_severity_name(f->severity), reset,
		f->message, f->rule->code, f->rule->name);
	if (f->source_line && (f->source_line[0] || f->length)) {
		int gutter = snprintf(NULL, 0, "%d", f->line);
		fprintf(out, "  %d | %s\n", f->line, f->source_line);
		print_caret(out, f, gutter, color);
	}
	if (f->help && *f->help)
		fprintf(out, "  %shelp:%s %s\n", color ? "\033[1;32m" : "", reset, f->help);
}

static const char *plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

void mg_report_text(FILE *out, const mg_file_result *files, size_t n, bool color, bool quiet)
{
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < files[i].count; k++)
			print_finding(out, files[i].findings[k], color);
	if (quiet)
		return;
	mg_summary s;
	mg_summary_count(&s, files, n);
	if (!s.findings) {
		fprintf(out, "no findings in %zu %s\n", s.files, plural(s.files, "file", "files"));
		return;
	}
	fprintf(out, "%zu %s, %zu %s, %zu %s in %zu of %zu %s\n", s.errors,
		plural(s.errors, "error", "errors"), s.warnings, plural(s.warnings, "warning", "warnings"),
		s.infos, plural(s.infos, "info", "infos"), s.files_with_findings, s.files,
		plural(s.files, "file", "files"));
}
