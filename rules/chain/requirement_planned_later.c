/* MG119 requirement-planned-later: sqitch deploys in plan order and stops at a change whose
 * requirement is planned after it. */
#include "miglint/chain_check.h"

#include "docs/requirement_planned_later.h"

static void check_chain(mg_chain_check *c)
{
	if (c->shape != MG_CHAIN_PLAN)
		return;
	const mg_sqitch_plan *p = c->set->sqitch_plan;
	for (size_t i = 0; i < p->changes.len; i++) {
		const mg_sqitch_change *ch = &p->changes.items[i];
		for (size_t k = 0; k < ch->require_count; k++) {
			if (ch->resolved[k] != MG_SQITCH_REQUIRES_LATER)
				continue;
			const char *dep = ch->requires[k];
			size_t at = ch->required_at[k];
			mg_chain_report_line(c, p->path, ch->line, ch->text, ch->key,
				mg_xasprintf("change \"%s\" requires \"%s\", which is planned %zu change%s "
					     "later (line %d): sqitch deploy stops", ch->name, dep, at - i,
					     at - i == 1 ? "" : "s", p->changes.items[at].line),
				mg_xasprintf("move \"%s\" below \"%s\" in sqitch.plan", ch->name, dep));
		}
	}
}

const mg_rule mg_rule_requirement_planned_later = {
	.code = "MG119",
	.name = "requirement-planned-later",
	.severity = MG_SEV_ERROR,
	.summary = "a sqitch change requires a change that the plan deploys after it",
	.help = "move the required change above its dependent in sqitch.plan",
	.doc = doc,
	.kind = MG_RULE_CHAIN,
	.check_chain = check_chain,
};
