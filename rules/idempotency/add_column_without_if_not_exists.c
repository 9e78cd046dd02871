/* MG206: ALTER TABLE ... ADD COLUMN without IF NOT EXISTS fails when the column exists. */
#include "miglint/check.h"

#include "docs/add_column_without_if_not_exists.h"

static void check(mg_check *c, const void *node)
{
	const AlterTableStmt *stmt = node;
	const ListCell *lc;
	foreach (lc, stmt->cmds) {
		const AlterTableCmd *cmd = lfirst(lc);
		if (cmd->subtype != AT_AddColumn || cmd->missing_ok)
			continue;
		const ColumnDef *col = (const ColumnDef *)cmd->def;
		const char *table = mg_rangevar_name(c, stmt->relation);
		mg_object obj = {"column", stmt->relation->relname, col->colname};
		if (stmt->objtype == OBJECT_TYPE) {
			/* ALTER TYPE ... ADD ATTRIBUTE has no IF NOT EXISTS. */
			mg_finding *f = mg_report_unless_rerun_safe(c, MG_FAILS_IF_EXISTS, obj, col->location,
				"attribute \"%s\" is added to type \"%s\" without a guard; running this migration twice fails",
				col->colname, table);
			mg_help(f, "ALTER TYPE ... ADD ATTRIBUTE has no IF NOT EXISTS: wrap it in a DO block "
				   "that checks pg_attribute first");
			continue;
		}
		mg_finding *f = mg_report_unless_rerun_safe(c, MG_FAILS_IF_EXISTS, obj, col->location,
			"column \"%s\" is added to table \"%s\" without IF NOT EXISTS; running this migration twice fails",
			col->colname, table);
		mg_help(f, "ADD COLUMN IF NOT EXISTS %s", mg_quote_ident(c, col->colname));
		mg_fix_insert_before(c, f, col->location, "IF NOT EXISTS", true);
	}
}

const mg_rule mg_rule_add_column_without_if_not_exists = {
	.code = "MG206",
	.name = "add-column-without-if-not-exists",
	.severity = MG_SEV_ERROR,
	.summary = "ADD COLUMN without IF NOT EXISTS fails when the migration runs again",
	.help = "write ADD COLUMN IF NOT EXISTS",
	.doc = doc,
	.kind = MG_RULE_STATEMENT,
	.kinds = (const int[]){T_AlterTableStmt, 0},
	.check = check,
};
