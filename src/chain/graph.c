/* Chain checks over a migration graph (MG1xx), following Alembic's semantics: a head is a
 * revision that no other revision names as its down_revision (depends_on does not count); a
 * base has no down_revision; heads whose branches carry different branch labels are separate
 * branches on purpose (expand/contract layouts), not a problem. */
#include "miglint/graph.h"

#include "miglint/common.h"
#include "miglint/paths.h"
#include "miglint/rule.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

extern const mg_rule mg_rule_unknown_parent, mg_rule_multiple_heads, mg_rule_multiple_bases,
	mg_rule_revision_cycle, mg_rule_duplicate_revision, mg_rule_unknown_dependency,
	mg_rule_duplicate_branch_label, mg_rule_invalid_revision_id, mg_rule_missing_revision_variable,
	mg_rule_docstring_mismatch;

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

mg_finding *mg_chain_finding(const mg_engine *eng, const mg_rule *r, char *message, char *help)
{
	if (!mg_engine_enabled(eng, r)) {
		free(message);
		free(help);
		return NULL;
	}
	mg_finding *f = mg_xcalloc(1, sizeof(*f));
	f->rule = r;
	f->severity = mg_engine_severity(eng, r);
	f->message = message;
	f->help = help ? help : mg_xstrdup(r->help);
	return f;
}

mg_finding *mg_graph_finding(const mg_engine *eng, mg_migration *m, const mg_rule *r,
			     size_t offset, size_t length, char *message, char *help)
{
	mg_finding *f = mg_chain_finding(eng, r, message, help);
	if (!f)
		return NULL;
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
	return f;
}

static mg_finding *report(const mg_engine *eng, mg_migration *m, const mg_rule *r,
			  const mg_graph_ref *at, char *message, char *help)
{
	size_t off = at ? at->offset : m->src.body, len = at ? at->length : 0;
	return mg_graph_finding(eng, m, r, off, len, message, help);
}

/* Adds migration m's revision id as a related location of finding f. */
static void relate(mg_finding *f, mg_migration *m, const char *message)
{
	if (!f || !m->has_id)
		return;
	f->related = mg_xrealloc(f->related, (f->related_count + 1) * sizeof(mg_related));
	mg_related *r = &f->related[f->related_count++];
	r->path = mg_xstrdup(m->path);
	mg_source_position(&m->src, m->id.offset, &r->line, &r->column);
	mg_source_position(&m->src, m->id.offset + m->id.length, &r->end_line, &r->end_column);
	r->message = mg_xasprintf(message, m->id.text);
}


/* ---- did you mean ------------------------------------------------------------------------- */

/* The id the writer most likely meant: one declared by a file named after the missing value,
 * else the closest id by edit distance or a shared prefix. */
