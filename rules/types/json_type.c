/* MG655: json keeps the text as written and parses it again on every access; it has no
 * equality operator (so no DISTINCT, GROUP BY or UNIQUE on it) and no GIN index. jsonb is
 * what PostgreSQL recommends unless key order or duplicate keys must be kept. */
#include "miglint/check.h"
#include "miglint/columns.h"

#include "docs/json_type.h"

#include <string.h>

static void column(mg_check *c, const mg_new_column *col)
{
	const char *type = mg_type_builtin(col->type);
	if (!type || strcmp(type, "json") != 0)
		return;
	mg_finding *f = mg_report(c, col->type->location,
		"column \"%s\" of table \"%s\" is %s json: it is parsed again on every access and has "
		"no equality operator or GIN index", col->name, mg_rangevar_name(c, col->table),
		col->altered ? "changed to" : "declared");
	mg_help(f, "use jsonb, unless the exact text (key order, duplicate keys) must be kept");
}

static void check(mg_check *c, const void *node)
{
	mg_columns_each(c, node, column);
}

const mg_rule mg_rule_json_type = {
	.code = "MG655",
	.name = "json-type",
	.severity = MG_SEV_WARNING,
	.summary = "a new column of type json, where jsonb is indexable and comparable",
	.help = "use jsonb",
	.doc = doc,
	.kind = MG_RULE_STATEMENT,
	.kinds = (const int[]){T_CreateStmt, T_AlterTableStmt, 0},
	.check = check,
};
