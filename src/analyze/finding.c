/* Findings: built one way (mg_finding_new), sorted and de-duplicated one way. */
#include "miglint/finding.h"

#include "miglint/common.h"
#include "miglint/rule.h"

#include <stdlib.h>
#include <string.h>

const char *mg_severity_name(mg_severity s)
{
	return s == MG_SEV_ERROR ? "error" : s == MG_SEV_WARNING ? "warning" : "info";
}

int mg_severity_parse(mg_severity *out, const char *name)
{
	if (strcmp(name, "error") == 0)
		*out = MG_SEV_ERROR;
	else if (strcmp(name, "warning") == 0)
		*out = MG_SEV_WARNING;
	else if (strcmp(name, "info") == 0)
		*out = MG_SEV_INFO;
	else
		return MG_EUSAGE;
	return MG_OK;
}

mg_finding *mg_finding_new(const mg_rule *r, mg_severity severity, char *message)
{
	mg_finding *f = mg_xcalloc(1, sizeof(*f));
	f->rule = r;
	f->severity = severity;
	f->message = message;
	f->help = r->help ? mg_xstrdup(r->help) : NULL;
	return f;
}

void mg_finding_set_help(mg_finding *f, char *help)
{
	if (!help)
		return;
	free(f->help);
	f->help = help;
}

void mg_finding_add_related(mg_finding *f, const char *path, int line, int column, int end_line,
			    int end_column, char *message)
{
	f->related = mg_xrealloc(f->related, (f->related_count + 1) * sizeof(mg_related));
	f->related[f->related_count++] = (mg_related){mg_xstrdup(path), line, column, end_line,
						      end_column, message};
}

void mg_finding_add_edit(mg_finding *f, const char *title, bool safe, size_t offset,
			 size_t length, const char *replacement)
{
	if (!f->fix) {
		f->fix = mg_xcalloc(1, sizeof(*f->fix));
		f->fix->title = mg_xstrdup(title);
		f->fix->safe = safe;
	}
	mg_fix *x = f->fix;
	x->edits = mg_xrealloc(x->edits, (x->edit_count + 1) * sizeof(mg_edit));
	size_t at = x->edit_count++;
	while (at > 0 && x->edits[at - 1].offset > offset) {
		x->edits[at] = x->edits[at - 1];
		at--;
	}
	x->edits[at] = (mg_edit){offset, length, mg_xstrdup(replacement)};
}

static void fix_free(mg_fix *x)
{
	if (!x)
		return;
	for (size_t i = 0; i < x->edit_count; i++)
		free(x->edits[i].replacement);
	free(x->edits);
	free(x->title);
	free(x);
}

void mg_finding_free(mg_finding *f)
{
	if (!f)
		return;
	free(f->message);
	free(f->help);
	free(f->migration);
	free(f->source_line);
	for (size_t i = 0; i < f->related_count; i++) {
		free(f->related[i].path);
		free(f->related[i].message);
	}
	free(f->related);
	fix_free(f->fix);
	free(f);
}

int mg_finding_compare(const void *a, const void *b)
{
	const mg_finding *x = *(const mg_finding *const *)a, *y = *(const mg_finding *const *)b;
	int d = strcmp(x->path ? x->path : "", y->path ? y->path : "");
	if (d)
		return d;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->column != y->column)
		return x->column < y->column ? -1 : 1;
	d = strcmp(x->rule->code, y->rule->code);
	if (d)
		return d;
	return strcmp(x->message, y->message);
}

void mg_findings_sort_unique(mg_finding **v, size_t *n)
{
	if (*n < 2)
		return;
	/* often sorted already (each unit's findings are): one pass instead of a sort */
	size_t sorted = 1;
	while (sorted < *n && mg_finding_compare(&v[sorted - 1], &v[sorted]) <= 0)
		sorted++;
	if (sorted < *n)
		qsort(v, *n, sizeof(*v), mg_finding_compare);
	size_t kept = 1;
	for (size_t i = 1; i < *n; i++) {
		const mg_finding *prev = v[kept - 1];
		if (mg_finding_compare(&prev, &v[i]) == 0 && prev->end_line == v[i]->end_line &&
		    prev->end_column == v[i]->end_column)
			mg_finding_free(v[i]);
		else
			v[kept++] = v[i];
	}
	*n = kept;
}
