/* MG204: CREATE VIEW / FUNCTION / PROCEDURE / TRIGGER / RULE / AGGREGATE / LANGUAGE /
 * TRANSFORM without OR REPLACE fails when the object exists. */
#include "miglint/check.h"

#include "docs/create_without_or_replace.h"

/* or_replace: the statement has an OR REPLACE form, so the fix can write it. */
static void flag(mg_check *c, mg_object obj, const char *kind, const char *display, int location,
		 const char *fix, bool or_replace)
{
	mg_finding *f = mg_report_create(c, obj, kind, display, location, "without OR REPLACE", fix);
	if (or_replace)
		mg_fix_insert_after(c, f, mg_statement_location(c), "OR REPLACE", true);
}

static void check_trigger(mg_check *c, const CreateTrigStmt *s)
{
	const char *table = mg_rangevar_name(c, s->relation);
	mg_object obj = {"trigger", s->relation->relname, s->trigname};
	const char *display = mg_tmp(c, "%s\" on table \"%s", s->trigname, table);
	if (s->isconstraint) {
		/* CREATE CONSTRAINT TRIGGER has no OR REPLACE form. */
		flag(c, obj, "constraint trigger", display, -1,
		     mg_tmp(c, "DROP TRIGGER IF EXISTS %s ON %s; before CREATE CONSTRAINT TRIGGER",
			    mg_quote_ident(c, s->trigname), mg_rangevar_sql(c, s->relation)),
		     false);
		return;
	}
	const char *drop_first = mg_tmp(c, "DROP TRIGGER IF EXISTS %s ON %s; first",
					mg_quote_ident(c, s->trigname), mg_rangevar_sql(c, s->relation));
	/* CREATE OR REPLACE TRIGGER exists from PostgreSQL 14 on */
	flag(c, obj, "trigger", display, -1,
	     mg_pg_version(c) >= 14
		     ? mg_tmp(c, "CREATE OR REPLACE TRIGGER %s, or %s", mg_quote_ident(c, s->trigname), drop_first)
		     : drop_first,
	     mg_pg_version(c) >= 14);
}

static void check(mg_check *c, const void *node)
{
	switch (nodeTag(node)) {
	case T_ViewStmt: {
		const ViewStmt *s = node;
		if (!s->replace)
			flag(c, (mg_object){"relation", NULL, s->view->relname}, "view",
			     mg_rangevar_name(c, s->view), s->view->location,
			     mg_tmp(c, "CREATE OR REPLACE VIEW %s", mg_rangevar_sql(c, s->view)), true);
		break;
	}
	case T_CreateFunctionStmt: {
		const CreateFunctionStmt *s = node;
		const char *kind = s->is_procedure ? "procedure" : "function";
		/* only an overload of the same input argument types is in the way: a drop of
		 * f(int) does not guard a create of f(text) */
		char sig[MG_OBJECT_PAIR_MAX];
		mg_object o;
		mg_objects_routine(&o, sig, s);
		if (!s->replace)
			flag(c, o, kind, mg_name_qualified(c, s->funcname),
			     mg_locate(c, -1, mg_name_last(s->funcname)),
			     mg_tmp(c, "CREATE OR REPLACE %s %s", s->is_procedure ? "PROCEDURE" : "FUNCTION",
				    mg_name_qualified(c, s->funcname)), true);
		break;
	}
	case T_CreateTrigStmt: {
		const CreateTrigStmt *s = node;
		if (!s->replace)
			check_trigger(c, s);
		break;
	}
	case T_RuleStmt: {
		const RuleStmt *s = node;
		if (!s->replace)
			flag(c, (mg_object){"rule", s->relation->relname, s->rulename}, "rule",
			     mg_tmp(c, "%s\" on table \"%s", s->rulename, mg_rangevar_name(c, s->relation)),
			     -1, mg_tmp(c, "CREATE OR REPLACE RULE %s", mg_quote_ident(c, s->rulename)), true);
		break;
	}
	case T_DefineStmt: {
		const DefineStmt *s = node;
		if (s->kind == OBJECT_AGGREGATE && !s->replace)
			flag(c, (mg_object){"function", NULL, mg_name_last(s->defnames)}, "aggregate",
			     mg_name_qualified(c, s->defnames), -1,
			     mg_tmp(c, "CREATE OR REPLACE AGGREGATE %s", mg_name_qualified(c, s->defnames)), true);
		break;
	}
	case T_CreatePLangStmt: {
		const CreatePLangStmt *s = node;
		if (!s->replace)
			flag(c, (mg_object){"language", NULL, s->plname}, "language", s->plname, -1,
			     mg_tmp(c, "CREATE OR REPLACE LANGUAGE %s", mg_quote_ident(c, s->plname)), true);
		break;
	}
	case T_CreateTransformStmt: {
		const CreateTransformStmt *s = node;
		if (!s->replace)
			flag(c, (mg_object){"transform", NULL,
				 mg_tmp(c, "%s -> %s", mg_name_last(s->type_name->names), s->lang)},
			     "transform", mg_tmp(c, "for %s language %s", mg_name_last(s->type_name->names), s->lang),
			     -1, "CREATE OR REPLACE TRANSFORM", true);
		break;
	}
	default:
		break;
	}
}

const mg_rule mg_rule_create_without_or_replace = {
	.code = "MG204",
	.name = "create-without-or-replace",
	.severity = MG_SEV_ERROR,
	.summary = "CREATE VIEW, FUNCTION, PROCEDURE, TRIGGER, RULE or AGGREGATE without OR REPLACE fails when the migration runs again",
	.help = "write CREATE OR REPLACE",
	.doc = doc,
	.kind = MG_RULE_STATEMENT,
	.kinds = (const int[]){T_ViewStmt, T_CreateFunctionStmt, T_CreateTrigStmt, T_RuleStmt,
			       T_DefineStmt, T_CreatePLangStmt, T_CreateTransformStmt, 0},
	.check = check,
};
