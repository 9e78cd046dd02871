/* Alembic projects: finding their version directories and reading revisions statically. */
#ifndef MIGLINT_ALEMBIC_H
#define MIGLINT_ALEMBIC_H

#include "miglint/engine.h"
#include "miglint/graph.h"

#include <stdbool.h>
#include <stddef.h>

/* The version directories of one Alembic project (one revision graph). */
typedef struct mg_alembic_project {
	char *ini;        /* the alembic.ini, or NULL for a folder found without one */
	char **dirs;      /* absolute version directories */
	size_t dir_count;
	bool recursive;   /* recursive_version_locations */
} mg_alembic_project;

/* Reads an alembic.ini: script_location (default: the ini's own folder, as Flask-Migrate has
 * it) and version_locations (split on spaces, commas or the path separator, as
 * version_path_separator says; %(here)s is the ini's folder); default <script_location>/versions. */
void mg_alembic_read_ini(mg_alembic_project *out, const char *ini_path);
void mg_alembic_project_dispose(mg_alembic_project *p);

/* True when a Python file assigns revision and down_revision at module level (a quick look). */
bool mg_alembic_is_migration(const char *path);

/* Lists the .py files of a project's version directories, sorted (malloc'd array). */
void mg_alembic_files(char ***out, size_t *count_out, const mg_alembic_project *p);

/* Reads one revision file into m (of a graph made with mg_graph_init): ids, parents, the SQL
 * of its op.execute calls (not linted) with the transaction each runs in, and the findings of
 * the call rules. Touches only m: files may be read at once. The chain rules run over the
 * graph afterwards (mg_chain_run_graph). bytes (len of them), when not NULL, are the file's
 * text instead of what is on disk (an editor's unsaved buffer). */
void mg_alembic_read(mg_migration *m, const char *path, const char *bytes, size_t len,
		     const mg_engine *eng);
/* Reads the files into a graph (one migration each, mg_alembic_read) and runs the chain rules. */
void mg_alembic_build(mg_graph *out, char **files, size_t n, const char *root, const mg_engine *eng);

#endif
