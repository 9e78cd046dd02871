/* MG301: a statement that needs a strong lock on a table in use waits for every transaction
 * that holds a conflicting one; while it waits, every new query on the table queues behind it.
 * lock_timeout makes it give up (and the deploy retry) instead of stalling production. Reported
 * once per run (file, or goose/dbmate section): at its first such statement. */
#include "miglint/check.h"
#include "miglint/locks.h"

#include "docs/missing_lock_timeout.h"

static void check(mg_check *c, const void *node)
{
	(void)node;
	mg_lock lock;
	if (!mg_lock_first_without_timeout(c) || mg_lock_strongest(c, &lock) < MG_LOCK_SHARE)
		return;
	mg_finding *f = mg_report(c, lock.location >= 0 ? lock.location : mg_locate(c, -1, lock.name),
		"this statement takes %s on \"%s\" with no lock_timeout set: while it waits for a "
		"running transaction, it blocks %s",
		mg_lock_mode_name(lock.mode), lock.name, mg_lock_mode_blocks(lock.mode));
	mg_tx_kind tx = mg_lock_transaction(c);
	mg_help(f, "start the migration with %s and retry the deploy when it times out",
		tx == MG_TX_NONE ? "SET lock_timeout = '2s';" : "SET LOCAL lock_timeout = '2s';");
}

const mg_rule mg_rule_missing_lock_timeout = {
	.code = "MG301",
	.name = "missing-lock-timeout",
	.severity = MG_SEV_WARNING,
	.summary = "a strong lock on an existing table is requested with no lock_timeout set",
	.help = "SET lock_timeout (SET LOCAL inside the tool's transaction) before the first locking statement",
	.doc = doc,
	.kind = MG_RULE_STATEMENT,
	.kinds = (const int[]){T_AlterTableStmt, T_IndexStmt, T_DropStmt, T_RenameStmt,
			       T_AlterObjectSchemaStmt, T_TruncateStmt, T_ReindexStmt, T_ClusterStmt,
			       T_VacuumStmt, T_LockStmt, T_RefreshMatViewStmt, T_CreateTrigStmt,
			       T_CreatePolicyStmt, T_AlterPolicyStmt, T_CreateStmt, 0},
	.check = check,
};
