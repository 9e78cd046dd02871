/* MG118 other-database: a layout rule. */
#include "miglint/rule.h"

#include "docs/other_database.h"

const mg_rule mg_rule_other_database = {
	.code = "MG118",
	.name = "other-database",
	.severity = MG_SEV_INFO,
	.summary = "migrations written for another database were found and not linted",
	.help = "nothing to do; lint them with a linter for that database",
	.doc = doc,
	.kind = MG_RULE_CHAIN,
};
