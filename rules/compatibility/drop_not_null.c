/* MG605 (off by default, an opinion): DROP NOT NULL is instant, but code that reads the column
 * may rely on it never being NULL; once the running release or a backfill writes NULLs, those
 * readers break. Silent for a relation or column this file created. */
#include "miglint/check.h"
#include "miglint/locks.h"

#include "docs/drop_not_null.h"

static void check(mg_check *c, const void *node)
{
	const AlterTableStmt *s = node;
	const ListCell *lc;
	if (!mg_pre_existing(c, s->relation))
		return;
	foreach (lc, s->cmds) {
		const AlterTableCmd *cmd = lfirst(lc);
		if (cmd->subtype != AT_DropNotNull || !cmd->name)
			continue;
		mg_object column = {.ns = "column", .parent = s->relation->relname, .name = cmd->name};
		if (mg_made_in_file(c, column) || mg_made_by_up_migration(c, column))
			continue;
		mg_finding *f = mg_report(c, mg_locate(c, mg_locate(c, -1, "alter"), cmd->name),
			"column \"%s\" of table \"%s\" may hold NULL from now on: code that reads it "
			"may not expect that", cmd->name, mg_rangevar_name(c, s->relation));
		mg_help(f, "check that every reader of the column handles NULL before dropping "
			"NOT NULL");
	}
}

const mg_rule mg_rule_drop_not_null = {
	.code = "MG605",
	.name = "drop-not-null",
	.severity = MG_SEV_INFO,
	.summary = "DROP NOT NULL lets NULL into a column existing code reads",
	.help = "check the readers of the column for NULL first",
	.doc = doc,
	.kind = MG_RULE_STATEMENT,
	.kinds = (const int[]){T_AlterTableStmt, 0},
	.check = check,
	.flags = MG_RULE_OFF_BY_DEFAULT,
};
