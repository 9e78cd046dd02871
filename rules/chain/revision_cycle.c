/* MG104 revision-cycle: a chain rule, checked over the whole migration graph by graph.c. */
#include "miglint/rule.h"

#include "docs/revision_cycle.h"

const mg_rule mg_rule_revision_cycle = {
	.code = "MG104",
	.name = "revision-cycle",
	.severity = MG_SEV_ERROR,
	.summary = "down_revision links form a cycle",
	.help = "make one down_revision in the cycle point further back",
	.doc = doc,
	.kind = MG_RULE_CHAIN,
};
