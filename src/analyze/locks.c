/* The lock table and the run's new relations (locks.h). The modes are PostgreSQL 15's
 * (AlterTableGetLockLevel and the utility commands), checked against the measurements of
 * ../shared/LOCKING.md section 1 and by tests/lock-truth against a real server. */
#include "miglint/locks.h"

#include "check_internal.h"
#include "engine_internal.h"

#include "miglint/split.h"

#include <stdlib.h>
#include <string.h>

typedef struct lock_list {
	mg_lock *out;
	size_t cap, n;
} lock_list;

static void add(lock_list *l, const char *schema, const char *name, mg_lock_mode mode,
		int location)
{
	if (!name)
		return;
	if (l->n < l->cap)
		l->out[l->n] = (mg_lock){schema, name, mode, location};
	l->n++;
}

static void add_rv(lock_list *l, const RangeVar *rv, mg_lock_mode mode)
{
	if (rv)
		add(l, rv->schemaname, rv->relname, mode, rv->location);
}

/* A name list (DROP INDEX a.b): its last two elements. */
static void add_names(lock_list *l, const List *names, mg_lock_mode mode)
{
	int n = list_length(names);
	if (n == 0)
		return;
	const Node *last = llast(names);
	const Node *schema = n >= 2 ? list_nth(names, n - 2) : NULL;
	if (IsA(last, String))
		add(l, schema && IsA(schema, String) ? strVal(schema) : NULL, strVal(last), mode, -1);
}

/* A foreign key takes SHARE ROW EXCLUSIVE on the table it references too. */
static void constraint_locks(lock_list *l, const Constraint *con)
{
	if (con->contype == CONSTR_FOREIGN)
		add_rv(l, con->pktable, MG_LOCK_SHARE_ROW_EXCLUSIVE);
}

static mg_lock_mode add_constraint_mode(const Constraint *con)
{
	switch (con->contype) {
	case CONSTR_FOREIGN:
		return MG_LOCK_SHARE_ROW_EXCLUSIVE;
	default:
		return MG_LOCK_ACCESS_EXCLUSIVE; /* CHECK, UNIQUE, PRIMARY KEY, EXCLUDE, USING INDEX */
	}
}

static mg_lock_mode alter_cmd_mode(const AlterTableCmd *cmd)
{
	switch (cmd->subtype) {
	case AT_SetStatistics:
	case AT_ClusterOn:
	case AT_DropCluster:
	case AT_SetOptions:
	case AT_ResetOptions:
	case AT_SetRelOptions:
	case AT_ResetRelOptions:
	case AT_ReplaceRelOptions:
	case AT_ValidateConstraint:
	case AT_AttachPartition:
	case AT_DetachPartitionFinalize:
		return MG_LOCK_SHARE_UPDATE_EXCLUSIVE;
	case AT_DetachPartition: {
		const PartitionCmd *pc = (const PartitionCmd *)cmd->def;
		return pc && pc->concurrent ? MG_LOCK_SHARE_UPDATE_EXCLUSIVE : MG_LOCK_ACCESS_EXCLUSIVE;
	}
	case AT_EnableTrig:
	case AT_EnableAlwaysTrig:
	case AT_EnableReplicaTrig:
	case AT_EnableTrigAll:
	case AT_EnableTrigUser:
	case AT_DisableTrig:
	case AT_DisableTrigAll:
	case AT_DisableTrigUser:
		return MG_LOCK_SHARE_ROW_EXCLUSIVE;
	case AT_AddConstraint:
		return cmd->def && IsA(cmd->def, Constraint)
			       ? add_constraint_mode((const Constraint *)cmd->def)
			       : MG_LOCK_ACCESS_EXCLUSIVE;
	default:
		return MG_LOCK_ACCESS_EXCLUSIVE;
	}
}

