/* MG909 unknown-rule-in-suppression: reported by the engine itself (engine.c), so it has no check function. */
#include "miglint/rule.h"

#include "docs/unknown_rule_in_suppression.h"

const mg_rule mg_rule_unknown_rule_in_suppression = {
	.code = "MG909",
	.name = "unknown-rule-in-suppression",
	.severity = MG_SEV_WARNING,
	.summary = "a miglint directive names no known rule",
	.help = "use a code or name that 'miglint rules' lists",
	.doc = doc,
	.kind = MG_RULE_FILE,
};
