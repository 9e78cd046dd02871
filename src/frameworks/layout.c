/* Migration layouts. SQL files are grouped by the folder their tool reads (the folder itself,
 * or the parent of diesel's and Prisma's one-folder-per-migration layout); each folder's names
 * say which tool it is (Flyway V1__x.sql, golang-migrate 1_x.up.sql, numbered 001_x.sql, ...),
 * refined by what is beside them (Cargo.toml for sqlx, .go migrations for goose) and, after
 * linting, by the files' own markers (goose, dbmate). A folder a user names with --framework or
 * in the config is read as that tool's. */
#include "miglint/layout.h"

#include "layout_internal.h"

#include "miglint/common.h"
#include "miglint/chain_check.h"
#include "miglint/paths.h"
#include "miglint/rule.h"
#include "miglint/sections.h"

#include <ctype.h>
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

extern const mg_rule mg_rule_invalid_migration_name, mg_rule_mixed_naming_schemes;

const char *const mg_framework_names[] = {
	"sql", "alembic", "django", "flyway", "golang-migrate", "goose", "dbmate", "sqlx", "diesel",
	"prisma", "sqitch", "numbered", NULL,
};

bool mg_framework_known(const char *name)
{
	for (size_t i = 0; mg_framework_names[i]; i++)
		if (strcmp(mg_framework_names[i], name) == 0)
			return true;
	return false;
}

const char *mg_framework_suggest(const char *name)
{
	const char *best = NULL;
	size_t best_d = 3;
	for (size_t i = 0; mg_framework_names[i]; i++) {
		size_t d = mg_edit_distance(name, mg_framework_names[i], 2);
		if (d < best_d) {
			best = mg_framework_names[i];
			best_d = d;
		}
	}
	return best;
}

/* ---- names ----------------------------------------------------------------------------- */

static const char *const scheme_names[S_COUNT] = {
	"", "Flyway (V1__name.sql)", "up/down (1_name.up.sql)", "numbered (001_name.sql)",
	"diesel (version_name/up.sql)", "Prisma (timestamp_name/migration.sql)",
};

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcmp(s + n - m, suffix) == 0;
}

static size_t digits(const char *s)
{
	size_t n = 0;
	while (isdigit((unsigned char)s[n]))
		n++;
	return n;
}

/* An integer version without its leading zeros ("007" -> "7", "000" -> "0"). */
static char *integer_version(const char *s, size_t n)
{
	while (n > 1 && *s == '0')
		s++, n--;
	return mg_xstrndup(s, n);
}

/* Flyway's version: parts split on '.' or '_', each a number (leading zeros ignored), trailing
 * zero parts ignored (1.0 == 1). Returns NULL when a part is not a number. */
static char *flyway_version(const char *s, size_t n)
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
		char *part = integer_version(s + i, d);
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

static void parse_flyway(parsed *p, const char *base)
{
	size_t n = strlen(base) - 4; /* without .sql */
	const char *sep = strstr(base, "__");
	char prefix = base[0];
	p->scheme = S_FLYWAY;
	if (!sep || (size_t)(sep - base) >= n) {
		p->problem = mg_xasprintf("'%s' has no '__' between the version and the description: "
					  "Flyway skips it", base);
		return;
	}
	if (prefix == 'R') {
		p->role = MG_ROLE_REPEATABLE;
		if (sep != base + 1)
			p->problem = mg_xasprintf("'%s' is a repeatable migration with a version: Flyway "
						  "refuses it (write R__%s)", base, sep + 2);
	} else {
		p->role = prefix == 'U' ? MG_ROLE_DOWN : prefix == 'B' ? MG_ROLE_BASELINE : MG_ROLE_UP;
		p->version = flyway_version(base + 1, (size_t)(sep - base) - 1);
		if (!p->version)
			p->problem = mg_xasprintf("'%s' has a version that is not numbers separated by '.' "
						  "or '_': Flyway refuses it", base);
	}
	p->title = mg_xstrndup(sep + 2, n - (size_t)(sep + 2 - base));
}

