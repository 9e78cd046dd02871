/* Discovery: directories are walked in name order; .sql files are linted as SQL; Alembic
 * projects come from alembic.ini files, from an alembic.ini above a file named on the command
 * line, or from folders of Python files that assign revision and down_revision. */
#include "miglint/discover.h"

#include "miglint/common.h"
#include "miglint/error.h"
#include "miglint/django.h"
#include "miglint/framework.h"
#include "miglint/paths.h"

#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

typedef MG_VEC(char *) path_vec;

typedef struct walk {
	path_vec sql, py, ini;
	/* each walked .py file's folder as mg_path_dir() gives it, when readdir said the file is
	 * no link (the folder resolved once, not each file: realpath costs a syscall a component);
	 * NULL: resolve the file itself */
	path_vec py_dir;
	MG_VEC(bool) sql_named;
	path_vec named_py; /* .py files named on the command line */
} walk;

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n > m && strcmp(s + n - m, suffix) == 0;
}

/* Folders of installed code, not of the project's migrations. */
static bool skipped_folder(const char *name)
{
	static const char *const names[] = {
		"node_modules", "__pycache__", "site-packages", "dist-packages", "venv", "virtualenv",
		"__pypackages__", NULL,
	};
	for (size_t i = 0; names[i]; i++)
		if (strcmp(name, names[i]) == 0)
			return true;
	return false;
}

static int walk_dir(walk *w, const char *dir, mg_error *err)
{
	DIR *d = opendir(dir);
	if (!d)
		return mg_error_set(err, MG_EIO, dir, 0, "cannot open directory '%s': %s", dir,
				    strerror(errno));
	/* readdir's d_type says which entries are directories without a stat() each; a trailing
	 * '/' marks them in the sorted list */
	/* name first: mg_path_compare sorts these as it sorts strings */
	typedef struct entry {
		char *name;
		bool regular; /* a file, not a link */
	} entry;
	MG_VEC(entry) entries = {0};
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.' || skipped_folder(e->d_name))
			continue;
		bool is_dir = e->d_type == DT_DIR;
		if (e->d_type == DT_UNKNOWN || e->d_type == DT_LNK) {
			char *p = mg_xasprintf("%s/%s", dir, e->d_name);
			struct stat st;
			is_dir = stat(p, &st) == 0 && S_ISDIR(st.st_mode);
			free(p);
		}
		entry en = {mg_xasprintf("%s%s", e->d_name, is_dir ? "/" : ""), e->d_type == DT_REG};
		MG_VEC_PUSH(entries, en);
	}
	closedir(d);
	if (entries.len)
		qsort(entries.items, entries.len, sizeof(entry), mg_path_compare);
	int rc = 0;
	size_t dl = strlen(dir);
	char *real_dir = NULL;
	for (size_t i = 0; i < entries.len; i++) {
		char *name = entries.items[i].name;
		size_t nl = strlen(name);
		bool is_dir = nl && name[nl - 1] == '/';
		if (is_dir)
			name[nl - 1] = '\0';
		char *p = mg_xasprintf("%s%s%s", dir, dl && dir[dl - 1] == '/' ? "" : "/", name);
		if (is_dir) {
			rc = rc ? rc : walk_dir(w, p, err);
			free(p);
		} else if (ends_with(name, ".sql")) {
			MG_VEC_PUSH(w->sql, p);
			MG_VEC_PUSH(w->sql_named, false);
		} else if (ends_with(name, ".py") && strcmp(name, "__init__.py") != 0) {
			MG_VEC_PUSH(w->py, p);
			if (entries.items[i].regular && !real_dir)
				real_dir = mg_path_real(dir);
			MG_VEC_PUSH(w->py_dir, entries.items[i].regular ? mg_xstrdup(real_dir) : NULL);
		} else if (strcmp(name, "alembic.ini") == 0) {
			MG_VEC_PUSH(w->ini, p);
		} else {
			free(p);
		}
		free(name);
	}
	free(entries.items);
	free(real_dir);
	return rc;
}

