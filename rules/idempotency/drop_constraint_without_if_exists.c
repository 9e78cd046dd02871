/* MG210: ALTER TABLE ... DROP CONSTRAINT without IF EXISTS fails when the constraint is gone. */
#include "miglint/check.h"

#include "docs/drop_constraint_without_if_exists.h"

static void check(mg_check *c, const void *node)
{
	const AlterTableStmt *stmt = node;
	const ListCell *lc;
	foreach (lc, stmt->cmds) {
		const AlterTableCmd *cmd = lfirst(lc);
		if (cmd->subtype != AT_DropConstraint || cmd->missing_ok)
			continue;
		int at = mg_locate(c, mg_locate(c, -1, "constraint"), cmd->name);
		mg_finding *f = mg_report_unless_rerun_safe(c, MG_FAILS_IF_MISSING,
			(mg_object){"constraint", stmt->relation->relname, cmd->name}, at,
			"constraint \"%s\" of table \"%s\" is dropped without IF EXISTS; running this migration twice fails",
			cmd->name, mg_rangevar_name(c, stmt->relation));
		mg_help(f, "DROP CONSTRAINT IF EXISTS %s", mg_quote_ident(c, cmd->name));
		mg_fix_insert_before(c, f, at, "IF EXISTS", true);
	}
}

const mg_rule mg_rule_drop_constraint_without_if_exists = {
	.code = "MG210",
	.name = "drop-constraint-without-if-exists",
	.severity = MG_SEV_ERROR,
	.summary = "DROP CONSTRAINT without IF EXISTS fails when the migration runs again",
	.help = "write DROP CONSTRAINT IF EXISTS",
	.doc = doc,
	.kind = MG_RULE_STATEMENT,
	.kinds = (const int[]){T_AlterTableStmt, 0},
	.check = check,
};
