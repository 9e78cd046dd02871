/* Migration files that hold the up and the down migration in one file, with marker comments:
 * goose (-- +goose Up / Down, -- +goose NO TRANSACTION) and dbmate (-- migrate:up,
 * -- migrate:down, transaction:false). Each section is a run of its own, and both tools run a
 * section inside a transaction unless told otherwise. The markers are read here; what each
 * tool makes of them is in its own file. */
#ifndef MIGLINT_SECTIONS_H
#define MIGLINT_SECTIONS_H

#include "miglint/common.h"
#include "miglint/unit.h"

#include <stdbool.h>
#include <stddef.h>

typedef enum mg_section_tool { MG_SECTIONS_NONE, MG_SECTIONS_GOOSE, MG_SECTIONS_DBMATE } mg_section_tool;

typedef struct mg_sections {
	mg_section_tool tool;
	size_t down;          /* offset of the down marker's line, or the file's length */
	bool up_in_transaction;
	bool down_in_transaction;
	/* what the tool would refuse */
	size_t up;            /* offset of the up marker's line, or the file's length */
	size_t first_marker;  /* offset of the first marker line, or the file's length */
	size_t open_begin;    /* a goose StatementBegin with no StatementEnd, or the length */
	MG_VEC(size_t) statement_ends; /* goose StatementEnd lines, in order (owned) */
	MG_VEC(size_t) statement_begins; /* for each of those, its StatementBegin line (or the
					  * file's length when it has none) (owned) */
} mg_sections;

/* Finds the markers in text[from, len). Release with mg_sections_dispose. */
void mg_sections_find(mg_sections *out, const char *text, size_t from, size_t len);
void mg_sections_dispose(mg_sections *m);

/* For the tools' planners (goose.c, dbmate.c). The runs of a file with markers m: from body
 * as the up section (SQL before the first marker goes with it), and from the down marker as
 * the down section, each in the tool's transaction when m says it runs in one. */
void mg_sections_runs(mg_unit_plan *out, const mg_sections *m, size_t body, size_t len,
		      const char *up_reason, const char *down_reason);
/* Adds a problem to the plan (message and help taken); beyond MG_UNIT_MAX_PROBLEMS, frees. */
void mg_unit_plan_problem(mg_unit_plan *out, size_t offset, size_t length, char *message,
			  char *help);
/* What both tools refuse: a file with markers but no up section, a down section first, SQL
 * before the first marker. tool names the tool, up_marker its up marker as written. */
void mg_sections_problems(mg_unit_plan *out, const mg_sections *m, const char *text,
			  size_t body, size_t len, const char *tool, const char *up_marker);

#endif
