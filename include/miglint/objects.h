/* How the analysis names database objects: the replay (facts.h) tracks them by these names and
 * rules describe them with them. Pure functions of the parse tree; nothing here allocates. */
#ifndef MIGLINT_OBJECTS_H
#define MIGLINT_OBJECTS_H

#include "miglint/pg.h"

#include <stdbool.h>

/* An object as the replay names it: a namespace ("relation", "column", "trigger", ...), the
 * table (or type) it lives on for per-table objects, and its name. Names are compared without
 * their schema (a documented limit). One overload of a function or procedure lives on its
 * function's name as a column on its table: ns "function", parent the function's name, name
 * its signature as mg_objects_signature writes it ("int4,text", "" for none); the function's
 * name alone ({"function", NULL, name}) stands for every overload at once (DROP FUNCTION f
 * without an argument list, an aggregate, a signature that cannot be read). */
typedef struct mg_object {
	const char *ns;
	const char *parent; /* NULL for schema-level objects */
	const char *name;
} mg_object;

/* The state an object must be in, at this point of a second run of the file, for the
 * statement to fail. */
typedef enum mg_fails_when {
	MG_FAILS_IF_EXISTS,  /* the object is there (or nothing is known of it) */
	MG_FAILS_IF_MISSING, /* the object is not there (or nothing is known of it) */
	MG_FAILS_IF_GONE,    /* the file is known to have removed the object by then */
	MG_FAILS_IF_IN_USE,  /* an object the file created still depends on it (DROP fails) */
} mg_fails_when;

/* Room for the name of a cast or transform ("int4 -> text") or a routine's signature
 * ("int4,text"), which no node spells whole. */
enum { MG_OBJECT_PAIR_MAX = 256 };

/* Names: the last element of a qualified name list (String nodes), or "?" when there is none.
 * Lent by the list. */
const char *mg_name_last(const List *names);
/* ObjectType as the word SQL uses ("table", "materialized view", ...); a static string. */
const char *mg_object_type_word(ObjectType t);
/* The replay's namespace of an object type: types that share a PostgreSQL catalog name space
 * share one ("relation" for tables, views, indexes and sequences); a static string. */
const char *mg_objects_namespace(ObjectType t);
/* For a DropStmt/COMMENT-style object node of type t, fills out naming it; the name of a cast
 * or transform, or a function's or procedure's signature, is written into pair (which must
 * outlive out). Returns false for object kinds the replay does not track. */
bool mg_objects_name(mg_object *out, char pair[MG_OBJECT_PAIR_MAX], ObjectType t,
		     const Node *object);
/* Writes into out the signature by which PostgreSQL tells overloads of a routine apart: the
 * types of its input arguments (IN, INOUT, VARIADIC and unmarked; not OUT, not TABLE) without
 * argument names, modifiers or schemas, as the grammar spells them (int, integer and
 * pg_catalog.int4 are all "int4"), "[]" after an array, separated by ",". params is a list of
 * FunctionParameter (CREATE FUNCTION, a DROP's argument list) or TypeName nodes. Returns false
 * when a type cannot be named from the text (%TYPE) or does not fit. */
bool mg_objects_signature(char out[MG_OBJECT_PAIR_MAX], const List *params);
/* Fills out naming the function or procedure that stmt creates: the overload of its
 * signature, written into sig (which must outlive out), or its name alone when the signature
 * cannot be read. */
void mg_objects_routine(mg_object *out, char sig[MG_OBJECT_PAIR_MAX],
			const CreateFunctionStmt *stmt);
/* Writes into out the name of a type as signatures and column types compare it: the last name
 * as the grammar spells it ("int4" for int, integer and pg_catalog.int4; "varchar" for
 * character varying(20)), "[]" after an array, serial types as the integers they are. Returns
 * false for %TYPE and SETOF, or a name that does not fit. */
bool mg_objects_type(char out[MG_OBJECT_PAIR_MAX], const TypeName *type);
/* Fills out naming the fact "column `column` of `table` has type `type`" (a name from
 * mg_objects_type), written into buf (which must outlive out). The replay records it when a
 * statement gives a column its type (CREATE TABLE, ADD COLUMN, ALTER COLUMN TYPE); a drop or a
 * later type takes it away. Returns false when the names do not fit. */
bool mg_objects_column_type(mg_object *out, char buf[MG_OBJECT_PAIR_MAX], const char *table,
			    const char *column, const char *type);
/* True when o is one overload of a function or procedure (its parent is the function). */
bool mg_objects_overload(mg_object o);
/* The name to show for o in a message: the function's name for an overload, else o.name. */
const char *mg_objects_label(mg_object o);

#endif
