/* From command-line paths to what to lint: SQL files, and the projects of the tools that read
 * their own (Alembic, Django: project.h). */
#ifndef MIGLINT_DISCOVER_H
#define MIGLINT_DISCOVER_H

#include "miglint/overlay.h"
#include "miglint/project.h"
#include "miglint/error.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct mg_inputs {
	char **sql;                     /* SQL files, in walk order */
	bool *sql_named;                /* for each: named on the command line (not walked) */
	size_t sql_count;
	/* the projects of the tools that read their own (Alembic, Django), tool by tool in
	 * registry order */
	mg_projects projects;
	char **warnings;                /* "warning: no migration files under 'x'", in order */
	size_t warning_count;
} mg_inputs;

/* Walks the paths. framework is NULL (detect) or a name of the registry (framework.h): a tool
 * of projects (alembic, django) reads only its projects, the others only SQL. overlays (may be
 * NULL): files not on disk yet are found as if they were. Returns 0, or MG_EIO with err set (a
 * path that does not exist, a folder that cannot be opened); mg_inputs_dispose releases out
 * either way. Prints nothing: what is worth a warning goes to out->warnings. */
int mg_discover(mg_inputs *out, char **paths, size_t n, const char *framework,
		const mg_overlays *overlays, mg_error *err);
void mg_inputs_dispose(mg_inputs *in);

#endif
