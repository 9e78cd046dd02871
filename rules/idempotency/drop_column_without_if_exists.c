/* MG209: ALTER TABLE ... DROP COLUMN without IF EXISTS fails when the column is gone. */
#include "miglint/check.h"

#include "docs/drop_column_without_if_exists.h"

static void check(mg_check *c, const void *node)
{
	const AlterTableStmt *stmt = node;
	const ListCell *lc;
	foreach (lc, stmt->cmds) {
		const AlterTableCmd *cmd = lfirst(lc);
		if (cmd->subtype != AT_DropColumn || cmd->missing_ok)
			continue;
		int at = mg_locate(c, mg_locate(c, -1, "drop"), cmd->name);
		mg_finding *f = mg_report_unless_rerun_safe(c, MG_FAILS_IF_MISSING,
			(mg_object){"column", stmt->relation->relname, cmd->name}, at,
			"column \"%s\" of table \"%s\" is dropped without IF EXISTS; running this migration twice fails",
			cmd->name, mg_rangevar_name(c, stmt->relation));
		mg_help(f, "DROP COLUMN IF EXISTS %s", mg_quote_ident(c, cmd->name));
		mg_fix_insert_before(c, f, at, "IF EXISTS", true);
	}
}

const mg_rule mg_rule_drop_column_without_if_exists = {
	.code = "MG209",
	.name = "drop-column-without-if-exists",
	.severity = MG_SEV_ERROR,
	.summary = "DROP COLUMN without IF EXISTS fails when the migration runs again",
	.help = "write DROP COLUMN IF EXISTS",
	.doc = doc,
	.kind = MG_RULE_STATEMENT,
	.kinds = (const int[]){T_AlterTableStmt, 0},
	.check = check,
};
