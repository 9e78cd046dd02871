/* MG658 (off by default, an opinion): an enum's values sort in the order they were declared,
 * and ADD VALUE without BEFORE or AFTER puts the new one last, which ORDER BY and < then
 * follow. Naming the neighbour says where it sorts on purpose. */
#include "miglint/check.h"

#include "docs/enum_value_position.h"

static void check(mg_check *c, const void *node)
{
	const AlterEnumStmt *s = node;
	if (!s->newVal || s->oldVal || s->newValNeighbor)
		return;
	mg_finding *f = mg_report(c, mg_locate(c, -1, "value"),
		"value '%s' is added to enum type \"%s\" without BEFORE or AFTER: it sorts after "
		"every other value", s->newVal, mg_name_qualified(c, s->typeName));
	mg_help(f, "say where it sorts: ADD VALUE '%s' BEFORE '<value>' (or AFTER)", s->newVal);
}

const mg_rule mg_rule_enum_value_position = {
	.code = "MG658",
	.name = "enum-value-position",
	.severity = MG_SEV_INFO,
	.summary = "ALTER TYPE ... ADD VALUE without BEFORE or AFTER puts the value last in the sort order",
	.help = "write ADD VALUE ... BEFORE or AFTER an existing value",
	.doc = doc,
	.kind = MG_RULE_STATEMENT,
	.flags = MG_RULE_OFF_BY_DEFAULT,
	.kinds = (const int[]){T_AlterEnumStmt, 0},
	.check = check,
};
