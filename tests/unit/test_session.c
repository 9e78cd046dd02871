/* What is in effect at a statement (session.h): the transaction, who opened it, and the
 * timeouts set by SET, SET LOCAL and RESET, following PostgreSQL's rules. Each case parses a
 * small SQL text, applies its statements in order and checks the state after the last one;
 * the last cases ask whether an object was created in the current transaction, as
 * mg_created_in_transaction does (facts.h for the creation, session.h for the transaction). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "miglint/facts.h"
#include "miglint/session.h"

#include <stdio.h>
#include <string.h>

typedef struct case_ {
	const char *tool; /* the migration tool's transaction, or NULL */
	const char *sql;
	const char *expect; /* "tx=<0|1> reason=<tool|begin|-> lock=<0|1> statement=<0|1>" */
} case_;

static const case_ cases[] = {
	{NULL, "SELECT 1;", "tx=0 reason=- lock=0 statement=0"},
	{NULL, "SET lock_timeout = '5s';", "tx=0 reason=- lock=1 statement=0"},
	{NULL, "SET SESSION statement_timeout TO 1000;", "tx=0 reason=- lock=0 statement=1"},
	{NULL, "BEGIN; SET LOCAL lock_timeout = '5s';", "tx=1 reason=begin lock=1 statement=0"},
	/* SET LOCAL ends with its transaction */
	{NULL, "BEGIN; SET LOCAL lock_timeout = '5s'; COMMIT;", "tx=0 reason=- lock=0 statement=0"},
	/* SET LOCAL outside a transaction only warns */
	{NULL, "SET LOCAL lock_timeout = '5s';", "tx=0 reason=- lock=0 statement=0"},
	/* SET in a transaction lasts if it commits, not if it rolls back */
	{NULL, "BEGIN; SET lock_timeout = '5s'; COMMIT;", "tx=0 reason=- lock=1 statement=0"},
	{NULL, "BEGIN; SET lock_timeout = '5s'; ROLLBACK;", "tx=0 reason=- lock=0 statement=0"},
	{NULL, "SET lock_timeout = '1s'; BEGIN; RESET lock_timeout; ROLLBACK;",
	 "tx=0 reason=- lock=1 statement=0"},
	/* zero, RESET and DEFAULT turn the timeout off */
	{NULL, "SET lock_timeout = '5s'; RESET lock_timeout;", "tx=0 reason=- lock=0 statement=0"},
	{NULL, "SET lock_timeout TO 0;", "tx=0 reason=- lock=0 statement=0"},
	{NULL, "SET lock_timeout = '0ms';", "tx=0 reason=- lock=0 statement=0"},
	{NULL, "SET lock_timeout = '2s'; SET lock_timeout TO DEFAULT;",
	 "tx=0 reason=- lock=0 statement=0"},
	{NULL, "SET lock_timeout = '2s'; SET statement_timeout = '1min'; RESET ALL;",
	 "tx=0 reason=- lock=0 statement=0"},
	/* a SET after a SET LOCAL overrides it; a SET LOCAL overrides the session value */
	{NULL, "BEGIN; SET LOCAL lock_timeout = '1s'; SET lock_timeout = 0;",
	 "tx=1 reason=begin lock=0 statement=0"},
	{NULL, "SET lock_timeout = '1s'; BEGIN; SET LOCAL lock_timeout = 0;",
	 "tx=1 reason=begin lock=0 statement=0"},
	{NULL, "SET lock_timeout = '1s'; BEGIN; SET LOCAL lock_timeout = 0; COMMIT;",
	 "tx=0 reason=- lock=1 statement=0"},
	/* other settings are not tracked */
	{NULL, "SET search_path = app;", "tx=0 reason=- lock=0 statement=0"},
	/* transactions */
	{NULL, "START TRANSACTION; SAVEPOINT a; ROLLBACK TO SAVEPOINT a;",
	 "tx=1 reason=begin lock=0 statement=0"},
	{NULL, "BEGIN; COMMIT AND CHAIN;", "tx=1 reason=begin lock=0 statement=0"},
	{NULL, "BEGIN; PREPARE TRANSACTION 'x';", "tx=0 reason=- lock=0 statement=0"},
	{"tool", "SET LOCAL statement_timeout = '1min';", "tx=1 reason=tool lock=0 statement=1"},
	{"tool", "SET LOCAL statement_timeout = '1min'; COMMIT;", "tx=0 reason=- lock=0 statement=0"},
	{"tool", "BEGIN;", "tx=1 reason=begin lock=0 statement=0"},
};

