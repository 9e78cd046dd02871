/* MG202: CREATE INDEX without IF NOT EXISTS fails when the index exists; an unnamed index is
 * created again, as a duplicate, on every run. */
#include "miglint/check.h"

#include "docs/create_index_without_if_not_exists.h"

static void check(mg_check *c, const void *node)
{
	const IndexStmt *s = node;
	if (s->if_not_exists)
		return;
	const char *table = mg_rangevar_name(c, s->relation);
	if (!s->idxname) {
		mg_finding *f = mg_report(c, mg_locate(c, -1, "index"),
			"unnamed index on table \"%s\" is created again on every run, as a duplicate index",
			table);
		mg_help(f, "name the index and write CREATE INDEX IF NOT EXISTS <name> ON %s",
			mg_rangevar_sql(c, s->relation));
		return;
	}
	mg_object obj = {"relation", NULL, s->idxname};
	int at = mg_locate(c, -1, s->idxname);
	mg_finding *f = mg_report_unless_rerun_safe(c, MG_FAILS_IF_EXISTS, obj, at,
		"index \"%s\" on table \"%s\" is created without IF NOT EXISTS; running this migration twice fails",
		s->idxname, table);
	mg_help(f, "CREATE %sINDEX %sIF NOT EXISTS %s", s->unique ? "UNIQUE " : "",
		s->concurrent ? "CONCURRENTLY " : "", mg_quote_ident(c, s->idxname));
	mg_fix_insert_before(c, f, at, "IF NOT EXISTS", true);
}

const mg_rule mg_rule_create_index_without_if_not_exists = {
	.code = "MG202",
	.name = "create-index-without-if-not-exists",
	.severity = MG_SEV_ERROR,
	.summary = "CREATE INDEX without IF NOT EXISTS fails (or duplicates an unnamed index) when the migration runs again",
	.help = "name the index and write CREATE INDEX IF NOT EXISTS",
	.doc = doc,
	.kind = MG_RULE_STATEMENT,
	.kinds = (const int[]){T_IndexStmt, 0},
	.check = check,
};
