/* MG101 unknown-parent: a down_revision (Alembic) or a dependency or run_before (Django, as
 * its reader resolved them) names no migration. */
#include "miglint/chain_check.h"

#include <stdint.h>
#include <string.h>

#include "docs/unknown_parent.h"

/* Django raises NodeNotFoundError when it loads the graph. */
static void check_apps(mg_chain_check *c)
{
	for (size_t i = 0; i < c->apps->unknown.len; i++) {
		const mg_app_unknown *u = &c->apps->unknown.items[i];
		mg_graph_ref at = {NULL, u->offset, u->length};
		mg_chain_report_at(c, &c->graph->migrations[u->migration], &at,
			mg_xasprintf("%s (\"%s\", \"%s\") names no migration: app '%s' has no %s "
				     "(Django raises NodeNotFoundError)", u->what, u->app, u->name, u->app,
				     u->name),
			mg_xasprintf("point it at an existing migration of '%s'", u->app));
	}
}

static void check_chain(mg_chain_check *c)
{
	mg_chain_report_problems(c);
	if (c->shape == MG_CHAIN_APPS)
		check_apps(c);
	if (c->shape != MG_CHAIN_REVISIONS)
		return;
	mg_graph *g = c->graph;
	for (size_t i = 0; i < g->count; i++) {
		mg_migration *m = &g->migrations[i];
		for (size_t k = 0; k < m->parent_count; k++) {
			const char *p = m->parents[k].text;
			if (c->facts->edges[i][k] != SIZE_MAX)
				continue;
			const char *guess = mg_chain_did_you_mean(g, m, p);
			mg_chain_report_at(c, m, &m->parents[k],
			       guess ? mg_xasprintf("down_revision '%s' is not declared by any migration; did you mean '%s'?", p, guess)
				     : mg_xasprintf("down_revision '%s' is not declared by any migration", p),
			       guess ? mg_xasprintf("down_revision = '%s'", guess)
				     : mg_xstrdup("point down_revision at an existing revision id (alembic history lists them)"));
		}
	}
}

const mg_rule mg_rule_unknown_parent = {
	.code = "MG101",
	.name = "unknown-parent",
	.severity = MG_SEV_ERROR,
	.summary = "down_revision names a revision that no migration declares",
	.help = "point down_revision at an existing revision id",
	.doc = doc,
	.kind = MG_RULE_CHAIN,
	.check_chain = check_chain,
};
