/* How the replay names functions and procedures (objects.h): one overload by the input argument
 * types PostgreSQL tells overloads apart by, or every overload of the name. Each case parses one
 * statement and prints the object its CREATE or DROP names: "f(int4,text)" for an overload,
 * "f" for the name alone. Then the names of column types. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "miglint/objects.h"

#include <stdio.h>
#include <string.h>

static const struct {
	const char *sql;
	const char *expect;
} cases[] = {
	/* the grammar's spellings of one type are one name; schemas, names, modifiers go */
	{"DROP FUNCTION f(int, integer, int4, pg_catalog.int4)", "f(int4,int4,int4,int4)"},
	{"DROP FUNCTION f(varchar, character varying(20), pg_catalog.varchar)", "f(varchar,varchar,varchar)"},
	{"DROP FUNCTION f(bigint, smallint, boolean, real, double precision, float, decimal(10,2))",
	 "f(int8,int2,bool,float4,float8,float8,numeric)"},
	{"DROP FUNCTION f(timestamp with time zone, timestamp, time with time zone, char(3), \"char\")",
	 "f(timestamptz,timestamp,timetz,bpchar,char)"},
	{"DROP FUNCTION s.f(a public.money_amount, b int[], c int[][])", "f(money_amount,int4[],int4[])"},
	{"DROP FUNCTION f()", "f()"},
	{"DROP FUNCTION f", "f"},
	{"DROP FUNCTION IF EXISTS f(int), g", "f(int4)"},
	/* OUT arguments are results; IN, INOUT, VARIADIC and unmarked ones are the signature */
	{"DROP FUNCTION f(IN int, OUT text, INOUT bool, VARIADIC text[])", "f(int4,bool,text[])"},
	{"CREATE FUNCTION f(a int, OUT b text, INOUT c bool) LANGUAGE sql AS 'SELECT 1'", "f(int4,bool)"},
	{"CREATE FUNCTION f(a int DEFAULT 1) RETURNS TABLE (x int, y text) LANGUAGE sql AS 'SELECT 1'",
	 "f(int4)"},
	{"CREATE OR REPLACE FUNCTION app.f() RETURNS trigger LANGUAGE sql AS 'SELECT 1'", "f()"},
	/* a column's type (%TYPE) cannot be read from the text: the name stands for all */
	{"CREATE FUNCTION f(a users.id%TYPE) RETURNS int LANGUAGE sql AS 'SELECT 1'", "f"},
	{"DROP FUNCTION f(users.id%TYPE)", "f"},
	/* a procedure's unmarked argument list may include OUT arguments (PostgreSQL tries both
	 * readings): it names one overload only when every mode is written */
	{"DROP PROCEDURE p(int, text)", "p"},
	{"DROP PROCEDURE p(IN int, OUT text)", "p(int4)"},
	{"DROP PROCEDURE p()", "p()"},
	{"DROP ROUTINE p(int)", "p"},
	{"CREATE PROCEDURE p(a int, OUT b text) LANGUAGE sql AS 'SELECT 1'", "p(int4)"},
	/* aggregates and operators keep their name alone */
	{"DROP AGGREGATE total(int)", "total"},
};

static void print(char *out, size_t size, mg_object o)
{
	if (mg_objects_overload(o))
		snprintf(out, size, "%s(%s)", o.parent, o.name);
	else
		snprintf(out, size, "%s", o.name);
}

static void test_routines(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		MemoryContext ctx = pg_query_enter_memory_context();
		PgQueryInternalParsetreeAndError r = pg_query_raw_parse(cases[i].sql);
		assert_null(r.error);
		const Node *stmt = linitial_node(RawStmt, r.tree)->stmt;
		char sig[MG_OBJECT_PAIR_MAX], got[MG_OBJECT_PAIR_MAX + 64] = "?";
		mg_object o;
		if (IsA(stmt, CreateFunctionStmt)) {
			mg_objects_routine(&o, sig, (const CreateFunctionStmt *)stmt);
			print(got, sizeof(got), o);
		} else if (IsA(stmt, DropStmt)) {
			const DropStmt *d = (const DropStmt *)stmt;
			if (mg_objects_name(&o, sig, d->removeType, linitial(d->objects)))
				print(got, sizeof(got), o);
		}
		free(r.stderr_buffer);
		pg_query_exit_memory_context(ctx);
		if (strcmp(got, cases[i].expect) != 0)
			fail_msg("%s\n  expected %s\n  got      %s", cases[i].sql, cases[i].expect, got);
	}
}

/* Column types, as the replay records them and MG217 compares them. */
static void test_column_types(void **state)
{
	(void)state;
	static const struct {
		const char *sql, *expect;
	} types[] = {
		{"CREATE TABLE t (c integer)", "int4"},
		{"CREATE TABLE t (c character varying(20))", "varchar"},
		{"CREATE TABLE t (c pg_catalog.timestamptz)", "timestamptz"},
		{"CREATE TABLE t (c timestamp(3) with time zone)", "timestamptz"},
		{"CREATE TABLE t (c numeric(10, 2))", "numeric"},
		{"CREATE TABLE t (c bigserial)", "int8"},
		{"CREATE TABLE t (c serial)", "int4"},
		{"CREATE TABLE t (c text[])", "text[]"},
		{"CREATE TABLE t (c public.citext)", "citext"},
	};
	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		MemoryContext ctx = pg_query_enter_memory_context();
		PgQueryInternalParsetreeAndError r = pg_query_raw_parse(types[i].sql);
		assert_null(r.error);
		const CreateStmt *s = (const CreateStmt *)linitial_node(RawStmt, r.tree)->stmt;
		char got[MG_OBJECT_PAIR_MAX] = "?";
		if (!mg_objects_type(got, ((const ColumnDef *)linitial(s->tableElts))->typeName))
			snprintf(got, sizeof(got), "(none)");
		free(r.stderr_buffer);
		pg_query_exit_memory_context(ctx);
		if (strcmp(got, types[i].expect) != 0)
			fail_msg("%s\n  expected %s\n  got      %s", types[i].sql, types[i].expect, got);
	}
}

static void test_too_long(void **state)
{
	(void)state;
	/* a signature that does not fit is not truncated into another one's name */
	char sql[4096] = "DROP FUNCTION f(";
	for (int i = 0; i < 40; i++)
		strcat(sql, i ? ", timestamp with time zone" : "timestamp with time zone");
	strcat(sql, ")");
	MemoryContext ctx = pg_query_enter_memory_context();
	PgQueryInternalParsetreeAndError r = pg_query_raw_parse(sql);
	assert_null(r.error);
	const DropStmt *d = (const DropStmt *)linitial_node(RawStmt, r.tree)->stmt;
	char sig[MG_OBJECT_PAIR_MAX];
	mg_object o;
	assert_true(mg_objects_name(&o, sig, d->removeType, linitial(d->objects)));
	assert_false(mg_objects_overload(o));
	assert_string_equal(o.name, "f");
	free(r.stderr_buffer);
	pg_query_exit_memory_context(ctx);
}

static int teardown(void **state)
{
	(void)state;
	pg_query_exit();
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_routines),
		cmocka_unit_test(test_column_types),
		cmocka_unit_test(test_too_long),
	};
	return cmocka_run_group_tests(tests, NULL, teardown);
}
