/* Discovery: directories are walked in name order; .sql files (and x.sql.<dialect>, layout.c
 * says which are PostgreSQL's) are linted as SQL; the files a tool of projects wants
 * (framework.h: Python migrations, alembic.ini) are handed to those tools, which make projects
 * of what is theirs. A file an overlay holds that is not on disk yet is found where its path
 * says, as if it were. */
#include "miglint/discover.h"

#include "miglint/common.h"
#include "miglint/error.h"
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
	path_vec sql;
	MG_VEC(bool) sql_named;
	/* the files tools of projects want, walked or named, in order */
	path_vec files;
	/* each walked file's folder as mg_path_dir() gives it, when readdir said the file is no
	 * link (the folder resolved once, not each file: realpath costs a syscall a component);
	 * NULL: resolve the file itself */
	path_vec file_dir;
	MG_VEC(bool) file_named;
	const mg_framework **tools; /* the tools of projects, in discover_order */
	size_t tool_count;
	const mg_overlays *overlays;
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

static bool wanted(const walk *w, const char *name, bool named)
{
	for (size_t i = 0; i < w->tool_count; i++)
		if (w->tools[i]->wants(name, named))
			return true;
	return false;
}

static void push_file(walk *w, char *path, char *dir, bool named)
{
	MG_VEC_PUSH(w->files, path);
	MG_VEC_PUSH(w->file_dir, dir);
	MG_VEC_PUSH(w->file_named, named);
}

/* readdir's d_type says which entries are directories without a stat() each; a trailing '/'
 * marks them in the sorted list. name first: mg_path_compare sorts these as it sorts strings */
typedef struct entry {
	char *name;
	bool regular; /* a file, not a link */
} entry;

static int walk_dir(walk *w, const char *dir, mg_error *err)
{
	DIR *d = opendir(dir);
	if (!d)
		return mg_error_set(err, MG_EIO, dir, 0, "cannot open directory '%s': %s", dir,
				    strerror(errno));
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
	/* an editor's new file, not saved yet */
	const char **unsaved = mg_overlays_new_in(w->overlays, dir);
	for (size_t i = 0; unsaved && unsaved[i]; i++)
		if (unsaved[i][0] != '.') {
			entry en = {mg_xstrdup(unsaved[i]), true};
			MG_VEC_PUSH(entries, en);
		}
	free(unsaved);
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
		} else if (ends_with(name, ".sql") || mg_dialect_suffix(name, &(size_t){0}, &(size_t){0})) {
			MG_VEC_PUSH(w->sql, p);
			MG_VEC_PUSH(w->sql_named, false);
		} else if (wanted(w, name, false)) {
			if (entries.items[i].regular && !real_dir)
				real_dir = mg_path_real(dir);
			push_file(w, p, entries.items[i].regular ? mg_xstrdup(real_dir) : NULL, false);
		} else {
			free(p);
		}
		free(name);
	}
	free(entries.items);
	free(real_dir);
	return rc;
}

static void walk_dispose(walk *w)
{
	for (size_t i = 0; i < w->sql.len; i++)
		free(w->sql.items[i]);
	for (size_t i = 0; i < w->files.len; i++) {
		free(w->files.items[i]);
		free(w->file_dir.items[i]);
	}
	free(w->sql.items);
	free(w->sql_named.items);
	free(w->files.items);
	free(w->file_dir.items);
	free(w->file_named.items);
	free(w->tools);
}

