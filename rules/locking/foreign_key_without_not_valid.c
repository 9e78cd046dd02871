/* MG321: adding a foreign key validates every existing row: the table is read in full under
 * SHARE ROW EXCLUSIVE (and the referenced one locked the same way), so writes to both wait.
 * NOT VALID skips the scan; VALIDATE CONSTRAINT later takes only SHARE UPDATE EXCLUSIVE. */
#include "miglint/check.h"
#include "miglint/locks.h"

#include "docs/foreign_key_without_not_valid.h"

static bool has_default(const ColumnDef *col)
{
	const ListCell *lc;
	foreach (lc, col->constraints) {
		const Constraint *con = lfirst(lc);
		if (con->contype == CONSTR_DEFAULT && con->raw_expr &&
		    !(IsA(con->raw_expr, A_Const) && ((const A_Const *)con->raw_expr)->isnull))
			return true;
	}
	return false;
}

static void added(mg_check *c, const mg_added_constraint *a)
{
	const Constraint *con = a->con;
	if (con->contype != CONSTR_FOREIGN)
		return;
	if (a->column) {
		/* a new column without a default is NULL in every row: PostgreSQL does not read the
		 * table to validate its foreign key (measured) */
		if (!has_default(a->column))
			return;
		mg_finding *f = mg_report(c, con->location,
			"column \"%s\" is added to table \"%s\" with a DEFAULT and REFERENCES: the "
			"foreign key is validated by reading the whole table under ACCESS EXCLUSIVE",
			a->column->colname, a->table);
		mg_help(f, "add the column without REFERENCES, then ADD CONSTRAINT ... FOREIGN KEY ... "
			"NOT VALID, and VALIDATE CONSTRAINT in a later migration");
		return;
	}
	if (con->skip_validation)
		return;
	mg_finding *f = mg_report(c, con->location,
		"foreign key on table \"%s\" is added without NOT VALID: it reads the whole table "
		"under a SHARE ROW EXCLUSIVE lock on it and on \"%s\", blocking their writes",
		a->table, con->pktable ? con->pktable->relname : "?");
	mg_help(f, "add it NOT VALID, then VALIDATE CONSTRAINT %s in a later migration "
		"(a separate transaction)", con->conname ? mg_quote_ident(c, con->conname) : "<name>");
	mg_fix_insert_after(c, f, mg_clause_last_token(c, con->location), "NOT VALID", false);
}

static void check(mg_check *c, const void *node)
{
	mg_each_added_constraint(c, node, added);
}

const mg_rule mg_rule_foreign_key_without_not_valid = {
	.code = "MG321",
	.name = "foreign-key-without-not-valid",
	.severity = MG_SEV_WARNING,
	.summary = "a foreign key added to an existing table without NOT VALID scans it while blocking writes",
	.help = "add the foreign key NOT VALID, then VALIDATE CONSTRAINT in a later migration",
	.doc = doc,
	.kind = MG_RULE_STATEMENT,
	.kinds = (const int[]){T_AlterTableStmt, 0},
	.check = check,
};
