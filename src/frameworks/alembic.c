/* Alembic: projects found by their alembic.ini (or folders of revision files), version
 * directories from alembic.ini, and revisions read from the Python files without importing
 * them (python.c), their op.execute SQL linted in the worker that read them. */
#include "miglint/call_check.h"
#include "miglint/chain.h"
#include "miglint/framework.h"

#include "miglint/common.h"
#include "miglint/paths.h"
#include "miglint/pool.h"
#include "miglint/python.h"
#include "miglint/python_calls.h"
#include "miglint/rule.h"

#include <dirent.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

extern const mg_rule mg_rule_missing_revision_variable;
extern const mg_framework mg_framework_alembic;

/* The version directories of one Alembic project (one revision graph): mg_project.own. */
typedef struct alembic_project {
	char *ini;        /* the alembic.ini, or NULL for a folder found without one */
	char **dirs;      /* absolute version directories */
	/* per directory: read with its subfolders (the ini's recursive_version_locations; a
	 * script directory's versions/); a folder tied to a project keeps its own reading */
	bool *deep;
	size_t dir_count;
} alembic_project;

/* Alembic runs a migration in a transaction on PostgreSQL (transactional DDL), but for what
 * it runs inside op.get_context().autocommit_block(). */
#define ALEMBIC_TRANSACTION                                                                     \
	"Alembic runs each migration in a transaction (run it inside "                          \
	"`with op.get_context().autocommit_block():`)"

/* ---- alembic.ini ------------------------------------------------------------------------- */

static char *trim(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
		s[--n] = '\0';
	return s;
}

/* %(here)s is the directory of the ini file (ConfigParser interpolation as Alembic sets it). */
static char *interpolate(const char *value, const char *here)
{
	mg_buf b;
	mg_buf_init(&b);
	for (const char *p = value; *p;) {
		if (strncmp(p, "%(here)s", 8) == 0) {
			mg_buf_puts(&b, here);
			p += 8;
		} else if (strncmp(p, "%%", 2) == 0) {
			mg_buf_putc(&b, '%');
			p += 2;
		} else {
			mg_buf_putc(&b, *p++);
		}
	}
	return mg_buf_take(&b);
}

static char *absolute(const char *here, const char *path)
{
	char *joined = path[0] == '/' ? mg_xstrdup(path) : mg_xasprintf("%s/%s", here, path);
	char *r = mg_path_real(joined);
	free(joined);
	return r;
}

/* Reads an alembic.ini: script_location (default: the ini's own folder, as Flask-Migrate has
 * it) and version_locations (split on spaces, commas or the path separator, as
 * version_path_separator says; %(here)s is the ini's folder); default <script_location>/versions. */
static void read_ini(alembic_project *out, const char *ini_path)
{
	memset(out, 0, sizeof(*out));
	out->ini = mg_path_real(ini_path);
	char *here = mg_path_dir(ini_path);
	FILE *f = fopen(ini_path, "r");
	char line[4096];
	bool in_alembic = false;
	char *script = NULL, *locations = NULL, *separator = NULL;
	bool recursive = false;
	while (f && fgets(line, sizeof(line), f)) {
		char *l = trim(line);
		if (*l == '[') {
			in_alembic = strncmp(l, "[alembic]", 9) == 0;
			continue;
		}
		if (!in_alembic || *l == '#' || *l == ';')
			continue;
		char *eq = strchr(l, '=');
		if (!eq)
			continue;
		*eq = '\0';
		char *key = trim(l), *value = trim(eq + 1);
		if (strcmp(key, "script_location") == 0) {
			free(script);
			script = interpolate(value, here);
		} else if (strcmp(key, "version_locations") == 0) {
			free(locations);
			locations = interpolate(value, here);
		} else if (strcmp(key, "version_path_separator") == 0) {
			free(separator);
			separator = mg_xstrdup(value);
		} else if (strcmp(key, "recursive_version_locations") == 0) {
			recursive = strcmp(value, "true") == 0 || strcmp(value, "True") == 0 ||
					 strcmp(value, "1") == 0;
		}
	}
	if (f)
		fclose(f);
	/* a package location ("myapp:migrations") is a folder inside the package */
	if (script && strchr(script, ':') && script[0] != '/')
		*strchr(script, ':') = '/';
	char *script_dir = absolute(here, script ? script : ".");
	MG_VEC(char *) dirs = {0};
	if (locations) {
		/* Alembic 1.8: version_path_separator (os, :, ;, space, newline); without it, the
		 * legacy behaviour splits on spaces and commas */
		const char *seps = " ,\t\n";
		if (separator && strcmp(separator, "os") == 0)
			seps = ":";
		else if (separator && strcmp(separator, ":") == 0)
			seps = ":";
		else if (separator && strcmp(separator, ";") == 0)
			seps = ";";
		else if (separator && strcmp(separator, "newline") == 0)
			seps = "\n";
		else if (separator && strcmp(separator, "space") == 0)
			seps = " ";
		char *save = NULL;
		for (char *tok = strtok_r(locations, seps, &save); tok; tok = strtok_r(NULL, seps, &save))
			if (*trim(tok))
				MG_VEC_PUSH(dirs, absolute(here, trim(tok)));
	}
	if (!dirs.len)
		MG_VEC_PUSH(dirs, mg_xasprintf("%s/versions", script_dir));
	out->dirs = dirs.items;
	out->dir_count = dirs.len;
	out->deep = mg_xcalloc(dirs.len, sizeof(bool));
	for (size_t i = 0; i < dirs.len; i++)
		out->deep[i] = recursive;
	free(script);
	free(script_dir);
	free(locations);
	free(separator);
	free(here);
}

