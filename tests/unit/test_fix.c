/* Fix edits: each case lints a text, applies the edits of every finding's fix to it and
 * compares the result with the statement the user meant. Edits are file offsets: for SQL
 * embedded in a Python string the insertion is mapped into the file, and no fix is given
 * where the bytes around it are not copied one for one (an escape, two joined literals). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "miglint/engine.h"
#include "miglint/rule.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static mg_engine *eng;

static int setup(void **state)
{
	(void)state;
	size_t n;
	mg_rules_all(&n);
	bool *on = calloc(n, sizeof(bool));
	for (size_t i = 0; i < n; i++)
		on[i] = true;
	mg_engine_options opts = {.enabled = on, .fixes = true};
	mg_engine_new(&eng, &opts);
	free(on);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	mg_engine_free(eng);
	mg_engine_thread_done();
	return 0;
}

static int by_offset(const void *a, const void *b)
{
	const mg_edit *x = *(const mg_edit *const *)a, *y = *(const mg_edit *const *)b;
	return x->offset < y->offset ? -1 : x->offset > y->offset;
}

/* Applies every distinct edit of the result's fixes to text (two findings of one statement,
 * DROP TABLE a, b, carry the same edit). Returns a string the caller frees. */
static char *apply_fixes(const mg_file_result *r, const char *text)
{
	const mg_edit *edits[64];
	size_t n = 0;
	for (size_t i = 0; i < r->count; i++) {
		const mg_fix *x = r->findings[i]->fix;
		for (size_t k = 0; x && k < x->edit_count; k++) {
			bool seen = false;
			for (size_t j = 0; j < n; j++)
				seen = seen || (edits[j]->offset == x->edits[k].offset &&
						strcmp(edits[j]->replacement, x->edits[k].replacement) == 0);
			if (!seen && n < 64)
				edits[n++] = &x->edits[k];
		}
	}
	qsort(edits, n, sizeof(edits[0]), by_offset);
	size_t len = strlen(text), cap = len + 1;
	for (size_t i = 0; i < n; i++)
		cap += strlen(edits[i]->replacement);
	char *out = calloc(1, cap);
	size_t from = 0;
	for (size_t i = 0; i < n; i++) {
		assert_true(edits[i]->offset >= from && edits[i]->offset + edits[i]->length <= len);
		strncat(out, text + from, edits[i]->offset - from);
		strcat(out, edits[i]->replacement);
		from = edits[i]->offset + edits[i]->length;
	}
	strcat(out, text + from);
	return out;
}

typedef struct case_ {
	const char *sql;
	const char *expect; /* NULL: no fix */
} case_;

static const case_ sql_cases[] = {
	{"CREATE TABLE t (id int);", "CREATE TABLE IF NOT EXISTS t (id int);"},
	/* the keywords' case, and the spacing, are the statement's */
	{"create   index i on t(a);", "create   index concurrently if not exists i on t(a);"},
	{"Create Table t (id int);", "Create Table IF NOT EXISTS t (id int);"},
	{"CREATE TABLE \"My Table\" (id int);", "CREATE TABLE IF NOT EXISTS \"My Table\" (id int);"},
	{"CREATE TABLE app.users (id int);", "CREATE TABLE IF NOT EXISTS app.users (id int);"},
	{"CREATE /* why */ TABLE -- note\n  t (id int);",
	 "CREATE /* why */ TABLE -- note\n  IF NOT EXISTS t (id int);"},
	{"CREATE UNIQUE INDEX CONCURRENTLY idx ON t (a);",
	 "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS idx ON t (a);"},
	{"CREATE TABLE a (id int);\nCREATE INDEX i ON a (id);",
	 "CREATE TABLE IF NOT EXISTS a (id int);\nCREATE INDEX IF NOT EXISTS i ON a (id);"},
	{"CREATE SEQUENCE app.s;", "CREATE SEQUENCE IF NOT EXISTS app.s;"},
	{"CREATE SCHEMA app;", "CREATE SCHEMA IF NOT EXISTS app;"},
	{"create extension pgcrypto;", "create extension if not exists pgcrypto;"},
	{"CREATE MATERIALIZED VIEW mv AS SELECT 1;",
	 "CREATE MATERIALIZED VIEW IF NOT EXISTS mv AS SELECT 1;"},
	{"ALTER TABLE t ADD COLUMN c int;", "ALTER TABLE t ADD COLUMN IF NOT EXISTS c int;"},
	{"alter table t add c int;", "alter table t add if not exists c int;"},
	{"ALTER TYPE mood ADD VALUE 'happy' BEFORE 'sad';",
	 "ALTER TYPE mood ADD VALUE IF NOT EXISTS 'happy' BEFORE 'sad';"},
	{"DROP TABLE t;", "DROP TABLE IF EXISTS t;"},
	{"DROP TABLE app.a, b;", "DROP TABLE IF EXISTS app.a, b;"},
	{"drop index concurrently i;", "drop index concurrently if exists i;"},
	{"DROP TRIGGER trg ON t;", "DROP TRIGGER IF EXISTS trg ON t;"},
	{"DROP FUNCTION app.f(int);", "DROP FUNCTION IF EXISTS app.f(int);"},
	{"DROP TYPE \"Mood\";", "DROP TYPE IF EXISTS \"Mood\";"},
	{"DROP ROLE a, b;", "DROP ROLE IF EXISTS a, b;"},
	{"ALTER TABLE t DROP COLUMN c;", "ALTER TABLE t DROP COLUMN IF EXISTS c;"},
	{"ALTER TABLE t DROP c, DROP COLUMN d;", "ALTER TABLE t DROP IF EXISTS c, DROP COLUMN IF EXISTS d;"},
	{"ALTER TABLE t DROP CONSTRAINT t_pk;", "ALTER TABLE t DROP CONSTRAINT IF EXISTS t_pk;"},
	{"CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;",
	 "CREATE OR REPLACE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;"},
	{"create view v as select 1;", "create or replace view v as select 1;"},
	{"CREATE TRIGGER trg AFTER INSERT ON t FOR EACH ROW EXECUTE FUNCTION f();",
	 "CREATE OR REPLACE TRIGGER trg AFTER INSERT ON t FOR EACH ROW EXECUTE FUNCTION f();"},
	/* lock rules (MG311, MG312, MG321, MG322): CONCURRENTLY, NOT VALID at the clause's end */
	{"DROP INDEX i;", "DROP INDEX CONCURRENTLY IF EXISTS i;"},
	/* MG313: after the object kind, options in parentheses or not */
	{"REINDEX TABLE t;", "REINDEX TABLE CONCURRENTLY t;"},
	{"reindex (verbose) index app.i;", "reindex (verbose) index concurrently app.i;"},
	{"ALTER TABLE t ADD CONSTRAINT fk FOREIGN KEY (a) REFERENCES p (id) ON DELETE CASCADE, "
	 "ADD CONSTRAINT ck CHECK (a > (0));",
	 "ALTER TABLE t ADD CONSTRAINT fk FOREIGN KEY (a) REFERENCES p (id) ON DELETE CASCADE NOT VALID, "
	 "ADD CONSTRAINT ck CHECK (a > (0)) NOT VALID;"},
	/* inside a DO block: at the statement's place in the body */
	{"DO $$ BEGIN CREATE TABLE t (id int); END $$;",
	 "DO $$ BEGIN CREATE TABLE IF NOT EXISTS t (id int); END $$;"},
	/* no mechanical fix: SELECT INTO has no IF NOT EXISTS, a constraint trigger no OR
	 * REPLACE, and a name that is also the statement's keyword is not guessed at */
	{"SELECT 1 AS a INTO t;", NULL},
	{"CREATE CONSTRAINT TRIGGER trg AFTER INSERT ON t FOR EACH ROW EXECUTE FUNCTION f();", NULL},
	{"CREATE SCHEMA schema;", NULL},
};

