/* State shared by the layout's files (layout.c, history.c, sqitch.c, lock.c). */
#ifndef MIGLINT_LAYOUT_INTERNAL_H
#define MIGLINT_LAYOUT_INTERNAL_H

#include "miglint/common.h"
#include "miglint/framework.h"
#include "miglint/layout.h"

typedef mg_scheme scheme;

typedef struct parsed {
	scheme scheme;
	mg_role role;
	char *version; /* canonical */
	char *title;
	char *problem; /* an invalid name: why (MG112) */
} parsed;

typedef struct pending {
	char *path;
	char *set_dir;
	char *name;
	parsed p;
	bool linted;   /* walked or named: linted and reported */
	bool duplicate;  /* a sibling that is also a named file: dropped */
	/* another database's file by its name's dialect word (x.sql.sqlite): not linted */
	const char *dialect;
} pending;

typedef MG_VEC(pending) pending_vec;

/* history.c: the layout as data, which every reader and chain check of a layout calls down
 * into. Appends a set or a linted file to the layout; returns its index. */
size_t mg_history_add_set(mg_layout *l, const char *dir, const mg_framework *tool);
size_t mg_history_add_file(mg_layout *l, char *path, size_t set);
void mg_history_pending_dispose(pending *p);

/* tool.c: what the tools' files and the layout share. */
bool mg_tool_ends_with(const char *s, const char *suffix);
/* The number of leading decimal digits of s. */
size_t mg_tool_digits(const char *s);
/* An integer version without its leading zeros ("007" -> "7", "000" -> "0"), malloc'd. */
char *mg_tool_integer_version(const char *s, size_t n);
/* Flyway's version: parts split on '.' or '_', each a number (leading zeros ignored), trailing
 * zero parts ignored (1.0 == 1). Returns NULL when a part is not a number (else malloc'd). */
char *mg_tool_flyway_version(const char *s, size_t n);
bool mg_tool_file_exists(const char *path);
/* The value of `key = value` (or key=value) in a small TOML or properties file, unquoted
 * (malloc'd), and its line; NULL when the file or the key is missing. */
char *mg_tool_read_setting(const char *path, const char *key, int *line_out);
/* True when the file sets key to false. */
bool mg_tool_setting_is_false(const char *path, const char *key);
/* The database of the DATABASE_URL that the nearest .env above migration folder dir sets
 * (beside Cargo.toml or diesel.toml, or one level up in a workspace), when it is not
 * PostgreSQL: "MySQL", "SQLite", ... (bare: the database a URL without a scheme names, or
 * NULL); *path_out gets the .env path (malloc'd) and *line_out its line. NULL when there is no
 * such URL, it is PostgreSQL's, or it cannot be told (${VAR}). */
const char *mg_tool_env_database(const char *dir, const char *bare, char **path_out,
				 int *line_out);
/* For a tool's other_database hook: set s for another database when its .env's DATABASE_URL
 * is one (tool names the tool in the finding). */
bool mg_tool_env_other_database(mg_migration_set *s, size_t count, const char *tool,
				const char *bare);

#endif
