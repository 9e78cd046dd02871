/* MG315: ADD CONSTRAINT ... EXCLUDE builds its index while holding ACCESS EXCLUSIVE on the
 * table, and unlike UNIQUE it has no way around it: PostgreSQL refuses EXCLUDE ... NOT VALID
 * and exclusion constraints cannot take over an index built CONCURRENTLY (USING INDEX). */
#include "miglint/check.h"
#include "miglint/locks.h"

#include "docs/exclusion_constraint.h"

static void added(mg_check *c, const mg_added_constraint *a)
{
	if (a->column || a->con->contype != CONSTR_EXCLUSION)
		return;
	mg_finding *f = mg_report(c, a->con->location,
		"EXCLUDE constraint on table \"%s\" builds its index under an ACCESS EXCLUSIVE lock, "
		"blocking every read and write of the table until the build ends; there is no "
		"concurrent form",
		a->table);
	mg_help(f, "run it in a maintenance window, or enforce the rule in a new table (built with "
		"the constraint, filled in batches, swapped in)");
}

static void check(mg_check *c, const void *node)
{
	mg_each_added_constraint(c, node, added);
}

const mg_rule mg_rule_exclusion_constraint = {
	.code = "MG315",
	.name = "exclusion-constraint",
	.severity = MG_SEV_WARNING,
	.summary = "an EXCLUDE constraint added to an existing table builds its index under ACCESS EXCLUSIVE, with no concurrent form",
	.help = "run it in a maintenance window, or build a new table with the constraint and swap it in",
	.doc = doc,
	.kind = MG_RULE_STATEMENT,
	.kinds = (const int[]){T_AlterTableStmt, 0},
	.check = check,
};
