/* MG501: statements that PostgreSQL refuses inside a transaction block, written between an
 * explicit BEGIN and COMMIT of the same file. */
#include "miglint/check.h"

#include "docs/concurrently_in_transaction.h"

static void flag(mg_check *c, const char *what, const char *word)
{
	mg_finding *f = mg_report(c, mg_locate(c, -1, word),
		"%s cannot run inside a transaction block; %s", what, mg_transaction_reason(c));
	mg_help(f, "move the statement after COMMIT, or into a migration that runs outside a transaction");
}

static void check(mg_check *c, const void *node)
{
	const char *word;
	const char *what = mg_outside_transaction_only(node, &word);
	if (what && mg_in_transaction(c))
		flag(c, what, word);
}

const mg_rule mg_rule_concurrently_in_transaction = {
	.code = "MG501",
	.name = "concurrently-in-transaction",
	.severity = MG_SEV_ERROR,
	.summary = "CREATE INDEX CONCURRENTLY, VACUUM and similar statements fail inside BEGIN ... COMMIT",
	.help = "run the statement outside the transaction block",
	.doc = doc,
	.kinds = (const int[]){T_IndexStmt, T_DropStmt, T_ReindexStmt, T_VacuumStmt, T_CreatedbStmt,
			       T_DropdbStmt, T_CreateTableSpaceStmt, T_AlterSystemStmt, 0},
	.check = check,
};
