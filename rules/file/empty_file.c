/* MG905 empty-file: reported by the engine itself (engine.c), so it has no check function. */
#include "miglint/rule.h"

#include "docs/empty_file.h"

const mg_rule mg_rule_empty_file = {
	.code = "MG905",
	.name = "empty-file",
	.severity = MG_SEV_WARNING,
	.summary = "a migration file has no SQL statement",
	.help = "add the migration's statements or delete the file",
	.doc = doc,
	.kind = MG_RULE_FILE,
};
