/* What a chain rule (MG_RULE_CHAIN, check_chain) is given: one migration history, the facts
 * computed once for every chain rule (src/chain/chain.c), and where its findings go. A history
 * is either a graph of migrations (Alembic revisions, Django apps) or a version-ordered set
 * (Flyway, golang-migrate, ..., a sqitch plan). The readers record what their tool refuses to
 * read as problems (mg_chain_problem, mg_entry.problem); the rules turn every decision,
 * theirs included, into findings. The pipeline calls only enabled rules. */
#ifndef MIGLINT_CHAIN_CHECK_H
#define MIGLINT_CHAIN_CHECK_H

#include "miglint/finding.h"
#include "miglint/graph.h"
#include "miglint/layout.h"
#include "miglint/lock.h"
#include "miglint/rule.h"
#include "miglint/sqitch.h"

#include <stdbool.h>
#include <stddef.h>

/* The shape of a history, which says which fields of mg_chain_check are set. */
typedef enum mg_chain_shape {
	MG_CHAIN_REVISIONS, /* Alembic: ids linked by down_revision (graph, facts) */
	MG_CHAIN_APPS,      /* Django: the reader resolves the links (graph, apps) */
	MG_CHAIN_VERSIONS,  /* a version-ordered folder (set) */
	MG_CHAIN_PLAN,      /* sqitch: a set in plan order, and its plan */
	MG_CHAIN_OTHER_DATABASE, /* a folder (or Prisma project) for another database (set) */
} mg_chain_shape;

/* A cycle of a revision graph: migration indices from the one it re-enters to the one whose
 * edge closes it; via_depends when that edge is a depends_on. */
typedef struct mg_chain_cycle {
	size_t *migrations;
	size_t len;
	bool via_depends;
} mg_chain_cycle;

/* A head of a revision graph and its branch: a key of its effective branch labels (its own
 * and its ancestors'); heads with equal keys are on one branch. */
typedef struct mg_chain_head {
	size_t migration;
	char *branch;
} mg_chain_head;

/* Facts of a revision graph (MG_CHAIN_REVISIONS), computed once by mg_chain_run_graph. */
typedef struct mg_graph_facts {
	/* per migration: the first migration declaring its id (itself when first; SIZE_MAX when
	 * it has no id). A duplicate id counts once, as in Alembic's map. */
	size_t *first_with_id;
	/* per migration, per branch label: the first migration giving that label */
	size_t **first_with_label;
	/* per migration: the migrations it waits for, its parents first (edges[i][k] for
	 * k < parent_count), then its depends_on (an id or the migration a label is on);
	 * SIZE_MAX for a name nothing declares */
	size_t **edges;
	size_t *edge_count;
	MG_VEC(mg_chain_cycle) cycles;   /* each found once, in migration order */
	MG_VEC(mg_chain_head) heads;     /* in file order */
	/* every id and down_revision read, and every link resolved: only then are heads
	 * meaningful (Alembic stops at a broken link before it has heads) */
	bool links_whole;
} mg_graph_facts;

/* A link of a graph of apps that names no migration: what it is ("dependency", "run_before"),
 * the (app, name) it names and where. */
typedef struct mg_app_unknown {
	size_t migration;
	const char *what;
	char *app, *name;
	size_t offset, length;
} mg_app_unknown;

/* A migration that depends on itself (or on what it replaces), and where it says so. */
typedef struct mg_app_self {
	size_t migration;
	size_t offset, length;
} mg_app_self;

/* Facts of a graph of apps (MG_CHAIN_APPS: Django), resolved by its reader as its tool's
 * loader does; mg_graph_app_facts_dispose releases them. */
typedef struct mg_app_facts {
	MG_VEC(mg_app_unknown) unknown;
	MG_VEC(mg_app_self) self;
	MG_VEC(mg_chain_cycle) cycles; /* among live migrations, each once, in migration order */
	char **app;                    /* per migration: its app */
	char **name;                   /* per migration: its name in the app */
	bool *leaf;                    /* per migration: live, and none of its app depends on it */
} mg_app_facts;

typedef struct mg_chain_check {
	const mg_rule *rule;      /* the rule that runs */
	mg_severity severity;     /* its configured severity */
	mg_chain_shape shape;
	/* MG_CHAIN_REVISIONS and MG_CHAIN_APPS */
	mg_graph *graph;
	const mg_graph_facts *facts; /* MG_CHAIN_REVISIONS only */
	const mg_app_facts *apps;    /* MG_CHAIN_APPS only */
	/* the other shapes */
	mg_layout *layout;
	mg_file_result *results;     /* the linted files' results (layout->files[i]) */
	mg_migration_set *set;
	const mg_lock_comparison *lock; /* NULL when the folder has no miglint.lock */
	char **added;                /* --since: absolute paths of added migrations, or NULL */
} mg_chain_check;

/* Reports a finding of the running rule at [at->offset, +length) of migration m, or at the
 * start of its code when at is NULL (message and help taken; help NULL: the rule's). Returns
 * the finding, owned by the migration, to add related locations to. */
mg_finding *mg_chain_report_at(mg_chain_check *c, mg_migration *m, const mg_graph_ref *at,
			       char *message, char *help);
/* Adds migration m's id as a related location of f; `what` is a format with one %s for it. */
void mg_chain_relate_migration(mg_finding *f, const mg_migration *m, const char *what);
/* Reports a finding at line 1 of entry e's file (its linted file's result, or, when the set
 * was walked whole, a result of its own). Returns it (NULL when it was dropped: a file read
 * only for the history of others). */
mg_finding *mg_chain_report_entry(mg_chain_check *c, const mg_entry *e, char *message, char *help);
/* Reports a finding at `line` of a file that is not linted (sqitch.plan, miglint.lock),
 * quoting source_line when not NULL; migration: the id to show, or NULL. */
mg_finding *mg_chain_report_line(mg_chain_check *c, const char *path, int line,
				 const char *source_line, const char *migration, char *message,
				 char *help);
/* Adds entry other (line 1) as a related location: "<what> <its name>". */
void mg_chain_relate_entry(mg_finding *f, const mg_entry *other, const char *what);
/* Reports the problems the reader recorded for the running rule: mg_chain_problem of each
 * migration of a graph, mg_entry.problem of a set. */
void mg_chain_report_problems(mg_chain_check *c);

/* Places finding f at [offset, offset + length) of migration m (positions, source line, the
 * migration's id) and gives it to m. For readers' findings (mg_graph_finding) and rules alike. */
void mg_chain_place(mg_finding *f, mg_migration *m, size_t offset, size_t length);

/* True when entry e is part of its set's history: a readable name, a version. */
bool mg_chain_in_history(const mg_entry *e);
/* True when git lists entry e (of c's set) as added since --since; false without --since. */
bool mg_chain_entry_added(const mg_chain_check *c, const mg_entry *e);
/* True when the set's miglint.lock records entry e (of c's set), edited since or not; false
 * when the folder has no lock. */
bool mg_chain_entry_locked(const mg_chain_check *c, const mg_entry *e);
/* The revision id the writer of migration self most likely meant by a name no migration
 * declares: one declared by a file named after it, else the closest id by edit distance or a
 * shared prefix; never self's own id (that would be a self-cycle); NULL. */
const char *mg_chain_did_you_mean(const mg_graph *g, const mg_migration *self,
				  const char *missing);
/* "a -> b -> a" for a cycle of migration indices (malloc'd). */
char *mg_chain_cycle_text(const mg_graph *g, const size_t *cycle, size_t len);

#endif
