/* MG907 copy-from-stdin-data: reported by the engine itself (engine.c), so it has no check function. */
#include "miglint/rule.h"

#include "docs/copy_from_stdin_data.h"

const mg_rule mg_rule_copy_from_stdin_data = {
	.code = "MG907",
	.name = "copy-from-stdin-data",
	.severity = MG_SEV_INFO,
	.summary = "COPY ... FROM STDIN data was skipped",
	.help = "nothing to fix when psql runs the file; a migration tool needs INSERT instead",
	.doc = doc,
	.kind = MG_RULE_FILE,
};
