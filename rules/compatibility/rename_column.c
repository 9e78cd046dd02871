/* MG601: RENAME COLUMN is instant (a brief ACCESS EXCLUSIVE lock, no scan), but the running
 * application still sends the old name until the new release is out everywhere: its queries
 * fail from the moment the migration commits. Silent for a relation or column this file
 * created (no code uses it yet), and in a down script for the name its up migration made
 * (renaming back is the script's purpose, and it restores the name the release being rolled
 * back to uses). */
#include "miglint/check.h"
#include "miglint/locks.h"

#include "docs/rename_column.h"

static void check(mg_check *c, const void *node)
{
	const RenameStmt *s = node;
	if (s->renameType != OBJECT_COLUMN || !s->relation || !s->subname || !s->newname)
		return;
	if (s->relationType != OBJECT_TABLE && s->relationType != OBJECT_VIEW &&
	    s->relationType != OBJECT_MATVIEW)
		return;
	const char *rel = s->relation->relname;
	mg_object column = {.ns = "column", .parent = rel, .name = s->subname};
	mg_object relation = {.ns = "relation", .name = rel};
	if (!mg_pre_existing(c, s->relation) || mg_made_in_file(c, column) ||
	    mg_made_by_up_migration(c, column) || mg_made_by_up_migration(c, relation))
		return;
	mg_finding *f = mg_report(c, mg_locate(c, mg_locate(c, -1, "rename"), s->subname),
		"renaming column \"%s\" of %s \"%s\" to \"%s\" breaks the running application's "
		"queries that still use the old name", s->subname,
		s->relationType == OBJECT_TABLE ? "table" : s->relationType == OBJECT_VIEW
			? "view" : "materialized view",
		mg_rangevar_name(c, s->relation), s->newname);
	mg_help(f, "add the new column, write both (a trigger or the application), backfill, switch "
		"the reads, and drop the old column in a later release");
}

const mg_rule mg_rule_rename_column = {
	.code = "MG601",
	.name = "rename-column",
	.severity = MG_SEV_WARNING,
	.summary = "RENAME COLUMN on a table in use breaks the queries of the running application",
	.help = "add the new column, dual-write, backfill, switch reads, drop the old one later",
	.doc = doc,
	.kind = MG_RULE_STATEMENT,
	.kinds = (const int[]){T_RenameStmt, 0},
	.check = check,
};
