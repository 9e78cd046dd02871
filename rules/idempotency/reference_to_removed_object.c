/* MG214: a statement that uses a table, a column or an enum value which a later statement of
 * the same file renames or drops: on a second run it no longer exists, and the statement
 * fails. */
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

/* Columns read anywhere in a query, resolved to their table as PostgreSQL resolves them: a
 * qualified name to the FROM item of that name or alias, innermost query level first; an
 * unqualified one to the single table of its level (UPDATE's and DELETE's target when the
 * level has more), or, among several tables, to the one this file has given that column by
 * then; otherwise it is left alone rather than guessed. ORDER BY is not read: its names may
 * be the select list's output names. */
typedef struct scope_item {
	const RangeVar *rv; /* NULL for a subquery, a function or a name the WITH defines */
	const char *name;   /* how the query refers to it: its alias, else its name */
} scope_item;

typedef struct scope {
	const struct scope *outer;
	MG_VEC(scope_item) items;
	const RangeVar *target; /* UPDATE's or DELETE's table: owns the level's unqualified names */
} scope;

typedef struct column_reads {
	mg_check *c;
	const read_tables *rt; /* the names WITH defines */
	const scope *sc;
} column_reads;

static void column_at(mg_check *c, const RangeVar *rv, const char *column, int location)
{
	mg_report_lazily(c, MG_FAILS_IF_GONE, (mg_object){"column", rv->relname, column},
			 location, describe_column);
}

static const RangeVar *resolve_unqualified(const column_reads *cr, const char *column)
{
	for (const scope *sc = cr->sc; sc; sc = sc->outer) {
		if (!sc->items.len)
			continue;
		if (sc->target)
			return sc->target;
		const RangeVar *only = NULL;
		size_t known = 0;
		for (size_t i = 0; i < sc->items.len; i++) {
			const RangeVar *rv = sc->items.items[i].rv;
			if (rv && (sc->items.len == 1 ||
				   mg_made_in_file(cr->c, (mg_object){"column", rv->relname, column}))) {
				only = rv;
				known++;
			}
		}
		return known == 1 ? only : NULL;
	}
	return NULL;
}

static const RangeVar *resolve_qualified(const column_reads *cr, const char *qualifier)
{
	for (const scope *sc = cr->sc; sc; sc = sc->outer)
		for (size_t i = 0; i < sc->items.len; i++) {
			const scope_item *it = &sc->items.items[i];
			if (it->name && strcmp(it->name, qualifier) == 0)
				return it->rv;
		}
	return NULL;
}

/* The table of a column reference (NULL when it is not one of a table, or not known), and
 * the column's name in *column_out. */
static const RangeVar *resolve(const column_reads *cr, const ColumnRef *ref, const char **column_out)
{
	int n = list_length(ref->fields);
	*column_out = NULL;
	if (!n || !IsA(llast(ref->fields), String))
		return NULL; /* t.* */
	*column_out = strVal(llast(ref->fields));
	if (n == 1)
		return resolve_unqualified(cr, *column_out);
	if (IsA(list_nth(ref->fields, n - 2), String))
		return resolve_qualified(cr, strVal(list_nth(ref->fields, n - 2)));
	return NULL;
}

/* An enum literal: a string the statement casts to an enum type, which fails on a second run
 * if a later statement of the file took the value away (a type swap, a renamed value). */
static void describe_enum_value(mg_check *c, mg_object obj, int location)
{
	mg_finding *f = mg_report(c, location,
		"value '%s' of enum type \"%s\" is removed later in this file (the type is swapped or the value renamed); on a second run this statement fails because the value no longer exists",
		obj.name, obj.parent);
	mg_help(f, "use the values the final type has, or run this statement before the type is changed");
}

static void enum_literal(mg_check *c, const char *type, const Node *value)
{
	if (!type || !value || !IsA(value, A_Const))
		return;
	const A_Const *k = (const A_Const *)value;
	if (k->isnull || !IsA(&k->val, String))
		return;
	mg_report_lazily(c, MG_FAILS_IF_GONE, (mg_object){"enum value", type, strVal(&k->val)},
			 k->location, describe_enum_value);
	/* a type dropped for good (the column made text first) leaves nothing to cast to */
	mg_fails_only_if_exists(c, (mg_object){"type", NULL, type});
}

/* A literal compared with, or assigned to, a column whose type the file knows. */
static void column_literal(const column_reads *cr, const RangeVar *rv, const char *column,
			   const Node *value)
{
	if (rv && column)
		enum_literal(cr->c, mg_column_type(cr->c, rv->relname, column), value);
}

/* column = 'x', column <> 'x', column IN ('x', 'y'), either side. */
static void compared_literals(const column_reads *cr, const A_Expr *e)
{
	const Node *sides[] = {e->lexpr, e->rexpr};
	for (size_t i = 0; i < 2; i++) {
		if (!sides[i] || !IsA(sides[i], ColumnRef))
			continue;
		const char *column;
		const RangeVar *rv = resolve(cr, (const ColumnRef *)sides[i], &column);
		const Node *other = sides[1 - i];
		if (e->kind == AEXPR_IN && i == 0 && other && IsA(other, List)) {
			const ListCell *lc;
			foreach (lc, (const List *)other)
				column_literal(cr, rv, column, lfirst(lc));
		} else if (e->kind == AEXPR_OP) {
			column_literal(cr, rv, column, other);
		}
	}
}

