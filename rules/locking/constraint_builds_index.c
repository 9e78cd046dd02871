/* MG314: ADD CONSTRAINT ... UNIQUE / PRIMARY KEY (and ADD COLUMN ... UNIQUE / PRIMARY KEY)
 * builds the constraint's index while holding ACCESS EXCLUSIVE on the table (measured on
 * PostgreSQL 15: ACCESS EXCLUSIVE + SHARE): every read and write waits for the build. The
 * index can be built first with CREATE UNIQUE INDEX CONCURRENTLY, and the constraint then
 * takes it over with USING INDEX, which only changes the catalog. */
#include "miglint/check.h"
#include "miglint/locks.h"

#include "docs/constraint_builds_index.h"

static const char *kind(const Constraint *con)
{
	return con->contype == CONSTR_PRIMARY ? "PRIMARY KEY" : "UNIQUE";
}

static void report(mg_check *c, const Constraint *con, const char *table, const char *column)
{
	mg_finding *f;
	if (column)
		f = mg_report(c, con->location,
			"column \"%s\" is added to table \"%s\" with %s: its index is built under an "
			"ACCESS EXCLUSIVE lock, blocking every read and write of the table",
			column, table, kind(con));
	else
		f = mg_report(c, con->location,
			"%s constraint on table \"%s\" builds its index under an ACCESS EXCLUSIVE lock, "
			"blocking every read and write of the table until the build ends",
			kind(con), table);
	const char *outside = mg_lock_outside_transaction_fix(c);
	const char *name = con->conname ? mg_quote_ident(c, con->conname) : "<name>";
	mg_help(f, "%sCREATE UNIQUE INDEX CONCURRENTLY %s ON %s (...)%s; then ALTER TABLE %s ADD "
		"CONSTRAINT %s %s USING INDEX %s, which only takes the index over",
		column ? "add the column without it, then " : "", name, table,
		outside ? mg_tmp(c, " (it cannot run inside a transaction: %s)", outside) : "",
		table, name, kind(con), name);
}

static void added(mg_check *c, const mg_added_constraint *a)
{
	const Constraint *con = a->con;
	if (con->contype != CONSTR_UNIQUE && con->contype != CONSTR_PRIMARY)
		return;
	/* USING INDEX takes over an index built before: no build here */
	if (!a->column && con->indexname)
		return;
	report(c, con, a->table, a->column ? a->column->colname : NULL);
}

static void check(mg_check *c, const void *node)
{
	mg_each_added_constraint(c, node, added);
}

const mg_rule mg_rule_constraint_builds_index = {
	.code = "MG314",
	.name = "constraint-builds-index",
	.severity = MG_SEV_WARNING,
	.summary = "a UNIQUE or PRIMARY KEY constraint added to an existing table builds its index under ACCESS EXCLUSIVE",
	.help = "CREATE UNIQUE INDEX CONCURRENTLY, then ADD CONSTRAINT ... USING INDEX",
	.doc = doc,
	.kind = MG_RULE_STATEMENT,
	.kinds = (const int[]){T_AlterTableStmt, 0},
	.check = check,
};