static void project_dispose(alembic_project *p)
{
	if (!p)
		return;
	free(p->ini);
	for (size_t i = 0; i < p->dir_count; i++)
		free(p->dirs[i]);
	free(p->dirs);
	free(p->deep);
	memset(p, 0, sizeof(*p));
}

static void project_free(void *own)
{
	project_dispose(own);
	free(own);
}

/* ---- files ------------------------------------------------------------------------------- */

/* True when a Python file assigns revision and down_revision at module level (a quick look). */
static bool is_migration(const char *path, const mg_overlays *overlays)
{
	mg_source src;
	mg_overlays_load(&src, overlays, path);
	bool yes = false;
	if (!src.read_error && memmem(src.text, src.len, "down_revision", 13)) {
		mg_py_token *t;
		size_t n;
		mg_py_tokenize(&t, &n, src.text, src.len);
		mg_py_value v;
		mg_py_assignment(&v, src.text, t, n, "down_revision");
		yes = v.present;
		mg_py_value_dispose(&v);
		free(t);
	}
	mg_source_dispose(&src);
	return yes;
}

typedef MG_VEC(char *) path_vec;

static bool is_python(const char *name)
{
	size_t n = strlen(name);
	return n > 3 && strcmp(name + n - 3, ".py") == 0 && strcmp(name, "__init__.py") != 0;
}

static void collect(path_vec *out, const char *dir, bool recursive, const mg_overlays *overlays)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	/* an editor's new revision, not saved yet */
	const char **unsaved = mg_overlays_new_in(overlays, dir);
	for (size_t i = 0; unsaved && unsaved[i]; i++)
		if (unsaved[i][0] != '.' && is_python(unsaved[i]))
			MG_VEC_PUSH(*out, mg_xasprintf("%s/%s", dir, unsaved[i]));
	free(unsaved);
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.' || strcmp(e->d_name, "__pycache__") == 0)
			continue;
		char *p = mg_xasprintf("%s/%s", dir, e->d_name);
		struct stat st;
		if (recursive && stat(p, &st) == 0 && S_ISDIR(st.st_mode)) {
			collect(out, p, true, overlays);
			free(p);
		} else if (is_python(e->d_name)) {
			MG_VEC_PUSH(*out, p);
		} else {
			free(p);
		}
	}
	closedir(d);
}

/* Lists the .py files of a project's version directories, sorted (malloc'd array). */
static void list_files(char ***out, size_t *count_out, const alembic_project *p,
		       const mg_overlays *overlays)
{
	path_vec files = {0};
	for (size_t i = 0; i < p->dir_count; i++)
		collect(&files, p->dirs[i], p->deep[i], overlays);
	if (files.len)
		qsort(files.items, files.len, sizeof(char *), mg_path_compare);
	*out = files.items;
	*count_out = files.len;
}

/* ---- reading one revision file ------------------------------------------------------------ */

static void refs_of(mg_graph_ref **out, size_t *count, const mg_py_value *v)
{
	*out = mg_xcalloc(v->count ? v->count : 1, sizeof(mg_graph_ref));
	*count = v->count;
	for (size_t i = 0; i < v->count; i++) {
		(*out)[i].text = mg_xstrdup(v->items[i]);
		(*out)[i].offset = v->item_offsets[i];
		/* the literal as written: quotes included */
		(*out)[i].length = strlen(v->items[i]) + 2;
	}
}

static void not_static(mg_migration *m, const char *name, const mg_py_value *v)
{
	if (strcmp(name, "branch_labels") == 0) {
		/* the graph stands without labels; only heads cannot be compared (MG123) */
		m->unreadable_labels = true;
		m->labels_offset = v->offset;
		m->labels_length = v->length;
		return;
	}
	if (strcmp(name, "revision") == 0 || strcmp(name, "down_revision") == 0)
		m->unreadable_vars = true;
	mg_graph_problem(m, &mg_rule_missing_revision_variable, v->offset, v->length,
			 mg_xasprintf("%s cannot be read without running code (a name, a call or an f-string); "
				      "miglint does not guess it", name),
			 mg_xasprintf("assign %s a string literal (or None, or a tuple of strings)", name));
}

/* "Revision ID: x" and "Revises: y" lines of the module docstring. */
static void docstring(mg_migration *m, const mg_py_token *t, size_t n)
{
	size_t d;
	if (!mg_py_docstring(&d, t, n))
		return;
	char *text;
	size_t *map;
	mg_py_string(&text, &map, m->src.text, &t[d]);
	const char *keys[2] = {"Revision ID:", "Revises:"};
	for (int k = 0; k < 2; k++) {
		char *at = strstr(text, keys[k]);
		if (!at || (at != text && at[-1] != '\n'))
			continue;
		char *v = at + strlen(keys[k]);
		while (*v == ' ' || *v == '\t')
			v++;
		size_t len = strcspn(v, "\r\n");
		while (len && (v[len - 1] == ' ' || v[len - 1] == '\t'))
			len--;
		mg_graph_ref r = {mg_xstrndup(v, len), map[v - text], len};
		if (k == 0) {
			m->has_doc_id = true;
			m->doc_id = r;
		} else {
			m->has_doc_revises = true;
			m->doc_revises = r;
		}
	}
	free(text);
	free(map);
}

