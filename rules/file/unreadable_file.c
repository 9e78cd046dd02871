/* MG902 unreadable-file: a file that cannot be read is not linted; that is a finding, not a silent pass. */
#include "miglint/check.h"
#include "miglint/file_check.h"
#include "miglint/split.h"

#include "docs/unreadable_file.h"

static void check_file(mg_file_check *fc)
{
	if (fc->phase != MG_FILE_LINTED || !fc->whole_file || !fc->unit->read_error)
		return;
	mg_file_report(fc, 0, 0, mg_xasprintf("file cannot be read (%s); it was not linted",
					       fc->unit->read_error));
}

const mg_rule mg_rule_unreadable_file = {
	.code = "MG902",
	.name = "unreadable-file",
	.severity = MG_SEV_ERROR,
	.summary = "a migration file cannot be read",
	.help = "check the file's permissions and that it is a regular file",
	.doc = doc,
	.kind = MG_RULE_FILE,
	.check_file = check_file,
};
