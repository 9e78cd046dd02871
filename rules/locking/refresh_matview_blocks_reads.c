/* MG343: REFRESH MATERIALIZED VIEW without CONCURRENTLY takes ACCESS EXCLUSIVE on the view for
 * as long as its query runs: every read of it waits. CONCURRENTLY takes EXCLUSIVE, which lets
 * reads go on, but needs a unique index on the view and cannot load a view WITH NO DATA. Info:
 * many refreshes are of small views, and the rule cannot see the view's size. */
#include "miglint/check.h"
#include "miglint/locks.h"

#include "docs/refresh_matview_blocks_reads.h"

static void check(mg_check *c, const void *node)
{
	const RefreshMatViewStmt *s = node;
	if (s->concurrent || !s->relation || !mg_pre_existing(c, s->relation))
		return;
	mg_finding *f = mg_report(c, mg_locate(c, -1, s->relation->relname),
		"REFRESH MATERIALIZED VIEW \"%s\" without CONCURRENTLY takes an ACCESS EXCLUSIVE "
		"lock on it, blocking every read of it until the query has run",
		mg_rangevar_name(c, s->relation));
	if (s->skipData) {
		mg_help(f, "WITH NO DATA empties the view: its readers fail until the next refresh");
		return;
	}
	mg_help(f, "write REFRESH MATERIALIZED VIEW CONCURRENTLY (it needs a unique index on the "
		"view; unlike CREATE INDEX CONCURRENTLY it may run inside a transaction)");
}

const mg_rule mg_rule_refresh_matview_blocks_reads = {
	.code = "MG343",
	.name = "refresh-matview-blocks-reads",
	.severity = MG_SEV_INFO,
	.summary = "REFRESH MATERIALIZED VIEW without CONCURRENTLY blocks reads of the view",
	.help = "write REFRESH MATERIALIZED VIEW CONCURRENTLY (needs a unique index on the view)",
	.doc = doc,
	.kind = MG_RULE_STATEMENT,
	.kinds = (const int[]){T_RefreshMatViewStmt, 0},
	.check = check,
};
