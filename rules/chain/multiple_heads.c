/* MG102 multiple-heads: two Alembic heads on one branch (the same effective branch labels),
 * once every link is whole; Django apps with several leaves, as its reader resolved them. Heads of
 * branches with different labels are separate on purpose (expand/contract layouts). */
#include "miglint/chain_check.h"

#include <string.h>

#include "docs/multiple_heads.h"

static bool same_branch(const mg_graph_facts *f, size_t a, size_t b)
{
	return strcmp(f->heads.items[a].branch, f->heads.items[b].branch) == 0;
}

static void report_head(mg_chain_check *c, size_t a)
{
	const mg_graph_facts *facts = c->facts;
	mg_graph *g = c->graph;
	mg_buf names, ids;
	mg_buf_init(&names);
	mg_buf_init(&ids);
	size_t same = 0;
	for (size_t b = 0; b < facts->heads.len; b++) {
		if (!same_branch(facts, a, b))
			continue;
		const mg_migration *h = &g->migrations[facts->heads.items[b].migration];
		mg_buf_printf(&names, "%s'%s' (%s)", same ? ", " : "", h->id.text, h->path);
		mg_buf_printf(&ids, " %s", h->id.text);
		same++;
	}
	if (same > 1) {
		mg_migration *m = &g->migrations[facts->heads.items[a].migration];
		mg_finding *f = mg_chain_report_at(c, m, &m->id,
			mg_xasprintf("%zu heads on one branch: %s", same, names.data),
			mg_xasprintf("merge them: alembic merge -m \"merge heads\"%s", ids.data));
		for (size_t b = 0; b < facts->heads.len; b++)
			if (b != a && same_branch(facts, a, b))
				mg_chain_relate_migration(f, &g->migrations[facts->heads.items[b].migration],
							  "head '%s'");
	}
	mg_buf_dispose(&names);
	mg_buf_dispose(&ids);
}

/* More than one leaf in a Django app: two branches each added a migration. */
static void check_apps(mg_chain_check *c)
{
	const mg_app_facts *a = c->apps;
	mg_graph *g = c->graph;
	for (size_t i = 0; i < g->count; i++) {
		if (!a->leaf[i])
			continue;
		size_t same = 0;
		mg_buf names;
		mg_buf_init(&names);
		for (size_t o = 0; o < g->count; o++)
			if (a->leaf[o] && strcmp(a->app[o], a->app[i]) == 0)
				mg_buf_printf(&names, "%s%s", same++ ? ", " : "", a->name[o]);
		if (same > 1)
			mg_chain_report_at(c, &g->migrations[i], NULL,
				mg_xasprintf("app '%s' has %zu leaf migrations: %s (makemigrations "
					     "--check reports conflicting migrations)", a->app[i], same,
					     names.data),
				mg_xasprintf("python manage.py makemigrations --merge %s", a->app[i]));
		mg_buf_dispose(&names);
	}
}

static void check_chain(mg_chain_check *c)
{
	mg_chain_report_problems(c);
	if (c->shape == MG_CHAIN_APPS)
		check_apps(c);
	if (c->shape != MG_CHAIN_REVISIONS || !c->facts->links_whole)
		return; /* Alembic stops at a broken link before it has heads: fix MG101/MG109 first */
	for (size_t i = 0; i < c->graph->count; i++)
		if (c->graph->migrations[i].unreadable_labels)
			return; /* which heads share a branch is unknown (MG123 says so) */
	for (size_t a = 0; a < c->facts->heads.len; a++)
		report_head(c, a);
}

const mg_rule mg_rule_multiple_heads = {
	.code = "MG102",
	.name = "multiple-heads",
	.severity = MG_SEV_ERROR,
	.summary = "the history has more than one head on the same branch",
	.help = "merge the heads with alembic merge",
	.doc = doc,
	.kind = MG_RULE_CHAIN,
	.check_chain = check_chain,
};
