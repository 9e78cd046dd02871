/* Django migrations: reading each app's migrations folder statically into one graph per project. */
#ifndef MIGLINT_DJANGO_H
#define MIGLINT_DJANGO_H

#include "miglint/graph.h"

#include <stdbool.h>
#include <stddef.h>

/* True for a .py file in a folder named migrations that defines `class Migration`. */
bool mg_django_is_migration(const char *path);
/* Reads the files (every app's migrations) into one graph, resolved as Django's loader does;
 * what Django would refuse (an unknown dependency, a cycle, several leaves in an app) is
 * recorded as problems for the chain rules (mg_chain_run_graph, MG_CHAIN_APPS). */
void mg_django_build(mg_graph *out, char **files, size_t n, const char *root);
/* The migration files of every app beside the one whose migrations folder is given. */
void mg_django_project_files(char ***out, size_t *count, const char *migrations_dir);

#endif
