/* MG108 invalid-revision-id: Alembic reserves @ - + : in revision ids (they are operators of
 * its revision syntax), and an empty id names nothing. */
#include "miglint/chain_check.h"

#include <string.h>

#include "docs/invalid_revision_id.h"

static void check_chain(mg_chain_check *c)
{
	if (c->shape != MG_CHAIN_REVISIONS)
		return;
	for (size_t i = 0; i < c->graph->count; i++) {
		mg_migration *m = &c->graph->migrations[i];
		if (m->unreadable_vars || !m->has_id || !(strpbrk(m->id.text, "@-+:") || !m->id.text[0]))
			continue;
		mg_chain_report_at(c, m, &m->id,
		       mg_xasprintf("revision id '%s' contains a character Alembic reserves (@ - + :) or is empty",
				    m->id.text), NULL);
	}
}

const mg_rule mg_rule_invalid_revision_id = {
	.code = "MG108",
	.name = "invalid-revision-id",
	.severity = MG_SEV_ERROR,
	.summary = "a revision id contains a character Alembic reserves",
	.help = "use letters, digits and underscores in revision ids",
	.doc = doc,
	.kind = MG_RULE_CHAIN,
	.check_chain = check_chain,
};
