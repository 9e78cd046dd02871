/* MG906 psql-meta-command: a backslash command (\i, \set, ...) is psql's, not SQL: only
 * psql runs it. miglint skips it and says so. */
#include "miglint/check.h"
#include "miglint/file_check.h"
#include "miglint/split.h"

#include "docs/psql_meta_command.h"

static void check_file(mg_file_check *fc)
{
	if (fc->phase != MG_FILE_LINTED)
		return;
	const char *t = fc->unit->text;
	for (size_t i = 0; i < fc->skipped.len; i++) {
		const mg_piece *p = &fc->skipped.items[i];
		if (p->kind != MG_PIECE_META)
			continue;
		size_t command_end = mg_lex_token_end(t, p->start + 1, p->end);
		mg_file_report(fc, p->start, p->end - p->start,
			       mg_xasprintf("psql meta-command \"%.*s\" is not SQL; it was skipped",
					    (int)(command_end - p->start), t + p->start));
	}
}

const mg_rule mg_rule_psql_meta_command = {
	.code = "MG906",
	.name = "psql-meta-command",
	.severity = MG_SEV_INFO,
	.summary = "a psql meta-command is not SQL and was skipped",
	.help = "run the file with psql, or keep psql commands out of migrations",
	.doc = doc,
	.kind = MG_RULE_FILE,
	.check_file = check_file,
};
