/* The migration history as a graph: one node per migration, edges to its parents. Built and
 * checked in O(V + E) with a hash map of ids. */
#ifndef MIGLINT_GRAPH_H
#define MIGLINT_GRAPH_H

#include "miglint/common.h"
#include "miglint/engine.h"
#include "miglint/source.h"

#include <stdbool.h>
#include <stddef.h>

/* A string a migration file says, with where it says it. */
typedef struct mg_graph_ref {
	char *text;
	size_t offset, length;
} mg_graph_ref;

/* SQL found in a migration's code: the text, where each byte came from, and the function. */
typedef struct mg_embedded_sql {
	char *function;  /* "upgrade", "downgrade", ... or "" at module level */
	bool autocommit; /* inside `with op.get_context().autocommit_block():` */
	char *text;
	size_t len;
	size_t *map;     /* len + 1 file offsets */
	size_t map_cap;
	/* the transaction the tool runs it in (set by the reader), or NULL */
	const char *transaction_reason;
	bool down;       /* it undoes the migration (downgrade(), RunSQL's reverse_sql) */
	size_t up;       /* for a down text: the index of the up text it undoes, or SIZE_MAX */
} mg_embedded_sql;

/* A problem the reader found in a migration (a value it cannot read, a link its tool refuses),
 * kept as data for the chain rule that reports it (mg_chain_report_problems). */
typedef struct mg_chain_problem {
	const struct mg_rule *rule;
	size_t offset, length;
	char *message;
	char *help;      /* NULL: the rule's */
} mg_chain_problem;

typedef struct mg_migration {
	char *path;
	mg_source src;           /* the file, for positions */
	bool has_id;             /* `revision` assigned and readable */
	bool unreadable_vars;    /* revision or down_revision assigned but not readable statically */
	mg_graph_ref id;
	bool has_parents;        /* `down_revision` assigned */
	mg_graph_ref *parents;   /* down_revision, in the order written */
	size_t parent_count;
	mg_graph_ref *depends_on;
	size_t depends_count;
	mg_graph_ref *labels;    /* branch_labels */
	size_t label_count;
	/* branch_labels assigned but not readable statically ((cli.EXPAND_BRANCH,)): its value */
	bool unreadable_labels;
	size_t labels_offset, labels_length;
	/* what the reader could not read statically, or its tool refuses, for the chain rules */
	MG_VEC(mg_chain_problem) problems;
	/* findings about the migration (chain rules, and the reader's own of other rules) */
	mg_finding **findings;
	size_t finding_count;
	/* SQL from op.execute(...) string literals, one text per function it is in */
	struct mg_embedded_sql *sql;
	size_t sql_count;
	/* the docstring's Revision ID: and Revises: lines, when present */
	bool has_doc_id, has_doc_revises;
	mg_graph_ref doc_id, doc_revises;
} mg_migration;

typedef struct mg_graph {
	char *root;              /* the version directory (or directories) it was read from */
	const char *framework;   /* "alembic" */
	mg_migration *migrations;
	size_t count;
	char **heads;            /* ids, in file order */
	size_t head_count;
	char **bases;
	size_t base_count;
} mg_graph;

/* An empty graph with room for n migrations (count stays 0 for the caller to fill). */
void mg_graph_init(mg_graph *g, const char *root, const char *framework, size_t n);
struct mg_graph_facts;
/* Computes the facts the chain rules share (chain_check.h), and the graph's heads and bases. */
void mg_graph_facts_build(struct mg_graph_facts *out, mg_graph *g);
void mg_graph_facts_dispose(struct mg_graph_facts *f, size_t migration_count);
struct mg_app_facts;
void mg_graph_app_facts_dispose(struct mg_app_facts *f, size_t migration_count);
/* Records a problem of migration m for rule r at [offset, offset + length) (strings taken). */
void mg_graph_problem(mg_migration *m, const struct mg_rule *r, size_t offset, size_t length,
		      char *message, char *help);
/* Moves each migration's findings into a file result (results[i] for migrations[i]). */
void mg_graph_results(mg_graph *g, mg_file_result *results);
void mg_graph_dispose(mg_graph *g);

/* For a reader's findings of rules that are not chain rules. Makes a finding of rule r at [offset, offset + length) of migration m (NULL if the rule is
 * off), with positions and source line filled. */
mg_finding *mg_graph_finding(const mg_engine *eng, mg_migration *m, const struct mg_rule *r,
			     size_t offset, size_t length, char *message, char *help);

/* Depth-first search over edges[v][0..edge_count[v]) (SIZE_MAX entries are skipped) from every
 * node that skip does not mark (skip may be NULL). For each edge that closes a cycle,
 * found(arg, cycle, len, edge) gets the cycle from the node it re-enters to the node whose
 * edge `edge` closes it. Each cycle is found once, in node order. */
typedef void (*mg_cycle_fn)(void *arg, const size_t *cycle, size_t len, size_t edge);
void mg_graph_find_cycles(size_t n, size_t *const *edges, const size_t *edge_count,
			  const bool *skip, mg_cycle_fn found, void *arg);

/* Embedded SQL of a migration: the text for a function (made on first use), and appending
 * decoded literal bytes (map: their file offsets, len + 1 entries; NULL: all at `at`). The
 * readers do not lint it: each text is a SQL unit (unit.h) the run lints with all others. */
mg_embedded_sql *mg_embedded_for(mg_migration *m, const char *function, bool autocommit);
void mg_embedded_append(mg_embedded_sql *e, const char *text, size_t len, const size_t *map, size_t at);
/* Marks the texts of functions named down_function (or starting with it and '_', as
 * Alembic's multi-database downgrade_<name>) as down texts, each paired with the longest
 * text of up_function (likewise). */
void mg_embedded_mark_down(mg_migration *m, const char *down_function, const char *up_function);

#endif
