/* MG106 unknown-dependency: a chain rule, checked over the whole migration graph by graph.c. */
#include "miglint/rule.h"

#include "docs/unknown_dependency.h"

const mg_rule mg_rule_unknown_dependency = {
	.code = "MG106",
	.name = "unknown-dependency",
	.severity = MG_SEV_ERROR,
	.summary = "depends_on names no revision or branch label",
	.help = "name an existing revision id or branch label",
	.doc = doc,
	.kind = MG_RULE_CHAIN,
};
