/* MG121 inserted-before-lock: a migration miglint.lock does not record, sorting before one it
 * does: databases past that one skip it. A new migration after the newest locked is fine. */
#include "miglint/chain_check.h"

#include "docs/inserted_before_lock.h"

static void check_chain(mg_chain_check *c)
{
	for (size_t i = 0; c->lock && i < c->set->count; i++) {
		const mg_entry *e = &c->set->entries[i];
		if (c->lock->state[i] != MG_LOCK_INSERTED)
			continue;
		const mg_entry *later = &c->set->entries[c->lock->later[i]];
		mg_finding *f = mg_chain_report_entry(c, e,
			mg_xasprintf("%s is not in miglint.lock but sorts before %s, which is: databases "
				     "past %s will skip it", e->name, later->name, later->name),
			NULL);
		mg_chain_relate_entry(f, later, "the locked migration after it:");
	}
}

const mg_rule mg_rule_inserted_before_lock = {
	.code = "MG121",
	.name = "inserted-before-lock",
	.severity = MG_SEV_ERROR,
	.summary = "a new migration sorts before the newest locked one; databases past it will skip it",
	.help = "give the new migration a version after the newest locked one",
	.doc = doc,
	.kind = MG_RULE_CHAIN,
	.check_chain = check_chain,
};