/* Reads a file name (and its folder's name, for diesel and Prisma). */
static void parse_name(parsed *p, const char *base, const char *parent)
{
	memset(p, 0, sizeof(*p));
	if (!ends_with(base, ".sql"))
		return;
	size_t pd = digits(parent);
	if ((strcmp(base, "up.sql") == 0 || strcmp(base, "down.sql") == 0) && pd && strchr(parent, '_')) {
		p->scheme = S_DIESEL;
		p->role = base[0] == 'u' ? MG_ROLE_UP : MG_ROLE_DOWN;
		mg_buf b;
		mg_buf_init(&b);
		for (const char *s = parent; *s && *s != '_'; s++)
			if (*s != '-')
				mg_buf_putc(&b, *s);
		p->version = mg_buf_take(&b);
		p->title = mg_xstrdup(strchr(parent, '_') + 1);
		return;
	}
	if (strcmp(base, "migration.sql") == 0 && pd && parent[pd] == '_') {
		p->scheme = S_PRISMA;
		p->version = mg_xstrndup(parent, pd);
		p->title = mg_xstrdup(parent + pd + 1);
		return;
	}
	char c = base[0];
	if (strchr("VUBR", c) && (isdigit((unsigned char)base[1]) || base[1] == '_' || base[1] == '.')) {
		parse_flyway(p, base);
		return;
	}
	if (strchr("vubr", c) && isdigit((unsigned char)base[1]) && strstr(base, "__")) {
		p->scheme = S_FLYWAY;
		p->problem = mg_xasprintf("'%s' starts with a lower-case '%c': Flyway's prefixes are "
					  "upper-case and it skips this file", base, c);
		return;
	}
	size_t d = digits(base);
	if (!d)
		return;
	size_t n = strlen(base);
	bool up = ends_with(base, ".up.sql"), down = ends_with(base, ".down.sql");
	if ((up || down) && base[d] == '_') {
		p->scheme = S_UPDOWN;
		p->role = up ? MG_ROLE_UP : MG_ROLE_DOWN;
		p->version = integer_version(base, d);
		p->title = mg_xstrndup(base + d + 1, n - d - 1 - (up ? 7 : 9));
		return;
	}
	p->scheme = S_NUMBERED;
	p->version = integer_version(base, d);
	const char *rest = base + d;
	if (*rest == '_' || *rest == '-')
		rest++;
	size_t tl = strlen(rest) >= 4 ? strlen(rest) - 4 : 0;
	p->role = MG_ROLE_UP;
	const char *down_suffixes[] = {"_rollback.sql", ".down.sql", "_down.sql", NULL};
	for (int k = 0; down_suffixes[k]; k++)
		if (ends_with(rest, down_suffixes[k]) && strlen(rest) > strlen(down_suffixes[k])) {
			p->role = MG_ROLE_DOWN;
			tl = strlen(rest) - strlen(down_suffixes[k]);
		}
	p->title = mg_xstrndup(rest, tl);
}

/* ---- folders ----------------------------------------------------------------------------- */

/* Folder names that hold migrations for a database other than PostgreSQL. */
static const char *other_database_name(const char *dir)
{
	static const char *const names[][2] = {
		{"mysql", "MySQL"}, {"mariadb", "MariaDB"}, {"sqlite", "SQLite"}, {"sqlite3", "SQLite"},
		{"mssql", "SQL Server"}, {"sqlserver", "SQL Server"}, {"oracle", "Oracle"},
		{"clickhouse", "ClickHouse"}, {"h2", "H2"}, {"hsqldb", "HSQLDB"}, {"derby", "Derby"},
		{"db2", "Db2"}, {"snowflake", "Snowflake"}, {"bigquery", "BigQuery"},
		{"spanner", "Spanner"}, {"duckdb", "DuckDB"}, {"tidb", "TiDB"}, {"ql", "ql"},
		{"cassandra", "Cassandra"}, {"mongodb", "MongoDB"}, {"redshift", "Redshift"},
		{NULL, NULL},
	};
	const char *s = dir;
	while (*s) {
		size_t n = strcspn(s, "/");
		for (size_t i = 0; names[i][0]; i++)
			if (strlen(names[i][0]) == n && mg_ieq(s, n, names[i][0]))
				return names[i][1];
		s += n + (s[n] == '/');
	}
	return NULL;
}

