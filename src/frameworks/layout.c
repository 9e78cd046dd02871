/* Migration layouts. SQL files are grouped by the folder their tool reads (the folder itself,
 * or the parent of diesel's and Prisma's one-folder-per-migration layout); each file's name
 * says its scheme (V1__x.sql, 1_x.up.sql, 001_x.sql, ...), and the tools (src/frameworks/
 * <tool>.c, through the registry) say which of them a folder is, from its names and what is
 * beside them, and after linting from the files' own markers. A folder a user names with
 * --framework or in the config is read as that tool's. Nothing here knows a tool by name. */
#include "miglint/layout.h"

#include "layout_internal.h"

#include "miglint/common.h"
#include "miglint/chain_check.h"
#include "miglint/paths.h"
#include "miglint/rule.h"
#include "miglint/sections.h"
#include "miglint/source.h"

#include <ctype.h>
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

extern const mg_rule mg_rule_invalid_migration_name, mg_rule_mixed_naming_schemes;
extern const mg_framework mg_framework_sql;

/* ---- names ----------------------------------------------------------------------------- */

static const char *const scheme_names[MG_SCHEME_COUNT] = {
	"", "Flyway (V1__name.sql)", "up/down (1_name.up.sql)", "numbered (001_name.sql)",
	"diesel (version_name/up.sql)", "Prisma (timestamp_name/migration.sql)",
};

