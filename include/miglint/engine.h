/* Lints files: load, split, parse, run the selected rules, resolve facts and suppressions. */
#ifndef MIGLINT_ENGINE_H
#define MIGLINT_ENGINE_H

#include "miglint/finding.h"
#include "miglint/rule.h"

#include <stdbool.h>
#include <stdio.h>

typedef struct mg_engine mg_engine;

typedef struct mg_file_result {
	char *path;
	mg_finding **findings; /* owned; sorted */
	size_t count;
	bool unreadable;
	int sections_tool;     /* mg_section_tool: goose or dbmate markers found in the file */
} mg_file_result;

/* How a migration tool runs a file (see layout.h); NULL everywhere means plain SQL. */
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

typedef struct mg_engine_options {
	const bool *enabled;         /* by mg_rules_all index: which rules run */
	const mg_severity *severity; /* by index: the severity to report, or NULL for defaults */
	int pg_version;              /* the PostgreSQL major version migrations target */
} mg_engine_options;

/* Gives an engine with these options (copied). Free with mg_engine_free. */
void mg_engine_new(mg_engine **out, const mg_engine_options *opts);
void mg_engine_free(mg_engine *eng);
/* True when the engine reports this rule. */
bool mg_engine_enabled(const mg_engine *eng, const mg_rule *r);
/* The severity findings of rule r are reported with. */
mg_severity mg_engine_severity(const mg_engine *eng, const mg_rule *r);

/* Lints one file (from `stream` when not NULL) into out; never fails: problems with the file
 * are findings. Thread-safe: distinct files may be linted at once. */
void mg_engine_lint(mg_file_result *out, const mg_engine *eng, const char *path, FILE *stream);
/* The same, for a file its migration tool runs as ctx says (ctx may be NULL). */
void mg_engine_lint_ctx(mg_file_result *out, const mg_engine *eng, const char *path, FILE *stream,
			const mg_lint_context *ctx);
/* Lints bytes in memory (tests, benchmarks). */
void mg_engine_lint_bytes(mg_file_result *out, const mg_engine *eng, const char *path,
			  const char *bytes, size_t len);
/* Releases what the parser keeps for the main thread; call before the program exits.
 * (Other threads must not: libpg_query frees their memory itself when they end.) */
void mg_engine_thread_done(void);
void mg_file_result_dispose(mg_file_result *r);
/* Lints SQL that lives in another file, decoded from string literals (op.execute in a Python
 * migration): byte i of sql came from byte map[i] of file_text (map has sql_len + 1 entries),
 * so findings land at their place in the file. */
void mg_engine_lint_embedded(mg_file_result *out, const mg_engine *eng, const char *path,
			     const char *file_text, size_t file_len, const char *sql, size_t sql_len,
			     const size_t *map, const char *transaction_reason);
/* (transaction_reason: when not NULL, the SQL runs inside a transaction the migration tool
 * opened, and this says so in messages.) */

#endif
