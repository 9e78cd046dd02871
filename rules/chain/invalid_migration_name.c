/* MG112 invalid-migration-name: a file its tool does not read as a migration (no '__' in a
 * Flyway name, a version that is not numbers, ...); the reader records why. */
#include "miglint/chain_check.h"

#include "docs/invalid_migration_name.h"

static void check_chain(mg_chain_check *c)
{
	mg_chain_report_problems(c);
}

const mg_rule mg_rule_invalid_migration_name = {
	.code = "MG112",
	.name = "invalid-migration-name",
	.severity = MG_SEV_ERROR,
	.summary = "a migration file name does not follow its tool's pattern, so the tool skips or refuses it",
	.help = "rename the file to the tool's pattern",
	.doc = doc,
	.kind = MG_RULE_CHAIN,
	.check_chain = check_chain,
};