static void alter_table_locks(lock_list *l, const AlterTableStmt *s)
{
	const ListCell *lc;
	mg_lock_mode mode = MG_LOCK_NONE;
	foreach (lc, s->cmds) {
		const AlterTableCmd *cmd = lfirst(lc);
		mg_lock_mode m = alter_cmd_mode(cmd);
		mode = m > mode ? m : mode;
		if (cmd->subtype == AT_AddConstraint && cmd->def && IsA(cmd->def, Constraint))
			constraint_locks(l, (const Constraint *)cmd->def);
		if (cmd->subtype == AT_AddColumn && cmd->def && IsA(cmd->def, ColumnDef)) {
			const ListCell *k;
			foreach (k, ((const ColumnDef *)cmd->def)->constraints)
				constraint_locks(l, lfirst(k));
		}
		/* ATTACH takes ACCESS EXCLUSIVE on the partition (and scans it); DETACH on both */
		if ((cmd->subtype == AT_AttachPartition || cmd->subtype == AT_DetachPartition) &&
		    cmd->def && IsA(cmd->def, PartitionCmd)) {
			const PartitionCmd *pc = (const PartitionCmd *)cmd->def;
			add_rv(l, pc->name, pc->concurrent ? MG_LOCK_SHARE_UPDATE_EXCLUSIVE
							   : MG_LOCK_ACCESS_EXCLUSIVE);
		}
	}
	if (mode)
		add_rv(l, s->relation, mode);
}

static void drop_locks(lock_list *l, const DropStmt *s)
{
	mg_lock_mode mode;
	switch (s->removeType) {
	case OBJECT_INDEX:
		mode = s->concurrent ? MG_LOCK_SHARE_UPDATE_EXCLUSIVE : MG_LOCK_ACCESS_EXCLUSIVE;
		break;
	case OBJECT_TABLE:
	case OBJECT_VIEW:
	case OBJECT_MATVIEW:
	case OBJECT_SEQUENCE:
	case OBJECT_FOREIGN_TABLE:
		mode = MG_LOCK_ACCESS_EXCLUSIVE;
		break;
	default:
		return;
	}
	const ListCell *lc;
	foreach (lc, s->objects)
		if (IsA(lfirst(lc), List))
			add_names(l, lfirst(lc), mode);
}

static bool reindex_concurrently(const ReindexStmt *s)
{
	const ListCell *lc;
	foreach (lc, s->params)
		if (strcmp(((const DefElem *)lfirst(lc))->defname, "concurrently") == 0)
			return true;
	return false;
}

static bool vacuum_full(const VacuumStmt *s)
{
	const ListCell *lc;
	foreach (lc, s->options) {
		const DefElem *d = lfirst(lc);
		if (strcmp(d->defname, "full") == 0 && (!d->arg || !IsA(d->arg, String) ||
							strcmp(strVal(d->arg), "false") != 0))
			return true;
	}
	return false;
}

static void create_table_locks(lock_list *l, const CreateStmt *s)
{
	const ListCell *lc, *k;
	foreach (lc, s->tableElts) {
		const Node *e = lfirst(lc);
		if (IsA(e, Constraint))
			constraint_locks(l, (const Constraint *)e);
		else if (IsA(e, ColumnDef))
			foreach (k, ((const ColumnDef *)e)->constraints)
				constraint_locks(l, lfirst(k));
	}
	foreach (lc, s->constraints)
		constraint_locks(l, lfirst(lc));
	/* CREATE TABLE ... PARTITION OF takes ACCESS EXCLUSIVE on the parent */
	if (s->partbound)
		foreach (lc, s->inhRelations)
			add_rv(l, lfirst(lc), MG_LOCK_ACCESS_EXCLUSIVE);
}

