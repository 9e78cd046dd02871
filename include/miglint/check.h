/* What a rule's check function may use: the statement's text and facts, and reporting.
 * Locations are the parse tree's (byte offsets into the text that was parsed); the engine
 * turns them into file positions. Rules never print, read config or fail. */
#ifndef MIGLINT_CHECK_H
#define MIGLINT_CHECK_H

#include "miglint/objects.h"
#include "miglint/pg.h"
#include "miglint/rule.h"
#include "miglint/session.h"

#include <stdbool.h>

/* Reports a finding of the running rule at a tree location (-1: the statement's start); the
 * span is the (qualified) name or token found there. Returns the finding to add help to. */
mg_finding *mg_report(mg_check *c, int location, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Reports a finding that stands only if, when the file runs a second time, `obj` is in the
 * state `when` just before this statement. The engine decides once the whole file is known,
 * by replaying every statement's effects twice (facts.h). */
mg_finding *mg_report_unless_rerun_safe(mg_check *c, mg_fails_when when, mg_object obj,
					int location, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
/* Like mg_report_unless_rerun_safe, for rules that look at many names of which few ever
 * fail: nothing is formatted now. If the condition stands once the file is read,
 * describe(c, obj, location) is called to report it with mg_report. By then the parse tree
 * is gone: obj's strings are the engine's copies, and location is only good for
 * mg_report/mg_locate in describe. */
typedef void (*mg_describe_fn)(mg_check *c, mg_object obj, int location);
void mg_report_lazily(mg_check *c, mg_fails_when when, mg_object obj, int location,
		      mg_describe_fn describe);
/* Reports a CREATE that fails on a second run if obj exists: '<kind> "<display>" is created
 * <lacking>; running this migration twice fails', at location (-1: where obj's name is),
 * with `fix` as help. The common form of MG201-MG205. */
mg_finding *mg_report_create(mg_check *c, mg_object obj, const char *kind, const char *display,
			     int location, const char *lacking, const char *fix);
/* Adds another condition to the finding reported last by mg_report_unless_rerun_safe: it
 * stands if any of its conditions holds (a rename fails if the old name is gone or the new
 * one is taken). */
void mg_also_fails_when(mg_check *c, mg_fails_when when, mg_object obj);
/* Narrows the condition added last: it holds only if obj also exists then
 * (ALTER TABLE IF EXISTS a RENAME TO b fails only when both a and b exist). */
void mg_fails_only_if_exists(mg_check *c, mg_object obj);
/* Sets the finding's help line (the fix). */
void mg_help(mg_finding *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Lowers the finding to info (a guess, or an old PostgreSQL version: said, not failed on);
 * never raises it. f may be NULL (the finding was not made). */
void mg_finding_as_info(mg_finding *f);

/* Mechanical fixes. Adds to f (NULL: nothing) a fix that inserts SQL keywords into the
 * statement, written in the case of the statement's own first keyword ("if not exists" in
 * lower-case SQL): mg_fix_insert_before puts "<words> " before the token at tree location
 * `location`, mg_fix_insert_after puts " <words>" after it. safe: the fix keeps what the
 * migration does (IF NOT EXISTS); unsafe ones need review (CONCURRENTLY, which cannot run in a
 * transaction: mg_fix_insert_after(c, f, mg_locate(c, -1, "index"), "CONCURRENTLY", false)).
 * No fix is added when the edited statement would not parse, or when the place cannot be
 * edited exactly (SQL decoded from a Python string where the bytes around it are an escape
 * sequence or the join of two literals; a DO-block statement not found verbatim), nor when
 * the engine was not asked for fixes (mg_engine_options.fixes). */
void mg_fix_insert_before(mg_check *c, mg_finding *f, int location, const char *words, bool safe);
void mg_fix_insert_after(mg_check *c, mg_finding *f, int location, const char *words, bool safe);

/* Returns the tree location of the first token from `from` (-1: statement start) that is the
 * word or name `word` (unquoted tokens compare case-insensitively), or -1. */
int mg_locate(mg_check *c, int from, const char *word);
/* Returns the tree location of the token after the one at `location`, or -1. */
int mg_next_token(mg_check *c, int location);
/* Returns the text of the token at tree location `location` as written (a quoted identifier
 * with its quotes), its length in bytes in *len_out; NULL (and 0) when location is -1 or past
 * the statement. Lent by the check until the statement is done. (The tree holds identifiers
 * as PostgreSQL's scanner left them: truncated to 63 bytes.) */
const char *mg_token_text(mg_check *c, int location, size_t *len_out);
/* Returns the tree location of the statement's first token. */
int mg_statement_location(mg_check *c);

/* The PostgreSQL major version the migrations target (pg_version in .miglint.yaml, or the
 * grammar's), for fixes that need a recent version. */
int mg_pg_version(const mg_check *c);
/* True inside a transaction: an explicit BEGIN ... COMMIT of this file, or the one the
 * migration tool opens around the file's section (goose, dbmate). */
bool mg_in_transaction(const mg_check *c);
/* Says who opened the transaction, for messages. */
const char *mg_transaction_reason(const mg_check *c);
/* What is in effect just before the statement: the transaction (reason NULL when this file's
 * BEGIN opened it), and whether lock_timeout and statement_timeout are set (non-zero) by a
 * SET earlier in this run or a SET LOCAL earlier in this transaction. */
mg_tx_state mg_transaction_state(const mg_check *c);
/* Returns the name of what PostgreSQL `pg_version` refuses to run inside a transaction block
 * ("CREATE INDEX CONCURRENTLY", "VACUUM", "ALTER TABLE ... DETACH PARTITION ... CONCURRENTLY",
 * ALTER TYPE ... ADD VALUE before 12, ...) when stmt is one of those, else NULL; *word_out
 * gets a keyword of the statement to point at. A static string. */
const char *mg_outside_transaction_only(const Node *stmt, int pg_version, const char **word_out);
/* True when an earlier statement of this file created obj and no later one dropped it (an
 * IF NOT EXISTS that may have found an older one does not count): nobody else uses it yet. */
bool mg_created_in_file(const mg_check *c, mg_object obj);
/* The same, created since the current transaction began (false outside a transaction). */
bool mg_created_in_transaction(const mg_check *c, mg_object obj);
/* True when obj exists at this point of the file as an earlier statement of it made it (an IF
 * NOT EXISTS and a rename's new name included); false when the file has not made it. */
bool mg_made_in_file(const mg_check *c, mg_object obj);
/* The name of the type this file gave column `column` of `table` so far, when the file knows
 * that type (made it, or dropped or renamed it); NULL otherwise. Lent by the check's file. */
const char *mg_column_type(const mg_check *c, const char *table, const char *column);
/* True in a down, undo or revert script (or a file's down section) when the up migration it
 * undoes created or added obj, and it still existed at the up migration's end (renames
 * followed): its data was written after the migration, which the down script removes. */
bool mg_made_by_up_migration(const mg_check *c, mg_object obj);

/* Returns "schema.name" or "name" from a name list or RangeVar, unquoted, for messages;
 * lent by the check until the statement is done. */
const char *mg_name_qualified(mg_check *c, const List *names);
const char *mg_rangevar_name(mg_check *c, const RangeVar *rv);
/* Returns a printf'd string that lives until the statement is done. */
const char *mg_tmp(mg_check *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Quotes an identifier as PostgreSQL prints it ("Users" stays quoted, users does not). */
const char *mg_quote_ident(mg_check *c, const char *name);
/* The same name quoted for SQL in a fix: public."Users". */
const char *mg_rangevar_sql(mg_check *c, const RangeVar *rv);
/* True when an INSERT's SELECT only inserts rows that are not there yet (WHERE NOT EXISTS). */
bool mg_insert_guarded(const InsertStmt *stmt);

/* For a DropStmt/COMMENT-style object node of type t, fills the replay's object naming it
 * (strings lent until the statement is done). Returns false for object kinds the replay does
 * not track. (mg_name_last and mg_object_type_word are in objects.h.) */
bool mg_object_of(mg_check *c, ObjectType t, const Node *object, mg_object *out);

#endif
