/* The engine end to end on small inputs: which statements the facts replay flags, where
 * findings land, suppressions, and recovery from syntax errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "miglint/engine.h"
#include "miglint/framework.h"
#include "miglint/rule.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static mg_engine *eng;

static int setup(void **state)
{
	(void)state;
	size_t n;
	const mg_rule *const *rules = mg_rules_all(&n);
	bool *on = calloc(n, sizeof(bool));
	/* every rule but the locking family: these cases are about the replay's re-run and
	 * data-loss answers, and the lock rules have fixtures of their own */
	for (size_t i = 0; i < n; i++)
		on[i] = strncmp(rules[i]->code, "MG3", 3) != 0;
	mg_engine_options opts = {.enabled = on};
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

/* Renders the findings as "line:col CODE" lines. */
static char *lint(const char *sql)
{
	mg_file_result r;
	/* as the run lints a whole SQL file: the frameworks' planner reads its sections */
	mg_unit unit = {.path = "t.sql", .bytes = sql, .len = strlen(sql),
			.plan = mg_framework_plan_file};
	mg_engine_lint_unit(&r, eng, &unit);
	static char out[4096];
	out[0] = '\0';
	for (size_t i = 0; i < r.count; i++) {
		char line[64];
		snprintf(line, sizeof(line), "%d:%d %s\n", r.findings[i]->line, r.findings[i]->column,
			 r.findings[i]->rule->code);
		strncat(out, line, sizeof(out) - strlen(out) - 1);
	}
	mg_file_result_dispose(&r);
	return out;
}

typedef struct case_ {
	const char *sql;
	const char *expect;
} case_;

