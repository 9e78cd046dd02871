/* The effective settings of a run: the configuration file (.miglint.yaml, or the one named),
 * overridden by what a front end says (the command line's options; a language server's
 * client settings). Every front end resolves them here, so they mean the same everywhere. */
#ifndef MIGLINT_SETTINGS_H
#define MIGLINT_SETTINGS_H

#include "miglint/config.h"
#include "miglint/error.h"
#include "miglint/finding.h"

#include <stdbool.h>
#include <stddef.h>

/* What the front end says; zero values leave the file's (or the default) in place. */
typedef struct mg_overrides {
	const char *config_path; /* read this file instead of the nearest .miglint.yaml */
	char **select;           /* rule patterns; replaces the file's select when count > 0 */
	size_t select_count;
	char **ignore;           /* replaces the file's ignore when count > 0 */
	size_t ignore_count;
	bool has_fail_level;
	mg_severity fail_level;
	int pg_version;          /* 0: the file's, else the parser's */
	mg_down_mode down;       /* MG_DOWN_UNSET: the file's, else quiet */
	mg_lock_timeout_mode lock_timeout; /* MG_LOCK_TIMEOUT_UNSET: the file's, else in-migration */
	bool preview;            /* run the preview rules too (or the file's rules.preview) */
} mg_overrides;

typedef struct mg_settings {
	mg_config config;        /* the file read (all empty when there is none) */
	char **select;           /* lent by the overrides or the config */
	size_t select_count;
	char **ignore;
	size_t ignore_count;
	mg_severity fail_level;  /* findings at or above it fail the run */
	int pg_version;          /* 0 when neither says */
	mg_down_mode down;       /* quiet or full */
	mg_lock_timeout_mode lock_timeout; /* in-migration or set-by-runner */
	bool *enabled;           /* by mg_rules_all index: the rules that run; owned */
	mg_severity *severity;   /* by index: each rule's, then the file's rules.severity; owned */
} mg_settings;

/* Loads the configuration and resolves the settings into out. On failure (an unreadable or
 * invalid file) returns MG_ECONFIG with err set; mg_settings_dispose releases out either way.
 * The overrides' strings must outlive out. */
int mg_settings_load(mg_settings *out, const mg_overrides *o, mg_error *err);
void mg_settings_dispose(mg_settings *s);

#endif
