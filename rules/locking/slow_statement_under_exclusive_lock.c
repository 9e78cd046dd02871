/* MG303: a transaction that took ACCESS EXCLUSIVE on a table in use keeps it until it commits.
 * Any long statement after that in the same transaction (a backfill UPDATE, an index build, a
 * VALIDATE, a refresh) runs while every read and write of the locked table waits: the ALTER
 * itself was quick, the lock is held for the whole backfill. */
#include "miglint/check.h"
#include "miglint/locks.h"

#include "docs/slow_statement_under_exclusive_lock.h"

/* Whether one of the FROM items is a relation in use (a plain name, not a subquery). */
static bool reads_table_in_use(const mg_check *c, const List *from)
{
	const ListCell *lc;
	foreach (lc, from)
		if (IsA(lfirst(lc), RangeVar) && mg_pre_existing(c, lfirst(lc)))
			return true;
	return false;
}

/* What makes the statement slow, as words for the message; NULL when it is not one that reads
 * or writes a table in use in full. */
static const char *slow_work(mg_check *c, const Node *node)
{
	switch (nodeTag(node)) {
	case T_UpdateStmt:
		return mg_pre_existing(c, ((const UpdateStmt *)node)->relation) ? "UPDATE" : NULL;
	case T_DeleteStmt:
		return mg_pre_existing(c, ((const DeleteStmt *)node)->relation) ? "DELETE" : NULL;
	case T_MergeStmt:
		return mg_pre_existing(c, ((const MergeStmt *)node)->relation) ? "MERGE" : NULL;
	case T_InsertStmt: {
		const InsertStmt *s = (const InsertStmt *)node;
		const SelectStmt *sel = s->selectStmt && IsA(s->selectStmt, SelectStmt)
						? (const SelectStmt *)s->selectStmt : NULL;
		return sel && reads_table_in_use(c, sel->fromClause) ? "INSERT ... SELECT" : NULL;
	}
	case T_IndexStmt: {
		const IndexStmt *s = (const IndexStmt *)node;
		return !s->concurrent && mg_pre_existing(c, s->relation) ? "CREATE INDEX" : NULL;
	}
	case T_RefreshMatViewStmt: {
		const RefreshMatViewStmt *s = (const RefreshMatViewStmt *)node;
		return mg_pre_existing(c, s->relation) ? "REFRESH MATERIALIZED VIEW" : NULL;
	}
	case T_AlterTableStmt: {
		const AlterTableStmt *s = (const AlterTableStmt *)node;
		const ListCell *lc;
		if (!mg_pre_existing(c, s->relation))
			return NULL;
		foreach (lc, s->cmds) {
			const AlterTableCmd *cmd = lfirst(lc);
			/* a constraint added NOT VALID in this transaction is MG324's */
			if (cmd->subtype == AT_ValidateConstraint && cmd->name &&
			    !mg_lock_not_valid_in_transaction(c, s->relation->relname, cmd->name))
				return "VALIDATE CONSTRAINT";
		}
		return NULL;
	}
	default:
		return NULL;
	}
}

static void check(mg_check *c, const void *node)
{
	const char *work = slow_work(c, node);
	size_t at;
	const char *held = work ? mg_lock_exclusive_held(c, &at) : NULL;
	if (!held)
		return;
	mg_finding *f = mg_report(c, -1,
		"%s runs in a transaction that already holds ACCESS EXCLUSIVE on \"%s\" (taken by an "
		"earlier statement): every read and write of \"%s\" waits until the transaction "
		"commits, for as long as this statement takes",
		work, held, held);
	switch (mg_lock_transaction(c)) {
	case MG_TX_EXPLICIT:
		mg_help(f, "COMMIT right after the statement that takes the lock, and run this one in "
			"a transaction of its own (a large backfill in batches)");
		break;
	case MG_TX_QUERY:
		mg_help(f, "send this statement as a query of its own, or move it to a later migration "
			"(a large backfill in batches)");
		break;
	default:
		mg_help(f, "move this statement to a later migration: the tool runs each migration in "
			"one transaction (a large backfill in batches, outside migrations)");
		break;
	}
}

const mg_rule mg_rule_slow_statement_under_exclusive_lock = {
	.code = "MG303",
	.name = "slow-statement-under-exclusive-lock",
	.severity = MG_SEV_WARNING,
	.summary = "a statement that reads or writes a table in full runs while the transaction holds ACCESS EXCLUSIVE on a table in use",
	.help = "commit after the statement that takes the lock; do the slow work in a later migration",
	.doc = doc,
	.kind = MG_RULE_STATEMENT,
	.kinds = (const int[]){T_UpdateStmt, T_DeleteStmt, T_MergeStmt, T_InsertStmt, T_IndexStmt,
			       T_RefreshMatViewStmt, T_AlterTableStmt, 0},
	.check = check,
};
