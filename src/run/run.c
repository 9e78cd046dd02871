/* The pipeline: settings -> discover -> frameworks (layouts, and the histories of the tools
 * that read their own projects) -> one pool over every SQL unit -> chain checks -> baseline
 * -> one sorted result. */
#include "miglint/run.h"

#include "miglint/baseline.h"
#include "miglint/chain.h"
#include "miglint/common.h"
#include "miglint/discover.h"
#include "miglint/framework.h"
#include "miglint/layout.h"
#include "miglint/lock.h"
#include "miglint/paths.h"
#include "miglint/pool.h"
#include "miglint/rule.h"

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* One run's state, from the settings to the results. */
typedef struct run {
	const mg_run_options *o;
	mg_run_result *out;
	mg_settings st;
	mg_inputs in;
	mg_layout layout;
	mg_overlays overlays;
} run;

typedef MG_VEC(mg_project_history) history_vec;

/* Where a unit's findings go: a layout file, or migration `index` of project history
 * `history` (its embedded SQL text `sql`). */
typedef struct target {
	size_t history; /* SIZE_MAX: layout file `index` */
	size_t index;
	size_t sql;
} target;

/* ---- settings, discovery, layouts --------------------------------------------------------- */

static const char *framework_for(const char *dir, void *arg)
{
	const run *r = arg;
	return r->o->framework ? r->o->framework : mg_config_framework(&r->st.config, dir);
}

static void take_warnings(run *r)
{
	mg_run_result *out = r->out;
	if (!r->in.warning_count)
		return;
	out->warnings = mg_xrealloc(out->warnings,
				    (out->warning_count + r->in.warning_count + 1) * sizeof(char *));
	memcpy(out->warnings + out->warning_count, r->in.warnings,
	       r->in.warning_count * sizeof(char *));
	out->warning_count += r->in.warning_count;
	free(r->in.warnings);
	r->in.warnings = NULL;
	r->in.warning_count = 0;
}

/* Drops the SQL files the configuration's paths[].exclude names. */
static void drop_excluded(run *r)
{
	mg_inputs *in = &r->in;
	size_t kept = 0;
	for (size_t i = 0; i < in->sql_count; i++) {
		if (strcmp(in->sql[i], "-") != 0 && mg_config_excluded(&r->st.config, in->sql[i])) {
			free(in->sql[i]);
			continue;
		}
		in->sql_named[kept] = in->sql_named[i];
		in->sql[kept++] = in->sql[i];
	}
	in->sql_count = kept;
}

/* The settings, the inputs under the paths, and the layout of their SQL files. */
static int start(run *r, const mg_run_options *o, mg_run_result *out)
{
	memset(out, 0, sizeof(*out));
	memset(r, 0, sizeof(*r));
	r->o = o;
	r->out = out;
	mg_overlays_init(&r->overlays, o->overlays, o->overlay_count);
	int rc = mg_settings_load(&r->st, &o->settings, &out->error);
	out->fail_level = r->st.fail_level;
	if (rc)
		return rc;
	char *here = ".";
	rc = mg_discover(&r->in, o->path_count ? o->paths : &here, o->path_count ? o->path_count : 1,
			 o->framework, &r->overlays, &out->error);
	take_warnings(r);
	if (rc)
		return rc;
	drop_excluded(r);
	mg_layout_build(&r->layout, r->in.sql, r->in.sql_named, r->in.sql_count, framework_for, r);
	return MG_OK;
}

static void finish(run *r)
{
	mg_layout_dispose(&r->layout);
	mg_inputs_dispose(&r->in);
	mg_settings_dispose(&r->st);
	mg_overlays_dispose(&r->overlays);
}

static mg_engine *make_engine(const mg_settings *st, bool chain_only, bool fixes)
{
	size_t n;
	mg_rules_all(&n);
	bool *off = mg_xcalloc(n ? n : 1, sizeof(bool));
	mg_engine_options eo = {.enabled = chain_only ? off : st->enabled,
				.severity = chain_only ? NULL : st->severity,
				.pg_version = st->pg_version,
				.down_full = st->down == MG_DOWN_FULL, .fixes = fixes,
				.lock_timeout_by_runner = st->lock_timeout == MG_LOCK_TIMEOUT_BY_RUNNER};
	mg_engine *eng;
	mg_engine_new(&eng, &eo);
	free(off);
	return eng;
}

static long jobs_of(const mg_run_options *o)
{
	return o->jobs ? o->jobs : sysconf(_SC_NPROCESSORS_ONLN);
}

