/* MG122 removed-after-lock: a lock rule, checked against miglint.lock by lock.c. */
#include "miglint/rule.h"

#include "docs/removed_after_lock.h"

const mg_rule mg_rule_removed_after_lock = {
	.code = "MG122",
	.name = "removed-after-lock",
	.severity = MG_SEV_ERROR,
	.summary = "a migration recorded in miglint.lock is gone",
	.help = "restore the file (databases that ran it still have its changes)",
	.doc = doc,
	.kind = MG_RULE_CHAIN,
};
