/* MG201: CREATE TABLE (and CREATE TABLE AS, CREATE FOREIGN TABLE) without IF NOT EXISTS fails
 * when the table exists. */
#include "miglint/check.h"

#include "docs/create_table_without_if_not_exists.h"

static void flag(mg_check *c, const RangeVar *rv, const char *kind, const char *fix,
		 bool fixable)
{
	mg_object obj = {"relation", NULL, rv->relname};
	mg_finding *f = mg_report_unless_rerun_safe(c, MG_FAILS_IF_EXISTS, obj, rv->location,
		"%s \"%s\" is created without IF NOT EXISTS; running this migration twice fails",
		kind, mg_rangevar_name(c, rv));
	mg_help(f, "%s %s", fix, mg_rangevar_sql(c, rv));
	if (fixable)
		mg_fix_insert_before(c, f, rv->location, "IF NOT EXISTS", true);
}

static void check(mg_check *c, const void *node)
{
	switch (nodeTag(node)) {
	case T_CreateStmt: {
		const CreateStmt *s = node;
		if (!s->if_not_exists)
			flag(c, s->relation, "table", "CREATE TABLE IF NOT EXISTS", true);
		break;
	}
	case T_CreateForeignTableStmt: {
		const CreateForeignTableStmt *s = node;
		if (!s->base.if_not_exists)
			flag(c, s->base.relation, "foreign table", "CREATE FOREIGN TABLE IF NOT EXISTS", true);
		break;
	}
	case T_CreateTableAsStmt: {
		const CreateTableAsStmt *s = node;
		if (!s->if_not_exists && s->objtype == OBJECT_TABLE)
			flag(c, s->into->rel, "table", "CREATE TABLE IF NOT EXISTS", true);
		break;
	}
	case T_SelectStmt: {
		/* SELECT ... INTO new_table creates the table, with no IF NOT EXISTS form */
		const SelectStmt *s = node;
		if (s->intoClause)
			flag(c, s->intoClause->rel, "table", "CREATE TABLE IF NOT EXISTS ... AS SELECT, instead of SELECT ... INTO", false);
		break;
	}
	default:
		break;
	}
}

const mg_rule mg_rule_create_table_without_if_not_exists = {
	.code = "MG201",
	.name = "create-table-without-if-not-exists",
	.severity = MG_SEV_ERROR,
	.summary = "CREATE TABLE without IF NOT EXISTS fails when the migration runs again",
	.help = "write CREATE TABLE IF NOT EXISTS",
	.doc = doc,
	.kind = MG_RULE_STATEMENT,
	.kinds = (const int[]){T_CreateStmt, T_CreateForeignTableStmt, T_CreateTableAsStmt, T_SelectStmt, 0},
	.check = check,
};
