/* MG116 partner-name-mismatch: a chain rule, checked over each version-ordered folder by layout.c. */
#include "miglint/rule.h"

#include "docs/partner_name_mismatch.h"

const mg_rule mg_rule_partner_name_mismatch = {
	.code = "MG116",
	.name = "partner-name-mismatch",
	.severity = MG_SEV_WARNING,
	.summary = "the up and down scripts of one version have different titles",
	.help = "give both files the same title",
	.doc = doc,
	.kind = MG_RULE_CHAIN,
};
