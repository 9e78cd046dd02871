/* Migration layouts: folders of SQL files as histories. Which tool reads a folder (Flyway,
 * golang-migrate, goose, dbmate, sqlx, diesel, Prisma, sqitch, numbered folders: framework.h),
 * the order of its migrations, how the tool runs each file (in a transaction or not, up or
 * down). The chain rules (rules/chain/) check the histories through chain_check.h. */
#ifndef MIGLINT_LAYOUT_H
#define MIGLINT_LAYOUT_H

#include "miglint/engine.h"
#include "miglint/graph.h"

#include <stdbool.h>
#include <stddef.h>

/* What a migration file is to its tool. */
typedef enum mg_role {
	MG_ROLE_UP,         /* a versioned (forward) migration */
	MG_ROLE_DOWN,       /* its down, undo or revert script */
	MG_ROLE_REPEATABLE, /* Flyway R__: re-run whenever it changes */
	MG_ROLE_BASELINE,   /* Flyway B__ */
	MG_ROLE_VERIFY,     /* sqitch verify script */
	MG_ROLE_CODE,       /* a Go or Java migration: in the history, not linted */
} mg_role;

/* One file of a migration set. */
typedef struct mg_entry {
	char *path;          /* as shown to the user */
	char *name;          /* relative to the set's folder: V1__a.sql, 2020_x/up.sql */
	char *version;       /* canonical version (Flyway 1.0 -> 1), or NULL (repeatable) */
	char *title;         /* the description part of the name */
	mg_role role;
	size_t file;         /* index into mg_layout.files, or SIZE_MAX when not linted */
	/* a file the tool does not read as a migration (a malformed name, another scheme): why,
	 * and the rule that says so; such an entry is not part of the history */
	char *problem;
	const struct mg_rule *problem_rule;
	char **requires;     /* sqitch: the changes it requires (name, or name@tag) */
	size_t require_count;
	/* set by mg_layout_refine: the entry is half of an up/down pair of its tool, and the
	 * other half (its index in the set), or SIZE_MAX when it is missing */
	bool paired;
	size_t partner;
} mg_entry;

/* How a tool's versions may disagree within one folder (mixed-naming-schemes). */
typedef enum mg_scheme_mix {
	MG_MIX_NONE,
	MG_MIX_REVERSIBLE,   /* sqlx: simple (x.sql) and reversible (x.up.sql) migrations */
	MG_MIX_TIMESTAMPS,   /* goose: sequential (00001) and timestamp (20200101...) versions */
} mg_scheme_mix;

typedef struct mg_migration_set {
	char *dir;           /* the folder, as shown */
	const struct mg_framework *tool; /* the tool that reads it (framework.h) */
	const char *framework;           /* its name */
	mg_entry *entries;   /* in the tool's order */
	size_t count;
	bool partial;        /* some files were read only for the history of files named on the
			      * command line: findings about them are not reported */
	bool other_database; /* a MySQL/SQLite/... folder or a non-PostgreSQL Prisma project */
	char *other_reason;  /* why, for the info finding */
	char *other_path;    /* where to report it */
	int other_line;
	struct mg_sqitch_plan *sqitch_plan; /* sqitch: the plan, read once */
	/* what the tool asks of its files, set by mg_layout_refine for the chain rules */
	bool downs_optional;      /* an up migration without a down is fine */
	bool versions_may_repeat; /* two files may share a version (ordered by name) */
	bool folder_per_migration; /* diesel: up.sql and down.sql in a folder named after it */
	mg_scheme_mix mix;        /* the naming schemes it refuses to mix */
	int sections;             /* mg_section_tool: the markers every file must carry */
} mg_migration_set;

/* One SQL file to lint and how its tool runs it. */
typedef struct mg_layout_file {
	char *path;
	mg_lint_context ctx;
	size_t set;          /* its set, or SIZE_MAX for a plain SQL file */
} mg_layout_file;

typedef struct mg_layout {
	mg_layout_file *files;
	size_t file_count;
	mg_migration_set *sets;
	size_t set_count;
	/* problems with the layout itself, as findings of files that are not linted */
	mg_file_result *extra;
	size_t extra_count;
} mg_layout;

/* Groups SQL files into migration sets. sql: walked and named SQL files; named[i] is true for
 * a file named on the command line (its whole folder is read, only it is reported).
 * framework_for(dir) gives a forced framework for a folder (--framework, the config's
 * paths[].framework) or NULL to detect. */
void mg_layout_build(mg_layout *out, char **sql, const bool *named, size_t n,
		     const char *(*framework_for)(const char *dir, void *arg), void *arg);
/* After linting (results[i] for files[i]): a numbered folder whose files carry goose or
 * dbmate markers becomes that tool's. The chain rules run after it (mg_chain_run_layout). */
void mg_layout_refine(mg_layout *l, const mg_file_result *results);
/* The same without linting (graph, lock): the markers are read from the files. */
void mg_layout_refine_unlinted(mg_layout *l);
/* Each migration set as a graph (one node per version, each the child of the one before). */
void mg_layout_graph(mg_graph *out, const mg_migration_set *s);
void mg_layout_dispose(mg_layout *l);


/* Compares canonical versions numerically, part by part (1.2 < 1.10). */
int mg_version_compare(const char *a, const char *b);



/* history.c: findings of a set's chain rules, placed in the right file result. Adds f to the
 * findings of entry e of set s (its linted file, or a result of its own when the set was
 * walked whole), or, e NULL, of the file at path. Returns f, or NULL when it was dropped (and
 * freed): a file read only for the history of files named on the command line. */
mg_finding *mg_history_report(mg_layout *l, mg_file_result *results, const mg_migration_set *s,
			      const mg_entry *e, const char *path, mg_finding *f);
/* Adds entry other (line 1) as a related location of f: "<what> <its name>". */
void mg_history_relate(mg_finding *f, const mg_entry *other, const char *what);
#endif