size_t mg_locks_of(mg_lock *out, size_t cap, const Node *stmt)
{
	lock_list l = {out, cap, 0};
	const ListCell *lc;
	switch (nodeTag(stmt)) {
	case T_AlterTableStmt:
		alter_table_locks(&l, (const AlterTableStmt *)stmt);
		break;
	case T_IndexStmt: {
		const IndexStmt *s = (const IndexStmt *)stmt;
		add_rv(&l, s->relation, s->concurrent ? MG_LOCK_SHARE_UPDATE_EXCLUSIVE : MG_LOCK_SHARE);
		break;
	}
	case T_DropStmt:
		drop_locks(&l, (const DropStmt *)stmt);
		break;
	case T_RenameStmt: {
		const RenameStmt *s = (const RenameStmt *)stmt;
		add_rv(&l, s->relation, s->renameType == OBJECT_INDEX ? MG_LOCK_SHARE_UPDATE_EXCLUSIVE
								     : MG_LOCK_ACCESS_EXCLUSIVE);
		break;
	}
	case T_AlterObjectSchemaStmt:
		add_rv(&l, ((const AlterObjectSchemaStmt *)stmt)->relation, MG_LOCK_ACCESS_EXCLUSIVE);
		break;
	case T_TruncateStmt:
		foreach (lc, ((const TruncateStmt *)stmt)->relations)
			add_rv(&l, lfirst(lc), MG_LOCK_ACCESS_EXCLUSIVE);
		break;
	case T_ReindexStmt: {
		const ReindexStmt *s = (const ReindexStmt *)stmt;
		if (s->kind == REINDEX_OBJECT_INDEX || s->kind == REINDEX_OBJECT_TABLE)
			add_rv(&l, s->relation, reindex_concurrently(s) ? MG_LOCK_SHARE_UPDATE_EXCLUSIVE
									: MG_LOCK_SHARE);
		break;
	}
	case T_ClusterStmt:
		add_rv(&l, ((const ClusterStmt *)stmt)->relation, MG_LOCK_ACCESS_EXCLUSIVE);
		break;
	case T_VacuumStmt: {
		const VacuumStmt *s = (const VacuumStmt *)stmt;
		mg_lock_mode mode = vacuum_full(s) ? MG_LOCK_ACCESS_EXCLUSIVE
						   : MG_LOCK_SHARE_UPDATE_EXCLUSIVE;
		foreach (lc, s->rels)
			add_rv(&l, ((const VacuumRelation *)lfirst(lc))->relation, mode);
		break;
	}
	case T_LockStmt: {
		const LockStmt *s = (const LockStmt *)stmt;
		foreach (lc, s->relations)
			add_rv(&l, lfirst(lc), (mg_lock_mode)s->mode);
		break;
	}
	case T_RefreshMatViewStmt: {
		const RefreshMatViewStmt *s = (const RefreshMatViewStmt *)stmt;
		add_rv(&l, s->relation, s->concurrent ? MG_LOCK_EXCLUSIVE : MG_LOCK_ACCESS_EXCLUSIVE);
		break;
	}
	case T_CreateTrigStmt:
		add_rv(&l, ((const CreateTrigStmt *)stmt)->relation, MG_LOCK_SHARE_ROW_EXCLUSIVE);
		break;
	case T_CreatePolicyStmt:
		add_rv(&l, ((const CreatePolicyStmt *)stmt)->table, MG_LOCK_ACCESS_EXCLUSIVE);
		break;
	case T_AlterPolicyStmt:
		add_rv(&l, ((const AlterPolicyStmt *)stmt)->table, MG_LOCK_ACCESS_EXCLUSIVE);
		break;
	case T_CreateStmt:
		create_table_locks(&l, (const CreateStmt *)stmt);
		break;
	case T_CommentStmt:
	case T_CreateStatsStmt:
		break; /* SHARE UPDATE EXCLUSIVE on a table named inside an object list: not named */
	case T_InsertStmt:
		add_rv(&l, ((const InsertStmt *)stmt)->relation, MG_LOCK_ROW_EXCLUSIVE);
		break;
	case T_UpdateStmt:
		add_rv(&l, ((const UpdateStmt *)stmt)->relation, MG_LOCK_ROW_EXCLUSIVE);
		break;
	case T_DeleteStmt:
		add_rv(&l, ((const DeleteStmt *)stmt)->relation, MG_LOCK_ROW_EXCLUSIVE);
		break;
	default:
		break;
	}
	return l.n;
}

const char *mg_lock_mode_name(mg_lock_mode mode)
{
	static const char *const names[] = {
		"no lock", "ACCESS SHARE", "ROW SHARE", "ROW EXCLUSIVE", "SHARE UPDATE EXCLUSIVE",
		"SHARE", "SHARE ROW EXCLUSIVE", "EXCLUSIVE", "ACCESS EXCLUSIVE",
	};
	return mode >= MG_LOCK_NONE && mode <= MG_LOCK_ACCESS_EXCLUSIVE ? names[mode] : "?";
}

