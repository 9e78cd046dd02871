/* MG902 unreadable-file: reported by the engine itself (engine.c), so it has no check function. */
#include "miglint/rule.h"

#include "docs/unreadable_file.h"

const mg_rule mg_rule_unreadable_file = {
	.code = "MG902",
	.name = "unreadable-file",
	.severity = MG_SEV_ERROR,
	.summary = "a migration file cannot be read",
	.help = "check the file's permissions and that it is a regular file",
	.doc = doc,
	.kind = MG_RULE_FILE,
};
