/* MG208: a rename (RENAME TO, RENAME COLUMN, RENAME CONSTRAINT, RENAME VALUE, SET SCHEMA) fails
 * the second time: the old name is gone. */
#include "miglint/check.h"

#include "docs/rename_without_guard.h"

static bool relation_kind(ObjectType t)
{
	return t == OBJECT_TABLE || t == OBJECT_VIEW || t == OBJECT_INDEX || t == OBJECT_SEQUENCE ||
	       t == OBJECT_MATVIEW || t == OBJECT_FOREIGN_TABLE;
}

/* A rename fails when the old name is gone or the new one is taken. */
static void flag_at(mg_check *c, mg_object obj, const char *what, const char *newname, int at)
{
	mg_finding *f = mg_report_unless_rerun_safe(c, MG_FAILS_IF_MISSING, obj, at,
		"%s is renamed to \"%s\" with no guard; running this migration twice fails because \"%s\" no longer exists",
		what, newname, mg_objects_label(obj));
	/* an overload keeps its signature under its new name */
	mg_also_fails_when(c, MG_FAILS_IF_EXISTS, mg_objects_overload(obj)
		? (mg_object){obj.ns, newname, obj.name} : (mg_object){obj.ns, obj.parent, newname});
	mg_help(f, "rename in a DO block that first checks the old name exists (information_schema or pg_catalog)");
}

static void flag(mg_check *c, mg_object obj, const char *what, const char *newname)
{
	flag_at(c, obj, what, newname, mg_locate(c, -1, mg_objects_label(obj)));
}

static void check_rename(mg_check *c, const RenameStmt *s)
{
	ObjectType t = s->renameType;
	const char *word = mg_object_type_word(t);
	if (relation_kind(t)) {
		mg_object old = {"relation", NULL, s->relation->relname};
		mg_object taken = {"relation", NULL, s->newname};
		if (s->missing_ok) {
			/* ALTER TABLE IF EXISTS old RENAME TO new is a no-op once old is gone, but
			 * fails if something re-created old while new exists. */
			mg_finding *f = mg_report_unless_rerun_safe(c, MG_FAILS_IF_EXISTS, taken,
				s->relation->location,
				"%s \"%s\" is renamed to \"%s\", which a second run finds already taken (an earlier statement re-creates \"%s\")",
				word, mg_rangevar_name(c, s->relation), s->newname, s->relation->relname);
			mg_fails_only_if_exists(c, old);
			mg_help(f, "do not re-create \"%s\" before renaming it; guard the CREATE instead", s->relation->relname);
			return;
		}
		mg_finding *f = mg_report_unless_rerun_safe(c, MG_FAILS_IF_MISSING, old, s->relation->location,
			"%s \"%s\" is renamed to \"%s\" without IF EXISTS; running this migration twice fails",
			word, mg_rangevar_name(c, s->relation), s->newname);
		mg_also_fails_when(c, MG_FAILS_IF_EXISTS, taken);
		mg_help(f, "ALTER %s IF EXISTS %s RENAME TO %s", t == OBJECT_MATVIEW ? "MATERIALIZED VIEW"
			: t == OBJECT_FOREIGN_TABLE ? "FOREIGN TABLE" : t == OBJECT_INDEX ? "INDEX"
			: t == OBJECT_SEQUENCE ? "SEQUENCE" : t == OBJECT_VIEW ? "VIEW" : "TABLE",
			mg_rangevar_sql(c, s->relation), mg_quote_ident(c, s->newname));
		return;
	}
	if (s->relation && s->subname) {
		const char *ns = t == OBJECT_COLUMN || t == OBJECT_ATTRIBUTE ? "column"
				 : t == OBJECT_TABCONSTRAINT ? "constraint" : word;
		flag(c, (mg_object){ns, s->relation->relname, s->subname},
		     mg_tmp(c, "%s \"%s\" of %s \"%s\"", t == OBJECT_ATTRIBUTE ? "attribute" : word,
			    s->subname, t == OBJECT_ATTRIBUTE ? "type" : "table",
			    mg_rangevar_name(c, s->relation)), s->newname);
		return;
	}
	if (t == OBJECT_SCHEMA || (!s->object && s->subname)) {
		/* schemas, roles, databases, tablespaces: named by a bare name in subname */
		const char *ns = t == OBJECT_SCHEMA ? "schema" : word;
		flag(c, (mg_object){ns, NULL, s->subname}, mg_tmp(c, "%s \"%s\"", word, s->subname),
		     s->newname);
		return;
	}
	mg_object o;
	if (mg_object_of(c, t, s->object, &o))
		flag(c, o, mg_tmp(c, "%s \"%s\"", word, mg_objects_label(o)), s->newname);
}

static void check(mg_check *c, const void *node)
{
	switch (nodeTag(node)) {
	case T_RenameStmt:
		check_rename(c, node);
		break;
	case T_AlterEnumStmt: {
		const AlterEnumStmt *s = node;
		if (s->oldVal)
			flag_at(c, (mg_object){"enum value", mg_name_last(s->typeName), s->oldVal},
				mg_tmp(c, "value '%s' of type \"%s\"", s->oldVal, mg_name_qualified(c, s->typeName)),
				s->newVal, mg_locate(c, -1, mg_tmp(c, "'%s'", s->oldVal)));
		break;
	}
	case T_AlterObjectSchemaStmt: {
		const AlterObjectSchemaStmt *s = node;
		if (s->missing_ok)
			break;
		const char *name = s->relation ? mg_rangevar_name(c, s->relation) : "?";
		mg_object o;
		if (!s->relation && mg_object_of(c, s->objectType, s->object, &o))
			name = mg_objects_label(o);
		mg_finding *f = mg_report(c, s->relation ? s->relation->location : mg_locate(c, -1, name),
			"%s \"%s\" is moved to schema \"%s\" with no guard; running this migration twice fails",
			mg_object_type_word(s->objectType), name, s->newschema);
		mg_help(f, "use ALTER ... IF EXISTS ... SET SCHEMA where the statement has it, or a DO block that checks the old schema");
		break;
	}
	default:
		break;
	}
}

const mg_rule mg_rule_rename_without_guard = {
	.code = "MG208",
	.name = "rename-without-guard",
	.severity = MG_SEV_ERROR,
	.summary = "a rename or SET SCHEMA fails when the migration runs again, because the old name is gone",
	.help = "use ALTER ... IF EXISTS ... RENAME TO, or a DO block that checks the old name",
	.doc = doc,
	.kind = MG_RULE_STATEMENT,
	.kinds = (const int[]){T_RenameStmt, T_AlterEnumStmt, T_AlterObjectSchemaStmt, 0},
	.check = check,
};
