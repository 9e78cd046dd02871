/* The columns a statement writes, for the type rules (MG65x): the new columns of CREATE TABLE
 * and ADD COLUMN and the new type of ALTER COLUMN ... TYPE, never a column the statement only
 * names. And what the run knows of the columns it made itself (NOT NULL), kept by the engine
 * along the run as it keeps the new relations (locks.h). */
#ifndef MIGLINT_COLUMNS_H
#define MIGLINT_COLUMNS_H

#include "miglint/common.h"
#include "miglint/strmap.h"
#include "miglint/pg.h"

#include <stdbool.h>

typedef struct mg_check mg_check;

/* One column a statement writes. Pointers are lent by the parse tree. */
typedef struct mg_new_column {
	const RangeVar *table;
	const ColumnDef *def;  /* its definition (constraints, ...); for ALTER COLUMN TYPE the
				* ColumnDef holding the new type */
	const char *name;      /* the column's name */
	const TypeName *type;  /* NULL when the definition gives none (PARTITION OF, OF type) */
	bool altered;          /* ALTER COLUMN ... TYPE: an existing column's new type */
	bool key;              /* the whole primary key: PRIMARY KEY on the column, or a table
				* PRIMARY KEY (c) of this one column in the same statement */
	bool identity;         /* GENERATED ... AS IDENTITY */
} mg_new_column;

typedef void (*mg_column_fn)(mg_check *c, const mg_new_column *col);

/* Calls fn for each column stmt writes, in the order written: a CreateStmt's column
 * definitions, an AlterTableStmt's ADD COLUMN and ALTER COLUMN ... TYPE on a table (not
 * ALTER TYPE ... ADD ATTRIBUTE on a composite type); nothing for other statements. */
void mg_columns_each(mg_check *c, const Node *stmt, mg_column_fn fn);

/* The last name of a type written as `name` or `pg_catalog.name` (the grammar writes
 * `integer` as pg_catalog.int4, `char(n)` as pg_catalog.bpchar), or NULL for a type in
 * another schema (a user's type that happens to share the name) or no type. Lent by t. */
const char *mg_type_builtin(const TypeName *t);

/* What the run knows of the columns it made (CREATE TABLE, ADD COLUMN), followed through
 * SET/DROP NOT NULL, PRIMARY KEY, renames and drops. Zero-initialised is empty. */
typedef struct mg_run_columns {
	mg_strmap not_null; /* table -> its NOT NULL columns (owned) */
} mg_run_columns;

/* Empties r (a new run). */
void mg_run_columns_reset(mg_run_columns *r);
/* Frees what r holds; r may then be reused. */
void mg_run_columns_dispose(mg_run_columns *r);
/* Called by the engine after the rules: records what stmt does to the run's columns. */
void mg_columns_after(mg_check *c, const Node *stmt);
/* True when the run made column `column` of `table` NOT NULL (a NOT NULL or PRIMARY KEY
 * column it created, or SET NOT NULL) and has not dropped that since. Names compare without
 * their schema. False when the run does not know the column. */
bool mg_column_not_null(const mg_check *c, const char *table, const char *column);

#endif
