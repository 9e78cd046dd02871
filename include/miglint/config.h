/* The configuration file, .miglint.yaml (parsed with libyaml). Command-line options override
 * what it says. */
#ifndef MIGLINT_CONFIG_H
#define MIGLINT_CONFIG_H

#include "miglint/finding.h"

#include <stdbool.h>
#include <stdio.h>

typedef struct mg_path_setting {
	char *path;          /* as written, relative to the config file's directory */
	char *framework;     /* or NULL */
	char **exclude;      /* fnmatch patterns, matched against the path below `path` */
	size_t exclude_count;
} mg_path_setting;

typedef struct mg_severity_setting {
	char *rule; /* code, name or code prefix */
	mg_severity severity;
} mg_severity_setting;

/* What is reported in down, undo and revert scripts. A tool runs each down migration once,
 * inside a transaction, to remove what its up migration made: by default (quiet) their
 * idempotency findings (MG2xx) are left out; full reports them as in up migrations. */
typedef enum mg_down_mode { MG_DOWN_UNSET, MG_DOWN_QUIET, MG_DOWN_FULL } mg_down_mode;

/* Who sets lock_timeout. in-migration (the default): each migration must, before its first
 * strong lock (MG301). set-by-runner: the runner does for every migration (ALTER ROLE ... SET
 * lock_timeout, Alembic's env.py, Django's database OPTIONS, strong_migrations), so MG301 has
 * nothing to say. */
typedef enum mg_lock_timeout_mode {
	MG_LOCK_TIMEOUT_UNSET,
	MG_LOCK_TIMEOUT_IN_MIGRATION,
	MG_LOCK_TIMEOUT_BY_RUNNER,
} mg_lock_timeout_mode;

typedef struct mg_config {
	char *file;          /* the file read, or NULL */
	char *dir;           /* its directory, absolute */
	char **select;       /* NULL when the file does not say */
	size_t select_count;
	char **ignore;
	size_t ignore_count;
	mg_severity_setting *severity;
	size_t severity_count;
	mg_path_setting *paths;
	size_t path_count;
	int pg_version;      /* 0 when the file does not say */
	mg_down_mode down;   /* down: quiet | full; MG_DOWN_UNSET when the file does not say */
	mg_lock_timeout_mode lock_timeout; /* lock_timeout: in-migration | set-by-runner */
	bool preview;        /* rules.preview: run the preview rules too */
	bool has_fail_level;
	mg_severity fail_level;
} mg_config;

/* The PostgreSQL major versions a target may be (--pg-version, pg_version). Beyond the
 * parser's grammar (15), what it refuses is newer-syntax (MG910), not a syntax error. */
enum { MG_PG_VERSION_MIN = 10, MG_PG_VERSION_MAX = 18 };

/* Reads "quiet" or "full" into *out; false for anything else. */
bool mg_down_mode_parse(const char *s, mg_down_mode *out);
/* Reads "in-migration" or "set-by-runner" into *out; false for anything else. */
bool mg_lock_timeout_mode_parse(const char *s, mg_lock_timeout_mode *out);



/* Returns the nearest .miglint.yaml from the working directory up, malloc'd, or NULL. */
char *mg_config_find(void);
/* Reads path into out. On failure returns MG_ECONFIG and gives "FILE:LINE:COL: message" in
 * *error_out (free it). mg_config_dispose releases out either way. */
int mg_config_load(mg_config *out, const char *path, char **error_out);
void mg_config_dispose(mg_config *cfg);
/* True when the file `path` is excluded by a paths: entry. */
bool mg_config_excluded(const mg_config *cfg, const char *path);
/* The framework paths[] sets for a folder (the deepest entry holding it), or NULL. */
const char *mg_config_framework(const mg_config *cfg, const char *dir);

#endif