static bool project_has_dir(const mg_alembic_project *p, const char *dir)
{
	for (size_t i = 0; i < p->dir_count; i++)
		if (strcmp(p->dirs[i], dir) == 0 || (p->recursive && mg_path_under(p->dirs[i], dir)))
			return true;
	return false;
}

/* True when dir is the parent of a known project's version folder (its script location). */
static bool holds_versions(const mg_inputs *in, const char *dir)
{
	for (size_t i = 0; i < in->project_count; i++)
		for (size_t k = 0; k < in->projects[i].dir_count; k++) {
			const char *below = mg_path_under(dir, in->projects[i].dirs[k]);
			if (below && !strchr(below, '/'))
				return true;
		}
	return false;
}

static size_t find_project(const mg_inputs *in, const char *dir)
{
	for (size_t i = 0; i < in->project_count; i++)
		if (project_has_dir(&in->projects[i], dir))
			return i;
	return SIZE_MAX;
}

static size_t add_project(mg_inputs *in, mg_alembic_project p)
{
	for (size_t i = 0; i < in->project_count; i++) {
		mg_alembic_project *o = &in->projects[i];
		if ((o->ini && p.ini && strcmp(o->ini, p.ini) == 0) ||
		    (!o->ini && !p.ini && o->dir_count == 1 && strcmp(o->dirs[0], p.dirs[0]) == 0)) {
			mg_alembic_project_dispose(&p);
			return i;
		}
	}
	in->projects = mg_xrealloc(in->projects, (in->project_count + 1) * sizeof(*in->projects));
	in->report_only = mg_xrealloc(in->report_only, (in->project_count + 1) * sizeof(char **));
	in->projects[in->project_count] = p;
	in->report_only[in->project_count] = NULL;
	return in->project_count++;
}

static mg_alembic_project folder_project(const char *dir)
{
	mg_alembic_project p = {0};
	p.dirs = mg_xcalloc(1, sizeof(char *));
	p.dirs[0] = mg_xstrdup(dir);
	p.dir_count = 1;
	return p;
}

