/* MG659: a CHECK on a domain applies to every column of that type in every table, so changing
 * it later (ALTER DOMAIN ... ADD CONSTRAINT) scans all of them at once; a column CHECK can be
 * replaced table by table with NOT VALID and VALIDATE. */
#include "miglint/check.h"

#include "docs/domain_check_constraint.h"

static void check(mg_check *c, const void *node)
{
	const CreateDomainStmt *s = node;
	const ListCell *lc;
	foreach (lc, s->constraints) {
		const Constraint *con = lfirst(lc);
		if (!IsA(con, Constraint) || con->contype != CONSTR_CHECK)
			continue;
		mg_finding *f = mg_report(c, con->location,
			"domain \"%s\" is created with a CHECK constraint: changing it later checks every "
			"column of the domain in every table at once",
			mg_name_qualified(c, s->domainname));
		mg_help(f, "put the CHECK on the columns instead, where it can be replaced NOT VALID "
			"and validated one table at a time");
	}
}

const mg_rule mg_rule_domain_check_constraint = {
	.code = "MG659",
	.name = "domain-check-constraint",
	.severity = MG_SEV_INFO,
	.summary = "a domain created with a CHECK constraint, which is hard to change online",
	.help = "put the CHECK on the columns instead",
	.doc = doc,
	.kind = MG_RULE_STATEMENT,
	.kinds = (const int[]){T_CreateDomainStmt, 0},
	.check = check,
};
