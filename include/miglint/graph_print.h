/* Printing migration graphs for `miglint graph`. */
#ifndef MIGLINT_GRAPH_PRINT_H
#define MIGLINT_GRAPH_PRINT_H

#include "miglint/graph.h"

#include <stdio.h>

/* Prints the graphs as "text", "dot", "mermaid" or "json" (version 1: {"version":1,
 * "graphs":[{"root","framework","migrations":[{"id","path","parents","depends_on",
 * "branch_labels"}],"heads","bases"}]}). Returns MG_EUSAGE for another format. */
int mg_graph_print(FILE *out, const char *format, const mg_graph *graphs, size_t n);

#endif
