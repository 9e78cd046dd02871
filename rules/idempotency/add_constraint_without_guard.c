/* MG207: ALTER TABLE ... ADD CONSTRAINT / ADD PRIMARY KEY has no IF NOT EXISTS: a named
 * constraint fails when it exists; an unnamed one is added again, as a duplicate. */
#include "miglint/check.h"

#include "docs/add_constraint_without_guard.h"

static const char *contype_word(ConstrType t)
{
	switch (t) {
	case CONSTR_PRIMARY: return "primary key";
	case CONSTR_UNIQUE: return "unique constraint";
	case CONSTR_CHECK: return "check constraint";
	case CONSTR_FOREIGN: return "foreign key";
	case CONSTR_EXCLUSION: return "exclusion constraint";
	default: return "constraint";
	}
}

static void check_cmd(mg_check *c, const AlterTableStmt *stmt, const Constraint *con)
{
	const char *table = mg_rangevar_name(c, stmt->relation);
	const char *rel = stmt->relation->relname;
	if (con->conname) {
		mg_finding *f = mg_report_unless_rerun_safe(c, MG_FAILS_IF_EXISTS,
			(mg_object){"constraint", rel, con->conname}, mg_locate(c, con->location, con->conname),
			"%s \"%s\" is added to table \"%s\" with no guard; running this migration twice fails",
			contype_word(con->contype), con->conname, table);
		mg_help(f, "ALTER TABLE %s DROP CONSTRAINT IF EXISTS %s; before ADD CONSTRAINT",
			mg_rangevar_sql(c, stmt->relation), mg_quote_ident(c, con->conname));
		return;
	}
	if (con->contype == CONSTR_PRIMARY) {
		mg_finding *f = mg_report_unless_rerun_safe(c, MG_FAILS_IF_EXISTS,
			(mg_object){"primary key", rel, ""}, con->location,
			"primary key is added to table \"%s\" with no guard; running this migration twice fails",
			table);
		mg_help(f, "name it (ADD CONSTRAINT %s_pkey PRIMARY KEY ...) and drop it with IF EXISTS first",
			rel);
		return;
	}
	mg_finding *f = mg_report(c, con->location,
		"unnamed %s is added to table \"%s\" again on every run, as a duplicate",
		contype_word(con->contype), table);
	mg_help(f, "name it (ADD CONSTRAINT <name> ...) and drop it with IF EXISTS first");
}

static void check(mg_check *c, const void *node)
{
	const AlterTableStmt *stmt = node;
	const ListCell *lc;
	foreach (lc, stmt->cmds) {
		const AlterTableCmd *cmd = lfirst(lc);
		if ((cmd->subtype == AT_AddConstraint || cmd->subtype == AT_AddIndexConstraint) &&
		    cmd->def && IsA(cmd->def, Constraint))
			check_cmd(c, stmt, (const Constraint *)cmd->def);
	}
}

const mg_rule mg_rule_add_constraint_without_guard = {
	.code = "MG207",
	.name = "add-constraint-without-guard",
	.severity = MG_SEV_ERROR,
	.summary = "ADD CONSTRAINT or ADD PRIMARY KEY (no IF NOT EXISTS form) fails or duplicates the constraint when the migration runs again",
	.help = "drop the constraint with IF EXISTS before adding it",
	.doc = doc,
	.kind = MG_RULE_STATEMENT,
	.kinds = (const int[]){T_AlterTableStmt, 0},
	.check = check,
};