static bool file_exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0;
}

/* sqlx keeps migrations/ beside Cargo.toml (or one level down in a workspace). */
static bool near_cargo(const char *dir)
{
	char *a = mg_xasprintf("%s/../Cargo.toml", dir), *b = mg_xasprintf("%s/../../Cargo.toml", dir);
	bool yes = file_exists(a) || file_exists(b);
	free(a);
	free(b);
	return yes;
}

/* The value of `key = value` (or key=value) in a small TOML or properties file, unquoted. */
static char *read_setting(const char *path, const char *key, int *line_out)
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

static bool setting_is_false(const char *path, const char *key)
{
	char *v = read_setting(path, key, NULL);
	bool no = v && mg_ieq(v, strlen(v), "false");
	free(v);
	return no;
}

/* ---- building sets ----------------------------------------------------------------------- */

/* A set's folder and the entry's name in it, from a file path. */
static void place(pending *e, const char *path)
{
	char *dir = mg_path_parent(path);
	const char *base = mg_path_base(path);
	const char *parent = mg_path_base(dir);
	parse_name(&e->p, base, parent);
	if (e->p.scheme == S_DIESEL || e->p.scheme == S_PRISMA) {
		e->set_dir = mg_path_parent(dir);
		e->name = mg_xasprintf("%s/%s", parent, base);
		free(dir);
	} else {
		e->set_dir = dir;
		e->name = mg_xstrdup(base);
	}
	e->path = mg_xstrdup(path);
}

static int compare_pending(const void *a, const void *b)
{
	const pending *x = a, *y = b;
	int c = strcmp(x->set_dir, y->set_dir);
	return c ? c : strcmp(x->name, y->name);
}

/* The siblings of a file named on the command line: its folder's other SQL files (and
 * diesel's and Prisma's sub-folders), read so that its history is whole. */
static void add_siblings(pending_vec *v, const char *set_dir, bool nested)
{
	DIR *d = opendir(set_dir);
	if (!d)
		return;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		char *p = mg_xasprintf("%s/%s", set_dir, e->d_name);
		if (ends_with(e->d_name, ".sql")) {
			pending x = {0};
			place(&x, p);
			MG_VEC_PUSH(*v, x);
		} else if (nested) {
			const char *inner[] = {"up.sql", "down.sql", "migration.sql", NULL};
			for (int k = 0; inner[k]; k++) {
				char *q = mg_xasprintf("%s/%s", p, inner[k]);
				if (file_exists(q)) {
					pending x = {0};
					place(&x, q);
					MG_VEC_PUSH(*v, x);
				}
				free(q);
			}
		}
		free(p);
	}
	closedir(d);
}

static void push_entry(mg_migration_set *s, pending *e, size_t file)
{
	s->entries = mg_xrealloc(s->entries, (s->count + 1) * sizeof(mg_entry));
	mg_entry *x = &s->entries[s->count++];
	memset(x, 0, sizeof(*x));
	x->path = e->path;
	x->name = e->name;
	x->version = e->p.version;
	x->title = e->p.title;
	x->role = e->p.role;
	x->file = file;
	e->path = e->name = e->p.version = e->p.title = NULL;
}

static int role_rank(mg_role r)
{
	return r == MG_ROLE_BASELINE ? 0 : r == MG_ROLE_UP ? 1 : r == MG_ROLE_CODE ? 1 : 2;
}

static int compare_entries(const void *a, const void *b)
{
	const mg_entry *x = a, *y = b;
	if (!x->problem != !y->problem)
		return x->problem ? 1 : -1; /* not in the history: last */
	if (!x->version != !y->version)
		return !x->version ? 1 : -1; /* repeatables run after versioned migrations */
	int c = x->version ? mg_version_compare(x->version, y->version) : 0;
	if (!c)
		c = role_rank(x->role) - role_rank(y->role);
	return c ? c : strcmp(x->name, y->name);
}

