/* The migration sets of a layout as data: adding sets and files, and putting a chain finding
 * in the result of the file it is about. The readers (layout.c, sqitch.c) and the chain checks
 * (layout.c, sqitch.c, lock.c) all call down into this file, and it calls none of them. */
#include "layout_internal.h"

#include "miglint/common.h"
#include "miglint/rule.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static void parsed_dispose(parsed *p)
{
	free(p->version);
	free(p->title);
	free(p->problem);
}

void mg_history_pending_dispose(pending *p)
{
	free(p->path);
	free(p->set_dir);
	free(p->name);
	parsed_dispose(&p->p);
	memset(p, 0, sizeof(*p));
}

size_t mg_history_add_set(mg_layout *l, const char *dir, const char *fw)
{
	l->sets = mg_xrealloc(l->sets, (l->set_count + 1) * sizeof(mg_migration_set));
	mg_migration_set *s = &l->sets[l->set_count];
	memset(s, 0, sizeof(*s));
	s->dir = mg_xstrdup(dir);
	s->framework = fw;
	return l->set_count++;
}

size_t mg_history_add_file(mg_layout *l, char *path, size_t set)
{
	l->files = mg_xrealloc(l->files, (l->file_count + 1) * sizeof(mg_layout_file));
	mg_layout_file *f = &l->files[l->file_count];
	memset(f, 0, sizeof(*f));
	f->path = path;
	f->set = set;
	return l->file_count++;
}

/* A finding at the start of a file (names, missing partners: nothing in the file to point at). */
mg_finding *mg_history_finding(const mg_engine *eng, const mg_rule *r, const char *migration,
			      int line, char *message, char *help)
{
	mg_finding *f = mg_chain_finding(eng, r, message, help);
	if (!f)
		return NULL;
	f->line = f->end_line = line;
	f->column = f->end_column = 1;
	f->migration = migration ? mg_xstrdup(migration) : NULL;
	return f;
}

/* The layout's own result for a file that is not linted (a .go migration, miglint.lock). */
static mg_file_result *extra_result(mg_layout *l, const char *path)
{
	for (size_t i = 0; i < l->extra_count; i++)
		if (strcmp(l->extra[i].path, path) == 0)
			return &l->extra[i];
	l->extra = mg_xrealloc(l->extra, (l->extra_count + 1) * sizeof(mg_file_result));
	mg_file_result *r = &l->extra[l->extra_count++];
	memset(r, 0, sizeof(*r));
	r->path = mg_xstrdup(path);
	return r;
}

static void add_to(mg_file_result *r, mg_finding *f)
{
	if (!f)
		return;
	if (!r) {
		mg_finding_free(f);
		return;
	}
	f->path = r->path;
	r->findings = mg_xrealloc(r->findings, (r->count + 1) * sizeof(mg_finding *));
	r->findings[r->count++] = f;
}

/* A finding about entry e goes to its linted file's result; about a file that is not linted,
 * only when the set was walked whole (not read for the sake of files named on the command
 * line, which alone are reported). */
static void report_entry(mg_layout *l, mg_file_result *results, const mg_migration_set *s,
			 const mg_entry *e, mg_finding *f)
{
	add_to(e->file != SIZE_MAX ? &results[e->file] : s->partial ? NULL : extra_result(l, e->path), f);
}

void mg_history_relate(mg_finding *f, const mg_entry *other, const char *what)
{
	if (!f)
		return;
	f->related = mg_xrealloc(f->related, (f->related_count + 1) * sizeof(mg_related));
	mg_related *r = &f->related[f->related_count++];
	r->path = mg_xstrdup(other->path);
	r->line = r->end_line = 1;
	r->column = r->end_column = 1;
	r->message = mg_xasprintf("%s %s", what, other->name);
}

/* ---- shared with sqitch and lock ---------------------------------------------------------- */

void mg_history_report(mg_layout *l, mg_file_result *results, const mg_migration_set *s,
		      const mg_entry *e, const char *path, mg_finding *f)
{
	if (e)
		report_entry(l, results, s, e, f);
	else
		add_to(s->partial ? NULL : extra_result(l, path), f);
}



void mg_history_report_extra(mg_layout *l, const char *path, mg_finding *f)
{
	add_to(extra_result(l, path), f);
}
