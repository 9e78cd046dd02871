/* MG111 duplicate-version: a chain rule, checked over each version-ordered folder by layout.c. */
#include "miglint/rule.h"

#include "docs/duplicate_version.h"

const mg_rule mg_rule_duplicate_version = {
	.code = "MG111",
	.name = "duplicate-version",
	.severity = MG_SEV_ERROR,
	.summary = "two migrations of one folder have the same version",
	.help = "give one of them the next free version",
	.doc = doc,
	.kind = MG_RULE_CHAIN,
};
