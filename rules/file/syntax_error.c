/* MG901 syntax-error: reported by the engine itself (engine.c), so it has no check function. */
#include "miglint/rule.h"

#include "docs/syntax_error.h"

const mg_rule mg_rule_syntax_error = {
	.code = "MG901",
	.name = "syntax-error",
	.severity = MG_SEV_ERROR,
	.summary = "a statement is not valid PostgreSQL",
	.help = "fix the statement; PostgreSQL rejects it before anything runs",
	.doc = doc,
	.kind = MG_RULE_FILE,
};
