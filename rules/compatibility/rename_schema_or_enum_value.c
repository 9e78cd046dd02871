/* MG603: ALTER SCHEMA ... RENAME TO and ALTER TYPE ... RENAME VALUE are instant, but the
 * running application still writes the old schema name or the old enum label: its queries
 * fail (relation does not exist; invalid input value for enum) until the new release is out.
 * Info: both are rarer and more often planned than a column rename. Silent for a schema, type
 * or value this file created, and in a down script for the name its up migration made. */
#include "miglint/check.h"

#include "docs/rename_schema_or_enum_value.h"

static void schema_renamed(mg_check *c, const RenameStmt *s)
{
	if (s->renameType != OBJECT_SCHEMA || !s->subname || !s->newname)
		return;
	mg_object schema = {.ns = "schema", .name = s->subname};
	if (mg_made_in_file(c, schema) || mg_made_by_up_migration(c, schema))
		return;
	mg_finding *f = mg_report(c, mg_locate(c, -1, s->subname),
		"renaming schema \"%s\" to \"%s\" breaks the running application's queries that "
		"name it", s->subname, s->newname);
	mg_help(f, "create the new schema and move its objects over a release with views or "
		"search_path covering both names, or keep the old name");
}

static void value_renamed(mg_check *c, const AlterEnumStmt *s)
{
	const char *type = mg_name_last(s->typeName);
	if (!s->oldVal || !s->newVal || !type)
		return;
	mg_object value = {.ns = "enum value", .parent = type, .name = s->oldVal};
	if (mg_made_in_file(c, (mg_object){.ns = "type", .name = type}) ||
	    mg_made_in_file(c, value) || mg_made_by_up_migration(c, value))
		return;
	mg_finding *f = mg_report(c, mg_locate(c, -1, "rename"),
		"renaming value '%s' of enum \"%s\" to '%s' breaks the running application's "
		"writes and comparisons of the old value%s", s->oldVal,
		mg_name_qualified(c, s->typeName), s->newVal,
		mg_pg_version(c) < 10 ? ", and PostgreSQL before 10 has no RENAME VALUE" : "");
	mg_help(f, "add the new value (ADD VALUE), move the rows to it, release code that uses "
		"it, and stop using the old one");
}

static void check(mg_check *c, const void *node)
{
	if (IsA(node, RenameStmt))
		schema_renamed(c, node);
	else
		value_renamed(c, node);
}

const mg_rule mg_rule_rename_schema_or_enum_value = {
	.code = "MG603",
	.name = "rename-schema-or-enum-value",
	.severity = MG_SEV_INFO,
	.summary = "renaming a schema or an enum value breaks the queries of the running application",
	.help = "add the new name alongside the old, move the data, stop using the old one",
	.doc = doc,
	.kind = MG_RULE_STATEMENT,
	.kinds = (const int[]){T_RenameStmt, T_AlterEnumStmt, 0},
	.check = check,
};
