/* MG905 empty-file: a migration file with no statement (empty, or only comments) is
 * usually a mistake: the change it was meant to make is missing. A down script with only
 * comments is a documented no-op (the up migration cannot be undone, or need not be). */
#include "miglint/check.h"
#include "miglint/file_check.h"
#include "miglint/split.h"

#include "docs/empty_file.h"

static void check_file(mg_file_check *fc)
{
	const mg_source *src = fc->unit;
	if (fc->phase != MG_FILE_LINTED || !fc->whole_file || src->read_error ||
	    (fc->down && src->len > 0) ||
	    mg_lex_skip_trivia(src->text, src->body, src->len) < src->len)
		return;
	mg_file_report(fc, 0, 0, mg_xstrdup(src->len ? "file has no SQL statement" : "file is empty"));
}

const mg_rule mg_rule_empty_file = {
	.code = "MG905",
	.name = "empty-file",
	.severity = MG_SEV_WARNING,
	.summary = "a migration file has no SQL statement",
	.help = "add the migration's statements or delete the file",
	.doc = doc,
	.kind = MG_RULE_FILE,
	.check_file = check_file,
};