const char *mg_lock_mode_blocks(mg_lock_mode mode)
{
	switch (mode) {
	case MG_LOCK_ACCESS_EXCLUSIVE:
		return "every read and write of the table";
	case MG_LOCK_EXCLUSIVE:
	case MG_LOCK_SHARE_ROW_EXCLUSIVE:
	case MG_LOCK_SHARE:
		return "every INSERT, UPDATE and DELETE on the table";
	case MG_LOCK_SHARE_UPDATE_EXCLUSIVE:
		return "VACUUM and other schema changes on the table";
	default:
		return "little";
	}
}

/* ---- the run's new relations -------------------------------------------------------- */

/* The run's new relations map each name to its table when it is an index (a copy), else to
 * NULL. */
static void forget(mg_new_relations *r, const char *name)
{
	free(mg_strmap_remove(&r->names, name));
}

static void remember(mg_new_relations *r, const char *name, const char *table)
{
	if (name)
		free(mg_strmap_put(&r->names, name, table ? mg_xstrdup(table) : NULL));
}

static void free_strings(char **items, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(items[i]);
}

void mg_new_relations_reset(mg_new_relations *r)
{
	mg_strmap_clear(&r->names, free);
	free_strings(r->not_null_checks.items, r->not_null_checks.len);
	free_strings(r->pending_checks.items, r->pending_checks.len);
	free_strings(r->not_valid.items, r->not_valid.len);
	r->not_valid.len = 0;
	r->do_blocks = 0;
	free_strings(r->enum_values.items, r->enum_values.len);
	free_strings(r->exclusive.items, r->exclusive.len);
	r->exclusive.len = 0;
	free_strings(r->column_types.items, r->column_types.len);
	r->not_null_checks.len = r->pending_checks.len = r->column_types.len = 0;
	r->enum_values.len = 0;
	r->timeout_flagged = r->first_unguarded = false;
}

void mg_new_relations_dispose(mg_new_relations *r)
{
	if (!r)
		return;
	mg_new_relations_reset(r);
	mg_strmap_dispose(&r->names, free);
	free(r->not_null_checks.items);
	free(r->pending_checks.items);
	free(r->not_valid.items);
	free(r->enum_values.items);
	free(r->exclusive.items);
	free(r->column_types.items);
	memset(r, 0, sizeof(*r));
}

bool mg_relation_new(const mg_check *c, const char *name)
{
	return name && mg_strmap_has(&c->locks.names, name);
}

bool mg_pre_existing(const mg_check *c, const RangeVar *rv)
{
	return rv && rv->relname && !mg_relation_new(c, rv->relname);
}

/* The column a CHECK constraint's expression says IS NOT NULL (alone or in an AND), or
 * NULL. */
static const char *not_null_column(const Node *e)
{
	if (!e)
		return NULL;
	if (IsA(e, NullTest)) {
		const NullTest *t = (const NullTest *)e;
		if (t->nulltesttype == IS_NOT_NULL && t->arg && IsA(t->arg, ColumnRef))
			return mg_name_last(((const ColumnRef *)t->arg)->fields);
		return NULL;
	}
	if (IsA(e, BoolExpr) && ((const BoolExpr *)e)->boolop == AND_EXPR) {
		const ListCell *lc;
		foreach (lc, ((const BoolExpr *)e)->args) {
			const char *col = not_null_column(lfirst(lc));
			if (col)
				return col;
		}
	}
	return NULL;
}

static void note_check(mg_new_relations *r, const char *table, const Constraint *con)
{
	const char *col = not_null_column(con->raw_expr);
	if (!col)
		return;
	if (con->skip_validation)
		MG_VEC_PUSH(r->pending_checks, mg_xasprintf("%s\x1f%s\x1f%s", table,
							    con->conname ? con->conname : "", col));
	else
		MG_VEC_PUSH(r->not_null_checks, mg_xasprintf("%s\x1f%s", table, col));
}

static void note_validate(mg_new_relations *r, const char *table, const char *conname)
{
	char *prefix = mg_xasprintf("%s\x1f%s\x1f", table, conname);
	size_t n = strlen(prefix);
	for (size_t i = 0; i < r->pending_checks.len; i++) {
		const char *p = r->pending_checks.items[i];
		if (strncmp(p, prefix, n) == 0)
			MG_VEC_PUSH(r->not_null_checks, mg_xasprintf("%s\x1f%s", table, p + n));
	}
	free(prefix);
}

