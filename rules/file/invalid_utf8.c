/* MG903 invalid-utf8: PostgreSQL rejects a byte sequence that is not UTF-8 in a UTF8 database. */
#include "miglint/check.h"
#include "miglint/file_check.h"
#include "miglint/split.h"

#include "docs/invalid_utf8.h"

static void check_file(mg_file_check *fc)
{
	const mg_source *src = fc->unit;
	if (fc->phase != MG_FILE_LINTED || !fc->whole_file || src->read_error ||
	    src->first_bad_utf8 < 0)
		return;
	mg_file_report(fc, (size_t)src->first_bad_utf8, 1,
		       mg_xstrdup("file is not valid UTF-8; PostgreSQL rejects the byte sequence in a "
				  "UTF8 database"));
}

const mg_rule mg_rule_invalid_utf8 = {
	.code = "MG903",
	.name = "invalid-utf8",
	.severity = MG_SEV_ERROR,
	.summary = "a file is not valid UTF-8",
	.help = "re-encode the file as UTF-8, e.g. iconv -f LATIN1 -t UTF-8",
	.doc = doc,
	.kind = MG_RULE_FILE,
	.check_file = check_file,
};
