/* A finding: one problem at one place, produced by a rule, owned by the file result it is in. */
#ifndef MIGLINT_FINDING_H
#define MIGLINT_FINDING_H

#include <stddef.h>

typedef enum mg_severity { MG_SEV_INFO = 0, MG_SEV_WARNING = 1, MG_SEV_ERROR = 2 } mg_severity;

/* Returns "info", "warning" or "error". */
const char *mg_severity_name(mg_severity s);
/* Parses a severity name; returns 0, or MG_EUSAGE when it is none. */
int mg_severity_parse(mg_severity *out, const char *name);

struct mg_rule;

/* Another place a finding is about: the other heads, the other file of a duplicate id. */
typedef struct mg_related {
	char *path;
	int line, column, end_line, end_column;
	char *message;
} mg_related;

typedef struct mg_finding {
	const struct mg_rule *rule;
	mg_severity severity;
	const char *path;      /* lent by the file result */
	size_t offset;         /* byte offset of the span in the file */
	size_t length;         /* byte length of the span */
	int line, column;      /* 1-based; column in code points */
	int end_line, end_column; /* end_column is exclusive */
	char *message;
	char *help;
	char *migration;       /* migration id, or NULL */
	char *source_line;     /* the text of `line`, for the text report */
	mg_related *related;   /* owned; may be NULL */
	size_t related_count;
} mg_finding;

void mg_finding_free(mg_finding *f);

/* Orders findings by path, line, column, rule code, then message: the output order. */
int mg_finding_compare(const void *a, const void *b);

#endif
