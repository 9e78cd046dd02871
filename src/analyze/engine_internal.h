/* State shared by the engine's files (engine.c, check.c, facts.c, do_block.c); not for rules. */
#ifndef MIGLINT_ENGINE_INTERNAL_H
#define MIGLINT_ENGINE_INTERNAL_H

#include "miglint/check.h"
#include "miglint/common.h"
#include "miglint/engine.h"
#include "miglint/sections.h"
#include "miglint/source.h"

typedef struct mg_facts mg_facts;

/* What a DO block guards its statements against: everything (a catalog test, WHEN others),
 * or the errors its exception handlers catch (SQLSTATE codes; "42000" names a class). */
typedef struct mg_guard {
	bool all;
	char codes[32][6];
	size_t count;
} mg_guard;

struct mg_engine {
	bool *enabled;                  /* by registry index */
	mg_severity *severity;          /* by registry index */
	int pg_version;
	const mg_rule ***by_tag;        /* by node tag: NULL-terminated rule lists */
	size_t tag_count;
};

struct mg_check {
	const mg_engine *eng;
	mg_source src;
	MG_VEC(mg_finding *) findings; /* reported and kept (conditional ones are in facts) */
	mg_facts *facts;
	/* the statement being checked */
	const mg_rule *rule;
	const Node *stmt;
	size_t base;       /* file offset of the parsed text's first byte */
	size_t stmt_start; /* file offsets of the statement */
	size_t stmt_end;
	int time;          /* statement counter, in file order (DO-block statements included) */
	bool in_transaction;
	const char *transaction_reason; /* who opened it, when not an explicit BEGIN */
	int embedded_depth;         /* > 0 while checking statements of a DO block */
	size_t top_statements;      /* top-level statements seen */
	const char *outside_tx_what; /* the first statement that must run outside a transaction */
	const char *outside_tx_word;
	size_t outside_tx_at;
	mg_sections sections;
	const mg_lint_context *ctx; /* how the migration tool runs the file, or NULL */
	const mg_guard *guard;  /* inside a DO block that guards its statements, or NULL */
	bool report_guarded;    /* the last mg_report_unless_rerun_safe was guarded away */
	MG_VEC(char *) tmp;    /* strings that die with the statement */
	/* embedded SQL: src is the decoded SQL, file the file it came from, map the offsets */
	const size_t *map;
	mg_source file;
};

/* Builds a finding of rule r at file offsets [offset, offset+length); NULL when the rule is off. */
mg_finding *mg_check_make(mg_check *c, const mg_rule *r, size_t offset, size_t length,
			  char *message);
/* Keeps a finding made by mg_check_make. */
void mg_check_keep(mg_check *c, mg_finding *f);
/* Runs the enabled rules subscribed to the node's kind, then records its effects. */
void mg_check_statement(mg_check *c, const Node *stmt);
void mg_check_clear_tmp(mg_check *c);

void mg_facts_new(mg_facts **out);
void mg_facts_free(mg_facts *f);
/* Records what the current statement creates and drops. */
void mg_facts_record(mg_check *c, const Node *stmt);
/* Holds finding f (NULL when its rule is off) until mg_facts_resolve decides whether it
 * stands; `first` starts a new finding, otherwise the condition joins the previous one. */
void mg_facts_hold(mg_check *c, mg_finding *f, mg_fails_when when, mg_object obj, bool first);
/* Holds a condition whose finding describe() reports only if it stands. */
void mg_facts_hold_lazily(mg_check *c, mg_fails_when when, mg_object obj, int location,
			  mg_describe_fn describe);
/* Fills a finding's line, column and source line (only findings that are kept need them). */
void mg_check_place(mg_check *c, mg_finding *f);
/* Makes the last held condition hold only if obj also exists. */
void mg_facts_narrow(mg_check *c, mg_object obj);
/* Replays the file twice and keeps (mg_check_keep) the held findings that stand. */
void mg_facts_resolve(mg_check *c);
bool mg_facts_exists_now(const mg_check *c, mg_object obj);

/* Checks a DO block: the statements in its body, and whether it guards them. */
void mg_do_block_check(mg_check *c, const DoStmt *stmt);

#endif
