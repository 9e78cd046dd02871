/* MG108 invalid-revision-id: a chain rule, checked over the whole migration graph by graph.c. */
#include "miglint/rule.h"

#include "docs/invalid_revision_id.h"

const mg_rule mg_rule_invalid_revision_id = {
	.code = "MG108",
	.name = "invalid-revision-id",
	.severity = MG_SEV_ERROR,
	.summary = "a revision id contains a character Alembic reserves",
	.help = "use letters, digits and underscores in revision ids",
	.doc = doc,
	.kind = MG_RULE_CHAIN,
};
