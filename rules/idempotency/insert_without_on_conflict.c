/* MG213: INSERT without ON CONFLICT (or a NOT EXISTS guard) into a table that keeps its rows
 * between runs: a second run duplicates the rows or fails on a unique key. */
#include "miglint/check.h"

#include "docs/insert_without_on_conflict.h"

/* COPY ... FROM loads rows as INSERT does: a second run loads them again. */
static void check_copy(mg_check *c, const CopyStmt *s)
{
	if (!s->is_from || !s->relation)
		return;
	mg_finding *f = mg_report_unless_rerun_safe(c, MG_FAILS_IF_EXISTS,
		(mg_object){"rows", s->relation->relname, ""}, s->relation->location,
		"rows are loaded into table \"%s\" by COPY; running this migration twice loads them again or fails on a unique key",
		mg_rangevar_name(c, s->relation));
	mg_help(f, "load into a staging table and INSERT ... ON CONFLICT DO NOTHING from it, or empty the table first");
}

static void check(mg_check *c, const void *node)
{
	if (IsA(node, CopyStmt)) {
		check_copy(c, node);
		return;
	}
	const InsertStmt *s = node;
	if (s->onConflictClause || mg_insert_guarded(s))
		return;
	mg_finding *f = mg_report_unless_rerun_safe(c, MG_FAILS_IF_EXISTS,
		(mg_object){"rows", s->relation->relname, ""}, s->relation->location,
		"rows are inserted into table \"%s\" without ON CONFLICT; running this migration twice duplicates them or fails on a unique key",
		mg_rangevar_name(c, s->relation));
	mg_help(f, "add ON CONFLICT DO NOTHING (or ON CONFLICT (key) DO UPDATE), or INSERT ... SELECT ... WHERE NOT EXISTS");
}

const mg_rule mg_rule_insert_without_on_conflict = {
	.code = "MG213",
	.name = "insert-without-on-conflict",
	.severity = MG_SEV_WARNING,
	.summary = "INSERT without ON CONFLICT duplicates rows or fails when the migration runs again",
	.help = "add ON CONFLICT DO NOTHING, or guard the INSERT with WHERE NOT EXISTS",
	.doc = doc,
	.kind = MG_RULE_STATEMENT,
	.flags = MG_RULE_GROUP_REPEATS,
	.kinds = (const int[]){T_InsertStmt, T_CopyStmt, 0},
	.check = check,
};