bool mg_not_null_check_valid(const mg_check *c, const char *table, const char *column)
{
	char *key = mg_xasprintf("%s\x1f%s", table, column);
	bool found = false;
	for (size_t i = 0; i < c->locks.not_null_checks.len && !found; i++)
		found = strcmp(c->locks.not_null_checks.items[i], key) == 0;
	free(key);
	return found;
}

/* The text of mg_lock_type_text, allocated. */
static char *type_text(const TypeName *tn)
{
	mg_buf b;
	const ListCell *lc;
	mg_buf_init(&b);
	mg_buf_puts(&b, mg_name_last(tn->names));
	bool first = true;
	foreach (lc, tn->typmods) {
		const Node *m = lfirst(lc);
		if (!IsA(m, A_Const) || ((const A_Const *)m)->isnull ||
		    !IsA(&((const A_Const *)m)->val, Integer))
			continue;
		mg_buf_printf(&b, "%s%d", first ? "(" : ",", intVal(&((const A_Const *)m)->val));
		first = false;
	}
	if (!first)
		mg_buf_putc(&b, ')');
	if (tn->arrayBounds)
		mg_buf_puts(&b, "[]");
	return mg_buf_take(&b);
}

static void note_type(mg_new_relations *r, const char *table, const char *column,
		      const TypeName *tn)
{
	if (!table || !column || !tn || !tn->names)
		return;
	char *text = type_text(tn);
	MG_VEC_PUSH(r->column_types, mg_xasprintf("%s\x1f%s\x1f%s", table, column, text));
	free(text);
}

const char *mg_lock_column_type(const mg_check *c, const char *table, const char *column)
{
	if (!table || !column)
		return NULL;
	char *prefix = mg_xasprintf("%s\x1f%s\x1f", table, column);
	size_t n = strlen(prefix);
	const char *found = NULL;
	for (size_t i = c->locks.column_types.len; i-- > 0 && !found;)
		if (strncmp(c->locks.column_types.items[i], prefix, n) == 0)
			found = c->locks.column_types.items[i] + n;
	free(prefix);
	return found;
}

const char *mg_lock_type_text(mg_check *c, const TypeName *tn)
{
	if (!tn || !tn->names)
		return NULL;
	char *text = type_text(tn);
	const char *out = mg_tmp(c, "%s", text);
	free(text);
	return out;
}

/* A name for the transaction the statement runs in, unique in the run; NULL outside one. */
static char *transaction_tag(const mg_check *c)
{
	if (c->session.in_transaction)
		return mg_xasprintf("x%zu", c->tx_opened_at);
	for (size_t i = 0; i + 1 < c->query_blocks.len; i += 2)
		if (c->stmt_start >= c->query_blocks.items[i] && c->stmt_start < c->query_blocks.items[i + 1])
			return mg_xasprintf("b%zu", c->query_blocks.items[i]);
	if (c->ctx && c->ctx->single_query_reason)
		return mg_xstrdup("q");
	/* a DO block outside a transaction is one statement: its own transaction */
	if (c->embedded_depth > 0)
		return mg_xasprintf("d%zu", c->locks.do_blocks);
	return NULL;
}

static void note_not_valid(mg_check *c, const char *table, const Constraint *con)
{
	if (!con->skip_validation || !con->conname ||
	    (con->contype != CONSTR_CHECK && con->contype != CONSTR_FOREIGN))
		return;
	char *tag = transaction_tag(c);
	if (!tag)
		return;
	MG_VEC_PUSH(c->locks.not_valid,
		    mg_xasprintf("%s\x1f%s\x1f%s\x1f%c", table, con->conname, tag,
				 con->contype == CONSTR_CHECK ? 'a' : 's'));
	free(tag);
}