/* Go migrations of goose (and Java ones of Flyway) are versions too, but not SQL. */
static void add_code_entries(mg_migration_set *s)
{
	DIR *d = opendir(s->dir);
	if (!d)
		return;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		const char *n = e->d_name;
		size_t dg = digits(n);
		bool go = dg && n[dg] == '_' && ends_with(n, ".go") && !ends_with(n, "_test.go");
		bool java = n[0] == 'V' && isdigit((unsigned char)n[1]) && strstr(n, "__") && ends_with(n, ".java");
		if (!(go && strcmp(s->framework, "goose") == 0) && !(java && strcmp(s->framework, "flyway") == 0))
			continue;
		s->entries = mg_xrealloc(s->entries, (s->count + 1) * sizeof(mg_entry));
		mg_entry *x = &s->entries[s->count++];
		memset(x, 0, sizeof(*x));
		x->path = mg_xasprintf("%s/%s", s->dir, n);
		x->name = mg_xstrdup(n);
		const char *sep = go ? n + dg : strstr(n, "__");
		x->version = go ? integer_version(n, dg) : flyway_version(n + 1, (size_t)(sep - n) - 1);
		x->title = mg_xstrndup(sep + (go ? 1 : 2), strlen(sep) - (go ? 4 : 7));
		x->role = MG_ROLE_CODE;
		x->file = SIZE_MAX;
	}
	closedir(d);
}

/* Which tool reads a folder with these scheme counts. */
static const char *detect(const size_t *count, const char *dir, bool has_go)
{
	if (count[S_DIESEL])
		return "diesel";
	if (count[S_PRISMA])
		return "prisma";
	size_t best = S_NONE;
	for (size_t k = S_FLYWAY; k <= S_NUMBERED; k++)
		if (count[k] > (best ? count[best] : 0))
			best = k;
	if (best == S_FLYWAY)
		return "flyway";
	if (best == S_UPDOWN || (best == S_NUMBERED && count[S_UPDOWN]))
		return near_cargo(dir) ? "sqlx" : "golang-migrate";
	if (best == S_NUMBERED)
		return near_cargo(dir) ? "sqlx" : has_go ? "goose" : "numbered";
	return NULL;
}

static bool folder_has_go(const char *dir)
{
	DIR *d = opendir(dir);
	bool yes = false;
	struct dirent *e;
	while (d && !yes && (e = readdir(d)) != NULL) {
		size_t dg = digits(e->d_name);
		yes = dg && e->d_name[dg] == '_' && ends_with(e->d_name, ".go");
	}
	if (d)
		closedir(d);
	return yes;
}

/* The schemes a framework reads. */
static bool framework_reads(const char *fw, scheme s)
{
	if (strcmp(fw, "flyway") == 0)
		return s == S_FLYWAY;
	if (strcmp(fw, "golang-migrate") == 0)
		return s == S_UPDOWN;
	if (strcmp(fw, "sqlx") == 0)
		return s == S_UPDOWN || s == S_NUMBERED;
	if (strcmp(fw, "diesel") == 0)
		return s == S_DIESEL;
	if (strcmp(fw, "prisma") == 0)
		return s == S_PRISMA;
	return s == S_NUMBERED; /* goose, dbmate, numbered */
}

/* How the framework runs a file. */
static void context_for(mg_lint_context *ctx, const char *fw, const mg_entry *e)
{
	memset(ctx, 0, sizeof(*ctx));
	ctx->framework = fw;
	ctx->down = e->role == MG_ROLE_DOWN;
	ctx->repeatable = e->role == MG_ROLE_REPEATABLE;
	if (strcmp(fw, "flyway") == 0) {
		char *conf = mg_xasprintf("%s.conf", e->path);
		if (!setting_is_false(conf, "executeInTransaction"))
			ctx->single_query_reason =
				"Flyway refuses a migration that mixes it with statements that run in a "
				"transaction (put it in a file of its own, or set executeInTransaction=false "
				"in a .sql.conf file)";
		free(conf);
	} else if (strcmp(fw, "golang-migrate") == 0) {
		ctx->single_query_reason =
			"golang-migrate sends the file as one query, which PostgreSQL runs as one "
			"transaction when it holds several statements";
	} else if (strcmp(fw, "prisma") == 0) {
		ctx->single_query_reason =
			"Prisma sends migration.sql as one script, which PostgreSQL runs as one "
			"transaction when it holds several statements";
	} else if (strcmp(fw, "sqlx") == 0) {
		ctx->transaction_reason = "sqlx runs each migration in a transaction (start the file "
					  "with -- no-transaction)";
		ctx->sqlx_marker = true;
	} else if (strcmp(fw, "diesel") == 0) {
		char *folder = mg_path_parent(e->path);
		char *meta = mg_xasprintf("%s/metadata.toml", folder);
		if (!setting_is_false(meta, "run_in_transaction"))
			ctx->transaction_reason = "diesel runs each migration in a transaction (set "
						  "run_in_transaction = false in metadata.toml)";
		free(meta);
		free(folder);
	}
}

