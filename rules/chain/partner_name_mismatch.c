/* MG116 partner-name-mismatch: an up migration and its down script share a version but not a
 * title: one of them was renamed, or they are not the pair they seem. */
#include "miglint/chain_check.h"

#include <stdint.h>
#include <string.h>

#include "docs/partner_name_mismatch.h"

static void check_chain(mg_chain_check *c)
{
	if (c->shape != MG_CHAIN_VERSIONS || c->set->folder_per_migration)
		return; /* diesel's titles are the folder's: one title for both */
	const mg_migration_set *s = c->set;
	for (size_t i = 0; i < s->count; i++) {
		const mg_entry *e = &s->entries[i];
		if (!e->paired || e->partner == SIZE_MAX || e->role == MG_ROLE_DOWN)
			continue;
		const mg_entry *o = &s->entries[e->partner];
		if (e->title && o->title && strcmp(e->title, o->title) != 0)
			mg_chain_report_entry(c, e,
				mg_xasprintf("version %s is titled '%s' in %s but '%s' in %s", e->version,
					     e->title, e->name, o->title, o->name),
				mg_xasprintf("rename %s to match", o->name));
	}
}

const mg_rule mg_rule_partner_name_mismatch = {
	.code = "MG116",
	.name = "partner-name-mismatch",
	.severity = MG_SEV_WARNING,
	.summary = "the up and down scripts of one version have different titles",
	.help = "give both files the same title",
	.doc = doc,
	.kind = MG_RULE_CHAIN,
	.check_chain = check_chain,
};
