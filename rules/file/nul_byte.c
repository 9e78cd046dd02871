/* MG904 nul-byte: PostgreSQL rejects a NUL byte in a query (a UTF-16 file has many). */
#include "miglint/check.h"
#include "miglint/file_check.h"
#include "miglint/split.h"

#include "docs/nul_byte.h"

static void check_file(mg_file_check *fc)
{
	const mg_source *src = fc->unit;
	if (fc->phase != MG_FILE_LINTED || !fc->whole_file || src->read_error || src->first_nul < 0)
		return;
	mg_file_report(fc, (size_t)src->first_nul, 1,
		       mg_xstrdup("file contains a NUL byte; PostgreSQL rejects it in a query"));
}

const mg_rule mg_rule_nul_byte = {
	.code = "MG904",
	.name = "nul-byte",
	.severity = MG_SEV_ERROR,
	.summary = "a file contains a NUL byte",
	.help = "remove the NUL bytes; a UTF-16 file must be converted to UTF-8",
	.doc = doc,
	.kind = MG_RULE_FILE,
	.check_file = check_file,
};
