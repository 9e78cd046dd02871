/* MG333: VACUUM FULL and CLUSTER write a new copy of the table and of its indexes under ACCESS
 * EXCLUSIVE: nothing reads or writes the table until the copy is done (measured: the
 * relfilenode changes). */
#include "miglint/check.h"
#include "miglint/locks.h"

#include "docs/vacuum_full_or_cluster.h"

static bool vacuum_full(const VacuumStmt *s)
{
	const ListCell *lc;
	foreach (lc, s->options) {
		const DefElem *d = lfirst(lc);
		/* VACUUM (FULL false) is a plain VACUUM */
		if (strcmp(d->defname, "full") == 0 &&
		    !(d->arg && IsA(d->arg, String) && strcmp(strVal(d->arg), "false") == 0))
			return true;
	}
	return false;
}

static void report(mg_check *c, int location, const char *what, const char *table)
{
	mg_finding *f = mg_report(c, location,
		"%s rewrites %s and its indexes under an ACCESS EXCLUSIVE lock, blocking every read "
		"and write until the copy is done", what, table);
	mg_help(f, "leave it out of migrations: pg_repack or pg_squeeze rebuild a table with only "
		"brief locks (REPACK CONCURRENTLY from PostgreSQL 19); a plain VACUUM frees space for "
		"reuse without blocking");
}

static void check_vacuum(mg_check *c, const VacuumStmt *s)
{
	if (!s->is_vacuumcmd || !vacuum_full(s))
		return;
	if (!s->rels) {
		report(c, mg_statement_location(c), "VACUUM FULL", "every table of the database");
		return;
	}
	const ListCell *lc;
	foreach (lc, s->rels) {
		const RangeVar *rv = ((const VacuumRelation *)lfirst(lc))->relation;
		if (mg_pre_existing(c, rv))
			report(c, rv->location, "VACUUM FULL",
			       mg_tmp(c, "table \"%s\"", mg_rangevar_name(c, rv)));
	}
}

static void check(mg_check *c, const void *node)
{
	if (IsA(node, VacuumStmt)) {
		check_vacuum(c, node);
		return;
	}
	const ClusterStmt *s = node;
	if (!s->relation) {
		report(c, mg_statement_location(c), "CLUSTER", "every table clustered before");
		return;
	}
	if (mg_pre_existing(c, s->relation))
		report(c, s->relation->location, "CLUSTER",
		       mg_tmp(c, "table \"%s\"", mg_rangevar_name(c, s->relation)));
}

const mg_rule mg_rule_vacuum_full_or_cluster = {
	.code = "MG333",
	.name = "vacuum-full-or-cluster",
	.severity = MG_SEV_WARNING,
	.summary = "VACUUM FULL and CLUSTER rewrite an existing table while blocking reads and writes",
	.help = "leave table rebuilds out of migrations: use pg_repack or pg_squeeze",
	.doc = doc,
	.kind = MG_RULE_STATEMENT,
	.kinds = (const int[]){T_VacuumStmt, T_ClusterStmt, 0},
	.check = check,
};
