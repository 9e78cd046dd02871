/* The columns a statement writes, and the NOT NULL columns the run made (columns.h). */
#include "miglint/columns.h"

#include "check_internal.h"

#include "miglint/objects.h"

#include <stdlib.h>
#include <string.h>

const char *mg_type_builtin(const TypeName *t)
{
	if (!t || !t->names)
		return NULL;
	if (list_length(t->names) == 2 &&
	    strcmp(strVal(linitial(t->names)), "pg_catalog") == 0)
		return strVal(lsecond(t->names));
	return list_length(t->names) == 1 ? strVal(linitial(t->names)) : NULL;
}

static bool has_constraint(const List *constraints, ConstrType type)
{
	const ListCell *lc;
	foreach (lc, constraints) {
		const Node *n = lfirst(lc);
		if (IsA(n, Constraint) && ((const Constraint *)n)->contype == type)
			return true;
	}
	return false;
}

/* The one column of a table PRIMARY KEY among elts, or NULL (none, or several columns). */
static const char *table_key_column(const List *elts)
{
	const ListCell *lc;
	foreach (lc, elts) {
		const Node *n = lfirst(lc);
		if (!IsA(n, Constraint))
			continue;
		const Constraint *con = (const Constraint *)n;
		if (con->contype == CONSTR_PRIMARY && list_length(con->keys) == 1)
			return strVal(linitial(con->keys));
	}
	return NULL;
}

static mg_new_column column_of(const RangeVar *table, const ColumnDef *def, const char *key)
{
	return (mg_new_column){
		.table = table,
		.def = def,
		.name = def->colname,
		.type = def->typeName,
		.key = has_constraint(def->constraints, CONSTR_PRIMARY) ||
		       (key && def->colname && strcmp(key, def->colname) == 0),
		.identity = has_constraint(def->constraints, CONSTR_IDENTITY),
	};
}

void mg_columns_each(mg_check *c, const Node *stmt, mg_column_fn fn)
{
	const ListCell *lc;
	if (IsA(stmt, CreateStmt)) {
		const CreateStmt *s = (const CreateStmt *)stmt;
		const char *key = table_key_column(s->tableElts);
		foreach (lc, s->tableElts) {
			const Node *n = lfirst(lc);
			if (!IsA(n, ColumnDef))
				continue;
			mg_new_column col = column_of(s->relation, (const ColumnDef *)n, key);
			fn(c, &col);
		}
	} else if (IsA(stmt, AlterTableStmt)) {
		const AlterTableStmt *s = (const AlterTableStmt *)stmt;
		if (s->objtype != OBJECT_TABLE)
			return;
		foreach (lc, s->cmds) {
			const AlterTableCmd *cmd = lfirst(lc);
			if (!cmd->def || !IsA(cmd->def, ColumnDef))
				continue;
			const ColumnDef *def = (const ColumnDef *)cmd->def;
			if (cmd->subtype == AT_AddColumn) {
				mg_new_column col = column_of(s->relation, def, NULL);
				fn(c, &col);
			} else if (cmd->subtype == AT_AlterColumnType) {
				mg_new_column col = {
					.table = s->relation,
					.def = def,
					.name = cmd->name,
					.type = def->typeName,
					.altered = true,
				};
				fn(c, &col);
			}
		}
	}
}

/* ---- the run's NOT NULL columns ------------------------------------------------------ */

/* A table's NOT NULL columns: the names, owned. */
typedef MG_VEC(char *) column_list;

static void free_columns(void *v)
{
	column_list *l = v;
	for (size_t i = 0; l && i < l->len; i++)
		free(l->items[i]);
	if (l)
		free(l->items);
	free(l);
}

static long find(const column_list *l, const char *column)
{
	for (size_t i = 0; l && i < l->len; i++)
		if (strcmp(l->items[i], column) == 0)
			return (long)i;
	return -1;
}

static void set_not_null(mg_check *c, const char *table, const char *column, bool on)
{
	if (!table || !column)
		return;
	column_list *l = mg_strmap_get(&c->columns.not_null, table);
	long i = find(l, column);
	if (on && i < 0) {
		if (!l) {
			l = mg_xcalloc(1, sizeof(*l));
			mg_strmap_put(&c->columns.not_null, table, l);
		}
		MG_VEC_PUSH(*l, mg_xstrdup(column));
	} else if (!on && i >= 0) {
		free(l->items[i]);
		l->items[i] = l->items[--l->len];
	}
}

