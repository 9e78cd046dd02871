/* MG908 unused-suppression: a directive word that suppressed no finding. Judged after the
 * suppressions are applied; a word whose rules are all switched off cannot match and is not
 * reported. */
#include "miglint/check.h"
#include "miglint/file_check.h"
#include "miglint/split.h"

#include "docs/unused_suppression.h"

static void check_file(mg_file_check *fc)
{
	if (fc->phase != MG_FILE_SUPPRESSED)
		return;
	for (size_t i = 0; i < fc->suppressions.len; i++) {
		const mg_suppression_use *u = &fc->suppressions.items[i];
		if (u->matched || !u->can_match)
			continue;
		mg_file_report(fc, u->offset, u->length,
			       mg_xasprintf("suppression of %s matches no finding %s", u->word,
					    u->whole_file ? "in this file" : "on the next statement"));
	}
}

const mg_rule mg_rule_unused_suppression = {
	.code = "MG908",
	.name = "unused-suppression",
	.severity = MG_SEV_WARNING,
	.summary = "a miglint:ignore directive suppresses nothing",
	.help = "remove the directive, or the rule from it",
	.doc = doc,
	.kind = MG_RULE_FILE,
	.check_file = check_file,
};
