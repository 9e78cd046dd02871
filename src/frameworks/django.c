/* Django migrations, read statically (never imported): <app>/migrations/NNNN_name.py with a
 * `class Migration` whose body says dependencies, replaces (a squash), run_before and atomic,
 * and whose operations may hold migrations.RunSQL("...") literals, linted as SQL.
 *
 * The graph follows django.db.migrations.loader.MigrationLoader with no database (checked
 * against it by tests/django): a squash replaces the migrations it lists that exist here, and
 * takes over their parents and children; ("app", "__first__") and ("app", "__latest__") are the
 * app's first and last migration (ignored within the same app); a dependency on an app with no
 * migrations folder here, or swappable_dependency(...), is external; more than one leaf in an
 * app (a node no migration of its app depends on) is what makemigrations --check calls
 * conflicting migrations. */
#include "miglint/chain.h"
#include "miglint/chain_check.h"
#include "miglint/common.h"
#include "miglint/framework.h"
#include "miglint/paths.h"
#include "miglint/python.h"
#include "miglint/rule.h"

#include <dirent.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

extern const mg_framework mg_framework_django;
extern const mg_rule mg_rule_missing_revision_variable;

/* A (app, name) pair as written, with where it is. */
typedef struct dj_key {
	char *app, *name;
	size_t offset, length;
} dj_key;

typedef MG_VEC(dj_key) key_vec;

typedef struct dj_migration {
	char *app;            /* the app folder's name (Django's default label) */
	char *name;           /* the file name without .py */
	key_vec deps, replaces, run_before;
	bool atomic;
	bool replaced;        /* removed by a squash that replaces it */
	size_t squash;        /* the squash that replaced it */
} dj_migration;

static bool tok(const char *s, const mg_py_token *t, mg_py_kind kind, const char *text)
{
	size_t n = strlen(text);
	return t->kind == kind && t->end - t->start == n && memcmp(s + t->start, text, n) == 0;
}

/* ---- reading ----------------------------------------------------------------------------- */

static bool ends_with_migration(const char *s, const mg_py_token *t)
{
	size_t n = t->end - t->start;
	return t->kind == MG_PY_NAME && n >= 9 && memcmp(s + t->end - 9, "Migration", 9) == 0;
}

/* The first token of a module-level `class Migration(<base>):` whose base is a migration
 * class (migrations.Migration, or a project's own ...Migration), or n. `class
 * Migration(object)` and `class MigrationTester` are helpers, not migrations. */
static size_t class_start(const char *s, const mg_py_token *t, size_t n)
{
	for (size_t i = 0; i + 2 < n; i++) {
		if (!t[i].first || t[i].indent != 0 || !tok(s, &t[i], MG_PY_NAME, "class") ||
		    !tok(s, &t[i + 1], MG_PY_NAME, "Migration") || !tok(s, &t[i + 2], MG_PY_OP, "("))
			continue;
		int depth = t[i + 2].depth + 1;
		for (size_t k = i + 3; k < n && t[k].depth >= depth; k++)
			if (t[k].depth == depth && ends_with_migration(s, &t[k]))
				return i;
	}
	return n;
}

/* True for a .py file in a folder named migrations that defines a migration class. */
static bool is_migration(const char *path, const mg_overlays *overlays)
{
	char *dir = mg_path_parent(path);
	bool in_migrations = strcmp(mg_path_base(dir), "migrations") == 0;
	free(dir);
	if (!in_migrations || strcmp(mg_path_base(path), "__init__.py") == 0)
		return false;
	mg_source src;
	mg_overlays_load(&src, overlays, path);
	bool yes = !src.read_error && memmem(src.text, src.len, "class Migration", 15) != NULL;
	if (yes) {
		mg_py_token *t;
		size_t n;
		mg_py_tokenize(&t, &n, src.text, src.len);
		yes = class_start(src.text, t, n) < n;
		free(t);
	}
	mg_source_dispose(&src);
	return yes;
}

/* Reads one element of a dependency list at tokens [a, b): ("app", "name"), or a swappable
 * dependency (external: nothing to add). Returns false when it cannot be read statically. */
