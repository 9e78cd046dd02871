/* Baselines: the findings a team accepts today, by stable fingerprint (not line number), so
 * that only new problems fail a check. */
#ifndef MIGLINT_BASELINE_H
#define MIGLINT_BASELINE_H

#include "miglint/engine.h"

#include <stdio.h>

typedef struct mg_baseline mg_baseline;

/* Writes the baseline of these results (JSON) to out. */
void mg_baseline_write(FILE *out, const mg_file_result *files, size_t n);
/* Reads a baseline file. On failure returns MG_ECONFIG and a message in *error_out (free it). */
int mg_baseline_load(mg_baseline **out, const char *path, char **error_out);
void mg_baseline_free(mg_baseline *b);
/* Removes from each result the findings the baseline lists; returns how many it removed. */
size_t mg_baseline_apply(const mg_baseline *b, mg_file_result *files, size_t n);

/* Lists the files git sees as added, changed or untracked since revision rev, as absolute
 * paths (malloc'd, NULL-terminated). On failure returns MG_EUSAGE with *error_out set. */
/* filter: git diff's --diff-filter letters (ACMRT: added or changed; AC: added). */
int mg_git_changed_since(char ***out, const char *rev, const char *filter, char **error_out);

#endif
