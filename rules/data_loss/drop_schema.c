/* MG406: DROP SCHEMA removes a namespace, and with CASCADE everything in it. Silent for a
 * schema this file created (nothing of anyone else's is in it yet), and in a down script for
 * the schema its up migration created (undoing it is the script's purpose). */
#include "miglint/check.h"

#include "docs/drop_schema.h"

static void check(mg_check *c, const void *node)
{
	const DropStmt *s = node;
	const ListCell *lc;
	if (s->removeType != OBJECT_SCHEMA)
		return;
	foreach (lc, s->objects) {
		mg_object obj;
		const Node *o = lfirst(lc);
		if (!IsA(o, String) || (mg_object_of(c, OBJECT_SCHEMA, o, &obj) &&
					(mg_created_in_file(c, obj) || mg_made_by_up_migration(c, obj))))
			continue;
		mg_finding *f = mg_report(c, mg_locate(c, -1, strVal(o)),
			"DROP SCHEMA \"%s\" removes the schema%s", strVal(o),
			s->behavior == DROP_CASCADE ? " and every table, view and function in it"
						    : "; the code still using it breaks");
		mg_help(f, "stop using the schema first, then drop it in a later migration");
	}
}

const mg_rule mg_rule_drop_schema = {
	.code = "MG406",
	.name = "drop-schema",
	.severity = MG_SEV_WARNING,
	.summary = "DROP SCHEMA removes a schema and, with CASCADE, everything in it",
	.help = "stop using the schema first, then drop it in a later migration",
	.doc = doc,
	.kind = MG_RULE_STATEMENT,
	.kinds = (const int[]){T_DropStmt, 0},
	.check = check,
};
