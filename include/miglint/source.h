/* A file's bytes and its line index. Lines end at LF, CRLF or a lone CR; lines and columns are
 * 1-based and columns count Unicode code points, so a finding lands where an editor shows it. */
#ifndef MIGLINT_SOURCE_H
#define MIGLINT_SOURCE_H

#include <stddef.h>
#include <stdio.h>

typedef struct mg_source {
	char *path;          /* as the user gave it */
	char *text;          /* the bytes, NUL-terminated; NUL bytes inside are replaced by spaces */
	size_t len;
	size_t *line_starts; /* byte offset of each line's first byte */
	size_t line_count;
	size_t body;         /* first byte after a UTF-8 byte order mark (0 or 3) */
	long first_nul;      /* offset of the first NUL byte in the file, or -1 */
	long first_bad_utf8; /* offset of the first invalid UTF-8 sequence, or -1 */
	char *read_error;    /* why the file could not be read, or NULL */
} mg_source;

/* Reads path (or `stream` when not NULL) into out. Never fails: a file that cannot be read sets
 * out->read_error (the caller reports it as a finding). mg_source_dispose releases it. */
void mg_source_load(mg_source *out, const char *path, FILE *stream);
/* Builds a source from bytes in memory (tests). */
void mg_source_from_bytes(mg_source *out, const char *path, const char *bytes, size_t len);
void mg_source_dispose(mg_source *src);

/* Fills 1-based line and column (in code points) of the byte at offset. */
void mg_source_position(const mg_source *src, size_t offset, int *line_out, int *column_out);
/* Returns the byte range [start, end) of 1-based line `line`, without its terminator. */
void mg_source_line_range(const mg_source *src, int line, size_t *start_out, size_t *end_out);

#endif