/* ---- SQL in op.execute(...) ------------------------------------------------------------ */

static bool tok_is(const char *s, const mg_py_token *t, mg_py_kind kind, const char *text)
{
	size_t n = strlen(text);
	return t->kind == kind && t->end - t->start == n && memcmp(s + t->start, text, n) == 0;
}

mg_embedded_sql *mg_embedded_for(mg_migration *m, const char *function, bool autocommit)
{
	for (size_t i = 0; i < m->sql_count; i++)
		if (strcmp(m->sql[i].function, function) == 0 && m->sql[i].autocommit == autocommit)
			return &m->sql[i];
	m->sql = mg_xrealloc(m->sql, (m->sql_count + 1) * sizeof(*m->sql));
	mg_embedded_sql *e = &m->sql[m->sql_count++];
	memset(e, 0, sizeof(*e));
	e->function = mg_xstrdup(function);
	e->autocommit = autocommit;
	e->text = mg_xstrdup("");
	return e;
}

/* True when function is name, or name_<suffix>. */
static bool function_is(const char *function, const char *name)
{
	size_t n = strlen(name);
	return strncmp(function, name, n) == 0 && (function[n] == '\0' || function[n] == '_');
}

void mg_embedded_mark_down(mg_migration *m, const char *down_function, const char *up_function)
{
	size_t up = SIZE_MAX;
	for (size_t i = 0; i < m->sql_count; i++)
		if (function_is(m->sql[i].function, up_function) &&
		    (up == SIZE_MAX || m->sql[i].len > m->sql[up].len))
			up = i;
	for (size_t i = 0; i < m->sql_count; i++) {
		m->sql[i].down = function_is(m->sql[i].function, down_function);
		m->sql[i].up = m->sql[i].down ? up : SIZE_MAX;
	}
}

void mg_embedded_append(mg_embedded_sql *e, const char *text, size_t len, const size_t *map, size_t at)
{
	/* text and map grow together, geometrically: a revision appends many small literals */
	if (e->map_cap < e->len + len + 1) {
		e->map_cap = (e->len + len + 1) * 2;
		e->map = mg_xrealloc(e->map, e->map_cap * sizeof(size_t));
		e->text = mg_xrealloc(e->text, e->map_cap);
	}
	for (size_t i = 0; i < len; i++) {
		e->text[e->len + i] = text[i];
		e->map[e->len + i] = map ? map[i] : at;
	}
	e->len += len;
	e->text[e->len] = '\0';
	e->map[e->len] = map ? map[len] : at;
}

/* The argument of execute(...): string literals, perhaps inside text(...) / sa.text(...). */
static size_t sql_argument(const char *s, const mg_py_token *t, size_t n, size_t j)
{
	if (j + 3 < n && t[j].kind == MG_PY_NAME && tok_is(s, &t[j + 1], MG_PY_OP, ".") &&
	    tok_is(s, &t[j + 2], MG_PY_NAME, "text") && tok_is(s, &t[j + 3], MG_PY_OP, "("))
		return j + 4; /* sa.text("...") */
	if (j + 1 < n && tok_is(s, &t[j], MG_PY_NAME, "text") && tok_is(s, &t[j + 1], MG_PY_OP, "("))
		return j + 2; /* text("...") */
	return j;
}

/* Keeps the SQL of an execute("...") call, per function: op.execute("..."),
 * op.execute(sa.text("...")), bind.execute(text("...")), with each byte's place in the file. */
static void keep_sql(mg_migration *m, const mg_py_token *t, size_t n, const mg_py_call *call)
{
	const char *s = m->src.text;
	size_t j = sql_argument(s, t, n, call->open + 1);
	size_t first = j;
	while (j < n && t[j].kind == MG_PY_STRING)
		j++;
	if (j == first || j >= n || !(tok_is(s, &t[j], MG_PY_OP, ")") || tok_is(s, &t[j], MG_PY_OP, ",")))
		return; /* not a literal: a variable, a call, an f-string built at run time */
	mg_embedded_sql *e = mg_embedded_for(m, call->function, call->autocommit);
	for (size_t k = first; k < j; k++) {
		char *value;
		size_t *map;
		if (mg_py_string(&value, &map, s, &t[k]) == MG_PY_STR)
			mg_embedded_append(e, value, strlen(value), map, 0);
		free(value);
		free(map);
	}
	/* statements of separate execute() calls must not run together; the separator maps
	 * to the end of the literal's content, so spans stop before its closing quote */
	mg_embedded_append(e, "\n;\n", 3, NULL, e->len ? e->map[e->len] : t[j - 1].end);
}

static void keep_finding(void *arg, mg_finding *f)
{
	mg_migration *m = arg;
	f->migration = m->has_id ? mg_xstrdup(m->id.text) : NULL;
	m->findings = mg_xrealloc(m->findings, (m->finding_count + 1) * sizeof(mg_finding *));
	m->findings[m->finding_count++] = f;
}

