/* MG121 inserted-before-lock: a lock rule, checked against miglint.lock by lock.c. */
#include "miglint/rule.h"

#include "docs/inserted_before_lock.h"

const mg_rule mg_rule_inserted_before_lock = {
	.code = "MG121",
	.name = "inserted-before-lock",
	.severity = MG_SEV_ERROR,
	.summary = "a new migration sorts before the newest locked one; databases past it will skip it",
	.help = "give the new migration a version after the newest locked one",
	.doc = doc,
	.kind = MG_RULE_CHAIN,
};
