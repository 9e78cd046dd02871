/* What is in effect at a statement of a migration: the transaction (and who opened it) and the
 * timeouts that SET, SET LOCAL and RESET of the same run have set. The engine applies each
 * statement after the rules have seen it, so a rule reads the state just before its statement.
 * set_config('lock_timeout', ...) in a SELECT's target list counts as SET (or SET LOCAL). */
#ifndef MIGLINT_SESSION_H
#define MIGLINT_SESSION_H

#include "miglint/pg.h"

#include <stdbool.h>

/* The state a rule asks for (mg_transaction_state in check.h). */
typedef struct mg_tx_state {
	bool in_transaction;
	const char *reason;         /* who opened it when the migration tool did (a sentence for
				     * messages); NULL when the file's own BEGIN did, or outside */
	bool lock_timeout_set;      /* lock_timeout is non-zero here (SET or SET LOCAL) */
	bool statement_timeout_set; /* statement_timeout is non-zero here */
} mg_tx_state;

/* SET LOCAL's override of a setting, which the transaction's end drops. */
typedef enum mg_session_local { MG_SESSION_LOCAL_NONE, MG_SESSION_LOCAL_OFF, MG_SESSION_LOCAL_ON } mg_session_local;

/* One of the tracked settings (true: a non-zero timeout): the session's value, the value when
 * the transaction began (ROLLBACK restores it), and SET LOCAL's override. */
typedef struct mg_session_setting {
	bool session;
	bool at_begin;
	mg_session_local local;
} mg_session_setting;

/* Zero-initialised: outside a transaction, nothing set. */
typedef struct mg_session {
	bool in_transaction;
	const char *reason;
	int transaction_start; /* time of the statement that opened it; 0 for the tool's */
	bool implicit;         /* the run is one multi-statement query: PostgreSQL's implicit
				* transaction holds a SET LOCAL until the query ends */
	mg_session_setting lock_timeout;
	mg_session_setting statement_timeout;
} mg_session;

/* Starts a run of SQL on a fresh connection; when tool_reason is not NULL, inside the
 * transaction the migration tool opened (the sentence says so in messages). */
void mg_session_start(mg_session *s, const char *tool_reason);
/* Applies what stmt, the statement at `time` (mg_facts_next_statement), changes: BEGIN, COMMIT,
 * ROLLBACK, SET, SET LOCAL, RESET of lock_timeout and statement_timeout. */
void mg_session_apply(mg_session *s, const Node *stmt, int time);
/* The state in effect now. */
mg_tx_state mg_session_state(const mg_session *s);
/* True inside a transaction that began before the statement at `time` (an object that
 * statement created is then new to the transaction). */
bool mg_session_since_transaction_start(const mg_session *s, int time);

#endif
