/* MG911 database-dump: a pg_dump or pg_dumpall output kept beside the migrations (a schema
 * snapshot) is recognised by its banner and not linted: no tool runs it as a step of the
 * history, and its statements would all look like a migration that cannot run twice. Said
 * once, as information, so that a user knows the file was seen and skipped. */
#include "miglint/check.h"
#include "miglint/file_check.h"

#include "docs/database_dump.h"

static void check_file(mg_file_check *fc)
{
	if (fc->phase != MG_FILE_LINTED || !fc->whole_file || !fc->not_migration)
		return;
	mg_file_report(fc, 0, 0,
		       mg_xasprintf("file is a %s (a schema snapshot), not a migration: not linted",
				    fc->not_migration));
}

const mg_rule mg_rule_database_dump = {
	.code = "MG911",
	.name = "database-dump",
	.severity = MG_SEV_INFO,
	.summary = "a database dump beside the migrations is recognised and not linted",
	.help = "nothing to do; exclude the file (paths[].exclude) to silence this note",
	.doc = doc,
	.kind = MG_RULE_FILE,
	.check_file = check_file,
};
