#include "miglint/sections.h"

#include "miglint/common.h"
#include "miglint/split.h"

#include <stdlib.h>
#include <string.h>

/* The text after "--" and spaces on a comment line starting at i, and its end. */
static bool comment_line(const char *t, size_t i, size_t len, size_t *body, size_t *end)
{
	while (i < len && (t[i] == ' ' || t[i] == '\t'))
		i++;
	if (i + 1 >= len || t[i] != '-' || t[i + 1] != '-')
		return false;
	i += 2;
	while (i < len && (t[i] == ' ' || t[i] == '\t'))
		i++;
	size_t e = i;
	while (e < len && t[e] != '\n' && t[e] != '\r')
		e++;
	*body = i;
	*end = e;
	return true;
}

static bool starts(const char *t, size_t i, size_t end, const char *word)
{
	size_t n = strlen(word);
	return end - i >= n && mg_ieq(t + i, n, word);
}

static bool has_word(const char *t, size_t i, size_t end, const char *word)
{
	size_t n = strlen(word);
	for (; i + n <= end; i++)
		if (mg_ieq(t + i, n, word))
			return true;
	return false;
}

void mg_sections_find(mg_sections *out, const char *t, size_t from, size_t len)
{
	*out = (mg_sections){MG_SECTIONS_NONE, len, false, false, len, len, len, {0}, {0}};
	bool goose_no_tx = false;
	for (size_t i = from; i < len;) {
		size_t body, end;
		if (comment_line(t, i, len, &body, &end)) {
			if (starts(t, body, end, "+goose ")) {
				out->tool = MG_SECTIONS_GOOSE;
				size_t w = body + 7;
				while (w < end && t[w] == ' ')
					w++;
				if (starts(t, w, end, "down") && out->down == len)
					out->down = i;
				else if (starts(t, w, end, "up") && out->up == len)
					out->up = i;
				else if (starts(t, w, end, "no transaction"))
					goose_no_tx = true;
				else if (starts(t, w, end, "statementbegin") && out->open_begin == len)
					out->open_begin = i;
				else if (starts(t, w, end, "statementend")) {
					MG_VEC_PUSH(out->statement_begins, out->open_begin);
					out->open_begin = len;
					MG_VEC_PUSH(out->statement_ends, i);
				}
				if (out->first_marker == len)
					out->first_marker = i;
			} else if (starts(t, body, end, "migrate:up")) {
				out->tool = MG_SECTIONS_DBMATE;
				if (out->up == len)
					out->up = i;
				if (out->first_marker == len)
					out->first_marker = i;
				out->up_in_transaction = !has_word(t, body, end, "transaction:false");
			} else if (starts(t, body, end, "migrate:down") && out->down == len) {
				out->tool = MG_SECTIONS_DBMATE;
				out->down = i;
				if (out->first_marker == len)
					out->first_marker = i;
				out->down_in_transaction = !has_word(t, body, end, "transaction:false");
			}
		}
		const char *nl = memchr(t + i, '\n', len - i);
		i = nl ? (size_t)(nl - t) + 1 : len;
	}
	if (out->tool == MG_SECTIONS_GOOSE)
		out->up_in_transaction = out->down_in_transaction = !goose_no_tx;
}

void mg_sections_dispose(mg_sections *m)
{
	free(m->statement_ends.items);
	memset(&m->statement_ends, 0, sizeof(m->statement_ends));
	free(m->statement_begins.items);
	memset(&m->statement_begins, 0, sizeof(m->statement_begins));
}

void mg_sections_runs(mg_unit_plan *out, const mg_sections *m, size_t body, size_t len,
		      const char *up_reason, const char *down_reason)
{
	out->runs[0] = (mg_unit_run){body, false, m->up_in_transaction ? up_reason : NULL};
	out->run_count = 1;
	if (m->down < len)
		out->runs[out->run_count++] =
			(mg_unit_run){m->down, true, m->down_in_transaction ? down_reason : NULL};
}

void mg_unit_plan_problem(mg_unit_plan *out, size_t offset, size_t length, char *message,
			  char *help)
{
	if (out->problem_count == MG_UNIT_MAX_PROBLEMS) {
		free(message);
		free(help);
		return;
	}
	out->problems[out->problem_count++] = (mg_unit_problem){offset, length, message, help};
}

void mg_sections_problems(mg_unit_plan *out, const mg_sections *m, const char *t, size_t body,
			  size_t len, const char *tool, const char *up_marker)
{
	if (m->up == len)
		mg_unit_plan_problem(out, m->first_marker, 0,
			mg_xasprintf("the file has no %s section: %s refuses it", up_marker, tool),
			mg_xasprintf("start the file with %s", up_marker));
	else if (m->down < m->up)
		mg_unit_plan_problem(out, m->down, 0,
			mg_xasprintf("the down section comes before %s: %s reads the up section from %s "
				     "to the end of the file", up_marker, tool, up_marker),
			mg_xstrdup("put the up section first"));
	size_t first_sql = mg_lex_skip_trivia(t, body, len);
	if (first_sql < m->first_marker)
		mg_unit_plan_problem(out, first_sql, mg_lex_token_end(t, first_sql, len) - first_sql,
			mg_xasprintf("SQL before the first %s marker belongs to no section; %s does "
				     "not run it as written", tool, tool),
			mg_xasprintf("move it below %s", up_marker));
}