static bool read_pair(key_vec *out, const char *s, const mg_py_token *t, size_t a, size_t b)
{
	if (b - a >= 5 && tok(s, &t[a], MG_PY_OP, "(") && t[a + 1].kind == MG_PY_STRING &&
	    tok(s, &t[a + 2], MG_PY_OP, ",") && t[a + 3].kind == MG_PY_STRING &&
	    (tok(s, &t[a + 4], MG_PY_OP, ")") || (b - a >= 6 && tok(s, &t[a + 4], MG_PY_OP, ","))) ) {
		dj_key k = {0};
		if (mg_py_string(&k.app, NULL, s, &t[a + 1]) != MG_PY_STR ||
		    mg_py_string(&k.name, NULL, s, &t[a + 3]) != MG_PY_STR) {
			free(k.app), free(k.name);
			return false;
		}
		k.offset = t[a].start;
		k.length = t[b - 1].end - t[a].start;
		MG_VEC_PUSH(*out, k);
		return true;
	}
	for (size_t i = a; i < b; i++)
		if (tok(s, &t[i], MG_PY_NAME, "swappable_dependency"))
			return true;
	return false;
}

/* Reads a list or tuple of pairs from tokens [a, b) (the value of an assignment). */
static bool read_pairs(key_vec *out, const char *s, const mg_py_token *t, size_t a, size_t b,
		       size_t *bad_at)
{
	if (b <= a || !(tok(s, &t[a], MG_PY_OP, "[") || tok(s, &t[a], MG_PY_OP, "(")))
		return *bad_at = a < b ? a : 0, false;
	int depth = t[a].depth + 1;
	size_t from = a + 1;
	for (size_t i = a + 1; i < b; i++) {
		bool end = t[i].depth == depth && (tok(s, &t[i], MG_PY_OP, ",") ||
						  tok(s, &t[i], MG_PY_OP, "]") || tok(s, &t[i], MG_PY_OP, ")"));
		if (!end)
			continue;
		if (i > from && !read_pair(out, s, t, from, i)) {
			*bad_at = from;
			return false;
		}
		from = i + 1;
	}
	return true;
}

static void read_class_body(dj_migration *d, mg_migration *m, const mg_py_token *t, size_t n,
			    size_t cls)
{
	const char *s = m->src.text;
	int indent = -1;
	for (size_t i = cls + 1; i < n; i++) {
		if (!t[i].first || t[i].kind == MG_PY_END)
			continue;
		if (t[i].indent <= 0)
			break;
		if (indent < 0)
			indent = t[i].indent;
		if (t[i].indent != indent || t[i].kind != MG_PY_NAME || i + 1 >= n ||
		    !tok(s, &t[i + 1], MG_PY_OP, "="))
			continue;
		size_t a = i + 2, b = a;
		while (b < n && t[b].kind != MG_PY_NEWLINE && t[b].kind != MG_PY_END)
			b++;
		key_vec *into = tok(s, &t[i], MG_PY_NAME, "dependencies") ? &d->deps
			: tok(s, &t[i], MG_PY_NAME, "replaces") ? &d->replaces
			: tok(s, &t[i], MG_PY_NAME, "run_before") ? &d->run_before : NULL;
		if (tok(s, &t[i], MG_PY_NAME, "atomic"))
			d->atomic = !(a < b && tok(s, &t[a], MG_PY_NAME, "False"));
		size_t bad = 0;
		if (into && !read_pairs(into, s, t, a, b, &bad)) {
			char *what = mg_xstrndup(s + t[i].start, t[i].end - t[i].start);
			mg_graph_problem(m, &mg_rule_missing_revision_variable, t[bad].start,
					 t[bad].end - t[bad].start,
					 mg_xasprintf("%s holds a value that cannot be read without running "
						      "code; miglint does not guess it", what),
					 mg_xasprintf("write %s as a list of (\"app\", \"migration\") tuples", what));
			m->unreadable_vars = true;
			free(what);
		}
	}
}

