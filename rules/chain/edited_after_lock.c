/* MG120 edited-after-lock: a migration whose text changed since miglint.lock recorded it;
 * databases that ran it will not run the new text. */
#include "miglint/chain_check.h"

#include "docs/edited_after_lock.h"

static void check_chain(mg_chain_check *c)
{
	for (size_t i = 0; c->lock && i < c->set->count; i++) {
		const mg_entry *e = &c->set->entries[i];
		if (c->lock->state[i] == MG_LOCK_EDITED)
			mg_chain_report_entry(c, e,
				mg_xasprintf("%s was edited after miglint.lock recorded it: databases "
					     "that ran it will not run the new text", e->name),
				NULL);
	}
}

const mg_rule mg_rule_edited_after_lock = {
	.code = "MG120",
	.name = "edited-after-lock",
	.severity = MG_SEV_ERROR,
	.summary = "a migration was edited after miglint lock recorded it; databases that ran it will not run the new text",
	.help = "revert the edit and write a new migration (or run miglint lock if no database has run it)",
	.doc = doc,
	.kind = MG_RULE_CHAIN,
	.check_chain = check_chain,
};
