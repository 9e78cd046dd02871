/* MG656 (off by default, an opinion): varchar(n) is text with a length check that can only be
 * changed by ALTER COLUMN TYPE. Widening it does not rewrite the table (measured on
 * PostgreSQL 15), but it takes ACCESS EXCLUSIVE; a CHECK on length() can be swapped NOT VALID. */
#include "miglint/check.h"
#include "miglint/columns.h"

#include "docs/varchar_limit.h"

#include <string.h>

static void column(mg_check *c, const mg_new_column *col)
{
	const char *type = mg_type_builtin(col->type);
	if (!type || strcmp(type, "varchar") != 0 || !col->type->typmods)
		return;
	mg_finding *f = mg_report(c, col->type->location,
		"column \"%s\" of table \"%s\" is varchar with a length limit: changing the limit "
		"later takes an ACCESS EXCLUSIVE lock", col->name, mg_rangevar_name(c, col->table));
	mg_help(f, "use text, with CHECK (length(%s) <= n) if the limit matters",
		mg_quote_ident(c, col->name));
}

static void check(mg_check *c, const void *node)
{
	mg_columns_each(c, node, column);
}

const mg_rule mg_rule_varchar_limit = {
	.code = "MG656",
	.name = "varchar-limit",
	.severity = MG_SEV_INFO,
	.summary = "a new varchar(n) column, whose limit can only change with ALTER COLUMN TYPE",
	.help = "use text with a CHECK on length()",
	.doc = doc,
	.kind = MG_RULE_STATEMENT,
	.flags = MG_RULE_OFF_BY_DEFAULT,
	.kinds = (const int[]){T_CreateStmt, T_AlterTableStmt, 0},
	.check = check,
};
