/* MG113 missing-migration-partner: a chain rule, checked over each version-ordered folder by layout.c. */
#include "miglint/rule.h"

#include "docs/missing_migration_partner.h"

const mg_rule mg_rule_missing_migration_partner = {
	.code = "MG113",
	.name = "missing-migration-partner",
	.severity = MG_SEV_WARNING,
	.summary = "an up migration has no down script, or a down script has no up migration",
	.help = "add the missing file, or delete the stray one",
	.doc = doc,
	.kind = MG_RULE_CHAIN,
};
