/* MG661: PostgreSQL refuses a column named twice where each name must be one column (measured
 * on 15): UPDATE ... SET a = 1, a = 2 and ON CONFLICT DO UPDATE SET ("multiple assignments to
 * same column"), INSERT INTO t (a, a) and COPY t (a, a) ("specified more than once"), CREATE
 * TABLE t (a int, a text).
 * Assignments to parts of a column (a[1], a[2], a.f) may repeat it, and are left alone. */
#include "miglint/check.h"

#include "docs/duplicate_column.h"

#include <string.h>

static void twice(mg_check *c, const char *name, int location, const char *where)
{
	mg_finding *f = mg_report(c, location, "column \"%s\" is named twice in %s: PostgreSQL "
				  "refuses the statement", name, where);
	mg_help(f, "remove one of them");
}

/* A list of ResTarget (SET or INSERT columns): each plain name against the ones before it. */
static void targets(mg_check *c, const List *list, const char *where)
{
	const ListCell *lc, *k;
	foreach (lc, list) {
		const ResTarget *t = lfirst(lc);
		if (!IsA(t, ResTarget) || !t->name || t->indirection)
			continue;
		foreach (k, list) {
			const ResTarget *u = lfirst(k);
			if (u == t)
				break;
			if (IsA(u, ResTarget) && u->name && !u->indirection &&
			    strcmp(u->name, t->name) == 0) {
				twice(c, t->name, t->location, where);
				break;
			}
		}
	}
}

static bool column_before(const List *list, const ListCell *upto, const char *name)
{
	const ListCell *k;
	foreach (k, list) {
		if (k == upto)
			return false;
		const Node *n = lfirst(k);
		if (IsA(n, ColumnDef) && ((const ColumnDef *)n)->colname &&
		    strcmp(((const ColumnDef *)n)->colname, name) == 0)
			return true;
	}
	return false;
}

static void check(mg_check *c, const void *node)
{
	const ListCell *lc;
	switch (nodeTag(node)) {
	case T_UpdateStmt:
		targets(c, ((const UpdateStmt *)node)->targetList, "UPDATE ... SET");
		break;
	case T_InsertStmt: {
		const InsertStmt *s = node;
		targets(c, s->cols, "the INSERT column list");
		if (s->onConflictClause)
			targets(c, s->onConflictClause->targetList, "ON CONFLICT DO UPDATE SET");
		break;
	}
	case T_CreateStmt: {
		const List *elts = ((const CreateStmt *)node)->tableElts;
		foreach (lc, elts) {
			const ColumnDef *d = lfirst(lc);
			if (IsA(d, ColumnDef) && d->colname && column_before(elts, lc, d->colname))
				twice(c, d->colname, d->location, "CREATE TABLE");
		}
		break;
	}
	case T_CopyStmt: {
		const List *cols = ((const CopyStmt *)node)->attlist;
		const ListCell *k;
		foreach (lc, cols) {
			foreach (k, cols) {
				if (k == lc)
					break;
				if (strcmp(strVal(lfirst(k)), strVal(lfirst(lc))) == 0) {
					int first = mg_locate(c, -1, strVal(lfirst(k)));
					int again = mg_locate(c, mg_next_token(c, first), strVal(lfirst(lc)));
					twice(c, strVal(lfirst(lc)), again, "the COPY column list");
					break;
				}
			}
		}
		break;
	}
	default:
		break;
	}
}

const mg_rule mg_rule_duplicate_column = {
	.code = "MG661",
	.name = "duplicate-column",
	.severity = MG_SEV_ERROR,
	.summary = "the same column named twice in SET, an INSERT or COPY column list, or CREATE TABLE",
	.help = "remove the duplicate",
	.doc = doc,
	.kind = MG_RULE_STATEMENT,
	.kinds = (const int[]){T_UpdateStmt, T_InsertStmt, T_CreateStmt, T_CopyStmt, 0},
	.check = check,
};
