/* miglint graph: the history as text (like alembic history), Graphviz dot, Mermaid, or JSON. */
#include "miglint/graph_print.h"

#include "miglint/common.h"

#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Ids sorted, for lookups in O(log n). */
typedef struct id_index {
	const char *id;
	size_t at;
} id_index;

static int by_id(const void *a, const void *b)
{
	return strcmp(((const id_index *)a)->id, ((const id_index *)b)->id);
}

static size_t lookup(const id_index *ix, size_t n, const char *id)
{
	id_index key = {id, 0};
	const id_index *hit = bsearch(&key, ix, n, sizeof(*ix), by_id);
	return hit ? hit->at : SIZE_MAX;
}

static id_index *index_of(const mg_graph *g, size_t *n_out)
{
	id_index *ix = mg_xcalloc(g->count ? g->count : 1, sizeof(*ix));
	size_t n = 0;
	for (size_t i = 0; i < g->count; i++)
		if (g->migrations[i].has_id)
			ix[n++] = (id_index){g->migrations[i].id.text, i};
	if (n)
		qsort(ix, n, sizeof(*ix), by_id);
	*n_out = n;
	return ix;
}

static bool is_head(const mg_graph *g, const char *id)
{
	for (size_t i = 0; i < g->head_count; i++)
		if (strcmp(g->heads[i], id) == 0)
			return true;
	return false;
}

static json_t *strings(const mg_graph_ref *refs, size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, json_string(refs[i].text));
	return a;
}

static json_t *graph_json(const mg_graph *g)
{
	json_t *migrations = json_array();
	for (size_t i = 0; i < g->count; i++) {
		const mg_migration *m = &g->migrations[i];
		json_array_append_new(migrations, json_pack("{s:o, s:s, s:o, s:o, s:o}",
			"id", m->has_id ? json_string(m->id.text) : json_null(), "path", m->path,
			"parents", strings(m->parents, m->parent_count),
			"depends_on", strings(m->depends_on, m->depends_count),
			"branch_labels", strings(m->labels, m->label_count)));
	}
	json_t *heads = json_array(), *bases = json_array();
	for (size_t i = 0; i < g->head_count; i++)
		json_array_append_new(heads, json_string(g->heads[i]));
	for (size_t i = 0; i < g->base_count; i++)
		json_array_append_new(bases, json_string(g->bases[i]));
	return json_pack("{s:s, s:s, s:o, s:o, s:o}", "root", g->root, "framework", g->framework,
			 "migrations", migrations, "heads", heads, "bases", bases);
}

static void print_json(FILE *out, const mg_graph *graphs, size_t n)
{
	json_t *list = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(list, graph_json(&graphs[i]));
	json_t *doc = json_pack("{s:i, s:o}", "version", 1, "graphs", list);
	json_dumpf(doc, out, JSON_INDENT(2));
	fputc('\n', out);
	json_decref(doc);
}

/* Newest first: a depth-first walk from the heads along parents, each revision once. */
static void print_text(FILE *out, const mg_graph *graphs, size_t n)
{
	for (size_t gi = 0; gi < n; gi++) {
		const mg_graph *g = &graphs[gi];
		fprintf(out, "%s (%s): %zu migration%s, %zu head%s, %zu base%s\n", g->root, g->framework,
			g->count, g->count == 1 ? "" : "s", g->head_count, g->head_count == 1 ? "" : "s", g->base_count,
			g->base_count == 1 ? "" : "s");
		bool *done = mg_xcalloc(g->count ? g->count : 1, sizeof(bool));
		size_t *stack = mg_xcalloc(g->count * 4 + 4, sizeof(size_t)), top = 0, cap = g->count * 4 + 4;
		id_index *ix = mg_xcalloc(g->count ? g->count : 1, sizeof(*ix));
		size_t nix = 0;
		size_t *kids = mg_xcalloc(g->count ? g->count : 1, sizeof(size_t));
		for (size_t i = 0; i < g->count; i++)
			if (g->migrations[i].has_id)
				ix[nix++] = (id_index){g->migrations[i].id.text, i};
		if (nix)
			qsort(ix, nix, sizeof(*ix), by_id);
		for (size_t i = 0; i < g->count; i++)
			for (size_t k = 0; k < g->migrations[i].parent_count; k++) {
				size_t p = lookup(ix, nix, g->migrations[i].parents[k].text);
				if (p != SIZE_MAX)
					kids[p]++;
			}
		for (size_t h = g->count; h-- > 0;) {
			if (!g->migrations[h].has_id || kids[h] != 0)
				continue;
			stack[top++] = h;
			while (top) {
				size_t v = stack[--top];
				if (done[v])
					continue;
				done[v] = true;
				const mg_migration *m = &g->migrations[v];
				mg_buf parents;
				mg_buf_init(&parents);
				for (size_t k = 0; k < m->parent_count; k++)
					mg_buf_printf(&parents, "%s%s%s", k ? ", " : "", m->parents[k].text,
						      lookup(ix, nix, m->parents[k].text) != SIZE_MAX ? "" : " (missing)");
				const char *id = m->has_id ? m->id.text : "?";
				fprintf(out, "  %s -> %s%s%s%s%s, %s\n", m->parent_count ? parents.data : "<base>", id,
					kids[v] == 0 ? " (head)" : "", m->parent_count > 1 ? " (mergepoint)" : "",
					kids[v] > 1 ? " (branchpoint)" : "",
					m->label_count ? " (labelled)" : "", m->path);
				mg_buf_dispose(&parents);
				for (size_t k = m->parent_count; k-- > 0;) {
					size_t j = lookup(ix, nix, m->parents[k].text);
					if (j == SIZE_MAX || done[j])
						continue;
					if (top == cap) {
						cap *= 2;
						stack = mg_xrealloc(stack, cap * sizeof(size_t));
					}
					stack[top++] = j;
				}
			}
		}
		for (size_t i = 0; i < g->count; i++)
			if (!done[i])
				fprintf(out, "  (not reachable from a head) %s, %s\n",
					g->migrations[i].has_id ? g->migrations[i].id.text : "?", g->migrations[i].path);
		free(done);
		free(stack);
		free(ix);
		free(kids);
	}
}

