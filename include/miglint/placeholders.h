/* Placeholders that a client fills in before PostgreSQL sees the text: psql variables
 * (:var, :'var', :"var") in files psql runs, and bind parameters (:name for SQLAlchemy's
 * text(), %s and %(name)s for DB-API drivers) in SQL embedded in Python. PostgreSQL's
 * parser refuses them as written; masked with text of the same length that it reads the same
 * way (a name, a string, a parameter), a statement parses and every offset stays right. */
#ifndef MIGLINT_PLACEHOLDERS_H
#define MIGLINT_PLACEHOLDERS_H

#include <stdbool.h>
#include <stddef.h>

typedef enum mg_placeholder_style {
	MG_PLACEHOLDERS_PSQL,  /* :var, :'var', :"var" */
	MG_PLACEHOLDERS_BINDS, /* :name, %s, %(name)s */
} mg_placeholder_style;

/* Masks the placeholders of text[start, end) in place, outside strings, quoted names and
 * comments. Returns how many it masked (0: the text is unchanged). */
size_t mg_placeholders_mask(char *text, size_t start, size_t end, mg_placeholder_style style);

#endif
