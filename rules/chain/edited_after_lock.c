/* MG120 edited-after-lock: a lock rule, checked against miglint.lock by lock.c. */
#include "miglint/rule.h"

#include "docs/edited_after_lock.h"

const mg_rule mg_rule_edited_after_lock = {
	.code = "MG120",
	.name = "edited-after-lock",
	.severity = MG_SEV_ERROR,
	.summary = "a migration was edited after miglint lock recorded it; databases that ran it will not run the new text",
	.help = "revert the edit and write a new migration (or run miglint lock if no database has run it)",
	.doc = doc,
	.kind = MG_RULE_CHAIN,
};
