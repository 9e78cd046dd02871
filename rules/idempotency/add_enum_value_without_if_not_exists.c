/* MG211: ALTER TYPE ... ADD VALUE without IF NOT EXISTS fails when the value exists. */
#include "miglint/check.h"

#include "docs/add_enum_value_without_if_not_exists.h"

static void check(mg_check *c, const void *node)
{
	const AlterEnumStmt *s = node;
	if (s->oldVal || s->skipIfNewValExists)
		return;
	const char *type = mg_name_last(s->typeName);
	int at = mg_locate(c, mg_locate(c, -1, "value"), mg_tmp(c, "'%s'", s->newVal));
	mg_finding *f = mg_report_unless_rerun_safe(c, MG_FAILS_IF_EXISTS,
		(mg_object){"enum value", type, s->newVal}, at,
		"value '%s' is added to enum type \"%s\" without IF NOT EXISTS; running this migration twice fails",
		s->newVal, mg_name_qualified(c, s->typeName));
	mg_help(f, "ADD VALUE IF NOT EXISTS '%s'", s->newVal);
	mg_fix_insert_before(c, f, at, "IF NOT EXISTS", true);
}

const mg_rule mg_rule_add_enum_value_without_if_not_exists = {
	.code = "MG211",
	.name = "add-enum-value-without-if-not-exists",
	.severity = MG_SEV_ERROR,
	.summary = "ALTER TYPE ... ADD VALUE without IF NOT EXISTS fails when the migration runs again",
	.help = "write ADD VALUE IF NOT EXISTS",
	.doc = doc,
	.kind = MG_RULE_STATEMENT,
	.kinds = (const int[]){T_AlterEnumStmt, 0},
	.check = check,
};
