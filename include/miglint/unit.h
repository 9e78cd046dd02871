/* A SQL unit: one SQL text a migration tool sends to the database, and how it sends it. A
 * unit is a whole .sql file, or SQL decoded from string literals of a Python migration
 * (op.execute, RunSQL) with the map from its bytes back to the file's. Framework readers make
 * units without linting them; the run lints every unit of every framework through one pool
 * (mg_engine_lint_unit), then merges each unit's findings into its file's result. */
#ifndef MIGLINT_UNIT_H
#define MIGLINT_UNIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* How a migration tool runs a whole SQL file; all zero means plain SQL. */
typedef struct mg_lint_context {
	const char *framework;           /* "flyway", "sqlx", ... for messages; NULL for plain SQL */
	const char *transaction_reason;  /* the tool runs the whole file in a transaction */
	const char *single_query_reason; /* the file runs as one unit (one multi-statement query,
					  * or Flyway's all-or-nothing transaction): a statement
					  * that cannot run in a transaction fails beside others */
	bool sqlx_marker;     /* a first line `-- no-transaction` turns the transaction off */
	bool down;            /* the whole file is a down, undo or revert script */
	bool repeatable;      /* re-run whenever it changes (Flyway R__): re-run failures are errors */
} mg_lint_context;

/* Everything a unit points to is lent by its owner (the layout, the migration graph, the
 * run's overlays) and outlives the lint. */
typedef struct mg_unit {
	const char *path;      /* the file findings are reported in, as shown */
	FILE *stream;          /* read the file from here (standard input), or NULL */
	const char *bytes;     /* the text when it is not read from path: an editor's unsaved
				* buffer, or SQL decoded from a Python file; NULL: read path */
	size_t len;
	/* a whole SQL file: how its tool runs it (NULL: plain SQL) */
	const mg_lint_context *ctx;
	/* SQL decoded from another file: that file's text, and for each byte of `bytes` the
	 * offset it came from (len + 1 entries); NULL for a whole SQL file */
	const char *file_text;
	size_t file_len;
	const size_t *map;
	const char *function;           /* where it runs: "upgrade", "operations[2]", ... */
	const char *transaction_reason; /* decoded SQL: the tool's transaction around it, or NULL */
} mg_unit;

#endif