/* Walks the paths into w; a folder with nothing to read is a warning, not an error. */
static int walk_paths(walk *w, mg_inputs *out, char **paths, size_t n, mg_error *err)
{
	for (size_t i = 0; i < n; i++) {
		const char *p = paths[i];
		struct stat st;
		bool unsaved = false;
		if (strcmp(p, "-") == 0) {
			MG_VEC_PUSH(w->sql, mg_xstrdup(p));
			MG_VEC_PUSH(w->sql_named, true);
			continue;
		}
		if (stat(p, &st) != 0) {
			unsaved = mg_overlays_find(w->overlays, p) != NULL;
			if (!unsaved)
				return mg_error_set(err, MG_EIO, p, 0, "cannot read '%s': %s; check the path",
						    p, strerror(errno));
		}
		if (!unsaved && S_ISDIR(st.st_mode)) {
			size_t before = w->sql.len + w->files.len;
			int rc = walk_dir(w, p, err);
			if (rc)
				return rc;
			if (w->sql.len + w->files.len == before) {
				out->warnings = mg_xrealloc(out->warnings,
							    (out->warning_count + 1) * sizeof(char *));
				out->warnings[out->warning_count++] =
					mg_xasprintf("warning: no migration files under '%s'", p);
			}
		} else if (wanted(w, p, true)) {
			push_file(w, mg_xstrdup(p), NULL, true);
		} else {
			MG_VEC_PUSH(w->sql, mg_xstrdup(p));
			MG_VEC_PUSH(w->sql_named, true);
		}
	}
	return MG_OK;
}

static int by_discover_order(const void *a, const void *b)
{
	const mg_framework *x = *(const mg_framework *const *)a, *y = *(const mg_framework *const *)b;
	return (x->discover_order > y->discover_order) - (x->discover_order < y->discover_order);
}

/* The tools of projects, in the order they take files (a stable sort of the registry). */
static void project_tools(walk *w)
{
	const mg_framework *const *all = mg_framework_all();
	size_t n = 0;
	while (all[n])
		n++;
	w->tools = mg_xcalloc(n + 1, sizeof(*w->tools));
	for (size_t i = 0; i < n; i++)
		if (all[i]->discover)
			w->tools[w->tool_count++] = all[i];
	/* insertion sort: stable, and there are few */
	for (size_t i = 1; i < w->tool_count; i++)
		for (size_t k = i; k > 0 && by_discover_order(&w->tools[k - 1], &w->tools[k]) > 0; k--) {
			const mg_framework *t = w->tools[k];
			w->tools[k] = w->tools[k - 1];
			w->tools[k - 1] = t;
		}
}

/* The projects, tool by tool in registry order, each tool's in the order it found them. */
static void order_projects(mg_projects *v)
{
	const mg_framework *const *all = mg_framework_all();
	mg_project *sorted = mg_xcalloc(v->len + 1, sizeof(mg_project));
	size_t n = 0;
	for (size_t t = 0; all[t]; t++)
		for (size_t i = 0; i < v->len; i++)
			if (v->items[i].tool == all[t])
				sorted[n++] = v->items[i];
	free(v->items);
	v->items = sorted;
	v->cap = v->len + 1;
}

int mg_discover(mg_inputs *out, char **paths, size_t n, const char *framework,
		const mg_overlays *overlays, mg_error *err)
{
	memset(out, 0, sizeof(*out));
	walk w = {.overlays = overlays};
	project_tools(&w);
	const mg_framework *tool = framework ? mg_framework_find(framework) : NULL;
	bool projects_only = tool && tool->discover;
	int rc = walk_paths(&w, out, paths, n, err);
	if (rc) {
		walk_dispose(&w);
		return rc;
	}
	if (!tool || projects_only) {
		mg_found found = {w.files.items, w.file_dir.items,
				  mg_xcalloc(w.files.len + 1, sizeof(bool)), w.file_named.items,
				  w.files.len, overlays};
		for (size_t i = 0; i < w.tool_count; i++)
			if (!tool || tool == w.tools[i])
				w.tools[i]->discover(&out->projects, &found, tool == w.tools[i]);
		free(found.taken);
		order_projects(&out->projects);
	}
	if (!projects_only) {
		out->sql = w.sql.items;
		out->sql_named = w.sql_named.items;
		out->sql_count = w.sql.len;
		w.sql = (path_vec){0};
		w.sql_named.items = NULL;
	}
	walk_dispose(&w);
	return MG_OK;
}

void mg_inputs_dispose(mg_inputs *in)
{
	for (size_t i = 0; i < in->sql_count; i++)
		free(in->sql[i]);
	free(in->sql);
	free(in->sql_named);
	for (size_t i = 0; i < in->projects.len; i++)
		mg_project_dispose(&in->projects.items[i]);
	free(in->projects.items);
	for (size_t i = 0; i < in->warning_count; i++)
		free(in->warnings[i]);
	free(in->warnings);
	memset(in, 0, sizeof(*in));
}
