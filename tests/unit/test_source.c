/* Line index and positions: LF, CRLF, lone CR, BOM, multi-byte code points, bad bytes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "miglint/source.h"

#include <string.h>

typedef struct case_ {
	const char *bytes;
	size_t len;
	size_t offset;
	int line, column;
} case_;

static void positions(void **state)
{
	(void)state;
	static const case_ cases[] = {
		{"abc", 3, 0, 1, 1},
		{"abc", 3, 2, 1, 3},
		{"abc", 3, 3, 1, 4},
		{"a\nb", 3, 2, 2, 1},
		{"a\r\nb", 4, 3, 2, 1},
		{"a\r\nb", 4, 1, 1, 2},       /* the CR of a CRLF is still line 1 */
		{"a\rb\rc", 5, 4, 3, 1},       /* lone CR ends a line */
		{"\xef\xbb\xbf" "ab", 5, 4, 1, 2}, /* a BOM is not a column */
		{"\xc3\xa9x", 3, 2, 1, 2},     /* é is one column */
		{"\xe2\x82\xac\xf0\x9f\x98\x80x", 8, 7, 1, 3}, /* € and an emoji */
		{"\tx", 2, 1, 1, 2},           /* a tab is one column */
		{"a\n\nb", 4, 3, 3, 1},
		{"", 0, 0, 1, 1},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		mg_source src;
		mg_source_from_bytes(&src, "t.sql", cases[i].bytes, cases[i].len);
		int line, column;
		mg_source_position(&src, cases[i].offset, &line, &column);
		assert_int_equal(line, cases[i].line);
		assert_int_equal(column, cases[i].column);
		mg_source_dispose(&src);
	}
}

static void bad_bytes(void **state)
{
	(void)state;
	mg_source src;
	mg_source_from_bytes(&src, "t.sql", "ab\0c\xff\xc3(", 7);
	assert_int_equal(src.first_nul, 2);
	assert_int_equal(src.first_bad_utf8, 4);
	assert_int_equal(src.text[2], ' '); /* NUL replaced so the parser sees the rest */
	mg_source_dispose(&src);
	/* an overlong encoding and a surrogate are not UTF-8 either */
	mg_source_from_bytes(&src, "t.sql", "x\xc0\xaf", 3);
	assert_int_equal(src.first_bad_utf8, 1);
	mg_source_dispose(&src);
	mg_source_from_bytes(&src, "t.sql", "\xed\xa0\x80", 3);
	assert_int_equal(src.first_bad_utf8, 0);
	mg_source_dispose(&src);
}

static void line_ranges(void **state)
{
	(void)state;
	mg_source src;
	mg_source_from_bytes(&src, "t.sql", "\xef\xbb\xbfone\r\ntwo\rthree", 17);
	size_t s, e;
	mg_source_line_range(&src, 1, &s, &e);
	assert_int_equal(s, 3);
	assert_int_equal(e, 6);
	mg_source_line_range(&src, 2, &s, &e);
	assert_memory_equal(src.text + s, "two", 3);
	assert_int_equal(e - s, 3);
	mg_source_line_range(&src, 3, &s, &e);
	assert_int_equal(e - s, 5);
	mg_source_dispose(&src);
}

static void missing_file(void **state)
{
	(void)state;
	mg_source src;
	mg_source_load(&src, "/nonexistent/miglint/x.sql", NULL);
	assert_non_null(src.read_error);
	assert_int_equal(src.len, 0);
	mg_source_dispose(&src);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(positions),
		cmocka_unit_test(bad_bytes),
		cmocka_unit_test(line_ranges),
		cmocka_unit_test(missing_file),
	};
	return cmocka_run_group_tests_name("source", tests, NULL, NULL);
}