/* Appends the string literals of an argument at tokens [a, b): "...", "..." "...", or a list
 * or tuple of them (or of (sql, params) tuples: the sql). */
static void add_sql(mg_embedded_sql *e, const char *s, const mg_py_token *t, size_t a, size_t b)
{
	for (size_t i = a; i < b; i++) {
		if (t[i].kind != MG_PY_STRING)
			continue;
		/* in a (sql, params) tuple only the first item is SQL */
		if (i > a && tok(s, &t[i - 1], MG_PY_OP, ",") && t[i].depth > t[a].depth + 1)
			continue;
		char *value;
		size_t *map;
		if (mg_py_string(&value, &map, s, &t[i]) == MG_PY_STR) {
			mg_embedded_append(e, value, strlen(value), map, 0);
			if (i + 1 >= b || t[i + 1].kind != MG_PY_STRING)
				mg_embedded_append(e, "\n;\n", 3, NULL, map[strlen(value)]);
		}
		free(value);
		free(map);
	}
}

/* migrations.RunSQL(sql, reverse_sql=None, ...): the SQL of both directions. */
static void read_run_sql(mg_migration *m, const mg_py_token *t, size_t n, bool atomic)
{
	const char *s = m->src.text;
	for (size_t i = 0; i + 1 < n; i++) {
		if (!tok(s, &t[i], MG_PY_NAME, "RunSQL") || !tok(s, &t[i + 1], MG_PY_OP, "("))
			continue;
		int depth = t[i + 1].depth + 1;
		size_t from = i + 2;
		int position = 0;
		for (size_t j = i + 2; j < n && t[j].depth >= depth; j++) {
			bool end = t[j].depth == depth &&
				   (tok(s, &t[j], MG_PY_OP, ",") || tok(s, &t[j], MG_PY_OP, ")"));
			if (!end)
				continue;
			size_t a = from;
			const char *which = position == 0 ? "RunSQL(sql)" : position == 1 ? "RunSQL(reverse_sql)" : NULL;
			if (j > a + 1 && t[a].kind == MG_PY_NAME && tok(s, &t[a + 1], MG_PY_OP, "=")) {
				which = tok(s, &t[a], MG_PY_NAME, "sql") ? "RunSQL(sql)"
					: tok(s, &t[a], MG_PY_NAME, "reverse_sql") ? "RunSQL(reverse_sql)" : NULL;
				a += 2;
			}
			bool literal = false; /* RunSQL.noop and variables are not SQL to lint */
			for (size_t q = a; q < j && !literal; q++)
				literal = t[q].kind == MG_PY_STRING;
			if (which && literal)
				add_sql(mg_embedded_for(m, which, !atomic), s, t, a, j);
			position++;
			from = j + 1;
			if (tok(s, &t[j], MG_PY_OP, ")"))
				break;
		}
	}
}

static void read_migration(dj_migration *d, mg_migration *m, const char *path,
			   const mg_overlays *overlays)
{
	char *dir = mg_path_parent(path);
	char *app_dir = mg_path_parent(dir);
	d->app = mg_xstrdup(mg_path_base(app_dir));
	const char *base = mg_path_base(path);
	d->name = mg_xstrndup(base, strlen(base) - 3);
	d->atomic = true;
	free(dir);
	free(app_dir);
	m->path = mg_xstrdup(path);
	mg_overlays_load(&m->src, overlays, path);
	m->has_id = m->has_parents = true;
	m->id.text = mg_xasprintf("%s.%s", d->app, d->name);
	mg_py_token *t;
	size_t n;
	mg_py_tokenize(&t, &n, m->src.text, m->src.len);
	size_t cls = class_start(m->src.text, t, n);
	if (cls < n)
		read_class_body(d, m, t, n, cls);
	read_run_sql(m, t, n, d->atomic);
	mg_embedded_mark_down(m, "RunSQL(reverse_sql)", "RunSQL(sql)");
	free(t);
}

/* ---- the graph ----------------------------------------------------------------------------- */

