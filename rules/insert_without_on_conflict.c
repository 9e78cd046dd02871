/* MG213: INSERT without ON CONFLICT (or a NOT EXISTS guard) into a table that keeps its rows
 * between runs: a second run duplicates the rows or fails on a unique key. */
#include "miglint/check.h"

#include "docs/insert_without_on_conflict.h"

static void check(mg_check *c, const void *node)
{
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
	.kinds = (const int[]){T_InsertStmt, 0},
	.check = check,
};
