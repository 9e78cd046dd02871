/* MG604: ADD COLUMN ... NOT NULL with nothing to fill the rows already there (no DEFAULT, no
 * identity, not generated, not serial): PostgreSQL refuses it as soon as the table has a row
 * (ERROR: column "x" of relation "t" contains null values, measured on 15), and an INSERT of
 * the running application, which does not name the column, fails once it is added. */
#include "miglint/check.h"
#include "miglint/locks.h"

#include <string.h>

#include "docs/add_required_column.h"

static bool serial_type(const TypeName *t)
{
	static const char *const serials[] = {"serial", "serial2", "serial4", "serial8",
					      "smallserial", "bigserial", NULL};
	const char *name = t ? mg_name_last(t->names) : NULL;
	for (size_t i = 0; name && serials[i]; i++)
		if (strcmp(name, serials[i]) == 0)
			return true;
	return false;
}

static void check(mg_check *c, const void *node)
{
	const AlterTableStmt *s = node;
	const ListCell *lc, *k;
	if (!mg_pre_existing(c, s->relation))
		return;
	foreach (lc, s->cmds) {
		const AlterTableCmd *cmd = lfirst(lc);
		if (cmd->subtype != AT_AddColumn || !cmd->def || !IsA(cmd->def, ColumnDef))
			continue;
		const ColumnDef *col = (const ColumnDef *)cmd->def;
		bool not_null = col->is_not_null, filled = col->raw_default || serial_type(col->typeName);
		foreach (k, col->constraints) {
			ConstrType t = ((const Constraint *)lfirst(k))->contype;
			not_null = not_null || t == CONSTR_NOTNULL || t == CONSTR_PRIMARY;
			filled = filled || t == CONSTR_DEFAULT || t == CONSTR_IDENTITY || t == CONSTR_GENERATED;
		}
		if (!not_null || filled)
			continue;
		mg_finding *f = mg_report(c, mg_locate(c, -1, col->colname),
			"column \"%s\" is added to table \"%s\" as NOT NULL with no DEFAULT: PostgreSQL "
			"refuses it once the table has a row, and the application's INSERTs that do not "
			"name it fail", col->colname, mg_rangevar_name(c, s->relation));
		mg_help(f, "give it a constant DEFAULT (no rewrite on PostgreSQL 11+), or add it "
			"nullable, backfill, then SET NOT NULL");
	}
}

const mg_rule mg_rule_add_required_column = {
	.code = "MG604",
	.name = "add-required-column",
	.severity = MG_SEV_ERROR,
	.summary = "ADD COLUMN ... NOT NULL without a DEFAULT on an existing table",
	.help = "give the column a constant DEFAULT, or add it nullable and backfill",
	.doc = doc,
	.kind = MG_RULE_STATEMENT,
	.kinds = (const int[]){T_AlterTableStmt, 0},
	.check = check,
};
