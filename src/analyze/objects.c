/* Naming objects as the replay tracks them (objects.h). */
#include "miglint/objects.h"

#include <stdio.h>

const char *mg_name_last(const List *names)
{
	if (!names || list_length(names) == 0)
		return "?";
	const Node *n = llast(names);
	return IsA(n, String) ? strVal(n) : "?";
}

const char *mg_object_type_word(ObjectType t)
{
	switch (t) {
	case OBJECT_ACCESS_METHOD: return "access method";
	case OBJECT_AGGREGATE: return "aggregate";
	case OBJECT_CAST: return "cast";
	case OBJECT_COLUMN: return "column";
	case OBJECT_COLLATION: return "collation";
	case OBJECT_CONVERSION: return "conversion";
	case OBJECT_DATABASE: return "database";
	case OBJECT_DOMAIN: return "domain";
	case OBJECT_DOMCONSTRAINT: return "domain constraint";
	case OBJECT_EVENT_TRIGGER: return "event trigger";
	case OBJECT_EXTENSION: return "extension";
	case OBJECT_FDW: return "foreign data wrapper";
	case OBJECT_FOREIGN_SERVER: return "server";
	case OBJECT_FOREIGN_TABLE: return "foreign table";
	case OBJECT_FUNCTION: return "function";
	case OBJECT_INDEX: return "index";
	case OBJECT_LANGUAGE: return "language";
	case OBJECT_MATVIEW: return "materialized view";
	case OBJECT_OPCLASS: return "operator class";
	case OBJECT_OPERATOR: return "operator";
	case OBJECT_OPFAMILY: return "operator family";
	case OBJECT_POLICY: return "policy";
	case OBJECT_PROCEDURE: return "procedure";
	case OBJECT_PUBLICATION: return "publication";
	case OBJECT_ROLE: return "role";
	case OBJECT_ROUTINE: return "routine";
	case OBJECT_RULE: return "rule";
	case OBJECT_SCHEMA: return "schema";
	case OBJECT_SEQUENCE: return "sequence";
	case OBJECT_SUBSCRIPTION: return "subscription";
	case OBJECT_STATISTIC_EXT: return "statistics";
	case OBJECT_TABCONSTRAINT: return "constraint";
	case OBJECT_TABLE: return "table";
	case OBJECT_TABLESPACE: return "tablespace";
	case OBJECT_TRANSFORM: return "transform";
	case OBJECT_TRIGGER: return "trigger";
	case OBJECT_TSCONFIGURATION: return "text search configuration";
	case OBJECT_TSDICTIONARY: return "text search dictionary";
	case OBJECT_TSPARSER: return "text search parser";
	case OBJECT_TSTEMPLATE: return "text search template";
	case OBJECT_TYPE: return "type";
	case OBJECT_USER_MAPPING: return "user mapping";
	case OBJECT_VIEW: return "view";
	default: return "object";
	}
}

const char *mg_objects_namespace(ObjectType t)
{
	switch (t) {
	case OBJECT_TABLE: case OBJECT_VIEW: case OBJECT_INDEX: case OBJECT_SEQUENCE:
	case OBJECT_MATVIEW: case OBJECT_FOREIGN_TABLE:
		return "relation";
	case OBJECT_TYPE: case OBJECT_DOMAIN:
		return "type";
	case OBJECT_FUNCTION: case OBJECT_PROCEDURE: case OBJECT_ROUTINE: case OBJECT_AGGREGATE:
		return "function";
	default:
		return mg_object_type_word(t);
	}
}

static const char *type_name_last(const TypeName *tn)
{
	return mg_name_last(tn->names);
}

static const char *pair_name(char pair[MG_OBJECT_PAIR_MAX], const List *l)
{
	const Node *a = linitial(l), *b = lsecond(l);
	const char *an = IsA(a, TypeName) ? type_name_last((const TypeName *)a) : "?";
	const char *bn = IsA(b, TypeName) ? type_name_last((const TypeName *)b)
			 : IsA(b, String) ? strVal(b) : "?";
	snprintf(pair, MG_OBJECT_PAIR_MAX, "%s -> %s", an, bn);
	return pair;
}

bool mg_objects_name(mg_object *out, char pair[MG_OBJECT_PAIR_MAX], ObjectType t,
		     const Node *obj)
{
	*out = (mg_object){.ns = mg_objects_namespace(t)};
	if (!obj)
		return false;
	if (IsA(obj, String)) {
		out->name = strVal(obj);
	} else if (IsA(obj, TypeName)) {
		out->name = type_name_last((const TypeName *)obj);
	} else if (IsA(obj, ObjectWithArgs)) {
		out->name = mg_name_last(((const ObjectWithArgs *)obj)->objname);
	} else if (IsA(obj, List)) {
		const List *l = (const List *)obj;
		if (t == OBJECT_CAST || t == OBJECT_TRANSFORM) {
			if (list_length(l) != 2)
				return false;
			out->name = pair_name(pair, l);
		} else if (t == OBJECT_TRIGGER || t == OBJECT_POLICY || t == OBJECT_RULE) {
			if (list_length(l) < 2)
				return false;
			out->name = strVal(llast(l));
			out->parent = strVal(list_nth(l, list_length(l) - 2));
		} else {
			out->name = mg_name_last(l);
		}
	} else {
		return false;
	}
	return true;
}
