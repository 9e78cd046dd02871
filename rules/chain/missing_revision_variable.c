/* MG109 missing-revision-variable: Alembic cannot place a file without `revision` and
 * `down_revision`; a value the reader cannot read without running code is recorded by it. */
#include "miglint/chain_check.h"

#include "docs/missing_revision_variable.h"

static void check_chain(mg_chain_check *c)
{
	mg_chain_report_problems(c);
	if (c->shape != MG_CHAIN_REVISIONS)
		return;
	for (size_t i = 0; i < c->graph->count; i++) {
		mg_migration *m = &c->graph->migrations[i];
		if (m->unreadable_vars)
			continue; /* already reported: assigned, but not readable without running it */
		if (!m->has_id)
			mg_chain_report_at(c, m, NULL,
			       mg_xstrdup("no module-level `revision = \"...\"`: Alembic cannot place this file"), NULL);
		if (!m->has_parents)
			mg_chain_report_at(c, m, m->has_id ? &m->id : NULL,
			       mg_xstrdup("no module-level `down_revision`: write `down_revision = None` for a base"),
			       NULL);
	}
}

const mg_rule mg_rule_missing_revision_variable = {
	.code = "MG109",
	.name = "missing-revision-variable",
	.severity = MG_SEV_ERROR,
	.summary = "a migration file lacks a readable revision or down_revision",
	.help = "assign revision and down_revision at module level, as plain strings",
	.doc = doc,
	.kind = MG_RULE_CHAIN,
	.check_chain = check_chain,
};
