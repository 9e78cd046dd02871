/* MG203: CREATE SCHEMA / SEQUENCE / EXTENSION / MATERIALIZED VIEW / SERVER / STATISTICS /
 * COLLATION / USER MAPPING without IF NOT EXISTS fails when the object exists. */
#include "miglint/check.h"

#include "docs/create_without_if_not_exists.h"

static void flag(mg_check *c, const char *ns, const char *kind, const char *name, int location,
		 const char *fix)
{
	int at = location >= 0 ? location : mg_locate(c, -1, name);
	mg_finding *f = mg_report_create(c, (mg_object){ns, NULL, name}, kind, name, at,
					 "without IF NOT EXISTS",
					 mg_tmp(c, "%s %s", fix, mg_quote_ident(c, name)));
	mg_fix_insert_before(c, f, at, "IF NOT EXISTS", true);
}

static void check(mg_check *c, const void *node)
{
	switch (nodeTag(node)) {
	case T_CreateSchemaStmt: {
		const CreateSchemaStmt *s = node;
		const char *name = s->schemaname ? s->schemaname
			: s->authrole && s->authrole->rolename ? s->authrole->rolename : NULL;
		if (!s->if_not_exists && name)
			flag(c, "schema", "schema", name, -1, "CREATE SCHEMA IF NOT EXISTS");
		break;
	}
	case T_CreateSeqStmt: {
		const CreateSeqStmt *s = node;
		if (!s->if_not_exists)
			flag(c, "relation", "sequence", s->sequence->relname, s->sequence->location,
			     "CREATE SEQUENCE IF NOT EXISTS");
		break;
	}
	case T_CreateExtensionStmt: {
		const CreateExtensionStmt *s = node;
		if (!s->if_not_exists)
			flag(c, "extension", "extension", s->extname, -1, "CREATE EXTENSION IF NOT EXISTS");
		break;
	}
	case T_CreateTableAsStmt: {
		const CreateTableAsStmt *s = node;
		if (!s->if_not_exists && s->objtype == OBJECT_MATVIEW)
			flag(c, "relation", "materialized view", s->into->rel->relname,
			     s->into->rel->location, "CREATE MATERIALIZED VIEW IF NOT EXISTS");
		break;
	}
	case T_CreateForeignServerStmt: {
		const CreateForeignServerStmt *s = node;
		if (!s->if_not_exists)
			flag(c, "server", "server", s->servername, -1, "CREATE SERVER IF NOT EXISTS");
		break;
	}
	case T_CreateStatsStmt: {
		const CreateStatsStmt *s = node;
		if (!s->if_not_exists && s->defnames)
			flag(c, "statistics", "statistics", mg_name_last(s->defnames), -1,
			     "CREATE STATISTICS IF NOT EXISTS");
		break;
	}
	case T_DefineStmt: {
		const DefineStmt *s = node;
		if (s->kind == OBJECT_COLLATION && !s->if_not_exists)
			flag(c, "collation", "collation", mg_name_last(s->defnames), -1,
			     "CREATE COLLATION IF NOT EXISTS");
		break;
	}
	default:
		break;
	}
}

const mg_rule mg_rule_create_without_if_not_exists = {
	.code = "MG203",
	.name = "create-without-if-not-exists",
	.severity = MG_SEV_ERROR,
	.summary = "CREATE SCHEMA, SEQUENCE, EXTENSION, MATERIALIZED VIEW, SERVER, STATISTICS or COLLATION without IF NOT EXISTS fails when the migration runs again",
	.help = "add IF NOT EXISTS",
	.doc = doc,
	.kind = MG_RULE_STATEMENT,
	.kinds = (const int[]){T_CreateSchemaStmt, T_CreateSeqStmt, T_CreateExtensionStmt,
			       T_CreateTableAsStmt, T_CreateForeignServerStmt, T_CreateStatsStmt,
			       T_DefineStmt, 0},
	.check = check,
};
