/* File paths: canonical forms and "is this below that directory", used by discovery, the
 * config file's per-path settings, baselines and display. */
#ifndef MIGLINT_PATHS_H
#define MIGLINT_PATHS_H

/* Returns the canonical absolute path of p (malloc'd), or a copy of p when it cannot be
 * resolved (it does not exist). */
char *mg_path_real(const char *p);
/* Returns the canonical directory that holds p (malloc'd). */
char *mg_path_dir(const char *p);
/* Returns the part of path below directory base ("a/b.sql"), pointing into path, or NULL when
 * path is not below base. Both must be in the same form (canonical, or both as written). */
const char *mg_path_under(const char *base, const char *path);
/* Returns the last component of p ("b.sql" for "a/b.sql"), pointing into p. */
const char *mg_path_base(const char *p);
/* qsort comparator for arrays of char *. */
int mg_path_compare(const void *a, const void *b);

/* The folder part of p as written ("." when it has none), without resolving it. */
char *mg_path_parent(const char *p);

#endif
