/* MG119 requirement-planned-later: a chain rule, checked over sqitch plans by framework_sqitch.c. */
#include "miglint/rule.h"

#include "docs/requirement_planned_later.h"

const mg_rule mg_rule_requirement_planned_later = {
	.code = "MG119",
	.name = "requirement-planned-later",
	.severity = MG_SEV_ERROR,
	.summary = "a sqitch change requires a change that the plan deploys after it",
	.help = "move the required change above its dependent in sqitch.plan",
	.doc = doc,
	.kind = MG_RULE_CHAIN,
};
