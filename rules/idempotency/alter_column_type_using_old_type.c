/* MG217: ALTER COLUMN ... TYPE t USING an expression that only the column's old type can take.
 * On a second run the column already has type t and PostgreSQL refuses the expression
 * (USING to_timestamp(created_at) once created_at is a timestamptz: "function
 * to_timestamp(timestamp with time zone) does not exist"), before it changes anything.
 * Reported only where the failure is certain: a built-in function of the table below called
 * on the column itself, with t a type none of its overloads takes there. The replay says
 * whether the column still has type t at that point of a second run (the file may drop and
 * re-create the table, or give the column another type later). */
#include "miglint/check.h"

#include "docs/alter_column_type_using_old_type.h"

#include "nodes/nodeFuncs.h"

#include <string.h>

/* The types the table judges: a type outside this list (a domain, an enum, an extension's
 * citext) may be taken through a cast the table does not know. */
static const char known[] = "int2 int4 int8 numeric float4 float8 text varchar bpchar name bool "
			    "date time timetz timestamp timestamptz interval json jsonb uuid bytea "
			    "inet text[] int4[] int8[] varchar[]";

#define NUMBERS "int2 int4 int8 numeric float4 float8"
#define STRINGS "text varchar bpchar name"

/* Built-in functions and the known types their argument `arg` takes, in any overload of the
 * name, implicit casts included (to_timestamp(int8) is to_timestamp(float8); varchar and name
 * go to text; date goes to timestamp, time to interval). tests/pg_truth.py checks every line
 * against PostgreSQL 15: each listed type resolves, each other known type is
 * undefined_function. */
static const struct accepts {
	const char *function;
	int arg;
	const char *types;
} table[] = {
	{"to_timestamp", 0, NUMBERS " " STRINGS},
	{"to_date", 0, STRINGS},
	{"to_number", 0, STRINGS},
	{"to_char", 0, NUMBERS " date time timestamp timestamptz interval"},
	{"date_trunc", 1, "date time timestamp timestamptz interval"},
	{"date_part", 1, "date time timetz timestamp timestamptz interval"},
	{"extract", 1, "date time timetz timestamp timestamptz interval"},
	{"lower", 0, STRINGS},
	{"upper", 0, STRINGS},
	{"initcap", 0, STRINGS},
	{"btrim", 0, STRINGS " bytea"},
	{"ltrim", 0, STRINGS " bytea"},
	{"rtrim", 0, STRINGS " bytea"},
	{"replace", 0, STRINGS},
	{"regexp_replace", 0, STRINGS},
	{"split_part", 0, STRINGS},
	{"substr", 0, STRINGS " bytea"},
	{"substring", 0, STRINGS " bytea"},
	{"left", 0, STRINGS},
	{"right", 0, STRINGS},
	{"lpad", 0, STRINGS},
	{"rpad", 0, STRINGS},
	{"length", 0, STRINGS " bytea"},
	{"char_length", 0, STRINGS},
	{"strpos", 0, STRINGS},
	{"reverse", 0, STRINGS},
	{"md5", 0, STRINGS " bytea"},
	{"encode", 0, "bytea"},
	{"decode", 0, STRINGS},
	{"convert_from", 0, "bytea"},
	{"convert_to", 0, STRINGS},
	{"string_to_array", 0, STRINGS},
	{"array_to_string", 0, "text[] int4[] int8[] varchar[]"},
	{"round", 0, NUMBERS},
	{"trunc", 0, NUMBERS},
	{"floor", 0, NUMBERS},
	{"ceil", 0, NUMBERS},
	{"ceiling", 0, NUMBERS},
	{"abs", 0, NUMBERS},
	{"json_array_length", 0, "json"},
	{"jsonb_array_length", 0, "jsonb"},
	{"json_typeof", 0, "json"},
	{"jsonb_typeof", 0, "jsonb"},
};

