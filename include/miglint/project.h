/* Projects of the tools that find and read their own migrations (Alembic, Django): what
 * discovery hands such a tool's `discover` hook, the project it makes of it, and the history
 * its `read_project` hook reads the project into (framework.h). */
#ifndef MIGLINT_PROJECT_H
#define MIGLINT_PROJECT_H

#include "miglint/common.h"
#include "miglint/engine.h"
#include "miglint/graph.h"
#include "miglint/overlay.h"
#include "miglint/unit.h"

#include <stdbool.h>
#include <stddef.h>

struct mg_framework;

/* One project: one history. */
typedef struct mg_project {
	const struct mg_framework *tool;
	char *root;         /* the folder it is read from (Alembic: its first version folder;
			     * Django: the folder that holds the apps) */
	char **files;       /* its migration files as discovery found them, sorted; none when
			     * the tool lists them as it reads (Alembic) */
	size_t file_count;
	/* the real paths of the files named on the command line, NULL-terminated: only they are
	 * reported (a pre-commit call); NULL: every file is */
	char **report_only;
	void *own;          /* the tool's own data (Alembic: its alembic.ini, version folders),
			     * freed by tool->project_free */
} mg_project;

typedef MG_VEC(mg_project) mg_projects;

/* The files discovery found that tools of projects want, walked and named on the command line
 * in one list, in order. A tool marks what it takes; a tool that runs later sees only what is
 * left. */
typedef struct mg_found {
	char **files;
	char **dirs;        /* per file: its canonical folder, or NULL (resolve the file) */
	bool *taken;
	const bool *named;  /* per file: named on the command line (else walked) */
	size_t count;
	const mg_overlays *overlays; /* unsaved files: read them from here before the disk */
} mg_found;

/* What a tool reads a project with. */
typedef struct mg_project_read {
	const mg_engine *eng;
	const mg_overlays *overlays; /* may be NULL */
	long jobs;                   /* threads for the pool */
	bool shown_root;             /* the graph's root as the user would type it */
	bool lint;                   /* lint embedded SQL as it is read, where the tool can */
} mg_project_read;

/* A project read into one history. */
typedef struct mg_project_history {
	mg_graph g;            /* chain-checked */
	bool *reported;        /* per migration: its findings are reported */
	/* per migration, per embedded SQL text: linted as read (NULL for a migration not
	 * reported); NULL: the run lints the SQL units with all others */
	mg_file_result **sql_results;
} mg_project_history;

/* Appends a project of tool with root (copied); returns its index. */
size_t mg_project_add(mg_projects *v, const struct mg_framework *tool, const char *root);
/* Marks the file at path, named on the command line, as one project p reports. */
void mg_project_report(mg_project *p, const char *path);
/* True when project p reports the file at path. */
bool mg_project_reports(const mg_project *p, const char *path);
void mg_project_dispose(mg_project *p);
void mg_project_history_dispose(mg_project_history *h);

/* Each path (malloc'd) replaced by the form the user would type: relative to the working
 * directory when below it. */
void mg_project_show_paths(char **paths, size_t n);
/* The form of path the user would type (malloc'd). */
char *mg_project_shown(const char *path);

/* The SQL unit of migration m's embedded SQL e (lends what they hold). */
mg_unit mg_project_embedded_unit(const mg_migration *m, const mg_embedded_sql *e);
/* Labels the findings of e's lint: the function they run in and the migration they are of.
 * Thread-safe (it touches r alone): a reader labels in the worker that linted. */
void mg_project_label_findings(const mg_migration *m, const mg_embedded_sql *e,
			       mg_file_result *r);

#endif
