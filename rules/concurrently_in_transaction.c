/* MG501: statements that PostgreSQL refuses inside a transaction block, written between an
 * explicit BEGIN and COMMIT of the same file. */
#include "miglint/check.h"

#include "docs/concurrently_in_transaction.h"

#include <string.h>

static void flag(mg_check *c, const char *what, const char *word)
{
	mg_finding *f = mg_report(c, mg_locate(c, -1, word),
		"%s cannot run inside a transaction block; %s", what, mg_transaction_reason(c));
	mg_help(f, "move the statement after COMMIT, or into a migration that runs outside a transaction");
}

static void check(mg_check *c, const void *node)
{
	if (!mg_in_transaction(c))
		return;
	switch (nodeTag(node)) {
	case T_IndexStmt:
		if (((const IndexStmt *)node)->concurrent)
			flag(c, "CREATE INDEX CONCURRENTLY", "concurrently");
		break;
	case T_DropStmt:
		if (((const DropStmt *)node)->concurrent)
			flag(c, "DROP INDEX CONCURRENTLY", "concurrently");
		break;
	case T_ReindexStmt: {
		const ListCell *lc;
		foreach (lc, ((const ReindexStmt *)node)->params)
			if (strcmp(((const DefElem *)lfirst(lc))->defname, "concurrently") == 0)
				flag(c, "REINDEX CONCURRENTLY", "concurrently");
		break;
	}
	case T_VacuumStmt:
		if (((const VacuumStmt *)node)->is_vacuumcmd)
			flag(c, "VACUUM", "vacuum");
		break;
	case T_CreatedbStmt:
		flag(c, "CREATE DATABASE", "database");
		break;
	case T_DropdbStmt:
		flag(c, "DROP DATABASE", "database");
		break;
	case T_CreateTableSpaceStmt:
		flag(c, "CREATE TABLESPACE", "tablespace");
		break;
	case T_AlterSystemStmt:
		flag(c, "ALTER SYSTEM", "system");
		break;
	default:
		break;
	}
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
