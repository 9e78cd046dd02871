/* MG114 mixed-naming-schemes: a chain rule, checked over each version-ordered folder by layout.c. */
#include "miglint/rule.h"

#include "docs/mixed_naming_schemes.h"

const mg_rule mg_rule_mixed_naming_schemes = {
	.code = "MG114",
	.name = "mixed-naming-schemes",
	.severity = MG_SEV_ERROR,
	.summary = "one migration folder mixes two naming schemes; the tool runs only one of them",
	.help = "rename the files to the folder's scheme",
	.doc = doc,
	.kind = MG_RULE_CHAIN,
};
