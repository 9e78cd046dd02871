/* MG907 copy-from-stdin-data: the data lines after COPY ... FROM STDIN are psql's to send;
 * miglint skips them. */
#include "miglint/check.h"
#include "miglint/file_check.h"
#include "miglint/split.h"

#include "docs/copy_from_stdin_data.h"

static void check_file(mg_file_check *fc)
{
	if (fc->phase != MG_FILE_LINTED)
		return;
	for (size_t i = 0; i < fc->skipped.len; i++)
		if (fc->skipped.items[i].kind == MG_PIECE_COPY_DATA)
			mg_file_report(fc, fc->skipped.items[i].start, 0,
				       mg_xstrdup("COPY ... FROM STDIN data block was skipped"));
}

const mg_rule mg_rule_copy_from_stdin_data = {
	.code = "MG907",
	.name = "copy-from-stdin-data",
	.severity = MG_SEV_INFO,
	.summary = "COPY ... FROM STDIN data was skipped",
	.help = "nothing to fix when psql runs the file; a migration tool needs INSERT instead",
	.doc = doc,
	.kind = MG_RULE_FILE,
	.check_file = check_file,
};
