/* MG104 revision-cycle: Alembic revisions that wait for each other (down_revision and
 * depends_on, as DependencyCycleDetected); Django cycles, as its reader resolved the graph; a sqitch
 * change that requires itself. */
#include "miglint/chain_check.h"

#include <stdlib.h>

#include "docs/revision_cycle.h"

/* Reported at the revision where the cycle is first entered. */
static void check_revisions(mg_chain_check *c)
{
	for (size_t k = 0; k < c->facts->cycles.len; k++) {
		const mg_chain_cycle *cy = &c->facts->cycles.items[k];
		mg_migration *at = &c->graph->migrations[cy->migrations[0]];
		char *text = mg_chain_cycle_text(c->graph, cy->migrations, cy->len);
		mg_chain_report_at(c, at, &at->id,
		       cy->len == 1 ? mg_xasprintf("revision '%s' is its own %s", at->id.text,
						   cy->via_depends ? "dependency" : "down_revision")
				    : mg_xasprintf("revision %scycle: %s", cy->via_depends ? "dependency " : "", text),
		       mg_xstrdup("break the cycle: one of these down_revision values must point further back"));
		free(text);
	}
}

/* Django raises CircularDependencyError when it loads the graph. */
static void check_apps(mg_chain_check *c)
{
	mg_graph *g = c->graph;
	for (size_t i = 0; i < c->apps->self.len; i++) {
		const mg_app_self *s = &c->apps->self.items[i];
		mg_migration *m = &g->migrations[s->migration];
		mg_graph_ref at = {NULL, s->offset, s->length};
		mg_chain_report_at(c, m, &at,
			mg_xasprintf("migration %s depends on itself (Django raises "
				     "CircularDependencyError)", m->id.text),
			mg_xstrdup("remove the dependency"));
	}
	for (size_t k = 0; k < c->apps->cycles.len; k++) {
		const mg_chain_cycle *cy = &c->apps->cycles.items[k];
		char *text = mg_chain_cycle_text(g, cy->migrations, cy->len);
		mg_chain_report_at(c, &g->migrations[cy->migrations[0]], NULL,
			mg_xasprintf("migration dependency cycle: %s (Django raises "
				     "CircularDependencyError)", text),
			mg_xstrdup("remove one of these dependencies"));
		free(text);
	}
}

static void check_plan(mg_chain_check *c)
{
	const mg_sqitch_plan *p = c->set->sqitch_plan;
	for (size_t i = 0; i < p->changes.len; i++) {
		const mg_sqitch_change *ch = &p->changes.items[i];
		for (size_t k = 0; k < ch->require_count; k++)
			if (ch->resolved[k] == MG_SQITCH_REQUIRES_SELF)
				mg_chain_report_line(c, p->path, ch->line, ch->text, ch->key,
					mg_xasprintf("change \"%s\" requires itself", ch->name),
					mg_xasprintf("remove \"%s\" from its own requirements (a rework "
						     "requires %s@TAG)", ch->name, ch->name));
	}
}

static void check_chain(mg_chain_check *c)
{
	mg_chain_report_problems(c);
	if (c->shape == MG_CHAIN_REVISIONS)
		check_revisions(c);
	else if (c->shape == MG_CHAIN_APPS)
		check_apps(c);
	else if (c->shape == MG_CHAIN_PLAN)
		check_plan(c);
}

const mg_rule mg_rule_revision_cycle = {
	.code = "MG104",
	.name = "revision-cycle",
	.severity = MG_SEV_ERROR,
	.summary = "down_revision links form a cycle",
	.help = "make one down_revision in the cycle point further back",
	.doc = doc,
	.kind = MG_RULE_CHAIN,
	.check_chain = check_chain,
};
