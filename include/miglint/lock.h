/* miglint.lock: one line per migration of a folder, each a SHA-256 chained over the names and
 * contents of the migrations up to it, and a total on the first line. `miglint lock` writes
 * it; `miglint check` reports migrations edited, inserted before the newest, or removed since. */
#ifndef MIGLINT_LOCK_H
#define MIGLINT_LOCK_H

#include "miglint/error.h"
#include "miglint/layout.h"

#include <stdio.h>

/* Writes the lock of set s to its folder: gives the lock's path (free it) and the number of
 * migrations it records. Returns 0, or MG_EIO with err set (a migration that cannot be read,
 * a lock that cannot be written). */
int mg_lock_write(const mg_migration_set *s, char **path_out, size_t *count_out, mg_error *err);
/* Compares set s with its miglint.lock, if it has one. */
void mg_lock_check(mg_layout *l, mg_file_result *results, mg_migration_set *s,
		   const mg_engine *eng);

#endif
