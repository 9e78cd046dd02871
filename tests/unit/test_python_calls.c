/* The Python call reader: which method calls it finds, in which function, inside or outside
 * an autocommit block, and their keyword arguments. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "miglint/python_calls.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct case_ {
	const char *src;
	/* each call found, in order: "method@function:args", with A for an autocommit block
	 * and the keyword names among the args ("create_index@upgrade:3,k=postgresql_concurrently") */
	const char *expect;
} case_;

static void describe(char *out, size_t cap, const char *s, const mg_py_token *t,
		     const mg_py_call *calls, size_t n)
{
	size_t len = 0;
	out[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		const mg_py_call *c = &calls[i];
		len += (size_t)snprintf(out + len, cap - len, "%s%.*s@%s%s:%zu", i ? " " : "",
					(int)(t[c->method].end - t[c->method].start),
					s + t[c->method].start, c->function, c->autocommit ? "A" : "",
					c->arg_count);
		for (size_t k = 0; k < c->arg_count; k++)
			if (c->args[k].has_keyword)
				len += (size_t)snprintf(out + len, cap - len, ",k=%.*s",
							(int)(t[c->args[k].keyword].end -
							      t[c->args[k].keyword].start),
							s + t[c->args[k].keyword].start);
	}
}

static void calls_found(void **state)
{
	(void)state;
	static const case_ cases[] = {
		{"def upgrade():\n    op.add_column('t', sa.Column('a', sa.Integer()))\n",
		 "add_column@upgrade:2 Column@upgrade:2 Integer@upgrade:0"},
		{"def upgrade():\n    op.create_index('i', 't', ['a'], postgresql_concurrently=True)\n",
		 "create_index@upgrade:4,k=postgresql_concurrently"},
		{"def upgrade():\n    with op.get_context().autocommit_block():\n"
		 "        op.execute('VACUUM')\n    op.execute('SELECT 1')\n",
		 "get_context@upgrade:0 autocommit_block@upgrade:0 execute@upgradeA:1 execute@upgrade:1"},
		{"def downgrade():\n    op.drop_table(\n        'users',\n    )\n", /* trailing comma */
		 "drop_table@downgrade:1"},
		{"x = op.f('ix')\n", "f@:1"},                       /* module level */
		{"def upgrade():\n    pass\nop.execute('x')\n", "execute@:1"}, /* after the def */
		{"def upgrade():\n    op.execute(f(a, b), c=(1, 2))\n", "execute@upgrade:2,k=c"},
		{"def upgrade():\n    op.execute('x'\n", "execute@upgrade:1"}, /* never closed */
		{"print('a.b(c)')\n", ""},                          /* inside a string: no call */
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *s = cases[i].src;
		mg_py_token *t;
		size_t n, count;
		mg_py_tokenize(&t, &n, s, strlen(s));
		mg_py_call *calls;
		mg_py_calls(&calls, &count, s, t, n);
		char got[512];
		describe(got, sizeof(got), s, t, calls, count);
		if (strcmp(got, cases[i].expect) != 0)
			fail_msg("%s\n  expected %s\n  got      %s", s, cases[i].expect, got);
		mg_py_calls_free(calls, count);
		free(t);
	}
}

static void keyword_values(void **state)
{
	(void)state;
	const char *s = "op.create_index('i', 't', postgresql_concurrently=True, unique=False)\n";
	mg_py_token *t;
	size_t n, count;
	mg_py_tokenize(&t, &n, s, strlen(s));
	mg_py_call *calls;
	mg_py_calls(&calls, &count, s, t, n);
	assert_int_equal(count, 1);
	const mg_py_arg *a = mg_py_call_keyword(s, t, &calls[0], "postgresql_concurrently");
	assert_non_null(a);
	assert_true(mg_py_arg_is(s, t, a, "True"));
	a = mg_py_call_keyword(s, t, &calls[0], "unique");
	assert_non_null(a);
	assert_false(mg_py_arg_is(s, t, a, "True"));
	assert_null(mg_py_call_keyword(s, t, &calls[0], "if_not_exists"));
	mg_py_calls_free(calls, count);
	free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(calls_found),
		cmocka_unit_test(keyword_values),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
