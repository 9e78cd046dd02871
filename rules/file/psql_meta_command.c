/* MG906 psql-meta-command: reported by the engine itself (engine.c), so it has no check function. */
#include "miglint/rule.h"

#include "docs/psql_meta_command.h"

const mg_rule mg_rule_psql_meta_command = {
	.code = "MG906",
	.name = "psql-meta-command",
	.severity = MG_SEV_INFO,
	.summary = "a psql meta-command is not SQL and was skipped",
	.help = "run the file with psql, or keep psql commands out of migrations",
	.doc = doc,
	.kind = MG_RULE_FILE,
};
