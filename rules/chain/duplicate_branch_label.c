/* MG107 duplicate-branch-label: a branch label names one branch; two revisions giving it make
 * Alembic's label resolution ambiguous. */
#include "miglint/chain_check.h"

#include <stdint.h>

#include "docs/duplicate_branch_label.h"

static void check_chain(mg_chain_check *c)
{
	if (c->shape != MG_CHAIN_REVISIONS)
		return;
	mg_graph *g = c->graph;
	for (size_t i = 0; i < g->count; i++) {
		mg_migration *m = &g->migrations[i];
		for (size_t k = 0; k < m->label_count; k++) {
			size_t first = c->facts->first_with_label[i][k];
			if (first != i)
				mg_chain_report_at(c, m, &m->labels[k],
				       mg_xasprintf("branch label '%s' is also given by %s", m->labels[k].text,
						    g->migrations[first].path),
				       mg_xstrdup("a branch label names one branch: rename one of them"));
		}
	}
}

const mg_rule mg_rule_duplicate_branch_label = {
	.code = "MG107",
	.name = "duplicate-branch-label",
	.severity = MG_SEV_ERROR,
	.summary = "two revisions give the same branch label",
	.help = "rename one of the labels",
	.doc = doc,
	.kind = MG_RULE_CHAIN,
	.check_chain = check_chain,
};
