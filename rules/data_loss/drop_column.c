/* MG402: DROP COLUMN loses the column's data in every row. */
#include "miglint/check.h"

#include "docs/drop_column.h"

static void check(mg_check *c, const void *node)
{
	const AlterTableStmt *stmt = node;
	if (stmt->objtype != OBJECT_TABLE)
		return;
	const ListCell *lc;
	foreach (lc, stmt->cmds) {
		const AlterTableCmd *cmd = lfirst(lc);
		if (cmd->subtype != AT_DropColumn)
			continue;
		mg_object o = {"column", stmt->relation->relname, cmd->name};
		if (mg_created_in_file(c, o) || mg_made_by_up_migration(c, o))
			continue; /* added by this file, or by the up migration it undoes */
		int at = mg_locate(c, mg_locate(c, -1, "drop"), cmd->name);
		mg_finding *f = mg_report(c, at, "column \"%s\" of table \"%s\" is dropped with its data",
					  cmd->name, mg_rangevar_name(c, stmt->relation));
		mg_help(f, "stop reading and writing %s in the application first, and drop it in a later release",
			mg_quote_ident(c, cmd->name));
	}
}

const mg_rule mg_rule_drop_column = {
	.code = "MG402",
	.name = "drop-column",
	.severity = MG_SEV_WARNING,
	.summary = "DROP COLUMN deletes the column's data and breaks code that still reads it",
	.help = "stop using the column in the application first, then drop it in a later release",
	.doc = doc,
	.kind = MG_RULE_STATEMENT,
	.kinds = (const int[]){T_AlterTableStmt, 0},
	.check = check,
};