typedef struct dj_graph {
	mg_graph *g;
	dj_migration *d;
	size_t n;
	size_t **parents; /* resolved parents per node (indices), SIZE_MAX-free */
	size_t *parent_count;
	mg_app_facts *facts; /* what Django would refuse, for the chain rules */
} dj_graph;

static size_t find(const dj_graph *x, const char *app, const char *name)
{
	for (size_t i = 0; i < x->n; i++)
		if (strcmp(x->d[i].app, app) == 0 && strcmp(x->d[i].name, name) == 0)
			return i;
	return SIZE_MAX;
}

static bool app_here(const dj_graph *x, const char *app)
{
	for (size_t i = 0; i < x->n; i++)
		if (strcmp(x->d[i].app, app) == 0)
			return true;
	return false;
}

/* A node as it stands after squashing: a replaced migration is its squash. */
static size_t live(const dj_graph *x, size_t i)
{
	for (int guard = 0; i != SIZE_MAX && x->d[i].replaced && guard < 64; guard++)
		i = x->d[i].squash;
	return i;
}

static void add_parent(dj_graph *x, size_t child, size_t parent)
{
	if (child == parent)
		return;
	for (size_t k = 0; k < x->parent_count[child]; k++)
		if (x->parents[child][k] == parent)
			return;
	x->parents[child] = mg_xrealloc(x->parents[child], (x->parent_count[child] + 1) * sizeof(size_t));
	x->parents[child][x->parent_count[child]++] = parent;
}

/* The app's first (root) or last (leaf) migration among live nodes, by name as Django sorts. */
static size_t app_end(const dj_graph *x, const char *app, bool first)
{
	size_t best = SIZE_MAX;
	for (size_t i = 0; i < x->n; i++) {
		if (x->d[i].replaced || strcmp(x->d[i].app, app) != 0)
			continue;
		bool ok = true;
		if (first) {
			for (size_t k = 0; k < x->d[i].deps.len && ok; k++)
				ok = strcmp(x->d[i].deps.items[k].app, app) != 0;
		} else {
			for (size_t c = 0; c < x->n && ok; c++)
				for (size_t k = 0; !x->d[c].replaced && k < x->d[c].deps.len && ok; k++)
					ok = !(strcmp(x->d[c].deps.items[k].app, app) == 0 &&
					       live(x, find(x, app, x->d[c].deps.items[k].name)) == i);
		}
		if (ok && (best == SIZE_MAX || strcmp(x->d[i].name, x->d[best].name) < 0))
			best = i;
	}
	return best;
}

static void record_unknown(dj_graph *x, size_t i, const dj_key *k, const char *what)
{
	mg_app_unknown u = {i, what, mg_xstrdup(k->app), mg_xstrdup(k->name), k->offset, k->length};
	MG_VEC_PUSH(x->facts->unknown, u);
}

/* A dependency's node, or SIZE_MAX for an external one (or one reported unknown). */
static size_t resolve(dj_graph *x, size_t i, const dj_key *k, const char *what)
{
	if (!app_here(x, k->app))
		return SIZE_MAX; /* an app outside the repository (or __setting__) */
	bool first = strcmp(k->name, "__first__") == 0, latest = strcmp(k->name, "__latest__") == 0;
	if (first || latest)
		return strcmp(k->app, x->d[i].app) == 0 ? SIZE_MAX : app_end(x, k->app, first);
	size_t p = find(x, k->app, k->name);
	if (p == SIZE_MAX)
		record_unknown(x, i, k, what);
	return live(x, p);
}

/* Squashes: a squash replaces the listed migrations that exist here (Django, with no
 * database: none applied, so the squash stands for them all). */
static void apply_squashes(dj_graph *x)
{
	for (size_t s = 0; s < x->n; s++)
		for (size_t k = 0; k < x->d[s].replaces.len; k++) {
			size_t r = find(x, x->d[s].replaces.items[k].app, x->d[s].replaces.items[k].name);
			if (r != SIZE_MAX && r != s) {
				x->d[r].replaced = true;
				x->d[r].squash = s;
			}
		}
}

