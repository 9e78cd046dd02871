/* Lints files: load, split, parse, run the selected rules, resolve facts and suppressions. */
#ifndef MIGLINT_ENGINE_H
#define MIGLINT_ENGINE_H

#include "miglint/finding.h"
#include "miglint/rule.h"
#include "miglint/unit.h"

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

typedef struct mg_engine_options {
	const bool *enabled;         /* by mg_rules_all index: which rules run */
	const mg_severity *severity; /* by index: the severity to report, or NULL for defaults */
	int pg_version;              /* the PostgreSQL major version migrations target */
	bool down_full;              /* idempotency findings in down scripts too (down: full) */
	bool lock_timeout_by_runner; /* the runner sets lock_timeout (lock_timeout: set-by-runner) */
	/* give findings their fix edits (check.h): each is proved by parsing its statement
	 * again with the edit made, a sixth of the work on files that miss IF NOT EXISTS, so
	 * only a front end that applies or shows edits asks for them (the reports do not) */
	bool fixes;
} mg_engine_options;

/* Gives an engine with these options (copied). Free with mg_engine_free. */
void mg_engine_new(mg_engine **out, const mg_engine_options *opts);
void mg_engine_free(mg_engine *eng);
/* True when the engine reports this rule. */
bool mg_engine_enabled(const mg_engine *eng, const mg_rule *r);
/* The severity findings of rule r are reported with. */
mg_severity mg_engine_severity(const mg_engine *eng, const mg_rule *r);

/* Lints one SQL unit (unit.h) into out; never fails: problems with the file are findings.
 * The findings are placed in the unit's file (through its map for decoded SQL), not yet
 * labelled with the function they run in. Thread-safe: distinct units may be linted at once. */
void mg_engine_lint_unit(mg_file_result *out, const mg_engine *eng, const mg_unit *unit);
/* Lints the file at path (from `stream` when not NULL) as plain SQL: a unit of its own. */
void mg_engine_lint(mg_file_result *out, const mg_engine *eng, const char *path, FILE *stream);
/* Lints bytes in memory as the plain SQL file path (tests, benchmarks). */
void mg_engine_lint_bytes(mg_file_result *out, const mg_engine *eng, const char *path,
			  const char *bytes, size_t len);
/* Releases what the parser keeps for the main thread; call before the program exits.
 * (Other threads must not: libpg_query frees their memory itself when they end.) */
void mg_engine_thread_done(void);
void mg_file_result_dispose(mg_file_result *r);
#endif
