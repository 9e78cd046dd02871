#include "miglint/placeholders.h"

#include "miglint/split.h"

#include <string.h>

static bool is_name_start(unsigned char c)
{
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

static bool is_name_char(unsigned char c)
{
	return is_name_start(c) || (c >= '0' && c <= '9');
}

/* :name, :'name', :"name" at t[i] (not part of a :: cast): its length, or 0. */
static size_t colon_placeholder(const char *t, size_t i, size_t start, size_t end)
{
	if (t[i] != ':' || (i > start && t[i - 1] == ':') || i + 1 >= end)
		return 0;
	unsigned char c = (unsigned char)t[i + 1];
	if (c == '\'' || c == '"') {
		const char *close = memchr(t + i + 2, (char)c, end - i - 2);
		return close ? (size_t)(close - t) + 1 - i : 0;
	}
	size_t j = i + 1;
	if (!is_name_start(c))
		return 0;
	while (j < end && is_name_char((unsigned char)t[j]))
		j++;
	return j - i;
}

/* %s or %(name)s at t[i]: its length, or 0. */
static size_t percent_placeholder(const char *t, size_t i, size_t end)
{
	if (t[i] != '%' || i + 1 >= end)
		return 0;
	if (t[i + 1] == 's' && (i + 2 >= end || !is_name_char((unsigned char)t[i + 2])))
		return 2;
	if (t[i + 1] != '(')
		return 0;
	const char *close = memchr(t + i + 2, ')', end - i - 2);
	size_t c = close ? (size_t)(close - t) : end;
	return c + 1 < end && t[c + 1] == 's' ? c + 2 - i : 0;
}

/* Rewrites the n bytes at p: :name becomes _name (a name where a name or a value goes), :'x'
 * and :"x" lose their colon (a string, a quoted name), a bind parameter becomes $1. */
static void mask(char *p, size_t n, bool parameter)
{
	if (parameter) {
		memset(p, ' ', n);
		p[0] = '$';
		p[1] = '1';
	} else if (p[1] == '\'' || p[1] == '"') {
		p[0] = ' ';
	} else {
		p[0] = '_';
	}
}

size_t mg_placeholders_mask(char *t, size_t start, size_t end, mg_placeholder_style style)
{
	size_t masked = 0;
	for (size_t i = mg_lex_skip_trivia(t, start, end); i < end;) {
		size_t n = colon_placeholder(t, i, start, end);
		bool parameter = false;
		if (!n && style == MG_PLACEHOLDERS_BINDS) {
			n = percent_placeholder(t, i, end);
			parameter = n > 0;
		}
		if (n && style == MG_PLACEHOLDERS_BINDS && t[i] == ':' &&
		    (t[i + 1] == '\'' || t[i + 1] == '"'))
			n = 0; /* psql's forms only */
		if (n) {
			mask(t + i, n, parameter);
			masked++;
			i = mg_lex_skip_trivia(t, i + n, end);
			continue;
		}
		i = mg_lex_skip_trivia(t, mg_lex_token_end(t, i, end), end);
	}
	return masked;
}
