/* MG651: char(n) pads every value with spaces to n characters and compares ignoring them; it
 * is never faster than text or varchar in PostgreSQL, only stranger. The grammar writes
 * char(n) and character(n) as pg_catalog.bpchar; the quoted one-byte "char" is a different
 * type and is not flagged. */
#include "miglint/check.h"
#include "miglint/columns.h"

#include "docs/char_type.h"

#include <string.h>

static void column(mg_check *c, const mg_new_column *col)
{
	const char *type = mg_type_builtin(col->type);
	if (!type || strcmp(type, "bpchar") != 0)
		return;
	mg_finding *f = mg_report(c, col->type->location,
		"column \"%s\" of table \"%s\" is %s char(n): values are padded with spaces to the "
		"full length, and the padding is ignored or kept depending on the operation",
		col->name, mg_rangevar_name(c, col->table), col->altered ? "changed to" : "declared");
	mg_help(f, "use text (with a CHECK on length(%s) if the limit matters) or varchar(n)",
		mg_quote_ident(c, col->name));
}

static void check(mg_check *c, const void *node)
{
	mg_columns_each(c, node, column);
}

const mg_rule mg_rule_char_type = {
	.code = "MG651",
	.name = "char-type",
	.severity = MG_SEV_WARNING,
	.summary = "a new column of type char(n), which pads values with spaces",
	.help = "use text or varchar(n)",
	.doc = doc,
	.kind = MG_RULE_STATEMENT,
	.kinds = (const int[]){T_CreateStmt, T_AlterTableStmt, 0},
	.check = check,
};