/* A Prisma project says its database in migration_lock.toml; true when it is not PostgreSQL. */
static bool check_prisma_provider(mg_migration_set *s, size_t count)
{
	char *lock = mg_xasprintf("%s/migration_lock.toml", s->dir);
	int line = 0;
	char *provider = read_setting(lock, "provider", &line);
	if (provider && strcmp(provider, "postgresql") != 0 && strcmp(provider, "postgres") != 0) {
		s->other_database = true;
		s->other_reason = mg_xasprintf("this Prisma project's provider is \"%s\", not postgresql: "
					       "its %zu migration files were not linted", provider, count);
		s->other_path = mg_xstrdup(lock);
		s->other_line = line;
	}
	free(provider);
	free(lock);
	return s->other_database;
}

/* ---- build ------------------------------------------------------------------------------- */

static void parsed_dispose(parsed *p)
{
	free(p->version);
	free(p->title);
	free(p->problem);
}

static void build_set(mg_layout *l, pending *items, size_t n, const char *forced, pending_vec *mixed)
{
	size_t count[S_COUNT] = {0};
	for (size_t i = 0; i < n; i++)
		count[items[i].p.scheme]++;
	const char *dir = items[0].set_dir;
	const char *fw = forced;
	if (!fw || strcmp(fw, "sql") == 0)
		fw = forced ? NULL : detect(count, dir, folder_has_go(dir));
	size_t set = SIZE_MAX;
	if (fw) {
		set = mg_history_add_set(l, dir, fw);
		if (strcmp(fw, "prisma") == 0 && check_prisma_provider(&l->sets[set], n))
			return; /* another database: not linted */
	}
	for (size_t i = 0; i < n; i++) {
		pending *e = &items[i];
		bool in_set = fw && e->p.scheme != S_NONE &&
			      (framework_reads(fw, e->p.scheme) || forced);
		if (!in_set) {
			if (fw && e->p.scheme != S_NONE && e->linted) {
				MG_VEC_PUSH(*mixed, *e);
				memset(e, 0, sizeof(*e));
			} else if (e->linted)
				mg_history_add_file(l, mg_xstrdup(e->path), SIZE_MAX);
			continue;
		}
		size_t file = e->linted ? mg_history_add_file(l, mg_xstrdup(e->path), set) : SIZE_MAX;
		mg_migration_set *s = &l->sets[set];
		s->partial = s->partial || !e->linted;
		if (e->p.problem) {
			/* a malformed name is reported at the file; it is linted, but not in the history */
			char *problem = e->p.problem;
			e->p.problem = NULL;
			s->entries = mg_xrealloc(s->entries, (s->count + 1) * sizeof(mg_entry));
			mg_entry *x = &s->entries[s->count++];
			memset(x, 0, sizeof(*x));
			x->path = e->path;
			x->name = e->name;
			x->problem = problem;
			x->problem_rule = &mg_rule_invalid_migration_name;
			x->file = file;
			e->path = e->name = NULL;
			if (file != SIZE_MAX)
				l->files[file].set = SIZE_MAX; /* linted as plain SQL */
			continue;
		}
		push_entry(s, e, file);
	}
	if (set == SIZE_MAX)
		return;
	mg_migration_set *s = &l->sets[set];
	add_code_entries(s);
	if (s->count)
		qsort(s->entries, s->count, sizeof(mg_entry), compare_entries);
	for (size_t i = 0; i < s->count; i++) {
		mg_entry *e = &s->entries[i];
		if (e->file != SIZE_MAX && l->files[e->file].set == set)
			context_for(&l->files[e->file].ctx, fw, e);
	}
}