static void link(dj_graph *x)
{
	for (size_t i = 0; i < x->n; i++) {
		size_t at = live(x, i);
		for (size_t k = 0; k < x->d[i].deps.len; k++) {
			size_t p = resolve(x, i, &x->d[i].deps.items[k], "dependency");
			/* edges inside one squash vanish, as Django drops them to avoid self-reference;
			 * a live migration that depends on itself (or on what it replaces) is a cycle */
			if (p != SIZE_MAX && p == at && !x->d[i].replaced) {
				const dj_key *d = &x->d[i].deps.items[k];
				mg_app_self self = {i, d->offset, d->length};
				MG_VEC_PUSH(x->facts->self, self);
			} else if (p != SIZE_MAX && p != at) {
				add_parent(x, at, p);
			}
		}
		for (size_t k = 0; k < x->d[i].run_before.len; k++) {
			size_t c = resolve(x, i, &x->d[i].run_before.items[k], "run_before");
			if (c != SIZE_MAX && c != at)
				add_parent(x, c, at);
		}
	}
}

static void record_cycle(void *arg, const size_t *cycle, size_t len, size_t edge)
{
	dj_graph *x = arg;
	mg_chain_cycle c = {mg_xcalloc(len, sizeof(size_t)), len, false};
	memcpy(c.migrations, cycle, len * sizeof(size_t));
	MG_VEC_PUSH(x->facts->cycles, c);
	(void)edge;
}

static void find_cycles(dj_graph *x)
{
	bool *skip = mg_xcalloc(x->n ? x->n : 1, sizeof(bool));
	for (size_t i = 0; i < x->n; i++)
		skip[i] = x->d[i].replaced;
	mg_graph_find_cycles(x->n, x->parents, x->parent_count, skip, record_cycle, x);
	free(skip);
}

/* The leaves of each app (a live node no migration of its app depends on): more than one is
 * two branches that each added a migration. Heads, for the graph, are the leaves. */
static void find_leaves(dj_graph *x)
{
	mg_graph *g = x->g;
	bool *has_child = mg_xcalloc(x->n ? x->n : 1, sizeof(bool));
	for (size_t i = 0; i < x->n; i++)
		for (size_t k = 0; k < x->parent_count[i]; k++)
			if (strcmp(x->d[x->parents[i][k]].app, x->d[i].app) == 0)
				has_child[x->parents[i][k]] = true;
	MG_VEC(char *) heads = {0};
	for (size_t i = 0; i < x->n; i++) {
		x->facts->app[i] = mg_xstrdup(x->d[i].app);
		x->facts->name[i] = mg_xstrdup(x->d[i].name);
		x->facts->leaf[i] = !x->d[i].replaced && !has_child[i];
		if (x->facts->leaf[i])
			MG_VEC_PUSH(heads, mg_xstrdup(g->migrations[i].id.text));
	}
	g->heads = heads.items;
	g->head_count = heads.len;
	free(has_child);
}

/* The graph JSON: live nodes, parents as resolved; replaced migrations stay listed with their
 * own path and no parents (they are not in Django's graph). */
static void fill_graph(dj_graph *x)
{
	MG_VEC(char *) bases = {0};
	for (size_t i = 0; i < x->n; i++) {
		mg_migration *m = &x->g->migrations[i];
		if (x->d[i].replaced)
			continue;
		m->parents = mg_xcalloc(x->parent_count[i] ? x->parent_count[i] : 1, sizeof(mg_graph_ref));
		for (size_t k = 0; k < x->parent_count[i]; k++)
			m->parents[k].text = mg_xstrdup(x->g->migrations[x->parents[i][k]].id.text);
		m->parent_count = x->parent_count[i];
		if (!m->parent_count)
			MG_VEC_PUSH(bases, mg_xstrdup(m->id.text));
	}
	x->g->bases = bases.items;
	x->g->base_count = bases.len;
}

static void free_keys(key_vec *v)
{
	for (size_t i = 0; i < v->len; i++)
		free(v->items[i].app), free(v->items[i].name);
	free(v->items);
}

