/* Output formats. Each writes every finding of every file, already sorted, to out. */
#ifndef MIGLINT_REPORT_H
#define MIGLINT_REPORT_H

#include "miglint/engine.h"

#include <stdbool.h>
#include <stdio.h>

typedef struct mg_summary {
	size_t files, files_with_findings, findings, errors, warnings, infos;
} mg_summary;

void mg_summary_count(mg_summary *out, const mg_file_result *files, size_t n);

/* gcc-style lines with the source line, a caret span and the help; a closing summary line
 * unless quiet. */
void mg_report_text(FILE *out, const mg_file_result *files, size_t n, bool color, bool quiet);
/* The versioned JSON document (docs/miglint.schema.json). */
void mg_report_json(FILE *out, const mg_file_result *files, size_t n);

#endif
