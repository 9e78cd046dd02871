/* MG103 multiple-bases: more than one Alembic base (down_revision = None) without a branch
 * label of its own is a split history. */
#include "miglint/chain_check.h"

#include <stdint.h>

#include "docs/multiple_bases.h"

static bool unlabeled_base(const mg_chain_check *c, size_t i)
{
	const mg_migration *m = &c->graph->migrations[i];
	return m->has_id && m->has_parents && m->parent_count == 0 && m->label_count == 0 &&
	       c->facts->first_with_id[i] == i;
}

static void check_chain(mg_chain_check *c)
{
	if (c->shape != MG_CHAIN_REVISIONS)
		return;
	size_t unlabeled = 0;
	for (size_t i = 0; i < c->graph->count; i++)
		unlabeled += unlabeled_base(c, i);
	if (unlabeled < 2)
		return;
	for (size_t i = 0; i < c->graph->count; i++) {
		mg_migration *m = &c->graph->migrations[i];
		if (unlabeled_base(c, i))
			mg_chain_report_at(c, m, &m->id,
			       mg_xasprintf("revision '%s' is one of %zu bases (down_revision = None) without a branch label",
					    m->id.text, unlabeled),
			       mg_xstrdup("point down_revision at the previous revision, or give the new root a branch label"));
	}
}

const mg_rule mg_rule_multiple_bases = {
	.code = "MG103",
	.name = "multiple-bases",
	.severity = MG_SEV_WARNING,
	.summary = "more than one revision starts the history without a branch label",
	.help = "point down_revision at the previous revision",
	.doc = doc,
	.kind = MG_RULE_CHAIN,
	.check_chain = check_chain,
};
