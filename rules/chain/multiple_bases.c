/* MG103 multiple-bases: a chain rule, checked over the whole migration graph by graph.c. */
#include "miglint/rule.h"

#include "docs/multiple_bases.h"

const mg_rule mg_rule_multiple_bases = {
	.code = "MG103",
	.name = "multiple-bases",
	.severity = MG_SEV_WARNING,
	.summary = "more than one revision starts the history without a branch label",
	.help = "point down_revision at the previous revision",
	.doc = doc,
	.kind = MG_RULE_CHAIN,
};