/* True when the space-separated list has the word. */
static bool listed(const char *list, const char *word)
{
	size_t n = strlen(word);
	for (const char *p = list; (p = strstr(p, word)) != NULL; p += n)
		if ((p == list || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
			return true;
	return false;
}

/* raw_expression_tree_walker takes PostgreSQL's unprototyped walker type. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wstrict-prototypes"
typedef bool (*pg_walker)();
#pragma GCC diagnostic pop

typedef struct using_walk {
	mg_check *c;
	const RangeVar *table;
	const char *column;
	const char *type;             /* the new type, as mg_objects_type names it */
	const FuncCall *call;         /* out: the first call that cannot take it */
	const struct accepts *entry;
} using_walk;

/* The column itself, as name or table.name, not an expression of it (a cast could make the
 * call valid for any type). */
static bool is_the_column(const using_walk *w, const Node *n)
{
	if (!n || !IsA(n, ColumnRef))
		return false;
	const List *fields = ((const ColumnRef *)n)->fields;
	int k = list_length(fields);
	if (k < 1 || k > 2 || !IsA(llast(fields), String) || strcmp(strVal(llast(fields)), w->column) != 0)
		return false;
	return k == 1 || (IsA(linitial(fields), String) &&
			  strcmp(strVal(linitial(fields)), w->table->relname) == 0);
}

/* The table's line for a plain call of a built-in (unqualified or pg_catalog.), or NULL; a
 * function of the same name that this file made may take the type. */
static const struct accepts *builtin(const using_walk *w, const FuncCall *fc)
{
	int n = list_length(fc->funcname);
	if (fc->agg_star || fc->agg_distinct || fc->func_variadic || fc->over || fc->agg_order ||
	    fc->agg_filter || n < 1 || n > 2 || !IsA(llast(fc->funcname), String))
		return NULL;
	if (n == 2 && (!IsA(linitial(fc->funcname), String) ||
		       strcmp(strVal(linitial(fc->funcname)), "pg_catalog") != 0))
		return NULL;
	const char *name = strVal(llast(fc->funcname));
	if (n == 1 && mg_made_in_file(w->c, (mg_object){"function", NULL, name}))
		return NULL;
	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++)
		if (strcmp(table[i].function, name) == 0)
			return &table[i];
	return NULL;
}

static bool using_walker(Node *node, void *context)
{
	if (!node)
		return false;
	using_walk *w = context;
	if (IsA(node, FuncCall)) {
		const FuncCall *fc = (const FuncCall *)node;
		const struct accepts *a = builtin(w, fc);
		if (a && list_length(fc->args) > a->arg && is_the_column(w, list_nth(fc->args, a->arg)) &&
		    !listed(a->types, w->type)) {
			w->call = fc;
			w->entry = a;
			return true;
		}
	}
	return raw_expression_tree_walker(node, (pg_walker)using_walker, context);
}

/* The type as PostgreSQL's messages print it. */
static const char *sql_name(const char *type)
{
	static const char *const names[][2] = {
		{"int2", "smallint"}, {"int4", "integer"}, {"int8", "bigint"},
		{"float4", "real"}, {"float8", "double precision"}, {"bool", "boolean"},
		{"bpchar", "character"}, {"varchar", "character varying"},
		{"timestamp", "timestamp without time zone"}, {"timestamptz", "timestamp with time zone"},
		{"time", "time without time zone"}, {"timetz", "time with time zone"},
		{"int4[]", "integer[]"}, {"int8[]", "bigint[]"}, {"varchar[]", "character varying[]"},
	};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(names[i][0], type) == 0)
			return names[i][1];
	return type;
}

static void check(mg_check *c, const void *node)
{
	const AlterTableStmt *s = node;
	const ListCell *lc;
	foreach (lc, s->cmds) {
		const AlterTableCmd *cmd = lfirst(lc);
		if (cmd->subtype != AT_AlterColumnType || !cmd->name || !cmd->def ||
		    !IsA(cmd->def, ColumnDef))
			continue;
		const ColumnDef *def = (const ColumnDef *)cmd->def;
		char type[MG_OBJECT_PAIR_MAX], fact[MG_OBJECT_PAIR_MAX];
		if (!def->raw_default || !def->typeName || !mg_objects_type(type, def->typeName) ||
		    !listed(known, type))
			continue;
		using_walk w = {c, s->relation, cmd->name, type, NULL, NULL};
		using_walker(def->raw_default, &w);
		mg_object obj;
		if (!w.call || !mg_objects_column_type(&obj, fact, s->relation->relname, cmd->name, type))
			continue;
		const char *name = sql_name(type);
		/* TRIM(... FROM x) is written as trim whichever function it calls */
		const char *function = w.call->funcformat == COERCE_SQL_SYNTAX &&
				       strstr(w.entry->function, "trim") ? "trim" : w.entry->function;
		mg_finding *f = mg_report_unless_rerun_safe(c, MG_FAILS_IF_EXISTS, obj, w.call->location,
			"column \"%s\" of table \"%s\" becomes %s, but USING passes it to %s(), which does not take that type; a second run finds the column converted already and fails",
			cmd->name, mg_rangevar_name(c, s->relation), name, function);
		mg_help(f, "change the type in a DO block that first checks the column's type (information_schema.columns.data_type)");
	}
}

const mg_rule mg_rule_alter_column_type_using_old_type = {
	.code = "MG217",
	.name = "alter-column-type-using-old-type",
	.severity = MG_SEV_ERROR,
	.summary = "ALTER COLUMN ... TYPE ... USING a function that only the old type can take fails when the migration runs again",
	.help = "change the type in a DO block that checks the column's current type first",
	.doc = doc,
	.kind = MG_RULE_STATEMENT,
	.kinds = (const int[]){T_AlterTableStmt, 0},
	.check = check,
};