/* Forgets every column of table (to == NULL) or moves them to table `to`. */
static void move_table(mg_check *c, const char *table, const char *to)
{
	column_list *l = mg_strmap_remove(&c->columns.not_null, table);
	if (l && to)
		free_columns(mg_strmap_put(&c->columns.not_null, to, l));
	else
		free_columns(l);
}

static void note_column(mg_check *c, const char *table, const ColumnDef *def, const char *key)
{
	bool nn = has_constraint(def->constraints, CONSTR_NOTNULL) ||
		  has_constraint(def->constraints, CONSTR_PRIMARY) ||
		  (key && def->colname && strcmp(key, def->colname) == 0);
	set_not_null(c, table, def->colname, nn);
}

static void note_primary_key(mg_check *c, const char *table, const Constraint *con)
{
	const ListCell *lc;
	if (con->contype != CONSTR_PRIMARY)
		return;
	foreach (lc, con->keys)
		set_not_null(c, table, strVal(lfirst(lc)), true);
}

static void after_alter(mg_check *c, const AlterTableStmt *s)
{
	const char *table = s->relation->relname;
	const ListCell *lc;
	foreach (lc, s->cmds) {
		const AlterTableCmd *cmd = lfirst(lc);
		switch (cmd->subtype) {
		case AT_AddColumn:
			if (cmd->def && IsA(cmd->def, ColumnDef))
				note_column(c, table, (const ColumnDef *)cmd->def, NULL);
			break;
		case AT_SetNotNull:
			set_not_null(c, table, cmd->name, true);
			break;
		case AT_DropNotNull:
		case AT_DropColumn:
			set_not_null(c, table, cmd->name, false);
			break;
		case AT_AddConstraint:
			if (cmd->def && IsA(cmd->def, Constraint))
				note_primary_key(c, table, (const Constraint *)cmd->def);
			break;
		default:
			break;
		}
	}
}

void mg_columns_after(mg_check *c, const Node *stmt)
{
	const ListCell *lc;
	if (IsA(stmt, CreateStmt)) {
		const CreateStmt *s = (const CreateStmt *)stmt;
		if (s->if_not_exists)
			return; /* it may have found an older table, whose columns the run does not know */
		const char *table = s->relation->relname;
		const char *key = table_key_column(s->tableElts);
		move_table(c, table, NULL);
		foreach (lc, s->tableElts) {
			const Node *n = lfirst(lc);
			if (IsA(n, ColumnDef))
				note_column(c, table, (const ColumnDef *)n, key);
			else if (IsA(n, Constraint))
				note_primary_key(c, table, (const Constraint *)n);
		}
	} else if (IsA(stmt, AlterTableStmt)) {
		const AlterTableStmt *s = (const AlterTableStmt *)stmt;
		if (s->objtype == OBJECT_TABLE && s->relation)
			after_alter(c, s);
	} else if (IsA(stmt, RenameStmt)) {
		const RenameStmt *s = (const RenameStmt *)stmt;
		if (!s->relation || !s->newname)
			return;
		if (s->renameType == OBJECT_COLUMN && s->subname &&
		    mg_column_not_null(c, s->relation->relname, s->subname)) {
			set_not_null(c, s->relation->relname, s->subname, false);
			set_not_null(c, s->relation->relname, s->newname, true);
		} else if (s->renameType == OBJECT_TABLE) {
			move_table(c, s->relation->relname, s->newname);
		}
	} else if (IsA(stmt, DropStmt)) {
		const DropStmt *s = (const DropStmt *)stmt;
		if (s->removeType != OBJECT_TABLE)
			return;
		foreach (lc, s->objects) {
			const char *name = mg_name_last(lfirst(lc));
			if (name)
				move_table(c, name, NULL);
		}
	}
}

bool mg_column_not_null(const mg_check *c, const char *table, const char *column)
{
	if (!table || !column)
		return false;
	return find(mg_strmap_get(&c->columns.not_null, table), column) >= 0;
}

void mg_run_columns_reset(mg_run_columns *r)
{
	mg_strmap_clear(&r->not_null, free_columns);
}

void mg_run_columns_dispose(mg_run_columns *r)
{
	if (r)
		mg_strmap_dispose(&r->not_null, free_columns);
}
