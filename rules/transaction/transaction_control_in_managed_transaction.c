/* MG503: BEGIN, COMMIT or ROLLBACK where they do not do what they say: inside the transaction
 * the migration tool opens around the file (a COMMIT there ends the tool's transaction early,
 * and what follows runs without one), a BEGIN inside a transaction (PostgreSQL only warns),
 * or a COMMIT with no transaction open (the same). */
#include "miglint/check.h"

#include "docs/transaction_control_in_managed_transaction.h"

static void check(mg_check *c, const void *node)
{
	const TransactionStmt *t = node;
	mg_tx_state tx = mg_transaction_state(c);
	bool begin = t->kind == TRANS_STMT_BEGIN || t->kind == TRANS_STMT_START;
	bool end = t->kind == TRANS_STMT_COMMIT || t->kind == TRANS_STMT_ROLLBACK ||
		   t->kind == TRANS_STMT_PREPARE;
	mg_finding *f;
	if (!begin && !end)
		return; /* savepoints */
	if (tx.in_transaction && tx.reason) {
		f = mg_report(c, -1, "%s inside the transaction the migration tool opens: %s; %s",
			      begin ? "BEGIN" : "COMMIT or ROLLBACK", tx.reason,
			      begin ? "PostgreSQL ignores this BEGIN with a warning, and the file's "
				      "COMMIT then ends the tool's transaction early"
				    : "this ends the tool's transaction early, and what follows runs "
				      "without one");
		mg_help(f, "remove the file's BEGIN and COMMIT, or turn the tool's transaction off");
	} else if (begin && tx.in_transaction) {
		f = mg_report(c, -1, "BEGIN inside a transaction the file already opened: PostgreSQL "
			      "ignores it with a warning (there is already a transaction in progress)");
		mg_help(f, "remove this BEGIN, or COMMIT the first transaction before it");
	} else if (end && !tx.in_transaction) {
		f = mg_report(c, -1, "%s with no transaction open: PostgreSQL ignores it with a "
			      "warning (there is no transaction in progress)",
			      t->kind == TRANS_STMT_ROLLBACK ? "ROLLBACK" : "COMMIT");
		mg_help(f, "remove it, or add the BEGIN it closes");
	}
}

const mg_rule mg_rule_transaction_control_in_managed_transaction = {
	.code = "MG503",
	.name = "transaction-control-in-managed-transaction",
	.severity = MG_SEV_WARNING,
	.summary = "BEGIN or COMMIT inside the tool's transaction, nested, or with none open",
	.help = "remove the file's BEGIN and COMMIT, or turn the tool's transaction off",
	.doc = doc,
	.kind = MG_RULE_STATEMENT,
	.kinds = (const int[]){T_TransactionStmt, 0},
	.check = check,
};
