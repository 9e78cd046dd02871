#include "miglint/split.h"

#include "miglint/common.h"

#include <pthread.h>
#include <stdbool.h>
#include <string.h>

typedef MG_VEC(mg_piece) piece_vec;

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static inline bool is_ident_start(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
}

static inline bool is_ident_char(unsigned char c)
{
	return is_ident_start(c) || (c >= '0' && c <= '9') || c == '$';
}

static size_t line_end(const char *t, size_t i, size_t end)
{
	while (i < end && t[i] != '\n' && t[i] != '\r')
		i++;
	return i;
}

/* Block comments nest in PostgreSQL, unlike in C. */
static size_t block_comment_end(const char *t, size_t i, size_t end)
{
	int depth = 0;
	while (i < end) {
		if (t[i] == '/' && i + 1 < end && t[i + 1] == '*') {
			depth++;
			i += 2;
		} else if (t[i] == '*' && i + 1 < end && t[i + 1] == '/') {
			i += 2;
			if (--depth == 0)
				return i;
		} else {
			i++;
		}
	}
	return end;
}

/* A quoted string or name; `backslash` for E'' strings where \' does not end the string. */
static size_t quoted_end(const char *t, size_t i, size_t end, char q, bool backslash)
{
	i++;
	while (i < end) {
		if (backslash && t[i] == '\\') {
			i += 2;
		} else if (t[i] == q) {
			if (i + 1 < end && t[i + 1] == q)
				i += 2;
			else
				return i + 1;
		} else {
			i++;
		}
	}
	return end;
}

/* If a dollar quote opens at i, returns its end; otherwise 0. */
static size_t dollar_quote_end(const char *t, size_t i, size_t end)
{
	size_t j = i + 1;
	if (j < end && (unsigned char)t[j] >= '0' && (unsigned char)t[j] <= '9')
		return 0;
	while (j < end && t[j] != '$' && is_ident_char((unsigned char)t[j]))
		j++;
	if (j >= end || t[j] != '$')
		return 0;
	size_t tag_len = j - i + 1;
	for (size_t k = j + 1; k + tag_len <= end; k++) {
		if (t[k] == '$' && memcmp(t + k, t + i, tag_len) == 0)
			return k + tag_len;
	}
	return end;
}

size_t mg_lex_skip_trivia(const char *t, size_t i, size_t end)
{
	while (i < end) {
		if (is_space(t[i]))
			i++;
		else if (t[i] == '-' && i + 1 < end && t[i + 1] == '-')
			i = line_end(t, i, end);
		else if (t[i] == '/' && i + 1 < end && t[i + 1] == '*')
			i = block_comment_end(t, i, end);
		else
			break;
	}
	return i;
}

size_t mg_lex_token_end(const char *t, size_t i, size_t end)
{
	if (i >= end)
		return end;
	unsigned char c = (unsigned char)t[i];
	if (c == '"')
		return quoted_end(t, i, end, '"', false);
	if (c == '\'')
		return quoted_end(t, i, end, '\'', false);
	if (c == '$') {
		size_t q = dollar_quote_end(t, i, end);
		if (q)
			return q;
		i++;
		while (i < end && t[i] >= '0' && t[i] <= '9')
			i++;
		return i;
	}
	if (is_ident_start(c)) {
		size_t j = i;
		while (j < end && is_ident_char((unsigned char)t[j]))
			j++;
		if (j < end && t[j] == '\'' && j - i == 1)
			return quoted_end(t, j, end, '\'', t[i] == 'e' || t[i] == 'E');
		return j;
	}
	if (c >= '0' && c <= '9') {
		while (i < end && (is_ident_char((unsigned char)t[i]) || t[i] == '.'))
			i++;
		return i;
	}
	/* An operator is a run of operator characters that does not start a comment. */
	const char *ops = "+-*/<>=~!@#%^&|`?";
	size_t j = i;
	while (j < end && strchr(ops, t[j]) && t[j] &&
	       !(t[j] == '-' && j + 1 < end && t[j + 1] == '-') &&
	       !(t[j] == '/' && j + 1 < end && t[j + 1] == '*'))
		j++;
	return j > i ? j : i + 1;
}

