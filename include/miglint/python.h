/* A static reader of Python source: enough of the tokenizer to read migration modules without
 * running them (strings of every form, comments, brackets over several lines, backslash
 * continuations), and the module-level assignments Alembic and Django migrations make. */
#ifndef MIGLINT_PYTHON_H
#define MIGLINT_PYTHON_H

#include <stdbool.h>
#include <stddef.h>

typedef enum mg_py_kind {
	MG_PY_NAME,
	MG_PY_NUMBER,
	MG_PY_STRING,
	MG_PY_OP,
	MG_PY_NEWLINE, /* end of a logical line */
	MG_PY_END,
	MG_PY_ERROR,   /* an unterminated string or bracket */
} mg_py_kind;

typedef struct mg_py_token {
	mg_py_kind kind;
	size_t start, end;   /* bytes of the token in the source */
	int indent;          /* column of the first token of its logical line */
	bool first;          /* first token of its logical line */
	int depth;           /* bracket depth before the token */
} mg_py_token;

/* Tokenizes src[0, len) into *out (free with free()). Always succeeds; problems are
 * MG_PY_ERROR tokens. */
void mg_py_tokenize(mg_py_token **out, size_t *count_out, const char *src, size_t len);

/* A string literal's value. */
typedef enum mg_py_string_kind { MG_PY_STR, MG_PY_BYTES, MG_PY_FSTRING } mg_py_string_kind;

/* Decodes a string token (prefix, quotes, escapes; raw strings kept as written) into a
 * malloc'd string; *map_out, when not NULL, gets for each byte of the value the source offset
 * it came from (len + 1 entries, malloc'd). Returns its kind. */
mg_py_string_kind mg_py_string(char **value_out, size_t **map_out, const char *src,
			       const mg_py_token *tok);

/* A value assigned at module level, as far as it can be read without running code. */
typedef struct mg_py_value {
	bool present;        /* the name is assigned */
	bool is_static;      /* None, a string, or a tuple or list of strings */
	bool is_none;
	bool is_sequence;    /* written as a tuple or list */
	char **items;        /* the strings, in order */
	size_t *item_offsets;/* where each string starts */
	size_t count;
	size_t offset, length; /* the whole value in the source */
} mg_py_value;

/* Reads the last module-level assignment to `name` (plain or annotated). */
void mg_py_assignment(mg_py_value *out, const char *src, const mg_py_token *toks, size_t n,
		      const char *name);
void mg_py_value_dispose(mg_py_value *v);

/* The module docstring: the first statement when it is a string. Fills the token index, or
 * returns false. */
bool mg_py_docstring(size_t *index_out, const mg_py_token *toks, size_t n);

#endif
