/* MG109 missing-revision-variable: a chain rule, checked over the whole migration graph by graph.c. */
#include "miglint/rule.h"

#include "docs/missing_revision_variable.h"

const mg_rule mg_rule_missing_revision_variable = {
	.code = "MG109",
	.name = "missing-revision-variable",
	.severity = MG_SEV_ERROR,
	.summary = "a migration file lacks a readable revision or down_revision",
	.help = "assign revision and down_revision at module level, as plain strings",
	.doc = doc,
	.kind = MG_RULE_CHAIN,
};