size_t mg_lex_name_end(const char *t, size_t i, size_t end)
{
	size_t j = mg_lex_token_end(t, i, end);
	while (j < end && t[j] == '.' && j + 1 < end &&
	       (t[j + 1] == '"' || is_ident_start((unsigned char)t[j + 1])))
		j = mg_lex_token_end(t, j + 1, end);
	return j;
}

static bool is_directive_comment(const char *t, size_t i, size_t end)
{
	i += 2;
	while (i < end && (t[i] == ' ' || t[i] == '\t'))
		i++;
	return end - i >= 8 && memcmp(t + i, "miglint:", 8) == 0;
}

/* What a statement's first words say about how it must be split. */
typedef struct stmt_state {
	int words;           /* identifiers seen so far (only the first few matter) */
	bool is_routine;     /* CREATE [OR REPLACE] FUNCTION/PROCEDURE: BEGIN ATOMIC may follow */
	int begin_depth;     /* open BEGIN ... END blocks in a routine body */
	bool is_copy;        /* first word COPY */
	bool prev_from;      /* previous word was FROM */
	bool from_stdin;     /* COPY ... FROM STDIN: data lines follow the statement */
	bool create;         /* first word CREATE */
	bool or_replace;     /* CREATE OR ... */
} stmt_state;

static void see_word(stmt_state *s, const char *w, size_t n)
{
	s->words++;
	if (s->words == 1) {
		s->create = mg_ieq(w, n, "create");
		s->is_copy = mg_ieq(w, n, "copy");
	} else if (s->create && s->words == 2 && mg_ieq(w, n, "or")) {
		s->or_replace = true;
	} else if (s->create && (s->words == 2 || (s->or_replace && s->words == 4)) &&
		   (mg_ieq(w, n, "function") || mg_ieq(w, n, "procedure"))) {
		s->is_routine = true;
	}
	/* psql counts BEGIN/CASE/END the same way to find the end of a BEGIN ATOMIC body. */
	if (s->is_routine) {
		if (mg_ieq(w, n, "begin"))
			s->begin_depth++;
		else if (s->begin_depth > 0 && mg_ieq(w, n, "case"))
			s->begin_depth++;
		else if (s->begin_depth > 0 && mg_ieq(w, n, "end"))
			s->begin_depth--;
	}
	if (s->is_copy) {
		if (s->prev_from && mg_ieq(w, n, "stdin"))
			s->from_stdin = true;
		s->prev_from = mg_ieq(w, n, "from");
	}
}

/* Skips COPY data: lines up to one that is exactly "\." (psql's end-of-data marker). */
static size_t copy_data_end(const char *t, size_t i, size_t end)
{
	while (i < end) {
		size_t e = line_end(t, i, end);
		bool marker = e - i == 2 && t[i] == '\\' && t[i + 1] == '.';
		i = e;
		if (i < end && t[i] == '\r')
			i++;
		if (i < end && t[i] == '\n')
			i++;
		if (marker)
			return i;
	}
	return end;
}

static void push(piece_vec *v, mg_piece_kind kind, size_t start, size_t end)
{
	mg_piece p = {kind, start, end};
	MG_VEC_PUSH(*v, p);
}

/* Bytes that can change the splitter's state; everything else is skipped in a tight loop.
 * Words matter only at a statement's start and in routines and COPY (special_words); in the
 * rest of a statement (special) a word is only checked where a quote or $ follows it. */
static bool special[256], special_words[256];

static void init_special(void)
{
	const char *chars = ";\\-/'\"$";
	for (const char *p = chars; *p; p++)
		special[(unsigned char)*p] = special_words[(unsigned char)*p] = true;
	for (int c = 0; c < 256; c++)
		if (is_ident_start((unsigned char)c))
			special_words[c] = true;
}

