/* The facts of a migration graph that the chain rules (rules/chain/) share, following
 * Alembic's semantics: a head is a revision that no other revision names as its down_revision
 * (depends_on does not count); a base has no down_revision; heads whose branches carry
 * different branch labels are separate branches on purpose (expand/contract layouts). */
#include "miglint/graph.h"

#include "miglint/chain_check.h"
#include "miglint/common.h"
#include "miglint/rule.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ---- a string -> index map ---------------------------------------------------------------- */

typedef struct index_map {
	const char **keys;
	size_t *values;
	size_t cap;
} index_map;

static void map_init(index_map *m, size_t n)
{
	m->cap = 16;
	while (m->cap < n * 2 + 2)
		m->cap *= 2;
	m->keys = mg_xcalloc(m->cap, sizeof(char *));
	m->values = mg_xcalloc(m->cap, sizeof(size_t));
}

static void map_dispose(index_map *m)
{
	free(m->keys);
	free(m->values);
}

/* Returns the value for key, or SIZE_MAX. */
static size_t map_get(const index_map *m, const char *key)
{
	for (size_t i = (size_t)mg_hash(key, strlen(key)) & (m->cap - 1); m->keys[i]; i = (i + 1) & (m->cap - 1))
		if (strcmp(m->keys[i], key) == 0)
			return m->values[i];
	return SIZE_MAX;
}

/* Adds key unless present; returns the value already there, or SIZE_MAX. */
static size_t map_put(index_map *m, const char *key, size_t value)
{
	size_t i = (size_t)mg_hash(key, strlen(key)) & (m->cap - 1);
	for (; m->keys[i]; i = (i + 1) & (m->cap - 1))
		if (strcmp(m->keys[i], key) == 0)
			return m->values[i];
	m->keys[i] = key;
	m->values[i] = value;
	return SIZE_MAX;
}

/* ---- findings ----------------------------------------------------------------------------- */

mg_finding *mg_graph_finding(const mg_engine *eng, mg_migration *m, const mg_rule *r,
			     size_t offset, size_t length, char *message, char *help)
{
	if (!mg_engine_enabled(eng, r)) {
		free(message);
		free(help);
		return NULL;
	}
	mg_finding *f = mg_finding_new(r, mg_engine_severity(eng, r), message);
	mg_finding_set_help(f, help);
	mg_chain_place(f, m, offset, length);
	return f;
}

void mg_graph_problem(mg_migration *m, const mg_rule *r, size_t offset, size_t length,
		      char *message, char *help)
{
	mg_chain_problem p = {r, offset, length, message, help};
	MG_VEC_PUSH(m->problems, p);
}

/* ---- cycles ------------------------------------------------------------------------------- */

void mg_graph_find_cycles(size_t n, size_t *const *edges, const size_t *edge_count,
			  const bool *skip, mg_cycle_fn found, void *arg)
{
	unsigned char *color = mg_xcalloc(n ? n : 1, 1); /* 0 new, 1 on the stack, 2 done */
	size_t *stack = mg_xcalloc(n ? n : 1, sizeof(size_t)), *next = mg_xcalloc(n ? n : 1, sizeof(size_t));
	for (size_t s = 0; s < n; s++) {
		if (color[s] || (skip && skip[s]))
			continue;
		size_t top = 0;
		stack[top++] = s;
		color[s] = 1;
		while (top) {
			size_t v = stack[top - 1];
			if (next[v] >= edge_count[v]) {
				color[v] = 2;
				top--;
				continue;
			}
			size_t edge = next[v]++, w = edges[v][edge];
			if (w == SIZE_MAX)
				continue;
			if (color[w] == 0) {
				color[w] = 1;
				stack[top++] = w;
			} else if (color[w] == 1) {
				size_t from = top;
				while (from > 0 && stack[from - 1] != w)
					from--;
				found(arg, stack + from - 1, top - from + 1, edge);
			}
		}
	}
	free(color);
	free(stack);
	free(next);
}

