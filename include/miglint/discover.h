/* From command-line paths to what to lint: SQL files, and Alembic projects (graphs). */
#ifndef MIGLINT_DISCOVER_H
#define MIGLINT_DISCOVER_H

#include "miglint/alembic.h"
#include "miglint/error.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct mg_inputs {
	char **sql;                     /* SQL files, in walk order */
	bool *sql_named;                /* for each: named on the command line (not walked) */
	size_t sql_count;
	mg_alembic_project *projects;
	size_t project_count;
	/* For a project reached only through files named on the command line (a pre-commit
	 * call), the real paths of those files: only their findings are reported. */
	char ***report_only;            /* per project: NULL-terminated, or NULL for all */
	/* Django projects: the migrations of every app under one folder */
	struct mg_django_project *django;
	size_t django_count;
	char **warnings;                /* "warning: no migration files under 'x'", in order */
	size_t warning_count;
} mg_inputs;

typedef struct mg_django_project {
	char *root;                     /* the folder that holds the apps */
	char **files;                   /* every app's migrations, sorted */
	size_t count;
	char **report_only;             /* real paths of the named files, NULL-terminated, or NULL */
} mg_django_project;

/* Walks the paths. framework is NULL (detect) or a name of the registry (framework.h): the
 * Python readers (alembic, django) read only Python migrations, the others only SQL. Returns 0, or MG_EIO with err
 * set (a path that does not exist, a folder that cannot be opened); mg_inputs_dispose
 * releases out either way. Prints nothing: what is worth a warning goes to out->warnings. */
int mg_discover(mg_inputs *out, char **paths, size_t n, const char *framework, mg_error *err);
void mg_inputs_dispose(mg_inputs *in);
/* True when project p reports the file at path. */
bool mg_inputs_reports(const mg_inputs *in, size_t p, const char *path);

#endif
