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

/* SARIF 2.1.0 (GitHub code scanning). */
void mg_report_sarif(FILE *out, const mg_file_result *files, size_t n);
/* GitHub Actions workflow commands: ::error file=...,line=...::message */
void mg_report_github(FILE *out, const mg_file_result *files, size_t n);
/* GitLab Code Quality JSON. */
void mg_report_gitlab(FILE *out, const mg_file_result *files, size_t n);

enum { MG_FINGERPRINT_SIZE = 40 };
/* Writes finding k of file's stable fingerprint: a hash of the rule and the flagged line's
 * text without white space (not its number, so it survives unrelated edits), then ":N" for
 * its occurrence among identical ones in the file. Unique within a file, not across files. */
void mg_fingerprint(char out[MG_FINGERPRINT_SIZE], const mg_file_result *file, size_t k);

#endif
