/* MG403: TRUNCATE deletes every row. */
#include "miglint/check.h"

#include "docs/truncate.h"

static void check(mg_check *c, const void *node)
{
	const TruncateStmt *s = node;
	const ListCell *lc;
	foreach (lc, s->relations) {
		const RangeVar *rv = lfirst(lc);
		if (mg_made_by_up_migration(c, (mg_object){"relation", NULL, rv->relname}))
			continue; /* its rows came after the up migration this undoes */
		mg_finding *f = mg_report(c, rv->location, "table \"%s\" is truncated: every row is deleted",
					  mg_rangevar_name(c, rv));
		mg_help(f, "delete only the rows the migration means to remove (DELETE ... WHERE ...)");
	}
}

const mg_rule mg_rule_truncate = {
	.code = "MG403",
	.name = "truncate",
	.severity = MG_SEV_WARNING,
	.summary = "TRUNCATE deletes every row of the table",
	.help = "delete only the rows you mean to, with DELETE ... WHERE",
	.doc = doc,
	.kind = MG_RULE_STATEMENT,
	.kinds = (const int[]){T_TruncateStmt, 0},
	.check = check,
};
