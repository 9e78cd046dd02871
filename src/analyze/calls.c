/* Call rules: the hooks that read Python operations (op.create_index, ...) run here, over the
 * calls a migration reader found. Reporting is in call_report.c. */
#include "miglint/call_check.h"

#include "miglint/common.h"
#include "miglint/python.h"

#include <stdlib.h>
#include <string.h>

/* The SQL of op.execute("...") when it is one plain string literal ending or starting a
 * transaction: +1 for BEGIN / START TRANSACTION, -1 for COMMIT / END / ROLLBACK, else 0. */
static int transaction_switch(const char *s, const mg_py_token *t, const mg_py_call *call)
{
	if (!mg_py_token_is(s, &t[call->receiver], "op") ||
	    !mg_py_token_is(s, &t[call->method], "execute") || call->arg_count != 1 ||
	    call->args[0].has_keyword || call->args[0].end != call->args[0].first + 1 ||
	    t[call->args[0].first].kind != MG_PY_STRING)
		return 0;
	char *sql = NULL;
	if (mg_py_string(&sql, NULL, s, &t[call->args[0].first]) != MG_PY_STR) {
		free(sql);
		return 0;
	}
	size_t a = strspn(sql, " \t\r\n"), n = strlen(sql);
	while (n > a && strchr(" \t\r\n;", sql[n - 1]))
		n--;
	const char *w = sql + a;
	size_t len = n - a;
	int sw = (len == 5 && mg_ieq(w, 5, "BEGIN")) ||
		 (len == 17 && mg_ieq(w, 17, "START TRANSACTION")) ? 1
	       : (len == 6 && mg_ieq(w, 6, "COMMIT")) || (len == 3 && mg_ieq(w, 3, "END")) ||
		 (len == 8 && mg_ieq(w, 8, "ROLLBACK")) ? -1 : 0;
	free(sql);
	return sw;
}

/* The transaction each call runs in: the tool's, but none inside an autocommit block, nor
 * after op.execute("COMMIT") in the same function: the driver believes its transaction is
 * still open and sends no new BEGIN, so what follows runs outside one (the known workaround
 * for statements that refuse a transaction block), until op.execute("BEGIN"). */
static const char **call_transactions(const mg_source *src, const mg_py_token *t,
				      const mg_py_call *calls, size_t n, const char *transaction)
{
	const char **out = mg_xcalloc(n ? n : 1, sizeof(*out));
	bool committed = false;
	for (size_t i = 0; i < n; i++) {
		if (i > 0 && strcmp(calls[i].function, calls[i - 1].function) != 0)
			committed = false;
		out[i] = calls[i].autocommit || committed ? NULL : transaction;
		int sw = transaction_switch(src->text, t, &calls[i]);
		if (sw)
			committed = sw < 0;
	}
	return out;
}

void mg_calls_check(const mg_engine *eng, const mg_source *src, const mg_py_token *tokens,
		    const mg_py_call *calls, size_t n, const char *tool, const char *transaction,
		    mg_call_sink sink, void *sink_arg)
{
	size_t count;
	const mg_rule *const *rules = mg_rules_all(&count);
	const char **transactions = call_transactions(src, tokens, calls, n, transaction);
	for (size_t r = 0; r < count; r++) {
		if (!rules[r]->check_call || !mg_engine_enabled(eng, rules[r]))
			continue;
		mg_call_check c = {.rule = rules[r], .severity = mg_engine_severity(eng, rules[r]),
				   .src = src, .tokens = tokens, .tool = tool, .sink = sink,
				   .sink_arg = sink_arg};
		for (size_t i = 0; i < n; i++) {
			c.transaction_reason = transactions[i];
			rules[r]->check_call(&c, &calls[i]);
		}
	}
	free(transactions);
}