typedef struct cycle_collect {
	const mg_graph *g;
	mg_graph_facts *facts;
} cycle_collect;

/* Keeps a cycle; the closing edge says whether it runs through depends_on. */
static void keep_cycle(void *arg, const size_t *cycle, size_t len, size_t edge)
{
	cycle_collect *cc = arg;
	mg_chain_cycle c = {mg_xcalloc(len, sizeof(size_t)), len,
			    edge >= cc->g->migrations[cycle[len - 1]].parent_count};
	memcpy(c.migrations, cycle, len * sizeof(size_t));
	MG_VEC_PUSH(cc->facts->cycles, c);
}

/* Cycles over the edges a revision waits for: its down_revisions, then its depends_on, as
 * Alembic's DependencyCycleDetected does. A duplicate id counts once, as in Alembic's map. */
static void find_cycles(mg_graph_facts *f, const mg_graph *g)
{
	bool *skip = mg_xcalloc(g->count ? g->count : 1, sizeof(bool));
	for (size_t i = 0; i < g->count; i++)
		skip[i] = f->first_with_id[i] != i;
	cycle_collect cc = {g, f};
	mg_graph_find_cycles(g->count, f->edges, f->edge_count, skip, keep_cycle, &cc);
	free(skip);
}

/* ---- heads and bases ---------------------------------------------------------------------- */

/* Effective branch labels: a revision's own, and those of its ancestors. */
typedef MG_VEC(const char *) label_set;

static void add_label(label_set *s, const char *l)
{
	for (size_t i = 0; i < s->len; i++)
		if (strcmp(s->items[i], l) == 0)
			return;
	MG_VEC_PUSH(*s, l);
}

static int compare_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static char *label_key(label_set *s)
{
	if (s->len)
		qsort(s->items, s->len, sizeof(char *), compare_str);
	mg_buf b;
	mg_buf_init(&b);
	for (size_t i = 0; i < s->len; i++)
		mg_buf_printf(&b, "%s\x1f", s->items[i]);
	return mg_buf_take(&b);
}

/* The effective labels of every revision: labels flow from parents to children, in
 * topological order (Kahn). */
static label_set *effective_labels(const mg_graph *g, size_t *const *parent_idx, bool *is_parent)
{
	size_t n = g->count;
	size_t *pending = mg_xcalloc(n ? n : 1, sizeof(size_t));
	size_t **children = mg_xcalloc(n ? n : 1, sizeof(size_t *));
	size_t *child_count = mg_xcalloc(n ? n : 1, sizeof(size_t));
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < g->migrations[i].parent_count; k++) {
			size_t p = parent_idx[i][k];
			if (p == SIZE_MAX)
				continue;
			is_parent[p] = true;
			pending[i]++;
			children[p] = mg_xrealloc(children[p], (child_count[p] + 1) * sizeof(size_t));
			children[p][child_count[p]++] = i;
		}
	label_set *eff = mg_xcalloc(n ? n : 1, sizeof(label_set));
	size_t *queue = mg_xcalloc(n ? n : 1, sizeof(size_t)), qh = 0, qt = 0;
	for (size_t i = 0; i < n; i++)
		if (!pending[i])
			queue[qt++] = i;
	while (qh < qt) {
		size_t v = queue[qh++];
		for (size_t k = 0; k < g->migrations[v].label_count; k++)
			add_label(&eff[v], g->migrations[v].labels[k].text);
		for (size_t c = 0; c < child_count[v]; c++) {
			size_t w = children[v][c];
			for (size_t k = 0; k < eff[v].len; k++)
				add_label(&eff[w], eff[v].items[k]);
			if (--pending[w] == 0)
				queue[qt++] = w;
		}
	}
	for (size_t i = 0; i < n; i++)
		free(children[i]);
	free(children);
	free(child_count);
	free(queue);
	free(pending);
	return eff;
}

