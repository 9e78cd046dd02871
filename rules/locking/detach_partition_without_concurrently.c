/* MG341: DETACH PARTITION without CONCURRENTLY takes ACCESS EXCLUSIVE on the partitioned table
 * and on the partition (measured on 15): every read and write of the whole partitioned table
 * waits, and while it waits for a long transaction, every query queues behind it. Reported
 * when either is in use: a partition this file just created still locks its parent. With
 * CONCURRENTLY (PostgreSQL 14+) the parent gets SHARE UPDATE EXCLUSIVE. */
#include "miglint/check.h"
#include "miglint/locks.h"

#include "docs/detach_partition_without_concurrently.h"

static void check(mg_check *c, const void *node)
{
	const AlterTableStmt *s = node;
	const ListCell *lc;
	foreach (lc, s->cmds) {
		const AlterTableCmd *cmd = lfirst(lc);
		if (cmd->subtype != AT_DetachPartition || !cmd->def || !IsA(cmd->def, PartitionCmd))
			continue;
		const PartitionCmd *pc = (const PartitionCmd *)cmd->def;
		if (pc->concurrent || !pc->name ||
		    (!mg_pre_existing(c, s->relation) && !mg_pre_existing(c, pc->name)))
			continue;
		bool old = mg_pg_version(c) < 14;
		mg_finding *f = mg_report(c, mg_locate(c, -1, "detach"),
			"DETACH PARTITION \"%s\" without CONCURRENTLY takes an ACCESS EXCLUSIVE lock on "
			"\"%s\", blocking every read and write of the partitioned table%s",
			mg_rangevar_name(c, pc->name), mg_rangevar_name(c, s->relation),
			old ? " (CONCURRENTLY needs PostgreSQL 14)" : "");
		if (old) {
			mg_finding_as_info(f);
			mg_help(f, "detach in a quiet hour with a short lock_timeout; from PostgreSQL 14 "
				"write DETACH PARTITION ... CONCURRENTLY");
			continue;
		}
		const char *outside = mg_lock_outside_transaction_fix(c);
		mg_help(f, "write DETACH PARTITION ... CONCURRENTLY, alone in its ALTER TABLE, outside "
			"a transaction%s%s", outside ? ": " : "", outside ? outside : "");
		mg_fix_insert_after(c, f, mg_clause_last_token(c, pc->name->location), "CONCURRENTLY",
				    false);
	}
}

const mg_rule mg_rule_detach_partition_without_concurrently = {
	.code = "MG341",
	.name = "detach-partition-without-concurrently",
	.severity = MG_SEV_WARNING,
	.summary = "DETACH PARTITION without CONCURRENTLY blocks reads and writes of the partitioned table",
	.help = "write DETACH PARTITION ... CONCURRENTLY (PostgreSQL 14+) outside a transaction",
	.doc = doc,
	.kind = MG_RULE_STATEMENT,
	.kinds = (const int[]){T_AlterTableStmt, 0},
	.check = check,
};
