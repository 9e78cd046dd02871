/* MG212: DROP <anything> without IF EXISTS fails when the object is already gone. */
#include "miglint/check.h"

#include "docs/drop_without_if_exists.h"

#include <ctype.h>
#include <string.h>

static const char *upper(mg_check *c, const char *word)
{
	char *s = (char *)mg_tmp(c, "%s", word);
	for (char *p = s; *p; p++)
		*p = (char)toupper((unsigned char)*p);
	return s;
}

static const char *display_name(mg_check *c, ObjectType t, const Node *obj, mg_object o)
{
	if (IsA(obj, List) && t != OBJECT_CAST && t != OBJECT_TRANSFORM && !o.parent)
		return mg_name_qualified(c, (const List *)obj);
	if (mg_objects_overload(o))
		return o.parent;
	if (o.parent)
		return mg_tmp(c, "%s\" on table \"%s", o.name, o.parent);
	return o.name;
}

/* The tree location where the first object's name starts (a schema-qualified name at its
 * schema), where IF EXISTS goes; -1 when unknown. */
static int first_name_location(mg_check *c, const DropStmt *s)
{
	const Node *obj = linitial(s->objects);
	if (IsA(obj, TypeName))
		return ((const TypeName *)obj)->location;
	if (IsA(obj, ObjectWithArgs))
		obj = (const Node *)((const ObjectWithArgs *)obj)->objname;
	if (IsA(obj, String))
		return mg_locate(c, -1, strVal(obj));
	if (!IsA(obj, List) || s->removeType == OBJECT_CAST || s->removeType == OBJECT_TRANSFORM)
		return -1;
	const List *names = (const List *)obj;
	/* DROP TRIGGER t ON table: the list ends with the trigger's name */
	bool on_table = s->removeType == OBJECT_TRIGGER || s->removeType == OBJECT_POLICY ||
			s->removeType == OBJECT_RULE;
	const Node *first = on_table ? llast(names) : linitial(names);
	return IsA(first, String) ? mg_locate(c, -1, strVal(first)) : -1;
}

static void check_drop(mg_check *c, const DropStmt *s)
{
	if (s->missing_ok)
		return;
	const char *word = mg_object_type_word(s->removeType);
	/* one IF EXISTS before the first name guards every object of the statement */
	int if_exists_at = first_name_location(c, s);
	const ListCell *lc;
	foreach (lc, s->objects) {
		const Node *obj = lfirst(lc);
		mg_object o;
		if (!mg_object_of(c, s->removeType, obj, &o))
			continue;
		const char *label = mg_objects_label(o);
		int at = mg_locate(c, -1, label);
		mg_finding *f = mg_report_unless_rerun_safe(c, MG_FAILS_IF_MISSING, o, at,
			"%s \"%s\" is dropped without IF EXISTS; running this migration twice fails",
			word, display_name(c, s->removeType, obj, o));
		mg_help(f, "DROP %s%s IF EXISTS %s", upper(c, word), s->concurrent ? " CONCURRENTLY" : "",
			o.parent && !mg_objects_overload(o)
				? mg_tmp(c, "%s ON %s", mg_quote_ident(c, o.name), mg_quote_ident(c, o.parent))
				: mg_quote_ident(c, label));
		mg_fix_insert_before(c, f, if_exists_at, "IF EXISTS", true);
	}
}

static void simple(mg_check *c, const char *ns, const char *word, const char *name)
{
	if (!name)
		return;
	int at = mg_locate(c, -1, name);
	mg_finding *f = mg_report_unless_rerun_safe(c, MG_FAILS_IF_MISSING,
		(mg_object){ns, NULL, name}, at,
		"%s \"%s\" is dropped without IF EXISTS; running this migration twice fails", word, name);
	mg_help(f, "DROP %s IF EXISTS %s", upper(c, word), mg_quote_ident(c, name));
	mg_fix_insert_before(c, f, at, "IF EXISTS", true);
}

static void check(mg_check *c, const void *node)
{
	switch (nodeTag(node)) {
	case T_DropStmt:
		check_drop(c, node);
		break;
	case T_DropRoleStmt: {
		const DropRoleStmt *s = node;
		const ListCell *lc;
		if (!s->missing_ok)
			foreach (lc, s->roles)
				simple(c, "role", "role", ((const RoleSpec *)lfirst(lc))->rolename);
		break;
	}
	case T_DropdbStmt:
		if (!((const DropdbStmt *)node)->missing_ok)
			simple(c, "database", "database", ((const DropdbStmt *)node)->dbname);
		break;
	case T_DropTableSpaceStmt:
		if (!((const DropTableSpaceStmt *)node)->missing_ok)
			simple(c, "tablespace", "tablespace", ((const DropTableSpaceStmt *)node)->tablespacename);
		break;
	case T_DropSubscriptionStmt:
		if (!((const DropSubscriptionStmt *)node)->missing_ok)
			simple(c, "subscription", "subscription", ((const DropSubscriptionStmt *)node)->subname);
		break;
	default:
		break;
	}
}

const mg_rule mg_rule_drop_without_if_exists = {
	.code = "MG212",
	.name = "drop-without-if-exists",
	.severity = MG_SEV_ERROR,
	.summary = "DROP without IF EXISTS fails when the migration runs again",
	.help = "write DROP ... IF EXISTS",
	.doc = doc,
	.kind = MG_RULE_STATEMENT,
	.kinds = (const int[]){T_DropStmt, T_DropRoleStmt, T_DropdbStmt, T_DropTableSpaceStmt,
			       T_DropSubscriptionStmt, 0},
	.check = check,
};
