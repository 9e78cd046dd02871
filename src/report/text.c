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

/* A report of thousands of findings goes out on one thread after the pool: written with the
 * unlocked stdio calls and no format strings, it takes a fraction of what fprintf took. */
static void put(FILE *out, const char *s)
{
	fputs_unlocked(s, out);
}

static void put_int(FILE *out, int v)
{
	char digits[16];
	size_t k = sizeof(digits);
	unsigned u = v < 0 ? 0u - (unsigned)v : (unsigned)v;
	do
		digits[--k] = (char)('0' + u % 10);
	while (u /= 10);
	if (v < 0)
		digits[--k] = '-';
	fwrite_unlocked(digits + k, 1, sizeof(digits) - k, out);
}

static void put_repeated(FILE *out, int c, int n)
{
	for (int i = 0; i < n; i++)
		putc_unlocked(c, out);
}

static int digit_count(int v)
{
	int n = v < 0 ? 2 : 1;
	for (unsigned u = v < 0 ? 0u - (unsigned)v : (unsigned)v; u >= 10; u /= 10)
		n++;
	return n;
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
	put(out, "  ");
	put_repeated(out, ' ', gutter);
	put(out, " | ");
	int col = 1;
	for (size_t i = 0; i < n && col < f->column; i++) {
		if (((unsigned char)s[i] & 0xC0) == 0x80)
			continue;
		putc_unlocked(s[i] == '\t' ? '\t' : ' ', out);
		col++;
	}
	if (color)
		put(out, severity_color(f->severity));
	put_repeated(out, '^', width);
	if (color)
		put(out, "\033[0m");
	putc_unlocked('\n', out);
}

static void print_finding(FILE *out, const mg_finding *f, bool color)
{
	const char *bold = color ? "\033[1m" : "", *reset = color ? "\033[0m" : "";
	/* "%s%s:%d:%d:%s %s%s:%s %s [%s %s]\n" */
	put(out, bold);
	put(out, f->path);
	putc_unlocked(':', out);
	put_int(out, f->line);
	putc_unlocked(':', out);
	put_int(out, f->column);
	putc_unlocked(':', out);
	put(out, reset);
	putc_unlocked(' ', out);
	if (color)
		put(out, severity_color(f->severity));
	put(out, mg_severity_name(f->severity));
	putc_unlocked(':', out);
	put(out, reset);
	putc_unlocked(' ', out);
	put(out, f->message);
	put(out, " [");
	put(out, f->rule->code);
	putc_unlocked(' ', out);
	put(out, f->rule->name);
	put(out, "]\n");
	if (f->source_line && (f->source_line[0] || f->length)) {
		put(out, "  ");
		put_int(out, f->line);
		put(out, " | ");
		put(out, f->source_line);
		putc_unlocked('\n', out);
		print_caret(out, f, digit_count(f->line), color);
	}
	if (f->help && *f->help) {
		put(out, "  ");
		if (color)
			put(out, "\033[1;32m");
		put(out, "help:");
		put(out, reset);
		putc_unlocked(' ', out);
		put(out, f->help);
		putc_unlocked('\n', out);
	}
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
