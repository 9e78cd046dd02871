/* MG331: ADD COLUMN rewrites the whole table, under ACCESS EXCLUSIVE, when every existing row
 * needs a value computed for it: a volatile DEFAULT (clock_timestamp(), gen_random_uuid(),
 * random(), nextval), serial, identity and STORED generated columns. PostgreSQL 11+ stores a
 * non-volatile default once in the catalog instead (now() and constants, casts included);
 * before 11 any non-NULL default rewrites. Measured on PostgreSQL 15 by tests/lock-truth. */
#include "miglint/check.h"
#include "miglint/locks.h"

#include "docs/add_column_rewrites_table.h"

#include <string.h>

typedef enum volatility { STABLE, UNKNOWN, VOLATILE } volatility;

/* Built-ins PostgreSQL marks VOLATILE: a default calling one is evaluated per row. */
static const char *const volatile_functions[] = {
	"clock_timestamp", "gen_random_uuid", "random", "uuid_generate_v1", "uuid_generate_v1mc",
	"uuid_generate_v4", "nextval", "timeofday", "txid_current", "setseed", "gen_random_bytes",
	NULL,
};
/* Built-ins marked STABLE or IMMUTABLE that defaults commonly call. */
static const char *const stable_functions[] = {
	"now", "transaction_timestamp", "statement_timestamp", "current_setting", "lower", "upper",
	"btrim", "ltrim", "rtrim", "trim", "length", "concat", "concat_ws", "md5", "to_char",
	"to_timestamp", "to_date", "to_json", "to_jsonb", "json_build_object", "jsonb_build_object",
	"json_build_array", "jsonb_build_array", "make_date", "make_interval", "date_trunc",
	"timezone", "abs", "round", "array_fill", "replace", "substr", "substring", "left",
	"right", "jsonb_object", "current_database", "current_schema", "pg_current_xact_id",
	NULL,
};

static bool listed(const char *const *list, const char *name)
{
	for (; *list; list++)
		if (strcmp(*list, name) == 0)
			return true;
	return false;
}

static volatility worst(volatility a, volatility b)
{
	return a > b ? a : b;
}

/* How volatile a DEFAULT expression is; *func_out names the function that decides it. */
static volatility classify(const Node *e, const char **func_out)
{
	const ListCell *lc;
	volatility v = STABLE;
	if (!e)
		return STABLE;
	switch (nodeTag(e)) {
	case T_A_Const:
	case T_SQLValueFunction: /* CURRENT_TIMESTAMP, CURRENT_USER: stable */
		return STABLE;
	case T_TypeCast:
		return classify(((const TypeCast *)e)->arg, func_out);
	case T_CollateClause:
		return classify(((const CollateClause *)e)->arg, func_out);
	case T_A_Expr:
		v = classify(((const A_Expr *)e)->lexpr, func_out);
		return v == VOLATILE ? v : worst(v, classify(((const A_Expr *)e)->rexpr, func_out));
	case T_NullTest:
		return classify((const Node *)((const NullTest *)e)->arg, func_out);
	case T_BoolExpr:
		foreach (lc, ((const BoolExpr *)e)->args)
			if ((v = worst(v, classify(lfirst(lc), func_out))) == VOLATILE)
				break;
		return v;
	case T_A_ArrayExpr:
		foreach (lc, ((const A_ArrayExpr *)e)->elements)
			if ((v = worst(v, classify(lfirst(lc), func_out))) == VOLATILE)
				break;
		return v;
	case T_CoalesceExpr:
		foreach (lc, ((const CoalesceExpr *)e)->args)
			if ((v = worst(v, classify(lfirst(lc), func_out))) == VOLATILE)
				break;
		return v;
	case T_MinMaxExpr:
		foreach (lc, ((const MinMaxExpr *)e)->args)
			if ((v = worst(v, classify(lfirst(lc), func_out))) == VOLATILE)
				break;
		return v;
	case T_FuncCall: {
		const FuncCall *f = (const FuncCall *)e;
		const char *name = mg_name_last(f->funcname);
		if (name && listed(volatile_functions, name)) {
			*func_out = name;
			return VOLATILE;
		}
		v = name && listed(stable_functions, name) ? STABLE : UNKNOWN;
		if (v == UNKNOWN && !*func_out)
			*func_out = name;
		foreach (lc, f->args)
			if ((v = worst(v, classify(lfirst(lc), func_out))) == VOLATILE)
				break;
		return v;
	}
	default:
		return UNKNOWN;
	}
}

static bool serial_type(const TypeName *tn)
{
	static const char *const serials[] = {
		"serial", "serial2", "serial4", "serial8", "smallserial", "bigserial", NULL,
	};
	const char *name = tn ? mg_name_last(tn->names) : NULL;
	return name && !tn->arrayBounds && listed(serials, name);
}

