/* MG107 duplicate-branch-label: a chain rule, checked over the whole migration graph by graph.c. */
#include "miglint/rule.h"

#include "docs/duplicate_branch_label.h"

const mg_rule mg_rule_duplicate_branch_label = {
	.code = "MG107",
	.name = "duplicate-branch-label",
	.severity = MG_SEV_ERROR,
	.summary = "two revisions give the same branch label",
	.help = "rename one of the labels",
	.doc = doc,
	.kind = MG_RULE_CHAIN,
};