static void statement_columns(const column_reads *cr, const Node *stmt);

static bool columns_walker(Node *node, void *context)
{
	if (!node)
		return false;
	const column_reads *cr = context;
	if (IsA(node, ColumnRef)) {
		const char *column;
		const RangeVar *rv = resolve(cr, (const ColumnRef *)node, &column);
		if (rv)
			column_at(cr->c, rv, column, ((const ColumnRef *)node)->location);
		return false;
	}
	if (IsA(node, TypeCast)) {
		const TypeCast *tc = (const TypeCast *)node;
		enum_literal(cr->c, tc->typeName ? mg_name_last(tc->typeName->names) : NULL, tc->arg);
	}
	if (IsA(node, A_Expr))
		compared_literals(cr, (const A_Expr *)node);
	if (IsA(node, SubLink)) {
		const SubLink *sub = (const SubLink *)node;
		columns_walker(sub->testexpr, context);
		statement_columns(cr, sub->subselect);
		return false;
	}
	if (IsA(node, SelectStmt) || IsA(node, InsertStmt) || IsA(node, UpdateStmt) ||
	    IsA(node, DeleteStmt)) {
		statement_columns(cr, node);
		return false;
	}
	return raw_expression_tree_walker(node, (pg_walker)columns_walker, context);
}

static void walk_columns(const column_reads *outer, const scope *sc, const Node *expr)
{
	column_reads cr = {outer->c, outer->rt, sc};
	if (expr)
		columns_walker((Node *)expr, &cr);
}

/* Adds a FROM item (a join's tables too) to the level's scope; a subquery in FROM is read
 * with the enclosing levels (and this one's earlier items when it is LATERAL). */
static void add_from_item(const column_reads *cr, scope *sc, const Node *n)
{
	if (IsA(n, RangeVar)) {
		const RangeVar *rv = (const RangeVar *)n;
		bool cte = !rv->schemaname && is_cte(cr->rt, rv->relname);
		MG_VEC_PUSH(sc->items, ((scope_item){cte ? NULL : rv,
						     rv->alias ? rv->alias->aliasname : rv->relname}));
	} else if (IsA(n, JoinExpr)) {
		const JoinExpr *j = (const JoinExpr *)n;
		add_from_item(cr, sc, j->larg);
		add_from_item(cr, sc, j->rarg);
		if (j->alias) /* (a JOIN b) AS x hides a and b behind x: names through x are not read */
			MG_VEC_PUSH(sc->items, ((scope_item){NULL, j->alias->aliasname}));
	} else if (IsA(n, RangeSubselect)) {
		const RangeSubselect *r = (const RangeSubselect *)n;
		walk_columns(cr, r->lateral ? sc : sc->outer, r->subquery);
		MG_VEC_PUSH(sc->items, ((scope_item){NULL, r->alias ? r->alias->aliasname : NULL}));
	} else {
		const RangeFunction *r = IsA(n, RangeFunction) ? (const RangeFunction *)n : NULL;
		MG_VEC_PUSH(sc->items, ((scope_item){NULL, r && r->alias ? r->alias->aliasname : NULL}));
	}
}

/* A join's ON condition, and its USING columns, which both of its tables must have. */
static void join_columns(const column_reads *cr, const scope *sc, const Node *n)
{
	if (!IsA(n, JoinExpr))
		return;
	const JoinExpr *j = (const JoinExpr *)n;
	join_columns(cr, sc, j->larg);
	join_columns(cr, sc, j->rarg);
	walk_columns(cr, sc, j->quals);
	/* USING (...) follows the join's right side */
	int after = IsA(j->rarg, RangeVar) ? ((const RangeVar *)j->rarg)->location : -1;
	const ListCell *lc;
	foreach (lc, j->usingClause) {
		if (!IsA(lfirst(lc), String))
			continue;
		const Node *sides[] = {j->larg, j->rarg};
		for (size_t k = 0; k < 2; k++) {
			const RangeVar *rv = IsA(sides[k], RangeVar) ? (const RangeVar *)sides[k] : NULL;
			if (rv && (rv->schemaname || !is_cte(cr->rt, rv->relname)))
				column_at(cr->c, rv, strVal(lfirst(lc)), mg_locate(cr->c, after, strVal(lfirst(lc))));
		}
	}
}

static void from_scope(const column_reads *cr, scope *sc, const List *from)
{
	const ListCell *lc;
	foreach (lc, from)
		add_from_item(cr, sc, lfirst(lc));
	foreach (lc, from)
		join_columns(cr, sc, lfirst(lc));
}

