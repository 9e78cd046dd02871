/* The state behind a rule's mg_check: the unit being linted, the statement being checked and
 * the findings. Shared by check.c (the rules' API), do_block.c and engine.c; not for rules. */
#ifndef MIGLINT_CHECK_INTERNAL_H
#define MIGLINT_CHECK_INTERNAL_H

#include "miglint/check.h"
#include "miglint/columns.h"
#include "miglint/common.h"
#include "miglint/do_block.h"
#include "miglint/engine.h"
#include "miglint/facts.h"
#include "miglint/file_check.h"
#include "miglint/locks.h"
#include "miglint/session.h"
#include "miglint/source.h"

/* A finding that stands only if the replay says its group of conditions holds. A lazy one
 * has no finding yet: describe makes it, with the statement's place as it was. */
typedef struct mg_held_finding {
	int group;
	mg_finding *finding;
	mg_describe_fn describe;
	const mg_rule *rule;
	int location;               /* file offset, for describe */
	size_t stmt_start, stmt_end;
} mg_held_finding;

struct mg_check {
	const mg_engine *eng;
	mg_source src;              /* the unit's text */
	/* embedded SQL: src is the decoded SQL, file the file it came from, map the offsets */
	const size_t *map;
	mg_source file;
	MG_VEC(mg_finding *) findings;   /* kept */
	MG_VEC(mg_held_finding) held;    /* waiting for the replay's answer */
	mg_facts *facts;
	mg_session session;
	mg_new_relations locks; /* what the run created, for the lock rules (locks.h) */
	mg_run_columns columns; /* the NOT NULL columns the run made (columns.h) */
	/* the statement being checked */
	const mg_rule *rule;
	const Node *stmt;
	size_t base;       /* file offset of the parsed text's first byte */
	size_t stmt_start; /* file offsets of the statement */
	size_t stmt_end;
	int embedded_depth;     /* > 0 while checking statements of a DO block */
	bool place_unknown;     /* the statement's text was not found in the file (a DO-block
				 * statement written with doubled quotes): locations are the DO's */
	const mg_guard *guard;  /* inside a DO block that guards its statements, or NULL */
	int last_group;         /* the replay group of the last held report, 0 if none */
	MG_VEC(char *) tmp;     /* strings that die with the statement */
	/* engine.c's: what file rules are told, and how the migration tool runs the unit (its
	 * runs, as the tool's planner read them) */
	mg_file_check unit;
	mg_unit_plan plan;
	/* the plan's one-query pieces (goose StatementBegin ... StatementEnd) that hold two
	 * statements or more, as [start, end) pairs of file offsets */
	MG_VEC(size_t) query_blocks;
	size_t tx_opened_at; /* the statement that opened the run's open transaction (+ 1), or 0 */
	bool run_in_tool_tx; /* the run began inside the tool's transaction */
	const mg_lint_context *ctx;
	/* in a down script or section: what its up migration made (owned), or NULL */
	mg_facts *up_facts;
	bool record_only; /* replaying an up migration for up_facts: no rule runs */
	bool down_unit;   /* decoded SQL that undoes its migration (downgrade()) */
	bool binds;       /* SQL decoded from Python: its placeholders are bind parameters */
};

/* Builds a finding of rule r at the unit's offsets [offset, offset+length); NULL when the rule
 * is off (message freed). */
mg_finding *mg_check_make(mg_check *c, const mg_rule *r, size_t offset, size_t length,
			  char *message);
/* Keeps a finding made by mg_check_make. */
void mg_check_keep(mg_check *c, mg_finding *f);
/* Runs the enabled rules subscribed to the statement's kind. */
void mg_check_run_rules(mg_check *c, const Node *stmt);
/* Frees the strings lent for the statement just checked. */
void mg_check_clear_tmp(mg_check *c);
/* Drops every finding made or held so far (the file turned out not to be PostgreSQL's). */
void mg_check_drop_all(mg_check *c);
/* Asks the replay (after mg_facts_resolve) which held findings stand: keeps those, describes
 * the lazy ones, frees the others. */
void mg_check_keep_standing(mg_check *c);
/* Fills a finding's file position and source line (only kept findings need them). */
void mg_check_place(mg_check *c, mg_finding *f);

#endif
