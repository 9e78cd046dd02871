/* MG111 duplicate-version: two migrations of a version-ordered folder share a version; the
 * tool refuses the folder or runs only one of them. Up and down are separate histories. A
 * folder run by the project's own runner (numbered) applies both, in name order. */
#include "miglint/chain_check.h"

#include "docs/duplicate_version.h"

/* Up and down are separate histories: an up and its down share a version. */
static bool same_kind(const mg_entry *a, const mg_entry *b)
{
	bool fa = a->role == MG_ROLE_UP || a->role == MG_ROLE_CODE;
	bool fb = b->role == MG_ROLE_UP || b->role == MG_ROLE_CODE;
	return fa == fb && (fa || a->role == b->role);
}

static void report_pair(mg_chain_check *c, const mg_entry *a, const mg_entry *b)
{
	const mg_entry *pair[2] = {a, b};
	for (int w = 0; w < 2; w++) {
		mg_finding *f = mg_chain_report_entry(c, pair[w],
			mg_xasprintf("%s version %s is also the version of %s", c->set->framework,
				     pair[w]->version, pair[1 - w]->name),
			mg_xasprintf("give %s the next free version", b->name));
		mg_chain_relate_entry(f, pair[1 - w], "the other migration with this version:");
	}
}

static void check_chain(mg_chain_check *c)
{
	if (c->shape != MG_CHAIN_VERSIONS || c->set->versions_may_repeat)
		return;
	const mg_migration_set *s = c->set;
	/* the entries are in version order: equal versions are neighbours */
	for (size_t i = 0; i < s->count; i++) {
		const mg_entry *a = &s->entries[i];
		if (!mg_chain_in_history(a))
			continue;
		for (size_t k = i + 1; k < s->count && mg_chain_in_history(&s->entries[k]) &&
				       mg_version_compare(a->version, s->entries[k].version) == 0; k++)
			if (same_kind(a, &s->entries[k]))
				report_pair(c, a, &s->entries[k]);
	}
}

const mg_rule mg_rule_duplicate_version = {
	.code = "MG111",
	.name = "duplicate-version",
	.severity = MG_SEV_ERROR,
	.summary = "two migrations of one folder have the same version",
	.help = "give one of them the next free version",
	.doc = doc,
	.kind = MG_RULE_CHAIN,
	.check_chain = check_chain,
};
