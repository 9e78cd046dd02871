/* MG115 out-of-order-migration: a chain rule, checked with --since by layout.c. */
#include "miglint/rule.h"

#include "docs/out_of_order_migration.h"

const mg_rule mg_rule_out_of_order_migration = {
	.code = "MG115",
	.name = "out-of-order-migration",
	.severity = MG_SEV_ERROR,
	.summary = "a new migration's version sorts before an existing one, so environments already past it skip it or refuse to migrate",
	.help = "give the new migration a version after the newest one",
	.doc = doc,
	.kind = MG_RULE_CHAIN,
};
