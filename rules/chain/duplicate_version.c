/* MG111 duplicate-version: two migrations of a version-ordered folder share a version; the
 * tool refuses the folder or runs only one of them; the newer of the two is the one to
 * renumber. Up and down are separate histories. A
 * folder run by the project's own runner (numbered) applies both, in name order. */
#include "miglint/chain_check.h"

#include <string.h>

#include "docs/duplicate_version.h"

/* Up and down are separate histories: an up and its down share a version. */
static bool same_kind(const mg_entry *a, const mg_entry *b)
{
	bool fa = a->role == MG_ROLE_UP || a->role == MG_ROLE_CODE;
	bool fb = b->role == MG_ROLE_UP || b->role == MG_ROLE_CODE;
	return fa == fb && (fa || a->role == b->role);
}

/* Which of a and b (a listed first) is the newer, the one to renumber; *why_out says how that
 * is known. A file's mtime is no witness: a clone, a CI checkout or a branch switch sets it to
 * the time of the checkout, not of the writing. What the run knows is:
 * - --since: git lists the files added since the revision, so an added file came after one
 *   that was already there;
 * - miglint.lock records the migrations as they were when `miglint lock` last ran, so a file
 *   it records came before one it does not (the lock is committed: this is the repository's
 *   own record of which was there first);
 * - else nothing recorded tells, and git's history would take a process per file in a rule
 *   (rules read facts, they run nothing): the later of the two by name is named, and the
 *   message says that this is all it goes by. */
static const mg_entry *newer(const char **why_out, const mg_chain_check *c, const mg_entry *a,
			     const mg_entry *b)
{
	bool added_a = mg_chain_entry_added(c, a), added_b = mg_chain_entry_added(c, b);
	if (added_a != added_b) {
		*why_out = "added since the --since revision";
		return added_a ? a : b;
	}
	bool locked_a = mg_chain_entry_locked(c, a), locked_b = mg_chain_entry_locked(c, b);
	if (locked_a != locked_b) {
		*why_out = "not in miglint.lock";
		return locked_a ? b : a;
	}
	*why_out = "later by name; nothing records which came first";
	return strcmp(a->name, b->name) > 0 ? a : b;
}

static void report_pair(mg_chain_check *c, const mg_entry *a, const mg_entry *b)
{
	const char *why;
	const mg_entry *renumber = newer(&why, c, a, b);
	const mg_entry *pair[2] = {a, b};
	for (int w = 0; w < 2; w++) {
		const mg_entry *self = pair[w], *other = pair[1 - w];
		char *message = self == renumber
			? mg_xasprintf("%s version %s is also the version of %s; this file is the newer "
				       "(%s): renumber it", c->set->framework, self->version, other->name, why)
			: mg_xasprintf("%s version %s is also the version of %s, the newer (%s): renumber "
				       "that one", c->set->framework, self->version, other->name, why);
		mg_finding *f = mg_chain_report_entry(c, self, message,
			mg_xasprintf("give %s the next free version (if a database applied it already, "
				     "leave it and write a new migration instead)", renumber->name));
		mg_chain_relate_entry(f, other, "the other migration with this version:");
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
	.help = "give the newer of them the next free version",
	.doc = doc,
	.kind = MG_RULE_CHAIN,
	.check_chain = check_chain,
};
