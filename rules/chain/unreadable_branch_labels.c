/* MG123 unreadable-branch-labels: branch_labels assigned a value that cannot be read without
 * running code (`(cli.EXPAND_BRANCH,)`, a constant imported from the application). The graph
 * stands without them, but which heads share a branch is unknown, so multiple-heads (MG102)
 * is not reported for the history; this says so once. */
#include "miglint/chain_check.h"

#include "docs/unreadable_branch_labels.h"

static void check_chain(mg_chain_check *c)
{
	if (c->shape != MG_CHAIN_REVISIONS)
		return;
	mg_migration *first = NULL;
	size_t count = 0;
	for (size_t i = 0; i < c->graph->count; i++) {
		mg_migration *m = &c->graph->migrations[i];
		if (!m->unreadable_labels)
			continue;
		if (!first)
			first = m;
		count++;
	}
	if (!first)
		return;
	mg_graph_ref value = {NULL, first->labels_offset, first->labels_length};
	mg_chain_report_at(c, first, &value,
		mg_xasprintf("branch_labels = %.*s cannot be read without running code (%zu revision%s "
			     "of this history); heads are not compared, so multiple heads are not "
			     "reported", (int)first->labels_length, first->src.text + first->labels_offset,
			     count, count == 1 ? "" : "s"),
		mg_xstrdup("assign branch_labels string literals to have heads compared per branch"));
}

const mg_rule mg_rule_unreadable_branch_labels = {
	.code = "MG123",
	.name = "unreadable-branch-labels",
	.severity = MG_SEV_INFO,
	.summary = "branch_labels cannot be read statically: heads are not compared",
	.help = "assign branch_labels string literals",
	.doc = doc,
	.kind = MG_RULE_CHAIN,
	.check_chain = check_chain,
};
