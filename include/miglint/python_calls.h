/* Method calls in Python source, read statically: `op.add_column("t", sa.Column(...))`,
 * `batch_op.create_index(..., postgresql_concurrently=True)`. For each call: the receiver
 * and method tokens, its arguments (positional or keyword, as token ranges), the module-level
 * function it is in, and whether it sits inside `with ... autocommit_block():`. The Alembic
 * reader takes op.execute SQL from these, and call rules (rule.h) read them. */
#ifndef MIGLINT_PYTHON_CALLS_H
#define MIGLINT_PYTHON_CALLS_H

#include "miglint/python.h"

#include <stdbool.h>
#include <stddef.h>

/* One argument: tokens [first, end) of its value; for a keyword argument, its name's token. */
typedef struct mg_py_arg {
	bool has_keyword;
	size_t keyword;     /* token index of the name before `=` */
	size_t first, end;  /* token indices of the value */
} mg_py_arg;

typedef struct mg_py_call {
	size_t receiver;    /* token index of what the method is called on (`op`, `)` of a call) */
	size_t method;      /* token index of the method name */
	size_t open, close; /* token indices of the parentheses (close: the token count when the
			     * call is not closed) */
	char *function;     /* the module-level def it is in ("upgrade"), "" at module level */
	bool autocommit;    /* inside `with op.get_context().autocommit_block():` */
	mg_py_arg *args;    /* owned */
	size_t arg_count;
} mg_py_call;

/* Finds every `receiver.method(...)` call in toks[0..n) of src, in source order, into *out
 * (free with mg_py_calls_free). Always succeeds. */
void mg_py_calls(mg_py_call **out, size_t *count_out, const char *src, const mg_py_token *toks,
		 size_t n);
void mg_py_calls_free(mg_py_call *calls, size_t count);

/* True when token t is the name or operator `text`. */
bool mg_py_token_is(const char *src, const mg_py_token *t, const char *text);
/* The keyword argument `name` of call c, or NULL. */
const mg_py_arg *mg_py_call_keyword(const char *src, const mg_py_token *toks,
				    const mg_py_call *c, const char *name);
/* True when the argument's value is the single name or literal token `text` (True, None). */
bool mg_py_arg_is(const char *src, const mg_py_token *toks, const mg_py_arg *a,
		  const char *text);

#endif