static void test_sql(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(sql_cases) / sizeof(sql_cases[0]); i++) {
		const case_ *k = &sql_cases[i];
		mg_file_result r;
		mg_engine_lint_bytes(&r, eng, "t.sql", k->sql, strlen(k->sql));
		char *got = apply_fixes(&r, k->sql);
		const char *expect = k->expect ? k->expect : k->sql;
		if (strcmp(got, expect) != 0)
			fail_msg("%s\n  expected %s\n  got      %s", k->sql, expect, got);
		free(got);
		mg_file_result_dispose(&r);
	}
}

/* Decodes the one Python string argument of op.execute(...) in file: \t and \n escapes, and
 * adjacent literals joined; fills map as the Alembic reader does (map[i] is the file offset of
 * SQL byte i; one more entry for the end). */
static size_t decode(char *sql, size_t *map, const char *file)
{
	size_t n = 0, i = (size_t)(strchr(file, '"') - file) + 1;
	while (file[i] && !(file[i] == '"' && file[i + 1] == ')')) {
		if (file[i] == '"') { /* "a" "b": skip to the next literal */
			i++;
			while (file[i] != '"')
				i++;
			i++;
			continue;
		}
		map[n] = i;
		if (file[i] == '\\') {
			sql[n++] = file[i + 1] == 't' ? '\t' : '\n';
			i += 2;
		} else {
			sql[n++] = file[i++];
		}
	}
	map[n] = i;
	sql[n] = '\0';
	return n;
}

static const case_ python_cases[] = {
	{"op.execute(\"CREATE TABLE t (id int)\")\n",
	 "op.execute(\"CREATE TABLE IF NOT EXISTS t (id int)\")\n"},
	{"op.execute(\"create table t (id int);\\ncreate index i on t (id)\")\n",
	 "op.execute(\"create table if not exists t (id int);\\ncreate index if not exists i on t (id)\")\n"},
	/* the insertion point is right after an escape, or where two literals join: no fix */
	{"op.execute(\"CREATE TABLE\\tt (id int)\")\n", NULL},
	{"op.execute(\"CREATE TABLE \" \"t (id int)\")\n", NULL},
};

static void test_python(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(python_cases) / sizeof(python_cases[0]); i++) {
		const case_ *k = &python_cases[i];
		char sql[256];
		size_t map[256];
		size_t n = decode(sql, map, k->sql);
		mg_file_result r;
		mg_unit unit = {.path = "m.py", .bytes = sql, .len = n, .file_text = k->sql,
				.file_len = strlen(k->sql), .map = map};
		mg_engine_lint_unit(&r, eng, &unit);
		assert_true(r.count > 0); /* the statements are flagged, fix or no fix */
		char *got = apply_fixes(&r, k->sql);
		const char *expect = k->expect ? k->expect : k->sql;
		if (strcmp(got, expect) != 0)
			fail_msg("%s\n  expected %s\n  got      %s", k->sql, expect, got);
		free(got);
		mg_file_result_dispose(&r);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sql),
		cmocka_unit_test(test_python),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