static bool null_default(const Node *e)
{
	while (e && IsA(e, TypeCast))
		e = ((const TypeCast *)e)->arg;
	return e && IsA(e, A_Const) && ((const A_Const *)e)->isnull;
}

static void report(mg_check *c, const ColumnDef *col, const char *table, int location,
		   bool certain, const char *why, const char *fix)
{
	mg_finding *f;
	if (certain)
		f = mg_report(c, location,
			"column \"%s\" is added to table \"%s\" %s: PostgreSQL rewrites the whole "
			"table and its indexes under an ACCESS EXCLUSIVE lock, blocking %s",
			col->colname, table, why, mg_lock_mode_blocks(MG_LOCK_ACCESS_EXCLUSIVE));
	else {
		f = mg_report(c, location,
			"column \"%s\" is added to table \"%s\" %s: this may rewrite the whole table "
			"under an ACCESS EXCLUSIVE lock",
			col->colname, table, why);
		/* a guess is said, not failed on */
		mg_finding_as_info(f);
	}
	mg_help(f, "%s", fix);
}

static const char default_fix[] =
	"add the column without the DEFAULT, then ALTER COLUMN ... SET DEFAULT ... (for new rows "
	"only, no rewrite) and backfill the existing rows in batches";

static void check_column(mg_check *c, const ColumnDef *col, const char *table)
{
	const ListCell *lc;
	int loc = col->location;
	if (serial_type(col->typeName)) {
		report(c, col, table, loc, true, mg_tmp(c, "as %s (a sequence DEFAULT filled in "
			"every row)", mg_name_last(col->typeName->names)),
		       "no form of serial avoids the rewrite: add a nullable bigint column, create "
		       "a sequence, SET DEFAULT nextval(...), backfill in batches; or copy into a new "
		       "table");
		return;
	}
	foreach (lc, col->constraints) {
		const Constraint *con = lfirst(lc);
		if (con->contype == CONSTR_IDENTITY) {
			report(c, col, table, con->location, true, "as an identity column",
			       "no form of identity avoids the rewrite: add a nullable bigint column, "
			       "create a sequence, SET DEFAULT nextval(...), backfill in batches; or "
			       "copy into a new table");
			return;
		}
		if (con->contype == CONSTR_GENERATED) {
			report(c, col, table, con->location, true, "as a STORED generated column",
			       "add a plain column, keep it filled with a trigger, and backfill the "
			       "existing rows in batches");
			return;
		}
		if (con->contype != CONSTR_DEFAULT || !con->raw_expr || null_default(con->raw_expr))
			continue;
		if (mg_pg_version(c) < 11) {
			report(c, col, table, con->location, true,
			       mg_tmp(c, "with a DEFAULT before PostgreSQL 11 (pg_version %d)",
				      mg_pg_version(c)),
			       default_fix);
			return;
		}
		const char *func = NULL;
		volatility v = classify(con->raw_expr, &func);
		if (v == VOLATILE)
			report(c, col, table, con->location, true,
			       mg_tmp(c, "with a volatile DEFAULT (%s() is evaluated for every row)",
				      func),
			       default_fix);
		else if (v == UNKNOWN && func)
			report(c, col, table, con->location, false,
			       mg_tmp(c, "with a DEFAULT calling %s(), which miglint does not know "
				      "(a function created without STABLE or IMMUTABLE is VOLATILE, and "
				      "a volatile default rewrites)", func),
			       "declare the function STABLE or IMMUTABLE if it is, or add the column "
			       "without the DEFAULT, SET DEFAULT afterwards and backfill in batches");
		else if (v == UNKNOWN)
			report(c, col, table, con->location, false,
			       "with a DEFAULT whose volatility miglint cannot tell (a volatile one "
			       "rewrites)", default_fix);
		return;
	}
}

static void check(mg_check *c, const void *node)
{
	const AlterTableStmt *s = node;
	if (!mg_pre_existing(c, s->relation))
		return;
	const char *table = mg_rangevar_name(c, s->relation);
	const ListCell *lc;
	foreach (lc, s->cmds) {
		const AlterTableCmd *cmd = lfirst(lc);
		if (cmd->subtype == AT_AddColumn && cmd->def && IsA(cmd->def, ColumnDef))
			check_column(c, (const ColumnDef *)cmd->def, table);
	}
}

const mg_rule mg_rule_add_column_rewrites_table = {
	.code = "MG331",
	.name = "add-column-rewrites-table",
	.severity = MG_SEV_WARNING,
	.summary = "ADD COLUMN with a volatile default, serial, identity or a stored generated column rewrites an existing table under ACCESS EXCLUSIVE",
	.help = "add the column without the default, SET DEFAULT afterwards, backfill in batches",
	.doc = doc,
	.kind = MG_RULE_STATEMENT,
	.kinds = (const int[]){T_AlterTableStmt, 0},
	.check = check,
};