/* The alembic.ini of the project a named file belongs to, looked for from its folder up. */
static bool project_above(mg_alembic_project *out, const char *dir)
{
	char *d = mg_xstrdup(dir);
	for (int depth = 0; depth < 8; depth++) {
		/* the ini sits beside the script location, or one level above (Flask-Migrate) */
		char *ini = mg_xasprintf("%s/alembic.ini", d);
		struct stat st;
		if (stat(ini, &st) == 0) {
			mg_alembic_read_ini(out, ini);
			free(ini);
			if (project_has_dir(out, dir)) {
				free(d);
				return true;
			}
			mg_alembic_project_dispose(out);
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

static void add_reported(mg_inputs *in, size_t p, const char *file)
{
	char **list = in->report_only[p];
	size_t n = 0;
	while (list && list[n])
		n++;
	list = mg_xrealloc(list, (n + 2) * sizeof(char *));
	list[n] = mg_path_real(file);
	list[n + 1] = NULL;
	in->report_only[p] = list;
}

static mg_django_project *django_project(mg_inputs *in, const char *root)
{
	for (size_t i = 0; i < in->django_count; i++)
		if (strcmp(in->django[i].root, root) == 0)
			return &in->django[i];
	in->django = mg_xrealloc(in->django, (in->django_count + 1) * sizeof(mg_django_project));
	mg_django_project *p = &in->django[in->django_count++];
	memset(p, 0, sizeof(*p));
	p->root = mg_xstrdup(root);
	return p;
}

static void push_file(mg_django_project *p, char *file)
{
	p->files = mg_xrealloc(p->files, (p->count + 1) * sizeof(char *));
	p->files[p->count++] = file;
}

/* The folder that holds a migration's app: <root>/<app>/migrations/x.py. */
static char *django_root(const char *file)
{
	char *dir = mg_path_parent(file), *app = mg_path_parent(dir), *root = mg_path_parent(app);
	free(dir);
	free(app);
	return root;
}

/* Django migrations, walked (every one reported) or named (the whole project is read, the
 * named files reported); they leave the Python files Alembic is looked for in. */
static void find_django(mg_inputs *in, walk *w)
{
	size_t kept = 0;
	for (size_t i = 0; i < w->py.len; i++) {
		char *f = w->py.items[i];
		if (!mg_django_is_migration(f)) {
			w->py_dir.items[kept] = w->py_dir.items[i];
			w->py.items[kept++] = f;
			continue;
		}
		free(w->py_dir.items[i]);
		char *root = django_root(f);
		mg_django_project *p = django_project(in, root);
		push_file(p, f);
		free(root);
	}
	w->py.len = w->py_dir.len = kept;
	kept = 0;
	for (size_t i = 0; i < w->named_py.len; i++) {
		char *f = w->named_py.items[i];
		if (!mg_django_is_migration(f)) {
			w->named_py.items[kept++] = f;
			continue;
		}
		char *root = django_root(f);
		mg_django_project *p = django_project(in, root);
		if (!p->report_only) {
			/* read every app of the project, once */
			char *dir = mg_path_parent(f);
			char **files;
			size_t count;
			mg_django_project_files(&files, &count, dir);
			for (size_t k = 0; k < count; k++)
				push_file(p, files[k]);
			free(files);
			free(dir);
			p->report_only = mg_xcalloc(1, sizeof(char *));
		}
		size_t r = 0;
		while (p->report_only[r])
			r++;
		p->report_only = mg_xrealloc(p->report_only, (r + 2) * sizeof(char *));
		p->report_only[r] = mg_path_real(f);
		p->report_only[r + 1] = NULL;
		free(root);
		free(f);
	}
	w->named_py.len = kept;
	for (size_t i = 0; i < in->django_count; i++) {
		mg_django_project *p = &in->django[i];
		if (p->count)
			qsort(p->files, p->count, sizeof(char *), mg_path_compare);
		size_t u = 0; /* a walked file that a named one's project also read */
		for (size_t k = 0; k < p->count; k++)
			if (!u || strcmp(p->files[u - 1], p->files[k]) != 0)
				p->files[u++] = p->files[k];
			else
				free(p->files[k]);
		p->count = u;
	}
}

static void walk_dispose(walk *w)
{
	for (size_t i = 0; i < w->sql.len; i++)
		free(w->sql.items[i]);
	for (size_t i = 0; i < w->py.len; i++) {
		free(w->py.items[i]);
		free(w->py_dir.items[i]);
	}
	for (size_t i = 0; i < w->ini.len; i++)
		free(w->ini.items[i]);
	for (size_t i = 0; i < w->named_py.len; i++)
		free(w->named_py.items[i]);
	free(w->sql.items);
	free(w->sql_named.items);
	free(w->py.items);
	free(w->py_dir.items);
	free(w->ini.items);
	free(w->named_py.items);
}

/* Walks the paths into w; a folder with nothing to read is a warning, not an error. */
static int walk_paths(walk *w, mg_inputs *out, char **paths, size_t n, mg_error *err)
{
	for (size_t i = 0; i < n; i++) {
		const char *p = paths[i];
		struct stat st;
		if (strcmp(p, "-") == 0) {
			MG_VEC_PUSH(w->sql, mg_xstrdup(p));
			MG_VEC_PUSH(w->sql_named, true);
		} else if (stat(p, &st) != 0) {
			return mg_error_set(err, MG_EIO, p, 0, "cannot read '%s': %s; check the path", p,
					    strerror(errno));
		} else if (S_ISDIR(st.st_mode)) {
			size_t before = w->sql.len + w->py.len + w->ini.len;
			int rc = walk_dir(w, p, err);
			if (rc)
				return rc;
			if (w->sql.len + w->py.len + w->ini.len == before) {
				out->warnings = mg_xrealloc(out->warnings,
							    (out->warning_count + 1) * sizeof(char *));
				out->warnings[out->warning_count++] =
					mg_xasprintf("warning: no migration files under '%s'", p);
			}
		} else if (ends_with(p, ".py")) {
			MG_VEC_PUSH(w->named_py, mg_xstrdup(p));
		} else if (ends_with(p, "alembic.ini")) {
			MG_VEC_PUSH(w->ini, mg_xstrdup(p));
		} else {
			MG_VEC_PUSH(w->sql, mg_xstrdup(p));
			MG_VEC_PUSH(w->sql_named, true);
		}
	}
	return MG_OK;
}

int mg_discover(mg_inputs *out, char **paths, size_t n, const char *framework, mg_error *err)
{
	memset(out, 0, sizeof(*out));
	walk w = {0};
	const mg_framework *tool = framework ? mg_framework_find(framework) : NULL;
	bool python_only = tool && tool->python;
	bool want_sql = !python_only;
	bool want_py = !framework || python_only;
	bool force_alembic = tool == &mg_framework_alembic;
	int rc = walk_paths(&w, out, paths, n, err);
	if (rc) {
		walk_dispose(&w);
		return rc;
	}
	if (want_py && (!framework || tool == &mg_framework_django))
		find_django(out, &w);
	if (want_py && (!framework || tool == &mg_framework_alembic)) {
		for (size_t i = 0; i < w.ini.len; i++) {
			mg_alembic_project p;
			mg_alembic_read_ini(&p, w.ini.items[i]);
			add_project(out, p);
		}
		/* files named on the command line: the graph is their whole project's */
		for (size_t i = 0; i < w.named_py.len; i++) {
			char *dir = mg_path_dir(w.named_py.items[i]);
			size_t p = find_project(out, dir);
			mg_alembic_project found;
			if (p == SIZE_MAX && project_above(&found, dir))
				p = add_project(out, found);
			if (p == SIZE_MAX && (force_alembic || mg_alembic_is_migration(w.named_py.items[i])))
				p = add_project(out, folder_project(dir));
			if (p != SIZE_MAX)
				add_reported(out, p, w.named_py.items[i]);
			free(dir);
		}
		/* walked folders of revision files that no alembic.ini names; env.py and the folder
		 * that holds a project's version folders (its script location) are not revisions */
		for (size_t i = 0; i < w.py.len; i++) {
			const char *base = mg_path_base(w.py.items[i]);
			char *dir = w.py_dir.items[i] ? mg_xstrdup(w.py_dir.items[i]) : mg_path_dir(w.py.items[i]);
			if (strcmp(base, "env.py") != 0 && find_project(out, dir) == SIZE_MAX &&
			    !holds_versions(out, dir) &&
			    (force_alembic || mg_alembic_is_migration(w.py.items[i])))
				add_project(out, folder_project(dir));
			free(dir);
		}
	}
	if (want_sql) {
		out->sql = w.sql.items;
		out->sql_named = w.sql_named.items;
		out->sql_count = w.sql.len;
		w.sql = (path_vec){0};
		w.sql_named.items = NULL;
	}
	walk_dispose(&w);
	return MG_OK;
}

bool mg_inputs_reports(const mg_inputs *in, size_t p, const char *path)
{
	char **only = in->report_only[p];
	if (!only)
		return true;
	char *r = mg_path_real(path);
	bool yes = false;
	for (; *only && !yes; only++)
		yes = strcmp(*only, r) == 0;
	free(r);
	return yes;
}

void mg_inputs_dispose(mg_inputs *in)
{
	for (size_t i = 0; i < in->sql_count; i++)
		free(in->sql[i]);
	free(in->sql);
	free(in->sql_named);
	for (size_t i = 0; i < in->project_count; i++) {
		mg_alembic_project_dispose(&in->projects[i]);
		for (char **p = in->report_only[i]; p && *p; p++)
			free(*p);
		free(in->report_only[i]);
	}
	free(in->projects);
	free(in->report_only);
	for (size_t i = 0; i < in->django_count; i++) {
		mg_django_project *p = &in->django[i];
		for (size_t k = 0; k < p->count; k++)
			free(p->files[k]);
		free(p->files);
		mg_strv_free(p->report_only);
		free(p->root);
	}
	free(in->django);
	for (size_t i = 0; i < in->warning_count; i++)
		free(in->warnings[i]);
	free(in->warnings);
	memset(in, 0, sizeof(*in));
}
