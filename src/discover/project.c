/* Projects of the tools that read their own migrations (project.h). */
#include "miglint/project.h"

#include "miglint/framework.h"
#include "miglint/paths.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

size_t mg_project_add(mg_projects *v, const mg_framework *tool, const char *root)
{
	mg_project p = {.tool = tool, .root = mg_xstrdup(root)};
	MG_VEC_PUSH(*v, p);
	return v->len - 1;
}

void mg_project_report(mg_project *p, const char *path)
{
	size_t n = 0;
	while (p->report_only && p->report_only[n])
		n++;
	p->report_only = mg_xrealloc(p->report_only, (n + 2) * sizeof(char *));
	p->report_only[n] = mg_overlay_real(path);
	p->report_only[n + 1] = NULL;
}

bool mg_project_reports(const mg_project *p, const char *path)
{
	if (!p->report_only)
		return true;
	char *real = mg_overlay_real(path);
	bool yes = false;
	for (char **r = p->report_only; *r && !yes; r++)
		yes = strcmp(*r, real) == 0;
	free(real);
	return yes;
}

void mg_project_dispose(mg_project *p)
{
	if (!p)
		return;
	if (p->own && p->tool->project_free)
		p->tool->project_free(p->own);
	for (size_t i = 0; i < p->file_count; i++)
		free(p->files[i]);
	free(p->files);
	mg_strv_free(p->report_only);
	free(p->root);
	memset(p, 0, sizeof(*p));
}

void mg_project_history_dispose(mg_project_history *h)
{
	if (!h)
		return;
	mg_graph_dispose(&h->g);
	free(h->reported);
	free(h->sql_results);
	memset(h, 0, sizeof(*h));
}

/* A path under the working directory cwd is shown relative to it, as a user would type it. */
static char *shown(const char *cwd, const char *abs)
{
	const char *below = cwd ? mg_path_under(cwd, abs) : NULL;
	return mg_xstrdup(below ? below : abs);
}

void mg_project_show_paths(char **paths, size_t n)
{
	char buf[PATH_MAX];
	const char *cwd = getcwd(buf, sizeof(buf)); /* once for many paths */
	for (size_t i = 0; i < n; i++) {
		char *s = shown(cwd, paths[i]);
		free(paths[i]);
		paths[i] = s;
	}
}

char *mg_project_shown(const char *path)
{
	char buf[PATH_MAX];
	return shown(getcwd(buf, sizeof(buf)), path);
}

mg_unit mg_project_embedded_unit(const mg_migration *m, const mg_embedded_sql *e)
{
	const mg_embedded_sql *up = e->down && e->up != SIZE_MAX ? &m->sql[e->up] : NULL;
	return (mg_unit){.path = m->path, .bytes = e->text, .len = e->len,
			 .file_text = m->src.text, .file_len = m->src.len, .map = e->map,
			 .function = e->function, .transaction_reason = e->transaction_reason,
			 .down = e->down, .up_bytes = up ? up->text : NULL, .up_len = up ? up->len : 0};
}

void mg_project_label_findings(const mg_migration *m, const mg_embedded_sql *e, mg_file_result *r)
{
	size_t fl = strlen(e->function);
	for (size_t i = 0; i < r->count; i++) {
		mg_finding *f = r->findings[i];
		char *msg = !fl ? mg_xstrdup(f->message)
			: e->function[fl - 1] == ')' ? mg_xasprintf("in %s: %s", e->function, f->message)
			: mg_xasprintf("in %s(): %s", e->function, f->message);
		free(f->message);
		f->message = msg;
		free(f->migration);
		f->migration = m->has_id ? mg_xstrdup(m->id.text) : NULL;
	}
}
