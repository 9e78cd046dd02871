/* Migration files that hold the up and the down migration in one file, with marker comments:
 * goose (-- +goose Up / Down, -- +goose NO TRANSACTION) and dbmate (-- migrate:up,
 * -- migrate:down, transaction:false). Each section is a run of its own, and both tools run a
 * section inside a transaction unless told otherwise. */
#ifndef MIGLINT_SECTIONS_H
#define MIGLINT_SECTIONS_H

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
} mg_sections;

/* Finds the markers in text[from, len). */
void mg_sections_find(mg_sections *out, const char *text, size_t from, size_t len);
/* The tool's name, for messages ("goose", "dbmate"). */
const char *mg_sections_tool_name(mg_section_tool tool);

#endif