mg_lock_mode mg_lock_not_valid_in_transaction(const mg_check *c, const char *table,
					      const char *constraint)
{
	char *tag = transaction_tag(c);
	if (!tag)
		return MG_LOCK_NONE;
	char *key = mg_xasprintf("%s\x1f%s\x1f%s\x1f", table, constraint, tag);
	size_t n = strlen(key);
	mg_lock_mode mode = MG_LOCK_NONE;
	for (size_t i = c->locks.not_valid.len; i-- > 0 && mode == MG_LOCK_NONE;) {
		const char *p = c->locks.not_valid.items[i];
		if (strncmp(p, key, n) == 0)
			mode = p[n] == 'a' ? MG_LOCK_ACCESS_EXCLUSIVE : MG_LOCK_SHARE_ROW_EXCLUSIVE;
	}
	free(key);
	free(tag);
	return mode;
}

static void after_alter(mg_check *c, const AlterTableStmt *s)
{
	mg_new_relations *r = &c->locks;
	const char *table = s->relation ? s->relation->relname : NULL;
	const ListCell *lc;
	if (!table)
		return;
	foreach (lc, s->cmds) {
		const AlterTableCmd *cmd = lfirst(lc);
		if (cmd->subtype == AT_AddConstraint && cmd->def && IsA(cmd->def, Constraint))
			note_not_valid(c, table, (const Constraint *)cmd->def);
		if (cmd->subtype == AT_AddConstraint && cmd->def && IsA(cmd->def, Constraint) &&
		    ((const Constraint *)cmd->def)->contype == CONSTR_CHECK)
			note_check(r, table, (const Constraint *)cmd->def);
		else if (cmd->subtype == AT_ValidateConstraint && cmd->name)
			note_validate(r, table, cmd->name);
		else if (cmd->subtype == AT_AddColumn && cmd->def && IsA(cmd->def, ColumnDef))
			note_type(r, table, ((const ColumnDef *)cmd->def)->colname,
				  ((const ColumnDef *)cmd->def)->typeName);
		else if (cmd->subtype == AT_AlterColumnType && cmd->def && IsA(cmd->def, ColumnDef))
			note_type(r, table, cmd->name, ((const ColumnDef *)cmd->def)->typeName);
	}
}

static bool relation_kind(ObjectType t)
{
	return t == OBJECT_TABLE || t == OBJECT_VIEW || t == OBJECT_MATVIEW || t == OBJECT_INDEX ||
	       t == OBJECT_SEQUENCE || t == OBJECT_FOREIGN_TABLE;
}

/* Notes the ACCESS EXCLUSIVE locks stmt takes on relations in use, when it runs in a
 * transaction that later statements share. Before the statement's own effects: a table it
 * creates is not one in use. */
static void note_exclusive(mg_check *c, const Node *stmt)
{
	char *tag = transaction_tag(c);
	if (!tag)
		return;
	mg_lock locks[MG_LOCKS_MAX];
	size_t n = mg_locks_of(locks, MG_LOCKS_MAX, stmt);
	for (size_t i = 0; i < n && i < MG_LOCKS_MAX; i++)
		if (locks[i].mode == MG_LOCK_ACCESS_EXCLUSIVE && !mg_relation_new(c, locks[i].name))
			MG_VEC_PUSH(c->locks.exclusive,
				    mg_xasprintf("%s\x1f%s\x1f%zu", tag, locks[i].name, c->stmt_start));
	free(tag);
}

const char *mg_lock_exclusive_held(const mg_check *c, size_t *at_out)
{
	char *tag = transaction_tag(c);
	if (!tag)
		return NULL;
	size_t n = strlen(tag);
	const char *found = NULL;
	for (size_t i = 0; i < c->locks.exclusive.len && !found; i++) {
		const char *p = c->locks.exclusive.items[i];
		if (strncmp(p, tag, n) != 0 || p[n] != '\x1f')
			continue;
		const char *name = p + n + 1, *end = strchr(name, '\x1f');
		*at_out = (size_t)strtoull(end + 1, NULL, 10);
		found = mg_tmp((mg_check *)c, "%.*s", (int)(end - name), name);
	}
	free(tag);
	return found;
}

