/* MG405: DROP DATABASE in a migration removes every table of that database, whatever the
 * migration is about; no migration should hold one. */
#include "miglint/check.h"

#include "docs/drop_database.h"

static void check(mg_check *c, const void *node)
{
	const DropdbStmt *s = node;
	mg_finding *f = mg_report(c, mg_locate(c, -1, s->dbname),
		"DROP DATABASE \"%s\" removes the whole database and all its data", s->dbname);
	mg_help(f, "drop databases by hand, outside the migration history");
}

const mg_rule mg_rule_drop_database = {
	.code = "MG405",
	.name = "drop-database",
	.severity = MG_SEV_ERROR,
	.summary = "DROP DATABASE removes a whole database",
	.help = "drop databases by hand, outside the migration history",
	.doc = doc,
	.kind = MG_RULE_STATEMENT,
	.kinds = (const int[]){T_DropdbStmt, 0},
	.check = check,
};
