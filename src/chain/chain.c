/* The dispatcher of chain rules (chain.h). It computes what several rules share (the graph's
 * facts, the lock comparison) once per history, then hands each enabled rule the history. */
#include "miglint/chain.h"

#include "miglint/lock.h"
#include "miglint/rule.h"

#include <string.h>

static void run_rules(const mg_chain_check *history, const mg_engine *eng)
{
	size_t n;
	const mg_rule *const *rules = mg_rules_all(&n);
	for (size_t i = 0; i < n; i++) {
		const mg_rule *r = rules[i];
		if (r->kind != MG_RULE_CHAIN || !r->check_chain || !mg_engine_enabled(eng, r))
			continue;
		mg_chain_check c = *history;
		c.rule = r;
		c.severity = mg_engine_severity(eng, r);
		r->check_chain(&c);
	}
}

void mg_chain_run_graph(mg_graph *g, mg_chain_shape shape, const mg_engine *eng)
{
	mg_graph_facts facts;
	mg_chain_check c = {.shape = shape, .graph = g};
	if (shape == MG_CHAIN_REVISIONS) {
		mg_graph_facts_build(&facts, g);
		c.facts = &facts;
	}
	run_rules(&c, eng);
	if (shape == MG_CHAIN_REVISIONS)
		mg_graph_facts_dispose(&facts, g->count);
}

void mg_chain_run_apps(mg_graph *g, const mg_app_facts *apps, const mg_engine *eng)
{
	mg_chain_check c = {.shape = MG_CHAIN_APPS, .graph = g, .apps = apps};
	run_rules(&c, eng);
}

static mg_chain_shape shape_of(const mg_migration_set *s)
{
	if (s->other_database)
		return MG_CHAIN_OTHER_DATABASE;
	return s->sqitch_plan ? MG_CHAIN_PLAN : MG_CHAIN_VERSIONS;
}

void mg_chain_run_layout(mg_layout *l, mg_file_result *results, const mg_engine *eng,
			 char **added)
{
	for (size_t k = 0; k < l->set_count; k++) {
		mg_migration_set *s = &l->sets[k];
		mg_chain_check c = {.shape = shape_of(s), .layout = l, .results = results, .set = s,
				    .added = added};
		mg_lock_comparison lock;
		bool locked = c.shape != MG_CHAIN_OTHER_DATABASE && mg_lock_compare(&lock, s);
		c.lock = locked ? &lock : NULL;
		run_rules(&c, eng);
		if (locked)
			mg_lock_comparison_dispose(&lock);
	}
}