static char *describe(const mg_tx_state *st, char *out, size_t n)
{
	snprintf(out, n, "tx=%d reason=%s lock=%d statement=%d", st->in_transaction,
		 st->reason ? st->reason : st->in_transaction ? "begin" : "-", st->lock_timeout_set,
		 st->statement_timeout_set);
	return out;
}

/* Parses sql and calls apply(statement, time, arg) for each statement, in order. */
static void each_statement(const char *sql, void (*apply)(const Node *, int, void *), void *arg)
{
	MemoryContext ctx = pg_query_enter_memory_context();
	PgQueryInternalParsetreeAndError r = pg_query_raw_parse(sql);
	assert_null(r.error);
	int time = 0;
	ListCell *lc;
	foreach (lc, r.tree)
		apply(lfirst_node(RawStmt, lc)->stmt, ++time, arg);
	free(r.stderr_buffer);
	pg_query_exit_memory_context(ctx);
}

static void apply_session(const Node *stmt, int time, void *arg)
{
	mg_session_apply(arg, stmt, time);
}

static void test_states(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		mg_session s = {0};
		if (cases[i].tool)
			mg_session_start(&s, cases[i].tool);
		each_statement(cases[i].sql, apply_session, &s);
		char got[128];
		mg_tx_state st = mg_session_state(&s);
		describe(&st, got, sizeof(got));
		if (strcmp(got, cases[i].expect) != 0)
			fail_msg("%s\n  expected %s\n  got      %s", cases[i].sql, cases[i].expect, got);
	}
}

/* The replay and the session side by side, as the engine runs them. */
typedef struct run {
	mg_facts *facts;
	mg_session session;
} run;

static void apply_both(const Node *stmt, int time, void *arg)
{
	run *r = arg;
	assert_int_equal(mg_facts_next_statement(r->facts), time);
	mg_session_apply(&r->session, stmt, time);
	mg_facts_record(r->facts, stmt);
}

static const struct {
	const char *sql;
	const char *table;
	bool in_file, in_transaction;
} created[] = {
	{"CREATE TABLE a (id int); BEGIN; CREATE TABLE b (id int);", "b", true, true},
	{"CREATE TABLE a (id int); BEGIN; CREATE TABLE b (id int);", "a", true, false},
	{"BEGIN; CREATE TABLE b (id int); COMMIT;", "b", true, false},
	{"BEGIN; CREATE TABLE b (id int); DROP TABLE b;", "b", false, false},
	{"BEGIN; CREATE TABLE IF NOT EXISTS b (id int);", "b", false, false},
	{"BEGIN; CREATE TABLE b (id int); ALTER TABLE b RENAME TO c;", "c", true, true},
	{"SELECT 1;", "b", false, false},
};

static void test_created(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(created) / sizeof(created[0]); i++) {
		run r = {0};
		mg_facts_new(&r.facts);
		each_statement(created[i].sql, apply_both, &r);
		int at = mg_facts_created_at(r.facts, (mg_object){"relation", NULL, created[i].table});
		bool in_tx = at >= 0 && mg_session_since_transaction_start(&r.session, at);
		if ((at >= 0) != created[i].in_file || in_tx != created[i].in_transaction)
			fail_msg("%s: table %s: created in file %d (expected %d), in transaction %d "
				 "(expected %d)", created[i].sql, created[i].table, at >= 0,
				 created[i].in_file, in_tx, created[i].in_transaction);
		mg_facts_free(r.facts);
	}
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
		cmocka_unit_test(test_states),
		cmocka_unit_test(test_created),
	};
	return cmocka_run_group_tests(tests, NULL, teardown);
}
