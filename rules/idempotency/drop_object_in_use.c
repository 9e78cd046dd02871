/* MG215: DROP (without CASCADE) of a type, domain, table, view, function or schema that objects
 * created later in the same file depend on (a trigger calls the function, a table lives in the
 * schema): on a second run they exist, and PostgreSQL
 * refuses the drop. The classic case is DROP TYPE IF EXISTS t; CREATE TYPE t; followed by a
 * table or function that uses t. */
#include "miglint/check.h"

#include "docs/drop_object_in_use.h"

static bool tracked(ObjectType t)
{
	return t == OBJECT_TYPE || t == OBJECT_DOMAIN || t == OBJECT_TABLE || t == OBJECT_VIEW ||
	       t == OBJECT_MATVIEW || t == OBJECT_FUNCTION || t == OBJECT_SCHEMA;
}

static void check(mg_check *c, const void *node)
{
	const DropStmt *s = node;
	if (s->behavior == DROP_CASCADE || !tracked(s->removeType))
		return;
	const char *word = mg_object_type_word(s->removeType);
	const ListCell *lc;
	foreach (lc, s->objects) {
		mg_object o;
		if (!mg_object_of(c, s->removeType, lfirst(lc), &o))
			continue;
		const char *label = mg_objects_label(o);
		mg_finding *f = mg_report_unless_rerun_safe(c, MG_FAILS_IF_IN_USE, o,
			mg_locate(c, -1, label),
			"%s \"%s\" is dropped while objects this file creates depend on it; on a second run PostgreSQL refuses the drop",
			word, label);
		mg_fails_only_if_exists(c, o);
		mg_help(f, "drop the dependent objects first (or guard the CREATE of %s instead of dropping it)",
			mg_quote_ident(c, label));
	}
}

const mg_rule mg_rule_drop_object_in_use = {
	.code = "MG215",
	.name = "drop-object-in-use",
	.severity = MG_SEV_ERROR,
	.summary = "DROP of a type, table or view that objects created later in the file use fails when the migration runs again",
	.help = "drop the dependent objects first, or guard the CREATE instead of dropping",
	.doc = doc,
	.kind = MG_RULE_STATEMENT,
	.kinds = (const int[]){T_DropStmt, 0},
	.check = check,
};
