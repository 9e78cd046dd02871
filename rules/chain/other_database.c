/* MG118 other-database: a folder (or a Prisma or sqitch project) for a database other than
 * PostgreSQL is not linted; the reader records why, and this says so once. A file PostgreSQL
 * refused that carries another database's signs (mg_other_dialect) is said once too. */
#include "miglint/chain_check.h"
#include "miglint/file_check.h"

#include "docs/other_database.h"

static void check_chain(mg_chain_check *c)
{
	if (c->shape == MG_CHAIN_OTHER_DATABASE && c->set->other_path)
		mg_chain_report_line(c, c->set->other_path, c->set->other_line, NULL, NULL,
				     mg_xstrdup(c->set->other_reason), NULL);
}

static void check_file(mg_file_check *fc)
{
	if (fc->phase != MG_FILE_LINTED || !fc->whole_file || !fc->other_database)
		return;
	mg_finding *f = mg_file_report(fc, fc->other_at, 0,
		mg_xasprintf("file is written for %s (%s), not PostgreSQL: not linted",
			     fc->other_database, fc->other_sign));
	if (f)
		mg_finding_set_help(f, mg_xstrdup("lint it with a linter for that database, or "
						  "exclude it (paths[].exclude)"));
}

const mg_rule mg_rule_other_database = {
	.code = "MG118",
	.name = "other-database",
	.severity = MG_SEV_INFO,
	.summary = "migrations written for another database were found and not linted",
	.help = "nothing to do; lint them with a linter for that database",
	.doc = doc,
	.kind = MG_RULE_CHAIN,
	.check_chain = check_chain,
	.check_file = check_file,
};
