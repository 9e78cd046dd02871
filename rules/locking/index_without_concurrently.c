/* MG311: CREATE INDEX without CONCURRENTLY holds SHARE on the table for the whole build: every
 * INSERT, UPDATE and DELETE waits until the index is done. Silent on tables this run created
 * (nobody else can be writing to them yet). */
#include "miglint/check.h"
#include "miglint/locks.h"

#include "docs/index_without_concurrently.h"

static void check(mg_check *c, const void *node)
{
	const IndexStmt *s = node;
	if (s->concurrent || !mg_pre_existing(c, s->relation))
		return;
	mg_finding *f = mg_report(c, s->relation->location,
		"CREATE INDEX on table \"%s\" without CONCURRENTLY holds a SHARE lock for the whole "
		"build, blocking every INSERT, UPDATE and DELETE on it",
		mg_rangevar_name(c, s->relation));
	const char *outside = mg_lock_outside_transaction_fix(c);
	if (outside)
		mg_help(f, "write CREATE %sINDEX CONCURRENTLY, which cannot run inside a transaction: %s",
			s->unique ? "UNIQUE " : "", outside);
	else
		mg_help(f, "write CREATE %sINDEX CONCURRENTLY (outside a transaction block; if it "
			"fails, drop the INVALID index it leaves and retry)", s->unique ? "UNIQUE " : "");
	mg_fix_insert_after(c, f, mg_locate(c, -1, "index"), "CONCURRENTLY", false);
}

const mg_rule mg_rule_index_without_concurrently = {
	.code = "MG311",
	.name = "index-without-concurrently",
	.severity = MG_SEV_WARNING,
	.summary = "CREATE INDEX without CONCURRENTLY blocks writes to an existing table while the index builds",
	.help = "write CREATE INDEX CONCURRENTLY in a migration that runs outside a transaction",
	.doc = doc,
	.kind = MG_RULE_STATEMENT,
	.kinds = (const int[]){T_IndexStmt, 0},
	.check = check,
};
