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

/* One run of a SQL file: the part its tool sends to the database on its own (a goose or
 * dbmate section; most files are one run). It ends where the next run starts. */
typedef struct mg_unit_run {
	size_t start;                   /* its first byte */
	bool down;                      /* the down direction of a file holding both */
	const char *transaction_reason; /* why the tool runs it in a transaction, or NULL */
} mg_unit_run;

/* What the tool refuses or silently skips in a file as written (misplaced markers). */
typedef struct mg_unit_problem {
	size_t offset, length;
	char *message, *help; /* owned */
} mg_unit_problem;

enum { MG_UNIT_MAX_RUNS = 2, MG_UNIT_MAX_PROBLEMS = 4 };

/* How the tool runs one whole SQL file, read from its text by the tool (the frameworks'
 * planner), not by the engine. */
typedef struct mg_unit_plan {
	int markers; /* mg_section_tool: the goose or dbmate markers the file carries */
	mg_unit_run runs[MG_UNIT_MAX_RUNS];
	size_t run_count; /* at least one */
	mg_unit_problem problems[MG_UNIT_MAX_PROBLEMS];
	size_t problem_count;
	/* where the tool ends a statement whatever the text says (goose's StatementEnd, which
	 * needs no semicolon), in order; owned. A run's start ends one too. */
	size_t *breaks;
	size_t break_count;
	/* for each break, where the piece the tool sends as one query begins (goose's
	 * StatementBegin), or the file's length when the break closes none; owned or NULL. Two
	 * statements in one such query run in one implicit transaction: block_reason says so */
	size_t *break_begins;
	const char *block_reason;
	/* the file is not a migration but this ("pg_dump output"): no tool runs it as a step of
	 * the history, so its statements are not checked; NULL for a migration */
	const char *not_migration;
} mg_unit_plan;

struct mg_lint_context;

/* Plans the runs of text[body, len) (body: after a byte-order mark), run by ctx's tool
 * (NULL: plain SQL). */
typedef void (*mg_unit_planner)(mg_unit_plan *out, const struct mg_lint_context *ctx,
				const char *text, size_t body, size_t len);

/* Asked of a whole SQL file PostgreSQL's parser refused, with the offsets where it stopped:
 * the other database it was written for, or NULL (see mg_other_dialect). */
typedef const char *(*mg_dialect_reader)(const char *text, size_t body, size_t len,
					 const size_t *errors, size_t error_count,
					 size_t *at_out, const char **what_out);

/* How a migration tool runs a whole SQL file; all zero means plain SQL. */
typedef struct mg_lint_context {
	const char *framework;           /* "flyway", "sqlx", ... for messages; NULL for plain SQL */
	const char *transaction_reason;  /* the tool runs the whole file in a transaction */
	const char *single_query_reason; /* the file runs as one unit (one multi-statement query,
					  * or Flyway's all-or-nothing transaction): a statement
					  * that cannot run in a transaction fails beside others */
	/* the tool's own reading of the file's runs (sqlx's `-- no-transaction` first line),
	 * or NULL: the whole file is one run, in transaction_reason's transaction */
	mg_unit_planner plan;
	bool down;            /* the whole file is a down, undo or revert script */
	const char *up_path;  /* for a down script: the up migration it undoes, or NULL */
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
	/* a whole SQL file: how its tool runs it (NULL: plain SQL), and who divides it into runs
	 * (NULL: one run, as ctx says) */
	const mg_lint_context *ctx;
	mg_unit_planner plan;
	mg_dialect_reader dialect; /* NULL: a refused file is only syntax errors */
	/* SQL decoded from another file: that file's text, and for each byte of `bytes` the
	 * offset it came from (len + 1 entries); NULL for a whole SQL file */
	const char *file_text;
	size_t file_len;
	const size_t *map;
	const char *function;           /* where it runs: "upgrade", "operations[2]", ... */
	const char *transaction_reason; /* decoded SQL: the tool's transaction around it, or NULL */
	bool down;                      /* decoded SQL that undoes its migration (downgrade()) */
	const char *up_bytes;           /* ... and the decoded SQL it undoes, or NULL */
	size_t up_len;
} mg_unit;

#endif
