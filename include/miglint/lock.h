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
/* What miglint.lock says of each entry of a set. */
typedef enum mg_lock_state {
	MG_LOCK_UNLOCKED,     /* not lockable (a repeatable, a bad name), or after the locked ones */
	MG_LOCK_SAME,         /* recorded, unchanged (or unreadable now) */
	MG_LOCK_EDITED,       /* recorded, but its text changed */
	MG_LOCK_INSERTED,     /* not recorded, but sorts before one that is (`later`) */
} mg_lock_state;

/* A line of the lock naming a migration the set no longer has. */
typedef struct mg_lock_line {
	char *name;
	int line;
	char *text;
} mg_lock_line;

/* A set compared with its miglint.lock. */
typedef struct mg_lock_comparison {
	char *path;              /* the lock file */
	mg_lock_state *state;    /* per entry of the set */
	size_t *later;           /* per MG_LOCK_INSERTED entry: the next locked entry */
	MG_VEC(mg_lock_line) removed;
} mg_lock_comparison;

/* Compares set s with its miglint.lock: false (out left empty) when it has none. */
bool mg_lock_compare(mg_lock_comparison *out, const mg_migration_set *s);
void mg_lock_comparison_dispose(mg_lock_comparison *c);

#endif