static void replay(void **state)
{
	(void)state;
	static const case_ cases[] = {
		/* a guarded create, then an unguarded one of a different object */
		{"CREATE TABLE IF NOT EXISTS a (x int);\nCREATE TABLE b (x int);", "2:14 MG201\n"},
		/* dropped first: safe */
		{"DROP TABLE IF EXISTS a;\nCREATE TABLE a (x int);", "1:22 MG401\n"},
		/* created and dropped again: safe both ways */
		{"CREATE TABLE s (x int);\nDROP TABLE s;", ""},
		/* the IF NOT EXISTS table keeps its old columns: the DROP COLUMN fails */
		{"CREATE TABLE IF NOT EXISTS t (a int);\nALTER TABLE t DROP COLUMN a;", "2:27 MG209\n2:27 MG402\n"},
		/* a subcommand sees the one before it */
		{"ALTER TABLE t DROP CONSTRAINT IF EXISTS c, ADD CONSTRAINT c CHECK (true);", ""},
		/* added then dropped again: nothing is left for a second run to trip on */
		{"ALTER TABLE t ADD CONSTRAINT c CHECK (true), DROP CONSTRAINT IF EXISTS c;", ""},
		/* a constraint that stays */
		{"ALTER TABLE t ADD CONSTRAINT c CHECK (true);", "1:30 MG207\n"},
		/* a rename whose target an earlier IF NOT EXISTS re-creates */
		{"CREATE TABLE IF NOT EXISTS o (x int);\nALTER TABLE IF EXISTS o RENAME TO n;", "2:23 MG208\n"},
		/* a type used by a later table cannot be dropped on a second run */
		{"DROP TYPE IF EXISTS k;\nCREATE TYPE k AS ENUM ('a');\nCREATE TABLE IF NOT EXISTS u (c k);",
		 "1:21 MG215\n2:13 MG205\n"},
		/* a guarded DO block and an unguarded one */
		{"DO $$ BEGIN CREATE TYPE m AS ENUM ('a'); EXCEPTION WHEN duplicate_object THEN NULL; END $$;", ""},
		{"DO $$ BEGIN CREATE TYPE m AS ENUM ('a'); END $$;", "1:25 MG205\n"},
		/* INSERT into a table emptied first */
		{"TRUNCATE r;\nINSERT INTO r VALUES (1);", "1:10 MG403\n"},
		{"INSERT INTO r VALUES (1);", "1:13 MG213\n"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *got = lint(cases[i].sql);
		if (strcmp(got, cases[i].expect) != 0)
			fail_msg("case %zu:\n%s\ngot:\n%swant:\n%s", i, cases[i].sql, got, cases[i].expect);
	}
}

static void recovery(void **state)
{
	(void)state;
	/* every statement around two syntax errors is still linted */
	const char *got = lint("CREATE TABLE a (x int);\nSELEC 1;\nCREATE TABLE b (x int);\nSELECT FROM;\n"
			       "CREATE TABLE c (x int);");
	assert_string_equal(got, "1:14 MG201\n2:1 MG901\n3:14 MG201\n4:12 MG901\n5:14 MG201\n");
}

static void suppressions(void **state)
{
	(void)state;
	assert_string_equal(lint("-- miglint:ignore MG201\nCREATE TABLE a (x int);\nCREATE TABLE b (x int);"),
			    "3:14 MG201\n");
	assert_string_equal(lint("-- miglint:ignore-file create-table-without-if-not-exists\n"
				 "CREATE TABLE a (x int);\nCREATE TABLE b (x int);"), "");
	assert_string_equal(lint("-- miglint:ignore MG201\nSELECT 1;"), "1:1 MG908\n");
	assert_string_equal(lint("-- miglint:ignore NOPE\nSELECT 1;"), "1:19 MG909\n");
}

static void bad_files(void **state)
{
	(void)state;
	assert_string_equal(lint(""), "1:1 MG905\n");
	assert_string_equal(lint("-- only a comment\n"), "1:1 MG905\n");
	assert_string_equal(lint("SELECT '\xff';"), "1:9 MG903\n");
	assert_string_equal(lint("\\set x 1\nSELECT 1;"), "1:1 MG906\n");
}

static void sections(void **state)
{
	(void)state;
	/* goose: sections are runs of their own, inside goose's transaction; the down section
	 * drops what the up section made: no re-run finding there by default, no data loss */
	assert_string_equal(lint("-- +goose Up\nCREATE TABLE t (a int);\n-- +goose Down\nDROP TABLE t;\n"),
			    "2:14 MG201\n");
	assert_string_equal(lint("-- +goose Up\nCREATE TABLE t (a int);\n-- +goose Down\nDROP TABLE u;\n"),
			    "2:14 MG201\n4:12 MG401\n");
	assert_string_equal(lint("--   +goose   up\nCREATE INDEX CONCURRENTLY IF NOT EXISTS i ON t (a);\n"), "2:14 MG501\n");
	assert_string_equal(lint("-- +goose NO TRANSACTION\n-- +goose Up\nCREATE INDEX CONCURRENTLY IF NOT EXISTS i ON t (a);\n"), "");
	/* dbmate: transaction:false per section */
	assert_string_equal(lint("-- migrate:up transaction:false\nCREATE INDEX CONCURRENTLY IF NOT EXISTS i ON t (a);\n"
				 "-- migrate:down\nDROP INDEX CONCURRENTLY IF EXISTS i;\n"), "4:12 MG501\n");
	/* what goose refuses, found by goose's planner and reported by MG117 */
	assert_string_equal(lint("CREATE TABLE IF NOT EXISTS t (a int);\n-- +goose Up\n-- +goose StatementBegin\nSELECT 1;\n"),
			    "1:1 MG117\n3:1 MG117\n");
	/* goose ends a statement at StatementEnd, semicolon or not, and at a section marker */
	assert_string_equal(lint("-- +goose Up\n-- +goose StatementBegin\nCREATE TABLE t (a int)\n-- +goose StatementEnd\n"
				 "-- +goose Down\n-- +goose StatementBegin\nDROP TABLE IF EXISTS t\n-- +goose StatementEnd\n"),
			    "3:14 MG201\n");
	/* a plain file: one run, no transaction */
	assert_string_equal(lint("CREATE TABLE t (a int);\nDROP TABLE t;\n"), "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(replay),
		cmocka_unit_test(sections),
		cmocka_unit_test(recovery),
		cmocka_unit_test(suppressions),
		cmocka_unit_test(bad_files),
	};
	return cmocka_run_group_tests_name("engine", tests, setup, teardown);
}
