/* MG602: RENAME TO and SET SCHEMA of a table, view or materialized view are instant (a brief
 * ACCESS EXCLUSIVE lock), but the running application still names the old relation: its
 * queries fail from the moment the migration commits. Silent for a relation this file created,
 * and in a down script for the name its up migration made (renaming back is the script's
 * purpose). */
#include "miglint/check.h"
#include "miglint/locks.h"

#include "docs/rename_table.h"

static const char *kind_word(ObjectType t)
{
	return t == OBJECT_VIEW ? "view" : t == OBJECT_MATVIEW ? "materialized view" : "table";
}

static bool in_use(mg_check *c, const RangeVar *rv)
{
	return rv && mg_pre_existing(c, rv) &&
	       !mg_made_by_up_migration(c, (mg_object){.ns = "relation", .name = rv->relname});
}

static void renamed(mg_check *c, const RenameStmt *s)
{
	if ((s->renameType != OBJECT_TABLE && s->renameType != OBJECT_VIEW &&
	     s->renameType != OBJECT_MATVIEW) || !s->newname || !in_use(c, s->relation))
		return;
	const char *old = mg_rangevar_name(c, s->relation);
	mg_finding *f = mg_report(c, s->relation->location,
		"renaming %s \"%s\" to \"%s\" breaks the running application's queries that still "
		"use the old name", kind_word(s->renameType), old, s->newname);
	mg_help(f, "rename it, then CREATE VIEW %s AS SELECT * FROM %s in the same migration (a "
		"simple view is updatable) and drop the view once no release uses the old name",
		mg_rangevar_sql(c, s->relation), mg_quote_ident(c, s->newname));
}

static void moved(mg_check *c, const AlterObjectSchemaStmt *s)
{
	if (s->objectType != OBJECT_TABLE || !s->newschema || !in_use(c, s->relation))
		return;
	mg_finding *f = mg_report(c, s->relation->location,
		"moving table \"%s\" to schema \"%s\" breaks the running application's queries that "
		"still name it where it was", mg_rangevar_name(c, s->relation), s->newschema);
	mg_help(f, "move it, then CREATE VIEW %s AS SELECT * FROM %s.%s in the same migration and "
		"drop the view once no release uses the old name", mg_rangevar_sql(c, s->relation),
		mg_quote_ident(c, s->newschema), mg_quote_ident(c, s->relation->relname));
}

static void check(mg_check *c, const void *node)
{
	if (IsA(node, RenameStmt))
		renamed(c, node);
	else
		moved(c, node);
}

const mg_rule mg_rule_rename_table = {
	.code = "MG602",
	.name = "rename-table",
	.severity = MG_SEV_WARNING,
	.summary = "renaming or moving a table in use breaks the queries of the running application",
	.help = "rename, then CREATE VIEW old AS SELECT * FROM new for one release",
	.doc = doc,
	.kind = MG_RULE_STATEMENT,
	.kinds = (const int[]){T_RenameStmt, T_AlterObjectSchemaStmt, 0},
	.check = check,
};