/* Scans one statement from i; returns where scanning resumes. */
static size_t scan_statement(piece_vec *v, const char *t, size_t i, size_t end)
{
	stmt_state s = {0};
	size_t start = i;
	while (i < end) {
		const bool *sp = s.words < 4 || s.is_routine || s.is_copy ? special_words : special;
		while (i < end && !sp[(unsigned char)t[i]])
			i++;
		if (i >= end)
			break;
		unsigned char c = (unsigned char)t[i];
		if (sp == special && i > start && is_ident_char((unsigned char)t[i - 1])) {
			/* inside a word we skipped: a$b is one name, E'..' an escape string */
			if (c == '$') {
				i++;
				continue;
			}
			if (c == '\'' && (t[i - 1] == 'e' || t[i - 1] == 'E') &&
			    (i - 1 == start || !is_ident_char((unsigned char)t[i - 2]))) {
				i = mg_lex_token_end(t, i - 1, end);
				continue;
			}
		}
		if (c == ';' && s.begin_depth == 0) {
			push(v, MG_PIECE_SQL, start, i + 1);
			i++;
			if (s.from_stdin) {
				i = line_end(t, i, end);
				i += (i < end && t[i] == '\r');
				i += (i < end && t[i] == '\n');
				size_t data_end = copy_data_end(t, i, end);
				if (data_end > i)
					push(v, MG_PIECE_COPY_DATA, i, data_end);
				i = data_end;
			}
			return i;
		}
		if (c == '\\') {
			/* psql ends the query buffer at a backslash command (\g, \gset, ...). */
			size_t stmt_end = i;
			while (stmt_end > start && is_space(t[stmt_end - 1]))
				stmt_end--;
			push(v, MG_PIECE_SQL, start, stmt_end);
			size_t e = line_end(t, i, end);
			push(v, MG_PIECE_META, i, e);
			return e;
		}
		if (c == '-' && i + 1 < end && t[i + 1] == '-') {
			size_t e = line_end(t, i, end);
			if (is_directive_comment(t, i, e))
				push(v, MG_PIECE_DIRECTIVE, i, e);
			i = e;
		} else if (c == '/' && i + 1 < end && t[i + 1] == '*') {
			i = block_comment_end(t, i, end);
		} else if (is_ident_start(c)) {
			size_t e = mg_lex_token_end(t, i, end);
			/* Only the first words, and the words of routines and COPY, matter. */
			if (s.words < 4 || s.is_routine || s.is_copy) {
				size_t word_end = i;
				while (word_end < e && is_ident_char((unsigned char)t[word_end]))
					word_end++;
				if (word_end == e)
					see_word(&s, t + i, e - i);
			}
			i = e;
		} else if (c == '\'' || c == '"' || c == '$') {
			i = mg_lex_token_end(t, i, end);
		} else {
			i++;
		}
	}
	size_t stmt_end = end;
	while (stmt_end > start && is_space(t[stmt_end - 1]))
		stmt_end--;
	if (stmt_end > start)
		push(v, MG_PIECE_SQL, start, stmt_end);
	return end;
}

void mg_split(mg_piece **out, size_t *count_out, const char *t, size_t from, size_t len)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, init_special);
	piece_vec v = {0};
	size_t i = from;
	while (i < len) {
		unsigned char c = (unsigned char)t[i];
		if (is_space((char)c)) {
			i++;
		} else if (c == '-' && i + 1 < len && t[i + 1] == '-') {
			size_t e = line_end(t, i, len);
			if (is_directive_comment(t, i, e))
				push(&v, MG_PIECE_DIRECTIVE, i, e);
			i = e;
		} else if (c == '/' && i + 1 < len && t[i + 1] == '*') {
			size_t e = block_comment_end(t, i, len);
			if (is_directive_comment(t, i, e))
				push(&v, MG_PIECE_DIRECTIVE, i, e);
			i = e;
		} else if (c == '\\') {
			size_t e = line_end(t, i, len);
			push(&v, MG_PIECE_META, i, e);
			i = e;
		} else {
			i = scan_statement(&v, t, i, len);
		}
	}
	*out = v.items;
	*count_out = v.len;
}
