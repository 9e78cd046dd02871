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
