/* The engine's configuration, shared by engine.c (which builds it) and check.c (which reads
 * which rules are on and how severe); not for rules. */
#ifndef MIGLINT_ENGINE_INTERNAL_H
#define MIGLINT_ENGINE_INTERNAL_H

#include "miglint/engine.h"
#include "miglint/rule.h"

#include <stdbool.h>
#include <stddef.h>

struct mg_engine {
	const mg_rule *const *rules;    /* the registry (mg_rules_all) */
	size_t rule_count;
	bool *enabled;                  /* by registry index */
	mg_severity *severity;          /* by registry index */
	int pg_version;
	bool down_full;
	bool lock_timeout_by_runner;
	bool fixes;                     /* fix edits are wanted (mg_engine_options) */
	const mg_rule ***by_tag;        /* by node tag: NULL-terminated rule lists */
	size_t tag_count;
	const mg_rule **file_hooks;     /* enabled rules with a check_file hook, NULL-terminated */
};

/* The registry index of r, or rule_count. Inline so that check.c reads the configuration
 * without calling into engine.c (which calls check.c). */
static inline size_t mg_engine_rule_index(const mg_engine *eng, const mg_rule *r)
{
	for (size_t i = 0; i < eng->rule_count; i++)
		if (eng->rules[i] == r)
			return i;
	return eng->rule_count;
}

#endif
