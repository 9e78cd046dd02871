/* What a call rule (MG_RULE_CALL), or the call hook (check_call) of another rule, is given:
 * one Python operation of a migration (`op.create_index(...)`, python_calls.h), the file it
 * is in, and the transaction the migration tool runs it in. The rule decides what is a
 * finding and reports it with mg_call_report; mg_calls_check runs every enabled hook. */
#ifndef MIGLINT_CALL_CHECK_H
#define MIGLINT_CALL_CHECK_H

#include "miglint/engine.h"
#include "miglint/python_calls.h"
#include "miglint/source.h"

#include <stddef.h>

/* Where the findings of a file's calls go (the reader's list for that file). */
typedef void (*mg_call_sink)(void *arg, mg_finding *f);

typedef struct mg_call_check {
	const mg_rule *rule;            /* the rule whose hook runs */
	mg_severity severity;           /* what its findings are reported as */
	const mg_source *src;           /* the Python file */
	const mg_py_token *tokens;      /* its tokens */
	const char *tool;               /* the migration tool, for messages ("Alembic") */
	const char *transaction_reason; /* why the call runs inside a transaction (the tool's,
					 * unless in an autocommit block), or NULL */
	mg_call_sink sink;
	void *sink_arg;
} mg_call_check;

/* Reports a finding of the running rule over the file's bytes [offset, offset + length)
 * (message taken), placed and handed to the sink. Returns it to add help to. (It lives in a
 * file of its own, call_report.c, so that a rule calling it never reaches the registry that
 * lists the rule.) */
mg_finding *mg_call_report(mg_call_check *c, size_t offset, size_t length, char *message);

/* Runs the call hook of every enabled rule over each call of calls[0..n). `transaction`
 * (the tool's transaction around the migration, or NULL) is given to calls outside an
 * autocommit block. */
void mg_calls_check(const mg_engine *eng, const mg_source *src, const mg_py_token *tokens,
		    const mg_py_call *calls, size_t n, const char *tool, const char *transaction,
		    mg_call_sink sink, void *sink_arg);

#endif
