/* What chain rules call: findings placed at a migration, an entry or a line of a file that
 * is not linted. It knows no rule and no engine (the dispatcher, chain.c, gives the rule and
 * its severity), so that the rules, which call it, never call back into the pipeline. */
#include "miglint/chain_check.h"

#include "miglint/common.h"
#include "miglint/paths.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

void mg_chain_place(mg_finding *f, mg_migration *m, size_t offset, size_t length)
{
	f->offset = offset;
	f->length = length;
	f->migration = m->has_id ? mg_xstrdup(m->id.text) : NULL;
	mg_source_position(&m->src, offset, &f->line, &f->column);
	mg_source_position(&m->src, offset + length, &f->end_line, &f->end_column);
	size_t ls, le;
	mg_source_line_range(&m->src, f->line, &ls, &le);
	f->source_line = mg_xstrndup(m->src.text + ls, le - ls);
	m->findings = mg_xrealloc(m->findings, (m->finding_count + 1) * sizeof(mg_finding *));
	m->findings[m->finding_count++] = f;
}

static mg_finding *new_finding(const mg_chain_check *c, char *message, char *help)
{
	mg_finding *f = mg_finding_new(c->rule, c->severity, message);
	mg_finding_set_help(f, help);
	return f;
}

mg_finding *mg_chain_report_at(mg_chain_check *c, mg_migration *m, const mg_graph_ref *at,
			       char *message, char *help)
{
	mg_finding *f = new_finding(c, message, help);
	mg_chain_place(f, m, at ? at->offset : m->src.body, at ? at->length : 0);
	return f;
}

void mg_chain_relate_migration(mg_finding *f, const mg_migration *m, const char *what)
{
	if (!f || !m->has_id)
		return;
	int line, column, end_line, end_column;
	mg_source_position(&m->src, m->id.offset, &line, &column);
	mg_source_position(&m->src, m->id.offset + m->id.length, &end_line, &end_column);
	mg_finding_add_related(f, m->path, line, column, end_line, end_column,
			       mg_xasprintf(what, m->id.text));
}

/* A finding at line `line`, column 1: names, missing partners, plan lines have nothing finer
 * to point at. */
static mg_finding *line_finding(const mg_chain_check *c, int line, const char *migration,
				char *message, char *help)
{
	mg_finding *f = new_finding(c, message, help);
	f->line = f->end_line = line;
	f->column = f->end_column = 1;
	f->migration = migration ? mg_xstrdup(migration) : NULL;
	return f;
}

mg_finding *mg_chain_report_entry(mg_chain_check *c, const mg_entry *e, char *message, char *help)
{
	mg_finding *f = line_finding(c, 1, e->version, message, help);
	return mg_history_report(c->layout, c->results, c->set, e, NULL, f);
}

mg_finding *mg_chain_report_line(mg_chain_check *c, const char *path, int line,
				 const char *source_line, const char *migration, char *message,
				 char *help)
{
	mg_finding *f = line_finding(c, line, migration, message, help);
	if (source_line)
		f->source_line = mg_xstrdup(source_line);
	return mg_history_report(c->layout, c->results, c->set, NULL, path, f);
}

void mg_chain_relate_entry(mg_finding *f, const mg_entry *other, const char *what)
{
	mg_history_relate(f, other, what);
}

void mg_chain_report_problems(mg_chain_check *c)
{
	if (c->graph) {
		for (size_t i = 0; i < c->graph->count; i++) {
			mg_migration *m = &c->graph->migrations[i];
			for (size_t k = 0; k < m->problems.len; k++) {
				const mg_chain_problem *p = &m->problems.items[k];
				mg_graph_ref at = {NULL, p->offset, p->length};
				if (p->rule == c->rule)
					mg_chain_report_at(c, m, &at, mg_xstrdup(p->message),
							   p->help ? mg_xstrdup(p->help) : NULL);
			}
		}
		return;
	}
	for (size_t i = 0; c->set && i < c->set->count; i++) {
		const mg_entry *e = &c->set->entries[i];
		if (e->problem && e->problem_rule == c->rule) {
			mg_finding *f = line_finding(c, 1, NULL, mg_xstrdup(e->problem), NULL);
			mg_history_report(c->layout, c->results, c->set, e, NULL, f);
		}
	}
}

bool mg_chain_in_history(const mg_entry *e)
{
	return !e->problem && e->version;
}

bool mg_chain_entry_added(const mg_chain_check *c, const mg_entry *e)
{
	if (!c->added)
		return false;
	char *real = mg_path_real(e->path);
	bool yes = false;
	for (char **a = c->added; real && *a && !yes; a++)
		yes = strcmp(*a, real) == 0;
	free(real);
	return yes;
}

bool mg_chain_entry_locked(const mg_chain_check *c, const mg_entry *e)
{
	if (!c->lock || !c->set || e < c->set->entries || e >= c->set->entries + c->set->count)
		return false;
	mg_lock_state st = c->lock->state[e - c->set->entries];
	return st == MG_LOCK_SAME || st == MG_LOCK_EDITED;
}

char *mg_chain_cycle_text(const mg_graph *g, const size_t *cycle, size_t len)
{
	mg_buf b;
	mg_buf_init(&b);
	for (size_t k = 0; k < len; k++)
		mg_buf_printf(&b, "%s -> ", g->migrations[cycle[k]].id.text);
	mg_buf_puts(&b, g->migrations[cycle[0]].id.text);
	return mg_buf_take(&b);
}

/* The id the writer most likely meant: one declared by a file named after the missing value,
 * else the closest id by edit distance or a shared prefix. */
const char *mg_chain_did_you_mean(const mg_graph *g, const mg_migration *self,
				  const char *missing)
{
	for (size_t i = 0; i < g->count; i++) {
		const mg_migration *m = &g->migrations[i];
		const char *stem = mg_path_base(m->path);
		size_t n = strlen(missing);
		if (m != self && m->has_id && strncmp(stem, missing, n) == 0 && (stem[n] == '.' || stem[n] == '\0'))
			return m->id.text;
	}
	const char *best = NULL;
	size_t best_d = strlen(missing) >= 6 ? 2 : 1, best_prefix = 0;
	for (size_t i = 0; i < g->count; i++) {
		const mg_migration *m = &g->migrations[i];
		if (m == self || !m->has_id)
			continue;
		size_t d = mg_edit_distance(missing, m->id.text, best_d);
		if (d <= best_d && (d < best_d || !best)) {
			best = m->id.text;
			best_d = d;
		}
	}
	if (best)
		return best;
	for (size_t i = 0; i < g->count; i++) {
		const mg_migration *m = &g->migrations[i];
		if (m == self || !m->has_id)
			continue;
		size_t p = 0;
		while (missing[p] && missing[p] == m->id.text[p])
			p++;
		if (p >= 4 && p > best_prefix) {
			best = m->id.text;
			best_prefix = p;
		}
	}
	return best;
}
