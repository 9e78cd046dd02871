/* MG901 syntax-error: a statement PostgreSQL's parser refuses. The engine parses statement by
 * statement after an error, so each error is reported at its own statement. When the target
 * PostgreSQL is newer than the parser's grammar, newer-syntax (MG910) says it instead. */
#include "miglint/check.h"
#include "miglint/file_check.h"
#include "miglint/split.h"

#include <string.h>

#include "docs/syntax_error.h"

static void check_file(mg_file_check *fc)
{
	if (fc->phase != MG_FILE_LINTED || mg_pg_version(fc->check) > MG_PG_QUERY_MAJOR)
		return;
	for (size_t i = 0; i < fc->syntax_errors.len; i++) {
		const mg_syntax_error *e = &fc->syntax_errors.items[i];
		/* "at or near" quotes the input, which for an unterminated string is the rest of
		 * the file: keep the message to its first line. */
		size_t first_line = strcspn(e->message, "\r\n");
		mg_file_report(fc, e->offset, e->length,
			       e->message[first_line]
				       ? mg_xasprintf("%.*s...\"", (int)first_line, e->message)
				       : mg_xstrdup(e->message));
	}
}

const mg_rule mg_rule_syntax_error = {
	.code = "MG901",
	.name = "syntax-error",
	.severity = MG_SEV_ERROR,
	.summary = "a statement is not valid PostgreSQL",
	.help = "fix the statement; PostgreSQL rejects it before anything runs",
	.doc = doc,
	.kind = MG_RULE_FILE,
	.check_file = check_file,
};
