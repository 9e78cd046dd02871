/* miglint.lock: one line per migration of a folder, each a SHA-256 chained over the names and
 * contents of the migrations up to it, and a total on the first line. `miglint lock` writes
 * it; `miglint check` reports migrations edited, inserted before the newest, or removed since. */
#ifndef MIGLINT_LOCK_H
#define MIGLINT_LOCK_H

#include "miglint/layout.h"

#include <stdio.h>

/* Writes the lock of set s to its folder; returns 0, or prints why not and returns 2. */
int mg_lock_write(const mg_migration_set *s, FILE *log);
/* Compares set s with its miglint.lock, if it has one. */
void mg_lock_check(mg_layout *l, mg_file_result *results, mg_migration_set *s,
		   const mg_engine *eng);

#endif
