/* MG334: ALTER TABLE forms that write the whole table anew under ACCESS EXCLUSIVE (measured on
 * PostgreSQL 15: the relfilenode changes): SET UNLOGGED, SET LOGGED, SET TABLESPACE, SET
 * ACCESS METHOD. Nothing reads or writes the table until the copy is done. */
#include "miglint/check.h"
#include "miglint/locks.h"

#include "docs/alter_table_rewrites.h"

/* The form as written, and the word after SET that the finding points at. */
static const char *form(const AlterTableCmd *cmd, const char **word_out)
{
	switch (cmd->subtype) {
	case AT_SetUnLogged:
		*word_out = "unlogged";
		return "SET UNLOGGED";
	case AT_SetLogged:
		*word_out = "logged";
		return "SET LOGGED";
	case AT_SetTableSpace:
		*word_out = "tablespace";
		return "SET TABLESPACE";
	case AT_SetAccessMethod:
		*word_out = "access";
		return "SET ACCESS METHOD";
	default:
		return NULL;
	}
}

static void check(mg_check *c, const void *node)
{
	const AlterTableStmt *s = node;
	if ((s->objtype != OBJECT_TABLE && s->objtype != OBJECT_MATVIEW) ||
	    !mg_pre_existing(c, s->relation))
		return;
	const char *table = mg_rangevar_name(c, s->relation);
	const ListCell *lc;
	int from = s->relation->location;
	foreach (lc, s->cmds) {
		const AlterTableCmd *cmd = lfirst(lc);
		const char *word = NULL, *what = form(cmd, &word);
		if (!what)
			continue;
		int at = mg_locate(c, from, word);
		if (at >= 0 && mg_next_token(c, at) >= 0)
			from = mg_next_token(c, at);
		mg_finding *f = mg_report(c, at,
			"ALTER TABLE \"%s\" %s writes the table and its indexes anew%s under an ACCESS "
			"EXCLUSIVE lock, blocking every read and write until the copy is done",
			table, what,
			cmd->subtype == AT_SetLogged ? " (and all of it into the WAL)" : "");
		mg_help(f, "do it in a maintenance window, or fill a new table alongside (logical "
			"replication) and switch to it");
	}
}

const mg_rule mg_rule_alter_table_rewrites = {
	.code = "MG334",
	.name = "alter-table-rewrites",
	.severity = MG_SEV_WARNING,
	.summary = "ALTER TABLE SET LOGGED/UNLOGGED/TABLESPACE/ACCESS METHOD rewrites an existing table under ACCESS EXCLUSIVE",
	.help = "do it in a maintenance window, or switch to a new table filled alongside",
	.doc = doc,
	.kind = MG_RULE_STATEMENT,
	.kinds = (const int[]){T_AlterTableStmt, 0},
	.check = check,
};