static void heads_and_bases(mg_graph_facts *f, mg_graph *g)
{
	size_t n = g->count;
	bool *is_parent = mg_xcalloc(n ? n : 1, sizeof(bool));
	label_set *eff = effective_labels(g, f->edges, is_parent);
	MG_VEC(char *) heads = {0};
	MG_VEC(char *) bases = {0};
	for (size_t i = 0; i < n; i++) {
		mg_migration *m = &g->migrations[i];
		if (f->first_with_id[i] != i)
			continue; /* a duplicate id counts once, as Alembic's map does */
		if (!is_parent[i]) {
			MG_VEC_PUSH(heads, mg_xstrdup(m->id.text));
			mg_chain_head h = {i, label_key(&eff[i])};
			MG_VEC_PUSH(f->heads, h);
		}
		if (m->has_parents && m->parent_count == 0)
			MG_VEC_PUSH(bases, mg_xstrdup(m->id.text));
	}
	f->links_whole = true;
	for (size_t i = 0; i < n; i++) {
		const mg_migration *m = &g->migrations[i];
		f->links_whole = f->links_whole && m->has_id && m->has_parents && !m->unreadable_vars;
		for (size_t k = 0; k < m->parent_count; k++)
			f->links_whole = f->links_whole && f->edges[i][k] != SIZE_MAX;
	}
	g->heads = heads.items;
	g->head_count = heads.len;
	g->bases = bases.items;
	g->base_count = bases.len;
	for (size_t i = 0; i < n; i++)
		free(eff[i].items);
	free(eff);
	free(is_parent);
}

/* ---- facts -------------------------------------------------------------------------------- */

/* Ids and labels, first declaration first; then each migration's edges. */
static void resolve_names(mg_graph_facts *f, const mg_graph *g)
{
	size_t n = g->count, nlabels = 0;
	for (size_t i = 0; i < n; i++)
		nlabels += g->migrations[i].label_count;
	index_map ids, labels;
	map_init(&ids, n);
	map_init(&labels, nlabels);
	f->first_with_id = mg_xcalloc(n ? n : 1, sizeof(size_t));
	f->first_with_label = mg_xcalloc(n ? n : 1, sizeof(size_t *));
	for (size_t i = 0; i < n; i++) {
		const mg_migration *m = &g->migrations[i];
		size_t first = m->has_id ? map_put(&ids, m->id.text, i) : SIZE_MAX;
		f->first_with_id[i] = !m->has_id ? SIZE_MAX : first == SIZE_MAX ? i : first;
		f->first_with_label[i] = mg_xcalloc(m->label_count + 1, sizeof(size_t));
		for (size_t k = 0; k < m->label_count; k++) {
			first = map_put(&labels, m->labels[k].text, i);
			f->first_with_label[i][k] = first == SIZE_MAX ? i : first;
		}
	}
	f->edges = mg_xcalloc(n ? n : 1, sizeof(size_t *));
	f->edge_count = mg_xcalloc(n ? n : 1, sizeof(size_t));
	for (size_t i = 0; i < n; i++) {
		const mg_migration *m = &g->migrations[i];
		f->edges[i] = mg_xcalloc(m->parent_count + m->depends_count + 1, sizeof(size_t));
		for (size_t k = 0; k < m->parent_count; k++)
			f->edges[i][f->edge_count[i]++] = map_get(&ids, m->parents[k].text);
		for (size_t k = 0; k < m->depends_count; k++) {
			size_t d = map_get(&ids, m->depends_on[k].text);
			if (d == SIZE_MAX)
				d = map_get(&labels, m->depends_on[k].text);
			f->edges[i][f->edge_count[i]++] = d;
		}
	}
	map_dispose(&ids);
	map_dispose(&labels);
}

void mg_graph_facts_build(mg_graph_facts *out, mg_graph *g)
{
	memset(out, 0, sizeof(*out));
	resolve_names(out, g);
	find_cycles(out, g);
	heads_and_bases(out, g);
}

