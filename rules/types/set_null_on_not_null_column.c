/* MG660: ON DELETE/UPDATE SET NULL on a NOT NULL column is accepted when the foreign key is
 * made, and fails later, when a referenced row is deleted or its key updated: "null value in
 * column ... violates not-null constraint" (measured on PostgreSQL 15). A column is known NOT
 * NULL from this statement (NOT NULL, PRIMARY KEY) or from this run's CREATE TABLE, ADD COLUMN
 * and SET NOT NULL. PostgreSQL 15's ON DELETE SET NULL (cols) sets only the listed columns. */
#include "miglint/check.h"
#include "miglint/columns.h"

#include "docs/set_null_on_not_null_column.h"

#include <string.h>

static bool def_not_null(const ColumnDef *def)
{
	const ListCell *lc;
	foreach (lc, def->constraints) {
		const Constraint *con = lfirst(lc);
		if (IsA(con, Constraint) &&
		    (con->contype == CONSTR_NOTNULL || con->contype == CONSTR_PRIMARY))
			return true;
	}
	return false;
}

static bool in_names(const List *names, const char *name)
{
	const ListCell *lc;
	foreach (lc, names)
		if (strcmp(strVal(lfirst(lc)), name) == 0)
			return true;
	return false;
}

/* True when the column is NOT NULL by the statement's own definitions (elts: a CreateStmt's
 * ColumnDefs and table constraints, or an AlterTableStmt's commands, whose ADD COLUMN count)
 * or by what the run made. */
static bool not_null(const mg_check *c, const char *table, const List *elts, const char *column)
{
	const ListCell *lc;
	foreach (lc, elts) {
		const Node *n = lfirst(lc);
		if (IsA(n, AlterTableCmd)) {
			const AlterTableCmd *cmd = (const AlterTableCmd *)n;
			if (cmd->subtype != AT_AddColumn || !cmd->def)
				continue;
			n = cmd->def;
		}
		if (IsA(n, ColumnDef)) {
			const ColumnDef *def = (const ColumnDef *)n;
			if (def->colname && strcmp(def->colname, column) == 0 && def_not_null(def))
				return true;
		} else if (IsA(n, Constraint)) {
			const Constraint *con = (const Constraint *)n;
			if (con->contype == CONSTR_PRIMARY && in_names(con->keys, column))
				return true;
		}
	}
	return mg_column_not_null(c, table, column);
}

/* One foreign key: `own` is its column when it is a column constraint (fk_attrs is empty). */
static void foreign_key(mg_check *c, const RangeVar *table, const List *elts,
			const Constraint *con, const char *own)
{
	if (con->contype != CONSTR_FOREIGN)
		return;
	for (int pass = 0; pass < 2; pass++) {
		char action = pass == 0 ? con->fk_del_action : con->fk_upd_action;
		if (action != FKCONSTR_ACTION_SETNULL)
			continue;
		const List *set = pass == 0 && con->fk_del_set_cols ? con->fk_del_set_cols : NULL;
		const char *hit = NULL;
		if (own) {
			if ((!set || in_names(set, own)) &&
			    not_null(c, table->relname, elts, own))
				hit = own;
		} else {
			const ListCell *lc;
			foreach (lc, con->fk_attrs) {
				const char *col = strVal(lfirst(lc));
				if ((!set || in_names(set, col)) &&
				    not_null(c, table->relname, elts, col)) {
					hit = col;
					break;
				}
			}
		}
		if (!hit)
			continue;
		mg_finding *f = mg_report(c, con->location,
			"foreign key on table \"%s\" sets column \"%s\" to NULL ON %s, but the column is "
			"NOT NULL: %s a referenced row fails with \"null value in column violates "
			"not-null constraint\"", mg_rangevar_name(c, table), hit,
			pass == 0 ? "DELETE" : "UPDATE", pass == 0 ? "deleting" : "updating the key of");
		mg_help(f, "use ON %s CASCADE or RESTRICT, make \"%s\" nullable%s",
			pass == 0 ? "DELETE" : "UPDATE", hit,
			pass == 0 && !own && list_length(con->fk_attrs) > 1
				? ", or list only the nullable columns: ON DELETE SET NULL (col, ...) "
				  "(PostgreSQL 15+)"
				: "");
		return;
	}
}

static void constraints_of(mg_check *c, const RangeVar *table, const List *elts,
			   const ColumnDef *def)
{
	const ListCell *lc;
	foreach (lc, def->constraints) {
		const Constraint *con = lfirst(lc);
		if (IsA(con, Constraint))
			foreign_key(c, table, elts, con, def->colname);
	}
}

static void check(mg_check *c, const void *node)
{
	const ListCell *lc;
	if (IsA(node, CreateStmt)) {
		const CreateStmt *s = node;
		foreach (lc, s->tableElts) {
			const Node *n = lfirst(lc);
			if (IsA(n, ColumnDef))
				constraints_of(c, s->relation, s->tableElts, (const ColumnDef *)n);
			else if (IsA(n, Constraint))
				foreign_key(c, s->relation, s->tableElts, (const Constraint *)n, NULL);
		}
		return;
	}
	const AlterTableStmt *s = node;
	if (s->objtype != OBJECT_TABLE)
		return;
	foreach (lc, s->cmds) {
		const AlterTableCmd *cmd = lfirst(lc);
		if (!cmd->def)
			continue;
		if (cmd->subtype == AT_AddColumn && IsA(cmd->def, ColumnDef))
			constraints_of(c, s->relation, s->cmds, (const ColumnDef *)cmd->def);
		else if (cmd->subtype == AT_AddConstraint && IsA(cmd->def, Constraint))
			foreign_key(c, s->relation, s->cmds, (const Constraint *)cmd->def, NULL);
	}
}

const mg_rule mg_rule_set_null_on_not_null_column = {
	.code = "MG660",
	.name = "set-null-on-not-null-column",
	.severity = MG_SEV_ERROR,
	.summary = "a foreign key ON DELETE/UPDATE SET NULL on a NOT NULL column, which fails when it fires",
	.help = "use CASCADE or RESTRICT, or make the column nullable",
	.doc = doc,
	.kind = MG_RULE_STATEMENT,
	.kinds = (const int[]){T_CreateStmt, T_AlterTableStmt, 0},
	.check = check,
};
