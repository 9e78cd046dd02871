/* MG122 removed-after-lock: a migration miglint.lock records is gone: databases that ran it
 * keep its changes, new ones will not get them. Reported at its line of the lock. */
#include "miglint/chain_check.h"

#include "docs/removed_after_lock.h"

static void check_chain(mg_chain_check *c)
{
	for (size_t k = 0; c->lock && k < c->lock->removed.len; k++) {
		const mg_lock_line *x = &c->lock->removed.items[k];
		mg_chain_report_line(c, c->lock->path, x->line, x->text, NULL,
			mg_xasprintf("%s is recorded in miglint.lock but is gone: databases that ran it "
				     "keep its changes, new ones will not get them", x->name),
			NULL);
	}
}

const mg_rule mg_rule_removed_after_lock = {
	.code = "MG122",
	.name = "removed-after-lock",
	.severity = MG_SEV_ERROR,
	.summary = "a migration recorded in miglint.lock is gone",
	.help = "restore the file (databases that ran it still have its changes)",
	.doc = doc,
	.kind = MG_RULE_CHAIN,
	.check_chain = check_chain,
};