/* Alembic runs a migration in a transaction on PostgreSQL (transactional DDL), but for what it
 * runs inside op.get_context().autocommit_block(); known once the revision is read, so its SQL
 * can be linted at once, in the worker that read it. */
static void settle_sql(mg_migration *m)
{
	for (size_t k = 0; k < m->sql_count; k++) {
		mg_embedded_sql *e = &m->sql[k];
		e->transaction_reason = e->autocommit ? NULL : ALEMBIC_TRANSACTION;
		/* give back what geometric growth left over: the map takes eight bytes a byte of
		 * SQL, and 2,000 revisions kept at once make megabytes of pages */
		if (!e->map || e->map_cap == e->len + 1)
			continue;
		e->map_cap = e->len + 1;
		e->map = mg_xrealloc(e->map, e->map_cap * sizeof(size_t));
		e->text = mg_xrealloc(e->text, e->map_cap);
	}
}

/* The migration's method calls: execute() SQL is kept for the engine, and the call rules
 * read every operation. */
static void read_calls(mg_migration *m, const mg_py_token *t, size_t n, const mg_engine *eng)
{
	mg_py_call *calls;
	size_t count;
	mg_py_calls(&calls, &count, m->src.text, t, n);
	for (size_t i = 0; i < count; i++)
		if (tok_is(m->src.text, &t[calls[i].method], MG_PY_NAME, "execute"))
			keep_sql(m, t, n, &calls[i]);
	mg_calls_check(eng, &m->src, t, calls, count, "Alembic", ALEMBIC_TRANSACTION, keep_finding, m);
	mg_py_calls_free(calls, count);
	settle_sql(m);
}

/* Reads one revision file into m (of a graph made with mg_graph_init): ids, parents, the SQL
 * of its op.execute calls (not linted) with the transaction each runs in, and the findings of
 * the call rules. Touches only m: files may be read at once. bytes (len of them), when not
 * NULL, are the file's text instead of what is on disk (an editor's unsaved buffer). */
static void read_revision(mg_migration *m, const char *path, const char *bytes, size_t len,
			  const mg_engine *eng)
{
	m->path = mg_xstrdup(path);
	if (bytes)
		mg_source_from_bytes(&m->src, path, bytes, len);
	else
		mg_source_load(&m->src, path, NULL);
	mg_py_token *t;
	size_t n;
	mg_py_tokenize(&t, &n, m->src.text, m->src.len);
	mg_py_value v;

	mg_py_assignment(&v, m->src.text, t, n, "revision");
	if (v.present && (!v.is_static || v.is_none || v.is_sequence || v.count != 1))
		not_static(m, "revision", &v);
	else if (v.present) {
		m->has_id = true;
		m->id = (mg_graph_ref){mg_xstrdup(v.items[0]), v.item_offsets[0], v.length};
	}
	mg_py_value_dispose(&v);

	mg_py_assignment(&v, m->src.text, t, n, "down_revision");
	if (v.present && !v.is_static)
		not_static(m, "down_revision", &v);
	else if (v.present) {
		m->has_parents = true;
		refs_of(&m->parents, &m->parent_count, &v);
	}
	mg_py_value_dispose(&v);

	const char *lists[2] = {"depends_on", "branch_labels"};
	for (int k = 0; k < 2; k++) {
		mg_py_assignment(&v, m->src.text, t, n, lists[k]);
		if (v.present && !v.is_static)
			not_static(m, lists[k], &v);
		else if (v.present && k == 0)
			refs_of(&m->depends_on, &m->depends_count, &v);
		else if (v.present)
			refs_of(&m->labels, &m->label_count, &v);
		mg_py_value_dispose(&v);
	}
	docstring(m, t, n);
	read_calls(m, t, n, eng);
	mg_embedded_mark_down(m, "downgrade", "upgrade");
	free(t);
}


/* ---- discovery ----------------------------------------------------------------------------- */

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n > m && strcmp(s + n - m, suffix) == 0;
}

/* Revision files, and the alembic.ini that says where they are. */
static bool wants(const char *name, bool named)
{
	if (named)
		return ends_with(name, ".py") || ends_with(name, "alembic.ini");
	return is_python(name) || strcmp(name, "alembic.ini") == 0;
}

static bool project_has_dir(const alembic_project *p, const char *dir)
{
	for (size_t i = 0; i < p->dir_count; i++)
		if (strcmp(p->dirs[i], dir) == 0 || (p->deep[i] && mg_path_under(p->dirs[i], dir)))
			return true;
	return false;
}

/* True when dir is the parent of a known project's version folder (its script location). */
static bool holds_versions(const mg_projects *v, const char *dir)
{
	for (size_t i = 0; i < v->len; i++) {
		const alembic_project *p = v->items[i].own;
		for (size_t k = 0; v->items[i].tool == &mg_framework_alembic && k < p->dir_count; k++) {
			const char *below = mg_path_under(dir, p->dirs[k]);
			if (below && !strchr(below, '/'))
				return true;
		}
	}
	return false;
}

static size_t find_project(const mg_projects *v, const char *dir)
{
	for (size_t i = 0; i < v->len; i++)
		if (v->items[i].tool == &mg_framework_alembic && project_has_dir(v->items[i].own, dir))
			return i;
	return SIZE_MAX;
}

