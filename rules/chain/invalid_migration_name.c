/* MG112 invalid-migration-name: a chain rule, checked over each version-ordered folder by layout.c. */
#include "miglint/rule.h"

#include "docs/invalid_migration_name.h"

const mg_rule mg_rule_invalid_migration_name = {
	.code = "MG112",
	.name = "invalid-migration-name",
	.severity = MG_SEV_ERROR,
	.summary = "a migration file name does not follow its tool's pattern, so the tool skips or refuses it",
	.help = "rename the file to the tool's pattern",
	.doc = doc,
	.kind = MG_RULE_CHAIN,
};
