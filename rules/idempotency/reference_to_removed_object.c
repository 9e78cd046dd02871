/* MG214: a statement that uses a table or column which a later statement of the same file
 * renames or drops: on a second run it no longer exists, and the statement fails. */
#include "miglint/check.h"
#include "miglint/common.h"

#include <stdlib.h>
#include <string.h>

#include "docs/reference_to_removed_object.h"

#include "nodes/nodeFuncs.h"

/* Most statements use names that nothing removes: findings are described only if needed. */
static void describe_table(mg_check *c, mg_object obj, int location)
{
	mg_finding *f = mg_report(c, location,
		"table \"%s\" is renamed or dropped later in this file; on a second run this statement fails because the table no longer exists",
		obj.name);
	mg_help(f, "move this statement after the rename and use the new name, or guard it with IF EXISTS");
}

static void describe_column(mg_check *c, mg_object obj, int location)
{
	mg_finding *f = mg_report(c, mg_locate(c, location, obj.name),
		"column \"%s\" of table \"%s\" is renamed or dropped later in this file; on a second run this statement fails because the column no longer exists",
		obj.name, obj.parent);
	mg_help(f, "use the column's final name, or run this statement before the column is created under its old name");
}

static void table_ref(mg_check *c, const RangeVar *rv)
{
	if (rv)
		mg_report_lazily(c, MG_FAILS_IF_GONE, (mg_object){"relation", NULL, rv->relname},
				 rv->location, describe_table);
}

static void column_ref(mg_check *c, const RangeVar *rv, const char *column)
{
	/* the column's name is searched for after the table's, when the finding stands */
	if (rv && column)
		mg_report_lazily(c, MG_FAILS_IF_GONE, (mg_object){"column", rv->relname, column},
				 mg_locate(c, rv->location, rv->relname), describe_column);
}

static void column_list(mg_check *c, const RangeVar *rv, const List *names)
{
	const ListCell *lc;
	foreach (lc, names)
		if (IsA(lfirst(lc), String))
			column_ref(c, rv, strVal(lfirst(lc)));
}

/* Column references inside expressions (a WHERE clause, an index expression, a CHECK):
 * unqualified, or qualified with the table's name or alias, they name its columns. */
/* raw_expression_tree_walker takes PostgreSQL's unprototyped walker type. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wstrict-prototypes"
typedef bool (*pg_walker)();
#pragma GCC diagnostic pop

typedef struct expr_refs {
	mg_check *c;
	const RangeVar *rv;
	bool qualified_only; /* several tables are in scope: only table.column is ours */
} expr_refs;

static bool column_refs_walker(Node *node, void *context)
{
	if (!node)
		return false;
	if (IsA(node, ColumnRef)) {
		const expr_refs *er = context;
		const List *fields = ((const ColumnRef *)node)->fields;
		int n = list_length(fields);
		const Node *last = n ? llast(fields) : NULL;
		const char *qualifier = n == 2 && IsA(linitial(fields), String) ? strVal(linitial(fields)) : NULL;
		const char *alias = er->rv->alias ? er->rv->alias->aliasname : NULL;
		bool ours = (n == 1 && !er->qualified_only) ||
			    (qualifier && (strcmp(qualifier, er->rv->relname) == 0 ||
					   (alias && strcmp(qualifier, alias) == 0)));
		if (ours && last && IsA(last, String))
			column_ref(er->c, er->rv, strVal(last));
		return false;
	}
	return raw_expression_tree_walker(node, (pg_walker)column_refs_walker, context);
}

static void expression_refs(mg_check *c, const RangeVar *rv, const Node *expr)
{
	expr_refs er = {c, rv, false};
	if (expr && rv)
		column_refs_walker((Node *)expr, &er);
}

/* A view reads the tables of its FROM clause: their names, and their columns in the select
 * list and WHERE clause (unqualified ones only when it reads a single table). */
static void view_refs(mg_check *c, const ViewStmt *v)
{
	const SelectStmt *sel = (const SelectStmt *)v->query;
	if (!sel || !IsA(sel, SelectStmt))
		return;
	int tables = 0;
	const ListCell *lc;
	foreach (lc, sel->fromClause)
		tables += IsA(lfirst(lc), RangeVar);
	foreach (lc, sel->fromClause) {
		if (!IsA(lfirst(lc), RangeVar))
			continue;
		const RangeVar *rv = lfirst(lc);
		table_ref(c, rv);
		expr_refs er = {c, rv, tables != 1};
		const ListCell *t;
		foreach (t, sel->targetList)
			column_refs_walker(((const ResTarget *)lfirst(t))->val, &er);
		if (sel->whereClause)
			column_refs_walker(sel->whereClause, &er);
	}
}

/* Every table a query reads, anywhere in it: FROM and JOIN items, subqueries, CTEs, INSERT
 * ... SELECT, UPDATE ... FROM, DELETE ... USING. A name the query's WITH defines is not a
 * table. */
typedef struct read_tables {
	mg_check *c;
	MG_VEC(const char *) ctes;
} read_tables;

static bool is_cte(const read_tables *rt, const char *name)
{
	for (size_t i = 0; i < rt->ctes.len; i++)
		if (strcmp(rt->ctes.items[i], name) == 0)
			return true;
	return false;
}

static bool cte_names_walker(Node *node, void *context)
{
	if (!node)
		return false;
	if (IsA(node, CommonTableExpr))
		MG_VEC_PUSH(((read_tables *)context)->ctes, ((const CommonTableExpr *)node)->ctename);
	return raw_expression_tree_walker(node, (pg_walker)cte_names_walker, context);
}