/* A folder for another database: none of its files is linted; one info finding says so. */
static void other_database_folder(mg_layout *l, pending *items, size_t n, const char *db)
{
	size_t set = mg_history_add_set(l, items[0].set_dir, "sql");
	mg_migration_set *s = &l->sets[set];
	s->other_database = true;
	s->other_reason = mg_xasprintf("folder '%s' holds migrations for %s, not PostgreSQL: its %zu "
				       "SQL files were not linted", items[0].set_dir, db, n);
	for (size_t i = 0; i < n && !s->other_path; i++)
		if (items[i].linted)
			s->other_path = mg_xstrdup(items[i].path);
	s->other_line = 1;
}

void mg_layout_build(mg_layout *out, char **sql, const bool *named, size_t n,
		     const char *(*framework_for)(const char *dir, void *arg), void *arg)
{
	memset(out, 0, sizeof(*out));
	pending_vec v = {0};
	MG_VEC(char *) sibling_dirs = {0};
	for (size_t i = 0; i < n; i++) {
		if (strcmp(sql[i], "-") == 0) {
			mg_history_add_file(out, mg_xstrdup(sql[i]), SIZE_MAX);
			continue;
		}
		pending x = {0};
		place(&x, sql[i]);
		x.linted = true;
		if (named && named[i]) {
			bool seen = false;
			for (size_t k = 0; k < sibling_dirs.len && !seen; k++)
				seen = strcmp(sibling_dirs.items[k], x.set_dir) == 0;
			if (!seen)
				MG_VEC_PUSH(sibling_dirs, mg_xstrdup(x.set_dir));
		}
		MG_VEC_PUSH(v, x);
	}
	for (size_t k = 0; k < sibling_dirs.len; k++) {
		size_t before = v.len;
		add_siblings(&v, sibling_dirs.items[k], true);
		/* a sibling that was also named stays the named (linted) one */
		for (size_t i = before; i < v.len; i++)
			for (size_t j = 0; j < before; j++)
				if (strcmp(v.items[i].set_dir, v.items[j].set_dir) == 0 &&
				    strcmp(v.items[i].name, v.items[j].name) == 0 && v.items[j].linted) {
					v.items[i].duplicate = true;
				}
		free(sibling_dirs.items[k]);
	}
	free(sibling_dirs.items);
	size_t kept = 0;
	for (size_t i = 0; i < v.len; i++) {
		if (v.items[i].duplicate) {
			mg_history_pending_dispose(&v.items[i]);
		} else {
			v.items[kept++] = v.items[i];
		}
	}
	v.len = kept;
	if (v.len)
		qsort(v.items, v.len, sizeof(pending), compare_pending);
	mg_sqitch_claim(out, v.items, &v.len);
	pending_vec mixed = {0};
	for (size_t a = 0; a < v.len;) {
		size_t b = a;
		while (b < v.len && strcmp(v.items[b].set_dir, v.items[a].set_dir) == 0)
			b++;
		const char *forced = framework_for ? framework_for(v.items[a].set_dir, arg) : NULL;
		const char *db = forced ? NULL : other_database_name(v.items[a].set_dir);
		if (db)
			other_database_folder(out, v.items + a, b - a, db);
		else
			build_set(out, v.items + a, b - a, forced, &mixed);
		a = b;
	}
	/* files of another scheme in a set's folder: linted as plain SQL, reported by check */
	for (size_t i = 0; i < mixed.len; i++) {
		pending *e = &mixed.items[i];
		size_t set = SIZE_MAX;
		for (size_t k = 0; k < out->set_count && set == SIZE_MAX; k++)
			if (strcmp(out->sets[k].dir, e->set_dir) == 0)
				set = k;
		size_t file = mg_history_add_file(out, mg_xstrdup(e->path), SIZE_MAX);
		mg_migration_set *s = &out->sets[set];
		s->entries = mg_xrealloc(s->entries, (s->count + 1) * sizeof(mg_entry));
		mg_entry *x = &s->entries[s->count++];
		memset(x, 0, sizeof(*x));
		x->path = e->path;
		x->name = e->name;
		x->problem = mg_xasprintf("'%s' is named in the %s scheme, but this folder is read by "
					  "%s: it is never run", e->name, scheme_names[e->p.scheme],
					  s->framework);
		x->problem_rule = &mg_rule_mixed_naming_schemes;
		x->file = file;
		free(e->set_dir);
		parsed_dispose(&e->p);
	}
	free(mixed.items);
	for (size_t i = 0; i < v.len; i++)
		mg_history_pending_dispose(&v.items[i]);
	free(v.items);
}

