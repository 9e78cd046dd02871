/* MG322: ADD CONSTRAINT ... CHECK reads the whole table to validate it, under ACCESS
 * EXCLUSIVE: reads and writes wait for the scan. NOT VALID skips it; VALIDATE CONSTRAINT later
 * scans under SHARE UPDATE EXCLUSIVE, which blocks neither. */
#include "miglint/check.h"
#include "miglint/locks.h"

#include "docs/check_without_not_valid.h"

static void check(mg_check *c, const void *node)
{
	const AlterTableStmt *s = node;
	if (!mg_pre_existing(c, s->relation))
		return;
	const char *table = mg_rangevar_name(c, s->relation);
	const ListCell *lc, *k;
	foreach (lc, s->cmds) {
		const AlterTableCmd *cmd = lfirst(lc);
		if (cmd->subtype == AT_AddConstraint && cmd->def && IsA(cmd->def, Constraint)) {
			const Constraint *con = (const Constraint *)cmd->def;
			if (con->contype != CONSTR_CHECK || con->skip_validation)
				continue;
			mg_finding *f = mg_report(c, con->location,
				"CHECK constraint on table \"%s\" is added without NOT VALID: it reads the "
				"whole table under an ACCESS EXCLUSIVE lock, blocking every read and write",
				table);
			mg_help(f, "add it NOT VALID, then VALIDATE CONSTRAINT %s in a later migration "
				"(a separate transaction)", con->conname ? mg_quote_ident(c, con->conname)
									 : "<name>");
			mg_fix_insert_after(c, f, mg_clause_last_token(c, con->location), "NOT VALID",
					    false);
		} else if (cmd->subtype == AT_AddColumn && cmd->def && IsA(cmd->def, ColumnDef)) {
			const ColumnDef *col = (const ColumnDef *)cmd->def;
			foreach (k, col->constraints) {
				const Constraint *con = lfirst(k);
				if (con->contype != CONSTR_CHECK)
					continue;
				mg_finding *f = mg_report(c, con->location,
					"column \"%s\" is added to table \"%s\" with a CHECK: it is validated by "
					"reading the whole table under ACCESS EXCLUSIVE", col->colname, table);
				mg_help(f, "add the column without the CHECK, then ADD CONSTRAINT ... CHECK "
					"(...) NOT VALID, and VALIDATE CONSTRAINT in a later migration");
			}
		}
	}
}

const mg_rule mg_rule_check_without_not_valid = {
	.code = "MG322",
	.name = "check-without-not-valid",
	.severity = MG_SEV_WARNING,
	.summary = "a CHECK constraint added to an existing table without NOT VALID scans it under ACCESS EXCLUSIVE",
	.help = "add the CHECK NOT VALID, then VALIDATE CONSTRAINT in a later migration",
	.doc = doc,
	.kind = MG_RULE_STATEMENT,
	.kinds = (const int[]){T_AlterTableStmt, 0},
	.check = check,
};
