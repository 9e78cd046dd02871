/* MG654: timestamp (without time zone) stores a wall-clock reading with no zone: the same
 * value means different instants to sessions with different TimeZone settings, and now()
 * stored into it is converted with the session's zone. timestamptz stores an instant. */
#include "miglint/check.h"
#include "miglint/columns.h"

#include "docs/timestamp_without_time_zone.h"

#include <string.h>

static void column(mg_check *c, const mg_new_column *col)
{
	const char *type = mg_type_builtin(col->type);
	if (!type || strcmp(type, "timestamp") != 0)
		return;
	mg_finding *f = mg_report(c, col->type->location,
		"column \"%s\" of table \"%s\" is %s timestamp without time zone: it stores a "
		"wall-clock time whose meaning depends on each session's TimeZone",
		col->name, mg_rangevar_name(c, col->table), col->altered ? "changed to" : "declared");
	mg_help(f, "use timestamptz (timestamp with time zone), which stores an instant");
}

static void check(mg_check *c, const void *node)
{
	mg_columns_each(c, node, column);
}

const mg_rule mg_rule_timestamp_without_time_zone = {
	.code = "MG654",
	.name = "timestamp-without-time-zone",
	.severity = MG_SEV_WARNING,
	.summary = "a new column of type timestamp without time zone",
	.help = "use timestamptz",
	.doc = doc,
	.kind = MG_RULE_STATEMENT,
	.kinds = (const int[]){T_CreateStmt, T_AlterTableStmt, 0},
	.check = check,
};