/* Reads the files (every app's migrations) into one graph, resolved as Django's loader does;
 * what Django would refuse (an unknown dependency, a cycle, several leaves in an app) is
 * recorded as facts for the chain rules (mg_chain_run_apps). */
static void build(mg_graph *out, mg_app_facts *facts, char **files, size_t n, const char *root,
		  const mg_overlays *overlays)
{
	mg_graph_init(out, root, mg_framework_django.name, n);
	out->count = n;
	memset(facts, 0, sizeof(*facts));
	facts->app = mg_xcalloc(n ? n : 1, sizeof(char *));
	facts->name = mg_xcalloc(n ? n : 1, sizeof(char *));
	facts->leaf = mg_xcalloc(n ? n : 1, sizeof(bool));
	dj_graph x = {out, mg_xcalloc(n ? n : 1, sizeof(dj_migration)), n,
		      mg_xcalloc(n ? n : 1, sizeof(size_t *)), mg_xcalloc(n ? n : 1, sizeof(size_t)),
		      facts};
	for (size_t i = 0; i < n; i++)
		read_migration(&x.d[i], &out->migrations[i], files[i], overlays);
	apply_squashes(&x);
	link(&x);
	find_cycles(&x);
	find_leaves(&x);
	fill_graph(&x);
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < out->migrations[i].sql_count; k++) {
			mg_embedded_sql *e = &out->migrations[i].sql[k];
			e->transaction_reason = e->autocommit || !x.d[i].atomic ? NULL
				: "Django runs each migration in a transaction (set atomic = False on "
				  "the Migration class)";
		}
	for (size_t i = 0; i < n; i++) {
		free(x.d[i].app), free(x.d[i].name);
		free_keys(&x.d[i].deps), free_keys(&x.d[i].replaces), free_keys(&x.d[i].run_before);
		free(x.parents[i]);
	}
	free(x.d);
	free(x.parents);
	free(x.parent_count);
}

/* ---- discovery ----------------------------------------------------------------------------- */

static bool is_python(const char *name)
{
	size_t l = strlen(name);
	return l > 3 && strcmp(name + l - 3, ".py") == 0 && strcmp(name, "__init__.py") != 0;
}

static bool wants(const char *name, bool named)
{
	size_t l = strlen(name);
	return named ? l > 3 && strcmp(name + l - 3, ".py") == 0 : is_python(name);
}

typedef MG_VEC(char *) path_vec;

static void add_if_migration(path_vec *files, char *p, const mg_overlays *overlays)
{
	if (is_migration(p, overlays))
		MG_VEC_PUSH(*files, p);
	else
		free(p);
}

/* The migration files of every app beside the app that holds dir (<root>/<app>/migrations),
 * sorted (malloc'd). */
