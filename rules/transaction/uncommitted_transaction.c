/* MG502: a BEGIN whose transaction is still open when the file (or its goose or dbmate section)
 * ends. Nothing the file did after it is committed: the tool's connection goes back to its
 * pool, or closes and rolls it back, and the next migration runs inside it. */
#include "miglint/file_check.h"
#include "miglint/split.h"

#include "docs/uncommitted_transaction.h"

static void check_file(mg_file_check *fc)
{
	if (fc->phase != MG_FILE_LINTED)
		return;
	const mg_source *u = fc->unit;
	for (size_t i = 0; i < fc->open_transactions.len; i++) {
		size_t at = fc->open_transactions.items[i];
		mg_finding *f = mg_file_report(fc, at, mg_lex_token_end(u->text, at, u->len) - at,
			mg_xstrdup("this transaction is never committed: no COMMIT or ROLLBACK follows "
				   "before the migration ends, so what it did is rolled back when the "
				   "connection closes, or held open under the next migration"));
		if (f)
			mg_finding_set_help(f, mg_xstrdup("end the transaction with COMMIT"));
	}
}

const mg_rule mg_rule_uncommitted_transaction = {
	.code = "MG502",
	.name = "uncommitted-transaction",
	.severity = MG_SEV_ERROR,
	.summary = "BEGIN without a COMMIT before the migration ends",
	.help = "end the transaction with COMMIT",
	.doc = doc,
	.kind = MG_RULE_FILE,
	.check_file = check_file,
};