/* ---- after linting ------------------------------------------------------------------------ */

/* A numbered folder whose files carry goose or dbmate markers is that tool's. */
static void refine_framework(mg_layout *l, mg_migration_set *s, const mg_file_result *results)
{
	if (strcmp(s->framework, "numbered") != 0)
		return;
	size_t goose = 0, dbmate = 0;
	for (size_t i = 0; i < s->count; i++) {
		size_t f = s->entries[i].file;
		if (f == SIZE_MAX || l->files[f].set == SIZE_MAX)
			continue;
		goose += results[f].sections_tool == MG_SECTIONS_GOOSE;
		dbmate += results[f].sections_tool == MG_SECTIONS_DBMATE;
	}
	if (goose || dbmate)
		s->framework = goose >= dbmate ? "goose" : "dbmate";
	for (size_t i = 0; i < s->count; i++)
		if (s->entries[i].file != SIZE_MAX)
			l->files[s->entries[i].file].ctx.framework = s->framework;
}

/* What the tool asks of its files, for the chain rules. */
static void set_traits(mg_migration_set *s)
{
	const char *fw = s->framework;
	bool goose = strcmp(fw, "goose") == 0;
	s->downs_optional = strcmp(fw, "flyway") == 0 || strcmp(fw, "numbered") == 0;
	s->folder_per_migration = strcmp(fw, "diesel") == 0;
	s->mix = strcmp(fw, "sqlx") == 0 ? MG_MIX_REVERSIBLE : goose ? MG_MIX_TIMESTAMPS : MG_MIX_NONE;
	s->sections = goose ? MG_SECTIONS_GOOSE
		    : strcmp(fw, "dbmate") == 0 ? MG_SECTIONS_DBMATE : MG_SECTIONS_NONE;
}

/* Frameworks whose migrations come as an up and a down file. */
static bool has_partners(const mg_migration_set *s)
{
	const char *fw = s->framework;
	if (strcmp(fw, "golang-migrate") == 0 || strcmp(fw, "diesel") == 0)
		return true;
	for (size_t i = 0; strcmp(fw, "prisma") != 0 && i < s->count; i++)
		if (s->entries[i].role == MG_ROLE_DOWN && mg_chain_in_history(&s->entries[i]))
			return true; /* sqlx reversible, numbered with rollbacks, Flyway undo */
	return false;
}

/* The other half of e's pair: same version, the other direction; the same title first. */
static size_t partner_of(const mg_migration_set *s, const mg_entry *e)
{
	size_t found = SIZE_MAX;
	for (size_t i = 0; i < s->count; i++) {
		const mg_entry *o = &s->entries[i];
		if (o != e && mg_chain_in_history(o) && mg_version_compare(o->version, e->version) == 0 &&
		    (e->role == MG_ROLE_DOWN) != (o->role == MG_ROLE_DOWN) && o->role != MG_ROLE_BASELINE &&
		    o->role != MG_ROLE_CODE &&
		    (found == SIZE_MAX || (o->title && e->title && strcmp(o->title, e->title) == 0)))
			found = i;
	}
	return found;
}

/* sqlx pairs only its reversible migrations (.up.sql/.down.sql); simple ones have no down. */
static bool pairs(const mg_migration_set *s, const mg_entry *e)
{
	if (strcmp(s->framework, "sqlx") == 0)
		return ends_with(e->name, ".up.sql") || ends_with(e->name, ".down.sql");
	return e->role != MG_ROLE_CODE;
}

