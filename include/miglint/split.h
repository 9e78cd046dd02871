/* Splits SQL text into pieces without parsing it: statements, psql meta-commands, COPY data and
 * miglint directive comments. It follows psql's own lexical rules (quotes of every kind, nested
 * comments, dollar quotes, BEGIN ATOMIC bodies) so that boundaries match what psql would send.
 * The real parser still decides what a statement is; these pieces only cut the text into parse
 * batches and let a syntax error be isolated to one statement. */
#ifndef MIGLINT_SPLIT_H
#define MIGLINT_SPLIT_H

#include <stddef.h>

typedef enum mg_piece_kind {
	MG_PIECE_SQL,       /* a statement, from its first token to just after its ';' (or the end) */
	MG_PIECE_META,      /* a psql backslash command, to the end of its line */
	MG_PIECE_COPY_DATA, /* the data lines after COPY ... FROM STDIN, up to and including \. */
	MG_PIECE_DIRECTIVE, /* a comment whose text starts with "miglint:" */
} mg_piece_kind;

typedef struct mg_piece {
	mg_piece_kind kind;
	size_t start;
	size_t end;
} mg_piece;

/* Splits text[from, len) and gives the pieces, in order, in *out (caller frees with free()). */
void mg_split(mg_piece **out, size_t *count_out, const char *text, size_t from, size_t len);

/* Returns the offset of the first byte at or after i in text[..end) that is not white space or
 * part of a comment. */
size_t mg_lex_skip_trivia(const char *text, size_t i, size_t end);
/* Returns the end of the SQL token starting at i: a word, a quoted name, a string, a number or
 * one punctuation character. */
size_t mg_lex_token_end(const char *text, size_t i, size_t end);
/* Returns the end of a possibly qualified name (a.b."c") starting at i. */
size_t mg_lex_name_end(const char *text, size_t i, size_t end);

#endif
