/* MG324: VALIDATE CONSTRAINT takes only SHARE UPDATE EXCLUSIVE, but in the transaction that
 * added the constraint NOT VALID the ADD's lock is still held (ACCESS EXCLUSIVE for a CHECK,
 * SHARE ROW EXCLUSIVE for a foreign key) while the validation reads the whole table: NOT VALID
 * then saves nothing. */
#include "miglint/check.h"
#include "miglint/locks.h"

#include "docs/validate_in_same_transaction.h"

/* Where the commit between the two goes, in the terms of how the file is run. */
static const char *commit_between(mg_check *c)
{
	switch (mg_lock_transaction(c)) {
	case MG_TX_EXPLICIT:
		return "COMMIT after the ADD ... NOT VALID and VALIDATE in a transaction of its own, "
		       "or in a later migration";
	case MG_TX_TOOL:
		return "VALIDATE CONSTRAINT in a later migration: the tool runs this one in a single "
		       "transaction";
	case MG_TX_QUERY:
		return mg_lock_query_block(c)
			       ? "VALIDATE CONSTRAINT outside the block that sends both statements as "
				 "one query (in a block of its own, or a later migration)"
			       : "VALIDATE CONSTRAINT in a later migration file: this one is sent as "
				 "one query, one transaction";
	default:
		return "VALIDATE CONSTRAINT outside the DO block, in a later migration";
	}
}

static void check(mg_check *c, const void *node)
{
	const AlterTableStmt *s = node;
	if (!mg_pre_existing(c, s->relation))
		return;
	const ListCell *lc;
	foreach (lc, s->cmds) {
		const AlterTableCmd *cmd = lfirst(lc);
		if (cmd->subtype != AT_ValidateConstraint || !cmd->name)
			continue;
		mg_lock_mode held = mg_lock_not_valid_in_transaction(c, s->relation->relname, cmd->name);
		if (held == MG_LOCK_NONE)
			continue;
		mg_finding *f = mg_report(c, mg_locate(c, mg_locate(c, -1, "validate"), cmd->name),
			"VALIDATE CONSTRAINT %s runs in the transaction that added it NOT VALID: the "
			"%s lock of the ADD is still held on table \"%s\" while the validation reads "
			"all of it, blocking %s", mg_quote_ident(c, cmd->name), mg_lock_mode_name(held),
			mg_rangevar_name(c, s->relation), mg_lock_mode_blocks(held));
		mg_help(f, "commit between them: %s", commit_between(c));
	}
}

const mg_rule mg_rule_validate_in_same_transaction = {
	.code = "MG324",
	.name = "validate-in-same-transaction",
	.severity = MG_SEV_WARNING,
	.summary = "VALIDATE CONSTRAINT in the transaction that added the constraint NOT VALID keeps its strong lock during the scan",
	.help = "commit between ADD CONSTRAINT ... NOT VALID and VALIDATE CONSTRAINT (a later migration)",
	.doc = doc,
	.kind = MG_RULE_STATEMENT,
	.kinds = (const int[]){T_AlterTableStmt, 0},
	.check = check,
};
