/* What a file rule (MG_RULE_FILE), or the file-level hook (check_file) of another rule, is
 * given: what the engine learnt about one SQL unit while it linted it. The unit is a whole
 * file, or the SQL decoded from string literals of one (op.execute in a Python migration);
 * offsets are the unit's, and the engine turns them into file positions. The engine only
 * gathers these facts; the rules decide what is a finding. */
#ifndef MIGLINT_FILE_CHECK_H
#define MIGLINT_FILE_CHECK_H

#include "miglint/common.h"
#include "miglint/rule.h"
#include "miglint/source.h"
#include "miglint/split.h"
#include "miglint/unit.h"

#include <stdbool.h>
#include <stddef.h>

/* When the hooks are called: once when every statement has been checked, and once more when
 * suppressions have been applied (findings made then cannot be suppressed: they are about
 * the suppressions themselves). A hook reports in the phase it needs. */
typedef enum mg_file_phase {
	MG_FILE_LINTED,
	MG_FILE_SUPPRESSED,
} mg_file_phase;

/* A statement PostgreSQL's parser refused. */
typedef struct mg_syntax_error {
	size_t offset, length; /* the token the parser stopped at */
	char *message;         /* libpg_query's message, as it gave it (all of it) */
} mg_syntax_error;

/* A `-- miglint:` comment the engine could not use: an unknown directive (word NULL), or a
 * word of an ignore list that names no rule. */
typedef struct mg_directive_problem {
	size_t offset, length; /* the comment, or the word */
	char *word;
} mg_directive_problem;

/* One word of an ignore list and what became of it (phase MG_FILE_SUPPRESSED). */
typedef struct mg_suppression_use {
	size_t offset, length; /* the directive comment */
	const char *word;      /* a code, a name or a prefix, as written */
	bool whole_file;       /* ignore-file, not ignore (the next statement) */
	bool matched;          /* it suppressed at least one finding */
	bool can_match;        /* at least one rule it names is enabled */
} mg_suppression_use;

struct mg_check;

typedef struct mg_file_check {
	struct mg_check *check;  /* where findings go (mg_file_report) */
	const mg_rule *rule;     /* the rule whose hook runs */
	mg_file_phase phase;
	const mg_source *unit;   /* the unit's text (read_error, first_nul, ... for a file) */
	bool whole_file;         /* false for SQL embedded in a file: its reader checked the file */
	MG_VEC(mg_syntax_error) syntax_errors;
	MG_VEC(mg_piece) skipped; /* psql meta-commands and COPY ... FROM STDIN data, not parsed */
	MG_VEC(mg_directive_problem) directive_problems;
	MG_VEC(mg_suppression_use) suppressions; /* filled for MG_FILE_SUPPRESSED */
	/* the statements seen (top-level ones; those of DO blocks are not counted) */
	size_t statements;
	const char *outside_tx_what; /* the first statement PostgreSQL refuses inside a transaction
				      * block ("CREATE INDEX CONCURRENTLY"), run outside one */
	const char *outside_tx_word; /* a keyword of it to point at */
	size_t outside_tx_at;        /* its start */
	bool in_transaction_at_end;  /* a transaction is still open after the last statement */
	/* the BEGIN of each run (a goose or dbmate section, or the file) whose transaction is
	 * still open when the run ends, in a run the tool does not wrap in its own transaction */
	MG_VEC(size_t) open_transactions;
	const char *single_query_reason; /* the tool runs the unit as one query (or one
					  * all-or-nothing transaction), or NULL */
	/* what the unit's tool refuses or skips in it as written (misplaced goose or dbmate
	 * markers), as its planner found it; none for an unreadable file */
	const mg_unit_problem *tool_problems;
	size_t tool_problem_count;
	const char *not_migration; /* what the file is when it is no migration (mg_unit_plan) */
	bool down;                 /* a down, undo or revert script */
	/* the file was written for another database (the unit's dialect reader said so after
	 * PostgreSQL refused it): which, the sign, and where; nothing else was kept */
	const char *other_database, *other_sign;
	size_t other_at;
} mg_file_check;

/* Reports a finding of the running rule over the unit's bytes [offset, offset + length)
 * (message taken). Returns the finding to add help to, or NULL when the rule is off. */
mg_finding *mg_file_report(mg_file_check *fc, size_t offset, size_t length, char *message);

#endif