static size_t add_project(mg_projects *v, alembic_project p)
{
	for (size_t i = 0; i < v->len; i++) {
		const alembic_project *o = v->items[i].own;
		if (v->items[i].tool != &mg_framework_alembic)
			continue;
		if ((o->ini && p.ini && strcmp(o->ini, p.ini) == 0) ||
		    (!o->ini && !p.ini && o->dir_count == 1 && strcmp(o->dirs[0], p.dirs[0]) == 0)) {
			project_dispose(&p);
			return i;
		}
	}
	size_t at = mg_project_add(v, &mg_framework_alembic, p.dirs[0]);
	alembic_project *own = mg_xcalloc(1, sizeof(*own));
	*own = p;
	v->items[at].own = own;
	return at;
}

static alembic_project folder_project(const char *dir)
{
	alembic_project p = {0};
	p.dirs = mg_xcalloc(1, sizeof(char *));
	p.dirs[0] = mg_xstrdup(dir);
	p.deep = mg_xcalloc(1, sizeof(bool));
	p.dir_count = 1;
	return p;
}

/* The alembic.ini of the project a named file belongs to, looked for from its folder up. */
static bool project_above(alembic_project *out, const char *dir)
{
	char *d = mg_xstrdup(dir);
	for (int depth = 0; depth < 8; depth++) {
		/* the ini sits beside the script location, or one level above (Flask-Migrate) */
		char *ini = mg_xasprintf("%s/alembic.ini", d);
		struct stat st;
		if (stat(ini, &st) == 0) {
			read_ini(out, ini);
			free(ini);
			if (project_has_dir(out, dir)) {
				free(d);
				return true;
			}
			project_dispose(out);
		} else {
			free(ini);
		}
		char *slash = strrchr(d, '/');
		if (!slash || slash == d)
			break;
		*slash = '\0';
	}
	free(d);
	return false;
}

/* The version folder of the script directory that dir is in: an ancestor named versions/
 * beside an env.py, as `alembic init` makes it (malloc'd); NULL otherwise. */
static char *script_versions_of(const char *dir)
{
	char *d = mg_xstrdup(dir);
	for (int depth = 0; depth < 8; depth++) {
		if (strcmp(mg_path_base(d), "versions") == 0) {
			char *env = mg_xasprintf("%s/../env.py", d);
			struct stat st;
			bool script_dir = stat(env, &st) == 0;
			free(env);
			if (script_dir)
				return d;
		}
		char *slash = strrchr(d, '/');
		if (!slash || slash == d)
			break;
		*slash = '\0';
	}
	free(d);
	return NULL;
}

/* A walked folder of revision files that no alembic.ini names: in a script directory, the
 * whole versions/ tree is one project, read recursively as Alembic's
 * recursive_version_locations does (large projects set their version locations in env.py or
 * code: versions/<release>/<branch>/); elsewhere the folder is a project of its own until
 * tie_folders finds that its revisions name another folder's. A subfolder of a versions/
 * that an alembic.ini reads alone is such a folder too: code may add it to the version
 * locations, and its revisions are linted either way, not dropped. */
static size_t add_folder_project(mg_projects *v, const char *dir)
{
	char *versions = script_versions_of(dir);
	if (!versions)
		return add_project(v, folder_project(dir));
	bool known = false;
	for (size_t i = 0; i < v->len && !known; i++) {
		const alembic_project *o = v->items[i].own;
		for (size_t k = 0; v->items[i].tool == &mg_framework_alembic && k < o->dir_count; k++)
			known = known || strcmp(o->dirs[k], versions) == 0;
	}
	alembic_project p = folder_project(known ? dir : versions);
	p.deep[0] = !known;
	free(versions);
	return add_project(v, p);
}

/* The nearest folder named versions/ that holds dir (dir itself, or up to three levels up:
 * versions/<release>/<branch>/), malloc'd; NULL when there is none. */
static char *versions_above(const char *dir)
{
	char *d = mg_xstrdup(dir);
	for (int depth = 0; depth < 4; depth++) {
		if (strcmp(mg_path_base(d), "versions") == 0)
			return d;
		char *slash = strrchr(d, '/');
		if (!slash || slash == d)
			break;
		*slash = '\0';
	}
	free(d);
	return NULL;
}

/* Every folder below dir (itself included) that holds revision files and is no project yet
 * becomes one that reports nothing: the folders a file named on the command line may be tied
 * to (pre-commit names only the changed file, but its history spans its sibling folders). */
static void add_quiet_folders(mg_projects *v, const char *dir, const mg_overlays *overlays,
			      int depth)
{
	DIR *d = depth < 4 ? opendir(dir) : NULL;
	if (!d)
		return;
	path_vec below = {0};
	bool revisions = false;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.' || strcmp(e->d_name, "__pycache__") == 0)
			continue;
		char *p = mg_xasprintf("%s/%s", dir, e->d_name);
		struct stat st;
		if (stat(p, &st) == 0 && S_ISDIR(st.st_mode)) {
			MG_VEC_PUSH(below, p);
			continue;
		}
		if (!revisions && is_python(e->d_name) && strcmp(e->d_name, "env.py") != 0)
			revisions = is_migration(p, overlays);
		free(p);
	}
	closedir(d);
	if (revisions && find_project(v, dir) == SIZE_MAX) {
		size_t at = add_project(v, folder_project(dir));
		if (!v->items[at].report_only)
			v->items[at].report_only = mg_xcalloc(1, sizeof(char *));
	}
	for (size_t i = 0; i < below.len; i++) {
		add_quiet_folders(v, below.items[i], overlays, depth + 1);
		free(below.items[i]);
	}
	free(below.items);
}