static const char *did_you_mean(const mg_graph *g, const char *missing)
{
	for (size_t i = 0; i < g->count; i++) {
		const mg_migration *m = &g->migrations[i];
		const char *stem = mg_path_base(m->path);
		size_t n = strlen(missing);
		if (m->has_id && strncmp(stem, missing, n) == 0 && (stem[n] == '.' || stem[n] == '\0'))
			return m->id.text;
	}
	const char *best = NULL;
	size_t best_d = strlen(missing) >= 6 ? 2 : 1, best_prefix = 0;
	for (size_t i = 0; i < g->count; i++) {
		const mg_migration *m = &g->migrations[i];
		if (!m->has_id)
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
		if (!m->has_id)
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

/* ---- the checks --------------------------------------------------------------------------- */

static void check_variables(mg_graph *g, const mg_engine *eng)
{
	for (size_t i = 0; i < g->count; i++) {
		mg_migration *m = &g->migrations[i];
		if (m->unreadable_vars)
			continue; /* already reported: assigned, but not readable without running it */
		if (!m->has_id)
			report(eng, m, &mg_rule_missing_revision_variable, NULL,
			       mg_xstrdup("no module-level `revision = \"...\"`: Alembic cannot place this file"), NULL);
		else if (strpbrk(m->id.text, "@-+:") || !m->id.text[0])
			report(eng, m, &mg_rule_invalid_revision_id, &m->id,
			       mg_xasprintf("revision id '%s' contains a character Alembic reserves (@ - + :) or is empty",
					    m->id.text), NULL);
		if (!m->has_parents)
			report(eng, m, &mg_rule_missing_revision_variable, m->has_id ? &m->id : NULL,
			       mg_xstrdup("no module-level `down_revision`: write `down_revision = None` for a base"),
			       NULL);
	}
}

static void check_duplicates(mg_graph *g, const mg_engine *eng, index_map *ids)
{
	for (size_t i = 0; i < g->count; i++) {
		mg_migration *m = &g->migrations[i];
		if (!m->has_id)
			continue;
		size_t first = map_put(ids, m->id.text, i);
		if (first == SIZE_MAX)
			continue;
		mg_migration *o = &g->migrations[first];
		mg_finding *f = report(eng, m, &mg_rule_duplicate_revision, &m->id,
		       mg_xasprintf("revision id '%s' is also declared by %s", m->id.text, o->path),
		       mg_xstrdup("give one of the two files a new revision id (and fix what points at it)"));
		relate(f, o, "the other declaration of '%s'");
		f = report(eng, o, &mg_rule_duplicate_revision, &o->id,
		       mg_xasprintf("revision id '%s' is also declared by %s", o->id.text, m->path),
		       mg_xstrdup("give one of the two files a new revision id (and fix what points at it)"));
		relate(f, m, "the other declaration of '%s'");
	}
}

static void check_labels(mg_graph *g, const mg_engine *eng, index_map *labels)
{
	for (size_t i = 0; i < g->count; i++) {
		mg_migration *m = &g->migrations[i];
		for (size_t k = 0; k < m->label_count; k++) {
			size_t first = map_put(labels, m->labels[k].text, i);
			if (first != SIZE_MAX && first != i)
				report(eng, m, &mg_rule_duplicate_branch_label, &m->labels[k],
				       mg_xasprintf("branch label '%s' is also given by %s", m->labels[k].text,
						    g->migrations[first].path),
				       mg_xstrdup("a branch label names one branch: rename one of them"));
		}
	}
}

static void check_links(mg_graph *g, const mg_engine *eng, const index_map *ids, const index_map *labels)
{
	for (size_t i = 0; i < g->count; i++) {
		mg_migration *m = &g->migrations[i];
		for (size_t k = 0; k < m->parent_count; k++) {
			const char *p = m->parents[k].text;
			if (map_get(ids, p) != SIZE_MAX)
				continue;
			const char *guess = did_you_mean(g, p);
			report(eng, m, &mg_rule_unknown_parent, &m->parents[k],
			       guess ? mg_xasprintf("down_revision '%s' is not declared by any migration; did you mean '%s'?", p, guess)
				     : mg_xasprintf("down_revision '%s' is not declared by any migration", p),
			       guess ? mg_xasprintf("down_revision = '%s'", guess)
				     : mg_xstrdup("point down_revision at an existing revision id (alembic history lists them)"));
		}
		for (size_t k = 0; k < m->depends_count; k++) {
			const char *d = m->depends_on[k].text;
			if (map_get(ids, d) != SIZE_MAX || map_get(labels, d) != SIZE_MAX)
				continue;
			const char *guess = did_you_mean(g, d);
			report(eng, m, &mg_rule_unknown_dependency, &m->depends_on[k],
			       guess ? mg_xasprintf("depends_on '%s' names no revision or branch label; did you mean '%s'?", d, guess)
				     : mg_xasprintf("depends_on '%s' names no revision or branch label", d),
			       NULL);
		}
	}
}

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

char *mg_graph_cycle_text(const mg_graph *g, const size_t *cycle, size_t len)
{
	mg_buf b;
	mg_buf_init(&b);
	for (size_t k = 0; k < len; k++)
		mg_buf_printf(&b, "%s -> ", g->migrations[cycle[k]].id.text);
	mg_buf_puts(&b, g->migrations[cycle[0]].id.text);
	return mg_buf_take(&b);
}

typedef struct cycle_report {
	mg_graph *g;
	const mg_engine *eng;
} cycle_report;

/* Reports a cycle at the revision where it is first entered; the closing edge says whether
 * it runs through depends_on. */
static void report_cycle(void *arg, const size_t *cycle, size_t len, size_t edge)
{
	cycle_report *cr = arg;
	mg_migration *at = &cr->g->migrations[cycle[0]];
	bool via_depends = edge >= cr->g->migrations[cycle[len - 1]].parent_count;
	char *text = mg_graph_cycle_text(cr->g, cycle, len);
	report(cr->eng, at, &mg_rule_revision_cycle, &at->id,
	       len == 1 ? mg_xasprintf("revision '%s' is its own %s", at->id.text,
				       via_depends ? "dependency" : "down_revision")
			: mg_xasprintf("revision %scycle: %s", via_depends ? "dependency " : "", text),
	       mg_xstrdup("break the cycle: one of these down_revision values must point further back"));
	free(text);
}

/* Cycles over the edges a revision waits for: its down_revisions, then its depends_on (a
 * revision id, or the revision a branch label is on), as Alembic's DependencyCycleDetected
 * does. A duplicate id counts once, as in Alembic's map. */
static void check_cycles(mg_graph *g, const mg_engine *eng, const index_map *ids, size_t **edge_idx,
			 const size_t *edge_count)
{
	bool *skip = mg_xcalloc(g->count ? g->count : 1, sizeof(bool));
	for (size_t i = 0; i < g->count; i++)
		skip[i] = !g->migrations[i].has_id || map_get(ids, g->migrations[i].id.text) != i;
	cycle_report cr = {g, eng};
	mg_graph_find_cycles(g->count, edge_idx, edge_count, skip, report_cycle, &cr);
	free(skip);
}

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

static void heads_and_bases(mg_graph *g, const mg_engine *eng, const index_map *ids, size_t **parent_idx)
{
	size_t n = g->count;
	bool *is_parent = mg_xcalloc(n ? n : 1, sizeof(bool));
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
	/* labels flow from parents to children, in topological order (Kahn) */
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
	MG_VEC(char *) heads = {0};
	MG_VEC(char *) bases = {0};
	MG_VEC(char *) head_keys = {0};
	MG_VEC(size_t) head_idx = {0};
	for (size_t i = 0; i < n; i++) {
		mg_migration *m = &g->migrations[i];
		if (!m->has_id || map_get(ids, m->id.text) != i)
			continue; /* a duplicate id counts once, as Alembic's map does */
		if (!is_parent[i]) {
			MG_VEC_PUSH(heads, mg_xstrdup(m->id.text));
			MG_VEC_PUSH(head_keys, label_key(&eff[i]));
			MG_VEC_PUSH(head_idx, i);
		}
		if (m->has_parents && m->parent_count == 0)
			MG_VEC_PUSH(bases, mg_xstrdup(m->id.text));
	}
	/* Heads on the same branch (the same labels) are a problem, but only once every link is
	 * read and resolved: Alembic stops at a broken link before it has heads, and so do the
	 * heads computed here (fix MG101/MG109 first). */
	bool links_whole = true;
	for (size_t i = 0; i < n; i++) {
		const mg_migration *m = &g->migrations[i];
		links_whole = links_whole && m->has_id && m->has_parents && !m->unreadable_vars;
		for (size_t k = 0; k < m->parent_count; k++)
			links_whole = links_whole && parent_idx[i][k] != SIZE_MAX;
	}
	for (size_t a = 0; links_whole && a < heads.len; a++) {
		mg_buf names;
		mg_buf_init(&names);
		size_t same = 0;
		for (size_t b = 0; b < heads.len; b++) {
			if (strcmp(head_keys.items[a], head_keys.items[b]) != 0)
				continue;
			mg_buf_printf(&names, "%s'%s' (%s)", same ? ", " : "", heads.items[b],
				      g->migrations[head_idx.items[b]].path);
			same++;
		}
		if (same > 1) {
			mg_buf ids_only;
			mg_buf_init(&ids_only);
			for (size_t b = 0; b < heads.len; b++)
				if (strcmp(head_keys.items[a], head_keys.items[b]) == 0)
					mg_buf_printf(&ids_only, " %s", heads.items[b]);
			mg_migration *m = &g->migrations[head_idx.items[a]];
			mg_finding *f = report(eng, m, &mg_rule_multiple_heads, &m->id,
			       mg_xasprintf("%zu heads on one branch: %s", same, names.data),
			       mg_xasprintf("merge them: alembic merge -m \"merge heads\"%s", ids_only.data));
			for (size_t b = 0; b < heads.len; b++)
				if (b != a && strcmp(head_keys.items[a], head_keys.items[b]) == 0)
					relate(f, &g->migrations[head_idx.items[b]], "head '%s'");
			mg_buf_dispose(&ids_only);
		}
		mg_buf_dispose(&names);
	}
	/* bases without branch labels of their own: more than one is a split history */
	size_t unlabeled = 0;
	for (size_t i = 0; i < n; i++) {
		mg_migration *m = &g->migrations[i];
		unlabeled += m->has_id && m->has_parents && m->parent_count == 0 && m->label_count == 0 &&
			     map_get(ids, m->id.text) == i;
	}
	if (unlabeled > 1) {
		for (size_t i = 0; i < n; i++) {
			mg_migration *m = &g->migrations[i];
			if (m->has_id && m->has_parents && m->parent_count == 0 && m->label_count == 0 &&
			    map_get(ids, m->id.text) == i)
				report(eng, m, &mg_rule_multiple_bases, &m->id,
				       mg_xasprintf("revision '%s' is one of %zu bases (down_revision = None) without a branch label",
						    m->id.text, unlabeled),
				       mg_xstrdup("point down_revision at the previous revision, or give the new root a branch label"));
		}
	}
	g->heads = heads.items;
	g->head_count = heads.len;
	g->bases = bases.items;
	g->base_count = bases.len;
	for (size_t i = 0; i < head_keys.len; i++)
		free(head_keys.items[i]);
	free(head_keys.items);
	free(head_idx.items);
	for (size_t i = 0; i < n; i++) {
		free(children[i]);
		free(eff[i].items);
	}
	free(children);
	free(child_count);
	free(eff);
	free(queue);
	free(pending);
	free(is_parent);
}

static bool same_revises(const mg_migration *m)
{
	/* "Revises: a, b" lists the down revisions; empty for a base */
	mg_buf b;
	mg_buf_init(&b);
	for (size_t k = 0; k < m->parent_count; k++)
		mg_buf_printf(&b, "%s%s", k ? ", " : "", m->parents[k].text);
	bool same = strcmp(b.data ? b.data : "", m->doc_revises.text) == 0;
	mg_buf_dispose(&b);
	return same;
}

static void check_docstrings(mg_graph *g, const mg_engine *eng)
{
	for (size_t i = 0; i < g->count; i++) {
		mg_migration *m = &g->migrations[i];
		if (m->has_doc_id && m->has_id && strcmp(m->doc_id.text, m->id.text) != 0)
			report(eng, m, &mg_rule_docstring_mismatch, &m->doc_id,
			       mg_xasprintf("the docstring says Revision ID: %s, but revision = '%s'", m->doc_id.text, m->id.text),
			       mg_xasprintf("make the docstring say Revision ID: %s", m->id.text));
		if (m->has_doc_revises && m->has_parents && !same_revises(m))
			report(eng, m, &mg_rule_docstring_mismatch, &m->doc_revises,
			       mg_xasprintf("the docstring says Revises: %s, but down_revision says otherwise", m->doc_revises.text),
			       mg_xstrdup("make the docstring's Revises: line list the down_revision values"));
	}
}

void mg_graph_init(mg_graph *g, const char *root, const char *framework, size_t n)
{
	memset(g, 0, sizeof(*g));
	g->root = mg_xstrdup(root);
	g->framework = framework;
	g->migrations = mg_xcalloc(n ? n : 1, sizeof(mg_migration));
}

void mg_graph_check(mg_graph *g, const mg_engine *eng)
{
	index_map ids, labels;
	map_init(&ids, g->count);
	size_t nlabels = 0;
	for (size_t i = 0; i < g->count; i++)
		nlabels += g->migrations[i].label_count;
	map_init(&labels, nlabels);
	check_variables(g, eng);
	check_duplicates(g, eng, &ids);
	check_labels(g, eng, &labels);
	check_links(g, eng, &ids, &labels);
	/* edges: the parents first (parent_idx[i][0..parent_count)), then resolved depends_on */
	size_t **parent_idx = mg_xcalloc(g->count ? g->count : 1, sizeof(size_t *));
	size_t *edge_count = mg_xcalloc(g->count ? g->count : 1, sizeof(size_t));
	for (size_t i = 0; i < g->count; i++) {
		mg_migration *m = &g->migrations[i];
		parent_idx[i] = mg_xcalloc(m->parent_count + m->depends_count + 1, sizeof(size_t));
		for (size_t k = 0; k < m->parent_count; k++)
			parent_idx[i][edge_count[i]++] = map_get(&ids, m->parents[k].text);
		for (size_t k = 0; k < m->depends_count; k++) {
			size_t d = map_get(&ids, m->depends_on[k].text);
			if (d == SIZE_MAX)
				d = map_get(&labels, m->depends_on[k].text);
			parent_idx[i][edge_count[i]++] = d;
		}
	}
	check_cycles(g, eng, &ids, parent_idx, edge_count);
	free(edge_count);
	heads_and_bases(g, eng, &ids, parent_idx);
	check_docstrings(g, eng);
	for (size_t i = 0; i < g->count; i++)
		free(parent_idx[i]);
	free(parent_idx);
	map_dispose(&ids);
	map_dispose(&labels);
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

void mg_graph_dispose(mg_graph *g)
{
	if (!g)
		return;
	for (size_t i = 0; i < g->count; i++) {
		mg_migration *m = &g->migrations[i];
		free(m->path);
		mg_source_dispose(&m->src);
		free(m->id.text);
		free_refs(m->parents, m->parent_count);
		free_refs(m->depends_on, m->depends_count);
		free_refs(m->labels, m->label_count);
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
	}
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