static void dot_id(FILE *out, const char *s)
{
	fputc('"', out);
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			fputc('\\', out);
		fputc(*s, out);
	}
	fputc('"', out);
}

static void print_dot(FILE *out, const mg_graph *graphs, size_t n)
{
	fputs("digraph migrations {\n  rankdir=BT;\n  node [shape=box, fontname=\"monospace\"];\n", out);
	for (size_t gi = 0; gi < n; gi++) {
		const mg_graph *g = &graphs[gi];
		size_t nix;
		id_index *ix = index_of(g, &nix);
		fprintf(out, "  subgraph cluster_%zu {\n    label=", gi);
		dot_id(out, g->root);
		fputs(";\n", out);
		for (size_t i = 0; i < g->count; i++) {
			const mg_migration *m = &g->migrations[i];
			if (!m->has_id)
				continue;
			char *label = mg_xasprintf("%s\\n%s", m->id.text, m->path);
			fputs("    ", out);
			dot_id(out, m->id.text);
			fprintf(out, " [label=\"%s\"%s];\n", label, is_head(g, m->id.text) ? ", style=bold" : "");
			free(label);
			for (size_t k = 0; k < m->parent_count; k++) {
				const char *p = m->parents[k].text;
				bool known = lookup(ix, nix, p) != SIZE_MAX;
				if (!known) {
					/* a broken link: a dashed edge to a node that no file declares */
					fputs("    ", out);
					dot_id(out, p);
					fputs(" [style=dashed, color=red, label=\"missing\"];\n", out);
				}
				fputs("    ", out);
				dot_id(out, m->id.text);
				fputs(" -> ", out);
				dot_id(out, p);
				fputs(known ? ";\n" : " [style=dashed, color=red];\n", out);
			}
			for (size_t k = 0; k < m->depends_count; k++) {
				fputs("    ", out);
				dot_id(out, m->id.text);
				fputs(" -> ", out);
				dot_id(out, m->depends_on[k].text);
				fputs(" [style=dotted, label=\"depends_on\"];\n", out);
			}
		}
		fputs("  }\n", out);
		free(ix);
	}
	fputs("}\n", out);
}

static void mermaid_id(FILE *out, const char *s)
{
	fputs("r_", out);
	for (; *s; s++)
		fputc((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ? *s : '_', out);
}

static void print_mermaid(FILE *out, const mg_graph *graphs, size_t n)
{
	fputs("graph BT\n", out);
	for (size_t gi = 0; gi < n; gi++) {
		const mg_graph *g = &graphs[gi];
		size_t nix;
		id_index *ix = index_of(g, &nix);
		for (size_t i = 0; i < g->count; i++) {
			const mg_migration *m = &g->migrations[i];
			if (!m->has_id)
				continue;
			fputs("  ", out);
			mermaid_id(out, m->id.text);
			fprintf(out, "[\"%s\"]\n", m->id.text);
			for (size_t k = 0; k < m->parent_count; k++) {
				fputs("  ", out);
				mermaid_id(out, m->id.text);
				fputs(lookup(ix, nix, m->parents[k].text) != SIZE_MAX ? " --> " : " -.->|missing| ", out);
				mermaid_id(out, m->parents[k].text);
				fputc('\n', out);
			}
		}
		free(ix);
	}
}

int mg_graph_print(FILE *out, const char *format, const mg_graph *graphs, size_t n)
{
	if (strcmp(format, "json") == 0)
		print_json(out, graphs, n);
	else if (strcmp(format, "dot") == 0)
		print_dot(out, graphs, n);
	else if (strcmp(format, "mermaid") == 0)
		print_mermaid(out, graphs, n);
	else if (strcmp(format, "text") == 0)
		print_text(out, graphs, n);
	else
		return MG_EUSAGE;
	return MG_OK;
}
