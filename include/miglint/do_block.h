/* DO blocks: the statements in a PL/pgSQL body, and what the block guards them against. */
#ifndef MIGLINT_DO_BLOCK_H
#define MIGLINT_DO_BLOCK_H

#include "miglint/pg.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct mg_check mg_check;

/* What a DO block guards its statements against: everything (a catalog test, WHEN others),
 * or the errors its exception handlers catch (SQLSTATE codes; "42000" names a class). */
typedef struct mg_guard {
	bool all;
	char codes[32][6];
	size_t count;
} mg_guard;

/* How the engine checks one statement; called for each SQL statement of the body. */
typedef void (*mg_statement_fn)(mg_check *c, const Node *stmt);

/* Checks a DO block: each statement of its body through check_statement, with c's statement
 * place, depth and guard set for it (restored afterwards). A body that is not PL/pgSQL, or
 * that does not parse, is left alone. */
void mg_do_block_check(mg_check *c, const DoStmt *stmt, mg_statement_fn check_statement);

#endif