/* ---- project histories ---------------------------------------------------------------------- */

static void free_paths(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* Every project, read and chain-checked by its tool; embedded SQL is linted as it is read
 * when lint is set and the tool can (its findings are merged with the other units'), else
 * with the other units. shown_roots: graph roots as the user would type them. */
static void read_projects(history_vec *out, const run *r, const mg_engine *eng, bool shown_roots,
			  bool lint)
{
	mg_project_read o = {.eng = eng, .overlays = &r->overlays, .jobs = jobs_of(r->o),
			     .shown_root = shown_roots, .lint = lint};
	for (size_t p = 0; p < r->in.projects.len; p++) {
		const mg_project *project = &r->in.projects.items[p];
		mg_project_history h = {0};
		project->tool->read_project(&h, project, &o);
		MG_VEC_PUSH(*out, h);
	}
}

static void dispose_histories(history_vec *v)
{
	for (size_t i = 0; i < v->len; i++)
		mg_project_history_dispose(&v->items[i]);
	free(v->items);
}

/* ---- units ---------------------------------------------------------------------------------- */

typedef struct unit_list {
	MG_VEC(mg_unit) units;
	MG_VEC(target) targets;
} unit_list;

/* Each SQL file of the layout is one unit (its text from disk, standard input or an overlay),
 * but for those --since leaves out. */
static void add_file_units(unit_list *u, const run *r, const bool *skip)
{
	const char *stdin_name = r->o->stdin_name ? r->o->stdin_name : "<stdin>";
	for (size_t i = 0; i < r->layout.file_count; i++) {
		const mg_layout_file *f = &r->layout.files[i];
		if (skip && skip[i])
			continue;
		mg_unit unit = {.path = f->path, .ctx = &f->ctx, .plan = mg_framework_plan_file,
				.dialect = mg_other_dialect};
		const mg_overlay *ov = NULL;
		if (strcmp(f->path, "-") == 0)
			unit = (mg_unit){.path = stdin_name, .stream = stdin,
					 .plan = mg_framework_plan_file, .dialect = mg_other_dialect};
		else if ((ov = mg_overlays_find(&r->overlays, f->path)) != NULL)
			unit.bytes = ov->bytes, unit.len = ov->len;
		MG_VEC_PUSH(u->units, unit);
		MG_VEC_PUSH(u->targets, ((target){SIZE_MAX, i, 0}));
	}
}

/* Each function's SQL of each reported migration of a project is one unit. */
static void add_embedded_units(unit_list *u, const history_vec *hv)
{
	for (size_t h = 0; h < hv->len; h++) {
		const mg_graph *g = &hv->items[h].g;
		if (hv->items[h].sql_results)
			continue; /* linted as read */
		for (size_t i = 0; i < g->count; i++) {
			const mg_migration *m = &g->migrations[i];
			for (size_t k = 0; hv->items[h].reported[i] && k < m->sql_count; k++) {
				mg_unit unit = mg_project_embedded_unit(m, &m->sql[k]);
				MG_VEC_PUSH(u->units, unit);
				MG_VEC_PUSH(u->targets, ((target){h, i, k}));
			}
		}
	}
}

/* Moves r's labelled findings to the end of m's. */
static void append_embedded(mg_migration *m, mg_file_result *r)
{
	if (r->count) {
		m->findings = mg_xrealloc(m->findings,
					  (m->finding_count + r->count) * sizeof(mg_finding *));
		memcpy(m->findings + m->finding_count, r->findings, r->count * sizeof(mg_finding *));
		m->finding_count += r->count;
	}
	r->count = 0;
	mg_file_result_dispose(r);
}

static void merge_embedded(mg_migration *m, const mg_embedded_sql *e, mg_file_result *r)
{
	mg_project_label_findings(m, e, r);
	append_embedded(m, r);
}

/* Lints every unit of every tool through one pool; file_results[i] gets layout file i's. */
static void lint_units(mg_file_result *file_results, const run *r, history_vec *hv,
		       const bool *skip, const mg_engine *eng)
{
	unit_list u = {0};
	add_file_units(&u, r, skip);
	add_embedded_units(&u, hv);
	mg_file_result *results = mg_xcalloc(u.units.len ? u.units.len : 1, sizeof(mg_file_result));
	mg_pool_lint(results, u.units.items, u.units.len, eng, jobs_of(r->o));
	/* in the order of the units: layout files, then each history's migrations and their SQL */
	for (size_t i = 0; i < u.units.len; i++) {
		const target *t = &u.targets.items[i];
		if (t->history != SIZE_MAX)
			break;
		file_results[t->index] = results[i];
	}
	for (size_t h = 0, i = 0; h < hv->len; h++) {
		mg_graph *g = &hv->items[h].g;
		mg_file_result **linted = hv->items[h].sql_results;
		for (size_t k = 0; linted && k < g->count; k++) {
			for (size_t q = 0; linted[k] && q < g->migrations[k].sql_count; q++)
				append_embedded(&g->migrations[k], &linted[k][q]);
			free(linted[k]);
			linted[k] = NULL;
		}
		for (; !linted && i < u.units.len; i++) {
			const target *t = &u.targets.items[i];
			if (t->history == SIZE_MAX)
				continue;
			if (t->history != h)
				break;
			mg_migration *m = &g->migrations[t->index];
			merge_embedded(m, &m->sql[t->sql], &results[i]);
		}
	}
	for (size_t i = 0; i < r->layout.file_count; i++)
		if (!file_results[i].path) /* left out by --since: reported, not linted */
			file_results[i].path = mg_xstrdup(r->layout.files[i].path);
	free(results);
	free(u.units.items);
	free(u.targets.items);
}

/* ---- results -------------------------------------------------------------------------------- */

/* Room for n results in all: one allocation for the run instead of one per file (2,000
 * reallocations, each possibly a copy of all before it, on a 2,000-revision project). */
static void reserve_results(mg_run_result *out, size_t n)
{
	out->files = mg_xrealloc(out->files, (n ? n : 1) * sizeof(mg_file_result));
}

static void append_result(mg_run_result *out, mg_file_result *fr)
{
	out->files[out->count++] = *fr;
}

static size_t project_result_count(const history_vec *hv)
{
	size_t n = 0;
	for (size_t h = 0; h < hv->len; h++)
		for (size_t i = 0; i < hv->items[h].g.count; i++)
			n += hv->items[h].reported[i];
	return n;
}

/* The reported files of each project history, with their chain and SQL findings. */
static void add_project_results(mg_run_result *out, history_vec *hv)
{
	for (size_t h = 0; h < hv->len; h++) {
		mg_graph *g = &hv->items[h].g;
		mg_file_result *results = mg_xcalloc(g->count ? g->count : 1, sizeof(mg_file_result));
		mg_graph_results(g, results);
		for (size_t i = 0; i < g->count; i++) {
			if (hv->items[h].reported[i])
				append_result(out, &results[i]);
			else
				mg_file_result_dispose(&results[i]);
		}
		free(results);
	}
}

static int compare_results(const void *a, const void *b)
{
	return strcmp(((const mg_file_result *)a)->path, ((const mg_file_result *)b)->path);
}

/* The one output order: files by path, each file's findings sorted and de-duplicated. */
static void sort_results(mg_run_result *out)
{
	/* most runs come in order already (each tool's files are read in path order): one pass
	 * over the paths instead of a sort's n log n comparisons of long common prefixes */
	size_t sorted = 1;
	while (sorted < out->count && compare_results(&out->files[sorted - 1], &out->files[sorted]) <= 0)
		sorted++;
	if (sorted < out->count)
		qsort(out->files, out->count, sizeof(mg_file_result), compare_results);
	for (size_t i = 0; i < out->count; i++)
		mg_findings_sort_unique(out->files[i].findings, &out->files[i].count);
}

/* --since: marks the files git does not report as added or changed since the revision (they
 * are not linted; the chain rules still read them), and lists the added ones. */
static int since(bool **skip_out, char ***added_out, const mg_layout *l, const char *rev,
		 mg_error *err)
{
	char **changed = NULL, *message = NULL;
	int rc = mg_git_changed_since(&changed, rev, "ACMRT", &message);
	if (rc == MG_OK)
		rc = mg_git_changed_since(added_out, rev, "AC", &message);
	if (rc != MG_OK) {
		mg_error_set(err, rc, NULL, 0, "%s", message);
		free(message);
		mg_strv_free(changed);
		return rc;
	}
	bool *skip = mg_xcalloc(l->file_count ? l->file_count : 1, sizeof(bool));
	for (size_t i = 0; i < l->file_count; i++) {
		if (strcmp(l->files[i].path, "-") == 0)
			continue;
		char *resolved = mg_path_real(l->files[i].path);
		bool keep = false;
		for (char **c = changed; resolved && *c && !keep; c++)
			keep = strcmp(*c, resolved) == 0;
		skip[i] = !keep;
		free(resolved);
	}
	mg_strv_free(changed);
	*skip_out = skip;
	return MG_OK;
}

static int load_baseline(mg_baseline **out, const char *path, mg_error *err)
{
	char *message = NULL;
	int rc = mg_baseline_load(out, path, &message);
	if (rc != MG_OK) {
		mg_error_set(err, rc, path, 0, "%s", message);
		free(message);
	}
	return rc;
}

int mg_run(const mg_run_options *o, mg_run_result *out)
{
	run r;
	bool *skip = NULL;
	char **added = NULL;
	mg_baseline *baseline = NULL;
	int rc = start(&r, o, out);
	if (!rc && o->since)
		rc = since(&skip, &added, &r.layout, o->since, &out->error);
	if (!rc && o->baseline_path)
		rc = load_baseline(&baseline, o->baseline_path, &out->error);
	if (rc)
		goto done;
	mg_engine *eng = make_engine(&r.st, false, o->fixes);
	history_vec hv = {0};
	read_projects(&hv, &r, eng, false, true);
	mg_file_result *file_results = mg_xcalloc(r.layout.file_count + 1, sizeof(mg_file_result));
	lint_units(file_results, &r, &hv, skip, eng);
	mg_layout_refine(&r.layout, file_results);
	mg_chain_run_layout(&r.layout, file_results, eng, added);
	reserve_results(out, r.layout.file_count + r.layout.extra_count + project_result_count(&hv));
	for (size_t i = 0; i < r.layout.file_count; i++)
		append_result(out, &file_results[i]);
	free(file_results);
	for (size_t i = 0; i < r.layout.extra_count; i++)
		append_result(out, &r.layout.extra[i]);
	r.layout.extra_count = 0;
	add_project_results(out, &hv);
	dispose_histories(&hv);
	sort_results(out);
	if (baseline)
		mg_baseline_apply(baseline, out->files, out->count);
	mg_engine_free(eng);
done:
	mg_baseline_free(baseline);
	free(skip);
	mg_strv_free(added);
	finish(&r);
	return rc;
}

int mg_run_graphs(const mg_run_options *o, mg_run_result *out)
{
	run r;
	int rc = start(&r, o, out);
	if (!rc) {
		mg_engine *eng = make_engine(&r.st, true, false);
		history_vec hv = {0};
		read_projects(&hv, &r, eng, true, false);
		mg_layout_refine_unlinted(&r.layout);
		size_t cap = hv.len + r.layout.set_count;
		out->graphs = mg_xcalloc(cap ? cap : 1, sizeof(mg_graph));
		for (size_t h = 0; h < hv.len; h++) {
			out->graphs[out->graph_count++] = hv.items[h].g;
			free(hv.items[h].reported);
		}
		free(hv.items);
		for (size_t k = 0; k < r.layout.set_count; k++)
			if (!r.layout.sets[k].other_database && r.layout.sets[k].count)
				mg_layout_graph(&out->graphs[out->graph_count++], &r.layout.sets[k]);
		mg_engine_free(eng);
	}
	finish(&r);
	return rc;
}

int mg_run_lock(const mg_run_options *o, mg_run_result *out)
{
	run r;
	int rc = start(&r, o, out);
	if (!rc)
		mg_layout_refine_unlinted(&r.layout);
	for (size_t k = 0; !rc && k < r.layout.set_count; k++) {
		const mg_migration_set *s = &r.layout.sets[k];
		if (s->other_database || !s->count)
			continue;
		mg_run_lock_written w = {0};
		rc = mg_lock_write(s, &w.path, &w.migrations, &out->error);
		if (rc)
			break;
		out->locks = mg_xrealloc(out->locks, (out->lock_count + 1) * sizeof(*out->locks));
		out->locks[out->lock_count++] = w;
	}
	finish(&r);
	return rc;
}

void mg_run_result_dispose(mg_run_result *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->count; i++)
		mg_file_result_dispose(&r->files[i]);
	free(r->files);
	free_paths(r->warnings, r->warning_count);
	mg_error_dispose(&r->error);
	for (size_t i = 0; i < r->graph_count; i++)
		mg_graph_dispose(&r->graphs[i]);
	free(r->graphs);
	for (size_t i = 0; i < r->lock_count; i++)
		free(r->locks[i].path);
	free(r->locks);
	memset(r, 0, sizeof(*r));
}
