/* MG101 unknown-parent: a chain rule, checked over the whole migration graph by graph.c. */
#include "miglint/rule.h"

#include "docs/unknown_parent.h"

const mg_rule mg_rule_unknown_parent = {
	.code = "MG101",
	.name = "unknown-parent",
	.severity = MG_SEV_ERROR,
	.summary = "down_revision names a revision that no migration declares",
	.help = "point down_revision at an existing revision id",
	.doc = doc,
	.kind = MG_RULE_CHAIN,
};
