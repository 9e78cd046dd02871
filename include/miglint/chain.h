/* The one dispatcher of chain rules: every enabled rule of kind MG_RULE_CHAIN runs over every
 * history, Python graphs and version-ordered sets alike, with the facts computed once. */
#ifndef MIGLINT_CHAIN_H
#define MIGLINT_CHAIN_H

#include "miglint/chain_check.h"
#include "miglint/engine.h"
#include "miglint/graph.h"
#include "miglint/layout.h"

/* Runs the chain rules over graph g (shape MG_CHAIN_REVISIONS: the facts are computed here,
 * and g's heads and bases with them; MG_CHAIN_APPS: the reader resolved the graph). Findings
 * go to the migrations (mg_graph_results). */
void mg_chain_run_graph(mg_graph *g, mg_chain_shape shape, const mg_engine *eng);
/* Runs the chain rules over graph g of apps (MG_CHAIN_APPS) with the facts its reader
 * resolved. Findings go to the migrations. */
void mg_chain_run_apps(mg_graph *g, const mg_app_facts *apps, const mg_engine *eng);
/* Runs the chain rules over every set of layout l once its files are linted (results[i] for
 * l->files[i]). added: absolute paths of migrations added since --since, or NULL. */
void mg_chain_run_layout(mg_layout *l, mg_file_result *results, const mg_engine *eng,
			 char **added);

#endif
