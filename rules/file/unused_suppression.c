/* MG908 unused-suppression: reported by the engine itself (engine.c), so it has no check function. */
#include "miglint/rule.h"

#include "docs/unused_suppression.h"

const mg_rule mg_rule_unused_suppression = {
	.code = "MG908",
	.name = "unused-suppression",
	.severity = MG_SEV_WARNING,
	.summary = "a miglint:ignore directive suppresses nothing",
	.help = "remove the directive, or the rule from it",
	.doc = doc,
	.kind = MG_RULE_FILE,
};