void mg_graph_app_facts_dispose(mg_app_facts *f, size_t migration_count)
{
	if (!f)
		return;
	for (size_t i = 0; i < f->unknown.len; i++)
		free(f->unknown.items[i].app), free(f->unknown.items[i].name);
	free(f->unknown.items);
	free(f->self.items);
	for (size_t i = 0; i < f->cycles.len; i++)
		free(f->cycles.items[i].migrations);
	free(f->cycles.items);
	for (size_t i = 0; i < migration_count; i++)
		free(f->app[i]), free(f->name[i]);
	free(f->app);
	free(f->name);
	free(f->leaf);
	memset(f, 0, sizeof(*f));
}

void mg_graph_facts_dispose(mg_graph_facts *f, size_t migration_count)
{
	if (!f)
		return;
	for (size_t i = 0; i < migration_count; i++) {
		free(f->first_with_label[i]);
		free(f->edges[i]);
	}
	free(f->first_with_label);
	free(f->edges);
	free(f->edge_count);
	free(f->first_with_id);
	for (size_t i = 0; i < f->cycles.len; i++)
		free(f->cycles.items[i].migrations);
	free(f->cycles.items);
	for (size_t i = 0; i < f->heads.len; i++)
		free(f->heads.items[i].branch);
	free(f->heads.items);
	memset(f, 0, sizeof(*f));
}

void mg_graph_init(mg_graph *g, const char *root, const char *framework, size_t n)
{
	memset(g, 0, sizeof(*g));
	g->root = mg_xstrdup(root);
	g->framework = framework;
	g->migrations = mg_xcalloc(n ? n : 1, sizeof(mg_migration));
}

void mg_graph_results(mg_graph *g, mg_file_result *results)
{
	for (size_t i = 0; i < g->count; i++) {
		mg_migration *m = &g->migrations[i];
		mg_file_result *r = &results[i];
		memset(r, 0, sizeof(*r));
		r->path = mg_xstrdup(m->path);
		r->unreadable = m->src.read_error != NULL;
		r->findings = m->findings;
		r->count = m->finding_count;
		for (size_t k = 0; k < r->count; k++)
			r->findings[k]->path = r->path;
		if (r->count)
			qsort(r->findings, r->count, sizeof(mg_finding *), mg_finding_compare);
		m->findings = NULL;
		m->finding_count = 0;
	}
}

static void free_refs(mg_graph_ref *refs, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(refs[i].text);
	free(refs);
}

static void dispose_migration(mg_migration *m)
{
	free(m->path);
	mg_source_dispose(&m->src);
	free(m->id.text);
	free_refs(m->parents, m->parent_count);
	free_refs(m->depends_on, m->depends_count);
	free_refs(m->labels, m->label_count);
	for (size_t k = 0; k < m->problems.len; k++)
		free(m->problems.items[k].message), free(m->problems.items[k].help);
	free(m->problems.items);
	for (size_t k = 0; k < m->finding_count; k++)
		mg_finding_free(m->findings[k]);
	free(m->findings);
	free(m->doc_id.text);
	free(m->doc_revises.text);
	for (size_t k = 0; k < m->sql_count; k++) {
		free(m->sql[k].function);
		free(m->sql[k].text);
		free(m->sql[k].map);
	}
	free(m->sql);
	memset(m, 0, sizeof(*m));
}

void mg_graph_dispose(mg_graph *g)
{
	if (!g)
		return;
	for (size_t i = 0; i < g->count; i++)
		dispose_migration(&g->migrations[i]);
	free(g->migrations);
	for (size_t i = 0; i < g->head_count; i++)
		free(g->heads[i]);
	free(g->heads);
	for (size_t i = 0; i < g->base_count; i++)
		free(g->bases[i]);
	free(g->bases);
	free(g->root);
	memset(g, 0, sizeof(*g));
}
