/* MG312: DROP INDEX without CONCURRENTLY takes ACCESS EXCLUSIVE on the index's table: reads
 * and writes wait, and while it waits for a long transaction, every query queues behind it. */
#include "miglint/check.h"
#include "miglint/locks.h"

#include "docs/drop_index_without_concurrently.h"

static void check(mg_check *c, const void *node)
{
	const DropStmt *s = node;
	if (s->removeType != OBJECT_INDEX || s->concurrent)
		return;
	const ListCell *lc;
	foreach (lc, s->objects) {
		const List *names = lfirst(lc);
		const char *name = mg_name_last(names);
		if (mg_relation_new(c, name))
			continue;
		mg_finding *f = mg_report(c, mg_locate(c, -1, name),
			"DROP INDEX \"%s\" without CONCURRENTLY takes an ACCESS EXCLUSIVE lock on its "
			"table, blocking every read and write of it", mg_name_qualified(c, names));
		const char *outside = mg_lock_outside_transaction_fix(c);
		if (s->behavior == DROP_CASCADE) {
			mg_help(f, "drop what depends on the index first, then DROP INDEX CONCURRENTLY "
				"(which refuses CASCADE) outside a transaction");
			continue;
		}
		mg_help(f, "write DROP INDEX CONCURRENTLY IF EXISTS, one index per statement, outside a "
			"transaction%s%s", outside ? ": " : "", outside ? outside : "");
		if (list_length(s->objects) == 1)
			mg_fix_insert_after(c, f, mg_locate(c, -1, "index"), "CONCURRENTLY", false);
	}
}

const mg_rule mg_rule_drop_index_without_concurrently = {
	.code = "MG312",
	.name = "drop-index-without-concurrently",
	.severity = MG_SEV_WARNING,
	.summary = "DROP INDEX without CONCURRENTLY blocks reads and writes of an existing table",
	.help = "write DROP INDEX CONCURRENTLY in a migration that runs outside a transaction",
	.doc = doc,
	.kind = MG_RULE_STATEMENT,
	.kinds = (const int[]){T_DropStmt, 0},
	.check = check,
};