static void with_columns(const column_reads *cr, const WithClause *with)
{
	const ListCell *lc;
	if (with)
		foreach (lc, with->ctes)
			walk_columns(cr, cr->sc, ((const CommonTableExpr *)lfirst(lc))->ctequery);
}

static void select_columns(const column_reads *cr, const SelectStmt *sel)
{
	with_columns(cr, sel->withClause);
	if (sel->op != SETOP_NONE) {
		select_columns(cr, sel->larg);
		select_columns(cr, sel->rarg);
		return;
	}
	scope sc = {.outer = cr->sc};
	const ListCell *lc;
	foreach (lc, sel->valuesLists)
		walk_columns(cr, &sc, lfirst(lc));
	from_scope(cr, &sc, sel->fromClause);
	foreach (lc, sel->targetList)
		walk_columns(cr, &sc, ((const ResTarget *)lfirst(lc))->val);
	walk_columns(cr, &sc, sel->whereClause);
	walk_columns(cr, &sc, (const Node *)sel->groupClause);
	walk_columns(cr, &sc, sel->havingClause);
	free(sc.items.items);
}

static void statement_columns(const column_reads *cr, const Node *stmt)
{
	if (!stmt)
		return;
	switch (nodeTag(stmt)) {
	case T_SelectStmt:
		select_columns(cr, (const SelectStmt *)stmt);
		break;
	case T_InsertStmt: {
		/* the inserted table is not in scope of the rows' query; its column list is read
		 * by the statement's own check */
		const InsertStmt *s = (const InsertStmt *)stmt;
		with_columns(cr, s->withClause);
		walk_columns(cr, cr->sc, s->selectStmt);
		const SelectStmt *rows = (const SelectStmt *)s->selectStmt;
		const ListCell *row, *v, *col;
		if (rows && IsA(rows, SelectStmt))
			foreach (row, rows->valuesLists)
				forboth (v, (const List *)lfirst(row), col, s->cols)
					column_literal(cr, s->relation, ((const ResTarget *)lfirst(col))->name,
						       lfirst(v));
		break;
	}
	case T_UpdateStmt: {
		const UpdateStmt *s = (const UpdateStmt *)stmt;
		with_columns(cr, s->withClause);
		scope sc = {.outer = cr->sc, .target = s->relation};
		add_from_item(cr, &sc, (const Node *)s->relation);
		from_scope(cr, &sc, s->fromClause);
		const ListCell *lc;
		foreach (lc, s->targetList) {
			const ResTarget *t = lfirst(lc);
			column_ref(cr->c, s->relation, t->name); /* SET column = ... */
			column_literal(cr, s->relation, t->name, t->val);
			walk_columns(cr, &sc, t->val);
		}
		walk_columns(cr, &sc, s->whereClause);
		free(sc.items.items);
		break;
	}
	case T_DeleteStmt: {
		const DeleteStmt *s = (const DeleteStmt *)stmt;
		with_columns(cr, s->withClause);
		scope sc = {.outer = cr->sc, .target = s->relation};
		add_from_item(cr, &sc, (const Node *)s->relation);
		from_scope(cr, &sc, s->usingClause);
		walk_columns(cr, &sc, s->whereClause);
		free(sc.items.items);
		break;
	}
	default:
		break;
	}
}

/* Every column a statement reads (statement_columns). */
static void query_columns(mg_check *c, const Node *stmt)
{
	read_tables rt = {c, {0}};
	cte_names_walker((Node *)stmt, &rt);
	column_reads cr = {c, &rt, NULL};
	statement_columns(&cr, stmt);
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
		query_tables(c, ((const ViewStmt *)node)->query);
		query_columns(c, ((const ViewStmt *)node)->query);
		break;
	case T_CreatePolicyStmt:
		table_ref(c, ((const CreatePolicyStmt *)node)->table);
		break;
	case T_RuleStmt:
		table_ref(c, ((const RuleStmt *)node)->relation);
		break;
	case T_SelectStmt:
		query_tables(c, node);
		query_columns(c, node);
		break;
	case T_CreateTableAsStmt:
		query_tables(c, ((const CreateTableAsStmt *)node)->query);
		query_columns(c, ((const CreateTableAsStmt *)node)->query);
		break;
	case T_InsertStmt: {
		const InsertStmt *s = node;
		table_ref(c, s->relation);
		query_tables(c, s->selectStmt);
		if (s->withClause)
			query_tables(c, node);
		query_columns(c, node);
		const ListCell *lc;
		foreach (lc, s->cols)
			column_ref(c, s->relation, ((const ResTarget *)lfirst(lc))->name);
		break;
	}
	case T_UpdateStmt: {
		const UpdateStmt *s = node;
		table_ref(c, s->relation);
		query_tables(c, node); /* FROM, subqueries, WITH */
		query_columns(c, node);
		break;
	}
	case T_DeleteStmt:
		table_ref(c, ((const DeleteStmt *)node)->relation);
		query_tables(c, node); /* USING, subqueries, WITH */
		query_columns(c, node);
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
