/* MG113 missing-migration-partner: an up migration without its down script (where the tool
 * pairs them and a down is expected), a down without its up; a sqitch change without its
 * revert or verify script. */
#include "miglint/chain_check.h"

#include <stdint.h>
#include <string.h>
#include <sys/stat.h>

#include "docs/missing_migration_partner.h"

static void check_versions(mg_chain_check *c)
{
	const mg_migration_set *s = c->set;
	for (size_t i = 0; i < s->count; i++) {
		const mg_entry *e = &s->entries[i];
		bool down = e->role == MG_ROLE_DOWN;
		if (!e->paired || e->partner != SIZE_MAX)
			continue;
		if (down && s->folder_per_migration)
			continue; /* malformed-migration: the tool refuses the folder */
		if (!down && (s->downs_optional || e->role != MG_ROLE_UP))
			continue;
		mg_chain_report_entry(c, e,
			down ? mg_xasprintf("down script %s has no up migration with version %s",
					    e->name, e->version)
			     : mg_xasprintf("%s migration %s has no down script: it cannot be rolled back",
					    s->framework, e->name),
			down ? mg_xstrdup("delete it, or restore its up migration")
			     : mg_xstrdup(s->folder_per_migration ? "add down.sql beside up.sql"
						: "add the .down.sql file with the same version and title"));
	}
}

/* The plan's change whose scripts are e's, or NULL. */
static const mg_sqitch_change *change_of(const mg_sqitch_plan *p, const mg_entry *e)
{
	for (size_t k = 0; k < p->changes.len; k++)
		if (strcmp(p->changes.items[k].key, e->version) == 0)
			return &p->changes.items[k];
	return NULL;
}

/* A revert or verify script that does not exist (a change planned twice without rework is
 * reported once). */
static void check_plan(mg_chain_check *c)
{
	const mg_migration_set *s = c->set;
	for (size_t i = 0; i < s->count; i++) {
		const mg_entry *e = &s->entries[i];
		struct stat st;
		bool again = false;
		for (size_t k = 0; k < i && !again; k++)
			again = strcmp(s->entries[k].path, e->path) == 0;
		if (again || e->role == MG_ROLE_UP || e->file != SIZE_MAX || stat(e->path, &st) == 0)
			continue;
		const mg_sqitch_change *ch = change_of(s->sqitch_plan, e);
		if (ch)
			mg_chain_report_line(c, s->sqitch_plan->path, ch->line, ch->text, ch->key,
				mg_xasprintf("change \"%s\" has no %s script %s", ch->name,
					     e->role == MG_ROLE_DOWN ? "revert" : "verify", e->name),
				mg_xasprintf("add %s", e->name));
	}
}

static void check_chain(mg_chain_check *c)
{
	if (c->shape == MG_CHAIN_VERSIONS)
		check_versions(c);
	else if (c->shape == MG_CHAIN_PLAN)
		check_plan(c);
}

const mg_rule mg_rule_missing_migration_partner = {
	.code = "MG113",
	.name = "missing-migration-partner",
	.severity = MG_SEV_WARNING,
	.summary = "an up migration has no down script, or a down script has no up migration",
	.help = "add the missing file, or delete the stray one",
	.doc = doc,
	.kind = MG_RULE_CHAIN,
	.check_chain = check_chain,
};
