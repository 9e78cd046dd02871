/* MG117 malformed-migration: a engine and layout rule: section markers (goose, dbmate) and required files (diesel, Prisma, sqitch). */
#include "miglint/rule.h"

#include "docs/malformed_migration.h"

const mg_rule mg_rule_malformed_migration = {
	.code = "MG117",
	.name = "malformed-migration",
	.severity = MG_SEV_ERROR,
	.summary = "the migration tool cannot run this migration as written",
	.help = "write the markers and files the tool requires",
	.doc = doc,
	.kind = MG_RULE_CHAIN,
};
