/* MG313: REINDEX without CONCURRENTLY takes SHARE on the table (writes wait) and ACCESS
 * EXCLUSIVE on each index it rebuilds (queries that would use the index wait too), for as long
 * as the rebuild reads the table. REINDEX ... CONCURRENTLY (PostgreSQL 12+) takes SHARE UPDATE
 * EXCLUSIVE instead and cannot run in a transaction block. */
#include "miglint/check.h"
#include "miglint/locks.h"

#include "docs/reindex_without_concurrently.h"

static const char *kind_word(ReindexObjectType kind)
{
	switch (kind) {
	case REINDEX_OBJECT_INDEX:
		return "INDEX";
	case REINDEX_OBJECT_TABLE:
		return "TABLE";
	case REINDEX_OBJECT_SCHEMA:
		return "SCHEMA";
	case REINDEX_OBJECT_DATABASE:
		return "DATABASE";
	default:
		return NULL;
	}
}

static bool concurrently(const ReindexStmt *s)
{
	const ListCell *lc;
	foreach (lc, s->params) {
		const DefElem *d = lfirst(lc);
		/* REINDEX (CONCURRENTLY false) is a plain one */
		if (strcmp(d->defname, "concurrently") == 0 &&
		    !(d->arg && IsA(d->arg, String) && strcmp(strVal(d->arg), "false") == 0))
			return true;
	}
	return false;
}

static void check(mg_check *c, const void *node)
{
	const ReindexStmt *s = node;
	const char *word = kind_word(s->kind);
	if (!word || concurrently(s))
		return;
	if (s->relation && !mg_pre_existing(c, s->relation))
		return;
	const char *what = s->relation ? mg_tmp(c, "%s \"%s\"", word, mg_rangevar_name(c, s->relation))
				       : mg_tmp(c, "%s%s%s", word, s->name ? " " : "",
						s->name ? mg_quote_ident(c, s->name) : "");
	const char *locked = s->kind == REINDEX_OBJECT_INDEX   ? "its table"
			     : s->kind == REINDEX_OBJECT_TABLE ? "the table"
							       : "each table";
	const char *rebuilt = s->kind == REINDEX_OBJECT_INDEX ? "the index" : "the indexes it rebuilds";
	if (mg_pg_version(c) < 12) {
		mg_finding *f = mg_report(c, mg_statement_location(c),
			"REINDEX %s takes a SHARE lock on %s and ACCESS EXCLUSIVE on %s, blocking "
			"writes (and reads that use the index) until it is done", what, locked, rebuilt);
		mg_finding_as_info(f);
		mg_help(f, "REINDEX CONCURRENTLY needs PostgreSQL 12: build a copy with CREATE INDEX "
			"CONCURRENTLY outside a transaction, then drop the old index (DROP INDEX "
			"CONCURRENTLY) and rename the copy to its name");
		return;
	}
	mg_finding *f = mg_report(c, mg_statement_location(c),
		"REINDEX %s without CONCURRENTLY takes a SHARE lock on %s and ACCESS EXCLUSIVE on %s, "
		"blocking writes (and reads that use the index) until it is done", what, locked, rebuilt);
	const char *outside = mg_lock_outside_transaction_fix(c);
	mg_help(f, "write REINDEX %s CONCURRENTLY (PostgreSQL 12+) outside a transaction%s%s",
		word, outside ? ": " : "",
		outside ? outside : "");
	mg_fix_insert_after(c, f, mg_locate(c, -1, word), "CONCURRENTLY", false);
}

const mg_rule mg_rule_reindex_without_concurrently = {
	.code = "MG313",
	.name = "reindex-without-concurrently",
	.severity = MG_SEV_WARNING,
	.summary = "REINDEX without CONCURRENTLY blocks writes to an existing table while it rebuilds",
	.help = "write REINDEX ... CONCURRENTLY (PostgreSQL 12+) in a migration that runs outside a transaction",
	.doc = doc,
	.kind = MG_RULE_STATEMENT,
	.kinds = (const int[]){T_ReindexStmt, 0},
	.check = check,
};