void mg_locks_after(mg_check *c, const Node *stmt)
{
	mg_new_relations *r = &c->locks;
	const ListCell *lc;
	note_exclusive(c, stmt);
	switch (nodeTag(stmt)) {
	case T_CreateStmt: {
		const CreateStmt *s = (const CreateStmt *)stmt;
		remember(r, s->relation->relname, NULL);
		foreach (lc, s->tableElts)
			if (IsA(lfirst(lc), ColumnDef))
				note_type(r, s->relation->relname, ((const ColumnDef *)lfirst(lc))->colname,
					  ((const ColumnDef *)lfirst(lc))->typeName);
		break;
	}
	case T_CreateForeignTableStmt:
		remember(r, ((const CreateForeignTableStmt *)stmt)->base.relation->relname, NULL);
		break;
	case T_CreateTableAsStmt:
		remember(r, ((const CreateTableAsStmt *)stmt)->into->rel->relname, NULL);
		break;
	case T_SelectStmt: {
		const SelectStmt *s = (const SelectStmt *)stmt;
		if (s->intoClause)
			remember(r, s->intoClause->rel->relname, NULL);
		break;
	}
	case T_ViewStmt:
		remember(r, ((const ViewStmt *)stmt)->view->relname, NULL);
		break;
	case T_CreateSeqStmt:
		remember(r, ((const CreateSeqStmt *)stmt)->sequence->relname, NULL);
		break;
	case T_IndexStmt: {
		/* an index on a table in use is no help: dropping it locks that table */
		const IndexStmt *s = (const IndexStmt *)stmt;
		if (mg_relation_new(c, s->relation->relname))
			remember(r, s->idxname, s->relation->relname);
		break;
	}
	case T_DropStmt: {
		const DropStmt *s = (const DropStmt *)stmt;
		if (!relation_kind(s->removeType))
			break;
		foreach (lc, s->objects)
			if (IsA(lfirst(lc), List))
				forget(r, mg_name_last(lfirst(lc)));
		break;
	}
	case T_RenameStmt: {
		const RenameStmt *s = (const RenameStmt *)stmt;
		if (!relation_kind(s->renameType) || !s->relation || !s->newname)
			break;
		if (mg_strmap_has(&r->names, s->relation->relname)) {
			char *table = mg_strmap_remove(&r->names, s->relation->relname);
			free(mg_strmap_put(&r->names, s->newname, table));
		} else {
			forget(r, s->newname); /* the new name now names a relation in use */
		}
		break;
	}
	case T_AlterTableStmt:
		after_alter(c, (const AlterTableStmt *)stmt);
		break;
	case T_AlterEnumStmt: {
		const AlterEnumStmt *s = (const AlterEnumStmt *)stmt;
		if (s->newVal && !s->oldVal && mg_lock_transaction(c) != MG_TX_NONE)
			MG_VEC_PUSH(r->enum_values, mg_xasprintf("%s\x1f%s", mg_name_last(s->typeName),
								 s->newVal));
		break;
	}
	case T_DoStmt:
		r->do_blocks++;
		break;
	case T_TransactionStmt: {
		TransactionStmtKind k = ((const TransactionStmt *)stmt)->kind;
		if (k == TRANS_STMT_COMMIT || k == TRANS_STMT_ROLLBACK || k == TRANS_STMT_PREPARE) {
			free_strings(r->enum_values.items, r->enum_values.len);
			r->enum_values.len = 0;
			free_strings(r->exclusive.items, r->exclusive.len);
			r->exclusive.len = 0;
		}
		break;
	}
	default:
		break;
	}
}

bool mg_enum_value_uncommitted(const mg_check *c, const char *type, const char *value)
{
	char *key = mg_xasprintf("%s\x1f%s", type, value);
	bool found = false;
	for (size_t i = 0; i < c->locks.enum_values.len && !found; i++)
		found = strcmp(c->locks.enum_values.items[i], key) == 0;
	free(key);
	return found;
}

mg_lock_mode mg_lock_strongest(mg_check *c, mg_lock *out)
{
	mg_lock locks[MG_LOCKS_MAX];
	size_t n = mg_locks_of(locks, MG_LOCKS_MAX, c->stmt);
	mg_lock_mode best = MG_LOCK_NONE;
	for (size_t i = 0; i < n && i < MG_LOCKS_MAX; i++) {
		if (mg_relation_new(c, locks[i].name) || locks[i].mode <= best)
			continue;
		best = locks[i].mode;
		if (out)
			*out = locks[i];
	}
	return best;
}

bool mg_lock_timeout_set(const mg_check *c)
{
	/* lock_timeout: set-by-runner says it is in effect before the migration's first line */
	return c->eng->lock_timeout_by_runner || mg_session_state(&c->session).lock_timeout_set;
}