static void pair_entries(mg_migration_set *s)
{
	bool partners = has_partners(s);
	for (size_t i = 0; i < s->count; i++) {
		mg_entry *e = &s->entries[i];
		e->paired = partners && mg_chain_in_history(e) && e->role != MG_ROLE_BASELINE &&
			    e->role != MG_ROLE_REPEATABLE && pairs(s, e);
		e->partner = e->paired ? partner_of(s, e) : SIZE_MAX;
	}
}

void mg_layout_refine(mg_layout *l, const mg_file_result *results)
{
	for (size_t k = 0; k < l->set_count; k++) {
		mg_migration_set *s = &l->sets[k];
		if (s->other_database)
			continue;
		refine_framework(l, s, results);
		set_traits(s);
		pair_entries(s);
	}
}

/* ---- graph and disposal ------------------------------------------------------------------ */

void mg_layout_graph(mg_graph *out, const mg_migration_set *s)
{
	mg_graph_init(out, s->dir, s->framework, s->count);
	bool sqitch = strcmp(s->framework, "sqitch") == 0;
	const char *prev = NULL;
	for (size_t i = 0; i < s->count; i++) {
		const mg_entry *e = &s->entries[i];
		/* one node per version: its up migration (or Go/Java code, or a sqitch change); a
		 * repeatable migration is a node of its own, by name, outside the chain */
		if (!e->problem && e->role == MG_ROLE_REPEATABLE) {
			mg_migration *m = &out->migrations[out->count++];
			m->path = mg_xstrdup(e->path);
			m->has_id = m->has_parents = true;
			m->id.text = mg_xstrndup(e->name, strlen(e->name) - 4);
			continue;
		}
		if (!mg_chain_in_history(e) || (e->role != MG_ROLE_UP && e->role != MG_ROLE_CODE))
			continue;
		mg_migration *m = &out->migrations[out->count++];
		m->path = mg_xstrdup(e->path);
		m->has_id = m->has_parents = true;
		m->id.text = mg_xstrdup(e->version);
		if (sqitch && e->require_count) {
			/* sqitch deploys in plan order; requirements are checked, not ordering */
			m->depends_on = mg_xcalloc(e->require_count, sizeof(mg_graph_ref));
			for (size_t k = 0; k < e->require_count; k++)
				m->depends_on[k].text = mg_xstrdup(e->requires[k]);
			m->depends_count = e->require_count;
		}
		if (prev) {
			m->parents = mg_xcalloc(1, sizeof(mg_graph_ref));
			m->parents[0].text = mg_xstrdup(prev);
			m->parent_count = 1;
		}
		prev = e->version;
	}
	if (prev) {
		out->heads = mg_xcalloc(1, sizeof(char *));
		out->heads[0] = mg_xstrdup(prev);
		out->head_count = 1;
		for (size_t i = 0; i < out->count && !out->base_count; i++)
			if (!out->migrations[i].parent_count && !strstr(out->migrations[i].path, "/R__")) {
				out->bases = mg_xcalloc(1, sizeof(char *));
				out->bases[0] = mg_xstrdup(out->migrations[i].id.text);
				out->base_count = 1;
			}
	}
}

void mg_layout_dispose(mg_layout *l)
{
	for (size_t i = 0; i < l->file_count; i++)
		free(l->files[i].path);
	free(l->files);
	for (size_t k = 0; k < l->set_count; k++) {
		mg_migration_set *s = &l->sets[k];
		for (size_t i = 0; i < s->count; i++) {
			mg_entry *e = &s->entries[i];
			free(e->path);
			free(e->name);
			free(e->version);
			free(e->title);
			free(e->problem);
			for (size_t r = 0; r < e->require_count; r++)
				free(e->requires[r]);
			free(e->requires);
		}
		free(s->entries);
		free(s->dir);
		free(s->other_reason);
		free(s->other_path);
		mg_sqitch_plan_free(s->sqitch_plan);
	}
	free(l->sets);
	for (size_t i = 0; i < l->extra_count; i++)
		mg_file_result_dispose(&l->extra[i]);
	free(l->extra);
	memset(l, 0, sizeof(*l));
}
