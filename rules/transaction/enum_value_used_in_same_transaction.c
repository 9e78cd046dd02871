/* MG504: an enum value used in the transaction that added it. PostgreSQL 12+ runs
 * ALTER TYPE ... ADD VALUE inside a transaction, but refuses the new value until the
 * transaction commits: ERROR: unsafe use of new value "v" of enum type e (measured on 15).
 * A use is 'v'::e (or CAST('v' AS e)), or 'v' written to a column this file gave type e. */
#include "miglint/check.h"
#include "miglint/locks.h"

#include <string.h>

#include "docs/enum_value_used_in_same_transaction.h"

#include "nodes/nodeFuncs.h"

/* raw_expression_tree_walker takes PostgreSQL's unprototyped walker type. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wstrict-prototypes"
typedef bool (*pg_walker)();
#pragma GCC diagnostic pop

static const char *string_const(const Node *n)
{
	if (!n || !IsA(n, A_Const) || ((const A_Const *)n)->isnull)
		return NULL;
	const A_Const *k = (const A_Const *)n;
	return IsA(&k->val, String) ? strVal(&k->val) : NULL;
}

static void flag(mg_check *c, int location, const char *type, const char *value)
{
	mg_finding *f = mg_report(c, location,
		"enum value '%s' of type \"%s\" is used in the transaction that adds it: PostgreSQL "
		"refuses it until that transaction commits (unsafe use of new value)", value, type);
	mg_help(f, "commit after ALTER TYPE ... ADD VALUE (a migration of its own), then use the value");
}

static bool casts_walker(Node *node, void *context)
{
	if (!node)
		return false;
	if (IsA(node, TypeCast)) {
		const TypeCast *tc = (const TypeCast *)node;
		const char *v = string_const(tc->arg);
		const char *type = tc->typeName ? mg_name_last(tc->typeName->names) : NULL;
		if (v && type && mg_enum_value_uncommitted(context, type, v))
			flag(context, tc->location, type, v);
	}
	return raw_expression_tree_walker(node, (pg_walker)casts_walker, context);
}

/* 'v' written to column `column` of `table`, whose type this file knows. */
static void written(mg_check *c, const RangeVar *rv, const char *column, const Node *val)
{
	const char *v = string_const(val);
	const char *type = v && rv && column ? mg_column_type(c, rv->relname, column) : NULL;
	if (type && mg_enum_value_uncommitted(c, type, v))
		flag(c, ((const A_Const *)val)->location, type, v);
}

static void check(mg_check *c, const void *node)
{
	const Node *stmt = node;
	const ListCell *lc, *k;
	if (mg_pg_version(c) < 12 || mg_lock_transaction(c) == MG_TX_NONE)
		return;
	casts_walker((Node *)stmt, c);
	if (IsA(stmt, UpdateStmt)) {
		const UpdateStmt *u = (const UpdateStmt *)stmt;
		foreach (lc, u->targetList) {
			const ResTarget *rt = lfirst(lc);
			written(c, u->relation, rt->name, rt->val);
		}
	} else if (IsA(stmt, InsertStmt)) {
		const InsertStmt *ins = (const InsertStmt *)stmt;
		const SelectStmt *sel = (const SelectStmt *)ins->selectStmt;
		if (!sel || !IsA(sel, SelectStmt))
			return;
		foreach (lc, sel->valuesLists) {
			int i = 0;
			foreach (k, (const List *)lfirst(lc)) {
				if (i < list_length(ins->cols))
					written(c, ins->relation,
						((const ResTarget *)list_nth(ins->cols, i))->name, lfirst(k));
				i++;
			}
		}
	}
}

const mg_rule mg_rule_enum_value_used_in_same_transaction = {
	.code = "MG504",
	.name = "enum-value-used-in-same-transaction",
	.severity = MG_SEV_ERROR,
	.summary = "an enum value is used before the transaction that adds it commits",
	.help = "commit after ALTER TYPE ... ADD VALUE, then use the value",
	.doc = doc,
	.kind = MG_RULE_STATEMENT,
	.kinds = (const int[]){T_SelectStmt, T_InsertStmt, T_UpdateStmt, T_DeleteStmt, 0},
	.check = check,
};
