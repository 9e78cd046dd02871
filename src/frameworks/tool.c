/* What several migration tools' files (src/frameworks/<tool>.c) and the layout share: file
 * names, version numbers, and settings in small TOML or properties files. It calls nothing of
 * theirs. */
#include "layout_internal.h"

#include "miglint/paths.h"

#include "miglint/common.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

bool mg_tool_ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcmp(s + n - m, suffix) == 0;
}

size_t mg_tool_digits(const char *s)
{
	size_t n = 0;
	while (isdigit((unsigned char)s[n]))
		n++;
	return n;
}

char *mg_tool_integer_version(const char *s, size_t n)
{
	while (n > 1 && *s == '0')
		s++, n--;
	return mg_xstrndup(s, n);
}

char *mg_tool_flyway_version(const char *s, size_t n)
{
	mg_buf b;
	mg_buf_init(&b);
	size_t keep = 0; /* length of b up to the last non-zero part */
	for (size_t i = 0; i <= n;) {
		size_t d = 0;
		while (i + d < n && isdigit((unsigned char)s[i + d]))
			d++;
		if (d == 0 || (i + d < n && s[i + d] != '.' && s[i + d] != '_')) {
			mg_buf_dispose(&b);
			return NULL;
		}
		char *part = mg_tool_integer_version(s + i, d);
		if (b.len)
			mg_buf_putc(&b, '.');
		mg_buf_puts(&b, part);
		if (strcmp(part, "0") != 0 || keep == 0)
			keep = b.len;
		free(part);
		i += d + 1;
	}
	char *v = mg_buf_take(&b);
	v[keep] = '\0';
	return v;
}

bool mg_tool_file_exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0;
}

char *mg_tool_read_setting(const char *path, const char *key, int *line_out)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return NULL;
	char line[1024];
	char *value = NULL;
	int ln = 0;
	size_t kl = strlen(key);
	while (!value && fgets(line, sizeof(line), f)) {
		ln++;
		char *s = line + strspn(line, " \t");
		if (strncmp(s, key, kl) != 0)
			continue;
		s += kl;
		s += strspn(s, " \t");
		if (*s != '=')
			continue;
		s++;
		s += strspn(s, " \t\"'");
		size_t n = strcspn(s, "\"'#\r\n");
		while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
			n--;
		value = mg_xstrndup(s, n);
		if (line_out)
			*line_out = ln;
	}
	fclose(f);
	return value;
}

bool mg_tool_setting_is_false(const char *path, const char *key)
{
	char *v = mg_tool_read_setting(path, key, NULL);
	bool no = v && mg_ieq(v, strlen(v), "false");
	free(v);
	return no;
}

/* The database a connection URL's scheme names: NULL for PostgreSQL's, "" for any other
 * (a bare path, file:, a scheme the tool may not know). */
static const char *url_database(const char *url)
{
	static const char *const schemes[][2] = {
		{"mysql:", "MySQL"}, {"mariadb:", "MariaDB"}, {"sqlite:", "SQLite"},
		{"mssql:", "SQL Server"}, {"sqlserver:", "SQL Server"}, {NULL, NULL},
	};
	for (size_t i = 0; schemes[i][0]; i++)
		if (strncmp(url, schemes[i][0], strlen(schemes[i][0])) == 0)
			return schemes[i][1];
	bool postgres = strncmp(url, "postgres://", 11) == 0 || strncmp(url, "postgresql://", 13) == 0;
	return postgres ? NULL : "";
}

const char *mg_tool_env_database(const char *dir, const char *bare, char **path_out,
				 int *line_out)
{
	*path_out = NULL;
	char *above = mg_path_parent(dir);
	for (int up = 1; up <= 2; up++) {
		char *env = mg_xasprintf("%s/.env", above);
		char *next = mg_path_parent(above);
		free(above);
		above = next;
		int line = 0;
		char *url = mg_tool_read_setting(env, "DATABASE_URL", &line);
		if (!url)
			url = mg_tool_read_setting(env, "export DATABASE_URL", &line);
		if (!url) {
			free(env);
			continue;
		}
		const char *db = url[0] && url[0] != '$' ? url_database(url) : NULL;
		if (db && !db[0])
			db = bare;
		free(url);
		free(above);
		if (db) {
			*path_out = env;
			*line_out = line;
		} else {
			free(env);
		}
		return db; /* the nearest .env with a DATABASE_URL decides */
	}
	free(above);
	return NULL;
}

bool mg_tool_env_other_database(mg_migration_set *s, size_t count, const char *tool,
				const char *bare)
{
	char *env = NULL;
	int line = 0;
	const char *db = mg_tool_env_database(s->dir, bare, &env, &line);
	if (!db)
		return false;
	s->other_database = true;
	s->other_reason = mg_xasprintf("this %s project's DATABASE_URL (in .env) is for %s, not "
				       "PostgreSQL: its %zu migration file%s not linted", tool, db, count,
				       count == 1 ? " was" : "s were");
	s->other_path = env;
	s->other_line = line;
	return true;
}
