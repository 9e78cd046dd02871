/* SQL files written for another database (MySQL, MariaDB, SQLite, ClickHouse, SQL Server)
 * in a folder miglint reads as PostgreSQL's. Asked only of a file PostgreSQL's parser refused:
 * each sign below is a syntax error for PostgreSQL, so a PostgreSQL file is never taken for
 * another database's; only the tokens where the parser stopped are read. */
#include "miglint/framework.h"

#include "miglint/common.h"
#include "miglint/split.h"

#include <string.h>

typedef struct token {
	size_t start, end;
} token;

static bool is_word(const char *t, token k, const char *word)
{
	return k.end - k.start == strlen(word) && mg_ieq(t + k.start, k.end - k.start, word);
}

static bool is_char(const char *t, token k, char ch)
{
	return k.end - k.start == 1 && t[k.start] == ch;
}

/* A line holding only GO: SQL Server's batch separator (sqlcmd, SSMS). */
static bool go_line(const char *t, token k, size_t len)
{
	if (!is_word(t, k, "go"))
		return false;
	size_t a = k.start, b = k.end;
	while (a > 0 && (t[a - 1] == ' ' || t[a - 1] == '\t'))
		a--;
	while (b < len && (t[b] == ' ' || t[b] == '\t' || t[b] == '\r'))
		b++;
	return (a == 0 || t[a - 1] == '\n') && (b == len || t[b] == '\n');
}

/* The database whose sign token `cur` is, given the token before it and the one after. */
static const char *sign_of(const char *t, size_t len, token before, token cur, token after,
			   bool statement_start, const char **what)
{
	if (t[cur.start] == '`')
		return *what = "backtick-quoted names", "MySQL or SQLite";
	if (is_word(t, cur, "autoincrement") && is_word(t, before, "key"))
		return *what = "AUTOINCREMENT", "SQLite";
	if (statement_start && is_word(t, cur, "pragma"))
		return *what = "PRAGMA", "SQLite";
	if (is_word(t, cur, "auto_increment") && !is_char(t, before, ',') &&
	    !is_char(t, before, '(') &&
	    (is_char(t, after, ',') || is_char(t, after, ')') || is_char(t, after, '=')))
		return *what = "AUTO_INCREMENT", "MySQL";
	if (is_word(t, cur, "engine") && is_char(t, before, ')') && is_char(t, after, '='))
		return *what = "ENGINE =", "MySQL or ClickHouse";
	if (go_line(t, cur, len))
		return *what = "GO batch separators", "SQL Server";
	return NULL;
}

/* The sign at the token where PostgreSQL's parser stopped (each sign is a syntax error for
 * PostgreSQL, so it is that token), read with its line's tokens before it and the one
 * after: a few tokens per refused statement, never the whole file. */
static const char *sign_at(const char *t, size_t body, size_t len, size_t error, size_t *at_out,
			   const char **what_out)
{
	size_t i = error;
	while (i > body && t[i - 1] != '\n')
		i--;
	token before = {len, len};
	bool statement_start = true;
	for (i = mg_lex_skip_trivia(t, i, len); i < len && i <= error;) {
		token cur = {i, mg_lex_token_end(t, i, len)};
		size_t next = mg_lex_skip_trivia(t, cur.end, len);
		token after = {next, next < len ? mg_lex_token_end(t, next, len) : len};
		const char *db = cur.start == error
			? sign_of(t, len, before, cur, after, statement_start, what_out) : NULL;
		if (db) {
			*at_out = cur.start;
			return db;
		}
		statement_start = is_char(t, cur, ';');
		before = cur;
		i = next;
	}
	return NULL;
}

const char *mg_other_dialect(const char *t, size_t body, size_t len, const size_t *errors,
			     size_t error_count, size_t *at_out, const char **what_out)
{
	for (size_t e = 0; e < error_count; e++) {
		const char *db = sign_at(t, body, len, errors[e], at_out, what_out);
		if (db)
			return db;
	}
	return NULL;
}

/* Dialect words in file names: x.sql.<word> (Synapse's delta files, 01_x.sql.postgres beside
 * 01_x.sql.sqlite) and x.<word>.sql (mautrix's dbupgrade, 01-init.postgres.sql beside
 * 01-init.sqlite.sql). */
static const char *const dialect_words[][2] = {
	{"postgres", "PostgreSQL"}, {"postgresql", "PostgreSQL"}, {"sqlite", "SQLite"},
	{"sqlite3", "SQLite"}, {"mysql", "MySQL"}, {"mariadb", "MariaDB"},
	{"mssql", "SQL Server"}, {"sqlserver", "SQL Server"}, {"oracle", "Oracle"},
	{"clickhouse", "ClickHouse"}, {"cockroachdb", "CockroachDB"}, {"h2", "H2"},
	{NULL, NULL},
};

const char *mg_dialect_suffix(const char *name, size_t *at_out, size_t *len_out)
{
	size_t n = strlen(name);
	/* either form holds ".sql" at the end or before the word: most names (every .py of a
	 * 2,000-revision project, walked once) are done here instead of in the loop */
	if (!(n >= 4 && strcmp(name + n - 4, ".sql") == 0) && !strstr(name, ".sql."))
		return NULL;
	for (size_t i = 0; dialect_words[i][0]; i++) {
		const char *w = dialect_words[i][0];
		size_t wl = strlen(w);
		if (n < wl + 6)
			continue;
		size_t after_sql = n - wl - 1; /* x.sql.<word> */
		size_t before_sql = n - 4 - wl - 1; /* x.<word>.sql */
		if (name[after_sql] == '.' && strcmp(name + after_sql + 1, w) == 0 &&
		    strncmp(name + after_sql - 4, ".sql", 4) == 0)
			*at_out = after_sql;
		else if (strcmp(name + n - 4, ".sql") == 0 && name[before_sql] == '.' &&
			 strncmp(name + before_sql + 1, w, wl) == 0)
			*at_out = before_sql;
		else
			continue;
		*len_out = wl + 1;
		return dialect_words[i][1];
	}
	return NULL;
}