/* ---- folders tied by their revisions ------------------------------------------------------- */

/* A name that a revision file defines (its id, a branch label) or refers to (a down_revision,
 * a depends_on entry), and the project it is in. */
typedef struct name_use {
	char *name;
	const char *path; /* the file's path: lent by the project's file list */
	size_t project;   /* index in the projects */
	bool defines;
} name_use;

typedef MG_VEC(name_use) name_uses;

static int by_name(const void *a, const void *b)
{
	const name_use *x = a, *y = b;
	int c = strcmp(x->name, y->name);
	if (c)
		return c;
	return (x->project > y->project) - (x->project < y->project);
}

/* The names a revision file defines and refers to, as read_revision reads them. */
static void push_names(name_uses *uses, size_t project, const char *path, const mg_overlays *overlays)
{
	mg_source src;
	mg_overlays_load(&src, overlays, path);
	if (!src.read_error && memmem(src.text, src.len, "revision", 8)) {
		mg_py_token *t;
		size_t n;
		mg_py_tokenize(&t, &n, src.text, src.len);
		const char *vars[4] = {"revision", "branch_labels", "down_revision", "depends_on"};
		for (int k = 0; k < 4; k++) {
			mg_py_value v;
			mg_py_assignment(&v, src.text, t, n, vars[k]);
			bool ok = v.present && v.is_static && (k != 0 || v.count == 1);
			for (size_t j = 0; ok && j < v.count; j++) {
				name_use u = {mg_xstrdup(v.items[j]), path, project, k < 2};
				MG_VEC_PUSH(*uses, u);
			}
			mg_py_value_dispose(&v);
		}
		free(t);
	}
	mg_source_dispose(&src);
}

/* How many leading folders the paths a and b share. */
static size_t shared_folders(const char *a, const char *b)
{
	size_t n = 0;
	for (size_t i = 0; a[i] && a[i] == b[i]; i++)
		n += a[i] == '/';
	return n;
}

/* The deepest folder that holds every one of dirs (malloc'd). */
static char *common_folder(char *const *dirs, size_t n)
{
	const char *first = dirs[0];
	size_t len = strlen(first);
	for (size_t i = 1; i < n; i++) {
		size_t k = 0;
		while (k < len && dirs[i][k] == first[k])
			k++;
		bool whole = (k == len || first[k] == '/') && (dirs[i][k] == '\0' || dirs[i][k] == '/');
		while (!whole && k > 0 && first[k] != '/')
			k--;
		len = k;
	}
	return mg_xstrndup(first, len ? len : 1);
}

static size_t group_of(size_t *up, size_t i)
{
	while (up[i] != i)
		i = up[i] = up[up[i]];
	return i;
}

/* A project an alembic.ini or a script directory (env.py) defines: its folders are what its
 * configuration says, and two such projects are never one. */
static bool anchored(const mg_project *p)
{
	const alembic_project *a = p->own;
	return a->ini || a->deep[0];
}

/* Moves project from's folders, and what it reports, into project to (which discovery keeps).
 * mixed: the group has walked folders and files named on the command line; walked_from: from
 * was walked (it reported every one of its files, which are files[0..count)). */
static void absorb(mg_project *to, mg_project *from, bool mixed, bool walked_from, char **files,
		   size_t count)
{
	alembic_project *t = to->own, *f = from->own;
	t->dirs = mg_xrealloc(t->dirs, (t->dir_count + f->dir_count) * sizeof(char *));
	t->deep = mg_xrealloc(t->deep, (t->dir_count + f->dir_count) * sizeof(bool));
	for (size_t i = 0; i < f->dir_count; i++) {
		t->dirs[t->dir_count] = f->dirs[i];
		t->deep[t->dir_count++] = f->deep[i];
	}
	f->dir_count = 0;
	/* a folder walked beside a file named on the command line: its files are reported too,
	 * the named folder's other files are not */
	if (mixed && walked_from)
		for (size_t i = 0; i < count; i++)
			mg_project_report(to, files[i]);
	for (char **r = from->report_only; r && *r; r++)
		mg_project_report(to, *r);
}

/* Folders of revision files that no alembic.ini or script directory ties together, whose
 * revisions name each other's ids or branch labels (down_revision, depends_on), are one
 * project: what Alembic builds when code lists all of them as version_locations
 * (versions/<release>/<expand|contract>/). A folder can also be tied to a project an
 * alembic.ini or env.py defines. Folders with no such reference stay apart: separate
 * projects share no ids. A name defined in several folders ties the referring folder to the
 * nearest of them (the most leading folders in common): a copy of a project elsewhere in
 * the tree does not join it. Groups are unions over folders (union-find), never joining two
 * projects that a configuration defines. */
