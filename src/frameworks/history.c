/* The migration sets of a layout as data: adding sets and files, and putting a chain finding
 * in the result of the file it is about. The readers (layout.c, sqitch.c) and the chain rules
 * (through src/chain/chain_check.c) call down into this file, and it calls none of them. */
#include "layout_internal.h"

#include "miglint/common.h"

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

size_t mg_history_add_set(mg_layout *l, const char *dir, const mg_framework *tool)
{
	l->sets = mg_xrealloc(l->sets, (l->set_count + 1) * sizeof(mg_migration_set));
	mg_migration_set *s = &l->sets[l->set_count];
	memset(s, 0, sizeof(*s));
	s->dir = mg_xstrdup(dir);
	s->tool = tool;
	s->framework = tool->name;
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

static mg_finding *add_to(mg_file_result *r, mg_finding *f)
{
	if (!f)
		return NULL;
	if (!r) {
		mg_finding_free(f);
		return NULL;
	}
	f->path = r->path;
	r->findings = mg_xrealloc(r->findings, (r->count + 1) * sizeof(mg_finding *));
	r->findings[r->count++] = f;
	return f;
}

/* A finding about entry e goes to its linted file's result; about a file that is not linted,
 * only when the set was walked whole (not read for the sake of files named on the command
 * line, which alone are reported). */
static mg_finding *report_entry(mg_layout *l, mg_file_result *results,
				const mg_migration_set *s, const mg_entry *e, mg_finding *f)
{
	return add_to(e->file != SIZE_MAX ? &results[e->file] : s->partial ? NULL : extra_result(l, e->path), f);
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


mg_finding *mg_history_report(mg_layout *l, mg_file_result *results, const mg_migration_set *s,
			      const mg_entry *e, const char *path, mg_finding *f)
{
	if (e)
		return report_entry(l, results, s, e, f);
	return add_to(s->partial ? NULL : extra_result(l, path), f);
}

int mg_version_compare(const char *a, const char *b)
{
	while (*a || *b) {
		size_t na = strcspn(a, "."), nb = strcspn(b, ".");
		if (na != nb)
			return na < nb ? -1 : 1; /* no leading zeros: the longer number is larger */
		int c = strncmp(a, b, na);
		if (c)
			return c;
		a += na + (a[na] == '.');
		b += nb + (b[nb] == '.');
		if (!*a != !*b)
			return !*a ? -1 : 1;
	}
	return 0;
}
