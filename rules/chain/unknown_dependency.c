/* MG106 unknown-dependency: an Alembic depends_on names no revision or branch label; a sqitch
 * change requires one the plan does not have. */
#include "miglint/chain_check.h"

#include <stdint.h>
#include <string.h>

#include "docs/unknown_dependency.h"

static void check_revisions(mg_chain_check *c)
{
	mg_graph *g = c->graph;
	for (size_t i = 0; i < g->count; i++) {
		mg_migration *m = &g->migrations[i];
		for (size_t k = 0; k < m->depends_count; k++) {
			const char *d = m->depends_on[k].text;
			if (c->facts->edges[i][m->parent_count + k] != SIZE_MAX)
				continue;
			const char *guess = mg_chain_did_you_mean(g, m, d);
			mg_chain_report_at(c, m, &m->depends_on[k],
			       guess ? mg_xasprintf("depends_on '%s' names no revision or branch label; did you mean '%s'?", d, guess)
				     : mg_xasprintf("depends_on '%s' names no revision or branch label", d),
			       NULL);
		}
	}
}

static void check_plan(mg_chain_check *c)
{
	const mg_sqitch_plan *p = c->set->sqitch_plan;
	for (size_t i = 0; i < p->changes.len; i++) {
		const mg_sqitch_change *ch = &p->changes.items[i];
		for (size_t k = 0; k < ch->require_count; k++)
			if (ch->resolved[k] == MG_SQITCH_REQUIRES_UNKNOWN)
				mg_chain_report_line(c, p->path, ch->line, ch->text, ch->key,
					mg_xasprintf("change \"%s\" requires \"%s\", which the plan does "
						     "not have", ch->name, ch->requires[k]),
					mg_xstrdup("fix the name, or add the change to the plan (sqitch add)"));
	}
}

static void check_chain(mg_chain_check *c)
{
	if (c->shape == MG_CHAIN_REVISIONS)
		check_revisions(c);
	else if (c->shape == MG_CHAIN_PLAN)
		check_plan(c);
}

const mg_rule mg_rule_unknown_dependency = {
	.code = "MG106",
	.name = "unknown-dependency",
	.severity = MG_SEV_ERROR,
	.summary = "depends_on names no revision or branch label",
	.help = "name an existing revision id or branch label",
	.doc = doc,
	.kind = MG_RULE_CHAIN,
	.check_chain = check_chain,
};
