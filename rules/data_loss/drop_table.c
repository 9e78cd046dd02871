/* MG401: DROP TABLE loses every row of the table. */
#include "miglint/check.h"

#include "docs/drop_table.h"

static void check(mg_check *c, const void *node)
{
	const DropStmt *s = node;
	if (s->removeType != OBJECT_TABLE && s->removeType != OBJECT_FOREIGN_TABLE)
		return;
	if (s->removeType == OBJECT_FOREIGN_TABLE)
		return; /* the rows live on the remote server */
	const ListCell *lc;
	foreach (lc, s->objects) {
		const List *names = lfirst(lc);
		const char *name = mg_name_last(names);
		mg_object o = {"relation", NULL, name};
		if (mg_created_in_file(c, o) || mg_made_by_up_migration(c, o))
			continue; /* a table this file, or the up migration it undoes, created */
		mg_finding *f = mg_report(c, mg_locate(c, -1, name),
			"table \"%s\" is dropped with all its rows", mg_name_qualified(c, names));
		mg_help(f, "keep a backup or rename the table first (ALTER TABLE %s RENAME TO %s_old), and drop it in a later release",
			mg_quote_ident(c, name), name);
	}
}

const mg_rule mg_rule_drop_table = {
	.code = "MG401",
	.name = "drop-table",
	.severity = MG_SEV_WARNING,
	.summary = "DROP TABLE deletes the table and all its rows",
	.help = "rename the table first and drop it in a later release, once nothing reads it",
	.doc = doc,
	.kind = MG_RULE_STATEMENT,
	.kinds = (const int[]){T_DropStmt, 0},
	.check = check,
};
