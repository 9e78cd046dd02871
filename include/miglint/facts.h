/* The replay: what a file's statements create and drop, and which re-run conditions hold.
 *
 * It answers questions and makes no finding. The engine tells it, statement by statement,
 * what each statement does (mg_facts_record) and under which conditions a rule says the
 * statement would fail on a second run of the file (mg_facts_hold). Once the whole file is
 * known, mg_facts_resolve replays it twice and mg_facts_stands says which of those conditions
 * hold; whoever held a finding on a condition keeps it or drops it. */
#ifndef MIGLINT_FACTS_H
#define MIGLINT_FACTS_H

#include "miglint/objects.h"
#include "miglint/pg.h"

#include <stdbool.h>

typedef struct mg_facts mg_facts;

/* Gives an empty replay. Free with mg_facts_free. */
void mg_facts_new(mg_facts **out);
void mg_facts_free(mg_facts *f);

/* Starts the next statement, in file order (statements of DO blocks included), and returns
 * its time: 1 for the first statement, then 2, 3, ... */
int mg_facts_next_statement(mg_facts *f);
/* Records what the current statement creates, drops and makes depend on what. */
void mg_facts_record(mg_facts *f, const Node *stmt);

/* Holds a condition of the current statement: it would fail on a second run if obj is in the
 * state `when` just before it. group 0 starts a new group; a group stands if any of its
 * conditions holds. Returns the group (> 0), or 0 when obj has no name (nothing is held). */
int mg_facts_hold(mg_facts *f, int group, mg_fails_when when, mg_object obj);
/* Narrows the condition held last, when it belongs to `group`: it holds only if obj also
 * exists then. */
void mg_facts_narrow(mg_facts *f, int group, mg_object obj);
/* Replays the recorded statements twice, as running the file twice would (a statement that
 * fails on the second run has no effects there). Call once, after the last statement. */
void mg_facts_resolve(mg_facts *f);
/* After mg_facts_resolve: true when the group's statement fails on the second run because of
 * one of the group's conditions. */
bool mg_facts_stands(const mg_facts *f, int group);
/* Fills obj with the object that the group's first condition names; its strings are copied
 * into *storage_out, which the caller frees. */
void mg_facts_group_object(const mg_facts *f, int group, mg_object *obj_out,
			   char **storage_out);

/* The time of the statement of this file that created obj, when it exists now and this file
 * made it (not IF NOT EXISTS over an older one); -1 otherwise. */
int mg_facts_created_at(const mg_facts *f, mg_object obj);
/* The name of the type the file last gave column `column` of `table` (CREATE TABLE, ADD
 * COLUMN, ALTER COLUMN TYPE), when the file itself made or used that type; NULL otherwise.
 * Lent: lives as long as f. */
const char *mg_facts_column_type(const mg_facts *f, const char *table, const char *column);
/* The time of the statement of this file that last made obj exist (an IF NOT EXISTS
 * included, a rename's new name too), when it exists at the statement being recorded (once the
 * file is read: at its end); -1 otherwise. */
int mg_facts_made_at(const mg_facts *f, mg_object obj);

#endif