static void tie_folders(mg_projects *v, const mg_overlays *overlays)
{
	size_t loose = 0, count = 0;
	for (size_t i = 0; i < v->len; i++)
		if (v->items[i].tool == &mg_framework_alembic) {
			count++;
			loose += !anchored(&v->items[i]);
		}
	if (!loose || count < 2)
		return;
	char ***files = mg_xcalloc(v->len, sizeof(char **));
	size_t *file_count = mg_xcalloc(v->len, sizeof(size_t));
	size_t *up = mg_xcalloc(v->len, sizeof(size_t));
	bool *fixed = mg_xcalloc(v->len, sizeof(bool)); /* per group: holds an anchored project */
	bool *walked = mg_xcalloc(v->len, sizeof(bool));
	name_uses uses = {0};
	for (size_t i = 0; i < v->len; i++) {
		up[i] = i;
		if (v->items[i].tool != &mg_framework_alembic)
			continue;
		fixed[i] = anchored(&v->items[i]);
		walked[i] = !v->items[i].report_only;
		list_files(&files[i], &file_count[i], v->items[i].own, overlays);
		for (size_t k = 0; k < file_count[i]; k++)
			push_names(&uses, i, files[i][k], overlays);
	}
	if (uses.len)
		qsort(uses.items, uses.len, sizeof(name_use), by_name);
	for (size_t lo = 0, hi; lo < uses.len; lo = hi) {
		for (hi = lo; hi < uses.len && strcmp(uses.items[hi].name, uses.items[lo].name) == 0; hi++)
			;
		for (size_t r = lo; r < hi; r++) {
			const name_use *ref = &uses.items[r];
			if (ref->defines)
				continue;
			size_t best = 0;
			bool own = false;
			for (size_t d = lo; d < hi; d++)
				if (uses.items[d].defines) {
					own = own || uses.items[d].project == ref->project;
					size_t s = shared_folders(uses.items[d].path, ref->path);
					best = s > best ? s : best;
				}
			for (size_t d = lo; d < hi && !own; d++) {
				const name_use *def = &uses.items[d];
				if (!def->defines || shared_folders(def->path, ref->path) != best)
					continue;
				size_t a = group_of(up, ref->project), b = group_of(up, def->project);
				if (a == b || (fixed[a] && fixed[b]))
					continue;
				up[b] = a;
				fixed[a] = fixed[a] || fixed[b];
			}
		}
	}
	/* each group is kept in its anchored project, else in its first */
	size_t *keep = mg_xcalloc(v->len, sizeof(size_t));
	size_t *members = mg_xcalloc(v->len, sizeof(size_t));
	/* per group: 1 a walked member, 2 a member named on the command line; 3 both */
	unsigned *kinds = mg_xcalloc(v->len, sizeof(unsigned));
	for (size_t i = 0; i < v->len; i++)
		keep[i] = SIZE_MAX;
	for (size_t i = 0; i < v->len; i++) {
		if (v->items[i].tool != &mg_framework_alembic)
			continue;
		size_t g = group_of(up, i);
		members[g]++;
		if (keep[g] == SIZE_MAX || (anchored(&v->items[i]) && !anchored(&v->items[keep[g]])))
			keep[g] = i;
		kinds[g] |= walked[i] ? 1 : 2;
	}
	for (size_t i = 0; i < v->len; i++) {
		if (v->items[i].tool != &mg_framework_alembic || members[group_of(up, i)] < 2)
			continue;
		size_t g = group_of(up, i), to = keep[g];
		bool mixed = kinds[g] == 3;
		if (i == to && mixed && walked[i])
			for (size_t k = 0; k < file_count[i]; k++)
				mg_project_report(&v->items[to], files[i][k]);
		if (i != to)
			absorb(&v->items[to], &v->items[i], mixed, walked[i], files[i], file_count[i]);
	}
	/* a group of loose folders is shown as the folder that holds them all */
	for (size_t i = 0; i < v->len; i++) {
		if (v->items[i].tool != &mg_framework_alembic || keep[group_of(up, i)] != i ||
		    members[group_of(up, i)] < 2 || anchored(&v->items[i]))
			continue;
		const alembic_project *a = v->items[i].own;
		free(v->items[i].root);
		v->items[i].root = common_folder(a->dirs, a->dir_count);
	}
	for (size_t i = 0; i < v->len; i++) {
		for (size_t k = 0; k < file_count[i]; k++)
			free(files[i][k]);
		free(files[i]);
	}
	size_t n = 0;
	for (size_t i = 0; i < v->len; i++) {
		bool gone = v->items[i].tool == &mg_framework_alembic && keep[group_of(up, i)] != i;
		if (gone)
			mg_project_dispose(&v->items[i]);
		else
			v->items[n++] = v->items[i];
	}
	v->len = n;
	for (size_t i = 0; i < uses.len; i++)
		free(uses.items[i].name);
	free(uses.items);
	free(keep);
	free(members);
	free(kinds);
	free(up);
	free(fixed);
	free(walked);
	free(files);
	free(file_count);
}

/* Projects come from alembic.ini files, from an alembic.ini above a file named on the command
 * line, or from folders of Python files that assign revision and down_revision (forced: any
 * Python file); folders whose revisions name each other's are then one project. */
