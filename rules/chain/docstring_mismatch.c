/* MG110 docstring-mismatch: the docstring's Revision ID: and Revises: lines, which
 * `alembic revision` writes and readers trust, disagree with the variables Alembic reads. */
#include "miglint/chain_check.h"

#include <string.h>

#include "docs/docstring_mismatch.h"

static bool same_revises(const mg_migration *m)
{
	/* "Revises: a, b" lists the down revisions; empty for a base. Compared piece by piece:
	 * the chain is checked on one thread after the pool, 2,000 formatted strings showed. */
	const char *d = m->doc_revises.text;
	for (size_t k = 0; k < m->parent_count; k++) {
		if (k && strncmp(d, ", ", 2) != 0)
			return false;
		d += k ? 2 : 0;
		size_t n = strlen(m->parents[k].text);
		if (strncmp(d, m->parents[k].text, n) != 0)
			return false;
		d += n;
	}
	return *d == '\0';
}

static void check_chain(mg_chain_check *c)
{
	if (c->shape != MG_CHAIN_REVISIONS)
		return;
	for (size_t i = 0; i < c->graph->count; i++) {
		mg_migration *m = &c->graph->migrations[i];
		if (m->has_doc_id && m->has_id && strcmp(m->doc_id.text, m->id.text) != 0)
			mg_chain_report_at(c, m, &m->doc_id,
			       mg_xasprintf("the docstring says Revision ID: %s, but revision = '%s'", m->doc_id.text, m->id.text),
			       mg_xasprintf("make the docstring say Revision ID: %s", m->id.text));
		if (m->has_doc_revises && m->has_parents && !same_revises(m))
			mg_chain_report_at(c, m, &m->doc_revises,
			       mg_xasprintf("the docstring says Revises: %s, but down_revision says otherwise", m->doc_revises.text),
			       mg_xstrdup("make the docstring's Revises: line list the down_revision values"));
	}
}

const mg_rule mg_rule_docstring_mismatch = {
	.code = "MG110",
	.name = "docstring-mismatch",
	.severity = MG_SEV_WARNING,
	.summary = "the docstring's Revision ID or Revises line disagrees with the variables",
	.help = "make the docstring say what the variables say",
	.doc = doc,
	.kind = MG_RULE_CHAIN,
	.check_chain = check_chain,
};
