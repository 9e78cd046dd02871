/* MG323: ALTER COLUMN ... SET NOT NULL reads the whole table under ACCESS EXCLUSIVE to prove
 * no row is NULL, unless (PostgreSQL 12+) a valid CHECK (c IS NOT NULL) already proves it. */
#include "miglint/check.h"
#include "miglint/locks.h"

#include "docs/set_not_null_scans_table.h"

static void check(mg_check *c, const void *node)
{
	const AlterTableStmt *s = node;
	if (!mg_pre_existing(c, s->relation))
		return;
	const char *table = s->relation->relname;
	const ListCell *lc;
	foreach (lc, s->cmds) {
		const AlterTableCmd *cmd = lfirst(lc);
		if (cmd->subtype != AT_SetNotNull || !cmd->name)
			continue;
		bool shortcut = mg_pg_version(c) >= 12;
		if (shortcut && mg_not_null_check_valid(c, table, cmd->name))
			continue;
		mg_finding *f = mg_report(c, mg_locate(c, -1, cmd->name),
			"SET NOT NULL on column \"%s\" of table \"%s\" reads the whole table under an "
			"ACCESS EXCLUSIVE lock, blocking every read and write",
			cmd->name, mg_rangevar_name(c, s->relation));
		if (shortcut)
			mg_help(f, "first ADD CONSTRAINT %s_not_null CHECK (%s IS NOT NULL) NOT VALID, "
				"VALIDATE it in a later transaction, then SET NOT NULL (no scan) and drop "
				"the CHECK", cmd->name, mg_quote_ident(c, cmd->name));
		else
			mg_help(f, "before PostgreSQL 12 a CHECK (%s IS NOT NULL) NOT VALID, validated "
				"later, is the way to enforce it without the long lock",
				mg_quote_ident(c, cmd->name));
	}
}

const mg_rule mg_rule_set_not_null_scans_table = {
	.code = "MG323",
	.name = "set-not-null-scans-table",
	.severity = MG_SEV_WARNING,
	.summary = "SET NOT NULL on an existing table scans it under ACCESS EXCLUSIVE",
	.help = "validate a CHECK (column IS NOT NULL) NOT VALID first; PostgreSQL 12+ then skips the scan",
	.doc = doc,
	.kind = MG_RULE_STATEMENT,
	.kinds = (const int[]){T_AlterTableStmt, 0},
	.check = check,
};
