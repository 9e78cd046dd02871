/* MG105 duplicate-revision: a chain rule, checked over the whole migration graph by graph.c. */
#include "miglint/rule.h"

#include "docs/duplicate_revision.h"

const mg_rule mg_rule_duplicate_revision = {
	.code = "MG105",
	.name = "duplicate-revision",
	.severity = MG_SEV_ERROR,
	.summary = "two migrations declare the same revision id",
	.help = "give one of them a new revision id",
	.doc = doc,
	.kind = MG_RULE_CHAIN,
};
