/* MG102 multiple-heads: a chain rule, checked over the whole migration graph by graph.c. */
#include "miglint/rule.h"

#include "docs/multiple_heads.h"

const mg_rule mg_rule_multiple_heads = {
	.code = "MG102",
	.name = "multiple-heads",
	.severity = MG_SEV_ERROR,
	.summary = "the history has more than one head on the same branch",
	.help = "merge the heads with alembic merge",
	.doc = doc,
	.kind = MG_RULE_CHAIN,
};
