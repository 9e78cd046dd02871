/* A finding: one problem at one place, produced by a rule. There is one way to build one
 * (mg_finding_new, then the setters below) and one owner: the mg_file_result it is added to
 * (engine.h), which frees it with mg_file_result_dispose. Findings are sorted and
 * de-duplicated in one place, mg_findings_sort_unique. */
#ifndef MIGLINT_FINDING_H
#define MIGLINT_FINDING_H

#include <stdbool.h>
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

/* One edit of a fix: replace bytes [offset, offset + length) of the finding's file with
 * `replacement` (length 0 inserts). Offsets are the file's, as the finding's are. */
typedef struct mg_edit {
	size_t offset;
	size_t length;
	char *replacement;
} mg_edit;

/* A fix: edits that together resolve the finding. Safe fixes keep what the migration does
 * (IF NOT EXISTS on a CREATE); unsafe ones change it in a way the user must review
 * (CONCURRENTLY cannot run in a transaction). */
typedef struct mg_fix {
	char *title;          /* what applying it does, for an editor's menu */
	bool safe;
	mg_edit *edits;       /* owned, sorted by offset, not overlapping */
	size_t edit_count;
} mg_fix;

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
	mg_fix *fix;           /* owned; NULL when there is no mechanical fix */
} mg_finding;

/* Gives a finding of rule r with this severity and message (taken: freed with the finding)
 * and the rule's help; no place yet. Free with mg_finding_free, or give it to a result. */
mg_finding *mg_finding_new(const struct mg_rule *r, mg_severity severity, char *message);
/* Replaces the help (taken; NULL keeps the rule's). */
void mg_finding_set_help(mg_finding *f, char *help);
/* Adds a related location (path copied, message taken). */
void mg_finding_add_related(mg_finding *f, const char *path, int line, int column, int end_line,
			    int end_column, char *message);
/* Adds an edit to the finding's fix, creating the fix (title copied) on the first call;
 * replacement is copied. A finding has at most one fix: the title and safety of the first
 * call stand. */
void mg_finding_add_edit(mg_finding *f, const char *title, bool safe, size_t offset,
			 size_t length, const char *replacement);
void mg_finding_free(mg_finding *f);

/* Orders findings by path, line, column, rule code, then message: the output order. */
int mg_finding_compare(const void *a, const void *b);
/* Sorts v[0..*n) (mg_finding_compare) and frees every finding that repeats the one before it
 * (same rule, place and message), updating *n. The one place output order is decided. */
void mg_findings_sort_unique(mg_finding **v, size_t *n);

#endif