void mg_locks_before(mg_check *c, const Node *stmt)
{
	mg_new_relations *r = &c->locks;
	r->first_unguarded = false;
	if (r->timeout_flagged || mg_lock_timeout_set(c))
		return;
	const Node *saved = c->stmt;
	c->stmt = stmt;
	if (mg_lock_strongest(c, NULL) >= MG_LOCK_SHARE)
		r->first_unguarded = r->timeout_flagged = true;
	c->stmt = saved;
}

bool mg_lock_first_without_timeout(const mg_check *c)
{
	return c->locks.first_unguarded;
}

const char *mg_lock_query_block(const mg_check *c)
{
	if (c->session.in_transaction)
		return NULL;
	for (size_t i = 0; i + 1 < c->query_blocks.len; i += 2)
		if (c->stmt_start >= c->query_blocks.items[i] && c->stmt_start < c->query_blocks.items[i + 1])
			return c->plan.block_reason;
	return NULL;
}

mg_tx_kind mg_lock_transaction(const mg_check *c)
{
	if (c->session.in_transaction)
		return c->session.reason ? MG_TX_TOOL : MG_TX_EXPLICIT;
	if ((c->ctx && c->ctx->single_query_reason) || mg_lock_query_block(c))
		return MG_TX_QUERY;
	return MG_TX_NONE;
}

/* The tool's own words for turning its transaction off: the parenthesis of its reason. */
static const char *parenthesis(mg_check *c, const char *reason)
{
	const char *open = reason ? strchr(reason, '(') : NULL;
	const char *close = open ? strrchr(open, ')') : NULL;
	if (!close)
		return NULL;
	return mg_tmp(c, "%.*s", (int)(close - open - 1), open + 1);
}

const char *mg_lock_outside_transaction_fix(mg_check *c)
{
	const char *how;
	switch (mg_lock_transaction(c)) {
	case MG_TX_EXPLICIT:
		return "move it after the file's COMMIT";
	case MG_TX_TOOL:
		how = parenthesis(c, c->session.reason);
		return how ? how : "run it in a migration outside the tool's transaction";
	case MG_TX_QUERY:
		how = parenthesis(c, mg_lock_query_block(c) ? mg_lock_query_block(c)
							    : c->ctx->single_query_reason);
		return how ? how : "put it in a migration file of its own";
	default:
		return NULL;
	}
}

int mg_clause_last_token(mg_check *c, int location)
{
	if (location < 0)
		return -1;
	const char *t = c->src.text;
	size_t i = c->base + (size_t)location, last = i;
	int depth = 0;
	while (i < c->stmt_end) {
		i = mg_lex_skip_trivia(t, i, c->stmt_end);
		if (i >= c->stmt_end)
			break;
		size_t e = mg_lex_token_end(t, i, c->stmt_end);
		if (e == i + 1 && t[i] == '(') {
			depth++;
		} else if (e == i + 1 && t[i] == ')') {
			if (depth == 0)
				break;
			depth--;
		} else if (e == i + 1 && (t[i] == ';' || (t[i] == ',' && depth == 0))) {
			break;
		}
		last = i;
		i = e;
	}
	return (int)(last - c->base);
}

void mg_each_added_constraint(mg_check *c, const AlterTableStmt *stmt,
			      void (*fn)(mg_check *c, const mg_added_constraint *added))
{
	if (!mg_pre_existing(c, stmt->relation))
		return;
	mg_added_constraint a = {.table = mg_rangevar_name(c, stmt->relation)};
	const ListCell *lc, *k;
	foreach (lc, stmt->cmds) {
		const AlterTableCmd *cmd = lfirst(lc);
		if (cmd->subtype == AT_AddConstraint && cmd->def && IsA(cmd->def, Constraint)) {
			a.con = (const Constraint *)cmd->def;
			a.column = NULL;
			fn(c, &a);
		} else if (cmd->subtype == AT_AddColumn && cmd->def && IsA(cmd->def, ColumnDef)) {
			a.column = (const ColumnDef *)cmd->def;
			foreach (k, a.column->constraints) {
				a.con = lfirst(k);
				fn(c, &a);
			}
		}
	}
}