static bool read_tables_walker(Node *node, void *context)
{
	if (!node)
		return false;
	read_tables *rt = context;
	if (IsA(node, RangeVar)) {
		const RangeVar *rv = (const RangeVar *)node;
		if (rv->relname && (rv->schemaname || !is_cte(rt, rv->relname)))
			table_ref(rt->c, rv);
		return false;
	}
	return raw_expression_tree_walker(node, (pg_walker)read_tables_walker, context);
}

static void query_tables(mg_check *c, const Node *query)
{
	read_tables rt = {c, {0}};
	cte_names_walker((Node *)query, &rt);
	read_tables_walker((Node *)query, &rt);
	free(rt.ctes.items);
}

static void constraint_refs(mg_check *c, const RangeVar *rv, const Constraint *con)
{
	if (con->contype == CONSTR_CHECK)
		expression_refs(c, rv, con->raw_expr);
	column_list(c, rv, con->keys);
	column_list(c, rv, con->fk_attrs);
	if (con->contype == CONSTR_FOREIGN && con->pktable) {
		table_ref(c, con->pktable);
		column_list(c, con->pktable, con->pk_attrs);
	}
}

static void alter_table(mg_check *c, const AlterTableStmt *s)
{
	if (!s->missing_ok)
		table_ref(c, s->relation);
	const ListCell *lc;
	foreach (lc, s->cmds) {
		const AlterTableCmd *cmd = lfirst(lc);
		switch (cmd->subtype) {
		case AT_AlterColumnType: case AT_SetNotNull: case AT_DropNotNull:
		case AT_ColumnDefault: case AT_SetStatistics: case AT_SetStorage:
		case AT_SetOptions: case AT_ResetOptions:
			column_ref(c, s->relation, cmd->name);
			break;
		case AT_AddConstraint:
			if (cmd->def && IsA(cmd->def, Constraint))
				constraint_refs(c, s->relation, (const Constraint *)cmd->def);
			break;
		default:
			break;
		}
	}
}

static void check(mg_check *c, const void *node)
{
	switch (nodeTag(node)) {
	case T_AlterTableStmt:
		if (((const AlterTableStmt *)node)->objtype == OBJECT_TABLE)
			alter_table(c, node);
		break;
	case T_IndexStmt: {
		const IndexStmt *s = node;
		table_ref(c, s->relation);
		const ListCell *lc;
		foreach (lc, s->indexParams) {
			const IndexElem *e = lfirst(lc);
			if (e->name)
				column_ref(c, s->relation, e->name);
			expression_refs(c, s->relation, e->expr);
		}
		expression_refs(c, s->relation, s->whereClause);
		break;
	}
	case T_CreateTrigStmt:
		table_ref(c, ((const CreateTrigStmt *)node)->relation);
		break;
	case T_ViewStmt:
		view_refs(c, node);
		query_tables(c, ((const ViewStmt *)node)->query);
		break;
	case T_CreatePolicyStmt:
		table_ref(c, ((const CreatePolicyStmt *)node)->table);
		break;
	case T_RuleStmt:
		table_ref(c, ((const RuleStmt *)node)->relation);
		break;
	case T_SelectStmt:
		query_tables(c, node);
		break;
	case T_CreateTableAsStmt:
		query_tables(c, ((const CreateTableAsStmt *)node)->query);
		break;
	case T_InsertStmt: {
		const InsertStmt *s = node;
		table_ref(c, s->relation);
		query_tables(c, s->selectStmt);
		if (s->withClause)
			query_tables(c, node);
		const ListCell *lc;
		foreach (lc, s->cols)
			column_ref(c, s->relation, ((const ResTarget *)lfirst(lc))->name);
		break;
	}
	case T_UpdateStmt: {
		const UpdateStmt *s = node;
		table_ref(c, s->relation);
		const ListCell *lc;
		foreach (lc, s->targetList) {
			const ResTarget *t = lfirst(lc);
			column_ref(c, s->relation, t->name); /* SET column = ... */
			expression_refs(c, s->relation, t->val);
		}
		expression_refs(c, s->relation, s->whereClause);
		query_tables(c, node); /* FROM, subqueries, WITH */
		break;
	}
	case T_DeleteStmt:
		table_ref(c, ((const DeleteStmt *)node)->relation);
		expression_refs(c, ((const DeleteStmt *)node)->relation, ((const DeleteStmt *)node)->whereClause);
		query_tables(c, node); /* USING, subqueries, WITH */
		break;
	case T_TruncateStmt: {
		const ListCell *lc;
		foreach (lc, ((const TruncateStmt *)node)->relations)
			table_ref(c, lfirst(lc));
		break;
	}
	default:
		break;
	}
}

const mg_rule mg_rule_reference_to_removed_object = {
	.code = "MG214",
	.name = "reference-to-removed-object",
	.severity = MG_SEV_ERROR,
	.summary = "a statement uses a table or column that a later statement of the file renames or drops, so a second run fails",
	.help = "use the final names, or order the statements so that a second run finds what they use",
	.doc = doc,
	.kind = MG_RULE_STATEMENT,
	.kinds = (const int[]){T_AlterTableStmt, T_IndexStmt, T_CreateTrigStmt, T_ViewStmt, T_CreatePolicyStmt,
			       T_RuleStmt, T_InsertStmt, T_UpdateStmt, T_DeleteStmt, T_TruncateStmt,
			       T_SelectStmt, T_CreateTableAsStmt, 0},
	.check = check,
};
