/* MG404: CASCADE on a drop silently drops every dependent object too. */
#include "miglint/check.h"

#include "docs/drop_cascade.h"

static void flag(mg_check *c, const char *what)
{
	mg_finding *f = mg_report(c, mg_locate(c, -1, "cascade"),
		"CASCADE also drops every object that depends on %s (views, foreign keys, functions, ...)",
		what);
	mg_help(f, "drop the dependent objects explicitly, then drop without CASCADE (RESTRICT is the default)");
}

static void check(mg_check *c, const void *node)
{
	switch (nodeTag(node)) {
	case T_DropStmt: {
		const DropStmt *s = node;
		if (s->behavior != DROP_CASCADE)
			break;
		mg_object o;
		if (list_length(s->objects) > 0 &&
		    mg_object_of(c, s->removeType, linitial(s->objects), &o))
			flag(c, mg_tmp(c, "%s \"%s\"", mg_object_type_word(s->removeType),
				       mg_objects_label(o)));
		break;
	}
	case T_AlterTableStmt: {
		const AlterTableStmt *s = node;
		const ListCell *lc;
		foreach (lc, s->cmds) {
			const AlterTableCmd *cmd = lfirst(lc);
			if ((cmd->subtype == AT_DropColumn || cmd->subtype == AT_DropConstraint) &&
			    cmd->behavior == DROP_CASCADE)
				flag(c, mg_tmp(c, "%s \"%s\" of table \"%s\"",
					       cmd->subtype == AT_DropColumn ? "column" : "constraint",
					       cmd->name, mg_rangevar_name(c, s->relation)));
		}
		break;
	}
	case T_TruncateStmt: {
		const TruncateStmt *s = node;
		if (s->behavior == DROP_CASCADE)
			flag(c, "the truncated tables (every table with a foreign key to them is truncated too)");
		break;
	}
	default:
		break;
	}
}

const mg_rule mg_rule_drop_cascade = {
	.code = "MG404",
	.name = "drop-cascade",
	.severity = MG_SEV_WARNING,
	.summary = "CASCADE silently drops or empties every dependent object",
	.help = "drop dependent objects explicitly and drop without CASCADE",
	.doc = doc,
	.kind = MG_RULE_STATEMENT,
	.kinds = (const int[]){T_DropStmt, T_AlterTableStmt, T_TruncateStmt, 0},
	.check = check,
};
