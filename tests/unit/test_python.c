/* The static Python reader: tokens, string forms, module-level assignments. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "miglint/python.h"

#include <stdlib.h>
#include <string.h>

typedef struct case_ {
	const char *src;
	const char *name;
	const char *expect; /* "None", "!" for not static, "-" for absent, else items joined by | */
} case_;

static char *read(const char *src, const char *name)
{
	mg_py_token *t;
	size_t n;
	mg_py_tokenize(&t, &n, src, strlen(src));
	mg_py_value v;
	mg_py_assignment(&v, src, t, n, name);
	static char out[256];
	if (!v.present)
		strcpy(out, "-");
	else if (!v.is_static)
		strcpy(out, "!");
	else if (v.is_none)
		strcpy(out, "None");
	else {
		out[0] = '\0';
		for (size_t i = 0; i < v.count; i++) {
			strcat(out, i ? "|" : "");
			strcat(out, v.items[i]);
		}
	}
	mg_py_value_dispose(&v);
	free(t);
	return out;
}

static void assignments(void **state)
{
	(void)state;
	static const case_ cases[] = {
		{"revision = 'abc'\n", "revision", "abc"},
		{"revision = \"abc\"  # comment\n", "revision", "abc"},
		{"revision: str = 'abc'\n", "revision", "abc"},
		{"down_revision: Union[str, None] = None\n", "down_revision", "None"},
		{"down_revision = ('a', 'b')\n", "down_revision", "a|b"},
		{"down_revision = ['a',\n    'b',  # two\n]\n", "down_revision", "a|b"},
		{"down_revision = 'a', 'b'\n", "down_revision", "a|b"},
		{"down_revision = \\\n    'a'\n", "down_revision", "a"},
		{"revision = 'ab' \"cd\"\n", "revision", "abcd"},
		{"revision = r'a\\b'\n", "revision", "a\\b"},
		{"revision = '''abc'''\n", "revision", "abc"},
		{"revision = 'a\\x41\\n'\n", "revision", "aA\n"},
		{"revision = f'{x}'\n", "revision", "!"},
		{"revision = b'abc'\n", "revision", "!"},
		{"revision = ids.NEXT\n", "revision", "!"},
		{"revision = make()\n", "revision", "!"},
		{"def f():\n    revision = 'no'\n", "revision", "-"},
		{"class C:\n    revision = 'no'\nrevision = 'yes'\n", "revision", "yes"},
		{"x = '''\nrevision = 'no'\n'''\n", "revision", "-"},
		{"# revision = 'no'\n", "revision", "-"},
		{"revision = 'a'\nrevision = 'b'\n", "revision", "b"},
		{"a = revision = 'c'\n", "revision", "c"},
		{"x = {'revision': 1}\n", "revision", "-"},
		{"f(revision='no')\n", "revision", "-"},
		{"revision = a = 'c'\n", "revision", "c"},
		{"revisions = 'no'\n", "revision", "-"},
		{"depends_on = ()\n", "depends_on", ""},
		{"revision = 'unterminated\n", "revision", "!"},
		{"revision = 'é'\n", "revision", "é"},
		{"if True:\n    revision = 'nested'\n", "revision", "-"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *got = read(cases[i].src, cases[i].name);
		if (strcmp(got, cases[i].expect) != 0)
			fail_msg("case %zu: %s: got '%s', want '%s'", i, cases[i].src, got, cases[i].expect);
	}
}

static void offsets(void **state)
{
	(void)state;
	const char *src = "revision: str = \"abc\"\ndown_revision = ('x',\n  'y')\n";
	mg_py_token *t;
	size_t n;
	mg_py_tokenize(&t, &n, src, strlen(src));
	mg_py_value v;
	mg_py_assignment(&v, src, t, n, "down_revision");
	assert_int_equal(v.count, 2);
	assert_int_equal(v.item_offsets[0], strchr(src, 'x') - src - 1);
	assert_int_equal(v.item_offsets[1], strchr(src, 'y') - src - 1);
	mg_py_value_dispose(&v);
	mg_py_assignment(&v, src, t, n, "revision");
	assert_int_equal(v.offset, 16);
	mg_py_value_dispose(&v);
	free(t);
}

static void string_map(void **state)
{
	(void)state;
	const char *src = "s = 'a\\nb'\n";
	mg_py_token *t;
	size_t n;
	mg_py_tokenize(&t, &n, src, strlen(src));
	char *value;
	size_t *map;
	assert_int_equal(mg_py_string(&value, &map, src, &t[2]), MG_PY_STR);
	assert_string_equal(value, "a\nb");
	assert_int_equal(map[0], 5); /* a */
	assert_int_equal(map[1], 6); /* the backslash of \n */
	assert_int_equal(map[2], 8); /* b */
	free(value);
	free(map);
	free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(assignments),
		cmocka_unit_test(offsets),
		cmocka_unit_test(string_map),
	};
	return cmocka_run_group_tests_name("python", tests, NULL, NULL);
}
