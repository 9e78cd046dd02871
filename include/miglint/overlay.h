/* Buffer overlays: an editor's unsaved text, linted as if it were the file at its path. A file
 * that does not exist on disk yet is found where its path says, as if it did: discovery and
 * every tool's reader ask the overlays before the disk. */
#ifndef MIGLINT_OVERLAY_H
#define MIGLINT_OVERLAY_H

#include "miglint/source.h"

#include <stdbool.h>
#include <stddef.h>

/* Text to lint as if it were the file at path (an editor's unsaved buffer); the file's
 * siblings are still read from disk, for its folder's tool and history. */
typedef struct mg_overlay {
	const char *path;
	const char *bytes;
	size_t len;
} mg_overlay;

/* A run's overlays, each with its canonical path worked out once. */
typedef struct mg_overlays {
	const mg_overlay *items; /* lent by the caller */
	size_t count;
	char **real;             /* per item: canonical path */
	bool *on_disk;           /* per item: the file exists */
} mg_overlays;

/* Canonical paths of items[0..count) (count may be 0); mg_overlays_dispose releases them. */
void mg_overlays_init(mg_overlays *out, const mg_overlay *items, size_t count);
void mg_overlays_dispose(mg_overlays *o);
/* The canonical path of p: its real path, or, for a file that does not exist yet, its real
 * folder and its name (malloc'd). */
char *mg_overlay_real(const char *p);
/* The canonical folder that holds p, as mg_path_dir, for a file not on disk yet too (malloc'd). */
char *mg_overlay_dir(const char *p);
/* The overlay for the file at path, or NULL (o may be NULL). Lent from o. */
const mg_overlay *mg_overlays_find(const mg_overlays *o, const char *path);
/* The names of the overlays that do not exist on disk and whose folder is dir (a NULL-
 * terminated array the caller frees, its strings lent from o), or NULL when there are none. */
const char **mg_overlays_new_in(const mg_overlays *o, const char *dir);
/* Reads the file at path into out, from its overlay when it has one (o may be NULL). */
void mg_overlays_load(mg_source *out, const mg_overlays *o, const char *path);

#endif
