/* MG115 out-of-order-migration: with --since, a migration added since the revision whose
 * version sorts before one that was already there: databases past it skip it or refuse. */
#include "miglint/chain_check.h"
#include "miglint/paths.h"

#include <stdlib.h>
#include <string.h>

#include "docs/out_of_order_migration.h"

static bool is_added(char **added, const char *path)
{
	char *real = mg_path_real(path);
	bool yes = false;
	for (char **a = added; real && *a && !yes; a++)
		yes = strcmp(*a, real) == 0;
	free(real);
	return yes;
}

static void check_chain(mg_chain_check *c)
{
	if (c->shape != MG_CHAIN_VERSIONS || !c->added)
		return;
	const mg_migration_set *s = c->set;
	const mg_entry *newest_old = NULL;
	bool *is_new = mg_xcalloc(s->count ? s->count : 1, sizeof(bool));
	for (size_t i = 0; i < s->count; i++) {
		const mg_entry *e = &s->entries[i];
		if (!mg_chain_in_history(e) || (e->role != MG_ROLE_UP && e->role != MG_ROLE_CODE))
			continue;
		is_new[i] = is_added(c->added, e->path);
		if (!is_new[i] && (!newest_old || mg_version_compare(e->version, newest_old->version) > 0))
			newest_old = e;
	}
	for (size_t i = 0; newest_old && i < s->count; i++) {
		const mg_entry *e = &s->entries[i];
		if (!is_new[i] || mg_version_compare(e->version, newest_old->version) >= 0)
			continue;
		mg_finding *f = mg_chain_report_entry(c, e,
			mg_xasprintf("new migration %s has version %s, before %s (version %s), which "
				     "already existed: databases past %s will skip it or refuse to "
				     "migrate", e->name, e->version, newest_old->name,
				     newest_old->version, newest_old->version),
			mg_xasprintf("renumber it to sort after %s", newest_old->name));
		mg_chain_relate_entry(f, newest_old, "the newest existing migration:");
	}
	free(is_new);
}

const mg_rule mg_rule_out_of_order_migration = {
	.code = "MG115",
	.name = "out-of-order-migration",
	.severity = MG_SEV_ERROR,
	.summary = "a new migration's version sorts before an existing one, so environments already past it skip it or refuse to migrate",
	.help = "give the new migration a version after the newest one",
	.doc = doc,
	.kind = MG_RULE_CHAIN,
	.check_chain = check_chain,
};