static void project_files(char ***out, size_t *count, const char *migrations_dir,
			  const mg_overlays *overlays)
{
	char *app = mg_path_parent(migrations_dir);
	char *root = mg_path_parent(app);
	path_vec files = {0};
	DIR *d = opendir(root);
	struct dirent *e;
	while (d && (e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		char *mdir = mg_xasprintf("%s/%s/migrations", root, e->d_name);
		DIR *md = opendir(mdir);
		struct dirent *f;
		while (md && (f = readdir(md)) != NULL)
			if (is_python(f->d_name))
				add_if_migration(&files, mg_xasprintf("%s/%s", mdir, f->d_name), overlays);
		/* an editor's new migration, not saved yet */
		const char **unsaved = md ? mg_overlays_new_in(overlays, mdir) : NULL;
		for (size_t i = 0; unsaved && unsaved[i]; i++)
			if (unsaved[i][0] != '.' && is_python(unsaved[i]))
				add_if_migration(&files, mg_xasprintf("%s/%s", mdir, unsaved[i]), overlays);
		free(unsaved);
		if (md)
			closedir(md);
		free(mdir);
	}
	if (d)
		closedir(d);
	if (files.len)
		qsort(files.items, files.len, sizeof(char *), mg_path_compare);
	*out = files.items;
	*count = files.len;
	free(app);
	free(root);
}

/* The folder that holds a migration's app: <root>/<app>/migrations/x.py. */
static char *django_root(const char *file)
{
	char *dir = mg_path_parent(file), *app = mg_path_parent(dir), *root = mg_path_parent(app);
	free(dir);
	free(app);
	return root;
}

static mg_project *project_at(mg_projects *v, const char *root)
{
	for (size_t i = 0; i < v->len; i++)
		if (v->items[i].tool == &mg_framework_django && strcmp(v->items[i].root, root) == 0)
			return &v->items[i];
	size_t at = mg_project_add(v, &mg_framework_django, root);
	return &v->items[at];
}

static void push_file(mg_project *p, char *file)
{
	p->files = mg_xrealloc(p->files, (p->file_count + 1) * sizeof(char *));
	p->files[p->file_count++] = file;
}

/* Django migrations, walked (every one reported) or named (the whole project is read, the
 * named files reported); they leave the Python files other tools look at. */
static void discover(mg_projects *v, mg_found *f, bool forced)
{
	(void)forced; /* a migrations folder and `class Migration` say it either way */
	for (size_t i = 0; i < f->count; i++) {
		if (f->taken[i] || f->named[i] || !is_migration(f->files[i], f->overlays))
			continue;
		char *root = django_root(f->files[i]);
		push_file(project_at(v, root), mg_xstrdup(f->files[i]));
		f->taken[i] = true;
		free(root);
	}
	for (size_t i = 0; i < f->count; i++) {
		if (f->taken[i] || !f->named[i] || !is_migration(f->files[i], f->overlays))
			continue;
		char *root = django_root(f->files[i]);
		mg_project *p = project_at(v, root);
		if (!p->report_only) {
			/* read every app of the project, once */
			char *dir = mg_path_parent(f->files[i]);
			char **files;
			size_t count;
			project_files(&files, &count, dir, f->overlays);
			for (size_t k = 0; k < count; k++)
				push_file(p, files[k]);
			free(files);
			free(dir);
			p->report_only = mg_xcalloc(1, sizeof(char *));
		}
		mg_project_report(p, f->files[i]);
		f->taken[i] = true;
		free(root);
	}
	for (size_t i = 0; i < v->len; i++) {
		mg_project *p = &v->items[i];
		if (p->tool != &mg_framework_django)
			continue;
		if (p->file_count)
			qsort(p->files, p->file_count, sizeof(char *), mg_path_compare);
		size_t u = 0; /* a walked file that a named one's project also read */
		for (size_t k = 0; k < p->file_count; k++)
			if (!u || strcmp(p->files[u - 1], p->files[k]) != 0)
				p->files[u++] = p->files[k];
			else
				free(p->files[k]);
		p->file_count = u;
	}
}

/* ---- reading a project ----------------------------------------------------------------------- */

static void read_project(mg_project_history *h, const mg_project *p, const mg_project_read *o)
{
	size_t n = p->file_count;
	char **shown = mg_xcalloc(n ? n : 1, sizeof(char *));
	for (size_t i = 0; i < n; i++)
		shown[i] = mg_xstrdup(p->files[i]);
	mg_project_show_paths(shown, n);
	char *root = mg_project_shown(p->root);
	mg_app_facts facts;
	build(&h->g, &facts, shown, n, root, o->overlays);
	mg_chain_run_apps(&h->g, &facts, o->eng);
	mg_graph_app_facts_dispose(&facts, n);
	h->reported = mg_xcalloc(n ? n : 1, sizeof(bool));
	for (size_t i = 0; i < n; i++)
		h->reported[i] = mg_project_reports(p, p->files[i]);
	free(root);
	for (size_t i = 0; i < n; i++)
		free(shown[i]);
	free(shown);
}

/* Django projects are found by their apps' migrations folders, read as graphs; their RunSQL
 * SQL is linted by the run with every other unit. */
const mg_framework mg_framework_django = {
	.name = "django",
	.wants = wants,
	.discover = discover,
	.discover_order = 0,
	.read_project = read_project,
};
