/* Migration layouts: which tool a folder of SQL files belongs to (Flyway, golang-migrate,
 * goose, dbmate, sqlx, diesel, Prisma, sqitch, numbered folders), the order of its
 * migrations, how the tool runs each file (in a transaction or not, up or down), and the chain
 * rules of version-ordered histories (MG111-MG122). */
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
} mg_entry;

typedef struct mg_migration_set {
	char *dir;           /* the folder, as shown */
	const char *framework;
	mg_entry *entries;   /* in the tool's order */
	size_t count;
	bool partial;        /* some files were read only for the history of files named on the
			      * command line: findings about them are not reported */
	bool other_database; /* a MySQL/SQLite/... folder or a non-PostgreSQL Prisma project */
	char *other_reason;  /* why, for the info finding */
	char *other_path;    /* where to report it */
	int other_line;
	struct mg_sqitch_plan *sqitch_plan; /* sqitch: the plan, read once */
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
/* After linting (results[i] for files[i]): adds the chain findings of every set, and the
 * layout's own findings. added: absolute paths of migrations added since --since (NULL when
 * not given): a new migration whose version sorts before an older one is out of order. */
void mg_layout_check(mg_layout *l, mg_file_result *results, const mg_engine *eng, char **added);
/* Each migration set as a graph (one node per version, each the child of the one before). */
void mg_layout_graph(mg_graph *out, const mg_migration_set *s);
void mg_layout_dispose(mg_layout *l);

/* The frameworks --framework accepts, NULL-terminated. */
extern const char *const mg_framework_names[];
bool mg_framework_known(const char *name);
/* The known framework name closest to a mistyped one, or NULL. */
const char *mg_framework_suggest(const char *name);

/* Compares canonical versions numerically, part by part (1.2 < 1.10). */
int mg_version_compare(const char *a, const char *b);



/* For the framework readers that add their own checks (sqitch) and for the lock. */
struct mg_rule;
/* A finding at line `line`, column 1 of a file (NULL when the rule is off). */
mg_finding *mg_history_finding(const mg_engine *eng, const struct mg_rule *r, const char *migration,
			      int line, char *message, char *help);
/* Adds f to the findings of entry e of set s (when reported), or of the file at path. */
void mg_history_report(mg_layout *l, mg_file_result *results, const mg_migration_set *s,
		      const mg_entry *e, const char *path, mg_finding *f);
void mg_history_relate(mg_finding *f, const mg_entry *other, const char *what);
#endif
