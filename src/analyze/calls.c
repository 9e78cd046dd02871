/* Call rules: the hooks that read Python operations (op.create_index, ...) run here, over the
 * calls a migration reader found. Reporting is in call_report.c. */
#include "miglint/call_check.h"

void mg_calls_check(const mg_engine *eng, const mg_source *src, const mg_py_token *tokens,
		    const mg_py_call *calls, size_t n, const char *tool, const char *transaction,
		    mg_call_sink sink, void *sink_arg)
{
	size_t count;
	const mg_rule *const *rules = mg_rules_all(&count);
	for (size_t r = 0; r < count; r++) {
		if (!rules[r]->check_call || !mg_engine_enabled(eng, rules[r]))
			continue;
		mg_call_check c = {.rule = rules[r], .severity = mg_engine_severity(eng, rules[r]),
				   .src = src, .tokens = tokens, .tool = tool, .sink = sink,
				   .sink_arg = sink_arg};
		for (size_t i = 0; i < n; i++) {
			c.transaction_reason = calls[i].autocommit ? NULL : transaction;
			rules[r]->check_call(&c, &calls[i]);
		}
	}
}
