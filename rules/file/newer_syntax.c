/* MG910 newer-syntax: with a target PostgreSQL newer than the grammar miglint parses with
 * (libpg_query's), a statement that grammar refuses may be valid where it runs (a PostgreSQL
 * 16+ keyword or clause). It is said once, as information, and not checked; it is never
 * called a syntax error (MG901 keeps the statements a target at or below the grammar's
 * version would refuse). */
#include "miglint/check.h"
#include "miglint/file_check.h"

#include "docs/newer_syntax.h"

static void check_file(mg_file_check *fc)
{
	if (fc->phase != MG_FILE_LINTED || mg_pg_version(fc->check) <= MG_PG_QUERY_MAJOR)
		return;
	for (size_t i = 0; i < fc->syntax_errors.len; i++) {
		const mg_syntax_error *e = &fc->syntax_errors.items[i];
		mg_finding *f = mg_file_report(fc, e->offset, e->length,
			mg_xasprintf("statement not readable with the PostgreSQL %d grammar miglint "
				     "parses with (targeting PostgreSQL %d); not checked",
				     MG_PG_QUERY_MAJOR, mg_pg_version(fc->check)));
		if (f)
			mg_finding_set_help(f, mg_xasprintf(
				"check it on PostgreSQL %d; if it is a mistake, PostgreSQL will say so",
				mg_pg_version(fc->check)));
	}
}

const mg_rule mg_rule_newer_syntax = {
	.code = "MG910",
	.name = "newer-syntax",
	.severity = MG_SEV_INFO,
	.summary = "a statement is beyond the grammar miglint parses with; not checked",
	.help = "check the statement on the PostgreSQL version you target",
	.doc = doc,
	.kind = MG_RULE_FILE,
	.check_file = check_file,
};