static void discover(mg_projects *v, mg_found *f, bool forced)
{
	for (size_t i = 0; i < f->count; i++) {
		if (f->taken[i] || !ends_with(f->files[i], "alembic.ini"))
			continue;
		alembic_project p;
		read_ini(&p, f->files[i]);
		add_project(v, p);
		f->taken[i] = true;
	}
	/* files named on the command line: the graph is their whole project's */
	path_vec quiet = {0}; /* versions/ folders whose subfolders a named file may be tied to */
	for (size_t i = 0; i < f->count; i++) {
		if (f->taken[i] || !f->named[i])
			continue;
		char *dir = mg_overlay_dir(f->files[i]);
		size_t p = find_project(v, dir);
		alembic_project found;
		if (p == SIZE_MAX && project_above(&found, dir))
			p = add_project(v, found);
		if (p == SIZE_MAX && (forced || is_migration(f->files[i], f->overlays))) {
			p = add_folder_project(v, dir);
			char *versions = anchored(&v->items[p]) ? NULL : versions_above(dir);
			if (versions)
				MG_VEC_PUSH(quiet, versions);
		}
		if (p != SIZE_MAX) {
			mg_project_report(&v->items[p], f->files[i]);
			f->taken[i] = true;
		}
		free(dir);
	}
	/* walked folders of revision files that no alembic.ini names; env.py and the folder that
	 * holds a project's version folders (its script location) are not revisions */
	for (size_t i = 0; i < f->count; i++) {
		if (f->taken[i] || f->named[i])
			continue;
		const char *base = mg_path_base(f->files[i]);
		char *dir = f->dirs[i] ? mg_xstrdup(f->dirs[i]) : mg_overlay_dir(f->files[i]);
		if (strcmp(base, "env.py") != 0 && find_project(v, dir) == SIZE_MAX &&
		    !holds_versions(v, dir) && (forced || is_migration(f->files[i], f->overlays)))
			add_folder_project(v, dir);
		free(dir);
	}
	for (size_t i = 0; i < quiet.len; i++) {
		add_quiet_folders(v, quiet.items[i], f->overlays, 0);
		free(quiet.items[i]);
	}
	free(quiet.items);
	tie_folders(v, f->overlays);
	/* a quiet folder tied to no named file's has nothing to report */
	size_t n = 0;
	for (size_t i = 0; i < v->len; i++) {
		const mg_project *p = &v->items[i];
		if (p->tool == &mg_framework_alembic && p->report_only && !p->report_only[0])
			mg_project_dispose(&v->items[i]);
		else
			v->items[n++] = v->items[i];
	}
	v->len = n;
}

/* ---- reading a project ----------------------------------------------------------------------- */

typedef struct project_read {
	mg_project_history *h;
	char **files;
	const mg_project_read *o;
} project_read;

/* Reads revision i and, when it is reported and its SQL is to be linted, lints that SQL at
 * once, in the same worker: the decoded text and its map (eight bytes a byte) are then freed
 * while they are hot, and their memory serves the next revision instead of new pages. */
static void read_one(void *arg, size_t i)
{
	project_read *a = arg;
	mg_migration *m = &a->h->g.migrations[i];
	const mg_overlay *ov = mg_overlays_find(a->o->overlays, a->files[i]);
	read_revision(m, a->files[i], ov ? ov->bytes : NULL, ov ? ov->len : 0, a->o->eng);
	if (!a->h->sql_results || !a->h->reported[i])
		return;
	mg_file_result *results = mg_xcalloc(m->sql_count ? m->sql_count : 1, sizeof(mg_file_result));
	for (size_t k = 0; k < m->sql_count; k++) {
		mg_unit unit = mg_project_embedded_unit(m, &m->sql[k]);
		mg_engine_lint_unit(&results[k], a->o->eng, &unit);
		/* labelled here, in parallel: only moving them to the migration waits for the
		 * chain findings, which come first */
		mg_project_label_findings(m, &m->sql[k], &results[k]);
	}
	for (size_t k = 0; k < m->sql_count; k++) {
		/* linted (a down text replays its up text): nothing reads the decoded SQL again */
		mg_embedded_sql *e = &m->sql[k];
		free(e->text);
		free(e->map);
		e->text = NULL;
		e->map = NULL;
		e->len = e->map_cap = 0;
	}
	a->h->sql_results[i] = results;
}

/* The revisions are read through the pool (tokenizing Python is much of the work), their SQL
 * linted there too when o->lint is set; the chain is checked once all are read. */
static void read_project(mg_project_history *h, const mg_project *p, const mg_project_read *o)
{
	const alembic_project *ap = p->own;
	char **files;
	size_t count;
	list_files(&files, &count, ap, o->overlays);
	mg_project_show_paths(files, count);
	char *root = o->shown_root ? mg_project_shown(p->root) : NULL;
	mg_graph_init(&h->g, root ? root : p->root, mg_framework_alembic.name, count);
	h->g.count = count;
	h->reported = mg_xcalloc(count ? count : 1, sizeof(bool));
	for (size_t i = 0; i < count; i++)
		h->reported[i] = mg_project_reports(p, files[i]);
	if (o->lint)
		h->sql_results = mg_xcalloc(count ? count : 1, sizeof(mg_file_result *));
	project_read a = {h, files, o};
	mg_pool_each(count, o->jobs, read_one, &a);
	mg_chain_run_graph(&h->g, MG_CHAIN_REVISIONS, o->eng);
	free(root);
	for (size_t i = 0; i < count; i++)
		free(files[i]);
	free(files);
}

const mg_framework mg_framework_alembic = {
	.name = "alembic",
	.wants = wants,
	.discover = discover,
	.discover_order = 1, /* after Django, whose migrations folders are surer than a look at
			      * down_revision */
	.read_project = read_project,
	.project_free = project_free,
};
