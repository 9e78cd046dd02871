/* MG909 unknown-rule-in-suppression: a miglint directive that is not ignore/ignore-file, or
 * names a rule that does not exist (a typo suppresses nothing). */
#include "miglint/check.h"
#include "miglint/file_check.h"
#include "miglint/split.h"

#include "docs/unknown_rule_in_suppression.h"

static void check_file(mg_file_check *fc)
{
	if (fc->phase != MG_FILE_LINTED)
		return;
	for (size_t i = 0; i < fc->directive_problems.len; i++) {
		const mg_directive_problem *p = &fc->directive_problems.items[i];
		mg_finding *f;
		if (!p->word) {
			f = mg_file_report(fc, p->offset, p->length, mg_xstrdup("unknown miglint directive"));
			mg_help(f, "write `-- miglint:ignore RULE` or `-- miglint:ignore-file RULE`");
		} else {
			f = mg_file_report(fc, p->offset, p->length,
					   mg_xasprintf("unknown rule \"%s\" in miglint directive", p->word));
			mg_help(f, "see `miglint rules` for the codes and names");
		}
	}
}

const mg_rule mg_rule_unknown_rule_in_suppression = {
	.code = "MG909",
	.name = "unknown-rule-in-suppression",
	.severity = MG_SEV_WARNING,
	.summary = "a miglint directive names no known rule",
	.help = "use a code or name that 'miglint rules' lists",
	.doc = doc,
	.kind = MG_RULE_FILE,
	.check_file = check_file,
};
