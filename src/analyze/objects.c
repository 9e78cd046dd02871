/* Naming objects as the replay tracks them (objects.h). */
#include "miglint/objects.h"

#include <stdio.h>
#include <string.h>

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

/* Appends s to out at *len; false when it does not fit. */
static bool append(char out[MG_OBJECT_PAIR_MAX], size_t *len, const char *s)
{
	size_t n = strlen(s);
	if (*len + n + 1 > MG_OBJECT_PAIR_MAX)
		return false;
	memcpy(out + *len, s, n + 1);
	*len += n;
	return true;
}

/* The grammar already turns every spelling of a built-in type into one name (int, integer and
 * int4 into pg_catalog.int4 or int4; character varying into pg_catalog.varchar; decimal into
 * numeric; double precision into float8), so the last name is the type, whatever schema it is
 * written with. Modifiers (varchar(20)) and array dimensions are not part of a signature. */
static bool append_type(char out[MG_OBJECT_PAIR_MAX], size_t *len, const TypeName *tn)
{
	static const char *const serials[][2] = {
		{"serial", "int4"}, {"serial4", "int4"}, {"bigserial", "int8"},
		{"serial8", "int8"}, {"smallserial", "int2"}, {"serial2", "int2"},
	};
	if (tn->pct_type || tn->setof || list_length(tn->names) == 0 ||
	    !IsA(llast(tn->names), String))
		return false;
	const char *name = strVal(llast(tn->names));
	/* a serial column is an integer column with a sequence for its default */
	for (size_t i = 0; !tn->arrayBounds && i < sizeof(serials) / sizeof(serials[0]); i++)
		if (strcmp(name, serials[i][0]) == 0)
			name = serials[i][1];
	return append(out, len, name) && (!tn->arrayBounds || append(out, len, "[]"));
}

bool mg_objects_type(char out[MG_OBJECT_PAIR_MAX], const TypeName *tn)
{
	size_t len = 0;
	out[0] = '\0';
	return append_type(out, &len, tn);
}

bool mg_objects_column_type(mg_object *out, char buf[MG_OBJECT_PAIR_MAX], const char *table,
			    const char *column, const char *type)
{
	/* \x1f: no SQL name holds it, so a column's name and its type's cannot run together */
	int n = snprintf(buf, MG_OBJECT_PAIR_MAX, "%s\x1f%s", column, type);
	*out = (mg_object){"column type", table, buf};
	return n >= 0 && n < MG_OBJECT_PAIR_MAX;
}

bool mg_objects_signature(char out[MG_OBJECT_PAIR_MAX], const List *params)
{
	size_t len = 0;
	bool first = true;
	out[0] = '\0';
	const ListCell *lc;
	foreach (lc, params) {
		const Node *n = lfirst(lc);
		const TypeName *tn = NULL;
		if (IsA(n, FunctionParameter)) {
			const FunctionParameter *p = (const FunctionParameter *)n;
			/* OUT arguments and RETURNS TABLE columns are results, not identity */
			if (p->mode == FUNC_PARAM_OUT || p->mode == FUNC_PARAM_TABLE)
				continue;
			tn = p->argType;
		} else if (IsA(n, TypeName)) {
			tn = (const TypeName *)n;
		}
		if (!tn || (!first && !append(out, &len, ",")) || !append_type(out, &len, tn))
			return false;
		first = false;
	}
	return true;
}

void mg_objects_routine(mg_object *out, char sig[MG_OBJECT_PAIR_MAX],
			const CreateFunctionStmt *s)
{
	*out = (mg_object){.ns = "function", .name = mg_name_last(s->funcname)};
	if (mg_objects_signature(sig, s->parameters))
		*out = (mg_object){"function", out->name, sig};
}

bool mg_objects_overload(mg_object o)
{
	return o.parent && strcmp(o.ns, "function") == 0;
}

const char *mg_objects_label(mg_object o)
{
	return mg_objects_overload(o) ? o.parent : o.name;
}

/* The overload a DROP, ALTER or RENAME of a function or procedure names, written into sig;
 * NULL for every overload of the name. PostgreSQL reads a procedure's or routine's argument
 * list two ways (its input arguments, or all of them with unmarked OUT ones among them), so
 * such a list names one overload only when every argument's mode is written. */
static const char *routine_args(char sig[MG_OBJECT_PAIR_MAX], ObjectType t,
				const ObjectWithArgs *o)
{
	if (o->args_unspecified)
		return NULL;
	if (t != OBJECT_FUNCTION) {
		const ListCell *lc;
		foreach (lc, o->objfuncargs)
			if (((const FunctionParameter *)lfirst(lc))->mode == FUNC_PARAM_DEFAULT)
				return NULL;
		if (o->objargs && !o->objfuncargs)
			return NULL;
	}
	return mg_objects_signature(sig, o->objfuncargs ? o->objfuncargs : o->objargs) ? sig : NULL;
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
		const ObjectWithArgs *o = (const ObjectWithArgs *)obj;
		out->name = mg_name_last(o->objname);
		if ((t == OBJECT_FUNCTION || t == OBJECT_PROCEDURE || t == OBJECT_ROUTINE) &&
		    routine_args(pair, t, o)) {
			out->parent = out->name;
			out->name = pair;
		}
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