static void parse_flyway(parsed *p, const char *base)
{
	size_t n = strlen(base) - 4; /* without .sql */
	const char *sep = strstr(base, "__");
	char prefix = base[0];
	p->scheme = MG_SCHEME_FLYWAY;
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
		p->version = mg_tool_flyway_version(base + 1, (size_t)(sep - base) - 1);
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
	if (!mg_tool_ends_with(base, ".sql"))
		return;
	size_t pd = mg_tool_digits(parent);
	if ((strcmp(base, "up.sql") == 0 || strcmp(base, "down.sql") == 0) && pd && strchr(parent, '_')) {
		p->scheme = MG_SCHEME_DIESEL;
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
		p->scheme = MG_SCHEME_PRISMA;
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
		p->scheme = MG_SCHEME_FLYWAY;
		p->problem = mg_xasprintf("'%s' starts with a lower-case '%c': Flyway's prefixes are "
					  "upper-case and it skips this file", base, c);
		return;
	}
	size_t d = mg_tool_digits(base);
	if (!d)
		return;
	size_t n = strlen(base);
	bool up = mg_tool_ends_with(base, ".up.sql"), down = mg_tool_ends_with(base, ".down.sql");
	if ((up || down) && base[d] == '_') {
		p->scheme = MG_SCHEME_UPDOWN;
		p->role = up ? MG_ROLE_UP : MG_ROLE_DOWN;
		p->version = mg_tool_integer_version(base, d);
		p->title = mg_xstrndup(base + d + 1, n - d - 1 - (up ? 7 : 9));
		return;
	}
	p->scheme = MG_SCHEME_NUMBERED;
	p->version = mg_tool_integer_version(base, d);
	const char *rest = base + d;
	if (*rest == '_' || *rest == '-')
		rest++;
	size_t tl = strlen(rest) >= 4 ? strlen(rest) - 4 : 0;
	p->role = MG_ROLE_UP;
	const char *down_suffixes[] = {"_rollback.sql", ".down.sql", "_down.sql", NULL};
	for (int k = 0; down_suffixes[k]; k++)
		if (mg_tool_ends_with(rest, down_suffixes[k]) && strlen(rest) > strlen(down_suffixes[k])) {
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

/* ---- building sets ----------------------------------------------------------------------- */

/* A folder named after a schema version (v1, 2, 1.2, v1_2), as a history kept as one folder
 * per version names them: its canonical version, or NULL. */
static char *folder_version(const char *name)
{
	const char *s = name + (name[0] == 'v' || name[0] == 'V');
	size_t n = strlen(s);
	if (!n || !isdigit((unsigned char)s[0]) || !isdigit((unsigned char)s[n - 1]) ||
	    strspn(s, "0123456789._") != n)
		return NULL;
	return mg_tool_flyway_version(s, n);
}

/* True when a file name is SQL: x.sql, or x.sql.<dialect>. */
static bool sql_name(const char *name)
{
	size_t at, len;
	return mg_tool_ends_with(name, ".sql") || mg_dialect_suffix(name, &at, &len);
}

/* A set's folder and the entry's name in it, from a file path. A dialect word in the name
 * (x.sql.postgres, x.postgres.sql) is not part of its version or title; numbered files in a
 * folder per schema version (schema/v2/001_x.sql) are one history over the parent folder,
 * ordered by the folders' versions, then the files'. */
static void place(pending *e, const char *path)
{
	char *dir = mg_path_parent(path);
	const char *base = mg_path_base(path);
	const char *parent = mg_path_base(dir);
	size_t at = 0, len = 0;
	const char *db = mg_dialect_suffix(base, &at, &len);
	char *plain = db ? mg_xasprintf("%.*s%s", (int)at, base, base + at + len) : NULL;
	e->dialect = db && strcmp(db, "PostgreSQL") != 0 ? db : NULL;
	parse_name(&e->p, plain ? plain : base, parent);
	free(plain);
	char *fv = e->p.scheme == MG_SCHEME_NUMBERED ? folder_version(parent) : NULL;
	if (e->p.scheme == MG_SCHEME_DIESEL || e->p.scheme == MG_SCHEME_PRISMA || fv) {
		e->set_dir = mg_path_parent(dir);
		e->name = mg_xasprintf("%s/%s", parent, base);
		if (fv) {
			char *v = mg_xasprintf("%s.%s", fv, e->p.version);
			free(e->p.version);
			e->p.version = v;
			free(fv);
		}
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

/* The numbered files of a folder per schema version, for add_siblings. */
static void add_version_folder(pending_vec *v, const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.' || !sql_name(e->d_name))
			continue;
		char *p = mg_xasprintf("%s/%s", dir, e->d_name);
		pending x = {0};
		place(&x, p);
		if (x.p.scheme == MG_SCHEME_NUMBERED)
			MG_VEC_PUSH(*v, x);
		else
			mg_history_pending_dispose(&x);
		free(p);
	}
	closedir(d);
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
		char *fv = NULL;
		if (sql_name(e->d_name)) {
			pending x = {0};
			place(&x, p);
			MG_VEC_PUSH(*v, x);
		} else if (nested && (fv = folder_version(e->d_name)) != NULL) {
			free(fv);
			add_version_folder(v, p);
		} else if (nested) {
			const char *inner[] = {"up.sql", "down.sql", "migration.sql", NULL};
			for (int k = 0; inner[k]; k++) {
				char *q = mg_xasprintf("%s/%s", p, inner[k]);
				if (mg_tool_file_exists(q)) {
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

/* Migrations of the history that are not SQL (goose's Go, Flyway's Java ones). */
static void add_code_entries(mg_migration_set *s)
{
	DIR *d = s->tool->code_migration ? opendir(s->dir) : NULL;
	if (!d)
		return;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		char *version, *title;
		if (!s->tool->code_migration(e->d_name, &version, &title))
			continue;
		s->entries = mg_xrealloc(s->entries, (s->count + 1) * sizeof(mg_entry));
		mg_entry *x = &s->entries[s->count++];
		memset(x, 0, sizeof(*x));
		x->path = mg_xasprintf("%s/%s", s->dir, e->d_name);
		x->name = mg_xstrdup(e->d_name);
		x->version = version;
		x->title = title;
		x->role = MG_ROLE_CODE;
		x->file = SIZE_MAX;
	}
	closedir(d);
}

/* What a folder's names say: how many of each scheme, and the most common of Flyway, up/down
 * and numbered (the first on a tie). */
static void folder_names(mg_folder_names *out, const pending *items, size_t n)
{
	memset(out, 0, sizeof(*out));
	out->dir = items[0].set_dir;
	for (size_t i = 0; i < n; i++)
		out->count[items[i].p.scheme]++;
	for (size_t k = MG_SCHEME_FLYWAY; k <= MG_SCHEME_NUMBERED; k++)
		if (out->count[k] > (out->most ? out->count[out->most] : 0))
			out->most = (mg_scheme)k;
}

/* The tool the folder's files are read by: the one named for it (none for plain SQL), or
 * the one detection finds. */
static const mg_framework *tool_for(const char *forced, const pending *items, size_t n)
{
	if (forced) {
		const mg_framework *tool = mg_framework_find(forced);
		return tool == &mg_framework_sql ? NULL : tool;
	}
	mg_folder_names names;
	folder_names(&names, items, n);
	return mg_framework_detect(&names);
}

/* How the tool runs a file. */
static void context_for(mg_lint_context *ctx, const mg_framework *tool, const mg_entry *e)
{
	memset(ctx, 0, sizeof(*ctx));
	ctx->framework = tool->name;
	ctx->down = e->role == MG_ROLE_DOWN;
	ctx->repeatable = e->role == MG_ROLE_REPEATABLE;
	if (tool->run_context)
		tool->run_context(ctx, e);
}

static bool tool_reads(const mg_framework *tool, scheme s)
{
	return tool->reads ? tool->reads(s) : s == MG_SCHEME_NUMBERED;
}

/* For a down script, the up migration it undoes: the up entry of the same version (the same
 * title first). The entries are in version order, so it is a neighbour. NULL otherwise. */
static const char *up_migration_of(const mg_migration_set *s, size_t i)
{
	const mg_entry *e = &s->entries[i];
	if (e->role != MG_ROLE_DOWN || !mg_chain_in_history(e))
		return NULL;
	const char *found = NULL;
	for (int dir = -1; dir <= 1; dir += 2) {
		for (size_t k = i + dir; k < s->count; k += dir) {
			const mg_entry *o = &s->entries[k];
			if (!mg_chain_in_history(o))
				continue;
			if (mg_version_compare(o->version, e->version) != 0)
				break;
			if (o->role != MG_ROLE_UP)
				continue;
			if (!found || (o->title && e->title && strcmp(o->title, e->title) == 0))
				found = o->path;
		}
	}
	return found;
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
	const mg_framework *fw = tool_for(forced, items, n);
	size_t set = SIZE_MAX;
	if (fw) {
		set = mg_history_add_set(l, items[0].set_dir, fw);
		if (fw->other_database && fw->other_database(&l->sets[set], n))
			return; /* another database: not linted */
	}
	for (size_t i = 0; i < n; i++) {
		pending *e = &items[i];
		bool in_set = fw && e->p.scheme != MG_SCHEME_NONE &&
			      (tool_reads(fw, e->p.scheme) || forced);
		if (!in_set) {
			if (fw && e->p.scheme != MG_SCHEME_NONE && e->linted) {
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
		if (e->file != SIZE_MAX && l->files[e->file].set == set) {
			context_for(&l->files[e->file].ctx, fw, e);
			l->files[e->file].ctx.up_path = up_migration_of(s, i);
		}
	}
}

/* A folder for another database: none of its files is linted; one info finding says so. */
static void other_database_folder(mg_layout *l, pending *items, size_t n, const char *db)
{
	size_t set = mg_history_add_set(l, items[0].set_dir, &mg_framework_sql);
	mg_migration_set *s = &l->sets[set];
	s->other_database = true;
	s->other_reason = mg_xasprintf("folder '%s' holds migrations for %s, not PostgreSQL: its %zu "
				       "SQL files were not linted", items[0].set_dir, db, n);
	for (size_t i = 0; i < n && !s->other_path; i++)
		if (items[i].linted)
			s->other_path = mg_xstrdup(items[i].path);
	s->other_line = 1;
}

/* Files named for another database (x.sql.sqlite beside x.sql.postgres): none is linted; one
 * info finding per folder and database says so. */
static void other_dialect_files(mg_layout *l, const pending_vec *others)
{
	bool *done = mg_xcalloc(others->len + 1, sizeof(bool));
	for (size_t i = 0; i < others->len; i++) {
		const pending *a = &others->items[i];
		if (done[i])
			continue;
		size_t count = 0;
		const pending *first = NULL;
		for (size_t k = i; k < others->len; k++) {
			const pending *b = &others->items[k];
			if (done[k] || strcmp(b->set_dir, a->set_dir) != 0 || b->dialect != a->dialect)
				continue;
			done[k] = true;
			count++;
			if (!first && b->linted)
				first = b;
		}
		if (!first)
			continue;
		size_t set = mg_history_add_set(l, a->set_dir, &mg_framework_sql);
		mg_migration_set *s = &l->sets[set];
		s->other_database = true;
		s->other_reason = mg_xasprintf("%zu SQL file%s in '%s' %s named for %s (like %s), not "
					       "PostgreSQL: not linted", count, count == 1 ? "" : "s",
					       a->set_dir, count == 1 ? "is" : "are", a->dialect,
					       first->name);
		s->other_path = mg_xstrdup(first->path);
		s->other_line = 1;
	}
	free(done);
}

/* The tools that claim files by a project file of their own (sqitch) take them first. */
static void claim_files(mg_layout *l, pending_vec *v)
{
	const mg_framework *const *all = mg_framework_all();
	for (size_t t = 0; all[t]; t++) {
		if (!all[t]->claim)
			continue;
		char **paths = mg_xcalloc(v->len + 1, sizeof(char *));
		bool *linted = mg_xcalloc(v->len + 1, sizeof(bool));
		bool *taken = mg_xcalloc(v->len + 1, sizeof(bool));
		for (size_t i = 0; i < v->len; i++)
			paths[i] = v->items[i].path, linted[i] = v->items[i].linted;
		mg_claim files = {paths, linted, taken, v->len};
		all[t]->claim(l, &files);
		size_t kept = 0;
		for (size_t i = 0; i < v->len; i++) {
			if (taken[i])
				mg_history_pending_dispose(&v->items[i]);
			else
				v->items[kept++] = v->items[i];
		}
		v->len = kept;
		free(paths);
		free(linted);
		free(taken);
	}
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
	claim_files(out, &v);
	pending_vec others = {0};
	kept = 0;
	for (size_t i = 0; i < v.len; i++) {
		if (v.items[i].dialect)
			MG_VEC_PUSH(others, v.items[i]);
		else
			v.items[kept++] = v.items[i];
	}
	v.len = kept;
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
	other_dialect_files(out, &others);
	for (size_t i = 0; i < others.len; i++)
		mg_history_pending_dispose(&others.items[i]);
	free(others.items);
	for (size_t i = 0; i < v.len; i++)
		mg_history_pending_dispose(&v.items[i]);
	free(v.items);
}

/* ---- after linting ------------------------------------------------------------------------ */

/* A numbered folder whose files carry goose or dbmate markers is that tool's. */
static void refine_framework(mg_layout *l, mg_migration_set *s, const mg_file_result *results)
{
	if (!s->tool->refine)
		return;
	size_t goose = 0, dbmate = 0;
	for (size_t i = 0; i < s->count; i++) {
		size_t f = s->entries[i].file;
		if (f == SIZE_MAX || l->files[f].set == SIZE_MAX)
			continue;
		goose += results[f].sections_tool == MG_SECTIONS_GOOSE;
		dbmate += results[f].sections_tool == MG_SECTIONS_DBMATE;
	}
	const mg_framework *refined = s->tool->refine(goose, dbmate);
	if (refined) {
		s->tool = refined;
		s->framework = refined->name;
	}
	for (size_t i = 0; i < s->count; i++)
		if (s->entries[i].file != SIZE_MAX)
			l->files[s->entries[i].file].ctx.framework = s->framework;
}

/* What the tool asks of its files, for the chain rules. */
static void set_traits(mg_migration_set *s)
{
	s->downs_optional = s->tool->downs_optional;
	s->versions_may_repeat = s->tool->versions_may_repeat;
	s->folder_per_migration = s->tool->folder_per_migration;
	s->mix = s->tool->mix;
	s->sections = s->tool->sections;
}

/* Whether the set's migrations come as an up and a down file. */
static bool has_partners(const mg_migration_set *s)
{
	if (s->tool->partners != MG_PARTNERS_IF_ANY_DOWN)
		return false;
	for (size_t i = 0; i < s->count; i++)
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

/* The entries the tool pairs: by default all but code migrations. */
static bool pairs(const mg_migration_set *s, const mg_entry *e)
{
	return s->tool->pairs ? s->tool->pairs(e) : e->role != MG_ROLE_CODE;
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

/* Without linting (graph, lock): the markers are read from the files of the sets a tool may
 * refine, so that every command reads a folder as `check` does. */
void mg_layout_refine_unlinted(mg_layout *l)
{
	mg_file_result *results = mg_xcalloc(l->file_count + 1, sizeof(mg_file_result));
	for (size_t k = 0; k < l->set_count; k++) {
		const mg_migration_set *s = &l->sets[k];
		for (size_t i = 0; !s->other_database && s->tool->refine && i < s->count; i++) {
			size_t f = s->entries[i].file;
			if (f == SIZE_MAX || strcmp(l->files[f].path, "-") == 0)
				continue;
			mg_source src;
			mg_source_load(&src, l->files[f].path, NULL);
			mg_sections m;
			mg_sections_find(&m, src.text, src.body, src.len);
			results[f].sections_tool = m.tool;
			mg_sections_dispose(&m);
			mg_source_dispose(&src);
		}
	}
	mg_layout_refine(l, results);
	free(results);
}

/* ---- graph and disposal ------------------------------------------------------------------ */

static void push_id(char ***ids, size_t *count, const char *id)
{
	*ids = mg_xrealloc(*ids, (*count + 1) * sizeof(char *));
	(*ids)[(*count)++] = mg_xstrdup(id);
}

/* One node per version: its up migration (or Go/Java code, or a sqitch change), in order, each
 * the parent of the next. A repeatable migration is a node of its own, by name, outside the
 * chain. A Flyway baseline migration B<v> is another base, id "B<v>": a fresh database starts
 * from the latest baseline instead of the versions up to it, so the first version above v
 * follows either v's predecessor chain or B<v> (a second parent). */
void mg_layout_graph(mg_graph *out, const mg_migration_set *s)
{
	mg_graph_init(out, s->dir, s->framework, s->count);
	bool sqitch = s->sqitch_plan != NULL;
	const char *prev = NULL;
	const char *chain_base = NULL;
	MG_VEC(const mg_migration *) baselines = {0}; /* waiting for the first version above */
	MG_VEC(const char *) baseline_ids = {0};
	for (size_t i = 0; i < s->count; i++) {
		const mg_entry *e = &s->entries[i];
		if (!e->problem && e->role == MG_ROLE_REPEATABLE) {
			mg_migration *m = &out->migrations[out->count++];
			m->path = mg_xstrdup(e->path);
			m->has_id = m->has_parents = true;
			m->id.text = mg_xstrndup(e->name, strlen(e->name) - 4);
			continue;
		}
		bool baseline = e->role == MG_ROLE_BASELINE;
		if (!mg_chain_in_history(e) ||
		    (e->role != MG_ROLE_UP && e->role != MG_ROLE_CODE && !baseline))
			continue;
		mg_migration *m = &out->migrations[out->count++];
		m->path = mg_xstrdup(e->path);
		m->has_id = m->has_parents = true;
		if (baseline) {
			m->id.text = mg_xasprintf("B%s", e->version);
			MG_VEC_PUSH(baseline_ids, m->id.text);
			MG_VEC_PUSH(baselines, m);
			continue;
		}
		m->id.text = mg_xstrdup(e->version);
		if (sqitch && e->require_count) {
			/* sqitch deploys in plan order; requirements are checked, not ordering */
			m->depends_on = mg_xcalloc(e->require_count, sizeof(mg_graph_ref));
			for (size_t k = 0; k < e->require_count; k++)
				m->depends_on[k].text = mg_xstrdup(e->requires[k]);
			m->depends_count = e->require_count;
		}
		if (prev || baselines.len)
			m->parents = mg_xcalloc(1 + baselines.len, sizeof(mg_graph_ref));
		if (prev)
			m->parents[m->parent_count++].text = mg_xstrdup(prev);
		else if (!chain_base)
			chain_base = e->version;
		size_t waiting = 0;
		for (size_t b = 0; b < baselines.len; b++) {
			const mg_migration *bm = baselines.items[b];
			if (mg_version_compare(bm->id.text + 1, e->version) < 0)
				m->parents[m->parent_count++].text = mg_xstrdup(bm->id.text);
			else
				baselines.items[waiting++] = bm;
		}
		baselines.len = waiting;
		prev = e->version;
	}
	if (prev)
		push_id(&out->heads, &out->head_count, prev);
	for (size_t b = 0; b < baselines.len; b++) /* nothing above it yet */
		push_id(&out->heads, &out->head_count, baselines.items[b]->id.text);
	free(baselines.items);
	if (chain_base)
		push_id(&out->bases, &out->base_count, chain_base);
	for (size_t b = 0; b < baseline_ids.len; b++)
		push_id(&out->bases, &out->base_count, baseline_ids.items[b]);
	free(baseline_ids.items);
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
		if (s->tool && s->tool->set_free)
			s->tool->set_free(s);
	}
	free(l->sets);
	for (size_t i = 0; i < l->extra_count; i++)
		mg_file_result_dispose(&l->extra[i]);
	free(l->extra);
	memset(l, 0, sizeof(*l));
}
