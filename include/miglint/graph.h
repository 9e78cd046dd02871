/* The migration history as a graph: one node per migration, edges to its parents. Built and
 * checked in O(V + E) with a hash map of ids. */
#ifndef MIGLINT_GRAPH_H
#define MIGLINT_GRAPH_H

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
} mg_embedded_sql;

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
	/* what the reader could not read statically, or other reader problems, as findings */
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
/* Checks the chain, adding findings to the migrations, and computes heads and bases. */
void mg_graph_check(mg_graph *g, const mg_engine *eng);
/* Moves each migration's findings into a file result (results[i] for migrations[i]). */
void mg_graph_results(mg_graph *g, mg_file_result *results);
void mg_graph_dispose(mg_graph *g);

/* A finding of rule r with its severity, message and help (the rule's when NULL), and no
 * place yet; NULL (and the strings freed) when the rule is off. */
mg_finding *mg_chain_finding(const mg_engine *eng, const struct mg_rule *r, char *message, char *help);
/* Makes a finding of rule r at [offset, offset + length) of migration m (NULL if the rule is
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
/* "a -> b -> a" for a cycle of migration indices (malloc'd). */
char *mg_graph_cycle_text(const mg_graph *g, const size_t *cycle, size_t len);

/* Embedded SQL of a migration: the text for a function (made on first use), and appending
 * decoded literal bytes (map: their file offsets, len + 1 entries; NULL: all at `at`). The
 * readers do not lint it: each text is a SQL unit (unit.h) the run lints with all others. */
mg_embedded_sql *mg_embedded_for(mg_migration *m, const char *function, bool autocommit);
void mg_embedded_append(mg_embedded_sql *e, const char *text, size_t len, const size_t *map, size_t at);

#endif
