/* MG322: ADD CONSTRAINT ... CHECK reads the whole table to validate it, under ACCESS
 * EXCLUSIVE: reads and writes wait for the scan. NOT VALID skips it; VALIDATE CONSTRAINT later
 * scans under SHARE UPDATE EXCLUSIVE, which blocks neither. */
#include "miglint/check.h"
#include "miglint/locks.h"

#include "docs/check_without_not_valid.h"

static void added(mg_check *c, const mg_added_constraint *a)
{
	const Constraint *con = a->con;
	if (con->contype != CONSTR_CHECK)
		return;
	if (a->column) {
		mg_finding *f = mg_report(c, con->location,
			"column \"%s\" is added to table \"%s\" with a CHECK: it is validated by "
			"reading the whole table under ACCESS EXCLUSIVE", a->column->colname, a->table);
		mg_help(f, "add the column without the CHECK, then ADD CONSTRAINT ... CHECK "
			"(...) NOT VALID, and VALIDATE CONSTRAINT in a later migration");
		return;
	}
	if (con->skip_validation)
		return;
	mg_finding *f = mg_report(c, con->location,
		"CHECK constraint on table \"%s\" is added without NOT VALID: it reads the "
		"whole table under an ACCESS EXCLUSIVE lock, blocking every read and write",
		a->table);
	mg_help(f, "add it NOT VALID, then VALIDATE CONSTRAINT %s in a later migration "
		"(a separate transaction)", con->conname ? mg_quote_ident(c, con->conname) : "<name>");
	mg_fix_insert_after(c, f, mg_clause_last_token(c, con->location), "NOT VALID", false);
}

static void check(mg_check *c, const void *node)
{
	mg_each_added_constraint(c, node, added);
}

const mg_rule mg_rule_check_without_not_valid = {
	.code = "MG322",
	.name = "check-without-not-valid",
	.severity = MG_SEV_WARNING,
	.summary = "a CHECK constraint added to an existing table without NOT VALID scans it under ACCESS EXCLUSIVE",
	.help = "add the CHECK NOT VALID, then VALIDATE CONSTRAINT in a later migration",
	.doc = doc,
	.kind = MG_RULE_STATEMENT,
	.kinds = (const int[]){T_AlterTableStmt, 0},
	.check = check,
};
