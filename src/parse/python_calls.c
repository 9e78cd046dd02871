/* Method calls in Python source, from the token stream (python.h): enough to read what a
 * migration's functions call, without running them. */
#include "miglint/python_calls.h"

#include "miglint/common.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool mg_py_token_is(const char *src, const mg_py_token *t, const char *text)
{
	size_t n = strlen(text);
	return (t->kind == MG_PY_NAME || t->kind == MG_PY_OP) && t->end - t->start == n &&
	       memcmp(src + t->start, text, n) == 0;
}

/* Where the reader is: the module-level def, and the indent of an open autocommit block. */
typedef struct place {
	char function[128];
	int autocommit_indent; /* indent of the `with ... autocommit_block()` line, or -1 */
	size_t autocommit_from; /* the block's first token: the with line itself runs before it */
} place;

static void follow(place *p, const char *s, const mg_py_token *t, size_t n, size_t i)
{
	if (!t[i].first)
		return;
	if (p->autocommit_indent >= 0 && t[i].indent <= p->autocommit_indent)
		p->autocommit_indent = -1; /* the with block has ended */
	if (mg_py_token_is(s, &t[i], "with")) {
		size_t k = i + 1;
		bool autocommit = false;
		for (; k < n && t[k].kind != MG_PY_NEWLINE; k++)
			autocommit = autocommit || mg_py_token_is(s, &t[k], "autocommit_block");
		if (autocommit) {
			p->autocommit_indent = t[i].indent;
			p->autocommit_from = k;
		}
	}
	if (t[i].indent != 0)
		return;
	if (mg_py_token_is(s, &t[i], "def") && i + 1 < n && t[i + 1].kind == MG_PY_NAME)
		snprintf(p->function, sizeof(p->function), "%.*s",
			 (int)(t[i + 1].end - t[i + 1].start), s + t[i + 1].start);
	else if (!mg_py_token_is(s, &t[i], "@") && !mg_py_token_is(s, &t[i], "async"))
		p->function[0] = '\0'; /* module-level code after the def */
}

/* Splits the call's arguments at its own depth's commas; `name=value` is a keyword one. */
static void read_args(mg_py_call *c, const char *s, const mg_py_token *t, size_t n)
{
	int depth = t[c->open].depth + 1;
	size_t k = c->open + 1;
	MG_VEC(mg_py_arg) args = {0};
	while (k < c->close) {
		size_t start = k;
		while (k < c->close && !(t[k].depth == depth && mg_py_token_is(s, &t[k], ",")))
			k++;
		if (k > start) {
			mg_py_arg a = {.first = start, .end = k};
			if (k - start >= 2 && t[start].kind == MG_PY_NAME &&
			    mg_py_token_is(s, &t[start + 1], "=")) {
				a.has_keyword = true;
				a.keyword = start;
				a.first = start + 2;
			}
			MG_VEC_PUSH(args, a);
		}
		k++; /* the comma */
	}
	(void)n;
	c->args = args.items;
	c->arg_count = args.len;
}

/* The tokenizer gives a closing bracket the depth inside it: one more than its opening's. */
static size_t closing(const char *s, const mg_py_token *t, size_t n, size_t open)
{
	for (size_t k = open + 1; k < n; k++)
		if (t[k].depth == t[open].depth + 1 && mg_py_token_is(s, &t[k], ")"))
			return k;
	return n;
}

void mg_py_calls(mg_py_call **out, size_t *count_out, const char *src, const mg_py_token *toks,
		 size_t n)
{
	MG_VEC(mg_py_call) calls = {0};
	place p = {.autocommit_indent = -1};
	for (size_t i = 0; i < n; i++) {
		follow(&p, src, toks, n, i);
		bool is_call = i >= 2 && toks[i].kind == MG_PY_NAME &&
			       mg_py_token_is(src, &toks[i - 1], ".") && i + 1 < n &&
			       mg_py_token_is(src, &toks[i + 1], "(");
		if (!is_call)
			continue;
		mg_py_call c = {.receiver = i - 2, .method = i, .open = i + 1};
		c.close = closing(src, toks, n, c.open);
		c.function = mg_xstrdup(p.function);
		c.autocommit = p.autocommit_indent >= 0 && i > p.autocommit_from;
		read_args(&c, src, toks, n);
		MG_VEC_PUSH(calls, c);
	}
	*out = calls.items;
	*count_out = calls.len;
}

void mg_py_calls_free(mg_py_call *calls, size_t count)
{
	for (size_t i = 0; i < count; i++) {
		free(calls[i].function);
		free(calls[i].args);
	}
	free(calls);
}

const mg_py_arg *mg_py_call_keyword(const char *src, const mg_py_token *toks,
				    const mg_py_call *c, const char *name)
{
	for (size_t i = 0; i < c->arg_count; i++)
		if (c->args[i].has_keyword && mg_py_token_is(src, &toks[c->args[i].keyword], name))
			return &c->args[i];
	return NULL;
}

bool mg_py_arg_is(const char *src, const mg_py_token *toks, const mg_py_arg *a, const char *text)
{
	return a->end == a->first + 1 && mg_py_token_is(src, &toks[a->first], text);
}
