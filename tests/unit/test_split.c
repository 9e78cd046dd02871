/* The splitter: statement boundaries as psql finds them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "miglint/split.h"

#include <stdlib.h>
#include <string.h>

typedef struct case_ {
	const char *sql;
	const char *expect; /* one letter per piece: S sql, M meta, C copy data, D directive */
	const char *last;   /* the text of the last piece, or NULL */
} case_;

static void pieces(void **state)
{
	(void)state;
	static const case_ cases[] = {
		{"select 1; select 2;", "SS", "select 2;"},
		{"select ';'; select 2", "SS", "select 2"},
		{"select $$a;b$$; x", "SS", "x"},
		{"select $t$ $$ ; $t$;", "S", "select $t$ $$ ; $t$;"},
		{"select $1; x", "SS", "x"},
		{"select a$b; x", "SS", "x"},
		{"select E'\\';'; x", "SS", "x"},
		{"select 'it''s;'; x", "SS", "x"},
		{"select \"a;\"\"b\"; x", "SS", "x"},
		{"/* a /* b; */ c; */ select 1;", "S", "select 1;"},
		{"-- c;\nselect 1;", "S", "select 1;"},
		{"\\set x 1\nselect 1;", "MS", "select 1;"},
		{"select 1 \\gset\nselect 2;", "SMS", "select 2;"},
		{"copy t from stdin;\na\tb\n\\.\nselect 1;", "SCS", "select 1;"},
		{"COPY t (a) FROM STDIN WITH (FORMAT csv);\n1\n\\.\n", "SC", "1\n\\.\n"},
		{"copy t from '/x';\nselect 1;", "SS", "select 1;"},
		{"create function f() returns int language sql begin atomic select 1; select 2; end; select 3;",
		 "SS", "select 3;"},
		{"create or replace procedure p() language sql begin atomic "
		 "select case when true then 1 end; end; x;", "SS", "x;"},
		{"create function f() returns int as $$ begin return 1; end $$ language plpgsql; x;", "SS", "x;"},
		{"-- miglint:ignore MG201\nselect 1;", "DS", "select 1;"},
		{"select 1 -- miglint:ignore X\n;", "DS", "select 1 -- miglint:ignore X\n;"},
		{"select 'unterminated; x", "S", "select 'unterminated; x"},
		{"", "", NULL},
		{"  \n ; ", "S", ";"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		mg_piece *p = NULL;
		size_t n = 0;
		const char *sql = cases[i].sql;
		mg_split(&p, &n, sql, 0, strlen(sql));
		char kinds[64] = {0};
		for (size_t k = 0; k < n && k < 63; k++)
			kinds[k] = "SMCD"[p[k].kind];
		if (strcmp(kinds, cases[i].expect) != 0)
			fail_msg("case %zu (%s): got %s, want %s", i, sql, kinds, cases[i].expect);
		if (cases[i].last) {
			const mg_piece *l = &p[n - 1];
			assert_int_equal(l->end - l->start, strlen(cases[i].last));
			assert_memory_equal(sql + l->start, cases[i].last, strlen(cases[i].last));
		}
		free(p);
	}
}

static void tokens(void **state)
{
	(void)state;
	const char *t = "public.\"My Table\" x  /* c */ -- d\n y ===  'a''b' E'\\'' $q$z$q$";
	size_t end = strlen(t);
	assert_int_equal(mg_lex_name_end(t, 0, end), 17);
	assert_int_equal(mg_lex_token_end(t, 0, end), 6);
	size_t y = mg_lex_skip_trivia(t, 19, end);
	assert_int_equal(t[y], 'y');
	size_t op = mg_lex_skip_trivia(t, y + 1, end);
	assert_int_equal(mg_lex_token_end(t, op, end) - op, 3);
	size_t str = mg_lex_skip_trivia(t, op + 3, end);
	assert_int_equal(mg_lex_token_end(t, str, end) - str, 6);
	size_t e = mg_lex_skip_trivia(t, str + 6, end);
	assert_int_equal(mg_lex_token_end(t, e, end) - e, 5);
	size_t dq = mg_lex_skip_trivia(t, e + 5, end);
	assert_int_equal(mg_lex_token_end(t, dq, end), end);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(pieces),
		cmocka_unit_test(tokens),
	};
	return cmocka_run_group_tests_name("split", tests, NULL, NULL);
}
